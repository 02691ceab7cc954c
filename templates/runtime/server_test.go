package twilio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// captureLog sends the default slog logger's output to the returned buffer
// until the test ends.
func captureLog(t *testing.T) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	return &buf
}

// decodeTwilioError checks that rec holds a Twilio error response, JSON with
// exactly the fields code, message, more_info and status, where status is the
// HTTP status, and returns it decoded.
func decodeTwilioError(t *testing.T, rec *httptest.ResponseRecorder) Error {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &fields); err != nil {
		t.Fatalf("body %q is not a JSON object: %v", rec.Body.String(), err)
	}
	var keys []string
	for k := range fields {
		keys = append(keys, k)
	}
	want := []string{"code", "message", "more_info", "status"}
	if len(keys) != len(want) {
		t.Errorf("body fields = %v, want exactly %v", keys, want)
	}
	for _, k := range want {
		if _, ok := fields[k]; !ok {
			t.Errorf("body %s has no field %q", rec.Body.String(), k)
		}
	}
	var e Error
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("decoding body %q: %v", rec.Body.String(), err)
	}
	if e.Status != rec.Code {
		t.Errorf("body status = %d, HTTP status = %d; want them equal", e.Status, rec.Code)
	}
	return e
}

func TestWriteError(t *testing.T) {
	var nilErr *Error
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantCode   int
		wantMsg    string
		wantInfo   string
		wantLogged string // text the log must hold; "" when nothing is logged
	}{
		{
			name:       "Error",
			err:        NewError(http.StatusNotFound, CodeNotFound, "The requested resource /v2/x was not found"),
			wantStatus: 404, wantCode: 20404,
			wantMsg:  "The requested resource /v2/x was not found",
			wantInfo: "https://www.twilio.com/docs/errors/20404",
		},
		{
			name:       "wrapped Error",
			err:        fmt.Errorf("fetching user: %w", Conflict(CodeUserExists, "User already exists")),
			wantStatus: 409, wantCode: 50201,
			wantMsg:  "User already exists",
			wantInfo: "https://www.twilio.com/docs/errors/50201",
		},
		{
			name:       "Error without status",
			err:        &Error{Code: 12345, Message: "odd"},
			wantStatus: 500, wantCode: 12345, wantMsg: "odd",
		},
		{
			name:       "Error with a success status",
			err:        &Error{Status: 200, Code: 1, Message: "not an error"},
			wantStatus: 500, wantCode: 1, wantMsg: "not an error",
		},
		{
			name:       "Error Method and Path are not sent",
			err:        &Error{Status: 429, Code: CodeTooManyRequests, Message: "Too Many Requests", Method: "GET", Path: "/secret"},
			wantStatus: 429, wantCode: 20429, wantMsg: "Too Many Requests",
		},
		{
			name:       "ParamError",
			err:        &ParamError{Param: "PageSize", Reason: "must be an integer"},
			wantStatus: 400, wantCode: 20001,
			wantMsg:  "Invalid parameter PageSize: must be an integer",
			wantInfo: "https://www.twilio.com/docs/errors/20001",
		},
		{
			name:       "ParamError with a code",
			err:        &ParamError{Param: "Attributes", Reason: "must be a valid JSON document", Code: 50304},
			wantStatus: 400, wantCode: 50304,
			wantMsg:  "Invalid parameter Attributes: must be a valid JSON document",
			wantInfo: "https://www.twilio.com/docs/errors/50304",
		},
		{
			name:       "wrapped ParamError",
			err:        fmt.Errorf("decoding: %w", &ParamError{Param: "Identity", Reason: "given more than once"}),
			wantStatus: 400, wantCode: 20001,
			wantMsg:  "Invalid parameter Identity: given more than once",
			wantInfo: "https://www.twilio.com/docs/errors/20001",
		},
		{
			name:       "unknown error",
			err:        errors.New("db: password=hunter2 refused"),
			wantStatus: 500, wantCode: 20500,
			wantMsg:    "Internal server error",
			wantInfo:   "https://www.twilio.com/docs/errors/20500",
			wantLogged: "hunter2",
		},
		{
			name:       "nil error",
			err:        nil,
			wantStatus: 500, wantCode: 20500,
			wantMsg:    "Internal server error",
			wantInfo:   "https://www.twilio.com/docs/errors/20500",
			wantLogged: "internal error",
		},
		{
			name:       "typed nil Error",
			err:        nilErr,
			wantStatus: 500, wantCode: 20500,
			wantMsg:    "Internal server error",
			wantInfo:   "https://www.twilio.com/docs/errors/20500",
			wantLogged: "internal error",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs := captureLog(t)
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, "/v2/Services/IS1/Users/alice", nil)
			WriteError(rec, req, tt.err)
			if rec.Code != tt.wantStatus {
				t.Errorf("HTTP status = %d, want %d", rec.Code, tt.wantStatus)
			}
			got := decodeTwilioError(t, rec)
			want := Error{Status: tt.wantStatus, Code: tt.wantCode, Message: tt.wantMsg, MoreInfo: tt.wantInfo}
			if got != want {
				t.Errorf("body = %+v, want %+v", got, want)
			}
			for _, secret := range []string{"hunter2", "fetching user", "decoding:", "/secret"} {
				if strings.Contains(rec.Body.String(), secret) {
					t.Errorf("body %s leaks %q", rec.Body.String(), secret)
				}
			}
			if tt.wantLogged == "" {
				if logs.Len() != 0 {
					t.Errorf("logged %q, want nothing", logs.String())
				}
			} else {
				if !strings.Contains(logs.String(), tt.wantLogged) {
					t.Errorf("log %q does not contain %q", logs.String(), tt.wantLogged)
				}
				if !strings.Contains(logs.String(), "/v2/Services/IS1/Users/alice") {
					t.Errorf("log %q does not name the request path", logs.String())
				}
			}
		})
	}
}

func TestWriteErrorUnauthorized(t *testing.T) {
	rec := httptest.NewRecorder()
	WriteError(rec, httptest.NewRequest(http.MethodGet, "/v1/Users", nil), Unauthorized())
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("HTTP status = %d, want 401", rec.Code)
	}
	if got, want := rec.Header().Get("WWW-Authenticate"), `Basic realm="Twilio API"`; got != want {
		t.Errorf("WWW-Authenticate = %q, want %q", got, want)
	}
	got := decodeTwilioError(t, rec)
	want := Error{Status: 401, Code: 20003, Message: "Authenticate", MoreInfo: "https://www.twilio.com/docs/errors/20003"}
	if got != want {
		t.Errorf("body = %+v, want %+v", got, want)
	}

	// Other statuses do not get the header.
	rec = httptest.NewRecorder()
	WriteError(rec, httptest.NewRequest(http.MethodGet, "/v1/Users", nil), NotFound(""))
	if h := rec.Header().Get("WWW-Authenticate"); h != "" {
		t.Errorf("404 has WWW-Authenticate %q", h)
	}
}

func TestErrorConstructors(t *testing.T) {
	tests := []struct {
		name string
		got  *Error
		want Error
	}{
		{"NotFound", NotFound("User alice not found"),
			Error{Status: 404, Code: 20404, Message: "User alice not found", MoreInfo: "https://www.twilio.com/docs/errors/20404"}},
		{"NotFound empty", NotFound(""),
			Error{Status: 404, Code: 20404, Message: "The requested resource was not found", MoreInfo: "https://www.twilio.com/docs/errors/20404"}},
		{"Conflict", Conflict(CodeUserExists, "User already exists"),
			Error{Status: 409, Code: 50201, Message: "User already exists", MoreInfo: "https://www.twilio.com/docs/errors/50201"}},
		{"Unauthorized", Unauthorized(),
			Error{Status: 401, Code: 20003, Message: "Authenticate", MoreInfo: "https://www.twilio.com/docs/errors/20003"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got == nil || *tt.got != tt.want {
				t.Errorf("got %+v, want %+v", tt.got, tt.want)
			}
		})
	}
}

// TestWithLogger: under Handle with WithLogger, WriteError logs an internal
// error to that logger, with method, path and status, and not to the
// default; without options Handle returns the handler itself.
func TestWithLogger(t *testing.T) {
	def := captureLog(t)
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteError(w, r, errors.New("disk full"))
	})
	w := httptest.NewRecorder()
	Handle(inner, WithLogger(logger)).ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/x/y", nil))
	if w.Code != http.StatusInternalServerError {
		t.Errorf("status %d, want 500", w.Code)
	}
	for _, want := range []string{"level=ERROR", "method=POST", "path=/x/y", "status=500", `error="disk full"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the logger got %q, want %s in it", buf.String(), want)
		}
	}
	if def.Len() != 0 {
		t.Errorf("the default logger got %q too", def.String())
	}
	if h := Handle(inner, WithLogger(nil)); fmt.Sprintf("%p", h) != fmt.Sprintf("%p", inner) {
		t.Error("Handle with nothing set wraps the handler")
	}
	if l := Logger(httptest.NewRequest(http.MethodGet, "/", nil)); l != slog.Default() {
		t.Error("Logger outside Handle is not slog's default")
	}
}
