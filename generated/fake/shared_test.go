package fake

import (
	"context"
	"net/http"
	"regexp"
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
		if got := collect(t, s.c.All(ctx, service1, listParams{PageSize: twilio.Some(1)}, 0)); !slices.Equal(got, want) {
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

// TestDefaultRole checks that a user created without RoleSid gets its
// service's default role: RL and 32 hex digits, derived from the account and
// service alone, so the same in every API and every Store, and different for
// another service or account.
func TestDefaultRole(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	role := DefaultRoleSID(account1, service1)
	if !rolePattern.MatchString(string(role)) {
		t.Fatalf("DefaultRoleSID = %q, want RL and 32 lower-case hex digits", role)
	}
	if DefaultRoleSID("AC"+twilio.AccountSID(strings.ToUpper(string(account1[2:]))), service1) != role {
		t.Error("the default role depends on the case of the account SID")
	}
	others := map[twilio.RoleSID]string{role: "account 1, service 1"}
	for name, r := range map[string]twilio.RoleSID{
		"account 1, service 2": DefaultRoleSID(account1, service2),
		"account 2, service 1": DefaultRoleSID(account2, service1),
		"account 2, service 2": DefaultRoleSID(account2, service2),
	} {
		if prev, dup := others[r]; dup {
			t.Errorf("%s has the default role of %s: %s", name, prev, r)
		}
		others[r] = name
	}
	for _, a := range apis {
		c := a.connect(t, a.base(e), account1, token)
		u, err := c.Create(ctx, service1, createParams{Identity: "role-" + a.name})
		if err != nil {
			t.Fatal(err)
		}
		if u.RoleSID != twilio.NullOf(role) {
			t.Errorf("%s: role_sid = %v, want %s", a.name, u.RoleSID, role)
		}
		got, err := c.Fetch(ctx, service1, twilio.UserRefOf(u.SID.Value))
		if err != nil || got.RoleSID != twilio.NullOf(role) {
			t.Errorf("%s: fetched role_sid = %v, %v", a.name, got.RoleSID, err)
		}
		// Another service of the same account: its own default role.
		u2, err := c.Create(ctx, service2, createParams{Identity: "role-" + a.name})
		if err != nil || u2.RoleSID != twilio.NullOf(DefaultRoleSID(account1, service2)) {
			t.Errorf("%s: service 2 role_sid = %v, %v", a.name, u2.RoleSID, err)
		}
		// An explicit RoleSid wins.
		u3, err := c.Create(ctx, service1, createParams{Identity: "explicit-" + a.name, RoleSID: twilio.Some(role1)})
		if err != nil || u3.RoleSID != twilio.NullOf(role1) {
			t.Errorf("%s: explicit role_sid = %v, %v", a.name, u3.RoleSID, err)
		}
	}
	// Another Store (another process) derives the same role.
	st := NewStore()
	v, err := st.createUser(ContextWithAccount(ctx, account1), chatV2API, service1, createInput{identity: "x"})
	if err != nil || v.roleSID != twilio.NullOf(role) {
		t.Errorf("a new store's role_sid = %v, %v; want %s", v.roleSID, err, role)
	}
}

var rolePattern = regexp.MustCompile(`^RL[0-9a-f]{32}$`)
