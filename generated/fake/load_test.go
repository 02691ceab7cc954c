package fake

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoad runs only when FAKE_LOAD is a duration per measurement, such as
// 2s (make load). It serves the Chat v2 handler of the fake, and the
// hand-written baseline of BenchmarkServer over the same kind of store,
// each with the default ServerConfig on a loopback listener, and drives
// fetch, create and list (a page of 50) at concurrency 1, 16 and 64 with
// keep-alive clients for that long each, alternating the two handlers. It
// prints a table of requests per second and latency percentiles, and fails
// on any unexpected status. It asserts no speed.
func TestLoad(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("FAKE_LOAD"))
	if err != nil || d <= 0 {
		t.Skip("set FAKE_LOAD to a duration (make load) to run the load test")
	}
	handlers := []struct {
		name string
		make func(st *Store, base string) http.Handler
	}{
		{"generated", func(st *Store, base string) http.Handler {
			chat, _, err := NewHandlers(Config{Store: st, AuthToken: benchToken, ChatBaseURL: base})
			if err != nil {
				t.Fatal(err)
			}
			return chat
		}},
		{"baseline", func(st *Store, _ string) http.Handler { return baseline(st, benchToken) }},
	}
	var table strings.Builder
	fmt.Fprintf(&table, "| operation | concurrency | handler | requests/s | p50 | p99 |\n|---|---|---|---|---|---|\n")
	for _, op := range []string{"fetch", "create", "list50"} {
		for _, conc := range []int{1, 16, 64} {
			for _, h := range handlers {
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					t.Fatal(err)
				}
				base := "http://" + ln.Addr().String()
				st := NewStore(WithMaxUsers(0, 0)) // creates for as long as it runs
				srv := NewServer(h.make(st, base), ServerConfig{})
				go srv.Serve(ln)
				r := drive(t, base, op, conc, d)
				srv.Close()
				fmt.Fprintf(&table, "| %s | %d | %s | %.0f | %v | %v |\n", op, conc, h.name,
					float64(r.reqs)/d.Seconds(), r.p50.Round(time.Microsecond), r.p99.Round(time.Microsecond))
			}
		}
	}
	t.Logf("loopback load, %v a row:\n%s", d, table.String())
}

// loadResult is what one drive measured.
type loadResult struct {
	reqs     int
	p50, p99 time.Duration
}

// drive seeds 60 users at base, then runs conc clients doing op for d.
func drive(t *testing.T, base, op string, conc int, d time.Duration) loadResult {
	t.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	users := base + "/v2/Services/" + benchService + "/Users"
	do := func(method, url, body string, want int) error {
		req, err := http.NewRequest(method, url, strings.NewReader(body))
		if err != nil {
			return err
		}
		req.SetBasicAuth(benchAccount, benchToken)
		if body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			return fmt.Errorf("%s %s: %d, want %d", method, url, resp.StatusCode, want)
		}
		return nil
	}
	for i := range 60 {
		if err := do("POST", users, "Identity=seed"+strconv.Itoa(i), http.StatusCreated); err != nil {
			t.Fatal(err)
		}
	}
	var next atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var failed error
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			var mine []time.Duration
			for time.Now().Before(deadline) {
				start := time.Now()
				var err error
				switch op {
				case "fetch":
					err = do("GET", users+"/seed7", "", http.StatusOK)
				case "create":
					err = do("POST", users, "Identity=user"+strconv.FormatInt(next.Add(1), 10), http.StatusCreated)
				case "list50":
					err = do("GET", users+"?PageSize=50", "", http.StatusOK)
				}
				if err != nil {
					mu.Lock()
					failed = err
					mu.Unlock()
					return
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	if failed != nil {
		t.Fatal(failed)
	}
	slices.Sort(lat)
	if len(lat) == 0 {
		t.Fatal("no request completed")
	}
	return loadResult{reqs: len(lat), p50: lat[len(lat)/2], p99: lat[len(lat)*99/100]}
}
