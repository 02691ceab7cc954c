// Package diag holds source positions and the problems the generator reports
// against them. Every stage (load, normalize) reports through it so that the
// command line prints one uniform "file:line:col: message" list.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a position in a spec file. File is slash-separated and relative to
// the working directory when the file lies below it. Line and Col are 1-based;
// zero means unknown.
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// String formats p as file:line:col, leaving out the parts that are unknown.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Compare orders positions by file, line, then column.
func (p Pos) Compare(q Pos) int {
	return cmp.Or(strings.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col))
}

// Problem is one thing wrong with the input, at one position.
type Problem struct {
	Pos Pos
	Msg string
}

// Error formats the problem as "file:line:col: message".
func (p Problem) Error() string { return p.Pos.String() + ": " + p.Msg }

// List collects problems. A non-empty List is an error; its Error method
// prints one problem per line, sorted by position.
type List []Problem

// Add appends a problem with a formatted message.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, Problem{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Err returns the sorted, de-duplicated list as an error, or nil when empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(a.Pos.Compare(b.Pos), strings.Compare(a.Msg, b.Msg))
	})
	return slices.Compact(out)
}

// Error prints one problem per line.
func (l List) Error() string {
	var b strings.Builder
	for i, p := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}
