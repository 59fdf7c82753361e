package sandbox

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// apptTestNow is the server time of the appointment tests: the seed's reference date.
var apptTestNow = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func TestAppointmentListShapes(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	s := sb.Store()
	res := mustCall(t, c, onoffice.VerbGet, "appointmentList", "", map[string]any{
		"data":   apptListFields,
		"filter": map[string]any{"startDate": "2026-11-02", "endDate": "2026-11-30"},
	})
	if !res.Cacheable || res.Total != len(res.Records) || len(res.Records) < 10 {
		t.Fatalf("cacheable %v, cntabsolute %d, %d records", res.Cacheable, res.Total, len(res.Records))
	}
	seenSeries := 0
	for _, rec := range res.Records {
		el := rec.Fields()
		id, _ := strconv.Atoi(rec.IDString())
		r := s.Table("calendar").Get(id)
		if r == nil || rec.Type != "calendar" || el["id"] != rec.IDString() {
			t.Fatalf("record %s: type %q, id element %v", rec.IDString(), rec.Type, el["id"])
		}
		if el["subject"] != r["description"] || el["createdBy"] != r["von"] || el["notes"] != toText(r["note"]) {
			t.Errorf("%d: subject/createdBy/notes %v %v %v, stored %v %v %v", id, el["subject"], el["createdBy"], el["notes"], r["description"], r["von"], r["note"])
		}
		if asObject(el["status"])["value"] != r["status"] || asObject(el["type"])["value"] != r["art"] {
			t.Errorf("%d: status %v type %v, stored %v %v", id, el["status"], el["type"], r["status"], r["art"])
		}
		date := asObject(el["date"])
		if r["rp_flag"] == true {
			seenSeries++
		} else if r["ganztags"] != true {
			start, _ := time.Parse(apptLayout, toText(r["start_dt"]))
			// November is winter time: local = UTC + 1 h.
			if want := start.Add(-time.Hour).Format("2006-01-02T15:04:05+00:00"); date["start"] != want {
				t.Errorf("%d: date.start %v, want %s (stored local %s)", id, date["start"], want, r["start_dt"])
			}
		}
		var contacts []string
		for _, ct := range asList(el["contacts"]) {
			contacts = append(contacts, toText(asObject(ct)["id"]))
		}
		if want := idStrings(apptAddresses(s, id)); strings.Join(contacts, ",") != strings.Join(want, ",") {
			t.Errorf("%d: contacts %v, relations %v", id, contacts, want)
		}
		if e := apptEstate(s, id); e != 0 && asObject(el["estate"])["id"] != strconv.Itoa(e) {
			t.Errorf("%d: estate %v, relation %d", id, el["estate"], e)
		}
		var users []string
		for _, u := range asList(el["users"]) {
			users = append(users, toText(asObject(u)["id"]))
		}
		if want := idStrings(apptInts(r["user_ids"])); strings.Join(users, ",") != strings.Join(want, ",") {
			t.Errorf("%d: users %v, stored %v", id, users, want)
		}
	}
	if seenSeries != 1 {
		t.Errorf("the weekly team meeting should appear once per window, got %d series records", seenSeries)
	}

	// The weekly series: summer time in October, winter time in November, exceptions skipped.
	series := firstRecord(t, s, "calendar", func(r Record) bool { return r["rp_flag"] == true })
	for _, tc := range []struct{ day, start string }{
		{"2026-10-19", "2026-10-19T07:00:00+00:00"},
		{"2026-11-09", "2026-11-09T08:00:00+00:00"},
		{"2026-11-02", ""}, // listed in rp_exception
		{"2026-11-10", ""}, // a Tuesday
	} {
		res := mustCall(t, c, onoffice.VerbGet, "appointmentList", "", map[string]any{
			"data": []string{"date", "recurrence"}, "filter": map[string]any{"startDate": tc.day, "endDate": tc.day, "isRecurrent": true},
		})
		got := ""
		for _, rec := range res.Records {
			if rec.IDString() == strconv.Itoa(idOf(series)) {
				got = toText(asObject(rec.Fields()["date"])["start"])
				if asObject(rec.Fields()["recurrence"])["type"] != "w" {
					t.Errorf("recurrence %v", rec.Fields()["recurrence"])
				}
			}
		}
		if got != tc.start {
			t.Errorf("series on %s: start %q, want %q", tc.day, got, tc.start)
		}
	}

	// Only the requested fields come back.
	one := mustCall(t, c, onoffice.VerbGet, "appointmentList", "", map[string]any{
		"data": []string{"subject"}, "filter": map[string]any{"startDate": "2026-11-02", "endDate": "2026-11-30"}, "listlimit": 2, "listoffset": 1,
	})
	if len(one.Records) != 2 || one.Total != res.Total || len(one.Records[0].Fields()) != 1 || one.Records[0].IDString() != res.Records[1].IDString() {
		t.Errorf("paged projection: %d records, total %d, %v", len(one.Records), one.Total, one.Records)
	}
}

func TestAppointmentListFilters(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	s := sb.Store()
	window := func(extra map[string]any) []Record {
		f := map[string]any{"startDate": "2026-10-01", "endDate": "2026-12-31"}
		for k, v := range extra {
			f[k] = v
		}
		res := mustCall(t, c, onoffice.VerbGet, "appointmentList", "", map[string]any{"data": []string{"id"}, "filter": f})
		var out []Record
		for _, rec := range res.Records {
			id, _ := strconv.Atoi(rec.IDString())
			out = append(out, s.Table("calendar").Get(id))
		}
		return out
	}
	all := window(nil)
	for _, tc := range []struct {
		name   string
		filter map[string]any
		want   func(r Record) bool
	}{
		{"cancelled", map[string]any{"isCancelled": true}, func(r Record) bool { return r["status"] == "canceled" }},
		{"open", map[string]any{"isDone": false}, func(r Record) bool { return r["status"] != "completed" }},
		{"series", map[string]any{"isRecurrent": true}, func(r Record) bool { return r["rp_flag"] == true }},
		{"user 17", map[string]any{"userIds": []string{"17"}}, func(r Record) bool { return contains(idStrings(apptInts(r["user_ids"])), "17") }},
		{"notary", map[string]any{"subject": []any{map[string]any{"op": "like", "val": "Notartermin%"}}}, func(r Record) bool { return strings.HasPrefix(toText(r["description"]), "Notartermin") }},
		{"creator", map[string]any{"createdBy": []any{map[string]any{"op": "=", "val": "kneumann"}}}, func(r Record) bool { return r["von"] == "kneumann" }},
		{"type", map[string]any{"type": []any{map[string]any{"op": "in", "val": []any{"Übergabe", "Objektaufnahme"}}}}, func(r Record) bool { return r["art"] == "Übergabe" || r["art"] == "Objektaufnahme" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := window(tc.filter)
			want := 0
			for _, r := range all {
				if tc.want(r) {
					want++
				}
			}
			if len(got) != want || want == 0 {
				t.Errorf("%d records, want %d (of %d)", len(got), want, len(all))
			}
			for _, r := range got {
				if !tc.want(r) {
					t.Errorf("record %d does not match: %v", idOf(r), r)
				}
			}
		})
	}
	runErrCases(t, c, []errCase{
		{"no filter", "get", "appointmentList", "", map[string]any{"data": []string{"id"}}, 91},
		{"no end", "get", "appointmentList", "", map[string]any{"filter": map[string]any{"startDate": "2026-11-01"}}, 92},
		{"reversed", "get", "appointmentList", "", map[string]any{"filter": map[string]any{"startDate": "2026-11-05", "endDate": "2026-11-01"}}, 93},
		{"bad date", "get", "appointmentList", "", map[string]any{"filter": map[string]any{"startDate": "1.11.2026", "endDate": "2026-11-05"}}, 122},
		{"unknown data", "get", "appointmentList", "", map[string]any{"data": []string{"description"}, "filter": map[string]any{"startDate": "2026-11-01", "endDate": "2026-11-05"}}, 154},
		{"unknown filter", "get", "appointmentList", "", map[string]any{"filter": map[string]any{"startDate": "2026-11-01", "endDate": "2026-11-05", "art": "x"}}, 257},
		{"flag type", "get", "appointmentList", "", map[string]any{"filter": map[string]any{"startDate": "2026-11-01", "endDate": "2026-11-05", "isDone": "yes"}}, 194},
		{"operator", "get", "appointmentList", "", map[string]any{"filter": map[string]any{"startDate": "2026-11-01", "endDate": "2026-11-05", "notes": []any{map[string]any{"op": "contains", "val": "x"}}}}, 142},
	})
}

// apptSeedConflict returns a seeded viewing that was booked over another
// viewing of the same user, and that other viewing.
func apptSeedConflict(t *testing.T, s *Store) (Record, Record) {
	t.Helper()
	for _, r := range s.Table("calendar").Records {
		if toText(r["note"]) != "Kurzfristig vom Sekretariat eingetragen." || apptCancelled(r) {
			continue
		}
		start, _ := apptSpan(r)
		for _, o := range s.Table("calendar").Records {
			os, oe := apptSpan(o)
			if idOf(o) != idOf(r) && !apptCancelled(o) && os.Before(start) && oe.After(start) && intersects(apptInts(o["user_ids"]), apptInts(r["user_ids"])) {
				return r, o
			}
		}
	}
	t.Skip("every seeded double booking happens to be cancelled")
	return nil, nil
}

func TestCalendarReadOne(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	s := sb.Store()
	r, other := apptSeedConflict(t, s)
	id := idOf(r)
	res := mustCall(t, c, onoffice.VerbRead, "calendar", strconv.Itoa(id), map[string]any{"showConflicts": true, "showConfirmationStatus": true})
	if len(res.Records) != 1 || res.Total != 1 || res.Records[0].Type != "calendar" {
		t.Fatalf("records %+v", res.Records)
	}
	el := res.Records[0].Fields()
	for _, k := range []string{"start_dt", "end_dt", "description", "ort", "von", "status"} {
		if el[k] != toText(r[k]) {
			t.Errorf("%s: %v, stored %v", k, el[k], r[k])
		}
	}
	if _, ok := asObject(el["art"])[toText(r["art"])]; !ok {
		t.Errorf("art %v, stored %v", el["art"], r["art"])
	}
	if el["private"] != "0" || el["ganztags"] != false || el["rp_beginn_datum"] != "0000-00-00" {
		t.Errorf("legacy value forms: private %v ganztags %v rp_beginn_datum %v", el["private"], el["ganztags"], el["rp_beginn_datum"])
	}
	user := apptInts(r["user_ids"])[0]
	hints := asObject(el["hints"])
	found := false
	for _, h := range asList(hints["conflictedUsers"]) {
		if toText(asObject(h)["id"]) == strconv.Itoa(user) {
			found = true
		}
	}
	if !found || len(hints) != 4 {
		t.Errorf("hints %v should name user %d (overlap with appointment %d)", hints, user, idOf(other))
	}
	addrs := asList(el["addresses"])
	if len(addrs) != len(apptAddresses(s, id)) || el["confirmationStatus"] == nil {
		t.Errorf("addresses %v, confirmationStatus %v", addrs, el["confirmationStatus"])
	}
	plain := mustCall(t, c, onoffice.VerbRead, "calendar", strconv.Itoa(id), map[string]any{})
	if f := plain.Records[0].Fields(); f["hints"] != nil || f["addresses"] != nil {
		t.Errorf("hints/addresses without the flags: %v", f)
	}
	runErrCases(t, c, []errCase{
		{"unknown id", "read", "calendar", "99999", map[string]any{}, 169},
		{"text id", "read", "calendar", "abc", map[string]any{}, 121},
		{"filter with id", "read", "calendar", strconv.Itoa(id), map[string]any{"filter": map[string]any{"art": []any{map[string]any{"op": "=", "val": "x"}}}}, 241},
	})
}

func TestCalendarReadPeriod(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	s := sb.Store()
	// Without users, groups or allusers: the API user's and his groups' appointments.
	own := mustCall(t, c, onoffice.VerbRead, "calendar", "", map[string]any{"datestart": "2026-10-01", "dateend": "2026-12-31"})
	if len(own.Records) == 0 {
		t.Fatal("no own appointments")
	}
	for _, rec := range own.Records {
		id, _ := strconv.Atoi(rec.IDString())
		r := s.Table("calendar").Get(id)
		if !contains(idStrings(apptParticipants(s, r)), strconv.Itoa(SandboxAPIUserID)) {
			t.Errorf("appointment %d is not the API user's: %v", id, r["user_ids"])
		}
		if apptCancelled(r) {
			t.Errorf("cancelled appointment %d without showcancelled", id)
		}
	}
	all := mustCall(t, c, onoffice.VerbRead, "calendar", "", map[string]any{"datestart": "2026-10-01", "dateend": "2026-12-31", "allusers": true, "showcancelled": true})
	if len(all.Records) <= len(own.Records) || all.Total != len(all.Records) {
		t.Errorf("allusers %d records (total %d), own %d", len(all.Records), all.Total, len(own.Records))
	}
	users := mustCall(t, c, onoffice.VerbRead, "calendar", "", map[string]any{"datestart": "2026-10-01", "dateend": "2026-12-31", "users": []int{27},
		"filter": map[string]any{"art": []any{map[string]any{"op": "IN", "val": []any{"Besichtigung", "Folgebesichtigung"}}}}})
	if len(users.Records) == 0 {
		t.Fatal("no viewings of user 27")
	}
	for _, rec := range users.Records {
		el := rec.Fields()
		if !strings.Contains(strings.Join(textsOf(el["fuer"]), ","), "(fbrandt)") || asObject(el["art"])["Besichtigung"] == nil && asObject(el["art"])["Folgebesichtigung"] == nil {
			t.Errorf("%s: fuer %v art %v", rec.IDString(), el["fuer"], el["art"])
		}
	}
	changed := mustCall(t, c, onoffice.VerbRead, "calendar", "", map[string]any{"modifiedstart": "2026-11-01 00:00:00", "allusers": true, "showcancelled": true})
	want := 0
	for _, r := range s.Table("calendar").Records {
		if toText(r["modified"]) >= "2026-11-01 00:00:00" {
			want++
		}
	}
	if len(changed.Records) != want || want == 0 {
		t.Errorf("modified since 2026-11-01: %d records, want %d", len(changed.Records), want)
	}
	runErrCases(t, c, []errCase{
		{"no period", "read", "calendar", "", map[string]any{}, 230},
		{"half period", "read", "calendar", "", map[string]any{"datestart": "2026-11-01"}, 230},
		{"reversed", "read", "calendar", "", map[string]any{"datestart": "2026-11-05", "dateend": "2026-11-01"}, 231},
		{"modified reversed", "read", "calendar", "", map[string]any{"modifiedstart": "2026-11-05 00:00:00", "modifiedend": "2026-11-01 00:00:00"}, 288},
		{"filter field not allowed", "read", "calendar", "", map[string]any{"datestart": "2026-11-01", "dateend": "2026-11-05", "filter": map[string]any{"ort": []any{map[string]any{"op": "=", "val": "x"}}}}, 141},
		{"unknown filter field", "read", "calendar", "", map[string]any{"datestart": "2026-11-01", "dateend": "2026-11-05", "filter": map[string]any{"Ort": []any{map[string]any{"op": "=", "val": "x"}}}}, 154},
		{"users not ints", "read", "calendar", "", map[string]any{"datestart": "2026-11-01", "dateend": "2026-11-05", "users": []any{"jschmidt"}}, 228},
	})

}

func TestCalendarCreateModifyDelete(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	s := sb.Store()
	estate := s.Table("estate").Records[3]
	addrs := []int{idOf(s.Table("address").Records[0]), idOf(s.Table("address").Records[1])}
	res := mustCall(t, c, onoffice.VerbCreate, "calendar", "", map[string]any{
		"data": map[string]any{
			"description": "Besichtigung Test", "start_dt": "2026-11-20 15:00:00", "end_dt": "2026-11-20 16:00:00",
			"art": "Besichtigung", "note": "Bitte klingeln", "erinnerung": "1 hours", "ressources": []any{"Firmenfahrzeug"},
			"private": false, "transitTimePre": "00:20:00", "allowTransitTime": true,
		},
		"relatedAddressIds": addrs, "relatedEstateId": idOf(estate),
		"location":      map[string]any{"estate": strconv.Itoa(idOf(estate))},
		"subscribers":   map[string]any{"users": []any{17, 23}, "groups": []any{}},
		"reminderTypes": []any{"email", "popup"},
	})
	if len(res.Records) != 1 || res.Records[0].Type != "calendar" || string(res.Records[0].Elements) != "[]" {
		t.Fatalf("create answer %+v", res.Records)
	}
	id, _ := strconv.Atoi(res.Records[0].IDString())
	r := s.Table("calendar").Get(id)
	if r == nil || r["description"] != "Besichtigung Test" || r["von"] != "mhansen" || r["status"] != "active" || r["modified"] != "2026-11-02 09:00:00" {
		t.Fatalf("stored %v", r)
	}
	if strings.Join(idStrings(apptInts(r["user_ids"])), ",") != "17,23" || r["_locationType"] != "estate" || !strings.HasPrefix(toText(r["ort"]), toText(estate["strasse"])) {
		t.Errorf("participants %v, place %v %v", r["user_ids"], r["_locationType"], r["ort"])
	}
	if got := apptAddresses(s, id); len(got) != 2 || apptEstate(s, id) != idOf(estate) {
		t.Errorf("links %v, estate %d", got, apptEstate(s, id))
	}
	list := mustCall(t, c, onoffice.VerbGet, "appointmentList", "", map[string]any{
		"data": []string{"subject", "reminder", "travelTime", "resources", "location"}, "filter": map[string]any{"startDate": "2026-11-20", "endDate": "2026-11-20"},
	})
	var el map[string]any
	for _, rec := range list.Records {
		if rec.IDString() == strconv.Itoa(id) {
			el = rec.Fields()
		}
	}
	if el == nil || asObject(el["reminder"])["timeBefore"] != float64(60) || asObject(el["travelTime"])["outward"] != float64(20) ||
		asObject(el["location"])["type"] != "estate" || len(asList(el["resources"])) != 1 {
		t.Errorf("new appointment in the list: %v", el)
	}

	// Modify: move it, cancel it, replace the contacts, drop the estate.
	mustCall(t, c, onoffice.VerbModify, "calendar", strconv.Itoa(id), map[string]any{
		"data":              map[string]any{"start_dt": "2026-11-21 10:00:00", "end_dt": "2026-11-21 11:00:00", "status": "canceled"},
		"relatedAddressIds": []any{addrs[1]}, "replaceAddressIds": true, "relatedEstateId": nil,
	})
	if r["start_dt"] != "2026-11-21 10:00:00" || r["abgesagt"] != true || r["status"] != "canceled" || r["description"] != "Besichtigung Test" {
		t.Errorf("after modify: %v", r)
	}
	if got := apptAddresses(s, id); len(got) != 1 || got[0] != addrs[1] || apptEstate(s, id) != 0 {
		t.Errorf("links after modify: %v, estate %d", got, apptEstate(s, id))
	}
	mustCall(t, c, onoffice.VerbModify, "calendar", strconv.Itoa(id), map[string]any{"relatedAddressIds": []any{addrs[0]}, "data": map[string]any{"abgesagt": false}})
	if got := apptAddresses(s, id); len(got) != 2 || r["status"] != "active" {
		t.Errorf("relatedAddressIds without replace should add: %v; status %v", got, r["status"])
	}
	// A failed modify changes nothing.
	before := toText(r["start_dt"])
	runErrCases(t, c, []errCase{
		{"end before start", "modify", "calendar", strconv.Itoa(id), map[string]any{"data": map[string]any{"start_dt": "2026-11-22 10:00:00"}}, 93},
	})
	if r["start_dt"] != before {
		t.Errorf("failed modify changed start_dt to %v", r["start_dt"])
	}

	del := mustCall(t, c, onoffice.VerbDelete, "calendar", strconv.Itoa(id), map[string]any{})
	if len(del.Records) != 1 || del.Records[0].Fields()["success"] != "success" || s.Table("calendar").Get(id) != nil || len(apptAddresses(s, id)) != 0 {
		t.Errorf("delete: %+v, still stored %v", del.Records, s.Table("calendar").Get(id))
	}
	ok := map[string]any{"start_dt": "2026-11-20 15:00:00", "end_dt": "2026-11-20 16:00:00"}
	with := func(extra map[string]any) map[string]any {
		out := map[string]any{"data": ok}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	runErrCases(t, c, []errCase{
		{"delete again", "delete", "calendar", strconv.Itoa(id), map[string]any{}, 169},
		{"delete without id", "delete", "calendar", "", map[string]any{}, 117},
		{"modify unknown", "modify", "calendar", "99999", map[string]any{"data": ok}, 169},
		{"no data", "create", "calendar", "", map[string]any{}, 167},
		{"no start", "create", "calendar", "", map[string]any{"data": map[string]any{"end_dt": "2026-11-20 16:00:00"}}, 254},
		{"end before start", "create", "calendar", "", map[string]any{"data": map[string]any{"start_dt": "2026-11-20 16:00:00", "end_dt": "2026-11-20 15:00:00"}}, 93},
		{"bad date", "create", "calendar", "", map[string]any{"data": map[string]any{"start_dt": "20.11.2026", "end_dt": "2026-11-20 15:00:00"}}, 122},
		{"bad type", "create", "calendar", "", map[string]any{"data": map[string]any{"start_dt": "2026-11-20 15:00:00", "end_dt": "2026-11-20 16:00:00", "art": "Party"}}, 77},
		{"bad resource", "create", "calendar", "", map[string]any{"data": map[string]any{"start_dt": "2026-11-20 15:00:00", "end_dt": "2026-11-20 16:00:00", "ressources": []any{"Boot"}}}, 76},
		{"unknown field", "create", "calendar", "", map[string]any{"data": map[string]any{"start_dt": "2026-11-20 15:00:00", "end_dt": "2026-11-20 16:00:00", "subject": "x"}}, 154},
		{"unknown creator", "create", "calendar", "", map[string]any{"data": map[string]any{"start_dt": "2026-11-20 15:00:00", "end_dt": "2026-11-20 16:00:00", "von": "nobody"}}, 251},
		{"transit format", "create", "calendar", "", map[string]any{"data": map[string]any{"start_dt": "2026-11-20 15:00:00", "end_dt": "2026-11-20 16:00:00", "transitTime": "20 min"}}, 255},
		{"unknown address", "create", "calendar", "", with(map[string]any{"relatedAddressIds": []any{1}}), 292},
		{"addresses not a list", "create", "calendar", "", with(map[string]any{"relatedAddressIds": 5}), 99},
		{"unknown estate", "create", "calendar", "", with(map[string]any{"relatedEstateId": 1}), 293},
		{"users not a list", "create", "calendar", "", with(map[string]any{"subscribers": map[string]any{"users": "17"}}), 301},
		{"unknown user", "create", "calendar", "", with(map[string]any{"subscribers": map[string]any{"users": []any{999}}}), 184},
		{"unknown group", "create", "calendar", "", with(map[string]any{"subscribers": map[string]any{"groups": []any{999}}}), 272},
		{"two places", "create", "calendar", "", with(map[string]any{"location": map[string]any{"sonstiges": "x", "mandant": true}}), 255},
		{"place id text", "create", "calendar", "", with(map[string]any{"location": map[string]any{"address": "Becker"}}), 290},
		{"reminder type", "create", "calendar", "", with(map[string]any{"reminderTypes": []any{"fax"}}), 255},
	})
}

func TestAppointmentAffirmation(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	s := sb.Store()
	r := firstRecord(t, s, "calendar", func(r Record) bool {
		addrs := apptAddresses(s, idOf(r))
		for _, a := range addrs {
			if mailAddressEmail(s.Table("address").Get(a)) == "" {
				return false
			}
		}
		return len(addrs) > 0 && apptContactState(s, idOf(r), addrs[0]) == "not-set"
	})
	id := idOf(r)
	res := mustCall(t, c, onoffice.VerbDo, "appointmentAffirmation", "", map[string]any{"calendarId": id, "emailidentity": "j.schmidt@hansen-kroeger.example.com"})
	if len(res.Records) != 1 || res.Records[0].Fields()["success"] != "success" {
		t.Fatalf("answer %+v", res.Records)
	}
	out := sb.Outbox()
	if len(out) != 1 || out[0].Kind != "appointmentAffirmation" || out[0].Parameters["from"] != "j.schmidt@hansen-kroeger.example.com" {
		t.Fatalf("outbox %+v", out)
	}
	to := textsOf(out[0].Parameters["to"])
	addrs := apptAddresses(s, id)
	if len(to) != len(addrs) || to[0] != mailAddressEmail(s.Table("address").Get(addrs[0])) {
		t.Errorf("to %v for addresses %v", to, addrs)
	}
	if st := apptContactState(s, id, addrs[0]); st != "sent" {
		t.Errorf("confirmation state after sending: %s", st)
	}
	lonely := mustCall(t, c, onoffice.VerbCreate, "calendar", "", map[string]any{"data": map[string]any{"start_dt": "2026-11-20 15:00:00", "end_dt": "2026-11-20 16:00:00"}})
	runErrCases(t, c, []errCase{
		{"no id", "do", "appointmentAffirmation", "", map[string]any{}, 117},
		{"unknown", "do", "appointmentAffirmation", "", map[string]any{"calendarId": 99999}, 169},
		{"no contacts", "do", "appointmentAffirmation", "", map[string]any{"calendarId": lonely.Records[0].IDString()}, 98},
		{"foreign identity", "do", "appointmentAffirmation", "", map[string]any{"calendarId": id, "emailidentity": "info@example.com"}, 51},
	})
	if len(sb.Outbox()) != 1 {
		t.Errorf("failed confirmations reached the outbox")
	}
}

func TestCalendarResources(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	f := sb.Store().Fields["calendar"]["ressources"]
	for _, params := range []map[string]any{{}, {"filter": map[string]any{"active": []any{map[string]any{"op": "=", "val": 1}}}}} {
		res := mustCall(t, c, onoffice.VerbGet, "calendarResources", "", params)
		if len(res.Records) != len(f.Permitted) || res.Total != -1 {
			t.Fatalf("%d records (cntabsolute %d), %d resources", len(res.Records), res.Total, len(f.Permitted))
		}
		for i, rec := range res.Records {
			o := f.Permitted[i]
			if rec.IDString() != strconv.Itoa(i) || rec.Type != "" || rec.Fields()[o.Key] != o.Label["DEU"] {
				t.Errorf("record %d: %s %v, want %s=%s", i, rec.IDString(), rec.Fields(), o.Key, o.Label["DEU"])
			}
		}
	}
	runErrCases(t, c, []errCase{
		{"other filter", "get", "calendarResources", "", map[string]any{"filter": map[string]any{"name": []any{map[string]any{"op": "=", "val": "x"}}}}, 257},
	})
}

func TestAppointmentFiles(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	s := sb.Store()
	byAppt := map[int][]Record{}
	for _, f := range s.Table("file").Records {
		if f["module"] == "calendar" {
			id, _ := toInt(f["relatedRecordId"])
			byAppt[id] = append(byAppt[id], f)
		}
	}
	var id int
	for k := range byAppt {
		if id == 0 || k < id {
			id = k
		}
	}
	if id == 0 {
		t.Fatal("no appointment files in the seed")
	}
	want := byAppt[id]
	res := mustCall(t, c, onoffice.VerbGet, "file", "appointment", map[string]any{"appointmentid": id})
	if len(res.Records) != len(want) || res.Total != len(want) || !res.Cacheable {
		t.Fatalf("%d files (total %d), want %d", len(res.Records), res.Total, len(want))
	}
	el := res.Records[0].Fields()
	f := want[0]
	if res.Records[0].Type != "file" || el["filename"] != f["originalname"] || el["fileSize"] != strconv.Itoa(f["fileSize"].(int)) ||
		el["username"] != f["username"] || !strings.HasPrefix(toText(el["url"]), "https://") {
		t.Errorf("file element %v, stored %v", el, f)
	}
	one := mustCall(t, c, onoffice.VerbGet, "file", "appointment", map[string]any{"appointmentid": strconv.Itoa(id), "fileId": idOf(f)})
	other := mustCall(t, c, onoffice.VerbGet, "file", "appointment", map[string]any{"appointmentid": id, "fileId": 1})
	if len(one.Records) != 1 || len(other.Records) != 0 {
		t.Errorf("fileId filter: %d and %d records", len(one.Records), len(other.Records))
	}
	runErrCases(t, c, []errCase{
		{"no id", "get", "file", "appointment", map[string]any{}, 117},
		{"unknown", "get", "file", "appointment", map[string]any{"appointmentid": 99999}, 169},
	})
}

func TestAppointmentConflicts(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	s := sb.Store()
	series := firstRecord(t, s, "calendar", func(r Record) bool { return r["rp_flag"] == true })
	// Monday morning during the weekly team meeting (09:00–10:00).
	res := mustCall(t, c, onoffice.VerbGet, "appointmentConflicts", "", map[string]any{
		"data":        map[string]any{"start_dt": "2026-11-23 09:15:00", "end_dt": "2026-11-23 09:45:00", "ressources": []any{"Konferenzraum", "Firmenfahrzeug"}},
		"subscribers": map[string]any{"users": []any{12, 27}},
	})
	if len(res.Records) != 4 || res.Total != 4 || res.Cacheable {
		t.Fatalf("records %d, total %d, cacheable %v", len(res.Records), res.Total, res.Cacheable)
	}
	got := map[string][]string{}
	for i, rec := range res.Records {
		if rec.IDString() != apptConflictOrder[i] || rec.Type != "" {
			t.Errorf("record %d: id %s type %q", i, rec.IDString(), rec.Type)
		}
		var list []map[string]any
		if err := json.Unmarshal(rec.Elements, &list); err != nil {
			t.Fatalf("%s elements are not an array: %s", rec.IDString(), rec.Elements)
		}
		for _, e := range list {
			got[rec.IDString()] = append(got[rec.IDString()], toText(e["id"]))
		}
	}
	if strings.Join(got["conflictedUsers"], ",") != "12" || strings.Join(got["conflictedResources"], ",") != "Konferenzraum" {
		t.Errorf("conflicts %v; the series %d books user 12 and %v", got, idOf(series), series["ressources"])
	}
	// Travel time widens the window; a free evening has no conflicts.
	for _, tc := range []struct {
		name string
		data map[string]any
		want int
	}{
		{"before the meeting", map[string]any{"start_dt": "2026-11-23 08:00:00", "end_dt": "2026-11-23 08:50:00"}, 0},
		{"with travel time", map[string]any{"start_dt": "2026-11-23 08:00:00", "end_dt": "2026-11-23 08:50:00", "allowTransitTime": true, "transitTimePost": "00:30:00"}, 1},
		{"evening", map[string]any{"start_dt": "2026-11-23 21:00:00", "end_dt": "2026-11-23 22:00:00"}, 0},
		{"cancelled plan", map[string]any{"start_dt": "2026-11-23 09:15:00", "end_dt": "2026-11-23 09:45:00", "status": "canceled"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := mustCall(t, c, onoffice.VerbGet, "appointmentConflicts", "", map[string]any{"data": tc.data, "subscribers": map[string]any{"users": []any{12}}})
			var list []any
			_ = json.Unmarshal(res.Records[0].Elements, &list)
			if len(list) != tc.want {
				t.Errorf("conflicted users %v, want %d", list, tc.want)
			}
		})
	}
	// An estate and its contact booked for a seeded appointment.
	r := firstRecord(t, s, "calendar", func(r Record) bool {
		return !apptCancelled(r) && r["rp_flag"] != true && r["ganztags"] != true && apptEstate(s, idOf(r)) != 0 && len(apptAddresses(s, idOf(r))) > 0
	})
	res = mustCall(t, c, onoffice.VerbGet, "appointmentConflicts", "", map[string]any{
		"data":              map[string]any{"start_dt": r["start_dt"], "end_dt": r["end_dt"]},
		"relatedEstateId":   apptEstate(s, idOf(r)),
		"relatedAddressIds": []any{apptAddresses(s, idOf(r))[0]},
	})
	var addrs, estates []map[string]any
	_ = json.Unmarshal(res.Records[2].Elements, &addrs)
	_ = json.Unmarshal(res.Records[3].Elements, &estates)
	if len(addrs) != 1 || len(estates) != 1 || toText(estates[0]["id"]) != strconv.Itoa(apptEstate(s, idOf(r))) {
		t.Errorf("appointment %d: address conflicts %v, estate conflicts %v", idOf(r), addrs, estates)
	}
	runErrCases(t, c, []errCase{
		{"no data", "get", "appointmentConflicts", "", map[string]any{}, 167},
		{"no start", "get", "appointmentConflicts", "", map[string]any{"data": map[string]any{"end_dt": "2026-11-23 09:45:00"}}, 91},
		{"no end", "get", "appointmentConflicts", "", map[string]any{"data": map[string]any{"start_dt": "2026-11-23 09:45:00"}}, 92},
		{"unknown key", "get", "appointmentConflicts", "", map[string]any{"data": map[string]any{"start_dt": "2026-11-23 09:15:00", "end_dt": "2026-11-23 09:45:00", "description": "x"}}, 154},
		{"reversed", "get", "appointmentConflicts", "", map[string]any{"data": map[string]any{"start_dt": "2026-11-23 10:15:00", "end_dt": "2026-11-23 09:45:00"}}, 93},
	})
}

func TestApptBerlinOffset(t *testing.T) {
	for _, tc := range []struct {
		local string
		want  time.Duration
	}{
		{"2026-03-29 01:59:00", time.Hour}, {"2026-03-29 03:00:00", 2 * time.Hour},
		{"2026-10-25 02:59:00", 2 * time.Hour}, {"2026-10-25 03:00:00", time.Hour},
		{"2026-07-01 12:00:00", 2 * time.Hour}, {"2026-12-01 12:00:00", time.Hour},
	} {
		lt, _ := time.Parse(apptLayout, tc.local)
		if got := apptBerlinOffset(lt); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.local, got, tc.want)
		}
	}
	if apptOverallState([]string{"confirmed", "canceled"}) != "confirmed and canceled" || apptOverallState(nil) != "not-set" || apptOverallState([]string{"sent", "not-set"}) != "sent" {
		t.Error("overall confirmation state")
	}
}
