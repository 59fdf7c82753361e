package config

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
)

// OAuthConfig makes the hosted mode an OAuth resource server, for the
// assistants that add MCP servers as connectors and sign in with OAuth.
type OAuthConfig struct {
	// Issuer is the identity provider whose JWT access tokens are
	// accepted; empty disables OAuth.
	Issuer string
	// Resources are this server's URLs (the /mcp endpoint as clients reach
	// it); a token's audience must name one. The first is advertised.
	Resources []string
	// TenantClaim names the token claim that holds the tenant (with a
	// tenants file).
	TenantClaim string
	// Scopes are advertised in the resource metadata.
	Scopes []string
	// WriteScope, when set, is the scope a token needs to change data.
	WriteScope string

	resources, scopes string
}

// Enabled reports whether OAuth access tokens are accepted.
func (o *OAuthConfig) Enabled() bool { return o.Issuer != "" }

func (o *OAuthConfig) register(fs *flag.FlagSet, e *envReader) {
	fs.StringVar(&o.Issuer, "oauth-issuer", e.str("ONOFFICE_MCP_OAUTH_ISSUER", ""),
		"http: accept OAuth (JWT) access tokens of this identity provider (issuer URL; its keys come from its metadata) [ONOFFICE_MCP_OAUTH_ISSUER]")
	fs.StringVar(&o.resources, "oauth-resource", e.str("ONOFFICE_MCP_OAUTH_RESOURCE", ""),
		"http: with --oauth-issuer, this server's public /mcp URL(s), comma-separated; a token must be issued for one of them [ONOFFICE_MCP_OAUTH_RESOURCE]")
	fs.StringVar(&o.TenantClaim, "oauth-tenant-claim", e.str("ONOFFICE_MCP_OAUTH_TENANT_CLAIM", "tenant"),
		"http: with --oauth-issuer and a tenants file, the token claim that names the tenant [ONOFFICE_MCP_OAUTH_TENANT_CLAIM]")
	fs.StringVar(&o.scopes, "oauth-scopes", e.str("ONOFFICE_MCP_OAUTH_SCOPES", "onoffice.read,onoffice.write"),
		"http: with --oauth-issuer, the scopes clients ask for, comma-separated [ONOFFICE_MCP_OAUTH_SCOPES]")
	fs.StringVar(&o.WriteScope, "oauth-write-scope", e.str("ONOFFICE_MCP_OAUTH_WRITE_SCOPE", "onoffice.write"),
		"http: with --oauth-issuer, the scope a token needs to change data; without it the caller may only read; empty: every token may write as the tenant's policy allows [ONOFFICE_MCP_OAUTH_WRITE_SCOPE]")
}

func (o *OAuthConfig) check() error {
	o.Resources, o.Scopes = list(o.resources), list(o.scopes)
	if o.Issuer == "" {
		if len(o.Resources) > 0 {
			return errors.New("--oauth-resource needs --oauth-issuer")
		}
		return nil
	}
	var errs []error
	if err := checkOAuthURL("oauth issuer", o.Issuer); err != nil {
		errs = append(errs, err)
	}
	if len(o.Resources) == 0 {
		errs = append(errs, errors.New("--oauth-issuer needs --oauth-resource: the public URL of /mcp, e.g. https://mcp.example.com/mcp"))
	}
	for _, r := range o.Resources {
		if err := checkOAuthURL("oauth resource", r); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// checkOAuthURL accepts https URLs, and http on loopback (tests, a local
// identity provider).
func checkOAuthURL(what, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.Fragment != "" {
		return fmt.Errorf("invalid %s %q: an absolute https URL without credentials is expected", what, raw)
	}
	if u.Scheme != "https" && !(u.Scheme == "http" && IsLoopbackHost(u.Hostname())) {
		return fmt.Errorf("invalid %s %q: https is required (http only on loopback)", what, raw)
	}
	return nil
}
