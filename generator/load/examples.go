package load

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// kin-openapi decodes JSON through nested UnmarshalJSON methods: every
// object of the document is decoded again by each of its ancestors, once
// into its struct and once into a map for its extensions. The examples of
// request bodies and responses sit deepest and are the largest part of
// Twilio's documents (a third of the Conversations file), so they cost most.
// For a JSON document that references no other file, the loader hands
// kin-openapi a copy in which each such example is a short placeholder
// string, decodes each example once itself, and puts the values back before
// kin-openapi validates the document: kin-openapi ends with the same
// document and the same problems, for about half of its decoding time.
// Whenever the substitution does not come out exactly (kin-openapi refuses
// the copy, or a placeholder is not found where it was put), the document
// is loaded again as it is.

// span is the byte range [start, end) of a value in a file.
type span struct{ start, end int }

// examplePrefix starts the placeholder that stands for example i.
const examplePrefix = "\x00apigen-example-"

var httpMethods = map[string]bool{
	"get": true, "put": true, "post": true, "delete": true,
	"options": true, "head": true, "patch": true, "trace": true,
}

// isExampleValue reports whether path, the keys from a document's root,
// leads to the value of an example of a media type (content/T/example or
// content/T/examples/N/value) of an operation's request body or response,
// of a component request body or response, or of a component example
// (components/examples/N/value).
func isExampleValue(path []string) bool {
	n := len(path)
	if n < 4 {
		return false
	}
	var owner []string
	switch {
	case path[n-1] == "value" && path[n-3] == "examples":
		if n == 4 && path[0] == "components" && path[1] == "examples" {
			return true
		}
		owner = path[:n-3]
	case path[n-1] == "example":
		owner = path[:n-1]
	default:
		return false
	}
	// owner ends with content/<media type>.
	m := len(owner)
	if m < 2 || owner[m-2] != "content" {
		return false
	}
	owner = owner[:m-2]
	switch len(owner) {
	case 3: // components/requestBodies|responses/<name>
		return owner[0] == "components" && (owner[1] == "requestBodies" || owner[1] == "responses")
	case 4: // paths/<path>/<method>/requestBody
		return owner[0] == "paths" && httpMethods[owner[2]] && owner[3] == "requestBody"
	case 5: // paths/<path>/<method>/responses/<status>
		return owner[0] == "paths" && httpMethods[owner[2]] && owner[3] == "responses"
	}
	return false
}

// stripped is a JSON document with its examples replaced by placeholders.
type stripped struct {
	data     []byte // what kin-openapi reads
	original []byte // the file as it is
	spans    []span // where example i lies in original
}

// stripExamples returns the file data with each span replaced by the
// placeholder of its index, compacted; nil when there is nothing to take
// out or the spans cannot be trusted.
func stripExamples(data []byte, spans []span) *stripped {
	if len(spans) == 0 || bytes.Contains(data, []byte("apigen-example-")) {
		return nil
	}
	var b bytes.Buffer
	b.Grow(len(data))
	at := 0
	for i, sp := range spans {
		if sp.start < at || sp.end <= sp.start || sp.end > len(data) {
			return nil // not in document order: not what the parser makes
		}
		b.Write(data[at:sp.start])
		b.WriteString(`"\u0000apigen-example-`)
		b.WriteString(strconv.Itoa(i))
		b.WriteByte('"')
		at = sp.end
	}
	b.Write(data[at:])
	var c bytes.Buffer
	c.Grow(b.Len())
	if json.Compact(&c, b.Bytes()) != nil {
		return nil
	}
	return &stripped{data: c.Bytes(), original: data, spans: spans}
}

// restore puts the examples back into t, the document kin-openapi made of
// the stripped copy. It fails unless every placeholder is found, each in
// a place where an example of its kind belongs.
func (s *stripped) restore(t *openapi3.T) error {
	done := make([]bool, len(s.spans))
	count := 0
	var failed error
	put := func(v *any) {
		str, ok := (*v).(string)
		if !ok || failed != nil {
			return
		}
		rest, ok := strings.CutPrefix(str, examplePrefix)
		if !ok {
			return
		}
		i, err := strconv.Atoi(rest)
		if err != nil || i < 0 || i >= len(s.spans) {
			failed = fmt.Errorf("unknown example placeholder %q", str)
			return
		}
		var x any
		if err := json.Unmarshal(s.original[s.spans[i].start:s.spans[i].end], &x); err != nil {
			failed = err
			return
		}
		*v = x
		if !done[i] {
			done[i] = true
			count++
		}
	}
	content := func(c openapi3.Content) {
		for _, mt := range c {
			if mt == nil {
				continue
			}
			put(&mt.Example)
			for _, ex := range mt.Examples {
				if ex != nil && ex.Value != nil {
					put(&ex.Value.Value)
				}
			}
		}
	}
	if t.Paths != nil {
		for _, item := range t.Paths.Map() {
			for _, op := range item.Operations() {
				if op.RequestBody != nil && op.RequestBody.Value != nil {
					content(op.RequestBody.Value.Content)
				}
				if op.Responses != nil {
					for _, r := range op.Responses.Map() {
						if r != nil && r.Value != nil {
							content(r.Value.Content)
						}
					}
				}
			}
		}
	}
	if c := t.Components; c != nil {
		for _, rb := range c.RequestBodies {
			if rb != nil && rb.Value != nil {
				content(rb.Value.Content)
			}
		}
		for _, r := range c.Responses {
			if r != nil && r.Value != nil {
				content(r.Value.Content)
			}
		}
		for _, ex := range c.Examples {
			if ex != nil && ex.Value != nil {
				put(&ex.Value.Value)
			}
		}
	}
	if failed != nil {
		return failed
	}
	if count != len(s.spans) {
		return fmt.Errorf("%d of %d examples found again", count, len(s.spans))
	}
	return nil
}

// kinLoadJSON loads the JSON document at abs (shown as name) with its
// examples taken out when it references no other file. ok is false when
// it did not: the caller then loads the document as it is, which also
// reports whatever made the stripped load impossible.
func (l *loader) kinLoadJSON(ctx context.Context, abs, name string, origins bool) (res kinResult, ok bool) {
	data, err := l.readInRoot(nil, &url.URL{Path: abs})
	if err != nil {
		return kinResult{}, false
	}
	spans, ok := scanExamples(data)
	if !ok {
		return kinResult{}, false
	}
	st := stripExamples(data, spans)
	if st == nil {
		return kinResult{}, false
	}
	return l.kinLoadStripped(ctx, nil, name, st, origins)
}

// kinLoadStripped loads the stripped copy of the document name with the
// kin-openapi loader k (one of its own when k is nil), restores its
// examples and validates it. ok is false when that did not come out
// exactly; the caller then loads the document as it is.
func (l *loader) kinLoadStripped(ctx context.Context, k *openapi3.Loader, name string, s *stripped, origins bool) (res kinResult, ok bool) {
	if k == nil {
		k = l.newKin(ctx, origins)
	}
	loc := &url.URL{Path: name}
	var t *openapi3.T
	var err error
	if head, rest, split := splitPaths(s.data); split {
		// kin-openapi decodes a document on one goroutine: the second
		// half of a large document's paths is decoded beside it, then
		// added and its references resolved against the same components.
		var more openapi3.Paths
		var moreErr error
		var wg sync.WaitGroup
		wg.Go(func() { moreErr = json.Unmarshal(rest, &more) })
		t, err = k.LoadFromDataWithPath(head, loc)
		wg.Wait()
		if err != nil || moreErr != nil || t.Paths == nil {
			return kinResult{}, false
		}
		for path, item := range more.Map() {
			t.Paths.Set(path, item)
		}
		err = k.ResolveRefsIn(t, loc)
	} else {
		t, err = k.LoadFromDataWithPath(s.data, loc)
	}
	if err != nil || len(s.spans) > 0 && s.restore(t) != nil {
		return kinResult{}, false
	}
	return kinResult{t: t, verr: Validate(ctx, t)}, true
}

// minSplit is the size of a document's paths above which kinLoadStripped
// decodes them in two halves (a variable for the tests).
var minSplit = 256 << 10

// splitPaths cuts a compact JSON document whose paths object is larger
// than minSplit in two: the document with the first of its paths, and an
// object of the others, which all name paths (no extension), about half
// the document.
func splitPaths(data []byte) (head, rest []byte, ok bool) {
	p := &fastJSON{data: data}
	if len(data) == 0 || data[0] != '{' {
		return nil, nil, false
	}
	p.i = 1
	for p.i < len(data) && data[p.i] == '"' {
		key, ok := p.str(true)
		if !ok || p.i >= len(data) || data[p.i] != ':' {
			return nil, nil, false
		}
		p.i++
		if key != "paths" || p.i >= len(data) || data[p.i] != '{' {
			if _, ok := p.value(1); !ok {
				return nil, nil, false
			}
		} else {
			open := p.i
			var members []span
			p.i++
			for p.i < len(data) && data[p.i] == '"' {
				start := p.i
				name, ok := p.str(true)
				if !ok || !strings.HasPrefix(name, "/") || p.i >= len(data) || data[p.i] != ':' {
					return nil, nil, false
				}
				p.i++
				if _, ok := p.value(2); !ok {
					return nil, nil, false
				}
				members = append(members, span{start, p.i})
				if p.i < len(data) && data[p.i] == ',' {
					p.i++
				}
			}
			if p.i >= len(data) || data[p.i] != '}' || len(members) < 2 || p.i-open < minSplit {
				return nil, nil, false
			}
			// The rest is about half the document: the first part also
			// holds the components and costs kin-openapi's resolving.
			end := members[len(members)-1].end
			m := 1
			for m < len(members)-1 && end-members[m].start > len(data)/2 {
				m++
			}
			head = append(slices.Clip(data[:members[m-1].end]), data[p.i:]...)
			rest = append(append([]byte{'{'}, data[members[m].start:members[len(members)-1].end]...), '}')
			return head, rest, true
		}
		if p.i < len(data) && data[p.i] == ',' {
			p.i++
		}
	}
	return nil, nil, false
}
