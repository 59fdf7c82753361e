package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
	"github.com/onoffice-mcp/onoffice-mcp/prompts"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

// MCP resources: context a client can attach (field configuration, users,
// action kinds, regions, templates) and single records by id. Each one is
// read by running a read tool with fixed arguments, so the text is the
// tool's: condensed, with the same markers around CRM text and the same
// budget. A resource is offered only when its tool is reachable in the
// selection (read-only mode and a tenant's limits included).

// Scheme is the URI scheme of our resources.
const Scheme = "onoffice://"

// fieldModules are the modules whose field configuration is listed as a
// resource of its own; onoffice://fields/{module} reads any module
// field_config_get accepts.
var fieldModules = []string{"estate", "address", "searchcriteria", "agentsLog", "calendar", "task", "user"}

// allFieldModules are the modules field_config_get accepts.
var allFieldModules = []string{"estate", "address", "agentsLog", "calendar", "email", "file", "news", "intranet", "project", "task", "user", "searchcriteria"}

// templateTypes are the kinds of templates template_list reads.
var templateTypes = []string{"mail", "pdf", "pdfletter", "pdfform", "webexpose"}

// fixedResource is a resource with one URI.
type fixedResource struct {
	uri   string
	title prompts.Text
	tool  string
	args  string
}

func fixedResources() []fixedResource {
	out := []fixedResource{
		{Scheme + "users", prompts.Text{EN: "Users (agents) with id and login", DE: "Benutzer (Makler) mit ID und Login"}, "user_list", `{}`},
		{Scheme + "groups", prompts.Text{EN: "User groups (offices, teams) with members", DE: "Benutzergruppen (Büros, Teams) mit Mitgliedern"}, "group_list", `{}`},
		{Scheme + "action-types", prompts.Text{EN: "Action kinds and types of the agents log", DE: "Aktionsarten und -typen des Aktivitätenjournals"}, "action_type_list", `{}`},
		{Scheme + "regions", prompts.Text{EN: "Region tree with keys and postcodes", DE: "Regionen mit Schlüsseln und Postleitzahlen"}, "region_list", `{}`},
		{Scheme + "templates/mail", prompts.Text{EN: "E-mail templates", DE: "E-Mail-Vorlagen"}, "template_list", `{"type":"mail","list":true}`},
		{Scheme + "templates/pdf", prompts.Text{EN: "PDF exposé templates", DE: "PDF-Exposé-Vorlagen"}, "template_list", `{"type":"pdf"}`},
	}
	for _, m := range fieldModules {
		out = append(out, fixedResource{Scheme + "fields/" + m,
			prompts.Text{EN: "Field configuration of module " + m, DE: "Feldkonfiguration des Moduls " + m},
			"field_config_get", `{"modules":["` + m + `"]}`})
	}
	return out
}

// recordTemplate is a resource template: the record with the id in the URI.
type recordTemplate struct {
	uri   string
	title prompts.Text
	tool  string
	// args builds the tool's arguments from the URI's variable.
	args func(v string) (string, error)
	// complete says what completion suggests for the variable: records
	// of a kind, or the fixed values.
	complete prompts.Kind
	values   []string
}

func recordTemplates() []recordTemplate {
	byID := func(what string) func(string) (string, error) {
		return func(v string) (string, error) {
			id, err := uriID(what, v)
			return fmt.Sprintf(`{"id":%d}`, id), err
		}
	}
	return []recordTemplate{
		{Scheme + "estate/{id}", prompts.Text{EN: "Estate by id", DE: "Objekt nach ID"}, "estate_read", byID("estate"), prompts.KindEstateID, nil},
		{Scheme + "address/{id}", prompts.Text{EN: "Address by id", DE: "Adresse nach ID"}, "address_read", byID("address"), prompts.KindAddressID, nil},
		{Scheme + "appointment/{id}", prompts.Text{EN: "Appointment by id", DE: "Termin nach ID"}, "appointment_read", byID("appointment"), "", nil},
		{Scheme + "task/{id}", prompts.Text{EN: "Task by id", DE: "Aufgabe nach ID"}, "task_read", byID("task"), "", nil},
		{Scheme + "agents-log/{id}", prompts.Text{EN: "Agents-log entry by id", DE: "Aktivität nach ID"}, "agents_log_read", byID("agents-log entry"), "", nil},
		{Scheme + "user/{id}", prompts.Text{EN: "User by id", DE: "Benutzer nach ID"}, "user_read", byID("user"), prompts.KindUserID, nil},
		{Scheme + "search-criteria/{id}", prompts.Text{EN: "Search criterion by id", DE: "Suchprofil nach ID"}, "search_criteria_read", func(v string) (string, error) {
			id, err := uriID("search criterion", v)
			return fmt.Sprintf(`{"mode":"searchcriteria","ids":[%d]}`, id), err
		}, "", nil},
		{Scheme + "fields/{module}", prompts.Text{EN: "Field configuration of a module", DE: "Feldkonfiguration eines Moduls"}, "field_config_get", func(v string) (string, error) {
			for _, m := range allFieldModules {
				if m == v {
					return `{"modules":["` + m + `"]}`, nil
				}
			}
			return "", fmt.Errorf("invalid resource URI: %q is not a module; use one of %s", v, strings.Join(allFieldModules, ", "))
		}, "", allFieldModules},
		{Scheme + "templates/{type}", prompts.Text{EN: "Templates of a kind", DE: "Vorlagen einer Art"}, "template_list", func(v string) (string, error) {
			for _, t := range templateTypes {
				if t == v {
					return `{"type":"` + t + `"}`, nil
				}
			}
			return "", fmt.Errorf("invalid resource URI: %q is not a template type; use one of %s", v, strings.Join(templateTypes, ", "))
		}, "", templateTypes},
	}
}

// uriID checks the id of a record URI.
func uriID(what, v string) (int, error) {
	id, err := strconv.Atoi(v)
	if err != nil || id < 1 || id > 999_999_999 {
		return 0, fmt.Errorf("invalid resource URI: the %s id must be a whole number from 1 to 999999999", what)
	}
	return id, nil
}

// addResources registers the resources and templates whose tools the
// selection reaches.
func addResources(s *server.MCPServer, sel tools.Selection, env *tools.Env) {
	lang := promptLanguage(env)
	for _, r := range fixedResources() {
		t, ok := reachableTool(sel, r.tool)
		if !ok {
			continue
		}
		args := json.RawMessage(r.args)
		s.AddResource(mcp.NewResource(r.uri, strings.TrimPrefix(r.uri, Scheme),
			mcp.WithResourceTitle(r.title.In(lang)),
			mcp.WithResourceDescription(r.title.In(lang)+" ("+r.tool+")"),
			mcp.WithMIMEType("text/plain"),
		), func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
			return readByTool(ctx, env, sel, t, req.Params.URI, args)
		})
	}
	for _, r := range recordTemplates() {
		t, ok := reachableTool(sel, r.tool)
		if !ok {
			continue
		}
		build := r.args
		s.AddResourceTemplate(mcp.NewResourceTemplate(r.uri, strings.TrimPrefix(r.uri, Scheme),
			mcp.WithTemplateTitle(r.title.In(lang)),
			mcp.WithTemplateDescription(r.title.In(lang)+" ("+r.tool+")"),
			mcp.WithTemplateMIMEType("text/plain"),
		), func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
			args, err := build(uriVariable(req.Params.Arguments))
			if err != nil {
				return nil, err
			}
			return readByTool(ctx, env, sel, t, req.Params.URI, json.RawMessage(args))
		})
	}
}

// reachableTool returns the tool if the selection reaches it.
func reachableTool(sel tools.Selection, name string) (tools.Tool, bool) {
	if reach(sel, name) == prompts.Unreachable {
		return tools.Tool{}, false
	}
	return tools.Get(name)
}

// uriVariable returns the one variable a template URI matched.
func uriVariable(args map[string]any) string {
	for _, v := range args {
		switch t := v.(type) {
		case string:
			return t
		case []string:
			return strings.Join(t, ",")
		}
		return fmt.Sprint(v)
	}
	return ""
}

// readByTool runs a read tool and returns its text as the resource, its
// tool pointers rendered for the server's selection, as gate.call does.
func readByTool(ctx context.Context, env *tools.Env, sel tools.Selection, t tools.Tool, uri string, args json.RawMessage) ([]mcp.ResourceContents, error) {
	if env == nil {
		return nil, errors.New("the server has no onOffice connection")
	}
	res, err := t.Run(ctx, env, args)
	if err != nil {
		return nil, fmt.Errorf("reading %s with %s: %s", uri, t.Name, sel.RenderText(tools.UserMessage(err)))
	}
	// Like a tool result, the text leaves without configured credentials
	// and with its pointers to other tools rendered for the selection.
	return []mcp.ResourceContents{mcp.TextResourceContents{URI: uri, MIMEType: "text/plain", Text: redact.String(sel.RenderText(res.Text))}}, nil
}
