package condense

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"sync"
	"time"
	_ "time/tzdata"
)

// The rules for unset values and zeros (documented in the README):
//
//   - Always unset: null, "" (also whitespace only), [], {}, and the zero
//     dates 0000-00-00 and 0000-00-00 00:00:00.
//   - The per-type empty values of the field configuration: onOffice sends
//     "0" for an empty integer field, "0.00" for an empty float field and
//     "0" for a user field without a user. The API cannot tell these apart
//     from a real zero, so for integer, float and user fields a zero counts
//     as unset.
//   - Zeros that are kept:
//   - boolean fields: "0" is the value "no" (false), never unset;
//   - select keys: a zero that is a permitted key of the field ("0" =
//     "Nein", estate status 0 = archived) is shown with its label;
//   - zeros a module's rule names (List.Zero), e.g. an estate's price on
//     request;
//   - fields the configuration does not describe (pseudo fields, nested
//     values) keep every zero, because their type is unknown.

// Value renders one element value; ok is false when the value is unset.
// It applies the rules above and resolves select keys to their labels.
func Value(f *onoffice.FieldInfo, v any) (string, bool) {
	c, ok := convert(f, v)
	if !ok {
		return "", false
	}
	return c.text, true
}

// converted is one value ready for output.
type converted struct {
	// text is the display form, data the structured form.
	text string
	data any
	// zero is set for a numeric zero that counts as unset (see the rules).
	zero bool
}

// convert turns a raw element value into display text and structured data;
// ok is false when the value is unset.
func convert(f *onoffice.FieldInfo, v any) (converted, bool) {
	switch t := v.(type) {
	case nil:
		return converted{}, false
	case string:
		return convertString(f, t)
	case bool:
		return converted{text: yesNo(t), data: t}, true
	case float64:
		return convertNumber(f, t, strconv.FormatFloat(t, 'f', -1, 64))
	case json.Number:
		n, err := t.Float64()
		if err != nil {
			return converted{text: t.String(), data: t.String()}, true
		}
		return convertNumber(f, n, t.String())
	case []any:
		return convertList(f, t)
	case map[string]any:
		m := cleanMap(t)
		if len(m) == 0 {
			return converted{}, false
		}
		// A {value, label} pair whose value the field configuration
		// labels shows that label (the appointment list's status sends
		// its key as label too).
		if v, ok := m["value"].(string); ok && f != nil {
			if l := f.Permitted[v]; l != "" {
				return converted{text: l, data: l}, true
			}
		}
		return converted{text: objectText(m), data: m}, true
	}
	s := strings.TrimSpace(toString(v))
	if s == "" {
		return converted{}, false
	}
	return converted{text: s, data: s}, true
}

func convertString(f *onoffice.FieldInfo, raw string) (converted, bool) {
	s := strings.TrimSpace(raw)
	if s == "" || isZeroDate(s) {
		return converted{}, false
	}
	if f == nil {
		return converted{text: compactTime(s), data: raw}, true
	}
	if f.Type == "multiselect" {
		keys := splitPipes(s)
		if len(keys) == 0 {
			return converted{}, false
		}
		labels := make([]any, len(keys))
		texts := make([]string, len(keys))
		for i, k := range keys {
			texts[i] = k
			if l, ok := f.Permitted[k]; ok && l != "" {
				texts[i] = l
			}
			labels[i] = texts[i]
		}
		return converted{text: strings.Join(texts, ", "), data: labels}, true
	}
	if l, ok := f.Permitted[s]; ok && l != "" {
		return converted{text: l, data: l}, true
	}
	switch f.Type {
	case "boolean":
		switch strings.ToLower(s) {
		case "1", "true", "yes", "ja", "j":
			return converted{text: "yes", data: true}, true
		case "0", "false", "no", "nein", "n":
			return converted{text: "no", data: false}, true
		}
	case "integer", "float":
		if n, err := strconv.ParseFloat(s, 64); err == nil {
			return convertNumber(f, n, strconv.FormatFloat(n, 'f', -1, 64))
		}
	case "user":
		if s == "0" {
			return converted{}, false
		}
	case "datetime", "date":
		return converted{text: compactTime(s), data: raw}, true
	}
	return converted{text: s, data: raw}, true
}

// convertNumber applies the zero rule to numbers; text is the number as shown.
func convertNumber(f *onoffice.FieldInfo, n float64, text string) (converted, bool) {
	if f != nil {
		if l, ok := f.Permitted[text]; ok && l != "" {
			return converted{text: l, data: l}, true
		}
		switch f.Type {
		case "integer", "float", "user":
			if n == 0 {
				return converted{zero: true, data: 0.0, text: "0"}, false
			}
		case "boolean":
			return converted{text: yesNo(n != 0), data: n != 0}, true
		}
	}
	return converted{text: text, data: n}, true
}

func convertList(f *onoffice.FieldInfo, list []any) (converted, bool) {
	clean := cleanList(list)
	if len(clean) == 0 {
		return converted{}, false
	}
	var sel *onoffice.FieldInfo
	if f != nil && (f.Type == "multiselect" || f.Type == "singleselect") {
		sel = &onoffice.FieldInfo{Type: "singleselect", Permitted: f.Permitted}
	}
	texts := make([]string, len(clean))
	sep := ", "
	for i, e := range clean {
		if _, obj := e.(map[string]any); obj {
			sep = "; "
		}
		c, _ := convert(sel, e)
		texts[i] = c.text
		if sel != nil {
			clean[i] = c.data // select keys become labels in the structured form too
		}
	}
	return converted{text: strings.Join(texts, sep), data: clean}, true
}

// cleanMap drops unset members (null, "", [], {}, zero dates) recursively.
func cleanMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if cv, ok := clean(v); ok {
			out[k] = cv
		}
	}
	return out
}

func cleanList(list []any) []any {
	out := make([]any, 0, len(list))
	for _, v := range list {
		if cv, ok := clean(v); ok {
			out = append(out, cv)
		}
	}
	return out
}

// clean removes unset parts of a nested value; numbers and booleans are
// kept whatever they are, because nested values have no field type.
func clean(v any) (any, bool) {
	switch t := v.(type) {
	case nil:
		return nil, false
	case string:
		s := strings.TrimSpace(t)
		if s == "" || isZeroDate(s) {
			return nil, false
		}
		return t, true
	case []any:
		l := cleanList(t)
		return l, len(l) > 0
	case map[string]any:
		m := cleanMap(t)
		return m, len(m) > 0
	}
	return v, true
}

// objectText renders a nested object compactly: {value, label} pairs as
// the label, {start, end} as a time range, people as their name with the
// other details in brackets, {id} alone as the id, anything else as
// key=value pairs.
func objectText(m map[string]any) string {
	if label, ok := m["label"].(string); ok && len(m) <= 2 {
		if value, ok := m["value"]; ok && toString(value) != label {
			return label + " [" + toString(value) + "]"
		}
		if _, ok := m["value"]; ok || len(m) == 1 {
			return label
		}
	}
	if start, ok := m["start"].(string); ok {
		if end, ok := m["end"].(string); ok {
			s := timeRange(start, end)
			rest := without(m, "start", "end", "allDay")
			if allDay, _ := m["allDay"].(bool); allDay {
				s += " (all day)"
			}
			if len(rest) > 0 {
				s += ", " + pairsText(rest)
			}
			return s
		}
	}
	if value, ok := m["value"]; ok && len(m) == 2 {
		if typ, ok := m["type"].(string); ok {
			// "other" says nothing a reader could use: a free-text location.
			if typ == "other" {
				return scalarText(value)
			}
			return scalarText(value) + " (" + typ + ")"
		}
	}
	if len(m) == 1 {
		for k, v := range m {
			if k == "id" || k == "value" || k == "name" {
				return scalarText(v)
			}
		}
	}
	first, _ := m["firstName"].(string)
	last, _ := m["lastName"].(string)
	if name := strings.TrimSpace(first + " " + last); name != "" {
		if rest := without(m, "firstName", "lastName"); len(rest) > 0 {
			return name + " (" + pairsText(rest) + ")"
		}
		return name
	}
	if name, ok := m["name"].(string); ok {
		return name + " (" + pairsText(without(m, "name")) + ")"
	}
	return pairsText(m)
}

// without returns m without the given keys.
func without(m map[string]any, keys ...string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

// bareKeys are shown without their name inside an object: their values
// speak for themselves (an e-mail address, a login name).
var bareKeys = map[string]bool{"email": true, "userName": true, "status": true, "confirmationStatus": true}

func pairsText(m map[string]any) string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		// the id first, then by name
		if (ks[i] == "id") != (ks[j] == "id") {
			return ks[i] == "id"
		}
		return ks[i] < ks[j]
	})
	parts := make([]string, len(ks))
	for i, k := range ks {
		if bareKeys[k] {
			parts[i] = scalarText(m[k])
		} else {
			parts[i] = k + "=" + scalarText(m[k])
		}
	}
	return strings.Join(parts, " ")
}

// scalarText renders a nested value inside an object.
func scalarText(v any) string {
	switch t := v.(type) {
	case map[string]any:
		return "(" + objectText(t) + ")"
	case []any:
		parts := make([]string, len(t))
		for i, e := range t {
			parts[i] = scalarText(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case string:
		return compactTime(t)
	case bool:
		return yesNo(t)
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	}
	return toString(v)
}

// timeRange shows start and end, leaving out the end's date when it is the
// start's date: "2026-11-03 10:00–11:00+01:00".
func timeRange(start, end string) string {
	s, e := compactTime(start), compactTime(end)
	sd, st, sok := strings.Cut(s, " ")
	ed, et, eok := strings.Cut(e, " ")
	if sok && eok && sd == ed {
		sz, ez := zoneOf(st), zoneOf(et)
		if sz == ez {
			return sd + " " + strings.TrimSuffix(st, sz) + "–" + et
		}
		return s + "–" + et
	}
	if s == e {
		return s
	}
	return s + " – " + e
}

// zoneOf returns the trailing UTC offset of a time such as 10:00+01:00.
func zoneOf(t string) string {
	if i := strings.LastIndexAny(t, "+-Z"); i > 0 {
		return t[i:]
	}
	return ""
}

// compactTime shortens ISO date-times for display. A time with a UTC offset
// is shown in the agency's local time (onOffice agencies work in German
// time, and a model reading "07:00Z" would tell the user the wrong hour):
// "2026-10-19T07:00:00+00:00" becomes "2026-10-19 09:00+02:00", and
// "2026-11-03 10:00:00" becomes "2026-11-03 10:00". Seconds are always
// left out, so that one table never mixes two formats (structured content
// keeps the exact value). Other strings are returned unchanged.
func compactTime(s string) string {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':' {
		return s
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18} {
		if s[i] < '0' || s[i] > '9' {
			return s
		}
	}
	if len(s) > 19 {
		if t, err := time.Parse(time.RFC3339, strings.Replace(s, " ", "T", 1)); err == nil {
			return t.In(agencyZone()).Format("2006-01-02 15:04-07:00")
		}
	}
	return s[:10] + " " + s[11:16] + s[19:]
}

// agencyZone is the time zone results are shown in.
var agencyZone = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		return time.UTC
	}
	return loc
})

func isZeroDate(s string) bool {
	return s == "0000-00-00" || s == "0000-00-00 00:00:00" || strings.HasPrefix(s, "0000-00-00T00:00:00")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func toString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case bool:
		return yesNo(t)
	case nil:
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func splitPipes(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
