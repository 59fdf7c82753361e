package hosting

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/internal/lazyre"
)

// RequestIDs makes request ids: a random prefix per process and a counter.
type RequestIDs struct {
	prefix string
	seq    atomic.Uint64
}

// NewRequestIDs returns a request id source with a fresh random prefix.
func NewRequestIDs() *RequestIDs { return &RequestIDs{prefix: RandomHex(4)} }

// validRequestID is compiled on first use, by the hosted mode only.
var validRequestID = lazyre.New(`^[A-Za-z0-9._:-]{1,64}$`)

// of takes a well-formed X-Request-Id from a proxy or makes one.
func (ids *RequestIDs) of(r *http.Request) string {
	if id := r.Header.Get("X-Request-Id"); validRequestID().MatchString(id) {
		return id
	}
	return ids.prefix + "-" + strconv.FormatUint(ids.seq.Add(1), 36)
}

// AccessLog gives each request an id (answered in X-Request-Id) and an
// Info, and writes one structured line per request when it is done: at
// INFO for MCP requests (Info.Logged), DEBUG for the rest, WARN when a
// check refused it. Never headers, bodies or query strings, so no token
// and no credential can reach the log.
func AccessLog(log *slog.Logger, ids *RequestIDs) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			info := &Info{ID: ids.of(r)}
			sw := &statusWriter{ResponseWriter: w}
			sw.Header().Set("X-Request-Id", info.ID)
			ctx := withInfo(r.Context(), info)
			next.ServeHTTP(sw, r.WithContext(ctx))

			level := slog.LevelDebug
			switch {
			case info.Refused != "":
				level = slog.LevelWarn
			case info.Logged:
				level = slog.LevelInfo
			}
			if !log.Enabled(ctx, level) {
				return
			}
			attrs := []slog.Attr{
				slog.String("request_id", info.ID),
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", sw.code()),
				slog.Float64("duration_ms", Millis(time.Since(start))),
				slog.String("remote", r.RemoteAddr),
			}
			if up := info.Upstream.Load(); up > 0 {
				attrs = append(attrs, slog.Float64("onoffice_ms", Millis(time.Duration(up))))
			}
			for _, kv := range [][2]string{{"tenant", info.Tenant}, {"rpc", info.RPC}, {"tool", info.Tool}, {"session", info.Session}, {"refused", info.Refused}} {
				if kv[1] != "" {
					attrs = append(attrs, slog.String(kv[0], kv[1]))
				}
			}
			log.LogAttrs(ctx, level, "http request", attrs...)
		})
	}
}

// Millis is a duration in milliseconds, for log lines.
func Millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// RandomHex returns n random bytes in hex.
func RandomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// statusWriter remembers the status code; it passes Flush on (SSE needs
// it) and unwraps for http.ResponseController.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		if w.status == 0 {
			w.status = http.StatusOK
		}
		f.Flush()
	}
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}
