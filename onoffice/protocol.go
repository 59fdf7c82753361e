// Package onoffice is a client for the onOffice enterprise API: it builds the
// JSON envelope, signs each action with HMAC v2, sends several actions in one
// request and matches the results back. It knows nothing about MCP.
package onoffice

import (
	"encoding/json"
	"fmt"
)

// Verb is one of the six onOffice action kinds.
type Verb string

const (
	VerbRead   Verb = "read"
	VerbCreate Verb = "create"
	VerbModify Verb = "modify"
	VerbDelete Verb = "delete"
	VerbGet    Verb = "get"
	VerbDo     Verb = "do"
)

const actionIDPrefix = "urn:onoffice-de-ns:smart:2.5:smartml:action:"

// ActionID returns the URN that goes into an action's actionid.
func (v Verb) ActionID() string { return actionIDPrefix + string(v) }

// VerbFromActionID parses an actionid URN; ok is false for an unknown one.
func VerbFromActionID(id string) (Verb, bool) {
	if len(id) <= len(actionIDPrefix) || id[:len(actionIDPrefix)] != actionIDPrefix {
		return "", false
	}
	switch v := Verb(id[len(actionIDPrefix):]); v {
	case VerbRead, VerbCreate, VerbModify, VerbDelete, VerbGet, VerbDo:
		return v, true
	}
	return "", false
}

// Endpoints of the hosted API.
const (
	StableURL = "https://api.onoffice.de/api/stable/api.php"
	LatestURL = "https://api.onoffice.de/api/latest/api.php"
)

// Action is one call inside a request.
type Action struct {
	Verb         Verb
	ResourceType string
	ResourceID   string
	Identifier   string
	Parameters   map[string]any
}

func (a Action) String() string {
	if a.ResourceID != "" {
		return fmt.Sprintf("%s %s %s", a.Verb, a.ResourceType, a.ResourceID)
	}
	return fmt.Sprintf("%s %s", a.Verb, a.ResourceType)
}

// wireAction is an action as it travels.
type wireAction struct {
	ActionID     string         `json:"actionid"`
	ResourceID   string         `json:"resourceid"`
	ResourceType string         `json:"resourcetype"`
	Identifier   string         `json:"identifier"`
	Timestamp    int64          `json:"timestamp"`
	HMACVersion  int            `json:"hmac_version"`
	HMAC         string         `json:"hmac"`
	Parameters   map[string]any `json:"parameters"`
}

type wireRequest struct {
	Token   string `json:"token"`
	Request struct {
		Actions []wireAction `json:"actions"`
	} `json:"request"`
}

// Status is the status object at the root and in every result.
type Status struct {
	Code      int    `json:"code,omitempty"`
	ErrorCode int    `json:"errorcode"`
	Message   string `json:"message"`
}

// The answer is taken apart in place: every part that is kept (a result
// object for --raw, a record's elements) is a rawRef into the one buffer
// that holds the body, so a large answer is held once, not once per step.
type wireResponse struct {
	Status   Status `json:"status"`
	Response struct {
		Results []rawRef `json:"results"`
	} `json:"response"`
}

type wireResult struct {
	Identifier rawRef `json:"identifier"`
	Cacheable  bool   `json:"cacheable"`
	Data       rawRef `json:"data"`
	Status     Status `json:"status"`
}

type wireRecord struct {
	ID       rawRef `json:"id"`
	Type     string `json:"type"`
	Elements rawRef `json:"elements"`
}

// UnmarshalJSON reads an empty list as an empty record, like Record does.
func (w *wireRecord) UnmarshalJSON(b []byte) error {
	if isEmptyList(b) {
		*w = wireRecord{}
		return nil
	}
	type plain wireRecord
	return json.Unmarshal(b, (*plain)(w))
}

// rawRef is a JSON value kept as a slice of the input, not a copy. Only
// use it to decode a buffer that is not reused.
type rawRef []byte

func (r *rawRef) UnmarshalJSON(b []byte) error {
	*r = b
	return nil
}

// Result is the answer to one action.
type Result struct {
	Action    Action
	Cacheable bool
	// Total is data.meta.cntabsolute; -1 when the API does not count.
	Total   int
	Records []Record
	// Raw is the action's result object exactly as received, for --raw.
	Raw json.RawMessage
}

// Record is one entry of data.records.
type Record struct {
	// ID is the record id as sent: a number for most records, a string
	// key for some get calls (field configuration, categories).
	ID       json.RawMessage `json:"id"`
	Type     string          `json:"type"`
	Elements json.RawMessage `json:"elements"`
}

// UnmarshalJSON reads a record object; an empty list, which real answers
// send for "no record" ("records": [[]] or [[], …]), gives the zero Record.
func (r *Record) UnmarshalJSON(b []byte) error {
	if isEmptyList(b) {
		*r = Record{}
		return nil
	}
	type plain Record
	return json.Unmarshal(b, (*plain)(r))
}

// empty reports whether the record stood for "no record".
func (r Record) empty() bool { return r.ID == nil && r.Type == "" && r.Elements == nil }

// IDString returns the record id without JSON quoting.
func (r Record) IDString() string {
	var s string
	if json.Unmarshal(r.ID, &s) == nil {
		return s
	}
	return string(r.ID)
}

// Fields decodes elements as an object; a list or empty answer gives nil.
func (r Record) Fields() map[string]any {
	var m map[string]any
	if json.Unmarshal(r.Elements, &m) != nil {
		// Some calls wrap the object in a one-element list.
		var list []map[string]any
		if json.Unmarshal(r.Elements, &list) == nil && len(list) == 1 {
			return list[0]
		}
		return nil
	}
	return m
}
