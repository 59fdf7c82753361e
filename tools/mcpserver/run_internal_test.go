package mcpserver

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/config"
)

// TestRunStartedEvents: over stdio, Run reports the server built before it
// answers anything, and its first tool call only when one arrives, after
// initialize and tools/list (package startgc lets the collector go then).
func TestRunStartedEvents(t *testing.T) {
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	oldIn, oldOut := stdin, stdout
	stdin, stdout = inR, outW
	t.Cleanup(func() {
		stdin, stdout = oldIn, oldOut
		for _, f := range []*os.File{inR, inW, outR, outW} {
			f.Close()
		}
	})

	cfg, err := config.Load(nil, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	built, firstCall := make(chan struct{}), make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, cfg, slog.New(slog.DiscardHandler), Started{
			Built:     func() { close(built) },
			FirstCall: func() { close(firstCall) },
		})
	}()
	t.Cleanup(func() { cancel(); <-done })

	out := bufio.NewReader(outR)
	send := func(id int, method string, params any) {
		t.Helper()
		b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
		if _, err := inW.Write(append(b, '\n')); err != nil {
			t.Fatal(err)
		}
		for {
			line, err := out.ReadBytes('\n')
			if err != nil {
				t.Fatalf("%s: %v", method, err)
			}
			var r struct{ ID int }
			if json.Unmarshal(line, &r) == nil && r.ID == id {
				return
			}
		}
	}
	send(1, "initialize", map[string]any{"protocolVersion": "2025-06-18", "capabilities": map[string]any{}, "clientInfo": map[string]any{"name": "t", "version": "1"}})
	select {
	case <-built:
	default:
		t.Fatal("initialize answered before Built was called")
	}
	send(2, "tools/list", map[string]any{})
	select {
	case <-firstCall:
		t.Fatal("FirstCall before any tool call")
	default:
	}
	send(3, "tools/call", map[string]any{"name": "estate_read", "arguments": map[string]any{}})
	select {
	case <-firstCall:
	default:
		t.Fatal("a tool call answered before FirstCall was called")
	}
	send(4, "tools/call", map[string]any{"name": "estate_read", "arguments": map[string]any{}}) // a second call must not close twice
}
