package tools

import (
	"regexp"
	"strings"
	"sync"

	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

// Descriptions (of tools, of their arguments, and the server instructions)
// point to other tools. Which tools a model can use depends on the
// selection, so such a pointer is written as a span in double brackets,
// e.g. "Kind/type pairs[[: action_type_list]].", and rendered per
// selection by RenderRefs:
//
//   - a tool the selection lists is named as it is;
//   - a tool reachable only through the discovery tools is named with the
//     way to reach it ("action_type_list via tool_run");
//   - a span naming any tool the selection cannot reach at all (read-only,
//     disable-destructive, exclude-tools, discovery off) is left out whole.
//
// A test checks that every tool name in a description sits inside a span,
// so no selection can render a pointer to a tool the model cannot call.

// Names of the discovery tools (see package mcpserver).
const (
	CatalogueToolName = "tool_catalogue"
	RunToolName       = "tool_run"
)

var (
	refSpanRE = regexp.MustCompile(`\[\[(.*?)\]\]`)
	refNameRE = regexp.MustCompile(`\b[a-z]+(?:_[a-z]+)+\b`)
)

// Reach says how a model can call a catalogue tool under a selection.
type Reach int

const (
	// Unreachable: the selection's limits forbid the tool.
	Unreachable Reach = iota
	// ViaDiscovery: not listed, but tool_run runs it.
	ViaDiscovery
	// Listed: the tool is in tools/list.
	Listed
)

// Reach returns how the selection lets a model call the action.
func (s Selection) Reach(a Action) Reach {
	switch {
	case s.Enabled(a):
		return Listed
	case s.Discovery && s.Allowed(a):
		return ViaDiscovery
	}
	return Unreachable
}

// Reachable returns the tools a model can call under the selection, listed
// or through discovery.
func Reachable(s Selection) []Tool {
	var out []Tool
	for _, t := range All() {
		if s.Reach(t.Action) != Unreachable {
			out = append(out, t)
		}
	}
	return out
}

// HasHidden reports whether discovery reaches tools the selection does not list.
func (s Selection) HasHidden() bool {
	for _, a := range catalogue {
		if s.Reach(a) == ViaDiscovery {
			return true
		}
	}
	return false
}

// RenderRefs renders the tool pointers of a description for the selection.
func (s Selection) RenderRefs(text string) string {
	if !strings.Contains(text, "[[") {
		return text
	}
	return refSpanRE.ReplaceAllStringFunc(text, func(span string) string {
		inner := span[2 : len(span)-2]
		for _, n := range RefNames(inner) {
			if a, _ := Lookup(n); s.Reach(a) == Unreachable {
				return ""
			}
		}
		return refNameRE.ReplaceAllStringFunc(inner, func(n string) string {
			if a, ok := Lookup(n); ok && s.Reach(a) == ViaDiscovery {
				return n + " via " + RunToolName
			}
			return n
		})
	})
}

// RenderText renders the tool pointers of our own sentences in a result,
// an error or a preview (errors and notes write them in [[…]] spans, like
// descriptions), and leaves record data between the «crm-text» markers
// untouched: a CRM value may hold brackets of its own. So may the model's
// values, which previews and errors echo outside the markers: only a span
// this package's source writes (ownSpans) is a pointer, so that no value
// can lose words in the preview a person confirms.
func (s Selection) RenderText(text string) string {
	if !strings.Contains(text, "[[") {
		return text
	}
	return ownText(text, func(own string) string {
		return refSpanRE.ReplaceAllStringFunc(own, func(span string) string {
			if !ownSpanRE().MatchString(span) {
				return span
			}
			return s.RenderRefs(span)
		})
	})
}

// ownSpanRE matches exactly the spans of ownSpans; a formatting verb in
// one (the module in "field_config_get lists the %s fields") matches one
// short word, so a copy made up by the model can hide no sentence.
var ownSpanRE = sync.OnceValue(func() *regexp.Regexp {
	verb := regexp.MustCompile(`%[-+# 0-9.]*[sdqvf]`)
	alts := make([]string, len(ownSpans))
	for i, span := range ownSpans {
		parts := verb.Split(span, -1)
		for j, p := range parts {
			parts[j] = regexp.QuoteMeta(p)
		}
		alts[i] = strings.Join(parts, `[A-Za-z-]{1,20}`)
	}
	return regexp.MustCompile(`^(?:` + strings.Join(alts, "|") + `)$`)
})

// ownText applies f to the parts of text outside the «crm-text» markers:
// our own words. Record data stays as it is; an unclosed marker keeps the
// rest of the text as data.
func ownText(text string, f func(string) string) string {
	var b strings.Builder
	for text != "" {
		own, rest, found := strings.Cut(text, condense.OpenMark)
		b.WriteString(f(own))
		if !found {
			break
		}
		data, after, closed := strings.Cut(rest, condense.CloseMark)
		b.WriteString(condense.OpenMark + data)
		if !closed {
			break
		}
		b.WriteString(condense.CloseMark)
		text = after
	}
	return b.String()
}

// RefNames returns the catalogue tool names a text mentions.
func RefNames(text string) []string {
	var out []string
	for _, n := range refNameRE.FindAllString(text, -1) {
		if _, ok := Lookup(n); ok {
			out = append(out, n)
		}
	}
	return out
}

// UnspannedRefs returns the tool names a description mentions outside of
// [[…]] spans: pointers that no selection could leave out.
func UnspannedRefs(text string) []string {
	return RefNames(refSpanRE.ReplaceAllString(text, ""))
}
