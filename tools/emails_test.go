package tools_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

const mailSender = "m.hansen@hansen-kroeger.example.com"

// mailLinked returns a stored mail linked to an address and an estate.
func mailLinked(t *testing.T, h *toolstest.Harness) sandbox.StoredMail {
	t.Helper()
	for _, m := range h.Sandbox.Mails() {
		if len(m.Addresses) > 0 && m.Estate != 0 {
			return m
		}
	}
	t.Fatal("no linked mail in the sandbox")
	return sandbox.StoredMail{}
}

func TestEmailSendTool(t *testing.T) {
	h := toolstest.New(t)
	store := h.Sandbox.Store()
	var addr sandbox.Record
	for _, a := range store.Table("address").Records {
		if str(a["Email"]) != "" && str(a["Vorname"]) != "" {
			addr = a
			break
		}
	}
	estate := store.Table("estate").Records[0]
	args := fmt.Sprintf(`{"emailidentity":%q,"displayName":"Michael Hansen","receiver":[%d],"cc":["assistenz@hansen-kroeger.example.com"],"templateid":1501,"estateids":[%d],
		"pdfexposeidentifiers":["urn:onoffice-de-ns:smart:2.5:pdf:expose:lang:Exposé Standard"],"attachmentsDirectData":{"Lageplan.pdf":"JVBERi0xLjQK"},"signatureid":12}`,
		mailSender, addr["Id"], estate["Id"])
	p := mustPreview(t, h, "email_send", args)
	changes := strings.Join(p.Changes, "\n")
	for _, want := range []string{
		fmt.Sprintf("to: address %d «crm-text»%s %s", addr["Id"], str(addr["Vorname"]), str(addr["Name"])), str(addr["Email"]),
		"cc: assistenz@hansen-kroeger.example.com", "template: 1501 Exposéversand Standard", "subject: Ihr Exposé: _Objekttitel",
		"attachment: PDF exposé Exposé Standard", "attachment: Lageplan.pdf (9 bytes)", "signature: 12", str(estate["objekttitel"]),
	} {
		if !strings.Contains(changes, want) {
			t.Errorf("preview lacks %q:\n%s", want, changes)
		}
	}
	if p.Target != "e-mail from Michael Hansen <"+mailSender+">" {
		t.Errorf("target %q", p.Target)
	}
	if len(h.Sandbox.Outbox()) != 0 {
		t.Fatal("the preview sent mail")
	}
	text := callOK(t, h, "email_send", args)
	out := h.Sandbox.Outbox()
	if len(out) != 1 || out[0].Kind != "sendmail" {
		t.Fatalf("outbox %+v (answer %q)", out, text)
	}
	sent := out[0].Parameters
	if fmt.Sprint(sent["receiver"]) != fmt.Sprintf("[%d]", addr["Id"]) || fmt.Sprint(sent["to"]) != "["+str(addr["Email"])+"]" ||
		fmt.Sprint(sent["templateid"]) != "1501" || fmt.Sprint(sent["signatureid"]) != "12" {
		t.Errorf("sent %v", sent)
	}
	if !strings.Contains(text, fmt.Sprintf("to address %d", addr["Id"])) {
		t.Errorf("answer %q", text)
	}
	callOK(t, h, "email_send", `{"emailidentity":"`+mailSender+`","receiver":["a@example.com","b@example.com"],"subject":"Unterlagen","body":"Anbei die Unterlagen.","signatureid":0}`)
	if out := h.Sandbox.Outbox(); len(out) != 2 || fmt.Sprint(out[1].Parameters["signatureid"]) != "0" {
		t.Errorf("second mail %+v", out)
	}

	base := `"emailidentity":"` + mailSender + `"`
	runBadCalls(t, h, []badCall{
		{"no identity", "email_send", `{"receiver":["a@example.com"],"body":"x"}`, "emailidentity"},
		{"identity format", "email_send", `{"emailidentity":"Hansen","receiver":["a@example.com"],"body":"x"}`, "emailidentity"},
		{"no receiver", "email_send", `{` + base + `,"body":"x"}`, "receiver"},
		{"empty receiver", "email_send", `{` + base + `,"receiver":[],"body":"x"}`, "receiver"},
		{"bad receiver", "email_send", `{` + base + `,"receiver":["Herr Becker"],"body":"x"}`, "receiver"},
		{"id and more", "email_send", `{` + base + `,"receiver":[10001,"a@example.com"],"body":"x"}`, "receiver"},
		{"id in cc", "email_send", `{` + base + `,"receiver":["a@example.com"],"cc":[10001],"body":"x"}`, "cc"},
		{"no text", "email_send", `{` + base + `,"receiver":["a@example.com"],"subject":"x"}`, "body"},
		{"body and template", "email_send", `{` + base + `,"receiver":["a@example.com"],"body":"x","templateid":1501}`, "body"},
		{"exposé without estate", "email_send", `{` + base + `,"receiver":["a@example.com"],"body":"x","pdfexposeidentifiers":["urn:onoffice-de-ns:smart:2.5:pdf:expose:lang:Exposé Standard"]}`, "estateids"},
		{"exposé name", "email_send", `{` + base + `,"receiver":["a@example.com"],"body":"x","estateids":[3101],"pdfexposeidentifiers":["Exposé Standard"]}`, "pdfexposeidentifiers"},
		{"web exposé to e-mail", "email_send", `{` + base + `,"receiver":["a@example.com"],"body":"x","webexposeids":[2301]}`, "webexposeids"},
		{"reply without message", "email_send", `{` + base + `,"receiver":["a@example.com"],"body":"x","replied":true}`, "messageid"},
		{"reply and forward", "email_send", `{` + base + `,"receiver":["a@example.com"],"body":"x","messageid":"<a@b>","replied":true,"forwarded":true}`, "forwarded"},
		{"bad base64", "email_send", `{` + base + `,"receiver":["a@example.com"],"body":"x","attachmentsDirectData":{"a.pdf":"%%%"}}`, "attachmentsDirectData"},
		{"merge two letters", "email_send", `{` + base + `,"receiver":["a@example.com"],"body":"x","pdfletterids":[2101,2102],"mergeexposeintopdfletter":true}`, "pdfletterids"},
		{"signature type", "email_send", `{` + base + `,"receiver":["a@example.com"],"body":"x","signatureid":"standard"}`, "signatureid"},
		{"unknown argument", "email_send", `{` + base + `,"receiver":["a@example.com"],"to":["b@example.com"],"body":"x"}`, "`to`"},
	})
	if len(h.Sandbox.Outbox()) != 2 {
		t.Errorf("invalid mails reached the outbox")
	}
}

func TestEmailInfoAndLinkTools(t *testing.T) {
	h := toolstest.New(t)
	store := h.Sandbox.Store()
	m := mailLinked(t, h)
	a := store.Table("address").Get(m.Addresses[0])
	e := store.Table("estate").Get(m.Estate)
	info := fmt.Sprintf(`{"emailIdentity":%q,"messageId":%q,"uid":%d,"folder":%q}`, m.Identity, m.MessageID, m.UID, m.Folder)
	text := callOK(t, h, "email_info", info)
	for _, want := range []string{m.MessageID, fmt.Sprintf("addresses: %d", m.Addresses[0]), str(a["Name"]), fmt.Sprintf("estates: %d «crm-text»%s", m.Estate, str(e["objektnr_extern"]))} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q:\n%s", want, text)
		}
	}
	if req := lastRequest(t, h, "emailInfo"); req.Parameters["uid"] != strconv.Itoa(m.UID) || req.Parameters["messageId"] != m.MessageID {
		t.Errorf("info sent %v", req.Parameters)
	}
	ref := fmt.Sprintf(`"emailidentity":%q,"messageid":%q,"uid":%d,"folder":%q`, m.Identity, m.MessageID, m.UID, m.Folder)
	text = callOK(t, h, "email_link_list", "{"+ref+"}")
	if !strings.Contains(text, fmt.Sprintf("addressid: %d", m.Addresses[0])) || !strings.Contains(text, fmt.Sprintf("estateid: %d", m.Estate)) {
		t.Errorf("links:\n%s", text)
	}

	other := store.Table("address").Records[0]["Id"].(int)
	args := fmt.Sprintf(`{%s,"addressIds":[%d,%d],"estateid":0}`, ref, m.Addresses[0], other)
	p := mustPreview(t, h, "email_link_create", args)
	changes := strings.Join(p.Changes, "\n")
	if !strings.Contains(changes, fmt.Sprintf("addresses: %d", m.Addresses[0])) || !strings.Contains(changes, fmt.Sprintf("; %d ", other)) ||
		!strings.Contains(changes, fmt.Sprintf("estate: %d «crm-text»%s", m.Estate, str(e["objektnr_extern"]))) || !strings.Contains(changes, "→ none") {
		t.Errorf("preview:\n%s", changes)
	}
	if p.RecordID != m.MessageID || h.WriteRequests() != 0 {
		t.Errorf("preview record %q, writes %d", p.RecordID, h.WriteRequests())
	}
	callOK(t, h, "email_link_create", args)
	for _, now := range h.Sandbox.Mails() {
		if now.MessageID == m.MessageID && (len(now.Addresses) != 2 || now.Addresses[1] != other || now.Estate != 0) {
			t.Errorf("links after create: %+v", now)
		}
	}
	if sent := lastRequest(t, h, "emailassignments").Parameters; fmt.Sprint(sent["uid"]) != strconv.Itoa(m.UID) || fmt.Sprint(sent["estateid"]) != "0" {
		t.Errorf("sent %v", sent)
	}
	wantAPIError(t, h, "mismatched message id", "email_info", fmt.Sprintf(`{"emailIdentity":%q,"messageId":"<other@x>","uid":%d,"folder":%q}`, m.Identity, m.UID, m.Folder), "63")
	runBadCalls(t, h, []badCall{
		{"info without uid", "email_info", fmt.Sprintf(`{"emailIdentity":%q,"messageId":%q,"folder":"INBOX"}`, m.Identity, m.MessageID), "uid"},
		{"info uid text", "email_info", fmt.Sprintf(`{"emailIdentity":%q,"messageId":%q,"uid":"vier","folder":"INBOX"}`, m.Identity, m.MessageID), "uid"},
		{"info lower-case names", "email_info", "{" + ref + "}", "emailIdentity"},
		{"links without folder", "email_link_list", fmt.Sprintf(`{"emailidentity":%q,"messageid":%q,"uid":1}`, m.Identity, m.MessageID), "folder"},
		{"nothing to link", "email_link_create", "{" + ref + "}", "addressIds"},
		{"estate negative", "email_link_create", "{" + ref + `,"estateid":-1}`, "estateid"},
		{"address ids type", "email_link_create", "{" + ref + `,"addressIds":["Becker"]}`, "addressIds"},
	})
}

func TestEmailSignatureAndFolderTools(t *testing.T) {
	h := toolstest.New(t)
	text := callOK(t, h, "email_signature_read", `{}`)
	if !strings.Contains(text, "Standard Hansen & Kröger Immobilien GmbH") || !strings.Contains(text, "Kurz (Antworten)") || strings.Contains(text, "Mit freundlichen") {
		t.Errorf("list:\n%s", text)
	}
	text = callOK(t, h, "email_signature_read", `{"id":12}`)
	if !strings.HasPrefix(text, "signature 12 Standard") || !strings.Contains(text, "Mit freundlichen Grüßen") || !strings.Contains(text, "Michael Hansen") {
		t.Errorf("signature 12:\n%s", text)
	}
	text = callOK(t, h, "email_signature_read", `{"id":-1,"ishtml":true}`)
	if !strings.Contains(text, "HRB") || !strings.Contains(text, "<p>") {
		t.Errorf("company signature:\n%s", text)
	}
	if req := lastRequest(t, h, "emailsignature"); req.ResourceID != "-1" || req.Parameters["ishtml"] != true {
		t.Errorf("sent %+v", req)
	}
	text = callOK(t, h, "email_signature_read", `{"getdefaultsignature":true}`)
	if !strings.HasPrefix(text, "default signature:") || !strings.Contains(text, "Michael Hansen") {
		t.Errorf("default:\n%s", text)
	}
	text = callOK(t, h, "email_template_folder_list", `{}`)
	for _, want := range []string{"3 e-mail template folders", "- 12 = onOffice Systemvorlagen", "- 53 = Hansen & Kröger Vorlagen", "- 61 = Eigentümerkommunikation"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q:\n%s", want, text)
		}
	}
	runBadCalls(t, h, []badCall{
		{"id and default", "email_signature_read", `{"id":12,"getdefaultsignature":true}`, "getdefaultsignature"},
		{"id zero", "email_signature_read", `{"id":0}`, "id"},
		{"id below -1", "email_signature_read", `{"id":-2}`, "id"},
		{"folder arguments", "email_template_folder_list", `{"type":"mail"}`, "type"},
	})
}
