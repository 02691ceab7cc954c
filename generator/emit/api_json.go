package emit

import (
	"encoding/json"

	"github.com/dave/jennifer/jen"

	"github.com/apigen-dev/apigen/generator/model"
)

const jsonPkg = "encoding/json"

// jsonFile declares the JSON methods of the package's struct types:
// MarshalJSON and UnmarshalJSON, which walk the fields with the runtime's
// Encoder and Decoder instead of encoding/json's reflection, and give the
// same results (see the runtime's json.go).
func (e *apiEmitter) jsonFile(f *jen.File) {
	for _, t := range e.api.Types {
		if t.Kind == model.StructType {
			f = e.cut(f)
			e.jsonMethods(f, t)
		}
	}
}

func (e *apiEmitter) jsonMethods(f *jen.File, t *model.Type) {
	name, m := t.Ident.Name, t.JSON
	recv := func() *jen.Statement { return jen.Id("v").Op("*").Id(name) }

	addDoc(f, "UnmarshalJSON decodes data into v with generated code, with the results encoding/json would give by reflection (see the package documentation).")
	f.Func().Params(recv()).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.If(e.rt("ReflectJSON").Call()).Block(
			jen.Type().Id("plain").Id(name),
			jen.Return(jen.Qual(jsonPkg, "Unmarshal").Call(jen.Id("data"), jen.Parens(jen.Op("*").Id("plain")).Parens(jen.Id("v")))),
		),
		jen.Id("d").Op(":=").Add(e.rt("NewDecoder")).Call(jen.String().Parens(jen.Id("data"))),
		jen.Id("v").Dot(m.Decode).Call(jen.Op("&").Id("d")),
		jen.Return(jen.Id("d").Dot("End").Call()),
	)
	f.Line()

	addDoc(f, "MarshalJSON encodes v with generated code, byte for byte as encoding/json would by reflection.")
	f.Func().Params(jen.Id("v").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.If(e.rt("ReflectJSON").Call()).Block(
			jen.Type().Id("plain").Id(name),
			jen.Return(jen.Qual(jsonPkg, "Marshal").Call(jen.Id("plain").Parens(jen.Id("v")))),
		),
		jen.Id("e").Op(":=").Add(e.rt("NewEncoder")).Call(),
		jen.Id("v").Dot(m.Append).Call(jen.Id("e")),
		jen.Return(jen.Id("e").Dot("Bytes").Call()),
	)
	f.Line()

	addDoc(f, m.Keys+" are the JSON names of the fields of "+name+", in order.")
	f.Var().Id(m.Keys).Op("=").Index().String().ValuesFunc(func(g *jen.Group) {
		for _, fl := range t.Fields {
			g.Lit(fl.WireName)
		}
	})
	f.Line()

	addDoc(f, m.Decode+" decodes a JSON object into v, member by member.")
	f.Func().Params(recv()).Id(m.Decode).Params(jen.Id("d").Op("*").Add(e.rt("Decoder"))).Block(
		jen.For(jen.Id("more").Op(":=").Id("d").Dot("Object").Call(), jen.Id("more"), jen.Id("more").Op("=").Id("d").Dot("More").Call(jen.LitRune('}'))).Block(
			jen.Switch(jen.Id("d").Dot("Field").Call(jen.Id(m.Keys))).BlockFunc(func(g *jen.Group) {
				for i, fl := range t.Fields {
					g.Case(jen.Lit(i)).Comment(fl.WireName).Line().Add(e.decodeField(fl))
				}
				g.Default().Id("d").Dot("Skip").Call()
			}),
		),
	)
	f.Line()

	addDoc(f, m.Append+" appends v to e as a JSON object.")
	f.Func().Params(recv()).Id(m.Append).Params(jen.Id("e").Op("*").Add(e.rt("Encoder"))).BlockFunc(func(g *jen.Group) {
		if len(t.Fields) == 0 {
			g.Id("e").Dot("Raw").Call(jen.Lit("{}"))
			return
		}
		for i, fl := range t.Fields {
			sep := ","
			if i == 0 {
				sep = "{"
			}
			g.Id("e").Dot("Raw").Call(jen.Lit(sep + jsonKey(fl.WireName) + ":"))
			g.Add(e.encodeField(fl))
		}
		g.Id("e").Dot("Raw").Call(jen.Lit("}"))
	})
	f.Line()
}

// jsonKey is name as encoding/json writes an object key.
func jsonKey(name string) string {
	b, err := json.Marshal(name)
	if err != nil {
		panic(err) // a string always encodes
	}
	return string(b)
}

// coder is one direction of the JSON code: the runtime's Decode or Encode
// functions, with their Decoder or Encoder, and a struct's method that
// reads or writes it.
type coder struct {
	verb   string // "Decode" or "Encode": the prefix of the runtime's functions
	typ    string // "Decoder" or "Encoder"
	arg    string // the name of the Decoder or Encoder
	method func(*model.JSONMethods) string
}

var (
	decoding = coder{verb: "Decode", typ: "Decoder", arg: "d", method: func(m *model.JSONMethods) string { return m.Decode }}
	encoding = coder{verb: "Encode", typ: "Encoder", arg: "e", method: func(m *model.JSONMethods) string { return m.Append }}
)

// decodeField is the statement that decodes field fl of v.
func (e *apiEmitter) decodeField(fl *model.Field) jen.Code { return e.codeField(decoding, fl) }

// encodeField is the statement that appends field fl of v.
func (e *apiEmitter) encodeField(fl *model.Field) jen.Code { return e.codeField(encoding, fl) }

// codeField is the statement that decodes or encodes field fl of v.
func (e *apiEmitter) codeField(c coder, fl *model.Field) jen.Code {
	arg, ptr := jen.Id(c.arg), jen.Op("&").Id("v").Dot(fl.Name)
	switch {
	case fl.Indirect:
		return e.rt(c.verb+"Ptr").Call(arg, ptr, e.codeFunc(c, fl.Type))
	case fl.Nullable && !nilIsNull(fl.Type.Kind):
		return e.rt(c.verb+"Null").Call(arg, ptr, e.codeFunc(c, fl.Type))
	case fl.Type.Kind == model.Named && fl.Type.Type.Kind == model.StructType:
		return jen.Id("v").Dot(fl.Name).Dot(c.method(fl.Type.Type.JSON)).Call(arg)
	case fl.Type.Kind == model.Array:
		return e.rt(c.verb+"Slice").Call(arg, ptr, e.codeFunc(c, *fl.Type.Elem))
	}
	return e.codeFunc(c, fl.Type).Call(arg, ptr)
}

// codeFunc is a func(*apigen.Decoder, *T) or func(*apigen.Encoder, *T)
// that decodes or encodes a value of t.
func (e *apiEmitter) codeFunc(c coder, t model.TypeRef) *jen.Statement {
	switch t.Kind {
	case model.Int, model.Int64:
		return e.rt(c.verb + "Int").Types(e.goType(t))
	case model.Float:
		return e.rt(c.verb + "Float")
	case model.Bool:
		return e.rt(c.verb + "Bool")
	case model.Time:
		return e.rt(c.verb + "Time")
	case model.JSONValue:
		return e.rt(c.verb + "JSONValue")
	case model.URIMap:
		return e.rt(c.verb + "StringMap")
	case model.Meta:
		return e.rt(c.verb + "PageMeta")
	case model.Array:
		return jen.Func().Params(jen.Id(c.arg).Op("*").Add(e.rt(c.typ)), jen.Id("p").Op("*").Add(e.goType(t))).Block(
			e.rt(c.verb+"Slice").Call(jen.Id(c.arg), jen.Id("p"), e.codeFunc(c, *t.Elem)),
		)
	case model.Named:
		if t.Type.Kind == model.StructType {
			return jen.Func().Params(jen.Id(c.arg).Op("*").Add(e.rt(c.typ)), jen.Id("p").Op("*").Add(e.goType(t))).Block(
				jen.Id("p").Dot(c.method(t.Type.JSON)).Call(jen.Id(c.arg)),
			)
		}
	}
	// Strings: plain, URIs, SIDs, references, JSON strings, enums.
	return e.rt(c.verb + "String").Types(e.goType(t))
}
