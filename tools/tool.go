// Package tools turns the onOffice API actions of the catalogue into tools:
// each tool is a typed params struct (its JSON schema is generated from it),
// a description, and a function that asks the onoffice package to do the
// work. It holds no MCP types: package mcpserver adapts tools to mcp-go.
package tools

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"reflect"
	"strings"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

// Caller runs onOffice actions; *onoffice.Client implements it.
type Caller interface {
	Call(ctx context.Context, a onoffice.Action) (onoffice.Result, error)
	Do(ctx context.Context, actions ...onoffice.Action) ([]onoffice.Outcome, error)
}

// Env is what a tool needs to run: the API client, the cached field
// configuration and the settings of the result renderer.
type Env struct {
	API    Caller
	Fields *onoffice.FieldCache
	Render condense.Options
	Log    *slog.Logger
	// Selection is the server's tool selection, for previews that point to
	// another tool: they say when the configuration rules it out.
	Selection Selection
	// Clock, when set, is the server's "now": a --demo server with a
	// --demo-date lives on that day, so that "today" in prompts and
	// completions matches its demo data. Nil is the real clock.
	Clock func() time.Time

	// tool is the catalogue row of the running tool: its own request is
	// built from it (call, request), so no run function spells its verb
	// and resource type again.
	tool Action
}

// Now is the server's current time in the agency's zone.
func (e *Env) Now() time.Time {
	if e != nil && e.Clock != nil {
		return e.Clock().In(condense.AgencyZone())
	}
	return time.Now().In(condense.AgencyZone())
}

// forTool returns a copy of env for running the tool of row a.
func (e *Env) forTool(a Action) *Env {
	if e == nil {
		return nil
	}
	c := *e
	c.tool = a
	return &c
}

// request is the running tool's own onOffice action with a resource id
// (often empty) and parameters.
func (e *Env) request(resourceID string, params map[string]any) onoffice.Action {
	return e.tool.request(resourceID, params)
}

// call sends the running tool's own onOffice action.
func (e *Env) call(ctx context.Context, resourceID string, params map[string]any) (onoffice.Result, error) {
	return e.API.Call(ctx, e.request(resourceID, params))
}

// Result is a tool's answer: text for the model and, optionally, the same
// data as a JSON object.
type Result = condense.Result

// Document is a binary file of a result.
type Document = condense.Document

// Tool is one catalogue action made callable.
type Tool struct {
	Action
	Title       string
	Description string
	schema      *toolSchema
	run         func(ctx context.Context, env *Env, args json.RawMessage) (*Result, error)
	// preview builds the description of a write shown before confirmation.
	preview func(ctx context.Context, env *Env, args json.RawMessage) (*Preview, error)
}

// Preview describes a write before it happens, for a person to confirm.
type Preview struct {
	// Target names the record, e.g. "estate 3120 (Reihenmittelhaus mit Garten)".
	Target string
	// RecordID is the id of the record the action changes, if any.
	RecordID string
	// Changes lists field changes as "field: before → after" or "field: value".
	Changes []string
	// Before holds the current values the preview shows, by field, as
	// shown. A confirmation is bound to them: the write runs only if a
	// fresh preview still shows the same (package guard).
	Before map[string]string
	// UncheckedFields are the field names (arg.name) the field
	// configuration does not know: onOffice alone judges them.
	UncheckedFields []string
	// UncheckedValues are fields whose values nothing here describes.
	UncheckedValues []string
}

// define builds a tool from its catalogue row, a description and a typed
// run function. The schema is reflected from P, and arguments are validated
// against it and decoded into P before run sees them.
func define[P any](name, title, description string, run func(ctx context.Context, env *Env, p P) (*Result, error)) Tool {
	action, ok := Lookup(name)
	if !ok {
		panic("tools: " + name + " is not in the catalogue") // programmer error, caught by tests
	}
	t := Tool{Action: action, Title: title, Description: description, schema: newToolSchema[P](name)}
	t.run = func(ctx context.Context, env *Env, args json.RawMessage) (*Result, error) {
		p, err := decode[P](t.schema, args)
		if err != nil {
			return nil, err
		}
		if action.Effect == EffectRead {
			// Only reads by their catalogue effect are retried on failure.
			ctx = onoffice.AsRead(ctx)
		}
		// A large answer keeps its slot until the result is rendered.
		ctx, release := onoffice.HoldAnswers(ctx)
		defer release()
		ctx, notes := withFieldNotes(ctx)
		res, err := run(ctx, env.forTool(t.Action), p)
		if err != nil {
			return nil, notes.explain(err)
		}
		if s := notes.sentence(); s != "" && res != nil {
			res.Text = strings.TrimRight(res.Text, "\n") + "\n" + s
		}
		return res, nil
	}
	return t
}

// withPreview attaches a typed preview builder to a write tool.
func withPreview[P any](t Tool, preview func(ctx context.Context, env *Env, p P) (*Preview, error)) Tool {
	t.preview = func(ctx context.Context, env *Env, args json.RawMessage) (*Preview, error) {
		p, err := decode[P](t.schema, args)
		if err != nil {
			return nil, err
		}
		ctx, notes := withFieldNotes(ctx)
		pv, err := preview(ctx, env.forTool(t.Action), p)
		if err != nil {
			return nil, notes.explain(err)
		}
		if pv != nil {
			pv.UncheckedFields, pv.UncheckedValues = notes.split()
		}
		env.localize(pv)
		return pv, nil
	}
	return t
}

func decode[P any](ts *toolSchema, args json.RawMessage) (P, error) {
	var p P
	v, err := ts.validator()
	if err != nil {
		return p, err
	}
	normalized, err := v.validate(args)
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(normalized, &p); err != nil {
		return p, decodeError(err)
	}
	return p, nil
}

// decodeError explains a value the schema lets through but Go cannot hold:
// a number too large for its field (1e30, 2^70) or with a fraction where a
// whole number is needed. It names the argument and the allowed range and
// never shows Go's own wording.
func decodeError(err error) error {
	var ae *ArgError
	if errors.As(err, &ae) {
		return ae // a check of the argument's own type, e.g. Filter's operators
	}
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return &ArgError{Message: "the arguments do not match the schema; check each value against the tool's input schema"}
	}
	arg := te.Field
	if arg == "" {
		arg = "arguments"
	}
	value := strings.TrimPrefix(te.Value, "number ")
	switch te.Type.Kind() {
	case reflect.Int, reflect.Int64:
		return &ArgError{Arg: arg, Message: fmt.Sprintf("%s is not allowed: a whole number from %d to %d is expected", value, math.MinInt64, math.MaxInt64)}
	case reflect.Int32:
		return &ArgError{Arg: arg, Message: fmt.Sprintf("%s is not allowed: a whole number from %d to %d is expected", value, math.MinInt32, math.MaxInt32)}
	case reflect.Uint, reflect.Uint64, reflect.Uint32:
		return &ArgError{Arg: arg, Message: fmt.Sprintf("%s is not allowed: a whole number from 0 to %d is expected", value, uint64(math.MaxUint32))}
	case reflect.Float64, reflect.Float32:
		return &ArgError{Arg: arg, Message: fmt.Sprintf("%s is not allowed: a number from %g to %g is expected", value, -math.MaxFloat64, math.MaxFloat64)}
	}
	return &ArgError{Arg: arg, Message: fmt.Sprintf("has the wrong kind of value (%s); a %s is expected", te.Value, te.Type.Kind())}
}

// Schema is the JSON schema of the arguments: a plain object schema.
func (t Tool) Schema() json.RawMessage { return t.schema.raw() }

// Validate checks arguments against the tool's schema without running it.
func (t Tool) Validate(args json.RawMessage) error {
	v, err := t.schema.validator()
	if err != nil {
		return err
	}
	_, err = v.validate(args)
	return err
}

// Run validates the arguments and runs the tool.
func (t Tool) Run(ctx context.Context, env *Env, args json.RawMessage) (*Result, error) {
	return t.run(ctx, env, args)
}

// Preview describes what a write would do; tools without a preview builder
// describe themselves by their arguments.
func (t Tool) Preview(ctx context.Context, env *Env, args json.RawMessage) (*Preview, error) {
	if t.preview == nil {
		if err := t.Validate(args); err != nil {
			return nil, err
		}
		return &Preview{Target: t.Title}, nil
	}
	return t.preview(ctx, env, args)
}

// ArgError is a problem with the arguments the model sent: it names the
// argument, says what is wrong and what is allowed.
type ArgError struct {
	Arg     string
	Message string
}

func (e *ArgError) Error() string {
	if e.Arg == "" {
		return "invalid arguments: " + e.Message
	}
	return fmt.Sprintf("invalid argument `%s`: %s", e.Arg, e.Message)
}

// argErrorf builds an ArgError.
func argErrorf(arg, format string, a ...any) error {
	return &ArgError{Arg: arg, Message: fmt.Sprintf(format, a...)}
}

// UserMessage turns any error of a tool run into the sentence the model
// sees: onOffice's own words in it are marked as CRM text, and registered
// credentials and URL passwords are redacted.
func UserMessage(err error) string {
	return redact.String(userMessage(err))
}

func userMessage(err error) string {
	switch {
	case errors.Is(err, onoffice.ErrNoCredentials):
		return "No onOffice credentials are configured. Set ONOFFICE_TOKEN and ONOFFICE_SECRET for the server, or start it with --demo to use the built-in sandbox."
	case errors.Is(err, onoffice.ErrReadOnly):
		return "Refused: the server runs in read-only mode, so nothing can be written, deleted or sent."
	case errors.Is(err, context.Canceled):
		return "The call was cancelled."
	}
	msg := err.Error()
	var oe *onoffice.Error
	if errors.As(err, &oe) && oe.Remote != "" {
		msg = strings.Replace(msg, oe.Error(), oe.Text(condense.Untrusted), 1)
	}
	return msg
}
