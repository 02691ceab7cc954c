package twilio

import "testing"

func TestValidSID(t *testing.T) {
	const hex32 = "0123456789abcdefABCDEF0123456789"
	for s, want := range map[string]bool{
		"US" + hex32: true,
		"US" + "ffffffffffffffffffffffffffffffff": true,
		"":                      false,
		"US":                    false,
		"IS" + hex32:            false, // wrong prefix
		"us" + hex32:            false, // prefix case
		"US" + hex32[:31]:       false, // short
		"US" + hex32 + "0":      false, // long
		"US" + hex32[:31] + "g": false, // not hex
		"US" + hex32[:30] + "é": false, // 34 bytes, not hex
		"US" + hex32[:31] + "é": false, // 35 bytes
	} {
		if got := validSID(s, "US"); got != want {
			t.Errorf("validSID(%q, US) = %v; want %v", s, got, want)
		}
	}
	if !validSID("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "AC") {
		t.Errorf("validSID rejected an account SID")
	}
	if validSID("ABx"+hex32[:31], "AB") {
		t.Errorf("validSID accepted a non-hex digit after the prefix")
	}
}
