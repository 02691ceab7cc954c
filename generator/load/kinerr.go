package load

import (
	"reflect"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "github.com/oasdiff/yaml3"

	"github.com/apigen-dev/apigen/generator/diag"
)

// unmarshalErr matches encoding/json's type errors as kin-openapi passes them on.
var unmarshalErr = regexp.MustCompile(`cannot unmarshal (\w+) into (?:Go struct )?field \w+\.([\w.]+) of type (\S+)`)

// loadError reports an error from kin-openapi's loader. The loader carries no
// positions, so a type error is located by looking for the offending field
// in the files' trees.
func (l *loader) loadError(err error, closure []*source) {
	msg := err.Error()
	if m := unmarshalErr.FindStringSubmatch(msg); m != nil {
		field := m[2]
		if i := strings.LastIndexByte(field, '.'); i >= 0 {
			field = field[i+1:]
		}
		want := kindOfGoType(m[3])
		found := false
		for _, s := range closure {
			for _, n := range s.keysNamed(field) {
				if got := yamlKind(n); want != "" && got != want {
					l.problems.Add(s.pos(n), "%s must be %s, not %s", field, article(want), article(got))
					found = true
				}
			}
		}
		if found {
			return
		}
	}
	if i := strings.LastIndex(msg, "yaml error: "); i >= 0 {
		msg = msg[i+len("yaml error: "):]
	}
	l.problems.Add(diag.Pos{File: closure[0].name, Line: 1, Col: 1}, "%s", msg)
}

func kindOfGoType(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "list"
	case strings.HasPrefix(t, "map"), strings.HasPrefix(t, "openapi3."), strings.HasPrefix(t, "*"):
		return "mapping"
	case t == "bool":
		return "boolean"
	case t == "string":
		return "string"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"), strings.HasPrefix(t, "float"):
		return "number"
	}
	return ""
}

func yamlKind(n *yaml.Node) string {
	n = deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		return "number"
	case "!!bool":
		return "boolean"
	case "!!null":
		return "null"
	}
	return "string"
}

func article(kind string) string {
	switch kind {
	case "null":
		return "null"
	case "":
		return "a value"
	}
	return "a " + kind
}

// validationErrors reports each independent problem in kin-openapi's
// validation result. Nested multi-errors (an example with two bad fields)
// become one problem each.
func (l *loader) validationErrors(err error, doc *source) {
	closure := make([]*source, 0, len(l.sources))
	closure = append(closure, doc)
	for _, s := range l.sources {
		if s != nil && s != doc {
			closure = append(closure, s)
		}
	}
	// kin-openapi reports a broken shared component once per operation,
	// and per document, that uses it; report it once per run.
	if l.seen == nil {
		l.seen = map[string]bool{}
	}
	for _, chain := range chains(err, nil) {
		p := problemOf(chain, closure)
		key := p.Pos.String() + " " + leafMessage(chain[len(chain)-1].err)
		if l.seen[key] {
			continue
		}
		l.seen[key] = true
		if !l.strict && aboutExample(chain) {
			p.Msg = "warning: " + p.Msg
			l.warnings = append(l.warnings, p)
		} else {
			l.problems = append(l.problems, p)
		}
	}
}

// aboutExample reports whether a chain is about an example that does not
// match its schema.
func aboutExample(links []link) bool {
	for _, l := range links {
		switch l.err.(type) {
		case *openapi3.MediaTypeExampleValidationError, *openapi3.ParameterExampleValidationError:
			return true
		}
		if sve := schemaValueError(l.err); sve != nil && (sve.ValueKind == "example" || strings.HasPrefix(sve.ValueKind, "examples")) {
			return true
		}
	}
	return false
}

// link is one error of a chain with the text it adds in front of its cause.
type link struct {
	err    error
	prefix string
}

// chains flattens err into its leaf chains: each chain runs from the
// outermost wrapper to one leaf error. A multi-error fans out into one chain
// per member, each keeping the wrappers above it.
func chains(err error, above []link) [][]link {
	if me, ok := err.(openapi3.MultiError); ok {
		var out [][]link
		for _, e := range me {
			out = append(out, chains(e, above)...)
		}
		return out
	}
	var inner []error
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if e := u.Unwrap(); e != nil {
			inner = []error{e}
		}
	case interface{ Unwrap() []error }:
		inner = u.Unwrap()
	}
	if se, ok := err.(*openapi3.SchemaError); ok && se.Origin != nil {
		inner = []error{se.Origin} // a schema error caused by another one: the cause has the detail
	}
	if len(inner) == 0 {
		return [][]link{append(append([]link(nil), above...), link{err: err})}
	}
	l := link{err: err}
	if len(inner) == 1 {
		l.prefix, _ = strings.CutSuffix(err.Error(), inner[0].Error())
	}
	var out [][]link
	for _, e := range inner {
		out = append(out, chains(e, append(append([]link(nil), above...), l))...)
	}
	return out
}

var originType = reflect.TypeFor[*openapi3.Origin]()

// originOf returns the Origin field of a kin-openapi error, if it has one.
func originOf(err error) *openapi3.Origin {
	v := reflect.ValueOf(err)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	f := v.FieldByName("Origin")
	if !f.IsValid() || f.Type() != originType || f.IsNil() {
		return nil
	}
	return f.Interface().(*openapi3.Origin)
}

// problemOf turns one chain into a problem: the message joins the wrappers'
// context with the leaf's reason; the position is the innermost origin,
// refined into an example's value when the leaf is about an example.
func problemOf(links []link, closure []*source) diag.Problem {
	var b strings.Builder
	chain := make([]error, len(links))
	for i, l := range links {
		chain[i] = l.err
		if i == len(links)-1 {
			b.WriteString(leafMessage(l.err))
		} else {
			b.WriteString(l.prefix)
		}
	}
	msg := strings.TrimSpace(b.String())

	var origin *openapi3.Origin
	for _, e := range chain {
		if o := originOf(e); o != nil && o.Key != nil {
			origin = o
		}
	}
	if origin == nil {
		// kin-openapi records no origins for JSON documents: the tree
		// gives the place, down to an example's value when the error is
		// about one.
		key, val := contextNodes(chain, closure[0])
		if n := findExample(val, chain); n != nil {
			key = n
		}
		return diag.Problem{Pos: closure[0].pos(key), Msg: msg}
	}
	s := sourceFor(origin.Key.File, closure)
	pos := diag.Pos{File: s.name, Line: origin.Key.Line, Col: origin.Key.Column}
	if n := refineExample(s, origin, chain); n != nil {
		pos = s.pos(n)
	}
	return diag.Problem{Pos: pos, Msg: msg}
}

// leafMessage is the leaf's reason on one line, without kin-openapi's dumps
// of the schema and the value.
func leafMessage(err error) string {
	if se, ok := err.(*openapi3.SchemaError); ok {
		if ptr := se.JSONPointer(); len(ptr) > 0 {
			return "value at /" + strings.Join(ptr, "/") + ": " + se.Reason
		}
		return se.Reason
	}
	msg := err.Error()
	if i := strings.Index(msg, "\nSchema:"); i >= 0 {
		msg = msg[:i]
	}
	return strings.ReplaceAll(msg, "\n", " ")
}

// refineExample descends from the origin's node into the example value that
// a schema error points at.
func refineExample(s *source, origin *openapi3.Origin, chain []error) *yaml.Node {
	var kind string
	var se *openapi3.SchemaError
	for _, e := range chain {
		if sve := schemaValueError(e); sve != nil {
			kind = sve.ValueKind
			continue
		}
		switch e := e.(type) {
		case *openapi3.MediaTypeExampleValidationError:
			kind = "examples/" + e.ExampleName + "/value"
		case *openapi3.ParameterExampleValidationError:
			kind = "examples/" + e.ExampleName + "/value"
		case *openapi3.SchemaError:
			se = e
		}
	}
	if kind == "" {
		return nil
	}
	n := s.valueAt(origin.Key.Line, origin.Key.Column)
	for _, seg := range strings.Split(kind, "/") {
		if n = step(n, seg); n == nil {
			return nil
		}
	}
	if se != nil {
		for _, seg := range se.JSONPointer() {
			next := step(n, seg)
			if next == nil {
				break
			}
			n = next
		}
	}
	return n
}

// schemaValueError returns e itself as a *SchemaValueError, also when e is
// one of the leaf types that embed it, without looking into e's causes.
func schemaValueError(e error) *openapi3.SchemaValueError {
	if sve, ok := e.(*openapi3.SchemaValueError); ok {
		return sve
	}
	var sve *openapi3.SchemaValueError
	if a, ok := e.(interface{ As(any) bool }); ok && a.As(&sve) {
		return sve
	}
	return nil
}

// contextNodes finds the place an error without an origin speaks of by
// following kin-openapi's context wrappers through the document's tree: the
// key of the innermost place found, and its value.
func contextNodes(chain []error, s *source) (key, value *yaml.Node) {
	n := s.root
	best := n
	for _, e := range chain {
		var next *yaml.Node
		switch e := e.(type) {
		case *openapi3.SectionValidationError:
			next = keyNode(n, e.Section)
			if next != nil {
				best, n = next, child(n, e.Section)
				continue
			}
		case *openapi3.PathValidationError:
			next = keyNode(n, e.Path)
			if next != nil {
				best, n = next, child(n, e.Path)
				continue
			}
		case *openapi3.OperationValidationError:
			m := strings.ToLower(e.Method)
			next = keyNode(n, m)
			if next != nil {
				best, n = next, child(n, m)
				continue
			}
		case *openapi3.ComponentValidationError:
			comps := child(s.root, "components")
			for _, sec := range []string{e.Section, e.Section + "s"} {
				if k := keyNode(child(comps, sec), e.Name); k != nil {
					best, n = k, child(child(comps, sec), e.Name)
					break
				}
			}
		}
	}
	return best, n
}

// findExample looks below n, in document order, for the example an error
// chain is about (an "example", or the value of the named one of
// "examples") and returns the node of the example's value that the error
// points at; the first example when none has that value; nil when there is
// no example below n. kin-openapi does not say which response or media type
// of an operation held the example.
func findExample(n *yaml.Node, chain []error) *yaml.Node {
	name, named := "", false
	var ptr []string
	for _, e := range chain {
		switch e := e.(type) {
		case *openapi3.MediaTypeExampleValidationError:
			name, named = e.ExampleName, true
		case *openapi3.ParameterExampleValidationError:
			name, named = e.ExampleName, true
		case *openapi3.SchemaError:
			ptr = e.JSONPointer()
		}
	}
	if !named && !aboutExample(linksOf(chain)) {
		return nil
	}
	var first *yaml.Node
	var walk func(n *yaml.Node) *yaml.Node
	walk = func(n *yaml.Node) *yaml.Node {
		n = deref(n)
		if n == nil {
			return nil
		}
		if n.Kind == yaml.MappingNode {
			ex := child(n, "example")
			if named {
				ex = child(child(child(n, "examples"), name), "value")
			}
			if ex != nil {
				if first == nil {
					first = ex
				}
				at := ex
				for _, seg := range ptr {
					if at = step(at, seg); at == nil {
						break
					}
				}
				if at != nil {
					return at
				}
			}
		}
		for _, c := range n.Content {
			if found := walk(c); found != nil {
				return found
			}
		}
		return nil
	}
	if found := walk(n); found != nil {
		return found
	}
	return first
}

// linksOf wraps errors as links.
func linksOf(chain []error) []link {
	links := make([]link, len(chain))
	for i, e := range chain {
		links[i] = link{err: e}
	}
	return links
}
