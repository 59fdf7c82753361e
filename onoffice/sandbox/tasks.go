package sandbox

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// taskRoutes serves the tasks module: read, create and modify.
func taskRoutes() []Route {
	return []Route{
		{Verb: onoffice.VerbRead, ResourceType: "task", Handle: readTasks},
		{Verb: onoffice.VerbCreate, ResourceType: "task", Handle: createTask},
		{Verb: onoffice.VerbModify, ResourceType: "task", Handle: modifyTask},
	}
}

// taskRelatedParams reads relatedAddressId, relatedEstateId and relatedProjectIds
// (documented as single integers; a one-element list is taken too).
func taskRelatedParams(p map[string]any) (addr, estate, project int, err error) {
	read := func(name string) (int, error) {
		src := p
		if list, ok := p[name].([]any); ok {
			if len(list) == 0 {
				return 0, nil
			}
			if len(list) > 1 {
				return 0, Fail(187, "Element/parameter %s must not be an array", name)
			}
			src = map[string]any{name: list[0]}
		}
		n, err := paramInt(src, name, 0)
		if err != nil {
			return 0, Fail(228, "Element/parameter %s must be an integer", name)
		}
		return n, nil
	}
	if addr, err = read("relatedAddressId"); err != nil {
		return
	}
	if estate, err = read("relatedEstateId"); err != nil {
		return
	}
	project, err = read("relatedProjectIds")
	return
}

func readTasks(s *Store, c *Call) (*Answer, error) {
	if _, ok := c.Params["listoffset"]; ok {
		return nil, Fail(144, "Invalid field in input data: listoffset")
	}
	data, err := paramStrings(c.Params, "data")
	if err != nil {
		return nil, err
	}
	if contains(data, "Nr") {
		return nil, Fail(138, "Unknown field in task data: Nr (the task id comes back as the record id)")
	}
	addr, estate, project, err := taskRelatedParams(c.Params)
	if err != nil {
		return nil, err
	}
	byGroup := paramBool(c.Params, "responsibilityByGroup")
	mobile := paramBool(c.Params, "addMobileUrl")
	efforts := paramBool(c.Params, "showEfforts")

	call := *c
	params := maps.Clone(c.Params)
	// Nr is the task id: filter on the stored id.
	if f, ok := params["filter"].(map[string]any); ok {
		if nr, has := f["Nr"]; has {
			nf := maps.Clone(f)
			delete(nf, "Nr")
			nf["Id"] = nr
			params["filter"] = nf
		}
	}
	call.Params = params

	spec := ListSpec{
		Table:            "task",
		FieldModule:      "task",
		RecordType:       "task",
		UnknownFieldCode: 138,
		Include: func(r Record) bool {
			id := idOf(r)
			if addr > 0 && !intersects(relIDs(s, "task:address", id, true), []int{addr}) {
				return false
			}
			if estate > 0 && !intersects(relIDs(s, "task:estate", id, true), []int{estate}) {
				return false
			}
			if project > 0 && !intersects(relIDs(s, "project:task:customer", id, false), []int{project}) {
				return false
			}
			if byGroup {
				g, _ := r["Verantwortung_Gruppe"].(string)
				return g != ""
			}
			return true
		},
		Decorate: func(r Record, out map[string]any) {
			id := idOf(r)
			if addr > 0 || estate > 0 {
				out["relatedAddressId"] = idStrings(relIDs(s, "task:address", id, true))
				out["relatedEstateId"] = idStrings(relIDs(s, "task:estate", id, true))
			}
			if mobile {
				out["mobileUrl"] = "https://smart.onoffice.de/mobile/task/" + strconv.Itoa(id)
			}
			if efforts {
				out["efforts"] = taskEfforts(s, r)
			}
		},
	}
	ans, err := readList(s, &call, spec)
	if err != nil {
		return nil, err
	}
	// The task read counts the rows it returns, not all matches.
	ans.Total = Counted(len(ans.Records))
	ans.Cacheable = false
	return ans, nil
}

// taskEfforts reports planned, actual and per-user effort as ISO 8601 durations.
func taskEfforts(s *Store, r Record) map[string]any {
	planned := taskEffortMinutes(r["Aufwand_Soll_NUM"], r["Einheit_Aufwand_Soll"]) +
		taskEffortMinutes(r["Aufwand_Zusatz_NUM"], r["Einheit_Aufwand_Zusatz"])
	progress, _ := toInt(r["Stand"])
	actual := planned * float64(progress) / 100
	if v, ok := toFloat(r["actualMinutes"]); ok {
		actual = v
	}
	remaining := planned - actual
	if remaining < 0 {
		remaining = 0
	}
	users := []any{}
	if name, _ := r["Verantwortung"].(string); name != "" {
		if uid := userIDByLogin(s, name); uid > 0 {
			users = append(users, map[string]any{"id": uid, "individual": taskISODuration(actual)})
		}
	}
	return map[string]any{"remaining": taskISODuration(remaining), "actual": taskISODuration(actual), "users": users}
}

func taskEffortMinutes(v, unit any) float64 {
	n, ok := toFloat(v)
	if !ok {
		return 0
	}
	switch unit {
	case "Stunden":
		return n * 60
	case "Tage":
		return n * 60 * 8
	}
	return n
}

func taskISODuration(minutes float64) string {
	sec := int(minutes*60 + 0.5)
	return fmt.Sprintf("PT%dH%dM%dS", sec/3600, sec%3600/60, sec%60)
}

// taskUserFieldNames hold user login names rather than ids.
var taskUserFieldNames = []string{"Verantwortung", "Bearbeiter"}

// applyTaskData checks a task data object and writes it into r.
func applyTaskData(s *Store, r Record, data map[string]any, byGroup bool, now time.Time) error {
	fields := s.Fields["task"]
	rest := map[string]any{}
	for _, name := range sortedKeys(data) {
		v := data[name]
		f, ok := fields[name]
		if !ok {
			return Fail(138, "Unknown field in task data: %s", name)
		}
		switch {
		case contains(taskUserFieldNames, name):
			login := toText(v)
			if login == "" {
				delete(r, name)
				if name == "Verantwortung" {
					delete(r, "Verantwortung_Gruppe")
				}
				continue
			}
			if name == "Verantwortung" && byGroup {
				if !taskGroupExists(s, login) {
					return Fail(272, "Invalid group: %s", login)
				}
				r["Verantwortung_Gruppe"] = login
				delete(r, "Verantwortung")
				continue
			}
			uid := userIDByLogin(s, login)
			if uid == 0 {
				return Fail(251, "Unknown user: %s", login)
			}
			r[name], _ = s.Table("user").Get(uid)["Name"].(string)
			if name == "Verantwortung" {
				delete(r, "Verantwortung_Gruppe")
			}
		case f.Type == "integer" && len(f.Permitted) > 0 && v != nil && toText(v) != "":
			n, isInt := toInt(v)
			if !isInt || !permitted(f, strconv.Itoa(n)) {
				return Fail(252, "Unknown value in select field %s: %v", name, v)
			}
			if !f.ReadOnly {
				r[name] = n
			}
		case strings.HasSuffix(name, "_Zeit") || name == "Beginnt_um":
			t := toText(v)
			if t != "" {
				if len(t) == 5 {
					t += ":00"
				}
				if _, err := time.Parse("15:04:05", t); err != nil {
					return Fail(122, "Invalid time for %s: %s", name, toText(v))
				}
			}
			rest[name] = t
		default:
			rest[name] = v
		}
	}
	if err := applyData(s, WriteSpec{FieldModule: "task", UnknownFieldCode: 138}, r, rest); err != nil {
		return err
	}
	// The time fields move the time part of their date fields.
	for timeField, dateField := range map[string]string{"Deadline_Zeit": "Deadline", "Beginnt_um": "Beginnt_am"} {
		t, _ := r[timeField].(string)
		d, _ := r[dateField].(string)
		if t != "" && len(d) >= 10 {
			r[dateField] = d[:10] + " " + t
		}
	}
	r["modified"] = stamp(now)
	return nil
}

func taskGroupExists(s *Store, name string) bool {
	for _, g := range s.Table("group").Records {
		if n, _ := g["name"].(string); strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// taskLink adds the documented direct links of a task.
func taskLink(s *Store, id int, p map[string]any) error {
	addr, estate, project, err := taskRelatedParams(p)
	if err != nil {
		return err
	}
	if _, err := addressRecord(s, addr); addr > 0 && err != nil {
		return err
	}
	if _, err := estateRecord(s, estate); estate > 0 && err != nil {
		return err
	}
	if id == 0 {
		return nil // check only
	}
	if addr > 0 {
		relAdd(s, "task:address", id, addr)
	}
	if estate > 0 {
		relAdd(s, "task:estate", id, estate)
	}
	if project > 0 {
		relAdd(s, "project:task:customer", project, id)
	}
	return nil
}

func createTask(s *Store, c *Call) (*Answer, error) {
	data, err := changesParam(c.Params)
	if err != nil {
		return nil, err
	}
	if err := taskLink(s, 0, c.Params); err != nil {
		return nil, err
	}
	r := Record{"Status": 1, "Prio": 3, "Stand": 0, "erledigt": false}
	if err := applyTaskData(s, r, data, paramBool(c.Params, "responsibilityByGroup"), c.Now); err != nil {
		return nil, err
	}
	if caller := s.Table("user").Get(SandboxAPIUserID); caller != nil {
		r["von"], _ = caller["Name"].(string)
	}
	r["Eintragsdatum"] = stamp(c.Now)
	if msg, _ := paramString(c.Params, "mailMessageId"); msg != "" {
		r["mailMessageId"] = msg
	}
	taskSyncDone(r, c.Now)
	id := s.Table("task").Insert(r)
	if _, ok := s.Fields["task"]["Nr"]; ok {
		r["Nr"] = id
	}
	if err := taskLink(s, id, c.Params); err != nil {
		return nil, err
	}
	return created(id, "task"), nil
}

// taskSyncDone keeps the done flag, the status "completed" and the completion date in step.
func taskSyncDone(r Record, now time.Time) {
	status, _ := toInt(r["Status"])
	if r["erledigt"] == true && status != 3 {
		r["Status"] = 3
		status = 3
	}
	if status == 3 {
		r["erledigt"] = true
		r["Stand"] = 100
		if r["Austragsdatum"] == nil {
			r["Austragsdatum"] = stamp(now)
		}
	}
}

func modifyTask(s *Store, c *Call) (*Answer, error) {
	id, r, err := recordByResourceID(s, "task", c.ResourceID)
	if err != nil {
		return nil, err
	}
	data, err := changesParam(c.Params)
	if err != nil {
		return nil, err
	}
	if err := taskLink(s, 0, c.Params); err != nil {
		return nil, err
	}
	updated := maps.Clone(r)
	if err := applyTaskData(s, updated, data, paramBool(c.Params, "responsibilityByGroup"), c.Now); err != nil {
		return nil, err
	}
	if v, ok := data["erledigt"]; ok && v != nil {
		if done, _ := toInt(v); done == 0 {
			if st, _ := toInt(updated["Status"]); st == 3 {
				if _, statusGiven := data["Status"]; !statusGiven {
					updated["Status"] = 2
				}
			}
			delete(updated, "Austragsdatum")
		}
	}
	taskSyncDone(updated, c.Now)
	commit(r, updated)
	if err := taskLink(s, id, c.Params); err != nil {
		return nil, err
	}
	return Success("task"), nil
}
