package mcpserver_test

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
)

// heldSandbox is a sandbox whose requests can be held until released, to
// have a call running while the server shuts down.
type heldSandbox struct {
	sb      *sandbox.Server
	hold    atomic.Bool
	entered chan struct{}
	release chan struct{}
}

func newHeldSandbox(t testing.TB) (*heldSandbox, string) {
	t.Helper()
	h := &heldSandbox{sb: sandbox.New(), entered: make(chan struct{}, 16), release: make(chan struct{})}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	t.Cleanup(h.unblock)
	return h, srv.URL + sandbox.StablePath
}

func (h *heldSandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.hold.Load() {
		h.entered <- struct{}{}
		<-h.release
	}
	h.sb.ServeHTTP(w, r)
}

func (h *heldSandbox) unblock() {
	select {
	case <-h.release:
	default:
		close(h.release)
	}
}

func waitFor(t testing.TB, what string, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
	case <-testCtx(t).Done():
		t.Fatalf("still waiting for %s at the test's deadline", what)
	}
}

type callResult struct {
	text  string
	isErr bool
	err   error
}

// TestHostedGracefulShutdown: on shutdown the server stops accepting
// connections at once, lets the running call finish and deliver its
// answer (over streamable HTTP and over an SSE stream), then exits.
func TestHostedGracefulShutdown(t *testing.T) {
	for _, k := range peerKindsNamed("mcp-go streamable 2025-11-25", "mcp-go sse", "go-sdk streamable") {
		t.Run(k.name, func(t *testing.T) {
			held, apiURL := newHeldSandbox(t)
			h := startHosted(t, demoEnv(apiURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA))
			id, title := firstEstate(t, held.sb)
			p := mustConnect(t, k, h.URL, &recorder{headers: bearer(tokenA)})
			ctx := testCtx(t)
			args := map[string]any{"id": id, "data": []string{"objekttitel"}}
			if _, isErr, err := p.call(ctx, "estate_read", args); err != nil || isErr {
				t.Fatalf("warm-up call: %v %v", isErr, err)
			}

			held.hold.Store(true)
			result := make(chan callResult, 1)
			go func() {
				text, isErr, err := p.call(ctx, "estate_read", args)
				result <- callResult{text, isErr, err}
			}()
			waitFor(t, "the call to reach the sandbox", held.entered)

			stopped := make(chan error, 1)
			go func() { stopped <- h.Stop() }()

			// No new connections while the call runs.
			addr := strings.TrimPrefix(h.URL, "http://")
			for {
				c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
				if err != nil {
					break
				}
				c.Close()
				if ctx.Err() != nil {
					t.Fatal("the server still accepts connections during shutdown")
				}
				time.Sleep(10 * time.Millisecond)
			}
			select {
			case err := <-stopped:
				t.Fatalf("Serve returned (%v) while a call was running", err)
			case <-time.After(150 * time.Millisecond):
			}

			held.unblock()
			select {
			case r := <-result:
				if r.err != nil || r.isErr || !strings.Contains(r.text, title) {
					t.Errorf("the running call: %q isError=%v err=%v, want its answer with %q", r.text, r.isErr, r.err, title)
				}
			case <-ctx.Done():
				t.Fatal("the running call got no answer")
			}
			select {
			case err := <-stopped:
				if err != nil {
					t.Errorf("Serve: %v", err)
				}
			case <-ctx.Done():
				t.Fatal("Serve did not return after the call finished")
			}
			started := h.logLines("shutting down: no new connections, waiting for running calls")
			if len(started) != 1 || started[0]["running"].(float64) < 1 {
				t.Errorf("shutdown log: %v", started)
			}
			if len(h.logLines("shutdown complete")) != 1 || len(h.logLines("shutdown timeout reached: closing the remaining connections")) != 0 {
				t.Errorf("shutdown did not complete in time:\n%s", h.Logs.String())
			}
		})
	}
}

// TestHostedShutdownTimeout: a call that outlives the shutdown timeout
// does not keep the process alive.
func TestHostedShutdownTimeout(t *testing.T) {
	held, apiURL := newHeldSandbox(t)
	h := startHosted(t, demoEnv(apiURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA), "--shutdown-timeout=300ms")
	p := mustConnect(t, peerKindsNamed("mcp-go streamable")[0], h.URL, &recorder{headers: bearer(tokenA)})
	held.hold.Store(true)
	result := make(chan callResult, 1)
	go func() {
		text, isErr, err := p.call(testCtx(t), "estate_read", map[string]any{"listlimit": 1})
		result <- callResult{text, isErr, err}
	}()
	waitFor(t, "the call to reach the sandbox", held.entered)
	// Stop returns while the upstream call is still held: the timeout, not
	// the call, ended the shutdown.
	if err := h.Stop(); err != nil {
		t.Fatal(err)
	}
	if len(h.logLines("shutdown timeout reached: closing the remaining connections")) != 1 {
		t.Errorf("no timeout log line:\n%s", h.Logs.String())
	}
	held.unblock()
	if r := <-result; r.err == nil && !r.isErr {
		t.Errorf("the cut-off call succeeded: %q", r.text)
	}
}

// TestHostedStreamsOutliveRequestTimeouts: the read and write timeouts
// bound ordinary requests, not the long-lived SSE stream.
func TestHostedStreamsOutliveRequestTimeouts(t *testing.T) {
	_, apiURL := newSandbox(t, "", "")
	h := startHosted(t, demoEnv(apiURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA), "--read-timeout=500ms", "--write-timeout=1s", "--timeout=900ms")
	kinds := peerKindsNamed("mcp-go sse", "go-sdk streamable 2025-11-25")
	peers := make([]peer, len(kinds))
	for i, k := range kinds {
		peers[i] = mustConnect(t, k, h.URL, &recorder{headers: bearer(tokenA)})
	}
	time.Sleep(1500 * time.Millisecond)
	for i, p := range peers {
		if text, isErr, err := p.call(testCtx(t), "estate_read", map[string]any{"listlimit": 1}); err != nil || isErr {
			t.Errorf("%s: call after the timeouts: %q %v %v", kinds[i].name, text, isErr, err)
		}
	}
}

// TestHostedSSEIdleExpiry: an SSE session without client messages ends
// after the idle TTL; one that keeps talking stays.
func TestHostedSSEIdleExpiry(t *testing.T) {
	_, apiURL := newSandbox(t, "", "")
	// Long enough that pings every ttl/8 keep the busy session alive
	// through a loaded machine's stalls.
	const ttl = 1500 * time.Millisecond
	h := startHosted(t, demoEnv(apiURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA), "--session-idle-ttl="+ttl.String())

	open := func() (string, chan struct{}) {
		req, _ := http.NewRequest("GET", h.URL+"/sse", nil)
		req.Header.Set("Authorization", "Bearer "+tokenA)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		r := bufio.NewReader(resp.Body)
		endpoint := ""
		for endpoint == "" {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "data: "); ok {
				endpoint = rest
			}
		}
		ended := make(chan struct{})
		go func() {
			for {
				if _, err := r.ReadString('\n'); err != nil {
					close(ended)
					return
				}
			}
		}()
		return endpoint, ended
	}
	_, idleEnded := open()
	busy, busyEnded := open()
	ping := func() {
		req, err := http.NewRequest("POST", h.URL+busy, strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"ping"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+tokenA)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	// The idle session must end: an event, however long a loaded machine
	// takes (the test's deadline bounds it). The busy one, opened at the
	// same time and pinged all along, has then outlived the TTL and must
	// still be open.
	deadline := testCtx(t).Done()
	tick := time.NewTicker(ttl / 8)
	defer tick.Stop()
	idleGone := false
loop:
	for !idleGone {
		select {
		case <-idleEnded:
			idleGone = true
		case <-busyEnded:
			t.Fatal("the busy session was ended")
		case <-tick.C:
			ping()
		case <-deadline:
			break loop
		}
	}
	ping()
	select {
	case <-busyEnded:
		t.Fatal("the busy session was ended")
	default:
	}
	if !idleGone {
		t.Errorf("the idle SSE session was not ended by the test's deadline (TTL %s)", ttl)
	}
	// The sweeper ends the sessions first and logs after, so the client can
	// see its stream end before the line is written: wait for the line.
	for len(h.logLines("SSE sessions expired")) == 0 {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatal("expiry not logged")
		}
	}
}
