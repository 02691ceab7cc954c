package gen_test

import (
	"context"
	"testing"

	"github.com/apigen-dev/apigen/generator/gen"
)

var projectSpecs = []string{"spec/chat_v1.yaml", "spec/chat_v2.yaml", "spec/conversations_v1.yaml"}

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
