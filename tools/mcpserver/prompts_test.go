package mcpserver_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/prompts"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// catalogueNames matches any catalogue tool name in a text.
var catalogueNames = func() *regexp.Regexp {
	var names []string
	for _, a := range tools.Catalogue() {
		names = append(names, regexp.QuoteMeta(a.Name))
	}
	return regexp.MustCompile(`\b(` + strings.Join(names, "|") + `)\b`)
}()

// validPromptArgs gives a valid value for every argument of a prompt;
// ids come from the sandbox through completion, as a person would pick them.
func validPromptArgs(t *testing.T, c *client.Client, p mcp.Prompt) map[string]string {
	t.Helper()
	def, ok := prompts.Get(p.Name)
	if !ok {
		t.Fatalf("listed prompt %s is not in the table", p.Name)
	}
	args := map[string]string{}
	for _, a := range def.Args {
		switch a.Kind {
		case prompts.KindText:
			args[a.Name] = "Frau Eva Roth, eva.roth@example.org, 0221 123456, sucht eine 3-Zimmer-Wohnung zur Miete in Köln bis 1.400 € kalt."
		default:
			values := completePrompt(t, c, p.Name, a.Name, "", nil)
			if len(values) == 0 {
				t.Fatalf("%s: no completion for %s", p.Name, a.Name)
			}
			args[a.Name] = values[0]
		}
	}
	return args
}

func completePrompt(t *testing.T, c *client.Client, prompt, arg, value string, context map[string]string) []string {
	t.Helper()
	req := mcp.CompleteRequest{}
	req.Params.Ref = mcp.PromptReference{Type: "ref/prompt", Name: prompt}
	req.Params.Argument = mcp.CompleteArgument{Name: arg, Value: value}
	req.Params.Context = mcp.CompleteContext{Arguments: context}
	res, err := c.Complete(context0(), req)
	if err != nil {
		t.Fatalf("complete %s.%s %q: %v", prompt, arg, value, err)
	}
	if n := len(res.Completion.Values); n > tools.MaxSuggestions {
		t.Errorf("complete %s.%s: %d values, at most %d allowed", prompt, arg, n, tools.MaxSuggestions)
	}
	return res.Completion.Values
}

func context0() context.Context { return context.Background() }

func listedTools(t *testing.T, c *client.Client) map[string]bool {
	t.Helper()
	res, err := c.ListTools(context0(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, tool := range res.Tools {
		out[tool.Name] = true
	}
	return out
}

func getPrompt(c *client.Client, name string, args map[string]string) (string, error) {
	req := mcp.GetPromptRequest{}
	req.Params.Name = name
	req.Params.Arguments = args
	res, err := c.GetPrompt(context0(), req)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, m := range res.Messages {
		if tc, ok := m.Content.(mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String(), nil
}

// TestPromptsThroughClient lists the prompts of several selections and
// renders each in both languages: the text names only tools the client
// was offered.
func TestPromptsThroughClient(t *testing.T) {
	cases := []struct {
		flags    []string
		min      int
		absent   []string
		language string
	}{
		{flags: []string{"--toolsets=default"}, min: 11, language: "Antworte auf Deutsch"},
		// Without the discovery tools the default list alone serves ten.
		{flags: []string{"--toolsets=default", "--discovery=false"}, min: 10, absent: []string{"new_lead_intake"}, language: "Antworte auf Deutsch"},
		{flags: []string{"--toolsets=all", "--language=ENG"}, min: 11, language: "Answer in English"},
		// Read-only: prompts that write are not offered, those that only read are.
		{flags: []string{"--toolsets=all", "--read-only"}, min: 8, absent: []string{"log_contact", "new_lead_intake"}, language: "Antworte auf Deutsch"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.flags, " "), func(t *testing.T) {
			h := toolstest.NewGuarded(t, toolstest.WithFlags(tc.flags...))
			res, err := h.Client.ListPrompts(context0(), mcp.ListPromptsRequest{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Prompts) < tc.min {
				t.Errorf("%d prompts listed, want at least %d", len(res.Prompts), tc.min)
			}
			offered := listedTools(t, h.Client)
			for _, p := range res.Prompts {
				for _, name := range tc.absent {
					if p.Name == name {
						t.Errorf("%s is listed although its write tool is not offered", name)
					}
				}
				args := validPromptArgs(t, h.Client, p)
				for _, lang := range []string{"", "de", "en"} {
					a := map[string]string{}
					for k, v := range args {
						a[k] = v
					}
					if lang != "" {
						a["language"] = lang
					}
					text, err := getPrompt(h.Client, p.Name, a)
					if err != nil {
						t.Errorf("%s (%s) with %v: %v", p.Name, lang, a, err)
						continue
					}
					want := map[string]string{"": tc.language, "de": "Antworte auf Deutsch", "en": "Answer in English"}[lang]
					if !strings.Contains(text, want) {
						t.Errorf("%s (%s): text does not say %q", p.Name, lang, want)
					}
					// A tool outside tools/list must be marked as reached
					// through the discovery tools.
					for _, name := range catalogueNames.FindAllString(text, -1) {
						if !offered[name] && !strings.Contains(text, name+prompts.DiscoveryMark) {
							t.Errorf("%s (%s) names %s, which tools/list does not offer", p.Name, lang, name)
						}
					}
				}
			}
		})
	}
}

// TestPromptBadArgumentsThroughClient: a bad argument is refused with a
// message that names it and says what is allowed.
func TestPromptBadArgumentsThroughClient(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=default"))
	cases := []struct {
		prompt string
		args   map[string]string
		want   []string
	}{
		{"estate_fact_sheet", nil, []string{"estate_id", "required"}},
		{"estate_fact_sheet", map[string]string{"estate_id": "Villa am See"}, []string{"estate_id", "not an id"}},
		{"price_check", map[string]string{"estate_id": "3101", "language": "fr"}, []string{"language", "de or en"}},
		{"daily_agenda", map[string]string{"date": "morgen"}, []string{"date", "YYYY-MM-DD"}},
		{"follow_ups", map[string]string{"days": "1000"}, []string{"days", "1 to 365"}},
		{"data_quality", map[string]string{"module": "calendar"}, []string{"module", "estate, address"}},
		{"contact_brief", map[string]string{"address_id": "10001", "extra": "x"}, []string{"extra", "unknown argument"}},
		{"no_such_prompt", nil, []string{"no_such_prompt"}},
		// Well-formed ids of records that do not exist.
		{"estate_fact_sheet", map[string]string{"estate_id": "999999"}, []string{"estate_id", "no estate 999999"}},
		{"contact_brief", map[string]string{"address_id": "999999"}, []string{"address_id", "no address 999999"}},
	}
	for _, c := range cases {
		_, err := getPrompt(h.Client, c.prompt, c.args)
		if err == nil {
			t.Errorf("%s %v: rendered, want an error", c.prompt, c.args)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s %v: error %q does not say %q", c.prompt, c.args, err, w)
			}
		}
	}
}

// TestPromptNeedsReachableTools: a prompt whose tool the selection does not
// reach is not listed and cannot be fetched.
func TestPromptNeedsReachableTools(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=default", "--exclude-tools=task_read"))
	res, err := h.Client.ListPrompts(context0(), mcp.ListPromptsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Prompts {
		def, _ := prompts.Get(p.Name)
		for _, tool := range def.Tools {
			if tool == "task_read" {
				t.Errorf("%s is listed without task_read", p.Name)
			}
		}
	}
	if _, err := getPrompt(h.Client, "estate_fact_sheet", map[string]string{"estate_id": "3101"}); err == nil {
		t.Error("estate_fact_sheet rendered without task_read")
	}
}
