package config

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/internal/lazyre"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
)

// HTTPConfig holds the settings of the hosted (HTTP) mode.
type HTTPConfig struct {
	// AuthTokens are the SHA-256 hashes of the bearer tokens accepted in
	// single-tenant mode (--auth-token-file, ONOFFICE_MCP_AUTH_TOKENS). The
	// tokens themselves are not kept.
	AuthTokens []TokenHash
	// AuthTokenFile names a file with one bearer token per line.
	AuthTokenFile string
	// TenantsFile names the JSON file that maps bearer tokens to agencies.
	TenantsFile string
	// Tenants are the agencies of the tenants file; empty in single-tenant mode.
	Tenants []Tenant
	// InsecureNoAuth allows serving a non-loopback address without any authentication.
	InsecureNoAuth bool
	// AllowedOrigins are browser origins (scheme://host[:port]) allowed to call the server.
	AllowedOrigins []string
	// AllowedHosts, when set, are the only accepted Host header values (host or host:port).
	AllowedHosts []string
	// MaxBodyBytes limits the size of one request body.
	MaxBodyBytes int64
	// ReadTimeout bounds reading one request (headers and body).
	ReadTimeout time.Duration
	// WriteTimeout bounds one ordinary (non-streaming) request from its start to the end of the answer.
	WriteTimeout time.Duration
	// IdleTimeout closes kept-alive connections without requests.
	IdleTimeout time.Duration
	// SessionIdleTTL ends MCP sessions that sent nothing for this long.
	SessionIdleTTL time.Duration
	// ShutdownTimeout bounds the graceful shutdown (running calls finish within it).
	ShutdownTimeout time.Duration
	// SSEGuardedWrites says what a guarded write over the legacy SSE
	// transport gets, which cannot carry a prompt to the user:
	// SSEGuardedToken (a preview and a confirmation token for the model)
	// or SSEGuardedRefuse (refused: a person must confirm in the client).
	SSEGuardedWrites string
	// RedisURL, when set, is the Redis that replicas share (spent
	// confirmation tokens): redis://[:password@]host:port[/db] or rediss://.
	// It may carry a password, so it is a Secret.
	RedisURL Secret
	// MetricsAddr, when set, serves /metrics on its own listener (for
	// example an address only the Prometheus network reaches) instead of
	// next to the health endpoints.
	MetricsAddr string
	// OAuth, when enabled, accepts OAuth access tokens besides the bearer tokens.
	OAuth OAuthConfig

	env            func(string) string
	origins, hosts string
}

// What guarded writes over SSE get (HTTPConfig.SSEGuardedWrites).
const (
	SSEGuardedToken  = "token"
	SSEGuardedRefuse = "refuse"
)

// TokenHash is the SHA-256 hash of a bearer token.
type TokenHash [sha256.Size]byte

// HashToken hashes a bearer token.
func HashToken(token string) TokenHash { return sha256.Sum256([]byte(token)) }

// String hides the hash (it identifies a credential).
func (TokenHash) String() string { return "[token hash]" }

// MinTokenLen is the shortest accepted bearer token.
const MinTokenLen = 16

// Tenant is one agency of the tenants file: its bearer tokens, its onOffice
// credentials and its policy. Unset policy fields inherit the server flags.
type Tenant struct {
	Name   string
	Bearer []TokenHash
	// onOffice access
	Token, Secret Secret
	APIURL        string
	Demo          bool
	// Policy; nil or empty inherits the server's flag.
	ReadOnly, DisableDestructive  *bool
	Toolsets, Tools, ExcludeTools []string
	Confirm                       string
	SSEGuardedWrites              string
}

// Authenticated reports whether requests must carry a bearer token.
func (h *HTTPConfig) Authenticated() bool {
	return len(h.AuthTokens) > 0 || len(h.Tenants) > 0 || h.OAuth.Enabled()
}

// IsHTTP reports whether the transport is the hosted mode.
func (c *Config) IsHTTP() bool { return c.Transport == "http" || c.Transport == "sse" }

// ForTenant returns the configuration one tenant's server runs with: the
// server's settings with the tenant's credentials and policy. Read-only and
// disable-destructive set on the command line hold for every tenant.
func (c *Config) ForTenant(t Tenant) *Config {
	out := *c
	out.HTTP.AuthTokens, out.HTTP.Tenants = nil, nil
	out.Token, out.Secret = string(t.Token), string(t.Secret)
	out.Demo = t.Demo
	if t.APIURL != "" {
		out.APIURL = t.APIURL
	}
	if t.ReadOnly != nil {
		out.ReadOnly = c.ReadOnly || *t.ReadOnly
	}
	if t.DisableDestructive != nil {
		out.DisableDestructive = c.DisableDestructive || *t.DisableDestructive
	}
	if t.Toolsets != nil {
		out.Toolsets = t.Toolsets
	}
	if t.Tools != nil {
		out.Tools = t.Tools
	}
	if t.ExcludeTools != nil {
		out.ExcludeTools = t.ExcludeTools
	}
	if t.Confirm != "" {
		out.Guard.Confirm = t.Confirm
	}
	if t.SSEGuardedWrites != "" {
		out.HTTP.SSEGuardedWrites = t.SSEGuardedWrites
	}
	return &out
}

func (h *HTTPConfig) register(fs *flag.FlagSet, e *envReader) {
	h.env = e.get
	fs.StringVar(&h.AuthTokenFile, "auth-token-file", e.str("ONOFFICE_MCP_AUTH_TOKEN_FILE", ""),
		"http: file with the accepted bearer tokens, one per line (or sha256:<hex> of a token); more tokens come from ONOFFICE_MCP_AUTH_TOKENS (comma-separated) [ONOFFICE_MCP_AUTH_TOKEN_FILE]")
	fs.StringVar(&h.TenantsFile, "tenants", e.str("ONOFFICE_MCP_TENANTS", ""),
		"http: JSON file mapping bearer tokens to agencies, each with its own onOffice credentials and policy [ONOFFICE_MCP_TENANTS]")
	fs.BoolVar(&h.InsecureNoAuth, "insecure-no-auth", e.bool("ONOFFICE_MCP_INSECURE_NO_AUTH", false),
		"http: serve a non-loopback address without authentication (anyone who reaches the port can use the agency's data) [ONOFFICE_MCP_INSECURE_NO_AUTH]")
	fs.StringVar(&h.origins, "allowed-origins", e.str("ONOFFICE_MCP_ALLOWED_ORIGINS", ""),
		"http: comma-separated browser origins (https://app.example.com) allowed to call the server; requests with any other Origin are refused [ONOFFICE_MCP_ALLOWED_ORIGINS]")
	fs.StringVar(&h.hosts, "allowed-hosts", e.str("ONOFFICE_MCP_ALLOWED_HOSTS", ""),
		"http: comma-separated Host header values (mcp.example.com) the server answers to; default: any, but only localhost names on a loopback connection [ONOFFICE_MCP_ALLOWED_HOSTS]")
	h.MaxBodyBytes = int64(e.int("ONOFFICE_MCP_MAX_BODY_BYTES", 1<<20))
	fs.Int64Var(&h.MaxBodyBytes, "max-body-bytes", h.MaxBodyBytes, "http: largest accepted request body [ONOFFICE_MCP_MAX_BODY_BYTES]")
	fs.DurationVar(&h.ReadTimeout, "read-timeout", e.duration("ONOFFICE_MCP_READ_TIMEOUT", 30*time.Second),
		"http: time to read one request [ONOFFICE_MCP_READ_TIMEOUT]")
	fs.DurationVar(&h.WriteTimeout, "write-timeout", e.duration("ONOFFICE_MCP_WRITE_TIMEOUT", 3*time.Minute),
		"http: time to answer one request, tool call included (streams are exempt) [ONOFFICE_MCP_WRITE_TIMEOUT]")
	fs.DurationVar(&h.IdleTimeout, "idle-timeout", e.duration("ONOFFICE_MCP_IDLE_TIMEOUT", 2*time.Minute),
		"http: how long an idle kept-alive connection stays open [ONOFFICE_MCP_IDLE_TIMEOUT]")
	fs.DurationVar(&h.SessionIdleTTL, "session-idle-ttl", e.duration("ONOFFICE_MCP_SESSION_IDLE_TTL", 30*time.Minute),
		"http: end an MCP session after this long without a request from its client [ONOFFICE_MCP_SESSION_IDLE_TTL]")
	fs.DurationVar(&h.ShutdownTimeout, "shutdown-timeout", e.duration("ONOFFICE_MCP_SHUTDOWN_TIMEOUT", 30*time.Second),
		"http: on SIGINT/SIGTERM, how long running calls may take to finish [ONOFFICE_MCP_SHUTDOWN_TIMEOUT]")
	fs.StringVar(&h.SSEGuardedWrites, "sse-guarded-writes", e.str("ONOFFICE_MCP_SSE_GUARDED_WRITES", SSEGuardedToken),
		"http: what a write that needs confirmation gets over the legacy SSE transport, which cannot show the user a prompt: token (a preview and a confirmation token for the model) or refuse (only clients on /mcp can confirm) [ONOFFICE_MCP_SSE_GUARDED_WRITES]")
}

// registerShared adds the settings of replicas and monitoring.
func (h *HTTPConfig) registerShared(fs *flag.FlagSet, e *envReader) {
	// A Func flag shows no default, so a password in the URL never appears
	// in the usage text.
	h.RedisURL = Secret(e.get("ONOFFICE_MCP_REDIS_URL"))
	fs.Func("redis-url", "http: Redis that replicas share (spent confirmation tokens), redis://[:password@]host:port[/db]; guarded writes are refused while it is unreachable. Prefer the environment variable [ONOFFICE_MCP_REDIS_URL]",
		func(v string) error { h.RedisURL = Secret(v); return nil })
	fs.StringVar(&h.MetricsAddr, "metrics-addr", e.str("ONOFFICE_MCP_METRICS_ADDR", ""),
		"http: serve /metrics (Prometheus) on this address instead of next to /healthz on the main address [ONOFFICE_MCP_METRICS_ADDR]")
	h.OAuth.register(fs, e)
}

func checkSSEGuarded(v string) error {
	switch v {
	case SSEGuardedToken, SSEGuardedRefuse:
		return nil
	}
	return fmt.Errorf("invalid sse guarded writes %q: %s or %s", v, SSEGuardedToken, SSEGuardedRefuse)
}

func (h *HTTPConfig) check(c *Config) error {
	if !c.IsHTTP() {
		if h.TenantsFile != "" {
			return errors.New("a tenants file needs --transport http")
		}
		return nil
	}
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"read timeout", h.ReadTimeout}, {"write timeout", h.WriteTimeout}, {"idle timeout", h.IdleTimeout},
		{"session idle TTL", h.SessionIdleTTL}, {"shutdown timeout", h.ShutdownTimeout}} {
		if d.v <= 0 {
			add(fmt.Errorf("invalid %s %s: more than 0 is needed", d.name, d.v))
		}
	}
	if h.WriteTimeout > 0 && h.WriteTimeout <= c.Timeout {
		add(fmt.Errorf("invalid write timeout %s: it must be longer than the onOffice --timeout (%s), or calls are cut off before onOffice answers", h.WriteTimeout, c.Timeout))
	}
	add(checkSSEGuarded(h.SSEGuardedWrites))
	if h.MaxBodyBytes < 1024 {
		add(fmt.Errorf("invalid max body bytes %d: at least 1024", h.MaxBodyBytes))
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		add(fmt.Errorf("invalid address %q: host:port, e.g. 127.0.0.1:8080", c.Addr))
	}
	if _, _, err := net.SplitHostPort(h.MetricsAddr); h.MetricsAddr != "" && err != nil {
		add(fmt.Errorf("invalid metrics address %q: host:port, e.g. 127.0.0.1:9090", h.MetricsAddr))
	}
	redact.RegisterURL(string(h.RedisURL)) // its password
	if u := string(h.RedisURL); u != "" && !strings.HasPrefix(u, "redis://") && !strings.HasPrefix(u, "rediss://") {
		// The URL itself is not shown: it may carry a password.
		add(errors.New("invalid redis URL: it must start with redis:// or rediss://"))
	}
	var err error
	h.AllowedOrigins, err = parseOrigins(h.origins)
	add(err)
	h.AllowedHosts = list(strings.ToLower(h.hosts))

	h.AuthTokens = nil
	add(h.readAuthTokens())
	h.Tenants = nil
	if h.TenantsFile != "" {
		h.Tenants, err = ReadTenants(h.TenantsFile, h.env)
		add(err)
		for _, t := range h.Tenants {
			if t.APIURL != "" {
				if err := CheckAPIURL(t.APIURL, c.AllowInsecureHTTP); err != nil {
					add(fmt.Errorf("tenant %q: %w", t.Name, err))
				}
			}
		}
		if len(h.AuthTokens) > 0 {
			add(errors.New("bearer tokens come either from the tenants file or from --auth-token-file / ONOFFICE_MCP_AUTH_TOKENS, not both"))
		}
		if c.Demo {
			add(errors.New(`--demo applies to one agency: with a tenants file set "demo": true on the tenants that should use the sandbox`))
		}
	}
	add(h.OAuth.check())
	if h.InsecureNoAuth && (len(h.AuthTokens) > 0 || h.TenantsFile != "" || h.OAuth.Enabled()) {
		add(errors.New("--insecure-no-auth contradicts the configured bearer tokens: drop one of them"))
	}
	if len(errs) == 0 && !h.Authenticated() && !h.InsecureNoAuth && !IsLoopbackAddr(c.Addr) {
		add(fmt.Errorf("refusing to serve %s without authentication: set bearer tokens (--auth-token-file or ONOFFICE_MCP_AUTH_TOKENS) or a tenants file, listen on 127.0.0.1, or accept the risk with --insecure-no-auth", c.Addr))
	}
	return errors.Join(errs...)
}

// readAuthTokens reads the single-tenant bearer tokens from the file and
// the environment.
func (h *HTTPConfig) readAuthTokens() error {
	var entries []string
	if h.AuthTokenFile != "" {
		b, err := os.ReadFile(h.AuthTokenFile)
		if err != nil {
			return fmt.Errorf("auth token file: %w", err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				entries = append(entries, line)
			}
		}
	}
	entries = append(entries, list(h.env("ONOFFICE_MCP_AUTH_TOKENS"))...)
	seen := map[TokenHash]bool{}
	for i, e := range entries {
		hash, err := tokenEntry(e)
		if err != nil {
			return fmt.Errorf("bearer token %d: %w", i+1, err)
		}
		if !seen[hash] {
			seen[hash] = true
			h.AuthTokens = append(h.AuthTokens, hash)
		}
	}
	return nil
}

// tokenEntry hashes a token, or decodes an entry given as sha256:<hex>.
func tokenEntry(s string) (TokenHash, error) {
	if hexed, ok := strings.CutPrefix(s, "sha256:"); ok {
		return parseHash(hexed)
	}
	redact.Register(s)
	if len(s) < MinTokenLen {
		return TokenHash{}, fmt.Errorf("too short (%d characters, at least %d; e.g. openssl rand -hex 32)", len(s), MinTokenLen)
	}
	return HashToken(s), nil
}

func parseHash(s string) (TokenHash, error) {
	var h TokenHash
	b, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(b) != len(h) {
		return h, errors.New("a SHA-256 hash must be 64 hex digits")
	}
	copy(h[:], b)
	return h, nil
}

func parseOrigins(s string) ([]string, error) {
	var out []string
	for _, o := range list(s) {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			return nil, fmt.Errorf("invalid allowed origin %q: scheme://host[:port], e.g. https://app.example.com", o)
		}
		out = append(out, strings.ToLower(u.Scheme+"://"+u.Host))
	}
	return out, nil
}

// IsLoopbackAddr reports whether a listen address (host:port) is on the
// loopback interface only. An empty host (all interfaces) is not.
func IsLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	return IsLoopbackHost(host)
}

// IsLoopbackHost reports whether a host name or address is loopback.
func IsLoopbackHost(host string) bool {
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// --- tenants file ---

// tenantsFile is the JSON form of the tenants file.
type tenantsFile struct {
	Tenants []tenantJSON `json:"tenants"`
}

type tenantJSON struct {
	Name               string      `json:"name"`
	BearerTokens       []secretRef `json:"bearer_tokens"`
	OnOfficeToken      *secretRef  `json:"onoffice_token"`
	OnOfficeSecret     *secretRef  `json:"onoffice_secret"`
	APIURL             string      `json:"api_url"`
	Demo               bool        `json:"demo"`
	ReadOnly           *bool       `json:"read_only"`
	DisableDestructive *bool       `json:"disable_destructive"`
	Toolsets           []string    `json:"toolsets"`
	Tools              []string    `json:"tools"`
	ExcludeTools       []string    `json:"exclude_tools"`
	Confirm            string      `json:"confirm"`
	SSEGuardedWrites   string      `json:"sse_guarded_writes"`
}

// secretRef is a credential in the tenants file: a JSON string holds the
// value itself; {"env": "NAME"} reads an environment variable, {"file":
// "/path"} a file (trailing newline dropped) and, for bearer tokens only,
// {"sha256": "<hex>"} gives the token's hash instead of the token.
type secretRef struct {
	value, env, file, sha string
}

func (s *secretRef) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &s.value)
	}
	var o struct {
		Env    *string `json:"env"`
		File   *string `json:"file"`
		SHA256 *string `json:"sha256"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		return errors.New(`a credential is a string or an object with one of "env", "file", "sha256"`)
	}
	n := 0
	for _, p := range []*string{o.Env, o.File, o.SHA256} {
		if p != nil {
			n++
		}
	}
	if n != 1 {
		return errors.New(`a credential object needs exactly one of "env", "file", "sha256"`)
	}
	switch {
	case o.Env != nil:
		s.env = *o.Env
	case o.File != nil:
		s.file = *o.File
	default:
		s.sha = *o.SHA256
	}
	return nil
}

// resolve returns the credential; the error never contains it.
func (s *secretRef) resolve(env func(string) string) (string, error) {
	switch {
	case s.env != "":
		v := env(s.env)
		if v == "" {
			return "", fmt.Errorf("environment variable %s is empty", s.env)
		}
		redact.Register(v)
		return v, nil
	case s.file != "":
		b, err := os.ReadFile(s.file)
		if err != nil {
			return "", err
		}
		v := strings.TrimRight(string(b), "\r\n")
		if v == "" {
			return "", fmt.Errorf("file %s is empty", s.file)
		}
		redact.Register(v)
		return v, nil
	case s.sha != "":
		return "", errors.New(`"sha256" is only accepted for bearer tokens`)
	case s.value == "":
		return "", errors.New("empty")
	}
	return s.value, nil
}

// tenantName is compiled on first use, by the hosted mode only: the counted
// repetition makes it cost every start a tenth of a millisecond.
var tenantName = lazyre.New(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ReadTenants reads and checks a tenants file; env resolves {"env": …}
// references. Errors name the tenant and the field, never a credential.
func ReadTenants(path string, env func(string) string) ([]Tenant, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tenants file: %w", err)
	}
	var f tenantsFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("tenants file %s: %w", path, err)
	}
	if len(f.Tenants) == 0 {
		return nil, fmt.Errorf("tenants file %s: no tenants", path)
	}
	var errs []error
	names := map[string]bool{}
	owner := map[TokenHash]string{}
	out := make([]Tenant, 0, len(f.Tenants))
	for i, tj := range f.Tenants {
		fail := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("tenant %q: %s", tj.Name, fmt.Sprintf(format, args...)))
		}
		if !tenantName().MatchString(tj.Name) {
			errs = append(errs, fmt.Errorf("tenant %d: invalid name %q: letters, digits, '.', '_' and '-', at most 64", i+1, tj.Name))
			continue
		}
		if names[tj.Name] {
			fail("named twice")
			continue
		}
		names[tj.Name] = true
		t := Tenant{
			Name: tj.Name, APIURL: tj.APIURL, Demo: tj.Demo,
			ReadOnly: tj.ReadOnly, DisableDestructive: tj.DisableDestructive,
			Toolsets: tj.Toolsets, Tools: tj.Tools, ExcludeTools: tj.ExcludeTools, Confirm: tj.Confirm,
			SSEGuardedWrites: tj.SSEGuardedWrites,
		}
		if len(tj.BearerTokens) == 0 {
			fail("no bearer_tokens")
		}
		for j, ref := range tj.BearerTokens {
			var h TokenHash
			var err error
			if ref.sha != "" {
				h, err = parseHash(ref.sha)
			} else {
				var tok string
				if tok, err = ref.resolve(env); err == nil {
					h, err = tokenEntry(tok)
				}
			}
			if err != nil {
				fail("bearer token %d: %v", j+1, err)
				continue
			}
			if other, ok := owner[h]; ok {
				// One token must lead to one agency only.
				fail("bearer token %d is also a token of tenant %q", j+1, other)
				continue
			}
			owner[h] = tj.Name
			t.Bearer = append(t.Bearer, h)
		}
		for _, c := range []struct {
			name string
			ref  *secretRef
			dst  *Secret
		}{{"onoffice_token", tj.OnOfficeToken, &t.Token}, {"onoffice_secret", tj.OnOfficeSecret, &t.Secret}} {
			if c.ref == nil {
				if !t.Demo {
					fail("%s is missing", c.name)
				}
				continue
			}
			v, err := c.ref.resolve(env)
			if err != nil {
				fail("%s: %v", c.name, err)
				continue
			}
			*c.dst = Secret(v)
		}
		if t.APIURL != "" {
			// Plain http to a remote host is checked with the server's flags (HTTPConfig.check).
			if err := CheckAPIURL(t.APIURL, true); err != nil {
				fail("api_url: %v", err)
			}
			redact.RegisterURL(t.APIURL)
		}
		switch t.Confirm {
		case "", ConfirmWrites, ConfirmDestructive, ConfirmOff:
		default:
			fail("invalid confirm %q: one of %s, %s, %s", t.Confirm, ConfirmWrites, ConfirmDestructive, ConfirmOff)
		}
		if t.SSEGuardedWrites != "" {
			if err := checkSSEGuarded(t.SSEGuardedWrites); err != nil {
				fail("%v", err)
			}
		}
		out = append(out, t)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("tenants file %s:\n%w", path, err)
	}
	return out, nil
}
