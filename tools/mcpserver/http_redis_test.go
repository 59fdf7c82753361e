package mcpserver_test

import (
	"encoding/json"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard/redisstore/redistest"
)

var tokenInText = regexp.MustCompile(`"confirmation_token": "([^"]+)"`)

// redisSetup is one agency served by a replica that shares the given
// Redis and confirmation key.
func redisSetup(t *testing.T, redisURL string) (env map[string]string, flags []string, sb *sandbox.Server) {
	t.Helper()
	sb, apiURL := newSandbox(t, "", "")
	file := writeTenants(t, map[string]any{"tenants": []any{map[string]any{
		"name": "a", "bearer_tokens": []any{tokenA}, "api_url": apiURL,
		"onoffice_token": sandbox.DemoToken, "onoffice_secret": sandbox.DemoSecret, "confirm": "writes",
	}}})
	env = map[string]string{"ONOFFICE_CONFIRM_KEY": "shared-confirmation-key-0123456789abcdef", "ONOFFICE_MCP_REDIS_URL": redisURL}
	return env, []string{"--tenants=" + file}, sb
}

// TestHostedReplicasShareSpentTokens: two replicas against one Redis: a
// confirmation token spent on one is refused on the other, and on a
// restarted replica; the write ran exactly once.
func TestHostedReplicasShareSpentTokens(t *testing.T) {
	env, flags, sb := redisSetup(t, redistest.Start(t))
	one := startHosted(t, env, flags...)
	two := startHosted(t, env, flags...)
	ctx := testCtx(t)
	id, _ := firstEstate(t, sb)
	args := map[string]any{"id": id, "data": map[string]any{"objekttitel": "Shared store"}}
	kind := peerKindsNamed("go-sdk streamable")[0]

	first := mustConnect(t, kind, one.URL, &recorder{headers: bearer(tokenA)})
	text, _, err := first.call(ctx, "estate_modify", args)
	m := tokenInText.FindStringSubmatch(text)
	if err != nil || m == nil {
		t.Fatalf("preview: %q %v", text, err)
	}
	withToken := map[string]any{"id": id, "data": args["data"], "confirmation_token": m[1]}

	if text, isErr, err := first.call(ctx, "estate_modify", withToken); err != nil || isErr {
		t.Fatalf("first use on replica one: %q %v", text, err)
	}
	second := mustConnect(t, kind, two.URL, &recorder{headers: bearer(tokenA)})
	if text, isErr, err := second.call(ctx, "estate_modify", withToken); err != nil || !isErr || !strings.Contains(text, "already used") {
		t.Errorf("replay on replica two: %q %v %v", text, isErr, err)
	}
	first.close()
	if err := one.Stop(); err != nil {
		t.Fatal(err)
	}
	restarted := startHosted(t, env, flags...)
	third := mustConnect(t, kind, restarted.URL, &recorder{headers: bearer(tokenA)})
	if text, isErr, err := third.call(ctx, "estate_modify", withToken); err != nil || !isErr || !strings.Contains(text, "already used") {
		t.Errorf("replay after a restart: %q %v %v", text, isErr, err)
	}
	if n := modifies(sb); n != 1 {
		t.Errorf("%d writes, want exactly 1", n)
	}
}

// TestHostedRedisDownFailsClosed: with the shared store unreachable a
// confirmed write is refused with a clear message and runs nothing; reads
// go on; readiness says degraded; the password stays out of logs.
func TestHostedRedisDownFailsClosed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "redis://:" + redistest.Password + "@" + ln.Addr().String() + "/0"
	_ = ln.Close() // nothing listens there now
	env, flags, sb := redisSetup(t, down)
	h := startHosted(t, env, flags...)
	ctx := testCtx(t)
	id, title := firstEstate(t, sb)
	c := mustConnect(t, peerKindsNamed("go-sdk streamable")[0], h.URL, &recorder{headers: bearer(tokenA)})
	if text, isErr, err := c.call(ctx, "estate_read", map[string]any{"id": id, "data": []string{"objekttitel"}}); err != nil || isErr || !strings.Contains(text, title) {
		t.Errorf("read with Redis down: %q %v %v", text, isErr, err)
	}
	args := map[string]any{"id": id, "data": map[string]any{"objekttitel": "x"}}
	text, _, err := c.call(ctx, "estate_modify", args)
	m := tokenInText.FindStringSubmatch(text)
	if err != nil || m == nil {
		t.Fatalf("preview: %q %v", text, err)
	}
	args["confirmation_token"] = m[1]
	text, isErr, err := c.call(ctx, "estate_modify", args)
	if err != nil || !isErr || !strings.Contains(text, "Not run, nothing was changed") || !strings.Contains(text, "shared store (Redis at "+ln.Addr().String()+") is unreachable") {
		t.Errorf("confirmed write with Redis down: %q %v %v", text, isErr, err)
	}
	if strings.Contains(text, redistest.Password) {
		t.Error("the answer shows the Redis password")
	}
	if n := modifies(sb); n != 0 {
		t.Errorf("%d writes with Redis down", n)
	}
	resp, err := http.Get(h.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var ready map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&ready)
	if resp.StatusCode != 200 || ready["status"] != "degraded" || ready["redis"] != "unreachable" {
		t.Errorf("readyz with Redis down: %d %v", resp.StatusCode, ready)
	}
}
