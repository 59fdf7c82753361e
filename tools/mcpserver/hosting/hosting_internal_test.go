package hosting

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/config"
)

func TestBearerTokensFindTheOwnerOnly(t *testing.T) {
	var auth BearerTokens
	auth.Add(config.HashToken("token-of-a-000000001"), "a")
	auth.Add(config.HashToken("token-of-b-000000001"), "b")
	auth.Add(config.HashToken("token-of-a-000000002"), "a")
	subjects := map[string]bool{}
	for tok, want := range map[string]string{
		"token-of-a-000000001": "a", "token-of-a-000000002": "a", "token-of-b-000000001": "b",
		"token-of-b-00000000": "", "token-of-b-0000000011": "", "": "", "TOKEN-OF-A-000000001": "",
	} {
		c, ok := auth.lookup(tok)
		if c.Tenant != want || ok != (want != "") {
			t.Errorf("%q: %+v %v, want %q", tok, c, ok, want)
		}
		if ok {
			subjects[c.Subject] = true
		}
	}
	if len(subjects) != 3 {
		t.Errorf("the tokens of a tenant must be different callers: subjects %v", subjects)
	}
}

func TestInflightWaitsForRunningCalls(t *testing.T) {
	var f inflight
	if err := f.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	release := make(chan struct{})
	for i := 0; i < 50; i++ {
		f.begin()
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-release
			f.end()
		}()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	if err := f.wait(ctx); err == nil {
		t.Error("wait returned while calls were running")
	}
	cancel()
	done := make(chan error)
	go func() { done <- f.wait(context.Background()) }()
	close(release)
	select {
	case err := <-done:
		if err != nil || f.count() != 0 {
			t.Errorf("wait: %v, %d running", err, f.count())
		}
	case <-untilDeadline(t):
		t.Fatal("wait did not return after the calls ended")
	}
	wg.Wait()
}

func TestStreamsEndOnCancelAll(t *testing.T) {
	var s streams
	ctx1, done1 := s.add(context.Background())
	ctx2, _ := s.add(context.Background())
	done1()
	if ctx1.Err() == nil || s.count() != 1 {
		t.Errorf("a finished stream: err %v, %d open", ctx1.Err(), s.count())
	}
	s.cancelAll()
	if ctx2.Err() == nil {
		t.Error("cancelAll left a stream open")
	}
	if ctx3, _ := s.add(context.Background()); ctx3.Err() == nil {
		t.Error("a stream opened after cancelAll stays open")
	}
}

func TestHostAndOriginRules(t *testing.T) {
	loop := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}
	lan := &net.TCPAddr{IP: net.IPv4(10, 0, 0, 5), Port: 8080}
	tests := []struct {
		name    string
		allowed []string
		local   net.Addr
		host    string
		want    bool
	}{
		{"loopback name on loopback", nil, loop, "localhost:8080", true},
		{"loopback ip", nil, loop, "127.0.0.1:8080", true},
		{"ipv6 loopback", nil, loop, "[::1]:8080", true},
		{"rebound name on loopback", nil, loop, "evil.example:8080", false},
		{"any name on the network", nil, lan, "mcp.example.com", true},
		{"listed host", []string{"mcp.example.com"}, lan, "MCP.example.com:443", true},
		{"listed host with port", []string{"mcp.example.com:8443"}, lan, "mcp.example.com:8443", true},
		{"listed host, other port", []string{"mcp.example.com:8443"}, lan, "mcp.example.com:9000", false},
		{"unlisted host", []string{"mcp.example.com"}, loop, "localhost", false},
	}
	for _, tc := range tests {
		r := httptest.NewRequest("POST", "/mcp", nil)
		r.Host = tc.host
		r = r.WithContext(context.WithValue(r.Context(), http.LocalAddrContextKey, tc.local))
		if got := hostAllowed(tc.allowed, r); got != tc.want {
			t.Errorf("host %s: %v, want %v", tc.name, got, tc.want)
		}
	}

	origins := []struct {
		loopback bool
		origin   string
		want     bool
	}{
		{false, "", true},
		{false, "https://app.example.com", true},
		{false, "HTTPS://APP.example.com", true},
		{false, "https://app.example.com:8443", false},
		{false, "http://app.example.com", false},
		{false, "http://localhost:6274", false},
		{true, "http://localhost:6274", true},
		{true, "http://127.0.0.1:5173", true},
		{true, "http://[::1]:3000", true},
		{true, "http://localhost.evil.example", false},
		{true, "null", false},
		{true, "file://", false},
	}
	for _, tc := range origins {
		if got := originAllowed([]string{"https://app.example.com"}, tc.loopback, tc.origin); got != tc.want {
			t.Errorf("origin %q (loopback %v): %v, want %v", tc.origin, tc.loopback, got, tc.want)
		}
	}
}

// untilDeadline fires shortly before the test binary's deadline, or never:
// a loaded machine makes the wait slower, not failed.
func untilDeadline(t *testing.T) <-chan time.Time {
	deadline, ok := t.Deadline()
	if !ok {
		return nil
	}
	return time.After(time.Until(deadline) - 2*time.Second)
}
