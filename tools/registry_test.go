package tools

import "testing"

// TestGet finds every tool by its name, and nothing by another.
func TestGet(t *testing.T) {
	for _, want := range All() {
		got, ok := Get(want.Name)
		if !ok || got.Name != want.Name || got.schema != want.schema {
			t.Errorf("Get(%s) = %s, %v", want.Name, got.Name, ok)
		}
	}
	for _, name := range []string{"", "estate", RunToolName, "Estate_read"} {
		if _, ok := Get(name); ok {
			t.Errorf("Get(%q) found a tool", name)
		}
	}
}
