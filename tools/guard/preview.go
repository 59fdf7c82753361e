package guard

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

// Describe returns what a call would do, for a person to confirm: the
// tool's own preview, or, for a tool without one, a generic preview that
// names the records from the id arguments (with their current title) and
// lists the other arguments, showing before → after for the fields of a
// modify. Invalid arguments give the tool's argument error; nothing is
// written either way.
func Describe(ctx context.Context, t tools.Tool, env *tools.Env, args json.RawMessage) (*tools.Preview, error) {
	p, err := t.Preview(ctx, env, args)
	if err != nil {
		return nil, err
	}
	if !isBare(t, p) {
		return p, nil
	}
	obj, err := argsObject(args)
	if err != nil {
		return nil, &tools.ArgError{Message: err.Error()}
	}
	delete(obj, TokenArg)
	return generic(ctx, t, env, obj), nil
}

// isBare reports whether p is the fallback of a tool without a preview builder.
func isBare(t tools.Tool, p *tools.Preview) bool {
	return p == nil || (p.RecordID == "" && len(p.Changes) == 0 && (p.Target == "" || p.Target == t.Title))
}

// recordKind says how to name a record of a resource type.
type recordKind struct {
	noun string
	// resourceType and titleFields read the record's name; empty when the
	// generic preview cannot read this kind of record.
	resourceType string
	titleFields  []string
}

var (
	estateKind  = recordKind{"estate", "estate", []string{"objekttitel"}}
	addressKind = recordKind{"address", "address", []string{"Vorname", "Name", "Zusatz1"}}
)

// kindsByResource names the record of an action's own id argument.
var kindsByResource = map[string]recordKind{
	"estate":         estateKind,
	"address":        addressKind,
	"calendar":       {noun: "appointment"},
	"task":           {noun: "task"},
	"agentslog":      {noun: "activity"},
	"searchcriteria": {noun: "search profile"},
	"relation":       {noun: "relation"},
	"fileRelation":   {noun: "file"},
	"timetracking":   {noun: "time entry"},
}

// idArgKind maps id argument names that always mean the same kind of record.
func idArgKind(name string) (recordKind, bool) {
	n := strings.ToLower(strings.ReplaceAll(name, "_", ""))
	switch {
	case strings.Contains(n, "estate") && strings.HasSuffix(n, "id") || strings.HasSuffix(n, "estateids"):
		return estateKind, true
	case strings.Contains(n, "address") && strings.HasSuffix(n, "id") || strings.HasSuffix(n, "addressids"):
		return addressKind, true
	}
	return recordKind{}, false
}

func isOwnIDArg(name string) bool {
	switch strings.ToLower(name) {
	case "id", "resourceid", "recordid", "recordids", "ids":
		return true
	}
	return false
}

func generic(ctx context.Context, t tools.Tool, env *tools.Env, args map[string]any) *tools.Preview {
	p := &tools.Preview{}
	var targets []string
	var main *namedRecord
	names := sortedKeys(args)
	for _, name := range names {
		var kind recordKind
		switch {
		case isOwnIDArg(name):
			k, ok := kindsByResource[t.ResourceType]
			if !ok {
				k = recordKind{noun: t.ResourceType}
			}
			kind = k
		default:
			k, ok := idArgKind(name)
			if !ok {
				continue
			}
			kind = k
		}
		ids := idList(args[name])
		if len(ids) == 0 {
			continue
		}
		for i, id := range ids {
			if i == 5 {
				targets = append(targets, fmt.Sprintf("and %d more %s records", len(ids)-5, kind.noun))
				break
			}
			r := &namedRecord{kind: kind, id: id}
			if isOwnIDArg(name) && main == nil && len(ids) == 1 {
				main = r
				continue // named below, together with the fields it changes
			}
			r.fetch(ctx, env, nil)
			targets = append(targets, r.String())
		}
		delete(args, name)
	}
	data, _ := args["data"].(map[string]any)
	if main != nil {
		var fields []string
		if t.Verb == onoffice.VerbModify {
			fields = sortedKeys(data)
		}
		main.fetch(ctx, env, fields)
		targets = append([]string{main.String()}, targets...)
		p.RecordID = main.id
	}
	switch {
	case len(targets) > 0:
		p.Target = strings.Join(targets, ", ")
	case t.Verb == onoffice.VerbCreate:
		p.Target = "a new " + nounOf(t)
	default:
		p.Target = t.Title
	}
	if data != nil {
		for _, f := range sortedKeys(data) {
			after := Show(data[f])
			if main != nil && main.values != nil {
				p.Changes = append(p.Changes, fmt.Sprintf("%s: %s → %s", f, stored(main.values[f]), after))
				if p.Before == nil {
					p.Before = map[string]string{}
				}
				p.Before[f] = stored(main.values[f])
				continue
			}
			p.Changes = append(p.Changes, fmt.Sprintf("%s: %s", f, after))
		}
		delete(args, "data")
	}
	for _, name := range sortedKeys(args) {
		p.Changes = append(p.Changes, fmt.Sprintf("%s: %s", name, Show(args[name])))
	}
	return p
}

func nounOf(t tools.Tool) string {
	if k, ok := kindsByResource[t.ResourceType]; ok {
		return k.noun
	}
	return t.ResourceType
}

// namedRecord is a record named in a preview, with its title and, for a
// modify, the current values of the fields it changes.
type namedRecord struct {
	kind   recordKind
	id     string
	title  string
	values map[string]string
}

func (r *namedRecord) String() string {
	if r.title == "" {
		return fmt.Sprintf("%s %s", r.kind.noun, r.id)
	}
	return fmt.Sprintf("%s %s %s", r.kind.noun, r.id, condense.Untrusted(r.title))
}

// fetch reads the record's title and the given fields. Failures only cost
// the name: the preview is still shown.
func (r *namedRecord) fetch(ctx context.Context, env *tools.Env, fields []string) {
	if r.kind.resourceType == "" || env == nil || env.API == nil {
		return
	}
	read := func(data []string) (map[string]any, bool) {
		res, err := env.API.Call(ctx, onoffice.Action{
			Verb: onoffice.VerbRead, ResourceType: r.kind.resourceType, ResourceID: r.id,
			Parameters: map[string]any{"data": data},
		})
		if err != nil || len(res.Records) == 0 {
			return nil, false
		}
		return res.Records[0].Fields(), true
	}
	all := append(append([]string{}, r.kind.titleFields...), fields...)
	el, ok := read(all)
	if !ok && len(fields) > 0 {
		// An unknown field name would fail the whole read; the tool itself
		// reports it when it runs. Name the record at least.
		el, ok = read(r.kind.titleFields)
		fields = nil
	}
	if !ok {
		return
	}
	var parts []string
	for _, f := range r.kind.titleFields {
		if el[f] == nil {
			continue
		}
		if s := Show(el[f]); s != "" {
			parts = append(parts, s)
		}
	}
	r.title = clean(strings.Join(parts, " "), 80)
	if len(fields) > 0 {
		r.values = map[string]string{}
		for _, f := range fields {
			if el[f] != nil {
				r.values[f] = Show(el[f])
			}
		}
	}
}

func idList(v any) []string {
	switch t := v.(type) {
	case json.Number:
		return []string{t.String()}
	case float64:
		return []string{fmt.Sprint(t)}
	case string:
		if s := strings.TrimSpace(t); s != "" && len(s) <= 40 {
			return []string{clean(s, 40)}
		}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, idList(e)...)
		}
		return out
	}
	return nil
}

// stored shows a value read from the CRM: marked as its text, or "(empty)".
func stored(s string) string {
	if s == "" {
		return "(empty)"
	}
	return condense.Name(s)
}

// Show renders an argument value on one line, shortening long texts.
func Show(v any) string {
	switch t := v.(type) {
	case nil:
		return "(empty)"
	case string:
		return clean(t, 120)
	case json.Number:
		return t.String()
	case bool:
		if t {
			return "yes"
		}
		return "no"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return clean(string(b), 200)
}

// clean makes text safe to show on one line: control characters become
// spaces and long texts are cut with a note of how much was left out.
func clean(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + fmt.Sprintf("… (%d more characters)", len(r)-max)
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
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
