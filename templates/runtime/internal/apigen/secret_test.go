package apigen

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	twilio "github.com/apigen-dev/apigen/templates/runtime"
)

// secretURLs are URLs with the test secret in their user info, written in
// the ways that trip a URL parser: a password with a slash, which makes it
// a port, a bad escape, an unclosed IPv6 host, control characters and
// spaces, or well formed.
var secretURLs = []string{
	"https://" + testAccountSID + ":" + testSecret + "/xyz@chat.twilio.com",
	"https://" + testAccountSID + ":" + testSecret + "@chat.twilio.com",
	"https://" + testAccountSID + ":" + testSecret + "@chat.twilio.com/v2",
	"https://" + testAccountSID + ":" + testSecret + "%zz@chat.twilio.com",
	"https://" + testAccountSID + ":" + testSecret + "@[::1",
	"https://" + testAccountSID + ":" + testSecret + "\n@chat.twilio.com",
	"https://" + testAccountSID + ":" + testSecret + " x@chat.twilio.com",
	"https://" + testAccountSID + ":" + testSecret + "@chat twilio.com",
	"https://" + testAccountSID + ":" + testSecret + "@chat.twilio.com:port",
	"https://:" + testSecret + "@chat.twilio.com",
	"https://" + testSecret + "@chat.twilio.com",
	"//" + testAccountSID + ":" + testSecret + "@chat.twilio.com",
	testAccountSID + ":" + testSecret + "@chat.twilio.com",
	"https:" + testAccountSID + ":" + testSecret + "@chat.twilio.com",
	" https://" + testAccountSID + ":" + testSecret + "/x@chat.twilio.com ",
}

// TestBaseURLErrorsHideUserInfo: a base URL with credentials in it is
// refused, whether or not it parses, by an error that quotes no part of
// it and says what to do instead.
func TestBaseURLErrorsHideUserInfo(t *testing.T) {
	for _, raw := range secretURLs {
		_, err := NewCore("https://chat.twilio.com", twilio.WithBaseURL(raw))
		if err == nil {
			t.Errorf("NewCore(WithBaseURL(%q)) succeeded", raw)
			continue
		}
		assertNoSecret(t, err)
		if strings.Contains(err.Error(), testAccountSID) {
			t.Errorf("error %q repeats the account SID of the user info", err)
		}
		if !strings.HasPrefix(err.Error(), "twilio: invalid base URL: ") {
			t.Errorf("error %q; want prefix twilio: invalid base URL", err)
		}
		if strings.Contains(raw, "@") && !strings.Contains(err.Error(), "WithCredentials") {
			t.Errorf("NewCore(WithBaseURL(%q)): error %q; want it to point at WithCredentials", raw, err)
		}
	}
}

// TestBaseURLErrorsSayWhy: errors for URLs without user info still say
// what is wrong, without quoting them.
func TestBaseURLErrorsSayWhy(t *testing.T) {
	for raw, want := range map[string]string{
		"https://chat.twilio.com:port": "port",
		"https://chat.twilio.com/%zz":  "escape",
		"https://[::1":                 "host",
		"https://chat twilio.com":      "host",
		"https://chat.twilio.com/\x7f": "control character",
		":chat.twilio.com":             "scheme",
	} {
		_, err := NewCore(raw)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NewCore(%q) = %v; want an error about the %s", raw, err, want)
		}
	}
}

// TestPageURLErrorsHideUserInfo: DoURL refuses the same URLs, without
// sending anything and without quoting them.
func TestPageURLErrorsHideUserInfo(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.URL.String())
		mu.Unlock()
		io.WriteString(w, "{}")
	}))
	defer srv.Close()
	c := newTestCore(t, srv)
	host := strings.TrimPrefix(srv.URL, "http://")
	urls := append([]string{
		"http://" + testAccountSID + ":" + testSecret + "@" + host + "/v1/Users",
		"http://" + testAccountSID + ":" + testSecret + "/x@" + host + "/v1/Users",
		"/v1/Users%" + testSecret,
	}, secretURLs...)
	for _, raw := range urls {
		err := c.DoURL(context.Background(), raw, nil)
		if err == nil {
			t.Errorf("DoURL(%q) succeeded", raw)
			continue
		}
		assertNoSecret(t, err)
		if strings.Contains(err.Error(), testAccountSID) {
			t.Errorf("error %q repeats the account SID of the user info", err)
		}
	}
	if len(got) != 0 {
		t.Errorf("requests %q; want none", got)
	}
}

// TestTransportErrorsHideURL: a transport error, which the http.Client
// wraps in a *url.Error with the request URL, reaches the caller without
// that URL, and no request URL the transport sees has user info.
func TestTransportErrorsHideURL(t *testing.T) {
	boom := errors.New("boom")
	var seen []string
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.User != nil {
			t.Errorf("request URL %s has user info", r.URL.Redacted())
		}
		seen = append(seen, r.URL.String())
		return nil, boom
	})}
	c, err := NewCore("https://chat.twilio.com", twilio.WithHTTPClient(hc), twilio.WithCredentials(testAccountSID, testSecret),
		twilio.WithRetry(twilio.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	errs := []error{
		c.Do(context.Background(), &Call{Path: "/v2/Services/IS1/Users", Form: map[string][]string{"Identity": {"x"}}}, nil),
		c.DoURL(context.Background(), "https://chat.twilio.com/v2/Services/IS1/Users?Page=2&PageToken=PT2", nil),
	}
	for _, err := range errs {
		if !errors.Is(err, boom) {
			t.Errorf("error %v; want boom", err)
		}
		var uerr interface{ Timeout() bool }
		if errors.As(err, &uerr) {
			t.Errorf("error %v is still a *url.Error", err)
		}
		if strings.Contains(err.Error(), "chat.twilio.com") || strings.Contains(err.Error(), "PageToken") {
			t.Errorf("error %q holds the request URL", err)
		}
		assertNoSecret(t, err)
	}
	if len(seen) != 2 {
		t.Errorf("requests %q; want 2", seen)
	}
}
