package mcpserver

import (
	"github.com/onoffice-mcp/onoffice-mcp/prompts"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

// reach says how a model can call the named tool under sel. It is the one
// place where prompts, resources and completions ask whether a tool they
// rely on is there, so that they follow --toolsets, --tools,
// --exclude-tools, --read-only, --disable-destructive, the discovery path
// and a tenant's limits exactly as tools/list and tool_run do.
func reach(sel tools.Selection, name string) prompts.Reach {
	a, ok := tools.Lookup(name)
	if !ok {
		return prompts.Unreachable
	}
	switch sel.Reach(a) {
	case tools.Listed:
		return prompts.Direct
	case tools.ViaDiscovery:
		return prompts.ViaDiscovery
	}
	return prompts.Unreachable
}

// reacher binds reach to a selection.
func reacher(sel tools.Selection) func(string) prompts.Reach {
	return func(name string) prompts.Reach { return reach(sel, name) }
}
