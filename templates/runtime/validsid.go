package twilio

import "strings"

// validSID reports whether s is prefix followed by 32 hexadecimal digits, in
// either case. The SID types of sid.go, which apigen generates beside this
// file, check their values with it.
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
