// Package config reads the server's settings from flags and environment
// variables. Flags win over the environment; invalid values stop the start.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/redact"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
)

// Config is the complete configuration of one server process.
type Config struct {
	// onOffice access
	Token, Secret string
	APIURL        string
	// AllowInsecureHTTP permits a plain-http API URL to a host other than loopback.
	AllowInsecureHTTP bool
	// MaxAnswer caps the size of one onOffice answer, in bytes.
	MaxAnswer     int64
	Demo          bool
	DemoDate      time.Time // reference day of the demo data; zero: today
	Timeout       time.Duration
	FieldCacheTTL time.Duration
	// RecordDir, when set, receives every onOffice answer as a redacted
	// replay fixture (debugging; see docs/fields.md).
	RecordDir string

	// Tool selection
	Toolsets, Tools, ExcludeTools []string
	ReadOnly                      bool
	DisableDestructive            bool
	// Discovery offers tool_catalogue and tool_run, which reach the
	// tools the limits allow but the toolsets do not list.
	Discovery bool

	// Results
	Structured bool
	Raw        bool
	Labels     bool
	Language   string
	Budget     int
	// DocumentCap is the largest binary document a result carries.
	DocumentCap int

	// Transport
	Transport string
	Addr      string

	Guard GuardConfig
	HTTP  HTTPConfig

	// Logging
	LogLevel  string
	LogFormat string
}

// ErrHelp is returned when --help was asked for; the usage is already printed.
var ErrHelp = flag.ErrHelp

// Load parses the flags of the serve command with env as the source of
// defaults. Usage and errors are written to out.
func Load(args []string, env func(string) string, out io.Writer) (*Config, error) {
	c := &Config{}
	fs := flag.NewFlagSet("onoffice-mcp", flag.ContinueOnError)
	fs.SetOutput(out)
	e := envReader{get: env}

	fs.BoolVar(&c.Demo, "demo", e.bool("ONOFFICE_DEMO", false), "serve the built-in sandbox (demo data, no onOffice account needed) [ONOFFICE_DEMO]")
	demoDate := fs.String(sandbox.DemoDateFlag, env(sandbox.DemoDateEnv), "with --demo: "+sandbox.DemoDateHelp)
	apiURL := fs.String("api-url", env("ONOFFICE_API_URL"), "full onOffice API endpoint URL, e.g. a staging proxy [ONOFFICE_API_URL]")
	apiVersion := fs.String("api-version", e.str("ONOFFICE_API_VERSION", "stable"), "onOffice API version when no URL is set: stable or latest [ONOFFICE_API_VERSION]")
	fs.DurationVar(&c.Timeout, "timeout", e.duration("ONOFFICE_TIMEOUT", 60*time.Second), "timeout of one onOffice request [ONOFFICE_TIMEOUT]")
	fs.BoolVar(&c.AllowInsecureHTTP, "allow-insecure-http", e.bool("ONOFFICE_ALLOW_INSECURE_HTTP", false), "allow a plain-http --api-url to a host other than this machine (the token and signatures travel unencrypted) [ONOFFICE_ALLOW_INSECURE_HTTP]")
	maxAnswer := fs.Int("max-answer-size", e.int("ONOFFICE_MAX_ANSWER_SIZE", onoffice.DefaultMaxAnswer>>20), "largest onOffice answer read, in MB; larger answers fail with advice to ask for less [ONOFFICE_MAX_ANSWER_SIZE]")
	fs.DurationVar(&c.FieldCacheTTL, "field-cache-ttl", e.duration("ONOFFICE_FIELD_CACHE_TTL", 15*time.Minute), "how long the field configuration is cached [ONOFFICE_FIELD_CACHE_TTL]")

	toolsets := fs.String("toolsets", e.str("ONOFFICE_TOOLSETS", "default"), "comma-separated toolsets: default, all, or module names such as estates, addresses, appointments (onoffice-mcp tools lists every tool with its module) [ONOFFICE_TOOLSETS]")
	toolList := fs.String("tools", env("ONOFFICE_TOOLS"), "comma-separated tool names to add [ONOFFICE_TOOLS]")
	exclude := fs.String("exclude-tools", env("ONOFFICE_EXCLUDE_TOOLS"), "comma-separated tool names to leave out [ONOFFICE_EXCLUDE_TOOLS]")
	fs.BoolVar(&c.ReadOnly, "read-only", e.bool("ONOFFICE_READ_ONLY", false), "offer and run only reading tools; the API client refuses every write [ONOFFICE_READ_ONLY]")
	fs.BoolVar(&c.DisableDestructive, "disable-destructive", e.bool("ONOFFICE_DISABLE_DESTRUCTIVE", false), "leave out tools that delete or reach outside the CRM (mail, links, payments) [ONOFFICE_DISABLE_DESTRUCTIVE]")

	fs.BoolVar(&c.Discovery, "discovery", e.bool("ONOFFICE_DISCOVERY", true), "offer tool_catalogue and tool_run, through which the model finds and runs the tools that --toolsets does not list (--read-only, --disable-destructive and --exclude-tools still apply) [ONOFFICE_DISCOVERY]")

	fs.BoolVar(&c.Structured, "structured-output", e.bool("ONOFFICE_STRUCTURED_OUTPUT", false), "also return results as structuredContent [ONOFFICE_STRUCTURED_OUTPUT]")
	fs.BoolVar(&c.Raw, "raw", e.bool("ONOFFICE_RAW", false), "return onOffice's answers unmodified, for debugging [ONOFFICE_RAW]")
	fs.StringVar(&c.RecordDir, "record", env("ONOFFICE_RECORD_DIR"), "debugging: write every onOffice answer to this directory as a replay fixture, credentials and personal data redacted [ONOFFICE_RECORD_DIR]")
	fs.BoolVar(&c.Labels, "labels", e.bool("ONOFFICE_LABELS", false), "show field labels instead of field names in results [ONOFFICE_LABELS]")
	fs.StringVar(&c.Language, "language", e.str("ONOFFICE_LANGUAGE", "DEU"), "language of labels, and of the confirmation text a person reads: DEU or ENG [ONOFFICE_LANGUAGE]")
	fs.IntVar(&c.Budget, "budget", e.int("ONOFFICE_BUDGET", 40000), "maximum characters of one tool result [ONOFFICE_BUDGET]")

	fs.IntVar(&c.DocumentCap, "document-cap", e.int("ONOFFICE_DOCUMENT_CAP", 8<<20), "largest document (bytes) a result carries, e.g. a PDF exposé; larger ones are described, not attached; --budget is for text [ONOFFICE_DOCUMENT_CAP]")

	fs.StringVar(&c.Transport, "transport", e.str("ONOFFICE_MCP_TRANSPORT", "stdio"), "stdio, or http (streamable HTTP at /mcp and SSE at /sse; sse is a synonym) [ONOFFICE_MCP_TRANSPORT]")
	fs.StringVar(&c.Addr, "addr", e.str("ONOFFICE_MCP_ADDR", "127.0.0.1:8080"), "listen address of the http transport [ONOFFICE_MCP_ADDR]")

	c.Guard.register(fs, &e)
	c.HTTP.register(fs, &e)
	c.HTTP.registerShared(fs, &e)

	fs.StringVar(&c.LogLevel, "log-level", e.str("ONOFFICE_LOG_LEVEL", "info"), "debug, info, warn or error [ONOFFICE_LOG_LEVEL]")
	fs.StringVar(&c.LogFormat, "log-format", e.str("ONOFFICE_LOG_FORMAT", "text"), "text (coloured on a terminal) or json [ONOFFICE_LOG_FORMAT]")

	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `onoffice-mcp: an MCP server for the onOffice enterprise API.

Usage:
  onoffice-mcp [flags]                  serve MCP (stdio by default)
  onoffice-mcp sandbox [--addr A]       run the onOffice API sandbox alone
  onoffice-mcp tools [--json] [flags]   list the tools and how the flags reach them: listed, tool_run or off
  onoffice-mcp healthcheck [--url U]    GET /healthz of a running HTTP server (for container health checks)
  onoffice-mcp version                  print version, commit and Go version (also --version)

Credentials come from the environment only: ONOFFICE_TOKEN and ONOFFICE_SECRET.

Flags (environment variable in brackets):
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if e.err != nil {
		return nil, e.err
	}
	c.Token, c.Secret = env("ONOFFICE_TOKEN"), env("ONOFFICE_SECRET")
	redact.Register(c.Token, c.Secret)
	if *maxAnswer <= 0 || *maxAnswer > 1024 {
		return nil, fmt.Errorf("invalid max answer size %d MB: from 1 to 1024", *maxAnswer)
	}
	c.MaxAnswer = int64(*maxAnswer) << 20
	d, err := sandbox.ParseDemoDate(*demoDate)
	if err != nil {
		return nil, err
	}
	c.DemoDate = d
	c.Toolsets, c.Tools, c.ExcludeTools = list(*toolsets), list(*toolList), list(*exclude)

	switch {
	case *apiURL != "":
		if err := CheckAPIURL(*apiURL, c.AllowInsecureHTTP); err != nil {
			return nil, err
		}
		redact.RegisterURL(*apiURL)
		c.APIURL = *apiURL
	case *apiVersion == "stable":
		c.APIURL = onoffice.StableURL
	case *apiVersion == "latest":
		c.APIURL = onoffice.LatestURL
	default:
		return nil, fmt.Errorf("invalid API version %q: stable or latest", *apiVersion)
	}
	if err := errors.Join(c.check(), c.Guard.check(), c.HTTP.check(c)); err != nil {
		return nil, err
	}
	return c, nil
}

// CheckAPIURL accepts an http or https endpoint URL. Plain http is
// accepted for loopback hosts (a local sandbox or proxy) and elsewhere only
// when allowHTTP says it is meant. The error never shows the URL's userinfo.
func CheckAPIURL(raw string, allowHTTP bool) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("invalid API URL %q: an http or https URL is expected", redact.URL(raw))
	}
	if u.Scheme == "http" && !allowHTTP && !isLoopback(u.Hostname()) {
		return fmt.Errorf("refusing plain-http API URL %q: the token and request signatures would travel unencrypted to %s; use https, or set --allow-insecure-http if this is meant", redact.URL(raw), u.Hostname())
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (c *Config) check() error {
	oneOf := func(name, v string, allowed ...string) error {
		for _, a := range allowed {
			if v == a {
				return nil
			}
		}
		return fmt.Errorf("invalid %s %q: one of %s", name, v, strings.Join(allowed, ", "))
	}
	return errors.Join(
		oneOf("log level", c.LogLevel, "debug", "info", "warn", "error"),
		oneOf("log format", c.LogFormat, "text", "json"),
		oneOf("transport", c.Transport, "stdio", "http", "sse"),
		oneOf("language", c.Language, "DEU", "ENG"),
		positive("timeout", int(c.Timeout)),
		positive("budget", c.Budget-999),
	)
}

func positive(name string, v int) error {
	if v <= 0 {
		return fmt.Errorf("invalid %s: too small", name)
	}
	return nil
}

func list(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// envReader reads typed defaults from the environment and remembers the
// first malformed value.
type envReader struct {
	get func(string) string
	err error
}

func (e *envReader) str(name, def string) string {
	if v := e.get(name); v != "" {
		return v
	}
	return def
}

func (e *envReader) bool(name string, def bool) bool {
	v := e.get(name)
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		e.fail(fmt.Errorf("invalid %s=%q: true or false", name, v))
	}
	return b
}

func (e *envReader) int(name string, def int) int {
	v := e.get(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		e.fail(fmt.Errorf("invalid %s=%q: a whole number", name, v))
	}
	return n
}

func (e *envReader) duration(name string, def time.Duration) time.Duration {
	v := e.get(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		e.fail(fmt.Errorf("invalid %s=%q: a duration such as 30s", name, v))
	}
	return d
}

func (e *envReader) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}
