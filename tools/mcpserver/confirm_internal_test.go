package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard"
)

const internalKey = "internal-test-key-0123456789abcdef0123456789"

// gateFor builds a gate over a fresh sandbox, as New does.
func gateFor(t *testing.T) (*gate, *sandbox.Server, *strings.Builder) {
	t.Helper()
	sb := sandbox.New()
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	env := map[string]string{"ONOFFICE_TOKEN": sandbox.DemoToken, "ONOFFICE_SECRET": sandbox.DemoSecret, "ONOFFICE_API_URL": srv.URL + sandbox.StablePath}
	cfg, err := config.Load([]string{"--confirm-key=" + internalKey}, func(k string) string { return env[k] }, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	audit := &strings.Builder{}
	g, err := GuardFor(cfg, audit)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	return &gate{guard: g, env: EnvFor(cfg, Client(cfg, log), log), log: log}, sb, audit
}

func toolNamed(t *testing.T, name string) tools.Tool {
	t.Helper()
	for _, tl := range tools.All() {
		if tl.Name == name {
			return tl
		}
	}
	t.Fatalf("no tool %s", name)
	return tools.Tool{}
}

func writes(sb *sandbox.Server) int {
	n := 0
	for _, r := range sb.Requests() {
		if r.Verb != "read" && r.Verb != "get" {
			n++
		}
	}
	return n
}

func text(r *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range r.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

// TestPromptAnswerMustMatchTheCall drives the retry of a prompt (the call
// that carries the user's answer) with answers a client could make up.
func TestPromptAnswerMustMatchTheCall(t *testing.T) {
	gt, sb, audit := gateFor(t)
	tool := toolNamed(t, "estate_modify")
	id := sb.Store().Table("estate").Records[0]["Id"].(int)
	args := json.RawMessage(fmt.Sprintf(`{"id":%d,"data":{"kaufpreis":375000}}`, id))
	other := json.RawMessage(fmt.Sprintf(`{"id":%d,"data":{"kaufpreis":1}}`, id))
	h := handler(tool, gt)
	ctx := context.Background()

	issue := func(s *guard.Signer, p guard.Purpose, a json.RawMessage) string {
		tok, _, err := s.Issue(p, tool.Name, a, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	foreign := guard.NewSigner([]byte("foreign-key-0123456789abcdef0123456789"), time.Minute, nil, nil)
	accept := mcp.InputResponses{elicitKey: mcp.NewElicitationInputResponse(mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionAccept}})}
	decline := mcp.InputResponses{elicitKey: mcp.NewElicitationInputResponse(mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}})}
	call := func(a json.RawMessage, state string, answers mcp.InputResponses) *mcp.CallToolResult {
		req := mcp.CallToolRequest{}
		req.Params.Name = tool.Name
		req.Params.Arguments = a
		req.Params.RequestState = state
		req.Params.InputResponses = answers
		res, err := h(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}

	valid := issue(gt.guard.Tokens, guard.PurposeElicit, args)
	refused := []struct {
		name    string
		args    json.RawMessage
		state   string
		answers mcp.InputResponses
		want    string
	}{
		{"made-up state", args, "made-up", accept, "malformed"},
		{"state from another server", args, issue(foreign, guard.PurposeElicit, args), accept, "not issued by this server"},
		{"state of other arguments", other, valid, accept, "differ"},
		{"confirmation token as state", args, issue(gt.guard.Tokens, guard.PurposeConfirm, args), accept, "not a confirmation request for this step"},
		{"answer without state", args, "", accept, "no confirmation request"},
		{"state without answer", args, issue(gt.guard.Tokens, guard.PurposeElicit, args), nil, "no answer"},
	}
	for _, r := range refused {
		res := call(r.args, r.state, r.answers)
		if !res.IsError || !strings.Contains(text(res), r.want) || !strings.Contains(text(res), "nothing was changed") {
			t.Errorf("%s: %v %s", r.name, res.IsError, text(res))
		}
	}
	if writes(sb) != 0 {
		t.Fatalf("%d writes after refused answers", writes(sb))
	}
	// Every refused answer is audited, with its reason.
	lines := strings.Split(strings.TrimSpace(audit.String()), "\n")
	if len(lines) != len(refused) {
		t.Fatalf("%d audit lines after %d refused answers: %s", len(lines), len(refused), audit.String())
	}
	for i, line := range lines {
		var e guard.Entry
		if err := json.Unmarshal([]byte(line), &e); err != nil || e.Outcome != "refused" || !strings.Contains(e.Reason, refused[i].want) {
			t.Errorf("%s: audit line %s", refused[i].name, line)
		}
	}

	if res := call(args, issue(gt.guard.Tokens, guard.PurposeElicit, args), decline); res.IsError || !strings.Contains(text(res), "declined") || writes(sb) != 0 {
		t.Fatalf("decline: %s, %d writes", text(res), writes(sb))
	}
	if res := call(args, valid, accept); res.IsError || writes(sb) != 1 {
		t.Fatalf("accept: %s, %d writes", text(res), writes(sb))
	}
	if res := call(args, valid, accept); !res.IsError || !strings.Contains(text(res), "already used") || writes(sb) != 1 {
		t.Fatalf("replayed answer: %s, %d writes", text(res), writes(sb))
	}
	// The decline, the write and the replay: one line each.
	if n := strings.Count(audit.String(), "\n"); n != len(refused)+3 || strings.Count(audit.String(), `"outcome":"ok"`) != 1 {
		t.Fatalf("audit: %q", audit.String())
	}
}

func TestFormElicitation(t *testing.T) {
	tests := []struct {
		caps *mcp.ClientCapabilities
		want bool
	}{
		{nil, false},
		{&mcp.ClientCapabilities{}, false},
		{&mcp.ClientCapabilities{Elicitation: &mcp.ElicitationCapability{}}, true},
		{&mcp.ClientCapabilities{Elicitation: &mcp.ElicitationCapability{Form: &struct{}{}}}, true},
		{&mcp.ClientCapabilities{Elicitation: &mcp.ElicitationCapability{URL: &struct{}{}}}, false},
		{&mcp.ClientCapabilities{Elicitation: &mcp.ElicitationCapability{Form: &struct{}{}, URL: &struct{}{}}}, true},
	}
	for i, tt := range tests {
		if got := formElicitation(tt.caps); got != tt.want {
			t.Errorf("%d: got %v, want %v", i, got, tt.want)
		}
	}
	if canElicit(context.Background()) {
		t.Error("a request without session or protocol info can elicit")
	}
}

func TestHuman(t *testing.T) {
	for d, want := range map[time.Duration]string{5 * time.Minute: "5 minutes", time.Minute: "1 minute", 90 * time.Second: "90 seconds", 2 * time.Hour: "2 hours", 1500 * time.Millisecond: "1.5s"} {
		if got := human(d); got != want {
			t.Errorf("%s: %q", d, got)
		}
	}
}

// TestConfirmInstructionsFollowPolicy: the instructions say once which
// tools need the user's OK under the policy (no description repeats it).
func TestConfirmInstructionsFollowPolicy(t *testing.T) {
	for _, tt := range []struct {
		policy      guard.Policy
		want, avoid string
	}{
		{guard.Writes, "Tools that write, delete or send need the user's confirmation", ""},
		{guard.Destructive, "Tools that delete or send need the user's confirmation", "write, delete"},
		{guard.Off, "", "confirmation_token"},
	} {
		got := instructionsFor(tools.Selection{}, tt.policy)
		if !strings.Contains(got, tt.want) || (tt.avoid != "" && strings.Contains(got, tt.avoid)) {
			t.Errorf("%s: instructions %q", tt.policy, got)
		}
	}
}
