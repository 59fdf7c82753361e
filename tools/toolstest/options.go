package toolstest

import (
	"context"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
)

// Guarded is a harness whose server runs with the write guards wired as
// in production (confirmation policy, tokens, audit log), with a client
// that may or may not support elicitation.
type Guarded struct {
	*Harness
	Guard *guard.Guard
	// Audit collects the audit lines the server wrote to "stderr".
	Audit *LogBuffer
	// Prompts are the elicitation requests the client received.
	Prompts *Prompts
}

// Prompts records elicitation requests.
type Prompts struct {
	mu   sync.Mutex
	list []mcp.ElicitationRequest
}

// All returns the requests received so far.
func (p *Prompts) All() []mcp.ElicitationRequest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]mcp.ElicitationRequest(nil), p.list...)
}

func (p *Prompts) add(r mcp.ElicitationRequest) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, r)
}

// Option changes how NewGuarded builds the server or the client.
type Option func(*options)

type options struct {
	flags    []string
	answer   func(mcp.ElicitationRequest) (*mcp.ElicitationResult, error)
	protocol string
	identity func(context.Context) string
	apiURL   string
}

// WithAPI points the server at another onOffice stand-in (e.g. one that
// replays recorded answers) instead of the sandbox; the credentials stay
// the sandbox's demo pair.
func WithAPI(url string) Option {
	return func(o *options) { o.apiURL = url }
}

// WithFlags passes server flags (e.g. "--confirm=off").
func WithFlags(flags ...string) Option {
	return func(o *options) { o.flags = append(o.flags, flags...) }
}

// WithElicitation gives the client an elicitation handler, so that it
// declares the capability; answer decides what the "user" does.
func WithElicitation(answer func(mcp.ElicitationRequest) (*mcp.ElicitationResult, error)) Option {
	return func(o *options) { o.answer = answer }
}

// WithProtocol pins the protocol version the client asks for; the default
// is the newest (2026-07-28, no handshake). "2025-11-25" gives the older
// initialize flow, where elicitation is a server-to-client request.
func WithProtocol(version string) Option {
	return func(o *options) { o.protocol = version }
}

// WithIdentity names the caller in the audit log.
func WithIdentity(fn func(context.Context) string) Option {
	return func(o *options) { o.identity = fn }
}

// Answer returns an elicitation answer with the given action.
func Answer(action mcp.ElicitationResponseAction) func(mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	return func(mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
		return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: action}}, nil
	}
}

type elicitFunc struct {
	prompts *Prompts
	answer  func(mcp.ElicitationRequest) (*mcp.ElicitationResult, error)
}

func (e elicitFunc) Elicit(_ context.Context, r mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	e.prompts.add(r)
	return e.answer(r)
}

// NewGuarded starts the sandbox and a guarded server (every tool enabled
// unless the flags say otherwise) with a client built from the options.
func NewGuarded(t testing.TB, opts ...Option) *Guarded {
	t.Helper()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	sb := sandbox.New(sandbox.WithDemoDate(DemoDate))
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	url := srv.URL + sandbox.StablePath
	if o.apiURL != "" {
		url = o.apiURL
	}
	env := map[string]string{
		"ONOFFICE_TOKEN":    sandbox.DemoToken,
		"ONOFFICE_SECRET":   sandbox.DemoSecret,
		"ONOFFICE_API_URL":  url,
		"ONOFFICE_TOOLSETS": "all",
	}
	cfg, err := config.Load(o.flags, func(k string) string { return env[k] }, &strings.Builder{})
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	g := &Guarded{Audit: &LogBuffer{}, Prompts: &Prompts{}}
	g.Guard, err = mcpserver.GuardFor(cfg, g.Audit)
	if err != nil {
		t.Fatalf("guard: %v", err)
	}
	t.Cleanup(func() { _ = g.Guard.Close() })
	log := Logger(t)
	api := mcpserver.Client(cfg, log)
	s := mcpserver.New(mcpserver.Options{
		Env: mcpserver.EnvFor(cfg, api, log), Selection: mcpserver.SelectionFor(cfg), Logger: log,
		Guard: g.Guard, Identity: o.identity,
	})
	var copts []client.ClientOption
	if o.answer != nil {
		copts = append(copts, client.WithElicitationHandler(elicitFunc{prompts: g.Prompts, answer: o.answer}))
	}
	if o.protocol != "" {
		copts = append(copts, client.WithProtocolVersion(o.protocol))
	}
	c, err := client.NewInProcessClientWithOptions(s, copts...)
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	ctx := context.Background()
	if err := c.Start(ctx); err != nil {
		t.Fatalf("start: %v", err)
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = o.protocol
	if init.Params.ProtocolVersion == "" {
		init.Params.ProtocolVersion = mcp.LATEST_PROTOCOL_VERSION
	}
	init.Params.ClientInfo = mcp.Implementation{Name: "toolstest", Version: "1"}
	initRes, err := c.Initialize(ctx, init)
	if err != nil {
		t.Fatalf("initialize: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	g.Harness = &Harness{Sandbox: sb, URL: url, Config: cfg, Client: c, Instructions: initRes.Instructions, server: s}
	return g
}
