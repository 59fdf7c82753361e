// Command bench measures what a user of onoffice-mcp pays and prints one
// table: start-up to the answer of tools/list (next to a minimal mcp-go
// server built in the same run), peak memory of a --demo server, the size
// of the tool list, the time the server adds to a call over the onOffice
// client alone, and how much the condensed results save.
//
//	go run ./bench            # the full run (about a minute)
//	go run ./bench -quick     # one round of everything, as CI runs it
//
// Timings on a shared machine are noisy: start-ups are measured
// interleaved with the baseline and reported as medians and ratios.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"text/tabwriter"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type settings struct {
	rounds   int // start-ups per variant
	calls    int // calls of the memory run
	early    int // calls after which the early peak is taken
	overhead int // calls of the overhead run
}

func run() error {
	full := settings{rounds: 20, calls: 20000, early: 1000, overhead: 2000}
	quick := flag.Bool("quick", false, "one round of everything (CI): checks that the benchmarks work, measures nothing meaningful")
	flag.IntVar(&full.rounds, "rounds", full.rounds, "start-ups per variant")
	flag.IntVar(&full.calls, "calls", full.calls, "tool calls of the memory run")
	before := flag.String("before", "", "an older onoffice-mcp binary to measure in the same run (start-up and list size), e.g. one built from main")
	flag.Parse()
	s := full
	if *quick {
		s = settings{rounds: 1, calls: 200, early: 100, overhead: 20}
	}

	dir, err := os.MkdirTemp("", "onoffice-mcp-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	server, baseline := filepath.Join(dir, "onoffice-mcp"), filepath.Join(dir, "baseline")
	for bin, pkg := range map[string]string{server: "github.com/onoffice-mcp/onoffice-mcp", baseline: "github.com/onoffice-mcp/onoffice-mcp/bench/baseline"} {
		// Both are built as the release builds (package release): static,
		// without symbol table and debug information, which users run and
		// which start faster.
		build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, pkg)
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build %s: %w", pkg, err)
		}
	}

	st, err := measureStart(server, *before, baseline, s.rounds)
	if err != nil {
		return fmt.Errorf("start-up: %w", err)
	}
	mem, err := measureMemory(server, s.early, s.calls)
	if err != nil {
		return fmt.Errorf("memory: %w", err)
	}
	ov, err := measureOverhead(s.overhead)
	if err != nil {
		return fmt.Errorf("call overhead: %w", err)
	}
	ratio, err := measureCondense()
	if err != nil {
		return fmt.Errorf("condense ratio: %w", err)
	}

	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "measure\tvalue\ttarget\n")
	fmt.Fprintf(w, "start → tools/list, baseline (mcp-go, 1 tool)\t%s\t\n", ms(st.baseline))
	fmt.Fprintf(w, "start → tools/list, default set\t%s (%.2f× baseline)\t≤ 15 ms\n", ms(st.defaults), st.defaults/st.baseline)
	fmt.Fprintf(w, "start → tools/list, all tools\t%s (%.2f× baseline)\t≤ 20 ms\n", ms(st.all), st.all/st.baseline)
	if *before != "" {
		fmt.Fprintf(w, "before: start → tools/list, default set\t%s (%.2f× baseline)\t\n", ms(st.beforeDefaults), st.beforeDefaults/st.baseline)
		fmt.Fprintf(w, "before: start → tools/list, all tools\t%s (%.2f× baseline)\t\n", ms(st.beforeAll), st.beforeAll/st.baseline)
		fmt.Fprintf(w, "before: tool list + instructions, default / all\t%d / %d tokens\t\n", st.beforeDefaultChars/4, st.beforeAllChars/4)
	}
	fmt.Fprintf(w, "peak RSS, --demo after %d calls\t%.1f MB\t\n", s.early, mem.early)
	fmt.Fprintf(w, "peak RSS, --demo after %d calls\t%.1f MB (+%.1f MB)\t≤ +5 MB\n", s.calls, mem.late, mem.late-mem.early)
	fmt.Fprintf(w, "tool list + instructions, default set\t%d tokens (%d chars)\t≤ 5,000 tokens\n", st.defaultChars/4, st.defaultChars)
	fmt.Fprintf(w, "tool list + instructions, all tools\t%d tokens (%d chars)\t≤ 18,000 tokens\n", st.allChars/4, st.allChars)
	fmt.Fprintf(w, "call: onOffice client alone p50 / p99\t%s / %s\t\n", ms(ov.client.p50), ms(ov.client.p99))
	fmt.Fprintf(w, "call: through the server p50 / p99\t%s / %s\t\n", ms(ov.server.p50), ms(ov.server.p99))
	fmt.Fprintf(w, "call: server overhead p50 / p99 (per call, paired)\t%s / %s\t\n", ms(ov.overhead.p50), ms(ov.overhead.p99))
	fmt.Fprintf(w, "condensed / raw onOffice answer (characters)\t%.2f\t\n", ratio)
	return w.Flush()
}

// ms formats milliseconds.
func ms(v float64) string { return fmt.Sprintf("%.2f ms", v) }
