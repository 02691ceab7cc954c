package load

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "github.com/oasdiff/yaml3"
)

// maxScanDepth bounds the nesting the scanner follows, as encoding/json
// does.
const maxScanDepth = 10000

// fastParseJSON builds the tree parseJSON builds, for well-formed JSON,
// with a byte scanner: encoding/json's Decoder allocates a token for every
// value and is most of the loader's own time on Twilio's documents. It
// returns false for anything it does not accept, and parseJSON then parses
// with the Decoder, which also reports the error; TestFastParseJSON and
// FuzzFastParseJSON hold the two to the same trees.
func fastParseJSON(data []byte) (*yaml.Node, bool) {
	p := &fastJSON{data: data, tree: true, line: 1, col: 1}
	p.space()
	root, ok := p.value(0)
	if !ok {
		return nil, false
	}
	p.space()
	return root, p.i == len(data)
}

// scanExamples finds where the examples that stripExamples takes out lie
// in a JSON document (see isExampleValue), in document order, with the same
// scanner building no tree: it runs before kin-openapi can start. ok is
// false when the data is not well-formed JSON as far as the scan can tell,
// or when the document has a $ref to another file: it is then loaded as it
// is. json.Compact in stripExamples, and kin-openapi after it, check the
// JSON in full.
func scanExamples(data []byte) (spans []span, ok bool) {
	p := &fastJSON{data: data, examples: true, line: 1, col: 1}
	p.space()
	if _, ok := p.value(0); !ok {
		return nil, false
	}
	p.space()
	if p.i != len(data) || p.external {
		return nil, false
	}
	return p.spans, true
}

type fastJSON struct {
	data []byte
	i    int
	tree bool // build the nodes (fastParseJSON)
	// line is the line of i; lineStart the offset its line starts at;
	// colAt and col a position on that line and its column (in
	// characters, from 1), so that columns are counted once.
	line, lineStart, colAt, col int
	// With examples (scanExamples): path is the keys from the root to the
	// value at i ("[]" for an item of a list), spans the examples found,
	// and external whether a $ref leads to another file.
	examples bool
	path     []string
	spans    []span
	external bool
}

func (p *fastJSON) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case '\n':
			p.i++
			p.line++
			p.lineStart, p.colAt, p.col = p.i, p.i, 1
		case ' ', '\t', '\r':
			p.i++
		default:
			return
		}
	}
}

// node returns a node at i, with its line and column, when building a tree.
func (p *fastJSON) node() *yaml.Node {
	if !p.tree {
		return nil
	}
	if p.colAt < p.lineStart {
		p.colAt, p.col = p.lineStart, 1
	}
	p.col += utf8.RuneCount(p.data[p.colAt:p.i])
	p.colAt = p.i
	return &yaml.Node{Line: p.line, Column: p.col}
}

// scalar sets a node's kind, tag and value, when there is a node.
func scalar(n *yaml.Node, tag, value string) {
	if n != nil {
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, tag, value
	}
}

func (p *fastJSON) value(depth int) (*yaml.Node, bool) {
	if p.i >= len(p.data) || depth >= maxScanDepth {
		return nil, false
	}
	start := p.i
	n := p.node()
	ok := false
	switch c := p.data[p.i]; {
	case c == '{':
		if n != nil {
			n.Kind, n.Tag = yaml.MappingNode, "!!map"
		}
		ok = p.object(n, depth)
	case c == '[':
		if n != nil {
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		}
		ok = p.array(n, depth)
	case c == '"':
		var s string
		s, ok = p.str(p.tree)
		scalar(n, "!!str", s)
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range [...]struct{ text, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
			if len(p.data)-p.i >= len(lit.text) && string(p.data[p.i:p.i+len(lit.text)]) == lit.text {
				p.i += len(lit.text)
				scalar(n, lit.tag, lit.text)
				ok = true
				break
			}
		}
	default:
		if ok = p.number(); ok && n != nil {
			num := string(p.data[start:p.i])
			scalar(n, "!!float", num)
			if _, err := strconv.ParseInt(num, 10, 64); err == nil {
				n.Tag = "!!int"
			}
		}
	}
	if ok && p.examples && isExampleValue(p.path) {
		p.spans = append(p.spans, span{start, p.i})
	}
	return n, ok
}

func (p *fastJSON) object(n *yaml.Node, depth int) bool {
	p.i++ // {
	p.space()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		return true
	}
	for {
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return false
		}
		k := p.node()
		key, ok := p.str(true)
		if !ok {
			return false
		}
		scalar(k, "!!str", key)
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return false
		}
		p.i++
		p.space()
		at := p.i
		if p.examples {
			p.path = append(p.path, key)
		}
		v, ok := p.value(depth + 1)
		if p.examples {
			p.path = p.path[:len(p.path)-1]
			if ok && key == "$ref" && p.data[at] == '"' {
				if ref, _ := (&fastJSON{data: p.data[at:p.i]}).str(true); !strings.HasPrefix(ref, "#") {
					p.external = true
				}
			}
		}
		if !ok {
			return false
		}
		if n != nil {
			n.Content = append(n.Content, k, v)
		}
		p.space()
		if p.i >= len(p.data) {
			return false
		}
		switch p.data[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return true
		default:
			return false
		}
	}
}

func (p *fastJSON) array(n *yaml.Node, depth int) bool {
	p.i++ // [
	p.space()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		return true
	}
	if p.examples {
		p.path = append(p.path, "[]")
		defer func() { p.path = p.path[:len(p.path)-1] }()
	}
	for {
		p.space()
		v, ok := p.value(depth + 1)
		if !ok {
			return false
		}
		if n != nil {
			n.Content = append(n.Content, v)
		}
		p.space()
		if p.i >= len(p.data) {
			return false
		}
		switch p.data[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return true
		default:
			return false
		}
	}
}

// str reads a string, and decodes it when decode is set. One with an
// escape or a byte outside ASCII is decoded by encoding/json, which also
// replaces invalid UTF-8 as the Decoder does.
func (p *fastJSON) str(decode bool) (string, bool) {
	start := p.i
	p.i++ // "
	plain := true
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			raw := p.data[start:p.i]
			switch {
			case !decode:
				return "", true
			case plain:
				return string(raw[1 : len(raw)-1]), true
			}
			var s string
			if json.Unmarshal(raw, &s) != nil {
				return "", false
			}
			return s, true
		case c == '\\':
			plain = false
			p.i += 2
		case c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			plain = false
			p.i++
		default:
			p.i++
		}
	}
	return "", false
}

// number reads a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *fastJSON) number() bool {
	digits := func() int {
		n := 0
		for p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.data) && p.data[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.data) && p.data[p.i] == '0':
		p.i++
	case digits() == 0:
		return false
	}
	if p.i < len(p.data) && p.data[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return false
		}
	}
	if p.i < len(p.data) && (p.data[p.i] == 'e' || p.data[p.i] == 'E') {
		p.i++
		if p.i < len(p.data) && (p.data[p.i] == '+' || p.data[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return false
		}
	}
	return true
}
