package hosting

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"time"
)

// Time spent waiting for onOffice, per request.
//
// The onOffice client's HTTP transport adds the duration of every request
// it sends on behalf of a hosted request's context to that request's
// Info.Upstream (until the answer's body is closed). The access and tool
// log lines then show how much of a request's time was onOffice's and how
// much our own.

// TimedTransport adds each request's duration to the Info of its context.
type TimedTransport struct{ Next http.RoundTripper }

// RoundTrip implements http.RoundTripper.
func (t TimedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	info, ok := r.Context().Value(infoKey{}).(*Info)
	if !ok {
		return t.Next.RoundTrip(r)
	}
	start := time.Now()
	resp, err := t.Next.RoundTrip(r)
	if err != nil || resp.Body == nil {
		info.Upstream.Add(int64(time.Since(start)))
		return resp, err
	}
	resp.Body = &timedBody{ReadCloser: resp.Body, start: start, acc: &info.Upstream}
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

// Upstream returns the onOffice time accumulator of a hosted request's
// context, nil outside of one.
func Upstream(ctx context.Context) *atomic.Int64 {
	if info, ok := ctx.Value(infoKey{}).(*Info); ok {
		return &info.Upstream
	}
	return nil
}
