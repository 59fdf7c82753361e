package sandbox

import (
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"html"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/internal/lazyre"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// SandboxAPIUserID is the user the demo token belongs to: entries the API
// creates without naming a user are his, and "own" lists are his.
const SandboxAPIUserID = 12

// miscRoutes serves the utility calls: last seen records, macro
// resolution, the change log, app miscSurveys, working-time tracking and
// deep links into enterprise.
func miscRoutes() []Route {
	return []Route{
		{Verb: onoffice.VerbRead, ResourceType: "recordsLastSeen", Handle: readLastSeen},
		{Verb: onoffice.VerbGet, ResourceType: "macroresolve", Handle: resolveMacros},
		{Verb: onoffice.VerbRead, ResourceType: "log", Handle: readLog},
		{Verb: onoffice.VerbGet, ResourceType: "appointmentdocument", Handle: getSurvey},
		{Verb: onoffice.VerbModify, ResourceType: "timetracking", Handle: modifyTimeTracking},
		{Verb: onoffice.VerbGet, ResourceType: "getlink", Handle: getLink},
	}
}

// miscHash is a stable small hash for deterministic choices.
func miscHash(parts ...any) uint32 {
	h := fnv.New32a()
	fmt.Fprint(h, parts...)
	return h.Sum32()
}

// ---------------------------------------------------------------------------
// records last seen

type miscLastSeen struct {
	id int
	at string
}

// miscLastSeenModules maps the module parameter to the store table.
var miscLastSeenModules = map[string]string{"address": "address", "estate": "estate", "task": "task", "email": ""}

// miscLastSeenList builds a user's "recently opened" list of a module: the
// records the user looks after first, then others, with visit times going
// back from the reference date.
func miscLastSeenList(s *Store, user int, module string) []miscLastSeen {
	key := fmt.Sprintf("misc.lastSeen.%d.%s", user, module)
	return s.ExtraData(key, func() any {
		var login string
		if u := s.Table("user").Get(user); u != nil {
			login, _ = u["Name"].(string)
		}
		var own, other []int
		if table := miscLastSeenModules[module]; table != "" {
			for _, r := range s.Table(table).Records {
				if l, ok := r["language"].(string); ok && l != "" {
					continue // language versions are opened through their main record
				}
				mine := false
				switch module {
				case "estate":
					uid, _ := toInt(r["benutzer"])
					mine = uid == user
				case "address":
					mine = r["Benutzer"] == login
				case "task":
					mine = r["Verantwortung"] == login || r["Bearbeiter"] == login
				}
				if mine {
					own = append(own, idOf(r))
				} else {
					other = append(other, idOf(r))
				}
			}
		} else {
			for i := 0; i < 30; i++ {
				own = append(own, 880100+user*100+i)
			}
		}
		byHash := func(ids []int) {
			sort.Slice(ids, func(i, j int) bool { return miscHash(user, module, ids[i]) < miscHash(user, module, ids[j]) })
		}
		byHash(own)
		byHash(other)
		ids := append(own, other...)
		if len(ids) > 40 {
			ids = ids[:40]
		}
		out := make([]miscLastSeen, len(ids))
		at := s.Day.Add(-6 * time.Hour) // seeded visits end yesterday evening
		for i, id := range ids {
			at = at.Add(-time.Duration(20+miscHash(user, id)%600) * time.Minute)
			out[i] = miscLastSeen{id: id, at: stamp(at)}
		}
		return out
	}).([]miscLastSeen)
}

func readLastSeen(s *Store, c *Call) (*Answer, error) {
	module, err := paramString(c.Params, "module")
	if err != nil {
		return nil, err
	}
	if module == "" {
		return nil, Fail(167, "Required parameter missing: module")
	}
	table, ok := miscLastSeenModules[module]
	if !ok {
		return nil, Fail(163, "Invalid module name: %s (address, estate, task or email)", module)
	}
	if _, ok := c.Params["listlimit"]; !ok {
		return nil, Fail(256, "Parameter listlimit is mandatory")
	}
	limit, err := paramInt(c.Params, "listlimit", 0)
	if err != nil {
		return nil, err
	}
	if limit < 0 {
		return nil, Fail(256, "Parameter listlimit must not be negative")
	}
	user, err := paramInt(c.Params, "user", SandboxAPIUserID)
	if err != nil {
		return nil, err
	}
	if s.Table("user").Get(user) == nil {
		return nil, Fail(251, "Unknown user: %d", user)
	}
	filter, err := paramObject(c.Params, "filter")
	if err != nil {
		return nil, err
	}
	dateOnly := map[string]any{}
	fieldOnly := map[string]any{}
	for k, v := range filter {
		if k == "date" {
			dateOnly[k] = v
		} else {
			fieldOnly[k] = v
		}
	}
	dateConds, err := parseFilter(map[string]any{"filter": dateOnly}, map[string]*Field{"date": {Type: "datetime"}})
	if err != nil {
		return nil, err
	}
	var fieldConds []condition
	if len(fieldOnly) > 0 {
		if table == "" {
			return nil, Fail(141, "Only date can be filtered for e-mails")
		}
		fieldModule := table
		if fieldConds, err = parseFilter(map[string]any{"filter": fieldOnly}, s.Fields[fieldModule]); err != nil {
			return nil, err
		}
	}
	var matched []miscLastSeen
	for _, e := range miscLastSeenList(s, user, module) {
		if !matchAll(Record{"date": e.at}, dateConds) {
			continue
		}
		if table != "" {
			r := s.Table(table).Get(e.id)
			if r == nil || !matchAll(r, fieldConds) {
				continue
			}
		}
		matched = append(matched, e)
	}
	out := []OutRecord{}
	for _, e := range pageOf(matched, 0, limit) {
		out = append(out, OutRecord{ID: e.id, Type: "lastSeen", Elements: map[string]any{"id": strconv.Itoa(e.id)}})
	}
	return &Answer{Records: out, Total: Counted(len(matched))}, nil
}

// ---------------------------------------------------------------------------
// macro resolution

// miscMacroPattern is compiled on first use: its Unicode classes cost every
// start of the server, --demo or not, half a millisecond.
var miscMacroPattern = lazyre.New(`(^|[^\p{L}\p{N}_])_([\p{L}][\p{L}\p{N}_]*)`)

// miscMacroUserFields maps the part after "_User" to a user field.
var miscMacroUserFields = map[string]string{
	"vorname": "Vorname", "name": "Nachname", "nachname": "Nachname", "anrede": "Anrede", "titel": "Titel",
	"email": "email", "telefon": "Telefon", "mobil": "Mobil", "fax": "Fax", "kuerzel": "Kuerzel",
	"firma": "Firma", "position": "PositionUnternehmen", "login": "Name",
}

// miscMacroContext is one record kind a text can be resolved against.
type miscMacroContext struct {
	module string // field configuration module
	rec    Record // nil when no id of this kind was given
}

func resolveMacros(s *Store, c *Call) (*Answer, error) {
	text, err := paramString(c.Params, "text")
	if err != nil {
		return nil, err
	}
	if text == "" {
		return nil, Fail(125, "Macro resolver: text missing")
	}
	isHTML := paramBool(c.Params, "ishtml")
	first := func(param, table string) (Record, error) {
		ids, err := paramInts(c.Params, param)
		if err != nil || len(ids) == 0 {
			return nil, err
		}
		r := s.Table(table).Get(ids[0])
		if r == nil {
			return nil, Fail(80, "Unknown record %d in %s (missing or no rights)", ids[0], param)
		}
		return r, nil
	}
	var ctx []miscMacroContext
	for _, k := range []struct{ param, table, module string }{
		{"addressids", "address", "address"},
		{"estateids", "estate", "estate"},
		{"appointmentids", "calendar", "calendar"},
		{"agentlogids", "agentslog", "agentsLog"},
	} {
		r, err := first(k.param, k.table)
		if err != nil {
			return nil, err
		}
		ctx = append(ctx, miscMacroContext{module: k.module, rec: r})
	}
	// The contact person of an estate speaks in the user macros; without an
	// estate it is the API user.
	user := s.Table("user").Get(SandboxAPIUserID)
	if est := ctx[1].rec; est != nil {
		if uid, ok := toInt(est["benutzer"]); ok {
			if u := s.Table("user").Get(uid); u != nil {
				user = u
			}
		}
	}
	macro := miscMacroPattern()
	resolved := macro.ReplaceAllStringFunc(text, func(m string) string {
		sub := macro.FindStringSubmatch(m)
		lead, name := sub[1], sub[2]
		v, ok := miscMacroValue(s, ctx, user, name, c.Now)
		if !ok {
			return m
		}
		if isHTML {
			v = html.EscapeString(v)
		}
		return lead + v
	})
	return &Answer{Records: []OutRecord{{ID: 0, Type: "", Elements: map[string]any{"resolvedtext": resolved}}}, Cacheable: true}, nil
}

// miscMacroValue resolves one macro name; ok is false for names it does not know.
func miscMacroValue(s *Store, ctx []miscMacroContext, user Record, name string, now time.Time) (string, bool) {
	lower := strings.ToLower(name)
	switch lower {
	case "datum", "heute":
		return now.Format("02.01.2006"), true
	case "uhrzeit":
		return now.Format("15:04"), true
	}
	if rest, ok := strings.CutPrefix(lower, "user"); ok {
		if field, known := miscMacroUserFields[rest]; known {
			if user == nil {
				return "", true
			}
			return toText(user[field]), true
		}
	}
	for _, mc := range ctx {
		for _, field := range s.FieldOrder[mc.module] {
			if !strings.EqualFold(field, name) {
				continue
			}
			if mc.rec == nil {
				return "", true // a known macro without its record resolves to nothing
			}
			if lower == "briefanrede" && toText(mc.rec[field]) == "" {
				return miscSalutation(mc.rec), true
			}
			return toText(displayValue(s.Fields[mc.module][field], mc.rec[field], "DEU")), true
		}
	}
	return "", false
}

func miscSalutation(a Record) string {
	last := toText(a["Name"])
	switch a["Anrede"] {
	case "Frau":
		return "Sehr geehrte Frau " + last
	case "Herr":
		return "Sehr geehrter Herr " + last
	}
	return "Sehr geehrte Damen und Herren"
}

// ---------------------------------------------------------------------------
// change log

// miscLogEntry is one line of the administrative change log.
type miscLogEntry struct {
	action, module  string
	user            int
	at              string
	target          int
	targetTable     string
	sourceTable     string
	source          int
	hasSourceRecord bool
}

// miscLogModules are the module values the log call accepts: the sandbox's
// own copy (see the package comment); onoffice.LogModules is the client's.
var miscLogModules = []string{"user", "customer", "address", "estate", "agentslog", "contact person", "file", "interested",
	"relation", "relations", "region", "owner", "matching", "search criteria", "offer", "project", "task",
	"addressAssigment", "estateAssigment", "userAssignment", "news", "intranet", "calendar", "cms", "smartSite",
	"emailAdministration", "arbeitszeiterfassung", "accessControl", "addressCsvExportSettings", "portal", "marketingBox",
	"portalAutoResponse", "portalAutoFullTransfer_Modul", "fakturaArticleAdministration", "fakturaBookings",
	"templateManagement", "emailPostOfficeBoxEncryption", "pdfTemplates", "cancelationBasicSettings",
	"cancelationGroupSettings", "domainAdministration"}

// miscLogActions are the action values the log call accepts.
var miscLogActions = []string{"splitBooking", "extendBooking", "cancelBooking", "deleteBooking", "edit", "link", "unlink",
	"export", "delete", "add", "duplicate", "cancelation", "massUpdateRights", "datevSync"}

// miscLogColumns are the filterable columns of the log.
var miscLogColumns = map[string]*Field{
	"id": {Type: "integer"}, "action": {Type: "varchar"}, "module": {Type: "varchar"}, "userNr:user.Nr": {Type: "integer"},
	"dateTime": {Type: "datetime"}, "resourcePk": {Type: "integer"}, "resourceTable": {Type: "varchar"},
	"targetPk": {Type: "integer"}, "targetTable": {Type: "varchar"},
}

// miscLogEntries derives the change log from the current data: additions and
// last edits of records, and the owner links of estates.
func miscLogEntries(s *Store) []miscLogEntry {
	var out []miscLogEntry
	add := func(e miscLogEntry) {
		if len(e.at) == 10 {
			e.at += " 09:00:00"
		}
		if len(e.at) == 19 && !strings.HasPrefix(e.at, "0000") {
			out = append(out, e)
		}
	}
	for _, r := range s.Table("estate").Records {
		id, uid := idOf(r), userIDOf(s, r["benutzer"])
		created, _ := r["erstellt_am"].(string)
		add(miscLogEntry{action: "add", module: "estate", user: uid, at: created, target: id, targetTable: "estate"})
		if mod, _ := r["geaendert_am"].(string); mod != "" && mod != created {
			add(miscLogEntry{action: "edit", module: "estate", user: uid, at: mod, target: id, targetTable: "estate"})
		}
		if t, err := time.Parse("2006-01-02 15:04:05", created); err == nil {
			for _, owner := range relIDs(s, "estate:address:owner", id, true) {
				add(miscLogEntry{action: "link", module: "owner", user: uid, at: stamp(t.Add(time.Hour)), target: owner,
					targetTable: "address", sourceTable: "estate", source: id, hasSourceRecord: true})
			}
		}
	}
	for _, r := range s.Table("address").Records {
		id, uid := idOf(r), userIDOf(s, r["Benutzer"])
		created, _ := r["Eintragsdatum"].(string)
		add(miscLogEntry{action: "add", module: "address", user: uid, at: created, target: id, targetTable: "address"})
		if mod, _ := r["Aenderung"].(string); mod != "" {
			add(miscLogEntry{action: "edit", module: "address", user: uid, at: mod, target: id, targetTable: "address"})
		}
	}
	for _, r := range s.Table("task").Records {
		id, uid := idOf(r), userIDOf(s, r["von"])
		created, _ := r["Eintragsdatum"].(string)
		add(miscLogEntry{action: "add", module: "task", user: uid, at: created, target: id, targetTable: "task"})
		if mod, _ := r["modified"].(string); mod != "" && mod != created {
			add(miscLogEntry{action: "edit", module: "task", user: uid, at: mod, target: id, targetTable: "task"})
		}
	}
	for _, r := range s.Table("agentslog").Records {
		uid := userIDOf(s, r["Benutzer_nr"])
		if uid == 0 {
			uid = userIDOf(s, r["Benutzer"])
		}
		created, _ := r["created"].(string)
		add(miscLogEntry{action: "add", module: "agentslog", user: uid, at: created, target: idOf(r), targetTable: "agentslog"})
	}
	for _, r := range s.Table("calendar").Records {
		mod, _ := r["modified"].(string)
		add(miscLogEntry{action: "edit", module: "calendar", user: userIDOf(s, r["von"]), at: mod, target: idOf(r), targetTable: "calendar"})
	}
	for _, r := range s.Table("searchcriteria").Records {
		created, _ := r["creationdate"].(string)
		uid := userIDOf(s, r["advisor"])
		add(miscLogEntry{action: "add", module: "search criteria", user: uid, at: created, target: idOf(r), targetTable: "searchcriteria"})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].at != out[j].at {
			return out[i].at < out[j].at
		}
		if out[i].targetTable != out[j].targetTable {
			return out[i].targetTable < out[j].targetTable
		}
		return out[i].target < out[j].target
	})
	return out
}

// miscLogFirstID is the id of the oldest log entry.
const miscLogFirstID = 733001

func readLog(s *Store, c *Call) (*Answer, error) {
	if _, ok := c.Params["listlimit"]; !ok {
		return nil, Fail(167, "Required parameter missing: listlimit")
	}
	limit, err := paramInt(c.Params, "listlimit", 0)
	if err != nil {
		return nil, err
	}
	if limit < 0 || limit > 500 {
		return nil, Fail(255, "Invalid value for parameter listlimit: 0 to 500")
	}
	offsetName := "listOffset"
	if _, ok := c.Params[offsetName]; !ok {
		offsetName = "listoffset"
	}
	offset, err := paramInt(c.Params, offsetName, 0)
	if err != nil {
		return nil, err
	}
	if offset < 0 {
		return nil, Fail(255, "Invalid value for parameter listOffset")
	}
	module, err := paramString(c.Params, "module")
	if err != nil {
		return nil, err
	}
	if module != "" && !contains(miscLogModules, module) {
		return nil, Fail(163, "Invalid module name: %s", module)
	}
	action, err := paramString(c.Params, "action")
	if err != nil {
		return nil, err
	}
	if action != "" && !contains(miscLogActions, action) {
		return nil, Fail(255, "Invalid value for parameter action: %s", action)
	}
	user, err := paramInt(c.Params, "user", 0)
	if err != nil {
		return nil, err
	}
	conds, err := parseFilter(c.Params, miscLogColumns)
	if err != nil {
		return nil, err
	}
	entries := miscLogEntries(s)
	var matched []OutRecord
	// Newest first.
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		id := miscLogFirstID + i
		if (module != "" && e.module != module) || (action != "" && e.action != action) || (user != 0 && e.user != user) {
			continue
		}
		row := Record{"id": id, "action": e.action, "module": e.module, "userNr:user.Nr": e.user, "dateTime": e.at,
			"targetPk": e.target, "targetTable": e.targetTable}
		if e.hasSourceRecord {
			row["resourcePk"], row["resourceTable"] = e.source, e.sourceTable
		}
		if !matchAll(row, conds) {
			continue
		}
		el := map[string]any{
			"id": strconv.Itoa(id), "action": e.action, "module": e.module, "userId": strconv.Itoa(e.user),
			"dateTime": e.at, "resourceId": strconv.Itoa(e.target), "resourceTable": nil, "resourcePk": nil,
		}
		if e.hasSourceRecord {
			el["resourceTable"], el["resourcePk"] = e.sourceTable, strconv.Itoa(e.source)
		}
		matched = append(matched, OutRecord{ID: id, Type: "Log", Elements: el})
	}
	return &Answer{Records: pageOf(matched, offset, limit), Total: Counted(len(matched))}, nil
}

// ---------------------------------------------------------------------------
// miscSurveys

// miscSurvey is an app questionnaire attached to appointments.
type miscSurvey struct {
	id                                        int
	title, pdftype                            string
	transfered                                bool
	needsAddress, needsProperty, needsAppoint bool
	pages                                     [][][]map[string]any
}

func miscSurveys(s *Store) []miscSurvey {
	return s.ExtraData("misc.surveys", func() any {
		q := func(kind, question string) []map[string]any {
			return []map[string]any{{"type": kind}, {"question": question}}
		}
		return []miscSurvey{
			{id: 3, title: "Besichtigungsprotokoll", pdftype: "Fragen", needsAddress: true, needsProperty: true,
				pages: [][][]map[string]any{{
					{{"pagetopic": "Eindruck"}},
					{{"topic": "Lage und Zustand"}},
					q("textsingleline", "Wie gefällt Ihnen die Lage?"),
					q("rating", "Wie bewerten Sie den Zustand der Immobilie?"),
					q("textmultiline", "Was hat Ihnen weniger gefallen?"),
				}, {
					{{"pagetopic": "Weiteres Vorgehen"}},
					q("yesno", "Möchten Sie eine zweite Besichtigung vereinbaren?"),
					q("yesno", "Ist die Finanzierung bereits geklärt?"),
				}}},
			{id: 5, title: "Übergabeprotokoll", pdftype: "Protokoll", needsAddress: true, needsProperty: true, needsAppoint: true,
				transfered: true,
				pages: [][][]map[string]any{{
					{{"pagetopic": "Zählerstände"}},
					q("number", "Stromzähler (kWh)"),
					q("number", "Wasserzähler (m³)"),
					q("number", "Gaszähler (m³)"),
				}, {
					{{"pagetopic": "Schlüssel und Mängel"}},
					q("number", "Anzahl übergebener Schlüssel"),
					q("textmultiline", "Festgestellte Mängel"),
					q("signature", "Unterschrift Käufer/Mieter"),
				}}},
			{id: 8, title: "Objektaufnahme", pdftype: "Fragen", needsProperty: true,
				pages: [][][]map[string]any{{
					{{"pagetopic": "Objektdaten"}},
					q("number", "Baujahr"),
					q("number", "Wohnfläche (m²)"),
					q("textsingleline", "Heizungsart"),
					q("yesno", "Liegt ein Energieausweis vor?"),
				}}},
		}
	}).([]miscSurvey)
}

func getSurvey(s *Store, c *Call) (*Answer, error) {
	list := miscSurveys(s)
	if c.ResourceID == "" {
		out := make([]OutRecord, len(list))
		for i, sv := range list {
			out[i] = OutRecord{ID: sv.id, Type: "", Elements: map[string]any{"title": sv.title}}
		}
		return &Answer{Records: out, Cacheable: true}, nil
	}
	id, err := strconv.Atoi(c.ResourceID)
	if err != nil {
		return nil, Fail(130, "Survey id missing or survey not found: %s", c.ResourceID)
	}
	for _, sv := range list {
		if sv.id != id {
			continue
		}
		el := map[string]any{
			sv.title:           sv.pages,
			"transfered":       sv.transfered,
			"pdftype":          sv.pdftype,
			"needsaddress":     sv.needsAddress,
			"needsproperty":    sv.needsProperty,
			"needsappointment": sv.needsAppoint,
		}
		return &Answer{Records: []OutRecord{{ID: 0, Type: "", Elements: el}}, Cacheable: true}, nil
	}
	return nil, Fail(130, "Survey id missing or survey not found: %d", id)
}

// ---------------------------------------------------------------------------
// time tracking

// miscWorkClock is the API user's working-time clock of one day.
type miscWorkClock struct {
	day       string
	tracking  bool
	since     time.Time
	worked    time.Duration
	breaks    time.Duration
	lastStop  time.Time
	hasStoped bool
}

func modifyTimeTracking(s *Store, c *Call) (*Answer, error) {
	if err := requireParam(c.Params, "track"); err != nil {
		return nil, err
	}
	track, ok := toInt(c.Params["track"])
	if !ok || (track != 0 && track != 1) {
		return nil, Fail(255, "Invalid value for parameter track: 0 or 1")
	}
	clock := s.ExtraData("misc.workClock", func() any { return &miscWorkClock{} }).(*miscWorkClock)
	now := c.Now.UTC()
	if day := now.Format("2006-01-02"); clock.day != day {
		*clock = miscWorkClock{day: day}
	}
	switch {
	case track == 1 && !clock.tracking:
		if clock.hasStoped {
			clock.breaks += now.Sub(clock.lastStop)
		}
		clock.tracking, clock.since = true, now
	case track == 0 && clock.tracking:
		clock.worked += now.Sub(clock.since)
		clock.tracking, clock.lastStop, clock.hasStoped = false, now, true
	}
	worked := clock.worked
	if clock.tracking {
		worked += now.Sub(clock.since)
	}
	target := 8 * time.Hour
	if wd := now.Weekday(); wd == time.Saturday || wd == time.Sunday {
		target = 0
	}
	el := map[string]any{
		"worktimeActive":    true,
		"worktime":          miscClock(worked),
		"breaktime":         miscClock(clock.breaks),
		"currentlytracking": clock.tracking,
		"targetTimeToday":   miscClock(target),
	}
	return single(el), nil
}

func miscClock(d time.Duration) string {
	sec := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", sec/3600, sec%3600/60, sec%60)
}

// ---------------------------------------------------------------------------
// deep links

func getLink(s *Store, c *Call) (*Answer, error) {
	tables := map[string]string{"estate": "estate", "address": "address", "agentslog": "agentslog"}
	table, ok := tables[c.ResourceID]
	if !ok {
		return nil, Fail(279, "Unknown resourceId %q: estate, address or agentslog", c.ResourceID)
	}
	if err := requireParam(c.Params, "recordId"); err != nil {
		return nil, err
	}
	id, err := paramInt(c.Params, "recordId", 0)
	if err != nil {
		return nil, err
	}
	if s.Table(table).Get(id) == nil {
		return nil, Fail(80, "Unknown record %d (missing or no rights)", id)
	}
	view := table
	if table == "agentslog" {
		typ, err := paramString(c.Params, "type")
		if err != nil {
			return nil, err
		}
		if typ == "" {
			typ = "estate"
		}
		if typ != "estate" && typ != "address" {
			return nil, Fail(255, "Invalid value for parameter type: estate or address")
		}
		if len(relIDs(s, "agentsLog:"+typ, id, true)) == 0 {
			return nil, Fail(156, "Access violation: the entry has no linked %s", typ)
		}
		view = "agentslog-" + typ
	}
	token := base64.StdEncoding.EncodeToString([]byte(fmt.Sprintf("sandbox:%s:%d:%08x", view, id, miscHash(view, id))))
	link := "https://smart.onoffice.de/smart/smart.php?params=" + url.QueryEscape(token)
	return &Answer{Records: []OutRecord{{ID: id, Type: "", Elements: map[string]any{"url": link}}}}, nil
}
