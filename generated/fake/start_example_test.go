package fake_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/fake"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// A fake Twilio in the process: create a user through Chat v2 and fetch it
// through Conversations v1, which share the service's users. In a test,
// fake.StartTest(t) does the same and closes the fake when the test ends.
func ExampleStart() {
	f, err := fake.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()

	ctx := context.Background()
	service := twilio.ServiceSID("IS00000000000000000000000000000001")
	chat, err := chatv2.NewClient(f.ChatOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	conversations, err := conversationsv1.NewClient(f.ConversationsOptions()...)
	if err != nil {
		log.Fatal(err)
	}

	created, err := chat.CreateUser(ctx, service, chatv2.CreateUserParams{Identity: "alice", FriendlyName: chatv2.Some("Alice")})
	if err != nil {
		log.Fatal(err)
	}
	got, err := conversations.FetchUser(ctx, service, twilio.UserRefIdentity("alice"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.FriendlyName, got.SID == created.SID, got.RoleSID.Valid)

	_, err = conversations.FetchUser(ctx, service, twilio.UserRefIdentity("bob"))
	fmt.Println(errors.Is(err, twilio.ErrNotFound))
	// Output:
	// Alice true true
	// true
}
