package mcpserver_test

import (
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// scrape reads url and returns the value of every sample line.
func scrape(t *testing.T, url string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %.200s", url, resp.StatusCode, b)
	}
	out := map[string]float64{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err == nil {
			out[line[:i]] = v
		}
	}
	return out
}

// TestHostedMetrics: /metrics (no token needed, like /healthz) reports the
// calls of the run by tool, effect and outcome, their latency (ours and
// onOffice's), answer sizes, the confirmations and the sessions.
func TestHostedMetrics(t *testing.T) {
	h, sb := approvalSetup(t)
	ctx := testCtx(t)
	id, title := firstEstate(t, sb)
	c := mustConnect(t, peerKindsNamed("go-sdk streamable 2025-11-25")[0], h.URL, &recorder{headers: bearer(tokenA)})
	for range 2 {
		if text, isErr, err := c.call(ctx, "estate_read", map[string]any{"id": id, "data": []string{"objekttitel"}}); err != nil || isErr || !strings.Contains(text, title) {
			t.Fatalf("read: %q %v %v", text, isErr, err)
		}
	}
	if _, isErr, err := c.call(ctx, "estate_read", map[string]any{"id": "not a number"}); err != nil || !isErr {
		t.Fatalf("bad read: %v %v", isErr, err)
	}
	args := map[string]any{"id": id, "data": map[string]any{"objekttitel": "Metered"}}
	text, _, err := c.call(ctx, "estate_modify", args)
	m := tokenInText.FindStringSubmatch(text)
	if err != nil || m == nil {
		t.Fatalf("preview: %q %v", text, err)
	}
	args["confirmation_token"] = m[1]
	for range 2 { // the second use is refused
		if _, _, err := c.call(ctx, "estate_modify", args); err != nil {
			t.Fatal(err)
		}
	}

	got := scrape(t, h.URL+"/metrics")
	for sample, want := range map[string]float64{
		`onoffice_mcp_tool_calls_total{effect="read",outcome="ok",tool="estate_read"}`:       2,
		`onoffice_mcp_tool_calls_total{effect="read",outcome="error",tool="estate_read"}`:    1,
		`onoffice_mcp_tool_calls_total{effect="write",outcome="ok",tool="estate_modify"}`:    2, // preview, run
		`onoffice_mcp_tool_calls_total{effect="write",outcome="error",tool="estate_modify"}`: 1, // replay
		`onoffice_mcp_tool_call_duration_seconds_count{tool="estate_read"}`:                  3,
		`onoffice_mcp_onoffice_duration_seconds_count{tool="estate_read"}`:                   3,
		`onoffice_mcp_tool_answer_bytes_count{tool="estate_modify"}`:                         3,
		`onoffice_mcp_confirmations_total{method="token",outcome="requested"}`:               1,
		`onoffice_mcp_confirmations_total{method="token",outcome="ok"}`:                      1,
		`onoffice_mcp_confirmations_total{method="token",outcome="refused"}`:                 1,
		`onoffice_mcp_sessions`:              1,
		`onoffice_mcp_sessions_opened_total`: 1,
	} {
		if got[sample] != want {
			t.Errorf("%s = %v, want %v", sample, got[sample], want)
		}
	}
	if got[`onoffice_mcp_tool_answer_bytes_sum{tool="estate_read"}`] < float64(2*len(title)) {
		t.Errorf("answer bytes of estate_read: %v", got[`onoffice_mcp_tool_answer_bytes_sum{tool="estate_read"}`])
	}
	if got[`onoffice_mcp_onoffice_duration_seconds_sum{tool="estate_read"}`] <= 0 {
		t.Error("no onOffice time recorded for estate_read")
	}
	for sample := range got {
		if regexp.MustCompile(`tenant|` + regexp.QuoteMeta(tokenA)).MatchString(sample) {
			t.Errorf("a sample names a tenant or token: %s", sample)
		}
	}
}

// TestHostedMetricsOwnAddress: with --metrics-addr /metrics moves to its
// own listener and is gone from the main address.
func TestHostedMetricsOwnAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	h, _ := approvalSetup(t, "--metrics-addr="+addr)
	resp, err := http.Get(h.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("main address /metrics: %d, want 404", resp.StatusCode)
	}
	if got := scrape(t, "http://"+addr+"/metrics"); got["onoffice_mcp_sessions"] != 0 || len(got) < 10 {
		t.Errorf("metrics address: %d samples, sessions %v", len(got), got["onoffice_mcp_sessions"])
	}
}
