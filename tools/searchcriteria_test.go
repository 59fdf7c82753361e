package tools_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// sctFind returns the first seeded criterion for which ok holds.
func sctFind(t *testing.T, h *toolstest.Harness, ok func(r sandbox.Record) bool) sandbox.Record {
	t.Helper()
	for _, r := range h.Sandbox.Store().Table("searchcriteria").Records {
		if ok(r) {
			return r
		}
	}
	t.Fatal("no seeded search criterion fits the test")
	return nil
}

func sctNumber(v any) string {
	switch t := v.(type) {
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case int:
		return strconv.Itoa(t)
	}
	return fmt.Sprint(v)
}

func TestSearchCriteriaReadTool(t *testing.T) {
	h := toolstest.New(t)
	sc := sctFind(t, h, func(r sandbox.Record) bool {
		return r["kaufpreis__von"] != nil && r["kaufpreis__bis"] != nil && r["range"] != nil
	})
	addr := sc["adresse"].(int)
	text := callOK(t, h, "search_criteria_read", fmt.Sprintf(`{"mode":"internal","ids":[%d]}`, addr))
	want := []string{
		strconv.Itoa(atID(sc)),
		sctNumber(sc["kaufpreis__von"]) + "–" + sctNumber(sc["kaufpreis__bis"]),
		fmt.Sprintf("%d km around %s %s", sc["range"], sc["range_plz"], sc["range_ort"]),
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%q missing in:\n%s", w, text)
		}
	}
	text = callOK(t, h, "search_criteria_read", fmt.Sprintf(`{"mode":"searchcriteria","ids":[%d]}`, atID(sc)))
	if !strings.Contains(text, "search criteria "+strconv.Itoa(atID(sc))) || strings.Contains(text, "empty:") {
		t.Errorf("by id:\n%s", text)
	}
	text = callOK(t, h, "search_criteria_read", `{"mode":"filter","filter":{"status":[{"op":"=","val":0}]},"listlimit":3}`)
	if !strings.Contains(text, "Inaktiv") || strings.Contains(text, "| Aktiv") || !strings.Contains(text, `"listoffset":3`) {
		t.Errorf("filter mode:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"no mode", "search_criteria_read", `{"ids":[1]}`, "`mode`"},
		{"bad mode", "search_criteria_read", `{"mode":"address","ids":[1]}`, "`mode`"},
		{"no ids", "search_criteria_read", `{"mode":"internal"}`, "`ids`"},
		{"filter without filter", "search_criteria_read", `{"mode":"filter"}`, "`filter`"},
		{"filter on a criteria field", "search_criteria_read", `{"mode":"filter","filter":{"kaufpreis":[{"op":">","val":1}]}}`, "`filter.kaufpreis`"},
		{"between needs two", "search_criteria_read", `{"mode":"filter","filter":{"creationdate":[{"op":"between","val":"2026-01-01"}]}}`, "`filter.creationdate`"},
		{"bad sort", "search_criteria_read", `{"mode":"internal","ids":[1],"sortby":"kaufpreis"}`, "`sortby`"},
		{"limit zero", "search_criteria_read", `{"mode":"internal","ids":[1],"listlimit":0}`, "`listlimit`"},
	})
}

func TestSearchCriteriaWriteTools(t *testing.T) {
	h := toolstest.New(t)
	store := h.Sandbox.Store()
	a := atPerson(t, h)
	addr := atID(a)
	args := fmt.Sprintf(`{"addressid":%d,"data":{"vermarktungsart":"kauf","objektart":"wohnung","kaufpreis":[250000,400000],"anzahl_zimmer__von":3,"range":10,"range_ort":"Köln","advisor":17}}`, addr)
	p := mustPreview(t, h, "search_criteria_create", args)
	if !strings.Contains(p.Target, str(a["Name"])) || !strings.Contains(strings.Join(p.Changes, "\n"), "kaufpreis__bis: 400000") {
		t.Errorf("preview %+v", p)
	}
	text := callOK(t, h, "search_criteria_create", args)
	var id int
	if _, err := fmt.Sscanf(text, "Search criterion %d created", &id); err != nil {
		t.Fatalf("answer %q", text)
	}
	r := store.Table("searchcriteria").Get(id)
	if r == nil || r["adresse"] != addr || r["kaufpreis__von"] != 250000.0 || r["kaufpreis__bis"] != 400000.0 || r["anzahl_zimmer__von"] != 3.0 ||
		r["range"] != 10 || r["range_breitengrad"] == nil || r["advisor"] != 17 {
		t.Fatalf("stored %v", r)
	}
	read := callOK(t, h, "search_criteria_read", fmt.Sprintf(`{"mode":"internal","ids":[%d]}`, addr))
	if !strings.Contains(read, "250000–400000") || !strings.Contains(read, "10 km around Köln") {
		t.Errorf("read after create:\n%s", read)
	}

	// Modify keeps the advisor although the API would replace it.
	margs := fmt.Sprintf(`{"id":%d,"data":{"kaufpreis":[300000,450000],"sys_status":"0"}}`, id)
	p = mustPreview(t, h, "search_criteria_modify", margs)
	changes := strings.Join(p.Changes, "\n")
	if !strings.Contains(changes, "kaufpreis: «crm-text»250000–400000«/crm-text» → 300000–450000") || !strings.Contains(changes, "sys_status: Aktiv → Inaktiv") ||
		!strings.Contains(p.Target, fmt.Sprintf("search criterion %d of address %d", id, addr)) {
		t.Errorf("preview %+v", p)
	}
	if text := callOK(t, h, "search_criteria_modify", margs); text != fmt.Sprintf("Search criterion %d modified: kaufpreis, sys_status.", id) {
		t.Errorf("answer %q", text)
	}
	r = store.Table("searchcriteria").Get(id)
	if r["kaufpreis__von"] != 300000.0 || r["kaufpreis__bis"] != 450000.0 || r["status"] != 0 || r["advisor"] != 17 {
		t.Errorf("after modify %v", r)
	}

	p = mustPreview(t, h, "search_criteria_delete", fmt.Sprintf(`{"id":%d}`, id))
	if !strings.Contains(p.Changes[0], "kaufpreis 300000–450000") || !strings.Contains(p.Target, str(a["Name"])) {
		t.Errorf("delete preview %+v", p)
	}
	callOK(t, h, "search_criteria_delete", fmt.Sprintf(`{"id":%d}`, id))
	if store.Table("searchcriteria").Get(id) != nil {
		t.Errorf("criterion %d not deleted", id)
	}
	if _, err := preview(t, h, "search_criteria_delete", fmt.Sprintf(`{"id":%d}`, id)); err == nil || !strings.Contains(err.Error(), "`id`") {
		t.Errorf("preview of a deleted criterion: %v", err)
	}
	wantAPIError(t, h, "second delete", "search_criteria_delete", fmt.Sprintf(`{"id":%d}`, id), "95")

	runBadCalls(t, h, []badCall{
		{"no address", "search_criteria_create", `{"data":{"objektart":"haus"}}`, "`addressid`"},
		{"no data", "search_criteria_create", fmt.Sprintf(`{"addressid":%d}`, addr), "`data`"},
		{"empty data", "search_criteria_create", fmt.Sprintf(`{"addressid":%d,"data":{}}`, addr), "`data`"},
		{"range as scalar", "search_criteria_create", fmt.Sprintf(`{"addressid":%d,"data":{"kaufpreis":300000}}`, addr), "`data.kaufpreis`"},
		{"range not numbers", "search_criteria_create", fmt.Sprintf(`{"addressid":%d,"data":{"kaufpreis":["viel",1]}}`, addr), "`data.kaufpreis.0`"},
		{"radius without centre", "search_criteria_create", fmt.Sprintf(`{"addressid":%d,"data":{"range":10}}`, addr), "`data.range`"},
		{"bad key", "search_criteria_create", fmt.Sprintf(`{"addressid":%d,"data":{"objektart":"Raumschiff"}}`, addr), "`data.objektart`"},
		{"unknown field", "search_criteria_create", fmt.Sprintf(`{"addressid":%d,"data":{"kaufpreiss":1}}`, addr), "`data`"},
		{"status on create", "search_criteria_create", fmt.Sprintf(`{"addressid":%d,"data":{"sys_status":"0"}}`, addr), "`data.sys_status`"},
		{"system field", "search_criteria_modify", `{"id":1201,"data":{"creationdate":"2026-01-01"}}`, "`data.creationdate`"},
		{"status field", "search_criteria_modify", `{"id":1201,"data":{"status":0}}`, "`data.status`"},
		{"bad sys_status", "search_criteria_modify", `{"id":1201,"data":{"sys_status":"ja"}}`, "`data.sys_status`"},
		{"modify without id", "search_criteria_modify", `{"data":{"objektart":"haus"}}`, "`id`"},
		{"delete without id", "search_criteria_delete", `{}`, "`id`"},
	})
	runRefusedReferences(t, h, []badCall{
		{"advisor no user", "search_criteria_modify", `{"id":1201,"data":{"advisor":"niemand"}}`, "`data.advisor`"},
		{"advisor unknown id", "search_criteria_modify", `{"id":1201,"data":{"advisor":99999}}`, "`data.advisor`"},
	})
	// The advisor may be named by login: it becomes the user id.
	user := h.Sandbox.Store().Table("user").Records[0]
	callOK(t, h, "search_criteria_modify", fmt.Sprintf(`{"id":1201,"data":{"advisor":%q}}`, user["Name"]))
	if got, want := h.Sandbox.Store().Table("searchcriteria").Get(1201)["advisor"], user["Id"]; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("advisor stored as %v, want the user id %v", got, want)
	}
}

func TestSearchCriteriaFieldsTool(t *testing.T) {
	h := toolstest.New(t)
	text := callOK(t, h, "search_criteria_fields", `{}`)
	for _, want := range []string{"Preise:", "- kaufpreis (Kaufpreis) float range (kaufpreis__von/kaufpreis__bis) k.o.-capable only for marketing kauf",
		"- vermarktungsart (Vermarktungsart) singleselect", "kauf=Kauf", "- range_plz (Umkreis PLZ) varchar"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing in:\n%s", want, text)
		}
	}
	text = callOK(t, h, "search_criteria_fields", `{"language":"ENG","additionalTranslations":true}`)
	if !strings.Contains(text, "kaufpreis (Purchase price)") || !strings.Contains(text, "kaufpreis__von=Purchase price from") {
		t.Errorf("English:\n%s", text)
	}
	runBadCalls(t, h, []badCall{{"bad language", "search_criteria_fields", `{"language":"en"}`, "`language`"}})
}

func TestSearchCriteriaSearchTool(t *testing.T) {
	h := toolstest.New(t)
	store := h.Sandbox.Store()
	sc := sctFind(t, h, func(r sandbox.Record) bool {
		return r["status"] == 1 && r["vermarktungsart"] == "kauf" && r["range"] != nil && r["kaufpreis__bis"] != nil && r["sysExpiryDate"] == nil
	})
	price := sc["kaufpreis__bis"].(float64) - 1000
	args := fmt.Sprintf(`{"searchdata":{"vermarktungsart":"kauf","objektart":%q,"kaufpreis":%s,"range_plz":%q},"groupbyaddress":false,"limit":100,"outputfields":["kaufpreis__bis"]}`,
		sc["objektart"], sctNumber(price), sc["range_plz"])
	text := callOK(t, h, "search_criteria_search", args)
	owner := store.Table("address").Get(sc["adresse"].(int))
	if !strings.Contains(text, strconv.Itoa(atID(sc))) || !strings.Contains(text, str(owner["Name"])) || !strings.Contains(text, sctNumber(sc["kaufpreis__bis"])) {
		t.Errorf("criterion %d of %v missing in:\n%s", atID(sc), owner["Name"], text)
	}
	// The sandbox answers the count; the tool reports it.
	text = callOK(t, h, "search_criteria_search", `{"searchdata":{"vermarktungsart":"kauf"},"groupbyaddress":false,"limit":0}`)
	want := 0
	for _, r := range store.Table("searchcriteria").Records {
		if r["status"] == 1 && r["vermarktungsart"] == "kauf" && (r["sysExpiryDate"] == nil || r["sysExpiryDate"].(string) >= "2026-11-02") {
			want++
		}
	}
	if text != fmt.Sprintf("%d matching search criteria.", want) {
		t.Errorf("count %q, want %d", text, want)
	}
	text = callOK(t, h, "search_criteria_search", `{"searchdata":{"vermarktungsart":"kauf"},"limit":2}`)
	if !strings.Contains(text, `"offset":2`) {
		t.Errorf("paging hint missing:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"no searchdata", "search_criteria_search", `{}`, "`searchdata`"},
		{"empty searchdata", "search_criteria_search", `{"searchdata":{}}`, "`searchdata`"},
		{"bound instead of value", "search_criteria_search", `{"searchdata":{"kaufpreis__bis":300000}}`, "`searchdata.kaufpreis__bis`"},
		{"unknown field", "search_criteria_search", `{"searchdata":{"kaufpreiss":300000}}`, "`searchdata`"},
		{"list value", "search_criteria_search", `{"searchdata":{"objektart":["haus"]}}`, "`searchdata.objektart`"},
		{"unknown output field", "search_criteria_search", `{"searchdata":{"objektart":"haus"},"outputfields":["kaufpreiss"]}`, "`outputfields`"},
		{"bad order", "search_criteria_search", `{"searchdata":{"objektart":"haus"},"order":{"kaufpreis__bis":"down"}}`, "`order.kaufpreis__bis`"},
		{"limit too high", "search_criteria_search", `{"searchdata":{"objektart":"haus"},"limit":501}`, "`limit`"},
	})
}

// TestSearchCriteriaReadAll: without mode every profile comes back, active
// and inactive, page by page, with no filter the model had to make up.
func TestSearchCriteriaReadAll(t *testing.T) {
	t.Parallel()
	h := toolstest.New(t)
	recs := h.Sandbox.Store().Table("searchcriteria").Records
	inactive := 0
	for _, r := range recs {
		if fmt.Sprint(r["status"]) == "0" {
			inactive++
		}
	}
	if inactive == 0 {
		t.Fatal("the seed has no inactive profile: the test would prove nothing")
	}
	seen := map[string]bool{}
	args := `{"listlimit":40}`
	for page := 0; page < 20 && args != ""; page++ {
		res := h.Call(t, "search_criteria_read", args)
		if res.IsError {
			t.Fatalf("%s: %s", args, res.Text)
		}
		for _, line := range strings.Split(res.Text, "\n") {
			if id, ok := strings.CutPrefix(line, "- id "); ok {
				seen[id] = true
			} else if id, _, ok := strings.Cut(line, "|"); ok && id != "id" {
				seen[id] = true
			}
		}
		args = ""
		if _, next, ok := strings.Cut(res.Text, "next page: "); ok {
			args = strings.TrimSuffix(strings.TrimSpace(next), "]")
		}
	}
	if len(seen) != len(recs) {
		t.Errorf("read %d profiles over all pages, the CRM has %d", len(seen), len(recs))
	}
	if res := h.Call(t, "search_criteria_read", `{"ids":[1]}`); !res.IsError || !strings.Contains(res.Text, "`mode`") {
		t.Errorf("ids without mode: %+v", res)
	}
}
