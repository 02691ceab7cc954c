// Package model is the contract between the two halves of the generator:
// normalize fills it from OpenAPI documents, emit prints Go from it. It is
// plain data: every name in it is already a Go name, every list is in a
// stable order, and nothing of kin-openapi or jennifer is imported.
//
// Dump prints a model as indented JSON; golden tests compare dumps.
package model

import (
	"encoding/json"

	"github.com/apigen-dev/apigen/generator/diag"
)

// Pos is where an element came from in the spec files.
type Pos = diag.Pos

// Set is everything generated in one run: the shared package and one API
// package per document.
type Set struct {
	Shared *Shared `json:"shared"`
	APIs   []*API  `json:"apis"`
}

// Shared describes the package that every API package imports: the SID
// kinds, page meta, error, time and optional/nullable helpers.
type Shared struct {
	Package    string     `json:"package"`
	ImportPath string     `json:"import_path"`
	SIDs       []*SIDKind `json:"sids"` // sorted by prefix

	// InternalPackage ("apigen") holds the plumbing that only generated
	// code calls; InternalImportPath is its import path, under the output
	// folder's internal/ so that only the generated packages can import it.
	InternalPackage    string `json:"internal_package"`
	InternalImportPath string `json:"internal_import_path"`
}

// SIDKind is one SID prefix: a 34-character string of the prefix and 32
// hexadecimal digits.
type SIDKind struct {
	Prefix string `json:"prefix"` // "US"
	Name   string `json:"name"`   // Go type name, "UserSID"
	// RefName is the Go type of a parameter that takes a SID of this kind or
	// another identifier (a user SID or an identity); empty when unused.
	RefName string `json:"ref_name,omitempty"`
	// RefAlt names what a Ref accepts besides the SID ("identity").
	RefAlt string `json:"ref_alt,omitempty"`
	Doc    string `json:"doc"`
	Pos    Pos    `json:"pos"`
}

// API is one document: one generated package.
type API struct {
	Title      string       `json:"title"`
	Doc        string       `json:"doc"`
	Spec       string       `json:"spec"` // the document's path, for the generated header
	Package    string       `json:"package"`
	ImportPath string       `json:"import_path"`
	BaseURL    string       `json:"base_url"`
	Types      []*Type      `json:"types"`      // sorted by Name
	Operations []*Operation `json:"operations"` // sorted by Name
	Pos        Pos          `json:"pos"`
}

// TypeKind tells a named type's shape.
type TypeKind string

// The kinds of named types.
const (
	StructType TypeKind = "struct"
	EnumType   TypeKind = "enum"
)

// Type is a named type of an API package.
type Type struct {
	Name     string   `json:"name"`      // Go name
	SpecName string   `json:"spec_name"` // the component or parameter it came from
	Kind     TypeKind `json:"kind"`
	Doc      string   `json:"doc"`
	// Fields of a struct, in document order.
	Fields []*Field `json:"fields,omitempty"`
	// Base and Values of an enum: the underlying kind and the allowed values.
	Base   Kind         `json:"base,omitempty"`
	Values []*EnumValue `json:"values,omitempty"`
	// Page is set when the struct is one page of a list.
	Page *Page `json:"page,omitempty"`
	Pos  Pos   `json:"pos"`
}

// EnumValue is one allowed value of an enum.
type EnumValue struct {
	Name  string `json:"name"` // Go constant name
	Value string `json:"value"`
}

// Page describes a list page: one array of items plus the shared meta.
type Page struct {
	ItemsField string `json:"items_field"` // Go field name of the array, "Users"
	ItemsKey   string `json:"items_key"`   // its JSON key, "users"
	ItemType   string `json:"item_type"`   // Go name of the item type, "User"
	MetaField  string `json:"meta_field"`  // Go field name of the meta, "Meta"
}

// Field is a property of a response struct or a field of a request.
type Field struct {
	Name     string  `json:"name"`      // Go name
	WireName string  `json:"wire_name"` // JSON key or form field name
	Doc      string  `json:"doc"`
	Type     TypeRef `json:"type"`
	Required bool    `json:"required,omitempty"`
	// Nullable: the value may be JSON null (responses).
	Nullable bool `json:"nullable,omitempty"`
	// Optional: the caller may leave the field out, and leaving it out is
	// not the same as sending it empty (requests).
	Optional bool `json:"optional,omitempty"`
	Pos      Pos  `json:"pos"`
}

// Kind is the kind of a value.
type Kind string

// The kinds of values the emitter knows.
const (
	String        Kind = "string"
	Int           Kind = "int"
	Int64         Kind = "int64"
	Float         Kind = "float64"
	Bool          Kind = "bool"
	Time          Kind = "time"            // date-time: ISO 8601 or RFC 2822
	URI           Kind = "uri"             // an absolute URL in a string
	SID           Kind = "sid"             // TypeRef.SID names the prefix
	SIDOrIdentity Kind = "sid_or_identity" // a SID of TypeRef.SID's kind or another identifier
	JSONString    Kind = "json_string"     // a JSON document carried in a string
	URIMap        Kind = "uri_map"         // an object mapping names to absolute URLs
	Array         Kind = "array"           // TypeRef.Elem is the element
	Named         Kind = "named"           // TypeRef.Name is a type of this API
	Meta          Kind = "page_meta"       // the shared page meta
)

// TypeRef is the type of a field or parameter, with its constraints.
type TypeRef struct {
	Kind Kind     `json:"kind"`
	SID  string   `json:"sid,omitempty"`  // prefix, for SID and SIDOrIdentity
	Name string   `json:"name,omitempty"` // for Named
	Elem *TypeRef `json:"elem,omitempty"` // for Array
	// Constraints to validate.
	MinLength *int64  `json:"min_length,omitempty"`
	MaxLength *int64  `json:"max_length,omitempty"`
	Minimum   *int64  `json:"minimum,omitempty"`
	Maximum   *int64  `json:"maximum,omitempty"`
	Pattern   string  `json:"pattern,omitempty"` // a non-SID pattern
	Default   *string `json:"default,omitempty"` // as Go source text of the value
}

// OpKind is what an operation does.
type OpKind string

// The kinds of operations.
const (
	List   OpKind = "list"
	Create OpKind = "create"
	Fetch  OpKind = "fetch"
	Update OpKind = "update"
	Delete OpKind = "delete"
)

// Operation is one operation of an API.
type Operation struct {
	ID      string `json:"id"`   // operationId
	Name    string `json:"name"` // Go method name
	Kind    OpKind `json:"kind"`
	Method  string `json:"method"`
	Path    string `json:"path"` // template, "/v2/Services/{ServiceSid}/Users"
	Summary string `json:"summary"`
	Doc     string `json:"doc"`
	// PathParams in the order they appear in Path.
	PathParams []*Param `json:"path_params"`
	// Params holds the query and header parameters and the body fields, in
	// that order, each in document order; ParamsType is the Go name of the
	// struct that carries them ("" when there are none).
	Params     []*Param `json:"params"`
	ParamsType string   `json:"params_type,omitempty"`
	// BodyRequired: the form body must be sent (a required field exists).
	BodyRequired bool `json:"body_required,omitempty"`
	// Success is the one 2xx response; Result its type ("" for no content).
	Success int    `json:"success"`
	Result  string `json:"result,omitempty"`
	// Errors are the documented error responses, by status.
	Errors []*ErrorResponse `json:"errors"`
	// List is set for list operations.
	List *ListInfo `json:"list,omitempty"`
	Pos  Pos       `json:"pos"`
}

// ParamIn is where a parameter travels.
type ParamIn string

// Where parameters travel.
const (
	InPath   ParamIn = "path"
	InQuery  ParamIn = "query"
	InHeader ParamIn = "header"
	InForm   ParamIn = "form"
)

// Param is a path, query or header parameter or a form field.
type Param struct {
	WireName string  `json:"wire_name"` // "ServiceSid", "X-Twilio-Webhook-Enabled"
	Name     string  `json:"name"`      // Go field name, "ServiceSID"
	VarName  string  `json:"var_name"`  // Go variable name, "serviceSID"
	In       ParamIn `json:"in"`
	Doc      string  `json:"doc"`
	Required bool    `json:"required,omitempty"`
	// Optional: absent and empty are told apart (not for path parameters).
	Optional bool    `json:"optional,omitempty"`
	Type     TypeRef `json:"type"`
	Pos      Pos     `json:"pos"`
}

// ErrorResponse is a documented error status.
type ErrorResponse struct {
	Status int    `json:"status"`
	Doc    string `json:"doc"`
}

// ListInfo describes a list operation's paging.
type ListInfo struct {
	PageType        string `json:"page_type"` // Go name of the page struct
	ItemType        string `json:"item_type"`
	ItemsKey        string `json:"items_key"`
	PageSizeParam   string `json:"page_size_param"` // Go field name in Params
	PageSizeMin     int64  `json:"page_size_min"`
	PageSizeMax     int64  `json:"page_size_max"`
	PageSizeDefault int64  `json:"page_size_default"`
}

// Dump renders v (a Set, an API, ...) as indented JSON, ending in a newline.
func Dump(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
