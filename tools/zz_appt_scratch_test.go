package tools_test

import (
	"fmt"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

func TestZZApptScratch(t *testing.T) {
	h := toolstest.New(t)
	m := h.Sandbox.Mails()[0]
	ref := fmt.Sprintf(`"emailidentity":%q,"messageid":%q,"uid":%d,"folder":%q`, m.Identity, m.MessageID, m.UID, m.Folder)
	info := fmt.Sprintf(`{"emailIdentity":%q,"messageId":%q,"uid":%d,"folder":%q}`, m.Identity, m.MessageID, m.UID, m.Folder)
	for _, c := range [][2]string{
		{"file_upload", `{"module":"estate","relatedRecordId":3114,"file":"Notiz.txt","text":"Hallo Welt","Art":"Dokument","title":"Notiz"}`},
		{"file_upload", `{"module":"estate","relatedRecordId":3114,"Art":"Film-Link","url":"https://example.com/tour"}`},
		{"file_upload", `{"module":"address","relatedRecordId":10035,"file":"a.pdf","data":"JVBERi0xLjQK"}`},
		{"file_upload", `{"module":"tmpUpload","file":"a.pdf","data":"JVBERi0xLjQK"}`},
		{"estate_file_list", `{"estateid":3114}`},
		{"template_list", `{"type":"mail","list":true}`},
		{"template_list", `{"type":"pdf"}`},
		{"template_list", `{"type":"mail","mailtemplateids":[1501]}`},
		{"default_attachment_list", `{"id":1501}`},
		{"default_attachment_list", `{}`},
		{"email_template_folder_list", `{}`},
		{"email_signature_read", `{}`},
		{"email_signature_read", `{"id":12}`},
		{"email_signature_read", `{"getdefaultsignature":true,"ishtml":true}`},
		{"email_info", info},
		{"email_link_list", "{" + ref + "}"},
		{"email_link_create", "{" + ref + `,"addressIds":[10035,10036],"estateid":0}`},
		{"email_info", info},
		{"email_send", `{"emailidentity":"m.hansen@hansen-kroeger.example.com","receiver":[10035],"templateid":1501,"estateids":[3114],"pdfexposeidentifiers":["urn:onoffice-de-ns:smart:2.5:pdf:expose:lang:Exposé Standard"],"attachmentsDirectData":{"a.txt":"SGFsbG8="}}`},
		{"email_send", `{"emailidentity":"m.hansen@hansen-kroeger.example.com","receiver":["a@b.de","c@d.de"],"subject":"Hi","body":"Hallo"}`},
	} {
		r := h.Call(t, c[0], c[1])
		fmt.Printf("=== %s %s\nerr=%v\n%s\n", c[0], c[1], r.IsError, r.Text)
	}
	for _, o := range h.Sandbox.Outbox() {
		fmt.Printf("%s %v\n", o.Kind, o.Parameters)
	}
}
