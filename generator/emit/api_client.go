package emit

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/apigen-dev/apigen/generator/model"
	"github.com/apigen-dev/apigen/templates"
)

// client declares the Client, its options and one method per operation.
func (e *apiEmitter) client(f *jen.File) error {
	addDoc(f, fmt.Sprintf("DefaultBaseURL is where the %s is served.", e.api.Title))
	f.Const().Id("DefaultBaseURL").Op("=").Lit(e.api.BaseURL)
	f.Line()
	addDoc(f, "Option configures a Client.")
	f.Type().Id("Option").Op("=").Add(e.tq("ClientOption"))
	f.Line()
	e.clientOptions(f)

	addDoc(f, fmt.Sprintf("Client calls the %s. It is safe for concurrent use. Every method checks its parameters before sending anything, and returns *Error for any answer that is not a success.", e.api.Title),
		"A Client also satisfies Server, so it can stand behind NewHandler as a proxy.")
	f.Type().Id("Client").Struct(jen.Id("core").Op("*").Add(e.rt("Core")))
	f.Line()
	addDoc(f, "NewClient returns a Client for DefaultBaseURL, or for the URL given with WithBaseURL.")
	f.Func().Id("NewClient").Params(jen.Id("opts").Op("...").Id("Option")).Params(jen.Op("*").Id("Client"), jen.Error()).Block(
		jen.List(jen.Id("core"), jen.Err()).Op(":=").Add(e.rt("NewCore")).Call(jen.Id("DefaultBaseURL"), jen.Id("opts").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Op("&").Id("Client").Values(jen.Dict{jen.Id("core"): jen.Id("core")}), jen.Nil()),
	)
	f.Line()
	f.Var().Id("_").Id("Server").Op("=").Parens(jen.Op("*").Id("Client")).Parens(jen.Nil())
	f.Line()
	for _, op := range e.api.Operations {
		if err := e.clientMethod(f, op); err != nil {
			return err
		}
		if op.Kind == model.List {
			if err := e.clientIterator(f, op); err != nil {
				return err
			}
		}
	}
	return nil
}

// clientOptions re-exports every client option of the shared package under
// its own name, with the runtime's doc comment, its links to the shared
// package's names qualified.
func (e *apiEmitter) clientOptions(f *jen.File) {
	for _, o := range templates.ClientOptions() {
		for _, line := range strings.Split(e.sharedLinks(o.Doc), "\n") {
			f.Comment(strings.TrimRight("// "+line, " "))
		}
		var params, args []jen.Code
		for i, p := range o.Params {
			args = append(args, jen.Id(p.Name))
			if i+1 < len(o.Params) && o.Params[i+1].Type.String() == p.Type.String() {
				params = append(params, jen.Id(p.Name)) // "a, b string"
				continue
			}
			params = append(params, jen.Id(p.Name).Add(e.runtimeType(p.Type)))
		}
		f.Func().Id(o.Name).Params(params...).Id("Option").Block(jen.Return(e.tq(o.Name).Call(args...)))
		f.Line()
	}
}

// runtimeType is the Go type t of a runtime option's parameter.
func (e *apiEmitter) runtimeType(t templates.Type) jen.Code {
	switch t.Kind {
	case templates.Pointer:
		return jen.Op("*").Add(e.runtimeType(*t.Elem))
	case templates.Qualified:
		return jen.Qual(t.ImportPath, t.Name)
	case templates.Declared:
		return e.tq(t.Name)
	}
	return jen.Id(t.Name)
}

// docLink matches a doc link to a name of the package the comment is in,
// such as [RetryPolicy], [*Error] or [Error.Error].
var docLink = regexp.MustCompile(`\[(\*?)([A-Z][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)?)\]`)

// sharedLinks qualifies the doc links of a comment from the public runtime
// that name its declarations, [RetryPolicy] becoming [twilio.RetryPolicy],
// so that they still lead there from an API package.
func (e *apiEmitter) sharedLinks(doc string) string {
	declared := templates.Public.Declared()
	return docLink.ReplaceAllStringFunc(doc, func(link string) string {
		m := docLink.FindStringSubmatch(link)
		if _, ok := slices.BinarySearch(declared, m[2]); !ok {
			return link
		}
		return "[" + m[1] + e.shared.Package + "." + m[2] + m[3] + "]"
	})
}

// signature is the parameter list and results shared by a client method
// and the Server interface.
func (e *apiEmitter) signature(op *model.Operation) (params, results []jen.Code, err error) {
	params = []jen.Code{jen.Id("ctx").Qual(contextPkg, "Context")}
	args, err := e.pathArgs(op)
	if err != nil {
		return nil, nil, err
	}
	params = append(params, args...)
	if op.ParamsType != "" {
		params = append(params, jen.Id("params").Id(op.ParamsType))
	}
	if op.Result != "" {
		results = []jen.Code{jen.Op("*").Id(op.Result), jen.Error()}
	} else {
		results = []jen.Code{jen.Error()}
	}
	return params, results, nil
}

// pathExpr builds the escaped request path of an operation.
func (e *apiEmitter) pathExpr(op *model.Operation) jen.Code {
	vars := map[string]string{}
	for _, p := range op.PathParams {
		vars[p.WireName] = p.VarName
	}
	var parts []jen.Code
	rest := op.Path
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			parts = append(parts, jen.Lit(rest))
			break
		}
		j := strings.IndexByte(rest, '}')
		if i > 0 {
			parts = append(parts, jen.Lit(rest[:i]))
		}
		parts = append(parts, e.tq("PathSegment").Call(jen.String().Call(jen.Id(vars[rest[i+1:j]]))))
		rest = rest[j+1:]
	}
	out := jen.Add(parts[0])
	for _, p := range parts[1:] {
		out = out.Op("+").Add(p)
	}
	return out
}

func (e *apiEmitter) opDoc(op *model.Operation) []string {
	first := op.Name + " calls " + op.Method + " " + op.Path + "."
	if sum := sentence(op.Summary); sum != "" {
		first = op.Name + " calls " + op.Method + " " + op.Path + ": " + strings.ToLower(sum[:1]) + sum[1:]
	}
	return []string{first, sentence(op.Doc)}
}

func (e *apiEmitter) clientMethod(f *jen.File, op *model.Operation) error {
	params, results, err := e.signature(op)
	if err != nil {
		return err
	}
	var pathArgs []jen.Code
	for _, p := range op.PathParams {
		pathArgs = append(pathArgs, jen.Id(p.VarName))
	}
	fail := func(err jen.Code) jen.Code {
		if op.Result != "" {
			return jen.Return(jen.Nil(), err)
		}
		return jen.Return(err)
	}
	addDoc(f, e.opDoc(op)...)
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(op.Name).Params(params...).Params(results...).BlockFunc(func(g *jen.Group) {
		g.If(jen.Err().Op(":=").Id("validate"+op.Name+"Path").Call(pathArgs...), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))
		call := jen.Dict{
			jen.Id("Method"): jen.Lit(op.Method),
			jen.Id("Path"):   e.pathExpr(op),
		}
		if op.ParamsType != "" {
			g.If(jen.Err().Op(":=").Id("params").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))
			g.List(jen.Id("query"), jen.Id("form"), jen.Id("header")).Op(":=").Id("params").Dot("encode").Call()
			call[jen.Id("Query")] = jen.Id("query")
			call[jen.Id("Form")] = jen.Id("form")
			call[jen.Id("Header")] = jen.Id("header")
		}
		g.Id("call").Op(":=").Op("&").Add(e.rt("Call")).Values(call)
		if op.Result == "" {
			g.Return(jen.Id("c").Dot("core").Dot("Do").Call(jen.Id("ctx"), jen.Id("call"), jen.Nil()))
			return
		}
		g.Var().Id("out").Id(op.Result)
		g.If(jen.Err().Op(":=").Id("c").Dot("core").Dot("Do").Call(jen.Id("ctx"), jen.Id("call"), jen.Op("&").Id("out")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err()))
		g.Return(jen.Op("&").Id("out"), jen.Nil())
	})
	f.Line()
	return nil
}

// clientIterator declares <Op>All, the iterator over every item of a list.
func (e *apiEmitter) clientIterator(f *jen.File, op *model.Operation) error {
	l := op.List
	page := e.types[l.PageType]
	if page == nil || page.Page == nil {
		return fmt.Errorf("operation %s: page type %s is not declared", op.ID, l.PageType)
	}
	params, _, err := e.signature(op)
	if err != nil {
		return err
	}
	params = append(params, jen.Id("limit").Int())
	var args []jen.Code
	args = append(args, jen.Id("ctx"))
	for _, p := range op.PathParams {
		args = append(args, jen.Id(p.VarName))
	}
	if op.ParamsType != "" {
		args = append(args, jen.Id("params"))
	}
	name := op.Name + "All"
	item := jen.Id(l.ItemType)
	meta := e.tq("PageMeta")
	addDoc(f,
		fmt.Sprintf("%s iterates over every %s that %s lists, page after page, following each page's next_page_url (only to the host of the base URL).", name, l.ItemType, op.Name),
		"With limit > 0 it stops after limit items and asks for pages no larger than needed. An error ends the iteration after being yielded once; so does ctx being done, or the loop breaking.")
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(name).Params(params...).Qual(iterPkg, "Seq2").Types(item.Clone(), jen.Error()).BlockFunc(func(g *jen.Group) {
		if op.ParamsType != "" {
			// Validate before lowering PageSize to the limit, so that a bad
			// PageSize is reported rather than replaced.
			g.If(jen.Err().Op(":=").Id("params").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(item.Clone(), jen.Error()).Bool()).Block(
					jen.Id("yield").Call(item.Clone().Values(), jen.Err()),
				)),
			)
		}
		if l.PageSizeParam != "" && op.ParamsType != "" {
			var sizeParam *model.Param
			for _, p := range op.Params {
				if p.Name == l.PageSizeParam {
					sizeParam = p
				}
			}
			if sizeParam != nil && sizeParam.Optional && l.PageSizeDefault > 0 {
				typ, err := e.goType(sizeParam.Type)
				if err != nil {
					return
				}
				field := jen.Id("params").Dot(l.PageSizeParam)
				limit := jen.Add(typ).Call(jen.Id("limit"))
				if sizeParam.Type.Kind == model.Int {
					limit = jen.Id("limit") // already an int
				}
				g.Comment("// Ask for no more items than the limit needs.")
				g.If(jen.Id("limit").Op(">").Lit(0).Op("&&").Add(limit).Op("<").Add(field.Clone()).Dot("OrElse").Call(jen.Lit(int(l.PageSizeDefault)))).Block(
					field.Clone().Op("=").Id("Some").Call(limit),
				)
			}
		}
		items := func(pageVar string) jen.Code {
			return jen.Return(jen.Id(pageVar).Dot(page.Page.ItemsField), jen.Id(pageVar).Dot(page.Page.MetaField), jen.Nil())
		}
		g.Return(e.rt("Iterate").Call(jen.Id("ctx"), jen.Id("limit"),
			jen.Func().Params(jen.Id("ctx").Qual(contextPkg, "Context")).Params(jen.Index().Add(item.Clone()), meta.Clone(), jen.Error()).Block(
				jen.List(jen.Id("page"), jen.Err()).Op(":=").Id("c").Dot(op.Name).Call(args...),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), meta.Clone().Values(), jen.Err())),
				items("page"),
			),
			jen.Func().Params(jen.Id("ctx").Qual(contextPkg, "Context"), jen.Id("next").String()).Params(jen.Index().Add(item.Clone()), meta.Clone(), jen.Error()).Block(
				jen.Var().Id("page").Id(l.PageType),
				jen.If(jen.Err().Op(":=").Id("c").Dot("core").Dot("DoURL").Call(jen.Id("ctx"), jen.Id("next"), jen.Op("&").Id("page")), jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Nil(), meta.Clone().Values(), jen.Err())),
				items("page"),
			),
		))
	})
	f.Line()
	return nil
}
