package guard

import (
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

func TestTextNamesDeleteAsIrreversible(t *testing.T) {
	del := tools.Tool{Action: tools.Action{Name: "appointment_delete", Verb: onoffice.VerbDelete, ResourceType: "calendar", Effect: tools.EffectDelete}, Title: "Delete appointment"}
	text := Text(del, &tools.Preview{Target: "appointment 5101 (Besichtigung)", RecordID: "5101"}, "ENG")
	for _, w := range []string{"Delete appointment (appointment_delete)", "Record: appointment 5101 (Besichtigung)", "cannot be undone"} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
}

// TestGermanTitles: every tool that can ask for a confirmation has a
// German title for prompts in the language of German labels.
func TestGermanTitles(t *testing.T) {
	for _, tl := range tools.All() {
		if tl.Effect == tools.EffectRead {
			continue
		}
		if _, ok := german.titles[tl.Name]; !ok {
			t.Errorf("%s has no German title", tl.Name)
		}
	}
	if n := len(german.titles); n > 0 {
		for name := range german.titles {
			if a, ok := tools.Lookup(name); !ok || a.Effect == tools.EffectRead {
				t.Errorf("German title for %s, which never asks", name)
			}
		}
	}
}
