package twilio

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Time is a Twilio date-time value.
//
// Twilio writes date-times either in ISO 8601 (RFC 3339) form, such as
// "2016-03-24T21:05:19Z", or in RFC 2822 form, such as
// "Thu, 24 Mar 2016 21:05:19 +0000". Time decodes both and always encodes
// ISO 8601 in UTC. The embedded [time.Time] gives access to the usual time
// methods. A field that may be JSON null has type Null[Time]; see [Null].
type Time struct {
	time.Time
}

// Layouts accepted by ParseTime, tried in order after zone names have been
// rewritten to numeric offsets.
var timeLayouts = []string{
	time.RFC3339Nano,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
}

// ParseTime parses s as an ISO 8601 (RFC 3339) date-time, with a "Z" or a
// numeric offset and optional fractional seconds, or as an RFC 2822 date-time
// as Twilio writes it, with a numeric offset or "GMT" and with or without the
// day of the week. The result is in UTC.
func ParseTime(s string) (Time, error) {
	v := strings.TrimSpace(s)
	for _, zone := range []string{" GMT", " UTC", " UT"} {
		if rest, ok := strings.CutSuffix(v, zone); ok {
			v = rest + " +0000"
			break
		}
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return Time{t.UTC()}, nil
		}
	}
	return Time{}, fmt.Errorf("twilio: cannot parse time %q: want ISO 8601 (2006-01-02T15:04:05Z) or RFC 2822 (Mon, 02 Jan 2006 15:04:05 +0000)", s)
}

// String returns t in ISO 8601 form in UTC, such as "2016-03-24T21:05:19Z".
// Fractional seconds are included only when they are not zero.
func (t Time) String() string {
	// RFC3339Nano drops trailing zeros of the fraction, and the fraction
	// itself when it is zero.
	return t.UTC().Format(time.RFC3339Nano)
}

// MarshalText returns t in the form of [Time.String]. It is the form used
// for query and form parameters.
func (t Time) MarshalText() ([]byte, error) {
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return nil, fmt.Errorf("twilio: cannot encode time %s: year %d is outside [0,9999]", t.Time, y)
	}
	return []byte(t.String()), nil
}

// AppendText appends t, in the form of [Time.String], to b. It replaces the
// method promoted from the embedded [time.Time], which would keep the offset.
func (t Time) AppendText(b []byte) ([]byte, error) {
	text, err := t.MarshalText()
	if err != nil {
		return b, err
	}
	return append(b, text...), nil
}

// UnmarshalText parses text with [ParseTime].
func (t *Time) UnmarshalText(text []byte) error {
	v, err := ParseTime(string(text))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalJSON encodes t as a JSON string in the form of [Time.String].
func (t Time) MarshalJSON() ([]byte, error) {
	text, err := t.MarshalText()
	if err != nil {
		return nil, err
	}
	return json.Marshal(string(text))
}

// UnmarshalJSON decodes a JSON string with [ParseTime]. JSON null leaves t
// unchanged, as encoding/json does for [time.Time]; use Null[Time] (see
// [Null]) to tell null from a date-time. Any other JSON value is an error.
func (t *Time) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	s, ok := plainString(data)
	if !ok {
		if err := json.Unmarshal(data, &s); err != nil {
			return fmt.Errorf("twilio: cannot decode time from JSON %s: want a string", data)
		}
	}
	return t.UnmarshalText([]byte(s))
}
