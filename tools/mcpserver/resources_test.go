package mcpserver_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

func readResource(c *client.Client, uri string) (string, error) {
	req := mcp.ReadResourceRequest{}
	req.Params.URI = uri
	res, err := c.ReadResource(context0(), req)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, content := range res.Contents {
		if tc, ok := content.(mcp.TextResourceContents); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String(), nil
}

func completeResource(t *testing.T, c *client.Client, uri, arg, value string) []string {
	t.Helper()
	req := mcp.CompleteRequest{}
	req.Params.Ref = mcp.ResourceReference{Type: "ref/resource", URI: uri}
	req.Params.Argument = mcp.CompleteArgument{Name: arg, Value: value}
	res, err := c.Complete(context0(), req)
	if err != nil {
		t.Fatalf("complete %s %s %q: %v", uri, arg, value, err)
	}
	return res.Completion.Values
}

// firstRecordID finds the first record id in a tool's text: a table row
// ("701|…"), a block ("id: 70411") or a list item ("- id 1227").
var firstRecordID = regexp.MustCompile(`(?m)^(?:- id |id: )?([0-9]+)(?:\||$)`)

// idVia finds a record id of the sandbox by calling a read tool.
func idVia(t *testing.T, h *toolstest.Harness, tool, args string) string {
	t.Helper()
	res := h.Call(t, tool, args)
	m := firstRecordID.FindStringSubmatch(res.Text)
	if res.IsError || m == nil {
		t.Fatalf("%s %s gave no record id: %s", tool, args, res.Text)
	}
	return m[1]
}

// TestResourcesReadFromSandbox reads every listed resource and every
// template with a sandbox id; a template reads what its tool reads.
func TestResourcesReadFromSandbox(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=all"))
	list, err := h.Client.ListResources(context0(), mcp.ListResourcesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	uris := map[string]bool{}
	for _, r := range list.Resources {
		uris[r.URI] = true
		text, err := readResource(h.Client, r.URI)
		if err != nil || strings.TrimSpace(text) == "" {
			t.Errorf("%s: %q, %v", r.URI, text, err)
		}
	}
	for _, want := range []string{"onoffice://fields/estate", "onoffice://fields/address", "onoffice://users", "onoffice://groups", "onoffice://action-types", "onoffice://regions", "onoffice://templates/mail"} {
		if !uris[want] {
			t.Errorf("%s not listed", want)
		}
	}

	templates, err := h.Client.ListResourceTemplates(context0(), mcp.ListResourceTemplatesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	// A sandbox id per template, and the tool call that reads the same.
	cases := map[string]struct{ id, tool, args string }{
		"onoffice://estate/{id}":          {id: completeResource(t, h.Client, "onoffice://estate/{id}", "id", "")[0], tool: "estate_read", args: `{"id":%s}`},
		"onoffice://address/{id}":         {id: completeResource(t, h.Client, "onoffice://address/{id}", "id", "")[0], tool: "address_read", args: `{"id":%s}`},
		"onoffice://user/{id}":            {id: completeResource(t, h.Client, "onoffice://user/{id}", "id", "")[0], tool: "user_read", args: `{"id":%s}`},
		"onoffice://appointment/{id}":     {id: idVia(t, h.Harness, "appointment_list", `{"startDate":"2020-01-01","endDate":"2030-12-31","listlimit":3}`), tool: "appointment_read", args: `{"id":%s}`},
		"onoffice://task/{id}":            {id: idVia(t, h.Harness, "task_read", `{"listlimit":3}`), tool: "task_read", args: `{"id":%s}`},
		"onoffice://agents-log/{id}":      {id: idVia(t, h.Harness, "agents_log_read", `{"listlimit":3}`), tool: "agents_log_read", args: `{"id":%s}`},
		"onoffice://search-criteria/{id}": {id: idVia(t, h.Harness, "search_criteria_read", `{"mode":"filter","filter":{"status":[{"op":"=","val":1}]},"listlimit":3}`), tool: "search_criteria_read", args: `{"mode":"searchcriteria","ids":[%s]}`},
		"onoffice://fields/{module}":      {id: "task", tool: "field_config_get", args: `{"modules":["%s"]}`},
		"onoffice://templates/{type}":     {id: "pdf", tool: "template_list", args: `{"type":"%s"}`},
	}
	if len(templates.ResourceTemplates) != len(cases) {
		t.Errorf("%d templates listed, want %d", len(templates.ResourceTemplates), len(cases))
	}
	for _, tmpl := range templates.ResourceTemplates {
		raw := tmpl.URITemplate.Raw()
		c, ok := cases[raw]
		if !ok {
			t.Errorf("template %s has no test case", raw)
			continue
		}
		uri := strings.NewReplacer("{id}", c.id, "{module}", c.id, "{type}", c.id).Replace(raw)
		text, err := readResource(h.Client, uri)
		if err != nil {
			t.Errorf("%s: %v", uri, err)
			continue
		}
		want := h.Call(t, c.tool, strings.Replace(c.args, "%s", c.id, 1))
		if want.IsError || text != want.Text {
			t.Errorf("%s reads\n%s\nbut %s reads\n%s", uri, text, c.tool, want.Text)
		}
		if strings.Contains(raw, "{id}") && !strings.Contains(text, condense.OpenMark) {
			t.Errorf("%s: record text without the CRM-text markers:\n%s", uri, text)
		}
	}

	// Completable variables suggest values, and each reads.
	for raw, variable := range map[string]string{
		"onoffice://estate/{id}": "id", "onoffice://address/{id}": "id", "onoffice://user/{id}": "id",
		"onoffice://fields/{module}": "module", "onoffice://templates/{type}": "type",
	} {
		values := completeResource(t, h.Client, raw, variable, "")
		if len(values) == 0 {
			t.Errorf("%s: no suggestions for {%s}", raw, variable)
			continue
		}
		uri := strings.Replace(raw, "{"+variable+"}", values[len(values)-1], 1)
		if _, err := readResource(h.Client, uri); err != nil {
			t.Errorf("suggested %s does not read: %v", uri, err)
		}
	}
}

// TestResourceErrors: a bad id in a URI is refused clearly; an unknown URI
// is not found.
func TestResourceErrors(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=default"))
	for uri, want := range map[string]string{
		"onoffice://estate/abc":     "estate id must be a whole number",
		"onoffice://address/0":      "address id must be a whole number",
		"onoffice://fields/bananas": "not a module",
		"onoffice://nothing/here":   "not found",
	} {
		_, err := readResource(h.Client, uri)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one saying %q", uri, err, want)
		}
	}
}

// TestResourcesFollowSelection: a resource is offered only when the tool
// that reads it is reachable: listed, or run through the discovery tools.
func TestResourcesFollowSelection(t *testing.T) {
	withDiscovery := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=default", "--exclude-tools=address_read"))
	list, err := withDiscovery.Client.ListResources(context0(), mcp.ListResourcesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	reached := map[string]bool{}
	for _, r := range list.Resources {
		reached[r.URI] = true
	}
	for _, uri := range []string{"onoffice://action-types", "onoffice://regions", "onoffice://groups", "onoffice://templates/mail"} {
		if !reached[uri] {
			t.Errorf("%s not listed although tool_run reaches its tool", uri)
		}
	}
	if _, err := readResource(withDiscovery.Client, "onoffice://address/10001"); err == nil {
		t.Error("an address was read although address_read is excluded")
	}

	h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=default", "--exclude-tools=address_read", "--discovery=false"))
	list, err = h.Client.ListResources(context0(), mcp.ListResourcesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range list.Resources {
		got[r.URI] = true
	}
	if !got["onoffice://users"] || !got["onoffice://fields/estate"] {
		t.Errorf("default resources missing: %v", got)
	}
	for _, uri := range []string{"onoffice://action-types", "onoffice://regions", "onoffice://groups", "onoffice://templates/mail"} {
		if got[uri] {
			t.Errorf("%s listed although its tool is not in the default set", uri)
		}
	}
	templates, err := h.Client.ListResourceTemplates(context0(), mcp.ListResourceTemplatesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tmpl := range templates.ResourceTemplates {
		if raw := tmpl.URITemplate.Raw(); raw == "onoffice://address/{id}" || raw == "onoffice://appointment/{id}" {
			t.Errorf("%s listed although its tool is excluded or not selected", raw)
		}
	}
	if _, err := readResource(h.Client, "onoffice://address/10001"); err == nil {
		t.Error("an address was read although address_read is excluded")
	}
}

// TestResourceTextRedacted: a resource leaves the process like a tool
// result, without a configured credential even when the CRM holds one.
func TestResourceTextRedacted(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=all", "--confirm=off"))
	res := h.Call(t, "estate_create", map[string]any{"data": map[string]any{
		"objekttitel": "Leak " + sandbox.DemoToken, "objektart": "haus", "vermarktungsart": "kauf", "nutzungsart": "wohnen", "ort": "Zzyzx",
	}})
	if res.IsError {
		t.Fatal(res.Text)
	}
	id := firstRecordID.FindStringSubmatch(h.Call(t, "estate_read", `{"filter":{"ort":[{"op":"=","val":"Zzyzx"}]},"data":["ort"],"listlimit":2}`).Text)
	if id == nil {
		t.Fatal("new estate not found")
	}
	text, err := readResource(h.Client, "onoffice://estate/"+id[1])
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, sandbox.DemoToken) || !strings.Contains(text, "Leak") {
		t.Errorf("resource text carries the API token or lost the record:\n%s", text)
	}
	for _, v := range completePrompt(t, h.Client, "price_check", "estate_id", "Zzyzx", nil) {
		if strings.Contains(v, sandbox.DemoToken) {
			t.Errorf("completion carries the API token: %q", v)
		}
	}
}

// TestResourceTextNamesReachableTools: a resource read through a tool
// points to other tools as the tool's result does, rendered for the
// selection.
func TestResourceTextNamesReachableTools(t *testing.T) {
	for _, c := range []struct {
		flags     []string
		want, not string
	}{
		{[]string{"--toolsets=default"}, "(search_criteria_fields via tool_run describes them)", "[["},
		{[]string{"--toolsets=default", "--exclude-tools=search_criteria_fields"}, "search-criteria configuration: ", "search_criteria_fields"},
	} {
		t.Run(strings.Join(c.flags, " "), func(t *testing.T) {
			h := toolstest.NewGuarded(t, toolstest.WithFlags(c.flags...))
			text, err := readResource(h.Client, "onoffice://fields/searchcriteria")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text, c.want) || strings.Contains(text, c.not) {
				t.Errorf("want %q, not %q in:\n%s", c.want, c.not, text)
			}
		})
	}
}
