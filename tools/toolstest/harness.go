// Package toolstest runs the whole server for tests: the sandbox behind a
// real HTTP listener, the onOffice client with real signing, and the MCP
// server driven by mcp-go's client over the JSON-RPC layer.
package toolstest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
)

// DemoDate is the reference day the harnesses pin the sandbox's demo data
// to, so that tests see the same data whatever day they run.
var DemoDate = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

// Harness is a running sandbox plus an MCP client connected to our server.
type Harness struct {
	Sandbox *sandbox.Server
	URL     string
	Config  *config.Config
	Client  *client.Client
	// Instructions are the server instructions of the handshake.
	Instructions string

	server messageHandler
}

// messageHandler is the part of mcp-go's server that answers one JSON-RPC
// message, as its transports call it.
type messageHandler interface {
	HandleMessage(ctx context.Context, message json.RawMessage) mcp.JSONRPCMessage
}

// Wire sends one request to the server as a transport does and returns
// the result exactly as the server encodes it for the wire (the client's
// decoded copy re-encodes it differently, e.g. with an empty "required").
func (h *Harness) Wire(t testing.TB, method string, params any) json.RawMessage {
	t.Helper()
	req, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(h.server.HandleMessage(context.Background(), req))
	if err != nil {
		t.Fatal(err)
	}
	var resp struct {
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(raw, &resp); err != nil || resp.Error != nil {
		t.Fatalf("%s: %s (%v)", method, raw, err)
	}
	return resp.Result
}

// New starts a harness with every tool enabled. Flags are server flags
// (e.g. "--read-only"); the guards are wired as in production, with
// confirmation off unless a --confirm flag says otherwise, so that tests of
// single tools see their writes run.
func New(t testing.TB, flags ...string) *Harness {
	t.Helper()
	return NewGuarded(t, WithFlags(append([]string{"--confirm=off"}, flags...)...)).Harness
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
