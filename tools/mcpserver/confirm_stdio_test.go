package mcpserver_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/server"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// guardedStdioSDK serves a guarded server over stdio framing (pipes) and
// connects the official Go SDK's client to it: an independent peer.
func guardedStdioSDK(t *testing.T, protocol string, elicit func(context.Context, *sdk.ElicitRequest) (*sdk.ElicitResult, error)) (*sdk.ClientSession, *sandbox.Server, *toolstest.LogBuffer) {
	t.Helper()
	sb := sandbox.New()
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	env := map[string]string{"ONOFFICE_TOKEN": sandbox.DemoToken, "ONOFFICE_SECRET": sandbox.DemoSecret, "ONOFFICE_API_URL": srv.URL + sandbox.StablePath}
	cfg, err := config.Load([]string{"--toolsets=all"}, func(k string) string { return env[k] }, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	audit := &toolstest.LogBuffer{}
	g, err := mcpserver.GuardFor(cfg, audit)
	if err != nil {
		t.Fatal(err)
	}
	log := toolstest.Logger(t)
	s := mcpserver.New(mcpserver.Options{Env: mcpserver.EnvFor(cfg, mcpserver.Client(cfg, log), log), Selection: mcpserver.SelectionFor(cfg), Logger: log, Guard: g})

	ctx, cancel := context.WithCancel(context.Background())
	c2sR, c2sW := io.Pipe()
	s2cR, s2cW := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = server.NewStdioServer(s).Listen(ctx, c2sR, s2cW)
	}()
	client := sdk.NewClient(&sdk.Implementation{Name: "go-sdk-e2e", Version: "1"}, &sdk.ClientOptions{ElicitationHandler: elicit})
	cs, err := client.Connect(ctx, &sdk.IOTransport{Reader: s2cR, Writer: c2sW}, &sdk.ClientSessionOptions{ProtocolVersion: protocol})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cs.Close()
		cancel()
		_ = c2sR.Close()
		_ = s2cW.Close()
		wait, stop := untilTestDeadline(t)
		defer stop()
		select {
		case <-done:
		case <-wait.Done():
			t.Error("stdio server did not stop")
		}
		_ = g.Close()
	})
	return cs, sb, audit
}

func guardSDKText(r *sdk.CallToolResult) string {
	var b strings.Builder
	for _, c := range r.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

func guardSandboxWrites(sb *sandbox.Server) int {
	n := 0
	for _, r := range sb.Requests() {
		if r.Verb != "read" && r.Verb != "get" {
			n++
		}
	}
	return n
}

// TestConfirmationWithIndependentClient runs both confirmation ways over
// stdio with the official Go SDK's client, on both protocol generations.
func TestConfirmationWithIndependentClient(t *testing.T) {
	for _, proto := range []string{"2026-07-28", "2025-11-25"} {
		t.Run(proto+"/elicitation", func(t *testing.T) {
			var asked []string
			cs, sb, audit := guardedStdioSDK(t, proto, func(_ context.Context, r *sdk.ElicitRequest) (*sdk.ElicitResult, error) {
				asked = append(asked, r.Params.Message)
				if len(asked) == 1 {
					return &sdk.ElicitResult{Action: "decline"}, nil
				}
				return &sdk.ElicitResult{Action: "accept"}, nil
			})
			id := sb.Store().Table("estate").Records[0]["Id"].(int)
			args := map[string]any{"id": id, "data": map[string]any{"kaufpreis": 375000}}
			res, err := cs.CallTool(context.Background(), &sdk.CallToolParams{Name: "estate_modify", Arguments: args})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(guardSDKText(res), "declined") || guardSandboxWrites(sb) != 0 {
				t.Fatalf("decline: %s, %d writes", guardSDKText(res), guardSandboxWrites(sb))
			}
			res, err = cs.CallTool(context.Background(), &sdk.CallToolParams{Name: "estate_modify", Arguments: args})
			if err != nil {
				t.Fatal(err)
			}
			if res.IsError || !strings.Contains(guardSDKText(res), "modified") || guardSandboxWrites(sb) != 1 {
				t.Fatalf("accept: %s, %d writes", guardSDKText(res), guardSandboxWrites(sb))
			}
			if len(asked) != 2 || !strings.Contains(asked[1], fmt.Sprintf("Immobilie %d", id)) || !strings.Contains(asked[1], "→ 375000") {
				t.Fatalf("prompts: %q", asked)
			}
			if !strings.Contains(audit.String(), `"method":"elicitation"`) || !strings.Contains(audit.String(), "go-sdk-e2e") {
				t.Fatalf("audit: %s", audit.String())
			}
		})
		t.Run(proto+"/token", func(t *testing.T) {
			cs, sb, _ := guardedStdioSDK(t, proto, nil)
			id := sb.Store().Table("estate").Records[0]["Id"].(int)
			args := map[string]any{"id": id, "data": map[string]any{"kaufpreis": 375000}}
			res, err := cs.CallTool(context.Background(), &sdk.CallToolParams{Name: "estate_modify", Arguments: args})
			if err != nil {
				t.Fatal(err)
			}
			m := tokenRE.FindStringSubmatch(guardSDKText(res))
			if m == nil || guardSandboxWrites(sb) != 0 {
				t.Fatalf("no preview: %s", guardSDKText(res))
			}
			args["confirmation_token"] = m[1]
			res, err = cs.CallTool(context.Background(), &sdk.CallToolParams{Name: "estate_modify", Arguments: args})
			if err != nil {
				t.Fatal(err)
			}
			if res.IsError || guardSandboxWrites(sb) != 1 {
				t.Fatalf("with token: %s, %d writes", guardSDKText(res), guardSandboxWrites(sb))
			}
		})
	}
}
