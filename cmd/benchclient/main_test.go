package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Two rounds as the benchmark binary prints them, with the lines around.
const twoRounds = `goos: linux
goarch: amd64
pkg: example.com/benchclient
BenchmarkFetchDecode/generated-2         	      99	  10000000 ns/op	  69.16 MB/s	         0 conns/op	 4000000 B/op	   15000 allocs/op
BenchmarkFetchDecode/twilio-go-2         	     100	  20000000 ns/op	  74.21 MB/s	         1 conns/op	 3000000 B/op	   30000 allocs/op
BenchmarkDecode/generated-2              	     154	   6000000 ns/op	 109.12 MB/s	 2467746 B/op	   35023 allocs/op
BenchmarkDecode/twilio-go-2              	     168	   7000000 ns/op	 116.71 MB/s	 1656817 B/op	   31023 allocs/op
BenchmarkDecode/json.Valid-2             	     540	   2000000 ns/op	 416.00 MB/s	       0 B/op	       0 allocs/op
PASS
ok  	example.com/benchclient	9.1s
goos: linux
BenchmarkFetchDecode/generated-2         	      99	  12000000 ns/op	  69.16 MB/s	         0 conns/op	 4000000 B/op	   15000 allocs/op
BenchmarkFetchDecode/twilio-go-2         	     100	  20000000 ns/op	  74.21 MB/s	         0 conns/op	 3000000 B/op	   30000 allocs/op
BenchmarkDecode/generated-2              	     154	   5000000 ns/op	 109.12 MB/s	 2467746 B/op	   35023 allocs/op
BenchmarkDecode/twilio-go-2              	     168	   7000000 ns/op	 116.71 MB/s	 1656817 B/op	   31023 allocs/op
BenchmarkDecode/json.Valid-2             	     540	   2000000 ns/op	 416.00 MB/s	       0 B/op	       0 allocs/op
PASS
`

func TestParseAndRatios(t *testing.T) {
	r := results{}
	if err := r.parse(twoRounds); err != nil {
		t.Fatal(err)
	}
	if err := r.complete(2); err != nil {
		t.Fatal(err)
	}
	if err := r.complete(3); err == nil {
		t.Error("complete(3) accepted two rounds")
	}
	if got := r[fetchGenerated]["ns/op"]; !slices.Equal(got, []float64{10e6, 12e6}) {
		t.Errorf("fetch generated ns/op = %v", got)
	}
	if got := r[fetchTwilio]["conns/op"]; !slices.Equal(got, []float64{1, 0}) {
		t.Errorf("fetch twilio-go conns/op = %v", got)
	}
	if _, ok := r[decDirect]; ok {
		t.Error("a row for a benchmark that did not run")
	}

	table := r.table()
	for _, want := range []string{
		"a page of 1000 users, 832 KB", // 416 MB/s × 2 ms
		"| fetch+decode, generated chatv2 (ListUsers) | 11.00 ms | 10.00 ms–12.00 ms | 4000000 | 15000 | 0.00 |",
		"| json.Valid (the floor) | 2.00 ms | 2.00 ms–2.00 ms | 0 | 0 | – |",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if strings.Contains(table, "UnmarshalJSON") {
		t.Errorf("table has a row for the direct UnmarshalJSON, which did not run:\n%s", table)
	}

	ratios := r.ratios()
	for _, want := range []string{
		"| fetch+decode time, generated / twilio-go | **0.55** | 0.50–0.60 | ≤ 0.5: **missed** |",
		"| fetch+decode allocations, generated / twilio-go | **0.50** | 0.50–0.50 | ≤ 0.5: met |",
		"| decode time, generated (through json.Unmarshal) / json.Valid | **2.75** | 2.50–3.00 | – |",
		"| decode time, twilio-go / json.Valid | **3.50** | 3.50–3.50 | – |",
	} {
		if !strings.Contains(ratios, want) {
			t.Errorf("ratios lack %q:\n%s", want, ratios)
		}
	}
}

func TestParseRejectsBadNumbers(t *testing.T) {
	r := results{}
	if err := r.parse("BenchmarkDecode/json.Valid-2 \t 540 \t 2e6x ns/op\n"); err == nil {
		t.Error("a malformed value was accepted")
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{{[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestBenchFile checks that the embedded benchmark file parses, is a test
// package importing both clients, and declares exactly the benchmarks
// whose names the tables read.
func TestBenchFile(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "bench_test.go", benchFile, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(f.Name.Name, "_test") {
		t.Errorf("package %s, want an external test package", f.Name.Name)
	}
	var imports []string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		imports = append(imports, p)
	}
	for _, want := range []string{generatedModule + "/chatv2", "github.com/twilio/twilio-go", "github.com/twilio/twilio-go/rest/chat/v2"} {
		if !slices.Contains(imports, want) {
			t.Errorf("bench_test.go.txt does not import %s", want)
		}
	}
	var declared []string
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || !strings.HasPrefix(fn.Name.Name, "Benchmark") {
			continue
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			lit, isLit := call.Args[0].(*ast.BasicLit)
			if ok && sel.Sel.Name == "Run" && isLit {
				name, _ := strconv.Unquote(lit.Value)
				declared = append(declared, strings.TrimPrefix(fn.Name.Name, "Benchmark")+"/"+name)
			}
			return true
		})
	}
	var want []string
	for _, row := range rows {
		want = append(want, row.name)
	}
	slices.Sort(declared)
	slices.Sort(want)
	if !slices.Equal(declared, want) {
		t.Errorf("bench_test.go.txt declares %v, the tables read %v", declared, want)
	}
}
