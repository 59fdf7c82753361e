package tools

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"github.com/invopop/jsonschema"
	orderedmap "github.com/pb33f/ordered-map/v2"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

// Condition is one {op, val} entry of an onOffice filter.
type Condition struct {
	Op  string `json:"op" jsonschema:"required"`
	Val Value  `json:"val" jsonschema:"required"`
}

// filterOps are the operators onOffice's filters know. The server
// instructions list them once; Filter.UnmarshalJSON checks them for every
// tool, so the dozen filter schemas need not each repeat them as an enum.
var filterOps = []string{"=", "!=", "<", ">", "<=", ">=", "between", "like", "not like", "in", "not in"}

// opSpellings are the operators of other query languages (SQL, Mongo,
// OData) that models reach for; the error names onOffice's one instead of
// the nearest by spelling ("eq" is closer to "!=" than to "=").
var opSpellings = map[string]string{
	"eq": "=", "equals": "=", "==": "=", "is": "=",
	"ne": "!=", "neq": "!=", "<>": "!=", "not": "!=",
	"lt": "<", "gt": ">", "le": "<=", "lte": "<=", "ge": ">=", "gte": ">=",
	"contains": "like", "ilike": "like", "matches": "like",
	"not contains": "not like", "notlike": "not like", "not_like": "not like", "nlike": "not like",
	"nin": "not in", "notin": "not in", "not_in": "not in",
	"range": "between", "btw": "between",
}

// Value is a filter value: a string or number, or a list of them for in,
// not in and between.
type Value any

// JSONSchema keeps the filter value open to the scalar and list forms.
func (Condition) JSONSchema() *jsonschema.Schema {
	props := orderedmap.New[string, *jsonschema.Schema]()
	props.Set("op", &jsonschema.Schema{Type: "string"})
	scalar := []*jsonschema.Schema{{Type: "string"}, {Type: "number"}}
	// How val is written for in, between and like is said once in the
	// server instructions, not in each of the dozen filter schemas.
	props.Set("val", &jsonschema.Schema{
		AnyOf: append(append([]*jsonschema.Schema{}, scalar...), &jsonschema.Schema{
			Type: "array", Items: &jsonschema.Schema{AnyOf: scalar},
		}),
	})
	return &jsonschema.Schema{
		Type:                 "object",
		Properties:           props,
		Required:             []string{"op", "val"},
		AdditionalProperties: jsonschema.FalseSchema,
	}
}

// Filter maps field names to conditions, all AND-combined.
type Filter map[string][]Condition

// SortBy maps field names to ASC or DESC.
type SortBy map[string]string

// JSONSchema restricts sort directions.
func (SortBy) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type:                 "object",
		AdditionalProperties: &jsonschema.Schema{Type: "string", Enum: []any{"ASC", "DESC"}},
	}
}

// SingleSort is a sort by one field, for reads whose docs take sortby as
// a field name string with a separate sortorder (the address read).
type SingleSort SortBy

// JSONSchema allows one field with its direction.
func (SingleSort) JSONSchema() *jsonschema.Schema {
	s := SortBy{}.JSONSchema()
	one := uint64(1)
	s.MaxProperties = &one
	s.Description = "One field, e.g. {\"Name\":\"ASC\"}"
	return s
}

// wire puts the sort into onOffice parameters as the address docs page and
// every working client send it: "sortby": "Name", "sortorder": "ASC".
func (s SingleSort) wire(params map[string]any) {
	for field, order := range s {
		params["sortby"] = field
		params["sortorder"] = order
	}
}

// UnmarshalJSON refuses an operator onOffice does not know, naming the
// condition and the operators; it runs when a tool's arguments are decoded,
// before anything is sent.
func (f *Filter) UnmarshalJSON(b []byte) error {
	var conds map[string][]Condition
	if err := json.Unmarshal(b, &conds); err != nil {
		return err
	}
	for _, field := range keys(conds) { // sorted: the same call names the same field
		for _, c := range conds[field] {
			if slices.Contains(filterOps, c.Op) {
				continue
			}
			hint := suggest(c.Op, filterOps)
			if op, ok := opSpellings[strings.ToLower(strings.TrimPrefix(c.Op, "$"))]; ok {
				hint = " (did you mean `" + op + "`?)"
			}
			return argErrorf("filter."+field, "unknown op %q%s; allowed: %s", c.Op, hint, strings.Join(filterOps, ", "))
		}
	}
	*f = conds
	return nil
}

// JSONSchema describes the filter object.
func (Filter) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type:                 "object",
		AdditionalProperties: &jsonschema.Schema{Type: "array", Items: Condition{}.JSONSchema()},
	}
}

// wire turns the filter into the parameter onOffice expects.
func (f Filter) wire() map[string]any {
	out := make(map[string]any, len(f))
	for field, conds := range f {
		list := make([]map[string]any, len(conds))
		for i, c := range conds {
			list[i] = map[string]any{"op": c.Op, "val": c.Val}
		}
		out[field] = list
	}
	return out
}

// checkConditions enforces what the schema cannot: list values for in,
// not in and between, and scalars elsewhere.
func (f Filter) checkConditions() error {
	for field, conds := range f {
		for _, c := range conds {
			list, isList := c.Val.([]any)
			switch c.Op {
			case "between":
				if !isList || len(list) != 2 {
					return argErrorf("filter."+field, "between needs [from, to] as val")
				}
			case "in", "not in":
				if !isList || len(list) == 0 {
					return argErrorf("filter."+field, "%s needs a non-empty list as val", c.Op)
				}
			default:
				if isList {
					return argErrorf("filter."+field, "%s needs a single value, not a list (use in for alternatives)", c.Op)
				}
			}
		}
	}
	return nil
}

// suggest returns a "did you mean" clause with the closest names.
func suggest(name string, candidates []string) string {
	type scored struct {
		name string
		d    int
	}
	var s []scored
	ln := strings.ToLower(name)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := levenshtein(ln, lc)
		if strings.Contains(lc, ln) || strings.Contains(ln, lc) {
			d = min(d, 1)
		}
		if d <= max(2, len(name)/3) {
			s = append(s, scored{c, d})
		}
	}
	if len(s) == 0 {
		return ""
	}
	sort.Slice(s, func(i, j int) bool {
		if s[i].d != s[j].d {
			return s[i].d < s[j].d
		}
		return s[i].name < s[j].name
	})
	var names []string
	for i := 0; i < len(s) && i < 3; i++ {
		names = append(names, "`"+s[i].name+"`")
	}
	return " (did you mean " + strings.Join(names, " or ") + "?)"
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// sortedKeysByLabel returns the keys of a select field, ordered by label.
func sortedKeysByLabel(m map[string]string) []string {
	ks := keys(m)
	sort.SliceStable(ks, func(i, j int) bool { return m[ks[i]] < m[ks[j]] })
	return ks
}

// keysClause lists select keys for a field listing: " [keys: key=label, …]".
func keysClause(m map[string]string) string {
	return " [keys: " + strings.Join(keyLabels(sortedKeysByLabel(m), m, false), ", ") + "]"
}

// keys returns the map's keys, sorted.
func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// listParams are the paging and field arguments shared by list reads.
type listParams struct {
	Data       []string
	Filter     Filter
	SortBy     SortBy
	ListLimit  int
	ListOffset int
}

// withDefaults fills in the fields read when the model names none and the
// page size of 20.
func (p listParams) withDefaults(fields []string) listParams {
	if len(p.Data) == 0 {
		p.Data = fields
	}
	p.ListLimit = cmp.Or(p.ListLimit, 20)
	return p
}

// check validates field names of data, filter and sortby for a module.
func (p listParams) check(ctx context.Context, env *Env, module string, pseudo ...string) error {
	if err := checkFields(ctx, env, module, "data", p.Data, pseudo...); err != nil {
		return err
	}
	if err := checkFields(ctx, env, module, "filter", keys(p.Filter)); err != nil {
		return err
	}
	if err := p.Filter.checkConditions(); err != nil {
		return err
	}
	if err := p.Filter.checkValues(ctx, env, module); err != nil {
		return err
	}
	return checkFields(ctx, env, module, "sortby", keys(p.SortBy))
}

// apply puts the shared arguments into onOffice parameters.
func (p listParams) apply(params map[string]any) {
	params["data"] = p.Data
	setIf(params, "filter", p.Filter.wire(), len(p.Filter) > 0)
	setIf(params, "sortby", map[string]string(p.SortBy), len(p.SortBy) > 0)
	p.paging().apply(params)
}

func (p listParams) paging() paging { return paging{limit: p.ListLimit, offset: p.ListOffset} }

// readList runs the tool's own read of many records, or of one when id is
// set, and renders them with the field configuration of module; only a
// read of many records gets paging hints.
func (p listParams) readList(ctx context.Context, env *Env, module string, id int, params map[string]any, l condense.List, args any) (*Result, error) {
	if id != 0 {
		// A read by id names one record: paging does not apply, and the
		// docs pages send no listlimit with it.
		delete(params, "listlimit")
		delete(params, "listoffset")
	}
	res, err := env.call(ctx, optionalID(id), params)
	if err != nil {
		return nil, err
	}
	l.Fields = moduleFields(ctx, env, module)
	if id == 0 {
		l.Page = p.paging().page(args)
	}
	nameRefs(ctx, env, res, &l)
	return condense.Records(res, l, env.Render), nil
}

// moduleFields returns the cached field configuration, or nil when it cannot be read.
func moduleFields(ctx context.Context, env *Env, module string) *onoffice.ModuleFields {
	if env.Fields == nil {
		return nil
	}
	mf, err := env.Fields.Module(ctx, module, env.Render.Language)
	if err != nil {
		return nil
	}
	return mf
}
