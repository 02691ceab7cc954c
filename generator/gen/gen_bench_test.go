package gen_test

import (
	"context"
	"fmt"
	"github.com/apigen-dev/apigen/generator/internal/project"
	"os"
	"runtime/metrics"
	"testing"
	"time"

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
// resources (five operations each) and reports the time per operation and
// the peak live heap, to show whether cost grows linearly.
func BenchmarkGenerateScale(b *testing.B) {
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
			for b.Loop() {
				stop := samplePeakHeap(&peak)
				if _, err := gen.Generate(context.Background(), cfg); err != nil {
					b.Fatal(err)
				}
				stop()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(5*n), "ns/operation")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
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
