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
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard/redisstore"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver/hosting"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver/metrics"
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
	PathMetrics    = "/metrics"
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
	// shared holds what replicas share (spent confirmation tokens); nil
	// without a Redis URL: each process remembers its own.
	shared *redisstore.Store
	// metrics are served at /metrics (or on --metrics-addr).
	metrics *metrics.Metrics
	// oauth accepts OAuth access tokens; nil unless configured.
	oauth *hosting.OAuth

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
		metrics:   metrics.New(),
	}
	audit.Observe(func(e guard.Entry) { h.metrics.Confirmation(e.Confirmation.Method, e.Outcome) })
	if cfg.HTTP.RedisURL != "" {
		if h.shared, err = redisstore.Open(cfg.HTTP.RedisURL); err != nil {
			_ = audit.Close()
			return nil, err
		}
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
		if err == nil && len(cfg.HTTP.AuthTokens) == 0 && !cfg.HTTP.OAuth.Enabled() {
			h.open, h.auth = true, hosting.Open("default")
		}
	}
	if err != nil {
		h.Close()
		return nil, err
	}
	if cfg.HTTP.OAuth.Enabled() {
		h.oauth = h.newOAuth()
		h.auth = hosting.Either{Static: tokens, OAuth: h.oauth}
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
	routes := map[string]http.Handler{
		PathHealth:     http.HandlerFunc(h.healthz),
		PathReady:      http.HandlerFunc(h.readyz),
		PathStreamable: mcp,
		PathSSE:        mcp,
		PathMessage:    mcp,
	}
	// Like the health endpoints /metrics needs no token: it shows counts,
	// never tenant names or data. --metrics-addr moves it to a listener
	// of its own (see Serve).
	if hc.MetricsAddr == "" {
		routes[PathMetrics] = h.metrics.Handler()
	}
	if h.oauth != nil {
		// RFC 9728: at the well-known path, and with the resource's path
		// appended, where clients derive it from the resource URL.
		routes[hosting.PathResourceMetadata] = http.HandlerFunc(h.oauth.Metadata)
		routes[hosting.PathResourceMetadata+resourcePath(h.oauth.Resources[0])] = http.HandlerFunc(h.oauth.Metadata)
	}
	return hosting.Chain(hosting.Route(routes), hosting.AccessLog(h.log, hosting.NewRequestIDs()))
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

// newOAuth builds the OAuth resource server of the configuration: with a
// tenants file a claim names the tenant, otherwise every caller is the
// one tenant.
func (h *HTTPServer) newOAuth() *hosting.OAuth {
	oc := h.cfg.HTTP.OAuth
	o := &hosting.OAuth{
		Issuer:      oc.Issuer,
		Resources:   oc.Resources,
		Scopes:      oc.Scopes,
		WriteScope:  oc.WriteScope,
		MetadataURL: metadataURL(oc.Resources[0]),
		Known:       func(name string) bool { return h.byName[name] != nil },
	}
	if len(h.cfg.HTTP.Tenants) > 0 {
		o.TenantClaim = oc.TenantClaim
	} else {
		o.DefaultTenant = "default"
	}
	return o
}

// resourcePath is the path of a resource URL ("/mcp").
func resourcePath(resource string) string {
	u, err := url.Parse(resource)
	if err != nil || u.Path == "/" {
		return ""
	}
	return u.Path
}

// metadataURL is where RFC 9728 puts the metadata of a resource: the
// well-known path at its origin, followed by the resource's path.
func metadataURL(resource string) string {
	u, err := url.Parse(resource)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host + hosting.PathResourceMetadata + resourcePath(resource)
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
		if h.shared != nil {
			_ = h.shared.Close()
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
	if h.oauth != nil {
		auth += " and OAuth (" + h.oauth.Issuer + ")"
	}
	h.log.Info("onoffice-mcp listening", "addr", ln.Addr().String(), "streamable_http", PathStreamable,
		"sse", PathSSE, "tenants", len(h.tenants), "auth", auth)

	if hc.MetricsAddr != "" {
		stop, err := h.serveMetrics(hc.MetricsAddr)
		if err != nil {
			return err
		}
		defer stop()
	}
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

// serveMetrics serves /metrics alone on addr until stop is called.
func (h *HTTPServer) serveMetrics(addr string) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics address: %w", err)
	}
	srv := &http.Server{
		Handler:           hosting.Route(map[string]http.Handler{PathMetrics: h.metrics.Handler()}),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(h.log.Handler(), slog.LevelWarn),
	}
	go func() { _ = srv.Serve(ln) }()
	h.log.Info("metrics listening", "addr", ln.Addr().String(), "path", PathMetrics)
	return func() { _ = srv.Close() }, nil
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
	body := map[string]any{"status": status, "tenants": len(h.tenants), "ready": ready}
	// Without the shared store reads go on but guarded writes are refused:
	// degraded, not unready, so the replica keeps serving reads.
	if h.shared != nil {
		body["redis"] = "ok"
		if err := h.shared.Ping(r.Context()); err != nil {
			h.log.Warn("readiness: the shared store does not answer", "error", err)
			body["redis"] = "unreachable"
			if code == http.StatusOK {
				body["status"] = "degraded"
			}
		}
	}
	if h.oauth != nil {
		body["identity_provider"] = "ok"
		if err := h.oauth.Ready(r.Context()); err != nil {
			h.log.Warn("readiness: the identity provider's keys cannot be fetched", "error", err)
			body["identity_provider"] = "unreachable"
			if code == http.StatusOK {
				body["status"] = "degraded"
			}
		}
	}
	writeJSONStatus(w, code, body)
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
