package generated_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// TestClientDecodesHostileBodies: the client decodes a 2xx body with the
// generated decoder, and a server that answers something other than one
// User gets an error that names the request, never a panic nor a half
// result.
func TestClientDecodesHostileBodies(t *testing.T) {
	deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	for _, tt := range []struct {
		name, body string
		wantErr    string // "" for success
		check      func(*chatv2.User) bool
	}{
		{name: "trailing data", body: `{"identity":"a"} {}`, wantErr: "after top-level value"},
		{name: "too deep", body: `{"x":` + deep + `}`, wantErr: "exceeded max depth"},
		{name: "deep but allowed", body: `{"identity":"a","x":` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + `}`,
			check: func(u *chatv2.User) bool { return u.Identity.Value == "a" }},
		{name: "wrong type", body: `{"joined_channels_count":"3"}`, wantErr: `cannot decode a JSON string into a Go integer (key "joined_channels_count")`},
		{name: "fraction", body: `{"joined_channels_count":3.5}`, wantErr: "cannot decode number 3.5"},
		{name: "bad date", body: `{"date_created":"yesterday"}`, wantErr: "cannot parse time"},
		{name: "truncated", body: `{"identity":"a`, wantErr: "unexpected end of JSON input"},
		{name: "white space", body: " \n\t", check: func(u *chatv2.User) bool { return !u.Identity.Valid }},
		{name: "invalid UTF-8", body: "{\"identity\":\"a\xffb\"}",
			check: func(u *chatv2.User) bool { return u.Identity.Value == "a\ufffdb" }},
		{name: "keys in another case", body: `{"IDENTITY":"a","Links":{"x":"y"}}`,
			check: func(u *chatv2.User) bool { return u.Identity.Value == "a" && u.Links["x"] == "y" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithCredentials("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "token"))
			if err != nil {
				t.Fatal(err)
			}
			u, err := c.FetchUser(context.Background(), "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "alice")
			if tt.wantErr == "" {
				if err != nil || !tt.check(u) {
					t.Fatalf("FetchUser = %+v, %v", u, err)
				}
				return
			}
			var apiErr *twilio.Error
			if err == nil || u != nil || errors.As(err, &apiErr) ||
				!strings.Contains(err.Error(), "twilio: decoding GET /v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/alice: ") ||
				!strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("FetchUser = %+v, %v; want a decoding error with %q", u, err, tt.wantErr)
			}
		})
	}
}
