package generated_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/apigen-dev/apigen/generated/chatv2"
)

// oneImportServer implements chatv2.Server with chatv2's names only.
type oneImportServer struct{ chatv2.UnimplementedServer }

func (oneImportServer) FetchUser(ctx context.Context, svc chatv2.ServiceSID, ref chatv2.UserRef) (*chatv2.User, error) {
	if ref != chatv2.UserRefIdentity("alice") {
		return nil, chatv2.NotFound("")
	}
	sid, err := chatv2.ParseUserSID(chatv2.UserSIDPrefix + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	if err != nil {
		return nil, err
	}
	attrs, err := chatv2.JSONOf(map[string]int{"n": 1})
	if err != nil {
		return nil, err
	}
	created, err := chatv2.ParseTime("2016-03-24T21:05:19Z")
	if err != nil {
		return nil, err
	}
	return &chatv2.User{SID: chatv2.NullOf(sid), ServiceSID: chatv2.NullOf(svc), Attributes: chatv2.NullOf(attrs),
		Identity: chatv2.NullOf("alice"), DateCreated: chatv2.NullOf(created)}, nil
}

// TestOneImport: a client and a server need no import of the shared
// package: SID and reference types, their parsers and constructors, the
// error sentinels and codes, NullOf, JSONOf, Time and RetryPolicy are all
// re-exported by the API package.
func TestOneImport(t *testing.T) {
	srv := httptest.NewServer(chatv2.NewHandler(oneImportServer{}))
	defer srv.Close()
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithCredentials("AC"+"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "token"),
		chatv2.WithRetry(chatv2.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	svc, err := chatv2.ParseServiceSID(chatv2.ServiceSIDPrefix + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	if err != nil {
		t.Fatal(err)
	}
	u, err := c.FetchUser(context.Background(), svc, chatv2.UserRefIdentity("alice"))
	if err != nil {
		t.Fatal(err)
	}
	var want chatv2.Time = u.DateCreated.Value
	if !want.Equal(time.Date(2016, 3, 24, 21, 5, 19, 0, time.UTC)) || u.ServiceSID.Value != svc {
		t.Errorf("user = %+v", u)
	}
	_, err = c.FetchUser(context.Background(), svc, chatv2.UserRefOf(u.SID.Value))
	var apiErr *chatv2.Error
	if !errors.Is(err, chatv2.ErrNotFound) || !errors.As(err, &apiErr) || apiErr.Code != chatv2.CodeNotFound {
		t.Errorf("fetch by SID: err = %v, want ErrNotFound with CodeNotFound", err)
	}
}
