package emit_test

import (
	"bytes"
	"context"
	"go/format"
	"os"
	"path/filepath"
	"testing"

	"github.com/apigen-dev/apigen/generator/emit"
	"github.com/apigen-dev/apigen/generator/gen"
	"github.com/apigen-dev/apigen/generator/internal/project"
	"github.com/apigen-dev/apigen/generator/synth"
)

// TestPiecesMakeTheWholeFile renders the project's packages, a synthetic
// one of 30 resources and Twilio's official documents (when they are
// there) with files cut into pieces of one, three and seven declarations:
// joined, the pieces must be byte for byte the files rendered whole, which
// are gofmt'd.
func TestPiecesMakeTheWholeFile(t *testing.T) {
	common, err := os.ReadFile("../../spec/common.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	spec, err := synth.Write(dir, 30, common)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := project.Read("../..")
	if err != nil {
		t.Fatal(err)
	}
	var projectSpecs []string
	for _, s := range cfg.Specs {
		projectSpecs = append(projectSpecs, filepath.Join("../..", s))
	}
	cases := map[string]gen.Config{
		"project":   {Specs: projectSpecs, Root: "../../spec", Out: "out", ImportPrefix: "example.com/gen", SIDNames: cfg.SIDNames, Packages: cfg.Packages},
		"synthetic": {Specs: []string{spec}, Out: "out", ImportPrefix: "example.com/gen"},
	}
	if oai, _ := filepath.Glob(filepath.Join(oaiDir, "*.json")); len(oai) > 0 {
		cases["official"] = gen.Config{Specs: oai, Root: oaiDir, Out: "out", ImportPrefix: "example.com/gen"}
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			restore := emit.SetPieceSize(1 << 30)
			whole, err := gen.Generate(context.Background(), c)
			restore()
			if err != nil {
				t.Fatal(err)
			}
			for _, size := range []int{1, 3, 7} {
				restore := emit.SetPieceSize(size)
				cut, err := gen.Generate(context.Background(), c)
				restore()
				if err != nil {
					t.Fatal(err)
				}
				if len(cut.Files) != len(whole.Files) {
					t.Fatalf("pieces of %d: %d files, whole: %d", size, len(cut.Files), len(whole.Files))
				}
				for i, f := range cut.Files {
					w := whole.Files[i]
					if f.Path != w.Path || !bytes.Equal(f.Data, w.Data) {
						t.Errorf("pieces of %d: %s differs from %s rendered whole:\n%s", size, f.Path, w.Path, firstDiff(f.Data, w.Data))
					}
				}
			}
			for _, f := range whole.Files {
				if formatted, err := format.Source(f.Data); err != nil || !bytes.Equal(formatted, f.Data) {
					t.Errorf("%s is not gofmt'd (%v)", f.Path, err)
				}
			}
		})
	}
}

// firstDiff shows the lines around the first difference of a and b.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	start := max(0, bytes.LastIndexByte(a[:i], '\n')-200)
	return "got:  …" + string(a[start:min(len(a), i+100)]) + "\nwant: …" + string(b[start:min(len(b), i+100)])
}
