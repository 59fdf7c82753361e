package tools

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

// Reading, naming and comparing records: what list reads and the
// confirmation previews of write tools have in common.

// optionalID is the resource id of a read that may name one record; 0
// reads many.
func optionalID(id int) string {
	if id > 0 {
		return strconv.Itoa(id)
	}
	return ""
}

// readOne reads one record by id; found is false when the answer holds
// no record.
func readOne(ctx context.Context, env *Env, resourceType string, id int, params map[string]any) (el map[string]any, found bool, err error) {
	res, err := env.API.Call(ctx, readRow(resourceType).request(strconv.Itoa(id), params))
	if err != nil {
		return nil, false, err
	}
	if len(res.Records) == 0 {
		return nil, false, nil
	}
	return res.Records[0].Fields(), true, nil
}

// firstID is the id of the first record of an answer, "" when there is none.
func firstID(res onoffice.Result) string {
	if len(res.Records) == 0 {
		return ""
	}
	return res.Records[0].IDString()
}

// idOf is the numeric id of a record, 0 when it has none.
func idOf(rec onoffice.Record) int {
	id, _ := strconv.Atoi(rec.IDString())
	return id
}

// recordIDs are the numeric ids of the records, in answer order.
func recordIDs(recs []onoffice.Record) []int {
	var ids []int
	for _, r := range recs {
		if id, err := strconv.Atoi(r.IDString()); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// editRecords lets edit change the elements of each record in place and
// stores them again where it reports a change; records whose elements are
// not an object are left as they are.
func editRecords(res *onoffice.Result, edit func(id string, el map[string]any) bool) {
	for i, rec := range res.Records {
		el := rec.Fields()
		if el == nil {
			continue
		}
		if edit(rec.IDString(), el) {
			res.Records[i].Elements, _ = json.Marshal(el)
		}
	}
}

// paging is the page of a list read. It is the one place that spells the
// paging arguments, on the wire and in the next page's hint.
type paging struct {
	limit, offset int
	// offsetArg names the offset argument where the API does not call it
	// listoffset (the change log: listOffset); the tool's argument is
	// spelled the same.
	offsetArg string
}

func (pg paging) offsetName() string { return cmp.Or(pg.offsetArg, "listoffset") }

// apply puts listlimit and, when set, the offset into onOffice parameters.
func (pg paging) apply(params map[string]any) {
	params["listlimit"] = pg.limit
	setIf(params, pg.offsetName(), pg.offset, pg.offset > 0)
}

// page describes the page for the result, with args (the tool's
// arguments) as the base of the next page's arguments.
func (pg paging) page(args any) *condense.Page {
	return &condense.Page{Offset: pg.offset, Limit: pg.limit, Args: argsOf(args), OffsetArg: pg.offsetName(), LimitArg: "listlimit"}
}

// listCall runs an action and renders its records as a list, with the
// ids of users, addresses and estates named (nameRefs).
func listCall(ctx context.Context, env *Env, a onoffice.Action, l condense.List) (*Result, error) {
	res, err := env.API.Call(ctx, a)
	if err != nil {
		return nil, err
	}
	nameRefs(ctx, env, res, &l)
	return condense.Records(res, l, env.Render), nil
}

// ---------------------------------------------------------------------------
// naming records in previews

// recordLabel names a record for a preview: `estate 3120
// «crm-text»Reihenhaus«/crm-text»`, or `estate 3120` when it has no name.
func recordLabel(noun string, id int, name string) string {
	if name == "" {
		return fmt.Sprintf("%s %d", noun, id)
	}
	return fmt.Sprintf("%s %d %s", noun, id, condense.Untrusted(name))
}

// idsNamed lists ids of one kind of record (estate, address, user …)
// with their names for a preview: `3101 «crm-text»Reihenhaus«/crm-text», 3102`;
// ids it cannot name stay bare.
func idsNamed(ctx context.Context, env *Env, kind string, ids []int) string {
	names := recordNames(ctx, env, map[string][]int{kind: ids})[kind]
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(id)
		if n := names[id]; n != "" {
			parts[i] += " " + condense.Untrusted(n)
		}
	}
	return strings.Join(parts, ", ")
}

// recordReads says how to name a record of a module in a preview: the
// resource type to read and the fields that make up its title.
var recordReads = map[string]struct {
	resourceType string
	fields       []string
}{
	"estate":    {"estate", []string{"objekttitel", "strasse", "hausnummer", "ort"}},
	"address":   {"address", []string{"Vorname", "Name", "Zusatz1", "Ort"}},
	"calendar":  {"calendar", []string{"description", "start_dt"}},
	"task":      {"task", []string{"Betreff"}},
	"agentsLog": {"agentslog", []string{"Aktionsart", "Aktionstyp", "Datum"}},
}

// recordTarget names a record for a preview, e.g. `estate 3120 "Altbauwohnung …"`;
// it fails when the record does not exist, so no write is offered for it.
func recordTarget(ctx context.Context, env *Env, module, arg string, id int) (string, error) {
	spec, ok := recordReads[module]
	if !ok {
		return fmt.Sprintf("%s %d", env.noun(module), id), nil
	}
	el, found, err := readOne(ctx, env, spec.resourceType, id, map[string]any{"data": spec.fields})
	if err != nil {
		return "", err
	}
	if !found {
		return "", argErrorf(arg, "there is no %s with id %d (or no right to read it)", module, id)
	}
	var parts []string
	for _, f := range spec.fields {
		if s, ok := condense.Value(nil, el[f]); ok {
			parts = append(parts, s)
		}
	}
	return recordLabel(env.noun(module), id, strings.Join(parts, " ")), nil
}

// softTarget reads the fields of one record for the preview of a change
// and names it `task 12 "name"`; a failed read only shows in the name:
// `task 12 (not found)`, and current is then nil.
func softTarget(ctx context.Context, env *Env, noun, resourceType string, id int, fields []string, name func(el map[string]any) string) (target string, current map[string]any) {
	target = env.noun(noun) + " " + strconv.Itoa(id)
	current, found, err := readOne(ctx, env, resourceType, id, map[string]any{"data": fields})
	if err != nil || !found {
		return target + " (not found)", nil
	}
	if n := name(current); n != "" {
		target += " " + condense.Untrusted(n)
	}
	return target, current
}

// addressNameFields are the fields addressName reads.
var addressNameFields = []string{"Vorname", "Name", "Zusatz1"}

// addressName builds a display name from address elements or data.
func addressName(el map[string]any) string {
	text := func(k string) string { return strings.TrimSpace(plainArg(el[k])) }
	name := strings.TrimSpace(text("Vorname") + " " + text("Name"))
	if c := text("Zusatz1"); c != "" {
		if name == "" {
			return c
		}
		return name + ", " + c
	}
	return name
}

// readAddress reads one address with the given fields; nil when it does not exist.
func readAddress(ctx context.Context, env *Env, id int, fields []string) (map[string]any, error) {
	el, _, err := readOne(ctx, env, "address", id, map[string]any{"data": fields})
	if err != nil && (onoffice.CodeOf(err) == 292 || onoffice.CodeOf(err) == 80) {
		return nil, nil
	}
	return el, err
}

// addressTarget names an address for a preview; the error says when it does not exist.
func addressTarget(ctx context.Context, env *Env, arg string, id int, more ...string) (string, map[string]any, error) {
	fields := append(append([]string{}, addressNameFields...), more...)
	el, err := readAddress(ctx, env, id, fields)
	if err != nil {
		return "", nil, err
	}
	if el == nil {
		return "", nil, argErrorf(arg, "there is no address %d (or no right to see it)", id)
	}
	return fmt.Sprintf("%s %d %s", env.noun("address"), id, condense.Untrusted(addressName(el))), el, nil
}

// addressesByID reads the given fields of several addresses in one action.
func addressesByID(ids []int, fields []string) onoffice.Action {
	return rowOf("address_read").request("", map[string]any{
		"recordids": ids, "data": fields, "listlimit": len(ids),
	})
}

// addressLabelList is addressLabels in the order of ids, joined by "; ".
func addressLabelList(ctx context.Context, env *Env, ids []int) string {
	names := addressLabels(ctx, env, ids)
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = names[id]
	}
	return strings.Join(list, "; ")
}

// addressLabels maps address ids to "id First Last (Company) <e-mail>";
// ids that cannot be read keep the bare id.
func addressLabels(ctx context.Context, env *Env, ids []int) map[int]string {
	out := map[int]string{}
	for _, id := range ids {
		out[id] = strconv.Itoa(id)
	}
	if len(ids) == 0 {
		return out
	}
	res, err := env.API.Call(ctx, addressesByID(ids, []string{"Vorname", "Name", "Zusatz1", "defaultemail"}))
	if err != nil {
		return out
	}
	for _, rec := range res.Records {
		el := rec.Fields()
		id, _ := strconv.Atoi(rec.IDString())
		name := strings.TrimSpace(text(el["Vorname"]) + " " + text(el["Name"]))
		if c := text(el["Zusatz1"]); c != "" {
			name = strings.TrimSpace(name + " (" + c + ")")
		}
		if m := text(el["defaultemail"]); m != "" {
			name += " <" + m + ">"
		}
		if name = strings.TrimSpace(name); name != "" {
			out[id] = strconv.Itoa(id) + " " + condense.Untrusted(name)
		}
	}
	return out
}

// estateLabel returns "id title (place)" of an estate, or the bare id.
func estateLabel(ctx context.Context, env *Env, id int) string {
	el, found, err := readOne(ctx, env, "estate", id, map[string]any{"data": []string{"objekttitel", "ort"}})
	if err != nil || !found {
		return strconv.Itoa(id)
	}
	return fmt.Sprintf("%d %s", id, condense.Untrusted(text(el["objekttitel"])+" ("+text(el["ort"])+")"))
}

// recordNames reads short display names of records, all kinds in one request.
// It is best effort: kinds it cannot read, and failed reads, give no names.
func recordNames(ctx context.Context, env *Env, byKind map[string][]int) map[string]map[int]string {
	type read struct {
		kind   string
		action onoffice.Action
	}
	var reads []read
	for _, kind := range keys(byKind) {
		ids := uniqueInts(byKind[kind])
		if len(ids) == 0 {
			continue
		}
		switch kind {
		case "estate":
			ids = ids[:min(len(ids), 100)]
			reads = append(reads, read{kind, rowOf("estate_read").request("", map[string]any{
				"data": recordReads["estate"].fields, "listlimit": len(ids),
				"filter": map[string]any{"Id": []map[string]any{{"op": "in", "val": ids}}},
			})})
		case "address":
			ids = ids[:min(len(ids), 100)]
			reads = append(reads, read{kind, addressesByID(ids, addressNameFields)})
		case "task":
			ids = ids[:min(len(ids), 100)]
			reads = append(reads, read{kind, rowOf("task_read").request("", map[string]any{
				"data": []string{"Betreff"}, "listlimit": len(ids),
				"filter": map[string]any{"Nr": []map[string]any{{"op": "in", "val": ids}}},
			})})
		case "user":
			reads = append(reads, read{kind, rowOf("user_list").request("", nil)})
		case "agentslog", "appointment":
			// These reads take one record per action. The docs pages read one
			// activity or appointment with "read" and its id as resource id;
			// some working clients use "get agentslog" or "get
			// appointmentList" with a resourceid instead. We follow the docs
			// (the sandbox answers both forms alike).
			ids = ids[:min(len(ids), 20)]
			for _, id := range ids {
				a := rowOf("agents_log_read").request(strconv.Itoa(id), map[string]any{"data": recordReads["agentsLog"].fields})
				if kind == "appointment" {
					a = rowOf("appointment_read").request(strconv.Itoa(id), nil)
				}
				reads = append(reads, read{kind, a})
			}
		}
	}
	out := map[string]map[int]string{}
	if len(reads) == 0 {
		return out
	}
	actions := make([]onoffice.Action, len(reads))
	for i, r := range reads {
		actions[i] = r.action
	}
	outcomes, err := env.API.Do(ctx, actions...)
	if err != nil {
		return out
	}
	for i, o := range outcomes {
		if o.Err != nil {
			continue
		}
		kind := reads[i].kind
		if out[kind] == nil {
			out[kind] = map[int]string{}
		}
		for _, rec := range o.Result.Records {
			id, err := strconv.Atoi(rec.IDString())
			if err != nil {
				continue
			}
			if name := recordNameOf(kind, rec.Fields()); name != "" {
				out[kind][id] = name
			}
		}
	}
	return out
}

// recordNameOf builds the short display name of a record of a kind.
func recordNameOf(kind string, el map[string]any) string {
	s := func(k string) string {
		v, _ := el[k].(string)
		return strings.TrimSpace(v)
	}
	join := func(parts ...string) string {
		var keep []string
		for _, p := range parts {
			if p != "" {
				keep = append(keep, p)
			}
		}
		return strings.Join(keep, " ")
	}
	switch kind {
	case "estate":
		if t := s("objekttitel"); t != "" {
			return t
		}
		street := join(s("strasse"), s("hausnummer"))
		if street != "" && s("ort") != "" {
			return street + ", " + s("ort")
		}
		return join(street, s("ort"))
	case "address":
		name := join(s("Vorname"), s("Name"))
		if c := s("Zusatz1"); c != "" {
			if name == "" {
				return c
			}
			return name + " (" + c + ")"
		}
		return name
	case "task":
		return s("Betreff")
	case "user":
		return join(s("firstname"), s("lastname"))
	case "agentslog":
		what := join(s("Aktionsart"), s("Aktionstyp"))
		// The date follows after a comma, in no language: these names
		// stand in results and in German or English previews alike.
		if d := s("Datum"); d != "" {
			return what + ", " + d
		}
		return what
	case "appointment":
		what := s("description")
		if d := s("start_dt"); d != "" && what != "" {
			return what + ", " + d
		}
		return cmp.Or(what, s("start_dt"))
	}
	return ""
}

// recordRef names one record: `estate 3120 «crm-text»Reihenhaus«/crm-text»`;
// names are CRM text.
func recordRef(kind string, id int, names map[string]map[int]string) string {
	label := relNoun(kind) + " " + strconv.Itoa(id)
	name := names[kind][id]
	if name == "" {
		return label
	}
	return label + " " + condense.Untrusted(name)
}

// ---------------------------------------------------------------------------
// before → after

// fieldOf returns one field of a configuration, or nil.
func fieldOf(mf *onoffice.ModuleFields, name string) *onoffice.FieldInfo {
	if f, ok := mf.Lookup(name); ok {
		return &f
	}
	return nil
}

// change adds "field: before → after" to the preview and remembers the
// before-value: the confirmation is bound to it.
func (p *Preview) change(field, before, after string) {
	p.Changes = append(p.Changes, changeLine(field, before, after))
	p.bind(field, before)
}

// bind remembers a before-value the preview shows.
func (p *Preview) bind(field, before string) {
	if p.Before == nil {
		p.Before = map[string]string{}
	}
	p.Before[field] = before
}

// changeLine is one change of a preview: "field: before → after".
//
// The stored value comes from the CRM and is marked as such; our own
// placeholders ("(empty)", "(none)") are not.
func changeLine(field, before, after string) string {
	switch before {
	case "(empty)", "(none)", "none", "?":
	default:
		before = condense.Name(before)
	}
	return fmt.Sprintf("%s: %s → %s", field, before, after)
}

// storedText renders a stored value as the field configuration shows it;
// "(empty)" when it is unset.
func storedText(env *Env, fi *onoffice.FieldInfo, v any) string {
	if s, ok := condense.Value(fi, v); ok {
		return env.flag(fi, s)
	}
	return "(empty)"
}

// fieldChanges adds "field: before → after" for the named fields: before
// is the value in current, after what newValue renders for the field.
func (p *Preview) fieldChanges(env *Env, mf *onoffice.ModuleFields, current map[string]any, names []string, newValue func(fi *onoffice.FieldInfo, name string) string) {
	for _, name := range names {
		fi := fieldOf(mf, name)
		p.change(name, storedText(env, fi, current[name]), newValue(fi, name))
	}
}
