package fake

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/apigen-dev/apigen/generated/chatv1"
	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// APIKeySIDPrefix is the prefix of an API key SID.
const APIKeySIDPrefix = "SK"

// APIKey is an API key the fake accepts: HTTP Basic auth with SID as the
// user name and Secret as the password acts for Account, as a Twilio API
// key acts for the account that created it. Chat and Conversations URLs
// name no account, so the key's account is the one configured here.
type APIKey struct {
	Account twilio.AccountSID // the account the key acts for
	SID     string            // SK followed by 32 hexadecimal digits
	Secret  string            // not empty
}

// ParseAPIKey parses an API key written as account:sid:secret, such as
// "AC…:SK…:secret", the form of the fakeserver command's -api-key flag. The
// secret is everything after the second colon and may hold colons. Its
// errors never show the secret.
func ParseAPIKey(s string) (APIKey, error) {
	acct, rest, ok1 := strings.Cut(s, ":")
	sid, secret, ok2 := strings.Cut(rest, ":")
	if !ok1 || !ok2 {
		return APIKey{}, errors.New("an API key is written account:key-sid:secret, such as AC…:SK…:secret")
	}
	k := APIKey{Account: twilio.AccountSID(acct), SID: sid, Secret: secret}
	if err := k.check(); err != nil {
		return APIKey{}, err
	}
	return k, nil
}

// check reports what is wrong with k, without showing its secret.
func (k APIKey) check() error {
	switch {
	case !k.Account.Valid():
		return fmt.Errorf("API key %.40q: the account %.40q is not an account SID (AC followed by 32 hexadecimal digits)", k.SID, k.Account)
	case !validKeySID(k.SID):
		return fmt.Errorf("API key %.40q is not an API key SID (SK followed by 32 hexadecimal digits)", k.SID)
	case k.Secret == "":
		return fmt.Errorf("API key %s has an empty secret", k.SID)
	}
	return nil
}

// validKeySID reports whether s is SK followed by 32 hexadecimal digits, in
// either case.
func validKeySID(s string) bool {
	if len(s) != len(APIKeySIDPrefix)+32 || !strings.HasPrefix(s, APIKeySIDPrefix) {
		return false
	}
	for i := len(APIKeySIDPrefix); i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Config configures the HTTP handlers of a fake (see [NewHandlers]). At
// least one of AuthToken and APIKeys must be set.
type Config struct {
	// Store holds the users; nil means a new [NewStore].
	Store *Store
	// AuthToken is the password that every account SID authenticates
	// with: any account SID is an account of the fake. Empty means that
	// only the API keys are accepted.
	AuthToken string
	// APIKeys are the API keys accepted beside the auth token, each acting
	// for its account.
	APIKeys []APIKey
	// ChatBaseURL and ConversationsBaseURL are the public base URLs of the
	// two handlers, a scheme and host such as "http://127.0.0.1:8081", on
	// which url, links and the page meta's URLs are built: where clients
	// reach the fake, never the Host header of a request. Empty means
	// Twilio's, https://chat.twilio.com and
	// https://conversations.twilio.com.
	ChatBaseURL, ConversationsBaseURL string
	// RateLimit, when above zero, is how many requests per second each
	// account may make, through both handlers together: a token bucket
	// that holds RateBurst requests (zero or less means RateLimit rounded
	// up, at least 1) and refills at RateLimit per second. A request
	// beyond it is 429 with code 20429 and a Retry-After header, the
	// seconds until the bucket holds a request again.
	RateLimit float64
	RateBurst int
	// Logger, when not nil, receives a line for every request: method,
	// path, status, the Basic auth user (never the secret) and duration,
	// with "server" saying which handler ("chat" or "conversations"); and
	// what the generated handlers log (the cause of a 500, a panic).
	Logger *slog.Logger
}

// credentials is what the auth middleware accepts.
type credentials struct {
	token string
	keys  map[string]APIKey // by canonical key SID
}

// newCredentials checks the credentials of cfg.
func newCredentials(cfg Config) (*credentials, error) {
	c := &credentials{token: cfg.AuthToken, keys: map[string]APIKey{}}
	for _, k := range cfg.APIKeys {
		if err := k.check(); err != nil {
			return nil, fmt.Errorf("fake: %w", err)
		}
		sid := canonicalSID(k.SID)
		if _, dup := c.keys[sid]; dup {
			return nil, fmt.Errorf("fake: API key %s is given twice", k.SID)
		}
		k.Account = canonicalSID(k.Account)
		c.keys[sid] = k
	}
	if c.token == "" && len(c.keys) == 0 {
		return nil, errors.New("fake: no credentials: set an auth token or an API key")
	}
	return c, nil
}

// account returns the account that the Basic credentials user:pass act
// for, and whether they are valid.
func (c *credentials) account(user, pass string) (twilio.AccountSID, bool) {
	if validKeySID(user) {
		k, ok := c.keys[canonicalSID(user)]
		if !ok || subtle.ConstantTimeCompare([]byte(pass), []byte(k.Secret)) != 1 {
			return "", false
		}
		return k.Account, true
	}
	acct := twilio.AccountSID(user)
	if c.token == "" || !acct.Valid() || subtle.ConstantTimeCompare([]byte(pass), []byte(c.token)) != 1 {
		return "", false
	}
	return canonicalSID(acct), true
}

// requireAuth returns a handler that admits only requests with HTTP Basic
// credentials that c accepts, and calls h with their account SID in the
// request's context (see [AccountFromContext]). Any other request gets
// Twilio's 401 (code 20003) with a WWW-Authenticate header.
func requireAuth(c *credentials, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		var acct twilio.AccountSID
		if ok {
			acct, ok = c.account(user, pass)
		}
		if !ok {
			twilio.WriteError(w, r, twilio.Unauthorized())
			return
		}
		h.ServeHTTP(w, r.WithContext(ContextWithAccount(r.Context(), acct)))
	})
}

// withBase returns a handler that calls h with base, the public base URL
// of the API, in the request's context (see [ContextWithBase]).
func withBase(base string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(ContextWithBase(r.Context(), base)))
	})
}

// checkBaseURL returns the public base URL raw, without a trailing slash,
// or what is wrong with it; name is its Config field. Empty means def.
func checkBaseURL(name, raw, def string) (string, error) {
	if raw == "" {
		return def, nil
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "", fmt.Errorf("fake: %s: %w", name, err)
	case u.Scheme != "http" && u.Scheme != "https", u.Host == "", u.Opaque != "":
		return "", fmt.Errorf("fake: %s %q is not an absolute http or https URL", name, raw)
	case u.User != nil, u.RawQuery != "", u.ForceQuery, u.Fragment != "", u.Path != "" && u.Path != "/":
		return "", fmt.Errorf("fake: %s %q must be a scheme and host only, such as http://127.0.0.1:8081", name, raw)
	}
	return u.Scheme + "://" + u.Host, nil
}

// NewHandlers returns the two HTTP handlers of a fake Twilio configured by
// cfg, both requiring HTTP Basic auth with an account SID and the auth
// token, or an API key SID and its secret:
//
//   - chat serves Chat v1 under /v1/ and Chat v2 under /v2/, as
//     chat.twilio.com does; any other path gets Chat v2's Twilio 404;
//   - conversations serves Conversations v1.
//
// Their answers' URLs are on cfg's base URLs. It fails when cfg has no
// credentials, an invalid API key, an invalid base URL or a RateLimit that
// is not a finite number.
func NewHandlers(cfg Config) (chat, conversations http.Handler, err error) {
	creds, err := newCredentials(cfg)
	if err != nil {
		return nil, nil, err
	}
	chatBase, err := checkBaseURL("ChatBaseURL", cfg.ChatBaseURL, chatv2.DefaultBaseURL)
	if err != nil {
		return nil, nil, err
	}
	convBase, err := checkBaseURL("ConversationsBaseURL", cfg.ConversationsBaseURL, conversationsv1.DefaultBaseURL)
	if err != nil {
		return nil, nil, err
	}
	st := cfg.Store
	if st == nil {
		st = NewStore()
	}
	if math.IsInf(cfg.RateLimit, 0) || math.IsNaN(cfg.RateLimit) {
		return nil, nil, fmt.Errorf("fake: RateLimit %v is not a number of requests per second", cfg.RateLimit)
	}
	limit := func(h http.Handler) http.Handler { return h }
	if cfg.RateLimit > 0 {
		rl := newRateLimiter(cfg.RateLimit, cfg.RateBurst, time.Now)
		limit = func(h http.Handler) http.Handler { return rl.wrap(h) }
	}
	// A nil Logger keeps the handlers' default (slog's default logger).
	v1 := chatv1.NewHandler(NewChatV1(st), chatv1.WithLogger(cfg.Logger))
	v2 := chatv2.NewHandler(NewChatV2(st), chatv2.WithLogger(cfg.Logger))
	chatMux := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v1/") {
			v1.ServeHTTP(w, r)
			return
		}
		v2.ServeHTTP(w, r)
	})
	conv := conversationsv1.NewHandler(NewConversationsV1(st), conversationsv1.WithLogger(cfg.Logger))
	chat, conversations = withBase(chatBase, requireAuth(creds, limit(chatMux))), withBase(convBase, requireAuth(creds, limit(conv)))
	if cfg.Logger != nil {
		chat = logRequests(cfg.Logger.With("server", "chat"), chat)
		conversations = logRequests(cfg.Logger.With("server", "conversations"), conversations)
	}
	return chat, conversations, nil
}

// maxBuckets is how many accounts' buckets a rateLimiter keeps before it
// drops the full ones, which are the same as no bucket.
const maxBuckets = 10_000

// rateLimiter is a token bucket per account.
type rateLimiter struct {
	rate  float64 // tokens per second
	burst float64 // bucket size
	now   func() time.Time

	mu      sync.Mutex
	buckets map[twilio.AccountSID]*bucket
}

// bucket is an account's tokens at a time.
type bucket struct {
	tokens float64
	at     time.Time
}

func newRateLimiter(rate float64, burst int, now func() time.Time) *rateLimiter {
	if burst <= 0 {
		burst = max(1, int(math.Ceil(rate)))
	}
	return &rateLimiter{rate: rate, burst: float64(burst), now: now, buckets: map[twilio.AccountSID]*bucket{}}
}

// take takes a token from acct's bucket; when there is none it returns
// false and how long until there is one.
func (l *rateLimiter) take(acct twilio.AccountSID) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[acct]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			for a, o := range l.buckets {
				if o.tokens+now.Sub(o.at).Seconds()*l.rate >= l.burst {
					delete(l.buckets, a)
				}
			}
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[acct] = b
	}
	b.tokens = min(l.burst, b.tokens+max(0, now.Sub(b.at).Seconds())*l.rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// wrap returns h limited by l, for the account in the request's context.
func (l *rateLimiter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		acct, _ := AccountFromContext(r.Context())
		if ok, wait := l.take(acct); !ok {
			secs := max(1, int64(math.Ceil(wait.Seconds())))
			w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
			twilio.WriteError(w, r, twilio.NewError(http.StatusTooManyRequests, twilio.CodeTooManyRequests,
				"Too many requests: the fake allows "+strconv.FormatFloat(l.rate, 'g', -1, 64)+" per second per account"))
			return
		}
		h.ServeHTTP(w, r)
	})
}
