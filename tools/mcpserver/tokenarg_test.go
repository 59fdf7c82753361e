package mcpserver_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// TestTokenArgumentOnlyWhereAsked: a tool's schema offers
// confirmation_token exactly when the --confirm policy asks for a
// confirmation of its effect; under --confirm=off no tool has it, and a
// token sent anyway is an unknown argument.
func TestTokenArgumentOnlyWhereAsked(t *testing.T) {
	asks := map[string]func(tools.Effect) bool{
		"off":         func(tools.Effect) bool { return false },
		"destructive": func(e tools.Effect) bool { return e == tools.EffectDelete || e == tools.EffectExternal },
		"writes":      func(e tools.Effect) bool { return e != tools.EffectRead },
	}
	for policy, asked := range asks {
		t.Run(policy, func(t *testing.T) {
			h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=all", "--confirm="+policy))
			list, err := h.Client.ListTools(context.Background(), mcp.ListToolsRequest{})
			if err != nil {
				t.Fatal(err)
			}
			for _, tl := range list.Tools {
				a, ok := tools.Lookup(tl.Name)
				if !ok {
					continue
				}
				raw, err := json.Marshal(tl)
				if err != nil {
					t.Fatal(err)
				}
				var listed struct {
					InputSchema struct {
						Properties map[string]json.RawMessage `json:"properties"`
					} `json:"inputSchema"`
				}
				if err := json.Unmarshal(raw, &listed); err != nil {
					t.Fatalf("%s: %v", tl.Name, err)
				}
				if _, has := listed.InputSchema.Properties["confirmation_token"]; has != asked(a.Effect) {
					t.Errorf("%s (%s): confirmation_token offered %v under --confirm=%s", tl.Name, a.Effect, has, policy)
				}
			}
		})
	}
	h := toolstest.New(t) // --confirm=off
	res := h.Call(t, "task_modify", `{"id":701,"data":{"Status":2},"confirmation_token":"x"}`)
	if !res.IsError || !strings.Contains(res.Text, "confirmation_token") {
		t.Errorf("a token under --confirm=off: %+v", res)
	}
	if n := h.WriteRequests(); n != 0 {
		t.Errorf("%d writes sent", n)
	}
}
