package twilio

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
)

// MaxFormBytes is the largest form body that a generated server reads. A
// larger body is answered with 413 Request Entity Too Large and
// [CodeBodyTooLarge].
const MaxFormBytes = 64 << 10

// WriteError writes err as a Twilio error response: a JSON body with code,
// message, more_info and status, where status is the HTTP status of the
// response. It must be called before anything else is written to w.
//
//   - An [*Error] in err's chain (found with [errors.As], so a wrapped one
//     counts) is written as is. A Status outside 400-599 (0 included) is
//     written as 500, in the body as well.
//   - A [*ParamError] in err's chain is a 400 with its Code, or
//     [CodeInvalidParameter] when it has none, and the message "Invalid
//     parameter <Param>: <Reason>"; MoreInfo links to the code's page.
//   - Any other error, and a nil err, is a 500 with [CodeInternal] and the
//     message "Internal server error". Its text is never sent, as it may
//     hold internal details; it is logged instead, at level error with the
//     request's method and path and the status 500, to the logger of the
//     handler serving r ([Logger]: the one [WithLogger] gave, by default
//     slog's default logger).
//
// A 401 response also gets the header WWW-Authenticate: Basic
// realm="Twilio API", which HTTP requires of it.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	body := errorBody(r, err)
	if body.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
	}
	// An Error holds only strings and numbers, so encoding cannot fail.
	data, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(body.Status)
	_, _ = w.Write(data)
}

// errorBody returns the Error that WriteError sends for err, logging err when
// it is sent as an internal error.
func errorBody(r *http.Request, err error) *Error {
	var terr *Error
	if errors.As(err, &terr) && terr != nil {
		body := *terr
		if body.Status < 400 || body.Status > 599 {
			body.Status = http.StatusInternalServerError
		}
		return &body
	}
	var perr *ParamError
	if errors.As(err, &perr) && perr != nil {
		code := perr.Code
		if code == 0 {
			code = CodeInvalidParameter
		}
		return NewError(http.StatusBadRequest, code, paramMessage(perr.Param, perr.Reason))
	}
	logInternal(r, "twilio: internal error", "error", err)
	return NewError(http.StatusInternalServerError, CodeInternal, "Internal server error")
}

// paramMessage returns the message of a 400 for parameter param: "Invalid
// parameter <param>: <reason>", without the parts that are empty.
func paramMessage(param, reason string) string {
	msg := "Invalid parameter"
	if param != "" {
		msg += " " + param
	}
	if reason != "" {
		msg += ": " + reason
	}
	return msg
}

// logInternal logs msg at level error with the request's method and path
// and the status 500, followed by args, to r's [Logger]. r may be nil.
func logInternal(r *http.Request, msg string, args ...any) {
	if r == nil {
		slog.Error(msg, args...)
		return
	}
	args = append([]any{"method", r.Method, "path", r.URL.Path, "status", http.StatusInternalServerError}, args...)
	Logger(r).ErrorContext(r.Context(), msg, args...)
}

// HandlerOption configures the handler of a generated server, as in
// NewHandler(impl, WithLogger(logger)) of an API package.
type HandlerOption func(*HandlerSettings)

// HandlerSettings is what the HandlerOptions of a handler set.
type HandlerSettings struct {
	// Logger receives what the handler logs: the cause of a 500 (an
	// implementation's error, a result that cannot be encoded) and a
	// panic, at level error, with the request's method and path and the
	// status. Nil means slog's default logger at the time of logging.
	Logger *slog.Logger
}

// WithLogger makes the handler log to l instead of slog's default logger:
// the cause of every 500 Internal Server Error (which the response never
// shows: an implementation's error, a result that cannot be encoded) and
// every panic, with the attributes method, path and status. A nil l keeps
// the default.
//
// To log, measure or trace every request instead, wrap the handler in a
// middleware of your own; on the client side, give [WithHTTPClient] a
// client whose Transport wraps [http.DefaultTransport].
func WithLogger(l *slog.Logger) HandlerOption {
	return func(s *HandlerSettings) { s.Logger = l }
}

// settingsKey is the context key of the HandlerSettings of a request.
type settingsKey struct{}

// Handle returns h serving its requests with the settings opts give, which
// [WriteError] and [Logger] find in the request's context. Without options,
// or with options that set nothing, it returns h itself. A generated
// NewHandler calls it; a hand-written handler that calls WriteError may
// too.
func Handle(h http.Handler, opts ...HandlerOption) http.Handler {
	var s HandlerSettings
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
	}
	if s == (HandlerSettings{}) {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), settingsKey{}, &s)))
	})
}

// Logger returns the logger of the handler serving r: the one [WithLogger]
// gave through [Handle], else slog's default logger.
func Logger(r *http.Request) *slog.Logger {
	if s, ok := r.Context().Value(settingsKey{}).(*HandlerSettings); ok && s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}
