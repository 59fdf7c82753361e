package tools

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden schema files under schemas/")

const schemaDir = "../schemas"

// TestSchemasGolden compares every tool's reflected input schema with
// schemas/<tool>.json, and the schema the server serves (embedded from that
// file) with the reflected one. Regenerate with:
// go test ./tools -run TestSchemasGolden -update
func TestSchemasGolden(t *testing.T) {
	all := All()
	want := map[string]bool{}
	for _, tool := range all {
		want[tool.Name+".json"] = true
		reflected := tool.schema.reflect()
		if !*update && !bytes.Equal(tool.Schema(), reflected) {
			t.Errorf("%s: the served schema is not the reflected one (run go test ./tools -run TestSchemasGolden -update)", tool.Name)
		}
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, reflected, "", "  "); err != nil {
			t.Fatalf("%s: %v", tool.Name, err)
		}
		pretty.WriteByte('\n')
		path := filepath.Join(schemaDir, tool.Name+".json")
		if *update {
			if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: no golden schema (run go test ./tools -run TestSchemasGolden -update): %v", tool.Name, err)
			continue
		}
		if !bytes.Equal(got, pretty.Bytes()) {
			t.Errorf("%s: schema drifted from %s (run go test ./tools -run TestSchemasGolden -update and review the diff)", tool.Name, path)
		}
	}
	entries, _ := os.ReadDir(schemaDir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") && !want[e.Name()] {
			if *update {
				_ = os.Remove(filepath.Join(schemaDir, e.Name()))
				continue
			}
			t.Errorf("schemas/%s belongs to no tool", e.Name())
		}
	}
}

// TestSchemasArePlainObjects checks what strict clients require of an input schema.
func TestSchemasArePlainObjects(t *testing.T) {
	for _, tool := range All() {
		var s map[string]any
		if err := json.Unmarshal(tool.Schema(), &s); err != nil {
			t.Fatalf("%s: %v", tool.Name, err)
		}
		if s["type"] != "object" {
			t.Errorf("%s: top-level type is %v", tool.Name, s["type"])
		}
		if s["additionalProperties"] != false {
			t.Errorf("%s: unknown arguments are not rejected", tool.Name)
		}
		for _, k := range []string{"$ref", "$defs", "definitions", "$schema", "$id"} {
			if strings.Contains(string(tool.Schema()), `"`+k+`"`) {
				t.Errorf("%s: schema contains %s", tool.Name, k)
			}
		}
		if _, ok := s["properties"].(map[string]any); !ok {
			t.Errorf("%s: no properties object", tool.Name)
		}
		if path := keywordAt(s, "default", ""); path != "" {
			t.Errorf("%s: %s has a default (onOffice's own defaults need no keyword)", tool.Name, path)
		}
	}
}

// keywordAt returns the path of the first subschema of s that uses the
// keyword, "" if none does; property names are not keywords.
func keywordAt(s map[string]any, keyword, path string) string {
	if _, ok := s[keyword]; ok {
		return path + "/" + keyword
	}
	if props, ok := s["properties"].(map[string]any); ok {
		for name, p := range props {
			if sub, ok := p.(map[string]any); ok {
				if found := keywordAt(sub, keyword, path+"/properties/"+name); found != "" {
					return found
				}
			}
		}
	}
	for _, k := range []string{"items", "additionalProperties"} {
		if sub, ok := s[k].(map[string]any); ok {
			if found := keywordAt(sub, keyword, path+"/"+k); found != "" {
				return found
			}
		}
	}
	for _, k := range []string{"anyOf", "oneOf", "allOf"} {
		subs, _ := s[k].([]any)
		for i, x := range subs {
			if sub, ok := x.(map[string]any); ok {
				if found := keywordAt(sub, keyword, fmt.Sprintf("%s/%s/%d", path, k, i)); found != "" {
					return found
				}
			}
		}
	}
	return ""
}
