package tools_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

func taskRecord(h *toolstest.Harness, id int) sandbox.Record {
	return h.Sandbox.Store().Table("task").Get(id)
}

func testTaskRead(t *testing.T, h *toolstest.Harness) {
	link := relFirst(t, h, "task:address")
	task := taskRecord(h, link.Parent)
	text := callOK(t, h, "task_read", fmt.Sprintf(`{"filter":{"Nr":[{"op":"=","val":%d}]}}`, link.Parent))
	if !strings.Contains(text, task["Betreff"].(string)) || !strings.Contains(text, strconv.Itoa(link.Child)) || !strings.Contains(text, task["Verantwortung"].(string)) {
		t.Errorf("task %d with its address %d:\n%s", link.Parent, link.Child, text)
	}
	// All tasks of an estate.
	estateLink := relFirst(t, h, "task:estate")
	var want []int
	for _, r := range h.Sandbox.Store().Relations {
		if r.Type == relPrefix+"task:estate" && r.Child == estateLink.Child {
			want = append(want, r.Parent)
		}
	}
	text = callOK(t, h, "task_read", fmt.Sprintf(`{"relatedEstateId":%d,"data":["Betreff"]}`, estateLink.Child))
	for _, id := range want {
		if !strings.Contains(text, taskRecord(h, id)["Betreff"].(string)) {
			t.Errorf("task %d of estate %d missing:\n%s", id, estateLink.Child, text)
		}
	}
	for _, r := range h.Sandbox.Store().Table("task").Records {
		subject, _ := r["Betreff"].(string)
		linked := false
		for _, id := range want {
			linked = linked || r["Id"] == id
		}
		if !linked && strings.Contains(text, subject) {
			t.Errorf("task %v of another estate listed:\n%s", r["Id"], text)
		}
	}
	// A full page says that the call cannot page.
	text = callOK(t, h, "task_read", `{"listlimit":3}`)
	if !strings.Contains(text, "cannot page") {
		t.Errorf("no limit note:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"Nr in data", "task_read", `{"data":["Nr","Betreff"]}`, "data"},
		{"listoffset", "task_read", `{"listoffset":20}`, "listoffset"},
		{"unknown field", "task_read", `{"data":["Betrefff"]}`, "Betreff"},
		{"unknown filter field", "task_read", `{"filter":{"Verantwortug":[{"op":"=","val":"x"}]}}`, "Verantwortung"},
		{"limit 0", "task_read", `{"listlimit":0}`, "listlimit"},
		{"limit 501", "task_read", `{"listlimit":501}`, "listlimit"},
		{"in with a scalar", "task_read", `{"filter":{"Status":[{"op":"in","val":1}]}}`, "filter.Status"},
	})
}

func testTaskCreateAndModify(t *testing.T, h *toolstest.Harness) {
	store := h.Sandbox.Store()
	addr, _ := store.Table("address").Records[4]["Id"].(int)
	args := fmt.Sprintf(`{"data":{"Betreff":"Rückruf Familie Becker","Aufgabe":"Finanzierung klären","Verantwortung":"jschmidt","Prio":2,"Deadline":"2026-11-10 12:00:00"},"relatedAddressId":%d}`, addr)
	p := mustPreview(t, h, "task_create", args)
	changes := strings.Join(p.Changes, "\n")
	if p.Target != `new task "Rückruf Familie Becker"` || !strings.Contains(changes, "Prio: Hoch") || !strings.Contains(changes, fmt.Sprintf("+ link address %d %s", addr, condense.Untrusted(relAddressName(h, addr)))) {
		t.Errorf("preview %+v", p)
	}
	n := len(store.Table("task").Records)
	text := callOK(t, h, "task_create", args)
	if len(store.Table("task").Records) != n+1 {
		t.Fatalf("not stored: %s", text)
	}
	rec := store.Table("task").Records[n]
	id := rec["Id"].(int)
	if !strings.Contains(text, strconv.Itoa(id)) || rec["Verantwortung"] != "jschmidt" || rec["Prio"] != 2 {
		t.Errorf("answer %q, stored %v", text, rec)
	}
	text = callOK(t, h, "task_read", fmt.Sprintf(`{"relatedAddressId":%d,"data":["Betreff","Prio","Deadline"]}`, addr))
	if !strings.Contains(text, "Rückruf Familie Becker") || !strings.Contains(text, "Hoch") {
		t.Errorf("created task not read back:\n%s", text)
	}

	mod := fmt.Sprintf(`{"id":%d,"data":{"Status":3,"Kommentar":"Unterlagen folgen per Post"}}`, id)
	p = mustPreview(t, h, "task_modify", mod)
	changes = strings.Join(p.Changes, "\n")
	if p.Target != fmt.Sprintf(`task %d «crm-text»Rückruf Familie Becker«/crm-text»`, id) || !strings.Contains(changes, "Status: «crm-text»Nicht begonnen«/crm-text» → Erledigt") || !strings.Contains(changes, "Kommentar: (empty) → Unterlagen") {
		t.Errorf("modify preview %+v", p)
	}
	callOK(t, h, "task_modify", mod)
	if rec["Status"] != 3 || rec["erledigt"] != true || rec["Kommentar"] != "Unterlagen folgen per Post" {
		t.Errorf("after modify: %v", rec)
	}
	runBadCalls(t, h, []badCall{
		{"empty data", "task_create", `{"data":{}}`, "data"},
		{"no data", "task_create", `{"relatedAddressId":10001}`, "data"},
		{"progress on create", "task_create", `{"data":{"Betreff":"x","Stand":50}}`, "data.Stand"},
		{"creator", "task_create", `{"data":{"Betreff":"x","von":"mhansen"}}`, "data.von"},
		{"priority 9", "task_create", `{"data":{"Betreff":"x","Prio":9}}`, "data.Prio"},
		{"german deadline", "task_create", `{"data":{"Betreff":"x","Deadline":"10.11.2026"}}`, "data.Deadline"},
		{"bad time", "task_create", `{"data":{"Betreff":"x","Deadline_Zeit":"5 Uhr"}}`, "data.Deadline_Zeit"},
		{"unknown field", "task_create", `{"data":{"Betref":"x"}}`, "Betreff"},
		{"modify without id", "task_modify", `{"data":{"Status":2}}`, "id"},
		{"modify bad status", "task_modify", fmt.Sprintf(`{"id":%d,"data":{"Status":"fertig"}}`, id), "data.Status"},
		{"modify bad flag", "task_modify", fmt.Sprintf(`{"id":%d,"data":{"erledigt":"ja"}}`, id), "data.erledigt"},
	})
	// References are resolved or refused before anyone is asked: a name
	// that fits no user, a group, a linked record that does not exist.
	runRefusedReferences(t, h, []badCall{
		{"unknown user", "task_create", `{"data":{"Betreff":"x","Verantwortung":"niemand"}}`, "no user has this login, name or id; users: "},
		{"unknown group", "task_create", `{"data":{"Betreff":"x","Verantwortung":"Mars"},"responsibilityByGroup":true}`, "is not a group"},
		{"unknown address", "task_create", `{"data":{"Betreff":"x"},"relatedAddressId":99999999}`, "`relatedAddressId`"},
		{"unknown estate", "task_create", `{"data":{"Betreff":"x"},"relatedEstateId":99999999}`, "`relatedEstateId`"},
	})
}

// TestTaskTools shares one sandbox among the subtests: starting one costs more than the calls.
func TestTaskTools(t *testing.T) {
	runShared(t, []sharedTest{
		{"TaskRead", testTaskRead},
		{"TaskCreateAndModify", testTaskCreateAndModify},
	})
}
