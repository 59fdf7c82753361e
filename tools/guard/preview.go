package guard

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

// Describe returns what a call would do, for a person to confirm: the
// tool's own preview. Every tool that changes something has one, which
// names the records it touches the one way package tools names records
// (tools/records.go). Invalid arguments give the tool's argument error;
// nothing is written either way.
func Describe(ctx context.Context, t tools.Tool, env *tools.Env, args json.RawMessage) (*tools.Preview, error) {
	return t.Preview(ctx, env, args)
}

// Text renders a preview for a person: what the tool does, to which
// record, with which changes, and what kind of effect it has, in the
// language of the field labels (lang DEU: German), so that the frame
// matches the German field names and values between its lines.
//
// CRM text in target and changes comes marked (condense.Untrusted); the
// model's own values may hold anything, so every line is checked once more
// to stay one line: a value can never add a line that reads as ours.
func Text(t tools.Tool, p *tools.Preview, lang string) string {
	w := wordsFor(lang)
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n", w.title(t), t.Name)
	if p != nil && p.Target != "" && p.Target != t.Title {
		fmt.Fprintf(&b, "%s: %s\n", w.record, oneLine(p.Target))
	}
	if p != nil && len(p.Changes) > 0 {
		b.WriteString(w.changes + ":\n")
		for _, c := range p.Changes {
			fmt.Fprintf(&b, "  - %s\n", oneLine(c))
		}
	}
	if p != nil && len(p.UncheckedFields) > 0 {
		fmt.Fprintf(&b, "%s: %s\n", w.uncheckedFields, strings.Join(p.UncheckedFields, ", "))
	}
	if p != nil && len(p.UncheckedValues) > 0 {
		fmt.Fprintf(&b, "%s: %s\n", w.uncheckedValues, strings.Join(p.UncheckedValues, ", "))
	}
	b.WriteString(w.effect(t))
	return b.String()
}

// oneLine writes line breaks and other invisible characters of s as
// escapes (\n, \u2028) so that s stays on its line.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return !strconv.IsPrint(r) && r != ' ' && r != '\u00a0' }) {
		return s
	}
	q := strconv.Quote(s)
	return strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
}

// Accept is the line under a confirmation prompt that says what the
// person's choices do.
func Accept(lang string) string { return wordsFor(lang).accept }
