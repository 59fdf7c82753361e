package config

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
)

// Confirmation policies: which tools need a person's approval before they run.
const (
	// ConfirmWrites confirms every write, delete and external effect (the default).
	ConfirmWrites = "writes"
	// ConfirmDestructive confirms deletes and external effects; plain writes run directly.
	ConfirmDestructive = "destructive"
	// ConfirmOff runs everything directly.
	ConfirmOff = "off"
)

// MinConfirmKeyLen is the shortest accepted confirmation key, in bytes.
const MinConfirmKeyLen = 32

// MaxConfirmTTL bounds how long a confirmation token may stay valid.
const MaxConfirmTTL = 24 * time.Hour

// GuardConfig holds the settings of the write guards.
type GuardConfig struct {
	// Confirm is ConfirmWrites, ConfirmDestructive or ConfirmOff.
	Confirm string
	// ConfirmTTL is how long a confirmation token (or a pending user prompt) stays valid.
	ConfirmTTL time.Duration
	// ConfirmKey signs confirmation tokens. Empty means a random key per
	// process: tokens then survive neither a restart nor a hop to another replica.
	ConfirmKey Secret
	// AuditLog is a file that receives the audit lines besides stderr; empty for none.
	AuditLog string
}

// Secret is a credential that never shows up in logs, usage texts or %v output.
type Secret string

// String hides the value.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// GoString hides the value from %#v.
func (s Secret) GoString() string { return `"` + s.String() + `"` }

// LogValue hides the value from slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText hides the value from encoders (JSON, text).
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Bytes returns the secret itself, for the code that uses it.
func (s Secret) Bytes() []byte { return []byte(s) }

func (g *GuardConfig) register(fs *flag.FlagSet, e *envReader) {
	fs.StringVar(&g.Confirm, "confirm", e.str("ONOFFICE_CONFIRM", ConfirmWrites),
		"which tools need the user's confirmation before they run: writes (every write, delete and external effect), destructive (deletes and external effects only) or off [ONOFFICE_CONFIRM]")
	fs.DurationVar(&g.ConfirmTTL, "confirm-ttl", e.duration("ONOFFICE_CONFIRM_TTL", 5*time.Minute),
		"how long a confirmation token stays valid [ONOFFICE_CONFIRM_TTL]")
	// A Func flag shows no default, so the key from the environment never
	// appears in the usage text; the flag, when given, replaces it.
	g.ConfirmKey = Secret(e.get("ONOFFICE_CONFIRM_KEY"))
	fs.Func("confirm-key", fmt.Sprintf("key (at least %d bytes) that signs confirmation tokens; share it between replicas behind a load balancer; random per process when unset. Prefer the environment variable [ONOFFICE_CONFIRM_KEY]", MinConfirmKeyLen),
		func(v string) error { g.ConfirmKey = Secret(v); return nil })
	fs.StringVar(&g.AuditLog, "audit-log", e.str("ONOFFICE_AUDIT_LOG", ""),
		"also append the audit log (one JSON line per executed write, delete or external action) to this file [ONOFFICE_AUDIT_LOG]")
}

func (g *GuardConfig) check() error {
	redact.Register(string(g.ConfirmKey))
	var errs []error
	switch g.Confirm {
	case ConfirmWrites, ConfirmDestructive, ConfirmOff:
	default:
		errs = append(errs, fmt.Errorf("invalid confirm policy %q: one of %s, %s, %s", g.Confirm, ConfirmWrites, ConfirmDestructive, ConfirmOff))
	}
	if g.ConfirmTTL <= 0 || g.ConfirmTTL > MaxConfirmTTL {
		errs = append(errs, fmt.Errorf("invalid confirm TTL %s: more than 0 and at most %s", g.ConfirmTTL, MaxConfirmTTL))
	}
	if g.ConfirmKey != "" && len(g.ConfirmKey) < MinConfirmKeyLen {
		// Never echo the key itself.
		errs = append(errs, fmt.Errorf("invalid confirm key: %d bytes, at least %d are needed (e.g. openssl rand -hex 32)", len(g.ConfirmKey), MinConfirmKeyLen))
	}
	return errors.Join(errs...)
}
