package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// unpackedBundle is a bundle as a host sees it after unpacking.
type unpackedBundle struct {
	Dir      string
	Manifest struct {
		Version string `json:"version"`
		Server  struct {
			MCPConfig MCPConfig `json:"mcp_config"`
		} `json:"server"`
		Tools      []NamedText `json:"tools"`
		Prompts    []Prompt    `json:"prompts"`
		UserConfig map[string]struct {
			Default any `json:"default"`
		} `json:"user_config"`
	}
}

func readBundle(dir string) (*unpackedBundle, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	b := &unpackedBundle{Dir: dir}
	if err := json.Unmarshal(raw, &b.Manifest); err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	return b, nil
}

// command is the process a host starts: the manifest's command, args and
// env with ${__dirname} and ${user_config.KEY} replaced. Settings not in
// set take their default, as on a first install.
func (b *unpackedBundle) command(ctx context.Context, set map[string]string) (*exec.Cmd, error) {
	// An optional setting left empty becomes the empty string.
	values := map[string]string{}
	for k, s := range b.Manifest.UserConfig {
		values[k] = ""
		if s.Default != nil {
			values[k] = fmt.Sprint(s.Default)
		}
	}
	for k, v := range set {
		if _, ok := b.Manifest.UserConfig[k]; !ok {
			return nil, fmt.Errorf("the manifest has no setting %q", k)
		}
		values[k] = v
	}
	dir, err := filepath.Abs(b.Dir)
	if err != nil {
		return nil, err
	}
	pairs := []string{"${__dirname}", dir}
	for k, v := range values {
		pairs = append(pairs, "${user_config."+k+"}", v)
	}
	r := strings.NewReplacer(pairs...)
	mc := b.Manifest.Server.MCPConfig
	var args []string
	for _, a := range mc.Args {
		args = append(args, r.Replace(a))
	}
	cmd := exec.CommandContext(ctx, r.Replace(mc.Command), args...)
	// A host passes little of its own environment.
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for k, v := range mc.Env {
		v = r.Replace(v)
		if strings.Contains(v, "${") {
			return nil, fmt.Errorf("env %s=%q: unresolved placeholder", k, v)
		}
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd, nil
}

// listed is what a started bundle offers.
type listed struct {
	Version        string
	Tools, Prompts []string
}

// start runs the bundle as a host would and lists its tools and prompts
// through the official Go SDK's client.
func (b *unpackedBundle) start(ctx context.Context, set map[string]string) (listed, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd, err := b.command(ctx, set)
	if err != nil {
		return listed{}, err
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	c := sdk.NewClient(&sdk.Implementation{Name: "bundle-check", Version: "1"}, nil)
	s, err := c.Connect(ctx, &sdk.CommandTransport{Command: cmd}, nil)
	if err != nil {
		return listed{}, fmt.Errorf("start %s: %w\n%s", cmd.Path, err, stderr.String())
	}
	defer s.Close()
	var l listed
	l.Version = s.InitializeResult().ServerInfo.Version
	for t, err := range s.Tools(ctx, nil) {
		if err != nil {
			return listed{}, fmt.Errorf("tools/list: %w", err)
		}
		l.Tools = append(l.Tools, t.Name)
	}
	for p, err := range s.Prompts(ctx, nil) {
		if err != nil {
			return listed{}, fmt.Errorf("prompts/list: %w", err)
		}
		l.Prompts = append(l.Prompts, p.Name)
	}
	return l, nil
}

// checkBundle unpacks a .mcpb with the official tool, starts its binary
// the way a host does and compares what it lists with the manifest: with
// the first-install settings (read-only) it must offer some of the
// manifest's tools and nothing else; with read-only off, exactly them.
func checkBundle(ctx context.Context, file, packer string, log *slog.Logger) error {
	dir, err := os.MkdirTemp("", "mcpb-check")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := runPacker(ctx, packer, "unpack", file, dir); err != nil {
		return err
	}
	b, err := readBundle(dir)
	if err != nil {
		return err
	}
	return b.verify(ctx, log)
}

func (b *unpackedBundle) verify(ctx context.Context, log *slog.Logger) error {
	var tools, prompts []string
	for _, t := range b.Manifest.Tools {
		tools = append(tools, t.Name)
	}
	for _, p := range b.Manifest.Prompts {
		prompts = append(prompts, p.Name)
	}
	// Demo mode: the check has no onOffice account.
	first, err := b.start(ctx, map[string]string{"demo": "true"})
	if err != nil {
		return err
	}
	if first.Version != b.Manifest.Version {
		return fmt.Errorf("serverInfo.version %q, manifest version %q", first.Version, b.Manifest.Version)
	}
	if len(first.Tools) == 0 {
		return fmt.Errorf("the bundle lists no tools with its default settings")
	}
	for _, t := range first.Tools {
		if !slices.Contains(tools, t) {
			return fmt.Errorf("the bundle offers %s, which its manifest does not list", t)
		}
	}
	full, err := b.start(ctx, map[string]string{"demo": "true", "read_only": "false"})
	if err != nil {
		return err
	}
	if !slices.Equal(sorted(full.Tools), sorted(tools)) {
		return fmt.Errorf("with read-only off the bundle offers %v, its manifest lists %v", full.Tools, tools)
	}
	if !slices.Equal(sorted(full.Prompts), sorted(prompts)) {
		return fmt.Errorf("with read-only off the bundle offers prompts %v, its manifest lists %v", full.Prompts, prompts)
	}
	log.Info("bundle ok", "version", first.Version, "tools read-only", len(first.Tools), "tools", len(full.Tools), "prompts", len(full.Prompts))
	return nil
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
