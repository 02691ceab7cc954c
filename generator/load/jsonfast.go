package load

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	yaml "github.com/oasdiff/yaml3"
)

// fastParseJSON builds the tree parseJSON builds, for well-formed JSON,
// with a byte scanner: encoding/json's Decoder allocates a token for every
// value and is most of the loader's own time on Twilio's documents. It
// returns false for anything it does not accept, and parseJSON then parses
// with the Decoder, which also reports the error; TestFastParseJSON and
// FuzzFastParseJSON hold the two to the same trees.
func fastParseJSON(data []byte) (*yaml.Node, bool) {
	p := &fastJSON{data: data, line: 1, col: 1}
	p.space()
	root, ok := p.value(0)
	if !ok {
		return nil, false
	}
	p.space()
	return root, p.i == len(data)
}

type fastJSON struct {
	data []byte
	i    int
	// line is the line of i; lineStart the offset its line starts at;
	// colAt and col a position on that line and its column (in
	// characters, from 1), so that columns are counted once.
	line, lineStart, colAt, col int
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

// pos returns the line and column of i.
func (p *fastJSON) pos() (int, int) {
	if p.colAt < p.lineStart {
		p.colAt, p.col = p.lineStart, 1
	}
	p.col += utf8.RuneCount(p.data[p.colAt:p.i])
	p.colAt = p.i
	return p.line, p.col
}

func (p *fastJSON) value(depth int) (*yaml.Node, bool) {
	if p.i >= len(p.data) || depth >= maxScanDepth {
		return nil, false
	}
	n := &yaml.Node{}
	n.Line, n.Column = p.pos()
	switch c := p.data[p.i]; {
	case c == '{':
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		return n, p.object(n, depth)
	case c == '[':
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		return n, p.array(n, depth)
	case c == '"':
		s, ok := p.str()
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!str", s
		return n, ok
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range [...]struct{ text, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
			if len(p.data)-p.i >= len(lit.text) && string(p.data[p.i:p.i+len(lit.text)]) == lit.text {
				p.i += len(lit.text)
				n.Kind, n.Tag, n.Value = yaml.ScalarNode, lit.tag, lit.text
				return n, true
			}
		}
		return nil, false
	default:
		num, ok := p.number()
		if !ok {
			return nil, false
		}
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!float", num
		if _, err := strconv.ParseInt(num, 10, 64); err == nil {
			n.Tag = "!!int"
		}
		return n, true
	}
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
		k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str"}
		k.Line, k.Column = p.pos()
		var ok bool
		if k.Value, ok = p.str(); !ok {
			return false
		}
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return false
		}
		p.i++
		p.space()
		v, ok := p.value(depth + 1)
		if !ok {
			return false
		}
		n.Content = append(n.Content, k, v)
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
	for {
		p.space()
		v, ok := p.value(depth + 1)
		if !ok {
			return false
		}
		n.Content = append(n.Content, v)
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

// str reads a string. One with an escape or a byte outside ASCII is
// decoded by encoding/json, which also replaces invalid UTF-8 as the
// Decoder does.
func (p *fastJSON) str() (string, bool) {
	start := p.i
	p.i++ // "
	plain := true
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			raw := p.data[start:p.i]
			if plain {
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
func (p *fastJSON) number() (string, bool) {
	start := p.i
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
		return "", false
	}
	if p.i < len(p.data) && p.data[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return "", false
		}
	}
	if p.i < len(p.data) && (p.data[p.i] == 'e' || p.data[p.i] == 'E') {
		p.i++
		if p.i < len(p.data) && (p.data[p.i] == '+' || p.data[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return "", false
		}
	}
	return string(p.data[start:p.i]), true
}
