package emit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/apigen-dev/apigen/generator/model"
)

// typesFile declares the aliases of the shared runtime, the spec's named
// types and the parameter structs of the operations.
func (e *apiEmitter) typesFile(f *jen.File) {
	e.aliases(f)
	e.reexports(f)
	for _, t := range e.api.Types {
		f = e.cut(f)
		if t.Kind == model.EnumType {
			e.enumType(f, t)
		} else {
			e.structType(f, t)
		}
	}
	for _, op := range e.api.Operations {
		f = e.cut(f)
		e.pathCheck(f, op)
		if op.Params != nil {
			e.paramsType(f, op)
		}
	}
	if len(e.api.Patterns) > 0 {
		f.Comment("// The patterns string parameters must match.")
		f.Var().DefsFunc(func(g *jen.Group) {
			for _, p := range e.api.Patterns {
				g.Id(p.Var).Op("=").Qual(regexpPkg, "MustCompile").Call(jen.Lit(p.Expr))
			}
		})
	}
}

func (e *apiEmitter) aliases(f *jen.File) {
	tw, d := e.shared.Package, e.d
	addDoc(f, fmt.Sprintf("%s is a request parameter that may be left out: the zero %s is not sent at all, while %s(\"\") sends an empty value (which clears a field on update).", d.Opt, d.Opt, d.Some),
		fmt.Sprintf("It is %s.Opt.", tw))
	f.Type().Id(d.Opt).Types(jen.Id("T").Any()).Op("=").Add(e.tq("Opt")).Types(jen.Id("T"))
	f.Line()
	addDoc(f, fmt.Sprintf("%s returns an %s that is set to v.", d.Some, d.Opt))
	f.Func().Id(d.Some).Types(jen.Id("T").Any()).Params(jen.Id("v").Id("T")).Id(d.Opt).Types(jen.Id("T")).Block(
		jen.Return(e.tq("Some").Call(jen.Id("v"))),
	)
	f.Line()
	addDoc(f, d.Null+" is a response field that may be JSON null: Valid is false when the API sent null (or nothing).",
		fmt.Sprintf("It is %s.Null.", tw))
	f.Type().Id(d.Null).Types(jen.Id("T").Any()).Op("=").Add(e.tq("Null")).Types(jen.Id("T"))
	f.Line()
	addDoc(f, fmt.Sprintf("%s is the error every operation returns for a response that is not a success, and every server answers with: Twilio's {code, message, more_info, status}. Use errors.As to inspect it. It is %s.Error.", d.Error, tw))
	f.Type().Id(d.Error).Op("=").Add(e.tq("Error"))
	f.Line()
	addDoc(f, fmt.Sprintf("%s reports a parameter that failed validation before any request was sent (clients) or before the implementation was called (servers, which answer 400). It is %s.ParamError.", d.ParamError, tw))
	f.Type().Id(d.ParamError).Op("=").Add(e.tq("ParamError"))
	f.Line()
}

func (e *apiEmitter) structType(f *jen.File, t *model.Type) {
	name := t.Ident.Name
	doc := name + " is an object the API returns."
	if t.SpecName != "" {
		doc = name + " is the " + t.SpecName + " object of the API."
	}
	if d := sentence(t.Doc); d != "" {
		doc += " " + d
	}
	if p := t.Page; p != nil {
		doc = fmt.Sprintf("%s is one page of %s: the items under %q and the page meta. Follow %s.NextPageURL for the next page, or let the client's iterator do it.", name, p.Item().Ident.Name, p.Items.WireName, p.Meta.Name)
	}
	addDoc(f, doc)
	var fields []jen.Code
	for _, fl := range t.Fields {
		fd := sentence(fl.Doc)
		if fl.Indirect || fl.Nullable && nilIsNull(fl.Type.Kind) {
			fd += " Nil when the API sent null."
		}
		fields = append(fields, docComment(strings.TrimSpace(fd))...)
		fields = append(fields, jen.Id(fl.Name).Add(e.fieldType(fl)).Tag(map[string]string{"json": fl.WireName}))
	}
	f.Type().Id(name).Struct(fields...)
	f.Line()
}

func (e *apiEmitter) enumType(f *jen.File, t *model.Type) {
	name := t.Ident.Name
	doc := name + " is one of a fixed set of values."
	if d := sentence(t.Doc); d != "" {
		doc += " " + d
	}
	addDoc(f, doc)
	f.Type().Id(name).String()
	f.Line()
	if len(t.Values) == 0 {
		return
	}
	addDoc(f, "The values of "+name+".")
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, v := range t.Values {
			g.Id(v.Name).Id(name).Op("=").Lit(v.Value)
		}
	})
	f.Line()
	addDoc(f, fmt.Sprintf("Valid reports whether v is one of %s.", quotedValues(t)))
	f.Func().Params(jen.Id("v").Id(name)).Id("Valid").Params().Bool().Block(
		jen.Switch(jen.Id("v")).BlockFunc(func(g *jen.Group) {
			var cases []jen.Code
			for _, v := range t.Values {
				cases = append(cases, jen.Id(v.Name))
			}
			g.Case(cases...).Block(jen.Return(jen.True()))
		}),
		jen.Return(jen.False()),
	)
	f.Line()
}

// quotedValues lists an enum's values, quoted.
func quotedValues(t *model.Type) string {
	var quoted []string
	for _, v := range t.Values {
		quoted = append(quoted, strconv.Quote(v.Value))
	}
	return strings.Join(quoted, ", ")
}

// pathArgs are the path parameters as function parameters.
func (e *apiEmitter) pathArgs(op *model.Operation) []jen.Code {
	var out []jen.Code
	for _, p := range op.PathParams {
		out = append(out, jen.Id(p.VarName).Add(e.goType(p.Type)))
	}
	return out
}

// pathCheck declares the function that checks the path parameters of an
// operation for both the client and the server.
func (e *apiEmitter) pathCheck(f *jen.File, op *model.Operation) {
	f.Comment(fmt.Sprintf("// %s checks the path parameters of %s.", op.PathCheck, op.Name))
	f.Func().Id(op.PathCheck).Params(e.pathArgs(op)...).Error().BlockFunc(func(g *jen.Group) {
		for _, p := range op.PathParams {
			for _, c := range e.checks(p.WireName, jen.Id(p.VarName), p.Type) {
				g.Add(c)
			}
			if p.Type.Kind == model.String {
				g.If(jen.Id(p.VarName).Op("==").Lit("")).Block(e.paramErr(p.WireName, "is required", 0))
			}
		}
		g.Return(jen.Nil())
	})
	f.Line()
}

// paramErr returns a *ParamError; code is its Twilio error code, 0 for
// the default.
func (e *apiEmitter) paramErr(param, reason string, code int) jen.Code {
	fields := jen.Dict{
		jen.Id("Param"):  jen.Lit(param),
		jen.Id("Reason"): jen.Lit(reason),
	}
	if code != 0 {
		fields[jen.Id("Code")] = jen.Lit(code)
	}
	return jen.Return(jen.Op("&").Add(e.tq("ParamError")).Values(fields))
}

// identityRule is what the shared ValidIdentity asks of an identity, for
// the reasons of the checks that call it.
const identityRule = `not empty, valid UTF-8, not ".", ".." or "/", without control characters`

// checks returns the statements that check one value of type t; none when
// nothing about t can be wrong. Each check fails with the code the model
// gives it.
func (e *apiEmitter) checks(param string, v *jen.Statement, t model.TypeRef) []jen.Code {
	var out []jen.Code
	check := func(c model.Check, cond jen.Code, reason string) {
		out = append(out, jen.If(cond).Block(e.paramErr(param, reason, t.Code(c))))
	}
	invalid := jen.Op("!").Add(v.Clone()).Dot("Valid").Call()
	switch t.Kind {
	case model.SIDOrIdentity:
		k := t.SID
		check("", invalid, fmt.Sprintf("must be %s or the %s: %s", an(k.Ident.Name), k.Ref.Alt, identityRule))
		return out
	case model.JSONValue:
		check("", invalid, "must be a valid JSON document")
		return out
	}
	// A JSON document is measured in bytes, other strings in characters.
	count, unit := jen.Qual(utf8Pkg, "RuneCountInString").Call(v.Clone()), "character"
	if t.Kind == model.JSONString {
		count, unit = jen.Len(v.Clone()), "byte"
	}
	for _, c := range t.Checks() {
		switch c {
		case model.CheckMinLength:
			check(c, count.Clone().Op("<").Lit(int(*t.MinLength)), "must be at least "+plural(*t.MinLength, unit)+" long")
		case model.CheckMaxLength:
			check(c, count.Clone().Op(">").Lit(int(*t.MaxLength)), "must be at most "+plural(*t.MaxLength, unit)+" long")
		case model.CheckPattern:
			if t.Kind == model.SID {
				k := t.SID
				check(c, invalid, fmt.Sprintf("must be %s: %s followed by 32 hexadecimal digits", an(k.Ident.Name), k.Prefix))
			} else {
				check(c, jen.Op("!").Id(t.Pattern.Var).Dot("MatchString").Call(v.Clone()), "must match "+t.Pattern.Expr)
			}
		case model.CheckJSON:
			check(c, invalid, "must be a valid JSON document")
		case model.CheckIdentityOf:
			check(c, jen.Op("!").Add(e.tq("ValidIdentity")).Call(v.Clone()), "must be an identity that can be addressed: "+identityRule)
		case model.CheckEnum:
			check(c, invalid, "must be one of "+quotedValues(t.Enum()))
		case model.CheckMinimum:
			if t.Maximum != nil && t.Code(model.CheckMaximum) == t.Code(c) {
				check(c, v.Clone().Op("<").Lit(int(*t.Minimum)).Op("||").Add(v.Clone()).Op(">").Lit(int(*t.Maximum)),
					"must be between "+itoa(*t.Minimum)+" and "+itoa(*t.Maximum))
				return out
			}
			check(c, v.Clone().Op("<").Lit(int(*t.Minimum)), "must be at least "+itoa(*t.Minimum))
		case model.CheckMaximum:
			check(c, v.Clone().Op(">").Lit(int(*t.Maximum)), "must be at most "+itoa(*t.Maximum))
		}
	}
	return out
}

// paramsType declares the parameter struct of an operation with its
// Validate, encode and decode methods.
func (e *apiEmitter) paramsType(f *jen.File, op *model.Operation) {
	p := op.Params
	addDoc(f, fmt.Sprintf("%s holds the parameters of %s other than its path: query and header parameters and form fields. A field of type %s is sent only when set.", p.Name, op.Name, e.d.Opt))
	where := map[model.ParamIn]string{model.InQuery: "query parameter", model.InHeader: "header", model.InForm: "form field"}
	var fields []jen.Code
	for _, fp := range p.Fields {
		req := ""
		if fp.Required {
			req = " Required."
		}
		fields = append(fields, docComment(strings.TrimSpace(fmt.Sprintf("%s (%s %s)%s", sentence(fp.Doc), where[fp.In], fp.WireName, req)))...)
		fields = append(fields, jen.Id(fp.Name).Add(e.paramType(fp)))
	}
	f.Type().Id(p.Name).Struct(fields...)
	f.Line()
	e.validateMethod(f, op)
	e.encodeMethod(f, op)
	e.decodeMethod(f, op)
}

// recv is the receiver of the parameter struct's methods.
func recv(op *model.Operation) jen.Code {
	return jen.Id(op.Locals.Recv).Op("*").Id(op.Params.Name)
}

func (e *apiEmitter) validateMethod(f *jen.File, op *model.Operation) {
	l := &op.Locals
	doc := fmt.Sprintf("%s checks the parameters as the API would, so that a bad value fails before any request is sent; servers call it before the implementation. The error is a *%s naming the parameter.", op.Params.Validate, e.d.ParamError)
	for _, p := range op.Params.Fields {
		if len(p.Type.Codes) > 0 || p.Type.Elem != nil && len(p.Type.Elem.Codes) > 0 {
			doc += " Its Code is the Twilio error code that the API documents for the failed check, where it documents one, and servers answer with it."
			break
		}
	}
	addDoc(f, doc)
	f.Func().Params(recv(op)).Id(op.Params.Validate).Params().Error().BlockFunc(func(g *jen.Group) {
		for _, p := range op.Params.Fields {
			field := jen.Id(l.Recv).Dot(p.Name)
			if p.Optional {
				if c := e.checks(p.WireName, jen.Id(l.V), p.Type); len(c) > 0 {
					g.If(jen.List(jen.Id(l.V), jen.Id(l.OK)).Op(":=").Add(field.Clone()).Dot("Get").Call(), jen.Id(l.OK)).Block(c...)
				}
				continue
			}
			switch p.Type.Kind {
			case model.String, model.SIDOrIdentity, model.JSONString, model.URI:
				if p.Required {
					g.If(field.Clone().Op("==").Lit("")).Block(e.paramErr(p.WireName, "is required", 0))
				}
			case model.JSONValue, model.Array:
				if p.Required {
					g.If(jen.Len(field.Clone()).Op("==").Lit(0)).Block(e.paramErr(p.WireName, "is required", 0))
				}
			}
			if p.Type.Kind == model.Array {
				if c := e.checks(p.WireName, jen.Id(l.V), *p.Type.Elem); len(c) > 0 {
					g.For(jen.List(jen.Id("_"), jen.Id(l.V)).Op(":=").Range().Add(field.Clone())).Block(c...)
				}
				continue
			}
			for _, c := range e.checks(p.WireName, field, p.Type) {
				g.Add(c)
			}
		}
		g.Return(jen.Nil())
	})
	f.Line()
}

// target is the variable a parameter travels in.
func target(op *model.Operation, p *model.Param) string {
	switch p.In {
	case model.InQuery:
		return op.Locals.Query
	case model.InHeader:
		return op.Locals.Header
	}
	return op.Locals.Form
}

func (e *apiEmitter) encodeMethod(f *jen.File, op *model.Operation) {
	l := &op.Locals
	has := map[model.ParamIn]bool{}
	for _, p := range op.Params.Fields {
		has[p.In] = true
	}
	f.Comment(fmt.Sprintf("// %s returns the parameters as they travel; a nil part is not sent.", op.Params.Encode))
	f.Func().Params(recv(op)).Id(op.Params.Encode).Params().Params(
		jen.List(jen.Id(l.Query), jen.Id(l.Form)).Qual(urlPkg, "Values"), jen.Id(l.Header).Qual(httpPkg, "Header"),
	).BlockFunc(func(g *jen.Group) {
		if has[model.InQuery] {
			g.Id(l.Query).Op("=").Qual(urlPkg, "Values").Values()
		}
		if has[model.InForm] {
			g.Id(l.Form).Op("=").Qual(urlPkg, "Values").Values()
		}
		if has[model.InHeader] {
			g.Id(l.Header).Op("=").Qual(httpPkg, "Header").Values()
		}
		for _, p := range op.Params.Fields {
			set := func(v *jen.Statement) jen.Code {
				return jen.Id(target(op, p)).Dot("Set").Call(jen.Lit(p.WireName), toString(v, p.Type))
			}
			switch {
			case p.Optional:
				g.If(jen.List(jen.Id(l.V), jen.Id(l.OK)).Op(":=").Id(l.Recv).Dot(p.Name).Dot("Get").Call(), jen.Id(l.OK)).Block(set(jen.Id(l.V)))
			case p.Type.Kind == model.Array:
				// A repeated key, one value each.
				g.For(jen.List(jen.Id("_"), jen.Id(l.V)).Op(":=").Range().Id(l.Recv).Dot(p.Name)).Block(
					jen.Id(target(op, p)).Dot("Add").Call(jen.Lit(p.WireName), toString(jen.Id(l.V), *p.Type.Elem)))
			default:
				g.Add(set(jen.Id(l.Recv).Dot(p.Name)))
			}
		}
		g.Return()
	})
	f.Line()
}

func (e *apiEmitter) decodeMethod(f *jen.File, op *model.Operation) {
	l := &op.Locals
	f.Comment(fmt.Sprintf("// %s reads the parameters from a request's parts. It does not", op.Params.Decode))
	f.Comment(fmt.Sprintf("// validate: call %s after it.", op.Params.Validate))
	f.Func().Params(recv(op)).Id(op.Params.Decode).Params(
		jen.List(jen.Id(l.Query), jen.Id(l.Form)).Qual(urlPkg, "Values"), jen.Id(l.Header).Qual(httpPkg, "Header"),
	).Error().BlockFunc(func(g *jen.Group) {
		for _, p := range op.Params.Fields {
			if p.Type.Kind == model.Array {
				g.For(jen.List(jen.Id("_"), jen.Id(l.S)).Op(":=").Range().Add(e.rt("Values")).Call(jen.Id(target(op, p)), jen.Lit(p.WireName))).BlockFunc(func(g *jen.Group) {
					val := e.fromString(g, op, p.WireName, *p.Type.Elem, jen.Id(l.S))
					field := jen.Id(l.Recv).Dot(p.Name)
					g.Add(field.Clone()).Op("=").Append(field.Clone(), val)
				})
				continue
			}
			var lookup jen.Code
			if p.In == model.InHeader {
				lookup = e.rt("HeaderValue").Call(jen.Id(l.Header), jen.Lit(p.WireName))
			} else {
				lookup = e.rt("Value").Call(jen.Id(target(op, p)), jen.Lit(p.WireName))
			}
			g.If(jen.List(jen.Id(l.S), jen.Id(l.OK)).Op(":=").Add(lookup), jen.Id(l.OK)).BlockFunc(func(g *jen.Group) {
				val := e.fromString(g, op, p.WireName, p.Type, jen.Id(l.S))
				if p.Optional {
					val = jen.Id(e.d.Some).Call(val)
				}
				g.Id(l.Recv).Dot(p.Name).Op("=").Add(val)
			})
		}
		g.Return(jen.Nil())
	})
	f.Line()
}

// toString converts a parameter value to its wire form.
func toString(v *jen.Statement, t model.TypeRef) jen.Code {
	switch t.Kind {
	case model.Int64:
		return jen.Qual(strconvPkg, "FormatInt").Call(v, jen.Lit(10))
	case model.Int:
		return jen.Qual(strconvPkg, "Itoa").Call(v)
	case model.Bool:
		return jen.Qual(strconvPkg, "FormatBool").Call(v)
	case model.Float:
		return jen.Qual(strconvPkg, "FormatFloat").Call(v, jen.LitRune('g'), jen.Lit(-1), jen.Lit(64))
	case model.Time, model.JSONValue:
		return v.Dot("String").Call()
	case model.String, model.URI:
		return v
	}
	return jen.String().Call(v) // string types: SIDs, references, JSON strings, enums
}

// parsers are the internal runtime's functions that parse a parameter of a
// kind from its wire string, returning a *ParamError naming it on failure.
var parsers = map[model.Kind]string{
	model.Int: "ParseInt", model.Int64: "ParseInt", model.Float: "ParseFloat",
	model.Bool: "ParseBool", model.Time: "ParseTime",
}

// fromString converts a wire string to a parameter value, adding any
// parsing statements to g.
func (e *apiEmitter) fromString(g *jen.Group, op *model.Operation, wire string, t model.TypeRef, s *jen.Statement) *jen.Statement {
	l := &op.Locals
	switch t.Kind {
	case model.String, model.URI:
		return s
	case model.Int, model.Int64, model.Float, model.Bool, model.Time:
		g.List(jen.Id(l.N), jen.Id(l.Err)).Op(":=").Add(e.rt(parsers[t.Kind])).Call(jen.Lit(wire), s)
		g.If(jen.Id(l.Err).Op("!=").Nil()).Block(jen.Return(jen.Id(l.Err)))
		if t.Kind == model.Int {
			return jen.Int().Call(jen.Id(l.N))
		}
		return jen.Id(l.N)
	}
	return jen.Add(e.goType(t)).Call(s) // string types
}

// plural is "1 character", "2 characters".
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return itoa(n) + " " + noun + "s"
}
