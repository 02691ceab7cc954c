package generated_test

// Tests of what the documents say about Attributes and Identity, end to end:
// the generated servers answer Twilio's codes, and the generated clients
// refuse the same values before sending anything.

import (
	"context"
	"encoding/json"
	"errors"
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

// usersAPI is one API's handler and client create, for the table tests.
type usersAPI struct {
	name    string
	users   string // the path of the Users collection of svcSID
	handler http.Handler
	// create calls the client's CreateUser against base.
	create func(t *testing.T, base, identity string, attrs twilio.Opt[twilio.JSONString]) error
	// update calls the client's UpdateUser of the user alice.
	update func(t *testing.T, base string, attrs twilio.Opt[twilio.JSONString]) error
}

var usersAPIs = []usersAPI{
	{
		name: "chatv1", users: "/v1/Services/" + string(svcSID) + "/Users",
		handler: chatv1.NewHandler(chatv1.UnimplementedServer{}),
		create: func(t *testing.T, base, identity string, attrs twilio.Opt[twilio.JSONString]) error {
			c := newTestClient(t, base, chatv1.NewClient)
			_, err := c.CreateUser(context.Background(), svcSID, chatv1.CreateUserParams{Identity: identity, Attributes: attrs})
			return err
		},
		update: func(t *testing.T, base string, attrs twilio.Opt[twilio.JSONString]) error {
			c := newTestClient(t, base, chatv1.NewClient)
			_, err := c.UpdateUser(context.Background(), svcSID, twilio.UserRefIdentity("alice"), chatv1.UpdateUserParams{Attributes: attrs})
			return err
		},
	},
	{
		name: "chatv2", users: "/v2/Services/" + string(svcSID) + "/Users",
		handler: chatv2.NewHandler(chatv2.UnimplementedServer{}),
		create: func(t *testing.T, base, identity string, attrs twilio.Opt[twilio.JSONString]) error {
			c := newTestClient(t, base, chatv2.NewClient)
			_, err := c.CreateUser(context.Background(), svcSID, chatv2.CreateUserParams{Identity: identity, Attributes: attrs})
			return err
		},
		update: func(t *testing.T, base string, attrs twilio.Opt[twilio.JSONString]) error {
			c := newTestClient(t, base, chatv2.NewClient)
			_, err := c.UpdateUser(context.Background(), svcSID, twilio.UserRefIdentity("alice"), chatv2.UpdateUserParams{Attributes: attrs})
			return err
		},
	},
	{
		name: "conversationsv1", users: "/v1/Services/" + string(svcSID) + "/Users",
		handler: conversationsv1.NewHandler(conversationsv1.UnimplementedServer{}),
		create: func(t *testing.T, base, identity string, attrs twilio.Opt[twilio.JSONString]) error {
			c := newTestClient(t, base, conversationsv1.NewClient)
			_, err := c.CreateUser(context.Background(), svcSID, conversationsv1.CreateUserParams{Identity: identity, Attributes: attrs})
			return err
		},
		update: func(t *testing.T, base string, attrs twilio.Opt[twilio.JSONString]) error {
			c := newTestClient(t, base, conversationsv1.NewClient)
			_, err := c.UpdateUser(context.Background(), svcSID, twilio.UserRefIdentity("alice"), conversationsv1.UpdateUserParams{Attributes: attrs})
			return err
		},
	},
}

// newTestClient makes a client of base without retries.
func newTestClient[C any](t *testing.T, base string, newClient func(...twilio.ClientOption) (*C, error)) *C {
	t.Helper()
	c, err := newClient(twilio.WithBaseURL(base), twilio.WithCredentials(accSID, authToken), twilio.WithRetry(twilio.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// postForm posts form to path of the handler's server and decodes the
// Twilio error it answers (a zero Error for a body that is not one).
func postForm(t *testing.T, srv *httptest.Server, path string, form url.Values) (int, twilio.Error) {
	t.Helper()
	resp, err := srv.Client().Post(srv.URL+path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e twilio.Error
	_ = json.NewDecoder(resp.Body).Decode(&e)
	return resp.StatusCode, e
}

// attributesCases are Attributes values and the Twilio code each is
// refused with; 0 is accepted.
var attributesCases = []struct {
	name  string
	attrs string
	code  int
}{
	{"not JSON", `{"a":`, 50304},
	{"empty", ``, 50304},
	{"16384 bytes", `"` + strings.Repeat("x", 16382) + `"`, 0},
	{"16385 bytes", `"` + strings.Repeat("x", 16383) + `"`, 50303},
	// 8193 characters but 16386 bytes: the limit counts bytes.
	{"16386 bytes in fewer characters", `"` + strings.Repeat("é", 8192) + `"`, 50303},
	// The size is checked first.
	{"too long and not JSON", strings.Repeat("{", 16385), 50303},
}

// TestAttributesCodes: a generated server refuses invalid Attributes with
// Twilio's codes 50304 (not JSON) and 50303 (over 16384 bytes), from the
// documents' x-twilio-error-codes, on create and update; a value it accepts
// reaches the implementation (here 501).
func TestAttributesCodes(t *testing.T) {
	for _, a := range usersAPIs {
		t.Run(a.name, func(t *testing.T) {
			srv := httptest.NewServer(a.handler)
			defer srv.Close()
			for _, tc := range attributesCases {
				for _, path := range []string{a.users, a.users + "/alice"} {
					form := url.Values{"Attributes": {tc.attrs}}
					if path == a.users {
						form.Set("Identity", "alice")
					}
					status, e := postForm(t, srv, path, form)
					if tc.code == 0 {
						if status != http.StatusNotImplemented {
							t.Errorf("%s: POST %s = %d %+v, want 501 from the implementation", tc.name, path, status, e)
						}
						continue
					}
					want := twilio.NewError(http.StatusBadRequest, tc.code, "")
					if status != http.StatusBadRequest || e.Status != 400 || e.Code != tc.code || e.MoreInfo != want.MoreInfo ||
						!strings.HasPrefix(e.Message, "Invalid parameter Attributes: ") {
						t.Errorf("%s: POST %s = %d %+v, want 400 code %d for Attributes, more_info %s", tc.name, path, status, e, tc.code, want.MoreInfo)
					}
				}
			}
			// Other parameters keep 20001.
			status, e := postForm(t, srv, a.users, url.Values{"Identity": {"alice"}, "RoleSid": {"nope"}})
			if status != 400 || e.Code != twilio.CodeInvalidParameter || !strings.Contains(e.Message, "RoleSid") {
				t.Errorf("bad RoleSid: %d %+v, want 400 code 20001", status, e)
			}
		})
	}
}

// TestAttributesCodesClient: the generated clients refuse the same values
// before sending, with a ParamError carrying the same code.
func TestAttributesCodesClient(t *testing.T) {
	for _, a := range usersAPIs {
		t.Run(a.name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
				w.WriteHeader(http.StatusNotFound)
			})
			for _, tc := range attributesCases {
				for op, call := range map[string]func() error{
					"create": func() error { return a.create(t, rec.URL, "alice", twilio.Some(twilio.JSONString(tc.attrs))) },
					"update": func() error { return a.update(t, rec.URL, twilio.Some(twilio.JSONString(tc.attrs))) },
				} {
					before := len(rec.requests())
					err := call()
					sent := len(rec.requests()) - before
					if tc.code == 0 {
						if sent != 1 {
							t.Errorf("%s %s: %d requests sent, want 1 (err %v)", op, tc.name, sent, err)
						}
						continue
					}
					var pe *twilio.ParamError
					if !errors.As(err, &pe) || pe.Param != "Attributes" || pe.Code != tc.code || sent != 0 {
						t.Errorf("%s %s: %v (%d sent), want a ParamError for Attributes with code %d and nothing sent", op, tc.name, err, sent, tc.code)
					}
				}
			}
		})
	}
}

// unaddressable are identities that no {Sid} path parameter can address.
var unaddressable = []string{"", ".", "..", "/", "a\x00b", "tab\there", "\x7f", "c1\u0085", "bad\xffutf8", "cut\xc3"}

// TestIdentityAddressable: every identity that create refuses, the path
// refuses too, and the other way round, with the same function; the
// generated server refuses them at create with 400 code 20001 naming
// Identity, and the client before sending.
func TestIdentityAddressable(t *testing.T) {
	addressable := []string{"alice", "...", "a/b", "./", "%2E%2E", " ", "ünïcødé ✓", "\u00a0", "\u2028", string(userSID)}
	for _, id := range addressable {
		if !twilio.ValidIdentity(id) || !twilio.UserRefIdentity(id).Valid() {
			t.Errorf("%q: ValidIdentity %v, UserRef.Valid %v; want both true", id, twilio.ValidIdentity(id), twilio.UserRefIdentity(id).Valid())
		}
	}
	for _, id := range unaddressable {
		if twilio.ValidIdentity(id) || twilio.UserRefIdentity(id).Valid() {
			t.Errorf("%q: ValidIdentity %v, UserRef.Valid %v; want both false", id, twilio.ValidIdentity(id), twilio.UserRefIdentity(id).Valid())
		}
	}
	for _, a := range usersAPIs {
		t.Run(a.name, func(t *testing.T) {
			srv := httptest.NewServer(a.handler)
			defer srv.Close()
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
				w.WriteHeader(http.StatusNotFound)
			})
			for _, id := range unaddressable[1:] { // "" is "is required"
				status, e := postForm(t, srv, a.users, url.Values{"Identity": {id}})
				if status != 400 || e.Code != twilio.CodeInvalidParameter || !strings.HasPrefix(e.Message, "Invalid parameter Identity: ") {
					t.Errorf("create %q: %d %+v, want 400 code 20001 for Identity", id, status, e)
				}
				err := a.create(t, rec.URL, id, twilio.Opt[twilio.JSONString]{})
				var pe *twilio.ParamError
				if !errors.As(err, &pe) || pe.Param != "Identity" || pe.Code != 0 {
					t.Errorf("client create %q: %v, want a ParamError for Identity", id, err)
				}
			}
			if n := len(rec.requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
			for _, id := range addressable {
				if status, e := postForm(t, srv, a.users, url.Values{"Identity": {id}}); status != http.StatusNotImplemented {
					t.Errorf("create %q: %d %+v, want 501 from the implementation", id, status, e)
				}
			}
		})
	}
}
