package sandbox

import (
	"encoding/json"
	"fmt"
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
