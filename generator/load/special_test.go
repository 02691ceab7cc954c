//go:build unix

package load_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/apigen-dev/apigen/generator/load"
)

const (
	fragment = "components:\n  schemas:\n    Secret: {type: string, description: SECRET}\n"
	docHead  = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\n"
)

// refDoc is a document whose one operation answers with the schema at ref.
func refDoc(ref string) string {
	return docHead + `paths:
  /a:
    get:
      operationId: FetchA
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '` + ref + `'}
`
}

// special lays out a folder with spec/ (the root) and outside/, the
// latter holding a document and a fragment the former's links lead to,
// and changes into it.
func special(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"outside/secret.yaml": fragment,
		"outside/doc.yaml":    refDoc("secret.yaml#/components/schemas/Secret"),
		"spec/common.yaml":    fragment,
		"spec/ok.yaml":        refDoc("alias.yaml#/components/schemas/Secret"),
		"spec/viafile.yaml":   refDoc("link.yaml#/components/schemas/Secret"),
		"spec/viadir.yaml":    refDoc("dir/secret.yaml#/components/schemas/Secret"),
		"spec/viafifo.yaml":   refDoc("fifo.yaml#/components/schemas/Secret"),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"spec/alias.yaml": "common.yaml",            // stays in the root: fine
		"spec/link.yaml":  "../outside/secret.yaml", // a file leading out
		"spec/dir":        "../outside",             // a folder leading out
		"spec/evil.yaml":  "../outside/doc.yaml",    // a named document leading out
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "spec", "fifo.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "spec", "big.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(load.MaxFileSize + 1); err != nil { // sparse: costs nothing
		t.Fatal(err)
	}
	big.Close()
	t.Chdir(dir)
}

// loadWithin loads docs and fails the test rather than hang on a FIFO.
func loadWithin(t *testing.T, docs []string, opts load.Options) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := load.Load(context.Background(), docs, opts)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatalf("loading %v hangs", docs)
		return nil
	}
}

// TestRefusesLinksOutAndSpecialFiles: a document or $ref target that is a
// symbolic link (or lies in a linked folder) leading out of the root is
// refused with its path, and so is anything that is not a regular file
// (a FIFO would hang, /dev/zero exhaust memory) or is too large. A link
// that stays inside the root is followed.
func TestRefusesLinksOutAndSpecialFiles(t *testing.T) {
	special(t)
	if err := loadWithin(t, []string{"spec/ok.yaml"}, load.Options{}); err != nil {
		t.Fatalf("a link inside the root is refused: %v", err)
	}
	for _, c := range []struct {
		docs []string
		root string
		want string
	}{
		{[]string{"spec/evil.yaml"}, "", "spec/evil.yaml: refusing to read: it leads to outside/doc.yaml, outside the spec folder spec"},
		{[]string{"spec/viafile.yaml"}, "", `spec/viafile.yaml:12:30: $ref "link.yaml#/components/schemas/Secret": spec/link.yaml leads to outside/secret.yaml, outside the spec folder spec`},
		{[]string{"spec/viadir.yaml"}, "", `spec/viadir.yaml:12:30: $ref "dir/secret.yaml#/components/schemas/Secret": spec/dir/secret.yaml leads to outside/secret.yaml, outside the spec folder spec`},
		{[]string{"spec/fifo.yaml"}, "", "spec/fifo.yaml: refusing to read: it is not a regular file (named pipe)"},
		{[]string{"spec/viafifo.yaml"}, "", `spec/viafifo.yaml:12:30: $ref "fifo.yaml#/components/schemas/Secret": spec/fifo.yaml is not a regular file (named pipe)`},
		{[]string{"/dev/zero"}, "", "/dev/zero: refusing to read: it is not a regular file (device)"},
		{[]string{"spec/big.yaml"}, "", "spec/big.yaml: refusing to read: it is 33554433 bytes, more than the limit of 32 MiB"},
	} {
		err := loadWithin(t, c.docs, load.Options{Root: c.root})
		if err == nil || err.Error() != c.want {
			t.Errorf("%v: error\n%v\nwant\n%s", c.docs, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "SECRET") {
			t.Errorf("%v: the content outside the root was read: %v", c.docs, err)
		}
	}
}
