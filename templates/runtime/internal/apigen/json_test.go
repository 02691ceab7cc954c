package apigen

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	twilio "github.com/apigen-dev/apigen/templates/runtime"
)

// kinds has a field of every shape the generator emits, and kindsDecode
// and kindsAppend use the runtime as the generated code of such a struct
// does. kinds itself has no JSON methods, so encoding/json is the
// reference the tests hold them to.
type kinds struct {
	S     string                   `json:"s"`
	Enum  enumish                  `json:"enum"`
	I     int                      `json:"i"`
	I64   int64                    `json:"i64"`
	F     float64                  `json:"f"`
	B     bool                     `json:"b"`
	T     twilio.Time              `json:"t"`
	NS    twilio.Null[string]      `json:"ns"`
	NI    twilio.Null[int]         `json:"ni"`
	NF    twilio.Null[float64]     `json:"nf"`
	NB    twilio.Null[bool]        `json:"nb"`
	NT    twilio.Null[twilio.Time] `json:"nt"`
	NIn   twilio.Null[inner]       `json:"nin"`
	NMeta twilio.Null[twilio.PageMeta]
	JV    twilio.JSONValue  `json:"jv"`
	JS    twilio.JSONString `json:"js"`
	M     map[string]string `json:"m"`
	SS    []string          `json:"ss"`
	SSI   [][]int           `json:"ssi"`
	SIn   []inner           `json:"sin"`
	In    inner             `json:"in"`
	PIn   *inner            `json:"pin"`
	Meta  twilio.PageMeta   `json:"meta"`
	Odd   string            `json:"<a&b> é"`
	Case  string            `json:"Kelvin"`
	Case2 string            `json:"kelvin"`
}

// enumish stands for the string types: enums, SIDs, references.
type enumish string

type inner struct {
	Name  string              `json:"name"`
	Times []twilio.Time       `json:"times"`
	JVs   []twilio.JSONValue  `json:"jvs"`
	N     twilio.Null[string] `json:"n"`
	Self  *inner              `json:"self"`
}

var kindsKeys = []string{"s", "enum", "i", "i64", "f", "b", "t", "ns", "ni", "nf", "nb", "nt", "nin", "NMeta", "jv", "js", "m", "ss", "ssi", "sin", "in", "pin", "meta", "<a&b> é", "Kelvin", "kelvin"}

var innerKeys = []string{"name", "times", "jvs", "n", "self"}

func decodeInner(d *Decoder, v *inner) {
	for more := d.Object(); more; more = d.More('}') {
		switch d.Field(innerKeys) {
		case 0:
			DecodeString(d, &v.Name)
		case 1:
			DecodeSlice(d, &v.Times, DecodeTime)
		case 2:
			DecodeSlice(d, &v.JVs, DecodeJSONValue)
		case 3:
			DecodeNull(d, &v.N, DecodeString[string])
		case 4:
			DecodePtr(d, &v.Self, decodeInner)
		default:
			d.Skip()
		}
	}
}

func decodeKinds(d *Decoder, v *kinds) {
	for more := d.Object(); more; more = d.More('}') {
		switch d.Field(kindsKeys) {
		case 0: // s
			DecodeString(d, &v.S)
		case 1: // enum
			DecodeString(d, &v.Enum)
		case 2: // i
			DecodeInt(d, &v.I)
		case 3: // i64
			DecodeInt(d, &v.I64)
		case 4: // f
			DecodeFloat(d, &v.F)
		case 5: // b
			DecodeBool(d, &v.B)
		case 6: // t
			DecodeTime(d, &v.T)
		case 7: // ns
			DecodeNull(d, &v.NS, DecodeString[string])
		case 8: // ni
			DecodeNull(d, &v.NI, DecodeInt[int])
		case 9: // nf
			DecodeNull(d, &v.NF, DecodeFloat)
		case 10: // nb
			DecodeNull(d, &v.NB, DecodeBool)
		case 11: // nt
			DecodeNull(d, &v.NT, DecodeTime)
		case 12: // nin
			DecodeNull(d, &v.NIn, decodeInner)
		case 13: // NMeta
			DecodeNull(d, &v.NMeta, DecodePageMeta)
		case 14: // jv
			DecodeJSONValue(d, &v.JV)
		case 15: // js
			DecodeString(d, &v.JS)
		case 16: // m
			DecodeStringMap(d, &v.M)
		case 17: // ss
			DecodeSlice(d, &v.SS, DecodeString[string])
		case 18: // ssi
			DecodeSlice(d, &v.SSI, func(d *Decoder, p *[]int) { DecodeSlice(d, p, DecodeInt[int]) })
		case 19: // sin
			DecodeSlice(d, &v.SIn, decodeInner)
		case 20: // in
			decodeInner(d, &v.In)
		case 21: // pin
			DecodePtr(d, &v.PIn, decodeInner)
		case 22: // meta
			DecodePageMeta(d, &v.Meta)
		case 23: // <a&b> é
			DecodeString(d, &v.Odd)
		case 24: // Kelvin
			DecodeString(d, &v.Case)
		case 25: // kelvin
			DecodeString(d, &v.Case2)
		default:
			d.Skip()
		}
	}
}

func appendInner(e *Encoder, v *inner) {
	e.Raw(`{"name":`)
	EncodeString(e, &v.Name)
	e.Raw(`,"times":`)
	EncodeSlice(e, &v.Times, EncodeTime)
	e.Raw(`,"jvs":`)
	EncodeSlice(e, &v.JVs, EncodeJSONValue)
	e.Raw(`,"n":`)
	EncodeNull(e, &v.N, EncodeString[string])
	e.Raw(`,"self":`)
	EncodePtr(e, &v.Self, appendInner)
	e.Raw(`}`)
}

func appendKinds(e *Encoder, v *kinds) {
	e.Raw(`{"s":`)
	EncodeString(e, &v.S)
	e.Raw(`,"enum":`)
	EncodeString(e, &v.Enum)
	e.Raw(`,"i":`)
	EncodeInt(e, &v.I)
	e.Raw(`,"i64":`)
	EncodeInt(e, &v.I64)
	e.Raw(`,"f":`)
	EncodeFloat(e, &v.F)
	e.Raw(`,"b":`)
	EncodeBool(e, &v.B)
	e.Raw(`,"t":`)
	EncodeTime(e, &v.T)
	e.Raw(`,"ns":`)
	EncodeNull(e, &v.NS, EncodeString[string])
	e.Raw(`,"ni":`)
	EncodeNull(e, &v.NI, EncodeInt[int])
	e.Raw(`,"nf":`)
	EncodeNull(e, &v.NF, EncodeFloat)
	e.Raw(`,"nb":`)
	EncodeNull(e, &v.NB, EncodeBool)
	e.Raw(`,"nt":`)
	EncodeNull(e, &v.NT, EncodeTime)
	e.Raw(`,"nin":`)
	EncodeNull(e, &v.NIn, appendInner)
	e.Raw(`,"NMeta":`)
	EncodeNull(e, &v.NMeta, EncodePageMeta)
	e.Raw(`,"jv":`)
	EncodeJSONValue(e, &v.JV)
	e.Raw(`,"js":`)
	EncodeString(e, &v.JS)
	e.Raw(`,"m":`)
	EncodeStringMap(e, &v.M)
	e.Raw(`,"ss":`)
	EncodeSlice(e, &v.SS, EncodeString[string])
	e.Raw(`,"ssi":`)
	EncodeSlice(e, &v.SSI, func(e *Encoder, p *[]int) { EncodeSlice(e, p, EncodeInt[int]) })
	e.Raw(`,"sin":`)
	EncodeSlice(e, &v.SIn, appendInner)
	e.Raw(`,"in":`)
	appendInner(e, &v.In)
	e.Raw(`,"pin":`)
	EncodePtr(e, &v.PIn, appendInner)
	e.Raw(`,"meta":`)
	EncodePageMeta(e, &v.Meta)
	e.Raw(`,` + mustJSON("<a&b> é") + `:`)
	EncodeString(e, &v.Odd)
	e.Raw(`,"Kelvin":`)
	EncodeString(e, &v.Case)
	e.Raw(`,"kelvin":`)
	EncodeString(e, &v.Case2)
	e.Raw(`}`)
}

func mustJSON(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

var kindsSeeds = []string{
	`{"s":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00","enum":"USx","i":-12,"i64":9007199254740993,"f":-1.5e-7,"b":true,"t":"2016-03-24T21:05:19.5+01:00",
	 "ns":null,"ni":7,"nf":0.1,"nb":false,"nt":"Thu, 24 Mar 2016 21:05:19 GMT","nin":{"name":"x","self":{"name":"y"}},"NMeta":{"page":2},
	 "jv":{ "a" : [1, "<b>", null] },"js":"{\"k\":1}","m":{"a":"1","b":null},"ss":["a",null,"c"],"ssi":[[1,2],[],null],
	 "sin":[{"name":"a","times":["2016-03-24T21:05:19Z"],"jvs":[null,1,"x",{}]},null],"in":{"n":"z"},"pin":{"name":"p"},
	 "meta":{"page":1,"page_size":50,"first_page_url":"f","previous_page_url":null,"next_page_url":"n","url":"u","key":"users"},
	 "<a&b> é":"odd","KELVIN":"k","\u212aelvin":"K"}`,
	`{"S":"x","ENUM":"y","ſ":"long s","Nin":null,"PIN":null,"pin":{},"SS":[],"jv":null,"NMETA":null,"M":null}`,
	`{"ss":["a","b","c"],"ss":["x"],"sin":[{"name":"1"},{"name":"2"}],"sin":[{"n":"3"}],"m":{"a":"1"},"m":{"b":"2"},"in":{"name":"a"},"in":{"n":"b"},"pin":{"name":"a"},"pin":{"n":"b"}}`,
	`{"ss":["a","b","c"],"ss":["x"],"ss":[null,null,"y"]}`,
	`{"i":1.0}`, `{"i":1e2}`, `{"i":-0}`, `{"i":9223372036854775808}`, `{"f":1e400}`, `{"f":-0.0}`, `{"i":"1"}`, `{"b":"true"}`, `{"ni":1.5}`,
	`{"t":"2016-03-24"}`, `{"t":5}`, `{"nt":5}`, `{"t":null,"nt":null,"ni":null,"nin":null}`,
	`{"s":"\ud800"}`, `{"s":"\ud800\u0041"}`, `{"s":"\udc00\ud800"}`, `{"s":"\ud83d\ude00"}`, "{\"s\":\"\xff\xc0\x80\"}", "{\"\xffs\":\"x\"}",
	`{"s":"\x"}`, `{"s":"\u12"}`, `{"s":"\u12g4"}`, "{\"s\":\"a\nb\"}", `{"s":"abc`, `{"s"`, `{"s":}`, `{,}`, `{"s":1,}`, `[1,]`, `{} {}`, ` {} `,
	`tru`, `nul`, `-`, `01`, `1.`, `1e`, `1e+`, `-01`, `.5`, `+1`, `0x1`, `1.5e+10`, `-0.0e-0`, `[]`, `"x"`, `12`, `true`, `null`, ``, ` `,
	"\t\r\n{\t\"s\"\r:\n\"x\"\t}\n", "\v{}", "{}\u00a0",
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	`{"jv":` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + `}`,
	`{"jv":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`,
	`{"pin":` + strings.Repeat(`{"self":`, 5000) + `null` + strings.Repeat("}", 5000) + `}`,
}

// checkKinds holds the runtime's decoding and encoding of data into a kinds
// to encoding/json's, starting from the zero value and from first.
func checkKinds(t *testing.T, data []byte) {
	t.Helper()
	for _, first := range []string{"", kindsSeeds[0]} {
		var got, want kinds
		if first != "" {
			if err := json.Unmarshal([]byte(first), &want); err != nil {
				t.Fatal(err)
			}
			d := NewDecoder(first)
			decodeKinds(&d, &got)
			if err := d.End(); err != nil {
				t.Fatal(err)
			}
		}
		wantErr := json.Unmarshal(data, &want)
		d := NewDecoder(string(data))
		decodeKinds(&d, &got)
		gotErr := d.End()
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%q: the runtime says %v; encoding/json says %v", data, gotErr, wantErr)
		}
		if wantErr != nil {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: the runtime decodes\n%#v\nencoding/json\n%#v", data, got, want)
		}
		wantJSON, wantErr := json.Marshal(want)
		e := Encoder{}
		appendKinds(&e, &got)
		gotJSON, gotErr := e.Bytes()
		if (gotErr == nil) != (wantErr == nil) || !bytes.Equal(gotJSON, wantJSON) {
			t.Fatalf("%q: the runtime encodes %s (%v); encoding/json %s (%v)", data, gotJSON, gotErr, wantJSON, wantErr)
		}
	}
}

func TestDecodeLikeEncodingJSON(t *testing.T) {
	var ok int
	for _, s := range kindsSeeds {
		checkKinds(t, []byte(s))
		if json.Valid([]byte(s)) && json.Unmarshal([]byte(s), new(kinds)) == nil {
			ok++
		}
	}
	if ok < 10 {
		t.Errorf("only %d seeds decode; the test compares too few values", ok)
	}
}

func FuzzDecodeLikeEncodingJSON(f *testing.F) {
	for _, s := range kindsSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkKinds)
}

// FuzzSkipIsValid: the decoder accepts exactly the documents that
// encoding/json finds valid.
func FuzzSkipIsValid(f *testing.F) {
	for _, s := range kindsSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewDecoder(string(data))
		d.Skip()
		err := d.End()
		if valid := json.Valid(data); valid != (err == nil) {
			t.Fatalf("%q: json.Valid says %v, the decoder %v", data, valid, err)
		}
		if err == nil {
			d := NewDecoder(string(data))
			if raw := d.Raw(); strings.TrimSpace(raw) != strings.Trim(string(data), " \t\r\n") {
				t.Fatalf("%q: Raw gives %q", data, raw)
			}
		}
	})
}

// FuzzEncodeLikeEncodingJSON encodes arbitrary strings and numbers,
// including invalid UTF-8, NaN, infinities and years beyond 9999.
func FuzzEncodeLikeEncodingJSON(f *testing.F) {
	f.Add("a\x00\x1f\"\\<>&\u2028\u2029é\xff", 1.5, int64(1), true)
	f.Add("", 1e21, int64(-1<<62), false)
	f.Add("\xed\xa0\x80", 1e-7, int64(300000000000), true)
	f.Add("x", math.Inf(1), int64(0), true)
	f.Fuzz(func(t *testing.T, s string, fl float64, n int64, b bool) {
		tm := twilio.Time{Time: time.Unix(n, 0)}
		jv := twilio.JSONValue(s)
		if !json.Valid(jv) {
			jv, _ = json.Marshal(s)
			if b {
				jv = append([]byte(" \n"), jv...)
			}
		}
		v := kinds{S: s, Enum: enumish(s), I: int(n), I64: n, F: fl, B: b, T: tm,
			NS: twilio.NullOf(s), NF: twilio.Null[float64]{Value: fl, Valid: b}, NT: twilio.NullOf(tm), JV: jv, JS: twilio.JSONString(s),
			M: map[string]string{s: s, "": "x", "<": s}, SS: []string{s, ""}, SSI: [][]int{{int(n)}, nil, {}},
			SIn: []inner{{Name: s, Times: []twilio.Time{tm}, JVs: []twilio.JSONValue{nil, jv}}}, PIn: &inner{Self: &inner{N: twilio.NullOf(s)}},
			Meta: twilio.PageMeta{Key: s, NextPageURL: twilio.NullOf(s)}, Odd: s}
		want, wantErr := json.Marshal(v)
		e := Encoder{}
		appendKinds(&e, &v)
		got, gotErr := e.Bytes()
		if (gotErr == nil) != (wantErr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("the runtime encodes %s (%v); encoding/json %s (%v)", got, gotErr, want, wantErr)
		}
	})
}
