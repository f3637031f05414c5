// Package doccheck holds one test: every exported name of every library
// package must end its doc comment with the Python name it mirrors.
package doccheck

import (
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// libraryDirs returns the module's library packages: the top-level
// directories holding Go files, other than internal, examples and bench.
func libraryDirs(t *testing.T) []string {
	t.Helper()
	root := filepath.Join("..", "..")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || strings.HasPrefix(name, ".") || name == "internal" || name == "examples" || name == "bench" || name == "docs" {
			continue
		}
		if files, _ := filepath.Glob(filepath.Join(root, name, "*.go")); len(files) > 0 {
			dirs = append(dirs, filepath.Join(root, name))
		}
	}
	if len(dirs) == 0 {
		t.Fatal("found no library packages")
	}
	return dirs
}

// pythonParagraph reports whether the last paragraph of a doc comment names
// the Python original: "Python: queue.Queue.task_done." or
// "Python: none (Go only).".
func pythonParagraph(text string) bool {
	text = strings.TrimSpace(text)
	paras := strings.Split(text, "\n\n")
	last := strings.TrimSpace(paras[len(paras)-1])
	return strings.HasPrefix(last, "Python: ") && strings.HasSuffix(last, ".")
}

func TestEveryExportedNameNamesItsPythonTwin(t *testing.T) {
	for _, dir := range libraryDirs(t) {
		probs, err := problems(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range probs {
			t.Error(p)
		}
	}
}

// TestCheckerFindsMissingParagraphs runs the checker on a package that
// breaks the rule in every place it can be broken.
func TestCheckerFindsMissingParagraphs(t *testing.T) {
	got, err := problems(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"bad: package doc lacks the bulleted Python → Go list",
		"bad: const Loose: doc comment does not end with a \"Python: …\" paragraph",
		"bad: var ErrX: doc comment does not end with a \"Python: …\" paragraph",
		"bad: func Free: doc comment does not end with a \"Python: …\" paragraph",
		"bad: type T: doc comment does not end with a \"Python: …\" paragraph",
		"bad: func NewT: doc comment does not end with a \"Python: …\" paragraph",
		"bad: method T.M: doc comment does not end with a \"Python: …\" paragraph",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// problems returns what breaks the rule in the package in dir.
func problems(dir string) ([]string, error) {
	fset := token.NewFileSet()
	paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var files []*ast.File
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, filepath.Base(dir))
	if err != nil {
		return nil, err
	}
	var out []string
	check := func(kind, name, text string) {
		if !pythonParagraph(text) {
			out = append(out, fmt.Sprintf("%s: %s %s: doc comment does not end with a \"Python: …\" paragraph", p.ImportPath, kind, name))
		}
	}
	if !strings.Contains(p.Doc, "Python") || !strings.Contains(p.Doc, "\n  - ") {
		out = append(out, p.ImportPath+": package doc lacks the bulleted Python → Go list")
	}
	values := func(vs []*doc.Value, kind string) {
		for _, v := range vs {
			if pythonParagraph(v.Doc) {
				continue
			}
			// Without a group comment, every name needs its own.
			for _, spec := range v.Decl.Specs {
				vspec := spec.(*ast.ValueSpec)
				for _, n := range vspec.Names {
					if n.IsExported() {
						check(kind, n.Name, vspec.Doc.Text())
					}
				}
			}
		}
	}
	values(p.Consts, "const")
	values(p.Vars, "var")
	for _, f := range p.Funcs {
		check("func", f.Name, f.Doc)
	}
	for _, typ := range p.Types {
		check("type", typ.Name, typ.Doc)
		values(typ.Consts, "const")
		values(typ.Vars, "var")
		for _, f := range typ.Funcs {
			check("func", f.Name, f.Doc)
		}
		for _, m := range typ.Methods {
			check("method", typ.Name+"."+m.Name, m.Doc)
		}
	}
	return out, nil
}
