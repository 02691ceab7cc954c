package fake

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generated/twilio"
)

// TestChatV2ConversationsShare checks that Chat v2 and Conversations v1
// share the users of a service, end to end with the generated clients over
// HTTP: the same SID and fields through either, one identity across both,
// lists through either seeing both, and URLs on each API's own base.
func TestChatV2ConversationsShare(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	v2 := apis[1].connect(t, e.chatURL, account1, token)
	conv := apis[2].connect(t, e.convURL, account1, token)
	type side struct {
		name   string
		c      client
		prefix string // URL of the service's Users
	}
	sides := []side{
		{"chatv2", v2, e.chatURL + "/v2/Services/" + string(service1) + "/Users"},
		{"conversationsv1", conv, e.convURL + "/v1/Services/" + string(service1) + "/Users"},
	}
	for i, from := range sides {
		to := sides[1-i]
		id := "made-by-" + from.name
		u, err := from.c.Create(ctx, service1, createParams{
			Identity:     id,
			FriendlyName: twilio.Some("F " + from.name),
			Attributes:   twilio.Some(twilio.JSONString(`{"by":"` + from.name + `"}`)),
			RoleSID:      twilio.Some(role1),
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, ref := range []twilio.UserRef{twilio.UserRefOf(u.SID.Value), twilio.UserRefIdentity(id)} {
			got, err := to.c.Fetch(ctx, service1, ref)
			if err != nil {
				t.Fatalf("%s fetches %s's user %s: %v", to.name, from.name, ref, err)
			}
			if got.SID != u.SID || got.Identity != u.Identity || got.FriendlyName != u.FriendlyName ||
				got.Attributes != u.Attributes || got.RoleSID != u.RoleSID || got.AccountSID != u.AccountSID ||
				got.ServiceSID != u.ServiceSID || got.DateCreated != u.DateCreated || got.DateUpdated != u.DateUpdated {
				t.Errorf("%s fetches\n%+v\n%s created\n%+v", to.name, got, from.name, u)
			}
			if want := to.prefix + "/" + string(u.SID.Value); got.URL.Value != want {
				t.Errorf("%s url = %q, want %q", to.name, got.URL.Value, want)
			}
			for k, l := range got.Links {
				if !strings.HasPrefix(l, to.prefix+"/") {
					t.Errorf("%s link %s = %q, not under %s", to.name, k, l, to.prefix)
				}
			}
		}
		// The identity is taken in both.
		_, err = to.c.Create(ctx, service1, createParams{Identity: id})
		wantError(t, err, http.StatusConflict, twilio.CodeUserExists)
	}

	// An update through one is seen through the other.
	if _, err := conv.Update(ctx, service1, "made-by-chatv2", updateParams{FriendlyName: twilio.Some("renamed")}); err != nil {
		t.Fatal(err)
	}
	if got, err := v2.Fetch(ctx, service1, "made-by-chatv2"); err != nil || got.FriendlyName.Value != "renamed" {
		t.Fatalf("chatv2 after a conversations update: %+v, %v", got, err)
	}

	// Lists through either see both, in creation order, across pages.
	want := []string{"made-by-chatv2", "made-by-conversationsv1"}
	for _, s := range sides {
		if got := collect(t, s.c.All(ctx, service1, listParams{PageSize: twilio.Some[int64](1)}, 0)); !slices.Equal(got, want) {
			t.Errorf("%s lists %v, want %v", s.name, got, want)
		}
	}

	// A delete through one removes the user from both.
	if err := v2.Delete(ctx, service1, "made-by-conversationsv1"); err != nil {
		t.Fatal(err)
	}
	_, err := conv.Fetch(ctx, service1, "made-by-conversationsv1")
	wantError(t, err, http.StatusNotFound, twilio.CodeNotFound)

	// Another service stays apart.
	if ids := collect(t, conv.All(ctx, service2, listParams{}, 0)); len(ids) != 0 {
		t.Errorf("service 2 lists %v", ids)
	}
}
