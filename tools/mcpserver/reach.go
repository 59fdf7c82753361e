package mcpserver

import (
	"github.com/onoffice-mcp/onoffice-mcp/prompts"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

// reach says how a model can call the named tool under sel. It is the one
// place where prompts, resources and completions ask whether a tool they
// rely on is there, so that they follow --toolsets, --tools,
// --exclude-tools, --read-only, --disable-destructive and a tenant's limits
// exactly as tools/list does.
//
// Hook for the discovery path (issue 14): until it exists, a tool the
// selection does not list is unreachable. With it, a tool the limits allow
// but the selection does not list is prompts.ViaDiscovery.
func reach(sel tools.Selection, name string) prompts.Reach {
	a, ok := tools.Lookup(name)
	if !ok || !sel.Enabled(a) {
		return prompts.Unreachable
	}
	return prompts.Direct
}

// reacher binds reach to a selection.
func reacher(sel tools.Selection) func(string) prompts.Reach {
	return func(name string) prompts.Reach { return reach(sel, name) }
}
