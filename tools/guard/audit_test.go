package guard

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAuditLogWritesOneJSONLinePerEntry(t *testing.T) {
	var stderr bytes.Buffer
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	a, err := NewAuditLog(&stderr, path)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("Sehr geehrte Frau Weber, ", 40)
	args := json.RawMessage(`{"id":3120,"data":{"kaufpreis":375000},"password":"hunter2","body":"` + body + `","nested":{"apiKey":"k","note":"short"}}`)
	when := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	for i := 0; i < 2; i++ {
		if err := a.Record(Entry{Time: when, Tool: "estate_modify", Effect: "write", ResourceType: "estate", RecordID: "3120",
			Arguments: Elide(args), Outcome: "ok", Confirmation: Confirmation{Method: MethodToken, By: "model", Client: "test 1"}, Caller: "alice"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(file, stderr.Bytes()) {
		t.Fatalf("file and stderr differ:\n%s\n%s", file, stderr.Bytes())
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("audit file mode %v, want 0600", fi.Mode().Perm())
	}
	lines := strings.Split(strings.TrimSuffix(string(file), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), file)
	}
	var e map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
		t.Fatal(err)
	}
	if e["time"] != "2026-11-02T09:30:00Z" || e["tool"] != "estate_modify" || e["resource_type"] != "estate" || e["record_id"] != "3120" || e["outcome"] != "ok" || e["caller"] != "alice" {
		t.Errorf("entry: %v", e)
	}
	conf := e["confirmation"].(map[string]any)
	if conf["method"] != "token" || conf["by"] != "model" || conf["client"] != "test 1" {
		t.Errorf("confirmation: %v", conf)
	}
	got := e["arguments"].(map[string]any)
	if got["password"] != "[secret elided]" || got["nested"].(map[string]any)["apiKey"] != "[secret elided]" || got["nested"].(map[string]any)["note"] != "short" {
		t.Errorf("secrets: %v", got)
	}
	if b := got["body"].(string); len(b) > 120 || !strings.Contains(b, "characters elided") {
		t.Errorf("long text kept: %q", b)
	}
	if got["id"] != float64(3120) || got["data"].(map[string]any)["kaufpreis"] != float64(375000) {
		t.Errorf("plain arguments changed: %v", got)
	}
	for _, secret := range []string{"hunter2", `"k"`, "abc"} {
		if strings.Contains(string(file), secret) {
			t.Errorf("audit log contains %s", secret)
		}
	}
}

func TestAuditLogBadPath(t *testing.T) {
	if _, err := NewAuditLog(nil, filepath.Join(t.TempDir(), "missing", "dir", "audit.jsonl")); err == nil {
		t.Fatal("no error for an unwritable path")
	}
}
