package mcpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard"
)

// The discovery path: tool_catalogue names and describes the tools the
// limits allow but the toolsets do not list, and tool_run runs one of them
// by name. Both are stateless (nothing is remembered between calls), so
// they work on protocol 2026-07-28 and across replicas. tool_run hands the
// call to gate.call, the path of a direct call: the tool's own validation,
// confirmation, preview and audit apply unchanged, and tools the limits
// forbid (read-only, disable-destructive, exclude-tools) are refused.

// addDiscovery registers tool_catalogue and tool_run.
func addDiscovery(s *server.MCPServer, gt *gate, sel tools.Selection, policy guard.Policy) {
	d := &discovery{gate: gt, sel: sel, policy: policy}
	s.AddTool(d.catalogueTool(), d.catalogue)
	s.AddTool(d.runTool(), d.run)
}

// DiscoveryTitle names a discovery tool for people (the bundle manifest
// lists it); "" for other names. Like every title it is not in the tool
// list, which the model reads.
func DiscoveryTitle(name string) string {
	switch name {
	case tools.CatalogueToolName:
		return "Find more tools"
	case tools.RunToolName:
		return "Run a tool by name"
	}
	return ""
}

type discovery struct {
	gate   *gate
	sel    tools.Selection
	policy guard.Policy
}

// hidden returns the tools reachable only through tool_run.
func (d *discovery) hidden() []tools.Tool {
	var out []tools.Tool
	for _, t := range tools.All() {
		if d.sel.Reach(t.Action) == tools.ViaDiscovery {
			out = append(out, t)
		}
	}
	return out
}

func (d *discovery) catalogueTool() mcp.Tool {
	hidden := d.hidden()
	var modules []string
	for _, t := range hidden {
		if !slices.Contains(modules, t.Module) {
			modules = append(modules, t.Module)
		}
	}
	schema := map[string]any{
		"type": "object",
		"properties": map[string]any{
			"query":  map[string]any{"type": "string", "description": "All words must match, e.g. \"pdf exposé\""},
			"module": map[string]any{"type": "string", "enum": modules},
			"names":  map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "maxItems": 10},
		},
		"additionalProperties": false,
	}
	raw, _ := json.Marshal(schema)
	return mcp.Tool{
		Name: tools.CatalogueToolName,
		Description: fmt.Sprintf("%d more onOffice tools for %s. Without arguments: their names and titles; query or module narrows; names (up to 10): descriptions and arguments.",
			len(hidden), tools.RunToolName),
		RawInputSchema: raw,
		Annotations:    annotations(tools.Hints{ReadOnly: true, Idempotent: true}),
	}
}

type catalogueArgs struct {
	Query  string   `json:"query"`
	Module string   `json:"module"`
	Names  []string `json:"names"`
}

func (d *discovery) catalogue(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var a catalogueArgs
	if err := strictDecode(rawArguments(req), &a); err != nil {
		return mcp.NewToolResultError(err.Error() + "; allowed: query (text), module (text), names (list of tool names)"), nil
	}
	if len(a.Names) > 0 {
		return d.describe(a.Names), nil
	}
	words := strings.Fields(strings.ToLower(a.Query))
	var b strings.Builder
	module, n := "", 0
	readOnly := d.gate.readOnly != nil && d.gate.readOnly(ctx)
	for _, t := range d.hidden() {
		if a.Module != "" && t.Module != a.Module {
			continue
		}
		if readOnly && t.Effect != tools.EffectRead {
			continue // this sign-in may only read
		}
		text := strings.ToLower(t.Name + " " + t.Title + " " + t.Description)
		if !containsAll(text, words) {
			continue
		}
		if t.Module != module {
			module = t.Module
			fmt.Fprintf(&b, "%s:\n", module)
		}
		fmt.Fprintf(&b, "- %s: %s%s\n", t.Name, t.Title, d.effectNote(t))
		n++
	}
	if n == 0 {
		if a.Module != "" && !slices.Contains(tools.Modules(), a.Module) {
			return mcp.NewToolResultError(fmt.Sprintf("invalid argument `module`: %q is not a module; allowed: %s", a.Module, strings.Join(tools.Modules(), ", "))), nil
		}
		return mcp.NewToolResultText(fmt.Sprintf("No tool outside the tool list matches (query %q, module %q). Call %s without arguments for the whole list.", a.Query, a.Module, tools.CatalogueToolName)), nil
	}
	fmt.Fprintf(&b, "\n%d tools. Call %s with names for their descriptions and arguments, then run one with %s {\"name\": …, \"arguments\": {…}}.", n, tools.CatalogueToolName, tools.RunToolName)
	return mcp.NewToolResultText(b.String()), nil
}

// describe gives the full description and argument schema of tools, as
// tools/list would show them.
func (d *discovery) describe(names []string) *mcp.CallToolResult {
	if len(names) > 10 {
		return mcp.NewToolResultError(fmt.Sprintf("invalid argument `names`: %d tools asked for, at most 10 are described per call", len(names)))
	}
	var b strings.Builder
	for i, n := range names {
		t, err := d.reachable(n, "names")
		if err != nil {
			return mcp.NewToolResultError(err.Error())
		}
		mt := toMCP(t, d.policy, d.sel)
		var schema bytes.Buffer
		if err := json.Compact(&schema, mt.RawInputSchema); err != nil {
			schema.Write(mt.RawInputSchema)
		}
		if i > 0 {
			b.WriteString("\n\n")
		}
		how := "run it with " + tools.RunToolName
		if d.sel.Reach(t.Action) == tools.Listed {
			how = "it is in the tool list: call it directly"
		}
		fmt.Fprintf(&b, "%s: %s (%s%s)\n%s\nArguments: %s", t.Name, t.Title, how, d.effectNote(t), mt.Description, schema.String())
	}
	return mcp.NewToolResultText(b.String())
}

func (d *discovery) effectNote(t tools.Tool) string {
	switch {
	case t.Effect == tools.EffectRead:
		return ""
	case d.policy.Requires(t.Effect):
		return "; " + string(t.Effect) + ", needs the user's OK"
	}
	return "; " + string(t.Effect)
}

func (d *discovery) runTool() mcp.Tool {
	reach := tools.Reachable(d.sel)
	h := tools.Hints{ReadOnly: true, Idempotent: true}
	for _, t := range reach {
		th := t.Hints()
		h.ReadOnly = h.ReadOnly && th.ReadOnly
		h.Idempotent = h.Idempotent && th.Idempotent
		h.Destructive = h.Destructive || th.Destructive
		h.OpenWorld = h.OpenWorld || th.OpenWorld
	}
	desc := fmt.Sprintf("Run a tool %s names, as if it were listed.", tools.CatalogueToolName)
	guarded := false
	for _, t := range reach {
		guarded = guarded || d.policy.Requires(t.Effect)
	}
	if guarded {
		desc += " Writes need the user's OK as usual; a confirmation_token goes in arguments."
	}
	schema := map[string]any{
		"type": "object",
		"properties": map[string]any{
			"name":      map[string]any{"type": "string"},
			"arguments": map[string]any{"type": "object"},
		},
		"required":             []string{"name"},
		"additionalProperties": false,
	}
	raw, _ := json.Marshal(schema)
	return mcp.Tool{
		Name:           tools.RunToolName,
		Description:    desc,
		RawInputSchema: raw,
		Annotations:    annotations(h),
	}
}

type runArgs struct {
	Name      string          `json:"name"`
	Arguments json.RawMessage `json:"arguments"`
}

func (d *discovery) run(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var a runArgs
	if err := strictDecode(rawArguments(req), &a); err != nil {
		return mcp.NewToolResultError(err.Error() + "; allowed: name (a tool name) and arguments (an object)"), nil
	}
	if a.Name == "" {
		return mcp.NewToolResultError(fmt.Sprintf("invalid argument `name`: missing; give the name of a tool that %s lists", tools.CatalogueToolName)), nil
	}
	t, err := d.reachable(a.Name, "name")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	args := a.Arguments
	if len(bytes.TrimSpace(args)) == 0 || bytes.Equal(bytes.TrimSpace(args), []byte("null")) {
		args = nil
	} else if bytes.TrimSpace(args)[0] != '{' {
		return mcp.NewToolResultError("invalid argument `arguments`: must be an object with the arguments of " + t.Name), nil
	}
	return d.gate.call(withRunVia(ctx), t, req, args), nil
}

// reachable looks a tool up and refuses one the selection cannot run.
func (d *discovery) reachable(name, arg string) (tools.Tool, error) {
	a, ok := tools.Lookup(name)
	if !ok {
		if name == tools.RunToolName || name == tools.CatalogueToolName {
			return tools.Tool{}, fmt.Errorf("invalid argument `%s`: %s is called directly, not through %s", arg, name, tools.RunToolName)
		}
		return tools.Tool{}, fmt.Errorf("invalid argument `%s`: no tool is named %q; %s lists the tools", arg, name, tools.CatalogueToolName)
	}
	if d.sel.Reach(a) == tools.Unreachable {
		return tools.Tool{}, fmt.Errorf("invalid argument `%s`: %s is not available on this server (%s)", arg, name, d.why(a))
	}
	if t, ok := tools.Get(name); ok {
		return t, nil
	}
	return tools.Tool{}, fmt.Errorf("invalid argument `%s`: no tool is named %q", arg, name)
}

// why names the limit that keeps a tool out.
func (d *discovery) why(a tools.Action) string {
	switch {
	case d.sel.ReadOnly && a.Effect != tools.EffectRead:
		return "the server is read-only"
	case d.sel.DisableDestructive && (a.Effect == tools.EffectDelete || a.Effect == tools.EffectExternal):
		return "tools that delete or reach outside the CRM are disabled"
	}
	return "excluded by the server's configuration"
}

// strictDecode decodes an argument object and names what does not fit.
func strictDecode(raw json.RawMessage, v any) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fmt.Errorf("invalid argument `%s`: expected %s, got %s", te.Field, te.Type.Kind(), te.Value)
		}
		return fmt.Errorf("invalid arguments: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return nil
}

func containsAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// runViaKey marks a call that came through tool_run, so that the guard's
// messages say how to repeat it.
type runViaKey struct{}

func withRunVia(ctx context.Context) context.Context {
	return context.WithValue(ctx, runViaKey{}, true)
}

// callOf names the call a model repeats to run t: the tool itself, or
// tool_run with its name.
func callOf(ctx context.Context, t tools.Tool) string {
	if via, _ := ctx.Value(runViaKey{}).(bool); via {
		return fmt.Sprintf("%s with name %q (token inside arguments)", tools.RunToolName, t.Name)
	}
	return t.Name
}
