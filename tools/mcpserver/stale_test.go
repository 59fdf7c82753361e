package mcpserver_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// What the person approved is what runs: a confirmation is bound to the
// values its preview showed. When another call changes them between the
// preview and the confirmation, the confirmed write runs nothing.

func TestTokenRefusedWhenChangedSincePreview(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--confirm-key="+testKey))
	id, _, _ := pricedEstate(t, h)
	withToken := func(a map[string]any, tok string) map[string]any {
		a["confirmation_token"] = tok
		return a
	}
	token := func(res toolstest.Result) string {
		t.Helper()
		m := tokenRE.FindStringSubmatch(res.Text)
		if res.IsError || m == nil {
			t.Fatalf("no preview with token: %+v", res)
		}
		return m[1]
	}

	// The person sees "kaufpreis: <old> → 150000" and approves.
	first := token(h.Call(t, "estate_modify", modifyArgs(id, 150000)))
	// Meanwhile another call changes the price, previewed and confirmed.
	second := token(h.Call(t, "estate_modify", modifyArgs(id, 145000)))
	if res := h.Call(t, "estate_modify", withToken(modifyArgs(id, 145000), second)); res.IsError {
		t.Fatalf("the other change: %s", res.Text)
	}
	writes := h.WriteRequests()

	res := h.Call(t, "estate_modify", withToken(modifyArgs(id, 150000), first))
	if !res.IsError {
		t.Fatalf("a confirmation of a stale preview ran: %s", res.Text)
	}
	for _, want := range []string{"changed since the preview", "kaufpreis is now", "145", "nothing written"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("refusal lacks %q: %s", want, res.Text)
		}
	}
	if got := h.WriteRequests() - writes; got != 0 {
		t.Errorf("%d writes after the refusal, want 0", got)
	}
	if got := estatePrice(h, id); got != "145000" {
		t.Errorf("price is %s, want the other call's 145000", got)
	}

	// Unchanged values: the confirmation runs.
	third := token(h.Call(t, "estate_modify", modifyArgs(id, 150000)))
	if res := h.Call(t, "estate_modify", withToken(modifyArgs(id, 150000), third)); res.IsError {
		t.Fatalf("a confirmation of a current preview was refused: %s", res.Text)
	}
	if got := estatePrice(h, id); got != "150000" {
		t.Errorf("price is %s after the confirmed write, want 150000", got)
	}
}

func TestElicitationRefusedWhenChangedSincePreview(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			var h *toolstest.Guarded
			var id int
			// While the prompt is open, someone else changes the price in
			// onOffice; then the person accepts what they saw.
			answer := func(mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
				api := onoffice.New(h.URL, sandbox.DemoToken, sandbox.DemoSecret)
				_, err := api.Call(context.Background(), onoffice.Action{Verb: onoffice.VerbModify, ResourceType: "estate",
					ResourceID: strconv.Itoa(id), Parameters: map[string]any{"data": map[string]any{"kaufpreis": 123456}}})
				if err != nil {
					return nil, fmt.Errorf("the other change: %w", err)
				}
				return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionAccept}}, nil
			}
			h = toolstest.NewGuarded(t, toolstest.WithProtocol(p.version), toolstest.WithElicitation(answer))
			id, _, _ = pricedEstate(t, h)
			res := h.Call(t, "estate_modify", modifyArgs(id, 150000))
			if !res.IsError || !strings.Contains(res.Text, "changed since the preview: kaufpreis is now") || !strings.Contains(res.Text, "nothing written") {
				t.Fatalf("accepted stale prompt: %+v", res)
			}
			if got := estatePrice(h, id); got != "123456" {
				t.Errorf("price is %s, want the other change's 123456", got)
			}
			if got := h.WriteRequests(); got != 1 {
				t.Errorf("%d writes, want only the other change's", got)
			}
		})
	}
}
