package tools_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// TestMainRequestMatchesRow: every tool, called with valid arguments,
// sends its catalogue row's action (verb and resource type) to onOffice.
// The arguments are the first example of each tool (examples_test.go).
func TestMainRequestMatchesRow(t *testing.T) {
	h := toolstest.New(t)
	st := h.Sandbox.Store()
	first := func(table string) int { return st.Table(table).Records[0]["Id"].(int) }
	estate, addr := first("estate"), first("address")
	participant := relFirst(t, h, "calendar:address")
	ids := []any{estate, addr, participant.Parent, first("task"), first("agentslog"), estFiles(h, estate)[0]["Id"], first("searchcriteria"), participant.Child}

	args := map[string]string{}
	for _, ex := range examples {
		if _, ok := args[ex.tool]; ok {
			continue
		}
		a := ex.args
		if strings.Contains(a, "%[") {
			a = fmt.Sprintf(a, ids...)
		}
		args[ex.tool] = a
	}
	for _, tool := range tools.All() {
		t.Run(tool.Name, func(t *testing.T) {
			a, ok := args[tool.Name]
			if !ok {
				t.Fatalf("no arguments for %s", tool.Name)
			}
			before := len(h.Requests())
			res := h.Call(t, tool.Name, a)
			for _, r := range h.Requests()[before:] {
				if r.Verb == tool.Verb && r.ResourceType == tool.ResourceType {
					return
				}
			}
			var sent []string
			for _, r := range h.Requests()[before:] {
				sent = append(sent, string(r.Verb)+" "+r.ResourceType)
			}
			t.Errorf("%s %s sent %v, none is its row's %s %s (result: %.300s)", tool.Name, a, sent, tool.Verb, tool.ResourceType, res.Text)
		})
	}
}
