package hosting

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/config"
)

// CheckHost protects against DNS rebinding: with allowed hosts only those
// names are answered; without, a request that arrives on a loopback
// connection must name a loopback host (a rebound name would not).
func CheckHost(allowed []string) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !hostAllowed(allowed, r) {
				refuse(w, r, "host", "Forbidden: Host not allowed", http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func hostAllowed(allowed []string, r *http.Request) bool {
	host := strings.ToLower(r.Host)
	name := host
	if n, _, err := net.SplitHostPort(host); err == nil {
		name = n
	}
	if len(allowed) > 0 {
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

// CheckOrigin lets browsers in from allowed origins only, sets the CORS
// headers for them and answers CORS preflights (they carry no token, so
// this comes before authentication).
//
// Requests without Origin come from programs, not browsers, and pass. A
// browser origin must be listed; when the server listens on loopback,
// pages served from localhost pass too (local tools such as the MCP
// Inspector). A rebinding page cannot forge its origin, so this closes the
// browser path to the server.
func CheckOrigin(allowed []string, loopback bool) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			origin := r.Header.Get("Origin")
			if !originAllowed(allowed, loopback, origin) {
				refuse(w, r, "origin", "Forbidden: Origin not allowed", http.StatusForbidden)
				return
			}
			if origin != "" {
				setCORS(w.Header(), origin)
			}
			if r.Method == http.MethodOptions {
				preflight(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func originAllowed(allowed []string, loopback bool, origin string) bool {
	if origin == "" {
		return true
	}
	o := strings.ToLower(origin)
	for _, a := range allowed {
		if a == o {
			return true
		}
	}
	if loopback {
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

// preflight answers a CORS preflight of an allowed origin.
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
