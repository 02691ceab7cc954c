package load

import (
	"encoding/json"
	"strings"
	"testing"

	yaml "github.com/oasdiff/yaml3"
)

// TestParseJSONPositions: nodes carry the line and column (in characters)
// where they start, and the tree says what encoding/json reads.
func TestParseJSONPositions(t *testing.T) {
	src := "{\n  \"a\": [1, \"é\\ud83d\\udc4d\", true],\n  \"b\": {\"c\": null}\n}\n"
	root, _, _, err := parseJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := child(root, "a")
	if a == nil || a.Kind != yaml.SequenceNode || len(a.Content) != 3 {
		t.Fatalf("a = %+v", a)
	}
	for i, want := range []struct {
		line, col  int
		tag, value string
	}{{2, 9, "!!int", "1"}, {2, 12, "!!str", "é👍"}, {2, 29, "!!bool", "true"}} {
		n := a.Content[i]
		if n.Line != want.line || n.Column != want.col || n.Tag != want.tag || n.Value != want.value {
			t.Errorf("a[%d] = %d:%d %s %q; want %d:%d %s %q", i, n.Line, n.Column, n.Tag, n.Value, want.line, want.col, want.tag, want.value)
		}
	}
	if k := keyNode(root, "b"); k == nil || k.Line != 3 || k.Column != 3 {
		t.Errorf("key b at %+v; want 3:3", k)
	}
	if c := child(child(root, "b"), "c"); c == nil || c.Tag != "!!null" {
		t.Errorf("b.c = %+v; want null", c)
	}
	for _, bad := range []string{"", "{", `{"a":}`, "[1,]", "{} {}", `{"a":1`} {
		if _, line, col, err := parseJSON([]byte(bad)); err == nil || line < 1 || col < 1 {
			t.Errorf("parseJSON(%q) = %d:%d, %v; want an error with a position", bad, line, col, err)
		}
	}
}

// FuzzParseJSON: parseJSON accepts exactly what encoding/json accepts as
// one JSON value, gives every error a position inside the input, and
// reads every string as encoding/json does.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5,"x\ud83d\udc4d",null,true]}`, `[]`, `"s"`, `{"a":{"b":{}}}`, "{\n\"é\": 1}", `{"a":1,}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		root, line, col, err := parseJSON(data)
		if valid := json.Valid(data); valid != (err == nil) {
			t.Fatalf("json.Valid = %v, parseJSON error = %v", valid, err)
		}
		if err != nil {
			lines := strings.Count(string(data), "\n") + 1
			if line < 1 || line > lines || col < 1 {
				t.Fatalf("error %v at %d:%d, outside the %d lines of the input", err, line, col, lines)
			}
			return
		}
		var want any
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.UseNumber()
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if got := treeValue(root); !equalJSON(got, want) {
			t.Fatalf("tree reads %#v; encoding/json %#v", got, want)
		}
	})
}

// treeValue turns a parsed tree back into what encoding/json would decode.
func treeValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = treeValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := []any{}
		for _, c := range n.Content {
			s = append(s, treeValue(c))
		}
		return s
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int", "!!float":
		return json.Number(n.Value)
	}
	return n.Value
}

// equalJSON compares a tree's value with encoding/json's (decoded with
// UseNumber), numbers by their text.
func equalJSON(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, v := range a {
			if !equalJSON(v, bm[k]) {
				return false
			}
		}
		return true
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return false
		}
		for i := range a {
			if !equalJSON(a[i], bs[i]) {
				return false
			}
		}
		return true
	case json.Number:
		bn, ok := b.(json.Number)
		return ok && a == bn
	}
	return a == b
}
