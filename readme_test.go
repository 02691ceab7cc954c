package apigen

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// goBlock is a ```go block of the README.
var goBlock = regexp.MustCompile("(?s)```go\n(.*?)```")

// TestReadmeSnippetsCompile: every Go block of the README is a complete
// file that builds and vets as the README shows it, each in a package of
// its own in a module that requires only the consumers' module. A block
// whose package ends in _test is a test file, and it runs.
func TestReadmeSnippetsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := goBlock.FindAllSubmatch(readme, -1)
	if len(blocks) == 0 {
		t.Fatal("the README has no Go block")
	}
	generated, err := filepath.Abs("generated")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := "module example.com/readme\n\ngo 1.26.0\n\nrequire github.com/apigen-dev/apigen/generated v0.0.0\n\n" +
		"replace github.com/apigen-dev/apigen/generated => " + generated + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	pkgClause := regexp.MustCompile(`(?m)^package (\w+)`)
	for i, b := range blocks {
		src := b[1]
		m := pkgClause.FindSubmatch(src)
		if m == nil {
			t.Errorf("Go block %d of the README is not a complete file (no package clause):\n%s", i+1, src)
			continue
		}
		name := "main.go"
		if strings.HasSuffix(string(m[1]), "_test") {
			name = "snippet_test.go"
		}
		pkg := filepath.Join(dir, "block"+string(rune('a'+i)))
		if err := os.MkdirAll(pkg, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(pkg, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// vet builds every block; test runs the test blocks against the fake.
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s of the README's Go blocks (blocka is the first): %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}
