package apigen

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"iter"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	twilio "github.com/apigen-dev/apigen/templates/runtime"
)

const (
	testAccountSID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	testKeySID     = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	// testSecret is the Auth Token or API Key Secret of every test: no
	// error may ever contain it.
	testSecret = "s3cr3t-T0KEN-7f1e9d"
)

// fastRetry keeps the retry tests fast.
var fastRetry = twilio.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}

// newTestCore returns a Core for srv with the test credentials and
// fastRetry; opts come last and so override them.
func newTestCore(t *testing.T, srv *httptest.Server, opts ...twilio.ClientOption) *Core {
	t.Helper()
	all := append([]twilio.ClientOption{
		twilio.WithBaseURL(srv.URL),
		twilio.WithHTTPClient(srv.Client()),
		twilio.WithCredentials(testAccountSID, testSecret),
		twilio.WithRetry(fastRetry),
	}, opts...)
	c, err := NewCore("https://chat.twilio.com", all...)
	if err != nil {
		t.Fatalf("NewCore: %v", err)
	}
	return c
}

// assertNoSecret fails when err's text holds the test secret, in clear or
// as Basic auth credentials.
func assertNoSecret(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	forbidden := []string{
		testSecret,
		base64.StdEncoding.EncodeToString([]byte(testAccountSID + ":" + testSecret)),
		base64.StdEncoding.EncodeToString([]byte(testKeySID + ":" + testSecret)),
	}
	for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
		for _, f := range forbidden {
			if strings.Contains(text, f) {
				t.Errorf("error leaks credentials: %s", text)
			}
		}
	}
}

// statusHandler answers every request with status, the Retry-After header
// when not empty, and body, counting requests in n.
func statusHandler(n *atomic.Int32, status int, retryAfter, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

// resetConn closes the connection of the request with a TCP reset, without
// a response.
func resetConn(t *testing.T, w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Error("ResponseWriter is not a Hijacker")
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Errorf("Hijack: %v", err)
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}

func TestNewCoreBaseURL(t *testing.T) {
	tests := []struct {
		name    string
		def     string
		opts    []twilio.ClientOption
		want    string
		wantErr bool
	}{
		{name: "default", def: "https://chat.twilio.com", want: "https://chat.twilio.com"},
		{name: "trailing slash", def: "https://chat.twilio.com/", want: "https://chat.twilio.com"},
		{name: "override", def: "https://chat.twilio.com", opts: []twilio.ClientOption{twilio.WithBaseURL("http://127.0.0.1:8080/prefix/")}, want: "http://127.0.0.1:8080/prefix"},
		{name: "override fixes bad default", def: "not a url", opts: []twilio.ClientOption{twilio.WithBaseURL("https://conversations.twilio.com")}, want: "https://conversations.twilio.com"},
		{name: "empty", def: "", wantErr: true},
		{name: "relative", def: "/v1", wantErr: true},
		{name: "no scheme", def: "chat.twilio.com", wantErr: true},
		{name: "ftp", def: "ftp://chat.twilio.com", wantErr: true},
		{name: "no host", def: "https://", wantErr: true},
		{name: "query", def: "https://chat.twilio.com?x=1", wantErr: true},
		{name: "empty query", def: "https://chat.twilio.com/?", wantErr: true},
		{name: "fragment", def: "https://chat.twilio.com#top", wantErr: true},
		{name: "user info", def: "https://" + testAccountSID + ":" + testSecret + "@chat.twilio.com", wantErr: true},
		{name: "bad override", def: "https://chat.twilio.com", opts: []twilio.ClientOption{twilio.WithBaseURL("https://x:" + testSecret + "@%zz")}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewCore(tt.def, tt.opts...)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("NewCore(%q) = %q; want error", tt.def, c.BaseURL())
				}
				if !strings.HasPrefix(err.Error(), "twilio: invalid base URL") {
					t.Errorf("error %q; want twilio: invalid base URL prefix", err)
				}
				assertNoSecret(t, err)
				return
			}
			if err != nil {
				t.Fatalf("NewCore(%q): %v", tt.def, err)
			}
			if got := c.BaseURL(); got != tt.want {
				t.Errorf("BaseURL() = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestNewCoreUserAgentSuffix(t *testing.T) {
	if _, err := NewCore("https://chat.twilio.com", twilio.WithUserAgent("app/1\r\nX-Evil: 1")); err == nil {
		t.Error("NewCore accepted a User-Agent suffix with CR LF")
	}
}

func TestRetryPolicyDefaults(t *testing.T) {
	got := retryDefaults(twilio.RetryPolicy{})
	want := twilio.RetryPolicy{MaxAttempts: 3, BaseDelay: 200 * time.Millisecond, MaxDelay: 5 * time.Second}
	if got != want {
		t.Errorf("retryDefaults(RetryPolicy{}) = %+v; want %+v", got, want)
	}
	custom := twilio.RetryPolicy{MaxAttempts: 1, BaseDelay: time.Second, MaxDelay: time.Minute, RetryNonIdempotent: true}
	if got := retryDefaults(custom); got != custom {
		t.Errorf("retryDefaults changed a full policy: %+v; want %+v", got, custom)
	}
}

func TestBackoff(t *testing.T) {
	p := retryDefaults(twilio.RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second})
	for n := 1; n <= 70; n++ {
		ceiling := time.Second
		if n <= 4 {
			ceiling = 100 * time.Millisecond << (n - 1)
		}
		var lo, hi time.Duration = ceiling, 0
		for range 300 {
			d := backoff(p, n)
			if d < 0 || d > ceiling {
				t.Fatalf("backoff(%d) = %v; want in [0, %v]", n, d, ceiling)
			}
			lo, hi = min(lo, d), max(hi, d)
		}
		// With full jitter, 300 draws cover most of [0, ceiling].
		if lo > ceiling/5 || hi < ceiling*4/5 {
			t.Errorf("backoff(%d) drew only [%v, %v] of [0, %v]; want full jitter", n, lo, hi, ceiling)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"0", 0, true},
		{"3", 3 * time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"Wed, 01 May 2024 12:00:07 GMT", 7 * time.Second, true},
		{"Wed, 01 May 2024 11:00:00 GMT", 0, true},
		{"99999999999999999999", time.Duration(1<<63 - 1), true},
		{"", 0, false},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

// captured is what a test server saw of a request.
type captured struct {
	method, path, query, body string
	header                    http.Header
	user, pass                string
	hasAuth                   bool
	contentLength             int64
}

func captureServer(t *testing.T, status int, respBody string) (*httptest.Server, <-chan captured) {
	ch := make(chan captured, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("reading request body: %v", err)
		}
		user, pass, ok := r.BasicAuth()
		ch <- captured{
			method: r.Method, path: r.URL.EscapedPath(), query: r.URL.RawQuery, body: string(body),
			header: r.Header.Clone(), user: user, pass: pass, hasAuth: ok, contentLength: r.ContentLength,
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, respBody)
	}))
	t.Cleanup(srv.Close)
	return srv, ch
}

func TestDoWireFormat(t *testing.T) {
	srv, reqs := captureServer(t, http.StatusCreated, `{"sid":"US1"}`)
	c := newTestCore(t, srv, twilio.WithUserAgent("myapp/2.0"))
	call := &Call{
		Method: http.MethodPost,
		Path:   "/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/alice%2B1%40example.com",
		Query:  url.Values{"PageSize": {"50"}, "Order": {"asc"}},
		Header: http.Header{"X-Twilio-Webhook-Enabled": {"true"}, "Authorization": {"Bearer not-ours"}},
		Form:   url.Values{"Identity": {"alice+1@example.com"}, "FriendlyName": {""}, "RoleSid": {"RLx"}},
	}
	var out struct {
		Sid string `json:"sid"`
	}
	if err := c.Do(context.Background(), call, &out); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if out.Sid != "US1" {
		t.Errorf("decoded sid = %q; want US1", out.Sid)
	}
	got := <-reqs
	checks := []struct{ what, got, want string }{
		{"method", got.method, "POST"},
		{"path", got.path, "/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/alice%2B1%40example.com"},
		{"query", got.query, "Order=asc&PageSize=50"},
		{"body", got.body, "FriendlyName=&Identity=alice%2B1%40example.com&RoleSid=RLx"},
		{"Content-Type", got.header.Get("Content-Type"), "application/x-www-form-urlencoded"},
		{"Accept", got.header.Get("Accept"), "application/json"},
		{"User-Agent", got.header.Get("User-Agent"), "apigen-go/1 (" + runtime.Version() + ") myapp/2.0"},
		{"extra header", got.header.Get("X-Twilio-Webhook-Enabled"), "true"},
		{"auth user", got.user, testAccountSID},
		{"auth password", got.pass, testSecret},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s = %q; want %q", ck.what, ck.got, ck.want)
		}
	}
	if n := len(got.header.Values("Authorization")); n != 1 {
		t.Errorf("%d Authorization headers; want 1", n)
	}
}

func TestDoGetHasNoBody(t *testing.T) {
	srv, reqs := captureServer(t, http.StatusOK, `{}`)
	c := newTestCore(t, srv)
	if err := c.Do(context.Background(), &Call{Method: http.MethodGet, Path: "/v1/Users"}, nil); err != nil {
		t.Fatalf("Do: %v", err)
	}
	got := <-reqs
	if got.method != "GET" || got.path != "/v1/Users" || got.query != "" {
		t.Errorf("request = %s %s?%s; want GET /v1/Users", got.method, got.path, got.query)
	}
	if ct := got.header.Get("Content-Type"); ct != "" || got.body != "" || got.contentLength != 0 {
		t.Errorf("GET sent Content-Type %q, body %q (length %d); want none", ct, got.body, got.contentLength)
	}
	if ua := got.header.Get("User-Agent"); ua != "apigen-go/1 ("+runtime.Version()+")" {
		t.Errorf("User-Agent = %q; want the base User-Agent", ua)
	}
}

func TestDoAuth(t *testing.T) {
	tests := []struct {
		name     string
		opt      twilio.ClientOption
		wantUser string
	}{
		{"credentials", twilio.WithCredentials(testAccountSID, testSecret), testAccountSID},
		{"API key", twilio.WithAPIKey(testAccountSID, testKeySID, testSecret), testKeySID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, reqs := captureServer(t, http.StatusNoContent, "")
			c := newTestCore(t, srv, tt.opt)
			if got := c.AccountSID(); got != testAccountSID {
				t.Errorf("AccountSID() = %q; want %q", got, testAccountSID)
			}
			if err := c.Do(context.Background(), &Call{Method: http.MethodDelete, Path: "/v1/Users/US1"}, nil); err != nil {
				t.Fatalf("Do: %v", err)
			}
			got := <-reqs
			if !got.hasAuth || got.user != tt.wantUser || got.pass != testSecret {
				t.Errorf("Basic auth = %v %q:%q; want %q:%q", got.hasAuth, got.user, got.pass, tt.wantUser, testSecret)
			}
		})
	}
}

func TestDoDecode(t *testing.T) {
	type user struct {
		Sid          string              `json:"sid"`
		FriendlyName twilio.Null[string] `json:"friendly_name"`
	}
	tests := []struct {
		name    string
		status  int
		body    string
		want    user
		wantErr string
	}{
		{name: "unknown fields ignored", status: 200, body: `{"sid":"US1","friendly_name":"Alice","links":{"x":"y"},"extra":[1,2]}`, want: user{Sid: "US1", FriendlyName: twilio.NullOf("Alice")}},
		{name: "204 leaves out alone", status: 204, want: user{Sid: "keep"}},
		{name: "empty 200 leaves out alone", status: 200, body: "", want: user{Sid: "keep"}},
		{name: "HTML 200", status: 200, body: "<html>oops</html>", want: user{Sid: "keep"}, wantErr: "twilio: decoding GET /v1/Users/US1: "},
		{name: "mistyped", status: 200, body: `{"sid":42}`, wantErr: "twilio: decoding GET /v1/Users/US1: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(statusHandler(&n, tt.status, "", tt.body))
			defer srv.Close()
			c := newTestCore(t, srv)
			out := user{Sid: "keep"}
			err := c.Do(context.Background(), &Call{Method: "GET", Path: "/v1/Users/US1"}, &out)
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("Do error = %v; want prefix %q", err, tt.wantErr)
				}
				var terr *twilio.Error
				if errors.As(err, &terr) {
					t.Errorf("decode error is an *Error: %v", terr)
				}
				assertNoSecret(t, err)
				return
			}
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			if out != tt.want {
				t.Errorf("out = %+v; want %+v", out, tt.want)
			}
		})
	}
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestDo204WithBodyNotDecoded(t *testing.T) {
	closed := false
	body := &closeRecorder{Reader: strings.NewReader("not json"), closed: &closed}
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 204, Header: http.Header{}, Body: body, Request: r}, nil
	})}
	c, err := NewCore("https://chat.twilio.com", twilio.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	if err := c.Do(context.Background(), &Call{Method: "DELETE", Path: "/v1/Users/US1"}, &out); err != nil {
		t.Errorf("Do on 204 with a body: %v; want nil", err)
	}
	if !closed {
		t.Error("response body not closed")
	}
}

// closeRecorder is a response body that records its Close.
type closeRecorder struct {
	io.Reader
	closed *bool
}

func (c *closeRecorder) Close() error { *c.closed = true; return nil }

func TestDoNilOut(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(statusHandler(&n, 200, "", `not json at all`))
	defer srv.Close()
	if err := newTestCore(t, srv).Do(context.Background(), &Call{Method: "GET", Path: "/v1/x"}, nil); err != nil {
		t.Errorf("Do with nil out: %v", err)
	}
}

func TestDo404(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(statusHandler(&n, 404, "", `{"code":20404,"message":"The requested resource /v1/Users/US404 was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}`))
	defer srv.Close()
	err := newTestCore(t, srv).Do(context.Background(), &Call{Method: "GET", Path: "/v1/Users/US404"}, &struct{}{})
	var terr *twilio.Error
	if !errors.As(err, &terr) {
		t.Fatalf("Do error = %v (%T); want *Error", err, err)
	}
	want := twilio.Error{Status: 404, Code: 20404, Message: "The requested resource /v1/Users/US404 was not found", MoreInfo: "https://www.twilio.com/docs/errors/20404", Method: "GET", Path: "/v1/Users/US404"}
	if *terr != want {
		t.Errorf("*Error = %+v; want %+v", *terr, want)
	}
	if got := n.Load(); got != 1 {
		t.Errorf("404 sent %d requests; want 1 (not retried)", got)
	}
	assertNoSecret(t, err)
}

func TestDo503HTMLRetried(t *testing.T) {
	for _, tt := range []struct {
		maxAttempts, want int32
	}{{0, 3}, {1, 1}, {2, 2}, {5, 5}} {
		t.Run(strconv.Itoa(int(tt.maxAttempts)), func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(statusHandler(&n, 503, "", "<html>\n<body><h1>Service Unavailable</h1></body>\n</html>"))
			defer srv.Close()
			p := fastRetry
			p.MaxAttempts = int(tt.maxAttempts)
			err := newTestCore(t, srv, twilio.WithRetry(p)).Do(context.Background(), &Call{Method: "GET", Path: "/v1/Users"}, nil)
			var terr *twilio.Error
			if !errors.As(err, &terr) || terr.Status != 503 || !strings.Contains(terr.Message, "Service Unavailable") {
				t.Fatalf("Do error = %v; want *Error 503 with the HTML text", err)
			}
			if terr.Method != "GET" || terr.Path != "/v1/Users" {
				t.Errorf("*Error request = %s %s; want GET /v1/Users", terr.Method, terr.Path)
			}
			if got := n.Load(); got != tt.want {
				t.Errorf("%d attempts; want %d", got, tt.want)
			}
			assertNoSecret(t, err)
		})
	}
}

func TestDo429RetryAfterZero(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"code":20429,"message":"Too Many Requests","status":429}`)
			return
		}
		io.WriteString(w, `{"sid":"US1"}`)
	}))
	defer srv.Close()
	// A Retry-After of 0 overrides the (long) backoff.
	c := newTestCore(t, srv, twilio.WithRetry(twilio.RetryPolicy{BaseDelay: 10 * time.Second, MaxDelay: 10 * time.Second}))
	var delays []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error {
		delays = append(delays, d)
		return sleepCtx(ctx, d)
	}
	var out struct {
		Sid string `json:"sid"`
	}
	start := time.Now()
	if err := c.Do(context.Background(), &Call{Method: "GET", Path: "/v1/Users/US1"}, &out); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if out.Sid != "US1" {
		t.Errorf("sid = %q; want US1", out.Sid)
	}
	if got := n.Load(); got != 2 {
		t.Errorf("%d attempts; want 2", got)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Do took %v; Retry-After: 0 should retry at once", d)
	}
	if !slices.Equal(delays, []time.Duration{0}) {
		t.Errorf("waits = %v; want [0] from Retry-After: 0", delays)
	}
}

func TestDoRetryAfterCappedAtMaxDelay(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	const maxDelay = 60 * time.Millisecond
	c := newTestCore(t, srv, twilio.WithRetry(twilio.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: maxDelay}))
	start := time.Now()
	if err := c.Do(context.Background(), &Call{Method: "DELETE", Path: "/v1/Users/US1"}, nil); err != nil {
		t.Fatalf("Do: %v", err)
	}
	d := time.Since(start)
	if d < maxDelay {
		t.Errorf("Do took %v; want at least MaxDelay %v (Retry-After ignored?)", d, maxDelay)
	}
	if d >= 2*time.Second {
		t.Errorf("Do took %v; Retry-After should be capped at MaxDelay %v", d, maxDelay)
	}
	if got := n.Load(); got != 2 {
		t.Errorf("%d attempts; want 2", got)
	}
}

func TestDoRetryAfterBeyondDeadline(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(statusHandler(&n, 503, "30", `{"code":20503,"message":"busy","status":503}`))
	defer srv.Close()
	c := newTestCore(t, srv, twilio.WithRetry(twilio.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 20 * time.Second}))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	err := c.Do(ctx, &Call{Method: "GET", Path: "/v1/Users"}, nil)
	if d := time.Since(start); d > time.Second {
		t.Errorf("Do took %v; want the last error at once", d)
	}
	var terr *twilio.Error
	if !errors.As(err, &terr) || terr.Status != 503 || terr.Code != 20503 {
		t.Errorf("Do error = %v; want the 503 *Error", err)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Do error = %v; want the last *Error, not a deadline error", err)
	}
	if got := n.Load(); got != 1 {
		t.Errorf("%d attempts; want 1", got)
	}
}

func TestDoRetryMethods(t *testing.T) {
	tests := []struct {
		method string
		retry  bool
		want   int32
	}{
		{"POST", false, 1},
		{"POST", true, 3},
		{"GET", false, 3},
		{"DELETE", false, 3},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%v", tt.method, tt.retry), func(t *testing.T) {
			var (
				mu     sync.Mutex
				bodies []string
			)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				mu.Lock()
				bodies = append(bodies, string(b))
				mu.Unlock()
				w.WriteHeader(http.StatusServiceUnavailable)
			}))
			defer srv.Close()
			p := fastRetry
			p.RetryNonIdempotent = tt.retry
			call := &Call{Method: tt.method, Path: "/v1/Users"}
			wantBody := ""
			if tt.method == "POST" {
				call.Form = url.Values{"Identity": {"alice"}}
				wantBody = "Identity=alice"
			}
			err := newTestCore(t, srv, twilio.WithRetry(p)).Do(context.Background(), call, nil)
			var terr *twilio.Error
			if !errors.As(err, &terr) || terr.Status != 503 || terr.Method != tt.method {
				t.Fatalf("Do error = %v; want *Error 503 for %s", err, tt.method)
			}
			mu.Lock()
			defer mu.Unlock()
			if int32(len(bodies)) != tt.want {
				t.Errorf("%d attempts; want %d", len(bodies), tt.want)
			}
			for i, b := range bodies {
				if b != wantBody {
					t.Errorf("attempt %d body = %q; want %q", i+1, b, wantBody)
				}
			}
		})
	}
}

func TestDoConnectionReset(t *testing.T) {
	tests := []struct {
		method string
		retry  bool
		want   int32
		wantOK bool
	}{
		{"GET", false, 2, true},
		{"POST", false, 1, false},
		{"POST", true, 2, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%v", tt.method, tt.retry), func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					resetConn(t, w)
					return
				}
				io.WriteString(w, `{"sid":"US1"}`)
			}))
			defer srv.Close()
			p := fastRetry
			p.RetryNonIdempotent = tt.retry
			call := &Call{Method: tt.method, Path: "/v1/Users"}
			if tt.method == "POST" {
				call.Form = url.Values{"Identity": {"alice"}}
			}
			var out struct {
				Sid string `json:"sid"`
			}
			err := newTestCore(t, srv, twilio.WithRetry(p)).Do(context.Background(), call, &out)
			if got := n.Load(); got != tt.want {
				t.Errorf("%d attempts; want %d", got, tt.want)
			}
			if tt.wantOK {
				if err != nil || out.Sid != "US1" {
					t.Errorf("Do = %v, sid %q; want success after a retry", err, out.Sid)
				}
				return
			}
			if err == nil {
				t.Fatal("Do succeeded; want the transport error")
			}
			if !strings.HasPrefix(err.Error(), "twilio: POST /v1/Users: ") {
				t.Errorf("error %q; want twilio: POST /v1/Users: prefix", err)
			}
			var terr *twilio.Error
			var uerr *url.Error
			if errors.As(err, &terr) || errors.As(err, &uerr) {
				t.Errorf("transport error %v is an *Error or *url.Error", err)
			}
			if strings.Contains(err.Error(), srv.URL) {
				t.Errorf("transport error %q holds the request URL", err)
			}
			assertNoSecret(t, err)
		})
	}
}

func TestDoContextCancelDuringBackoff(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(statusHandler(&n, 503, "3", "busy"))
	defer srv.Close()
	c := newTestCore(t, srv, twilio.WithRetry(twilio.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 10 * time.Second}))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	err := c.Do(ctx, &Call{Method: "GET", Path: "/v1/Users"}, nil)
	if d := time.Since(start); d > time.Second {
		t.Errorf("Do returned after %v; want promptly after the cancel", d)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Do error = %v; want context.Canceled", err)
	}
	if err != nil && !strings.Contains(err.Error(), "503") {
		t.Errorf("Do error = %q; want it to mention the last attempt's 503", err)
	}
	if got := n.Load(); got != 1 {
		t.Errorf("%d attempts; want 1", got)
	}
	assertNoSecret(t, err)
}

func TestDoCanceledContextSendsNothing(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(statusHandler(&n, 200, "", "{}"))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := newTestCore(t, srv).Do(ctx, &Call{Method: "GET", Path: "/v1/Users"}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Do error = %v; want context.Canceled", err)
	}
	if got := n.Load(); got != 0 {
		t.Errorf("%d requests sent with a canceled context; want 0", got)
	}
}

func TestDoContextCancelInFlightNotRetried(t *testing.T) {
	var n atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := newTestCore(t, srv).Do(ctx, &Call{Method: "GET", Path: "/v1/Users"}, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Do error = %v; want context.DeadlineExceeded", err)
	}
	if got := n.Load(); got != 1 {
		t.Errorf("%d attempts; want 1 (a deadline is not retried)", got)
	}
}

func TestDoInvalidCall(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(statusHandler(&n, 200, "", "{}"))
	defer srv.Close()
	c := newTestCore(t, srv)
	for _, call := range []*Call{nil, {Path: "v1/Users"}, {Path: "@evil.example/v1"}, {Path: "/v1/Users?x=1"}, {Path: "/v1/Users#f"}} {
		if err := c.Do(context.Background(), call, nil); err == nil {
			t.Errorf("Do(%+v) succeeded; want error", call)
		}
	}
	if got := n.Load(); got != 0 {
		t.Errorf("%d requests sent for invalid calls; want 0", got)
	}
}

func TestDoURL(t *testing.T) {
	var n atomic.Int32
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.RequestURI())
		mu.Unlock()
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if u, p, _ := r.BasicAuth(); u != testAccountSID || p != testSecret {
			t.Errorf("DoURL request has no credentials")
		}
		io.WriteString(w, `{"page":1}`)
	}))
	defer srv.Close()
	c := newTestCore(t, srv)
	var out struct {
		Page int `json:"page"`
	}
	if err := c.DoURL(context.Background(), srv.URL+"/v1/Users?PageSize=2&Page=1&PageToken=PT1#frag", &out); err != nil {
		t.Fatalf("DoURL: %v", err)
	}
	if out.Page != 1 {
		t.Errorf("page = %d; want 1", out.Page)
	}
	if err := c.DoURL(context.Background(), "/v1/Users?Page=2", nil); err != nil {
		t.Fatalf("DoURL(relative): %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{"GET /v1/Users?PageSize=2&Page=1&PageToken=PT1", "GET /v1/Users?PageSize=2&Page=1&PageToken=PT1", "GET /v1/Users?Page=2"}
	if !slices.Equal(seen, want) {
		t.Errorf("requests = %q; want %q (503 retried, relative URL resolved)", seen, want)
	}
}

func TestDoURLErrorPath(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(statusHandler(&n, 404, "", `{"code":20404,"message":"nope"}`))
	defer srv.Close()
	err := newTestCore(t, srv).DoURL(context.Background(), srv.URL+"/v1/Users?Page=9", nil)
	var terr *twilio.Error
	if !errors.As(err, &terr) || terr.Status != 404 || terr.Method != "GET" || terr.Path != "/v1/Users" {
		t.Errorf("DoURL error = %#v; want *Error 404 GET /v1/Users", err)
	}
}

func TestDoURLRefusesOtherOrigins(t *testing.T) {
	var home, other atomic.Int32
	srv := httptest.NewServer(statusHandler(&home, 200, "", "{}"))
	defer srv.Close()
	otherSrv := httptest.NewServer(statusHandler(&other, 200, "", "{}"))
	defer otherSrv.Close()
	c := newTestCore(t, srv)
	hostPort := strings.TrimPrefix(srv.URL, "http://")
	for _, raw := range []string{
		otherSrv.URL + "/v1/Users?Page=1",
		"https://" + hostPort + "/v1/Users?Page=1",
		"//" + strings.TrimPrefix(otherSrv.URL, "http://") + "/v1/Users",
		"http://" + testAccountSID + ":" + testSecret + "@" + hostPort + "/v1/Users",
		"ftp://" + hostPort + "/v1/Users",
		"http://[::1",
	} {
		err := c.DoURL(context.Background(), raw, nil)
		if err == nil {
			t.Errorf("DoURL(%q) succeeded; want refusal", raw)
			continue
		}
		assertNoSecret(t, err)
	}
	if h, o := home.Load(), other.Load(); h != 0 || o != 0 {
		t.Errorf("requests reached home %d, other %d times; want 0 and 0", h, o)
	}
}

func TestOrigin(t *testing.T) {
	same := [][2]string{
		{"https://chat.twilio.com/v2/x", "HTTPS://Chat.Twilio.com:443/"},
		{"http://127.0.0.1/x", "http://127.0.0.1:80"},
		{"http://[::1]:8080/x", "http://[::1]:8080"},
	}
	differ := [][2]string{
		{"https://chat.twilio.com", "http://chat.twilio.com"},
		{"https://chat.twilio.com", "https://chat.twilio.com:8443"},
		{"https://chat.twilio.com", "https://chat.twilio.com.evil.example"},
	}
	check := func(pair [2]string, want bool) {
		a, _ := url.Parse(pair[0])
		b, _ := url.Parse(pair[1])
		if got := origin(a) == origin(b); got != want {
			t.Errorf("origin(%q) == origin(%q) is %v; want %v (%q, %q)", pair[0], pair[1], got, want, origin(a), origin(b))
		}
	}
	for _, p := range same {
		check(p, true)
	}
	for _, p := range differ {
		check(p, false)
	}
}

func TestErrorsNeverHoldCredentials(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		switch r.URL.Path {
		case "/404":
			w.WriteHeader(404)
			io.WriteString(w, `{"code":20404,"message":"not found","status":404}`)
		case "/503":
			w.WriteHeader(503)
			io.WriteString(w, "<html>down</html>")
		case "/slow503":
			w.Header().Set("Retry-After", "5")
			w.WriteHeader(503)
		case "/badjson":
			io.WriteString(w, "{")
		case "/reset":
			resetConn(t, w)
		}
	}))
	defer srv.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	var errs []error
	for _, opt := range []twilio.ClientOption{twilio.WithCredentials(testAccountSID, testSecret), twilio.WithAPIKey(testAccountSID, testKeySID, testSecret)} {
		c := newTestCore(t, srv, opt)
		for _, p := range []string{"/404", "/503", "/badjson", "/reset"} {
			for _, m := range []string{"GET", "POST"} {
				errs = append(errs, c.Do(context.Background(), &Call{Method: m, Path: p, Form: url.Values{"X": {"1"}}}, &struct{}{}))
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		errs = append(errs, c.Do(ctx, &Call{Path: "/slow503"}, nil))
		cancel()
		ctx, cancel = context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		c2 := newTestCore(t, srv, opt, twilio.WithRetry(twilio.RetryPolicy{MaxDelay: time.Minute}))
		errs = append(errs, c2.Do(ctx, &Call{Path: "/slow503"}, nil))
		cancel()
		errs = append(errs,
			c.DoURL(context.Background(), "http://other.invalid/v1/Users", nil),
			c.DoURL(context.Background(), "http://x:"+testSecret+"@other.invalid/", nil),
		)
		dead, err := NewCore(closedURL, opt, twilio.WithRetry(fastRetry))
		if err != nil {
			t.Fatal(err)
		}
		errs = append(errs, dead.Do(context.Background(), &Call{Path: "/v1/Users"}, nil))
	}
	_, err := NewCore("https://" + testAccountSID + ":" + testSecret + "@chat.twilio.com")
	errs = append(errs, err)
	_, err = NewCore("https://chat.twilio.com", twilio.WithBaseURL("http://"+testSecret+"@[::1"))
	errs = append(errs, err)

	for i, err := range errs {
		if err == nil {
			t.Errorf("case %d: no error", i)
			continue
		}
		assertNoSecret(t, err)
	}
}

func TestCoreConcurrentUse(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		io.WriteString(w, `{"sid":"`+r.URL.Query().Get("i")+`"}`)
	}))
	defer srv.Close()
	c := newTestCore(t, srv)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 5 {
				want := strconv.Itoa(i*10 + j)
				var out struct {
					Sid string `json:"sid"`
				}
				if err := c.Do(context.Background(), &Call{Path: "/v1/Users", Query: url.Values{"i": {want}}}, &out); err != nil || out.Sid != want {
					t.Errorf("Do = %v, %q; want %q", err, out.Sid, want)
				}
			}
		})
	}
	wg.Wait()
	if got := n.Load(); got != 80 {
		t.Errorf("%d requests; want 80", got)
	}
}

// pagedServer serves /v1/Items as three pages of two items each. A page
// listed in fail answers 500.
type pagedServer struct {
	*httptest.Server
	fetched atomic.Int32
}

func newPagedServer(t *testing.T, failPage int) *pagedServer {
	ps := &pagedServer{}
	pages := [][]string{{"a", "b"}, {"c", "d"}, {"e", "f"}}
	ps.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ps.fetched.Add(1)
		page, _ := strconv.Atoi(r.URL.Query().Get("Page"))
		if r.URL.Path != "/v1/Items" || page < 0 || page >= len(pages) {
			w.WriteHeader(404)
			return
		}
		if page == failPage {
			w.WriteHeader(500)
			io.WriteString(w, `{"code":20500,"message":"Internal Server Error","status":500}`)
			return
		}
		next := "null"
		if page+1 < len(pages) {
			next = `"` + ps.URL + "/v1/Items?PageSize=2&Page=" + strconv.Itoa(page+1) + `"`
		}
		fmt.Fprintf(w, `{"items":["%s","%s"],"meta":{"page":%d,"page_size":2,"key":"items","next_page_url":%s}}`, pages[page][0], pages[page][1], page, next)
	}))
	t.Cleanup(ps.Close)
	return ps
}

// itemPage is a list page as a generated client decodes it.
type itemPage struct {
	Items []string        `json:"items"`
	Meta  twilio.PageMeta `json:"meta"`
}

// listItems iterates over /v1/Items as a generated List method does.
func listItems(ctx context.Context, c *Core, limit int) iter.Seq2[string, error] {
	first := func(ctx context.Context) ([]string, twilio.PageMeta, error) {
		var p itemPage
		err := c.Do(ctx, &Call{Method: "GET", Path: "/v1/Items", Query: url.Values{"PageSize": {"2"}}}, &p)
		return p.Items, p.Meta, err
	}
	next := func(ctx context.Context, nextURL string) ([]string, twilio.PageMeta, error) {
		var p itemPage
		err := c.DoURL(ctx, nextURL, &p)
		return p.Items, p.Meta, err
	}
	return Iterate(ctx, limit, first, next)
}

func TestIterate(t *testing.T) {
	tests := []struct {
		name      string
		limit     int
		want      []string
		wantPages int32
	}{
		{"no limit", 0, []string{"a", "b", "c", "d", "e", "f"}, 3},
		{"negative limit", -1, []string{"a", "b", "c", "d", "e", "f"}, 3},
		{"limit 3", 3, []string{"a", "b", "c"}, 2},
		{"limit at page end", 2, []string{"a", "b"}, 1},
		{"limit beyond end", 10, []string{"a", "b", "c", "d", "e", "f"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := newPagedServer(t, -1)
			var got []string
			for item, err := range listItems(context.Background(), newTestCore(t, ps.Server), tt.limit) {
				if err != nil {
					t.Fatalf("error after %q: %v", got, err)
				}
				got = append(got, item)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("items = %q; want %q", got, tt.want)
			}
			if n := ps.fetched.Load(); n != tt.wantPages {
				t.Errorf("%d pages fetched; want %d", n, tt.wantPages)
			}
		})
	}
}

func TestIterateRestarts(t *testing.T) {
	ps := newPagedServer(t, -1)
	seq := listItems(context.Background(), newTestCore(t, ps.Server), 3)
	for range 2 {
		var got []string
		for item, err := range seq {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, item)
		}
		if !slices.Equal(got, []string{"a", "b", "c"}) {
			t.Errorf("items = %q; want a b c on every use", got)
		}
	}
}

func TestIterateEarlyBreak(t *testing.T) {
	ps := newPagedServer(t, -1)
	var got []string
	for item, err := range listItems(context.Background(), newTestCore(t, ps.Server), 0) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, item)
		if item == "c" {
			break
		}
	}
	if !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("items = %q; want a b c", got)
	}
	if n := ps.fetched.Load(); n != 2 {
		t.Errorf("%d pages fetched; want 2", n)
	}
}

func TestIterateErrorOnPage2(t *testing.T) {
	ps := newPagedServer(t, 1)
	var got []string
	var errs []error
	for item, err := range listItems(context.Background(), newTestCore(t, ps.Server), 0) {
		if err != nil {
			errs = append(errs, err)
			if item != "" {
				t.Errorf("item %q with the error; want the zero value", item)
			}
			continue // the iterator must stop by itself
		}
		got = append(got, item)
	}
	if !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("items = %q; want a b", got)
	}
	if len(errs) != 1 {
		t.Fatalf("%d errors (%v); want 1", len(errs), errs)
	}
	var terr *twilio.Error
	if !errors.As(errs[0], &terr) || terr.Status != 500 || terr.Path != "/v1/Items" {
		t.Errorf("error = %v; want *Error 500 on /v1/Items", errs[0])
	}
	if n := ps.fetched.Load(); n != 2 {
		t.Errorf("%d pages fetched; want 2 (500 is not retried)", n)
	}
}

func TestIterateErrorOnFirstPage(t *testing.T) {
	ps := newPagedServer(t, 0)
	var n int
	for item, err := range listItems(context.Background(), newTestCore(t, ps.Server), 0) {
		n++
		if err == nil {
			t.Errorf("got item %q; want only the error", item)
		}
	}
	if n != 1 {
		t.Errorf("%d yields; want 1", n)
	}
}

func TestIterateCancelMidPaging(t *testing.T) {
	ps := newPagedServer(t, -1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	var errs []error
	for item, err := range listItems(ctx, newTestCore(t, ps.Server), 0) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, item)
		if item == "b" {
			cancel()
		}
	}
	if !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("items = %q; want a b", got)
	}
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("errors = %v; want one context.Canceled", errs)
	}
	if n := ps.fetched.Load(); n != 1 {
		t.Errorf("%d pages fetched; want 1", n)
	}
}

func TestIterateChecksContextBeforeEachPage(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first := func(context.Context) ([]int, twilio.PageMeta, error) {
		return []int{1, 2}, twilio.PageMeta{NextPageURL: twilio.NullOf("u1")}, nil
	}
	nextCalls := 0
	next := func(context.Context, string) ([]int, twilio.PageMeta, error) {
		nextCalls++
		return []int{3}, twilio.PageMeta{}, nil
	}
	var got []int
	var errs []error
	for item, err := range Iterate(ctx, 0, first, next) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, item)
		if item == 2 {
			cancel()
		}
	}
	if nextCalls != 0 {
		t.Errorf("next called %d times after the cancel; want 0", nextCalls)
	}
	if !slices.Equal(got, []int{1, 2}) || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("items %v, errors %v; want [1 2] and one context.Canceled", got, errs)
	}
}

func TestIterateStopsAfterNextError(t *testing.T) {
	boom := errors.New("boom")
	first := func(context.Context) ([]int, twilio.PageMeta, error) {
		return []int{1}, twilio.PageMeta{NextPageURL: twilio.NullOf("u1")}, nil
	}
	nextCalls := 0
	next := func(_ context.Context, u string) ([]int, twilio.PageMeta, error) {
		nextCalls++
		if nextCalls > 5 {
			t.Fatal("next called again after its error")
		}
		// A meta with a next URL alongside the error must not be followed.
		return []int{99}, twilio.PageMeta{NextPageURL: twilio.NullOf(u + "x")}, boom
	}
	var got []int
	var errs []error
	for item, err := range Iterate(context.Background(), 0, first, next) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, item)
	}
	if !slices.Equal(got, []int{1}) || len(errs) != 1 || !errors.Is(errs[0], boom) || nextCalls != 1 {
		t.Errorf("items %v, errors %v, next calls %d; want [1], one boom, 1", got, errs, nextCalls)
	}
}

func TestIterateCanceledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	first := func(context.Context) ([]int, twilio.PageMeta, error) {
		calls++
		return []int{1}, twilio.PageMeta{}, nil
	}
	for _, err := range Iterate(ctx, 0, first, nil) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v; want context.Canceled", err)
		}
	}
	if calls != 0 {
		t.Errorf("first called %d times with a canceled context; want 0", calls)
	}
}

func TestIterateEmptyPages(t *testing.T) {
	meta := func(next string) twilio.PageMeta {
		if next == "" {
			return twilio.PageMeta{}
		}
		return twilio.PageMeta{NextPageURL: twilio.NullOf(next)}
	}
	t.Run("followed", func(t *testing.T) {
		pages := map[string]struct {
			items []int
			next  string
		}{"u1": {nil, "u2"}, "u2": {[]int{7}, "u3"}, "u3": {nil, ""}}
		first := func(context.Context) ([]int, twilio.PageMeta, error) { return nil, meta("u1"), nil }
		next := func(_ context.Context, u string) ([]int, twilio.PageMeta, error) {
			p, ok := pages[u]
			if !ok {
				return nil, twilio.PageMeta{}, fmt.Errorf("unknown page %q", u)
			}
			return p.items, meta(p.next), nil
		}
		var got []int
		for item, err := range Iterate(context.Background(), 0, first, next) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, item)
		}
		if !slices.Equal(got, []int{7}) {
			t.Errorf("items = %v; want [7]", got)
		}
	})
	t.Run("loop", func(t *testing.T) {
		calls := 0
		first := func(context.Context) ([]int, twilio.PageMeta, error) { return []int{1}, meta("u1"), nil }
		next := func(_ context.Context, u string) ([]int, twilio.PageMeta, error) {
			calls++
			if calls > 10 {
				t.Fatal("endless paging")
			}
			if u == "u1" {
				return nil, meta("u2"), nil
			}
			return nil, meta("u1"), nil
		}
		var got []int
		var errs []error
		for item, err := range Iterate(context.Background(), 0, first, next) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, item)
		}
		if !slices.Equal(got, []int{1}) || len(errs) != 1 {
			t.Fatalf("items %v, errors %v; want [1] and one error", got, errs)
		}
		if !strings.Contains(errs[0].Error(), "u1") {
			t.Errorf("error %q; want it to name the repeated URL", errs[0])
		}
		if calls != 2 {
			t.Errorf("next called %d times; want 2", calls)
		}
	})
}

// errReader returns its data, then a non-EOF error.
type errReader struct{ data string }

func (r *errReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, errors.New("connection reset")
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func response(status int, body io.Reader) *http.Response {
	var rc io.ReadCloser
	if body != nil {
		rc = io.NopCloser(body)
	}
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Body: rc}
}

func TestErrorFromResponse(t *testing.T) {
	const path = "/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/alice"
	longHTML := "<html>\n<body>" + strings.Repeat("é", 150) + "</body></html>"
	tests := []struct {
		name string
		resp *http.Response
		want twilio.Error
	}{
		{
			name: "twilio JSON 404",
			resp: response(404, strings.NewReader(`{"code": 20404, "message": "The requested resource `+path+` was not found", "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404}`)),
			want: twilio.Error{Status: 404, Code: 20404, Message: "The requested resource " + path + " was not found", MoreInfo: "https://www.twilio.com/docs/errors/20404", Method: "GET", Path: path},
		},
		{
			name: "HTML 503",
			resp: response(503, strings.NewReader("<html>\r\n  <body>\n\t<h1>Service Unavailable</h1>\n  </body>\n</html>\n")),
			want: twilio.Error{Status: 503, Message: "<html> <body> <h1>Service Unavailable</h1> </body> </html>", Method: "GET", Path: path},
		},
		{
			name: "empty 401",
			resp: response(401, strings.NewReader("")),
			want: twilio.Error{Status: 401, Message: "Unauthorized", Method: "GET", Path: path},
		},
		{
			name: "nil body",
			resp: response(502, nil),
			want: twilio.Error{Status: 502, Message: "Bad Gateway", Method: "GET", Path: path},
		},
		{
			name: "JSON without status",
			resp: response(429, strings.NewReader(`{"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429"}`)),
			want: twilio.Error{Status: 429, Code: 20429, Message: "Too Many Requests", MoreInfo: "https://www.twilio.com/docs/errors/20429", Method: "GET", Path: path},
		},
		{
			name: "JSON with code only",
			resp: response(400, strings.NewReader(`{"code":20001}`)),
			want: twilio.Error{Status: 400, Code: 20001, Message: `{"code":20001}`, Method: "GET", Path: path},
		},
		{
			name: "JSON status without code or message",
			resp: response(500, strings.NewReader(`{"status":418,"detail":"teapot"}`)),
			want: twilio.Error{Status: 500, Message: `{"status":418,"detail":"teapot"}`, Method: "GET", Path: path},
		},
		{
			name: "JSON that is not a Twilio error",
			resp: response(500, strings.NewReader(`{"error":"internal"}`)),
			want: twilio.Error{Status: 500, Message: `{"error":"internal"}`, Method: "GET", Path: path},
		},
		{
			name: "JSON with mistyped field",
			resp: response(400, strings.NewReader(`{"code":"20001","message":"bad"}`)),
			want: twilio.Error{Status: 400, Message: `{"code":"20001","message":"bad"}`, Method: "GET", Path: path},
		},
		{
			name: "long body cut at rune boundary",
			resp: response(500, strings.NewReader(longHTML)),
			want: twilio.Error{Status: 500, Message: "<html> <body>" + strings.Repeat("é", 93) + "...", Method: "GET", Path: path},
		},
		{
			name: "read error keeps partial body",
			resp: response(500, &errReader{data: "partial"}),
			want: twilio.Error{Status: 500, Message: "partial", Method: "GET", Path: path},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := errorFromResponse(tt.resp, "GET", path, 0)
			if got == nil {
				t.Fatal("errorFromResponse returned nil")
			}
			if *got != tt.want {
				t.Errorf("errorFromResponse =\n\t%+v\nwant\n\t%+v", *got, tt.want)
			}
			if len(got.Message) > maxErrorSnippet+len("...") && got.Code == 0 {
				t.Errorf("Message is %d bytes; want at most %d", len(got.Message), maxErrorSnippet+len("..."))
			}
		})
	}
}

func TestErrorFromResponseBoundsRead(t *testing.T) {
	body := strings.NewReader(strings.Repeat("x", 100<<10))
	_ = errorFromResponse(response(500, body), "GET", "/", 0)
	if read := 100<<10 - body.Len(); read != 64<<10 {
		t.Errorf("read %d bytes of the body; want %d", read, 64<<10)
	}
}

func TestErrorFromResponseNil(t *testing.T) {
	got := errorFromResponse(nil, "GET", "/v1/Users", 0)
	if got == nil || got.Method != "GET" || got.Path != "/v1/Users" || got.Message == "" {
		t.Errorf("errorFromResponse(nil) = %+v; want Method, Path and a Message", got)
	}
}

// TestDoStatus: DoStatus returns the status of the 2xx response it decoded,
// and 0 with an error for a failure, also a body that does not decode.
func TestDoStatus(t *testing.T) {
	for _, status := range []int{http.StatusCreated, http.StatusAccepted} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			io.WriteString(w, `{"sid":"CH1"}`)
		}))
		var out struct{ SID string }
		got, err := newTestCore(t, srv).DoStatus(context.Background(), &Call{Method: http.MethodPost, Path: "/v1/Things"}, &out)
		srv.Close()
		if err != nil || got != status || out.SID != "CH1" {
			t.Errorf("DoStatus = %d, %v, %+v; want %d and the body", got, err, out, status)
		}
	}
	for _, body := range []string{`{"status":404,"code":20404,"message":"no"}`, `{"sid":`} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(body, `{"status"`) {
				w.WriteHeader(http.StatusNotFound)
			}
			io.WriteString(w, body)
		}))
		var out struct{ SID string }
		got, err := newTestCore(t, srv).DoStatus(context.Background(), &Call{Path: "/v1/Things"}, &out)
		srv.Close()
		if err == nil || got != 0 {
			t.Errorf("DoStatus with %s = %d, %v; want 0 and an error", body, got, err)
		}
	}
}

// TestDoRedirect: DoRedirect does not follow the redirect, even with an
// http.Client that would, and returns its Location as an absolute URL; a
// 2xx answer or a redirect without a Location is an error.
func TestDoRedirect(t *testing.T) {
	followed := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/Media/ME1":
			w.Header().Set("Location", "/content/ME1?sig=x")
			w.WriteHeader(http.StatusFound)
		case "/v1/Media/ME2":
			w.WriteHeader(http.StatusFound)
		case "/v1/Media/ME3":
			w.WriteHeader(http.StatusOK)
		default:
			followed = true
		}
	}))
	defer srv.Close()
	c := newTestCore(t, srv)
	loc, err := c.DoRedirect(context.Background(), &Call{Path: "/v1/Media/ME1"})
	if err != nil || loc != srv.URL+"/content/ME1?sig=x" || followed {
		t.Errorf("DoRedirect = %q, %v (followed %v); want %s/content/ME1?sig=x, not followed", loc, err, followed, srv.URL)
	}
	for _, path := range []string{"/v1/Media/ME2", "/v1/Media/ME3"} {
		if loc, err := c.DoRedirect(context.Background(), &Call{Path: path}); err == nil || loc != "" {
			t.Errorf("DoRedirect(%s) = %q, %v; want an error", path, loc, err)
		}
	}
	// Do still follows, as the http.Client does.
	if err := c.Do(context.Background(), &Call{Path: "/v1/Media/ME1"}, nil); err != nil || !followed {
		t.Errorf("Do = %v, followed %v; want the redirect followed", err, followed)
	}
}

// TestErrorFromResponseRequestID: the Error carries Twilio's request ID.
func TestErrorFromResponseRequestID(t *testing.T) {
	resp := response(404, strings.NewReader(`{"code":20404,"message":"nope","status":404}`))
	resp.Header = http.Header{"Twilio-Request-Id": {"RQ0123456789abcdef0123456789abcdef"}}
	got := errorFromResponse(resp, "GET", "/v1/Users/x", 0)
	if got.RequestID != "RQ0123456789abcdef0123456789abcdef" || got.Code != 20404 {
		t.Errorf("errorFromResponse = %+v; want the request ID and code 20404", got)
	}
}
