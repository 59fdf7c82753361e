package tools_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// TestFilterOperatorsChecked: every tool that takes a filter refuses an
// operator onOffice does not know before anything is sent, naming the
// condition, the closest operator and all of them. The operators are
// listed once in the server instructions, not in each filter schema.
func TestFilterOperatorsChecked(t *testing.T) {
	// The arguments a tool requires besides the filter.
	base := map[string]string{
		"appointment_list":  `"startDate":"2026-11-02","endDate":"2026-11-08",`,
		"estate_search":     `"input":"Köln",`,
		"records_last_seen": `"module":"estate",`,
	}
	h := toolstest.New(t)
	n := 0
	for _, tool := range tools.All() {
		var s struct {
			Properties map[string]json.RawMessage `json:"properties"`
			Required   []string                   `json:"required"`
		}
		if err := json.Unmarshal(tool.Schema(), &s); err != nil {
			t.Fatal(err)
		}
		if _, ok := s.Properties["filter"]; !ok {
			continue
		}
		n++
		if _, ok := base[tool.Name]; len(s.Required) > 0 && !ok {
			t.Errorf("%s requires %v: add them to this test", tool.Name, s.Required)
			continue
		}
		for _, tc := range []struct{ op, closest string }{{"==", "="}, {"not_like", "not like"}, {"LIKE", "like"}, {"eq", "="}, {"gte", ">="}, {"ne", "!="}, {"contains", "like"}} {
			t.Run(tool.Name+"/"+tc.op, func(t *testing.T) {
				before := len(h.Requests())
				res := h.Call(t, tool.Name, fmt.Sprintf(`{%s"filter":{"Nr":[{"op":%q,"val":"1"}]}}`, base[tool.Name], tc.op))
				if !res.IsError {
					t.Fatalf("op %q accepted: %s", tc.op, res.Text)
				}
				for _, want := range []string{"`filter.Nr`", "`" + tc.closest + "`", "between, like, not like, in, not in"} {
					if !strings.Contains(res.Text, want) {
						t.Errorf("error does not say %s: %s", want, res.Text)
					}
				}
				if len(h.Requests()) != before {
					t.Errorf("%d requests sent for a bad operator", len(h.Requests())-before)
				}
			})
		}
	}
	if n < 12 {
		t.Errorf("%d tools take a filter, want at least 12", n)
	}
}
