package names

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestExported(t *testing.T) {
	tests := []struct{ in, want string }{
		// Examples from the API description.
		{"joined_channels_count", "JoinedChannelsCount"},
		{"FriendlyName", "FriendlyName"},
		{"url", "URL"},
		{"first_page_url", "FirstPageURL"},
		{"role_sid", "RoleSID"},
		{"RoleSid", "RoleSID"},
		{"X-Twilio-Webhook-Enabled", "XTwilioWebhookEnabled"},
		{"chat_service_sid", "ChatServiceSID"},
		{"ChatServiceSid", "ChatServiceSID"},
		{"more_info", "MoreInfo"},
		{"id", "ID"},
		{"user_id", "UserID"},
		{"http_url", "HTTPURL"},
		{"json", "JSON"},
		{"api_key", "APIKey"},
		{"3d_secure", "X3dSecure"},
		{"ListUsers", "ListUsers"},
		// Empty and separator-only input.
		{"", "X"},
		{"_", "X"},
		{"-_. /", "X"},
		{"\xff\xfe", "X"},
		// Case variants of the same name.
		{"PageSize", "PageSize"},
		{"pageSize", "PageSize"},
		{"page_size", "PageSize"},
		{"page-size", "PageSize"},
		{"PAGE_SIZE", "PageSize"},
		{"page size", "PageSize"},
		{"USER_SID", "UserSID"},
		{"UserSid", "UserSID"},
		{"AccountSid", "AccountSID"},
		{"ServiceSid", "ServiceSID"},
		{"sid", "SID"},
		{"SID", "SID"},
		// Initialisms only as whole words.
		{"idle", "Idle"},
		{"identity", "Identity"},
		{"side", "Side"},
		{"uri_template", "URITemplate"},
		{"apis_enabled", "APIsEnabled"},
		{"urls", "URLs"},
		{"URLs", "URLs"},
		{"user_ids", "UserIDs"},
		{"UserIDs", "UserIDs"},
		{"ids", "IDs"},
		{"IDS", "IDs"},
		{"id2", "ID2"},
		{"url_2", "URL2"},
		{"https", "HTTPS"},
		{"utf8", "UTF8"},
		{"UTF8String", "UTF8String"},
		{"xml_http_request", "XMLHTTPRequest"},
		{"XMLHTTPRequest", "XMLHTTPRequest"},
		{"HTTPURL", "HTTPURL"},
		{"HTTPServer", "HTTPServer"},
		{"HttpServer", "HTTPServer"},
		{"ETag", "ETag"},
		{"etag", "Etag"},
		{"OAuth", "OAuth"},
		{"USERID", "Userid"},
		// Digits.
		{"page2Token", "Page2Token"},
		{"page_2_token", "Page2Token"},
		{"v1", "V1"},
		{"chat_v1", "ChatV1"},
		{"2", "X2"},
		{"123abc", "X123abc"},
		{"a1b2", "A1b2"},
		// Separators and symbols.
		{"a.b c", "ABC"},
		{"$ref", "Ref"},
		{"foo/bar{baz}", "FooBarBaz"},
		{"  leading_and_trailing__", "LeadingAndTrailing"},
		// Unicode.
		{"größe", "Größe"},
		{"élan_vital", "ÉlanVital"},
		{"日本語", "X日本語"},
		{"name_日本", "Name日本"},
		{"ǆemal", "Ǆemal"},
		{"٣d", "X٣d"},
	}
	for _, tt := range tests {
		if got := Exported(tt.in); got != tt.want {
			t.Errorf("Exported(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnexported(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ServiceSid", "serviceSID"},
		{"url", "url"},
		{"URL", "url"},
		{"ID", "id"},
		{"HTTPServer", "httpServer"},
		{"type", "type_"},
		{"Type", "type_"},
		{"string", "string_"},
		{"joined_channels_count", "joinedChannelsCount"},
		{"FriendlyName", "friendlyName"},
		{"first_page_url", "firstPageURL"},
		{"user_id", "userID"},
		{"URLs", "urls"},
		{"UserIDs", "userIDs"},
		{"http_url", "httpURL"},
		{"HTTPURL", "httpURL"},
		{"X-Twilio-Webhook-Enabled", "xTwilioWebhookEnabled"},
		{"3d_secure", "x3dSecure"},
		{"", "x"},
		{"--", "x"},
		{"PageSize", "pageSize"},
		{"page_size", "pageSize"},
		{"pageSize", "pageSize"},
		{"USER_SID", "userSID"},
		{"typeName", "typeName"},
		{"func", "func_"},
		{"RANGE", "range_"},
		{"日本語", "日本語"},
		{"ϒ", "xϒ"}, // upper case with no lower-case form
		{"Ǆemal", "ǆemal"},
	}
	for _, tt := range tests {
		if got := Unexported(tt.in); got != tt.want {
			t.Errorf("Unexported(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestUnexportedEscapesEveryReservedName checks every keyword and every name
// of the universe scope of the Go version running the test, so a new
// predeclared identifier makes this test fail until the list is updated.
func TestUnexportedEscapesEveryReservedName(t *testing.T) {
	var reserved []string
	for tok := token.BREAK; tok <= token.VAR; tok++ {
		if tok.IsKeyword() {
			reserved = append(reserved, tok.String())
		}
	}
	if len(reserved) != 25 {
		t.Fatalf("found %d keywords, want 25", len(reserved))
	}
	universe := types.Universe.Names()
	if len(universe) < 39 {
		t.Fatalf("universe has only %d names", len(universe))
	}
	reserved = append(reserved, universe...)
	for _, name := range reserved {
		if got, want := Unexported(name), name+"_"; got != want {
			t.Errorf("Unexported(%q) = %q, want %q", name, got, want)
		}
		if !isPredeclared(name) && !token.IsKeyword(name) {
			t.Errorf("%q is neither a keyword nor predeclared according to this package", name)
		}
		if got := PackageName(name); got != name+"pkg" {
			t.Errorf("PackageName(%q) = %q, want %q", name, got, name+"pkg")
		}
	}
	// And nothing else is treated as predeclared.
	for _, name := range []string{"unsafe", "x", "stringer", "lens", "url", "Int"} {
		if isPredeclared(name) {
			t.Errorf("isPredeclared(%q) = true", name)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"joined_channels_count", []string{"joined", "channels", "count"}},
		{"FriendlyName", []string{"friendly", "name"}},
		{"HTTPServer", []string{"http", "server"}},
		{"X-Twilio-Webhook-Enabled", []string{"x", "twilio", "webhook", "enabled"}},
		{"page2Token", []string{"page2", "token"}},
		{"a.b c", []string{"a", "b", "c"}},
		{"", nil},
		{"__--", nil},
		{"ListUsers", []string{"list", "users"}},
		{"ChatServiceSid", []string{"chat", "service", "sid"}},
		{"USER_SID", []string{"user", "sid"}},
		{"URLs", []string{"urls"}},
		{"UserIDs", []string{"user", "ids"}},
		{"IDsEnabled", []string{"ids", "enabled"}},
		{"URLXs", []string{"url", "xs"}}, // plural rule needs an initialism
		{"IDs2", []string{"i", "ds2"}},   // the "s" must end the word
		{"IDsX", []string{"ids", "x"}},
		{"HTTPURL", []string{"http", "url"}},
		{"HTTPURLs", []string{"http", "urls"}},
		{"HTTPURL2", []string{"http", "url2"}},
		{"HTTPSID", []string{"https", "id"}},
		{"USERID", []string{"userid"}},
		{"UTF8String", []string{"utf8", "string"}},
		{"v1beta2", []string{"v1beta2"}},
		{"ETag", []string{"e", "tag"}},
		{"ABC", []string{"abc"}},
		{"aB", []string{"a", "b"}},
		{"2fa", []string{"2fa"}},
		{"größeMax", []string{"größe", "max"}},
		{"名前Name", []string{"名前", "name"}},
		{"a\u0301b", []string{"a", "b"}}, // combining mark is not a letter
		{"x\xffy", []string{"x", "y"}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) || (tt.want == nil) != (got == nil) {
			t.Errorf("Words(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func TestPackageName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"chat_v1", "chatv1"},
		{"Conversations-V1", "conversationsv1"},
		{"api.twilio.com", "apitwiliocom"},
		{"2fa", "p2fa"},
		{"type", "typepkg"},
		{"string", "stringpkg"},
		{"main", "mainpkg"},
		{"init", "initpkg"},
		{"Types", "types"},
		{"", "pkg"},
		{"日本", "pkg"},
		{"größe", "gre"},
		{"_", "pkg"},
	}
	for _, tt := range tests {
		if got := PackageName(tt.in); got != tt.want {
			t.Errorf("PackageName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// initialismList is the list documented in the package comment.
var initialismList = []string{
	"ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML",
	"HTTP", "HTTPS", "ID", "IP", "JSON", "LHS", "QPS", "RAM", "RHS", "RPC",
	"SID", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL", "UDP", "UI",
	"UID", "URI", "URL", "UTF8", "UUID", "VM", "XML", "XMPP", "XSRF", "XSS",
}

func TestInitialisms(t *testing.T) {
	if !slices.IsSorted(initialismList) {
		t.Errorf("initialism list is not sorted")
	}
	for _, up := range initialismList {
		low := strings.ToLower(up)
		if !isInitialism(low) {
			t.Errorf("isInitialism(%q) = false", low)
		}
		if len(up) > maxInitialismLen {
			t.Errorf("%q is longer than maxInitialismLen", up)
		}
		for _, in := range []string{low, up, strings.ToUpper(low[:1]) + low[1:]} {
			if got := Exported(in); got != up {
				t.Errorf("Exported(%q) = %q, want %q", in, got, up)
			}
		}
		if got, want := Exported("my_"+low+"s"), "My"+up+"s"; got != want && !isInitialism(low+"s") {
			t.Errorf("Exported(%q) = %q, want %q", "my_"+low+"s", got, want)
		}
		if got, want := Exported("x_"+low+"_value"), "X"+up+"Value"; got != want {
			t.Errorf("Exported(%q) = %q, want %q", "x_"+low+"_value", got, want)
		}
	}
	for _, w := range []string{"", "i", "idle", "urlx", "htt", "sids", "Id", "ID"} {
		if isInitialism(w) {
			t.Errorf("isInitialism(%q) = true", w)
		}
	}
}

// TestPackageDocListsInitialisms checks that the list in the package
// documentation is the one the code uses.
func TestPackageDocListsInitialisms(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "names.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	doc := f.Doc.Text()
	_, after, ok := strings.Cut(doc, "this fixed, sorted list:\n\n")
	if !ok {
		t.Fatalf("package doc does not contain the initialism list")
	}
	block, _, _ := strings.Cut(after, "\n\n")
	if got := strings.Fields(block); !slices.Equal(got, initialismList) {
		t.Errorf("documented initialisms = %v\nwant %v", got, initialismList)
	}
}

func TestDocCommentsOnExportedIdentifiers(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "names.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if f.Doc == nil || !strings.HasPrefix(f.Doc.Text(), "Package names ") {
		t.Errorf("missing package doc comment")
	}
	n := 0
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.IsExported() {
			n++
			if fd.Doc == nil || !strings.HasPrefix(fd.Doc.Text(), fd.Name.Name+" ") {
				t.Errorf("%s has no proper doc comment", fd.Name.Name)
			}
		}
	}
	if n != 4 {
		t.Errorf("found %d exported functions, want 4", n)
	}
}

// corpus is a set of realistic and adversarial names used by the property
// tests and as fuzz seeds.
var corpus = []string{
	"", "_", "x", "X", "a_b", "a.b c", "type", "string", "nil", "iota", "len",
	"joined_channels_count", "FriendlyName", "RoleSid", "role_sid",
	"X-Twilio-Webhook-Enabled", "ListUsers", "ChatServiceSid", "3d_secure",
	"http_url", "HTTPURL", "HTTPServer", "api_key", "URLs", "UserIDs",
	"page2Token", "USER_SID", "ETag", "OAuth", "idle", "utf8", "UTF8String",
	"HTTPSID", "日本語", "größe", "ǅ", "ϒ", "ß", "ſ", "K", "İ", "٣", "\xff",
	"a\u0301", "ᾈ", "Ⅻ", "0", "_1", "__init__", "$ref", "{Sid}", "main",
	"func", "Type", "TYPE", "x-api-key", "ids_url", "url_ids", "urls_id",
	"v2010", "Api.V2010.Account", "If-Match", "Content-Type", "page_size",
}

func checkIdentifiers(t *testing.T, in string) {
	t.Helper()
	e := Exported(in)
	if !token.IsIdentifier(e) || token.IsKeyword(e) {
		t.Errorf("Exported(%q) = %q is not a valid identifier", in, e)
	}
	if !token.IsIdentifier(e) {
		t.Errorf("Exported(%q) = %q is not an identifier", in, e)
	}
	if r, _ := utf8.DecodeRuneInString(e); !unicode.IsUpper(r) || !token.IsExported(e) {
		t.Errorf("Exported(%q) = %q does not start with an upper-case letter", in, e)
	}
	u := Unexported(in)
	if !token.IsIdentifier(u) || token.IsKeyword(u) || isPredeclared(u) || types.Universe.Lookup(u) != nil {
		t.Errorf("Unexported(%q) = %q is not a valid, unreserved identifier", in, u)
	}
	if token.IsExported(u) {
		t.Errorf("Unexported(%q) = %q is exported", in, u)
	}
	p := PackageName(in)
	if !validPackageName.MatchString(p) || token.IsKeyword(p) || types.Universe.Lookup(p) != nil || p == "main" || p == "init" {
		t.Errorf("PackageName(%q) = %q is not a valid package name", in, p)
	}
	for _, w := range Words(in) {
		if w == "" || strings.ToLower(w) != w || strings.IndexFunc(w, notLetterOrDigit) >= 0 {
			t.Errorf("Words(%q) contains bad word %q", in, w)
		}
	}
	if wantIdempotent(in) {
		if e2 := Exported(e); e2 != e {
			t.Errorf("Exported(Exported(%q)) = %q, want %q", in, e2, e)
		}
		if e2 := Exported(u); e2 != e {
			t.Errorf("Exported(Unexported(%q)) = Exported(%q) = %q, want %q", in, u, e2, e)
		}
	}
}

var validPackageName = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

func notLetterOrDigit(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// wantIdempotent reports whether Exported must be idempotent on in and
// Exported(Unexported(in)) must equal Exported(in). Neither holds in general: "a_b" -> "AB" -> "Ab" because word boundaries between
// upper-case words are lost. It is required for ASCII names whose words all
// start with two letters.
func wantIdempotent(in string) bool {
	for _, r := range in {
		if r >= utf8.RuneSelf {
			return false
		}
	}
	for _, w := range Words(in) {
		if len(w) < 2 || !unicode.IsLetter(rune(w[0])) || !unicode.IsLetter(rune(w[1])) {
			return false
		}
	}
	return true
}

func TestProperties(t *testing.T) {
	inputs := slices.Clone(corpus)
	// Combine corpus entries and every initialism to get many more inputs.
	for _, a := range corpus {
		for _, b := range []string{"_", "", "-", "9"} {
			inputs = append(inputs, a+b+"id", a+b+"Ab", "ID"+b+a, strings.ToUpper(a)+b+a)
		}
	}
	for _, up := range initialismList {
		for _, w := range initialismList {
			inputs = append(inputs, up+w, up+w+"s", strings.ToLower(up)+"_"+w+"_"+up+"s", up+"Name"+w)
		}
	}
	for r := rune(0); r < 0x3000; r++ {
		inputs = append(inputs, string(r), "a"+string(r)+"b", string(r)+"x", "ab"+string(r))
	}
	for _, in := range inputs {
		checkIdentifiers(t, in)
	}
	if t.Failed() {
		return
	}
	// The property check itself must be able to fail.
	if wantIdempotent("a_b") || !wantIdempotent("http_url") {
		t.Errorf("wantIdempotent is wrong")
	}
}

// TestIdempotentExamples lists realistic names whose exported form must be a
// fixed point of Exported.
func TestIdempotentExamples(t *testing.T) {
	for _, in := range []string{
		"http_url", "url_ids", "ids_url", "urls_id", "user_ids", "api_key",
		"id_2", "xml_http_request", "chat_service_sid", "page2_token",
		"X-Twilio-Webhook-Enabled", "3d_secure", "a_bc", "first_page_url",
	} {
		e := Exported(in)
		if e2 := Exported(e); e2 != e {
			t.Errorf("Exported(Exported(%q)) = %q, want %q", in, e2, e)
		}
	}
}

func FuzzExported(f *testing.F) {
	for _, s := range corpus {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkIdentifiers(t, in)
	})
}
