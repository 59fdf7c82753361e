package guard

import (
	"context"
	"sync"
	"time"
)

// UsedStore remembers spent tokens so that each one runs at most one action.
//
// The token check itself is stateless (signature, tool, arguments, expiry),
// so replicas that share the key verify each other's tokens. Single use is
// the one piece of shared state: replicas behind a load balancer need a
// store they all reach (package redisstore: Redis `SET key 1 NX PXAT expiry`); with
// a per-process MemoryStore a token could be replayed once on each replica
// until it expires.
type UsedStore interface {
	// MarkUsed records id as spent until the token expires. fresh is false
	// when id was spent before; an error means nothing may run.
	MarkUsed(ctx context.Context, id string, expires time.Time) (fresh bool, err error)
}

// MemoryStore is a UsedStore for one process.
type MemoryStore struct {
	mu        sync.Mutex
	used      map[string]time.Time
	now       func() time.Time
	lastPurge time.Time
}

// NewMemoryStore returns an empty store; now may be nil for the wall clock.
func NewMemoryStore(now func() time.Time) *MemoryStore {
	if now == nil {
		now = time.Now
	}
	return &MemoryStore{used: map[string]time.Time{}, now: now}
}

// MarkUsed implements UsedStore.
func (m *MemoryStore) MarkUsed(_ context.Context, id string, expires time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if now.Sub(m.lastPurge) > time.Minute || len(m.used) > 4096 {
		// Entries past their token's expiry can go: the expiry check
		// already refuses those tokens.
		for k, exp := range m.used {
			if now.After(exp.Add(time.Minute)) {
				delete(m.used, k)
			}
		}
		m.lastPurge = now
	}
	if _, spent := m.used[id]; spent {
		return false, nil
	}
	m.used[id] = expires
	return true, nil
}

// Len returns the number of remembered tokens (for tests).
func (m *MemoryStore) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.used)
}
