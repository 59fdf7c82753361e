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
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

func appointmentTools() []Tool {
	return []Tool{
		define("appointment_list", "List appointments",
			"List appointments between two dates (at most 500) with participants, contacts and estate; German local time.",
			listAppointments),
		define("appointment_read", "Read appointment details",
			"Read one appointment by id in full detail, or those of a period or changed since a time.[[ Overviews: appointment_list.]]",
			readAppointments),
		withPreview(define("appointment_create", "Create appointment",
			"Create an appointment (viewing, notary …) linked to contacts and an estate.[[ Check appointment_conflicts first.]]",
			createAppointment), previewAppointmentCreate),
		withPreview(define("appointment_modify", "Change appointment",
			"Change an appointment: only the data fields given change; contacts are added unless replaceAddressIds; status canceled cancels it.",
			modifyAppointment), previewAppointmentModify),
		withPreview(define("appointment_delete", "Delete appointment",
			"Delete an appointment for good.[[ To cancel but keep it: appointment_modify, status canceled.]]",
			deleteAppointment), previewAppointmentDelete),
		withPreview(define("appointment_confirmation_send", "Send appointment confirmation",
			"E-mail a confirmation to every contact of an appointment.",
			sendAppointmentConfirmation), previewAppointmentConfirmation),
		define("calendar_resource_list", "List calendar resources",
			"List bookable resources (rooms, cars) with the keys that data.ressources of appointments takes.",
			listCalendarResources),
		define("appointment_file_list", "List appointment files",
			"List the files of an appointment with uploader, size and a download link valid for one hour.",
			listAppointmentFiles),
		define("appointment_conflicts", "Check appointment conflicts",
			"Check which participants, resources, contacts and estates are booked at a planned time. Saves nothing.",
			checkAppointmentConflicts),
	}
}

// ---------------------------------------------------------------------------
// apptSpanText renders a start and end as "2026-11-03 12:30–13:00".
func apptSpanText(start, end time.Time, allDay bool) string {
	if allDay {
		last := end.Add(-time.Second)
		if !last.After(start) || last.Format(time.DateOnly) == start.Format(time.DateOnly) {
			return start.Format(time.DateOnly) + " (all day)"
		}
		return start.Format(time.DateOnly) + " – " + last.Format(time.DateOnly) + " (all day)"
	}
	if start.Format(time.DateOnly) == end.Format(time.DateOnly) {
		return start.Format("2006-01-02 15:04") + "–" + end.Format("15:04")
	}
	return start.Format("2006-01-02 15:04") + " – " + end.Format("2006-01-02 15:04")
}

const apptLayout = "2006-01-02 15:04:05"

// ---------------------------------------------------------------------------
// appointment_list

var defaultApptListData = []string{"subject", "type", "status", "date", "location", "users", "contacts", "estate"}

// AppointmentListParams are the arguments of appointment_list. The API
// nests the window and flags in a filter object; the tool takes them flat
// because they are not field conditions, and keeps filter for the four
// text conditions the call accepts.
type AppointmentListParams struct {
	StartDate   string   `json:"startDate" jsonschema:"required,format=date"`
	EndDate     string   `json:"endDate" jsonschema:"required,format=date" jsonschema_description:"Inclusive"`
	Data        []string `json:"data,omitempty" jsonschema:"enum=subject,enum=type,enum=status,enum=date,enum=location,enum=users,enum=groups,enum=contacts,enum=estate,enum=notes,enum=createdBy,enum=modified,enum=confirmationStatus,enum=private,enum=travelTime,enum=recurrence,enum=reminder,enum=resources,enum=project,enum=conflicts,enum=showFollowUpStatus"`
	IsCancelled *bool    `json:"isCancelled,omitempty"`
	IsDone      *bool    `json:"isDone,omitempty"`
	IsRecurrent *bool    `json:"isRecurrent,omitempty"`
	UserIDs     []int    `json:"userIds,omitempty"`
	GroupIDs    []int    `json:"groupIds,omitempty"`
	Filter      Filter   `json:"filter,omitempty" jsonschema_description:"On subject, notes, type, createdBy (login)"`
	ListLimit   int      `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=500,default=100"`
	ListOffset  int      `json:"listoffset,omitempty" jsonschema:"minimum=0"`
}

func listAppointments(ctx context.Context, env *Env, p AppointmentListParams) (*Result, error) {
	from, err := apptParseDay("startDate", p.StartDate)
	if err != nil {
		return nil, err
	}
	to, err := apptParseDay("endDate", p.EndDate)
	if err != nil {
		return nil, err
	}
	if to.Before(from) {
		return nil, argErrorf("endDate", "%s is before startDate %s", p.EndDate, p.StartDate)
	}
	for _, k := range keys(p.Filter) {
		switch k {
		case "subject", "notes", "type", "createdBy":
		default:
			return nil, argErrorf("filter."+k, "filters only subject, notes, type and createdBy; use isCancelled, isDone, isRecurrent, userIds and groupIds for the rest")
		}
	}
	if err := p.Filter.checkConditions(); err != nil {
		return nil, err
	}
	data := p.Data
	if len(data) == 0 {
		data = defaultApptListData
	}
	if slices.Contains(data, "showFollowUpStatus") && !slices.Contains(data, "contacts") {
		return nil, argErrorf("data", "showFollowUpStatus only works together with contacts")
	}
	limit := cmp.Or(p.ListLimit, 100)
	filter := map[string]any{"startDate": p.StartDate, "endDate": p.EndDate}
	for k, v := range map[string]*bool{"isCancelled": p.IsCancelled, "isDone": p.IsDone, "isRecurrent": p.IsRecurrent} {
		if v != nil {
			filter[k] = *v
		}
	}
	setIf(filter, "userIds", idStrings(p.UserIDs), len(p.UserIDs) > 0)
	setIf(filter, "groupIds", idStrings(p.GroupIDs), len(p.GroupIDs) > 0)
	for k, v := range p.Filter.wire() {
		filter[k] = v
	}
	pg := paging{limit: limit, offset: p.ListOffset}
	params := map[string]any{"data": apptWithID(data), "filter": filter}
	pg.apply(params)
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return condense.Records(res, condense.List{}, env.Render), nil
	}
	requested := []string{}
	for _, d := range data {
		if d != "showFollowUpStatus" {
			requested = append(requested, d)
		}
	}
	l := condense.List{Noun: "appointments", Requested: requested, IDField: "id", Page: pg.page(p), Fields: apptListFields(ctx, env)}
	nameContacts(ctx, env, &res, "contacts")
	nameRefs(ctx, env, res, &l)
	return condense.Records(res, l, env.Render), nil
}

func apptParseDay(arg, v string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return t, argErrorf(arg, "must be a date YYYY-MM-DD, got %q", v)
	}
	return t, nil
}

// apptListFields describes the fields of the appointment list that the
// calendar's field configuration knows under the same keys (status), so
// that the list shows their labels as appointment_read does.
func apptListFields(ctx context.Context, env *Env) *onoffice.ModuleFields {
	mf := moduleFields(ctx, env, "calendar")
	if mf == nil {
		return nil
	}
	out := &onoffice.ModuleFields{Language: mf.Language, Label: mf.Label, Fields: map[string]onoffice.FieldInfo{}}
	if f, ok := mf.Fields["status"]; ok {
		out.Fields["status"] = f
	}
	return out
}

// apptWithID asks for the id too, so every record names itself.
func apptWithID(data []string) []string {
	if slices.Contains(data, "id") {
		return data
	}
	return append([]string{"id"}, data...)
}

func apptJoin(list []any, f func(any) string) string {
	parts := make([]string, 0, len(list))
	for _, x := range list {
		parts = append(parts, f(x))
	}
	return strings.Join(parts, ", ")
}

// apptConflictLists are the conflict lists of an answer: the kind of
// record their ids name ("" for resources, which go unnamed) and their
// words in a summary.
var apptConflictLists = []struct{ key, kind, en, de string }{
	{"conflictedUsers", "user", "users", "Benutzer"}, {"conflictedResources", "", "resources", "Ressourcen"},
	{"conflictedAddresses", "address", "contacts", "Kontakte"}, {"conflictedEstates", "estate", "estates", "Immobilien"},
}

// apptConflictNames reads the names of the users, contacts and estates of
// conflict lists (of one answer or several appointments) in one batch.
func apptConflictNames(ctx context.Context, env *Env, lists ...map[string]any) map[string]map[int]string {
	byKind := map[string][]int{}
	for _, m := range lists {
		for _, c := range apptConflictLists {
			list, _ := m[c.key].([]any)
			for _, x := range list {
				e, _ := x.(map[string]any)
				if id, err := strconv.Atoi(text(e["id"])); err == nil && id > 0 && c.kind != "" {
					byKind[c.kind] = append(byKind[c.kind], id)
				}
			}
		}
	}
	if len(byKind) == 0 {
		return nil
	}
	return recordNames(ctx, env, byKind)
}

// apptConflictText sums up the four conflict lists, each id with its name
// where names has it ("users 12 (Michael Hansen)"); "" when there are
// none. words is the env of a preview (its language) or nil (English).
// Names are CRM text: the caller marks the whole text as such.
func apptConflictText(words *Env, m map[string]any, names map[string]map[int]string) string {
	var parts []string
	for _, k := range apptConflictLists {
		list, _ := m[k.key].([]any)
		if len(list) == 0 {
			continue
		}
		parts = append(parts, words.say(k.en, k.de)+" "+apptJoin(list, func(x any) string {
			e, _ := x.(map[string]any)
			id := text(e["id"])
			n, _ := strconv.Atoi(id)
			if name := names[k.kind][n]; name != "" {
				return id + " (" + shortName(name) + ")"
			}
			return id
		}))
	}
	return strings.Join(parts, "; ")
}

// ---------------------------------------------------------------------------
// appointment_read

// apptReadFilterFields are the fields the legacy read filters on.
var apptReadFilterFields = []string{"start_dt", "end_dt", "rp_flag", "description", "von", "erledigt", "note", "art"}

// AppointmentReadParams are the arguments of appointment_read.
type AppointmentReadParams struct {
	ID                     int    `json:"id,omitempty" jsonschema:"minimum=1"`
	DateStart              string `json:"datestart,omitempty" jsonschema:"format=date" jsonschema_description:"Period start (with dateend)"`
	DateEnd                string `json:"dateend,omitempty" jsonschema:"format=date"`
	ModifiedStart          string `json:"modifiedstart,omitempty" jsonschema_description:"Changed since, UTC YYYY-MM-DD HH:MM:SS"`
	ModifiedEnd            string `json:"modifiedend,omitempty"`
	ShowCancelled          bool   `json:"showcancelled,omitempty"`
	ShowConfirmationStatus bool   `json:"showConfirmationStatus,omitempty" jsonschema_description:"Add confirmation states"`
	ShowConflicts          bool   `json:"showConflicts,omitempty" jsonschema_description:"With id: add overlaps"`
	Users                  []int  `json:"users,omitempty" jsonschema_description:"Period: of these users (default: yours)"`
	Groups                 []int  `json:"groups,omitempty"`
	AllUsers               bool   `json:"allusers,omitempty" jsonschema_description:"Period: everyone's"`
	Filter                 Filter `json:"filter,omitempty" jsonschema_description:"Period: on start_dt, end_dt, rp_flag, description, von, erledigt, note, art"`
}

func (p AppointmentReadParams) check(ctx context.Context, env *Env) error {
	period := p.DateStart != "" || p.DateEnd != ""
	modified := p.ModifiedStart != "" || p.ModifiedEnd != ""
	if p.ID > 0 {
		switch {
		case period || modified:
			return argErrorf("id", "read one appointment by id, or a period; not both")
		case len(p.Filter) > 0:
			return argErrorf("filter", "only works for period reads, not with id")
		case len(p.Users) > 0 || len(p.Groups) > 0 || p.AllUsers:
			return argErrorf("users", "only works for period reads, not with id")
		}
		return nil
	}
	if p.ShowConflicts {
		return argErrorf("showConflicts", "only works when one appointment is read by id")
	}
	if !period && !modified {
		return argErrorf("datestart", "give id, or datestart and dateend, or modifiedstart/modifiedend")
	}
	if period && (p.DateStart == "" || p.DateEnd == "") {
		return argErrorf("dateend", "datestart and dateend go together")
	}
	if period {
		if p.DateEnd < p.DateStart {
			return argErrorf("dateend", "%s is before datestart %s", p.DateEnd, p.DateStart)
		}
	} else if len(p.Users) > 0 || len(p.Groups) > 0 {
		return argErrorf("users", "users and groups only work with datestart and dateend")
	}
	for _, t := range []struct{ arg, v string }{{"modifiedstart", p.ModifiedStart}, {"modifiedend", p.ModifiedEnd}} {
		if _, err := time.Parse(apptLayout, t.v); t.v != "" && err != nil {
			return argErrorf(t.arg, "must be a UTC date-time YYYY-MM-DD HH:MM:SS, got %q", t.v)
		}
	}
	if p.ModifiedStart != "" && p.ModifiedEnd != "" && p.ModifiedEnd < p.ModifiedStart {
		return argErrorf("modifiedend", "is before modifiedstart")
	}
	for _, k := range keys(p.Filter) {
		if !slices.Contains(apptReadFilterFields, k) {
			return argErrorf("filter."+k, "cannot be filtered; allowed: %s", strings.Join(apptReadFilterFields, ", "))
		}
	}
	if err := p.Filter.checkConditions(); err != nil {
		return err
	}
	return p.Filter.checkValues(ctx, env, "calendar")
}

// apptReadOrder is the order of the fields in appointment_read answers.
var apptReadOrder = []string{"description", "art", "start_dt", "end_dt", "ganztags", "status", "ort", "fuer", "groups",
	"assignedaddressids", "assignedobjectids", "ressources", "note", "erinnerung", "private", "von", "modified",
	"confirmationStatus", "addresses", "conflicts", "series", "travel"}

func readAppointments(ctx context.Context, env *Env, p AppointmentReadParams) (*Result, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	params := map[string]any{}
	setIf(params, "datestart", p.DateStart, p.DateStart != "")
	setIf(params, "dateend", p.DateEnd, p.DateEnd != "")
	setIf(params, "modifiedstart", p.ModifiedStart, p.ModifiedStart != "")
	setIf(params, "modifiedend", p.ModifiedEnd, p.ModifiedEnd != "")
	setIf(params, "showcancelled", true, p.ShowCancelled)
	setIf(params, "showConfirmationStatus", true, p.ShowConfirmationStatus)
	setIf(params, "showConflicts", true, p.ShowConflicts)
	setIf(params, "users", p.Users, len(p.Users) > 0)
	setIf(params, "groups", p.Groups, len(p.Groups) > 0)
	setIf(params, "allusers", true, p.AllUsers)
	setIf(params, "filter", p.Filter.wire(), len(p.Filter) > 0)
	// One appointment is read as the docs page says, with "read calendar"
	// and its id; some working clients use "get appointmentList" with a
	// resourceid (the sandbox answers both alike).
	res, err := env.call(ctx, optionalID(p.ID), params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return condense.Records(res, condense.List{}, env.Render), nil
	}
	nameContacts(ctx, env, &res, "addresses")
	var hints []map[string]any
	for _, rec := range res.Records {
		if m, ok := rec.Fields()["hints"].(map[string]any); ok {
			hints = append(hints, m)
		}
	}
	conflictNames := apptConflictNames(ctx, env, hints...)
	for i, rec := range res.Records {
		res.Records[i].Elements, _ = json.Marshal(apptFlattenRead(rec.Fields(), conflictNames))
	}
	l := condense.List{Noun: "appointments", Requested: apptReadOrder, Fields: apptReadFields(ctx, env), Tool: "appointment_read"}
	nameRefs(ctx, env, res, &l)
	out := condense.Records(res, l, env.Render)
	if p.ID == 0 && res.Total > len(res.Records) {
		out.Text += fmt.Sprintf("\n[only %d of %d appointments returned (the API's limit): read a shorter period]", len(res.Records), res.Total)
	}
	return out, nil
}

// apptReadFields is the calendar field configuration for rendering; von
// holds a login name, not free text, although the configuration calls
// user fields text.
func apptReadFields(ctx context.Context, env *Env) *onoffice.ModuleFields {
	mf := moduleFields(ctx, env, "calendar")
	if mf == nil {
		return nil
	}
	out := *mf
	out.Fields = make(map[string]onoffice.FieldInfo, len(mf.Fields))
	for k, v := range mf.Fields {
		out.Fields[k] = v
	}
	if f, ok := out.Fields["von"]; ok {
		f.Type = "varchar"
		out.Fields["von"] = f
	}
	return &out
}

// apptFlattenRead keeps what matters of the legacy element set, in short
// form; names are those of the conflict lists (apptConflictNames).
func apptFlattenRead(el map[string]any, names map[string]map[int]string) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"description", "start_dt", "end_dt", "status", "ort", "note", "erinnerung", "von", "modified", "confirmationStatus"} {
		if v, ok := el[k]; ok {
			out[k] = v
		}
	}
	if m, ok := el["art"].(map[string]any); ok {
		for key := range m {
			out["art"] = key
		}
	}
	if el["ganztags"] == true {
		out["ganztags"] = true
	}
	if fmt.Sprint(el["private"]) == "1" || el["private"] == true {
		out["private"] = true
	}
	for _, k := range []string{"fuer", "ressources"} {
		if list, ok := el[k].([]any); ok && len(list) > 0 {
			out[k] = apptJoin(list, func(x any) string { return fmt.Sprint(x) })
		}
	}
	for _, k := range []string{"assignedaddressids", "assignedobjectids", "groups"} {
		if list, ok := el[k].([]any); ok && len(list) > 0 {
			out[k] = apptJoin(list, text)
		}
	}
	if list, ok := el["addresses"].([]any); ok && len(list) > 0 {
		out["addresses"] = apptJoin(list, func(x any) string {
			m, _ := x.(map[string]any)
			if name := text(m["name"]); name != "" { // nameContacts
				return fmt.Sprintf("%s (%s, %v)", text(m["id"]), shortName(name), m["confirmationStatus"])
			}
			return fmt.Sprintf("%s (%v)", text(m["id"]), m["confirmationStatus"])
		})
	}
	if m, ok := el["hints"].(map[string]any); ok {
		out["conflicts"] = apptConflictText(nil, m, names)
		if out["conflicts"] == "" {
			out["conflicts"] = "none"
		}
	}
	if el["rp_flag"] == true {
		kind := map[string]string{"t": "daily", "w": "weekly", "m": "monthly", "j": "yearly"}[fmt.Sprint(el["rp_type"])]
		s := fmt.Sprintf("%s, every %v, from %v", kind, text(el["rp_tage"]), el["rp_beginn_datum"])
		if e := fmt.Sprint(el["rp_ende_datum"]); e != "" && e != "0000-00-00" {
			s += " until " + e
		}
		if list, ok := el["rp_exception"].([]any); ok && len(list) > 0 {
			s += ", except " + apptJoin(list, func(x any) string { return fmt.Sprint(x) })
		}
		out["series"] = s
	}
	if el["allowTransitTime"] == true {
		out["travel"] = fmt.Sprintf("%v before, %v after", el["transitTimePre"], el["transitTimePost"])
	}
	return out
}

// ---------------------------------------------------------------------------
// create / modify / delete

// AppointmentData are the appointment fields create and modify write.
// Travel time is switched on by giving it, and a series starts on the
// start day, so allowTransitTime and rp_beginn_datum are set by the tool.
type AppointmentData struct {
	Description     string   `json:"description,omitempty" jsonschema_description:"Subject"`
	StartDT         string   `json:"start_dt,omitempty" jsonschema:"pattern=^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$" jsonschema_description:"Local time"`
	EndDT           string   `json:"end_dt,omitempty" jsonschema:"pattern=^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$"`
	Art             string   `json:"art,omitempty" jsonschema_description:"Type key, e.g. Besichtigung"`
	Ganztags        *bool    `json:"ganztags,omitempty" jsonschema_description:"All day"`
	Status          string   `json:"status,omitempty" jsonschema:"enum=active,enum=completed,enum=canceled,enum=participantsAvailable"`
	Note            *string  `json:"note,omitempty"`
	Private         *bool    `json:"private,omitempty"`
	Erinnerung      string   `json:"erinnerung,omitempty" jsonschema_description:"e.g. 15 minutes, 1 hours, 1 days"`
	Ressources      []string `json:"ressources,omitempty" jsonschema_description:"Resource keys; replaces all"`
	Von             string   `json:"von,omitempty" jsonschema_description:"Creator login"`
	TransitTimePre  string   `json:"transitTimePre,omitempty" jsonschema_description:"Travel before, HH:MM:SS"`
	TransitTimePost string   `json:"transitTimePost,omitempty"`
	RpFlag          *bool    `json:"rp_flag,omitempty" jsonschema_description:"Series"`
	RpType          string   `json:"rp_type,omitempty" jsonschema:"enum=t,enum=w,enum=m,enum=j" jsonschema_description:"daily, weekly, monthly, yearly"`
	RpTage          int      `json:"rp_tage,omitempty" jsonschema:"minimum=1,maximum=999" jsonschema_description:"Every n"`
	RpEndeDatum     string   `json:"rp_ende_datum,omitempty" jsonschema:"format=date" jsonschema_description:"Series end"`
}

// wire returns the data object with the keys that were given.
func (d *AppointmentData) wire() map[string]any {
	if d == nil {
		return nil
	}
	m := argsOf(d)
	if d.TransitTimePre != "" || d.TransitTimePost != "" {
		m["allowTransitTime"] = true
	}
	if d.RpFlag != nil && *d.RpFlag {
		if len(d.StartDT) >= 10 {
			m["rp_beginn_datum"] = d.StartDT[:10]
		}
		m["rp_ende_status"] = 2
	}
	// A series with an end date needs the end status the API asks for.
	if d.RpEndeDatum != "" {
		m["rp_ende_status"] = 1
	}
	return m
}

// AppointmentSubscribers are the participants of an appointment.
type AppointmentSubscribers struct {
	Users  []int `json:"users,omitempty"`
	Groups []int `json:"groups,omitempty"`
}

// AppointmentLocation chooses the place: exactly one key.
type AppointmentLocation struct {
	Address        int    `json:"address,omitempty" jsonschema_description:"Linked contact's address"`
	Estate         int    `json:"estate,omitempty" jsonschema_description:"Linked estate"`
	User           int    `json:"user,omitempty"`
	Group          int    `json:"group,omitempty"`
	Mandant        bool   `json:"mandant,omitempty" jsonschema_description:"Agency office"`
	Sonstiges      string `json:"sonstiges,omitempty" jsonschema_description:"Free text"`
	CustomVideoURL string `json:"customVideoUrl,omitempty"`
	UserMeetingURL int    `json:"userMeetingUrl,omitempty" jsonschema_description:"This user's video link"`
}

func (l *AppointmentLocation) wire() (map[string]any, error) {
	if l == nil {
		return nil, nil
	}
	m := argsOf(l)
	if len(m) != 1 {
		return nil, argErrorf("location", "give exactly one of address, estate, user, group, mandant, sonstiges, customVideoUrl, userMeetingUrl")
	}
	return m, nil
}

// AppointmentCreateParams are the arguments of appointment_create.
type AppointmentCreateParams struct {
	Data              AppointmentData         `json:"data" jsonschema:"required"`
	RelatedAddressIDs []int                   `json:"relatedAddressIds,omitempty"`
	RelatedEstateID   int                     `json:"relatedEstateId,omitempty" jsonschema:"minimum=1"`
	Subscribers       *AppointmentSubscribers `json:"subscribers,omitempty"`
	Location          *AppointmentLocation    `json:"location,omitempty"`
	ReminderTypes     []string                `json:"reminderTypes,omitempty" jsonschema:"enum=email,enum=popup,enum=sms" jsonschema_description:"Needs data.erinnerung"`
}

// AppointmentModifyParams are the arguments of appointment_modify.
type AppointmentModifyParams struct {
	ID                int                     `json:"id" jsonschema:"required,minimum=1"`
	Data              *AppointmentData        `json:"data,omitempty"`
	RelatedAddressIDs []int                   `json:"relatedAddressIds,omitempty"`
	ReplaceAddressIDs bool                    `json:"replaceAddressIds,omitempty" jsonschema_description:"relatedAddressIds is the complete list"`
	RelatedEstateID   *int                    `json:"relatedEstateId,omitempty" jsonschema:"minimum=0" jsonschema_description:"0 unlinks"`
	Subscribers       *AppointmentSubscribers `json:"subscribers,omitempty" jsonschema_description:"Replaces the participants"`
	Location          *AppointmentLocation    `json:"location,omitempty"`
	ReminderTypes     []string                `json:"reminderTypes,omitempty" jsonschema:"enum=email,enum=popup,enum=sms"`
}

// checkData validates what the schema cannot: times in order, select keys.
func (d *AppointmentData) check(ctx context.Context, env *Env, start, end string) error {
	if d == nil {
		return nil
	}
	if start != "" && end != "" && end < start {
		return argErrorf("data.end_dt", "%s is before the start %s", end, start)
	}
	if err := checkArgValue("datetime", "data.start_dt", &d.StartDT); err != nil {
		return err
	}
	if err := checkArgValue("datetime", "data.end_dt", &d.EndDT); err != nil {
		return err
	}
	if err := apptCheckTransit(&d.TransitTimePre, &d.TransitTimePost); err != nil {
		return err
	}
	if d.RpFlag != nil && *d.RpFlag && d.RpType == "" {
		return argErrorf("data.rp_type", "a series (rp_flag) needs rp_type: t daily, w weekly, m monthly, j yearly")
	}
	return d.checkValues(ctx, env)
}

// checkValues puts the select fields (labels become keys) and the creator
// (a name becomes the login) through the value checker.
func (d *AppointmentData) checkValues(ctx context.Context, env *Env) error {
	for _, sel := range []struct {
		name string
		v    *string
	}{{"art", &d.Art}, {"erinnerung", &d.Erinnerung}} {
		v, err := checkValue(lookupField(ctx, env, "calendar", sel.name), "data."+sel.name, *sel.v, forWrite)
		if err != nil {
			return err
		}
		*sel.v = plainArg(v)
	}
	f := lookupField(ctx, env, "calendar", "ressources")
	for i, r := range d.Ressources {
		v, err := checkValue(f, "data.ressources", r, forWrite)
		if err != nil {
			return err
		}
		d.Ressources[i] = plainArg(v)
	}
	if d.Von != "" {
		v, err := resolveUserValue(ctx, env, "calendar", "data.von", "von", d.Von)
		if err != nil {
			return err
		}
		d.Von = plainArg(v)
	}
	return nil
}

// apptCheckTransit checks the travel times before and after an
// appointment; HH:MM becomes HH:MM:SS.
func apptCheckTransit(pre, post *string) error {
	if err := checkArgValue("time", "data.transitTimePre", pre); err != nil {
		return err
	}
	return checkArgValue("time", "data.transitTimePost", post)
}

func (p *AppointmentCreateParams) check(ctx context.Context, env *Env) error {
	if p.Data.StartDT == "" {
		return argErrorf("data.start_dt", "is required: start as YYYY-MM-DD HH:MM:SS")
	}
	if p.Data.EndDT == "" {
		return argErrorf("data.end_dt", "is required: end as YYYY-MM-DD HH:MM:SS")
	}
	if len(p.ReminderTypes) > 0 && p.Data.Erinnerung == "" {
		return argErrorf("reminderTypes", "need data.erinnerung (the reminder lead time)")
	}
	if _, err := p.Location.wire(); err != nil {
		return err
	}
	if err := p.Data.check(ctx, env, p.Data.StartDT, p.Data.EndDT); err != nil {
		return err
	}
	return apptCheckRefs(ctx, env, p.RelatedAddressIDs, p.RelatedEstateID, p.Subscribers, p.Location)
}

// apptCheckRefs refuses contacts, estates, users and groups that do not
// exist, before anyone is asked to confirm.
func apptCheckRefs(ctx context.Context, env *Env, addrs []int, estate int, subs *AppointmentSubscribers, loc *AppointmentLocation) error {
	if err := checkRecords(ctx, env, "address", "relatedAddressIds", addrs...); err != nil {
		return err
	}
	if err := checkRecords(ctx, env, "estate", "relatedEstateId", estate); err != nil {
		return err
	}
	if subs != nil {
		if err := checkUserIDs(ctx, env, "subscribers.users", subs.Users); err != nil {
			return err
		}
		if err := checkGroupIDs(ctx, env, "subscribers.groups", subs.Groups); err != nil {
			return err
		}
	}
	if loc == nil {
		return nil
	}
	if err := checkRecords(ctx, env, "address", "location.address", loc.Address); err != nil {
		return err
	}
	if err := checkRecords(ctx, env, "estate", "location.estate", loc.Estate); err != nil {
		return err
	}
	for _, u := range []struct {
		arg string
		id  int
	}{{"location.user", loc.User}, {"location.userMeetingUrl", loc.UserMeetingURL}} {
		if u.id > 0 {
			if err := checkUserIDs(ctx, env, u.arg, []int{u.id}); err != nil {
				return err
			}
		}
	}
	if loc.Group > 0 {
		return checkGroupIDs(ctx, env, "location.group", []int{loc.Group})
	}
	return nil
}

func (p AppointmentCreateParams) wire() map[string]any {
	params := map[string]any{"data": p.Data.wire()}
	apptWireLinks(params, p.RelatedAddressIDs, p.Subscribers, p.Location, p.ReminderTypes)
	setIf(params, "relatedEstateId", p.RelatedEstateID, p.RelatedEstateID > 0)
	return params
}

func apptWireLinks(params map[string]any, addrs []int, subs *AppointmentSubscribers, loc *AppointmentLocation, reminders []string) {
	if len(addrs) > 0 {
		params["relatedAddressIds"] = addrs
	}
	if subs != nil {
		params["subscribers"] = map[string]any{"users": nonNilIDs(subs.Users), "groups": nonNilIDs(subs.Groups)}
	}
	if m, _ := loc.wire(); m != nil {
		params["location"] = m
	}
	if len(reminders) > 0 {
		params["reminderTypes"] = reminders
	}
}

func createAppointment(ctx context.Context, env *Env, p AppointmentCreateParams) (*Result, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	res, err := env.call(ctx, "", p.wire())
	if err != nil {
		return nil, err
	}
	return condense.Text("Appointment %s created: %s, %s.", firstID(res), subjectText(p.Data.Description), apptWhen(p.Data.StartDT, p.Data.EndDT)), nil
}

// apptWhen renders two "YYYY-MM-DD HH:MM:SS" values as a span.
func apptWhen(start, end string) string {
	s, err1 := time.Parse(apptLayout, start)
	e, err2 := time.Parse(apptLayout, end)
	if err1 != nil || err2 != nil {
		return strings.TrimSpace(start + " – " + end)
	}
	return apptSpanText(s, e, false)
}

func previewAppointmentCreate(ctx context.Context, env *Env, p AppointmentCreateParams) (*Preview, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	pv := &Preview{Target: fmt.Sprintf(env.say("new appointment %q on %s", "neuer Termin %q am %s"), p.Data.Description, apptWhen(p.Data.StartDT, p.Data.EndDT))}
	apptDataLines(pv, nil, p.Data.wire())
	apptLinkLines(ctx, env, pv, nil, p.RelatedAddressIDs, false, apptIntPtr(p.RelatedEstateID), p.Subscribers, p.Location, p.ReminderTypes)
	// Warn about double bookings before anyone confirms.
	conflicts := map[string]any{"data": map[string]any{"start_dt": p.Data.StartDT, "end_dt": p.Data.EndDT}}
	apptWireLinks(conflicts, p.RelatedAddressIDs, p.Subscribers, nil, nil)
	if len(p.Data.Ressources) > 0 {
		conflicts["data"].(map[string]any)["ressources"] = p.Data.Ressources
	}
	if p.RelatedEstateID > 0 {
		conflicts["relatedEstateId"] = p.RelatedEstateID
	}
	if res, err := env.API.Call(ctx, rowOf("appointment_conflicts").request("", conflicts)); err == nil {
		m := apptConflictMap(res)
		if s := apptConflictText(env, m, apptConflictNames(ctx, env, m)); s != "" {
			pv.Changes = append(pv.Changes, env.say("warning: already booked then: ", "Achtung, zu dieser Zeit schon belegt: ")+condense.Untrusted(s))
		}
	}
	return pv, nil
}

func apptIntPtr(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// apptDataLines describes data fields as "field: value" or "field: old → new".
func apptDataLines(pv *Preview, current map[string]any, data map[string]any) {
	for _, k := range keys(data) {
		v := apptValueText(data[k])
		if current == nil {
			pv.Changes = append(pv.Changes, fmt.Sprintf("%s: %s", k, v))
			continue
		}
		pv.change(k, cmp.Or(apptValueText(current[k]), "(empty)"), v)
	}
}

func apptValueText(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case []any:
		return apptJoin(t, func(x any) string { return fmt.Sprint(x) })
	case map[string]any:
		for k := range t {
			return k // the legacy read sends art as {key: label}
		}
		return ""
	case float64:
		return text(t)
	case bool:
		if t {
			return "yes"
		}
		return "no"
	}
	return fmt.Sprint(v)
}

// apptLinkLines describes the link parameters, resolving names where it can.
func apptLinkLines(ctx context.Context, env *Env, pv *Preview, cur map[string]any, addrs []int, replace bool, estate *int, subs *AppointmentSubscribers, loc *AppointmentLocation, reminders []string) {
	if len(addrs) > 0 || (replace && cur != nil) {
		now := addressLabelList(ctx, env, addrs)
		if now == "" {
			now = "(none)"
		}
		contacts := env.say("contacts", "Kontakte")
		switch {
		case cur == nil:
			pv.Changes = append(pv.Changes, contacts+": "+now)
		case replace:
			pv.change(contacts, cmp.Or(apptValueText(cur["assignedaddressids"]), "(none)"), now)
		default:
			pv.Changes = append(pv.Changes, fmt.Sprintf(env.say("%s: %s, adding %s", "%s: %s, dazu %s"), contacts, cmp.Or(apptValueText(cur["assignedaddressids"]), "(none)"), now))
		}
	}
	if estate != nil {
		now := "(none)"
		if *estate > 0 {
			now = estateLabel(ctx, env, *estate)
		}
		if cur == nil {
			pv.Changes = append(pv.Changes, env.noun("estate")+": "+now)
		} else {
			pv.change(env.noun("estate"), cmp.Or(apptValueText(cur["assignedobjectids"]), "(none)"), now)
		}
	}
	if subs != nil {
		none := env.say("none", "keine")
		now := fmt.Sprintf(env.say("users %s; groups %s", "Benutzer %s; Gruppen %s"), cmp.Or(idsNamed(ctx, env, "user", subs.Users), none), cmp.Or(joinIDs(subs.Groups), none))
		participants := env.say("participants", "Teilnehmer")
		if cur == nil {
			pv.Changes = append(pv.Changes, participants+": "+now)
		} else {
			pv.change(participants, cmp.Or(apptValueText(cur["fuer"]), "(none)"), now)
		}
	}
	if m, _ := loc.wire(); m != nil {
		for k, v := range m {
			place := env.say("place", "Ort")
			if cur != nil {
				pv.change(place, cmp.Or(apptValueText(cur["ort"]), "(empty)"), k+" "+apptValueText(v))
				continue
			}
			pv.Changes = append(pv.Changes, fmt.Sprintf("%s: %s %s", place, k, apptValueText(v)))
		}
	}
	if len(reminders) > 0 {
		pv.Changes = append(pv.Changes, env.say("reminder by: ", "Erinnerung per: ")+strings.Join(reminders, ", "))
	}
}

// apptCurrent reads one appointment with the legacy read (all fields).
func apptCurrent(ctx context.Context, env *Env, id int, confirm bool) (map[string]any, error) {
	params := map[string]any{}
	setIf(params, "showConfirmationStatus", true, confirm)
	el, found, err := readOne(ctx, env, "calendar", id, params)
	if err != nil {
		return nil, err
	}
	// Real installations answer a missing appointment with an empty record.
	if !found || len(el) == 0 {
		return nil, fmt.Errorf("appointment %d does not exist or is not visible to the API user", id)
	}
	return el, nil
}

// apptIDs reads a list of ids of an appointment read (contacts, estates).
func apptIDs(v any) []int {
	var ids []int
	list, _ := v.([]any)
	for _, x := range list {
		if n, err := strconv.Atoi(text(x)); err == nil && n > 0 {
			ids = append(ids, n)
		}
	}
	return ids
}

// apptTarget names an appointment: `appointment 5120 "subject" (2026-10-08 17:30–18:30)`.
func apptTarget(env *Env, id int, cur map[string]any) string {
	target := fmt.Sprintf("%s %d", env.noun("appointment"), id)
	if d := text(cur["description"]); d != "" {
		target += " " + condense.Untrusted(d)
	}
	if when := apptWhen(text(cur["start_dt"]), text(cur["end_dt"])); when != "" && when != "–" {
		target += " (" + when + ")"
	}
	return target
}

func (p AppointmentModifyParams) check(ctx context.Context, env *Env) error {
	if p.Data == nil && len(p.RelatedAddressIDs) == 0 && !p.ReplaceAddressIDs && p.RelatedEstateID == nil &&
		p.Subscribers == nil && p.Location == nil && len(p.ReminderTypes) == 0 {
		return argErrorf("data", "nothing to change: give data fields, contacts, estate, participants, location or reminderTypes")
	}
	if p.Data != nil && len(p.Data.wire()) == 0 {
		return argErrorf("data", "is empty; name the fields to change")
	}
	if _, err := p.Location.wire(); err != nil {
		return err
	}
	if p.Data != nil {
		if err := p.Data.check(ctx, env, p.Data.StartDT, p.Data.EndDT); err != nil {
			return err
		}
	}
	estate := 0
	if p.RelatedEstateID != nil {
		estate = *p.RelatedEstateID
	}
	return apptCheckRefs(ctx, env, p.RelatedAddressIDs, estate, p.Subscribers, p.Location)
}

func (p AppointmentModifyParams) wire() map[string]any {
	params := map[string]any{}
	if d := p.Data.wire(); len(d) > 0 {
		params["data"] = d
	}
	apptWireLinks(params, p.RelatedAddressIDs, p.Subscribers, p.Location, p.ReminderTypes)
	if p.ReplaceAddressIDs {
		params["replaceAddressIds"] = true
		params["relatedAddressIds"] = nonNilIDs(p.RelatedAddressIDs)
	}
	if p.RelatedEstateID != nil {
		params["relatedEstateId"] = *p.RelatedEstateID
	}
	return params
}

// checkAgainst validates start and end together with the stored values.
func (p AppointmentModifyParams) checkAgainst(cur map[string]any) error {
	if p.Data == nil || (p.Data.StartDT == "" && p.Data.EndDT == "") {
		return nil
	}
	start, end := p.Data.StartDT, p.Data.EndDT
	if start == "" {
		start = fmt.Sprint(cur["start_dt"])
	}
	if end == "" {
		end = fmt.Sprint(cur["end_dt"])
	}
	if end < start {
		return argErrorf("data.end_dt", "the appointment would end (%s) before it starts (%s); move both", end, start)
	}
	return nil
}

func modifyAppointment(ctx context.Context, env *Env, p AppointmentModifyParams) (*Result, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	if p.Data != nil && (p.Data.StartDT == "") != (p.Data.EndDT == "") {
		cur, err := apptCurrent(ctx, env, p.ID, false)
		if err != nil {
			return nil, err
		}
		if err := p.checkAgainst(cur); err != nil {
			return nil, err
		}
	}
	params := p.wire()
	if _, err := env.call(ctx, strconv.Itoa(p.ID), params); err != nil {
		return nil, err
	}
	var changed []string
	if d, ok := params["data"].(map[string]any); ok {
		changed = keys(d)
	}
	for _, k := range []string{"relatedAddressIds", "relatedEstateId", "subscribers", "location", "reminderTypes"} {
		if _, ok := params[k]; ok {
			changed = append(changed, k)
		}
	}
	return condense.Text("Appointment %d modified: %s.", p.ID, strings.Join(changed, ", ")), nil
}

func previewAppointmentModify(ctx context.Context, env *Env, p AppointmentModifyParams) (*Preview, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	cur, err := apptCurrent(ctx, env, p.ID, false)
	if err != nil {
		return nil, err
	}
	if err := p.checkAgainst(cur); err != nil {
		return nil, err
	}
	pv := &Preview{Target: apptTarget(env, p.ID, cur), RecordID: strconv.Itoa(p.ID)}
	apptDataLines(pv, cur, p.Data.wire())
	apptLinkLines(ctx, env, pv, cur, p.RelatedAddressIDs, p.ReplaceAddressIDs, p.RelatedEstateID, p.Subscribers, p.Location, p.ReminderTypes)
	return pv, nil
}

// AppointmentIDParams name one appointment.
type AppointmentIDParams struct {
	ID int `json:"id" jsonschema:"required,minimum=1"`
}

func deleteAppointment(ctx context.Context, env *Env, p AppointmentIDParams) (*Result, error) {
	if _, err := env.call(ctx, strconv.Itoa(p.ID), nil); err != nil {
		return nil, err
	}
	return condense.Text("Appointment %d deleted.", p.ID), nil
}

func previewAppointmentDelete(ctx context.Context, env *Env, p AppointmentIDParams) (*Preview, error) {
	cur, err := apptCurrent(ctx, env, p.ID, false)
	if err != nil {
		return nil, err
	}
	changes := []string{env.say("delete the appointment for good", "den Termin endgültig löschen")}
	if ids := apptIDs(cur["assignedaddressids"]); len(ids) > 0 {
		changes = append(changes, env.say("unlinks contacts ", "löst die Verknüpfung mit den Kontakten ")+addressLabelList(ctx, env, ids))
	}
	for _, id := range apptIDs(cur["assignedobjectids"]) {
		changes = append(changes, env.say("unlinks estate ", "löst die Verknüpfung mit der Immobilie ")+estateLabel(ctx, env, id))
	}
	return &Preview{Target: apptTarget(env, p.ID, cur), RecordID: strconv.Itoa(p.ID), Changes: changes}, nil
}

// ---------------------------------------------------------------------------
// appointment_confirmation_send

// AppointmentConfirmationParams are the arguments of appointment_confirmation_send.
type AppointmentConfirmationParams struct {
	CalendarID                      int    `json:"calendarId" jsonschema:"required,minimum=1" jsonschema_description:"Appointment id"`
	EmailIdentity                   string `json:"emailidentity,omitempty"`
	DisplayName                     string `json:"displayName,omitempty" jsonschema_description:"Sender name"`
	UseDefaultMailAccount           bool   `json:"useDefaultMailAccount,omitempty"`
	UseAppointmentCreatorsSignature bool   `json:"useAppointmentCreatorsSignature,omitempty"`
}

func (p AppointmentConfirmationParams) wire() map[string]any {
	params := map[string]any{"calendarId": p.CalendarID}
	setIf(params, "emailidentity", p.EmailIdentity, p.EmailIdentity != "")
	setIf(params, "displayName", p.DisplayName, p.DisplayName != "")
	setIf(params, "useDefaultMailAccount", true, p.UseDefaultMailAccount)
	setIf(params, "useAppointmentCreatorsSignature", true, p.UseAppointmentCreatorsSignature)
	return params
}

func sendAppointmentConfirmation(ctx context.Context, env *Env, p AppointmentConfirmationParams) (*Result, error) {
	if _, err := env.call(ctx, "", p.wire()); err != nil {
		return nil, err
	}
	return condense.Text("Appointment confirmation for appointment %d sent to its linked contacts.", p.CalendarID), nil
}

func previewAppointmentConfirmation(ctx context.Context, env *Env, p AppointmentConfirmationParams) (*Preview, error) {
	cur, err := apptCurrent(ctx, env, p.CalendarID, true)
	if err != nil {
		return nil, err
	}
	ids := apptIDs(cur["assignedaddressids"])
	pv := &Preview{Target: apptTarget(env, p.CalendarID, cur), RecordID: strconv.Itoa(p.CalendarID)}
	if len(ids) == 0 {
		pv.Changes = append(pv.Changes, env.say("to: nobody — the appointment has no linked contacts, so onOffice will refuse",
			"an: niemanden — der Termin hat keine verknüpften Kontakte, daher lehnt onOffice ab"))
	} else {
		names := addressLabels(ctx, env, ids)
		for _, id := range ids {
			pv.Changes = append(pv.Changes, env.say("to: ", "an: ")+names[id])
		}
	}
	from := env.say("your active mailbox", "Ihr aktives Postfach")
	switch {
	case p.EmailIdentity != "":
		from = p.EmailIdentity
	case p.UseDefaultMailAccount:
		from = env.say("your default sender mailbox", "Ihr Standard-Absenderpostfach")
	}
	if p.DisplayName != "" {
		from = p.DisplayName + " <" + from + ">"
	}
	pv.Changes = append(pv.Changes,
		env.say("from: ", "von: ")+from,
		fmt.Sprintf(env.say("subject: appointment confirmation (template of category appointmentConfirmation) for %s on %s",
			"Betreff: Terminbestätigung (Vorlage der Kategorie appointmentConfirmation) für %s am %s"),
			condense.Untrusted(text(cur["description"])), apptWhen(text(cur["start_dt"]), text(cur["end_dt"]))),
		env.say("attachments: none", "Anhänge: keine"))
	if st := text(cur["confirmationStatus"]); st != "" {
		if de, ok := relConfirmation[st]; ok && env.german() {
			st = de
		}
		pv.Changes = append(pv.Changes, env.say("confirmation state now: ", "Bestätigungsstatus jetzt: ")+st)
	}
	return pv, nil
}

// ---------------------------------------------------------------------------
// calendar_resource_list

// CalendarResourceListParams are the arguments of calendar_resource_list.
type CalendarResourceListParams struct {
	ActiveOnly bool `json:"activeOnly,omitempty"`
}

func listCalendarResources(ctx context.Context, env *Env, p CalendarResourceListParams) (*Result, error) {
	params := map[string]any{}
	if p.ActiveOnly {
		params["filter"] = map[string]any{"active": []map[string]any{{"op": "=", "val": 1}}}
	}
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return condense.Records(res, condense.List{}, env.Render), nil
	}
	var lines []string
	structured := map[string]any{}
	for _, rec := range res.Records {
		for k, v := range rec.Fields() {
			lines = append(lines, fmt.Sprintf("- %s = %v", k, v))
			structured[k] = v
		}
	}
	sort.Strings(lines)
	out := &Result{Text: fmt.Sprintf("%d calendar resources (key = label; write the key into data.ressources):\n%s", len(lines), strings.Join(lines, "\n"))}
	if len(lines) == 0 {
		out.Text = "No calendar resources are configured."
	}
	return withStructured(env, out, map[string]any{"resources": structured}), nil
}

// ---------------------------------------------------------------------------
// appointment_file_list

// AppointmentFileListParams are the arguments of appointment_file_list.
type AppointmentFileListParams struct {
	AppointmentID int `json:"appointmentid" jsonschema:"required,minimum=1"`
	FileID        int `json:"fileId,omitempty" jsonschema:"minimum=1"`
	ListLimit     int `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=100,default=20"`
	ListOffset    int `json:"listoffset,omitempty" jsonschema:"minimum=0"`
}

func listAppointmentFiles(ctx context.Context, env *Env, p AppointmentFileListParams) (*Result, error) {
	limit := cmp.Or(p.ListLimit, 20)
	pg := paging{limit: limit, offset: p.ListOffset}
	params := map[string]any{"appointmentid": p.AppointmentID}
	pg.apply(params)
	setIf(params, "fileId", p.FileID, p.FileID > 0)
	return listCall(ctx, env, env.request("appointment", params),
		condense.List{Noun: "files", Requested: []string{"filename", "fileSize", "username", "url"}, Page: pg.page(p)})
}

// ---------------------------------------------------------------------------
// appointment_conflicts

// AppointmentConflictData is the planned time frame to check.
type AppointmentConflictData struct {
	StartDT          string   `json:"start_dt" jsonschema:"required" jsonschema_description:"YYYY-MM-DD HH:MM:SS"`
	EndDT            string   `json:"end_dt" jsonschema:"required"`
	Ganztags         bool     `json:"ganztags,omitempty"`
	AllowTransitTime bool     `json:"allowTransitTime,omitempty"`
	TransitTimePre   string   `json:"transitTimePre,omitempty" jsonschema_description:"HH:MM:SS"`
	TransitTimePost  string   `json:"transitTimePost,omitempty"`
	Ressources       []string `json:"ressources,omitempty"`
}

// AppointmentConflictsParams are the arguments of appointment_conflicts:
// the same shape as appointment_create, so a planned call can be checked
// first. The planned location plays no part in conflicts and is left out.
type AppointmentConflictsParams struct {
	Data              AppointmentConflictData `json:"data" jsonschema:"required"`
	RelatedAddressIDs []int                   `json:"relatedAddressIds,omitempty"`
	RelatedEstateID   int                     `json:"relatedEstateId,omitempty" jsonschema:"minimum=1"`
	Subscribers       *AppointmentSubscribers `json:"subscribers,omitempty"`
}

func checkAppointmentConflicts(ctx context.Context, env *Env, p AppointmentConflictsParams) (*Result, error) {
	if err := checkArgValue("datetime", "data.start_dt", &p.Data.StartDT); err != nil {
		return nil, err
	}
	if err := checkArgValue("datetime", "data.end_dt", &p.Data.EndDT); err != nil {
		return nil, err
	}
	if p.Data.EndDT < p.Data.StartDT {
		return nil, argErrorf("data.end_dt", "%s is before the start %s", p.Data.EndDT, p.Data.StartDT)
	}
	if err := apptCheckTransit(&p.Data.TransitTimePre, &p.Data.TransitTimePost); err != nil {
		return nil, err
	}
	f := lookupField(ctx, env, "calendar", "ressources")
	for i, r := range p.Data.Ressources {
		v, err := checkValue(f, "data.ressources", r, forWrite)
		if err != nil {
			return nil, err
		}
		p.Data.Ressources[i] = plainArg(v)
	}
	params := map[string]any{"data": argsOf(p.Data)}
	apptWireLinks(params, p.RelatedAddressIDs, p.Subscribers, nil, nil)
	setIf(params, "relatedEstateId", p.RelatedEstateID, p.RelatedEstateID > 0)
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return condense.Records(res, condense.List{}, env.Render), nil
	}
	when := apptWhen(p.Data.StartDT, p.Data.EndDT)
	m := apptConflictMap(res)
	s := apptConflictText(nil, m, apptConflictNames(ctx, env, m))
	out := &Result{Text: "No conflicts on " + when + "."}
	if s != "" {
		out.Text = fmt.Sprintf("Conflicts on %s — already booked: %s.", when, condense.Untrusted(s))
	}
	return withStructured(env, out, m), nil
}

func apptConflictMap(res onoffice.Result) map[string]any {
	m := map[string]any{}
	for _, rec := range res.Records {
		var list []any
		_ = json.Unmarshal(rec.Elements, &list)
		m[rec.IDString()] = list
	}
	return m
}
