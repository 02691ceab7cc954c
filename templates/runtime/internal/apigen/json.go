package apigen

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	twilio "github.com/apigen-dev/apigen/templates/runtime"
)

// The generated types decode and encode JSON with the functions of this
// file instead of encoding/json's reflection: each struct type has a
// generated UnmarshalJSON and MarshalJSON that walk its fields with a
// Decoder or an Encoder. The results are those of encoding/json on the
// same types without those methods, byte for byte when encoding and value
// for value when decoding, on any input (the generated module's
// differential fuzz test checks it):
//
//   - a document encoding/json refuses is refused: any syntax error,
//     anything but white space after the value, more than 10000 nested
//     arrays and objects, a value of the wrong type for its field, a number
//     out of range;
//   - an object key matches a field by its exact name, or else, as in
//     encoding/json, the first field whose name equals it without regard
//     to case; other keys are skipped;
//   - JSON null leaves a field as it is, except for Null, slices, maps,
//     pointers and JSONValue, which it clears; a key given twice decodes
//     twice, into what the first left (as encoding/json merges);
//   - strings are unquoted as encoding/json does, invalid UTF-8 and lone
//     surrogates becoming U+FFFD.
//
// Decoded strings without escapes are substrings of the document, which
// is converted to a string once: a decoded value keeps the document's
// memory alive for as long as one of its strings is.

// reflectJSON makes the generated MarshalJSON and UnmarshalJSON methods
// use encoding/json's reflection instead of the generated code; see
// [SetReflectJSON].
var reflectJSON atomic.Bool

// ReflectJSON reports whether the generated JSON methods use encoding/json
// instead of the generated code.
func ReflectJSON() bool { return reflectJSON.Load() }

// SetReflectJSON makes the generated JSON methods of every API package use
// encoding/json's reflection, on the same types, when on is true, and the
// generated code again when it is false. It is for tests that compare the
// two; programs never call it. It returns the previous setting.
func SetReflectJSON(on bool) bool { return reflectJSON.Swap(on) }

// maxDepth is how deeply arrays and objects may nest, as in encoding/json.
const maxDepth = 10000

// DecodeError is an error in a JSON document: a syntax error, or a value
// that does not fit its Go type. Offset is the byte offset in the document
// where it was found.
type DecodeError struct {
	Offset int
	Msg    string
}

// Error returns the message and the offset.
func (e *DecodeError) Error() string {
	return "json: " + e.Msg + " (at offset " + strconv.Itoa(e.Offset) + ")"
}

// Decoder reads one JSON document for the generated decoders. Its methods
// do nothing once an error has been found; [Decoder.End] returns it.
type Decoder struct {
	s     string
	i     int
	depth int
	key   string // the last object key read, for errors
	err   error
}

// NewDecoder returns a Decoder of the document s.
func NewDecoder(s string) Decoder { return Decoder{s: s} }

// End checks that only white space follows the value and returns the
// first error found.
func (d *Decoder) End() error {
	if d.err == nil {
		d.ws()
		if d.i < len(d.s) {
			d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after top-level value")
		}
	}
	return d.err
}

// Err returns the first error found so far.
func (d *Decoder) Err() error { return d.err }

func (d *Decoder) fail(msg string) {
	if d.err == nil {
		d.err = &DecodeError{Offset: d.i, Msg: msg}
	}
}

func (d *Decoder) syntax(msg string) {
	if d.i >= len(d.s) {
		msg = "unexpected end of JSON input"
	}
	d.fail(msg)
}

// mismatch records that the value at d.i is not of the Go type want.
func (d *Decoder) mismatch(want string) {
	what := "a JSON value"
	switch d.s[d.i] {
	case '{':
		what = "a JSON object"
	case '[':
		what = "a JSON array"
	case '"':
		what = "a JSON string"
	case 't', 'f':
		what = "a JSON boolean"
	default:
		what = "a JSON number"
	}
	d.failValue("cannot decode " + what + " into a Go " + want)
	d.i = len(d.s) // stop here: the document is refused anyway
}

// failValue records an error about the value of the last key read.
func (d *Decoder) failValue(msg string) {
	if d.key != "" {
		msg += " (key " + strconv.Quote(d.key) + ")"
	}
	d.fail(msg)
}

func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// ws skips white space.
func (d *Decoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// start skips white space and reports whether a value starts at d.i,
// recording a syntax error otherwise.
func (d *Decoder) start() bool {
	if d.err != nil {
		return false
	}
	d.ws()
	if d.i >= len(d.s) {
		d.syntax("")
		return false
	}
	switch c := d.s[d.i]; {
	case c == '{', c == '[', c == '"', c == 't', c == 'f', c == 'n', c == '-', '0' <= c && c <= '9':
		return true
	default:
		d.fail("invalid character " + quoteChar(c) + " looking for beginning of value")
		return false
	}
}

// Null reports whether the next value is null, and consumes it if so.
func (d *Decoder) Null() bool {
	if !d.start() || d.s[d.i] != 'n' {
		return false
	}
	return d.literal("null")
}

// literal consumes lit, which starts at d.i.
func (d *Decoder) literal(lit string) bool {
	if strings.HasPrefix(d.s[d.i:], lit) {
		d.i += len(lit)
		return true
	}
	// Find the first wrong byte, for the error's offset.
	for j := 1; j < len(lit) && d.i+1 < len(d.s) && d.s[d.i+1] == lit[j]; j++ {
		d.i++
	}
	d.i++
	if d.i < len(d.s) {
		d.syntax("invalid character " + quoteChar(d.s[d.i]) + " in literal " + lit)
	} else {
		d.syntax("")
	}
	return false
}

// open consumes c ('{' or '[') at d.i and reports whether the object or
// array has a first member, consuming the closing character if not.
func (d *Decoder) open(close byte) bool {
	d.i++
	if d.depth++; d.depth > maxDepth {
		d.fail("exceeded max depth")
		return false
	}
	d.ws()
	if d.i < len(d.s) && d.s[d.i] == close {
		d.i++
		d.depth--
		return false
	}
	return true
}

// Object starts an object: it reports whether the value is an object with
// a member, whose [Decoder.Key] comes next. For an empty object, null (a
// caller that must tell it apart calls [Decoder.Null] first) or an error it
// reports false, with the value consumed.
func (d *Decoder) Object() bool {
	if !d.start() {
		return false
	}
	switch d.s[d.i] {
	case '{':
		return d.open('}')
	case 'n':
		d.literal("null")
	default:
		d.mismatch("struct or map")
	}
	return false
}

// Array starts an array: it reports whether the value is an array with an
// element, which comes next. For an empty array, null or an error it
// reports false, with the value consumed.
func (d *Decoder) Array() bool {
	if !d.start() {
		return false
	}
	switch d.s[d.i] {
	case '[':
		return d.open(']')
	case 'n':
		d.literal("null")
	default:
		d.mismatch("slice")
	}
	return false
}

// More is called after each member of an object (close '}') or element
// of an array (close ']'): it reports whether another one follows,
// consuming the comma, or consumes the closing character.
func (d *Decoder) More(close byte) bool {
	if d.err != nil {
		return false
	}
	d.ws()
	if d.i < len(d.s) {
		switch d.s[d.i] {
		case ',':
			d.i++
			return true
		case close:
			d.i++
			d.depth--
			return false
		}
	}
	if close == '}' {
		d.syntax("invalid character " + d.charAt() + " after object key:value pair")
	} else {
		d.syntax("invalid character " + d.charAt() + " after array element")
	}
	return false
}

func (d *Decoder) charAt() string {
	if d.i < len(d.s) {
		return quoteChar(d.s[d.i])
	}
	return ""
}

// Key reads an object key and the colon after it, and returns the key,
// unquoted.
func (d *Decoder) Key() string {
	if d.err != nil {
		return ""
	}
	d.ws()
	if d.i >= len(d.s) || d.s[d.i] != '"' {
		d.syntax("invalid character " + d.charAt() + " looking for beginning of object key string")
		return ""
	}
	k := d.str()
	d.ws()
	if d.err != nil {
		return ""
	}
	if d.i >= len(d.s) || d.s[d.i] != ':' {
		d.syntax("invalid character " + d.charAt() + " after object key")
		return ""
	}
	d.i++
	d.key = k
	return k
}

// Field reads an object key and the colon after it, and returns the index
// in keys, the JSON names of a struct's fields, of the field it names, or
// -1 for none: as encoding/json, the field of that exact name, or else the
// first whose name equals the key under Unicode case folding.
func (d *Decoder) Field(keys []string) int {
	key := d.Key()
	if d.err != nil {
		return -1
	}
	for i, k := range keys {
		if k == key {
			return i
		}
	}
	for i, k := range keys {
		if strings.EqualFold(k, key) {
			return i
		}
	}
	return -1
}

// str reads the string that starts at d.i and returns it unquoted.
func (d *Decoder) str() string {
	s := d.s
	for i := d.i + 1; i < len(s); i++ {
		c := s[i]
		if c == '"' {
			v := s[d.i+1 : i]
			d.i = i + 1
			return v
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			return d.strSlow(i)
		}
	}
	d.i = len(s)
	d.syntax("")
	return ""
}

// strSlow reads the string that starts at d.i, from i on, where there is
// an escape, a control character or a byte beyond ASCII. It unquotes as
// encoding/json does: invalid UTF-8 and lone surrogates become U+FFFD.
func (d *Decoder) strSlow(i int) string {
	s := d.s
	first := d.i + 1
	var b strings.Builder // empty while the string is a substring of s
	copied := false
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			d.i = i + 1
			if !copied {
				return s[first:i]
			}
			return b.String()
		case c < 0x20:
			d.i = i
			d.fail("invalid character " + quoteChar(c) + " in string literal")
			return ""
		case c == '\\':
			if !copied {
				copied = true
				b.Grow(i - first + 16)
				b.WriteString(s[first:i])
			}
			if i+1 >= len(s) {
				d.i = len(s)
				d.syntax("")
				return ""
			}
			switch e := s[i+1]; e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := d.hex4(i + 2)
				if !ok {
					return ""
				}
				i += 6
				if utf16.IsSurrogate(r) {
					// A pair, if a \u escape of the other half follows.
					if r2, ok := hex4(s, i); ok && i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							b.WriteRune(dec)
							i += 6
							continue
						}
					}
					r = utf8.RuneError
				}
				b.WriteRune(r)
				continue
			default:
				d.i = i + 1
				d.fail("invalid character " + quoteChar(e) + " in string escape code")
				return ""
			}
			i += 2
		case c < utf8.RuneSelf:
			if copied {
				b.WriteByte(c)
			}
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				if !copied {
					copied = true
					b.Grow(i - first + 16)
					b.WriteString(s[first:i])
				}
				b.WriteRune(utf8.RuneError)
			} else if copied {
				b.WriteString(s[i : i+size])
			}
			i += size
		}
	}
	d.i = len(s)
	d.syntax("")
	return ""
}

// hex4 reads the four hexadecimal digits of a \u escape at i, recording a
// syntax error if they are not.
func (d *Decoder) hex4(i int) (rune, bool) {
	if r, ok := hex4Digits(d.s, i); ok {
		return r, true
	}
	j := i
	for j < len(d.s) && j < i+4 && isHex(d.s[j]) {
		j++
	}
	d.i = j
	d.syntax("invalid character " + d.charAt() + " in \\u hexadecimal character escape")
	return 0, false
}

// hex4 reads the escape \uXXXX at i of s.
func hex4(s string, i int) (rune, bool) {
	if i+1 >= len(s) || s[i] != '\\' || s[i+1] != 'u' {
		return 0, false
	}
	return hex4Digits(s, i+2)
}

func hex4Digits(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// number reads the number that starts at d.i and returns its text.
func (d *Decoder) number() string {
	s, start := d.s, d.i
	i := start
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		for i++; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		}
	default:
		d.i = i
		d.syntax("invalid character " + d.charAt() + " in numeric literal")
		return ""
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			d.i = i
			d.syntax("invalid character " + d.charAt() + " after decimal point in numeric literal")
			return ""
		}
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			d.i = i
			d.syntax("invalid character " + d.charAt() + " in exponent of numeric literal")
			return ""
		}
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		}
	}
	d.i = i
	return s[start:i]
}

// Skip reads a value of any kind and discards it.
func (d *Decoder) Skip() {
	if !d.start() {
		return
	}
	switch c := d.s[d.i]; c {
	case '{':
		for more := d.open('}'); more; more = d.More('}') {
			d.Key()
			d.Skip()
		}
	case '[':
		for more := d.open(']'); more; more = d.More(']') {
			d.Skip()
		}
	case '"':
		d.str()
	case 't':
		d.literal("true")
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	default:
		d.number()
	}
}

// Raw reads a value of any kind and returns its text.
func (d *Decoder) Raw() string {
	if !d.start() {
		return ""
	}
	start := d.i
	d.Skip()
	return d.s[start:d.i]
}

// DecodeString decodes a JSON string into *p; null leaves *p as it is.
func DecodeString[S ~string](d *Decoder, p *S) {
	if !d.start() {
		return
	}
	switch d.s[d.i] {
	case '"':
		*p = S(d.str())
	case 'n':
		d.literal("null")
	default:
		d.mismatch("string")
	}
}

// numberValue reads the next value as a number for a Go value of type
// want, and returns its text and offset; ok is false for null (consumed,
// which leaves the Go value as it is) and after an error.
func (d *Decoder) numberValue(want string) (text string, start int, ok bool) {
	if !d.start() {
		return "", 0, false
	}
	switch c := d.s[d.i]; {
	case c == '-' || '0' <= c && c <= '9':
		start = d.i
		text = d.number()
		return text, start, d.err == nil
	case c == 'n':
		d.literal("null")
	default:
		d.mismatch(want)
	}
	return "", 0, false
}

// DecodeInt decodes a JSON number that is an integer into *p; null leaves
// *p as it is. A fraction, an exponent or a number beyond the range of I
// is an error, as in encoding/json.
func DecodeInt[I ~int | ~int64](d *Decoder, p *I) {
	text, start, ok := d.numberValue("integer")
	if !ok {
		return
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || int64(I(n)) != n {
		d.i = start
		d.failValue("cannot decode number " + text + " into a Go integer")
		return
	}
	*p = I(n)
}

// DecodeFloat decodes a JSON number into *p; null leaves *p as it is. A
// number beyond the range of float64 is an error, as in encoding/json.
func DecodeFloat(d *Decoder, p *float64) {
	text, start, ok := d.numberValue("float64")
	if !ok {
		return
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		d.i = start
		d.failValue("cannot decode number " + text + " into a Go float64")
		return
	}
	*p = f
}

// DecodeBool decodes a JSON boolean into *p; null leaves *p as it is.
func DecodeBool(d *Decoder, p *bool) {
	if !d.start() {
		return
	}
	switch d.s[d.i] {
	case 't':
		if d.literal("true") {
			*p = true
		}
	case 'f':
		if d.literal("false") {
			*p = false
		}
	case 'n':
		d.literal("null")
	default:
		d.mismatch("bool")
	}
}

// DecodeTime decodes a date-time string with [twilio.ParseTime] into *p;
// null leaves *p as it is, as [twilio.Time.UnmarshalJSON] does.
func DecodeTime(d *Decoder, p *twilio.Time) {
	if !d.start() {
		return
	}
	switch d.s[d.i] {
	case '"':
		start := d.i
		s := d.str()
		if d.err != nil {
			return
		}
		t, err := twilio.ParseTime(s)
		if err != nil {
			d.i = start
			d.failValue(strings.TrimPrefix(err.Error(), "twilio: "))
			return
		}
		*p = t
	case 'n':
		d.literal("null")
	default:
		d.mismatch("twilio.Time")
	}
}

// DecodeJSONValue keeps a copy of the next value in *p; null makes *p nil,
// as [twilio.JSONValue.UnmarshalJSON] does.
func DecodeJSONValue(d *Decoder, p *twilio.JSONValue) {
	if d.Null() {
		*p = nil
		return
	}
	if raw := d.Raw(); d.err == nil {
		*p = twilio.JSONValue(raw)
	}
}

// DecodeNull decodes into *p: null makes it null, any other value is
// decoded with decode into a zero T and makes it valid, as
// [twilio.Null.UnmarshalJSON] does.
func DecodeNull[T any](d *Decoder, p *twilio.Null[T], decode func(*Decoder, *T)) {
	if d.Null() {
		*p = twilio.Null[T]{}
		return
	}
	// Decoded in place, from the zero value: the same result as a fresh
	// T, without moving one to the heap for decode.
	*p = twilio.Null[T]{}
	decode(d, &p.Value)
	p.Valid = d.err == nil
}

// DecodePtr decodes into the value *p points to, allocating it when *p is
// nil; null makes *p nil.
func DecodePtr[T any](d *Decoder, p **T, decode func(*Decoder, *T)) {
	if d.Null() {
		*p = nil
		return
	}
	if *p == nil {
		*p = new(T)
	}
	decode(d, *p)
}

// DecodeSlice decodes a JSON array into *p, as encoding/json does: null
// makes *p nil, [] an empty slice, and elements are decoded into those *p
// already holds, then into new ones.
func DecodeSlice[T any](d *Decoder, p *[]T, decode func(*Decoder, *T)) {
	if d.Null() {
		*p = nil
		return
	}
	s, i := *p, 0
	for more := d.Array(); more; more = d.More(']') {
		if i >= cap(s) {
			s = slices.Grow(s, 1)
		}
		if i >= len(s) {
			s = s[:i+1]
		}
		decode(d, &s[i])
		i++
	}
	if d.err != nil {
		return
	}
	if i == 0 {
		s = []T{}
	}
	*p = s[:i]
}

// DecodeStringMap decodes a JSON object of strings into *p, as
// encoding/json does: null makes *p nil, and the members are added to *p,
// made when nil. A null member is the empty string.
func DecodeStringMap(d *Decoder, p *map[string]string) {
	if d.Null() {
		*p = nil
		return
	}
	if !d.start() {
		return
	}
	if d.s[d.i] != '{' {
		d.mismatch("map[string]string")
		return
	}
	m := *p
	if m == nil {
		m = make(map[string]string)
		*p = m
	}
	for more := d.open('}'); more; more = d.More('}') {
		k := d.Key()
		var v string
		DecodeString(d, &v)
		if d.err == nil {
			m[k] = v
		}
	}
}

// pageMetaKeys are the JSON names of the fields of [twilio.PageMeta].
var pageMetaKeys = []string{"page", "page_size", "first_page_url", "previous_page_url", "next_page_url", "url", "key"}

// DecodePageMeta decodes a list page's meta object into *p; null leaves
// *p as it is.
func DecodePageMeta(d *Decoder, p *twilio.PageMeta) {
	for more := d.Object(); more; more = d.More('}') {
		switch d.Field(pageMetaKeys) {
		case 0:
			DecodeInt(d, &p.Page)
		case 1:
			DecodeInt(d, &p.PageSize)
		case 2:
			DecodeString(d, &p.FirstPageURL)
		case 3:
			DecodeNull(d, &p.PreviousPageURL, DecodeString[string])
		case 4:
			DecodeNull(d, &p.NextPageURL, DecodeString[string])
		case 5:
			DecodeString(d, &p.URL)
		case 6:
			DecodeString(d, &p.Key)
		default:
			d.Skip()
		}
	}
}

// Encoder writes a JSON document for the generated encoders, as
// encoding/json.Marshal would: HTML-safe strings, map keys sorted, nil
// slices and maps as null.
type Encoder struct {
	b   []byte
	err error
}

// encodeBuffers keeps the buffers of Encoders between documents, so that a
// large one does not grow from nothing every time.
var encodeBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledBuffer is the largest buffer kept for the next Encoder.
const maxPooledBuffer = 4 << 20

// NewEncoder returns an Encoder whose buffer comes from a pool; its
// [Encoder.Bytes] gives the buffer back.
func NewEncoder() *Encoder {
	return &Encoder{b: (*encodeBuffers.Get().(*[]byte))[:0]}
}

// Bytes returns a copy of what was appended, or the first error, and gives
// the Encoder's buffer back to the pool: the Encoder is not to be used
// again.
func (e *Encoder) Bytes() ([]byte, error) {
	out, err := bytes.Clone(e.b), e.err
	if cap(e.b) <= maxPooledBuffer {
		b := e.b[:0]
		encodeBuffers.Put(&b)
	}
	e.b = nil
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Raw appends s, JSON text such as `{"sid":`, as it is.
func (e *Encoder) Raw(s string) { e.b = append(e.b, s...) }

// fail records the first error.
func (e *Encoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// EncodeString appends *p as a JSON string.
func EncodeString[S ~string](e *Encoder, p *S) { e.b = appendString(e.b, string(*p)) }

// EncodeInt appends *p.
func EncodeInt[I ~int | ~int64](e *Encoder, p *I) { e.b = strconv.AppendInt(e.b, int64(*p), 10) }

// EncodeBool appends *p.
func EncodeBool(e *Encoder, p *bool) { e.b = strconv.AppendBool(e.b, *p) }

// EncodeFloat appends *p as encoding/json writes a float64; NaN and the
// infinities are an error.
func EncodeFloat(e *Encoder, p *float64) {
	f := *p
	if math.IsInf(f, 0) || math.IsNaN(f) {
		e.fail(errors.New("json: unsupported value: " + strconv.FormatFloat(f, 'g', -1, 64)))
		e.b = append(e.b, "null"...)
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b := strconv.AppendFloat(e.b, f, format, -1, 64)
	if format == 'e' {
		// e-09 is written e-9.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	e.b = b
}

// EncodeTime appends *p as [twilio.Time.MarshalJSON] does.
func EncodeTime(e *Encoder, p *twilio.Time) {
	t := p.UTC()
	if y := t.Year(); y < 0 || y > 9999 {
		_, err := p.MarshalText() // the error it returns
		e.fail(err)
		e.b = append(e.b, "null"...)
		return
	}
	// Digits, '-', ':', '.', 'T' and 'Z': nothing to escape.
	e.b = append(e.b, '"')
	e.b = t.AppendFormat(e.b, time.RFC3339Nano)
	e.b = append(e.b, '"')
}

// EncodeJSONValue appends *p, compacted, as encoding/json writes what
// [twilio.JSONValue.MarshalJSON] returns; nil is null.
func EncodeJSONValue(e *Encoder, p *twilio.JSONValue) {
	if len(*p) == 0 {
		e.b = append(e.b, "null"...)
		return
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, *p); err != nil {
		e.fail(errors.New("json: error calling MarshalJSON for type twilio.JSONValue: " + err.Error()))
		e.b = append(e.b, "null"...)
		return
	}
	var escaped bytes.Buffer
	json.HTMLEscape(&escaped, compact.Bytes())
	e.b = append(e.b, escaped.Bytes()...)
}

// EncodeNull appends null, or the value of *p with encode.
func EncodeNull[T any](e *Encoder, p *twilio.Null[T], encode func(*Encoder, *T)) {
	if !p.Valid {
		e.b = append(e.b, "null"...)
		return
	}
	encode(e, &p.Value)
}

// EncodePtr appends null for a nil *p, or what it points to with encode.
func EncodePtr[T any](e *Encoder, p **T, encode func(*Encoder, *T)) {
	if *p == nil {
		e.b = append(e.b, "null"...)
		return
	}
	encode(e, *p)
}

// EncodeSlice appends *p as a JSON array, null when it is nil.
func EncodeSlice[T any](e *Encoder, p *[]T, encode func(*Encoder, *T)) {
	s := *p
	if s == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = append(e.b, '[')
	for i := range s {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		encode(e, &s[i])
	}
	e.b = append(e.b, ']')
}

// EncodeStringMap appends *p as a JSON object with sorted keys, null when
// it is nil.
func EncodeStringMap(e *Encoder, p *map[string]string) {
	m := *p
	if m == nil {
		e.b = append(e.b, "null"...)
		return
	}
	var small [8]string
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.b = append(e.b, '{')
	for i, k := range keys {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = appendString(e.b, k)
		e.b = append(e.b, ':')
		e.b = appendString(e.b, m[k])
	}
	e.b = append(e.b, '}')
}

// EncodePageMeta appends *p as encoding/json writes a [twilio.PageMeta].
func EncodePageMeta(e *Encoder, p *twilio.PageMeta) {
	e.Raw(`{"page":`)
	EncodeInt(e, &p.Page)
	e.Raw(`,"page_size":`)
	EncodeInt(e, &p.PageSize)
	e.Raw(`,"first_page_url":`)
	EncodeString(e, &p.FirstPageURL)
	e.Raw(`,"previous_page_url":`)
	EncodeNull(e, &p.PreviousPageURL, EncodeString[string])
	e.Raw(`,"next_page_url":`)
	EncodeNull(e, &p.NextPageURL, EncodeString[string])
	e.Raw(`,"url":`)
	EncodeString(e, &p.URL)
	e.Raw(`,"key":`)
	EncodeString(e, &p.Key)
	e.b = append(e.b, '}')
}

// htmlSafe marks the ASCII bytes that encoding/json writes as they are in
// a string: not control characters, '"', '\\', '<', '>' or '&'.
var htmlSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it by default: control characters, '"' and '\\', the HTML
// characters <, > and &, U+2028 and U+2029; invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if htmlSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
