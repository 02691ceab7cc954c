// Package fake is an in-memory fake of Twilio's three Users APIs (Chat v1,
// Chat v2 and Conversations v1), built on the generated server stubs.
//
// One [Store] holds the users of every API; [NewChatV1], [NewChatV2] and
// [NewConversationsV1] adapt it to each API's Server interface.
// [NewHandlers] wires everything into the two HTTP handlers a test or the
// fakeserver command serves: chat (v1 and v2 on one host, as
// chat.twilio.com does) and conversations. [NewServer] serves a handler
// within the bounds of a [ServerConfig]: timeouts, a header size cap and a
// cap on open connections that closes the longest idle one to make room, so
// that idle or slow clients cannot lock others out.
//
// Behaviour, where Twilio leaves room for choice:
//
//   - Accounts: HTTP Basic auth with any account SID and the configured auth
//     token ([Config].AuthToken) acts for that account; an API key SID (SK)
//     with its secret ([Config].APIKeys) acts for the account it is
//     configured with, as a Twilio API key acts for the account that made
//     it (Chat and Conversations URLs name no account). Anything else is
//     401 with code 20003.
//   - Namespaces: users are kept per account and service. Chat v2 and
//     Conversations v1 share them, as Twilio's do: Conversations "is built
//     on the Programmable Chat foundation", a Conversations service is a
//     Chat service (the same IS SID), and existing Chat users are "made
//     available automatically, with no data migration". A user created
//     through one is fetched, updated, listed and deleted through the
//     other, with the same SID and fields; only its url and links differ,
//     each API answering on its own host and version. Chat v1 keeps its own
//     users: nothing Twilio documents says that v1 shares its users with
//     v2 or Conversations, so the fake keeps the v1 store apart rather than
//     invent a sharing that tests could come to rely on.
//     Another account, or another service, never sees, changes or deletes
//     a user (it gets 404). Services need no setup: any well-formed service
//     SID works. SIDs are case-insensitive (the generated validators accept
//     both cases); the fake keys and answers them in lower-case hex.
//   - Identities are unique and case-sensitive within a namespace (so
//     across Chat v2 and Conversations v1); a duplicate create is 409 with
//     code 50201.
//   - A user is addressed by SID or identity. A reference that has the form
//     of a User SID is looked up as a SID first and, failing that, as an
//     identity, so an identity that looks like a SID still works.
//   - friendly_name is null until set; attributes default to "{}". A user
//     created without RoleSid gets its service's default role, as Twilio
//     gives it the service's default_service_role_sid: the fake has no
//     Service resource, so each service's default role is
//     [DefaultRoleSID], derived from the account and service SIDs, the same
//     through Chat v1, Chat v2 and Conversations v1 (a role belongs to the
//     service, whichever store keeps its users), so role_sid is never
//     null. Update changes only the parameters sent; FriendlyName= (empty)
//     sets the name to "". Every update sets date_updated.
//   - is_online and is_notifiable are always null, in fetches and lists
//     alike: that is what Twilio sends when the Service's
//     reachability_enabled is false, its default, and the fake has no
//     reachability.
//   - Chat v1 lists send attributes as null, as that API documents ("only
//     displayed in a FETCH action"); create, fetch and update send them.
//   - Memory is bounded: a Store keeps at most 10,000 users per namespace
//     and 1,000,000 in all by default ([WithMaxUsers]; the fakeserver's
//     -max-users-per-service and -max-users). A create beyond a cap is
//     429 with Twilio's code 20429 (Too Many Requests), the fake's choice:
//     Twilio documents no such cap, and 429 says "not now" without
//     blaming the request. It has no Retry-After: only a delete makes room.
//   - Rate limit: off by default; [Config].RateLimit (the fakeserver's
//     -rate) allows each account that many requests per second, in a token
//     bucket of [Config].RateBurst requests; beyond it a request is 429
//     with code 20429 and a Retry-After header in whole seconds, so that
//     clients' retry paths can be tested. It counts authenticated requests
//     only, per account, through both handlers together.
//   - Lists are in creation order. PageSize defaults to 50. PageToken is
//     opaque: it holds whether the page starts after or ends before an item,
//     and that item's creation sequence number within its namespace (so
//     paging is stable when users are deleted between pages, and a token
//     says nothing of other accounts or services), followed by an
//     HMAC-SHA256 of all that and the account, API and service, keyed by a
//     random key of the [Store]. A token is good only for the list it came
//     from: another account's, service's or API's (Chat v2 and
//     Conversations share users, not tokens), an edited or forged one, or
//     one from another Store (another run of the fakeserver) is 400 with
//     code 20001 for PageToken. A namespace whose last user is deleted
//     starts its sequence again. Without a
//     token, Page selects the page by offset (Page*PageSize); with one, Page
//     is only echoed, as Twilio documents ("simply for client state").
//   - URLs (url, links, meta) are absolute, on the API's configured public
//     base URL ([Config].ChatBaseURL, [Config].ConversationsBaseURL;
//     Twilio's by default), never on the request's Host header, which a
//     client may forge. An adapter called directly uses the base URL of its
//     context ([ContextWithBase]), or Twilio's.
package fake

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/apigen-dev/apigen/generated/twilio"
)

// defaultPageSize is the page size of a list that does not ask for one.
const defaultPageSize = 50

// Option configures a Store.
type Option func(*Store)

// WithClock makes the Store read the time from now instead of time.Now. The
// dates it stores are now() in UTC, truncated to the second. now is called
// with the Store's lock held, once per create and per successful update.
func WithClock(now func() time.Time) Option {
	return func(s *Store) {
		if now != nil {
			s.now = now
		}
	}
}

// Default caps on stored users (see [WithMaxUsers]).
const (
	DefaultMaxUsersPerService = 10_000
	DefaultMaxUsers           = 1_000_000
)

// WithMaxUsers caps the users the Store keeps: perService in one namespace
// (one service of one account, see the package documentation), total in
// all. A create beyond either cap is 429 Too Many Requests with code 20429.
// Zero or less means no cap. The defaults are [DefaultMaxUsersPerService]
// and [DefaultMaxUsers].
func WithMaxUsers(perService, total int) Option {
	return func(s *Store) {
		s.maxPerSpace, s.maxTotal = max(perService, 0), max(total, 0)
	}
}

// Store is the in-memory state shared by the three API adapters. It is safe
// for concurrent use: every operation holds one mutex.
type Store struct {
	now func() time.Time

	// tokenKey is the HMAC key of the page tokens, random per Store.
	tokenKey [32]byte
	// maxPerSpace and maxTotal cap the users kept; 0 means no cap.
	maxPerSpace, maxTotal int

	mu     sync.Mutex
	spaces map[spaceKey]*space
	total  int // users in all spaces
}

// NewStore returns an empty Store.
func NewStore(opts ...Option) *Store {
	s := &Store{
		now:         time.Now,
		spaces:      map[spaceKey]*space{},
		maxPerSpace: DefaultMaxUsersPerService,
		maxTotal:    DefaultMaxUsers,
	}
	_, _ = rand.Read(s.tokenKey[:]) // crypto/rand.Read never fails
	for _, opt := range opts {
		if opt != nil {
			opt(s)
		}
	}
	return s
}

// apiID names one of the three APIs.
type apiID int

const (
	apiChatV1 apiID = iota + 1
	apiChatV2
	apiConversationsV1
)

// family names a set of APIs that share their users: Chat v2 and
// Conversations v1 are one, Chat v1 is another.
type family int

const (
	familyChatV1 family = iota + 1
	familyChat          // Chat v2 and Conversations v1
)

// spaceKey identifies a namespace of users: one service of one account, as
// one family of APIs sees it.
type spaceKey struct {
	account twilio.AccountSID
	family  family
	service twilio.ServiceSID
}

// space is the users of one namespace.
type space struct {
	seq        uint64    // creation sequence number of the last user created here
	users      []*record // in creation order (increasing seq)
	bySID      map[twilio.UserSID]*record
	byIdentity map[string]*record
}

// record is a stored user, in the terms the three APIs share.
type record struct {
	seq          uint64
	sid          twilio.UserSID
	account      twilio.AccountSID
	service      twilio.ServiceSID
	identity     string
	friendlyName twilio.Null[string]
	attributes   twilio.JSONString
	roleSID      twilio.Null[twilio.RoleSID]
	created      time.Time
	updated      time.Time
}

// createInput holds what a create sets.
type createInput struct {
	identity     string
	friendlyName twilio.Opt[string]
	attributes   twilio.Opt[twilio.JSONString]
	roleSID      twilio.Opt[twilio.RoleSID]
}

// updateInput holds what an update may change.
type updateInput struct {
	friendlyName twilio.Opt[string]
	attributes   twilio.Opt[twilio.JSONString]
	roleSID      twilio.Opt[twilio.RoleSID]
}

// listInput holds the paging parameters of a list.
type listInput struct {
	pageSize  twilio.Opt[int]
	page      twilio.Opt[int]
	pageToken twilio.Opt[string]
}

// listResult is one page of a list and where it sits.
type listResult struct {
	users    []record
	pageSize int
	page     int
	token    string // the token of this page, "" for none
	prev     string // token of the previous page, "" when there is none
	next     string // token of the next page, "" when there is none
}

// canonicalSID returns s with its hex digits in lower case.
func canonicalSID[S ~string](s S) S {
	if len(s) < 2 {
		return s
	}
	return S(string(s[:2]) + strings.ToLower(string(s[2:])))
}

// clock returns the current time as the store records it.
func (s *Store) clock() time.Time {
	return s.now().UTC().Truncate(time.Second)
}

// newUserSID returns a fresh random User SID: US and 32 lower-case hex
// digits.
func newUserSID() twilio.UserSID {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return twilio.UserSID(twilio.UserSIDPrefix + hex.EncodeToString(b[:]))
}

// DefaultRoleSID returns the default role of service svc of account acct,
// the default_service_role_sid that the fake gives a user created without
// RoleSid: RL and 32 lower-case hex digits, the first 16 bytes of the
// SHA-256 of the account and service SIDs (in lower case). It depends on
// nothing else, so it is the same in every API (Chat v1 included), every
// Store and every run, and a test can compute what to expect.
func DefaultRoleSID(acct twilio.AccountSID, svc twilio.ServiceSID) twilio.RoleSID {
	h := sha256.Sum256([]byte("apigen fake default role\x00" + string(canonicalSID(acct)) + "\x00" + string(canonicalSID(svc))))
	return twilio.RoleSID(twilio.RoleSIDPrefix + hex.EncodeToString(h[:16]))
}

// spaceFor returns the namespace of key, creating it when create is set; it
// returns nil when it does not exist and create is not set. s.mu is held.
func (s *Store) spaceFor(key spaceKey, create bool) *space {
	sp := s.spaces[key]
	if sp == nil && create {
		sp = &space{bySID: map[twilio.UserSID]*record{}, byIdentity: map[string]*record{}}
		s.spaces[key] = sp
	}
	return sp
}

// find returns the user that ref names in sp, or nil.
func (sp *space) find(ref twilio.UserRef) *record {
	if sp == nil {
		return nil
	}
	if sid, ok := ref.SID(); ok {
		if r := sp.bySID[canonicalSID(sid)]; r != nil {
			return r
		}
	}
	return sp.byIdentity[string(ref)]
}

// create stores a new user.
func (s *Store) create(key spaceKey, in createInput) (record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sp := s.spaces[key]; sp != nil && sp.byIdentity[in.identity] != nil {
		return record{}, twilio.Conflict(twilio.CodeUserExists,
			"User with identity "+in.identity+" already exists")
	}
	if s.maxTotal > 0 && s.total >= s.maxTotal {
		return record{}, twilio.NewError(http.StatusTooManyRequests, twilio.CodeTooManyRequests,
			"Too many users: the fake keeps at most "+strconv.Itoa(s.maxTotal)+" in all")
	}
	if sp := s.spaces[key]; s.maxPerSpace > 0 && sp != nil && len(sp.users) >= s.maxPerSpace {
		return record{}, twilio.NewError(http.StatusTooManyRequests, twilio.CodeTooManyRequests,
			"Too many users: the fake keeps at most "+strconv.Itoa(s.maxPerSpace)+" per service")
	}
	now := s.clock() // under the lock, so that dates follow creation order
	sp := s.spaceFor(key, true)
	sid := newUserSID()
	for sp.bySID[sid] != nil {
		sid = newUserSID()
	}
	sp.seq++
	r := &record{
		seq:        sp.seq,
		sid:        sid,
		account:    key.account,
		service:    key.service,
		identity:   in.identity,
		attributes: in.attributes.OrElse("{}"),
		created:    now,
		updated:    now,
	}
	if v, ok := in.friendlyName.Get(); ok {
		r.friendlyName = twilio.NullOf(v)
	}
	if v, ok := in.roleSID.Get(); ok {
		r.roleSID = twilio.NullOf(canonicalSID(v))
	} else {
		r.roleSID = twilio.NullOf(DefaultRoleSID(key.account, key.service))
	}
	sp.users = append(sp.users, r)
	s.total++
	sp.bySID[r.sid] = r
	sp.byIdentity[r.identity] = r
	return *r, nil
}

// fetch returns the user ref names; ok is false when there is none.
func (s *Store) fetch(key spaceKey, ref twilio.UserRef) (record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.spaceFor(key, false).find(ref)
	if r == nil {
		return record{}, false
	}
	return *r, true
}

// update changes the parameters of in that are set on the user ref names.
func (s *Store) update(key spaceKey, ref twilio.UserRef, in updateInput) (record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.spaceFor(key, false).find(ref)
	if r == nil {
		return record{}, false
	}
	now := s.clock()
	if v, ok := in.friendlyName.Get(); ok {
		r.friendlyName = twilio.NullOf(v)
	}
	if v, ok := in.attributes.Get(); ok {
		r.attributes = v
	}
	if v, ok := in.roleSID.Get(); ok {
		r.roleSID = twilio.NullOf(canonicalSID(v))
	}
	r.updated = now
	return *r, true
}

// delete removes the user ref names; it reports whether there was one.
func (s *Store) delete(key spaceKey, ref twilio.UserRef) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sp := s.spaceFor(key, false)
	r := sp.find(ref)
	if r == nil {
		return false
	}
	delete(sp.bySID, r.sid)
	delete(sp.byIdentity, r.identity)
	i := sort.Search(len(sp.users), func(i int) bool { return sp.users[i].seq >= r.seq })
	sp.users = append(sp.users[:i], sp.users[i+1:]...)
	s.total--
	if len(sp.users) == 0 {
		delete(s.spaces, key)
	}
	return true
}

// list returns one page of the users of key's namespace, as API api lists
// them (page tokens are bound to it).
func (s *Store) list(key spaceKey, api apiID, in listInput) (listResult, error) {
	res := listResult{
		pageSize: in.pageSize.OrElse(defaultPageSize),
		page:     in.page.OrElse(0),
		token:    in.pageToken.OrElse(""),
	}
	if res.pageSize < 1 {
		return listResult{}, &twilio.ParamError{Param: "PageSize", Reason: "must be at least 1"}
	}
	if res.page < 0 {
		return listResult{}, &twilio.ParamError{Param: "Page", Reason: "must be at least 0"}
	}
	var tok pageToken
	if in.pageToken.Set {
		var ok bool
		if tok, ok = s.decodeToken(key, api, res.token); !ok {
			return listResult{}, &twilio.ParamError{Param: "PageToken", Reason: "is not a page token of this list (it is bound to its account, API and service)"}
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	var users []*record
	if sp := s.spaceFor(key, false); sp != nil {
		users = sp.users
	}
	n, size := len(users), res.pageSize
	var start, end int
	switch {
	case !in.pageToken.Set:
		// The offset of page res.page, without overflowing.
		if res.page > n/size {
			start = n
		} else {
			start = min(res.page*size, n)
		}
		end = start + min(size, n-start)
	case tok.before:
		end = sort.Search(n, func(i int) bool { return users[i].seq >= tok.seq })
		start = max(0, end-size)
	default:
		start = sort.Search(n, func(i int) bool { return users[i].seq > tok.seq })
		end = start + min(size, n-start)
	}
	res.users = make([]record, 0, end-start)
	for _, r := range users[start:end] {
		res.users = append(res.users, *r)
	}
	if start > 0 && res.page > 0 {
		// The previous page ends before this one's first user or, past the
		// end of the list, with the last user.
		boundary := users[n-1].seq + 1
		if start < n {
			boundary = users[start].seq
		}
		res.prev = s.encodeToken(key, api, pageToken{before: true, seq: boundary})
	}
	if end < n && end > start && res.page < math.MaxInt {
		res.next = s.encodeToken(key, api, pageToken{seq: users[end-1].seq})
	}
	return res, nil
}

// pageToken is a position in a list: after (or before) the user whose
// creation sequence number is seq.
type pageToken struct {
	before bool
	seq    uint64
}

// tokenMACSize is the length of the MAC at the end of a page token.
const tokenMACSize = 16

// tokenMAC returns the MAC of a page token whose payload is payload, for the
// namespace key as API api lists it.
func (s *Store) tokenMAC(key spaceKey, api apiID, payload []byte) []byte {
	m := hmac.New(sha256.New, s.tokenKey[:])
	m.Write([]byte("apigen fake page token v1\x00"))
	m.Write([]byte(key.account))
	m.Write([]byte{0, byte(api), 0})
	m.Write([]byte(key.service))
	m.Write([]byte{0})
	m.Write(payload)
	return m.Sum(nil)[:tokenMACSize]
}

// encodeToken returns t in its opaque form for the namespace key as API api
// lists it: the base64url encoding of a kind byte, seq as a uvarint, and an
// HMAC-SHA256 (truncated to 16 bytes) of those bytes, the account, the API
// and the service, keyed by the Store's random key.
func (s *Store) encodeToken(key spaceKey, api apiID, t pageToken) string {
	payload := []byte{'a'}
	if t.before {
		payload[0] = 'b'
	}
	payload = binary.AppendUvarint(payload, t.seq)
	return base64.RawURLEncoding.EncodeToString(append(payload, s.tokenMAC(key, api, payload)...))
}

// decodeToken parses a token made by encodeToken for the same key and API;
// ok is false for any other string.
func (s *Store) decodeToken(key spaceKey, api apiID, str string) (t pageToken, ok bool) {
	raw, err := base64.RawURLEncoding.Strict().DecodeString(str)
	if err != nil || len(raw) < 2+tokenMACSize {
		return pageToken{}, false
	}
	payload, mac := raw[:len(raw)-tokenMACSize], raw[len(raw)-tokenMACSize:]
	if !hmac.Equal(mac, s.tokenMAC(key, api, payload)) {
		return pageToken{}, false
	}
	switch payload[0] {
	case 'a':
	case 'b':
		t.before = true
	default:
		return pageToken{}, false
	}
	seq, n := binary.Uvarint(payload[1:])
	if n <= 0 || 1+n != len(payload) {
		return pageToken{}, false
	}
	t.seq = seq
	return t, true
}

// notFound returns the 404 for the user ref at path prefix (such as
// "/v2/Services/IS.../Users").
func notFound(usersPath string, ref twilio.UserRef) error {
	return twilio.NotFound("The requested resource " + usersPath + "/" + string(ref) + " was not found")
}

// Context keys.
type ctxKey int

const (
	accountKey ctxKey = iota + 1
	baseKey
)

// ContextWithAccount returns ctx carrying the account SID that the Server
// adapters act for. The handlers of [NewHandlers] set it from the
// request's credentials; use it to call an adapter directly.
func ContextWithAccount(ctx context.Context, account twilio.AccountSID) context.Context {
	return context.WithValue(ctx, accountKey, account)
}

// AccountFromContext returns the account SID of ctx, if any.
func AccountFromContext(ctx context.Context) (twilio.AccountSID, bool) {
	a, ok := ctx.Value(accountKey).(twilio.AccountSID)
	return a, ok && a.Valid()
}

// ContextWithBase returns ctx carrying base, the scheme and host
// ("http://127.0.0.1:8081") of the server, from which the adapters build
// absolute URLs. The handlers of [NewHandlers] set it to their configured
// base URL.
func ContextWithBase(ctx context.Context, base string) context.Context {
	return context.WithValue(ctx, baseKey, strings.TrimRight(base, "/"))
}

// BaseFromContext returns the base URL of ctx, if any.
func BaseFromContext(ctx context.Context) (string, bool) {
	b, ok := ctx.Value(baseKey).(string)
	return b, ok && b != ""
}

// account returns the canonical account SID of ctx, or a 401 error.
func account(ctx context.Context) (twilio.AccountSID, error) {
	a, ok := AccountFromContext(ctx)
	if !ok {
		return "", twilio.Unauthorized()
	}
	return canonicalSID(a), nil
}

// checkService returns a 400 for an invalid service SID; param is the API's
// name for it.
func checkService(param string, sid twilio.ServiceSID) error {
	if !sid.Valid() {
		return &twilio.ParamError{Param: param, Reason: "must be a ServiceSID: IS followed by 32 hexadecimal digits"}
	}
	return nil
}

// checkRef returns a 400 for an invalid user reference.
func checkRef(ref twilio.UserRef) error {
	if !ref.Valid() {
		return &twilio.ParamError{Param: "Sid", Reason: "must be a UserSID or an identity that can be addressed (see twilio.ValidIdentity)"}
	}
	return nil
}
