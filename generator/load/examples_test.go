package load

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "github.com/oasdiff/yaml3"
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
	for _, split := range []bool{false, true} {
		for _, doc := range docs {
			t.Run(fmt.Sprintf("%s/split=%v", filepath.Base(doc), split), func(t *testing.T) {
				if split {
					// Every document with two paths or more is decoded
					// in two halves.
					defer func(n int) { minSplit = n }(minSplit)
					minSplit = 0
				}
				checkStrippedLoad(t, ctx, doc, split)
			})
		}
	}
}

// checkStrippedLoad loads doc stripped (and split, when split is set) and
// plain, and compares.
func checkStrippedLoad(t *testing.T, ctx context.Context, doc string, split bool) {
	abs, err := filepath.Abs(doc)
	if err != nil {
		t.Fatal(err)
	}
	l, err := newLoader(filepath.Dir(abs), false)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		t.Fatal(err)
	}
	spans, ok := scanExamples(data)
	if !ok {
		t.Fatal("scanExamples refused the document")
	}
	st := stripExamples(data, spans)
	if st == nil {
		t.Fatal("the document's examples were not taken out")
	}
	if len(st.data) >= len(st.original) {
		t.Errorf("the copy for kin-openapi has %d bytes, the file %d", len(st.data), len(st.original))
	}
	got, ok := l.kinLoadStripped(ctx, nil, abs, st, true)
	if !ok {
		t.Fatal("the stripped load fell back")
	}
	want := kinLoad(ctx, l.newKin(ctx, true), abs)
	if want.err != nil || got.err != nil {
		t.Fatalf("load errors: %v, %v", want.err, got.err)
	}
	if !reflect.DeepEqual(got.t, want.t) {
		t.Error("the stripped load made another document than kin-openapi's own load")
	}
	if n := countExamples(want.t); n != len(spans) {
		t.Errorf("%d examples taken out; kin-openapi's document has %d where the loader takes them", len(spans), n)
	}
	if errText(got.verr) != errText(want.verr) {
		t.Errorf("validation differs:\nstripped: %v\nplain:    %v", got.verr, want.verr)
	}
	if _, _, ok := splitPaths(st.data); split && !ok {
		t.Errorf("the paths were not split")
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
    },
    "/v/{id}": {
      "get": {
        "operationId": "FetchV",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/u/properties/sid"}}],
        "responses": {
          "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/u"}, "example": {"sid": "US2", "n": 2}}}},
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
	if _, ok := l.kinLoadStripped(context.Background(), nil, "x.json", st, true); ok {
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

// countExamples counts the examples of t in the places the loader takes
// them out of: media types of operations and components, and component
// examples.
func countExamples(t *openapi3.T) int {
	seen := map[any]bool{}
	n := 0
	content := func(c openapi3.Content) {
		for _, mt := range c {
			if mt == nil || seen[mt] {
				continue
			}
			seen[mt] = true
			if mt.Example != nil {
				n++
			}
			for _, ex := range mt.Examples {
				if ex != nil && ex.Ref == "" && ex.Value != nil && ex.Value.Value != nil {
					n++
				}
			}
		}
	}
	for _, item := range t.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody != nil && op.RequestBody.Ref == "" && op.RequestBody.Value != nil {
				content(op.RequestBody.Value.Content)
			}
			for _, r := range op.Responses.Map() {
				if r.Ref == "" && r.Value != nil {
					content(r.Value.Content)
				}
			}
		}
	}
	if c := t.Components; c != nil {
		for _, rb := range c.RequestBodies {
			content(rb.Value.Content)
		}
		for _, r := range c.Responses {
			content(r.Value.Content)
		}
		for _, ex := range c.Examples {
			if ex.Value != nil && ex.Value.Value != nil {
				n++
			}
		}
	}
	return n
}

// treeExamples is the oracle of scanExamples: the example values found by
// walking the loader's own tree of data, as JSON, in document order.
func treeExamples(t testing.TB, data []byte) ([]any, bool) {
	root, _, _, err := parseJSON(data)
	if err != nil {
		return nil, false
	}
	var out []any
	var walk func(n *yaml.Node, path []string)
	walk = func(n *yaml.Node, path []string) {
		if isExampleValue(path) {
			v, err := decodeNumbers([]byte(nodeJSON(n)))
			if err != nil {
				t.Fatalf("the tree's JSON does not decode: %v", err)
			}
			out = append(out, v)
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], append(path, n.Content[i].Value))
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, append(path, "[]"))
			}
		}
	}
	walk(root, nil)
	return out, true
}

// decodeNumbers decodes one JSON value with its numbers as they are
// written (json.Number), so that a number no float64 holds (1e1000) is
// compared as well as any other.
func decodeNumbers(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("more after the value")
	}
	return v, nil
}

// nodeJSON writes a node of a tree parseJSON made back as JSON.
func nodeJSON(n *yaml.Node) string {
	var b strings.Builder
	var write func(n *yaml.Node)
	write = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.MappingNode:
			b.WriteByte('{')
			for i := 0; i+1 < len(n.Content); i += 2 {
				if i > 0 {
					b.WriteByte(',')
				}
				k, _ := json.Marshal(n.Content[i].Value)
				b.Write(k)
				b.WriteByte(':')
				write(n.Content[i+1])
			}
			b.WriteByte('}')
		case yaml.SequenceNode:
			b.WriteByte('[')
			for i, c := range n.Content {
				if i > 0 {
					b.WriteByte(',')
				}
				write(c)
			}
			b.WriteByte(']')
		default:
			if n.Tag == "!!str" {
				v, _ := json.Marshal(n.Value)
				b.Write(v)
			} else {
				b.WriteString(n.Value)
			}
		}
	}
	write(n)
	return b.String()
}

// checkScan compares scanExamples with the tree oracle on data: when both
// accept it, they find the same examples in the same order.
func checkScan(t testing.TB, data []byte) {
	spans, ok := scanExamples(data)
	want, parsed := treeExamples(t, data)
	if !ok || !parsed {
		return
	}
	if len(spans) != len(want) {
		t.Fatalf("scanExamples found %d examples, the tree %d", len(spans), len(want))
	}
	for i, sp := range spans {
		got, err := decodeNumbers(data[sp.start:sp.end])
		if err != nil {
			t.Fatalf("example %d (%q) does not decode: %v", i, data[sp.start:sp.end], err)
		}
		if !reflect.DeepEqual(got, want[i]) {
			t.Fatalf("example %d = %v, the tree has %v", i, got, want[i])
		}
	}
}

// TestScanExamplesAgreesWithTree runs the oracle on Twilio's documents and
// on the JSON documents of the test cases.
func TestScanExamplesAgreesWithTree(t *testing.T) {
	docs, _ := filepath.Glob("../../../shared/oai/*.json")
	for _, doc := range docs {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := scanExamples(data); !ok {
			t.Errorf("%s: scanExamples refused it", doc)
		}
		checkScan(t, data)
	}
	checkScan(t, []byte(ownJSON))
	for _, c := range scanSeeds() {
		checkScan(t, []byte(c))
	}
}

func scanSeeds() []string {
	return []string{
		ownJSON,
		`{"components": {"examples": {"e": {"value": [1, "a\"b", {"x": null}]}}}}`,
		`{"components": {"examples": {"e": {"value": "\u00e9\ud83d\udc4d"}}}}`,
		`{"paths": {"/a": {"get": {"responses": {"200": {"content": {"t": {"example": -1.5e+3}}}}}}}}`,
		`{"paths": {"/a": {"get": {"responses": {"200": {"content": {"t": {"exam\u0070le": true}}}}}}}}`,
		`{"paths": {"/a": {"get": {"$ref": "other.json#/x"}}}}`,
		`{"a": [[[[]]]], "b": {}}`,
		`{"a": tru}`,
		`{"a": "unterminated`,
		`[1, 2,]`,
	}
}

// FuzzScanExamples: on any bytes the scanner neither panics nor disagrees
// with the tree oracle when both accept the bytes.
func FuzzScanExamples(f *testing.F) {
	for _, s := range scanSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScan(t, data)
	})
}
