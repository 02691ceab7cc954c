package normalize

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"slices"
	"strings"

	"github.com/apigen-dev/apigen/templates"
)

// sharedRuntimeDecls are the package-level names the shared runtime
// declares, read from its source.
var sharedRuntimeDecls = func() []string {
	paths, _ := fs.Glob(templates.Runtime, "runtime/*.go.tmpl")
	var out []string
	for _, p := range paths {
		src, _ := fs.ReadFile(templates.Runtime, p)
		s := strings.Replace(strings.Replace(string(src), "{{.Header}}", "", 1), "{{.Package}}", "twilio", 1)
		f, err := parser.ParseFile(token.NewFileSet(), p, s, parser.SkipObjectResolution)
		if err != nil {
			panic(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					out = append(out, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						out = append(out, s.Name.Name)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							out = append(out, n.Name)
						}
					}
				}
			}
		}
	}
	slices.Sort(out)
	return out
}()

// clientOptions are the shared runtime's client options, which every API
// package re-exports.
var clientOptions = []string{"WithCredentials", "WithAPIKey", "WithBaseURL", "WithUserAgent", "WithHTTPClient", "WithRetry"}
