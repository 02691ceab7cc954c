package emit

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/apigen-dev/apigen/generator/model"
	"github.com/apigen-dev/apigen/templates"
)

// Standard library packages the shared package uses.
const fmtPkg = "fmt"

// Shared returns the files of the shared package s, which every API package
// imports, and of its internal package, which only they import: the public
// runtime copied into the shared package with sid.go, one type per SID kind,
// and doc.go, the package documentation; the internal runtime copied into
// the internal package. header is the first line of every file, a
// "// Code generated ... DO NOT EDIT." line. The files are sorted by Path.
func Shared(s *model.Shared, header string) ([]File, error) {
	if s == nil {
		return nil, fmt.Errorf("emit: no shared package")
	}
	if err := checkHeader(header); err != nil {
		return nil, err
	}
	if err := checkIdent("package name", s.Package); err != nil {
		return nil, err
	}
	if s.ImportPath == "" {
		return nil, fmt.Errorf("emit: package %s has no import path", s.Package)
	}
	if err := checkIdent("internal package name", s.InternalPackage); err != nil {
		return nil, err
	}
	internal, err := internalDir(s)
	if err != nil {
		return nil, err
	}
	files := runtimeFiles(templates.Public, s.Package, s.Package, header, nil)
	files = append(files, runtimeFiles(templates.Internal, internal, s.InternalPackage, header, s)...)
	doc, err := render(s.Package, "doc.go", sharedDoc(s, header))
	if err != nil {
		return nil, err
	}
	files = append(files, doc)
	if len(s.SIDs) > 0 {
		var f *jen.File
		if err := invalidModel(s.Package, func() { f = sidFile(s, header) }); err != nil {
			return nil, err
		}
		sid, err := render(s.Package, "sid.go", f)
		if err != nil {
			return nil, err
		}
		files = append(files, sid)
	}
	if err := sortFiles(files); err != nil {
		return nil, err
	}
	return files, nil
}

// internalDir returns the folder of the internal package, relative to the
// output folder, which is where the shared package's import path ends
// before its name: "internal/apigen" for "example.com/gen/internal/apigen"
// when the shared package is "example.com/gen/twilio".
func internalDir(s *model.Shared) (string, error) {
	root, ok := strings.CutSuffix(s.ImportPath, s.Package)
	if !ok || root != "" && !strings.HasSuffix(root, "/") {
		return "", fmt.Errorf("emit: the import path %s of package %s does not end with its name", s.ImportPath, s.Package)
	}
	dir, ok := strings.CutPrefix(s.InternalImportPath, root)
	local := path.Clean(dir) == dir && !path.IsAbs(dir) && dir != "." && dir != ".." && !strings.HasPrefix(dir, "../")
	if !ok || !local || dir == s.Package {
		return "", fmt.Errorf("emit: internal package %s: import path %q is not a folder beside the shared package %s", s.InternalPackage, s.InternalImportPath, s.ImportPath)
	}
	return dir, nil
}

// render renders f as the file name of package folder dir. jennifer's
// Render runs go/format itself, so the output is gofmt'd already.
func render(dir, name string, f *jen.File) (File, error) {
	p := path.Join(dir, name)
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return File{}, fmt.Errorf("emit: rendering %s: %w", p, err)
	}
	return File{Path: p, Data: buf.Bytes()}, nil
}

// newFile starts a jennifer file of package s with the header.
func newFile(s *model.Shared, header string) *jen.File {
	f := jen.NewFilePathName(s.ImportPath, s.Package)
	f.HeaderComment(header)
	return f
}

// sharedDoc builds doc.go: the package comment and nothing else.
func sharedDoc(s *model.Shared, header string) *jen.File {
	f := newFile(s, header)
	p := s.Package
	paragraphs := []string{
		fmt.Sprintf("Package %s holds what every generated API package shares and what their users see: typed SIDs, optional and nullable values, date-times, JSON strings, the error types, the meta of list pages and the client options. It imports the standard library only.", p),
		"Each SID prefix has its own string type, such as a user SID, with a Parse function and a Valid method that check the prefix and the 32 hexadecimal digits that follow it. A path parameter that takes either a SID or another identifier, such as an identity, has a Ref type whose SID method tells which one it holds; its Valid method calls [ValidIdentity], as do the checks of the identities that creates accept, so that every identity a create accepts can be addressed.",
		"Absent and null are kept apart. [Opt] is a request field that may be absent: the zero Opt is not sent, and [Some] builds one that is always sent, even when its value is empty, which is how to clear a field. [Null] is a response field that may be JSON null: Valid is false when the server sent null.",
		"[Time] is a date-time. It accepts ISO 8601 (RFC 3339) and RFC 2822, as the server writes both, and always encodes ISO 8601 in UTC. [JSONString] is a JSON document carried in a string, such as a resource's attributes; [JSONValue] is a JSON value of any shape, for a free-form property or form field.",
		"[Error] is the error body the server returns with a non-2xx status; look for it with errors.As. [ParamError] names a parameter rejected before any request is sent, with the Twilio error code that the API documents for the failed check, if any, which servers answer with. [PageMeta] is the meta object of every list page, with the URLs of the neighbouring pages.",
		"A [ClientOption] configures a client; every API package re-exports the options, such as [WithCredentials], [WithBaseURL] and [WithRetry] (see [RetryPolicy]), and [ClientSettings] is what they set.",
		"A client is careful with a server that misbehaves. It sends the credentials only to the origin of the base URL (its scheme, host and port): it follows redirects only within it, never to a URL with user info, and refuses a next_page_url elsewhere (see [WithHTTPClient]). A response body larger than [DefaultMaxResponseBytes], or the limit of [WithMaxResponseBytes], fails without being read on, and so does a body with anything but white space after its JSON document. Iterating over a list stops with an error after 10 pages in a row without items, or at a next page already fetched. A client's errors never repeat a URL's user info.",
		"For hand-written servers and middleware, [WriteError] answers any error in Twilio's error shape; [NotFound], [Conflict], [Unauthorized] and the Code constants, such as [CodeNotFound], make the usual errors; [PathSegment] escapes one segment of a URL path; and [MaxFormBytes] is the largest form body a generated server reads.",
		fmt.Sprintf("What only generated code calls, the HTTP transport of the clients, the paging helper and the building blocks of the servers, is in the package %s, which only the generated packages can import.", s.InternalImportPath),
	}
	for i, para := range paragraphs {
		if i > 0 {
			f.PackageComment("//")
		}
		for _, line := range wrap(para) {
			f.PackageComment(line)
		}
	}
	return f
}

// sidFile builds sid.go: one type per SID kind and one Ref type per kind
// that has one, in the order of the model (sorted by prefix).
func sidFile(s *model.Shared, header string) *jen.File {
	f := newFile(s, header)
	f.ImportName(fmtPkg, "fmt")
	kinds := slices.Clone(s.SIDs)
	slices.SortFunc(kinds, func(a, b *model.SIDKind) int { return strings.Compare(a.Prefix, b.Prefix) })
	for _, k := range kinds {
		sidKind(f, s.Package, k)
		if k.Ref != nil {
			refKind(f, k)
		}
	}
	return f
}

// sidKind declares the type of one SID kind, its prefix constant, its Parse
// function and its methods.
func sidKind(f *jen.File, pkg string, k *model.SIDKind) {
	name, prefix, parse := k.Ident.Name, k.PrefixConst, k.Parse
	doc := fmt.Sprintf("%s is a SID of prefix %q.", name, k.Prefix)
	if k.Doc != "" {
		doc = name + " is " + lowerArticle(k.Doc)
		if !strings.HasSuffix(doc, ".") {
			doc += "."
		}
	}
	comment(f, doc, fmt.Sprintf("It is the prefix %s ([%s]) followed by 32 hexadecimal digits; [%s] and [%s.Valid] check that it is.", k.Prefix, prefix, parse, name))
	f.Type().Id(name).String()
	f.Line()

	comment(f, fmt.Sprintf("%s is the prefix of every %s.", prefix, name))
	f.Const().Id(prefix).Op("=").Lit(k.Prefix)
	f.Line()

	comment(f, fmt.Sprintf("%s returns s as %s, or an error when s is not %s followed by 32 hexadecimal digits.", parse, an(name), k.Prefix))
	f.Func().Id(parse).Params(jen.Id("s").String()).Params(jen.Id(name), jen.Error()).Block(
		jen.If(jen.Op("!").Id("validSID").Call(jen.Id("s"), jen.Id(prefix))).Block(
			jen.Return(jen.Lit(""), jen.Qual(fmtPkg, "Errorf").Call(
				jen.Lit(pkg+": invalid %s %q: want %s followed by 32 hexadecimal digits"),
				jen.Lit(name), jen.Id("s"), jen.Id(prefix),
			)),
		),
		jen.Return(jen.Id(name).Call(jen.Id("s")), jen.Nil()),
	)
	f.Line()

	comment(f, fmt.Sprintf("Valid reports whether s is %s followed by 32 hexadecimal digits.", k.Prefix))
	f.Func().Params(jen.Id("s").Id(name)).Id("Valid").Params().Bool().Block(
		jen.Return(jen.Id("validSID").Call(jen.String().Call(jen.Id("s")), jen.Id(prefix))),
	)
	f.Line()

	comment(f, "String returns s as a string.")
	f.Func().Params(jen.Id("s").Id(name)).Id("String").Params().String().Block(
		jen.Return(jen.String().Call(jen.Id("s"))),
	)
	f.Line()
}

// refKind declares the Ref type of a SID kind: a SID of the kind or the
// alternative identifier, with its constructors and methods.
func refKind(f *jen.File, k *model.SIDKind) {
	r := k.Ref
	ref, name, prefix := r.Ident.Name, k.Ident.Name, k.PrefixConst

	comment(f,
		fmt.Sprintf("%s is %s or the %s of the resource; the server tells them apart.", ref, an(name), r.Alt),
		fmt.Sprintf("Build one with [%s] or [%s], or convert a string.", r.Of, r.AltFunc))
	f.Type().Id(ref).String()
	f.Line()

	comment(f, fmt.Sprintf("%s returns sid as %s.", r.Of, an(ref)))
	f.Func().Id(r.Of).Params(jen.Id("sid").Id(name)).Id(ref).Block(
		jen.Return(jen.Id(ref).Call(jen.Id("sid"))),
	)
	f.Line()

	comment(f, fmt.Sprintf("%s returns %s as %s.", r.AltFunc, r.AltParam, an(ref)))
	f.Func().Id(r.AltFunc).Params(jen.Id(r.AltParam).String()).Id(ref).Block(
		jen.Return(jen.Id(ref).Call(jen.Id(r.AltParam))),
	)
	f.Line()

	comment(f, fmt.Sprintf("SID returns r as %s and true when r is %s followed by 32 hexadecimal digits, and \"\" and false otherwise, when r is the %s.", an(name), k.Prefix, r.Alt))
	f.Func().Params(jen.Id("r").Id(ref)).Id("SID").Params().Params(jen.Id(name), jen.Bool()).Block(
		jen.If(jen.Op("!").Id("validSID").Call(jen.String().Call(jen.Id("r")), jen.Id(prefix))).Block(
			jen.Return(jen.Lit(""), jen.False()),
		),
		jen.Return(jen.Id(name).Call(jen.Id("r")), jen.True()),
	)
	f.Line()

	comment(f, fmt.Sprintf("Valid reports whether r can address a resource, as [ValidIdentity] says: it is not empty, is valid UTF-8, is not \".\", \"..\" or \"/\", and holds no control characters; every %s can. The form fields that the document marks as the %s of the resource (x-identity-of), such as those of its create, are checked with the same function.", name, r.Alt))
	f.Func().Params(jen.Id("r").Id(ref)).Id("Valid").Params().Bool().Block(
		jen.Return(jen.Id("ValidIdentity").Call(jen.String().Call(jen.Id("r")))),
	)
	f.Line()

	comment(f, "String returns r as a string.")
	f.Func().Params(jen.Id("r").Id(ref)).Id("String").Params().String().Block(
		jen.Return(jen.String().Call(jen.Id("r"))),
	)
	f.Line()
}

// comment adds a doc comment of one or more paragraphs to f, wrapped and in
// // style (jennifer would print a multi-line comment as /* */).
func comment(f *jen.File, paragraphs ...string) {
	for i, p := range paragraphs {
		if i > 0 {
			f.Comment("//")
		}
		for _, line := range wrap(p) {
			f.Comment(line)
		}
	}
}

// wrap splits text into // comment lines of at most about 77 columns.
// Existing line breaks are kept.
func wrap(text string) []string {
	const width = 77 - len("// ")
	var lines []string
	for _, src := range strings.Split(text, "\n") {
		words := strings.Fields(src)
		if len(words) == 0 {
			lines = append(lines, "//")
			continue
		}
		line := words[0]
		for _, w := range words[1:] {
			if len(line)+1+len(w) > width {
				lines = append(lines, "// "+line)
				line = w
				continue
			}
			line += " " + w
		}
		lines = append(lines, "// "+line)
	}
	return lines
}

// lowerArticle lower-cases a leading article of a description so that it can
// follow "X is": "The SID of a User" -> "the SID of a User".
func lowerArticle(s string) string {
	for _, a := range []string{"The ", "A ", "An "} {
		if strings.HasPrefix(s, a) {
			return strings.ToLower(a[:1]) + s[1:]
		}
	}
	return s
}

// an prefixes name with its indefinite article, "an AccountSID", "a UserSID".
func an(name string) string {
	// Not U: "a UserSID", as U sounds like "you".
	if name != "" && strings.ContainsRune("AEIO", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}
