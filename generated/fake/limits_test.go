package fake

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// TestUserCap checks the caps on stored users, per namespace and in all:
// a create beyond either is 429 with code 20429, and a delete makes room.
func TestUserCap(t *testing.T) {
	e := newEnvConfig(t, Config{Store: NewStore(WithMaxUsers(2, 3)), AuthToken: token})
	ctx := context.Background()
	v2 := apis[1].connect(t, e.chatURL, account1, token)
	conv := apis[2].connect(t, e.convURL, account1, token)
	v1 := apis[0].connect(t, e.chatURL, account1, token)
	if _, err := v2.Create(ctx, service1, createParams{Identity: "a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := conv.Create(ctx, service1, createParams{Identity: "b"}); err != nil {
		t.Fatal(err)
	}
	// Service 1 is full, through either API that shares it.
	for _, c := range []client{v2, conv} {
		_, err := c.Create(ctx, service1, createParams{Identity: "c"})
		wantError(t, err, http.StatusTooManyRequests, twilio.CodeTooManyRequests)
	}
	// Chat v1's service 1 is another namespace, but counts in all.
	if _, err := v1.Create(ctx, service1, createParams{Identity: "c"}); err != nil {
		t.Fatal(err)
	}
	_, err := v2.Create(ctx, service2, createParams{Identity: "d"})
	wantError(t, err, http.StatusTooManyRequests, twilio.CodeTooManyRequests)
	other := apis[1].connect(t, e.chatURL, account2, token)
	_, err = other.Create(ctx, service1, createParams{Identity: "d"})
	wantError(t, err, http.StatusTooManyRequests, twilio.CodeTooManyRequests)
	// A delete makes room.
	if err := v1.Delete(ctx, service1, "c"); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Create(ctx, service1, createParams{Identity: "d"}); err != nil {
		t.Fatal(err)
	}
	// Updates, fetches and lists still work when full.
	if _, err := conv.Update(ctx, service1, "a", updateParams{FriendlyName: twilio.Some("x")}); err != nil {
		t.Fatal(err)
	}
	if ids := collect(t, conv.All(ctx, service1, listParams{}, 0)); len(ids) != 2 {
		t.Fatalf("list = %v", ids)
	}
}

func TestDefaultUserCaps(t *testing.T) {
	st := NewStore()
	if st.maxPerSpace != DefaultMaxUsersPerService || st.maxTotal != DefaultMaxUsers {
		t.Fatalf("caps = %d, %d; want %d, %d", st.maxPerSpace, st.maxTotal, DefaultMaxUsersPerService, DefaultMaxUsers)
	}
	if st := NewStore(WithMaxUsers(0, -1)); st.maxPerSpace != 0 || st.maxTotal != 0 {
		t.Fatalf("WithMaxUsers(0, -1) = %d, %d; want no caps", st.maxPerSpace, st.maxTotal)
	}
}

// TestRateLimit checks the per-account token bucket: beyond it a request
// is 429 with code 20429 and Retry-After in seconds, another account is not
// affected, and the generated client's retry waits as told and succeeds.
func TestRateLimit(t *testing.T) {
	var limited atomic.Int32
	chat, _, err := NewHandlers(Config{AuthToken: token, RateLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusWriter{ResponseWriter: w}
		chat.ServeHTTP(rec, r)
		if rec.status == http.StatusTooManyRequests {
			limited.Add(1)
		}
	}))
	defer srv.Close()

	users := srv.URL + "/v2/Services/" + string(service1) + "/Users"
	get := func(acct twilio.AccountSID) *http.Response {
		req, _ := http.NewRequest(http.MethodGet, users, nil)
		req.SetBasicAuth(string(acct), token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := get(account1); resp.StatusCode != http.StatusOK {
		t.Fatalf("first request: %d", resp.StatusCode)
	}
	resp := get(account1)
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("second request at once: %d, want 429", resp.StatusCode)
	}
	if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 1 {
		t.Fatalf("Retry-After = %q, want 1", resp.Header.Get("Retry-After"))
	}
	if resp := get(account2); resp.StatusCode != http.StatusOK {
		t.Fatalf("another account: %d", resp.StatusCode)
	}

	// The error body, through a client that does not retry.
	noRetry, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithCredentials(string(account1), token),
		chatv2.WithRetry(twilio.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = noRetry.ListUsers(context.Background(), service1, chatv2.ListUsersParams{})
	wantError(t, err, http.StatusTooManyRequests, twilio.CodeTooManyRequests)

	// The client's retry honours Retry-After and gets through.
	retry, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithCredentials(string(account1), token),
		chatv2.WithRetry(twilio.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	// Empty the bucket again, in case the machine was slow.
	for i := 0; get(account1).StatusCode != http.StatusTooManyRequests; i++ {
		if i == 5 {
			t.Fatal("the bucket never empties")
		}
	}
	before := limited.Load()
	start := time.Now()
	if _, err := retry.ListUsers(context.Background(), service1, chatv2.ListUsersParams{}); err != nil {
		t.Fatalf("with retries: %v", err)
	}
	if limited.Load() == before {
		t.Fatal("the retried request was never limited")
	}
	// BaseDelay alone would have retried within a few milliseconds, too
	// soon for the bucket: waiting about a second is Retry-After's doing.
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Fatalf("the retry came after %v, before the Retry-After of 1s", d)
	}
}

// statusWriter records the status of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// TestRateLimiterBucket checks the token bucket on a fake clock: a burst,
// the refill, the wait it reports, and that full buckets are dropped.
func TestRateLimiterBucket(t *testing.T) {
	now := time.Unix(1000, 0)
	l := newRateLimiter(2, 3, func() time.Time { return now })
	for i := range 3 {
		if ok, _ := l.take(account1); !ok {
			t.Fatalf("request %d of the burst refused", i)
		}
	}
	if ok, wait := l.take(account1); ok || wait != 500*time.Millisecond {
		t.Fatalf("past the burst: %v, wait %v; want refused, 500ms", ok, wait)
	}
	now = now.Add(500 * time.Millisecond)
	if ok, _ := l.take(account1); !ok {
		t.Fatal("refused after the refill of one")
	}
	if l := newRateLimiter(0.5, 0, time.Now); l.burst != 1 {
		t.Fatalf("burst of rate 0.5 = %v, want 1", l.burst)
	}
	// Past maxBuckets, the full buckets go.
	for i := range maxBuckets {
		l.take(twilio.AccountSID("AC" + strconv.Itoa(i)))
	}
	now = now.Add(time.Hour)
	l.take(account2)
	if n := len(l.buckets); n > 2 {
		t.Fatalf("%d buckets kept, want the full ones dropped", n)
	}
}
