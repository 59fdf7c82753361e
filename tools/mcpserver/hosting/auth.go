package hosting

import (
	"context"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net/http"

	"github.com/onoffice-mcp/onoffice-mcp/config"
)

// Caller is who sent a request, as authentication established it.
type Caller struct {
	// Tenant names the agency whose data and policy the request uses.
	Tenant string
	// Subject tells callers of one tenant apart; sessions and answers to
	// confirmation prompts are bound to it. For a bearer token it is
	// derived from the token's hash; an OAuth middleware sets the token's
	// subject, so that it survives token refresh. Empty when the server
	// runs without authentication (everyone is the same caller).
	Subject string
	// ReadOnly callers may only read: an OAuth token without the write
	// scope. Bearer tokens get the tenant's policy.
	ReadOnly bool
}

type callerKey struct{}

// WithCaller returns a context that carries the caller.
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// CallerFrom returns the caller of an authenticated request.
func CallerFrom(ctx context.Context) (Caller, bool) {
	c, ok := ctx.Value(callerKey{}).(Caller)
	return c, ok
}

// Authentication failures; their text is what the access log says.
var (
	ErrNoCredentials = errors.New("missing")
	ErrInvalid       = errors.New("invalid")
)

// Authenticator establishes the caller of a request, or fails with
// ErrNoCredentials or ErrInvalid.
type Authenticator interface {
	Authenticate(r *http.Request) (Caller, error)
}

// Authenticate puts the request's Caller into its context, or answers 401
// with the challenge RFC 6750 describes.
func Authenticate(a Authenticator) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c, err := a.Authenticate(r)
			if err != nil {
				InfoFrom(r.Context()).Refused = "auth: " + err.Error()
				extra := ""
				if ch, ok := a.(challenger); ok {
					extra = ch.ChallengeParams()
				}
				unauthorized(w, err, extra)
				return
			}
			InfoFrom(r.Context()).Tenant = c.Tenant
			next.ServeHTTP(w, r.WithContext(WithCaller(r.Context(), c)))
		})
	}
}

// realm names the protected resource in WWW-Authenticate.
const realm = "onoffice-mcp"

// challenger adds parameters to the 401 challenge (OAuth: where the
// resource metadata is).
type challenger interface{ ChallengeParams() string }

func unauthorized(w http.ResponseWriter, err error, extra string) {
	challenge := `Bearer realm="` + realm + `"`
	if extra != "" {
		challenge += ", " + extra
	}
	msg := "Unauthorized: send the header Authorization: Bearer <token>"
	if errors.Is(err, ErrInvalid) {
		challenge += `, error="invalid_token", error_description="the bearer token is not valid"`
		msg = "Unauthorized: the bearer token is not valid"
	}
	w.Header().Set("WWW-Authenticate", challenge)
	http.Error(w, msg, http.StatusUnauthorized)
}

// Open is the Authenticator of a server without authentication: every
// request is the one anonymous caller of the tenant.
type Open string

// Authenticate implements Authenticator.
func (o Open) Authenticate(*http.Request) (Caller, error) { return Caller{Tenant: string(o)}, nil }

// maxTokenLen bounds the bearer token we hash.
const maxTokenLen = 4096

// BearerTokens maps static bearer tokens (by SHA-256 hash) to tenants.
type BearerTokens struct {
	hashes []config.TokenHash
	owners []string
}

// Add accepts the token with hash h for tenant.
func (b *BearerTokens) Add(h config.TokenHash, tenant string) {
	b.hashes = append(b.hashes, h)
	b.owners = append(b.owners, tenant)
}

// Authenticate implements Authenticator with the Authorization header.
func (b *BearerTokens) Authenticate(r *http.Request) (Caller, error) {
	token, err := bearerToken(r)
	if err != nil {
		return Caller{}, err
	}
	if c, ok := b.lookup(token); ok {
		return c, nil
	}
	return Caller{}, ErrInvalid
}

// lookup compares the token's hash with every known hash in constant time,
// without stopping at a match, so timing tells nothing about which (or
// how much of a) token matched. The subject is a prefix of the hash: it
// tells the tokens of one tenant apart without being a credential.
func (b *BearerTokens) lookup(token string) (Caller, bool) {
	h := config.HashToken(token)
	found := -1
	for i := range b.hashes {
		if subtle.ConstantTimeCompare(h[:], b.hashes[i][:]) == 1 {
			found = i
		}
	}
	if found < 0 {
		return Caller{}, false
	}
	return Caller{Tenant: b.owners[found], Subject: "token:" + hex.EncodeToString(h[:8])}, true
}
