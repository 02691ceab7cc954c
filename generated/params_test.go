package generated_test

import (
	"reflect"
	"testing"

	"github.com/apigen-dev/apigen/generated/chatv1"
	"github.com/apigen-dev/apigen/generated/chatv2"
	"github.com/apigen-dev/apigen/generated/conversationsv1"
)

// TestIntegerParamsOneType: the integer parameters of one document
// (PageSize, Page) take one Go type, so that Some(10) fits each of them.
// Our documents say format: int64 nowhere, since no parameter needs it.
func TestIntegerParamsOneType(t *testing.T) {
	for name, params := range map[string]any{
		"chatv1":          chatv1.ListUsersParams{PageSize: chatv1.Some(10), Page: chatv1.Some(1)},
		"chatv2":          chatv2.ListUsersParams{PageSize: chatv2.Some(10), Page: chatv2.Some(1)},
		"conversationsv1": conversationsv1.ListUsersParams{PageSize: conversationsv1.Some(10)},
	} {
		v := reflect.TypeOf(params)
		for i := range v.NumField() {
			f := v.Field(i)
			if f.Type.Kind() != reflect.Struct || f.Type.NumField() == 0 {
				continue
			}
			// Opt[T] holds its value in its first field.
			switch k := f.Type.Field(0).Type.Kind(); k {
			case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint64:
				t.Errorf("%s: %s holds a %s, want int like the other integer parameters", name, f.Name, k)
			}
		}
	}
}
