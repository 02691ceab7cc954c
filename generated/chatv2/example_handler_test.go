package chatv2_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/apigen-dev/apigen/generated/chatv2"
)

// directory is a Chat v2 server that knows one user, alice. It implements
// FetchUser only; the embedded UnimplementedServer answers every other
// operation with 501.
type directory struct {
	chatv2.UnimplementedServer
}

func (directory) FetchUser(_ context.Context, service chatv2.ServiceSID, ref chatv2.UserRef) (*chatv2.User, error) {
	if ref != chatv2.UserRefIdentity("alice") {
		return nil, chatv2.NotFound("")
	}
	return &chatv2.User{
		ServiceSID:   chatv2.NullOf(service),
		Identity:     chatv2.NullOf("alice"),
		FriendlyName: chatv2.NullOf("Alice"),
	}, nil
}

// Serve a Server over HTTP with NewHandler, and call it with the generated
// client. The handler checks the parameters before calling the
// implementation and answers its errors in Twilio's shape. It does not
// authenticate: wrap it for that.
func ExampleNewHandler() {
	srv := httptest.NewServer(chatv2.NewHandler(directory{}))
	defer srv.Close()
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	service := chatv2.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")

	u, err := c.FetchUser(ctx, service, chatv2.UserRefIdentity("alice"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Identity, u.FriendlyName)

	_, err = c.FetchUser(ctx, service, chatv2.UserRefIdentity("bob"))
	fmt.Println(errors.Is(err, chatv2.ErrNotFound))

	_, err = c.CreateUser(ctx, service, chatv2.CreateUserParams{Identity: "bob"})
	var apiErr *chatv2.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Status, apiErr.Code)
	}
	// Output:
	// alice Alice
	// true
	// 501 20501
}
