// Package guard holds the write guards of the server, free of any MCP
// types: the confirmation policy, signed single-use confirmation tokens,
// the preview a person sees before a write, and the audit log of executed
// writes. Package mcpserver applies them at the MCP edge.
package guard

import (
	"fmt"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

// Policy says which tools need a person's confirmation before they run.
type Policy string

const (
	// Writes confirms every write, delete and external effect.
	Writes Policy = "writes"
	// Destructive confirms deletes and external effects only.
	Destructive Policy = "destructive"
	// Off runs everything directly.
	Off Policy = "off"
)

// ParsePolicy checks a policy name.
func ParsePolicy(s string) (Policy, error) {
	switch p := Policy(s); p {
	case Writes, Destructive, Off:
		return p, nil
	}
	return "", fmt.Errorf("unknown confirmation policy %q: writes, destructive or off", s)
}

// Requires reports whether an action with this effect needs confirmation.
func (p Policy) Requires(e tools.Effect) bool {
	switch e {
	case tools.EffectRead:
		return false
	case tools.EffectWrite:
		return p == Writes
	}
	// Deletes, external effects and anything unknown: confirm unless off.
	return p != Off
}
