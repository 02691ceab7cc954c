package twilio

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// validSID reports whether s is prefix followed by 32 hexadecimal digits, in
// either case. The SID types of sid.go, which apigen generates beside this
// file, check their values with it, and their Ref types with [ValidIdentity].
func validSID(s, prefix string) bool {
	if len(s) != len(prefix)+32 || !strings.HasPrefix(s, prefix) {
		return false
	}
	for i := len(prefix); i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// ValidIdentity reports whether s can be an identity, such as a User's: one
// that a SID-or-identity path parameter can address, so that whatever a
// create accepts can then be fetched, updated and deleted. s must be
//
//   - not empty, and valid UTF-8 (encoding/json would send any other bytes
//     back as U+FFFD, an identity that addresses nothing);
//   - not "." or "..", which every HTTP stack resolves as a relative path
//     however they are escaped, nor "/", whose escaped form %2F
//     net/http's ServeMux reads as an empty trailing segment;
//   - without control characters (Unicode category Cc: U+0000 to U+001F
//     and U+007F to U+009F).
//
// Generated servers and clients check it on the form fields that the
// documents mark x-identity-of, and the Ref types' Valid methods check it on
// the path, so both sides refuse the same identities, with a
// [*ParamError] and [CodeInvalidParameter].
func ValidIdentity(s string) bool {
	if s == "" || s == "." || s == ".." || s == "/" || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}
