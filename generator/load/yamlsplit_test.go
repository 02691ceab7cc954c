package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	yaml "github.com/oasdiff/yaml3"

	"github.com/apigen-dev/apigen/generator/synth"
)

// TestParseSplitIsParse parses documents in two parts and whole, and
// requires the same trees (kinds, tags, values, styles, anchors and
// positions; comments and end positions, which nothing reads, aside).
func TestParseSplitIsParse(t *testing.T) {
	defer func(n int) { minParseSplit = n }(minParseSplit)
	minParseSplit = 0
	docs := map[string][]byte{
		"synthetic3":  synth.Document(3),
		"synthetic40": synth.Document(40),
		"tricky":      []byte(trickyYAML),
	}
	specs, _ := filepath.Glob("../../spec/*.yaml")
	for _, s := range specs {
		data, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(s)] = data
	}
	// Twilio's documents, when they are beside the repository, written as
	// YAML by yaml3, with long descriptions, quotes and block scalars.
	oai, _ := filepath.Glob("../../../shared/oai/*.json")
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
		if docs[filepath.Base(s)+".yaml"], err = yaml.Marshal(&n); err != nil {
			t.Fatal(err)
		}
	}
	split := 0
	for name, data := range docs {
		t.Run(name, func(t *testing.T) {
			var whole yaml.Node
			if err := yaml.Unmarshal(data, &whole); err != nil {
				t.Fatal(err)
			}
			root, ok := parseSplit(data)
			if !ok {
				return // parsed whole: nothing to compare
			}
			split++
			if diff := sameYAMLTree(root, whole.Content[0], "$"); diff != "" {
				t.Error(diff)
			}
		})
	}
	if split < 3 {
		t.Errorf("%d documents were parsed in two parts, want the synthetic and tricky ones at least", split)
	}
}

// blockStyle makes JSON look like hand-written YAML: block collections,
// plain scalars where they may be, and multi-line strings as block
// scalars.
func blockStyle(n *yaml.Node) {
	n.Style = 0
	if n.Kind == yaml.ScalarNode && strings.Contains(n.Value, "\n") {
		n.Style = yaml.LiteralStyle
	}
	for _, c := range n.Content {
		blockStyle(c)
	}
}

// sameYAMLTree describes the first difference between two trees, or "".
func sameYAMLTree(a, b *yaml.Node, at string) string {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Style != b.Style || a.Anchor != b.Anchor ||
		a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: split %v %q %q %d:%d (%d children), whole %v %q %q %d:%d (%d children)",
			at, a.Kind, a.Tag, a.Value, a.Line, a.Column, len(a.Content), b.Kind, b.Tag, b.Value, b.Line, b.Column, len(b.Content))
	}
	for i := range a.Content {
		if d := sameYAMLTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// trickyYAML has block scalars, quotes and flow collections before and
// after the place where it is cut, and comments between the paths.
const trickyYAML = `openapi: 3.0.3
info:
  title: 'it''s "tricky"' # a comment with a ' quote
  version: "1"
  description: |
    A block scalar with "unbalanced quotes and [brackets
    /not: a path
  /also: not a path
paths:
  # a comment
  /a:
    get:
      operationId: A
      description: >-
        folded ' text {
      responses: {"200": {description: "ok # not a comment"}}
  /b:
    get:
      operationId: B
      tags: [x, 'y', "z"]
      responses:
        "200":
          description: plain text with 'quotes' inside
  /c:
    get:
      operationId: C
      responses: {"200": {description: ok}}

  /d:
    get:
      operationId: D
      responses: {"200": {description: ok}}
  /e:
    get:
      operationId: E
      responses: {"200": {description: ok}}
components:
  schemas:
    S: {type: string}
`

// TestParseSplitRefuses: a document that cannot be cut safely is parsed
// whole.
func TestParseSplitRefuses(t *testing.T) {
	defer func(n int) { minParseSplit = n }(minParseSplit)
	minParseSplit = 0
	paths := "  /b:\n    get: {operationId: B}\n  /c:\n    get: {operationId: C}\n  /d:\n    get: {operationId: D}\n"
	for name, doc := range map[string]string{
		"quoted across the cut": "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      description: \"one\n  /x: two\"\n" + paths,
		"flow across the cut":   "openapi: 3.0.3\npaths:\n  /a:\n    get: {description: x,\n  /x: y}\n" + paths,
		"alias of an anchor":    "openapi: 3.0.3\npaths:\n  /a: &a\n    get: {operationId: A}\n" + paths + "  /e: *a\n",
		"document marker":       "---\nopenapi: 3.0.3\npaths:\n  /a:\n    get: {operationId: A}\n" + paths,
		"flow paths":            "openapi: 3.0.3\npaths: {/a: {get: {operationId: A}}, /b: {}}\n",
		"no paths":              "openapi: 3.0.3\ncomponents: {}\n",
		"CRLF":                  strings.ReplaceAll("openapi: 3.0.3\npaths:\n  /a:\n    get: {operationId: A}\n"+paths, "\n", "\r\n"),
	} {
		if root, ok := parseSplit([]byte(doc)); ok {
			var whole yaml.Node
			err := yaml.Unmarshal([]byte(doc), &whole)
			t.Errorf("%s: cut and parsed (whole: %v, same: %q)", name, err, sameYAMLTree(root, whole.Content[0], "$"))
		}
	}
}
