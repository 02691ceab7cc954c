// Package emit prints Go source from the model. It never looks at OpenAPI:
// everything it needs, names included, is in the model already.
//
// Generated code imports the standard library only. Static files come from
// the templates package; everything else is built with jennifer.
package emit

import (
	"bytes"
	"fmt"
	"go/token"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"text/template"

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

// runtimeFiles renders every runtime template into the package folder pkg.
func runtimeFiles(pkg, header string) ([]File, error) {
	names, err := fs.Glob(templates.Runtime, "runtime/*.go.tmpl")
	if err != nil {
		return nil, fmt.Errorf("emit: listing runtime templates: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("emit: no runtime templates")
	}
	data := struct{ Header, Package string }{Header: header, Package: pkg}
	var files []File
	for _, name := range names { // fs.Glob returns them sorted
		src, err := fs.ReadFile(templates.Runtime, name)
		if err != nil {
			return nil, fmt.Errorf("emit: reading %s: %w", name, err)
		}
		t, err := template.New(path.Base(name)).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("emit: parsing %s: %w", name, err)
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			return nil, fmt.Errorf("emit: rendering %s: %w", name, err)
		}
		// The templates are gofmt'd Go with two substitutions that keep them
		// so (TestSharedGofmt checks it); formatting them again on every run
		// would be most of the time a run takes.
		out := path.Join(pkg, strings.TrimSuffix(path.Base(name), ".tmpl"))
		files = append(files, File{Path: out, Data: buf.Bytes()})
	}
	return files, nil
}
