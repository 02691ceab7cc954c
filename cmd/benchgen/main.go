// Command benchgen times apigen against oapi-codegen on the project's three
// documents, as built binaries, alternating runs in one session, and times
// apigen on synthetic documents of 10, 100 and 1000 resources. It prints
// Markdown tables of medians for BENCHMARKS.md.
//
// oapi-codegen v2.8.2 is installed from the Go module proxy into a
// temporary folder; nothing of it is kept. It cannot follow the specs'
// $refs into common.yaml without import mappings, so it is given each
// document with its references inlined (done before timing, not timed).
//
// With -oai it also times both on Twilio's official Chat v2 and
// Conversations v1 documents, read from that folder (../shared/oai), which
// oapi-codegen reads as they are.
//
// Usage (from the repository root):
//
//	go run ./cmd/benchgen [-runs 9] [-synthetic=false] [-oai ../shared/oai] [-baseline old-apigen]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen-dev/apigen/generator/synth"
)

const oapiModule = "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.8.2"

var specs = []string{"spec/chat_v1.yaml", "spec/chat_v2.yaml", "spec/conversations_v1.yaml"}

func main() {
	log.SetFlags(0)
	log.SetPrefix("benchgen: ")
	runs := flag.Int("runs", 9, "timed runs of each command")
	synthetic := flag.Bool("synthetic", true, "also time apigen on synthetic documents of 10, 100 and 1000 resources")
	oaiDir := flag.String("oai", "", "also time both on Twilio's official Chat v2 and Conversations v1 documents in this `folder`")
	baseline := flag.String("baseline", "", "also time this apigen `binary` (an earlier build) in the same alternation")
	flag.Parse()
	tmp, err := os.MkdirTemp("", "benchgen-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)

	apigen := filepath.Join(tmp, "apigen")
	must(run("go", "build", "-o", apigen, "./cmd/apigen"))
	gobin := filepath.Join(tmp, "bin")
	must(runEnv([]string{"GOBIN=" + gobin}, "go", "install", oapiModule))
	oapi := filepath.Join(gobin, "oapi-codegen")

	bundled := bundle(tmp)
	out := filepath.Join(tmp, "out")
	must(os.MkdirAll(out, 0o755))

	// apigen writes into a scratch copy of the module's layout so the run
	// is the same work as make generate without touching generated/.
	work := filepath.Join(tmp, "work")
	must(os.MkdirAll(filepath.Join(work, "spec"), 0o755))
	must(os.WriteFile(filepath.Join(work, "go.mod"), []byte("module example.com/bench\n\ngo 1.26\n"), 0o644))
	for _, s := range append(slices.Clone(specs), "spec/common.yaml") {
		data, err := os.ReadFile(s)
		must(err)
		must(os.WriteFile(filepath.Join(work, s), data, 0o644))
	}
	apigenRun := func(bin string) func() (time.Duration, int64) {
		return func() (time.Duration, int64) {
			must(os.RemoveAll(filepath.Join(work, "generated")))
			return timed(work, bin, append([]string{"-out", "generated"}, specs...)...)
		}
	}
	theirs := func() (time.Duration, int64) {
		var total time.Duration
		var rss int64
		for i, b := range bundled {
			pkg := strings.ReplaceAll(strings.TrimSuffix(filepath.Base(specs[i]), ".yaml"), "_", "")
			d, r := timedTo(filepath.Join(out, pkg+".go"), tmp, oapi, "-generate", "types,client,std-http-server", "-package", pkg, b)
			total += d
			rss = max(rss, r)
		}
		return total, rss
	}
	fmt.Printf("Machine: %s/%s, %d CPUs, %s; %d alternating runs each.\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), *runs)
	compare(*runs, "3 documents", withBaseline(apigen, *baseline, apigenRun),
		runner{"oapi-codegen v2.8.2 (three processes)", theirs})
	if *oaiDir != "" {
		official(*oaiDir, *runs, apigen, *baseline, oapi, tmp)
	}

	if !*synthetic {
		return
	}
	common, err := os.ReadFile("spec/common.yaml")
	must(err)
	fmt.Println("| synthetic resources | operations | median wall | per operation | peak RSS |")
	fmt.Println("|---|---|---|---|---|")
	for _, n := range []int{10, 100, 1000} {
		dir := filepath.Join(tmp, fmt.Sprintf("synth%d", n))
		must(os.MkdirAll(filepath.Join(dir, "spec"), 0o755))
		must(os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/synth\n\ngo 1.26\n"), 0o644))
		_, err := synth.Write(filepath.Join(dir, "spec"), n, common)
		must(err)
		reps := *runs
		if n == 1000 {
			reps = 3
		}
		var ds []time.Duration
		var rss int64
		for range reps {
			must(os.RemoveAll(filepath.Join(dir, "generated")))
			d, r := timed(dir, apigen, "-out", "generated", "spec/api.yaml")
			ds, rss = append(ds, d), max(rss, r)
		}
		m := median(ds)
		fmt.Printf("| %d | %d | %s | %.2f ms | %.1f MiB |\n", n, 5*n, ms(m), float64(m.Microseconds())/1000/float64(5*n), float64(rss)/1024)
	}
}

// bundle writes each spec with its $refs inlined, for oapi-codegen.
func bundle(tmp string) []string {
	var out []string
	for _, s := range specs {
		l := openapi3.NewLoader()
		l.IsExternalRefsAllowed = true
		doc, err := l.LoadFromFile(s)
		must(err)
		doc.InternalizeRefs(context.Background(), nil)
		data, err := json.Marshal(doc)
		must(err)
		p := filepath.Join(tmp, filepath.Base(s)+".json")
		must(os.WriteFile(p, data, 0o644))
		out = append(out, p)
	}
	return out
}

// timed runs a command in dir and returns its wall time and peak RSS (KiB).
func timed(dir, name string, args ...string) (time.Duration, int64) {
	return timedTo("", dir, name, args...)
}

func timedTo(stdout, dir, name string, args ...string) (time.Duration, int64) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if stdout != "" {
		f, err := os.Create(stdout)
		must(err)
		defer f.Close()
		cmd.Stdout = f
	}
	start := time.Now()
	if err := cmd.Run(); err != nil {
		log.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errb.String())
	}
	d := time.Since(start)
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return d, rss
}

func run(name string, args ...string) error { return runEnv(nil, name, args...) }

func runEnv(env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000) }

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// official times apigen (one process, both documents) against oapi-codegen
// (one process per document) on Twilio's official Chat v2 and
// Conversations v1 documents in dir, alternating runs.
func official(dir string, runs int, apigen, baseline, oapi, tmp string) {
	abs, err := filepath.Abs(dir)
	must(err)
	docs := []string{filepath.Join(abs, "twilio_chat_v2.json"), filepath.Join(abs, "twilio_conversations_v1.json")}
	work := filepath.Join(tmp, "oai")
	must(os.MkdirAll(work, 0o755))
	must(os.WriteFile(filepath.Join(work, "go.mod"), []byte("module example.com/oai\n\ngo 1.26\n"), 0o644))
	out := filepath.Join(tmp, "oai-out")
	must(os.MkdirAll(out, 0o755))
	apigenRun := func(bin string) func() (time.Duration, int64) {
		return func() (time.Duration, int64) {
			must(os.RemoveAll(filepath.Join(work, "generated")))
			return timed(work, bin, append([]string{"-root", abs, "-out", "generated"}, docs...)...)
		}
	}
	theirs := func() (time.Duration, int64) {
		var total time.Duration
		var rss int64
		for _, d := range docs {
			pkg := strings.ReplaceAll(strings.TrimSuffix(filepath.Base(d), ".json"), "_", "")
			t, r := timedTo(filepath.Join(out, pkg+".go"), tmp, oapi, "-generate", "types,client,std-http-server", "-package", pkg, d)
			total += t
			rss = max(rss, r)
		}
		return total, rss
	}
	compare(runs, "Twilio's Chat v2 and Conversations v1, 157 operations", withBaseline(apigen, baseline, apigenRun),
		runner{"oapi-codegen v2.8.2 (two processes)", theirs})
}

// runner is one command of a comparison: its row's name and one timed run.
type runner struct {
	name string
	run  func() (time.Duration, int64)
}

// withBaseline returns the apigen runners: the build under test, and the
// baseline binary when one is given.
func withBaseline(apigen, baseline string, apigenRun func(bin string) func() (time.Duration, int64)) []runner {
	rs := []runner{{"apigen (one process)", apigenRun(apigen)}}
	if baseline != "" {
		rs = append(rs, runner{"apigen baseline " + filepath.Base(baseline) + " (one process)", apigenRun(baseline)})
	}
	return rs
}

// compare times the apigen runners and theirs, once each untimed to warm
// the file cache and check they work, then in alternating runs, and prints
// a table of medians and each apigen runner's ratio to theirs.
func compare(runs int, what string, ours []runner, theirs runner) {
	all := append(slices.Clone(ours), theirs)
	times := make([][]time.Duration, len(all))
	rss := make([]int64, len(all))
	for _, r := range all {
		r.run()
	}
	for range runs {
		for i, r := range all {
			d, m := r.run()
			times[i], rss[i] = append(times[i], d), max(rss[i], m)
		}
	}
	fmt.Printf("| generator (%s) | median wall | min | max | peak RSS |\n", what)
	fmt.Println("|---|---|---|---|---|")
	for i, r := range all {
		ds := times[i]
		fmt.Printf("| %s | %s | %s | %s | %.1f MiB |\n", r.name, ms(median(ds)), ms(slices.Min(ds)), ms(slices.Max(ds)), float64(rss[i])/1024)
	}
	fmt.Println()
	t := median(times[len(all)-1])
	for i, r := range ours {
		fmt.Printf("Ratio of medians, %s / oapi-codegen: %.2f\n", r.name, float64(median(times[i]))/float64(t))
	}
	fmt.Println()
}
