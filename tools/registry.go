package tools

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// All returns every tool of the catalogue, in catalogue order.
// Reflecting and compiling 88 schemas is not free, so it happens once; the
// returned slice is a copy the caller may keep.
func All() []Tool {
	return append([]Tool(nil), allTools()...)
}

// Get returns the tool with the given name, without copying the catalogue
// as All does.
func Get(name string) (Tool, bool) {
	all := allTools()
	for i := range all {
		if all[i].Name == name {
			return all[i], true
		}
	}
	return Tool{}, false
}

var allTools = sync.OnceValue(func() []Tool {
	var all []Tool
	for _, group := range moduleTools {
		all = append(all, group()...)
	}
	order := map[string]int{}
	for i, a := range catalogue {
		order[a.Name] = i
	}
	sort.Slice(all, func(i, j int) bool { return order[all[i].Name] < order[all[j].Name] })
	return all
})

// moduleTools lists every module's tool constructor; each module file owns its function.
var moduleTools = []func() []Tool{
	estateTools,
	addressTools,
	searchCriteriaTools,
	relationTools,
	agentsLogTools,
	appointmentTools,
	taskTools,
	fileTools,
	emailTools,
	settingsTools,
	miscTools,
	marketplaceTools,
}

// Selection says which tools a server offers.
type Selection struct {
	// Toolsets are module names, "default" or "all".
	Toolsets []string
	// Tools are added by name; ExcludeTools are removed by name.
	Tools, ExcludeTools []string
	// ReadOnly offers only tools whose effect is read, whatever else says.
	ReadOnly bool
	// DisableDestructive drops deletes and external effects.
	DisableDestructive bool
	// Discovery lets the model find and run, through tool_catalogue and
	// tool_run, the tools the limits allow but the selection does not list.
	Discovery bool
}

// Toolsets lists the valid toolset names.
func Toolsets() []string { return append([]string{"default", "all"}, Modules()...) }

// Validate checks toolset and tool names.
func (s Selection) Validate() error {
	valid := map[string]bool{}
	for _, t := range Toolsets() {
		valid[t] = true
	}
	for _, t := range s.Toolsets {
		if !valid[t] {
			return fmt.Errorf("unknown toolset %q; valid: %s", t, strings.Join(Toolsets(), ", "))
		}
	}
	for _, n := range append(append([]string{}, s.Tools...), s.ExcludeTools...) {
		if _, ok := Lookup(n); !ok {
			return fmt.Errorf("unknown tool %q; run `onoffice-mcp tools` for the list", n)
		}
	}
	return nil
}

// Allowed reports whether the limits of the selection (read-only,
// disable-destructive, exclude-tools) let the action run at all, listed or not.
func (s Selection) Allowed(a Action) bool {
	if s.ReadOnly && a.Effect != EffectRead {
		return false
	}
	if s.DisableDestructive && (a.Effect == EffectDelete || a.Effect == EffectExternal) {
		return false
	}
	for _, n := range s.ExcludeTools {
		if n == a.Name {
			return false
		}
	}
	return true
}

// Enabled reports whether the selection lists the catalogue action.
func (s Selection) Enabled(a Action) bool {
	if !s.Allowed(a) {
		return false
	}
	for _, n := range s.Tools {
		if n == a.Name {
			return true
		}
	}
	sets := s.Toolsets
	if len(sets) == 0 && len(s.Tools) == 0 {
		sets = []string{"default"}
	}
	for _, t := range sets {
		if t == "all" || t == a.Module || (t == "default" && a.Default) {
			return true
		}
	}
	return false
}

// Select returns the tools the selection offers.
func Select(s Selection) []Tool {
	var out []Tool
	for _, t := range All() {
		if s.Enabled(t.Action) {
			out = append(out, t)
		}
	}
	return out
}
