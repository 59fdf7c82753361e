// Package redisstore keeps the state that replicas of the hosted server
// share in Redis: the spent confirmation tokens (guard.UsedStore).
package redisstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
)

// keyPrefix namespaces our keys in a Redis that may serve others too.
const keyPrefix = "onoffice-mcp:spent:"

// timeout bounds one Redis command: a guarded write waits at most this
// long before it is refused because the store cannot be reached.
const timeout = 2 * time.Second

// Store is a guard.UsedStore in Redis.
type Store struct {
	c    *redis.Client
	addr string // host:port, for messages; never the password
}

// Open connects lazily to the Redis of url (redis:// or rediss://); it
// does not fail when Redis is down, only when the URL is malformed.
func Open(url config.Secret) (*Store, error) {
	opt, err := redis.ParseURL(string(url))
	if err != nil {
		// go-redis errors may quote the URL, and with it the password.
		return nil, errors.New("invalid redis URL: expected redis://[:password@]host:port[/db] or rediss://…")
	}
	opt.DialTimeout, opt.ReadTimeout, opt.WriteTimeout = timeout, timeout, timeout
	opt.MaxRetries = 1
	return &Store{c: redis.NewClient(opt), addr: opt.Addr}, nil
}

// MarkUsed implements guard.UsedStore with one atomic SET NX that expires
// a minute after the token does (the expiry check refuses it by then).
func (s *Store) MarkUsed(ctx context.Context, id string, expires time.Time) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	err := s.c.SetArgs(ctx, keyPrefix+id, 1, redis.SetArgs{Mode: "NX", ExpireAt: expires.Add(time.Minute)}).Err()
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, redis.Nil):
		return false, nil
	}
	return false, s.wrap(err)
}

// Ping checks that Redis answers, for readiness.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return s.wrap(s.c.Ping(ctx).Err())
}

// Close releases the connections.
func (s *Store) Close() error { return s.c.Close() }

// wrap names the store; the password (registered by config) never shows.
func (s *Store) wrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("the shared store (Redis at %s) is unreachable: %s", s.addr, redact.String(err.Error()))
}
