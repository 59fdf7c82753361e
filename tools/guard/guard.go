package guard

import (
	"io"
	"time"
)

// Options configure a Guard.
type Options struct {
	Policy Policy
	// TTL is how long a token or a pending prompt stays valid (default 5 minutes).
	TTL time.Duration
	// Key signs tokens; empty for a random key per process.
	Key []byte
	// Store remembers spent tokens; nil for a per-process MemoryStore.
	Store UsedStore
	// AuditWriter receives the audit lines (stderr in the server); nil for none.
	AuditWriter io.Writer
	// AuditPath is a file the audit lines are appended to as well.
	AuditPath string
	// Now is the clock; nil for the wall clock.
	Now func() time.Time
}

// Guard bundles the confirmation policy, the token signer and the audit log.
type Guard struct {
	Policy Policy
	Tokens *Signer
	Audit  *AuditLog
	// RandomKey is true when the key was generated for this process.
	RandomKey bool
}

// New builds a guard.
func New(o Options) (*Guard, error) {
	p := o.Policy
	if p == "" {
		p = Writes
	}
	if _, err := ParsePolicy(string(p)); err != nil {
		return nil, err
	}
	audit, err := NewAuditLog(o.AuditWriter, o.AuditPath)
	if err != nil {
		return nil, err
	}
	if o.Now != nil {
		audit.now = o.Now
	}
	return &Guard{
		Policy:    p,
		Tokens:    NewSigner(o.Key, o.TTL, o.Store, o.Now),
		Audit:     audit,
		RandomKey: len(o.Key) == 0,
	}, nil
}

// Close releases the audit file.
func (g *Guard) Close() error {
	if g == nil {
		return nil
	}
	return g.Audit.Close()
}
