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
	for _, p := range []string{"context", "errors", "iter", "net/http", "net/url", "regexp", "strconv", "unicode/utf8"} {
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
		for _, f := range t.Fields {
			b.declare(fields, f.Name, fmt.Sprintf("property %s of %s", f.WireName, t.Ident.Name), f.Pos)
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
