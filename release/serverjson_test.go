package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite ../server.json")

// TestServerJSONCommitted keeps ../server.json equal to what the release
// writes for nextVersion (without checksums: the bundles do not exist
// yet). Regenerate: go test ./release -run TestServerJSONCommitted -update
func TestServerJSONCommitted(t *testing.T) {
	want, err := marshalEntry(registryEntry(nextVersion, releaseBundles(nextVersion)))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../server.json")
	if *update {
		if err := os.WriteFile("../server.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("server.json is out of date: go test ./release -run TestServerJSONCommitted -update")
	}
	checkRegistryFields(t, got, false)
}

// TestServerJSONStamped: the file a release writes names each bundle with
// its SHA-256 and the image of the same version.
func TestServerJSONStamped(t *testing.T) {
	dir := t.TempDir()
	var bundles []string
	sums := map[string]string{}
	for _, b := range releaseBundles("2.0.0") {
		bundles = append(bundles, filepath.Join(dir, b.Name))
		sums[b.Name] = strings.Repeat("ab", 32)
	}
	path := filepath.Join(dir, "server.json")
	if err := writeServerJSON(path, "2.0.0", bundles, sums); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkRegistryFields(t, raw, true)
	if !strings.Contains(string(raw), imageRef+":2.0.0") || !strings.Contains(string(raw), "/releases/download/v2.0.0/onoffice-mcp_2.0.0_darwin_universal.mcpb") {
		t.Errorf("stamped server.json does not name the 2.0.0 image and bundles:\n%s", raw)
	}
}

var (
	registryNameRE = regexp.MustCompile(`^io\.github\.[A-Za-z0-9-]+/[A-Za-z0-9._-]+$`)
	sha256RE       = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// checkRegistryFields asserts what the MCP Registry requires of an entry,
// read as plain JSON so a wrong struct tag cannot hide a missing field.
func checkRegistryFields(t *testing.T, raw []byte, withChecksums bool) {
	t.Helper()
	var e map[string]any
	if err := json.Unmarshal(raw, &e); err != nil {
		t.Fatal(err)
	}
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	if s := str(e, "$schema"); !strings.HasPrefix(s, "https://static.modelcontextprotocol.io/schemas/") || !strings.HasSuffix(s, "/server.schema.json") {
		t.Errorf("$schema %q", s)
	}
	if n := str(e, "name"); !registryNameRE.MatchString(n) {
		t.Errorf("name %q: want io.github.<owner>/<name> (GitHub namespace)", n)
	}
	if d := str(e, "description"); d == "" || len(d) > 100 {
		t.Errorf("description %q: want 1 to 100 characters", d)
	}
	version := str(e, "version")
	if checkVersion(version) != nil {
		t.Errorf("version %q", version)
	}
	if repo, _ := e["repository"].(map[string]any); str(repo, "url") != repoURL || str(repo, "source") != "github" {
		t.Errorf("repository %v", e["repository"])
	}
	pkgs, _ := e["packages"].([]any)
	kinds := map[string]int{}
	for i, p := range pkgs {
		p, _ := p.(map[string]any)
		kind, id := str(p, "registryType"), str(p, "identifier")
		kinds[kind]++
		if tr, _ := p["transport"].(map[string]any); str(tr, "type") != "stdio" {
			t.Errorf("package %d: transport %v", i, p["transport"])
		}
		switch kind {
		case "mcpb":
			if !strings.HasPrefix(id, repoURL+"/releases/download/v"+version+"/") || !strings.HasSuffix(id, ".mcpb") || !strings.Contains(id, "mcp") {
				t.Errorf("mcpb identifier %q: want a release download URL of version %s", id, version)
			}
			if str(p, "version") != version {
				t.Errorf("mcpb %s: version %q", id, str(p, "version"))
			}
			if sum := str(p, "fileSha256"); withChecksums && !sha256RE.MatchString(sum) {
				t.Errorf("mcpb %s: fileSha256 %q", id, sum)
			}
		case "oci":
			if id != imageRef+":"+version {
				t.Errorf("oci identifier %q, want %s:%s", id, imageRef, version)
			}
		default:
			t.Errorf("package %d: registryType %q", i, kind)
		}
		secrets := map[string]bool{}
		for _, v := range p["environmentVariables"].([]any) {
			v, _ := v.(map[string]any)
			if str(v, "name") == "" || str(v, "description") == "" {
				t.Errorf("%s: environment variable without name or description: %v", id, v)
			}
			if _, ok := v["isRequired"].(bool); !ok {
				t.Errorf("%s: %s lacks isRequired", id, str(v, "name"))
			}
			secret, ok := v["isSecret"].(bool)
			if !ok {
				t.Errorf("%s: %s lacks isSecret", id, str(v, "name"))
			}
			secrets[str(v, "name")] = secret
		}
		for _, name := range []string{"ONOFFICE_TOKEN", "ONOFFICE_SECRET"} {
			if !secrets[name] {
				t.Errorf("%s: %s is missing or not marked secret", id, name)
			}
		}
		if secrets["ONOFFICE_READ_ONLY"] || secrets["ONOFFICE_DEMO"] {
			t.Errorf("%s: a plain setting is marked secret", id)
		}
	}
	if kinds["mcpb"] != len(releaseBundles(version)) || kinds["oci"] != 1 {
		t.Errorf("packages %v: want every bundle and one image", kinds)
	}
}
