package fake

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
)

// TestBaseURLs checks that url, links and the page meta's URLs come from the
// configured base URLs, whatever Host header the request sends.
func TestBaseURLs(t *testing.T) {
	for _, tc := range []struct {
		name             string
		chatCfg, convCfg string
		chat, conv       string // the base URLs to expect
	}{
		{"configured", "https://chat.fake.test:8443/", "http://127.0.0.1:9", "https://chat.fake.test:8443", "http://127.0.0.1:9"},
		{"defaults", "", "", chatv2.DefaultBaseURL, conversationsv1.DefaultBaseURL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			chat, conv, err := NewHandlers(Config{AuthToken: token, ChatBaseURL: tc.chatCfg, ConversationsBaseURL: tc.convCfg})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []struct {
				h      http.Handler
				prefix string
				base   string
			}{
				{chat, "/v1/", tc.chat},
				{chat, "/v2/", tc.chat},
				{conv, "/v1/", tc.conv},
			} {
				users := s.prefix + "Services/" + string(service1) + "/Users"
				serve := func(method, target, body string) map[string]any {
					t.Helper()
					req := httptest.NewRequest(method, target, strings.NewReader(body))
					req.Host = "evil.example:666" // forged
					req.SetBasicAuth(string(account1), token)
					if body != "" {
						req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					}
					rec := httptest.NewRecorder()
					s.h.ServeHTTP(rec, req)
					var out map[string]any
					if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code >= 300 {
						t.Fatalf("%s %s: %d %s", method, target, rec.Code, rec.Body)
					}
					return out
				}
				u := serve("POST", users, "Identity=host-"+strings.Trim(s.prefix, "/"))
				serve("POST", users, "Identity=second-"+strings.Trim(s.prefix, "/"))
				list := serve("GET", users+"?PageSize=1", "")
				var urls []string
				urls = append(urls, u["url"].(string))
				for _, l := range u["links"].(map[string]any) {
					urls = append(urls, l.(string))
				}
				meta := list["meta"].(map[string]any)
				for _, k := range []string{"url", "first_page_url", "next_page_url"} {
					urls = append(urls, meta[k].(string))
				}
				for _, got := range urls {
					if !strings.HasPrefix(got, s.base+s.prefix) {
						t.Errorf("%s: URL %q is not on %s", s.prefix, got, s.base)
					}
				}
			}
		})
	}
}

func TestBaseURLErrors(t *testing.T) {
	for _, bad := range []string{"chat.test", "ftp://chat.test", "http://", "http://u:p@chat.test", "http://chat.test/v2", "http://chat.test?x=1", "http://chat.test#f"} {
		if _, _, err := NewHandlers(Config{AuthToken: token, ChatBaseURL: bad}); err == nil {
			t.Errorf("ChatBaseURL %q accepted", bad)
		}
		if _, _, err := NewHandlers(Config{AuthToken: token, ConversationsBaseURL: bad}); err == nil {
			t.Errorf("ConversationsBaseURL %q accepted", bad)
		}
	}
}
