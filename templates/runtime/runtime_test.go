package twilio

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestOpt(t *testing.T) {
	tests := []struct {
		name    string
		opt     Opt[string]
		wantVal string
		wantSet bool
		wantOr  string
	}{
		{name: "unset", opt: Opt[string]{}, wantVal: "", wantSet: false, wantOr: "default"},
		{name: "set", opt: Some("alice"), wantVal: "alice", wantSet: true, wantOr: "alice"},
		{name: "empty but set", opt: Some(""), wantVal: "", wantSet: true, wantOr: ""},
		{name: "unset with stale value", opt: Opt[string]{Value: "stale"}, wantVal: "", wantSet: false, wantOr: "default"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := tt.opt.Get()
			if v != tt.wantVal || ok != tt.wantSet {
				t.Errorf("Get() = %q, %v; want %q, %v", v, ok, tt.wantVal, tt.wantSet)
			}
			if got := tt.opt.IsSet(); got != tt.wantSet {
				t.Errorf("IsSet() = %v; want %v", got, tt.wantSet)
			}
			if got := tt.opt.OrElse("default"); got != tt.wantOr {
				t.Errorf("OrElse(%q) = %q; want %q", "default", got, tt.wantOr)
			}
		})
	}
}

func TestOptGenericZeroInt(t *testing.T) {
	o := Some(0)
	if v, ok := o.Get(); v != 0 || !ok {
		t.Errorf("Some(0).Get() = %d, %v; want 0, true", v, ok)
	}
	if got := o.OrElse(7); got != 0 {
		t.Errorf("Some(0).OrElse(7) = %d; want 0", got)
	}
}

func TestNullGet(t *testing.T) {
	if v, ok := NullOf("x").Get(); v != "x" || !ok {
		t.Errorf(`NullOf("x").Get() = %q, %v; want "x", true`, v, ok)
	}
	if v, ok := (Null[string]{Value: "stale"}).Get(); v != "" || ok {
		t.Errorf(`invalid Null Get() = %q, %v; want "", false`, v, ok)
	}
}

func TestNullJSON(t *testing.T) {
	type doc struct {
		Name  Null[string] `json:"name"`
		Count Null[int]    `json:"count"`
	}
	tests := []struct {
		name     string
		in       string
		want     doc
		wantJSON string // re-encoding of want
	}{
		{
			name:     "values",
			in:       `{"name":"alice","count":3}`,
			want:     doc{Name: NullOf("alice"), Count: NullOf(3)},
			wantJSON: `{"name":"alice","count":3}`,
		},
		{
			name:     "nulls",
			in:       `{"name":null,"count":null}`,
			want:     doc{},
			wantJSON: `{"name":null,"count":null}`,
		},
		{
			name:     "empty and zero are valid",
			in:       `{"name":"","count":0}`,
			want:     doc{Name: NullOf(""), Count: NullOf(0)},
			wantJSON: `{"name":"","count":0}`,
		},
		{
			name:     "absent keys",
			in:       `{}`,
			want:     doc{},
			wantJSON: `{"name":null,"count":null}`,
		},
		{
			name:     "whitespace around null",
			in:       "{\"name\" : null ,\n\"count\":\t5}",
			want:     doc{Count: NullOf(5)},
			wantJSON: `{"name":null,"count":5}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got doc
			if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Unmarshal(%s) = %+v; want %+v", tt.in, got, tt.want)
			}
			out, err := json.Marshal(got)
			if err != nil {
				t.Fatalf("Marshal(%+v): %v", got, err)
			}
			if string(out) != tt.wantJSON {
				t.Errorf("Marshal(%+v) = %s; want %s", got, out, tt.wantJSON)
			}
		})
	}
}

func TestNullUnmarshalResetsAndRejects(t *testing.T) {
	n := NullOf("old")
	if err := json.Unmarshal([]byte("null"), &n); err != nil {
		t.Fatalf("Unmarshal(null): %v", err)
	}
	if n != (Null[string]{}) {
		t.Errorf("after null: %+v; want zero Null", n)
	}

	n = NullOf("keep")
	if err := json.Unmarshal([]byte("42"), &n); err == nil {
		t.Errorf("Unmarshal(42) into Null[string]: want error, got nil")
	}
	if n != NullOf("keep") {
		t.Errorf("after failed Unmarshal: %+v; want unchanged %+v", n, NullOf("keep"))
	}
}

func TestParseTime(t *testing.T) {
	want := time.Date(2016, 3, 24, 21, 5, 19, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2016-03-24T21:05:19Z", want},
		{"2016-03-24T23:05:19+02:00", want},
		{"2016-03-24T16:05:19-05:00", want},
		{"2016-03-24T21:05:19.000Z", want},
		{"2016-03-24T21:05:19.25Z", want.Add(250 * time.Millisecond)},
		{"2016-03-24T21:05:19.123456789Z", want.Add(123456789)},
		{"Thu, 24 Mar 2016 21:05:19 +0000", want},
		{"Thu, 24 Mar 2016 21:05:19 GMT", want},
		{"Thu, 24 Mar 2016 22:05:19 +0100", want},
		{"24 Mar 2016 21:05:19 +0000", want},
		{"Fri, 1 Apr 2016 00:00:00 GMT", time.Date(2016, 4, 1, 0, 0, 0, 0, time.UTC)},
		{" 2016-03-24T21:05:19Z ", want},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTime(tt.in)
			if err != nil {
				t.Fatalf("ParseTime(%q): %v", tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParseTime(%q) = %v; want %v", tt.in, got.Time, tt.want)
			}
			if got.Location() != time.UTC {
				t.Errorf("ParseTime(%q) location = %v; want UTC", tt.in, got.Location())
			}
		})
	}
}

func TestParseTimeRejects(t *testing.T) {
	for _, in := range []string{
		"garbage",
		"",
		"2016-03-24",
		"2016-03-24T21:05:19",    // no zone
		"2016-13-24T21:05:19Z",   // month 13
		"Thu, 24 Mar 2016 21:05", // no seconds, no zone
		"Thu, 24 Mar 2016 21:05:19 PST",
		"1458853519",
	} {
		t.Run(in, func(t *testing.T) {
			_, err := ParseTime(in)
			if err == nil {
				t.Fatalf("ParseTime(%q): want error, got nil", in)
			}
			if quoted, _ := json.Marshal(in); !strings.Contains(err.Error(), string(quoted)) {
				t.Errorf("ParseTime(%q) error %q does not name the value", in, err)
			}
		})
	}
}

func TestTimeJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"Z", `"2016-03-24T21:05:19Z"`, `"2016-03-24T21:05:19Z"`},
		{"offset to UTC", `"2016-03-24T23:05:19+02:00"`, `"2016-03-24T21:05:19Z"`},
		{"zero fraction dropped", `"2016-03-24T21:05:19.000Z"`, `"2016-03-24T21:05:19Z"`},
		{"fraction kept", `"2016-03-24T21:05:19.5+01:00"`, `"2016-03-24T20:05:19.5Z"`},
		{"RFC 2822", `"Thu, 24 Mar 2016 21:05:19 +0000"`, `"2016-03-24T21:05:19Z"`},
		{"RFC 2822 GMT", `"Thu, 24 Mar 2016 21:05:19 GMT"`, `"2016-03-24T21:05:19Z"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tm Time
			if err := json.Unmarshal([]byte(tt.in), &tm); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.in, err)
			}
			out, err := json.Marshal(tm)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			if string(out) != tt.want {
				t.Errorf("round trip of %s = %s; want %s", tt.in, out, tt.want)
			}
			if s := tm.String(); `"`+s+`"` != tt.want {
				t.Errorf("String() = %q; want %s", s, tt.want)
			}
		})
	}
}

func TestTimeMarshalExact(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	tm := Time{time.Date(2016, 3, 24, 22, 5, 19, 0, loc)}
	out, err := json.Marshal(tm)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `"2016-03-24T21:05:19Z"` {
		t.Errorf("Marshal = %s; want %s", out, `"2016-03-24T21:05:19Z"`)
	}
}

func TestTimeUnmarshalJSONEdgeCases(t *testing.T) {
	orig := Time{time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)}

	tm := orig
	if err := json.Unmarshal([]byte("null"), &tm); err != nil {
		t.Fatalf("Unmarshal(null): %v", err)
	}
	if !tm.Equal(orig.Time) {
		t.Errorf("Unmarshal(null) changed Time to %v; want unchanged %v", tm, orig)
	}

	for _, in := range []string{`1458853519`, `{"t":1}`, `true`, `"garbage"`} {
		tm := orig
		err := json.Unmarshal([]byte(in), &tm)
		if err == nil {
			t.Errorf("Unmarshal(%s): want error, got nil", in)
			continue
		}
		if !strings.Contains(err.Error(), "twilio:") {
			t.Errorf("Unmarshal(%s) error %q lacks the twilio: prefix", in, err)
		}
		if !tm.Equal(orig.Time) {
			t.Errorf("failed Unmarshal(%s) changed Time to %v", in, tm)
		}
	}
}

func TestNullTime(t *testing.T) {
	type user struct {
		DateUpdated Null[Time] `json:"date_updated"`
	}
	var u user
	if err := json.Unmarshal([]byte(`{"date_updated":null}`), &u); err != nil {
		t.Fatal(err)
	}
	if u.DateUpdated.Valid {
		t.Errorf("null date_updated decoded as valid: %v", u.DateUpdated.Value)
	}
	if err := json.Unmarshal([]byte(`{"date_updated":"Thu, 24 Mar 2016 21:05:19 +0000"}`), &u); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"date_updated":"2016-03-24T21:05:19Z"}`; string(out) != want {
		t.Errorf("Marshal = %s; want %s", out, want)
	}
}

func TestTimeText(t *testing.T) {
	var tm Time
	if err := tm.UnmarshalText([]byte("2016-03-24T23:05:19+02:00")); err != nil {
		t.Fatal(err)
	}
	text, err := tm.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	if string(text) != "2016-03-24T21:05:19Z" {
		t.Errorf("MarshalText = %q; want %q", text, "2016-03-24T21:05:19Z")
	}
	appended, err := tm.AppendText([]byte("at "))
	if err != nil {
		t.Fatal(err)
	}
	if string(appended) != "at 2016-03-24T21:05:19Z" {
		t.Errorf("AppendText = %q; want %q", appended, "at 2016-03-24T21:05:19Z")
	}
	if _, err := (Time{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}).MarshalText(); err == nil {
		t.Errorf("MarshalText of year 10000: want error, got nil")
	}
}

func TestJSONStringValid(t *testing.T) {
	tests := []struct {
		in   JSONString
		want bool
	}{
		{`{"a":1}`, true},
		{`[]`, true},
		{`"s"`, true},
		{`{}`, true},
		{``, false},
		{`{`, false},
		{`{'a':1}`, false},
	}
	for _, tt := range tests {
		if got := tt.in.Valid(); got != tt.want {
			t.Errorf("JSONString(%q).Valid() = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestJSONStringDecode(t *testing.T) {
	tests := []struct {
		name    string
		in      JSONString
		want    map[string]any
		wantErr bool
	}{
		{name: "object", in: `{"a":1,"b":"x"}`, want: map[string]any{"a": 1.0, "b": "x"}},
		{name: "empty object", in: `{}`, want: map[string]any{}},
		{name: "empty string", in: ``, want: map[string]any{}},
		{name: "blank string", in: " \n", want: map[string]any{}},
		{name: "invalid", in: `{"a":`, wantErr: true},
		{name: "not an object", in: `[1]`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got map[string]any
			err := tt.in.Decode(&got)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Decode(%q): want error, got nil and %v", tt.in, got)
				}
				if !strings.HasPrefix(err.Error(), "twilio: decoding JSONString: ") {
					t.Errorf("Decode(%q) error = %q; want twilio: decoding JSONString: prefix", tt.in, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Decode(%q) = %#v; want %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestJSONStringDecodeStruct(t *testing.T) {
	var v struct {
		Team string `json:"team"`
	}
	if err := JSONString(`{"team":"blue"}`).Decode(&v); err != nil {
		t.Fatal(err)
	}
	if v.Team != "blue" {
		t.Errorf("Team = %q; want %q", v.Team, "blue")
	}
}

func TestJSONOf(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want JSONString
	}{
		{"map", map[string]int{"b": 2, "a": 1}, `{"a":1,"b":2}`},
		{"struct", struct {
			Team string `json:"team"`
		}{"blue"}, `{"team":"blue"}`},
		{"empty map", map[string]any{}, `{}`},
		{"nil", nil, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := JSONOf(tt.in)
			if err != nil {
				t.Fatalf("JSONOf(%v): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("JSONOf(%v) = %s; want %s", tt.in, got, tt.want)
			}
			if !got.Valid() {
				t.Errorf("JSONOf(%v) = %s is not Valid", tt.in, got)
			}
		})
	}

	_, err := JSONOf(func() {})
	if err == nil {
		t.Fatalf("JSONOf(func): want error, got nil")
	}
	if !strings.HasPrefix(err.Error(), "twilio: encoding JSONString: ") {
		t.Errorf("JSONOf(func) error = %q; want twilio: encoding JSONString: prefix", err)
	}
}

func TestJSONStringInResponse(t *testing.T) {
	var u struct {
		Attributes Null[JSONString] `json:"attributes"`
	}
	if err := json.Unmarshal([]byte(`{"attributes":"{\"team\":\"blue\"}"}`), &u); err != nil {
		t.Fatal(err)
	}
	if !u.Attributes.Valid || u.Attributes.Value != `{"team":"blue"}` {
		t.Errorf("Attributes = %+v; want valid %q", u.Attributes, `{"team":"blue"}`)
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{
			name: "full",
			err: &Error{
				Status:   404,
				Code:     20404,
				Message:  "The requested resource /v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/alice was not found",
				MoreInfo: "https://www.twilio.com/docs/errors/20404",
				Method:   "GET",
				Path:     "/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/alice",
			},
			want: "twilio: 404 Not Found (code 20404): The requested resource /v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/alice was not found [GET /v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/alice]",
		},
		{
			name: "no request",
			err:  &Error{Status: 409, Code: 50201, Message: "User already exists"},
			want: "twilio: 409 Conflict (code 50201): User already exists",
		},
		{
			name: "no code",
			err:  &Error{Status: 503, Message: "Service Unavailable", Method: "POST", Path: "/v1/Users"},
			want: "twilio: 503 Service Unavailable: Service Unavailable [POST /v1/Users]",
		},
		{
			name: "unknown status text",
			err:  &Error{Status: 599, Message: "odd"},
			want: "twilio: 599: odd",
		},
		{
			name: "message only",
			err:  &Error{Message: "boom"},
			want: "twilio: boom",
		},
		{
			name: "path only",
			err:  &Error{Status: 400, Path: "/v1/Users"},
			want: "twilio: 400 Bad Request [/v1/Users]",
		},
		{
			name: "empty",
			err:  &Error{},
			want: "twilio: unknown error",
		},
		{
			name: "nil",
			err:  nil,
			want: "twilio: <nil>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n\t%q\nwant\n\t%q", got, tt.want)
			}
		})
	}
}

func TestNewError(t *testing.T) {
	tests := []struct {
		status, code int
		message      string
		want         Error
	}{
		{404, 20404, "not found", Error{Status: 404, Code: 20404, Message: "not found", MoreInfo: "https://www.twilio.com/docs/errors/20404"}},
		{500, 0, "oops", Error{Status: 500, Message: "oops"}},
	}
	for _, tt := range tests {
		got := NewError(tt.status, tt.code, tt.message)
		if *got != tt.want {
			t.Errorf("NewError(%d, %d, %q) = %+v; want %+v", tt.status, tt.code, tt.message, *got, tt.want)
		}
	}
	var err error = NewError(404, 20404, "x")
	var terr *Error
	if !errors.As(err, &terr) || terr.Code != 20404 {
		t.Errorf("errors.As did not find *Error with code 20404 in %v", err)
	}
}

func TestPageMeta(t *testing.T) {
	const seed = `{
		"key": "users",
		"url": "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=0",
		"page": 0,
		"page_size": 50,
		"next_page_url": "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=1",
		"first_page_url": "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=0",
		"previous_page_url": null
	}`
	var m PageMeta
	if err := json.Unmarshal([]byte(seed), &m); err != nil {
		t.Fatal(err)
	}
	want := PageMeta{
		Page:         0,
		PageSize:     50,
		FirstPageURL: "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=0",
		NextPageURL:  NullOf("https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=1"),
		URL:          "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=0",
		Key:          "users",
	}
	if m != want {
		t.Errorf("decoded meta =\n\t%+v\nwant\n\t%+v", m, want)
	}
	if m.PreviousPageURL.Valid {
		t.Errorf("PreviousPageURL is valid (%q); want null", m.PreviousPageURL.Value)
	}
	if !m.HasNext() {
		t.Errorf("HasNext() = false; want true")
	}
}

func TestPageMetaLastPage(t *testing.T) {
	const last = `{"key":"users","url":"u1","page":1,"page_size":50,"next_page_url":null,"first_page_url":"u0","previous_page_url":"u0"}`
	var m PageMeta
	if err := json.Unmarshal([]byte(last), &m); err != nil {
		t.Fatal(err)
	}
	want := PageMeta{Page: 1, PageSize: 50, FirstPageURL: "u0", PreviousPageURL: NullOf("u0"), URL: "u1", Key: "users"}
	if m != want {
		t.Errorf("decoded meta =\n\t%+v\nwant\n\t%+v", m, want)
	}
	if m.HasNext() {
		t.Errorf("HasNext() = true on the last page; want false")
	}
}

func TestPageMetaHasNext(t *testing.T) {
	tests := []struct {
		name string
		next Null[string]
		want bool
	}{
		{"null", Null[string]{}, false},
		{"empty", NullOf(""), false},
		{"url", NullOf("https://chat.twilio.com/v2/Services/IS/Users?Page=1"), true},
	}
	for _, tt := range tests {
		if got := (PageMeta{NextPageURL: tt.next}).HasNext(); got != tt.want {
			t.Errorf("%s: HasNext() = %v; want %v", tt.name, got, tt.want)
		}
	}
}

func TestPathSegment(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
		{"alice+1@example.com", "alice%2B1%40example.com"},
		{"team/a b", "team%2Fa%20b"},
		{"é~._-", "%C3%A9~._-"},
		{".", "%2E"},
		{"..", "%2E%2E"},
		{"...", "..."},
		{"", ""},
	} {
		if got := PathSegment(tc.in); got != tc.want {
			t.Errorf("PathSegment(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if back, err := url.PathUnescape(PathSegment(tc.in)); err != nil || back != tc.in {
			t.Errorf("PathUnescape(PathSegment(%q)) = %q, %v", tc.in, back, err)
		}
	}
}

// TestNullDecodesLikeEncodingJSON: the fast paths of Null's decoding give
// exactly what encoding/json gives, for plain and escaped strings, invalid
// UTF-8, named string types, booleans and types that decode themselves.
func TestNullDecodesLikeEncodingJSON(t *testing.T) {
	type named string
	inputs := []string{`"plain"`, `""`, `"esc\"aped\n"`, `"\u00e9t\u00e9"`, "\"bad \xff utf8\"", `"USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"`}
	for _, in := range inputs {
		var want string
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatal(err)
		}
		var s Null[string]
		if err := json.Unmarshal([]byte(in), &s); err != nil || !s.Valid || s.Value != want {
			t.Errorf("Null[string] from %q = %+v, %v; want %q", in, s, err, want)
		}
		var n Null[named]
		if err := json.Unmarshal([]byte(in), &n); err != nil || !n.Valid || string(n.Value) != want {
			t.Errorf("Null[named] from %q = %+v, %v; want %q", in, n, err, want)
		}
	}
	for in, want := range map[string]bool{"true": true, "false": false} {
		var b Null[bool]
		if err := json.Unmarshal([]byte(in), &b); err != nil || !b.Valid || b.Value != want {
			t.Errorf("Null[bool] from %s = %+v, %v", in, b, err)
		}
	}
	var tm Null[Time]
	if err := json.Unmarshal([]byte(`"Thu, 24 Mar 2016 21:05:19 +0000"`), &tm); err != nil || !tm.Valid || tm.Value.String() != "2016-03-24T21:05:19Z" {
		t.Errorf("Null[Time] = %+v, %v", tm, err)
	}
	var bad Null[int]
	if err := json.Unmarshal([]byte(`"7"`), &bad); err == nil {
		t.Errorf("a string decoded into Null[int]: %+v", bad)
	}
	var direct Null[string]
	if err := direct.UnmarshalJSON([]byte(`"a"b"`)); err == nil {
		t.Errorf("invalid JSON accepted by a direct call: %+v", direct)
	}
}

func TestParamError(t *testing.T) {
	var err error = &ParamError{Param: "FriendlyName", Reason: "must be at most 256 characters"}
	if got, want := err.Error(), "twilio: invalid parameter FriendlyName: must be at most 256 characters"; got != want {
		t.Errorf("Error() = %q; want %q", got, want)
	}
	var perr *ParamError
	if !errors.As(fmt.Errorf("wrapped: %w", err), &perr) || perr.Param != "FriendlyName" {
		t.Errorf("errors.As did not find the *ParamError")
	}
	if got := (*ParamError)(nil).Error(); got != "twilio: <nil>" {
		t.Errorf("nil Error() = %q", got)
	}
	coded := &ParamError{Param: "Attributes", Reason: "must be at most 16384 bytes long", Code: 50303}
	if got, want := coded.Error(), "twilio: invalid parameter Attributes: must be at most 16384 bytes long (code 50303)"; got != want {
		t.Errorf("Error() = %q; want %q", got, want)
	}
}

func TestValidIdentity(t *testing.T) {
	for _, s := range []string{"alice", "alice@example.com", "...", "./", "a/b", "%2E%2E", " ", "\u00a0", "\u2028", "ünïcødé ✓", "USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"} {
		if !ValidIdentity(s) {
			t.Errorf("ValidIdentity(%q) = false; want true", s)
		}
	}
	for _, s := range []string{"", ".", "..", "/", "a\x00b", "a\tb", "\n", "\x7f", "c1\u0085", "\u009f", "bad\xffutf8", "cut\xc3", "\xed\xa0\x80"} {
		if ValidIdentity(s) {
			t.Errorf("ValidIdentity(%q) = true; want false", s)
		}
	}
}

// TestOptNullPrintAndLog: Opt and Null print and log as the value they
// hold, not as their struct.
func TestOptNullPrintAndLog(t *testing.T) {
	type user struct {
		Name  Null[string]
		Count Null[int]
		When  Null[Time]
		Role  Opt[string]
		Page  Opt[int]
	}
	when := Time{Time: time.Date(2016, 3, 24, 21, 5, 19, 0, time.UTC)}
	u := user{Name: NullOf("Alice"), When: NullOf(when), Page: Some(0)}
	if got, want := fmt.Sprintf("%+v", u), "{Name:Alice Count:null When:2016-03-24T21:05:19Z Role:<unset> Page:0}"; got != want {
		t.Errorf("%%+v = %s\nwant  %s", got, want)
	}
	if got := fmt.Sprint(Some(""), Opt[string]{}, NullOf(false), Null[bool]{}); got != " <unset> false null" {
		t.Errorf("Sprint = %q", got)
	}
	var b strings.Builder
	slog.New(slog.NewJSONHandler(&b, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}})).Info("u", "name", u.Name, "count", u.Count, "role", u.Role, "page", u.Page)
	if got, want := b.String(), `{"level":"INFO","msg":"u","name":"Alice","count":null,"role":null,"page":0}`+"\n"; got != want {
		t.Errorf("slog JSON = %s\nwant       %s", got, want)
	}
}

// TestErrorIsStatus: errors.Is finds the sentinel of an Error's status,
// wrapped or not, and no other; the request ID shows in the message.
func TestErrorIsStatus(t *testing.T) {
	err := fmt.Errorf("fetch: %w", &Error{Status: 404, Code: 20404, Message: "gone", RequestID: "RQ0123456789abcdef0123456789abcdef"})
	if !errors.Is(err, ErrNotFound) {
		t.Error("a 404 is not ErrNotFound")
	}
	for _, other := range []error{ErrConflict, ErrBadRequest, ErrUnauthorized, ErrTooManyRequests} {
		if errors.Is(err, other) {
			t.Errorf("a 404 is %v", other)
		}
	}
	if !errors.Is(NewError(409, CodeUserExists, "exists"), ErrConflict) || errors.Is((*Error)(nil), ErrNotFound) {
		t.Error("409 is not ErrConflict, or a nil *Error is ErrNotFound")
	}
	if msg := err.Error(); !strings.HasSuffix(msg, "(request RQ0123456789abcdef0123456789abcdef)") {
		t.Errorf("message %q lacks the request ID", msg)
	}
	if ErrNotFound.Error() != "twilio: 404 Not Found" {
		t.Errorf("ErrNotFound = %q", ErrNotFound.Error())
	}
}
