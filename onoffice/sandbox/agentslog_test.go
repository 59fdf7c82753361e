package sandbox

import (
	"slices"
	"strconv"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

func TestAgentsLogReadByEstate(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	link := relFirst(t, s, "agentsLog:estate")
	estate := link.Child
	want := relIDs(s, "agentsLog:estate", estate, false)
	res := mustCall(t, c, onoffice.VerbRead, "agentslog", "", map[string]any{
		"estateid": []int{estate}, "data": []string{"Objekt_nr", "Adress_nr", "Aktionsart", "Datum", "merkmal", "Nr"}, "listlimit": 500,
	})
	if res.Total != len(want) || len(res.Records) != len(want) {
		t.Fatalf("entries of estate %d: total %d, %d records, want %d", estate, res.Total, len(res.Records), len(want))
	}
	prev := "9999"
	for _, r := range res.Records {
		el := r.Fields()
		id, _ := strconv.Atoi(r.IDString())
		if !contains(stringsOf(el["Objekt_nr"]), strconv.Itoa(estate)) {
			t.Errorf("entry %d: Objekt_nr %v lacks %d", id, el["Objekt_nr"], estate)
		}
		if want := relStored(s, "agentsLog:address", id, true); !slices.Equal(stringsOf(el["Adress_nr"]), want) {
			t.Errorf("entry %d: Adress_nr %v, want %v", id, el["Adress_nr"], want)
		}
		if el["Nr"] != strconv.Itoa(id) {
			t.Errorf("entry %d: Nr %v", id, el["Nr"])
		}
		if m, ok := el["merkmal"]; ok && m == "" {
			t.Errorf("entry %d: empty merkmal must be null", id)
		}
		d, _ := el["Datum"].(string)
		if d > prev {
			t.Errorf("not newest first: %s after %s", d, prev)
		}
		prev = d
	}
	if r := res.Records[0]; r.Type != "agentslog" {
		t.Errorf("record type %q", r.Type)
	}
}

func TestAgentsLogReadOne(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	rec := sb.Store().Table("agentslog").Records[3]
	res := mustCall(t, c, onoffice.VerbRead, "agentslog", strconv.Itoa(idOf(rec)), map[string]any{"data": []string{"Bemerkung", "Benutzer"}})
	if len(res.Records) != 1 || res.Records[0].Fields()["Bemerkung"] != rec["Bemerkung"] || res.Records[0].Fields()["Benutzer"] != rec["Benutzer"] {
		t.Errorf("entry %d: %+v", idOf(rec), res.Records)
	}
}

func TestAgentsLogReadErrors(t *testing.T) {
	_, c := startAPIAt(t, relTestNow)
	runErrCases(t, c, []errCase{
		{"unknown data field", onoffice.VerbRead, "agentslog", "", map[string]any{"data": []string{"Aktionsart", "Wetter"}}, 75},
		{"filter on Benutzer", onoffice.VerbRead, "agentslog", "", map[string]any{"filter": map[string]any{"Benutzer": []any{map[string]any{"op": "=", "val": "mhansen"}}}}, 141},
		{"filter on Objekt_nr", onoffice.VerbRead, "agentslog", "", map[string]any{"filter": map[string]any{"Objekt_nr": []any{map[string]any{"op": "=", "val": 3101}}}}, 141},
		{"reason without level", onoffice.VerbRead, "agentslog", "", map[string]any{"filter": map[string]any{"Absagegrund": []any{map[string]any{"op": "=", "val": "Preis zu hoch"}}}}, 237},
		{"unknown operator", onoffice.VerbRead, "agentslog", "", map[string]any{"filter": map[string]any{"Aktionsart": []any{map[string]any{"op": "~", "val": "Email"}}}}, 142},
		{"unknown sort field", onoffice.VerbRead, "agentslog", "", map[string]any{"sortby": map[string]any{"Wetter": "ASC"}}, 212},
	})
}

func TestAgentsLogCreateOnePerAddress(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	a1, a2 := idOf(s.Table("address").Records[0]), idOf(s.Table("address").Records[1])
	estate := idOf(s.Table("estate").Records[0])
	res := mustCall(t, c, onoffice.VerbCreate, "agentslog", "", map[string]any{
		"addressids": []int{a1, a2}, "estateid": estate, "actionkind": "Telefonat", "actiontype": "Ausgang",
		"note": "Besichtigung für Samstag abgestimmt", "features": []string{"indMulti1832Select5686"}, "duration": 600,
		"advisorylevel": "C", "datetime": "2026-10-30 16:05:00", "cost": 2.5,
	})
	if len(res.Records) != 2 {
		t.Fatalf("want two entries, got %+v", res.Records)
	}
	for i, addr := range []int{a1, a2} {
		r := res.Records[i]
		if r.Type != "agentsLog" {
			t.Errorf("type %q", r.Type)
		}
		id, _ := strconv.Atoi(r.IDString())
		rec := s.Table("agentslog").Get(id)
		if rec == nil || rec["Aktionsart"] != "Telefonat" || rec["Beratungsebene"] != "C Im intensiven Gespräch" || rec["Datum"] != "2026-10-30 16:05:00" || rec["Benutzer_nr"] != SandboxAPIUserID {
			t.Errorf("stored entry %d: %v", id, rec)
		}
		if got := relStored(s, "agentsLog:address", id, true); !slices.Equal(got, []string{strconv.Itoa(addr)}) {
			t.Errorf("entry %d addresses %v", id, got)
		}
		if relFind(s, "address:estate:offer", addr, estate) == nil {
			t.Errorf("no offered-till-now link for address %d", addr)
		}
	}
	// A later read shows the entry with its values.
	read := mustCall(t, c, onoffice.VerbRead, "agentslog", res.Records[0].IDString(), map[string]any{"data": []string{"Bemerkung", "dauer", "Kosten", "merkmal", "Objekt_nr"}})
	el := read.Records[0].Fields()
	if el["Bemerkung"] != "Besichtigung für Samstag abgestimmt" || el["dauer"] != "600" || el["Kosten"] != "2.50" || el["merkmal"] != "|indMulti1832Select5686|" {
		t.Errorf("read back %v", el)
	}
}

func TestAgentsLogCreateErrors(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	addr := idOf(s.Table("address").Records[0])
	base := func(extra map[string]any) map[string]any {
		p := map[string]any{"addressids": []int{addr}}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}
	runErrCasesKeep(t, c, func() int { return len(s.Table("agentslog").Records) }, []errCase{
		{"no link", onoffice.VerbCreate, "agentslog", "", map[string]any{"actionkind": "Notiz"}, 98},
		{"addressid and addressids", onoffice.VerbCreate, "agentslog", "", base(map[string]any{"addressid": addr}), 297},
		{"addressids not a list", onoffice.VerbCreate, "agentslog", "", map[string]any{"addressids": addr}, 298},
		{"addressids not integers", onoffice.VerbCreate, "agentslog", "", map[string]any{"addressids": []any{"a"}}, 299},
		{"unknown kind", onoffice.VerbCreate, "agentslog", "", base(map[string]any{"actionkind": "Brieftaube"}), 100},
		{"type of another kind", onoffice.VerbCreate, "agentslog", "", base(map[string]any{"actionkind": "Email", "actiontype": "Besichtigung"}), 101},
		{"unknown origin", onoffice.VerbCreate, "agentslog", "", base(map[string]any{"origincontact": "Litfaßsäule"}), 220},
		{"unknown feature", onoffice.VerbCreate, "agentslog", "", base(map[string]any{"features": []string{"indMulti0Select0"}}), 221},
		{"negative cost", onoffice.VerbCreate, "agentslog", "", base(map[string]any{"cost": -1}), 222},
		{"negative duration", onoffice.VerbCreate, "agentslog", "", base(map[string]any{"duration": -5}), 223},
		{"unknown level", onoffice.VerbCreate, "agentslog", "", base(map[string]any{"advisorylevel": "H"}), 225},
		{"reason without G", onoffice.VerbCreate, "agentslog", "", base(map[string]any{"advisorylevel": "C", "reasoncancellation": "Preis zu hoch"}), 224},
		{"unknown reason", onoffice.VerbCreate, "agentslog", "", base(map[string]any{"advisorylevel": "G", "reasoncancellation": "Zu weit weg"}), 226},
		{"unknown address", onoffice.VerbCreate, "agentslog", "", map[string]any{"addressids": []int{999999}}, 292},
		{"unknown user", onoffice.VerbCreate, "agentslog", "", base(map[string]any{"userid": 999}), 184},
	})
}

func TestAgentsLogModify(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	var rec Record
	for _, r := range s.Table("agentslog").Records {
		if r["Aktionsart"] == "Telefonat" {
			rec = r
			break
		}
	}
	if rec == nil {
		t.Fatal("seed has no phone call entry")
	}
	id := strconv.Itoa(idOf(rec))
	res := mustCall(t, c, onoffice.VerbModify, "agentslog", id, map[string]any{"data": map[string]any{
		"actiontype": "Eingang", "note": "Rückruf erhalten, Besichtigung bestätigt", "duration": 900, "datetime": "2026-10-20 16:20:00",
	}})
	if len(res.Records) != 1 || res.Records[0].IDString() != id || res.Records[0].Type != "agentsLog" {
		t.Fatalf("answer %+v", res.Records)
	}
	el := res.Records[0].Fields()
	if el["Aktionstyp"] != "Eingang" || el["dauer"] != "900" || el["Uhrzeit"] != "16:20:00" || el["Aktionsart"] != "Telefonat" {
		t.Errorf("echo %v", el)
	}
	if rec["Bemerkung"] != "Rückruf erhalten, Besichtigung bestätigt" || rec["Datum"] != "2026-10-20 16:20:00" || rec["Datum_bearb"] != stamp(relTestNow) {
		t.Errorf("stored %v", rec)
	}
	runErrCases(t, c, []errCase{
		{"no id", onoffice.VerbModify, "agentslog", "", map[string]any{"data": map[string]any{"note": "x"}}, 79},
		{"unknown id", onoffice.VerbModify, "agentslog", "999999", map[string]any{"data": map[string]any{"note": "x"}}, 80},
		{"no data", onoffice.VerbModify, "agentslog", id, map[string]any{}, 167},
		{"empty data", onoffice.VerbModify, "agentslog", id, map[string]any{"data": map[string]any{}}, 282},
		{"not changeable", onoffice.VerbModify, "agentslog", id, map[string]any{"data": map[string]any{"advisorylevel": "A"}}, 144},
		{"unknown kind", onoffice.VerbModify, "agentslog", id, map[string]any{"data": map[string]any{"actionkind": "Brieftaube"}}, 100},
		{"kind without its type", onoffice.VerbModify, "agentslog", id, map[string]any{"data": map[string]any{"actionkind": "Termin"}}, 101},
		{"bad date", onoffice.VerbModify, "agentslog", id, map[string]any{"data": map[string]any{"datetime": "20.10.2026"}}, 122},
	})
}
