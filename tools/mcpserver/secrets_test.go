package mcpserver_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// TestNoCredentialsInResultsOrLogs calls every tool, on success and error
// paths, with debug logging, and looks for the token and secret everywhere.
func TestNoCredentialsInResultsOrLogs(t *testing.T) {
	h := toolstest.New(t, "--toolsets=all", "--log-level=debug", "--confirm=off")
	list, err := h.Client.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var seen strings.Builder
	for _, tool := range list.Tools {
		for _, args := range []string{`{}`, `{"id": 3101}`, `{"listlimit": 99999}`, `{"nonsense": true}`} {
			res := h.Call(t, tool.Name, args)
			seen.WriteString(res.Text)
		}
	}
	seen.WriteString(toolstest.Logs(t))
	for name, secret := range map[string]string{"token": sandbox.DemoToken, "secret": sandbox.DemoSecret} {
		if strings.Contains(seen.String(), secret) {
			t.Errorf("the %s appears in a result or log line", name)
		}
	}
}
