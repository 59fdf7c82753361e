package tools

// Hints are the four MCP tool annotations, derived from the effect alone so
// that no tool can contradict the catalogue.
type Hints struct {
	ReadOnly, Destructive, Idempotent, OpenWorld bool
}

// Hints returns the annotations of an action.
func (a Action) Hints() Hints {
	switch a.Effect {
	case EffectRead:
		return Hints{ReadOnly: true, Idempotent: true}
	case EffectDelete:
		// Deleting twice leaves the same state as deleting once.
		return Hints{Destructive: true, Idempotent: true}
	case EffectExternal:
		return Hints{Destructive: true, OpenWorld: true}
	}
	// A modify sets the given values, so repeating it changes nothing more;
	// a create or a do makes something new every time.
	return Hints{Idempotent: a.Verb == modify}
}
