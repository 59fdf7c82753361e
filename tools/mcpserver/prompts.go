package mcpserver

import (
	"context"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/onoffice-mcp/onoffice-mcp/prompts"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
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
		s.AddPrompt(mcp.NewPrompt(p.Name, opts...), promptHandler(p, sel, lang))
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
func promptHandler(p prompts.Prompt, sel tools.Selection, lang string) server.PromptHandlerFunc {
	return func(ctx context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
		text, err := p.Render(prompts.Env{Reach: reacher(sel), Language: lang, Now: time.Now().In(condense.AgencyZone())}, req.Params.Arguments)
		if err != nil {
			return nil, err
		}
		return mcp.NewGetPromptResult(p.Description.In(lang), []mcp.PromptMessage{
			mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(text)),
		}), nil
	}
}
