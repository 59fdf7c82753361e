package mcpserver_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
)

// TestHostileTextInEveryStringOfEveryRecord plants the hostile text in
// every text value of every record, then calls every read tool with a few
// argument sets: no CRM text may show outside the markers.
func TestHostileTextInEveryStringOfEveryRecord(t *testing.T) {
	g := proxied(t, nil, "--toolsets=all")
	store := g.Sandbox.Store()
	for _, table := range store.Tables {
		for _, rec := range table.Records {
			for k, v := range rec {
				if s, ok := v.(string); ok && s != "" && !strings.Contains(strings.ToLower(k), "date") && !strings.HasSuffix(k, "_dt") && len(s) > 3 && strings.ContainsAny(s, " abcdefghijklmnopqrstuvwxyz") {
					rec[k] = s + " " + hostile
				}
			}
		}
	}
	list, err := g.Client.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tool := range list.Tools {
		if tool.Annotations.ReadOnlyHint == nil || !*tool.Annotations.ReadOnlyHint {
			continue
		}
		for _, args := range []string{`{}`, `{"listlimit":5}`, `{"id":3101}`} {
			res := g.Call(t, tool.Name, args)
			checkContained(t, tool.Name+" "+args, res.Text)
		}
	}
}
