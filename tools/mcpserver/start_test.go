package mcpserver_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
)

// BenchmarkStart builds the server as Run does for stdio without --demo and
// answers initialize and tools/list: the work of a start after package
// initialisation (go run ./bench measures the whole process).
func BenchmarkStart(b *testing.B) {
	for _, toolsets := range []string{"default", "all"} {
		b.Run(toolsets, func(b *testing.B) {
			cfg, err := config.Load([]string{"--toolsets=" + toolsets}, func(string) string { return "" }, io.Discard)
			if err != nil {
				b.Fatal(err)
			}
			log := slog.New(slog.DiscardHandler)
			ctx := context.Background()
			initialize := json.RawMessage(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}`)
			list := json.RawMessage(`{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}`)
			b.ReportAllocs()
			for b.Loop() {
				g, err := mcpserver.GuardFor(cfg, io.Discard)
				if err != nil {
					b.Fatal(err)
				}
				s := mcpserver.New(mcpserver.Options{Env: mcpserver.EnvFor(cfg, mcpserver.Client(cfg, log), log), Selection: mcpserver.SelectionFor(cfg), Logger: log, Guard: g})
				for _, msg := range []json.RawMessage{initialize, list} {
					res := s.HandleMessage(ctx, msg)
					if _, err := json.Marshal(res); err != nil {
						b.Fatal(err)
					}
					if e, ok := res.(mcp.JSONRPCError); ok {
						b.Fatalf("%s: %v", msg, e.Error)
					}
				}
				g.Close()
			}
		})
	}
}
