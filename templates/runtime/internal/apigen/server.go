package apigen

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"maps"
	"math"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	twilio "github.com/apigen-dev/apigen/templates/runtime"
)

// localError returns an Error with a code that Twilio does not document, so
// it has no MoreInfo page to link to.
func localError(status, code int, message string) *twilio.Error {
	e := twilio.NewError(status, code, message)
	e.MoreInfo = ""
	return e
}

// NotImplemented returns a 501 Error with [twilio.CodeNotImplemented] saying
// that the named operation, such as "CreateUser", is not implemented. The
// generated Unimplemented server returns it from every operation.
func NotImplemented(operation string) *twilio.Error {
	return localError(http.StatusNotImplemented, twilio.CodeNotImplemented,
		"Operation "+operation+" is not implemented")
}

// WriteJSON writes v, encoded as JSON, as the response to r with the given
// status and the Content-Type application/json. It must be called before
// anything else is written to w, and status must be a valid HTTP status
// code.
//
// v is encoded before anything is written, so when it cannot be encoded (a
// channel, a failing MarshalJSON, ...) the response is a 500 Twilio error
// body with [twilio.CodeInternal] instead, and the encoding error is logged
// at level error, with r's method and path and the status 500, to
// [twilio.Logger] of r (slog's default logger when r is nil). Errors
// writing the encoded body, such as a client that went away, happen after
// the status is sent and are ignored.
func WriteJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var body []byte
	var err error
	if m, ok := v.(json.Marshaler); ok && !nilPointer(v) {
		// The generated types encode themselves, as encoding/json would
		// but without its validation of what MarshalJSON returns.
		body, err = m.MarshalJSON()
	} else {
		body, err = json.Marshal(v)
	}
	if err != nil {
		if r == nil {
			slog.Error("twilio: encoding JSON response", "status", status, "error", err)
		} else {
			twilio.Logger(r).ErrorContext(r.Context(), "twilio: encoding JSON response", "method", r.Method, "path", r.URL.Path,
				"status", http.StatusInternalServerError, "error", err)
		}
		status = http.StatusInternalServerError
		body, _ = json.Marshal(twilio.NewError(status, twilio.CodeInternal, "Internal server error"))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// nilPointer reports whether v is a nil pointer, which encoding/json
// encodes as null without calling its methods.
func nilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// ReadForm reads and decodes the application/x-www-form-urlencoded body of r,
// the parameters of a Twilio create or update request. w is the response
// being written, which [http.MaxBytesReader] needs to close the connection
// after an oversized body. The query string is not read; see [ReadQuery].
//
// The errors are ready for [twilio.WriteError]:
//
//   - a Content-Type other than application/x-www-form-urlencoded (its
//     parameters, such as charset, are allowed), or none with a non-empty
//     body, is a [*twilio.Error] 415 with [twilio.CodeUnsupportedMediaType].
//     A request without a body and without a Content-Type, as sent for an
//     update that changes nothing, is accepted and has no values;
//   - a body longer than [twilio.MaxFormBytes] is a [*twilio.Error] 413 with
//     [twilio.CodeBodyTooLarge];
//   - a body that cannot be read (such as a broken chunked encoding) is a
//     [*twilio.Error] 400 with [twilio.CodeInvalidParameter];
//   - a body that is not valid form encoding (a bad %-escape, a ';'
//     separator) is a [*twilio.Error] 400 with
//     [twilio.CodeInvalidParameter], not a [*twilio.ParamError], since no
//     single parameter is to blame;
//   - a field given more than once is a [*twilio.ParamError] naming the
//     field, with the reason "given more than once", unless it is one of
//     multi, the fields that take several values: picking one of several
//     would hide a client bug. When several fields are repeated, the first
//     in sorted order is named.
//
// Fields that the operation does not know are returned like the others and
// left for the caller to ignore, as Twilio ignores them. An empty body is
// allowed and gives empty (non-nil) values.
func ReadForm(w http.ResponseWriter, r *http.Request, multi ...string) (url.Values, error) {
	ct := r.Header.Get("Content-Type")
	if ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/x-www-form-urlencoded" {
			return nil, unsupportedMediaType(ct)
		}
	}
	var body []byte
	if r.Body != nil {
		var err error
		body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, twilio.MaxFormBytes))
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return nil, localError(http.StatusRequestEntityTooLarge, twilio.CodeBodyTooLarge,
					"Request body is larger than "+strconv.Itoa(twilio.MaxFormBytes)+" bytes")
			}
			return nil, twilio.NewError(http.StatusBadRequest, twilio.CodeInvalidParameter, "Could not read request body")
		}
	}
	if ct == "" && len(body) > 0 {
		return nil, unsupportedMediaType(ct)
	}
	values, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, twilio.NewError(http.StatusBadRequest, twilio.CodeInvalidParameter, "Invalid request body: "+err.Error())
	}
	if err := checkSingle(values, multi); err != nil {
		return nil, err
	}
	return values, nil
}

// unsupportedMediaType returns the 415 Error for the Content-Type ct.
func unsupportedMediaType(ct string) *twilio.Error {
	msg := "Content-Type must be application/x-www-form-urlencoded"
	if ct == "" {
		msg += ", not missing"
	} else {
		msg += ", not " + strconv.Quote(ct)
	}
	return localError(http.StatusUnsupportedMediaType, twilio.CodeUnsupportedMediaType, msg)
}

// ReadQuery decodes the query string of r, the parameters of a Twilio read
// (list) request, with the same policy as [ReadForm]: a query string that is
// not valid URL encoding is a [*twilio.Error] 400 with
// [twilio.CodeInvalidParameter], a field given more than once that is not
// one of multi is a [*twilio.ParamError] naming it, and unknown fields are
// returned for the caller to ignore.
func ReadQuery(r *http.Request, multi ...string) (url.Values, error) {
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, twilio.NewError(http.StatusBadRequest, twilio.CodeInvalidParameter, "Invalid query string: "+err.Error())
	}
	if err := checkSingle(values, multi); err != nil {
		return nil, err
	}
	return values, nil
}

// checkSingle returns a ParamError for the first field, in sorted order,
// that has more than one value and is not one of multi.
func checkSingle(values url.Values, multi []string) error {
	for _, name := range slices.Sorted(maps.Keys(values)) {
		if len(values[name]) > 1 && !slices.Contains(multi, name) {
			return &twilio.ParamError{Param: name, Reason: "given more than once"}
		}
	}
	return nil
}

// Value returns the value of the field name in v and whether the field is
// present. A field that is present with an empty value, such as
// "FriendlyName=", gives "" and true, which is how a client clears a value.
func Value(v url.Values, name string) (string, bool) {
	vs, ok := v[name]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

// Values returns every value of the field name in v, in order, for a
// parameter that takes several values as a repeated key.
func Values(v url.Values, name string) []string {
	return v[name]
}

// HeaderValue returns the first value of the header name and whether the
// request carried it at all (an empty value counts as carried).
func HeaderValue(h http.Header, name string) (string, bool) {
	vs := h.Values(name)
	if len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

// ParseInt parses s, the value of parameter param, as a base-10 64-bit
// integer. Otherwise it returns a [*twilio.ParamError] for param with the
// reason "must be an integer".
func ParseInt(param, s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, &twilio.ParamError{Param: param, Reason: "must be an integer"}
	}
	return n, nil
}

// ParseBool parses s, the value of parameter param, as "true" or "false" in
// any case. Anything else, such as "1" or "yes", is a [*twilio.ParamError]
// for param with the reason "must be true or false".
func ParseBool(param, s string) (bool, error) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, nil
	case strings.EqualFold(s, "false"):
		return false, nil
	}
	return false, &twilio.ParamError{Param: param, Reason: "must be true or false"}
}

// ParseFloat parses s, the value of parameter param, as a finite 64-bit
// floating-point number. Otherwise (NaN and the infinities included) it
// returns a [*twilio.ParamError] for param with the reason "must be a
// number".
func ParseFloat(param, s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, &twilio.ParamError{Param: param, Reason: "must be a number"}
	}
	return f, nil
}

// ParseTime parses s, the value of parameter param, as a date-time in ISO
// 8601 or RFC 2822, as [twilio.ParseTime] does. Otherwise it returns a
// [*twilio.ParamError] for param with the reason "must be a date-time in
// ISO 8601 or RFC 2822".
func ParseTime(param, s string) (twilio.Time, error) {
	t, err := twilio.ParseTime(s)
	if err != nil {
		return twilio.Time{}, &twilio.ParamError{Param: param, Reason: "must be a date-time in ISO 8601 or RFC 2822"}
	}
	return t, nil
}

// Recover returns a handler that calls next and turns a panic in it into a
// 500 Twilio error response with [twilio.CodeInternal], logging the panic
// value and the stack at level error, with the request's method and path and
// the status, to [twilio.Logger] of r. Requests that do not panic
// pass through unchanged.
//
// A panic with [http.ErrAbortHandler] is passed on, so that net/http aborts
// the response as asked. So is any panic after next has started its
// response, as a second status cannot be sent: it is logged and re-raised as
// http.ErrAbortHandler, which makes net/http cut the connection instead of
// ending a half-written body as if it were complete.
//
// The ResponseWriter seen by next wraps w. It implements [http.Flusher]
// (flushing w when w can flush) and has an Unwrap method, so that
// [http.NewResponseController] reaches w.
func Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &recoverWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			twilio.Logger(r).ErrorContext(r.Context(), "twilio: panic in handler", "method", r.Method, "path", r.URL.Path,
				"status", http.StatusInternalServerError, "panic", v, "stack", string(debug.Stack()))
			if rw.started {
				panic(http.ErrAbortHandler)
			}
			WriteJSON(w, r, http.StatusInternalServerError,
				twilio.NewError(http.StatusInternalServerError, twilio.CodeInternal, "Internal server error"))
		}()
		next.ServeHTTP(rw, r)
	})
}

// recoverWriter records whether the response has started.
type recoverWriter struct {
	http.ResponseWriter
	started bool
}

// WriteHeader marks the response started and passes the call on.
func (rw *recoverWriter) WriteHeader(status int) {
	// 1xx informational responses may be followed by the real one.
	if status >= 200 {
		rw.started = true
	}
	rw.ResponseWriter.WriteHeader(status)
}

// Write marks the response started and passes the call on.
func (rw *recoverWriter) Write(p []byte) (int, error) {
	rw.started = true
	return rw.ResponseWriter.Write(p)
}

// Flush marks the response started and flushes the underlying writer when it
// supports flushing.
func (rw *recoverWriter) Flush() {
	rw.started = true
	if f, ok := rw.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap returns the underlying ResponseWriter, for
// [http.NewResponseController].
func (rw *recoverWriter) Unwrap() http.ResponseWriter {
	return rw.ResponseWriter
}
