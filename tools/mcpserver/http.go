package mcpserver

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard"
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
// Every request passes, in this order: Host check (DNS rebinding), Origin
// check (browsers), CORS preflight, drain check (503 while shutting down),
// bearer token, body size limit, then the tenant's transport handler.

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
	auth     authenticator
	open     *tenant // the only tenant, when no authentication is configured
	audit    *guard.AuditLog
	loopback bool // listening on loopback: localhost origins are trusted

	draining atomic.Bool
	inflight inflight
	streams  streams

	ridPrefix string
	ridSeq    atomic.Uint64

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
		loopback:  config.IsLoopbackAddr(cfg.Addr),
		ridPrefix: randomHex(4),
		stopSweep: make(chan struct{}),
	}
	if len(cfg.HTTP.Tenants) > 0 {
		for _, tc := range cfg.HTTP.Tenants {
			if _, err = h.addTenant(tc.Name, cfg.ForTenant(tc), tenantKey(cfg.Guard.ConfirmKey, tc.Name), tc.Bearer); err != nil {
				break
			}
		}
	} else {
		var t *tenant
		t, err = h.addTenant("default", cfg, cfg.Guard.ConfirmKey.Bytes(), cfg.HTTP.AuthTokens)
		if err == nil && len(cfg.HTTP.AuthTokens) == 0 {
			h.open = t
		}
	}
	if err != nil {
		h.Close()
		return nil, err
	}
	go h.sweepSessions()
	return h, nil
}

// addTenant builds a tenant and accepts its bearer tokens.
func (h *HTTPServer) addTenant(name string, cfg *config.Config, key []byte, bearer []config.TokenHash) (*tenant, error) {
	t, err := h.newTenant(name, cfg, key)
	if err != nil {
		return nil, err
	}
	h.tenants = append(h.tenants, t)
	for _, b := range bearer {
		h.auth.add(b, t)
	}
	return t, nil
}

// Close releases what the server holds (sessions, sweepers, audit file)
// without waiting for anything; Serve calls it when it returns.
func (h *HTTPServer) Close() {
	h.closeOnce.Do(func() {
		close(h.stopSweep)
		h.streams.cancelAll()
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
	case h.open != nil && h.cfg.HTTP.InsecureNoAuth:
		auth = "none (--insecure-no-auth)"
	case h.open != nil:
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
	h.log.Info("shutting down: no new connections, waiting for running calls", "running", h.inflight.count(), "timeout", hc.ShutdownTimeout.String())
	h.draining.Store(true)
	sctx, cancel := context.WithTimeout(context.Background(), hc.ShutdownTimeout)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- srv.Shutdown(sctx) }()

	drained := h.inflight.wait(sctx)
	if drained == nil {
		select {
		case <-time.After(settleDelay):
		case <-sctx.Done():
		}
	}
	h.streams.cancelAll()
	for _, t := range h.tenants {
		t.close(sctx)
	}
	err := <-shut
	if err != nil {
		h.log.Warn("shutdown timeout reached: closing the remaining connections", "running", h.inflight.count())
		_ = srv.Close()
	}
	<-served
	h.log.Info("shutdown complete", "duration_ms", ms(time.Since(start)))
	return nil
}

// ServeHTTP routes a request through the checks to the tenant's transport.
func (h *HTTPServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rid := h.requestID(r)
	rw := &statusWriter{ResponseWriter: w}
	rw.Header().Set("X-Request-Id", rid)
	ctx, upstream := withUpstreamTimer(context.WithValue(r.Context(), requestIDKey{}, rid))
	r = r.WithContext(ctx)
	ai := accessInfo{upstream: upstream}

	switch r.URL.Path {
	case PathHealth:
		h.healthz(rw, r)
		h.access(ctx, slog.LevelDebug, r, rw, start, &ai)
		return
	case PathReady:
		h.readyz(rw, r)
		h.access(ctx, slog.LevelDebug, r, rw, start, &ai)
		return
	case PathStreamable, PathSSE, PathMessage:
	default:
		http.NotFound(rw, r)
		h.access(ctx, slog.LevelDebug, r, rw, start, &ai)
		return
	}
	defer h.access(ctx, slog.LevelInfo, r, rw, start, &ai)

	if !h.hostAllowed(r) {
		ai.refused = "host"
		http.Error(rw, "Forbidden: Host not allowed", http.StatusForbidden)
		return
	}
	origin := r.Header.Get("Origin")
	if !h.originAllowed(origin) {
		ai.refused = "origin"
		http.Error(rw, "Forbidden: Origin not allowed", http.StatusForbidden)
		return
	}
	if origin != "" {
		setCORS(rw.Header(), origin)
	}
	if r.Method == http.MethodOptions {
		preflight(rw, r)
		return
	}
	if h.draining.Load() {
		rw.Header().Set("Connection", "close")
		rw.Header().Set("Retry-After", "1")
		http.Error(rw, "Service Unavailable: shutting down", http.StatusServiceUnavailable)
		return
	}
	t := h.open
	if t == nil {
		var reason string
		t, reason = h.authenticate(r)
		if t == nil {
			ai.refused = "auth: " + reason
			unauthorized(rw, reason)
			return
		}
	}
	ai.tenant = t.name

	stream := r.Method == http.MethodGet
	if r.Method == http.MethodPost {
		body, status := h.readBody(rw, r)
		if status != 0 {
			ai.refused = "body"
			http.Error(rw, http.StatusText(status), status)
			return
		}
		ai.peek(body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		// A modern client's notification stream is a long-lived POST.
		stream = ai.rpc == "subscriptions/listen"
	}
	if stream {
		// Streams live as long as the session: exempt them from the
		// per-request deadlines and end them on shutdown.
		rc := http.NewResponseController(rw)
		_ = rc.SetReadDeadline(time.Time{})
		_ = rc.SetWriteDeadline(time.Time{})
		var done func()
		ctx, done = h.streams.add(ctx)
		defer done()
		r = r.WithContext(ctx)
	} else {
		h.inflight.begin()
		defer h.inflight.end()
	}
	switch r.URL.Path {
	case PathStreamable:
		ai.session = r.Header.Get("Mcp-Session-Id")
		t.stream.ServeHTTP(rw, r)
	case PathSSE:
		t.serveSSE(rw, r)
	case PathMessage:
		ai.session = r.URL.Query().Get("sessionId")
		t.serveMessage(rw, r)
	}
}

// readBody reads a POST body within the size limit; status is 413 when
// it is too large, 400 when it cannot be read.
func (h *HTTPServer) readBody(w http.ResponseWriter, r *http.Request) ([]byte, int) {
	limit := h.cfg.HTTP.MaxBodyBytes
	if r.ContentLength > limit {
		return nil, http.StatusRequestEntityTooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, http.StatusRequestEntityTooLarge
		}
		return nil, http.StatusBadRequest
	}
	return body, 0
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
	if h.draining.Load() {
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

// --- request ids and access log ---

type requestIDKey struct{}

// RequestID returns the id of the HTTP request a context belongs to.
func RequestID(ctx context.Context) string {
	s, _ := ctx.Value(requestIDKey{}).(string)
	return s
}

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// requestID takes a well-formed X-Request-Id from a proxy or makes one.
func (h *HTTPServer) requestID(r *http.Request) string {
	if id := r.Header.Get("X-Request-Id"); validRequestID.MatchString(id) {
		return id
	}
	return h.ridPrefix + "-" + strconv.FormatUint(h.ridSeq.Add(1), 36)
}

// ms is a duration in milliseconds, for log lines.
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// accessInfo collects what the access log line says about a request.
type accessInfo struct {
	tenant, rpc, tool, session, refused string
	upstream                            *atomic.Int64 // onOffice time of the request
}

// peek reads the JSON-RPC method (and tool name) of a request body.
func (a *accessInfo) peek(body []byte) {
	var m struct {
		Method string `json:"method"`
		Params struct {
			Name string `json:"name"`
		} `json:"params"`
	}
	if json.Unmarshal(body, &m) == nil {
		a.rpc = m.Method
		if m.Method == "tools/call" {
			a.tool = m.Params.Name
		}
	}
}

// access writes one structured line per request: never headers, bodies
// or query strings, so no token and no credential can reach the log.
func (h *HTTPServer) access(ctx context.Context, level slog.Level, r *http.Request, w *statusWriter, start time.Time, ai *accessInfo) {
	if ai.refused != "" && level < slog.LevelWarn {
		level = slog.LevelWarn
	}
	if !h.log.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("request_id", RequestID(ctx)),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", w.code()),
		slog.Float64("duration_ms", ms(time.Since(start))),
		slog.String("remote", r.RemoteAddr),
	}
	if up := ai.upstream.Load(); up > 0 {
		attrs = append(attrs, slog.Float64("onoffice_ms", ms(time.Duration(up))))
	}
	for _, kv := range [][2]string{{"tenant", ai.tenant}, {"rpc", ai.rpc}, {"tool", ai.tool}, {"session", ai.session}, {"refused", ai.refused}} {
		if kv[1] != "" {
			attrs = append(attrs, slog.String(kv[0], kv[1]))
		}
	}
	h.log.LogAttrs(ctx, level, "http request", attrs...)
}

// statusWriter remembers the status code; it passes Flush on (SSE needs
// it) and unwraps for http.ResponseController.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		if w.status == 0 {
			w.status = http.StatusOK
		}
		f.Flush()
	}
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// --- running calls and open streams ---

// inflight counts running calls (non-stream requests and tool calls) so
// that shutdown can wait for them.
type inflight struct {
	mu   sync.Mutex
	n    int
	idle chan struct{}
}

func (f *inflight) begin() {
	f.mu.Lock()
	f.n++
	f.mu.Unlock()
}

func (f *inflight) end() {
	f.mu.Lock()
	f.n--
	if f.n == 0 && f.idle != nil {
		close(f.idle)
		f.idle = nil
	}
	f.mu.Unlock()
}

func (f *inflight) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// wait returns when nothing runs, or with ctx's error.
func (f *inflight) wait(ctx context.Context) error {
	f.mu.Lock()
	if f.n == 0 {
		f.mu.Unlock()
		return nil
	}
	if f.idle == nil {
		f.idle = make(chan struct{})
	}
	ch := f.idle
	f.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// streams are the open long-lived requests (SSE streams, listening
// streams); shutdown ends them once running calls have finished.
type streams struct {
	mu     sync.Mutex
	m      map[*context.CancelFunc]struct{}
	closed bool
}

func (s *streams) add(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		cancel()
		return ctx, func() {}
	}
	if s.m == nil {
		s.m = map[*context.CancelFunc]struct{}{}
	}
	key := &cancel
	s.m[key] = struct{}{}
	return ctx, func() {
		cancel()
		s.mu.Lock()
		delete(s.m, key)
		s.mu.Unlock()
	}
}

func (s *streams) cancelAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for c := range s.m {
		(*c)()
	}
	s.m = nil
}

func (s *streams) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}
