package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apigen-dev/apigen/generated/chatv1"
	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/twilio"
)

const (
	testToken   = "s3cret"
	testAccount = "AC0123456789abcdef0123456789abcdef"
	testService = twilio.ServiceSID("IS0123456789abcdef0123456789abcdef")
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of the
// servers' loggers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// server is a running fakeserver command.
type server struct {
	urls   map[string]string // "chat" and "conversations" base URLs
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan struct{} // closed when run returns
	code   int           // what run returned, once done is closed
}

// stop cancels the command and returns its exit code.
func (s *server) stop(t *testing.T) int {
	t.Helper()
	s.cancel()
	select {
	case <-s.done:
		return s.code
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after cancel")
		return -1
	}
}

// start runs the command with args (and the environment env) until the
// test ends, and reads the two base URLs it prints.
func start(t *testing.T, args []string, env map[string]string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	s := &server{urls: map[string]string{}, stderr: &syncBuffer{}, cancel: cancel, done: make(chan struct{})}
	go func() {
		s.code = run(ctx, args, func(k string) string { return env[k] }, outW, s.stderr)
		close(s.done)
		outW.Close()
	}()
	t.Cleanup(func() {
		cancel()
		outR.Close() // run's writes fail rather than block
		<-s.done
	})
	// The two base URLs, in order, with the real ports.
	sc := bufio.NewScanner(outR)
	for _, name := range []string{"chat", "conversations"} {
		if !sc.Scan() {
			t.Fatalf("stdout ended before the %s URL (stderr: %s)", name, s.stderr.String())
		}
		line := sc.Text()
		url, ok := strings.CutPrefix(line, name+": http://127.0.0.1:")
		if !ok || url == "0" || url == "" {
			t.Fatalf("stdout line %q, want %s: http://127.0.0.1:<port>", line, name)
		}
		s.urls[name] = strings.TrimPrefix(line, name+": ")
	}
	go io.Copy(io.Discard, outR) // nothing more is expected, but never block run
	return s
}

var localAddrs = []string{"-chat-addr", "127.0.0.1:0", "-conversations-addr", "127.0.0.1:0"}

func TestServe(t *testing.T) {
	ctx := context.Background()
	srv := start(t, append([]string{"-auth-token", testToken}, localAddrs...), nil)
	urls, stderr := srv.urls, srv.stderr

	reqCtx, reqCancel := context.WithTimeout(ctx, 10*time.Second)
	defer reqCancel()
	c2, err := chatv2.NewClient(chatv2.WithBaseURL(urls["chat"]), chatv2.WithCredentials(testAccount, testToken))
	if err != nil {
		t.Fatal(err)
	}
	u, err := c2.CreateUser(reqCtx, testService, chatv2.CreateUserParams{Identity: "alice", FriendlyName: chatv2.Some("Alice")})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u.URL.Value, urls["chat"]+"/v2/Services/"+string(testService)+"/Users/US") {
		t.Errorf("url = %q, not on %s", u.URL.Value, urls["chat"])
	}
	got, err := c2.FetchUser(reqCtx, testService, twilio.UserRefIdentity("alice"))
	if err != nil || got.SID != u.SID {
		t.Fatalf("fetch = %+v, %v", got, err)
	}

	// Chat v1 on the same address, with its own users; Conversations on
	// the other, sharing Chat v2's.
	c1, err := chatv1.NewClient(chatv1.WithBaseURL(urls["chat"]), chatv1.WithCredentials(testAccount, testToken))
	if err != nil {
		t.Fatal(err)
	}
	if l, err := c1.ListUsers(reqCtx, testService, chatv1.ListUsersParams{}); err != nil || len(l.Users) != 0 {
		t.Fatalf("chat v1 list = %+v, %v", l, err)
	}
	cc, err := conversationsv1.NewClient(conversationsv1.WithBaseURL(urls["conversations"]), conversationsv1.WithCredentials(testAccount, testToken))
	if err != nil {
		t.Fatal(err)
	}
	if cu, err := cc.FetchUser(reqCtx, testService, "alice"); err != nil || cu.SID != u.SID {
		t.Fatalf("conversations fetch of chat v2's alice = %+v, %v", cu, err)
	}
	if _, err := cc.CreateUser(reqCtx, testService, conversationsv1.CreateUserParams{Identity: "bob"}); err != nil {
		t.Fatal(err)
	}

	// A wrong token is refused.
	bad, err := chatv2.NewClient(chatv2.WithBaseURL(urls["chat"]), chatv2.WithCredentials(testAccount, "wrong"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.FetchUser(reqCtx, testService, "alice")
	var terr *twilio.Error
	if !errors.As(err, &terr) || terr.Status != http.StatusUnauthorized {
		t.Fatalf("wrong token: %v", err)
	}

	if code := srv.stop(t); code != 0 {
		t.Fatalf("run = %d after cancel, want 0; stderr:\n%s", code, stderr.String())
	}

	logs := stderr.String()
	if strings.Contains(logs, testToken) {
		t.Error("the log shows the auth token")
	}
	for _, want := range []string{
		"server=chat method=POST path=/v2/Services/" + string(testService) + "/Users status=201 user=" + testAccount + " duration=",
		"server=chat method=GET path=/v2/Services/" + string(testService) + "/Users/alice status=200",
		"server=chat method=GET path=/v1/Services/" + string(testService) + "/Users status=200",
		"server=conversations method=GET path=/v1/Services/" + string(testService) + "/Users/alice status=200",
		"server=conversations method=POST path=/v1/Services/" + string(testService) + "/Users status=201",
		"status=401",
		"shutting down",
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, logs)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no token", nil, 2, "-auth-token (or FAKE_AUTH_TOKEN) or -api-key is required"},
		{"empty token", []string{"-auth-token", ""}, 2, "-auth-token (or FAKE_AUTH_TOKEN) or -api-key is required"},
		{"bad API key", []string{"-api-key", "SK0123456789abcdef0123456789abcdef:secret"}, 2, "-api-key: an API key is written"},
		{"bad API key account", []string{"-api-key", "AC1:SK0123456789abcdef0123456789abcdef:secret"}, 2, "is not an account SID"},
		{"unknown flag", []string{"-nope"}, 2, "flag provided but not defined"},
		{"extra argument", []string{"-auth-token", "x", "extra"}, 2, "unexpected arguments"},
		{"help", []string{"-h"}, 0, "usage: fakeserver"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tc.args, noEnv, &stdout, &stderr)
			if code != tc.code || !strings.Contains(stderr.String(), tc.want) || stdout.Len() != 0 {
				t.Fatalf("run(%q) = %d, stdout %q, stderr %q; want %d and %q", tc.args, code, stdout.String(), stderr.String(), tc.code, tc.want)
			}
			if tc.code == 2 && (!strings.Contains(stderr.String(), "-conversations-addr") || !strings.Contains(stderr.String(), "-max-conns")) {
				t.Errorf("the usage is not printed: %q", stderr.String())
			}
		})
	}
}

func TestListenError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-auth-token", "x", "-chat-addr", "127.0.0.1:0", "-conversations-addr", ln.Addr().String()}, noEnv, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "conversations") || stdout.Len() != 0 {
		t.Fatalf("run = %d, stdout %q, stderr %q; want 1 and a conversations error", code, stdout.String(), stderr.String())
	}
}

func TestBaseURL(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8081": "http://127.0.0.1:8081",
		"0.0.0.0:1":      "http://localhost:1",
		"[::]:2":         "http://localhost:2",
		"[::1]:3":        "http://[::1]:3",
	} {
		tcp, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := baseURL(tcp); got != want {
			t.Errorf("baseURL(%s) = %q, want %q", addr, got, want)
		}
	}
}

// noEnv is an empty environment.
func noEnv(string) string { return "" }

// TestAPIKeyFlag checks -api-key (repeatable) and FAKE_AUTH_TOKEN: the
// generated client's WithAPIKey acts for the key's account, the token from
// the environment for any account.
func TestAPIKeyFlag(t *testing.T) {
	const (
		key1     = "SK0123456789abcdef0123456789abcdef"
		key2     = "SKfedcba9876543210fedcba9876543210"
		account2 = "ACfedcba9876543210fedcba9876543210"
	)
	srv := start(t, append([]string{
		"-api-key", testAccount + ":" + key1 + ":one:secret",
		"-api-key", account2 + ":" + key2 + ":two",
	}, localAddrs...), map[string]string{"FAKE_AUTH_TOKEN": "from-env"})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	byKey, err := chatv2.NewClient(chatv2.WithBaseURL(srv.urls["chat"]), chatv2.WithAPIKey(testAccount, key1, "one:secret"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := byKey.CreateUser(ctx, testService, chatv2.CreateUserParams{Identity: "k"})
	if err != nil || u.AccountSID.Value != testAccount {
		t.Fatalf("create with the API key = %+v, %v", u, err)
	}
	byEnvToken, err := conversationsv1.NewClient(conversationsv1.WithBaseURL(srv.urls["conversations"]), conversationsv1.WithCredentials(testAccount, "from-env"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := byEnvToken.FetchUser(ctx, testService, "k"); err != nil || got.SID != u.SID {
		t.Fatalf("fetch with FAKE_AUTH_TOKEN = %+v, %v", got, err)
	}
	byKey2, err := chatv2.NewClient(chatv2.WithBaseURL(srv.urls["chat"]), chatv2.WithAPIKey(account2, key2, "two"))
	if err != nil {
		t.Fatal(err)
	}
	var terr *twilio.Error
	if _, err := byKey2.FetchUser(ctx, testService, "k"); !errors.As(err, &terr) || terr.Status != http.StatusNotFound {
		t.Fatalf("the second key sees the first account's user: %v", err)
	}
	// The flag wins over the environment.
	srv2 := start(t, append([]string{"-auth-token", "flag"}, localAddrs...), map[string]string{"FAKE_AUTH_TOKEN": "from-env"})
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv2.urls["chat"]), chatv2.WithCredentials(testAccount, "from-env"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListUsers(ctx, testService, chatv2.ListUsersParams{}); !errors.As(err, &terr) || terr.Status != http.StatusUnauthorized {
		t.Fatalf("the environment's token beside -auth-token: %v", err)
	}
}

// TestBaseURLFlags checks that the URLs in answers are on -chat-base-url and
// -conversations-base-url, by default the listen addresses, and never on a
// forged Host header.
func TestBaseURLFlags(t *testing.T) {
	fetchURL := func(t *testing.T, target string) string {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, target, strings.NewReader("Identity=h"+strconv.Itoa(rand.IntN(1e9))))
		if err != nil {
			t.Fatal(err)
		}
		req.Host = "evil.example"
		req.SetBasicAuth(testAccount, testToken)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var u struct{ URL string }
		if err := json.NewDecoder(resp.Body).Decode(&u); err != nil || resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s: %d, %v", target, resp.StatusCode, err)
		}
		return u.URL
	}
	users := "/Services/" + string(testService) + "/Users"
	t.Run("default", func(t *testing.T) {
		srv := start(t, append([]string{"-auth-token", testToken}, localAddrs...), nil)
		if got := fetchURL(t, srv.urls["chat"]+"/v2"+users); !strings.HasPrefix(got, srv.urls["chat"]+"/v2"+users+"/US") {
			t.Errorf("chat url = %q, want it on %s", got, srv.urls["chat"])
		}
		if got := fetchURL(t, srv.urls["conversations"]+"/v1"+users); !strings.HasPrefix(got, srv.urls["conversations"]+"/v1"+users+"/US") {
			t.Errorf("conversations url = %q, want it on %s", got, srv.urls["conversations"])
		}
	})
	t.Run("flags", func(t *testing.T) {
		srv := start(t, append([]string{"-auth-token", testToken,
			"-chat-base-url", "https://chat.fake.test", "-conversations-base-url", "http://conv.fake.test:81/"}, localAddrs...), nil)
		if got := fetchURL(t, srv.urls["chat"]+"/v1"+users); !strings.HasPrefix(got, "https://chat.fake.test/v1"+users+"/US") {
			t.Errorf("chat url = %q", got)
		}
		if got := fetchURL(t, srv.urls["conversations"]+"/v1"+users); !strings.HasPrefix(got, "http://conv.fake.test:81/v1"+users+"/US") {
			t.Errorf("conversations url = %q", got)
		}
	})
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), append([]string{"-auth-token", "x", "-chat-base-url", "chat.test"}, localAddrs...), noEnv, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "ChatBaseURL") && !strings.Contains(stderr.String(), "chat-base-url") {
		t.Errorf("a bad -chat-base-url: %d, %q", code, stderr.String())
	}
}

// TestLimitFlags checks -max-users and -rate: a create beyond the cap and a
// request beyond the rate are 429 with code 20429, the latter with
// Retry-After.
func TestLimitFlags(t *testing.T) {
	srv := start(t, append([]string{"-auth-token", testToken, "-max-users", "1", "-rate", "2", "-rate-burst", "3"}, localAddrs...), nil)
	users := srv.urls["chat"] + "/v2/Services/" + string(testService) + "/Users"
	do := func(method, body string) *http.Response {
		t.Helper()
		req, err := http.NewRequest(method, users, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.SetBasicAuth(testAccount, testToken)
		if body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e twilio.Error
		_ = json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests && e.Code != twilio.CodeTooManyRequests {
			t.Errorf("429 with code %d", e.Code)
		}
		return resp
	}
	if resp := do("POST", "Identity=a"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("first create: %d", resp.StatusCode)
	}
	if resp := do("POST", "Identity=b"); resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "" {
		t.Fatalf("create beyond -max-users: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if resp := do("GET", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("third request of the burst: %d", resp.StatusCode)
	}
	if resp := do("GET", ""); resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "1" {
		t.Fatalf("beyond -rate: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"-auth-token", "x", "-rate", "-1"}, noEnv, &stdout, &stderr); code != 2 {
		t.Errorf("-rate -1: exit %d, want 2", code)
	}
}

// TestServerFlags checks that -max-conns and the timeouts reach the
// servers: idle connections beyond the cap do not lock a client out, and
// the server closes them.
func TestServerFlags(t *testing.T) {
	srv := start(t, append([]string{"-auth-token", testToken, "-max-conns", "5",
		"-read-header-timeout", "300ms", "-idle-timeout", "300ms"}, localAddrs...), nil)
	addr := strings.TrimPrefix(srv.urls["chat"], "http://")
	var idle []net.Conn
	for range 20 {
		c, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		idle = append(idle, c)
	}
	hc := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.urls["chat"]), chatv2.WithCredentials(testAccount, testToken), chatv2.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListUsers(context.Background(), testService, chatv2.ListUsersParams{}); err != nil {
		t.Fatalf("a client beside 20 idle connections: %v", err)
	}
	for _, c := range idle {
		c.SetReadDeadline(time.Now().Add(3 * time.Second))
		if _, err := io.Copy(io.Discard, c); err != nil {
			t.Fatalf("an idle connection stayed open: %v", err)
		}
	}
}

func TestVersion(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"-version"}, noEnv, &stdout, &stderr); code != 0 || !strings.HasPrefix(stdout.String(), "fakeserver ") || !strings.Contains(stdout.String(), " go1.") {
		t.Errorf("-version: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}
