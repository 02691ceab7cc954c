package fake

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generated/twilio"
)

// TestIdentityCreateAgreesWithFetch: an identity that create accepts can be
// fetched, updated and deleted, and one that the {Sid} path refuses, create
// refuses too: the generated server that the fake is built on answers 400
// code 20001 naming Identity, the generated client refuses before sending,
// and the store is left empty. Both sides check twilio.ValidIdentity.
func TestIdentityCreateAgreesWithFetch(t *testing.T) {
	unaddressable := []string{".", "..", "/", "a\x00b", "tab\there", "\x7f", "c1\u0085", "bad\xffutf8", "cut\xc3"}
	addressable := []string{"...", "./", "a/b", "%2E%2E", " ", "\u00a0", "\u2028", "ünïcødé ✓"}
	forEachAPI(t, func(t *testing.T, a api, e *env, c client) {
		ctx := context.Background()
		users := a.base(e) + a.prefix + string(service1) + "/Users"
		for _, id := range unaddressable {
			// The client refuses before sending, at create and at fetch.
			_, err := c.Create(ctx, service1, createParams{Identity: id})
			var pe *twilio.ParamError
			if !errors.As(err, &pe) || pe.Param != "Identity" {
				t.Errorf("client create %q: %v, want a ParamError for Identity", id, err)
			}
			_, err = c.Fetch(ctx, service1, twilio.UserRefIdentity(id))
			if !errors.As(err, &pe) || pe.Param != "Sid" {
				t.Errorf("client fetch %q: %v, want a ParamError for Sid", id, err)
			}
			// The server refuses the raw create.
			resp := rawRequest(t, http.MethodPost, users, "application/x-www-form-urlencoded", url.Values{"Identity": {id}}.Encode(), nil)
			var body twilio.Error
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 400 || body.Code != twilio.CodeInvalidParameter ||
				!strings.HasPrefix(body.Message, "Invalid parameter Identity: ") {
				t.Errorf("POST Identity=%q: %d %+v, %v; want 400 code 20001 for Identity", id, resp.StatusCode, body, err)
			}
			resp.Body.Close()
		}
		if !storeEmpty(e.st) {
			t.Fatal("an unaddressable identity was stored")
		}
		for _, id := range addressable {
			u, err := c.Create(ctx, service1, createParams{Identity: id})
			if err != nil {
				t.Fatalf("create %q: %v", id, err)
			}
			ref := twilio.UserRefIdentity(id)
			if got, err := c.Fetch(ctx, service1, ref); err != nil || got.SID != u.SID || got.Identity.Value != id {
				t.Errorf("fetch %q = %+v, %v", id, got, err)
			}
			if _, err := c.Update(ctx, service1, ref, updateParams{FriendlyName: twilio.Some("n")}); err != nil {
				t.Errorf("update %q: %v", id, err)
			}
			if err := c.Delete(ctx, service1, ref); err != nil {
				t.Errorf("delete %q: %v", id, err)
			}
		}
		if !storeEmpty(e.st) {
			t.Fatal("users left after deleting every one by identity")
		}
	})
}
