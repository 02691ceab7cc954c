// Package model is the contract between the two halves of the generator:
// normalize fills it from OpenAPI documents, emit prints Go from it.
//
// The model owns every Go identity that generated code declares or uses, as
// protobuf-go's protogen does with GoIdent: type names carry their import
// path, every reference points at what it names (a *Type, a *SIDKind, a
// *Param), and the names of fields, methods, parameters and locals are
// allocated in their scopes before emit sees them. The emitter only prints:
// it never invents a name and has no error path that a model normalize
// accepted can reach.
//
// Lists are in a stable order. Positions (Pos) are kept for error messages
// but left out of dumps, so that a golden dump changes only where the model
// does. Dump prints a model as indented JSON.
package model

import (
	"encoding/json"

	"github.com/apigen-dev/apigen/generator/diag"
	"github.com/apigen-dev/apigen/templates"
)

// Pos is where an element came from in the spec files.
type Pos = diag.Pos

// GoIdent is a Go identifier and the import path of the package that
// declares it.
type GoIdent struct {
	ImportPath string `json:"import_path"`
	Name       string `json:"name"`
}

// Set is everything generated in one run: the shared package and one API
// package per document.
type Set struct {
	Shared *Shared `json:"shared"`
	APIs   []*API  `json:"apis"`
}

// Shared describes the package that every API package imports: the SID
// kinds, plus the runtime copied into it and into its internal companion.
type Shared struct {
	Package    string `json:"package"`
	ImportPath string `json:"import_path"`
	// InternalPackage and InternalImportPath name the package of plumbing
	// that only generated code calls (the client transport, the server's
	// request decoding).
	InternalPackage    string     `json:"internal_package"`
	InternalImportPath string     `json:"internal_import_path"`
	SIDs               []*SIDKind `json:"sids"` // sorted by prefix
}

// SIDKind is one SID prefix: a 34-character string of the prefix and 32
// hexadecimal digits. It declares a type, a prefix constant and a Parse
// function in the shared package.
type SIDKind struct {
	Prefix      string  `json:"prefix"`       // "US"
	Ident       GoIdent `json:"ident"`        // the type, "UserSID"
	PrefixConst string  `json:"prefix_const"` // "UserSIDPrefix"
	Parse       string  `json:"parse"`        // "ParseUserSID"
	// Ref is set when a parameter takes a SID of this kind or another
	// identifier (a user SID or an identity).
	Ref *SIDRef `json:"ref,omitempty"`
	Doc string  `json:"doc"`
	Pos Pos     `json:"-"`
}

// SIDRef is the type of a parameter that takes a SID or another identifier
// of the same resource, with its constructors.
type SIDRef struct {
	Ident GoIdent `json:"ident"` // "UserRef"
	Of    string  `json:"of"`    // constructor from a SID, "UserRefOf"
	// Alt names what the reference accepts besides the SID ("identity");
	// AltFunc builds a reference from it ("UserRefIdentity") and AltParam
	// is that function's parameter ("identity").
	Alt      string `json:"alt"`
	AltFunc  string `json:"alt_func"`
	AltParam string `json:"alt_param"`
}

// API is one document: one generated package.
type API struct {
	Title      string `json:"title"`
	Doc        string `json:"doc"`
	Spec       string `json:"spec"` // the document's path, for the generated header
	Package    string `json:"package"`
	ImportPath string `json:"import_path"`
	BaseURL    string `json:"base_url"`
	// Imports are the packages generated code of this API may import, with
	// the names it refers to them by; no local or package-level name of the
	// package takes one of these names.
	Imports []Import `json:"imports"`
	// Decls are the package-level names that every API package declares.
	Decls Decls `json:"decls"`
	// Options are the client options the package re-exports.
	Options []*Option `json:"options"`
	// Reexports are the other declarations of the shared package that the
	// package re-exports (besides Decls' Opt, Some, Null, Error and
	// ParamError and the Options): types, then functions, then variables.
	Reexports  []*Reexport  `json:"reexports"`
	Types      []*Type      `json:"types"`      // sorted by name
	Operations []*Operation `json:"operations"` // sorted by name
	// Patterns are the regular expressions string parameters must match,
	// each compiled once into a package variable.
	Patterns []*Pattern `json:"patterns,omitempty"`
	Pos      Pos        `json:"-"`
}

// Import is an imported package and the name it is referred to by.
type Import struct {
	Path string `json:"path"`
	Name string `json:"name"`
}

// Decls are the names of the declarations every API package makes, as
// allocated: each is the usual name unless the document takes it, in which
// case the generator's declaration is renamed.
type Decls struct {
	DefaultBaseURL      string `json:"default_base_url"`
	Option              string `json:"option"` // alias of the shared ClientOption
	Client              string `json:"client"`
	ClientCore          string `json:"client_core"` // Client's field holding the transport
	NewClient           string `json:"new_client"`
	Server              string `json:"server"`
	UnimplementedServer string `json:"unimplemented_server"`
	NewHandler          string `json:"new_handler"`
	Handler             string `json:"handler"`        // unexported adapter type
	HandlerServer       string `json:"handler_server"` // its field holding the Server
	Error               string `json:"error"`
	ParamError          string `json:"param_error"`
	Opt                 string `json:"opt"`
	Some                string `json:"some"`
	Null                string `json:"null"`
}

// Option is a client option of the shared package that an API package
// re-exports under Name.
type Option struct {
	Name   string                  `json:"name"`
	Source *templates.ClientOption `json:"-"` // the shared package's function
}

// MarshalJSON dumps the option with the name of the function it re-exports.
func (o *Option) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name    string `json:"name"`
		Runtime string `json:"runtime"`
	}{o.Name, o.Source.Name})
}

// Reexport is a type, function or variable of the shared package that an
// API package re-exports under Name: a type alias, a function that calls
// it, or a variable that holds it.
type Reexport struct {
	Name string `json:"name"`
	// Source is the declaration in the shared package: one of the
	// runtime's, or one the generator writes into its sid.go (a SID or
	// reference type, its parser or constructors), described the same way.
	Source templates.Export `json:"-"`
}

// MarshalJSON dumps the re-export with the name it re-exports.
func (r *Reexport) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name   string `json:"name"`
		Shared string `json:"shared"`
	}{r.Name, r.Source.Name})
}

// Pattern is a regular expression compiled into the package variable Var.
type Pattern struct {
	Var  string `json:"var"`
	Expr string `json:"expr"`
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
	Ident    GoIdent  `json:"ident"`
	SpecName string   `json:"spec_name"` // the component it came from, if any
	Kind     TypeKind `json:"kind"`
	Doc      string   `json:"doc"`
	// Fields of a struct, in document order.
	Fields []*Field `json:"fields,omitempty"`
	// Values of an enum of strings.
	Values []*EnumValue `json:"values,omitempty"`
	// Page is set when the struct is one page of a list.
	Page *Page `json:"page,omitempty"`
	// JSON names the methods of a struct that encode and decode it.
	JSON *JSONMethods `json:"json,omitempty"`
	Pos  Pos          `json:"-"`
}

// JSONMethods are the methods of a struct type that encode and decode it
// as JSON without reflection. MarshalJSON and UnmarshalJSON, which
// encoding/json calls, have their fixed names, reserved in the type's
// scope; these are the unexported ones they call.
type JSONMethods struct {
	Decode string `json:"decode"` // reads the struct's object from an apigen.Decoder
	Append string `json:"append"` // writes the struct's object to an apigen.Encoder
	// Keys is the package-level variable holding the JSON names of the
	// fields, in order, by which the decoder finds a member's field.
	Keys string `json:"keys"`
}

// EnumValue is one allowed value of an enum.
type EnumValue struct {
	Name  string `json:"name"` // Go constant name
	Value string `json:"value"`
}

// Page describes a list page: one array of items plus the shared meta.
// Items and Meta are fields of the page's struct.
type Page struct {
	Items *Field `json:"-"`
	Meta  *Field `json:"-"`
}

// Item is the type of the page's items.
func (p *Page) Item() *Type { return p.Items.Type.Elem.Type }

// MarshalJSON dumps the page by the names of its fields.
func (p *Page) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Items string `json:"items"`
		Meta  string `json:"meta"`
	}{p.Items.Name, p.Meta.Name})
}

// Field is a property of a response struct.
type Field struct {
	Name     string  `json:"name"`      // Go name
	WireName string  `json:"wire_name"` // JSON key
	Doc      string  `json:"doc"`
	Type     TypeRef `json:"type"`
	// Nullable: the value may be JSON null.
	Nullable bool `json:"nullable,omitempty"`
	// Indirect: the field is a pointer, nil for null, because its struct
	// type contains the field's own type (a recursive schema).
	Indirect bool `json:"indirect,omitempty"`
	Pos      Pos  `json:"-"`
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
	SID           Kind = "sid"             // TypeRef.SID is the kind
	SIDOrIdentity Kind = "sid_or_identity" // a SID of TypeRef.SID's kind or another identifier
	JSONString    Kind = "json_string"     // a JSON document carried in a string
	JSONValue     Kind = "json_value"      // a JSON value of any shape (a free-form schema)
	URIMap        Kind = "uri_map"         // an object mapping names to absolute URLs
	Array         Kind = "array"           // TypeRef.Elem is the element
	Named         Kind = "named"           // TypeRef.Type is a type of the API
	Meta          Kind = "page_meta"       // the shared page meta
)

// TypeRef is the type of a field or parameter, with its constraints.
type TypeRef struct {
	Kind Kind     `json:"kind"`
	SID  *SIDKind `json:"-"` // for SID and SIDOrIdentity (which has SID.Ref)
	Type *Type    `json:"-"` // for Named
	Elem *TypeRef `json:"elem,omitempty"`
	// Constraints to validate. The lengths of a String or URI count
	// characters (Unicode code points), as JSON Schema's do; those of a
	// JSONString count bytes (of its UTF-8 encoding), since a JSON document
	// is limited by its size, as Twilio limits Attributes to 16 KiB.
	MinLength *int64   `json:"min_length,omitempty"`
	MaxLength *int64   `json:"max_length,omitempty"`
	Minimum   *int64   `json:"minimum,omitempty"`
	Maximum   *int64   `json:"maximum,omitempty"`
	Pattern   *Pattern `json:"pattern,omitempty"` // a non-SID pattern
	// IdentityOf is set on a String that is the identity of a resource
	// (x-identity-of): the SID prefix of the resource, whose
	// SID-or-identity path parameter addresses it. The value must pass the
	// shared package's ValidIdentity, the check of that path parameter, so
	// that what a create accepts can be addressed.
	IdentityOf string `json:"identity_of,omitempty"`
	// Codes are the Twilio error codes that the document gives the checks
	// of the value (x-twilio-error-codes), by check; a check without one
	// fails with 20001 (invalid parameter).
	Codes map[Check]int `json:"codes,omitempty"`
	// Default is the documented default: a string, int64, float64 or bool.
	Default any `json:"default,omitempty"`
}

// Check names one check of a value, after the schema keyword (or our
// extension) that asks for it.
type Check string

// The checks that may carry a Twilio error code.
const (
	CheckMinLength  Check = "minLength"
	CheckMaxLength  Check = "maxLength"
	CheckPattern    Check = "pattern" // a pattern, or a SID's
	CheckEnum       Check = "enum"
	CheckMinimum    Check = "minimum"
	CheckMaximum    Check = "maximum"
	CheckJSON       Check = "x-json-string" // the value is a JSON document
	CheckIdentityOf Check = "x-identity-of" // the value is an addressable identity
)

// Code is the Twilio error code of check c of t, or 0 for the default,
// 20001.
func (t TypeRef) Code(c Check) int { return t.Codes[c] }

// Checks are the checks that validating a value of t makes, in the order
// it makes them: the size of a value before what it holds.
func (t TypeRef) Checks() []Check {
	var out []Check
	switch t.Kind {
	case String, URI, JSONString:
		if t.MinLength != nil && *t.MinLength > 0 {
			out = append(out, CheckMinLength)
		}
		if t.MaxLength != nil {
			out = append(out, CheckMaxLength)
		}
		if t.Kind == JSONString {
			out = append(out, CheckJSON)
		} else if t.Pattern != nil {
			out = append(out, CheckPattern)
		}
		if t.Kind == String && t.IdentityOf != "" {
			out = append(out, CheckIdentityOf)
		}
	case SID:
		out = append(out, CheckPattern)
	case Named:
		if t.Enum() != nil {
			out = append(out, CheckEnum)
		}
	case Int, Int64:
		if t.Minimum != nil {
			out = append(out, CheckMinimum)
		}
		if t.Maximum != nil {
			out = append(out, CheckMaximum)
		}
	}
	return out
}

// Ident is the named type t refers to: the struct or enum, the SID type,
// or the SID reference type. It is nil for the other kinds.
func (t TypeRef) Ident() *GoIdent {
	switch {
	case t.Kind == Named && t.Type != nil:
		return &t.Type.Ident
	case t.Kind == SID && t.SID != nil:
		return &t.SID.Ident
	case t.Kind == SIDOrIdentity && t.SID != nil && t.SID.Ref != nil:
		return &t.SID.Ref.Ident
	}
	return nil
}

// Enum is the enum type t refers to, or nil.
func (t TypeRef) Enum() *Type {
	if t.Kind == Named && t.Type != nil && t.Type.Kind == EnumType {
		return t.Type
	}
	return nil
}

// MarshalJSON dumps t with the identity it refers to.
func (t TypeRef) MarshalJSON() ([]byte, error) {
	type plain TypeRef
	return json.Marshal(struct {
		plain
		Ref *GoIdent `json:"ref,omitempty"`
	}{plain(t), t.Ident()})
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
	Name    string `json:"name"` // method of Client and Server
	Kind    OpKind `json:"kind"`
	Method  string `json:"method"`
	Path    string `json:"path"` // template, "/v2/Services/{ServiceSid}/Users"
	Summary string `json:"summary"`
	Doc     string `json:"doc"`
	// PathParams in the order they appear in Path; PathParts is Path cut
	// into literal text and parameters.
	PathParams []*Param   `json:"path_params"`
	PathParts  []PathPart `json:"-"`
	// Params is the struct of the query and header parameters and the
	// form fields; nil when there are none.
	Params *Params `json:"params,omitempty"`
	// Success are the 2xx statuses, sorted: the first is the usual one,
	// and with several the implementation says which it answers. Result is
	// the type of their body (nil for no content).
	Success []int    `json:"success"`
	Result  *TypeRef `json:"result,omitempty"`
	// Redirect: the operation's only success is a redirect (Success holds
	// its 3xx status), whose Location is the result, a string.
	Redirect bool `json:"redirect,omitempty"`
	// Errors are the documented error responses, by status.
	Errors []*ErrorResponse `json:"errors"`
	// List is set for list operations.
	List *ListInfo `json:"list,omitempty"`
	// PathCheck is the package function that checks the path parameters;
	// Handler the method of the package's handler type that serves the
	// operation.
	PathCheck string `json:"path_check"`
	Handler   string `json:"handler"`
	// Locals are the names of the parameters and variables of the
	// operation's generated functions.
	Locals Locals `json:"locals"`
	Pos    Pos    `json:"-"`
}

// Locals are the parameter and variable names of an operation's generated
// functions: the Client method and iterator, the Server method, the
// handler, and the methods of the parameter struct. They are allocated in
// one scope with the path parameters' names, below the package scope, so
// that none shadows another or a package-level or imported name.
type Locals struct {
	Client  string `json:"client"` // receiver of Client's methods
	Ctx     string `json:"ctx"`
	Params  string `json:"params"`
	Err     string `json:"err"`
	Call    string `json:"call"`
	Out     string `json:"out"`
	Limit   string `json:"limit"`
	Yield   string `json:"yield"`
	Page    string `json:"page"`
	Next    string `json:"next"`
	Handler string `json:"handler"` // receiver of the handler's method
	Status  string `json:"status"`  // the status of an operation with several 2xx
	W       string `json:"w"`
	R       string `json:"r"`
	Res     string `json:"res"`
	Recv    string `json:"recv"` // receiver of the parameter struct's methods
	Query   string `json:"query"`
	Form    string `json:"form"`
	Header  string `json:"header"`
	V       string `json:"v"`
	OK      string `json:"ok"`
	S       string `json:"s"`
	N       string `json:"n"`
}

// Params is the struct of an operation's non-path parameters.
type Params struct {
	Name   string   `json:"name"`   // "CreateUserParams"
	Fields []*Param `json:"fields"` // query, header, then form; each in document order
	// The names of the struct's methods.
	Validate string `json:"validate"`
	Encode   string `json:"encode"`
	Decode   string `json:"decode"`
}

// PathPart is literal text of a path template, or one of its parameters.
type PathPart struct {
	Text  string // when Param is nil
	Param *Param
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

// Param is a path, query or header parameter or a form field. A path
// parameter is a function parameter named VarName; the others are fields
// of the operation's Params struct, named Name.
type Param struct {
	WireName string  `json:"wire_name"` // "ServiceSid", "X-Twilio-Webhook-Enabled"
	Name     string  `json:"name,omitempty"`
	VarName  string  `json:"var_name,omitempty"`
	In       ParamIn `json:"in"`
	Doc      string  `json:"doc"`
	Required bool    `json:"required,omitempty"`
	// Optional: absent and empty are told apart (not for path parameters).
	Optional bool    `json:"optional,omitempty"`
	Type     TypeRef `json:"type"`
	Pos      Pos     `json:"-"`
}

// ErrorResponse is a documented error status.
type ErrorResponse struct {
	Status int    `json:"status"`
	Doc    string `json:"doc"`
}

// ListInfo describes a list operation's paging. The operation's Result is
// the page type (a struct with Page set).
type ListInfo struct {
	// Iterator is the Client method that walks every page.
	Iterator string `json:"iterator"`
	// PageSize is the page size parameter among the operation's Params,
	// or nil; PageSizeDefault is its documented default, or 0.
	PageSize        *Param `json:"-"`
	PageSizeDefault int64  `json:"page_size_default"`
}

// ResultPointer reports whether the operation returns its result by
// pointer, as it does a struct; other results (lists, maps, scalars, free
// JSON) are returned as values.
func (op *Operation) ResultPointer() bool {
	return op.Result != nil && op.Result.Kind == Named && op.Result.Type.Kind == StructType
}

// MultiStatus reports whether the operation has several 2xx statuses, and
// so says which one it answered.
func (op *Operation) MultiStatus() bool { return len(op.Success) > 1 }

// PageType is the struct of the operation's page.
func (op *Operation) PageType() *Type { return op.Result.Type }

// Dump renders v (a Set, an API, ...) as indented JSON, ending in a newline.
func Dump(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
