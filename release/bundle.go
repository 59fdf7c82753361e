package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// bundleSpec is one .mcpb file: a manifest cannot name a CPU, so each
// bundle carries one binary that runs on the whole of its platform (the
// universal binary on macOS) or, where no such binary exists, one bundle
// per architecture.
type bundleSpec struct {
	OS, Suffix string
	// Binaries are the inputs: one, or two darwin slices to join.
	Binaries []string
}

// bundleSpecs picks the bundles the built binaries allow.
func bundleSpecs(binaries map[Target]string) []bundleSpec {
	var specs []bundleSpec
	amd, okAmd := binaries[Target{"darwin", "amd64"}]
	arm, okArm := binaries[Target{"darwin", "arm64"}]
	switch {
	case okAmd && okArm:
		specs = append(specs, bundleSpec{"darwin", "darwin_universal", []string{amd, arm}})
	case okAmd:
		specs = append(specs, bundleSpec{"darwin", "darwin_amd64", []string{amd}})
	case okArm:
		specs = append(specs, bundleSpec{"darwin", "darwin_arm64", []string{arm}})
	}
	for _, t := range allTargets {
		if bin, ok := binaries[t]; ok && t.OS != "darwin" {
			specs = append(specs, bundleSpec{t.OS, t.OS + "_" + t.Arch, []string{bin}})
		}
	}
	return specs
}

func bundleName(version, suffix string) string {
	return fmt.Sprintf("onoffice-mcp_%s_%s.mcpb", version, suffix)
}

// packBundles stages, validates and packs one bundle per spec and returns
// the .mcpb paths.
func packBundles(ctx context.Context, o options, binaries map[Target]string) ([]string, error) {
	var out []string
	for _, spec := range bundleSpecs(binaries) {
		exe := Target{OS: spec.OS}.exe()
		dir := filepath.Join(o.Out, "bundle", spec.Suffix)
		if err := os.MkdirAll(filepath.Join(dir, "server"), 0o755); err != nil {
			return nil, err
		}
		bin := filepath.Join(dir, "server", exe)
		if len(spec.Binaries) > 1 {
			if err := writeUniversal(bin, spec.Binaries...); err != nil {
				return nil, err
			}
		} else if err := copyFile(spec.Binaries[0], bin, 0o755); err != nil {
			return nil, err
		}
		m, err := newManifest(o.Version, spec.OS, exe)
		if err != nil {
			return nil, err
		}
		raw, err := marshalIndent(m)
		if err != nil {
			return nil, err
		}
		manifest := filepath.Join(dir, "manifest.json")
		if err := os.WriteFile(manifest, raw, 0o644); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, "icon.png"), iconPNG(), 0o644); err != nil {
			return nil, err
		}
		if err := runPacker(ctx, o.Packer, "validate", manifest); err != nil {
			return nil, err
		}
		file, err := filepath.Abs(filepath.Join(o.Out, bundleName(o.Version, spec.Suffix)))
		if err != nil {
			return nil, err
		}
		if err := runPacker(ctx, o.Packer, "pack", dir, file); err != nil {
			return nil, err
		}
		out = append(out, file)
	}
	return out, nil
}

// runPacker runs the mcpb command line, e.g. "npx --yes @anthropic-ai/mcpb@2.1.2".
func runPacker(ctx context.Context, packer string, args ...string) error {
	argv := append(strings.Fields(packer), args...)
	if len(argv) == len(args) {
		return fmt.Errorf("no mcpb packer command given")
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("mcpb %s: %w\n%s", strings.Join(args, " "), err, b)
	}
	return nil
}

func copyFile(src, dst string, mode os.FileMode) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, mode)
}
