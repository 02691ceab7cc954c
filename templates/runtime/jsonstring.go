package twilio

import (
	"encoding/json"
	"fmt"
	"strings"
)

// JSONString is a JSON document carried in a string, such as a User's
// Attributes. Twilio sends and receives it as a string, so it is encoded as
// one; use [JSONString.Decode] to read the document and [JSONOf] to build one.
type JSONString string

// Valid reports whether s is a valid JSON document. The empty string is not
// valid JSON, although [JSONString.Decode] treats it as {}.
func (s JSONString) Valid() bool {
	return json.Valid([]byte(s))
}

// Decode unmarshals the document in s into v, as [encoding/json.Unmarshal]
// does. An empty (or all-space) s decodes as the empty object {}, so unset
// attributes decode without error into a map or struct.
func (s JSONString) Decode(v any) error {
	data := string(s)
	if strings.TrimSpace(data) == "" {
		data = "{}"
	}
	if err := json.Unmarshal([]byte(data), v); err != nil {
		return fmt.Errorf("twilio: decoding JSONString: %w", err)
	}
	return nil
}

// JSONOf returns the JSON encoding of v, as [encoding/json.Marshal] does, as
// a JSONString.
func JSONOf(v any) (JSONString, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("twilio: encoding JSONString: %w", err)
	}
	return JSONString(data), nil
}
