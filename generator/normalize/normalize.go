// Package normalize turns loaded OpenAPI documents into the generator's
// model: SID patterns become SID kinds shared by every API, nullability and
// presence become explicit, list pages are recognized by their shape and
// share one page meta, and every name becomes a Go name through package
// names. Constructs the emitter cannot represent are refused with their
// position, never dropped.
package normalize

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen-dev/apigen/generator/diag"
	"github.com/apigen-dev/apigen/generator/load"
	"github.com/apigen-dev/apigen/generator/model"
	"github.com/apigen-dev/apigen/generator/names"
)

// Options name the generated packages.
type Options struct {
	// ImportPrefix is the import path of the output folder; each package's
	// import path is ImportPrefix + "/" + its name.
	ImportPrefix string
	// SharedPackage is the name of the package shared by every API
	// (default "twilio").
	SharedPackage string
}

// Vendor extensions the documents use.
const (
	extPackage       = "x-go-package"      // on info: the Go package name
	extJSONString    = "x-json-string"     // on a string schema: carries a JSON document
	extSIDOrIdentity = "x-sid-or-identity" // on a parameter: the SID prefix it also accepts
	formatURIMap     = "uri-map"           // an object of absolute URLs
)

// Reserved are the identifiers the emitter declares in every API package;
// a type or operation of the spec that would take one of these names is an
// error rather than a silent rename.
var Reserved = []string{
	"Client", "NewClient", "Option", "Server", "NewHandler", "UnimplementedServer",
	"Error", "Opt", "Null", "Some", "DefaultBaseURL",
}

// sidPattern matches the pattern of a SID: two capital letters and 32
// hexadecimal digits.
var sidPattern = regexp.MustCompile(`^\^([A-Z]{2})\[0-9a-fA-F\]\{32\}\$$`)

// Normalize builds the model of docs. The result does not depend on the
// order of docs. On failure the error is a diag.List of every problem.
func Normalize(docs []*load.Doc, opts Options) (*model.Set, error) {
	if opts.SharedPackage == "" {
		opts.SharedPackage = "twilio"
	}
	n := &normalizer{opts: opts, sids: map[string]*sidKind{}}
	ordered := slices.Clone(docs)
	slices.SortFunc(ordered, func(a, b *load.Doc) int { return strings.Compare(a.File, b.File) })
	for _, d := range ordered {
		n.collectSIDKinds(d)
	}
	set := &model.Set{Shared: &model.Shared{
		Package:            opts.SharedPackage,
		ImportPath:         joinImport(opts.ImportPrefix, opts.SharedPackage),
		InternalPackage:    "apigen",
		InternalImportPath: joinImport(opts.ImportPrefix, "internal/apigen"),
	}}
	pkgs := map[string]model.Pos{}
	for _, d := range ordered {
		api := n.api(d)
		if prev, ok := pkgs[api.Package]; ok {
			n.problems.Add(api.Pos, "package name %q is also used by the document at %s", api.Package, prev)
		} else if api.Package == opts.SharedPackage {
			n.problems.Add(api.Pos, "package name %q is the shared package's name", api.Package)
		}
		pkgs[api.Package] = api.Pos
		set.APIs = append(set.APIs, api)
	}
	slices.SortFunc(set.APIs, func(a, b *model.API) int { return strings.Compare(a.Package, b.Package) })
	set.Shared.SIDs = n.usedSIDs()
	if err := n.problems.Err(); err != nil {
		return nil, err
	}
	return set, nil
}

func joinImport(prefix, pkg string) string {
	if prefix == "" {
		return pkg
	}
	return path.Join(prefix, pkg)
}

type normalizer struct {
	opts     Options
	sids     map[string]*sidKind // by prefix
	problems diag.List
}

type sidKind struct {
	model.SIDKind
	used bool
}

func (n *normalizer) usedSIDs() []*model.SIDKind {
	var out []*model.SIDKind
	for _, k := range n.sids {
		if k.used {
			kind := k.SIDKind
			out = append(out, &kind)
		}
	}
	slices.SortFunc(out, func(a, b *model.SIDKind) int { return strings.Compare(a.Prefix, b.Prefix) })
	return out
}

// collectSIDKinds names a SID kind after every component schema whose
// pattern is a SID pattern, in the document and the documents it references.
func (n *normalizer) collectSIDKinds(d *load.Doc) {
	for _, doc := range append([]*load.Doc{d}, d.Refs...) {
		if doc.T.Components == nil {
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(doc.T.Components.Schemas)) {
			sr := doc.T.Components.Schemas[name]
			if sr == nil || sr.Value == nil {
				continue
			}
			prefix, ok := sidPrefix(sr.Value)
			if !ok {
				continue
			}
			goName := names.Exported(name)
			if !strings.HasSuffix(goName, "SID") {
				goName += "SID"
			}
			pos := schemaPos(sr)
			if prev, ok := n.sids[prefix]; ok {
				if prev.Name != goName {
					n.problems.Add(pos, "SID prefix %s is named %s here and %s at %s; one prefix has one name", prefix, goName, prev.Name, prev.Pos)
				}
				continue
			}
			n.sids[prefix] = &sidKind{SIDKind: model.SIDKind{
				Prefix: prefix, Name: goName, Doc: doc1(sr.Value.Description), Pos: pos,
			}}
		}
	}
}

func sidPrefix(s *openapi3.Schema) (string, bool) {
	if s.Pattern == "" || !isType(s, openapi3.TypeString) {
		return "", false
	}
	m := sidPattern.FindStringSubmatch(s.Pattern)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// sid returns the SID kind of prefix, reporting an unnamed prefix at pos.
func (n *normalizer) sid(prefix string, pos model.Pos) bool {
	k, ok := n.sids[prefix]
	if !ok {
		n.problems.Add(pos, "unknown SID prefix %s: no component schema with the pattern ^%s[0-9a-fA-F]{32}$ names it (add one, e.g. %sSid, to the shared components)", prefix, prefix, prefix)
		return false
	}
	k.used = true
	return true
}

// ref marks that prefix is also taken as "SID or alt" by a parameter.
func (n *normalizer) sidRef(prefix, alt string, pos model.Pos) bool {
	if !n.sid(prefix, pos) {
		return false
	}
	k := n.sids[prefix]
	k.RefName = strings.TrimSuffix(k.Name, "SID") + "Ref"
	if k.RefName == "Ref" {
		k.RefName = prefix + "Ref"
	}
	k.RefAlt = alt
	return true
}

func isType(s *openapi3.Schema, t string) bool {
	return s.Type != nil && s.Type.Includes(t)
}

func isNullable(s *openapi3.Schema) bool {
	return s.Nullable || (s.Type != nil && s.Type.Includes(openapi3.TypeNull))
}

// baseType is the schema's one non-null type, or "" when it has none or
// several.
func baseType(s *openapi3.Schema) string {
	if s.Type == nil {
		return ""
	}
	var out string
	for _, t := range *s.Type {
		if t == openapi3.TypeNull {
			continue
		}
		if out != "" {
			return "" // a union of types
		}
		out = t
	}
	return out
}

func originPos(o *openapi3.Origin) model.Pos {
	if o == nil || o.Key == nil {
		return model.Pos{}
	}
	return model.Pos{File: o.Key.File, Line: o.Key.Line, Col: o.Key.Column}
}

func schemaPos(sr *openapi3.SchemaRef) model.Pos {
	if sr == nil {
		return model.Pos{}
	}
	if p := originPos(sr.Origin); p.File != "" {
		return p
	}
	if sr.Value != nil {
		return originPos(sr.Value.Origin)
	}
	return model.Pos{}
}

// doc1 cleans a description for use as documentation: trimmed, with runs of
// blank space inside lines kept as written.
func doc1(s string) string { return strings.TrimSpace(s) }

func extString(ext map[string]any, key string) (string, bool) {
	v, ok := ext[key]
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	return s, ok
}

func extBool(ext map[string]any, key string) bool {
	v, _ := ext[key].(bool)
	return v
}

// refName is the last segment of a $ref, the component's name.
func refName(ref string) string {
	if i := strings.LastIndexByte(ref, '/'); i >= 0 {
		return ref[i+1:]
	}
	return ""
}

func int64p(v int64) *int64 { return &v }

func intFromFloat(f *float64) *int64 {
	if f == nil {
		return nil
	}
	return int64p(int64(*f))
}

func formatDefault(v any) *string {
	if v == nil {
		return nil
	}
	var s string
	switch v := v.(type) {
	case string:
		s = strconv.Quote(v)
	case float64:
		s = strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		s = strconv.FormatBool(v)
	default:
		s = fmt.Sprint(v)
	}
	return &s
}

func comparePos(a, b model.Pos) int {
	return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
}
