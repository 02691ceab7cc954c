package twilio

import (
	"net/http"
	"strconv"
	"strings"
)

// Error is an error response from Twilio: the error body Twilio sent, plus
// the method and path of the request it answered.
//
// Callers can look for it with [errors.As]:
//
//	var terr *twilio.Error
//	if errors.As(err, &terr) && terr.Status == http.StatusNotFound {
//		// ...
//	}
//
// or test its status in one line with [errors.Is] and the sentinels
// [ErrNotFound], [ErrConflict], [ErrTooManyRequests], [ErrUnauthorized] and
// [ErrBadRequest]:
//
//	if errors.Is(err, twilio.ErrNotFound) { … }
type Error struct {
	// Status is the HTTP status code of the response.
	Status int `json:"status"`
	// Code is the Twilio error code, such as 20404, or 0 if there is none.
	Code int `json:"code"`
	// Message is the human-readable description of the error.
	Message string `json:"message"`
	// MoreInfo is the URL of the documentation page for Code.
	MoreInfo string `json:"more_info"`
	// Method is the HTTP method of the request, such as "GET".
	Method string `json:"-"`
	// Path is the URL path of the request, such as "/v2/Services/IS.../Users".
	Path string `json:"-"`
	// RequestID is the Twilio-Request-Id header of the response (RQ
	// followed by 32 hexadecimal digits), which Twilio's support asks
	// for; empty when the response had none.
	RequestID string `json:"-"`
}

// Sentinels for [errors.Is]: an *Error is each one whose status it has.
var (
	ErrBadRequest      = &statusError{http.StatusBadRequest}      // 400
	ErrUnauthorized    = &statusError{http.StatusUnauthorized}    // 401
	ErrNotFound        = &statusError{http.StatusNotFound}        // 404
	ErrConflict        = &statusError{http.StatusConflict}        // 409
	ErrTooManyRequests = &statusError{http.StatusTooManyRequests} // 429
)

// statusError is the type of the sentinels: an HTTP status.
type statusError struct{ status int }

// Error returns the status, such as "twilio: 404 Not Found".
func (s *statusError) Error() string {
	return "twilio: " + strconv.Itoa(s.status) + " " + http.StatusText(s.status)
}

// Is reports whether target is the sentinel of e's status, such as
// [ErrNotFound] for a 404.
func (e *Error) Is(target error) bool {
	s, ok := target.(*statusError)
	return ok && e != nil && e.Status == s.status
}

// NewError returns an Error with the given HTTP status, Twilio error code and
// message. When code is not 0, MoreInfo is set to the code's documentation
// page, https://www.twilio.com/docs/errors/<code>.
func NewError(status, code int, message string) *Error {
	e := &Error{Status: status, Code: code, Message: message}
	if code != 0 {
		e.MoreInfo = "https://www.twilio.com/docs/errors/" + strconv.Itoa(code)
	}
	return e
}

// Error returns a one-line description of e, such as
//
//	twilio: 404 Not Found (code 20404): The requested resource was not found [GET /v2/Services/IS.../Users/alice]
//
// Parts that are empty or zero are left out.
func (e *Error) Error() string {
	if e == nil {
		return "twilio: <nil>"
	}
	var b strings.Builder
	b.WriteString("twilio:")
	if e.Status != 0 {
		b.WriteString(" ")
		b.WriteString(strconv.Itoa(e.Status))
		if text := http.StatusText(e.Status); text != "" {
			b.WriteString(" ")
			b.WriteString(text)
		}
	}
	if e.Code != 0 {
		b.WriteString(" (code ")
		b.WriteString(strconv.Itoa(e.Code))
		b.WriteString(")")
	}
	if e.Message != "" {
		if e.Status != 0 || e.Code != 0 {
			b.WriteString(":")
		}
		b.WriteString(" ")
		b.WriteString(e.Message)
	}
	if req := strings.TrimSpace(e.Method + " " + e.Path); req != "" {
		b.WriteString(" [")
		b.WriteString(req)
		b.WriteString("]")
	}
	if e.RequestID != "" {
		b.WriteString(" (request ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	if b.Len() == len("twilio:") {
		b.WriteString(" unknown error")
	}
	return b.String()
}

// Twilio error codes of the errors that generated servers send. The codes
// that Twilio documents link to their page in the Error's MoreInfo; the
// others are local to this package (see each one) and leave MoreInfo empty.
const (
	// CodeInvalidParameter (Twilio 20001, "Invalid parameter") goes with
	// 400 Bad Request: a parameter is missing, malformed or given twice, or
	// the form body or query string cannot be decoded.
	CodeInvalidParameter = 20001
	// CodeUnauthorized (Twilio 20003, "Authenticate") goes with
	// 401 Unauthorized: the credentials are missing or wrong.
	CodeUnauthorized = 20003
	// CodeMethodNotAllowed (Twilio 20004, "Method not allowed") goes with
	// 405 Method Not Allowed: a known resource called with a method it does
	// not support.
	CodeMethodNotAllowed = 20004
	// CodeNotFound (Twilio 20404, "Not Found") goes with 404 Not Found: the
	// resource, or the route, does not exist.
	CodeNotFound = 20404
	// CodeUserExists (Twilio 50201, "User already exists") goes with
	// 409 Conflict: a User with the requested identity already exists.
	CodeUserExists = 50201
	// CodeTooManyRequests (Twilio 20429, "Too Many Requests") goes with
	// 429 Too Many Requests: the request was rate limited.
	CodeTooManyRequests = 20429
	// CodeUnsupportedMediaType goes with 415 Unsupported Media Type: the
	// request body is not application/x-www-form-urlencoded. Twilio has no
	// code of its own for this status, so 20415 follows the pattern of
	// 20404, 20429 and 20500 (20 followed by the HTTP status); it is local
	// to this package and has no documentation page.
	CodeUnsupportedMediaType = 20415
	// CodeBodyTooLarge goes with 413 Request Entity Too Large: the request
	// body is larger than [MaxFormBytes]. Twilio has no code of its own for
	// this status, so 20413 follows the same pattern as
	// [CodeUnsupportedMediaType]; it is local to this package and has no
	// documentation page.
	CodeBodyTooLarge = 20413
	// CodeInternal (Twilio 20500, "Internal Server Error") goes with
	// 500 Internal Server Error: the server failed; the cause is logged,
	// never sent.
	CodeInternal = 20500
	// CodeNotImplemented goes with 501 Not Implemented: the server does not
	// implement the operation. Twilio has no code of its own for this
	// status, so 20501 follows the same pattern as
	// [CodeUnsupportedMediaType]; it is local to this package and has no
	// documentation page.
	CodeNotImplemented = 20501
)

// NotFound returns a 404 Error with [CodeNotFound] and the given message, or
// "The requested resource was not found" when message is empty.
func NotFound(message string) *Error {
	if message == "" {
		message = "The requested resource was not found"
	}
	return NewError(http.StatusNotFound, CodeNotFound, message)
}

// Conflict returns a 409 Error with the given Twilio code and message, such
// as Conflict(CodeUserExists, "User already exists").
func Conflict(code int, message string) *Error {
	return NewError(http.StatusConflict, code, message)
}

// Unauthorized returns a 401 Error with [CodeUnauthorized] and the message
// "Authenticate", as Twilio sends. [WriteError] adds the WWW-Authenticate
// header that a 401 response needs.
func Unauthorized() *Error {
	return NewError(http.StatusUnauthorized, CodeUnauthorized, "Authenticate")
}

// ParamError is a request parameter that fails validation. Generated
// clients return it before sending anything, and generated servers answer
// it with 400 Bad Request and its Code.
type ParamError struct {
	// Param is the parameter's name as the API spells it, such as
	// "FriendlyName".
	Param string
	// Reason says what is wrong, such as "must not be empty".
	Reason string
	// Code is the Twilio error code of the failure, such as 50304 for
	// Attributes that are not valid JSON, as the API's document gives it
	// (its x-twilio-error-codes); 0 means [CodeInvalidParameter].
	Code int
}

// Error returns "twilio: invalid parameter <Param>: <Reason>", followed by
// " (code <Code>)" when Code is set.
func (e *ParamError) Error() string {
	if e == nil {
		return "twilio: <nil>"
	}
	msg := "twilio: invalid parameter " + e.Param + ": " + e.Reason
	if e.Code != 0 {
		msg += " (code " + strconv.Itoa(e.Code) + ")"
	}
	return msg
}
