package sandbox

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

func settingsRoutes() []Route {
	return []Route{
		{Verb: onoffice.VerbGet, ResourceType: "fields", Handle: getFields},
		{Verb: onoffice.VerbRead, ResourceType: "basicsettings", Handle: readBasicSettings},
		{Verb: onoffice.VerbRead, ResourceType: "impressum", Handle: readImprint},
		{Verb: onoffice.VerbGet, ResourceType: "groups", Handle: getGroups},
		{Verb: onoffice.VerbRead, ResourceType: "user", Handle: readUsers},
		{Verb: onoffice.VerbGet, ResourceType: "users", Handle: getUsers},
		{Verb: onoffice.VerbRead, ResourceType: "userphoto", Handle: readUserPhotos},
		{Verb: onoffice.VerbGet, ResourceType: "checkuserrecordsright", Handle: checkUserRecordRights},
		{Verb: onoffice.VerbGet, ResourceType: "multiselectconfiguration", Handle: getMultiselectConfiguration},
		{Verb: onoffice.VerbGet, ResourceType: "actionkindtypes", Handle: getActionKindTypes},
		{Verb: onoffice.VerbGet, ResourceType: "regions", Handle: getRegions},
		{Verb: onoffice.VerbGet, ResourceType: "regionsLiveSearch", Handle: regionsLiveSearch},
		{Verb: onoffice.VerbDo, ResourceType: "accessControl", Handle: doAccessControl},
	}
}

// moduleLabels are the display names of the field-configuration modules.
var moduleLabels = map[string]map[string]string{
	"estate":         {"DEU": "Immobilien", "ENG": "Estates"},
	"address":        {"DEU": "Adressen", "ENG": "Addresses"},
	"agentsLog":      {"DEU": "Maklerbuch", "ENG": "Agents log"},
	"calendar":       {"DEU": "Termine", "ENG": "Appointments"},
	"task":           {"DEU": "Aufgaben", "ENG": "Tasks"},
	"user":           {"DEU": "Benutzer", "ENG": "Users"},
	"searchcriteria": {"DEU": "Suchkriterien", "ENG": "Search criteria"},
	"file":           {"DEU": "Dateien", "ENG": "Files"},
	"email":          {"DEU": "E-Mails", "ENG": "E-mails"},
}

var fieldModules = []string{"address", "estate", "agentsLog", "calendar", "email", "file", "news", "intranet", "project", "task", "user", "searchCriteria"}

// emptyFieldModules are answered with no fields, as real installations do:
// search-criteria fields come from "get searchCriteriaFields". The lower-case
// spelling is kept for older clients.
var emptyFieldModules = map[string]bool{"searchCriteria": true, "searchcriteria": true}

// getFields serves the field configuration: one record per module.
func getFields(s *Store, c *Call) (*Answer, error) {
	modules, err := paramStrings(c.Params, "modules")
	if err != nil {
		return nil, err
	}
	for _, m := range modules {
		if !contains(fieldModules, m) && !emptyFieldModules[m] {
			return nil, Fail(163, "Invalid module name: %s", m)
		}
	}
	if len(modules) == 0 {
		modules = fieldModules
	}
	only, err := paramStrings(c.Params, "fieldList")
	if err != nil {
		return nil, err
	}
	lang, err := languageParam(c.Params, "language")
	if err != nil {
		return nil, err
	}
	labels := paramBool(c.Params, "labels")
	filters := paramBool(c.Params, "showfieldfilters")
	deps := paramBool(c.Params, "showfielddependencies")
	measure := paramBool(c.Params, "showFieldMeasureFormat")
	content := paramBool(c.Params, "showContent")
	realTypes := paramBool(c.Params, "realDataTypes")
	onlyInactive := paramBool(c.Params, "showOnlyInactive")

	var out []OutRecord
	for _, m := range modules {
		names := s.FieldOrder[m]
		if len(names) == 0 || emptyFieldModules[m] {
			// A module without configured fields: "elements": [].
			out = append(out, OutRecord{ID: m, Type: "", Elements: []any{}})
			continue
		}
		el := map[string]any{}
		if labels {
			el["label"] = label(moduleLabels[m], lang)
		}
		for _, name := range names {
			if (len(only) > 0 && !contains(only, name)) || unlistedFields[m][name] {
				continue
			}
			if onlyInactive {
				continue // every sandbox field is active
			}
			f := s.Fields[m][name]
			typ := f.Type
			if !realTypes && (typ == "user" || typ == "datei") {
				typ = "text"
			}
			d := map[string]any{
				"type":            typ,
				"length":          nil,
				"permittedvalues": nil,
				"default":         f.Default,
				"filters":         []any{},
				"dependencies":    []any{},
				"compoundFields":  []any{},
			}
			if f.Length > 0 {
				d["length"] = f.Length
			}
			if len(f.Permitted) > 0 {
				d["permittedvalues"] = optionLabels(f, lang)
			}
			if filters && len(f.Filters) > 0 {
				d["filters"] = map[string]any{name: f.Filters}
			}
			if deps && len(f.Dependencies) > 0 {
				d["dependencies"] = f.Dependencies
			}
			if labels {
				d["label"] = label(f.Label, lang)
			}
			if measure {
				if f.MeasureFormat != "" {
					d["fieldMeasureFormat"] = f.MeasureFormat
				} else {
					d["fieldMeasureFormat"] = nil
				}
			}
			if content {
				d["content"] = f.Content
			}
			el[name] = d
		}
		out = append(out, OutRecord{ID: m, Type: "", Elements: el})
	}
	return &Answer{Records: out, Total: nil, Cacheable: true}, nil
}

// ---------------------------------------------------------------------------
// users and groups

// apiCallerUser is the user the sandbox's API token belongs to
// (SandboxAPIUserID, the managing director), else the first active user.
func apiCallerUser(s *Store) Record {
	users := s.Table("user")
	if u := users.Get(SandboxAPIUserID); u != nil {
		return u
	}
	for _, u := range users.Records {
		if st := recStr(u, "online"); st == "" || st == "active" {
			return u
		}
	}
	return nil
}

// apiUserID is the id of apiCallerUser, or 0.
func apiUserID(s *Store) int { return idOf(apiCallerUser(s)) }

// sandboxGroup is a decoded record of the "group" table.
type sandboxGroup struct {
	ID        int
	Name, Abr string
	Type      string
	Users     []int
	Leaders   []int
}

func toIntList(v any) []int {
	switch t := v.(type) {
	case []int:
		return append([]int(nil), t...)
	case []any:
		out := make([]int, 0, len(t))
		for _, e := range t {
			if n, ok := toInt(e); ok {
				out = append(out, n)
			}
		}
		return out
	case []string:
		out := make([]int, 0, len(t))
		for _, e := range t {
			if n, ok := toInt(e); ok {
				out = append(out, n)
			}
		}
		return out
	}
	return []int{}
}

func sandboxGroups(s *Store) []sandboxGroup {
	var out []sandboxGroup
	for _, r := range s.Table("group").Records {
		g := sandboxGroup{ID: idOf(r), Users: toIntList(r["userIds"]), Leaders: toIntList(r["leaders"])}
		g.Name, _ = r["name"].(string)
		g.Abr, _ = r["abr"].(string)
		g.Type, _ = r["groupType"].(string)
		out = append(out, g)
	}
	return out
}

// officeGroupsOf returns the office groups a user belongs to.
func officeGroupsOf(s *Store, user int) []sandboxGroup {
	var out []sandboxGroup
	for _, g := range sandboxGroups(s) {
		if g.Type == "GroupOffice" && hasInt(g.Users, user) {
			out = append(out, g)
		}
	}
	return out
}

// isLeader reports whether a user leads any group; the first user of the
// installation (administrator) counts as one too.
func isLeader(s *Store, user int) bool {
	if user == apiUserID(s) {
		return true
	}
	for _, g := range sandboxGroups(s) {
		if hasInt(g.Leaders, user) {
			return true
		}
	}
	return false
}

// userByLogin finds a user by login name (case-insensitive), or nil.
func userByLogin(s *Store, login string) Record {
	if login == "" {
		return nil
	}
	for _, u := range s.Table("user").Records {
		if name, _ := u["Name"].(string); strings.EqualFold(name, login) {
			return u
		}
	}
	return nil
}

// userIDByLogin is the id of the user with the login name, or 0.
func userIDByLogin(s *Store, login string) int { return idOf(userByLogin(s, login)) }

// userRecord returns the user with the id, or fails with 184.
func userRecord(s *Store, id int) (Record, error) {
	if u := s.Table("user").Get(id); u != nil {
		return u, nil
	}
	return nil, Fail(184, "User id unknown or inactive: %d", id)
}

// groupRecord returns the group with the id, or fails with 272.
func groupRecord(s *Store, id int) (Record, error) {
	if g := s.Table("group").Get(id); g != nil {
		return g, nil
	}
	return nil, Fail(272, "Invalid group id: %d", id)
}

// userIDOf reads a stored user reference: an id, or a login name.
func userIDOf(s *Store, v any) int {
	switch t := v.(type) {
	case int:
		return t
	case string:
		return userIDByLogin(s, t)
	}
	return 0
}

func recStr(r Record, key string) string {
	v, _ := r[key].(string)
	return v
}

// getGroups lists the groups of the installation.
func getGroups(s *Store, c *Call) (*Answer, error) {
	filter, err := paramString(c.Params, "groupfilter")
	if err != nil {
		return nil, err
	}
	if filter != "" && filter != "officeGroups" && filter != "noRegionGroups" {
		return nil, Fail(255, "Invalid value for parameter groupfilter: %s", filter)
	}
	all := sandboxGroups(s)
	var out []OutRecord
	for _, g := range all {
		switch {
		case filter == "officeGroups" && g.Type != "GroupOffice":
			continue
		case filter == "noRegionGroups" && g.Type == "GroupRegion":
			continue
		}
		leaders := g.Leaders
		if g.Type == "GroupRegion" {
			// Region groups report the leaders of the office groups of their members.
			leaders = []int{}
			for _, o := range all {
				if o.Type != "GroupOffice" {
					continue
				}
				for _, u := range g.Users {
					if hasInt(o.Users, u) {
						for _, l := range o.Leaders {
							if !hasInt(leaders, l) {
								leaders = append(leaders, l)
							}
						}
					}
				}
			}
			sort.Ints(leaders)
		}
		out = append(out, OutRecord{ID: g.ID, Type: "", Elements: map[string]any{
			"id": g.ID, "name": g.Name, "abr": g.Abr, "userIds": g.Users, "groupType": g.Type, "leaders": leaders,
		}})
	}
	return &Answer{Records: out, Cacheable: true}, nil
}

// readUsers serves "read user": the generic list reader over the user table.
func readUsers(s *Store, c *Call) (*Answer, error) {
	ans, err := readList(s, c, ListSpec{Table: "user", FieldModule: "user", RecordType: "user"})
	if err != nil {
		return nil, err
	}
	// Nr is the user id; it is not stored separately.
	for _, rec := range ans.Records {
		el := rec.Elements.(map[string]any)
		if _, ok := el["Nr"]; ok {
			el["Nr"] = strconv.Itoa(rec.ID.(int))
		}
		if _, ok := el["Id"]; ok {
			el["Id"] = strconv.Itoa(rec.ID.(int))
		}
	}
	return ans, nil
}

// getUsers is the light user list for pickers.
func getUsers(s *Store, c *Call) (*Answer, error) {
	filter, err := paramString(c.Params, "userfilter")
	if err != nil {
		return nil, err
	}
	me := apiUserID(s)
	include := func(int) bool { return true }
	switch filter {
	case "":
	case "onlyOwn":
		include = func(id int) bool { return id == me }
	case "ownOfficeGroupOrAll":
		if own := officeGroupsOf(s, me); len(own) > 0 {
			include = func(id int) bool {
				for _, g := range own {
					if hasInt(g.Users, id) {
						return true
					}
				}
				return false
			}
		}
	case "byGroupId":
		if err := requireParam(c.Params, "groupId"); err != nil {
			return nil, err
		}
		gid, err := paramInt(c.Params, "groupId", 0)
		if err != nil {
			return nil, err
		}
		var members []int
		found := false
		for _, g := range sandboxGroups(s) {
			if g.ID == gid {
				members, found = g.Users, true
			}
		}
		if !found {
			return nil, Fail(272, "Invalid group id: %d", gid)
		}
		include = func(id int) bool { return hasInt(members, id) }
	default:
		return nil, Fail(255, "Invalid value for parameter userfilter: %s", filter)
	}
	var out []OutRecord
	for _, r := range s.Table("user").Records {
		id := idOf(r)
		if !include(id) || recStr(r, "online") == "deactivated" {
			continue
		}
		el := map[string]any{
			"id": id, "username": recStr(r, "Name"), "firstname": recStr(r, "Vorname"), "lastname": recStr(r, "Nachname"),
			"email": recStr(r, "email"), "meetingurl": recStr(r, "meetingUrl"),
		}
		if filter == "onlyOwn" {
			// Users the own user may put appointments in for: the office colleagues.
			var colleagues []map[string]any
			for _, o := range s.Table("user").Records {
				for _, g := range officeGroupsOf(s, id) {
					if hasInt(g.Users, idOf(o)) {
						colleagues = append(colleagues, map[string]any{"id": idOf(o), "username": recStr(o, "Name"), "name": recStr(o, "Vorname") + " " + recStr(o, "Nachname")})
						break
					}
				}
			}
			el["NeuerTerminFuer"] = colleagues
		}
		out = append(out, OutRecord{ID: id, Type: "", Elements: el})
	}
	return &Answer{Records: out, Cacheable: true}, nil
}

// userPhotoKind says where a user's photo comes from: own photo, the
// photo of the linked address, or none.
func userPhotoKind(id int) string {
	switch id % 4 {
	case 3:
		return ""
	case 1:
		return "address"
	}
	return "own"
}

// messengerUID is the messenger id of a user.
func messengerUID(id int) int { return 167000 + id*89 }

// portrait draws a small deterministic PNG for a user.
func userPortrait(id int) string {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	bg := color.RGBA{uint8(60 + id*37%160), uint8(90 + id*53%140), uint8(120 + id*29%120), 255}
	face := color.RGBA{236, 200, 170, 255}
	for y := 0; y < 16; y++ {
		for x := 0; x < 16; x++ {
			c := bg
			if dx, dy := x-8, y-6; dx*dx+dy*dy <= 12 || (y >= 11 && x >= 3 && x <= 12) {
				c = face
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

// readUserPhotos serves the user photos as links or base64 data.
func readUserPhotos(s *Store, c *Call) (*Answer, error) {
	links := paramBool(c.Params, "photosAsLinks")
	uids, err := paramInts(c.Params, "messengerUIds")
	if err != nil {
		return nil, err
	}
	_, byMessenger := c.Params["messengerUIds"]
	users := s.Table("user")
	var matched []Record
	switch {
	case c.ResourceID != "":
		id, err := strconv.Atoi(c.ResourceID)
		if err != nil {
			return nil, Fail(18, "Missing or invalid element: resourceid")
		}
		if r := users.Get(id); r != nil {
			matched = []Record{r}
		}
	case byMessenger:
		for _, r := range users.Records {
			if len(uids) == 0 || hasInt(uids, messengerUID(idOf(r))) {
				matched = append(matched, r)
			}
		}
	default:
		conds, err := parseFilter(c.Params, s.Fields["user"])
		if err != nil {
			return nil, err
		}
		for _, r := range users.Records {
			rr := r
			if _, ok := r["Nr"]; !ok {
				rr = Record{"Nr": idOf(r)}
				for k, v := range r {
					rr[k] = v
				}
			}
			if matchAll(rr, conds) {
				matched = append(matched, rr)
			}
		}
		if err := sortRecords(matched, c.Params, s.Fields["user"]); err != nil {
			return nil, err
		}
	}
	// The user list has no offset and refuses a listlimit above 500
	// instead of serving 500.
	limit, _, err := pageParams(c.Params, 20, math.MaxInt)
	if err != nil {
		return nil, err
	}
	if limit > 500 {
		return nil, Fail(255, "Invalid value for parameter listlimit or listoffset")
	}
	matched = pageOf(matched, 0, limit)
	out := make([]OutRecord, 0, len(matched))
	for _, r := range matched {
		id := idOf(r)
		var photo any
		switch kind := userPhotoKind(id); {
		case kind == "":
			photo = nil
		case links && kind == "own":
			photo = fmt.Sprintf("https://smart.onoffice.de/smart20/Dateien/HansenKroeger/users/Userphoto_%d.jpg", id)
		case links:
			photo = fmt.Sprintf("https://smart.onoffice.de/smart20/Dateien/HansenKroeger/adressen/Adressfoto_user_%d.jpg", id)
		default:
			photo = userPortrait(id)
		}
		el := map[string]any{"photo": photo}
		if byMessenger {
			el["messengerUId"] = messengerUID(id)
		}
		out = append(out, OutRecord{ID: id, Type: "user", Elements: el})
	}
	return &Answer{Records: out, Cacheable: true}, nil
}

// ---------------------------------------------------------------------------
// record rights

// rightsTables maps the module names of "read user rights" and "do access
// control" to store tables.
var rightsTables = map[string]string{
	"address": "address", "estate": "estate", "calendar": "calendar", "task": "task",
	"agents_log": "agentslog", "agentsLog": "agentslog", "searchCriteria": "searchcriteria", "file": "file",
}

var rightsModules = []string{"folder", "agents_log", "calendar", "address", "estate", "task", "project", "statistic", "searchCriteria", "file", "emailDraft", "objecttracking", "smartsite2Root", "pdfForms", "agentslogMail"}

// recordACL is the rights set a data-record rights stamp put on a record.
type recordACL struct {
	Template string
	Read     []int
	Modify   []int
	Delete   []int
}

func recordACLs(s *Store) map[string]*recordACL {
	return s.ExtraData("recordRights", func() any { return map[string]*recordACL{} }).(map[string]*recordACL)
}

// responsibleUsers returns the users responsible for a record.
func responsibleUsers(s *Store, table string, r Record) []int {
	var out []int
	addID := func(v any) {
		if n, ok := toInt(v); ok && n > 0 {
			out = append(out, n)
		}
	}
	addLogin := func(v any) {
		if l, _ := v.(string); l != "" {
			if id := userIDByLogin(s, l); id > 0 {
				out = append(out, id)
			}
		}
	}
	switch table {
	case "estate":
		addID(r["benutzer"])
	case "address":
		addLogin(r["Benutzer"])
	case "calendar":
		out = append(out, toIntList(r["user_ids"])...)
		addLogin(r["von"])
	case "task":
		addLogin(r["Verantwortung"])
		addLogin(r["Bearbeiter"])
	case "agentslog":
		addID(r["Benutzer_nr"])
		addLogin(r["Benutzer"])
	case "searchcriteria":
		addID(r["advisor"])
	case "file":
		addLogin(r["username"])
	}
	return out
}

// hasRight decides whether a user holds a right on a record. Everyone may
// read and create; modify needs the responsible user, a colleague of the
// same office or a leader of a group the responsible user belongs to;
// delete needs the responsible user or such a leader. The administrator
// (the API key's user) may do everything. A rights stamp on the record
// replaces these rules.
func hasRight(s *Store, user int, action, table string, r Record) bool {
	if acl, ok := recordACLs(s)[fmt.Sprintf("%s:%d", table, idOf(r))]; ok {
		switch action {
		case "read", "create":
			return hasInt(acl.Read, user)
		case "modify":
			return hasInt(acl.Modify, user)
		case "delete":
			return hasInt(acl.Delete, user)
		}
		return false
	}
	if action == "read" || action == "create" || user == apiUserID(s) {
		return true
	}
	resp := responsibleUsers(s, table, r)
	if len(resp) == 0 || hasInt(resp, user) {
		return true
	}
	for _, g := range sandboxGroups(s) {
		for _, u := range resp {
			if !hasInt(g.Users, u) {
				continue
			}
			if hasInt(g.Leaders, user) || (action == "modify" && g.Type == "GroupOffice" && hasInt(g.Users, user)) {
				return true
			}
		}
	}
	return false
}

// checkUserRecordRights returns the subset of recordIds on which the user holds the right.
func checkUserRecordRights(s *Store, c *Call) (*Answer, error) {
	action, err := paramString(c.Params, "action")
	if err != nil || !contains([]string{"read", "delete", "modify", "create"}, action) {
		return nil, Fail(247, "Element action is missing or invalid")
	}
	module, err := requiredString(c.Params, "module")
	if err != nil {
		return nil, err
	}
	if !contains(rightsModules, module) {
		return nil, Fail(163, "Invalid module name: %s", module)
	}
	if err := requireParam(c.Params, "userid"); err != nil {
		return nil, err
	}
	user, err := paramInt(c.Params, "userid", 0)
	if err != nil {
		return nil, Fail(186, "Parameter userid must be an integer")
	}
	if s.Table("user").Get(user) == nil {
		return nil, Fail(251, "Unknown user: %d", user)
	}
	ids, err := paramInts(c.Params, "recordIds")
	if err != nil || len(ids) == 0 {
		return nil, Fail(185, "Parameter recordIds is missing or invalid")
	}
	if len(ids) > 500 {
		return nil, Fail(302, "At most 500 ids per call")
	}
	allowed := []string{}
	if table, ok := rightsTables[module]; ok {
		t := s.Table(table)
		for _, id := range ids {
			// Records that do not exist grant no right (the sandbox keeps no
			// folders, projects or statistics, so those modules answer empty).
			if r := t.Get(id); r != nil && hasRight(s, user, action, table, r) {
				allowed = append(allowed, strconv.Itoa(id))
			}
		}
	}
	return &Answer{Records: []OutRecord{{ID: 0, Type: "", Elements: allowed}}, Total: Counted(len(allowed))}, nil
}

// accessTemplate is a saved data-record rights stamp.
type accessTemplate struct {
	Owner int
	Name  string
	// Read, Modify, Delete return the users granted each right.
	Read, Modify, Delete func(s *Store) []int
}

// AccessTemplates lists the saved rights stamps as "owner id: name", for tests and docs.
func AccessTemplates(s *Store) []string {
	var out []string
	for _, t := range accessTemplates(s) {
		out = append(out, fmt.Sprintf("%d: %s", t.Owner, t.Name))
	}
	return out
}

func accessTemplates(s *Store) []accessTemplate {
	return s.ExtraData("accessTemplates", func() any { return seedAccessTemplates(s) }).([]accessTemplate)
}

func seedAccessTemplates(s *Store) []accessTemplate {
	owner := apiUserID(s)
	leaders := func(s *Store) []int {
		var out []int
		for _, r := range s.Table("user").Records {
			if isLeader(s, idOf(r)) {
				out = append(out, idOf(r))
			}
		}
		return out
	}
	everyone := func(s *Store) []int {
		var out []int
		for _, r := range s.Table("user").Records {
			out = append(out, idOf(r))
		}
		return out
	}
	out := []accessTemplate{
		{Owner: owner, Name: "Nur Geschäftsführung", Read: leaders, Modify: leaders, Delete: leaders},
		{Owner: owner, Name: "Alle lesen, Leitung bearbeitet", Read: everyone, Modify: leaders, Delete: leaders},
	}
	// Each office leader keeps a stamp that limits a record to the office.
	for _, g := range sandboxGroups(s) {
		if g.Type != "GroupOffice" || len(g.Leaders) == 0 {
			continue
		}
		members := append([]int(nil), g.Users...)
		lead := g.Leaders
		out = append(out, accessTemplate{
			Owner: g.Leaders[0], Name: "Nur " + g.Name,
			Read:   func(*Store) []int { return members },
			Modify: func(*Store) []int { return members },
			Delete: func(*Store) []int { return lead },
		})
	}
	return out
}

var accessControlModules = []string{"estate", "address", "agentsLog", "calendar", "task"}

// doAccessControl applies a saved rights stamp to one record.
func doAccessControl(s *Store, c *Call) (*Answer, error) {
	if err := requireParam(c.Params, "acTemplate", "module", "recordId", "templateOwner"); err != nil {
		return nil, err
	}
	name, err := paramString(c.Params, "acTemplate")
	if err != nil {
		return nil, err
	}
	module, err := paramString(c.Params, "module")
	if err != nil {
		return nil, err
	}
	if !contains(accessControlModules, module) {
		return nil, Fail(163, "Invalid module name: %s", module)
	}
	recordID, err := paramInt(c.Params, "recordId", 0)
	if err != nil {
		return nil, err
	}
	owner, err := paramInt(c.Params, "templateOwner", 0)
	if err != nil {
		return nil, err
	}
	table := rightsTables[module]
	if s.Table(table).Get(recordID) == nil {
		return nil, Fail(80, "Unknown record %d in module %s", recordID, module)
	}
	if s.Table("user").Get(owner) == nil {
		return nil, Fail(251, "Unknown user: %d", owner)
	}
	for _, t := range accessTemplates(s) {
		if t.Owner == owner && t.Name == name {
			recordACLs(s)[fmt.Sprintf("%s:%d", table, recordID)] = &recordACL{
				Template: name, Read: t.Read(s), Modify: t.Modify(s), Delete: t.Delete(s),
			}
			return Success(""), nil
		}
	}
	return nil, Fail(255, "Invalid value for parameter acTemplate: user %d has no rights stamp named %q", owner, name)
}

// ---------------------------------------------------------------------------
// basic settings and imprint

// basicSettings are the readable settings of tab basicData, by category.
func basicSettings(s *Store) map[string]map[string]any {
	return s.ExtraData("basicsettings", func() any {
		return map[string]map[string]any{
			"characteristicsCi": {
				"logo":                  userPortrait(1),
				"color":                 "0b3d5c",
				"color2":                "c8a44d",
				"textcolorMail":         "333333",
				"claim":                 "Ihr Zuhause. Unser Handwerk. Seit 1994.",
				"systemUiColor":         "0b3d5c",
				"moduleIconUiColor":     "c8a44d",
				"moduleIconShadeUiType": "dunkel",
				"warningNoticeUiColor":  "d9534f",
				"showLogoInQuickbar":    true,
				"spotColor":             "082b41",
			},
			"team": {
				"about": "Hansen & Kröger ist ein inhabergeführtes Maklerhaus aus Münster mit Büros in Köln, Hamburg, Berlin, Leipzig, München und Frankfurt. Wir vermitteln Wohn- und Gewerbeimmobilien und begleiten Eigentümer von der Bewertung bis zur Übergabe.",
			},
			"permissions": {
				"/onOfficeApp/timetracking/enabled": true,
			},
		}
	}).(map[string]map[string]any)
}

// readBasicSettings returns the requested keys of tab basicData.
func readBasicSettings(s *Store, c *Call) (*Answer, error) {
	if err := requireParam(c.Params, "data"); err != nil {
		return nil, err
	}
	data, err := paramObject(c.Params, "data")
	if err != nil {
		return nil, err
	}
	settings := basicSettings(s)
	out := map[string]any{}
	for tab, v := range data {
		if tab != "basicData" {
			return nil, Fail(144, "Invalid field in input data: tab %s cannot be read", tab)
		}
		cats, ok := v.(map[string]any)
		if !ok {
			return nil, Fail(194, "Wrong type for parameter basicData: object expected")
		}
		tabOut := map[string]any{}
		for cat := range cats {
			values, ok := settings[cat]
			if !ok {
				return nil, Fail(144, "Invalid field in input data: category %s", cat)
			}
			keys, err := paramStrings(cats, cat)
			if err != nil {
				return nil, err
			}
			catOut := map[string]any{}
			for _, k := range keys {
				v, ok := values[k]
				if !ok {
					return nil, Fail(75, "Unknown field: %s", k)
				}
				catOut[k] = v
			}
			tabOut[cat] = catOut
		}
		out[tab] = tabOut
	}
	return single(out), nil
}

var imprintFields = []string{"title", "firstname", "lastname", "firma", "postcode", "city", "street", "housenumber", "state", "country", "phone", "mobil", "fax", "email", "homepage", "vertretungsberechtigter", "berufsaufsichtsbehoerde", "handelsregister", "handelsregisterNr", "ustId", "bank", "iban", "bic", "chamber"}

// imprintData is the installation-wide imprint, built from the head office
// and its managing director.
func imprintData(s *Store) map[string]string {
	return s.ExtraData("impressum", func() any {
		boss := s.Table("user").Get(apiUserID(s))
		if boss == nil {
			boss = Record{}
		}
		return map[string]string{
			"title":                   recStr(boss, "Anrede"),
			"firstname":               recStr(boss, "Vorname"),
			"lastname":                recStr(boss, "Nachname"),
			"firma":                   "Hansen & Kröger Immobilien GmbH",
			"street":                  "Ludgeristraße",
			"housenumber":             "56",
			"postcode":                "48143",
			"city":                    "Münster",
			"state":                   "Nordrhein-Westfalen",
			"country":                 "DEU",
			"phone":                   "0251 98765",
			"mobil":                   recStr(boss, "Mobil"),
			"fax":                     "0251 98765-99",
			"email":                   "info@hansen-kroeger.example.com",
			"homepage":                "https://www.hansen-kroeger.example.com",
			"vertretungsberechtigter": "Michael Hansen, Thomas Kröger (Geschäftsführer)",
			"berufsaufsichtsbehoerde": "Stadt Münster, Ordnungsamt, Klemensstraße 10, 48143 Münster",
			"handelsregister":         "Amtsgericht Münster",
			"handelsregisterNr":       "HRB 18342",
			"ustId":                   "DE318472615",
			"bank":                    "Sparkasse Münsterland Ost",
			"iban":                    "DE12 4005 0150 0034 5678 90",
			"bic":                     "WELADED1MST",
			"chamber":                 "IHK Nord Westfalen",
		}
	}).(map[string]string)
}

// officeImprint is the imprint of an office group: the head-office data
// with the address and phone of the group leader's office.
func officeImprint(s *Store, g sandboxGroup) map[string]string {
	base := imprintData(s)
	if len(g.Leaders) == 0 {
		return base
	}
	lead := s.Table("user").Get(g.Leaders[0])
	if lead == nil || recStr(lead, "Ort") == base["city"] {
		return base
	}
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	out["firma"] = base["firma"] + " – " + g.Name
	out["title"], out["firstname"], out["lastname"] = recStr(lead, "Anrede"), recStr(lead, "Vorname"), recStr(lead, "Nachname")
	out["street"], out["housenumber"] = recStr(lead, "Strasse"), recStr(lead, "Hausnummer")
	out["postcode"], out["city"] = recStr(lead, "PLZ"), recStr(lead, "Ort")
	out["mobil"] = recStr(lead, "Mobil")
	if tel := recStr(lead, "Telefon"); tel != "" {
		out["phone"] = strings.SplitN(tel, "-", 2)[0]
		out["fax"] = out["phone"] + "-99"
	}
	for _, t := range seedTowns {
		if t.name == out["city"] {
			out["state"] = t.state
		}
	}
	return out
}

var countryNames = map[string]map[string]string{"DEU": {"DEU": "Deutschland", "ENG": "Germany"}}
var salutations = map[string]string{"Herr": "Mr", "Frau": "Ms"}

// readImprint returns the imprint as it applies to a user (resource id) or the API user.
func readImprint(s *Store, c *Call) (*Answer, error) {
	data, err := paramStrings(c.Params, "data")
	if err != nil {
		return nil, err
	}
	for _, d := range data {
		if !contains(imprintFields, d) {
			return nil, Fail(75, "Unknown field: %s", d)
		}
	}
	if len(data) == 0 {
		data = imprintFields
	}
	lang, err := languageParam(c.Params, "language")
	if err != nil {
		return nil, err
	}
	format := paramBool(c.Params, "formatoutput")
	user := apiUserID(s)
	if c.ResourceID != "" {
		id, err := strconv.Atoi(c.ResourceID)
		if err != nil || s.Table("user").Get(id) == nil {
			return nil, Fail(251, "Unknown user: %s", c.ResourceID)
		}
		user = id
	}
	imp := imprintData(s)
	if own := officeGroupsOf(s, user); len(own) > 0 {
		imp = officeImprint(s, own[0])
	}
	el := map[string]any{}
	for _, d := range data {
		v := imp[d]
		switch {
		case d == "country" && format:
			v = label(countryNames[v], lang)
		case d == "title" && lang == "ENG" && salutations[v] != "":
			v = salutations[v]
		}
		el[d] = v
	}
	return &Answer{Records: []OutRecord{{ID: "impressum", Type: "", Elements: el}}, Cacheable: true}, nil
}

// ---------------------------------------------------------------------------
// select configuration and action kinds

var multiselectModules = []string{"estate", "address", "calendar", "task", "agentsLog", "project", "fakturaArticleAdministration", "fakturaBookings"}

// selectValueIDs numbers every select value of the field configuration once.
func selectValueIDs(s *Store) map[string]int {
	return s.ExtraData("selectValueIDs", func() any {
		ids := map[string]int{}
		n := 4100
		for _, m := range sortedKeys(s.FieldOrder) {
			for _, name := range s.FieldOrder[m] {
				for _, o := range s.Fields[m][name].Permitted {
					n++
					ids[m+"/"+name+"/"+o.Key] = n
				}
			}
		}
		return ids
	}).(map[string]int)
}

// getMultiselectConfiguration lists the values of select fields, one record per value.
func getMultiselectConfiguration(s *Store, c *Call) (*Answer, error) {
	if err := requireParam(c.Params, "module", "fields"); err != nil {
		return nil, err
	}
	module, err := paramString(c.Params, "module")
	if err != nil {
		return nil, err
	}
	if !contains(multiselectModules, module) {
		return nil, Fail(163, "Invalid module name: %s", module)
	}
	names, err := paramStrings(c.Params, "fields")
	if err != nil {
		return nil, err
	}
	lang, err := languageParam(c.Params, "language")
	if err != nil {
		return nil, err
	}
	fields := s.Fields[module]
	ids := selectValueIDs(s)
	var out []OutRecord
	for _, name := range names {
		f, ok := fields[name]
		if !ok {
			return nil, Fail(75, "Unknown field: %s", name)
		}
		if f.Type != "multiselect" && f.Type != "singleselect" {
			return nil, Fail(171, "Field %s is not a single- or multiselect field", name)
		}
		for i, o := range f.Permitted {
			def := 0
			if d, ok := f.Default.(string); ok && d == o.Key {
				def = 1
			}
			out = append(out, OutRecord{ID: ids[module+"/"+name+"/"+o.Key], Type: "", Elements: map[string]any{
				"field": o.Key, "fieldcontent": label(o.Label, lang), "multiselectfield": name,
				"active": 1, "fieldfilter": 0, "default": def, "position": i + 1, "level": 1, "parent": nil,
			}})
		}
	}
	return &Answer{Records: out, Cacheable: true}, nil
}

// actionTypeLabels are the English labels of the action types.
var actionTypeLabels = map[string]string{
	"Eingang": "Incoming", "Ausgang": "Outgoing", "Besichtigung": "Viewing", "Folgebesichtigung": "Second viewing",
	"Notartermin": "Notary appointment", "Objektaufnahme": "Property survey", "Beratung": "Consultation",
	"Vertragstermin": "Contract meeting", "Übergabe": "Handover", "Immobilienportal": "Property portal",
	"Website": "Website", "Telefon": "Phone", "E-Mail": "E-mail", "Exposé": "Brochure", "Objektvorschlag": "Property proposal",
	"Interessent": "Prospect", "Eigentümer": "Owner", "bestellt": "ordered", "nicht bestellt": "not ordered",
	"Double Opt-In versendet": "Double opt-in sent", "Kein vorzeitiger Beginn": "No early start",
	"Vorzeitiger Beginn": "Early start", "Angebot erstellen": "Create offer",
	"Serienmail": "Mass mail", "Autoresponder": "Auto reply",
}

// automaticActionTypes are system types hidden unless asked for.
var automaticActionTypes = map[string][]string{"Email": {"Serienmail", "Autoresponder"}}

// getActionKindTypes lists the kinds of action with their types.
func getActionKindTypes(s *Store, c *Call) (*Answer, error) {
	lang, err := languageParam(c.Params, "lang")
	if err != nil {
		return nil, err
	}
	auto, err := paramStrings(c.Params, "allowAutomaticTypesForActionKind")
	if err != nil {
		return nil, err
	}
	for _, k := range auto {
		found := false
		for _, kind := range seedActionKinds {
			found = found || kind.key == k
		}
		if !found {
			return nil, Fail(100, "Unknown kind of action: %s", k)
		}
	}
	out := make([]OutRecord, 0, len(seedActionKinds))
	for i, kind := range seedActionKinds {
		typeKeys := append([]string(nil), kind.types...)
		if contains(auto, kind.key) {
			typeKeys = append(typeKeys, automaticActionTypes[kind.key]...)
		}
		var types any = []any{}
		var def any
		if len(typeKeys) > 0 {
			m := map[string]string{}
			for _, t := range typeKeys {
				m[t] = t
				if lang == "ENG" && actionTypeLabels[t] != "" {
					m[t] = actionTypeLabels[t]
				}
			}
			types, def = m, typeKeys[0]
		}
		lbl := kind.key
		if lang == "ENG" {
			lbl = kind.en
		}
		out = append(out, OutRecord{ID: i, Type: "actionkind", Elements: map[string]any{
			"key": kind.key, "label": lbl, "types": types, "default": def,
		}})
	}
	return &Answer{Records: out, Cacheable: true}, nil
}

// ---------------------------------------------------------------------------
// regions

// Region is one node of the region tree (regional additions).
type Region struct {
	Key         string
	Name, En    string
	Description string
	Level       int
	Num         int
	Postal      any // []string, or [][2]string ranges
	State       string
	Children    []*Region
}

// extraCounties are districts (Kreise) around the seeded towns with some of their municipalities.
var extraCounties = []struct {
	state, name string
	towns       [][2]string // name, postcode
}{
	{"Nordrhein-Westfalen", "Kreis Warendorf", [][2]string{{"Telgte", "48291"}, {"Everswinkel", "48351"}, {"Sendenhorst", "48324"}}},
	{"Nordrhein-Westfalen", "Kreis Steinfurt", [][2]string{{"Greven", "48268"}, {"Emsdetten", "48282"}}},
	{"Nordrhein-Westfalen", "Rhein-Erft-Kreis", [][2]string{{"Hürth", "50354"}, {"Frechen", "50226"}, {"Pulheim", "50259"}}},
	{"Bayern", "Landkreis München", [][2]string{{"Unterhaching", "82008"}, {"Grünwald", "82031"}, {"Ismaning", "85737"}}},
	{"Sachsen", "Landkreis Leipzig", [][2]string{{"Markkleeberg", "04416"}, {"Borna", "04552"}}},
	{"Baden-Württemberg", "Landkreis Breisgau-Hochschwarzwald", [][2]string{{"Kirchzarten", "79199"}, {"Bad Krozingen", "79189"}}},
	{"Hessen", "Main-Taunus-Kreis", [][2]string{{"Bad Soden am Taunus", "65812"}, {"Eschborn", "65760"}}},
	{"Niedersachsen", "Region Hannover", [][2]string{{"Langenhagen", "30851"}, {"Garbsen", "30823"}}},
	{"Bremen", "Bremerhaven", [][2]string{{"Mitte", "27568"}, {"Geestemünde", "27570"}, {"Lehe", "27580"}}},
}

var stateNamesEN = map[string]string{
	"Nordrhein-Westfalen": "North Rhine-Westphalia", "Bayern": "Bavaria", "Sachsen": "Saxony",
	"Baden-Württemberg": "Baden-Württemberg", "Hessen": "Hesse", "Niedersachsen": "Lower Saxony",
	"Hamburg": "Hamburg", "Berlin": "Berlin", "Bremen": "Bremen",
}

var cityStates = map[string]bool{"Hamburg": true, "Berlin": true, "Bremen": true}

// Regions returns the region tree: Bundesland → Kreis or Stadt → Stadtteil or Gemeinde.
func Regions(s *Store) []*Region {
	return s.ExtraData("regions", func() any { return seedRegions() }).([]*Region)
}

func seedRegions() []*Region {
	byState := map[string]*Region{}
	var states []string
	state := func(name string) *Region {
		if r, ok := byState[name]; ok {
			return r
		}
		r := &Region{Name: name, En: stateNamesEN[name], Description: "Bundesland", Level: 1, State: name, Postal: []string{}}
		byState[name] = r
		states = append(states, name)
		return r
	}
	for _, t := range seedTowns {
		st := state(t.state)
		desc := "Kreisfreie Stadt"
		if cityStates[t.name] {
			desc = "Stadtstaat"
		}
		city := &Region{Name: t.name, En: t.en, Description: desc, Level: 2, State: t.state}
		lo, hi := "99999", "00000"
		districts := map[string]*Region{}
		var order []string
		for _, sp := range t.spots {
			if sp.plz < lo {
				lo = sp.plz
			}
			if sp.plz > hi {
				hi = sp.plz
			}
			d, ok := districts[sp.district]
			if !ok {
				d = &Region{Name: sp.district, En: sp.district, Description: "Stadtteil", Level: 3, State: t.state, Postal: []string{}}
				districts[sp.district] = d
				order = append(order, sp.district)
			}
			if pl := d.Postal.([]string); !contains(pl, sp.plz) {
				d.Postal = append(pl, sp.plz)
			}
		}
		sort.Strings(order)
		for _, name := range order {
			d := districts[name]
			sort.Strings(d.Postal.([]string))
			city.Children = append(city.Children, d)
		}
		city.Postal = [][2]string{{lo, hi}}
		st.Children = append(st.Children, city)
	}
	for _, k := range extraCounties {
		st := state(k.state)
		county := &Region{Name: k.name, En: k.name, Description: "Kreis", Level: 2, State: k.state}
		var plz []string
		for _, tw := range k.towns {
			county.Children = append(county.Children, &Region{Name: tw[0], En: tw[0], Description: "Gemeinde", Level: 3, State: k.state, Postal: []string{tw[1]}})
			plz = append(plz, tw[1])
		}
		if k.name == "Bremerhaven" {
			county.Description = "Kreisfreie Stadt"
			for _, c := range county.Children {
				c.Description = "Stadtteil"
			}
		}
		sort.Strings(plz)
		county.Postal = plz
		st.Children = append(st.Children, county)
	}
	sort.Strings(states)
	out := make([]*Region, 0, len(states))
	n := 5400
	var number func(r *Region)
	number = func(r *Region) {
		n++
		r.Num = n
		r.Key = fmt.Sprintf("indMulti1186Select%d", n)
		sort.SliceStable(r.Children, func(i, j int) bool { return r.Children[i].Name < r.Children[j].Name })
		for _, c := range r.Children {
			number(c)
		}
	}
	for _, name := range states {
		number(byState[name])
		out = append(out, byState[name])
	}
	return out
}

func (r *Region) name(lang string) string {
	if lang == "ENG" && r.En != "" {
		return r.En
	}
	return r.Name
}

func (r *Region) elements(lang string) map[string]any {
	country := label(countryNames["DEU"], lang)
	state := r.State
	if lang == "ENG" {
		state = stateNamesEN[state]
	}
	var children any = []any{}
	if len(r.Children) > 0 {
		m := map[string]any{}
		for _, c := range r.Children {
			m[c.Key] = c.elements(lang)
		}
		children = m
	}
	var desc any = r.Description
	if r.Description == "" {
		desc = nil
	}
	return map[string]any{
		"id": r.Key, "name": r.name(lang), "description": desc, "postalcodes": r.Postal,
		"state": state, "country": country, "children": children,
	}
}

// getRegions returns the whole region tree, one record per top-level region.
func getRegions(s *Store, c *Call) (*Answer, error) {
	lang, err := languageParam(c.Params, "language")
	if err != nil {
		return nil, err
	}
	var out []OutRecord
	nodes := 0
	var count func(r *Region)
	count = func(r *Region) {
		nodes++
		for _, c := range r.Children {
			count(c)
		}
	}
	for _, r := range Regions(s) {
		count(r)
		out = append(out, OutRecord{ID: r.Key, Type: "", Elements: r.elements(lang)})
	}
	return &Answer{Records: out, Total: Counted(nodes), Cacheable: true}, nil
}

// regionsLiveSearch finds regions whose name contains the search string.
func regionsLiveSearch(s *Store, c *Call) (*Answer, error) {
	q, err := requiredString(c.Params, "searchstring")
	if err != nil {
		return nil, err
	}
	q = strings.TrimSpace(q)
	if len([]rune(q)) < 2 {
		return nil, Fail(151, "Search string too short: at least 2 characters")
	}
	needle := strings.ToLower(q)
	hits := []map[string]any{}
	var walk func(r *Region, path []string)
	walk = func(r *Region, path []string) {
		path = append(path, r.Name)
		if strings.Contains(strings.ToLower(r.Name), needle) {
			hits = append(hits, map[string]any{
				"key": fmt.Sprintf("%d_%d", r.Level, r.Num), "title": strings.Join(path, " - "), "field": r.Key,
			})
		}
		for _, c := range r.Children {
			walk(c, path)
		}
	}
	for _, r := range Regions(s) {
		walk(r, nil)
	}
	return &Answer{Records: []OutRecord{{ID: 0, Type: "", Elements: hits}}, Cacheable: true}, nil
}
