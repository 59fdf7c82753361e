package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

var updateReadme = flag.Bool("update", false, "regenerate the tool table in README.md")

const (
	tableBegin = "<!-- tools:begin (generated: go test . -run TestReadmeToolTable -update) -->"
	tableEnd   = "<!-- tools:end -->"
)

// toolTable renders the README's tool table from the catalogue.
func toolTable() string {
	var b strings.Builder
	b.WriteString("| tool | module | effect | default | what it does |\n|---|---|---|---|---|\n")
	for _, t := range tools.All() {
		def := ""
		if t.Default {
			def = "yes"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", t.Name, t.Module, t.Effect, def, t.Title)
	}
	return b.String()
}

// TestReadmeToolTable keeps the README's tool table equal to the catalogue.
func TestReadmeToolTable(t *testing.T) {
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	i, j := strings.Index(readme, tableBegin), strings.Index(readme, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the tool table markers")
	}
	current := readme[i+len(tableBegin)+1 : j]
	want := toolTable()
	if current == want {
		return
	}
	if *updateReadme {
		readme = readme[:i+len(tableBegin)+1] + want + readme[j:]
		if err := os.WriteFile("README.md", []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md tool table is out of date: run go test . -run TestReadmeToolTable -update")
}
