package twilio_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/apigen-dev/apigen/generated/chatv2"
)

// logTransport is an http.RoundTripper that wraps another to log each
// request: the place for logging, metrics (count, time by status) or
// tracing (a span per request, its headers injected into req) in a client.
type logTransport struct {
	next http.RoundTripper
	log  func(method, path string, status int, d time.Duration)
}

func (t logTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	res, err := t.next.RoundTrip(req)
	status := 0
	if res != nil {
		status = res.StatusCode
	}
	t.log(req.Method, req.URL.Path, status, time.Since(start))
	return res, err
}

// A client's requests pass through the Transport of the http.Client given
// to WithHTTPClient: wrap http.DefaultTransport to log, measure or trace
// them. Retries and redirects each pass through it too. On the server
// side, wrap the handler of NewHandler in a middleware, and give
// NewHandler WithLogger for what it logs itself.
func Example_roundTripper() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"code":20404,"message":"not found","status":404}`)
	}))
	defer srv.Close()

	hc := &http.Client{Transport: logTransport{
		next: http.DefaultTransport,
		log: func(method, path string, status int, d time.Duration) {
			fmt.Println(method, path, status) // or a metric, or a span
		},
	}}
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithHTTPClient(hc),
		chatv2.WithCredentials("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "auth-token"))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = c.FetchUser(context.Background(), "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", chatv2.UserRefIdentity("alice"))
	fmt.Println(err != nil)
	// Output:
	// GET /v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/alice 404
	// true
}
