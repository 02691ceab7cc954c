//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefusesLinkedPackageFolder: a package folder under the output that
// is a symbolic link, or lies in a linked folder, is refused, not written
// through; nothing is written at all.
func TestRefusesLinkedPackageFolder(t *testing.T) {
	for _, c := range []struct{ link, want string }{
		{"gen/things", "gen/things is a symbolic link"},
		{"gen/internal", "gen/internal is a symbolic link"},
	} {
		t.Run(strings.ReplaceAll(c.link, "/", "_"), func(t *testing.T) {
			dir := module(t)
			elsewhere := filepath.Join(dir, "elsewhere")
			write(t, filepath.Join(elsewhere, "keep.txt"), "mine\n")
			if err := os.MkdirAll(filepath.Dir(c.link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(elsewhere, c.link); err != nil {
				t.Fatal(err)
			}
			before := tree(t, dir)
			code, stdout, stderr := runCmd(t, "-out", "gen", "spec/api.yaml")
			if code != 1 || !strings.Contains(stderr, c.want) || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 1 and %q", code, stdout, stderr, c.want)
			}
			after := tree(t, dir)
			if len(after) != len(before) {
				t.Errorf("%d files and folders before, %d after", len(before), len(after))
			}
			for p, v := range before {
				if after[p] != v {
					t.Errorf("%s changed", p)
				}
			}
			if code, _, stderr := runCmd(t, "-check", "-out", "gen", "spec/api.yaml"); code != 1 || !strings.Contains(stderr, c.want) {
				t.Errorf("-check: exit %d, stderr %q; want 1 and %q", code, stderr, c.want)
			}
		})
	}
}

// TestRefusesLinkedSpec: a document that is a symbolic link out of the
// spec folder, and /dev/zero, are refused with their paths.
func TestRefusesLinkedSpec(t *testing.T) {
	dir := module(t)
	write(t, filepath.Join(dir, "outside", "api.yaml"), "openapi: 3.0.3\n")
	if err := os.Symlink("../outside/api.yaml", "spec/evil.yaml"); err != nil {
		t.Fatal(err)
	}
	for args, want := range map[string]string{
		"spec/evil.yaml": "spec/evil.yaml: refusing to read: it leads to outside/api.yaml, outside the spec folder spec\napigen: 1 problem(s); nothing written\n",
		"/dev/zero":      "/dev/zero: refusing to read: it is not a regular file (device)\napigen: 1 problem(s); nothing written\n",
	} {
		code, _, stderr := runCmd(t, "-out", "gen", args)
		if code != 1 || stderr != want {
			t.Errorf("%s: exit %d, stderr %q; want 1, %q", args, code, stderr, want)
		}
	}
	if _, err := os.Stat("gen"); !os.IsNotExist(err) {
		t.Errorf("gen written: %v", err)
	}
}
