package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
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
//   - The client declared (form) elicitation: the user is asked. Clients on
//     protocol 2026-07-28 get an input request (SEP-2322) carrying the
//     preview and retry with the answer; the request state is a signed,
//     single-use value bound to the tool and its arguments, so a retry
//     with other arguments or a made-up state runs nothing. Older clients
//     get elicitation/create from askNow, which waits at most the
//     confirmation TTL. Only "accept" runs the tool; every other outcome
//     (decline, cancel, no answer in time, a mismatching answer) writes an
//     audit line with outcome "refused". Who may answer is settled before
//     this: a session, and so its prompts, belongs to the caller that
//     opened it (package hosting). The legacy SSE transport cannot carry a
//     prompt; its clients take the token path below, or are refused
//     (--sse-guarded-writes=refuse, http_tenant.go).
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
	guard *guard.Guard
	env   *tools.Env
	// sel renders the pointers to other tools in our own sentences.
	sel      tools.Selection
	log      *slog.Logger
	identity func(context.Context) string
	// observe, when set, counts confirmation requests (metrics); refusals
	// and the outcomes of runs come from the audit log.
	observe func(method, outcome string)
	// readOnly, when set, tells whether the caller may only read.
	readOnly func(context.Context) bool
}

// count tells observe about a confirmation step.
func (gt *gate) count(method, outcome string) {
	if gt.observe != nil {
		gt.observe(method, outcome)
	}
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
	// The one place the token leaves the arguments: everything below (the
	// tool, its preview, the token hash, the audit) sees them without it.
	args, token, err := guard.SplitToken(args)
	if err != nil {
		return mcp.NewToolResultError(err.Error())
	}
	if req.Params.RequestState != "" || len(req.Params.InputResponses) > 0 {
		return gt.answered(ctx, t, req, args)
	}
	if canElicit(ctx) {
		return gt.ask(ctx, t, args)
	}
	if token == "" {
		return gt.preview(ctx, t, args)
	}
	if err := gt.guard.Tokens.Verify(ctx, guard.PurposeConfirm, t.Name, args, token); err != nil {
		gt.log.Info("confirmation token refused", "tool", t.Name, "reason", err.Error())
		gt.refused(ctx, t, args, guard.MethodToken, tokenRefusal(err))
		return mcp.NewToolResultError(fmt.Sprintf(
			"Not run, nothing was changed: %s. Call %s without %s to get a new preview and token, show the preview to the user, and use the new token only if they agree.",
			err, callOf(ctx, t), guard.TokenArg))
	}
	if res := gt.stale(ctx, t, args, guard.MethodToken, gt.tokenBinding(token)); res != nil {
		return res
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
	tok, expires, err := gt.guard.Tokens.Issue(guard.PurposeConfirm, t.Name, args, p.Before)
	if err != nil {
		return mcp.NewToolResultError(tools.UserMessage(err))
	}
	gt.log.Info("confirmation requested", "tool", t.Name, "method", "token")
	gt.count(guard.MethodToken, "requested")
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

// ask has the client show the preview to the user. A client on protocol
// 2026-07-28 gets an input request and answers by retrying (answered);
// an older client gets elicitation/create here, so that the wait for the
// person ends at the confirmation TTL.
func (gt *gate) ask(ctx context.Context, t tools.Tool, args json.RawMessage) *mcp.CallToolResult {
	p, err := guard.Describe(ctx, t, gt.env, args)
	if err != nil {
		return mcp.NewToolResultError(tools.UserMessage(err))
	}
	params := mcp.ElicitationParams{
		Mode:    mcp.ElicitationModeForm,
		Message: gt.sel.RenderText(redact.String(guard.Text(t, p, gt.lang()))) + "\n\n" + guard.Accept(gt.lang()),
		// Nothing to fill in: the answer is the choice between accept,
		// decline and cancel.
		RequestedSchema: map[string]any{"type": "object", "properties": map[string]any{}},
	}
	if info := server.RequestProtocolInfoFromContext(ctx); info == nil || !info.Modern {
		return gt.askNow(ctx, t, args, params, p.Before)
	}
	state, _, err := gt.guard.Tokens.Issue(guard.PurposeElicit, t.Name, args, p.Before)
	if err != nil {
		return mcp.NewToolResultError(tools.UserMessage(err))
	}
	gt.log.Info("confirmation requested", "tool", t.Name, "method", "elicitation")
	gt.count(guard.MethodElicitation, "requested")
	return server.NewInputRequestBuilder(state).Elicit(elicitKey, params).ToolResult()
}

// askNow sends the prompt to an older client and waits for the answer, at
// most the confirmation TTL (a token would not outlive it either). mcp-go
// would wait as long as the request lives.
func (gt *gate) askNow(ctx context.Context, t tools.Tool, args json.RawMessage, params mcp.ElicitationParams, before map[string]string) *mcp.CallToolResult {
	srv := server.ServerFromContext(ctx)
	if srv == nil {
		return mcp.NewToolResultError("Not run, nothing was changed: this connection cannot show a confirmation prompt.")
	}
	ttl := gt.guard.Tokens.TTL()
	gt.log.Info("confirmation requested", "tool", t.Name, "method", "elicitation")
	gt.count(guard.MethodElicitation, "requested")
	wctx, cancel := context.WithTimeout(ctx, ttl)
	defer cancel()
	answer, err := srv.RequestElicitation(wctx, mcp.ElicitationRequest{
		Request: mcp.Request{Method: string(mcp.MethodElicitationCreate)},
		Params:  params,
	})
	if err != nil {
		reason := "the prompt failed: " + err.Error()
		if ctx.Err() == nil && errors.Is(wctx.Err(), context.DeadlineExceeded) {
			reason = "nobody answered the confirmation prompt within " + human(ttl)
		}
		gt.refused(ctx, t, args, guard.MethodElicitation, reason)
		return mcp.NewToolResultText(fmt.Sprintf("%s did not run: not confirmed; nothing was changed (%s). Call %s again only if the user asks for it.", t.Name, reason, callOf(ctx, t)))
	}
	return gt.decide(ctx, t, args, answer, func(now map[string]string) []string { return guard.Differs(before, now) })
}

// answered handles the retry that carries the user's answer.
func (gt *gate) answered(ctx context.Context, t tools.Tool, req mcp.CallToolRequest, args json.RawMessage) *mcp.CallToolResult {
	if err := gt.guard.Tokens.Verify(ctx, guard.PurposeElicit, t.Name, args, req.Params.RequestState); err != nil {
		gt.log.Info("confirmation answer refused", "tool", t.Name, "reason", err.Error())
		reason := strings.ReplaceAll(err.Error(), "confirmation token", "confirmation request")
		gt.refused(ctx, t, args, guard.MethodElicitation, "the answer to the confirmation prompt does not match this call ("+reason+")")
		return mcp.NewToolResultError(fmt.Sprintf("Not run, nothing was changed: the answer to the confirmation prompt does not match this call (%s). Call %s again to ask the user anew.", reason, callOf(ctx, t)))
	}
	answer := server.ElicitationResponse(req.Params.InputResponses, elicitKey)
	if answer == nil {
		gt.refused(ctx, t, args, guard.MethodElicitation, "the client sent no answer to the confirmation prompt")
		return mcp.NewToolResultError(fmt.Sprintf("Not run, nothing was changed: the client sent no answer to the confirmation prompt. Call %s again to ask the user anew.", callOf(ctx, t)))
	}
	return gt.decide(ctx, t, args, answer, gt.tokenBinding(req.Params.RequestState))
}

// decide runs the tool if the user accepted the prompt and the values the
// prompt showed are unchanged (changed compares them with the values now).
func (gt *gate) decide(ctx context.Context, t tools.Tool, args json.RawMessage, answer *mcp.ElicitationResult, changed func(now map[string]string) []string) *mcp.CallToolResult {
	switch answer.Action {
	case mcp.ElicitationResponseActionAccept:
		if res := gt.stale(ctx, t, args, guard.MethodElicitation, changed); res != nil {
			return res
		}
		return gt.run(ctx, t, args, &guard.Confirmation{
			Method: guard.MethodElicitation,
			By:     "user, in the client's confirmation prompt",
			Client: clientName(ctx),
		})
	case mcp.ElicitationResponseActionDecline:
		gt.log.Info("confirmation declined", "tool", t.Name)
		gt.refused(ctx, t, args, guard.MethodElicitation, "declined by the user")
		return mcp.NewToolResultText(fmt.Sprintf("The user declined. %s did not run; nothing was changed. Do not retry unless the user asks for it.", t.Name))
	}
	gt.log.Info("confirmation cancelled", "tool", t.Name, "action", string(answer.Action))
	gt.refused(ctx, t, args, guard.MethodElicitation, "cancelled by the user (answer "+strconv.Quote(string(answer.Action))+")")
	return mcp.NewToolResultText(fmt.Sprintf("The user dismissed the confirmation without accepting. %s did not run; nothing was changed.", t.Name))
}

// tokenRefusal says for the audit log why a confirmation token was
// refused: expired, invalid, already used or for other arguments. The
// errors of Verify never contain the token.
func tokenRefusal(err error) string {
	kind := "refused"
	switch {
	case errors.Is(err, guard.ErrExpired):
		kind = "expired"
	case errors.Is(err, guard.ErrUsed):
		kind = "already used"
	case errors.Is(err, guard.ErrArgsChanged):
		return "arguments changed since the preview: " + err.Error()
	case errors.Is(err, guard.ErrMalformed), errors.Is(err, guard.ErrForged),
		errors.Is(err, guard.ErrWrongPurpose), errors.Is(err, guard.ErrOtherTool):
		kind = "invalid"
	}
	return "confirmation token " + kind + ": " + err.Error()
}

// tokenBinding compares the before-values a verified token or request
// state is bound to with the values now; nil when it binds none.
func (gt *gate) tokenBinding(token string) func(now map[string]string) []string {
	c, _, err := gt.guard.Tokens.Parse(token)
	if err != nil || !c.Bound() {
		return nil // verified before; a preview without before-values binds nothing
	}
	return func(now map[string]string) []string { return guard.Changed(c, now) }
}

// stale reads the values the confirmed preview showed again, just before
// the write, and refuses when any differs: the person approved a change of
// the values they saw, not of whatever is there now. It returns nil when
// the write may run. A refusal is audited (method: how it was confirmed).
func (gt *gate) stale(ctx context.Context, t tools.Tool, args json.RawMessage, method string, changed func(now map[string]string) []string) *mcp.CallToolResult {
	if changed == nil {
		return nil
	}
	fresh, err := guard.Describe(ctx, t, gt.env, args)
	if err != nil {
		reason := "checking the record again before the write failed: " + tools.UserMessage(err)
		gt.log.Info("confirmed call refused", "tool", t.Name, "reason", tools.UserMessage(err))
		gt.refused(ctx, t, args, method, reason)
		return mcp.NewToolResultError("Not run, nothing written: " + reason)
	}
	diff := changed(fresh.Before)
	if diff == nil {
		return nil
	}
	gt.log.Info("confirmed call refused", "tool", t.Name, "reason", "changed since the preview")
	gt.refused(ctx, t, args, method, fmt.Sprintf("%s: %s", guard.ErrChanged, strings.Join(diff, "; ")))
	return mcp.NewToolResultError(fmt.Sprintf(
		"Not run: %s: %s; nothing written. The user approved a change of the values the preview showed. Call %s again without %s for a new preview and ask the user again.",
		guard.ErrChanged, strings.Join(diff, "; "), t.Name, guard.TokenArg))
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
	e := gt.entry(ctx, t, args, "ok", *conf)
	if err != nil {
		e.Outcome, e.Error = "error", tools.UserMessage(err)
	}
	gt.record(t, e)
}

// refused writes the audit line of an approval that was refused: the
// action did not run, but the agency sees the attempt and why it failed.
func (gt *gate) refused(ctx context.Context, t tools.Tool, args json.RawMessage, method, reason string) {
	e := gt.entry(ctx, t, args, "refused", guard.Confirmation{
		Method: method,
		By:     "nobody: not confirmed",
		Client: clientName(ctx),
	})
	e.Reason = reason
	gt.record(t, e)
}

func (gt *gate) entry(ctx context.Context, t tools.Tool, args json.RawMessage, outcome string, conf guard.Confirmation) guard.Entry {
	e := guard.Entry{
		Tool:         t.Name,
		Effect:       string(t.Effect),
		ResourceType: t.ResourceType,
		RecordID:     recordID(args),
		Arguments:    guard.Elide(args),
		Outcome:      outcome,
		Confirmation: conf,
	}
	if gt.identity != nil {
		e.Caller = gt.identity(ctx)
	}
	return e
}

func (gt *gate) record(t tools.Tool, e guard.Entry) {
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
