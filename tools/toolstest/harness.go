// Package toolstest runs the whole server for tests: the sandbox behind a
// real HTTP listener, the onOffice client with real signing, and the MCP
// server driven by mcp-go's client over the JSON-RPC layer.
package toolstest

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
)

// Harness is a running sandbox plus an MCP client connected to our server.
type Harness struct {
	Sandbox *sandbox.Server
	URL     string
	Config  *config.Config
	Client  *client.Client
}

// New starts a harness. Flags are server flags (e.g. "--toolsets=all");
// by default every tool is enabled.
func New(t testing.TB, flags ...string) *Harness {
	t.Helper()
	sb := sandbox.New()
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	url := srv.URL + sandbox.StablePath
	env := map[string]string{
		"ONOFFICE_TOKEN":    sandbox.DemoToken,
		"ONOFFICE_SECRET":   sandbox.DemoSecret,
		"ONOFFICE_API_URL":  url,
		"ONOFFICE_TOOLSETS": "all",
	}
	cfg, err := config.Load(flags, func(k string) string { return env[k] }, &strings.Builder{})
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	h := &Harness{Sandbox: sb, URL: url, Config: cfg}
	h.Client = Connect(t, cfg)
	return h
}

// Connect builds the MCP server of a configuration and an initialized client for it.
func Connect(t testing.TB, cfg *config.Config) *client.Client {
	t.Helper()
	log := Logger(t)
	api := mcpserver.Client(cfg, log)
	s := mcpserver.New(mcpserver.Options{Env: mcpserver.EnvFor(cfg, api, log), Selection: mcpserver.SelectionFor(cfg), Logger: log})
	c, err := client.NewInProcessClient(s)
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	ctx := context.Background()
	if err := c.Start(ctx); err != nil {
		t.Fatalf("start: %v", err)
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = mcp.LATEST_PROTOCOL_VERSION
	init.Params.ClientInfo = mcp.Implementation{Name: "toolstest", Version: "1"}
	if _, err := c.Initialize(ctx, init); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// Result is a tool result reduced to what tests check.
type Result struct {
	Text       string
	IsError    bool
	Structured map[string]any
}

// Call calls a tool with arguments given as a JSON string or any value.
func (h *Harness) Call(t testing.TB, name string, args any) Result {
	t.Helper()
	return Call(t, h.Client, name, args)
}

// Call calls a tool through any client.
func Call(t testing.TB, c *client.Client, name string, args any) Result {
	t.Helper()
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	switch a := args.(type) {
	case string:
		req.Params.Arguments = json.RawMessage(a)
	default:
		req.Params.Arguments = a
	}
	res, err := c.CallTool(context.Background(), req)
	if err != nil {
		t.Fatalf("call %s: %v", name, err)
	}
	out := Result{IsError: res.IsError}
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			out.Text += tc.Text
		}
	}
	if m, ok := res.StructuredContent.(map[string]any); ok {
		out.Structured = m
	}
	return out
}

// Requests returns the actions the sandbox received.
func (h *Harness) Requests() []sandbox.LoggedAction { return h.Sandbox.Requests() }

// WriteRequests counts received actions whose verb is not read or get.
func (h *Harness) WriteRequests() int {
	n := 0
	for _, r := range h.Requests() {
		if r.Verb != "read" && r.Verb != "get" {
			n++
		}
	}
	return n
}
