package tools_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// alogEntries lists the stored entries linked to an estate.
func alogEntries(h *toolstest.Harness, estate int) []sandbox.Record {
	var out []sandbox.Record
	t := h.Sandbox.Store().Table("agentslog")
	for _, r := range h.Sandbox.Store().Relations {
		if r.Type == relPrefix+"agentsLog:estate" && r.Child == estate {
			out = append(out, t.Get(r.Parent))
		}
	}
	return out
}

func testAgentsLogRead(t *testing.T, h *toolstest.Harness) {
	// The estate with the most entries.
	best, most := 0, 0
	for _, e := range h.Sandbox.Store().Table("estate").Records {
		id, _ := e["Id"].(int)
		if n := len(alogEntries(h, id)); n > most {
			best, most = id, n
		}
	}
	if most < 2 {
		t.Fatal("seed has no estate with several activities")
	}
	text := callOK(t, h, "agents_log_read", fmt.Sprintf(`{"estateid":[%d],"listlimit":500,"data":["Datum","Aktionsart","Bemerkung","Objekt_nr"]}`, best))
	if !strings.Contains(text, fmt.Sprintf("of %d", most)) {
		t.Errorf("want %d entries:\n%s", most, text)
	}
	for _, e := range alogEntries(h, best) {
		if !strings.Contains(text, strconv.Itoa(e["Id"].(int))) || !strings.Contains(text, e["Aktionsart"].(string)) {
			t.Errorf("entry %v missing:\n%s", e["Id"], text)
		}
	}
	// Newest first: the dates appear in descending order.
	dates := regexp.MustCompile(`\d{4}-\d{2}-\d{2} \d{2}:\d{2}`).FindAllString(text, -1)
	for i := 1; i < len(dates); i++ {
		if dates[i] > dates[i-1] {
			t.Errorf("not newest first: %s after %s", dates[i], dates[i-1])
		}
	}
	one := h.Sandbox.Store().Table("agentslog").Records[0]
	text = callOK(t, h, "agents_log_read", fmt.Sprintf(`{"id":%d,"data":["Bemerkung","Benutzer"]}`, one["Id"]))
	if !strings.Contains(text, one["Benutzer"].(string)) || !strings.Contains(text, one["Bemerkung"].(string)[:20]) {
		t.Errorf("entry %v:\n%s", one["Id"], text)
	}
	runBadCalls(t, h, []badCall{
		{"filter on Benutzer", "agents_log_read", `{"filter":{"Benutzer":[{"op":"=","val":"jschmidt"}]}}`, "filter.Benutzer"},
		{"filter on Objekt_nr", "agents_log_read", `{"filter":{"Objekt_nr":[{"op":"=","val":3101}]}}`, "estateid"},
		{"reason without level", "agents_log_read", `{"filter":{"Absagegrund":[{"op":"=","val":"Preis zu hoch"}]}}`, "Beratungsebene"},
		{"unknown field", "agents_log_read", `{"data":["Aktionsart","Bemerkungen"]}`, "Bemerkung"},
		{"limit too high", "agents_log_read", `{"listlimit":600}`, "listlimit"},
		{"limit as word", "agents_log_read", `{"listlimit":"ten"}`, "listlimit"},
		{"estateid as word", "agents_log_read", `{"estateid":["x"]}`, "estateid"},
		{"between with one value", "agents_log_read", `{"filter":{"Datum":[{"op":"between","val":"2026-01-01"}]}}`, "filter.Datum"},
	})
}

func testAgentsLogCreate(t *testing.T, h *toolstest.Harness) {
	store := h.Sandbox.Store()
	estate, _ := store.Table("estate").Records[0]["Id"].(int)
	addr := relFreeAddress(t, h, "estate:address:owner", estate)
	args := fmt.Sprintf(`{"addressids":[%d],"estateid":%d,"actionkind":"Telefonat","actiontype":"Ausgang","note":"Besichtigung für Samstag abgestimmt","duration":600,"advisorylevel":"C","features":["indMulti1832Select5686"]}`, addr, estate)
	p := mustPreview(t, h, "agents_log_create", args)
	changes := strings.Join(p.Changes, "\n")
	if !strings.Contains(p.Target, fmt.Sprintf("address %d %s", addr, condense.Untrusted(relAddressName(h, addr)))) || !strings.Contains(p.Target, fmt.Sprintf("estate %d", estate)) ||
		!strings.Contains(changes, "Aktionsart: Telefonat") || !strings.Contains(changes, "Beratungsebene: C") {
		t.Errorf("preview %+v", p)
	}
	n := len(store.Table("agentslog").Records)
	text := callOK(t, h, "agents_log_create", args)
	if len(store.Table("agentslog").Records) != n+1 {
		t.Fatalf("no entry stored: %s", text)
	}
	rec := store.Table("agentslog").Records[n]
	id := rec["Id"].(int)
	if !strings.Contains(text, strconv.Itoa(id)) || rec["Bemerkung"] != "Besichtigung für Samstag abgestimmt" || rec["dauer"] != 600 {
		t.Errorf("answer %q, stored %v", text, rec)
	}
	text = callOK(t, h, "agents_log_read", fmt.Sprintf(`{"addressid":[%d],"data":["Aktionsart","Bemerkung","Adress_nr","Objekt_nr"]}`, addr))
	if !strings.Contains(text, strconv.Itoa(id)) || !strings.Contains(text, "Besichtigung für Samstag") {
		t.Errorf("new entry not read back:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"no link", "agents_log_create", `{"actionkind":"Notiz","note":"x"}`, "addressids"},
		{"reason without G", "agents_log_create", `{"estateid":3101,"advisorylevel":"C","reasoncancellation":"Preis zu hoch"}`, "reasoncancellation"},
		{"unknown reason", "agents_log_create", `{"estateid":3101,"advisorylevel":"G","reasoncancellation":"Wetter"}`, "reasoncancellation"},
		{"unknown kind", "agents_log_create", `{"estateid":3101,"actionkind":"Telefon"}`, "Telefonat"},
		{"type without kind", "agents_log_create", `{"estateid":3101,"actiontype":"Ausgang"}`, "actionkind"},
		{"unknown feature", "agents_log_create", `{"estateid":3101,"features":["Rückruf"]}`, "features"},
		{"unknown origin", "agents_log_create", `{"estateid":3101,"origincontact":"Zeitung"}`, "origincontact"},
		{"level H", "agents_log_create", `{"estateid":3101,"advisorylevel":"H"}`, "advisorylevel"},
		{"german date", "agents_log_create", `{"estateid":3101,"datetime":"30.10.2026 16:05"}`, "datetime"},
		{"no such day", "agents_log_create", `{"estateid":3101,"datetime":"2026-02-30 16:05:00"}`, "`datetime`"},
		{"negative cost", "agents_log_create", `{"estateid":3101,"cost":-3}`, "cost"},
	})
	// References are refused before anyone is asked, with the choices.
	runRefusedReferences(t, h, []badCall{
		{"wrong kind/type pair", "agents_log_create", `{"estateid":3101,"actionkind":"Email","actiontype":"Besichtigung"}`, "allowed (key=label): Ausgang=Ausgang, Eingang=Eingang"},
		{"unknown estate", "agents_log_create", `{"estateid":99999,"actionkind":"Email"}`, "`estateid`"},
		{"unknown user", "agents_log_create", `{"estateid":3101,"userid":99999}`, "`userid`"},
	})
}

func testAgentsLogModify(t *testing.T, h *toolstest.Harness) {
	var rec sandbox.Record
	for _, r := range h.Sandbox.Store().Table("agentslog").Records {
		if r["Aktionsart"] == "Telefonat" && r["dauer"] != nil {
			rec = r
			break
		}
	}
	if rec == nil {
		t.Fatal("seed has no phone call with a duration")
	}
	id := rec["Id"].(int)
	args := fmt.Sprintf(`{"id":%d,"data":{"actiontype":"Eingang","note":"Rückruf erhalten","duration":900}}`, id)
	p := mustPreview(t, h, "agents_log_modify", args)
	changes := strings.Join(p.Changes, "\n")
	if p.RecordID != strconv.Itoa(id) || !strings.Contains(p.Target, "Telefonat") ||
		!strings.Contains(changes, "Aktionstyp: "+rec["Aktionstyp"].(string)+" → Eingang") ||
		!strings.Contains(changes, fmt.Sprintf("dauer: %d → 900", rec["dauer"])) || !strings.Contains(changes, "Bemerkung: ") {
		t.Errorf("preview %+v", p)
	}
	text := callOK(t, h, "agents_log_modify", args)
	if !strings.Contains(text, "Aktionstyp") || rec["Aktionstyp"] != "Eingang" || rec["Bemerkung"] != "Rückruf erhalten" || rec["dauer"] != 900 {
		t.Errorf("answer %q, stored %v", text, rec)
	}
	runBadCalls(t, h, []badCall{
		{"nothing to change", "agents_log_modify", fmt.Sprintf(`{"id":%d,"data":{}}`, id), "data"},
		{"no id", "agents_log_modify", `{"data":{"note":"x"}}`, "id"},
		{"advisory level", "agents_log_modify", fmt.Sprintf(`{"id":%d,"data":{"advisorylevel":"A"}}`, id), "advisorylevel"},
		{"unknown origin", "agents_log_modify", fmt.Sprintf(`{"id":%d,"data":{"origincontact":"Zeitung"}}`, id), "origincontact"},
	})
	wantAPIError(t, h, "unknown entry", "agents_log_modify", `{"id":999999,"data":{"note":"x"}}`, "80")
}

// TestAgentsLogTools shares one sandbox among the subtests: starting one costs more than the calls.
func TestAgentsLogTools(t *testing.T) {
	runShared(t, []sharedTest{
		{"AgentsLogRead", testAgentsLogRead},
		{"AgentsLogCreate", testAgentsLogCreate},
		{"AgentsLogModify", testAgentsLogModify},
	})
}

// TestAgentsLogDateWithoutTime: a day alone or a time without seconds is
// completed, a date the calendar lacks is refused before anything is sent.
func TestAgentsLogDateWithoutTime(t *testing.T) {
	t.Parallel()
	h := toolstest.New(t)
	store := h.Sandbox.Store()
	for given, stored := range map[string]string{"2026-10-30": "2026-10-30 00:00:00", "2026-10-30 16:05": "2026-10-30 16:05:00"} {
		n := len(store.Table("agentslog").Records)
		callOK(t, h, "agents_log_create", fmt.Sprintf(`{"estateid":3101,"actionkind":"Notiz","note":"x","datetime":%q}`, given))
		if got := store.Table("agentslog").Records[n]["Datum"]; fmt.Sprint(got) != stored {
			t.Errorf("datetime %q stored as %v, want %s", given, got, stored)
		}
	}
	runBadCalls(t, h, []badCall{
		{"no such day", "agents_log_create", `{"estateid":3101,"actionkind":"Notiz","datetime":"2026-02-30"}`, "`datetime`"},
		{"no such day in modify", "agents_log_modify", `{"id":1,"data":{"datetime":"2026-13-01 10:00"}}`, "data.datetime"},
	})
}
