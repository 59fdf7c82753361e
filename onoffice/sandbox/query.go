package sandbox

import (
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// ListSpec describes a module for the generic list reader, which serves the
// read calls of estates, addresses, tasks, agents log and the like.
type ListSpec struct {
	Table       string // store table
	FieldModule string // module id in the field configuration
	RecordType  string // "type" of each output record
	// UnknownFieldCode is the error code for an unknown name in data.
	UnknownFieldCode int
	// DefaultLimit and MaxLimit bound listlimit (defaults 20 and 500).
	DefaultLimit, MaxLimit int
	// Pseudo answers names that are not stored fields (address "phone" …);
	// ok false means the name is unknown to it.
	Pseudo func(r Record, name string, out map[string]any) bool
	// Include filters records before any parameter is applied.
	Include func(r Record) bool
	// IDInElements puts the id into the elements under this key.
	IDInElements string
	// Decorate adds elements that flags (not data) ask for.
	Decorate func(r Record, out map[string]any)
	// Lookup resolves a resource id to a record (default: by Id).
	Lookup func(t *Table, c *Call) Record
}

// readList serves a read call: resource id or filter, sort, paging and field projection.
func readList(s *Store, c *Call, spec ListSpec) (*Answer, error) {
	fields := s.Fields[spec.FieldModule]
	data, err := paramStrings(c.Params, "data")
	if err != nil {
		return nil, err
	}
	for _, name := range data {
		if _, ok := fields[name]; ok {
			continue
		}
		if spec.Pseudo != nil && spec.Pseudo(Record{}, name, map[string]any{}) {
			continue
		}
		return nil, Fail(orDefault(spec.UnknownFieldCode, 75), "Unknown field: %s", name)
	}
	format := paramBool(c.Params, "formatoutput")
	lang, _ := paramString(c.Params, "outputlanguage")
	if lang == "" {
		lang = "DEU"
	}
	table := s.Table(spec.Table)

	var matched []Record
	if c.ResourceID != "" {
		var r Record
		if spec.Lookup != nil {
			r = spec.Lookup(table, c)
		} else if id, err := strconv.Atoi(c.ResourceID); err == nil {
			r = table.Get(id)
		}
		if r != nil && (spec.Include == nil || spec.Include(r)) {
			matched = []Record{r}
		}
	} else {
		conds, err := parseFilter(c.Params, fields)
		if err != nil {
			return nil, err
		}
		// filterid applies a saved filter (estates_filters.go).
		saved, err := savedFilterConditions(s, spec.FieldModule, c.Params)
		if err != nil {
			return nil, err
		}
		conds = append(conds, saved...)
		for _, r := range table.Records {
			if spec.Include != nil && !spec.Include(r) {
				continue
			}
			if matchAll(r, conds) {
				matched = append(matched, r)
			}
		}
		if err := sortRecords(matched, c.Params, fields); err != nil {
			return nil, err
		}
	}

	total := len(matched)
	limit, offset, err := pageParams(c.Params, orDefault(spec.DefaultLimit, 20), orDefault(spec.MaxLimit, 500))
	if err != nil {
		return nil, err
	}
	page := pageOf(matched, offset, limit)

	out := make([]OutRecord, 0, len(page))
	for _, r := range page {
		el := map[string]any{}
		if spec.IDInElements != "" {
			el[spec.IDInElements] = idOf(r)
		}
		if spec.Decorate != nil {
			spec.Decorate(r, el)
		}
		for _, name := range data {
			if f, ok := fields[name]; ok {
				el[name] = formatValue(f, r[name], format, lang)
				continue
			}
			spec.Pseudo(r, name, el)
		}
		out = append(out, OutRecord{ID: idOf(r), Type: spec.RecordType, Elements: el})
	}
	return &Answer{Records: out, Total: Counted(total), Cacheable: true}, nil
}

// pageOf is the page [offset, offset+limit) of a list, nil past its end.
func pageOf[T any](rs []T, offset, limit int) []T {
	if offset >= len(rs) {
		return nil
	}
	end := offset + limit
	if end > len(rs) {
		end = len(rs)
	}
	return rs[offset:end]
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// condition is one {op, val} entry of a filter.
type condition struct {
	field string
	typ   string
	op    string
	val   any
	re    *regexp.Regexp
}

var filterOps = map[string]string{
	"=": "=", "is": "=", "!=": "!=", "<>": "!=", ">": ">", "<": "<", ">=": ">=", "<=": "<=",
	"between": "between", "like": "like", "not like": "not like", "in": "in", "not in": "not in",
}

var multiselectOps = map[string]bool{"=": true, "!=": true, "like": true, "not like": true, "in": true, "not in": true}

// parseFilter reads the filter parameter against the module's fields.
func parseFilter(p map[string]any, fields map[string]*Field) ([]condition, error) {
	f, err := paramObject(p, "filter")
	if err != nil || f == nil {
		return nil, err
	}
	var out []condition
	for _, name := range sortedKeys(f) {
		field, ok := fields[name]
		if !ok {
			return nil, Fail(141, "Unknown field in filter: %s", name)
		}
		list, ok := f[name].([]any)
		if !ok {
			return nil, Fail(257, "Filter validation failed: conditions of %s must be an array", name)
		}
		for _, e := range list {
			obj, ok := e.(map[string]any)
			if !ok {
				return nil, Fail(257, "Filter validation failed: condition of %s must be an object with op and val", name)
			}
			rawOp, _ := obj["op"].(string)
			op, ok := filterOps[strings.ToLower(strings.TrimSpace(rawOp))]
			if !ok {
				return nil, Fail(142, "Unknown filter operator: %s", rawOp)
			}
			if field.Type == "multiselect" && !multiselectOps[op] {
				return nil, Fail(232, "Multiselect field %s only filterable with =, !=, like, not like, in, not in", name)
			}
			c := condition{field: name, typ: field.Type, op: op, val: obj["val"]}
			switch op {
			case "in", "not in":
				if _, ok := c.val.([]any); !ok {
					c.val = []any{c.val}
				}
			case "between":
				list, ok := c.val.([]any)
				if !ok || len(list) != 2 {
					return nil, Fail(257, "Filter validation failed: between on %s needs [from, to]", name)
				}
			case "like", "not like":
				c.re = likePattern(toText(c.val))
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func likePattern(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("(?is)^")
	for _, r := range p {
		switch r {
		case '%':
			b.WriteString(".*")
		case '_':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

func matchAll(r Record, conds []condition) bool {
	for _, c := range conds {
		if !c.match(r[c.field]) {
			return false
		}
	}
	return true
}

func (c condition) match(stored any) bool {
	if c.typ == "multiselect" {
		keys, _ := stored.([]string)
		has := func(v any) bool {
			for _, k := range keys {
				if strings.EqualFold(k, toText(v)) {
					return true
				}
			}
			return false
		}
		switch c.op {
		case "=":
			return has(c.val)
		case "!=":
			return !has(c.val)
		case "in", "not in":
			found := false
			for _, v := range c.val.([]any) {
				found = found || has(v)
			}
			return found == (c.op == "in")
		case "like", "not like":
			return c.re.MatchString(pipeJoin(keys)) == (c.op == "like")
		}
		return false
	}
	switch c.op {
	case "=":
		return compare(c.typ, stored, c.val) == 0
	case "!=":
		return compare(c.typ, stored, c.val) != 0
	case ">":
		return compare(c.typ, stored, c.val) > 0
	case "<":
		return compare(c.typ, stored, c.val) < 0
	case ">=":
		return compare(c.typ, stored, c.val) >= 0
	case "<=":
		return compare(c.typ, stored, c.val) <= 0
	case "between":
		b := c.val.([]any)
		return compare(c.typ, stored, b[0]) >= 0 && compare(c.typ, stored, b[1]) <= 0
	case "in", "not in":
		found := false
		for _, v := range c.val.([]any) {
			if compare(c.typ, stored, v) == 0 {
				found = true
				break
			}
		}
		return found == (c.op == "in")
	case "like", "not like":
		return c.re.MatchString(plainText(stored)) == (c.op == "like")
	}
	return false
}

// compare orders a stored value against a filter value by the field type.
func compare(typ string, stored, val any) int {
	switch typ {
	case "integer", "float", "boolean", "user":
		a, _ := toFloat(orZero(stored))
		b, ok := toFloat(orZero(val))
		if !ok {
			return strings.Compare(plainText(stored), toText(val))
		}
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	case "date", "datetime":
		a, b := plainText(stored), toText(val)
		// A date compares with a datetime by its day when one side has no time.
		if len(a) > len(b) && len(b) == 10 {
			a = a[:10]
		} else if len(b) > len(a) && len(a) == 10 {
			b = b[:10]
		}
		return strings.Compare(a, b)
	}
	return strings.Compare(strings.ToLower(plainText(stored)), strings.ToLower(toText(val)))
}

func orZero(v any) any {
	if v == nil {
		return 0
	}
	return v
}

// plainText is a stored value as comparable text.
func plainText(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case int:
		return strconv.Itoa(t)
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case bool:
		return boolText(t)
	case []string:
		return pipeJoin(t)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func pipeJoin(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	return "|" + strings.Join(keys, "||") + "|"
}

// sortRecords applies sortby (object or field name with sortorder).
func sortRecords(rs []Record, p map[string]any, fields map[string]*Field) error {
	type key struct {
		field string
		desc  bool
	}
	var keys []key
	switch sb := p["sortby"].(type) {
	case nil:
	case string:
		if sb == "" {
			break
		}
		order, _ := paramString(p, "sortorder")
		keys = append(keys, key{sb, strings.EqualFold(order, "DESC")})
	case map[string]any:
		// JSON objects lose their key order in Go maps; keep it deterministic.
		for _, n := range sortedKeys(sb) {
			dir := toText(sb[n])
			if !strings.EqualFold(dir, "ASC") && !strings.EqualFold(dir, "DESC") {
				return Fail(255, "Invalid sort direction for %s: %s", n, dir)
			}
			keys = append(keys, key{n, strings.EqualFold(dir, "DESC")})
		}
	case []any:
		if len(sb) == 0 {
			break
		}
		return Fail(194, "Wrong type for parameter sortby")
	default:
		return Fail(194, "Wrong type for parameter sortby")
	}
	for _, k := range keys {
		if _, ok := fields[k.field]; !ok {
			return Fail(212, "Unknown sort field: %s", k.field)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	sort.SliceStable(rs, func(i, j int) bool {
		for _, k := range keys {
			c := compare(fields[k.field].Type, rs[i][k.field], sortValue(rs[j][k.field]))
			if c == 0 {
				continue
			}
			if k.desc {
				return c > 0
			}
			return c < 0
		}
		return false
	})
	return nil
}

// searchInput reads the input of a quick search, trimmed: empty fails with
// 69, a single character with 151 (tooShort is the message).
func searchInput(p map[string]any, tooShort string) (string, error) {
	input, err := paramString(p, "input")
	if err != nil {
		return "", err
	}
	input = strings.TrimSpace(input)
	if input == "" {
		return "", Fail(69, "Search input must not be empty")
	}
	if len([]rune(input)) < 2 {
		return "", Fail(151, "%s", tooShort)
	}
	return input, nil
}

// sortDescParam reads sortorder (ASC or DESC, any case) and reports whether
// it asks for descending order; other values fail with 255.
func sortDescParam(p map[string]any) (bool, error) {
	order, err := paramString(p, "sortorder")
	if err != nil {
		return false, err
	}
	if order != "" && !strings.EqualFold(order, "ASC") && !strings.EqualFold(order, "DESC") {
		return false, Fail(255, "Invalid value for parameter sortorder: %s", order)
	}
	return strings.EqualFold(order, "DESC"), nil
}

// sortValue turns a stored value into the shape compare expects as its right side.
func sortValue(v any) any {
	if s, ok := v.([]string); ok {
		return pipeJoin(s)
	}
	return v
}
