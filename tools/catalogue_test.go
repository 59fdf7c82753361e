package tools

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCatalogueCoversAPI checks the catalogue against the copy of the
// reference catalogue: every API action has exactly one tool with the same
// verb, resource type and effect.
func TestCatalogueCoversAPI(t *testing.T) {
	f, err := os.Open("testdata/catalogue.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type key struct{ verb, resourceType, module string }
	want := map[key]string{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	rows := 0
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 6 {
			continue
		}
		rows++
		// The search and file resource types serve several modules; the module tells them apart.
		k := key{cols[2], cols[3], cols[0]}
		if _, dup := want[k]; dup {
			t.Fatalf("reference catalogue has %v twice", k)
		}
		want[k] = cols[5]
	}
	if rows != 88 {
		t.Fatalf("reference catalogue has %d rows, want 88", rows)
	}
	got := map[key]int{}
	for _, a := range catalogue {
		k := key{string(a.Verb), a.ResourceType, a.Module}
		got[k]++
		effect, ok := want[k]
		if !ok {
			t.Errorf("%s: %v is not an API action of the reference", a.Name, k)
			continue
		}
		if string(a.Effect) != effect {
			t.Errorf("%s: effect %s, reference says %s", a.Name, a.Effect, effect)
		}
	}
	for k := range want {
		if got[k] != 1 {
			t.Errorf("%v has %d tools, want exactly 1", k, got[k])
		}
	}
}

func TestEveryCatalogueRowHasOneTool(t *testing.T) {
	seen := map[string]int{}
	for _, tool := range All() {
		seen[tool.Name]++
		if tool.Title == "" || tool.Description == "" {
			t.Errorf("%s: title or description missing", tool.Name)
		}
	}
	for _, a := range catalogue {
		if seen[a.Name] != 1 {
			t.Errorf("%s has %d tools, want 1", a.Name, seen[a.Name])
		}
	}
	names := map[string]bool{}
	for _, a := range catalogue {
		if names[a.Name] {
			t.Errorf("duplicate tool name %s", a.Name)
		}
		names[a.Name] = true
	}
}

func TestHintsFollowEffect(t *testing.T) {
	for _, a := range catalogue {
		h := a.Hints()
		switch a.Effect {
		case EffectRead:
			if !h.ReadOnly || h.Destructive || !h.Idempotent || h.OpenWorld {
				t.Errorf("%s: read tool with hints %+v", a.Name, h)
			}
		case EffectWrite:
			if h.ReadOnly || h.Destructive || h.OpenWorld {
				t.Errorf("%s: write tool with hints %+v", a.Name, h)
			}
		case EffectDelete:
			if h.ReadOnly || !h.Destructive {
				t.Errorf("%s: delete tool with hints %+v", a.Name, h)
			}
		case EffectExternal:
			if h.ReadOnly || !h.Destructive || !h.OpenWorld {
				t.Errorf("%s: external tool with hints %+v", a.Name, h)
			}
		default:
			t.Errorf("%s: unknown effect %q", a.Name, a.Effect)
		}
	}
}

// TestCatalogueCannotBeChangedFromOutside: what Catalogue returns is a
// copy; changing it changes neither the rows nor the guards built on them.
func TestCatalogueCannotBeChangedFromOutside(t *testing.T) {
	c := Catalogue()
	for i := range c {
		c[i].Effect = EffectRead
	}
	if a, _ := Lookup("estate_modify"); a.Effect != EffectWrite {
		t.Errorf("estate_modify has effect %s after a caller changed its copy", a.Effect)
	}
}

// TestEveryChangingToolHasPreview: a tool that writes, deletes or reaches
// outside builds its own preview, so the records a person confirms are
// named the one way this package names records (records.go).
func TestEveryChangingToolHasPreview(t *testing.T) {
	for _, tool := range All() {
		if tool.Effect != EffectRead && tool.preview == nil {
			t.Errorf("%s changes something but has no preview (withPreview)", tool.Name)
		}
	}
}

// TestRequestsComeFromRows: no code of the tools spells an onOffice
// action of its own; each request is built from a catalogue row
// (Action.request: env.call for the tool's own, rowOf or readRow for
// another's), so verb and resource type live in the catalogue only.
func TestRequestsComeFromRows(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || path == "catalogue.go" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if n := strings.Count(string(src), "onoffice.Action{"); n > 0 {
			t.Errorf("%s spells %d onOffice action(s) itself; build them from the catalogue row", path, n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
