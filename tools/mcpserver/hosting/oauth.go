package hosting

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
)

// PathResourceMetadata is where a client finds the OAuth Protected
// Resource Metadata (RFC 9728) of this server.
const PathResourceMetadata = "/.well-known/oauth-protected-resource"

// OAuth makes the server an OAuth 2.1 resource server: it accepts JWT
// access tokens of one issuer, checked against the issuer's keys
// (discovered from its metadata, cached, refetched when a token names an
// unknown key, so key rotation needs no restart), with issuer, expiry and
// audience (one of Resources, RFC 8707) checked.
type OAuth struct {
	Issuer string
	// Resources are the URLs a token's audience must name one of; the
	// first is the resource the metadata advertises.
	Resources []string
	// Scopes are advertised in the metadata.
	Scopes []string
	// WriteScope, when set, is the scope a token needs to change data;
	// a token without it may only read.
	WriteScope string
	// TenantClaim names the claim that holds the caller's tenant; empty
	// puts every caller into DefaultTenant.
	TenantClaim   string
	DefaultTenant string
	// Known reports whether a tenant exists; a token for another is refused.
	Known func(tenant string) bool
	// MetadataURL is the absolute URL of the metadata, for the challenge.
	MetadataURL string
	// Client fetches the issuer's metadata and keys.
	Client *http.Client

	mu       sync.Mutex
	verifier *oidc.IDTokenVerifier
	jwksURL  string
	readyAt  time.Time
	readyErr error
}

// How long a readiness result of the identity provider is reused, so
// that frequent probes do not hit it.
const (
	keysFresh   = 30 * time.Second
	noKeysFresh = 5 * time.Second
)

// Authenticate implements Authenticator for JWT access tokens.
func (o *OAuth) Authenticate(r *http.Request) (Caller, error) {
	token, err := bearerToken(r)
	if err != nil {
		return Caller{}, err
	}
	v, err := o.verifierFor(r.Context())
	if err != nil {
		return Caller{}, fmt.Errorf("%w: the identity provider's keys are not available", ErrInvalid)
	}
	tok, err := v.Verify(r.Context(), token)
	if err != nil {
		return Caller{}, ErrInvalid
	}
	if !slices.ContainsFunc(tok.Audience, func(a string) bool { return slices.Contains(o.Resources, a) }) {
		return Caller{}, fmt.Errorf("%w: issued for another resource", ErrInvalid)
	}
	if tok.Subject == "" {
		return Caller{}, fmt.Errorf("%w: no subject", ErrInvalid)
	}
	var claims map[string]any
	if err := tok.Claims(&claims); err != nil {
		return Caller{}, ErrInvalid
	}
	tenant := o.DefaultTenant
	if o.TenantClaim != "" {
		tenant, _ = claims[o.TenantClaim].(string)
	}
	if tenant == "" || (o.Known != nil && !o.Known(tenant)) {
		return Caller{}, fmt.Errorf("%w: no known tenant in claim %q", ErrInvalid, o.TenantClaim)
	}
	// The subject, not the token, identifies the caller: sessions and
	// confirmation answers stay bound across token refresh.
	readOnly := o.WriteScope != "" && !slices.Contains(scopes(claims), o.WriteScope)
	return Caller{Tenant: tenant, Subject: "oauth:" + tok.Subject, ReadOnly: readOnly}, nil
}

// scopes reads the granted scopes: "scope" as a space-separated string
// (RFC 9068) or "scp" as a list (some providers).
func scopes(claims map[string]any) []string {
	if s, ok := claims["scope"].(string); ok {
		return strings.Fields(s)
	}
	var out []string
	if list, ok := claims["scp"].([]any); ok {
		for _, v := range list {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// ChallengeParams point the client to the resource metadata (RFC 9728).
func (o *OAuth) ChallengeParams() string {
	return `resource_metadata="` + o.MetadataURL + `"`
}

// verifierFor discovers the issuer once it answers; until then every
// request retries, so the server can start before its identity provider.
func (o *OAuth) verifierFor(ctx context.Context) (*oidc.IDTokenVerifier, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.verifier != nil {
		return o.verifier, nil
	}
	// The key set keeps the context for its later fetches: it must not be
	// the request's.
	base := oidc.ClientContext(context.Background(), o.client())
	dctx, cancel := context.WithTimeout(base, 10*time.Second)
	defer cancel()
	p, err := oidc.NewProvider(oidc.ClientContext(dctx, o.client()), o.Issuer)
	if err != nil {
		return nil, fmt.Errorf("identity provider %s: %w", o.Issuer, err)
	}
	var meta struct {
		JWKS string `json:"jwks_uri"`
	}
	_ = p.Claims(&meta)
	keys := oidc.NewRemoteKeySet(base, meta.JWKS)
	// The client id check is for ID tokens; access tokens are checked
	// against the resources in Authenticate.
	o.verifier = oidc.NewVerifier(o.Issuer, keys, &oidc.Config{SkipClientIDCheck: true})
	o.jwksURL = meta.JWKS
	return o.verifier, nil
}

func (o *OAuth) client() *http.Client {
	if o.Client != nil {
		return o.Client
	}
	return &http.Client{Timeout: 10 * time.Second}
}

// Ready checks that the identity provider's metadata and keys can be
// fetched, for readiness; results are reused briefly.
func (o *OAuth) Ready(ctx context.Context) error {
	o.mu.Lock()
	fresh := keysFresh
	if o.readyErr != nil {
		fresh = noKeysFresh
	}
	if !o.readyAt.IsZero() && time.Since(o.readyAt) < fresh {
		err := o.readyErr
		o.mu.Unlock()
		return err
	}
	o.mu.Unlock()
	err := o.fetchKeys(ctx)
	o.mu.Lock()
	o.readyAt, o.readyErr = time.Now(), err
	o.mu.Unlock()
	return err
}

func (o *OAuth) fetchKeys(ctx context.Context) error {
	if _, err := o.verifierFor(ctx); err != nil {
		return err
	}
	o.mu.Lock()
	url := o.jwksURL
	o.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := o.client().Do(req)
	if err != nil {
		return fmt.Errorf("identity provider keys: %w", err)
	}
	defer resp.Body.Close()
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&set) != nil || len(set.Keys) == 0 {
		return errors.New("identity provider keys: no key set at " + url)
	}
	return nil
}

// Metadata serves the Protected Resource Metadata (RFC 9728).
func (o *OAuth) Metadata(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "max-age=300")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"resource":                 o.Resources[0],
		"authorization_servers":    []string{o.Issuer},
		"scopes_supported":         o.Scopes,
		"bearer_methods_supported": []string{"header"},
		"resource_name":            "onOffice MCP server",
	})
}

// bearerToken reads the Authorization header.
func bearerToken(r *http.Request) (string, error) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", ErrNoCredentials
	}
	token = strings.TrimSpace(token)
	if token == "" {
		return "", ErrNoCredentials
	}
	if len(token) > maxTokenLen {
		return "", ErrInvalid
	}
	return token, nil
}

// Either tries static bearer tokens first, then OAuth access tokens.
type Either struct {
	Static *BearerTokens
	OAuth  *OAuth
}

// Authenticate implements Authenticator.
func (e Either) Authenticate(r *http.Request) (Caller, error) {
	if c, err := e.Static.Authenticate(r); err == nil || errors.Is(err, ErrNoCredentials) {
		return c, err
	}
	return e.OAuth.Authenticate(r)
}

// ChallengeParams: see OAuth.ChallengeParams.
func (e Either) ChallengeParams() string { return e.OAuth.ChallengeParams() }
