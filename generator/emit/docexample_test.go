package emit_test

import (
	"context"
	"go/parser"
	"go/token"
	"path"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generator/emit"
	"github.com/apigen-dev/apigen/generator/gen"
	"github.com/apigen-dev/apigen/generator/internal/txtarcase"
	"github.com/apigen-dev/apigen/generator/internal/typecheck"
)

// TestDocExample: the example in the package documentation of every API
// package, the project's and the test cases', compiles as the body of a
// function, so that what godoc shows can be copied.
func TestDocExample(t *testing.T) {
	const prefix = "example.com/gen"
	check := func(t *testing.T, files []emit.File) {
		t.Helper()
		var out []emit.File
		n := 0
		for _, f := range files {
			out = append(out, f)
			pkg := path.Dir(f.Path)
			if path.Base(f.Path) != "doc.go" || pkg == "twilio" {
				continue
			}
			body := docExample(t, f)
			if body == "" {
				continue
			}
			n++
			src := "package example\n\nimport (\n\t\"context\"\n\t\"errors\"\n\t\"fmt\"\n\t\"net/http\"\n\n" +
				"\t\"" + prefix + "/" + pkg + "\"\n\t\"" + prefix + "/twilio\"\n)\n\n" +
				"var (\n\t_ = errors.As\n\t_ = fmt.Println\n\t_ = http.StatusOK\n\t_ twilio.Time\n)\n\n" +
				"func example(ctx context.Context, accountSID, authToken string) error {\n" + body + "\treturn nil\n}\n"
			out = append(out, emit.File{Path: "examples/" + pkg + "/example.go", Data: []byte(src)})
		}
		if n == 0 {
			t.Fatal("no package example found")
		}
		if err := typecheck.Check(out, prefix); err != nil {
			t.Errorf("package examples do not compile:\n%v", err)
		}
	}
	t.Run("project", func(t *testing.T) {
		t.Chdir("../..")
		res, err := gen.Generate(context.Background(), gen.Config{Specs: projectSpecs, Root: "spec", Out: "generated", ImportPrefix: prefix})
		if err != nil {
			t.Fatal(err)
		}
		check(t, res.Files)
	})
	var cases []*txtarcase.Case
	for _, pattern := range []string{"../../testdata/emit/*.txtar", "../../testdata/names/*.txtar"} {
		cases = append(cases, txtarcase.Load(t, pattern)...)
	}
	for _, c := range cases {
		if _, fails := c.File("stderr"); fails {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			c.WriteInputs(t, "want/", "grep")
			res, got := generateCase(t, c, prefix)
			if res == nil {
				t.Fatalf("%s", got["stderr"])
			}
			check(t, res.Files)
		})
	}
}

// docExample returns the indented block of a doc.go's package comment.
func docExample(t *testing.T, f emit.File) string {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), f.Path, f.Data, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || file.Doc == nil {
		t.Fatalf("%s: no package comment (%v)", f.Path, err)
	}
	var b strings.Builder
	for _, line := range strings.Split(file.Doc.Text(), "\n") {
		if strings.HasPrefix(line, "\t") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}
