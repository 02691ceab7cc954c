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
func (e *apiEmitter) client(f *jen.File) {
	d := e.d
	addDoc(f, fmt.Sprintf("%s is where the %s is served.", d.DefaultBaseURL, e.api.Title))
	f.Const().Id(d.DefaultBaseURL).Op("=").Lit(e.api.BaseURL)
	f.Line()
	addDoc(f, d.Option+" configures a "+d.Client+".")
	f.Type().Id(d.Option).Op("=").Add(e.tq("ClientOption"))
	f.Line()
	for _, o := range e.api.Options {
		e.option(f, o)
	}

	addDoc(f, fmt.Sprintf("%s calls the %s. It is safe for concurrent use. Every method checks its parameters before sending anything, and returns *%s for any answer that is not a success.", d.Client, e.api.Title, d.Error),
		fmt.Sprintf("A %s also satisfies %s, so it can stand behind %s as a proxy.", d.Client, d.Server, d.NewHandler))
	f.Type().Id(d.Client).Struct(jen.Id(d.ClientCore).Op("*").Add(e.rt("Core")))
	f.Line()
	// NewClient's names cannot clash: the package declares no lower-case
	// names but the handler type, the path checks and the patterns.
	addDoc(f, fmt.Sprintf("%s returns a %s for %s, or for the URL given with WithBaseURL.", d.NewClient, d.Client, d.DefaultBaseURL))
	f.Func().Id(d.NewClient).Params(jen.Id("opts").Op("...").Id(d.Option)).Params(jen.Op("*").Id(d.Client), jen.Error()).Block(
		jen.List(jen.Id("core"), jen.Err()).Op(":=").Add(e.rt("NewCore")).Call(jen.Id(d.DefaultBaseURL), jen.Id("opts").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Op("&").Id(d.Client).Values(jen.Dict{jen.Id(d.ClientCore): jen.Id("core")}), jen.Nil()),
	)
	f.Line()
	f.Var().Id("_").Id(d.Server).Op("=").Parens(jen.Op("*").Id(d.Client)).Parens(jen.Nil())
	f.Line()
	for _, op := range e.api.Operations {
		f = e.cut(f)
		e.clientMethod(f, op)
		if op.List != nil {
			e.clientIterator(f, op)
		}
	}
}

// option re-exports one of the shared package's client options, with the
// runtime's doc comment, its links to the shared package's names
// qualified so that they still lead there.
func (e *apiEmitter) option(f *jen.File, o *model.Option) {
	src := o.Source
	doc := e.sharedLinks(src.Doc)
	if rest, ok := strings.CutPrefix(doc, src.Name+" "); ok {
		doc = o.Name + " " + rest
	}
	for _, line := range strings.Split(doc, "\n") {
		f.Comment(strings.TrimRight("// "+line, " "))
	}
	var params, args []jen.Code
	for i, p := range src.Params {
		args = append(args, jen.Id(p.Name))
		if i+1 < len(src.Params) && src.Params[i+1].Type.String() == p.Type.String() {
			params = append(params, jen.Id(p.Name)) // "a, b string"
			continue
		}
		params = append(params, jen.Id(p.Name).Add(e.runtimeType(p.Type)))
	}
	f.Func().Id(o.Name).Params(params...).Id(e.d.Option).Block(jen.Return(e.tq(src.Name).Call(args...)))
	f.Line()
}

// runtimeType is the Go type t of a runtime option's parameter.
func (e *apiEmitter) runtimeType(t templates.Type) jen.Code {
	switch t.Kind {
	case templates.Pointer:
		return jen.Op("*").Add(e.runtimeType(*t.Elem))
	case templates.Qualified:
		return jen.Qual(t.ImportPath, t.Name)
	case templates.Declared:
		typ := e.sharedType(t.Name)
		if len(t.Args) > 0 {
			var args []jen.Code
			for _, a := range t.Args {
				args = append(args, e.runtimeType(a))
			}
			typ.Types(args...)
		}
		return typ
	}
	return jen.Id(t.Name) // Builtin, TypeParam
}

// docLink matches a doc link to a name of the package the comment is in,
// such as [RetryPolicy], [*Error] or [Error.Error].
var docLink = regexp.MustCompile(`\[(\*?)([A-Z][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)?)\]`)

// sharedLinks qualifies the doc links of a comment from the public runtime
// that name its declarations, [RetryPolicy] becoming [twilio.RetryPolicy].
func (e *apiEmitter) sharedLinks(doc string) string {
	declared := templates.Public.Declared()
	return docLink.ReplaceAllStringFunc(doc, func(link string) string {
		m := docLink.FindStringSubmatch(link)
		if _, ok := slices.BinarySearch(declared, m[2]); !ok {
			return link
		}
		if n, ok := e.local(m[2]); ok {
			return "[" + m[1] + n + m[3] + "]"
		}
		return "[" + m[1] + e.shared.Package + "." + m[2] + m[3] + "]"
	})
}

// signature is the parameter list and results shared by a client method
// and the Server interface.
func (e *apiEmitter) signature(op *model.Operation) (params, results []jen.Code) {
	l := &op.Locals
	params = []jen.Code{jen.Id(l.Ctx).Qual(contextPkg, "Context")}
	params = append(params, e.pathArgs(op)...)
	if op.Params != nil {
		params = append(params, jen.Id(l.Params).Id(op.Params.Name))
	}
	if op.Result != nil {
		results = append(results, e.resultType(op))
	}
	if op.Redirect {
		results = append(results, jen.String()) // where it redirects to
	}
	if op.MultiStatus() {
		results = append(results, jen.Int()) // the 2xx status answered
	}
	return params, append(results, jen.Error())
}

// pathVars are the path parameters as arguments.
func pathVars(op *model.Operation) []jen.Code {
	var out []jen.Code
	for _, p := range op.PathParams {
		out = append(out, jen.Id(p.VarName))
	}
	return out
}

// pathExpr builds the escaped request path of an operation.
func (e *apiEmitter) pathExpr(op *model.Operation) jen.Code {
	out := jen.Null()
	for i, part := range op.PathParts {
		if i > 0 {
			out.Op("+")
		}
		if part.Param == nil {
			out.Lit(part.Text)
		} else {
			out.Add(e.tq("PathSegment").Call(toString(jen.Id(part.Param.VarName), part.Param.Type)))
		}
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

// fail returns err from a function with op's results.
func (e *apiEmitter) fail(op *model.Operation, err jen.Code) jen.Code {
	var zero []jen.Code
	if op.Result != nil {
		zero = append(zero, e.zeroResult(op))
	}
	if op.Redirect {
		zero = append(zero, jen.Lit(""))
	}
	if op.MultiStatus() {
		zero = append(zero, jen.Lit(0))
	}
	return jen.Return(append(zero, err)...)
}

func (e *apiEmitter) clientMethod(f *jen.File, op *model.Operation) {
	l := &op.Locals
	params, results := e.signature(op)
	errv := jen.Id(l.Err)
	addDoc(f, e.opDoc(op)...)
	f.Func().Params(jen.Id(l.Client).Op("*").Id(e.d.Client)).Id(op.Name).Params(params...).Params(results...).BlockFunc(func(g *jen.Group) {
		g.If(errv.Clone().Op(":=").Id(op.PathCheck).Call(pathVars(op)...), errv.Clone().Op("!=").Nil()).Block(e.fail(op, errv.Clone()))
		call := jen.Dict{
			jen.Id("Method"): jen.Lit(op.Method),
			jen.Id("Path"):   e.pathExpr(op),
		}
		if p := op.Params; p != nil {
			g.If(errv.Clone().Op(":=").Id(l.Params).Dot(p.Validate).Call(), errv.Clone().Op("!=").Nil()).Block(e.fail(op, errv.Clone()))
			g.List(jen.Id(l.Query), jen.Id(l.Form), jen.Id(l.Header)).Op(":=").Id(l.Params).Dot(p.Encode).Call()
			call[jen.Id("Query")] = jen.Id(l.Query)
			call[jen.Id("Form")] = jen.Id(l.Form)
			call[jen.Id("Header")] = jen.Id(l.Header)
		}
		g.Id(l.Call).Op(":=").Op("&").Add(e.rt("Call")).Values(call)
		if op.Redirect {
			g.Return(jen.Id(l.Client).Dot(e.d.ClientCore).Dot("DoRedirect").Call(jen.Id(l.Ctx), jen.Id(l.Call)))
			return
		}
		if op.MultiStatus() {
			e.clientCallStatus(g, op)
			return
		}
		do := jen.Id(l.Client).Dot(e.d.ClientCore).Dot("Do")
		if op.Result == nil {
			g.Return(do.Call(jen.Id(l.Ctx), jen.Id(l.Call), jen.Nil()))
			return
		}
		g.Var().Id(l.Out).Add(e.goType(*op.Result))
		g.If(errv.Clone().Op(":=").Add(do).Call(jen.Id(l.Ctx), jen.Id(l.Call), jen.Op("&").Id(l.Out)), errv.Clone().Op("!=").Nil()).Block(
			e.fail(op, errv.Clone()))
		g.Return(resultValue(op), jen.Nil())
	})
	f.Line()
}

// resultType is the Go type an operation returns its result as.
func (e *apiEmitter) resultType(op *model.Operation) jen.Code {
	if op.ResultPointer() {
		return jen.Op("*").Add(e.goType(*op.Result))
	}
	return e.goType(*op.Result)
}

// resultValue is the decoded result in the local out, as returned.
func resultValue(op *model.Operation) jen.Code {
	if op.ResultPointer() {
		return jen.Op("&").Id(op.Locals.Out)
	}
	return jen.Id(op.Locals.Out)
}

// zeroResult is the result returned with an error.
func (e *apiEmitter) zeroResult(op *model.Operation) jen.Code {
	if op.ResultPointer() {
		return jen.Nil()
	}
	switch op.Result.Kind {
	case model.Int, model.Int64, model.Float:
		return jen.Lit(0)
	case model.Bool:
		return jen.False()
	case model.String, model.URI, model.SID, model.SIDOrIdentity, model.JSONString, model.Named:
		return jen.Lit("")
	case model.Time, model.Meta:
		return jen.Add(e.goType(*op.Result)).Values()
	}
	return jen.Nil() // slices, maps, free JSON
}

// clientCallStatus sends the call of an operation with several success
// statuses and returns the status with the result.
func (e *apiEmitter) clientCallStatus(g *jen.Group, op *model.Operation) {
	l := &op.Locals
	errv := jen.Id(l.Err)
	out, result := jen.Nil(), []jen.Code{}
	if op.Result != nil {
		g.Var().Id(l.Out).Add(e.goType(*op.Result))
		out, result = jen.Op("&").Id(l.Out), []jen.Code{resultValue(op)}
	}
	g.List(jen.Id(l.Status), errv.Clone()).Op(":=").Id(l.Client).Dot(e.d.ClientCore).Dot("DoStatus").Call(jen.Id(l.Ctx), jen.Id(l.Call), out)
	g.If(errv.Clone().Op("!=").Nil()).Block(e.fail(op, errv.Clone()))
	g.Return(append(result, jen.Id(l.Status), jen.Nil())...)
}

// clientIterator declares the iterator over every item of a list.
func (e *apiEmitter) clientIterator(f *jen.File, op *model.Operation) {
	l := &op.Locals
	page := op.PageType().Page
	params, _ := e.signature(op)
	params = append(params, jen.Id(l.Limit).Int())
	args := append([]jen.Code{jen.Id(l.Ctx)}, pathVars(op)...)
	if op.Params != nil {
		args = append(args, jen.Id(l.Params))
	}
	name := op.List.Iterator
	item := e.goType(*page.Items.Type.Elem)
	errv := jen.Id(l.Err)
	meta := e.tq("PageMeta")
	addDoc(f,
		fmt.Sprintf("%s iterates over every %s that %s lists, page after page, following each page's next_page_url (only to the scheme, host and port of the base URL).", name, page.Item().Ident.Name, op.Name),
		"With limit > 0 it stops after limit items and asks for pages no larger than needed. An error ends the iteration after being yielded once; so does ctx being done, or the loop breaking.",
		"A server cannot make the iteration endless: 10 pages in a row without items, or a next_page_url already fetched, end it with an error.")
	f.Func().Params(jen.Id(l.Client).Op("*").Id(e.d.Client)).Id(name).Params(params...).Qual(iterPkg, "Seq2").Types(item, jen.Error()).BlockFunc(func(g *jen.Group) {
		if p := op.Params; p != nil {
			// Validate before lowering PageSize to the limit, so that a bad
			// PageSize is reported rather than replaced.
			g.If(errv.Clone().Op(":=").Id(l.Params).Dot(p.Validate).Call(), errv.Clone().Op("!=").Nil()).Block(
				jen.Return(jen.Func().Params(jen.Id(l.Yield).Func().Params(item, jen.Error()).Bool()).Block(
					jen.Id(l.Yield).Call(jen.Add(item).Values(), errv.Clone()),
				)),
			)
			e.lowerPageSize(g, op)
		}
		items := jen.Return(jen.Id(l.Page).Dot(page.Items.Name), jen.Id(l.Page).Dot(page.Meta.Name), jen.Nil())
		failPage := jen.Return(jen.Nil(), meta.Clone().Values(), errv.Clone())
		g.Return(e.rt("Iterate").Call(jen.Id(l.Ctx), jen.Id(l.Limit),
			jen.Func().Params(jen.Id(l.Ctx).Qual(contextPkg, "Context")).Params(jen.Index().Add(item), meta.Clone(), jen.Error()).Block(
				jen.List(jen.Id(l.Page), errv.Clone()).Op(":=").Id(l.Client).Dot(op.Name).Call(args...),
				jen.If(errv.Clone().Op("!=").Nil()).Block(failPage),
				items,
			),
			jen.Func().Params(jen.Id(l.Ctx).Qual(contextPkg, "Context"), jen.Id(l.Next).String()).Params(jen.Index().Add(item), meta.Clone(), jen.Error()).Block(
				jen.Var().Id(l.Page).Add(e.goType(*op.Result)),
				jen.If(errv.Clone().Op(":=").Id(l.Client).Dot(e.d.ClientCore).Dot("DoURL").Call(jen.Id(l.Ctx), jen.Id(l.Next), jen.Op("&").Id(l.Page)), errv.Clone().Op("!=").Nil()).Block(failPage),
				items,
			),
		))
	})
	f.Line()
}

// lowerPageSize asks for pages no larger than the iterator's limit needs,
// when the page size is an optional integer with a default.
func (e *apiEmitter) lowerPageSize(g *jen.Group, op *model.Operation) {
	l := &op.Locals
	size := op.List.PageSize
	if size == nil || !size.Optional || op.List.PageSizeDefault <= 0 {
		return
	}
	var limit jen.Code
	switch size.Type.Kind {
	case model.Int:
		limit = jen.Id(l.Limit)
	case model.Int64:
		limit = jen.Int64().Call(jen.Id(l.Limit))
	default:
		return
	}
	field := jen.Id(l.Params).Dot(size.Name)
	g.Comment("// Ask for no more items than the limit needs.")
	g.If(jen.Id(l.Limit).Op(">").Lit(0).Op("&&").Add(limit).Op("<").Add(field.Clone()).Dot("OrElse").Call(jen.Lit(int(op.List.PageSizeDefault)))).Block(
		field.Clone().Op("=").Id(e.d.Some).Call(limit),
	)
}
