package onoffice

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// FixtureName names the recorded answer of one action: verb_resourcetype,
// plus _keyword when the resource id names a module (get file estate →
// get_file_estate); numeric record ids share their resource type's name.
// The replay tests read fixtures by the same names.
func FixtureName(verb Verb, resourceType, resourceID string) string {
	name := string(verb) + "_" + resourceType
	if resourceID != "" && strings.Trim(resourceID, "0123456789") != "" {
		name += "_" + resourceID
	}
	return name
}

// Recorder is an http.RoundTripper that passes requests on and writes the
// data of every answered action to Dir as a replay fixture
// (FixtureName.json), with credentials and personal data redacted. It is a
// debugging aid for turning an agency's real answers into tests.
type Recorder struct {
	Dir  string
	Next http.RoundTripper
	Log  *slog.Logger
	// Secrets are replaced wherever they occur (token, secret).
	Secrets []string
}

// RoundTrip forwards the request and records the answer; recording never
// changes what the client receives.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("record: read request: %w", err)
		}
		reqBody = b
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	resp, err := r.Next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	respBody, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(respBody))
	if err != nil {
		return resp, nil // the client reports the broken body itself
	}
	if err := r.record(reqBody, respBody); err != nil && r.Log != nil {
		r.Log.Warn("recording an answer failed", "dir", r.Dir, "err", err)
	}
	return resp, nil
}

func (r *Recorder) record(reqBody, respBody []byte) error {
	var req wireRequest
	var resp wireResponse
	if json.Unmarshal(reqBody, &req) != nil || json.Unmarshal(respBody, &resp) != nil {
		return nil // not an onOffice exchange: nothing to record
	}
	for i, a := range req.Request.Actions {
		if i >= len(resp.Response.Results) {
			break
		}
		var res wireResult
		if json.Unmarshal(resp.Response.Results[i], &res) != nil {
			continue
		}
		verb, ok := VerbFromActionID(a.ActionID)
		if !ok || res.Status.ErrorCode != 0 || len(res.Data) == 0 {
			continue
		}
		var data any
		if err := json.Unmarshal(res.Data, &data); err != nil {
			continue
		}
		out, err := json.MarshalIndent(redactValue("", data), "", " ")
		if err != nil {
			return err
		}
		for _, s := range r.Secrets {
			if s != "" {
				out = bytes.ReplaceAll(out, []byte(s), []byte("[redacted]"))
			}
		}
		if err := os.MkdirAll(r.Dir, 0o700); err != nil {
			return err
		}
		path := filepath.Join(r.Dir, FixtureName(verb, a.ResourceType, a.ResourceID)+".json")
		if err := os.WriteFile(path, append(out, '\n'), 0o600); err != nil {
			return err
		}
	}
	return nil
}

// personalKeys are parts of field names whose values identify people:
// names, contact data, addresses, birthdays, bank data, free-text notes.
var personalKeys = []string{
	"name", "vorname", "firstname", "lastname", "surname", "anrede", "titel", "salutation",
	"mail", "telefon", "phone", "mobil", "fax", "strasse", "street", "hausnummer", "houseno",
	"geburt", "birth", "iban", "bic", "konto", "bemerkung", "note", "notiz", "freetext", "text",
	"password", "passwort", "description", "body", "subject", "betreff", "url", "login", "user",
}

// redactValue replaces the strings under personal keys, and every string
// holding an e-mail address, keeping the shape (types, lists, nesting) a
// fixture needs.
func redactValue(key string, v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = redactValue(k, e)
		}
		return t
	case []any:
		for i, e := range t {
			t[i] = redactValue(key, e)
		}
		return t
	case string:
		if t == "" {
			return t
		}
		if strings.Contains(t, "@") {
			return "redacted@example.invalid"
		}
		k := strings.ToLower(key)
		for _, p := range personalKeys {
			if strings.Contains(k, p) {
				return "redacted"
			}
		}
	}
	return v
}
