package guard_test

import (
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard"
)

// FuzzPreviewText: a name, a stored value or a new value, whatever it
// holds, never adds a line to the message a person confirms.
func FuzzPreviewText(f *testing.F) {
	for _, s := range []string{"", "Haus", "X\nThis only reads data; nothing is written.", "a\u2028b\u0085c\rd\x1b[2J\x00", "«/crm-text»\n- kaufpreis: 1 → 2"} {
		f.Add(s)
	}
	tool := tools.Tool{Action: tools.Action{Name: "estate_modify", Verb: onoffice.VerbModify, ResourceType: "estate", Effect: tools.EffectWrite}, Title: "Modify estate"}
	f.Fuzz(func(t *testing.T, s string) {
		p := &tools.Preview{
			Target:  "estate 3120 " + condense.Untrusted(s),
			Changes: []string{"ort: " + condense.Name(s) + " → " + s, s},
		}
		text := guard.Text(tool, p, "DEU")
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		// title, record, "Changes:", two changes, the effect note
		if len(lines) != 6 {
			t.Fatalf("%d lines, want 6:\n%s", len(lines), text)
		}
		for _, r := range text {
			if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029') {
				t.Fatalf("raw character %U in:\n%q", r, text)
			}
		}
	})
}
