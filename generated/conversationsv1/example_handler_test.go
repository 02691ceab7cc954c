package conversationsv1_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/apigen-dev/apigen/generated/conversationsv1"
)

// directory is a Conversations v1 server that knows one user, alice. It
// implements FetchUser only; the embedded UnimplementedServer answers
// every other operation with 501.
type directory struct {
	conversationsv1.UnimplementedServer
}

func (directory) FetchUser(_ context.Context, service conversationsv1.ServiceSID, ref conversationsv1.UserRef) (*conversationsv1.User, error) {
	if ref != conversationsv1.UserRefIdentity("alice") {
		return nil, conversationsv1.NotFound("")
	}
	return &conversationsv1.User{
		ChatServiceSID: conversationsv1.NullOf(service),
		Identity:       conversationsv1.NullOf("alice"),
		FriendlyName:   conversationsv1.NullOf("Alice"),
	}, nil
}

// Serve a Server over HTTP with NewHandler, and call it with the generated
// client. The handler checks the parameters before calling the
// implementation and answers its errors in Twilio's shape. It does not
// authenticate: wrap it for that.
func ExampleNewHandler() {
	srv := httptest.NewServer(conversationsv1.NewHandler(directory{}))
	defer srv.Close()
	c, err := conversationsv1.NewClient(conversationsv1.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	service := conversationsv1.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")

	u, err := c.FetchUser(ctx, service, conversationsv1.UserRefIdentity("alice"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Identity, u.FriendlyName)

	_, err = c.FetchUser(ctx, service, conversationsv1.UserRefIdentity("bob"))
	fmt.Println(errors.Is(err, conversationsv1.ErrNotFound))

	_, err = c.CreateUser(ctx, service, conversationsv1.CreateUserParams{Identity: "bob"})
	var apiErr *conversationsv1.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Status, apiErr.Code)
	}
	// Output:
	// alice Alice
	// true
	// 501 20501
}
