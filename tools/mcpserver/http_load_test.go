package mcpserver_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
)

// Load test of the hosted mode: many concurrent MCP sessions, each listing
// the tools and calling read tools, against the sandbox over loopback.
//
// The latency our server adds to a call is measured per call as
//
//	(time of the tool call through our server, seen by the MCP client)
//	− (time of the same onOffice request(s) sent directly with our onOffice client)
//
// where "the same request" is what the sandbox logged for that tool during
// the warm-up, replayed right after each call from the same goroutine.

// loadCall is one read tool call of the scenario and its onOffice requests.
type loadCall struct {
	tool    string
	args    map[string]any
	direct  []onoffice.Action
	expects string // a value the answer must contain
}

type loadResult struct {
	sessions, calls, errors int
	firstErr                error
	added, call, direct     []time.Duration
	serverAdded, serverTook []time.Duration // measured inside the server (child only)
	wall, connect           time.Duration
	requestsPerCall         float64
	mem                     memPeak
}

// memPeak is the memory high-water mark of the server: of the whole test
// process (in-process server: Go heap in use and memory from the OS, the
// clients and the sandbox included) or of the server's own process
// (resident set size, the kernel's peak and our sampled peak).
type memPeak struct {
	child                  bool
	heapInuse, sys         uint64 // in-process
	rssPeak, rssHighWater  uint64 // child process
	baseHeapInuse, baseRSS uint64
}

func (m memPeak) String() string {
	if m.child {
		return fmt.Sprintf("server process RSS %0.1f MB at rest, peak %0.1f MB (kernel high-water mark %0.1f MB)", mb(m.baseRSS), mb(m.rssPeak), mb(m.rssHighWater))
	}
	return fmt.Sprintf("test process heap in use %0.1f→%0.1f MB, from the OS %0.1f MB", mb(m.baseHeapInuse), mb(m.heapInuse), mb(m.sys))
}

// pct returns the p-th percentile (0..100) of d in milliseconds.
func pct(d []time.Duration, p float64) float64 {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p / 100)
	return float64(s[i].Microseconds()) / 1000
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

// loadServer is a hosted server under load.
type loadServer struct {
	base   string
	sample func() (uint64, uint64) // heap in use and sys, or RSS and RSS high-water mark
	child  bool
	log    *serverLog // the child's log
	stop   func()
}

// inProcessServer serves cfg in the test process (race detector, short test).
func inProcessServer(tb testing.TB, cfg *config.Config) loadServer {
	tb.Helper()
	// Production logging: a JSON access line and a tool line per call.
	log := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	srv, err := mcpserver.NewHTTP(cfg, log, mcpserver.HTTPOptions{AuditOut: io.Discard})
	if err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	return loadServer{
		base: "http://" + ln.Addr().String(),
		sample: func() (uint64, uint64) {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			return m.HeapInuse, m.Sys
		},
		stop: func() {
			cancel()
			if err := <-served; err != nil {
				tb.Errorf("Serve: %v", err)
			}
		},
	}
}

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// serverBinary builds the onoffice-mcp command once per test process.
func serverBinary(tb testing.TB) string {
	tb.Helper()
	binaryOnce.Do(func() {
		if p := os.Getenv("ONOFFICE_MCP_LOAD_BINARY"); p != "" {
			binaryPath = p // a binary built beforehand
			return
		}
		dir, err := os.MkdirTemp("", "onoffice-mcp-load")
		if err != nil {
			binaryErr = err
			return
		}
		binaryPath = filepath.Join(dir, "onoffice-mcp")
		out, err := exec.Command("go", "build", "-o", binaryPath, "github.com/onoffice-mcp/onoffice-mcp").CombinedOutput()
		if err != nil {
			binaryErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binaryErr != nil {
		tb.Fatal(binaryErr)
	}
	return binaryPath
}

// childServer runs the real binary in HTTP mode, so that its memory is its
// own: the load generator and the sandbox stay in the test process.
func childServer(tb testing.TB, env map[string]string) loadServer {
	tb.Helper()
	cmd := exec.Command(serverBinary(tb), "--transport=http", "--addr=127.0.0.1:0", "--log-format=json")
	cmd.Env = os.Environ()
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	addr := ""
	for addr == "" && lines.Scan() {
		var m struct{ Msg, Addr string }
		if json.Unmarshal(lines.Bytes(), &m) == nil && m.Msg == "onoffice-mcp listening" {
			addr = m.Addr
		}
	}
	if addr == "" {
		_ = cmd.Process.Kill()
		tb.Fatalf("the server did not start: %v", lines.Err())
	}
	// Read the log as a log shipper would, keeping what the server says
	// about its tool calls.
	logs := &serverLog{byID: map[string]*serverCall{}, done: make(chan struct{})}
	go logs.read(lines)
	pid := cmd.Process.Pid
	return loadServer{
		base:  "http://" + addr,
		child: true,
		log:   logs,
		sample: func() (uint64, uint64) {
			rss, hwm := procStatus(pid)
			return rss, hwm
		},
		stop: func() {
			_ = cmd.Process.Signal(syscall.SIGTERM)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					tb.Errorf("server exit: %v", err)
				}
			case <-time.After(30 * time.Second):
				_ = cmd.Process.Kill()
				tb.Error("the server did not stop within 30s of SIGTERM")
			}
			<-logs.done
		},
	}
}

// serverLog collects the child server's view of each tool call from its
// JSON log: the request's duration and the part of it spent waiting for
// onOffice.
type serverLog struct {
	mu   sync.Mutex
	byID map[string]*serverCall
	done chan struct{}
}

type serverCall struct {
	tool                bool    // a tool call finished in this request
	path                string  // /mcp or /message
	requestMS, onOffice float64 // access line: whole request, onOffice part
	toolMS, toolOnOff   float64 // tool line: the call, onOffice part
}

func (l *serverLog) read(lines *bufio.Scanner) {
	defer close(l.done)
	for lines.Scan() {
		var m struct {
			Msg        string  `json:"msg"`
			RequestID  string  `json:"request_id"`
			Path       string  `json:"path"`
			RPC        string  `json:"rpc"`
			DurationMS float64 `json:"duration_ms"`
			OnOfficeMS float64 `json:"onoffice_ms"`
		}
		if json.Unmarshal(lines.Bytes(), &m) != nil || m.RequestID == "" {
			continue
		}
		l.mu.Lock()
		c := l.byID[m.RequestID]
		if c == nil {
			c = &serverCall{}
			l.byID[m.RequestID] = c
		}
		switch {
		case m.Msg == "tool call finished":
			c.tool, c.toolMS, c.toolOnOff = true, m.DurationMS, m.OnOfficeMS
		case m.Msg == "http request" && m.RPC == "tools/call":
			c.path, c.requestMS, c.onOffice = m.Path, m.DurationMS, m.OnOfficeMS
		}
		l.mu.Unlock()
	}
}

// requests returns, per tool call, the server's whole handling time
// (onOffice included): what the server saw of the call.
func (l *serverLog) requests() []time.Duration {
	return l.perCall(func(c *serverCall) float64 {
		v := c.requestMS
		if c.path == mcpserver.PathMessage {
			v += c.toolMS
		}
		return v
	})
}

// added returns, per tool call, the time the server spent on it besides
// waiting for onOffice. Over streamable HTTP that is the whole request
// minus onOffice; over SSE the message request (answered 202 at once)
// plus the call, which runs after it, minus onOffice.
func (l *serverLog) added() []time.Duration {
	return l.perCall(func(c *serverCall) float64 {
		if c.path == mcpserver.PathMessage {
			return c.requestMS + c.toolMS - c.toolOnOff
		}
		return c.requestMS - c.onOffice
	})
}

// perCall returns value (milliseconds) of every complete tool call.
func (l *serverLog) perCall(value func(c *serverCall) float64) []time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []time.Duration
	for _, c := range l.byID {
		if !c.tool || c.path == "" {
			continue
		}
		out = append(out, time.Duration(value(c)*float64(time.Millisecond)))
	}
	return out
}

// procStatus reads VmRSS and VmHWM (bytes) of a process; zero where /proc
// is missing.
func procStatus(pid int) (rss, hwm uint64) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseUint(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb << 10
		case "VmHWM:":
			hwm = kb << 10
		}
	}
	return rss, hwm
}

// runLoad opens `sessions` concurrent sessions of the given client kind,
// each of which lists the tools; once all are open, each makes `calls`
// read tool calls with a random pause of up to `think` before each.
func runLoad(tb testing.TB, kind peerKind, sessions, calls int, think time.Duration, child bool) loadResult {
	tb.Helper()
	sb := sandbox.New()
	sbSrv := httptest.NewServer(sb)
	defer sbSrv.Close()
	apiURL := sbSrv.URL + sandbox.StablePath

	env := demoEnv(apiURL, "ONOFFICE_MCP_AUTH_TOKENS", tokenA)
	cfg, err := config.Load([]string{"--transport=http", "--addr=127.0.0.1:0"}, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		tb.Fatal(err)
	}
	var srv loadServer
	if child {
		srv = childServer(tb, env)
	} else {
		srv = inProcessServer(tb, cfg)
	}
	stopped := false
	defer func() {
		if !stopped {
			srv.stop()
		}
	}()

	// The direct client: the server's client for the same configuration
	// (same signing, same HTTP transport settings).
	api := mcpserver.Client(cfg, slog.New(slog.DiscardHandler))

	// Warm up (field configuration cached) and learn each tool's requests.
	estateID, title := firstEstate(tb, sb)
	scenario := []loadCall{
		{tool: "estate_read", args: map[string]any{"listlimit": 10, "data": []string{"objekttitel", "kaufpreis", "ort"}}},
		{tool: "estate_read", args: map[string]any{"id": estateID, "data": []string{"objekttitel", "wohnflaeche"}}, expects: title},
		{tool: "address_read", args: map[string]any{"listlimit": 10}},
	}
	warm, err := kind.connect(testCtxB(tb), srv.base, &recorder{headers: bearer(tokenA)})
	if err != nil {
		tb.Fatal(err)
	}
	for i := range scenario {
		c := &scenario[i]
		if _, isErr, err := warm.call(context.Background(), c.tool, c.args); err != nil || isErr {
			tb.Fatalf("warm-up %s: %v %v", c.tool, isErr, err)
		}
		before := len(sb.Requests())
		if _, isErr, err := warm.call(context.Background(), c.tool, c.args); err != nil || isErr {
			tb.Fatalf("warm-up %s: %v %v", c.tool, isErr, err)
		}
		for _, r := range sb.Requests()[before:] {
			c.direct = append(c.direct, onoffice.Action{Verb: r.Verb, ResourceType: r.ResourceType, ResourceID: r.ResourceID, Parameters: r.Parameters})
		}
		if len(c.direct) == 0 {
			tb.Fatalf("%s sent no request", c.tool)
		}
	}
	warm.close()
	sentBefore := len(sb.Requests())

	// Memory sampler.
	if !srv.child {
		runtime.GC()
	}
	res := loadResult{sessions: sessions, mem: memPeak{child: srv.child}}
	a0, _ := srv.sample()
	res.mem.baseHeapInuse, res.mem.baseRSS = a0, a0
	var peakA, peakB atomic.Uint64
	sampleDone := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Add(1)
	go func() {
		defer sampler.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			a, b := srv.sample()
			if a > peakA.Load() {
				peakA.Store(a)
			}
			if b > peakB.Load() {
				peakB.Store(b)
			}
			select {
			case <-sampleDone:
				return
			case <-t.C:
			}
		}
	}()

	var (
		mu                  sync.Mutex
		added, took, direct []time.Duration
		errs                atomic.Int64
		firstErr            error
	)
	fail := func(err error) {
		errs.Add(1)
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	start := time.Now()
	var wg, connected sync.WaitGroup
	gate, calling := make(chan struct{}), make(chan struct{})
	for s := 0; s < sessions; s++ {
		wg.Add(1)
		connected.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			cctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			p, err := kind.connect(cctx, srv.base, &recorder{headers: bearer(tokenA)})
			if err != nil {
				connected.Done()
				fail(fmt.Errorf("connect: %w", err))
				return
			}
			defer p.close()
			names, err := p.tools(cctx)
			connected.Done()
			if err != nil || len(names) == 0 {
				fail(fmt.Errorf("list tools: %d tools, %v", len(names), err))
				return
			}
			// All sessions are open before the first call: the connect
			// storm is not part of the call latencies.
			<-calling
			rng := rand.New(rand.NewPCG(uint64(s), 7))
			var a, c, d []time.Duration
			for i := 0; i < calls; i++ {
				if think > 0 {
					time.Sleep(time.Duration(rng.Int64N(int64(think))))
				}
				lc := scenario[(s+i)%len(scenario)]
				t0 := time.Now()
				text, isErr, err := p.call(cctx, lc.tool, lc.args)
				t1 := time.Now()
				if err != nil || isErr || text == "" || (lc.expects != "" && !strings.Contains(text, lc.expects)) {
					fail(fmt.Errorf("%s: isError=%v err=%v text=%.200q", lc.tool, isErr, err, text))
					continue
				}
				for _, act := range lc.direct {
					if _, err := api.Call(cctx, act); err != nil {
						fail(fmt.Errorf("direct %s: %w", act, err))
					}
				}
				t2 := time.Now()
				c = append(c, t1.Sub(t0))
				d = append(d, t2.Sub(t1))
				a = append(a, t1.Sub(t0)-t2.Sub(t1))
			}
			mu.Lock()
			added, took, direct = append(added, a...), append(took, c...), append(direct, d...)
			mu.Unlock()
		}()
	}
	close(gate)
	connected.Wait()
	res.connect = time.Since(start)
	close(calling)
	wg.Wait()
	res.wall = time.Since(start)
	close(sampleDone)
	sampler.Wait()

	srv.stop()
	stopped = true
	if srv.log != nil {
		// The warm-up calls are in the log as well; they are few.
		res.serverAdded, res.serverTook = srv.log.added(), srv.log.requests()
	}
	res.calls, res.errors, res.firstErr = len(took), int(errs.Load()), firstErr
	res.added, res.call, res.direct = added, took, direct
	if srv.child {
		res.mem.rssPeak, res.mem.rssHighWater = peakA.Load(), peakB.Load()
	} else {
		res.mem.heapInuse, res.mem.sys = peakA.Load(), peakB.Load()
	}
	if res.calls > 0 {
		// Each call's own requests plus its direct replay.
		res.requestsPerCall = float64(len(sb.Requests())-sentBefore)/float64(res.calls) - 1
	}
	return res
}

func testCtxB(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	tb.Cleanup(cancel)
	return ctx
}

func (r loadResult) String() string {
	server := ""
	if len(r.serverAdded) > 0 {
		server = fmt.Sprintf("; inside the server: added p50 %.2fms p99 %.2fms, whole call p50 %.2fms p99 %.2fms",
			pct(r.serverAdded, 50), pct(r.serverAdded, 99), pct(r.serverTook, 50), pct(r.serverTook, 99))
	}
	return fmt.Sprintf("%d sessions (all open after %s), %d calls, %d errors in %s; added p50 %.2fms p99 %.2fms%s; call p50 %.2fms p99 %.2fms; direct p50 %.2fms p99 %.2fms; %s; %.2f onOffice requests per call",
		r.sessions, r.connect.Round(time.Millisecond), r.calls, r.errors, r.wall.Round(time.Millisecond), pct(r.added, 50), pct(r.added, 99), server, pct(r.call, 50), pct(r.call, 99),
		pct(r.direct, 50), pct(r.direct, 99), r.mem, r.requestsPerCall)
}

// BenchmarkHostedLoad: 200 concurrent sessions, each listing the tools and
// calling read tools 20 times (with a random pause of up to 1s before each
// call, as an assistant between turns), over streamable HTTP and over SSE,
// plus a saturation run without pauses. The server is the real binary in
// its own process, so that its memory is measured alone. One iteration is
// the whole scenario; run it with -benchtime=1x:
//
//	go test ./tools/mcpserver -run '^$' -bench BenchmarkHostedLoad -benchtime 1x
//
// Reported: errors (must be 0), the p50/p99 latency our server adds on top
// of the sandbox call itself, the client-side call latency, and the peak
// resident memory of the server process.
func BenchmarkHostedLoad(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("the server's memory is read from /proc")
	}
	for _, bc := range []struct {
		kind  string
		think time.Duration
	}{
		{"mcp-go streamable 2025-11-25", time.Second},
		{"mcp-go sse", time.Second},
		{"mcp-go streamable 2025-11-25", 0},
	} {
		name := strings.ReplaceAll(bc.kind, " ", "_") + fmt.Sprintf("/think=%s", bc.think)
		b.Run(name, func(b *testing.B) {
			var r loadResult
			for b.Loop() {
				r = runLoad(b, peerKindsNamed(bc.kind)[0], 200, 20, bc.think, true)
				if r.errors > 0 {
					b.Fatalf("%d errors, first: %v", r.errors, r.firstErr)
				}
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(float64(r.errors), "errors")
			b.ReportMetric(float64(r.calls), "calls")
			b.ReportMetric(pct(r.added, 50), "p50-added-ms")
			b.ReportMetric(pct(r.added, 99), "p99-added-ms")
			b.ReportMetric(pct(r.serverAdded, 50), "p50-server-added-ms")
			b.ReportMetric(pct(r.serverAdded, 99), "p99-server-added-ms")
			b.ReportMetric(pct(r.serverTook, 99), "p99-server-call-ms")
			b.ReportMetric(pct(r.call, 50), "p50-call-ms")
			b.ReportMetric(pct(r.call, 99), "p99-call-ms")
			b.ReportMetric(pct(r.direct, 99), "p99-direct-ms")
			b.ReportMetric(mb(r.mem.rssPeak), "peak-rss-MB")
			b.ReportMetric(mb(r.mem.rssHighWater), "rss-hwm-MB")
			b.Log(r)
		})
	}
}

// TestHostedConcurrentSessions is the short variant for go test -race:
// concurrent sessions over both transports and both client
// implementations against the in-process server, every call answered.
func TestHostedConcurrentSessions(t *testing.T) {
	sessions, calls := 12, 4
	if testing.Short() {
		sessions, calls = 6, 3
	}
	for _, k := range peerKindsNamed("mcp-go streamable 2025-11-25", "mcp-go sse", "go-sdk streamable") {
		t.Run(k.name, func(t *testing.T) {
			r := runLoad(t, k, sessions, calls, 0, false)
			if r.errors > 0 || r.calls != sessions*calls {
				t.Fatalf("%s\nfirst error: %v", r, r.firstErr)
			}
			if r.requestsPerCall < 0.99 || r.requestsPerCall > 1.01 {
				t.Errorf("%.2f onOffice requests per call, want 1 (field configuration cached)", r.requestsPerCall)
			}
			t.Log(r)
		})
	}
}
