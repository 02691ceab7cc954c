package load

import (
	"net/url"
	"path/filepath"
	"strconv"

	yaml "github.com/oasdiff/yaml3"

	"github.com/apigen-dev/apigen/generator/diag"
)

// Node is a place in a spec file, found in the loader's own tree of it: a
// value, and the key it stands under when it is a member of a mapping.
// Normalization walks Nodes beside kin-openapi's document to report
// positions, which kin-openapi records for YAML only, and for JSON documents
// not at all. The zero Node is nowhere; every method works on it, and a step
// that leads nowhere gives the zero Node.
type Node struct {
	src      *source
	key, val *yaml.Node
}

// Root is the top of the document's file.
func (d *Doc) Root() Node {
	if d.src == nil {
		return Node{}
	}
	return Node{src: d.src, val: d.src.root}
}

// At steps down through mapping keys and sequence indexes, in order.
func (n Node) At(segs ...string) Node {
	for _, seg := range segs {
		if n.val == nil {
			return Node{}
		}
		v := deref(n.val)
		switch v.Kind {
		case yaml.MappingNode:
			n = Node{src: n.src, key: keyNode(v, seg), val: child(v, seg)}
		case yaml.SequenceNode:
			n = Node{src: n.src, val: step(v, seg)}
		default:
			return Node{}
		}
	}
	if n.val == nil {
		return Node{}
	}
	return n
}

// Index steps into element i of a sequence.
func (n Node) Index(i int) Node { return n.At(strconv.Itoa(i)) }

// Resolve follows the $ref of n, if it has one, and the $refs it leads to:
// the definition of what n refers to. A $ref that cannot be followed
// (the loader reports those) leaves n as it is.
func (n Node) Resolve() Node {
	for range 64 { // a longer chain is a cycle the loader reports
		ref := child(n.val, "$ref")
		if ref == nil || n.src == nil || n.src.set == nil {
			return n
		}
		u, err := url.Parse(ref.Value)
		if err != nil || u.Scheme != "" || u.Host != "" {
			return n
		}
		target := n.src
		if u.Path != "" {
			abs := filepath.Join(filepath.Dir(n.src.abs), filepath.FromSlash(u.Path))
			if target = n.src.set[abs]; target == nil {
				return n
			}
		}
		v, err := target.pointer(u.Fragment)
		if err != nil || v == nil {
			return n
		}
		next := Node{src: target, val: v}
		if parent, last, ok := cutLast(u.Fragment); ok {
			if p, _ := target.pointer(parent); p != nil {
				next.key = keyNode(p, last)
			}
		}
		n = next
	}
	return n
}

// cutLast splits a JSON pointer into its parent and its last segment,
// unescaped.
func cutLast(ptr string) (parent, last string, ok bool) {
	for i := len(ptr) - 1; i >= 0; i-- {
		if ptr[i] == '/' {
			return ptr[:i], unescapePointer(ptr[i+1:]), true
		}
	}
	return "", "", false
}

// Pos is where n is written: its key when it has one, else its value; the
// zero Pos when n is nowhere.
func (n Node) Pos() diag.Pos {
	switch {
	case n.src == nil || n.val == nil:
		return diag.Pos{}
	case n.key != nil:
		return n.src.pos(n.key)
	}
	return n.src.pos(n.val)
}

// Keys lists the keys of a mapping in the order they are written.
func (n Node) Keys() []string {
	v := deref(n.val)
	if v == nil || v.Kind != yaml.MappingNode {
		return nil
	}
	keys := make([]string, 0, len(v.Content)/2)
	for i := 0; i+1 < len(v.Content); i += 2 {
		keys = append(keys, v.Content[i].Value)
	}
	return keys
}

// Key is the key n stands under, or "" when it is no member of a mapping.
func (n Node) Key() string {
	if n.key == nil {
		return ""
	}
	return n.key.Value
}

// Value is the text of a scalar n, "" for anything else.
func (n Node) Value() string {
	v := deref(n.val)
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	return v.Value
}
