package templates

import (
	"slices"
	"strings"
	"testing"
)

// TestExports: the exported declarations are read from the source, with
// what the generator needs of each to re-export it.
func TestExports(t *testing.T) {
	byName := map[string]Export{}
	for _, ex := range Exports() {
		byName[ex.Name] = ex
	}
	for _, tc := range []struct {
		name    string
		kind    ExportKind
		returns string
		sig     string // params, then results
	}{
		{"ParseTime", ExportFunc, "Time", "string Time error"},
		{"NullOf", ExportFunc, "Null", "T Null[T]"},
		{"NotFound", ExportFunc, "Error", "string *Error"},
		{"ValidIdentity", ExportFunc, "", "string bool"},
		{"ErrNotFound", ExportVar, "", ""},
		{"CodeNotFound", ExportConst, "", ""},
		{"MaxFormBytes", ExportConst, "", ""},
		{"Null", ExportType, "", ""},
		{"RetryPolicy", ExportType, "", ""},
	} {
		ex, ok := byName[tc.name]
		if !ok {
			t.Errorf("%s is not listed", tc.name)
			continue
		}
		var sig []string
		for _, p := range ex.Params {
			sig = append(sig, p.Type.String())
		}
		for _, r := range ex.Results {
			sig = append(sig, r.String())
		}
		if ex.Kind != tc.kind || ex.Returns != tc.returns || (tc.sig != "" || len(sig) > 0) && !slices.Equal(sig, splitSpace(tc.sig)) {
			t.Errorf("%s: kind %d, returns %q, signature %q; want %d, %q, %q", tc.name, ex.Kind, ex.Returns, sig, tc.kind, tc.returns, tc.sig)
		}
	}
	if c := byName["ErrNotFound"].Comment; c != "404" {
		t.Errorf("ErrNotFound's comment = %q, want 404 (the package example finds the sentinel of a status by it)", c)
	}
	if tp := byName["Null"].TypeParams; len(tp) != 1 || tp[0].Name != "T" || tp[0].Type.Name != "any" {
		t.Errorf("Null's type parameters = %v", tp)
	}
	for _, ex := range Exports() {
		if ex.Kind == ExportFunc && ex.Doc == "" {
			t.Errorf("%s has no doc comment", ex.Name)
		}
	}
}

func splitSpace(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		out = append(out, f)
	}
	return out
}
