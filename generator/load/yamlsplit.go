package load

import (
	"bytes"
	"sync"

	yaml "github.com/oasdiff/yaml3"
)

// A large YAML document is parsed on one core before kin-openapi can start
// on it (see yamljson.go). parseSplit parses it in two parts at once
// instead: the paths from one of them on, to the end of the paths (part
// B), and the rest of the document (part A), then puts B's paths after A's.
// Each part keeps the document's line numbers: what it leaves out of the
// file is blank lines, and B starts with "paths:" on the line before its
// first path. The cut is made only where it cannot fall inside a value:
// at a line holding a path's key at the paths' indentation, with no line
// before it ending inside a quoted string or a flow collection (a
// conservative scan; block scalars are skipped by their indentation),
// and in a document without document markers or directives. When a part
// does not parse (an alias of an anchor in the other part, say), the
// document is parsed whole, which also reports its errors.

// minParseSplit is the size above which a YAML document is parsed in two
// parts (a variable for the tests).
var minParseSplit = 1 << 20

// parseSplit parses data in two parts when it is large and can be cut
// safely; ok is false otherwise, and the caller parses it whole.
func parseSplit(data []byte) (root *yaml.Node, ok bool) {
	if len(data) < minParseSplit {
		return nil, false
	}
	a, b, s, indent, ok := cutPaths(data)
	if !ok {
		return nil, false
	}
	var docA, docB yaml.Node
	var errB error
	var wg sync.WaitGroup
	wg.Go(func() { errB = yaml.Unmarshal(b, &docB) })
	errA := yaml.Unmarshal(a, &docA)
	wg.Wait()
	if errA != nil || errB != nil || len(docA.Content) != 1 || len(docB.Content) != 1 {
		return nil, false
	}
	rootA, rootB := docA.Content[0], docB.Content[0]
	if rootA.Kind != yaml.MappingNode || rootB.Kind != yaml.MappingNode || len(rootB.Content) != 2 || rootB.Content[0].Value != "paths" {
		return nil, false
	}
	pathsA, pathsB := child(rootA, "paths"), rootB.Content[1]
	if pathsA == nil || pathsA.Kind != yaml.MappingNode || pathsA.Style != 0 || pathsB.Kind != yaml.MappingNode || pathsB.Style != 0 ||
		len(pathsB.Content) == 0 || pathsB.Content[0].Line != s+1 || pathsB.Content[0].Column != indent+1 {
		return nil, false
	}
	pathsA.Content = append(pathsA.Content, pathsB.Content...)
	return rootA, true
}

// cutPaths cuts data into the two parts that parseSplit parses: a, the
// document with the lines from s (0-based) to the end of its paths blank,
// and b, those lines below "paths:" on line s-1. indent is the paths' keys'
// indentation.
func cutPaths(data []byte) (a, b []byte, s, indent int, ok bool) {
	if bytes.IndexByte(data, '\r') >= 0 {
		return nil, nil, 0, 0, false
	}
	var starts []int // offset of each line
	for at := 0; at < len(data); {
		starts = append(starts, at)
		if bytes.HasPrefix(data[at:], []byte("---")) || bytes.HasPrefix(data[at:], []byte("...")) || data[at] == '%' {
			return nil, nil, 0, 0, false // document markers, directives
		}
		i := bytes.IndexByte(data[at:], '\n')
		if i < 0 {
			break
		}
		at += i + 1
	}
	line := func(i int) []byte {
		end := len(data)
		if i+1 < len(starts) {
			end = starts[i+1] - 1
		}
		return data[starts[i]:end]
	}
	offset := func(i int) int {
		if i >= len(starts) {
			return len(data)
		}
		return starts[i]
	}
	p := -1 // the line "paths:"
	for i := range starts {
		if string(bytes.TrimRight(line(i), " ")) == "paths:" {
			p = i
			break
		}
	}
	if p < 0 {
		return nil, nil, 0, 0, false
	}
	e := len(starts) // the first line after the paths
	indent = -1
	var keys []int // lines of the paths' keys
	for i := p + 1; i < len(starts); i++ {
		l := line(i)
		n := len(l) - len(bytes.TrimLeft(l, " "))
		if n == len(l) || l[n] == '#' {
			continue // blank or a comment
		}
		if n == 0 {
			e = i
			break
		}
		if indent < 0 {
			indent = n
		}
		if n == indent && l[n] == '/' {
			keys = append(keys, i)
		}
	}
	if len(keys) < 2 || keys[0] != firstContent(len(starts), line, p+1) {
		return nil, nil, 0, 0, false
	}
	// B, from s to e, is about half the document: the first key from
	// which the rest of the paths is no more than half.
	s = -1
	for _, k := range keys[1:] {
		if offset(e)-offset(k) <= len(data)/2 {
			s = k
			break
		}
	}
	if s < 0 || !plainBefore(line, s) {
		return nil, nil, 0, 0, false
	}
	a = make([]byte, 0, offset(s)+(e-s)+len(data)-offset(e))
	a = append(a, data[:offset(s)]...)
	a = append(a, bytes.Repeat([]byte{'\n'}, e-s)...)
	a = append(a, data[offset(e):]...)
	b = make([]byte, 0, s-1+len("paths:\n")+offset(e)-offset(s))
	b = append(b, bytes.Repeat([]byte{'\n'}, s-1)...)
	b = append(b, "paths:\n"...)
	b = append(b, data[offset(s):offset(e)]...)
	return a, b, s, indent, true
}

// firstContent is the first line from i on that is neither blank nor a
// comment.
func firstContent(lines int, line func(int) []byte, i int) int {
	for ; i < lines; i++ {
		l := bytes.TrimLeft(line(i), " ")
		if len(l) > 0 && l[0] != '#' {
			return i
		}
	}
	return -1
}

// plainBefore reports whether no line before line s ends inside a quoted
// scalar or a flow collection, as far as a line-by-line scan can tell:
// a quote or bracket that opens a value opens it, and every one must close
// on its line. Lines of block scalars (| and >) are skipped: those more
// indented than the key they belong to. It errs on the side of false.
func plainBefore(line func(int) []byte, s int) bool {
	block := -1 // the column that block scalar lines are indented beyond, or -1
	for i := 0; i < s; i++ {
		l := line(i)
		n := len(l) - len(bytes.TrimLeft(l, " "))
		if block >= 0 {
			if n == len(l) || n > block {
				continue
			}
			block = -1
		}
		if n == len(l) {
			continue
		}
		inDQ, inSQ, depth := false, false, 0
		lastAt := -1  // the last character outside quotes and comments, not a space
		start := true // at a place where a value may start
		keyCol := n   // the column of the line's first key or value, after "- "
		for keyCol+1 < len(l) && l[keyCol] == '-' && l[keyCol+1] == ' ' {
			keyCol += 2
			for keyCol < len(l) && l[keyCol] == ' ' {
				keyCol++
			}
		}
		for j := n; j < len(l); j++ {
			c := l[j]
			switch {
			case inDQ:
				if c == '\\' {
					j++
				} else if c == '"' {
					inDQ = false
				}
				continue
			case inSQ:
				if c == '\'' {
					if j+1 < len(l) && l[j+1] == '\'' {
						j++
					} else {
						inSQ = false
					}
				}
				continue
			}
			if c == ' ' {
				continue
			}
			if c == '#' && (j == n || l[j-1] == ' ') {
				break
			}
			switch c {
			case '"':
				inDQ = start
			case '\'':
				inSQ = start
			case '[', '{':
				if start || depth > 0 {
					depth++
				}
			case ']', '}':
				if depth > 0 {
					depth--
				}
			}
			start = c == ':' || c == '-' || c == '[' || c == '{' || c == ',' || c == '?'
			lastAt = j
		}
		if inDQ || inSQ || depth > 0 {
			return false
		}
		// A block scalar's header ends its line: | or > with indicators.
		if lastAt >= 0 {
			k := lastAt
			for k > n && (l[k] == '+' || l[k] == '-' || l[k] >= '0' && l[k] <= '9') {
				k--
			}
			if (l[k] == '|' || l[k] == '>') && (k == n || l[k-1] == ' ') {
				block = keyCol
			}
		}
	}
	return true
}
