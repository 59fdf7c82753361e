package mcpserver_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// nonReads returns the catalogue rows a read-only server must never run.
func nonReads() []tools.Action {
	var out []tools.Action
	for _, a := range tools.Catalogue() {
		if a.Effect != tools.EffectRead {
			out = append(out, a)
		}
	}
	return out
}

// plainReads counts sandbox requests whose action is not a plain read.
func notPlainReads(sb *sandbox.Server) []sandbox.LoggedAction {
	var out []sandbox.LoggedAction
	for _, r := range sb.Requests() {
		if !onoffice.IsPlainRead(r.Verb, r.ResourceType) {
			out = append(out, r)
		}
	}
	return out
}

// validArgs are arguments that pass the schema of some guarded tools, so
// that a call gets as far as the onOffice client.
func validArgs(h *toolstest.Harness) map[string]map[string]any {
	st := h.Sandbox.Store()
	estate := st.Table("estate").Records[0]["Id"].(int)
	addr := st.Table("address").Records[0]["Id"].(int)
	crit := st.Table("searchcriteria").Records[0]["Id"].(int)
	return map[string]map[string]any{
		"estate_modify":              {"id": estate, "data": map[string]any{"kaufpreis": 1}},
		"estate_create":              {"data": map[string]any{"objekttitel": "Test", "objektart": "haus", "nutzungsart": "wohnen", "vermarktungsart": "kauf"}},
		"address_modify":             {"id": addr, "data": map[string]any{"Ort": "Köln"}},
		"search_criteria_delete":     {"id": crit},
		"newsletter_register":        {"id": addr, "register": true},
		"address_file_download_link": {"addressid": addr},
	}
}

func TestReadOnlyOffersAndRunsOnlyReads(t *testing.T) {
	// --tools names write tools explicitly; read-only wins. The client
	// would accept every prompt: there must be none.
	h := toolstest.NewGuarded(t,
		toolstest.WithFlags("--read-only", "--toolsets=all", "--tools=estate_modify,search_criteria_delete,email_send,address_file_download_link"),
		toolstest.WithElicitation(toolstest.Answer(mcp.ElicitationResponseActionAccept)))
	ctx := context.Background()
	list, err := h.Client.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	reads := 0
	for _, tool := range tools.All() {
		if tool.Effect == tools.EffectRead {
			reads++
		}
	}
	if len(list.Tools) != reads {
		t.Errorf("%d tools listed, want the %d read tools", len(list.Tools), reads)
	}
	for _, tool := range list.Tools {
		if a, _ := tools.Lookup(tool.Name); a.Effect != tools.EffectRead {
			t.Errorf("read-only server lists %s (%s)", tool.Name, a.Effect)
		}
		if tool.Annotations.ReadOnlyHint == nil || !*tool.Annotations.ReadOnlyHint {
			t.Errorf("%s listed without readOnlyHint", tool.Name)
		}
	}
	args := validArgs(h.Harness)
	for _, a := range nonReads() {
		req := mcp.CallToolRequest{}
		req.Params.Name = a.Name
		req.Params.Arguments = args[a.Name]
		res, err := h.Client.CallTool(ctx, req)
		if err == nil && !res.IsError {
			t.Errorf("%s callable in read-only mode", a.Name)
		}
	}
	if bad := notPlainReads(h.Sandbox); len(bad) != 0 || h.WriteRequests() != 0 {
		t.Fatalf("non-read requests reached the sandbox: %v", bad)
	}
	if len(h.Prompts.All()) != 0 {
		t.Fatal("read-only server asked for a confirmation")
	}
	// Reading still works.
	if res := h.Call(t, "estate_read", `{"listlimit":1}`); res.IsError {
		t.Fatalf("estate_read: %s", res.Text)
	}
}

// TestReadOnlyClientIsASecondWall simulates a bug above the API client:
// every tool is offered and no confirmation is asked, yet the read-only
// client refuses each non-read action before a request leaves.
func TestReadOnlyClientIsASecondWall(t *testing.T) {
	sb := sandbox.New()
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	env := map[string]string{
		"ONOFFICE_TOKEN": sandbox.DemoToken, "ONOFFICE_SECRET": sandbox.DemoSecret,
		"ONOFFICE_API_URL": srv.URL + sandbox.StablePath,
	}
	cfg, err := config.Load([]string{"--read-only", "--confirm=off"}, func(k string) string { return env[k] }, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	log := toolstest.Logger(t)
	api := mcpserver.Client(cfg, log)
	if !api.ReadOnly() {
		t.Fatal("--read-only did not make the API client read-only")
	}
	// The bug: a selection that ignores read-only, and no guard.
	s := mcpserver.New(mcpserver.Options{Env: mcpserver.EnvFor(cfg, api, log), Selection: tools.Selection{Toolsets: []string{"all"}}, Logger: log})
	c, err := client.NewInProcessClient(s)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	if _, err := c.Initialize(ctx, mcp.InitializeRequest{}); err != nil {
		t.Fatal(err)
	}
	h := &toolstest.Harness{Sandbox: sb, Client: c, Config: cfg}
	for name, args := range validArgs(h) {
		res := toolstest.Call(t, c, name, args)
		if !res.IsError || !strings.Contains(res.Text, "read-only") {
			t.Errorf("%s: %+v", name, res)
		}
	}
	if bad := notPlainReads(sb); len(bad) != 0 {
		t.Fatalf("non-read requests reached the sandbox: %v", bad)
	}

	// And directly: every non-read action of the catalogue, whatever its
	// parameters, is refused by the client itself.
	direct := onoffice.New(srv.URL+sandbox.StablePath, sandbox.DemoToken, sandbox.DemoSecret, onoffice.WithReadOnly())
	before := len(sb.Requests())
	for _, a := range nonReads() {
		_, err := direct.Call(ctx, onoffice.Action{Verb: a.Verb, ResourceType: a.ResourceType, ResourceID: "1", Parameters: map[string]any{"data": map[string]any{"x": 1}}})
		if !errors.Is(err, onoffice.ErrReadOnly) {
			t.Errorf("%s (%s %s): %v", a.Name, a.Verb, a.ResourceType, err)
		}
		// Batched behind a harmless read, too.
		_, err = direct.Do(ctx, onoffice.Action{Verb: onoffice.VerbRead, ResourceType: "estate"}, onoffice.Action{Verb: a.Verb, ResourceType: a.ResourceType})
		if !errors.Is(err, onoffice.ErrReadOnly) {
			t.Errorf("%s batched: %v", a.Name, err)
		}
	}
	if len(sb.Requests()) != before {
		t.Fatalf("%d requests reached the sandbox", len(sb.Requests())-before)
	}
}

// TestPlainReadMatchesCatalogue keeps the client's wall and the catalogue
// in step: the client lets through exactly the actions whose effect is read.
func TestPlainReadMatchesCatalogue(t *testing.T) {
	for _, a := range tools.Catalogue() {
		if got := onoffice.IsPlainRead(a.Verb, a.ResourceType); got != (a.Effect == tools.EffectRead) {
			t.Errorf("%s: IsPlainRead(%s, %s) = %v, effect %s", a.Name, a.Verb, a.ResourceType, got, a.Effect)
		}
	}
}

func TestDisableDestructive(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--disable-destructive", "--toolsets=all", "--tools=search_criteria_delete,email_send"))
	list, err := h.Client.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, tool := range list.Tools {
		listed[tool.Name] = true
	}
	for _, tool := range tools.All() {
		a := tool.Action
		want := a.Effect == tools.EffectRead || a.Effect == tools.EffectWrite
		if listed[a.Name] != want {
			t.Errorf("%s (%s): listed %v under --disable-destructive", a.Name, a.Effect, listed[a.Name])
		}
	}
	req := mcp.CallToolRequest{}
	req.Params.Name = "search_criteria_delete"
	req.Params.Arguments = map[string]any{"id": h.Sandbox.Store().Table("searchcriteria").Records[0]["Id"]}
	if res, err := h.Client.CallTool(context.Background(), req); err == nil && !res.IsError {
		t.Fatal("a delete ran under --disable-destructive")
	}
	if h.WriteRequests() != 0 {
		t.Fatal("write request under --disable-destructive")
	}
}
