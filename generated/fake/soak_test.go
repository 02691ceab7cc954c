//go:build unix

package fake

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// TestSoak runs only when FAKE_SOAK is a duration, such as 20s (make soak):
// for that long, 200 clients send request bodies a byte at a time and
// waves of idle connections arrive (5000 in all), while a client makes a
// fresh connection every 50ms to create and fetch a user. Every one of its
// requests must succeed within 2s, and the server must never hold more than
// its MaxConns. The server runs with the default ServerConfig, on loopback.
func TestSoak(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("FAKE_SOAK"))
	if err != nil || d <= 0 {
		t.Skip("set FAKE_SOAK to a duration (make soak) to run the soak test")
	}
	const slowClients, legitEvery, legitLimit = 200, 50 * time.Millisecond, 2 * time.Second
	idleTotal := 5000
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	// Client and server share the process: the idle connections (closed on
	// our side when the server closes them, but count them all), the slow
	// ones, the server's side of at most DefaultMaxConns, and room to spare.
	need := idleTotal + slowClients + DefaultMaxConns + 200
	if uint64(need) > lim.Cur {
		idleTotal = int(lim.Cur) - slowClients - DefaultMaxConns - 200
		if idleTotal < 2*DefaultMaxConns {
			t.Skipf("ulimit -n is %d; the soak test needs about %d", lim.Cur, need)
		}
		t.Logf("ulimit -n is %d: %d idle connections instead of 5000", lim.Cur, idleTotal)
	}

	srv, base := startServer(t, ServerConfig{})
	addr := base[len("http://"):]
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var wg sync.WaitGroup
	var slowCut, idleOpened, idleEvicted atomic.Int64

	// Slow bodies: a byte every 500ms of a 60000-byte body; reconnect
	// when the server cuts one (ReadTimeout).
	users := "/v2/Services/" + string(service1) + "/Users"
	head := "POST " + users + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
		"Authorization: Basic " + basicAuth(string(account1), token) + "\r\nContent-Length: 60000\r\n\r\n"
	for range slowClients {
		wg.Go(func() {
			for ctx.Err() == nil {
				c, err := net.DialTimeout("tcp", addr, time.Second)
				if err != nil {
					time.Sleep(100 * time.Millisecond)
					continue
				}
				_, err = io.WriteString(c, head)
				for err == nil && ctx.Err() == nil {
					select {
					case <-ctx.Done():
					case <-time.After(500 * time.Millisecond):
						_, err = io.WriteString(c, "a")
					}
				}
				if err != nil {
					slowCut.Add(1)
				}
				c.Close()
			}
		})
	}

	// Idle connections, in waves over the first three quarters of the run;
	// each is closed on our side when the server closes it.
	wg.Go(func() {
		waves := 20
		tick := time.NewTicker(d * 3 / 4 / time.Duration(waves))
		defer tick.Stop()
		for w := 0; w < waves && ctx.Err() == nil; w++ {
			for range idleTotal / waves {
				c, err := net.DialTimeout("tcp", addr, time.Second)
				if err != nil {
					continue
				}
				idleOpened.Add(1)
				wg.Go(func() {
					defer c.Close()
					done := make(chan struct{})
					go func() {
						select {
						case <-ctx.Done():
							c.Close()
						case <-done:
						}
					}()
					io.Copy(io.Discard, c)
					close(done)
					if ctx.Err() == nil {
						idleEvicted.Add(1)
					}
				})
			}
			select {
			case <-ctx.Done():
			case <-tick.C:
			}
		}
	})

	// The server's connections, sampled.
	var most atomic.Int64
	wg.Go(func() {
		for ctx.Err() == nil {
			if n := int64(srv.OpenConns()); n > most.Load() {
				most.Store(n)
			}
			time.Sleep(5 * time.Millisecond)
		}
	})

	// The well-behaved client.
	hc := &http.Client{Timeout: legitLimit, Transport: &http.Transport{DisableKeepAlives: true}}
	c, err := chatv2.NewClient(chatv2.WithBaseURL(base), chatv2.WithCredentials(string(account1), token),
		chatv2.WithHTTPClient(hc), chatv2.WithRetry(twilio.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	var lat []time.Duration
	var failures []error
	tick := time.NewTicker(legitEvery)
	for i := 0; ctx.Err() == nil; i++ {
		start := time.Now()
		id := fmt.Sprint("legit-", i)
		_, err := c.CreateUser(context.Background(), service1, chatv2.CreateUserParams{Identity: id})
		if err == nil {
			_, err = c.FetchUser(context.Background(), service1, twilio.UserRefIdentity(id))
		}
		lat = append(lat, time.Since(start))
		if err != nil {
			failures = append(failures, err)
		}
		select {
		case <-ctx.Done():
		case <-tick.C:
		}
	}
	tick.Stop()
	cancel()
	wg.Wait()

	slices.Sort(lat)
	t.Logf("%v: %d client rounds, latency p50 %v p99 %v max %v; %d idle connections opened, %d closed by the server; %d slow bodies cut; at most %d connections open (cap %d)",
		d, len(lat), lat[len(lat)/2], lat[len(lat)*99/100], lat[len(lat)-1], idleOpened.Load(), idleEvicted.Load(), slowCut.Load(), most.Load(), DefaultMaxConns)
	if len(failures) > 0 {
		t.Errorf("%d of %d rounds failed; first: %v", len(failures), len(lat), failures[0])
	}
	if most.Load() > DefaultMaxConns {
		t.Errorf("%d connections open at once, over the cap of %d", most.Load(), DefaultMaxConns)
	}
}
