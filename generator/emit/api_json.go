package emit

import (
	"encoding/json"
	"fmt"

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
			e.jsonMethods(f, t)
		}
	}
}

func (e *apiEmitter) jsonMethods(f *jen.File, t *model.Type) {
	name, m := t.Ident.Name, t.JSON
	recv := func() *jen.Statement { return jen.Id("v").Op("*").Id(name) }

	addDoc(f, fmt.Sprintf("UnmarshalJSON decodes data into v with generated code, with the results encoding/json would give by reflection: unknown keys are skipped, a key matches a field without regard to case when none matches it exactly, and null leaves a field as it is, except for %s fields, slices, maps and pointers, which it clears.", e.d.Null))
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

	keys := []jen.Code{jen.Id("key")}
	for _, fl := range t.Fields {
		keys = append(keys, jen.Lit(fl.WireName))
	}
	addDoc(f, m.Decode+" decodes a JSON object into v, member by member.")
	f.Func().Params(recv()).Id(m.Decode).Params(jen.Id("d").Op("*").Add(e.rt("Decoder"))).Block(
		jen.For(jen.Id("more").Op(":=").Id("d").Dot("Object").Call(), jen.Id("more"), jen.Id("more").Op("=").Id("d").Dot("More").Call(jen.LitRune('}'))).Block(
			jen.Id("key").Op(":=").Id("d").Dot("Key").Call(),
			jen.If(jen.Op("!").Id("v").Dot(m.DecodeField).Call(jen.Id("d"), jen.Id("key"))).Block(
				jen.Comment("// As encoding/json: the first field whose name equals the key without regard to case."),
				jen.If(
					jen.Id("key").Op("=").Add(e.rt("Fold")).Call(keys...),
					jen.Id("key").Op("==").Lit("").Op("||").Op("!").Id("v").Dot(m.DecodeField).Call(jen.Id("d"), jen.Id("key")),
				).Block(jen.Id("d").Dot("Skip").Call()),
			),
		),
	)
	f.Line()

	addDoc(f, m.DecodeField+" decodes the value of the member key into its field, and reports whether v has a field of that name.")
	f.Func().Params(recv()).Id(m.DecodeField).Params(jen.Id("d").Op("*").Add(e.rt("Decoder")), jen.Id("key").String()).Bool().Block(
		jen.Switch(jen.Id("key")).BlockFunc(func(g *jen.Group) {
			for _, fl := range t.Fields {
				g.Case(jen.Lit(fl.WireName)).Add(e.decodeField(fl))
			}
			g.Default().Return(jen.False())
		}),
		jen.Return(jen.True()),
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

// decodeField is the statement that decodes field fl of v.
func (e *apiEmitter) decodeField(fl *model.Field) jen.Code {
	ptr := jen.Op("&").Id("v").Dot(fl.Name)
	switch {
	case fl.Indirect:
		return e.rt("DecodePtr").Call(jen.Id("d"), ptr, e.decodeFunc(fl.Type))
	case fl.Nullable && !nilIsNull(fl.Type.Kind):
		return e.rt("DecodeNull").Call(jen.Id("d"), ptr, e.decodeFunc(fl.Type))
	case fl.Type.Kind == model.Named && fl.Type.Type.Kind == model.StructType:
		return jen.Id("v").Dot(fl.Name).Dot(fl.Type.Type.JSON.Decode).Call(jen.Id("d"))
	case fl.Type.Kind == model.Array:
		return e.rt("DecodeSlice").Call(jen.Id("d"), ptr, e.decodeFunc(*fl.Type.Elem))
	}
	return e.decodeFunc(fl.Type).Call(jen.Id("d"), ptr)
}

// decodeFunc is a func(*apigen.Decoder, *T) that decodes a value of t.
func (e *apiEmitter) decodeFunc(t model.TypeRef) *jen.Statement {
	switch t.Kind {
	case model.Int, model.Int64:
		return e.rt("DecodeInt").Types(e.goType(t))
	case model.Float:
		return e.rt("DecodeFloat")
	case model.Bool:
		return e.rt("DecodeBool")
	case model.Time:
		return e.rt("DecodeTime")
	case model.JSONValue:
		return e.rt("DecodeJSONValue")
	case model.URIMap:
		return e.rt("DecodeStringMap")
	case model.Meta:
		return e.rt("DecodePageMeta")
	case model.Array:
		return jen.Func().Params(jen.Id("d").Op("*").Add(e.rt("Decoder")), jen.Id("p").Op("*").Add(e.goType(t))).Block(
			e.rt("DecodeSlice").Call(jen.Id("d"), jen.Id("p"), e.decodeFunc(*t.Elem)),
		)
	case model.Named:
		if t.Type.Kind == model.StructType {
			return jen.Func().Params(jen.Id("d").Op("*").Add(e.rt("Decoder")), jen.Id("p").Op("*").Add(e.goType(t))).Block(
				jen.Id("p").Dot(t.Type.JSON.Decode).Call(jen.Id("d")),
			)
		}
	}
	// Strings: plain, URIs, SIDs, references, JSON strings, enums.
	return e.rt("DecodeString").Types(e.goType(t))
}

// encodeField is the statement that appends field fl of v.
func (e *apiEmitter) encodeField(fl *model.Field) jen.Code {
	ptr := jen.Op("&").Id("v").Dot(fl.Name)
	switch {
	case fl.Indirect:
		return e.rt("EncodePtr").Call(jen.Id("e"), ptr, e.encodeFunc(fl.Type))
	case fl.Nullable && !nilIsNull(fl.Type.Kind):
		return e.rt("EncodeNull").Call(jen.Id("e"), ptr, e.encodeFunc(fl.Type))
	case fl.Type.Kind == model.Named && fl.Type.Type.Kind == model.StructType:
		return jen.Id("v").Dot(fl.Name).Dot(fl.Type.Type.JSON.Append).Call(jen.Id("e"))
	case fl.Type.Kind == model.Array:
		return e.rt("EncodeSlice").Call(jen.Id("e"), ptr, e.encodeFunc(*fl.Type.Elem))
	}
	return e.encodeFunc(fl.Type).Call(jen.Id("e"), ptr)
}

// encodeFunc is a func(*apigen.Encoder, *T) that appends a value of t.
func (e *apiEmitter) encodeFunc(t model.TypeRef) *jen.Statement {
	switch t.Kind {
	case model.Int, model.Int64:
		return e.rt("EncodeInt").Types(e.goType(t))
	case model.Float:
		return e.rt("EncodeFloat")
	case model.Bool:
		return e.rt("EncodeBool")
	case model.Time:
		return e.rt("EncodeTime")
	case model.JSONValue:
		return e.rt("EncodeJSONValue")
	case model.URIMap:
		return e.rt("EncodeStringMap")
	case model.Meta:
		return e.rt("EncodePageMeta")
	case model.Array:
		return jen.Func().Params(jen.Id("e").Op("*").Add(e.rt("Encoder")), jen.Id("p").Op("*").Add(e.goType(t))).Block(
			e.rt("EncodeSlice").Call(jen.Id("e"), jen.Id("p"), e.encodeFunc(*t.Elem)),
		)
	case model.Named:
		if t.Type.Kind == model.StructType {
			return jen.Func().Params(jen.Id("e").Op("*").Add(e.rt("Encoder")), jen.Id("p").Op("*").Add(e.goType(t))).Block(
				jen.Id("p").Dot(t.Type.JSON.Append).Call(jen.Id("e")),
			)
		}
	}
	return e.rt("EncodeString").Types(e.goType(t))
}
