package generated_test

// Tests of the generated clients of the three Users APIs (chatv1, chatv2,
// conversationsv1) against httptest servers that check the wire format.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apigen-dev/apigen/generated/chatv1"
	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/twilio"
)

const (
	svcSID    = twilio.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	userSID   = twilio.UserSID("USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	roleSID   = twilio.RoleSID("RLaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	accSID    = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	authToken = "tok-7f3a9c-DO-NOT-LEAK"
	uaSuffix  = "apigen-tests/1.0"

	// Identities that must travel escaped as a single path segment.
	idPlus  = "alice+1@example.com" // alice%2B1%40example.com
	idSlash = "team/a b"            // team%2Fa%20b
)

// The error types of every package are the shared ones.
var (
	_ *twilio.ParamError = (*chatv1.ParamError)(nil)
	_ *twilio.ParamError = (*chatv2.ParamError)(nil)
	_ *twilio.ParamError = (*conversationsv1.ParamError)(nil)
	_ *twilio.Error      = (*chatv1.Error)(nil)
	_ *twilio.Error      = (*chatv2.Error)(nil)
	_ *twilio.Error      = (*conversationsv1.Error)(nil)
)

// ---------------------------------------------------------------------------
// The request recorder: the one helper every test serves from.

// wireRequest is a request as the test server received it.
type wireRequest struct {
	Method string
	Path   string // r.URL.EscapedPath()
	Query  url.Values
	Header http.Header
	Body   string
	Form   url.Values // Body parsed as a form
	User   string     // Basic auth
	Pass   string
	Auth   bool
}

// recorder is an httptest server that records every request and answers it
// with respond, which gets the request's index (0 for the first).
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []wireRequest
}

func newRecorder(t *testing.T, respond func(w http.ResponseWriter, r *http.Request, n int)) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("reading request body: %v", err)
		}
		form, err := url.ParseQuery(string(body))
		if err != nil {
			t.Errorf("request body %q is not a form: %v", body, err)
		}
		user, pass, ok := r.BasicAuth()
		rec.mu.Lock()
		n := len(rec.reqs)
		rec.reqs = append(rec.reqs, wireRequest{
			Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(),
			Header: r.Header.Clone(), Body: string(body), Form: form,
			User: user, Pass: pass, Auth: ok,
		})
		rec.mu.Unlock()
		if respond == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		respond(w, r, n)
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (rec *recorder) requests() []wireRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]wireRequest(nil), rec.reqs...)
}

// opts are the client options of most tests: the recorder, the account SID
// and token, and a User-Agent suffix.
func (rec *recorder) opts() []twilio.ClientOption {
	return []twilio.ClientOption{
		twilio.WithBaseURL(rec.URL),
		twilio.WithCredentials(accSID, authToken),
		twilio.WithUserAgent(uaSuffix),
	}
}

// reply writes a JSON response.
func reply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// sameValues compares url.Values, an empty set equal to nil.
func sameValues(got, want url.Values) bool {
	if len(got) == 0 && len(want) == 0 {
		return true
	}
	return reflect.DeepEqual(got, want)
}

// ---------------------------------------------------------------------------
// 1. Every operation's request on the wire.

func TestWireEveryOperation(t *testing.T) {
	type call = func(ctx context.Context, o ...twilio.ClientOption) error
	attrs := twilio.JSONString(`{"team":"blue","level":2}`)
	const v1, v2, cv = "/v1/Services/" + string(svcSID) + "/Users", "/v2/Services/" + string(svcSID) + "/Users", "/v1/Services/" + string(svcSID) + "/Users"
	const plusEsc, slashEsc = "/alice%2B1%40example.com", "/team%2Fa%20b"

	tests := []struct {
		name    string
		call    call
		method  string
		path    string
		query   url.Values // nil: no query string
		form    url.Values // nil: no body and no Content-Type
		webhook string     // "": no X-Twilio-Webhook-Enabled header
	}{
		// chatv1: never a webhook header.
		{"chatv1/CreateUser", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := chatv1.NewClient(o...)
			if err == nil {
				_, err = c.CreateUser(ctx, svcSID, chatv1.CreateUserParams{Identity: idPlus, FriendlyName: chatv1.Some("Alice Ω"), Attributes: chatv1.Some(attrs), RoleSID: chatv1.Some(roleSID)})
			}
			return err
		}, "POST", v1, nil, url.Values{"Identity": {idPlus}, "FriendlyName": {"Alice Ω"}, "Attributes": {string(attrs)}, "RoleSid": {string(roleSID)}}, ""},
		{"chatv1/FetchUser", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := chatv1.NewClient(o...)
			if err == nil {
				_, err = c.FetchUser(ctx, svcSID, twilio.UserRefIdentity(idPlus))
			}
			return err
		}, "GET", v1 + plusEsc, nil, nil, ""},
		{"chatv1/ListUsers", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := chatv1.NewClient(o...)
			if err == nil {
				_, err = c.ListUsers(ctx, svcSID, chatv1.ListUsersParams{PageSize: chatv1.Some(1000), Page: chatv1.Some(2), PageToken: chatv1.Some("PT a+b")})
			}
			return err
		}, "GET", v1, url.Values{"PageSize": {"1000"}, "Page": {"2"}, "PageToken": {"PT a+b"}}, nil, ""},
		{"chatv1/UpdateUser", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := chatv1.NewClient(o...)
			if err == nil {
				_, err = c.UpdateUser(ctx, svcSID, twilio.UserRefIdentity(idSlash), chatv1.UpdateUserParams{FriendlyName: chatv1.Some(""), RoleSID: chatv1.Some(roleSID)})
			}
			return err
		}, "POST", v1 + slashEsc, nil, url.Values{"FriendlyName": {""}, "RoleSid": {string(roleSID)}}, ""},
		{"chatv1/DeleteUser", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := chatv1.NewClient(o...)
			if err == nil {
				err = c.DeleteUser(ctx, svcSID, twilio.UserRefOf(userSID))
			}
			return err
		}, "DELETE", v1 + "/" + string(userSID), nil, nil, ""},

		// chatv2: the webhook header on create and update.
		{"chatv2/CreateUser", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := chatv2.NewClient(o...)
			if err == nil {
				_, err = c.CreateUser(ctx, svcSID, chatv2.CreateUserParams{XTwilioWebhookEnabled: chatv2.Some(chatv2.WebhookEnabledFalse), Identity: idSlash, Attributes: chatv2.Some(attrs)})
			}
			return err
		}, "POST", v2, nil, url.Values{"Identity": {idSlash}, "Attributes": {string(attrs)}}, "false"},
		{"chatv2/FetchUser", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := chatv2.NewClient(o...)
			if err == nil {
				_, err = c.FetchUser(ctx, svcSID, twilio.UserRefIdentity(idSlash))
			}
			return err
		}, "GET", v2 + slashEsc, nil, nil, ""},
		{"chatv2/ListUsers", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := chatv2.NewClient(o...)
			if err == nil {
				_, err = c.ListUsers(ctx, svcSID, chatv2.ListUsersParams{PageSize: chatv2.Some(100), Page: chatv2.Some(0)})
			}
			return err
		}, "GET", v2, url.Values{"PageSize": {"100"}, "Page": {"0"}}, nil, ""},
		{"chatv2/UpdateUser", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := chatv2.NewClient(o...)
			if err == nil {
				_, err = c.UpdateUser(ctx, svcSID, twilio.UserRefIdentity(idPlus), chatv2.UpdateUserParams{XTwilioWebhookEnabled: chatv2.Some(chatv2.WebhookEnabledTrue), FriendlyName: chatv2.Some("Al"), Attributes: chatv2.Some(attrs), RoleSID: chatv2.Some(roleSID)})
			}
			return err
		}, "POST", v2 + plusEsc, nil, url.Values{"FriendlyName": {"Al"}, "Attributes": {string(attrs)}, "RoleSid": {string(roleSID)}}, "true"},
		{"chatv2/DeleteUser", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := chatv2.NewClient(o...)
			if err == nil {
				err = c.DeleteUser(ctx, svcSID, twilio.UserRefIdentity(idPlus))
			}
			return err
		}, "DELETE", v2 + plusEsc, nil, nil, ""},

		// conversationsv1: the webhook header on create, update and delete.
		{"conversationsv1/CreateUser", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := conversationsv1.NewClient(o...)
			if err == nil {
				_, err = c.CreateUser(ctx, svcSID, conversationsv1.CreateUserParams{XTwilioWebhookEnabled: conversationsv1.Some(conversationsv1.WebhookEnabledTrue), Identity: idPlus, FriendlyName: conversationsv1.Some("Alice"), RoleSID: conversationsv1.Some(roleSID)})
			}
			return err
		}, "POST", cv, nil, url.Values{"Identity": {idPlus}, "FriendlyName": {"Alice"}, "RoleSid": {string(roleSID)}}, "true"},
		{"conversationsv1/FetchUser", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := conversationsv1.NewClient(o...)
			if err == nil {
				_, err = c.FetchUser(ctx, svcSID, twilio.UserRefIdentity(idPlus))
			}
			return err
		}, "GET", cv + plusEsc, nil, nil, ""},
		{"conversationsv1/ListUsers", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := conversationsv1.NewClient(o...)
			if err == nil {
				_, err = c.ListUsers(ctx, svcSID, conversationsv1.ListUsersParams{PageSize: conversationsv1.Some(50), PageToken: conversationsv1.Some("PT1")})
			}
			return err
		}, "GET", cv, url.Values{"PageSize": {"50"}, "PageToken": {"PT1"}}, nil, ""},
		{"conversationsv1/UpdateUser", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := conversationsv1.NewClient(o...)
			if err == nil {
				_, err = c.UpdateUser(ctx, svcSID, twilio.UserRefIdentity(idSlash), conversationsv1.UpdateUserParams{XTwilioWebhookEnabled: conversationsv1.Some(conversationsv1.WebhookEnabledFalse), Attributes: conversationsv1.Some(attrs)})
			}
			return err
		}, "POST", cv + slashEsc, nil, url.Values{"Attributes": {string(attrs)}}, "false"},
		{"conversationsv1/DeleteUser", func(ctx context.Context, o ...twilio.ClientOption) error {
			c, err := conversationsv1.NewClient(o...)
			if err == nil {
				err = c.DeleteUser(ctx, svcSID, twilio.UserRefIdentity(idSlash), conversationsv1.DeleteUserParams{XTwilioWebhookEnabled: conversationsv1.Some(conversationsv1.WebhookEnabledFalse)})
			}
			return err
		}, "DELETE", cv + slashEsc, nil, nil, "false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				if r.Method == http.MethodDelete {
					w.WriteHeader(http.StatusNoContent)
					return
				}
				reply(w, http.StatusOK, `{}`)
			})
			if err := tt.call(context.Background(), rec.opts()...); err != nil {
				t.Fatalf("call: %v", err)
			}
			reqs := rec.requests()
			if len(reqs) != 1 {
				t.Fatalf("server got %d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != tt.method {
				t.Errorf("method = %s, want %s", r.Method, tt.method)
			}
			if r.Path != tt.path {
				t.Errorf("escaped path = %s, want %s", r.Path, tt.path)
			}
			if !sameValues(r.Query, tt.query) {
				t.Errorf("query = %v, want %v", r.Query, tt.query)
			}
			ctype := r.Header.Get("Content-Type")
			if tt.form == nil {
				if r.Body != "" || ctype != "" {
					t.Errorf("body = %q with Content-Type %q, want no body", r.Body, ctype)
				}
			} else {
				if ctype != "application/x-www-form-urlencoded" {
					t.Errorf("Content-Type = %q, want application/x-www-form-urlencoded", ctype)
				}
				if !reflect.DeepEqual(r.Form, tt.form) {
					t.Errorf("form = %v, want %v", r.Form, tt.form)
				}
			}
			wh := r.Header.Values("X-Twilio-Webhook-Enabled")
			if tt.webhook == "" && len(wh) != 0 || tt.webhook != "" && !reflect.DeepEqual(wh, []string{tt.webhook}) {
				t.Errorf("X-Twilio-Webhook-Enabled = %q, want %q", wh, tt.webhook)
			}
			if !r.Auth || r.User != accSID || r.Pass != authToken {
				t.Errorf("basic auth = %v %q:%q, want %s:<token>", r.Auth, r.User, r.Pass, accSID)
			}
			if got := r.Header.Get("Accept"); got != "application/json" {
				t.Errorf("Accept = %q", got)
			}
			if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "apigen-go/") || !strings.HasSuffix(ua, " "+uaSuffix) {
				t.Errorf("User-Agent = %q, want apigen-go/... %s", ua, uaSuffix)
			}
		})
	}
}

func TestWireAPIKeyAuth(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, 200, `{}`) })
	const keySID, secret = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "key-secret-42"
	c, err := chatv2.NewClient(chatv2.WithBaseURL(rec.URL), chatv2.WithAPIKey(accSID, keySID, secret))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.FetchUser(context.Background(), svcSID, twilio.UserRefOf(userSID)); err != nil {
		t.Fatal(err)
	}
	reqs := rec.requests()
	if len(reqs) != 1 || !reqs[0].Auth || reqs[0].User != keySID || reqs[0].Pass != secret {
		t.Fatalf("requests = %+v, want one with basic auth %s:%s", reqs, keySID, secret)
	}
	if ua := reqs[0].Header.Get("User-Agent"); !strings.HasPrefix(ua, "apigen-go/1 (") || !strings.HasSuffix(ua, ")") {
		t.Errorf("User-Agent without suffix = %q", ua)
	}
}

// ---------------------------------------------------------------------------
// 2. The spec's example responses decode to exact values.

var (
	t2016 = twilio.Time{Time: time.Date(2016, 3, 24, 21, 5, 19, 0, time.UTC)}
	accA  = twilio.AccountSID(accSID)
)

// serveJSON answers the collection with list and anything else with fetch.
func serveJSON(t *testing.T, collection, list, fetch string) *recorder {
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.URL.Path == collection {
			reply(w, 200, list)
			return
		}
		reply(w, 200, fetch)
	})
}

// checkUserBasics asserts what the brief singles out, for a clear message
// before the whole-value comparison.
func checkUserBasics(t *testing.T, isOnline, isNotifiable twilio.Null[bool], created twilio.Null[twilio.Time]) {
	t.Helper()
	if isNotifiable.Valid {
		t.Errorf("is_notifiable null decoded as valid: %+v", isNotifiable)
	}
	if !isOnline.Valid || !isOnline.Value {
		t.Errorf("is_online true decoded as %+v", isOnline)
	}
	if !created.Valid || !created.Value.Equal(t2016.Time) || created.Value.Location() != time.UTC {
		t.Errorf("date_created = %+v, want %v in UTC", created, t2016)
	}
}

const chatV1List = `{
  "meta": {
    "key": "users",
    "url": "https://chat.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=0",
    "page": 0,
    "page_size": 50,
    "next_page_url": null,
    "first_page_url": "https://chat.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=0",
    "previous_page_url": null
  },
  "users": [
    {
      "sid": "USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "service_sid": "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "attributes": null,
      "friendly_name": null,
      "role_sid": "RLaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "identity": "jing",
      "is_online": true,
      "is_notifiable": null,
      "date_created": "2016-03-24T21:05:19Z",
      "date_updated": "2016-03-24T21:05:19Z",
      "joined_channels_count": 0,
      "links": {
        "user_channels": "https://chat.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Channels"
      },
      "url": "https://chat.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    }
  ]
}`

// chatV1Fetch is the fetch example, with its dates in RFC 2822 (as the
// chat v1 spec describes them) and fields the client does not know.
const chatV1Fetch = `{
  "sid": "USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "service_sid": "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "attributes": null,
  "friendly_name": null,
  "role_sid": "RLaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "identity": "jing",
  "is_online": true,
  "is_notifiable": null,
  "date_created": "Thu, 24 Mar 2016 21:05:19 +0000",
  "date_updated": "Thu, 24 Mar 2016 21:05:19 GMT",
  "joined_channels_count": 0,
  "links": {
    "user_channels": "https://chat.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Channels"
  },
  "url": "https://chat.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "unknown_object": {"nested": [1, 2, {"x": null}]},
  "unknown_number": 42
}`

func TestDecodeChatV1Examples(t *testing.T) {
	base := "https://chat.twilio.com/v1/Services/" + string(svcSID)
	want := chatv1.User{
		SID: twilio.NullOf(userSID), AccountSID: twilio.NullOf(accA), ServiceSID: twilio.NullOf(svcSID),
		RoleSID: twilio.NullOf(roleSID), Identity: twilio.NullOf("jing"), IsOnline: twilio.NullOf(true),
		DateCreated: twilio.NullOf(t2016), DateUpdated: twilio.NullOf(t2016),
		Links: map[string]string{"user_channels": base + "/Users/" + string(userSID) + "/Channels"},
		URL:   twilio.NullOf(base + "/Users/" + string(userSID)),
	}
	rec := serveJSON(t, "/v1/Services/"+string(svcSID)+"/Users", chatV1List, chatV1Fetch)
	c, err := chatv1.NewClient(rec.opts()...)
	if err != nil {
		t.Fatal(err)
	}
	page, err := c.ListUsers(context.Background(), svcSID, chatv1.ListUsersParams{})
	if err != nil {
		t.Fatal(err)
	}
	wantMeta := twilio.PageMeta{Key: "users", PageSize: 50, URL: base + "/Users?PageSize=50&Page=0", FirstPageURL: base + "/Users?PageSize=50&Page=0"}
	if page.Meta != wantMeta || page.Meta.HasNext() {
		t.Errorf("meta = %+v, want %+v", page.Meta, wantMeta)
	}
	if len(page.Users) != 1 {
		t.Fatalf("%d users, want 1", len(page.Users))
	}
	u := page.Users[0]
	checkUserBasics(t, u.IsOnline, u.IsNotifiable, u.DateCreated)
	if u.Attributes.Valid || u.FriendlyName.Valid {
		t.Errorf("null attributes/friendly_name decoded as valid: %+v %+v", u.Attributes, u.FriendlyName)
	}
	if !reflect.DeepEqual(u, want) {
		t.Errorf("list user =\n%+v\nwant\n%+v", u, want)
	}

	got, err := c.FetchUser(context.Background(), svcSID, twilio.UserRefOf(userSID))
	if err != nil {
		t.Fatal(err)
	}
	checkUserBasics(t, got.IsOnline, got.IsNotifiable, got.DateCreated)
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("fetched user (RFC 2822 dates) =\n%+v\nwant\n%+v", *got, want)
	}
}

const chatV2List = `{
  "meta": {
    "key": "users",
    "url": "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=0",
    "page": 0,
    "page_size": 50,
    "next_page_url": "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=1",
    "first_page_url": "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=0",
    "previous_page_url": null
  },
  "users": [
    {
      "sid": "USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "service_sid": "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "attributes": null,
      "friendly_name": null,
      "role_sid": "RLaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "identity": "jing",
      "is_online": true,
      "is_notifiable": null,
      "date_created": "2016-03-24T21:05:19Z",
      "date_updated": "2016-03-24T21:05:19Z",
      "joined_channels_count": 0,
      "links": {
        "user_channels": "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Channels",
        "user_bindings": "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Bindings"
      },
      "url": "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    }
  ]
}`

const chatV2Fetch = `{
  "sid": "USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "service_sid": "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "attributes": null,
  "friendly_name": null,
  "role_sid": "RLaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "identity": "jing",
  "is_online": true,
  "is_notifiable": null,
  "date_created": "2016-03-24T21:05:19Z",
  "date_updated": "2016-03-24T21:05:19Z",
  "joined_channels_count": 0,
  "links": {
    "user_channels": "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Channels",
    "user_bindings": "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Bindings"
  },
  "url": "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
}`

func TestDecodeChatV2Examples(t *testing.T) {
	base := "https://chat.twilio.com/v2/Services/" + string(svcSID)
	userURL := base + "/Users/" + string(userSID)
	want := chatv2.User{
		SID: twilio.NullOf(userSID), AccountSID: twilio.NullOf(accA), ServiceSID: twilio.NullOf(svcSID),
		RoleSID: twilio.NullOf(roleSID), Identity: twilio.NullOf("jing"), IsOnline: twilio.NullOf(true),
		DateCreated: twilio.NullOf(t2016), DateUpdated: twilio.NullOf(t2016),
		Links: map[string]string{"user_channels": userURL + "/Channels", "user_bindings": userURL + "/Bindings"},
		URL:   twilio.NullOf(userURL),
	}
	rec := serveJSON(t, "/v2/Services/"+string(svcSID)+"/Users", chatV2List, chatV2Fetch)
	c, err := chatv2.NewClient(rec.opts()...)
	if err != nil {
		t.Fatal(err)
	}
	page, err := c.ListUsers(context.Background(), svcSID, chatv2.ListUsersParams{})
	if err != nil {
		t.Fatal(err)
	}
	wantMeta := twilio.PageMeta{Key: "users", PageSize: 50, URL: base + "/Users?PageSize=50&Page=0", FirstPageURL: base + "/Users?PageSize=50&Page=0",
		NextPageURL: twilio.NullOf(base + "/Users?PageSize=50&Page=1")}
	if page.Meta != wantMeta || !page.Meta.HasNext() || page.Meta.PreviousPageURL.Valid {
		t.Errorf("meta = %+v, want %+v", page.Meta, wantMeta)
	}
	if len(page.Users) != 1 || !reflect.DeepEqual(page.Users[0], want) {
		t.Fatalf("users =\n%+v\nwant [%+v]", page.Users, want)
	}
	got, err := c.FetchUser(context.Background(), svcSID, twilio.UserRefIdentity("jing"))
	if err != nil {
		t.Fatal(err)
	}
	checkUserBasics(t, got.IsOnline, got.IsNotifiable, got.DateCreated)
	if ref, isSID := got.SID.Value, got.SID.Value.Valid(); !isSID || ref != userSID {
		t.Errorf("sid = %q, not a valid UserSID", ref)
	}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("fetched user =\n%+v\nwant\n%+v", *got, want)
	}
}

const conversationsList = `{
  "meta": {
    "page": 0,
    "page_size": 50,
    "first_page_url": "https://conversations.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=0",
    "previous_page_url": null,
    "url": "https://conversations.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=50&Page=0",
    "next_page_url": null,
    "key": "users"
  },
  "users": [
    {
      "sid": "USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "chat_service_sid": "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "attributes": "{ \"duty\": \"tech\" }",
      "friendly_name": "name",
      "role_sid": "RLaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "identity": "admin",
      "is_online": true,
      "is_notifiable": null,
      "date_created": "2019-12-16T22:18:37Z",
      "date_updated": "2019-12-16T22:18:38Z",
      "links": {
        "user_conversations": "https://conversations.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Conversations"
      },
      "url": "https://conversations.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    },
    {
      "sid": "USbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
      "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "chat_service_sid": "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "attributes": "{ \"duty\": \"agent\" }",
      "friendly_name": "John from customs",
      "role_sid": "RLaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "identity": "agent0034",
      "is_online": false,
      "is_notifiable": null,
      "date_created": "2020-03-24T20:38:21Z",
      "date_updated": "2020-03-24T20:38:21Z",
      "links": {
        "user_conversations": "https://conversations.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/Conversations"
      },
      "url": "https://conversations.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    }
  ]
}`

const conversationsFetch = `{
  "sid": "USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "chat_service_sid": "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "attributes": "{ \"duty\": \"tech\" }",
  "friendly_name": "name",
  "role_sid": "RLaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "identity": "admin",
  "is_online": true,
  "is_notifiable": null,
  "date_created": "2019-12-16T22:18:37Z",
  "date_updated": "2019-12-16T22:18:38Z",
  "links": {
    "user_conversations": "https://conversations.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Conversations"
  },
  "url": "https://conversations.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
}`

func TestDecodeConversationsV1Examples(t *testing.T) {
	base := "https://conversations.twilio.com/v1/Services/" + string(svcSID)
	at := func(s string) twilio.Null[twilio.Time] {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return twilio.NullOf(twilio.Time{Time: v.UTC()})
	}
	user := func(sid twilio.UserSID, attrs, name, identity string, online bool, created, updated string) conversationsv1.User {
		return conversationsv1.User{
			SID: twilio.NullOf(sid), AccountSID: twilio.NullOf(accA), ChatServiceSID: twilio.NullOf(svcSID),
			Attributes: twilio.NullOf(twilio.JSONString(attrs)), FriendlyName: twilio.NullOf(name),
			RoleSID: twilio.NullOf(roleSID), Identity: twilio.NullOf(identity), IsOnline: twilio.NullOf(online),
			DateCreated: at(created), DateUpdated: at(updated),
			Links: map[string]string{"user_conversations": base + "/Users/" + string(sid) + "/Conversations"},
			URL:   twilio.NullOf(base + "/Users/" + string(sid)),
		}
	}
	wantList := []conversationsv1.User{
		user(userSID, `{ "duty": "tech" }`, "name", "admin", true, "2019-12-16T22:18:37Z", "2019-12-16T22:18:38Z"),
		user("USbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", `{ "duty": "agent" }`, "John from customs", "agent0034", false, "2020-03-24T20:38:21Z", "2020-03-24T20:38:21Z"),
	}
	rec := serveJSON(t, "/v1/Services/"+string(svcSID)+"/Users", conversationsList, conversationsFetch)
	c, err := conversationsv1.NewClient(rec.opts()...)
	if err != nil {
		t.Fatal(err)
	}
	page, err := c.ListUsers(context.Background(), svcSID, conversationsv1.ListUsersParams{})
	if err != nil {
		t.Fatal(err)
	}
	wantMeta := twilio.PageMeta{Key: "users", PageSize: 50, URL: base + "/Users?PageSize=50&Page=0", FirstPageURL: base + "/Users?PageSize=50&Page=0"}
	if page.Meta != wantMeta {
		t.Errorf("meta = %+v, want %+v", page.Meta, wantMeta)
	}
	if !reflect.DeepEqual(page.Users, wantList) {
		t.Errorf("users =\n%+v\nwant\n%+v", page.Users, wantList)
	}
	if len(page.Users) == 2 && (!page.Users[1].IsOnline.Valid || page.Users[1].IsOnline.Value) {
		t.Errorf("is_online false decoded as %+v", page.Users[1].IsOnline)
	}

	got, err := c.FetchUser(context.Background(), svcSID, twilio.UserRefIdentity("admin"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, wantList[0]) {
		t.Errorf("fetched user =\n%+v\nwant\n%+v", *got, wantList[0])
	}
	if got.IsNotifiable.Valid || !got.IsOnline.Valid || !got.IsOnline.Value {
		t.Errorf("is_online/is_notifiable = %+v %+v", got.IsOnline, got.IsNotifiable)
	}
	if want := time.Date(2019, 12, 16, 22, 18, 37, 0, time.UTC); !got.DateCreated.Value.Equal(want) || got.DateCreated.Value.Location() != time.UTC {
		t.Errorf("date_created = %v, want %v", got.DateCreated.Value, want)
	}
	var attrs map[string]any
	if err := got.Attributes.Value.Decode(&attrs); err != nil {
		t.Fatal(err)
	}
	if want := map[string]any{"duty": "tech"}; !reflect.DeepEqual(attrs, want) {
		t.Errorf("attributes decode to %v, want %v", attrs, want)
	}
}

// ---------------------------------------------------------------------------
// The cross-API adapter: the same scenario against each generated package.

// fields are the parameters shared by CreateUser and UpdateUser.
type fields struct {
	Identity     string
	FriendlyName twilio.Opt[string]
	Attributes   twilio.Opt[twilio.JSONString]
	RoleSID      twilio.Opt[twilio.RoleSID]
	Webhook      string // "" leaves the header unset; ignored by chatv1
}

// step is one value yielded by ListUsersAll.
type step struct {
	id  string
	err error
}

type userAPI struct {
	name     string
	path     string // the Users collection
	svcParam string
	maxPage  int
	create   func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, f fields) error
	fetch    func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ref twilio.UserRef) error
	update   func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ref twilio.UserRef, f fields) error
	delete   func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ref twilio.UserRef) error
	list     func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, pageSize twilio.Opt[int]) error
	// listAll ranges over ListUsersAll, calling onItem after each item.
	listAll func(ctx context.Context, o []twilio.ClientOption, pageSize twilio.Opt[int], limit int, onItem func()) ([]step, error)
}

// drain collects what an iterator yields, including anything after an error.
func drain[U any](seq iter.Seq2[U, error], id func(U) string, onItem func()) []step {
	var steps []step
	for u, err := range seq {
		if err != nil {
			steps = append(steps, step{err: err})
			continue
		}
		steps = append(steps, step{id: id(u)})
		if onItem != nil {
			onItem()
		}
	}
	return steps
}

func webhookOf[W ~string](s string) twilio.Opt[W] {
	if s == "" {
		return twilio.Opt[W]{}
	}
	return twilio.Some(W(s))
}

var apis = []userAPI{
	{
		name: "chatv1", path: "/v1/Services/" + string(svcSID) + "/Users", svcParam: "ServiceSid", maxPage: 1000,
		create: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, f fields) error {
			c, err := chatv1.NewClient(o...)
			if err == nil {
				_, err = c.CreateUser(ctx, svc, chatv1.CreateUserParams{Identity: f.Identity, FriendlyName: f.FriendlyName, Attributes: f.Attributes, RoleSID: f.RoleSID})
			}
			return err
		},
		fetch: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ref twilio.UserRef) error {
			c, err := chatv1.NewClient(o...)
			if err == nil {
				_, err = c.FetchUser(ctx, svc, ref)
			}
			return err
		},
		update: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ref twilio.UserRef, f fields) error {
			c, err := chatv1.NewClient(o...)
			if err == nil {
				_, err = c.UpdateUser(ctx, svc, ref, chatv1.UpdateUserParams{FriendlyName: f.FriendlyName, Attributes: f.Attributes, RoleSID: f.RoleSID})
			}
			return err
		},
		delete: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ref twilio.UserRef) error {
			c, err := chatv1.NewClient(o...)
			if err == nil {
				err = c.DeleteUser(ctx, svc, ref)
			}
			return err
		},
		list: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ps twilio.Opt[int]) error {
			c, err := chatv1.NewClient(o...)
			if err == nil {
				_, err = c.ListUsers(ctx, svc, chatv1.ListUsersParams{PageSize: ps})
			}
			return err
		},
		listAll: func(ctx context.Context, o []twilio.ClientOption, ps twilio.Opt[int], limit int, onItem func()) ([]step, error) {
			c, err := chatv1.NewClient(o...)
			if err != nil {
				return nil, err
			}
			return drain(c.ListUsersAll(ctx, svcSID, chatv1.ListUsersParams{PageSize: ps}, limit), func(u chatv1.User) string { return u.Identity.Value }, onItem), nil
		},
	},
	{
		name: "chatv2", path: "/v2/Services/" + string(svcSID) + "/Users", svcParam: "ServiceSid", maxPage: 100,
		create: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, f fields) error {
			c, err := chatv2.NewClient(o...)
			if err == nil {
				_, err = c.CreateUser(ctx, svc, chatv2.CreateUserParams{XTwilioWebhookEnabled: webhookOf[chatv2.WebhookEnabled](f.Webhook), Identity: f.Identity, FriendlyName: f.FriendlyName, Attributes: f.Attributes, RoleSID: f.RoleSID})
			}
			return err
		},
		fetch: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ref twilio.UserRef) error {
			c, err := chatv2.NewClient(o...)
			if err == nil {
				_, err = c.FetchUser(ctx, svc, ref)
			}
			return err
		},
		update: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ref twilio.UserRef, f fields) error {
			c, err := chatv2.NewClient(o...)
			if err == nil {
				_, err = c.UpdateUser(ctx, svc, ref, chatv2.UpdateUserParams{XTwilioWebhookEnabled: webhookOf[chatv2.WebhookEnabled](f.Webhook), FriendlyName: f.FriendlyName, Attributes: f.Attributes, RoleSID: f.RoleSID})
			}
			return err
		},
		delete: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ref twilio.UserRef) error {
			c, err := chatv2.NewClient(o...)
			if err == nil {
				err = c.DeleteUser(ctx, svc, ref)
			}
			return err
		},
		list: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ps twilio.Opt[int]) error {
			c, err := chatv2.NewClient(o...)
			if err == nil {
				_, err = c.ListUsers(ctx, svc, chatv2.ListUsersParams{PageSize: ps})
			}
			return err
		},
		listAll: func(ctx context.Context, o []twilio.ClientOption, ps twilio.Opt[int], limit int, onItem func()) ([]step, error) {
			c, err := chatv2.NewClient(o...)
			if err != nil {
				return nil, err
			}
			return drain(c.ListUsersAll(ctx, svcSID, chatv2.ListUsersParams{PageSize: ps}, limit), func(u chatv2.User) string { return u.Identity.Value }, onItem), nil
		},
	},
	{
		name: "conversationsv1", path: "/v1/Services/" + string(svcSID) + "/Users", svcParam: "ChatServiceSid", maxPage: 50,
		create: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, f fields) error {
			c, err := conversationsv1.NewClient(o...)
			if err == nil {
				_, err = c.CreateUser(ctx, svc, conversationsv1.CreateUserParams{XTwilioWebhookEnabled: webhookOf[conversationsv1.WebhookEnabled](f.Webhook), Identity: f.Identity, FriendlyName: f.FriendlyName, Attributes: f.Attributes, RoleSID: f.RoleSID})
			}
			return err
		},
		fetch: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ref twilio.UserRef) error {
			c, err := conversationsv1.NewClient(o...)
			if err == nil {
				_, err = c.FetchUser(ctx, svc, ref)
			}
			return err
		},
		update: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ref twilio.UserRef, f fields) error {
			c, err := conversationsv1.NewClient(o...)
			if err == nil {
				_, err = c.UpdateUser(ctx, svc, ref, conversationsv1.UpdateUserParams{XTwilioWebhookEnabled: webhookOf[conversationsv1.WebhookEnabled](f.Webhook), FriendlyName: f.FriendlyName, Attributes: f.Attributes, RoleSID: f.RoleSID})
			}
			return err
		},
		delete: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ref twilio.UserRef) error {
			c, err := conversationsv1.NewClient(o...)
			if err == nil {
				err = c.DeleteUser(ctx, svc, ref, conversationsv1.DeleteUserParams{})
			}
			return err
		},
		list: func(ctx context.Context, o []twilio.ClientOption, svc twilio.ServiceSID, ps twilio.Opt[int]) error {
			c, err := conversationsv1.NewClient(o...)
			if err == nil {
				_, err = c.ListUsers(ctx, svc, conversationsv1.ListUsersParams{PageSize: ps})
			}
			return err
		},
		listAll: func(ctx context.Context, o []twilio.ClientOption, ps twilio.Opt[int], limit int, onItem func()) ([]step, error) {
			c, err := conversationsv1.NewClient(o...)
			if err != nil {
				return nil, err
			}
			return drain(c.ListUsersAll(ctx, svcSID, conversationsv1.ListUsersParams{PageSize: ps}, limit), func(u conversationsv1.User) string { return u.Identity.Value }, onItem), nil
		},
	},
}

// ---------------------------------------------------------------------------
// 3. Update: clearing a field vs leaving it alone.

func TestUpdateClearVersusLeave(t *testing.T) {
	for _, a := range apis {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, 200, `{}`) })
			ctx, ref := context.Background(), twilio.UserRefIdentity("alice")
			cases := []struct {
				name string
				f    fields
				body string
				form url.Values
			}{
				{"Some(\"\") clears", fields{FriendlyName: twilio.Some("")}, "FriendlyName=", url.Values{"FriendlyName": {""}}},
				{"zero Opt leaves", fields{Attributes: twilio.Some(twilio.JSONString(`{}`))}, "Attributes=%7B%7D", url.Values{"Attributes": {"{}"}}},
				{"no fields", fields{}, "", url.Values{}},
			}
			for _, c := range cases {
				if err := a.update(ctx, rec.opts(), svcSID, ref, c.f); err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
			}
			reqs := rec.requests()
			if len(reqs) != len(cases) {
				t.Fatalf("server got %d requests, want %d", len(reqs), len(cases))
			}
			for i, c := range cases {
				r := reqs[i]
				if r.Method != "POST" || r.Path != a.path+"/alice" {
					t.Errorf("%s: %s %s", c.name, r.Method, r.Path)
				}
				if r.Body != c.body || !reflect.DeepEqual(r.Form, c.form) {
					t.Errorf("%s: body %q (form %v), want %q", c.name, r.Body, r.Form, c.body)
				}
				if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
					t.Errorf("%s: Content-Type = %q", c.name, ct)
				}
			}
		})
	}
}

// ---------------------------------------------------------------------------
// 4. Parameters rejected before anything is sent.

func TestPreflightValidation(t *testing.T) {
	attrs := twilio.Some(twilio.JSONString(`{"a":1}`))
	for _, a := range apis {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, 200, `{}`) })
			o := rec.opts()
			ctx := context.Background()
			ok := fields{Identity: "alice", Attributes: attrs}
			ref := twilio.UserRefIdentity("alice")
			type row struct {
				name  string
				param string
				call  func() error
			}
			rows := []row{
				{"create bad service", a.svcParam, func() error { return a.create(ctx, o, "ISnot-a-sid", ok) }},
				{"fetch service of wrong type", a.svcParam, func() error { return a.fetch(ctx, o, twilio.ServiceSID(userSID), ref) }},
				{"list empty service", a.svcParam, func() error { return a.list(ctx, o, "", twilio.Opt[int]{}) }},
				{"delete bad service", a.svcParam, func() error { return a.delete(ctx, o, svcSID[:33], ref) }},
				{"fetch empty ref", "Sid", func() error { return a.fetch(ctx, o, svcSID, "") }},
				{"update empty ref", "Sid", func() error { return a.update(ctx, o, svcSID, "", fields{}) }},
				{"delete empty ref", "Sid", func() error { return a.delete(ctx, o, svcSID, twilio.UserRefIdentity("")) }},
				{"fetch ref with control char", "Sid", func() error { return a.fetch(ctx, o, svcSID, "alice\n") }},
				{"PageSize above max", "PageSize", func() error { return a.list(ctx, o, svcSID, twilio.Some(a.maxPage+1)) }},
				{"PageSize 0", "PageSize", func() error { return a.list(ctx, o, svcSID, twilio.Some(0)) }},
				{"PageSize negative", "PageSize", func() error { return a.list(ctx, o, svcSID, twilio.Some(-1)) }},
				{"create without Identity", "Identity", func() error { return a.create(ctx, o, svcSID, fields{FriendlyName: twilio.Some("x")}) }},
				{"create bad Attributes", "Attributes", func() error {
					return a.create(ctx, o, svcSID, fields{Identity: "alice", Attributes: twilio.Some(twilio.JSONString(`{"a":`))})
				}},
				{"update empty Attributes", "Attributes", func() error {
					return a.update(ctx, o, svcSID, ref, fields{Attributes: twilio.Some(twilio.JSONString(""))})
				}},
				{"create bad RoleSid", "RoleSid", func() error {
					return a.create(ctx, o, svcSID, fields{Identity: "alice", RoleSID: twilio.Some(twilio.RoleSID("RLxyz"))})
				}},
				{"update RoleSid with wrong prefix", "RoleSid", func() error {
					return a.update(ctx, o, svcSID, ref, fields{RoleSID: twilio.Some(twilio.RoleSID(userSID))})
				}},
				{"listAll PageSize above max", "PageSize", func() error {
					steps, err := a.listAll(ctx, o, twilio.Some(a.maxPage+1), 0, nil)
					if err != nil {
						return err
					}
					if len(steps) != 1 || steps[0].err == nil {
						return fmt.Errorf("steps = %v, want one error", steps)
					}
					return steps[0].err
				}},
			}
			if a.name != "chatv1" {
				rows = append(rows,
					row{"create bad webhook", "X-Twilio-Webhook-Enabled", func() error { return a.create(ctx, o, svcSID, fields{Identity: "a", Webhook: "yes"}) }},
					row{"update bad webhook", "X-Twilio-Webhook-Enabled", func() error { return a.update(ctx, o, svcSID, ref, fields{Webhook: "TRUE"}) }},
				)
			}
			for _, r := range rows {
				err := r.call()
				var pe *twilio.ParamError
				if !errors.As(err, &pe) {
					t.Errorf("%s: error %v (%T), want *ParamError", r.name, err, err)
					continue
				}
				if pe.Param != r.param || pe.Reason == "" {
					t.Errorf("%s: ParamError{%q, %q}, want Param %q", r.name, pe.Param, pe.Reason, r.param)
				}
				if !strings.Contains(err.Error(), r.param) {
					t.Errorf("%s: error text %q does not name %s", r.name, err, r.param)
				}
			}
			if reqs := rec.requests(); len(reqs) != 0 {
				t.Errorf("server got %d requests, want none; first: %s %s", len(reqs), reqs[0].Method, reqs[0].Path)
			}

			// The bounds themselves are accepted and sent.
			for _, ps := range []int{1, a.maxPage} {
				if err := a.list(ctx, o, svcSID, twilio.Some(ps)); err != nil {
					t.Errorf("PageSize %d: %v", ps, err)
				}
			}
			if reqs := rec.requests(); len(reqs) != 2 || reqs[0].Query.Get("PageSize") != "1" || reqs[1].Query.Get("PageSize") != strconv.Itoa(a.maxPage) {
				t.Errorf("bounds: requests %v", reqs)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// 5. Error responses, retries and secrecy.

func TestErrors(t *testing.T) {
	const notFound = `{"code":20404,"message":"The requested resource was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}`
	const html = "<html>\n<head><title>503 Service Unavailable</title></head>\n<body>upstream\tdown</body>\n</html>\n"
	for _, a := range apis {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			var errs []error
			serve := func(respond func(w http.ResponseWriter, r *http.Request, n int)) (*recorder, []twilio.ClientOption) {
				rec := newRecorder(t, respond)
				return rec, rec.opts()
			}
			asError := func(what string, err error) *twilio.Error {
				t.Helper()
				errs = append(errs, err)
				var e *twilio.Error
				if !errors.As(err, &e) {
					t.Fatalf("%s: error %v (%T), want *Error", what, err, err)
				}
				return e
			}

			// 404 with Twilio's JSON body: decoded, with the request.
			rec, o := serve(func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, 404, notFound) })
			e := asError("404", a.fetch(ctx, o, svcSID, twilio.UserRefIdentity(idPlus)))
			want := twilio.Error{Status: 404, Code: 20404, Message: "The requested resource was not found",
				MoreInfo: "https://www.twilio.com/docs/errors/20404", Method: "GET", Path: a.path + "/alice%2B1%40example.com"}
			if *e != want {
				t.Errorf("404: got %+v, want %+v", *e, want)
			}
			if n := len(rec.requests()); n != 1 {
				t.Errorf("404: %d attempts, want 1", n)
			}

			// 401 with an empty body.
			rec, o = serve(func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(401) })
			e = asError("401", a.list(ctx, o, svcSID, twilio.Opt[int]{}))
			if e.Status != 401 || e.Code != 0 || e.Message != "Unauthorized" || e.Method != "GET" || e.Path != a.path {
				t.Errorf("401: got %+v", *e)
			}
			if n := len(rec.requests()); n != 1 {
				t.Errorf("401: %d attempts, want 1", n)
			}

			// 503 with an HTML body: a GET is tried 3 times in all.
			rec, o = serve(func(w http.ResponseWriter, _ *http.Request, _ int) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(503)
				io.WriteString(w, html)
			})
			e = asError("503 GET", a.fetch(ctx, o, svcSID, twilio.UserRefOf(userSID)))
			if e.Status != 503 || e.Code != 0 || !strings.Contains(e.Message, "upstream down") || strings.ContainsAny(e.Message, "\n\t") {
				t.Errorf("503 GET: got %+v", *e)
			}
			if n := len(rec.requests()); n != 3 {
				t.Errorf("503 GET: %d attempts, want 3", n)
			}

			// 429 then 200 with Retry-After: 0: success on the second attempt.
			rec, o = serve(func(w http.ResponseWriter, _ *http.Request, n int) {
				if n == 0 {
					w.Header().Set("Retry-After", "0")
					reply(w, 429, `{"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429}`)
					return
				}
				reply(w, 200, `{"users":[],"meta":{"key":"users","page":0,"page_size":50,"next_page_url":null}}`)
			})
			if err := a.list(ctx, o, svcSID, twilio.Opt[int]{}); err != nil {
				t.Errorf("429 then 200: %v", err)
			}
			if n := len(rec.requests()); n != 2 {
				t.Errorf("429 then 200: %d attempts, want 2", n)
			}

			// A create that gets 503 is not replayed, nor an update.
			rec, o = serve(func(w http.ResponseWriter, _ *http.Request, _ int) {
				w.Header().Set("Retry-After", "0")
				reply(w, 503, `{"code":20503,"message":"Service Unavailable","status":503}`)
			})
			e = asError("503 create", a.create(ctx, o, svcSID, fields{Identity: "alice"}))
			if e.Status != 503 || e.Code != 20503 || e.Method != "POST" {
				t.Errorf("503 create: got %+v", *e)
			}
			asError("503 update", a.update(ctx, o, svcSID, "alice", fields{FriendlyName: twilio.Some("A")}))
			if n := len(rec.requests()); n != 2 {
				t.Errorf("503 create + update: %d attempts, want 1 each", n)
			}

			// A 2xx body that is not JSON is an error, but not an *Error.
			_, o = serve(func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, 200, `<html>`) })
			err := a.fetch(ctx, o, svcSID, "alice")
			var terr *twilio.Error
			if err == nil || errors.As(err, &terr) {
				t.Errorf("undecodable 200: error %v", err)
			}
			errs = append(errs, err)

			for _, err := range errs {
				if err != nil && strings.Contains(err.Error(), authToken) {
					t.Errorf("error text holds the auth token: %v", err)
				}
			}
		})
	}
}

// ---------------------------------------------------------------------------
// 6. Paging through ListUsersAll.

// pager serves the list at path in three pages, u1 u2 | u3 u4 | u5, linked
// by absolute next_page_url on the same server; nextHost replaces the host
// of the first page's next URL when not empty.
func pager(t *testing.T, path, nextHost string) *recorder {
	pages := [][]string{{"u1", "u2"}, {"u3", "u4"}, {"u5"}}
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		page, _ := strconv.Atoi(r.URL.Query().Get("Page"))
		if r.URL.Path != path || page >= len(pages) {
			reply(w, 404, `{"code":20404,"message":"no such page","status":404}`)
			return
		}
		users := make([]string, len(pages[page]))
		for i, id := range pages[page] {
			users[i] = fmt.Sprintf(`{"sid":"US%032d","identity":%q,"is_online":null}`, page*10+i, id)
		}
		next := "null"
		if page+1 < len(pages) {
			host := "http://" + r.Host
			if nextHost != "" && page == 0 {
				host = nextHost
			}
			next = strconv.Quote(fmt.Sprintf("%s%s?PageSize=2&Page=%d&PageToken=PT%d", host, path, page+1, page+1))
		}
		reply(w, 200, fmt.Sprintf(`{"users":[%s],"meta":{"key":"users","page":%d,"page_size":2,"next_page_url":%s,"unknown":true}}`,
			strings.Join(users, ","), page, next))
	})
}

func ids(steps []step) []string {
	var out []string
	for _, s := range steps {
		if s.err != nil {
			out = append(out, "error")
			continue
		}
		out = append(out, s.id)
	}
	return out
}

func TestListUsersAll(t *testing.T) {
	for _, a := range apis {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			run := func(name string, ps twilio.Opt[int], limit int, wantIDs []string, wantQueries ...url.Values) {
				t.Helper()
				rec := pager(t, a.path, "")
				steps, err := a.listAll(ctx, rec.opts(), ps, limit, nil)
				if err != nil {
					t.Fatal(err)
				}
				if got := ids(steps); !reflect.DeepEqual(got, wantIDs) {
					t.Errorf("%s: yielded %v, want %v", name, got, wantIDs)
				}
				reqs := rec.requests()
				if len(reqs) != len(wantQueries) {
					t.Fatalf("%s: %d page requests, want %d", name, len(reqs), len(wantQueries))
				}
				for i, r := range reqs {
					if r.Method != "GET" || r.Path != a.path || !sameValues(r.Query, wantQueries[i]) {
						t.Errorf("%s: request %d: %s %s ?%v, want GET %s ?%v", name, i, r.Method, r.Path, r.Query, a.path, wantQueries[i])
					}
					if r.User != accSID || r.Pass != authToken || !strings.HasSuffix(r.Header.Get("User-Agent"), uaSuffix) {
						t.Errorf("%s: request %d: auth %q:%q, UA %q", name, i, r.User, r.Pass, r.Header.Get("User-Agent"))
					}
				}
			}
			p1 := url.Values{"PageSize": {"2"}, "Page": {"1"}, "PageToken": {"PT1"}}
			p2 := url.Values{"PageSize": {"2"}, "Page": {"2"}, "PageToken": {"PT2"}}
			all := []string{"u1", "u2", "u3", "u4", "u5"}
			run("limit 0", twilio.Some(2), 0, all, url.Values{"PageSize": {"2"}}, p1, p2)
			run("no PageSize, limit above the default", twilio.Opt[int]{}, 51, all, nil, p1, p2)
			run("limit 3, PageSize 2", twilio.Some(2), 3, all[:3], url.Values{"PageSize": {"2"}}, p1)
			// limit < default page size: PageSize is lowered to the limit.
			run("limit 3, no PageSize", twilio.Opt[int]{}, 3, all[:3], url.Values{"PageSize": {"3"}}, p1)
			run("limit 2 fits the first page", twilio.Opt[int]{}, 2, all[:2], url.Values{"PageSize": {"2"}})

			// A next page on another server is refused; that server gets nothing.
			other := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, 200, `{"users":[]}`) })
			rec := pager(t, a.path, other.URL)
			steps, err := a.listAll(ctx, rec.opts(), twilio.Opt[int]{}, 0, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(steps); !reflect.DeepEqual(got, []string{"u1", "u2", "error"}) {
				t.Errorf("foreign next: yielded %v", got)
			} else if msg := steps[2].err.Error(); !strings.Contains(msg, "refusing") || strings.Contains(msg, authToken) {
				t.Errorf("foreign next: error %q", msg)
			}
			if n := len(other.requests()); n != 0 {
				t.Errorf("foreign server got %d requests", n)
			}
			if n := len(rec.requests()); n != 1 {
				t.Errorf("foreign next: own server got %d requests, want 1", n)
			}

			// Cancelling the context mid-paging ends with the context error.
			rec = pager(t, a.path, "")
			cctx, cancel := context.WithCancel(ctx)
			defer cancel()
			steps, err = a.listAll(cctx, rec.opts(), twilio.Some(2), 0, cancel)
			if err != nil {
				t.Fatal(err)
			}
			if len(steps) == 0 {
				t.Fatal("cancel: nothing yielded")
			}
			last := steps[len(steps)-1]
			if last.err == nil || !errors.Is(last.err, context.Canceled) {
				t.Errorf("cancel: last step %+v, want context.Canceled", last)
			}
			for _, s := range steps[:len(steps)-1] {
				if s.err != nil {
					t.Errorf("cancel: more than one error: %v", steps)
				}
			}
			if got := ids(steps); len(got) > 3 || got[0] != "u1" {
				t.Errorf("cancel: yielded %v, want items of the first page only, then the error", got)
			}
			if n := len(rec.requests()); n != 1 {
				t.Errorf("cancel: %d page requests, want 1", n)
			}
		})
	}
}

// TestDotIdentities: identities "." and ".." are refused before sending:
// however escaped, a normalizing proxy may turn them into dot-segments, and
// ".." would then address the service itself.
func TestDotIdentities(t *testing.T) {
	rec := newRecorder(t, nil)
	c, err := chatv2.NewClient(rec.opts()...)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{".", ".."} {
		err := c.DeleteUser(context.Background(), svcSID, twilio.UserRefIdentity(id))
		var pe *chatv2.ParamError
		if !errors.As(err, &pe) || pe.Param != "Sid" {
			t.Errorf("DeleteUser(%q) = %v, want a ParamError for Sid", id, err)
		}
	}
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// TestListAllValidatesBeforeLimiting: a PageSize above the maximum is an
// error even with a limit that would have lowered it.
func TestListAllValidatesBeforeLimiting(t *testing.T) {
	rec := newRecorder(t, nil)
	c, err := chatv2.NewClient(rec.opts()...)
	if err != nil {
		t.Fatal(err)
	}
	var got error
	for _, err := range c.ListUsersAll(context.Background(), svcSID, chatv2.ListUsersParams{PageSize: chatv2.Some(5000)}, 3) {
		got = err
	}
	var pe *chatv2.ParamError
	if !errors.As(got, &pe) || pe.Param != "PageSize" {
		t.Errorf("error %v, want a ParamError for PageSize", got)
	}
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
