package fake_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/apigen-dev/apigen/generated/chatv1"
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
