package main

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
)

const httpTestToken = "binary-test-bearer-token-0123456789"

// bearerTransport adds the bearer token to every request.
type bearerTransport struct{ token string }

func (b bearerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return http.DefaultTransport.RoundTrip(r)
}

// TestHTTPMode runs the binary in the hosted mode as the container does:
// the healthcheck subcommand passes, an MCP client with the token calls a
// tool over streamable HTTP, and SIGTERM ends the process cleanly.
func TestHTTPMode(t *testing.T) {
	cmd := exec.Command(buildBinary(t), "--transport=http", "--addr=127.0.0.1:0", "--log-format=json", "--demo")
	cmd.Env = append(os.Environ(), "ONOFFICE_TOKEN=", "ONOFFICE_SECRET=", "ONOFFICE_MCP_AUTH_TOKENS="+httpTestToken)
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()
	var mu sync.Mutex
	var logged strings.Builder
	addr := make(chan string, 1)
	logDone := make(chan struct{})
	go func() {
		defer close(logDone)
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			mu.Lock()
			logged.WriteString(sc.Text() + "\n")
			mu.Unlock()
			var m struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &m) == nil && m.Msg == "onoffice-mcp listening" {
				addr <- m.Addr
			}
		}
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not start")
	}

	var stderr strings.Builder
	if code := run([]string{"healthcheck", "--url", base + "/healthz"}, func(string) string { return "" }, &stderr, &stderr); code != 0 {
		t.Errorf("healthcheck: exit %d, %s", code, stderr.String())
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := sdk.NewClient(&sdk.Implementation{Name: "e2e-http", Version: "1"}, nil)
	s, err := c.Connect(ctx, &sdk.StreamableClientTransport{Endpoint: base + "/mcp", HTTPClient: &http.Client{Transport: bearerTransport{httpTestToken}}}, nil)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	text, isErr := callText(t, s, "estate_read", map[string]any{"listlimit": 2})
	if isErr || !strings.Contains(text, "estates 1–2 of ") {
		t.Errorf("estate_read: %v %s", isErr, text)
	}
	_ = s.Close()

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	// Wait closes the stderr pipe once the process exits, which can drop
	// the last log lines unread: read the pipe to its end first.
	go func() { <-logDone; done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the server did not exit within 15s of SIGTERM")
	}
	<-logDone
	mu.Lock()
	out := logged.String()
	mu.Unlock()
	if !strings.Contains(out, `"msg":"shutdown complete"`) {
		t.Errorf("no clean shutdown in the log:\n%s", out)
	}
	for _, secret := range []string{httpTestToken, sandbox.DemoSecret} {
		if strings.Contains(out, secret) {
			t.Error("a credential appears in the log")
		}
	}
	// The server is gone: the health check fails.
	stderr.Reset()
	if code := run([]string{"healthcheck", "--url", base + "/healthz", "--timeout", "2s"}, func(string) string { return "" }, &stderr, &stderr); code != 1 {
		t.Errorf("healthcheck of a stopped server: exit %d", code)
	}
}

func TestHTTPModeRefusesPublicAddressWithoutAuth(t *testing.T) {
	var stdout, stderr strings.Builder
	code := run([]string{"--transport=http", "--addr=0.0.0.0:0", "--demo"}, func(string) string { return "" }, &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "refusing to serve 0.0.0.0:0 without authentication") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestHealthcheckDefaultURL(t *testing.T) {
	// Nothing listens on this port: exit 1, naming the address it asked.
	var stderr strings.Builder
	code := run([]string{"healthcheck", "--timeout", "1s"}, func(k string) string {
		if k == "ONOFFICE_MCP_ADDR" {
			return "0.0.0.0:1"
		}
		return ""
	}, &stderr, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "127.0.0.1:1/healthz") {
		t.Errorf("exit %d, %q", code, stderr.String())
	}
}
