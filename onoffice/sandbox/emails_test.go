package sandbox

import (
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

const mailTestSender = "m.hansen@hansen-kroeger.example.com"

// mailTestAddress returns an address with an e-mail address.
func mailTestAddress(t *testing.T, s *Store) Record {
	t.Helper()
	for _, a := range s.Table("address").Records {
		if mailAddressEmail(a) != "" {
			return a
		}
	}
	t.Fatal("no address with e-mail")
	return nil
}

func TestSendMail(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	s := sb.Store()
	addr := mailTestAddress(t, s)
	estate := idOf(s.Table("estate").Records[0])
	res := mustCall(t, c, onoffice.VerbDo, "sendmail", "", map[string]any{
		"emailidentity": mailTestSender, "receiver": []any{strconv.Itoa(idOf(addr))}, "cc": []any{"kollegin@example.com"},
		"templateid": 1501, "estateids": []any{estate}, "pdfexposeidentifiers": []any{tplExposes[0].Identifier},
		"pdfformids": []any{2201}, "attachmentsDirectData": map[string]any{"Mietvertrag_Entwurf.pdf": "JVBERi0xLjQK"}, "signatureid": 0,
	})
	if len(res.Records) != 1 || res.Records[0].Fields()["success"] != "success" {
		t.Fatalf("answer %+v", res.Records)
	}
	out := sb.Outbox()
	if len(out) != 1 || out[0].Kind != "sendmail" {
		t.Fatalf("outbox %+v", out)
	}
	p := out[0].Parameters
	if strings.Join(textsOf(p["to"]), ",") != mailAddressEmail(addr) || strings.Join(textsOf(p["ccTo"]), ",") != "kollegin@example.com" ||
		p["from"] != mailTestSender || p["sentSubject"] != tplMails[0].Subject || p["templateid"] == nil {
		t.Errorf("outbox parameters %v", p)
	}
	if got := strings.Join(textsOf(p["attachments"]), "|"); got != "Exposé Standard.pdf|Maklervertrag.pdf|Mietvertrag_Entwurf.pdf" {
		t.Errorf("attachments %s", got)
	}
	sent := sb.Mails()
	last := sent[len(sent)-1]
	if last.Folder != "Gesendet" || last.Identity != mailTestSender || len(last.Addresses) != 1 || last.Addresses[0] != idOf(addr) || last.Estate != estate {
		t.Errorf("sent copy %+v", last)
	}

	// Replying records the action on the original mail.
	orig := sent[0]
	mustCall(t, c, onoffice.VerbDo, "sendmail", "", map[string]any{
		"emailidentity": orig.Identity, "receiver": []any{orig.From}, "subject": "Re: " + orig.Subject, "body": "Vielen Dank",
		"messageid": orig.MessageID, "replied": true,
	})
	if acts := sb.Mails()[0].Actions; len(acts) == 0 || acts[len(acts)-1].Type != "replied" {
		t.Errorf("actions after reply: %+v", acts)
	}
	ok := func(extra map[string]any) map[string]any {
		p := map[string]any{"emailidentity": mailTestSender, "receiver": []any{"a@example.com"}, "body": "x"}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}
	runErrCases(t, c, []errCase{
		{"no identity", "do", "sendmail", "", map[string]any{"receiver": []any{"a@example.com"}}, 50},
		{"foreign identity", "do", "sendmail", "", ok(map[string]any{"emailidentity": "boss@example.com"}), 51},
		{"no receiver", "do", "sendmail", "", ok(map[string]any{"receiver": nil}), 53},
		{"receiver not a list", "do", "sendmail", "", ok(map[string]any{"receiver": "a@example.com"}), 52},
		{"bad receiver", "do", "sendmail", "", ok(map[string]any{"receiver": []any{"not an address"}}), 55},
		{"id and more", "do", "sendmail", "", ok(map[string]any{"receiver": []any{idOf(addr), "b@example.com"}}), 55},
		{"unknown address", "do", "sendmail", "", ok(map[string]any{"receiver": []any{1}}), 55},
		{"unknown template", "do", "sendmail", "", ok(map[string]any{"templateid": 99}), 233},
		{"estateids not a list", "do", "sendmail", "", ok(map[string]any{"estateids": estate}), 73},
		{"unknown estate", "do", "sendmail", "", ok(map[string]any{"estateids": []any{1}}), 293},
		{"bad exposé", "do", "sendmail", "", ok(map[string]any{"estateids": []any{estate}, "pdfexposeidentifiers": []any{"urn:x"}}), 54},
		{"exposé without estate", "do", "sendmail", "", ok(map[string]any{"pdfexposeidentifiers": []any{tplExposes[0].Identifier}}), 57},
		{"unknown letter", "do", "sendmail", "", ok(map[string]any{"pdfletterids": []any{1}}), 246},
		{"unknown form", "do", "sendmail", "", ok(map[string]any{"pdfformids": []any{1}}), 245},
		{"web exposé to e-mail", "do", "sendmail", "", ok(map[string]any{"webexposeids": []any{2301}}), 55},
		{"two letters merged", "do", "sendmail", "", ok(map[string]any{"pdfletterids": []any{2101, 2102}, "mergeexposeintopdfletter": true}), 244},
		{"unknown file", "do", "sendmail", "", ok(map[string]any{"onlineattachmentids": []any{1}}), 127},
		{"bad base64", "do", "sendmail", "", ok(map[string]any{"attachmentsDirectData": map[string]any{"a.pdf": "%%"}}), 255},
		{"reply to unknown mail", "do", "sendmail", "", ok(map[string]any{"messageid": "<x@y>", "replied": true}), 133},
		{"unknown signature", "do", "sendmail", "", ok(map[string]any{"signatureid": 4}), 80},
	})
	if len(sb.Outbox()) != 2 {
		t.Errorf("failed sends reached the outbox: %d entries", len(sb.Outbox()))
	}
}

func TestEmailInfoAndLinks(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	s := sb.Store()
	var m StoredMail
	for _, x := range sb.Mails() {
		if len(x.Addresses) > 0 && x.Estate != 0 && x.Portal {
			m = x
			break
		}
	}
	if m.UID == 0 {
		t.Fatal("no linked portal mail in the mailbox")
	}
	info := map[string]any{"emailIdentity": m.Identity, "messageId": m.MessageID, "uid": strconv.Itoa(m.UID), "folder": m.Folder}
	res := mustCall(t, c, onoffice.VerbGet, "emailInfo", "", info)
	if len(res.Records) != 1 || res.Records[0].IDString() != m.MessageID {
		t.Fatalf("emailInfo %+v", res.Records)
	}
	el := res.Records[0].Fields()
	addrs := asList(el["addresses"])
	estates := asList(el["estates"])
	a := s.Table("address").Get(m.Addresses[0])
	if el["isPortalRequest"] != true || len(addrs) != 1 || asObject(addrs[0])["addressId"] != float64(m.Addresses[0]) ||
		asObject(addrs[0])["addressSurname"] != toText(a["Name"]) || asObject(addrs[0])["addressEmail"] != mailAddressEmail(a) {
		t.Errorf("addresses %v", addrs)
	}
	e := s.Table("estate").Get(m.Estate)
	if len(estates) != 1 || asObject(estates[0])["estateExternalNo"] != e["objektnr_extern"] || asObject(estates[0])["estateCity"] != e["ort"] {
		t.Errorf("estates %v", estates)
	}
	old := mustCall(t, c, onoffice.VerbGet, "emailassignments", "", map[string]any{"emailidentity": m.Identity, "messageid": m.MessageID, "uid": strconv.Itoa(m.UID), "folder": m.Folder})
	if f := old.Records[0].Fields(); f["addressid"] != float64(m.Addresses[0]) || f["estateid"] != float64(m.Estate) || f["addresssurname"] != toText(a["Name"]) {
		t.Errorf("deprecated links %v", f)
	}

	// Set new links: two addresses, no estate.
	two := []any{idOf(s.Table("address").Records[0]), idOf(s.Table("address").Records[1])}
	done := mustCall(t, c, onoffice.VerbDo, "emailassignments", "", map[string]any{
		"emailidentity": m.Identity, "messageid": m.MessageID, "uid": m.UID, "folder": m.Folder, "addressIds": two, "estateid": 0,
	})
	if done.Records[0].Fields()["success"] != "success" {
		t.Fatalf("do emailassignments %+v", done.Records)
	}
	el = mustCall(t, c, onoffice.VerbGet, "emailInfo", "", info).Records[0].Fields()
	if len(asList(el["addresses"])) != 2 || len(asList(el["estates"])) != 0 {
		t.Errorf("after linking: %v", el)
	}
	ref := func(extra map[string]any) map[string]any {
		p := map[string]any{"emailidentity": m.Identity, "messageid": m.MessageID, "uid": m.UID, "folder": m.Folder}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}
	infoWith := func(k string, v any) map[string]any {
		p := map[string]any{}
		for key, val := range info {
			p[key] = val
		}
		p[k] = v
		return p
	}
	runErrCases(t, c, []errCase{
		{"no identity", "get", "emailInfo", "", infoWith("emailIdentity", nil), 50},
		{"no message id", "get", "emailInfo", "", infoWith("messageId", nil), 58},
		{"no uid", "get", "emailInfo", "", infoWith("uid", nil), 59},
		{"no folder", "get", "emailInfo", "", infoWith("folder", nil), 60},
		{"foreign identity", "get", "emailInfo", "", infoWith("emailIdentity", "x@example.com"), 51},
		{"unknown folder", "get", "emailInfo", "", infoWith("folder", "Spam"), 94},
		{"wrong message id", "get", "emailInfo", "", infoWith("messageId", "<other@x>"), 63},
		{"unknown uid", "get", "emailInfo", "", infoWith("uid", "1"), 133},
		{"both address forms", "do", "emailassignments", "", ref(map[string]any{"addressIds": []any{}, "addressid": 0}), 297},
		{"addressIds not a list", "do", "emailassignments", "", ref(map[string]any{"addressIds": 5}), 298},
		{"addressIds not ints", "do", "emailassignments", "", ref(map[string]any{"addressIds": []any{"Becker"}}), 299},
		{"unknown address", "do", "emailassignments", "", ref(map[string]any{"addressIds": []any{1}}), 292},
		{"unknown estate", "do", "emailassignments", "", ref(map[string]any{"estateid": 1}), 293},
		{"uid text", "do", "emailassignments", "", ref(map[string]any{"uid": "abc"}), 228},
	})
}

func TestEmailSignatures(t *testing.T) {
	_, c := startAPIAt(t, apptTestNow)
	list := mustCall(t, c, onoffice.VerbGet, "emailsignature", "", map[string]any{"getdefaultsignature": false})
	if len(list.Records) != 2 || list.Records[0].Fields()["isdefault"] != true || list.Records[0].Fields()["signature"] != nil {
		t.Fatalf("list %+v", list.Records)
	}
	def := mustCall(t, c, onoffice.VerbGet, "emailsignature", "", map[string]any{"getdefaultsignature": true, "ishtml": true})
	if len(def.Records) != 1 || def.Records[0].IDString() != "0" || !strings.HasPrefix(toText(def.Records[0].Fields()["signature"]), "<p>") {
		t.Errorf("default %+v", def.Records)
	}
	one := mustCall(t, c, onoffice.VerbGet, "emailsignature", "15", map[string]any{})
	if f := one.Records[0].Fields(); f["title"] != "Kurz (Antworten)" || !strings.Contains(toText(f["signature"]), "Michael Hansen") || strings.Contains(toText(f["signature"]), "<p>") {
		t.Errorf("signature 15 %v", f)
	}
	company := mustCall(t, c, onoffice.VerbGet, "emailsignature", "-1", map[string]any{})
	if !strings.Contains(toText(company.Records[0].Fields()["signature"]), "HRB") {
		t.Errorf("company signature %v", company.Records[0].Fields())
	}
	runErrCases(t, c, []errCase{{"unknown", "get", "emailsignature", "3", map[string]any{}, 80}})
}

func TestEmailTemplateFolders(t *testing.T) {
	_, c := startAPIAt(t, apptTestNow)
	res := mustCall(t, c, onoffice.VerbGet, "emailtemplatefolders", "", map[string]any{})
	if len(res.Records) != 1 || res.Cacheable || res.Records[0].IDString() != strconv.Itoa(len(tplFolders)) {
		t.Fatalf("answer %+v", res.Records)
	}
	el := res.Records[0].Fields()
	for _, f := range tplFolders {
		if el[strconv.Itoa(f.ID)] != f.Name {
			t.Errorf("folder %d: %v", f.ID, el[strconv.Itoa(f.ID)])
		}
	}
}
