package apigen

import (
	"net/http"
	"path"
	"strings"

	twilio "github.com/apigen-dev/apigen/templates/runtime"
)

// routedMethods are the methods Routes probes to tell a wrong method (405)
// from an unknown path (404).
var routedMethods = []string{http.MethodGet, http.MethodPost, http.MethodDelete, http.MethodPut, http.MethodPatch}

// Routes serves requests with mux and answers what mux has no route for in
// Twilio's error shape: 405 with an Allow header when the path exists under
// other methods, 404 otherwise. (ServeMux's own answers are plain text.)
func Routes(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// ServeMux answers a path that is not clean ("//x", "/a/./b",
		// "/a/..") with its own plain redirect; no route of these APIs
		// has such a path, so it is not found.
		if !isClean(r.URL.EscapedPath()) {
			notFoundHandler().ServeHTTP(w, r)
			return
		}
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		var allow []string
		for _, m := range routedMethods {
			if m == r.Method {
				continue
			}
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pattern := mux.Handler(probe); pattern != "" {
				allow = append(allow, m)
			}
		}
		if len(allow) == 0 {
			notFoundHandler().ServeHTTP(w, r)
			return
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		twilio.WriteError(w, r, &twilio.Error{
			Status:   http.StatusMethodNotAllowed,
			Code:     twilio.CodeMethodNotAllowed,
			Message:  "Method " + r.Method + " is not allowed on " + r.URL.Path,
			MoreInfo: "https://www.twilio.com/docs/errors/20004",
		})
	})
}

// isClean reports whether ServeMux would serve the escaped path p as it
// is: p is rooted and path.Clean leaves it unchanged (but for a trailing
// slash). An escaped "%2E" is a segment like any other.
func isClean(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c == p
}

// notFoundHandler returns a handler that answers every request with a Twilio
// 404, code [twilio.CodeNotFound] and the message "The requested resource
// <path> was not found", as Twilio does. Register it for the pattern "/" so
// that unrouted paths get a Twilio error body.
func notFoundHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		twilio.WriteError(w, r, twilio.NotFound("The requested resource "+r.URL.Path+" was not found"))
	})
}
