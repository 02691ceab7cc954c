package twilio_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/fake"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// Parse a SID read from outside the program: the prefix and the 32
// hexadecimal digits are checked without a network call. Valid checks a
// SID that is already typed, such as a converted constant.
func ExampleParseUserSID() {
	sid, err := twilio.ParseUserSID("US0123456789abcdef0123456789abcdef")
	fmt.Println(sid, err)

	_, err = twilio.ParseUserSID("RL0123456789abcdef0123456789abcdef")
	fmt.Println(err != nil)

	fmt.Println(twilio.UserSID("US123").Valid())
	// Output:
	// US0123456789abcdef0123456789abcdef <nil>
	// true
	// false
}

// A UserRef addresses a user by SID or by identity; SID tells which one
// it holds.
func ExampleUserRef() {
	bySID := twilio.UserRefOf("US0123456789abcdef0123456789abcdef")
	byIdentity := twilio.UserRefIdentity("alice@example.com")

	_, isSID := bySID.SID()
	fmt.Println(bySID, isSID)
	_, isSID = byIdentity.SID()
	fmt.Println(byIdentity, isSID)
	// Output:
	// US0123456789abcdef0123456789abcdef true
	// alice@example.com false
}

// An Opt is a request parameter that may be left out. Some("") is set,
// and is sent as an empty value, which clears a field on update; the zero
// Opt is not sent at all. An Opt prints its value, or <unset>.
func ExampleOpt() {
	name := twilio.Some("Alice")
	empty := twilio.Some("")
	var unset twilio.Opt[string]

	fmt.Println(name, name.IsSet())
	fmt.Printf("%q %v\n", empty.Value, empty.IsSet())
	fmt.Println(unset, unset.IsSet(), unset.OrElse("default"))
	// Output:
	// Alice true
	// "" true
	// <unset> false default
}

// A Null is a response field that may be JSON null: Valid is false when
// the server sent null. A Null prints its value, or null.
func ExampleNull() {
	var user struct {
		FriendlyName twilio.Null[string] `json:"friendly_name"`
		IsOnline     twilio.Null[bool]   `json:"is_online"`
	}
	if err := json.Unmarshal([]byte(`{"friendly_name":"Alice","is_online":null}`), &user); err != nil {
		log.Fatal(err)
	}
	fmt.Println(user.FriendlyName, user.FriendlyName.Valid)
	fmt.Println(user.IsOnline, user.IsOnline.Valid)

	user.IsOnline = twilio.NullOf(true)
	b, err := json.Marshal(user)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(b))
	// Output:
	// Alice true
	// null false
	// {"friendly_name":"Alice","is_online":true}
}

// JSONOf builds a JSONString, such as a user's attributes, from a Go
// value, and Decode reads one back.
func ExampleJSONOf() {
	type attributes struct {
		Team  string `json:"team"`
		Admin bool   `json:"admin"`
	}
	s, err := twilio.JSONOf(attributes{Team: "red", Admin: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s, s.Valid())

	var back attributes
	if err := s.Decode(&back); err != nil {
		log.Fatal(err)
	}
	fmt.Println(back.Team, back.Admin)

	fmt.Println(twilio.JSONString("{").Valid())
	// Output:
	// {"team":"red","admin":true} true
	// red true
	// false
}

// A client's error is an *Error when the server answered with a failure:
// errors.Is tells its status with the sentinels (ErrNotFound,
// ErrConflict, …), errors.As gives its Twilio code. A parameter that fails
// the client's own checks, such as a malformed SID, is a *ParamError,
// returned before anything is sent.
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

	// Sent, and answered 404.
	_, err = c.FetchUser(ctx, twilio.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), twilio.UserRefIdentity("nobody"))
	fmt.Println(errors.Is(err, twilio.ErrNotFound), errors.Is(err, twilio.ErrConflict))
	var apiErr *twilio.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Status, apiErr.Code, apiErr.Method)
	}

	// Not sent: the service SID is too short.
	_, err = c.FetchUser(ctx, twilio.ServiceSID("IS123"), twilio.UserRefIdentity("alice"))
	var paramErr *twilio.ParamError
	if errors.As(err, &paramErr) {
		fmt.Println(paramErr.Param+":", paramErr.Reason)
	}
	fmt.Println("answered:", errors.As(err, &apiErr))
	// Output:
	// true false
	// 404 20404 GET
	// ServiceSid: must be a ServiceSID: IS followed by 32 hexadecimal digits
	// answered: false
}
