// Package prompts holds the MCP prompts: ready-made instructions for the
// everyday jobs of an estate agency, written against our tool names.
//
// A prompt is a row of the table below (name, titles, arguments, the tools
// it needs) plus one text template per language under text/
// (<name>.en.tmpl, <name>.de.tmpl). To change what a prompt says, edit its
// templates; to add one, add a row and its two templates.
package prompts

import (
	"bytes"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

// Text is a string in both languages of the prompts.
type Text struct{ EN, DE string }

// In returns the text in lang ("de" or "en").
func (t Text) In(lang string) string {
	if lang == DE {
		return t.DE
	}
	return t.EN
}

// The languages a prompt is written in.
const (
	EN = "en"
	DE = "de"
)

// Prompt is a named, parameterised instruction for the model.
type Prompt struct {
	Name        string
	Title       Text
	Description Text
	// Args are the prompt's own arguments; every prompt also takes
	// "language" (see LanguageArg).
	Args []Arg
	// Tools are the tools the text always names: the prompt is offered
	// only when each of them is reachable.
	Tools []string
	// Optional tools are named only when they are reachable; the text
	// says what to do without them.
	Optional []string
}

// Reach says how a model can call a tool on the server.
type Reach int

const (
	// Unreachable: the server's selection and limits do not let it run.
	Unreachable Reach = iota
	// Direct: the tool is in tools/list.
	Direct
	// ViaDiscovery: not listed, but the discovery tools run it by name.
	ViaDiscovery
)

// Env is what rendering needs from the server.
type Env struct {
	// Reach tells how a tool can be called.
	Reach func(tool string) Reach
	// Language is the default language ("de" or "en").
	Language string
	// Now is the current time in the agency's time zone.
	Now time.Time
}

// Available reports whether the prompt can be followed with the tools env reaches.
func (p Prompt) Available(reach func(string) Reach) bool {
	for _, t := range p.Tools {
		if reach(t) == Unreachable {
			return false
		}
	}
	return true
}

// AllArgs returns the prompt's arguments including language.
func (p Prompt) AllArgs() []Arg { return append(append([]Arg(nil), p.Args...), LanguageArg) }

// Arg returns the argument with the given name.
func (p Prompt) Arg(name string) (Arg, bool) {
	for _, a := range p.AllArgs() {
		if a.Name == name {
			return a, true
		}
	}
	return Arg{}, false
}

//go:embed text/*.tmpl
var textFS embed.FS

// Render checks the arguments and returns the prompt text. Errors name the
// argument, what was wrong and what is allowed.
func (p Prompt) Render(env Env, args map[string]string) (string, error) {
	values := map[string]string{}
	for name := range args {
		if _, ok := p.Arg(name); !ok {
			return "", fmt.Errorf("unknown argument %q of prompt %s; its arguments are: %s", name, p.Name, argNames(p.AllArgs()))
		}
	}
	for _, a := range p.AllArgs() {
		v, err := a.Check(args[a.Name], env)
		if err != nil {
			return "", err
		}
		values[a.Name] = v
	}
	lang := values[LanguageArg.Name]
	tmpl, err := p.template(lang, env)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	data := map[string]any{"A": values, "Today": env.Now.Format(time.DateOnly), "Since": ""}
	if days, err := strconv.Atoi(values["days"]); err == nil {
		// The first day of a period of that many days ending today.
		data["Since"] = env.Now.AddDate(0, 0, -days).Format(time.DateOnly)
	}
	if err := tmpl.Execute(&b, data); err != nil {
		return "", fmt.Errorf("prompt %s: %w", p.Name, err)
	}
	text := strings.TrimSpace(b.String())
	if discovery := p.viaDiscovery(env); len(discovery) > 0 {
		text += "\n\n" + fmt.Sprintf(discoveryNote.In(lang), strings.Join(discovery, ", "))
	}
	return text, nil
}

// DiscoveryMark follows the name of a tool that is not in tools/list but
// run through the discovery tools, as the tool descriptions write it.
const DiscoveryMark = " via " + tools.RunToolName

// discoveryNote ends a prompt that names tools outside tools/list.
var discoveryNote = Text{
	EN: "Not in your tool list: %s. Get their arguments with " + tools.CatalogueToolName + " (names), then run them with " + tools.RunToolName + "; the same checks and confirmations apply.",
	DE: "Nicht in deiner Tool-Liste: %s. Ihre Argumente mit " + tools.CatalogueToolName + " (names) abrufen, dann mit " + tools.RunToolName + " ausführen; es gelten dieselben Prüfungen und Bestätigungen.",
}

// viaDiscovery lists the tools the text names that are reached only
// through the discovery path.
func (p Prompt) viaDiscovery(env Env) []string {
	var out []string
	for _, t := range append(append([]string(nil), p.Tools...), p.Optional...) {
		if env.Reach(t) == ViaDiscovery {
			out = append(out, t)
		}
	}
	return out
}

// template parses the prompt's text in lang with the functions the
// templates use:
//
//	{{tool "x"}}       the tool name, marked when it is reached through discovery
//	{{reachable "x"}}  whether an optional tool can be used
//	{{data .A.text}}   third-party text, enclosed as data (never instructions)
func (p Prompt) template(lang string, env Env) (*template.Template, error) {
	name := p.Name + "." + lang + ".tmpl"
	src, err := textFS.ReadFile("text/" + name)
	if err != nil {
		return nil, fmt.Errorf("prompt %s has no %s text: %w", p.Name, lang, err)
	}
	named := map[string]bool{}
	for _, t := range append(append([]string(nil), p.Tools...), p.Optional...) {
		named[t] = true
	}
	funcs := template.FuncMap{
		"tool": func(t string) (string, error) {
			if !named[t] {
				return "", fmt.Errorf("template names %s, which is not among the prompt's tools", t)
			}
			if env.Reach(t) == ViaDiscovery {
				return t + DiscoveryMark, nil
			}
			return t, nil
		},
		"reachable": func(t string) bool { return env.Reach(t) != Unreachable },
		"data":      condense.Untrusted,
	}
	return template.New(name).Funcs(funcs).Option("missingkey=error").Parse(string(src))
}

// Get returns the prompt with the given name.
func Get(name string) (Prompt, bool) {
	for _, p := range All() {
		if p.Name == name {
			return p, true
		}
	}
	return Prompt{}, false
}

// All returns every prompt.
func All() []Prompt { return append([]Prompt(nil), table...) }
