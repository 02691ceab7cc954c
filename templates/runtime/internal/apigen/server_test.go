package apigen

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	twilio "github.com/apigen-dev/apigen/templates/runtime"
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
func decodeTwilioError(t *testing.T, rec *httptest.ResponseRecorder) twilio.Error {
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
	var e twilio.Error
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

// TestWriteErrorNotImplemented: [twilio.WriteError] answers NotImplemented's
// error with 501 and no documentation link, and logs nothing (the rest of
// WriteError's test is in templates/runtime, beside it).
func TestWriteErrorNotImplemented(t *testing.T) {
	logs := captureLog(t)
	rec := httptest.NewRecorder()
	twilio.WriteError(rec, httptest.NewRequest(http.MethodGet, "/v2/Services/IS1/Users/alice", nil), NotImplemented("CreateUser"))
	if rec.Code != http.StatusNotImplemented {
		t.Errorf("HTTP status = %d, want 501", rec.Code)
	}
	want := twilio.Error{Status: 501, Code: twilio.CodeNotImplemented, Message: "Operation CreateUser is not implemented"}
	if got := decodeTwilioError(t, rec); got != want {
		t.Errorf("body = %+v, want %+v", got, want)
	}
	if logs.Len() != 0 {
		t.Errorf("logged %q, want nothing", logs.String())
	}
}

func TestNotImplemented(t *testing.T) {
	tests := []struct {
		name string
		got  *twilio.Error
		want twilio.Error
	}{
		{"NotImplemented", NotImplemented("DeleteUser"),
			twilio.Error{Status: 501, Code: 20501, Message: "Operation DeleteUser is not implemented"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got == nil || *tt.got != tt.want {
				t.Errorf("got %+v, want %+v", tt.got, tt.want)
			}
		})
	}
}

func TestWriteJSON(t *testing.T) {
	rec := httptest.NewRecorder()
	WriteJSON(rec, nil, http.StatusCreated, map[string]any{"identity": "alice", "friendly_name": nil})
	if rec.Code != http.StatusCreated {
		t.Errorf("status = %d, want 201", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var got map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatalf("body %q: %v", rec.Body.String(), err)
	}
	if want := map[string]any{"identity": "alice", "friendly_name": nil}; !reflect.DeepEqual(got, want) {
		t.Errorf("body = %v, want %v", got, want)
	}
}

func TestWriteJSONUnencodable(t *testing.T) {
	logs := captureLog(t)
	rec := httptest.NewRecorder()
	WriteJSON(rec, nil, http.StatusOK, map[string]any{"c": make(chan int)})
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status = %d, want 500", rec.Code)
	}
	got := decodeTwilioError(t, rec)
	if got.Code != twilio.CodeInternal || got.Message != "Internal server error" {
		t.Errorf("body = %+v, want code 20500 and Internal server error", got)
	}
	if !strings.Contains(logs.String(), "chan") {
		t.Errorf("log %q does not hold the encoding error", logs.String())
	}

	// With a request, to its handler's logger, with method and path.
	var buf bytes.Buffer
	h := twilio.Handle(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, r, http.StatusOK, map[string]any{"c": make(chan int)})
	}), twilio.WithLogger(slog.New(slog.NewTextHandler(&buf, nil))))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/u", nil))
	for _, want := range []string{"chan", "method=GET", "path=/u", "status=500"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the handler's logger got %q, want %s in it", buf.String(), want)
		}
	}
}

// failingBody is a request body that fails after some data.
type failingBody struct{ done bool }

func (b *failingBody) Read(p []byte) (int, error) {
	if b.done {
		return 0, errors.New("connection reset")
	}
	b.done = true
	return copy(p, "Identity=al"), nil
}

func TestReadForm(t *testing.T) {
	const form = "application/x-www-form-urlencoded"
	fits := "Identity=" + strings.Repeat("a", twilio.MaxFormBytes-len("Identity="))
	tests := []struct {
		name        string
		contentType string // "-" for no Content-Type header
		body        io.Reader
		want        url.Values
		wantStatus  int    // of the *Error; 0 when no *Error is wanted
		wantParam   string // of the *ParamError; "" when none is wanted
	}{
		{name: "good body", contentType: form,
			body: strings.NewReader("Identity=alice&FriendlyName=&Attributes=%7B%22a%22%3A1%7D"),
			want: url.Values{"Identity": {"alice"}, "FriendlyName": {""}, "Attributes": {`{"a":1}`}}},
		{name: "plus is a space", contentType: form, body: strings.NewReader("FriendlyName=Alice+Smith"),
			want: url.Values{"FriendlyName": {"Alice Smith"}}},
		{name: "charset parameter", contentType: form + "; charset=utf-8", body: strings.NewReader("Identity=alice"),
			want: url.Values{"Identity": {"alice"}}},
		{name: "media type in other case", contentType: "Application/X-WWW-Form-URLEncoded", body: strings.NewReader("Identity=alice"),
			want: url.Values{"Identity": {"alice"}}},
		{name: "unknown field ignored", contentType: form, body: strings.NewReader("Identity=alice&NoSuchField=1"),
			want: url.Values{"Identity": {"alice"}, "NoSuchField": {"1"}}},
		{name: "empty body", contentType: form, body: strings.NewReader(""), want: url.Values{}},
		{name: "no body and no Content-Type", contentType: "-", body: nil, want: url.Values{}},
		{name: "exactly MaxFormBytes", contentType: form, body: strings.NewReader(fits),
			want: url.Values{"Identity": {fits[len("Identity="):]}}},
		{name: "JSON content type", contentType: "application/json", body: strings.NewReader(`{"Identity":"alice"}`),
			wantStatus: 415},
		{name: "multipart content type", contentType: "multipart/form-data; boundary=x", body: strings.NewReader("--x--"),
			wantStatus: 415},
		{name: "malformed content type", contentType: "application/x-www-form-urlencoded; charset", body: strings.NewReader("Identity=alice"),
			wantStatus: 415},
		{name: "missing content type", contentType: "-", body: strings.NewReader("Identity=alice"),
			wantStatus: 415},
		{name: "oversize body", contentType: form, body: strings.NewReader(fits + "a"),
			wantStatus: 413},
		{name: "oversize body without content type", contentType: "-", body: strings.NewReader(fits + "a"),
			wantStatus: 413},
		{name: "unreadable body", contentType: form, body: &failingBody{},
			wantStatus: 400},
		{name: "bad escape", contentType: form, body: strings.NewReader("Identity=%zz"),
			wantStatus: 400},
		{name: "semicolon separator", contentType: form, body: strings.NewReader("Identity=a;FriendlyName=b"),
			wantStatus: 400},
		{name: "repeated field", contentType: form, body: strings.NewReader("Identity=a&FriendlyName=x&Identity=b"),
			wantParam: "Identity"},
		{name: "repeated empty field", contentType: form, body: strings.NewReader("RoleSid=&RoleSid="),
			wantParam: "RoleSid"},
		{name: "first repeated field in sorted order", contentType: form, body: strings.NewReader("Zed=1&Zed=2&Attributes=1&Attributes=2"),
			wantParam: "Attributes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/v1/Services/IS1/Users", tt.body)
			if tt.contentType != "-" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			rec := httptest.NewRecorder()
			got, err := ReadForm(rec, req)
			checkReadResult(t, got, err, tt.want, tt.wantStatus, tt.wantParam)
		})
	}
}

// checkReadResult checks the result of ReadForm or ReadQuery: want values, an
// *Error with wantStatus, or a *ParamError for wantParam. It also checks
// what WriteError makes of the error.
func checkReadResult(t *testing.T, got url.Values, err error, want url.Values, wantStatus int, wantParam string) {
	t.Helper()
	switch {
	case wantStatus != 0:
		var terr *twilio.Error
		if !errors.As(err, &terr) {
			t.Fatalf("error = %v (%T), want *Error with status %d", err, err, wantStatus)
		}
		wantCode := map[int]int{400: twilio.CodeInvalidParameter, 413: twilio.CodeBodyTooLarge, 415: twilio.CodeUnsupportedMediaType}[wantStatus]
		if terr.Status != wantStatus || terr.Code != wantCode || terr.Message == "" {
			t.Errorf("error = %+v, want status %d and code %d with a message", terr, wantStatus, wantCode)
		}
	case wantParam != "":
		var perr *twilio.ParamError
		if !errors.As(err, &perr) {
			t.Fatalf("error = %v (%T), want *ParamError", err, err)
		}
		if perr.Param != wantParam || perr.Reason != "given more than once" {
			t.Errorf("ParamError = %+v, want Param %q, Reason \"given more than once\"", perr, wantParam)
		}
	default:
		if err != nil {
			t.Fatalf("error = %v, want none", err)
		}
		if got == nil || !reflect.DeepEqual(got, want) {
			t.Errorf("values = %#v, want %#v", got, want)
		}
		return
	}
	if got != nil {
		t.Errorf("values = %v with an error, want nil", got)
	}
	rec := httptest.NewRecorder()
	twilio.WriteError(rec, httptest.NewRequest(http.MethodPost, "/", nil), err)
	e := decodeTwilioError(t, rec)
	if wantStatus != 0 && rec.Code != wantStatus {
		t.Errorf("WriteError status = %d, want %d", rec.Code, wantStatus)
	}
	if wantParam != "" {
		if rec.Code != http.StatusBadRequest {
			t.Errorf("WriteError status = %d, want 400", rec.Code)
		}
		if want := "Invalid parameter " + wantParam + ": given more than once"; e.Message != want {
			t.Errorf("WriteError message = %q, want %q", e.Message, want)
		}
	}
}

func TestReadFormClosesOversizeConnection(t *testing.T) {
	// MaxBytesReader asks the server to close the connection once the limit
	// is passed; it does so through the ResponseWriter that ReadForm gets.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := ReadForm(w, r)
		twilio.WriteError(w, r, err)
	}))
	defer srv.Close()
	body := strings.Repeat("a", twilio.MaxFormBytes+1)
	resp, err := http.Post(srv.URL, "application/x-www-form-urlencoded", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status = %d, want 413", resp.StatusCode)
	}
	if !resp.Close {
		t.Errorf("response does not close the connection after an oversize body")
	}
}

func TestReadQuery(t *testing.T) {
	tests := []struct {
		name       string
		rawQuery   string
		want       url.Values
		wantStatus int
		wantParam  string
		multi      []string
	}{
		{name: "none", rawQuery: "", want: url.Values{}},
		{name: "repeated array field", rawQuery: "BindingType=gcm&BindingType=apn&PageSize=5", multi: []string{"BindingType"},
			want: url.Values{"BindingType": {"gcm", "apn"}, "PageSize": {"5"}}},
		{name: "repeated scalar beside an array field", rawQuery: "BindingType=gcm&BindingType=apn&PageSize=5&PageSize=6", multi: []string{"BindingType"}, wantParam: "PageSize"},
		{name: "good", rawQuery: "PageSize=50&Page=2&PageToken=PT%2Bx", want: url.Values{"PageSize": {"50"}, "Page": {"2"}, "PageToken": {"PT+x"}}},
		{name: "unknown field ignored", rawQuery: "PageSize=50&Bogus", want: url.Values{"PageSize": {"50"}, "Bogus": {""}}},
		{name: "repeated", rawQuery: "PageSize=50&PageSize=20", wantParam: "PageSize"},
		{name: "malformed escape", rawQuery: "PageSize=%G1", wantStatus: 400},
		{name: "semicolon", rawQuery: "PageSize=50;Page=1", wantStatus: 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/v1/Services/IS1/Users", nil)
			req.URL.RawQuery = tt.rawQuery
			got, err := ReadQuery(req, tt.multi...)
			checkReadResult(t, got, err, tt.want, tt.wantStatus, tt.wantParam)
		})
	}
}

func TestValue(t *testing.T) {
	v := url.Values{"Identity": {"alice"}, "FriendlyName": {""}, "Odd": {}}
	tests := []struct {
		name   string
		want   string
		wantOK bool
	}{
		{"Identity", "alice", true},
		{"FriendlyName", "", true},
		{"Attributes", "", false},
		{"Odd", "", false},
		{"identity", "", false},
	}
	for _, tt := range tests {
		got, ok := Value(v, tt.name)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("Value(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.wantOK)
		}
	}
	if got, ok := Value(nil, "Identity"); got != "" || ok {
		t.Errorf("Value(nil) = %q, %v; want \"\", false", got, ok)
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"0", 0, false},
		{"50", 50, false},
		{"-3", -3, false},
		{"9223372036854775807", 1<<63 - 1, false},
		{"9223372036854775808", 0, true},
		{"", 0, true},
		{"1.5", 0, true},
		{" 5", 0, true},
		{"0x10", 0, true},
		{"fifty", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseInt("PageSize", tt.in)
		if tt.wantErr {
			var perr *twilio.ParamError
			if !errors.As(err, &perr) || perr.Param != "PageSize" || perr.Reason != "must be an integer" {
				t.Errorf("ParseInt(%q) error = %v, want *ParamError{PageSize, must be an integer}", tt.in, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseInt(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestParseBool(t *testing.T) {
	tests := []struct {
		in      string
		want    bool
		wantErr bool
	}{
		{"true", true, false},
		{"TRUE", true, false},
		{"True", true, false},
		{"false", false, false},
		{"FALSE", false, false},
		{"", false, true},
		{"1", false, true},
		{"0", false, true},
		{"yes", false, true},
		{"t", false, true},
		{"true ", false, true},
	}
	for _, tt := range tests {
		got, err := ParseBool("X-Twilio-Webhook-Enabled", tt.in)
		if tt.wantErr {
			var perr *twilio.ParamError
			if !errors.As(err, &perr) || perr.Param != "X-Twilio-Webhook-Enabled" || perr.Reason == "" {
				t.Errorf("ParseBool(%q) error = %v, want *ParamError for X-Twilio-Webhook-Enabled", tt.in, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestRecoverPanic(t *testing.T) {
	tests := []struct {
		name  string
		value any
		want  string // in the log
	}{
		{"string", "boom-7d1e", "boom-7d1e"},
		{"error", errors.New("nil map 9f3a"), "nil map 9f3a"},
		{"nil", nil, "nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs := captureLog(t)
			h := Recover(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Partial", "1")
				panic(tt.value)
			}))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v2/Services/IS1/Users", nil))
			if rec.Code != http.StatusInternalServerError {
				t.Fatalf("status = %d, want 500", rec.Code)
			}
			got := decodeTwilioError(t, rec)
			want := twilio.Error{Status: 500, Code: 20500, Message: "Internal server error", MoreInfo: "https://www.twilio.com/docs/errors/20500"}
			if got != want {
				t.Errorf("body = %+v, want %+v", got, want)
			}
			if strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("body %s leaks the panic value", rec.Body.String())
			}
			if !strings.Contains(logs.String(), tt.want) || !strings.Contains(logs.String(), "panic") {
				t.Errorf("log %q does not hold the panic value %q", logs.String(), tt.want)
			}
			if !strings.Contains(logs.String(), "/v2/Services/IS1/Users") {
				t.Errorf("log %q does not name the path", logs.String())
			}
		})
	}
}

func TestRecoverPassesThrough(t *testing.T) {
	logs := captureLog(t)
	h := Recover(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/Users/alice" || r.Header.Get("X-In") != "in" {
			t.Errorf("handler got %s with X-In %q", r.URL.Path, r.Header.Get("X-In"))
		}
		w.Header().Set("X-Out", "out")
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, "hello")
		http.NewResponseController(w).Flush()
	}))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/v1/Users/alice", nil)
	req.Header.Set("X-In", "in")
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusAccepted || rec.Body.String() != "hello" ||
		rec.Header().Get("X-Out") != "out" || rec.Header().Get("Content-Type") != "text/plain" {
		t.Errorf("got %d %v %q; want 202 with X-Out and body hello", rec.Code, rec.Header(), rec.Body.String())
	}
	if !rec.Flushed {
		t.Errorf("Flush did not reach the underlying ResponseWriter")
	}
	if logs.Len() != 0 {
		t.Errorf("logged %q for a normal request", logs.String())
	}
}

// recoverPanic runs h and returns what it panicked with.
func recoverPanic(h http.Handler, rec *httptest.ResponseRecorder) (v any) {
	defer func() { v = recover() }()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	return nil
}

func TestRecoverAbort(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		logged  bool
	}{
		{"ErrAbortHandler is passed on", func(w http.ResponseWriter, r *http.Request) {
			panic(http.ErrAbortHandler)
		}, false},
		{"panic after the response started aborts it", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, `{"users":[`)
			panic("half way")
		}, true},
		{"panic after an implicit 200 aborts it", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "partial")
			panic("half way")
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs := captureLog(t)
			rec := httptest.NewRecorder()
			v := recoverPanic(Recover(tt.handler), rec)
			if v != http.ErrAbortHandler {
				t.Fatalf("panicked with %v, want http.ErrAbortHandler", v)
			}
			if strings.Contains(rec.Body.String(), "20500") {
				t.Errorf("error body appended to the response: %q", rec.Body.String())
			}
			if tt.logged != strings.Contains(logs.String(), "half way") {
				t.Errorf("log = %q, want the panic logged: %v", logs.String(), tt.logged)
			}
		})
	}
}

func TestRecoverInformationalThenPanic(t *testing.T) {
	// A 1xx response does not start the final one, so the 500 can still be sent.
	captureLog(t)
	h := Recover(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusEarlyHints)
		panic("after early hints")
	}))
	rec := httptest.NewRecorder()
	if v := recoverPanic(h, rec); v != nil {
		t.Fatalf("panicked with %v, want a 500 response", v)
	}
	if !strings.Contains(rec.Body.String(), strconv.Itoa(twilio.CodeInternal)) {
		t.Errorf("body = %q, want the Twilio 500 body", rec.Body.String())
	}
}

func TestNotFoundHandler(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("/", notFoundHandler())
	mux.HandleFunc("GET /v2/Services/{ServiceSid}/Users", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, r, http.StatusOK, map[string]string{"service": r.PathValue("ServiceSid")})
	})
	tests := []struct{ path, wantMsg string }{
		{"/v2/Services/IS1/Nope", "The requested resource /v2/Services/IS1/Nope was not found"},
		{"/", "The requested resource / was not found"},
		{"/v2/Services/IS1/Users/alice/extra", "The requested resource /v2/Services/IS1/Users/alice/extra was not found"},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status = %d, want 404", tt.path, rec.Code)
			continue
		}
		got := decodeTwilioError(t, rec)
		want := twilio.Error{Status: 404, Code: 20404, Message: tt.wantMsg, MoreInfo: "https://www.twilio.com/docs/errors/20404"}
		if got != want {
			t.Errorf("GET %s: body = %+v, want %+v", tt.path, got, want)
		}
	}
	// The routed path is not shadowed.
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v2/Services/IS1/Users", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"IS1"`) {
		t.Errorf("routed GET: %d %q, want 200 with the service", rec.Code, rec.Body.String())
	}
}

func TestRoutes(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /a/{x}", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("a=" + r.PathValue("x"))) })
	mux.HandleFunc("DELETE /a/{x}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	h := Routes(mux)
	for _, tc := range []struct {
		method, path string
		status       int
		allow, body  string
		code         int
	}{
		{"GET", "/a/1%2F2", http.StatusOK, "", "a=1/2", 0},
		{"POST", "/a/1", http.StatusMethodNotAllowed, "GET, DELETE", "", twilio.CodeMethodNotAllowed},
		{"GET", "/b", http.StatusNotFound, "", "", twilio.CodeNotFound},
		{"GET", "/a/.", http.StatusNotFound, "", "", twilio.CodeNotFound},
		{"GET", "/a/%2E%2E", http.StatusOK, "", "a=..", 0},
		{"GET", "//a/1", http.StatusNotFound, "", "", twilio.CodeNotFound},
		{"GET", "/a/./1", http.StatusNotFound, "", "", twilio.CodeNotFound},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != tc.status || rec.Header().Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d Allow=%q, want %d Allow=%q", tc.method, tc.path, rec.Code, rec.Header().Get("Allow"), tc.status, tc.allow)
		}
		if tc.code == 0 {
			if rec.Body.String() != tc.body {
				t.Errorf("%s %s: body %q, want %q", tc.method, tc.path, rec.Body.String(), tc.body)
			}
			continue
		}
		var e twilio.Error
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Code != tc.code || e.Status != tc.status || e.Message == "" {
			t.Errorf("%s %s: body %s (%v), want code %d status %d", tc.method, tc.path, rec.Body.String(), err, tc.code, tc.status)
		}
	}
}

func TestParseFloat(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1", 1, true}, {"-2.5", -2.5, true}, {"1e3", 1000, true},
		{"", 0, false}, {"abc", 0, false}, {"NaN", 0, false}, {"Inf", 0, false}, {"-inf", 0, false}, {"1e999", 0, false},
	} {
		got, err := ParseFloat("Ratio", tt.in)
		if !tt.ok {
			var pe *twilio.ParamError
			if !errors.As(err, &pe) || pe.Param != "Ratio" || pe.Reason != "must be a number" {
				t.Errorf("ParseFloat(%q) error = %v, want *ParamError{Ratio, must be a number}", tt.in, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseFloat(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	for _, in := range []string{"2015-07-30T20:00:00Z", "Thu, 30 Jul 2015 20:00:00 +0000"} {
		got, err := ParseTime("When", in)
		if err != nil || got.UTC().Format("2006-01-02T15:04:05Z") != "2015-07-30T20:00:00Z" {
			t.Errorf("ParseTime(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "yesterday", "2015-07-30"} {
		_, err := ParseTime("When", in)
		var pe *twilio.ParamError
		if !errors.As(err, &pe) || pe.Param != "When" || !strings.HasPrefix(pe.Reason, "must be a date-time") {
			t.Errorf("ParseTime(%q) error = %v, want *ParamError for When", in, err)
		}
	}
}

func TestValues(t *testing.T) {
	v := url.Values{"BindingType": {"gcm", "apn"}, "Empty": {}}
	if got := Values(v, "BindingType"); !reflect.DeepEqual(got, []string{"gcm", "apn"}) {
		t.Errorf("Values(BindingType) = %q", got)
	}
	if got := Values(v, "Missing"); len(got) != 0 {
		t.Errorf("Values(Missing) = %q, want none", got)
	}
}

func TestReadFormMulti(t *testing.T) {
	body := "Permission=sendMessage&Permission=leaveChannel&FriendlyName=x"
	req := httptest.NewRequest(http.MethodPost, "/v2/Services/IS1/Roles", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	got, err := ReadForm(httptest.NewRecorder(), req, "Permission")
	if err != nil || !reflect.DeepEqual(got["Permission"], []string{"sendMessage", "leaveChannel"}) {
		t.Errorf("ReadForm = %v, %v", got, err)
	}
	req = httptest.NewRequest(http.MethodPost, "/v2/Services/IS1/Roles", strings.NewReader(body+"&FriendlyName=y"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var perr *twilio.ParamError
	if _, err := ReadForm(httptest.NewRecorder(), req, "Permission"); !errors.As(err, &perr) || perr.Param != "FriendlyName" {
		t.Errorf("repeated scalar beside an array field: %v; want a ParamError for FriendlyName", err)
	}
}
