package hosting

import (
	"context"
	"net/http"
	"sync/atomic"
)

// Info is what the access log line says about a request; AccessLog puts
// it into the request context and the middlewares after it fill it in.
// A request is handled by one goroutine at a time, except Upstream.
type Info struct {
	ID      string // request id
	Logged  bool   // an MCP request: logged at INFO rather than DEBUG
	Tenant  string
	RPC     string // JSON-RPC method of a POST body
	Tool    string // tool name of a tools/call
	Session string // session id prefix
	Refused string // why a check refused the request
	Answer  bool   // the body is a response to a server request (e.g. a prompt)
	// Upstream accumulates the time spent waiting for onOffice on behalf
	// of the request (see TimedTransport).
	Upstream atomic.Int64
}

type infoKey struct{}

// InfoFrom returns the Info of a request context; never nil (a context
// without one gets a throwaway value).
func InfoFrom(ctx context.Context) *Info {
	if i, ok := ctx.Value(infoKey{}).(*Info); ok {
		return i
	}
	return &Info{}
}

func withInfo(ctx context.Context, i *Info) context.Context {
	return context.WithValue(ctx, infoKey{}, i)
}

// RequestID returns the id of the HTTP request a context belongs to.
func RequestID(ctx context.Context) string {
	if i, ok := ctx.Value(infoKey{}).(*Info); ok {
		return i.ID
	}
	return ""
}

// refuse answers an error and records why for the access log.
func refuse(w http.ResponseWriter, r *http.Request, why, msg string, code int) {
	InfoFrom(r.Context()).Refused = why
	http.Error(w, msg, code)
}
