package mcpserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// protocols are the two ways a client talks to the server: 2026-07-28
// (no handshake; a prompt is an input_required result the client answers
// by retrying) and 2025-11-25 (handshake; a prompt is an
// elicitation/create request from the server).
var protocols = []struct{ name, version, negotiated string }{
	{"2026-07-28", "", mcp.LATEST_PROTOCOL_VERSION},
	{"2025-11-25", "2025-11-25", "2025-11-25"},
}

const testKey = "test-confirm-key-0123456789abcdef0123456789"

// pricedEstate returns an estate of the sandbox that has a purchase price.
func pricedEstate(t *testing.T, h *toolstest.Guarded) (id int, title, price string) {
	t.Helper()
	for _, r := range h.Sandbox.Store().Table("estate").Records {
		if p, ok := r["kaufpreis"]; ok && p != nil && fmt.Sprint(p) != "0" {
			return r["Id"].(int), fmt.Sprint(r["objekttitel"]), fmt.Sprint(p)
		}
	}
	t.Fatal("no estate with kaufpreis in the seed data")
	return 0, "", ""
}

func estatePrice(h *toolstest.Guarded, id int) string {
	return fmt.Sprint(h.Sandbox.Store().Table("estate").Get(id)["kaufpreis"])
}

func modifyArgs(id int, price int) map[string]any {
	return map[string]any{"id": id, "data": map[string]any{"kaufpreis": price}}
}

func auditLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("audit line is not JSON: %q", line)
		}
		out = append(out, m)
	}
	return out
}

// answers lets one harness answer prompts differently from call to call.
type answers struct{ action atomic.Value }

func (a *answers) set(action mcp.ElicitationResponseAction) { a.action.Store(action) }

func (a *answers) answer(mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: a.action.Load().(mcp.ElicitationResponseAction)}}, nil
}

// pricedEstates returns the estates of the sandbox that have a purchase price.
func pricedEstates(t *testing.T, h *toolstest.Guarded) []int {
	t.Helper()
	var out []int
	for _, r := range h.Sandbox.Store().Table("estate").Records {
		if p, ok := r["kaufpreis"]; ok && p != nil && fmt.Sprint(p) != "0" {
			out = append(out, r["Id"].(int))
		}
	}
	if len(out) < 3 {
		t.Fatal("too few estates with kaufpreis in the seed data")
	}
	return out
}

func TestElicitation(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			ans := &answers{}
			h := toolstest.NewGuarded(t, toolstest.WithProtocol(p.version), toolstest.WithElicitation(ans.answer))
			if got := h.Client.ProtocolVersion(); got != p.negotiated {
				t.Fatalf("negotiated %s, want %s", got, p.negotiated)
			}
			estates := pricedEstates(t, h)
			for i, tc := range []struct {
				action     mcp.ElicitationResponseAction
				writes     int
				wantInText string
				reason     string // of the refusal in the audit log
			}{
				{mcp.ElicitationResponseActionDecline, 0, "The user declined", "declined by the user"},
				{mcp.ElicitationResponseActionCancel, 0, "dismissed", "cancelled by the user"},
				{mcp.ElicitationResponseActionAccept, 1, "modified", ""},
			} {
				t.Run(string(tc.action), func(t *testing.T) {
					ans.set(tc.action)
					id := estates[i]
					rec := h.Sandbox.Store().Table("estate").Get(id)
					title, before := fmt.Sprint(rec["objekttitel"]), fmt.Sprint(rec["kaufpreis"])
					prompts, writes, auditLen := len(h.Prompts.All()), h.WriteRequests(), len(auditLines(t, h.Audit.String()))
					res := h.Call(t, "estate_modify", modifyArgs(id, 375000))
					if res.IsError || !strings.Contains(res.Text, tc.wantInText) {
						t.Fatalf("result: %+v", res)
					}
					all := h.Prompts.All()
					if len(all) != prompts+1 {
						t.Fatalf("%d prompts, want 1", len(all)-prompts)
					}
					msg := all[len(all)-1].Params.Message
					for _, want := range []string{"Immobilie ändern (estate_modify)", fmt.Sprintf("Immobilie %d %s", id, condense.Untrusted(title)), "kaufpreis: ", "→ 375000", "Annehmen führt dies jetzt aus"} {
						if !strings.Contains(msg, want) {
							t.Errorf("prompt lacks %q:\n%s", want, msg)
						}
					}
					if strings.Contains(msg, "confirmation_token") {
						t.Errorf("prompt mentions a token:\n%s", msg)
					}
					if got := h.WriteRequests() - writes; got != tc.writes {
						t.Fatalf("%d write requests, want %d", got, tc.writes)
					}
					audit := auditLines(t, h.Audit.String())[auditLen:]
					if tc.writes == 0 {
						if after := estatePrice(h, id); after != before {
							t.Fatalf("price changed from %s to %s", before, after)
						}
						// One audit line says that it was refused, and why.
						if len(audit) != 1 || audit[0]["outcome"] != "refused" || !strings.Contains(fmt.Sprint(audit[0]["reason"]), tc.reason) ||
							audit[0]["tool"] != "estate_modify" || audit[0]["record_id"] != fmt.Sprint(id) {
							t.Fatalf("audit lines for a refused prompt: %v", audit)
						}
						return
					}
					if after := estatePrice(h, id); after != "375000" {
						t.Fatalf("price %s after accept", after)
					}
					if len(audit) != 1 {
						t.Fatalf("%d audit lines, want 1", len(audit))
					}
					a := audit[0]
					conf := a["confirmation"].(map[string]any)
					if a["tool"] != "estate_modify" || a["record_id"] != fmt.Sprint(id) || a["outcome"] != "ok" || a["resource_type"] != "estate" ||
						conf["method"] != guard.MethodElicitation || !strings.HasPrefix(fmt.Sprint(conf["client"]), "toolstest") {
						t.Errorf("audit line: %v", a)
					}
				})
			}

			// A delete and an external effect go through the same prompt.
			ans.set(mcp.ElicitationResponseActionDecline)
			writes := h.WriteRequests()
			addr := h.Sandbox.Store().Table("address").Records[0]["Id"].(int)
			res := h.Call(t, "newsletter_register", map[string]any{"id": addr, "register": true})
			if res.IsError || !strings.Contains(res.Text, "declined") {
				t.Fatalf("declined external: %+v", res)
			}
			if len(h.Sandbox.Outbox()) != 0 || h.WriteRequests() != writes {
				t.Fatalf("declined external action had an effect: outbox %v", h.Sandbox.Outbox())
			}
			all := h.Prompts.All()
			if msg := all[len(all)-1].Params.Message; !strings.Contains(msg, "außerhalb des CRM") {
				t.Errorf("external prompt:\n%s", msg)
			}
			ans.set(mcp.ElicitationResponseActionAccept)
			crit := h.Sandbox.Store().Table("searchcriteria").Records[0]["Id"].(int)
			res = h.Call(t, "search_criteria_delete", map[string]any{"id": crit})
			if res.IsError || h.Sandbox.Store().Table("searchcriteria").Get(crit) != nil || h.WriteRequests() != writes+1 {
				t.Fatalf("delete after accept: %+v", res)
			}
			all = h.Prompts.All()
			if msg := all[len(all)-1].Params.Message; !strings.Contains(msg, "nicht rückgängig") || !strings.Contains(msg, fmt.Sprint(crit)) {
				t.Errorf("delete prompt:\n%s", msg)
			}
		})
	}
}

var tokenRE = regexp.MustCompile(`"confirmation_token": "([A-Za-z0-9_-]+)"`)

func TestTokenFlow(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			h := toolstest.NewGuarded(t, toolstest.WithProtocol(p.version), toolstest.WithFlags("--confirm-key="+testKey),
				toolstest.WithIdentity(func(context.Context) string { return "agent-7" }))
			id, _, before := pricedEstate(t, h)
			args := modifyArgs(id, 375000)
			with := func(a map[string]any, tok string) map[string]any {
				out := map[string]any{}
				for k, v := range a {
					out[k] = v
				}
				out["confirmation_token"] = tok
				return out
			}
			// The client did not declare elicitation, so it is never sent a
			// prompt (mcp-go would send one, and the call would fail); the
			// first call runs nothing and returns the preview and a token.
			res := h.Call(t, "estate_modify", args)
			m := tokenRE.FindStringSubmatch(res.Text)
			if res.IsError || m == nil || !strings.Contains(res.Text, "Not run yet") {
				t.Fatalf("no preview with token: %+v", res)
			}
			title := fmt.Sprint(h.Sandbox.Store().Table("estate").Get(id)["objekttitel"])
			for _, want := range []string{fmt.Sprintf("Immobilie %d %s", id, condense.Untrusted(title)), "kaufpreis: ", "→ 375000", "valid for 5 minutes"} {
				if !strings.Contains(res.Text, want) {
					t.Errorf("preview lacks %q:\n%s", want, res.Text)
				}
			}
			if h.WriteRequests() != 0 || estatePrice(h, id) != before {
				t.Fatal("the first call wrote")
			}
			token := m[1]
			canon, _ := json.Marshal(args)
			past := func() time.Time { return time.Now().Add(-10 * time.Minute) }
			expired, _, _ := guard.NewSigner([]byte(testKey), 5*time.Minute, nil, past).Issue(guard.PurposeConfirm, "estate_modify", canon, nil)
			forged, _, _ := guard.NewSigner([]byte("some-other-key-0123456789abcdef0123456789"), 5*time.Minute, nil, nil).Issue(guard.PurposeConfirm, "estate_modify", canon, nil)
			crit := h.Sandbox.Store().Table("searchcriteria").Records[0]["Id"].(int)

			refused := []struct {
				name, tool string
				args       map[string]any
				want       string
			}{
				{"changed arguments", "estate_modify", with(modifyArgs(id, 1), token), "arguments differ"},
				{"other record", "estate_modify", with(modifyArgs(id+1, 375000), token), "arguments differ"},
				{"other tool", "search_criteria_delete", map[string]any{"id": crit, "confirmation_token": token}, "belongs to another tool"},
				{"forged", "estate_modify", with(args, forged), "not issued by this server"},
				{"made up", "estate_modify", with(args, "abc"), "malformed"},
				{"expired", "estate_modify", with(args, expired), "expired"},
			}
			for _, r := range refused {
				res := h.Call(t, r.tool, r.args)
				if !res.IsError || !strings.Contains(res.Text, r.want) || !strings.Contains(res.Text, "nothing was changed") {
					t.Errorf("%s: %+v", r.name, res)
				}
				if h.WriteRequests() != 0 {
					t.Fatalf("%s: a write request reached the sandbox", r.name)
				}
			}
			if estatePrice(h, id) != before || h.Sandbox.Store().Table("searchcriteria").Get(crit) == nil {
				t.Fatal("data changed by a refused token")
			}
			// Each refused token is audited once, as refused (the reasons:
			// TestRefusedConfirmationsAreAudited).
			audit := auditLines(t, h.Audit.String())
			if len(audit) != len(refused) {
				t.Fatalf("%d audit lines after %d refused tokens", len(audit), len(refused))
			}
			for _, a := range audit {
				if a["outcome"] != "refused" {
					t.Errorf("audit line of a refused token: %v", a)
				}
			}

			// The right token, arguments in another order: runs exactly once.
			res = h.Call(t, "estate_modify", fmt.Sprintf(`{"data":{"kaufpreis":375000},"confirmation_token":%q,"id":%d}`, token, id))
			if res.IsError || !strings.Contains(res.Text, "modified") {
				t.Fatalf("right token: %+v", res)
			}
			if h.WriteRequests() != 1 || estatePrice(h, id) != "375000" {
				t.Fatalf("%d writes, price %s", h.WriteRequests(), estatePrice(h, id))
			}
			res = h.Call(t, "estate_modify", with(args, token))
			if !res.IsError || !strings.Contains(res.Text, "already used") {
				t.Fatalf("reused token: %+v", res)
			}
			if h.WriteRequests() != 1 {
				t.Fatal("a reused token wrote again")
			}
			// The write and the refused reuse.
			audit = auditLines(t, h.Audit.String())[len(refused):]
			if len(audit) != 2 || audit[1]["outcome"] != "refused" {
				t.Fatalf("audit lines of the write and the reuse: %v", audit)
			}
			a := audit[0]
			conf := a["confirmation"].(map[string]any)
			if conf["method"] != guard.MethodToken || a["caller"] != "agent-7" || a["outcome"] != "ok" {
				t.Errorf("audit line: %v", a)
			}
			if strings.Contains(h.Audit.String(), token) || strings.Contains(toolstest.Logs(t), token) || strings.Contains(toolstest.Logs(t), testKey) {
				t.Error("token or key written to a log")
			}
		})
	}
}

func TestInvalidArgumentsAskNothing(t *testing.T) {
	for _, withElicit := range []bool{true, false} {
		t.Run(fmt.Sprint("elicitation=", withElicit), func(t *testing.T) {
			var opts []toolstest.Option
			if withElicit {
				opts = append(opts, toolstest.WithElicitation(toolstest.Answer(mcp.ElicitationResponseActionAccept)))
			}
			h := toolstest.NewGuarded(t, opts...)
			for _, args := range []string{`{"data":{"kaufpreis":1}}`, `{"id":"x","data":{}}`, `{"id":3101,"data":{"kein_feld":1}}`, `{"id":3101,"data":{"kaufpreis":1},"confirmation_token":7}`} {
				res := h.Call(t, "estate_modify", args)
				if !res.IsError || strings.Contains(res.Text, "confirmation_token\": \"") {
					t.Errorf("%s: %+v", args, res)
				}
			}
			if len(h.Prompts.All()) != 0 || h.WriteRequests() != 0 {
				t.Fatalf("%d prompts, %d writes for invalid arguments", len(h.Prompts.All()), h.WriteRequests())
			}
		})
	}
}

func TestConfirmOffRunsWritesDirectly(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--confirm=off"), toolstest.WithElicitation(toolstest.Answer(mcp.ElicitationResponseActionDecline)))
	id, _, _ := pricedEstate(t, h)
	res := h.Call(t, "estate_modify", modifyArgs(id, 375000))
	if res.IsError || h.WriteRequests() != 1 || estatePrice(h, id) != "375000" {
		t.Fatalf("%+v, %d writes", res, h.WriteRequests())
	}
	crit := h.Sandbox.Store().Table("searchcriteria").Records[0]["Id"].(int)
	if res := h.Call(t, "search_criteria_delete", map[string]any{"id": crit}); res.IsError || h.WriteRequests() != 2 {
		t.Fatalf("delete: %+v", res)
	}
	// When nothing needs confirming, no schema offers a token: a stray one
	// is an unknown argument, for a write as for a read tool.
	stray := modifyArgs(id, 380000)
	stray["confirmation_token"] = "whatever"
	if res := h.Call(t, "estate_modify", stray); !res.IsError || !strings.Contains(res.Text, "confirmation_token") || h.WriteRequests() != 2 || estatePrice(h, id) != "375000" {
		t.Fatalf("stray token: %+v", res)
	}
	if res := h.Call(t, "estate_read", `{"id":3101,"confirmation_token":"x"}`); !res.IsError || !strings.Contains(res.Text, "confirmation_token") {
		t.Fatalf("read tool took a token: %+v", res)
	}
	if len(h.Prompts.All()) != 0 {
		t.Fatal("asked the user with --confirm=off")
	}
	audit := auditLines(t, h.Audit.String())
	if len(audit) != 2 || audit[0]["confirmation"].(map[string]any)["method"] != guard.MethodNone ||
		!strings.Contains(fmt.Sprint(audit[0]["confirmation"].(map[string]any)["by"]), "--confirm=off") {
		t.Fatalf("audit: %v", audit)
	}
}

func TestConfirmDestructiveOnly(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--confirm=destructive"))
	id, _, _ := pricedEstate(t, h)
	if res := h.Call(t, "estate_modify", modifyArgs(id, 375000)); res.IsError || h.WriteRequests() != 1 {
		t.Fatalf("write under --confirm=destructive: %+v", res)
	}
	crit := h.Sandbox.Store().Table("searchcriteria").Records[0]["Id"].(int)
	res := h.Call(t, "search_criteria_delete", map[string]any{"id": crit})
	if res.IsError || !tokenRE.MatchString(res.Text) || h.WriteRequests() != 1 {
		t.Fatalf("delete ran without confirmation: %+v", res)
	}
}

func TestAuditLogFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--audit-log="+path), toolstest.WithElicitation(toolstest.Answer(mcp.ElicitationResponseActionAccept)))
	id, _, _ := pricedEstate(t, h)
	h.Call(t, "estate_modify", modifyArgs(id, 375000))
	// A failing write is audited too, with its error.
	h.Call(t, "estate_modify", modifyArgs(99999999, 1))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != h.Audit.String() {
		t.Fatalf("file and stderr differ:\n%s\n%s", b, h.Audit.String())
	}
	lines := auditLines(t, string(b))
	if len(lines) < 1 || lines[0]["outcome"] != "ok" {
		t.Fatalf("audit file: %s", b)
	}
	for _, l := range lines[1:] {
		if l["outcome"] != "error" || l["error"] == "" {
			t.Errorf("failed write audited as %v", l)
		}
	}
}

func TestGuardedToolsSayHowConfirmationWorks(t *testing.T) {
	// The default policy through a real client; the others in
	// TestConfirmInstructionsFollowPolicy. The instructions explain the
	// confirmation once; each guarded tool takes the token.
	h := toolstest.NewGuarded(t)
	if !strings.Contains(h.Instructions, "confirmation_token") {
		t.Errorf("the instructions do not explain the confirmation: %q", h.Instructions)
	}
	list, err := h.Client.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tool := range list.Tools {
		a, _ := tools.Lookup(tool.Name)
		_, hasArg := tool.InputSchema.Properties["confirmation_token"]
		if hasArg != (a.Effect != tools.EffectRead) {
			t.Errorf("%s (%s): confirmation_token argument %v", tool.Name, a.Effect, hasArg)
		}
	}
}

// TestPreviewsOnlyRead: building a preview sends no write and no external request.
func TestPreviewsOnlyRead(t *testing.T) {
	h := toolstest.NewGuarded(t)
	id, _, _ := pricedEstate(t, h)
	addr := h.Sandbox.Store().Table("address").Records[0]["Id"].(int)
	for name, args := range map[string]any{
		"estate_modify":       modifyArgs(id, 1),
		"newsletter_register": map[string]any{"id": addr, "register": true},
		"address_modify":      map[string]any{"id": addr, "data": map[string]any{"Ort": "Köln"}},
	} {
		if res := h.Call(t, name, args); res.IsError || !tokenRE.MatchString(res.Text) {
			t.Errorf("%s: %+v", name, res)
		}
	}
	for _, r := range h.Requests() {
		if r.Verb != "read" && r.Verb != "get" {
			t.Errorf("preview sent %s %s", r.Verb, r.ResourceType)
		}
	}
	if len(h.Sandbox.Outbox()) != 0 {
		t.Error("preview had an external effect")
	}
}

// TestTokenDoesNotBypassPrompt: a client that can ask the user always
// asks, even when the model brings a valid token.
func TestTokenDoesNotBypassPrompt(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--confirm-key="+testKey), toolstest.WithElicitation(toolstest.Answer(mcp.ElicitationResponseActionDecline)))
	id, _, before := pricedEstate(t, h)
	args := modifyArgs(id, 375000)
	canon, _ := json.Marshal(args)
	tok, _, err := guard.NewSigner([]byte(testKey), time.Minute, nil, nil).Issue(guard.PurposeConfirm, "estate_modify", canon, nil)
	if err != nil {
		t.Fatal(err)
	}
	args["confirmation_token"] = tok
	res := h.Call(t, "estate_modify", args)
	if res.IsError || !strings.Contains(res.Text, "declined") || len(h.Prompts.All()) != 1 {
		t.Fatalf("%+v, %d prompts", res, len(h.Prompts.All()))
	}
	if h.WriteRequests() != 0 || estatePrice(h, id) != before {
		t.Fatal("a token bypassed the user's decline")
	}
}
