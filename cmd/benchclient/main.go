// Command benchclient times the generated Chat v2 client against twilio-go,
// the official Twilio Go SDK, on the same loopback server and the same
// bytes (issue 14), and prints Markdown tables of medians and ratios for
// BENCHMARKS.md:
//
//   - fetch+decode: one list call of a page of 1000 users through
//     generated/chatv2's ListUsers and through twilio-go's
//     ChatV2.PageUser, against an httptest server on loopback answering
//     the same 832 KB every time (twilio-go's requests reach it through a
//     RoundTripper that rewrites https://chat.twilio.com to the server);
//   - decode alone, the same bytes: json.Unmarshal into chatv2.UserList
//     (its UnmarshalJSON when it has one), that UnmarshalJSON called
//     directly (when there is one), json.Unmarshal into twilio-go's
//     ListUserResponse, and json.Valid, the floor.
//
// Every benchmark checks that each call decoded 1000 users, and before
// timing that a few users decoded field by field as they were written.
//
// twilio-go is never added to the repository's go.mod files: the
// benchmarks (bench_test.go.txt, embedded) are written into a temporary
// module that requires twilio-go at a pinned version and the repository's
// generated/ folder through a replace, so they measure whatever the
// generated types are at the time. The test binary is built once and run
// -count times with -test.count=1, so the rounds alternate the two clients
// (go test -count=N would run each benchmark N times in a row); the tables
// give medians over the rounds and the min–max of the per-round ratios.
//
// The first run compiles twilio-go (about a minute on two cores); later
// runs take it from the build cache.
//
// Usage (from the repository root):
//
//	go run ./cmd/benchclient [-count 7] [-benchtime 0.5s] [-twilio-go v1.31.0] [-v] [-keep]
package main

import (
	"bufio"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

//go:embed bench_test.go.txt
var benchFile string

// twilioGo is the version of github.com/twilio/twilio-go measured; the
// latest that the module proxy served on 2026-12-03.
const twilioGo = "v1.31.0"

const generatedModule = "github.com/apigen-dev/apigen/generated"

func main() {
	log.SetFlags(0)
	log.SetPrefix("benchclient: ")
	count := flag.Int("count", 7, "rounds: runs of the benchmark binary, each running every benchmark once")
	benchtime := flag.String("benchtime", "0.5s", "-test.benchtime of each benchmark in a round")
	version := flag.String("twilio-go", twilioGo, "`version` of github.com/twilio/twilio-go")
	verbose := flag.Bool("v", false, "print the benchmark output as it comes")
	keep := flag.Bool("keep", false, "keep the temporary module and print its path")
	flag.Parse()
	if *count < 1 {
		log.Fatal("-count must be at least 1")
	}

	generated, err := filepath.Abs("generated")
	must(err)
	if _, err := os.Stat(filepath.Join(generated, "go.mod")); err != nil {
		log.Fatalf("run from the repository root: %v", err)
	}
	fmt.Printf("Load before: %s\n", uptime())

	tmp, err := os.MkdirTemp("", "benchclient-")
	must(err)
	if *keep {
		fmt.Printf("Temporary module: %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	gomod := fmt.Sprintf("module example.com/benchclient\n\ngo 1.26\n\nrequire (\n\t%s v0.0.0\n\tgithub.com/twilio/twilio-go %s\n)\n\nreplace %s => %s\n",
		generatedModule, *version, generatedModule, generated)
	must(os.WriteFile(filepath.Join(tmp, "go.mod"), []byte(gomod), 0o644))
	must(os.WriteFile(filepath.Join(tmp, "bench_test.go"), []byte(benchFile), 0o644))
	bin := filepath.Join(tmp, "bench.test")
	must(goCmd(tmp, "mod", "tidy"))
	must(goCmd(tmp, "test", "-c", "-o", bin, "."))

	fmt.Printf("Machine: %s/%s, %d CPUs, %s; twilio-go %s; apigen %s; %d alternating rounds of -benchtime %s.\n\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), *version, revision(), *count, *benchtime)
	res := results{}
	for i := range *count {
		cmd := exec.Command(bin, "-test.run=^$", "-test.bench=.", "-test.benchmem", "-test.count=1", "-test.benchtime="+*benchtime)
		cmd.Dir = tmp
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if *verbose {
			cmd.Stdout = io.MultiWriter(&out, os.Stdout)
			cmd.Stderr = cmd.Stdout
		}
		if err := cmd.Run(); err != nil {
			log.Fatalf("round %d: %v\n%s", i+1, err, out.String())
		}
		must(res.parse(out.String()))
	}
	must(res.complete(*count))
	fmt.Print(res.table())
	if _, ok := res[decDirect]; !ok {
		fmt.Println("\n(chatv2.UserList has no UnmarshalJSON method: no row of its own.)")
	}
	fmt.Println()
	fmt.Print(res.ratios())
	fmt.Printf("\nLoad after: %s\n", uptime())
}

// goCmd runs the go command in dir with GOFLAGS=-mod=mod (the temporary
// module has no go.sum until tidy writes it) and no workspace.
func goCmd(dir string, args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// uptime is the output of uptime(1), or /proc/loadavg where it is missing.
func uptime() string {
	if out, err := exec.Command("uptime").Output(); err == nil {
		return strings.TrimSpace(string(out))
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		return "load average " + strings.TrimSpace(string(data))
	}
	return "unknown"
}

// revision is the repository's commit, marked when the work tree differs.
func revision() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "(no git revision)"
	}
	rev := strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "status", "--porcelain", "--", "generated").Output(); err == nil && len(st) > 0 {
		rev += " with uncommitted changes in generated/"
	}
	return rev
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// Benchmark names as bench_test.go.txt declares them.
const (
	fetchGenerated = "FetchDecode/generated"
	fetchTwilio    = "FetchDecode/twilio-go"
	decGenerated   = "Decode/generated"
	decDirect      = "Decode/generated-UnmarshalJSON"
	decTwilio      = "Decode/twilio-go"
	decValid       = "Decode/json.Valid"
)

// rows is the order of the table; decDirect is left out when skipped.
var rows = []struct{ name, what string }{
	{fetchGenerated, "fetch+decode, generated chatv2 (ListUsers)"},
	{fetchTwilio, "fetch+decode, twilio-go (ChatV2.PageUser)"},
	{decGenerated, "decode, json.Unmarshal into chatv2.UserList"},
	{decDirect, "decode, chatv2.UserList's UnmarshalJSON called directly"},
	{decTwilio, "decode, json.Unmarshal into twilio-go's ListUserResponse"},
	{decValid, "json.Valid (the floor)"},
}

// results holds, per benchmark and unit, the value of each round in order.
type results map[string]map[string][]float64

// parse adds the benchmark lines of one round of go test output, such as
//
//	BenchmarkDecode/generated-2   154   7623878 ns/op   109.12 MB/s   2467746 B/op   35023 allocs/op
func (r results) parse(out string) error {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := strings.TrimPrefix(f[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i] // the GOMAXPROCS suffix
			}
		}
		if r[name] == nil {
			r[name] = map[string][]float64{}
		}
		for i := 2; i < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return fmt.Errorf("%q: %v", sc.Text(), err)
			}
			r[name][f[i+1]] = append(r[name][f[i+1]], v)
		}
	}
	return sc.Err()
}

// complete checks that every benchmark but decDirect ran in each of the
// rounds with time and allocations, and decDirect in all or none.
func (r results) complete(rounds int) error {
	for _, row := range rows {
		m, ok := r[row.name]
		if !ok && row.name == decDirect {
			continue
		}
		for _, unit := range []string{"ns/op", "B/op", "allocs/op"} {
			if len(m[unit]) != rounds {
				return fmt.Errorf("benchmark %s: %d values of %s for %d rounds", row.name, len(m[unit]), unit, rounds)
			}
		}
	}
	return nil
}

func median(vs []float64) float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// table is the Markdown table of medians, with the min–max of the time.
func (r results) table() string {
	var b strings.Builder
	size := "?"
	if v := r[decValid]; len(v["MB/s"]) > 0 && len(v["MB/s"]) == len(v["ns/op"]) {
		// SetBytes gives MB/s; the page's size is MB/s × s/op, round by round.
		kb := make([]float64, len(v["MB/s"]))
		for i := range kb {
			kb[i] = v["MB/s"][i] * v["ns/op"][i] / 1e6
		}
		size = fmt.Sprintf("%.0f KB", median(kb))
	}
	fmt.Fprintf(&b, "| benchmark (a page of 1000 users, %s) | median time | min–max | B/op | allocs/op | new conns/op |\n|---|---|---|---|---|---|\n", size)
	for _, row := range rows {
		m, ok := r[row.name]
		if !ok {
			continue
		}
		conns := "–"
		if c, ok := m["conns/op"]; ok {
			conns = strconv.FormatFloat(median(c), 'f', 2, 64)
		}
		ns := m["ns/op"]
		fmt.Fprintf(&b, "| %s | %s | %s–%s | %.0f | %.0f | %s |\n", row.what, dur(median(ns)), dur(slices.Min(ns)), dur(slices.Max(ns)),
			median(m["B/op"]), median(m["allocs/op"]), conns)
	}
	return b.String()
}

// dur prints nanoseconds as milliseconds or microseconds.
func dur(ns float64) string {
	if ns >= 1e6 {
		return fmt.Sprintf("%.2f ms", ns/1e6)
	}
	return fmt.Sprintf("%.1f µs", ns/1e3)
}

// ratios is the Markdown table of the ratios of medians that issue 14 sets
// targets for, with the min–max of the same ratio taken round by round.
func (r results) ratios() string {
	var b strings.Builder
	b.WriteString("| ratio | of medians | per round, min–max | target |\n|---|---|---|---|\n")
	line := func(what, num, den, unit string, target float64) {
		n, d := r[num][unit], r[den][unit]
		if len(n) == 0 || len(d) == 0 {
			return
		}
		per := make([]float64, len(n))
		for i := range n {
			per[i] = n[i] / d[i]
		}
		ratio := median(n) / median(d)
		verdict := "–"
		if target > 0 {
			verdict = fmt.Sprintf("≤ %.1f: **missed**", target)
			if ratio <= target {
				verdict = fmt.Sprintf("≤ %.1f: met", target)
			}
		}
		fmt.Fprintf(&b, "| %s | **%.2f** | %.2f–%.2f | %s |\n", what, ratio, slices.Min(per), slices.Max(per), verdict)
	}
	line("fetch+decode time, generated / twilio-go", fetchGenerated, fetchTwilio, "ns/op", 0.5)
	line("fetch+decode allocations, generated / twilio-go", fetchGenerated, fetchTwilio, "allocs/op", 0.5)
	line("fetch+decode bytes allocated, generated / twilio-go", fetchGenerated, fetchTwilio, "B/op", 0)
	// The target is the generated decoder's, as the client calls it;
	// through json.Unmarshal, encoding/json first checks the document with
	// json.Valid's scanner, so that row cannot go below 1.
	line("decode time, generated (UnmarshalJSON, as the client calls it) / json.Valid", decDirect, decValid, "ns/op", 2)
	line("decode time, generated (through json.Unmarshal) / json.Valid", decGenerated, decValid, "ns/op", 0)
	line("decode time, generated (UnmarshalJSON) / twilio-go", decDirect, decTwilio, "ns/op", 0)
	line("decode allocations, generated (UnmarshalJSON) / twilio-go", decDirect, decTwilio, "allocs/op", 0)
	line("decode time, twilio-go / json.Valid", decTwilio, decValid, "ns/op", 0)
	return b.String()
}
