package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/onoffice-mcp/onoffice-mcp/config"
)

// registrySchema is the server.json format of the official MCP Registry.
const registrySchema = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"

// nextVersion is the version the committed server.json describes; the
// release writes dist/server.json for the version it builds.
const nextVersion = "0.1.0"

// ServerJSON is the server's entry in the MCP Registry.
type ServerJSON struct {
	Schema      string    `json:"$schema"`
	Name        string    `json:"name"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Repository  RepoRef   `json:"repository"`
	Version     string    `json:"version"`
	WebsiteURL  string    `json:"websiteUrl"`
	Packages    []Package `json:"packages"`
}

type RepoRef struct {
	URL    string `json:"url"`
	Source string `json:"source"`
}

type Package struct {
	RegistryType         string     `json:"registryType"`
	Identifier           string     `json:"identifier"`
	Version              string     `json:"version,omitempty"`
	FileSHA256           string     `json:"fileSha256,omitempty"`
	Transport            Transport  `json:"transport"`
	PackageArguments     []Argument `json:"packageArguments,omitempty"`
	EnvironmentVariables []Input    `json:"environmentVariables"`
}

type Transport struct {
	Type string `json:"type"`
}

type Argument struct {
	Type  string `json:"type"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Input is an environment variable the person installing is asked for.
type Input struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	IsRequired  bool     `json:"isRequired"`
	IsSecret    bool     `json:"isSecret"`
	Format      string   `json:"format"`
	Default     string   `json:"default,omitempty"`
	Choices     []string `json:"choices,omitempty"`
}

// registryBundle is one .mcpb of a release; SHA256 is empty before it is built.
type registryBundle struct{ Name, SHA256 string }

// registryEntry describes the release version with its bundles and image.
func registryEntry(version string, bundles []registryBundle) ServerJSON {
	var inputs []Input
	for _, s := range userSettings {
		in := Input{Name: s.Env, Description: s.Description, IsSecret: s.Sensitive, Format: s.Type}
		if s.Default != nil {
			in.Default = fmt.Sprint(s.Default)
		}
		if s.Env == "ONOFFICE_CONFIRM" {
			in.Choices = []string{config.ConfirmWrites, config.ConfirmDestructive, config.ConfirmOff}
		}
		inputs = append(inputs, in)
	}
	e := ServerJSON{
		Schema:      registrySchema,
		Name:        registryName,
		Title:       "onOffice enterprise",
		Description: description,
		Repository:  RepoRef{URL: repoURL, Source: "github"},
		Version:     version,
		WebsiteURL:  repoURL,
	}
	for _, b := range bundles {
		e.Packages = append(e.Packages, Package{
			RegistryType:         "mcpb",
			Identifier:           fmt.Sprintf("%s/releases/download/v%s/%s", repoURL, version, b.Name),
			Version:              version,
			FileSHA256:           b.SHA256,
			Transport:            Transport{Type: "stdio"},
			EnvironmentVariables: inputs,
		})
	}
	// The image serves HTTP by default; a host that starts it per session
	// talks stdio.
	e.Packages = append(e.Packages, Package{
		RegistryType:         "oci",
		Identifier:           imageRef + ":" + version,
		Transport:            Transport{Type: "stdio"},
		PackageArguments:     []Argument{{Type: "named", Name: "--transport", Value: "stdio"}},
		EnvironmentVariables: inputs,
	})
	return e
}

// releaseBundles names the bundles of a full release, without checksums.
func releaseBundles(version string) []registryBundle {
	bins := map[Target]string{}
	for _, t := range allTargets {
		bins[t] = t.String()
	}
	var out []registryBundle
	for _, s := range bundleSpecs(bins) {
		out = append(out, registryBundle{Name: bundleName(version, s.Suffix)})
	}
	return out
}

func marshalEntry(e ServerJSON) ([]byte, error) { return marshalIndent(e) }

// marshalIndent writes JSON for people to read: indented, with < > &
// left as they are.
func marshalIndent(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return b.Bytes(), err
}

// writeServerJSON writes the entry of a built release: the bundles with
// their checksums.
func writeServerJSON(path, version string, bundles []string, sums map[string]string) error {
	var rb []registryBundle
	for _, b := range bundles {
		name := filepath.Base(b)
		rb = append(rb, registryBundle{Name: name, SHA256: sums[name]})
	}
	raw, err := marshalEntry(registryEntry(version, rb))
	if err != nil {
		return err
	}
	return os.WriteFile(path, raw, 0o644)
}
