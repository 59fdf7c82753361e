package tools

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

func relationTools() []Tool {
	return []Tool{
		define("relation_list", "List linked records",
			"Find linked records (an estate's owners or prospects, an appointment's contacts …): parentids gives the children, childids the parents.",
			listRelations),
		withPreview(define("relation_create", "Link records",
			"Link records, e.g. address 10023 as owner of estate 3120: estate:address:owner, parentid [3120], childid [10023]. One side may hold several ids.",
			createRelation), previewRelationCreate),
		withPreview(define("relation_modify", "Set appointment participant status",
			"Change the confirmation or feedback status of addresses linked to an appointment.[[ Add links: relation_create.]][[ Remove: relation_delete.]]",
			modifyRelation), previewRelationModify),
		withPreview(define("relation_delete", "Unlink records",
			"Remove one link between two records; the records themselves stay.",
			deleteRelation), previewRelationDelete),
	}
}

// relationType is one documented relation type. The URN suffix is the
// model-facing name: it reads parent kind first, then child kind, which is
// exactly what a model must know to fill parentids and childids.
type relationType struct {
	suffix        string
	parent, child string // record kinds, see relNouns
	role          string // the child's role for previews ("owner")
	create        bool
	delete        bool
}

var relationTypes = []relationType{
	{"estate:address:owner", "estate", "address", "owner", true, true},
	{"estate:address:buyer", "estate", "address", "buyer", true, true},
	{"estate:address:renter", "estate", "address", "tenant", true, true},
	{"estate:address:tenant", "estate", "address", "tenant", false, false},
	{"estate:address:interested", "estate", "address", "prospect", true, true},
	{"estate:address:contactPerson", "estate", "address", "contact person (broker)", true, true},
	{"estate:address:contactPersonAll", "estate", "address", "contact person", true, true},
	{"estate:address:matching", "estate", "address", "matching prospect", false, false},
	{"estate:estateUnit", "estate", "estate", "unit", true, true},
	{"complex:estate:units", "complex", "estate", "unit", false, false},
	{"estate:user:officer", "estate", "user", "advisor", false, false},
	{"estate:user:assignment", "estate", "user", "assigned user", false, false},
	{"estate:allFiles", "estate", "file", "file", false, false},
	{"estate:file:titelbild", "estate", "file", "title picture", false, false},
	{"estate:file:grundriss", "estate", "file", "floor plan", false, false},
	{"estate:file:foto", "estate", "file", "photo", false, false},
	{"estate:file:allpictures", "estate", "file", "picture", false, false},
	{"estate:file:allpicturesExceptTitelbild", "estate", "file", "picture", false, false},
	{"estate:file:alllinks", "estate", "file", "link", false, false},
	{"estate:mail", "estate", "email", "e-mail", false, false},
	{"estateTracking:estate", "estatetracking", "estate", "tracked estate", false, false},
	{"address:searchcriteria", "address", "searchcriteria", "search profile", false, false},
	{"address:contact:address", "address", "address", "second-level contact", true, false},
	{"address:address:isTippgeberOf", "address", "address", "tipster", false, false},
	{"address:estate:tipp", "address", "estate", "tipped estate", false, false},
	{"address:estate:offer", "address", "estate", "offered estate", false, false},
	{"address:estate:offerByAgentsLog", "address", "estate", "offered estate", false, false},
	{"address:estate:contacted", "address", "estate", "contacted estate", false, false},
	{"address:estate:matching", "address", "estate", "matching estate", false, false},
	{"address:user:officer", "address", "user", "advisor", false, false},
	{"address:user:additionalOfficers", "address", "user", "additional advisor", false, false},
	{"address:user:strangeNameRelation", "address", "user", "user of the same name", false, false},
	{"address:user:sync", "address", "user", "sync user", true, true},
	{"address:file:attachment", "address", "file", "file", false, false},
	{"address:mail", "address", "email", "e-mail", false, false},
	{"address:process", "address", "process", "process", false, false},
	{"address:resubmission", "address", "resubmission", "resubmission", false, false},
	{"calendar:address", "appointment", "address", "participant", true, true},
	{"calendar:estate", "appointment", "estate", "estate", true, true},
	{"calendar:file:attachment", "appointment", "file", "attachment", false, false},
	{"task:address", "task", "address", "address", false, false},
	{"task:estate", "task", "estate", "estate", false, false},
	{"task:file:attachment", "task", "file", "attachment", false, false},
	{"agentsLog:address", "agentslog", "address", "address", true, false},
	{"agentsLog:estate", "agentslog", "estate", "estate", true, false},
	{"agentsLog:file:attachment", "agentslog", "file", "attachment", true, true},
	{"agentsLogMail:address", "agentslog", "address", "address", false, false},
	{"agentsLogMail:estate", "agentslog", "estate", "estate", false, false},
	{"agentsLog:attachment:download", "agentslog", "attachment", "attachment download", false, false},
	{"project:address", "project", "address", "address", false, false},
	{"project:estate", "project", "estate", "estate", false, false},
	{"project:task:customer", "project", "task", "task", false, false},
	{"project:agentslog", "project", "agentslog", "activity", false, false},
	{"project:calendar", "project", "appointment", "appointment", false, false},
	{"project:file:attachment", "project", "file", "attachment", false, false},
	{"user:address", "user", "address", "address", false, false},
	{"user:address:birthday", "user", "address", "birthday contact", false, false},
	{"user:messengerUser:is", "user", "messengeruser", "messenger user", false, false},
	{"customer:address:contact", "customer", "address", "contact", false, false},
	{"billing:estate", "billing", "estate", "estate", false, false},
	{"job:estate", "job", "estate", "estate", false, false},
	{"templateManagement:email:attachment", "emailtemplate", "file", "attachment", false, false},
	{"templateManagement:email:documentAttributes", "emailtemplate", "documentattribute", "document attribute", false, false},
}

// relNouns name the record kinds in answers and previews.
var relNouns = map[string]string{
	"estate": "estate", "address": "address", "user": "user", "file": "file", "email": "e-mail",
	"appointment": "appointment", "task": "task", "agentslog": "activity", "searchcriteria": "search profile",
	"project": "project", "process": "process", "resubmission": "resubmission", "complex": "complex",
	"estatetracking": "tracking account", "messengeruser": "messenger user", "customer": "customer",
	"billing": "billing record", "job": "job", "emailtemplate": "e-mail template",
	"documentattribute": "document attribute", "attachment": "attachment",
}

func lookupRelationType(suffix string) relationType {
	for _, t := range relationTypes {
		if t.suffix == suffix {
			return t
		}
	}
	return relationType{suffix: suffix, role: suffix}
}

// relEnum builds the schema of a relation type argument from the types a call accepts.
func relEnum(keep func(relationType) bool) *jsonschema.Schema {
	var enum []any
	for _, t := range relationTypes {
		if keep(t) {
			enum = append(enum, t.suffix)
		}
	}
	return &jsonschema.Schema{Type: "string", Enum: enum}
}

// RelationListType is any documented relation type. Its schema is a
// string: the 63 types would cost 1,700 characters in every tool list,
// most of them rarely wanted. The description names the everyday ones and
// checkListType refuses the others with the closest types and the list.
type RelationListType string

// JSONSchema leaves the type a string; see checkListType.
func (RelationListType) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "string"}
}

// checkListType refuses a relation type onOffice does not document.
func checkListType(typ RelationListType) error {
	names := make([]string, len(relationTypes))
	for i, t := range relationTypes {
		if t.suffix == string(typ) {
			return nil
		}
		names[i] = t.suffix
	}
	return argErrorf("relationtype", "unknown relation type %q%s; allowed: %s", typ, suggest(string(typ), names), strings.Join(names, ", "))
}

// RelationCreateType is a relation type the API can create.
type RelationCreateType string

// JSONSchema lists the creatable relation types.
func (RelationCreateType) JSONSchema() *jsonschema.Schema {
	return relEnum(func(t relationType) bool { return t.create })
}

// RelationDeleteType is a relation type the API can delete.
type RelationDeleteType string

// JSONSchema lists the deletable relation types.
func (RelationDeleteType) JSONSchema() *jsonschema.Schema {
	return relEnum(func(t relationType) bool { return t.delete })
}

// RelationListParams are the arguments of relation_list.
type RelationListParams struct {
	RelationType RelationListType `json:"relationtype" jsonschema:"required" jsonschema_description:"parent:child[:role], e.g. estate:address:owner (or buyer, renter, interested = prospects, contactPerson), address:searchcriteria, calendar:address, task:estate; unknown ones get the list"`
	ParentIDs    []int            `json:"parentids,omitempty" jsonschema:"maxItems=500"`
	ChildIDs     []int            `json:"childids,omitempty" jsonschema:"maxItems=500"`
}

func listRelations(ctx context.Context, env *Env, p RelationListParams) (*Result, error) {
	if err := checkListType(p.RelationType); err != nil {
		return nil, err
	}
	if (len(p.ParentIDs) == 0) == (len(p.ChildIDs) == 0) {
		return nil, argErrorf("parentids", "give either parentids (to find children) or childids (to find parents), exactly one of them")
	}
	typ := lookupRelationType(string(p.RelationType))
	params := map[string]any{"relationtype": onoffice.RelationTypePrefix + typ.suffix}
	asked, askedKind, otherKind, dir := p.ParentIDs, typ.parent, typ.child, "parentids"
	if len(p.ChildIDs) > 0 {
		asked, askedKind, otherKind, dir = p.ChildIDs, typ.child, typ.parent, "childids"
	}
	params[dir] = asked
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	links := relatedIDMap(res)
	var others []int
	for _, ids := range links {
		others = append(others, ids...)
	}
	names := recordNames(ctx, env, map[string][]int{askedKind: asked, otherKind: others})

	var b strings.Builder
	if dir == "parentids" {
		fmt.Fprintf(&b, "%s (%s) of each %s:\n", relPlural(typ.role), typ.suffix, relNoun(askedKind))
	} else if typ.role == relNoun(askedKind) {
		fmt.Fprintf(&b, "%s linked to each %s (%s):\n", relPlural(relNoun(otherKind)), relNoun(askedKind), typ.suffix)
	} else {
		fmt.Fprintf(&b, "%s linked to each %s as %s (%s):\n", relPlural(relNoun(otherKind)), relNoun(askedKind), typ.role, typ.suffix)
	}
	structured := map[string]any{}
	total := 0
	for _, id := range asked {
		key := strconv.Itoa(id)
		if _, dup := structured[key]; dup {
			continue
		}
		ids := links[id]
		structured[key] = ids
		total += len(ids)
		if len(ids) == 0 {
			fmt.Fprintf(&b, "- %s: none\n", recordRef(askedKind, id, names))
			continue
		}
		parts := make([]string, len(ids))
		for i, o := range ids {
			parts[i] = recordRef(otherKind, o, names)
		}
		fmt.Fprintf(&b, "- %s: %s\n", recordRef(askedKind, id, names), strings.Join(parts, ", "))
	}
	if total == 0 {
		b.WriteString("No links found. Check the direction: ids of the first kind in the type go into parentids.\n")
	}
	return withStructured(env, &Result{Text: strings.TrimRight(b.String(), "\n")},
		map[string]any{"relationtype": typ.suffix, "by": dir, "links": structured}), nil
}

// relatedIDMap reads the relatedIds record: queried id → linked ids.
func relatedIDMap(res onoffice.Result) map[int][]int {
	out := map[int][]int{}
	for _, rec := range res.Records {
		var m map[string][]json.RawMessage
		if json.Unmarshal(rec.Elements, &m) != nil {
			continue // an empty answer comes as []
		}
		for k, list := range m {
			id, err := strconv.Atoi(k)
			if err != nil {
				continue
			}
			for _, raw := range list {
				var s string
				if json.Unmarshal(raw, &s) != nil {
					s = string(raw)
				}
				if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
					out[id] = append(out[id], n)
				}
			}
			sort.Ints(out[id])
		}
	}
	return out
}

func relPlural(noun string) string {
	for _, sep := range []string{" (", " of "} {
		if head, tail, ok := strings.Cut(noun, sep); ok {
			return relPlural(head) + sep + tail
		}
	}
	switch {
	case strings.HasSuffix(noun, "ss"):
		return noun + "es"
	case strings.HasSuffix(noun, "y"):
		return noun[:len(noun)-1] + "ies"
	}
	return noun + "s"
}

func relNoun(kind string) string {
	if n, ok := relNouns[kind]; ok {
		return n
	}
	return kind
}

// RelationInfo is the extra data of an appointment participant link.
type RelationInfo struct {
	Confirmation string `json:"statusTerminbestaetigung,omitempty" jsonschema:"enum=bestätigt,enum=gesendet,enum=gecancelt,enum=nicht gesetzt" jsonschema_description:"confirmed, sent, cancelled, not set"`
}

// RelationCreateParams are the arguments of relation_create.
type RelationCreateParams struct {
	RelationType RelationCreateType `json:"relationtype" jsonschema:"required" jsonschema_description:"Parent kind first, then child kind"`
	ParentID     []int              `json:"parentid" jsonschema:"required,minItems=1,maxItems=500"`
	ChildID      []int              `json:"childid" jsonschema:"required,minItems=1,maxItems=500"`
	RelationInfo *RelationInfo      `json:"relationinfo,omitempty" jsonschema_description:"Only for calendar:address"`
}

// checkRecords refuses parents and children that do not exist, before
// anyone is asked.
func (p RelationCreateParams) checkRecords(ctx context.Context, env *Env) error {
	typ := lookupRelationType(string(p.RelationType))
	if err := checkRecords(ctx, env, typ.parent, "parentid", p.ParentID...); err != nil {
		return err
	}
	return checkRecords(ctx, env, typ.child, "childid", p.ChildID...)
}

func (p RelationCreateParams) check() error {
	if len(p.ParentID) > 1 && len(p.ChildID) > 1 {
		return argErrorf("childid", "several parents and several children at once (n:n) are not allowed; give one parent or one child")
	}
	if p.RelationInfo != nil && p.RelationType != "calendar:address" {
		return argErrorf("relationinfo", "is only allowed with relationtype calendar:address")
	}
	if p.RelationInfo != nil && p.RelationInfo.Confirmation == "" {
		return argErrorf("relationinfo.statusTerminbestaetigung", "is required when relationinfo is given")
	}
	return nil
}

func createRelation(ctx context.Context, env *Env, p RelationCreateParams) (*Result, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if err := p.checkRecords(ctx, env); err != nil {
		return nil, err
	}
	typ := lookupRelationType(string(p.RelationType))
	params := map[string]any{"relationtype": onoffice.RelationTypePrefix + typ.suffix, "parentid": p.ParentID, "childid": p.ChildID}
	if p.RelationInfo != nil {
		params["relationinfo"] = map[string]any{"statusTerminbestaetigung": p.RelationInfo.Confirmation}
	}
	if _, err := env.call(ctx, "", params); err != nil {
		return nil, err
	}
	n := len(p.ParentID) * len(p.ChildID)
	return condense.Text("Linked (%s): %s %s ↔ %s %s as %s; %d link(s).", typ.suffix,
		relNoun(typ.parent), joinIDs(p.ParentID), relNoun(typ.child), joinIDs(p.ChildID), typ.role, n), nil
}

// relPairs lists the links of a call for a preview, each naming both records.
func relPairs(env *Env, typ relationType, parents, children []int, names map[string]map[int]string) []string {
	var out []string
	for _, par := range parents {
		for _, ch := range children {
			out = append(out, fmt.Sprintf(env.say("%s ↔ %s as %s", "%s ↔ %s als %s"), env.ref(typ.parent, par, names), env.ref(typ.child, ch, names), env.role(typ.role)))
		}
	}
	return out
}

func previewRelationCreate(ctx context.Context, env *Env, p RelationCreateParams) (*Preview, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if err := p.checkRecords(ctx, env); err != nil {
		return nil, err
	}
	typ := lookupRelationType(string(p.RelationType))
	names := recordNames(ctx, env, relKindIDs(typ, p.ParentID, p.ChildID))
	pairs := relPairs(env, typ, p.ParentID, p.ChildID, names)
	pv := &Preview{}
	if len(pairs) == 1 {
		pv.Target = pairs[0]
	} else if len(p.ParentID) == 1 {
		pv.Target = fmt.Sprintf(env.say("%s: %d new %s links (%s)", "%s: %d neue Verknüpfungen als %s (%s)"), env.ref(typ.parent, p.ParentID[0], names), len(pairs), env.role(typ.role), typ.suffix)
	} else {
		pv.Target = fmt.Sprintf(env.say("%s: linked to %d %s as %s", "%s: verknüpft mit %d × %s als %s"), env.ref(typ.child, p.ChildID[0], names), len(pairs), env.say(relPlural(relNoun(typ.parent)), env.noun(typ.parent)), env.role(typ.role))
	}
	if len(p.ParentID) == 1 {
		pv.RecordID = strconv.Itoa(p.ParentID[0])
	}
	for _, pair := range pairs {
		pv.Changes = append(pv.Changes, env.say("+ link ", "+ verknüpfen: ")+pair)
	}
	if p.RelationInfo != nil {
		pv.Changes = append(pv.Changes, "statusTerminbestaetigung: "+p.RelationInfo.Confirmation)
	}
	return pv, nil
}

func relKindIDs(typ relationType, parents, children []int) map[string][]int {
	m := map[string][]int{}
	m[typ.parent] = append(m[typ.parent], parents...)
	m[typ.child] = append(m[typ.child], children...)
	return m
}

// RelationModifyInfo are the participant states relation_modify sets.
type RelationModifyInfo struct {
	Confirmation string `json:"statusTerminbestaetigung,omitempty" jsonschema:"enum=bestätigt,enum=gesendet,enum=gecancelt,enum=nicht gesetzt" jsonschema_description:"confirmed, sent, cancelled, not set"`
	Feedback     string `json:"statusTerminrueckmeldung,omitempty" jsonschema:"enum=aktiv,enum=inaktiv"`
}

// RelationModifyParams are the arguments of relation_modify. The API only
// documents this call for appointment participants (calendar:address), so
// the tool fixes that type instead of offering a choice that would fail.
type RelationModifyParams struct {
	ParentID     []int              `json:"parentid" jsonschema:"required,minItems=1,maxItems=500" jsonschema_description:"Appointment ids"`
	ChildID      []int              `json:"childid" jsonschema:"required,minItems=1,maxItems=500" jsonschema_description:"Participant address ids"`
	RelationInfo RelationModifyInfo `json:"relationinfo" jsonschema:"required"`
}

func (p RelationModifyParams) check() error {
	if len(p.ParentID) > 1 && len(p.ChildID) > 1 {
		return argErrorf("childid", "several appointments and several addresses at once (n:n) are not allowed")
	}
	if p.RelationInfo.Confirmation == "" && p.RelationInfo.Feedback == "" {
		return argErrorf("relationinfo", "set statusTerminbestaetigung, statusTerminrueckmeldung or both")
	}
	return nil
}

func (i RelationModifyInfo) wire() map[string]any {
	m := map[string]any{}
	if i.Confirmation != "" {
		m["statusTerminbestaetigung"] = i.Confirmation
	}
	if i.Feedback != "" {
		m["statusTerminrueckmeldung"] = i.Feedback
	}
	return m
}

func modifyRelation(ctx context.Context, env *Env, p RelationModifyParams) (*Result, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	params := map[string]any{"relationtype": onoffice.RelationTypePrefix + "calendar:address", "parentid": p.ParentID, "childid": p.ChildID,
		"relationinfo": p.RelationInfo.wire()}
	if _, err := env.call(ctx, "", params); err != nil {
		return nil, err
	}
	var set []string
	for _, k := range keys(p.RelationInfo.wire()) {
		set = append(set, k+" = "+p.RelationInfo.wire()[k].(string))
	}
	return condense.Text("Appointment %s, addresses %s: %s.", joinIDs(p.ParentID), joinIDs(p.ChildID), strings.Join(set, ", ")), nil
}

// relConfirmation maps the appointment read's status words to the values relation_modify sets.
var relConfirmation = map[string]string{"confirmed": "bestätigt", "sent": "gesendet", "canceled": "gecancelt", "not-set": "nicht gesetzt"}

func previewRelationModify(ctx context.Context, env *Env, p RelationModifyParams) (*Preview, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	typ := lookupRelationType("calendar:address")
	names := recordNames(ctx, env, relKindIDs(typ, p.ParentID, p.ChildID))
	// The current confirmation per participant, where the appointment read tells it.
	current := map[[2]int]string{}
	if p.RelationInfo.Confirmation != "" && len(p.ParentID) <= 20 {
		var actions []onoffice.Action
		for _, id := range p.ParentID {
			actions = append(actions, rowOf("appointment_read").request(strconv.Itoa(id), map[string]any{"showConfirmationStatus": true}))
		}
		if outcomes, err := env.API.Do(ctx, actions...); err == nil {
			for i, o := range outcomes {
				if o.Err != nil || len(o.Result.Records) == 0 {
					continue
				}
				var el struct {
					Addresses []struct {
						ID     json.Number `json:"id"`
						Status string      `json:"confirmationStatus"`
					} `json:"addresses"`
				}
				if json.Unmarshal(o.Result.Records[0].Elements, &el) != nil {
					continue
				}
				for _, a := range el.Addresses {
					if n, err := a.ID.Int64(); err == nil {
						current[[2]int{p.ParentID[i], int(n)}] = relConfirmation[a.Status]
					}
				}
			}
		}
	}
	pv := &Preview{Target: env.ref("appointment", p.ParentID[0], names) + env.say(": participant status", ": Teilnehmerstatus")}
	if len(p.ParentID) == 1 {
		pv.RecordID = strconv.Itoa(p.ParentID[0])
	}
	for _, par := range p.ParentID {
		for _, ch := range p.ChildID {
			who := env.ref("address", ch, names)
			if len(p.ParentID) > 1 {
				who = env.ref("appointment", par, names) + ", " + who
			}
			if c := p.RelationInfo.Confirmation; c != "" {
				pv.change(who+" statusTerminbestaetigung", cmp.Or(current[[2]int{par, ch}], "?"), c)
			}
			if f := p.RelationInfo.Feedback; f != "" {
				pv.Changes = append(pv.Changes, fmt.Sprintf("%s statusTerminrueckmeldung: → %s", who, f))
			}
		}
	}
	return pv, nil
}

// RelationDeleteParams are the arguments of relation_delete.
type RelationDeleteParams struct {
	RelationType RelationDeleteType `json:"relationtype" jsonschema:"required" jsonschema_description:"Parent kind first, then child kind"`
	ParentID     int                `json:"parentid" jsonschema:"required,minimum=1"`
	ChildID      int                `json:"childid" jsonschema:"required,minimum=1"`
}

func deleteRelation(ctx context.Context, env *Env, p RelationDeleteParams) (*Result, error) {
	typ := lookupRelationType(string(p.RelationType))
	params := map[string]any{"relationtype": onoffice.RelationTypePrefix + typ.suffix, "parentid": p.ParentID, "childid": p.ChildID}
	if _, err := env.call(ctx, "", params); err != nil {
		return nil, err
	}
	return condense.Text("Unlinked (%s): %s %d ↔ %s %d (%s); both records remain.", typ.suffix,
		relNoun(typ.parent), p.ParentID, relNoun(typ.child), p.ChildID, typ.role), nil
}

func previewRelationDelete(ctx context.Context, env *Env, p RelationDeleteParams) (*Preview, error) {
	typ := lookupRelationType(string(p.RelationType))
	names := recordNames(ctx, env, relKindIDs(typ, []int{p.ParentID}, []int{p.ChildID}))
	pair := relPairs(env, typ, []int{p.ParentID}, []int{p.ChildID}, names)[0]
	pv := &Preview{Target: pair, RecordID: strconv.Itoa(p.ParentID), Changes: []string{env.say("- unlink ", "- Verknüpfung lösen: ") + pair}}
	// Say so when there is nothing to remove.
	res, err := env.API.Call(ctx, rowOf("relation_list").request("", map[string]any{"relationtype": onoffice.RelationTypePrefix + typ.suffix, "parentids": []int{p.ParentID}}))
	if err == nil {
		if !slices.Contains(relatedIDMap(res)[p.ParentID], p.ChildID) {
			pv.Changes = append(pv.Changes, env.say("note: these records are not linked by this type at present", "Hinweis: diese Datensätze sind derzeit nicht auf diese Art verknüpft"))
		}
	}
	return pv, nil
}
