// Package load reads OpenAPI documents with kin-openapi, resolves their
// $refs inside one spec folder, validates them (examples included) and
// reports every problem it finds as a diag.Problem with its file:line:col.
//
// It knows nothing about Go: turning a document into a model is the job of
// package normalize.
package load

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen-dev/apigen/generator/diag"
)

// Options control a load.
type Options struct {
	// Root is the folder that every document and every $ref target must lie
	// in. Empty means the folder of the first document.
	Root string
	// Strict makes an example that does not match its schema a problem.
	// Otherwise it is a warning: Twilio's own documents have such examples,
	// and the generated code does not depend on them.
	Strict bool
	// Warnings, when not nil, receives the warnings; without it they are
	// dropped.
	Warnings *diag.List
	// Extensions are the vendor extensions ("x-json-string") the caller
	// reads. An unknown extension within a small edit distance of one of
	// them is a warning naming it: a misspelt extension is otherwise
	// silently ignored.
	Extensions []string
}

// Doc is one loaded, valid document.
type Doc struct {
	// File is the document's path as it appears in messages: relative to
	// the working directory when possible, slash-separated.
	File string
	// T is kin-openapi's view of the document. It records no origins:
	// positions come from the loader's tree (Root, Node).
	T *openapi3.T
	// Refs are the other OpenAPI documents this one references (shared
	// components), sorted by File. Normalization reads the names of shared
	// schemas from them.
	Refs []*Doc
	src  *source // the loader's tree of File, for Root
}

// Load reads, resolves and validates the documents at paths. It returns
// either every document or a diag.List holding every problem found in any of
// them; it never returns a partial result.
func Load(ctx context.Context, paths []string, opts Options) ([]*Doc, error) {
	if len(paths) == 0 {
		return nil, errors.New("no spec documents given")
	}
	root := opts.Root
	if root == "" {
		root = filepath.Dir(paths[0])
	}
	l, err := newLoader(root, opts.Strict)
	if err != nil {
		return nil, err
	}
	// A kin-openapi loader keeps the documents it has read, so a shared
	// file (common.yaml) is parsed and resolved once per loader rather than
	// once per document that references it. This one loads the shared
	// documents themselves, after the inputs.
	l.kin = l.newKin(ctx, false)

	type input struct{ abs, name string }
	var inputs []input
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			l.problems.Add(diag.Pos{File: filepath.ToSlash(p)}, "%v", err)
			continue
		}
		name := display(abs)
		if !l.inRoot(abs) {
			l.problems.Add(diag.Pos{File: name}, "document lies outside the spec folder %s", display(l.root))
			continue
		}
		if reason, _ := l.refuse(abs); reason != "" {
			l.problems.Add(diag.Pos{File: name}, "refusing to read: it %s", reason)
			continue
		}
		inputs = append(inputs, input{abs, name})
	}

	// kin-openapi loads and validates the documents while this goroutine
	// parses the files they reach into trees and checks their $refs.
	// (kin cannot leave the root: its reader refuses.) kin-openapi's
	// decoding is most of a run's time on large documents: the inputs are
	// spread over one loader per processor, each loading its share in turn
	// (a loader is not safe for concurrent use). A self-contained JSON
	// document is loaded without its examples (see examples.go), a YAML
	// document as the JSON of its tree once this goroutine has parsed it
	// (see yamljson.go).
	loaded := make([]kinResult, len(inputs))
	closures := make([][]*source, len(inputs))
	refProblems := make([]bool, len(inputs))
	parsed := make([]chan struct{}, len(inputs)) // closed once closures[i] is known
	for i := range parsed {
		parsed[i] = make(chan struct{})
	}
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(inputs))
	for w := range workers {
		wg.Go(func() {
			k := l.kin
			if w > 0 {
				k = l.newKin(ctx, false)
			}
			for i := w; i < len(inputs); i += workers {
				if !isJSON(inputs[i].abs) {
					<-parsed[i]
					if refProblems[i] {
						continue // not loaded: its problems are reported
					}
					if res, ok := l.kinLoadTree(ctx, k, closures[i][0]); ok {
						loaded[i] = res
						continue
					}
					// k keeps what it made of the JSON under the
					// document's path: the document is loaded as it
					// is with a new loader.
					k = l.newKin(ctx, false)
					if w == 0 {
						l.kin = k
					}
				}
				loaded[i] = l.kinInput(ctx, k, inputs[i].abs, inputs[i].name, false)
			}
		})
	}
	for i, in := range inputs {
		before := len(l.problems)
		closures[i] = l.checkRefs(in.abs)
		refProblems[i] = len(l.problems) > before || closures[i] == nil
		close(parsed[i])
	}
	wg.Wait()

	var docs []*Doc
	for i := range inputs {
		if refProblems[i] {
			continue
		}
		if d := l.finish(ctx, closures[i], loaded[i]); d != nil {
			docs = append(docs, d)
		}
	}
	l.checkExtensions(opts.Extensions)
	if w := l.warnings.Err(); w != nil && opts.Warnings != nil {
		*opts.Warnings = append(*opts.Warnings, w.(diag.List)...)
	}
	if err := l.problems.Err(); err != nil {
		return nil, err
	}
	return docs, nil
}

// isJSON reports whether the file at path is read as JSON.
func isJSON(path string) bool { return strings.EqualFold(filepath.Ext(path), ".json") }

// newLoader returns a loader of the documents below root.
func newLoader(root string, strict bool) (*loader, error) {
	l := &loader{sources: map[string]*source{}, refused: map[string]refusal{}, refDocs: map[string]*Doc{}, strict: strict}
	var err error
	if l.root, err = filepath.Abs(root); err != nil {
		return nil, err
	}
	l.realRoot = l.root
	if real, err := filepath.EvalSymlinks(l.root); err == nil {
		l.realRoot = real
	}
	return l, nil
}

// kinResult is kin-openapi's load and validation of one document.
type kinResult struct {
	t         *openapi3.T
	err, verr error // load and validation errors
	origins   bool  // loaded with origins
}

// newKin returns a kin-openapi loader that reads only below the root and,
// with origins, records where each value of a YAML document is written.
//
// Origins cost a fifth of a large document's load, and only problems need
// them: kin-openapi's errors carry them. So documents are loaded without;
// a document with any problem is loaded again with them (see report), and
// its problems come from that load, exactly as if it were the only one.
func (l *loader) newKin(ctx context.Context, origins bool) *openapi3.Loader {
	k := openapi3.NewLoader()
	k.Context = ctx
	k.IncludeOrigin = origins
	k.IsExternalRefsAllowed = true
	k.ReadFromURIFunc = l.readInRoot
	return k
}

// kinInput loads and validates the document at abs (shown as name) with the
// kin-openapi loader k; a JSON document without its examples when it can.
// origins says whether k records origins (loaders made for a JSON document
// do the same).
func (l *loader) kinInput(ctx context.Context, k *openapi3.Loader, abs, name string, origins bool) kinResult {
	if isJSON(abs) {
		if res, ok := l.kinLoadJSON(ctx, abs, name, origins); ok {
			return res
		}
	}
	return kinLoad(ctx, k, name)
}

// kinLoadTree loads and validates the YAML document of the tree src as the
// JSON of that tree (see yamljson.go) with the kin-openapi loader k; ok is
// false when the tree cannot be converted exactly or kin-openapi refuses
// the JSON, and the caller then loads the document as it is.
func (l *loader) kinLoadTree(ctx context.Context, k *openapi3.Loader, src *source) (kinResult, bool) {
	data, ok := treeJSON(src.root)
	if !ok {
		return kinResult{}, false
	}
	return l.kinLoadStripped(ctx, k, src.name, &stripped{data: data}, false)
}

// kinLoad loads and validates one document with the kin-openapi loader k.
func kinLoad(ctx context.Context, k *openapi3.Loader, name string) kinResult {
	t, err := k.LoadFromFile(name)
	if err != nil {
		return kinResult{err: err}
	}
	return kinResult{t: t, verr: Validate(ctx, t)}
}

// Validate validates a document with kin-openapi as Load does, examples,
// defaults and patterns included, reporting every problem.
func Validate(ctx context.Context, t *openapi3.T) error {
	return t.Validate(ctx,
		openapi3.EnableExamplesValidation(),
		openapi3.EnableSchemaDefaultsValidation(),
		openapi3.EnableSchemaPatternValidation(),
		openapi3.EnableMultiError(),
	)
}

// finish turns a document's kin-openapi result into a Doc or problems,
// and attaches the documents it references.
func (l *loader) finish(ctx context.Context, closure []*source, res kinResult) *Doc {
	before := len(l.problems)
	d := l.report(ctx, closure, res)
	if d == nil {
		return nil
	}
	for _, s := range closure[1:] {
		if child(s.root, "openapi") == nil {
			continue // a fragment file, not a document
		}
		r, ok := l.refDocs[s.abs]
		if !ok {
			if c := l.checkRefs(s.abs); c != nil {
				r = l.report(ctx, c, kinLoad(ctx, l.kin, c[0].name))
			}
			l.refDocs[s.abs] = r
		}
		if r != nil {
			d.Refs = append(d.Refs, r)
		}
	}
	slices.SortFunc(d.Refs, func(a, b *Doc) int { return strings.Compare(a.File, b.File) })
	if len(l.problems) > before {
		return nil
	}
	return d
}

// report records the problems of a kin-openapi result (with positions from
// the files' trees) and returns the document when there are none. A result
// loaded without origins that has any problem (or warning) is loaded again
// with them, and the problems come from that load; unless every file it
// reaches is JSON, for which kin-openapi records no origins anyway (Twilio's
// documents always have warnings).
func (l *loader) report(ctx context.Context, closure []*source, res kinResult) *Doc {
	before := len(l.problems)
	if !res.origins && (res.err != nil || res.verr != nil || missingOperationID(res.t)) && !allJSON(closure) {
		if onReload != nil {
			onReload(closure[0].name)
		}
		res = l.kinInput(ctx, l.newKin(ctx, true), closure[0].abs, closure[0].name, true)
		res.origins = true
	}
	if res.err != nil {
		l.loadError(res.err, closure)
		return nil
	}
	l.lint(res.t, closure)
	if res.verr != nil {
		l.validationErrors(res.verr, closure[0])
	}
	if len(l.problems) > before {
		return nil
	}
	return &Doc{File: closure[0].name, T: res.t, src: closure[0]}
}

type loader struct {
	root     string             // absolute
	realRoot string             // root with symbolic links resolved
	sources  map[string]*source // by absolute path; nil value: failed to parse
	refDocs  map[string]*Doc    // referenced documents, by absolute path
	// refused holds refuse's answers by absolute path; the kin-openapi
	// workers ask too.
	refusedMu sync.Mutex
	refused   map[string]refusal
	// read holds what readInRoot read, by absolute path.
	readMu   sync.Mutex
	read     map[string]readResult
	kin      *openapi3.Loader // shared by every document of the run
	problems diag.List
	warnings diag.List
	strict   bool            // examples that do not match are problems, not warnings
	seen     map[string]bool // position and reason of each validation problem reported
}

// display turns an absolute path into the form used in messages.
func display(abs string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}

func (l *loader) inRoot(abs string) bool { return within(l.root, abs) }

// within reports whether the absolute path abs lies in the folder root.
func within(root, abs string) bool {
	rel, err := filepath.Rel(root, abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// source parses abs once and caches the result.
func (l *loader) source(abs string) *source {
	if s, ok := l.sources[abs]; ok {
		return s
	}
	s, p := parseSource(display(abs), abs)
	if p != nil {
		l.problems = append(l.problems, *p)
	}
	if s != nil {
		s.set = l.sources
	}
	l.sources[abs] = s
	return s
}

// readInRoot is kin-openapi's file reader, restricted to local files below
// the root. checkRefs has refused anything else already; this is the second
// lock on the same door.
func (l *loader) readInRoot(_ *openapi3.Loader, u *url.URL) ([]byte, error) {
	if (u.Scheme != "" && u.Scheme != "file") || u.Host != "" {
		return nil, fmt.Errorf("refusing to read %s: only files inside the spec folder may be referenced", u)
	}
	abs, err := filepath.Abs(filepath.FromSlash(u.Path))
	if err != nil {
		return nil, err
	}
	if !l.inRoot(abs) {
		return nil, fmt.Errorf("refusing to read %s: it lies outside the spec folder", u.Path)
	}
	reason, err := l.refuse(abs)
	if err != nil {
		return nil, err
	}
	if reason != "" {
		return nil, fmt.Errorf("refusing to read %s: it %s", u.Path, reason)
	}
	// kin-openapi reads a file again for every $ref into it that it
	// resolves (it keeps the document it made of the file, not the
	// bytes): read each once. Nothing changes the bytes it is given.
	l.readMu.Lock()
	r, ok := l.read[abs]
	l.readMu.Unlock()
	if !ok {
		r.data, r.err = readSpec(abs)
		l.readMu.Lock()
		if l.read == nil {
			l.read = map[string]readResult{}
		}
		l.read[abs] = r
		l.readMu.Unlock()
	}
	return r.data, r.err
}

// readResult is readSpec's answer about one file.
type readResult struct {
	data []byte
	err  error
}

// refuse says why the file at abs, which lies in the root by its path,
// must not be read: it is a symbolic link, or lies in a linked folder,
// that leads out of the root; or it is not a regular file (a FIFO would
// hang the loader, a device such as /dev/zero exhaust its memory); or it
// is larger than MaxFileSize. The reason completes a sentence about the
// file ("it leads to ..."); it is "" when the file may be read. err is
// the error of resolving abs, such as fs.ErrNotExist; reading the file
// reports it.
func (l *loader) refuse(abs string) (reason string, err error) {
	// A file is asked about once for every $ref to it and every read of it
	// by every kin-openapi loader; resolving its links costs a system call
	// per folder of its path, so the answer is kept.
	l.refusedMu.Lock()
	r, ok := l.refused[abs]
	l.refusedMu.Unlock()
	if ok {
		return r.reason, r.err
	}
	reason, err = l.checkFile(abs)
	l.refusedMu.Lock()
	l.refused[abs] = refusal{reason, err}
	l.refusedMu.Unlock()
	return reason, err
}

// refusal is refuse's answer about one file.
type refusal struct {
	reason string
	err    error
}

// checkFile is refuse without the memory.
func (l *loader) checkFile(abs string) (reason string, err error) {
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", err
	}
	if !within(l.realRoot, real) {
		return fmt.Sprintf("leads to %s, outside the spec folder %s", display(real), display(l.root)), nil
	}
	fi, err := os.Stat(real)
	if err != nil {
		return "", err
	}
	return irregular(fi), nil
}

// irregular says why a file with the information fi must not be read, or
// returns "".
func irregular(fi fs.FileInfo) string {
	m := fi.Mode()
	switch {
	case m.IsDir():
		return "is a folder, not a file"
	case m&fs.ModeNamedPipe != 0:
		return "is not a regular file (named pipe)"
	case m&fs.ModeSocket != 0:
		return "is not a regular file (socket)"
	case m&fs.ModeDevice != 0:
		return "is not a regular file (device)"
	case !m.IsRegular():
		return "is not a regular file"
	case fi.Size() > MaxFileSize:
		return fmt.Sprintf("is %d bytes, more than the limit of %d MiB", fi.Size(), MaxFileSize>>20)
	}
	return ""
}

// readSpec reads the spec file at abs: a regular file of at most
// MaxFileSize bytes, checked before it is opened (opening a FIFO blocks)
// and while it is read.
func readSpec(abs string) ([]byte, error) {
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if reason := irregular(fi); reason != "" {
		return nil, errors.New(reason)
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if opened, err := f.Stat(); err != nil {
		return nil, err
	} else if !os.SameFile(fi, opened) {
		return nil, errors.New("changed while it was opened")
	}
	// Sized by the file, the buffer takes it in one read (and one more to
	// see the end).
	var buf bytes.Buffer
	buf.Grow(int(min(fi.Size(), MaxFileSize)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("is more than the limit of %d MiB", MaxFileSize>>20)
	}
	return data, nil
}

// checkRefs parses the document at abs and every file it reaches through
// $refs, and reports each $ref that leaves the root, points at the network,
// or names a file or a node that does not exist. It returns the files
// reached, the document first, or nil when the document cannot be parsed.
func (l *loader) checkRefs(abs string) []*source {
	first := l.source(abs)
	if first == nil {
		return nil
	}
	closure := []*source{first}
	for i := 0; i < len(closure); i++ {
		s := closure[i]
		for _, r := range s.refs() {
			target := l.checkRef(s, r)
			if target != nil && !slices.Contains(closure, target) {
				closure = append(closure, target)
			}
		}
	}
	return closure
}

func (l *loader) checkRef(s *source, r ref) *source {
	pos := s.pos(r.node)
	if r.value == "" {
		l.problems.Add(pos, "empty $ref")
		return nil
	}
	u, err := url.Parse(r.value)
	if err != nil {
		l.problems.Add(pos, "$ref %q is not a valid reference: %v", r.value, err)
		return nil
	}
	if u.Scheme != "" || u.Host != "" {
		l.problems.Add(pos, "$ref %q points outside the spec folder: only relative file references are allowed", r.value)
		return nil
	}
	target := s
	if u.Path != "" {
		abs := filepath.Join(filepath.Dir(s.abs), filepath.FromSlash(u.Path))
		if !l.inRoot(abs) {
			l.problems.Add(pos, "$ref %q leaves the spec folder %s", r.value, display(l.root))
			return nil
		}
		switch reason, err := l.refuse(abs); {
		case errors.Is(err, fs.ErrNotExist):
			l.problems.Add(pos, "$ref %q: file %s does not exist", r.value, display(abs))
			return nil
		case err != nil:
			l.problems.Add(pos, "$ref %q: %s: %s", r.value, display(abs), unwrapPathError(err))
			return nil
		case reason != "":
			l.problems.Add(pos, "$ref %q: %s %s", r.value, display(abs), reason)
			return nil
		}
		if target = l.source(abs); target == nil {
			return nil // its parse error is reported already
		}
	}
	n, err := target.pointer(u.Fragment)
	switch {
	case err != nil:
		l.problems.Add(pos, "$ref %q: %v", r.value, err)
		return nil
	case n == nil:
		l.problems.Add(pos, "$ref %q does not resolve: %s has no %s", r.value, target.name, u.Fragment)
		return nil
	}
	return target
}

// lint reports what kin-openapi accepts but this generator needs.
func (l *loader) lint(t *openapi3.T, closure []*source) {
	if t.Paths == nil {
		return
	}
	for _, path := range t.Paths.InMatchingOrder() {
		item := t.Paths.Value(path)
		for _, method := range slices.Sorted(maps.Keys(item.Operations())) {
			op := item.Operations()[method]
			if op.OperationID == "" {
				l.problems.Add(originPos(op.Origin, closure), "operation %s %s has no operationId", method, path)
			}
		}
	}
}

// onReload, when not nil, is called with the name of each document that
// report loads again with origins (for the tests).
var onReload func(name string)

// allJSON reports whether every file of a closure is read as JSON.
func allJSON(closure []*source) bool {
	for _, s := range closure {
		if !isJSON(s.abs) {
			return false
		}
	}
	return true
}

// missingOperationID reports whether an operation of t has no operationId,
// which lint reports.
func missingOperationID(t *openapi3.T) bool {
	if t == nil || t.Paths == nil {
		return false
	}
	for _, item := range t.Paths.Map() {
		for _, op := range item.Operations() {
			if op.OperationID == "" {
				return true
			}
		}
	}
	return false
}

// originPos converts a kin-openapi origin to a position, finding the file
// among the loaded sources so that the display path is the loader's own.
func originPos(o *openapi3.Origin, closure []*source) diag.Pos {
	if o == nil || o.Key == nil {
		if len(closure) > 0 {
			return diag.Pos{File: closure[0].name, Line: 1, Col: 1}
		}
		return diag.Pos{}
	}
	return diag.Pos{File: sourceFor(o.Key.File, closure).name, Line: o.Key.Line, Col: o.Key.Column}
}

// sourceFor finds the source whose path kin-openapi recorded as file.
func sourceFor(file string, closure []*source) *source {
	abs, _ := filepath.Abs(filepath.FromSlash(file))
	for _, s := range closure {
		if s.abs == abs {
			return s
		}
	}
	return &source{name: filepath.ToSlash(file), abs: abs}
}

// MaxFileSize is the largest spec file the loader reads, 32 MiB: Twilio's
// largest document is under 1 MiB.
const MaxFileSize = 32 << 20
