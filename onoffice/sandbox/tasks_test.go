package sandbox

import (
	"strconv"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

func TestTaskReadList(t *testing.T) {
	sb, c := relTestAPI(t)
	s := sb.Store()
	res := relMustCall(t, c, onoffice.VerbRead, "task", "", map[string]any{"data": []string{"Betreff", "Status", "Verantwortung"}, "listlimit": 5})
	if len(res.Records) != 5 || res.Total != 5 {
		t.Fatalf("records %d, cntabsolute %d; the task read counts returned rows", len(res.Records), res.Total)
	}
	if res.Cacheable {
		t.Errorf("task reads are not cacheable")
	}
	for _, r := range res.Records {
		id, _ := strconv.Atoi(r.IDString())
		rec := s.Table("task").Get(id)
		el := r.Fields()
		if el["Betreff"] != rec["Betreff"] || el["Verantwortung"] != rec["Verantwortung"] || el["Status"] != strconv.Itoa(rec["Status"].(int)) {
			t.Errorf("task %d: %v vs %v", id, el, rec)
		}
		if r.Type != "task" {
			t.Errorf("type %q", r.Type)
		}
	}
}

func TestTaskReadRelatedAndNr(t *testing.T) {
	sb, c := relTestAPI(t)
	s := sb.Store()
	link := relFirst(t, s, "task:address")
	want := relIDs(s, "task:address", link.Child, false)
	res := relMustCall(t, c, onoffice.VerbRead, "task", "", map[string]any{"data": []string{"Betreff"}, "relatedAddressId": link.Child, "listlimit": 500})
	if len(res.Records) != len(want) {
		t.Fatalf("tasks of address %d: %d, want %d", link.Child, len(res.Records), len(want))
	}
	for _, r := range res.Records {
		if !relHas(relStringsOf(r.Fields()["relatedAddressId"]), strconv.Itoa(link.Child)) {
			t.Errorf("task %s: relatedAddressId %v", r.IDString(), r.Fields()["relatedAddressId"])
		}
	}
	one := relMustCall(t, c, onoffice.VerbRead, "task", "", map[string]any{"data": []string{"Betreff"},
		"filter": map[string]any{"Nr": []any{map[string]any{"op": "=", "val": link.Parent}}}})
	if len(one.Records) != 1 || one.Records[0].IDString() != strconv.Itoa(link.Parent) {
		t.Errorf("filter Nr=%d: %+v", link.Parent, one.Records)
	}
	eff := relMustCall(t, c, onoffice.VerbRead, "task", strconv.Itoa(link.Parent), map[string]any{"data": []string{"Betreff"}, "showEfforts": true, "addMobileUrl": true})
	el := eff.Records[0].Fields()
	if _, ok := el["efforts"].(map[string]any); !ok || el["mobileUrl"] == nil {
		t.Errorf("efforts/mobileUrl missing: %v", el)
	}
}

func TestTaskReadErrors(t *testing.T) {
	_, c := relTestAPI(t)
	for _, tc := range []struct {
		name   string
		code   int
		params map[string]any
	}{
		{"listoffset", 144, map[string]any{"data": []string{"Betreff"}, "listoffset": 20}},
		{"Nr in data", 138, map[string]any{"data": []string{"Nr"}}},
		{"unknown field", 138, map[string]any{"data": []string{"Subject"}}},
		{"unknown filter field", 141, map[string]any{"data": []string{"Betreff"}, "filter": map[string]any{"Subject": []any{map[string]any{"op": "=", "val": 1}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			relWantCode(t, c, tc.code, onoffice.VerbRead, "task", "", tc.params)
		})
	}
}

func TestTaskCreateAndModify(t *testing.T) {
	sb, c := relTestAPI(t)
	s := sb.Store()
	addr := idOf(s.Table("address").Records[2])
	estate := idOf(s.Table("estate").Records[2])
	res := relMustCall(t, c, onoffice.VerbCreate, "task", "", map[string]any{
		"data": map[string]any{"Betreff": "Rückruf Familie Becker", "Verantwortung": "jschmidt", "Prio": 2, "Status": 1,
			"Deadline": "2026-11-10 12:00:00", "Deadline_Zeit": "17:00:00", "Deadline_strikt": 1},
		"relatedAddressId": addr, "relatedEstateId": estate,
	})
	if len(res.Records) != 1 || res.Records[0].Type != "task" {
		t.Fatalf("create answer %+v", res.Records)
	}
	id := res.Records[0].IDString()
	read := relMustCall(t, c, onoffice.VerbRead, "task", id, map[string]any{"data": []string{"Betreff", "Verantwortung", "Prio", "Deadline", "von"}, "relatedAddressId": addr})
	el := read.Records[0].Fields()
	if el["Betreff"] != "Rückruf Familie Becker" || el["Verantwortung"] != "jschmidt" || el["Prio"] != "2" || el["Deadline"] != "2026-11-10 17:00:00" || el["von"] != "mhansen" {
		t.Errorf("read back %v", el)
	}
	if !relEqual(relStringsOf(el["relatedEstateId"]), []string{strconv.Itoa(estate)}) {
		t.Errorf("relatedEstateId %v", el["relatedEstateId"])
	}
	relMustCall(t, c, onoffice.VerbModify, "task", id, map[string]any{"data": map[string]any{"Status": 3, "Kommentar": "erledigt"}})
	n, _ := strconv.Atoi(id)
	rec := s.Table("task").Get(n)
	if rec["erledigt"] != true || rec["Stand"] != 100 || rec["Austragsdatum"] != stamp(relTestNow) {
		t.Errorf("after completing: %v", rec)
	}
}

func TestTaskWriteErrors(t *testing.T) {
	sb, c := relTestAPI(t)
	s := sb.Store()
	task := strconv.Itoa(idOf(s.Table("task").Records[0]))
	for _, tc := range []struct {
		name   string
		verb   onoffice.Verb
		id     string
		code   int
		params map[string]any
	}{
		{"no data", onoffice.VerbCreate, "", 167, map[string]any{}},
		{"unknown field", onoffice.VerbCreate, "", 138, map[string]any{"data": map[string]any{"Subject": "x"}}},
		{"unknown user", onoffice.VerbCreate, "", 251, map[string]any{"data": map[string]any{"Betreff": "x", "Verantwortung": "nobody"}}},
		{"priority out of range", onoffice.VerbCreate, "", 252, map[string]any{"data": map[string]any{"Betreff": "x", "Prio": 9}}},
		{"bad deadline", onoffice.VerbCreate, "", 122, map[string]any{"data": map[string]any{"Deadline": "morgen"}}},
		{"unknown address", onoffice.VerbCreate, "", 292, map[string]any{"data": map[string]any{"Betreff": "x"}, "relatedAddressId": 999999}},
		{"modify without id", onoffice.VerbModify, "", 79, map[string]any{"data": map[string]any{"Status": 2}}},
		{"modify unknown id", onoffice.VerbModify, "999999", 80, map[string]any{"data": map[string]any{"Status": 2}}},
		{"modify unknown status", onoffice.VerbModify, task, 252, map[string]any{"data": map[string]any{"Status": 12}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := len(s.Table("task").Records)
			relWantCode(t, c, tc.code, tc.verb, "task", tc.id, tc.params)
			if len(s.Table("task").Records) != n {
				t.Errorf("a failed write stored a task")
			}
		})
	}
}
