package load

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	yaml "github.com/oasdiff/yaml3"
)

// kin-openapi reads a YAML document through oasdiff/yaml: yaml3 decodes
// the text into interface values (DisableTimestamps), encoding/json
// encodes them, and the JSON is decoded into kin's structs. That is most
// of its load, on one goroutine, and the loader has parsed the file into
// a tree already. So a YAML document is handed to kin-openapi as the JSON
// of that tree (treeJSON), compact, which also lets its paths be decoded
// in two halves (see kinLoadStripped). kin-openapi then sees the same
// values: treeJSON writes what yaml3 and encoding/json would, except for
// the order of object keys (encoding/json sorts them; the JSON decoding
// does not depend on it, with no key twice). What it does not reproduce
// exactly (anchors and aliases, explicit tags, merge keys, keys that are
// not strings, numbers or booleans, a key twice, invalid UTF-8), it
// refuses, and the document is loaded as it is.

// treeJSON returns the compact JSON of the YAML tree n, or ok false when
// n holds something that it does not convert exactly as kin-openapi's
// reader would.
func treeJSON(n *yaml.Node) (data []byte, ok bool) {
	c := &jsonConv{buf: make([]byte, 0, 1<<16)}
	if !c.value(n) {
		return nil, false
	}
	return c.buf, true
}

type jsonConv struct{ buf []byte }

func (c *jsonConv) value(n *yaml.Node) bool {
	if n == nil {
		return false
	}
	switch n.Kind {
	case yaml.MappingNode:
		if n.Style&yaml.TaggedStyle != 0 && n.Tag != "!!map" {
			return false
		}
		return c.mapping(n)
	case yaml.SequenceNode:
		if n.Style&yaml.TaggedStyle != 0 && n.Tag != "!!seq" {
			return false
		}
		c.buf = append(c.buf, '[')
		for i, item := range n.Content {
			if i > 0 {
				c.buf = append(c.buf, ',')
			}
			if !c.value(item) {
				return false
			}
		}
		c.buf = append(c.buf, ']')
		return true
	case yaml.ScalarNode:
		return c.scalar(n)
	}
	return false // aliases, documents
}

func (c *jsonConv) mapping(n *yaml.Node) bool {
	if len(n.Content)%2 != 0 {
		return false
	}
	pairs := len(n.Content) / 2
	var keys []string // small mappings: compared pairwise
	var seen map[string]struct{}
	if pairs > 8 {
		seen = make(map[string]struct{}, pairs)
	} else {
		keys = make([]string, 0, pairs)
	}
	c.buf = append(c.buf, '{')
	for i := 0; i < len(n.Content); i += 2 {
		k, ok := keyString(n.Content[i])
		if !ok {
			return false
		}
		if seen != nil {
			if _, dup := seen[k]; dup {
				return false
			}
			seen[k] = struct{}{}
		} else {
			for _, old := range keys {
				if old == k {
					return false
				}
			}
			keys = append(keys, k)
		}
		if i > 0 {
			c.buf = append(c.buf, ',')
		}
		if !c.str(k) {
			return false
		}
		c.buf = append(c.buf, ':')
		if !c.value(n.Content[i+1]) {
			return false
		}
	}
	c.buf = append(c.buf, '}')
	return true
}

// keyString is the string that oasdiff/yaml makes of a mapping key.
func keyString(k *yaml.Node) (string, bool) {
	if k.Kind != yaml.ScalarNode {
		return "", false
	}
	if s, ok := plainString(k); ok {
		return s, true
	}
	switch k.Tag {
	case "!!int", "!!float", "!!bool":
	default:
		return "", false // a merge key (<<), null, binary
	}
	v, ok := decodeScalar(k)
	if !ok {
		return "", false
	}
	switch v := v.(type) {
	case string:
		return v, true
	case int:
		return strconv.Itoa(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

// plainString returns the value of a scalar that yaml3 decodes into the
// string of its text: one resolved as a string, or a date-shaped one
// that kin-openapi's reader (DisableTimestamps) keeps a string.
func plainString(n *yaml.Node) (string, bool) {
	switch n.Tag {
	case "!!str":
		return n.Value, true
	case "!!timestamp":
		return n.Value, n.Style&yaml.TaggedStyle == 0
	}
	return "", false
}

// decodeScalar decodes a scalar as yaml3 does into an interface value.
func decodeScalar(n *yaml.Node) (v any, ok bool) {
	if n.Style&yaml.TaggedStyle != 0 {
		return nil, false
	}
	if err := n.Decode(&v); err != nil {
		return nil, false
	}
	return v, true
}

func (c *jsonConv) scalar(n *yaml.Node) bool {
	if s, ok := plainString(n); ok {
		return c.str(s)
	}
	if n.Style&yaml.TaggedStyle != 0 {
		return false
	}
	switch n.Tag {
	case "!!null":
		c.buf = append(c.buf, "null"...)
		return true
	case "!!int":
		if decimal(n.Value) {
			c.buf = append(c.buf, n.Value...) // what encoding/json writes of the int
			return true
		}
	case "!!float", "!!bool":
	default:
		return false
	}
	v, ok := decodeScalar(n)
	if !ok {
		return false
	}
	switch v.(type) {
	case int, int64, uint64, float64, bool:
	default:
		return false
	}
	data, err := json.Marshal(v) // NaN and infinities fail, as in kin-openapi
	if err != nil {
		return false
	}
	c.buf = append(c.buf, data...)
	return true
}

// decimal reports whether s is an integer in canonical decimal form that
// fits an int64 with room: "0", "17", "-3", not "007" or "+1".
func decimal(s string) bool {
	d := s
	if len(d) > 0 && d[0] == '-' {
		d = d[1:]
	}
	if len(d) == 0 || len(d) > 18 || d[0] == '0' && len(d) > 1 || d == "0" && len(s) > 1 {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}

// str writes s as a JSON string; false when s is not valid UTF-8, which
// encoding/json would change.
func (c *jsonConv) str(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	c.buf = append(c.buf, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 0x20 && b != '"' && b != '\\' {
			continue
		}
		c.buf = append(c.buf, s[start:i]...)
		switch b {
		case '"', '\\':
			c.buf = append(c.buf, '\\', b)
		case '\n':
			c.buf = append(c.buf, '\\', 'n')
		case '\t':
			c.buf = append(c.buf, '\\', 't')
		case '\r':
			c.buf = append(c.buf, '\\', 'r')
		default:
			const hex = "0123456789abcdef"
			c.buf = append(c.buf, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xf])
		}
		start = i + 1
	}
	c.buf = append(c.buf, s[start:]...)
	c.buf = append(c.buf, '"')
	return true
}
