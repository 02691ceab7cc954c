package fake

import (
	"context"
	"net/url"
	"strconv"

	"github.com/apigen-dev/apigen/generated/chatv1"
	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// apiDesc is what differs between the three APIs, apart from their types.
type apiDesc struct {
	id             apiID
	family         family            // whose users it shares
	version        string            // path prefix, such as "/v2"
	defaultBase    string            // base URL when the context has none
	serviceParam   string            // name of the service SID path parameter
	links          map[string]string // links key -> path below the user's URL
	listAttributes bool              // whether lists send attributes
}

var (
	chatV1API = &apiDesc{
		id:           apiChatV1,
		family:       familyChatV1,
		version:      "/v1",
		defaultBase:  chatv1.DefaultBaseURL,
		serviceParam: "ServiceSid",
		links:        map[string]string{"user_channels": "/Channels"},
		// Chat v1 documents attributes as "only displayed in a FETCH
		// action that returns a single resource; otherwise, it's null".
		listAttributes: false,
	}
	chatV2API = &apiDesc{
		id:             apiChatV2,
		family:         familyChat,
		version:        "/v2",
		defaultBase:    chatv2.DefaultBaseURL,
		serviceParam:   "ServiceSid",
		links:          map[string]string{"user_channels": "/Channels", "user_bindings": "/Bindings"},
		listAttributes: true,
	}
	conversationsV1API = &apiDesc{
		id:             apiConversationsV1,
		family:         familyChat,
		version:        "/v1",
		defaultBase:    conversationsv1.DefaultBaseURL,
		serviceParam:   "ChatServiceSid",
		links:          map[string]string{"user_conversations": "/Conversations"},
		listAttributes: true,
	}
)

// usersPath returns the path of the Users of service svc.
func (a *apiDesc) usersPath(svc twilio.ServiceSID) string {
	return a.version + "/Services/" + string(svc) + "/Users"
}

// key returns the namespace of service svc for the account of ctx.
func (a *apiDesc) key(ctx context.Context, svc twilio.ServiceSID) (spaceKey, error) {
	acct, err := account(ctx)
	if err != nil {
		return spaceKey{}, err
	}
	if err := checkService(a.serviceParam, svc); err != nil {
		return spaceKey{}, err
	}
	return spaceKey{account: acct, family: a.family, service: canonicalSID(svc)}, nil
}

// base returns the base URL of the answers to the request of ctx.
func (a *apiDesc) base(ctx context.Context) string {
	if b, ok := BaseFromContext(ctx); ok {
		return b
	}
	return a.defaultBase
}

// view is a user as every API shows it; the adapters copy it into their
// own User type.
type view struct {
	sid          twilio.Null[twilio.UserSID]
	account      twilio.Null[twilio.AccountSID]
	service      twilio.Null[twilio.ServiceSID]
	attributes   twilio.Null[twilio.JSONString]
	friendlyName twilio.Null[string]
	roleSID      twilio.Null[twilio.RoleSID]
	identity     twilio.Null[string]
	created      twilio.Null[twilio.Time]
	updated      twilio.Null[twilio.Time]
	links        map[string]string
	url          twilio.Null[string]
}

// view returns r as API a shows it on base; inList says whether it is an
// item of a list page.
func (a *apiDesc) view(base string, r record, inList bool) view {
	u := base + a.usersPath(r.service) + "/" + string(r.sid)
	links := make(map[string]string, len(a.links))
	for k, p := range a.links {
		links[k] = u + p
	}
	v := view{
		sid:          twilio.NullOf(r.sid),
		account:      twilio.NullOf(r.account),
		service:      twilio.NullOf(r.service),
		friendlyName: r.friendlyName,
		roleSID:      r.roleSID,
		identity:     twilio.NullOf(r.identity),
		created:      twilio.NullOf(twilio.Time{Time: r.created}),
		updated:      twilio.NullOf(twilio.Time{Time: r.updated}),
		links:        links,
		url:          twilio.NullOf(u),
	}
	if !inList || a.listAttributes {
		v.attributes = twilio.NullOf(r.attributes)
	}
	return v
}

// meta returns the page meta of res, a page of service svc's users.
func (a *apiDesc) meta(base string, svc twilio.ServiceSID, res listResult) twilio.PageMeta {
	pageURL := func(page int, token string) string {
		q := url.Values{}
		q.Set("PageSize", strconv.Itoa(res.pageSize))
		q.Set("Page", strconv.Itoa(page))
		if token != "" {
			q.Set("PageToken", token)
		}
		return base + a.usersPath(svc) + "?" + q.Encode()
	}
	m := twilio.PageMeta{
		Page:         res.page,
		PageSize:     res.pageSize,
		FirstPageURL: pageURL(0, ""),
		URL:          pageURL(res.page, res.token),
		Key:          "users",
	}
	if res.prev != "" {
		m.PreviousPageURL = twilio.NullOf(pageURL(res.page-1, res.prev))
	}
	if res.next != "" {
		m.NextPageURL = twilio.NullOf(pageURL(res.page+1, res.next))
	}
	return m
}

// The operations, in the terms the three APIs share. They check what the
// generated handlers check too, so that an adapter called directly is as
// strict as one behind NewHandler.

func (st *Store) createUser(ctx context.Context, a *apiDesc, svc twilio.ServiceSID, in createInput) (view, error) {
	key, err := a.key(ctx, svc)
	if err != nil {
		return view{}, err
	}
	if in.identity == "" {
		return view{}, &twilio.ParamError{Param: "Identity", Reason: "is required"}
	}
	r, err := st.create(key, in)
	if err != nil {
		return view{}, err
	}
	return a.view(a.base(ctx), r, false), nil
}

func (st *Store) fetchUser(ctx context.Context, a *apiDesc, svc twilio.ServiceSID, ref twilio.UserRef) (view, error) {
	key, err := a.key(ctx, svc)
	if err != nil {
		return view{}, err
	}
	if err := checkRef(ref); err != nil {
		return view{}, err
	}
	r, ok := st.fetch(key, ref)
	if !ok {
		return view{}, notFound(a.usersPath(svc), ref)
	}
	return a.view(a.base(ctx), r, false), nil
}

func (st *Store) updateUser(ctx context.Context, a *apiDesc, svc twilio.ServiceSID, ref twilio.UserRef, in updateInput) (view, error) {
	key, err := a.key(ctx, svc)
	if err != nil {
		return view{}, err
	}
	if err := checkRef(ref); err != nil {
		return view{}, err
	}
	r, ok := st.update(key, ref, in)
	if !ok {
		return view{}, notFound(a.usersPath(svc), ref)
	}
	return a.view(a.base(ctx), r, false), nil
}

func (st *Store) deleteUser(ctx context.Context, a *apiDesc, svc twilio.ServiceSID, ref twilio.UserRef) error {
	key, err := a.key(ctx, svc)
	if err != nil {
		return err
	}
	if err := checkRef(ref); err != nil {
		return err
	}
	if !st.delete(key, ref) {
		return notFound(a.usersPath(svc), ref)
	}
	return nil
}

func (st *Store) listUsers(ctx context.Context, a *apiDesc, svc twilio.ServiceSID, in listInput) ([]view, twilio.PageMeta, error) {
	key, err := a.key(ctx, svc)
	if err != nil {
		return nil, twilio.PageMeta{}, err
	}
	res, err := st.list(key, a.id, in)
	if err != nil {
		return nil, twilio.PageMeta{}, err
	}
	base := a.base(ctx)
	views := make([]view, len(res.users))
	for i, r := range res.users {
		views[i] = a.view(base, r, true)
	}
	return views, a.meta(base, key.service, res), nil
}

// Chat v1.

// chatV1Server is the Chat v1 adapter.
type chatV1Server struct{ st *Store }

// NewChatV1 returns the Chat v1 Users API backed by st. The account it acts
// for comes from the context (see [ContextWithAccount]); without one every
// operation is 401.
func NewChatV1(st *Store) chatv1.Server { return chatV1Server{st} }

func chatV1User(v view) *chatv1.User {
	return &chatv1.User{
		SID: v.sid, AccountSID: v.account, ServiceSID: v.service,
		Attributes: v.attributes, FriendlyName: v.friendlyName, RoleSID: v.roleSID,
		Identity: v.identity, DateCreated: v.created, DateUpdated: v.updated,
		JoinedChannelsCount: 0, Links: v.links, URL: v.url,
	}
}

func (s chatV1Server) CreateUser(ctx context.Context, svc twilio.ServiceSID, p chatv1.CreateUserParams) (*chatv1.User, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	v, err := s.st.createUser(ctx, chatV1API, svc, createInput{
		identity: p.Identity, friendlyName: p.FriendlyName, attributes: p.Attributes, roleSID: p.RoleSID,
	})
	if err != nil {
		return nil, err
	}
	return chatV1User(v), nil
}

func (s chatV1Server) DeleteUser(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) error {
	return s.st.deleteUser(ctx, chatV1API, svc, ref)
}

func (s chatV1Server) FetchUser(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) (*chatv1.User, error) {
	v, err := s.st.fetchUser(ctx, chatV1API, svc, ref)
	if err != nil {
		return nil, err
	}
	return chatV1User(v), nil
}

func (s chatV1Server) ListUsers(ctx context.Context, svc twilio.ServiceSID, p chatv1.ListUsersParams) (*chatv1.UserList, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	views, meta, err := s.st.listUsers(ctx, chatV1API, svc, listInput{p.PageSize, p.Page, p.PageToken})
	if err != nil {
		return nil, err
	}
	out := &chatv1.UserList{Users: make([]chatv1.User, len(views)), Meta: meta}
	for i, v := range views {
		out.Users[i] = *chatV1User(v)
	}
	return out, nil
}

func (s chatV1Server) UpdateUser(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef, p chatv1.UpdateUserParams) (*chatv1.User, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	v, err := s.st.updateUser(ctx, chatV1API, svc, ref, updateInput{
		friendlyName: p.FriendlyName, attributes: p.Attributes, roleSID: p.RoleSID,
	})
	if err != nil {
		return nil, err
	}
	return chatV1User(v), nil
}

// Chat v2.

// chatV2Server is the Chat v2 adapter.
type chatV2Server struct{ st *Store }

// NewChatV2 returns the Chat v2 Users API backed by st. The account it acts
// for comes from the context (see [ContextWithAccount]); without one every
// operation is 401. The X-Twilio-Webhook-Enabled header is checked and
// otherwise ignored: the fake has no webhooks.
func NewChatV2(st *Store) chatv2.Server { return chatV2Server{st} }

func chatV2User(v view) *chatv2.User {
	return &chatv2.User{
		SID: v.sid, AccountSID: v.account, ServiceSID: v.service,
		Attributes: v.attributes, FriendlyName: v.friendlyName, RoleSID: v.roleSID,
		Identity: v.identity, DateCreated: v.created, DateUpdated: v.updated,
		JoinedChannelsCount: 0, Links: v.links, URL: v.url,
	}
}

func (s chatV2Server) CreateUser(ctx context.Context, svc twilio.ServiceSID, p chatv2.CreateUserParams) (*chatv2.User, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	v, err := s.st.createUser(ctx, chatV2API, svc, createInput{
		identity: p.Identity, friendlyName: p.FriendlyName, attributes: p.Attributes, roleSID: p.RoleSID,
	})
	if err != nil {
		return nil, err
	}
	return chatV2User(v), nil
}

func (s chatV2Server) DeleteUser(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) error {
	return s.st.deleteUser(ctx, chatV2API, svc, ref)
}

func (s chatV2Server) FetchUser(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) (*chatv2.User, error) {
	v, err := s.st.fetchUser(ctx, chatV2API, svc, ref)
	if err != nil {
		return nil, err
	}
	return chatV2User(v), nil
}

func (s chatV2Server) ListUsers(ctx context.Context, svc twilio.ServiceSID, p chatv2.ListUsersParams) (*chatv2.UserList, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	views, meta, err := s.st.listUsers(ctx, chatV2API, svc, listInput{p.PageSize, p.Page, p.PageToken})
	if err != nil {
		return nil, err
	}
	out := &chatv2.UserList{Users: make([]chatv2.User, len(views)), Meta: meta}
	for i, v := range views {
		out.Users[i] = *chatV2User(v)
	}
	return out, nil
}

func (s chatV2Server) UpdateUser(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef, p chatv2.UpdateUserParams) (*chatv2.User, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	v, err := s.st.updateUser(ctx, chatV2API, svc, ref, updateInput{
		friendlyName: p.FriendlyName, attributes: p.Attributes, roleSID: p.RoleSID,
	})
	if err != nil {
		return nil, err
	}
	return chatV2User(v), nil
}

// Conversations v1.

// conversationsV1Server is the Conversations v1 adapter.
type conversationsV1Server struct{ st *Store }

// NewConversationsV1 returns the Conversations v1 Users API backed by st.
// The account it acts for comes from the context (see
// [ContextWithAccount]); without one every operation is 401. The
// X-Twilio-Webhook-Enabled header is checked and otherwise ignored.
func NewConversationsV1(st *Store) conversationsv1.Server { return conversationsV1Server{st} }

func conversationsV1User(v view) *conversationsv1.User {
	return &conversationsv1.User{
		SID: v.sid, AccountSID: v.account, ChatServiceSID: v.service,
		Attributes: v.attributes, FriendlyName: v.friendlyName, RoleSID: v.roleSID,
		Identity: v.identity, DateCreated: v.created, DateUpdated: v.updated,
		Links: v.links, URL: v.url,
	}
}

func (s conversationsV1Server) CreateUser(ctx context.Context, svc twilio.ServiceSID, p conversationsv1.CreateUserParams) (*conversationsv1.User, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	v, err := s.st.createUser(ctx, conversationsV1API, svc, createInput{
		identity: p.Identity, friendlyName: p.FriendlyName, attributes: p.Attributes, roleSID: p.RoleSID,
	})
	if err != nil {
		return nil, err
	}
	return conversationsV1User(v), nil
}

func (s conversationsV1Server) DeleteUser(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef, p conversationsv1.DeleteUserParams) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.st.deleteUser(ctx, conversationsV1API, svc, ref)
}

func (s conversationsV1Server) FetchUser(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef) (*conversationsv1.User, error) {
	v, err := s.st.fetchUser(ctx, conversationsV1API, svc, ref)
	if err != nil {
		return nil, err
	}
	return conversationsV1User(v), nil
}

func (s conversationsV1Server) ListUsers(ctx context.Context, svc twilio.ServiceSID, p conversationsv1.ListUsersParams) (*conversationsv1.UserList, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	views, meta, err := s.st.listUsers(ctx, conversationsV1API, svc, listInput{p.PageSize, p.Page, p.PageToken})
	if err != nil {
		return nil, err
	}
	out := &conversationsv1.UserList{Users: make([]conversationsv1.User, len(views)), Meta: meta}
	for i, v := range views {
		out.Users[i] = *conversationsV1User(v)
	}
	return out, nil
}

func (s conversationsV1Server) UpdateUser(ctx context.Context, svc twilio.ServiceSID, ref twilio.UserRef, p conversationsv1.UpdateUserParams) (*conversationsv1.User, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	v, err := s.st.updateUser(ctx, conversationsV1API, svc, ref, updateInput{
		friendlyName: p.FriendlyName, attributes: p.Attributes, roleSID: p.RoleSID,
	})
	if err != nil {
		return nil, err
	}
	return conversationsV1User(v), nil
}
