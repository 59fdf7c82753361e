package sandbox

import (
	"encoding/base64"
	"fmt"
	"maps"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// Appointments: the calendar table read through the newer appointmentList
// call and the legacy calendar read, created, changed and deleted through
// the calendar resource, plus the helpers around it (resources, files of an
// appointment, conflict check, e-mailed confirmations).
//
// Storage of a calendar record (see fields.go): start_dt/end_dt are German
// local wall-clock times "YYYY-MM-DD HH:MM:SS", modified is UTC, user_ids
// holds the explicitly invited users, von the creator's login. Keys with a
// leading underscore are sandbox bookkeeping that no field exposes:
// _groups ([]int participating groups), _locationType (the kind of place
// chosen with the location parameter) and _reminderTypes ([]string).
// Linked addresses and the estate are relations calendar:address and
// calendar:estate (parent = appointment); a contact's confirmation state
// lives in the relation's Extra["statusTerminbestaetigung"].

func appointmentRoutes() []Route {
	return []Route{
		{onoffice.VerbGet, "appointmentList", getAppointmentList, ""},
		{onoffice.VerbRead, "calendar", readCalendar, ""},
		{onoffice.VerbCreate, "calendar", createCalendar, ""},
		{onoffice.VerbModify, "calendar", modifyCalendar, ""},
		{onoffice.VerbDelete, "calendar", deleteCalendar, ""},
		{onoffice.VerbDo, "appointmentAffirmation", sendAppointmentAffirmation, ""},
		{onoffice.VerbGet, "calendarResources", getCalendarResources, ""},
		{onoffice.VerbGet, "file", getAppointmentFiles, "appointment"},
		{onoffice.VerbGet, "appointmentConflicts", getAppointmentConflicts, ""},
	}
}

const (
	apptRelAddress = "calendar:address"
	apptRelEstate  = "calendar:estate"
	apptLayout     = "2006-01-02 15:04:05"
	apptDay        = "2006-01-02"
	apptMaxRecords = 500
)

// ---------------------------------------------------------------------------
// small helpers over one appointment

func apptTime(r Record, key string) (time.Time, bool) {
	t, err := time.Parse(apptLayout, toText(r[key]))
	return t, err == nil
}

// apptSpan is the time an appointment occupies (all-day ones the whole day).
func apptSpan(r Record) (time.Time, time.Time) {
	start, _ := apptTime(r, "start_dt")
	end, ok := apptTime(r, "end_dt")
	if !ok || end.Before(start) {
		end = start
	}
	if r["ganztags"] == true {
		start = apptMidnight(start)
		end = apptMidnight(end).AddDate(0, 0, 1)
	}
	return start, end
}

func apptMidnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func apptCancelled(r Record) bool {
	return r["abgesagt"] == true || toText(r["status"]) == "canceled"
}

func apptDone(r Record) bool {
	return r["erledigt"] == true || toText(r["status"]) == "completed"
}

func apptInts(v any) []int {
	switch t := v.(type) {
	case []int:
		return t
	case []any:
		var out []int
		for _, e := range t {
			if n, ok := toInt(e); ok {
				out = append(out, n)
			}
		}
		return out
	case int:
		return []int{t}
	}
	return nil
}

func apptStrings(v any) []string {
	switch t := v.(type) {
	case []string:
		return t
	case string:
		if t != "" {
			return []string{t}
		}
	}
	return nil
}

// apptGroups returns the participating groups of an appointment.
func apptGroups(r Record) []int { return apptInts(r["_groups"]) }

// apptGroupMembers returns the user ids of a group.
func apptGroupMembers(s *Store, id int) []int {
	if g := s.Table("group").Get(id); g != nil {
		return apptInts(g["userIds"])
	}
	return nil
}

// apptParticipants returns every participating user: invited users and the
// members of invited groups, sorted and without duplicates.
func apptParticipants(s *Store, r Record) []int {
	seen := map[int]bool{}
	var out []int
	add := func(ids []int) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	add(apptInts(r["user_ids"]))
	for _, g := range apptGroups(r) {
		add(apptGroupMembers(s, g))
	}
	sort.Ints(out)
	return out
}

// apptAddresses returns the linked address ids, sorted.
func apptAddresses(s *Store, id int) []int { return relIDs(s, apptRelAddress, id, true) }

// apptEstate returns the linked estate id, or 0.
func apptEstate(s *Store, id int) int {
	for _, rel := range s.Relations {
		if rel.Type == RelationPrefix+apptRelEstate && rel.Parent == id {
			return rel.Child
		}
	}
	return 0
}

// apptConfirmStates maps the stored (German) confirmation state to the API's.
var apptConfirmStates = map[string]string{
	"bestätigt": "confirmed", "gesendet": "sent", "gecancelt": "canceled", "nicht gesetzt": "not-set",
}

// apptContactState is the confirmation state of one linked address.
func apptContactState(s *Store, id, addr int) string {
	if rel := relFind(s, apptRelAddress, id, addr); rel != nil {
		if v, ok := apptConfirmStates[toText(rel.Extra["statusTerminbestaetigung"])]; ok {
			return v
		}
	}
	return "not-set"
}

// apptOverallState sums up the contacts' states as the API does.
func apptOverallState(states []string) string {
	has := map[string]bool{}
	for _, st := range states {
		has[st] = true
	}
	switch {
	case has["confirmed"] && has["canceled"]:
		return "confirmed and canceled"
	case has["canceled"]:
		return "canceled"
	case has["confirmed"]:
		return "confirmed"
	case has["sent"]:
		return "sent"
	}
	return "not-set"
}

func apptUser(s *Store, id int) Record { return s.Table("user").Get(id) }

// apptOptionLabel returns the German label of a calendar select key.
func apptOptionLabel(s *Store, field, key string) string {
	if f := s.Fields["calendar"][field]; f != nil {
		return optionLabel(f, key, "DEU")
	}
	return key
}

// apptBerlinOffset is the offset of German local time at a wall-clock
// moment: CEST from the last Sunday of March to the last Sunday of October.
func apptBerlinOffset(local time.Time) time.Duration {
	y := local.Year()
	summer := apptLastSunday(y, time.March).Add(2 * time.Hour)
	winter := apptLastSunday(y, time.October).Add(3 * time.Hour)
	if !local.Before(summer) && local.Before(winter) {
		return 2 * time.Hour
	}
	return time.Hour
}

func apptLastSunday(y int, m time.Month) time.Time {
	d := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	for d.Weekday() != time.Sunday {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// apptISO renders a local wall-clock time as the UTC ISO 8601 timestamp
// the appointment list sends.
func apptISO(local time.Time) string {
	return local.Add(-apptBerlinOffset(local)).Format("2006-01-02T15:04:05+00:00")
}

// apptMinutes parses "HH:MM:SS" into minutes; ok is false for bad text.
func apptMinutes(v string) (int, bool) {
	if v == "" {
		return 0, true
	}
	t, err := time.Parse("15:04:05", v)
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

// apptTransit returns the travel minutes before and after, 0 when travel time is off.
func apptTransit(r Record) (int, int) {
	if r["allowTransitTime"] != true {
		return 0, 0
	}
	pre, _ := apptMinutes(toText(r["transitTimePre"]))
	post, _ := apptMinutes(toText(r["transitTimePost"]))
	if pre == 0 && post == 0 {
		both, _ := apptMinutes(toText(r["transitTime"]))
		pre, post = both, both
	}
	return pre, post
}

var apptReminderRE = regexp.MustCompile(`^(\d+) (minutes|hours|days|weeks)$`)

// apptReminderMinutes turns "1 hours" into 60.
func apptReminderMinutes(v string) int {
	m := apptReminderRE.FindStringSubmatch(v)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n * map[string]int{"minutes": 1, "hours": 60, "days": 1440, "weeks": 10080}[m[2]]
}

// apptOccurrence finds the first occurrence of an appointment that overlaps
// [from, to): the appointment itself, or for a series the first repetition
// in the window. ok is false when none does.
func apptOccurrence(r Record, from, to time.Time) (time.Time, time.Time, bool) {
	start, end := apptSpan(r)
	dur := end.Sub(start)
	overlaps := func(s, e time.Time) bool {
		if e.Equal(s) {
			return !s.Before(from) && s.Before(to)
		}
		return s.Before(to) && e.After(from)
	}
	if r["rp_flag"] != true {
		return start, end, overlaps(start, end)
	}
	first := start
	if d, err := time.Parse(apptDay, toText(r["rp_beginn_datum"])); err == nil {
		first = time.Date(d.Year(), d.Month(), d.Day(), start.Hour(), start.Minute(), start.Second(), 0, time.UTC)
	}
	last := to
	if n, _ := toInt(orZero(r["rp_ende_status"])); n == 1 {
		if d, err := time.Parse(apptDay, toText(r["rp_ende_datum"])); err == nil {
			last = d.AddDate(0, 0, 1)
		}
	}
	step, _ := toInt(orZero(r["rp_tage"]))
	if step < 1 {
		step = 1
	}
	except := toText(r["rp_exception"])
	for i := 0; i < 5000; i++ {
		var s time.Time
		switch toText(r["rp_type"]) {
		case "w":
			s = first.AddDate(0, 0, 7*step*i)
		case "m":
			s = first.AddDate(0, step*i, 0)
		case "j":
			s = first.AddDate(step*i, 0, 0)
		default:
			s = first.AddDate(0, 0, step*i)
		}
		if !s.Before(last) || !s.Before(to) {
			break
		}
		if strings.Contains(except, "#"+s.Format(apptDay)) {
			continue
		}
		if overlaps(s, s.Add(dur)) {
			return s, s.Add(dur), true
		}
	}
	return time.Time{}, time.Time{}, false
}

// apptPlace renders the address line of a record the way the calendar shows places.
func apptPlace(street, no, plz, town, country string) string {
	line := strings.TrimSpace(street + " " + no)
	rest := strings.TrimSpace(plz + " " + town)
	parts := []string{}
	for _, p := range []string{line, rest, country} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// ---------------------------------------------------------------------------
// Get appointments list

// apptListFields are the documented data entries of appointmentList.
var apptListFields = []string{
	"id", "createdBy", "modified", "subject", "notes", "type", "status", "confirmationStatus", "private",
	"date", "travelTime", "location", "recurrence", "reminder", "groups", "users", "resources", "contacts",
	"showFollowUpStatus", "estate", "project", "conflicts",
}

// apptListTextFilters map the operator filters of appointmentList to stored fields.
var apptListTextFilters = map[string]string{"notes": "note", "subject": "description", "type": "art", "createdBy": "von"}

func getAppointmentList(s *Store, c *Call) (*Answer, error) {
	if c.ResourceID != "" {
		// Some working clients read one appointment with appointmentList and
		// its id as resourceid; the docs say "read calendar". Both are
		// answered alike.
		one := *c
		one.Params = map[string]any{}
		for k, v := range c.Params {
			if k != "data" {
				one.Params[k] = v
			}
		}
		return readCalendar(s, &one)
	}
	data, err := paramStrings(c.Params, "data")
	if err != nil {
		return nil, err
	}
	for _, d := range data {
		if !contains(apptListFields, d) {
			return nil, Fail(154, "Unknown calendar field: %s", d)
		}
	}
	filter, err := paramObject(c.Params, "filter")
	if err != nil {
		return nil, err
	}
	if filter == nil {
		return nil, Fail(91, "Start date missing: filter.startDate is mandatory")
	}
	from, to, err := apptWindow(filter["startDate"], filter["endDate"])
	if err != nil {
		return nil, err
	}
	textConds := map[string]any{}
	textFields := map[string]*Field{}
	flags := map[string]bool{}
	var userIDs, groupIDs []int
	for _, key := range sortedKeys(filter) {
		v := filter[key]
		switch key {
		case "startDate", "endDate":
		case "isCancelled", "isDone", "isRecurrent":
			b, ok := v.(bool)
			if !ok {
				return nil, Fail(194, "Wrong type for parameter filter.%s: boolean expected", key)
			}
			flags[key] = b
		case "userIds", "groupIds":
			ids, err := paramInts(filter, key)
			if err != nil {
				return nil, err
			}
			if key == "userIds" {
				userIDs = ids
			} else {
				groupIDs = ids
			}
		case "notes", "subject", "type", "createdBy":
			stored := apptListTextFilters[key]
			textConds[stored] = v
			textFields[stored] = &Field{Type: "varchar"}
		default:
			return nil, Fail(257, "Filter validation failed: unknown filter %s", key)
		}
	}
	conds, err := parseFilter(map[string]any{"filter": textConds}, textFields)
	if err != nil {
		return nil, err
	}
	var hits []apptHit
	for _, r := range s.Table("calendar").Records {
		start, end, ok := apptOccurrence(r, from, to)
		if !ok || !matchAll(r, conds) {
			continue
		}
		if b, set := flags["isCancelled"]; set && apptCancelled(r) != b {
			continue
		}
		if b, set := flags["isDone"]; set && apptDone(r) != b {
			continue
		}
		if b, set := flags["isRecurrent"]; set && (r["rp_flag"] == true) != b {
			continue
		}
		if len(userIDs) > 0 && !intersects(apptParticipants(s, r), userIDs) {
			continue
		}
		if len(groupIDs) > 0 && !intersects(apptGroups(r), groupIDs) {
			continue
		}
		hits = append(hits, apptHit{r, start, end})
	}
	sortApptHits(hits)
	total := len(hits)
	limit, offset, err := pageParams(c.Params, apptMaxRecords, apptMaxRecords)
	if err != nil {
		return nil, err
	}
	hits = pageOf(hits, offset, limit)
	followUp := contains(data, "showFollowUpStatus")
	out := make([]OutRecord, 0, len(hits))
	for _, h := range hits {
		el := map[string]any{}
		for _, d := range data {
			if d == "showFollowUpStatus" {
				continue
			}
			el[d] = apptListValue(s, h.r, d, h.start, h.end, followUp)
		}
		if len(data) == 0 {
			el["id"] = strconv.Itoa(idOf(h.r))
		}
		out = append(out, OutRecord{ID: idOf(h.r), Type: "calendar", Elements: el})
	}
	return &Answer{Records: out, Total: Counted(total), Cacheable: true}, nil
}

// apptHit is an appointment found by a read, with the occurrence that matched.
type apptHit struct {
	r          Record
	start, end time.Time
}

// sortApptHits orders hits by start, then by appointment id.
func sortApptHits(hits []apptHit) {
	sort.SliceStable(hits, func(i, j int) bool {
		if !hits[i].start.Equal(hits[j].start) {
			return hits[i].start.Before(hits[j].start)
		}
		return idOf(hits[i].r) < idOf(hits[j].r)
	})
}

// apptWindow checks the mandatory date window and returns [from, to).
func apptWindow(startRaw, endRaw any) (time.Time, time.Time, error) {
	startText, endText := toText(startRaw), toText(endRaw)
	if startText == "" {
		return time.Time{}, time.Time{}, Fail(91, "Start date missing: filter.startDate is mandatory")
	}
	if endText == "" {
		return time.Time{}, time.Time{}, Fail(92, "End date missing: filter.endDate is mandatory")
	}
	from, err := time.Parse(apptDay, apptDayPart(startText))
	if err != nil {
		return time.Time{}, time.Time{}, Fail(122, "Invalid date: %s", startText)
	}
	to, err := time.Parse(apptDay, apptDayPart(endText))
	if err != nil {
		return time.Time{}, time.Time{}, Fail(122, "Invalid date: %s", endText)
	}
	if to.Before(from) {
		return time.Time{}, time.Time{}, Fail(93, "Start date after end date")
	}
	return from, to.AddDate(0, 0, 1), nil
}

// apptDayPart drops the time part of a date or date-time.
func apptDayPart(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

// apptListValue renders one data entry of appointmentList.
func apptListValue(s *Store, r Record, name string, start, end time.Time, followUp bool) any {
	id := idOf(r)
	switch name {
	case "id":
		return strconv.Itoa(id)
	case "createdBy":
		return toText(r["von"])
	case "modified":
		if t, ok := apptTime(r, "modified"); ok {
			return t.Format("2006-01-02T15:04:05+00:00")
		}
		return nil
	case "subject":
		return toText(r["description"])
	case "notes":
		return toText(r["note"])
	case "type":
		art := toText(r["art"])
		if art == "" {
			return nil
		}
		return map[string]any{"value": art, "label": apptOptionLabel(s, "art", art)}
	case "status":
		st := toText(r["status"])
		if st == "" {
			st = "active"
			if apptCancelled(r) {
				st = "canceled"
			}
		}
		return map[string]any{"value": st, "label": st}
	case "confirmationStatus":
		var states []string
		for _, a := range apptAddresses(s, id) {
			states = append(states, apptContactState(s, id, a))
		}
		return apptOverallState(states)
	case "private":
		return r["private"] == true
	case "date":
		return map[string]any{"start": apptISO(start), "end": apptISO(end), "allDay": r["ganztags"] == true}
	case "travelTime":
		if r["allowTransitTime"] != true {
			return nil
		}
		pre, post := apptTransit(r)
		return map[string]any{"outward": pre, "return": post}
	case "location":
		place := toText(r["ort"])
		typ := toText(r["_locationType"])
		if place == "" && typ == "" {
			return nil
		}
		if typ == "" {
			typ = "other"
		}
		return map[string]any{"type": typ, "value": place}
	case "recurrence":
		if r["rp_flag"] != true {
			return nil
		}
		step, _ := toInt(orZero(r["rp_tage"]))
		var until any
		if d := toText(r["rp_ende_datum"]); d != "" {
			until = d
		}
		return map[string]any{"type": toText(r["rp_type"]), "interval": step, "start": toText(r["rp_beginn_datum"]), "end": until}
	case "reminder":
		rem := toText(r["erinnerung"])
		if rem == "" {
			return nil
		}
		types := apptStrings(r["_reminderTypes"])
		if types == nil {
			types = []string{}
		}
		return map[string]any{"timeBefore": apptReminderMinutes(rem), "recipients": "all", "confirmedOnly": false, "types": types}
	case "groups":
		out := []any{}
		for _, g := range apptGroups(r) {
			name := ""
			if rec := s.Table("group").Get(g); rec != nil {
				name = toText(rec["name"])
			}
			out = append(out, map[string]any{"id": strconv.Itoa(g), "name": name})
		}
		return out
	case "users":
		out := []any{}
		for _, u := range apptInts(r["user_ids"]) {
			if rec := apptUser(s, u); rec != nil {
				out = append(out, map[string]any{
					"id": strconv.Itoa(u), "userName": toText(rec["Name"]), "firstName": toText(rec["Vorname"]),
					"lastName": toText(rec["Nachname"]), "email": toText(rec["email"]),
				})
			}
		}
		return out
	case "resources":
		out := []any{}
		for _, k := range apptStrings(r["ressources"]) {
			out = append(out, map[string]any{"id": k, "name": apptOptionLabel(s, "ressources", k)})
		}
		return out
	case "contacts":
		out := []any{}
		for _, a := range apptAddresses(s, id) {
			c := map[string]any{"id": strconv.Itoa(a), "confirmationStatus": apptContactState(s, id, a)}
			if followUp {
				var status any
				if rel := relFind(s, apptRelAddress, id, a); rel != nil {
					if v := toText(rel.Extra["statusTerminrueckmeldung"]); v != "" {
						status = v
					}
				}
				c["followUpAvailable"] = apptEstate(s, id) != 0
				c["followUpStatus"] = status
			}
			out = append(out, c)
		}
		return out
	case "estate":
		if e := apptEstate(s, id); e != 0 {
			return map[string]any{"id": strconv.Itoa(e)}
		}
		return nil
	case "project":
		return nil
	case "conflicts":
		return apptHints(s, r)
	}
	return nil
}

// ---------------------------------------------------------------------------
// Read appointments (legacy calendar read)

// apptLegacyFilterFields are the fields the legacy read can filter on.
var apptLegacyFilterFields = []string{"start_dt", "end_dt", "rp_flag", "description", "von", "erledigt", "note", "art"}

func readCalendar(s *Store, c *Call) (*Answer, error) {
	showConfirm := paramBool(c.Params, "showConfirmationStatus")
	if c.ResourceID != "" {
		if _, ok := c.Params["filter"]; ok {
			return nil, Fail(241, "Filters only allowed when reading appointments of a period")
		}
		id, err := strconv.Atoi(c.ResourceID)
		if err != nil {
			return nil, Fail(121, "Invalid appointment id: %s", c.ResourceID)
		}
		r, err := apptByID(s, id)
		if err != nil {
			return nil, err
		}
		el := apptLegacyElements(s, r, showConfirm)
		if paramBool(c.Params, "showConflicts") && r["rp_flag"] != true && r["private"] != true {
			el["hints"] = apptHints(s, r)
		}
		return &Answer{Records: []OutRecord{{ID: id, Type: "calendar", Elements: el}}, Total: Counted(1), Cacheable: true}, nil
	}

	fields := map[string]*Field{}
	for _, name := range apptLegacyFilterFields {
		f := *s.Fields["calendar"][name]
		if name == "von" {
			f.Type = "varchar" // stored as the creator's login
		}
		fields[name] = &f
	}
	if raw, ok := c.Params["filter"].(map[string]any); ok {
		for name := range raw {
			if fields[name] == nil {
				if s.Fields["calendar"][name] != nil {
					return nil, Fail(141, "Field %s cannot be used in the filter of this call", name)
				}
				return nil, Fail(154, "Unknown calendar field in filter: %s", name)
			}
		}
	}
	conds, err := parseFilter(c.Params, fields)
	if err != nil {
		return nil, err
	}

	texts, err := paramTexts(c.Params, "datestart", "dateend", "modifiedstart", "modifiedend")
	if err != nil {
		return nil, err
	}
	dateStart, dateEnd, modStart, modEnd := texts[0], texts[1], texts[2], texts[3]
	byPeriod := dateStart != "" || dateEnd != ""
	var from, to time.Time
	switch {
	case byPeriod:
		if dateStart == "" || dateEnd == "" {
			return nil, Fail(230, "Date interval missing: datestart and dateend belong together")
		}
		from, to, err = apptWindow(dateStart, dateEnd)
		if err != nil {
			if ae, ok := err.(*APIError); ok && ae.Code == 93 {
				return nil, Fail(231, "Date interval invalid: datestart is after dateend")
			}
			return nil, err
		}
	case modStart != "" || modEnd != "":
		for _, v := range []string{modStart, modEnd} {
			if _, err := time.Parse(apptLayout, apptWithTime(v)); v != "" && err != nil {
				return nil, Fail(122, "Invalid date: %s", v)
			}
		}
		if modStart != "" && modEnd != "" && apptWithTime(modStart) > apptWithTime(modEnd) {
			return nil, Fail(288, "modifiedstart is after modifiedend")
		}
	default:
		return nil, Fail(230, "Date interval missing: give datestart and dateend, or modifiedstart/modifiedend")
	}

	users, err := paramInts(c.Params, "users")
	if err != nil {
		return nil, err
	}
	groups, err := paramInts(c.Params, "groups")
	if err != nil {
		return nil, err
	}
	allUsers := paramBool(c.Params, "allusers")
	if !byPeriod || allUsers {
		// users and groups only narrow period reads, and allusers overrides them.
		users, groups = nil, nil
	}
	if !allUsers && len(users) == 0 && len(groups) == 0 {
		// The API user's own appointments and those of his groups.
		users = []int{SandboxAPIUserID}
		for _, g := range s.Table("group").Records {
			if hasInt(apptInts(g["userIds"]), SandboxAPIUserID) {
				groups = append(groups, idOf(g))
			}
		}
	}
	showCancelled := paramBool(c.Params, "showcancelled")

	var hits []apptHit
	for _, r := range s.Table("calendar").Records {
		start, _ := apptSpan(r)
		if byPeriod {
			var ok bool
			if start, _, ok = apptOccurrence(r, from, to); !ok {
				continue
			}
		} else {
			mod := toText(r["modified"])
			if (modStart != "" && mod < apptWithTime(modStart)) || (modEnd != "" && mod > apptWithTime(modEnd)) {
				continue
			}
		}
		if !showCancelled && apptCancelled(r) {
			continue
		}
		if !matchAll(r, conds) {
			continue
		}
		if (len(users) > 0 || len(groups) > 0) && !intersects(apptParticipants(s, r), users) && !intersects(apptGroups(r), groups) {
			continue
		}
		hits = append(hits, apptHit{r: r, start: start})
	}
	sortApptHits(hits)
	total := len(hits)
	if len(hits) > apptMaxRecords {
		hits = hits[:apptMaxRecords]
	}
	out := make([]OutRecord, 0, len(hits))
	for _, h := range hits {
		out = append(out, OutRecord{ID: idOf(h.r), Type: "calendar", Elements: apptLegacyElements(s, h.r, showConfirm)})
	}
	return &Answer{Records: out, Total: Counted(total), Cacheable: true}, nil
}

func apptWithTime(v string) string {
	if len(v) == 10 {
		return v + " 00:00:00"
	}
	return v
}

// apptLegacyElements builds the fixed element set of the legacy read.
func apptLegacyElements(s *Store, r Record, confirm bool) map[string]any {
	id := idOf(r)
	art := any([]any{})
	if a := toText(r["art"]); a != "" {
		art = map[string]any{a: apptOptionLabel(s, "art", a)}
	}
	participants := apptParticipants(s, r)
	fuer := []any{}
	emails := map[string]any{}
	for _, u := range participants {
		if rec := apptUser(s, u); rec != nil {
			login := toText(rec["Name"])
			fuer = append(fuer, fmt.Sprintf("%s, %s (%s)", toText(rec["Nachname"]), toText(rec["Vorname"]), login))
			emails[login] = toText(rec["email"])
		}
	}
	users := []any{}
	for _, u := range apptInts(r["user_ids"]) {
		if rec := apptUser(s, u); rec != nil {
			users = append(users, map[string]any{
				"id": strconv.Itoa(u), "username": toText(rec["Name"]), "firstName": toText(rec["Vorname"]),
				"lastName": toText(rec["Nachname"]), "email": toText(rec["email"]),
			})
		}
	}
	labels := []any{}
	withKeys := map[string]any{}
	for _, k := range apptStrings(r["ressources"]) {
		l := apptOptionLabel(s, "ressources", k)
		labels = append(labels, l)
		withKeys[k] = l
	}
	var resWithKeys any = withKeys
	if len(withKeys) == 0 {
		resWithKeys = []any{}
	}
	groups := []any{}
	for _, g := range apptGroups(r) {
		groups = append(groups, g)
	}
	addrs := apptAddresses(s, id)
	objects := []int{}
	if e := apptEstate(s, id); e != 0 {
		objects = append(objects, e)
	}
	exceptions := []any{}
	for _, d := range strings.Split(toText(r["rp_exception"]), "#") {
		if d != "" {
			exceptions = append(exceptions, d)
		}
	}
	dateOr := func(key string) string {
		if v := toText(r[key]); v != "" {
			return v
		}
		return "0000-00-00"
	}
	timeOr := func(key string) string {
		if v := toText(r[key]); v != "" {
			return v
		}
		return "00:00:00"
	}
	var transit any
	if v := toText(r["transitTime"]); v != "" {
		transit = v
	}
	step, _ := toInt(orZero(r["rp_tage"]))
	endStatus, _ := toInt(orZero(r["rp_ende_status"]))
	private := boolText(r["private"] == true)
	status := toText(r["status"])
	if status == "" {
		status = "active"
	}
	el := map[string]any{
		"start_dt": toText(r["start_dt"]), "end_dt": toText(r["end_dt"]),
		"description": toText(r["description"]), "note": toText(r["note"]), "ort": toText(r["ort"]),
		"art": art, "fuer": fuer, "groups": groups, "emails": emails, "user_ids": apptOrEmpty(participants),
		"ressources": labels, "ressourcesWithKeys": resWithKeys, "erinnerung": toText(r["erinnerung"]),
		"ganztags": r["ganztags"] == true, "rp_flag": r["rp_flag"] == true, "abgesagt": apptCancelled(r),
		"status": status, "assignedaddressids": apptOrEmpty(addrs), "assignedobjectids": objects,
		"rp_type": toText(r["rp_type"]), "rp_tage": step, "rp_beginn_datum": dateOr("rp_beginn_datum"),
		"rp_ende_datum": dateOr("rp_ende_datum"), "rp_ende_status": strconv.Itoa(endStatus),
		"allowTransitTime": r["allowTransitTime"] == true, "transitTime": transit,
		"transitTimePre": timeOr("transitTimePre"), "transitTimePost": timeOr("transitTimePost"),
		"rp_exception": exceptions, "ProjektNr": nil, "von": toText(r["von"]), "private": private,
		"modified": toText(r["modified"]), "users": users,
	}
	if confirm {
		var states []string
		list := []any{}
		for _, a := range addrs {
			st := apptContactState(s, id, a)
			states = append(states, st)
			list = append(list, map[string]any{"id": a, "confirmationStatus": st})
		}
		el["confirmationStatus"] = apptOverallState(states)
		el["addresses"] = list
	}
	return el
}

func apptOrEmpty(ids []int) []int {
	if ids == nil {
		return []int{}
	}
	return ids
}

// ---------------------------------------------------------------------------
// Conflicts

// apptPlan is a planned or existing appointment reduced to what can clash.
type apptPlan struct {
	id         int // excluded from the check
	start, end time.Time
	users      []int
	resources  []string
	addresses  []int
	estate     int
}

// apptPlanOf describes a stored appointment, its span widened by travel time.
func apptPlanOf(s *Store, r Record) apptPlan {
	start, end := apptSpan(r)
	pre, post := apptTransit(r)
	return apptPlan{
		id: idOf(r), start: start.Add(-time.Duration(pre) * time.Minute), end: end.Add(time.Duration(post) * time.Minute),
		users: apptParticipants(s, r), resources: apptStrings(r["ressources"]),
		addresses: apptAddresses(s, idOf(r)), estate: apptEstate(s, idOf(r)),
	}
}

// apptConflicts lists what the plan shares with overlapping active appointments.
func apptConflicts(s *Store, p apptPlan) map[string][]any {
	users, res, addrs, estates := map[int]bool{}, map[string]bool{}, map[int]bool{}, map[int]bool{}
	for _, r := range s.Table("calendar").Records {
		if idOf(r) == p.id || apptCancelled(r) {
			continue
		}
		o := apptPlanOf(s, r)
		win := p.end
		if !p.end.After(p.start) {
			win = p.start.Add(time.Second)
		}
		// An occurrence clashes when it overlaps the plan once both are
		// widened by their travel times.
		pre, post := apptTransit(r)
		if _, _, ok := apptOccurrence(r, p.start.Add(-time.Duration(post)*time.Minute), win.Add(time.Duration(pre)*time.Minute)); !ok {
			continue
		}
		for _, u := range o.users {
			if hasInt(p.users, u) {
				users[u] = true
			}
		}
		for _, k := range o.resources {
			if contains(p.resources, k) {
				res[k] = true
			}
		}
		for _, a := range o.addresses {
			if hasInt(p.addresses, a) {
				addrs[a] = true
			}
		}
		if o.estate != 0 && o.estate == p.estate {
			estates[o.estate] = true
		}
	}
	out := map[string][]any{
		"conflictedUsers": {}, "conflictedResources": {}, "conflictedAddresses": {}, "conflictedEstates": {},
	}
	for _, id := range sortedKeys(users) {
		out["conflictedUsers"] = append(out["conflictedUsers"], map[string]any{"id": id})
	}
	for _, k := range sortedKeys(res) {
		out["conflictedResources"] = append(out["conflictedResources"], map[string]any{"id": k})
	}
	for _, id := range sortedKeys(addrs) {
		out["conflictedAddresses"] = append(out["conflictedAddresses"], map[string]any{"id": id})
	}
	for _, id := range sortedKeys(estates) {
		out["conflictedEstates"] = append(out["conflictedEstates"], map[string]any{"id": id})
	}
	return out
}

// apptHints is the hints object of a single legacy read.
func apptHints(s *Store, r Record) map[string]any {
	out := map[string]any{}
	for k, v := range apptConflicts(s, apptPlanOf(s, r)) {
		out[k] = v
	}
	return out
}

var apptConflictOrder = []string{"conflictedUsers", "conflictedResources", "conflictedAddresses", "conflictedEstates"}

func getAppointmentConflicts(s *Store, c *Call) (*Answer, error) {
	data, err := dataParam(c.Params)
	if err != nil {
		return nil, err
	}
	r := Record{}
	for _, k := range sortedKeys(data) {
		switch k {
		case "start_dt", "end_dt", "transitTimePre", "transitTimePost", "ganztags", "allowTransitTime", "ressources", "status":
		default:
			return nil, Fail(154, "Unknown calendar field in data: %s", k)
		}
	}
	if toText(data["start_dt"]) == "" {
		return nil, Fail(91, "Start date missing: data.start_dt")
	}
	if toText(data["end_dt"]) == "" {
		return nil, Fail(92, "End date missing: data.end_dt")
	}
	if err := applyData(s, WriteSpec{FieldModule: "calendar", UnknownFieldCode: 154}, r, data); err != nil {
		return nil, err
	}
	if err := apptCheckTimes(r); err != nil {
		return nil, err
	}
	links, err := apptReadLinks(s, c.Params)
	if err != nil {
		return nil, err
	}
	links.apply(r)
	p := apptPlanOf(s, r)
	p.id = -1
	p.addresses = links.addresses
	p.estate = links.estate
	conflicts := map[string][]any{
		"conflictedUsers": {}, "conflictedResources": {}, "conflictedAddresses": {}, "conflictedEstates": {},
	}
	if toText(r["status"]) != "canceled" {
		conflicts = apptConflicts(s, p)
	}
	out := make([]OutRecord, 0, 4)
	for _, k := range apptConflictOrder {
		out = append(out, OutRecord{ID: k, Type: "", Elements: conflicts[k]})
	}
	return &Answer{Records: out, Total: Counted(4)}, nil
}

// ---------------------------------------------------------------------------
// Create, modify, delete

// apptLinks are the parameters of create/modify besides data.
type apptLinks struct {
	addresses        []int
	addressesSet     bool
	replaceAddresses bool
	estate           int
	estateSet        bool
	users, groups    []int
	subscribersSet   bool
	location         map[string]any
	reminderTypes    []string
	reminderTypesSet bool
}

// apptReadLinks checks relatedAddressIds, relatedEstateId, subscribers,
// location and reminderTypes.
func apptReadLinks(s *Store, p map[string]any) (*apptLinks, error) {
	l := &apptLinks{}
	if v, ok := p["relatedAddressIds"]; ok && v != nil {
		if _, isList := v.([]any); !isList {
			return nil, Fail(99, "Address record ids not given as array")
		}
		ids, err := paramInts(p, "relatedAddressIds")
		if err != nil {
			return nil, Fail(228, "relatedAddressIds must contain integers")
		}
		for _, id := range ids {
			if _, err := addressRecord(s, id); err != nil {
				return nil, err
			}
		}
		l.addresses, l.addressesSet = ids, true
	}
	l.replaceAddresses = paramBool(p, "replaceAddressIds")
	if v, ok := p["relatedEstateId"]; ok {
		l.estateSet = true
		if v != nil {
			id, ok := toInt(v)
			if !ok {
				return nil, Fail(65, "estateId has wrong format")
			}
			if _, err := estateRecord(s, id); id != 0 && err != nil {
				return nil, err
			}
			l.estate = id
		}
	}
	if v, ok := p["subscribers"]; ok && v != nil {
		sub, err := paramObject(p, "subscribers")
		if err != nil {
			return nil, err
		}
		for k := range sub {
			if k != "users" && k != "groups" {
				return nil, Fail(255, "Invalid key in subscribers: %s", k)
			}
		}
		l.subscribersSet = true
		// users before groups, so that the error code does not depend on map order.
		for _, k := range []struct {
			name string
			code int
		}{{"users", 301}, {"groups", 295}} {
			if v, ok := sub[k.name]; ok && v != nil {
				if _, isList := v.([]any); !isList {
					return nil, Fail(k.code, "%s must be an array of ids", k.name)
				}
			}
		}
		if l.users, err = paramInts(sub, "users"); err != nil {
			return nil, Fail(301, "users must be an array of ids")
		}
		if l.groups, err = paramInts(sub, "groups"); err != nil {
			return nil, Fail(295, "groups must be an array of ids")
		}
		for _, u := range l.users {
			rec := apptUser(s, u)
			if rec == nil || (toText(rec["online"]) != "" && toText(rec["online"]) != "active") {
				return nil, Fail(184, "User id unknown or inactive: %d", u)
			}
		}
		for _, g := range l.groups {
			if _, err := groupRecord(s, g); err != nil {
				return nil, err
			}
		}
		l.users, l.groups = apptUniq(l.users), apptUniq(l.groups)
	}
	if v, ok := p["location"]; ok && v != nil {
		loc, err := paramObject(p, "location")
		if err != nil {
			return nil, err
		}
		if len(loc) != 1 {
			return nil, Fail(255, "location must hold exactly one key")
		}
		l.location = loc
	}
	if v, ok := p["reminderTypes"]; ok && v != nil {
		types, err := paramStrings(p, "reminderTypes")
		if err != nil {
			return nil, err
		}
		for _, t := range types {
			if t != "email" && t != "popup" && t != "sms" {
				return nil, Fail(255, "Invalid reminder type: %s (email, popup or sms)", t)
			}
		}
		l.reminderTypes, l.reminderTypesSet = types, true
	}
	return l, nil
}

// apply writes the subscribers and reminder types the call set into r.
func (l *apptLinks) apply(r Record) {
	if l.subscribersSet {
		r["user_ids"] = l.users
		r["_groups"] = l.groups
	}
	if l.reminderTypesSet {
		r["_reminderTypes"] = l.reminderTypes
	}
}

func apptUniq(ids []int) []int {
	seen := map[int]bool{}
	out := []int{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// apptApplyLocation resolves the location object into ort and its kind.
// A record that is not linked to the appointment is stored as free text.
func apptApplyLocation(s *Store, r Record, loc map[string]any, addrs []int, estate int) error {
	var key string
	for k := range loc {
		key = k
	}
	v := loc[key]
	idOfValue := func() (int, error) {
		n, ok := toInt(v)
		if !ok {
			return 0, Fail(290, "location key %s needs an integer value", key)
		}
		return n, nil
	}
	participants := apptInts(r["user_ids"])
	switch key {
	case "address":
		id, err := idOfValue()
		if err != nil {
			return err
		}
		a, err := addressRecord(s, id)
		if err != nil {
			return err
		}
		r["ort"] = apptPlace(toText(a["Strasse"]), "", toText(a["Plz"]), toText(a["Ort"]), countryName(toText(a["Land"])))
		r["_locationType"] = apptLinkedKind(hasInt(addrs, id), "address")
	case "estate":
		id, err := idOfValue()
		if err != nil {
			return err
		}
		e, err := estateRecord(s, id)
		if err != nil {
			return err
		}
		r["ort"] = apptPlace(toText(e["strasse"]), toText(e["hausnummer"]), toText(e["plz"]), toText(e["ort"]), countryName(toText(apptOrText(e["land"], "DEU"))))
		r["_locationType"] = apptLinkedKind(id == estate, "estate")
	case "user":
		id, err := idOfValue()
		if err != nil {
			return err
		}
		u, err := userRecord(s, id)
		if err != nil {
			return err
		}
		r["ort"] = apptPlace(toText(u["Strasse"]), toText(u["Hausnummer"]), toText(u["PLZ"]), toText(u["Ort"]), countryName(toText(u["Land"])))
		r["_locationType"] = apptLinkedKind(hasInt(participants, id), "user")
	case "group":
		id, err := idOfValue()
		if err != nil {
			return err
		}
		g, err := groupRecord(s, id)
		if err != nil {
			return err
		}
		r["ort"] = toText(g["name"])
		r["_locationType"] = apptLinkedKind(hasInt(apptGroups(r), id), "group")
	case "mandant":
		off := seedOffices["Münster"]
		r["ort"] = apptPlace(off.street, off.no, off.plz, off.town, "Deutschland")
		r["_locationType"] = "customer"
	case "sonstiges":
		r["ort"] = toText(v)
		r["_locationType"] = "other"
	case "customVideoUrl":
		r["ort"] = toText(v)
		r["_locationType"] = "customVideoUrl"
	case "userMeetingUrl":
		id, err := idOfValue()
		if err != nil {
			return err
		}
		u, err := userRecord(s, id)
		if err != nil {
			return err
		}
		if toText(u["meetingUrl"]) == "" {
			return Fail(255, "User %d has no meeting link in the basic data", id)
		}
		r["ort"] = toText(u["meetingUrl"])
		r["_locationType"] = "userMeetingUrl"
	case "keine Angaben":
		delete(r, "ort")
		r["_locationType"] = "none"
	default:
		return Fail(255, "Invalid location key: %s", key)
	}
	return nil
}

func apptLinkedKind(linked bool, kind string) string {
	if linked {
		return kind
	}
	return "other"
}

func apptOrText(v any, def string) any {
	if toText(v) == "" {
		return def
	}
	return v
}

var apptTimeRE = regexp.MustCompile(`^\d{2}:\d{2}:\d{2}$`)

// apptApplyData writes a data object into r; von and user_ids are handled
// here because the generic writer stores user fields as ids.
func apptApplyData(s *Store, r Record, data map[string]any) error {
	rest := map[string]any{}
	for k, v := range data {
		rest[k] = v
	}
	if v, ok := rest["von"]; ok {
		delete(rest, "von")
		login := toText(v)
		if n, isID := toInt(v); isID {
			if u := apptUser(s, n); u != nil {
				login = toText(u["Name"])
			}
		}
		u := userByLogin(s, login)
		if u == nil {
			return Fail(251, "Unknown user: %s", toText(v))
		}
		r["von"] = toText(u["Name"])
	}
	if v, ok := rest["user_ids"]; ok {
		delete(rest, "user_ids")
		ids, err := paramInts(map[string]any{"user_ids": v}, "user_ids")
		if err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := userRecord(s, id); err != nil {
				return err
			}
		}
		r["user_ids"] = apptUniq(ids)
	}
	for _, k := range []string{"transitTime", "transitTimePre", "transitTimePost"} {
		if v, ok := rest[k]; ok && toText(v) != "" && !apptTimeRE.MatchString(toText(v)) {
			return Fail(255, "Invalid value for %s: HH:MM:SS expected", k)
		}
	}
	if v, ok := rest["rp_tage"]; ok && v != nil {
		if n, isInt := toInt(v); !isInt || n < 1 || n > 999 {
			return Fail(255, "Invalid value for rp_tage: 1 to 999")
		}
	}
	if v, ok := rest["rp_exception"]; ok && toText(v) != "" {
		for _, d := range strings.Split(strings.TrimPrefix(toText(v), "#"), "#") {
			if _, err := time.Parse(apptDay, d); err != nil {
				return Fail(122, "Invalid date in rp_exception: %s", d)
			}
		}
	}
	spec := WriteSpec{FieldModule: "calendar", UnknownFieldCode: 154, Pseudo: func(r Record, name string, v any) (bool, error) {
		if name == "origin" {
			r["_origin"] = toText(v)
			return true, nil
		}
		return false, nil
	}}
	if err := applyData(s, spec, r, rest); err != nil {
		return err
	}
	// status wins over abgesagt; both keep the done flag in step.
	if st, ok := rest["status"]; ok && st != nil {
		r["abgesagt"] = toText(st) == "canceled"
		r["erledigt"] = toText(st) == "completed"
	} else {
		if v, ok := rest["abgesagt"]; ok && v != nil {
			if r["abgesagt"] == true {
				r["status"] = "canceled"
			} else if toText(r["status"]) == "canceled" {
				r["status"] = "active"
			}
		}
		if v, ok := rest["erledigt"]; ok && v != nil {
			if r["erledigt"] == true {
				r["status"] = "completed"
			} else if toText(r["status"]) == "completed" {
				r["status"] = "active"
			}
		}
	}
	return nil
}

// apptCheckTimes checks start and end of an appointment.
func apptCheckTimes(r Record) error {
	start, ok := apptTime(r, "start_dt")
	if !ok {
		return Fail(91, "Start date missing: start_dt")
	}
	end, ok := apptTime(r, "end_dt")
	if !ok {
		return Fail(92, "End date missing: end_dt")
	}
	if end.Before(start) {
		return Fail(93, "Start date after end date")
	}
	return nil
}

func createCalendar(s *Store, c *Call) (*Answer, error) {
	data, err := dataParam(c.Params)
	if err != nil {
		return nil, err
	}
	links, err := apptReadLinks(s, c.Params)
	if err != nil {
		return nil, err
	}
	r := Record{"ganztags": false, "abgesagt": false, "erledigt": false, "private": false, "status": "active", "allowTransitTime": false, "rp_flag": false}
	if err := apptApplyData(s, r, data); err != nil {
		return nil, err
	}
	if err := checkMandatory(s, "calendar", r); err != nil {
		return nil, err
	}
	if err := apptCheckTimes(r); err != nil {
		return nil, err
	}
	links.apply(r)
	if r["user_ids"] == nil {
		r["user_ids"] = []int{}
	}
	if r["von"] == nil {
		if u := apptUser(s, SandboxAPIUserID); u != nil {
			r["von"] = toText(u["Name"])
		}
	}
	if links.location != nil {
		if err := apptApplyLocation(s, r, links.location, links.addresses, links.estate); err != nil {
			return nil, err
		}
	}
	r["modified"] = stamp(c.Now.UTC())
	id := s.Table("calendar").Insert(r)
	for _, a := range links.addresses {
		relAdd(s, apptRelAddress, id, a)
	}
	if links.estate != 0 {
		relAdd(s, apptRelEstate, id, links.estate)
	}
	return created(id, "calendar"), nil
}

// apptUnlink removes the links of a type from an appointment, except those keep names.
func apptUnlink(s *Store, suffix string, parent int, keep func(child int) bool) {
	relRemove(s, func(rel Relation) bool {
		return rel.Type == RelationPrefix+suffix && rel.Parent == parent && !keep(rel.Child)
	})
}

// apptID reads the appointment id of modify and delete from the resource id.
func apptID(s *Store, c *Call) (int, Record, error) {
	if c.ResourceID == "" {
		return 0, nil, Fail(117, "Appointment id missing")
	}
	id, err := strconv.Atoi(c.ResourceID)
	if err != nil || id <= 0 {
		return 0, nil, Fail(121, "Invalid appointment id: %s", c.ResourceID)
	}
	r, err := apptByID(s, id)
	return id, r, err
}

// apptParam reads an appointment id parameter: missing fails with 117,
// malformed with 121, unknown with 169.
func apptParam(s *Store, p map[string]any, name string) (int, Record, error) {
	if err := requireParam(p, name); err != nil {
		return 0, nil, Fail(117, "Appointment id missing: %s", name)
	}
	id, err := paramInt(p, name, 0)
	if err != nil {
		return 0, nil, Fail(121, "Invalid appointment id: %v", p[name])
	}
	r, err := apptByID(s, id)
	return id, r, err
}

// apptByID returns the appointment with the id, or fails with 169.
func apptByID(s *Store, id int) (Record, error) {
	if r := s.Table("calendar").Get(id); r != nil {
		return r, nil
	}
	return nil, Fail(169, "Appointment not found: %d", id)
}

func modifyCalendar(s *Store, c *Call) (*Answer, error) {
	id, r, err := apptID(s, c)
	if err != nil {
		return nil, err
	}
	data, err := paramObject(c.Params, "data")
	if err != nil {
		return nil, err
	}
	links, err := apptReadLinks(s, c.Params)
	if err != nil {
		return nil, err
	}
	// Work on a copy so that a failed modify changes nothing.
	updated := maps.Clone(r)
	if data != nil {
		if err := apptApplyData(s, updated, data); err != nil {
			return nil, err
		}
		if err := apptCheckTimes(updated); err != nil {
			return nil, err
		}
	}
	links.apply(updated)
	addrs := apptAddresses(s, id)
	if links.addressesSet || links.replaceAddresses {
		if links.replaceAddresses {
			addrs = links.addresses
		} else {
			addrs = apptUniq(append(addrs, links.addresses...))
		}
	}
	estate := apptEstate(s, id)
	if links.estateSet {
		estate = links.estate
	}
	if links.location != nil {
		if err := apptApplyLocation(s, updated, links.location, addrs, estate); err != nil {
			return nil, err
		}
	}
	updated["modified"] = stamp(c.Now.UTC())
	commit(r, updated)
	if links.replaceAddresses {
		apptUnlink(s, apptRelAddress, id, func(child int) bool { return hasInt(addrs, child) })
	}
	for _, a := range addrs {
		relAdd(s, apptRelAddress, id, a)
	}
	if links.estateSet {
		apptUnlink(s, apptRelEstate, id, func(int) bool { return false })
		if estate != 0 {
			relAdd(s, apptRelEstate, id, estate)
		}
	}
	return Success("calendar"), nil
}

func deleteCalendar(s *Store, c *Call) (*Answer, error) {
	id, _, err := apptID(s, c)
	if err != nil {
		return nil, err
	}
	s.Table("calendar").Delete(id)
	relRemove(s, func(rel Relation) bool {
		return strings.HasPrefix(rel.Type, RelationPrefix+"calendar:") && rel.Parent == id
	})
	return Success(""), nil
}

// ---------------------------------------------------------------------------
// Appointment confirmation

func sendAppointmentAffirmation(s *Store, c *Call) (*Answer, error) {
	id, r, err := apptParam(s, c.Params, "calendarId")
	if err != nil {
		return nil, err
	}
	from := ""
	if ident, err := paramString(c.Params, "emailidentity"); err != nil {
		return nil, err
	} else if ident != "" {
		if mailIdentity(s, ident) == "" {
			return nil, Fail(51, "E-mail identity invalid: %s", ident)
		}
		from = mailIdentity(s, ident)
	} else if u := apptUser(s, SandboxAPIUserID); u != nil {
		from = toText(u["email"])
	}
	addrs := apptAddresses(s, id)
	if len(addrs) == 0 {
		return nil, Fail(98, "Relation to address missing: the appointment has no linked contacts")
	}
	var to []any
	var reached []int
	for _, a := range addrs {
		if mail := mailAddressEmail(s.Table("address").Get(a)); mail != "" {
			to = append(to, mail)
			reached = append(reached, a)
		}
	}
	if len(to) == 0 {
		return nil, Fail(148, "No mails sent: no linked contact has an e-mail address")
	}
	for _, a := range reached {
		if st := apptContactState(s, id, a); st == "not-set" {
			relFind(s, apptRelAddress, id, a).setExtra(map[string]any{"statusTerminbestaetigung": "gesendet"})
		}
	}
	recordOutbox(s, c, map[string]any{"to": to, "from": from, "subject": "Terminbestätigung: " + toText(r["description"])})
	return Success(""), nil
}

// ---------------------------------------------------------------------------
// Calendar resources

func getCalendarResources(s *Store, c *Call) (*Answer, error) {
	if v, ok := c.Params["filter"]; ok && v != nil {
		f, err := paramObject(c.Params, "filter")
		if err != nil {
			return nil, err
		}
		for k, conds := range f {
			list, _ := conds.([]any)
			valid := k == "active" && len(list) == 1
			if valid {
				cond, _ := list[0].(map[string]any)
				n, isNum := toInt(cond["val"])
				valid = cond != nil && toText(cond["op"]) == "=" && isNum && n == 1
			}
			if !valid {
				return nil, Fail(257, "Filter validation failed: only {\"active\": [{\"op\": \"=\", \"val\": 1}]} is supported")
			}
		}
	}
	var out []OutRecord
	if f := s.Fields["calendar"]["ressources"]; f != nil {
		for i, o := range f.Permitted {
			out = append(out, OutRecord{ID: i, Type: "", Elements: map[string]any{o.Key: label(o.Label, "DEU")}})
		}
	}
	return &Answer{Records: out, Cacheable: true}, nil
}

// ---------------------------------------------------------------------------
// Files of an appointment

func getAppointmentFiles(s *Store, c *Call) (*Answer, error) {
	id, _, err := apptParam(s, c.Params, "appointmentid")
	if err != nil {
		return nil, err
	}
	fileID, err := paramInt(c.Params, "fileId", 0)
	if err != nil {
		return nil, err
	}
	limit, offset, err := pageParams(c.Params, 20, 100)
	if err != nil {
		return nil, err
	}
	var files []Record
	for _, f := range estFilesOf(s, "calendar", id) {
		if fileID == 0 || idOf(f) == fileID {
			files = append(files, f)
		}
	}
	total := len(files)
	page := pageOf(files, offset, limit)
	out := make([]OutRecord, 0, len(page))
	for _, f := range page {
		size, _ := toInt(orZero(f["fileSize"]))
		user := f["username"]
		if n, ok := user.(int); ok {
			if u := apptUser(s, n); u != nil {
				user = u["Name"]
			}
		}
		out = append(out, OutRecord{ID: idOf(f), Type: "file", Elements: map[string]any{
			"username": toText(user), "filename": apptFileName(f), "fileSize": strconv.Itoa(size),
			"url": apptDownloadURL(idOf(f)),
		}})
	}
	return &Answer{Records: out, Total: Counted(total), Cacheable: true}, nil
}

// apptDownloadURL is the anonymous download link of a file (valid for an hour in the real API).
func apptDownloadURL(fileID int) string {
	token := base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf("file=%d;module=calendar", fileID)))
	return "https://smart.onoffice.de/smart/app/smart/AppAnonymousFileDownload.php?params=" + token
}

// apptFileName is the name a file was uploaded with.
func apptFileName(f Record) string {
	if n := toText(f["originalname"]); n != "" {
		return n
	}
	return toText(f["filename"])
}
