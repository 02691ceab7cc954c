package twilio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"unicode/utf8"
)

// Opt is a request parameter that may be absent.
//
// The zero Opt is unset: the parameter is left out of the request and Twilio
// keeps (or defaults) the value. An Opt built with [Some] is set and is always
// sent, even when its Value is the zero value of T. That is how to send an
// empty value on purpose, for example to clear a User's FriendlyName:
//
//	params.FriendlyName = twilio.Some("")      // sends FriendlyName=
//	params.FriendlyName = twilio.Opt[string]{} // sends nothing
//
// Opt is for requests; response fields that may be JSON null use [Null].
type Opt[T any] struct {
	// Value is the parameter's value. It is meaningful only when Set is true.
	Value T
	// Set reports whether the parameter is sent.
	Set bool
}

// Some returns a set Opt holding v.
func Some[T any](v T) Opt[T] {
	return Opt[T]{Value: v, Set: true}
}

// Get returns the value and whether it is set. When o is unset, Get returns
// the zero value of T and false.
func (o Opt[T]) Get() (T, bool) {
	if !o.Set {
		var zero T
		return zero, false
	}
	return o.Value, true
}

// IsSet reports whether o is set.
func (o Opt[T]) IsSet() bool {
	return o.Set
}

// OrElse returns the value of o if it is set, and def otherwise.
func (o Opt[T]) OrElse(def T) T {
	if !o.Set {
		return def
	}
	return o.Value
}

// String returns the value as fmt prints it, or "<unset>" when o is unset,
// so that fmt.Println(params.FriendlyName) shows what would be sent.
func (o Opt[T]) String() string {
	if !o.Set {
		return "<unset>"
	}
	return fmt.Sprint(o.Value)
}

// LogValue makes o log as its value with log/slog; an unset Opt logs as
// nil (null in JSON).
func (o Opt[T]) LogValue() slog.Value {
	if !o.Set {
		return slog.AnyValue(nil)
	}
	return slog.AnyValue(o.Value)
}

// Null is a response field that may be JSON null.
//
// When Valid is true, Value holds the decoded value. When Valid is false the
// field was null (or absent from the response) and Value is the zero value of
// T. Null implements [encoding/json.Marshaler] and
// [encoding/json.Unmarshaler]: null decodes to an invalid Null, any other
// JSON value decodes into Value, and an invalid Null encodes as null.
//
// Null is for responses; request parameters that may be absent use [Opt].
type Null[T any] struct {
	// Value is the field's value. It is the zero value of T when Valid is false.
	Value T
	// Valid reports whether the field held a non-null value.
	Valid bool
}

// NullOf returns a valid Null holding v.
func NullOf[T any](v T) Null[T] {
	return Null[T]{Value: v, Valid: true}
}

// Get returns the value and whether it is valid. When n is null, Get
// returns the zero value of T and false.
func (n Null[T]) Get() (T, bool) {
	if !n.Valid {
		var zero T
		return zero, false
	}
	return n.Value, true
}

// String returns the value as fmt prints it, or "null" when n is null, so
// that fmt.Println(user.FriendlyName) prints the name.
func (n Null[T]) String() string {
	if !n.Valid {
		return "null"
	}
	return fmt.Sprint(n.Value)
}

// LogValue makes n log as its value with log/slog; a null Null logs as nil
// (null in JSON).
func (n Null[T]) LogValue() slog.Value {
	if !n.Valid {
		return slog.AnyValue(nil)
	}
	return slog.AnyValue(n.Value)
}

// MarshalJSON encodes n as null when it is not valid, and as the JSON
// encoding of its Value otherwise.
func (n Null[T]) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// UnmarshalJSON decodes JSON null as an invalid Null with a zero Value, and
// any other JSON value into Value, marking n valid. On error n is unchanged.
func (n *Null[T]) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		*n = Null[T]{}
		return nil
	}
	var v T
	if err := decodeValue(data, &v); err != nil {
		return err
	}
	*n = Null[T]{Value: v, Valid: true}
	return nil
}

// decodeValue decodes one JSON value into v. The shapes of nearly every
// field, a string without escapes into a string type, a boolean, or a type
// that decodes itself, skip a second pass of encoding/json over data; the
// rest go through json.Unmarshal.
func decodeValue[T any](data []byte, v *T) error {
	switch p := any(v).(type) {
	case json.Unmarshaler:
		return p.UnmarshalJSON(data)
	case *bool:
		switch string(data) {
		case "true":
			*p = true
			return nil
		case "false":
			*p = false
			return nil
		}
	}
	if s, ok := plainString(data); ok {
		if rv := reflect.ValueOf(v).Elem(); rv.Kind() == reflect.String {
			rv.SetString(s)
			return nil
		}
	}
	return json.Unmarshal(data, v)
}

// plainString returns the content of a JSON string that needs no
// unescaping: quoted, valid UTF-8, without backslashes, inner quotes or
// control characters.
func plainString(data []byte) (string, bool) {
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return "", false
	}
	inner := data[1 : len(data)-1]
	for _, c := range inner {
		if c == '\\' || c == '"' || c < 0x20 {
			return "", false
		}
	}
	if !utf8.Valid(inner) {
		return "", false
	}
	return string(inner), true
}
