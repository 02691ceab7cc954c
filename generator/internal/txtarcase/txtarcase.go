// Package txtarcase runs the generator's golden cases: txtar archives whose
// comment holds "key: value" options, whose input files are written to a
// temporary folder, and whose expected outputs are compared with what the
// code under test produced, or rewritten under -update.
package txtarcase

import (
	"bytes"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/apigen-dev/apigen/generator/diff"
)

// Update is the -update flag shared by every golden test.
var Update = flag.Bool("update", false, "rewrite golden files with the actual output")

// Case is one archive.
type Case struct {
	Path    string
	Archive *txtar.Archive
	Options map[string]string
	Dir     string // the folder the input files were written to
}

// Load reads every archive matching pattern.
func Load(t testing.TB, pattern string) []*Case {
	t.Helper()
	abs, err := filepath.Abs(pattern)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(abs)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no golden cases match %s", pattern)
	}
	var out []*Case
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := &Case{Path: p, Archive: a, Options: map[string]string{}}
		for _, line := range strings.Split(string(a.Comment), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && !strings.Contains(k, " ") {
				c.Options[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		out = append(out, c)
	}
	return out
}

// Name is the case's name: its file name without extension.
func (c *Case) Name() string {
	return strings.TrimSuffix(filepath.Base(c.Path), ".txtar")
}

// WriteInputs writes every file whose name does not start with one of the
// output prefixes into a fresh temporary folder, changes into that folder for
// the rest of the test, and returns it.
func (c *Case) WriteInputs(t *testing.T, outputPrefixes ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range c.Archive.Files {
		if isOutput(f.Name, outputPrefixes) {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	c.Dir = dir
	return dir
}

func isOutput(name string, prefixes []string) bool {
	for _, p := range prefixes {
		if name == p || strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// File returns the data of the named file, and whether it exists.
func (c *Case) File(name string) ([]byte, bool) {
	for _, f := range c.Archive.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

// Files returns the names of the files that start with prefix.
func (c *Case) Files(prefix string) []string {
	var out []string
	for _, f := range c.Archive.Files {
		if strings.HasPrefix(f.Name, prefix) {
			out = append(out, f.Name)
		}
	}
	return out
}

// Check compares the actual outputs (name -> data) with the archive's files
// of the same prefix set; with -update it rewrites them instead. Every
// expected file must be produced and every produced file expected.
func (c *Case) Check(t *testing.T, got map[string][]byte, outputPrefixes ...string) {
	t.Helper()
	if *Update {
		var files []txtar.File
		for _, f := range c.Archive.Files {
			if !isOutput(f.Name, outputPrefixes) {
				files = append(files, f)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(got)) {
			files = append(files, txtar.File{Name: name, Data: got[name]})
		}
		c.Archive.Files = files
		if err := os.WriteFile(c.Path, txtar.Format(c.Archive), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, f := range c.Archive.Files {
		if !isOutput(f.Name, outputPrefixes) {
			continue
		}
		data, ok := got[f.Name]
		if !ok {
			t.Errorf("%s: expected output %s was not produced", c.Path, f.Name)
			continue
		}
		if !bytes.Equal(data, f.Data) {
			t.Errorf("%s: %s differs from the golden file (run with -update after reading the diff):\n%s", c.Path, f.Name, diff.Unified("want/"+f.Name, "got/"+f.Name, f.Data, data))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if _, ok := c.File(name); !ok {
			t.Errorf("%s: unexpected output %s:\n%s", c.Path, name, got[name])
		}
	}
}
