// Package emit prints Go source from the model. It never looks at OpenAPI:
// everything it needs, names included, is in the model already.
//
// Generated code imports the standard library and the generated shared and
// internal packages only. The runtime, the static files of those two
// packages, is copied from the templates package; everything else is built
// with jennifer.
package emit

import (
	"bytes"
	"fmt"
	"go/token"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/apigen-dev/apigen/generator/model"
	"github.com/apigen-dev/apigen/templates"
)

// File is one generated file.
type File struct {
	// Path is relative to the output folder and slash-separated, such as
	// "twilio/sid.go".
	Path string
	// Data is the file's content, gofmt'd.
	Data []byte
}

// headerRE is what a generated file's first line must look like for Go
// tools to recognize it as generated.
var headerRE = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)

// checkHeader reports an error unless header is one line that marks a file
// as generated.
func checkHeader(header string) error {
	if !headerRE.MatchString(header) || strings.ContainsAny(header, "\r\n") {
		return fmt.Errorf("emit: header %q is not one line of the form // Code generated ... DO NOT EDIT.", header)
	}
	return nil
}

// checkIdent reports an error unless name is a Go identifier that is not a
// keyword.
func checkIdent(what, name string) error {
	if !token.IsIdentifier(name) {
		return fmt.Errorf("emit: %s %q is not a Go identifier", what, name)
	}
	return nil
}

// sortFiles sorts files by Path and reports an error when two share a path.
func sortFiles(files []File) error {
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return fmt.Errorf("emit: two files are named %s", files[i].Path)
		}
	}
	return nil
}

// runtimeFiles copies the files of the runtime package p into the folder dir
// as package pkg (see copyRuntime).
func runtimeFiles(p templates.Package, dir, pkg, header string, shared *model.Shared) []File {
	var files []File
	for _, f := range p.Files() {
		files = append(files, File{Path: path.Join(dir, f.Name), Data: copyRuntime(f.Data, p.Name(), pkg, header, shared)})
	}
	return files
}

// copyRuntime returns the runtime source src of package from as a file of
// package to: header on the first line and a blank line, then src with its
// package clause, and the "Package <from>" that starts a package comment,
// naming to. When shared is not nil, an import of the public runtime is
// replaced by one of the shared package shared.
//
// It only moves bytes: the runtime is gofmt'd Go, and none of these edits
// changes what gofmt would do (the public runtime's import has a group of
// its own, so its new path sorts nowhere else). TestSharedGofmt checks the
// result; formatting again on every run would be most of the time a run
// takes.
func copyRuntime(src []byte, from, to, header string, shared *model.Shared) []byte {
	var b bytes.Buffer
	b.Grow(len(header) + 2 + len(src) + 64)
	b.WriteString(header)
	b.WriteString("\n\n")
	inClause := true // before the package clause
	for len(src) > 0 {
		line, rest, found := bytes.Cut(src, []byte("\n"))
		if !inClause && startsDecl(line) {
			break // imports are over: the rest is copied as it is
		}
		switch {
		case inClause && string(line) == "package "+from:
			line = []byte("package " + to)
			inClause = false
		case inClause && bytes.HasPrefix(line, []byte("// Package "+from+" ")):
			line = append([]byte("// Package "+to+" "), line[len("// Package "+from+" "):]...)
		case !inClause && shared != nil:
			line = rewriteImport(line, shared)
		}
		b.Write(line)
		if found {
			b.WriteByte('\n')
		}
		src = rest
	}
	b.Write(src)
	return b.Bytes()
}

// startsDecl reports whether line starts a top-level declaration other than
// an import.
func startsDecl(line []byte) bool {
	for _, p := range []string{"func ", "type ", "var ", "const "} {
		if bytes.HasPrefix(line, []byte(p)) {
			return true
		}
	}
	return false
}

// publicImport matches an import of the public runtime, alone or in a
// group, with or without a name.
var publicImport = regexp.MustCompile(`^(import |\t)(?:([A-Za-z_][A-Za-z0-9_]*) )?"` + regexp.QuoteMeta(templates.PublicImportPath) + `"$`)

// rewriteImport returns line, or when it imports the public runtime an
// import of the shared package s instead. The internal package's code calls
// the public runtime by its name, or by the import's name when it has one;
// the new import keeps that name unless the shared package's name and the
// last element of its import path both say it already.
func rewriteImport(line []byte, s *model.Shared) []byte {
	if !bytes.HasSuffix(line, []byte(templates.PublicImportPath+`"`)) {
		return line // most lines: skip the regular expression
	}
	m := publicImport.FindSubmatch(line)
	if m == nil {
		return line
	}
	name := string(m[2])
	if name == "" {
		name = templates.Public.Name()
	}
	out := append([]byte(nil), m[1]...)
	if name != s.Package || path.Base(s.ImportPath) != s.Package {
		out = append(out, name+" "...)
	}
	return append(out, strconv.Quote(s.ImportPath)...)
}
