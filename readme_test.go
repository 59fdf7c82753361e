package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

var updateDocs = flag.Bool("update", false, "regenerate the tool table in docs/tools.md")

// toolsDoc holds the generated tool table.
const toolsDoc = "docs/tools.md"

const (
	tableBegin = "<!-- tools:begin (generated: go test . -run TestToolsDocTable -update) -->"
	tableEnd   = "<!-- tools:end -->"
)

// toolTable renders the tool table of docs/tools.md from the catalogue.
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

// TestToolsDocTable keeps the tool table of docs/tools.md equal to the catalogue.
func TestToolsDocTable(t *testing.T) {
	raw, err := os.ReadFile(toolsDoc)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	i, j := strings.Index(readme, tableBegin), strings.Index(readme, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the tool table markers", toolsDoc)
	}
	current := readme[i+len(tableBegin)+1 : j]
	want := toolTable()
	if current == want {
		return
	}
	if *updateDocs {
		readme = readme[:i+len(tableBegin)+1] + want + readme[j:]
		if err := os.WriteFile(toolsDoc, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: the tool table is out of date: run go test . -run TestToolsDocTable -update", toolsDoc)
}
