package gen_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generator/diag"
	"github.com/apigen-dev/apigen/generator/gen"
	"github.com/apigen-dev/apigen/generator/load"
	"github.com/apigen-dev/apigen/generator/normalize"
)

// TestUnknownExtensionWarns: an unknown extension close to one of ours
// (x-json-strng, which would leave Attributes a plain string) is a
// positioned warning naming the one meant, in the document and in the files
// it references; Twilio's own extensions, property names, examples and the
// contents of extensions are not extensions to check.
func TestUnknownExtensionWarns(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"spec/api.yaml": `openapi: 3.0.3
info: {title: t, version: "1", x-go-packag: things}
x-twilio: {x-json-strng: true}
paths:
  /things:
    get:
      operationId: FetchThing
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  attributes: {type: string, x-json-strng: true}
                  x-json-strng: {type: string}
                  other: {$ref: 'common.yaml#/components/schemas/Other'}
              example: {x-json-strng: "{}"}
`,
		"spec/common.yaml": "components:\n  schemas:\n    Other: {type: string, x-sid-or-identty: US}\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	var warnings diag.List
	if _, err := gen.Generate(context.Background(), gen.Config{Specs: []string{"spec/api.yaml"}, Out: "gen", Warnings: &warnings}); err != nil {
		t.Fatal(err)
	}
	want := `spec/api.yaml:2:32: warning: unknown extension x-go-packag; did you mean x-go-package?
spec/api.yaml:16:46: warning: unknown extension x-json-strng; did you mean x-json-string?
spec/common.yaml:3:27: warning: unknown extension x-sid-or-identty; did you mean x-sid-or-identity?`
	if got := warnings.Error(); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

// TestOfficialDocumentsNoExtensionWarnings: Twilio's official documents
// use their own extensions (x-twilio) only; none is taken for a misspelling
// of ours.
func TestOfficialDocumentsNoExtensionWarnings(t *testing.T) {
	docs, _ := filepath.Glob("../../../shared/oai/*.json")
	if len(docs) == 0 {
		t.Skip("Twilio's official documents are not beside the repository")
	}
	var warnings diag.List
	if _, err := load.Load(context.Background(), docs, load.Options{Warnings: &warnings, Extensions: normalize.Extensions}); err != nil {
		t.Fatal(err)
	}
	for _, w := range warnings {
		if strings.Contains(w.Msg, "extension") {
			t.Errorf("%v", w)
		}
	}
}
