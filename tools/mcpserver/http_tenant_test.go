package mcpserver_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
)

var hostedTokenRE = regexp.MustCompile(`"confirmation_token": "([A-Za-z0-9_-]+)"`)

// tenantsSetup is a hosted server with three agencies:
//   - a: sandbox A (demo credentials from env and file), every tool, confirm writes
//   - b: sandbox B (its own credentials, inline), default tools, confirm writes
//   - c: the in-process demo sandbox, read-only
//
// A and B hold the same seed data, so the same record ids exist in both.
type tenantsSetup struct {
	h          *hosted
	sbA, sbB   *sandbox.Server
	urlA, urlB string
}

func newTenantsSetup(t *testing.T) *tenantsSetup {
	t.Helper()
	s := &tenantsSetup{}
	s.sbA, s.urlA = newSandbox(t, "", "")
	s.sbB, s.urlB = newSandbox(t, apiTokB, apiSecB)
	secretFile := filepath.Join(t.TempDir(), "a-secret")
	if err := os.WriteFile(secretFile, []byte(sandbox.DemoSecret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	hashB := sha256.Sum256([]byte(tokenB))
	file := writeTenants(t, map[string]any{"tenants": []any{
		map[string]any{
			"name":            "a",
			"bearer_tokens":   []any{map[string]any{"env": "TENANT_A_BEARER"}},
			"onoffice_token":  map[string]any{"env": "TENANT_A_ONOFFICE_TOKEN"},
			"onoffice_secret": map[string]any{"file": secretFile},
			"api_url":         s.urlA,
			"toolsets":        []string{"all"},
			"confirm":         "writes",
		},
		map[string]any{
			"name":            "b",
			"bearer_tokens":   []any{map[string]any{"sha256": hex.EncodeToString(hashB[:])}},
			"onoffice_token":  apiTokB,
			"onoffice_secret": apiSecB,
			"api_url":         s.urlB,
		},
		map[string]any{
			"name":          "c",
			"bearer_tokens": []any{tokenC},
			"demo":          true,
			"read_only":     true,
			"toolsets":      []string{"all"},
		},
	}})
	env := map[string]string{
		"TENANT_A_BEARER":         tokenA,
		"TENANT_A_ONOFFICE_TOKEN": sandbox.DemoToken,
		// The shared confirmation key of a replicated deployment: tenants
		// derive their own keys from it.
		"ONOFFICE_CONFIRM_KEY": "shared-confirmation-key-0123456789abcdef",
	}
	s.h = startHosted(t, env, "--tenants="+file)
	return s
}

func modifies(sb *sandbox.Server) int {
	n := 0
	for _, r := range sb.Requests() {
		if r.Verb == onoffice.VerbModify {
			n++
		}
	}
	return n
}

// TestHostedTenantIsolation: a write through tenant A changes only sandbox
// A; tenant B (over the other transport and client) still reads its own
// data; B cannot use A's confirmation token; each sandbox only ever
// received requests signed with its own agency's credentials.
func TestHostedTenantIsolation(t *testing.T) {
	s := newTenantsSetup(t)
	id, title := firstEstate(t, s.sbA)
	if _, titleB := firstEstate(t, s.sbB); titleB != title {
		t.Fatalf("the sandboxes differ before the test: %q vs %q", title, titleB)
	}
	marker := "Nur bei Agentur A geändert"

	for _, pair := range [][2]string{{"mcp-go streamable 2025-11-25", "go-sdk sse"}, {"go-sdk streamable", "mcp-go sse"}} {
		t.Run(pair[0]+" vs "+pair[1], func(t *testing.T) {
			ctx := testCtx(t)
			a := mustConnect(t, peerKindsNamed(pair[0])[0], s.h.URL, &recorder{headers: bearer(tokenA)})
			b := mustConnect(t, peerKindsNamed(pair[1])[0], s.h.URL, &recorder{headers: bearer(tokenB)})
			reqA, reqB, modA := len(s.sbA.Requests()), len(s.sbB.Requests()), modifies(s.sbA)

			args := map[string]any{"id": id, "data": map[string]any{"objekttitel": marker}}
			text, isErr, err := a.call(ctx, "estate_modify", args)
			m := hostedTokenRE.FindStringSubmatch(text)
			if err != nil || isErr || m == nil {
				t.Fatalf("A's first estate_modify: %q %v %v, want a preview with a token", text, isErr, err)
			}
			withToken := map[string]any{"id": id, "data": args["data"], "confirmation_token": m[1]}

			// B replays A's token with the same arguments: refused, nothing sent.
			text, isErr, err = b.call(ctx, "estate_modify", withToken)
			if err != nil || !isErr || !strings.Contains(text, "Not run") {
				t.Errorf("B with A's token: %q isError=%v err=%v, want a refusal", text, isErr, err)
			}
			if n := modifies(s.sbB); n != 0 {
				t.Errorf("sandbox B received %d modify actions", n)
			}

			// A confirms with its own token: only sandbox A changes.
			text, isErr, err = a.call(ctx, "estate_modify", withToken)
			if err != nil || isErr || !strings.Contains(text, "modified") {
				t.Fatalf("A's confirmed estate_modify: %q %v %v", text, isErr, err)
			}
			if got := s.sbA.Store().Table("estate").Get(id)["objekttitel"]; got != marker {
				t.Errorf("sandbox A: objekttitel %v, want %q", got, marker)
			}
			if got := s.sbB.Store().Table("estate").Get(id)["objekttitel"]; got != title {
				t.Errorf("sandbox B: objekttitel %v, want the untouched %q", got, title)
			}

			read := map[string]any{"id": id, "data": []string{"objekttitel"}}
			if text, isErr, err := b.call(ctx, "estate_read", read); err != nil || isErr || !strings.Contains(text, title) || strings.Contains(text, marker) {
				t.Errorf("B reads %q isError=%v err=%v, want its own title %q", text, isErr, err, title)
			}
			if text, isErr, err := a.call(ctx, "estate_read", read); err != nil || isErr || !strings.Contains(text, marker) {
				t.Errorf("A reads %q isError=%v err=%v, want %q", text, isErr, err, marker)
			}

			// Each sandbox logs only requests that its own credentials
			// signed (it authenticates every action before logging it),
			// and each tenant's calls reached its own sandbox.
			if n := modifies(s.sbA) - modA; n != 1 {
				t.Errorf("sandbox A received %d modify actions, want 1", n)
			}
			if len(s.sbA.Requests()) <= reqA || len(s.sbB.Requests()) <= reqB {
				t.Errorf("requests A %d→%d, B %d→%d: each tenant's calls must reach its own sandbox", reqA, len(s.sbA.Requests()), reqB, len(s.sbB.Requests()))
			}
			for _, r := range s.sbB.Requests() {
				if r.Verb != onoffice.VerbRead && r.Verb != onoffice.VerbGet {
					t.Errorf("sandbox B received %s %s", r.Verb, r.ResourceType)
				}
			}
			// Put the title back for the next pair.
			s.sbA.Store().Table("estate").Get(id)["objekttitel"] = title
		})
	}

	// The audit line names tenant A and the request.
	var audited int
	for _, line := range strings.Split(s.h.Audit.String(), "\n") {
		var e struct{ Tool, Caller, Outcome string }
		if json.Unmarshal([]byte(line), &e) == nil && e.Tool == "estate_modify" {
			audited++
			if !strings.HasPrefix(e.Caller, "a (request ") || e.Outcome != "ok" {
				t.Errorf("audit line %s: caller %q outcome %q", line, e.Caller, e.Outcome)
			}
		}
	}
	if audited != 2 {
		t.Errorf("%d audited estate_modify calls, want 2", audited)
	}
}

// TestHostedTenantPolicy: a read-only tenant is offered only reading tools
// and cannot call a write tool, while tenant a (all tools) can.
func TestHostedTenantPolicy(t *testing.T) {
	s := newTenantsSetup(t)
	ctx := testCtx(t)
	reads := map[string]bool{}
	for _, tl := range tools.All() {
		if tl.Effect == tools.EffectRead {
			reads[tl.Name] = true
		}
	}
	for _, k := range peerKindsNamed("mcp-go streamable", "go-sdk sse") {
		c := mustConnect(t, k, s.h.URL, &recorder{headers: bearer(tokenC)})
		names, err := c.tools(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(names) != len(reads) {
			t.Errorf("%s: read-only tenant sees %d tools, want the %d read tools", k.name, len(names), len(reads))
		}
		for _, n := range names {
			if !reads[n] {
				t.Errorf("%s: read-only tenant offered %s", k.name, n)
			}
		}
		text, isErr, err := c.call(ctx, "estate_modify", map[string]any{"id": 1, "data": map[string]any{"objekttitel": "x"}})
		if err == nil && !isErr {
			t.Errorf("%s: read-only tenant ran estate_modify: %q", k.name, text)
		}
		if text, isErr, err := c.call(ctx, "estate_read", map[string]any{"listlimit": 1}); err != nil || isErr || text == "" {
			t.Errorf("%s: read-only tenant estate_read: %q %v %v", k.name, text, isErr, err)
		}
	}
	a := mustConnect(t, peerKindsNamed("mcp-go streamable")[0], s.h.URL, &recorder{headers: bearer(tokenA)})
	namesA, _ := a.tools(ctx)
	if len(namesA) != len(tools.All()) {
		t.Errorf("tenant a sees %d tools, want all %d", len(namesA), len(tools.All()))
	}
	b := mustConnect(t, peerKindsNamed("mcp-go streamable")[0], s.h.URL, &recorder{headers: bearer(tokenB)})
	namesB, _ := b.tools(ctx)
	if len(namesB) == 0 || len(namesB) >= len(namesA) {
		t.Errorf("tenant b (default toolset) sees %d tools, a %d", len(namesB), len(namesA))
	}
}

// TestHostedSessionsStayWithTheirTenant: a session id is no key to another
// tenant. An SSE session of tenant b is unknown under a's token; a
// streamable session id of a, sent with b's token, is unknown too (404)
// and reaches neither tenant's data.
func TestHostedSessionsStayWithTheirTenant(t *testing.T) {
	s := newTenantsSetup(t)
	id, title := firstEstate(t, s.sbB)
	s.sbA.Store().Table("estate").Get(id)["objekttitel"] = "Titel bei Agentur A"

	endpoint := openSSE(t, s.h.URL, tokenB)
	post := func(path, token string, headers map[string]string, body string) (int, string) {
		req, _ := http.NewRequest("POST", s.h.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		req.Header.Set("Authorization", "Bearer "+token)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if sid := resp.Header.Get("Mcp-Session-Id"); sid != "" {
			return resp.StatusCode, sid
		}
		return resp.StatusCode, string(b)
	}
	ping := `{"jsonrpc":"2.0","id":1,"method":"ping"}`
	if code, body := post(endpoint, tokenA, nil, ping); code == http.StatusAccepted {
		t.Errorf("b's SSE session accepted a message with a's token: %d %s", code, body)
	}
	if code, body := post(endpoint, tokenB, nil, ping); code != http.StatusAccepted {
		t.Errorf("b's SSE session refused b's own message: %d %s", code, body)
	}

	code, sidA := post(mcpserver.PathStreamable, tokenA, nil,
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`)
	if code != 200 || sidA == "" || strings.Contains(sidA, "{") {
		t.Fatalf("initialize as a: %d %s", code, sidA)
	}
	call := fmt.Sprintf(`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"estate_read","arguments":{"id":%d,"data":["objekttitel"]}}}`, id)
	code, body := post(mcpserver.PathStreamable, tokenB, map[string]string{"Mcp-Session-Id": sidA, "Mcp-Protocol-Version": "2025-11-25"}, call)
	if code != http.StatusNotFound || strings.Contains(body, title) || strings.Contains(body, "Agentur A") {
		t.Errorf("b's token with a's session id: %d %s, want 404 and no data", code, body)
	}
}
