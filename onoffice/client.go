package onoffice

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Client sends signed requests to one onOffice endpoint.
type Client struct {
	url      string
	token    string
	secret   string
	http     *http.Client
	now      func() time.Time
	log      *slog.Logger
	readOnly bool
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient replaces the HTTP client (timeouts, transports in tests).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithClock replaces the clock used for timestamps.
func WithClock(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// WithLogger sets the logger for request summaries (never credentials).
func WithLogger(l *slog.Logger) Option { return func(c *Client) { c.log = l } }

// WithReadOnly makes the client refuse every action that is not a plain
// read: a wall below the tool layer, so no bug above it can write.
func WithReadOnly() Option { return func(c *Client) { c.readOnly = true } }

// New returns a client for the endpoint url with the given credentials.
func New(url, token, secret string, opts ...Option) *Client {
	c := &Client{
		url:    url,
		token:  token,
		secret: secret,
		http:   &http.Client{Timeout: 60 * time.Second},
		now:    time.Now,
		log:    slog.New(slog.DiscardHandler),
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

// HasCredentials reports whether token and secret are set.
func (c *Client) HasCredentials() bool { return c.token != "" && c.secret != "" }

// ReadOnly reports whether the client refuses writing actions.
func (c *Client) ReadOnly() bool { return c.readOnly }

// externalGets are get actions that reach outside the CRM (a public
// download link), refused by a read-only client like any write.
var externalGets = map[string]bool{"downloadFiles": true}

// IsPlainRead reports whether an action only reads: verb read or get, and
// not one of the get calls with an outside effect.
func IsPlainRead(v Verb, resourceType string) bool {
	return (v == VerbRead || v == VerbGet) && !externalGets[resourceType]
}

// Call runs one action and returns its result or its error.
func (c *Client) Call(ctx context.Context, a Action) (Result, error) {
	results, err := c.Do(ctx, a)
	if err != nil {
		return Result{Action: a}, err
	}
	return results[0].Result, results[0].Err
}

// Outcome is the result of one action of a multi-action request.
type Outcome struct {
	Result Result
	Err    error
}

// Do sends all actions in one request, each signed on its own, and returns
// one outcome per action in the same order. The error is set only when the
// request as a whole failed.
func (c *Client) Do(ctx context.Context, actions ...Action) ([]Outcome, error) {
	if len(actions) == 0 {
		return nil, errors.New("onoffice: no actions")
	}
	if !c.HasCredentials() {
		return nil, ErrNoCredentials
	}
	if c.readOnly {
		for _, a := range actions {
			if !IsPlainRead(a.Verb, a.ResourceType) {
				return nil, fmt.Errorf("%s: %w", a, ErrReadOnly)
			}
		}
	}
	body, ids := c.envelope(actions)
	start := c.now()
	raw, status, err := c.post(ctx, body)
	if err != nil {
		return nil, err
	}
	out, err := c.decode(raw, status, actions, ids)
	c.log.Debug("onoffice request", "actions", len(actions), "first", actions[0].String(),
		"status", status, "duration", time.Since(start), "error", errString(err))
	return out, err
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func (c *Client) envelope(actions []Action) ([]byte, []string) {
	var req wireRequest
	req.Token = c.token
	ts := c.now().Unix()
	ids := make([]string, len(actions))
	for i, a := range actions {
		id := a.Identifier
		if id == "" {
			// Identifiers let us match results even if the order changed.
			id = "a" + strconv.Itoa(i+1)
		}
		ids[i] = id
		params := a.Parameters
		if params == nil {
			params = map[string]any{}
		}
		req.Request.Actions = append(req.Request.Actions, wireAction{
			ActionID:     a.Verb.ActionID(),
			ResourceID:   a.ResourceID,
			ResourceType: a.ResourceType,
			Identifier:   id,
			Timestamp:    ts,
			HMACVersion:  2,
			HMAC:         Sign(c.secret, c.token, a.ResourceType, a.Verb.ActionID(), ts),
			Parameters:   params,
		})
	}
	// Marshalling a struct of maps cannot fail for the value types we build.
	body, _ := json.Marshal(req)
	return body, ids
}

func (c *Client) post(ctx context.Context, body []byte) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return nil, 0, &Error{Message: "cannot build request: " + c.redact(err.Error()), Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		e := &Error{Message: "no answer from " + hostOf(c.url) + ": " + c.redact(err.Error()), Err: err}
		if ctx.Err() != nil {
			e.Message = "request cancelled or timed out: " + c.redact(ctx.Err().Error())
			e.Err = errors.Join(errTimeout, ctx.Err())
		} else if isTimeout(err) {
			e.Err = errors.Join(errTimeout, err)
		}
		return nil, 0, e
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, resp.StatusCode, &Error{HTTPStatus: resp.StatusCode, Message: "reading the answer: " + c.redact(err.Error()), Err: err}
	}
	return raw, resp.StatusCode, nil
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

func hostOf(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	if i := strings.IndexByte(u, '/'); i >= 0 {
		u = u[:i]
	}
	return u
}

func (c *Client) decode(raw []byte, status int, actions []Action, ids []string) ([]Outcome, error) {
	var resp wireResponse
	if err := json.Unmarshal(raw, &resp); err != nil {
		return nil, &Error{HTTPStatus: status, Message: "the answer is not onOffice JSON (" + c.snippet(raw) + ")", Err: err}
	}
	if len(resp.Response.Results) == 0 {
		if resp.Status.ErrorCode != 0 || resp.Status.Code >= 400 {
			return nil, &Error{Code: resp.Status.ErrorCode, Message: resp.Status.Message, HTTPStatus: status}
		}
		return nil, &Error{HTTPStatus: status, Message: "the answer holds no results"}
	}
	byID := map[string]int{}
	for i, r := range resp.Response.Results {
		var id string
		if json.Unmarshal(r.Identifier, &id) == nil && id != "" {
			byID[id] = i
		}
	}
	out := make([]Outcome, len(actions))
	for i, a := range actions {
		j, ok := byID[ids[i]]
		if !ok {
			j = i // fall back to the documented order
		}
		if j >= len(resp.Response.Results) {
			out[i] = Outcome{Result: Result{Action: a}, Err: &Error{Action: a.String(), HTTPStatus: status, Message: "no result for this action in the answer"}}
			continue
		}
		out[i] = c.decodeResult(a, resp.Response.Results[j], raw, status)
	}
	return out, nil
}

func (c *Client) decodeResult(a Action, r wireResult, raw []byte, status int) Outcome {
	res := Result{Action: a, Cacheable: r.Cacheable, Total: -1}
	res.Raw, _ = json.Marshal(r)
	if r.Status.ErrorCode != 0 {
		return Outcome{Result: res, Err: &Error{Action: a.String(), Code: r.Status.ErrorCode, Message: r.Status.Message, HTTPStatus: status}}
	}
	var data struct {
		Meta    json.RawMessage `json:"meta"`
		Records []Record        `json:"records"`
	}
	if len(r.Data) > 0 && r.Data[0] == '{' {
		if err := json.Unmarshal(r.Data, &data); err != nil {
			return Outcome{Result: res, Err: &Error{Action: a.String(), HTTPStatus: status, Message: "unexpected data in the answer: " + err.Error(), Err: err}}
		}
	}
	// meta is an object with the count, or [] when there is nothing to count.
	var meta struct {
		Cnt *int `json:"cntabsolute"`
	}
	if len(data.Meta) > 0 && data.Meta[0] == '{' && json.Unmarshal(data.Meta, &meta) == nil && meta.Cnt != nil {
		res.Total = *meta.Cnt
	}
	for _, rec := range data.Records {
		if !rec.empty() {
			res.Records = append(res.Records, rec)
		}
	}
	return Outcome{Result: res}
}

// snippet shows the start of an unexpected body, without credentials.
func (c *Client) snippet(raw []byte) string {
	s := c.redact(strings.Join(strings.Fields(string(raw)), " "))
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	if s == "" {
		return "empty body"
	}
	return s
}

func (c *Client) redact(s string) string {
	for _, secret := range []string{c.secret, c.token} {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return s
}
