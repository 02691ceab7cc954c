package load_test

import (
	"context"
	"errors"
	"github.com/apigen-dev/apigen/generator/internal/project"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generator/diag"
	"github.com/apigen-dev/apigen/generator/internal/txtarcase"
	"github.com/apigen-dev/apigen/generator/load"
)

// TestBrokenDocuments runs testdata/load/*.txtar: each archive's documents
// must fail to load with exactly the messages of its stderr file.
// TestBrokenDocuments runs testdata/load/*.txtar: each case's documents
// (option docs) are loaded, strictly with the option "strict: true"; the
// problems must be the case's stderr, and the warnings its warnings. Every
// problem and warning has a full position.
func TestBrokenDocuments(t *testing.T) {
	for _, c := range txtarcase.Load(t, "../../testdata/load/*.txtar") {
		t.Run(c.Name(), func(t *testing.T) {
			c.WriteInputs(t, "stderr", "warnings")
			docs := strings.Fields(c.Options["docs"])
			var warnings diag.List
			_, err := load.Load(context.Background(), docs, load.Options{Strict: c.Options["strict"] == "true", Warnings: &warnings})
			got := map[string][]byte{}
			var problems diag.List
			if err != nil {
				if !errors.As(err, &problems) {
					t.Fatalf("%s: error is %T, not diag.List: %v", c.Path, err, err)
				}
				got["stderr"] = []byte(err.Error() + "\n")
			}
			if len(warnings) > 0 {
				got["warnings"] = []byte(warnings.Error() + "\n")
			}
			for _, p := range append(problems, warnings...) {
				if p.Pos.File == "" || p.Pos.Line == 0 || p.Pos.Col == 0 {
					t.Errorf("%s: problem without a full position: %v", c.Path, p)
				}
			}
			if len(got) == 0 {
				t.Fatalf("%s: loading %v gave neither problems nor warnings", c.Path, docs)
			}
			c.Check(t, got, "stderr", "warnings")
		})
	}
}

// TestprojectSpecs loads the project's three documents: they must load and
// validate (examples included) with no problem.
func TestProjectSpecs(t *testing.T) {
	t.Chdir("../..")
	docs, err := load.Load(context.Background(), projectSpecs, load.Options{Root: "spec"})
	if err != nil {
		t.Fatalf("project specs do not load:\n%v", err)
	}
	if len(docs) != len(projectSpecs) {
		t.Fatalf("got %d documents, want %d", len(docs), len(projectSpecs))
	}
	for i, d := range docs {
		if d.File != projectSpecs[i] {
			t.Errorf("document %d is %s, want %s", i, d.File, projectSpecs[i])
		}
		if n := d.T.Paths.Len(); n != 2 {
			t.Errorf("%s has %d paths, want 2", d.File, n)
		}
	}
}

func TestNoDocuments(t *testing.T) {
	if _, err := load.Load(context.Background(), nil, load.Options{}); err == nil {
		t.Fatal("loading no documents succeeded")
	}
}

// projectSpecs are the documents the project generates from, as apigen.json
// lists them.
var projectSpecs = project.MustSpecs("../..")
