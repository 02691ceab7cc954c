package normalize_test

import (
	"bytes"
	"context"
	"github.com/apigen-dev/apigen/generator/internal/project"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generator/diff"
	"github.com/apigen-dev/apigen/generator/internal/txtarcase"
	"github.com/apigen-dev/apigen/generator/load"
	"github.com/apigen-dev/apigen/generator/model"
	"github.com/apigen-dev/apigen/generator/normalize"
)

var opts = normalize.Options{ImportPrefix: "example.com/gen"}

// projectSpecs are the documents the project generates from, as apigen.json
// lists them.
var projectSpecs = project.MustSpecs("../..")

// TestGolden runs testdata/normalize/*.txtar. A case names its documents
// with "docs:" (files of the archive) or "project-docs:" (the project's own
// spec/), and expects either model.json (the dump) or stderr (the problems).
func TestGolden(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range txtarcase.Load(t, "../../testdata/normalize/*.txtar") {
		t.Run(c.Name(), func(t *testing.T) {
			docs := strings.Fields(c.Options["docs"])
			if p := c.Options["project-docs"]; p != "" {
				t.Chdir(repo)
				docs = strings.Fields(p)
			} else {
				c.WriteInputs(t, "model.json", "stderr")
			}
			loaded, err := load.Load(context.Background(), docs, load.Options{})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			set, err := normalize.Normalize(loaded, opts)
			got := map[string][]byte{}
			if err != nil {
				got["stderr"] = []byte(err.Error() + "\n")
			} else {
				dump, err := model.Dump(set)
				if err != nil {
					t.Fatal(err)
				}
				got["model.json"] = dump
			}
			c.Check(t, got, "model.json", "stderr")
		})
	}
}

func loadProject(t *testing.T, specs []string) []*load.Doc {
	t.Helper()
	t.Chdir("../..")
	docs, err := load.Load(context.Background(), specs, load.Options{Root: "spec"})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func dump(t *testing.T, v any) []byte {
	t.Helper()
	b, err := model.Dump(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDeterministic: normalizing twice, and with the documents in another
// order, gives the same bytes.
func TestDeterministic(t *testing.T) {
	docs := loadProject(t, projectSpecs)
	first, err := normalize.Normalize(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := dump(t, first)
	for i := range 5 {
		shuffled := slices.Clone(docs)
		slices.Reverse(shuffled)
		if i%2 == 0 {
			shuffled[0], shuffled[1] = shuffled[1], shuffled[0]
		}
		again, err := normalize.Normalize(shuffled, opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := dump(t, again); !bytes.Equal(got, want) {
			t.Fatalf("run %d differs:\n%s", i, diff.Unified("want", "got", want, got))
		}
	}
}

// TestTogetherAndSeparately: each API's model is the same whether its
// document is normalized alone or with the other two, and the shared SID
// kinds are the same kinds.
func TestTogetherAndSeparately(t *testing.T) {
	docs := loadProject(t, projectSpecs)
	together, err := normalize.Normalize(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	sids := map[string]model.SIDKind{}
	for _, k := range together.Shared.SIDs {
		sids[k.Prefix] = *k
	}
	for _, d := range docs {
		alone, err := normalize.Normalize([]*load.Doc{d}, opts)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(together.APIs, func(a *model.API) bool { return a.Spec == d.File })
		if i < 0 {
			t.Fatalf("%s has no API in the model made of all documents", d.File)
		}
		if got, want := dump(t, alone.APIs[0]), dump(t, together.APIs[i]); !bytes.Equal(got, want) {
			t.Errorf("%s alone differs from together:\n%s", d.File, diff.Unified("want", "got", want, got))
		}
		for _, k := range alone.Shared.SIDs {
			if sids[k.Prefix].Ident.Name != k.Ident.Name {
				t.Errorf("%s alone names %s %s; together %s", d.File, k.Prefix, k.Ident.Name, sids[k.Prefix].Ident.Name)
			}
		}
	}
	var prefixes []string
	for _, k := range together.Shared.SIDs {
		prefixes = append(prefixes, k.Prefix+"="+k.Ident.Name)
	}
	if got, want := strings.Join(prefixes, " "), "AC=AccountSID IS=ServiceSID RL=RoleSID US=UserSID"; got != want {
		t.Errorf("shared SID kinds = %s, want %s", got, want)
	}
}

// TestProjectModels checks the facts the emitter relies on in each of the
// three Users APIs, independently of the golden dumps.
func TestProjectModels(t *testing.T) {
	docs := loadProject(t, projectSpecs)
	set, err := normalize.Normalize(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		pkg, base, service string
		maxPage            int64
		webhook            []string
		joined             bool
	}
	wants := []want{
		{"chatv1", "https://chat.twilio.com", "ServiceSid", 1000, nil, true},
		{"chatv2", "https://chat.twilio.com", "ServiceSid", 100, []string{"CreateUser", "UpdateUser"}, true},
		{"conversationsv1", "https://conversations.twilio.com", "ChatServiceSid", 50, []string{"CreateUser", "DeleteUser", "UpdateUser"}, false},
	}
	// Other documents may be added to apigen.json; these three are the
	// Users APIs whose facts are known.
	for _, w := range wants {
		i := slices.IndexFunc(set.APIs, func(a *model.API) bool { return a.Package == w.pkg })
		if i < 0 {
			t.Errorf("no API package %s", w.pkg)
			continue
		}
		api := set.APIs[i]
		if api.BaseURL != w.base {
			t.Errorf("%s: base URL %s, want %s", api.Package, api.BaseURL, w.base)
		}
		var kinds, webhook []string
		for _, op := range api.Operations {
			kinds = append(kinds, op.Name+":"+string(op.Kind))
			if op.PathParams[0].WireName != w.service || op.PathParams[0].Type.Kind != model.SID || op.PathParams[0].Type.SID.Prefix != "IS" {
				t.Errorf("%s %s: first path parameter %+v, want %s of kind IS", api.Package, op.Name, op.PathParams[0], w.service)
			}
			if op.Kind == model.Fetch || op.Kind == model.Update || op.Kind == model.Delete {
				if p := op.PathParams[1]; p.WireName != "Sid" || p.Type.Kind != model.SIDOrIdentity || p.Type.SID.Prefix != "US" || p.Type.SID.Ref.Ident.Name != "UserRef" {
					t.Errorf("%s %s: {Sid} is %+v, want a user SID or identity", api.Package, op.Name, p)
				}
			}
			var params []*model.Param
			if op.Params != nil {
				params = op.Params.Fields
			}
			for _, p := range params {
				if p.WireName == "X-Twilio-Webhook-Enabled" {
					webhook = append(webhook, op.Name)
				}
				if p.In == model.InForm && p.WireName == "Identity" && (op.Kind != model.Create || !p.Required) {
					t.Errorf("%s %s: Identity is %+v; it must be required on create only", api.Package, op.Name, p)
				}
				if p.In == model.InForm && p.WireName != "Identity" && !p.Optional {
					t.Errorf("%s %s: %s must be optional (absent and empty told apart)", api.Package, op.Name, p.WireName)
				}
			}
			if op.Kind == model.List && (op.List == nil || op.List.PageSize == nil || op.List.PageSize.WireName != "PageSize" ||
				op.List.PageSize.Type.Maximum == nil || *op.List.PageSize.Type.Maximum != w.maxPage || op.List.PageSizeDefault != 50 ||
				op.PageType().Page.Items.WireName != "users" || op.PageType().Page.Item().Ident.Name != "User") {
				t.Errorf("%s %s: list info %+v, want max %d, key users, default 50", api.Package, op.Name, op.List, w.maxPage)
			}
		}
		if got := strings.Join(kinds, " "); got != "CreateUser:create DeleteUser:delete FetchUser:fetch ListUsers:list UpdateUser:update" {
			t.Errorf("%s operations: %s", api.Package, got)
		}
		if !slices.Equal(webhook, w.webhook) {
			t.Errorf("%s: webhook header on %v, want %v", api.Package, webhook, w.webhook)
		}
		var user *model.Type
		for _, ty := range api.Types {
			if ty.Ident.Name == "User" {
				user = ty
			}
		}
		if user == nil {
			t.Fatalf("%s: no User type", api.Package)
		}
		var joined bool
		for _, f := range user.Fields {
			switch f.WireName {
			case "joined_channels_count":
				joined = true
				if f.Nullable {
					t.Errorf("%s: joined_channels_count must not be nullable", api.Package)
				}
			case "attributes":
				if f.Type.Kind != model.JSONString || !f.Nullable {
					t.Errorf("%s: attributes = %+v, want a nullable JSON string", api.Package, f)
				}
			case "links":
				if f.Type.Kind != model.URIMap {
					t.Errorf("%s: links = %+v, want a URI map", api.Package, f.Type)
				}
			case "date_created", "date_updated":
				if f.Type.Kind != model.Time || !f.Nullable {
					t.Errorf("%s: %s = %+v, want a nullable time", api.Package, f.WireName, f)
				}
			default:
				if !f.Nullable {
					t.Errorf("%s: %s must be nullable", api.Package, f.WireName)
				}
			}
		}
		if joined != w.joined {
			t.Errorf("%s: joined_channels_count present = %v, want %v", api.Package, joined, w.joined)
		}
	}
}
