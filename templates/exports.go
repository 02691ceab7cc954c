package templates

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"
	"sync"
)

// ExportKind tells what an Export declares.
type ExportKind int

// The kinds of exported declarations.
const (
	// ExportType is a type, generic or not.
	ExportType ExportKind = iota
	// ExportFunc is a function (not a method).
	ExportFunc
	// ExportVar is a package-level variable.
	ExportVar
	// ExportConst is a constant.
	ExportConst
)

// Export is an exported type, function or variable of the public package:
// what an API package may re-export.
type Export struct {
	Kind ExportKind
	// Name is the declared name, such as "ParseTime".
	Name string
	// Doc is the doc comment as text, without its final newline; for a
	// constant or variable, its own (GroupDoc is that of its group).
	Doc string
	// Comment is a constant's or variable's line comment, such as "404".
	Comment string
	// Group numbers the const or var declarations of the package, so
	// that the constants and variables of one group share it; GroupDoc is
	// the group's doc comment.
	Group    int
	GroupDoc string
	// TypeParams are the type parameters of a generic type or function,
	// with their constraints (Name and Type).
	TypeParams []Param
	// Params and Results are a function's signature; Variadic says that
	// the last parameter is ...T (its Type is T).
	Params   []Param
	Results  []Type
	Variadic bool
	// Returns is the type the public package declares that a function's
	// first result is or points to, such as "Time" for ParseTime and
	// "Error" for NotFound; empty when it is none.
	Returns string
}

var exports = sync.OnceValues(func() ([]Export, error) {
	pp, err := parsedPackages[Public]()
	if err != nil {
		return nil, err
	}
	return parseExports(pp)
})

// Exports returns the exported types, functions and variables of the
// public package, in the order of their files (sorted by name) and of
// their declarations. Like Files, it panics only when the embedded source
// is broken, which this package's tests rule out.
func Exports() []Export {
	ex, err := exports()
	if err != nil {
		panic(err)
	}
	out := slices.Clone(ex)
	for i := range out {
		out[i].TypeParams = slices.Clone(out[i].TypeParams)
		out[i].Params = slices.Clone(out[i].Params)
		out[i].Results = slices.Clone(out[i].Results)
	}
	return out
}

// parseExports finds the exported declarations of the parsed public
// package.
func parseExports(pp *parsed) ([]Export, error) {
	declared := map[string]bool{}
	for _, n := range pp.declared {
		declared[n] = true
	}
	var out []Export
	group := 0
	for i, f := range pp.syntax {
		file := pp.files[i].Name
		imports, err := importNames(f)
		if err != nil {
			return nil, fmt.Errorf("templates: %s: %w", file, err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil || !d.Name.IsExported() {
					continue
				}
				ex, err := funcExport(d, declared, imports)
				if err != nil {
					return nil, fmt.Errorf("templates: %s: %s: %w", file, d.Name.Name, err)
				}
				out = append(out, ex)
			case *ast.GenDecl:
				if d.Tok == token.CONST || d.Tok == token.VAR {
					group++
				}
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						doc := s.Doc
						if doc == nil {
							doc = d.Doc
						}
						ex := Export{Kind: ExportType, Name: s.Name.Name, Doc: strings.TrimSuffix(doc.Text(), "\n")}
						tparams, err := typeParams(s.TypeParams, declared, imports)
						if err != nil {
							return nil, fmt.Errorf("templates: %s: %s: %w", file, s.Name.Name, err)
						}
						ex.TypeParams = tparams
						out = append(out, ex)
					case *ast.ValueSpec:
						kind := ExportVar
						if d.Tok == token.CONST {
							kind = ExportConst
						}
						for _, n := range s.Names {
							if !n.IsExported() {
								continue
							}
							out = append(out, Export{Kind: kind, Name: n.Name,
								Doc: strings.TrimSuffix(s.Doc.Text(), "\n"), Comment: strings.TrimSpace(s.Comment.Text()),
								Group: group, GroupDoc: strings.TrimSuffix(d.Doc.Text(), "\n")})
						}
					}
				}
			}
		}
	}
	return out, nil
}

// funcExport describes the exported function fn.
func funcExport(fn *ast.FuncDecl, declared map[string]bool, imports map[string]string) (Export, error) {
	ex := Export{Kind: ExportFunc, Name: fn.Name.Name, Doc: strings.TrimSuffix(fn.Doc.Text(), "\n")}
	if ex.Doc == "" {
		return ex, fmt.Errorf("no doc comment")
	}
	tparams, err := typeParams(fn.Type.TypeParams, declared, imports)
	if err != nil {
		return ex, err
	}
	ex.TypeParams = tparams
	inScope := map[string]bool{}
	for _, p := range tparams {
		inScope[p.Name] = true
	}
	for _, field := range fn.Type.Params.List {
		typ := field.Type
		if e, ok := typ.(*ast.Ellipsis); ok {
			typ, ex.Variadic = e.Elt, true
		}
		t, err := paramType(typ, declared, imports, inScope)
		if err != nil {
			return ex, err
		}
		if len(field.Names) == 0 {
			return ex, fmt.Errorf("unnamed parameter")
		}
		for _, n := range field.Names {
			ex.Params = append(ex.Params, Param{Name: n.Name, Type: t})
		}
	}
	if fn.Type.Results != nil {
		for _, field := range fn.Type.Results.List {
			t, err := paramType(field.Type, declared, imports, inScope)
			if err != nil {
				return ex, err
			}
			for range max(1, len(field.Names)) {
				ex.Results = append(ex.Results, t)
			}
		}
	}
	if len(ex.Results) > 0 {
		r := ex.Results[0]
		if r.Kind == Pointer {
			r = *r.Elem
		}
		if r.Kind == Declared {
			ex.Returns = r.Name
		}
	}
	return ex, nil
}

// typeParams describes a list of type parameters; their constraints must
// be predeclared or declared types.
func typeParams(list *ast.FieldList, declared map[string]bool, imports map[string]string) ([]Param, error) {
	if list == nil {
		return nil, nil
	}
	var out []Param
	for _, field := range list.List {
		t, err := paramType(field.Type, declared, imports, nil)
		if err != nil {
			return nil, fmt.Errorf("type parameter: %w", err)
		}
		for _, n := range field.Names {
			out = append(out, Param{Name: n.Name, Type: t})
		}
	}
	return out, nil
}
