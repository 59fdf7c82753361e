package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// module is the import path of the main module; the build stamps its
// buildinfo package.
const module = "github.com/onoffice-mcp/onoffice-mcp"

// Target is one platform of the release.
type Target struct{ OS, Arch string }

func (t Target) String() string { return t.OS + "/" + t.Arch }

// exe is the binary's file name on the target.
func (t Target) exe() string {
	if t.OS == "windows" {
		return "onoffice-mcp.exe"
	}
	return "onoffice-mcp"
}

// allTargets are the platforms every release ships.
var allTargets = []Target{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

func parseTargets(s string) ([]Target, error) {
	if s == "" {
		return allTargets, nil
	}
	var out []Target
	for _, p := range strings.Split(s, ",") {
		goos, arch, _ := strings.Cut(strings.TrimSpace(p), "/")
		t := Target{goos, arch}
		if !slices.Contains(allTargets, t) {
			return nil, fmt.Errorf("unknown target %q: one of %v", p, allTargets)
		}
		out = append(out, t)
	}
	return out, nil
}

type options struct {
	Version, Commit string
	// Time is the commit time: archive entries carry it, so the same
	// commit gives the same archives.
	Time    time.Time
	Out     string
	Targets []Target
	Bundles bool
	Packer  string
}

// semver is the shape of a version: 1.2.3, optionally -pre and +build.
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

func checkVersion(v string) error {
	if !semver.MatchString(v) {
		return fmt.Errorf("version %q is not a semantic version such as 1.2.0 (without a leading v)", v)
	}
	return nil
}

func snapshotVersion(commit string) string {
	short := commit
	if len(short) > 7 {
		short = short[:7]
	}
	if short == "" || short == "unknown" {
		return "0.0.0-snapshot"
	}
	return "0.0.0-snapshot+" + short
}

// gitCommit returns HEAD's hash and time, or "unknown" outside a checkout.
func gitCommit(ctx context.Context) (string, time.Time) {
	out, err := exec.CommandContext(ctx, "git", "log", "-1", "--format=%H %ct").Output()
	if err != nil {
		return "unknown", time.Unix(0, 0).UTC()
	}
	hash, sec, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	n, _ := strconv.ParseInt(sec, 10, 64)
	return hash, time.Unix(n, 0).UTC()
}

// release builds everything into o.Out.
func release(ctx context.Context, o options, log *slog.Logger) error {
	if err := os.RemoveAll(o.Out); err != nil {
		return err
	}
	binDir := filepath.Join(o.Out, "bin")
	start := time.Now()
	binaries := map[Target]string{}
	var artefacts []string
	for _, t := range o.Targets {
		bin := filepath.Join(binDir, t.OS+"_"+t.Arch, t.exe())
		if err := goBuild(ctx, t, o.Version, o.Commit, bin); err != nil {
			return err
		}
		binaries[t] = bin
		archive, err := writeArchive(o, t, bin)
		if err != nil {
			return err
		}
		artefacts = append(artefacts, archive)
	}
	log.Info("built binaries and archives", "targets", len(o.Targets), "took", time.Since(start).Round(time.Millisecond))

	var bundles []string
	if o.Bundles {
		start = time.Now()
		var err error
		if bundles, err = packBundles(ctx, o, binaries); err != nil {
			return err
		}
		artefacts = append(artefacts, bundles...)
		log.Info("packed bundles", "bundles", len(bundles), "took", time.Since(start).Round(time.Millisecond))
	}
	sums, err := writeChecksums(o.Out, artefacts)
	if err != nil {
		return err
	}
	if o.Bundles {
		if err := writeServerJSON(filepath.Join(o.Out, "server.json"), o.Version, bundles, sums); err != nil {
			return err
		}
	}
	log.Info("release ready", "version", o.Version, "commit", o.Commit, "dir", o.Out)
	return nil
}

// ldflags strip the symbol table and DWARF and stamp version and commit.
func ldflags(version, commit string) string {
	pkg := module + "/internal/buildinfo"
	return fmt.Sprintf("-s -w -X %s.version=%s -X %s.commit=%s", pkg, version, pkg, commit)
}

// goBuild compiles a static binary for t.
func goBuild(ctx context.Context, t Target, version, commit, out string) error {
	cmd := exec.CommandContext(ctx, goCmd(), "build", "-trimpath", "-ldflags", ldflags(version, commit), "-o", out, module)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.OS, "GOARCH="+t.Arch)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", t, err, b)
	}
	return nil
}

// goCmd is the go command of the running toolchain, so the release is
// built by the same Go as the tests.
func goCmd() string {
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return "go"
}

func archiveName(version string, t Target) string {
	ext := ".tar.gz"
	if t.OS == "windows" {
		ext = ".zip"
	}
	return fmt.Sprintf("onoffice-mcp_%s_%s_%s%s", version, t.OS, t.Arch, ext)
}

// archiveDocs go into every archive next to the binary.
var archiveDocs = []string{"README.md"}

// writeArchive packs the binary and the README: zip for Windows, tar.gz
// elsewhere.
func writeArchive(o options, t Target, bin string) (string, error) {
	files := []archiveFile{{Name: t.exe(), Path: bin, Mode: 0o755}}
	for _, d := range archiveDocs {
		files = append(files, archiveFile{Name: d, Path: filepath.Join(repoRoot(), d), Mode: 0o644})
	}
	var buf bytes.Buffer
	var err error
	if t.OS == "windows" {
		err = writeZip(&buf, files, o.Time)
	} else {
		err = writeTarGz(&buf, files, o.Time)
	}
	if err != nil {
		return "", fmt.Errorf("archive %s: %w", t, err)
	}
	out := filepath.Join(o.Out, archiveName(o.Version, t))
	return out, os.WriteFile(out, buf.Bytes(), 0o644)
}

type archiveFile struct {
	Name, Path string
	Mode       int64
}

func writeTarGz(w io.Writer, files []archiveFile, mtime time.Time) error {
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			return err
		}
		hdr := &tar.Header{Name: f.Name, Mode: f.Mode, Size: int64(len(data)), ModTime: mtime, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeZip(w io.Writer, files []archiveFile, mtime time.Time) error {
	zw := zip.NewWriter(w)
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			return err
		}
		hdr := &zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: mtime}
		hdr.SetMode(os.FileMode(f.Mode))
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeChecksums writes SHA256SUMS in the format of sha256sum, so
// `sha256sum -c SHA256SUMS` checks a download. It returns the sums by
// file name.
func writeChecksums(dir string, files []string) (map[string]string, error) {
	sums := map[string]string{}
	var b strings.Builder
	for _, f := range files {
		sum, err := fileSHA256(f)
		if err != nil {
			return nil, err
		}
		name := filepath.Base(f)
		sums[name] = sum
		fmt.Fprintf(&b, "%s  %s\n", sum, name)
	}
	return sums, os.WriteFile(filepath.Join(dir, "SHA256SUMS"), []byte(b.String()), 0o644)
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("checksum %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// repoRoot is the main module's directory: the release program runs from
// there (go run ./release) and its tests run from release/.
func repoRoot() string {
	if _, err := os.Stat("go.mod"); err == nil {
		return "."
	}
	return ".."
}
