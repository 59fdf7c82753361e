package tools_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// atPerson finds a seeded person with e-mail and phone.
func atPerson(t *testing.T, h *toolstest.Harness) sandbox.Record {
	t.Helper()
	for _, r := range h.Sandbox.Store().Table("address").Records {
		if str(r["Email"]) != "" && str(r["Telefon1"]) != "" && str(r["Vorname"]) != "" && str(r["Zusatz1"]) == "" {
			return r
		}
	}
	t.Fatal("no seeded person with e-mail")
	return nil
}

func atID(r sandbox.Record) int { id, _ := r["Id"].(int); return id }

func TestAddressReadTool(t *testing.T) {
	h := toolstest.New(t)
	a := atPerson(t, h)
	text := callOK(t, h, "address_read", fmt.Sprintf(`{"id":%d}`, atID(a)))
	for _, want := range []string{str(a["Vorname"]), str(a["Name"]), str(a["Email"])} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing in:\n%s", want, text)
		}
	}
	runBadCalls(t, h, []badCall{
		{"unknown field", "address_read", `{"data":["Vornahme"]}`, "`data`"},
		{"limit too high", "address_read", `{"listlimit":501}`, "`listlimit`"},
	})
}

func TestAddressCreateTool(t *testing.T) {
	h := toolstest.New(t)
	args := `{"data":{"Anrede":"Frau","Vorname":"Eva","Name":"Roth","Ort":"Köln","Land":"Deutschland","HerkunftKontakt":["Empfehlung"],"Benutzer":"jschmidt"},` +
		`"email":"eva.roth@example.de","mobile":"0171 1234567","phone_business":"0221 998877","default_phone":"0221 998877"}`
	p := mustPreview(t, h, "address_create", args)
	if p.Target != `new address "Eva Roth"` || !strings.Contains(strings.Join(p.Changes, "\n"), "phone_business: 0221 998877 (main)") ||
		!strings.Contains(strings.Join(p.Changes, "\n"), "Vorname: Eva") {
		t.Errorf("preview %+v", p)
	}
	if n := h.WriteRequests(); n != 0 {
		t.Fatalf("the preview wrote %d times", n)
	}
	text := callOK(t, h, "address_create", args)
	var id int
	if _, err := fmt.Sscanf(text, "Address %d created.", &id); err != nil {
		t.Fatalf("answer %q: %v", text, err)
	}
	r := h.Sandbox.Store().Table("address").Get(id)
	if r == nil || r["Name"] != "Roth" || r["Land"] != "DEU" || r["Benutzer"] != "jschmidt" || r["Email"] != "eva.roth@example.de" || r["Telefon1"] != "0221 998877" {
		t.Fatalf("stored %v", r)
	}
	read := callOK(t, h, "address_read", fmt.Sprintf(`{"id":%d,"data":["Vorname","Name","defaultemail","mobile"]}`, id))
	if !strings.Contains(read, "eva.roth@example.de") || !strings.Contains(read, "0171 1234567") {
		t.Errorf("read after create:\n%s", read)
	}
	// The duplicate check finds this address again.
	text = callOK(t, h, "address_create", `{"data":{"Ort":"Bonn"},"email":"eva.roth@example.de","checkDuplicate":true}`)
	if !strings.Contains(text, strconv.Itoa(id)) || h.Sandbox.Store().Table("address").Get(id)["Ort"] != "Bonn" {
		t.Errorf("duplicate check: %s", text)
	}
	runBadCalls(t, h, []badCall{
		{"nothing", "address_create", `{}`, "`data`"},
		{"unknown field", "address_create", `{"data":{"Vornam":"Eva"}}`, "`data`"},
		{"e-mail in data", "address_create", `{"data":{"Email":"a@b.de"}}`, "`data.Email`"},
		{"neither key nor label", "address_create", `{"data":{"HerkunftKontakt":["Brieftaube"]}}`, "`data.HerkunftKontakt`"},
		{"unknown key", "address_create", `{"data":{"Anrede":"Mister"}}`, "`data.Anrede`"},
		{"list for single select", "address_create", `{"data":{"Anrede":["Frau"]}}`, "`data.Anrede`"},
		{"bad date", "address_create", `{"data":{"Geburtsdatum":"15.03.1984"}}`, "`data.Geburtsdatum`"},
		{"data not an object", "address_create", `{"data":"Eva Roth"}`, "`data`"},
		{"default not given", "address_create", `{"phone":"0221 1","default_phone":"0221 2"}`, "`default_phone`"},
		{"no e-mail", "address_create", `{"email":"eva.roth"}`, "`email`"},
		{"override without check", "address_create", `{"email":"a@b.de","noOverrideByDuplicate":true}`, "`noOverrideByDuplicate`"},
		{"unknown argument", "address_create", `{"data":{"Name":"X"},"telefon":"1"}`, "`telefon`"},
	})
}

func TestAddressModifyTool(t *testing.T) {
	h := toolstest.New(t)
	a := atPerson(t, h)
	id := atID(a)
	oldEmail, oldName := str(a["Email"]), str(a["Vorname"])
	args := fmt.Sprintf(`{"id":%d,"data":{"Vorname":"Annegret","Status":0},"contacts":[{"kind":"email_business","action":"add","newvalue":"a.b@firma.example.de","default":true}]}`, id)
	p := mustPreview(t, h, "address_modify", args)
	changes := strings.Join(p.Changes, "\n")
	if p.RecordID != strconv.Itoa(id) || !strings.Contains(p.Target, oldName) ||
		!strings.Contains(changes, "Vorname: "+oldName+" → Annegret") || !strings.Contains(changes, "Status: Aktiv → Archiviert") ||
		!strings.Contains(changes, "email_business: add a.b@firma.example.de (as main entry)") {
		t.Errorf("preview %+v", p)
	}
	text := callOK(t, h, "address_modify", args)
	if text != fmt.Sprintf("Address %d modified: Status, Vorname, email_business (add).", id) {
		t.Errorf("answer %q", text)
	}
	r := h.Sandbox.Store().Table("address").Get(id)
	if r["Vorname"] != "Annegret" || r["Status"] != 0 || r["Email"] != "a.b@firma.example.de" {
		t.Errorf("stored %v", r)
	}
	callOK(t, h, "address_modify", fmt.Sprintf(`{"id":%d,"contacts":[{"kind":"email","action":"delete","oldvalue":%q}]}`, id, oldEmail))
	if read := callOK(t, h, "address_read", fmt.Sprintf(`{"id":%d,"data":["email"]}`, id)); strings.Contains(read, oldEmail) {
		t.Errorf("e-mail not deleted:\n%s", read)
	}
	// An API error comes back as an error result.
	wantAPIError(t, h, "unknown address", "address_modify", `{"id":99999999,"data":{"Vorname":"X"}}`, "292")
	if _, err := preview(t, h, "address_modify", `{"id":99999999,"data":{"Vorname":"X"}}`); err == nil || !strings.Contains(err.Error(), "`id`") {
		t.Errorf("preview of an unknown address: %v", err)
	}
	runBadCalls(t, h, []badCall{
		{"no id", "address_modify", `{"data":{"Vorname":"X"}}`, "`id`"},
		{"id not a number", "address_modify", `{"id":"zehn","data":{"Vorname":"X"}}`, "`id`"},
		{"nothing to change", "address_modify", fmt.Sprintf(`{"id":%d}`, id), "`data`"},
		{"unknown field", "address_modify", fmt.Sprintf(`{"id":%d,"data":{"Strase":"X"}}`, id), "`data`"},
		{"phone in data", "address_modify", fmt.Sprintf(`{"id":%d,"data":{"Telefon1":"1"}}`, id), "`data.Telefon1`"},
		{"bad kind", "address_modify", fmt.Sprintf(`{"id":%d,"contacts":[{"kind":"telefon","action":"add","newvalue":"1"}]}`, id), "`contacts.0.kind`"},
		{"add without value", "address_modify", fmt.Sprintf(`{"id":%d,"contacts":[{"kind":"phone","action":"add"}]}`, id), "`contacts.0.newvalue`"},
		{"delete without old value", "address_modify", fmt.Sprintf(`{"id":%d,"contacts":[{"kind":"phone","action":"delete"}]}`, id), "`contacts.0.oldvalue`"},
		{"two of a kind", "address_modify", fmt.Sprintf(`{"id":%d,"contacts":[{"kind":"phone","action":"add","newvalue":"1"},{"kind":"phone","action":"add","newvalue":"2"}]}`, id), "`contacts.1`"},
		{"status not permitted", "address_modify", fmt.Sprintf(`{"id":%d,"data":{"Status":7}}`, id), "`data.Status`"},
	})
}

func TestAddressSearchTool(t *testing.T) {
	h := toolstest.New(t)
	a := atPerson(t, h)
	text := callOK(t, h, "address_search", fmt.Sprintf(`{"input":%q}`, str(a["Vorname"])+" "+str(a["Name"])))
	if !strings.Contains(text, strconv.Itoa(atID(a))) || !strings.Contains(text, str(a["Email"])) || !strings.Contains(text, strconv.Itoa(a["KdNr"].(int))) {
		t.Errorf("search result:\n%s", text)
	}
	text = callOK(t, h, "address_search", `{"input":"er","listlimit":3,"sortby":"Name","sortorder":"DESC"}`)
	if !strings.HasPrefix(text, "3 of ") || !strings.Contains(text, "narrow") {
		t.Errorf("limited search:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"no input", "address_search", `{}`, "`input`"},
		{"too short", "address_search", `{"input":"a"}`, "`input`"},
		{"bad sort", "address_search", `{"input":"Roth","sortby":"Ort"}`, "`sortby`"},
		{"order without sort", "address_search", `{"input":"Roth","sortorder":"ASC"}`, "`sortorder`"},
		{"unknown search field", "address_search", `{"input":"Roth","searchparameter":["Ortt"]}`, "`searchparameter`"},
		{"limit too high", "address_search", `{"input":"Roth","listlimit":501}`, "`listlimit`"},
	})
}

// atAddressWithFiles finds a seeded address with files.
func atAddressWithFiles(t *testing.T, h *toolstest.Harness) (int, []sandbox.Record) {
	t.Helper()
	byAddress := map[int][]sandbox.Record{}
	first := 0
	for _, f := range h.Sandbox.Store().Table("file").Records {
		if f["module"] == "address" {
			id := f["relatedRecordId"].(int)
			if first == 0 {
				first = id
			}
			byAddress[id] = append(byAddress[id], f)
		}
	}
	if first == 0 {
		t.Fatal("no address files seeded")
	}
	return first, byAddress[first]
}

func TestAddressFileTools(t *testing.T) {
	h := toolstest.New(t)
	id, files := atAddressWithFiles(t, h)
	text := callOK(t, h, "address_file_list", fmt.Sprintf(`{"addressid":%d}`, id))
	for _, f := range files {
		if !strings.Contains(text, str(f["originalname"])) {
			t.Errorf("%s missing in:\n%s", f["originalname"], text)
		}
	}
	fileID := atID(files[0])
	text = callOK(t, h, "address_file_list", fmt.Sprintf(`{"addressid":%d,"fileid":%d}`, id, fileID))
	if !strings.Contains(text, "not shown (") || strings.Contains(text, "JVBER") {
		t.Errorf("single file:\n%s", text)
	}

	// The download link is an outside effect.
	p := mustPreview(t, h, "address_file_download_link", fmt.Sprintf(`{"addressid":%d}`, id))
	if !strings.Contains(strings.Join(p.Changes, " "), fmt.Sprintf("all %d files", len(files))) || !strings.Contains(p.Target, strconv.Itoa(id)) {
		t.Errorf("preview %+v", p)
	}
	if len(h.Sandbox.Outbox()) != 0 {
		t.Fatalf("the preview created a link")
	}
	text = callOK(t, h, "address_file_download_link", fmt.Sprintf(`{"addressid":%d,"language":"ENG"}`, id))
	out := h.Sandbox.Outbox()
	if len(out) != 1 || out[0].Kind != "downloadFiles" || !strings.Contains(text, str(out[0].Parameters["url"])) {
		t.Errorf("outbox %+v, answer %s", out, text)
	}
	runBadCalls(t, h, []badCall{
		{"no address", "address_file_list", `{}`, "`addressid`"},
		{"limit too high", "address_file_list", `{"addressid":1,"listlimit":101}`, "`listlimit`"},
		{"link without address", "address_file_download_link", `{"language":"ENG"}`, "`addressid`"},
		{"link bad language", "address_file_download_link", `{"addressid":1,"language":"english"}`, "`language`"},
	})
	if len(h.Sandbox.Outbox()) != 1 {
		t.Errorf("invalid calls reached the outbox")
	}
}

func TestAddressCompletionTools(t *testing.T) {
	h := toolstest.New(t)
	text := callOK(t, h, "address_completion_fields", `{}`)
	if !strings.Contains(text, "ArtDaten (Kontaktart) multiselect") || !strings.Contains(text, "Eigentuemer=Eigentümer") {
		t.Errorf("fields:\n%s", text)
	}
	a := atPerson(t, h)
	args := fmt.Sprintf(`{"addressId":%d,"mode":"modus2"}`, atID(a))
	p := mustPreview(t, h, "address_completion_send", args)
	if !strings.Contains(strings.Join(p.Changes, " "), str(a["Email"])) || !strings.Contains(strings.Join(p.Changes, " "), "search profile") {
		t.Errorf("preview %+v", p)
	}
	callOK(t, h, "address_completion_send", args)
	out := h.Sandbox.Outbox()
	if len(out) != 1 || out[0].Kind != "sendaddresscompletion" || out[0].Parameters["to"] != a["Email"] {
		t.Errorf("outbox %+v", out)
	}
	runBadCalls(t, h, []badCall{
		{"no mode", "address_completion_send", fmt.Sprintf(`{"addressId":%d}`, atID(a)), "`mode`"},
		{"bad mode", "address_completion_send", fmt.Sprintf(`{"addressId":%d,"mode":"modus3"}`, atID(a)), "`mode`"},
		{"no address", "address_completion_send", `{"mode":"modus1"}`, "`addressId`"},
		{"fields take no arguments", "address_completion_fields", `{"mode":"x"}`, "`mode`"},
	})
}

func TestNewsletterTool(t *testing.T) {
	h := toolstest.New(t)
	var a sandbox.Record
	for _, r := range h.Sandbox.Store().Table("address").Records {
		if str(r["Email"]) != "" && str(r["Vorname"]) != "" && str(r["Zusatz1"]) == "" && r["newsletter_aktiv"] == 0 {
			a = r
			break
		}
	}
	if a == nil {
		t.Fatal("no seeded person with e-mail and without newsletter")
	}
	args := fmt.Sprintf(`{"id":%d,"register":true}`, atID(a))
	p := mustPreview(t, h, "newsletter_register", args)
	if !strings.Contains(strings.Join(p.Changes, " "), str(a["Email"])) || !strings.Contains(p.Changes[0], "newsletter_aktiv: Nein") {
		t.Errorf("preview %+v", p)
	}
	text := callOK(t, h, "newsletter_register", args)
	if !strings.Contains(text, "Double Opt-In ausstehend") {
		t.Errorf("answer %q", text)
	}
	if out := h.Sandbox.Outbox(); len(out) != 1 || out[0].Kind != "registerNewsletter" {
		t.Errorf("outbox %+v", out)
	}
	if text := callOK(t, h, "newsletter_register", fmt.Sprintf(`{"id":%d,"register":false}`, atID(a))); !strings.Contains(text, "Abgemeldet") {
		t.Errorf("cancel answer %q", text)
	}
	runBadCalls(t, h, []badCall{
		{"no register", "newsletter_register", fmt.Sprintf(`{"id":%d}`, atID(a)), "`register`"},
		{"register not boolean", "newsletter_register", fmt.Sprintf(`{"id":%d,"register":"ja"}`, atID(a)), "`register`"},
		{"no id", "newsletter_register", `{"register":true}`, "`id`"},
	})
}

func TestAddressSelectValuesTool(t *testing.T) {
	h := toolstest.New(t)
	text := callOK(t, h, "address_select_values", `{"fieldname":"Land"}`)
	if !strings.Contains(text, "- DEU = Deutschland") || !strings.Contains(text, "- FRA = Frankreich") {
		t.Errorf("values:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"not a select field", "address_select_values", `{"fieldname":"Vorname"}`, "`fieldname`"},
		{"unknown field", "address_select_values", `{"fieldname":"Lnad"}`, "`fieldname`"},
		{"missing", "address_select_values", `{}`, "`fieldname`"},
	})
}

func TestAddressHierarchyTool(t *testing.T) {
	h := toolstest.New(t)
	store := h.Sandbox.Store()
	var parent int
	var children []int
	for _, r := range store.Relations {
		if r.Type == sandbox.RelationPrefix+"address:contact:address" && (parent == 0 || r.Parent == parent) {
			parent = r.Parent
			children = append(children, r.Child)
		}
	}
	if parent == 0 {
		t.Fatal("no contact hierarchy seeded")
	}
	text := callOK(t, h, "address_hierarchy_contacts", fmt.Sprintf(`{"id":%d}`, parent))
	for _, c := range children {
		child := store.Table("address").Get(c)
		if !strings.Contains(text, str(child["Name"])) || !strings.Contains(text, str(child["Email"])) {
			t.Errorf("contact %d missing in:\n%s", c, text)
		}
	}
	runBadCalls(t, h, []badCall{{"no id", "address_hierarchy_contacts", `{}`, "`id`"}})
}
