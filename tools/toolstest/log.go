package toolstest

import (
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// LogBuffer collects log output so tests can check it for secrets.
type LogBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *LogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String returns everything logged so far.
func (l *LogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var (
	logsMu sync.Mutex
	logs   = map[testing.TB]*LogBuffer{}
)

// Logger returns a debug logger whose output Logs(t) returns.
func Logger(t testing.TB) *slog.Logger {
	buf := &LogBuffer{}
	logsMu.Lock()
	logs[t] = buf
	logsMu.Unlock()
	t.Cleanup(func() {
		logsMu.Lock()
		delete(logs, t)
		logsMu.Unlock()
	})
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// Logs returns what the server logged in this test.
func Logs(t testing.TB) string {
	logsMu.Lock()
	defer logsMu.Unlock()
	if b := logs[t]; b != nil {
		return b.String()
	}
	return ""
}
