package templates

import (
	"bytes"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

var bothPackages = []Package{Public, Internal}

// TestEmbedsEverySourceFile: the embedded files are exactly the non-test Go
// files of each folder, as they are on disk, sorted.
func TestEmbedsEverySourceFile(t *testing.T) {
	for _, p := range bothPackages {
		entries, err := os.ReadDir(p.Dir())
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, e := range entries {
			if n := e.Name(); !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
				want = append(want, n)
			}
		}
		var got []string
		for _, f := range p.Files() {
			got = append(got, f.Name)
			disk, err := os.ReadFile(path.Join(p.Dir(), f.Name))
			if err != nil || !bytes.Equal(disk, f.Data) {
				t.Errorf("%s/%s: embedded data differs from the file (%v)", p, f.Name, err)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: embedded %q; want %q (update the //go:embed lines of embed.go)", p, got, want)
		}
	}
}

func TestPackageNames(t *testing.T) {
	if Public.Name() != "twilio" || Public.Dir() != "runtime" {
		t.Errorf("Public = %s %s", Public.Name(), Public.Dir())
	}
	if Internal.Name() != "apigen" || Internal.Dir() != "runtime/internal/apigen" {
		t.Errorf("Internal = %s %s", Internal.Name(), Internal.Dir())
	}
	if want := "github.com/apigen-dev/apigen/templates/" + Public.Dir(); PublicImportPath != want {
		t.Errorf("PublicImportPath = %q; want %q", PublicImportPath, want)
	}
}

// typeCheck type-checks the embedded source of both packages with go/types,
// independently of Declared and ClientOptions.
func typeCheck(t *testing.T) map[Package]*types.Package {
	t.Helper()
	fset := token.NewFileSet()
	std := importer.ForCompiler(fset, "gc", nil)
	out := map[Package]*types.Package{}
	imp := importerFunc(func(p string) (*types.Package, error) {
		if p == PublicImportPath && out[Public] != nil {
			return out[Public], nil
		}
		return std.Import(p)
	})
	for _, p := range bothPackages {
		var files []*ast.File
		for _, f := range p.Files() {
			af, err := parser.ParseFile(fset, f.Name, f.Data, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, af)
		}
		conf := types.Config{Importer: imp}
		pkg, err := conf.Check(p.Dir(), fset, files, nil)
		if err != nil {
			t.Fatalf("type-checking %s: %v", p, err)
		}
		out[p] = pkg
	}
	return out
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(p string) (*types.Package, error) { return f(p) }

// TestDeclared: Declared is what go/types finds at package scope.
func TestDeclared(t *testing.T) {
	pkgs := typeCheck(t)
	for _, p := range bothPackages {
		want := pkgs[p].Scope().Names() // sorted
		got := p.Declared()
		if !slices.Equal(got, want) {
			t.Errorf("%s: Declared() = %q;\nwant %q", p, got, want)
		}
	}
	// A few names each package must declare, and none of the other's:
	// the split between consumer API and plumbing.
	for _, tc := range []struct {
		p          Package
		has, lacks []string
	}{
		{Public,
			[]string{"Opt", "Some", "Null", "NullOf", "Time", "ParseTime", "JSONString", "JSONOf", "Error", "NewError", "CodeNotFound", "ParamError", "PageMeta", "ClientOption", "ClientSettings", "WithBaseURL", "RetryPolicy", "WriteError", "PathSegment", "MaxFormBytes", "validSID"},
			[]string{"Core", "NewCore", "Call", "Iterate", "ReadForm", "WriteJSON", "Routes", "Recover", "NotImplemented", "HasNext", "ParseBool"}},
		{Internal,
			[]string{"Core", "NewCore", "Call", "Iterate", "ReadForm", "ReadQuery", "Value", "HeaderValue", "ParseInt", "ParseBool", "WriteJSON", "Recover", "Routes", "NotImplemented"},
			[]string{"Opt", "Error", "WriteError", "ClientOption", "Do", "DoURL", "ErrorFromResponse", "NotFoundHandler"}},
	} {
		d := tc.p.Declared()
		for _, n := range tc.has {
			if !slices.Contains(d, n) {
				t.Errorf("%s does not declare %s", tc.p, n)
			}
		}
		for _, n := range tc.lacks {
			if slices.Contains(d, n) {
				t.Errorf("%s declares %s", tc.p, n)
			}
		}
	}
	// The result is a copy.
	d := Public.Declared()
	d[0] = "changed"
	if Public.Declared()[0] == "changed" {
		t.Errorf("Declared returns the package's own slice")
	}
}

func TestClientOptions(t *testing.T) {
	str := Type{Kind: Builtin, Name: "string"}
	want := []struct {
		name   string
		params []Param
	}{
		{"WithCredentials", []Param{{"accountSID", str}, {"authToken", str}}},
		{"WithAPIKey", []Param{{"accountSID", str}, {"apiKeySID", str}, {"apiKeySecret", str}}},
		{"WithBaseURL", []Param{{"rawURL", str}}},
		{"WithHTTPClient", []Param{{"hc", Type{Kind: Pointer, Elem: &Type{Kind: Qualified, Name: "Client", ImportPath: "net/http"}}}}},
		{"WithUserAgent", []Param{{"suffix", str}}},
		{"WithRetry", []Param{{"p", Type{Kind: Declared, Name: "RetryPolicy"}}}},
		{"WithMaxResponseBytes", []Param{{"n", Type{Kind: Builtin, Name: "int64"}}}},
	}
	got := ClientOptions()
	if len(got) != len(want) {
		t.Fatalf("%d options; want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Name != w.name || !reflect.DeepEqual(g.Params, w.params) {
			t.Errorf("option %d = %s %+v; want %s %+v", i, g.Name, g.Params, w.name, w.params)
		}
		if !strings.HasPrefix(g.Doc, g.Name+" ") || strings.HasSuffix(g.Doc, "\n") || strings.Contains(g.Doc, "//") {
			t.Errorf("%s: doc %q; want the doc comment's text", g.Name, g.Doc)
		}
	}
	if got[3].Params[0].Type.String() != `*"net/http".Client` || got[5].Params[0].Type.String() != "RetryPolicy" {
		t.Errorf("Type.String() = %s, %s", got[3].Params[0].Type, got[5].Params[0].Type)
	}
	// The docs are the source's, which go/ast reads the same way.
	if !strings.Contains(got[3].Doc, "[http.Client] with a 30-second timeout") {
		t.Errorf("WithHTTPClient doc = %q; want the default client documented", got[3].Doc)
	}

	// Every exported function of the public package that returns a
	// ClientOption is listed, and nothing else; go/types agrees on the
	// parameters.
	pub := typeCheck(t)[Public]
	opt := pub.Scope().Lookup("ClientOption").Type()
	var names []string
	for _, n := range pub.Scope().Names() {
		fn, ok := pub.Scope().Lookup(n).(*types.Func)
		if !ok || !fn.Exported() {
			continue
		}
		sig := fn.Type().(*types.Signature)
		if sig.Results().Len() != 1 || !types.Identical(sig.Results().At(0).Type(), opt) {
			continue
		}
		names = append(names, n)
		i := slices.IndexFunc(got, func(o ClientOption) bool { return o.Name == n })
		if i < 0 {
			continue
		}
		if sig.Params().Len() != len(got[i].Params) {
			t.Errorf("%s: %d parameters; go/types sees %d", n, len(got[i].Params), sig.Params().Len())
			continue
		}
		for j := range sig.Params().Len() {
			v := sig.Params().At(j)
			want := types.TypeString(v.Type(), func(p *types.Package) string {
				if p == pub {
					return ""
				}
				return `"` + p.Path() + `"`
			})
			if p := got[i].Params[j]; p.Name != v.Name() || p.Type.String() != want {
				t.Errorf("%s parameter %d = %s %s; go/types sees %s %s", n, j, p.Name, p.Type, v.Name(), want)
			}
		}
	}
	var gotNames []string
	for _, o := range got {
		gotNames = append(gotNames, o.Name)
	}
	slices.Sort(gotNames)
	if !slices.Equal(gotNames, names) {
		t.Errorf("options %q; go/types finds %q", gotNames, names)
	}

	// The result is a copy.
	got[0].Params[0].Name = "changed"
	if ClientOptions()[0].Params[0].Name == "changed" {
		t.Errorf("ClientOptions returns the package's own slices")
	}
}

// TestParseErrors: source that the parser cannot describe is an error, not
// a wrong description.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"syntax", "package twilio\nfunc (", "expected"},
		{"wrong package", "package other\n", "is package other, not twilio"},
		{"func type", "package twilio\ntype ClientOption func()\n// WithF sets f.\nfunc WithF(f func()) ClientOption { return nil }\n", "not supported"},
		{"variadic", "package twilio\ntype ClientOption func()\n// WithS sets s.\nfunc WithS(s ...string) ClientOption { return nil }\n", "not supported"},
		{"unknown type", "package twilio\ntype ClientOption func()\n// WithX sets x.\nfunc WithX(x Nowhere) ClientOption { return nil }\n", "neither predeclared nor declared"},
		{"unknown import", "package twilio\ntype ClientOption func()\n// WithX sets x.\nfunc WithX(x http.Client) ClientOption { return nil }\n", "no import named http"},
		{"no doc", "package twilio\ntype ClientOption func()\nfunc WithX(x int) ClientOption { return nil }\n", "has no doc comment"},
		{"unnamed parameter", "package twilio\ntype ClientOption func()\n// WithX sets x.\nfunc WithX(int) ClientOption { return nil }\n", "unnamed parameter"},
		{"type parameters", "package twilio\ntype ClientOption func()\n// WithX sets x.\nfunc WithX[T any](x T) ClientOption { return nil }\n", "type parameters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"runtime/a.go": {Data: []byte(tt.src)}}
			pp, err := parsePackage(fsys, Public)
			if err == nil {
				_, err = parseClientOptions(pp)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v; want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := parsePackage(fstest.MapFS{"runtime/a_test.go": {Data: []byte("package twilio\n")}}, Public); err == nil {
		t.Errorf("a package of test files only parsed")
	}
}

// TestParseTypes: the shapes of parameter types, with aliased and versioned
// imports.
func TestParseTypes(t *testing.T) {
	src := `package twilio

import (
	"math/rand/v2"
	nh "net/http"
)

type ClientOption func()

type Policy struct{}

// WithAll sets everything.
func WithAll(a, b int, c *Policy, d nh.Header, e *rand.Rand, f **string) ClientOption { return nil }

// NotAnOption returns something else.
func NotAnOption(x int) int { return x }

// withHidden is not exported.
func withHidden(x int) ClientOption { return nil }

// Two results are not an option.
func WithTwo(x int) (ClientOption, error) { return nil, nil }

func (Policy) WithMethod(x int) ClientOption { return nil }
`
	fsys := fstest.MapFS{"runtime/a.go": {Data: []byte(src)}, "runtime/a_test.go": {Data: []byte("package twilio_test\n")}}
	pp, err := parsePackage(fsys, Public)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"ClientOption", "NotAnOption", "Policy", "WithAll", "WithTwo", "withHidden"}; !slices.Equal(pp.declared, want) {
		t.Errorf("declared = %q; want %q", pp.declared, want)
	}
	opts, err := parseClientOptions(pp)
	if err != nil {
		t.Fatal(err)
	}
	if len(opts) != 1 || opts[0].Name != "WithAll" || opts[0].Doc != "WithAll sets everything." {
		t.Fatalf("options = %+v; want WithAll only", opts)
	}
	var got []string
	for _, p := range opts[0].Params {
		got = append(got, p.Name+" "+p.Type.String())
	}
	want := []string{"a int", "b int", "c *Policy", `d "net/http".Header`, `e *"math/rand/v2".Rand`, "f **string"}
	if !slices.Equal(got, want) {
		t.Errorf("params = %q; want %q", got, want)
	}
}
