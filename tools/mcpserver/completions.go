package mcpserver

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
	"github.com/onoffice-mcp/onoffice-mcp/prompts"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

// Completion (completion/complete) of prompt arguments and resource
// template variables. A value is what the argument accepts, so a client
// can insert it as is: a bare id in a URI; "id label" for a prompt's id
// argument, whose check keeps the id and drops the label. Labels are CRM
// text: they pass crmLabel before they leave. Records are read only when
// the tool that reads them is reachable, so a tenant that cannot read
// addresses cannot list them through completion either.

// completer serves both completion providers of one server.
type completer struct {
	env  *tools.Env
	sel  tools.Selection
	lang string
}

// readers name the tool whose reach allows reading each kind of record.
var readers = map[prompts.Kind][]string{
	prompts.KindEstateID:   {"estate_read"},
	prompts.KindAddressID:  {"address_read"},
	prompts.KindUser:       {"user_list"},
	prompts.KindUserID:     {"user_list"},
	prompts.KindActionKind: {"action_type_list", "agents_log_create"},
	prompts.KindActionType: {"action_type_list", "agents_log_create"},
}

// CompletePromptArgument implements server.PromptCompletionProvider.
func (c *completer) CompletePromptArgument(ctx context.Context, name string, arg mcp.CompleteArgument, cctx mcp.CompleteContext) (*mcp.Completion, error) {
	p, ok := prompts.Get(name)
	if !ok || !p.Available(reacher(c.sel)) {
		return nil, fmt.Errorf("unknown prompt %q", name)
	}
	a, ok := p.Arg(arg.Name)
	if !ok {
		return nil, fmt.Errorf("prompt %s has no argument %q; its arguments: %s", name, arg.Name, argList(p))
	}
	env := c.promptEnv()
	values, err := c.values(ctx, a.Kind, arg.Value, cctx.Arguments, true)
	if err != nil {
		return nil, err
	}
	// Offer only what the argument accepts.
	var out []string
	for _, v := range values {
		if _, err := a.Check(v, env); err == nil {
			out = append(out, v)
		}
	}
	return completion(out), nil
}

// CompleteResourceArgument implements server.ResourceCompletionProvider.
func (c *completer) CompleteResourceArgument(ctx context.Context, uri string, arg mcp.CompleteArgument, cctx mcp.CompleteContext) (*mcp.Completion, error) {
	for _, r := range recordTemplates() {
		if r.uri != uri {
			continue
		}
		if reach(c.sel, r.tool) == prompts.Unreachable {
			break
		}
		if r.values != nil {
			return completion(withPrefix(r.values, arg.Value)), nil
		}
		if r.complete == "" {
			return completion(nil), nil
		}
		values, err := c.values(ctx, r.complete, arg.Value, cctx.Arguments, false)
		if err != nil {
			return nil, err
		}
		return completion(values), nil
	}
	return nil, fmt.Errorf("unknown resource template %q", uri)
}

// values returns the candidates for a kind of argument; labelled adds a
// label after ids (prompt arguments accept it, URIs do not).
func (c *completer) values(ctx context.Context, kind prompts.Kind, typed string, context map[string]string, labelled bool) ([]string, error) {
	if tools, ok := readers[kind]; ok && !c.reaches(tools...) {
		return nil, nil
	}
	now := c.env.Now()
	switch kind {
	case prompts.KindLanguage:
		return withPrefix(prompts.Languages(), typed), nil
	case prompts.KindModule:
		return withPrefix(prompts.Modules(), typed), nil
	case prompts.KindDays:
		return withPrefix([]string{"7", "14", "30", "60", "90"}, typed), nil
	case prompts.KindCount:
		return withPrefix([]string{"5", "10", "20"}, typed), nil
	case prompts.KindDate:
		var days []string
		for i := range 7 {
			days = append(days, now.AddDate(0, 0, i).Format(time.DateOnly))
		}
		return withPrefix(days, typed), nil
	}
	if c.env == nil || c.env.API == nil {
		return nil, nil
	}
	var (
		s   []tools.Suggestion
		err error
	)
	switch kind {
	case prompts.KindEstateID:
		s, err = tools.SuggestEstates(ctx, c.env, typed)
	case prompts.KindAddressID:
		s, err = tools.SuggestAddresses(ctx, c.env, typed)
	case prompts.KindUser, prompts.KindUserID:
		s, err = tools.SuggestUsers(ctx, c.env, typed, kind == prompts.KindUserID)
	case prompts.KindActionKind:
		s, err = tools.SuggestActionKinds(ctx, c.env, typed)
	case prompts.KindActionType:
		s, err = tools.SuggestActionTypes(ctx, c.env, context["action_kind"], typed)
	default:
		return nil, nil // free text: nothing to suggest
	}
	if err != nil {
		return nil, fmt.Errorf("looking up suggestions: %s", tools.UserMessage(err))
	}
	ids := kind == prompts.KindEstateID || kind == prompts.KindAddressID
	var out []string
	for _, x := range s {
		v, ok := crmValue(x.ID)
		if !ok {
			continue
		}
		if ids && labelled {
			if label := crmLabel(x.Label); label != "" {
				v += " " + label
			}
		}
		out = append(out, v)
	}
	return out, nil
}

func (c *completer) reaches(names ...string) bool {
	for _, n := range names {
		if reach(c.sel, n) != prompts.Unreachable {
			return true
		}
	}
	return false
}

func (c *completer) promptEnv() prompts.Env {
	return prompts.Env{Reach: reacher(c.sel), Language: c.lang, Now: c.env.Now()}
}

func completion(values []string) *mcp.Completion {
	if len(values) > tools.MaxSuggestions {
		values = values[:tools.MaxSuggestions]
	}
	if values == nil {
		values = []string{}
	}
	return &mcp.Completion{Values: values}
}

func withPrefix(values []string, typed string) []string {
	p := strings.ToLower(strings.TrimSpace(typed))
	var out []string
	for _, v := range values {
		if strings.HasPrefix(strings.ToLower(v), p) {
			out = append(out, v)
		}
	}
	return out
}

// maxLabel keeps a suggestion short enough to read in a picker.
const maxLabel = 70

// crmLabel makes CRM text fit to travel as part of a completion value:
// without configured credentials (as every output), through the boundary of
// tool results (condense.Untrusted: no marker can be forged) without the
// enclosing markers, which a value cannot carry, on one line with no
// control or format characters, cut to maxLabel.
func crmLabel(s string) string {
	s = redact.String(s)
	s = strings.TrimSuffix(strings.TrimPrefix(condense.Untrusted(s), condense.OpenMark), condense.CloseMark)
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
	}), " ")
	if r := []rune(s); len(r) > maxLabel {
		s = strings.TrimSpace(string(r[:maxLabel-1])) + "…"
	}
	return s
}

// crmValue returns a CRM value that is used as an argument value (an id, a
// login, a key) when crmLabel leaves it unchanged; anything that would need
// changing is not a value the argument can take, so it is not offered.
func crmValue(s string) (string, bool) {
	v := crmLabel(s)
	return v, v != "" && v == s
}

func argList(p prompts.Prompt) string {
	var names []string
	for _, a := range p.AllArgs() {
		names = append(names, a.Name)
	}
	return strings.Join(names, ", ")
}
