package emit

import (
	"errors"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/apigen-dev/apigen/generator/model"
)

// Standard library import paths used by generated API packages.
const (
	contextPkg = "context"
	errorsPkg  = "errors"
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
	d      *model.Decls
	// locals maps names of the shared package to the names the package
	// declares for them (see local); nil until needed.
	locals map[string]string
	// file is the file being built, pieces renders them (see split.go).
	file   *splitFile
	pieces *pieces
}

// API returns the files of one API package: doc.go, types.go, json.go,
// client.go and server.go, in the folder named after the package. The model must be one
// that normalize made (or built the same way): every name allocated, every
// reference resolved. A model that is not is reported as an error, never
// printed.
func API(api *model.API, shared *model.Shared, header string) (files []File, err error) {
	if err := checkHeader(header); err != nil {
		return nil, err
	}
	e := &apiEmitter{api: api, shared: shared, header: header, d: &api.Decls}
	parts := []struct {
		name  string
		build func(*jen.File)
	}{
		{"doc.go", e.doc},
		{"types.go", e.typesFile},
		{"json.go", e.jsonFile},
		{"client.go", e.client},
		{"server.go", e.server},
	}
	if !slices.ContainsFunc(api.Types, func(t *model.Type) bool { return t.Kind == model.StructType }) {
		parts = slices.Delete(parts, 2, 3) // json.go would be empty
	}
	// Building shares the emitter's state, so the files are built in
	// order; rendering (jennifer's print and go/format) is most of the cost
	// and touches nothing shared, so each piece of a file (see split.go)
	// renders on a worker as soon as it is built.
	e.pieces = newPieces()
	built := make([]*splitFile, len(parts))
	err = invalidModel(api.Package, func() {
		for i, part := range parts {
			e.file = &splitFile{name: path.Join(api.Package, part.name), last: e.newFile()}
			built[i] = e.file
			part.build(e.file.last)
			e.pieces.start(e.file, e.file.last)
		}
		e.file = nil
	})
	e.pieces.wg.Wait()
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, s := range built {
		for _, pc := range s.pieces {
			errs = append(errs, pc.err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	files = make([]File, len(parts))
	for i, s := range built {
		data := make([][]byte, len(s.pieces))
		for j, pc := range s.pieces {
			data[j] = pc.data
		}
		joined, err := joinPieces(s.name, data)
		if err != nil {
			return nil, err
		}
		files[i] = File{Path: s.name, Data: joined}
	}
	if err := sortFiles(files); err != nil {
		return nil, err
	}
	return files, nil
}

// invalidModel runs build, turning a panic (a model with a nil where
// normalize always sets a value) into an error.
func invalidModel(pkg string, build func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("emit: %s: the model is not one normalize makes: %v", pkg, r)
		}
	}()
	build()
	return nil
}

func (e *apiEmitter) newFile() *jen.File {
	f := jen.NewFilePathName(e.api.ImportPath, e.api.Package)
	f.HeaderComment(e.header)
	for _, imp := range e.api.Imports {
		f.ImportName(imp.Path, imp.Name)
	}
	return f
}

// rt is a qualified name of the runtime's internal package.
func (e *apiEmitter) rt(name string) *jen.Statement {
	return jen.Qual(e.shared.InternalImportPath, name)
}

// tq is a qualified name of the shared package.
func (e *apiEmitter) tq(name string) *jen.Statement { return jen.Qual(e.shared.ImportPath, name) }

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
func (e *apiEmitter) goType(t model.TypeRef) jen.Code {
	switch t.Kind {
	case model.String, model.URI:
		return jen.String()
	case model.Int:
		return jen.Int()
	case model.Int64:
		return jen.Int64()
	case model.Float:
		return jen.Float64()
	case model.Bool:
		return jen.Bool()
	case model.Time:
		return e.sharedType("Time")
	case model.JSONString:
		return e.sharedType("JSONString")
	case model.JSONValue:
		return e.sharedType("JSONValue")
	case model.URIMap:
		return jen.Map(jen.String()).String()
	case model.Meta:
		return e.sharedType("PageMeta")
	case model.Array:
		return jen.Index().Add(e.goType(*t.Elem))
	}
	id := t.Ident()
	if id.ImportPath == e.shared.ImportPath {
		return e.sharedType(id.Name)
	}
	return jen.Qual(id.ImportPath, id.Name)
}

// fieldType is the Go type of a response field: Null[T] when it may be
// null, except for maps and slices, whose nil already says null.
func (e *apiEmitter) fieldType(f *model.Field) jen.Code {
	t := e.goType(f.Type)
	if f.Indirect {
		return jen.Op("*").Add(t)
	}
	if f.Nullable && !nilIsNull(f.Type.Kind) {
		return jen.Id(e.d.Null).Types(t)
	}
	return t
}

// paramType is the Go type of a request parameter: Opt[T] when it may be
// left out.
func (e *apiEmitter) paramType(p *model.Param) jen.Code {
	t := e.goType(p.Type)
	if p.Optional {
		return jen.Id(e.d.Opt).Types(t)
	}
	return t
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
	http.StatusNoContent: "StatusNoContent", http.StatusMovedPermanently: "StatusMovedPermanently",
	http.StatusFound: "StatusFound", http.StatusSeeOther: "StatusSeeOther",
	http.StatusTemporaryRedirect: "StatusTemporaryRedirect", http.StatusPermanentRedirect: "StatusPermanentRedirect",
	http.StatusBadRequest:   "StatusBadRequest",
	http.StatusUnauthorized: "StatusUnauthorized", http.StatusForbidden: "StatusForbidden",
	http.StatusNotFound: "StatusNotFound", http.StatusMethodNotAllowed: "StatusMethodNotAllowed",
	http.StatusConflict: "StatusConflict", http.StatusRequestEntityTooLarge: "StatusRequestEntityTooLarge",
	http.StatusUnsupportedMediaType: "StatusUnsupportedMediaType", http.StatusTooManyRequests: "StatusTooManyRequests",
	http.StatusInternalServerError: "StatusInternalServerError", http.StatusServiceUnavailable: "StatusServiceUnavailable",
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// nilIsNull reports whether a Go value of kind k says JSON null by being nil,
// so that a nullable field of it needs no Null wrapper.
func nilIsNull(k model.Kind) bool {
	return k == model.URIMap || k == model.Array || k == model.JSONValue
}
