package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeLimit keeps the README a page a person reads; reference goes to docs/.
const readmeLimit = 20 * 1024

// documents are the hand-written documents whose file references are checked.
func documents(t *testing.T) []string {
	t.Helper()
	docs, err := filepath.Glob("docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	return append([]string{"README.md", "CONTRIBUTING.md", "ARCHITECTURE.md"}, docs...)
}

func TestReadmeSize(t *testing.T) {
	st, err := os.Stat("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() >= readmeLimit {
		t.Errorf("README.md is %d bytes, keep it under %d: move reference parts to docs/", st.Size(), readmeLimit)
	}
}

// TestReadmeFirstScreen: the first screen tells an estate agent how to
// install without Go and a developer how to run and test.
func TestReadmeFirstScreen(t *testing.T) {
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	first := strings.Join(lines[:min(len(lines), 90)], "\n")
	for _, want := range []string{".mcpb", "claude mcp add", "-e ONOFFICE_TOKEN=", "-e ONOFFICE_SECRET=",
		`"servers"`, `"mcpServers"`, "docker run", "go run ./release -snapshot", "go run . --demo", "go test -race ./..."} {
		if !strings.Contains(first, want) {
			t.Errorf("the first 90 lines of README.md lack %q", want)
		}
	}
}

// mcpMethods look like paths under tools/ and prompts/ but name MCP methods.
var mcpMethods = map[string]bool{"tools/list": true, "tools/call": true, "prompts/list": true, "prompts/get": true}

var (
	// mdLink is a relative Markdown link target: [text](target).
	mdLink = regexp.MustCompile(`\]\(([^)#\s]+)(#[^)]*)?\)`)
	// codeSpan is an inline code span.
	codeSpan = regexp.MustCompile("`([^`\n]+)`")
)

// TestDocumentsCiteExistingFiles: every relative link and every file path
// in backticks that starts with a top-level entry of the repository names
// a file or directory that exists.
func TestDocumentsCiteExistingFiles(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	top := map[string]bool{}
	for _, e := range entries {
		top[e.Name()] = true
	}
	for _, doc := range documents(t) {
		raw, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		for _, m := range mdLink.FindAllStringSubmatch(text, -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(doc), target)); err != nil {
				t.Errorf("%s links to %s, which does not exist", doc, target)
			}
		}
		for _, m := range codeSpan.FindAllStringSubmatch(text, -1) {
			p := m[1]
			if strings.ContainsAny(p, " <>*{}$…") || mcpMethods[p] {
				continue // a command, a pattern, a placeholder or an MCP method
			}
			first, _, nested := strings.Cut(strings.TrimSuffix(p, "/"), "/")
			if !top[first] || (!nested && !strings.Contains(first, ".")) {
				continue // not a path of this repository (or a bare word such as "tools")
			}
			if _, err := os.Stat(p); err != nil {
				t.Errorf("%s cites %s, which does not exist", doc, p)
			}
		}
	}
}

// TestContributingAddAction: CONTRIBUTING.md's recipe for a new action
// names at most four files to edit by hand, each of which exists, plus the
// one refresh command; the tests it names exist.
func TestContributingAddAction(t *testing.T) {
	raw, err := os.ReadFile("CONTRIBUTING.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	start := strings.Index(text, "## Adding an action")
	if start < 0 {
		t.Fatal("CONTRIBUTING.md has no section on adding an action")
	}
	section := text[start+2:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	step := regexp.MustCompile("(?m)^\\d+\\. `([^`]+)`")
	files := step.FindAllStringSubmatch(section, -1)
	if len(files) == 0 || len(files) > 4 {
		t.Errorf("the recipe names %d files to edit by hand, want 1 to 4", len(files))
	}
	for _, f := range files {
		if _, err := os.Stat(f[1]); err != nil {
			t.Errorf("the recipe names %s, which does not exist", f[1])
		}
	}
	if !strings.Contains(section, "go generate ./...") {
		t.Error("the recipe does not end with go generate ./...")
	}
	if _, err := os.Stat("generate.go"); err != nil {
		t.Errorf("go generate ./... has nothing to run: %v", err)
	}
	testName := regexp.MustCompile("`(Test[A-Za-z0-9_]+)`")
	for _, m := range testName.FindAllStringSubmatch(section, -1) {
		if !definedInTests(t, m[1]) {
			t.Errorf("the recipe names %s, which no test file defines", m[1])
		}
	}
}

// definedInTests reports whether a _test.go file of the repository
// defines the function name.
func definedInTests(t *testing.T, name string) bool {
	t.Helper()
	found := false
	eachTestFile(t, func(_ string, src []byte) bool {
		found = strings.Contains(string(src), "func "+name+"(")
		return !found
	})
	return found
}

// eachTestFile calls fn with every _test.go file of the repository (hidden
// folders left out) until fn returns false.
func eachTestFile(t *testing.T, fn func(path string, src []byte) bool) {
	t.Helper()
	done := false
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || done {
			return err
		}
		if d.IsDir() && path != "." && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		done = !fn(path, src)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
