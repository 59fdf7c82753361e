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

type overheadResult struct{ client, server latency }

// measureOverhead times one everyday read through the server and the same
// onOffice actions sent by the client alone, interleaved.
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
	var direct, served []float64
	for i := 0; i < n; i++ {
		t0 := time.Now()
		for _, a := range actions {
			if _, err := p.api.Call(ctx, a); err != nil {
				return overheadResult{}, err
			}
		}
		direct = append(direct, float64(time.Since(t0).Microseconds())/1000)
		t0 = time.Now()
		if _, err := p.text(ctx, call.tool, call.args); err != nil {
			return overheadResult{}, err
		}
		served = append(served, float64(time.Since(t0).Microseconds())/1000)
	}
	return overheadResult{
		client: latency{percentile(direct, 0.5), percentile(direct, 0.99)},
		server: latency{percentile(served, 0.5), percentile(served, 0.99)},
	}, nil
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
