// Package templates holds the static Go source that the generator copies
// into the generated code: the runtime.
//
// The runtime is two ordinary Go packages, compiled and tested where they
// live:
//
//   - runtime ([Public], package twilio) is the consumer API of the shared
//     package: optional and nullable values, time, JSON strings, errors,
//     page meta, the client options, and the helpers a hand-written server
//     needs. The generator adds sid.go and doc.go to it.
//   - runtime/internal/apigen ([Internal], package apigen) is the plumbing
//     that only generated code calls: the client transport, paging, and the
//     building blocks of the generated servers. It imports the public
//     package by [PublicImportPath], in an import group of its own.
//
// Besides the files, this package tells the generator, from the same
// source, which names each package declares and which client options the
// public package offers, so that nothing keeps a second list of them.
package templates

import (
	"embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// PublicImportPath is the import path of the public runtime package, which
// the internal one imports.
const PublicImportPath = "github.com/apigen-dev/apigen/templates/runtime"

// source holds the non-test Go files of both runtime packages. Test files
// are not embedded: the list is explicit, and TestEmbedsEverySourceFile
// checks it against the folders.
//
//go:embed runtime/client.go runtime/error.go runtime/jsonstring.go runtime/jsonvalue.go
//go:embed runtime/meta.go runtime/optional.go runtime/server.go
//go:embed runtime/time.go runtime/validsid.go runtime/wire.go
//go:embed runtime/internal/apigen/client.go runtime/internal/apigen/doc.go runtime/internal/apigen/json.go
//go:embed runtime/internal/apigen/route.go runtime/internal/apigen/server.go
var source embed.FS

// Package is one of the two runtime packages.
type Package int

// The runtime packages.
const (
	// Public is the consumer API of the shared package, package twilio.
	Public Package = iota
	// Internal is the plumbing of the generated code, package apigen.
	Internal
)

// packages describes each Package.
var packages = [...]struct{ dir, name string }{
	Public:   {"runtime", "twilio"},
	Internal: {"runtime/internal/apigen", "apigen"},
}

// Dir is the package's folder, slash-separated and relative to this
// package's: "runtime" or "runtime/internal/apigen".
func (p Package) Dir() string { return packages[p].dir }

// Name is the name in the package clause of the package's source: "twilio"
// or "apigen". The generator replaces it with the name of the package it
// writes.
func (p Package) Name() string { return packages[p].name }

// String returns the package's folder.
func (p Package) String() string { return p.Dir() }

// File is one source file of a runtime package.
type File struct {
	// Name is the file's base name, such as "client.go".
	Name string
	// Data is the file's content: gofmt'd Go source whose first line is
	// either a comment or the package clause.
	Data []byte
}

// parsed is a runtime package read and parsed once.
type parsed struct {
	files    []File
	syntax   []*ast.File // parallel to files
	declared []string
}

var parsedPackages = [...]func() (*parsed, error){
	Public:   sync.OnceValues(func() (*parsed, error) { return parsePackage(source, Public) }),
	Internal: sync.OnceValues(func() (*parsed, error) { return parsePackage(source, Internal) }),
}

// load returns p parsed. The source is part of the binary and this
// package's tests parse it, so a failure means a broken build: it panics.
func (p Package) load() *parsed {
	pp, err := parsedPackages[p]()
	if err != nil {
		panic(err)
	}
	return pp
}

// Files returns the package's non-test Go files, sorted by name. The caller
// must not modify the data.
func (p Package) Files() []File {
	return slices.Clone(p.load().files)
}

// Declared returns the identifiers the package declares at package scope
// (constants, variables, types and functions, exported or not; not methods),
// sorted. These are the names that generated code in the same package must
// not declare again.
func (p Package) Declared() []string {
	return slices.Clone(p.load().declared)
}

// parsePackage reads and parses the files of p in fsys.
func parsePackage(fsys fs.FS, p Package) (*parsed, error) {
	names, err := fs.Glob(fsys, path.Join(p.Dir(), "*.go"))
	if err != nil {
		return nil, err
	}
	out := &parsed{}
	fset := token.NewFileSet()
	seen := map[string]bool{}
	for _, name := range names { // fs.Glob sorts them
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, name, data, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		if f.Name.Name != p.Name() {
			return nil, fmt.Errorf("templates: %s is package %s, not %s", name, f.Name.Name, p.Name())
		}
		out.files = append(out.files, File{Name: path.Base(name), Data: data})
		out.syntax = append(out.syntax, f)
		for _, id := range declaredIdents(f) {
			if id.Name != "_" && id.Name != "init" && !seen[id.Name] {
				seen[id.Name] = true
				out.declared = append(out.declared, id.Name)
			}
		}
	}
	if len(out.files) == 0 {
		return nil, fmt.Errorf("templates: %s has no Go files", p)
	}
	slices.Sort(out.declared)
	return out, nil
}

// declaredIdents returns the identifiers f declares at package scope.
func declaredIdents(f *ast.File) []*ast.Ident {
	var ids []*ast.Ident
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				ids = append(ids, d.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					ids = append(ids, s.Name)
				case *ast.ValueSpec:
					ids = append(ids, s.Names...)
				}
			}
		}
	}
	return ids
}

// ClientOption is a function of the public package that returns a
// ClientOption, such as WithBaseURL. Each API package re-exports it.
type ClientOption struct {
	// Name is the function's name, such as "WithBaseURL".
	Name string
	// Doc is the function's doc comment as text (go/ast's
	// CommentGroup.Text), without its final newline. Doc links to names
	// of the public package, such as [RetryPolicy], are as written there.
	Doc string
	// Params are the function's parameters, in order.
	Params []Param
}

// Param is one parameter of a ClientOption.
type Param struct {
	Name string
	Type Type
}

// TypeKind tells what a Type is.
type TypeKind int

// The kinds of parameter types.
const (
	// Builtin is a predeclared type, such as string: Name.
	Builtin TypeKind = iota
	// Declared is a type the public package declares, such as
	// RetryPolicy: Name.
	Declared
	// Qualified is a type of an imported package, such as http.Client:
	// ImportPath and Name.
	Qualified
	// Pointer is *Elem.
	Pointer
	// TypeParam is a type parameter of the function: Name.
	TypeParam
)

// Type is the type of a Param.
type Type struct {
	Kind       TypeKind
	Name       string // of Builtin, Declared and Qualified
	ImportPath string // of Qualified, such as "net/http"
	Elem       *Type  // of Pointer
	// Args are the type arguments of an instantiated generic Declared
	// type, such as the T of Null[T].
	Args []Type
}

// String returns t as Go source would spell it, with the import path in
// quotes for a qualified type: `*"net/http".Client`.
func (t Type) String() string {
	switch t.Kind {
	case Pointer:
		return "*" + t.Elem.String()
	case Qualified:
		return strconv.Quote(t.ImportPath) + "." + t.Name
	}
	if len(t.Args) > 0 {
		args := make([]string, len(t.Args))
		for i, a := range t.Args {
			args[i] = a.String()
		}
		return t.Name + "[" + strings.Join(args, ", ") + "]"
	}
	return t.Name
}

var clientOptions = sync.OnceValues(func() ([]ClientOption, error) {
	pp, err := parsedPackages[Public]()
	if err != nil {
		return nil, err
	}
	return parseClientOptions(pp)
})

// ClientOptions returns the exported functions of the public package that
// return a ClientOption, in the order of their files (sorted by name) and
// of their declarations. Like Files, it panics only when the embedded
// source is broken, which this package's tests rule out.
func ClientOptions() []ClientOption {
	opts, err := clientOptions()
	if err != nil {
		panic(err)
	}
	out := slices.Clone(opts)
	for i := range out {
		out[i].Params = slices.Clone(out[i].Params)
	}
	return out
}

// parseClientOptions finds the client options in the parsed public package.
func parseClientOptions(pp *parsed) ([]ClientOption, error) {
	declared := map[string]bool{}
	for _, n := range pp.declared {
		declared[n] = true
	}
	var opts []ClientOption
	for i, f := range pp.syntax {
		imports, err := importNames(f)
		if err != nil {
			return nil, fmt.Errorf("templates: %s: %w", pp.files[i].Name, err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !fn.Name.IsExported() || !returnsClientOption(fn.Type) {
				continue
			}
			if fn.Type.TypeParams != nil {
				return nil, fmt.Errorf("templates: %s: option %s has type parameters", pp.files[i].Name, fn.Name.Name)
			}
			opt := ClientOption{Name: fn.Name.Name, Doc: strings.TrimSuffix(fn.Doc.Text(), "\n")}
			if opt.Doc == "" {
				return nil, fmt.Errorf("templates: %s: option %s has no doc comment", pp.files[i].Name, opt.Name)
			}
			for _, field := range fn.Type.Params.List {
				t, err := paramType(field.Type, declared, imports, nil)
				if err != nil {
					return nil, fmt.Errorf("templates: %s: option %s: %w", pp.files[i].Name, opt.Name, err)
				}
				if len(field.Names) == 0 {
					return nil, fmt.Errorf("templates: %s: option %s has an unnamed parameter", pp.files[i].Name, opt.Name)
				}
				for _, n := range field.Names {
					opt.Params = append(opt.Params, Param{Name: n.Name, Type: t})
				}
			}
			opts = append(opts, opt)
		}
	}
	return opts, nil
}

// returnsClientOption reports whether a function of type ft has the single
// result ClientOption.
func returnsClientOption(ft *ast.FuncType) bool {
	if ft.Results == nil || len(ft.Results.List) != 1 || len(ft.Results.List[0].Names) > 1 {
		return false
	}
	id, ok := ft.Results.List[0].Type.(*ast.Ident)
	return ok && id.Name == "ClientOption"
}

// importNames maps the names by which f refers to its imports to their
// paths.
func importNames(f *ast.File) (map[string]string, error) {
	m := map[string]string{}
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return nil, err
		}
		name := importName(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		m[name] = p
	}
	return m, nil
}

// importName is the name a package of the standard library is known by
// without an alias: the last element of its path, or the one before a
// major version suffix ("math/rand/v2" is rand).
func importName(p string) string {
	elems := strings.Split(p, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = elems[len(elems)-2]
	}
	return name
}

// paramType describes the parameter type e, in a function whose type
// parameters are tparams.
func paramType(e ast.Expr, declared map[string]bool, imports map[string]string, tparams map[string]bool) (Type, error) {
	switch e := e.(type) {
	case *ast.IndexExpr:
		x, ok := e.X.(*ast.Ident)
		if !ok || !declared[x.Name] {
			break
		}
		arg, err := paramType(e.Index, declared, imports, tparams)
		if err != nil {
			return Type{}, err
		}
		return Type{Kind: Declared, Name: x.Name, Args: []Type{arg}}, nil
	case *ast.Ident:
		if tparams[e.Name] {
			return Type{Kind: TypeParam, Name: e.Name}, nil
		}
		if declared[e.Name] {
			return Type{Kind: Declared, Name: e.Name}, nil
		}
		if isBuiltinType(e.Name) {
			return Type{Kind: Builtin, Name: e.Name}, nil
		}
		return Type{}, fmt.Errorf("parameter type %s is neither predeclared nor declared by the package", e.Name)
	case *ast.StarExpr:
		elem, err := paramType(e.X, declared, imports, tparams)
		if err != nil {
			return Type{}, err
		}
		return Type{Kind: Pointer, Elem: &elem}, nil
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		if !ok {
			break
		}
		p, ok := imports[x.Name]
		if !ok {
			return Type{}, fmt.Errorf("parameter type %s.%s: no import named %s", x.Name, e.Sel.Name, x.Name)
		}
		return Type{Kind: Qualified, Name: e.Sel.Name, ImportPath: p}, nil
	}
	return Type{}, fmt.Errorf("parameter type %T is not supported: use a named type, a pointer or a qualified name", e)
}

// isBuiltinType reports whether name is a predeclared type, such as string.
func isBuiltinType(name string) bool {
	_, ok := types.Universe.Lookup(name).(*types.TypeName)
	return ok && name != "comparable"
}
