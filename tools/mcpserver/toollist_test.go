package mcpserver_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

var update = flag.Bool("update", false, "rewrite the tools/list snapshots in testdata/")

// toolList returns the tools/list answer of a server started with flags, as
// a client receives it.
func toolList(t testing.TB, flags ...string) []byte {
	t.Helper()
	raw, _ := toolListAndInstructions(t, flags...)
	return raw
}

// toolListAndInstructions also returns the server instructions, which a
// client pays for with the list.
func toolListAndInstructions(t testing.TB, flags ...string) ([]byte, string) {
	t.Helper()
	// The guarded server is what users get: guarded tools carry the
	// confirmation argument, and the instructions explain it.
	h := toolstest.NewGuarded(t, toolstest.WithFlags(flags...))
	res, err := h.Client.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return raw, h.Instructions
}

// listTokens is the size of tools/list as the server sends it plus the
// instructions, in tokens estimated as characters / 4: what go run ./bench
// measures over stdio.
func listTokens(t testing.TB, flags ...string) (chars, tokens int) {
	t.Helper()
	h := toolstest.NewGuarded(t, toolstest.WithFlags(flags...))
	raw := h.Wire(t, "tools/list", map[string]any{})
	chars = utf8.RuneCount(raw) + utf8.RuneCountInString(h.Instructions)
	return chars, chars / 4
}

// Token budgets of the tools/list answer plus the server instructions
// (characters / 4); the default set includes the discovery tools. They are
// the aims of issue 16; docs/performance.md says what the list is made of.
var listBudgets = []struct {
	toolset   string
	maxTokens int
}{
	{"default", 5000},
	{"all", 18000},
}

func TestToolListBudget(t *testing.T) {
	for _, b := range listBudgets {
		t.Run(b.toolset, func(t *testing.T) {
			chars, tokens := listTokens(t, "--toolsets="+b.toolset)
			t.Logf("tools/list and instructions of %s: %d characters, about %d tokens", b.toolset, chars, tokens)
			if tokens > b.maxTokens {
				t.Errorf("tools/list and instructions of %s are about %d tokens, budget %d", b.toolset, tokens, b.maxTokens)
			}
		})
	}
}

// BenchmarkToolListSize reports the size of tools/list and instructions per toolset as
// metrics; run: go test ./tools/mcpserver -run '^$' -bench ToolListSize
func BenchmarkToolListSize(b *testing.B) {
	for _, set := range listBudgets {
		b.Run(set.toolset, func(b *testing.B) {
			var chars, tokens int
			for i := 0; i < b.N; i++ {
				chars, tokens = listTokens(b, "--toolsets="+set.toolset)
			}
			b.ReportMetric(float64(chars), "chars")
			b.ReportMetric(float64(tokens), "tokens")
		})
	}
}

// TestToolListSnapshots keeps the whole tools/list of the default and of
// all tools in testdata, so any change of the surface shows up in review;
// a module's toolset is a slice of "all" and would repeat it.
// Regenerate with go generate ./... (see generate.go).
func TestToolListSnapshots(t *testing.T) {
	sets := []string{"default", "all"}
	for _, set := range sets {
		t.Run(set, func(t *testing.T) {
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, toolList(t, "--toolsets="+set), "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			path := filepath.Join("testdata", "toollist-"+set+".json")
			if *update {
				if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("no snapshot (run with -update): %v", err)
			}
			if !bytes.Equal(want, pretty.Bytes()) {
				t.Errorf("tools/list of %s changed; run go generate ./... and review the diff", set)
			}
		})
	}
	stale, _ := filepath.Glob(filepath.Join("testdata", "toollist-*.json"))
	for _, path := range stale {
		set := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "toollist-"), ".json")
		if slices.Contains(sets, set) {
			continue
		}
		if *update {
			_ = os.Remove(path)
			continue
		}
		t.Errorf("%s snapshots no toolset this test keeps; run go generate ./...", path)
	}
}

// TestAnnotationsExplicit walks the full tool list as a client sees it.
func TestAnnotationsExplicit(t *testing.T) {
	var res struct {
		Tools []struct {
			Name        string         `json:"name"`
			Annotations map[string]any `json:"annotations"`
			InputSchema map[string]any `json:"inputSchema"`
		} `json:"tools"`
	}
	if err := json.Unmarshal(toolList(t, "--toolsets=all"), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Tools) != 88 {
		t.Errorf("%d tools listed with --toolsets=all, want 88", len(res.Tools))
	}
	for _, tool := range res.Tools {
		for _, hint := range []string{"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"} {
			if _, ok := tool.Annotations[hint].(bool); !ok {
				t.Errorf("%s: %s not set explicitly", tool.Name, hint)
			}
		}
		if tool.Annotations["readOnlyHint"] == true && tool.Annotations["destructiveHint"] == true {
			t.Errorf("%s: read-only and destructive", tool.Name)
		}
		if tool.InputSchema["type"] != "object" {
			t.Errorf("%s: input schema type %v", tool.Name, tool.InputSchema["type"])
		}
	}
}

// TestEverySchemaHasTypes: every argument and every part of one (items,
// values of a map, branches) says its type, or is a union of parts that
// do. Hosts check this before they offer a tool: Gemini CLI, for one,
// drops a tool whose schema has a property without a type ("missing
// types in its parameter schema"), and schema converters for Gemini
// models fail the whole request on one.
func TestEverySchemaHasTypes(t *testing.T) {
	for _, flags := range [][]string{{"--toolsets=all"}, {"--toolsets=default"}} {
		var list struct {
			Tools []struct {
				Name        string         `json:"name"`
				InputSchema map[string]any `json:"inputSchema"`
			} `json:"tools"`
		}
		if err := json.Unmarshal(toolList(t, flags...), &list); err != nil {
			t.Fatal(err)
		}
		for _, tool := range list.Tools {
			for _, path := range untyped(tool.InputSchema, "") {
				t.Errorf("%s: %s has no type", tool.Name, cmp.Or(path, "the schema"))
			}
		}
	}
}

// untyped returns the paths of the subschemas of s without a type.
func untyped(s map[string]any, path string) []string {
	var out []string
	_, typed := s["type"]
	union := false
	for _, k := range []string{"anyOf", "oneOf", "allOf"} {
		if branches, ok := s[k].([]any); ok {
			union = true
			for i, b := range branches {
				if sub, ok := b.(map[string]any); ok {
					out = append(out, untyped(sub, fmt.Sprintf("%s/%s/%d", path, k, i))...)
				}
			}
		}
	}
	if !typed && !union {
		out = append(out, path)
	}
	if props, ok := s["properties"].(map[string]any); ok {
		for name, p := range props {
			if sub, ok := p.(map[string]any); ok {
				out = append(out, untyped(sub, path+"/properties/"+name)...)
			}
		}
	}
	for _, k := range []string{"items", "additionalProperties"} {
		if sub, ok := s[k].(map[string]any); ok {
			out = append(out, untyped(sub, path+"/"+k)...)
		}
	}
	return out
}
