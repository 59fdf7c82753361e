package hosting

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Drainer lets a graceful shutdown refuse new requests, wait for running
// calls and then end the open streams.
type Drainer struct {
	draining atomic.Bool
	calls    inflight
	streams  streams
}

// Drain makes Refuse answer 503 from now on.
func (d *Drainer) Drain() { d.draining.Store(true) }

// Draining reports whether Drain was called.
func (d *Drainer) Draining() bool { return d.draining.Load() }

// Begin and End count a running call that Track does not see, such as an
// SSE tool call that runs after its HTTP request was answered.
func (d *Drainer) Begin() { d.calls.begin() }

// End ends a call counted with Begin.
func (d *Drainer) End() { d.calls.end() }

// Running is the number of running calls.
func (d *Drainer) Running() int { return d.calls.count() }

// Streams is the number of open streams.
func (d *Drainer) Streams() int { return d.streams.count() }

// Wait returns when no call runs, or with ctx's error.
func (d *Drainer) Wait(ctx context.Context) error { return d.calls.wait(ctx) }

// EndStreams ends every open stream, and those opened later at once.
func (d *Drainer) EndStreams() { d.streams.cancelAll() }

// Refuse answers 503 while the server shuts down.
func (d *Drainer) Refuse(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if d.draining.Load() {
			w.Header().Set("Connection", "close")
			w.Header().Set("Retry-After", "1")
			http.Error(w, "Service Unavailable: shutting down", http.StatusServiceUnavailable)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Track counts ordinary requests as running calls; streams (GET, and a
// modern client's notification stream, a long-lived POST) are exempt
// from the per-request deadlines instead and end on EndStreams. It comes
// after LimitBody, which notes the JSON-RPC method.
func (d *Drainer) Track(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stream := r.Method == http.MethodGet ||
			(r.Method == http.MethodPost && InfoFrom(r.Context()).RPC == "subscriptions/listen")
		if !stream {
			d.calls.begin()
			defer d.calls.end()
			next.ServeHTTP(w, r)
			return
		}
		rc := http.NewResponseController(w)
		_ = rc.SetReadDeadline(time.Time{})
		_ = rc.SetWriteDeadline(time.Time{})
		ctx, done := d.streams.add(r.Context())
		defer done()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// inflight counts running calls so that shutdown can wait for them.
type inflight struct {
	mu   sync.Mutex
	n    int
	idle chan struct{}
}

func (f *inflight) begin() {
	f.mu.Lock()
	f.n++
	f.mu.Unlock()
}

func (f *inflight) end() {
	f.mu.Lock()
	f.n--
	if f.n == 0 && f.idle != nil {
		close(f.idle)
		f.idle = nil
	}
	f.mu.Unlock()
}

func (f *inflight) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

func (f *inflight) wait(ctx context.Context) error {
	f.mu.Lock()
	if f.n == 0 {
		f.mu.Unlock()
		return nil
	}
	if f.idle == nil {
		f.idle = make(chan struct{})
	}
	ch := f.idle
	f.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// streams are the open long-lived requests (SSE streams, listening
// streams); shutdown ends them once running calls have finished.
type streams struct {
	mu     sync.Mutex
	m      map[*context.CancelFunc]struct{}
	closed bool
}

func (s *streams) add(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		cancel()
		return ctx, func() {}
	}
	if s.m == nil {
		s.m = map[*context.CancelFunc]struct{}{}
	}
	key := &cancel
	s.m[key] = struct{}{}
	return ctx, func() {
		cancel()
		s.mu.Lock()
		delete(s.m, key)
		s.mu.Unlock()
	}
}

func (s *streams) cancelAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for c := range s.m {
		(*c)()
	}
	s.m = nil
}

func (s *streams) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}
