package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	yaml "github.com/oasdiff/yaml3"
)

// parseJSON parses a JSON document into the same kind of tree the YAML
// parser makes, with the line and column (in characters, from 1) of every
// node. JSON is YAML, but the YAML parser refuses what JSON allows, such as
// a character outside the Basic Multilingual Plane written as a surrogate
// pair ("\ud83d\udc4d"); encoding/json reads JSON as JSON. On a syntax error
// it returns the 1-based line and column of the error.
func parseJSON(data []byte) (*yaml.Node, int, int, error) {
	if root, ok := fastParseJSON(data); ok {
		return root, 0, 0, nil
	}
	return decodeJSON(data)
}

// decodeJSON is parseJSON with encoding/json's Decoder: the reference the
// fast parser is held to, and the parser of what it does not accept.
func decodeJSON(data []byte) (*yaml.Node, int, int, error) {
	p := &jsonParser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	root, err := p.value()
	if err == nil {
		if _, err = p.dec.Token(); err == io.EOF {
			return root, 0, 0, nil
		} else if err == nil {
			err = errors.New("data after the top-level value")
		}
	}
	offset := p.start
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		offset = int(syn.Offset)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err, offset = errors.New("unexpected end of the document"), len(data)
	}
	line, col := p.lineCol(offset)
	return nil, line, col, err
}

type jsonParser struct {
	data  []byte
	dec   *json.Decoder
	start int // offset where the last token read starts
	// line and lineStart are where the scan for lineCol stands.
	line, lineStart, scanned int
}

// token reads the next token and records where it starts: past the
// white space, colons and commas after the previous token.
func (p *jsonParser) token() (json.Token, error) {
	i := int(p.dec.InputOffset())
	for i < len(p.data) && strings.IndexByte(" \t\r\n:,", p.data[i]) >= 0 {
		i++
	}
	p.start = i
	return p.dec.Token()
}

// value reads one value, all of it.
func (p *jsonParser) value() (*yaml.Node, error) {
	tok, err := p.token()
	if err != nil {
		return nil, err
	}
	n := &yaml.Node{}
	n.Line, n.Column = p.lineCol(p.start)
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '{':
			n.Kind, n.Tag = yaml.MappingNode, "!!map"
			for p.dec.More() {
				key, err := p.token()
				if err != nil {
					return nil, err
				}
				k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key.(string)}
				k.Line, k.Column = p.lineCol(p.start)
				v, err := p.value()
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, k, v)
			}
		case '[':
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
			for p.dec.More() {
				v, err := p.value()
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, v)
			}
		default:
			return nil, fmt.Errorf("unexpected %q", tok)
		}
		if _, err := p.dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!str", tok
	case json.Number:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!float", tok.String()
		if _, err := tok.Int64(); err == nil {
			n.Tag = "!!int"
		}
	case bool:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", fmt.Sprint(tok)
	case nil:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!null", "null"
	}
	return n, nil
}

// lineCol turns a byte offset into a 1-based line and a 1-based column
// counted in characters. Offsets only grow while parsing, so it scans on
// from where it stopped, except for an error's offset, which may lie behind.
func (p *jsonParser) lineCol(offset int) (int, int) {
	offset = min(offset, len(p.data))
	if offset < p.scanned {
		p.line, p.lineStart, p.scanned = 0, 0, 0
	}
	for ; p.scanned < offset; p.scanned++ {
		if p.data[p.scanned] == '\n' {
			p.line++
			p.lineStart = p.scanned + 1
		}
	}
	return p.line + 1, utf8.RuneCount(p.data[p.lineStart:offset]) + 1
}
