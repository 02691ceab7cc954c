// Package templates holds the static files the generator copies into the
// generated code.
//
// The runtime templates are Go source files of the shared package (optional
// and nullable values, time, JSON strings, errors and page meta). They are
// text/template files whose only actions are {{.Header}}, the whole first
// line, and the package name in "package {{.Package}}".
package templates

import "embed"

// Runtime holds runtime/*.go.tmpl, the templates of the shared package's
// static files. Each renders to the Go file of the same name without the
// .tmpl suffix.
//
//go:embed runtime/*.go.tmpl
var Runtime embed.FS
