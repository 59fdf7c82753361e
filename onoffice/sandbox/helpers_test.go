package sandbox

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// Shared plumbing of the sandbox tests: every test talks to the sandbox over
// real HTTP through the signing client, as onOffice's own clients would.

// testDemoDate is the reference day the tests pin the seed data to.
var testDemoDate = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

// serve starts sb on httptest for the duration of the test and returns the
// server's base URL (append StablePath or LatestPath).
func serve(t *testing.T, sb *Server) string {
	t.Helper()
	hs := httptest.NewServer(sb)
	t.Cleanup(hs.Close)
	return hs.URL
}

// startAPI starts a sandbox over HTTP and returns it with a client signing
// with the demo credentials. Server and client share clock; nil keeps the
// real time on both.
func startAPI(t *testing.T, clock func() time.Time) (*Server, *onoffice.Client) {
	t.Helper()
	if clock == nil {
		sb := New(WithDemoDate(testDemoDate))
		return sb, onoffice.New(serve(t, sb)+StablePath, DemoToken, DemoSecret)
	}
	sb := New(WithClock(clock), WithDemoDate(testDemoDate))
	return sb, onoffice.New(serve(t, sb)+StablePath, DemoToken, DemoSecret, onoffice.WithClock(clock))
}

// startAPIAt is startAPI with both clocks stopped at now.
func startAPIAt(t *testing.T, now time.Time) (*Server, *onoffice.Client) {
	t.Helper()
	return startAPI(t, func() time.Time { return now })
}

// callAPI sends one action.
func callAPI(c *onoffice.Client, verb onoffice.Verb, rt, rid string, params map[string]any) (onoffice.Result, error) {
	return c.Call(context.Background(), onoffice.Action{Verb: verb, ResourceType: rt, ResourceID: rid, Parameters: params})
}

// mustCall sends one action that must succeed.
func mustCall(t *testing.T, c *onoffice.Client, verb onoffice.Verb, rt, rid string, params map[string]any) onoffice.Result {
	t.Helper()
	res, err := callAPI(c, verb, rt, rid, params)
	if err != nil {
		t.Fatalf("%s %s %s: %v", verb, rt, rid, err)
	}
	return res
}

// wantCode sends one action that must fail with the onOffice error code.
func wantCode(t *testing.T, c *onoffice.Client, code int, verb onoffice.Verb, rt, rid string, params map[string]any) {
	t.Helper()
	_, err := callAPI(c, verb, rt, rid, params)
	if got := onoffice.CodeOf(err); got != code {
		t.Errorf("%s %s %s %v: error code %d (%v), want %d", verb, rt, rid, params, got, err, code)
	}
}

// errCase is one action that must fail with an error code.
type errCase struct {
	name   string
	verb   onoffice.Verb
	rt     string
	rid    string
	params map[string]any
	code   int
}

// runErrCases runs each case as a subtest.
func runErrCases(t *testing.T, c *onoffice.Client, cases []errCase) {
	t.Helper()
	runErrCasesKeep(t, c, nil, cases)
}

// runErrCasesKeep is runErrCases for writes: each failing call must also
// leave size() (the records of a table, the stored links) as it was.
func runErrCasesKeep(t *testing.T, c *onoffice.Client, size func() int, cases []errCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			if size != nil {
				n = size()
			}
			wantCode(t, c, tc.code, tc.verb, tc.rt, tc.rid, tc.params)
			if size != nil && size() != n {
				t.Errorf("the failed %s %s changed the store: %d before, %d after", tc.verb, tc.rt, n, size())
			}
		})
	}
}

// firstRecord returns the first record of a table for which ok holds.
func firstRecord(t *testing.T, s *Store, table string, ok func(r Record) bool) Record {
	t.Helper()
	for _, r := range s.Table(table).Records {
		if ok(r) {
			return r
		}
	}
	t.Fatalf("no %s record in the seed fits the test", table)
	return nil
}

// asList and asObject read a decoded JSON value as a list or an object
// (nil when it is something else).
func asList(v any) []any { l, _ := v.([]any); return l }

func asObject(v any) map[string]any { m, _ := v.(map[string]any); return m }

// stringsOf reads a JSON list of strings; other elements become "".
func stringsOf(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, _ := e.(string)
		out = append(out, s)
	}
	return out
}

// textsOf reads a JSON list as text, numbers included.
func textsOf(v any) []string {
	var out []string
	for _, e := range asList(v) {
		out = append(out, toText(e))
	}
	return out
}
