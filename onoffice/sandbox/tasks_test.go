package sandbox

import (
	"slices"
	"strconv"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

func TestTaskReadList(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	res := mustCall(t, c, onoffice.VerbRead, "task", "", map[string]any{"data": []string{"Betreff", "Status", "Verantwortung"}, "listlimit": 5})
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
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	link := relFirst(t, s, "task:address")
	want := relIDs(s, "task:address", link.Child, false)
	res := mustCall(t, c, onoffice.VerbRead, "task", "", map[string]any{"data": []string{"Betreff"}, "relatedAddressId": link.Child, "listlimit": 500})
	if len(res.Records) != len(want) {
		t.Fatalf("tasks of address %d: %d, want %d", link.Child, len(res.Records), len(want))
	}
	for _, r := range res.Records {
		if !contains(stringsOf(r.Fields()["relatedAddressId"]), strconv.Itoa(link.Child)) {
			t.Errorf("task %s: relatedAddressId %v", r.IDString(), r.Fields()["relatedAddressId"])
		}
	}
	one := mustCall(t, c, onoffice.VerbRead, "task", "", map[string]any{"data": []string{"Betreff"},
		"filter": map[string]any{"Nr": []any{map[string]any{"op": "=", "val": link.Parent}}}})
	if len(one.Records) != 1 || one.Records[0].IDString() != strconv.Itoa(link.Parent) {
		t.Errorf("filter Nr=%d: %+v", link.Parent, one.Records)
	}
	eff := mustCall(t, c, onoffice.VerbRead, "task", strconv.Itoa(link.Parent), map[string]any{"data": []string{"Betreff"}, "showEfforts": true, "addMobileUrl": true})
	el := eff.Records[0].Fields()
	if _, ok := el["efforts"].(map[string]any); !ok || el["mobileUrl"] == nil {
		t.Errorf("efforts/mobileUrl missing: %v", el)
	}
}

func TestTaskReadErrors(t *testing.T) {
	_, c := startAPIAt(t, relTestNow)
	runErrCases(t, c, []errCase{
		{"listoffset", onoffice.VerbRead, "task", "", map[string]any{"data": []string{"Betreff"}, "listoffset": 20}, 144},
		{"Nr in data", onoffice.VerbRead, "task", "", map[string]any{"data": []string{"Nr"}}, 138},
		{"unknown field", onoffice.VerbRead, "task", "", map[string]any{"data": []string{"Subject"}}, 138},
		{"unknown filter field", onoffice.VerbRead, "task", "", map[string]any{"data": []string{"Betreff"}, "filter": map[string]any{"Subject": []any{map[string]any{"op": "=", "val": 1}}}}, 141},
	})
}

func TestTaskCreateAndModify(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	addr := idOf(s.Table("address").Records[2])
	estate := idOf(s.Table("estate").Records[2])
	res := mustCall(t, c, onoffice.VerbCreate, "task", "", map[string]any{
		"data": map[string]any{"Betreff": "Rückruf Familie Becker", "Verantwortung": "jschmidt", "Prio": 2, "Status": 1,
			"Deadline": "2026-11-10 12:00:00", "Deadline_Zeit": "17:00:00", "Deadline_strikt": 1},
		"relatedAddressId": addr, "relatedEstateId": estate,
	})
	if len(res.Records) != 1 || res.Records[0].Type != "task" {
		t.Fatalf("create answer %+v", res.Records)
	}
	id := res.Records[0].IDString()
	read := mustCall(t, c, onoffice.VerbRead, "task", id, map[string]any{"data": []string{"Betreff", "Verantwortung", "Prio", "Deadline", "von"}, "relatedAddressId": addr})
	el := read.Records[0].Fields()
	if el["Betreff"] != "Rückruf Familie Becker" || el["Verantwortung"] != "jschmidt" || el["Prio"] != "2" || el["Deadline"] != "2026-11-10 17:00:00" || el["von"] != "mhansen" {
		t.Errorf("read back %v", el)
	}
	if !slices.Equal(stringsOf(el["relatedEstateId"]), []string{strconv.Itoa(estate)}) {
		t.Errorf("relatedEstateId %v", el["relatedEstateId"])
	}
	mustCall(t, c, onoffice.VerbModify, "task", id, map[string]any{"data": map[string]any{"Status": 3, "Kommentar": "erledigt"}})
	n, _ := strconv.Atoi(id)
	rec := s.Table("task").Get(n)
	if rec["erledigt"] != true || rec["Stand"] != 100 || rec["Austragsdatum"] != stamp(relTestNow) {
		t.Errorf("after completing: %v", rec)
	}
}

func TestTaskWriteErrors(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	task := strconv.Itoa(idOf(s.Table("task").Records[0]))
	runErrCasesKeep(t, c, func() int { return len(s.Table("task").Records) }, []errCase{
		{"no data", onoffice.VerbCreate, "task", "", map[string]any{}, 167},
		{"unknown field", onoffice.VerbCreate, "task", "", map[string]any{"data": map[string]any{"Subject": "x"}}, 138},
		{"unknown user", onoffice.VerbCreate, "task", "", map[string]any{"data": map[string]any{"Betreff": "x", "Verantwortung": "nobody"}}, 251},
		{"priority out of range", onoffice.VerbCreate, "task", "", map[string]any{"data": map[string]any{"Betreff": "x", "Prio": 9}}, 252},
		{"bad deadline", onoffice.VerbCreate, "task", "", map[string]any{"data": map[string]any{"Deadline": "morgen"}}, 122},
		{"unknown address", onoffice.VerbCreate, "task", "", map[string]any{"data": map[string]any{"Betreff": "x"}, "relatedAddressId": 999999}, 292},
		{"modify without id", onoffice.VerbModify, "task", "", map[string]any{"data": map[string]any{"Status": 2}}, 79},
		{"modify unknown id", onoffice.VerbModify, "task", "999999", map[string]any{"data": map[string]any{"Status": 2}}, 80},
		{"modify unknown status", onoffice.VerbModify, "task", task, map[string]any{"data": map[string]any{"Status": 12}}, 252},
	})
}
