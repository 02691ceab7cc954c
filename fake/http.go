package fake

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/apigen-dev/apigen/generated/chatv1"
	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// WithRequestBase returns a handler that puts the scheme and host the
// request came in on, such as "http://127.0.0.1:8081", in the request's
// context (see [BaseFromContext]) and calls h. The scheme is https when the
// connection is TLS; the host is r.Host. Proxy headers are not trusted.
func WithRequestBase(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host != "" {
			scheme := "http"
			if r.TLS != nil {
				scheme = "https"
			}
			r = r.WithContext(ContextWithBase(r.Context(), scheme+"://"+r.Host))
		}
		h.ServeHTTP(w, r)
	})
}

// RequireAuth returns a handler that admits only requests with HTTP Basic
// credentials whose user name is an account SID (AC and 32 hexadecimal
// digits) and whose password is token, and calls h with the account SID in
// the request's context (see [AccountFromContext]). Any other request gets
// Twilio's 401 (code 20003) with a WWW-Authenticate header. An empty token
// admits nobody.
func RequireAuth(token string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		account := twilio.AccountSID(user)
		if !ok || token == "" || !account.Valid() ||
			subtle.ConstantTimeCompare([]byte(pass), []byte(token)) != 1 {
			twilio.WriteError(w, r, twilio.Unauthorized())
			return
		}
		h.ServeHTTP(w, r.WithContext(ContextWithAccount(r.Context(), canonicalSID(account))))
	})
}

// Handler returns the two HTTP handlers of a fake Twilio backed by st, both
// requiring HTTP Basic auth with an account SID and token (see
// [RequireAuth]):
//
//   - chat serves Chat v1 under /v1/ and Chat v2 under /v2/, as
//     chat.twilio.com does; any other path gets Chat v2's Twilio 404;
//   - conversations serves Conversations v1.
//
// Both record the request's scheme and host for the URLs they answer with
// (see [WithRequestBase]).
func Handler(st *Store, token string) (chat http.Handler, conversations http.Handler) {
	v1 := chatv1.NewHandler(NewChatV1(st))
	v2 := chatv2.NewHandler(NewChatV2(st))
	chatMux := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v1/") {
			v1.ServeHTTP(w, r)
			return
		}
		v2.ServeHTTP(w, r)
	})
	conv := conversationsv1.NewHandler(NewConversationsV1(st))
	return WithRequestBase(RequireAuth(token, chatMux)), WithRequestBase(RequireAuth(token, conv))
}
