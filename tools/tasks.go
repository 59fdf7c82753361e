package tools

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

func taskTools() []Tool {
	return []Tool{
		define("task_read", "Read tasks",
			"List to-dos (Aufgaben) with linked address and estate, or read one by id. Not paged: narrow with filter (Nr = task id) or related ids.",
			readTasks),
		withPreview(define("task_create", "Create a task",
			"Create a to-do, optionally linked to an address, estate or project; data: Betreff, Aufgabe, Verantwortung (login), Prio 1–5, Status 1–8, Deadline.",
			createTask), previewTaskCreate),
		withPreview(define("task_modify", "Change a task",
			"Change a task's fields, e.g. mark it done with {\"Status\":3} or {\"erledigt\":true}; completing one may start a process's next step.",
			modifyTask), previewTaskModify),
	}
}

var defaultTaskFields = []string{"Betreff", "Status", "Prio", "Deadline", "Verantwortung", "Stand"}

// TaskReadParams are the arguments of task_read. The API offers neither
// listoffset nor sortby for tasks, so the tool does not either.
type TaskReadParams struct {
	ID                    int      `json:"id,omitempty" jsonschema:"minimum=1"`
	Data                  []string `json:"data,omitempty" jsonschema_description:"e.g. [\"Betreff\",\"Aufgabe\",\"Deadline\"]"`
	Filter                Filter   `json:"filter,omitempty"`
	ListLimit             int      `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=500,default=20"`
	RelatedAddressID      int      `json:"relatedAddressId,omitempty" jsonschema:"minimum=1"`
	RelatedEstateID       int      `json:"relatedEstateId,omitempty" jsonschema:"minimum=1"`
	RelatedProjectIDs     int      `json:"relatedProjectIds,omitempty" jsonschema:"minimum=1"`
	ResponsibilityByGroup bool     `json:"responsibilityByGroup,omitempty" jsonschema_description:"Only group tasks"`
	ShowEfforts           bool     `json:"showEfforts,omitempty"`
}

func readTasks(ctx context.Context, env *Env, p TaskReadParams) (*Result, error) {
	data := p.Data
	if len(data) == 0 {
		data = defaultTaskFields
	}
	if slices.Contains(data, "Nr") {
		return nil, argErrorf("data", "Nr is the task id and comes back as the record id; it cannot be requested in data")
	}
	limit := cmp.Or(p.ListLimit, 20)
	if err := checkFields(ctx, env, "task", "data", data); err != nil {
		return nil, err
	}
	var filterNames []string
	for _, k := range keys(p.Filter) {
		if k != "Nr" {
			filterNames = append(filterNames, k)
		}
	}
	if err := checkFields(ctx, env, "task", "filter", filterNames); err != nil {
		return nil, err
	}
	if err := p.Filter.checkConditions(); err != nil {
		return nil, err
	}
	if err := p.Filter.checkValues(ctx, env, "task"); err != nil {
		return nil, err
	}
	params := map[string]any{"data": data}
	// A read by id names one task: no listlimit, as the docs send it. Tasks
	// have no offset.
	if p.ID == 0 {
		paging{limit: limit}.apply(params)
	}
	setIf(params, "filter", p.Filter.wire(), len(p.Filter) > 0)
	setIf(params, "relatedAddressId", p.RelatedAddressID, p.RelatedAddressID > 0)
	setIf(params, "relatedEstateId", p.RelatedEstateID, p.RelatedEstateID > 0)
	setIf(params, "relatedProjectIds", p.RelatedProjectIDs, p.RelatedProjectIDs > 0)
	setIf(params, "responsibilityByGroup", 1, p.ResponsibilityByGroup)
	setIf(params, "showEfforts", true, p.ShowEfforts)
	res, err := env.call(ctx, optionalID(p.ID), params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	failed := taskAddLinks(ctx, env, &res)
	requested := append([]string{}, data...)
	for _, name := range []string{"relatedAddressId", "relatedEstateId"} {
		if _, bad := failed[name]; !bad {
			requested = append(requested, name)
		}
	}
	l := condense.List{Noun: "tasks", Requested: requested, Fields: moduleFields(ctx, env, "task")}
	nameRefs(ctx, env, res, &l)
	out := condense.Records(res, l, env.Render)
	// A failed lookup is said, not shown as "empty in every record".
	for _, name := range []string{"relatedAddressId", "relatedEstateId"} {
		if err, bad := failed[name]; bad {
			out.Text += fmt.Sprintf("\n[%s could not be read, so it is left out: %s]", name, UserMessage(err))
		}
	}
	if p.ID == 0 && len(res.Records) >= limit {
		out.Text += fmt.Sprintf("\n[limit of %d reached: more tasks may match; the API cannot page tasks, so narrow the filter or raise listlimit (max 500)]", limit)
	}
	return out, nil
}

// taskAddLinks adds the linked address and estate ids to each task, read
// from the relations in one request, unless the answer already has them.
// It returns the error of each link field that could not be read.
func taskAddLinks(ctx context.Context, env *Env, res *onoffice.Result) map[string]error {
	names := []string{"relatedAddressId", "relatedEstateId"}
	failed := map[string]error{}
	if len(res.Records) == 0 {
		return failed
	}
	for _, r := range res.Records {
		if _, has := r.Fields()["relatedAddressId"]; has {
			return failed
		}
	}
	ids := recordIDs(res.Records)
	get := func(suffix string) onoffice.Action {
		return rowOf("relation_list").request("", map[string]any{"relationtype": onoffice.RelationTypePrefix + suffix, "parentids": ids})
	}
	outcomes, err := env.API.Do(ctx, get("task:address"), get("task:estate"))
	if err != nil {
		for _, n := range names {
			failed[n] = err
		}
		return failed
	}
	links := [2]map[int][]int{}
	for i, o := range outcomes {
		if o.Err != nil {
			failed[names[i]] = o.Err
			continue
		}
		links[i] = relatedIDMap(o.Result)
	}
	editRecords(res, func(recID string, el map[string]any) bool {
		id, _ := strconv.Atoi(recID)
		for j, name := range names {
			if ids := links[j][id]; len(ids) > 0 {
				el[name] = idStrings(ids)
			}
		}
		return true
	})
	return failed
}

// TaskWriteParams are the arguments shared by task_create and task_modify.
type TaskWriteParams struct {
	Data                  map[string]any `json:"data" jsonschema:"required" jsonschema_description:"e.g. {\"Betreff\":\"Rückruf\",\"Verantwortung\":\"jschmidt\",\"Prio\":2,\"Deadline\":\"2026-11-10 12:00:00\"}"`
	RelatedAddressID      int            `json:"relatedAddressId,omitempty" jsonschema:"minimum=1"`
	RelatedEstateID       int            `json:"relatedEstateId,omitempty" jsonschema:"minimum=1"`
	RelatedProjectIDs     int            `json:"relatedProjectIds,omitempty" jsonschema:"minimum=1"`
	ResponsibilityByGroup bool           `json:"responsibilityByGroup,omitempty" jsonschema_description:"Verantwortung names a group, not a user"`
}

// TaskCreateParams are the arguments of task_create.
type TaskCreateParams struct {
	TaskWriteParams
	MailMessageID string `json:"mailMessageId,omitempty" jsonschema_description:"Message-ID of an e-mail"`
}

// TaskModifyParams are the arguments of task_modify.
type TaskModifyParams struct {
	ID int `json:"id" jsonschema:"required,minimum=1"`
	TaskWriteParams
}

// taskReadOnly are task fields the API computes.
var taskReadOnly = map[string]bool{"Id": true, "Nr": true, "Eintragsdatum": true, "Austragsdatum": true, "modified": true,
	"von": true, "Verantwortung_Gruppe": true, "publicDescription": true, "Privat": true}

// taskModifyOnly can be changed but not set on create.
var taskModifyOnly = map[string]bool{"Stand": true, "erledigt": true}

// check validates the data object against the task field configuration
// and resolves the user or group named in Verantwortung.
func (p TaskWriteParams) check(ctx context.Context, env *Env, create bool) error {
	if len(p.Data) == 0 {
		return argErrorf("data", "is empty; name at least one task field, e.g. {\"Betreff\":\"…\"}")
	}
	for _, name := range keys(p.Data) {
		arg := "data." + name
		switch {
		case taskReadOnly[name]:
			return argErrorf(arg, "is set by onOffice and cannot be written")
		case create && taskModifyOnly[name]:
			return argErrorf(arg, "cannot be set when creating; create the task, then change it[[ with task_modify]]")
		}
	}
	rest := maps.Clone(p.Data)
	group, byGroup := p.Data["Verantwortung"]
	byGroup = byGroup && p.ResponsibilityByGroup && plainArg(group) != ""
	if byGroup {
		delete(rest, "Verantwortung")
	}
	if len(rest) > 0 {
		if err := checkData(ctx, env, "task", "data", rest); err != nil {
			return err
		}
	}
	maps.Copy(p.Data, rest)
	if byGroup {
		g, err := resolveGroup(ctx, env, "data.Verantwortung", strings.TrimSpace(plainArg(group)))
		if err != nil {
			return err
		}
		p.Data["Verantwortung"] = g.Name
	}
	if err := checkRecords(ctx, env, "address", "relatedAddressId", p.RelatedAddressID); err != nil {
		return err
	}
	return checkRecords(ctx, env, "estate", "relatedEstateId", p.RelatedEstateID)
}

// taskText renders a data value the way the API will read it.
func taskText(v any) string {
	switch t := v.(type) {
	case nil, string, float64:
		return text(v)
	case bool:
		return strconv.FormatBool(t)
	case json.Number:
		return t.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func (p TaskWriteParams) wire() map[string]any {
	params := map[string]any{"data": p.Data}
	setIf(params, "relatedAddressId", p.RelatedAddressID, p.RelatedAddressID > 0)
	setIf(params, "relatedEstateId", p.RelatedEstateID, p.RelatedEstateID > 0)
	setIf(params, "relatedProjectIds", p.RelatedProjectIDs, p.RelatedProjectIDs > 0)
	setIf(params, "responsibilityByGroup", 1, p.ResponsibilityByGroup)
	return params
}

// links names the records a write links, for previews.
func (p TaskWriteParams) links(ctx context.Context, env *Env) []string {
	ids := map[string][]int{}
	if p.RelatedAddressID > 0 {
		ids["address"] = []int{p.RelatedAddressID}
	}
	if p.RelatedEstateID > 0 {
		ids["estate"] = []int{p.RelatedEstateID}
	}
	var out []string
	if len(ids) > 0 {
		names := recordNames(ctx, env, ids)
		if p.RelatedAddressID > 0 {
			out = append(out, env.say("+ link ", "+ verknüpfen: ")+env.ref("address", p.RelatedAddressID, names))
		}
		if p.RelatedEstateID > 0 {
			out = append(out, env.say("+ link ", "+ verknüpfen: ")+env.ref("estate", p.RelatedEstateID, names))
		}
	}
	if p.RelatedProjectIDs > 0 {
		out = append(out, env.say("+ link project ", "+ verknüpfen: Projekt ")+strconv.Itoa(p.RelatedProjectIDs))
	}
	return out
}

func createTask(ctx context.Context, env *Env, p TaskCreateParams) (*Result, error) {
	if err := p.check(ctx, env, true); err != nil {
		return nil, err
	}
	params := p.wire()
	setIf(params, "mailMessageId", p.MailMessageID, p.MailMessageID != "")
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	id := firstID(res)
	return withStructured(env, condense.Text("Task %s created.", id), map[string]any{"id": id}), nil
}

func previewTaskCreate(ctx context.Context, env *Env, p TaskCreateParams) (*Preview, error) {
	if err := p.check(ctx, env, true); err != nil {
		return nil, err
	}
	pv := &Preview{Target: env.say("new task", "neue Aufgabe")}
	if s := taskText(p.Data["Betreff"]); s != "" {
		pv.Target += fmt.Sprintf(" %q", s)
	}
	mf := moduleFields(ctx, env, "task")
	for _, k := range keys(p.Data) {
		pv.Changes = append(pv.Changes, fmt.Sprintf("%s: %s", k, labelled(env, fieldOf(mf, k), p.Data[k])))
	}
	pv.Changes = append(pv.Changes, p.links(ctx, env)...)
	if p.MailMessageID != "" {
		pv.Changes = append(pv.Changes, "+ link e-mail "+p.MailMessageID)
	}
	return pv, nil
}

func modifyTask(ctx context.Context, env *Env, p TaskModifyParams) (*Result, error) {
	if err := p.check(ctx, env, false); err != nil {
		return nil, err
	}
	_, err := env.call(ctx, strconv.Itoa(p.ID), p.wire())
	if err != nil {
		return nil, err
	}
	return condense.Text("Task %d modified: %s.", p.ID, strings.Join(keys(p.Data), ", ")), nil
}

func previewTaskModify(ctx context.Context, env *Env, p TaskModifyParams) (*Preview, error) {
	if err := p.check(ctx, env, false); err != nil {
		return nil, err
	}
	fields := uniqueStrings(append([]string{"Betreff"}, keys(p.Data)...))
	target, current := softTarget(ctx, env, "task", "task", p.ID, fields, func(el map[string]any) string {
		s, _ := el["Betreff"].(string)
		return s
	})
	pv := &Preview{Target: target, RecordID: strconv.Itoa(p.ID)}
	mf := moduleFields(ctx, env, "task")
	for _, k := range keys(p.Data) {
		f := fieldOf(mf, k)
		after := taskText(p.Data[k])
		if f != nil {
			if label, ok := f.Permitted[after]; ok {
				after = label
			}
		}
		pv.change(k, storedText(env, f, current[k]), after)
	}
	pv.Changes = append(pv.Changes, p.links(ctx, env)...)
	return pv, nil
}
