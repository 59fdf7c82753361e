package mcpserver

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/guard"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver/hosting"
)

// noCORS is an origin no browser sends. Configuring mcp-go's CORS with it
// keeps the SSE transport from answering "Access-Control-Allow-Origin: *";
// this package sets the CORS headers itself, for allowed origins only.
const noCORS = "https://cors-handled-by-onoffice-mcp.invalid"

// How long a readiness result is reused.
const (
	readyFresh   = 30 * time.Second
	unreadyFresh = 5 * time.Second
	readyTimeout = 10 * time.Second
)

// tenant is everything one agency's requests use; nothing in it is shared
// with another tenant except the HTTPServer's audit log.
type tenant struct {
	name     string
	log      *slog.Logger
	cfg      *config.Config
	api      *onoffice.Client
	mcp      *server.MCPServer
	stream   *server.StreamableHTTPServer
	sse      *server.SSEServer
	sseGet   http.Handler
	ssePost  http.Handler
	sessions *sseSessions
	tools    int

	readyMu   sync.Mutex
	readyAt   time.Time
	readyErr  error
	closeOnce sync.Once
}

// tenantKey derives a tenant's own confirmation key from the shared one,
// so that a confirmation token of one tenant is worthless for another
// while replicas that share the key still agree. No key: random per tenant.
func tenantKey(key config.Secret, name string) []byte {
	if key == "" {
		return nil
	}
	m := hmac.New(sha256.New, key.Bytes())
	m.Write([]byte("onoffice-mcp tenant confirmation key\x00" + name))
	return m.Sum(nil)
}

func (h *HTTPServer) newTenant(name string, cfg *config.Config, key []byte) (*tenant, error) {
	sel := SelectionFor(cfg)
	if err := sel.Validate(); err != nil {
		return nil, fmt.Errorf("tenant %q: %w", name, err)
	}
	o := guard.Options{Key: key}
	if h.shared != nil {
		o.Store = h.shared
	}
	g, err := newGuard(cfg, o)
	if err != nil {
		return nil, fmt.Errorf("tenant %q: %w", name, err)
	}
	g.Audit = h.audit // one audit log (and file) for all tenants; lines name the tenant

	log := h.log.With("tenant", name)
	api := Client(cfg, log)
	if !api.HasCredentials() {
		log.Warn("no onOffice credentials: every tool call will fail until they are set")
	}
	t := &tenant{name: name, log: log, cfg: cfg, api: api}
	hooks := &server.Hooks{}
	hooks.AddOnRegisterSession(func(context.Context, server.ClientSession) { h.metrics.SessionOpened() })
	hooks.AddOnUnregisterSession(func(context.Context, server.ClientSession) { h.metrics.SessionClosed() })
	t.mcp = New(Options{
		Hooks:          hooks,
		OnConfirmation: h.metrics.Confirmation,
		ReadOnlyCaller: func(ctx context.Context) bool {
			c, _ := hosting.CallerFrom(ctx)
			return c.ReadOnly
		},
		Env:       EnvFor(cfg, api, log),
		Selection: sel,
		Logger:    log,
		Guard:     g,
		Identity: func(ctx context.Context) string {
			c, _ := hosting.CallerFrom(ctx)
			c.Tenant = name
			return callerName(ctx, c)
		},
	})
	t.mcp.Use(h.toolMiddleware(log, effects(sel)))
	if cfg.HTTP.SSEGuardedWrites == config.SSEGuardedRefuse {
		t.mcp.Use(h.refuseGuardedOverSSE(name, g.Policy, sel))
	}
	t.tools = len(t.mcp.ListTools())

	ttl := h.cfg.HTTP.SessionIdleTTL
	t.stream = server.NewStreamableHTTPServer(t.mcp,
		server.WithEndpointPath(PathStreamable),
		server.WithSessionIdleTTL(ttl),
		server.WithDisableLocalhostProtection(true), // checked in hostAllowed, configurable there
		server.WithStreamableHTTPCORS(server.WithCORSAllowedOrigins(noCORS)),
		server.WithStreamableHTTPLogger(shortSessionLogger(log)),
		server.WithSessionIdManagerResolver(sessionResolver{h.sessions}),
	)
	t.sessions = newSSESessions(ttl, h.sessions)
	t.sse = server.NewSSEServer(t.mcp,
		server.WithSSEEndpoint(PathSSE),
		server.WithMessageEndpoint(PathMessage),
		server.WithSessionIDGenerator(t.sessions.generate),
		server.WithSSEDisableLocalhostProtection(true),
		server.WithSSECORS(server.WithCORSAllowedOrigins(noCORS)),
		server.WithSSEContextFunc(func(ctx context.Context, _ *http.Request) context.Context {
			return context.WithValue(ctx, overSSEKey{}, true)
		}),
	)
	t.sseGet, t.ssePost = t.sse.SSEHandler(), t.sse.MessageHandler()
	log.Info("tenant ready to serve", "tools", t.tools, "read_only", cfg.ReadOnly,
		"confirm", cfg.Guard.Confirm, "demo", cfg.Demo, "credentials", api.HasCredentials())
	return t, nil
}

// toolMiddleware counts running tool calls (shutdown waits for them; an
// SSE call runs after its HTTP request has been answered) and logs one
// line per call with the request id.
func (h *HTTPServer) toolMiddleware(log *slog.Logger, effect map[string]string) server.ToolHandlerMiddleware {
	return func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			h.drain.Begin()
			defer h.drain.End()
			start := time.Now()
			var up0 int64
			acc := hosting.Upstream(ctx)
			if acc != nil {
				up0 = acc.Load()
			}
			res, err := next(ctx, req)
			d := time.Since(start)
			isErr := err != nil || (res != nil && res.IsError)
			attrs := []slog.Attr{
				slog.String("request_id", hosting.RequestID(ctx)),
				slog.String("tool", req.Params.Name),
				slog.Float64("duration_ms", hosting.Millis(d)),
				slog.Bool("is_error", isErr),
			}
			if acc != nil {
				attrs = append(attrs, slog.Float64("onoffice_ms", hosting.Millis(time.Duration(acc.Load()-up0))))
			}
			log.LogAttrs(ctx, slog.LevelInfo, "tool call finished", attrs...)
			var upstream time.Duration
			if acc != nil {
				upstream = time.Duration(acc.Load() - up0)
			}
			kind, ok := effect[req.Params.Name]
			if !ok {
				kind = "discovery" // tool_catalogue, tool_run
			}
			h.metrics.ToolCall(req.Params.Name, kind, !isErr, d, upstream, answerSize(res))
			return res, err
		}
	}
}

// effects maps the selected tools to their effect, the label of the tool
// call metrics.
func effects(sel tools.Selection) map[string]string {
	m := map[string]string{}
	for _, t := range tools.Select(sel) {
		m[t.Name] = string(t.Effect)
	}
	return m
}

// answerSize is the size of an answer's content as the client receives it
// (text and embedded documents; structured content repeats the text).
func answerSize(res *mcp.CallToolResult) int {
	if res == nil {
		return 0
	}
	n := 0
	for _, c := range res.Content {
		switch c := c.(type) {
		case mcp.TextContent:
			n += len(c.Text)
		case mcp.EmbeddedResource:
			switch r := c.Resource.(type) {
			case mcp.BlobResourceContents:
				n += len(r.Blob)
			case mcp.TextResourceContents:
				n += len(r.Text)
			}
		}
	}
	return n
}

// overSSEKey marks the context of a call that came over the SSE transport.
type overSSEKey struct{}

// refuseGuardedOverSSE refuses, with --sse-guarded-writes=refuse, the
// calls over SSE that need a confirmation: mcp-go's SSE transport cannot
// ask the user, so the model would confirm with a token by itself.
func (h *HTTPServer) refuseGuardedOverSSE(tenant string, policy guard.Policy, sel tools.Selection) server.ToolHandlerMiddleware {
	guarded := map[string]tools.Tool{}
	for _, t := range tools.Select(sel) {
		if policy.Requires(t.Effect) {
			guarded[t.Name] = t
		}
	}
	return func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			t, ok := guarded[req.Params.Name]
			if !ok || ctx.Value(overSSEKey{}) == nil {
				return next(ctx, req)
			}
			c, _ := hosting.CallerFrom(ctx)
			c.Tenant = tenant
			args := rawArguments(req)
			e := guard.Entry{
				Tool: t.Name, Effect: string(t.Effect), ResourceType: t.ResourceType,
				RecordID: recordID(args), Arguments: guard.Elide(args),
				Outcome: "refused", Reason: "a guarded write over the SSE transport, which cannot ask the user (--sse-guarded-writes=refuse)",
				Confirmation: guard.Confirmation{Method: guard.MethodNone, By: "nobody: not confirmed", Client: clientName(ctx)},
				Caller:       callerName(ctx, c),
			}
			if err := h.audit.Record(e); err != nil {
				h.log.Error("audit log write failed", "tool", t.Name, "error", err)
			}
			return mcp.NewToolResultError(fmt.Sprintf(
				"Not run, nothing was changed: %s needs the user's confirmation, and this server lets only the user confirm, in a prompt of the MCP client. The SSE transport (%s) cannot show one: connect over streamable HTTP at %s with a client that supports elicitation.",
				t.Name, PathSSE, PathStreamable)), nil
		}
	}
}

// serveSSE runs one SSE stream; its session ends when the client goes,
// when it idles past the TTL, or on shutdown.
func (t *tenant) serveSSE(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context())
	slot := &sseSlot{cancel: cancel}
	defer func() {
		cancel()
		if id := slot.id.Load(); id != nil {
			t.sessions.remove(*id)
		}
	}()
	t.sseGet.ServeHTTP(w, r.WithContext(context.WithValue(ctx, sseSlotKey{}, slot)))
}

// serveMessage passes a client message to its SSE session; a session id
// of another tenant is unknown to this tenant's SSE server.
func (t *tenant) serveMessage(w http.ResponseWriter, r *http.Request) {
	t.sessions.touch(r.URL.Query().Get("sessionId"))
	t.ssePost.ServeHTTP(w, r)
}

// checkReady makes a cheap signed call (the field configuration of one
// estate field) to see that the credentials work; results are cached.
func (t *tenant) checkReady(ctx context.Context) error {
	t.readyMu.Lock()
	defer t.readyMu.Unlock()
	fresh := readyFresh
	if t.readyErr != nil {
		fresh = unreadyFresh
	}
	if !t.readyAt.IsZero() && time.Since(t.readyAt) < fresh {
		return t.readyErr
	}
	var err error
	if !t.api.HasCredentials() {
		err = onoffice.ErrNoCredentials
	} else {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), readyTimeout)
		err = t.api.Check(cctx)
		cancel()
	}
	switch {
	case err != nil && (t.readyErr == nil || t.readyAt.IsZero()):
		t.log.Warn("readiness check failed: onOffice does not accept the credentials or cannot be reached", "error", err)
	case err == nil && t.readyErr != nil:
		t.log.Info("readiness check passes again")
	}
	t.readyAt, t.readyErr = time.Now(), err
	return err
}

func (t *tenant) close(ctx context.Context) {
	t.closeOnce.Do(func() {
		t.sse.CloseSessions()
		_ = t.stream.Shutdown(ctx)
		t.sessions.closeAll()
	})
}

// --- SSE sessions ---

type sseSlotKey struct{}

// sseSlot travels in the context of an SSE stream request; the session id
// generator fills in the id so the stream can be ended by id.
type sseSlot struct {
	id     atomic.Pointer[string]
	cancel context.CancelFunc
}

// sseSessions tracks the open SSE sessions of a tenant for the idle expiry.
type sseSessions struct {
	ttl time.Duration
	ids *hosting.SessionIDs
	mu  sync.Mutex
	m   map[string]*sseSession
}

type sseSession struct {
	cancel context.CancelFunc
	last   atomic.Int64 // unix nanoseconds of the last client message
}

func newSSESessions(ttl time.Duration, ids *hosting.SessionIDs) *sseSessions {
	return &sseSessions{ttl: ttl, ids: ids, m: map[string]*sseSession{}}
}

// generate makes a session id bound to the caller and registers the
// stream under it.
func (s *sseSessions) generate(ctx context.Context, _ *http.Request) (string, error) {
	slot, ok := ctx.Value(sseSlotKey{}).(*sseSlot)
	if !ok {
		return "", errors.New("SSE stream without slot")
	}
	c, ok := hosting.CallerFrom(ctx)
	if !ok {
		return "", errors.New("SSE stream without caller")
	}
	id := s.ids.Issue(c)
	slot.id.Store(&id)
	e := &sseSession{cancel: slot.cancel}
	e.last.Store(time.Now().UnixNano())
	s.mu.Lock()
	s.m[id] = e
	s.mu.Unlock()
	return id, nil
}

func (s *sseSessions) touch(id string) {
	s.mu.Lock()
	e := s.m[id]
	s.mu.Unlock()
	if e != nil {
		e.last.Store(time.Now().UnixNano())
	}
}

func (s *sseSessions) remove(id string) {
	s.mu.Lock()
	delete(s.m, id)
	s.mu.Unlock()
}

func (s *sseSessions) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

// expire ends the sessions idle for longer than the TTL.
func (s *sseSessions) expire(now time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for id, e := range s.m {
		if now.UnixNano()-e.last.Load() > int64(s.ttl) {
			e.cancel()
			delete(s.m, id)
			n++
		}
	}
	return n
}

func (s *sseSessions) closeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, e := range s.m {
		e.cancel()
		delete(s.m, id)
	}
}

// sweepSessions ends idle SSE sessions until Close (the streamable HTTP
// transport sweeps its own).
func (h *HTTPServer) sweepSessions() {
	ttl := h.cfg.HTTP.SessionIdleTTL
	interval := min(max(ttl/4, 25*time.Millisecond), time.Minute)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-h.stopSweep:
			return
		case now := <-tick.C:
			for _, t := range h.tenants {
				if n := t.sessions.expire(now); n > 0 {
					h.log.Info("SSE sessions expired", "tenant", t.name, "sessions", n, "idle_ttl", ttl.String())
				}
			}
		}
	}
}

// --- streamable HTTP sessions ---

// sessionResolver hands mcp-go a session id manager bound to the caller
// of the request, so that the session ids it issues and accepts are the
// caller's own (hosting.BindSessions has already refused foreign ones).
type sessionResolver struct{ ids *hosting.SessionIDs }

func (s sessionResolver) ResolveSessionIdManager(r *http.Request) server.SessionIdManager {
	m := callerSessions{ids: s.ids}
	if r != nil {
		m.caller, m.known = hosting.CallerFrom(r.Context())
	}
	return m
}

// callerSessions is stateless like mcp-go's default (any replica serves
// any session) but checks that a session id belongs to the caller.
// Without a request (mcp-go's idle sweeper, shutdown) there is no caller:
// it then only terminates, which needs no check.
type callerSessions struct {
	ids    *hosting.SessionIDs
	caller hosting.Caller
	known  bool
}

func (m callerSessions) Generate() string { return m.ids.Issue(m.caller) }

func (m callerSessions) Validate(id string) (bool, error) {
	if !m.known || !m.ids.Valid(m.caller, id) {
		return false, errors.New("unknown session")
	}
	return false, nil
}

func (m callerSessions) Terminate(string) (bool, error) { return false, nil }

// shortSessionLogger shortens the session ids in mcp-go's log lines: a
// prefix correlates lines, a full id would let a log reader use the
// session (with the caller's credentials, but still).
func shortSessionLogger(log *slog.Logger) *slog.Logger {
	return slog.New(shortSessions{log.Handler()})
}

type shortSessions struct{ slog.Handler }

func (h shortSessions) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		switch strings.ToLower(a.Key) {
		case "session", "sessionid", "session_id":
			a.Value = slog.StringValue(hosting.ShortID(a.Value.String()))
		}
		out.AddAttrs(a)
		return true
	})
	return h.Handler.Handle(ctx, out)
}

func (h shortSessions) WithAttrs(as []slog.Attr) slog.Handler {
	return shortSessions{h.Handler.WithAttrs(as)}
}

func (h shortSessions) WithGroup(name string) slog.Handler {
	return shortSessions{h.Handler.WithGroup(name)}
}
