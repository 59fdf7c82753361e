package mcpserver_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

// TestHostedTenantDiscoveryLimits: a tenant's own limits hold for
// tool_run over the hosted transports, like for direct calls: a read-only
// tenant with the default toolset reaches hidden read tools, but no write
// and none it excludes.
func TestHostedTenantDiscoveryLimits(t *testing.T) {
	_, url := newSandbox(t, "", "")
	file := writeTenants(t, map[string]any{"tenants": []any{
		map[string]any{
			"name":           "r",
			"bearer_tokens":  []any{tokenC},
			"api_url":        url,
			"onoffice_token": "x", "onoffice_secret": "y",
			"read_only":     true,
			"toolsets":      []string{"default"},
			"exclude_tools": []string{"group_list"},
		},
	}})
	h := startHosted(t, map[string]string{}, "--tenants="+file)
	ctx := testCtx(t)
	c := mustConnect(t, peerKindsNamed("mcp-go streamable")[0], h.URL, &recorder{headers: bearer(tokenC)})
	names, err := c.tools(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(names, tools.RunToolName) {
		t.Fatalf("tenant lists no %s: %v", tools.RunToolName, names)
	}
	for _, tc := range []struct {
		tool string
		want string
	}{
		{"estate_create", "read-only"},
		{"group_list", "excluded"},
	} {
		text, isErr, err := c.call(ctx, tools.RunToolName, map[string]any{"name": tc.tool, "arguments": map[string]any{}})
		if err != nil || !isErr || !strings.Contains(text, tc.want) {
			t.Errorf("tool_run %s: %q %v %v, want a refusal naming %q", tc.tool, text, isErr, err, tc.want)
		}
	}
	text, _, err := c.call(ctx, tools.RunToolName, map[string]any{"name": "action_type_list", "arguments": map[string]any{}})
	if err != nil || strings.Contains(text, "not available") {
		t.Errorf("tool_run action_type_list: %q %v", text, err)
	}
}
