package gen_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apigen-dev/apigen/generator/internal/project"

	"github.com/apigen-dev/apigen/generator/gen"
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
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(gen.GCPercent))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(gen.MemoryLimit))
	}
	common, err := os.ReadFile("../../spec/common.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			spec, err := synth.Write(dir, n, common)
			if err != nil {
				b.Fatal(err)
			}
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
