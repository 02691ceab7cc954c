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

// TestExampleMismatchWarnsUnlessStrict: an example that does not match its
// schema is a positioned warning and generation goes on; with -strict (or
// "strict": true in the config) it is a problem and nothing is written.
func TestExampleMismatchWarnsUnlessStrict(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	doc := `{
  "openapi": "3.0.3",
  "info": {"title": "t", "version": "1", "x-go-package": "things"},
  "paths": {"/things": {"get": {
    "operationId": "FetchThing",
    "responses": {"200": {"description": "ok", "content": {"application/json": {
      "schema": {"type": "object", "properties": {"count": {"type": "integer"}}},
      "example": {"count": "many"}}}}}}}}
}
`
	write(t, filepath.Join(dir, "spec", "a.json"), doc)
	write(t, filepath.Join(dir, "strict.json"), `{"specs": ["spec/a.json"], "strict": true}`)
	t.Chdir(dir)
	warning := "spec/a.json:8:28: warning: invalid paths: invalid path /things: invalid operation GET: invalid example: value at /count: value must be an integer\n"

	code, stdout, stderr := runCmd(t, "spec/a.json")
	if code != 0 || stderr != warning || !strings.Contains(stdout, "file(s) written") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 0 and the warning:\n%s", code, stdout, stderr, warning)
	}
	if _, err := os.Stat(filepath.Join("generated", "things", "client.go")); err != nil {
		t.Errorf("nothing generated despite a mere warning: %v", err)
	}

	problem := strings.Replace(warning, "warning: ", "", 1) + "apigen: 1 problem(s); nothing written\n"
	for _, args := range [][]string{{"-strict", "-out", "strict", "spec/a.json"}, {"-config", "strict.json", "-out", "strict"}} {
		code, _, stderr = runCmd(t, args...)
		if code != 1 || stderr != problem {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit 1, stderr:\n%s", args, code, stderr, problem)
		}
		if _, err := os.Stat("strict"); !os.IsNotExist(err) {
			t.Errorf("%v: wrote strict/ (%v)", args, err)
		}
	}
}

// TestSIDNamesConfig: sid_names in the config names a SID kind that no
// component schema names, packages names a document's package before its
// x-go-package; a bad entry of either is a usage error.
func TestSIDNamesConfig(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "spec", "a.yaml"), `openapi: 3.0.3
info: {title: t, version: "1", x-go-package: things}
paths:
  /things/{Sid}:
    get:
      operationId: FetchThing
      parameters:
        - {name: Sid, in: path, required: true, schema: {type: string, pattern: '^CH[0-9a-fA-F]{32}$'}}
      responses:
        "204": {description: ok}
`)
	write(t, filepath.Join(dir, "good.json"), `{"specs": ["spec/a.yaml"], "sid_names": {"CH": "ChannelSID"}, "packages": {"spec/a.yaml": "chatthings"}}`)
	write(t, filepath.Join(dir, "badpkg.json"), `{"specs": ["spec/a.yaml"], "packages": {"spec/b.yaml": "b"}}`)
	write(t, filepath.Join(dir, "bad.json"), `{"specs": ["spec/a.yaml"], "sid_names": {"CH": "channel"}}`)
	t.Chdir(dir)
	if code, _, stderr := runCmd(t, "-config", "good.json"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join("generated", "twilio", "sid.go"))
	if err != nil || !strings.Contains(string(data), "\ntype ChannelSID string\n") {
		t.Errorf("sid.go does not declare ChannelSID (%v):\n%s", err, data)
	}
	if _, err := os.Stat(filepath.Join("generated", "chatthings", "client.go")); err != nil {
		t.Errorf("the package is not the one packages names: %v", err)
	}
	if code, _, stderr := runCmd(t, "-config", "badpkg.json"); code != 2 || !strings.Contains(stderr, `packages: "spec/b.yaml" is not one of the documents`) {
		t.Errorf("exit %d, stderr %q; want 2 and the unknown document named", code, stderr)
	}
	code, _, stderr := runCmd(t, "-config", "bad.json")
	if want := `apigen: bad.json: sid_names: "CH": "channel" must be two capital letters naming an exported Go identifier` + "\n"; code != 2 || stderr != want {
		t.Errorf("exit %d, stderr %q; want 2, %q", code, stderr, want)
	}
}

// TestConfigUnknownKey: a key the config does not know ("outt" for "out")
// is a usage error naming the key and the file, not silently ignored.
func TestConfigUnknownKey(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "typo.json"), `{"specs": ["spec/a.yaml"], "outt": "elsewhere"}`)
	t.Chdir(dir)
	code, stdout, stderr := runCmd(t, "-config", "typo.json")
	want := `apigen: typo.json: unknown key "outt" (known: specs, root, out, strict, sid_names, packages)` + "\n"
	if code != 2 || stderr != want || stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2, %q", code, stdout, stderr, want)
	}
	write(t, filepath.Join(dir, "two.json"), `{"specs": []} {"out": "x"}`)
	if code, _, stderr := runCmd(t, "-config", "two.json"); code != 2 || !strings.HasPrefix(stderr, "apigen: two.json: ") {
		t.Errorf("two values: exit %d, stderr %q; want 2 and the file named", code, stderr)
	}
}

// TestMisspeltExtensionWarns: the command prints a near miss of one of the
// generator's extensions as a positioned warning and goes on.
func TestMisspeltExtensionWarns(t *testing.T) {
	module(t)
	data, _ := os.ReadFile("spec/api.yaml")
	write(t, "spec/api.yaml", strings.Replace(string(data), "x-json-string: true", "x-json-strng: true", 1))
	code, _, stderr := runCmd(t, "-out", "gen", "spec/api.yaml")
	want := "spec/api.yaml:25:62: warning: unknown extension x-json-strng; did you mean x-json-string?\n"
	if code != 0 || stderr != want {
		t.Errorf("exit %d, stderr %q; want 0, %q", code, stderr, want)
	}
}

// TestVersionAndVerbose: -version prints one line from the build info; -v
// says what was loaded, generated and written, and then that a second run
// found everything up to date.
func TestVersionAndVerbose(t *testing.T) {
	code, stdout, _ := runCmd(t, "-version")
	if code != 0 || !strings.HasPrefix(stdout, "apigen ") || !strings.Contains(stdout, " go1.") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("-version: exit %d, stdout %q; want 0 and one line with the Go version", code, stdout)
	}
	module(t)
	code, stdout, stderr := runCmd(t, "-v", "-out", "gen", "spec/api.yaml")
	if code != 0 {
		t.Fatalf("-v: exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"apigen: loaded spec/api.yaml: ", "apigen: generated ", "apigen: wrote gen/", "file(s) written, 0 removed"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("-v first run: stdout lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runCmd(t, "-v", "-out", "gen", "spec/api.yaml")
	if code != 0 || !strings.Contains(stdout, "apigen: gen: up to date, nothing written\n") || strings.Contains(stdout, "apigen: wrote ") {
		t.Errorf("-v second run: exit %d, stdout:\n%s", code, stdout)
	}
	if code, stdout, _ = runCmd(t, "-out", "gen", "spec/api.yaml"); code != 0 || stdout != "" {
		t.Errorf("quiet run with nothing to write: exit %d, stdout %q; want 0 and nothing", code, stdout)
	}
}
