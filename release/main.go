// Command release builds the release artefacts of onoffice-mcp in one go:
// static binaries for six platforms, archives, MCP Bundles (.mcpb), a
// SHA256SUMS file and the MCP Registry entry (server.json) stamped with
// the version and the bundles' checksums. It also checks a packed bundle
// the way an MCP host would start it.
//
//	go run ./release -snapshot            # everything, version 0.0.0-snapshot+<commit>
//	go run ./release -version 1.2.0       # a release
//	go run ./release check-bundle FILE    # start a packed bundle and list its tools
//
// Bundles are validated and packed by the official packer, @anthropic-ai/mcpb
// from npm (run through npx unless -mcpb names another command).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
)

// mcpbPacker runs the official bundle packer at a pinned version.
const mcpbPacker = "npx --yes @anthropic-ai/mcpb@2.1.2"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "release:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if len(args) > 0 && args[0] == "check-bundle" {
		fs := flag.NewFlagSet("release check-bundle", flag.ContinueOnError)
		fs.SetOutput(stderr)
		packer := fs.String("mcpb", mcpbPacker, "command that runs the mcpb packer")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return errors.New("check-bundle needs one .mcpb file")
		}
		return checkBundle(ctx, fs.Arg(0), *packer, log)
	}

	fs := flag.NewFlagSet("release", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.Version, "version", "", "version to stamp, e.g. 1.2.0 (required unless -snapshot)")
	snapshot := fs.Bool("snapshot", false, "build a snapshot: version 0.0.0-snapshot+<commit>")
	fs.StringVar(&o.Out, "out", "dist", "output directory (emptied first)")
	targets := fs.String("targets", "", "comma-separated os/arch pairs to build (default all six)")
	fs.BoolVar(&o.Bundles, "bundles", true, "also validate and pack the MCP Bundles")
	fs.StringVar(&o.Packer, "mcpb", mcpbPacker, "command that runs the mcpb packer")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if o.Targets, err = parseTargets(*targets); err != nil {
		return err
	}
	o.Commit, o.Time = gitCommit(ctx)
	switch {
	case *snapshot && o.Version != "":
		return errors.New("-snapshot and -version exclude each other")
	case *snapshot:
		o.Version = snapshotVersion(o.Commit)
	case o.Version == "":
		return errors.New("-version or -snapshot is required")
	}
	if err := checkVersion(o.Version); err != nil {
		return err
	}
	return release(ctx, o, log)
}
