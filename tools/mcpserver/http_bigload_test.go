package mcpserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
)

// bigEstateAnswer is an estate read answer of about size bytes: many
// records with long titles, as a careless listlimit on a real installation
// would bring.
func bigEstateAnswer(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"status":{"code":200,"errorcode":0,"message":"OK"},"response":{"results":[{"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:read","resourceid":"","resourcetype":"estate","identifier":"a1","cacheable":true,"data":{"meta":{"cntabsolute":999999},"records":[`)
	title := strings.Repeat("Helle Wohnung mit Balkon ", 8)
	for i := 0; b.Len() < size-400; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"type":"estate","elements":{"Id":"%d","objekttitel":"%s %d","ort":"Köln","kaufpreis":"389000.00"}}`, i+1, i+1, title, i)
	}
	b.WriteString(`]},"status":{"errorcode":0,"message":"OK"}}]}}`)
	return b.Bytes()
}

// BenchmarkHostedLargeAnswers measures the server's peak memory while four
// calls at once each get an onOffice answer just under the size cap
// (--max-answer-size, 16 MB by default). The server runs as its own process,
// so its resident set size is its own. Goal: under 150 MB.
func BenchmarkHostedLargeAnswers(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("the server's memory is read from /proc")
	}
	big := bigEstateAnswer(onoffice.DefaultMaxAnswer - 1024)
	sb := sandbox.New()
	// The stand-in: the sandbox, except that estate lists come back huge.
	standIn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if bytes.Contains(body, []byte(`"resourcetype":"estate"`)) && bytes.Contains(body, []byte(`"listlimit"`)) {
			_, _ = w.Write(big)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		sb.ServeHTTP(w, r)
	}))
	defer standIn.Close()
	srv := childServer(b, demoEnv(standIn.URL+sandbox.StablePath, "ONOFFICE_MCP_AUTH_TOKENS", tokenA))
	defer srv.stop()
	kind := peerKindsNamed("mcp-go streamable 2025-11-25")[0]
	args := map[string]any{"listlimit": 500, "data": []string{"objekttitel", "ort", "kaufpreis"}}

	var peak uint64
	var calls int
	base, _ := srv.sample()
	for b.Loop() {
		var wg sync.WaitGroup
		var failed atomic.Value
		stop := make(chan struct{})
		var peakNow atomic.Uint64
		go func() {
			t := time.NewTicker(5 * time.Millisecond)
			defer t.Stop()
			for {
				if rss, _ := srv.sample(); rss > peakNow.Load() {
					peakNow.Store(rss)
				}
				select {
				case <-stop:
					return
				case <-t.C:
				}
			}
		}()
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p, err := kind.connect(testCtxB(b), srv.base, &recorder{headers: bearer(tokenA)})
				if err != nil {
					failed.Store(err)
					return
				}
				defer p.close()
				text, isErr, err := p.call(context.Background(), "estate_read", args)
				if err != nil || isErr {
					failed.Store(fmt.Errorf("estate_read: %v %s", err, text))
				}
			}()
		}
		wg.Wait()
		close(stop)
		if err, _ := failed.Load().(error); err != nil {
			b.Fatal(err)
		}
		calls += 4
		peak = max(peak, peakNow.Load())
	}
	_, hwm := srv.sample()
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(mb(base), "rest-rss-MB")
	b.ReportMetric(mb(peak), "peak-rss-MB")
	b.ReportMetric(mb(hwm), "hwm-rss-MB")
	b.Logf("4 concurrent answers of %.1f MB each: server RSS %.1f MB at rest, peak %.1f MB (kernel high-water mark %.1f MB), %d calls",
		mb(uint64(len(big))), mb(base), mb(peak), mb(hwm), calls)
}

var _ = json.Marshal
