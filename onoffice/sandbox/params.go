package sandbox

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Parameter helpers: they read a parameter loosely (as onOffice does: "5"
// and 5 are the same) and fail with error 194/270 when the type is wrong.

func paramInt(p map[string]any, name string, def int) (int, error) {
	v, ok := p[name]
	if !ok || v == nil {
		return def, nil
	}
	if n, ok := toInt(v); ok {
		return n, nil
	}
	return 0, Fail(194, "Wrong type for parameter %s: integer expected", name)
}

func paramString(p map[string]any, name string) (string, error) {
	v, ok := p[name]
	if !ok || v == nil {
		return "", nil
	}
	switch t := v.(type) {
	case string:
		return t, nil
	case json.Number:
		return t.String(), nil
	}
	return "", Fail(227, "Element/parameter %s must be a string", name)
}

// paramTexts reads several string parameters in turn (see paramString).
func paramTexts(p map[string]any, names ...string) ([]string, error) {
	out := make([]string, len(names))
	for i, name := range names {
		v, err := paramString(p, name)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func paramBool(p map[string]any, name string) bool {
	switch t := p[name].(type) {
	case bool:
		return t
	case json.Number:
		return t.String() != "0"
	case string:
		return t == "1" || strings.EqualFold(t, "true")
	}
	return false
}

func paramStrings(p map[string]any, name string) ([]string, error) {
	v, ok := p[name]
	if !ok || v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		if s, isStr := v.(string); isStr {
			return []string{s}, nil
		}
		return nil, Fail(74, "Element/parameter %s must be an array", name)
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		switch t := e.(type) {
		case string:
			out = append(out, t)
		case json.Number:
			out = append(out, t.String())
		default:
			return nil, Fail(291, "Field name is not a string in %s", name)
		}
	}
	return out, nil
}

func paramInts(p map[string]any, name string) ([]int, error) {
	v, ok := p[name]
	if !ok || v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		if n, isNum := toInt(v); isNum {
			return []int{n}, nil
		}
		return nil, Fail(74, "Element/parameter %s must be an array", name)
	}
	out := make([]int, 0, len(list))
	for _, e := range list {
		n, ok := toInt(e)
		if !ok {
			return nil, Fail(228, "Element/parameter %s must contain integers", name)
		}
		out = append(out, n)
	}
	return out, nil
}

func paramObject(p map[string]any, name string) (map[string]any, error) {
	v, ok := p[name]
	if !ok || v == nil {
		return nil, nil
	}
	switch t := v.(type) {
	case map[string]any:
		return t, nil
	case []any:
		if len(t) == 0 {
			return map[string]any{}, nil
		}
	}
	return nil, Fail(194, "Wrong type for parameter %s: object expected", name)
}

// requiredString reads a mandatory string parameter: missing or empty fails
// with 167, a wrong type with 227.
func requiredString(p map[string]any, name string) (string, error) {
	if err := requireParam(p, name); err != nil {
		return "", err
	}
	return paramString(p, name)
}

// dataParam reads the data object of a create or modify: a wrong type fails
// with 194, a missing one with 167.
func dataParam(p map[string]any) (map[string]any, error) {
	data, err := paramObject(p, "data")
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, Fail(167, "Required parameter missing: data")
	}
	return data, nil
}

// changesParam reads a data object that must name at least one change:
// missing fails with 167, empty with 282.
func changesParam(p map[string]any) (map[string]any, error) {
	if err := requireParam(p, "data"); err != nil {
		return nil, err
	}
	data, err := paramObject(p, "data")
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, Fail(282, "No valid parameter given")
	}
	return data, nil
}

// pageParams reads listlimit and listoffset of a paged list: limit defaults
// to def and is capped at max; a negative value fails with 255.
func pageParams(p map[string]any, def, max int) (limit, offset int, err error) {
	if limit, err = paramInt(p, "listlimit", def); err != nil {
		return 0, 0, err
	}
	if offset, err = paramInt(p, "listoffset", 0); err != nil {
		return 0, 0, err
	}
	if limit < 0 || offset < 0 {
		return 0, 0, Fail(255, "Invalid value for parameter listlimit or listoffset")
	}
	return min(limit, max), offset, nil
}

// badLanguage reports whether a given language is not a three-letter
// upper-case code (the empty value is fine: it means the default).
func badLanguage(lang string) bool {
	return lang != "" && (len(lang) != 3 || strings.ToUpper(lang) != lang)
}

// addressRecord returns the address with the id, or fails with 292.
func addressRecord(s *Store, id int) (Record, error) {
	if r := s.Table("address").Get(id); r != nil {
		return r, nil
	}
	return nil, Fail(292, "Unknown address record id %d (missing or no rights)", id)
}

// estateRecord returns the estate (any language version) with the id, or
// fails with 293.
func estateRecord(s *Store, id int) (Record, error) {
	if r := s.Table("estate").Get(id); r != nil {
		return r, nil
	}
	return nil, Fail(293, "Unknown estate record id %d (missing or no rights)", id)
}

// optionalLanguage reads a three-letter language code, "" when absent;
// any other form fails with 160.
func optionalLanguage(p map[string]any, name string) (string, error) {
	lang, err := paramString(p, name)
	if err != nil {
		return "", err
	}
	if badLanguage(lang) {
		return "", Fail(160, "Invalid language: %s", lang)
	}
	return lang, nil
}

// languageParam reads a three-letter language code; DEU when absent.
func languageParam(p map[string]any, name string) (string, error) {
	lang, err := optionalLanguage(p, name)
	if lang == "" && err == nil {
		return "DEU", nil
	}
	return lang, err
}

// recordByResourceID resolves the resource id of a modify: missing or not a
// number fails with 79, an unknown record with 80.
func recordByResourceID(s *Store, table, rid string) (int, Record, error) {
	if rid == "" {
		return 0, nil, Fail(79, "Record id missing")
	}
	id, err := strconv.Atoi(rid)
	if err != nil {
		return 0, nil, Fail(79, "Record id missing or not a number: %s", rid)
	}
	r := s.Table(table).Get(id)
	if r == nil {
		return 0, nil, Fail(80, "Unknown record %d (missing or no rights)", id)
	}
	return id, r, nil
}

// requireParam fails with the documented "required parameter missing" code.
func requireParam(p map[string]any, names ...string) error {
	for _, n := range names {
		v, ok := p[n]
		if !ok || v == nil || v == "" {
			return Fail(167, "Required parameter missing: %s", n)
		}
	}
	return nil
}

func toInt(v any) (int, bool) {
	switch t := v.(type) {
	case int:
		return t, true
	case float64:
		if t == float64(int(t)) {
			return int(t), true
		}
	case json.Number:
		if n, err := strconv.Atoi(t.String()); err == nil {
			return n, true
		}
		if f, err := t.Float64(); err == nil && f == float64(int(f)) {
			return int(f), true
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(t)); err == nil {
			return n, true
		}
	case bool:
		if t {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func toFloat(v any) (float64, bool) {
	switch t := v.(type) {
	case int:
		return float64(t), true
	case float64:
		return t, true
	case json.Number:
		f, err := t.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(t, ",", ".")), 64)
		return f, err == nil
	case bool:
		if t {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// toText renders any parameter value as plain text.
func toText(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case json.Number:
		return t.String()
	case []string:
		return strings.Join(t, ",")
	}
	return fmt.Sprint(v)
}

// ---------------------------------------------------------------------------
// list helpers

// contains reports whether list holds v.
func contains(list []string, v string) bool { return slices.Contains(list, v) }

// hasInt reports whether list holds n.
func hasInt(list []int, n int) bool { return slices.Contains(list, n) }

// intersects reports whether a and b share an id.
func intersects(a, b []int) bool {
	return slices.ContainsFunc(a, func(x int) bool { return hasInt(b, x) })
}

// idStrings renders ids as decimal strings.
func idStrings(ids []int) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.Itoa(id)
	}
	return out
}

// sortedKeys returns the keys of a map in ascending order.
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K { return slices.Sorted(maps.Keys(m)) }
