package twilio

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestJSONValueRoundTrip(t *testing.T) {
	type resource struct {
		Config JSONValue `json:"config"`
	}
	for _, in := range []string{`{"config":{"url":"https://x","retry_count":3}}`, `{"config":[1,"two",null]}`, `{"config":"text"}`, `{"config":42}`} {
		var r resource
		if err := json.Unmarshal([]byte(in), &r); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		out, err := json.Marshal(r)
		if err != nil || string(out) != in {
			t.Errorf("round trip of %s = %s, %v", in, out, err)
		}
	}
	var r resource
	if err := json.Unmarshal([]byte(`{"config":null}`), &r); err != nil || r.Config != nil {
		t.Errorf("null decodes as %q, %v; want nil", r.Config, err)
	}
	if out, err := json.Marshal(resource{}); err != nil || string(out) != `{"config":null}` {
		t.Errorf("nil encodes as %s, %v; want null", out, err)
	}
	if _, err := json.Marshal(resource{Config: JSONValue("{oops")}); err == nil {
		t.Error("invalid JSON encoded without error")
	}
}

func TestJSONValueCopiesInput(t *testing.T) {
	data := []byte(`{"a":1}`)
	var v JSONValue
	if err := v.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	data[2] = 'b'
	if v.String() != `{"a":1}` {
		t.Errorf("JSONValue shares the decoder's buffer: %s", v)
	}
}

func TestJSONValueDecodeAndOf(t *testing.T) {
	v, err := JSONValueOf(map[string]any{"url": "https://x", "n": 2})
	if err != nil || !v.Valid() {
		t.Fatalf("JSONValueOf = %s, %v", v, err)
	}
	var got map[string]any
	if err := v.Decode(&got); err != nil || !reflect.DeepEqual(got, map[string]any{"url": "https://x", "n": 2.0}) {
		t.Errorf("Decode = %v, %v", got, err)
	}
	var none map[string]any
	if err := JSONValue(nil).Decode(&none); err != nil || none != nil {
		t.Errorf("nil decodes as %v, %v; want nil map", none, err)
	}
	if JSONValue(nil).Valid() || JSONValue("{").Valid() || JSONValue(nil).String() != "null" {
		t.Error("Valid or String wrong for nil or broken values")
	}
	if _, err := JSONValueOf(func() {}); err == nil {
		t.Error("JSONValueOf(func) gave no error")
	}
}
