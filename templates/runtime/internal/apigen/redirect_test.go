package apigen

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	twilio "github.com/apigen-dev/apigen/templates/runtime"
)

// redirectStatuses are the redirects an http.Client follows.
var redirectStatuses = []int{
	http.StatusMovedPermanently,
	http.StatusFound,
	http.StatusSeeOther,
	http.StatusTemporaryRedirect,
	http.StatusPermanentRedirect,
}

// evilServer counts the requests it receives, and whether any carried
// credentials or a body.
type evilServer struct {
	*httptest.Server
	hits, withAuth, withBody atomic.Int32
}

func newEvilServer(t *testing.T) *evilServer {
	e := &evilServer{}
	e.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.hits.Add(1)
		if r.Header.Get("Authorization") != "" {
			e.withAuth.Add(1)
		}
		if b, _ := io.ReadAll(r.Body); len(b) > 0 {
			e.withBody.Add(1)
		}
		io.WriteString(w, `{}`)
	}))
	t.Cleanup(e.Close)
	return e
}

func (e *evilServer) check(t *testing.T) {
	t.Helper()
	if h, a, b := e.hits.Load(), e.withAuth.Load(), e.withBody.Load(); h != 0 || a != 0 || b != 0 {
		t.Errorf("the other origin got %d requests, %d with credentials, %d with a body; want none", h, a, b)
	}
}

// redirectTo answers every request with status and a Location of target.
func redirectTo(status int, target string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Location", target)
		w.WriteHeader(status)
	}
}

// hostOrigin is the origin of an httptest server's URL.
func hostOrigin(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return origin(u)
}

// TestRedirectToOtherOriginRefused: a redirect to another port of the same
// host is refused for every redirect status and method, the other server
// gets nothing, and the error names the target's origin.
func TestRedirectToOtherOriginRefused(t *testing.T) {
	for _, status := range redirectStatuses {
		for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
			t.Run(strconv.Itoa(status)+" "+method, func(t *testing.T) {
				evil := newEvilServer(t)
				home := httptest.NewServer(redirectTo(status, evil.URL+"/steal"))
				defer home.Close()
				call := &Call{Method: method, Path: "/v1/Users"}
				if method == http.MethodPost {
					call.Form = url.Values{"Identity": {"alice"}}
				}
				// The test server's client, as a caller's, and the default.
				for _, hc := range []*http.Client{home.Client(), nil} {
					err := newTestCore(t, home, twilio.WithHTTPClient(hc)).Do(context.Background(), call, &struct{}{})
					if err == nil {
						t.Fatal("Do followed a redirect to another origin")
					}
					if want := hostOrigin(t, evil.URL); !strings.Contains(err.Error(), want) {
						t.Errorf("error %q; want it to name %s", err, want)
					}
					assertNoSecret(t, err)
				}
				evil.check(t)
			})
		}
	}
}

// hostsClient returns an http.Client, as a caller could pass with
// WithHTTPClient, whose transport dials each host:port of hosts at the
// loopback address it maps to, so that names such as api.test and
// evil.api.test reach local test servers.
func hostsClient(t *testing.T, hosts map[string]string) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		to, ok := hosts[addr]
		if !ok {
			t.Errorf("dial to unexpected %s", addr)
			return nil, errors.New("unexpected host")
		}
		var d net.Dialer
		return d.DialContext(ctx, network, to)
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// TestRedirectToSubdomainRefused is the reported case: the base URL
// http://api.test:P answers 307 to http://evil.api.test:Q/steal, a
// subdomain on another port, to which an http.Client keeps sending the
// Authorization header. The caller's own client is used and left as it
// was.
func TestRedirectToSubdomainRefused(t *testing.T) {
	evil := newEvilServer(t)
	home := httptest.NewServer(redirectTo(http.StatusTemporaryRedirect, "http://evil.api.test:2/steal"))
	defer home.Close()
	hc := hostsClient(t, map[string]string{
		"api.test:1":      home.Listener.Addr().String(),
		"evil.api.test:2": evil.Listener.Addr().String(),
	})
	for _, check := range []func(*http.Request, []*http.Request) error{
		nil,
		func(*http.Request, []*http.Request) error { return nil }, // follows anything
	} {
		hc.CheckRedirect = check
		before := *hc
		c, err := NewCore("https://chat.twilio.com", twilio.WithBaseURL("http://api.test:1"), twilio.WithHTTPClient(hc),
			twilio.WithCredentials(testAccountSID, testSecret), twilio.WithRetry(fastRetry))
		if err != nil {
			t.Fatal(err)
		}
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			err = c.Do(context.Background(), &Call{Method: method, Path: "/v1/Users", Form: url.Values{"X": {"1"}}}, nil)
			if err == nil || !strings.Contains(err.Error(), "http://evil.api.test:2") {
				t.Errorf("%s: Do = %v; want a refusal naming http://evil.api.test:2", method, err)
			}
			assertNoSecret(t, err)
		}
		if hc.Transport != before.Transport || reflect.ValueOf(hc.CheckRedirect).Pointer() != reflect.ValueOf(before.CheckRedirect).Pointer() || hc.Jar != before.Jar || hc.Timeout != before.Timeout {
			t.Error("the caller's http.Client was changed")
		}
	}
	evil.check(t)
}

// TestRedirectSchemeChangeRefused: https://127.0.0.1:P redirecting to
// http://127.0.0.1:P, the same host and port, is another origin.
func TestRedirectSchemeChangeRefused(t *testing.T) {
	var hits atomic.Int32
	var home *httptest.Server
	home = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		redirectTo(http.StatusFound, "http://"+home.Listener.Addr().String()+"/steal")(w, r)
	}))
	defer home.Close()
	err := newTestCore(t, home).Do(context.Background(), &Call{Path: "/v1/Users"}, nil)
	want := "http://" + home.Listener.Addr().String()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Do = %v; want a refusal naming %s", err, want)
	}
	assertNoSecret(t, err)
	if n := hits.Load(); n != 1 {
		t.Errorf("%d requests; want 1 (the redirect is not followed)", n)
	}
}

// TestRedirectUserInfoRefused: a redirect to the same origin with user info
// in its Location is refused, and the error does not repeat it.
func TestRedirectUserInfoRefused(t *testing.T) {
	var hits atomic.Int32
	var home *httptest.Server
	home = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		redirectTo(http.StatusFound, "http://"+testAccountSID+":"+testSecret+"@"+home.Listener.Addr().String()+"/x")(w, r)
	}))
	defer home.Close()
	err := newTestCore(t, home).Do(context.Background(), &Call{Path: "/v1/Users"}, nil)
	if err == nil || !strings.Contains(err.Error(), "user info") {
		t.Errorf("Do = %v; want a refusal of the user info", err)
	}
	assertNoSecret(t, err)
	if strings.Contains(err.Error(), testAccountSID) {
		t.Errorf("error %q repeats the user info", err)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("%d requests; want 1", n)
	}
}

// TestRedirectInvalidLocation: a Location that does not parse, with a
// secret in it, fails without quoting it.
func TestRedirectInvalidLocation(t *testing.T) {
	home := httptest.NewServer(redirectTo(http.StatusFound, "http://"+testAccountSID+":"+testSecret+"/x@[::1"))
	defer home.Close()
	err := newTestCore(t, home).Do(context.Background(), &Call{Path: "/v1/Users"}, nil)
	if err == nil {
		t.Fatal("Do succeeded")
	}
	assertNoSecret(t, err)
}

// TestRedirectSameOriginFollowed: a redirect within the base URL's origin
// is followed with the credentials, for every status; 307 and 308 send the
// POST body again, 301, 302 and 303 turn it into a GET, as the http.Client
// does.
func TestRedirectSameOriginFollowed(t *testing.T) {
	for _, status := range redirectStatuses {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			var got captured
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/v1/Old" {
					redirectTo(status, "/v1/New")(w, r)
					return
				}
				body, _ := io.ReadAll(r.Body)
				got.method, got.path, got.body = r.Method, r.URL.Path, string(body)
				got.user, got.pass, got.hasAuth = r.BasicAuth()
				io.WriteString(w, `{"sid":"US1"}`)
			}))
			defer srv.Close()
			var out struct{ Sid string }
			err := newTestCore(t, srv).Do(context.Background(), &Call{Method: http.MethodPost, Path: "/v1/Old", Form: url.Values{"A": {"1"}}}, &out)
			if err != nil || out.Sid != "US1" {
				t.Fatalf("Do = %v, %+v; want the redirect followed", err, out)
			}
			wantMethod, wantBody := http.MethodGet, ""
			if status == http.StatusTemporaryRedirect || status == http.StatusPermanentRedirect {
				wantMethod, wantBody = http.MethodPost, "A=1"
			}
			if got.path != "/v1/New" || got.method != wantMethod || got.body != wantBody || !got.hasAuth || got.pass != testSecret {
				t.Errorf("followed request %s %s body %q auth %v; want %s /v1/New body %q with the credentials", got.method, got.path, got.body, got.hasAuth, wantMethod, wantBody)
			}
		})
	}
}

// TestRedirectCallerPolicyConsulted: within the origin, the caller's own
// CheckRedirect still decides.
func TestRedirectCallerPolicyConsulted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/Old" {
			redirectTo(http.StatusFound, "/v1/New")(w, r)
			return
		}
		io.WriteString(w, `{}`)
	}))
	defer srv.Close()
	mine := errors.New("my policy says no")
	calls := 0
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { calls++; return mine }}
	err := newTestCore(t, srv, twilio.WithHTTPClient(hc)).Do(context.Background(), &Call{Path: "/v1/Old"}, nil)
	if !errors.Is(err, mine) || calls != 1 {
		t.Errorf("Do = %v, CheckRedirect called %d times; want my error, once", err, calls)
	}
}

// TestRedirectLimit: without a CheckRedirect of the caller's, the tenth
// redirect in a row is not followed, as by the http.Client, and the error is
// not retried.
func TestRedirectLimit(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := hits.Add(1)
		redirectTo(http.StatusFound, "/v1/R"+strconv.Itoa(int(n)))(w, r)
	}))
	defer srv.Close()
	err := newTestCore(t, srv).Do(context.Background(), &Call{Path: "/v1/R0"}, nil)
	if err == nil || !strings.Contains(err.Error(), "10 redirects") {
		t.Errorf("Do = %v; want stopped after 10 redirects", err)
	}
	if n := hits.Load(); n != 10 {
		t.Errorf("%d requests; want 10", n)
	}
}

// TestDoRedirectCrossOriginNotFollowed: an operation whose success is a
// redirect returns a Location on another origin without following it.
func TestDoRedirectCrossOriginNotFollowed(t *testing.T) {
	evil := newEvilServer(t)
	home := httptest.NewServer(redirectTo(http.StatusFound, evil.URL+"/media"))
	defer home.Close()
	loc, err := newTestCore(t, home).DoRedirect(context.Background(), &Call{Path: "/v1/Media/ME1"})
	if err != nil || loc != evil.URL+"/media" {
		t.Errorf("DoRedirect = %q, %v; want %s/media", loc, err, evil.URL)
	}
	evil.check(t)
}
