package chatv2_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/fake"
)

// Create a user with an identity, a friendly name and attributes. The
// examples run against the in-process fake of package fake; against
// Twilio, create the client with chatv2.WithCredentials(accountSID,
// authToken) instead.
func ExampleClient_CreateUser() {
	f, err := fake.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	c, err := chatv2.NewClient(f.ChatOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	service := chatv2.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")

	u, err := c.CreateUser(context.Background(), service, chatv2.CreateUserParams{
		Identity:     "alice@example.com",
		FriendlyName: chatv2.Some("Alice"),
		Attributes:   chatv2.Some(chatv2.JSONString(`{"team":"red"}`)),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Identity, u.FriendlyName, u.Attributes)
	fmt.Println("has a SID:", u.SID.Value.Valid())
	// Output:
	// alice@example.com Alice {"team":"red"}
	// has a SID: true
}

// Fetch a user by identity with chatv2.UserRefIdentity; a SID works too,
// with chatv2.UserRefOf.
func ExampleClient_FetchUser() {
	f, err := fake.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	c, err := chatv2.NewClient(f.ChatOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	service := chatv2.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	created, err := c.CreateUser(ctx, service, chatv2.CreateUserParams{Identity: "alice@example.com", FriendlyName: chatv2.Some("Alice")})
	if err != nil {
		log.Fatal(err)
	}

	u, err := c.FetchUser(ctx, service, chatv2.UserRefIdentity("alice@example.com"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Identity, u.FriendlyName, u.SID == created.SID)
	// is_online is null unless the service's reachability is enabled.
	fmt.Println("online known:", u.IsOnline.Valid)
	// Output:
	// alice@example.com Alice true
	// online known: false
}

// Update changes only the fields that are set: Some("") clears the
// friendly name, a new JSON document replaces the attributes, and the
// role, left unset, is kept.
func ExampleClient_UpdateUser() {
	f, err := fake.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	c, err := chatv2.NewClient(f.ChatOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	service := chatv2.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	before, err := c.CreateUser(ctx, service, chatv2.CreateUserParams{
		Identity:     "alice@example.com",
		FriendlyName: chatv2.Some("Alice"),
		Attributes:   chatv2.Some(chatv2.JSONString(`{"team":"red"}`)),
	})
	if err != nil {
		log.Fatal(err)
	}

	after, err := c.UpdateUser(ctx, service, chatv2.UserRefIdentity("alice@example.com"), chatv2.UpdateUserParams{
		FriendlyName: chatv2.Some(""),
		Attributes:   chatv2.Some(chatv2.JSONString(`{"team":"blue"}`)),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("before: %q %s\n", before.FriendlyName, before.Attributes)
	fmt.Printf("after:  %q %s\n", after.FriendlyName, after.Attributes)
	fmt.Println("role kept:", after.RoleSID == before.RoleSID)
	// Output:
	// before: "Alice" {"team":"red"}
	// after:  "" {"team":"blue"}
	// role kept: true
}

// ListUsersAll iterates over every user of a service, in creation order,
// fetching each next page only when the loop reaches it. A limit of 0
// means no limit.
func ExampleClient_ListUsersAll() {
	f, err := fake.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	c, err := chatv2.NewClient(f.ChatOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	service := chatv2.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	for _, identity := range []string{"alice", "bob", "carol"} {
		if _, err := c.CreateUser(ctx, service, chatv2.CreateUserParams{Identity: identity}); err != nil {
			log.Fatal(err)
		}
	}

	n := 0
	for u, err := range c.ListUsersAll(ctx, service, chatv2.ListUsersParams{}, 0) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(u.Identity)
		n++
	}
	fmt.Println(n, "users")
	// Output:
	// alice
	// bob
	// carol
	// 3 users
}

// Breaking out of the loop ends the iteration: the client fetches no
// further page.
func ExampleClient_ListUsersAll_break() {
	f, err := fake.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	c, err := chatv2.NewClient(f.ChatOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	service := chatv2.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	for _, identity := range []string{"alice", "bob", "carol"} {
		if _, err := c.CreateUser(ctx, service, chatv2.CreateUserParams{Identity: identity}); err != nil {
			log.Fatal(err)
		}
	}

	for u, err := range c.ListUsersAll(ctx, service, chatv2.ListUsersParams{}, 0) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(u.Identity)
		if u.Identity.Value == "bob" {
			break
		}
	}
	// Output:
	// alice
	// bob
}

// Delete a user; fetching it afterwards is a 404.
func ExampleClient_DeleteUser() {
	f, err := fake.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	c, err := chatv2.NewClient(f.ChatOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	service := chatv2.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	if _, err := c.CreateUser(ctx, service, chatv2.CreateUserParams{Identity: "alice"}); err != nil {
		log.Fatal(err)
	}

	if err := c.DeleteUser(ctx, service, chatv2.UserRefIdentity("alice")); err != nil {
		log.Fatal(err)
	}
	_, err = c.FetchUser(ctx, service, chatv2.UserRefIdentity("alice"))
	fmt.Println("gone:", errors.Is(err, chatv2.ErrNotFound))
	// Output:
	// gone: true
}

// An answer that is not a success is an *Error (chatv2.Error) with
// Twilio's status and code: test the status with errors.Is and the
// sentinels of package twilio, or read the code with errors.As. A
// parameter that fails the client's own checks is a *ParamError, and
// nothing is sent.
func Example_errors() {
	f, err := fake.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	c, err := chatv2.NewClient(f.ChatOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	service := chatv2.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")

	// 404: no such user.
	_, err = c.FetchUser(ctx, service, chatv2.UserRefIdentity("nobody"))
	var apiErr *chatv2.Error
	if errors.As(err, &apiErr) {
		fmt.Println(errors.Is(err, chatv2.ErrNotFound), apiErr.Status, apiErr.Code)
	}

	// 409: an identity is unique within its service.
	_, err = c.CreateUser(ctx, service, chatv2.CreateUserParams{Identity: "alice"})
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.CreateUser(ctx, service, chatv2.CreateUserParams{Identity: "alice"})
	if errors.As(err, &apiErr) {
		fmt.Println(errors.Is(err, chatv2.ErrConflict), apiErr.Status, apiErr.Code)
	}

	// Attributes that are not JSON are refused before sending.
	_, err = c.CreateUser(ctx, service, chatv2.CreateUserParams{Identity: "bob", Attributes: chatv2.Some(chatv2.JSONString("{"))})
	var paramErr *chatv2.ParamError
	if errors.As(err, &paramErr) {
		fmt.Println(paramErr.Param, paramErr.Code)
	}
	// Output:
	// true 404 20404
	// true 409 50201
	// Attributes 50304
}
