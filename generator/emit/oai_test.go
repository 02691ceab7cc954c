package emit_test

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen-dev/apigen/generator/diag"
	"github.com/apigen-dev/apigen/generator/emit"
	"github.com/apigen-dev/apigen/generator/gen"
	"github.com/apigen-dev/apigen/generator/internal/typecheck"
)

// oaiDir is where Twilio's official OpenAPI documents are: shared/oai
// beside the repository. They are test inputs, never copied into it.
const oaiDir = "../../../shared/oai"

// officialDocuments returns the paths of Twilio's official documents. It
// skips the test when they are not there (a clone elsewhere), unless
// APIGEN_REQUIRE_OAI is set, as .ci/run does, which makes that a failure.
func officialDocuments(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(oaiDir, "*.json"))
	if err == nil && len(paths) == 0 {
		err = os.ErrNotExist
	}
	if err != nil {
		if os.Getenv("APIGEN_REQUIRE_OAI") != "" {
			t.Fatalf("Twilio's official documents are required (APIGEN_REQUIRE_OAI) but not found in %s: %v", oaiDir, err)
		}
		t.Skipf("Twilio's official documents are not beside the repository (%s): %v", oaiDir, err)
	}
	return paths
}

// responseExamples returns, by operationId, the JSON response examples of
// the document's success responses that match their schemas (kin-openapi
// validates them): the generated result types must decode these.
func responseExamples(t *testing.T, doc string) map[string][]string {
	t.Helper()
	l := openapi3.NewLoader()
	d, err := l.LoadFromFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, p := range d.Paths.InMatchingOrder() {
		for _, op := range d.Paths.Value(p).Operations() {
			for code, rr := range op.Responses.Map() {
				if !strings.HasPrefix(code, "2") || rr.Value == nil {
					continue
				}
				mt := rr.Value.Content.Get("application/json")
				if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
					continue
				}
				values := []any{mt.Example}
				for _, name := range slices.Sorted(maps.Keys(mt.Examples)) {
					if ex := mt.Examples[name]; ex != nil && ex.Value != nil {
						values = append(values, ex.Value.Value)
					}
				}
				for _, v := range values {
					if v == nil || mt.Schema.Value.VisitJSON(v) != nil {
						continue
					}
					data, err := json.Marshal(v)
					if err != nil {
						t.Fatal(err)
					}
					out[op.OperationID] = append(out[op.OperationID], string(data))
				}
			}
		}
	}
	for id := range out {
		slices.Sort(out[id])
	}
	return out
}

// TestOfficialDocuments generates each of Twilio's official documents,
// unchanged, and checks that the output type-checks, that the server routes
// every operation of the document, that all of it builds and vets, and that
// every operation round-trips between the generated client and server
// (roundTripFile). Their examples that do not match their schemas are
// warnings.
func TestOfficialDocuments(t *testing.T) {
	var outputs []emit.File
	for _, doc := range officialDocuments(t) {
		name := strings.TrimSuffix(filepath.Base(doc), ".json")
		t.Run(name, func(t *testing.T) {
			prefix := "example.com/gen/" + name
			var warnings diag.List
			res, err := gen.Generate(context.Background(), gen.Config{
				Specs: []string{doc}, Root: oaiDir, Out: "out", ImportPrefix: prefix, Warnings: &warnings,
			})
			if err != nil {
				t.Fatalf("apigen refuses %s:\n%v", doc, err)
			}
			for _, w := range warnings {
				if !strings.Contains(w.Msg, "example") || w.Pos.Line == 0 {
					t.Errorf("a warning that is not about an example, or has no position: %v", w)
				}
			}
			if err := typecheck.Check(res.Files, prefix); err != nil {
				t.Fatalf("the output does not type-check:\n%v", err)
			}
			api := res.Model.APIs[0]
			var server string
			for _, f := range res.Files {
				if f.Path == api.Package+"/server.go" {
					server = string(f.Data)
				}
			}
			for _, op := range api.Operations {
				if route := `mux.HandleFunc("` + op.Method + " " + op.Path + `", h.` + op.Handler + ")"; !strings.Contains(server, route) {
					t.Errorf("operation %s is not routed: no %s", op.ID, route)
				}
			}
			t.Logf("%d operations, %d types, %d warnings", len(api.Operations), len(api.Types), len(warnings))
			examples := responseExamples(t, doc)
			n := 0
			for _, exs := range examples {
				n += len(exs)
			}
			t.Logf("%d response examples that match their schemas", n)
			for _, f := range append(res.Files, roundTripFile(api, res.Model.Shared, examples)) {
				f.Path = name + "/" + f.Path
				outputs = append(outputs, f)
			}
		})
	}
	if !t.Failed() {
		buildVetAndTest(t, outputs, true)
	}
}
