package mcpserver

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver/hosting"
)

// Client builds the onOffice client the configuration asks for: the
// in-process sandbox with --demo, the configured endpoint otherwise.
func Client(cfg *config.Config, log *slog.Logger) *onoffice.Client {
	opts := []onoffice.Option{onoffice.WithLogger(log), onoffice.WithMaxAnswer(cfg.MaxAnswer)}
	if cfg.ReadOnly {
		opts = append(opts, onoffice.WithReadOnly())
	}
	if cfg.Demo {
		token, secret := cfg.Token, cfg.Secret
		if token == "" || secret == "" {
			token, secret = sandbox.DemoToken, sandbox.DemoSecret
		}
		sbOpts := []sandbox.ServerOption{sandbox.WithCredentials(token, secret), sandbox.WithoutRequestLog()}
		if !cfg.DemoDate.IsZero() {
			sbOpts = append(sbOpts, sandbox.WithDemoDate(cfg.DemoDate))
		}
		sb := sandbox.New(sbOpts...)
		opts = append(opts, onoffice.WithHTTPClient(&http.Client{Transport: recording(cfg, log, hosting.TimedTransport{Next: sb.Transport()}, token, secret), Timeout: cfg.Timeout}))
		return onoffice.New(sandbox.DemoURL, token, secret, opts...)
	}
	opts = append(opts, onoffice.WithHTTPClient(&http.Client{Timeout: cfg.Timeout, Transport: recording(cfg, log, apiTransport, cfg.Token, cfg.Secret)}))
	return onoffice.New(cfg.APIURL, cfg.Token, cfg.Secret, opts...)
}

// recording wraps a transport with the --record fixture writer when set.
func recording(cfg *config.Config, log *slog.Logger, next http.RoundTripper, secrets ...string) http.RoundTripper {
	if cfg.RecordDir == "" {
		return next
	}
	log.Warn("recording onOffice answers as fixtures (personal data redacted; review before sharing)", "dir", cfg.RecordDir)
	return &onoffice.Recorder{Dir: cfg.RecordDir, Next: next, Log: log, Secrets: secrets}
}

// apiTransport carries the requests to onOffice. Go's default keeps only
// two idle connections per host, so concurrent calls of a hosted server
// (all to the one onOffice host) would open and close a connection, with
// its TLS handshake, for most requests. Connections hold no credentials
// (every request is signed on its own), so tenants share the pool. The
// time spent is added to the request's onOffice time (http_upstream.go).
var apiTransport http.RoundTripper = func() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 128
	return hosting.TimedTransport{Next: t}
}()

// EnvFor builds the tool environment over a client.
func EnvFor(cfg *config.Config, api *onoffice.Client, log *slog.Logger) *tools.Env {
	return &tools.Env{
		API:    api,
		Fields: onoffice.NewFieldCache(api, cfg.FieldCacheTTL),
		Render: condense.Options{
			Budget:      cfg.Budget,
			DocumentCap: cfg.DocumentCap,
			Structured:  cfg.Structured,
			Raw:         cfg.Raw,
			Labels:      cfg.Labels,
			Language:    cfg.Language,
		},
		Log:       log,
		Selection: SelectionFor(cfg),
		Clock:     demoClock(cfg),
	}
}

// demoClock is the clock of a --demo server pinned to a --demo-date: that
// day, at the real time of day, so the demo data's "today" is the
// server's. Nil (the real clock) otherwise.
func demoClock(cfg *config.Config) func() time.Time {
	if !cfg.Demo || cfg.DemoDate.IsZero() {
		return nil
	}
	day := cfg.DemoDate
	return func() time.Time {
		now := time.Now().In(condense.AgencyZone())
		return time.Date(day.Year(), day.Month(), day.Day(), now.Hour(), now.Minute(), now.Second(), now.Nanosecond(), now.Location())
	}
}

// SelectionFor returns the tool selection of a configuration.
func SelectionFor(cfg *config.Config) tools.Selection {
	return tools.Selection{
		Toolsets:           cfg.Toolsets,
		Tools:              cfg.Tools,
		ExcludeTools:       cfg.ExcludeTools,
		ReadOnly:           cfg.ReadOnly,
		DisableDestructive: cfg.DisableDestructive,
		Discovery:          cfg.Discovery,
	}
}

// Started lets the caller of Run follow the start (package startgc holds
// the garbage collector back until then). Nil fields are skipped.
type Started struct {
	// Built is called once the server is built, before it serves.
	Built func()
	// FirstCall is called when the first tool call arrives over stdio: the
	// host's start-up exchange (initialize, tools/list) is over by then.
	FirstCall func()
}

// Run serves MCP on the configured transport until ctx ends.
func Run(ctx context.Context, cfg *config.Config, log *slog.Logger, started Started) error {
	log = redact.Logger(log)
	ready := started.Built
	if ready == nil {
		ready = func() {}
	}
	if cfg.IsHTTP() {
		return runHTTP(ctx, cfg, log, ready)
	}
	sel := SelectionFor(cfg)
	if err := sel.Validate(); err != nil {
		return err
	}
	api := Client(cfg, log)
	if !api.HasCredentials() {
		log.Warn("no onOffice credentials: set ONOFFICE_TOKEN and ONOFFICE_SECRET, or start with --demo; every tool call will fail until then")
	}
	if cfg.Demo {
		log.Info("serving the built-in onOffice sandbox (demo data)")
	}
	g, err := GuardFor(cfg, auditOut)
	if err != nil {
		return err
	}
	defer g.Close()
	opts := Options{Env: EnvFor(cfg, api, log), Selection: sel, Logger: log, Guard: g}
	if started.FirstCall != nil {
		firstCall := sync.OnceFunc(started.FirstCall)
		opts.Hooks = &server.Hooks{}
		opts.Hooks.AddBeforeCallTool(func(context.Context, any, *mcp.CallToolRequest) { firstCall() })
	}
	s := New(opts)
	log.Info("onoffice-mcp ready", "transport", cfg.Transport, "tools", len(s.ListTools()), "read_only", cfg.ReadOnly)
	ready()
	switch cfg.Transport {
	case "stdio":
		return server.NewStdioServer(s).Listen(ctx, stdin, stdout)
	}
	return fmt.Errorf("transport %q is not available", cfg.Transport)
}

// runHTTP serves the hosted mode (streamable HTTP and SSE) on cfg.Addr.
func runHTTP(ctx context.Context, cfg *config.Config, log *slog.Logger, ready func()) error {
	// Libraries that log through the standard log package (mcp-go's SSE
	// transport on a panic) then write structured lines too.
	slog.SetDefault(log)
	h, err := NewHTTP(cfg, log, HTTPOptions{})
	if err != nil {
		return err
	}
	ready()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		h.Close()
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	return h.Serve(ctx, ln)
}
