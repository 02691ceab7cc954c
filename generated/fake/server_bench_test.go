package fake

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// baseline is the hand-written counterpart of the generated Chat v2
// handler over the same store: ServeMux routes, r.ParseForm, strconv,
// encoding/json, and the same auth and base-URL middleware, but none of the
// generated decoding, validation, Twilio routing or panic recovery.
func baseline(st *Store, token string) http.Handler {
	mux := http.NewServeMux()
	writeErr := func(w http.ResponseWriter, err error) {
		var te *twilio.Error
		if !errors.As(err, &te) {
			te = &twilio.Error{Status: 500, Code: 20500, Message: "Internal server error"}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(te.Status)
		json.NewEncoder(w).Encode(te)
	}
	writeJSON := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(v)
	}
	svc := func(r *http.Request) twilio.ServiceSID { return twilio.ServiceSID(r.PathValue("ServiceSid")) }
	mux.HandleFunc("GET /v2/Services/{ServiceSid}/Users/{Sid}", func(w http.ResponseWriter, r *http.Request) {
		v, err := st.fetchUser(r.Context(), chatV2API, svc(r), twilio.UserRef(r.PathValue("Sid")))
		if err != nil {
			writeErr(w, err)
			return
		}
		writeJSON(w, http.StatusOK, chatV2User(v))
	})
	mux.HandleFunc("POST /v2/Services/{ServiceSid}/Users", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			writeErr(w, &twilio.Error{Status: 400, Code: 20001, Message: err.Error()})
			return
		}
		in := createInput{identity: r.PostForm.Get("Identity")}
		if fn, ok := r.PostForm["FriendlyName"]; ok {
			in.friendlyName = twilio.Some(fn[0])
		}
		v, err := st.createUser(r.Context(), chatV2API, svc(r), in)
		if err != nil {
			writeErr(w, err)
			return
		}
		writeJSON(w, http.StatusCreated, chatV2User(v))
	})
	mux.HandleFunc("GET /v2/Services/{ServiceSid}/Users", func(w http.ResponseWriter, r *http.Request) {
		var in listInput
		if s := r.URL.Query().Get("PageSize"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				writeErr(w, &twilio.Error{Status: 400, Code: 20001, Message: err.Error()})
				return
			}
			in.pageSize = twilio.Some(n)
		}
		views, meta, err := st.listUsers(r.Context(), chatV2API, svc(r), in)
		if err != nil {
			writeErr(w, err)
			return
		}
		out := &chatv2.UserList{Users: make([]chatv2.User, len(views)), Meta: meta}
		for i, v := range views {
			out.Users[i] = *chatV2User(v)
		}
		writeJSON(w, http.StatusOK, out)
	})
	creds, err := newCredentials(Config{AuthToken: token})
	if err != nil {
		panic(err)
	}
	return withBase("http://example.com", requireAuth(creds, mux))
}

const (
	benchToken   = "bench-token"
	benchAccount = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	benchService = "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
)

// BenchmarkServer compares fetch, create and list (a page of 50) through
// the generated Chat v2 handler and through the hand-written baseline, both
// on the fake's store, in process (httptest.NewRecorder, no network).
func BenchmarkServer(b *testing.B) {
	handlers := map[string]func(*Store) http.Handler{
		"generated": func(st *Store) http.Handler {
			chat, _, err := NewHandlers(Config{Store: st, AuthToken: benchToken})
			if err != nil {
				panic(err)
			}
			return chat
		},
		"baseline": func(st *Store) http.Handler { return baseline(st, benchToken) },
	}
	users := "/v2/Services/" + benchService + "/Users"
	for _, op := range []string{"fetch", "create", "list50"} {
		for _, name := range []string{"generated", "baseline"} {
			b.Run(op+"/"+name, func(b *testing.B) {
				st := NewStore()
				h := handlers[name](st)
				serve := func(method, target, body string, want int) {
					r := httptest.NewRequest(method, target, strings.NewReader(body))
					r.SetBasicAuth(benchAccount, benchToken)
					if body != "" {
						r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					}
					w := httptest.NewRecorder()
					h.ServeHTTP(w, r)
					if w.Code != want {
						b.Fatalf("%s %s: %d %s", method, target, w.Code, w.Body)
					}
				}
				for i := range 60 {
					serve("POST", users, fmt.Sprintf("Identity=seed%d&FriendlyName=Seed", i), http.StatusCreated)
				}
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					switch op {
					case "fetch":
						serve("GET", users+"/seed7", "", http.StatusOK)
					case "create":
						i++
						serve("POST", users, "Identity=user"+strconv.Itoa(i)+"&FriendlyName=Bench", http.StatusCreated)
					case "list50":
						serve("GET", users+"?PageSize=50", "", http.StatusOK)
					}
				}
			})
		}
	}
}
