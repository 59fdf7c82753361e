package tools_test

import (
	"encoding/json"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// lastAction returns the last action of the given verb and resource type
// the sandbox received since before.
func lastAction(t *testing.T, h *toolstest.Harness, before int, verb, resourceType string) sandbox.LoggedAction {
	t.Helper()
	reqs := h.Requests()[before:]
	for i := len(reqs) - 1; i >= 0; i-- {
		if string(reqs[i].Verb) == verb && reqs[i].ResourceType == resourceType {
			return reqs[i]
		}
	}
	t.Fatalf("no %s %s sent", verb, resourceType)
	return sandbox.LoggedAction{}
}

// TestRequestForms checks the parameters tools send against the forms the
// docs pages and working clients use.
func TestRequestForms(t *testing.T) {
	h := toolstest.New(t)
	cases := []struct {
		name, tool, args, verb, resourceType string
		want                                 map[string]any // parameter → JSON form
		absent                               []string
	}{
		{"address sort is a field name with a direction", "address_read", `{"sortby":{"Name":"DESC"},"listlimit":2}`, "read", "address",
			map[string]any{"sortby": `"Name"`, "sortorder": `"DESC"`}, nil},
		{"address read by id has no paging", "address_read", `{"id":10001}`, "read", "address",
			nil, []string{"listlimit", "listoffset"}},
		{"estate read by id has no paging", "estate_read", `{"id":3101}`, "read", "estate",
			nil, []string{"listlimit", "listoffset"}},
		{"task read by id has no paging", "task_read", `{"id":701}`, "read", "task",
			nil, []string{"listlimit"}},
		{"georangesearch radius is an integer", "estate_read", `{"georangesearch":{"country":"DEU","zip":"48143","radius":10},"listlimit":2}`, "read", "estate",
			map[string]any{"georangesearch": `{"country":"DEU","radius":10,"zip":"48143"}`}, nil},
		{"relation ids are integers", "relation_list", `{"relationtype":"estate:address:owner","parentids":[3101]}`, "get", "idsfromrelation",
			map[string]any{"parentids": `[3101]`}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := len(h.Requests())
			h.Call(t, tc.tool, tc.args)
			a := lastAction(t, h, before, tc.verb, tc.resourceType)
			for k, want := range tc.want {
				got, _ := json.Marshal(a.Parameters[k])
				if string(got) != want {
					t.Errorf("%s = %s, want %s", k, got, want)
				}
			}
			for _, k := range tc.absent {
				if v, ok := a.Parameters[k]; ok {
					t.Errorf("%s sent (%v)", k, v)
				}
			}
		})
	}
}
