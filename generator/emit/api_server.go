package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/apigen-dev/apigen/generator/model"
)

// server declares the Server interface, UnimplementedServer and NewHandler
// with one validating handler per operation.
func (e *apiEmitter) server(f *jen.File) error {
	addDoc(f, fmt.Sprintf("Server is the %s as an implementation sees it: one method per operation, with the same signatures as Client's. NewHandler serves a Server over HTTP.", e.api.Title),
		"Parameters reach a method already decoded and validated. A method's error becomes the response: an *Error answers with its status and body; a *ParamError with 400; anything else with 500, without its text. Embed UnimplementedServer to keep compiling when operations are added.")
	var methods []jen.Code
	for _, op := range e.api.Operations {
		params, results, err := e.signature(op)
		if err != nil {
			return err
		}
		methods = append(methods, docComment(e.opDoc(op)[0])...)
		methods = append(methods, jen.Id(op.Name).Params(params...).Params(results...))
	}
	f.Type().Id("Server").Interface(methods...)
	f.Line()

	addDoc(f, "UnimplementedServer answers every operation with a Twilio-shaped 501. Embed it in a Server implementation to implement only some operations.")
	f.Type().Id("UnimplementedServer").Struct()
	f.Line()
	for _, op := range e.api.Operations {
		params, results, _ := e.signature(op)
		ret := []jen.Code{e.rt("NotImplemented").Call(jen.Lit(op.Name))}
		if op.Result != "" {
			ret = append([]jen.Code{jen.Nil()}, ret...)
		}
		addDoc(f, op.Name+" answers 501 Not Implemented.")
		f.Func().Params(jen.Id("UnimplementedServer")).Id(op.Name).Params(params...).Params(results...).Block(jen.Return(ret...))
		f.Line()
	}

	addDoc(f,
		"NewHandler returns an http.Handler that serves s. It routes with net/http's ServeMux, checks every path parameter, query parameter, header and form field (and the form's content type and size) before calling s, and answers every failure with Twilio's error body {code, message, more_info, status}. Unknown paths get a 404 in the same shape, a known path with another method a 405; a panic in s becomes a 500.",
		"It does not authenticate: wrap it for that.")
	f.Func().Id("NewHandler").Params(jen.Id("s").Id("Server")).Qual(httpPkg, "Handler").BlockFunc(func(g *jen.Group) {
		g.Id("h").Op(":=").Id("handler").Values(jen.Dict{jen.Id("s"): jen.Id("s")})
		g.Id("mux").Op(":=").Qual(httpPkg, "NewServeMux").Call()
		for _, op := range e.api.Operations {
			g.Id("mux").Dot("HandleFunc").Call(jen.Lit(op.Method+" "+op.Path), jen.Id("h").Dot(handlerName(op)))
		}
		g.Return(e.rt("Recover").Call(e.rt("Routes").Call(jen.Id("mux"))))
	})
	f.Line()
	f.Comment("// handler adapts a Server to HTTP, one method per operation.")
	f.Type().Id("handler").Struct(jen.Id("s").Id("Server"))
	f.Line()
	for _, op := range e.api.Operations {
		e.handlerMethod(f, op)
	}
	return nil
}

func (e *apiEmitter) handlerMethod(f *jen.File, op *model.Operation) {
	w, r := jen.Id("w"), jen.Id("r")
	writeErr := func(err jen.Code) []jen.Code {
		return []jen.Code{e.tq("WriteError").Call(w.Clone(), r.Clone(), err), jen.Return()}
	}
	has := map[model.ParamIn]bool{}
	for _, p := range op.Params {
		has[p.In] = true
	}
	f.Comment(fmt.Sprintf("// %s serves %s %s.", handlerName(op), op.Method, op.Path))
	f.Func().Params(jen.Id("h").Id("handler")).Id(handlerName(op)).Params(
		w.Clone().Qual(httpPkg, "ResponseWriter"), r.Clone().Op("*").Qual(httpPkg, "Request"),
	).BlockFunc(func(g *jen.Group) {
		var args []jen.Code
		args = append(args, r.Clone().Dot("Context").Call())
		var pathArgs []jen.Code
		for _, p := range op.PathParams {
			typ, _ := e.goType(p.Type)
			g.Id(p.VarName).Op(":=").Add(typ).Call(r.Clone().Dot("PathValue").Call(jen.Lit(p.WireName)))
			pathArgs = append(pathArgs, jen.Id(p.VarName))
		}
		args = append(args, pathArgs...)
		g.If(jen.Err().Op(":=").Id("validate"+op.Name+"Path").Call(pathArgs...), jen.Err().Op("!=").Nil()).Block(writeErr(jen.Err())...)
		if op.ParamsType != "" {
			query, form, header := jen.Nil(), jen.Nil(), jen.Nil()
			if has[model.InQuery] {
				g.List(jen.Id("query"), jen.Err()).Op(":=").Add(e.rt("ReadQuery")).Call(r.Clone())
				g.If(jen.Err().Op("!=").Nil()).Block(writeErr(jen.Err())...)
				query = jen.Id("query")
			}
			if has[model.InForm] {
				g.List(jen.Id("form"), jen.Err()).Op(":=").Add(e.rt("ReadForm")).Call(w.Clone(), r.Clone())
				g.If(jen.Err().Op("!=").Nil()).Block(writeErr(jen.Err())...)
				form = jen.Id("form")
			}
			if has[model.InHeader] {
				header = r.Clone().Dot("Header")
			}
			g.Var().Id("params").Id(op.ParamsType)
			g.If(jen.Err().Op(":=").Id("params").Dot("decode").Call(query, form, header), jen.Err().Op("!=").Nil()).Block(writeErr(jen.Err())...)
			g.If(jen.Err().Op(":=").Id("params").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(writeErr(jen.Err())...)
			args = append(args, jen.Id("params"))
		}
		call := jen.Id("h").Dot("s").Dot(op.Name).Call(args...)
		if op.Result == "" {
			g.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(writeErr(jen.Err())...)
			g.Id("w").Dot("WriteHeader").Call(statusName(op.Success))
			return
		}
		g.List(jen.Id("res"), jen.Err()).Op(":=").Add(call)
		g.If(jen.Err().Op("!=").Nil()).Block(writeErr(jen.Err())...)
		g.If(jen.Id("res").Op("==").Nil()).Block(writeErr(jen.Qual("errors", "New").Call(jen.Lit(strings.ToLower(op.Name[:1]) + op.Name[1:] + ": the implementation returned no result")))...)
		g.Add(e.rt("WriteJSON")).Call(w.Clone(), statusName(op.Success), jen.Id("res"))
	})
	f.Line()
}
