// Command apigen generates Go packages from the OpenAPI documents of
// Twilio's Users APIs.
//
// Usage:
//
//	apigen [-config file] [-out dir] [-root dir] [-strict] [-check] [-v] [-version] [spec.yaml|spec.json ...]
//
// It writes one package per document and the shared packages (twilio and
// internal/apigen) into the output folder, all or nothing: when any step
// fails, every file it replaced or removed is restored. It prunes only
// inside the package folders the run writes, not in their subfolders nor
// anywhere else, and there only files it owns: those whose first line is
// apigen's header. Generating one document of several therefore leaves
// the other documents' packages alone. Hand-written files, tests included,
// are never touched. A package folder that is a symbolic link is refused.
//
// Problems in the documents are printed one per line as
// "file:line:col: message"; apigen then exits 1 and writes nothing. A
// document or $ref target that is a symbolic link leading out of the spec
// folder (-root), that is not a regular file (a FIFO, /dev/zero), or that
// is larger than 32 MiB is such a problem. An example that does not match
// its schema is a warning ("file:line:col: warning: message"), and
// generation goes on, unless -strict makes it a problem; so is an unknown
// extension close to one of apigen's (x-json-strng for x-json-string).
//
// The config file (-config) is JSON; a key it does not know is an error.
//
// With -check it writes nothing either: it prints a unified diff of what
// generation would change and exits 1 when there is any.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"log"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/apigen-dev/apigen/generator/diag"
	"github.com/apigen-dev/apigen/generator/gen"
)

// config is the optional JSON configuration file. Flags override it.
type config struct {
	Specs []string `json:"specs"` // API documents, in order
	Root  string   `json:"root"`  // folder all documents and $refs must stay in
	Out   string   `json:"out"`   // output folder
	// Strict makes examples that do not match their schemas problems.
	Strict bool `json:"strict"`
	// SIDNames names the Go types of SID prefixes that no component schema
	// names, {"CH": "ChannelSID"}; the others are named after the
	// properties and parameters that carry them.
	SIDNames map[string]string `json:"sid_names"`
	// Packages names the Go package of documents, by their paths as
	// listed in specs, before their x-go-package and their file names.
	Packages map[string]string `json:"packages"`
}

// decodeConfig decodes the config file's data into cfg. A key that config
// does not know is an error naming it: a misspelt "outt" silently ignored
// would write where "out" says not to.
func decodeConfig(data []byte, cfg *config) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		if key, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return fmt.Errorf("unknown key %s (known: %s)", key, strings.Join(configKeys(), ", "))
		}
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("more than one JSON value")
	}
	return nil
}

// configKeys are the keys of the config file, in the order config declares
// them.
func configKeys() []string {
	var keys []string
	t := reflect.TypeFor[config]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		keys = append(keys, name)
	}
	return keys
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("apigen: ")
	setGC()
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// setGC makes the collector run less often than by default, within a
// bound: GOGC=400, with a soft memory limit of 300 MiB that makes it run
// sooner when the heap grows towards it. apigen is a short batch run whose
// live heap is small in most phases (about 28 MiB for the project's three
// documents; at 1000 synthetic resources about 135 MiB while loading, then
// 15-45 MiB while emitting), so it collects a fifth as often as by default,
// and a large run still peaks near 300 MiB rather than at five times its
// live heap. GOGC and GOMEMLIMIT in the environment take precedence.
func setGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gen.GCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(gen.MemoryLimit)
	}
}

const usage = `usage: apigen [flags] [spec.yaml|spec.json ...]

apigen reads the OpenAPI documents given as arguments (or listed in the
config file), validates them, and generates one Go package per document plus
a shared package into the output folder (default "generated"). It removes
stale files only in the package folders it writes, and only files whose
first line is apigen's header.

Flags:
`

// run is main without the process: it returns the exit code (0 success,
// 1 problems in the input or drift under -check, 2 misuse).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("apigen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	configPath := fs.String("config", "", "JSON config `file` naming specs, root and out")
	out := fs.String("out", "", "output `folder` (default \"generated\")")
	root := fs.String("root", "", "spec `folder` that documents and $refs must stay in (default: the first document's folder)")
	check := fs.Bool("check", false, "write nothing; print a diff of what generation would change and exit 1 if anything would")
	strict := fs.Bool("strict", false, "an example that does not match its schema is a problem, not a warning")
	verbose := fs.Bool("v", false, "say what was loaded, generated and written, or that everything was up to date")
	showVersion := fs.Bool("version", false, "print apigen's version and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *showVersion {
		fmt.Fprintln(stdout, "apigen", version())
		return 0
	}
	var cfg config
	if *configPath != "" {
		data, err := os.ReadFile(*configPath)
		if err != nil {
			fmt.Fprintf(stderr, "apigen: %v\n", err)
			return 2
		}
		if err := decodeConfig(data, &cfg); err != nil {
			fmt.Fprintf(stderr, "apigen: %s: %v\n", *configPath, err)
			return 2
		}
		for prefix, name := range cfg.SIDNames {
			if len(prefix) != 2 || strings.Trim(prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" || !token.IsExported(name) || !token.IsIdentifier(name) {
				fmt.Fprintf(stderr, "apigen: %s: sid_names: %q: %q must be two capital letters naming an exported Go identifier\n", *configPath, prefix, name)
				return 2
			}
		}
	}
	if fs.NArg() > 0 {
		cfg.Specs = fs.Args()
	}
	if *out != "" {
		cfg.Out = *out
	}
	if *root != "" {
		cfg.Root = *root
	}
	if cfg.Out == "" {
		cfg.Out = "generated"
	}
	for spec, name := range cfg.Packages {
		if !slices.Contains(cfg.Specs, spec) {
			fmt.Fprintf(stderr, "apigen: packages: %q is not one of the documents (%s)\n", spec, strings.Join(cfg.Specs, ", "))
			return 2
		}
		if !token.IsIdentifier(name) || name != strings.ToLower(name) {
			fmt.Fprintf(stderr, "apigen: packages: %q for %s is not a lower-case Go package name\n", name, spec)
			return 2
		}
	}
	if len(cfg.Specs) == 0 {
		fmt.Fprintln(stderr, "apigen: no spec documents given (name them as arguments or in -config)")
		fs.Usage()
		return 2
	}
	var warnings diag.List
	res, err := gen.Generate(ctx, gen.Config{Specs: cfg.Specs, Root: cfg.Root, Out: cfg.Out, Strict: cfg.Strict || *strict, Warnings: &warnings, SIDNames: cfg.SIDNames, Packages: cfg.Packages})
	for _, w := range warnings {
		fmt.Fprintln(stderr, w.Error())
	}
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			for _, p := range list {
				fmt.Fprintln(stderr, p.Error())
			}
			fmt.Fprintf(stderr, "apigen: %d problem(s); nothing written\n", len(list))
			return 1
		}
		fmt.Fprintf(stderr, "apigen: %v\n", err)
		return 1
	}
	if *verbose {
		for _, api := range res.Model.APIs {
			fmt.Fprintf(stdout, "apigen: loaded %s: %d operation(s), %d type(s): package %s\n", api.Spec, len(api.Operations), len(api.Types), api.ImportPath)
		}
		fmt.Fprintf(stdout, "apigen: generated %d file(s) in %d package(s)\n", len(res.Files), len(res.Model.APIs)+2)
	}
	if *check {
		d, err := checkFiles(cfg.Out, res.Files)
		if err != nil {
			fmt.Fprintf(stderr, "apigen: %v\n", err)
			return 1
		}
		if d != "" {
			fmt.Fprint(stdout, d)
			fmt.Fprintf(stderr, "apigen: %s is stale: run make generate (or go generate ./...)\n", cfg.Out)
			return 1
		}
		return 0
	}
	written, removed, err := writeFiles(cfg.Out, res.Files)
	if err != nil {
		fmt.Fprintf(stderr, "apigen: %v\n", err)
		return 1
	}
	if *verbose {
		for _, p := range written {
			fmt.Fprintf(stdout, "apigen: wrote %s\n", path.Join(filepath.ToSlash(cfg.Out), p))
		}
		for _, p := range removed {
			fmt.Fprintf(stdout, "apigen: removed %s\n", path.Join(filepath.ToSlash(cfg.Out), p))
		}
	}
	switch {
	case len(written)+len(removed) > 0:
		fmt.Fprintf(stdout, "apigen: %s: %d file(s) written, %d removed\n", cfg.Out, len(written), len(removed))
	case *verbose:
		fmt.Fprintf(stdout, "apigen: %s: up to date, nothing written\n", cfg.Out)
	}
	return 0
}

// version is apigen's version from its build information: the module
// version when installed with go install, else the VCS revision it was
// built from (with "+dirty" for uncommitted changes), and the Go version.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if (v == "" || v == "(devel)") && rev != "" {
		v = rev[:min(12, len(rev))]
		if modified == "true" {
			v += "+dirty"
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return v + " " + bi.GoVersion
}
