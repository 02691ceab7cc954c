package generated_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generated/chatv1"
	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// The fuzz targets drive each generated handler with arbitrary requests.
// The implementation behind it is UnimplementedServer, so a request that
// passes every check is answered 501 by the implementation; anything the
// handler itself rejects must be a 4xx with Twilio's error body, and
// nothing may panic or answer another 5xx.

func FuzzChatV1Handler(f *testing.F) {
	fuzzHandler(f, chatv1.NewHandler(chatv1.UnimplementedServer{}), "/v1/Services/")
}

func FuzzChatV2Handler(f *testing.F) {
	fuzzHandler(f, chatv2.NewHandler(chatv2.UnimplementedServer{}), "/v2/Services/")
}

func FuzzConversationsV1Handler(f *testing.F) {
	fuzzHandler(f, conversationsv1.NewHandler(conversationsv1.UnimplementedServer{}), "/v1/Services/")
}

var fuzzMethods = []string{http.MethodGet, http.MethodPost, http.MethodDelete, http.MethodPut, "PATCH"}

const service = "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

func fuzzHandler(f *testing.F, h http.Handler, prefix string) {
	form := "application/x-www-form-urlencoded"
	seeds := []struct {
		method                       byte
		path, query, body, ctype, wh string
	}{
		{0, prefix + service + "/Users", "PageSize=20&Page=1", "", "", ""},
		{0, prefix + service + "/Users", "PageSize=0", "", "", ""},
		{0, prefix + service + "/Users", "PageSize=abc&PageSize=2", "", "", ""},
		{1, prefix + service + "/Users", "", "Identity=alice&FriendlyName=A&Attributes=%7B%7D", form, "true"},
		{1, prefix + service + "/Users", "", "Identity=alice&Attributes=%7B", form, "maybe"},
		{1, prefix + service + "/Users", "", "Identity=%zz", form, ""},
		{1, prefix + service + "/Users", "", "Identity=a", "text/plain", ""},
		{0, prefix + service + "/Users/alice%2B1%40example.com", "", "", "", ""},
		{1, prefix + service + "/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", "FriendlyName=&RoleSid=RLbad", form, "false"},
		{2, prefix + service + "/Users/team%2Fa%20b", "", "", "", "true"},
		{2, prefix + "ISbad/Users/x", "", "", "", ""},
		{3, prefix + service + "/Users", "", "", "", ""},
		{0, "/nowhere", "", "", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.query, s.body, s.ctype, s.wh)
	}
	f.Fuzz(func(t *testing.T, m byte, path, query, body, ctype, webhook string) {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		u := &url.URL{Path: path, RawQuery: query}
		if p, err := url.PathUnescape(path); err == nil {
			u.Path, u.RawPath = p, path // keep the escaped form the fuzzer chose
		}
		r := httptest.NewRequest(http.MethodGet, "/", strings.NewReader(body))
		r.Method = fuzzMethods[int(m)%len(fuzzMethods)]
		r.URL = u
		r.RequestURI = u.RequestURI()
		r.ContentLength = int64(len(body))
		if ctype != "" {
			r.Header.Set("Content-Type", ctype)
		}
		if webhook != "" {
			r.Header.Set("X-Twilio-Webhook-Enabled", webhook)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		switch {
		case rec.Code == http.StatusNotImplemented:
			return // the request passed every check
		case rec.Code >= 500:
			t.Fatalf("%s %s?%s (%q, %q): status %d: %s", r.Method, path, query, ctype, body, rec.Code, rec.Body)
		case rec.Code >= 400:
			var e twilio.Error
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
				t.Fatalf("%d body is not JSON: %v: %s", rec.Code, err, rec.Body)
			}
			if e.Status != rec.Code || e.Code == 0 || e.Message == "" {
				t.Fatalf("%d body is not a Twilio error: %s", rec.Code, rec.Body)
			}
		}
	})
}
