package mcpserver_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// TestBadInputNeverCrashesOrWrites throws malformed arguments at every tool
// of a guarded server: each call must end in a tool result (not a protocol
// error or a crash), and no write may reach the sandbox.
func TestBadInputNeverCrashesOrWrites(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=all")).Harness
	list, err := h.Client.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{
		`null`, `[]`, `"text"`, `42`, `{}`,
		`{"id": 1e308}`, `{"id": -1}`, `{"id": "3101"}`, `{"id": [3101]}`,
		`{"data": {"a": {"b": [{"c": null}]}}}`, `{"data": "kaufpreis"}`,
		`{"filter": {"ort": "Köln"}}`, `{"filter": {"ort": [{"op": "in", "val": "Köln"}]}}`,
		`{"listlimit": 0}`, `{"listlimit": 1e9}`, `{"sortby": {"ort": "UP"}}`,
		`{"confirmation_token": "forged"}`, `{"confirmation_token": 7}`,
		`{"` + strings.Repeat("x", 300) + `": 1}`, `{"id": 3101, "data": ["` + strings.Repeat("ä", 5000) + `"]}`,
	}
	for _, tool := range list.Tools {
		for _, in := range inputs {
			req := mcp.CallToolRequest{}
			req.Params.Name = tool.Name
			req.Params.Arguments = json.RawMessage(in)
			res, err := h.Client.CallTool(context.Background(), req)
			if err != nil {
				t.Errorf("%s %s: protocol error %v", tool.Name, in, err)
				continue
			}
			if res == nil || len(res.Content) == 0 {
				t.Errorf("%s %s: empty result", tool.Name, in)
			}
		}
	}
	if n := h.WriteRequests(); n != 0 {
		t.Errorf("%d write requests reached the sandbox without confirmation", n)
	}
}

// TestBadNumbersAreExplained: NaN, Infinity and numbers too large for the
// argument get an error that names the argument and the allowed values,
// without Go's own wording.
func TestBadNumbersAreExplained(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=all")).Harness
	calls := []struct{ tool, args, arg string }{
		{"estate_read", `{"id":"NaN"}`, "`id`"},
		{"estate_read", `{"id":"Infinity"}`, "`id`"},
		{"estate_read", `{"id":"-Infinity"}`, "`id`"},
		{"estate_read", `{"id":1e30}`, "`id`"},
		{"estate_read", `{"id":"1e30"}`, "`id`"},
		{"estate_read", `{"id":1180591620717411303424}`, "`id`"},
		{"estate_read", `{"id":3101,"listlimit":"NaN"}`, "`listlimit`"},
		{"appointment_delete", `{"id":1180591620717411303424}`, "`id`"},
	}
	for _, c := range calls {
		res := h.Call(t, c.tool, c.args)
		if !res.IsError || !strings.Contains(res.Text, c.arg) {
			t.Errorf("%s %s: %s", c.tool, c.args, res.Text)
		}
		for _, goText := range []string{"EOF", "unmarshal", "Go struct", "json:", "strconv", "reflect"} {
			if strings.Contains(res.Text, goText) {
				t.Errorf("%s %s: Go-internal text %q in %s", c.tool, c.args, goText, res.Text)
			}
		}
		if !strings.Contains(res.Text, "number") {
			t.Errorf("%s %s: does not say what is allowed: %s", c.tool, c.args, res.Text)
		}
	}
}
