package generated_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/apigen-dev/apigen/generated/chatv1"
	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
	"github.com/apigen-dev/apigen/generated/internal/apigen"
	"github.com/apigen-dev/apigen/generated/twilio"
)

// The generated types decode and encode JSON with generated code; these
// tests hold it to encoding/json's reflection on the same types
// (apigen.SetReflectJSON switches the generated methods to it): for any
// input, both refuse it, or both give equal values, which both encode to
// the same bytes.

// jsonSeeds are documents for the fuzz targets to start from: pages as the
// API writes them, and the shapes where decoders tend to differ.
func jsonSeeds() []string {
	user := `{"sid":"USaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","account_sid":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","attributes":"{\"a\":1}","friendly_name":"Al\u00e9 \"x\" <b>","identity":"alice","is_online":true,"is_notifiable":null,"date_created":"2016-03-24T21:05:19Z","date_updated":"Thu, 24 Mar 2016 21:05:19 +0000","joined_channels_count":3,"links":{"user_channels":"https://chat.twilio.com/x"},"url":"https://chat.twilio.com/v2/Services/IS/Users/US"}`
	return []string{
		string(listPage(2)),
		user,
		`{"users":[` + user + `,null,{}],"meta":{"page":1,"page_size":50,"next_page_url":null,"key":"users"}}`,
		`{"conversation_state":"active","links":null,"USERS":[{"SID":null,"Identity":"x"}],"Meta":{"Page":"1"}}`,
		`{"sid":"US1","sid":null,"links":{"a":"1"},"links":{"b":null},"friendly_name":"a","friendly_name":"\ud83d\ude00\ud800x\u0041"}`,
		`{"users":[{"identity":"a"},{"identity":"b"}],"users":[{"url":"u"}]}`,
		`{"joined_channels_count":1.5}`,
		`{"joined_channels_count":-0,"is_online":false,"date_created":null,"date_updated":"2016-03-24T21:05:19.123+02:00"}`,
		`{"joined_channels_count":99999999999999999999}`,
		`{"date_created":"yesterday"}`,
		`{"ſid":"x","K":1,"unknown":{"deep":[[[{"a":[1,2e10,-3.5E-2,true,false,null]}]]]}} `,
		"{\"identity\":\"\xff\xfe ok\"}",
		`{"users":[1]}`,
		`[]`,
		`null`,
		`"x"`,
		`{"a":1,}`,
		`{"meta":{"page":1}} x`,
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
		`{"x":` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + `}`,
		`{"identity":"a\u0000b\/c\b\f\n\r\t"}`,
		`{"identity" : "a" , "url":"b"	}`,
	}
}

func FuzzJSONDecode(f *testing.F) {
	for _, s := range jsonSeeds() {
		f.Add([]byte(s))
	}
	prefilled := listPage(3)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkJSON[chatv2.UserList](t, data, nil)
		checkJSON[chatv2.UserList](t, data, prefilled)
		checkJSON[chatv2.User](t, data, nil)
		checkJSON[chatv1.UserList](t, data, nil)
		checkJSON[chatv1.User](t, data, []byte(jsonSeeds()[1]))
		checkJSON[conversationsv1.UserList](t, data, prefilled)
		checkJSON[conversationsv1.User](t, data, nil)
	})
}

// checkJSON decodes data into a T by reflection and by the generated code,
// both starting from the value that first decodes (by reflection) when
// not nil, and compares the errors, the values and their encodings.
func checkJSON[T any](t *testing.T, data, first []byte) {
	t.Helper()
	var want, got T
	if first != nil {
		withReflection(func() {
			if err := json.Unmarshal(first, &want); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(first, &got); err != nil {
				t.Fatal(err)
			}
		})
	}
	var wantErr error
	withReflection(func() { wantErr = json.Unmarshal(data, &want) })
	// Called directly: json.Unmarshal would check the syntax before the
	// generated code sees the document.
	gotErr := any(&got).(json.Unmarshaler).UnmarshalJSON(data)
	name := reflect.TypeFor[T]().String()
	if (wantErr == nil) != (gotErr == nil) {
		t.Fatalf("%s: %q: encoding/json says %v; the generated decoder says %v", name, data, wantErr, gotErr)
	}
	if wantErr != nil {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: %q: the generated decoder gives\n%+v\nwhere encoding/json gives\n%+v", name, data, got, want)
	}
	var wantJSON []byte
	withReflection(func() { wantJSON, wantErr = json.Marshal(want) })
	gotJSON, gotErr := any(got).(json.Marshaler).MarshalJSON()
	if (wantErr == nil) != (gotErr == nil) || !bytes.Equal(gotJSON, wantJSON) {
		t.Fatalf("%s: %+v: the generated encoder gives %s (%v) where encoding/json gives %s (%v)", name, want, gotJSON, gotErr, wantJSON, wantErr)
	}
}

// withReflection runs f with the generated JSON methods using
// encoding/json's reflection.
func withReflection(f func()) {
	prev := apigen.SetReflectJSON(true)
	defer apigen.SetReflectJSON(prev)
	f()
}

// FuzzJSONEncode encodes users holding arbitrary strings, numbers and times,
// which decoding never makes (invalid UTF-8, control characters, years
// beyond 9999), by reflection and by the generated code.
func FuzzJSONEncode(f *testing.F) {
	f.Add("alice", "{\"a\":1}", "<&>\u2028\u2029", int64(3), int64(1458854719), true)
	f.Add("\xff\x00\x1f\"\\", "", "é", int64(-1), int64(-70000000000), false)
	f.Add("", "x", "\xed\xa0\x80", int64(1<<62), int64(300000000000), true)
	f.Fuzz(func(t *testing.T, a, b, c string, n, unix int64, ok bool) {
		tm := twilio.Time{Time: time.Unix(unix, n%1e9)}
		u := chatv2.User{
			SID:                 twilio.NullOf(twilio.UserSID(a)),
			Attributes:          twilio.Null[twilio.JSONString]{Value: twilio.JSONString(b), Valid: ok},
			FriendlyName:        twilio.NullOf(c),
			IsOnline:            twilio.NullOf(ok),
			DateCreated:         twilio.NullOf(tm),
			DateUpdated:         twilio.Null[twilio.Time]{Value: tm, Valid: !ok},
			JoinedChannelsCount: int(n),
			Links:               map[string]string{a: b, c: a, "x": c},
		}
		if ok {
			u.Links = nil
		}
		page := chatv2.UserList{Users: []chatv2.User{u, {}}, Meta: twilio.PageMeta{Key: a, URL: b, NextPageURL: twilio.NullOf(c)}}
		for _, v := range []any{u, page} {
			var want []byte
			var wantErr error
			withReflection(func() { want, wantErr = json.Marshal(v) })
			got, gotErr := v.(json.Marshaler).MarshalJSON()
			if (wantErr == nil) != (gotErr == nil) || !bytes.Equal(got, want) {
				t.Fatalf("%T: the generated encoder gives %s (%v) where encoding/json gives %s (%v)", v, got, gotErr, want, wantErr)
			}
		}
	})
}

// TestJSONSeedsDiffer makes sure the seeds reach both outcomes, so that the
// fuzz targets compare decoded values and not only errors.
func TestJSONSeedsDiffer(t *testing.T) {
	var ok, refused int
	for _, s := range jsonSeeds() {
		var v chatv2.UserList
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			refused++
		} else {
			ok++
		}
	}
	if ok < 5 || refused < 5 {
		t.Errorf("%d seeds decode and %d are refused; want at least 5 of each", ok, refused)
	}
}

// TestReflectJSONSwitch checks that the switch the tests rely on changes
// what runs: encoding/json by reflection checks the whole document before
// decoding, the generated decoder reports where it stopped.
func TestReflectJSONSwitch(t *testing.T) {
	var v chatv2.User
	generated := v.UnmarshalJSON([]byte(`{"sid":1}`))
	var reflected error
	withReflection(func() { reflected = v.UnmarshalJSON([]byte(`{"sid":1}`)) })
	if generated == nil || reflected == nil || fmt.Sprintf("%T", generated) == fmt.Sprintf("%T", reflected) {
		t.Errorf("generated decoder error %T (%v), reflection error %T (%v): want two errors of different types", generated, generated, reflected, reflected)
	}
}
