package apigen

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	twilio "github.com/apigen-dev/apigen/templates/runtime"
)

// Defaults of the transport.
const (
	defaultMaxAttempts = 3
	defaultBaseDelay   = 200 * time.Millisecond
	defaultMaxDelay    = 5 * time.Second
	defaultHTTPTimeout = 30 * time.Second
	maxDrain           = 64 << 10 // bytes of a response body read before closing it
)

// userAgent is the User-Agent of every request, before any suffix set with
// [twilio.WithUserAgent].
var userAgent = "apigen-go/1 (" + runtime.Version() + ")"

// defaultHTTPClient is the HTTP client of a Core built without
// [twilio.WithHTTPClient].
var defaultHTTPClient = &http.Client{Timeout: defaultHTTPTimeout}

// retryDefaults returns p with its zero fields set to the defaults that
// [twilio.RetryPolicy] documents.
func retryDefaults(p twilio.RetryPolicy) twilio.RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = defaultMaxAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = defaultBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = defaultMaxDelay
	}
	return p
}

// backoff returns the wait before retry n (n >= 1) when the server gave no
// Retry-After: a random duration in [0, min(MaxDelay, BaseDelay*2^(n-1))].
// p must have its defaults set.
func backoff(p twilio.RetryPolicy, n int) time.Duration {
	ceiling := p.MaxDelay
	if shift := n - 1; shift >= 0 && shift < 62 && p.BaseDelay <= p.MaxDelay>>shift {
		ceiling = p.BaseDelay << shift
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// Core is the HTTP transport that every generated API client embeds: the
// base URL, the credentials, the User-Agent and the retry policy. Build it
// with [NewCore]. A Core is immutable and safe for concurrent use.
//
// A Core sends requests only to the origin of its base URL: it follows
// redirects only within it, as [twilio.WithHTTPClient] describes, and
// [Core.DoURL] refuses URLs elsewhere.
type Core struct {
	base       *url.URL // absolute http(s) URL, no trailing slash
	baseURL    string   // base.String()
	username   string
	password   string
	accountSID string
	hasAuth    bool
	httpClient *http.Client
	userAgent  string
	retry      twilio.RetryPolicy
	// maxResponse is the size limit of a response body, in bytes.
	maxResponse int64
	sleep       func(context.Context, time.Duration) error // sleepCtx; replaced in tests
}

// NewCore returns a Core that sends requests to defaultBaseURL, or to the
// URL of [twilio.WithBaseURL] when given, configured by opts, which it
// applies in order to a [twilio.ClientSettings]; nil options are skipped.
// It returns an error when the base URL is not an absolute http or https
// URL, or when a setting is invalid. Errors never contain credentials.
func NewCore(defaultBaseURL string, opts ...twilio.ClientOption) (*Core, error) {
	s := twilio.ClientSettings{BaseURL: defaultBaseURL}
	for _, opt := range opts {
		if opt != nil {
			opt(&s)
		}
	}
	base, err := parseBaseURL(s.BaseURL)
	if err != nil {
		return nil, err
	}
	suffix := strings.TrimSpace(s.UserAgentSuffix)
	if strings.IndexFunc(suffix, unicode.IsControl) >= 0 {
		return nil, errors.New("twilio: invalid User-Agent suffix: it has control characters")
	}
	c := &Core{
		base:        base,
		baseURL:     base.String(),
		username:    s.Username,
		password:    s.Password,
		accountSID:  s.AccountSID,
		hasAuth:     s.Username != "" || s.Password != "",
		httpClient:  s.HTTPClient,
		userAgent:   userAgent,
		retry:       retryDefaults(s.Retry),
		maxResponse: s.MaxResponseBytes,
		sleep:       sleepCtx,
	}
	if c.httpClient == nil {
		c.httpClient = defaultHTTPClient
	}
	if c.maxResponse <= 0 {
		c.maxResponse = twilio.DefaultMaxResponseBytes
	}
	if suffix != "" {
		c.userAgent += " " + suffix
	}
	return c, nil
}

// parseBaseURL checks that raw is an absolute http or https URL without user
// info (nor any @), query or fragment, and returns it without a trailing
// slash. Its errors never quote raw, nor any part of it, which might hold a
// password.
func parseBaseURL(raw string) (*url.URL, error) {
	const prefix = "twilio: invalid base URL: "
	raw = strings.TrimSpace(raw)
	if strings.Contains(raw, "@") {
		// Also where the parser would not see user info: in
		// "https://AC...:pass/word@chat.twilio.com", "pass" is a port and
		// "/word@chat.twilio.com" a path.
		return nil, errors.New(prefix + "it must not contain user info, nor any @; credentials go in WithCredentials or WithAPIKey")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New(prefix + "it is not a valid URL (" + parseProblem(err) + "); it is not repeated here, as it might hold a password")
	}
	switch {
	case u.User != nil: // not without an @, but kept for safety
		return nil, errors.New(prefix + "it must not contain user info; credentials go in WithCredentials or WithAPIKey")
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, errors.New(prefix + "it must be an absolute http or https URL")
	case u.Opaque != "" || u.Host == "":
		return nil, errors.New(prefix + u.Scheme + " URL without a host")
	case u.RawQuery != "" || u.ForceQuery:
		return nil, errors.New(prefix + "it must not have a query")
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return nil, errors.New(prefix + "it must not have a fragment")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	return u, nil
}

// parseProblem says what is wrong in a URL that url.Parse refused with err,
// without quoting the URL or any part of it, as err does.
func parseProblem(err error) string {
	var escErr url.EscapeError
	var hostErr url.InvalidHostError
	switch msg := unwrapURLError(err).Error(); {
	case errors.As(err, &escErr):
		return "a bad % escape"
	case errors.As(err, &hostErr):
		return "an invalid character in the host"
	case strings.Contains(msg, "invalid port"):
		return "an invalid port"
	case strings.Contains(msg, "host"):
		return "an invalid host"
	case strings.Contains(msg, "control character"):
		return "a control character"
	case strings.Contains(msg, "scheme"):
		return "no scheme"
	case strings.Contains(msg, "userinfo"):
		return "invalid user info"
	case strings.Contains(msg, "colon"):
		return "a colon in the first path segment"
	}
	return "it does not parse"
}

// BaseURL returns the base URL requests are sent to, without a trailing
// slash, such as "https://chat.twilio.com".
func (c *Core) BaseURL() string {
	return c.baseURL
}

// AccountSID returns the Account SID given to [twilio.WithCredentials] or
// [twilio.WithAPIKey], or "" when there is none.
func (c *Core) AccountSID() string {
	return c.accountSID
}

// Call is one request to the API, relative to the base URL.
type Call struct {
	// Method is the HTTP method, such as "GET", "POST" or "DELETE". Empty
	// means GET.
	Method string
	// Path is the escaped path after the base URL, starting with "/", such
	// as "/v2/Services/IS.../Users/alice%2B1%40example.com".
	Path string
	// Query holds the query parameters; it may be nil.
	Query url.Values
	// Header holds extra request headers; it may be nil. They replace the
	// default headers of the same name; an Authorization header is replaced
	// by the credentials' when the Core has some.
	Header http.Header
	// Form, when not nil, is sent as an application/x-www-form-urlencoded
	// body.
	Form url.Values
}

// request is a request ready to be sent, possibly more than once.
type request struct {
	method string
	url    string // absolute
	path   string // escaped path, for errors
	header http.Header
	body   string
	form   bool
	// redirect: the operation's success is a redirect, which is not
	// followed: its Location is the result.
	redirect bool
}

// Do sends call and decodes a 2xx JSON response into out, unless out is nil,
// the status is 204 No Content or the body is empty. Unknown JSON fields are
// ignored; anything but white space after the JSON document is an error, as
// is a body larger than the limit of [twilio.WithMaxResponseBytes].
//
// A non-2xx response is returned as a [*twilio.Error]. Requests are retried as
// [twilio.RetryPolicy] says; after the last attempt, Do returns the last error.
// Errors never contain the credentials.
func (c *Core) Do(ctx context.Context, call *Call, out any) error {
	_, err := c.DoStatus(ctx, call, out)
	return err
}

// DoStatus is [Core.Do] for an operation with several success statuses: it
// also returns the status of the 2xx response, 0 with an error.
func (c *Core) DoStatus(ctx context.Context, call *Call, out any) (int, error) {
	r, err := c.request(call)
	if err != nil {
		return 0, err
	}
	return c.send(ctx, r, out)
}

// DoRedirect sends call, an operation whose success is a redirect (a 3xx
// status), without following it, and returns the absolute URL it redirects
// to. A 2xx response is an error, as is a redirect without a Location.
func (c *Core) DoRedirect(ctx context.Context, call *Call) (string, error) {
	r, err := c.request(call)
	if err != nil {
		return "", err
	}
	r.redirect = true
	var location string
	if _, err := c.send(ctx, r, &location); err != nil {
		return "", err
	}
	return location, nil
}

// request makes the request of call.
func (c *Core) request(call *Call) (*request, error) {
	if call == nil {
		return nil, errors.New("twilio: nil Call")
	}
	method := call.Method
	if method == "" {
		method = http.MethodGet
	}
	if !strings.HasPrefix(call.Path, "/") || strings.ContainsAny(call.Path, "?#") {
		return nil, fmt.Errorf("twilio: %s %q: path must start with / and have no query or fragment", method, call.Path)
	}
	u := c.baseURL + call.Path
	if len(call.Query) > 0 {
		if q := call.Query.Encode(); q != "" {
			u += "?" + q
		}
	}
	r := &request{method: method, url: u, path: call.Path, header: call.Header}
	if call.Form != nil {
		r.body, r.form = call.Form.Encode(), true
	}
	return r, nil
}

// DoURL sends a GET request to rawURL, a URL returned by the API such as a
// list page's meta.next_page_url, and handles the response and retries as
// [Core.Do] does. A relative rawURL is resolved against the base URL.
//
// DoURL refuses, without sending anything, a URL whose scheme or host
// (including the port) differs from the base URL's, or that has user info,
// so that the credentials are only ever sent to the API.
func (c *Core) DoURL(ctx context.Context, rawURL string, out any) error {
	u, err := c.base.Parse(rawURL)
	if err != nil {
		// Not wrapped, nor quoted: url.Parse quotes parts of the URL.
		return errors.New("twilio: invalid page URL: it is not a valid URL (" + parseProblem(err) + "); it is not repeated here, as it might hold a password")
	}
	if u.User != nil {
		return errors.New("twilio: refusing page URL with user info")
	}
	if got, want := origin(u), origin(c.base); got != want {
		return fmt.Errorf("twilio: refusing page URL on %s: requests go only to %s", got, want)
	}
	u.Fragment, u.RawFragment = "", ""
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	_, err = c.send(ctx, &request{method: http.MethodGet, url: u.String(), path: path}, out)
	return err
}

// origin returns the scheme, lower-case host name and port of u, the port
// defaulting to the scheme's, as in "https://chat.twilio.com:443".
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// idempotentMethods are the methods that are safe to send twice (RFC 9110,
// section 9.2.2).
var idempotentMethods = map[string]bool{
	http.MethodGet:     true,
	http.MethodHead:    true,
	http.MethodOptions: true,
	http.MethodPut:     true,
	http.MethodDelete:  true,
}

// send sends r, retrying as c.retry says, and handles the response: the
// status of a 2xx response, or 0 and an error.
func (c *Core) send(ctx context.Context, r *request, out any) (int, error) {
	if ctx == nil {
		return 0, fmt.Errorf("twilio: %s %s: nil Context", r.method, r.path)
	}
	retryable := idempotentMethods[r.method] || c.retry.RetryNonIdempotent
	var lastErr error
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return 0, c.ctxError(r, err, lastErr)
		}
		resp, err := c.attempt(ctx, r)
		retryAfter := time.Duration(-1)
		switch {
		case err != nil:
			lastErr = fmt.Errorf("twilio: %s %s: %w", r.method, r.path, err)
			if ctx.Err() != nil || !retryableTransportError(err) {
				return 0, lastErr
			}
		case r.redirect && resp.StatusCode >= 300 && resp.StatusCode < 400:
			drainAndClose(resp.Body)
			loc, err := resp.Location()
			if err != nil {
				return 0, fmt.Errorf("twilio: %s %s: redirect %d without a valid Location", r.method, r.path, resp.StatusCode)
			}
			*out.(*string) = loc.String()
			return resp.StatusCode, nil
		case r.redirect && resp.StatusCode >= 200 && resp.StatusCode < 300:
			drainAndClose(resp.Body)
			return 0, fmt.Errorf("twilio: %s %s: status %d, where the API answers a redirect", r.method, r.path, resp.StatusCode)
		case resp.StatusCode >= 200 && resp.StatusCode < 300:
			if err := c.decode(r, resp, out); err != nil {
				return 0, err
			}
			return resp.StatusCode, nil
		default:
			terr := errorFromResponse(resp, r.method, r.path, c.maxResponse)
			if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				retryAfter = d
			}
			// Not drained: errorFromResponse read what it may.
			closeBody(resp.Body)
			lastErr = terr
			if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
				return 0, lastErr
			}
		}
		if !retryable || attempt >= c.retry.MaxAttempts {
			return 0, lastErr
		}
		delay := retryAfter
		if delay < 0 {
			delay = backoff(c.retry, attempt)
		}
		delay = min(delay, c.retry.MaxDelay)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= delay {
			// Waiting would outlive the context: the retry could not be sent.
			return 0, lastErr
		}
		if err := c.sleep(ctx, delay); err != nil {
			return 0, c.ctxError(r, err, lastErr)
		}
	}
}

// ctxError is the error returned when ctx is done before an attempt could
// be sent. It wraps ctxErr, and mentions the previous attempt's error.
func (c *Core) ctxError(r *request, ctxErr, lastErr error) error {
	if lastErr == nil {
		return fmt.Errorf("twilio: %s %s: %w", r.method, r.path, ctxErr)
	}
	return fmt.Errorf("twilio: %s %s: %w (previous attempt: %v)", r.method, r.path, ctxErr, lastErr)
}

// attempt sends r once. Its error is a transport error with the URL removed.
func (c *Core) attempt(ctx context.Context, r *request) (*http.Response, error) {
	var body io.Reader
	if r.form {
		// A fresh reader per attempt; it also sets GetBody and ContentLength.
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, r.url, body)
	if err != nil {
		return nil, unwrapURLError(err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if r.form {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, vs := range r.header {
		req.Header.Del(k)
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if c.hasAuth {
		req.SetBasicAuth(c.username, c.password)
	}
	// A shallow copy, so that the caller's client is never changed, with
	// the redirect policy of the Core in front of the caller's.
	hc := *c.httpClient
	if r.redirect {
		hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	} else {
		hc.CheckRedirect = c.redirectPolicy(c.httpClient.CheckRedirect)
	}
	resp, err := hc.Do(req)
	if err != nil {
		if resp != nil && resp.Body != nil {
			drainAndClose(resp.Body)
		}
		err = unwrapURLError(err)
		if strings.HasPrefix(err.Error(), "failed to parse Location header") {
			// The http.Client's message quotes the Location, which
			// might hold user info.
			err = &redirectError{errors.New("redirect with an invalid Location header")}
		}
		return nil, err
	}
	return resp, nil
}

// maxRedirects is the number of redirects followed in a row when the
// caller's http.Client has no CheckRedirect of its own, as for the
// http.Client.
const maxRedirects = 10

// redirectPolicy returns the CheckRedirect of a request: a redirect is
// followed only to the base URL's origin (scheme, host and port) and
// without user info, so that neither the credentials nor a request body
// ever reach another origin; within the origin, theirs, the CheckRedirect of
// the caller's http.Client, decides, or when it is nil, the http.Client's
// default of at most 10 redirects.
func (c *Core) redirectPolicy(theirs func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if req.URL.User != nil {
			return &redirectError{errors.New("refusing redirect to a URL with user info")}
		}
		if got, want := origin(req.URL), origin(c.base); got != want {
			return &redirectError{fmt.Errorf("refusing redirect to %s: requests go only to %s", got, want)}
		}
		if theirs == nil {
			if len(via) >= maxRedirects {
				return &redirectError{fmt.Errorf("stopped after %d redirects", maxRedirects)}
			}
			return nil
		}
		err := theirs(req, via)
		if err == nil || err == http.ErrUseLastResponse { // compared as the http.Client does
			return err
		}
		return &redirectError{err}
	}
}

// redirectError is a redirect that was not followed. A request that failed
// with one is not retried: the server would redirect it again.
type redirectError struct{ err error }

// Error returns the text of the error inside.
func (e *redirectError) Error() string { return e.err.Error() }

// Unwrap returns the error inside, such as the one the caller's
// CheckRedirect returned.
func (e *redirectError) Unwrap() error { return e.err }

// unwrapURLError returns the error inside a *url.Error, so that the request
// URL is never part of an error's text.
func unwrapURLError(err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) && uerr.Err != nil {
		return uerr.Err
	}
	return err
}

// retryableTransportError reports whether a request that failed with err,
// without a response, may be sent again: not when the context ended it, nor
// when the server's certificate or TLS records are wrong, or a redirect was
// refused, which a retry would not fix.
func retryableTransportError(err error) bool {
	var certErr *tls.CertificateVerificationError
	var recErr tls.RecordHeaderError
	var redirErr *redirectError
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false
	case errors.As(err, &certErr), errors.As(err, &recErr):
		return false
	case errors.As(err, &redirErr):
		return false
	}
	return true
}

// decode handles a 2xx response: it decodes the body into out, when out is
// not nil and the status is not 204, and closes the body. The body must be a
// single JSON document, with nothing but white space after it, of at most
// c.maxResponse bytes; a larger one is an error that wraps an
// [*http.MaxBytesError], and no more of it is read.
func (c *Core) decode(r *request, resp *http.Response, out any) error {
	if out == nil || resp.StatusCode == http.StatusNoContent || resp.Body == nil {
		drainAndClose(resp.Body)
		return nil
	}
	if resp.ContentLength > c.maxResponse {
		closeBody(resp.Body)
		return c.tooLarge(r)
	}
	body := &limitedReader{r: resp.Body, n: c.maxResponse}
	var err error
	if u, ok := out.(json.Unmarshaler); ok {
		// The generated types decode themselves from the whole body,
		// without encoding/json's validation pass.
		err = decodeWhole(body, resp.ContentLength, u)
	} else {
		dec := json.NewDecoder(body)
		err = dec.Decode(out)
		if err == nil {
			err = onlySpace(io.MultiReader(dec.Buffered(), body))
		}
	}
	if !body.exceeded {
		// What is left, within the limit, so that the connection can be
		// reused; past the limit it is closed without reading on.
		_, _ = io.Copy(io.Discard, io.LimitReader(body, maxDrain))
	}
	closeBody(resp.Body)
	switch {
	case err == nil || err == io.EOF: // io.EOF: empty body
		return nil
	case errors.Is(err, errLimit):
		return c.tooLarge(r)
	}
	return fmt.Errorf("twilio: decoding %s %s: %w", r.method, r.path, unwrapURLError(err))
}

// tooLarge is the error of a response to r whose body is larger than
// c.maxResponse.
func (c *Core) tooLarge(r *request) error {
	return &tooLargeError{
		msg: fmt.Sprintf("twilio: %s %s: response body larger than %d bytes, the limit of WithMaxResponseBytes", r.method, r.path, c.maxResponse),
		mbe: &http.MaxBytesError{Limit: c.maxResponse},
	}
}

// tooLargeError is a response body beyond the limit. It wraps an
// [*http.MaxBytesError] without its text, which speaks of a request body.
type tooLargeError struct {
	msg string
	mbe *http.MaxBytesError
}

// Error returns the message, which names the request and the limit.
func (e *tooLargeError) Error() string { return e.msg }

// Unwrap returns the [*http.MaxBytesError] with the limit.
func (e *tooLargeError) Unwrap() error { return e.mbe }

// decodeWhole reads body to its end, expecting size bytes (-1 when
// unknown), and decodes it with u. A body of white space alone is io.EOF,
// as for encoding/json's Decoder, and leaves u as it is.
func decodeWhole(body io.Reader, size int64, u json.Unmarshaler) error {
	n := 512
	if size >= 0 {
		n = int(size) + 1 // room for the read that finds the end
	}
	buf := make([]byte, 0, n)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		m, err := body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	if !allSpace(buf) {
		return u.UnmarshalJSON(buf)
	}
	return io.EOF
}

// errTrailingData is the error of a body with more than white space after
// its JSON document.
var errTrailingData = errors.New("data after the JSON document")

// onlySpace reads r to its end and returns nil when it holds only JSON
// white space, errTrailingData when it holds anything else, or the read
// error.
func onlySpace(r io.Reader) error {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if !allSpace(buf[:n]) {
			return errTrailingData
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// allSpace reports whether b holds only JSON white space.
func allSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// limitedReader reads at most n bytes from r and records whether r had
// more: unlike an [io.LimitReader], the read after the nth byte is an error,
// so that a body cut at the limit never decodes as a whole one.
type limitedReader struct {
	r        io.Reader
	n        int64 // bytes left before the limit
	exceeded bool
}

// errLimit is the error of a read beyond a limitedReader's limit.
var errLimit = errors.New("response body too large")

// Read reads from l.r, up to the limit, and fails with errLimit once l.r
// has more.
func (l *limitedReader) Read(p []byte) (int, error) {
	if l.exceeded {
		return 0, errLimit
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.r.Read(p)
	if int64(n) > l.n {
		l.exceeded = true
		l.n = 0
		return 0, errLimit
	}
	l.n -= int64(n)
	return n, err
}

// drainAndClose reads what is left of body, up to 64 KiB so that the
// connection can be reused, and closes it.
func drainAndClose(body io.ReadCloser) {
	if body == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(body, maxDrain))
	_ = body.Close()
}

// closeBody closes body, when not nil, without reading what is left of it.
func closeBody(body io.ReadCloser) {
	if body != nil {
		_ = body.Close()
	}
}

// parseRetryAfter parses the value of a Retry-After header, a number of
// seconds or an HTTP date, as the delay from now. ok is false when v is
// empty or invalid. A date in the past is a zero delay.
func parseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if v[0] >= '0' && v[0] <= '9' {
		secs, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			var nerr *strconv.NumError
			if errors.As(err, &nerr) && nerr.Err == strconv.ErrRange {
				return math.MaxInt64, true
			}
			return 0, false
		}
		if secs > uint64(math.MaxInt64/int64(time.Second)) {
			return math.MaxInt64, true
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// sleepCtx waits for d, or until ctx is done, and then returns ctx.Err().
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// maxEmptyPages is the number of list pages in a row without items after
// which [Iterate] stops with an error rather than follow the next one.
const maxEmptyPages = 10

// Iterate returns an iterator over the items of a paged list. It yields the
// items of the page that first returns, then those of each next page, which
// next fetches from the previous page's meta.next_page_url, while
// [twilio.PageMeta.HasNext] is true.
//
// It stops after limit items when limit > 0, without fetching another page,
// and when the consumer stops. On an error it yields the zero T and the
// error once, then stops. Before fetching a page it checks ctx.Err().
//
// A server cannot make the iteration endless: an empty page with a next URL
// is followed, but after 10 pages in a row without items (maxEmptyPages)
// the iteration stops with an error, and so it does when a page's next URL
// is one already fetched, a loop. It remembers the URLs as SHA-256 digests,
// so its memory does not grow with their length.
//
// Each use of the iterator starts again from the first page.
func Iterate[T any](ctx context.Context, limit int, first func(context.Context) ([]T, twilio.PageMeta, error), next func(ctx context.Context, nextURL string) ([]T, twilio.PageMeta, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if err := ctx.Err(); err != nil {
			yield(zero, err)
			return
		}
		items, meta, err := first(ctx)
		if err != nil {
			yield(zero, err)
			return
		}
		seen := map[[sha256.Size]byte]bool{}
		n := 0
		empty := 0 // pages in a row without items
		for {
			if len(items) == 0 {
				empty++
			} else {
				empty = 0
			}
			for _, item := range items {
				// A cancelled context ends the iteration at once, not at
				// the end of the page in hand.
				if err := ctx.Err(); err != nil {
					yield(zero, err)
					return
				}
				if !yield(item, nil) {
					return
				}
				n++
				if limit > 0 && n >= limit {
					return
				}
			}
			if !meta.HasNext() {
				return
			}
			if empty >= maxEmptyPages {
				yield(zero, fmt.Errorf("twilio: paging stopped: %d pages in a row without items, each with a next page URL", empty))
				return
			}
			nextURL := meta.NextPageURL.Value
			key := sha256.Sum256([]byte(nextURL))
			if seen[key] {
				yield(zero, fmt.Errorf("twilio: paging loops: next page URL %s was already fetched", quoteURL(nextURL)))
				return
			}
			seen[key] = true
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			if items, meta, err = next(ctx, nextURL); err != nil {
				yield(zero, err)
				return
			}
		}
	}
}

// quoteURL returns raw quoted for an error message, without its user info:
// a URL that does not parse, or is opaque, is not repeated at all, since it
// might hold a password in a place the parser cannot tell.
func quoteURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" {
		return "(not repeated: it is not a valid URL)"
	}
	u.User = nil
	return strconv.Quote(u.String())
}

// Limits applied by errorFromResponse.
const (
	maxErrorBody    = 64 << 10 // bytes of the body read
	maxErrorSnippet = 200      // bytes of a non-JSON body kept as the message
)

// errorFromResponse builds the [twilio.Error] for a non-2xx response to the
// request with the given method and path. It reads at most limit bytes of
// resp.Body, or 64 KiB when that is less or limit is not positive, and does
// not close it.
//
// A Twilio JSON error body is decoded as is, and a missing or zero status in
// it is replaced by resp.StatusCode. When the body is not a Twilio error (not
// JSON, or JSON with neither a code nor a message), Status is resp.StatusCode
// and Message is the start of the body on one line, or the status text when
// the body is empty.
func errorFromResponse(resp *http.Response, method, path string, limit int64) *twilio.Error {
	e := &twilio.Error{Method: method, Path: path}
	if resp == nil {
		e.Message = "no response"
		return e
	}
	e.RequestID = resp.Header.Get("Twilio-Request-Id")
	var body []byte
	if resp.Body != nil {
		// A read error leaves the part read so far, which is still worth
		// reporting.
		if limit <= 0 || limit > maxErrorBody {
			limit = maxErrorBody
		}
		body, _ = io.ReadAll(io.LimitReader(resp.Body, limit))
	}
	var decoded twilio.Error
	if json.Unmarshal(body, &decoded) == nil && (decoded.Message != "" || decoded.Code != 0) {
		e.Status = decoded.Status
		e.Code = decoded.Code
		e.Message = decoded.Message
		e.MoreInfo = decoded.MoreInfo
	}
	if e.Message == "" {
		e.Message = bodySnippet(body)
	}
	if e.Status == 0 {
		e.Status = resp.StatusCode
	}
	if e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	return e
}

// bodySnippet returns the start of body on a single line: runs of white
// space and control characters become one space, invalid UTF-8 becomes
// U+FFFD, and the result is cut to at most maxErrorSnippet bytes, followed by
// "..." when cut.
func bodySnippet(body []byte) string {
	s := strings.ToValidUTF8(string(body), "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= maxErrorSnippet {
		return s
	}
	cut := maxErrorSnippet
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimSpace(s[:cut]) + "..."
}
