package load

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	yaml "github.com/oasdiff/yaml3"
)

// sameTree reports where two trees differ, or "".
func sameTree(a, b *yaml.Node, at string) string {
	if a == nil || b == nil {
		if a != b {
			return at + ": one tree ends"
		}
		return ""
	}
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content) {
		return at + ": " + describe(a) + " against " + describe(b)
	}
	for i := range a.Content {
		if d := sameTree(a.Content[i], b.Content[i], at+"/"+a.Content[i].Value); d != "" {
			return d
		}
	}
	return ""
}

func describe(n *yaml.Node) string {
	return strings.Join([]string{n.Tag, n.Value, itoa(n.Line) + ":" + itoa(n.Column), itoa(len(n.Content)) + " children"}, " ")
}

func itoa(i int) string { return strconv.Itoa(i) }

// checkFast holds the fast parser to the Decoder's: the same tree where it
// accepts the input, and no input the Decoder refuses.
func checkFast(t testing.TB, data []byte) {
	fast, ok := fastParseJSON(data)
	slow, _, _, err := decodeJSON(data)
	if !ok {
		return // parseJSON falls back to the Decoder: same result by construction
	}
	if err != nil {
		t.Fatalf("the fast parser accepts what the Decoder refuses (%v): %q", err, data)
	}
	if d := sameTree(fast, slow, ""); d != "" {
		t.Fatalf("trees differ at %s", d)
	}
}

func TestFastParseJSON(t *testing.T) {
	docs, _ := filepath.Glob("../../../shared/oai/*.json")
	for _, doc := range docs {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := fastParseJSON(data); !ok {
			t.Errorf("%s: the fast parser refused it", doc)
		}
		checkFast(t, data)
	}
	for _, s := range fastSeeds {
		checkFast(t, []byte(s))
	}
	if _, ok := fastParseJSON([]byte(strings.Repeat("[", 20000) + strings.Repeat("]", 20000))); ok {
		t.Error("the fast parser followed 20000 levels")
	}
}

var fastSeeds = []string{
	`{"a":[1,2.5,"x\ud83d\udc4d",null,true]}`, `[]`, `"s"`, `{"a":{"b":{}}}`, "{\n\"é\": 1}", `{"a":1,}`,
	"{\r\n\t\"k\" : [ -0.5e+10 , 0 , 12345678901234567890 , -9223372036854775808 ]\n}",
	"{\"é\": {\"ü\": \"ça\", \"x\": \"\xff\xfe\"}, \"a\\u0062\": 1}", `{"a": tru}`, `{"a": 01}`, `{"a": 1.}`,
	`{"a": -}`, `{"a": "b}`, "{\"a\": \"\x01\"}", `{"a" 1}`, `[1 2]`, `{} {}`, `nul`, `1e`, `"\q"`,
	"[\n\n  {\"x\":\n\"y\"}]", `{"k":"v","k":"w"}`,
}

// FuzzFastParseJSON: the fast parser and the Decoder agree on any input.
func FuzzFastParseJSON(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkFast(t, data) })
}
