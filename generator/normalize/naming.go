package normalize

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/apigen-dev/apigen/generator/model"
	"github.com/apigen-dev/apigen/generator/names"
	"github.com/apigen-dev/apigen/templates"
)

// The naming pass allocates every identifier that generated code declares
// or references, in the scopes Go has:
//
//   - package scope: the imports, the document's types and enum constants,
//     then the generator's own declarations (Client, NewHandler, the
//     parameter structs, the path checks, the pattern variables, ...);
//   - type scope: the fields and methods of each struct, together;
//   - function scope: the parameters and locals of an operation's
//     functions, below the package scope, so that none shadows a
//     package-level or imported name.
//
// Names from the document come first. Two of them that would be the same
// Go name in one scope are an error naming both positions. A name the
// generator invents that the document (or an earlier invented name) has
// taken is renamed, deterministically, by a numeric suffix. The one
// exception is the local name of a path parameter: locals are not API, so a
// path parameter whose name an import or a package-level declaration holds
// is the one renamed.

// scope is a Go scope: the names declared in it, and the scope it is nested
// in, whose names a declaration here must not shadow.
type scope struct {
	parent *scope
	names  map[string]owner
}

// owner is what declared a name.
type owner struct {
	what string    // "schema User", "the import of net/url"
	pos  model.Pos // zero for the generator's own declarations
}

func newScope(parent *scope) *scope {
	return &scope{parent: parent, names: map[string]owner{}}
}

// lookup finds name in s or an enclosing scope.
func (s *scope) lookup(name string) (owner, bool) {
	for ; s != nil; s = s.parent {
		if o, ok := s.names[name]; ok {
			return o, true
		}
	}
	return owner{}, false
}

// reserve declares a name that cannot be renamed: an import, a declaration
// of the static runtime.
func (s *scope) reserve(name, what string) { s.names[name] = owner{what: what} }

// ours declares a name the generator invents: want, or else the first free
// of want2, want3, ... (want_2, ... when want ends in a digit).
func (s *scope) ours(want, what string) string {
	name := want
	sep := ""
	if r := want[len(want)-1]; unicode.IsDigit(rune(r)) {
		sep = "_"
	}
	for i := 2; ; i++ {
		if _, taken := s.lookup(name); !taken {
			s.names[name] = owner{what: what}
			return name
		}
		name = want + sep + strconv.Itoa(i)
	}
}

// declare declares a name from the document at pos, reporting a name that
// is taken already in s or an enclosing scope.
func (n *normalizer) declare(s *scope, name, what string, pos model.Pos) bool {
	if prev, taken := s.lookup(name); taken {
		if prev.pos.File == "" {
			n.problems.Add(pos, "%s would be named %s, which %s declares", what, name, prev.what)
		} else {
			n.problems.Add(pos, "%s would be named %s, like %s at %s", what, name, prev.what, prev.pos)
		}
		return false
	}
	s.names[name] = owner{what: what, pos: pos}
	return true
}

// local declares the local name of a path parameter at pos: two in one
// scope are an error, and one that an enclosing scope holds is renamed.
func (n *normalizer) local(s *scope, name, what string, pos model.Pos) string {
	if prev, taken := s.names[name]; taken && prev.pos.File != "" {
		n.problems.Add(pos, "%s would be named %s, like %s at %s", what, name, prev.what, prev.pos)
		return name
	}
	name = s.ours(name, what)
	s.names[name] = owner{what: what, pos: pos}
	return name
}

// apiImports are the packages generated code of an API may import, with
// the names it refers to them by. The emitter registers exactly these.
func apiImports(shared *model.Shared) []model.Import {
	imports := []model.Import{
		{Path: shared.ImportPath, Name: shared.Package},
		{Path: shared.InternalImportPath, Name: shared.InternalPackage},
	}
	for _, p := range []string{"context", "encoding/json", "errors", "iter", "log/slog", "net/http", "net/url", "regexp", "strconv", "unicode/utf8"} {
		imports = append(imports, model.Import{Path: p, Name: p[strings.LastIndexByte(p, '/')+1:]})
	}
	return imports
}

// name is the naming pass of one API package.
func (b *apiBuilder) name() {
	api := b.api
	pkg := newScope(nil)
	api.Imports = apiImports(b.shared)
	for _, imp := range api.Imports {
		pkg.reserve(imp.Name, "the import of "+imp.Path)
	}
	types := slices.Clone(b.types)
	slices.SortStableFunc(types, func(a, c *model.Type) int {
		return cmp.Or(strings.Compare(a.Ident.Name, c.Ident.Name), a.Pos.Compare(c.Pos))
	})
	ops := slices.Clone(api.Operations)
	slices.SortStableFunc(ops, func(a, c *model.Operation) int {
		return cmp.Or(strings.Compare(a.Name, c.Name), a.Pos.Compare(c.Pos))
	})

	// The document's names.
	for _, t := range types {
		b.declare(pkg, t.Ident.Name, typeWhat(t), t.Pos)
	}
	for _, t := range types {
		for _, v := range t.Values {
			v.Name = t.Ident.Name + enumWord(v.Value)
			b.declare(pkg, v.Name, fmt.Sprintf("enum value %q of %s", v.Value, t.Ident.Name), t.Pos)
		}
	}

	// The generator's package-level names.
	b.nameDecls(pkg)
	for _, op := range ops {
		if op.Params != nil {
			op.Params.Name = pkg.ours(op.Params.Name, "the parameters of "+op.ID)
		}
		op.PathCheck = pkg.ours("validate"+op.Name+"Path", "the path check of "+op.ID)
	}
	for i, p := range api.Patterns {
		p.Var = pkg.ours(p.Var+strconv.Itoa(i), "a pattern")
	}

	// Type scopes.
	for _, t := range types {
		fields := newScope(nil)
		if t.Kind == model.StructType {
			fields.reserve("UnmarshalJSON", "the JSON decoding method of "+t.Ident.Name)
			fields.reserve("MarshalJSON", "the JSON encoding method of "+t.Ident.Name)
		}
		for _, f := range t.Fields {
			b.declare(fields, f.Name, fmt.Sprintf("property %s of %s", f.WireName, t.Ident.Name), f.Pos)
		}
		if t.Kind == model.StructType {
			t.JSON = &model.JSONMethods{
				Decode: fields.ours("decodeJSON", "the JSON decoder"),
				Append: fields.ours("appendJSON", "the JSON encoder"),
				Keys:   pkg.ours(names.Unexported(t.Ident.Name)+"JSONKeys", "the JSON names of the fields of "+t.Ident.Name),
			}
		}
	}
	b.nameMethods(ops)

	// Function scopes.
	for _, op := range ops {
		b.nameLocals(pkg, op)
	}
}

// nameDecls allocates the declarations every API package makes.
func (b *apiBuilder) nameDecls(pkg *scope) {
	d := &b.api.Decls
	for _, decl := range []struct {
		name *string
		want string
	}{
		{&d.DefaultBaseURL, "DefaultBaseURL"},
		{&d.Option, "Option"},
		{&d.Client, "Client"},
		{&d.NewClient, "NewClient"},
		{&d.Server, "Server"},
		{&d.UnimplementedServer, "UnimplementedServer"},
		{&d.NewHandler, "NewHandler"},
		{&d.Handler, "handler"},
		{&d.Error, "Error"},
		{&d.ParamError, "ParamError"},
		{&d.Opt, "Opt"},
		{&d.Some, "Some"},
		{&d.Null, "Null"},
	} {
		*decl.name = pkg.ours(decl.want, "the generated "+decl.want)
	}
	b.api.Options = nil
	for _, o := range templates.ClientOptions() {
		b.api.Options = append(b.api.Options, &model.Option{Name: pkg.ours(o.Name, "the generated "+o.Name), Source: &o})
	}
	b.pkg = pkg
}

// nameReexports allocates the re-exports of the shared package, after the
// rest of the package scope (they are the generator's names and give way)
// and after the shared package's naming pass, which names the SID
// declarations. The locals, allocated before, cannot shadow them: locals
// are unexported, re-exports exported.
func (b *apiBuilder) nameReexports() {
	b.api.Reexports = nil
	for _, ex := range b.reexports() {
		b.api.Reexports = append(b.api.Reexports, &model.Reexport{Name: b.pkg.ours(ex.Name, "the re-exported "+ex.Name), Source: ex})
	}
}

// reexports lists what an API package re-exports of the shared package
// besides Decls and the client options, by the rule the README states
// (Names):
//
//   - every type of the shared package that the package's declarations
//     mention: its SID and reference types, Time, JSONString, JSONValue,
//     PageMeta, Opt, Null, Error, ParamError, HandlerOption (of
//     NewHandler), and the types the client options take (RetryPolicy); a
//     reference type brings its SID type;
//   - every function of the shared package whose first result is such a
//     type or a pointer to one: its parsers and constructors (ParseTime,
//     NullOf, JSONOf, NotFound, ParseUserSID, UserRefIdentity, ...);
//   - every constant and variable of the runtime (the error codes, the
//     error sentinels, the limits), and the prefix constant of each SID
//     type re-exported.
//
// The runtime's declarations come from its source (templates.Exports), the
// SID declarations from the model of the shared package, so that neither
// list is kept by hand. Types come first, then functions, then constants
// and variables, each in the order of the shared package's source (SID
// declarations after the runtime's, by prefix).
func (b *apiBuilder) reexports() []templates.Export {
	mentioned := map[string]bool{
		// The declarations of every API package (Decls, the Options,
		// NewHandler's options).
		"Opt": true, "Null": true, "Error": true, "ParamError": true, "ClientOption": true, "HandlerOption": true,
	}
	sids := map[*model.SIDKind]bool{}
	var visit func(t model.TypeRef)
	visit = func(t model.TypeRef) {
		switch t.Kind {
		case model.SIDOrIdentity:
			if t.SID != nil && t.SID.Ref != nil {
				mentioned[t.SID.Ref.Ident.Name] = true
			}
			fallthrough
		case model.SID:
			if t.SID != nil {
				sids[t.SID] = true
				mentioned[t.SID.Ident.Name] = true
			}
		case model.Time:
			mentioned["Time"] = true
		case model.JSONString:
			mentioned["JSONString"] = true
		case model.JSONValue:
			mentioned["JSONValue"] = true
		case model.Meta:
			mentioned["PageMeta"] = true
		case model.Array:
			if t.Elem != nil {
				visit(*t.Elem)
			}
		}
	}
	for _, t := range b.types {
		for _, f := range t.Fields {
			visit(f.Type)
		}
	}
	for _, op := range b.api.Operations {
		for _, p := range op.PathParams {
			visit(p.Type)
		}
		if op.Params != nil {
			for _, p := range op.Params.Fields {
				visit(p.Type)
			}
		}
		if op.Result != nil {
			visit(*op.Result)
		}
	}
	for _, o := range b.api.Options {
		for _, p := range o.Source.Params {
			if p.Type.Kind == templates.Declared {
				mentioned[p.Type.Name] = true
			}
		}
	}
	// Declared already, by Decls and the Options.
	done := map[string]bool{"Opt": true, "Some": true, "Null": true, "Error": true, "ParamError": true, "ClientOption": true}
	for _, o := range b.api.Options {
		done[o.Source.Name] = true
	}

	var types, funcs, vars []templates.Export
	for _, ex := range templates.Exports() {
		switch {
		case done[ex.Name]:
		case ex.Kind == templates.ExportType && mentioned[ex.Name],
			ex.Kind == templates.ExportFunc && mentioned[ex.Returns]:
			if ex.Kind == templates.ExportType {
				types = append(types, ex)
			} else {
				funcs = append(funcs, ex)
			}
		case ex.Kind == templates.ExportVar, ex.Kind == templates.ExportConst:
			vars = append(vars, ex)
		}
	}
	str := templates.Type{Kind: templates.Builtin, Name: "string"}
	declared := func(name string) templates.Type { return templates.Type{Kind: templates.Declared, Name: name} }
	for _, k := range b.shared.SIDs { // sorted by name
		if !sids[k] {
			continue
		}
		sid := k.Ident.Name
		types = append(types, templates.Export{Kind: templates.ExportType, Name: sid})
		vars = append(vars, templates.Export{Kind: templates.ExportConst, Name: k.PrefixConst, Group: -1,
			GroupDoc: "The prefixes of the SID types."})
		funcs = append(funcs, templates.Export{Kind: templates.ExportFunc, Name: k.Parse, Returns: sid,
			Params:  []templates.Param{{Name: "s", Type: str}},
			Results: []templates.Type{declared(sid), {Kind: templates.Builtin, Name: "error"}}})
		if k.Ref == nil || !mentioned[k.Ref.Ident.Name] {
			continue
		}
		ref := k.Ref.Ident.Name
		types = append(types, templates.Export{Kind: templates.ExportType, Name: ref})
		funcs = append(funcs,
			templates.Export{Kind: templates.ExportFunc, Name: k.Ref.Of, Returns: ref,
				Params: []templates.Param{{Name: "sid", Type: declared(sid)}}, Results: []templates.Type{declared(ref)}},
			templates.Export{Kind: templates.ExportFunc, Name: k.Ref.AltFunc, Returns: ref,
				Params: []templates.Param{{Name: k.Ref.AltParam, Type: str}}, Results: []templates.Type{declared(ref)}})
	}
	return slices.Concat(types, funcs, vars)
}

// nameMethods allocates the fields and methods of the types every API
// package declares: Client, the handler and the parameter structs.
func (b *apiBuilder) nameMethods(ops []*model.Operation) {
	d := &b.api.Decls
	client := newScope(nil)
	for _, op := range ops {
		b.declare(client, op.Name, "operation "+op.ID, op.Pos)
	}
	d.ClientCore = client.ours("core", "the Client's transport")
	for _, op := range ops {
		if op.List != nil {
			op.List.Iterator = client.ours(op.List.Iterator, "the iterator of "+op.ID)
		}
	}
	handler := newScope(nil)
	d.HandlerServer = handler.ours("s", "the handler's server")
	for _, op := range ops {
		op.Handler = handler.ours(names.Unexported(op.Name), "the handler of "+op.ID)
	}
	for _, op := range ops {
		p := op.Params
		if p == nil {
			continue
		}
		fields := newScope(nil)
		for _, f := range p.Fields {
			b.declare(fields, f.Name, fmt.Sprintf("%s parameter %s of %s", f.In, f.WireName, op.ID), f.Pos)
		}
		p.Validate = fields.ours(p.Validate, "the Validate method")
		p.Encode = fields.ours(p.Encode, "the encode method")
		p.Decode = fields.ours(p.Decode, "the decode method")
	}
}

// nameLocals allocates the parameters and locals of an operation's
// functions: first the path parameters, then the generator's own.
func (b *apiBuilder) nameLocals(pkg *scope, op *model.Operation) {
	fn := newScope(pkg)
	for _, p := range op.PathParams {
		p.VarName = b.local(fn, p.VarName, fmt.Sprintf("path parameter %s of %s", p.WireName, op.ID), p.Pos)
	}
	l := &op.Locals
	for _, v := range []struct {
		name *string
		want string
	}{
		{&l.Client, "c"}, {&l.Ctx, "ctx"}, {&l.Params, "params"}, {&l.Err, "err"},
		{&l.Call, "call"}, {&l.Out, "out"}, {&l.Limit, "limit"}, {&l.Yield, "yield"},
		{&l.Page, "page"}, {&l.Next, "next"}, {&l.Handler, "h"}, {&l.W, "w"},
		{&l.R, "r"}, {&l.Res, "res"}, {&l.Status, "status"}, {&l.Recv, "p"}, {&l.Query, "query"},
		{&l.Form, "form"}, {&l.Header, "header"}, {&l.V, "v"}, {&l.OK, "ok"},
		{&l.S, "s"}, {&l.N, "n"},
	} {
		*v.name = fn.ours(v.want, "a local")
	}
}

// nameShared is the naming pass of the shared package: the runtime's
// declarations are fixed, the SID kinds' type names come from the
// documents, and their helpers are the generator's.
func (n *normalizer) nameShared(s *model.Shared) {
	pkg := newScope(nil)
	for _, name := range templates.Public.Declared() {
		pkg.reserve(name, "the shared runtime")
	}
	for _, k := range s.SIDs {
		n.declare(pkg, k.Ident.Name, "the SID kind "+k.Prefix, k.Pos)
	}
	for _, k := range s.SIDs {
		name := k.Ident.Name
		k.PrefixConst = pkg.ours(name+"Prefix", "the prefix of "+name)
		k.Parse = pkg.ours("Parse"+name, "the parser of "+name)
		if k.Ref == nil {
			continue
		}
		ref := strings.TrimSuffix(name, "SID") + "Ref"
		if ref == "Ref" {
			ref = k.Prefix + "Ref"
		}
		k.Ref.Ident.Name = pkg.ours(ref, "the reference type of "+name)
		k.Ref.Of = pkg.ours(k.Ref.Ident.Name+"Of", "the constructor of "+ref)
		k.Ref.AltFunc = pkg.ours(k.Ref.Ident.Name+names.Exported(k.Ref.Alt), "the constructor of "+ref)
		fn := newScope(pkg)
		fn.reserve("sid", "the SID parameter")
		k.Ref.AltParam = fn.ours(names.Unexported(k.Ref.Alt), "the parameter of "+k.Ref.AltFunc)
	}
}

// typeWhat describes a named type for a message.
func typeWhat(t *model.Type) string {
	switch {
	case t.SpecName != "":
		return "schema " + t.SpecName
	case t.Kind == model.EnumType:
		return "enum " + t.Ident.Name
	}
	return "inline object " + t.Ident.Name
}

// enumWord is the part of an enum constant's name that comes from its
// value: the value as an exported name, "Empty" for the empty string.
func enumWord(v string) string {
	if v == "" {
		return "Empty"
	}
	return names.Exported(v)
}
