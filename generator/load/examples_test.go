package load

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestIsExampleValue(t *testing.T) {
	for _, c := range []struct {
		path string
		want bool
	}{
		{"paths /u get responses 200 content application/json examples read value", true},
		{"paths /u post requestBody content application/x-www-form-urlencoded examples create value", true},
		{"paths /u post requestBody content application/json example", true},
		{"paths /u get responses 200 content application/json example", true},
		{"components responses NotFound content application/json examples e value", true},
		{"components requestBodies Body content application/json example", true},
		{"components examples user value", true},
		// Schemas, parameters and data inside examples are not media types.
		{"components schemas user properties sid example", false},
		{"paths /u get parameters [] example", false},
		{"paths /u get parameters [] examples e value", false},
		{"paths /u get responses 200 content application/json schema example", false},
		{"paths /u parameters [] examples e value", false},
		{"paths /u x-get responses 200 content application/json example", false},
		{"components examples user value content a example", false},
		{"paths /u get responses 200 content application/json examples read value content t example", false},
		{"components examples user", false},
		{"example", false},
	} {
		if got := isExampleValue(strings.Fields(c.path)); got != c.want {
			t.Errorf("isExampleValue(%s) = %v, want %v", c.path, got, c.want)
		}
	}
}

// TestStrippedLoadIsKinsLoad loads JSON documents both ways and requires the
// same kin-openapi document and the same validation result, and that the
// stripped way was taken.
func TestStrippedLoadIsKinsLoad(t *testing.T) {
	docs, _ := filepath.Glob("../../../shared/oai/*.json")
	if len(docs) == 0 && os.Getenv("APIGEN_REQUIRE_OAI") != "" {
		t.Fatal("Twilio's official documents are required (APIGEN_REQUIRE_OAI) but not found in ../shared/oai")
	}
	dir := t.TempDir()
	own := filepath.Join(dir, "own.json")
	writeFile(t, own, ownJSON)
	docs = append(docs, own)
	ctx := context.Background()
	for _, doc := range docs {
		t.Run(filepath.Base(doc), func(t *testing.T) {
			abs, err := filepath.Abs(doc)
			if err != nil {
				t.Fatal(err)
			}
			l, err := newLoader(filepath.Dir(abs), false)
			if err != nil {
				t.Fatal(err)
			}
			p := l.parsed(abs)
			if p.problem != nil {
				t.Fatal(p.problem)
			}
			if p.stripped == nil {
				t.Fatal("the document's examples were not taken out")
			}
			if len(p.stripped.data) >= len(p.stripped.original) {
				t.Errorf("the copy for kin-openapi has %d bytes, the file %d", len(p.stripped.data), len(p.stripped.original))
			}
			got, ok := l.kinLoadStripped(ctx, abs, p.stripped)
			if !ok {
				t.Fatal("the stripped load fell back")
			}
			want := kinLoad(ctx, l.newKin(ctx), abs)
			if want.err != nil || got.err != nil {
				t.Fatalf("load errors: %v, %v", want.err, got.err)
			}
			if !reflect.DeepEqual(got.t, want.t) {
				t.Error("the stripped load made another document than kin-openapi's own load")
			}
			if errText(got.verr) != errText(want.verr) {
				t.Errorf("validation differs:\nstripped: %v\nplain:    %v", got.verr, want.verr)
			}
		})
	}
}

// ownJSON has an example in every place the loader takes out, one that
// does not match its schema, and schema examples that stay.
const ownJSON = `{
  "openapi": "3.0.3",
  "info": {"title": "t", "version": "1"},
  "paths": {
    "/u": {
      "post": {
        "operationId": "CreateU",
        "requestBody": {"content": {"application/x-www-form-urlencoded": {
          "schema": {"type": "object", "properties": {"Name": {"type": "string", "example": "n"}}},
          "examples": {"create": {"value": {"Name": "a \ud83d\udc4d"}}}
        }}},
        "responses": {
          "201": {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/u"},
            "examples": {"create": {"value": {"sid": "x", "n": 1.5e3, "list": [1, {"a": null}]}}, "ref": {"$ref": "#/components/examples/u"}}
          }}},
          "400": {"$ref": "#/components/responses/bad"}
        }
      }
    }
  },
  "components": {
    "schemas": {"u": {"type": "object", "properties": {"sid": {"type": "string", "example": "US1"}, "n": {"type": "number"}}}},
    "examples": {"u": {"value": {"sid": 7}}},
    "responses": {"bad": {"description": "bad", "content": {"application/json": {"schema": {"type": "object"}, "example": {"code": 20001}}}}}
  }
}`

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestStrippedFallsBack: a placeholder that the loader cannot find again, or
// a document that already holds the placeholder text, is loaded as it is.
func TestStrippedFallsBack(t *testing.T) {
	data := []byte(`{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
  "components": {"schemas": {"u": {"type": "string", "example": "US1"}}}}`)
	i := strings.Index(string(data), `"US1"`)
	st := stripExamples(data, []span{{i, i + len(`"US1"`)}}) // a schema's example: not restored
	if st == nil {
		t.Fatal("stripExamples refused valid spans")
	}
	l, err := newLoader(t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := l.kinLoadStripped(context.Background(), "x.json", st); ok {
		t.Error("a placeholder left in a schema's example was accepted")
	}
	if stripExamples([]byte(`{"a": "apigen-example-0"}`), []span{{6, 23}}) != nil {
		t.Error("a document holding the placeholder text was stripped")
	}
	if stripExamples(data, []span{{10, 20}, {5, 8}}) != nil {
		t.Error("spans out of order were used")
	}
	var doc openapi3.T
	if err := (&stripped{spans: []span{{0, 1}}}).restore(&doc); err == nil {
		t.Error("restoring an empty document found the example")
	}
}
