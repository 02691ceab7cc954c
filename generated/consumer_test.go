package generated_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// consumerMain is a program another team would write: two API packages and
// the in-process fake, nothing else.
const consumerMain = `package main

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/fake"
	"github.com/apigen-dev/apigen/generated/twilio"
)

func main() {
	f, err := fake.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	ctx := context.Background()
	svc := twilio.ServiceSID("IS00000000000000000000000000000003")
	chat, err := chatv2.NewClient(f.ChatOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	conv, err := conversationsv1.NewClient(f.ConversationsOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := chat.CreateUser(ctx, svc, chatv2.CreateUserParams{Identity: "carol"}); err != nil {
		log.Fatal(err)
	}
	_, err = conv.CreateUser(ctx, svc, conversationsv1.CreateUserParams{Identity: "carol"})
	n := 0
	for _, err := range conv.ListUsersAll(ctx, svc, conversationsv1.ListUsersParams{}, 0) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(errors.Is(err, twilio.ErrConflict), n)
}
`

// TestConsumerModule builds and runs a program in a module of its own,
// outside the repository, that requires only this module, and checks that
// its module graph holds nothing else: the generated packages and the fake
// bring no dependency to their users.
func TestConsumerModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	here, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := "module example.com/consumer\n\ngo 1.26.0\n\nrequire github.com/apigen-dev/apigen/generated v0.0.0\n\n" +
		"replace github.com/apigen-dev/apigen/generated => " + here + "\n"
	for name, content := range map[string]string{"go.mod": gomod, "main.go": consumerMain} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gocmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		// No workspace, no module proxy: only this module may be found.
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	if got := gocmd("run", "."); got != "true 1\n" {
		t.Errorf("the program printed %q, want %q", got, "true 1\n")
	}
	mods := strings.Fields(gocmd("list", "-m", "-f", "{{.Path}}", "all"))
	if strings.Join(mods, " ") != "example.com/consumer github.com/apigen-dev/apigen/generated" {
		t.Errorf("the consumer's module graph is %v; want itself and github.com/apigen-dev/apigen/generated only", mods)
	}
}
