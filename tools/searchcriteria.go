package tools

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

func searchCriteriaTools() []Tool {
	return []Tool{
		define("search_criteria_read", "Read search criteria",
			"Read prospects' search profiles. Without mode: all, newest first, paged; else ids are address ids (internal), profile ids (searchcriteria) or customer numbers (external), or mode filter uses filter.",
			readSearchCriteria),
		withPreview(define("search_criteria_create", "Create search criterion",
			"Save a search profile for a contact. Ranges: kaufpreis__von/kaufpreis__bis or kaufpreis: [from, to]; radius: range (km) with range_plz or range_ort.[[ Fields: search_criteria_fields.]]",
			createSearchCriterion), previewSearchCriterionCreate),
		withPreview(define("search_criteria_modify", "Modify search criterion",
			"Change a search profile: only the fields given, also sys_status \"0\"/\"1\" (inactive/active), sysExpiryDate, sys_ko (knock-out fields).",
			modifySearchCriterion), previewSearchCriterionModify),
		withPreview(define("search_criteria_delete", "Delete search criterion",
			"Delete a search profile for good.[[ To pause it, set sys_status \"0\" with search_criteria_modify instead.]]",
			deleteSearchCriterion), previewSearchCriterionDelete),
		define("search_criteria_fields", "List search criteria fields",
			"List the fields a search profile can use, by category, with type, select keys, and whether each is a range or can be a knock-out criterion.",
			searchCriteriaFields),
		define("search_criteria_search", "Find matching search criteria",
			"Find prospects whose active search profiles fit a property, given by its values in searchdata (plain names: kaufpreis, not kaufpreis__von; location as range_plz or range_ort).",
			searchMatchingCriteria),
	}
}

// criteriaMetaFields are the names filter and sortby of the read accept.
var criteriaMetaFields = []string{"internaladdressid", "externaladdressid", "advisor", "creator", "creationdate", "editdate", "status"}

// SearchCriteriaReadParams are the arguments of search_criteria_read.
type SearchCriteriaReadParams struct {
	Mode       string `json:"mode,omitempty" jsonschema:"enum=all,enum=internal,enum=searchcriteria,enum=external,enum=filter"`
	IDs        []int  `json:"ids,omitempty" jsonschema:"maxItems=500"`
	Filter     Filter `json:"filter,omitempty" jsonschema_description:"Fields as in sortby"`
	SortBy     string `json:"sortby,omitempty" jsonschema:"enum=internaladdressid,enum=externaladdressid,enum=advisor,enum=creator,enum=creationdate,enum=editdate,enum=status"`
	SortOrder  string `json:"sortorder,omitempty" jsonschema:"enum=ASC,enum=DESC"`
	ListLimit  int    `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=500,default=20"`
	ListOffset int    `json:"listoffset,omitempty" jsonschema:"minimum=0"`
}

// everyCriterion is the filter of mode all: onOffice reads criteria
// without ids only through a filter, and every criterion belongs to an
// address, so this one holds for all of them.
var everyCriterion = Filter{"internaladdressid": {{Op: ">", Val: 0}}}

func readSearchCriteria(ctx context.Context, env *Env, p SearchCriteriaReadParams) (*Result, error) {
	if p.Mode == "" {
		if len(p.IDs) > 0 {
			return nil, argErrorf("mode", "is required with ids: internal (address ids), searchcriteria (criterion ids) or external (customer numbers)")
		}
		p.Mode = "all"
	}
	wireMode, wireFilter := p.Mode, p.Filter
	if p.Mode == "all" {
		if len(p.IDs) > 0 || len(p.Filter) > 0 {
			return nil, argErrorf("mode", "all reads every profile and takes neither ids nor filter; use internal, searchcriteria, external or filter to narrow")
		}
		wireMode, wireFilter = "filter", everyCriterion
	} else if p.Mode == "filter" {
		if len(p.Filter) == 0 {
			return nil, argErrorf("filter", "is required with mode filter")
		}
		if len(p.IDs) > 0 {
			return nil, argErrorf("ids", "are not used with mode filter; use filter only")
		}
	} else {
		if len(p.IDs) == 0 {
			return nil, argErrorf("ids", "is required with mode %s", p.Mode)
		}
		if len(p.Filter) > 0 {
			return nil, argErrorf("filter", "works only with mode filter")
		}
	}
	for _, k := range keys(p.Filter) {
		if !slices.Contains(criteriaMetaFields, k) {
			return nil, argErrorf("filter."+k, "search criteria filter only on %s", strings.Join(criteriaMetaFields, ", "))
		}
	}
	if err := p.Filter.checkConditions(); err != nil {
		return nil, err
	}
	if err := p.Filter.checkValues(ctx, env, "searchcriteria"); err != nil {
		return nil, err
	}
	limit := cmp.Or(p.ListLimit, 20)
	params := map[string]any{"mode": wireMode}
	paging{limit: limit, offset: p.ListOffset}.apply(params)
	setIf(params, "ids", p.IDs, len(p.IDs) > 0)
	setIf(params, "filter", wireFilter.wire(), len(wireFilter) > 0)
	sortBy, order := p.SortBy, p.SortOrder
	if wireMode == "filter" && sortBy == "" {
		sortBy = "creationdate" // the filter mode needs a sort; newest first
		if order == "" {
			order = "DESC"
		}
	}
	if sortBy != "" {
		params["sortby"] = sortBy
		if order == "" {
			order = "ASC"
		}
		params["sortorder"] = order
	}
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	mf := moduleFields(ctx, env, "searchcriteria")
	present := map[string]bool{}
	for i, rec := range res.Records {
		flat := flattenCriterion(rec.Fields(), mf, nil)
		for k := range flat {
			present[k] = true
		}
		res.Records[i].Elements, _ = json.Marshal(flat)
	}
	// Show the telling values first; list only those some profile has.
	var shown []string
	for _, k := range criterionOrder {
		if present[k] {
			shown = append(shown, k)
		}
	}
	l := condense.List{Noun: "search criteria", Requested: shown, Fields: mf}
	nameRefs(ctx, env, res, &l)
	out := condense.Records(res, l, env.Render)
	// This read does not count; a full page may have a next one.
	if len(res.Records) == limit {
		next := argsOf(p)
		next["listoffset"] = p.ListOffset + limit
		b, _ := json.Marshal(next)
		out.Text += "\n[page full: more may follow; next page: " + string(b) + "]"
	}
	return out, nil
}

// criterionOrder puts the telling values of a criterion first.
var criterionOrder = []string{"adresse", "status", "vermarktungsart", "nutzungsart", "objektart", "objekttyp", "range", "ort", "plz",
	"kaufpreis", "kaltmiete", "warmmiete", "wohnflaeche", "anzahl_zimmer", "grundstuecksflaeche", "sys_ko", "advisor"}

// flattenCriterion turns the nested answer of one criterion into flat
// display values: ranges as "from–to", the radius as one line, the _meta
// block as plain fields. Select values keep their keys (pipe-joined for
// multiselects) so that the renderer shows their labels.
//
// words words ranges and radius: the env of a preview speaks its
// language; nil (results) speaks English.
func flattenCriterion(el map[string]any, mf *onoffice.ModuleFields, words *Env) map[string]any {
	out := map[string]any{}
	fieldType := func(name string) string {
		if mf == nil {
			return ""
		}
		return mf.Fields[name].Type
	}
	for k, v := range el {
		switch {
		case k == "_meta" || k == "Range":
			continue
		case strings.HasPrefix(k, "range_"):
			if list, ok := v.([]any); ok && len(list) == 2 {
				out[strings.TrimPrefix(k, "range_")] = rangeText(words, plainArg(list[0]), plainArg(list[1]))
				continue
			}
			out[k] = v
		default:
			if list, ok := v.([]any); ok {
				keys := make([]string, len(list))
				for i, e := range list {
					keys[i] = plainArg(e)
				}
				if fieldType(k) == "multiselect" {
					out[k] = pipeKeys(keys)
				} else {
					out[k] = strings.Join(keys, ", ")
				}
				continue
			}
			out[k] = v
		}
	}
	if rng, ok := el["Range"].(map[string]any); ok {
		if line := radiusText(words, rng); line != "" {
			out["range"] = line
		}
	}
	if meta, ok := el["_meta"].(map[string]any); ok {
		out["adresse"] = meta["internaladdressid"]
		out["status"] = plainArg(meta["status"])
		for src, dst := range map[string]string{"advisor": "advisor", "creationdate": "creationdate",
			"editdate": "editdate", "publicnote": "krit_bemerkung_oeffentlich"} {
			if v := meta[src]; v != nil {
				out[dst] = v
			}
		}
		for src, dst := range map[string]string{"kocriterias": "sys_ko", "characteristic": "characteristic"} {
			if list, ok := meta[src].([]any); ok && len(list) > 0 {
				keys := make([]string, len(list))
				for i, e := range list {
					keys[i] = plainArg(e)
				}
				out[dst] = pipeKeys(keys)
			}
		}
	}
	return out
}

func pipeKeys(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	return "|" + strings.Join(keys, "||") + "|"
}

// rangeText renders a from–to pair; 0 or empty means open.
func rangeText(words *Env, from, to string) string {
	open := func(s string) bool {
		f, err := strconv.ParseFloat(s, 64)
		return s == "" || (err == nil && f == 0)
	}
	switch {
	case open(from) && open(to):
		return ""
	case open(from):
		return words.say("up to ", "bis ") + to
	case open(to):
		return words.say("from ", "ab ") + from
	}
	return from + "–" + to
}

func radiusText(words *Env, rng map[string]any) string {
	text := func(k string) string { return strings.TrimSpace(plainArg(rng[k])) }
	km := text("range")
	place := strings.TrimSpace(strings.Join(strings.Fields(text("range_strasse")+" "+text("range_hausnummer")+" "+text("range_plz")+" "+text("range_ort")), " "))
	if place == "" {
		return ""
	}
	if km == "" || km == "0" {
		return words.say("around ", "um ") + place
	}
	return km + words.say(" km around ", " km um ") + place
}

// ---------------------------------------------------------------------------
// create and modify

// criteriaSystemFields are set by onOffice and cannot be written.
var criteriaSystemFields = map[string]string{
	"Id": "is the record id", "adresse": "is the linked address (give addressid when creating)", "creator": "is set by onOffice",
	"creationdate": "is set by onOffice", "editdate": "is set by onOffice", "characteristic": "is set by onOffice",
	"range_breitengrad": "is computed from the radius centre", "range_laengengrad": "is computed from the radius centre",
	"status": "is written as sys_status (\"1\" active, \"0\" inactive)[[ with search_criteria_modify]]",
}

// criteriaData checks a data object against the search-criteria fields
// and returns the parameters onOffice expects: ranges as __von/__bis,
// numbers and radius values as strings.
func criteriaData(ctx context.Context, env *Env, data FieldValues, modify bool) (map[string]any, error) {
	if len(data) == 0 {
		return nil, argErrorf("data", "give at least one field")
	}
	mf := moduleFields(ctx, env, "searchcriteria")
	isRange := func(name string) bool {
		if mf == nil {
			return false
		}
		_, ok := mf.Fields[name+"__von"]
		return ok
	}
	out, rest := map[string]any{}, map[string]any{}
	for _, k := range keys(data) {
		v := data[k]
		arg := "data." + k
		if why, ok := criteriaSystemFields[k]; ok {
			return nil, argErrorf(arg, "cannot be written: it %s", why)
		}
		switch {
		case k == "sys_status":
			if !modify {
				return nil, argErrorf(arg, "new search criteria are active; sys_status is for changing one[[ (search_criteria_modify)]]")
			}
			s := plainArg(v)
			if s != "0" && s != "1" {
				return nil, argErrorf(arg, "must be \"1\" (active) or \"0\" (inactive)")
			}
			out[k] = s
		case k == "advisor":
			id, err := resolveUserValue(ctx, env, "searchcriteria", arg, k, v)
			if err != nil {
				return nil, err
			}
			n, ok := id.(float64)
			if !ok {
				return nil, argErrorf(arg, "is the advisor: a user id, login or name[[ (user_list)]]")
			}
			out[k] = int(n)
		case isRange(k):
			list, ok := v.([]any)
			if !ok || len(list) != 2 {
				return nil, argErrorf(arg, "is a from–to field: give [from, to] or use %s__von / %s__bis", k, k)
			}
			for i, suffix := range []string{"__von", "__bis"} {
				if plainArg(list[i]) == "" {
					continue
				}
				bound, err := checkValue(lookupField(ctx, env, "searchcriteria", k+suffix), fmt.Sprintf("%s.%d", arg, i), list[i], forWrite)
				if err != nil {
					return nil, err
				}
				out[k+suffix] = plainArg(bound)
			}
		default:
			rest[k] = v
		}
	}
	if len(rest) > 0 {
		if err := checkData(ctx, env, "searchcriteria", "data", rest); err != nil {
			return nil, err
		}
	}
	for k, v := range rest {
		if _, isNum := v.(float64); isNum {
			out[k] = plainArg(v) // the API wants numbers of criteria as strings
		} else {
			out[k] = v
		}
	}
	if !modify {
		if _, ok := out["range"]; ok && plainArg(out["range"]) != "0" && out["range_plz"] == nil && out["range_ort"] == nil {
			return nil, argErrorf("data.range", "a radius needs its centre: add range_plz or range_ort")
		}
	}
	return out, nil
}

// SearchCriterionCreateParams are the arguments of search_criteria_create.
type SearchCriterionCreateParams struct {
	AddressID int         `json:"addressid" jsonschema:"required,minimum=1" jsonschema_description:"The prospect"`
	Data      FieldValues `json:"data" jsonschema:"required" jsonschema_description:"e.g. {\"vermarktungsart\":\"kauf\",\"objektart\":\"wohnung\",\"kaufpreis\":[250000,400000],\"range\":10,\"range_ort\":\"Köln\"}; advisor = user id"`
}

func createSearchCriterion(ctx context.Context, env *Env, p SearchCriterionCreateParams) (*Result, error) {
	data, err := criteriaData(ctx, env, p.Data, false)
	if err != nil {
		return nil, err
	}
	res, err := env.call(ctx, "", map[string]any{"addressid": p.AddressID, "data": data})
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		return nil, fmt.Errorf("onOffice created the search criterion but sent no id")
	}
	id := res.Records[0].IDString()
	return withStructured(env, condense.Text("Search criterion %s created for address %d.", id, p.AddressID),
		map[string]any{"id": id, "addressid": p.AddressID}), nil
}

func previewSearchCriterionCreate(ctx context.Context, env *Env, p SearchCriterionCreateParams) (*Preview, error) {
	data, err := criteriaData(ctx, env, p.Data, false)
	if err != nil {
		return nil, err
	}
	target, _, err := addressTarget(ctx, env, "addressid", p.AddressID)
	if err != nil {
		return nil, err
	}
	pv := &Preview{Target: env.say("new search criterion for ", "neues Suchkriterium für ") + target}
	mf := moduleFields(ctx, env, "searchcriteria")
	for _, k := range keys(data) {
		pv.Changes = append(pv.Changes, k+": "+labelled(env, fieldOf(mf, k), data[k]))
	}
	return pv, nil
}

// readCriterion reads one criterion's answer elements; nil when it does not exist.
func readCriterion(ctx context.Context, env *Env, id int) (map[string]any, error) {
	res, err := env.API.Call(ctx, rowOf("search_criteria_read").request("", map[string]any{"mode": "searchcriteria", "ids": []int{id}}))
	if err != nil {
		if onoffice.CodeOf(err) == 95 {
			return nil, nil
		}
		return nil, err
	}
	for _, rec := range res.Records {
		if rec.IDString() == strconv.Itoa(id) {
			return rec.Fields(), nil
		}
	}
	return nil, nil
}

// criterionTarget names a criterion and its address for a preview.
func criterionTarget(ctx context.Context, env *Env, id int) (string, map[string]any, error) {
	el, err := readCriterion(ctx, env, id)
	if err != nil {
		return "", nil, err
	}
	if el == nil {
		return "", nil, argErrorf("id", "there is no search criterion %d", id)
	}
	target := fmt.Sprintf(env.say("search criterion %d", "Suchkriterium %d"), id)
	if meta, ok := el["_meta"].(map[string]any); ok {
		if adr, ok := meta["internaladdressid"].(float64); ok {
			if a, err := readAddress(ctx, env, int(adr), addressNameFields); err == nil && a != nil {
				target += fmt.Sprintf(env.say(" of address %d %s", " der Adresse %d %s"), int(adr), condense.Untrusted(addressName(a)))
			} else {
				target += fmt.Sprintf(env.say(" of address %d", " der Adresse %d"), int(adr))
			}
		}
	}
	return target, el, nil
}

// SearchCriterionModifyParams are the arguments of search_criteria_modify.
type SearchCriterionModifyParams struct {
	ID   int         `json:"id" jsonschema:"required,minimum=1"`
	Data FieldValues `json:"data" jsonschema:"required" jsonschema_description:"Ranges as [from, to] or X__von/X__bis"`
}

// keepAdvisor adds the current advisor when the change names none: the
// API would otherwise make the API user the advisor.
func keepAdvisor(data map[string]any, el map[string]any) {
	if _, ok := data["advisor"]; ok {
		return
	}
	if meta, ok := el["_meta"].(map[string]any); ok {
		if adv, ok := meta["advisor"].(float64); ok && adv > 0 {
			data["advisor"] = int(adv)
		}
	}
}

func modifySearchCriterion(ctx context.Context, env *Env, p SearchCriterionModifyParams) (*Result, error) {
	data, err := criteriaData(ctx, env, p.Data, true)
	if err != nil {
		return nil, err
	}
	el, err := readCriterion(ctx, env, p.ID)
	if err != nil {
		return nil, err
	}
	if el == nil {
		return nil, argErrorf("id", "there is no search criterion %d", p.ID)
	}
	keepAdvisor(data, el)
	_, err = env.call(ctx, strconv.Itoa(p.ID), map[string]any{"data": data})
	if err != nil {
		return nil, err
	}
	return condense.Text("Search criterion %d modified: %s.", p.ID, strings.Join(keys(p.Data), ", ")), nil
}

func previewSearchCriterionModify(ctx context.Context, env *Env, p SearchCriterionModifyParams) (*Preview, error) {
	data, err := criteriaData(ctx, env, p.Data, true)
	if err != nil {
		return nil, err
	}
	target, el, err := criterionTarget(ctx, env, p.ID)
	if err != nil {
		return nil, err
	}
	mf := moduleFields(ctx, env, "searchcriteria")
	flat := flattenCriterion(el, mf, env)
	pv := &Preview{Target: target, RecordID: strconv.Itoa(p.ID)}
	for _, k := range keys(p.Data) {
		fi := fieldOf(mf, k)
		before := criterionBefore(flat, el, k)
		if before == "" {
			before = "(empty)"
		} else if fi != nil {
			if v, ok := condense.Value(fi, before); ok {
				before = v
			}
		}
		after := labelled(env, fi, p.Data[k])
		if list, ok := p.Data[k].([]any); ok && len(list) == 2 && data[k] == nil {
			after = rangeText(env, plainArg(list[0]), plainArg(list[1]))
		}
		pv.change(k, before, after)
	}
	return pv, nil
}

// criterionBefore finds the current value of a data key in a criterion.
func criterionBefore(flat, el map[string]any, k string) string {
	switch {
	case k == "sys_status":
		return plainArg(flat["status"])
	case strings.HasSuffix(k, "__von") || strings.HasSuffix(k, "__bis"):
		base := k[:len(k)-5]
		if list, ok := el["range_"+base].([]any); ok && len(list) == 2 {
			if strings.HasSuffix(k, "__von") {
				return zeroEmpty(plainArg(list[0]))
			}
			return zeroEmpty(plainArg(list[1]))
		}
		return ""
	case strings.HasPrefix(k, "range"):
		if rng, ok := el["Range"].(map[string]any); ok {
			return plainArg(rng[k])
		}
		return ""
	}
	return plainArg(flat[k])
}

func zeroEmpty(s string) string {
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == 0 {
		return ""
	}
	return s
}

// SearchCriterionDeleteParams are the arguments of search_criteria_delete.
type SearchCriterionDeleteParams struct {
	ID int `json:"id" jsonschema:"required,minimum=1"`
}

func deleteSearchCriterion(ctx context.Context, env *Env, p SearchCriterionDeleteParams) (*Result, error) {
	if _, err := env.call(ctx, strconv.Itoa(p.ID), nil); err != nil {
		return nil, err
	}
	return condense.Text("Search criterion %d deleted.", p.ID), nil
}

func previewSearchCriterionDelete(ctx context.Context, env *Env, p SearchCriterionDeleteParams) (*Preview, error) {
	target, el, err := criterionTarget(ctx, env, p.ID)
	if err != nil {
		return nil, err
	}
	mf := moduleFields(ctx, env, "searchcriteria")
	flat := flattenCriterion(el, mf, env)
	var parts []string
	for _, k := range criterionOrder[2:] {
		if v, ok := condense.Value(fieldOf(mf, k), flat[k]); ok {
			if id, err := strconv.Atoi(v); err == nil && k == "advisor" {
				v = idsNamed(ctx, env, "user", []int{id})
			}
			parts = append(parts, k+" "+v)
		}
	}
	changes := []string{env.say("deletes the search profile for good", "löscht das Suchprofil endgültig")}
	if len(parts) > 0 {
		changes[0] += ": " + strings.Join(parts, "; ")
	}
	changes = append(changes, env.say("to keep it but stop matching, set sys_status \"0\"[[ with search_criteria_modify]] instead",
		"um es zu behalten, aber nicht mehr abzugleichen, stattdessen sys_status \"0\" setzen[[ (search_criteria_modify)]]"))
	return &Preview{Target: target, RecordID: strconv.Itoa(p.ID), Changes: changes}, nil
}

// ---------------------------------------------------------------------------
// fields

// SearchCriteriaFieldsParams are the arguments of search_criteria_fields.
type SearchCriteriaFieldsParams struct {
	Language               string `json:"language,omitempty" jsonschema:"pattern=^[A-Z]{3}$"`
	AdditionalTranslations bool   `json:"additionalTranslations,omitempty" jsonschema_description:"Name the __von/__bis fields of ranges"`
}

func searchCriteriaFields(ctx context.Context, env *Env, p SearchCriteriaFieldsParams) (*Result, error) {
	lang := cmp.Or(p.Language, env.Render.Language)
	params := map[string]any{}
	setIf(params, "language", lang, lang != "")
	setIf(params, "additionalTranslations", true, p.AdditionalTranslations)
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	return categoryFields(res, env, "search criteria fields", func(f categoryField) []string {
		var more []string
		if truthy(f.RangeField) {
			more = append(more, fmt.Sprintf("range (%s__von/%s__bis)", f.ID, f.ID))
		}
		if truthy(f.KO) {
			more = append(more, "k.o.-capable")
		}
		if truthy(f.Mandatory) {
			more = append(more, "mandatory")
		}
		for _, lim := range []struct{ what, list string }{{"marketing", f.Vermarktungsarten}, {"class", f.Objektarten}, {"usage", f.Nutzungsarten}} {
			if lim.list != "" {
				more = append(more, "only for "+lim.what+" "+lim.list)
			}
		}
		if p.AdditionalTranslations {
			for _, k := range keys(f.AdditionalTranslations) {
				more = append(more, k+"="+f.AdditionalTranslations[k])
			}
		}
		return more
	}), nil
}

// ---------------------------------------------------------------------------
// matching search

// SearchValues are the property values to match, field → value.
type SearchValues map[string]any

// JSONSchema allows scalar values only.
func (SearchValues) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type:                 "object",
		AdditionalProperties: &jsonschema.Schema{AnyOf: []*jsonschema.Schema{{Type: "string"}, {Type: "number"}, {Type: "boolean"}}},
	}
}

// SearchCriteriaSearchParams are the arguments of search_criteria_search.
type SearchCriteriaSearchParams struct {
	SearchData     SearchValues `json:"searchdata" jsonschema:"required" jsonschema_description:"e.g. {\"vermarktungsart\":\"kauf\",\"objektart\":\"haus\",\"kaufpreis\":395000,\"range_plz\":\"48153\"}"`
	OutputAll      bool         `json:"outputall,omitempty" jsonschema_description:"All values of each profile"`
	OutputFields   []string     `json:"outputfields,omitempty" jsonschema_description:"e.g. [\"kaufpreis__bis\"]"`
	GroupByAddress *bool        `json:"groupbyaddress,omitempty" jsonschema_description:"One profile per address (default true)"`
	Offset         int          `json:"offset,omitempty" jsonschema:"minimum=0"`
	Limit          *int         `json:"limit,omitempty" jsonschema:"minimum=0,maximum=500,default=10" jsonschema_description:"0 returns only the count"`
	Order          SortBy       `json:"order,omitempty"`
}

func searchMatchingCriteria(ctx context.Context, env *Env, p SearchCriteriaSearchParams) (*Result, error) {
	if len(p.SearchData) == 0 {
		return nil, argErrorf("searchdata", "give at least one property value")
	}
	for _, k := range keys(p.SearchData) {
		if strings.HasSuffix(k, "__von") || strings.HasSuffix(k, "__bis") {
			return nil, argErrorf("searchdata."+k, "give the property's value under %s", k[:len(k)-5])
		}
	}
	if err := checkFields(ctx, env, "searchcriteria", "searchdata", keys(p.SearchData)); err != nil {
		return nil, err
	}
	if err := checkFields(ctx, env, "searchcriteria", "outputfields", p.OutputFields); err != nil {
		return nil, err
	}
	if err := checkFields(ctx, env, "searchcriteria", "order", keys(p.Order)); err != nil {
		return nil, err
	}
	searchdata := map[string]string{}
	for k, v := range p.SearchData {
		searchdata[k] = plainArg(v)
	}
	limit := 10
	if p.Limit != nil {
		limit = *p.Limit
	}
	params := map[string]any{"searchdata": searchdata, "limit": limit}
	setIf(params, "offset", p.Offset, p.Offset > 0)
	setIf(params, "outputall", true, p.OutputAll)
	setIf(params, "outputfields", p.OutputFields, len(p.OutputFields) > 0)
	if p.GroupByAddress != nil {
		params["groupbyaddress"] = *p.GroupByAddress
	}
	setIf(params, "order", map[string]string(p.Order), len(p.Order) > 0)
	res, err := env.call(ctx, "searchcriteria", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	if limit == 0 {
		return condense.Text("%d matching search criteria.", res.Total), nil
	}
	// The matching search returns only address ids: nameRefs names them.
	requested := append([]string{"adresse"}, p.OutputFields...)
	l := condense.List{Noun: "matching search criteria", Requested: requested, IDField: "Id",
		Fields: moduleFields(ctx, env, "searchcriteria"),
		Page:   &condense.Page{Offset: p.Offset, Limit: limit, Args: argsOf(p), OffsetArg: "offset", LimitArg: "limit"}}
	nameRefs(ctx, env, res, &l)
	return condense.Records(res, l, env.Render), nil
}
