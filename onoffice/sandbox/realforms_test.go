package sandbox

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// TestFieldConfigLikeRealInstallations: "get fields" leaves out the system
// fields real installations leave out, while reads, filters and sorting
// still accept them; search criteria have no fields there.
func TestFieldConfigLikeRealInstallations(t *testing.T) {
	_, c := startAPI(t, nil)
	res := mustCall(t, c, onoffice.VerbGet, "fields", "", map[string]any{"modules": []string{"estate", "agentsLog", "searchCriteria", "searchcriteria", "news"}, "labels": true})
	byModule := map[string]map[string]any{}
	for _, r := range res.Records {
		el := r.Fields()
		if el == nil {
			var list []any
			if json.Unmarshal(r.Elements, &list) != nil || len(list) != 0 {
				t.Errorf("module %s: elements %s", r.IDString(), r.Elements)
			}
			el = map[string]any{}
		}
		byModule[r.IDString()] = el
	}
	for module, absent := range map[string][]string{
		"estate":    {"status", "veroeffentlichen", "verkauft", "reserviert", "referenz", "breitengrad", "virtualAddress", "preisAufAnfrage", "showGoogleMap"},
		"agentsLog": {"Objekt_nr"},
	} {
		for _, name := range absent {
			if _, ok := byModule[module][name]; ok {
				t.Errorf("get fields lists %s.%s; real installations do not", module, name)
			}
		}
	}
	if _, ok := byModule["estate"]["kaufpreis"]; !ok {
		t.Error("estate kaufpreis missing from get fields")
	}
	for _, m := range []string{"searchCriteria", "searchcriteria", "news"} {
		if fields, ok := byModule[m]; !ok || len(fields) != 0 {
			t.Errorf("module %s: want a record with no fields, got %v (present %v)", m, fields, ok)
		}
	}

	read := mustCall(t, c, onoffice.VerbRead, "estate", "", map[string]any{
		"data":   []string{"Id", "status", "veroeffentlichen", "virtualAddress", "breitengrad"},
		"filter": map[string]any{"veroeffentlichen": []any{map[string]any{"op": "=", "val": 1}}, "status": []any{map[string]any{"op": "=", "val": 1}}},
		"sortby": map[string]any{"verkauft": "ASC"}, "listlimit": 5,
	})
	if len(read.Records) == 0 {
		t.Fatal("no published active estate")
	}
	coord := regexp.MustCompile(`^-?\d+\.\d{5}$`)
	for _, r := range read.Records {
		el := r.Fields()
		if el["veroeffentlichen"] != "1" || el["status"] != "1" {
			t.Errorf("filter not applied: %v", el)
		}
		if s, _ := el["breitengrad"].(string); !coord.MatchString(s) {
			t.Errorf("coordinates come with five decimals, got %q", s)
		}
	}
	alog := mustCall(t, c, onoffice.VerbRead, "agentslog", "", map[string]any{"data": []string{"Objekt_nr"}, "listlimit": 1})
	if len(alog.Records) != 1 {
		t.Errorf("agentslog Objekt_nr read: %+v", alog)
	}
}

// TestAlternativeRequestForms: where the docs and working clients send
// different forms, the sandbox answers both alike.
func TestAlternativeRequestForms(t *testing.T) {
	sb, c := startAPI(t, nil)
	alogID := idOf(sb.Store().Table("agentslog").Records[0])
	params := map[string]any{"data": []string{"Aktionsart", "Bemerkung"}}
	docs := mustCall(t, c, onoffice.VerbRead, "agentslog", strconv.Itoa(alogID), params)
	client := mustCall(t, c, onoffice.VerbGet, "agentslog", strconv.Itoa(alogID), params)
	if len(docs.Records) != 1 || !reflect.DeepEqual(docs.Records, client.Records) {
		t.Errorf("read agentslog %v, get agentslog %v", docs.Records, client.Records)
	}

	apptID := idOf(sb.Store().Table("calendar").Records[0])
	docs = mustCall(t, c, onoffice.VerbRead, "calendar", strconv.Itoa(apptID), map[string]any{})
	client = mustCall(t, c, onoffice.VerbGet, "appointmentList", strconv.Itoa(apptID), map[string]any{"data": []string{"subject"}})
	if len(docs.Records) != 1 || !reflect.DeepEqual(docs.Records, client.Records) {
		t.Errorf("read calendar %v, get appointmentList %v", docs.Records, client.Records)
	}

	a := mustCall(t, c, onoffice.VerbRead, "log", "", map[string]any{"listlimit": 3, "listOffset": 2})
	b := mustCall(t, c, onoffice.VerbRead, "log", "", map[string]any{"listlimit": 3, "listoffset": 2})
	if len(a.Records) == 0 || !reflect.DeepEqual(a.Records, b.Records) {
		t.Errorf("listOffset %v, listoffset %v", a.Records, b.Records)
	}

	var estate, file int
	for _, f := range sb.Store().Table("file").Records {
		if f["module"] == "estate" {
			file = idOf(f)
			estate, _ = toInt(f["relatedRecordId"])
			break
		}
	}
	res := mustCall(t, c, onoffice.VerbModify, "file", "", map[string]any{"relationtype": "estate", "parentid": estate, "fileId": file, "title": "Ansicht Süd"})
	if el := res.Records[0].Fields(); el["success"] != "success" {
		t.Errorf("modify file: %v", el)
	}
}

// TestOfficialSDKEnvelope: the official PHP SDK sends "parameters": [] when
// there are none and an empty identifier.
func TestOfficialSDKEnvelope(t *testing.T) {
	sb := New()
	base := serve(t, sb)
	now := time.Now().Unix()
	action := rawAction(DemoToken, DemoSecret, "get", "users", now, []any{})
	action["identifier"] = ""
	ans := post(t, base+StablePath, envelope(DemoToken, action))
	root, per := codes(ans)
	if root != 0 || len(per) != 1 || per[0] != 0 {
		t.Fatalf("SDK envelope refused: %v", ans)
	}
	res := ans["response"].(map[string]any)["results"].([]any)[0].(map[string]any)
	if res["identifier"] != "" {
		t.Errorf("identifier %v, want it echoed empty", res["identifier"])
	}
}

// TestEmptySearchCriteriaRead: a search-criteria read with nothing found
// answers "records": [[]], as real installations do.
func TestEmptySearchCriteriaRead(t *testing.T) {
	_, c := startAPI(t, nil)
	res := mustCall(t, c, onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "filter", "filter": map[string]any{"creationdate": []any{map[string]any{"op": "=", "val": "1900-01-01"}}}, "sortby": "creationdate", "sortorder": "ASC"})
	if len(res.Records) != 0 || !strings.Contains(string(res.Raw), `"records":[[]]`) {
		t.Errorf("want records [[]]: %s", res.Raw)
	}
}

// TestGeoRangeSearch: the radius comes as a string (docs example) or an
// integer (working clients) and filters alike; it is not ignored.
func TestGeoRangeSearch(t *testing.T) {
	_, c := startAPI(t, nil)
	read := func(geo map[string]any) []onoffice.Record {
		t.Helper()
		return mustCall(t, c, onoffice.VerbRead, "estate", "", map[string]any{"data": []string{"ort"}, "georangesearch": geo, "listlimit": 500}).Records
	}
	all := mustCall(t, c, onoffice.VerbRead, "estate", "", map[string]any{"data": []string{"ort"}, "listlimit": 500}).Records
	asString := read(map[string]any{"country": "DEU", "city": "Münster", "radius": "15"})
	asInt := read(map[string]any{"country": "DEU", "city": "Münster", "radius": 15})
	if len(asString) == 0 || len(asString) >= len(all) || !reflect.DeepEqual(asString, asInt) {
		t.Fatalf("radius as string gives %d, as integer %d of %d estates", len(asString), len(asInt), len(all))
	}
	for _, r := range asString {
		if r.Fields()["ort"] != "Münster" {
			t.Errorf("estate %s in %v is not within 15 km of Münster", r.IDString(), r.Fields()["ort"])
		}
	}
	wantCode(t, c, 164, onoffice.VerbRead, "estate", "", map[string]any{"data": []string{"ort"}, "georangesearch": map[string]any{"city": "Münster", "radius": 15}})
}
