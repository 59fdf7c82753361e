package mcpserver_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard/redisstore/redistest"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// Bearer tokens and onOffice credentials of the hosted-mode tests. None of
// them may ever show up in a log line.
const (
	tokenA  = "tenant-a-bearer-0123456789abcdef"
	tokenA2 = "tenant-a-second-bearer-00000000a2" // another person of agency a
	tokenB  = "tenant-b-bearer-fedcba9876543210"
	tokenC  = "tenant-c-bearer-c0c0c0c0c0c0c0c0"
	wrongTk = "not-a-known-bearer-token-000000"
	apiTokB = "agencyBtoken000000000000000000B2"
	apiSecB = "agencyBsecret-0000000000000000000000000000000000000000000000000B2"
)

// secrets lists every credential of the tests, for the log checks.
var secrets = []string{tokenA, tokenA2, tokenB, tokenC, wrongTk, apiTokB, apiSecB, sandbox.DemoToken, sandbox.DemoSecret, redistest.Password}

// --- a hosted server on loopback ---

type hosted struct {
	URL    string
	Server *mcpserver.HTTPServer
	Config *config.Config
	Logs   *toolstest.LogBuffer
	Audit  *toolstest.LogBuffer
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
	err    error
	// deadline bounds the wait for Serve to return (the test's deadline).
	deadline context.Context
}

// startHosted loads a configuration from flags and env (as the binary
// would), and serves it on a free loopback port until the test ends.
func startHosted(t testing.TB, env map[string]string, flags ...string) *hosted {
	t.Helper()
	cfg, err := config.Load(append([]string{"--transport=http", "--addr=127.0.0.1:0"}, flags...),
		func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	return serveHosted(t, cfg)
}

func serveHosted(t testing.TB, cfg *config.Config) *hosted {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return serveHostedOn(t, cfg, ln)
}

// serveHostedOn serves cfg on ln, for tests that need the address first.
func serveHostedOn(t testing.TB, cfg *config.Config, ln net.Listener) *hosted {
	t.Helper()
	h := &hosted{Config: cfg, Logs: &toolstest.LogBuffer{}, Audit: &toolstest.LogBuffer{}, done: make(chan error, 1)}
	log := slog.New(slog.NewJSONHandler(h.Logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, err := mcpserver.NewHTTP(cfg, log, mcpserver.HTTPOptions{AuditOut: h.Audit})
	if err != nil {
		t.Fatalf("NewHTTP: %v", err)
	}
	h.Server = srv
	h.URL = "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.done <- srv.Serve(ctx, ln) }()
	deadline, stop := untilTestDeadline(t)
	h.deadline = deadline
	t.Cleanup(func() {
		defer stop()
		if err := h.Stop(); err != nil {
			t.Errorf("Serve: %v", err)
		}
		for _, s := range secrets {
			if strings.Contains(h.Logs.String(), s) || strings.Contains(h.Audit.String(), s) {
				t.Errorf("a credential (%.6s…) appears in the log", s)
			}
		}
	})
	return h
}

// Stop shuts the server down as SIGTERM would and returns Serve's result.
func (h *hosted) Stop() error {
	h.once.Do(func() {
		h.cancel()
		select {
		case h.err = <-h.done:
		case <-h.deadline.Done():
			h.err = errors.New("Serve did not return after the shutdown by the test's deadline")
		}
	})
	return h.err
}

// logLines returns the JSON log lines with the given message.
func (h *hosted) logLines(msg string) []map[string]any {
	var out []map[string]any
	for _, line := range strings.Split(h.Logs.String(), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) == nil && m["msg"] == msg {
			out = append(out, m)
		}
	}
	return out
}

// newSandbox serves a sandbox over real HTTP; empty credentials are the demo pair.
func newSandbox(t testing.TB, token, secret string) (*sandbox.Server, string) {
	t.Helper()
	var opts []sandbox.ServerOption
	if token != "" {
		opts = append(opts, sandbox.WithCredentials(token, secret))
	}
	sb := sandbox.New(opts...)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return sb, srv.URL + sandbox.StablePath
}

// demoEnv is the environment of a single-tenant server against a sandbox.
func demoEnv(apiURL string, extra ...string) map[string]string {
	env := map[string]string{
		"ONOFFICE_TOKEN":   sandbox.DemoToken,
		"ONOFFICE_SECRET":  sandbox.DemoSecret,
		"ONOFFICE_API_URL": apiURL,
	}
	for i := 0; i+1 < len(extra); i += 2 {
		env[extra[i]] = extra[i+1]
	}
	return env
}

// --- HTTP with recorded answers ---

// recorder adds headers to every request of a client and remembers the
// status of every answer, so tests see the 401 behind a client's error.
type recorder struct {
	headers map[string]string
	mu      sync.Mutex
	seen    []seenAnswer
	once    sync.Once
	tr      *http.Transport // own connection pool, like a separate client
}

type seenAnswer struct {
	method, path string
	status       int
	challenge    string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	for k, v := range r.headers {
		if strings.EqualFold(k, "Host") {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	r.once.Do(func() { r.tr = http.DefaultTransport.(*http.Transport).Clone() })
	resp, err := r.tr.RoundTrip(req)
	if err == nil {
		r.mu.Lock()
		r.seen = append(r.seen, seenAnswer{req.Method, req.URL.Path, resp.StatusCode, resp.Header.Get("WWW-Authenticate")})
		r.mu.Unlock()
	}
	return resp, err
}

func (r *recorder) answers() []seenAnswer {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seenAnswer(nil), r.seen...)
}

func (r *recorder) client() *http.Client { return &http.Client{Transport: r} }

// bearer returns request headers with the token (none for "").
func bearer(token string, extra ...string) map[string]string {
	h := map[string]string{}
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	for i := 0; i+1 < len(extra); i += 2 {
		h[extra[i]] = extra[i+1]
	}
	return h
}

// --- MCP peers: mcp-go's client and the official Go SDK's ---

// peer is a connected MCP client of either implementation.
type peer interface {
	tools(ctx context.Context) ([]string, error)
	call(ctx context.Context, name string, args map[string]any) (text string, isError bool, err error)
	close()
}

// peerKind connects one client implementation over one transport.
type peerKind struct {
	name    string
	connect func(ctx context.Context, base string, rec *recorder) (peer, error)
}

var peerKinds = []peerKind{
	{"mcp-go streamable", func(ctx context.Context, base string, rec *recorder) (peer, error) {
		c, err := client.NewStreamableHttpClient(base+mcpserver.PathStreamable, transport.WithHTTPBasicClient(rec.client()))
		if err != nil {
			return nil, err
		}
		return startMCPGo(ctx, c, "")
	}},
	{"mcp-go streamable 2025-11-25", func(ctx context.Context, base string, rec *recorder) (peer, error) {
		c, err := client.NewStreamableHttpClient(base+mcpserver.PathStreamable, transport.WithHTTPBasicClient(rec.client()))
		if err != nil {
			return nil, err
		}
		return startMCPGo(ctx, c, mcp.ProtocolVersion20251125)
	}},
	{"mcp-go sse", func(ctx context.Context, base string, rec *recorder) (peer, error) {
		c, err := client.NewSSEMCPClient(base+mcpserver.PathSSE, client.WithHTTPClient(rec.client()))
		if err != nil {
			return nil, err
		}
		return startMCPGo(ctx, c, mcp.ProtocolVersion20251125)
	}},
	{"go-sdk streamable", func(ctx context.Context, base string, rec *recorder) (peer, error) {
		return connectSDK(ctx, &sdk.StreamableClientTransport{Endpoint: base + mcpserver.PathStreamable, HTTPClient: rec.client(), MaxRetries: -1}, "")
	}},
	{"go-sdk streamable 2025-11-25", func(ctx context.Context, base string, rec *recorder) (peer, error) {
		return connectSDK(ctx, &sdk.StreamableClientTransport{Endpoint: base + mcpserver.PathStreamable, HTTPClient: rec.client(), MaxRetries: -1}, "2025-11-25")
	}},
	{"go-sdk sse", func(ctx context.Context, base string, rec *recorder) (peer, error) {
		return connectSDK(ctx, &sdk.SSEClientTransport{Endpoint: base + mcpserver.PathSSE, HTTPClient: rec.client()}, "2025-11-25")
	}},
}

// peerKindsByTransport picks one client per transport for the tests that
// need fewer combinations.
func peerKindsNamed(names ...string) []peerKind {
	var out []peerKind
	for _, k := range peerKinds {
		for _, n := range names {
			if k.name == n {
				out = append(out, k)
			}
		}
	}
	return out
}

type mcpGoPeer struct{ c *client.Client }

func startMCPGo(ctx context.Context, c *client.Client, protocol string) (peer, error) {
	if err := c.Start(ctx); err != nil {
		return nil, err
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = protocol
	init.Params.ClientInfo = mcp.Implementation{Name: "hosted-test", Version: "1"}
	if _, err := c.Initialize(ctx, init); err != nil {
		_ = c.Close()
		return nil, err
	}
	return mcpGoPeer{c}, nil
}

func (p mcpGoPeer) tools(ctx context.Context) ([]string, error) {
	res, err := p.c.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		return nil, err
	}
	return sortedNames(res.Tools, func(t mcp.Tool) string { return t.Name }), nil
}

// sortedNames returns the names of a tool list in order.
func sortedNames[T any](list []T, name func(T) string) []string {
	var names []string
	for _, t := range list {
		names = append(names, name(t))
	}
	sort.Strings(names)
	return names
}

func (p mcpGoPeer) call(ctx context.Context, name string, args map[string]any) (string, bool, error) {
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	req.Params.Arguments = args
	res, err := p.c.CallTool(ctx, req)
	if err != nil {
		return "", false, err
	}
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String(), res.IsError, nil
}

func (p mcpGoPeer) close() { _ = p.c.Close() }

type sdkPeer struct{ s *sdk.ClientSession }

func connectSDK(ctx context.Context, tr sdk.Transport, protocol string) (peer, error) {
	c := sdk.NewClient(&sdk.Implementation{Name: "hosted-test-sdk", Version: "1"}, nil)
	var opts *sdk.ClientSessionOptions
	if protocol != "" {
		opts = &sdk.ClientSessionOptions{ProtocolVersion: protocol}
	}
	s, err := c.Connect(ctx, tr, opts)
	if err != nil {
		return nil, err
	}
	return sdkPeer{s}, nil
}

func (p sdkPeer) tools(ctx context.Context) ([]string, error) {
	res, err := p.s.ListTools(ctx, nil)
	if err != nil {
		return nil, err
	}
	return sortedNames(res.Tools, func(t *sdk.Tool) string { return t.Name }), nil
}

func (p sdkPeer) call(ctx context.Context, name string, args map[string]any) (string, bool, error) {
	res, err := p.s.CallTool(ctx, &sdk.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		return "", false, err
	}
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String(), res.IsError, nil
}

func (p sdkPeer) close() { _ = p.s.Close() }

func testCtx(t testing.TB) context.Context {
	ctx, cancel := untilTestDeadline(t)
	t.Cleanup(cancel)
	return ctx
}

// untilTestDeadline is a context that ends shortly before the test
// binary's deadline (go test -timeout), or never: waits in tests end on
// events, and a loaded machine only makes them slower, never fails them.
func untilTestDeadline(t testing.TB) (context.Context, context.CancelFunc) {
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if deadline, ok := d.Deadline(); ok {
			// Leave a little time to report what was waited for.
			return context.WithDeadline(context.Background(), deadline.Add(-2*time.Second))
		}
	}
	return context.WithCancel(context.Background())
}

// mustConnect connects a peer or fails the test.
func mustConnect(t testing.TB, k peerKind, base string, rec *recorder) peer {
	t.Helper()
	p, err := k.connect(testCtx(t), base, rec)
	if err != nil {
		t.Fatalf("%s: connect: %v", k.name, err)
	}
	t.Cleanup(p.close)
	return p
}

// firstEstate returns an estate of the sandbox with its title.
func firstEstate(t testing.TB, sb *sandbox.Server) (int, string) {
	t.Helper()
	for _, r := range sb.Store().Table("estate").Records {
		if title, _ := r["objekttitel"].(string); title != "" {
			return r["Id"].(int), title
		}
	}
	t.Fatal("no estate with a title in the sandbox")
	return 0, ""
}

// --- tests ---

// TestHostedAuthentication: through both client implementations over both
// transports, no token and a wrong token get 401 with a Bearer challenge,
// a browser origin that is not allowed gets 403 even with the right token,
// and the right token lists and calls tools.
func TestHostedAuthentication(t *testing.T) {
	sb, apiURL := newSandbox(t, "", "")
	h := startHosted(t, demoEnv(apiURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA+","+tokenB))
	id, title := firstEstate(t, sb)

	for _, k := range peerKinds {
		t.Run(k.name, func(t *testing.T) {
			for _, tc := range []struct {
				name      string
				headers   map[string]string
				status    int
				challenge string
			}{
				{"no token", bearer(""), 401, `Bearer realm="onoffice-mcp"`},
				{"wrong token", bearer(wrongTk), 401, `Bearer realm="onoffice-mcp", error="invalid_token"`},
				{"right token, bad origin", bearer(tokenB, "Origin", "https://evil.example"), 403, ""},
			} {
				rec := &recorder{headers: tc.headers}
				p, err := k.connect(testCtx(t), h.URL, rec)
				if err == nil {
					p.close()
					t.Fatalf("%s: connected", tc.name)
				}
				answers := rec.answers()
				if len(answers) == 0 {
					t.Fatalf("%s: no HTTP answer seen (error %v)", tc.name, err)
				}
				for _, a := range answers {
					if a.status != tc.status || !strings.HasPrefix(a.challenge, tc.challenge) {
						t.Errorf("%s: %s %s answered %d %q, want %d %q", tc.name, a.method, a.path, a.status, a.challenge, tc.status, tc.challenge)
					}
				}
			}

			rec := &recorder{headers: bearer(tokenB)}
			p := mustConnect(t, k, h.URL, rec)
			ctx := testCtx(t)
			names, err := p.tools(ctx)
			if err != nil || len(names) == 0 {
				t.Fatalf("list tools: %v %v", names, err)
			}
			text, isErr, err := p.call(ctx, "estate_read", map[string]any{"id": id, "data": []string{"objekttitel"}})
			if err != nil || isErr || !strings.Contains(text, title) {
				t.Errorf("estate_read %d: %q isError=%v err=%v, want the title %q", id, text, isErr, err, title)
			}
			for _, a := range rec.answers() {
				if a.status == http.StatusUnauthorized {
					t.Errorf("%s %s answered 401 with the right token", a.method, a.path)
				}
			}
		})
	}

	// Refusals are logged with the reason, never with the token.
	refused := map[string]int{}
	for _, l := range h.logLines("http request") {
		if r, _ := l["refused"].(string); r != "" && l["level"] == "WARN" {
			refused[r]++
		}
	}
	for _, reason := range []string{"auth: missing", "auth: invalid", "origin"} {
		if refused[reason] < len(peerKinds) {
			t.Errorf("%d requests refused for %q logged, want at least %d", refused[reason], reason, len(peerKinds))
		}
	}
}

// TestHostedRawChecks covers the HTTP-level rules on every MCP path with a
// plain HTTP client: tokens, Origin, Host, body size, CORS preflight.
func TestHostedRawChecks(t *testing.T) {
	_, apiURL := newSandbox(t, "", "")
	h := startHosted(t, demoEnv(apiURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA),
		"--allowed-origins=https://app.example.com", "--max-body-bytes=4096")
	initBody := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`
	big := `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"` + strings.Repeat("x", 5000) + `"}}`

	tests := []struct {
		name       string
		method     string
		path       string
		headers    map[string]string
		body       string
		wantStatus int
		wantHeader [2]string
	}{
		{"no token /mcp", "POST", "/mcp", nil, initBody, 401, [2]string{"WWW-Authenticate", `Bearer realm="onoffice-mcp"`}},
		{"no token /sse", "GET", "/sse", nil, "", 401, [2]string{"WWW-Authenticate", `Bearer realm="onoffice-mcp"`}},
		{"no token /message", "POST", "/message?sessionId=x", nil, initBody, 401, [2]string{"WWW-Authenticate", `Bearer realm="onoffice-mcp"`}},
		{"basic auth is no bearer", "POST", "/mcp", map[string]string{"Authorization": "Basic " + tokenA}, initBody, 401, [2]string{}},
		{"wrong token", "POST", "/mcp", bearer(wrongTk), initBody, 401, [2]string{"WWW-Authenticate", `Bearer realm="onoffice-mcp", error="invalid_token", error_description="the bearer token is not valid"`}},
		{"token prefix", "POST", "/mcp", bearer(tokenA[:len(tokenA)-1]), initBody, 401, [2]string{}},
		{"right token", "POST", "/mcp", bearer(tokenA, "Accept", "application/json, text/event-stream"), initBody, 200, [2]string{}},
		{"lower-case scheme", "POST", "/mcp", map[string]string{"Authorization": "bearer " + tokenA, "Accept": "application/json, text/event-stream"}, initBody, 200, [2]string{}},
		{"bad origin", "POST", "/mcp", bearer(tokenA, "Origin", "https://evil.example"), initBody, 403, [2]string{}},
		{"bad origin /sse", "GET", "/sse", bearer(tokenA, "Origin", "https://evil.example"), "", 403, [2]string{}},
		{"bad origin /message", "POST", "/message?sessionId=x", bearer(tokenA, "Origin", "http://localhost.evil.example"), initBody, 403, [2]string{}},
		{"null origin", "POST", "/mcp", bearer(tokenA, "Origin", "null"), initBody, 403, [2]string{}},
		{"bad origin before auth", "POST", "/mcp", map[string]string{"Origin": "https://evil.example"}, initBody, 403, [2]string{}},
		{"allowed origin", "POST", "/mcp", bearer(tokenA, "Origin", "https://app.example.com", "Accept", "application/json, text/event-stream"), initBody, 200,
			[2]string{"Access-Control-Allow-Origin", "https://app.example.com"}},
		{"localhost origin on loopback", "POST", "/mcp", bearer(tokenA, "Origin", "http://localhost:6274", "Accept", "application/json, text/event-stream"), initBody, 200,
			[2]string{"Access-Control-Allow-Origin", "http://localhost:6274"}},
		{"preflight of an allowed origin", "OPTIONS", "/mcp", map[string]string{"Origin": "https://app.example.com", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type"}, "", 204,
			[2]string{"Access-Control-Allow-Origin", "https://app.example.com"}},
		{"preflight of a bad origin", "OPTIONS", "/mcp", map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}, "", 403, [2]string{}},
		{"rebound host name", "POST", "/mcp", bearer(tokenA, "Host", "attacker.example:8080"), initBody, 403, [2]string{}},
		{"rebound host name on health", "GET", "/healthz", map[string]string{"Host": "attacker.example"}, "", 200, [2]string{}},
		{"body too large", "POST", "/mcp", bearer(tokenA), big, 413, [2]string{}},
		{"unknown path", "GET", "/admin", bearer(tokenA), "", 404, [2]string{}},
		{"health without token", "GET", "/healthz", nil, "", 200, [2]string{"Content-Type", "application/json"}},
		{"ready without token", "GET", "/readyz", nil, "", 200, [2]string{"Content-Type", "application/json"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			req, err := http.NewRequest(tc.method, h.URL+tc.path, body)
			if err != nil {
				t.Fatal(err)
			}
			if tc.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			resp, err := (&recorder{headers: tc.headers}).client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if tc.method == "GET" && tc.wantStatus == 200 && strings.HasPrefix(tc.path, "/sse") {
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			if k := tc.wantHeader[0]; k != "" && resp.Header.Get(k) != tc.wantHeader[1] {
				t.Errorf("%s: %q, want %q", k, resp.Header.Get(k), tc.wantHeader[1])
			}
			if resp.Header.Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id")
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got == "*" {
				t.Error("Access-Control-Allow-Origin: *")
			}
		})
	}
}

// TestHostedSSEStreamHasNoWildcardCORS: mcp-go's SSE stream would allow any
// origin by default; ours names allowed origins only.
func TestHostedSSEStreamHasNoWildcardCORS(t *testing.T) {
	_, apiURL := newSandbox(t, "", "")
	h := startHosted(t, demoEnv(apiURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA))
	for _, origin := range []string{"", "http://127.0.0.1:5173"} {
		req, _ := http.NewRequest("GET", h.URL+"/sse", nil)
		req.Header.Set("Authorization", "Bearer "+tokenA)
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got := resp.Header.Get("Access-Control-Allow-Origin")
		resp.Body.Close()
		if resp.StatusCode != 200 || got != origin {
			t.Errorf("origin %q: status %d, Access-Control-Allow-Origin %q", origin, resp.StatusCode, got)
		}
	}
}

// TestHostedAllowedHosts: behind a proxy the public name is configured;
// other Host headers are refused, health checks still answer.
func TestHostedAllowedHosts(t *testing.T) {
	_, apiURL := newSandbox(t, "", "")
	h := startHosted(t, demoEnv(apiURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA), "--allowed-hosts=mcp.example.com")
	for host, want := range map[string]int{"mcp.example.com": 200, "MCP.example.com:443": 200, "127.0.0.1": 403, "other.example.com": 403} {
		req, _ := http.NewRequest("POST", h.URL+"/mcp", strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		resp, err := (&recorder{headers: bearer(tokenA, "Host", host)}).client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// TestHostedSSESessionsNeedTheirToken: a message to an SSE session needs a
// token as well; a token of another tenant finds no such session.
func TestHostedMessageEndpointNeedsToken(t *testing.T) {
	_, apiURL := newSandbox(t, "", "")
	h := startHosted(t, demoEnv(apiURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA))
	endpoint := openSSE(t, h.URL, tokenA)
	req, _ := http.NewRequest("POST", h.URL+endpoint, strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"ping"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("message without token: %d", resp.StatusCode)
	}
}

// openSSE opens an SSE stream and returns the message endpoint it names;
// the stream stays open until the test ends.
func openSSE(t testing.TB, base, token string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/sse", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("SSE stream: %d", resp.StatusCode)
	}
	t.Cleanup(func() { resp.Body.Close() })
	buf := make([]byte, 4096)
	var got strings.Builder
	for !strings.Contains(got.String(), "\r\n\r\n") && !strings.Contains(got.String(), "\n\n") {
		n, err := resp.Body.Read(buf)
		got.Write(buf[:n])
		if err != nil {
			t.Fatalf("SSE stream: %v after %q", err, got.String())
		}
	}
	for _, line := range strings.Split(got.String(), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "data: "); ok {
			return rest
		}
	}
	t.Fatalf("no endpoint event in %q", got.String())
	return ""
}

// TestHostedHealthAndReadiness: /healthz is alive whatever onOffice says;
// /readyz makes a signed call per tenant (credentials checked) and says
// ready, degraded or unready, without naming tenants.
func TestHostedHealthAndReadiness(t *testing.T) {
	_, goodURL := newSandbox(t, "", "")
	_, otherURL := newSandbox(t, apiTokB, apiSecB) // the demo pair is wrong here

	get := func(base, path string) (int, map[string]any) {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	t.Run("single tenant", func(t *testing.T) {
		good := startHosted(t, demoEnv(goodURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA))
		bad := startHosted(t, demoEnv(otherURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA))
		none := startHosted(t, map[string]string{"ONOFFICE_API_URL": goodURL, "ONOFFICE_MCP_AUTH_TOKENS": tokenA})
		for _, tc := range []struct {
			h      *hosted
			code   int
			status string
		}{{good, 200, "ready"}, {bad, 503, "unready"}, {none, 503, "unready"}} {
			if code, m := get(tc.h.URL, "/healthz"); code != 200 || m["status"] != "alive" {
				t.Errorf("healthz %d %v", code, m)
			}
			if code, m := get(tc.h.URL, "/readyz"); code != tc.code || m["status"] != tc.status {
				t.Errorf("readyz %d %v, want %d %s", code, m, tc.code, tc.status)
			}
		}
		if lines := bad.logLines("readiness check failed: onOffice does not accept the credentials or cannot be reached"); len(lines) != 1 || lines[0]["tenant"] != "default" {
			t.Errorf("readiness failure log: %v", lines)
		}
	})
	t.Run("tenants", func(t *testing.T) {
		file := writeTenants(t, map[string]any{"tenants": []any{
			map[string]any{"name": "good", "bearer_tokens": []any{tokenA}, "api_url": goodURL,
				"onoffice_token": sandbox.DemoToken, "onoffice_secret": sandbox.DemoSecret},
			map[string]any{"name": "revoked", "bearer_tokens": []any{tokenB}, "api_url": otherURL,
				"onoffice_token": sandbox.DemoToken, "onoffice_secret": sandbox.DemoSecret},
		}})
		h := startHosted(t, nil, "--tenants="+file)
		code, m := get(h.URL, "/readyz")
		if code != 200 || m["status"] != "degraded" || m["ready"] != 1.0 || m["tenants"] != 2.0 {
			t.Errorf("readyz %d %v, want 200 degraded 1 of 2", code, m)
		}
		if strings.Contains(fmt.Sprint(m), "revoked") {
			t.Errorf("readyz names a tenant: %v", m)
		}
	})
}

// writeTenants writes a tenants file for a test.
func writeTenants(t testing.TB, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tenants.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
