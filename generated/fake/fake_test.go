package fake

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/twilio"
)

var userSIDPattern = regexp.MustCompile(`^US[0-9a-f]{32}$`)

// linkPaths is the path below a user's URL of each links key.
var linkPaths = map[string]string{
	"user_channels":      "/Channels",
	"user_bindings":      "/Bindings",
	"user_conversations": "/Conversations",
}

// at returns the test clock's n-th time (from 0) as the store records it.
func at(n int) twilio.Null[twilio.Time] {
	return twilio.NullOf(twilio.Time{Time: clockStart.Add(time.Duration(n) * time.Second).Truncate(time.Second)})
}

// wantError checks that err is a *twilio.Error with the given status and
// code, and returns it.
func wantError(t *testing.T, err error, status, code int) *twilio.Error {
	t.Helper()
	var terr *twilio.Error
	if !errors.As(err, &terr) {
		t.Fatalf("error = %v (%T), want a *twilio.Error %d/%d", err, err, status, code)
	}
	if terr.Status != status || terr.Code != code {
		t.Fatalf("error = %v, want status %d code %d", terr, status, code)
	}
	return terr
}

// collect drains seq, failing the test on an error.
func collect(t *testing.T, seq iter.Seq2[user, error]) []string {
	t.Helper()
	var ids []string
	for u, err := range seq {
		if err != nil {
			t.Fatalf("iterating: %v", err)
		}
		ids = append(ids, u.Identity.Value)
	}
	return ids
}

// rawPage is a list page decoded without a generated type.
type rawPage struct {
	Users []struct {
		Identity   string             `json:"identity"`
		Attributes *twilio.JSONString `json:"attributes"`
	} `json:"users"`
	Meta twilio.PageMeta `json:"meta"`
}

func (p rawPage) identities() []string {
	ids := []string{}
	for _, u := range p.Users {
		ids = append(ids, u.Identity)
	}
	return ids
}

// getPage fetches a list page by URL, as the meta gives it.
func getPage(t *testing.T, pageURL string) rawPage {
	t.Helper()
	resp := rawRequest(t, http.MethodGet, pageURL, "", "", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", pageURL, resp.StatusCode)
	}
	var p rawPage
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		t.Fatal(err)
	}
	return p
}

// storeEmpty reports whether the store holds no user at all.
func storeEmpty(st *Store) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.spaces) == 0
}

func TestCRUD(t *testing.T) {
	forEachAPI(t, func(t *testing.T, a api, e *env, c client) {
		ctx := context.Background()
		usersURL := a.base(e) + a.prefix + string(service1) + "/Users"

		u, err := c.Create(ctx, service1, createParams{
			Identity:     "alice@example.com",
			FriendlyName: twilio.Some("Alice"),
			Attributes:   twilio.Some(twilio.JSONString(`{"team":"a"}`)),
		})
		if err != nil {
			t.Fatal(err)
		}
		sid := u.SID.Value
		if !u.SID.Valid || !userSIDPattern.MatchString(string(sid)) {
			t.Fatalf("sid = %v, want US and 32 lower-case hex digits", u.SID)
		}
		userURL := usersURL + "/" + string(sid)
		wantLinks := map[string]string{}
		for _, k := range a.links {
			wantLinks[k] = userURL + linkPaths[k]
		}
		joined := 0
		if a.name == "conversationsv1" {
			joined = -1
		}
		want := user{
			SID:                 twilio.NullOf(sid),
			AccountSID:          twilio.NullOf(account1),
			ServiceSID:          twilio.NullOf(service1),
			Attributes:          twilio.NullOf(twilio.JSONString(`{"team":"a"}`)),
			FriendlyName:        twilio.NullOf("Alice"),
			RoleSID:             twilio.NullOf(DefaultRoleSID(account1, service1)),
			Identity:            twilio.NullOf("alice@example.com"),
			DateCreated:         at(0),
			DateUpdated:         at(0),
			JoinedChannelsCount: joined,
			Links:               wantLinks,
			URL:                 twilio.NullOf(userURL),
		}
		if !equalUser(u, want) {
			t.Fatalf("created\n%+v\nwant\n%+v", u, want)
		}

		// Defaults: attributes {}, friendly_name null, the service's
		// default role.
		bob, err := c.Create(ctx, service1, createParams{Identity: "bob"})
		if err != nil {
			t.Fatal(err)
		}
		if bob.Attributes != twilio.NullOf(twilio.JSONString("{}")) || bob.FriendlyName.Valid ||
			bob.RoleSID != twilio.NullOf(DefaultRoleSID(account1, service1)) ||
			bob.DateCreated != at(1) || bob.SID == u.SID {
			t.Fatalf("bob = %+v", bob)
		}

		// Fetch by SID, by identity and by the SID in upper case.
		for _, ref := range []twilio.UserRef{
			twilio.UserRefOf(sid),
			twilio.UserRefIdentity("alice@example.com"),
			twilio.UserRef("US" + strings.ToUpper(string(sid[2:]))),
		} {
			got, err := c.Fetch(ctx, service1, ref)
			if err != nil {
				t.Fatalf("fetch %s: %v", ref, err)
			}
			if !equalUser(got, want) {
				t.Fatalf("fetch %s =\n%+v\nwant\n%+v", ref, got, want)
			}
		}

		// Update: clear the name, set the role, leave the attributes.
		got, err := c.Update(ctx, service1, twilio.UserRefIdentity("alice@example.com"), updateParams{
			FriendlyName: twilio.Some(""),
			RoleSID:      twilio.Some(role1),
		})
		if err != nil {
			t.Fatal(err)
		}
		want.FriendlyName = twilio.NullOf("")
		want.RoleSID = twilio.NullOf(role1)
		want.DateUpdated = at(2)
		if !equalUser(got, want) {
			t.Fatalf("updated\n%+v\nwant\n%+v", got, want)
		}

		// An update that sends nothing changes only date_updated.
		got, err = c.Update(ctx, service1, twilio.UserRefOf(sid), updateParams{})
		if err != nil {
			t.Fatal(err)
		}
		want.DateUpdated = at(3)
		if !equalUser(got, want) {
			t.Fatalf("empty update\n%+v\nwant\n%+v", got, want)
		}

		// Attributes alone; the cleared name and the role stay.
		got, err = c.Update(ctx, service1, twilio.UserRefOf(sid), updateParams{
			Attributes: twilio.Some(twilio.JSONString(`{"b":[true]}`)),
		})
		if err != nil {
			t.Fatal(err)
		}
		want.Attributes = twilio.NullOf(twilio.JSONString(`{"b":[true]}`))
		want.DateUpdated = at(4)
		if !equalUser(got, want) {
			t.Fatalf("attributes update\n%+v\nwant\n%+v", got, want)
		}
		if got, err := c.Fetch(ctx, service1, twilio.UserRefOf(sid)); err != nil || !equalUser(got, want) {
			t.Fatalf("fetch after update = %+v, %v; want %+v", got, err, want)
		}

		// Delete by identity; then the user is gone and the identity free.
		if err := c.Delete(ctx, service1, twilio.UserRefIdentity("alice@example.com")); err != nil {
			t.Fatal(err)
		}
		_, err = c.Fetch(ctx, service1, twilio.UserRefOf(sid))
		terr := wantError(t, err, http.StatusNotFound, twilio.CodeNotFound)
		wantMsg := "The requested resource " + a.prefix + string(service1) + "/Users/" + string(sid) + " was not found"
		if terr.Message != wantMsg {
			t.Errorf("message = %q, want %q", terr.Message, wantMsg)
		}
		wantError(t, c.Delete(ctx, service1, twilio.UserRefOf(sid)), http.StatusNotFound, twilio.CodeNotFound)
		p, err := c.List(ctx, service1, listParams{})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Users) != 1 || p.Users[0].Identity.Value != "bob" {
			t.Fatalf("list after delete = %+v", p.Users)
		}
		again, err := c.Create(ctx, service1, createParams{Identity: "alice@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		if again.SID == u.SID {
			t.Fatal("a re-created user got the old SID")
		}
	})
}

// equalUser compares users, links included.
func equalUser(a, b user) bool {
	return maps.Equal(a.Links, b.Links) && a.SID == b.SID && a.AccountSID == b.AccountSID &&
		a.ServiceSID == b.ServiceSID && a.Attributes == b.Attributes && a.FriendlyName == b.FriendlyName &&
		a.RoleSID == b.RoleSID && a.Identity == b.Identity && a.IsOnline == b.IsOnline &&
		a.IsNotifiable == b.IsNotifiable && a.DateCreated.Valid == b.DateCreated.Valid &&
		a.DateCreated.Value.Equal(b.DateCreated.Value.Time) && a.DateUpdated.Valid == b.DateUpdated.Valid &&
		a.DateUpdated.Value.Equal(b.DateUpdated.Value.Time) && a.JoinedChannelsCount == b.JoinedChannelsCount &&
		a.URL == b.URL
}

func TestPaging(t *testing.T) {
	forEachAPI(t, func(t *testing.T, a api, e *env, c client) {
		ctx := context.Background()
		usersURL := a.base(e) + a.prefix + string(service1) + "/Users"
		var all []string
		for i := range 7 {
			id := fmt.Sprintf("user-%d", i)
			if _, err := c.Create(ctx, service1, createParams{Identity: id}); err != nil {
				t.Fatal(err)
			}
			all = append(all, id)
		}

		// The iterator follows next_page_url across 3 pages, in order.
		if got := collect(t, c.All(ctx, service1, listParams{PageSize: twilio.Some(3)}, 0)); !slices.Equal(got, all) {
			t.Fatalf("ListUsersAll = %v, want %v", got, all)
		}
		if got := collect(t, c.All(ctx, service1, listParams{PageSize: twilio.Some(3)}, 5)); !slices.Equal(got, all[:5]) {
			t.Fatalf("ListUsersAll limit 5 = %v, want %v", got, all[:5])
		}
		if got := collect(t, c.All(ctx, service1, listParams{}, 2)); !slices.Equal(got, all[:2]) {
			t.Fatalf("ListUsersAll limit 2 = %v, want %v", got, all[:2])
		}
		if got := collect(t, c.All(ctx, service1, listParams{}, 0)); !slices.Equal(got, all) {
			t.Fatalf("ListUsersAll default page size = %v, want %v", got, all)
		}

		// Page 0 and its meta.
		p0, err := c.List(ctx, service1, listParams{PageSize: twilio.Some(3)})
		if err != nil {
			t.Fatal(err)
		}
		first := usersURL + "?Page=0&PageSize=3"
		m := p0.Meta
		if len(p0.Users) != 3 || m.Page != 0 || m.PageSize != 3 || m.Key != "users" || m.URL != first ||
			m.FirstPageURL != first || m.PreviousPageURL.Valid || !m.HasNext() ||
			!strings.HasPrefix(m.NextPageURL.Value, usersURL+"?Page=1&PageSize=3&PageToken=") {
			t.Fatalf("page 0 meta = %+v", m)
		}
		for _, u := range p0.Users {
			if u.IsOnline.Valid || u.IsNotifiable.Valid {
				t.Errorf("list item %s: is_online %v, is_notifiable %v; want null", u.Identity.Value, u.IsOnline, u.IsNotifiable)
			}
			if u.Attributes.Valid != a.listAttrs {
				t.Errorf("list item attributes = %v, want present: %v", u.Attributes, a.listAttrs)
			}
		}

		// Pages 1 and 2 by the meta's URLs, and back.
		p1 := getPage(t, m.NextPageURL.Value)
		if !slices.Equal(p1.identities(), all[3:6]) || p1.Meta.Page != 1 || p1.Meta.URL != m.NextPageURL.Value ||
			p1.Meta.FirstPageURL != first || !p1.Meta.PreviousPageURL.Valid || !p1.Meta.HasNext() {
			t.Fatalf("page 1 = %v %+v", p1.identities(), p1.Meta)
		}
		p2 := getPage(t, p1.Meta.NextPageURL.Value)
		if !slices.Equal(p2.identities(), all[6:]) || p2.Meta.Page != 2 || p2.Meta.NextPageURL.Valid ||
			!p2.Meta.PreviousPageURL.Valid {
			t.Fatalf("page 2 = %v %+v", p2.identities(), p2.Meta)
		}
		back1 := getPage(t, p2.Meta.PreviousPageURL.Value)
		if !slices.Equal(back1.identities(), all[3:6]) || back1.Meta.Page != 1 {
			t.Fatalf("previous of page 2 = %v %+v", back1.identities(), back1.Meta)
		}
		back0 := getPage(t, back1.Meta.PreviousPageURL.Value)
		if !slices.Equal(back0.identities(), all[:3]) || back0.Meta.Page != 0 || back0.Meta.PreviousPageURL.Valid {
			t.Fatalf("previous of page 1 = %v %+v", back0.identities(), back0.Meta)
		}

		// Page by offset, without a token; past the end; exactly full.
		p, err := c.List(ctx, service1, listParams{PageSize: twilio.Some(3), Page: twilio.Some(2)})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Users) != 1 || p.Users[0].Identity.Value != "user-6" || p.Meta.HasNext() || !p.Meta.PreviousPageURL.Valid {
			t.Fatalf("Page=2 = %+v", p)
		}
		p, err = c.List(ctx, service1, listParams{PageSize: twilio.Some(3), Page: twilio.Some(9)})
		if err != nil || len(p.Users) != 0 || p.Meta.HasNext() {
			t.Fatalf("Page=9 = %+v, %v", p, err)
		}
		if len(collect(t, c.All(ctx, service1, listParams{PageSize: twilio.Some(3), Page: twilio.Some(9)}, 0))) != 0 {
			t.Fatal("ListUsersAll from past the end is not empty")
		}
		p, err = c.List(ctx, service1, listParams{PageSize: twilio.Some(7)})
		if err != nil || len(p.Users) != 7 || p.Meta.HasNext() {
			t.Fatalf("PageSize=7 = %d users, next %v, %v", len(p.Users), p.Meta.NextPageURL, err)
		}

		// Tokens this server did not issue.
		for _, tok := range []string{"nope!", "bm9wZQ", "YWZ0ZXI6LTE", "YWZ0ZXI6MDE"} { // !, "nope", "after:-1", "after:01"
			_, err := c.List(ctx, service1, listParams{PageToken: twilio.Some(tok)})
			terr := wantError(t, err, http.StatusBadRequest, twilio.CodeInvalidParameter)
			if !strings.Contains(terr.Message, "PageToken") {
				t.Errorf("token %q: message %q does not name PageToken", tok, terr.Message)
			}
		}

		// Deleting between pages neither skips nor repeats a user.
		if err := c.Delete(ctx, service1, twilio.UserRefIdentity("user-3")); err != nil {
			t.Fatal(err)
		}
		if err := c.Delete(ctx, service1, twilio.UserRefIdentity("user-2")); err != nil {
			t.Fatal(err)
		}
		if got := getPage(t, m.NextPageURL.Value).identities(); !slices.Equal(got, all[4:7]) {
			t.Fatalf("page 1 after deletes = %v, want %v", got, all[4:7])
		}
	})
}

func TestDuplicateIdentity(t *testing.T) {
	forEachAPI(t, func(t *testing.T, a api, e *env, c client) {
		ctx := context.Background()
		if _, err := c.Create(ctx, service1, createParams{Identity: "dup"}); err != nil {
			t.Fatal(err)
		}
		_, err := c.Create(ctx, service1, createParams{Identity: "dup", FriendlyName: twilio.Some("x")})
		terr := wantError(t, err, http.StatusConflict, twilio.CodeUserExists)
		if terr.Message != "User with identity dup already exists" || terr.MoreInfo != "https://www.twilio.com/docs/errors/50201" {
			t.Errorf("409 = %+v", terr)
		}
		// Identities are case-sensitive.
		if _, err := c.Create(ctx, service1, createParams{Identity: "DUP"}); err != nil {
			t.Fatalf("create DUP: %v", err)
		}
		u, err := c.Fetch(ctx, service1, twilio.UserRefIdentity("dup"))
		if err != nil || u.FriendlyName.Valid {
			t.Fatalf("the failed create changed the user: %+v, %v", u, err)
		}
	})
}

func TestNotFound(t *testing.T) {
	forEachAPI(t, func(t *testing.T, a api, e *env, c client) {
		ctx := context.Background()
		if _, err := c.Create(ctx, service1, createParams{Identity: "present"}); err != nil {
			t.Fatal(err)
		}
		for _, ref := range []twilio.UserRef{"USffffffffffffffffffffffffffffffff", "nobody", "alice+1@example.com"} {
			wantMsg := "The requested resource " + a.prefix + string(service1) + "/Users/" + string(ref) + " was not found"
			_, err := c.Fetch(ctx, service1, ref)
			if terr := wantError(t, err, http.StatusNotFound, twilio.CodeNotFound); terr.Message != wantMsg {
				t.Errorf("fetch message = %q, want %q", terr.Message, wantMsg)
			}
			_, err = c.Update(ctx, service1, ref, updateParams{FriendlyName: twilio.Some("x")})
			if terr := wantError(t, err, http.StatusNotFound, twilio.CodeNotFound); terr.Message != wantMsg {
				t.Errorf("update message = %q, want %q", terr.Message, wantMsg)
			}
			err = c.Delete(ctx, service1, ref)
			if terr := wantError(t, err, http.StatusNotFound, twilio.CodeNotFound); terr.Message != wantMsg {
				t.Errorf("delete message = %q, want %q", terr.Message, wantMsg)
			}
		}
	})
}

func TestIdentityForms(t *testing.T) {
	forEachAPI(t, func(t *testing.T, a api, e *env, c client) {
		ctx := context.Background()
		other, err := c.Create(ctx, service1, createParams{Identity: "other"})
		if err != nil {
			t.Fatal(err)
		}
		sidLike := "US0123456789abcdef0123456789abcdef"
		for _, id := range []string{"alice+1@example.com", "team/a b", "ünïcødé ✓", "100%", "a?b#c", sidLike} {
			u, err := c.Create(ctx, service1, createParams{Identity: id})
			if err != nil {
				t.Fatalf("create %q: %v", id, err)
			}
			got, err := c.Fetch(ctx, service1, twilio.UserRefIdentity(id))
			if err != nil || got.SID != u.SID || got.Identity.Value != id {
				t.Fatalf("fetch %q = %+v, %v", id, got, err)
			}
			if _, err := c.Update(ctx, service1, twilio.UserRefIdentity(id), updateParams{FriendlyName: twilio.Some("n")}); err != nil {
				t.Fatalf("update %q: %v", id, err)
			}
			if err := c.Delete(ctx, service1, twilio.UserRefIdentity(id)); err != nil {
				t.Fatalf("delete %q: %v", id, err)
			}
		}
		// A reference that is some user's SID names that user, even when
		// another user's identity is the same string.
		if _, err := c.Create(ctx, service1, createParams{Identity: string(other.SID.Value)}); err != nil {
			t.Fatal(err)
		}
		got, err := c.Fetch(ctx, service1, twilio.UserRefOf(other.SID.Value))
		if err != nil || got.Identity.Value != "other" {
			t.Fatalf("fetch by SID = %+v, %v; want the user with identity other", got, err)
		}
	})
}

func TestAuth(t *testing.T) {
	forEachAPI(t, func(t *testing.T, a api, e *env, c client) {
		ctx := context.Background()
		for name, bad := range map[string]client{
			"wrong token":       a.connect(t, a.base(e), account1, "wrong"),
			"empty token":       a.connect(t, a.base(e), account1, ""),
			"not an account":    a.connect(t, a.base(e), "alice", token),
			"API key user name": a.connect(t, a.base(e), "SK0123456789abcdef0123456789abcdef", token),
		} {
			_, err := bad.Create(ctx, service1, createParams{Identity: "x"})
			if terr := wantError(t, err, http.StatusUnauthorized, twilio.CodeUnauthorized); terr.Message != "Authenticate" {
				t.Errorf("%s: message %q", name, terr.Message)
			}
			_, err = bad.List(ctx, service1, listParams{})
			wantError(t, err, http.StatusUnauthorized, twilio.CodeUnauthorized)
		}
		// No credentials at all, on a known and an unknown path.
		for _, path := range []string{a.prefix + string(service1) + "/Users", "/nowhere"} {
			req, err := http.NewRequest(http.MethodGet, a.base(e)+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("GET %s without auth: %d, WWW-Authenticate %q", path, resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
			}
		}
		if !storeEmpty(e.st) {
			t.Fatal("an unauthenticated create stored a user")
		}
		// The upper-case form of an account SID is the same account.
		upper := a.connect(t, a.base(e), twilio.AccountSID("AC"+strings.ToUpper(string(account1[2:]))), token)
		u, err := upper.Create(ctx, service1, createParams{Identity: "x"})
		if err != nil || u.AccountSID.Value != account1 {
			t.Fatalf("create with upper-case account = %+v, %v", u, err)
		}
		if _, err := c.Fetch(ctx, service1, twilio.UserRefIdentity("x")); err != nil {
			t.Fatal(err)
		}
	})
}

func TestAccountIsolation(t *testing.T) {
	forEachAPI(t, func(t *testing.T, a api, e *env, c1 client) {
		ctx := context.Background()
		c2 := a.connect(t, a.base(e), account2, token)
		alice, err := c1.Create(ctx, service1, createParams{Identity: "alice", FriendlyName: twilio.Some("one")})
		if err != nil {
			t.Fatal(err)
		}
		for _, ref := range []twilio.UserRef{twilio.UserRefOf(alice.SID.Value), twilio.UserRefIdentity("alice")} {
			_, err := c2.Fetch(ctx, service1, ref)
			wantError(t, err, http.StatusNotFound, twilio.CodeNotFound)
			_, err = c2.Update(ctx, service1, ref, updateParams{FriendlyName: twilio.Some("two")})
			wantError(t, err, http.StatusNotFound, twilio.CodeNotFound)
			wantError(t, c2.Delete(ctx, service1, ref), http.StatusNotFound, twilio.CodeNotFound)
		}
		if ids := collect(t, c2.All(ctx, service1, listParams{}, 0)); len(ids) != 0 {
			t.Fatalf("account 2 lists %v", ids)
		}
		// Account 2 may use the same identity.
		alice2, err := c2.Create(ctx, service1, createParams{Identity: "alice"})
		if err != nil {
			t.Fatal(err)
		}
		if alice2.AccountSID.Value != account2 || alice2.SID == alice.SID {
			t.Fatalf("account 2's alice = %+v", alice2)
		}
		got, err := c1.Fetch(ctx, service1, twilio.UserRefIdentity("alice"))
		if err != nil || !equalUser(got, alice) {
			t.Fatalf("account 1's alice = %+v, %v; want unchanged %+v", got, err, alice)
		}
		if ids := collect(t, c1.All(ctx, service1, listParams{}, 0)); len(ids) != 1 {
			t.Fatalf("account 1 lists %v", ids)
		}
	})
}

func TestServiceIsolation(t *testing.T) {
	forEachAPI(t, func(t *testing.T, a api, e *env, c client) {
		ctx := context.Background()
		alice, err := c.Create(ctx, service1, createParams{Identity: "alice"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Fetch(ctx, service2, twilio.UserRefOf(alice.SID.Value))
		wantError(t, err, http.StatusNotFound, twilio.CodeNotFound)
		wantError(t, c.Delete(ctx, service2, twilio.UserRefIdentity("alice")), http.StatusNotFound, twilio.CodeNotFound)
		if ids := collect(t, c.All(ctx, service2, listParams{}, 0)); len(ids) != 0 {
			t.Fatalf("service 2 lists %v", ids)
		}
		other, err := c.Create(ctx, service2, createParams{Identity: "alice"})
		if err != nil {
			t.Fatal(err)
		}
		if other.ServiceSID.Value != service2 || !strings.Contains(other.URL.Value, string(service2)) {
			t.Fatalf("service 2's alice = %+v", other)
		}
		if err := c.Delete(ctx, service2, twilio.UserRefIdentity("alice")); err != nil {
			t.Fatal(err)
		}
		if got, err := c.Fetch(ctx, service1, twilio.UserRefIdentity("alice")); err != nil || got.SID != alice.SID {
			t.Fatalf("service 1's alice = %+v, %v", got, err)
		}
	})
}

// TestAPIIsolation checks that Chat v1 keeps its users apart from Chat v2
// and Conversations v1, which share theirs (see
// TestChatV2ConversationsShare).
func TestAPIIsolation(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	clients := make([]client, len(apis))
	for i, a := range apis {
		clients[i] = a.connect(t, a.base(e), account1, token)
	}
	apart := func(i, j int) bool { return i != j && (apis[i].name == "chatv1" || apis[j].name == "chatv1") }
	for i, a := range apis {
		u, err := clients[i].Create(ctx, service1, createParams{Identity: "shared-" + a.name})
		if err != nil {
			t.Fatal(err)
		}
		for j, b := range apis {
			if !apart(i, j) {
				continue
			}
			for _, ref := range []twilio.UserRef{twilio.UserRefOf(u.SID.Value), twilio.UserRefIdentity("shared-" + a.name)} {
				if _, err := clients[j].Fetch(ctx, service1, ref); err == nil {
					t.Errorf("%s sees %s's user %s", b.name, a.name, ref)
				} else {
					wantError(t, err, http.StatusNotFound, twilio.CodeNotFound)
				}
			}
		}
	}
	// Chat v1 and Chat v2 may use the same identity; each lists only its
	// own, and Conversations lists Chat v2's.
	for i, a := range apis[:2] {
		if _, err := clients[i].Create(ctx, service1, createParams{Identity: "same"}); err != nil {
			t.Fatalf("%s: %v", a.name, err)
		}
	}
	for i, want := range [][]string{
		{"shared-chatv1", "same"},
		{"shared-chatv2", "shared-conversationsv1", "same"},
		{"shared-chatv2", "shared-conversationsv1", "same"},
	} {
		if ids := collect(t, clients[i].All(ctx, service1, listParams{}, 0)); !slices.Equal(ids, want) {
			t.Errorf("%s lists %v, want %v", apis[i].name, ids, want)
		}
	}
	if err := clients[0].Delete(ctx, service1, twilio.UserRefIdentity("same")); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(apis); i++ {
		if _, err := clients[i].Fetch(ctx, service1, twilio.UserRefIdentity("same")); err != nil {
			t.Errorf("%s lost its user when chatv1 deleted its own: %v", apis[i].name, err)
		}
	}
}

// TestServerValidation sends raw requests that the generated clients would
// refuse to send, to check the server's own validation, and that nothing
// was stored after each.
func TestServerValidation(t *testing.T) {
	const form = "application/x-www-form-urlencoded"
	forEachAPI(t, func(t *testing.T, a api, e *env, c client) {
		users := a.base(e) + a.prefix + string(service1) + "/Users"
		badService := a.base(e) + a.prefix + "IS123/Users"
		type tc struct {
			name        string
			method, url string
			contentType string
			body        string
			status      int
			code        int
			param       string // named in the message, when not ""
			header      http.Header
		}
		cases := []tc{
			{"bad service SID create", "POST", badService, form, "Identity=x", 400, 20001, a.serviceName, nil},
			{"bad service SID list", "GET", badService, "", "", 400, 20001, a.serviceName, nil},
			{"bad service SID fetch", "GET", badService + "/x", "", "", 400, 20001, a.serviceName, nil},
			{"PageSize 0", "GET", users + "?PageSize=0", "", "", 400, 20001, "PageSize", nil},
			{"PageSize over max", "GET", users + "?PageSize=" + strconv.Itoa(a.maxPageSize+1), "", "", 400, 20001, "PageSize", nil},
			{"PageSize not a number", "GET", users + "?PageSize=ten", "", "", 400, 20001, "PageSize", nil},
			{"Page negative", "GET", users + "?Page=-1", "", "", 400, 20001, "Page", nil},
			{"PageToken foreign", "GET", users + "?PageToken=PA123", "", "", 400, 20001, "PageToken", nil},
			{"PageSize twice", "GET", users + "?PageSize=2&PageSize=3", "", "", 400, 20001, "PageSize", nil},
			{"missing Identity", "POST", users, form, "FriendlyName=x", 400, 20001, "Identity", nil},
			{"empty Identity", "POST", users, form, "Identity=", 400, 20001, "Identity", nil},
			{"empty body", "POST", users, "", "", 400, 20001, "Identity", nil},
			{"Attributes not JSON", "POST", users, form, "Identity=x&Attributes=%7B", 400, 50304, "Attributes", nil},
			{"RoleSid malformed", "POST", users, form, "Identity=x&RoleSid=RL1", 400, 20001, "RoleSid", nil},
			{"Identity twice", "POST", users, form, "Identity=x&Identity=y", 400, 20001, "Identity", nil},
			{"bad form encoding", "POST", users, form, "Identity=%zz", 400, 20001, "", nil},
			{"JSON body", "POST", users, "application/json", `{"Identity":"x"}`, 415, twilio.CodeUnsupportedMediaType, "", nil},
			{"no content type", "POST", users, "", "Identity=x", 415, twilio.CodeUnsupportedMediaType, "", nil},
			{"body over 64 KiB", "POST", users, form, "Identity=x&FriendlyName=" + strings.Repeat("a", twilio.MaxFormBytes), 413, twilio.CodeBodyTooLarge, "", nil},
			{"update Attributes not JSON", "POST", users + "/x", form, "Attributes=%7B", 400, 50304, "Attributes", nil},
			{"update JSON body", "POST", users + "/x", "application/json", `{}`, 415, twilio.CodeUnsupportedMediaType, "", nil},
			{"control character in Sid", "GET", users + "/a%01b", "", "", 400, 20001, "Sid", nil},
			{"method not allowed", "PUT", users, form, "Identity=x", 405, 20004, "", nil},
			{"unknown path", "POST", users + "/x/Channels", form, "Identity=x", 404, 20404, "", nil},
		}
		if a.webhookHdr {
			hdr := http.Header{"X-Twilio-Webhook-Enabled": {"maybe"}}
			cases = append(cases,
				tc{"bad webhook header create", "POST", users, form, "Identity=x", 400, 20001, "X-Twilio-Webhook-Enabled", hdr},
				tc{"bad webhook header update", "POST", users + "/x", form, "FriendlyName=y", 400, 20001, "X-Twilio-Webhook-Enabled", hdr},
			)
		}
		if a.name == "conversationsv1" {
			cases = append(cases, tc{"bad webhook header delete", "DELETE", users + "/x", "", "",
				400, 20001, "X-Twilio-Webhook-Enabled", http.Header{"X-Twilio-Webhook-Enabled": {"TRUE"}}})
		}
		for _, tc := range cases {
			resp := rawRequest(t, tc.method, tc.url, tc.contentType, tc.body, tc.header)
			var body twilio.Error
			err := json.NewDecoder(resp.Body).Decode(&body)
			switch {
			case err != nil:
				t.Errorf("%s: body is not a Twilio error: %v", tc.name, err)
			case resp.StatusCode != tc.status || body.Status != tc.status || body.Code != tc.code:
				t.Errorf("%s: %d %+v, want status %d code %d", tc.name, resp.StatusCode, body, tc.status, tc.code)
			case !strings.Contains(body.Message, tc.param):
				t.Errorf("%s: message %q does not name %s", tc.name, body.Message, tc.param)
			case resp.Header.Get("Content-Type") != "application/json":
				t.Errorf("%s: Content-Type %q", tc.name, resp.Header.Get("Content-Type"))
			}
			p, err := c.List(context.Background(), service1, listParams{})
			if err != nil || len(p.Users) != 0 || !storeEmpty(e.st) {
				t.Fatalf("%s: after the request the list is %+v, %v (store empty: %v)", tc.name, p.Users, err, storeEmpty(e.st))
			}
		}
	})
}

func TestConcurrentCreate(t *testing.T) {
	forEachAPI(t, func(t *testing.T, a api, e *env, c client) {
		const n = 100
		var (
			wg        sync.WaitGroup
			mu        sync.Mutex
			ok, dup   int
			others    []error
			start     = make(chan struct{})
			ctx       = context.Background()
			createdBy = map[twilio.UserSID]bool{}
		)
		for range n {
			wg.Go(func() {
				<-start
				u, err := c.Create(ctx, service1, createParams{Identity: "race"})
				mu.Lock()
				defer mu.Unlock()
				var terr *twilio.Error
				switch {
				case err == nil:
					ok++
					createdBy[u.SID.Value] = true
				case errors.As(err, &terr) && terr.Status == http.StatusConflict && terr.Code == twilio.CodeUserExists:
					dup++
				default:
					others = append(others, err)
				}
			})
		}
		close(start)
		wg.Wait()
		if ok != 1 || dup != n-1 || len(others) != 0 {
			t.Fatalf("%d created, %d conflicts, other errors %v; want 1, %d, none", ok, dup, others, n-1)
		}
		ids := collect(t, c.All(ctx, service1, listParams{}, 0))
		if !slices.Equal(ids, []string{"race"}) {
			t.Fatalf("list = %v", ids)
		}
	})
}

// TestConcurrentMixed runs creates, updates, lists and deletes at once
// across APIs and accounts, for the race detector.
func TestConcurrentMixed(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	for _, a := range apis {
		for _, acct := range []twilio.AccountSID{account1, account2} {
			c := a.connect(t, a.base(e), acct, token)
			for w := range 4 {
				wg.Go(func() {
					for i := range 10 {
						id := fmt.Sprintf("%s-w%d-%d", a.name, w, i)
						if _, err := c.Create(ctx, service1, createParams{Identity: id}); err != nil {
							t.Error(err)
							return
						}
						if _, err := c.Update(ctx, service1, twilio.UserRefIdentity(id), updateParams{FriendlyName: twilio.Some("x")}); err != nil {
							t.Error(err)
						}
						for _, err := range c.All(ctx, service1, listParams{PageSize: twilio.Some(20)}, 0) {
							if err != nil {
								t.Error(err)
								break
							}
						}
						if i%2 == 0 {
							if err := c.Delete(ctx, service1, twilio.UserRefIdentity(id)); err != nil {
								t.Error(err)
							}
						}
					}
				})
			}
		}
	}
	wg.Wait()
	for _, a := range apis {
		c := a.connect(t, a.base(e), account2, token)
		want := 20
		if a.name != "chatv1" {
			want = 40 // Chat v2 and Conversations share the service's users
		}
		if n := len(collect(t, c.All(ctx, service1, listParams{}, 0))); n != want {
			t.Errorf("%s: %d users left, want %d", a.name, n, want)
		}
	}
}

func TestTLSAndRouting(t *testing.T) {
	srv := httptest.NewUnstartedServer(nil)
	defer srv.Close()
	chat, conv, err := NewHandlers(Config{AuthToken: token, ChatBaseURL: "https://" + srv.Listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = chat
	srv.StartTLS()
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithCredentials(string(account1), token),
		chatv2.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := range 3 {
		if _, err := c.CreateUser(ctx, service1, chatv2.CreateUserParams{Identity: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	u, err := c.FetchUser(ctx, service1, "0")
	if err != nil {
		t.Fatal(err)
	}
	if want := srv.URL + "/v2/Services/" + string(service1) + "/Users/" + string(u.SID.Value); !strings.HasPrefix(srv.URL, "https://") || u.URL.Value != want {
		t.Fatalf("url = %q, want %q", u.URL.Value, want)
	}
	n := 0
	for _, err := range c.ListUsersAll(ctx, service1, chatv2.ListUsersParams{PageSize: chatv2.Some(1)}, 0) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 3 {
		t.Fatalf("listed %d users over TLS, want 3", n)
	}

	// Paths outside /v1/ and /v2/ get chat v2's Twilio 404; the
	// conversations handler does not serve chat.
	for _, tc := range []struct {
		h    http.Handler
		path string
	}{
		{chat, "/v3/Services/" + string(service1) + "/Users"},
		{chat, "/"},
		{conv, "/v2/Services/" + string(service1) + "/Users"},
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, tc.path, nil)
		req.SetBasicAuth(string(account1), token)
		tc.h.ServeHTTP(rec, req)
		var body twilio.Error
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != 404 || body.Code != twilio.CodeNotFound {
			t.Errorf("GET %s = %d %s", tc.path, rec.Code, rec.Body)
		}
	}
}

func TestAdapterDirect(t *testing.T) {
	st := NewStore(WithClock(testClock()))
	ctx := context.Background()
	s := NewChatV2(st)
	_, err := s.CreateUser(ctx, service1, chatv2.CreateUserParams{Identity: "a"})
	wantError(t, err, http.StatusUnauthorized, twilio.CodeUnauthorized)

	ctx = ContextWithAccount(ctx, account1)
	u, err := s.CreateUser(ctx, service1, chatv2.CreateUserParams{Identity: "a"})
	if err != nil {
		t.Fatal(err)
	}
	if want := chatv2.DefaultBaseURL + "/v2/Services/" + string(service1) + "/Users/" + string(u.SID.Value); u.URL.Value != want {
		t.Fatalf("url = %q, want %q", u.URL.Value, want)
	}
	// The adapters validate as the handlers do.
	_, err = s.CreateUser(ctx, service1, chatv2.CreateUserParams{})
	var perr *twilio.ParamError
	if !errors.As(err, &perr) || perr.Param != "Identity" {
		t.Fatalf("create without identity: %v", err)
	}
	if _, err := s.ListUsers(ctx, "IS1", chatv2.ListUsersParams{}); !errors.As(err, &perr) || perr.Param != "ServiceSid" {
		t.Fatalf("list with a bad service: %v", err)
	}
	conv := NewConversationsV1(st)
	cu, err := conv.CreateUser(ContextWithBase(ctx, "http://example.test/"), service1, conversationsv1.CreateUserParams{Identity: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "http://example.test/v1/Services/" + string(service1) + "/Users/" + string(cu.SID.Value); cu.URL.Value != want {
		t.Fatalf("url = %q, want %q", cu.URL.Value, want)
	}
	l, err := conv.ListUsers(ctx, service1, conversationsv1.ListUsersParams{})
	if err != nil || len(l.Users) != 2 || !strings.HasPrefix(l.Meta.URL, conversationsv1.DefaultBaseURL+"/v1/") {
		t.Fatalf("list = %+v, %v", l, err)
	}
	q, _ := url.Parse(l.Meta.URL)
	if q.Query().Get("PageSize") != "50" {
		t.Fatalf("default page size in %q is not 50", l.Meta.URL)
	}
}

func TestPageToken(t *testing.T) {
	st := NewStore()
	key := spaceKey{account: account1, family: familyChat, service: service1}
	for _, tok := range []pageToken{{seq: 0}, {seq: 1}, {before: true, seq: 42}, {seq: ^uint64(0)}} {
		s := st.encodeToken(key, apiChatV2, tok)
		got, ok := st.decodeToken(key, apiChatV2, s)
		if !ok || got != tok {
			t.Errorf("decodeToken(%q) = %+v, %v; want %+v", s, got, ok, tok)
		}
		// Bound to the account, the API and the service.
		for name, other := range map[string]spaceKey{
			"account": {account: account2, family: familyChat, service: service1},
			"service": {account: account1, family: familyChat, service: service2},
		} {
			if got, ok := st.decodeToken(other, apiChatV2, s); ok {
				t.Errorf("another %s decodes %q: %+v", name, s, got)
			}
		}
		if got, ok := st.decodeToken(key, apiConversationsV1, s); ok {
			t.Errorf("another API decodes %q: %+v", s, got)
		}
		// Another store (another process) does not accept it.
		if got, ok := NewStore().decodeToken(key, apiChatV2, s); ok {
			t.Errorf("another store decodes %q: %+v", s, got)
		}
		// Any edit is refused.
		raw, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		for i := range raw {
			edited := slices.Clone(raw)
			edited[i] ^= 1
			if got, ok := st.decodeToken(key, apiChatV2, base64.RawURLEncoding.EncodeToString(edited)); ok {
				t.Errorf("token %q with byte %d edited decodes: %+v", s, i, got)
			}
		}
		if got, ok := st.decodeToken(key, apiChatV2, s+"A"); ok {
			t.Errorf("token %q with a byte more decodes: %+v", s, got)
		}
	}
	for _, s := range []string{"", "=", "YWZ0ZXI6", "YWZ0ZXI6MQ==", "c2lkZXdheXM6MQ", "YWZ0ZXI6NDI0MjQy"} {
		if got, ok := st.decodeToken(key, apiChatV2, s); ok {
			t.Errorf("decodeToken(%q) = %+v, want invalid", s, got)
		}
	}
}

// TestPageTokenBinding checks over HTTP that a page token works only for
// the account, API and service that it came from, and that a forged one,
// such as the old base64 "after:424242", is refused.
func TestPageTokenBinding(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	v2 := apis[1].connect(t, e.chatURL, account1, token)
	for i := range 3 {
		if _, err := v2.Create(ctx, service1, createParams{Identity: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	p, err := v2.List(ctx, service1, listParams{PageSize: twilio.Some(1)})
	if err != nil {
		t.Fatal(err)
	}
	next, err := url.Parse(p.Meta.NextPageURL.Value)
	if err != nil {
		t.Fatal(err)
	}
	tok := next.Query().Get("PageToken")
	if _, err := v2.List(ctx, service1, listParams{PageSize: twilio.Some(1), PageToken: twilio.Some(tok)}); err != nil {
		t.Fatalf("the token's own list: %v", err)
	}
	conv := apis[2].connect(t, e.convURL, account1, token)
	for name, try := range map[string]func() error{
		"another account": func() error {
			_, err := apis[1].connect(t, e.chatURL, account2, token).List(ctx, service1, listParams{PageToken: twilio.Some(tok)})
			return err
		},
		"another service": func() error {
			_, err := v2.List(ctx, service2, listParams{PageToken: twilio.Some(tok)})
			return err
		},
		"another API on the same users": func() error {
			_, err := conv.List(ctx, service1, listParams{PageToken: twilio.Some(tok)})
			return err
		},
		"edited": func() error {
			_, err := v2.List(ctx, service1, listParams{PageToken: twilio.Some(tok[:len(tok)-1] + string("AB"[strings.IndexByte("AB", tok[len(tok)-1])+1&1]))})
			return err
		},
		"forged after:424242": func() error {
			_, err := v2.List(ctx, service1, listParams{PageToken: twilio.Some(base64.RawURLEncoding.EncodeToString([]byte("after:424242")))})
			return err
		},
	} {
		terr := wantError(t, try(), http.StatusBadRequest, twilio.CodeInvalidParameter)
		if !strings.Contains(terr.Message, "PageToken") {
			t.Errorf("%s: message %q does not name PageToken", name, terr.Message)
		}
	}
}

// TestPageTokenNoLeak checks that a page token says nothing of what other
// namespaces hold: with the same key, account 1's tokens are the same
// whether or not account 2 created a thousand users first.
func TestPageTokenNoLeak(t *testing.T) {
	tokens := func(others int) []string {
		st := NewStore()
		st.tokenKey = [32]byte{1, 2, 3}
		ctx1, ctx2 := ContextWithAccount(context.Background(), account1), ContextWithAccount(context.Background(), account2)
		for i := range others {
			if _, err := st.createUser(ctx2, chatV2API, service1, createInput{identity: fmt.Sprint(i)}); err != nil {
				t.Fatal(err)
			}
		}
		for i := range 3 {
			if _, err := st.createUser(ctx1, chatV2API, service1, createInput{identity: fmt.Sprint(i)}); err != nil {
				t.Fatal(err)
			}
		}
		_, meta, err := st.listUsers(ctx1, chatV2API, service1, listInput{pageSize: twilio.Some(1)})
		if err != nil {
			t.Fatal(err)
		}
		return []string{meta.NextPageURL.Value}
	}
	if a, b := tokens(0), tokens(1000); !slices.Equal(a, b) {
		t.Fatalf("account 1's next page is %v alone and %v after account 2's users", a, b)
	}
}

// TestDotIdentities: the identities "." and "..", path dot-segments that
// no URL can address, are refused at create (400 naming Identity, as the
// documents' x-identity-of says), by the client before sending and by the
// server for a raw request; a raw fetch of their escaped forms is a 400 too.
func TestDotIdentities(t *testing.T) {
	e := newEnv(t)
	c := apis[1].connect(t, e.chatURL, account1, token)
	ctx := context.Background()
	users := e.chatURL + "/v2/Services/" + string(service1) + "/Users"
	for id, escaped := range map[string]string{".": "%2E", "..": "%2E%2E"} {
		var perr *twilio.ParamError
		if _, err := c.Create(ctx, service1, createParams{Identity: id}); !errors.As(err, &perr) || perr.Param != "Identity" {
			t.Errorf("Create(%q) = %v; want a ParamError naming Identity", id, err)
		}
		for _, r := range []struct{ method, url, body string }{
			{http.MethodPost, users, "Identity=" + escaped},
			{http.MethodGet, users + "/" + escaped, ""},
		} {
			ctype := ""
			if r.body != "" {
				ctype = "application/x-www-form-urlencoded"
			}
			resp := rawRequest(t, r.method, r.url, ctype, r.body, nil)
			var got twilio.Error
			if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != 400 || got.Code != twilio.CodeInvalidParameter {
				t.Errorf("%s %s %s = %d %+v, %v; want 400 code %d", r.method, r.url, r.body, resp.StatusCode, got, err, twilio.CodeInvalidParameter)
			}
			resp.Body.Close()
		}
	}
	if !storeEmpty(e.st) {
		t.Fatal("a user was stored")
	}
}
