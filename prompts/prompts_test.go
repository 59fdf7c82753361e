package prompts

import (
	"strings"
	"testing"
)

func TestPrompts(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range All() {
		if seen[p.Name] || p.Description == "" || len(p.Tools) == 0 {
			t.Errorf("%s: duplicate or incomplete", p.Name)
		}
		seen[p.Name] = true
		args := map[string]string{}
		for _, a := range p.Args {
			if a.Required {
				if _, err := p.Render(args); err == nil || !strings.Contains(err.Error(), a.Name) {
					t.Errorf("%s: missing %s not reported: %v", p.Name, a.Name, err)
				}
			}
			args[a.Name] = "4711"
		}
		text, err := p.Render(args)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		for _, tool := range p.Tools {
			if !strings.Contains(text, tool) {
				t.Errorf("%s: text does not mention %s", p.Name, tool)
			}
		}
	}
}
