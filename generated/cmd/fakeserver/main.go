// Command fakeserver serves an in-memory fake of Twilio's Users APIs, for
// tests and local development.
//
// Usage:
//
//	fakeserver [-auth-token token] [-api-key AC…:SK…:secret]... [-chat-addr addr] [-conversations-addr addr]
//
// It listens on two addresses: the chat one serves Chat v1 (/v1/...) and
// Chat v2 (/v2/...), as chat.twilio.com does, and the conversations one
// serves Conversations v1. Requests authenticate with HTTP Basic auth:
// either any account SID (AC and 32 hexadecimal digits) as the user name
// and the -auth-token (or, when the flag is empty, $FAKE_AUTH_TOKEN) as the
// password, or an API key SID and its secret, each -api-key acting for the
// account it names (Chat and Conversations URLs name no account). Each
// account sees only its own users. At least one of the two is required.
//
// Answers build their URLs (url, links, the page meta's URLs) on
// -chat-base-url and -conversations-base-url, by default http:// and the
// address listened on, never on the Host header of a request. Once
// listening it prints the two addresses' URLs, with the actual ports when
// an address asks for port 0:
//
//	chat: http://127.0.0.1:8081
//	conversations: http://127.0.0.1:8082
//
// Each server bounds what a client can hold (fake.NewServer): header, read,
// write and idle timeouts (-read-header-timeout 10s, -read-timeout 30s,
// -write-timeout 30s, -idle-timeout 60s), -max-header-bytes (64 KiB), and
// -max-conns (1000 per address; at the cap the longest idle connection is
// closed, or the new one waits while every one is mid-request). The store
// keeps at most -max-users-per-service (10,000) users per service and
// account and -max-users (1,000,000) in all; creates beyond are 429 with
// code 20429. -rate N (off by default) allows each account N requests per
// second, answering 429 with Retry-After beyond. A 0 turns any of these
// off.
//
// Point a generated client at one with WithBaseURL. Each request is logged
// to standard error. SIGINT or SIGTERM shuts the servers down gracefully.
// The state lives in memory and is lost on exit.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/apigen-dev/apigen/generated/fake"
)

// shutdownTimeout bounds how long in-flight requests may take to finish
// after a shutdown signal.
const shutdownTimeout = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `usage: fakeserver [-auth-token token] [-api-key AC…:SK…:secret]... [flags]

fakeserver serves an in-memory fake of Twilio's Chat v1, Chat v2 and
Conversations v1 Users APIs. Authenticate with HTTP Basic auth: an account
SID (AC followed by 32 hexadecimal digits) and the auth token (-auth-token,
or $FAKE_AUTH_TOKEN), or an API key SID and its secret (-api-key, which
names the key's account).

Flags:
`

// apiKeys is the repeatable -api-key flag.
type apiKeys []fake.APIKey

func (k *apiKeys) String() string { return "" } // never show secrets

func (k *apiKeys) Set(s string) error {
	key, err := fake.ParseAPIKey(s)
	if err != nil {
		return err
	}
	*k = append(*k, key)
	return nil
}

// tokenEnv is the environment variable that gives the auth token when
// -auth-token does not.
const tokenEnv = "FAKE_AUTH_TOKEN"

// run is main without the process: it serves until ctx is done and returns
// the exit code (0 after a clean shutdown, 1 when serving fails, 2 for
// misuse). getenv reads the environment.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fakeserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	chatAddr := fs.String("chat-addr", "127.0.0.1:8081", "`address` to serve Chat v1 and v2 on")
	convAddr := fs.String("conversations-addr", "127.0.0.1:8082", "`address` to serve Conversations v1 on")
	token := fs.String("auth-token", "", "the auth `token` that every account SID authenticates with (default $"+tokenEnv+")")
	chatBase := fs.String("chat-base-url", "", "public `URL` (scheme and host) of the chat server, on which answers build their URLs (default http:// and the chat address)")
	convBase := fs.String("conversations-base-url", "", "public `URL` (scheme and host) of the conversations server (default http:// and the conversations address)")
	maxPerService := fs.Int("max-users-per-service", fake.DefaultMaxUsersPerService, "most users kept per service and account (0: no cap); creates beyond it are 429")
	maxUsers := fs.Int("max-users", fake.DefaultMaxUsers, "most users kept in all (0: no cap); creates beyond it are 429")
	rate := fs.Float64("rate", 0, "requests per second allowed per account, beyond which requests are 429 with Retry-After (0: no limit)")
	burst := fs.Int("rate-burst", 0, "requests an account may make at once under -rate (0: -rate rounded up)")
	var scfg fake.ServerConfig
	fs.DurationVar(&scfg.ReadHeaderTimeout, "read-header-timeout", fake.DefaultReadHeaderTimeout, "most time to read a request's header (0: no limit)")
	fs.DurationVar(&scfg.ReadTimeout, "read-timeout", fake.DefaultReadTimeout, "most time to read a whole request, body included (0: no limit)")
	fs.DurationVar(&scfg.WriteTimeout, "write-timeout", fake.DefaultWriteTimeout, "most time from the end of a request's header to the end of its response (0: no limit)")
	fs.DurationVar(&scfg.IdleTimeout, "idle-timeout", fake.DefaultIdleTimeout, "most time a kept-alive connection waits for its next request (0: no limit)")
	fs.IntVar(&scfg.MaxHeaderBytes, "max-header-bytes", fake.DefaultMaxHeaderBytes, "largest request header, in bytes (0: no limit)")
	fs.IntVar(&scfg.MaxConns, "max-conns", fake.DefaultMaxConns, "most connections open at once per address; beyond it the longest idle one is closed, or the new one waits (0: no limit)")
	var keys apiKeys
	fs.Var(&keys, "api-key", "an API key, `account:key-sid:secret` (AC…:SK…:secret), that authenticates as its account; repeatable")
	showVersion := fs.Bool("version", false, "print fakeserver's version and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *showVersion {
		fmt.Fprintln(stdout, "fakeserver", version())
		return 0
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "fakeserver: unexpected arguments: %q\n", fs.Args())
		fs.Usage()
		return 2
	}
	if *token == "" {
		*token = getenv(tokenEnv)
	}
	// In flags, 0 turns a bound off; in a ServerConfig, 0 is the default
	// and a negative value turns it off.
	for _, d := range []*time.Duration{&scfg.ReadHeaderTimeout, &scfg.ReadTimeout, &scfg.WriteTimeout, &scfg.IdleTimeout} {
		if *d <= 0 {
			*d = -1
		}
	}
	for _, n := range []*int{&scfg.MaxHeaderBytes, &scfg.MaxConns} {
		if *n <= 0 {
			*n = -1
		}
	}
	if *rate < 0 || math.IsNaN(*rate) || math.IsInf(*rate, 0) {
		fmt.Fprintln(stderr, "fakeserver: -rate must be a number of requests per second, 0 or more")
		return 2
	}
	if *token == "" && len(keys) == 0 {
		fmt.Fprintln(stderr, "fakeserver: -auth-token (or "+tokenEnv+") or -api-key is required")
		fs.Usage()
		return 2
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	servers := []struct {
		name string
		addr string
		base *string
		h    http.Handler
	}{
		{"chat", *chatAddr, chatBase, nil},
		{"conversations", *convAddr, convBase, nil},
	}

	// Listen on both before serving either, so that a bad address fails
	// the command before anything is printed, and so that the base URLs
	// can default to the addresses listened on.
	listeners := make([]net.Listener, len(servers))
	closeAll := func() {
		for _, l := range listeners {
			if l != nil {
				l.Close()
			}
		}
	}
	for i, s := range servers {
		ln, err := net.Listen("tcp", s.addr)
		if err != nil {
			fmt.Fprintf(stderr, "fakeserver: %s: %v\n", s.name, err)
			closeAll()
			return 1
		}
		listeners[i] = ln
		if *s.base == "" {
			*s.base = baseURL(ln.Addr())
		}
	}
	chat, conv, err := fake.NewHandlers(fake.Config{
		Store:     fake.NewStore(fake.WithMaxUsers(*maxPerService, *maxUsers)),
		AuthToken: *token, APIKeys: keys,
		ChatBaseURL: *chatBase, ConversationsBaseURL: *convBase,
		RateLimit: *rate, RateBurst: *burst,
		Logger: logger,
	})
	if err != nil {
		fmt.Fprintf(stderr, "fakeserver: %v\n", err)
		closeAll()
		return 2
	}
	servers[0].h, servers[1].h = chat, conv

	errc := make(chan error, len(servers))
	https := make([]*fake.Server, len(servers))
	for i, s := range servers {
		cfg := scfg
		cfg.ErrorLog = slog.NewLogLogger(logger.Handler(), slog.LevelWarn)
		cfg.BaseContext = func(net.Listener) context.Context { return context.WithoutCancel(ctx) }
		srv := fake.NewServer(s.h, cfg)
		https[i] = srv
		go func() {
			if err := srv.Serve(listeners[i]); !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("%s: %w", s.name, err)
			}
		}()
		fmt.Fprintf(stdout, "%s: %s\n", s.name, baseURL(listeners[i].Addr()))
	}

	code := 0
	select {
	case <-ctx.Done():
		logger.Info("shutting down")
	case err := <-errc:
		fmt.Fprintf(stderr, "fakeserver: %v\n", err)
		code = 1
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	for i, srv := range https {
		if err := srv.Shutdown(sctx); err != nil {
			fmt.Fprintf(stderr, "fakeserver: %s: shutdown: %v\n", servers[i].name, err)
			srv.Close()
			code = 1
		}
	}
	return code
}

// baseURL returns the URL clients reach addr at: an unspecified address
// (0.0.0.0 or ::, as ":0" gives) becomes localhost.
func baseURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// version is fakeserver's module version from its build information (set
// by go install …@version; "(devel)" in a build from a checkout) and the
// Go version.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	return bi.Main.Version + " " + bi.GoVersion
}
