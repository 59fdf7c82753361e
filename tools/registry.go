package tools

import (
	"fmt"
	"slices"
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

var allTools = sync.OnceValue(func() []Tool {
	var all []Tool
	for _, group := range moduleTools {
		all = append(all, group()...)
	}
	order := map[string]int{}
	for i, a := range Catalogue {
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

// Forbids names the setting that rules the action out whatever the
// toolsets say (read-only, --disable-destructive, --exclude-tools), or "".
func (s Selection) Forbids(a Action) string {
	switch {
	case s.ReadOnly && a.Effect != EffectRead:
		return "--read-only"
	case s.DisableDestructive && (a.Effect == EffectDelete || a.Effect == EffectExternal):
		return "--disable-destructive"
	case slices.Contains(s.ExcludeTools, a.Name):
		return "--exclude-tools"
	}
	return ""
}

// Enabled reports whether the selection offers the catalogue action.
func (s Selection) Enabled(a Action) bool {
	if s.Forbids(a) != "" {
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
