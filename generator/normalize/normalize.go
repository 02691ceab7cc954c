// Package normalize turns loaded OpenAPI documents into the generator's
// model: SID patterns become SID kinds shared by every API, nullability and
// presence become explicit, list pages are recognized by their shape and
// share one page meta, and every name becomes a Go name through package
// names. Constructs the emitter cannot represent are refused with their
// position, never dropped.
package normalize

import (
	"maps"
	"path"
	"regexp"
	"slices"
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
	// SIDNames names the SID kinds of prefixes that no component schema
	// names, such as {"CH": "ChannelSID"}. The others are named after the
	// properties and parameters that carry them.
	SIDNames map[string]string
	// Packages names the Go package of a document, by its path as loaded
	// (load.Doc.File), before its x-go-package and its file name.
	Packages map[string]string
}

// Vendor extensions the documents use. A new one goes here and in
// Extensions.
const (
	extPackage       = "x-go-package"         // on info: the Go package name
	extJSONString    = "x-json-string"        // on a string schema: carries a JSON document
	extSIDOrIdentity = "x-sid-or-identity"    // on a parameter: the SID prefix it also accepts
	extIdentityOf    = "x-identity-of"        // on a string schema: the identity of a resource of that SID prefix
	extErrorCodes    = "x-twilio-error-codes" // on a schema: the Twilio error code of each check, by keyword
	formatURIMap     = "uri-map"              // an object of absolute URLs
)

// Extensions lists every vendor extension normalization reads: the loader
// warns about an unknown extension that is a near miss of one of these
// (x-json-strng), which would otherwise be ignored without a word.
// TestExtensionsListed fails when the code names an extension this table
// lacks.
var Extensions = []string{
	extPackage,
	extJSONString,
	extSIDOrIdentity,
	extIdentityOf,
	extErrorCodes,
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
	shared := &model.Shared{
		Package:            opts.SharedPackage,
		ImportPath:         joinImport(opts.ImportPrefix, opts.SharedPackage),
		InternalPackage:    internalPackage,
		InternalImportPath: joinImport(opts.ImportPrefix, "internal/"+internalPackage),
	}
	n := &normalizer{opts: opts, shared: shared, sids: map[string]*sidKind{}}
	ordered := slices.Clone(docs)
	slices.SortFunc(ordered, func(a, b *load.Doc) int { return strings.Compare(a.File, b.File) })
	for _, d := range ordered {
		n.collectSIDKinds(d)
	}
	set := &model.Set{Shared: shared}
	pkgs := map[string]model.Pos{}
	for _, d := range ordered {
		api := n.api(d)
		switch prev, ok := pkgs[api.Package]; {
		case ok:
			n.problems.Add(api.Pos, "package name %q is also used by the document at %s", api.Package, prev)
		case api.Package == shared.Package:
			n.problems.Add(api.Pos, "package name %q is the shared package's name", api.Package)
		case api.Package == "internal":
			n.problems.Add(api.Pos, "package name %q is the folder of the shared runtime's internal package", api.Package)
		}
		pkgs[api.Package] = api.Pos
		set.APIs = append(set.APIs, api)
	}
	slices.SortFunc(set.APIs, func(a, b *model.API) int { return strings.Compare(a.Package, b.Package) })
	n.nameSIDKinds()
	shared.SIDs = n.usedSIDs()
	n.nameShared(shared)
	for _, b := range n.named {
		b.nameReexports()
	}
	if err := n.problems.Err(); err != nil {
		return nil, err
	}
	return set, nil
}

// internalPackage is the name of the shared runtime's internal package,
// which lives in the folder internal/ beside the API packages.
const internalPackage = "apigen"

func joinImport(prefix, pkg string) string {
	if prefix == "" {
		return pkg
	}
	return path.Join(prefix, pkg)
}

type normalizer struct {
	opts     Options
	shared   *model.Shared
	sids     map[string]*sidKind // by prefix
	problems diag.List
	// named are the API builders whose naming pass has run, for the
	// re-exports, which need the shared package's names.
	named []*apiBuilder
}

// sidKind is a SID kind found in the documents; only the kinds some
// document uses reach the model.
type sidKind struct {
	kind *model.SIDKind
	used bool
	// named: a component schema names the kind. Otherwise carriers counts
	// the names of the properties and parameters that carry it, which name
	// it in the end (see nameSIDKinds).
	named    bool
	carriers map[string]int
}

func (n *normalizer) usedSIDs() []*model.SIDKind {
	var out []*model.SIDKind
	for _, k := range n.sids {
		if k.used {
			out = append(out, k.kind)
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
		schemas := doc.Root().At("components", "schemas")
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
			pos := schemas.At(name).Pos()
			if prev, ok := n.sids[prefix]; ok {
				if prev.kind.Ident.Name != goName {
					n.problems.Add(pos, "SID prefix %s is named %s here and %s at %s; one prefix has one name", prefix, goName, prev.kind.Ident.Name, prev.kind.Pos)
				}
				continue
			}
			n.sids[prefix] = &sidKind{named: true, kind: &model.SIDKind{
				Prefix: prefix,
				Ident:  model.GoIdent{ImportPath: n.shared.ImportPath, Name: goName},
				Doc:    doc1(sr.Value.Description),
				Pos:    pos,
			}}
		}
	}
}

// nameSIDKinds names each SID kind that no component schema names: from
// Options.SIDNames, or else after the properties and parameters that carry
// it. A carrier such as account_sid or AccountSid says AccountSID; the name
// most carriers say wins, the first in name order on a tie. A kind carried
// only by plain "sid" properties is called after its prefix, "CHSID".
func (n *normalizer) nameSIDKinds() {
	for _, prefix := range slices.Sorted(maps.Keys(n.sids)) {
		k := n.sids[prefix]
		if k.named {
			continue
		}
		name, ok := n.opts.SIDNames[prefix]
		if !ok {
			votes := map[string]int{}
			for carrier, count := range k.carriers {
				if goName := names.Exported(carrier); goName != "SID" && strings.HasSuffix(goName, "SID") {
					votes[goName] += count
				}
			}
			name = prefix + "SID"
			best := 0
			for _, candidate := range slices.Sorted(maps.Keys(votes)) {
				if votes[candidate] > best {
					name, best = candidate, votes[candidate]
				}
			}
		}
		k.kind.Ident.Name = name
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

// sid returns the SID kind of prefix, written at pos in a property or
// parameter named carrier ("" when it has no name, as an array's items).
// A prefix no component schema names is named after its carriers.
func (n *normalizer) sid(prefix string, pos model.Pos, carrier string) *model.SIDKind {
	k, ok := n.sids[prefix]
	if !ok {
		k = &sidKind{carriers: map[string]int{}, kind: &model.SIDKind{
			Prefix: prefix,
			Ident:  model.GoIdent{ImportPath: n.shared.ImportPath},
			Pos:    pos,
		}}
		n.sids[prefix] = k
	}
	if !k.named && carrier != "" {
		k.carriers[carrier]++
	}
	k.used = true
	return k.kind
}

// sidRef returns the SID kind of prefix, which a parameter named carrier
// also takes as "SID or alt".
func (n *normalizer) sidRef(prefix, alt string, pos model.Pos, carrier string) *model.SIDKind {
	k := n.sid(prefix, pos, carrier)
	if k.Ref == nil {
		k.Ref = &model.SIDRef{Ident: model.GoIdent{ImportPath: n.shared.ImportPath}, Alt: alt}
	}
	return k
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

// typedDefault is a schema's default as a typed value: string, int64 (for
// integers), float64 or bool; nil when there is none or it has another type.
func typedDefault(v any, kind model.Kind) any {
	switch v := v.(type) {
	case string, bool:
		return v
	case float64:
		if kind == model.Int || kind == model.Int64 {
			return int64(v)
		}
		return v
	}
	return nil
}
