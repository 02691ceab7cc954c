package emit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/apigen-dev/apigen/generator/model"
)

// typesFile declares the aliases of the shared runtime, the spec's named
// types and the parameter structs of the operations.
func (e *apiEmitter) typesFile(f *jen.File) error {
	e.aliases(f)
	for _, t := range e.api.Types {
		var err error
		switch t.Kind {
		case model.StructType:
			err = e.structType(f, t)
		case model.EnumType:
			err = e.enumType(f, t)
		default:
			err = fmt.Errorf("type %s: unknown kind %q", t.Name, t.Kind)
		}
		if err != nil {
			return err
		}
	}
	for _, op := range e.api.Operations {
		if err := e.pathCheck(f, op); err != nil {
			return err
		}
		if op.ParamsType == "" {
			continue
		}
		if err := e.paramsType(f, op); err != nil {
			return err
		}
	}
	if len(e.patterns) > 0 {
		f.Comment("// The patterns string parameters must match.")
		f.Var().DefsFunc(func(g *jen.Group) {
			for i, p := range e.patterns {
				g.Id(fmt.Sprintf("pattern%d", i)).Op("=").Qual(regexpPkg, "MustCompile").Call(jen.Lit(p))
			}
		})
	}
	return nil
}

// patternVar returns the name of the package variable holding the compiled
// pattern, declaring it once.
func (e *apiEmitter) patternVar(pattern string) string {
	i := slices.Index(e.patterns, pattern)
	if i < 0 {
		i = len(e.patterns)
		e.patterns = append(e.patterns, pattern)
	}
	return fmt.Sprintf("pattern%d", i)
}

func (e *apiEmitter) aliases(f *jen.File) {
	tw := e.shared.Package
	addDoc(f, "Opt is a request parameter that may be left out: the zero Opt is not sent at all, while Some(\"\") sends an empty value (which clears a field on update).",
		fmt.Sprintf("It is %s.Opt.", tw))
	f.Type().Id("Opt").Types(jen.Id("T").Any()).Op("=").Add(e.tq("Opt")).Types(jen.Id("T"))
	f.Line()
	addDoc(f, "Some returns an Opt that is set to v.")
	f.Func().Id("Some").Types(jen.Id("T").Any()).Params(jen.Id("v").Id("T")).Id("Opt").Types(jen.Id("T")).Block(
		jen.Return(e.tq("Some").Call(jen.Id("v"))),
	)
	f.Line()
	addDoc(f, "Null is a response field that may be JSON null: Valid is false when the API sent null (or nothing).",
		fmt.Sprintf("It is %s.Null.", tw))
	f.Type().Id("Null").Types(jen.Id("T").Any()).Op("=").Add(e.tq("Null")).Types(jen.Id("T"))
	f.Line()
	addDoc(f, fmt.Sprintf("Error is the error every operation returns for a response that is not a success, and every server answers with: Twilio's {code, message, more_info, status}. Use errors.As to inspect it. It is %s.Error.", tw))
	f.Type().Id("Error").Op("=").Add(e.tq("Error"))
	f.Line()
	addDoc(f, fmt.Sprintf("ParamError reports a parameter that failed validation before any request was sent (clients) or before the implementation was called (servers, which answer 400). It is %s.ParamError.", tw))
	f.Type().Id("ParamError").Op("=").Add(e.tq("ParamError"))
	f.Line()
}

func (e *apiEmitter) structType(f *jen.File, t *model.Type) error {
	doc := t.Name + " is an object the API returns."
	if t.SpecName != "" {
		doc = t.Name + " is the " + t.SpecName + " object of the API."
	}
	if d := sentence(t.Doc); d != "" {
		doc += " " + d
	}
	if t.Page != nil {
		doc = fmt.Sprintf("%s is one page of %s: the items under %q and the page meta. Follow Meta.NextPageURL for the next page, or let the client's iterator do it.", t.Name, t.Page.ItemType, t.Page.ItemsKey)
	}
	addDoc(f, doc)
	var fields []jen.Code
	for _, fl := range t.Fields {
		typ, err := e.fieldType(fl)
		if err != nil {
			return fmt.Errorf("type %s: %w", t.Name, err)
		}
		fd := sentence(fl.Doc)
		if fl.Nullable && (fl.Type.Kind == model.URIMap || fl.Type.Kind == model.Array) {
			fd += " Nil when the API sent null."
		}
		fields = append(fields, docComment(strings.TrimSpace(fd))...)
		fields = append(fields, jen.Id(fl.Name).Add(typ).Tag(map[string]string{"json": fl.WireName}))
	}
	f.Type().Id(t.Name).Struct(fields...)
	f.Line()
	return nil
}

func (e *apiEmitter) enumType(f *jen.File, t *model.Type) error {
	doc := t.Name + " is one of a fixed set of values."
	if d := sentence(t.Doc); d != "" {
		doc += " " + d
	}
	addDoc(f, doc)
	f.Type().Id(t.Name).String()
	f.Line()
	addDoc(f, "The values of "+t.Name+".")
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, v := range t.Values {
			g.Id(v.Name).Id(t.Name).Op("=").Lit(v.Value)
		}
	})
	f.Line()
	var quoted []string
	for _, v := range t.Values {
		quoted = append(quoted, fmt.Sprintf("%q", v.Value))
	}
	addDoc(f, fmt.Sprintf("Valid reports whether v is one of %s.", strings.Join(quoted, ", ")))
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("Valid").Params().Bool().Block(
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
	return nil
}

// pathArgs are the path parameters as function parameters.
func (e *apiEmitter) pathArgs(op *model.Operation) ([]jen.Code, error) {
	var out []jen.Code
	for _, p := range op.PathParams {
		t, err := e.goType(p.Type)
		if err != nil {
			return nil, fmt.Errorf("operation %s: path parameter %s: %w", op.ID, p.WireName, err)
		}
		out = append(out, jen.Id(p.VarName).Add(t))
	}
	return out, nil
}

// pathCheck declares validate<Op>Path, which checks the path parameters of
// an operation for both the client and the server.
func (e *apiEmitter) pathCheck(f *jen.File, op *model.Operation) error {
	args, err := e.pathArgs(op)
	if err != nil {
		return err
	}
	name := "validate" + op.Name + "Path"
	f.Comment(fmt.Sprintf("// %s checks the path parameters of %s.", name, op.Name))
	f.Func().Id(name).Params(args...).Error().BlockFunc(func(g *jen.Group) {
		for _, p := range op.PathParams {
			for _, c := range e.checks(p.WireName, jen.Id(p.VarName), p.Type) {
				g.Add(c)
			}
			if p.Type.Kind == model.String {
				g.If(jen.Id(p.VarName).Op("==").Lit("")).Block(e.paramErr(p.WireName, "is required"))
			}
		}
		g.Return(jen.Nil())
	})
	f.Line()
	return nil
}

// paramErr returns a *ParamError.
func (e *apiEmitter) paramErr(param, reason string) jen.Code {
	return jen.Return(jen.Op("&").Add(e.tq("ParamError")).Values(jen.Dict{
		jen.Id("Param"):  jen.Lit(param),
		jen.Id("Reason"): jen.Lit(reason),
	}))
}

// checks returns the statements that check one value of type t; none when
// nothing about t can be wrong.
func (e *apiEmitter) checks(param string, v *jen.Statement, t model.TypeRef) []jen.Code {
	var out []jen.Code
	add := func(c jen.Code) { out = append(out, c) }
	switch t.Kind {
	case model.SID:
		k := e.sids[t.SID]
		add(jen.If(jen.Op("!").Add(v).Dot("Valid").Call()).Block(
			e.paramErr(param, fmt.Sprintf("must be %s: %s followed by 32 hexadecimal digits", an(k.Name), k.Prefix))))
	case model.SIDOrIdentity:
		k := e.sids[t.SID]
		add(jen.If(jen.Op("!").Add(v).Dot("Valid").Call()).Block(
			e.paramErr(param, fmt.Sprintf("must be %s or the %s: not empty, not \".\" or \"..\", without control characters", an(k.Name), k.RefAlt))))
	case model.JSONString:
		add(jen.If(jen.Op("!").Add(v).Dot("Valid").Call()).Block(e.paramErr(param, "must be a valid JSON document")))
	case model.Named:
		if et := e.types[t.Name]; et != nil && et.Kind == model.EnumType {
			var quoted []string
			for _, ev := range et.Values {
				quoted = append(quoted, fmt.Sprintf("%q", ev.Value))
			}
			add(jen.If(jen.Op("!").Add(v).Dot("Valid").Call()).Block(e.paramErr(param, "must be one of "+strings.Join(quoted, ", "))))
		}
	case model.Int, model.Int64:
		switch {
		case t.Minimum != nil && t.Maximum != nil:
			add(jen.If(v.Clone().Op("<").Lit(int(*t.Minimum)).Op("||").Add(v.Clone()).Op(">").Lit(int(*t.Maximum))).Block(
				e.paramErr(param, "must be between "+itoa(*t.Minimum)+" and "+itoa(*t.Maximum))))
		case t.Minimum != nil:
			add(jen.If(v.Clone().Op("<").Lit(int(*t.Minimum))).Block(e.paramErr(param, "must be at least "+itoa(*t.Minimum))))
		case t.Maximum != nil:
			add(jen.If(v.Clone().Op(">").Lit(int(*t.Maximum))).Block(e.paramErr(param, "must be at most "+itoa(*t.Maximum))))
		}
	case model.String, model.URI:
		count := jen.Qual(utf8Pkg, "RuneCountInString").Call(v.Clone())
		if t.MinLength != nil && *t.MinLength > 0 {
			add(jen.If(count.Clone().Op("<").Lit(int(*t.MinLength))).Block(e.paramErr(param, "must be at least "+plural(*t.MinLength, "character")+" long")))
		}
		if t.MaxLength != nil {
			add(jen.If(count.Clone().Op(">").Lit(int(*t.MaxLength))).Block(e.paramErr(param, "must be at most "+plural(*t.MaxLength, "character")+" long")))
		}
		if t.Pattern != "" {
			add(jen.If(jen.Op("!").Id(e.patternVar(t.Pattern)).Dot("MatchString").Call(v.Clone())).Block(
				e.paramErr(param, "must match "+t.Pattern)))
		}
	}
	return out
}

// paramsType declares the parameter struct of an operation with its
// Validate, encode and decode methods.
func (e *apiEmitter) paramsType(f *jen.File, op *model.Operation) error {
	for _, p := range op.Params {
		if _, err := e.toString(jen.Id("v"), p.Type); err != nil {
			return fmt.Errorf("operation %s: parameter %s: %w", op.ID, p.WireName, err)
		}
	}
	addDoc(f, fmt.Sprintf("%s holds the parameters of %s other than its path: query and header parameters and form fields. A field of type Opt is sent only when set.", op.ParamsType, op.Name))
	var fields []jen.Code
	for _, p := range op.Params {
		t, err := e.paramType(p)
		if err != nil {
			return fmt.Errorf("operation %s: %w", op.ID, err)
		}
		where := map[model.ParamIn]string{model.InQuery: "query parameter", model.InHeader: "header", model.InForm: "form field"}[p.In]
		doc := sentence(p.Doc)
		req := ""
		if p.Required {
			req = " Required."
		}
		fields = append(fields, docComment(strings.TrimSpace(fmt.Sprintf("%s (%s %s)%s", doc, where, p.WireName, req)))...)
		fields = append(fields, jen.Id(p.Name).Add(t))
	}
	f.Type().Id(op.ParamsType).Struct(fields...)
	f.Line()

	recv := jen.Id("p").Op("*").Id(op.ParamsType)
	addDoc(f, "Validate checks the parameters as the API would, so that a bad value fails before any request is sent; servers call it before the implementation. The error is a *ParamError naming the parameter.")
	f.Func().Params(recv.Clone()).Id("Validate").Params().Error().BlockFunc(func(g *jen.Group) {
		for _, p := range op.Params {
			field := jen.Id("p").Dot(p.Name)
			if p.Optional {
				if c := e.checks(p.WireName, jen.Id("v"), p.Type); len(c) > 0 {
					g.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(field.Clone()).Dot("Get").Call(), jen.Id("ok")).Block(c...)
				}
				continue
			}
			if p.Required && (p.Type.Kind == model.String || p.Type.Kind == model.SIDOrIdentity || p.Type.Kind == model.JSONString || p.Type.Kind == model.URI) {
				g.If(field.Clone().Op("==").Lit("")).Block(e.paramErr(p.WireName, "is required"))
			}
			for _, c := range e.checks(p.WireName, field, p.Type) {
				g.Add(c)
			}
		}
		g.Return(jen.Nil())
	})
	f.Line()

	has := map[model.ParamIn]bool{}
	for _, p := range op.Params {
		has[p.In] = true
	}
	targets := map[model.ParamIn]string{model.InQuery: "query", model.InForm: "form", model.InHeader: "header"}

	f.Comment("// encode returns the parameters as they travel; a nil part is not sent.")
	f.Func().Params(recv.Clone()).Id("encode").Params().Params(
		jen.List(jen.Id("query"), jen.Id("form")).Qual(urlPkg, "Values"), jen.Id("header").Qual(httpPkg, "Header"),
	).BlockFunc(func(g *jen.Group) {
		if has[model.InQuery] {
			g.Id("query").Op("=").Qual(urlPkg, "Values").Values()
		}
		if has[model.InForm] {
			g.Id("form").Op("=").Qual(urlPkg, "Values").Values()
		}
		if has[model.InHeader] {
			g.Id("header").Op("=").Qual(httpPkg, "Header").Values()
		}
		for _, p := range op.Params {
			target := jen.Id(targets[p.In])
			if p.Optional {
				str, _ := e.toString(jen.Id("v"), p.Type) // checked above
				g.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("p").Dot(p.Name).Dot("Get").Call(), jen.Id("ok")).Block(
					target.Clone().Dot("Set").Call(jen.Lit(p.WireName), str),
				)
				continue
			}
			str, _ := e.toString(jen.Id("p").Dot(p.Name), p.Type)
			g.Add(target.Clone().Dot("Set").Call(jen.Lit(p.WireName), str))
		}
		g.Return()
	})
	f.Line()

	f.Comment("// decode reads the parameters from a request's parts. It does not")
	f.Comment("// validate: call Validate after it.")
	f.Func().Params(recv.Clone()).Id("decode").Params(
		jen.List(jen.Id("query"), jen.Id("form")).Qual(urlPkg, "Values"), jen.Id("header").Qual(httpPkg, "Header"),
	).Error().BlockFunc(func(g *jen.Group) {
		for _, p := range op.Params {
			var lookup jen.Code
			switch p.In {
			case model.InHeader:
				lookup = e.rt("HeaderValue").Call(jen.Id("header"), jen.Lit(p.WireName))
			default:
				lookup = e.rt("Value").Call(jen.Id(targets[p.In]), jen.Lit(p.WireName))
			}
			g.If(jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Add(lookup), jen.Id("ok")).BlockFunc(func(g *jen.Group) {
				val, _ := e.fromString(g, p, jen.Id("s")) // checked above
				if p.Optional {
					val = jen.Id("Some").Call(val)
				}
				g.Id("p").Dot(p.Name).Op("=").Add(val)
			})
		}
		g.Return(jen.Nil())
	})
	f.Line()
	return nil
}

// toString converts a parameter value to its wire form.
func (e *apiEmitter) toString(v *jen.Statement, t model.TypeRef) (jen.Code, error) {
	switch t.Kind {
	case model.String, model.URI:
		return v, nil
	case model.SID, model.SIDOrIdentity, model.JSONString, model.Named:
		return jen.String().Call(v), nil
	case model.Int64:
		return jen.Qual(strconvPkg, "FormatInt").Call(v, jen.Lit(10)), nil
	case model.Int:
		return jen.Qual(strconvPkg, "Itoa").Call(v), nil
	case model.Bool:
		return jen.Qual(strconvPkg, "FormatBool").Call(v), nil
	}
	return nil, fmt.Errorf("parameters of kind %s are not supported", t.Kind)
}

// fromString converts a wire string to a parameter value, adding any
// parsing statements to g.
func (e *apiEmitter) fromString(g *jen.Group, p *model.Param, s *jen.Statement) (*jen.Statement, error) {
	t := p.Type
	switch t.Kind {
	case model.String, model.URI:
		return s, nil
	case model.SID, model.SIDOrIdentity, model.JSONString, model.Named:
		typ, err := e.goType(t)
		if err != nil {
			return nil, err
		}
		return jen.Add(typ).Call(s), nil
	case model.Int64, model.Int:
		g.List(jen.Id("n"), jen.Err()).Op(":=").Add(e.rt("ParseInt")).Call(jen.Lit(p.WireName), s)
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
		if t.Kind == model.Int {
			return jen.Int().Call(jen.Id("n")), nil
		}
		return jen.Id("n"), nil
	case model.Bool:
		g.List(jen.Id("b"), jen.Err()).Op(":=").Add(e.rt("ParseBool")).Call(jen.Lit(p.WireName), s)
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
		return jen.Id("b"), nil
	}
	return nil, fmt.Errorf("parameters of kind %s are not supported", t.Kind)
}

// plural is "1 character", "2 characters".
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return itoa(n) + " " + noun + "s"
}
