package mcpserver

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/config"
)

// realm names the protected resource in WWW-Authenticate.
const realm = "onoffice-mcp"

// maxTokenLen bounds the bearer token we hash.
const maxTokenLen = 4096

// authenticator maps bearer tokens (by SHA-256 hash) to tenants.
type authenticator struct {
	hashes []config.TokenHash
	owners []*tenant
}

func (a *authenticator) add(h config.TokenHash, t *tenant) {
	a.hashes = append(a.hashes, h)
	a.owners = append(a.owners, t)
}

// lookup compares the token's hash with every known hash in constant time,
// without stopping at a match, so timing tells nothing about which (or
// how much of a) token matched.
func (a *authenticator) lookup(token string) *tenant {
	h := config.HashToken(token)
	var found *tenant
	for i := range a.hashes {
		if subtle.ConstantTimeCompare(h[:], a.hashes[i][:]) == 1 {
			found = a.owners[i]
		}
	}
	return found
}

// authenticate returns the tenant of the request's bearer token, or nil and
// why not ("missing" or "invalid").
func (h *HTTPServer) authenticate(r *http.Request) (*tenant, string) {
	v := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(v, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return nil, "missing"
	}
	token = strings.TrimSpace(token)
	if token == "" {
		return nil, "missing"
	}
	if len(token) > maxTokenLen {
		return nil, "invalid"
	}
	if t := h.auth.lookup(token); t != nil {
		return t, ""
	}
	return nil, "invalid"
}

// unauthorized answers 401 with the challenge RFC 6750 describes.
func unauthorized(w http.ResponseWriter, reason string) {
	challenge := `Bearer realm="` + realm + `"`
	msg := "Unauthorized: send the header Authorization: Bearer <token>"
	if reason == "invalid" {
		challenge += `, error="invalid_token", error_description="the bearer token is not valid"`
		msg = "Unauthorized: the bearer token is not valid"
	}
	w.Header().Set("WWW-Authenticate", challenge)
	http.Error(w, msg, http.StatusUnauthorized)
}

// hostAllowed protects against DNS rebinding: with --allowed-hosts only
// those names are answered; without, a request that arrives on a loopback
// connection must name a loopback host (a rebound name would not).
func (h *HTTPServer) hostAllowed(r *http.Request) bool {
	host := strings.ToLower(r.Host)
	name := host
	if n, _, err := net.SplitHostPort(host); err == nil {
		name = n
	}
	if allowed := h.cfg.HTTP.AllowedHosts; len(allowed) > 0 {
		for _, a := range allowed {
			if a == host || a == name {
				return true
			}
		}
		return false
	}
	if local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok && local != nil {
		if ip, ok := local.(*net.TCPAddr); ok && ip.IP.IsLoopback() {
			return config.IsLoopbackHost(name)
		}
	}
	return true
}

// originAllowed: requests without Origin come from programs, not browsers,
// and pass. A browser origin must be listed in --allowed-origins; when the
// server listens on loopback, pages served from localhost pass too (local
// tools such as the MCP Inspector). A rebinding page cannot forge its
// origin, so this closes the browser path to the server.
func (h *HTTPServer) originAllowed(origin string) bool {
	if origin == "" {
		return true
	}
	o := strings.ToLower(origin)
	for _, a := range h.cfg.HTTP.AllowedOrigins {
		if a == o {
			return true
		}
	}
	if h.loopback {
		u, err := url.Parse(o)
		return err == nil && (u.Scheme == "http" || u.Scheme == "https") && config.IsLoopbackHost(u.Hostname())
	}
	return false
}

// setCORS lets an allowed browser origin read the answer.
func setCORS(h http.Header, origin string) {
	h.Set("Access-Control-Allow-Origin", origin)
	h.Add("Vary", "Origin")
	h.Set("Access-Control-Expose-Headers", "Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, X-Request-Id")
}

// preflight answers a CORS preflight of an allowed origin (it carries no
// token, so it comes before authentication).
func preflight(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Allow", "GET, POST, DELETE, OPTIONS")
	if r.Header.Get("Origin") != "" && r.Header.Get("Access-Control-Request-Method") != "" {
		w.Header().Set("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
		headers := "Authorization, Content-Type, Accept, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID"
		if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
			headers += ", " + req
		}
		w.Header().Set("Access-Control-Allow-Headers", headers)
		w.Header().Set("Access-Control-Max-Age", "600")
	}
	w.WriteHeader(http.StatusNoContent)
}
