package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	if code, _, stderr := runCmd(t); code != 2 || !strings.Contains(stderr, "apigen: no spec documents given") {
		t.Errorf("no arguments: exit %d, stderr %q; want 2 and a usage message", code, stderr)
	}
	if code, _, stderr := runCmd(t, "-nosuchflag"); code != 2 || !strings.Contains(stderr, "usage: apigen") {
		t.Errorf("unknown flag: exit %d, stderr %q; want 2 and the usage", code, stderr)
	}
	if code, _, stderr := runCmd(t, "-h"); code != 0 || !strings.Contains(stderr, "-config") {
		t.Errorf("-h: exit %d, stderr %q; want 0 and the flags", code, stderr)
	}
	if code, _, stderr := runCmd(t, "-config", "nonexistent.json"); code != 2 || !strings.HasPrefix(stderr, "apigen: ") {
		t.Errorf("missing config: exit %d, stderr %q; want 2 and an apigen: message", code, stderr)
	}
}

// TestProjectIsFresh: generated/ is what the project's specs make (the
// same check as make check, through the command's code).
func TestProjectIsFresh(t *testing.T) {
	t.Chdir("../..")
	if code, stdout, stderr := runCmd(t, "-config", "apigen.json", "-check"); code != 0 || stdout != "" || stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestBrokenSpecReportsPositions(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "spec"), 0o755); err != nil {
		t.Fatal(err)
	}
	doc := "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses:\n        \"204\": {description: ok}\n"
	if err := os.WriteFile(filepath.Join(dir, "spec", "a.yaml"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	code, _, stderr := runCmd(t, "spec/a.yaml")
	want := "spec/a.yaml:5:5: operation GET /a has no operationId\napigen: 1 problem(s); nothing written\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1, stderr:\n%s", code, stderr, want)
	}
}
