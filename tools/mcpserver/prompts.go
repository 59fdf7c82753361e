package mcpserver

import (
	"context"
	"fmt"
	"slices"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/onoffice-mcp/onoffice-mcp/prompts"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

// addPrompts registers the prompts whose tools the selection reaches. The
// list (titles, descriptions) is in the language of the server's labels;
// each prompt's text follows its language argument.
func addPrompts(s *server.MCPServer, sel tools.Selection, env *tools.Env) {
	lang := promptLanguage(env)
	for _, p := range prompts.All() {
		if !p.Available(reacher(sel)) {
			continue
		}
		opts := []mcp.PromptOption{mcp.WithPromptTitle(p.Title.In(lang)), mcp.WithPromptDescription(p.Description.In(lang))}
		for _, a := range p.AllArgs() {
			argOpts := []mcp.ArgumentOption{mcp.ArgumentDescription(a.Description.In(lang))}
			if a.Required {
				argOpts = append(argOpts, mcp.RequiredArgument())
			}
			opts = append(opts, mcp.WithArgument(a.Name, argOpts...))
		}
		s.AddPrompt(mcp.NewPrompt(p.Name, opts...), promptHandler(p, sel, env, lang))
	}
}

// promptLanguage is the default prompt language: that of the labels.
func promptLanguage(env *tools.Env) string {
	if env != nil && env.Render.Language == "ENG" {
		return prompts.EN
	}
	return prompts.DE
}

// promptHandler renders a prompt. A bad argument is a JSON-RPC error
// (prompts have no isError result) whose message names the argument.
func promptHandler(p prompts.Prompt, sel tools.Selection, env *tools.Env, lang string) server.PromptHandlerFunc {
	return func(ctx context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
		penv := prompts.Env{Reach: reacher(sel), Language: lang, Now: env.Now()}
		text, err := p.Render(penv, req.Params.Arguments)
		if err != nil {
			return nil, err
		}
		if err := checkRecords(ctx, p, penv, env, req.Params.Arguments); err != nil {
			return nil, err
		}
		textLang, _ := prompts.LanguageArg.Check(req.Params.Arguments[prompts.LanguageArg.Name], penv)
		return mcp.NewGetPromptResult(p.Description.In(textLang), []mcp.PromptMessage{
			mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(text)),
		}), nil
	}
}

// checkRecords makes sure the estates and addresses a prompt is asked
// about exist, so that a mistyped id is refused now rather than after the
// model has worked through half the steps. When onOffice cannot be asked,
// the prompt is rendered unchecked: its first step reads the record anyway.
func checkRecords(ctx context.Context, p prompts.Prompt, penv prompts.Env, env *tools.Env, args map[string]string) error {
	if env == nil || env.API == nil {
		return nil
	}
	for _, a := range p.Args {
		var (
			what    string
			suggest func(context.Context, *tools.Env, string) ([]tools.Suggestion, error)
		)
		switch a.Kind {
		case prompts.KindEstateID:
			what, suggest = "estate", tools.SuggestEstates
		case prompts.KindAddressID:
			what, suggest = "address", tools.SuggestAddresses
		default:
			continue
		}
		id, err := a.Check(args[a.Name], penv)
		if err != nil || id == "" {
			continue
		}
		found, err := suggest(ctx, env, id)
		if err != nil {
			continue
		}
		if !slices.ContainsFunc(found, func(s tools.Suggestion) bool { return s.ID == id }) {
			return &prompts.ArgError{Arg: a.Name, Message: fmt.Sprintf("there is no %s %s; complete the argument to find one by %s", what, id, map[string]string{"estate": "title or town", "address": "name"}[what])}
		}
	}
	return nil
}
