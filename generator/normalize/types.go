package normalize

import (
	"fmt"
	"maps"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen-dev/apigen/generator/model"
	"github.com/apigen-dev/apigen/generator/names"
)

// metaFields are the properties of Twilio's page meta and their kinds.
var metaFields = map[string]string{
	"first_page_url":    openapi3.TypeString,
	"key":               openapi3.TypeString,
	"next_page_url":     openapi3.TypeString,
	"page":              openapi3.TypeInteger,
	"page_size":         openapi3.TypeInteger,
	"previous_page_url": openapi3.TypeString,
	"url":               openapi3.TypeString,
}

// refuseCombinators reports the schema constructs the emitter cannot
// represent.
func (b *apiBuilder) refuseCombinators(s *openapi3.Schema, pos model.Pos) bool {
	bad := ""
	switch {
	case len(s.OneOf) > 0:
		bad = "oneOf"
	case len(s.AnyOf) > 0:
		bad = "anyOf"
	case len(s.AllOf) > 0:
		bad = "allOf"
	case s.Not != nil:
		bad = "not"
	case len(s.PrefixItems) > 0:
		bad = "prefixItems"
	case len(s.PatternProperties) > 0:
		bad = "patternProperties"
	case s.If != nil:
		bad = "if/then/else"
	}
	if bad != "" {
		b.problems.Add(pos, "%s is not supported: describe one concrete schema", bad)
		return true
	}
	return false
}

// metaShape reports whether s has the shape of the shared page meta, and
// what is missing when it does not.
func metaShape(s *openapi3.Schema) (bool, string) {
	if s == nil || baseType(s) != openapi3.TypeObject {
		return false, "it is not an object"
	}
	for _, name := range slices.Sorted(maps.Keys(metaFields)) {
		p, ok := s.Properties[name]
		if !ok || p == nil || p.Value == nil {
			return false, fmt.Sprintf("property %s is missing", name)
		}
		if baseType(p.Value) != metaFields[name] {
			return false, fmt.Sprintf("property %s must be of type %s", name, metaFields[name])
		}
	}
	return true, ""
}

// isPage reports whether a response schema is a list page: an object with
// one array property and a meta property.
func (b *apiBuilder) isPage(s *openapi3.Schema) bool {
	if s == nil || baseType(s) != openapi3.TypeObject || len(s.Properties) != 2 {
		return false
	}
	meta, ok := s.Properties["meta"]
	if !ok || meta == nil || meta.Value == nil || baseType(meta.Value) != openapi3.TypeObject {
		return false
	}
	for name, p := range s.Properties {
		if name != "meta" && p != nil && p.Value != nil && baseType(p.Value) == openapi3.TypeArray {
			return true
		}
	}
	return false
}

// pageType builds the struct of a list page and the operation's ListInfo.
func (b *apiBuilder) pageType(op *model.Operation, sr *openapi3.SchemaRef, pos model.Pos) (string, *model.ListInfo) {
	s := sr.Value
	name := names.Exported(refName(sr.Ref))
	if sr.Ref == "" {
		name = op.Name + "Page"
	}
	spos := originPos(s.Origin)
	if spos.File == "" {
		spos = pos
	}
	metaRef := s.Properties["meta"]
	if ok, why := metaShape(metaRef.Value); !ok {
		b.problems.Add(schemaPos(metaRef), "operation %s: meta does not have the shape of a Twilio page meta: %s", op.ID, why)
		return "", nil
	}
	var itemsKey string
	for _, key := range slices.Sorted(maps.Keys(s.Properties)) {
		if key != "meta" {
			itemsKey = key
		}
	}
	items := s.Properties[itemsKey]
	if items == nil || items.Value == nil || items.Value.Items == nil {
		b.problems.Add(spos, "operation %s: the items of a list page need a schema", op.ID)
		return "", nil
	}
	elem := b.typeRef(items.Value.Items, "", schemaPos(items))
	if elem.Kind != model.Named {
		b.problems.Add(schemaPos(items), "operation %s: the items of a list page must be objects", op.ID)
		return "", nil
	}
	if existing, ok := b.bySchema[s]; ok {
		name = existing
	} else if b.claim(name, "schema "+name, spos) {
		b.bySchema[s] = name
		t := &model.Type{
			Name: name, SpecName: refName(sr.Ref), Kind: model.StructType, Pos: spos,
			Doc: doc1(s.Description),
			Page: &model.Page{
				ItemsField: names.Exported(itemsKey), ItemsKey: itemsKey,
				ItemType: elem.Name, MetaField: "Meta",
			},
		}
		for _, key := range propertyOrder(s) {
			f := &model.Field{
				Name: names.Exported(key), WireName: key, Required: true,
				Doc: doc1(s.Properties[key].Value.Description), Pos: schemaPos(s.Properties[key]),
			}
			if f.Pos.File == "" {
				f.Pos = spos
			}
			if key == "meta" {
				f.Type = model.TypeRef{Kind: model.Meta}
				if f.Doc == "" {
					f.Doc = doc1(metaRef.Value.Description)
				}
			} else {
				f.Type = model.TypeRef{Kind: model.Array, Elem: &elem}
			}
			t.Fields = append(t.Fields, f)
		}
		b.types[name] = t
	}
	info := &model.ListInfo{PageType: name, ItemType: elem.Name, ItemsKey: itemsKey}
	for _, p := range op.Params {
		if p.WireName == "PageSize" && p.In == model.InQuery {
			info.PageSizeParam = p.Name
			if p.Type.Minimum != nil {
				info.PageSizeMin = *p.Type.Minimum
			}
			if p.Type.Maximum != nil {
				info.PageSizeMax = *p.Type.Maximum
			}
			if p.Type.Default != nil {
				fmt.Sscan(*p.Type.Default, &info.PageSizeDefault)
			}
		}
	}
	return name, info
}

// typeRef maps a response schema to a type, creating named struct types for
// objects. hint names an inline object.
func (b *apiBuilder) typeRef(sr *openapi3.SchemaRef, hint string, pos model.Pos) model.TypeRef {
	if sr == nil || sr.Value == nil {
		b.problems.Add(pos, "a schema is required here")
		return model.TypeRef{Kind: model.String}
	}
	s := sr.Value
	if p := schemaPos(sr); p.File != "" {
		pos = p
	}
	if b.refuseCombinators(s, pos) {
		return model.TypeRef{Kind: model.String}
	}
	switch baseType(s) {
	case openapi3.TypeObject:
		if s.Format == formatURIMap {
			if ap := s.AdditionalProperties.Schema; ap != nil && ap.Value != nil && baseType(ap.Value) != openapi3.TypeString {
				b.problems.Add(pos, "a %s must map names to strings", formatURIMap)
			}
			return model.TypeRef{Kind: model.URIMap}
		}
		if ap := s.AdditionalProperties.Schema; ap != nil {
			b.problems.Add(pos, "additionalProperties with a schema is not supported (only format: %s maps of URLs are)", formatURIMap)
			return model.TypeRef{Kind: model.URIMap}
		}
		if ok, _ := metaShape(s); ok && refName(sr.Ref) != "" && len(s.Properties) == len(metaFields) {
			return model.TypeRef{Kind: model.Meta}
		}
		name := hint
		if sr.Ref != "" {
			name = names.Exported(refName(sr.Ref))
		}
		return model.TypeRef{Kind: model.Named, Name: b.structType(sr, name, pos)}
	case openapi3.TypeArray:
		if s.Items == nil {
			b.problems.Add(pos, "an array needs items")
			return model.TypeRef{Kind: model.String}
		}
		elem := b.typeRef(s.Items, hint+"Item", pos)
		return model.TypeRef{Kind: model.Array, Elem: &elem}
	case "":
		if s.Type == nil && len(s.Properties) > 0 {
			return model.TypeRef{Kind: model.Named, Name: b.structType(sr, hint, pos)}
		}
		b.problems.Add(pos, "the schema needs exactly one type besides null")
		return model.TypeRef{Kind: model.String}
	}
	return b.scalarRef(sr, hint, pos, "")
}

// structType creates (once) the named struct type of an object schema.
func (b *apiBuilder) structType(sr *openapi3.SchemaRef, name string, pos model.Pos) string {
	s := sr.Value
	if existing, ok := b.bySchema[s]; ok {
		return existing
	}
	if p := originPos(s.Origin); p.File != "" {
		pos = p // the definition, not the place that refers to it
	}
	if !b.claim(name, "schema "+name, pos) {
		return name
	}
	b.bySchema[s] = name
	t := &model.Type{Name: name, SpecName: refName(sr.Ref), Kind: model.StructType, Doc: doc1(s.Description), Pos: pos}
	b.types[name] = t
	seen := map[string]*model.Field{}
	for _, key := range propertyOrder(s) {
		prop := s.Properties[key]
		ppos := schemaPos(prop)
		if prop == nil || prop.Value == nil {
			b.problems.Add(pos, "property %s of %s has no schema", key, name)
			continue
		}
		f := &model.Field{
			Name:     names.Exported(key),
			WireName: key,
			Doc:      doc1(prop.Value.Description),
			Required: slices.Contains(s.Required, key),
			Nullable: isNullable(prop.Value),
			Pos:      ppos,
		}
		if prev, ok := seen[f.Name]; ok {
			b.problems.Add(ppos, "property %s of %s would be named %s, like property %s at %s", key, name, f.Name, prev.WireName, prev.Pos)
			continue
		}
		seen[f.Name] = f
		f.Type = b.typeRef(prop, name+f.Name, ppos)
		t.Fields = append(t.Fields, f)
	}
	return name
}

// scalarRef maps a string, integer, number or boolean schema, with its
// constraints. Enums become named enum types called enumName.
func (b *apiBuilder) scalarRef(sr *openapi3.SchemaRef, enumName string, pos model.Pos, what string) model.TypeRef {
	s := sr.Value
	if p := schemaPos(sr); p.File != "" && what == "" {
		pos = p
	}
	if b.refuseCombinators(s, pos) {
		return model.TypeRef{Kind: model.String}
	}
	var ref model.TypeRef
	switch baseType(s) {
	case openapi3.TypeString:
		switch prefix, isSID := sidPrefix(s); {
		case isSID:
			if !b.sid(prefix, pos) {
				return model.TypeRef{Kind: model.String}
			}
			return model.TypeRef{Kind: model.SID, SID: prefix}
		}
		ref.Kind = model.String
		switch {
		case extBool(s.Extensions, extJSONString):
			ref.Kind = model.JSONString
		case s.Format == "date-time":
			ref.Kind = model.Time
		case s.Format == "uri":
			ref.Kind = model.URI
		}
		ref.Pattern = s.Pattern
		if s.MinLength > 0 {
			ref.MinLength = int64p(int64(s.MinLength))
		}
		if s.MaxLength != nil {
			ref.MaxLength = int64p(int64(*s.MaxLength))
		}
	case openapi3.TypeInteger:
		ref.Kind = model.Int
		if s.Format == "int64" {
			ref.Kind = model.Int64
		}
		ref.Minimum, ref.Maximum = intFromFloat(s.Min), intFromFloat(s.Max)
	case openapi3.TypeNumber:
		ref.Kind = model.Float
	case openapi3.TypeBoolean:
		ref.Kind = model.Bool
	default:
		if what == "" {
			what = "this value"
		}
		b.problems.Add(pos, "%s must be a string, integer, number or boolean", what)
		return model.TypeRef{Kind: model.String}
	}
	ref.Default = formatDefault(s.Default)
	if len(s.Enum) > 0 {
		return b.enumType(s, ref.Kind, enumName, pos)
	}
	return ref
}

// enumType creates (once) a named enum type.
func (b *apiBuilder) enumType(s *openapi3.Schema, base model.Kind, name string, pos model.Pos) model.TypeRef {
	if base != model.String {
		b.problems.Add(pos, "enums of %s are not supported (string enums are)", base)
		return model.TypeRef{Kind: base}
	}
	if existing, ok := b.bySchema[s]; ok {
		return model.TypeRef{Kind: model.Named, Name: existing}
	}
	if !b.claim(name, "enum "+name, pos) {
		return model.TypeRef{Kind: model.Named, Name: name}
	}
	b.bySchema[s] = name
	t := &model.Type{Name: name, Kind: model.EnumType, Base: base, Doc: doc1(s.Description), Pos: pos}
	seen := map[string]string{}
	for _, v := range s.Enum {
		str, ok := v.(string)
		if !ok {
			b.problems.Add(pos, "enum %s: value %v is not a string", name, v)
			continue
		}
		cname := name + names.Exported(str)
		if prev, ok := seen[cname]; ok {
			b.problems.Add(pos, "enum %s: values %q and %q would both be named %s", name, prev, str, cname)
			continue
		}
		seen[cname] = str
		if b.claim(cname, "enum value "+str, pos) {
			t.Values = append(t.Values, &model.EnumValue{Name: cname, Value: str})
		}
	}
	b.types[name] = t
	return model.TypeRef{Kind: model.Named, Name: name}
}
