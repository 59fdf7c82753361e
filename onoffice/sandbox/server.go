// Package sandbox is an in-memory emulator of the onOffice enterprise API.
// It answers on the same paths with the same envelope, checks token, HMAC
// and timestamp like the real service, and serves a seeded, deterministic
// German data set, so tests and the --demo mode need no onOffice account.
//
// The sandbox is the tests' oracle, so it keeps its own copy of the API's
// vocabulary (relation type URNs, the change log's modules, field and
// resource names) written from the documentation and real answers, instead
// of importing the client's (onoffice/vocabulary.go) or the tools'. A
// misreading in the client then meets a sandbox that disagrees, rather than
// one that repeats it; vocabulary_test.go compares the two copies. Only the
// wire protocol itself (verbs, action ids, HMAC) is shared with package
// onoffice.
package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// Demo credentials, documented in the README and printed by the standalone sandbox.
const (
	DemoToken  = "d3m0t0k3n0nOff1ceSandb0x00000001"
	DemoSecret = "d3m0s3cr3t0nOff1ceSandb0xSecretKeyForHmacSigning00000000000000001"
)

// timestampWindow is how far an action's timestamp may be from the server clock.
const timestampWindow = 120 * time.Second

// Paths the real service answers on.
const (
	StablePath = "/api/stable/api.php"
	LatestPath = "/api/latest/api.php"
)

// Server is the sandbox's HTTP handler.
type Server struct {
	// store is seeded on first use (see Store), so that a server that is
	// never asked anything costs nothing at start-up.
	store     *Store
	storeOnce sync.Once
	demoDate  time.Time
	token     string
	secret    string
	now       func() time.Time
	routes    map[routeKey]Handler

	mu    sync.Mutex
	log   []LoggedAction
	nolog bool
}

// ServerOption configures a Server.
type ServerOption func(*Server)

// WithCredentials replaces the demo token and secret.
func WithCredentials(token, secret string) ServerOption {
	return func(s *Server) { s.token, s.secret = token, secret }
}

// WithClock replaces the server clock (timestamp checks, created dates).
func WithClock(now func() time.Time) ServerOption { return func(s *Server) { s.now = now } }

// WithDemoDate pins the reference day of the seed data ("today" of the
// demo story). Without it, the reference day is the day New is called, on
// the server clock.
func WithDemoDate(day time.Time) ServerOption { return func(s *Server) { s.demoDate = day } }

// WithoutRequestLog keeps no log of the actions received. A server that
// serves --demo or runs standalone answers for hours, and the log, about
// 1.5 KB per call, only ever serves tests (Requests).
func WithoutRequestLog() ServerOption { return func(s *Server) { s.nolog = true } }

// New returns a sandbox with a fresh copy of the seed data.
func New(opts ...ServerOption) *Server {
	s := &Server{token: DemoToken, secret: DemoSecret, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if s.demoDate.IsZero() {
		s.demoDate = s.now()
	}
	s.routes = map[routeKey]Handler{}
	for _, group := range moduleRoutes {
		for _, r := range group() {
			s.routes[routeKey{r.Verb, r.ResourceType, r.ResourceID}] = r.Handle
		}
	}
	return s
}

// Store gives tests direct access to the data set, seeding it on first use.
func (s *Server) Store() *Store {
	s.storeOnce.Do(func() { s.store = NewStore(s.demoDate) })
	return s.store
}

// DemoDate returns the reference day of the seed data.
func (s *Server) DemoDate() time.Time { return seedDay(s.demoDate) }

// LoggedAction is one action the sandbox received and authenticated.
type LoggedAction struct {
	Verb         onoffice.Verb
	ResourceType string
	ResourceID   string
	Parameters   map[string]any
	ErrorCode    int
}

// Requests returns every authenticated action received so far; none on a
// server made WithoutRequestLog.
func (s *Server) Requests() []LoggedAction {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]LoggedAction(nil), s.log...)
}

// Outbox returns the outside effects (mails, newsletters, webhooks,
// payments) the sandbox recorded instead of performing.
func (s *Server) Outbox() []OutboxEntry {
	st := s.Store()
	st.mu.Lock()
	defer st.mu.Unlock()
	return append([]OutboxEntry(nil), st.Outbox...)
}

// ServeHTTP answers onOffice API requests on the stable and latest paths.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != StablePath && r.URL.Path != LatestPath {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	if err != nil {
		writeJSON(w, rootError(500, 1, "Unspecified error"))
		return
	}
	writeJSON(w, s.handle(body))
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}

type rootStatus struct {
	Code      int    `json:"code"`
	ErrorCode int    `json:"errorcode"`
	Message   string `json:"message"`
}

type actionStatus struct {
	ErrorCode int    `json:"errorcode"`
	Message   string `json:"message"`
}

type response struct {
	Status   rootStatus `json:"status"`
	Response *struct {
		Results []result `json:"results"`
	} `json:"response,omitempty"`
}

type result struct {
	ActionID     string       `json:"actionid"`
	ResourceID   string       `json:"resourceid"`
	ResourceType string       `json:"resourcetype"`
	Cacheable    bool         `json:"cacheable"`
	Identifier   string       `json:"identifier"`
	Data         any          `json:"data"`
	Status       actionStatus `json:"status"`
}

func rootError(code, errorCode int, msg string) response {
	return response{Status: rootStatus{Code: code, ErrorCode: errorCode, Message: msg}}
}

// handle processes one request body and builds the whole answer.
func (s *Server) handle(body []byte) response {
	if len(body) == 0 {
		return rootError(400, 9, "Empty request")
	}
	var root map[string]json.RawMessage
	if err := json.Unmarshal(body, &root); err != nil {
		return rootError(400, 4, "Invalid or malformed JSON")
	}
	var token string
	if json.Unmarshal(root["token"], &token) != nil || token == "" {
		return rootError(400, 13, "Missing or invalid element: token")
	}
	var req map[string]json.RawMessage
	if json.Unmarshal(root["request"], &req) != nil || req == nil {
		return rootError(400, 14, "Missing or invalid element: request")
	}
	var actions []json.RawMessage
	if json.Unmarshal(req["actions"], &actions) != nil || len(actions) == 0 {
		return rootError(400, 15, "Missing or invalid element: actions")
	}
	if token != s.token {
		return rootError(400, 22, "Not authenticated")
	}
	resp := response{Status: rootStatus{Code: 200, ErrorCode: 0, Message: "OK"}}
	resp.Response = &struct {
		Results []result `json:"results"`
	}{}
	for _, raw := range actions {
		res := s.action(token, raw)
		if res.Status.ErrorCode != 0 {
			// The documented root status when any action failed.
			resp.Status = rootStatus{Code: 200, ErrorCode: 97, Message: "Error in action"}
		}
		resp.Response.Results = append(resp.Response.Results, res)
	}
	return resp
}

// wireAction accepts the loose types real clients send (numbers or strings
// for timestamp, hmac_version and resourceid; [] for empty parameters).
type wireAction struct {
	ActionID     *string         `json:"actionid"`
	ResourceID   json.RawMessage `json:"resourceid"`
	ResourceType *string         `json:"resourcetype"`
	Identifier   json.RawMessage `json:"identifier"`
	Timestamp    json.RawMessage `json:"timestamp"`
	HMACVersion  json.RawMessage `json:"hmac_version"`
	HMAC         string          `json:"hmac"`
	Parameters   json.RawMessage `json:"parameters"`
}

func looseString(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String(), true
	}
	return "", false
}

func (s *Server) action(token string, raw json.RawMessage) result {
	var a wireAction
	res := result{}
	fail := func(code int, msg string) result {
		res.Data = map[string]any{"meta": map[string]any{"cntabsolute": nil}, "records": []any{}}
		res.Status = actionStatus{ErrorCode: code, Message: msg}
		return res
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return fail(16, "Missing or invalid element: actionid")
	}
	if a.ActionID == nil {
		return fail(16, "Missing or invalid element: actionid")
	}
	res.ActionID = *a.ActionID
	if *a.ActionID == "" {
		return fail(17, "actionid is empty")
	}
	if a.ResourceType == nil {
		return fail(19, "Missing or invalid element: resourcetype")
	}
	res.ResourceType = *a.ResourceType
	rid, ok := looseString(a.ResourceID)
	if !ok {
		return fail(18, "Missing or invalid element: resourceid")
	}
	res.ResourceID = rid
	res.Identifier, _ = looseString(a.Identifier)

	tsText, _ := looseString(a.Timestamp)
	ts, err := strconv.ParseInt(tsText, 10, 64)
	if err != nil {
		return fail(136, "Your timestamp is too old or your server time is wrong.")
	}
	if d := s.now().Sub(time.Unix(ts, 0)); d > timestampWindow || d < -timestampWindow {
		return fail(136, "Your timestamp is too old or your server time is wrong.")
	}
	version, _ := looseString(a.HMACVersion)
	if version != "2" {
		// Legacy v1 signatures are not accepted by the sandbox.
		return fail(137, "The HMAC is invalid.")
	}
	want := onoffice.Sign(s.secret, token, *a.ResourceType, *a.ActionID, ts)
	if !hmacEqual(want, a.HMAC) {
		return fail(137, "The HMAC is invalid.")
	}
	verb, ok := onoffice.VerbFromActionID(*a.ActionID)
	if !ok {
		return fail(23, "No such actionid configured")
	}
	params := map[string]any{}
	if len(a.Parameters) == 0 || string(a.Parameters) == "null" {
		return fail(20, "Missing or invalid element: parameters")
	}
	if string(a.Parameters) != "[]" {
		dec := json.NewDecoder(bytes.NewReader(a.Parameters))
		dec.UseNumber()
		if err := dec.Decode(&params); err != nil {
			return fail(20, "Missing or invalid element: parameters")
		}
	}
	handler, ok := s.routes[routeKey{verb, *a.ResourceType, rid}]
	if !ok {
		handler, ok = s.routes[routeKey{verb, *a.ResourceType, ""}]
	}
	if !ok {
		if s.knownResourceType(*a.ResourceType) {
			return fail(23, "No such actionid configured")
		}
		return fail(25, "No such resourcetype configured")
	}
	call := &Call{Verb: verb, ResourceType: *a.ResourceType, ResourceID: rid, Params: params, Now: s.now()}
	st := s.Store()
	st.mu.Lock()
	ans, err := handler(st, call)
	st.mu.Unlock()
	logged := LoggedAction{Verb: verb, ResourceType: *a.ResourceType, ResourceID: rid, Parameters: params}
	if err != nil {
		ae, ok := err.(*APIError)
		if !ok {
			ae = &APIError{Code: 1, Message: err.Error()}
		}
		logged.ErrorCode = ae.Code
		s.record(logged)
		return fail(ae.Code, ae.Message)
	}
	s.record(logged)
	res.Cacheable = ans.Cacheable
	var cnt any
	if ans.Total != nil {
		cnt = *ans.Total
	}
	var records any = ans.Records
	switch {
	case len(ans.Records) == 0 && ans.NoneAsEmptyRecord:
		records = []any{[]any{}}
	case ans.Records == nil:
		records = []OutRecord{}
	}
	res.Data = map[string]any{"meta": map[string]any{"cntabsolute": cnt}, "records": records}
	res.Status = actionStatus{ErrorCode: 0, Message: "OK"}
	return res
}

func (s *Server) record(a LoggedAction) {
	if s.nolog {
		return
	}
	s.mu.Lock()
	s.log = append(s.log, a)
	s.mu.Unlock()
}

func (s *Server) knownResourceType(rt string) bool {
	for k := range s.routes {
		if k.resourceType == rt {
			return true
		}
	}
	return false
}

// APIError is an action-level error with an onOffice error code.
type APIError struct {
	Code    int
	Message string
}

func (e *APIError) Error() string { return fmt.Sprintf("%d: %s", e.Code, e.Message) }

// Fail builds an action-level error.
func Fail(code int, format string, args ...any) error {
	return &APIError{Code: code, Message: fmt.Sprintf(format, args...)}
}
