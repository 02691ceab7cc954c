package load

import (
	"maps"
	"slices"
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// maxExtensionDistance is the largest edit distance at which an unknown
// extension is taken for a misspelling of a known one.
const maxExtensionDistance = 2

// checkExtensions warns about every extension key, in every file read,
// that is not one of known but lies within maxExtensionDistance of one.
// Extensions far from all of known (Twilio's x-twilio) are someone else's
// and pass without a word.
func (l *loader) checkExtensions(known []string) {
	if len(known) == 0 {
		return
	}
	for _, abs := range slices.Sorted(maps.Keys(l.sources)) {
		s := l.sources[abs]
		if s == nil {
			continue
		}
		for _, k := range extensionKeys(s.root) {
			if slices.Contains(known, k.Value) {
				continue
			}
			if near := nearest(k.Value, known); near != "" {
				l.warnings.Add(s.pos(k), "warning: unknown extension %s; did you mean %s?", k.Value, near)
			}
		}
	}
}

// nearest returns the entry of known closest to name when it is within
// maxExtensionDistance, or "".
func nearest(name string, known []string) string {
	best, bestDist := "", maxExtensionDistance+1
	for _, k := range known {
		if d := editDistance(name, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// literalKeys hold values that are data, not OpenAPI objects: their keys
// are never extensions.
var literalKeys = map[string]bool{"example": true, "default": true, "enum": true, "value": true}

// nameMapKeys hold maps whose keys are names the author chose (a property
// may be called x-anything); the values under those names are OpenAPI
// objects again.
var nameMapKeys = map[string]bool{
	"properties": true, "schemas": true, "parameters": true, "headers": true,
	"examples": true, "requestBodies": true, "securitySchemes": true,
	"links": true, "content": true, "encoding": true, "variables": true,
	"mapping": true, "scopes": true,
}

// extensionKeys returns the key nodes of the extensions ("x-" keys) of
// the OpenAPI objects in the tree n, in document order. It does not look
// into the values of extensions, examples, defaults and enums, and takes
// the names in maps of names (properties, schemas, ...) for names.
func extensionKeys(n *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	var walk func(n *yaml.Node, names bool)
	walk = func(n *yaml.Node, names bool) {
		// An alias is checked where its anchor is written, not again (and
		// not exponentially often) where it is used.
		if n == nil {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				switch {
				case names:
					walk(v, false)
				case strings.HasPrefix(k.Value, "x-"):
					out = append(out, k)
				case literalKeys[k.Value]:
				default:
					walk(v, nameMapKeys[k.Value])
				}
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, false)
			}
		}
	}
	walk(n, false)
	return out
}
