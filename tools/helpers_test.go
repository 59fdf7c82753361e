package tools_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// Shared plumbing of the tool tests: every call goes through the harness,
// i.e. a real MCP client talking to our server in front of the sandbox.

// callOK calls a tool that must succeed and returns its text.
func callOK(t *testing.T, h *toolstest.Harness, tool, args string) string {
	t.Helper()
	res := h.Call(t, tool, args)
	if res.IsError {
		t.Fatalf("%s %s: %s", tool, args, res.Text)
	}
	return res.Text
}

// wantAPIError calls a tool that onOffice refuses: the result must be an
// error whose text contains the error code.
func wantAPIError(t *testing.T, h *toolstest.Harness, what, tool, args, code string) {
	t.Helper()
	if res := h.Call(t, tool, args); !res.IsError || !strings.Contains(res.Text, code) {
		t.Errorf("%s: %+v", what, res)
	}
}

// badCall is a call with invalid arguments: it must fail with a text that
// contains arg (the argument's name, backquoted where a test wants it
// exactly so), and nothing may be sent to onOffice but the field
// configuration reads the argument checks need.
type badCall struct {
	name, tool, args, arg string
}

// runBadCalls runs each case as a subtest.
func runBadCalls(t *testing.T, h *toolstest.Harness, cases []badCall) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := len(h.Requests())
			res := h.Call(t, tc.tool, tc.args)
			if !res.IsError {
				t.Fatalf("%s %s: no error, got %q", tc.tool, tc.args, res.Text)
			}
			if !strings.Contains(res.Text, tc.arg) {
				t.Errorf("error does not name %s: %s", tc.arg, res.Text)
			}
			for _, r := range h.Requests()[before:] {
				if r.ResourceType != "fields" && r.ResourceType != "searchCriteriaFields" {
					t.Errorf("request %s %s left for invalid input", r.Verb, r.ResourceType)
				}
			}
		})
	}
}

// runRefusedReferences runs calls that name a user, group, record or
// action type that does not exist: each must fail with a text that
// contains arg, after reads only (the check needs them), never a write.
func runRefusedReferences(t *testing.T, h *toolstest.Harness, cases []badCall) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			writes := h.WriteRequests()
			res := h.Call(t, tc.tool, tc.args)
			if !res.IsError {
				t.Fatalf("%s %s: no error, got %q", tc.tool, tc.args, res.Text)
			}
			if !strings.Contains(res.Text, tc.arg) {
				t.Errorf("error does not name %s: %s", tc.arg, res.Text)
			}
			if got := h.WriteRequests() - writes; got != 0 {
				t.Errorf("%d writes for a refused reference", got)
			}
		})
	}
}

// preview builds a write tool's confirmation preview against the harness
// sandbox without running the tool.
func preview(t *testing.T, h *toolstest.Harness, tool, args string) (*tools.Preview, error) {
	t.Helper()
	api := onoffice.New(h.URL, sandbox.DemoToken, sandbox.DemoSecret)
	env := &tools.Env{API: api, Fields: onoffice.NewFieldCache(api, time.Hour)}
	for _, tl := range tools.All() {
		if tl.Name == tool {
			return tl.Preview(context.Background(), env, json.RawMessage(args))
		}
	}
	t.Fatalf("no tool %s", tool)
	return nil, nil
}

// mustPreview is preview for a preview that must succeed.
func mustPreview(t *testing.T, h *toolstest.Harness, tool, args string) *tools.Preview {
	t.Helper()
	p, err := preview(t, h, tool, args)
	if err != nil {
		t.Fatalf("preview %s %s: %v", tool, args, err)
	}
	return p
}

// lastRequest returns the last action of a resource type the sandbox received.
func lastRequest(t *testing.T, h *toolstest.Harness, rt string) sandbox.LoggedAction {
	t.Helper()
	reqs := h.Requests()
	for i := len(reqs) - 1; i >= 0; i-- {
		if reqs[i].ResourceType == rt {
			return reqs[i]
		}
	}
	t.Fatalf("no %s request received", rt)
	return sandbox.LoggedAction{}
}

// str renders a stored value as text, nil as "".
func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// sharedTest is one test of a module's tools run on a shared harness.
type sharedTest struct {
	name string
	run  func(*testing.T, *toolstest.Harness)
}

// runShared runs the tests in order as subtests on one harness: starting
// the seeded sandbox costs more than the calls.
func runShared(t *testing.T, tests []sharedTest) {
	t.Helper()
	h := toolstest.New(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, h) })
	}
}
