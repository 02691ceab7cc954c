package gen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen-dev/apigen/generator/internal/project"

	"github.com/apigen-dev/apigen/generator/gen"
	"github.com/apigen-dev/apigen/generator/load"
	"github.com/apigen-dev/apigen/generator/normalize"
	"github.com/apigen-dev/apigen/generator/synth"
)

// projectSpecs are the documents the project generates from, as apigen.json
// lists them.
var projectSpecs = project.MustSpecs("../..")

// BenchmarkGenerateProject is the work of make generate, in process: load,
// normalize and emit the three documents.
func BenchmarkGenerateProject(b *testing.B) {
	b.Chdir("../..")
	for b.Loop() {
		if _, err := gen.Generate(context.Background(), gen.Config{Specs: projectSpecs, Root: "spec", Out: "generated"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateOfficial generates Twilio's official Chat v2 and
// Conversations v1 documents from ../shared/oai beside the repository; it
// skips without them.
func BenchmarkGenerateOfficial(b *testing.B) {
	const dir = "../../../shared/oai"
	specs := []string{dir + "/twilio_chat_v2.json", dir + "/twilio_conversations_v1.json"}
	if _, err := os.Stat(specs[0]); err != nil {
		b.Skipf("Twilio's official documents are not beside the repository: %v", err)
	}
	for b.Loop() {
		if _, err := gen.Generate(context.Background(), gen.Config{Specs: specs, Root: dir, Out: "out", ImportPrefix: "example.com/oai"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateScale generates synthetic documents of 10, 100 and 1000
// resources (five operations each) and reports the time per operation, the
// peak heap and, on Linux, the peak resident set of the process during the
// runs, to show whether cost grows linearly. It runs with the garbage
// collector's settings of the apigen command (gen.GCPercent and
// gen.MemoryLimit) unless GOGC or GOMEMLIMIT is set.
func BenchmarkGenerateScale(b *testing.B) {
	commandGC(b)
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			spec := synthetic(b, n)
			cfg := gen.Config{Specs: []string{spec}, Out: "out", ImportPrefix: "example.com/gen"}
			var peak uint64
			runtime.GC()
			rss := resetPeakRSS()
			for b.Loop() {
				stop := samplePeakHeap(&peak)
				if _, err := gen.Generate(context.Background(), cfg); err != nil {
					b.Fatal(err)
				}
				stop()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(5*n), "ns/operation")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			if rss {
				if hwm, ok := peakRSS(); ok {
					b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MiB")
				}
			}
		})
	}
}

// synthetic writes a synthetic document of n resources, with the
// project's common.yaml beside it, into a temporary folder and returns its
// path.
func synthetic(b *testing.B, n int) string {
	common, err := os.ReadFile("../../spec/common.yaml")
	if err != nil {
		b.Fatal(err)
	}
	spec, err := synth.Write(b.TempDir(), n, common)
	if err != nil {
		b.Fatal(err)
	}
	return spec
}

// commandGC gives the garbage collector the apigen command's settings
// (gen.GCPercent and gen.MemoryLimit) until b ends, unless GOGC or
// GOMEMLIMIT is set.
func commandGC(b *testing.B) {
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(gen.GCPercent)
		b.Cleanup(func() { debug.SetGCPercent(old) })
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(gen.MemoryLimit)
		b.Cleanup(func() { debug.SetMemoryLimit(old) })
	}
}

// resetPeakRSS resets the process's peak resident set size (VmHWM) on
// Linux, and reports whether it could.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSS returns the process's peak resident set size (VmHWM), in bytes.
func peakRSS() (uint64, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

// samplePeakHeap records the largest live heap seen until stop is called.
func samplePeakHeap(peak *uint64) (stop func()) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() {
		metrics.Read(sample)
		if v := sample[0].Value.Uint64(); v > *peak {
			*peak = v
		}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		read()
	}
}

// BenchmarkScaleFloor measures, on the synthetic document of 1000
// resources, the time of each phase of a run (load, normalize, emit) and
// the largest costs of a run that no change to apigen's own code removes,
// given that kin-openapi loads the documents and jennifer's Render formats
// what apigen emits with go/format:
//
//   - kin-decode: encoding/json decoding the document into kin-openapi's
//     openapi3.T (kin's JSON of it, without resolving or validating), on
//     one goroutine;
//   - kin-load: the same, then resolving its references and validating
//     it as the loader does, on one goroutine;
//   - format: go/format over the generated files, cut into pieces of 64
//     top-level declarations as apigen renders them, on one goroutine and
//     on GOMAXPROCS.
//
// Their CPU time, shared out over the cores, is a lower bound of a run's
// wall time (see BENCHMARKS.md).
func BenchmarkScaleFloor(b *testing.B) {
	commandGC(b)
	spec := synthetic(b, 1000)
	docs, err := load.Load(context.Background(), []string{spec}, load.Options{Extensions: normalize.Extensions})
	if err != nil {
		b.Fatal(err)
	}
	doc, err := json.Marshal(docs[0].T)
	if err != nil {
		b.Fatal(err)
	}
	res, err := gen.Generate(context.Background(), gen.Config{Specs: []string{spec}, Out: "out", ImportPrefix: "example.com/gen"})
	if err != nil {
		b.Fatal(err)
	}
	var pieces [][]byte
	size := 0
	for _, f := range res.Files {
		p, err := declPieces(f.Data, 64)
		if err != nil {
			b.Fatalf("%s: %v", f.Path, err)
		}
		pieces = append(pieces, p...)
		size += len(f.Data)
	}

	// The phases of gen.Generate, timed apart: their sum is a run of
	// BenchmarkGenerateScale/resources=1000.
	b.Run("phases", func(b *testing.B) {
		var tLoad, tNorm, tEmit time.Duration
		for b.Loop() {
			t0 := time.Now()
			docs, err := load.Load(context.Background(), []string{spec}, load.Options{Extensions: normalize.Extensions})
			if err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			set, err := normalize.Normalize(docs, normalize.Options{ImportPrefix: "example.com/gen"})
			if err != nil {
				b.Fatal(err)
			}
			t2 := time.Now()
			if _, err := gen.Emit(set); err != nil {
				b.Fatal(err)
			}
			tLoad, tNorm, tEmit = tLoad+t1.Sub(t0), tNorm+t2.Sub(t1), tEmit+time.Since(t2)
		}
		n := float64(b.N)
		b.ReportMetric(tLoad.Seconds()/n, "load-s")
		b.ReportMetric(tNorm.Seconds()/n, "normalize-s")
		b.ReportMetric(tEmit.Seconds()/n, "emit-s")
	})
	b.Run("kin-decode", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			var t openapi3.T
			if err := json.Unmarshal(doc, &t); err != nil {
				b.Fatal(err)
			}
		}
	})
	// All kin-openapi does with the document: decode, resolve the
	// references (reading common.yaml) and validate, as the loader does.
	b.Run("kin-load", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			k := openapi3.NewLoader()
			k.IsExternalRefsAllowed = true
			t, err := k.LoadFromDataWithPath(doc, &url.URL{Path: spec})
			if err != nil {
				b.Fatal(err)
			}
			if err := load.Validate(context.Background(), t); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("format/workers=%d", workers), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				if err := formatAll(pieces, workers); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// declPieces cuts a gofmt'd Go file into files of at most n top-level
// declarations each, every one headed by the file's package clause and
// imports, as apigen cuts the files it renders.
func declPieces(src []byte, n int) ([][]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var decls []ast.Decl
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			continue
		}
		decls = append(decls, d)
	}
	if len(decls) == 0 {
		return [][]byte{src}, nil
	}
	start := func(d ast.Decl) int {
		pos := d.Pos()
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil {
				pos = d.Doc.Pos()
			}
		case *ast.GenDecl:
			if d.Doc != nil {
				pos = d.Doc.Pos()
			}
		}
		return fset.Position(pos).Offset
	}
	head := src[:start(decls[0])]
	var out [][]byte
	for i := 0; i < len(decls); i += n {
		j := min(i+n, len(decls))
		body := src[start(decls[i]):fset.Position(decls[j-1].End()).Offset]
		out = append(out, append(append(slices.Clip(head), body...), '\n'))
	}
	return out, nil
}

// formatAll formats every piece with go/format on the given number of
// goroutines.
func formatAll(pieces [][]byte, workers int) error {
	next := make(chan []byte)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for p := range next {
				if _, err := format.Source(p); err != nil && errs[w] == nil {
					errs[w] = err
				}
			}
		})
	}
	for _, p := range pieces {
		next <- p
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// TestDeclPieces checks BenchmarkScaleFloor's cutting on a generated file:
// every piece is a gofmt'd file (the bench formats what apigen would), and
// the pieces hold every declaration of the file, once and in order.
func TestDeclPieces(t *testing.T) {
	src, err := os.ReadFile("../../generated/chatv2/types.go")
	if err != nil {
		t.Fatal(err)
	}
	pieces, err := declPieces(src, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(pieces) < 3 {
		t.Fatalf("%d pieces of 5 declarations: the file has more than 10", len(pieces))
	}
	var decls []string
	for i, p := range pieces {
		out, err := format.Source(p)
		if err != nil {
			t.Fatalf("piece %d: %v", i, err)
		}
		if !bytes.Equal(out, p) {
			t.Errorf("piece %d is not gofmt'd as cut", i)
		}
		f, err := parser.ParseFile(token.NewFileSet(), "", p, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			decls = append(decls, declName(d))
		}
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	imports := 0
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			imports++
		}
		want = append(want, declName(d))
	}
	// Each piece repeats the file's imports.
	var got []string
	for _, d := range decls {
		if !strings.HasPrefix(d, "import") {
			got = append(got, d)
		}
	}
	if !slices.Equal(got, want[imports:]) {
		t.Errorf("the pieces hold %d declarations, the file %d (or not in order)", len(got), len(want)-imports)
	}
}

// declName names a top-level declaration for TestDeclPieces.
func declName(d ast.Decl) string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil {
			return fmt.Sprintf("method %s.%s", types.ExprString(d.Recv.List[0].Type), d.Name.Name)
		}
		return "func " + d.Name.Name
	case *ast.GenDecl:
		var names []string
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			case *ast.ImportSpec:
				names = append(names, s.Path.Value)
			}
		}
		return d.Tok.String() + " " + strings.Join(names, ",")
	}
	return fmt.Sprintf("%T", d)
}
