package guard

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
)

// How an executed action was confirmed.
const (
	// MethodElicitation: the user accepted a prompt the MCP client showed.
	MethodElicitation = "elicitation"
	// MethodToken: the model called again with the token of a preview. The
	// server cannot tell whether a person saw the preview.
	MethodToken = "token"
	// MethodNone: the policy did not ask for a confirmation.
	MethodNone = "none"
)

// Confirmation says who confirmed an action and how.
type Confirmation struct {
	Method string `json:"method"`
	By     string `json:"by"`
	// Client is the MCP client that showed the prompt or relayed the token.
	Client string `json:"client,omitempty"`
}

// Entry is one line of the audit log.
type Entry struct {
	Time         time.Time      `json:"time"`
	Tool         string         `json:"tool"`
	Effect       string         `json:"effect"`
	ResourceType string         `json:"resource_type"`
	RecordID     string         `json:"record_id,omitempty"`
	Arguments    map[string]any `json:"arguments"`
	Outcome      string         `json:"outcome"` // "ok", "error" or "refused" (not run)
	Error        string         `json:"error,omitempty"`
	// Reason says why an approval was refused (outcome "refused").
	Reason       string       `json:"reason,omitempty"`
	Confirmation Confirmation `json:"confirmation"`
	// Caller identifies who called the server, when the transport knows it.
	Caller string `json:"caller,omitempty"`
}

// AuditLog writes one JSON line per executed write, delete or external
// action. It is safe for concurrent use.
type AuditLog struct {
	mu      sync.Mutex
	w       io.Writer
	file    *os.File
	now     func() time.Time
	observe func(Entry)
}

// Observe has f see every entry after it was written (metrics). Call it
// before the log is used.
func (a *AuditLog) Observe(f func(Entry)) { a.observe = f }

// NewAuditLog writes to w (stderr in the server) and, when path is set,
// appends to that file too (created with mode 0600).
func NewAuditLog(w io.Writer, path string) (*AuditLog, error) {
	a := &AuditLog{w: w, now: time.Now}
	if w == nil {
		a.w = io.Discard
	}
	if path != "" {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return nil, fmt.Errorf("audit log: %w", err)
		}
		a.file = f
		a.w = io.MultiWriter(a.w, f)
	}
	return a, nil
}

// Record writes the entry as one line; the time is set when zero.
func (a *AuditLog) Record(e Entry) error {
	if a == nil {
		return nil
	}
	if e.Time.IsZero() {
		e.Time = a.now().UTC()
	}
	if e.Arguments == nil {
		e.Arguments = map[string]any{}
	}
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	line = append([]byte(redact.String(string(line))), '\n')
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, err := a.w.Write(line); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	if a.observe != nil {
		a.observe(e)
	}
	return nil
}

// Close closes the audit file, if any.
func (a *AuditLog) Close() error {
	if a == nil || a.file == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.file.Close()
}

// Longest text kept whole in the audit log.
const maxAuditText = 200

// Elide returns arguments fit for the audit log: secrets replaced, long
// texts (mail bodies, file contents) cut to their start and length. The
// confirmation token never gets here (SplitToken).
func Elide(args json.RawMessage) map[string]any {
	obj, err := argsObject(args)
	if err != nil {
		return map[string]any{"unreadable": true}
	}
	return elideMap(obj)
}

func elideMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if isSecretName(k) {
			out[k] = "[secret elided]"
			continue
		}
		out[k] = elideValue(v)
	}
	return out
}

func elideValue(v any) any {
	switch t := v.(type) {
	case string:
		if r := []rune(t); len(r) > maxAuditText {
			return fmt.Sprintf("%s… [%d characters elided]", string(r[:60]), len(r)-60)
		}
		return t
	case map[string]any:
		return elideMap(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = elideValue(e)
		}
		return out
	}
	return v
}

// isSecretName reports whether an argument name suggests a credential.
func isSecretName(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"password", "passwort", "kennwort", "secret", "token", "apikey", "api_key", "credential", "private_key", "privatekey"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return n == "pin" || n == "pass"
}
