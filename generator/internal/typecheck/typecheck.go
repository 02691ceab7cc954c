// Package typecheck type-checks generated Go in memory with go/types: no
// files are written and the go command never builds the output, so tests and
// fuzz targets can afford to run it on every input. The standard library
// comes from the compiler's export data, which a go list run locates the
// first time a process imports a package (see std).
package typecheck

import (
	"cmp"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/apigen-dev/apigen/generator/emit"
)

// Problem is one syntax or type error in the output.
type Problem struct {
	Pos token.Position // Filename is the emit.File's Path
	// Msg may go on with lines of the form "\tposition: text", such as
	// where the other declaration of a redeclared name is.
	Msg string
}

func (p Problem) String() string { return p.Pos.String() + ": " + p.Msg }

// Problems is the error Check returns: every problem in every package,
// sorted by file, line and column.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Check parses and type-checks files, the output of one generation run
// (emit.File paths are relative to the output folder). modulePath is the
// import path of that folder: the files of folder dir form the package
// modulePath+"/"+dir (modulePath itself for the folder). Packages of the
// output may import each other, in any order but without cycles, and the
// standard library, except its internal packages; any other import is a
// problem.
//
// Check reports every problem it finds, soft errors such as unused
// variables and imports included, as Problems. Syntax errors stop it before
// type-checking. Files not named *.go are skipped; _test.go files are
// checked with their folder's package, or as its external test package when
// their package name ends in _test. Build constraints are not evaluated.
//
// Check is safe for concurrent use.
func Check(files []emit.File, modulePath string) error {
	c := &checker{fset: token.NewFileSet(), module: modulePath, pkgs: map[string]*pkg{}}
	var tests []*pkg // external test packages, which nothing may import
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".go") {
			continue
		}
		if !fs.ValidPath(f.Path) {
			return fmt.Errorf("typecheck: %q is not a clean relative path", f.Path)
		}
		af, err := parser.ParseFile(c.fset, f.Path, f.Data, parser.AllErrors|parser.SkipObjectResolution)
		if err != nil {
			var list scanner.ErrorList
			if !errors.As(err, &list) {
				return fmt.Errorf("typecheck: %s: %w", f.Path, err)
			}
			list.RemoveMultiples() // the first error of every line
			for _, e := range list {
				c.problems = append(c.problems, Problem{e.Pos, e.Msg})
			}
			continue
		}
		importPath := modulePath
		if dir := path.Dir(f.Path); dir != "." {
			importPath += "/" + dir
		}
		if strings.HasSuffix(f.Path, "_test.go") && strings.HasSuffix(af.Name.Name, "_test") {
			i := slices.IndexFunc(tests, func(p *pkg) bool { return p.path == importPath+"_test" })
			if i < 0 {
				i = len(tests)
				tests = append(tests, &pkg{path: importPath + "_test"})
			}
			tests[i].files = append(tests[i].files, af)
			continue
		}
		p := c.pkgs[importPath]
		if p == nil {
			p = &pkg{path: importPath}
			c.pkgs[importPath] = p
		}
		p.files = append(p.files, af)
	}
	if len(c.problems) > 0 {
		return c.result()
	}
	var imports []string
	for _, p := range c.pkgs {
		for _, f := range p.files {
			for _, spec := range f.Imports {
				path, _ := strconv.Unquote(spec.Path.Value)
				if c.pkgs[path] == nil {
					imports = append(imports, path)
				}
			}
		}
	}
	if err := stdLoad(imports); err != nil {
		return err
	}
	// Every package is checked once: a package's imports of the output
	// are checked first, from the importer (dependency order).
	for _, importPath := range slices.Sorted(maps.Keys(c.pkgs)) {
		c.check(c.pkgs[importPath])
	}
	for _, p := range tests {
		c.check(p)
	}
	return c.result()
}

// pkg is one package of the output.
type pkg struct {
	path     string
	files    []*ast.File
	checking bool
	types    *types.Package // once checked
}

type checker struct {
	fset     *token.FileSet
	module   string
	pkgs     map[string]*pkg // by import path
	problems Problems
}

var sizes = types.SizesFor("gc", runtime.GOARCH)

// check type-checks p unless it has been already.
func (c *checker) check(p *pkg) *types.Package {
	if p.types != nil {
		return p.types
	}
	p.checking = true
	conf := types.Config{
		Importer: importerFunc(c.importPkg),
		Sizes:    sizes,
		Error: func(err error) {
			// Every error: soft ones (unused variables and imports) too.
			e := err.(types.Error)
			pos := e.Fset.Position(e.Pos)
			if more, ok := strings.CutPrefix(e.Msg, "\t"); ok && len(c.problems) > 0 {
				// Continues the error before, as in "x redeclared", then
				// "\tother declaration of x": print it as the compiler does.
				c.problems[len(c.problems)-1].Msg += "\n\t" + pos.String() + ": " + more
				return
			}
			c.problems = append(c.problems, Problem{pos, e.Msg})
		},
	}
	p.types, _ = conf.Check(p.path, c.fset, p.files, nil)
	p.checking = false
	return p.types
}

// importPkg returns the package that an import of path names: a package of
// the output, checked first if need be, or of the standard library. go/types
// reports an error at the import's position.
func (c *checker) importPkg(path string) (*types.Package, error) {
	if p := c.pkgs[path]; p != nil {
		if p.checking {
			return nil, errors.New("import cycle")
		}
		return c.check(p), nil
	}
	if path == c.module || strings.HasPrefix(path, c.module+"/") {
		return nil, errors.New("no such package in the output")
	}
	return stdImport(path)
}

func (c *checker) result() error {
	if len(c.problems) == 0 {
		return nil
	}
	slices.SortStableFunc(c.problems, func(a, b Problem) int {
		return cmp.Or(
			strings.Compare(a.Pos.Filename, b.Pos.Filename),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column))
	})
	return c.problems
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
