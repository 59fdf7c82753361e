package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
)

// demoDate pins the sandbox data, so that runs compare.
var demoDate = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

// inProcess is a server over its own sandbox, with an MCP client attached
// in the same process: no pipes, so what is measured is the server's work.
type inProcess struct {
	sb     *sandbox.Server
	api    *onoffice.Client
	client *client.Client
}

func newInProcess(ctx context.Context, flags ...string) (*inProcess, error) {
	cfg, err := config.Load(flags, func(string) string { return "" }, io.Discard)
	if err != nil {
		return nil, err
	}
	sb := sandbox.New(sandbox.WithDemoDate(demoDate))
	api := onoffice.New(sandbox.DemoURL, sandbox.DemoToken, sandbox.DemoSecret,
		onoffice.WithHTTPClient(&http.Client{Transport: sb.Transport()}))
	log := slog.New(slog.DiscardHandler)
	s := mcpserver.New(mcpserver.Options{Env: mcpserver.EnvFor(cfg, api, log), Selection: mcpserver.SelectionFor(cfg), Logger: log})
	c, err := client.NewInProcessClient(s)
	if err != nil {
		return nil, err
	}
	if err := c.Start(ctx); err != nil {
		return nil, err
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = mcp.LATEST_PROTOCOL_VERSION
	init.Params.ClientInfo = mcp.Implementation{Name: "bench", Version: "1"}
	if _, err := c.Initialize(ctx, init); err != nil {
		return nil, err
	}
	return &inProcess{sb: sb, api: api, client: c}, nil
}

// text calls a tool and returns the text of its result.
func (p *inProcess) text(ctx context.Context, tool string, args map[string]any) (string, error) {
	req := mcp.CallToolRequest{}
	req.Params.Name = tool
	req.Params.Arguments = args
	res, err := p.client.CallTool(ctx, req)
	if err != nil {
		return "", err
	}
	var out string
	for _, c := range res.Content {
		if t, ok := c.(mcp.TextContent); ok {
			out += t.Text
		}
	}
	if res.IsError {
		return "", fmt.Errorf("%s: %s", tool, out)
	}
	return out, nil
}

// latency holds percentiles in milliseconds.
type latency struct{ p50, p99 float64 }

// overheadResult holds the percentiles of the client alone, of the calls
// through the server, and of the server's overhead taken call by call.
type overheadResult struct{ client, server, overhead latency }

// paired summarises rounds of the same read sent by the client alone
// (direct) and through the server (served): the overhead of round i is
// served[i] − direct[i], and its percentiles are those of these
// differences, not differences of percentiles, which pair unrelated
// calls and can come out negative.
func paired(direct, served []float64) overheadResult {
	diff := make([]float64, len(direct))
	for i := range direct {
		diff[i] = served[i] - direct[i]
	}
	return overheadResult{
		client:   latency{percentile(direct, 0.5), percentile(direct, 0.99)},
		server:   latency{percentile(served, 0.5), percentile(served, 0.99)},
		overhead: latency{percentile(diff, 0.5), percentile(diff, 0.99)},
	}
}

// measureOverhead times one everyday read through the server and the same
// onOffice actions sent by the client alone, n rounds of one each,
// alternating which goes first.
func measureOverhead(n int) (overheadResult, error) {
	ctx := context.Background()
	p, err := newInProcess(ctx)
	if err != nil {
		return overheadResult{}, err
	}
	call := memoryCalls[0]
	// The first call fills the field cache; the second shows which
	// actions a call sends from then on.
	if _, err := p.text(ctx, call.tool, call.args); err != nil {
		return overheadResult{}, err
	}
	before := len(p.sb.Requests())
	if _, err := p.text(ctx, call.tool, call.args); err != nil {
		return overheadResult{}, err
	}
	var actions []onoffice.Action
	for _, r := range p.sb.Requests()[before:] {
		actions = append(actions, onoffice.Action{Verb: r.Verb, ResourceType: r.ResourceType, ResourceID: r.ResourceID, Parameters: r.Parameters})
	}
	clientAlone := func() error {
		for _, a := range actions {
			if _, err := p.api.Call(ctx, a); err != nil {
				return err
			}
		}
		return nil
	}
	throughServer := func() error {
		_, err := p.text(ctx, call.tool, call.args)
		return err
	}
	direct, served := make([]float64, n), make([]float64, n)
	for i := range n {
		var err error
		if i%2 == 0 {
			if direct[i], err = timed(clientAlone); err == nil {
				served[i], err = timed(throughServer)
			}
		} else {
			if served[i], err = timed(throughServer); err == nil {
				direct[i], err = timed(clientAlone)
			}
		}
		if err != nil {
			return overheadResult{}, err
		}
	}
	return paired(direct, served), nil
}

// timed runs f and returns its time in milliseconds.
func timed(f func() error) (float64, error) {
	t0 := time.Now()
	err := f()
	return float64(time.Since(t0).Microseconds()) / 1000, err
}

// condenseCalls are everyday reads: a page of estates, of addresses, and
// a week of appointments.
var condenseCalls = []struct {
	tool string
	args map[string]any
}{
	{"estate_read", map[string]any{"data": []string{"objekttitel", "objektart", "vermarktungsart", "ort", "kaufpreis", "kaltmiete", "wohnflaeche", "anzahl_zimmer", "status"}, "listlimit": 20}},
	{"address_read", map[string]any{"data": []string{"Anrede", "Vorname", "Name", "Strasse", "Plz", "Ort", "Email", "Telefon1"}, "listlimit": 20}},
	{"appointment_list", map[string]any{"startDate": "2026-11-23", "endDate": "2026-11-29"}},
}

// measureCondense returns the characters of our results over those of
// onOffice's answers (--raw) for the same reads.
func measureCondense() (float64, error) {
	ctx := context.Background()
	raw, err := newInProcess(ctx, "--raw")
	if err != nil {
		return 0, err
	}
	condensed, err := newInProcess(ctx)
	if err != nil {
		return 0, err
	}
	var rawChars, textChars int
	for _, c := range condenseCalls {
		r, err := raw.text(ctx, c.tool, c.args)
		if err != nil {
			return 0, err
		}
		t, err := condensed.text(ctx, c.tool, c.args)
		if err != nil {
			return 0, err
		}
		rawChars += utf8.RuneCountInString(r)
		textChars += utf8.RuneCountInString(t)
	}
	return float64(textChars) / float64(rawChars), nil
}
