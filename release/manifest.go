package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"slices"

	"github.com/onoffice-mcp/onoffice-mcp/config"
	"github.com/onoffice-mcp/onoffice-mcp/prompts"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
)

const (
	repoURL = "https://github.com/" + "onoffice-mcp/onoffice-mcp"
	// registryName is the server's name in the MCP Registry.
	registryName = "io.github.onoffice-mcp/onoffice-mcp"
	// image is the container image the release publishes.
	imageRef    = "ghcr.io/onoffice-mcp/onoffice-mcp"
	description = "onOffice enterprise real-estate CRM: estates, contacts, appointments; writes need your OK"
)

// Manifest is an MCP Bundle's manifest.json (manifest_version 0.3).
type Manifest struct {
	ManifestVersion string         `json:"manifest_version"`
	Name            string         `json:"name"`
	DisplayName     string         `json:"display_name"`
	Version         string         `json:"version"`
	Description     string         `json:"description"`
	LongDescription string         `json:"long_description"`
	Author          Author         `json:"author"`
	Repository      Repository     `json:"repository"`
	Homepage        string         `json:"homepage"`
	Documentation   string         `json:"documentation"`
	Support         string         `json:"support"`
	Icon            string         `json:"icon"`
	Server          Server         `json:"server"`
	Tools           []NamedText    `json:"tools"`
	Prompts         []Prompt       `json:"prompts"`
	Keywords        []string       `json:"keywords"`
	Compatibility   Compatibility  `json:"compatibility"`
	UserConfig      UserConfigList `json:"user_config"`
}

type Author struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type Repository struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

type Server struct {
	Type       string    `json:"type"`
	EntryPoint string    `json:"entry_point"`
	MCPConfig  MCPConfig `json:"mcp_config"`
}

// MCPConfig is how the host starts the server: ${__dirname} is the
// unpacked bundle, ${user_config.KEY} a setting.
type MCPConfig struct {
	Command string            `json:"command"`
	Args    []string          `json:"args"`
	Env     map[string]string `json:"env"`
}

type NamedText struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

type Prompt struct {
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Arguments   []string `json:"arguments,omitempty"`
	Text        string   `json:"text"`
}

type Compatibility struct {
	Platforms []string `json:"platforms"`
}

// UserSetting is one entry of user_config: the host asks for it when the
// bundle is installed and keeps sensitive values in the OS keychain.
type UserSetting struct {
	Key         string `json:"-"`
	Type        string `json:"type"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Required    bool   `json:"required"`
	Sensitive   bool   `json:"sensitive,omitempty"`
	Default     any    `json:"default,omitempty"`
	// Env is the environment variable the setting becomes.
	Env string `json:"-"`
}

// UserConfigList keeps the settings in the order a person fills them in
// (a Go map would sort them by key).
type UserConfigList []UserSetting

func (l UserConfigList) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, s := range l {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(s.Key)
		v, err := json.Marshal(s)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// userSettings are the bundle's settings. The token and secret are not
// required: demo mode runs without them.
var userSettings = UserConfigList{
	{Key: "api_token", Type: "string", Title: "onOffice API token", Sensitive: true, Env: "ONOFFICE_TOKEN",
		Description: "API user token from onOffice enterprise (Extras > Settings > User > API user). Leave empty in demo mode."},
	{Key: "api_secret", Type: "string", Title: "onOffice API secret", Sensitive: true, Env: "ONOFFICE_SECRET",
		Description: "Secret of that API user. Leave empty in demo mode."},
	{Key: "read_only", Type: "boolean", Title: "Read-only", Default: true, Env: "ONOFFICE_READ_ONLY",
		Description: "Only read: the assistant gets no tool that writes, deletes or sends, and the server refuses every write. Switch off to let it change records."},
	{Key: "confirm", Type: "string", Title: "Confirmation before changes", Default: config.ConfirmWrites, Env: "ONOFFICE_CONFIRM",
		Description: "Which changes you confirm before they run: writes (every write, delete and e-mail), destructive (deletes and e-mails only) or off. Any other value stops the server with an error."},
	{Key: "demo", Type: "boolean", Title: "Demo mode", Default: false, Env: "ONOFFICE_DEMO",
		Description: "Work on a built-in sample agency instead of your onOffice account; no token needed."},
}

// offered asks the server itself what it lists with the bundle's widest
// settings (read-only off), so the manifest cannot drift from it: the
// catalogue tools of the default toolset, the discovery tools when some
// tools stay unlisted, and the prompts whose tools are all there.
func offered() ([]NamedText, []prompts.Prompt, error) {
	env := map[string]string{}
	for _, s := range userSettings {
		if s.Default != nil {
			env[s.Env] = fmt.Sprint(s.Default)
		}
	}
	env["ONOFFICE_READ_ONLY"] = "false"
	env["ONOFFICE_DEMO"] = "true" // no account: the server is only asked what it lists
	cfg, err := config.Load(nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		return nil, nil, fmt.Errorf("bundle defaults: %w", err)
	}
	log := slog.New(slog.DiscardHandler)
	g, err := mcpserver.GuardFor(cfg, io.Discard)
	if err != nil {
		return nil, nil, fmt.Errorf("bundle defaults: %w", err)
	}
	defer g.Close()
	srv := mcpserver.New(mcpserver.Options{
		Env: mcpserver.EnvFor(cfg, mcpserver.Client(cfg, log), log), Selection: mcpserver.SelectionFor(cfg), Logger: log, Guard: g,
	})
	listed := srv.ListTools()
	var out []NamedText
	for _, t := range tools.All() { // catalogue order
		if _, ok := listed[t.Name]; ok {
			out = append(out, NamedText{Name: t.Name, Description: t.Title})
			delete(listed, t.Name)
		}
	}
	var rest []string
	for name := range listed {
		rest = append(rest, name)
	}
	slices.Sort(rest)
	for _, name := range rest {
		t := listed[name].Tool
		title := cmp.Or(mcpserver.DiscoveryTitle(name), t.Title, t.Annotations.Title, t.Description)
		out = append(out, NamedText{Name: name, Description: title})
	}
	var ps []prompts.Prompt
	listedPrompts := srv.ListPrompts()
	for _, p := range prompts.All() {
		if _, ok := listedPrompts[p.Name]; ok {
			ps = append(ps, p)
		}
	}
	return out, ps, nil
}

// platforms maps GOOS to the names the manifest uses.
var platforms = map[string]string{"darwin": "darwin", "windows": "win32", "linux": "linux"}

// newManifest describes the bundle for goos; exe is the binary's name.
func newManifest(version, goos, exe string) (*Manifest, error) {
	offeredTools, offeredPrompts, err := offered()
	if err != nil {
		return nil, err
	}
	m := &Manifest{
		ManifestVersion: "0.3",
		Name:            "onoffice-mcp",
		DisplayName:     "onOffice enterprise",
		Version:         version,
		Description:     description,
		LongDescription: "Connects your assistant to your agency's onOffice enterprise CRM: search estates and contacts, read appointments, tasks and e-mails, match prospects, and, when you allow it, create and update records. Read-only is on until you switch it off; every change is shown to you for confirmation first. Demo mode tries it on a sample agency without an account.",
		Author:          Author{Name: "onoffice-mcp contributors", URL: repoURL},
		Repository:      Repository{Type: "git", URL: repoURL},
		Homepage:        repoURL,
		Documentation:   repoURL + "#readme",
		Support:         repoURL + "/issues",
		Icon:            "icon.png",
		Server: Server{
			Type:       "binary",
			EntryPoint: "server/" + exe,
			MCPConfig: MCPConfig{
				Command: "${__dirname}/server/" + exe,
				Args:    []string{},
				Env:     map[string]string{},
			},
		},
		Keywords:      []string{"onoffice", "real-estate", "crm", "immobilien", "makler"},
		Compatibility: Compatibility{Platforms: []string{platforms[goos]}},
		UserConfig:    userSettings,
	}
	for _, s := range userSettings {
		m.Server.MCPConfig.Env[s.Env] = "${user_config." + s.Key + "}"
	}
	m.Tools = offeredTools
	// Prompt texts are rendered by the server for the agency's language,
	// tools and date, and check their arguments; the manifest carries the
	// job and the arguments in the host's placeholders.
	for _, p := range offeredPrompts {
		var names []string
		text := p.Description.In(prompts.EN)
		for _, a := range p.Args {
			names = append(names, a.Name)
			text += "\n" + a.Name + ": ${arguments." + a.Name + "}"
		}
		m.Prompts = append(m.Prompts, Prompt{Name: p.Name, Description: p.Title.In(prompts.EN), Arguments: names, Text: text})
	}
	return m, nil
}
