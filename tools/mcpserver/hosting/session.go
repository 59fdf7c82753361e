package hosting

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
)

// Sessions belong to the caller that opened them.
//
// A session id is a random part and an HMAC over it and the caller
// (tenant and subject). Any replica that has the same key can tell, with
// no shared memory, whether a request's session id was issued to its
// caller; a request with another caller's session id (or a made-up one) is
// answered 404, as an unknown session, before the MCP transport sees it.
// That matters beyond privacy: mcp-go matches a client's answer to a
// server request (such as a confirmation prompt) by a request id that is
// easy to guess, within the session only, so whoever can post on a session
// can answer its prompts.

// SessionIDs issues and checks caller-bound session ids.
type SessionIDs struct{ key []byte }

// NewSessionIDs uses key for the HMAC; replicas that serve the same
// sessions need the same key. Without one, a random key is made: sessions
// then work on this process only.
func NewSessionIDs(key []byte) *SessionIDs {
	if len(key) == 0 {
		key = make([]byte, 32)
		_, _ = rand.Read(key)
	}
	return &SessionIDs{key: key}
}

// Issue returns a new session id for the caller.
func (s *SessionIDs) Issue(c Caller) string {
	r := RandomHex(16)
	return r + "." + s.mac(c, r)
}

// Valid reports whether id was issued to the caller (by any replica with
// the same key).
func (s *SessionIDs) Valid(c Caller, id string) bool {
	r, m, ok := strings.Cut(id, ".")
	if !ok || len(r) != 32 {
		return false
	}
	return hmac.Equal([]byte(m), []byte(s.mac(c, r)))
}

func (s *SessionIDs) mac(c Caller, random string) string {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte("onoffice-mcp session\x00" + c.Tenant + "\x00" + c.Subject + "\x00" + random))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// ShortID is the part of a session id that logs show: enough to correlate
// lines, not enough to use the session.
func ShortID(id string) string {
	if len(id) <= 8 {
		return id
	}
	return id[:8]
}

// SessionOf returns the session id a request names: the Mcp-Session-Id
// header (streamable HTTP) or the sessionId query parameter (SSE messages).
func SessionOf(r *http.Request) string {
	if id := r.Header.Get("Mcp-Session-Id"); id != "" {
		return id
	}
	return r.URL.Query().Get("sessionId")
}

// BindSessions answers 404 to a request whose session id was not issued
// to its caller. foreign, when set, learns of refused requests that
// answered a server request (a prompt), so they can be audited.
func BindSessions(ids *SessionIDs, foreign func(r *http.Request, c Caller)) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := SessionOf(r)
			if id == "" {
				next.ServeHTTP(w, r)
				return
			}
			info := InfoFrom(r.Context())
			info.Session = ShortID(id)
			c, _ := CallerFrom(r.Context())
			if !ids.Valid(c, id) {
				if info.Answer && foreign != nil {
					foreign(r, c)
				}
				refuse(w, r, "session: not issued to this caller", "Not Found: unknown session", http.StatusNotFound)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// Logged marks the requests of a route as worth an INFO access log line.
func Logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		InfoFrom(r.Context()).Logged = true
		next.ServeHTTP(w, r)
	})
}
