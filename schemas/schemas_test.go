package schemas

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
)

// TestGetIsCompact: Get gives every committed file in the form
// json.Compact gives (TestSchemasGolden in package tools proves that form
// is the reflected schema), including strings with blanks, escaped quotes
// and backslashes.
func TestGetIsCompact(t *testing.T) {
	names, err := fs.Glob(files, "*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no schema files: %v", err)
	}
	for _, name := range names {
		b, _ := files.ReadFile(name)
		var want bytes.Buffer
		if err := json.Compact(&want, b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, ok := Get(strings.TrimSuffix(name, ".json"))
		if !ok || !bytes.Equal(got, want.Bytes()) {
			t.Errorf("Get(%s) = %s, %v; want %s", name, got, ok, want.Bytes())
		}
	}
	for _, in := range []string{
		"{\n  \"a b\": \"x \\\" y\",\n  \"c\": [\n    1,\n    \"\\\\\"\n  ],\n  \"d\": \"\\t\"\n}\n",
		"{}",
		"  {\"e\":\"«crm-text» ü\"}  ",
	} {
		var want bytes.Buffer
		if err := json.Compact(&want, []byte(in)); err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if got := compact([]byte(in)); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("compact(%q) = %s, want %s", in, got, want.Bytes())
		}
	}
}

// BenchmarkGetAll reads every committed schema, as a server with
// --toolsets=all does at start.
func BenchmarkGetAll(b *testing.B) {
	names, _ := fs.Glob(files, "*.json")
	for b.Loop() {
		for _, name := range names {
			Get(strings.TrimSuffix(name, ".json"))
		}
	}
}
