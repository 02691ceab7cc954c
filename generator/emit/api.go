package emit

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/apigen-dev/apigen/generator/model"
	"github.com/apigen-dev/apigen/generator/names"
)

// Standard library import paths used by generated API packages.
const (
	contextPkg = "context"
	httpPkg    = "net/http"
	iterPkg    = "iter"
	regexpPkg  = "regexp"
	strconvPkg = "strconv"
	urlPkg     = "net/url"
	utf8Pkg    = "unicode/utf8"
)

// apiEmitter prints one API package.
type apiEmitter struct {
	api    *model.API
	shared *model.Shared
	header string
	tw     string // import path of the shared package
	sids   map[string]*model.SIDKind
	types  map[string]*model.Type
	// patterns are the regular expressions of string parameters, declared
	// once each as package variables pattern0, pattern1, ...
	patterns []string
}

// API returns the files of one API package: doc.go, types.go, client.go and
// server.go, in the folder named after the package.
func API(api *model.API, shared *model.Shared, header string) ([]File, error) {
	if err := checkHeader(header); err != nil {
		return nil, err
	}
	if err := checkIdent("package name", api.Package); err != nil {
		return nil, err
	}
	if err := checkIdent("internal package name", shared.InternalPackage); err != nil || shared.InternalImportPath == "" {
		return nil, fmt.Errorf("emit: the shared model has no valid internal package (%q, %q)", shared.InternalPackage, shared.InternalImportPath)
	}
	e := &apiEmitter{
		api: api, shared: shared, header: header, tw: shared.ImportPath,
		sids: map[string]*model.SIDKind{}, types: map[string]*model.Type{},
	}
	for _, k := range shared.SIDs {
		e.sids[k.Prefix] = k
	}
	for _, t := range api.Types {
		e.types[t.Name] = t
	}
	parts := []struct {
		name  string
		build func(*jen.File) error
	}{
		{"doc.go", e.doc},
		{"types.go", e.typesFile},
		{"client.go", e.client},
		{"server.go", e.server},
	}
	// Building is cheap and shares the emitter's state, so it runs in
	// order; rendering (jennifer's print and go/format) is most of the cost
	// and touches nothing shared, so the files render in parallel.
	built := make([]*jen.File, len(parts))
	for i, part := range parts {
		built[i] = e.newFile()
		if err := part.build(built[i]); err != nil {
			return nil, fmt.Errorf("emit: %s/%s: %w", api.Package, part.name, err)
		}
	}
	files := make([]File, len(parts))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, part := range parts {
		wg.Go(func() { files[i], errs[i] = render(api.Package, part.name, built[i]) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := sortFiles(files); err != nil {
		return nil, err
	}
	return files, nil
}

func (e *apiEmitter) newFile() *jen.File {
	f := jen.NewFilePathName(e.api.ImportPath, e.api.Package)
	f.HeaderComment(e.header)
	f.ImportName(e.tw, e.shared.Package)
	f.ImportName(e.shared.InternalImportPath, e.shared.InternalPackage)
	for _, p := range []string{contextPkg, httpPkg, iterPkg, regexpPkg, strconvPkg, urlPkg, utf8Pkg} {
		f.ImportName(p, p[strings.LastIndexByte(p, '/')+1:])
	}
	return f
}

// tq is a qualified name of the shared package.
func (e *apiEmitter) tq(name string) *jen.Statement { return jen.Qual(e.tw, name) }

// rt is a qualified name of the internal package, the runtime's plumbing.
func (e *apiEmitter) rt(name string) *jen.Statement {
	return jen.Qual(e.shared.InternalImportPath, name)
}

// docComment returns // comment lines for a doc comment of paragraphs,
// skipping empty ones.
func docComment(paragraphs ...string) []jen.Code {
	var out []jen.Code
	for _, p := range paragraphs {
		if strings.TrimSpace(p) == "" {
			continue
		}
		if len(out) > 0 {
			out = append(out, jen.Comment("//"))
		}
		for _, line := range wrap(p) {
			out = append(out, jen.Comment(line))
		}
	}
	return out
}

// addDoc writes a doc comment into f.
func addDoc(f *jen.File, paragraphs ...string) {
	for _, c := range docComment(paragraphs...) {
		f.Add(c)
	}
}

// sentence makes s end with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// goType is the Go type of a value of kind t.
func (e *apiEmitter) goType(t model.TypeRef) (jen.Code, error) {
	switch t.Kind {
	case model.String, model.URI:
		return jen.String(), nil
	case model.Int:
		return jen.Int(), nil
	case model.Int64:
		return jen.Int64(), nil
	case model.Float:
		return jen.Float64(), nil
	case model.Bool:
		return jen.Bool(), nil
	case model.Time:
		return e.tq("Time"), nil
	case model.JSONString:
		return e.tq("JSONString"), nil
	case model.URIMap:
		return jen.Map(jen.String()).String(), nil
	case model.Meta:
		return e.tq("PageMeta"), nil
	case model.SID:
		k, ok := e.sids[t.SID]
		if !ok {
			return nil, fmt.Errorf("no SID kind %s in the shared model", t.SID)
		}
		return e.tq(k.Name), nil
	case model.SIDOrIdentity:
		k, ok := e.sids[t.SID]
		if !ok || k.RefName == "" {
			return nil, fmt.Errorf("no reference type for SID kind %s in the shared model", t.SID)
		}
		return e.tq(k.RefName), nil
	case model.Named:
		if _, ok := e.types[t.Name]; !ok {
			return nil, fmt.Errorf("type %s is not declared", t.Name)
		}
		return jen.Id(t.Name), nil
	case model.Array:
		if t.Elem == nil {
			return nil, fmt.Errorf("array without element type")
		}
		elem, err := e.goType(*t.Elem)
		if err != nil {
			return nil, err
		}
		return jen.Index().Add(elem), nil
	}
	return nil, fmt.Errorf("unknown kind %q", t.Kind)
}

// fieldType is the Go type of a response field: Null[T] when it may be
// null, except for maps and slices, whose nil already says null.
func (e *apiEmitter) fieldType(f *model.Field) (jen.Code, error) {
	t, err := e.goType(f.Type)
	if err != nil {
		return nil, fmt.Errorf("field %s: %w", f.WireName, err)
	}
	if f.Nullable && f.Type.Kind != model.URIMap && f.Type.Kind != model.Array {
		return jen.Id("Null").Types(t), nil
	}
	return t, nil
}

// paramType is the Go type of a request parameter: Opt[T] when it may be
// left out.
func (e *apiEmitter) paramType(p *model.Param) (jen.Code, error) {
	t, err := e.goType(p.Type)
	if err != nil {
		return nil, fmt.Errorf("parameter %s: %w", p.WireName, err)
	}
	if p.Optional {
		return jen.Id("Opt").Types(t), nil
	}
	return t, nil
}

// statusName is the name of an HTTP status constant of net/http.
func statusName(code int) jen.Code {
	if name, ok := httpStatusNames[code]; ok {
		return jen.Qual(httpPkg, name)
	}
	return jen.Lit(code)
}

var httpStatusNames = map[int]string{
	http.StatusOK: "StatusOK", http.StatusCreated: "StatusCreated", http.StatusAccepted: "StatusAccepted",
	http.StatusNoContent: "StatusNoContent",
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// methodName is the unexported name of the handler method of an operation.
func handlerName(op *model.Operation) string { return names.Unexported(op.Name) }
