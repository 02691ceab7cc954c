package typecheck

import (
	"bytes"
	"errors"
	"fmt"
	"go/build"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// std imports the standard library for every Check in the process, from
// the compiler's export data in the build cache. One `go list -export` run
// finds the data of all the imports of a Check that are new to the process
// (and compiles whatever is missing from the cache); a warm Check runs no
// command at all. On the project's output, the first Check takes about
// 0.2s and a warm one 10ms; importer.Default, which runs go list once per
// imported package, took 1.3s the first time, and importer "source",
// which type-checks the standard library from source, 1.7s and then 50ms
// every time.
var std struct {
	sync.Mutex                   // held for every use of the fields
	imp        types.Importer    // reads export data; caches the packages
	exports    map[string]string // import path → export data file
	bad        map[string]error  // import path → why it may not be imported
}

// stdLoad imports the packages of the standard library among paths. Check
// calls it before it type-checks anything, so that type-checking only
// ever reads packages the importer has completed: importing a package can
// add to the scope of another that an earlier import created in part, but
// a complete package is never changed again, and a type-check looks into
// the packages it imports only.
func stdLoad(paths []string) error {
	std.Lock()
	defer std.Unlock()
	if err := find(paths); err != nil {
		return err
	}
	for _, p := range paths {
		if std.bad[p] == nil {
			if _, err := std.imp.Import(p); err != nil {
				std.bad[p] = err
			}
		}
	}
	return nil
}

// stdImport imports a package of the standard library.
func stdImport(path string) (*types.Package, error) {
	std.Lock()
	defer std.Unlock()
	if err := find([]string{path}); err != nil {
		return nil, err
	}
	if err := std.bad[path]; err != nil {
		return nil, err
	}
	return std.imp.Import(path)
}

// find runs go list on the paths std knows nothing about. std must be
// locked.
func find(paths []string) error {
	if std.imp == nil {
		std.exports = map[string]string{}
		std.bad = map[string]error{}
		std.imp = importer.ForCompiler(token.NewFileSet(), "gc", func(path string) (io.ReadCloser, error) {
			return os.Open(std.exports[path])
		})
	}
	var todo []string
	for _, p := range paths {
		_, ok := std.exports[p]
		switch {
		case ok || std.bad[p] != nil || slices.Contains(todo, p):
		case !maybeStd(p):
			std.bad[p] = errNotStd
		case p == "cmd" || strings.HasPrefix(p, "cmd/"):
			// Mostly programs: go list -export would build them.
			std.bad[p] = errors.New("part of the Go toolchain, not of the standard library")
		case internal(p):
			std.bad[p] = errors.New("internal to the standard library")
		default:
			todo = append(todo, p)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	// From GOROOT, as go/importer does, so that the current module (or
	// the lack of one) plays no part; "--" as a path may start with "-".
	// Every line is path, standard, export file, error: -e puts the errors
	// of bad paths in the last field rather than failing.
	cmd := exec.Command(filepath.Join(build.Default.GOROOT, "bin", "go"), "list", "-e", "-export",
		"-f", "{{.ImportPath}}\t{{.Standard}}\t{{.Export}}\t{{with .Error}}{{.Err}}{{end}}", "--")
	cmd.Args = append(cmd.Args, todo...)
	cmd.Dir = build.Default.GOROOT
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("typecheck: go list -export: %v\n%s", err, stderr.Bytes())
	}
	for line := range strings.Lines(string(out)) {
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(f) != 4 {
			return fmt.Errorf("typecheck: go list -export printed %q", line)
		}
		if path, standard, export, listErr := f[0], f[1], f[2], f[3]; listErr != "" || standard != "true" {
			std.bad[path] = errNotStd
		} else {
			std.exports[path] = export // "" for unsafe, which needs no data
		}
	}
	for _, p := range todo {
		if _, ok := std.exports[p]; !ok && std.bad[p] == nil {
			std.bad[p] = errNotStd // go list knew it by another name
		}
	}
	return nil
}

var errNotStd = errors.New("neither in the output nor in the standard library")

// maybeStd reports whether path may be the import path of a package of the
// standard library, whose first element has no dot, and is no go list
// pattern such as "all" or "net/...": the others need no go list run.
func maybeStd(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return first != "" && !strings.Contains(first, ".") && path.Clean(p) == p &&
		!strings.Contains(p, "...") && !slices.Contains([]string{"all", "std", "tool", "work"}, p) &&
		!strings.ContainsFunc(p, func(r rune) bool {
			return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("/._-", r))
		})
}

// internal reports whether path may be imported only by the standard
// library itself.
func internal(path string) bool {
	return strings.HasPrefix(path, "vendor/") || path == "internal" || strings.HasPrefix(path, "internal/") ||
		strings.Contains(path, "/internal/") || strings.HasSuffix(path, "/internal")
}
