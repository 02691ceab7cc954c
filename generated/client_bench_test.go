package generated_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/internal/apigen"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// listPage returns a chat v2 list page of n users as the API writes it.
func listPage(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"users":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"sid":"US%032x","account_sid":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","service_sid":"ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",`+
			`"attributes":"{\"n\":%d}","friendly_name":"User %d","role_sid":"RLaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","identity":"user%d@example.com",`+
			`"is_online":null,"is_notifiable":null,"date_created":"2016-03-24T21:05:19Z","date_updated":"2016-03-24T21:05:19Z",`+
			`"joined_channels_count":%d,"links":{"user_channels":"https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/US%032x/Channels",`+
			`"user_bindings":"https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/US%032x/Bindings"},`+
			`"url":"https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/US%032x"}`, i, i, i, i, i, i, i, i)
	}
	b.WriteString(`],"meta":{"page":0,"page_size":1000,"first_page_url":"https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=1000&Page=0",` +
		`"previous_page_url":null,"next_page_url":null,"url":"https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users?PageSize=1000&Page=0","key":"users"}}`)
	return []byte(b.String())
}

// minimalPage is what a hand-written client would decode into: plain
// strings and pointers, no typed SIDs, no Null, no date parsing.
type minimalPage struct {
	Users []struct {
		SID                 string            `json:"sid"`
		AccountSID          string            `json:"account_sid"`
		ServiceSID          string            `json:"service_sid"`
		Attributes          *string           `json:"attributes"`
		FriendlyName        *string           `json:"friendly_name"`
		RoleSID             *string           `json:"role_sid"`
		Identity            string            `json:"identity"`
		IsOnline            *bool             `json:"is_online"`
		IsNotifiable        *bool             `json:"is_notifiable"`
		DateCreated         string            `json:"date_created"`
		DateUpdated         string            `json:"date_updated"`
		JoinedChannelsCount int               `json:"joined_channels_count"`
		Links               map[string]string `json:"links"`
		URL                 string            `json:"url"`
	} `json:"users"`
	Meta struct {
		Page        int     `json:"page"`
		PageSize    int     `json:"page_size"`
		NextPageURL *string `json:"next_page_url"`
	} `json:"meta"`
}

// BenchmarkDecodeListPage1000 decodes a page of 1000 users into the
// generated types (typed SIDs, Null, dates parsed): with their generated
// UnmarshalJSON, as the client does; through json.Unmarshal, which checks
// the document before calling it; and by reflection, as before the
// generated code (apigen.SetReflectJSON). The baselines: a minimal struct
// of strings and pointers with encoding/json, and json.Valid, the floor of
// any decoder that checks its input.
func BenchmarkDecodeListPage1000(b *testing.B) {
	data := listPage(1000)
	run := func(name string, decode func() error) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := decode(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("generated", func() error {
		var p chatv2.UserList
		if err := p.UnmarshalJSON(data); err != nil || len(p.Users) != 1000 {
			return fmt.Errorf("%d users, %v", len(p.Users), err)
		}
		return nil
	})
	run("json.Unmarshal", func() error {
		var p chatv2.UserList
		if err := json.Unmarshal(data, &p); err != nil || len(p.Users) != 1000 {
			return fmt.Errorf("%d users, %v", len(p.Users), err)
		}
		return nil
	})
	run("reflection", func() error {
		prev := apigen.SetReflectJSON(true)
		defer apigen.SetReflectJSON(prev)
		var p chatv2.UserList
		if err := json.Unmarshal(data, &p); err != nil || len(p.Users) != 1000 {
			return fmt.Errorf("%d users, %v", len(p.Users), err)
		}
		return nil
	})
	run("minimal", func() error {
		var p minimalPage
		if err := json.Unmarshal(data, &p); err != nil || len(p.Users) != 1000 {
			return fmt.Errorf("%d users, %v", len(p.Users), err)
		}
		return nil
	})
	run("json.Valid", func() error {
		if !json.Valid(data) {
			return errors.New("invalid")
		}
		return nil
	})
}

// BenchmarkEncodeListPage1000 encodes the page of 1000 users decoded from
// listPage, as a server answers it: with the generated MarshalJSON, and by
// reflection.
func BenchmarkEncodeListPage1000(b *testing.B) {
	var page chatv2.UserList
	if err := json.Unmarshal(listPage(1000), &page); err != nil {
		b.Fatal(err)
	}
	for _, reflect := range []bool{false, true} {
		name := "generated"
		if reflect {
			name = "reflection"
		}
		b.Run(name, func(b *testing.B) {
			prev := apigen.SetReflectJSON(reflect)
			defer apigen.SetReflectJSON(prev)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := page.MarshalJSON(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFetchRoundTrip is one FetchUser through the generated client
// against a loopback server answering the spec's example.
func BenchmarkFetchRoundTrip(b *testing.B) {
	body := []byte(strings.SplitN(strings.TrimPrefix(string(listPage(1)), `{"users":[`), `],"meta"`, 2)[0])
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	defer srv.Close()
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithCredentials("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "token"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	ref := twilio.UserRefIdentity("user0@example.com")
	b.ReportAllocs()
	for b.Loop() {
		u, err := c.FetchUser(ctx, "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ref)
		if err != nil || !u.SID.Valid {
			b.Fatal(err)
		}
	}
}

// BenchmarkListRoundTrip1000 is one ListUsers through the generated client
// to a loopback server answering a page of 1000 users (832 KB), the fetch
// and decode that cmd/benchclient holds against twilio-go's.
func BenchmarkListRoundTrip1000(b *testing.B) {
	body := listPage(1000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.Write(body)
	}))
	defer srv.Close()
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithCredentials("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "token"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		page, err := c.ListUsers(ctx, "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", chatv2.ListUsersParams{PageSize: chatv2.Some(100)})
		if err != nil || len(page.Users) != 1000 {
			b.Fatal(err)
		}
	}
}
