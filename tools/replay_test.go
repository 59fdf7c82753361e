package tools_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// The replay suite runs every read tool over MCP against a stand-in that
// answers with fixtures under testdata/replay, written in the shapes real
// installations answer in (see docs/fields.md): field configurations that
// leave out system fields and list no fields for most modules, list-shaped
// elements, "records": [[]] for nothing found, numbers as two-decimal
// strings, coordinates with five decimals, file dates as epoch or string.
// A fixture file holds the "data" object of one action's result and is
// named verb_resourcetype, plus _keyword for resource ids that name a
// module (get_file_estate).

// replayServer is the stand-in: it checks the envelope and each action's
// HMAC like onOffice, then answers from the fixtures.
type replayServer struct {
	t   *testing.T
	dir string

	mu        sync.Mutex
	overrides map[string]string // fixture key → other fixture file
	missing   []string
}

func (rs *replayServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Token   string `json:"token"`
		Request struct {
			Actions []struct {
				ActionID     string          `json:"actionid"`
				ResourceID   string          `json:"resourceid"`
				ResourceType string          `json:"resourcetype"`
				Identifier   string          `json:"identifier"`
				Timestamp    int64           `json:"timestamp"`
				HMAC         string          `json:"hmac"`
				HMACVersion  json.Number     `json:"hmac_version"`
				Parameters   json.RawMessage `json:"parameters"`
			} `json:"actions"`
		} `json:"request"`
	}
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &req); err != nil || req.Token != sandbox.DemoToken {
		rs.t.Errorf("replay: bad envelope or token: %v", err)
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	type result struct {
		ActionID     string          `json:"actionid"`
		ResourceID   string          `json:"resourceid"`
		ResourceType string          `json:"resourcetype"`
		Identifier   string          `json:"identifier"`
		Cacheable    bool            `json:"cacheable"`
		Data         json.RawMessage `json:"data"`
		Status       onoffice.Status `json:"status"`
	}
	var results []result
	for _, a := range req.Request.Actions {
		res := result{ActionID: a.ActionID, ResourceID: a.ResourceID, ResourceType: a.ResourceType, Identifier: a.Identifier, Data: json.RawMessage(`[]`)}
		verb, ok := onoffice.VerbFromActionID(a.ActionID)
		switch {
		case !ok:
			res.Status = onoffice.Status{ErrorCode: 23, Message: "No such actionid configured"}
		case a.HMACVersion.String() != "2" || a.HMAC != onoffice.Sign(sandbox.DemoSecret, sandbox.DemoToken, a.ResourceType, a.ActionID, a.Timestamp):
			res.Status = onoffice.Status{ErrorCode: 137, Message: "HMAC invalid"}
		default:
			data, err := rs.fixture(onoffice.FixtureName(verb, a.ResourceType, a.ResourceID))
			if err != nil {
				res.Status = onoffice.Status{ErrorCode: 25, Message: err.Error()}
			} else {
				res.Data = data
			}
		}
		results = append(results, res)
	}
	out, _ := json.Marshal(map[string]any{"status": onoffice.Status{Code: 200, Message: "OK"}, "response": map[string]any{"results": results}})
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(out)
}

func (rs *replayServer) fixture(key string) (json.RawMessage, error) {
	rs.mu.Lock()
	name := key
	if o, ok := rs.overrides[key]; ok {
		name = o
	}
	rs.mu.Unlock()
	data, err := os.ReadFile(filepath.Join(rs.dir, name+".json"))
	if errors.Is(err, os.ErrNotExist) {
		rs.mu.Lock()
		rs.missing = append(rs.missing, key)
		rs.mu.Unlock()
		return nil, errors.New("no fixture " + name)
	}
	return data, err
}

func (rs *replayServer) use(overrides map[string]string) []string {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.overrides = overrides
	missing := rs.missing
	rs.missing = nil
	return missing
}

// replayHarness serves the fixtures in dir to a server driven over MCP.
func replayHarness(t *testing.T, dir string) (*replayServer, *toolstest.Harness) {
	rs := &replayServer{t: t, dir: dir}
	srv := httptest.NewServer(rs)
	t.Cleanup(srv.Close)
	return rs, toolstest.NewGuarded(t, toolstest.WithFlags("--confirm=off"), toolstest.WithAPI(srv.URL)).Harness
}

func TestReplay(t *testing.T) {
	rs, h := replayHarness(t, filepath.Join("testdata", "replay"))

	covered := map[string]bool{}
	for _, tc := range examples {
		if tl, _ := tools.Lookup(tc.tool); tl.Effect != tools.EffectRead {
			continue
		}
		covered[tc.tool] = true
		t.Run(tc.tool, func(t *testing.T) {
			rs.use(tc.fixtures)
			res := h.Call(t, tc.tool, tc.args)
			missing := rs.use(nil)
			if res.IsError {
				t.Fatalf("%s %s: %s (fixtures missing: %v)", tc.tool, tc.args, res.Text, missing)
			}
			if len(missing) > 0 {
				t.Errorf("fixtures missing: %v", missing)
			}
			if len(tc.want) == 0 || testing.Verbose() {
				t.Logf("%s", res.Text)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.Text, w) {
					t.Errorf("%q missing in:\n%s", w, res.Text)
				}
			}
			for _, bad := range []string{"unexpected data", "cannot unmarshal"} {
				if strings.Contains(res.Text, bad) {
					t.Errorf("%q in:\n%s", bad, res.Text)
				}
			}
		})
	}
	for _, tl := range tools.All() {
		if tl.Effect == tools.EffectRead && !covered[tl.Name] {
			t.Errorf("read tool %s has no replay case", tl.Name)
		}
	}
}

// TestRecordMakesReplayFixtures: --record writes answers as fixtures the
// replay stand-in can serve, without personal data.
func TestRecordMakesReplayFixtures(t *testing.T) {
	dir := t.TempDir()
	h := toolstest.New(t, "--record", dir)
	callOK(t, h, "address_read", `{"data":["Vorname","Name","Email","Ort"],"listlimit":3}`)
	callOK(t, h, "estate_read", `{"data":["objekttitel","kaufpreis"],"listlimit":2}`)
	var personal []string
	for _, a := range h.Sandbox.Store().Table("address").Records[:3] {
		for _, k := range []string{"Name", "Email"} {
			if s, _ := a[k].(string); s != "" {
				personal = append(personal, s)
			}
		}
	}
	for _, name := range []string{"read_address", "read_estate", "get_fields"} {
		raw, err := os.ReadFile(filepath.Join(dir, name+".json"))
		if err != nil {
			t.Fatalf("fixture %s not written: %v", name, err)
		}
		for _, p := range append(personal, sandbox.DemoToken, sandbox.DemoSecret) {
			if strings.Contains(string(raw), p) {
				t.Errorf("%s holds %q", name, p)
			}
		}
	}
	_, replay := replayHarness(t, dir)
	text := callOK(t, replay, "estate_read", `{"data":["objekttitel","kaufpreis"],"listlimit":2}`)
	if !strings.Contains(text, "estates 1–2") {
		t.Errorf("replayed recording:\n%s", text)
	}
}

// TestReplayFieldsRefused: an installation that refuses to describe its
// fields (here: no answer to get fields) leaves every name to onOffice, and
// the result says which names were not checked.
func TestReplayFieldsRefused(t *testing.T) {
	rs, h := replayHarness(t, filepath.Join("testdata", "replay"))
	rs.use(map[string]string{"get_fields": "no-such-fixture"})
	text := callOK(t, h, "estate_read", `{"data":["objekttitel","ort"],"listlimit":2}`)
	for _, w := range []string{"Düsseldorf", "not checked here", "`data.objekttitel`"} {
		if !strings.Contains(text, w) {
			t.Errorf("%q missing in:\n%s", w, text)
		}
	}
}
