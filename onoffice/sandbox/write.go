package sandbox

import (
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"time"
)

// WriteSpec describes how a module checks the data object of create and modify.
type WriteSpec struct {
	FieldModule string
	// UnknownFieldCode is the error code for a field that does not exist.
	UnknownFieldCode int
	// Pseudo accepts names that are not stored fields (address "email" …);
	// it returns true when it consumed the name.
	Pseudo func(r Record, name string, v any) (bool, error)
}

// applyData checks a create/modify data object and writes it into r.
// System fields are ignored as the API does; select keys must be permitted.
func applyData(s *Store, spec WriteSpec, r Record, data map[string]any) error {
	fields := s.Fields[spec.FieldModule]
	for _, name := range sortedKeys(data) {
		v := data[name]
		if name == "" {
			return Fail(21, "Parameter with empty name")
		}
		f, ok := fields[name]
		if !ok {
			if spec.Pseudo != nil {
				used, err := spec.Pseudo(r, name, v)
				if err != nil {
					return err
				}
				if used {
					continue
				}
			}
			return Fail(orDefault(spec.UnknownFieldCode, 75), "Unknown field: %s", name)
		}
		if f.ReadOnly {
			continue
		}
		native, err := nativeValue(f, name, v)
		if err != nil {
			return err
		}
		if native == nil {
			delete(r, name)
		} else {
			r[name] = native
		}
	}
	return nil
}

// nativeValue converts a written value into the stored type of its field.
func nativeValue(f *Field, name string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch f.Type {
	case "integer", "user":
		if s, ok := v.(string); ok && s == "" {
			return nil, nil
		}
		n, ok := toInt(v)
		if !ok {
			return nil, Fail(228, "Element/parameter %s must be an integer", name)
		}
		return n, nil
	case "float":
		if s, ok := v.(string); ok && s == "" {
			return nil, nil
		}
		n, ok := toFloat(v)
		if !ok {
			return nil, Fail(229, "Element/parameter %s must be a float", name)
		}
		return n, nil
	case "boolean":
		n, ok := toInt(v)
		if !ok || (n != 0 && n != 1) {
			return nil, Fail(255, "Invalid value for %s: 0 or 1 expected", name)
		}
		return n == 1, nil
	case "singleselect":
		key := toText(v)
		if key == "" {
			return nil, nil
		}
		if !permitted(f, key) {
			return nil, Fail(77, "Invalid singleselect key for %s: %s", name, key)
		}
		return key, nil
	case "multiselect":
		list, ok := v.([]any)
		if !ok {
			if s, isStr := v.(string); isStr && s != "" && !strings.Contains(s, "|") {
				list = []any{s}
			} else if isStr && s == "" {
				return nil, nil
			} else {
				return nil, Fail(76, "Invalid multiselect value for %s: an array of keys is expected", name)
			}
		}
		keys := make([]string, 0, len(list))
		for _, e := range list {
			key := toText(e)
			if !permitted(f, key) {
				return nil, Fail(76, "Invalid multiselect key for %s: %s", name, key)
			}
			keys = append(keys, key)
		}
		if len(keys) == 0 {
			return nil, nil
		}
		return keys, nil
	case "date":
		s := toText(v)
		if s == "" {
			return nil, nil
		}
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return nil, Fail(122, "Invalid date for %s: %s", name, s)
		}
		return s, nil
	case "datetime":
		s := toText(v)
		if s == "" {
			return nil, nil
		}
		if len(s) == 10 {
			s += " 00:00:00"
		}
		if _, err := time.Parse("2006-01-02 15:04:05", s); err != nil {
			return nil, Fail(122, "Invalid date for %s: %s", name, s)
		}
		return s, nil
	}
	switch t := v.(type) {
	case string:
		if f.Length > 0 && len([]rune(t)) > f.Length {
			return nil, Fail(255, "Value of %s is longer than %d characters", name, f.Length)
		}
		return t, nil
	case json.Number:
		return t.String(), nil
	case bool:
		return boolText(t), nil
	}
	return nil, Fail(227, "Element/parameter %s must be a string", name)
}

func permitted(f *Field, key string) bool {
	for _, o := range f.Permitted {
		if o.Key == key {
			return true
		}
	}
	return false
}

// commit replaces the contents of r with updated: modify handlers check and
// change a copy (maps.Clone) so that a failed modify changes nothing.
func commit(r, updated Record) {
	clear(r)
	maps.Copy(r, updated)
}

// checkMandatory fails with 254 when a mandatory field is missing on create.
func checkMandatory(s *Store, module string, r Record) error {
	for _, name := range s.FieldOrder[module] {
		if f := s.Fields[module][name]; f.Mandatory && r[name] == nil {
			return Fail(254, "Mandatory field missing: %s", name)
		}
	}
	return nil
}

// stamp formats the server time as a datetime field value.
func stamp(t time.Time) string { return t.Format("2006-01-02 15:04:05") }

// newUUID derives a UUID-shaped, deterministic id from a module and record id.
func newUUID(module string, id int) string {
	h := uint64(14695981039346656037)
	for _, b := range []byte(fmt.Sprintf("%s-%d", module, id)) {
		h ^= uint64(b)
		h *= 1099511628211
	}
	g := h*6364136223846793005 + 1442695040888963407
	return fmt.Sprintf("%08x-%04x-4%03x-a%03x-%012x", uint32(h>>32), uint16(h>>16), uint16(h)&0xfff, uint16(g>>48)&0xfff, g&0xffffffffffff)
}
