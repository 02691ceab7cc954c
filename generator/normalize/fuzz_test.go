package normalize_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generator/diag"
	"github.com/apigen-dev/apigen/generator/gen"
	"github.com/apigen-dev/apigen/generator/internal/txtarcase"
	"github.com/apigen-dev/apigen/generator/internal/typecheck"
	"github.com/apigen-dev/apigen/generator/load"
	"github.com/apigen-dev/apigen/generator/model"
	"github.com/apigen-dev/apigen/generator/normalize"
)

// FuzzLoadNormalize feeds arbitrary bytes to the loader as one document
// beside the project's shared common.yaml, normalizes what loads and emits
// what normalizes. Whatever the input, nothing may panic, a failure must be
// a diag.List whose problems all have a position in a file of the spec
// folder, and a document apigen accepts must give Go that type-checks.
func FuzzLoadNormalize(f *testing.F) {
	common, err := os.ReadFile("../../spec/common.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range projectSpecs {
		data, err := os.ReadFile(filepath.Join("../..", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, pattern := range []string{"../../testdata/load/*.txtar", "../../testdata/normalize/*.txtar", "../../testdata/names/*.txtar"} {
		for _, c := range txtarcase.Load(f, pattern) {
			for _, name := range []string{"spec/api.yaml", "spec/api.json"} {
				if data, ok := c.File(name); ok {
					f.Add(data) // JSON is YAML, but for surrogate pair escapes
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		dir := t.TempDir()
		spec := filepath.Join(dir, "spec")
		if err := os.Mkdir(spec, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(spec, "common.yaml"), common, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(spec, "api.yaml"), doc, 0o644); err != nil {
			t.Fatal(err)
		}
		docs, err := load.Load(context.Background(), []string{filepath.Join(spec, "api.yaml")}, load.Options{})
		if err == nil {
			if len(docs) != 1 || docs[0].T == nil {
				t.Fatalf("success without a document: %v", docs)
			}
			var set *model.Set
			set, err = normalize.Normalize(docs, opts)
			if err == nil {
				if _, derr := model.Dump(set); derr != nil {
					t.Fatalf("model does not dump: %v", derr)
				}
				files, err := gen.Emit(set)
				if err != nil {
					t.Fatalf("a normalized model does not emit: %v", err)
				}
				if err := typecheck.Check(files, opts.ImportPrefix); err != nil {
					t.Fatalf("apigen accepts the document but its output does not type-check:\n%v", err)
				}
				return
			}
		}
		var list diag.List
		if !errors.As(err, &list) {
			t.Fatalf("error is %T, not diag.List: %v", err, err)
		}
		for _, p := range list {
			if !strings.HasSuffix(p.Pos.File, "spec/api.yaml") && !strings.HasSuffix(p.Pos.File, "spec/common.yaml") {
				t.Errorf("problem outside the spec files: %v", p)
			}
			if p.Pos.Line < 1 || p.Pos.Col < 1 || p.Msg == "" {
				t.Errorf("problem without position or message: %#v", p)
			}
		}
	})
}
