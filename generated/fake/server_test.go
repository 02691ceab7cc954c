package fake

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// startServer serves the chat handler of a fake with cfg on a loopback
// port until the test ends, and returns the Server and its base URL.
func startServer(t *testing.T, cfg ServerConfig) (*Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	chat, _, err := NewHandlers(Config{AuthToken: token, ChatBaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(chat, cfg)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-done; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("Serve = %v", err)
		}
	})
	return srv, base
}

// dial opens n loopback connections to base that the test closes at its
// end, and writes first (if not empty) on each.
func dial(t *testing.T, base string, n int, first string) []net.Conn {
	t.Helper()
	addr := strings.TrimPrefix(base, "http://")
	conns := make([]net.Conn, 0, n)
	for range n {
		c, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err != nil {
			t.Fatalf("dial: %v", err)
		}
		t.Cleanup(func() { c.Close() })
		if first != "" {
			if _, err := io.WriteString(c, first); err != nil {
				t.Fatal(err)
			}
		}
		conns = append(conns, c)
	}
	return conns
}

// served checks that a fresh client is served a create within limit.
func served(t *testing.T, base string, limit time.Duration) {
	t.Helper()
	hc := &http.Client{Timeout: limit, Transport: &http.Transport{DisableKeepAlives: true}}
	c, err := chatv2.NewClient(chatv2.WithBaseURL(base), chatv2.WithCredentials(string(account1), token),
		chatv2.WithHTTPClient(hc), chatv2.WithRetry(twilio.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = c.CreateUser(context.Background(), service1, chatv2.CreateUserParams{Identity: fmt.Sprint("u", time.Now().UnixNano())})
	if err != nil {
		t.Fatalf("a client beside the abusers: %v after %v", err, time.Since(start))
	}
}

// closedWithin checks that the server closes c within limit.
func closedWithin(t *testing.T, c net.Conn, limit time.Duration) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(limit))
	_, err := io.Copy(io.Discard, c) // until EOF or an error
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server kept a connection open for %v", limit)
	}
}

// TestServerAbuse checks that idle connections, slow headers and slow
// bodies neither lock others out nor stay open past the timeouts, and that
// the connections open never exceed MaxConns.
func TestServerAbuse(t *testing.T) {
	const maxConns = 20
	srv, base := startServer(t, ServerConfig{
		ReadHeaderTimeout: 300 * time.Millisecond,
		ReadTimeout:       600 * time.Millisecond,
		WriteTimeout:      time.Second,
		IdleTimeout:       300 * time.Millisecond,
		MaxConns:          maxConns,
	})
	users := "/v2/Services/" + string(service1) + "/Users"
	slowBody := "POST " + users + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
		"Authorization: Basic " + basicAuth(string(account1), token) + "\r\nContent-Length: 100\r\n\r\nI"
	bodies := dial(t, base, 10, slowBody)
	headers := dial(t, base, 5, "GET "+users+" HTTP/1.1\r\nHost: x\r\n")
	idle := dial(t, base, 60, "")

	var wg sync.WaitGroup
	var mu sync.Mutex
	most := 0
	stop := make(chan struct{})
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
			mu.Lock()
			most = max(most, srv.OpenConns())
			mu.Unlock()
		}
	})
	for range 3 {
		served(t, base, 2*time.Second)
	}
	for _, c := range append(bodies, headers...) {
		closedWithin(t, c, 3*time.Second)
	}
	for _, c := range idle {
		closedWithin(t, c, 3*time.Second)
	}
	close(stop)
	wg.Wait()
	if most > maxConns {
		t.Errorf("%d connections open at once, over MaxConns %d", most, maxConns)
	}
}

// TestServerAllBusy checks that when every connection is in the middle of a
// request, a new one waits for room (bounded by the timeouts) and is then
// served.
func TestServerAllBusy(t *testing.T) {
	_, base := startServer(t, ServerConfig{ReadTimeout: 500 * time.Millisecond, WriteTimeout: time.Second, MaxConns: 4})
	users := "/v2/Services/" + string(service1) + "/Users"
	dial(t, base, 4, "POST "+users+" HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nI")
	time.Sleep(50 * time.Millisecond) // let the server read their headers
	served(t, base, 3*time.Second)
}

// TestServerMaxHeaderBytes checks that a header over MaxHeaderBytes is
// refused with 431.
func TestServerMaxHeaderBytes(t *testing.T) {
	_, base := startServer(t, ServerConfig{MaxHeaderBytes: 1 << 10})
	c := dial(t, base, 1, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: "+strings.Repeat("a", 8<<10)+"\r\n\r\n")[0]
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("status %d, want 431", resp.StatusCode)
	}
}

func TestServerConfigDefaults(t *testing.T) {
	s := NewServer(http.NotFoundHandler(), ServerConfig{})
	h := s.srv
	if h.ReadHeaderTimeout != DefaultReadHeaderTimeout || h.ReadTimeout != DefaultReadTimeout ||
		h.WriteTimeout != DefaultWriteTimeout || h.IdleTimeout != DefaultIdleTimeout ||
		h.MaxHeaderBytes != DefaultMaxHeaderBytes || s.lim == nil || s.lim.max != DefaultMaxConns {
		t.Fatalf("defaults: %+v, cap %v", h, s.lim)
	}
	s = NewServer(http.NotFoundHandler(), ServerConfig{ReadTimeout: -1, MaxConns: -1})
	if s.srv.ReadTimeout != 0 || s.lim != nil || s.OpenConns() != -1 {
		t.Fatalf("negative means none: %v, %v", s.srv.ReadTimeout, s.lim)
	}
}

func basicAuth(user, pass string) string {
	r, _ := http.NewRequest("GET", "/", nil)
	r.SetBasicAuth(user, pass)
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Basic ")
}
