package normalize

import (
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

// apiBuilder normalizes one document.
type apiBuilder struct {
	*normalizer
	api   *model.API
	types map[string]*model.Type // by Go name
	// bySchema maps a schema to the named type made from it, so that a
	// component used twice is one type.
	bySchema map[*openapi3.Schema]string
	// taken records every package-level name with where it came from.
	taken map[string]model.Pos
}

func (n *normalizer) api(d *load.Doc) *model.API {
	t := d.T
	pkg, ok := extString(t.Info.Extensions, extPackage)
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
	if t.Servers != nil && len(t.Servers) > 0 {
		api.BaseURL = strings.TrimSuffix(t.Servers[0].URL, "/")
	}
	b := &apiBuilder{
		normalizer: n,
		api:        api,
		types:      map[string]*model.Type{},
		bySchema:   map[*openapi3.Schema]string{},
		taken:      map[string]model.Pos{},
	}
	for _, r := range Reserved {
		b.taken[r] = model.Pos{}
	}
	if t.Paths != nil {
		for _, p := range t.Paths.InMatchingOrder() {
			item := t.Paths.Value(p)
			for _, method := range slices.Sorted(maps.Keys(item.Operations())) {
				if op := b.operation(p, method, item, item.Operations()[method]); op != nil {
					api.Operations = append(api.Operations, op)
				}
			}
		}
	}
	slices.SortFunc(api.Operations, func(a, b *model.Operation) int { return strings.Compare(a.Name, b.Name) })
	for _, name := range slices.Sorted(maps.Keys(b.types)) {
		api.Types = append(api.Types, b.types[name])
	}
	return api
}

// claim records a package-level Go name, reporting a collision.
func (b *apiBuilder) claim(name, what string, pos model.Pos) bool {
	if prev, ok := b.taken[name]; ok {
		if prev.File == "" {
			b.problems.Add(pos, "%s would be named %s, which the generated package declares itself", what, name)
		} else {
			b.problems.Add(pos, "%s would be named %s, like the declaration at %s", what, name, prev)
		}
		return false
	}
	b.taken[name] = pos
	return true
}

// operation normalizes one operation.
func (b *apiBuilder) operation(p, method string, item *openapi3.PathItem, op *openapi3.Operation) *model.Operation {
	pos := originPos(op.Origin)
	m := &model.Operation{
		ID:      op.OperationID,
		Name:    names.Exported(op.OperationID),
		Method:  method,
		Path:    p,
		Summary: doc1(op.Summary),
		Doc:     doc1(op.Description),
		Pos:     pos,
	}
	if !b.claim(m.Name, "operation "+op.OperationID, pos) {
		return nil
	}
	if len(op.Callbacks) > 0 {
		b.problems.Add(pos, "operation %s: callbacks are not supported", op.OperationID)
	}

	// Success and error responses.
	var resultSchema *openapi3.SchemaRef
	var resultPos model.Pos
	if op.Responses != nil {
		for _, code := range slices.Sorted(maps.Keys(op.Responses.Map())) {
			rr := op.Responses.Map()[code]
			if rr == nil || rr.Value == nil {
				continue
			}
			rpos := originPos(rr.Value.Origin)
			if rpos.File == "" {
				rpos = pos
			}
			status, err := strconv.Atoi(code)
			if err != nil {
				if code != "default" {
					b.problems.Add(rpos, "operation %s: response %q: status ranges are not supported", op.OperationID, code)
				}
				continue
			}
			desc := ""
			if rr.Value.Description != nil {
				desc = doc1(*rr.Value.Description)
			}
			if status >= 200 && status < 300 {
				if m.Success != 0 {
					b.problems.Add(rpos, "operation %s has two success responses (%d and %d); one is supported", op.OperationID, m.Success, status)
					continue
				}
				m.Success = status
				resultSchema, resultPos = b.jsonContent(op.OperationID, rr.Value.Content, rpos)
				continue
			}
			m.Errors = append(m.Errors, &model.ErrorResponse{Status: status, Doc: desc})
		}
	}
	if m.Success == 0 {
		b.problems.Add(pos, "operation %s has no 2xx response", op.OperationID)
	}
	slices.SortFunc(m.Errors, func(a, b *model.ErrorResponse) int { return a.Status - b.Status })

	// Kind.
	instance := strings.HasSuffix(p, "}")
	page := resultSchema != nil && b.isPage(resultSchema.Value)
	switch {
	case method == http.MethodGet && page:
		m.Kind = model.List
	case method == http.MethodGet:
		m.Kind = model.Fetch
	case method == http.MethodPost && instance:
		m.Kind = model.Update
	case method == http.MethodPost:
		m.Kind = model.Create
	case method == http.MethodDelete:
		m.Kind = model.Delete
	default:
		b.problems.Add(pos, "operation %s: method %s is not supported (GET, POST and DELETE are)", op.OperationID, method)
		return nil
	}

	// Parameters: the path item's, overridden by the operation's.
	params := map[string]*openapi3.ParameterRef{}
	var order []string
	for _, list := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, pr := range list {
			if pr == nil || pr.Value == nil {
				continue
			}
			key := pr.Value.In + ":" + pr.Value.Name
			if _, ok := params[key]; !ok {
				order = append(order, key)
			}
			params[key] = pr
		}
	}
	var query, header []*model.Param
	byPath := map[string]*model.Param{}
	for _, key := range order {
		pr := params[key]
		mp := b.param(m, pr)
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
	for _, seg := range pathParams(p) {
		if mp, ok := byPath[seg]; ok {
			m.PathParams = append(m.PathParams, mp)
		}
	}
	m.Params = append(append(m.Params, query...), header...)

	// Form body.
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		m.Params = append(m.Params, b.formBody(m, op.RequestBody)...)
	}
	b.checkParamNames(m)
	if len(m.Params) > 0 {
		m.ParamsType = m.Name + "Params"
		b.claim(m.ParamsType, "the parameters of "+op.OperationID, pos)
	}

	// Result.
	if resultSchema != nil {
		if m.Kind == model.List {
			m.Result, m.List = b.pageType(m, resultSchema, resultPos)
		} else {
			ref := b.typeRef(resultSchema, m.Name+"Result", resultPos)
			if ref.Kind != model.Named {
				b.problems.Add(resultPos, "operation %s: the response must be an object", op.OperationID)
			} else {
				m.Result = ref.Name
			}
		}
	}
	return m
}

// pathParams lists the {names} of a path template in order.
func pathParams(p string) []string {
	var out []string
	for {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(p[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, p[i+1:i+j])
		p = p[i+j+1:]
	}
}

// jsonContent returns the application/json schema of a response, refusing
// other media types.
func (b *apiBuilder) jsonContent(opID string, content openapi3.Content, pos model.Pos) (*openapi3.SchemaRef, model.Pos) {
	var out *openapi3.SchemaRef
	var outPos model.Pos
	for _, ct := range slices.Sorted(maps.Keys(content)) {
		mt := content[ct]
		if mt == nil {
			b.problems.Add(pos, "operation %s: media type %s has no schema", opID, ct)
			continue
		}
		mpos := originPos(mt.Origin)
		if mpos.File == "" {
			mpos = pos
		}
		if ct != "application/json" {
			b.problems.Add(mpos, "operation %s: response content type %s is not supported (application/json is)", opID, ct)
			continue
		}
		if mt.Schema == nil || mt.Schema.Value == nil {
			b.problems.Add(mpos, "operation %s: media type %s has no schema", opID, ct)
			continue
		}
		out, outPos = mt.Schema, mpos
	}
	return out, outPos
}

// param normalizes a path, query or header parameter.
func (b *apiBuilder) param(op *model.Operation, pr *openapi3.ParameterRef) *model.Param {
	p := pr.Value
	pos := originPos(p.Origin)
	if pos.File == "" {
		pos = originPos(pr.Origin)
	}
	if pos.File == "" {
		pos = op.Pos
	}
	mp := &model.Param{
		WireName: p.Name,
		Name:     names.Exported(p.Name),
		VarName:  names.Unexported(p.Name),
		In:       model.ParamIn(p.In),
		Doc:      doc1(p.Description),
		Required: p.Required,
		Pos:      pos,
	}
	switch p.In {
	case openapi3.ParameterInPath:
		mp.Required = true
	case openapi3.ParameterInQuery, openapi3.ParameterInHeader:
		mp.Optional = !p.Required
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
		if b.sidRef(alt, "identity", pos) {
			mp.Type = model.TypeRef{Kind: model.SIDOrIdentity, SID: alt}
		}
		return mp
	}
	enumName := names.Exported(refName(pr.Ref))
	if enumName == "X" || pr.Ref == "" {
		enumName = names.Exported(p.Name)
	}
	mp.Type = b.scalarRef(p.Schema, enumName, pos, "parameter "+p.Name)
	if t := b.types[mp.Type.Name]; mp.Type.Kind == model.Named && t != nil && t.Kind == model.EnumType && t.Doc == "" {
		t.Doc = mp.Doc // an enum made from a parameter is documented by it
	}
	return mp
}

// formBody turns an application/x-www-form-urlencoded body into parameters.
func (b *apiBuilder) formBody(op *model.Operation, rb *openapi3.RequestBodyRef) []*model.Param {
	pos := originPos(rb.Value.Origin)
	if pos.File == "" {
		pos = op.Pos
	}
	var schema *openapi3.SchemaRef
	for _, ct := range slices.Sorted(maps.Keys(rb.Value.Content)) {
		mt := rb.Value.Content[ct]
		if mt == nil {
			b.problems.Add(pos, "operation %s: request media type %s has no schema", op.ID, ct)
			continue
		}
		if ct != "application/x-www-form-urlencoded" {
			mpos := originPos(mt.Origin)
			if mpos.File == "" {
				mpos = pos
			}
			b.problems.Add(mpos, "operation %s: request content type %s is not supported (application/x-www-form-urlencoded is)", op.ID, ct)
			continue
		}
		schema = mt.Schema
	}
	if schema == nil || schema.Value == nil {
		return nil
	}
	s := schema.Value
	spos := schemaPos(schema)
	if baseType(s) != openapi3.TypeObject && !(s.Type == nil && len(s.Properties) > 0) {
		b.problems.Add(spos, "operation %s: the form body must be an object", op.ID)
		return nil
	}
	b.refuseCombinators(s, spos)
	if s.AdditionalProperties.Schema != nil {
		b.problems.Add(spos, "operation %s: additionalProperties in a form body is not supported", op.ID)
	}
	var out []*model.Param
	for _, name := range propertyOrder(s) {
		prop := s.Properties[name]
		ppos := schemaPos(prop)
		if ppos.File == "" {
			ppos = spos
		}
		if prop == nil || prop.Value == nil {
			b.problems.Add(ppos, "operation %s: form field %s has no schema", op.ID, name)
			continue
		}
		required := slices.Contains(s.Required, name)
		mp := &model.Param{
			WireName: name,
			Name:     names.Exported(name),
			VarName:  names.Unexported(name),
			In:       model.InForm,
			Doc:      doc1(prop.Value.Description),
			Required: required,
			Optional: !required,
			Pos:      ppos,
		}
		if required {
			op.BodyRequired = true
		}
		mp.Type = b.scalarRef(prop, names.Exported(name), ppos, "form field "+name)
		out = append(out, mp)
	}
	return out
}

// checkParamNames reports two parameters of one operation with one Go name.
func (b *apiBuilder) checkParamNames(op *model.Operation) {
	seen := map[string]*model.Param{}
	for _, p := range append(slices.Clone(op.PathParams), op.Params...) {
		if prev, ok := seen[p.Name]; ok {
			b.problems.Add(p.Pos, "operation %s: %s parameter %s would be named %s, like %s parameter %s at %s", op.ID, p.In, p.WireName, p.Name, prev.In, prev.WireName, prev.Pos)
			continue
		}
		seen[p.Name] = p
	}
}

// propertyOrder lists a schema's properties in document order (by their
// recorded positions), falling back to name order.
func propertyOrder(s *openapi3.Schema) []string {
	keys := slices.Sorted(maps.Keys(s.Properties))
	slices.SortStableFunc(keys, func(a, c string) int {
		return comparePos(schemaPos(s.Properties[a]), schemaPos(s.Properties[c]))
	})
	return keys
}
