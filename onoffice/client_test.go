package onoffice_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

const (
	testToken  = "tok3n0000000000000000000000000ab"
	testSecret = "s3cr3t00000000000000000000000000000000000000000000000000000000cd"
)

// fakeAPI answers every request with the given body and records the last request.
func fakeAPI(t *testing.T, status int, body string, last *map[string]any) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		if last != nil {
			_ = json.Unmarshal(raw, last)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestEnvelopeIsSigned(t *testing.T) {
	var got map[string]any
	srv := fakeAPI(t, 200, `{"status":{"code":200,"errorcode":0,"message":"OK"},"response":{"results":[
		{"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:read","resourceid":"","resourcetype":"estate","identifier":"a1","cacheable":true,
		 "data":{"meta":{"cntabsolute":57},"records":[{"id":3120,"type":"estate","elements":{"Id":"3120","ort":"Münster"}}]},"status":{"errorcode":0,"message":"OK"}}]}}`, &got)
	now := time.Unix(1735689600, 0)
	c := onoffice.New(srv.URL, testToken, testSecret, onoffice.WithClock(func() time.Time { return now }))
	res, err := c.Call(context.Background(), onoffice.Action{Verb: onoffice.VerbRead, ResourceType: "estate", Parameters: map[string]any{"data": []string{"ort"}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 57 || len(res.Records) != 1 || res.Records[0].IDString() != "3120" || res.Records[0].Fields()["ort"] != "Münster" {
		t.Errorf("unexpected result %+v", res)
	}
	if got["token"] != testToken {
		t.Errorf("token not in envelope root")
	}
	action := got["request"].(map[string]any)["actions"].([]any)[0].(map[string]any)
	want := onoffice.Sign(testSecret, testToken, "estate", onoffice.VerbRead.ActionID(), now.Unix())
	if action["hmac"] != want || action["hmac_version"].(float64) != 2 || action["timestamp"].(float64) != float64(now.Unix()) {
		t.Errorf("action not signed as documented: %v", action)
	}
	if _, ok := action["parameters"].(map[string]any)["data"]; !ok {
		t.Errorf("parameters missing: %v", action)
	}
}

func TestResultsMatchedByIdentifier(t *testing.T) {
	// The answer lists the results in reverse order; identifiers still match them.
	srv := fakeAPI(t, 200, `{"status":{"code":200,"errorcode":97,"message":"Error in action"},"response":{"results":[
		{"identifier":"a2","data":[],"status":{"errorcode":137,"message":"The HMAC is invalid."}},
		{"identifier":"a1","data":{"meta":{"cntabsolute":null},"records":[{"id":"estate","type":"","elements":{}}]},"status":{"errorcode":0,"message":"OK"}}]}}`, nil)
	c := onoffice.New(srv.URL, testToken, testSecret)
	out, err := c.Do(context.Background(),
		onoffice.Action{Verb: onoffice.VerbGet, ResourceType: "fields"},
		onoffice.Action{Verb: onoffice.VerbRead, ResourceType: "estate"})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Err != nil || out[0].Result.Total != -1 || out[0].Result.Records[0].IDString() != "estate" {
		t.Errorf("first action: %+v", out[0])
	}
	if onoffice.CodeOf(out[1].Err) != 137 || !strings.Contains(out[1].Err.Error(), "ONOFFICE_SECRET") {
		t.Errorf("second action error = %v", out[1].Err)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		code     int
		contains string
	}{
		{"not authenticated", 200, `{"status":{"code":400,"errorcode":22,"message":"Not authenticated"}}`, 22, "ONOFFICE_TOKEN"},
		{"html from a proxy", 502, `<html><body>Bad gateway tok3n0000000000000000000000000ab</body></html>`, 0, "not onOffice JSON"},
		{"empty body", 200, ``, 0, "empty body"},
		{"unknown field", 200, `{"status":{"code":200,"errorcode":97,"message":"Error in action"},"response":{"results":[{"identifier":"a1","data":[],"status":{"errorcode":143,"message":"Unknown field: foo"}}]}}`, 143, "field configuration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeAPI(t, tt.status, tt.body, nil)
			c := onoffice.New(srv.URL, testToken, testSecret)
			_, err := c.Call(context.Background(), onoffice.Action{Verb: onoffice.VerbRead, ResourceType: "estate"})
			if err == nil {
				t.Fatal("no error")
			}
			if onoffice.CodeOf(err) != tt.code || !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error = %v (code %d), want code %d containing %q", err, onoffice.CodeOf(err), tt.code, tt.contains)
			}
			if strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), testSecret) {
				t.Errorf("error leaks a credential: %v", err)
			}
		})
	}
}

func TestTimeoutAndCancel(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	c := onoffice.New(srv.URL, testToken, testSecret, onoffice.WithHTTPClient(&http.Client{Timeout: 50 * time.Millisecond}))
	_, err := c.Call(context.Background(), onoffice.Action{Verb: onoffice.VerbRead, ResourceType: "estate"})
	if err == nil || !strings.Contains(err.Error(), "in time") {
		t.Errorf("timeout error = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = onoffice.New(srv.URL, testToken, testSecret).Call(ctx, onoffice.Action{Verb: onoffice.VerbRead, ResourceType: "estate"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancel error = %v", err)
	}
}

func TestGuards(t *testing.T) {
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls++ }))
	defer srv.Close()
	_, err := onoffice.New(srv.URL, "", "").Call(context.Background(), onoffice.Action{Verb: onoffice.VerbRead, ResourceType: "estate"})
	if !errors.Is(err, onoffice.ErrNoCredentials) {
		t.Errorf("no credentials: %v", err)
	}
	ro := onoffice.New(srv.URL, testToken, testSecret, onoffice.WithReadOnly())
	for _, a := range []onoffice.Action{
		{Verb: onoffice.VerbCreate, ResourceType: "estate"},
		{Verb: onoffice.VerbModify, ResourceType: "address"},
		{Verb: onoffice.VerbDelete, ResourceType: "calendar"},
		{Verb: onoffice.VerbDo, ResourceType: "sendmail"},
		{Verb: onoffice.VerbGet, ResourceType: "downloadFiles"},
	} {
		if _, err := ro.Call(context.Background(), a); !errors.Is(err, onoffice.ErrReadOnly) {
			t.Errorf("read-only client ran %s: %v", a, err)
		}
	}
	if calls != 0 {
		t.Errorf("%d requests reached the server", calls)
	}
}

// TestCheckAsksForOneField: the credential check is one signed "get fields"
// for a single estate field, and an onOffice refusal is its error.
func TestCheckAsksForOneField(t *testing.T) {
	var got map[string]any
	ok := fakeAPI(t, 200, `{"status":{"code":200,"errorcode":0,"message":"OK"},"response":{"results":[
		{"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:get","resourceid":"","resourcetype":"fields","identifier":"","cacheable":true,
		 "data":{"meta":{"cntabsolute":null},"records":[]},"status":{"errorcode":0,"message":"OK"}}]}}`, &got)
	if err := onoffice.New(ok.URL, testToken, testSecret).Check(context.Background()); err != nil {
		t.Fatalf("check against an accepting API: %v", err)
	}
	action := got["request"].(map[string]any)["actions"].([]any)[0].(map[string]any)
	params, _ := json.Marshal(action["parameters"])
	if action["actionid"] != onoffice.VerbGet.ActionID() || action["resourcetype"] != "fields" || string(params) != `{"fieldList":["Id"],"modules":["estate"]}` {
		t.Errorf("check sent %v", action)
	}
	refused := fakeAPI(t, 200, `{"status":{"code":400,"errorcode":22,"message":"Unknown token"},"response":{"results":[]}}`, nil)
	if err := onoffice.New(refused.URL, testToken, testSecret).Check(context.Background()); err == nil {
		t.Error("check against a refusing API passed")
	}
}
