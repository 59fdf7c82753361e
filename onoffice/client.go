package onoffice

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
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
	// maxAnswer is the largest answer body read, in bytes.
	maxAnswer int64
	// backoff is the first pause before a retried read; it doubles, jittered.
	backoff time.Duration
}

// DefaultMaxAnswer is the default cap of an answer body: large enough for
// file contents and PDF exposés sent as base64.
const DefaultMaxAnswer = 16 << 20

// WithMaxAnswer caps the size of an answer body in bytes (0 keeps the default).
func WithMaxAnswer(n int64) Option {
	return func(c *Client) {
		if n > 0 {
			c.maxAnswer = n
		}
	}
}

// WithRetryBackoff sets the first pause before a retried read (tests use a short one).
func WithRetryBackoff(d time.Duration) Option { return func(c *Client) { c.backoff = d } }

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
		url:       url,
		token:     token,
		secret:    secret,
		http:      &http.Client{Timeout: 60 * time.Second},
		now:       time.Now,
		log:       slog.New(slog.DiscardHandler),
		maxAnswer: DefaultMaxAnswer,
		backoff:   100 * time.Millisecond,
	}
	for _, o := range opts {
		o(c)
	}
	redact.Register(token, secret)
	redact.RegisterURL(url)
	c.log = redact.Logger(c.log)
	// A redirect would re-send the body, with the token and signatures,
	// to another host: never follow one (post reports it instead).
	h := *c.http
	h.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.http = &h
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
	ctx, release := HoldAnswers(ctx)
	defer release()
	retry := retriable(ctx, actions)
	start := c.now()
	for attempt := 1; ; attempt++ {
		// Each attempt is signed anew: onOffice refuses stale timestamps.
		body, ids := c.envelope(actions)
		raw, status, err := c.post(ctx, body)
		if err == nil {
			var out []Outcome
			out, err = c.decode(raw, status, actions, ids)
			if err == nil {
				c.log.Debug("onoffice request", "actions", len(actions), "first", actions[0].String(),
					"status", status, "attempts", attempt, "duration", time.Since(start))
				return out, nil
			}
		}
		c.log.Debug("onoffice request failed", "actions", len(actions), "first", actions[0].String(),
			"status", status, "attempt", attempt, "duration", time.Since(start), "error", errString(err))
		if !transient(err) {
			return nil, err
		}
		if !retry {
			if !plainReads(actions) && mayHaveArrived(err) {
				return nil, outcomeUnknown(actions, err)
			}
			return nil, err
		}
		if attempt == maxAttempts || !c.sleep(ctx, attempt) {
			return nil, err
		}
	}
}

// maxAttempts bounds the tries of a read.
const maxAttempts = 4

// sleep waits the jittered backoff before attempt+1; false when the call's
// deadline would pass first or the context ends.
func (c *Client) sleep(ctx context.Context, attempt int) bool {
	d := c.backoff << (attempt - 1)
	d = d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return false
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

type readCallKey struct{}

// AsRead marks ctx as belonging to a call whose catalogue effect is a
// plain read: only such calls are retried. The verb alone cannot tell (a
// get may send a link to the outside world).
func AsRead(ctx context.Context) context.Context { return context.WithValue(ctx, readCallKey{}, true) }

// retriable reports whether a request may be sent again: the call is a
// read by its catalogue effect and every action only reads.
func retriable(ctx context.Context, actions []Action) bool {
	ok, _ := ctx.Value(readCallKey{}).(bool)
	return ok && plainReads(actions)
}

func plainReads(actions []Action) bool {
	for _, a := range actions {
		if !IsPlainRead(a.Verb, a.ResourceType) {
			return false
		}
	}
	return true
}

// transient reports whether an error may go away on its own: a timeout, a
// failed connection, HTTP 429 or a 5xx status.
func transient(err error) bool {
	var e *Error
	if !errors.As(err, &e) || e.Code != 0 {
		return false
	}
	if errors.Is(e.Err, errTooLarge) || errors.Is(e.Err, errRedirect) || errors.Is(e.Err, context.Canceled) {
		return false
	}
	if e.HTTPStatus == 0 {
		return e.Err != nil
	}
	return e.HTTPStatus == http.StatusTooManyRequests || e.HTTPStatus >= 500
}

// mayHaveArrived reports whether a failed request may have reached
// onOffice: everything but a connection that was never made.
func mayHaveArrived(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return false
	}
	return true
}

// outcomeUnknown wraps the error of a write that may have been carried out.
func outcomeUnknown(actions []Action, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Message += "; the request may have reached onOffice, so whether " + actions[0].String() +
		" was carried out is unknown. It was not repeated: read the record (or list the latest records) to check before trying again"
	return &out
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
		return nil, 0, &Error{Message: "cannot build request: " + c.redact(err.Error()), Err: errors.New(c.redact(err.Error()))}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		e := &Error{Message: "no answer from " + hostOf(c.url) + ": " + c.redact(transportText(err)), Err: err}
		if ctx.Err() != nil {
			e.Message = "request cancelled or timed out: " + c.redact(ctx.Err().Error())
			e.Err = errors.Join(errTimeout, ctx.Err())
		} else if isTimeout(err) {
			e.Err = errors.Join(errTimeout, err)
		}
		return nil, 0, e
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		target := "an unnamed location"
		if loc, err := resp.Location(); err == nil {
			target = loc.Host
		}
		return nil, resp.StatusCode, &Error{HTTPStatus: resp.StatusCode, Err: errRedirect,
			Message: "the API endpoint " + hostOf(c.url) + " redirects to " + target + "; redirects are not followed (the request carries the credentials): set --api-url to the final endpoint"}
	}
	if resp.ContentLength > c.maxAnswer {
		return nil, resp.StatusCode, c.tooLarge(resp.StatusCode, resp.ContentLength)
	}
	var buf bytes.Buffer
	if resp.ContentLength > largeAnswer {
		if err := holdLarge(ctx); err != nil {
			return nil, 0, &Error{Message: "request cancelled or timed out while waiting for another large answer", Err: errors.Join(errTimeout, err)}
		}
	}
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(resp.Body, largeAnswer))
	if err == nil && n == largeAnswer {
		// More may follow: a large answer waits for its turn.
		if err := holdLarge(ctx); err != nil {
			return nil, 0, &Error{Message: "request cancelled or timed out while waiting for another large answer", Err: errors.Join(errTimeout, err)}
		}
		var m int64
		m, err = buf.ReadFrom(io.LimitReader(resp.Body, c.maxAnswer+1-n))
		n += m
	}
	if err != nil {
		return nil, resp.StatusCode, &Error{HTTPStatus: resp.StatusCode, Message: "reading the answer: " + c.redact(transportText(err)), Err: err}
	}
	if n > c.maxAnswer {
		return nil, resp.StatusCode, c.tooLarge(resp.StatusCode, -1)
	}
	raw := buf.Bytes()
	if cap(raw) > len(raw)+len(raw)/4+bytes.MinRead {
		// Without a Content-Length the buffer grew by doubling; the
		// decoded records point into it for as long as they live.
		raw = bytes.Clone(raw)
	}
	return raw, resp.StatusCode, nil
}

// largeAnswer is the size from which an answer takes the process's one
// large-answer slot: reading, decoding and rendering such answers one at a
// time bounds the memory of concurrent calls to about one of them.
const largeAnswer = 4 << 20

var largeSlot = make(chan struct{}, 1)

type holdKey struct{}

// answerHold is the large-answer slot of one tool call, once taken.
type answerHold struct {
	mu   sync.Mutex
	held bool
}

// HoldAnswers marks ctx as one call: a large answer taken within it keeps
// the slot until release, so that the result is rendered before the next
// large answer is read. Within a call that holds already, it does nothing.
func HoldAnswers(ctx context.Context) (context.Context, func()) {
	if _, ok := ctx.Value(holdKey{}).(*answerHold); ok {
		return ctx, func() {}
	}
	h := &answerHold{}
	return context.WithValue(ctx, holdKey{}, h), func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.held {
			h.held = false
			<-largeSlot
		}
	}
}

// holdLarge takes the large-answer slot for the call of ctx (HoldAnswers).
func holdLarge(ctx context.Context) error {
	h, ok := ctx.Value(holdKey{}).(*answerHold)
	if !ok {
		return nil // not within a call: nothing would release it
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.held {
		return nil
	}
	select {
	case largeSlot <- struct{}{}:
		h.held = true
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

var (
	errTooLarge = errors.New("answer too large")
	errRedirect = errors.New("redirect not followed")
)

func (c *Client) tooLarge(status int, size int64) error {
	what := "more than " + megabytes(c.maxAnswer)
	if size > 0 {
		what = megabytes(size)
	}
	return &Error{HTTPStatus: status, Err: errTooLarge, Message: "the answer is " + what +
		", over the limit of " + megabytes(c.maxAnswer) + " (--max-answer-size): ask for less, with fewer records (listlimit), fewer fields (data) or a narrower filter"}
}

func megabytes(n int64) string {
	return strings.TrimSuffix(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".0") + " MB"
}

// transportText is a transport error without Go's request line
// (`Post "https://…": `): the host is named by the caller.
func transportText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// hostOf names the endpoint's host, never its userinfo.
func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Host
	}
	return "the API endpoint"
}

func (c *Client) decode(raw []byte, status int, actions []Action, ids []string) ([]Outcome, error) {
	var resp wireResponse
	if err := json.Unmarshal(raw, &resp); err != nil {
		return nil, &Error{HTTPStatus: status, Message: "the answer is not onOffice JSON", Remote: c.snippet(raw), Err: err}
	}
	if len(resp.Response.Results) == 0 {
		if resp.Status.ErrorCode != 0 || resp.Status.Code >= 400 {
			return nil, &Error{Code: resp.Status.ErrorCode, Remote: c.redact(resp.Status.Message), HTTPStatus: status}
		}
		return nil, &Error{HTTPStatus: status, Message: "the answer holds no results"}
	}
	results := make([]wireResult, len(resp.Response.Results))
	byID := map[string]int{}
	for i, ref := range resp.Response.Results {
		if err := json.Unmarshal(ref, &results[i]); err != nil {
			return nil, &Error{HTTPStatus: status, Message: "the answer is not onOffice JSON: a result is not an object", Err: err}
		}
		var id string
		if json.Unmarshal(results[i].Identifier, &id) == nil && id != "" {
			byID[id] = i
		}
	}
	out := make([]Outcome, len(actions))
	for i, a := range actions {
		j, ok := byID[ids[i]]
		if !ok {
			j = i // fall back to the documented order
		}
		if j >= len(results) {
			out[i] = Outcome{Result: Result{Action: a}, Err: &Error{Action: a.String(), HTTPStatus: status, Message: "no result for this action in the answer"}}
			continue
		}
		out[i] = c.decodeResult(a, results[j], resp.Response.Results[j], status)
	}
	return out, nil
}

func (c *Client) decodeResult(a Action, r wireResult, raw rawRef, status int) Outcome {
	res := Result{Action: a, Cacheable: r.Cacheable, Total: -1, Raw: json.RawMessage(raw)}
	if r.Status.ErrorCode != 0 {
		return Outcome{Result: res, Err: &Error{Action: a.String(), Code: r.Status.ErrorCode, Remote: c.redact(r.Status.Message), HTTPStatus: status}}
	}
	var data struct {
		Meta    rawRef       `json:"meta"`
		Records []wireRecord `json:"records"`
	}
	if len(r.Data) > 0 && r.Data[0] == '{' {
		if err := json.Unmarshal(r.Data, &data); err != nil {
			return Outcome{Result: res, Err: &Error{Action: a.String(), HTTPStatus: status, Message: "unexpected data in the answer: the records are not in the documented form", Err: err}}
		}
	}
	// meta is an object with the count, or [] when there is nothing to count.
	var meta struct {
		Cnt *int `json:"cntabsolute"`
	}
	if len(data.Meta) > 0 && data.Meta[0] == '{' && json.Unmarshal(data.Meta, &meta) == nil && meta.Cnt != nil {
		res.Total = *meta.Cnt
	}
	res.Records = make([]Record, 0, len(data.Records))
	for _, w := range data.Records {
		// The record points into the answer's buffer: no copy.
		if rec := (Record{ID: json.RawMessage(w.ID), Type: w.Type, Elements: json.RawMessage(w.Elements)}); !rec.empty() {
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

// redact removes credentials (registered in New) and URL userinfo.
func (c *Client) redact(s string) string { return redact.String(s) }
