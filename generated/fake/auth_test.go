package fake

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/twilio"
)

const (
	key1       = "SK0123456789abcdef0123456789abcdef"
	key1Secret = "key-1-secret"
	key2       = "SKfedcba9876543210fedcba9876543210"
	key2Secret = "key-2-secret"
)

// TestAPIKeys checks that an API key SID with its secret acts for the
// account it was configured with, through WithAPIKey and through a raw
// request as twilio-go sends it (Basic auth user = key SID).
func TestAPIKeys(t *testing.T) {
	st := NewStore()
	chat, conv, err := NewHandlers(Config{
		Store:     st,
		AuthToken: token,
		APIKeys: []APIKey{
			{Account: account1, SID: key1, Secret: key1Secret},
			{Account: account2, SID: key2, Secret: key2Secret},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	chatSrv, convSrv := httptest.NewServer(chat), httptest.NewServer(conv)
	defer chatSrv.Close()
	defer convSrv.Close()
	ctx := context.Background()
	opts := func(base string, o ...twilio.ClientOption) []twilio.ClientOption {
		return append([]twilio.ClientOption{twilio.WithBaseURL(base), twilio.WithRetry(twilio.RetryPolicy{MaxAttempts: 1})}, o...)
	}

	withKey, err := chatv2.NewClient(opts(chatSrv.URL, twilio.WithAPIKey(string(account1), key1, key1Secret))...)
	if err != nil {
		t.Fatal(err)
	}
	u, err := withKey.CreateUser(ctx, service1, chatv2.CreateUserParams{Identity: "by-key"})
	if err != nil {
		t.Fatal(err)
	}
	if u.AccountSID.Value != account1 {
		t.Fatalf("account_sid = %v, want %s, the key's account", u.AccountSID, account1)
	}
	// The account's token sees what the key created, and the other way.
	withToken, err := conversationsv1.NewClient(opts(convSrv.URL, twilio.WithCredentials(string(account1), token))...)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := withToken.FetchUser(ctx, service1, "by-key"); err != nil || got.SID != u.SID {
		t.Fatalf("fetch with the token = %+v, %v", got, err)
	}

	// As twilio-go sends it: Basic SK:secret, the key in upper case too.
	for _, user := range []string{key1, "SK" + strings.ToUpper(key1[2:])} {
		req := httptest.NewRequest(http.MethodGet, "/v2/Services/"+string(service1)+"/Users/by-key", nil)
		req.SetBasicAuth(user, key1Secret)
		rec := httptest.NewRecorder()
		chat.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), string(account1)) {
			t.Errorf("GET as %s: %d %s", user, rec.Code, rec.Body)
		}
	}

	// The second key acts for account 2, which does not see account 1's user.
	other, err := chatv2.NewClient(opts(chatSrv.URL, twilio.WithAPIKey(string(account2), key2, key2Secret))...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = other.FetchUser(ctx, service1, "by-key")
	wantError(t, err, http.StatusNotFound, twilio.CodeNotFound)

	// Refused: a wrong secret, a key's secret as another key's, an unknown
	// key, the token as a key's secret, a key's secret as the account's
	// token.
	for name, creds := range map[string][2]string{
		"wrong secret":          {key1, "nope"},
		"other key's secret":    {key1, key2Secret},
		"unknown key":           {"SK00000000000000000000000000000000", key1Secret},
		"token as a key secret": {key1, token},
		"key secret as token":   {string(account1), key1Secret},
		"malformed key":         {"SK123", key1Secret},
	} {
		req := httptest.NewRequest(http.MethodGet, "/v2/Services/"+string(service1)+"/Users", nil)
		req.SetBasicAuth(creds[0], creds[1])
		rec := httptest.NewRecorder()
		chat.ServeHTTP(rec, req)
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("%s: %d, want 401", name, rec.Code)
		}
	}
}

// TestConfigErrors checks that NewHandlers refuses what it cannot serve.
func TestConfigErrors(t *testing.T) {
	for name, cfg := range map[string]Config{
		"no credentials":      {},
		"key without account": {APIKeys: []APIKey{{SID: key1, Secret: "s"}}},
		"key with bad SID":    {APIKeys: []APIKey{{Account: account1, SID: "AK1", Secret: "s"}}},
		"key without secret":  {APIKeys: []APIKey{{Account: account1, SID: key1}}},
		"infinite rate":       {AuthToken: "t", RateLimit: math.Inf(1)},
		"key given twice":     {APIKeys: []APIKey{{Account: account1, SID: key1, Secret: "a"}, {Account: account2, SID: strings.ToUpper(key1), Secret: "b"}}},
	} {
		if _, _, err := NewHandlers(cfg); err == nil {
			t.Errorf("%s: NewHandlers accepted %+v", name, cfg)
		}
	}
	if _, _, err := NewHandlers(Config{APIKeys: []APIKey{{Account: account1, SID: key1, Secret: "s"}}}); err != nil {
		t.Errorf("keys alone: %v", err)
	}
}

func TestParseAPIKey(t *testing.T) {
	k, err := ParseAPIKey(string(account1) + ":" + key1 + ":se:cret")
	if err != nil || k != (APIKey{Account: account1, SID: key1, Secret: "se:cret"}) {
		t.Fatalf("ParseAPIKey = %+v, %v", k, err)
	}
	for _, s := range []string{"", key1 + ":secret", string(account1) + ":" + key1, string(account1) + ":" + key1 + ":", "AC1:" + key1 + ":s", string(account1) + ":SK1:s"} {
		if k, err := ParseAPIKey(s); err == nil {
			t.Errorf("ParseAPIKey(%q) = %+v, want an error", s, k)
		} else if strings.Contains(err.Error(), "secret") && strings.Contains(s, key1Secret) {
			t.Errorf("the error shows the secret: %v", err)
		}
	}
}
