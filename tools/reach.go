package tools

// Reach says how a model can call a catalogue tool on a server.
type Reach int

const (
	// Unreachable: the selection does not let the tool run at all
	// (not selected and no discovery path, read-only mode, an exclusion).
	Unreachable Reach = iota
	// Direct: the tool is in tools/list.
	Direct
	// ViaDiscovery: the tool is not listed but runs through the discovery
	// tools (list and run catalogue tools by name) under the same guards.
	ViaDiscovery
)

// Reach reports how the named tool can be called with this selection. It
// is the one place prompts, resources and completions ask whether a tool
// they rely on is there.
//
// A tool outside the selection is reachable only through the discovery
// path; until that path exists (issue 14), Discoverable is false for every
// tool and such tools are Unreachable.
func (s Selection) Reach(name string) Reach {
	a, ok := Lookup(name)
	switch {
	case !ok:
		return Unreachable
	case s.Enabled(a):
		return Direct
	case s.Discoverable(a):
		return ViaDiscovery
	}
	return Unreachable
}

// Discoverable reports whether a tool the selection does not list can
// still be run through the discovery tools. Hook for the discovery path
// (issue 14): it must answer true exactly for the tools that path runs,
// i.e. those that --read-only, --disable-destructive, --exclude-tools and
// the tenant's limits allow. No discovery path exists yet.
func (s Selection) Discoverable(a Action) bool { return false }
