package chatv1_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/apigen-dev/apigen/generated/chatv1"
)

// directory is a Chat v1 server that knows one user, alice. It implements
// FetchUser only; the embedded UnimplementedServer answers every other
// operation with 501.
type directory struct {
	chatv1.UnimplementedServer
}

func (directory) FetchUser(_ context.Context, service chatv1.ServiceSID, ref chatv1.UserRef) (*chatv1.User, error) {
	if ref != chatv1.UserRefIdentity("alice") {
		return nil, chatv1.NotFound("")
	}
	return &chatv1.User{
		ServiceSID:   chatv1.NullOf(service),
		Identity:     chatv1.NullOf("alice"),
		FriendlyName: chatv1.NullOf("Alice"),
	}, nil
}

// Serve a Server over HTTP with NewHandler, and call it with the generated
// client. The handler checks the parameters before calling the
// implementation and answers its errors in Twilio's shape. It does not
// authenticate: wrap it for that.
func ExampleNewHandler() {
	srv := httptest.NewServer(chatv1.NewHandler(directory{}))
	defer srv.Close()
	c, err := chatv1.NewClient(chatv1.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	service := chatv1.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")

	u, err := c.FetchUser(ctx, service, chatv1.UserRefIdentity("alice"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Identity, u.FriendlyName)

	_, err = c.FetchUser(ctx, service, chatv1.UserRefIdentity("bob"))
	fmt.Println(errors.Is(err, chatv1.ErrNotFound))

	_, err = c.CreateUser(ctx, service, chatv1.CreateUserParams{Identity: "bob"})
	var apiErr *chatv1.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Status, apiErr.Code)
	}
	// Output:
	// alice Alice
	// true
	// 501 20501
}
