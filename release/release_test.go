package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"debug/elf"
	"debug/macho"
	"encoding/binary"
	"encoding/json"
	"image/png"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

var (
	hostOnce sync.Once
	hostDir  string
	hostErr  error
)

const testVersion = "1.2.3-rc.1+test"

// hostBuild runs the release build for the machine's own platform once,
// without bundles (they need npm): binary, archive and SHA256SUMS.
func hostBuild(t *testing.T) (dir string, bin string) {
	t.Helper()
	host := Target{runtime.GOOS, runtime.GOARCH}
	if !slices.Contains(allTargets, host) {
		t.Skipf("%s is no release target", host)
	}
	hostOnce.Do(func() {
		hostDir, hostErr = os.MkdirTemp("", "release-test")
		if hostErr != nil {
			return
		}
		o := options{Version: testVersion, Commit: "0123456789abcdef", Time: time.Unix(1700000000, 0).UTC(),
			Out: filepath.Join(hostDir, "dist"), Targets: []Target{host}}
		hostErr = release(context.Background(), o, slog.New(slog.DiscardHandler))
	})
	if hostErr != nil {
		t.Fatalf("release build: %v", hostErr)
	}
	return filepath.Join(hostDir, "dist"), filepath.Join(hostDir, "dist", "bin", host.OS+"_"+host.Arch, host.exe())
}

func TestMain(m *testing.M) {
	code := m.Run()
	if hostDir != "" {
		os.RemoveAll(hostDir)
	}
	os.Exit(code)
}

// TestReleaseBuildStampsVersion: the released binary reports the stamped
// version and commit, is static, and the archive and checksums cover it.
func TestReleaseBuildStampsVersion(t *testing.T) {
	dist, bin := hostBuild(t)
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "onoffice-mcp " + testVersion + " (commit 0123456789abcdef, " + runtime.Version() + ")"
	if got := strings.TrimSpace(string(out)); got != want {
		t.Errorf("--version = %q, want %q", got, want)
	}

	host := Target{runtime.GOOS, runtime.GOARCH}
	archive := archiveName(testVersion, host)
	sums, err := os.ReadFile(filepath.Join(dist, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := fileSHA256(filepath.Join(dist, archive))
	if err != nil {
		t.Fatal(err)
	}
	if string(sums) != sum+"  "+archive+"\n" {
		t.Errorf("SHA256SUMS = %q, want the line of %s with %s", sums, archive, sum)
	}
	if host.OS == "linux" {
		f, err := elf.Open(bin)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Error("the binary asks for a dynamic loader: it is not static")
			}
		}
	}
	if host.OS != "windows" {
		names := tarNames(t, filepath.Join(dist, archive))
		if !slices.Equal(names, []string{"onoffice-mcp rwxr-xr-x", "README.md rw-r--r--"}) {
			t.Errorf("archive holds %v", names)
		}
	}
}

func tarNames(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gz, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return names
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name+" "+strings.TrimPrefix(os.FileMode(h.Mode).Perm().String(), "-"))
	}
}

func TestLdflagsStampBuildinfo(t *testing.T) {
	// The -X paths must name variables that exist, or the stamp is
	// silently dropped; TestReleaseBuildStampsVersion proves it end to end,
	// this names the cause when it breaks.
	src, err := os.ReadFile("../internal/buildinfo/buildinfo.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"version string", "commit  string"} {
		if !strings.Contains(string(src), v) {
			t.Errorf("buildinfo.go lacks %q, which ldflags stamps", v)
		}
	}
	if got := ldflags("1.0.0", "abc"); !strings.HasPrefix(got, "-s -w ") {
		t.Errorf("ldflags %q do not strip symbols", got)
	}
}

// TestPackedBundleStartsLikeAHost stages a bundle for this machine as the
// release does (without the npm packer) and starts it from its manifest.
func TestPackedBundleStartsLikeAHost(t *testing.T) {
	_, bin := hostBuild(t)
	host := Target{runtime.GOOS, runtime.GOARCH}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "server"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(bin, filepath.Join(dir, "server", host.exe()), 0o755); err != nil {
		t.Fatal(err)
	}
	m, err := newManifest(testVersion, host.OS, host.exe())
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(m)
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := readBundle(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.verify(context.Background(), slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}

	// A manifest that lists a tool the binary does not offer fails the check.
	b.Manifest.Tools = append(b.Manifest.Tools, NamedText{Name: "estate_teleport"})
	if err := b.verify(context.Background(), slog.New(slog.DiscardHandler)); err == nil {
		t.Error("verify accepted a manifest listing a tool the server lacks")
	}
}

// TestManifestMatchesServer: the manifest lists exactly the tools and
// prompts a server with the bundle's widest settings offers to a client.
func TestManifestMatchesServer(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=default"))
	ctx := context.Background()
	lt, err := h.Client.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	lp, err := h.Client.ListPrompts(ctx, mcp.ListPromptsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var tools, prompts []string
	for _, x := range lt.Tools {
		tools = append(tools, x.Name)
	}
	for _, x := range lp.Prompts {
		prompts = append(prompts, x.Name)
	}
	for _, goos := range []string{"darwin", "windows", "linux"} {
		m, err := newManifest(testVersion, goos, Target{OS: goos}.exe())
		if err != nil {
			t.Fatal(err)
		}
		var mt, mp []string
		for _, x := range m.Tools {
			mt = append(mt, x.Name)
			if x.Description == "" {
				t.Errorf("%s: tool %s has no description", goos, x.Name)
			}
			// A tool's line in the bundle is its title, for people; the
			// tool list sends no titles, so they come from elsewhere.
			if len(x.Description) > 60 {
				t.Errorf("%s: tool %s is described by %q, not a short title", goos, x.Name, x.Description)
			}
		}
		for _, x := range m.Prompts {
			mp = append(mp, x.Name)
			if strings.Contains(x.Text, "%!") {
				t.Errorf("%s: prompt %s text is malformed: %q", goos, x.Name, x.Text)
			}
			for _, a := range x.Arguments {
				if !strings.Contains(x.Text, "${arguments."+a+"}") {
					t.Errorf("%s: prompt %s text does not use argument %s", goos, x.Name, a)
				}
			}
		}
		if !slices.Equal(sorted(mt), sorted(tools)) {
			t.Errorf("%s: manifest tools %v, server offers %v", goos, mt, tools)
		}
		if !slices.Equal(sorted(mp), sorted(prompts)) {
			t.Errorf("%s: manifest prompts %v, server offers %v", goos, mp, prompts)
		}
	}
}

func TestManifestShape(t *testing.T) {
	m, err := newManifest(testVersion, "windows", "onoffice-mcp.exe")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		ManifestVersion string `json:"manifest_version"`
		Icon            string `json:"icon"`
		Server          struct {
			Type       string    `json:"type"`
			EntryPoint string    `json:"entry_point"`
			MCPConfig  MCPConfig `json:"mcp_config"`
		} `json:"server"`
		Compatibility Compatibility `json:"compatibility"`
		UserConfig    map[string]struct {
			Type      string `json:"type"`
			Required  bool   `json:"required"`
			Sensitive bool   `json:"sensitive"`
			Default   any    `json:"default"`
		} `json:"user_config"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.ManifestVersion != "0.3" || got.Server.Type != "binary" || got.Icon != "icon.png" {
		t.Errorf("manifest_version %q, server.type %q, icon %q", got.ManifestVersion, got.Server.Type, got.Icon)
	}
	if got.Server.MCPConfig.Command != "${__dirname}/"+got.Server.EntryPoint || got.Server.EntryPoint != "server/onoffice-mcp.exe" {
		t.Errorf("command %q, entry point %q", got.Server.MCPConfig.Command, got.Server.EntryPoint)
	}
	if !slices.Equal(got.Compatibility.Platforms, []string{"win32"}) {
		t.Errorf("platforms %v", got.Compatibility.Platforms)
	}
	for _, key := range []string{"api_token", "api_secret"} {
		s := got.UserConfig[key]
		if !s.Sensitive || s.Required {
			t.Errorf("%s: sensitive %v, required %v; want sensitive and optional (demo mode needs none)", key, s.Sensitive, s.Required)
		}
	}
	if s := got.UserConfig["read_only"]; s.Type != "boolean" || s.Default != true {
		t.Errorf("read_only: %+v, want a boolean on by default", s)
	}
	if s := got.UserConfig["demo"]; s.Type != "boolean" {
		t.Errorf("demo: %+v", s)
	}
	if s := got.UserConfig["confirm"]; s.Type != "string" || s.Default != config.ConfirmWrites {
		t.Errorf("confirm: %+v", s)
	}
	// Every setting reaches the server through one environment variable.
	if len(got.Server.MCPConfig.Env) != len(got.UserConfig) {
		t.Errorf("env %v does not map each of the %d settings", got.Server.MCPConfig.Env, len(got.UserConfig))
	}
	for key := range got.UserConfig {
		found := false
		for _, v := range got.Server.MCPConfig.Env {
			found = found || v == "${user_config."+key+"}"
		}
		if !found {
			t.Errorf("setting %s reaches no environment variable", key)
		}
	}
}

// TestBundleSettingsReachServer: the environment a host builds from the
// settings is what the server reads, and a bad confirmation policy (a free
// string in the manifest) stops it.
func TestBundleSettingsReachServer(t *testing.T) {
	m, err := newManifest(testVersion, "linux", "onoffice-mcp")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(m)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := readBundle(dir)
	if err != nil {
		t.Fatal(err)
	}
	load := func(set map[string]string) (*config.Config, error) {
		cmd, err := b.command(context.Background(), set)
		if err != nil {
			t.Fatal(err)
		}
		env := map[string]string{}
		for _, kv := range cmd.Env {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = v
		}
		return config.Load(nil, func(k string) string { return env[k] }, io.Discard)
	}
	cfg, err := load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.ReadOnly || cfg.Demo || cfg.Guard.Confirm != config.ConfirmWrites {
		t.Errorf("first install: read-only %v, demo %v, confirm %q", cfg.ReadOnly, cfg.Demo, cfg.Guard.Confirm)
	}
	cfg, err = load(map[string]string{"api_token": "tok", "api_secret": "sec", "read_only": "false", "confirm": "destructive", "demo": "true"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Token != "tok" || string(cfg.Secret) != "sec" || cfg.ReadOnly || !cfg.Demo || cfg.Guard.Confirm != config.ConfirmDestructive {
		t.Errorf("settings not applied: %+v", cfg)
	}
	if _, err := load(map[string]string{"confirm": "sometimes"}); err == nil || !strings.Contains(err.Error(), "sometimes") {
		t.Errorf("confirm=sometimes: err %v, want a refusal naming the value", err)
	}
}

func TestIcon(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(iconPNG()))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 256 || b.Dy() != 256 {
		t.Errorf("icon is %v", b)
	}
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
		t.Error("icon corner is not transparent")
	}
	if r, g, b, _ := img.At(128, 100).RGBA(); r != 0xffff || g != 0xffff || b != 0xffff {
		t.Error("icon has no white house in the middle")
	}
}

// thinMachO is a minimal 64-bit Mach-O header without load commands.
func thinMachO(t *testing.T, cpu macho.Cpu, pad int) string {
	t.Helper()
	var buf bytes.Buffer
	hdr := macho.FileHeader{Magic: macho.Magic64, Cpu: cpu, SubCpu: 3, Type: macho.TypeExec}
	if err := binary.Write(&buf, binary.LittleEndian, hdr); err != nil {
		t.Fatal(err)
	}
	buf.Write(make([]byte, 4+pad)) // reserved word of the 64-bit header, then payload
	p := filepath.Join(t.TempDir(), cpu.String())
	if err := os.WriteFile(p, buf.Bytes(), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUniversalBinary(t *testing.T) {
	amd := thinMachO(t, macho.CpuAmd64, 100)
	arm := thinMachO(t, macho.CpuArm64, 20000)
	out := filepath.Join(t.TempDir(), "fat")
	if err := writeUniversal(out, amd, arm); err != nil {
		t.Fatal(err)
	}
	ff, err := macho.OpenFat(out)
	if err != nil {
		t.Fatal(err)
	}
	defer ff.Close()
	raw, _ := os.ReadFile(out)
	if len(ff.Arches) != 2 {
		t.Fatalf("%d slices", len(ff.Arches))
	}
	for i, want := range []struct {
		cpu  macho.Cpu
		path string
	}{{macho.CpuAmd64, amd}, {macho.CpuArm64, arm}} {
		a := ff.Arches[i]
		thin, _ := os.ReadFile(want.path)
		if a.Cpu != want.cpu || a.Offset%(1<<fatAlign) != 0 || !bytes.Equal(raw[a.Offset:a.Offset+a.Size], thin) {
			t.Errorf("slice %d: cpu %v offset %d size %d; want %v, aligned, unchanged", i, a.Cpu, a.Offset, a.Size, want.cpu)
		}
	}
	if err := writeUniversal(out, amd); err == nil {
		t.Error("one slice made a universal binary")
	}
	if err := writeUniversal(out, amd, "release_test.go"); err == nil {
		t.Error("a text file became a slice")
	}
}

func TestBundleSpecs(t *testing.T) {
	bins := map[Target]string{}
	for _, tg := range allTargets {
		bins[tg] = tg.String()
	}
	var got []string
	for _, s := range bundleSpecs(bins) {
		got = append(got, s.Suffix)
	}
	want := []string{"darwin_universal", "linux_amd64", "linux_arm64", "windows_amd64", "windows_arm64"}
	if !slices.Equal(got, want) {
		t.Errorf("bundles %v, want %v", got, want)
	}
}

func TestVersionFlag(t *testing.T) {
	for _, tt := range []struct {
		v  string
		ok bool
	}{{"1.2.0", true}, {"0.0.0-snapshot+abc1234", true}, {"v1.2.0", false}, {"1.2", false}, {"", false}} {
		if err := checkVersion(tt.v); (err == nil) != tt.ok {
			t.Errorf("checkVersion(%q) = %v", tt.v, err)
		}
	}
	if _, err := parseTargets("linux/amd64,plan9/386"); err == nil {
		t.Error("plan9/386 accepted")
	}
}
