package normalize

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen-dev/apigen/generator/load"
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
func isPage(s *openapi3.Schema) bool {
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

// listResult builds the struct of a list page, written in node, sets it as
// the operation's result and fills in the operation's paging.
func (b *apiBuilder) listResult(op *model.Operation, sr *openapi3.SchemaRef, node load.Node) {
	s := sr.Value
	def := node.Resolve()
	spos := orPos(def.Pos(), op.Pos)
	metaRef := s.Properties["meta"]
	if ok, why := metaShape(metaRef.Value); !ok {
		b.problems.Add(orPos(def.At("properties", "meta").Pos(), spos), "operation %s: meta does not have the shape of a Twilio page meta: %s", op.ID, why)
		return
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
		return
	}
	itemsNode := def.At("properties", itemsKey)
	elem := b.typeRef(items.Value.Items, "", itemsNode.Resolve().At("items"), nil)
	if elem.Kind != model.Named || elem.Type.Kind != model.StructType {
		b.problems.Add(orPos(itemsNode.Pos(), spos), "operation %s: the items of a list page must be objects", op.ID)
		return
	}
	t := b.bySchema[s]
	if t == nil {
		t = b.pageType(sr, op.Name+"Page", def, itemsKey, elem)
	}
	if t.Page == nil {
		b.problems.Add(spos, "operation %s: the list page is also used as an object elsewhere", op.ID)
		return
	}
	op.Result = &model.TypeRef{Kind: model.Named, Type: t}
	op.List = &model.ListInfo{Iterator: op.Name + "All"}
	if op.Params == nil {
		return
	}
	for _, p := range op.Params.Fields {
		if p.WireName != "PageSize" || p.In != model.InQuery {
			continue
		}
		op.List.PageSize = p
		op.List.PageSizeDefault, _ = p.Type.Default.(int64)
	}
}

// pageType makes the struct of a list page, defined in def: the items
// array and the meta. name is used when the schema is not a component.
func (b *apiBuilder) pageType(sr *openapi3.SchemaRef, name string, def load.Node, itemsKey string, elem model.TypeRef) *model.Type {
	s := sr.Value
	if sr.Ref != "" {
		name = b.componentName(refName(sr.Ref))
	}
	t := b.newType(s, name, refName(sr.Ref), model.StructType, def.Pos())
	t.Page = &model.Page{}
	for _, key := range propertyOrder(s, def) {
		prop := s.Properties[key]
		f := &model.Field{
			Name: names.Exported(key), WireName: key,
			Doc: doc1(prop.Value.Description), Pos: orPos(def.At("properties", key).Pos(), t.Pos),
		}
		if !jsonTagName(key) {
			b.problems.Add(f.Pos, "property %q of %s: encoding/json cannot name a field so (a struct tag's name is letters, digits, spaces and !#$%%&()*+-./:;<=>?@[]^_{|}~)", key, name)
		}
		if key == "meta" {
			f.Type = model.TypeRef{Kind: model.Meta}
			t.Page.Meta = f
		} else {
			f.Type = model.TypeRef{Kind: model.Array, Elem: &elem}
			t.Page.Items = f
		}
		t.Fields = append(t.Fields, f)
	}
	return t
}

// newType records a named type made from schema s.
func (b *apiBuilder) newType(s *openapi3.Schema, name, specName string, kind model.TypeKind, pos model.Pos) *model.Type {
	t := &model.Type{
		Ident:    model.GoIdent{ImportPath: b.api.ImportPath, Name: name},
		SpecName: specName,
		Kind:     kind,
		Doc:      doc1(s.Description),
		Pos:      pos,
	}
	b.bySchema[s] = t
	b.types = append(b.types, t)
	return t
}

// typeRef maps a response schema, written in node, to a type, creating
// named struct types for objects. hint names an inline object; owner is the
// struct type whose property it is, if any.
func (b *apiBuilder) typeRef(sr *openapi3.SchemaRef, hint string, node load.Node, owner *model.Type) model.TypeRef {
	pos := node.Pos()
	if sr == nil || sr.Value == nil {
		b.problems.Add(pos, "a schema is required here")
		return model.TypeRef{Kind: model.String}
	}
	s := sr.Value
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
		if len(s.Properties) == 0 {
			return model.TypeRef{Kind: model.JSONValue} // free-form
		}
		if ap := s.AdditionalProperties.Schema; ap != nil {
			b.problems.Add(pos, "additionalProperties with a schema is not supported beside properties (only format: %s maps of URLs are)", formatURIMap)
			return model.TypeRef{Kind: model.URIMap}
		}
		if ok, _ := metaShape(s); ok && refName(sr.Ref) != "" && len(s.Properties) == len(metaFields) {
			return model.TypeRef{Kind: model.Meta}
		}
		return model.TypeRef{Kind: model.Named, Type: b.structType(sr, hint, node)}
	case openapi3.TypeArray:
		if s.Items == nil {
			b.problems.Add(pos, "an array needs items")
			return model.TypeRef{Kind: model.String}
		}
		elem := b.typeRef(s.Items, hint+"Item", node.Resolve().At("items"), nil)
		return model.TypeRef{Kind: model.Array, Elem: &elem}
	case "":
		if s.Type == nil && len(s.Properties) > 0 {
			return model.TypeRef{Kind: model.Named, Type: b.structType(sr, hint, node)}
		}
		return model.TypeRef{Kind: model.JSONValue} // no type, or several: free-form
	}
	return b.scalarRef(sr, hint, pos, "", carrier(node, owner))
}

// structType creates (once) the named struct type of an object schema,
// written in node, named after its component or else hint.
func (b *apiBuilder) structType(sr *openapi3.SchemaRef, hint string, node load.Node) *model.Type {
	s := sr.Value
	if t, ok := b.bySchema[s]; ok {
		return t
	}
	name := hint
	if sr.Ref != "" {
		name = b.componentName(refName(sr.Ref))
	}
	// The definition, not the place that refers to it.
	def := node.Resolve()
	t := b.newType(s, name, refName(sr.Ref), model.StructType, orPos(def.Pos(), node.Pos()))
	for _, key := range propertyOrder(s, def) {
		prop := s.Properties[key]
		pnode := def.At("properties", key)
		if prop == nil || prop.Value == nil {
			b.problems.Add(t.Pos, "property %s of %s has no schema", key, name)
			continue
		}
		f := &model.Field{
			Name:     names.Exported(key),
			WireName: key,
			Doc:      doc1(prop.Value.Description),
			Nullable: isNullable(prop.Value) || refNullable(pnode),
			Pos:      orPos(pnode.Pos(), t.Pos),
		}
		if !jsonTagName(key) {
			b.problems.Add(f.Pos, "property %q of %s: encoding/json cannot name a field so (a struct tag's name is letters, digits, spaces and !#$%%&()*+-./:;<=>?@[]^_{|}~)", key, name)
		}
		f.Type = b.typeRef(prop, name+f.Name, pnode, t)
		t.Fields = append(t.Fields, f)
	}
	return t
}

// scalarRef maps a string, integer, number or boolean schema, with its
// constraints; problems are reported at pos. Enums become named enum types
// called enumName. carrier is the name of the property or parameter, which
// may name a SID kind.
func (b *apiBuilder) scalarRef(sr *openapi3.SchemaRef, enumName string, pos model.Pos, what, carrier string) model.TypeRef {
	s := sr.Value
	if b.refuseCombinators(s, pos) {
		return model.TypeRef{Kind: model.String}
	}
	var ref model.TypeRef
	switch baseType(s) {
	case openapi3.TypeString:
		if prefix, isSID := sidPrefix(s); isSID {
			ref := model.TypeRef{Kind: model.SID, SID: b.sid(prefix, pos, carrier)}
			b.errorCodes(s, &ref, pos)
			return ref
		}
		ref = b.stringRef(s)
		b.identityOf(s, &ref, pos)
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
	case openapi3.TypeArray:
		if what != "" && s.Items != nil && s.Items.Value != nil {
			if baseType(s.Items.Value) == openapi3.TypeArray {
				b.problems.Add(pos, "%s: arrays of arrays are not supported", what)
				return model.TypeRef{Kind: model.String}
			}
			elem := b.scalarRef(s.Items, enumName, pos, what, carrier)
			return model.TypeRef{Kind: model.Array, Elem: &elem}
		}
		fallthrough
	case "", openapi3.TypeObject:
		if what != "" && len(s.Properties) == 0 && baseType(s) != openapi3.TypeArray {
			return model.TypeRef{Kind: model.JSONValue} // free-form: travels as JSON text
		}
		fallthrough
	default:
		if what == "" {
			what = "this value"
		}
		b.problems.Add(pos, "%s must be a string, integer, number or boolean", what)
		return model.TypeRef{Kind: model.String}
	}
	ref.Default = typedDefault(s.Default, ref.Kind)
	if len(s.Enum) > 0 {
		if sr.Ref != "" {
			enumName = enumComponentName(refName(sr.Ref))
		}
		ref = b.enumType(s, ref.Kind, enumName, pos)
	}
	b.errorCodes(s, &ref, pos)
	return ref
}

// identityOf reads x-identity-of, which marks a plain string as the
// identity of a resource: the SID prefix whose SID-or-identity parameters
// address it.
func (b *apiBuilder) identityOf(s *openapi3.Schema, ref *model.TypeRef, pos model.Pos) {
	v, ok := s.Extensions[extIdentityOf]
	if !ok {
		return
	}
	prefix, _ := v.(string)
	switch {
	case !prefixPattern.MatchString(prefix):
		b.problems.Add(pos, "%s must be a SID prefix, two capital letters such as US, not %v", extIdentityOf, v)
	case ref.Kind != model.String || len(s.Enum) > 0:
		b.problems.Add(pos, "%s needs a plain string schema (not a JSON string, date-time, URI or enum)", extIdentityOf)
	default:
		ref.IdentityOf = prefix
	}
}

// prefixPattern matches a SID prefix.
var prefixPattern = regexp.MustCompile(`^[A-Z]{2}$`)

// errorCodes reads x-twilio-error-codes: an object whose keys name checks
// of the value, by the keyword that asks for them (maxLength, x-json-string,
// ...), and whose values are the Twilio error codes they fail with. A key
// that names no check of this schema is a problem, so that a typo or a
// forgotten keyword does not silently leave the default code.
func (b *apiBuilder) errorCodes(s *openapi3.Schema, ref *model.TypeRef, pos model.Pos) {
	v, ok := s.Extensions[extErrorCodes]
	if !ok {
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		b.problems.Add(pos, "%s must be an object mapping checks to Twilio error codes, such as {maxLength: 50303}", extErrorCodes)
		return
	}
	has := ref.Checks()
	for _, key := range slices.Sorted(maps.Keys(m)) {
		code, ok := errorCode(m[key])
		if !ok {
			b.problems.Add(pos, "%s: %s: the code must be an integer from 1 to 99999, not %v", extErrorCodes, key, m[key])
			continue
		}
		c := model.Check(key)
		if !slices.Contains(has, c) {
			var names []string
			for _, h := range has {
				names = append(names, string(h))
			}
			what := "none"
			if len(names) > 0 {
				what = strings.Join(names, ", ")
			}
			b.problems.Add(pos, "%s: %s is not a check of this value (its checks: %s)", extErrorCodes, key, what)
			continue
		}
		if ref.Codes == nil {
			ref.Codes = map[model.Check]int{}
		}
		ref.Codes[c] = code
	}
}

// errorCode is v as a Twilio error code: a whole number from 1 to 99999.
func errorCode(v any) (int, bool) {
	var f float64
	switch v := v.(type) {
	case float64:
		f = v
	case int:
		f = float64(v)
	case int64:
		f = float64(v)
	default:
		return 0, false
	}
	if f != math.Trunc(f) || f < 1 || f > 99999 {
		return 0, false
	}
	return int(f), true
}

// stringRef maps a string schema that is not a SID.
func (b *apiBuilder) stringRef(s *openapi3.Schema) model.TypeRef {
	ref := model.TypeRef{Kind: model.String}
	switch {
	case extBool(s.Extensions, extJSONString):
		ref.Kind = model.JSONString
	case s.Format == "date-time":
		ref.Kind = model.Time
	case s.Format == "uri":
		ref.Kind = model.URI
	}
	if s.Pattern != "" {
		p, ok := b.patterns[s.Pattern]
		if !ok {
			p = &model.Pattern{Var: "pattern", Expr: s.Pattern}
			b.patterns[s.Pattern] = p
			b.api.Patterns = append(b.api.Patterns, p)
		}
		ref.Pattern = p
	}
	if s.MinLength > 0 {
		ref.MinLength = int64p(int64(s.MinLength))
	}
	if s.MaxLength != nil {
		ref.MaxLength = int64p(int64(*s.MaxLength))
	}
	return ref
}

// enumType creates (once) a named enum type.
func (b *apiBuilder) enumType(s *openapi3.Schema, base model.Kind, name string, pos model.Pos) model.TypeRef {
	if base != model.String {
		b.problems.Add(pos, "enums of %s are not supported (string enums are)", base)
		return model.TypeRef{Kind: base}
	}
	if t, ok := b.bySchema[s]; ok {
		return model.TypeRef{Kind: model.Named, Type: t}
	}
	t := b.newType(s, name, "", model.EnumType, pos)
	for _, v := range s.Enum {
		str, ok := v.(string)
		if !ok {
			b.problems.Add(pos, "enum %s: value %v is not a string", name, v)
			continue
		}
		t.Values = append(t.Values, &model.EnumValue{Value: str})
	}
	return model.TypeRef{Kind: model.Named, Type: t}
}

// breakCycles makes a field a pointer where a struct would otherwise
// contain itself by value (a schema that refers to itself, directly or
// through others): Go rejects such a type. It walks the types and their
// fields in order, so the choice is deterministic.
func breakCycles(types []*model.Type) {
	const (
		unseen = iota
		active
		done
	)
	state := map[*model.Type]int{}
	var visit func(t *model.Type)
	visit = func(t *model.Type) {
		state[t] = active
		for _, f := range t.Fields {
			if f.Type.Kind != model.Named || f.Type.Type.Kind != model.StructType {
				continue // arrays and maps hold their elements indirectly
			}
			switch state[f.Type.Type] {
			case active:
				f.Indirect = true
			case unseen:
				visit(f.Type.Type)
			}
		}
		state[t] = done
	}
	for _, t := range types {
		if state[t] == unseen {
			visit(t)
		}
	}
}

// jsonTagName reports whether encoding/json takes name as the key of a
// field from its struct tag. It ignores any other name, and cuts a name at
// its first comma, so that the field would silently go by another key.
func jsonTagName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", r) {
			return false
		}
	}
	return true
}

// refNullable reports whether a property written as a $ref says nullable
// beside it, as Twilio's documents do for their enums. OpenAPI 3.0 ignores
// the siblings of a $ref, and so does kin-openapi, but the intent is plain:
// the value may be null.
func refNullable(n load.Node) bool {
	return n.At("$ref").Value() != "" && n.At("nullable").Value() == "true"
}

// carrier is the name that a value written in node carries, for naming a
// SID kind: the property's key; for a resource's own "sid", the resource
// (the last part of its schema's name, "chat.v2.channel" saying
// "channel_sid"); "" for what has no name, such as an array's items.
func carrier(node load.Node, owner *model.Type) string {
	key := node.Key()
	switch {
	case key == "items" || key == "schema":
		return ""
	case key == "sid" && owner != nil && owner.SpecName != "":
		spec := owner.SpecName
		if i := strings.LastIndexAny(spec, "./"); i >= 0 {
			spec = spec[i+1:]
		}
		return spec + "_sid"
	}
	return key
}

// enumComponentName is the Go name of an enum defined as a component.
// Twilio names them <owner>_enum_<field>; the field repeats the owner's last
// word more often than not, which the Go name says once:
// channel_enum_channel_type is ChannelType, user_enum_webhook_enabled_type
// UserWebhookEnabledType. Other names are taken as they are.
func enumComponentName(component string) string {
	owner, field, ok := strings.Cut(component, "_enum_")
	if !ok {
		return names.Exported(component)
	}
	ow, fw := names.Words(owner), names.Words(field)
	if len(ow) > 0 && len(fw) > 1 && fw[0] == ow[len(ow)-1] {
		fw = fw[1:]
	}
	return names.Exported(strings.Join(append(ow, fw...), "_"))
}

// componentName is the Go name of the type of a component schema. Twilio
// names its resources by path, conversations.v1.service.service_user; the
// Go name is the last part, ServiceUser, unless another component of the
// document ends the same way, when it is the whole path.
func (b *apiBuilder) componentName(component string) string {
	if b.lastParts == nil {
		b.lastParts = map[string]int{}
		for _, doc := range append([]*load.Doc{b.doc}, b.doc.Refs...) {
			if doc.T.Components != nil {
				for name := range doc.T.Components.Schemas {
					b.lastParts[lastPart(name)]++
				}
			}
		}
	}
	if last := lastPart(component); b.lastParts[last] == 1 {
		return names.Exported(last)
	}
	return names.Exported(component)
}

// lastPart is what follows the last dot of a component's name.
func lastPart(component string) string {
	return component[strings.LastIndexByte(component, '.')+1:]
}
