package guard

import (
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

func TestPolicyRequires(t *testing.T) {
	want := map[Policy]map[tools.Effect]bool{
		Writes:      {tools.EffectRead: false, tools.EffectWrite: true, tools.EffectDelete: true, tools.EffectExternal: true},
		Destructive: {tools.EffectRead: false, tools.EffectWrite: false, tools.EffectDelete: true, tools.EffectExternal: true},
		Off:         {tools.EffectRead: false, tools.EffectWrite: false, tools.EffectDelete: false, tools.EffectExternal: false},
	}
	for p, effects := range want {
		for e, w := range effects {
			if got := p.Requires(e); got != w {
				t.Errorf("%s.Requires(%s) = %v, want %v", p, e, got, w)
			}
		}
	}
	if _, err := ParsePolicy("sometimes"); err == nil {
		t.Error("unknown policy accepted")
	}
	if _, err := New(Options{Policy: "sometimes"}); err == nil {
		t.Error("guard with unknown policy built")
	}
}
