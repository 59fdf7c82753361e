package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

func miscTools() []Tool {
	return []Tool{
		define("records_last_seen", "Recently opened records",
			"List the estates, addresses, tasks or e-mails a user last opened, newest first; listlimit 0 only counts, filter.date limits the period.",
			readLastSeen),
		define("macro_resolve", "Resolve text macros",
			"Fill onOffice text macros such as _Uservorname or _Anrede in a text, for the given estate, address, appointment or activity.",
			resolveMacro),
		define("log_entries_read", "Read the change log",
			"List who added, edited, linked or deleted which record and when, newest first (administrators only; no field-level changes).",
			readLogEntries),
		define("survey_read", "Read app surveys",
			"List the app questionnaires for appointments (viewing or handover protocols), or read one with its questions.",
			readSurvey),
		withPreview(define("time_tracking_modify", "Start or stop working time",
			"Start (track true) or stop (false) your working-time clock; answers today's worked and break time.",
			modifyTimeTracking), previewTimeTracking),
		define("record_link_get", "Link to a record in onOffice",
			"URL that opens an estate, address or activity in onOffice enterprise for a logged-in user.",
			getRecordLink),
	}
}

// LastSeenParams are the arguments of records_last_seen.
type LastSeenParams struct {
	Module    string `json:"module" jsonschema:"required,enum=estate,enum=address,enum=task,enum=email"`
	ListLimit *int   `json:"listlimit,omitempty" jsonschema:"minimum=0,maximum=500,default=20"`
	User      int    `json:"user,omitempty" jsonschema:"minimum=1" jsonschema_description:"Default you"`
	Filter    Filter `json:"filter,omitempty" jsonschema_description:"Fields of the module, or date (YYYY-MM-DD HH:MM:SS) of opening"`
}

func readLastSeen(ctx context.Context, env *Env, p LastSeenParams) (*Result, error) {
	limit := 20
	if p.ListLimit != nil {
		limit = *p.ListLimit
	}
	var names []string
	for _, k := range keys(p.Filter) {
		if k == "date" {
			continue
		}
		if p.Module == "email" {
			return nil, argErrorf("filter."+k, "e-mails can only be filtered by date")
		}
		names = append(names, k)
	}
	if err := checkFields(ctx, env, p.Module, "filter", names); err != nil {
		return nil, err
	}
	if err := p.Filter.checkConditions(); err != nil {
		return nil, err
	}
	if err := p.Filter.checkValues(ctx, env, p.Module); err != nil {
		return nil, err
	}
	params := map[string]any{"module": p.Module}
	paging{limit: limit}.apply(params)
	setIf(params, "user", p.User, p.User > 0)
	setIf(params, "filter", p.Filter.wire(), len(p.Filter) > 0)
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	ids := recordIDs(res.Records)
	noun := map[string]string{"estate": "estates", "address": "addresses", "task": "tasks", "email": "e-mails"}[p.Module]
	var b strings.Builder
	switch {
	case limit == 0:
		fmt.Fprintf(&b, "%d last opened %s", res.Total, noun)
	case len(ids) == 0:
		fmt.Fprintf(&b, "No last opened %s match.", noun)
	default:
		fmt.Fprintf(&b, "Last opened %s, newest first (%d of %d):", noun, len(ids), res.Total)
		kind := p.Module
		names := recordNames(ctx, env, map[string][]int{kind: ids})
		for _, id := range ids {
			label := recordRef(kind, id, names)
			if kind == "email" {
				label = "e-mail " + strconv.Itoa(id)
			}
			b.WriteString("\n- " + label)
		}
	}
	return withStructured(env, &Result{Text: b.String()}, map[string]any{"ids": ids, "total": res.Total}), nil
}

// MacroParams are the arguments of macro_resolve.
type MacroParams struct {
	Text           string `json:"text" jsonschema:"required,minLength=1" jsonschema_description:"e.g. \"Ihr Ansprechpartner: _Uservorname _Username\""`
	IsHTML         bool   `json:"ishtml,omitempty"`
	EstateIDs      []int  `json:"estateids,omitempty" jsonschema:"maxItems=500"`
	AddressIDs     []int  `json:"addressids,omitempty" jsonschema:"maxItems=500"`
	AppointmentIDs []int  `json:"appointmentids,omitempty" jsonschema:"maxItems=500"`
	AgentLogIDs    []int  `json:"agentlogids,omitempty" jsonschema:"maxItems=500"`
}

func resolveMacro(ctx context.Context, env *Env, p MacroParams) (*Result, error) {
	if strings.TrimSpace(p.Text) == "" {
		return nil, argErrorf("text", "is empty")
	}
	params := map[string]any{"text": p.Text, "ishtml": p.IsHTML}
	for k, v := range map[string][]int{"estateids": p.EstateIDs, "addressids": p.AddressIDs, "appointmentids": p.AppointmentIDs, "agentlogids": p.AgentLogIDs} {
		if len(v) > 0 {
			params[k] = v
		}
	}
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	var text string
	if len(res.Records) > 0 {
		text, _ = res.Records[0].Fields()["resolvedtext"].(string)
	}
	return withStructured(env, &Result{Text: "Resolved text: " + condense.Untrusted(text)}, map[string]any{"resolvedtext": text}), nil
}

// miscLogColumns are the columns the change log can be filtered by.
var miscLogColumns = []string{"id", "action", "module", "userNr:user.Nr", "dateTime", "resourcePk", "resourceTable", "targetPk", "targetTable"}

// LogParams are the arguments of log_entries_read.
type LogParams struct {
	ListLimit  *int   `json:"listlimit,omitempty" jsonschema:"minimum=0,maximum=500,default=20"`
	ListOffset int    `json:"listOffset,omitempty" jsonschema:"minimum=0"`
	Module     string `json:"module,omitempty" jsonschema_description:"e.g. estate, address, task, calendar, agentslog, owner, relation"`
	Action     string `json:"action,omitempty" jsonschema:"enum=add,enum=edit,enum=delete,enum=link,enum=unlink,enum=duplicate,enum=export,enum=cancelation,enum=massUpdateRights,enum=splitBooking,enum=extendBooking,enum=cancelBooking,enum=deleteBooking,enum=datevSync"`
	User       int    `json:"user,omitempty" jsonschema:"minimum=1" jsonschema_description:"Only this user's changes"`
	Filter     Filter `json:"filter,omitempty" jsonschema_description:"On dateTime, targetPk (record id), targetTable, resourcePk, resourceTable, action, module, id"`
}

func readLogEntries(ctx context.Context, env *Env, p LogParams) (*Result, error) {
	limit := 20
	if p.ListLimit != nil {
		limit = *p.ListLimit
	}
	// The module list is long, so it is checked here instead of in the
	// schema (tool-list budget).
	if modules := onoffice.LogModules(); p.Module != "" && !slices.Contains(modules, p.Module) {
		return nil, argErrorf("module", "unknown module %q%s; allowed: %s", p.Module, suggest(p.Module, modules), strings.Join(modules, ", "))
	}
	for _, k := range keys(p.Filter) {
		if !slices.Contains(miscLogColumns, k) {
			return nil, argErrorf("filter."+k, "is not a log column%s; allowed: %s", suggest(k, miscLogColumns), strings.Join(miscLogColumns, ", "))
		}
	}
	if err := p.Filter.checkConditions(); err != nil {
		return nil, err
	}
	// The docs page spells it listOffset; a working client sends listoffset,
	// the spelling of every other read. We follow the docs (the sandbox
	// accepts both).
	pg := paging{limit: limit, offset: p.ListOffset, offsetArg: "listOffset"}
	params := map[string]any{}
	pg.apply(params)
	setIf(params, "module", p.Module, p.Module != "")
	setIf(params, "action", p.Action, p.Action != "")
	setIf(params, "user", p.User, p.User > 0)
	setIf(params, "filter", p.Filter.wire(), len(p.Filter) > 0)
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if limit == 0 && !env.Render.Raw {
		return condense.Text("%d log entries match.", res.Total), nil
	}
	l := condense.List{Noun: "log entries", IDField: "id",
		Requested: []string{"dateTime", "action", "module", "resourceId", "userId", "resourceTable", "resourcePk"},
		Page:      pg.page(p)}
	if !env.Render.Raw {
		nameRefs(ctx, env, res, &l)
		l.RowNames = logResourceNames(ctx, env, res)
	}
	return condense.Records(res, l, env.Render), nil
}

// logResourceNames names the changed records of the change log that are
// estates or addresses: resourceId is an estate's id in a row of module
// estate and an address's in a row of module address.
func logResourceNames(ctx context.Context, env *Env, res onoffice.Result) func(el map[string]any, field string) map[string]string {
	byKind := map[string][]int{}
	for _, rec := range res.Records {
		el := rec.Fields()
		kind := text(el["module"])
		if kind != "estate" && kind != "address" {
			continue
		}
		if id, err := strconv.Atoi(text(el["resourceId"])); err == nil && id > 0 {
			byKind[kind] = append(byKind[kind], id)
		}
	}
	if len(byKind) == 0 {
		return nil
	}
	names := map[string]map[string]string{}
	for kind, m := range recordNames(ctx, env, byKind) {
		names[kind] = map[string]string{}
		for id, n := range m {
			names[kind][strconv.Itoa(id)] = shortName(n)
		}
	}
	return func(el map[string]any, field string) map[string]string {
		if field != "resourceId" {
			return nil
		}
		return names[text(el["module"])]
	}
}

// SurveyParams are the arguments of survey_read.
type SurveyParams struct {
	ID int `json:"id,omitempty" jsonschema:"minimum=1"`
}

func readSurvey(ctx context.Context, env *Env, p SurveyParams) (*Result, error) {
	res, err := env.call(ctx, optionalID(p.ID), nil)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	if p.ID == 0 {
		return condense.Records(res, condense.List{Noun: "surveys", Requested: []string{"title"}}, env.Render), nil
	}
	if len(res.Records) == 0 {
		return condense.Text("Survey %d has no content.", p.ID), nil
	}
	var el map[string]json.RawMessage
	if json.Unmarshal(res.Records[0].Elements, &el) != nil {
		return &Result{Text: string(res.Records[0].Elements)}, nil
	}
	flag := func(k string) bool {
		var v bool
		_ = json.Unmarshal(el[k], &v)
		return v
	}
	var pdf string
	_ = json.Unmarshal(el["pdftype"], &pdf)
	var needs []string
	for _, n := range [][2]string{{"needsaddress", "address"}, {"needsproperty", "estate"}, {"needsappointment", "appointment"}} {
		if flag(n[0]) {
			needs = append(needs, n[1])
		}
	}
	var b strings.Builder
	for _, title := range keys(el) {
		switch title {
		case "transfered", "pdftype", "needsaddress", "needsproperty", "needsappointment":
			continue
		}
		fmt.Fprintf(&b, "Survey %d %s", p.ID, condense.Untrusted(title))
		if len(needs) > 0 {
			fmt.Fprintf(&b, "; needs %s", strings.Join(needs, ", "))
		}
		if pdf != "" {
			fmt.Fprintf(&b, "; PDF type %s", pdf)
		}
		fmt.Fprintf(&b, "; already sent by e-mail: %s", yesNo(flag("transfered")))
		var content any
		_ = json.Unmarshal(el[title], &content)
		surveyWalk(&b, content)
	}
	return &Result{Text: b.String()}, nil
}

// surveyWalk writes the pages, topics and questions of a survey, one per line.
func surveyWalk(b *strings.Builder, v any) {
	switch t := v.(type) {
	case []any:
		// A list of objects such as [{"type": …}, {"question": …}] is one item.
		var kind, question string
		flat := true
		for _, e := range t {
			m, ok := e.(map[string]any)
			if !ok {
				flat = false
				break
			}
			if s, ok := m["type"].(string); ok {
				kind = s
			}
			if s, ok := m["question"].(string); ok {
				question = s
			}
		}
		if flat && question != "" {
			fmt.Fprintf(b, "\n  - [%s] %s", kind, condense.Untrusted(question))
			return
		}
		for _, e := range t {
			surveyWalk(b, e)
		}
	case map[string]any:
		if s, ok := t["pagetopic"].(string); ok {
			fmt.Fprintf(b, "\nPage: %s", condense.Untrusted(s))
		}
		if s, ok := t["topic"].(string); ok {
			fmt.Fprintf(b, "\n  %s", condense.Untrusted(s))
		}
		if s, ok := t["question"].(string); ok {
			fmt.Fprintf(b, "\n  - %s", condense.Untrusted(s))
		}
	}
}

// TimeTrackingParams are the arguments of time_tracking_modify.
type TimeTrackingParams struct {
	Track bool `json:"track" jsonschema:"required"`
}

func modifyTimeTracking(ctx context.Context, env *Env, p TimeTrackingParams) (*Result, error) {
	track := 0
	if p.Track {
		track = 1
	}
	res, err := env.call(ctx, "", map[string]any{"track": track})
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	var el struct {
		Active   bool   `json:"worktimeActive"`
		Work     string `json:"worktime"`
		Break    string `json:"breaktime"`
		Tracking bool   `json:"currentlytracking"`
		Target   string `json:"targetTimeToday"`
	}
	if len(res.Records) > 0 {
		_ = json.Unmarshal(res.Records[0].Elements, &el)
	}
	if !el.Active {
		return condense.Text("The working-time module is not active for this account; nothing was tracked."), nil
	}
	state := map[bool]string{true: "running", false: "stopped"}[el.Tracking]
	return withStructured(env, condense.Text("Working-time clock %s. Today: worked %s, breaks %s, target %s.", state, el.Work, el.Break, el.Target),
		map[string]any{"currentlytracking": el.Tracking, "worktime": el.Work, "breaktime": el.Break, "targetTimeToday": el.Target}), nil
}

func previewTimeTracking(ctx context.Context, env *Env, p TimeTrackingParams) (*Preview, error) {
	change := env.say("clock: → stopped", "Stempeluhr: → angehalten")
	if p.Track {
		change = env.say("clock: → running", "Stempeluhr: → läuft")
	}
	return &Preview{Target: env.say("working-time clock of the API user", "Arbeitszeiterfassung des API-Benutzers"), Changes: []string{change}}, nil
}

// RecordLinkParams are the arguments of record_link_get.
type RecordLinkParams struct {
	Module   string `json:"module" jsonschema:"required,enum=estate,enum=address,enum=agentslog" jsonschema_description:"agentslog = activity"`
	RecordID int    `json:"recordId" jsonschema:"required,minimum=1"`
	Type     string `json:"type,omitempty" jsonschema:"enum=estate,enum=address" jsonschema_description:"agentslog: open it from its estate (default) or address"`
}

func getRecordLink(ctx context.Context, env *Env, p RecordLinkParams) (*Result, error) {
	if p.Type != "" && p.Module != "agentslog" {
		return nil, argErrorf("type", "is only used with module agentslog")
	}
	params := map[string]any{"recordId": p.RecordID}
	setIf(params, "type", p.Type, p.Type != "")
	res, err := env.call(ctx, p.Module, params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	var link string
	if len(res.Records) > 0 {
		link, _ = res.Records[0].Fields()["url"].(string)
	}
	if link == "" {
		return condense.Text("onOffice returned no link for %s %d.", p.Module, p.RecordID), nil
	}
	return withStructured(env, condense.Text("Link to %s %d in onOffice enterprise (opens only for a logged-in user; do not store it): %s", relNoun(p.Module), p.RecordID, link),
		map[string]any{"url": link}), nil
}
