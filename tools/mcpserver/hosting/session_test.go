package hosting

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestSessionIDsBelongToTheirCaller(t *testing.T) {
	key := []byte("session-key-0123456789abcdef0123456789")
	ids, replica, stranger := NewSessionIDs(key), NewSessionIDs(key), NewSessionIDs([]byte("another-key-0123456789abcdef012345"))
	owner := Caller{Tenant: "a", Subject: "token:1111"}
	id := ids.Issue(owner)
	if other := ids.Issue(owner); other == id {
		t.Fatal("two sessions got the same id")
	}
	tampered := []byte(id)
	tampered[0] ^= 1
	for _, tc := range []struct {
		name   string
		ids    *SessionIDs
		caller Caller
		id     string
		want   bool
	}{
		{"issuer, owner", ids, owner, id, true},
		{"replica with the same key", replica, owner, id, true},
		{"same tenant, other subject", ids, Caller{Tenant: "a", Subject: "token:2222"}, id, false},
		{"other tenant, same subject", ids, Caller{Tenant: "b", Subject: "token:1111"}, id, false},
		{"anonymous", ids, Caller{}, id, false},
		{"another key", stranger, owner, id, false},
		{"tampered random part", ids, owner, string(tampered), false},
		{"mac only", ids, owner, id[strings.Index(id, ".")+1:], false},
		{"mcp-go's own format", ids, owner, "mcp-session-8426f376-4182-4be0-8f0e-3803b2b850c5", false},
		{"empty", ids, owner, "", false},
	} {
		if got := tc.ids.Valid(tc.caller, tc.id); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	if s := ShortID(id); len(s) != 8 || !strings.HasPrefix(id, s) {
		t.Errorf("ShortID %q", s)
	}
}

func TestBindSessions(t *testing.T) {
	ids := NewSessionIDs(nil)
	owner, other := Caller{Tenant: "a", Subject: "one"}, Caller{Tenant: "a", Subject: "two"}
	id := ids.Issue(owner)
	var foreign []Caller
	h := Chain(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) }),
		LimitBody(1<<10),
		BindSessions(ids, func(_ *http.Request, c Caller) { foreign = append(foreign, c) }))
	answer := `{"jsonrpc":"2.0","id":3,"result":{"action":"accept"}}`
	call := `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"x"}}`
	for _, tc := range []struct {
		name       string
		caller     Caller
		header, qs string
		body       string
		want       int
		foreign    int
	}{
		{"no session", other, "", "", call, http.StatusTeapot, 0},
		{"owner, header", owner, id, "", call, http.StatusTeapot, 0},
		{"owner, query", owner, "", id, answer, http.StatusTeapot, 0},
		{"other caller's call", other, id, "", call, http.StatusNotFound, 0},
		{"other caller's answer", other, id, "", answer, http.StatusNotFound, 1},
		{"other caller's answer over SSE", other, "", id, answer, http.StatusNotFound, 2},
	} {
		r := httptest.NewRequest("POST", "/message?sessionId="+tc.qs, strings.NewReader(tc.body))
		if tc.header != "" {
			r.Header.Set("Mcp-Session-Id", tc.header)
		}
		info := &Info{}
		r = r.WithContext(WithCaller(withInfo(r.Context(), info), tc.caller))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != tc.want || len(foreign) != tc.foreign {
			t.Errorf("%s: %d, %d foreign answers; want %d, %d", tc.name, w.Code, len(foreign), tc.want, tc.foreign)
		}
		if (tc.want == http.StatusNotFound) != (info.Refused != "") || (tc.header+tc.qs != "" && info.Session != ShortID(id)) {
			t.Errorf("%s: info %+v", tc.name, info)
		}
	}
}
