package mcpserver

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver/hosting"
)

func TestTenantKeys(t *testing.T) {
	key := config.Secret("shared-confirmation-key-0123456789abcdef")
	a1, a2, b := tenantKey(key, "a"), tenantKey(key, "a"), tenantKey(key, "b")
	if !bytes.Equal(a1, a2) || bytes.Equal(a1, b) || len(a1) != 32 || bytes.Equal(a1, key.Bytes()) {
		t.Errorf("derived keys: a %x a %x b %x", a1, a2, b)
	}
	if tenantKey("", "a") != nil {
		t.Error("no shared key must leave the tenant key random (nil)")
	}
}

func TestSSESessionsExpireWhenIdle(t *testing.T) {
	s := newSSESessions(time.Minute, hosting.NewSessionIDs(nil))
	open := func() (string, context.Context) {
		ctx, cancel := context.WithCancel(context.Background())
		slot := &sseSlot{cancel: cancel}
		id, err := s.generate(context.WithValue(hosting.WithCaller(ctx, hosting.Caller{Tenant: "a"}), sseSlotKey{}, slot), nil)
		if err != nil || *slot.id.Load() != id {
			t.Fatalf("generate: %q %v", id, err)
		}
		return id, ctx
	}
	idle, idleCtx := open()
	busy, busyCtx := open()
	s.touch(busy)
	s.touch("unknown")
	now := time.Now()
	// Backdate the idle one.
	s.mu.Lock()
	s.m[idle].last.Store(now.Add(-2 * time.Minute).UnixNano())
	s.mu.Unlock()
	if n := s.expire(now); n != 1 || idleCtx.Err() == nil || busyCtx.Err() != nil || s.count() != 1 {
		t.Errorf("expire: %d ended, idle err %v, busy err %v, %d left", n, idleCtx.Err(), busyCtx.Err(), s.count())
	}
	if _, err := s.generate(context.Background(), nil); err == nil {
		t.Error("generate without a slot")
	}
	s.closeAll()
	if busyCtx.Err() == nil || s.count() != 0 {
		t.Error("closeAll left a session")
	}
}
