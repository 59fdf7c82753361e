package tools

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// One value checker for every place a value of a CRM field enters: filter
// conditions, the data of creates and modifies, and the previews built
// from them. It looks at the field's type from the field configuration,
// turns what the person meant into what onOffice stores (a select label
// into its key, 09:30 into 09:30:00) and refuses the rest with what is
// allowed. Docs: docs/writes.md.

// valueUse says where a value goes: filters compare, writes store.
type valueUse int

const (
	forWrite valueUse = iota
	forFilter
)

// fieldSpec is what the checker knows about one field.
type fieldSpec struct {
	onoffice.FieldInfo
	// Kind overrides Type where the configuration says too little: "time"
	// for the HH:MM:SS text fields of tasks.
	Kind string
	// others returns the field in the other languages of the configuration,
	// for select labels; nil when there is no configuration to ask.
	others func() []onoffice.FieldInfo
}

// fieldLanguages are the languages a select label may be given in.
var fieldLanguages = []string{"DEU", "ENG"}

// timeFields are text fields that hold a time of day: the configuration
// calls them varchar of length 8.
var timeFields = map[string]bool{
	"task.Deadline_Zeit": true, "task.Beginnt_um": true, "task.Erinnerungsdatum_Zeit": true,
}

// lookupField is the one place the value checker learns about a field of a
// module: the installation's configuration, then the documented system
// fields (onoffice.ModuleFields.Lookup); nil when neither knows it.
func lookupField(ctx context.Context, env *Env, module, name string) *fieldSpec {
	fi, ok := moduleFields(ctx, env, module).Lookup(name)
	if !ok {
		return nil
	}
	spec := &fieldSpec{FieldInfo: fi, Kind: fi.Type}
	switch {
	case timeFields[module+"."+name]:
		spec.Kind = "time"
	// The configuration shows user fields as text; some carry the measure
	// format DATA_TYPE_USER, the ones that store a login are known by name.
	case fi.MeasureFormat == "DATA_TYPE_USER" || loginUserFields[module+"."+name]:
		spec.Kind = "user"
	}
	if len(fi.Permitted) > 0 {
		spec.others = func() []onoffice.FieldInfo {
			var out []onoffice.FieldInfo
			for _, lang := range fieldLanguages {
				if lang == env.Render.Language || (env.Render.Language == "" && lang == "DEU") {
					continue
				}
				if mf, err := env.Fields.Module(ctx, module, lang); err == nil {
					if f, ok := mf.Lookup(name); ok {
						out = append(out, f)
					}
				}
			}
			return out
		}
	}
	return spec
}

// isSelect reports whether the field takes keys from a list.
func (f *fieldSpec) isSelect() bool {
	return len(f.Permitted) > 0 || f.Kind == "singleselect" || f.Kind == "multiselect"
}

// checkValue checks one value of a field and returns what to send: the
// value itself, or its normal form (a key for a label, a full time).
// A nil spec (a field the configuration does not describe) lets the value
// pass: onOffice judges it.
func checkValue(f *fieldSpec, arg string, v any, use valueUse) (any, error) {
	if f == nil || v == nil {
		return v, nil
	}
	if _, ok := v.(map[string]any); ok {
		return nil, argErrorf(arg, "takes a single value, not an object")
	}
	if list, ok := v.([]any); ok {
		if f.Kind != "multiselect" || use == forFilter {
			return nil, argErrorf(arg, "takes a single value, not a list")
		}
		out := make([]any, len(list))
		for i, e := range list {
			if _, ok := e.(string); !ok {
				if _, ok := e.(float64); !ok {
					return nil, argErrorf(arg, "list entries must be keys")
				}
			}
			k, err := f.selectKey(arg, plainArg(e))
			if err != nil {
				return nil, err
			}
			out[i] = k
		}
		return out, nil
	}
	s := strings.TrimSpace(plainArg(v))
	if s == "" {
		return v, nil // "" clears a field, or finds the empty ones
	}
	if f.isSelect() {
		k, err := f.selectKey(arg, s)
		if err != nil {
			return nil, err
		}
		if k == s {
			return v, nil
		}
		if f.Kind == "integer" || f.Kind == "float" {
			if n, err := strconv.ParseFloat(k, 64); err == nil {
				return n, nil
			}
		}
		return k, nil
	}
	_, isBool := v.(bool)
	switch f.Kind {
	case "integer", "float":
		if isBool {
			return nil, argErrorf(arg, "must be a number, not true/false")
		}
		n, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, argErrorf(arg, "must be a number: digits with a dot for decimals, no thousands separators or units (e.g. 1299.5), got %q", s)
		}
		if f.Kind == "integer" && n != float64(int64(n)) {
			return nil, argErrorf(arg, "must be a whole number, got %q", s)
		}
		if _, isString := v.(string); isString {
			return n, nil
		}
	case "boolean":
		switch strings.ToLower(s) {
		case "1", "true":
			return boolValue(true, use), nil
		case "0", "false":
			return boolValue(false, use), nil
		}
		return nil, argErrorf(arg, "is a yes/no field: give true or false (or 1 or 0), got %q", s)
	case "date":
		if !validTime(time.DateOnly, s) {
			return nil, argErrorf(arg, "must be a date YYYY-MM-DD, got %q", s)
		}
		return s, nil
	case "datetime":
		s = strings.Replace(s, "T", " ", 1)
		switch {
		case validTime(time.DateTime, s):
			return s, nil
		case validTime("2006-01-02 15:04", s):
			return s + ":00", nil
		case use == forFilter && validTime(time.DateOnly, s):
			return s, nil
		case validTime(time.DateOnly, s):
			return nil, argErrorf(arg, "is a date with time: give YYYY-MM-DD HH:MM:SS (e.g. %s 09:00:00), got the date %q alone", s, s)
		}
		return nil, argErrorf(arg, "must be a date with time YYYY-MM-DD HH:MM:SS, got %q", s)
	case "time":
		switch {
		case validTime(time.TimeOnly, s):
			return s, nil
		case validTime("15:04", s):
			return s + ":00", nil
		}
		return nil, argErrorf(arg, "must be a time HH:MM:SS (or HH:MM), got %q", s)
	default:
		if isBool {
			return nil, argErrorf(arg, "must be text, not true/false")
		}
	}
	return v, nil
}

// checkArgValue checks an argument that is not a field of the
// configuration but holds a value of a field type (a date with time, a
// time of day) and puts its normal form in place.
func checkArgValue(kind, arg string, v *string) error {
	n, err := checkValue(&fieldSpec{FieldInfo: onoffice.FieldInfo{Name: arg}, Kind: kind}, arg, *v, forWrite)
	if err != nil {
		return err
	}
	*v = plainArg(n)
	return nil
}

// boolValue is a yes/no as writes take it (true/false) and filters (1/0).
func boolValue(b bool, use valueUse) any {
	if use == forFilter {
		if b {
			return "1"
		}
		return "0"
	}
	return b
}

// validTime reports whether s is a real date or time in layout (no 31 February).
func validTime(layout, s string) bool {
	_, err := time.Parse(layout, s)
	return err == nil
}

// selectKey turns a key or a label of a select field into its key: keys
// first (exact, then ignoring case), then labels of every language of the
// configuration, ignoring case. A label that names several keys is refused.
func (f *fieldSpec) selectKey(arg, s string) (string, error) {
	if _, ok := f.Permitted[s]; ok {
		return s, nil
	}
	for k := range f.Permitted {
		if strings.EqualFold(k, s) {
			return k, nil
		}
	}
	if k, err := f.byLabel(arg, s, []onoffice.FieldInfo{f.FieldInfo}); k != "" || err != nil {
		return k, err
	}
	if f.others != nil {
		if k, err := f.byLabel(arg, s, f.others()); k != "" || err != nil {
			return k, err
		}
	}
	if len(f.Permitted) == 0 {
		return s, nil // a select field without listed keys: onOffice judges
	}
	return "", argErrorf(arg, "%q is neither a key nor a label of %s; allowed (key=label): %s", s, f.Name, allowedKeys(f.Permitted))
}

// byLabel finds the key whose label in one of the configurations is s.
func (f *fieldSpec) byLabel(arg, s string, configs []onoffice.FieldInfo) (string, error) {
	found := map[string]bool{}
	for _, c := range configs {
		for k, l := range c.Permitted {
			if strings.EqualFold(strings.TrimSpace(l), s) {
				found[k] = true
			}
		}
	}
	switch len(found) {
	case 0:
		return "", nil
	case 1:
		return keys(found)[0], nil
	}
	return "", argErrorf(arg, "%q is the label of several keys of %s (%s); give the key", s, f.Name, strings.Join(keys(found), ", "))
}

// allowedKeys lists up to 25 "key=label" pairs, ordered by key.
func allowedKeys(p map[string]string) string {
	ks := keys(p)
	sort.SliceStable(ks, func(i, j int) bool {
		a, errA := strconv.Atoi(ks[i])
		b, errB := strconv.Atoi(ks[j])
		if errA == nil && errB == nil {
			return a < b
		}
		return ks[i] < ks[j]
	})
	more := ""
	if len(ks) > 25 {
		more = fmt.Sprintf(", … (%d in all[[; field_config_get lists them]])", len(ks))
		ks = ks[:25]
	}
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = k + "=" + p[k]
	}
	return strings.Join(parts, ", ") + more
}

// checkData checks the values of a create or modify against the module's
// field configuration and puts their normal form into data.
func checkData(ctx context.Context, env *Env, module, arg string, data map[string]any) error {
	if len(data) == 0 {
		return argErrorf(arg, "give at least one field and its value")
	}
	names := keys(data)
	if err := checkFields(ctx, env, module, arg, names); err != nil {
		return err
	}
	for _, name := range names {
		f := lookupField(ctx, env, module, name)
		if f != nil && f.Documented && f.Kind == "" && len(f.Permitted) == 0 {
			// The docs name the field but say nothing of its values.
			noteUncheckedValue(ctx, module, arg, name)
		}
		if f != nil && f.Kind == "user" {
			v, err := resolveUserValue(ctx, env, module, arg+"."+name, name, data[name])
			if err != nil {
				return err
			}
			data[name] = v
			continue
		}
		v, err := checkValue(f, arg+"."+name, data[name], forWrite)
		if err != nil {
			return err
		}
		data[name] = v
	}
	return nil
}

// checkValues checks the values of filter conditions (like and not like
// take patterns and are left alone) and puts their normal form into the
// filter. Field names are checked by checkFields before.
func (f Filter) checkValues(ctx context.Context, env *Env, module string) error {
	for _, field := range keys(f) {
		spec := lookupField(ctx, env, module, field)
		if spec == nil {
			continue
		}
		arg := "filter." + field
		for i, c := range f[field] {
			if c.Op == "like" || c.Op == "not like" {
				continue
			}
			one := func(v any) (any, error) { return checkValue(spec, arg, v, forFilter) }
			if spec.Kind == "user" {
				one = func(v any) (any, error) { return resolveUserValue(ctx, env, module, arg, field, v) }
			}
			if list, ok := c.Val.([]any); ok {
				out := make([]any, len(list))
				for j, v := range list {
					n, err := one(v)
					if err != nil {
						return err
					}
					out[j] = n
				}
				f[field][i].Val = out
				continue
			}
			n, err := one(c.Val)
			if err != nil {
				return err
			}
			f[field][i].Val = n
		}
	}
	return nil
}
