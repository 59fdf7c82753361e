// Package redact is the one place that keeps credentials out of every
// string that leaves the process. Whoever reads a credential (the onOffice
// client its token and secret, the configuration the bearer tokens, the
// confirmation key and passwords in URLs) registers it once; tool results,
// tool errors, log lines, audit lines and health answers pass through
// String before they are written. URL userinfo is removed whatever its
// value, so a proxy password in an endpoint URL never shows.
package redact

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// Mark replaces a credential in output.
const Mark = "[redacted]"

// minLen is the shortest value registered: redacting a two-letter password
// everywhere would garble every text and protect nothing.
const minLen = 4

var (
	mu      sync.RWMutex
	secrets = map[string]bool{}
	// replacer is rebuilt on Register; nil while nothing is registered.
	replacer *strings.Replacer
)

// Register adds credentials to redact from now on. Empty and very short
// values are ignored. It is safe for concurrent use.
func Register(values ...string) {
	mu.Lock()
	defer mu.Unlock()
	added := false
	for _, v := range values {
		if len(v) < minLen || secrets[v] {
			continue
		}
		secrets[v] = true
		added = true
	}
	if !added {
		return
	}
	// Longer values first, so a secret that contains another is replaced whole.
	list := make([]string, 0, len(secrets))
	for v := range secrets {
		list = append(list, v)
	}
	sortByLenDesc(list)
	pairs := make([]string, 0, 2*len(list))
	for _, v := range list {
		pairs = append(pairs, v, Mark)
	}
	replacer = strings.NewReplacer(pairs...)
}

func sortByLenDesc(list []string) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && len(list[j]) > len(list[j-1]); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

// userinfo matches the user[:password]@ part of URLs inside any text.
var userinfo = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.\-]*://)[^/?#@\s"'<>]*@`)

// String returns s without registered credentials and without URL userinfo.
func String(s string) string {
	if strings.Contains(s, "@") {
		s = userinfo.ReplaceAllString(s, "$1")
	}
	mu.RLock()
	r := replacer
	mu.RUnlock()
	if r == nil {
		return s
	}
	return r.Replace(s)
}

// Contains reports whether s holds a registered credential (for tests and checks).
func Contains(s string) bool { return String(s) != s }

// URL returns raw without its userinfo, for messages about an endpoint.
// A value that does not parse is cleaned by pattern.
func URL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return String(raw)
	}
	u.User = nil
	return String(u.String())
}

// RegisterURL registers the password of a URL's userinfo.
func RegisterURL(raw string) {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return
	}
	if p, ok := u.User.Password(); ok {
		Register(p)
	}
}

// Writer returns w with every write redacted. Each Write must hold whole
// lines (log and audit lines are written in one call).
func Writer(w io.Writer) io.Writer { return writer{w} }

type writer struct{ w io.Writer }

func (r writer) Write(p []byte) (int, error) {
	s := String(string(p))
	if _, err := io.WriteString(r.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Logger returns l with a handler that redacts the message and every
// attribute. A logger already redacting is returned as is.
func Logger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return nil
	}
	if _, ok := l.Handler().(handler); ok {
		return l
	}
	return slog.New(handler{l.Handler()})
}

type handler struct{ next slog.Handler }

func (h handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h handler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, String(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h handler) WithAttrs(as []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(as))
	for i, a := range as {
		clean[i] = attr(a)
	}
	return handler{h.next.WithAttrs(clean)}
}

func (h handler) WithGroup(name string) slog.Handler { return handler{h.next.WithGroup(name)} }

func attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, String(v.String()))
	case slog.KindGroup:
		g := v.Group()
		clean := make([]any, len(g))
		for i, x := range g {
			clean[i] = attr(x)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.String(a.Key, String(x.Error()))
		case fmt.Stringer:
			return slog.String(a.Key, String(x.String()))
		default:
			if s := fmt.Sprint(x); String(s) != s {
				return slog.String(a.Key, String(s))
			}
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
