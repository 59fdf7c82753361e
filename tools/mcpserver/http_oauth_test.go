package mcpserver_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/auth/extauth"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/modelcontextprotocol/go-sdk/oauthex"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

// --- an OAuth authorization server in process (zitadel's OpenID provider) ---

// asClient is a client of the test authorization server, signing in with
// the client credentials grant: what its tokens say is configured here.
type asClient struct {
	secret, subject, tenant string
	audience                []string
	lifetime                time.Duration
	// scopes, when set, are the only scopes the client is granted.
	scopes []string
}

// asStorage is zitadel's example storage with our clients: JWT access
// tokens for the configured audience, with a tenant claim.
type asStorage struct {
	*storage.Storage
	mu      sync.Mutex
	clients map[string]asClient
	logins  atomic.Int32 // people signed in at the login page
	key     atomic.Pointer[rotatingKey]
}

// rotatingKey is the signing key of the test authorization server; rotate
// replaces it, and the old key leaves the published key set.
type rotatingKey struct {
	id  string
	key *rsa.PrivateKey
}

func (k *rotatingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k *rotatingKey) Key() any                                    { return k.key }
func (k *rotatingKey) ID() string                                  { return k.id }

type publicKey struct{ k *rotatingKey }

func (p publicKey) ID() string                         { return p.k.id }
func (p publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (p publicKey) Use() string                        { return "sig" }
func (p publicKey) Key() any                           { return &p.k.key.PublicKey }

func (s *asStorage) rotate(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	s.key.Store(&rotatingKey{id: rand.Text(), key: key})
}

func (s *asStorage) SigningKey(context.Context) (op.SigningKey, error) { return s.key.Load(), nil }
func (s *asStorage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}
func (s *asStorage) KeySet(context.Context) ([]op.Key, error) {
	return []op.Key{publicKey{s.key.Load()}}, nil
}

func (s *asStorage) client(id string) (asClient, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clients[id]
	return c, ok
}

func (s *asStorage) bySubject(sub string) asClient {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.clients {
		if c.subject == sub {
			return c
		}
	}
	return asClient{}
}

// jwtClient makes a client's access tokens JWTs.
type jwtClient struct{ op.Client }

func (jwtClient) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeJWT }
func (jwtClient) GrantTypes() []oidc.GrantType {
	return []oidc.GrantType{oidc.GrantTypeClientCredentials}
}

func (s *asStorage) ClientCredentials(_ context.Context, id, secret string) (op.Client, error) {
	c, ok := s.client(id)
	if !ok || c.secret != secret {
		return nil, errors.New("wrong client or secret")
	}
	return jwtClient{storage.WebClient(id, secret, "http://127.0.0.1/unused")}, nil
}

func (s *asStorage) ClientCredentialsTokenRequest(_ context.Context, id string, scopes []string) (op.TokenRequest, error) {
	c, _ := s.client(id)
	if c.scopes != nil {
		scopes = slices.DeleteFunc(scopes, func(s string) bool { return !slices.Contains(c.scopes, s) })
	}
	return &oidc.JWTTokenRequest{Subject: c.subject, Audience: c.audience, Scopes: scopes}, nil
}

// GetPrivateClaimsFromScopes adds the tenant and, as RFC 9068 asks (and
// zitadel leaves to the storage), the granted scopes.
func (s *asStorage) GetPrivateClaimsFromScopes(_ context.Context, sub, _ string, scopes []string) (map[string]any, error) {
	return map[string]any{"tenant": s.bySubject(sub).tenant, "scope": strings.Join(scopes, " ")}, nil
}

func (s *asStorage) CreateAccessToken(_ context.Context, req op.TokenRequest) (string, time.Time, error) {
	return rand.Text(), time.Now().Add(s.bySubject(req.GetSubject()).lifetime), nil
}

// The connector: a web client that signs a person in with the
// authorization code flow (PKCE). Its person is zitadel's example user
// "id1", of tenant a.
const (
	connectorID       = "connector"
	connectorSecret   = "connector-secret-0123456789"
	connectorRedirect = "http://127.0.0.1:1/callback" // never called: the test reads the redirect
	connectorUser     = "id1"
)

// webJWTClient is the connector with JWT access tokens and our scopes.
type webJWTClient struct{ op.Client }

func (webJWTClient) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeJWT }
func (webJWTClient) IsScopeAllowed(string) bool          { return true }

func (s *asStorage) GetClientByClientID(ctx context.Context, id string) (op.Client, error) {
	if id == connectorID {
		return webJWTClient{storage.WebClient(id, connectorSecret, connectorRedirect)}, nil
	}
	return s.Storage.GetClientByClientID(ctx, id)
}

func (s *asStorage) AuthorizeClientIDSecret(ctx context.Context, id, secret string) error {
	if id == connectorID {
		if secret != connectorSecret {
			return errors.New("wrong client secret")
		}
		return nil
	}
	return s.Storage.AuthorizeClientIDSecret(ctx, id, secret)
}

// audienceRequest issues the token for the resource, not the client.
type audienceRequest struct {
	op.AuthRequest
	audience []string
}

func (a audienceRequest) GetAudience() []string { return a.audience }

func (s *asStorage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	r, err := s.Storage.AuthRequestByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	return audienceRequest{r, s.bySubject(r.GetSubject()).audience}, nil
}

// startAS serves an OpenID provider on loopback until the test ends.
func startAS(t *testing.T, clients map[string]asClient) (string, *asStorage) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	issuer := "http://" + ln.Addr().String()
	st := &asStorage{Storage: storage.NewStorage(storage.NewUserStore(issuer)), clients: clients}
	st.rotate(t)
	var key [32]byte
	_, _ = rand.Read(key[:])
	p, err := op.NewProvider(&op.Config{CryptoKey: key, AuthMethodPost: true, CodeMethodS256: true}, st, op.StaticIssuer(issuer), op.WithAllowInsecure())
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", p)
	// The login page: the person of the test signs in at once.
	mux.HandleFunc("/login/username", func(w http.ResponseWriter, r *http.Request) {
		id := r.FormValue("authRequestID")
		if err := st.CheckUsernamePassword("test-user@127.0.0.1", "verysecure", id); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		st.logins.Add(1)
		http.Redirect(w, r, op.AuthCallbackURL(p)(r.Context(), id), http.StatusFound)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return issuer, st
}

// oauthToken gets an access token from the authorization server directly
// (by hand: oauth2 cannot read the negative lifetime of an expired one).
func oauthToken(t *testing.T, issuer, id, secret string) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}, "scope": {"onoffice"}}
	resp, err := http.PostForm(issuer+"/oauth/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token of %s: %d %v", id, resp.StatusCode, err)
	}
	return tok.AccessToken
}

// oauthPeer connects the official SDK's client, which signs in by itself:
// 401, resource metadata, authorization server metadata, token.
func oauthPeer(ctx context.Context, t *testing.T, base, id, secret string) (peer, error) {
	t.Helper()
	h, err := extauth.NewClientCredentialsHandler(&extauth.ClientCredentialsHandlerConfig{
		Credentials: &oauthex.ClientCredentials{ClientID: id, ClientSecretAuth: &oauthex.ClientSecretAuth{ClientSecret: secret}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return connectSDK(ctx, &sdk.StreamableClientTransport{Endpoint: base + "/mcp", OAuthHandler: h, MaxRetries: -1}, "2025-11-25")
}

// signInPeer connects the official SDK's client as a connector does: it
// sends the person to the authorization server, which signs them in and
// redirects back with a code; the client exchanges it (PKCE) for a token.
func signInPeer(ctx context.Context, t *testing.T, base string) (peer, error) {
	t.Helper()
	browser := &http.Client{CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(req.URL.String(), connectorRedirect) {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	fetch := func(ctx context.Context, args *auth.AuthorizationArgs) (*auth.AuthorizationResult, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, args.URL, nil)
		if err != nil {
			return nil, err
		}
		resp, err := browser.Do(req)
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		back, err := url.Parse(resp.Header.Get("Location"))
		if err != nil || back.Query().Get("code") == "" {
			return nil, fmt.Errorf("no code in the redirect (%d %q)", resp.StatusCode, resp.Header.Get("Location"))
		}
		q := back.Query()
		return &auth.AuthorizationResult{Code: q.Get("code"), State: q.Get("state"), Iss: q.Get("iss")}, nil
	}
	h, err := auth.NewAuthorizationCodeHandler(&auth.AuthorizationCodeHandlerConfig{
		PreregisteredClient:      &oauthex.ClientCredentials{ClientID: connectorID, ClientSecretAuth: &oauthex.ClientSecretAuth{ClientSecret: connectorSecret}},
		RedirectURL:              connectorRedirect,
		AuthorizationCodeFetcher: fetch,
		AcceptUnadvertisedIss:    true,
	})
	if err != nil {
		t.Fatal(err)
	}
	return connectSDK(ctx, &sdk.StreamableClientTransport{Endpoint: base + "/mcp", OAuthHandler: h, MaxRetries: -1}, "2025-11-25")
}

// TestHostedOAuth: connectors sign in with OAuth. A real client signs in
// through a real authorization server and calls tools as the tenant its
// token names; the audit log names the token's subject; an expired token,
// a token for another resource and a token of an unknown tenant get 401
// with a challenge that points to the resource metadata; tenant A's
// token never reaches tenant B.
func TestHostedOAuth(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	resource := base + "/mcp"
	issuer, as := startAS(t, map[string]asClient{
		connectorID: {secret: connectorSecret, subject: connectorUser, tenant: "a", audience: []string{resource}, lifetime: time.Hour},
		"agent-a":   {secret: "secret-a-0123456789", subject: "alice", tenant: "a", audience: []string{resource}, lifetime: time.Hour},
		"agent-b":   {secret: "secret-b-0123456789", subject: "bob", tenant: "b", audience: []string{resource}, lifetime: time.Hour},
		"expired":   {secret: "secret-x-0123456789", subject: "xavier", tenant: "a", audience: []string{resource}, lifetime: -10 * time.Minute},
		"elsewhere": {secret: "secret-e-0123456789", subject: "eve", tenant: "a", audience: []string{"https://other.example/mcp"}, lifetime: time.Hour},
		"reader":    {secret: "secret-r-0123456789", subject: "rita", tenant: "a", audience: []string{resource}, lifetime: time.Hour, scopes: []string{"onoffice.read"}},
		"stranger":  {secret: "secret-s-0123456789", subject: "sam", tenant: "c", audience: []string{resource}, lifetime: time.Hour},
	})
	sbA, urlA := newSandbox(t, "", "")
	sbB, urlB := newSandbox(t, apiTokB, apiSecB)
	file := writeTenants(t, map[string]any{"tenants": []any{
		map[string]any{"name": "a", "bearer_tokens": []any{tokenA}, "api_url": urlA, "confirm": "writes",
			"onoffice_token": sandbox.DemoToken, "onoffice_secret": sandbox.DemoSecret},
		map[string]any{"name": "b", "bearer_tokens": []any{tokenB}, "api_url": urlB,
			"onoffice_token": apiTokB, "onoffice_secret": apiSecB},
	}})
	env := map[string]string{"ONOFFICE_CONFIRM_KEY": "shared-confirmation-key-0123456789abcdef"}
	cfg, err := config.Load([]string{"--transport=http", "--addr=" + ln.Addr().String(), "--tenants=" + file,
		"--oauth-issuer=" + issuer, "--oauth-resource=" + resource}, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	h := serveHostedOn(t, cfg, ln)
	ctx := testCtx(t)

	t.Run("resource metadata", func(t *testing.T) {
		resp, err := http.Get(base + "/.well-known/oauth-protected-resource/mcp")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m struct {
			Resource             string   `json:"resource"`
			AuthorizationServers []string `json:"authorization_servers"`
			Scopes               []string `json:"scopes_supported"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&m); err != nil || m.Resource != resource || len(m.AuthorizationServers) != 1 || m.AuthorizationServers[0] != issuer || len(m.Scopes) == 0 {
			t.Errorf("metadata: %+v %v", m, err)
		}
	})

	t.Run("readiness checks the identity provider's keys", func(t *testing.T) {
		if code, m := readyz(t, base); code != 200 || m["identity_provider"] != "ok" {
			t.Errorf("readyz: %d %v", code, m)
		}
	})

	t.Run("a person signs in through the connector", func(t *testing.T) {
		id, title := firstEstate(t, sbA)
		p, err := signInPeer(ctx, t, base)
		if err != nil {
			t.Fatal(err)
		}
		defer p.close()
		if text, isErr, err := p.call(ctx, "estate_read", map[string]any{"id": id, "data": []string{"objekttitel"}}); err != nil || isErr || !strings.Contains(text, title) {
			t.Fatalf("read as tenant a: %q %v %v", text, isErr, err)
		}
		if n := as.logins.Load(); n != 1 {
			t.Errorf("%d sign-ins at the login page, want 1", n)
		}
	})

	t.Run("sign-in and tool call", func(t *testing.T) {
		id, title := firstEstate(t, sbA)
		p, err := oauthPeer(ctx, t, base, "agent-a", "secret-a-0123456789")
		if err != nil {
			t.Fatal(err)
		}
		defer p.close()
		if text, isErr, err := p.call(ctx, "estate_read", map[string]any{"id": id, "data": []string{"objekttitel"}}); err != nil || isErr || !strings.Contains(text, title) {
			t.Fatalf("read as tenant a: %q %v %v", text, isErr, err)
		}
		args := map[string]any{"id": id, "data": map[string]any{"objekttitel": "Signed in"}}
		text, _, err := p.call(ctx, "estate_modify", args)
		m := tokenInText.FindStringSubmatch(text)
		if err != nil || m == nil {
			t.Fatalf("preview: %q %v", text, err)
		}
		args["confirmation_token"] = m[1]
		if text, isErr, err := p.call(ctx, "estate_modify", args); err != nil || isErr {
			t.Fatalf("confirmed write: %q %v %v", text, isErr, err)
		}
		if !strings.Contains(h.Audit.String(), `oauth:alice`) {
			t.Errorf("the audit line does not name the subject: %s", h.Audit.String())
		}
	})

	t.Run("a token without the write scope only reads", func(t *testing.T) {
		id, title := firstEstate(t, sbA)
		before := modifies(sbA)
		p, err := oauthPeer(ctx, t, base, "reader", "secret-r-0123456789")
		if err != nil {
			t.Fatal(err)
		}
		defer p.close()
		if text, isErr, err := p.call(ctx, "estate_read", map[string]any{"id": id, "data": []string{"objekttitel"}}); err != nil || isErr || !strings.Contains(text, title) {
			t.Errorf("read: %q %v %v", text, isErr, err)
		}
		// The list offers only what the sign-in may do: no write tool, and
		// the catalogue of the other tools names no write either.
		names, err := p.tools(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if tl, ok := tools.Get(n); ok && tl.Effect != tools.EffectRead {
				t.Errorf("a read-only sign-in is offered %s (%s)", n, tl.Effect)
			}
		}
		if !slices.Contains(names, "estate_read") || !slices.Contains(names, tools.RunToolName) {
			t.Errorf("reads missing from the list of a read-only sign-in: %v", names)
		}
		catalogue, _, err := p.call(ctx, tools.CatalogueToolName, map[string]any{})
		if err != nil || strings.Contains(catalogue, "estate_create") || !strings.Contains(catalogue, "estate_file_list") {
			t.Errorf("catalogue of a read-only sign-in: %v\n%s", err, catalogue)
		}
		// A write named anyway is refused: unknown to the list, and with
		// the reason through tool_run.
		if text, isErr, err := p.call(ctx, "estate_modify", map[string]any{"id": id, "data": map[string]any{"objekttitel": "x"}}); err == nil && !isErr {
			t.Errorf("direct write accepted: %q", text)
		}
		text, isErr, err := p.call(ctx, tools.RunToolName, map[string]any{"name": "estate_modify", "arguments": map[string]any{"id": id, "data": map[string]any{"objekttitel": "x"}}})
		if err != nil || !isErr || !strings.Contains(text, "may only read") || strings.Contains(text, "confirmation_token") {
			t.Errorf("write through tool_run: %q %v %v", text, isErr, err)
		}
		if n := modifies(sbA) - before; n != 0 {
			t.Errorf("%d writes by a read-only sign-in", n)
		}
	})

	t.Run("the identity provider rotates its key", func(t *testing.T) {
		initialize := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`
		old := oauthToken(t, issuer, "agent-a", "secret-a-0123456789")
		resp := rawPost(ctx, t, base, old, "", initialize)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("before the rotation: %d", resp.StatusCode)
		}
		as.rotate(t)
		for _, tc := range []struct {
			name, token string
			want        int
		}{{"new key", oauthToken(t, issuer, "agent-a", "secret-a-0123456789"), 200}, {"retired key", old, 401}} {
			resp := rawPost(ctx, t, base, tc.token, "", initialize)
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("token signed with the %s: %d, want %d", tc.name, resp.StatusCode, tc.want)
			}
		}
	})

	t.Run("token attacks get 401", func(t *testing.T) {
		for _, tc := range []struct{ name, client, secret string }{
			{"expired", "expired", "secret-x-0123456789"},
			{"wrong audience", "elsewhere", "secret-e-0123456789"},
			{"unknown tenant", "stranger", "secret-s-0123456789"},
		} {
			tok := oauthToken(t, issuer, tc.client, tc.secret)
			resp := rawPost(ctx, t, base, tok, "", `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`)
			resp.Body.Close()
			if ch := resp.Header.Get("WWW-Authenticate"); resp.StatusCode != 401 || !strings.Contains(ch, `resource_metadata="`+base+`/.well-known/oauth-protected-resource/mcp"`) {
				t.Errorf("%s: %d %q", tc.name, resp.StatusCode, ch)
			}
			if _, err := oauthPeer(ctx, t, base, tc.client, tc.secret); err == nil {
				t.Errorf("%s: the SDK client connected", tc.name)
			}
		}
	})

	t.Run("tenant A cannot reach tenant B", func(t *testing.T) {
		tokA := oauthToken(t, issuer, "agent-a", "secret-a-0123456789")
		before := len(sbB.Requests())
		sidB := rawSession(ctx, t, base, oauthToken(t, issuer, "agent-b", "secret-b-0123456789"))
		idB, _ := firstEstate(t, sbB)
		read := `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"estate_read","arguments":{"id":` + jsonInt(idB) + `}}}`
		resp := rawPost(ctx, t, base, tokA, sidB, read)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("tenant a's token on tenant b's session: %d, want 404", resp.StatusCode)
		}
		if n := len(sbB.Requests()) - before; n != 0 {
			t.Errorf("tenant b's onOffice got %d requests", n)
		}
	})
}

func jsonInt(n int) string { b, _ := json.Marshal(n); return string(b) }

// readyz returns the status and answer of /readyz.
func readyz(t *testing.T, base string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

// TestHostedOAuthIdentityProviderDown: the server starts without its
// identity provider; readiness says degraded; OAuth callers get 401 and
// bearer tokens go on working.
func TestHostedOAuthIdentityProviderDown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	issuer := "http://" + ln.Addr().String()
	_ = ln.Close() // nobody answers there
	_, apiURL := newSandbox(t, "", "")
	h := startHosted(t, demoEnv(apiURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA), "--oauth-issuer="+issuer, "--oauth-resource=http://127.0.0.1/mcp")
	if code, m := readyz(t, h.URL); code != 200 || m["status"] != "degraded" || m["identity_provider"] != "unreachable" {
		t.Errorf("readyz: %d %v", code, m)
	}
	ctx := testCtx(t)
	resp := rawPost(ctx, t, h.URL, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "", `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`)
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("JWT with the identity provider down: %d", resp.StatusCode)
	}
	rawSession(ctx, t, h.URL, tokenA) // fails the test unless the bearer token works
}
