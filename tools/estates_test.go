package tools_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

func estRecord(h *toolstest.Harness, table string, id int) sandbox.Record {
	return h.Sandbox.Store().Table(table).Get(id)
}

// estFiles returns the files of an estate ordered by id.
func estFiles(h *toolstest.Harness, estate int) []sandbox.Record {
	var out []sandbox.Record
	for _, f := range h.Sandbox.Store().Table("file").Records {
		if f["module"] == "estate" && f["relatedRecordId"] == estate {
			out = append(out, f)
		}
	}
	return out
}

// estWithFiles picks the first estate with at least n files of a kind.
func estWithFiles(t *testing.T, h *toolstest.Harness, n int, kind string) int {
	t.Helper()
	count := map[int]int{}
	for _, f := range h.Sandbox.Store().Table("file").Records {
		if f["module"] == "estate" && (kind == "" || f["type"] == kind) {
			count[f["relatedRecordId"].(int)]++
		}
	}
	var ids []int
	for id, c := range count {
		if c >= n {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		t.Fatalf("no estate with %d files of kind %q", n, kind)
	}
	sort.Ints(ids)
	return ids[0]
}

func TestEstateCreateAndModifyTools(t *testing.T) {
	t.Parallel()
	h := toolstest.New(t)
	create := `{"data":{"objektart":"wohnung","objekttyp":"etage","vermarktungsart":"miete","nutzungsart":"wohnen","objekttitel":"Helle 3-Zimmer-Wohnung","ort":"Münster","kaltmiete":980,"heizungsart":["zentral"],"balkon_terrasse":true}}`
	p, err := preview(t, h, "estate_create", create)
	if err != nil || p.Target != `new estate "Helle 3-Zimmer-Wohnung"` || !strings.Contains(strings.Join(p.Changes, "\n"), "objektart: Wohnung (wohnung)") {
		t.Errorf("create preview %+v, %v", p, err)
	}
	text := callOK(t, h, "estate_create", create)
	id := 0
	if _, err := fmt.Sscanf(text, "Estate %d created", &id); err != nil {
		t.Fatalf("create answer %q", text)
	}
	stored := estRecord(h, "estate", id)
	if stored == nil || stored["objekttitel"] != "Helle 3-Zimmer-Wohnung" || stored["kaltmiete"] != 980.0 || stored["balkon_terrasse"] != true {
		t.Fatalf("stored estate %v", stored)
	}
	if read := callOK(t, h, "estate_read", fmt.Sprintf(`{"id":%d,"data":["objekttitel","kaltmiete"]}`, id)); !strings.Contains(read, "Helle 3-Zimmer-Wohnung") {
		t.Errorf("read after create: %s", read)
	}

	// Modify an existing estate: the preview shows before → after.
	estate := sandbox.Record(nil)
	for _, e := range h.Sandbox.Store().Table("estate").Records {
		if e["vermarktungsart"] == "kauf" && e["kaufpreis"] != nil && e["language"] == "" {
			estate = e
			break
		}
	}
	eid := estate["Id"].(int)
	modify := fmt.Sprintf(`{"id":%d,"data":{"kaufpreis":375000,"reserviert":1}}`, eid)
	p, err = preview(t, h, "estate_modify", modify)
	if err != nil {
		t.Fatal(err)
	}
	wantTarget := fmt.Sprintf("estate %d %s", eid, condense.Untrusted(estate["objekttitel"].(string)))
	wantPrice := fmt.Sprintf("kaufpreis: %s → 375000", strconv.FormatFloat(estate["kaufpreis"].(float64), 'f', -1, 64))
	if p.Target != wantTarget || p.RecordID != strconv.Itoa(eid) || !strings.Contains(strings.Join(p.Changes, "\n"), wantPrice) ||
		!strings.Contains(strings.Join(p.Changes, "\n"), "reserviert: no → yes") {
		t.Errorf("modify preview %+v, want target %s and %q", p, wantTarget, wantPrice)
	}
	if text := callOK(t, h, "estate_modify", modify); text != fmt.Sprintf("Estate %d modified: kaufpreis, reserviert.", eid) {
		t.Errorf("modify answer %q", text)
	}
	if e := estRecord(h, "estate", eid); e["kaufpreis"] != 375000.0 || e["reserviert"] != true {
		t.Errorf("stored after modify: kaufpreis %v reserviert %v", e["kaufpreis"], e["reserviert"])
	}
	if _, err := preview(t, h, "estate_modify", `{"id":99,"data":{"ort":"x"}}`); err == nil || !strings.Contains(err.Error(), "`id`") {
		t.Errorf("preview of a missing estate: %v", err)
	}

	runBadCalls(t, h, []badCall{
		{"no data", "estate_create", `{}`, "`data`"},
		{"empty data", "estate_create", `{"data":{}}`, "`data`"},
		{"unknown field", "estate_create", `{"data":{"kaufpreiss":1}}`, "`data`"},
		{"neither key nor label", "estate_create", `{"data":{"objektart":"Raumschiff"}}`, "`data.objektart`"},
		{"unknown key", "estate_modify", fmt.Sprintf(`{"id":%d,"data":{"heizungsart":["zentral","gas"]}}`, eid), "`data.heizungsart`"},
		{"list for singleselect", "estate_modify", fmt.Sprintf(`{"id":%d,"data":{"objektart":["haus"]}}`, eid), "`data.objektart`"},
		{"text for number", "estate_modify", fmt.Sprintf(`{"id":%d,"data":{"kaufpreis":"teuer"}}`, eid), "`data.kaufpreis`"},
		{"bad date", "estate_modify", fmt.Sprintf(`{"id":%d,"data":{"abdatum":"1.1.2027"}}`, eid), "`data.abdatum`"},
		{"no id", "estate_modify", `{"data":{"ort":"Köln"}}`, "`id`"},
		{"id as text", "estate_modify", `{"id":"drei","data":{"ort":"Köln"}}`, "`id`"},
		{"bad language", "estate_modify", fmt.Sprintf(`{"id":%d,"data":{"ort":"x"},"estatelanguage":"en"}`, eid), "`estatelanguage`"},
	})
}

func TestEstateFileTools(t *testing.T) {
	t.Parallel()
	h := toolstest.New(t)
	estate := estWithFiles(t, h, 2, "Foto")
	files := estFiles(h, estate)
	text := callOK(t, h, "estate_file_list", fmt.Sprintf(`{"estateid":%d}`, estate))
	if !strings.Contains(text, fmt.Sprintf("of %d", len(files))) {
		t.Errorf("file count missing: %s", text)
	}
	for _, f := range files {
		if !strings.Contains(text, strconv.Itoa(f["Id"].(int))) || !strings.Contains(text, f["originalname"].(string)) {
			t.Errorf("file %v missing in:\n%s", f["Id"], text)
		}
		if strings.Contains(text, f["name"].(string)) {
			t.Errorf("storage name of file %v shown", f["Id"])
		}
	}
	// A single file comes with content from onOffice; it is never shown.
	one := callOK(t, h, "estate_file_list", fmt.Sprintf(`{"estateid":%d,"fileid":%d}`, estate, files[0]["Id"]))
	if !strings.Contains(one, "not shown") || len(one) > 2000 {
		t.Errorf("single file answer (%d chars): %s", len(one), one)
	}
	if p := lastRequest(t, h, "file").Parameters; p["fileid"] == nil || p["estateid"] == nil {
		t.Errorf("sent %v", p)
	}

	// Pictures released for the homepage.
	pub := 0
	var want []string
	for _, f := range h.Sandbox.Store().Table("file").Records {
		if f["module"] == "estate" && f["ispublishedonhomepage"] == true && f["type"] == "Foto" {
			if pub == 0 {
				pub = f["relatedRecordId"].(int)
			}
			if f["relatedRecordId"] == pub {
				want = append(want, strconv.Itoa(f["Id"].(int)))
			}
		}
	}
	pics := callOK(t, h, "estate_picture_list", fmt.Sprintf(`{"estateids":[%d],"categories":["Foto"]}`, pub))
	if !strings.Contains(pics, fmt.Sprintf("%d pictures", len(want))) && !(len(want) == 1 && strings.Contains(pics, "picture "+want[0])) {
		t.Errorf("want %d pictures: %s", len(want), pics)
	}
	for _, id := range want {
		if !strings.Contains(pics, id) {
			t.Errorf("picture %s missing", id)
		}
	}

	// Make a photo the title picture: the preview names the old one.
	var photo, cover int
	for _, f := range files {
		switch f["type"] {
		case "Foto":
			if photo == 0 {
				photo = f["Id"].(int)
			}
		case "Titelbild":
			cover = f["Id"].(int)
		}
	}
	args := fmt.Sprintf(`{"parentid":%d,"fileId":%d,"Art":"Titelbild","title":"Neue Ansicht"}`, estate, photo)
	p, err := preview(t, h, "estate_file_modify", args)
	if err != nil {
		t.Fatal(err)
	}
	changes := strings.Join(p.Changes, "\n")
	if !strings.Contains(p.Target, fmt.Sprintf("file %d", photo)) || !strings.Contains(changes, "Art: Foto → Titelbild") ||
		(cover != 0 && !strings.Contains(changes, fmt.Sprintf("file %d (current Titelbild)", cover))) {
		t.Errorf("preview %+v", p)
	}
	callOK(t, h, "estate_file_modify", args)
	if f := estRecord(h, "file", photo); f["type"] != "Titelbild" || f["title"] != "Neue Ansicht" {
		t.Errorf("file after modify: %v", f)
	}
	if cover != 0 && estRecord(h, "file", cover)["type"] != "Foto" {
		t.Errorf("old title picture not demoted")
	}
	if _, err := preview(t, h, "estate_file_modify", fmt.Sprintf(`{"parentid":%d,"fileId":1,"title":"x"}`, estate)); err == nil || !strings.Contains(err.Error(), "`fileId`") {
		t.Errorf("preview of a missing file: %v", err)
	}

	del := fmt.Sprintf(`{"parentid":%d,"fileId":%d}`, estate, photo)
	p, err = preview(t, h, "estate_file_delete", del)
	if err != nil || !strings.Contains(p.Target, "«crm-text»Neue Ansicht (") || len(p.Changes) != 1 {
		t.Errorf("delete preview %+v, %v", p, err)
	}
	if text := callOK(t, h, "estate_file_delete", del); !strings.Contains(text, "deleted") {
		t.Errorf("delete answer %q", text)
	}
	if estRecord(h, "file", photo) != nil {
		t.Errorf("file %d still stored", photo)
	}

	runBadCalls(t, h, []badCall{
		{"list without estate", "estate_file_list", `{}`, "`estateid`"},
		{"limit too large", "estate_file_list", fmt.Sprintf(`{"estateid":%d,"listlimit":101}`, estate), "`listlimit`"},
		{"bad image size", "estate_file_list", fmt.Sprintf(`{"estateid":%d,"includeImageUrl":"huge"}`, estate), "`includeImageUrl`"},
		{"pictures without categories", "estate_picture_list", `{"estateids":[3101]}`, "`categories`"},
		{"unknown category", "estate_picture_list", `{"estateids":[3101],"categories":["Bild"]}`, "`categories.0`"},
		{"bad size", "estate_picture_list", `{"estateids":[3101],"categories":["Foto"],"size":"gross"}`, "`size`"},
		{"no estate ids", "estate_picture_list", `{"estateids":[],"categories":["Foto"]}`, "`estateids`"},
		{"modify nothing", "estate_file_modify", fmt.Sprintf(`{"parentid":%d,"fileId":%d}`, estate, cover), "`Art`"},
		{"unknown kind", "estate_file_modify", fmt.Sprintf(`{"parentid":%d,"fileId":%d,"Art":"Bild"}`, estate, cover), "`Art`"},
		{"delete without file", "estate_file_delete", fmt.Sprintf(`{"parentid":%d}`, estate), "`fileId`"},
	})
}

func TestEstateFileContentNeverShown(t *testing.T) {
	t.Parallel()
	h := toolstest.New(t, "--raw")
	estate := estWithFiles(t, h, 1, "Titelbild")
	var cover int
	for _, f := range estFiles(h, estate) {
		if f["type"] == "Titelbild" {
			cover = f["Id"].(int)
		}
	}
	text := callOK(t, h, "estate_file_list", fmt.Sprintf(`{"estateid":%d,"fileid":%d}`, estate, cover))
	if !strings.Contains(text, `"resourcetype":"file"`) || !strings.Contains(text, "base64 characters left out") || len(text) > 3000 {
		t.Errorf("raw answer (%d chars): %.300s", len(text), text)
	}
	pdf := callOK(t, h, "estate_pdf_expose", fmt.Sprintf(`{"estateid":%d,"template":"urn:onoffice-de-ns:smart:2.5:pdf:expose:kurz:x"}`, estate))
	if strings.Contains(pdf, `"document"`) || len(pdf) > 400 {
		t.Errorf("raw mode exposé answer: %s", pdf)
	}
}

func TestEstatePDFExposeTool(t *testing.T) {
	t.Parallel()
	h := toolstest.New(t)
	estate := h.Sandbox.Store().Table("estate").Records[0]["Id"].(int)
	text := callOK(t, h, "estate_pdf_expose", fmt.Sprintf(`{"estateid":%d,"template":"urn:onoffice-de-ns:smart:2.5:pdf:expose:lang:Standard","language":"DEU"}`, estate))
	if !strings.Contains(text, "2 pages") || !strings.Contains(text, fmt.Sprintf("estate %d", estate)) || len(text) > 400 {
		t.Errorf("answer (%d chars): %s", len(text), text)
	}
	if p := lastRequest(t, h, "pdf").Parameters; p["gzcompress"] != true {
		t.Errorf("sent %v", p)
	}
	if short := callOK(t, h, "estate_pdf_expose", fmt.Sprintf(`{"estateid":%d,"template":"urn:onoffice-de-ns:smart:2.5:pdf:expose:kurz:design02Expose"}`, estate)); !strings.Contains(short, "1 page,") {
		t.Errorf("short exposé: %s", short)
	}
	wantAPIError(t, h, "unknown estate", "estate_pdf_expose", `{"estateid":42,"template":"urn:onoffice-de-ns:smart:2.5:pdf:expose:kurz:x"}`, "293")
	runBadCalls(t, h, []badCall{
		{"no template", "estate_pdf_expose", fmt.Sprintf(`{"estateid":%d}`, estate), "`template`"},
		{"template name only", "estate_pdf_expose", fmt.Sprintf(`{"estateid":%d,"template":"Standard"}`, estate), "`template`"},
		{"no estate", "estate_pdf_expose", `{"template":"urn:onoffice-de-ns:smart:2.5:pdf:expose:kurz:x"}`, "`estateid`"},
		{"bad language", "estate_pdf_expose", fmt.Sprintf(`{"estateid":%d,"template":"urn:onoffice-de-ns:smart:2.5:pdf:expose:kurz:x","language":"de"}`, estate), "`language`"},
	})
}

func TestEstateFiltersAndSearchTools(t *testing.T) {
	t.Parallel()
	h := toolstest.New(t)
	filters := h.Sandbox.Store().Extra["filters"].(map[string][]sandbox.Record)
	text := callOK(t, h, "saved_filter_list", `{"module":"estate"}`)
	for _, f := range filters["estate"] {
		if !strings.Contains(text, f["name"].(string)) {
			t.Errorf("filter %v missing in:\n%s", f["name"], text)
		}
	}
	if addr := callOK(t, h, "saved_filter_list", `{"module":"address"}`); !strings.Contains(addr, filters["address"][0]["name"].(string)) {
		t.Errorf("address filters: %s", addr)
	}
	// A saved filter narrows estate_read.
	callOK(t, h, "estate_read", `{"filterid":43,"data":["vermarktungsart"],"listlimit":500}`)
	if p := lastRequest(t, h, "estate").Parameters; fmt.Sprint(p["filterid"]) != "43" {
		t.Errorf("filterid sent as %v", p["filterid"])
	}

	e := h.Sandbox.Store().Table("estate").Records[0]
	street, house := e["strasse"].(string), e["hausnummer"].(string)
	found := callOK(t, h, "estate_search", fmt.Sprintf(`{"input":%q,"sortby":"ort"}`, street+" "+house))
	if !strings.Contains(found, strconv.Itoa(e["Id"].(int))) || !strings.Contains(found, street) {
		t.Errorf("search for %s %s: %s", street, house, found)
	}
	callOK(t, h, "estate_search", `{"input":"Münster","filterId":43,"filter":{"status":[{"op":"=","val":1}]}}`)
	if p := lastRequest(t, h, "search").Parameters; fmt.Sprint(p["filterId"]) != "43" || p["filter"] == nil || p["input"] != "Münster" {
		t.Errorf("search sent %v", p)
	}
	runBadCalls(t, h, []badCall{
		{"no module", "saved_filter_list", `{}`, "`module`"},
		{"bad module", "saved_filter_list", `{"module":"task"}`, "`module`"},
		{"short input", "estate_search", `{"input":"a"}`, "`input`"},
		{"unknown filter field", "estate_search", `{"input":"Münster","filter":{"kaufpreiss":[{"op":"=","val":1}]}}`, "`filter`"},
		{"bad sort field", "estate_search", `{"input":"Münster","sortby":"kaufpreis"}`, "`sortby`"},
		{"in without list", "estate_search", `{"input":"Münster","filter":{"ort":[{"op":"in","val":"Köln"}]}}`, "`filter.ort`"},
	})
}

func TestWorkListCreateTool(t *testing.T) {
	t.Parallel()
	h := toolstest.New(t)
	args := `{"listName":"Besichtigungen KW 45","type":"estate","visibility":1,"userId":17,"ids":[3101,3102,3103]}`
	p, err := preview(t, h, "worklist_create", args)
	if err != nil || !strings.Contains(p.Target, "private work list") || !strings.Contains(p.Changes[0], "ids (3): 3101 «crm-text»") || !strings.Contains(p.Changes[0], ", 3103 «crm-text»") {
		t.Errorf("preview %+v, %v", p, err)
	}
	if text := callOK(t, h, "worklist_create", args); text != `Work list 1 "Besichtigungen KW 45" created with 3 estates.` {
		t.Errorf("answer %q", text)
	}
	if p := lastRequest(t, h, "workinglist").Parameters; p["listName"] != "Besichtigungen KW 45" || fmt.Sprint(p["visibility"]) != "1" || fmt.Sprint(p["userId"]) != "17" {
		t.Errorf("sent %v", p)
	}
	wantAPIError(t, h, "duplicate name", "worklist_create", args, "266")
	runBadCalls(t, h, []badCall{
		{"no visibility", "worklist_create", `{"listName":"x","type":"estate","ids":[3101]}`, "`visibility`"},
		{"bad visibility", "worklist_create", `{"listName":"x","type":"estate","visibility":3,"ids":[3101]}`, "`visibility`"},
		{"user on public list", "worklist_create", `{"listName":"x","type":"estate","visibility":0,"userId":17,"ids":[3101]}`, "`userId`"},
		{"no ids", "worklist_create", `{"listName":"x","type":"estate","visibility":0,"ids":[]}`, "`ids`"},
		{"bad type", "worklist_create", `{"listName":"x","type":"task","visibility":0,"ids":[3101]}`, "`type`"},
		{"empty name", "worklist_create", `{"listName":"","type":"estate","visibility":0,"ids":[3101]}`, "`listName`"},
	})
}

func TestPriceOfferTools(t *testing.T) {
	t.Parallel()
	h := toolstest.New(t)
	// A stored offer from the seed.
	var rel sandbox.Relation
	for _, r := range h.Sandbox.Store().Relations {
		if strings.HasSuffix(r.Type, "estate:address:interested") && r.Extra["priceOffer"] != nil {
			rel = r
			break
		}
	}
	if rel.Parent == 0 {
		t.Fatal("no price offer in the seed")
	}
	text := callOK(t, h, "price_offer_read", fmt.Sprintf(`{"estateId":%d,"addressId":%d}`, rel.Parent, rel.Child))
	want := strings.ReplaceAll(fmt.Sprintf("%.2f", rel.Extra["priceOffer"].(float64)), ".", ",")
	if !strings.Contains(text, want[len(want)-6:]) || !strings.Contains(text, "€") {
		t.Errorf("read %q, want the offer %v", text, rel.Extra["priceOffer"])
	}

	args := fmt.Sprintf(`{"estateId":%d,"addressId":%d,"priceOffer":372500}`, rel.Parent, rel.Child)
	p, err := preview(t, h, "price_offer_create", args)
	if err != nil || !strings.Contains(p.Changes[0], "→ 372500") || !strings.Contains(p.Target, strconv.Itoa(rel.Parent)) {
		t.Errorf("preview %+v, %v", p, err)
	}
	if _, err := preview(t, h, "price_offer_create", `{"estateId":99,"addressId":10001,"priceOffer":1}`); err == nil || !strings.Contains(err.Error(), "`estateId`") {
		t.Errorf("preview for a missing estate: %v", err)
	}
	callOK(t, h, "price_offer_create", args)
	if text := callOK(t, h, "price_offer_read", fmt.Sprintf(`{"estateId":%d,"addressId":%d}`, rel.Parent, rel.Child)); !strings.Contains(text, "372.500,00 €") {
		t.Errorf("read after create: %q", text)
	}
	runBadCalls(t, h, []badCall{
		{"no address", "price_offer_read", `{"estateId":3101}`, "`addressId`"},
		{"zero offer", "price_offer_create", `{"estateId":3101,"addressId":10001,"priceOffer":0}`, "`priceOffer`"},
		{"offer as words", "price_offer_create", `{"estateId":3101,"addressId":10001,"priceOffer":"viel"}`, "`priceOffer`"},
	})
}

func TestEstateTrackingTools(t *testing.T) {
	t.Parallel()
	h := toolstest.New(t)
	estate := h.Sandbox.Store().Table("estate").Records[2]["Id"].(int)
	args := fmt.Sprintf(`{"accountname":"eigentuemer@example.de","accountpassword":"Sommer-Wiese-4711","estateid":%d,"accountinformation":"Verkauf"}`, estate)
	p, err := preview(t, h, "estate_tracking_account_create", args)
	if err != nil || strings.Contains(strings.Join(p.Changes, " "), "Sommer-Wiese") || !strings.Contains(p.Target, strconv.Itoa(estate)) {
		t.Errorf("preview %+v, %v", p, err)
	}
	text := callOK(t, h, "estate_tracking_account_create", args)
	if strings.Contains(text, "Sommer-Wiese") || !strings.Contains(text, "created") {
		t.Errorf("create answer %q", text)
	}
	read := callOK(t, h, "estate_tracking_read", `{"accountname":"eigentuemer@example.de","password":"Sommer-Wiese-4711"}`)
	if !strings.Contains(read, "estate "+strconv.Itoa(estate)+" «crm-text»") || !strings.Contains(read, "Verkauf") {
		t.Errorf("read %q", read)
	}
	wantAPIError(t, h, "wrong password", "estate_tracking_read", `{"accountname":"eigentuemer@example.de","password":"falsch"}`, "105")
	runBadCalls(t, h, []badCall{
		{"no password", "estate_tracking_read", `{"accountname":"x"}`, "`password`"},
		{"short password", "estate_tracking_account_create", fmt.Sprintf(`{"accountname":"x","accountpassword":"kurz","estateid":%d}`, estate), "`accountpassword`"},
		{"no estate", "estate_tracking_account_create", `{"accountname":"x","accountpassword":"langes-passwort"}`, "`estateid`"},
	})
}

func TestEstateCategoryAndWidgetTools(t *testing.T) {
	t.Parallel()
	h := toolstest.New(t)
	text := callOK(t, h, "estate_category_list", `{}`)
	for _, want := range []string{"objektart: zimmer=Zimmer, haus=Haus", "- haus: ", "einfamilienhaus=Einfamilienhaus", "vermarktungsart: kauf=Kauf, miete=Miete"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing in:\n%s", want, text)
		}
	}
	widgets := callOK(t, h, "statistics_widget_list", `{}`)
	for _, want := range []string{"Besichtigungen je Monat", "activity statistics", "assigned overview", "Termin (Besichtigung"} {
		if !strings.Contains(widgets, want) {
			t.Errorf("%q missing in:\n%s", want, widgets)
		}
	}
	if p := lastRequest(t, h, "statisticWidgets").Parameters; p["module"] != "estate" {
		t.Errorf("sent %v", p)
	}
	runBadCalls(t, h, []badCall{
		{"unexpected argument", "estate_category_list", `{"module":"estate"}`, "`module`"},
		{"unexpected widget argument", "statistics_widget_list", `{"module":"address"}`, "`module`"},
	})
}

func TestEstateSeekerTool(t *testing.T) {
	t.Parallel()
	h := toolstest.New(t)
	// Estate values that fit one stored criterion exactly.
	var crit sandbox.Record
	for _, sc := range h.Sandbox.Store().Table("searchcriteria").Records {
		if sc["vermarktungsart"] == "kauf" && sc["kaufpreis__bis"] != nil && sc["range_breitengrad"] != nil && sc["status"] == 1 {
			crit = sc
			break
		}
	}
	if crit == nil {
		t.Fatal("no purchase criterion with a radius in the seed")
	}
	data := map[string]any{
		"vermarktungsart": "kauf", "objektart": crit["objektart"], "nutzungsart": crit["nutzungsart"],
		"breitengrad": fmt.Sprint(crit["range_breitengrad"]), "laengengrad": fmt.Sprint(crit["range_laengengrad"]),
		"kaufpreis": fmt.Sprint(crit["kaufpreis__bis"]),
	}
	raw, _ := json.Marshal(map[string]any{"estatedata": data})
	text := callOK(t, h, "estate_seeker_list", string(raw))
	addr := estRecord(h, "address", crit["adresse"].(int))
	name := strings.TrimSpace(fmt.Sprint(addr["Vorname"]) + " " + fmt.Sprint(addr["Name"]))
	line := ""
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, strconv.Itoa(crit["adresse"].(int))) {
			line = l
		}
	}
	if !strings.Contains(line, name) || !strings.Contains(line, "100%") || !strings.Contains(line, strconv.Itoa(crit["Id"].(int))) {
		if !strings.Contains(text, name) || !strings.Contains(text, "100%") {
			t.Errorf("prospect %s (%s) not a 100%% hit in:\n%s", crit["adresse"], name, text)
		}
	}

	// With contact, the prospect's e-mail and phone come in the same call.
	raw, _ = json.Marshal(map[string]any{"estatedata": data, "contact": true})
	withContact := callOK(t, h, "estate_seeker_list", string(raw))
	checked := 0
	for _, k := range []string{"Email", "Telefon1"} {
		want, ok := addr[k].(string)
		if !ok || want == "" {
			continue
		}
		checked++
		if !strings.Contains(withContact, want) {
			t.Errorf("contact data %s %q of %s missing in:\n%s", k, want, name, withContact)
		}
	}
	if checked == 0 {
		t.Errorf("prospect %s has neither e-mail nor phone in the seed: the check proves nothing", name)
	}

	// By estate id: the tool reads the estate and sends its values.
	e := h.Sandbox.Store().Table("estate").Records[0]
	callOK(t, h, "estate_seeker_list", fmt.Sprintf(`{"estateid":%d,"estatedata":{"kaufpreis":"123456"}}`, e["Id"]))
	sent, _ := lastRequest(t, h, "qualifiedsuitors").Parameters["estatedata"].(map[string]any)
	if sent["vermarktungsart"] != e["vermarktungsart"] || sent["ort"] != e["ort"] || sent["kaufpreis"] != "123456" {
		t.Errorf("estatedata sent %v", sent)
	}
	runBadCalls(t, h, []badCall{
		{"nothing to match", "estate_seeker_list", `{}`, "`estatedata`"},
		{"unknown field", "estate_seeker_list", `{"estatedata":{"kaufpreiss":"1"}}`, "`estatedata`"},
		{"estate id as text", "estate_seeker_list", `{"estateid":"drei"}`, "`estateid`"},
	})
}
