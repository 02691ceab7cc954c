package twilio

import (
	"net/http"
	"strings"
	"time"
)

// ClientOption configures a client of a generated API package. Pass options
// to the package's NewClient; each API package re-exports the options below
// under the same names.
//
// An option only records its value in the [ClientSettings]. The client's
// constructor checks the settings once every option has run and reports
// what is invalid, such as a base URL that is not an absolute http or https
// URL; its errors never contain credentials.
type ClientOption func(*ClientSettings)

// ClientSettings is what the options of a client, each a [ClientOption],
// set. A client's constructor starts from the zero ClientSettings with
// BaseURL set to the API's default, applies the options in order, a later
// one overriding an earlier one, and checks the result. An option of your
// own may read and change any field.
type ClientSettings struct {
	// BaseURL is where requests are sent, such as
	// "https://chat.twilio.com". It must be an absolute http or https URL
	// without user info (nor any @), query or fragment; a trailing slash is
	// removed.
	BaseURL string
	// Username and Password are the HTTP Basic credentials of every
	// request: an Account SID and its Auth Token, or an API Key SID and its
	// secret. When both are empty, requests carry no credentials.
	Username, Password string
	// AccountSID is the Account SID of the credentials, which an API key
	// does not name itself.
	AccountSID string
	// HTTPClient sends the requests. Nil means the default client, an
	// [http.Client] with a 30-second timeout. It is never changed: the
	// client sends with a copy whose redirect policy, described at
	// [WithHTTPClient], comes before the CheckRedirect of HTTPClient.
	HTTPClient *http.Client
	// UserAgentSuffix, such as "myapp/1.2", is appended after a space to
	// the User-Agent of every request, which is otherwise
	// "apigen-go/1 (<Go version>)". It must not have control characters.
	UserAgentSuffix string
	// Retry says when and how often a request is retried.
	Retry RetryPolicy
	// MaxResponseBytes is the size limit of a response body; see
	// [WithMaxResponseBytes]. Zero or less means
	// [DefaultMaxResponseBytes].
	MaxResponseBytes int64
}

// DefaultMaxResponseBytes is the size limit of a response body when
// [WithMaxResponseBytes] does not set one: 10 MiB, several times the
// largest list page, 1000 items of about 1 KiB each.
const DefaultMaxResponseBytes = 10 << 20

// WithCredentials authenticates every request with HTTP Basic auth, using
// the Account SID as the user name and the Auth Token as the password.
func WithCredentials(accountSID, authToken string) ClientOption {
	return func(s *ClientSettings) {
		s.Username, s.Password, s.AccountSID = accountSID, authToken, accountSID
	}
}

// WithAPIKey authenticates every request with HTTP Basic auth, using the API
// Key SID as the user name and the API Key Secret as the password, on behalf
// of the account accountSID, which the key belongs to.
func WithAPIKey(accountSID, apiKeySID, apiKeySecret string) ClientOption {
	return func(s *ClientSettings) {
		s.Username, s.Password, s.AccountSID = apiKeySID, apiKeySecret, accountSID
	}
}

// WithBaseURL replaces the API's default base URL, for example to point a
// client at a fake server in tests. rawURL must be an absolute http or https
// URL without user info, query or fragment; a trailing slash is removed.
// Creating the client reports an invalid URL, without repeating it: any @ in
// it is refused as possible user info, even where a URL parser would read
// a password with a slash in it as a port and a path. Credentials go in
// WithCredentials or WithAPIKey.
func WithBaseURL(rawURL string) ClientOption {
	return func(s *ClientSettings) {
		s.BaseURL = rawURL
	}
}

// WithHTTPClient sends requests with hc instead of the default client, an
// [http.Client] with a 30-second timeout. A nil hc keeps the default.
//
// Whatever the client, redirects are followed only within the origin of the
// base URL, its scheme, host and port, and never to a URL with user info,
// so that neither the credentials nor a request body ever reach another
// origin: a redirect elsewhere, even to a subdomain, another port or from
// https to http, fails with an error that names the origin it pointed to,
// and is not retried. Within the origin, hc's CheckRedirect decides, or
// without one, as for the http.Client, the tenth redirect in a row is an
// error. hc itself is not changed: requests go through a shallow copy of it.
// Twilio's API does not redirect, except for operations whose success is a
// redirect; those are never followed: their method returns the Location.
func WithHTTPClient(hc *http.Client) ClientOption {
	return func(s *ClientSettings) {
		s.HTTPClient = hc
	}
}

// WithUserAgent appends suffix, such as "myapp/1.2", to the User-Agent of
// every request, which is otherwise "apigen-go/1 (<Go version>)". Creating
// the client reports a suffix with control characters.
func WithUserAgent(suffix string) ClientOption {
	return func(s *ClientSettings) {
		s.UserAgentSuffix = strings.TrimSpace(suffix)
	}
}

// WithRetry sets the retry policy; see [RetryPolicy] for the defaults.
func WithRetry(p RetryPolicy) ClientOption {
	return func(s *ClientSettings) {
		s.Retry = p
	}
}

// WithMaxResponseBytes limits the body of a response to n bytes. Zero or
// less means [DefaultMaxResponseBytes], 10 MiB.
//
// A successful response whose body is larger, by its Content-Length or as
// it is read, fails with an error that wraps an [*http.MaxBytesError] with
// the limit (look for it with errors.As), and no more of it is read. The
// body of an error response is read up to the limit or 64 KiB, whichever is
// smaller, and what is read makes the [Error].
func WithMaxResponseBytes(n int64) ClientOption {
	return func(s *ClientSettings) {
		s.MaxResponseBytes = n
	}
}

// RetryPolicy says when and how often a request is retried.
//
// A request is retried after a 429 Too Many Requests or 503 Service
// Unavailable response, and after a transport error for which no response
// was received, such as a reset connection. It is not retried when its
// context is done. Only idempotent requests (GET, HEAD, OPTIONS, PUT and
// DELETE) are retried, unless RetryNonIdempotent is set.
//
// The wait before retry n (n = 1, 2, ...) is drawn uniformly from
// [0, min(MaxDelay, BaseDelay*2^(n-1))] ("full jitter"). When the response
// has a Retry-After header, in seconds or as an HTTP date, the wait is that
// delay instead, capped at MaxDelay. When the wait would end after the
// context's deadline, the last error is returned at once.
type RetryPolicy struct {
	// MaxAttempts is the number of attempts, the first included. Zero or
	// less means 3; 1 means no retries.
	MaxAttempts int
	// BaseDelay is the upper bound of the first wait. Zero or less means
	// 200ms.
	BaseDelay time.Duration
	// MaxDelay caps every wait. Zero or less means 5s.
	MaxDelay time.Duration
	// RetryNonIdempotent also retries POST requests (creates and updates).
	// By default they are sent once, so that a create is never replayed.
	RetryNonIdempotent bool
}
