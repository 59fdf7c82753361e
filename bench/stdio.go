package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// proc is a server process spoken to over stdio, as an MCP host does.
type proc struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
	id  int
}

// response is a JSON-RPC answer.
type response struct {
	ID     int             `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  json.RawMessage `json:"error"`
}

// start runs bin with args and a clean environment (no ONOFFICE_* of the
// caller's shell).
func start(bin string, args ...string) (*proc, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"HOME=" + os.Getenv("HOME"), "PATH=" + os.Getenv("PATH")}
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &proc{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<20)}, nil
}

// call sends a request and waits for its answer.
func (p *proc) call(method string, params any) (json.RawMessage, error) {
	p.id++
	req, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": p.id, "method": method, "params": params})
	if err != nil {
		return nil, err
	}
	if _, err := p.in.Write(append(req, '\n')); err != nil {
		return nil, err
	}
	for {
		line, err := p.out.ReadBytes('\n')
		if err != nil {
			return nil, fmt.Errorf("%s: %w", method, err)
		}
		var r response
		if json.Unmarshal(line, &r) != nil || r.ID != p.id {
			continue // a notification or log line
		}
		if r.Error != nil {
			return nil, fmt.Errorf("%s: %s", method, r.Error)
		}
		return r.Result, nil
	}
}

func (p *proc) notify(method string) error {
	_, err := fmt.Fprintf(p.in, `{"jsonrpc":"2.0","method":%q}`+"\n", method)
	return err
}

// initialize does the handshake and returns the server's instructions.
func (p *proc) initialize() (string, error) {
	res, err := p.call("initialize", map[string]any{
		"protocolVersion": "2025-06-18",
		"capabilities":    map[string]any{},
		"clientInfo":      map[string]any{"name": "bench", "version": "1"},
	})
	if err != nil {
		return "", err
	}
	var init struct {
		Instructions string `json:"instructions"`
	}
	if err := json.Unmarshal(res, &init); err != nil {
		return "", err
	}
	return init.Instructions, p.notify("notifications/initialized")
}

func (p *proc) stop() {
	_ = p.in.Close()
	_ = p.cmd.Process.Kill()
	_ = p.cmd.Wait()
}

// peakRSS reads the process's peak resident set (VmHWM) in MB; Linux only.
func (p *proc) peakRSS() (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, fmt.Errorf("peak memory needs Linux /proc: %w", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", p.cmd.Process.Pid)
}

// startResult holds medians in milliseconds and list sizes in characters;
// before* are those of the -before build, if any.
type startResult struct {
	baseline, defaults, all            float64
	defaultChars, allChars             int
	beforeDefaults, beforeAll          float64
	beforeDefaultChars, beforeAllChars int
}

// measureStart starts the baseline, the default set and all tools (and
// the same of the build before, if given) in turn, rounds times, each
// until its tools/list answer arrived.
func measureStart(server, before, baseline string, rounds int) (startResult, error) {
	type variant struct {
		bin   string
		args  []string
		times []float64
		chars int
	}
	variants := []*variant{
		{bin: baseline},
		{bin: server},
		{bin: server, args: []string{"--toolsets=all"}},
	}
	if before != "" {
		variants = append(variants, &variant{bin: before}, &variant{bin: before, args: []string{"--toolsets=all"}})
	}
	for r := 0; r < rounds; r++ {
		for i := range variants {
			v := variants[(i+r)%len(variants)] // rotate, so no variant always runs first
			t0 := time.Now()
			p, err := start(v.bin, v.args...)
			if err != nil {
				return startResult{}, err
			}
			instructions, err := p.initialize()
			var list json.RawMessage
			if err == nil {
				list, err = p.call("tools/list", map[string]any{})
			}
			elapsed := time.Since(t0)
			p.stop()
			if err != nil {
				return startResult{}, fmt.Errorf("%s %v: %w", v.bin, v.args, err)
			}
			v.times = append(v.times, float64(elapsed.Microseconds())/1000)
			v.chars = utf8.RuneCount(list) + utf8.RuneCountInString(instructions)
		}
	}
	res := startResult{
		baseline: median(variants[0].times), defaults: median(variants[1].times), all: median(variants[2].times),
		defaultChars: variants[1].chars, allChars: variants[2].chars,
	}
	if before != "" {
		res.beforeDefaults, res.beforeAll = median(variants[3].times), median(variants[4].times)
		res.beforeDefaultChars, res.beforeAllChars = variants[3].chars, variants[4].chars
	}
	return res, nil
}

func median(v []float64) float64 { return percentile(v, 0.5) }

func percentile(v []float64, q float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[int(q*float64(len(s)-1)+0.5)]
}

// memResult is the peak RSS in MB after the early and after all calls.
type memResult struct{ early, late float64 }

// memoryCalls are the reads the memory run repeats: the everyday ones.
var memoryCalls = []struct {
	tool string
	args map[string]any
}{
	{"estate_read", map[string]any{"data": []string{"objekttitel", "ort", "kaufpreis"}, "listlimit": 20}},
	{"address_read", map[string]any{"data": []string{"Vorname", "Name", "Email"}, "listlimit": 20}},
	{"estate_search", map[string]any{"input": "Straße"}},
}

// measureMemory calls a --demo server calls times and reads its peak RSS
// after early calls and at the end.
func measureMemory(server string, early, calls int) (memResult, error) {
	p, err := start(server, "--demo")
	if err != nil {
		return memResult{}, err
	}
	defer p.stop()
	if _, err := p.initialize(); err != nil {
		return memResult{}, err
	}
	var m memResult
	for i := 0; i < calls; i++ {
		c := memoryCalls[i%len(memoryCalls)]
		res, err := p.call("tools/call", map[string]any{"name": c.tool, "arguments": c.args})
		if err != nil {
			return m, err
		}
		if strings.Contains(string(res), `"isError":true`) {
			return m, fmt.Errorf("%s: %s", c.tool, res)
		}
		if i+1 == early {
			if m.early, err = p.peakRSS(); err != nil {
				return m, err
			}
		}
	}
	m.late, err = p.peakRSS()
	return m, err
}
