package load

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	yaml "github.com/oasdiff/yaml3"

	"github.com/apigen-dev/apigen/generator/diag"
	"github.com/apigen-dev/apigen/generator/synth"
)

// TestTreeLoadIsKinsLoad loads YAML documents as the JSON of their trees
// (split in two halves and not) and as they are, and requires the same
// kin-openapi document and the same validation result: the project's
// documents, a synthetic one, and one with the scalars and keys that
// yaml3 resolves in other ways than strings.
func TestTreeLoadIsKinsLoad(t *testing.T) {
	docs, err := filepath.Glob("../../spec/*.yaml")
	if err != nil || len(docs) == 0 {
		t.Fatalf("no documents in spec/: %v", err)
	}
	common, err := os.ReadFile("../../spec/common.yaml")
	if err != nil {
		t.Fatal(err)
	}
	synthDir := t.TempDir()
	spec, err := synth.Write(synthDir, 5, common)
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, spec)
	// Twilio's documents, when they are beside the repository, as YAML.
	oai, _ := filepath.Glob("../../../shared/oai/*.json")
	oaiDir := t.TempDir()
	for _, s := range oai {
		data, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			t.Fatal(err)
		}
		blockStyle(&n)
		out, err := yaml.Marshal(&n)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(oaiDir, strings.TrimSuffix(filepath.Base(s), ".json")+".yaml")
		writeFile(t, p, string(out))
		docs = append(docs, p)
	}
	odd := filepath.Join(t.TempDir(), "odd.yaml")
	writeFile(t, odd, oddYAML)
	docs = append(docs, odd)
	ctx := context.Background()
	for _, split := range []bool{false, true} {
		for _, doc := range docs {
			t.Run(fmt.Sprintf("%s/split=%v", filepath.Base(doc), split), func(t *testing.T) {
				if split {
					defer func(n int) { minSplit = n }(minSplit)
					minSplit = 0
				}
				abs, err := filepath.Abs(doc)
				if err != nil {
					t.Fatal(err)
				}
				l, err := newLoader(filepath.Dir(filepath.Dir(abs)), false)
				if err != nil {
					t.Fatal(err)
				}
				src := l.source(abs)
				if src == nil {
					t.Fatal(l.problems.Err())
				}
				data, ok := treeJSON(src.root)
				if !ok {
					t.Fatal("treeJSON refused the document")
				}
				if !json.Valid(data) {
					t.Fatalf("treeJSON made invalid JSON: %s", data)
				}
				got, ok := l.kinLoadTree(ctx, l.newKin(ctx, false), src)
				if !ok {
					t.Fatal("the load of the tree's JSON fell back")
				}
				want := kinLoad(ctx, l.newKin(ctx, false), abs)
				if want.err != nil || got.err != nil {
					t.Fatalf("load errors: %v, %v", want.err, got.err)
				}
				if !reflect.DeepEqual(got.t, want.t) {
					g, _ := json.Marshal(got.t)
					w, _ := json.Marshal(want.t)
					t.Errorf("the tree's JSON made another document than kin-openapi's own load:\n%s\n%s", g, w)
				}
				if errText(got.verr) != errText(want.verr) {
					t.Errorf("validation differs:\ntree:  %v\nplain: %v", got.verr, want.verr)
				}
				if _, _, ok := splitPaths(data); split && !ok && got.t.Paths.Len() > 1 {
					t.Errorf("the paths were not split")
				}
			})
		}
	}
}

// oddYAML has integer, float, boolean and date-shaped keys and values,
// nulls, block strings, escapes and non-ASCII text.
const oddYAML = `openapi: 3.0.3
info:
  title: "odd \"quoted\" \\ title\twith tab"
  version: "1.0"
  description: |
    Line one <b>&</b>
    line two, ünïcödé, 👍
  x-date: 2024-01-02
  x-stamp: 2001-12-14t21:59:43.10-05:00
  x-octal: 0o17
  x-hex: 0x1F
  x-old-octal: 017
  x-big: 123456789012345678901
  x-neg: -42
  x-zero: -0
  x-float: 1.50
  x-exp: 1e3
  x-dot: .5
  x-bools: [true, False, TRUE]
  x-nulls: [~, null, Null, ]
  x-empty:
  x-quoted: ["1", '2', "true", "null"]
  x-under: 1_000
  x-control: "bell\a nul\0 esc\e"
  x-folded: >
    folded
    text
paths:
  /a:
    get:
      operationId: GetA
      parameters:
        - {name: n, in: query, schema: {type: integer, minimum: 1, maximum: 100.0, default: 50}}
      responses:
        200:
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {n: {type: number, example: 2.5e-3}}}
              example: {n: 0.001}
        "404": {description: missing}
        default: {description: error}
components:
  schemas:
    Keys:
      type: object
      x-keys: {1: one, 2.5: two, true: three, 2024-01-02: four}
`

// TestTreeJSONRefuses: what treeJSON does not convert exactly as
// kin-openapi's reader, it refuses, and Load still loads the document.
func TestTreeJSONRefuses(t *testing.T) {
	for _, c := range []string{
		"a: &x {b: 1}\nc: *x\n",
		"a: !!binary aGk=\n",
		"a: !custom x\n",
		"a: !!str 1\nb: !!int 2\n",
		"a: 1\na: 2\n",
		"a: 1\n\"a\": 2\n",
		"1: x\n\"1\": y\n",
		"a: {<<: {b: 1}}\n",
		"a: .inf\n",
		"a: .nan\n",
		"? [a]\n: b\n",
		"~: x\n",
		"a: !!timestamp 2024-01-02\n",
		"a: 18446744073709551615\nb: {18446744073709551615: c}\n",
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(c), &doc); err != nil {
			t.Fatalf("%q: %v", c, err)
		}
		if data, ok := treeJSON(doc.Content[0]); ok {
			t.Errorf("treeJSON(%q) = %s, want a refusal", c, data)
		}
	}
	dir := t.TempDir()
	doc := filepath.Join(dir, "api.yaml")
	writeFile(t, doc, strings.Replace(oddYAML, "  x-date: 2024-01-02\n", "  x-date: &d 2024-01-02\n  x-again: *d\n", 1))
	docs, err := Load(context.Background(), []string{doc}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := docs[0].T.Info.Extensions["x-again"]; got != "2024-01-02" {
		t.Errorf("x-again = %v, want the anchored date", got)
	}
}

// TestReloadsOnlyForOrigins: a document with a warning is loaded again
// with origins when it is YAML, for the warning's position, and not when
// it is JSON, which kin-openapi records no origins for.
func TestReloadsOnlyForOrigins(t *testing.T) {
	var reloaded []string
	onReload = func(name string) { reloaded = append(reloaded, filepath.Base(name)) }
	defer func() { onReload = nil }()
	dir := t.TempDir()
	const yamlDoc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      operationId: GetA
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {n: {type: integer}}}
              example: {n: "not a number"}
`
	writeFile(t, filepath.Join(dir, "a.yaml"), yamlDoc)
	writeFile(t, filepath.Join(dir, "b.json"), `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/b": {"get": {"operationId": "GetB",
  "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {"n": {"type": "integer"}}}, "example": {"n": "x"}}}}}}}}}`)
	writeFile(t, filepath.Join(dir, "c.yaml"), strings.Replace(yamlDoc, `{n: "not a number"}`, `{n: 1}`, 1))
	var warnings diag.List
	if _, err := Load(context.Background(), []string{filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.json"), filepath.Join(dir, "c.yaml")}, Options{Warnings: &warnings}); err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 2 {
		t.Errorf("warnings: %v, want one for a.yaml and one for b.json", warnings)
	}
	if strings.Join(reloaded, " ") != "a.yaml" {
		t.Errorf("loaded again with origins: %v, want a.yaml only", reloaded)
	}
}
