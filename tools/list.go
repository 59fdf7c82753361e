package tools

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// ListEntry is one row of `onoffice-mcp tools --json`.
type ListEntry struct {
	Name         string `json:"name"`
	Module       string `json:"module"`
	Verb         string `json:"verb"`
	ResourceType string `json:"resourcetype"`
	Effect       string `json:"effect"`
	Enabled      bool   `json:"enabled"`
	// Reach is how a model calls the tool: "listed" (in tools/list),
	// "tool_run" (only through the discovery tools) or "off" (the
	// configuration's limits forbid it).
	Reach string `json:"reach"`
}

// reachNames are the words of ListEntry.Reach.
var reachNames = map[Reach]string{Listed: "listed", ViaDiscovery: RunToolName, Unreachable: "off"}

// WriteList prints every catalogue tool, whether the selection enables it
// and how a model reaches it.
func WriteList(w io.Writer, sel Selection, asJSON bool) error {
	var rows []ListEntry
	for _, a := range catalogue {
		rows = append(rows, ListEntry{a.Name, a.Module, string(a.Verb), a.ResourceType, string(a.Effect), sel.Enabled(a), reachNames[sel.Reach(a)]})
	}
	if asJSON {
		enc := json.NewEncoder(w)
		for _, r := range rows {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tMODULE\tVERB\tRESOURCETYPE\tEFFECT\tENABLED\tREACH")
	for _, r := range rows {
		enabled := "no"
		if r.Enabled {
			enabled = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Name, r.Module, r.Verb, r.ResourceType, r.Effect, enabled, r.Reach)
	}
	return tw.Flush()
}
