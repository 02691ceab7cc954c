package load

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	yaml "github.com/oasdiff/yaml3"

	"github.com/apigen-dev/apigen/generator/diag"
)

// source is one spec file parsed into a YAML node tree. The loader keeps its
// own tree beside kin-openapi's document because kin-openapi reports neither
// positions for unresolvable $refs nor for values inside examples; the tree
// answers both.
type source struct {
	name string // display path: relative to the working directory, slash-separated
	abs  string
	root *yaml.Node // the document's top-level node; nil when the file is empty
	// set is every file of the run, by absolute path, so that a Node can
	// follow a $ref into another; it is complete once Load returns.
	set map[string]*source
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseSource reads and parses the file at abs.
func parseSource(name, abs string) (*source, *diag.Problem) {
	data, err := readSpec(abs)
	if err != nil {
		return nil, &diag.Problem{Pos: diag.Pos{File: name}, Msg: "cannot read: " + unwrapPathError(err)}
	}
	if isJSON(abs) {
		root, line, col, err := parseJSON(data)
		if err != nil {
			return nil, &diag.Problem{Pos: diag.Pos{File: name, Line: line, Col: col}, Msg: "invalid JSON: " + err.Error()}
		}
		return newSource(name, abs, root)
	}
	if root, ok := parseSplit(data); ok {
		return newSource(name, abs, root)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		pos := diag.Pos{File: name, Line: 1, Col: 1}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			pos.Line, _ = strconv.Atoi(m[1])
			msg = m[2]
			if isParserProblem(msg) {
				pos.Line++ // the YAML parser counts these lines from 0, its scanner from 1
			}
			pos.Col = firstColumn(data, pos.Line)
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		return nil, &diag.Problem{Pos: pos, Msg: "invalid YAML: " + msg}
	}
	var root *yaml.Node
	if len(doc.Content) > 0 {
		root = doc.Content[0]
	}
	return newSource(name, abs, root)
}

// newSource checks that root, a file's top-level node, is a mapping.
func newSource(name, abs string, root *yaml.Node) (*source, *diag.Problem) {
	s := &source{name: name, abs: abs, root: root}
	if s.root == nil || s.root.Kind != yaml.MappingNode {
		line := 1
		if s.root != nil {
			line = s.root.Line
		}
		return nil, &diag.Problem{Pos: diag.Pos{File: name, Line: line, Col: 1}, Msg: "not an OpenAPI document: the top level must be a mapping"}
	}
	return s, nil
}

// parserProblems are the messages of the YAML parser (as opposed to its
// scanner), whose line numbers are zero-based.
var parserProblems = []string{
	"did not find expected <document start>",
	"did not find expected node content",
	"did not find expected key",
	"did not find expected '-' indicator",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found undefined tag handle",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
}

func isParserProblem(msg string) bool {
	for _, p := range parserProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// firstColumn is the 1-based column of the first non-blank character of the
// 1-based line, or 1.
func firstColumn(data []byte, line int) int {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return 1
	}
	return len(lines[line-1]) - len(strings.TrimLeft(lines[line-1], " \t")) + 1
}

func unwrapPathError(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// pos returns the position of n in this file.
func (s *source) pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: s.name, Line: 1, Col: 1}
	}
	return diag.Pos{File: s.name, Line: n.Line, Col: n.Column}
}

// child returns the value of key in mapping n, or nil.
func child(n *yaml.Node, key string) *yaml.Node {
	if n == nil {
		return nil
	}
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// keyNode returns the key node of key in mapping n, or nil.
func keyNode(n *yaml.Node, key string) *yaml.Node {
	if n == nil {
		return nil
	}
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return nil
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// step descends one JSON-pointer segment (already unescaped) from n.
func step(n *yaml.Node, seg string) *yaml.Node {
	n = deref(n)
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		return child(n, seg)
	case yaml.SequenceNode:
		i, err := strconv.Atoi(seg)
		if err != nil || i < 0 || i >= len(n.Content) {
			return nil
		}
		return n.Content[i]
	}
	return nil
}

// pointer resolves a JSON pointer ("" or "/a/b") against the file's root.
func (s *source) pointer(ptr string) (*yaml.Node, error) {
	if ptr == "" {
		return s.root, nil
	}
	if !strings.HasPrefix(ptr, "/") {
		return nil, fmt.Errorf("fragment %q is not a JSON pointer (it must start with /)", ptr)
	}
	n := s.root
	for _, seg := range strings.Split(ptr[1:], "/") {
		next := step(n, unescapePointer(seg))
		if next == nil {
			return nil, nil
		}
		n = next
	}
	return n, nil
}

// unescapePointer undoes a JSON pointer segment's escapes.
func unescapePointer(seg string) string {
	return strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
}

// valueAt returns the value node whose mapping key sits at line:col, or the
// node that itself starts there.
func (s *source) valueAt(line, col int) *yaml.Node {
	var found *yaml.Node
	var walk func(n *yaml.Node) bool
	walk = func(n *yaml.Node) bool {
		if n == nil {
			return false
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Line == line && k.Column == col {
					found = n.Content[i+1]
					return true
				}
			}
		}
		if n.Line == line && n.Column == col && n.Kind != yaml.ScalarNode {
			found = n
			return true
		}
		for _, c := range n.Content {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(s.root)
	return found
}

// ref is one "$ref" entry found in a file.
type ref struct {
	value string
	node  *yaml.Node // the scalar holding the reference
}

// refs lists every $ref in the file in document order.
func (s *source) refs() []ref {
	var out []ref
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "$ref" && v.Kind == yaml.ScalarNode {
					out = append(out, ref{value: v.Value, node: v})
					continue
				}
				walk(v)
			}
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(s.root)
	return out
}

// keysNamed returns the value nodes of every mapping entry whose key is name.
func (s *source) keysNamed(name string) []*yaml.Node {
	var out []*yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == name {
					out = append(out, n.Content[i+1])
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(s.root)
	return out
}
