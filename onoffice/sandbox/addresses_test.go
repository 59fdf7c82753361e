package sandbox

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// adrNow is the fixed clock of the address and search-criteria tests.
var adrNow = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)

// adrReadOne reads one address with the given fields.
func adrReadOne(t *testing.T, c *onoffice.Client, id int, fields ...string) map[string]any {
	t.Helper()
	res := mustCall(t, c, onoffice.VerbRead, "address", strconv.Itoa(id), map[string]any{"data": fields})
	if len(res.Records) != 1 {
		t.Fatalf("read address %d: %d records", id, len(res.Records))
	}
	return res.Records[0].Fields()
}

// adrWithEmail finds a seeded person address with an e-mail and a phone.
func adrWithEmail(t *testing.T, s *Store) Record {
	t.Helper()
	for _, r := range s.Table("address").Records {
		if toText(r["Email"]) != "" && toText(r["Telefon1"]) != "" && toText(r["Vorname"]) != "" && toText(r["Name"]) != "" {
			return r
		}
	}
	t.Fatal("no seeded address with e-mail and phone")
	return nil
}

func TestAddressCreateAndModify(t *testing.T) {
	sb, c := startAPIAt(t, adrNow)
	before := len(sb.Store().Table("address").Records)
	res := mustCall(t, c, onoffice.VerbCreate, "address", "", map[string]any{
		"Anrede": "Frau", "Vorname": "Sabine", "Name": "Hoffmann", "Ort": "Aachen", "Land": "Frankreich",
		"email_private": "sabine.hoffmann@example.de", "mobile": "0170 1234567", "phone_business": "0241 4455660",
		"default_phone": "0241 4455660", "HerkunftKontakt": []string{"Empfehlung", "Website"}, "Benutzer": "jschmidt", "Status": 1,
	})
	if len(res.Records) != 1 || res.Records[0].Type != "address" || string(res.Records[0].Elements) != "[]" || res.Cacheable {
		t.Fatalf("create answer %+v cacheable %v", res.Records, res.Cacheable)
	}
	id, _ := strconv.Atoi(res.Records[0].IDString())
	if got := len(sb.Store().Table("address").Records); got != before+1 {
		t.Fatalf("table has %d addresses, want %d", got, before+1)
	}
	el := adrReadOne(t, c, id, "Vorname", "Name", "Land", "Benutzer", "HerkunftKontakt", "defaultphone", "defaultemail", "mobile", "KdNr")
	if el["Vorname"] != "Sabine" || el["Land"] != "Frankreich" || el["Benutzer"] != "jschmidt" ||
		el["HerkunftKontakt"] != "|Empfehlung||Website|" || el["defaultphone"] != "0241 4455660" ||
		el["defaultemail"] != "sabine.hoffmann@example.de" {
		t.Errorf("read back %v", el)
	}
	if sb.Store().Table("address").Get(id)["Land"] != "FRA" {
		t.Errorf("country stored as %v, want the key FRA", sb.Store().Table("address").Get(id)["Land"])
	}
	mobiles := 0
	for k, v := range el {
		if strings.HasPrefix(k, "mobile__") && !strings.HasSuffix(k, "__Comment") && v == "0170 1234567" {
			mobiles++
		}
	}
	if mobiles != 1 {
		t.Errorf("mobile entries in %v", el)
	}

	// Modify fields and the phone book.
	mustCall(t, c, onoffice.VerbModify, "address", strconv.Itoa(id), map[string]any{
		"Vorname": "Sabine Maria", "Land": "Deutschland",
		"phone_business": map[string]any{"action": "modify", "oldvalue": "0241 4455660", "newvalue": "0241 4455661", "default": true},
		"email_business": map[string]any{"action": "add", "newvalue": "s.hoffmann@firma.example.de", "default": true},
	})
	el = adrReadOne(t, c, id, "Vorname", "Land", "defaultphone", "defaultemail", "email", "Aenderung")
	if el["Vorname"] != "Sabine Maria" || el["Land"] != "Deutschland" || el["defaultphone"] != "0241 4455661" ||
		el["defaultemail"] != "s.hoffmann@firma.example.de" || el["Aenderung"] != "2026-11-02 10:00:00" {
		t.Errorf("after modify %v", el)
	}
	emails := 0
	for k := range el {
		if strings.HasPrefix(k, "email__") && !strings.HasSuffix(k, "__Comment") {
			emails++
		}
	}
	if emails != 2 {
		t.Errorf("want 2 e-mail entries, got %v", el)
	}
	mustCall(t, c, onoffice.VerbModify, "address", strconv.Itoa(id), map[string]any{
		"email_private": map[string]any{"action": "delete", "oldvalue": "sabine.hoffmann@example.de"},
	})
	if el := adrReadOne(t, c, id, "email"); len(el) != 3 { // id, one entry and its comment
		t.Errorf("after delete %v", el)
	}

	// The duplicate check returns and updates the existing address.
	res = mustCall(t, c, onoffice.VerbCreate, "address", "", map[string]any{
		"email": "s.hoffmann@firma.example.de", "Ort": "Köln", "checkDuplicate": true,
	})
	if res.Records[0].IDString() != strconv.Itoa(id) {
		t.Errorf("duplicate check created %s, want existing %d", res.Records[0].IDString(), id)
	}
	if el := adrReadOne(t, c, id, "Ort"); el["Ort"] != "Köln" {
		t.Errorf("duplicate not updated: %v", el)
	}
	res = mustCall(t, c, onoffice.VerbCreate, "address", "", map[string]any{
		"email": "s.hoffmann@firma.example.de", "Ort": "Bonn", "checkDuplicate": true, "noOverrideByDuplicate": true,
	})
	if el := adrReadOne(t, c, id, "Ort"); el["Ort"] != "Köln" || res.Records[0].IDString() != strconv.Itoa(id) {
		t.Errorf("noOverrideByDuplicate changed the duplicate: %v", el)
	}

	rid := strconv.Itoa(id)
	twice := map[string]any{"phone": map[string]any{"action": "add", "newvalue": "0241 777"}}
	mustCall(t, c, onoffice.VerbModify, "address", rid, twice)
	mustCall(t, c, onoffice.VerbModify, "address", rid, twice)
	runErrCases(t, c, []errCase{
		{"unknown field", onoffice.VerbCreate, "address", "", map[string]any{"Vornahme": "x"}, 75},
		{"bad select key", onoffice.VerbCreate, "address", "", map[string]any{"Anrede": "Mister"}, 77},
		{"bad multiselect key", onoffice.VerbCreate, "address", "", map[string]any{"HerkunftKontakt": []string{"Radio"}}, 76},
		{"unknown user", onoffice.VerbCreate, "address", "", map[string]any{"Name": "X", "Benutzer": "nobody"}, 251},
		{"bad status", onoffice.VerbCreate, "address", "", map[string]any{"Name": "X", "Status": 5}, 255},
		{"default phone not sent", onoffice.VerbCreate, "address", "", map[string]any{"phone": "0241 1", "default_phone": "0241 2"}, 260},
		{"default email not sent", onoffice.VerbCreate, "address", "", map[string]any{"email": "a@b.de", "default_email": "c@d.de"}, 258},
		{"invalid e-mail", onoffice.VerbCreate, "address", "", map[string]any{"email": "no-mail"}, 300},
		{"nothing to create", onoffice.VerbCreate, "address", "", map[string]any{"checkDuplicate": true}, 282},
		{"modify without id", onoffice.VerbModify, "address", "", map[string]any{"Name": "X"}, 96},
		{"modify unknown", onoffice.VerbModify, "address", "99999999", map[string]any{"Name": "X"}, 292},
		{"modify nothing", onoffice.VerbModify, "address", rid, map[string]any{}, 282},
		{"phone no action", onoffice.VerbModify, "address", rid, map[string]any{"phone": map[string]any{"newvalue": "1"}}, 81},
		{"phone bad action", onoffice.VerbModify, "address", rid, map[string]any{"phone": map[string]any{"action": "replace"}}, 82},
		{"phone unknown entry", onoffice.VerbModify, "address", rid, map[string]any{"phone": map[string]any{"action": "delete", "oldvalue": "000"}}, 83},
		{"phone ambiguous", onoffice.VerbModify, "address", rid, map[string]any{"phone": map[string]any{"action": "delete", "oldvalue": "0241 777"}}, 87},
		{"phone no value", onoffice.VerbModify, "address", rid, map[string]any{"phone": map[string]any{"action": "add"}}, 85},
		{"phone no identifier", onoffice.VerbModify, "address", rid, map[string]any{"phone": map[string]any{"action": "modify", "newvalue": "1"}}, 86},
		{"phone not an object", onoffice.VerbModify, "address", rid, map[string]any{"phone": "0241 1"}, 247},
	})
	if el := adrReadOne(t, c, id, "Name"); el["Name"] != "Hoffmann" {
		t.Errorf("a failed call changed the address: %v", el)
	}
}

func TestAddressSearch(t *testing.T) {
	sb, c := startAPIAt(t, adrNow)
	a := adrWithEmail(t, sb.Store())
	id := idOf(a)
	has := func(res onoffice.Result) bool {
		for _, r := range res.Records {
			if r.IDString() == strconv.Itoa(id) {
				return true
			}
		}
		return false
	}
	res := mustCall(t, c, onoffice.VerbGet, "search", "address", map[string]any{"input": toText(a["Vorname"]) + " " + toText(a["Name"])})
	if !has(res) || res.Total != len(res.Records) && len(res.Records) != 20 {
		t.Fatalf("search by name: %d records of %d, want %d among them", len(res.Records), res.Total, id)
	}
	for _, r := range res.Records {
		if r.Type != "address" {
			t.Errorf("record type %q", r.Type)
		}
		if r.IDString() != strconv.Itoa(id) {
			continue
		}
		el := r.Fields()
		emails, _ := el["emailaddress"].([]any)
		if el["firstname"] != a["Vorname"] || el["surname"] != a["Name"] || el["primaryEmail"] != a["Email"] ||
			el["customerno"] != float64(a["KdNr"].(int)) || len(emails) == 0 || el["addressDescription"] == "" {
			t.Errorf("elements %v for %v", el, a)
		}
	}
	// The customer number and the e-mail are searched too.
	if !has(mustCall(t, c, onoffice.VerbGet, "search", "address", map[string]any{"input": strconv.Itoa(a["KdNr"].(int)), "listlimit": 500})) {
		t.Errorf("not found by customer number")
	}
	if !has(mustCall(t, c, onoffice.VerbGet, "search", "address", map[string]any{"input": toText(a["Email"])})) {
		t.Errorf("not found by e-mail")
	}
	// Phone numbers only with includecontactdata.
	phone := toText(a["Telefon1"])
	if has(mustCall(t, c, onoffice.VerbGet, "search", "address", map[string]any{"input": phone})) {
		t.Errorf("found by phone without includecontactdata")
	}
	if !has(mustCall(t, c, onoffice.VerbGet, "search", "address", map[string]any{"input": phone, "includecontactdata": true})) {
		t.Errorf("not found by phone with includecontactdata")
	}
	upper := strings.ToUpper(toText(a["Name"]))
	if has(mustCall(t, c, onoffice.VerbGet, "search", "address", map[string]any{"input": upper, "casesensitive": true, "listlimit": 500})) {
		t.Errorf("case-sensitive search ignored the case")
	}
	if !has(mustCall(t, c, onoffice.VerbGet, "search", "address", map[string]any{"input": upper, "listlimit": 500})) {
		t.Errorf("search is not case-insensitive by default")
	}
	lower := strings.ToLower(toText(a["Name"]))
	// searchparameter replaces the searched fields.
	if has(mustCall(t, c, onoffice.VerbGet, "search", "address", map[string]any{"input": toText(a["Name"]), "searchparameter": []string{"Ort"}, "listlimit": 500})) &&
		!strings.Contains(strings.ToLower(toText(a["Ort"])), lower) {
		t.Errorf("searchparameter not applied")
	}
	sorted := mustCall(t, c, onoffice.VerbGet, "search", "address", map[string]any{"input": "er", "sortby": "Name", "sortorder": "DESC", "listlimit": 50})
	for i := 1; i < len(sorted.Records); i++ {
		if strings.ToLower(toText(sorted.Records[i-1].Fields()["surname"])) < strings.ToLower(toText(sorted.Records[i].Fields()["surname"])) {
			t.Fatalf("not sorted by surname DESC at %d", i)
		}
	}
	if len(sorted.Records) != 50 || sorted.Total <= 50 {
		t.Errorf("listlimit: %d records of %d", len(sorted.Records), sorted.Total)
	}
	runErrCases(t, c, []errCase{
		{"empty input", onoffice.VerbGet, "search", "address", map[string]any{"input": " "}, 69},
		{"no input", onoffice.VerbGet, "search", "address", map[string]any{}, 69},
		{"too short", onoffice.VerbGet, "search", "address", map[string]any{"input": "a"}, 151},
		{"unknown sort", onoffice.VerbGet, "search", "address", map[string]any{"input": "er", "sortby": "Ort"}, 212},
		{"unknown searchparameter", onoffice.VerbGet, "search", "address", map[string]any{"input": "er", "searchparameter": []string{"Stadt"}}, 75},
	})
}

// adrWithFiles finds a seeded address that has files.
func adrWithFiles(t *testing.T, s *Store) (int, []Record) {
	t.Helper()
	for _, a := range s.Table("address").Records {
		if files := addressFiles(s, idOf(a)); len(files) > 0 {
			return idOf(a), files
		}
	}
	t.Fatal("no seeded address has files")
	return 0, nil
}

func TestAddressFiles(t *testing.T) {
	sb, c := startAPIAt(t, adrNow)
	id, files := adrWithFiles(t, sb.Store())
	res := mustCall(t, c, onoffice.VerbGet, "file", "address", map[string]any{"addressid": id})
	if res.Total != len(files) || len(res.Records) != len(files) || !res.Cacheable {
		t.Fatalf("got %d records (total %d), want %d", len(res.Records), res.Total, len(files))
	}
	f := files[0]
	el := res.Records[0].Fields()
	if res.Records[0].Type != "file" || res.Records[0].IDString() != strconv.Itoa(idOf(f)) ||
		el["originalname"] != f["originalname"] || el["fileSize"] != float64(f["fileSize"].(int)) || el["content"] != nil {
		t.Errorf("record %+v elements %v, want file %v", res.Records[0], el, f)
	}
	for _, k := range []string{"type", "name", "originalname", "filename", "fileSize", "modified", "date"} {
		if _, ok := el[k]; !ok {
			t.Errorf("element %s missing", k)
		}
	}
	one := mustCall(t, c, onoffice.VerbGet, "file", "address", map[string]any{"addressid": id, "fileid": idOf(f)})
	content, _ := one.Records[0].Fields()["content"].(string)
	raw, err := base64.StdEncoding.DecodeString(content)
	if len(one.Records) != 1 || err != nil || !strings.Contains(string(raw), toText(f["originalname"])) {
		t.Errorf("single file content %q (%v)", raw, err)
	}
	runErrCases(t, c, []errCase{
		{"no address", onoffice.VerbGet, "file", "address", map[string]any{}, 167},
		{"unknown address", onoffice.VerbGet, "file", "address", map[string]any{"addressid": 99999999}, 292},
		{"unknown file", onoffice.VerbGet, "file", "address", map[string]any{"addressid": id, "fileid": 1}, 127},
	})

	// Download link: an outside effect, recorded in the outbox.
	res = mustCall(t, c, onoffice.VerbGet, "downloadFiles", "address", map[string]any{"addressid": id, "language": "ENG"})
	var urls []string
	if len(res.Records) != 1 || res.Records[0].IDString() != "downloadUrl" || res.Records[0].Type != "file" || res.Total != 0 ||
		json.Unmarshal(res.Records[0].Elements, &urls) != nil || len(urls) != 1 || !strings.HasPrefix(urls[0], "https://") {
		t.Fatalf("download answer %+v total %d", res.Records, res.Total)
	}
	out := sb.Outbox()
	if len(out) != 1 || out[0].Kind != "downloadFiles" || out[0].Parameters["url"] != urls[0] || out[0].Parameters["files"] != len(files) {
		t.Errorf("outbox %+v", out)
	}
	runErrCases(t, c, []errCase{
		{"link without address", onoffice.VerbGet, "downloadFiles", "address", map[string]any{}, 167},
		{"link wrong resourceid", onoffice.VerbGet, "downloadFiles", "estate", map[string]any{"addressid": id}, 24},
		{"link bad language", onoffice.VerbGet, "downloadFiles", "address", map[string]any{"addressid": id, "language": "english"}, 160},
	})
	if len(sb.Outbox()) != 1 {
		t.Errorf("failed calls wrote to the outbox")
	}
}

func TestAddressCompletion(t *testing.T) {
	sb, c := startAPIAt(t, adrNow)
	res := mustCall(t, c, onoffice.VerbGet, "addressCompletionFields", "", nil)
	if len(res.Records) == 0 || res.Total != -1 {
		t.Fatalf("no categories (total %d)", res.Total)
	}
	var found bool
	for _, r := range res.Records {
		var el struct {
			Name   string `json:"name"`
			Fields []struct {
				ID     string            `json:"id"`
				Name   string            `json:"name"`
				Type   string            `json:"type"`
				Values map[string]string `json:"values"`
			} `json:"fields"`
		}
		if err := json.Unmarshal(r.Elements, &el); err != nil || el.Name == "" || len(el.Fields) == 0 {
			t.Fatalf("category %s: %v", r.Elements, err)
		}
		for _, f := range el.Fields {
			if f.ID == "ArtDaten" {
				found = f.Type == "multiselect" && f.Values["Eigentuemer"] == "Eigentümer"
			}
			if f.ID == "Vorname" && f.Type != "urn:onoffice-de-ns:smart:2.5:dbAccess:dataType:varchar" {
				t.Errorf("Vorname type %q", f.Type)
			}
		}
	}
	if !found {
		t.Errorf("ArtDaten with its values missing")
	}

	a := adrWithEmail(t, sb.Store())
	mustCall(t, c, onoffice.VerbDo, "sendaddresscompletion", "", map[string]any{"addressId": idOf(a), "mode": "modus2"})
	out := sb.Outbox()
	if len(out) != 1 || out[0].Kind != "sendaddresscompletion" || out[0].Parameters["to"] != a["Email"] ||
		out[0].Parameters["from"] != toText(apiCallerUser(sb.Store())["email"]) || out[0].Parameters["mode"] != "modus2" {
		t.Fatalf("outbox %+v", out)
	}
	sender := toText(sb.Store().Table("user").Records[1]["email"])
	mustCall(t, c, onoffice.VerbDo, "sendaddresscompletion", "", map[string]any{"addressId": idOf(a), "mode": "modus1", "emailidentity": sender})
	if out := sb.Outbox(); len(out) != 2 || out[1].Parameters["from"] != sender {
		t.Errorf("sender not used: %+v", out)
	}
	noMail := mustCall(t, c, onoffice.VerbCreate, "address", "", map[string]any{"Name": "Ohnemail"})
	runErrCases(t, c, []errCase{
		{"no mode", onoffice.VerbDo, "sendaddresscompletion", "", map[string]any{"addressId": idOf(a)}, 167},
		{"no address", onoffice.VerbDo, "sendaddresscompletion", "", map[string]any{"mode": "modus1"}, 167},
		{"bad mode", onoffice.VerbDo, "sendaddresscompletion", "", map[string]any{"addressId": idOf(a), "mode": "modus3"}, 152},
		{"unknown address", onoffice.VerbDo, "sendaddresscompletion", "", map[string]any{"addressId": 99999999, "mode": "modus1"}, 292},
		{"unknown identity", onoffice.VerbDo, "sendaddresscompletion", "", map[string]any{"addressId": idOf(a), "mode": "modus1", "emailidentity": "x@example.org"}, 51},
		{"no recipient", onoffice.VerbDo, "sendaddresscompletion", "", map[string]any{"addressId": noMail.Records[0].IDString(), "mode": "modus1"}, 146},
	})
	if len(sb.Outbox()) != 2 {
		t.Errorf("failed calls wrote to the outbox")
	}
}

func TestAddressNewsletter(t *testing.T) {
	sb, c := startAPIAt(t, adrNow)
	a := adrWithEmail(t, sb.Store())
	id := idOf(a)
	logs := len(sb.Store().Table("agentslog").Records)
	res := mustCall(t, c, onoffice.VerbDo, "registerNewsletter", strconv.Itoa(id), map[string]any{"register": true})
	if len(res.Records) != 1 || res.Records[0].Fields()["success"] != "success" {
		t.Fatalf("answer %+v", res.Records)
	}
	if el := adrReadOne(t, c, id, "newsletter_aktiv"); el["newsletter_aktiv"] != "3" {
		t.Errorf("newsletter_aktiv = %v, want 3 (double opt-in pending)", el["newsletter_aktiv"])
	}
	out := sb.Outbox()
	if len(out) != 1 || out[0].Kind != "registerNewsletter" || out[0].Parameters["to"] != a["Email"] {
		t.Errorf("outbox %+v", out)
	}
	log := sb.Store().Table("agentslog").Records
	if len(log) != logs+1 || log[len(log)-1]["Aktionsart"] != "Newsletter" || log[len(log)-1]["Aktionstyp"] != "Double Opt-In versendet" {
		t.Fatalf("activity not written: %d → %d", logs, len(log))
	}
	linked := false
	for _, r := range sb.Store().Relations {
		linked = linked || (r.Type == relTypeAgentsLogAddress && r.Parent == idOf(log[len(log)-1]) && r.Child == id)
	}
	if !linked {
		t.Errorf("activity not linked to the address")
	}
	mustCall(t, c, onoffice.VerbDo, "registerNewsletter", strconv.Itoa(id), map[string]any{"register": false})
	if el := adrReadOne(t, c, id, "newsletter_aktiv"); el["newsletter_aktiv"] != "2" {
		t.Errorf("after cancel newsletter_aktiv = %v, want 2", el["newsletter_aktiv"])
	}
	runErrCases(t, c, []errCase{
		{"no register", onoffice.VerbDo, "registerNewsletter", strconv.Itoa(id), map[string]any{}, 167},
		{"register not boolean", onoffice.VerbDo, "registerNewsletter", strconv.Itoa(id), map[string]any{"register": "yes"}, 194},
		{"no address", onoffice.VerbDo, "registerNewsletter", "", map[string]any{"register": true}, 96},
		{"unknown address", onoffice.VerbDo, "registerNewsletter", "99999999", map[string]any{"register": true}, 292},
	})
}

func TestAddressSelectValues(t *testing.T) {
	sb, c := startAPIAt(t, adrNow)
	res := mustCall(t, c, onoffice.VerbGet, "confignewaddressfields", "fieldvalues", map[string]any{"fieldname": "Land"})
	f := sb.Store().Fields["address"]["Land"]
	if len(res.Records) != len(f.Permitted) || res.Total != len(f.Permitted) {
		t.Fatalf("%d values (total %d), want %d", len(res.Records), res.Total, len(f.Permitted))
	}
	if res.Records[0].IDString() != "DEU" || res.Records[0].Fields()["title"] != "Deutschland" || res.Records[0].Type != "" {
		t.Errorf("first value %+v %v", res.Records[0], res.Records[0].Fields())
	}
	runErrCases(t, c, []errCase{
		{"not a select", onoffice.VerbGet, "confignewaddressfields", "fieldvalues", map[string]any{"fieldname": "Vorname"}, 171},
		{"unknown field", onoffice.VerbGet, "confignewaddressfields", "fieldvalues", map[string]any{"fieldname": "Country"}, 75},
		{"no field", onoffice.VerbGet, "confignewaddressfields", "fieldvalues", map[string]any{}, 167},
		{"wrong resourceid", onoffice.VerbGet, "confignewaddressfields", "", map[string]any{"fieldname": "Land"}, 24},
	})
}

func TestAddressHierarchyContacts(t *testing.T) {
	sb, c := startAPIAt(t, adrNow)
	s := sb.Store()
	parent, children := 0, map[int]bool{}
	for _, r := range s.Relations {
		if r.Type == relTypeAddressContact && (parent == 0 || r.Parent == parent) {
			parent = r.Parent
			children[r.Child] = true
		}
	}
	if parent == 0 {
		t.Fatal("no contact hierarchy seeded")
	}
	res := mustCall(t, c, onoffice.VerbGet, "addressHierarchyContacts", strconv.Itoa(parent), nil)
	if len(res.Records) == 0 || res.Total != -1 {
		t.Fatalf("no contacts for %d (total %d)", parent, res.Total)
	}
	for _, r := range res.Records {
		id, _ := strconv.Atoi(r.IDString())
		el := r.Fields()
		child := s.Table("address").Get(id)
		if !children[id] || r.Type != "address" || el["surname"] != child["Name"] || el["primaryEmail"] != child["Email"] ||
			el["customerno"] != strconv.Itoa(child["KdNr"].(int)) {
			t.Errorf("contact %s: %v (child %v)", r.IDString(), el, children[id])
		}
	}
	runErrCases(t, c, []errCase{
		{"no id", onoffice.VerbGet, "addressHierarchyContacts", "", nil, 96},
		{"unknown", onoffice.VerbGet, "addressHierarchyContacts", "99999999", nil, 292},
	})
}
