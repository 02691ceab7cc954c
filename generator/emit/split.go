package emit

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"
)

// A large API package has files of megabytes (a thousand resources make a
// types.go of 10 MB), and jennifer's Render formats a file with go/format
// in one piece, on one core, holding the whole file's syntax tree. So a
// file is built in pieces of at most pieceSize declarations: each piece is
// a jennifer file of its own, rendered on a worker as soon as it is built,
// while the next is built, and the formatted pieces are joined into the
// one file they make (joinPieces), byte for byte what rendering the file
// whole would give. The layout of the package does not change.

// pieceSize is how many cuts (see cut) a piece of a file spans at most.
// A variable for the tests.
var pieceSize = 64

// splitFile is one output file being built in pieces.
type splitFile struct {
	name   string
	last   *jen.File // the piece being built
	n      int       // cuts since last started
	pieces []*piece  // every piece started, in order
}

// piece is the rendering of one piece of a file.
type piece struct {
	data []byte
	err  error
}

// pieces renders the pieces of an API package's files on at most
// GOMAXPROCS workers: start blocks while they are all busy, which bounds
// the memory that built, unrendered pieces hold.
type pieces struct {
	wg   sync.WaitGroup
	busy chan struct{}
}

func newPieces() *pieces {
	return &pieces{busy: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

// start renders f into a new last piece of s.
func (p *pieces) start(s *splitFile, f *jen.File) {
	pc := &piece{}
	s.pieces = append(s.pieces, pc)
	p.busy <- struct{}{}
	p.wg.Go(func() {
		defer func() { <-p.busy }()
		var buf bytes.Buffer
		if err := f.Render(&buf); err != nil {
			pc.err = fmt.Errorf("emit: rendering %s: %w", s.name, err)
			return
		}
		pc.data = buf.Bytes()
	})
}

// cut is called by a file's builder between two top-level declarations,
// after a blank line (f.Line()), with f the file it builds into: every
// pieceSize cuts it starts rendering f and returns a new piece to build
// the rest of the file into.
func (e *apiEmitter) cut(f *jen.File) *jen.File {
	s := e.file
	if s == nil || f != s.last {
		return f
	}
	if s.n++; s.n < pieceSize {
		return f
	}
	e.pieces.start(s, f)
	s.n, s.last = 0, e.newFile()
	return s.last
}

// joinPieces joins the gofmt'd pieces of one file into that file: the
// first piece's header and package clause, the imports of all the pieces,
// and their declarations, one blank line apart (as the cuts are). gofmt
// formats each top-level declaration on its own, given the blank line
// between them, so this is what formatting the whole file gives.
func joinPieces(name string, data [][]byte) ([]byte, error) {
	if len(data) == 1 {
		return data[0], nil
	}
	var head []byte
	imports := map[string]string{} // by import path: the spec's line
	var bodies [][]byte
	size := 0
	for i, d := range data {
		h, imps, body, err := splitPiece(d)
		if err != nil {
			return nil, fmt.Errorf("emit: joining the pieces of %s: piece %d: %v", name, i, err)
		}
		if i == 0 {
			head = h
		} else if !bytes.Equal(h, head) {
			return nil, fmt.Errorf("emit: joining the pieces of %s: piece %d starts differently", name, i)
		}
		for _, spec := range imps {
			p := spec[strings.IndexByte(spec, '"'):]
			if old, ok := imports[p]; ok && old != spec {
				return nil, fmt.Errorf("emit: joining the pieces of %s: %s imported as %s and as %s", name, p, old, spec)
			}
			imports[p] = spec
		}
		if len(body) > 0 {
			bodies = append(bodies, body)
			size += len(body) + 1
		}
	}
	var b bytes.Buffer
	b.Grow(len(head) + size + 64*len(imports))
	b.Write(head)
	b.WriteByte('\n')
	paths := make([]string, 0, len(imports))
	for p := range imports {
		paths = append(paths, p)
	}
	slices.Sort(paths) // as gofmt and jennifer sort them: by path
	switch len(paths) {
	case 0:
	case 1:
		b.WriteString("import " + imports[paths[0]] + "\n\n")
	default:
		b.WriteString("import (\n")
		for _, p := range paths {
			b.WriteString("\t" + imports[p] + "\n")
		}
		b.WriteString(")\n\n")
	}
	for i, body := range bodies {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.Write(body)
	}
	return b.Bytes(), nil
}

// splitPiece splits a gofmt'd file that jennifer rendered into what comes
// up to its package clause (comments only, then the clause and its
// newline), the import specs ("\"path\"" or "name \"path\""), and the
// declarations, from the first to the final newline.
func splitPiece(data []byte) (head []byte, imports []string, body []byte, err error) {
	at := 0
	for {
		line, ok := lineAt(data, at)
		if !ok {
			return nil, nil, nil, fmt.Errorf("no package clause")
		}
		at += len(line) + 1
		if bytes.HasPrefix(line, []byte("package ")) {
			break
		}
		if len(line) > 0 && !bytes.HasPrefix(line, []byte("//")) {
			return nil, nil, nil, fmt.Errorf("%q before the package clause", line)
		}
	}
	head = data[:at]
	at = skipBlank(data, at)
	if line, ok := lineAt(data, at); ok {
		switch {
		case string(line) == "import (":
			at += len(line) + 1
			for {
				line, ok := lineAt(data, at)
				if !ok {
					return nil, nil, nil, fmt.Errorf("unterminated import block")
				}
				at += len(line) + 1
				if string(line) == ")" {
					break
				}
				spec, ok := bytes.CutPrefix(line, []byte("\t"))
				if !ok || !bytes.HasSuffix(spec, []byte(`"`)) || bytes.Count(spec, []byte(`"`)) != 2 {
					return nil, nil, nil, fmt.Errorf("import spec %q", line)
				}
				imports = append(imports, string(spec))
			}
		case bytes.HasPrefix(line, []byte("import ")):
			spec := line[len("import "):]
			if !bytes.HasSuffix(spec, []byte(`"`)) || bytes.Count(spec, []byte(`"`)) != 2 {
				return nil, nil, nil, fmt.Errorf("import %q", line)
			}
			imports = append(imports, string(spec))
			at += len(line) + 1
		}
	}
	at = skipBlank(data, at)
	return head, imports, data[min(at, len(data)):], nil
}

// lineAt returns the line of data that starts at at, without its newline;
// ok is false at the end of data.
func lineAt(data []byte, at int) (line []byte, ok bool) {
	if at >= len(data) {
		return nil, false
	}
	line, _, _ = bytes.Cut(data[at:], []byte("\n"))
	return line, true
}

// skipBlank returns the offset of the first line at or after at that is
// not empty.
func skipBlank(data []byte, at int) int {
	for at < len(data) && data[at] == '\n' {
		at++
	}
	return at
}
