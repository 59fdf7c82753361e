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

// ParseFlags reads the flags of the standalone sandbox command.
func ParseFlags(args []string, out io.Writer) (string, error) {
	fs := flag.NewFlagSet("onoffice-mcp sandbox", flag.ContinueOnError)
	fs.SetOutput(out)
	addr := fs.String("addr", "127.0.0.1:8090", "listen address")
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: onoffice-mcp sandbox [--addr 127.0.0.1:8090]\n\nServes the onOffice API emulator on %s and %s.\nCredentials: ONOFFICE_TOKEN / ONOFFICE_SECRET, or the demo pair printed at start.\n\n", StablePath, LatestPath)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if fs.NArg() > 0 {
		return "", fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return *addr, nil
}

// ListenAndServe runs the sandbox on addr until ctx ends.
func ListenAndServe(ctx context.Context, addr, token, secret string, log *slog.Logger) error {
	var opts []ServerOption
	if token != "" && secret != "" {
		opts = append(opts, WithCredentials(token, secret))
	} else {
		token, secret = DemoToken, DemoSecret
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: New(opts...), ReadHeaderTimeout: 10 * time.Second}
	url := "http://" + ln.Addr().String() + StablePath
	if token == DemoToken {
		// The demo pair is public (it is in the README); a custom secret is never printed.
		log.Info("onOffice sandbox listening", "url", url, "token", token, "secret", secret)
	} else {
		log.Info("onOffice sandbox listening", "url", url, "credentials", "from ONOFFICE_TOKEN / ONOFFICE_SECRET")
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
