package mcpserver

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver/hosting"
)

// Hosted mode.
//
// One process serves streamable HTTP at /mcp and the legacy SSE transport
// at /sse (with its message endpoint /message) side by side, plus /healthz
// (the process is alive) and /readyz (the onOffice credentials work).
//
// Every tenant (agency) gets its own MCP server, onOffice client, field
// cache, guard and transport handlers; the bearer token of a request picks
// the tenant before anything else runs. Nothing is shared between tenants
// but the audit log, so one token cannot reach another agency's data or
// sessions: a session id of another tenant is simply unknown.
//
// Every request passes the middlewares of package hosting (routes lists
// them), then the tenant's transport handler. A session belongs to the
// caller that opened it: its id is bound to the caller (hosting.SessionIDs)
// and issued through mcp-go's session id manager (sessionResolver).

// HTTP paths of the hosted mode.
const (
	PathStreamable = "/mcp"
	PathSSE        = "/sse"
	PathMessage    = "/message"
	PathHealth     = "/healthz"
	PathReady      = "/readyz"
)

// settleDelay lets SSE answers queued by calls that just finished reach
// their stream before the streams are closed on shutdown.
const settleDelay = 100 * time.Millisecond

// HTTPOptions adjust the hosted server; the zero value is the production setup.
type HTTPOptions struct {
	// AuditOut receives the audit lines besides the audit file; nil for stderr.
	AuditOut io.Writer
}

// HTTPServer is the hosted mode of the server.
type HTTPServer struct {
	cfg      *config.Config
	log      *slog.Logger
	tenants  []*tenant
	byName   map[string]*tenant
	auth     hosting.Authenticator
	open     bool // no authentication configured
	audit    *guard.AuditLog
	sessions *hosting.SessionIDs
	drain    hosting.Drainer
	handler  http.Handler

	closeOnce sync.Once
	stopSweep chan struct{}
}

// NewHTTP builds the hosted server of a configuration: one MCP server per
// tenant of the tenants file, or a single one for the configured
// credentials. Call Serve, or Close when it is not served.
func NewHTTP(cfg *config.Config, log *slog.Logger, opts HTTPOptions) (*HTTPServer, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = redact.Logger(log)
	out := opts.AuditOut
	if out == nil {
		out = auditOut
	}
	audit, err := guard.NewAuditLog(out, cfg.Guard.AuditLog)
	if err != nil {
		return nil, err
	}
	h := &HTTPServer{
		cfg:       cfg,
		log:       log,
		audit:     audit,
		byName:    map[string]*tenant{},
		sessions:  hosting.NewSessionIDs(sessionKey(cfg.Guard.ConfirmKey)),
		stopSweep: make(chan struct{}),
	}
	tokens := &hosting.BearerTokens{}
	h.auth = tokens
	if len(cfg.HTTP.Tenants) > 0 {
		for _, tc := range cfg.HTTP.Tenants {
			if err = h.addTenant(tc.Name, cfg.ForTenant(tc), tenantKey(cfg.Guard.ConfirmKey, tc.Name), tc.Bearer, tokens); err != nil {
				break
			}
		}
	} else {
		err = h.addTenant("default", cfg, cfg.Guard.ConfirmKey.Bytes(), cfg.HTTP.AuthTokens, tokens)
		if err == nil && len(cfg.HTTP.AuthTokens) == 0 {
			h.open, h.auth = true, hosting.Open("default")
		}
	}
	if err != nil {
		h.Close()
		return nil, err
	}
	h.handler = h.routes()
	go h.sweepSessions()
	return h, nil
}

// routes is the request path of the hosted mode; see package hosting for
// what each step does and where a new one goes.
func (h *HTTPServer) routes() http.Handler {
	hc := h.cfg.HTTP
	mcp := hosting.Chain(http.HandlerFunc(h.serveMCP),
		hosting.Logged,
		hosting.CheckHost(hc.AllowedHosts),
		hosting.CheckOrigin(hc.AllowedOrigins, config.IsLoopbackAddr(h.cfg.Addr)),
		h.drain.Refuse,
		hosting.Authenticate(h.auth),
		hosting.LimitBody(hc.MaxBodyBytes),
		hosting.BindSessions(h.sessions, h.auditForeignAnswer),
		h.drain.Track,
	)
	return hosting.Chain(hosting.Route(map[string]http.Handler{
		PathHealth:     http.HandlerFunc(h.healthz),
		PathReady:      http.HandlerFunc(h.readyz),
		PathStreamable: mcp,
		PathSSE:        mcp,
		PathMessage:    mcp,
	}), hosting.AccessLog(h.log, hosting.NewRequestIDs()))
}

// auditForeignAnswer records an answer to a prompt that was posted on a
// session of another caller: it was refused, and the agency should see
// the attempt. The prompt's tool is unknown here (the session is not this
// caller's); the line names the caller and the request.
func (h *HTTPServer) auditForeignAnswer(r *http.Request, c hosting.Caller) {
	e := guard.Entry{
		Outcome: "refused",
		Reason:  "an answer to a confirmation prompt was posted on a session of another caller (session " + hosting.ShortID(hosting.SessionOf(r)) + ")",
		Caller:  callerName(r.Context(), c),
	}
	if err := h.audit.Record(e); err != nil {
		h.log.Error("audit log write failed", "error", err)
	}
}

// callerName names the caller of a request for the audit log.
func callerName(ctx context.Context, c hosting.Caller) string {
	var extra []string
	if id := hosting.RequestID(ctx); id != "" {
		extra = append(extra, "request "+id)
	}
	if c.Subject != "" {
		extra = append(extra, c.Subject)
	}
	if len(extra) == 0 {
		return c.Tenant
	}
	return c.Tenant + " (" + strings.Join(extra, ", ") + ")"
}

// sessionKey derives the key of the session ids from the confirmation
// key, so replicas that share one agree on sessions too. No key: random.
func sessionKey(key config.Secret) []byte {
	if key == "" {
		return nil
	}
	m := hmac.New(sha256.New, key.Bytes())
	m.Write([]byte("onoffice-mcp session id key"))
	return m.Sum(nil)
}

// addTenant builds a tenant and accepts its bearer tokens.
func (h *HTTPServer) addTenant(name string, cfg *config.Config, key []byte, bearer []config.TokenHash, tokens *hosting.BearerTokens) error {
	t, err := h.newTenant(name, cfg, key)
	if err != nil {
		return err
	}
	h.tenants = append(h.tenants, t)
	h.byName[name] = t
	for _, b := range bearer {
		tokens.Add(b, name)
	}
	return nil
}

// Close releases what the server holds (sessions, sweepers, audit file)
// without waiting for anything; Serve calls it when it returns.
func (h *HTTPServer) Close() {
	h.closeOnce.Do(func() {
		close(h.stopSweep)
		h.drain.EndStreams()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		for _, t := range h.tenants {
			t.close(ctx)
		}
		if err := h.audit.Close(); err != nil {
			h.log.Error("closing the audit log", "error", err)
		}
	})
}

// Serve answers on ln until ctx ends, then shuts down gracefully: it stops
// accepting connections, lets running calls finish (within the shutdown
// timeout), closes the streams and returns.
func (h *HTTPServer) Serve(ctx context.Context, ln net.Listener) error {
	defer h.Close()
	hc := h.cfg.HTTP
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: min(10*time.Second, hc.ReadTimeout),
		ReadTimeout:       hc.ReadTimeout,
		WriteTimeout:      hc.WriteTimeout,
		IdleTimeout:       hc.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(h.log.Handler(), slog.LevelWarn),
	}
	auth := "bearer token"
	switch {
	case len(h.cfg.HTTP.Tenants) > 0:
		auth = "bearer token per tenant"
	case h.open && h.cfg.HTTP.InsecureNoAuth:
		auth = "none (--insecure-no-auth)"
	case h.open:
		auth = "none (loopback only)"
	}
	h.log.Info("onoffice-mcp listening", "addr", ln.Addr().String(), "streamable_http", PathStreamable,
		"sse", PathSSE, "tenants", len(h.tenants), "auth", auth)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}

	start := time.Now()
	h.log.Info("shutting down: no new connections, waiting for running calls", "running", h.drain.Running(), "timeout", hc.ShutdownTimeout.String())
	h.drain.Drain()
	sctx, cancel := context.WithTimeout(context.Background(), hc.ShutdownTimeout)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- srv.Shutdown(sctx) }()

	drained := h.drain.Wait(sctx)
	if drained == nil {
		select {
		case <-time.After(settleDelay):
		case <-sctx.Done():
		}
	}
	h.drain.EndStreams()
	for _, t := range h.tenants {
		t.close(sctx)
	}
	err := <-shut
	if err != nil {
		h.log.Warn("shutdown timeout reached: closing the remaining connections", "running", h.drain.Running())
		_ = srv.Close()
	}
	<-served
	h.log.Info("shutdown complete", "duration_ms", hosting.Millis(time.Since(start)))
	return nil
}

// ServeHTTP answers a request of the hosted mode.
func (h *HTTPServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.handler.ServeHTTP(w, r)
}

// serveMCP hands an authenticated request to its tenant's transport.
func (h *HTTPServer) serveMCP(w http.ResponseWriter, r *http.Request) {
	c, _ := hosting.CallerFrom(r.Context())
	t := h.byName[c.Tenant]
	if t == nil {
		http.NotFound(w, r)
		return
	}
	switch r.URL.Path {
	case PathStreamable:
		t.stream.ServeHTTP(w, r)
	case PathSSE:
		t.serveSSE(w, r)
	case PathMessage:
		t.serveMessage(w, r)
	}
}

// --- health ---

func (h *HTTPServer) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSONStatus(w, http.StatusOK, map[string]any{"status": "alive"})
}

// readyz checks every tenant's credentials with a cheap signed call
// (cached briefly). Ready when all work, degraded (still 200) when some do,
// 503 when none does or the server is shutting down. Tenant names are not
// shown (the endpoint needs no token); the log names the failing ones.
func (h *HTTPServer) readyz(w http.ResponseWriter, r *http.Request) {
	if h.drain.Draining() {
		writeJSONStatus(w, http.StatusServiceUnavailable, map[string]any{"status": "draining"})
		return
	}
	errs := make([]error, len(h.tenants))
	var wg sync.WaitGroup
	for i, t := range h.tenants {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = t.checkReady(r.Context())
		}()
	}
	wg.Wait()
	ready := 0
	for _, err := range errs {
		if err == nil {
			ready++
		}
	}
	status, code := "ready", http.StatusOK
	switch {
	case ready == 0:
		status, code = "unready", http.StatusServiceUnavailable
	case ready < len(h.tenants):
		status = "degraded"
	}
	writeJSONStatus(w, code, map[string]any{"status": status, "tenants": len(h.tenants), "ready": ready})
}

func writeJSONStatus(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// HealthCheck asks a running server's health endpoint; nil when it
// answers 200. It backs `onoffice-mcp healthcheck` (the container image
// has no curl).
func HealthCheck(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", url, resp.Status)
	}
	return nil
}
