package mcpserver

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/onoffice-mcp/onoffice-mcp/prompts"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

// addPrompts registers the prompts whose tools the selection offers.
func addPrompts(s *server.MCPServer, sel tools.Selection) {
	for _, p := range prompts.All() {
		if !promptAvailable(p, sel) {
			continue
		}
		opts := []mcp.PromptOption{mcp.WithPromptTitle(p.Title), mcp.WithPromptDescription(p.Description)}
		for _, a := range p.Args {
			argOpts := []mcp.ArgumentOption{mcp.ArgumentDescription(a.Description)}
			if a.Required {
				argOpts = append(argOpts, mcp.RequiredArgument())
			}
			opts = append(opts, mcp.WithArgument(a.Name, argOpts...))
		}
		s.AddPrompt(mcp.NewPrompt(p.Name, opts...), promptHandler(p))
	}
}

func promptAvailable(p prompts.Prompt, sel tools.Selection) bool {
	for _, name := range p.Tools {
		a, ok := tools.Lookup(name)
		if !ok || !sel.Enabled(a) {
			return false
		}
	}
	return true
}

func promptHandler(p prompts.Prompt) server.PromptHandlerFunc {
	return func(ctx context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
		text, err := p.Render(req.Params.Arguments)
		if err != nil {
			return nil, err
		}
		return mcp.NewGetPromptResult(p.Description, []mcp.PromptMessage{
			mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(text)),
		}), nil
	}
}
