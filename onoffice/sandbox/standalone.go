package sandbox

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Flags are the settings of the standalone sandbox command.
type Flags struct {
	Addr string
	// DemoDate is the reference day of the seed data; zero means today.
	DemoDate time.Time
}

// The flag and environment variable that pin the reference day of the demo
// data, in the sandbox command and with --demo, and their help text.
const (
	DemoDateFlag = "demo-date"
	DemoDateEnv  = "ONOFFICE_DEMO_DATE"
	DemoDateHelp = "reference day of the demo data (YYYY-MM-DD); default: the day the server starts [" + DemoDateEnv + "]"
)

// ParseDemoDate reads a reference day given as YYYY-MM-DD; "" is the zero
// time (today).
func ParseDemoDate(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid demo date %q: a day as YYYY-MM-DD is expected, e.g. 2026-12-03", v)
	}
	return d, nil
}

// ParseFlags reads the flags of the standalone sandbox command, with env as
// the source of defaults.
func ParseFlags(args []string, env func(string) string, out io.Writer) (Flags, error) {
	fs := flag.NewFlagSet("onoffice-mcp sandbox", flag.ContinueOnError)
	fs.SetOutput(out)
	addr := fs.String("addr", "127.0.0.1:8090", "listen address")
	day := fs.String(DemoDateFlag, env(DemoDateEnv), DemoDateHelp)
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: onoffice-mcp sandbox [--addr 127.0.0.1:8090] [--demo-date YYYY-MM-DD]\n\nServes the onOffice API emulator on %s and %s.\nCredentials: ONOFFICE_TOKEN / ONOFFICE_SECRET, or the demo pair printed at start.\n\n", StablePath, LatestPath)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return Flags{}, err
	}
	if fs.NArg() > 0 {
		return Flags{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	d, err := ParseDemoDate(*day)
	if err != nil {
		return Flags{}, err
	}
	return Flags{Addr: *addr, DemoDate: d}, nil
}

// ListenAndServe runs the sandbox until ctx ends.
func ListenAndServe(ctx context.Context, f Flags, token, secret string, log *slog.Logger) error {
	addr := f.Addr
	opts := []ServerOption{WithoutRequestLog()}
	if !f.DemoDate.IsZero() {
		opts = append(opts, WithDemoDate(f.DemoDate))
	}
	if token != "" && secret != "" {
		opts = append(opts, WithCredentials(token, secret))
	} else {
		token, secret = DemoToken, DemoSecret
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	sb := New(opts...)
	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}
	day := sb.DemoDate().Format(time.DateOnly)
	url := "http://" + ln.Addr().String() + StablePath
	if token == DemoToken {
		// The demo pair is public (it is in the README); a custom secret is never printed.
		log.Info("onOffice sandbox listening", "url", url, "demo_date", day, "token", token, "secret", secret)
	} else {
		log.Info("onOffice sandbox listening", "url", url, "demo_date", day, "credentials", "from ONOFFICE_TOKEN / ONOFFICE_SECRET")
	}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
