package tools

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

// Small helpers shared by the module files.

// argsOf returns the JSON form of a value as a map: the arguments of a
// call for "next page" hints, or a typed data object as onOffice takes it.
func argsOf(p any) map[string]any {
	b, _ := json.Marshal(p)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return m
}

// setIf puts an optional parameter into params when ok.
func setIf(params map[string]any, key string, v any, ok bool) {
	if ok {
		params[key] = v
	}
}

// withStructured attaches the structured form of a result when the
// renderer asks for it.
func withStructured(env *Env, out *Result, data map[string]any) *Result {
	if env.Render.Structured {
		out.Structured = data
	}
	return out
}

// text renders an element value as plain text ("" for null).
func text(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// truthy reads the flags of configuration answers: true, 1, "1" or "true".
func truthy(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case float64:
		return t != 0
	case string:
		return t == "1" || t == "true"
	}
	return false
}

// yesNo renders a flag for a person.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// subjectText renders a subject for an answer: CRM text, marked as such.
func subjectText(s string) string {
	if s == "" {
		return "(no subject)"
	}
	return condense.Untrusted(s)
}

// idStrings renders ids as strings.
func idStrings(ids []int) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.Itoa(id)
	}
	return out
}

// joinIDs renders ids as "1, 2, 3".
func joinIDs(ids []int) string {
	return strings.Join(idStrings(ids), ", ")
}

// nonNilIDs makes a missing list an empty one, which onOffice reads as
// "none" rather than "unchanged".
func nonNilIDs(ids []int) []int {
	if ids == nil {
		return []int{}
	}
	return ids
}

// uniqueInts returns the ids sorted, each once.
func uniqueInts(ids []int) []int {
	out := append([]int(nil), ids...)
	sort.Ints(out)
	uniq := out[:0]
	for i, id := range out {
		if i == 0 || id != out[i-1] {
			uniq = append(uniq, id)
		}
	}
	return uniq
}

// uniqueStrings drops repeated entries, keeping the first of each.
func uniqueStrings(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// keyLabels renders select keys in the given order as "key=label"; with
// short, a key whose label is empty or the key itself stands alone.
func keyLabels(order []string, labels map[string]string, short bool) []string {
	out := make([]string, 0, len(order))
	for _, k := range order {
		if short && (labels[k] == "" || labels[k] == k) {
			out = append(out, k)
		} else {
			out = append(out, k+"="+labels[k])
		}
	}
	return out
}
