package mcpserver_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
)

// Approvals belong to the person who was asked: a session, and every
// answer to a prompt on it, belongs to the caller that opened it.

// approvalSetup is a hosted server with one agency whose two people have
// a bearer token each (tokenA and tokenA2).
func approvalSetup(t *testing.T, flags ...string) (*hosted, *sandbox.Server) {
	t.Helper()
	sb, apiURL := newSandbox(t, "", "")
	file := writeTenants(t, map[string]any{"tenants": []any{map[string]any{
		"name": "a", "bearer_tokens": []any{tokenA, tokenA2}, "api_url": apiURL,
		"onoffice_token": sandbox.DemoToken, "onoffice_secret": sandbox.DemoSecret, "confirm": "writes",
	}}})
	env := map[string]string{"ONOFFICE_CONFIRM_KEY": "shared-confirmation-key-0123456789abcdef"}
	return startHosted(t, env, append([]string{"--tenants=" + file}, flags...)...), sb
}

// rawPost posts one JSON-RPC message to the streamable HTTP endpoint.
func rawPost(ctx context.Context, t *testing.T, base, token, session, body string) *http.Response {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/mcp", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	req.Header.Set("Authorization", "Bearer "+token)
	if session != "" {
		req.Header.Set("Mcp-Session-Id", session)
		req.Header.Set("Mcp-Protocol-Version", "2025-11-25")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// rawSession opens a 2025-11-25 session that declares elicitation.
func rawSession(ctx context.Context, t *testing.T, base, token string) string {
	t.Helper()
	resp := rawPost(ctx, t, base, token, "", `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"elicitation":{}},"clientInfo":{"name":"raw","version":"1"}}}`)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	sid := resp.Header.Get("Mcp-Session-Id")
	if resp.StatusCode != 200 || sid == "" {
		t.Fatalf("initialize: %d, session %q", resp.StatusCode, sid)
	}
	resp = rawPost(ctx, t, base, token, sid, `{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	resp.Body.Close()
	return sid
}

// rpcMessage is a JSON-RPC message read from an event stream.
type rpcMessage struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Result json.RawMessage `json:"result"`
}

// events reads the JSON-RPC messages of an event stream until it ends.
func events(body io.Reader) <-chan rpcMessage {
	ch := make(chan rpcMessage, 16)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var m rpcMessage
			if json.Unmarshal([]byte(data), &m) == nil {
				ch <- m
			}
		}
	}()
	return ch
}

// next returns the next message that satisfies ok.
func next(ctx context.Context, t *testing.T, ch <-chan rpcMessage, what string, ok func(rpcMessage) bool) rpcMessage {
	t.Helper()
	for {
		select {
		case m, open := <-ch:
			if !open {
				t.Fatalf("the stream ended before %s", what)
			}
			if ok(m) {
				return m
			}
		case <-ctx.Done():
			t.Fatalf("no %s: %v", what, ctx.Err())
		}
	}
}

func modifyCall(id int, title string) string {
	return fmt.Sprintf(`{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"estate_modify","arguments":{"id":%d,"data":{"objekttitel":%q}}}}`, id, title)
}

// promptOf starts the victim's estate_modify and returns its prompt's
// request id and the stream that will carry the call's result.
func promptOf(ctx context.Context, t *testing.T, base, sid string, id int) (json.RawMessage, <-chan rpcMessage) {
	t.Helper()
	resp := rawPost(ctx, t, base, tokenA, sid, modifyCall(id, "Vom Angreifer bestätigt"))
	t.Cleanup(func() { resp.Body.Close() })
	ch := events(resp.Body)
	prompt := next(ctx, t, ch, "confirmation prompt", func(m rpcMessage) bool { return m.Method == "elicitation/create" })
	return prompt.ID, ch
}

func resultText(m rpcMessage) string {
	var r struct {
		Content []struct{ Text string } `json:"content"`
	}
	_ = json.Unmarshal(m.Result, &r)
	var b strings.Builder
	for _, c := range r.Content {
		b.WriteString(c.Text)
	}
	return b.String()
}

// TestHostedPromptAnswerFromAnotherCaller: while a person's estate_modify
// waits for their prompt, a second token of the same agency posts
// "accept" with the person's session id and the prompt's request id. It
// gets 404, nothing is written, the attempt is audited; the person's own
// answer still counts.
func TestHostedPromptAnswerFromAnotherCaller(t *testing.T) {
	h, sb := approvalSetup(t)
	ctx := testCtx(t)
	id, _ := firstEstate(t, sb)
	sid := rawSession(ctx, t, h.URL, tokenA)
	promptID, results := promptOf(ctx, t, h.URL, sid, id)

	answer := fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"result":{"action":"accept","content":{}}}`, promptID)
	resp := rawPost(ctx, t, h.URL, tokenA2, sid, answer)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("another caller's answer: %d, want 404", resp.StatusCode)
	}
	if n := modifies(sb); n != 0 {
		t.Fatalf("another caller's answer ran %d writes", n)
	}
	if !strings.Contains(h.Audit.String(), `"outcome":"refused"`) || !strings.Contains(h.Audit.String(), "session of another caller") {
		t.Errorf("no refusal in the audit log: %s", h.Audit.String())
	}

	// The person who was asked declines: the call ends, nothing changed.
	resp = rawPost(ctx, t, h.URL, tokenA, sid, strings.Replace(answer, "accept", "decline", 1))
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		t.Fatalf("the owner's answer: %d", resp.StatusCode)
	}
	res := next(ctx, t, results, "result", func(m rpcMessage) bool { return len(m.Result) > 0 })
	if !strings.Contains(resultText(res), "declined") || modifies(sb) != 0 {
		t.Errorf("after the owner declined: %q, %d writes", resultText(res), modifies(sb))
	}
	// Log lines (ours and mcp-go's, which logs the delivered answer) name
	// the session by a prefix only.
	if len(h.logLines("Delivered sampling response")) == 0 || strings.Contains(h.Logs.String(), sid) {
		t.Errorf("the log names the full session id (or lacks mcp-go's line):\n%s", h.Logs.String())
	}
}

// TestHostedSSEMessageFromAnotherCaller: the second token cannot post
// into a person's SSE session, neither an answer nor a confirmed call.
func TestHostedSSEMessageFromAnotherCaller(t *testing.T) {
	h, sb := approvalSetup(t)
	ctx := testCtx(t)
	id, _ := firstEstate(t, sb)

	req, _ := http.NewRequestWithContext(ctx, "GET", h.URL+"/sse", nil)
	req.Header.Set("Authorization", "Bearer "+tokenA)
	stream, err := http.DefaultClient.Do(req)
	if err != nil || stream.StatusCode != 200 {
		t.Fatalf("SSE stream: %v %v", stream, err)
	}
	defer stream.Body.Close()
	sc := bufio.NewReader(stream.Body)
	var endpoint string
	for endpoint == "" {
		line, err := sc.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "data: "); ok {
			endpoint = rest
		}
	}
	msgs := events(sc)
	post := func(token, body string) int {
		req, _ := http.NewRequestWithContext(ctx, "POST", h.URL+endpoint, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	post(tokenA, `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{"elicitation":{}},"clientInfo":{"name":"raw","version":"1"}}}`)
	next(ctx, t, msgs, "initialize result", func(m rpcMessage) bool { return string(m.ID) == "1" })
	post(tokenA, `{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	post(tokenA, modifyCall(id, "Vom Angreifer bestätigt"))
	preview := next(ctx, t, msgs, "preview", func(m rpcMessage) bool { return string(m.ID) == "7" })
	tok := hostedTokenRE.FindStringSubmatch(resultText(preview))
	if tok == nil {
		t.Fatalf("no confirmation token in the preview: %s", resultText(preview))
	}
	confirmed := fmt.Sprintf(`{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"estate_modify","arguments":{"id":%d,"data":{"objekttitel":"Vom Angreifer bestätigt"},"confirmation_token":%q}}}`, id, tok[1])

	for _, body := range []string{`{"jsonrpc":"2.0","id":1,"result":{"action":"accept","content":{}}}`, confirmed} {
		if code := post(tokenA2, body); code != http.StatusNotFound {
			t.Errorf("another caller's message %.40s…: %d, want 404", body, code)
		}
	}
	if n := modifies(sb); n != 0 {
		t.Fatalf("another caller's messages ran %d writes", n)
	}
	// The session's owner can still use it.
	if code := post(tokenA, confirmed); code != http.StatusAccepted {
		t.Fatalf("the owner's confirmed call: %d", code)
	}
	next(ctx, t, msgs, "confirmed result", func(m rpcMessage) bool { return string(m.ID) == "8" })
	if n := modifies(sb); n != 1 {
		t.Errorf("the owner's confirmed call: %d writes, want 1", n)
	}
}

// TestHostedSessionOfAnotherCaller: a session id presented with the other
// token of the same agency is unknown (404), on every kind of request.
func TestHostedSessionOfAnotherCaller(t *testing.T) {
	h, sb := approvalSetup(t)
	ctx := testCtx(t)
	id, title := firstEstate(t, sb)
	sid := rawSession(ctx, t, h.URL, tokenA)
	read := fmt.Sprintf(`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"estate_read","arguments":{"id":%d,"data":["objekttitel"]}}}`, id)
	for _, tc := range []struct {
		method, body string
	}{{"POST", read}, {"GET", ""}, {"DELETE", ""}} {
		req, _ := http.NewRequestWithContext(ctx, tc.method, h.URL+"/mcp", strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		req.Header.Set("Authorization", "Bearer "+tokenA2)
		req.Header.Set("Mcp-Session-Id", sid)
		req.Header.Set("Mcp-Protocol-Version", "2025-11-25")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound || strings.Contains(string(b), title) {
			t.Errorf("%s with another caller's session: %d %.200s", tc.method, resp.StatusCode, b)
		}
	}
	resp := rawPost(ctx, t, h.URL, tokenA, sid, read)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), title) {
		t.Errorf("the owner's read: %d %.200s", resp.StatusCode, b)
	}
	for _, line := range h.logLines("http request") {
		if s, _ := line["session"].(string); strings.Contains(s, sid) || len(s) > 8 {
			t.Errorf("access log line with the full session id: %v", line)
		}
	}
}

// TestHostedReplicasShareSessions: two servers with the same keys (two
// replicas behind a load balancer) both serve the owner's session, with no
// memory in common; a server with another key does not know it.
func TestHostedReplicasShareSessions(t *testing.T) {
	one, sb := approvalSetup(t)
	cfg := *one.Config
	two := serveHosted(t, &cfg)
	other := cfg
	other.Guard.ConfirmKey = config.Secret("another-confirmation-key-0123456789abcdef")
	stranger := serveHosted(t, &other)

	ctx := testCtx(t)
	id, title := firstEstate(t, sb)
	sid := rawSession(ctx, t, one.URL, tokenA)
	read := fmt.Sprintf(`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"estate_read","arguments":{"id":%d,"data":["objekttitel"]}}}`, id)
	for _, tc := range []struct {
		name  string
		h     *hosted
		token string
		want  int
	}{{"replica one", one, tokenA, 200}, {"replica two", two, tokenA, 200}, {"replica two, other caller", two, tokenA2, 404}, {"server with another key", stranger, tokenA, 404}} {
		resp := rawPost(ctx, t, tc.h.URL, tc.token, sid, read)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want || (tc.want == 200) != strings.Contains(string(b), title) {
			t.Errorf("%s: %d %.200s, want %d", tc.name, resp.StatusCode, b, tc.want)
		}
	}
}

// TestHostedPromptEndsAtTheTTL: nobody answers the prompt; the call ends
// at the confirmation TTL with nothing changed, and the audit log says so.
func TestHostedPromptEndsAtTheTTL(t *testing.T) {
	h, sb := approvalSetup(t, "--confirm-ttl=1s")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	id, _ := firstEstate(t, sb)
	sid := rawSession(ctx, t, h.URL, tokenA)
	_, results := promptOf(ctx, t, h.URL, sid, id)
	res := next(ctx, t, results, "result after the TTL", func(m rpcMessage) bool { return len(m.Result) > 0 })
	if text := resultText(res); !strings.Contains(text, "not confirmed; nothing was changed") || !strings.Contains(text, "1 second") {
		t.Errorf("unanswered prompt: %q", text)
	}
	if n := modifies(sb); n != 0 {
		t.Errorf("%d writes after an unanswered prompt", n)
	}
	var e struct{ Tool, Outcome, Reason, Caller string }
	if err := json.Unmarshal([]byte(strings.TrimSpace(h.Audit.String())), &e); err != nil ||
		e.Tool != "estate_modify" || e.Outcome != "refused" || !strings.Contains(e.Reason, "nobody answered") || !strings.HasPrefix(e.Caller, "a (request ") {
		t.Errorf("audit: %s (%v)", h.Audit.String(), err)
	}
}

// TestHostedSSEGuardedWritesRefused: with --sse-guarded-writes=refuse
// (here set for the tenant), a guarded write over SSE runs nothing and
// gets no token; reads go on; the refusal is audited.
func TestHostedSSEGuardedWritesRefused(t *testing.T) {
	sb, apiURL := newSandbox(t, "", "")
	file := writeTenants(t, map[string]any{"tenants": []any{map[string]any{
		"name": "a", "bearer_tokens": []any{tokenA}, "api_url": apiURL, "sse_guarded_writes": "refuse",
		"onoffice_token": sandbox.DemoToken, "onoffice_secret": sandbox.DemoSecret,
	}}})
	h := startHosted(t, nil, "--tenants="+file)
	ctx := testCtx(t)
	id, title := firstEstate(t, sb)
	sse := mustConnect(t, peerKindsNamed("go-sdk sse")[0], h.URL, &recorder{headers: bearer(tokenA)})
	text, isErr, err := sse.call(ctx, "estate_modify", map[string]any{"id": id, "data": map[string]any{"objekttitel": "x"}})
	if err != nil || !isErr || !strings.Contains(text, "Not run, nothing was changed") || strings.Contains(text, "confirmation_token") {
		t.Errorf("guarded write over SSE: %q %v %v", text, isErr, err)
	}
	if text, isErr, err := sse.call(ctx, "estate_read", map[string]any{"id": id, "data": []string{"objekttitel"}}); err != nil || isErr || !strings.Contains(text, title) {
		t.Errorf("read over SSE: %q %v %v", text, isErr, err)
	}
	if !strings.Contains(h.Audit.String(), `"outcome":"refused"`) || modifies(sb) != 0 {
		t.Errorf("audit %s, %d writes", h.Audit.String(), modifies(sb))
	}
	// Over streamable HTTP the same tenant still gets its preview.
	mcpc := mustConnect(t, peerKindsNamed("go-sdk streamable")[0], h.URL, &recorder{headers: bearer(tokenA)})
	if text, _, err := mcpc.call(ctx, "estate_modify", map[string]any{"id": id, "data": map[string]any{"objekttitel": "x"}}); err != nil || !strings.Contains(text, "confirmation_token") {
		t.Errorf("guarded write over streamable HTTP: %q %v", text, err)
	}
}
