// Package project reads the project's apigen.json for the tests, so that
// the documents the project generates from are listed in that one file:
// adding an API is one edit there.
package project

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apigen-dev/apigen/generator/gen"
)

// Config is what apigen.json says (the command's config file).
type Config struct {
	Specs    []string          `json:"specs"`
	Root     string            `json:"root"`
	Out      string            `json:"out"`
	Strict   bool              `json:"strict"`
	SIDNames map[string]string `json:"sid_names"`
	Packages map[string]string `json:"packages"`
}

// Read reads apigen.json in dir, the repository's root. Paths in it are
// relative to dir.
func Read(dir string) (*Config, error) {
	data, err := os.ReadFile(filepath.Join(dir, "apigen.json"))
	if err != nil {
		return nil, err
	}
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("apigen.json: %v", err)
	}
	if len(c.Specs) == 0 {
		return nil, fmt.Errorf("apigen.json lists no specs")
	}
	if c.Out == "" {
		c.Out = "generated"
	}
	return &c, nil
}

// Gen is the generation the config asks for, run from dir.
func (c *Config) Gen() gen.Config {
	return gen.Config{Specs: c.Specs, Root: c.Root, Out: c.Out, Strict: c.Strict, SIDNames: c.SIDNames, Packages: c.Packages}
}

// MustSpecs returns the specs apigen.json in dir lists, for a test
// package's variables; it panics when the file cannot be read.
func MustSpecs(dir string) []string {
	c, err := Read(dir)
	if err != nil {
		panic(err)
	}
	return c.Specs
}
