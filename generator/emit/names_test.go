package emit_test

import (
	"go/parser"
	"go/token"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generator/emit"
	"github.com/apigen-dev/apigen/generator/gen"
	"github.com/apigen-dev/apigen/generator/internal/txtarcase"
	"github.com/apigen-dev/apigen/generator/internal/typecheck"
)

// TestNames runs testdata/names/*.txtar: documents whose names collide with
// the names the generator declares, with Go's keywords and predeclared
// identifiers, or with each other. A case either fails with the problems
// of its stderr file, or generates code that type-checks and holds a match
// for every "file: regexp" line of its grep file (the names it was given).
// The output of every case then builds and vets, in one module.
func TestNames(t *testing.T) {
	const module = "example.com/gen"
	var outputs []emit.File
	for _, c := range txtarcase.Load(t, "../../testdata/names/*.txtar") {
		t.Run(c.Name(), func(t *testing.T) {
			c.WriteInputs(t, "grep", "stderr")
			prefix := module + "/" + c.Name()
			res, got := generateCase(t, c, prefix)
			c.Check(t, got, "stderr")
			if res == nil {
				return
			}
			if err := typecheck.Check(res.Files, prefix); err != nil {
				t.Fatalf("the output does not type-check:\n%v", err)
			}
			grep, _ := c.File("grep")
			checkGrep(t, res.Files, string(grep))
			checkImports(t, res)
			files := res.Files
			for _, api := range res.Model.APIs {
				files = append(files, roundTripFile(api, res.Model.Shared, nil))
			}
			for _, f := range files {
				f.Path = c.Name() + "/" + f.Path
				outputs = append(outputs, f)
			}
		})
	}
	if !t.Failed() && len(outputs) > 0 {
		buildVetAndTest(t, outputs, true)
	}
}

// checkGrep reports every "file: regexp" line of grep whose regexp matches
// no line of the generated file.
func checkGrep(t *testing.T, files []emit.File, grep string) {
	t.Helper()
	data := map[string]string{}
	for _, f := range files {
		data[f.Path] = string(f.Data)
	}
	for _, line := range strings.Split(strings.TrimSpace(grep), "\n") {
		if line == "" {
			continue
		}
		file, expr, ok := strings.Cut(line, ": ")
		if !ok {
			t.Fatalf("grep line %q is not file: regexp", line)
		}
		re, err := regexp.Compile("(?m)" + expr)
		if err != nil {
			t.Fatalf("grep line %q: %v", line, err)
		}
		src, ok := data[file]
		if !ok {
			t.Errorf("grep: no generated file %s", file)
			continue
		}
		if !re.MatchString(src) {
			t.Errorf("%s has no line matching %s", file, expr)
		}
	}
}

// checkImports reports an import of an API package's file that is not among
// the imports of its model, whose names the naming pass kept free.
func checkImports(t *testing.T, res *gen.Result) {
	t.Helper()
	for _, api := range res.Model.APIs {
		allowed := map[string]string{}
		for _, imp := range api.Imports {
			allowed[imp.Path] = imp.Name
		}
		for _, f := range res.Files {
			if path.Dir(f.Path) != api.Package {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), f.Path, f.Data, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, spec := range file.Imports {
				p, _ := strconv.Unquote(spec.Path.Value)
				name, ok := allowed[p]
				switch {
				case !ok:
					t.Errorf("%s imports %s, which is not among the model's imports", f.Path, p)
				case spec.Name != nil && spec.Name.Name != name:
					t.Errorf("%s imports %s as %s, not %s", f.Path, p, spec.Name.Name, name)
				}
			}
		}
	}
}
