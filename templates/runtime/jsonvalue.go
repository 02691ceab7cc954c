package twilio

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// JSONValue is a JSON value of any shape, kept as written: a free-form
// property of a response (a schema without a type, or an object without
// properties), or a form field that travels as a JSON document. nil is JSON
// null, and absent. Use [JSONValue.Decode] to read it and [JSONValueOf] to
// build one.
type JSONValue []byte

// JSONValueOf returns the JSON encoding of v, as [encoding/json.Marshal]
// does, as a JSONValue.
func JSONValueOf(v any) (JSONValue, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("twilio: encoding JSONValue: %w", err)
	}
	return JSONValue(data), nil
}

// Valid reports whether v is one JSON value. nil is not valid JSON, although
// it encodes as null.
func (v JSONValue) Valid() bool {
	return json.Valid(v)
}

// Decode unmarshals v into dst, as [encoding/json.Unmarshal] does; nil
// decodes as null.
func (v JSONValue) Decode(dst any) error {
	data := []byte(v)
	if len(data) == 0 {
		data = []byte("null")
	}
	if err := json.Unmarshal(data, dst); err != nil {
		return fmt.Errorf("twilio: decoding JSONValue: %w", err)
	}
	return nil
}

// String returns v as JSON text, "null" for nil.
func (v JSONValue) String() string {
	if len(v) == 0 {
		return "null"
	}
	return string(v)
}

// MarshalJSON returns v as it is, and null for nil. A v that is not valid
// JSON is an error.
func (v JSONValue) MarshalJSON() ([]byte, error) {
	if len(v) == 0 {
		return []byte("null"), nil
	}
	if !json.Valid(v) {
		return nil, fmt.Errorf("twilio: JSONValue %q is not valid JSON", bytes.TrimSpace(v))
	}
	return v, nil
}

// UnmarshalJSON keeps a copy of data; JSON null becomes nil.
func (v *JSONValue) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*v = nil
		return nil
	}
	*v = append((*v)[:0:0], data...)
	return nil
}
