// Package names decides every Go identifier the generator emits from
// OpenAPI names (JSON properties, form fields, header names, operationIds,
// path parameters, spec and package names). No other package may invent
// identifiers; they call Exported, Unexported or PackageName.
//
// All functions are pure and deterministic and use no mutable global state.
//
// # Splitting into words
//
// Words splits a name into lower-case words:
//
//   - Every rune that is neither a letter (unicode.IsLetter) nor a decimal
//     digit (unicode.IsDigit) is a separator and is dropped: "a.b c",
//     "a_b", "a-b" and "a/b" all contain two words. Invalid UTF-8 bytes are
//     separators as well. Non-ASCII letters are kept (Go allows them).
//   - A new word starts at an upper-case (or title-case) letter that follows
//     a lower-case or uncased letter ("friendlyName" -> friendly, name) or a
//     digit ("page2Token" -> page2, token).
//   - In a run of upper-case letters followed by a lower-case letter, the
//     last upper-case letter starts a new word ("HTTPServer" -> http,
//     server), except for the plural of an initialism: when the run is made
//     of initialisms and is followed by a single "s" that ends the word, the
//     "s" stays attached ("UserIDs" -> user, ids; "URLs" -> urls).
//   - Digits stay attached to the preceding word ("page2Token" -> page2,
//     token; "v1beta" -> v1beta; "UTF8" -> utf8).
//   - A word written entirely in upper case (optionally followed by digits
//     or a plural "s") that is not itself an initialism but is a
//     concatenation of initialisms is split into them: "HTTPURL" -> http,
//     url; "URLIDs" -> url, ids. The longest initialism is taken first
//     ("HTTPSID" -> https, id). This makes Exported idempotent on its own
//     output for names such as "http_url".
//
// # Initialisms
//
// A word is an initialism only if the whole word (lower-cased) is one of
// this fixed, sorted list:
//
//	ACL API ASCII CPU CSS DNS EOF GUID HTML HTTP HTTPS ID IP JSON LHS QPS
//	RAM RHS RPC SID SLA SMTP SQL SSH TCP TLS TTL UDP UI UID URI URL UTF8
//	UUID VM XML XMPP XSRF XSS
//
// Exported and Unexported write an initialism in upper case ("url" ->
// "URL", "idle" stays "Idle"). A Twilio-style "Sid" is always "SID"
// ("RoleSid" -> "RoleSID"). An initialism followed only by digits keeps the
// initialism ("id2" -> "ID2"), and the plural of an initialism keeps it with
// a lower-case "s" ("urls" -> "URLs", "ids" -> "IDs"). Other words are
// capitalised: first rune upper case, the rest lower case ("USER_SID" ->
// "UserSID", "ETag" -> "ETag", "OAuth" -> "OAuth").
//
// # Exported identifiers
//
// Exported concatenates the capitalised words. If the result would not
// start with an upper-case letter (the first word starts with a digit, or
// with a letter that has no upper-case form, such as "日"), it is prefixed
// with "X": "3d_secure" -> "X3dSecure". A name with no letters or digits at
// all (including "") yields "X". Exported results never collide with a
// keyword or a predeclared identifier, since those are all lower case.
//
// # Unexported identifiers
//
// Unexported keeps the first word entirely in lower case (even when it is
// an initialism: "URL" -> "url", "HTTPServer" -> "httpServer") and
// capitalises the following words like Exported ("ServiceSid" ->
// "serviceSID"). If the result would start with a digit or with an
// upper-case letter that has no lower-case form, it is prefixed with "x"
// ("3d_secure" -> "x3dSecure"). A name with no letters or digits yields
// "x". A result that is a Go keyword or a predeclared identifier (any,
// bool, string, true, nil, iota, len, append, min, ...) gets a trailing
// underscore: "type" -> "type_", "string" -> "string_".
//
// # Package names
//
// PackageName joins the words and keeps only ASCII lower-case letters and
// digits ("chat_v1" -> "chatv1"); non-ASCII letters are dropped because
// package names also name directories and import paths. A result starting
// with a digit is prefixed with "p" ("2fa" -> "p2fa"). A result that is a
// keyword, a predeclared identifier, "main" (reserved for commands) or
// "init" (cannot be used as an import name) gets the suffix "pkg"
// ("type" -> "typepkg"). An empty result is "pkg".
//
// This package does not detect collisions between generated identifiers;
// callers do.
package names

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Exported returns the exported Go identifier for name, following the rules
// in the package documentation: "joined_channels_count" ->
// "JoinedChannelsCount", "RoleSid" -> "RoleSID", "http_url" -> "HTTPURL",
// "X-Twilio-Webhook-Enabled" -> "XTwilioWebhookEnabled", "3d_secure" ->
// "X3dSecure", "" -> "X". The result is always a valid identifier starting
// with an upper-case letter.
func Exported(name string) string {
	var b strings.Builder
	for _, w := range Words(name) {
		b.WriteString(exportWord(w))
	}
	s := b.String()
	if r, _ := utf8.DecodeRuneInString(s); s == "" || !unicode.IsUpper(r) {
		s = "X" + s
	}
	return s
}

// Unexported returns the lowerCamel Go identifier used for locals and
// parameters, following the rules in the package documentation:
// "ServiceSid" -> "serviceSID", "URL" -> "url", "HTTPServer" ->
// "httpServer", "type" -> "type_", "len" -> "len_", "" -> "x". The result is
// always a valid identifier that does not start with an upper-case letter
// and is neither a keyword nor a predeclared identifier.
func Unexported(name string) string {
	words := Words(name)
	if len(words) == 0 {
		return "x"
	}
	var b strings.Builder
	b.WriteString(words[0])
	for _, w := range words[1:] {
		b.WriteString(exportWord(w))
	}
	s := b.String()
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsLetter(r) || unicode.IsUpper(r) {
		s = "x" + s
	}
	if token.IsKeyword(s) || isPredeclared(s) {
		s += "_"
	}
	return s
}

// Words splits name into non-empty lower-case words made of letters and
// digits, following the rules in the package documentation:
// "joined_channels_count" -> [joined channels count], "FriendlyName" ->
// [friendly name], "HTTPServer" -> [http server], "page2Token" -> [page2
// token], "a.b c" -> [a b c]. It returns nil if name has no letters or
// digits.
func Words(name string) []string {
	var words []string
	var run []rune
	flush := func() {
		if len(run) > 0 {
			words = splitRun(words, run)
			run = run[:0]
		}
	}
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			run = append(run, r)
		} else {
			flush()
		}
	}
	flush()
	return words
}

// PackageName returns a valid, conventional Go package name for name: only
// ASCII lower-case letters and digits, following the rules in the package
// documentation: "chat_v1" -> "chatv1", "Conversations-V1" ->
// "conversationsv1", "2fa" -> "p2fa", "type" -> "typepkg", "" -> "pkg".
func PackageName(name string) string {
	var b strings.Builder
	for _, w := range Words(name) {
		for _, r := range w {
			if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
				b.WriteRune(r)
			}
		}
	}
	s := b.String()
	switch {
	case s == "":
		return "pkg"
	case s[0] >= '0' && s[0] <= '9':
		s = "p" + s
	}
	if token.IsKeyword(s) || isPredeclared(s) || s == "main" || s == "init" {
		s += "pkg"
	}
	return s
}

// Rune classes used by splitRun.
const (
	classLower = iota // lower-case or uncased letter
	classUpper        // upper-case or title-case letter
	classDigit
)

func classOf(r rune) int {
	switch {
	case unicode.IsDigit(r):
		return classDigit
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return classUpper
	default:
		return classLower
	}
}

// splitRun splits a run of letters and digits into words and appends them,
// lower-cased, to words.
func splitRun(words []string, run []rune) []string {
	n := len(run)
	class := make([]int, n)
	for i, r := range run {
		class[i] = classOf(r)
	}
	start := 0
	for i := 1; i < n; i++ {
		if class[i] != classUpper {
			continue
		}
		boundary := false
		switch class[i-1] {
		case classLower, classDigit:
			boundary = true
		case classUpper:
			// Inside a word, an upper-case letter after an upper-case
			// letter means the word so far is all upper case.
			if i+1 < n && class[i+1] == classLower {
				plural := run[i+1] == 's' && (i+2 == n || class[i+2] == classUpper) &&
					segment(strings.ToLower(string(run[start:i+1])), false) != nil
				boundary = !plural
			}
		}
		if boundary {
			words = appendWord(words, run[start:i], class[start:i])
			start = i
		}
	}
	return appendWord(words, run[start:], class[start:])
}

// appendWord appends the lower-cased word w (with rune classes c) to words,
// splitting an all-caps concatenation of initialisms into its parts.
func appendWord(words []string, w []rune, c []int) []string {
	lower := strings.ToLower(string(w))
	// All letters upper case, except possibly a final plural "s".
	allCaps := len(w) >= 4 // two initialisms need at least four runes
	for i, cl := range c {
		if cl == classLower && (i != len(w)-1 || w[i] != 's') {
			allCaps = false
			break
		}
	}
	if allCaps && !isInitialismForm(lower) {
		if parts := segment(lower, true); len(parts) > 1 {
			return append(words, parts...)
		}
	}
	return append(words, lower)
}

// maxInitialismLen is the length in bytes of the longest initialism.
const maxInitialismLen = 5

// segment splits s (lower case) into a sequence of initialisms. If suffix
// is true, the last one may also be followed by digits or a plural "s" (see
// isInitialismForm). At each step it prefers the longest possible part. It
// returns nil if that is not possible or s is empty.
func segment(s string, suffix bool) []string {
	n := len(s)
	if n == 0 {
		return nil
	}
	digits := len(strings.TrimRightFunc(s, unicode.IsDigit)) // start of trailing digits
	// last reports whether s[i:] can be the last part.
	last := func(i int) bool {
		switch {
		case isInitialism(s[i:]):
			return true
		case !suffix:
			return false
		case digits < n && i < digits && isInitialism(s[i:digits]):
			return true
		default:
			return s[n-1] == 's' && isInitialism(s[i:n-1])
		}
	}
	// ok[i] reports whether s[i:] can be segmented.
	ok := make([]bool, n+1)
	for i := n - 1; i >= 0; i-- {
		ok[i] = last(i)
		for l := 2; !ok[i] && l <= maxInitialismLen && i+l < n; l++ {
			ok[i] = ok[i+l] && isInitialism(s[i:i+l])
		}
	}
	if !ok[0] {
		return nil
	}
	var parts []string
	for i := 0; i < n; {
		if last(i) {
			parts = append(parts, s[i:])
			break
		}
		for l := min(maxInitialismLen, n-i-1); l >= 2; l-- {
			if ok[i+l] && isInitialism(s[i:i+l]) {
				parts = append(parts, s[i:i+l])
				i += l
				break
			}
		}
	}
	return parts
}

// isInitialismForm reports whether the lower-case word w is written with an
// initialism by exportWord: an initialism, an initialism followed by
// digits, or the plural of an initialism.
func isInitialismForm(w string) bool {
	if isInitialism(w) {
		return true
	}
	if head := strings.TrimRightFunc(w, unicode.IsDigit); head != w && isInitialism(head) {
		return true
	}
	head, ok := strings.CutSuffix(w, "s")
	return ok && isInitialism(head)
}

// exportWord returns the capitalised form of the lower-case word w.
func exportWord(w string) string {
	if isInitialismForm(w) {
		// Upper-case all but a plural "s": "id2" -> "ID2", "urls" -> "URLs".
		if head, ok := strings.CutSuffix(w, "s"); ok && !isInitialism(w) {
			return strings.ToUpper(head) + "s"
		}
		return strings.ToUpper(w)
	}
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}

// isInitialism reports whether the lower-case word w is one of the
// initialisms listed in the package documentation.
func isInitialism(w string) bool {
	if len(w) > maxInitialismLen {
		return false
	}
	switch w {
	case "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html",
		"http", "https", "id", "ip", "json", "lhs", "qps", "ram", "rhs", "rpc",
		"sid", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl", "udp", "ui",
		"uid", "uri", "url", "utf8", "uuid", "vm", "xml", "xmpp", "xsrf", "xss":
		return true
	}
	return false
}

// isPredeclared reports whether s is a predeclared Go identifier (the
// universe scope: types, constants, nil and built-in functions).
func isPredeclared(s string) bool {
	switch s {
	case "any", "bool", "byte", "comparable", "complex64", "complex128",
		"error", "float32", "float64", "int", "int8", "int16", "int32",
		"int64", "rune", "string", "uint", "uint8", "uint16", "uint32",
		"uint64", "uintptr",
		"true", "false", "iota", "nil",
		"append", "cap", "clear", "close", "complex", "copy", "delete",
		"imag", "len", "make", "max", "min", "new", "panic", "print",
		"println", "real", "recover":
		return true
	}
	return false
}
