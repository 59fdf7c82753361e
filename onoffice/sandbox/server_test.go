package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// rawAction builds one action as a client would send it, signed with secret at ts.
func rawAction(token, secret, verb, resourceType string, ts int64, params any) map[string]any {
	actionID := "urn:onoffice-de-ns:smart:2.5:smartml:action:" + verb
	return map[string]any{
		"actionid": actionID, "resourceid": "", "resourcetype": resourceType, "identifier": "x",
		"timestamp": ts, "hmac_version": 2,
		"hmac":       onoffice.Sign(secret, token, resourceType, actionID, ts),
		"parameters": params,
	}
}

// post sends a body to the sandbox over real HTTP and decodes the answer.
func post(t *testing.T, url string, body []byte) map[string]any {
	t.Helper()
	resp, err := http.Post(url, "application/x-www-form-urlencoded", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("answer is not JSON: %s", raw)
	}
	return out
}

func envelope(token string, actions ...map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"token": token, "request": map[string]any{"actions": actions}})
	return b
}

// codes returns the root errorcode and the errorcode of each result.
func codes(ans map[string]any) (int, []int) {
	status := ans["status"].(map[string]any)
	root := int(status["errorcode"].(float64))
	var per []int
	if resp, ok := ans["response"].(map[string]any); ok {
		for _, r := range resp["results"].([]any) {
			per = append(per, int(r.(map[string]any)["status"].(map[string]any)["errorcode"].(float64)))
		}
	}
	return root, per
}

func TestProtocolErrors(t *testing.T) {
	base := serve(t, New())
	now := time.Now().Unix()
	good := rawAction(DemoToken, DemoSecret, "read", "estate", now, map[string]any{"data": []string{"ort"}})
	tests := []struct {
		name    string
		path    string
		body    []byte
		root    int
		actions []int
	}{
		{"ok on stable", StablePath, envelope(DemoToken, good), 0, []int{0}},
		{"ok on latest", LatestPath, envelope(DemoToken, good), 0, []int{0}},
		{"empty body", StablePath, nil, 9, nil},
		{"malformed JSON", StablePath, []byte(`{"token":`), 4, nil},
		{"no token", StablePath, []byte(`{"request":{"actions":[]}}`), 13, nil},
		{"no request", StablePath, []byte(`{"token":"x"}`), 14, nil},
		{"no actions", StablePath, []byte(`{"token":"x","request":{}}`), 15, nil},
		{"unknown token", StablePath, envelope("nottherighttoken", good), 22, nil},
		{"wrong secret", StablePath, envelope(DemoToken, rawAction(DemoToken, "wrong", "read", "estate", now, map[string]any{})), 97, []int{137}},
		{"old timestamp", StablePath, envelope(DemoToken, rawAction(DemoToken, DemoSecret, "read", "estate", now-600, map[string]any{})), 97, []int{136}},
		{"future timestamp", StablePath, envelope(DemoToken, rawAction(DemoToken, DemoSecret, "read", "estate", now+600, map[string]any{})), 97, []int{136}},
		{"unknown resource type", StablePath, envelope(DemoToken, rawAction(DemoToken, DemoSecret, "read", "spaceship", now, map[string]any{})), 97, []int{25}},
		{"unknown verb", StablePath, envelope(DemoToken, rawAction(DemoToken, DemoSecret, "explode", "estate", now, map[string]any{})), 97, []int{23}},
		{"unknown field", StablePath, envelope(DemoToken, rawAction(DemoToken, DemoSecret, "read", "estate", now, map[string]any{"data": []string{"nope"}})), 97, []int{143}},
		{"empty parameters as []", StablePath, envelope(DemoToken, rawAction(DemoToken, DemoSecret, "get", "fields", now, []any{})), 0, []int{0}},
		{"one bad of two", StablePath, envelope(DemoToken, good, rawAction(DemoToken, "bad", "read", "estate", now, map[string]any{})), 97, []int{0, 137}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, per := codes(post(t, base+tt.path, tt.body))
			if root != tt.root || len(per) != len(tt.actions) {
				t.Fatalf("root %d results %v, want %d %v", root, per, tt.root, tt.actions)
			}
			for i := range per {
				if per[i] != tt.actions[i] {
					t.Errorf("action %d: code %d, want %d", i, per[i], tt.actions[i])
				}
			}
		})
	}
}

// TestLooseTypes: the apidoc sends timestamp and hmac_version as strings,
// the SDK as numbers; both are accepted.
func TestLooseTypes(t *testing.T) {
	base := serve(t, New())
	now := time.Now().Unix()
	a := rawAction(DemoToken, DemoSecret, "read", "estate", now, map[string]any{"data": []string{"ort"}, "listlimit": "2"})
	a["timestamp"] = strconv.FormatInt(now, 10)
	a["hmac_version"] = "2"
	a["resourceid"] = nil
	root, per := codes(post(t, base+StablePath, envelope(DemoToken, a)))
	if root != 0 || per[0] != 0 {
		t.Errorf("loose types refused: %d %v", root, per)
	}
}

func TestOtherPathsAndMethods(t *testing.T) {
	base := serve(t, New())
	if resp, _ := http.Get(base + StablePath); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET answered %d", resp.StatusCode)
	}
	if resp, _ := http.Post(base+"/api.php", "application/json", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown path answered %d", resp.StatusCode)
	}
}

// TestClientAgainstSandbox drives the real client over HTTP and checks that
// request-level and action-level failures map to the documented codes.
func TestClientAgainstSandbox(t *testing.T) {
	url := serve(t, New()) + StablePath
	read := onoffice.Action{Verb: onoffice.VerbRead, ResourceType: "estate", Parameters: map[string]any{"data": []string{"ort"}, "listlimit": 1}}
	tests := []struct {
		name          string
		token, secret string
		opts          []onoffice.Option
		code          int
	}{
		{"right credentials", DemoToken, DemoSecret, nil, 0},
		{"wrong token", "x" + DemoToken[1:], DemoSecret, nil, 22},
		{"wrong secret", DemoToken, DemoSecret[:60] + "abcd", nil, 137},
		{"clock three minutes late", DemoToken, DemoSecret, []onoffice.Option{onoffice.WithClock(func() time.Time { return time.Now().Add(-3 * time.Minute) })}, 136},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := onoffice.New(url, tt.token, tt.secret, tt.opts...).Call(t.Context(), read)
			if got := onoffice.CodeOf(err); got != tt.code {
				t.Errorf("code %d (%v), want %d", got, err, tt.code)
			}
		})
	}
}
