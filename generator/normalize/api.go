package normalize

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen-dev/apigen/generator/load"
	"github.com/apigen-dev/apigen/generator/model"
	"github.com/apigen-dev/apigen/generator/names"
)

// apiBuilder normalizes one document. It builds the model's structure with
// the names the document asks for; the naming pass (naming.go) then
// allocates every name in its scope.
type apiBuilder struct {
	*normalizer
	api *model.API
	// types are the named types in the order they were made; bySchema maps
	// a schema to its type, so that a component used twice is one type.
	types    []*model.Type
	bySchema map[*openapi3.Schema]*model.Type
	// patterns are the API's patterns by expression.
	patterns map[string]*model.Pattern
	doc      *load.Doc
	// lastParts counts the last dotted parts of the components' names
	// (see componentName); nil until needed.
	lastParts map[string]int
	// pkg is the package scope of the naming pass, kept for the
	// re-exports, which are named once the shared package is.
	pkg *scope
}

func (n *normalizer) api(d *load.Doc) *model.API {
	t := d.T
	pkg, ok := n.opts.Packages[d.File]
	if !ok {
		pkg, ok = extString(t.Info.Extensions, extPackage)
	}
	if !ok {
		pkg = strings.TrimSuffix(filepath.Base(d.File), filepath.Ext(d.File))
	}
	pkg = names.PackageName(pkg)
	api := &model.API{
		Title:      t.Info.Title,
		Doc:        doc1(t.Info.Description),
		Spec:       d.File,
		Package:    pkg,
		ImportPath: joinImport(n.opts.ImportPrefix, pkg),
		Pos:        model.Pos{File: d.File, Line: 1, Col: 1},
	}
	if len(t.Servers) > 0 {
		api.BaseURL = strings.TrimSuffix(t.Servers[0].URL, "/")
	}
	b := &apiBuilder{
		normalizer: n,
		api:        api,
		bySchema:   map[*openapi3.Schema]*model.Type{},
		patterns:   map[string]*model.Pattern{},
		doc:        d,
	}
	if t.Paths != nil {
		paths := d.Root().At("paths")
		for _, p := range t.Paths.InMatchingOrder() {
			item := t.Paths.Value(p)
			itemNode := paths.At(p).Resolve()
			for _, method := range slices.Sorted(maps.Keys(item.Operations())) {
				at := place{item: itemNode, op: itemNode.At(strings.ToLower(method))}
				if op := b.operation(p, method, item, item.Operations()[method], at); op != nil {
					api.Operations = append(api.Operations, op)
				}
			}
		}
	}
	b.name()
	n.named = append(n.named, b)
	breakCycles(b.types)
	slices.SortFunc(api.Operations, func(a, b *model.Operation) int { return strings.Compare(a.Name, b.Name) })
	api.Types = slices.Clone(b.types)
	slices.SortFunc(api.Types, func(a, b *model.Type) int { return strings.Compare(a.Ident.Name, b.Ident.Name) })
	return api
}

// place is where an operation is written: its path item and itself.
type place struct{ item, op load.Node }

// operation normalizes one operation.
func (b *apiBuilder) operation(p, method string, item *openapi3.PathItem, op *openapi3.Operation, at place) *model.Operation {
	pos := at.op.Pos()
	m := &model.Operation{
		ID:      op.OperationID,
		Name:    names.Exported(op.OperationID),
		Method:  method,
		Path:    p,
		Summary: doc1(op.Summary),
		Doc:     doc1(op.Description),
		Pos:     pos,
	}
	if len(op.Callbacks) > 0 {
		b.problems.Add(pos, "operation %s: callbacks are not supported", op.OperationID)
	}
	result, resultNode := b.responses(m, op, at.op)
	if !b.kind(m, result) {
		return nil
	}
	b.parameters(m, item, op, at)
	if result != nil {
		b.result(m, result, resultNode)
	}
	return m
}

// responses records the success status and the documented errors of op,
// and returns the success response's schema and where it is written.
func (b *apiBuilder) responses(m *model.Operation, op *openapi3.Operation, opNode load.Node) (*openapi3.SchemaRef, load.Node) {
	var result *openapi3.SchemaRef
	var resultNode load.Node
	var redirects []int
	if op.Responses != nil {
		for _, code := range slices.Sorted(maps.Keys(op.Responses.Map())) {
			rr := op.Responses.Map()[code]
			if rr == nil || rr.Value == nil {
				continue
			}
			rnode := opNode.At("responses", code).Resolve()
			rpos := orPos(rnode.Pos(), m.Pos)
			status, err := strconv.Atoi(code)
			if err != nil {
				if code != "default" {
					b.problems.Add(rpos, "operation %s: response %q: status ranges are not supported", m.ID, code)
				}
				continue
			}
			if status >= 300 && status < 400 {
				redirects = append(redirects, status)
				continue
			}
			if status < 200 || status >= 300 {
				desc := ""
				if rr.Value.Description != nil {
					desc = doc1(*rr.Value.Description)
				}
				m.Errors = append(m.Errors, &model.ErrorResponse{Status: status, Doc: desc})
				continue
			}
			schema, node := b.jsonContent(m.ID, rr.Value.Content, rnode, rpos)
			switch {
			case len(m.Success) == 0:
				result, resultNode = schema, node
			case !sameSchema(schema, result):
				b.problems.Add(rpos, "operation %s: success responses %d and %d have different bodies; several success statuses must share one", m.ID, m.Success[0], status)
				continue
			}
			m.Success = append(m.Success, status)
		}
	}
	if len(m.Success) == 0 && len(redirects) > 0 {
		// The redirect is the answer: its Location is the result.
		m.Success, m.Redirect = redirects[:1], true
	}
	if len(m.Success) == 0 {
		b.problems.Add(m.Pos, "operation %s has no 2xx or 3xx response", m.ID)
	}
	slices.SortFunc(m.Errors, func(a, b *model.ErrorResponse) int { return a.Status - b.Status })
	return result, resultNode
}

// sameSchema reports whether two response bodies are one: both absent, the
// same schema, or schemas written alike.
func sameSchema(a, b *openapi3.SchemaRef) bool {
	if a == nil || b == nil || a.Value == nil || b.Value == nil {
		return a == nil && b == nil
	}
	if a.Value == b.Value {
		return true
	}
	ja, errA := json.Marshal(a.Value)
	jb, errB := json.Marshal(b.Value)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// kind tells what the operation does from its method, its path and the
// shape of its result; false when the method is not supported.
func (b *apiBuilder) kind(m *model.Operation, result *openapi3.SchemaRef) bool {
	instance := strings.HasSuffix(m.Path, "}")
	page := result != nil && isPage(result.Value)
	switch {
	case m.Method == http.MethodGet && page:
		m.Kind = model.List
	case m.Method == http.MethodGet:
		m.Kind = model.Fetch
	case m.Method == http.MethodPost && instance:
		m.Kind = model.Update
	case m.Method == http.MethodPost:
		m.Kind = model.Create
	case m.Method == http.MethodDelete:
		m.Kind = model.Delete
	default:
		b.problems.Add(m.Pos, "operation %s: method %s is not supported (GET, POST and DELETE are)", m.ID, m.Method)
		return false
	}
	return true
}

// parameters collects the path, query and header parameters (the path
// item's, overridden by the operation's) and the form fields of op.
func (b *apiBuilder) parameters(m *model.Operation, item *openapi3.PathItem, op *openapi3.Operation, at place) {
	type written struct {
		ref  *openapi3.ParameterRef
		node load.Node
	}
	params := map[string]written{}
	var order []string
	for i, list := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		owner := []load.Node{at.item, at.op}[i]
		for j, pr := range list {
			if pr == nil || pr.Value == nil {
				continue
			}
			key := pr.Value.In + ":" + pr.Value.Name
			if _, ok := params[key]; !ok {
				order = append(order, key)
			}
			params[key] = written{pr, owner.At("parameters").Index(j).Resolve()}
		}
	}
	var query, header []*model.Param
	byPath := map[string]*model.Param{}
	for _, key := range order {
		mp := b.param(m, params[key].ref, params[key].node)
		if mp == nil {
			continue
		}
		switch mp.In {
		case model.InPath:
			byPath[mp.WireName] = mp
		case model.InQuery:
			query = append(query, mp)
		case model.InHeader:
			header = append(header, mp)
		}
	}
	b.pathParts(m, byPath)
	fields := append(query, header...)
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		fields = append(fields, b.formBody(m, op.RequestBody, at.op.At("requestBody").Resolve())...)
	}
	if len(fields) > 0 {
		m.Params = &model.Params{
			Name:     m.Name + "Params",
			Fields:   fields,
			Validate: "Validate",
			Encode:   "encode",
			Decode:   "decode",
		}
	}
}

// result sets the operation's result type, and its paging for a list.
// node is where the schema is written.
func (b *apiBuilder) result(m *model.Operation, sr *openapi3.SchemaRef, node load.Node) {
	if m.Kind == model.List {
		if m.MultiStatus() {
			b.problems.Add(m.Pos, "operation %s: a list with several success statuses is not supported", m.ID)
			return
		}
		b.listResult(m, sr, node)
		return
	}
	ref := b.typeRef(sr, m.Name+"Result", node, nil)
	m.Result = &ref
}

// pathParts cuts the operation's path template into text and parameters.
func (b *apiBuilder) pathParts(m *model.Operation, byName map[string]*model.Param) {
	rest := m.Path
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest, '}')
		if i < 0 || j < i {
			m.PathParts = append(m.PathParts, model.PathPart{Text: rest})
			return
		}
		if i > 0 {
			m.PathParts = append(m.PathParts, model.PathPart{Text: rest[:i]})
		}
		p, ok := byName[rest[i+1:j]]
		if !ok {
			b.problems.Add(m.Pos, "operation %s: path parameter %s is not declared", m.ID, rest[i+1:j])
			return
		}
		m.PathParams = append(m.PathParams, p)
		m.PathParts = append(m.PathParts, model.PathPart{Param: p})
		rest = rest[j+1:]
	}
}

// jsonContent returns the application/json schema of a response (written in
// node, at pos) and where it is written, refusing other media types.
func (b *apiBuilder) jsonContent(opID string, content openapi3.Content, node load.Node, pos model.Pos) (*openapi3.SchemaRef, load.Node) {
	var out *openapi3.SchemaRef
	var outNode load.Node
	for _, ct := range slices.Sorted(maps.Keys(content)) {
		mt := content[ct]
		if mt == nil {
			b.problems.Add(pos, "operation %s: media type %s has no schema", opID, ct)
			continue
		}
		mnode := node.At("content", ct)
		mpos := orPos(mnode.Pos(), pos)
		if ct != "application/json" {
			b.problems.Add(mpos, "operation %s: response content type %s is not supported (application/json is)", opID, ct)
			continue
		}
		if mt.Schema == nil || mt.Schema.Value == nil {
			b.problems.Add(mpos, "operation %s: media type %s has no schema", opID, ct)
			continue
		}
		out, outNode = mt.Schema, mnode.At("schema")
	}
	return out, outNode
}

// param normalizes a path, query or header parameter, written (defined) in
// node.
func (b *apiBuilder) param(op *model.Operation, pr *openapi3.ParameterRef, node load.Node) *model.Param {
	p := pr.Value
	pos := orPos(node.Pos(), op.Pos)
	mp := &model.Param{
		WireName: p.Name,
		In:       model.ParamIn(p.In),
		Doc:      doc1(p.Description),
		Required: p.Required,
		Pos:      pos,
	}
	switch p.In {
	case openapi3.ParameterInPath:
		mp.Required = true
		mp.VarName = names.Unexported(p.Name)
	case openapi3.ParameterInQuery, openapi3.ParameterInHeader:
		mp.Optional = !p.Required
		mp.Name = paramName(p.Name)
	default:
		b.problems.Add(pos, "parameter %s: %s parameters are not supported (path, query and header are)", p.Name, p.In)
		return nil
	}
	if p.Schema == nil || p.Schema.Value == nil {
		b.problems.Add(pos, "parameter %s: a schema is required (content-typed parameters are not supported)", p.Name)
		return nil
	}
	if alt, ok := extString(p.Extensions, extSIDOrIdentity); ok {
		if !isType(p.Schema.Value, openapi3.TypeString) {
			b.problems.Add(pos, "parameter %s: %s needs a string schema", p.Name, extSIDOrIdentity)
			return nil
		}
		mp.Type = model.TypeRef{Kind: model.SIDOrIdentity, SID: b.sidRef(alt, "identity", pos, p.Name)}
		return mp
	}
	enumName := names.Exported(refName(pr.Ref))
	if enumName == "X" || pr.Ref == "" {
		enumName = names.Exported(p.Name)
	}
	mp.Type = b.scalarRef(p.Schema, enumName, pos, "parameter "+p.Name, p.Name)
	elem := mp.Type
	if mp.Type.Kind == model.Array {
		elem = *mp.Type.Elem
		b.arrayParam(mp)
	}
	if t := elem.Enum(); t != nil && t.Doc == "" {
		t.Doc = mp.Doc // an enum made from a parameter is documented by it
	}
	return mp
}

// arrayParam settles a parameter of several values: it travels as a
// repeated key, in the query or the form only, and since no values and an
// empty list look the same on the wire, it is never an Opt.
func (b *apiBuilder) arrayParam(mp *model.Param) {
	mp.Optional = false
	if mp.In != model.InQuery && mp.In != model.InForm {
		b.problems.Add(mp.Pos, "parameter %s: a %s parameter of several values is not supported (query and form ones are)", mp.WireName, mp.In)
	}
}

// formBody turns an application/x-www-form-urlencoded body, defined in
// node, into parameters.
func (b *apiBuilder) formBody(op *model.Operation, rb *openapi3.RequestBodyRef, node load.Node) []*model.Param {
	pos := orPos(node.Pos(), op.Pos)
	var schemaNode load.Node
	var schema *openapi3.SchemaRef
	for _, ct := range slices.Sorted(maps.Keys(rb.Value.Content)) {
		mt := rb.Value.Content[ct]
		if mt == nil {
			b.problems.Add(pos, "operation %s: request media type %s has no schema", op.ID, ct)
			continue
		}
		if ct != "application/x-www-form-urlencoded" {
			b.problems.Add(orPos(node.At("content", ct).Pos(), pos), "operation %s: request content type %s is not supported (application/x-www-form-urlencoded is)", op.ID, ct)
			continue
		}
		schema, schemaNode = mt.Schema, node.At("content", ct, "schema")
	}
	if schema == nil || schema.Value == nil {
		return nil
	}
	s := schema.Value
	def := schemaNode.Resolve()
	spos := orPos(def.Pos(), pos)
	if baseType(s) != openapi3.TypeObject && !(s.Type == nil && len(s.Properties) > 0) {
		b.problems.Add(spos, "operation %s: the form body must be an object", op.ID)
		return nil
	}
	b.refuseCombinators(s, spos)
	if s.AdditionalProperties.Schema != nil {
		b.problems.Add(spos, "operation %s: additionalProperties in a form body is not supported", op.ID)
	}
	var out []*model.Param
	for _, name := range propertyOrder(s, def) {
		prop := s.Properties[name]
		pnode := def.At("properties", name)
		ppos := orPos(pnode.Pos(), spos)
		if prop == nil || prop.Value == nil {
			b.problems.Add(ppos, "operation %s: form field %s has no schema", op.ID, name)
			continue
		}
		required := slices.Contains(s.Required, name)
		mp := &model.Param{
			WireName: name,
			Name:     paramName(name),
			In:       model.InForm,
			Doc:      doc1(prop.Value.Description),
			Required: required,
			Optional: !required,
			Pos:      ppos,
		}
		mp.Type = b.scalarRef(prop, names.Exported(name), ppos, "form field "+name, name)
		if mp.Type.Kind == model.Array {
			b.arrayParam(mp)
		}
		out = append(out, mp)
	}
	return out
}

// paramName is the Go name of a query or header parameter or form field.
// Twilio writes the bounds of a range as StartTime< and StartTime>, beside
// StartTime: they are StartTimeBefore and StartTimeAfter.
func paramName(wire string) string {
	wire = strings.ReplaceAll(wire, "<", "_before_")
	wire = strings.ReplaceAll(wire, ">", "_after_")
	return names.Exported(wire)
}

// propertyOrder lists a schema's properties in the order of the document,
// where def defines the schema; those def does not show (it cannot be
// found) follow in name order.
func propertyOrder(s *openapi3.Schema, def load.Node) []string {
	written := def.At("properties").Keys()
	keys := slices.Sorted(maps.Keys(s.Properties))
	slices.SortStableFunc(keys, func(a, c string) int {
		i, j := slices.Index(written, a), slices.Index(written, c)
		switch {
		case i < 0 && j < 0:
			return 0
		case i < 0:
			return 1
		case j < 0:
			return -1
		}
		return i - j
	})
	return keys
}

// orPos is p, or else when p is unknown.
func orPos(p, orElse model.Pos) model.Pos {
	if p.File == "" {
		return orElse
	}
	return p
}
