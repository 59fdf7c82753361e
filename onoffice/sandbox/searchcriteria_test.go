package sandbox

import (
	"encoding/json"
	"sort"
	"strconv"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// scOf returns the stored criteria of an address.
func scOf(s *Store, addressID int) []Record {
	var out []Record
	for _, r := range s.Table("searchcriteria").Records {
		if r["adresse"] == addressID {
			out = append(out, r)
		}
	}
	return out
}

func scIDList(res onoffice.Result) []string {
	var ids []string
	for _, r := range res.Records {
		ids = append(ids, r.IDString())
	}
	return ids
}

func TestSearchCriteriaRead(t *testing.T) {
	sb, c := startAPIAt(t, adrNow)
	s := sb.Store()
	withRange := firstRecord(t, s, "searchcriteria", func(r Record) bool { return r["range"] != nil && r["kaufpreis__bis"] != nil })
	addr := withRange["adresse"].(int)
	want := scOf(s, addr)

	res := mustCall(t, c, onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "internal", "ids": []int{addr}})
	if len(res.Records) != len(want) || res.Total != -1 || !res.Cacheable {
		t.Fatalf("mode internal: %d records (total %d), want %d", len(res.Records), res.Total, len(want))
	}
	var el map[string]any
	for _, r := range res.Records {
		if r.IDString() == strconv.Itoa(idOf(withRange)) {
			el = r.Fields()
		}
		if r.Type != "searchcriteria" {
			t.Errorf("record type %q", r.Type)
		}
	}
	if el == nil {
		t.Fatalf("criterion %d not in %v", idOf(withRange), scIDList(res))
	}
	meta, _ := el["_meta"].(map[string]any)
	rng, _ := el["Range"].(map[string]any)
	price, _ := el["range_kaufpreis"].([]any)
	if meta["internaladdressid"] != float64(addr) || meta["advisor"] != float64(withRange["advisor"].(int)) ||
		meta["externaladdressid"] != strconv.Itoa(s.Table("address").Get(addr)["KdNr"].(int)) {
		t.Errorf("_meta %v", meta)
	}
	if rng["range"] != strconv.Itoa(withRange["range"].(int)) || rng["range_plz"] != withRange["range_plz"] {
		t.Errorf("Range %v for %v", rng, withRange)
	}
	if len(price) != 2 || price[1] != scNumber(withRange["kaufpreis__bis"]) {
		t.Errorf("range_kaufpreis %v, want bis %v", price, withRange["kaufpreis__bis"])
	}
	if art, _ := el["objektart"].([]any); len(art) != 1 || art[0] != withRange["objektart"] {
		t.Errorf("objektart %v, want [%v]", el["objektart"], withRange["objektart"])
	}

	res = mustCall(t, c, onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "searchcriteria", "ids": []int{idOf(withRange)}})
	if len(res.Records) != 1 || res.Records[0].IDString() != strconv.Itoa(idOf(withRange)) {
		t.Errorf("mode searchcriteria: %v", scIDList(res))
	}
	kdnr := s.Table("address").Get(addr)["KdNr"].(int)
	res = mustCall(t, c, onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "external", "ids": []int{kdnr}})
	if len(res.Records) != len(want) {
		t.Errorf("mode external: %d records, want %d", len(res.Records), len(want))
	}

	// Filter mode over the _meta names.
	active := 0
	for _, r := range s.Table("searchcriteria").Records {
		if r["status"] == 1 && r["adresse"].(int) > addr {
			active++
		}
	}
	res = mustCall(t, c, onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "filter",
		"filter": map[string]any{"status": []any{map[string]any{"op": "=", "val": "1"}}, "internaladdressid": []any{map[string]any{"op": ">", "val": addr}}},
		"sortby": "internaladdressid", "sortorder": "DESC", "listlimit": 500,
	})
	if len(res.Records) != active || active == 0 {
		t.Fatalf("filter mode: %d records, want %d", len(res.Records), active)
	}
	prev := 1 << 30
	for _, r := range res.Records {
		m := r.Fields()["_meta"].(map[string]any)
		id := int(m["internaladdressid"].(float64))
		if id > prev || id <= addr || m["status"] != float64(1) {
			t.Fatalf("filter/sort broken at %v", m)
		}
		prev = id
	}
	page := mustCall(t, c, onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "filter",
		"filter": map[string]any{"status": []any{map[string]any{"op": "=", "val": "1"}}}, "sortby": "creationdate", "sortorder": "ASC",
		"listlimit": 5, "listoffset": 5})
	if len(page.Records) != 5 {
		t.Errorf("paging: %d records", len(page.Records))
	}
	many := make([]int, 501)
	runErrCases(t, c, []errCase{
		{"no mode", onoffice.VerbGet, "searchcriterias", "", map[string]any{"ids": []int{addr}}, 167},
		{"unknown mode", onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "address", "ids": []int{addr}}, 204},
		{"no ids", onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "internal"}, 167},
		{"filter without sort", onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "filter", "filter": map[string]any{"status": []any{map[string]any{"op": "=", "val": 1}}}}, 167},
		{"unknown filter field", onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "filter", "sortby": "status", "sortorder": "ASC", "filter": map[string]any{"kaufpreis": []any{map[string]any{"op": "=", "val": 1}}}}, 141},
		{"unknown sort field", onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "filter", "sortby": "kaufpreis", "sortorder": "ASC", "filter": map[string]any{"status": []any{map[string]any{"op": "=", "val": 1}}}}, 212},
		{"unknown criterion", onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "searchcriteria", "ids": []int{1}}, 95},
		{"too many ids", onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "internal", "ids": many}, 302},
	})
}

func TestSearchCriteriaWrite(t *testing.T) {
	sb, c := startAPIAt(t, adrNow)
	s := sb.Store()
	addr := idOf(s.Table("address").Records[40])
	res := mustCall(t, c, onoffice.VerbCreate, "searchcriteria", "", map[string]any{"addressid": addr, "data": map[string]any{
		"vermarktungsart": "kauf", "objektart": "wohnung", "kaufpreis__von": "250000", "kaufpreis__bis": "380000",
		"anzahl_zimmer__von": "3", "range_plz": "50823", "range_ort": "Köln", "range_land": "DEU", "range": "10",
		"krit_bemerkung_oeffentlich": "Balkon oder Terrasse", "advisor": 17,
	}})
	if len(res.Records) != 1 || string(res.Records[0].Elements) != "[]" {
		t.Fatalf("create answer %+v", res.Records)
	}
	id, _ := strconv.Atoi(res.Records[0].IDString())
	r := s.Table("searchcriteria").Get(id)
	if r == nil || r["adresse"] != addr || r["kaufpreis__bis"] != 380000.0 || r["advisor"] != 17 || r["creator"] != idOf(apiCallerUser(s)) ||
		r["status"] != 1 || r["creationdate"] != "2026-11-02" || r["range"] != 10 {
		t.Fatalf("stored %v", r)
	}
	if lat, _ := r["range_breitengrad"].(float64); lat < 50.8 || lat > 51.0 {
		t.Errorf("radius centre not geocoded: %v", r["range_breitengrad"])
	}
	linked := false
	for _, rel := range s.Relations {
		linked = linked || (rel.Type == relTypeAddressSearchCriteria && rel.Parent == addr && rel.Child == id)
	}
	if !linked {
		t.Errorf("no address:searchcriteria relation")
	}
	el := mustCall(t, c, onoffice.VerbGet, "searchcriterias", "", map[string]any{"mode": "searchcriteria", "ids": []int{id}}).Records[0].Fields()
	if p, _ := el["range_kaufpreis"].([]any); len(p) != 2 || p[0] != "250000" || p[1] != "380000" {
		t.Errorf("read back %v", el)
	}

	// Modify with the range form; without advisor the API user takes over.
	mustCall(t, c, onoffice.VerbModify, "searchcriteria", strconv.Itoa(id), map[string]any{"data": map[string]any{
		"kaufpreis": []any{"300000", "420000"}, "objekttyp": []string{"etage", "penthouse"}, "sys_status": "0",
		"sys_ko": []string{"kaufpreis", "objektart"}, "sysExpiryDate": "2027-03-31",
	}})
	r = s.Table("searchcriteria").Get(id)
	if r["kaufpreis__von"] != 300000.0 || r["kaufpreis__bis"] != 420000.0 || r["status"] != 0 || r["advisor"] != idOf(apiCallerUser(s)) ||
		r["sysExpiryDate"] != "2027-03-31" || r["editdate"] != "2026-11-02 10:00:00" {
		t.Errorf("after modify %v", r)
	}
	runErrCases(t, c, []errCase{
		{"no address", onoffice.VerbCreate, "searchcriteria", "", map[string]any{"data": map[string]any{"objektart": "haus"}}, 167},
		{"unknown address", onoffice.VerbCreate, "searchcriteria", "", map[string]any{"addressid": 99999999, "data": map[string]any{"objektart": "haus"}}, 292},
		{"no data", onoffice.VerbCreate, "searchcriteria", "", map[string]any{"addressid": addr}, 167},
		{"unknown field", onoffice.VerbCreate, "searchcriteria", "", map[string]any{"addressid": addr, "data": map[string]any{"preis": "1"}}, 75},
		{"range scalar", onoffice.VerbCreate, "searchcriteria", "", map[string]any{"addressid": addr, "data": map[string]any{"kaufpreis": "300000"}}, 255},
		{"radius without centre", onoffice.VerbCreate, "searchcriteria", "", map[string]any{"addressid": addr, "data": map[string]any{"range": "10"}}, 164},
		{"radius unknown place", onoffice.VerbCreate, "searchcriteria", "", map[string]any{"addressid": addr, "data": map[string]any{"range": "10", "range_ort": "Atlantis"}}, 164},
		{"bad select key", onoffice.VerbCreate, "searchcriteria", "", map[string]any{"addressid": addr, "data": map[string]any{"objektart": "schloss"}}, 77},
		{"address in data", onoffice.VerbModify, "searchcriteria", strconv.Itoa(id), map[string]any{"data": map[string]any{"adresse": 1}}, 144},
		{"unknown advisor", onoffice.VerbModify, "searchcriteria", strconv.Itoa(id), map[string]any{"data": map[string]any{"advisor": 999}}, 184},
		{"bad sys_status", onoffice.VerbModify, "searchcriteria", strconv.Itoa(id), map[string]any{"data": map[string]any{"sys_status": "2"}}, 255},
		{"modify no data", onoffice.VerbModify, "searchcriteria", strconv.Itoa(id), map[string]any{}, 167},
		{"modify unknown", onoffice.VerbModify, "searchcriteria", "1", map[string]any{"data": map[string]any{"objektart": "haus"}}, 95},
		{"modify no id", onoffice.VerbModify, "searchcriteria", "", map[string]any{"data": map[string]any{"objektart": "haus"}}, 79},
		{"delete unknown", onoffice.VerbDelete, "searchcriteria", "1", nil, 95},
		{"delete no id", onoffice.VerbDelete, "searchcriteria", "", nil, 79},
	})
	if r := s.Table("searchcriteria").Get(id); r["advisor"] != idOf(apiCallerUser(s)) || r["objektart"] != "wohnung" {
		t.Errorf("a failed modify changed the criterion: %v", r)
	}

	res = mustCall(t, c, onoffice.VerbDelete, "searchcriteria", strconv.Itoa(id), nil)
	if res.Records[0].Fields()["success"] != "success" || s.Table("searchcriteria").Get(id) != nil {
		t.Fatalf("delete: %+v", res.Records)
	}
	for _, rel := range s.Relations {
		if rel.Type == relTypeAddressSearchCriteria && rel.Child == id {
			t.Errorf("relation of the deleted criterion kept")
		}
	}
}

func TestSearchCriteriaFields(t *testing.T) {
	_, c := startAPIAt(t, adrNow)
	type field struct {
		ID                     string            `json:"id"`
		Name                   string            `json:"name"`
		Type                   string            `json:"type"`
		KO                     string            `json:"ko"`
		RangeField             string            `json:"rangefield"`
		Vermarktungsarten      string            `json:"vermarktungsarten"`
		Values                 map[string]string `json:"values"`
		AdditionalTranslations map[string]string `json:"additionalTranslations"`
	}
	read := func(params map[string]any) (map[string]field, []string) {
		res := mustCall(t, c, onoffice.VerbGet, "searchCriteriaFields", "", params)
		fields, cats := map[string]field{}, []string{}
		for _, r := range res.Records {
			var el struct {
				Name   string  `json:"name"`
				Fields []field `json:"fields"`
			}
			if err := json.Unmarshal(r.Elements, &el); err != nil {
				t.Fatalf("category %s: %v", r.Elements, err)
			}
			cats = append(cats, el.Name)
			for _, f := range el.Fields {
				fields[f.ID] = f
			}
		}
		return fields, cats
	}
	fields, cats := read(nil)
	kp := fields["kaufpreis"]
	if kp.Name != "Kaufpreis" || kp.RangeField != "true" || kp.KO != "true" || kp.Vermarktungsarten != "kauf" ||
		kp.Type != "urn:onoffice-de-ns:smart:2.5:dbAccess:dataType:float" || kp.AdditionalTranslations != nil {
		t.Errorf("kaufpreis %+v", kp)
	}
	if va := fields["vermarktungsart"]; va.Type != "singleselect" || va.Values["kauf"] != "Kauf" {
		t.Errorf("vermarktungsart %+v", va)
	}
	for _, hidden := range []string{"kaufpreis__von", "adresse", "range_breitengrad", "Id"} {
		if _, ok := fields[hidden]; ok {
			t.Errorf("%s listed", hidden)
		}
	}
	if _, ok := fields["range_plz"]; !ok || !sort.StringsAreSorted([]string{"a"}) || len(cats) < 4 {
		t.Errorf("categories %v", cats)
	}
	fields, cats = read(map[string]any{"language": "ENG", "additionalTranslations": true})
	kp = fields["kaufpreis"]
	if kp.Name != "Purchase price" || kp.AdditionalTranslations["kaufpreis__von"] != "Purchase price from" || cats[0] == "Kategorie" {
		t.Errorf("English: %+v %v", kp, cats)
	}
	runErrCases(t, c, []errCase{{"bad language", onoffice.VerbGet, "searchCriteriaFields", "", map[string]any{"language": "english"}, 160}})
}

func TestSearchCriteriaMatching(t *testing.T) {
	sb, c := startAPIAt(t, adrNow)
	s := sb.Store()
	sc := firstRecord(t, s, "searchcriteria", func(r Record) bool {
		return r["status"] == 1 && r["vermarktungsart"] == "kauf" && r["range"] != nil && r["kaufpreis__bis"] != nil && r["sysExpiryDate"] == nil
	})
	bis := sc["kaufpreis__bis"].(float64)
	search := func(params map[string]any) onoffice.Result {
		return mustCall(t, c, onoffice.VerbGet, "search", "searchcriteria", params)
	}
	data := map[string]any{"vermarktungsart": "kauf", "objektart": sc["objektart"], "kaufpreis": scNumber(bis - 1000), "range_plz": sc["range_plz"]}
	res := search(map[string]any{"searchdata": data, "groupbyaddress": false, "limit": 500, "outputfields": []string{"kaufpreis__bis", "objektart"}})
	found := false
	for _, r := range res.Records {
		el := r.Fields()
		id, _ := strconv.Atoi(el["Id"].(string))
		stored := s.Table("searchcriteria").Get(id)
		if r.Type != "searchcriteria" || el["adresse"] != strconv.Itoa(stored["adresse"].(int)) || stored["status"] != 1 ||
			stored["vermarktungsart"] != "kauf" || el["objektart"] != stored["objektart"] {
			t.Errorf("hit %v does not fit (stored %v)", el, stored)
		}
		if b, ok := stored["kaufpreis__bis"].(float64); ok && b < bis-1000 {
			t.Errorf("hit %d has kaufpreis__bis %v below the price", id, b)
		}
		found = found || id == idOf(sc)
	}
	if !found || res.Total != len(res.Records) {
		t.Fatalf("criterion %d not found by %v (%d hits, total %d)", idOf(sc), data, len(res.Records), res.Total)
	}
	// Too expensive: the criterion drops out.
	data["kaufpreis"] = scNumber(bis + 50000)
	for _, r := range search(map[string]any{"searchdata": data, "groupbyaddress": false, "limit": 500}).Records {
		if r.IDString() == strconv.Itoa(idOf(sc)) {
			t.Errorf("criterion %d matched a price above its maximum", idOf(sc))
		}
	}
	// Far away: outside the radius.
	far := map[string]any{"vermarktungsart": "kauf", "objektart": sc["objektart"], "range_ort": "München"}
	if sc["range_ort"] == "München" {
		far["range_ort"] = "Hamburg"
	}
	for _, r := range search(map[string]any{"searchdata": far, "groupbyaddress": false, "limit": 500}).Records {
		if r.IDString() == strconv.Itoa(idOf(sc)) {
			t.Errorf("criterion %d matched outside its radius", idOf(sc))
		}
	}
	// Count only, grouping and order.
	all := search(map[string]any{"searchdata": map[string]any{"vermarktungsart": "kauf"}, "groupbyaddress": false, "limit": 500})
	count := search(map[string]any{"searchdata": map[string]any{"vermarktungsart": "kauf"}, "groupbyaddress": false, "limit": 0})
	if len(count.Records) != 0 || count.Total != all.Total || all.Total < 2 {
		t.Errorf("count only: %d records, total %d vs %d", len(count.Records), count.Total, all.Total)
	}
	grouped := search(map[string]any{"searchdata": map[string]any{"vermarktungsart": "kauf"}, "limit": 500, "order": map[string]any{"kaufpreis__bis": "DESC"}, "outputfields": []string{"kaufpreis__bis"}})
	seen := map[string]bool{}
	prev := 1e18
	for _, r := range grouped.Records {
		el := r.Fields()
		if seen[el["adresse"].(string)] {
			t.Errorf("address %v twice despite groupbyaddress", el["adresse"])
		}
		seen[el["adresse"].(string)] = true
		v, _ := strconv.ParseFloat(el["kaufpreis__bis"].(string), 64)
		if v > prev {
			t.Fatalf("not ordered by kaufpreis__bis DESC: %v after %v", v, prev)
		}
		prev = v
	}
	page := search(map[string]any{"searchdata": map[string]any{"vermarktungsart": "kauf"}, "groupbyaddress": false, "limit": 3, "offset": 2})
	if len(page.Records) != 3 || page.Records[0].IDString() != all.Records[2].IDString() {
		t.Errorf("offset/limit: %v vs %v", scIDList(page), scIDList(all)[:5])
	}
	outAll := search(map[string]any{"searchdata": map[string]any{"vermarktungsart": "kauf"}, "limit": 1, "outputall": true})
	if el := outAll.Records[0].Fields(); el["vermarktungsart"] != "kauf" || el["objektart"] == nil {
		t.Errorf("outputall %v", el)
	}
	runErrCases(t, c, []errCase{
		{"no searchdata", onoffice.VerbGet, "search", "searchcriteria", map[string]any{}, 167},
		{"unknown field", onoffice.VerbGet, "search", "searchcriteria", map[string]any{"searchdata": map[string]any{"preis": "1"}}, 75},
		{"latitude only", onoffice.VerbGet, "search", "searchcriteria", map[string]any{"searchdata": map[string]any{"range_breitengrad": "51.9"}}, 164},
		{"unknown place", onoffice.VerbGet, "search", "searchcriteria", map[string]any{"searchdata": map[string]any{"range_ort": "Atlantis"}}, 164},
		{"unknown order field", onoffice.VerbGet, "search", "searchcriteria", map[string]any{"searchdata": map[string]any{"vermarktungsart": "kauf"}, "order": []any{"preis"}}, 212},
		{"unknown output field", onoffice.VerbGet, "search", "searchcriteria", map[string]any{"searchdata": map[string]any{"vermarktungsart": "kauf"}, "outputfields": []string{"preis"}}, 75},
	})
}
