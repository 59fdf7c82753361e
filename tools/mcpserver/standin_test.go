package mcpserver_test

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// proxyPassword is the password of the userinfo in the stand-in's URL.
const proxyPassword = "pr0xy-Passw0rd-9"

// standIn is an onOffice stand-in that misbehaves in one way per mode:
// echo puts the request's token and every signature into its error
// messages; timeout never answers; redirect sends the client elsewhere
// (to follow, which counts the requests that arrive there).
func standIn(t *testing.T, mode string) (url string, followed *atomic.Int32) {
	followed = &atomic.Int32{}
	follow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		followed.Add(1)
		w.WriteHeader(http.StatusInternalServerError)
	}))
	t.Cleanup(follow.Close)
	var h http.HandlerFunc
	switch mode {
	case "echo":
		h = func(w http.ResponseWriter, r *http.Request) {
			var req struct {
				Token   string `json:"token"`
				Request struct {
					Actions []struct {
						HMAC string `json:"hmac"`
					} `json:"actions"`
				} `json:"request"`
			}
			_ = json.NewDecoder(r.Body).Decode(&req)
			var results []map[string]any
			for i, a := range req.Request.Actions {
				results = append(results, map[string]any{"identifier": fmt.Sprintf("a%d", i+1), "data": []any{},
					"status": map[string]any{"errorcode": 22, "message": "token " + req.Token + " / secret " + sandbox.DemoSecret + " / hmac " + a.HMAC}})
			}
			_ = json.NewEncoder(w).Encode(map[string]any{
				"status":   map[string]any{"code": 200, "errorcode": 97, "message": "Error in action, token " + req.Token},
				"response": map[string]any{"results": results},
			})
		}
	case "timeout":
		h = func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}
	case "redirect":
		h = func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, follow.URL+"/api.php", http.StatusTemporaryRedirect)
		}
	case "refused":
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		return "http://proxy:" + proxyPassword + "@" + addr + "/api.php", followed
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return strings.Replace(srv.URL, "http://", "http://proxy:"+proxyPassword+"@", 1) + "/api.php", followed
}

// TestNoSecretLeavesUnderAMisbehavingStandIn runs a read and a write
// against each mode and looks for credentials and the URL's userinfo in
// results, logs and the audit log.
func TestNoSecretLeavesUnderAMisbehavingStandIn(t *testing.T) {
	for _, mode := range []string{"echo", "timeout", "redirect", "refused"} {
		t.Run(mode, func(t *testing.T) {
			url, followed := standIn(t, mode)
			g := toolstest.NewGuarded(t, toolstest.WithFlags("--api-url="+url, "--confirm=off", "--timeout=150ms", "--log-level=debug"))
			var seen strings.Builder
			for _, call := range []struct{ tool, args string }{
				{"estate_read", `{"id":3101,"data":["ort"]}`},
				{"estate_modify", `{"id":3101,"data":{"ort":"Köln"}}`},
				{"address_read", `{"id":1}`},
			} {
				res := g.Call(t, call.tool, call.args)
				if !res.IsError {
					t.Errorf("%s succeeded against the %s stand-in: %s", call.tool, mode, res.Text)
				}
				seen.WriteString(res.Text + "\n")
			}
			seen.WriteString(toolstest.Logs(t))
			seen.WriteString(g.Audit.String())
			for name, s := range map[string]string{"token": sandbox.DemoToken, "secret": sandbox.DemoSecret, "proxy password": proxyPassword, "userinfo": "proxy:"} {
				if strings.Contains(seen.String(), s) {
					t.Errorf("the %s appears in a result, log or audit line:\n%s", name, seen.String())
				}
			}
			if mode == "echo" && !strings.Contains(seen.String(), "[redacted]") {
				t.Errorf("the echoed credentials were not seen at all:\n%s", seen.String())
			}
			if mode == "redirect" && !strings.Contains(seen.String(), "redirects to 127.0.0.1") {
				t.Errorf("the redirect is not named:\n%s", seen.String())
			}
			if n := followed.Load(); n != 0 {
				t.Errorf("%d requests followed a redirect", n)
			}
		})
	}
}

// TestReadinessLogHasNoSecrets: /readyz against the echoing stand-in logs
// its failure without the credentials or the URL's password (serveHosted
// checks the log for every test credential when the test ends).
func TestReadinessLogHasNoSecrets(t *testing.T) {
	url, _ := standIn(t, "echo")
	h := startHosted(t, demoEnv(url, "ONOFFICE_MCP_AUTH_TOKENS", tokenA))
	resp, err := http.Get(h.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz %d, want 503", resp.StatusCode)
	}
	if err := h.Stop(); err != nil {
		t.Fatal(err)
	}
	if logs := h.Logs.String(); strings.Contains(logs, proxyPassword) || strings.Contains(logs, "proxy:") || !strings.Contains(logs, "[redacted]") {
		t.Errorf("readiness log:\n%s", logs)
	}
}
