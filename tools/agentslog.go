package tools

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

func agentsLogTools() []Tool {
	return []Tool{
		define("agents_log_read", "Read activities",
			"List activities, newest first, or read one by id. estateid/addressid select linked ones; those and Benutzer cannot be filtered.",
			readAgentsLog),
		withPreview(define("agents_log_create", "Log an activity",
			"Log an activity (call, e-mail, viewing, offer …) for addresses and/or an estate, one entry per address.[[ Kind/type pairs: action_type_list.]]",
			createAgentsLog), previewAgentsLogCreate),
		withPreview(define("agents_log_modify", "Change an activity",
			"Change an activity's kind, type, note, time, cost, duration, origin or characteristics.[[ Links: relation_create.]]",
			modifyAgentsLog), previewAgentsLogModify),
	}
}

var defaultAgentsLogFields = []string{"Datum", "Aktionsart", "Aktionstyp", "Bemerkung", "Objekt_nr", "Adress_nr", "Benutzer", "Beratungsebene"}

// agentsLogPseudoFields are readable names besides the field configuration.
var agentsLogPseudoFields = []string{"Nr", "Benutzer_bearb", "mailDate", "Aktionsmerkmale", "Angeboten_fuer"}

// AgentsLogReadParams are the arguments of agents_log_read.
type AgentsLogReadParams struct {
	ID         int      `json:"id,omitempty" jsonschema:"minimum=1"`
	Data       []string `json:"data,omitempty" jsonschema_description:"e.g. [\"Datum\",\"Aktionsart\",\"Bemerkung\"]"`
	Filter     Filter   `json:"filter,omitempty"`
	SortBy     SortBy   `json:"sortby,omitempty"`
	ListLimit  int      `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=500,default=20"`
	ListOffset int      `json:"listoffset,omitempty" jsonschema:"minimum=0"`
	EstateID   []int    `json:"estateid,omitempty" jsonschema:"maxItems=500"`
	AddressID  []int    `json:"addressid,omitempty" jsonschema:"maxItems=500"`
	ProjectID  int      `json:"projectid,omitempty" jsonschema:"minimum=1"`
	FullMail   bool     `json:"fullmail,omitempty" jsonschema_description:"Add e-mail bodies"`
	Tracking   bool     `json:"tracking,omitempty" jsonschema_description:"Only those released for owner tracking"`
}

// agentsLogUnfilterable are fields the API refuses in a filter.
var agentsLogUnfilterable = []string{"Benutzer", "Adress_nr", "Objekt_nr", "dauer"}

func readAgentsLog(ctx context.Context, env *Env, p AgentsLogReadParams) (*Result, error) {
	lp := listParams{Data: p.Data, Filter: p.Filter, SortBy: p.SortBy, ListLimit: p.ListLimit, ListOffset: p.ListOffset}.withDefaults(defaultAgentsLogFields)
	for _, name := range agentsLogUnfilterable {
		if _, ok := p.Filter[name]; ok {
			return nil, argErrorf("filter."+name, "cannot be filtered; select linked records with estateid or addressid instead")
		}
	}
	if _, ok := p.Filter["Absagegrund"]; ok {
		if _, level := p.Filter["Beratungsebene"]; !level {
			return nil, argErrorf("filter.Absagegrund", "needs a Beratungsebene filter as well, e.g. {\"op\":\"=\",\"val\":\"G Absage\"}")
		}
	}
	if err := lp.check(ctx, env, "agentsLog", agentsLogPseudoFields...); err != nil {
		return nil, err
	}
	params := map[string]any{}
	lp.apply(params)
	setIf(params, "estateid", p.EstateID, len(p.EstateID) > 0)
	setIf(params, "addressid", p.AddressID, len(p.AddressID) > 0)
	setIf(params, "projectid", p.ProjectID, p.ProjectID > 0)
	setIf(params, "fullmail", true, p.FullMail)
	setIf(params, "tracking", true, p.Tracking)
	// One entry is read as the docs page says, with "read agentslog" and its
	// id; some working clients use "get agentslog" (the sandbox answers both
	// alike).
	return lp.readList(ctx, env, "agentsLog", p.ID, params, condense.List{Noun: "activities", Requested: lp.Data}, p)
}

// AgentsLogCreateParams are the arguments of agents_log_create.
type AgentsLogCreateParams struct {
	AddressIDs         []int    `json:"addressids,omitempty" jsonschema:"maxItems=500" jsonschema_description:"addressids or estateid is required"`
	EstateID           int      `json:"estateid,omitempty" jsonschema:"minimum=1"`
	ActionKind         string   `json:"actionkind,omitempty" jsonschema_description:"Aktionsart, e.g. Telefonat, Email, Termin"`
	ActionType         string   `json:"actiontype,omitempty" jsonschema_description:"Aktionstyp of that kind, e.g. Ausgang"`
	DateTime           string   `json:"datetime,omitempty" jsonschema:"pattern=^\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}(:\\d{2})?)?$" jsonschema_description:"Default now; a date alone means 00:00"`
	Note               string   `json:"note,omitempty"`
	OriginContact      string   `json:"origincontact,omitempty" jsonschema_description:"HerkunftKontakt key"`
	Features           []string `json:"features,omitempty" jsonschema_description:"merkmal keys"`
	Cost               float64  `json:"cost,omitempty" jsonschema:"minimum=0"`
	Duration           int      `json:"duration,omitempty" jsonschema:"minimum=0" jsonschema_description:"Seconds"`
	AdvisoryLevel      string   `json:"advisorylevel,omitempty" jsonschema:"enum=A,enum=B,enum=C,enum=D,enum=E,enum=F,enum=G" jsonschema_description:"A: contract signed … G: cancellation"`
	ReasonCancellation string   `json:"reasoncancellation,omitempty" jsonschema_description:"Absagegrund key; only with advisorylevel G"`
	ProjectID          int      `json:"projectid,omitempty" jsonschema:"minimum=1"`
	TaskID             int      `json:"taskid,omitempty" jsonschema:"minimum=1"`
	AppointmentID      int      `json:"appointmentid,omitempty" jsonschema:"minimum=1"`
	FileIDs            []int    `json:"fileids,omitempty"`
	UserID             int      `json:"userid,omitempty" jsonschema:"minimum=1" jsonschema_description:"Default you"`
}

// agentsLogValues puts the select values of an activity through the value
// checker (a label becomes its key) and resolves the action type within
// its kind, so that onOffice does not refuse them after the confirmation.
func agentsLogValues(ctx context.Context, env *Env, kind, typ, origin *string, features []string) error {
	for _, sel := range []struct {
		arg, field string
		v          *string
	}{{"actionkind", "Aktionsart", kind}, {"origincontact", "HerkunftKontakt", origin}} {
		v, err := checkValue(lookupField(ctx, env, "agentsLog", sel.field), sel.arg, *sel.v, forWrite)
		if err != nil {
			return err
		}
		*sel.v = plainArg(v)
	}
	f := lookupField(ctx, env, "agentsLog", "merkmal")
	for i, ft := range features {
		v, err := checkValue(f, "features", ft, forWrite)
		if err != nil {
			return err
		}
		features[i] = plainArg(v)
	}
	if *typ == "" || *kind == "" {
		return nil
	}
	t, err := resolveActionType(ctx, env, *kind, *typ)
	if err != nil {
		return err
	}
	*typ = t
	return nil
}

func (p *AgentsLogCreateParams) check(ctx context.Context, env *Env) error {
	if err := checkDateTime("datetime", p.DateTime); err != nil {
		return err
	}
	if len(p.AddressIDs) == 0 && p.EstateID == 0 {
		return argErrorf("addressids", "give addressids, estateid or both: an activity must concern a contact or an estate")
	}
	if p.ReasonCancellation != "" && p.AdvisoryLevel != "G" {
		return argErrorf("reasoncancellation", "is only allowed with advisorylevel G (cancellation)")
	}
	if p.ActionType != "" && p.ActionKind == "" {
		return argErrorf("actiontype", "needs actionkind as well")
	}
	if err := agentsLogValues(ctx, env, &p.ActionKind, &p.ActionType, &p.OriginContact, p.Features); err != nil {
		return err
	}
	reason, err := checkValue(lookupField(ctx, env, "agentsLog", "Absagegrund"), "reasoncancellation", p.ReasonCancellation, forWrite)
	if err != nil {
		return err
	}
	p.ReasonCancellation = plainArg(reason)
	if err := checkRecords(ctx, env, "address", "addressids", p.AddressIDs...); err != nil {
		return err
	}
	if err := checkRecords(ctx, env, "estate", "estateid", p.EstateID); err != nil {
		return err
	}
	if p.UserID > 0 {
		return checkUserIDs(ctx, env, "userid", []int{p.UserID})
	}
	return nil
}

func (p AgentsLogCreateParams) wire() map[string]any {
	params := map[string]any{}
	setIf(params, "addressids", p.AddressIDs, len(p.AddressIDs) > 0)
	setIf(params, "estateid", p.EstateID, p.EstateID > 0)
	setIf(params, "actionkind", p.ActionKind, p.ActionKind != "")
	setIf(params, "actiontype", p.ActionType, p.ActionType != "")
	setIf(params, "datetime", fullDateTime(p.DateTime), p.DateTime != "")
	setIf(params, "note", p.Note, p.Note != "")
	setIf(params, "origincontact", p.OriginContact, p.OriginContact != "")
	setIf(params, "features", p.Features, len(p.Features) > 0)
	setIf(params, "cost", p.Cost, p.Cost > 0)
	setIf(params, "duration", p.Duration, p.Duration > 0)
	setIf(params, "advisorylevel", p.AdvisoryLevel, p.AdvisoryLevel != "")
	setIf(params, "reasoncancellation", p.ReasonCancellation, p.ReasonCancellation != "")
	setIf(params, "projectid", p.ProjectID, p.ProjectID > 0)
	setIf(params, "taskid", p.TaskID, p.TaskID > 0)
	setIf(params, "appointmentid", p.AppointmentID, p.AppointmentID > 0)
	setIf(params, "fileids", p.FileIDs, len(p.FileIDs) > 0)
	setIf(params, "userid", p.UserID, p.UserID > 0)
	return params
}

func createAgentsLog(ctx context.Context, env *Env, p AgentsLogCreateParams) (*Result, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	res, err := env.call(ctx, "", p.wire())
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range res.Records {
		ids = append(ids, r.IDString())
	}
	what := strings.TrimSpace(p.ActionKind + " " + p.ActionType)
	if what == "" {
		what = "activity"
	}
	var on []string
	if len(p.AddressIDs) > 0 {
		on = append(on, "address "+joinIDs(p.AddressIDs))
	}
	if p.EstateID > 0 {
		on = append(on, "estate "+strconv.Itoa(p.EstateID))
	}
	return withStructured(env, condense.Text("Logged %s for %s: entry id %s.", what, strings.Join(on, " and "), strings.Join(ids, ", ")),
		map[string]any{"ids": ids}), nil
}

func previewAgentsLogCreate(ctx context.Context, env *Env, p AgentsLogCreateParams) (*Preview, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	ids := map[string][]int{"address": p.AddressIDs}
	if p.EstateID > 0 {
		ids["estate"] = []int{p.EstateID}
	}
	names := recordNames(ctx, env, ids)
	var on []string
	for _, id := range p.AddressIDs {
		on = append(on, env.ref("address", id, names))
	}
	if p.EstateID > 0 {
		on = append(on, env.ref("estate", p.EstateID, names))
	}
	pv := &Preview{Target: env.say("new activity for ", "neue Aktivität für ") + strings.Join(on, env.say(" and ", " und "))}
	if len(p.AddressIDs) > 1 {
		pv.Target = fmt.Sprintf(env.say("%d new activities (one per address) for %s", "%d neue Aktivitäten (eine je Adresse) für %s"), len(p.AddressIDs), strings.Join(on, ", "))
	}
	wire := p.wire()
	mf := moduleFields(ctx, env, "agentsLog")
	for _, k := range keys(wire) {
		if k == "addressids" || k == "estateid" {
			continue
		}
		field := agentsLogFieldOf(k)
		pv.Changes = append(pv.Changes, fmt.Sprintf("%s: %s", field, labelled(env, fieldOf(mf, field), wire[k])))
	}
	return pv, nil
}

// agentsLogFieldNames maps the English write parameters to the German field names reads use.
var agentsLogFieldNames = map[string]string{
	"actionkind": "Aktionsart", "actiontype": "Aktionstyp", "origincontact": "HerkunftKontakt", "cost": "Kosten",
	"note": "Bemerkung", "duration": "dauer", "features": "merkmal", "datetime": "Datum",
	"advisorylevel": "Beratungsebene", "reasoncancellation": "Absagegrund",
}

func agentsLogFieldOf(param string) string {
	if f, ok := agentsLogFieldNames[param]; ok {
		return f
	}
	return param
}

// AgentsLogModifyData are the changeable values of an entry.
type AgentsLogModifyData struct {
	ActionKind    string   `json:"actionkind,omitempty" jsonschema_description:"Aktionsart"`
	ActionType    string   `json:"actiontype,omitempty" jsonschema_description:"Aktionstyp"`
	DateTime      string   `json:"datetime,omitempty" jsonschema:"pattern=^\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}(:\\d{2})?)?$" jsonschema_description:"A date alone means 00:00"`
	Note          *string  `json:"note,omitempty"`
	OriginContact string   `json:"origincontact,omitempty" jsonschema_description:"HerkunftKontakt key"`
	Features      []string `json:"features,omitempty" jsonschema_description:"merkmal keys; replace all"`
	Cost          *float64 `json:"cost,omitempty" jsonschema:"minimum=0"`
	Duration      *int     `json:"duration,omitempty" jsonschema:"minimum=0" jsonschema_description:"Seconds"`
}

// AgentsLogModifyParams are the arguments of agents_log_modify.
type AgentsLogModifyParams struct {
	ID   int                 `json:"id" jsonschema:"required,minimum=1"`
	Data AgentsLogModifyData `json:"data" jsonschema:"required"`
}

func (d AgentsLogModifyData) wire() map[string]any {
	m := map[string]any{}
	setIf(m, "actionkind", d.ActionKind, d.ActionKind != "")
	setIf(m, "actiontype", d.ActionType, d.ActionType != "")
	setIf(m, "datetime", fullDateTime(d.DateTime), d.DateTime != "")
	if d.Note != nil {
		m["note"] = *d.Note
	}
	setIf(m, "origincontact", d.OriginContact, d.OriginContact != "")
	setIf(m, "features", d.Features, d.Features != nil)
	if d.Cost != nil {
		m["cost"] = *d.Cost
	}
	if d.Duration != nil {
		m["duration"] = *d.Duration
	}
	return m
}

func (p *AgentsLogModifyParams) check(ctx context.Context, env *Env) error {
	if len(p.Data.wire()) == 0 {
		return argErrorf("data", "names nothing to change; allowed: actionkind, actiontype, datetime, note, origincontact, features, cost, duration")
	}
	if err := checkDateTime("data.datetime", p.Data.DateTime); err != nil {
		return err
	}
	return agentsLogValues(ctx, env, &p.Data.ActionKind, &p.Data.ActionType, &p.Data.OriginContact, p.Data.Features)
}

func modifyAgentsLog(ctx context.Context, env *Env, p AgentsLogModifyParams) (*Result, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	data := p.Data.wire()
	_, err := env.call(ctx, strconv.Itoa(p.ID), map[string]any{"data": data})
	if err != nil {
		return nil, err
	}
	changed := make([]string, 0, len(data))
	for _, k := range keys(data) {
		changed = append(changed, agentsLogFieldOf(k))
	}
	return condense.Text("Activity %d modified: %s.", p.ID, strings.Join(changed, ", ")), nil
}

func previewAgentsLogModify(ctx context.Context, env *Env, p AgentsLogModifyParams) (*Preview, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	data := p.Data.wire()
	fieldList := []string{"Aktionsart", "Aktionstyp", "Datum"}
	for k := range data {
		fieldList = append(fieldList, agentsLogFieldOf(k))
	}
	target, current := softTarget(ctx, env, "activity", "agentslog", p.ID, uniqueStrings(fieldList), func(el map[string]any) string {
		return recordNameOf("agentslog", el)
	})
	pv := &Preview{Target: target, RecordID: strconv.Itoa(p.ID)}
	mf := moduleFields(ctx, env, "agentsLog")
	for _, k := range keys(data) {
		field := agentsLogFieldOf(k)
		after := fmt.Sprint(data[k])
		if list, ok := data[k].([]string); ok {
			after = strings.Join(list, ", ")
		}
		before := storedText(env, fieldOf(mf, field), current[field])
		pv.change(field, before, after)
	}
	return pv, nil
}

// fullDateTime completes a date or a time without seconds to the
// YYYY-MM-DD HH:MM:SS onOffice's agents log takes; a date alone is 00:00.
func fullDateTime(s string) string {
	switch len(s) {
	case len("2006-01-02"):
		return s + " 00:00:00"
	case len("2006-01-02 15:04"):
		return s + ":00"
	}
	return s
}

// checkDateTime refuses dates the schema's pattern lets through but the
// calendar does not have, such as 2026-02-30; an activity's date alone
// stands for its start (00:00), the value checker judges the rest.
func checkDateTime(arg, s string) error {
	if s == "" {
		return nil
	}
	full := fullDateTime(s)
	return checkArgValue("datetime", arg, &full)
}
