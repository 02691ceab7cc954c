package typecheck_test

import (
	"context"
	"errors"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apigen-dev/apigen/generator/emit"
	"github.com/apigen-dev/apigen/generator/gen"
	"github.com/apigen-dev/apigen/generator/internal/typecheck"
)

// projectOutput is what the generator makes of the project's documents.
func projectOutput(t *testing.T) []emit.File {
	t.Helper()
	t.Chdir("../../..")
	res, err := gen.Generate(context.Background(), gen.Config{
		Specs: []string{"spec/chat_v1.yaml", "spec/chat_v2.yaml", "spec/conversations_v1.yaml"},
		Root:  "spec",
		Out:   "generated",
	})
	if err != nil {
		t.Fatal(err)
	}
	return res.Files
}

const projectModule = "github.com/apigen-dev/apigen/generated"

func TestProjectOutput(t *testing.T) {
	files := projectOutput(t)
	if err := typecheck.Check(files, projectModule); err != nil {
		t.Fatal(err)
	}
	// Imports of the output are resolved by import path: under another
	// module path, the import of the shared package fails in every package
	// that has one (go/types reports it once a package), and nothing is
	// wrong in the shared package itself.
	err := typecheck.Check(files, "example.com/elsewhere")
	var problems typecheck.Problems
	if !errors.As(err, &problems) {
		t.Fatalf("checked under another module path: %v", err)
	}
	want := map[string]bool{}
	for _, f := range files {
		if strings.Contains(string(f.Data), "\t\""+projectModule+"/twilio\"\n") {
			want[path.Dir(f.Path)] = true
		}
	}
	got := map[string]bool{}
	for _, p := range problems {
		if strings.HasPrefix(p.Pos.Filename, "twilio/") {
			t.Errorf("problem in the shared package: %s", p)
		}
		if p.Msg == "could not import "+projectModule+"/twilio (neither in the output nor in the standard library)" {
			got[path.Dir(p.Pos.Filename)] = true
		}
	}
	if len(want) < 3 || !maps.Equal(got, want) {
		t.Errorf("failed imports of the shared package in %v, want %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
}

// TestConcurrent checks the project's output and a broken package from
// parallel goroutines (run it with -race): the standard library importer
// is shared by the whole process.
func TestConcurrent(t *testing.T) {
	files := projectOutput(t)
	broken := []emit.File{{Path: "p/p.go", Data: []byte("package p\n\nimport \"net/http\"\n\nvar X http.Client = 1\n")}}
	const want = "p/p.go:5:21: cannot use 1 (untyped int constant) as http.Client value in variable declaration"
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if err := typecheck.Check(files, projectModule); err != nil {
				t.Error(err)
			}
		})
		wg.Go(func() {
			if err := typecheck.Check(broken, "example.com/out"); err == nil || err.Error() != want {
				t.Errorf("got %v, want %s", err, want)
			}
		})
	}
	wg.Wait()
}

func TestBroken(t *testing.T) {
	const shared = "package twilio\n\n// Sid identifies a resource.\ntype Sid string\n"
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string // the lines of the error
	}{{
		name: "redeclared",
		files: map[string]string{
			"twilio/sid.go": shared,
			"twilio/x.go":   "package twilio\n\ntype Sid int\n",
		},
		want: []string{
			"twilio/x.go:3:6: Sid redeclared in this block",
			"\ttwilio/sid.go:4:6: other declaration of Sid",
		},
	}, {
		name: "missing name in the shared package",
		files: map[string]string{
			"twilio/sid.go": shared,
			"chatv1/client.go": "package chatv1\n\nimport \"example.com/out/twilio\"\n\n" +
				"type Service struct {\n\tSid twilio.Sid\n\tPage twilio.Page\n}\n",
		},
		want: []string{"chatv1/client.go:7:14: undefined: twilio.Page"},
	}, {
		name: "unused import and variable",
		files: map[string]string{
			"chatv1/client.go": "package chatv1\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\n" +
				"func F() string {\n\tn := 1\n\treturn strings.ToUpper(\"x\")\n}\n",
		},
		want: []string{
			`chatv1/client.go:4:2: "fmt" imported and not used`,
			"chatv1/client.go:9:2: declared and not used: n",
		},
	}, {
		name: "import outside the output and the standard library",
		files: map[string]string{
			"twilio/sid.go": shared,
			"chatv1/client.go": "package chatv1\n\nimport (\n\t\"github.com/pkg/errors\"\n\t\"example.com/out/internal/apigen\"\n\t\"internal/abi\"\n\t\"cmd/go\"\n\t\"nosuch/pkg\"\n\t_ \"net/...\"\n\t_ \"all\"\n)\n\n" +
				"var _ = errors.New\nvar _ = apigen.X\nvar _ = abi.X\nvar _ = pkg.X\n",
		},
		want: []string{
			"chatv1/client.go:4:2: could not import github.com/pkg/errors (neither in the output nor in the standard library)",
			"chatv1/client.go:5:2: could not import example.com/out/internal/apigen (no such package in the output)",
			"chatv1/client.go:6:2: could not import internal/abi (internal to the standard library)",
			"chatv1/client.go:7:2: could not import cmd/go (part of the Go toolchain, not of the standard library)",
			"chatv1/client.go:8:2: could not import nosuch/pkg (neither in the output nor in the standard library)",
			"chatv1/client.go:9:4: could not import net/... (neither in the output nor in the standard library)",
			"chatv1/client.go:10:4: could not import all (neither in the output nor in the standard library)",
		},
	}, {
		name: "errors in every package",
		files: map[string]string{
			"twilio/sid.go":    shared + "\nvar zero Sid = 0\n",
			"chatv1/client.go": "package chatv1\n\nimport \"example.com/out/twilio\"\n\nvar S twilio.Sid = 1.5\n",
			"chatv2/client.go": "package chatv2\n\nimport \"example.com/out/twilio\"\n\nvar S twilio.SID\n",
		},
		want: []string{
			"chatv1/client.go:5:20: cannot use 1.5 (untyped float constant) as twilio.Sid value in variable declaration",
			"chatv2/client.go:5:14: undefined: twilio.SID (but have Sid)",
			"twilio/sid.go:6:16: cannot use 0 (untyped int constant) as Sid value in variable declaration",
		},
	}, {
		name: "import cycle",
		files: map[string]string{
			"a/a.go": "package a\n\nimport \"example.com/out/b\"\n\nvar A = b.B\n",
			"b/b.go": "package b\n\nimport \"example.com/out/a\"\n\nvar B = a.A\n",
		},
		want: []string{"b/b.go:3:8: could not import example.com/out/a (import cycle)"},
	}, {
		name: "syntax errors",
		files: map[string]string{
			"twilio/sid.go":    "package twilio\n\ntype Sid string\nfunc (s Sid) String() string { return string(s) \n",
			"chatv1/client.go": "package chatv1\n\nvar x = \n",
			"chatv2/client.go": "package chatv2\n\nvar x int = \"not checked\"\n",
		},
		want: []string{ // and no type errors: chatv2 is not checked
			"chatv1/client.go:3:10: expected ';', found 'EOF'",
			"twilio/sid.go:4:50: expected ';', found 'EOF'",
		},
	}, {
		name: "root folder and tests",
		files: map[string]string{
			"doc.go":                 "package out\n\nimport \"unsafe\"\n\nconst Version = unsafe.Sizeof(\"\") / 16\n",
			"README.md":              "not Go",
			"twilio/sid.go":          shared,
			"twilio/sid_test.go":     "package twilio\n\nimport \"testing\"\n\nfunc TestSid(t *testing.T) { _ = Sid(\"x\") + 1 }\n",
			"twilio/example_test.go": "package twilio_test\n\nimport (\n\t\"example.com/out\"\n\t\"example.com/out/twilio\"\n)\n\nvar _ twilio.Sid = out.Version\n",
		},
		want: []string{
			"twilio/example_test.go:8:20: cannot use out.Version (constant 1 of type uintptr) as twilio.Sid value in variable declaration",
			`twilio/sid_test.go:5:34: invalid operation: Sid("x") + 1 (mismatched types Sid and untyped int)`,
		},
	}} {
		t.Run(c.name, func(t *testing.T) {
			var files []emit.File
			for _, p := range slices.Sorted(maps.Keys(c.files)) {
				files = append(files, emit.File{Path: p, Data: []byte(c.files[p])})
			}
			err := typecheck.Check(files, "example.com/out")
			if err == nil {
				t.Fatal("no error")
			}
			var problems typecheck.Problems
			if !errors.As(err, &problems) {
				t.Fatalf("%T %v", err, err)
			}
			if got := strings.Split(err.Error(), "\n"); !slices.Equal(got, c.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(c.want, "\n\t"))
			}
		})
	}
}

// BenchmarkCheckProject is a warm Check of the project's output: what a
// fuzz target pays for each input, on top of generating it.
func BenchmarkCheckProject(b *testing.B) {
	b.Chdir("../../..")
	res, err := gen.Generate(context.Background(), gen.Config{
		Specs: []string{"spec/chat_v1.yaml", "spec/chat_v2.yaml", "spec/conversations_v1.yaml"},
		Root:  "spec",
		Out:   "generated",
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := typecheck.Check(res.Files, projectModule); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := typecheck.Check(res.Files, projectModule); err != nil {
			b.Fatal(err)
		}
	}
}
