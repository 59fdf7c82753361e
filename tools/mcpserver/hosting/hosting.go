// Package hosting is the HTTP edge of the hosted mode: small middlewares
// that each do one job, composed by package mcpserver in front of the MCP
// transports.
//
// A request to an MCP path (/mcp, /sse, /message) passes, in this order:
//
//	AccessLog       request id, one log line per request (Info collects it)
//	Route           exact paths; health endpoints skip the checks below
//	CheckHost       DNS rebinding
//	CheckOrigin     browsers; CORS headers and preflight
//	Drainer.Refuse  503 while shutting down
//	Authenticate    who is calling: a Caller in the request context
//	LimitBody       body size limit; notes the JSON-RPC method
//	BindSessions    a session belongs to the caller that opened it
//	Drainer.Track   running calls and open streams, for shutdown
//
// Extension point: a later middleware is one more Middleware in that list.
// OAuth (oauth.go) is an Authenticator that puts a Caller whose Subject is
// the token's subject into the context; everything after it (session
// binding, the tenant's handlers, the audit log) reads only the Caller.
// State that replicas must share goes behind the interfaces of the parts
// that need it (the guard's UsedStore), not into these middlewares.
package hosting

import "net/http"

// Middleware wraps a handler with one step of the request's path.
type Middleware func(http.Handler) http.Handler

// Chain returns h behind the middlewares; the first listed runs first.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// Route sends a request to the handler of its exact path; other paths get
// 404. Unlike http.ServeMux it neither cleans nor redirects paths.
func Route(routes map[string]http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h, ok := routes[r.URL.Path]; ok {
			h.ServeHTTP(w, r)
			return
		}
		http.NotFound(w, r)
	})
}
