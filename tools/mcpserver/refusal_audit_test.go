package mcpserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// changePrice changes an estate's price in the sandbox the way another
// user of the CRM would: over the API, past this server.
func changePrice(t *testing.T, h *toolstest.Guarded, id, price int) error {
	t.Helper()
	api := onoffice.New(h.URL, sandbox.DemoToken, sandbox.DemoSecret)
	_, err := api.Call(context.Background(), onoffice.Action{Verb: onoffice.VerbModify, ResourceType: "estate",
		ResourceID: strconv.Itoa(id), Parameters: map[string]any{"data": map[string]any{"kaufpreis": price}}})
	if err != nil {
		return fmt.Errorf("the other change: %w", err)
	}
	return nil
}

// TestRefusedConfirmationsAreAudited: every confirmation that does not let
// the write run (a refused token, a preview that no longer matches the
// record) writes one audit line saying so and why, without the token, so
// that an agency sees attempts, not only writes.
func TestRefusedConfirmationsAreAudited(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--confirm-key="+testKey),
		toolstest.WithIdentity(func(context.Context) string { return "agent-7" }))
	estates := pricedEstates(t, h)
	id := estates[0]
	with := func(a map[string]any, tok string) map[string]any {
		a[guard.TokenArg] = tok
		return a
	}
	// preview returns the token of a preview of args.
	preview := func(t *testing.T, args map[string]any) string {
		t.Helper()
		res := h.Call(t, "estate_modify", args)
		m := tokenRE.FindStringSubmatch(res.Text)
		if res.IsError || m == nil {
			t.Fatalf("no preview with token: %+v", res)
		}
		return m[1]
	}
	sign := func(key string, now func() time.Time, args map[string]any) string {
		canon, _ := json.Marshal(args)
		tok, _, err := guard.NewSigner([]byte(key), 5*time.Minute, nil, now).Issue(guard.PurposeConfirm, "estate_modify", canon, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	past := func() time.Time { return time.Now().Add(-10 * time.Minute) }

	for _, tc := range []struct {
		name string
		// call prepares what the refused call sends: its arguments and
		// the token, which no log may show.
		call   func(t *testing.T) (args map[string]any, token string)
		reason string
	}{
		{"expired", func(*testing.T) (map[string]any, string) {
			tok := sign(testKey, past, modifyArgs(id, 375000))
			return with(modifyArgs(id, 375000), tok), tok
		}, "confirmation token expired"},
		{"forged", func(*testing.T) (map[string]any, string) {
			tok := sign("some-other-key-0123456789abcdef0123456789", nil, modifyArgs(id, 375000))
			return with(modifyArgs(id, 375000), tok), tok
		}, "confirmation token invalid"},
		{"made up", func(*testing.T) (map[string]any, string) {
			return with(modifyArgs(id, 375000), "abcdefghijklmnopqrstuvwxyz0123456789"), "abcdefghijklmnopqrstuvwxyz0123456789"
		}, "confirmation token invalid"},
		{"arguments changed", func(t *testing.T) (map[string]any, string) {
			tok := preview(t, modifyArgs(id, 375000))
			return with(modifyArgs(id, 1), tok), tok
		}, "arguments changed"},
		{"already used", func(t *testing.T) (map[string]any, string) {
			tok := preview(t, modifyArgs(estates[1], 376000))
			if res := h.Call(t, "estate_modify", with(modifyArgs(estates[1], 376000), tok)); res.IsError {
				t.Fatalf("first use: %s", res.Text)
			}
			return with(modifyArgs(estates[1], 376000), tok), tok
		}, "confirmation token already used"},
		{"changed since the preview", func(t *testing.T) (map[string]any, string) {
			tok := preview(t, modifyArgs(estates[2], 377000))
			if err := changePrice(t, h, estates[2], 123456); err != nil {
				t.Fatal(err)
			}
			return with(modifyArgs(estates[2], 377000), tok), tok
		}, "changed since the preview: kaufpreis is now"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args, token := tc.call(t)
			writes, audited := h.WriteRequests(), len(auditLines(t, h.Audit.String()))
			res := h.Call(t, "estate_modify", args)
			if !res.IsError {
				t.Fatalf("refused confirmation ran: %s", res.Text)
			}
			if got := h.WriteRequests() - writes; got != 0 {
				t.Errorf("%d writes after the refusal, want 0", got)
			}
			audit := auditLines(t, h.Audit.String())[audited:]
			if len(audit) != 1 {
				t.Fatalf("%d audit lines for one refusal, want 1: %v", len(audit), audit)
			}
			a := audit[0]
			conf, _ := a["confirmation"].(map[string]any)
			if a["outcome"] != "refused" || !strings.Contains(fmt.Sprint(a["reason"]), tc.reason) ||
				a["tool"] != "estate_modify" || a["record_id"] != fmt.Sprint(args["id"]) || a["caller"] != "agent-7" ||
				conf["method"] != guard.MethodToken {
				t.Errorf("audit line of the refusal, want reason %q: %v", tc.reason, a)
			}
			if strings.Contains(h.Audit.String(), token) || strings.Contains(toolstest.Logs(t), token) {
				t.Error("the token was written to a log")
			}
		})
	}

	// A call without a token gets a preview: nothing was refused, so
	// nothing is audited.
	audited := h.Audit.String()
	preview(t, modifyArgs(id, 378000))
	if h.Audit.String() != audited {
		t.Errorf("a preview was audited: %s", strings.TrimPrefix(h.Audit.String(), audited))
	}
}

// TestStalePromptIsAudited: a prompt the person accepted after the record
// changed writes nothing, and one audit line says so.
func TestStalePromptIsAudited(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			var h *toolstest.Guarded
			var id int
			answer := func(mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
				if err := changePrice(t, h, id, 123456); err != nil {
					return nil, err
				}
				return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionAccept}}, nil
			}
			h = toolstest.NewGuarded(t, toolstest.WithProtocol(p.version), toolstest.WithElicitation(answer))
			id, _, _ = pricedEstate(t, h)
			if res := h.Call(t, "estate_modify", modifyArgs(id, 150000)); !res.IsError || !strings.Contains(res.Text, "nothing written") {
				t.Fatalf("accepted stale prompt: %+v", res)
			}
			if got := h.WriteRequests(); got != 1 {
				t.Errorf("%d writes, want only the other change's", got)
			}
			audit := auditLines(t, h.Audit.String())
			if len(audit) != 1 {
				t.Fatalf("%d audit lines for one refusal, want 1: %v", len(audit), audit)
			}
			conf, _ := audit[0]["confirmation"].(map[string]any)
			if audit[0]["outcome"] != "refused" || !strings.Contains(fmt.Sprint(audit[0]["reason"]), "changed since the preview: kaufpreis is now") ||
				conf["method"] != guard.MethodElicitation || audit[0]["record_id"] != fmt.Sprint(id) {
				t.Errorf("audit line of the refusal: %v", audit[0])
			}
		})
	}
}
