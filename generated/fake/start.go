package fake

import (
	"crypto/rand"
	"encoding/hex"
	"net/http/httptest"

	"github.com/apigen-dev/apigen/generated/twilio"
)

// Fake is a fake Twilio running in this process on two loopback
// listeners, one for each host, as [Start] and [StartTest] make it: what a
// client of the generated packages needs to use it, and the store behind
// it.
type Fake struct {
	// ChatURL serves Chat v1 and v2 and ConversationsURL serves
	// Conversations v1, such as "http://127.0.0.1:41234": base URLs for
	// WithBaseURL, and the hosts of every URL in the answers.
	ChatURL, ConversationsURL string
	// Account is the account the clients of ChatOptions and
	// ConversationsOptions act for; any other account SID works too, with
	// the same AuthToken.
	Account twilio.AccountSID
	// AuthToken is the password of every account, made at random.
	AuthToken string
	// Store holds the users of both hosts.
	Store *Store

	chat, conversations *httptest.Server
}

// DefaultAccount is the account of a [Fake]'s client options.
const DefaultAccount twilio.AccountSID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

// Start serves a new fake with an empty store on two loopback listeners
// until [Fake.Close]. Store options (such as [WithClock]) apply to its
// store.
func Start(opts ...Option) (*Fake, error) {
	token := make([]byte, 16)
	if _, err := rand.Read(token); err != nil {
		return nil, err
	}
	f := &Fake{Account: DefaultAccount, AuthToken: hex.EncodeToString(token), Store: NewStore(opts...)}
	f.chat = httptest.NewUnstartedServer(nil)
	f.conversations = httptest.NewUnstartedServer(nil)
	f.ChatURL = "http://" + f.chat.Listener.Addr().String()
	f.ConversationsURL = "http://" + f.conversations.Listener.Addr().String()
	chat, conversations, err := NewHandlers(Config{
		Store:                f.Store,
		AuthToken:            f.AuthToken,
		ChatBaseURL:          f.ChatURL,
		ConversationsBaseURL: f.ConversationsURL,
	})
	if err != nil {
		f.chat.Close()
		f.conversations.Close()
		return nil, err
	}
	f.chat.Config.Handler, f.conversations.Config.Handler = chat, conversations
	f.chat.Start()
	f.conversations.Start()
	return f, nil
}

// TB is what [StartTest] needs of a *testing.T, *testing.B or *testing.F.
type TB interface {
	Helper()
	Cleanup(func())
	Fatalf(format string, args ...any)
}

// StartTest starts a fake for a test (see [Start]) and closes it when the
// test and its subtests end.
func StartTest(tb TB, opts ...Option) *Fake {
	tb.Helper()
	f, err := Start(opts...)
	if err != nil {
		tb.Fatalf("starting the fake: %v", err)
	}
	tb.Cleanup(f.Close)
	return f
}

// ChatOptions are the client options of a Chat v1 or v2 client of the
// fake, for chatv1.NewClient and chatv2.NewClient: its base URL and the
// credentials of [Fake.Account], followed by more.
func (f *Fake) ChatOptions(more ...twilio.ClientOption) []twilio.ClientOption {
	return append([]twilio.ClientOption{twilio.WithBaseURL(f.ChatURL), twilio.WithCredentials(string(f.Account), f.AuthToken)}, more...)
}

// ConversationsOptions are the client options of a Conversations v1
// client of the fake, for conversationsv1.NewClient, followed by more.
func (f *Fake) ConversationsOptions(more ...twilio.ClientOption) []twilio.ClientOption {
	return append([]twilio.ClientOption{twilio.WithBaseURL(f.ConversationsURL), twilio.WithCredentials(string(f.Account), f.AuthToken)}, more...)
}

// Close stops both listeners and closes their connections.
func (f *Fake) Close() {
	f.chat.Close()
	f.conversations.Close()
}
