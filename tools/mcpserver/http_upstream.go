package mcpserver

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"time"
)

// Time spent waiting for onOffice, per request.
//
// The hosted server puts an accumulator into each request's context; the
// onOffice client's HTTP transport adds the duration of every request it
// sends on behalf of that context (until the answer's body is closed). The
// access and tool log lines then show how much of a request's time was
// onOffice's and how much our own.

type upstreamKey struct{}

// withUpstreamTimer returns a context that accumulates onOffice time.
func withUpstreamTimer(ctx context.Context) (context.Context, *atomic.Int64) {
	acc := new(atomic.Int64)
	return context.WithValue(ctx, upstreamKey{}, acc), acc
}

func upstreamTimer(ctx context.Context) *atomic.Int64 {
	acc, _ := ctx.Value(upstreamKey{}).(*atomic.Int64)
	return acc
}

// timedTransport adds each request's duration to the context's accumulator.
type timedTransport struct{ next http.RoundTripper }

func (t timedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	acc := upstreamTimer(r.Context())
	if acc == nil {
		return t.next.RoundTrip(r)
	}
	start := time.Now()
	resp, err := t.next.RoundTrip(r)
	if err != nil || resp.Body == nil {
		acc.Add(int64(time.Since(start)))
		return resp, err
	}
	resp.Body = &timedBody{ReadCloser: resp.Body, start: start, acc: acc}
	return resp, nil
}

type timedBody struct {
	io.ReadCloser
	start time.Time
	acc   *atomic.Int64
	done  atomic.Bool
}

func (b *timedBody) Close() error {
	if b.done.CompareAndSwap(false, true) {
		b.acc.Add(int64(time.Since(b.start)))
	}
	return b.ReadCloser.Close()
}
