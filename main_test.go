package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// buildBinary compiles the server once for the tests that spawn it.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "onoffice-mcp-bin")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "onoffice-mcp")
		out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
		if err != nil {
			buildErr = &buildError{string(out)}
		}
	})
	if buildErr != nil {
		t.Fatalf("build: %v", buildErr)
	}
	return binary
}

type buildError struct{ out string }

func (e *buildError) Error() string { return e.out }

// connect spawns the binary over stdio and connects the official Go SDK's
// client to it: an independent MCP implementation as the peer.
func connect(t *testing.T, protocol string, env []string, args ...string) (*sdk.ClientSession, *toolstest.LogBuffer) {
	t.Helper()
	cmd := exec.Command(buildBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	// The command's stderr is written by another goroutine: a locked buffer.
	stderr := &toolstest.LogBuffer{}
	cmd.Stderr = stderr
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	c := sdk.NewClient(&sdk.Implementation{Name: "e2e", Version: "1"}, nil)
	var opts *sdk.ClientSessionOptions
	if protocol != "" {
		opts = &sdk.ClientSessionOptions{ProtocolVersion: protocol}
	}
	s, err := c.Connect(ctx, &sdk.CommandTransport{Command: cmd}, opts)
	if err != nil {
		t.Fatalf("connect: %v\nstderr: %s", err, stderr)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, stderr
}

func callText(t *testing.T, s *sdk.ClientSession, name string, args map[string]any) (string, bool) {
	t.Helper()
	res, err := s.CallTool(context.Background(), &sdk.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("call %s: %v", name, err)
	}
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String(), res.IsError
}

// TestDemoOverStdio runs the README's demo command as an MCP host would.
func TestDemoOverStdio(t *testing.T) {
	for _, protocol := range []string{"", "2025-11-25", "2025-06-18"} {
		t.Run("protocol "+protocol, func(t *testing.T) {
			s, stderr := connect(t, protocol, nil, "--demo")
			list, err := s.ListTools(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			names := map[string]*sdk.Tool{}
			for _, tool := range list.Tools {
				names[tool.Name] = tool
				a := tool.Annotations
				if a == nil || a.DestructiveHint == nil || a.OpenWorldHint == nil {
					t.Errorf("%s: hints not all set", tool.Name)
				}
				schema, _ := json.Marshal(tool.InputSchema)
				if !strings.HasPrefix(string(schema), "{") || !strings.Contains(string(schema), `"type":"object"`) {
					t.Errorf("%s: input schema is not a plain object: %s", tool.Name, schema)
				}
			}
			for _, want := range []string{"estate_read", "address_read", "field_config_get"} {
				if names[want] == nil {
					t.Fatalf("tool %s missing", want)
				}
			}
			text, isErr := callText(t, s, "estate_read", map[string]any{"listlimit": 3, "data": []string{"objekttitel", "ort", "kaufpreis"}})
			if isErr || !strings.Contains(text, "estates 1–3 of ") {
				t.Errorf("estate_read: %v %s", isErr, text)
			}
			text, isErr = callText(t, s, "address_read", map[string]any{"listlimit": 2})
			if isErr || !strings.Contains(text, "addresses 1–2 of ") {
				t.Errorf("address_read: %v %s", isErr, text)
			}
			text, isErr = callText(t, s, "field_config_get", map[string]any{"modules": []string{"estate"}, "fieldList": []string{"objektart"}})
			if isErr || !strings.Contains(text, "objektart") || !strings.Contains(text, "haus=") {
				t.Errorf("field_config_get: %v %s", isErr, text)
			}
			text, isErr = callText(t, s, "estate_read", map[string]any{"listlimit": 9999})
			if !isErr || !strings.Contains(text, "listlimit") {
				t.Errorf("bad listlimit: %v %s", isErr, text)
			}
			if strings.Contains(stderr.String(), sandbox.DemoSecret) {
				t.Errorf("the secret was logged")
			}
		})
	}
}

// TestDemoDate pins the demo data's reference day, by flag and by
// environment variable: yesterday's viewing is on the day before it.
func TestDemoDate(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  []string
		args []string
	}{
		{"flag", nil, []string{"--demo", "--toolsets=all", "--demo-date", "2027-06-30"}},
		{"environment", []string{"ONOFFICE_DEMO_DATE=2027-06-30"}, []string{"--demo", "--toolsets=all"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := connect(t, "", tc.env, tc.args...)
			text, isErr := callText(t, s, "appointment_list", map[string]any{"startDate": "2027-06-29", "endDate": "2027-06-29"})
			if isErr || !strings.Contains(text, "2027-06-29") || !strings.Contains(text, "Besichtigung") {
				t.Errorf("yesterday's appointments: %v %s", isErr, text)
			}
		})
	}
}

// TestNoCredentials: the server still starts and lists tools, and every
// call explains what to set.
func TestNoCredentials(t *testing.T) {
	s, stderr := connect(t, "2025-11-25", []string{"ONOFFICE_TOKEN=", "ONOFFICE_SECRET="})
	list, err := s.ListTools(context.Background(), nil)
	if err != nil || len(list.Tools) == 0 {
		t.Fatalf("list: %v", err)
	}
	text, isErr := callText(t, s, "estate_read", map[string]any{})
	if !isErr || !strings.Contains(text, "ONOFFICE_TOKEN") || !strings.Contains(text, "--demo") {
		t.Errorf("call without credentials: %v %s", isErr, text)
	}
	if !strings.Contains(stderr.String(), "ONOFFICE_TOKEN") {
		t.Errorf("no warning on stderr: %s", stderr)
	}
}

// TestWrongCredentials: a wrong secret gives a tool error that says so, and
// no credential appears in results or logs.
func TestWrongCredentials(t *testing.T) {
	const wrong = "wrongsecret000000000000000000000000000000000000000000000000000000"
	srv := httptest.NewServer(sandbox.New())
	defer srv.Close()
	s, stderr := connect(t, "2025-11-25", []string{
		"ONOFFICE_TOKEN=" + sandbox.DemoToken, "ONOFFICE_SECRET=" + wrong,
		"ONOFFICE_API_URL=" + srv.URL + sandbox.StablePath,
	}, "--log-level=debug")
	text, isErr := callText(t, s, "estate_read", map[string]any{"listlimit": 1})
	if !isErr || !strings.Contains(text, "137") || !strings.Contains(text, "ONOFFICE_SECRET") {
		t.Errorf("wrong secret: %v %s", isErr, text)
	}
	for _, secret := range []string{wrong, sandbox.DemoToken} {
		if strings.Contains(text, secret) || strings.Contains(stderr.String(), secret) {
			t.Errorf("a credential leaked into the result or the log")
		}
	}
}

func TestBadConfigurationExitsWith2(t *testing.T) {
	tests := [][]string{
		{"--api-url", "ftp://example"},
		{"--log-level", "loud"},
		{"--toolsets", "nonsense"},
		{"--transport", "pigeon"},
		{"--no-such-flag"},
		{"--demo", "--demo-date", "30.06.2027"},
		{"sandbox", "--demo-date", "tomorrow"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := run(args, func(string) string { return "" }, &stdout, &stderr)
			if code != 2 || stderr.Len() == 0 {
				t.Errorf("exit %d, stderr %q", code, stderr.String())
			}
		})
	}
}

// TestStandaloneSandbox starts `onoffice-mcp sandbox` and talks to it with a
// plain onOffice client, as any other onOffice client would.
func TestStandaloneSandbox(t *testing.T) {
	cmd := exec.Command(buildBinary(t), "sandbox", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "ONOFFICE_TOKEN=", "ONOFFICE_SECRET=", "ONOFFICE_DEMO_DATE=2027-06-30")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	url := make(chan string, 1)
	go func() {
		buf := make([]byte, 4096)
		var out strings.Builder
		for {
			n, err := stderr.Read(buf)
			out.Write(buf[:n])
			if i := strings.Index(out.String(), "url=http://"); i >= 0 {
				rest := out.String()[i+4:]
				if j := strings.IndexAny(rest, " \n"); j > 0 {
					url <- rest[:j]
					return
				}
			}
			if err != nil {
				close(url)
				return
			}
		}
	}()
	var endpoint string
	select {
	case endpoint = <-url:
	case <-time.After(20 * time.Second):
		t.Fatal("sandbox did not start")
	}
	if !strings.HasSuffix(endpoint, sandbox.StablePath) {
		t.Fatalf("endpoint %q", endpoint)
	}
	c := onoffice.New(endpoint, sandbox.DemoToken, sandbox.DemoSecret)
	res, err := c.Call(context.Background(), onoffice.Action{Verb: onoffice.VerbRead, ResourceType: "address", Parameters: map[string]any{"data": []string{"Name"}, "listlimit": 5}})
	if err != nil || len(res.Records) != 5 || res.Total < 150 {
		t.Errorf("read addresses from the standalone sandbox: %v %d/%d", err, len(res.Records), res.Total)
	}
	// The reference day comes from ONOFFICE_DEMO_DATE: a viewing took place the day before.
	res, err = c.Call(context.Background(), onoffice.Action{Verb: onoffice.VerbGet, ResourceType: "appointmentList", Parameters: map[string]any{
		"data": []string{"subject"}, "filter": map[string]any{"startDate": "2027-06-29", "endDate": "2027-06-29", "subject": []map[string]any{{"op": "like", "val": "Besichtigung%"}}},
	}})
	if err != nil || len(res.Records) == 0 {
		t.Errorf("viewings on 2027-06-29: %v, %d records", err, len(res.Records))
	}
}

// TestToolsCommand checks `onoffice-mcp tools --json`: one object per
// catalogue action with the documented keys, enabled per configuration.
func TestToolsCommand(t *testing.T) {
	tests := []struct {
		args        []string
		wantEnabled func(effect string, def bool) bool
		// wantReach is the reach of a tool that is not enabled.
		wantReach func(effect string) string
	}{
		{[]string{"tools", "--json"}, func(_ string, def bool) bool { return def }, func(string) string { return "tool_run" }},
		{[]string{"tools", "--json", "--toolsets=all", "--read-only"}, func(effect string, _ bool) bool { return effect == "read" }, func(string) string { return "off" }},
		{[]string{"tools", "--json", "--read-only"}, func(effect string, def bool) bool { return def && effect == "read" }, func(effect string) string {
			if effect == "read" {
				return "tool_run"
			}
			return "off"
		}},
		{[]string{"tools", "--json", "--discovery=false"}, func(_ string, def bool) bool { return def }, func(string) string { return "off" }},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr strings.Builder
			if code := run(tt.args, func(string) string { return "" }, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
			if len(lines) != len(tools.Catalogue()) {
				t.Fatalf("%d lines, want %d", len(lines), len(tools.Catalogue()))
			}
			for i, line := range lines {
				var row map[string]any
				if err := json.Unmarshal([]byte(line), &row); err != nil {
					t.Fatalf("line %d: %v", i, err)
				}
				for _, k := range []string{"name", "module", "verb", "resourcetype", "effect", "enabled", "reach"} {
					if _, ok := row[k]; !ok {
						t.Errorf("line %d lacks %s", i, k)
					}
				}
				a := tools.Catalogue()[i]
				enabled := tt.wantEnabled(string(a.Effect), a.Default)
				if row["name"] != a.Name || row["enabled"] != enabled {
					t.Errorf("%v: enabled=%v", row["name"], row["enabled"])
				}
				reach := "listed"
				if !enabled {
					reach = tt.wantReach(string(a.Effect))
				}
				if row["reach"] != reach {
					t.Errorf("%v: reach=%v, want %s", row["name"], row["reach"], reach)
				}
			}
		})
	}
}

// TestToolsCommandShowsReach: the table says which tools are listed and
// which a model reaches only through tool_run.
func TestToolsCommandShowsReach(t *testing.T) {
	var stdout, stderr strings.Builder
	if code := run([]string{"tools", "--exclude-tools=estate_pdf_expose"}, func(string) string { return "" }, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	want := map[string]string{"estate_read": "listed", "estate_file_list": "tool_run", "estate_pdf_expose": "off"}
	lines := strings.Split(stdout.String(), "\n")
	if head := strings.Fields(lines[0]); head[len(head)-1] != "REACH" {
		t.Fatalf("header %q has no REACH column", lines[0])
	}
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) == 0 {
			continue
		}
		if w, ok := want[f[0]]; ok {
			if f[len(f)-1] != w {
				t.Errorf("%s: reach %q, want %q", f[0], f[len(f)-1], w)
			}
			delete(want, f[0])
		}
	}
	if len(want) > 0 {
		t.Errorf("tools missing from the table: %v", want)
	}
}

// TestVersion checks that --version and the version subcommand print the
// same line, and that the MCP handshake reports that version.
func TestVersion(t *testing.T) {
	var lines []string
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		out, err := exec.Command(buildBinary(t), args...).Output()
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		lines = append(lines, strings.TrimSpace(string(out)))
	}
	if lines[0] != lines[1] || lines[0] != lines[2] {
		t.Errorf("--version, -version and version differ: %q", lines)
	}
	var version, commit, goVersion string
	if _, err := fmt.Sscanf(lines[0], "onoffice-mcp %s (commit %s %s", &version, &commit, &goVersion); err != nil {
		t.Fatalf("version line %q: %v", lines[0], err)
	}
	if want := runtime.Version() + ")"; goVersion != want {
		t.Errorf("Go version in %q, want %s", lines[0], runtime.Version())
	}
	s, _ := connect(t, "", []string{"ONOFFICE_DEMO=true"})
	if got := s.InitializeResult().ServerInfo.Version; got != version {
		t.Errorf("serverInfo.version = %q, --version says %q", got, version)
	}
}
