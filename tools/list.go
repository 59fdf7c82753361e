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
}

// WriteList prints every catalogue tool and whether the selection enables it.
func WriteList(w io.Writer, sel Selection, asJSON bool) error {
	var rows []ListEntry
	for _, a := range catalogue {
		rows = append(rows, ListEntry{a.Name, a.Module, string(a.Verb), a.ResourceType, string(a.Effect), sel.Enabled(a)})
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
	fmt.Fprintln(tw, "NAME\tMODULE\tVERB\tRESOURCETYPE\tEFFECT\tENABLED")
	for _, r := range rows {
		enabled := "no"
		if r.Enabled {
			enabled = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Name, r.Module, r.Verb, r.ResourceType, r.Effect, enabled)
	}
	return tw.Flush()
}
