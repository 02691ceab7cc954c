package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/apigen-dev/apigen/generator/model"
	"github.com/apigen-dev/apigen/templates"
)

// local returns the name under which the package declares name of the
// shared package: an alias of Decls, an option or a re-export.
func (e *apiEmitter) local(name string) (string, bool) {
	if e.locals == nil {
		d := e.d
		e.locals = map[string]string{
			"Opt": d.Opt, "Some": d.Some, "Null": d.Null, "Error": d.Error,
			"ParamError": d.ParamError, "ClientOption": d.Option,
		}
		for _, o := range e.api.Options {
			e.locals[o.Source.Name] = o.Name
		}
		for _, r := range e.api.Reexports {
			e.locals[r.Source.Name] = r.Name
		}
	}
	n, ok := e.locals[name]
	return n, ok
}

// sharedName is a name of the shared package as the package's doc
// comments write it: the package's own when it re-exports it.
func (e *apiEmitter) sharedName(name string) string {
	if n, ok := e.local(name); ok {
		return n
	}
	return e.shared.Package + "." + name
}

// sharedType is the type name of the shared package: by the package's own
// alias when it re-exports it, qualified otherwise.
func (e *apiEmitter) sharedType(name string) *jen.Statement {
	if n, ok := e.local(name); ok {
		return jen.Id(n)
	}
	return e.tq(name)
}

// reexports declares the re-exports of the shared package: aliases,
// functions that call the shared ones, and variables that hold the shared
// ones.
func (e *apiEmitter) reexports(f *jen.File) {
	tw := e.shared.Package
	var vars []*model.Reexport
	for _, r := range e.api.Reexports {
		src := &r.Source
		switch src.Kind {
		case templates.ExportType:
			addDoc(f, fmt.Sprintf("%s is [%s.%s], re-exported so that using this package needs no other import.", r.Name, tw, src.Name))
			tparams, targs := e.typeParams(src.TypeParams)
			f.Type().Id(r.Name).Add(tparams).Op("=").Add(e.tq(src.Name)).Add(targs)
			f.Line()
		case templates.ExportFunc:
			e.reexportFunc(f, r)
		case templates.ExportVar, templates.ExportConst:
			vars = append(vars, r)
		}
	}
	for i := 0; i < len(vars); {
		j := i + 1
		for j < len(vars) && vars[j].Source.Group == vars[i].Source.Group {
			j++
		}
		group := vars[i:j:j]
		doc := e.sharedLinks(vars[i].Source.GroupDoc)
		if doc == "" && j == i+1 {
			doc = e.sharedLinks(vars[i].Source.Doc)
			group[0] = &model.Reexport{Name: group[0].Name, Source: group[0].Source}
			group[0].Source.Doc = ""
		}
		each := "Each is the"
		if len(group) == 1 {
			each = "It is the"
		}
		addDoc(f, doc, fmt.Sprintf("%s %s of the same name of package %s.", each, kindWord(vars[i].Source.Kind), tw))
		var tok *jen.Statement
		if vars[i].Source.Kind == templates.ExportConst {
			tok = f.Const()
		} else {
			tok = f.Var()
		}
		tok.DefsFunc(func(g *jen.Group) {
			for k, v := range group {
				if v.Source.Doc != "" {
					if k > 0 {
						g.Line()
					}
					for _, line := range strings.Split(e.sharedLinks(v.Source.Doc), "\n") {
						g.Comment(strings.TrimRight("// "+line, " "))
					}
				}
				s := g.Id(v.Name).Op("=").Add(e.tq(v.Source.Name))
				if v.Source.Comment != "" {
					s.Comment(v.Source.Comment)
				}
			}
		})
		f.Line()
		i = j
	}
}

// kindWord names a kind of declaration in a comment.
func kindWord(k templates.ExportKind) string {
	if k == templates.ExportConst {
		return "constant"
	}
	return "variable"
}

// reexportFunc declares a function that calls the shared package's.
func (e *apiEmitter) reexportFunc(f *jen.File, r *model.Reexport) {
	src := &r.Source
	see := fmt.Sprintf("%s calls [%s.%s].", r.Name, e.shared.Package, src.Name)
	if src.Doc == "" {
		addDoc(f, see)
	} else {
		doc := e.sharedLinks(src.Doc)
		if rest, ok := strings.CutPrefix(doc, src.Name+" "); ok {
			doc = r.Name + " " + rest
		}
		for _, line := range strings.Split(doc, "\n") {
			f.Comment(strings.TrimRight("// "+line, " "))
		}
		f.Comment("//")
		f.Comment("// It calls [" + e.shared.Package + "." + src.Name + "].")
	}
	var params, args, results []jen.Code
	for i, p := range src.Params {
		last := i == len(src.Params)-1
		if last && src.Variadic {
			args = append(args, jen.Id(p.Name).Op("..."))
			params = append(params, jen.Id(p.Name).Op("...").Add(e.runtimeType(p.Type)))
			continue
		}
		args = append(args, jen.Id(p.Name))
		if !last && src.Params[i+1].Type.String() == p.Type.String() && !(i+2 == len(src.Params) && src.Variadic) {
			params = append(params, jen.Id(p.Name))
			continue
		}
		params = append(params, jen.Id(p.Name).Add(e.runtimeType(p.Type)))
	}
	for _, t := range src.Results {
		results = append(results, e.runtimeType(t))
	}
	tparams, _ := e.typeParams(src.TypeParams)
	fn := f.Func().Id(r.Name).Add(tparams).Params(params...)
	switch len(results) {
	case 0:
	case 1:
		fn.Add(results[0])
	default:
		fn.Params(results...)
	}
	call := e.tq(src.Name).Call(args...)
	if len(results) == 0 {
		fn.Block(call)
	} else {
		fn.Block(jen.Return(call))
	}
	f.Line()
}

// typeParams are the type parameter list of a generic declaration and the
// type arguments that pass them on; both empty when there are none.
func (e *apiEmitter) typeParams(tps []templates.Param) (params, args *jen.Statement) {
	if len(tps) == 0 {
		return jen.Null(), jen.Null()
	}
	var ps, as []jen.Code
	for _, p := range tps {
		ps = append(ps, jen.Id(p.Name).Add(e.runtimeType(p.Type)))
		as = append(as, jen.Id(p.Name))
	}
	return jen.Types(ps...), jen.Types(as...)
}
