package fake_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generated/chatv1"
	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/fake"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// TestStartTest: the fake of a test answers on both hosts with the URLs it
// is reached at, refuses other credentials, and is closed when the test
// ends.
func TestStartTest(t *testing.T) {
	var f *fake.Fake
	t.Run("inner", func(t *testing.T) {
		f = fake.StartTest(t)
		ctx := context.Background()
		svc := twilio.ServiceSID("IS00000000000000000000000000000002")
		c, err := conversationsv1.NewClient(f.ConversationsOptions()...)
		if err != nil {
			t.Fatal(err)
		}
		u, err := c.CreateUser(ctx, svc, conversationsv1.CreateUserParams{Identity: "ann"})
		if err != nil {
			t.Fatal(err)
		}
		if want := f.ConversationsURL + "/v1/Services/" + string(svc) + "/Users/" + string(u.SID.Value); u.URL.Value != want {
			t.Errorf("url = %q, want %q", u.URL.Value, want)
		}
		v1, err := chatv1.NewClient(f.ChatOptions()...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v1.FetchUser(ctx, svc, twilio.UserRefIdentity("ann")); err == nil {
			t.Error("Chat v1 sees a Conversations user; it keeps its own")
		}
		wrong, err := chatv1.NewClient(f.ChatOptions(twilio.WithCredentials(string(f.Account), "not-the-token"))...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := wrong.FetchUser(ctx, svc, twilio.UserRefIdentity("ann")); !isStatus(err, http.StatusUnauthorized) {
			t.Errorf("wrong token: %v, want 401", err)
		}
	})
	if _, err := http.Get(f.ChatURL + "/v2/Services"); err == nil {
		t.Error("the fake still answers after its test ended")
	}
}

func isStatus(err error, status int) bool {
	var te *twilio.Error
	return errors.As(err, &te) && te.Status == status
}

// TestConfigLogger: a fake with a Logger logs every request with its
// server, status and user, and never the secret.
func TestConfigLogger(t *testing.T) {
	var logs strings.Builder
	chat, _, err := fake.NewHandlers(fake.Config{AuthToken: "tok-secret", Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(chat)
	defer srv.Close()
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithCredentials(string(fake.DefaultAccount), "tok-secret"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.FetchUser(context.Background(), "IS00000000000000000000000000000004", twilio.UserRefIdentity("x")); !errors.Is(err, twilio.ErrNotFound) {
		t.Fatalf("fetch: %v, want a 404", err)
	}
	got := logs.String()
	for _, want := range []string{"msg=request", "server=chat", "method=GET", "status=404", "user=" + string(fake.DefaultAccount)} {
		if !strings.Contains(got, want) {
			t.Errorf("log %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "tok-secret") {
		t.Error("the log shows the auth token")
	}
}
