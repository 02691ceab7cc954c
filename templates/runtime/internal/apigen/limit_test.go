package apigen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	twilio "github.com/apigen-dev/apigen/templates/runtime"
)

// countingBody is a response body that counts the bytes read from it and
// records its Close.
type countingBody struct {
	r      io.Reader
	read   atomic.Int64
	closed atomic.Bool
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read.Add(int64(n))
	return n, err
}

func (b *countingBody) Close() error { b.closed.Store(true); return nil }

// endless is a JSON string that goes on for 8 MiB, far beyond the limits
// of the tests: a client that reads on reads all of it.
func endless() io.Reader {
	return io.MultiReader(strings.NewReader(`["`), io.LimitReader(repeatReader('x'), 8<<20))
}

// repeatReader is an endless stream of one byte.
type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// bodyCore returns a Core whose every response has status, contentLength
// (-1 for unknown) and body, and the options opts.
func bodyCore(t *testing.T, status int, contentLength int64, body io.ReadCloser, opts ...twilio.ClientOption) *Core {
	t.Helper()
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: status, Header: http.Header{}, ContentLength: contentLength, Body: body, Request: r}, nil
	})}
	c, err := NewCore("https://chat.twilio.com", append([]twilio.ClientOption{twilio.WithHTTPClient(hc), twilio.WithRetry(twilio.RetryPolicy{MaxAttempts: 1})}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// jsonOfSize returns a JSON document of exactly n bytes (n >= 8).
func jsonOfSize(n int) string {
	return `{"a":"` + strings.Repeat("x", n-8) + `"}`
}

// TestDoResponseLimit: a 2xx body larger than the limit fails with an error
// that wraps *http.MaxBytesError, and no more than the limit and one byte
// is read of it; a Content-Length beyond it fails before reading anything.
func TestDoResponseLimit(t *testing.T) {
	const limit = 1000
	tests := []struct {
		name          string
		body          io.Reader
		contentLength int64
		wantErr       bool
		maxRead       int64
	}{
		{name: "at the limit", body: strings.NewReader(jsonOfSize(limit)), contentLength: -1, maxRead: limit},
		{name: "at the limit, with its length", body: strings.NewReader(jsonOfSize(limit)), contentLength: limit, maxRead: limit},
		{name: "one byte over", body: strings.NewReader(jsonOfSize(limit + 1)), contentLength: -1, wantErr: true, maxRead: limit + 1},
		{name: "endless", body: endless(), contentLength: -1, wantErr: true, maxRead: limit + 1},
		{name: "Content-Length over", body: endless(), contentLength: 2000, wantErr: true, maxRead: 0},
		{name: "Content-Length that lies", body: endless(), contentLength: 10, wantErr: true, maxRead: limit + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := &countingBody{r: tt.body}
			c := bodyCore(t, http.StatusOK, tt.contentLength, body, twilio.WithMaxResponseBytes(limit))
			var out struct{ A string }
			err := c.Do(context.Background(), &Call{Path: "/v1/Users"}, &out)
			if read := body.read.Load(); read > tt.maxRead {
				t.Errorf("read %d bytes of the body; want at most %d", read, tt.maxRead)
			}
			if !body.closed.Load() {
				t.Error("body not closed")
			}
			if !tt.wantErr {
				if err != nil || len(out.A) != limit-8 {
					t.Errorf("Do = %v, %d bytes decoded; want the body decoded", err, len(out.A))
				}
				return
			}
			var mbe *http.MaxBytesError
			if !errors.As(err, &mbe) || mbe.Limit != limit {
				t.Fatalf("Do = %v; want an error wrapping *http.MaxBytesError{Limit: %d}", err, limit)
			}
			if want := "twilio: GET /v1/Users: response body larger than 1000 bytes, the limit of WithMaxResponseBytes"; err.Error() != want {
				t.Errorf("error %q; want %q", err, want)
			}
		})
	}
}

// TestDoResponseLimitDefault: without WithMaxResponseBytes the limit is
// 10 MiB, which a page of 1000 users of about 1 KiB each fits in, and
// which a body streamed without a Content-Length cannot pass.
func TestDoResponseLimitDefault(t *testing.T) {
	for _, n := range []int64{0, -1} {
		c, err := NewCore("https://chat.twilio.com", twilio.WithMaxResponseBytes(n))
		if err != nil {
			t.Fatal(err)
		}
		if c.maxResponse != twilio.DefaultMaxResponseBytes || twilio.DefaultMaxResponseBytes != 10<<20 {
			t.Errorf("WithMaxResponseBytes(%d): limit %d; want %d (10 MiB)", n, c.maxResponse, 10<<20)
		}
	}
	var page strings.Builder
	page.WriteString(`{"users":[`)
	for i := range 1000 {
		if i > 0 {
			page.WriteString(",")
		}
		fmt.Fprintf(&page, `{"sid":"US%032d","attributes":"%s"}`, i, strings.Repeat("a", 1000))
	}
	page.WriteString(`],"meta":{"page":0,"page_size":1000,"key":"users","next_page_url":null}}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/page" {
			io.WriteString(w, page.String())
			return
		}
		w.Write([]byte(`"`)) // no Content-Length: chunked
		w.(http.Flusher).Flush()
		io.Copy(w, io.LimitReader(repeatReader('x'), 11<<20))
	}))
	defer srv.Close()
	c := newTestCore(t, srv)
	var users struct {
		Users []struct{ Sid string } `json:"users"`
	}
	if err := c.Do(context.Background(), &Call{Path: "/page"}, &users); err != nil || len(users.Users) != 1000 {
		t.Errorf("Do(page of 1000 users, %d bytes) = %v, %d users; want them all", page.Len(), err, len(users.Users))
	}
	var s string
	err := c.Do(context.Background(), &Call{Path: "/big"}, &s)
	var mbe *http.MaxBytesError
	if !errors.As(err, &mbe) || mbe.Limit != 10<<20 {
		t.Errorf("Do(11 MiB) = %v; want *http.MaxBytesError{Limit: 10 MiB}", err)
	}
}

// TestDoTrailingData: a JSON document followed by anything but white space
// is an error; trailing white space is fine.
func TestDoTrailingData(t *testing.T) {
	tests := []struct {
		body    string
		wantErr bool
	}{
		{`{"a":"1"}`, false},
		{"{\"a\":\"1\"}\n", false},
		{"{\"a\":\"1\"} \r\n\t \n", false},
		{"  {\"a\":\"1\"}  ", false},
		{`{"a":"1"}{"b":2}`, true},
		{`{"a":"1"} garbage`, true},
		{"{\"a\":\"1\"}\n\n]", true},
		{`{"a":"1"} {}`, true},
		{"{\"a\":\"1\"}\x00", true},
	}
	for _, tt := range tests {
		var n atomic.Int32
		srv := httptest.NewServer(statusHandler(&n, 200, "", tt.body))
		var out struct{ A string }
		err := newTestCore(t, srv).Do(context.Background(), &Call{Path: "/v1/Users/US1"}, &out)
		srv.Close()
		if tt.wantErr {
			if want := "twilio: decoding GET /v1/Users/US1: data after the JSON document"; err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Do(%q) = %v; want prefix %q", tt.body, err, want)
			}
			continue
		}
		if err != nil || out.A != "1" {
			t.Errorf("Do(%q) = %v, %+v; want it decoded", tt.body, err, out)
		}
	}
}

// TestErrorResponseLimit: the body of an error response is read up to the
// limit when it is below 64 KiB, and makes an *Error with the status.
func TestErrorResponseLimit(t *testing.T) {
	for _, tt := range []struct {
		limit   int64
		maxRead int64
	}{{100, 100}, {0, 64 << 10}, {1 << 20, 64 << 10}} {
		body := &countingBody{r: io.MultiReader(strings.NewReader(`{"code":20404,"message":"`), endless())}
		err := bodyCore(t, http.StatusNotFound, -1, body, twilio.WithMaxResponseBytes(tt.limit)).Do(context.Background(), &Call{Path: "/v1/Users/US1"}, nil)
		var terr *twilio.Error
		if !errors.As(err, &terr) || terr.Status != 404 {
			t.Errorf("limit %d: Do = %v; want *Error 404", tt.limit, err)
		}
		if read := body.read.Load(); read > tt.maxRead {
			t.Errorf("limit %d: read %d bytes of the error body; want at most %d", tt.limit, read, tt.maxRead)
		}
		if !body.closed.Load() {
			t.Errorf("limit %d: body not closed", tt.limit)
		}
	}
}
