package normalize_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generator/normalize"
)

// TestExtensionsListed: every vendor extension the package's code names
// ("x-..." literals) is in Extensions, the table the loader checks
// misspellings against; adding one to the code without the table fails
// here.
func TestExtensionsListed(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	var named []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && strings.HasPrefix(s, "x-") {
					named = append(named, s)
					if !slices.Contains(normalize.Extensions, s) {
						t.Errorf("%s: extension %s is not in Extensions", fset.Position(lit.Pos()), s)
					}
				}
			}
			return true
		})
	}
	if len(named) < 3 {
		t.Errorf("found only %v in the package's code", named)
	}
}
