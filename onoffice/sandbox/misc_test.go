package sandbox

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

func TestLastSeen(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	res := mustCall(t, c, onoffice.VerbRead, "recordsLastSeen", "", map[string]any{"module": "estate", "listlimit": 5})
	if len(res.Records) != 5 || res.Total < 5 {
		t.Fatalf("records %d total %d", len(res.Records), res.Total)
	}
	for _, r := range res.Records {
		id, _ := strconv.Atoi(r.IDString())
		if r.Type != "lastSeen" || r.Fields()["id"] != r.IDString() || s.Table("estate").Get(id) == nil {
			t.Errorf("record %+v", r)
		}
	}
	count := mustCall(t, c, onoffice.VerbRead, "recordsLastSeen", "", map[string]any{"module": "estate", "listlimit": 0})
	if len(count.Records) != 0 || count.Total != res.Total {
		t.Errorf("listlimit 0: %d records, total %d, want 0 and %d", len(count.Records), count.Total, res.Total)
	}
	// The newest visit lies in the last hours before the reference time.
	list := miscLastSeenList(s, SandboxAPIUserID, "estate")
	day := mustCall(t, c, onoffice.VerbRead, "recordsLastSeen", "", map[string]any{"module": "estate", "listlimit": 100,
		"filter": map[string]any{"date": []any{map[string]any{"op": "BETWEEN", "val": []any{list[2].at, list[0].at}}}}})
	if day.Total != 3 {
		t.Errorf("date filter: total %d, want 3", day.Total)
	}
	// A field filter applies to the records themselves.
	town := s.Table("estate").Get(list[0].id)["ort"]
	byTown := mustCall(t, c, onoffice.VerbRead, "recordsLastSeen", "", map[string]any{"module": "estate", "listlimit": 100,
		"filter": map[string]any{"ort": []any{map[string]any{"op": "=", "val": town}}}})
	for _, r := range byTown.Records {
		id, _ := strconv.Atoi(r.IDString())
		if s.Table("estate").Get(id)["ort"] != town {
			t.Errorf("estate %d not in %v", id, town)
		}
	}
	if byTown.Total == 0 {
		t.Errorf("no estate in %v", town)
	}
	runErrCases(t, c, []errCase{
		{"no module", onoffice.VerbRead, "recordsLastSeen", "", map[string]any{"listlimit": 5}, 167},
		{"bad module", onoffice.VerbRead, "recordsLastSeen", "", map[string]any{"module": "calendar", "listlimit": 5}, 163},
		{"no listlimit", onoffice.VerbRead, "recordsLastSeen", "", map[string]any{"module": "estate"}, 256},
		{"negative listlimit", onoffice.VerbRead, "recordsLastSeen", "", map[string]any{"module": "estate", "listlimit": -1}, 256},
		{"unknown user", onoffice.VerbRead, "recordsLastSeen", "", map[string]any{"module": "estate", "listlimit": 5, "user": 999}, 251},
		{"email field filter", onoffice.VerbRead, "recordsLastSeen", "", map[string]any{"module": "email", "listlimit": 5, "filter": map[string]any{"betreff": []any{map[string]any{"op": "=", "val": "x"}}}}, 141},
	})
}

func TestMacroResolve(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	var estate Record
	for _, e := range s.Table("estate").Records {
		if _, ok := e["benutzer"].(int); ok {
			estate = e
			break
		}
	}
	user := s.Table("user").Get(estate["benutzer"].(int))
	addr := s.Table("address").Records[0]
	res := mustCall(t, c, onoffice.VerbGet, "macroresolve", "", map[string]any{
		"text":      "Ihr Ansprechpartner: _Uservorname _Username. Hallo _Vorname _Name, Objekt _objekttitel; _Unbekannt bleibt.",
		"estateids": []int{idOf(estate)}, "addressids": []int{idOf(addr)},
	})
	got, _ := res.Records[0].Fields()["resolvedtext"].(string)
	want := "Ihr Ansprechpartner: " + toText(user["Vorname"]) + " " + toText(user["Nachname"]) + ". Hallo " + toText(addr["Vorname"]) + " " +
		toText(addr["Name"]) + ", Objekt " + toText(estate["objekttitel"]) + "; _Unbekannt bleibt."
	if got != want {
		t.Errorf("resolved\n %q\nwant\n %q", got, want)
	}
	// Without the context record a known macro is empty; HTML text gets escaped values.
	res = mustCall(t, c, onoffice.VerbGet, "macroresolve", "", map[string]any{"text": "<p>[_Vorname]</p>", "ishtml": true})
	if got := res.Records[0].Fields()["resolvedtext"]; got != "<p>[]</p>" {
		t.Errorf("without address: %q", got)
	}
	wantCode(t, c, 125, onoffice.VerbGet, "macroresolve", "", map[string]any{"estateids": []int{1}})
	wantCode(t, c, 80, onoffice.VerbGet, "macroresolve", "", map[string]any{"text": "_Vorname", "addressids": []int{999999}})
}

func TestLogEntries(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	all := mustCall(t, c, onoffice.VerbRead, "log", "", map[string]any{"listlimit": 10})
	if len(all.Records) != 10 || all.Total != len(miscLogEntries(s)) {
		t.Fatalf("records %d total %d, want 10 and %d", len(all.Records), all.Total, len(miscLogEntries(s)))
	}
	prev := "9999"
	for _, r := range all.Records {
		el := r.Fields()
		if r.Type != "Log" || el["id"] != r.IDString() {
			t.Errorf("record %+v", r)
		}
		d, _ := el["dateTime"].(string)
		if d > prev {
			t.Errorf("not newest first")
		}
		prev = d
	}
	page2 := mustCall(t, c, onoffice.VerbRead, "log", "", map[string]any{"listlimit": 5, "listOffset": 5})
	if page2.Records[0].IDString() != all.Records[5].IDString() {
		t.Errorf("listOffset 5 starts at %s, want %s", page2.Records[0].IDString(), all.Records[5].IDString())
	}
	estate := idOf(s.Table("estate").Records[0])
	one := mustCall(t, c, onoffice.VerbRead, "log", "", map[string]any{"listlimit": 50, "module": "estate", "action": "add",
		"filter": map[string]any{"targetPk": []any{map[string]any{"op": "=", "val": estate}}}})
	if one.Total != 1 || one.Records[0].Fields()["resourceId"] != strconv.Itoa(estate) {
		t.Errorf("add of estate %d: %+v", estate, one.Records)
	}
	owners := mustCall(t, c, onoffice.VerbRead, "log", "", map[string]any{"listlimit": 1, "module": "owner"})
	if owners.Total == 0 || owners.Records[0].Fields()["resourceTable"] != "estate" {
		t.Errorf("owner links: %+v", owners.Records)
	}
	count := mustCall(t, c, onoffice.VerbRead, "log", "", map[string]any{"listlimit": 0})
	if len(count.Records) != 0 || count.Total != all.Total {
		t.Errorf("listlimit 0: %d records total %d", len(count.Records), count.Total)
	}
	wantCode(t, c, 167, onoffice.VerbRead, "log", "", map[string]any{})
	wantCode(t, c, 255, onoffice.VerbRead, "log", "", map[string]any{"listlimit": 501})
	wantCode(t, c, 163, onoffice.VerbRead, "log", "", map[string]any{"listlimit": 5, "module": "estates"})
	wantCode(t, c, 141, onoffice.VerbRead, "log", "", map[string]any{"listlimit": 5, "filter": map[string]any{"field": []any{map[string]any{"op": "=", "val": "x"}}}})
}

func TestSurveys(t *testing.T) {
	_, c := startAPIAt(t, relTestNow)
	list := mustCall(t, c, onoffice.VerbGet, "appointmentdocument", "", map[string]any{})
	if len(list.Records) == 0 {
		t.Fatal("no surveys")
	}
	first := list.Records[0]
	title, _ := first.Fields()["title"].(string)
	one := mustCall(t, c, onoffice.VerbGet, "appointmentdocument", first.IDString(), map[string]any{})
	var el map[string]json.RawMessage
	if err := json.Unmarshal(one.Records[0].Elements, &el); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{title, "transfered", "pdftype", "needsaddress", "needsproperty", "needsappointment"} {
		if _, ok := el[k]; !ok {
			t.Errorf("survey %s lacks %q: %s", first.IDString(), k, one.Records[0].Elements)
		}
	}
	if string(one.Records[0].ID) != "0" {
		t.Errorf("single survey record id %s, want 0", one.Records[0].ID)
	}
	wantCode(t, c, 130, onoffice.VerbGet, "appointmentdocument", "4711", map[string]any{})
}

func TestTimeTracking(t *testing.T) {
	now := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC) // a Monday
	_, c := startAPI(t, func() time.Time { return now })
	track := func(v int) map[string]any {
		t.Helper()
		return mustCall(t, c, onoffice.VerbModify, "timetracking", "", map[string]any{"track": v}).Records[0].Fields()
	}
	el := track(1)
	if el["currentlytracking"] != true || el["worktime"] != "00:00:00" || el["targetTimeToday"] != "08:00:00" || el["worktimeActive"] != true {
		t.Errorf("start: %v", el)
	}
	now = now.Add(3*time.Hour + 42*time.Minute)
	el = track(0)
	if el["currentlytracking"] != false || el["worktime"] != "03:42:00" {
		t.Errorf("stop: %v", el)
	}
	now = now.Add(30 * time.Minute)
	el = track(1)
	if el["breaktime"] != "00:30:00" || el["worktime"] != "03:42:00" {
		t.Errorf("restart: %v", el)
	}
	for _, p := range []map[string]any{{}, {"track": 2}} {
		_, err := callAPI(c, onoffice.VerbModify, "timetracking", "", p)
		if code := onoffice.CodeOf(err); code != 167 && code != 255 || (len(p) == 0) != (code == 167) {
			t.Errorf("params %v: code %d", p, code)
		}
	}
}

func TestGetLink(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	estate := idOf(s.Table("estate").Records[0])
	res := mustCall(t, c, onoffice.VerbGet, "getlink", "estate", map[string]any{"recordId": estate})
	link, _ := res.Records[0].Fields()["url"].(string)
	if res.Records[0].IDString() != strconv.Itoa(estate) || !strings.HasPrefix(link, "https://smart.onoffice.de/smart/smart.php?params=") {
		t.Errorf("link %+v", res.Records)
	}
	entry := relFirst(t, s, "agentsLog:address")
	mustCall(t, c, onoffice.VerbGet, "getlink", "agentslog", map[string]any{"recordId": entry.Parent, "type": "address"})
	var noEstate int
	for _, r := range s.Table("agentslog").Records {
		if len(relIDs(s, "agentsLog:estate", idOf(r), true)) == 0 {
			noEstate = idOf(r)
			break
		}
	}
	if noEstate != 0 {
		wantCode(t, c, 156, onoffice.VerbGet, "getlink", "agentslog", map[string]any{"recordId": noEstate})
	}
	wantCode(t, c, 279, onoffice.VerbGet, "getlink", "calendar", map[string]any{"recordId": 1})
	wantCode(t, c, 167, onoffice.VerbGet, "getlink", "address", map[string]any{})
	wantCode(t, c, 80, onoffice.VerbGet, "getlink", "address", map[string]any{"recordId": 999999})
}
