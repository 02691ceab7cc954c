package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/apigen-dev/apigen/generator/model"
)

// server declares the Server interface, UnimplementedServer and NewHandler
// with one validating handler per operation.
func (e *apiEmitter) server(f *jen.File) {
	d := e.d
	addDoc(f, fmt.Sprintf("%s is the %s as an implementation sees it: one method per operation, with the same signatures as %s's. %s serves a %s over HTTP.", d.Server, e.api.Title, d.Client, d.NewHandler, d.Server),
		fmt.Sprintf("Parameters reach a method already decoded and validated. A method's error becomes the response: an *%s answers with its status and body; a *%s with 400; anything else with 500, without its text. Embed %s to keep compiling when operations are added.", d.Error, d.ParamError, d.UnimplementedServer))
	var methods []jen.Code
	for _, op := range e.api.Operations {
		params, results := e.signature(op)
		methods = append(methods, docComment(e.opDoc(op)[0])...)
		methods = append(methods, jen.Id(op.Name).Params(params...).Params(results...))
	}
	f.Type().Id(d.Server).Interface(methods...)
	f.Line()

	addDoc(f, fmt.Sprintf("%s answers every operation with a Twilio-shaped 501. Embed it in a %s implementation to implement only some operations.", d.UnimplementedServer, d.Server))
	f.Type().Id(d.UnimplementedServer).Struct()
	f.Line()
	for _, op := range e.api.Operations {
		f = e.cut(f)
		params, results := e.signature(op)
		addDoc(f, op.Name+" answers 501 Not Implemented.")
		f.Func().Params(jen.Id(d.UnimplementedServer)).Id(op.Name).Params(params...).Params(results...).Block(
			e.fail(op, e.rt("NotImplemented").Call(jen.Lit(op.Name))))
		f.Line()
	}

	// NewHandler's names cannot clash: the package declares no lower-case
	// names but the handler type, the path checks and the patterns.
	addDoc(f,
		fmt.Sprintf("%s returns an http.Handler that serves s. It routes with net/http's ServeMux, checks every path parameter, query parameter, header and form field (and the form's content type and size) before calling s, and answers every failure with Twilio's error body {code, message, more_info, status}. Unknown paths get a 404 in the same shape, a known path with another method a 405; a panic in s becomes a 500.", d.NewHandler),
		fmt.Sprintf("The cause of a 500 (which the response never shows: an error of s, a result that cannot be encoded) and a panic are logged at level error, with the request's method and path and the status, to slog's default logger, or to the one %s(logger) gives.", e.sharedName("WithLogger")),
		"It does not authenticate: wrap it for that, as for logging, measuring or tracing every request.")
	f.Func().Id(d.NewHandler).Params(jen.Id("s").Id(d.Server), jen.Id("opts").Op("...").Add(e.sharedType("HandlerOption"))).Qual(httpPkg, "Handler").BlockFunc(func(g *jen.Group) {
		if len(e.api.Operations) > 0 { // else h would be unused
			g.Id("h").Op(":=").Id(d.Handler).Values(jen.Dict{jen.Id(d.HandlerServer): jen.Id("s")})
		}
		g.Id("mux").Op(":=").Qual(httpPkg, "NewServeMux").Call()
		for _, op := range e.api.Operations {
			g.Id("mux").Dot("HandleFunc").Call(jen.Lit(op.Method+" "+op.Path), jen.Id("h").Dot(op.Handler))
		}
		g.Return(e.tq("Handle").Call(e.rt("Recover").Call(e.rt("Routes").Call(jen.Id("mux"))), jen.Id("opts").Op("...")))
	})
	f.Line()
	f.Comment(fmt.Sprintf("// %s adapts a %s to HTTP, one method per operation.", d.Handler, d.Server))
	f.Type().Id(d.Handler).Struct(jen.Id(d.HandlerServer).Id(d.Server))
	f.Line()
	for _, op := range e.api.Operations {
		f = e.cut(f)
		e.handlerMethod(f, op)
	}
}

func (e *apiEmitter) handlerMethod(f *jen.File, op *model.Operation) {
	l := &op.Locals
	w, r, errv := jen.Id(l.W), jen.Id(l.R), jen.Id(l.Err)
	writeErr := func(err jen.Code) []jen.Code {
		return []jen.Code{e.tq("WriteError").Call(w.Clone(), r.Clone(), err), jen.Return()}
	}
	has := map[model.ParamIn]bool{}
	if op.Params != nil {
		for _, p := range op.Params.Fields {
			has[p.In] = true
		}
	}
	f.Comment(fmt.Sprintf("// %s serves %s %s.", op.Handler, op.Method, op.Path))
	f.Func().Params(jen.Id(l.Handler).Id(e.d.Handler)).Id(op.Handler).Params(
		w.Clone().Qual(httpPkg, "ResponseWriter"), r.Clone().Op("*").Qual(httpPkg, "Request"),
	).BlockFunc(func(g *jen.Group) {
		args := []jen.Code{r.Clone().Dot("Context").Call()}
		for _, p := range op.PathParams {
			e.pathValue(g, op, p, writeErr)
		}
		args = append(args, pathVars(op)...)
		g.If(errv.Clone().Op(":=").Id(op.PathCheck).Call(pathVars(op)...), errv.Clone().Op("!=").Nil()).Block(writeErr(errv.Clone())...)
		if p := op.Params; p != nil {
			query, form, header := jen.Nil(), jen.Nil(), jen.Nil()
			if has[model.InQuery] {
				g.List(jen.Id(l.Query), errv.Clone()).Op(":=").Add(e.rt("ReadQuery")).Call(append([]jen.Code{r.Clone()}, multi(p, model.InQuery)...)...)
				g.If(errv.Clone().Op("!=").Nil()).Block(writeErr(errv.Clone())...)
				query = jen.Id(l.Query)
			}
			if has[model.InForm] {
				g.List(jen.Id(l.Form), errv.Clone()).Op(":=").Add(e.rt("ReadForm")).Call(append([]jen.Code{w.Clone(), r.Clone()}, multi(p, model.InForm)...)...)
				g.If(errv.Clone().Op("!=").Nil()).Block(writeErr(errv.Clone())...)
				form = jen.Id(l.Form)
			}
			if has[model.InHeader] {
				header = r.Clone().Dot("Header")
			}
			g.Var().Id(l.Params).Id(p.Name)
			g.If(errv.Clone().Op(":=").Id(l.Params).Dot(p.Decode).Call(query, form, header), errv.Clone().Op("!=").Nil()).Block(writeErr(errv.Clone())...)
			g.If(errv.Clone().Op(":=").Id(l.Params).Dot(p.Validate).Call(), errv.Clone().Op("!=").Nil()).Block(writeErr(errv.Clone())...)
			args = append(args, jen.Id(l.Params))
		}
		call := jen.Id(l.Handler).Dot(e.d.HandlerServer).Dot(op.Name).Call(args...)
		if op.Redirect {
			g.List(jen.Id(l.Res), errv.Clone()).Op(":=").Add(call)
			g.If(errv.Clone().Op("!=").Nil()).Block(writeErr(errv.Clone())...)
			g.If(jen.Id(l.Res).Op("==").Lit("")).Block(writeErr(jen.Qual(errorsPkg, "New").Call(jen.Lit(op.Handler + ": the implementation returned no location")))...)
			g.Add(w.Clone()).Dot("Header").Call().Dot("Set").Call(jen.Lit("Location"), jen.Id(l.Res))
			g.Add(w.Clone()).Dot("WriteHeader").Call(statusName(op.Success[0]))
			return
		}
		if op.Result == nil && !op.MultiStatus() {
			g.If(errv.Clone().Op(":=").Add(call), errv.Clone().Op("!=").Nil()).Block(writeErr(errv.Clone())...)
			g.Add(w.Clone()).Dot("WriteHeader").Call(statusName(op.Success[0]))
			return
		}
		var results []jen.Code
		if op.Result != nil {
			results = append(results, jen.Id(l.Res))
		}
		status := statusName(op.Success[0])
		if op.MultiStatus() {
			results = append(results, jen.Id(l.Status))
			status = jen.Id(l.Status)
		}
		g.List(append(results, errv.Clone())...).Op(":=").Add(call)
		g.If(errv.Clone().Op("!=").Nil()).Block(writeErr(errv.Clone())...)
		if op.ResultPointer() {
			g.If(jen.Id(l.Res).Op("==").Nil()).Block(writeErr(jen.Qual(errorsPkg, "New").Call(jen.Lit(op.Handler + ": the implementation returned no result")))...)
		}
		if op.MultiStatus() {
			e.checkStatus(g, op, writeErr)
		}
		if op.Result == nil {
			g.Add(w.Clone()).Dot("WriteHeader").Call(status)
			return
		}
		g.Add(e.rt("WriteJSON")).Call(w.Clone(), r.Clone(), status, jen.Id(l.Res))
	})
	f.Line()
}

// pathValue declares the variable of a path parameter from the request's
// path. One that must be parsed is parsed in a block of its own, so that
// its temporaries do not clash with the next one's; a value that does not
// parse is answered with the parser's 400.
func (e *apiEmitter) pathValue(g *jen.Group, op *model.Operation, p *model.Param, writeErr func(jen.Code) []jen.Code) {
	raw := jen.Id(op.Locals.R).Dot("PathValue").Call(jen.Lit(p.WireName))
	if _, parsed := parsers[p.Type.Kind]; !parsed {
		g.Id(p.VarName).Op(":=").Add(e.fromString(g, op, p.WireName, p.Type, raw))
		return
	}
	g.Var().Id(p.VarName).Add(e.goType(p.Type))
	g.BlockFunc(func(g *jen.Group) {
		l := &op.Locals
		g.List(jen.Id(l.N), jen.Id(l.Err)).Op(":=").Add(e.rt(parsers[p.Type.Kind])).Call(jen.Lit(p.WireName), raw)
		g.If(jen.Id(l.Err).Op("!=").Nil()).Block(writeErr(jen.Id(l.Err))...)
		val := jen.Id(l.N)
		if p.Type.Kind == model.Int {
			val = jen.Int().Call(jen.Id(l.N))
		}
		g.Id(p.VarName).Op("=").Add(val)
	})
}

// checkStatus makes the status an implementation answered one of the
// operation's: 0 is the first, one the API does not document is a 500.
func (e *apiEmitter) checkStatus(g *jen.Group, op *model.Operation, writeErr func(jen.Code) []jen.Code) {
	status := jen.Id(op.Locals.Status)
	var documented []jen.Code
	for _, s := range op.Success {
		documented = append(documented, statusName(s))
	}
	g.Switch(status.Clone()).Block(
		jen.Case(jen.Lit(0)).Block(status.Clone().Op("=").Add(statusName(op.Success[0]))),
		jen.Case(documented...),
		jen.Default().Block(writeErr(jen.Qual(errorsPkg, "New").Call(
			jen.Lit(op.Handler+": the implementation answered status ").Op("+").Qual(strconvPkg, "Itoa").Call(status.Clone()).Op("+").Lit(", which the API does not document")))...),
	)
}

// multi lists the wire names of the parameters in in that take several
// values, as a repeated key, which the server reads allow to repeat.
func multi(p *model.Params, in model.ParamIn) []jen.Code {
	var out []jen.Code
	for _, f := range p.Fields {
		if f.In == in && f.Type.Kind == model.Array {
			out = append(out, jen.Lit(f.WireName))
		}
	}
	return out
}
