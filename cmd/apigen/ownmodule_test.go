package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOwnModule is the README's "generate your own": apigen run in another
// team's module on its copy of the documents writes packages that build and
// vet there with no module proxy, and the module requires nothing.
func TestOwnModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	dir := t.TempDir()
	for _, f := range []string{"chat_v2.yaml", "conversations_v1.yaml", "common.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "spec", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "api"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "api", f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/you\n\ngo 1.26.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if code, _, stderr := runCmd(t, "-root", "api", "-out", "internal/twilioapi", "api/chat_v2.yaml", "api/conversations_v1.yaml"); code != 0 {
		t.Fatalf("apigen: exit %d\n%s", code, stderr)
	}
	gocmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	gocmd("vet", "./...")
	pkgs := strings.Fields(gocmd("list", "./..."))
	want := []string{"example.com/you/internal/twilioapi/chatv2", "example.com/you/internal/twilioapi/conversationsv1",
		"example.com/you/internal/twilioapi/internal/apigen", "example.com/you/internal/twilioapi/twilio"}
	if strings.Join(pkgs, " ") != strings.Join(want, " ") {
		t.Errorf("packages %v, want %v", pkgs, want)
	}
	if mods := strings.TrimSpace(gocmd("list", "-m", "all")); mods != "example.com/you" {
		t.Errorf("module graph %q, want the module alone", mods)
	}
}
