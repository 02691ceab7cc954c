package emit_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// TestOfficialDocuments generates each of Twilio's official documents,
// unchanged, and checks that the output type-checks, that the server routes
// every operation of the document, and that all of it builds and vets.
// Their examples that do not match their schemas are warnings.
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
			for _, f := range res.Files {
				f.Path = name + "/" + f.Path
				outputs = append(outputs, f)
			}
		})
	}
	if !t.Failed() {
		buildAndVet(t, outputs)
	}
}
