package config

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
)

const (
	tokOne = "first-bearer-token-0123456789"
	tokTwo = "second-bearer-token-987654321"
)

func loadHTTP(t *testing.T, args []string, env map[string]string) (*Config, error) {
	t.Helper()
	var out strings.Builder
	return Load(args, func(k string) string { return env[k] }, &out)
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHTTPConfig(t *testing.T) {
	tokenFile := writeFile(t, "tokens", "# agency tokens\n"+tokOne+"\n\n  sha256:"+hexHash(tokTwo)+"  \n")
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(t *testing.T, c *Config)
		wantErr string
	}{
		{name: "defaults", args: []string{"--transport=http"}, check: func(t *testing.T, c *Config) {
			h := c.HTTP
			if c.Addr != "127.0.0.1:8080" || h.Authenticated() || h.MaxBodyBytes != 1<<20 || h.ReadTimeout != 30*time.Second ||
				h.WriteTimeout != 3*time.Minute || h.IdleTimeout != 2*time.Minute || h.SessionIdleTTL != 30*time.Minute || h.ShutdownTimeout != 30*time.Second ||
				h.SSEGuardedWrites != SSEGuardedToken {
				t.Errorf("defaults: addr %s %+v", c.Addr, h)
			}
		}},
		{name: "sse is the same hosted mode", args: []string{"--transport=sse"}, check: func(t *testing.T, c *Config) {
			if !c.IsHTTP() {
				t.Error("sse is not hosted")
			}
		}},
		{name: "stdio reads no tokens", env: map[string]string{"ONOFFICE_MCP_AUTH_TOKENS": "short"}, check: func(t *testing.T, c *Config) {
			if c.IsHTTP() || c.HTTP.Authenticated() {
				t.Error("stdio with tokens")
			}
		}},
		{name: "tokens from file and environment", args: []string{"--transport=http", "--auth-token-file=" + tokenFile},
			env: map[string]string{"ONOFFICE_MCP_AUTH_TOKENS": " " + tokOne + " , third-bearer-token-abcdefghij"},
			check: func(t *testing.T, c *Config) {
				want := []TokenHash{HashToken(tokOne), HashToken(tokTwo), HashToken("third-bearer-token-abcdefghij")}
				if len(c.HTTP.AuthTokens) != len(want) {
					t.Fatalf("%d tokens, want %d (duplicates dropped)", len(c.HTTP.AuthTokens), len(want))
				}
				for i := range want {
					if c.HTTP.AuthTokens[i] != want[i] {
						t.Errorf("token %d differs", i)
					}
				}
			}},
		{name: "all interfaces need auth", args: []string{"--transport=http", "--addr=0.0.0.0:8080"}, wantErr: "refusing to serve 0.0.0.0:8080 without authentication"},
		{name: "empty host needs auth", args: []string{"--transport=http", "--addr=:8080"}, wantErr: "refusing to serve :8080"},
		{name: "insecure no auth", args: []string{"--transport=http", "--addr=0.0.0.0:8080", "--insecure-no-auth"}, check: func(t *testing.T, c *Config) {
			if c.HTTP.Authenticated() || !c.HTTP.InsecureNoAuth {
				t.Error("insecure mode not set")
			}
		}},
		{name: "tokens allow all interfaces", args: []string{"--transport=http", "--addr=0.0.0.0:8080"}, env: map[string]string{"ONOFFICE_MCP_AUTH_TOKENS": tokOne}},
		{name: "localhost is loopback", args: []string{"--transport=http", "--addr=localhost:9000"}},
		{name: "ipv6 loopback", args: []string{"--transport=http", "--addr=[::1]:9000"}},
		{name: "insecure contradicts tokens", args: []string{"--transport=http", "--insecure-no-auth"}, env: map[string]string{"ONOFFICE_MCP_AUTH_TOKENS": tokOne}, wantErr: "contradicts"},
		{name: "short token", args: []string{"--transport=http"}, env: map[string]string{"ONOFFICE_MCP_AUTH_TOKENS": "abc123"}, wantErr: "bearer token 1: too short (6 characters"},
		{name: "bad hash", args: []string{"--transport=http"}, env: map[string]string{"ONOFFICE_MCP_AUTH_TOKENS": "sha256:abcd"}, wantErr: "64 hex digits"},
		{name: "missing token file", args: []string{"--transport=http", "--auth-token-file=/nonexistent/tokens"}, wantErr: "auth token file"},
		{name: "origins normalised", args: []string{"--transport=http", "--allowed-origins=HTTPS://App.Example.com, http://localhost:6274/"}, check: func(t *testing.T, c *Config) {
			if strings.Join(c.HTTP.AllowedOrigins, " ") != "https://app.example.com http://localhost:6274" {
				t.Errorf("origins %v", c.HTTP.AllowedOrigins)
			}
		}},
		{name: "origin with path", args: []string{"--transport=http", "--allowed-origins=https://app.example.com/mcp"}, wantErr: "invalid allowed origin"},
		{name: "hosts", env: map[string]string{"ONOFFICE_MCP_TRANSPORT": "http", "ONOFFICE_MCP_ALLOWED_HOSTS": "MCP.example.com,mcp.example.com:8443"}, check: func(t *testing.T, c *Config) {
			if strings.Join(c.HTTP.AllowedHosts, " ") != "mcp.example.com mcp.example.com:8443" {
				t.Errorf("hosts %v", c.HTTP.AllowedHosts)
			}
		}},
		{name: "limits from environment", env: map[string]string{"ONOFFICE_MCP_TRANSPORT": "http", "ONOFFICE_MCP_MAX_BODY_BYTES": "65536", "ONOFFICE_MCP_SESSION_IDLE_TTL": "5m", "ONOFFICE_MCP_SHUTDOWN_TIMEOUT": "10s"},
			check: func(t *testing.T, c *Config) {
				if c.HTTP.MaxBodyBytes != 65536 || c.HTTP.SessionIdleTTL != 5*time.Minute || c.HTTP.ShutdownTimeout != 10*time.Second {
					t.Errorf("%+v", c.HTTP)
				}
			}},
		{name: "zero timeout", args: []string{"--transport=http", "--write-timeout=0s"}, wantErr: "invalid write timeout"},
		{name: "write timeout below the onOffice timeout", args: []string{"--transport=http", "--timeout=5m"}, wantErr: "must be longer than the onOffice --timeout (5m0s)"},
		{name: "tiny body", args: []string{"--transport=http", "--max-body-bytes=10"}, wantErr: "invalid max body bytes"},
		{name: "bad address", args: []string{"--transport=http", "--addr=8080"}, wantErr: "invalid address"},
		{name: "sse guarded writes", args: []string{"--transport=http", "--sse-guarded-writes=refuse"}, check: func(t *testing.T, c *Config) {
			if c.HTTP.SSEGuardedWrites != SSEGuardedRefuse {
				t.Errorf("sse guarded writes %q", c.HTTP.SSEGuardedWrites)
			}
		}},
		{name: "bad sse guarded writes", args: []string{"--transport=http"}, env: map[string]string{"ONOFFICE_MCP_SSE_GUARDED_WRITES": "maybe"}, wantErr: `invalid sse guarded writes "maybe"`},
		{name: "tenants need http", args: []string{"--tenants=/x.json"}, wantErr: "needs --transport http"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadHTTP(t, tc.args, tc.env)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				for _, s := range []string{tokOne, tokTwo, "abc123"} {
					if strings.Contains(err.Error(), s) {
						t.Errorf("the error shows a token: %v", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.check != nil {
				tc.check(t, c)
			}
		})
	}
}

func hexHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func TestTenantsFile(t *testing.T) {
	secretFile := writeFile(t, "secret", "file-secret-value\n")
	env := map[string]string{"A_BEARER": tokOne, "A_TOKEN": "env-token-value"}
	valid := `{"tenants": [
	  {"name": "nord", "bearer_tokens": [{"env": "A_BEARER"}, "inline-bearer-token-0000001"],
	   "onoffice_token": {"env": "A_TOKEN"}, "onoffice_secret": {"file": "` + secretFile + `"},
	   "read_only": true, "toolsets": ["estates", "addresses"], "confirm": "destructive", "sse_guarded_writes": "refuse"},
	  {"name": "sued.gmbh", "bearer_tokens": [{"sha256": "` + hexHash(tokTwo) + `"}], "demo": true,
	   "api_url": "https://proxy.example.com/api.php", "exclude_tools": ["email_send"]}
	]}`
	tenants, err := ReadTenants(writeFile(t, "t.json", valid), func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if len(tenants) != 2 {
		t.Fatalf("%d tenants", len(tenants))
	}
	n, s := tenants[0], tenants[1]
	if n.Name != "nord" || string(n.Token) != "env-token-value" || string(n.Secret) != "file-secret-value" ||
		len(n.Bearer) != 2 || n.Bearer[0] != HashToken(tokOne) || n.Bearer[1] != HashToken("inline-bearer-token-0000001") ||
		n.ReadOnly == nil || !*n.ReadOnly || n.Confirm != ConfirmDestructive || strings.Join(n.Toolsets, ",") != "estates,addresses" {
		t.Errorf("nord: %+v", n)
	}
	if s.Name != "sued.gmbh" || !s.Demo || s.Token != "" || len(s.Bearer) != 1 || s.Bearer[0] != HashToken(tokTwo) || s.ReadOnly != nil || s.APIURL == "" {
		t.Errorf("sued: %+v", s)
	}

	// The tenant's configuration: its credentials and policy on top of the
	// server's flags; a read-only server stays read-only for every tenant.
	base, err := loadHTTP(t, []string{"--transport=http", "--toolsets=all", "--confirm=writes", "--read-only", "--tenants=" + writeFile(t, "t2.json", valid)}, env)
	if err != nil {
		t.Fatal(err)
	}
	cn := base.ForTenant(base.HTTP.Tenants[0])
	if cn.Token != "env-token-value" || cn.Secret != "file-secret-value" || !cn.ReadOnly || cn.Guard.Confirm != ConfirmDestructive || cn.HTTP.SSEGuardedWrites != SSEGuardedRefuse ||
		strings.Join(cn.Toolsets, ",") != "estates,addresses" || cn.HTTP.Tenants != nil || cn.Demo {
		t.Errorf("nord config: %+v", cn)
	}
	cs := base.ForTenant(base.HTTP.Tenants[1])
	if !cs.ReadOnly || cs.Guard.Confirm != ConfirmWrites || cs.HTTP.SSEGuardedWrites != SSEGuardedToken || strings.Join(cs.Toolsets, ",") != "all" || !cs.Demo ||
		cs.APIURL != "https://proxy.example.com/api.php" || strings.Join(cs.ExcludeTools, ",") != "email_send" || cs.Token != "" {
		t.Errorf("sued config: %+v", cs)
	}
	if base.ReadOnly != true || base.Token != "" {
		t.Error("ForTenant changed the server's configuration")
	}

	bad := []struct{ name, json, want string }{
		{"not json", `{`, "tenants file"},
		{"no tenants", `{"tenants": []}`, "no tenants"},
		{"unknown field", `{"tenants": [{"name": "a", "bearer_tokens": ["` + tokOne + `"], "demo": true, "readonly": true}]}`, `unknown field "readonly"`},
		{"bad name", `{"tenants": [{"name": "a b", "bearer_tokens": ["` + tokOne + `"], "demo": true}]}`, `invalid name "a b"`},
		{"twice", `{"tenants": [{"name": "a", "bearer_tokens": ["` + tokOne + `"], "demo": true}, {"name": "a", "bearer_tokens": ["` + tokTwo + `"], "demo": true}]}`, `tenant "a": named twice`},
		{"no tokens", `{"tenants": [{"name": "a", "demo": true}]}`, "no bearer_tokens"},
		{"shared token", `{"tenants": [{"name": "a", "bearer_tokens": ["` + tokOne + `"], "demo": true}, {"name": "b", "bearer_tokens": [{"sha256": "` + hexHash(tokOne) + `"}], "demo": true}]}`, `tenant "b": bearer token 1 is also a token of tenant "a"`},
		{"short token", `{"tenants": [{"name": "a", "bearer_tokens": ["short"], "demo": true}]}`, "too short"},
		{"empty env", `{"tenants": [{"name": "a", "bearer_tokens": [{"env": "UNSET"}], "demo": true}]}`, "environment variable UNSET is empty"},
		{"two sources", `{"tenants": [{"name": "a", "bearer_tokens": [{"env": "A_BEARER", "file": "/x"}], "demo": true}]}`, "exactly one of"},
		{"missing credentials", `{"tenants": [{"name": "a", "bearer_tokens": ["` + tokOne + `"]}]}`, "onoffice_token is missing"},
		{"hash as secret", `{"tenants": [{"name": "a", "bearer_tokens": ["` + tokOne + `"], "onoffice_token": "t", "onoffice_secret": {"sha256": "` + hexHash("x") + `"}}]}`, `"sha256" is only accepted for bearer tokens`},
		{"missing file", `{"tenants": [{"name": "a", "bearer_tokens": ["` + tokOne + `"], "onoffice_token": "t", "onoffice_secret": {"file": "/nonexistent/secret"}}]}`, "onoffice_secret"},
		{"bad confirm", `{"tenants": [{"name": "a", "bearer_tokens": ["` + tokOne + `"], "demo": true, "confirm": "never"}]}`, `invalid confirm "never"`},
		{"bad sse guarded writes", `{"tenants": [{"name": "a", "bearer_tokens": ["` + tokOne + `"], "demo": true, "sse_guarded_writes": "ask"}]}`, `invalid sse guarded writes "ask"`},
		{"bad url", `{"tenants": [{"name": "a", "bearer_tokens": ["` + tokOne + `"], "demo": true, "api_url": "ftp://x"}]}`, "invalid API URL"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadTenants(writeFile(t, "bad.json", tc.json), func(k string) string { return env[k] })
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if strings.Contains(err.Error(), tokOne) || strings.Contains(err.Error(), tokTwo) {
				t.Errorf("the error shows a token: %v", err)
			}
		})
	}

	// A tenants file excludes the single-tenant tokens and --demo.
	file := writeFile(t, "t3.json", valid)
	if _, err := loadHTTP(t, []string{"--transport=http", "--tenants=" + file}, map[string]string{"A_BEARER": tokOne, "A_TOKEN": "x", "ONOFFICE_MCP_AUTH_TOKENS": tokTwo}); err == nil || !strings.Contains(err.Error(), "not both") {
		t.Errorf("tenants and tokens: %v", err)
	}
	if _, err := loadHTTP(t, []string{"--transport=http", "--demo", "--tenants=" + file}, env); err == nil || !strings.Contains(err.Error(), `"demo": true`) {
		t.Errorf("tenants and --demo: %v", err)
	}
	if _, err := loadHTTP(t, []string{"--transport=http", "--addr=0.0.0.0:8080", "--tenants=" + file}, env); err != nil {
		t.Errorf("tenants authenticate a public address: %v", err)
	}
}

func TestSecretsStayOutOfFormatting(t *testing.T) {
	h := HashToken(tokOne)
	if s := h.String(); strings.Contains(s, hexHash(tokOne)[:8]) {
		t.Errorf("hash shown: %s", s)
	}
	tn := Tenant{Name: "a", Token: "api-token-value", Secret: "api-secret-value"}
	for _, s := range []string{tn.Token.String(), tn.Secret.GoString()} {
		if strings.Contains(s, "value") {
			t.Errorf("credential shown: %s", s)
		}
	}
}

func TestRedisURLNeverShown(t *testing.T) {
	const pw = "redis-password-in-the-url"
	good := map[string]string{"ONOFFICE_MCP_REDIS_URL": "redis://:" + pw + "@127.0.0.1:6379/0"}
	var usage strings.Builder
	if _, err := Load([]string{"--help"}, func(k string) string { return good[k] }, &usage); err != ErrHelp {
		t.Fatalf("help: %v", err)
	}
	if strings.Contains(usage.String(), pw) || !strings.Contains(usage.String(), "ONOFFICE_MCP_REDIS_URL") {
		t.Errorf("usage shows the password or lacks the setting:\n%s", usage.String())
	}
	c, err := loadHTTP(t, []string{"--transport=http"}, good)
	if err != nil {
		t.Fatal(err)
	}
	if string(c.HTTP.RedisURL) != good["ONOFFICE_MCP_REDIS_URL"] {
		t.Errorf("URL not read from the environment")
	}
	if s := redact.String("AUTH " + pw + " failed"); strings.Contains(s, pw) {
		t.Errorf("the Redis password is not registered for redaction: %s", s)
	}
	js, _ := json.Marshal(c.HTTP)
	for name, s := range map[string]string{"%+v": fmt.Sprintf("%+v", c), "%#v": fmt.Sprintf("%#v", c.HTTP), "json": string(js)} {
		if strings.Contains(s, pw) {
			t.Errorf("%s shows the Redis password", name)
		}
	}
	bad := map[string]string{"ONOFFICE_MCP_REDIS_URL": "http://:" + pw + "@127.0.0.1:6379"}
	if _, err := loadHTTP(t, []string{"--transport=http"}, bad); err == nil || strings.Contains(err.Error(), pw) || !strings.Contains(err.Error(), "redis://") {
		t.Errorf("bad scheme: %v", err)
	}
	if _, err := loadHTTP(t, []string{"--transport=http", "--metrics-addr=nonsense"}, nil); err == nil || !strings.Contains(err.Error(), "metrics address") {
		t.Errorf("bad metrics address: %v", err)
	}
}

func TestOAuthSettings(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string // part of the error; empty for none
	}{
		{"issuer and resource", []string{"--oauth-issuer=https://id.example.com", "--oauth-resource=https://mcp.example.com/mcp", "--addr=0.0.0.0:8080"}, ""},
		{"loopback http", []string{"--oauth-issuer=http://127.0.0.1:9000", "--oauth-resource=http://localhost:8080/mcp"}, ""},
		{"no resource", []string{"--oauth-issuer=https://id.example.com"}, "needs --oauth-resource"},
		{"resource alone", []string{"--oauth-resource=https://mcp.example.com/mcp"}, "needs --oauth-issuer"},
		{"plain http issuer", []string{"--oauth-issuer=http://id.example.com", "--oauth-resource=https://mcp.example.com/mcp"}, "https is required"},
		{"credentials in the resource", []string{"--oauth-issuer=https://id.example.com", "--oauth-resource=https://u:p@mcp.example.com/mcp"}, "without credentials"},
		{"with --insecure-no-auth", []string{"--oauth-issuer=https://id.example.com", "--oauth-resource=https://mcp.example.com/mcp", "--insecure-no-auth"}, "contradicts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadHTTP(t, append([]string{"--transport=http"}, tc.args...), nil)
			if tc.want == "" {
				if err != nil || !c.HTTP.OAuth.Enabled() || !c.HTTP.Authenticated() || c.HTTP.OAuth.WriteScope != "onoffice.write" {
					t.Fatalf("%v %+v", err, c)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}
