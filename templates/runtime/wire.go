package twilio

import "strings"

// PathSegment escapes s for use as one segment of a URL path. Everything
// but the unreserved characters of RFC 3986 (letters, digits, '-', '.', '_'
// and '~') is percent-encoded, so an identity such as "alice+1@example.com"
// or "team/a b" travels as a single segment and reads back unchanged on any
// server, including those that would turn '+' into a space.
//
// The segments "." and ".." are escaped whole ("%2E", "%2E%2E"): left as
// they are, servers and proxies would resolve them as dot-segments, and a
// user called ".." would address the parent resource.
func PathSegment(s string) string {
	const hex = "0123456789ABCDEF"
	switch s {
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
