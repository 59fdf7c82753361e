package sandbox

import (
	"strconv"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

func TestAgentsLogReadByEstate(t *testing.T) {
	sb, c := relTestAPI(t)
	s := sb.Store()
	link := relFirst(t, s, "agentsLog:estate")
	estate := link.Child
	want := relIDs(s, "agentsLog:estate", estate, false)
	res := relMustCall(t, c, onoffice.VerbRead, "agentslog", "", map[string]any{
		"estateid": []int{estate}, "data": []string{"Objekt_nr", "Adress_nr", "Aktionsart", "Datum", "merkmal", "Nr"}, "listlimit": 500,
	})
	if res.Total != len(want) || len(res.Records) != len(want) {
		t.Fatalf("entries of estate %d: total %d, %d records, want %d", estate, res.Total, len(res.Records), len(want))
	}
	prev := "9999"
	for _, r := range res.Records {
		el := r.Fields()
		id, _ := strconv.Atoi(r.IDString())
		if !relHas(relStringsOf(el["Objekt_nr"]), strconv.Itoa(estate)) {
			t.Errorf("entry %d: Objekt_nr %v lacks %d", id, el["Objekt_nr"], estate)
		}
		if want := relStored(s, "agentsLog:address", id, true); !relEqual(relStringsOf(el["Adress_nr"]), want) {
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
	sb, c := relTestAPI(t)
	rec := sb.Store().Table("agentslog").Records[3]
	res := relMustCall(t, c, onoffice.VerbRead, "agentslog", strconv.Itoa(idOf(rec)), map[string]any{"data": []string{"Bemerkung", "Benutzer"}})
	if len(res.Records) != 1 || res.Records[0].Fields()["Bemerkung"] != rec["Bemerkung"] || res.Records[0].Fields()["Benutzer"] != rec["Benutzer"] {
		t.Errorf("entry %d: %+v", idOf(rec), res.Records)
	}
}

func TestAgentsLogReadErrors(t *testing.T) {
	_, c := relTestAPI(t)
	for _, tc := range []struct {
		name   string
		code   int
		params map[string]any
	}{
		{"unknown data field", 75, map[string]any{"data": []string{"Aktionsart", "Wetter"}}},
		{"filter on Benutzer", 141, map[string]any{"filter": map[string]any{"Benutzer": []any{map[string]any{"op": "=", "val": "mhansen"}}}}},
		{"filter on Objekt_nr", 141, map[string]any{"filter": map[string]any{"Objekt_nr": []any{map[string]any{"op": "=", "val": 3101}}}}},
		{"reason without level", 237, map[string]any{"filter": map[string]any{"Absagegrund": []any{map[string]any{"op": "=", "val": "Preis zu hoch"}}}}},
		{"unknown operator", 142, map[string]any{"filter": map[string]any{"Aktionsart": []any{map[string]any{"op": "~", "val": "Email"}}}}},
		{"unknown sort field", 212, map[string]any{"sortby": map[string]any{"Wetter": "ASC"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			relWantCode(t, c, tc.code, onoffice.VerbRead, "agentslog", "", tc.params)
		})
	}
}

func relStringsOf(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, _ := e.(string)
		out = append(out, s)
	}
	return out
}

func TestAgentsLogCreateOnePerAddress(t *testing.T) {
	sb, c := relTestAPI(t)
	s := sb.Store()
	a1, a2 := idOf(s.Table("address").Records[0]), idOf(s.Table("address").Records[1])
	estate := idOf(s.Table("estate").Records[0])
	res := relMustCall(t, c, onoffice.VerbCreate, "agentslog", "", map[string]any{
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
		if got := relStored(s, "agentsLog:address", id, true); !relEqual(got, []string{strconv.Itoa(addr)}) {
			t.Errorf("entry %d addresses %v", id, got)
		}
		if relFind(s, "address:estate:offer", addr, estate) == nil {
			t.Errorf("no offered-till-now link for address %d", addr)
		}
	}
	// A later read shows the entry with its values.
	read := relMustCall(t, c, onoffice.VerbRead, "agentslog", res.Records[0].IDString(), map[string]any{"data": []string{"Bemerkung", "dauer", "Kosten", "merkmal", "Objekt_nr"}})
	el := read.Records[0].Fields()
	if el["Bemerkung"] != "Besichtigung für Samstag abgestimmt" || el["dauer"] != "600" || el["Kosten"] != "2.50" || el["merkmal"] != "|indMulti1832Select5686|" {
		t.Errorf("read back %v", el)
	}
}

func TestAgentsLogCreateErrors(t *testing.T) {
	sb, c := relTestAPI(t)
	s := sb.Store()
	addr := idOf(s.Table("address").Records[0])
	base := func(extra map[string]any) map[string]any {
		p := map[string]any{"addressids": []int{addr}}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}
	for _, tc := range []struct {
		name   string
		code   int
		params map[string]any
	}{
		{"no link", 98, map[string]any{"actionkind": "Notiz"}},
		{"addressid and addressids", 297, base(map[string]any{"addressid": addr})},
		{"addressids not a list", 298, map[string]any{"addressids": addr}},
		{"addressids not integers", 299, map[string]any{"addressids": []any{"a"}}},
		{"unknown kind", 100, base(map[string]any{"actionkind": "Brieftaube"})},
		{"type of another kind", 101, base(map[string]any{"actionkind": "Email", "actiontype": "Besichtigung"})},
		{"unknown origin", 220, base(map[string]any{"origincontact": "Litfaßsäule"})},
		{"unknown feature", 221, base(map[string]any{"features": []string{"indMulti0Select0"}})},
		{"negative cost", 222, base(map[string]any{"cost": -1})},
		{"negative duration", 223, base(map[string]any{"duration": -5})},
		{"unknown level", 225, base(map[string]any{"advisorylevel": "H"})},
		{"reason without G", 224, base(map[string]any{"advisorylevel": "C", "reasoncancellation": "Preis zu hoch"})},
		{"unknown reason", 226, base(map[string]any{"advisorylevel": "G", "reasoncancellation": "Zu weit weg"})},
		{"unknown address", 292, map[string]any{"addressids": []int{999999}}},
		{"unknown user", 184, base(map[string]any{"userid": 999})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := len(s.Table("agentslog").Records)
			relWantCode(t, c, tc.code, onoffice.VerbCreate, "agentslog", "", tc.params)
			if len(s.Table("agentslog").Records) != n {
				t.Errorf("a failed create stored an entry")
			}
		})
	}
}

func TestAgentsLogModify(t *testing.T) {
	sb, c := relTestAPI(t)
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
	res := relMustCall(t, c, onoffice.VerbModify, "agentslog", id, map[string]any{"data": map[string]any{
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
	for _, tc := range []struct {
		name, id string
		code     int
		params   map[string]any
	}{
		{"no id", "", 79, map[string]any{"data": map[string]any{"note": "x"}}},
		{"unknown id", "999999", 80, map[string]any{"data": map[string]any{"note": "x"}}},
		{"no data", id, 167, map[string]any{}},
		{"empty data", id, 282, map[string]any{"data": map[string]any{}}},
		{"not changeable", id, 144, map[string]any{"data": map[string]any{"advisorylevel": "A"}}},
		{"unknown kind", id, 100, map[string]any{"data": map[string]any{"actionkind": "Brieftaube"}}},
		{"kind without its type", id, 101, map[string]any{"data": map[string]any{"actionkind": "Termin"}}},
		{"bad date", id, 122, map[string]any{"data": map[string]any{"datetime": "20.10.2026"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			relWantCode(t, c, tc.code, onoffice.VerbModify, "agentslog", tc.id, tc.params)
		})
	}
}
