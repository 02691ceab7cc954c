package emit_test

import (
	"bytes"
	"context"
	"errors"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generator/diag"
	"github.com/apigen-dev/apigen/generator/diff"
	"github.com/apigen-dev/apigen/generator/emit"
	"github.com/apigen-dev/apigen/generator/gen"
	"github.com/apigen-dev/apigen/generator/internal/project"
	"github.com/apigen-dev/apigen/generator/internal/txtarcase"
	"github.com/apigen-dev/apigen/templates"
)

const goldenPrefix = "example.com/gen"

// golden reports whether a generated file is compared with the archive:
// everything but the runtime files copied into the shared and internal
// packages, which are the same for every case and are tested where they
// live (templates/runtime); TestRuntimeCopied checks the copies.
func golden(path string) bool {
	for _, p := range []struct {
		pkg templates.Package
		dir string
	}{{templates.Public, "twilio/"}, {templates.Internal, "internal/apigen/"}} {
		for _, f := range p.pkg.Files() {
			if path == p.dir+f.Name {
				return false
			}
		}
	}
	return true
}

// TestGolden runs testdata/emit/*.txtar: each case's documents are
// generated in memory; the files (want/<path>) or the problems (stderr) must
// match the archive, and the Go output must build and be vet-clean.
func TestGolden(t *testing.T) {
	for _, c := range txtarcase.Load(t, "../../testdata/emit/*.txtar") {
		t.Run(c.Name(), func(t *testing.T) {
			c.WriteInputs(t, "want/", "stderr")
			res, got := generateCase(t, c, goldenPrefix)
			if res == nil {
				c.Check(t, got, "want/", "stderr")
				return
			}
			for _, f := range res.Files {
				if golden(f.Path) {
					got["want/"+f.Path] = f.Data
				}
			}
			c.Check(t, got, "want/", "stderr")
			buildAndVet(t, res.Files)
		})
	}
}

// generateCase generates the documents of c, whose inputs are in the
// current folder, with the import prefix. A problem in them is no test
// failure: it comes back as the output "stderr" and a nil result.
func generateCase(t *testing.T, c *txtarcase.Case, prefix string) (*gen.Result, map[string][]byte) {
	t.Helper()
	res, err := gen.Generate(context.Background(), gen.Config{
		Specs:        strings.Fields(c.Options["docs"]),
		Out:          "out",
		ImportPrefix: prefix,
	})
	got := map[string][]byte{}
	if err != nil {
		var list diag.List
		if !errors.As(err, &list) {
			t.Fatalf("error is not a problem list: %v", err)
		}
		got["stderr"] = []byte(err.Error() + "\n")
	}
	return res, got
}

// buildAndVet writes files into a fresh module and runs go vet (which type
// checks) and go build there.
func buildAndVet(t *testing.T, files []emit.File) { buildVetAndTest(t, files, false) }

// buildVetAndTest is buildAndVet, and go test too when test is set.
func buildVetAndTest(t *testing.T, files []emit.File, test bool) {
	t.Helper()
	dir := t.TempDir()
	mod := "module " + goldenPrefix + "\n\ngo 1.26\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commands := [][]string{{"vet", "./..."}, {"build", "./..."}}
	if test {
		commands = append(commands, []string{"test", "-count=1", "./..."})
	}
	for _, args := range commands {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// projectSpecs are the documents the project generates from, as apigen.json
// lists them.
var projectSpecs = project.MustSpecs("../..")

// TestDeterministic: the project's documents generate the same bytes twice
// and in any order, and the same bytes as the checked-in generated/.
func TestDeterministic(t *testing.T) {
	t.Chdir("../..")
	run := func(specs []string) []emit.File {
		res, err := gen.Generate(context.Background(), gen.Config{Specs: specs, Root: "spec", Out: "generated"})
		if err != nil {
			t.Fatal(err)
		}
		return res.Files
	}
	first := run(projectSpecs)
	reversed := slices.Clone(projectSpecs)
	slices.Reverse(reversed)
	for _, again := range [][]emit.File{run(projectSpecs), run(reversed)} {
		if len(again) != len(first) {
			t.Fatalf("%d files, then %d", len(first), len(again))
		}
		for i := range first {
			if first[i].Path != again[i].Path || !bytes.Equal(first[i].Data, again[i].Data) {
				t.Fatalf("%s differs between runs", first[i].Path)
			}
		}
	}
	made := map[string]bool{}
	for _, f := range first {
		made[f.Path] = true
		onDisk, err := os.ReadFile(filepath.Join("generated", filepath.FromSlash(f.Path)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			t.Errorf("generated/%s is missing: the specs make it (run make generate)", f.Path)
		case err != nil:
			t.Errorf("reading generated/%s: %v", f.Path, err)
		case !bytes.Equal(onDisk, f.Data):
			t.Errorf("generated/%s is not what the specs make (run make generate); what they make differs:\n%s", f.Path,
				diff.Unified("generated/"+f.Path, "what the specs make", onDisk, f.Data))
		}
		checkDocs(t, f)
		if formatted, err := format.Source(f.Data); err != nil || !bytes.Equal(formatted, f.Data) {
			t.Errorf("%s is not gofmt'd (%v)", f.Path, err)
		}
		if bytes.Contains(f.Data, []byte("/work/")) || bytes.Contains(f.Data, []byte("/home/")) || bytes.Contains(f.Data, []byte("/tmp/")) {
			t.Errorf("%s contains an absolute path", f.Path)
		}
		want := "// Code generated by apigen from spec/"
		if strings.HasPrefix(f.Path, "twilio/") || strings.HasPrefix(f.Path, "internal/") {
			want = gen.SharedHeader + "\n" // names no document
		}
		if !bytes.HasPrefix(f.Data, []byte(want)) {
			t.Errorf("%s: header is %q, want %q", f.Path, bytes.SplitN(f.Data, []byte("\n"), 2)[0], want)
		}
	}
	for _, p := range staleFiles(t, made) {
		t.Errorf("%s was written by apigen, but the specs no longer make it (run make generate)", p)
	}
}

// staleFiles returns the files under generated/ that apigen wrote (their
// first line says so) but the specs no longer make.
func staleFiles(t *testing.T, made map[string]bool) []string {
	t.Helper()
	var stale []string
	err := filepath.WalkDir("generated", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, "generated"+string(filepath.Separator)))
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.HasPrefix(data, []byte("// Code generated by apigen")) && !made[rel] {
			stale = append(stale, "generated/"+rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return stale
}

// checkDocs reports exported top-level declarations and methods of a
// generated file that have no doc comment, and a package clause without
// one in doc.go.
func checkDocs(t *testing.T, f emit.File) {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), f.Path, f.Data, parser.ParseComments)
	if err != nil {
		t.Fatalf("%s: %v", f.Path, err)
	}
	if strings.HasSuffix(f.Path, "/doc.go") && file.Doc == nil {
		t.Errorf("%s has no package comment", f.Path)
	}
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.IsExported() && d.Doc == nil {
				t.Errorf("%s: func %s has no doc comment", f.Path, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				var names []*ast.Ident
				var doc *ast.CommentGroup
				switch s := spec.(type) {
				case *ast.TypeSpec:
					names, doc = []*ast.Ident{s.Name}, s.Doc
				case *ast.ValueSpec:
					names, doc = s.Names, s.Doc
				}
				for _, n := range names {
					if n.IsExported() && doc == nil && d.Doc == nil {
						t.Errorf("%s: %s has no doc comment", f.Path, n.Name)
					}
				}
			}
		}
	}
}

// TestOptionsReexported: every API package re-exports each client option
// of the runtime under its name, with the runtime's doc comment (its links
// to the shared package qualified) and the same parameters.
func TestOptionsReexported(t *testing.T) {
	t.Chdir("../..")
	res, err := gen.Generate(context.Background(), gen.Config{Specs: projectSpecs, Root: "spec", Out: "generated"})
	if err != nil {
		t.Fatal(err)
	}
	opts := templates.ClientOptions()
	if len(opts) == 0 {
		t.Fatal("no client options in the runtime")
	}
	clients := 0
	for _, f := range res.Files {
		if path.Base(f.Path) != "client.go" || strings.HasPrefix(f.Path, "twilio/") || strings.HasPrefix(f.Path, "internal/") {
			continue
		}
		clients++
		file, err := parser.ParseFile(token.NewFileSet(), f.Path, f.Data, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		funcs := map[string]*ast.FuncDecl{}
		for _, d := range file.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil {
				funcs[fn.Name.Name] = fn
			}
		}
		for _, o := range opts {
			fn := funcs[o.Name]
			if fn == nil {
				t.Errorf("%s does not re-export %s", f.Path, o.Name)
				continue
			}
			want := o.Doc
			// Links to what the package re-exports stay in the package;
			// the others go to the shared package.
			want = strings.ReplaceAll(want, "[ClientSettings]", "[twilio.ClientSettings]")
			want = strings.ReplaceAll(want, "[ClientOption]", "[Option]")
			if got := strings.TrimSuffix(fn.Doc.Text(), "\n"); got != want {
				t.Errorf("%s: %s doc =\n%s\nwant\n%s", f.Path, o.Name, got, want)
			}
			var params []string
			for _, field := range fn.Type.Params.List {
				for _, n := range field.Names {
					params = append(params, n.Name)
				}
			}
			var wantParams []string
			for _, p := range o.Params {
				wantParams = append(wantParams, p.Name)
			}
			if !slices.Equal(params, wantParams) {
				t.Errorf("%s: %s parameters %q; want %q", f.Path, o.Name, params, wantParams)
			}
			call := "return twilio." + o.Name + "(" + strings.Join(wantParams, ", ") + ")"
			if !bytes.Contains(f.Data, []byte(call)) {
				t.Errorf("%s: %s does not %s", f.Path, o.Name, call)
			}
		}
		if strings.Contains(string(f.Data), "http.DefaultClient") {
			t.Errorf("%s still documents http.DefaultClient as the default", f.Path)
		}
	}
	if clients != len(projectSpecs) {
		t.Errorf("checked %d clients; want %d", clients, len(projectSpecs))
	}
}
