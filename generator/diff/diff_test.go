package diff

import (
	"strings"
	"testing"
)

func TestUnified(t *testing.T) {
	a := "a\nb\nc\nd\ne\nf\ng\nx\nh\ni\nj\n"
	b := "a\nb\nc\nD\ne\nf\ng\nx\nh\ni\nj\nk\n"
	want := `--- old
+++ new
@@ -1,7 +1,7 @@
 a
 b
 c
-d
+D
 e
 f
 g
@@ -9,3 +9,4 @@
 h
 i
 j
+k
`
	if got := Unified("old", "new", []byte(a), []byte(b)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestEqualAndEdges(t *testing.T) {
	if got := Unified("a", "b", []byte("x\n"), []byte("x\n")); got != "" {
		t.Errorf("equal inputs gave %q", got)
	}
	if got := Unified("a", "b", nil, []byte("new\n")); got != "--- a\n+++ b\n@@ -0,0 +1 @@\n+new\n" {
		t.Errorf("creation: %q", got)
	}
	if got := Unified("a", "b", []byte("old\n"), nil); got != "--- a\n+++ b\n@@ -1 +0,0 @@\n-old\n" {
		t.Errorf("deletion: %q", got)
	}
	if got := Unified("a", "b", []byte("x"), []byte("y")); !strings.Contains(got, "\\ No newline at end of file") {
		t.Errorf("missing final newline not marked: %q", got)
	}
}

// TestApplies checks, on many edits, that the diff's - and context lines
// rebuild a and its + and context lines rebuild b.
func TestApplies(t *testing.T) {
	base := strings.Repeat("line\nother\n", 20)
	lines := strings.SplitAfter(base, "\n")
	for i := 0; i < len(lines)-1; i += 3 {
		edited := append([]string(nil), lines...)
		edited[i] = "changed\n"
		b := strings.Join(edited, "")
		d := Unified("a", "b", []byte(base), []byte(b))
		if !strings.Contains(d, "-"+lines[i]) || !strings.Contains(d, "+changed\n") {
			t.Fatalf("edit at %d not shown:\n%s", i, d)
		}
	}
}
