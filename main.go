// Command onoffice-mcp is an MCP server for the onOffice enterprise API.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/lmittmann/tint"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/internal/buildinfo"
	"github.com/onoffice-mcp/onoffice-mcp/internal/startgc"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// run returns the exit code: 0 fine, 1 failed while running, 2 bad configuration.
func run(args []string, env func(string) string, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 {
		switch args[0] {
		case "sandbox", "tools", "healthcheck", "version":
			cmd, args = args[0], args[1:]
		case "--version", "-version":
			cmd, args = "version", args[1:]
		}
	}
	// The collector is held back while the server starts (package startgc):
	// until the first tool call or a moment after mcpserver.Run has built
	// the server, here at the latest.
	defer startgc.Done()
	if cmd != "serve" {
		startgc.Done()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	switch cmd {
	case "version":
		fmt.Fprintln(stdout, buildinfo.Read())
		return 0
	case "sandbox":
		return runSandbox(ctx, args, env, stderr)
	case "tools":
		return runTools(args, env, stdout, stderr)
	case "healthcheck":
		return runHealthcheck(ctx, args, env, stderr)
	}
	cfg, err := config.Load(args, env, stderr)
	if err != nil {
		return configError(err, stderr)
	}
	if err := mcpserver.SelectionFor(cfg).Validate(); err != nil {
		return configError(err, stderr)
	}
	log := newLogger(cfg.LogLevel, cfg.LogFormat, stderr)
	if err := mcpserver.Run(ctx, cfg, log, mcpserver.Started{Built: startgc.Settle, FirstCall: startgc.Done}); err != nil && !errors.Is(err, context.Canceled) {
		log.Error("server stopped", "error", err)
		return 1
	}
	return 0
}

func configError(err error, stderr io.Writer) int {
	if errors.Is(err, config.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "onoffice-mcp:", redact.String(err.Error()))
	return 2
}

func runTools(args []string, env func(string) string, stdout, stderr io.Writer) int {
	asJSON := false
	rest := args[:0:0]
	for _, a := range args {
		if a == "--json" || a == "-json" {
			asJSON = true
			continue
		}
		rest = append(rest, a)
	}
	cfg, err := config.Load(rest, env, stderr)
	if err != nil {
		return configError(err, stderr)
	}
	sel := mcpserver.SelectionFor(cfg)
	if err := sel.Validate(); err != nil {
		return configError(err, stderr)
	}
	if err := tools.WriteList(stdout, sel, asJSON); err != nil {
		fmt.Fprintln(stderr, "onoffice-mcp:", err)
		return 1
	}
	return 0
}

func runSandbox(ctx context.Context, args []string, env func(string) string, stderr io.Writer) int {
	flags, err := sandbox.ParseFlags(args, env, stderr)
	if err != nil {
		return configError(err, stderr)
	}
	log := newLogger("info", "text", stderr)
	if err := sandbox.ListenAndServe(ctx, flags, env("ONOFFICE_TOKEN"), env("ONOFFICE_SECRET"), log); err != nil {
		log.Error("sandbox stopped", "error", err)
		return 1
	}
	return 0
}

// runHealthcheck asks a running HTTP server whether it is alive: exit 0
// when /healthz answers 200, 1 otherwise. The container image runs it as
// its HEALTHCHECK, having no curl.
func runHealthcheck(ctx context.Context, args []string, env func(string) string, stderr io.Writer) int {
	port := "8080"
	if _, p, err := net.SplitHostPort(env("ONOFFICE_MCP_ADDR")); err == nil && p != "" {
		port = p
	}
	fs := flag.NewFlagSet("onoffice-mcp healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", "http://127.0.0.1:"+port+mcpserver.PathHealth, "health endpoint to ask")
	timeout := fs.Duration("timeout", 5*time.Second, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return configError(err, stderr)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	if err := mcpserver.HealthCheck(ctx, *url); err != nil {
		fmt.Fprintln(stderr, "onoffice-mcp healthcheck:", err)
		return 1
	}
	return 0
}

// newLogger writes to stderr: stdout belongs to the stdio protocol.
// Every line passes the redactor: no credential reaches the log.
func newLogger(level, format string, w io.Writer) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(level))
	if format == "json" {
		return redact.Logger(slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: lvl})))
	}
	return redact.Logger(slog.New(tint.NewHandler(w, &tint.Options{Level: lvl, TimeFormat: time.TimeOnly, NoColor: !isTerminal(w)})))
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
