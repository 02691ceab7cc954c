package chatv2_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/apigen-dev/apigen/generated/chatv2"
)

const serviceSID = chatv2.ServiceSID("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")

// fakeAPI starts a server that answers like the Chat v2 Users API for two
// users, listed one per page.
func fakeAPI() *httptest.Server {
	users := []map[string]any{
		{"sid": "USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "identity": "alice@example.com", "friendly_name": "Alice", "date_created": "2016-03-24T21:05:19Z"},
		{"sid": "USbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "identity": "bob@example.com", "friendly_name": nil, "date_created": "2016-03-25T09:00:00Z"},
	}
	reply := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(v)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v2/Services/{svc}/Users", func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusCreated, map[string]any{"sid": "UScccccccccccccccccccccccccccccccc",
			"identity": r.PostFormValue("Identity"), "friendly_name": r.PostFormValue("FriendlyName")})
	})
	mux.HandleFunc("GET /v2/Services/{svc}/Users/{sid}", func(w http.ResponseWriter, r *http.Request) {
		for _, u := range users {
			if u["identity"] == r.PathValue("sid") || u["sid"] == r.PathValue("sid") {
				reply(w, http.StatusOK, u)
				return
			}
		}
		reply(w, http.StatusNotFound, map[string]any{"code": 20404, "status": 404,
			"message":   "The requested resource " + r.URL.Path + " was not found",
			"more_info": "https://www.twilio.com/docs/errors/20404"})
	})
	mux.HandleFunc("GET /v2/Services/{svc}/Users", func(w http.ResponseWriter, r *http.Request) {
		meta := map[string]any{"key": "users", "page": 0, "page_size": 1, "next_page_url": "http://" + r.Host + r.URL.Path + "?PageSize=1&Page=1"}
		page := users[:1]
		if r.URL.Query().Get("Page") == "1" {
			meta["page"], meta["next_page_url"], page = 1, nil, users[1:]
		}
		reply(w, http.StatusOK, map[string]any{"users": page, "meta": meta})
	})
	return httptest.NewServer(mux)
}

func ExampleClient_CreateUser() {
	srv := fakeAPI()
	defer srv.Close()
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithCredentials("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "auth-token"))
	if err != nil {
		panic(err)
	}
	u, err := c.CreateUser(context.Background(), serviceSID, chatv2.CreateUserParams{
		XTwilioWebhookEnabled: chatv2.Some(chatv2.WebhookEnabledFalse),
		Identity:              "carol@example.com",
		FriendlyName:          chatv2.Some("Carol"),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(u.SID.Value, u.Identity.Value, u.FriendlyName.Value)
	// Output: UScccccccccccccccccccccccccccccccc carol@example.com Carol
}

func ExampleClient_FetchUser() {
	srv := fakeAPI()
	defer srv.Close()
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithCredentials("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "auth-token"))
	if err != nil {
		panic(err)
	}
	u, err := c.FetchUser(context.Background(), serviceSID, chatv2.UserRefIdentity("alice@example.com"))
	if err != nil {
		panic(err)
	}
	fmt.Println(u.SID.Value, u.FriendlyName.Value, u.DateCreated.Value)
	fmt.Println("online known:", u.IsOnline.Valid)
	// Output:
	// USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Alice 2016-03-24T21:05:19Z
	// online known: false
}

func ExampleClient_ListUsersAll() {
	srv := fakeAPI()
	defer srv.Close()
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithCredentials("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "auth-token"))
	if err != nil {
		panic(err)
	}
	// limit 0: every page, following next_page_url.
	for u, err := range c.ListUsersAll(context.Background(), serviceSID, chatv2.ListUsersParams{}, 0) {
		if err != nil {
			panic(err)
		}
		name, ok := u.FriendlyName.Get()
		fmt.Println(u.Identity.Value, name, ok)
	}
	// Output:
	// alice@example.com Alice true
	// bob@example.com  false
}

func Example_errorHandling() {
	srv := fakeAPI()
	defer srv.Close()
	c, err := chatv2.NewClient(chatv2.WithBaseURL(srv.URL), chatv2.WithCredentials("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "auth-token"))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	// An answer that is not a success is an *Error.
	_, err = c.FetchUser(ctx, serviceSID, chatv2.UserRefIdentity("nobody@example.com"))
	var apiErr *chatv2.Error
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusNotFound {
		fmt.Println(apiErr.Status, apiErr.Code, apiErr.MoreInfo)
	}

	// A bad parameter is a *ParamError, and nothing is sent.
	_, err = c.ListUsers(ctx, serviceSID, chatv2.ListUsersParams{PageSize: chatv2.Some(500)})
	var paramErr *chatv2.ParamError
	if errors.As(err, &paramErr) {
		fmt.Println(paramErr.Param, "-", paramErr.Reason)
	}
	// Output:
	// 404 20404 https://www.twilio.com/docs/errors/20404
	// PageSize - must be between 1 and 100
}
