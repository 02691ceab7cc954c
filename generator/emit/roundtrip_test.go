package emit_test

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/apigen-dev/apigen/generator/emit"
	"github.com/apigen-dev/apigen/generator/model"
)

// roundTripFile writes a test for an API package, in the package itself:
// for every operation, the generated client calls the generated server
// (NewHandler over httptest) with a valid value for every parameter, and
// the Server implementation must receive exactly those values; an
// operation with several success statuses must bring the client the status
// the implementation chose. Operations whose values it cannot make (a
// required parameter with a pattern) are skipped, and said so.
//
// examples holds, by operationId, JSON documents that the operation's
// result type must decode: the document's response examples.
func roundTripFile(api *model.API, shared *model.Shared, examples map[string][]string) emit.File {
	rt := &roundTrip{api: api, shared: shared, tw: shared.Package}
	var b strings.Builder
	d := &api.Decls
	fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"bytes\"\n\t\"context\"\n\t\"encoding/json\"\n\t\"net/http/httptest\"\n\t\"reflect\"\n\t\"testing\"\n\t\"time\"\n\n\t%s %q\n\t%s %q\n)\n\n",
		api.Package, rt.tw, shared.ImportPath, shared.InternalPackage, shared.InternalImportPath)
	fmt.Fprintf(&b, "var (\n\t_ = time.UTC\n\t_ %s.Time\n\t_ = json.Unmarshal\n\t_ = bytes.Equal\n)\n\n", rt.tw)
	// rtLikeReflection: the generated JSON methods of a result type give
	// what encoding/json gives by reflection on the same type.
	fmt.Fprintf(&b, `func rtLikeReflection[T any](t *testing.T, name, doc string) {
	t.Helper()
	var got, want T
	u, ok := any(&got).(json.Unmarshaler)
	if !ok {
		return
	}
	gotErr := u.UnmarshalJSON([]byte(doc))
	prev := %[1]s.SetReflectJSON(true)
	wantErr := json.Unmarshal([]byte(doc), &want)
	wantJSON, wantMErr := json.Marshal(want)
	%[1]s.SetReflectJSON(prev)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%%s: the generated decoder says %%v, encoding/json %%v", name, gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%%s: the generated decoder gives\n%%+v\nencoding/json\n%%+v", name, got, want)
	}
	gotJSON, gotMErr := json.Marshal(got)
	if (gotMErr == nil) != (wantMErr == nil) || !bytes.Equal(gotJSON, wantJSON) {
		t.Fatalf("%%s: the generated encoder gives %%s (%%v), encoding/json %%s (%%v)", name, gotJSON, gotMErr, wantJSON, wantMErr)
	}
}

`, shared.InternalPackage)
	fmt.Fprintf(&b, "// rtRecorder records what each operation receives.\ntype rtRecorder struct {\n\t%s\n\tgot map[string][]any\n}\n\n", d.UnimplementedServer)
	var calls strings.Builder
	for _, op := range api.Operations {
		params, args := rt.signature(op)
		fmt.Fprintf(&b, "func (r *rtRecorder) %s(%s) %s {\n\tr.got[%q] = []any{%s}\n\treturn %s\n}\n\n",
			op.Name, params, rt.results(op), op.Name, args, rt.returns(op))
		rt.call(&calls, op)
	}
	fmt.Fprintf(&b, "func TestRoundTrip(t *testing.T) {\n\trec := &rtRecorder{got: map[string][]any{}}\n\tsrv := httptest.NewServer(%s(rec))\n\tdefer srv.Close()\n", d.NewHandler)
	fmt.Fprintf(&b, "\tc, err := %s(%s(srv.URL), %s(\"AC%s\", \"token\"))\n\tif err != nil {\n\t\tt.Fatal(err)\n\t}\n\tctx := context.Background()\n",
		d.NewClient, rt.option("WithBaseURL"), rt.option("WithCredentials"), strings.Repeat("a", 32))
	b.WriteString(calls.String())
	b.WriteString("}\n")
	b.WriteString("\nfunc TestExamplesDecode(t *testing.T) {\n")
	for _, op := range api.Operations {
		for i, ex := range examples[op.ID] {
			if op.Result == nil {
				continue
			}
			fmt.Fprintf(&b, "\t{\n\t\tvar v %s\n\t\tif err := json.Unmarshal([]byte(%q), &v); err != nil {\n\t\t\tt.Errorf(\"%s: example %d: %%v\", err)\n\t\t}\n\t}\n",
				rt.typeName(*op.Result), ex, op.ID, i)
			fmt.Fprintf(&b, "\trtLikeReflection[%s](t, %q, %q)\n", rt.typeName(*op.Result), fmt.Sprintf("%s: example %d", op.ID, i), ex)
		}
	}
	b.WriteString("}\n")
	return emit.File{Path: api.Package + "/roundtrip_test.go", Data: []byte(b.String())}
}

type roundTrip struct {
	api    *model.API
	shared *model.Shared
	tw     string // the shared package's name
}

func (rt *roundTrip) option(runtime string) string {
	for _, o := range rt.api.Options {
		if o.Source.Name == runtime {
			return o.Name
		}
	}
	return runtime
}

// signature is the parameter list of an operation's Server method and the
// list of its arguments (ctx left out).
func (rt *roundTrip) signature(op *model.Operation) (params, args string) {
	ps := []string{"_ context.Context"}
	var as []string
	for i, p := range op.PathParams {
		name := "p" + strconv.Itoa(i)
		ps = append(ps, name+" "+rt.typeName(p.Type))
		as = append(as, name)
	}
	if op.Params != nil {
		ps = append(ps, "params "+op.Params.Name)
		as = append(as, "params")
	}
	return strings.Join(ps, ", "), strings.Join(as, ", ")
}

func (rt *roundTrip) results(op *model.Operation) string {
	var rs []string
	if op.ResultPointer() {
		rs = append(rs, "*"+rt.typeName(*op.Result))
	} else if op.Result != nil {
		rs = append(rs, rt.typeName(*op.Result))
	}
	if op.Redirect {
		rs = append(rs, "string")
	}
	if op.MultiStatus() {
		rs = append(rs, "int")
	}
	if len(rs) == 0 {
		return "error"
	}
	return "(" + strings.Join(append(rs, "error"), ", ") + ")"
}

// returns is what a recorded operation returns: an empty result and, with
// several success statuses, the last one.
func (rt *roundTrip) returns(op *model.Operation) string {
	var rs []string
	switch {
	case op.ResultPointer():
		rs = append(rs, "&"+rt.typeName(*op.Result)+"{}")
	case op.Result != nil:
		v, ok := rt.value(*op.Result)
		if !ok {
			v = "*new(" + rt.typeName(*op.Result) + ")"
		}
		rs = append(rs, v)
	}
	if op.Redirect {
		rs = append(rs, `"https://example.com/redirected"`)
	}
	if op.MultiStatus() {
		rs = append(rs, strconv.Itoa(op.Success[len(op.Success)-1]))
	}
	return strings.Join(append(rs, "nil"), ", ")
}

// call writes the client call of op and its checks, in a block.
func (rt *roundTrip) call(b *strings.Builder, op *model.Operation) {
	var args []string
	for _, p := range op.PathParams {
		v, ok := rt.value(p.Type)
		if !ok {
			fmt.Fprintf(b, "\tt.Logf(\"%s: skipped: no value for path parameter %s\")\n", op.Name, p.WireName)
			return
		}
		args = append(args, v)
	}
	if op.Params != nil {
		var fields []string
		for _, p := range op.Params.Fields {
			v, ok := rt.value(p.Type)
			switch {
			case !ok && p.Required:
				fmt.Fprintf(b, "\tt.Logf(\"%s: skipped: no value for parameter %s\")\n", op.Name, p.WireName)
				return
			case !ok:
				continue
			case p.Optional:
				v = rt.api.Decls.Some + "[" + rt.typeName(p.Type) + "](" + v + ")"
			}
			fields = append(fields, p.Name+": "+v)
		}
		args = append(args, op.Params.Name+"{"+strings.Join(fields, ", ")+"}")
	}
	var got []string
	resultValue, checkResult := "", false
	switch {
	case op.Redirect:
		resultValue, checkResult = `"https://example.com/redirected"`, true
		got = append(got, "res")
	case op.ResultPointer():
		got = append(got, "_")
	case op.Result != nil:
		resultValue, checkResult = rt.value(*op.Result)
		if checkResult {
			got = append(got, "res")
		} else {
			got = append(got, "_")
		}
	}
	if op.MultiStatus() {
		got = append(got, "status")
	}
	got = append(got, "err")
	fmt.Fprintf(b, "\t{\n\t\t%s := c.%s(%s)\n", strings.Join(got, ", "), op.Name, strings.Join(append([]string{"ctx"}, args...), ", "))
	fmt.Fprintf(b, "\t\tif err != nil {\n\t\t\tt.Errorf(\"%s: %%v\", err)\n\t\t}\n", op.Name)
	if checkResult {
		fmt.Fprintf(b, "\t\tif want := %s; !reflect.DeepEqual(res, want) {\n\t\t\tt.Errorf(\"%s returned %%#v, want %%#v\", res, want)\n\t\t}\n", resultValue, op.Name)
	}
	if op.MultiStatus() {
		fmt.Fprintf(b, "\t\tif status != %d {\n\t\t\tt.Errorf(\"%s: status %%d, want %d\", status)\n\t\t}\n", op.Success[len(op.Success)-1], op.Name, op.Success[len(op.Success)-1])
	}
	fmt.Fprintf(b, "\t\tif want := []any{%s}; !reflect.DeepEqual(rec.got[%q], want) {\n\t\t\tt.Errorf(\"%s received\\n%%#v\\nwant\\n%%#v\", rec.got[%q], want)\n\t\t}\n\t}\n",
		strings.Join(args, ", "), op.Name, op.Name, op.Name)
}

// value is a valid value of type t as Go source, and false when it cannot
// make one.
func (rt *roundTrip) value(t model.TypeRef) (string, bool) {
	tw := rt.tw
	switch t.Kind {
	case model.String:
		if t.Pattern != nil {
			return "", false
		}
		n := 5
		if t.MinLength != nil {
			n = max(n, int(*t.MinLength))
		}
		if t.MaxLength != nil {
			n = min(n, int(*t.MaxLength))
		}
		return strconv.Quote(strings.Repeat("v", n)), true
	case model.URI:
		return `"https://example.com/x"`, t.Pattern == nil
	case model.Int, model.Int64:
		n := int64(3)
		if t.Minimum != nil {
			n = max(n, *t.Minimum)
		}
		if t.Maximum != nil {
			n = min(n, *t.Maximum)
		}
		return strconv.FormatInt(n, 10), true
	case model.Float:
		return "1.5", true
	case model.Bool:
		return "true", true
	case model.Time:
		return tw + ".Time{Time: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)}", true
	case model.JSONString:
		return tw + `.JSONString("{\"a\":1}")`, true
	case model.JSONValue:
		return tw + `.JSONValue("{\"a\":1}")`, true
	case model.SID:
		return fmt.Sprintf("%s.%s(%q)", tw, t.SID.Ident.Name, t.SID.Prefix+"0123456789abcdef0123456789ABCDEF"), true
	case model.SIDOrIdentity:
		return fmt.Sprintf("%s.%s(%q)", tw, t.SID.Ref.AltFunc, "alice+1@example.com/x"), true
	case model.Named:
		if e := t.Enum(); e != nil && len(e.Values) > 0 {
			return e.Values[len(e.Values)-1].Name, true
		}
	case model.Array:
		v, ok := rt.value(*t.Elem)
		return "[]" + rt.typeName(*t.Elem) + "{" + v + ", " + v + "}", ok
	}
	return "", false
}

// typeName spells the Go type of t inside the API package.
func (rt *roundTrip) typeName(t model.TypeRef) string {
	switch t.Kind {
	case model.String, model.URI:
		return "string"
	case model.Int, model.Int64, model.Float, model.Bool:
		return string(t.Kind)
	case model.Time, model.JSONString, model.JSONValue:
		return rt.tw + "." + map[model.Kind]string{model.Time: "Time", model.JSONString: "JSONString", model.JSONValue: "JSONValue"}[t.Kind]
	case model.Array:
		return "[]" + rt.typeName(*t.Elem)
	case model.URIMap:
		return "map[string]string"
	case model.Meta:
		return rt.tw + ".PageMeta"
	}
	id := t.Ident()
	if id.ImportPath == rt.shared.ImportPath {
		return rt.tw + "." + id.Name
	}
	return id.Name
}
