// Package apigen generates Go client and server packages for Twilio's three
// Users REST APIs (Chat v1, Chat v2, Conversations v1) from the hand-written
// OpenAPI documents in spec/. The generator lives in generator/ and
// cmd/apigen; its output, in generated/, depends on the standard library
// only.
//
// Regenerate everything with:
//
//	go generate ./...
package apigen

//go:generate go run ./cmd/apigen -config apigen.json -strict -v
