package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard"
)

// Confirm-before-write at the MCP edge.
//
// A tool whose effect the policy guards runs only after a confirmation,
// obtained one of two ways, chosen per call:
//
//   - The client declared (form) elicitation: the handler answers with an
//     input request (SEP-2322) carrying the preview; clients on protocol
//     2026-07-28 show it and retry, for older clients mcp-go sends
//     elicitation/create and calls the handler again with the answer. Only
//     "accept" runs the tool. The request state is a signed, single-use
//     value bound to the tool and its arguments, so a retry with other
//     arguments or a made-up state runs nothing.
//   - Otherwise the first call runs nothing and returns the preview and a
//     confirmation token (package guard); the tool runs when it is called
//     again with the same arguments and that token. A client that can
//     elicit gets the prompt even when a token comes along: the token only
//     shows that the model saw a preview, the prompt reaches the user.
//
// mcp-go does not check the client's capabilities before it sends an
// elicitation request, so canElicit does.

// auditOut receives the audit lines besides the optional file: stderr,
// since stdout carries the stdio protocol.
var auditOut io.Writer = os.Stderr

// elicitKey names our one input request.
const elicitKey = "confirm"

// GuardFor builds the guard of a configuration; the audit log goes to
// stderr and to the configured file. Close it when the server stops.
func GuardFor(cfg *config.Config, stderr io.Writer) (*guard.Guard, error) {
	return newGuard(cfg, guard.Options{
		Key:         cfg.Guard.ConfirmKey.Bytes(),
		AuditWriter: stderr,
		AuditPath:   cfg.Guard.AuditLog,
	})
}

// newGuard builds a guard with the configuration's policy and token TTL;
// o gives the key and where the audit lines go.
func newGuard(cfg *config.Config, o guard.Options) (*guard.Guard, error) {
	p, err := guard.ParsePolicy(cfg.Guard.Confirm)
	if err != nil {
		return nil, err
	}
	o.Policy, o.TTL = p, cfg.Guard.ConfirmTTL
	return guard.New(o)
}

// gate runs tool calls through the guard.
type gate struct {
	guard    *guard.Guard
	env      *tools.Env
	log      *slog.Logger
	identity func(context.Context) string
}

// lang is the language of the field labels, which the confirmation texts
// a person reads follow.
func (gt *gate) lang() string {
	if gt.env == nil {
		return ""
	}
	return gt.env.Render.Language
}

// handle runs a call of a non-read tool.
func (gt *gate) handle(ctx context.Context, t tools.Tool, req mcp.CallToolRequest, args json.RawMessage) *mcp.CallToolResult {
	if !gt.guard.Policy.Requires(t.Effect) {
		return gt.run(ctx, t, args, &guard.Confirmation{
			Method: guard.MethodNone,
			By:     "not required by --confirm=" + string(gt.guard.Policy),
		})
	}
	if req.Params.RequestState != "" || len(req.Params.InputResponses) > 0 {
		return gt.answered(ctx, t, req, args)
	}
	if canElicit(ctx) {
		return gt.ask(ctx, t, args)
	}
	if guard.TokenOf(args) == "" {
		return gt.preview(ctx, t, args)
	}
	if err := gt.guard.Tokens.Verify(ctx, guard.PurposeConfirm, t.Name, args, guard.TokenOf(args)); err != nil {
		gt.log.Info("confirmation token refused", "tool", t.Name, "reason", err.Error())
		return mcp.NewToolResultError(fmt.Sprintf(
			"Not run, nothing was changed: %s. Call %s without %s to get a new preview and token, show the preview to the user, and use the new token only if they agree.",
			err, callOf(ctx, t), guard.TokenArg))
	}
	return gt.run(ctx, t, args, &guard.Confirmation{
		Method: guard.MethodToken,
		By:     "model, with the token of a preview (whether the user saw it is not verifiable)",
		Client: clientName(ctx),
	})
}

// preview answers the first call of a client without elicitation: nothing
// runs; the preview and a token come back.
func (gt *gate) preview(ctx context.Context, t tools.Tool, args json.RawMessage) *mcp.CallToolResult {
	p, err := guard.Describe(ctx, t, gt.env, args)
	if err != nil {
		return mcp.NewToolResultError(tools.UserMessage(err))
	}
	tok, expires, err := gt.guard.Tokens.Issue(guard.PurposeConfirm, t.Name, args)
	if err != nil {
		return mcp.NewToolResultError(tools.UserMessage(err))
	}
	gt.log.Info("confirmation requested", "tool", t.Name, "method", "token")
	text := fmt.Sprintf("Not run yet: this needs the user's confirmation. Nothing has been changed.\n\n%s\n\nShow this to the user. Only if they agree, call %s again with exactly the same arguments plus %q: %q (valid for %s, once).",
		guard.Text(t, p, gt.lang()), callOf(ctx, t), guard.TokenArg, tok, human(gt.guard.Tokens.TTL()))
	res := mcp.NewToolResultText(text)
	if gt.env != nil && gt.env.Render.Structured {
		sc := map[string]any{
			"status":        "confirmation_required",
			"tool":          t.Name,
			"target":        p.Target,
			"changes":       p.Changes,
			guard.TokenArg:  tok,
			"expires":       expires.UTC().Format(time.RFC3339),
			"nothing_run":   true,
			"record_id":     p.RecordID,
			"effect":        string(t.Effect),
			"resource_type": t.ResourceType,
		}
		if len(p.UncheckedFields) > 0 {
			sc["unchecked_fields"] = p.UncheckedFields
		}
		if len(p.UncheckedValues) > 0 {
			sc["unchecked_values"] = p.UncheckedValues
		}
		res.StructuredContent = sc
	}
	return res
}

// ask returns an input request that has the client show the preview to
// the user.
func (gt *gate) ask(ctx context.Context, t tools.Tool, args json.RawMessage) *mcp.CallToolResult {
	p, err := guard.Describe(ctx, t, gt.env, args)
	if err != nil {
		return mcp.NewToolResultError(tools.UserMessage(err))
	}
	state, _, err := gt.guard.Tokens.Issue(guard.PurposeElicit, t.Name, args)
	if err != nil {
		return mcp.NewToolResultError(tools.UserMessage(err))
	}
	gt.log.Info("confirmation requested", "tool", t.Name, "method", "elicitation")
	return server.NewInputRequestBuilder(state).Elicit(elicitKey, mcp.ElicitationParams{
		Mode:    mcp.ElicitationModeForm,
		Message: redact.String(guard.Text(t, p, gt.lang())) + "\n\n" + guard.Accept(gt.lang()),
		// Nothing to fill in: the answer is the choice between accept,
		// decline and cancel.
		RequestedSchema: map[string]any{"type": "object", "properties": map[string]any{}},
	}).ToolResult()
}

// answered handles the retry that carries the user's answer.
func (gt *gate) answered(ctx context.Context, t tools.Tool, req mcp.CallToolRequest, args json.RawMessage) *mcp.CallToolResult {
	if err := gt.guard.Tokens.Verify(ctx, guard.PurposeElicit, t.Name, args, req.Params.RequestState); err != nil {
		gt.log.Info("confirmation answer refused", "tool", t.Name, "reason", err.Error())
		return mcp.NewToolResultError(fmt.Sprintf("Not run, nothing was changed: the answer to the confirmation prompt does not match this call (%s). Call %s again to ask the user anew.", strings.ReplaceAll(err.Error(), "confirmation token", "confirmation request"), callOf(ctx, t)))
	}
	answer := server.ElicitationResponse(req.Params.InputResponses, elicitKey)
	if answer == nil {
		return mcp.NewToolResultError(fmt.Sprintf("Not run, nothing was changed: the client sent no answer to the confirmation prompt. Call %s again to ask the user anew.", callOf(ctx, t)))
	}
	switch answer.Action {
	case mcp.ElicitationResponseActionAccept:
		return gt.run(ctx, t, args, &guard.Confirmation{
			Method: guard.MethodElicitation,
			By:     "user, in the client's confirmation prompt",
			Client: clientName(ctx),
		})
	case mcp.ElicitationResponseActionDecline:
		gt.log.Info("confirmation declined", "tool", t.Name)
		return mcp.NewToolResultText(fmt.Sprintf("The user declined. %s did not run; nothing was changed. Do not retry unless the user asks for it.", t.Name))
	}
	gt.log.Info("confirmation cancelled", "tool", t.Name, "action", string(answer.Action))
	return mcp.NewToolResultText(fmt.Sprintf("The user dismissed the confirmation without accepting. %s did not run; nothing was changed.", t.Name))
}

// run runs the tool; conf is set for guarded effects and makes the call audited.
func (gt *gate) run(ctx context.Context, t tools.Tool, args json.RawMessage, conf *guard.Confirmation) *mcp.CallToolResult {
	start := time.Now()
	res, err := t.Run(ctx, gt.env, args)
	if conf != nil && gt.guard != nil {
		gt.audit(ctx, t, args, conf, err)
	}
	if err != nil {
		gt.log.Info("tool call failed", "tool", t.Name, "duration", time.Since(start), "error", tools.UserMessage(err))
		return mcp.NewToolResultError(tools.UserMessage(err))
	}
	gt.log.Debug("tool call", "tool", t.Name, "duration", time.Since(start), "chars", len(res.Text))
	return toResult(res)
}

// audit writes the audit line of an executed action. Argument errors are
// left out: they stop the call before any request leaves.
func (gt *gate) audit(ctx context.Context, t tools.Tool, args json.RawMessage, conf *guard.Confirmation, err error) {
	var argErr *tools.ArgError
	if errors.As(err, &argErr) {
		return
	}
	e := guard.Entry{
		Tool:         t.Name,
		Effect:       string(t.Effect),
		ResourceType: t.ResourceType,
		RecordID:     recordID(args),
		Arguments:    guard.Elide(args),
		Outcome:      "ok",
		Confirmation: *conf,
	}
	if err != nil {
		e.Outcome, e.Error = "error", tools.UserMessage(err)
	}
	if gt.identity != nil {
		e.Caller = gt.identity(ctx)
	}
	if werr := gt.guard.Audit.Record(e); werr != nil {
		gt.log.Error("audit log write failed", "tool", t.Name, "error", werr)
	}
}

// recordID takes the record id from the usual id arguments.
func recordID(args json.RawMessage) string {
	var m map[string]json.RawMessage
	if json.Unmarshal(args, &m) != nil {
		return ""
	}
	for _, k := range []string{"id", "resourceid", "recordid"} {
		v, ok := m[k]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
		var n json.Number
		if json.Unmarshal(v, &n) == nil {
			return n.String()
		}
	}
	return ""
}

// canElicit reports whether the client of this request declared that it
// can show a form elicitation to the user.
func canElicit(ctx context.Context) bool {
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.Modern {
		return formElicitation(info.ClientCapabilities)
	}
	session := server.ClientSessionFromContext(ctx)
	if session == nil {
		return false
	}
	if _, ok := session.(server.SessionWithElicitation); !ok {
		return false
	}
	withInfo, ok := session.(server.SessionWithClientInfo)
	if !ok {
		return false
	}
	caps := withInfo.GetClientCapabilities()
	return formElicitation(&caps)
}

// formElicitation: an empty elicitation capability means form mode (the
// only mode before 2025-11-25); a client that lists only url mode cannot
// show our prompt.
func formElicitation(caps *mcp.ClientCapabilities) bool {
	if caps == nil || caps.Elicitation == nil {
		return false
	}
	e := caps.Elicitation
	return e.Form != nil || e.URL == nil
}

// clientName names the MCP client for the audit log.
func clientName(ctx context.Context) string {
	var impl mcp.Implementation
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.ClientInfo != nil {
		impl = *info.ClientInfo
	} else if s, ok := server.ClientSessionFromContext(ctx).(server.SessionWithClientInfo); ok {
		impl = s.GetClientInfo()
	}
	if impl.Name == "" {
		return ""
	}
	if impl.Version != "" {
		return impl.Name + " " + impl.Version
	}
	return impl.Name
}

// human writes a duration in words: "5 minutes", "90 seconds".
func human(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return plural(int(d/time.Hour), "hour")
	case d%time.Minute == 0:
		return plural(int(d/time.Minute), "minute")
	case d%time.Second == 0:
		return plural(int(d/time.Second), "second")
	}
	return d.String()
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
