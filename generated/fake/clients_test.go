package fake

import (
	"context"
	"iter"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apigen-dev/apigen/generated/chatv1"
	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// This file holds the test harness: servers, and one wrapper per generated
// client so that the tests run the same scenario against all three APIs.

const (
	token    = "test-auth-token"
	account1 = twilio.AccountSID("AC0123456789abcdef0123456789abcdef")
	account2 = twilio.AccountSID("ACfedcba9876543210fedcba9876543210")
	service1 = twilio.ServiceSID("IS00000000000000000000000000000001")
	service2 = twilio.ServiceSID("IS00000000000000000000000000000002")
	role1    = twilio.RoleSID("RL0000000000000000000000000000000a")
)

// clockStart is the first time the test clock gives.
var clockStart = time.Date(2024, 5, 6, 7, 8, 9, 500_000_000, time.UTC)

// testClock returns a clock that starts at clockStart and moves one second
// on every call.
func testClock() func() time.Time {
	var n atomic.Int64
	return func() time.Time {
		return clockStart.Add(time.Duration(n.Add(1)-1) * time.Second)
	}
}

// env is a running fake: its store and the URLs of its two servers.
type env struct {
	st      *Store
	chat    *httptest.Server
	conv    *httptest.Server
	chatURL string
	convURL string
}

// newEnv starts a fake with a test clock on two httptest servers.
func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvConfig(t, Config{Store: NewStore(WithClock(testClock())), AuthToken: token})
}

// newEnvConfig starts a fake configured by cfg on two httptest servers;
// base URLs that cfg leaves empty are the servers', and a nil Store a new
// one.
func newEnvConfig(t *testing.T, cfg Config) *env {
	t.Helper()
	e := &env{chat: httptest.NewUnstartedServer(nil), conv: httptest.NewUnstartedServer(nil)}
	t.Cleanup(e.chat.Close)
	t.Cleanup(e.conv.Close)
	e.chatURL, e.convURL = "http://"+e.chat.Listener.Addr().String(), "http://"+e.conv.Listener.Addr().String()
	if cfg.ChatBaseURL == "" {
		cfg.ChatBaseURL = e.chatURL
	}
	if cfg.ConversationsBaseURL == "" {
		cfg.ConversationsBaseURL = e.convURL
	}
	if cfg.Store == nil {
		cfg.Store = NewStore()
	}
	e.st = cfg.Store
	chat, conv, err := NewHandlers(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.chat.Config.Handler, e.conv.Config.Handler = chat, conv
	e.chat.Start()
	e.conv.Start()
	return e
}

// user is a User of any of the three APIs.
type user struct {
	SID                 twilio.Null[twilio.UserSID]
	AccountSID          twilio.Null[twilio.AccountSID]
	ServiceSID          twilio.Null[twilio.ServiceSID]
	Attributes          twilio.Null[twilio.JSONString]
	FriendlyName        twilio.Null[string]
	RoleSID             twilio.Null[twilio.RoleSID]
	Identity            twilio.Null[string]
	IsOnline            twilio.Null[bool]
	IsNotifiable        twilio.Null[bool]
	DateCreated         twilio.Null[twilio.Time]
	DateUpdated         twilio.Null[twilio.Time]
	JoinedChannelsCount int // -1 for Conversations, which has none
	Links               map[string]string
	URL                 twilio.Null[string]
}

// page is a list page of any of the three APIs.
type page struct {
	Users []user
	Meta  twilio.PageMeta
}

// createParams and updateParams are the parameters the APIs share.
type createParams struct {
	Identity     string
	FriendlyName twilio.Opt[string]
	Attributes   twilio.Opt[twilio.JSONString]
	RoleSID      twilio.Opt[twilio.RoleSID]
}

type updateParams struct {
	FriendlyName twilio.Opt[string]
	Attributes   twilio.Opt[twilio.JSONString]
	RoleSID      twilio.Opt[twilio.RoleSID]
}

type listParams struct {
	PageSize  twilio.Opt[int]
	Page      twilio.Opt[int]
	PageToken twilio.Opt[string]
}

// client is one generated client behind the shared vocabulary.
type client interface {
	Create(ctx context.Context, svc twilio.ServiceSID, p createParams) (user, error)
	Fetch(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) (user, error)
	Update(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef, p updateParams) (user, error)
	Delete(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) error
	List(ctx context.Context, svc twilio.ServiceSID, p listParams) (page, error)
	All(ctx context.Context, svc twilio.ServiceSID, p listParams, limit int) iter.Seq2[user, error]
}

// api describes one API for the table-driven tests.
type api struct {
	name        string
	prefix      string // path prefix of the Users, before the service SID
	maxPageSize int
	links       []string // links keys
	listAttrs   bool     // whether list items carry attributes
	webhookHdr  bool     // whether create and update take X-Twilio-Webhook-Enabled
	serviceName string   // name of the service SID path parameter
	base        func(e *env) string
	connect     func(t *testing.T, baseURL string, account twilio.AccountSID, tok string) client
}

var apis = []api{
	{
		name: "chatv1", prefix: "/v1/Services/", maxPageSize: 1000,
		links: []string{"user_channels"}, listAttrs: false, serviceName: "ServiceSid",
		base:    func(e *env) string { return e.chatURL },
		connect: connectChatV1,
	},
	{
		name: "chatv2", prefix: "/v2/Services/", maxPageSize: 100,
		links: []string{"user_bindings", "user_channels"}, listAttrs: true, webhookHdr: true, serviceName: "ServiceSid",
		base:    func(e *env) string { return e.chatURL },
		connect: connectChatV2,
	},
	{
		name: "conversationsv1", prefix: "/v1/Services/", maxPageSize: 50,
		links: []string{"user_conversations"}, listAttrs: true, webhookHdr: true, serviceName: "ChatServiceSid",
		base:    func(e *env) string { return e.convURL },
		connect: connectConversationsV1,
	},
}

// testHTTPClient keeps enough idle connections for the concurrent tests,
// which would otherwise open a connection per request.
var testHTTPClient = &http.Client{
	Timeout:   10 * time.Second,
	Transport: &http.Transport{MaxIdleConns: 200, MaxIdleConnsPerHost: 100},
}

// clientOptions are the options every test client gets: no retries, so
// that a failure shows at once.
func clientOptions(baseURL string, account twilio.AccountSID, tok string) []twilio.ClientOption {
	return []twilio.ClientOption{
		twilio.WithBaseURL(baseURL),
		twilio.WithCredentials(string(account), tok),
		twilio.WithRetry(twilio.RetryPolicy{MaxAttempts: 1}),
		twilio.WithHTTPClient(testHTTPClient),
	}
}

// forEachAPI runs f as a subtest per API, each with its own fake.
func forEachAPI(t *testing.T, f func(t *testing.T, a api, e *env, c client)) {
	for _, a := range apis {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			f(t, a, e, a.connect(t, a.base(e), account1, token))
		})
	}
}

// Chat v1.

type chatV1Client struct{ c *chatv1.Client }

func connectChatV1(t *testing.T, baseURL string, account twilio.AccountSID, tok string) client {
	t.Helper()
	c, err := chatv1.NewClient(clientOptions(baseURL, account, tok)...)
	if err != nil {
		t.Fatal(err)
	}
	return chatV1Client{c}
}

func fromChatV1(u *chatv1.User) user {
	return user{
		SID: u.SID, AccountSID: u.AccountSID, ServiceSID: u.ServiceSID, Attributes: u.Attributes,
		FriendlyName: u.FriendlyName, RoleSID: u.RoleSID, Identity: u.Identity, IsOnline: u.IsOnline,
		IsNotifiable: u.IsNotifiable, DateCreated: u.DateCreated, DateUpdated: u.DateUpdated,
		JoinedChannelsCount: u.JoinedChannelsCount, Links: u.Links, URL: u.URL,
	}
}

func (c chatV1Client) Create(ctx context.Context, svc twilio.ServiceSID, p createParams) (user, error) {
	u, err := c.c.CreateUser(ctx, svc, chatv1.CreateUserParams{
		Identity: p.Identity, FriendlyName: p.FriendlyName, Attributes: p.Attributes, RoleSID: p.RoleSID,
	})
	if err != nil {
		return user{}, err
	}
	return fromChatV1(u), nil
}

func (c chatV1Client) Fetch(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) (user, error) {
	u, err := c.c.FetchUser(ctx, svc, ref)
	if err != nil {
		return user{}, err
	}
	return fromChatV1(u), nil
}

func (c chatV1Client) Update(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef, p updateParams) (user, error) {
	u, err := c.c.UpdateUser(ctx, svc, ref, chatv1.UpdateUserParams{
		FriendlyName: p.FriendlyName, Attributes: p.Attributes, RoleSID: p.RoleSID,
	})
	if err != nil {
		return user{}, err
	}
	return fromChatV1(u), nil
}

func (c chatV1Client) Delete(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) error {
	return c.c.DeleteUser(ctx, svc, ref)
}

func (c chatV1Client) List(ctx context.Context, svc twilio.ServiceSID, p listParams) (page, error) {
	l, err := c.c.ListUsers(ctx, svc, chatv1.ListUsersParams{PageSize: p.PageSize, Page: p.Page, PageToken: p.PageToken})
	if err != nil {
		return page{}, err
	}
	out := page{Meta: l.Meta, Users: []user{}}
	for i := range l.Users {
		out.Users = append(out.Users, fromChatV1(&l.Users[i]))
	}
	return out, nil
}

func (c chatV1Client) All(ctx context.Context, svc twilio.ServiceSID, p listParams, limit int) iter.Seq2[user, error] {
	return func(yield func(user, error) bool) {
		for u, err := range c.c.ListUsersAll(ctx, svc, chatv1.ListUsersParams{PageSize: p.PageSize, Page: p.Page, PageToken: p.PageToken}, limit) {
			if !yield(fromChatV1(&u), err) {
				return
			}
		}
	}
}

// Chat v2.

type chatV2Client struct{ c *chatv2.Client }

func connectChatV2(t *testing.T, baseURL string, account twilio.AccountSID, tok string) client {
	t.Helper()
	c, err := chatv2.NewClient(clientOptions(baseURL, account, tok)...)
	if err != nil {
		t.Fatal(err)
	}
	return chatV2Client{c}
}

func fromChatV2(u *chatv2.User) user {
	return user{
		SID: u.SID, AccountSID: u.AccountSID, ServiceSID: u.ServiceSID, Attributes: u.Attributes,
		FriendlyName: u.FriendlyName, RoleSID: u.RoleSID, Identity: u.Identity, IsOnline: u.IsOnline,
		IsNotifiable: u.IsNotifiable, DateCreated: u.DateCreated, DateUpdated: u.DateUpdated,
		JoinedChannelsCount: u.JoinedChannelsCount, Links: u.Links, URL: u.URL,
	}
}

func (c chatV2Client) Create(ctx context.Context, svc twilio.ServiceSID, p createParams) (user, error) {
	u, err := c.c.CreateUser(ctx, svc, chatv2.CreateUserParams{
		Identity: p.Identity, FriendlyName: p.FriendlyName, Attributes: p.Attributes, RoleSID: p.RoleSID,
		XTwilioWebhookEnabled: chatv2.Some(chatv2.WebhookEnabledFalse),
	})
	if err != nil {
		return user{}, err
	}
	return fromChatV2(u), nil
}

func (c chatV2Client) Fetch(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) (user, error) {
	u, err := c.c.FetchUser(ctx, svc, ref)
	if err != nil {
		return user{}, err
	}
	return fromChatV2(u), nil
}

func (c chatV2Client) Update(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef, p updateParams) (user, error) {
	u, err := c.c.UpdateUser(ctx, svc, ref, chatv2.UpdateUserParams{
		FriendlyName: p.FriendlyName, Attributes: p.Attributes, RoleSID: p.RoleSID,
	})
	if err != nil {
		return user{}, err
	}
	return fromChatV2(u), nil
}

func (c chatV2Client) Delete(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) error {
	return c.c.DeleteUser(ctx, svc, ref)
}

func (c chatV2Client) List(ctx context.Context, svc twilio.ServiceSID, p listParams) (page, error) {
	l, err := c.c.ListUsers(ctx, svc, chatv2.ListUsersParams{PageSize: p.PageSize, Page: p.Page, PageToken: p.PageToken})
	if err != nil {
		return page{}, err
	}
	out := page{Meta: l.Meta, Users: []user{}}
	for i := range l.Users {
		out.Users = append(out.Users, fromChatV2(&l.Users[i]))
	}
	return out, nil
}

func (c chatV2Client) All(ctx context.Context, svc twilio.ServiceSID, p listParams, limit int) iter.Seq2[user, error] {
	return func(yield func(user, error) bool) {
		for u, err := range c.c.ListUsersAll(ctx, svc, chatv2.ListUsersParams{PageSize: p.PageSize, Page: p.Page, PageToken: p.PageToken}, limit) {
			if !yield(fromChatV2(&u), err) {
				return
			}
		}
	}
}

// Conversations v1.

type conversationsV1Client struct{ c *conversationsv1.Client }

func connectConversationsV1(t *testing.T, baseURL string, account twilio.AccountSID, tok string) client {
	t.Helper()
	c, err := conversationsv1.NewClient(clientOptions(baseURL, account, tok)...)
	if err != nil {
		t.Fatal(err)
	}
	return conversationsV1Client{c}
}

func fromConversationsV1(u *conversationsv1.User) user {
	return user{
		SID: u.SID, AccountSID: u.AccountSID, ServiceSID: u.ChatServiceSID, Attributes: u.Attributes,
		FriendlyName: u.FriendlyName, RoleSID: u.RoleSID, Identity: u.Identity, IsOnline: u.IsOnline,
		IsNotifiable: u.IsNotifiable, DateCreated: u.DateCreated, DateUpdated: u.DateUpdated,
		JoinedChannelsCount: -1, Links: u.Links, URL: u.URL,
	}
}

func (c conversationsV1Client) Create(ctx context.Context, svc twilio.ServiceSID, p createParams) (user, error) {
	u, err := c.c.CreateUser(ctx, svc, conversationsv1.CreateUserParams{
		Identity: p.Identity, FriendlyName: p.FriendlyName, Attributes: p.Attributes, RoleSID: p.RoleSID,
	})
	if err != nil {
		return user{}, err
	}
	return fromConversationsV1(u), nil
}

func (c conversationsV1Client) Fetch(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) (user, error) {
	u, err := c.c.FetchUser(ctx, svc, ref)
	if err != nil {
		return user{}, err
	}
	return fromConversationsV1(u), nil
}

func (c conversationsV1Client) Update(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef, p updateParams) (user, error) {
	u, err := c.c.UpdateUser(ctx, svc, ref, conversationsv1.UpdateUserParams{
		FriendlyName: p.FriendlyName, Attributes: p.Attributes, RoleSID: p.RoleSID,
		XTwilioWebhookEnabled: conversationsv1.Some(conversationsv1.WebhookEnabledTrue),
	})
	if err != nil {
		return user{}, err
	}
	return fromConversationsV1(u), nil
}

func (c conversationsV1Client) Delete(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) error {
	return c.c.DeleteUser(ctx, svc, ref, conversationsv1.DeleteUserParams{})
}

func (c conversationsV1Client) List(ctx context.Context, svc twilio.ServiceSID, p listParams) (page, error) {
	l, err := c.c.ListUsers(ctx, svc, conversationsv1.ListUsersParams{PageSize: p.PageSize, Page: p.Page, PageToken: p.PageToken})
	if err != nil {
		return page{}, err
	}
	out := page{Meta: l.Meta, Users: []user{}}
	for i := range l.Users {
		out.Users = append(out.Users, fromConversationsV1(&l.Users[i]))
	}
	return out, nil
}

func (c conversationsV1Client) All(ctx context.Context, svc twilio.ServiceSID, p listParams, limit int) iter.Seq2[user, error] {
	return func(yield func(user, error) bool) {
		for u, err := range c.c.ListUsersAll(ctx, svc, conversationsv1.ListUsersParams{PageSize: p.PageSize, Page: p.Page, PageToken: p.PageToken}, limit) {
			if !yield(fromConversationsV1(&u), err) {
				return
			}
		}
	}
}

// rawRequest sends a request with Basic auth for account1 and the test
// token, and returns the response; the body is closed at the test's end.
func rawRequest(t *testing.T, method, url, contentType, body string, header http.Header) *http.Response {
	t.Helper()
	var req *http.Request
	var err error
	if body == "" {
		req, err = http.NewRequest(method, url, nil)
	} else {
		req, err = http.NewRequest(method, url, strings.NewReader(body))
	}
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	req.SetBasicAuth(string(account1), token)
	resp, err := testHTTPClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}
