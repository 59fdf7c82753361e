package main

import (
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
