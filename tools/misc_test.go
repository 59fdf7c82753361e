package tools_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

func testRecordsLastSeen(t *testing.T, h *toolstest.Harness) {
	text := callOK(t, h, "records_last_seen", `{"module":"estate","listlimit":5}`)
	ids := regexp.MustCompile(`estate (\d+)`).FindAllStringSubmatch(text, -1)
	if len(ids) != 5 {
		t.Fatalf("want 5 estates:\n%s", text)
	}
	for _, m := range ids {
		id, _ := strconv.Atoi(m[1])
		if title := relEstateTitle(h, id); !strings.Contains(text, title) {
			t.Errorf("estate %d not named %q:\n%s", id, title, text)
		}
	}
	if r := h.Requests()[len(h.Requests())-2]; r.ResourceType != "recordsLastSeen" || fmt.Sprint(r.Parameters["listlimit"]) != "5" {
		t.Errorf("request %+v", r)
	}
	count := callOK(t, h, "records_last_seen", `{"module":"estate","listlimit":0}`)
	total := regexp.MustCompile(`of (\d+)\)`).FindStringSubmatch(text)
	if total == nil || !strings.HasPrefix(count, total[1]+" last opened estates") {
		t.Errorf("count %q, list said %v", count, total)
	}
	text = callOK(t, h, "records_last_seen", `{"module":"address","listlimit":3,"filter":{"date":[{"op":"between","val":["2026-01-01 00:00:00","2026-12-31 23:59:59"]}]}}`)
	if !strings.Contains(text, "address ") {
		t.Errorf("addresses:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"no module", "records_last_seen", `{"listlimit":5}`, "module"},
		{"plural module", "records_last_seen", `{"module":"estates"}`, "module"},
		{"email field filter", "records_last_seen", `{"module":"email","filter":{"subject":[{"op":"=","val":"x"}]}}`, "filter.subject"},
		{"unknown estate field", "records_last_seen", `{"module":"estate","filter":{"Ort":[{"op":"=","val":"Köln"}]}}`, "ort"},
		{"negative limit", "records_last_seen", `{"module":"estate","listlimit":-1}`, "listlimit"},
	})
}

func testMacroResolveTool(t *testing.T, h *toolstest.Harness) {
	store := h.Sandbox.Store()
	estate := store.Table("estate").Records[0]
	user := store.Table("user").Get(estate["benutzer"].(int))
	text := callOK(t, h, "macro_resolve", fmt.Sprintf(`{"text":"Ihr Ansprechpartner: _Uservorname _Username","estateids":[%d]}`, estate["Id"]))
	if want := fmt.Sprintf("Ihr Ansprechpartner: %s %s", user["Vorname"], user["Nachname"]); !strings.Contains(text, want) || !strings.Contains(text, "«crm-text»") {
		t.Errorf("want %q marked as CRM text, got %q", want, text)
	}
	runBadCalls(t, h, []badCall{
		{"no text", "macro_resolve", `{"estateids":[3101]}`, "text"},
		{"blank text", "macro_resolve", `{"text":"  "}`, "text"},
		{"ids as word", "macro_resolve", `{"text":"_Vorname","addressids":"Becker"}`, "addressids"},
	})
}

func testLogEntriesRead(t *testing.T, h *toolstest.Harness) {
	estate, _ := h.Sandbox.Store().Table("estate").Records[0]["Id"].(int)
	text := callOK(t, h, "log_entries_read", fmt.Sprintf(`{"module":"estate","action":"add","filter":{"targetPk":[{"op":"=","val":%d}]}}`, estate))
	created, _ := h.Sandbox.Store().Table("estate").Get(estate)["erstellt_am"].(string)
	if !strings.Contains(text, strconv.Itoa(estate)) || !strings.Contains(text, created[:16]) || !strings.Contains(text, "add") {
		t.Errorf("creation of estate %d (%s):\n%s", estate, created, text)
	}
	text = callOK(t, h, "log_entries_read", `{"listlimit":2}`)
	if !strings.Contains(text, `"listOffset":2`) {
		t.Errorf("no next page with listOffset:\n%s", text)
	}
	count := callOK(t, h, "log_entries_read", `{"listlimit":0}`)
	if !strings.HasSuffix(count, "log entries match.") {
		t.Errorf("count: %q", count)
	}
	runBadCalls(t, h, []badCall{
		{"plural module", "log_entries_read", `{"module":"estates"}`, "estate"},
		{"unknown action", "log_entries_read", `{"action":"remove"}`, "action"},
		{"unknown column", "log_entries_read", `{"filter":{"field":[{"op":"=","val":"kaufpreis"}]}}`, "filter.field"},
		{"limit too high", "log_entries_read", `{"listlimit":1000}`, "listlimit"},
	})
}

func testSurveyRead(t *testing.T, h *toolstest.Harness) {
	list := callOK(t, h, "survey_read", `{}`)
	m := regexp.MustCompile(`(\d+)\|([^\n|]+)`).FindStringSubmatch(list)
	if m == nil {
		m = regexp.MustCompile(`id (\d+) \| title: ([^\n|]+)`).FindStringSubmatch(list)
	}
	if m == nil {
		t.Fatalf("no survey in:\n%s", list)
	}
	one := callOK(t, h, "survey_read", `{"id":`+m[1]+`}`)
	if !strings.Contains(one, strings.TrimSpace(m[2])) || !strings.Contains(one, "Page: ") || !strings.Contains(one, "- [") {
		t.Errorf("survey %s:\n%s", m[1], one)
	}
	wantAPIError(t, h, "unknown survey", "survey_read", `{"id":4711}`, "130")
	runBadCalls(t, h, []badCall{{"id as word", "survey_read", `{"id":"first"}`, "id"}})
}

func testTimeTrackingModify(t *testing.T, h *toolstest.Harness) {
	p := mustPreview(t, h, "time_tracking_modify", `{"track":true}`)
	if !strings.Contains(p.Target, "working-time clock") || p.Changes[0] != "clock: → running" {
		t.Errorf("preview %+v", p)
	}
	if n := h.WriteRequests(); n != 0 {
		t.Fatalf("the preview wrote (%d writes)", n)
	}
	text := callOK(t, h, "time_tracking_modify", `{"track":true}`)
	if !strings.Contains(text, "running") || !strings.Contains(text, "target") {
		t.Errorf("start: %s", text)
	}
	if last := h.Requests()[len(h.Requests())-1]; fmt.Sprint(last.Parameters["track"]) != "1" {
		t.Errorf("sent %v", last.Parameters)
	}
	if text := callOK(t, h, "time_tracking_modify", `{"track":false}`); !strings.Contains(text, "stopped") {
		t.Errorf("stop: %s", text)
	}
	runBadCalls(t, h, []badCall{
		{"no track", "time_tracking_modify", `{}`, "track"},
		{"track as word", "time_tracking_modify", `{"track":"start"}`, "track"},
	})
}

func testRecordLinkGet(t *testing.T, h *toolstest.Harness) {
	text := callOK(t, h, "record_link_get", `{"module":"address","recordId":10001}`)
	if !strings.Contains(text, "https://smart.onoffice.de/smart/smart.php?params=") || !strings.Contains(text, "address 10001") {
		t.Errorf("link: %s", text)
	}
	if last := h.Requests()[len(h.Requests())-1]; last.ResourceID != "address" || fmt.Sprint(last.Parameters["recordId"]) != "10001" {
		t.Errorf("sent %+v", last)
	}
	entry := relFirst(t, h, "agentsLog:address")
	callOK(t, h, "record_link_get", fmt.Sprintf(`{"module":"agentslog","recordId":%d,"type":"address"}`, entry.Parent))
	runBadCalls(t, h, []badCall{
		{"type on estate", "record_link_get", `{"module":"estate","recordId":3101,"type":"address"}`, "type"},
		{"unknown module", "record_link_get", `{"module":"task","recordId":701}`, "module"},
		{"no id", "record_link_get", `{"module":"estate"}`, "recordId"},
	})
	wantAPIError(t, h, "unknown estate", "record_link_get", `{"module":"estate","recordId":999999}`, "80")
}

// TestMiscTools shares one sandbox among the subtests: starting one costs more than the calls.
func TestMiscTools(t *testing.T) {
	runShared(t, []sharedTest{
		{"RecordsLastSeen", testRecordsLastSeen},
		{"MacroResolveTool", testMacroResolveTool},
		{"LogEntriesRead", testLogEntriesRead},
		{"SurveyRead", testSurveyRead},
		{"TimeTrackingModify", testTimeTrackingModify},
		{"RecordLinkGet", testRecordLinkGet},
	})
}
