package mcpserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// listed returns the tools/list answer of a harness.
func listed(t *testing.T, h *toolstest.Harness) []mcp.Tool {
	t.Helper()
	res, err := h.Client.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Tools
}

// TestSourceRefsSpanned: every pointer to another tool in a description,
// an argument description or the instructions sits in a [[…]] span, so
// that the rendering per selection can drop or annotate it.
func TestSourceRefsSpanned(t *testing.T) {
	texts := map[string]string{"instructions": mcpserver.Instructions}
	for _, tl := range tools.All() {
		texts[tl.Name] = tl.Description
		texts[tl.Name+" schema"] = string(tl.Schema())
	}
	for what, text := range texts {
		own := strings.TrimSuffix(what, " schema")
		for _, n := range tools.UnspannedRefs(text) {
			if n != own {
				t.Errorf("%s names %s outside a [[…]] span", what, n)
			}
		}
	}
}

var viaRunRE = regexp.MustCompile(`\b([a-z]+(?:_[a-z]+)+) via tool_run\b`)

// TestDescriptionsNameOnlyReachableTools starts the server with every
// toolset and with the limits that take tools away, and checks what the
// client sees: a tool named in a description, an argument description or
// the instructions is listed, or it is named "x via tool_run" and tool_run
// runs it; the instructions mention the discovery path when it exists.
func TestDescriptionsNameOnlyReachableTools(t *testing.T) {
	var flagSets [][]string
	for _, set := range tools.Toolsets() {
		flagSets = append(flagSets, []string{"--toolsets=" + set})
	}
	flagSets = append(flagSets,
		[]string{"--toolsets=default", "--read-only"},
		[]string{"--toolsets=default", "--disable-destructive"},
		[]string{"--toolsets=default", "--discovery=false"},
		[]string{"--toolsets=estates", "--discovery=false"},
		[]string{"--toolsets=default", "--exclude-tools=saved_filter_list,action_type_list,group_list,field_config_get,relation_list,template_list"},
		[]string{"--tools=estate_read,agents_log_create", "--discovery=false"},
	)
	for _, flags := range flagSets {
		t.Run(strings.Join(flags, " "), func(t *testing.T) {
			h := toolstest.NewGuarded(t, toolstest.WithFlags(flags...))
			list := listed(t, h.Harness)
			names := map[string]bool{}
			for _, tl := range list {
				names[tl.Name] = true
			}
			texts := map[string]string{"instructions": h.Instructions}
			for _, tl := range list {
				schema, _ := json.Marshal(tl.InputSchema)
				if tl.RawInputSchema != nil {
					schema = tl.RawInputSchema
				}
				texts[tl.Name] = tl.Description + " " + string(schema)
			}
			for what, text := range texts {
				if strings.Contains(text, "[[") || strings.Contains(text, "]]") {
					t.Errorf("%s: unrendered span: %s", what, text)
				}
				via := map[string]bool{}
				for _, m := range viaRunRE.FindAllStringSubmatch(text, -1) {
					via[m[1]] = true
				}
				for _, n := range tools.RefNames(text) {
					switch {
					case names[n]:
					case via[n]:
						if !names[tools.RunToolName] {
							t.Errorf("%s: points to %s via tool_run, which is not listed", what, n)
							continue
						}
						// The pointer holds: tool_run knows the tool.
						res := h.Call(t, tools.CatalogueToolName, fmt.Sprintf(`{"names":[%q]}`, n))
						if res.IsError {
							t.Errorf("%s: points to %s via tool_run, but tool_catalogue says: %s", what, n, res.Text)
						}
					default:
						t.Errorf("%s names %s, which the assistant cannot reach", what, n)
					}
				}
			}
			hasHidden := names[tools.RunToolName]
			if mentions := strings.Contains(h.Instructions, tools.CatalogueToolName); mentions != hasHidden {
				t.Errorf("instructions mention tool_catalogue: %v, discovery tools listed: %v\n%s", mentions, hasHidden, h.Instructions)
			}
		})
	}
}

// TestDiscoveryReachesCatalogue: from the default selection every
// catalogue tool is listed or listed by tool_catalogue, and tool_run gets
// it to run: its own validation or answer comes back (or, for a guarded
// tool, a preview), never "unknown". Nothing is written.
func TestDiscoveryReachesCatalogue(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=default"))
	names := map[string]bool{}
	for _, tl := range listed(t, h.Harness) {
		names[tl.Name] = true
	}
	if !names[tools.RunToolName] || !names[tools.CatalogueToolName] {
		t.Fatalf("default selection lacks the discovery tools: %v", names)
	}
	cat := h.Call(t, tools.CatalogueToolName, `{}`)
	if cat.IsError {
		t.Fatal(cat.Text)
	}
	for _, a := range tools.Catalogue() {
		if names[a.Name] {
			continue
		}
		if !strings.Contains(cat.Text, "- "+a.Name+": ") {
			t.Errorf("tool_catalogue does not list %s", a.Name)
		}
		res := h.Call(t, tools.RunToolName, fmt.Sprintf(`{"name":%q,"arguments":{}}`, a.Name))
		if strings.Contains(res.Text, "not available") || strings.Contains(res.Text, "no tool is named") {
			t.Errorf("tool_run %s: %s", a.Name, res.Text)
		}
	}
	if n := h.WriteRequests(); n != 0 {
		t.Errorf("%d write requests reached onOffice without confirmation", n)
	}
}

// TestToolRunSameAsDirect: the same call gives the same answer whether the
// tool is listed (--toolsets=all) or run through tool_run (default).
func TestToolRunSameAsDirect(t *testing.T) {
	direct := toolstest.New(t, "--toolsets=all")
	viaRun := toolstest.New(t, "--toolsets=default")
	calls := []struct{ tool, args string }{
		{"saved_filter_list", `{"module":"estate"}`},
		{"action_type_list", `{}`},
		{"group_list", `{}`},
		{"estate_pdf_expose", `{"estateid":"x"}`},
		{"estate_read", `{"limit":2}`},
		{"appointment_read", `{"id":-1}`},
		{"user_read", `{"nope":1}`},
	}
	for _, c := range calls {
		want := direct.Call(t, c.tool, c.args)
		got := viaRun.Call(t, tools.RunToolName, fmt.Sprintf(`{"name":%q,"arguments":%s}`, c.tool, c.args))
		if got.IsError != want.IsError || got.Text != want.Text {
			t.Errorf("%s %s:\ndirect:   %v %s\ntool_run: %v %s", c.tool, c.args, want.IsError, want.Text, got.IsError, got.Text)
		}
	}
}

// TestToolRunGuards: writes through tool_run pass the same confirmation,
// and the limits refuse what the server does not offer.
func TestToolRunGuards(t *testing.T) {
	t.Run("token flow and audit", func(t *testing.T) {
		h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=default"))
		args := `{"data":{"objektart":"haus","nutzungsart":"wohnen","vermarktungsart":"kauf","objekttyp":"einfamilienhaus","objekttitel":"Über tool_run"}}`
		first := h.Call(t, tools.RunToolName, `{"name":"estate_create","arguments":`+args+`}`)
		if first.IsError || !strings.Contains(first.Text, "Not run yet") || !strings.Contains(first.Text, `tool_run with name "estate_create"`) {
			t.Fatalf("first call: %+v", first)
		}
		if h.WriteRequests() != 0 {
			t.Fatal("the preview wrote")
		}
		tok := regexp.MustCompile(`"confirmation_token": "([^"]+)"`).FindStringSubmatch(first.Text)
		if tok == nil {
			t.Fatalf("no token in %s", first.Text)
		}
		withTok := strings.TrimSuffix(args, "}") + `,"confirmation_token":"` + tok[1] + `"}`
		second := h.Call(t, tools.RunToolName, `{"name":"estate_create","arguments":`+withTok+`}`)
		if second.IsError {
			t.Fatalf("confirmed call: %s", second.Text)
		}
		if h.WriteRequests() != 1 {
			t.Errorf("%d writes after confirmation, want 1", h.WriteRequests())
		}
		if !strings.Contains(h.Audit.String(), `"tool":"estate_create"`) {
			t.Errorf("no audit line for estate_create: %s", h.Audit.String())
		}
		// The token is bound to the tool and arguments, whichever way they come.
		replay := h.Call(t, tools.RunToolName, `{"name":"estate_create","arguments":`+withTok+`}`)
		if !replay.IsError || h.WriteRequests() != 1 {
			t.Errorf("token replay: %+v", replay)
		}
	})
	for _, protocol := range []string{"2025-11-25", "2026-07-28"} {
		t.Run("elicitation "+protocol, func(t *testing.T) {
			for _, c := range []struct {
				answer mcp.ElicitationResponseAction
				writes int
				want   string
			}{{mcp.ElicitationResponseActionDecline, 0, "declined"}, {mcp.ElicitationResponseActionAccept, 1, "modified"}} {
				h := toolstest.NewGuarded(t, toolstest.WithElicitation(toolstest.Answer(c.answer)), toolstest.WithProtocol(protocol), toolstest.WithFlags("--toolsets=default"))
				id := h.Sandbox.Store().Table("task").Records[0]["Id"]
				res := h.Call(t, tools.RunToolName, fmt.Sprintf(`{"name":"task_modify","arguments":{"id":%v,"data":{"Betreff":"über tool_run"}}}`, id))
				if len(h.Prompts.All()) != 1 || !strings.Contains(res.Text, c.want) || h.WriteRequests() != c.writes {
					t.Errorf("%s: prompts %d, result %+v, writes %d", c.answer, len(h.Prompts.All()), res, h.WriteRequests())
				}
			}
		})
	}
	limits := []struct {
		flags []string
		tool  string
		want  string
	}{
		{[]string{"--read-only"}, "estate_create", "read-only"},
		{[]string{"--disable-destructive"}, "email_send", "delete or reach outside"},
		{[]string{"--disable-destructive"}, "estate_file_delete", "delete or reach outside"},
		{[]string{"--exclude-tools=estate_pdf_expose"}, "estate_pdf_expose", "excluded"},
		{nil, "no_such_tool", "no tool is named"},
		{nil, "tool_run", "called directly"},
	}
	for _, l := range limits {
		t.Run(strings.Join(l.flags, " ")+" "+l.tool, func(t *testing.T) {
			h := toolstest.NewGuarded(t, toolstest.WithFlags(append([]string{"--toolsets=default"}, l.flags...)...))
			res := h.Call(t, tools.RunToolName, `{"name":"`+l.tool+`","arguments":{}}`)
			if !res.IsError || !strings.Contains(res.Text, l.want) || !strings.Contains(res.Text, "`name`") {
				t.Errorf("got %+v, want an error naming `name` and %q", res, l.want)
			}
			desc := h.Call(t, tools.CatalogueToolName, `{"names":["`+l.tool+`"]}`)
			if !desc.IsError {
				t.Errorf("tool_catalogue describes %s: %s", l.tool, desc.Text)
			}
			cat := h.Call(t, tools.CatalogueToolName, `{}`)
			if strings.Contains(cat.Text, "- "+l.tool+":") {
				t.Errorf("tool_catalogue lists %s", l.tool)
			}
		})
	}
	t.Run("read-only hints", func(t *testing.T) {
		h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=default", "--read-only"))
		for _, tl := range listed(t, h.Harness) {
			if tl.Name == tools.RunToolName && (tl.Annotations.ReadOnlyHint == nil || !*tl.Annotations.ReadOnlyHint) {
				t.Errorf("tool_run of a read-only server is not marked read-only")
			}
		}
	})
	t.Run("discovery off", func(t *testing.T) {
		h := toolstest.NewGuarded(t, toolstest.WithFlags("--discovery=false"))
		for _, tl := range listed(t, h.Harness) {
			if slices.Contains([]string{tools.RunToolName, tools.CatalogueToolName}, tl.Name) {
				t.Errorf("%s listed with --discovery=false", tl.Name)
			}
		}
	})
	t.Run("bad arguments", func(t *testing.T) {
		h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=default"))
		for args, want := range map[string]string{
			`{"name":"estate_read","arguments":[1]}`: "`arguments`",
			`{"name":5}`:                             "`name`",
			`{"tool":"estate_read"}`:                 "tool",
			`{}`:                                     "`name`",
		} {
			if res := h.Call(t, tools.RunToolName, args); !res.IsError || !strings.Contains(res.Text, want) {
				t.Errorf("%s: %+v, want an error naming %s", args, res, want)
			}
		}
	})
}

// TestMessagesNameReachableTools: errors, result notes and previews that
// point to another tool name it as descriptions do: as it is when listed,
// "x via tool_run" when only discovery reaches it, not at all when the
// limits forbid it. Nothing shows the [[…]] spans of the source.
func TestMessagesNameReachableTools(t *testing.T) {
	typo := `{"data":["objekttitle"],"listlimit":1}`
	cases := []struct {
		name      string
		flags     []string
		tool      string
		args      string
		want, not []string
	}{
		{"listed", []string{"--toolsets=all"}, "estate_read", typo,
			[]string{"did you mean `objekttitel`?); field_config_get lists the estate fields"}, []string{"via tool_run"}},
		{"via discovery", []string{"--toolsets=estates"}, "estate_read", typo,
			[]string{"field_config_get via tool_run lists the estate fields"}, nil},
		{"via discovery, default", []string{"--toolsets=default"}, "task_create", `{"data":{"Betreff":"Rückruf","Stand":50}}`,
			[]string{"then change it with task_modify via tool_run"}, nil},
		{"forbidden", []string{"--toolsets=default", "--exclude-tools=field_config_get"}, "estate_read", typo,
			[]string{"did you mean `objekttitel`?)"}, []string{"field_config_get"}},
		{"error through tool_run", []string{"--toolsets=default"}, "tool_run",
			`{"name":"estate_pdf_expose","arguments":{"estateid":3101,"template":"kurz"}}`,
			[]string{"template_list via tool_run with type pdf lists them"}, nil},
		{"result note through tool_run", []string{"--toolsets=default"}, "tool_run",
			`{"name":"field_config_get","arguments":{"modules":["searchcriteria"]}}`,
			[]string{"(search_criteria_fields via tool_run describes them)"}, nil},
		{"structured text", []string{"--toolsets=default", "--structured-output"}, "field_config_get",
			`{"modules":["searchcriteria"]}`,
			[]string{"(search_criteria_fields via tool_run describes them)"}, nil},
		{"result note, listed", []string{"--toolsets=all"}, "field_config_get",
			`{"modules":["searchcriteria"]}`,
			[]string{"(search_criteria_fields describes them)"}, []string{"via tool_run"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := toolstest.New(t, c.flags...)
			res := h.Call(t, c.tool, c.args)
			structured, _ := json.Marshal(res.Structured)
			for _, w := range c.want {
				if !strings.Contains(res.Text, w) {
					t.Errorf("%q missing in:\n%s", w, res.Text)
				}
				if res.Structured != nil && !strings.Contains(string(structured), w) {
					t.Errorf("%q missing in the structured content:\n%s", w, structured)
				}
			}
			for _, w := range append(c.not, "[[", "]]") {
				if strings.Contains(res.Text, w) || strings.Contains(string(structured), w) {
					t.Errorf("%q in:\n%s\n%s", w, res.Text, structured)
				}
			}
		})
	}
}

// TestModelBracketsAreNotPointers: the model's own values may hold [[…]]
// too. Rendered as pointers, a value could lose text in the preview a
// person confirms (a span naming a forbidden tool is left out whole) or
// read other than what is written. Only the spans our sentences were
// written with are pointers; everything else is shown as it is.
func TestModelBracketsAreNotPointers(t *testing.T) {
	title := "Villa [[ und Nebenabrede: Provision 12 % appointment_delete ]] am See [[estate_create]]"
	args := fmt.Sprintf(`{"id":3101,"data":{"objekttitel":%q}}`, title)
	for _, flags := range [][]string{
		{"--toolsets=default", "--disable-destructive"},
		{"--toolsets=default"},
	} {
		t.Run(strings.Join(flags, " "), func(t *testing.T) {
			h := toolstest.NewGuarded(t, toolstest.WithFlags(flags...))
			res := h.Call(t, "estate_modify", args)
			if !strings.Contains(res.Text, title) || !strings.Contains(res.Text, "confirmation_token") {
				t.Errorf("the preview does not show the new title as written, %q:\n%s", title, res.Text)
			}
			var asked string
			hp := toolstest.NewGuarded(t, toolstest.WithFlags(flags...), toolstest.WithElicitation(func(req mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
				asked = req.Params.Message
				return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}}, nil
			}))
			hp.Call(t, "estate_modify", args)
			if !strings.Contains(asked, title) {
				t.Errorf("the person is not shown the new title as written, %q:\n%s", title, asked)
			}
			bad := h.Call(t, "estate_read", fmt.Sprintf(`{"data":[%q]}`, "x [[ hidden appointment_delete ]]"))
			if !strings.Contains(bad.Text, "[[ hidden appointment_delete ]]") {
				t.Errorf("an error does not echo the argument as given:\n%s", bad.Text)
			}
		})
	}
}
