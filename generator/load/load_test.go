package load_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generator/diag"
	"github.com/apigen-dev/apigen/generator/internal/txtarcase"
	"github.com/apigen-dev/apigen/generator/load"
)

// TestBrokenDocuments runs testdata/load/*.txtar: each archive's documents
// must fail to load with exactly the messages of its stderr file.
func TestBrokenDocuments(t *testing.T) {
	for _, c := range txtarcase.Load(t, "../../testdata/load/*.txtar") {
		t.Run(c.Name(), func(t *testing.T) {
			c.WriteInputs(t, "stderr")
			docs := strings.Fields(c.Options["docs"])
			_, err := load.Load(context.Background(), docs, load.Options{})
			if err == nil {
				t.Fatalf("%s: loading %v succeeded; want errors", c.Path, docs)
			}
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("%s: error is %T, not diag.List: %v", c.Path, err, err)
			}
			for _, p := range list {
				if p.Pos.File == "" || p.Pos.Line == 0 || p.Pos.Col == 0 {
					t.Errorf("%s: problem without a full position: %v", c.Path, p)
				}
			}
			c.Check(t, map[string][]byte{"stderr": []byte(err.Error() + "\n")}, "stderr")
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

// projectSpecs are the documents the project generates from.
var projectSpecs = []string{"spec/chat_v1.yaml", "spec/chat_v2.yaml", "spec/conversations_v1.yaml"}
