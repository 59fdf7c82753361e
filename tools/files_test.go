package tools_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// uplFileID reads the file id out of a file_upload answer.
func uplFileID(t *testing.T, h *toolstest.Harness, text string) sandbox.Record {
	t.Helper()
	fields := strings.Fields(text)
	if len(fields) < 2 {
		t.Fatalf("answer %q", text)
	}
	id, err := strconv.Atoi(fields[1])
	if err != nil {
		t.Fatalf("no file id in %q", text)
	}
	f := h.Sandbox.Store().Table("file").Get(id)
	if f == nil {
		t.Fatalf("file %d not stored (%q)", id, text)
	}
	return f
}

func TestFileUploadTool(t *testing.T) {
	h := toolstest.New(t)
	store := h.Sandbox.Store()
	estate := store.Table("estate").Records[4]
	estateID := estate["Id"].(int)
	args := fmt.Sprintf(`{"module":"estate","relatedRecordId":%d,"file":"Besichtigungsprotokoll.txt","text":"Besichtigung am 3.11.: Interesse hoch.","Art":"Dokument","title":"Protokoll"}`, estateID)
	p := mustPreview(t, h, "file_upload", args)
	if !strings.Contains(p.Target, str(estate["objekttitel"])) || p.RecordID != strconv.Itoa(estateID) ||
		!strings.Contains(strings.Join(p.Changes, "\n"), "file: Besichtigungsprotokoll.txt (38 bytes)") {
		t.Errorf("preview %+v", p)
	}
	if h.WriteRequests() != 0 {
		t.Fatal("the preview uploaded")
	}
	text := callOK(t, h, "file_upload", args)
	f := uplFileID(t, h, text)
	if f["module"] != "estate" || f["relatedRecordId"] != estateID || f["type"] != "Dokument" || f["title"] != "Protokoll" ||
		string(f["_content"].([]byte)) != "Besichtigung am 3.11.: Interesse hoch." || f["originalname"] != "Besichtigungsprotokoll.txt" {
		t.Errorf("stored %v", f)
	}
	// The estate's file list shows the new file.
	if list := callOK(t, h, "estate_file_list", fmt.Sprintf(`{"estateid":%d}`, estateID)); !strings.Contains(list, "Protokoll") {
		t.Errorf("estate_file_list misses the upload:\n%s", list)
	}

	// Content over one block goes up in several calls before the attach call.
	big := bytes.Repeat([]byte("0123456789abcdef"), 12500) // 200,000 bytes → 266,668 base64 characters, two blocks
	before := len(h.Requests())
	addr := store.Table("address").Records[3]["Id"].(int)
	text = callOK(t, h, "file_upload", fmt.Sprintf(`{"module":"address","relatedRecordId":%d,"file":"scan.bin","data":%q}`, addr, base64.StdEncoding.EncodeToString(big)))
	f = uplFileID(t, h, text)
	if !bytes.Equal(f["_content"].([]byte), big) || f["module"] != "address" {
		t.Errorf("big upload stored %d bytes for %v", len(f["_content"].([]byte)), f["module"])
	}
	calls := 0
	for _, r := range h.Requests()[before:] {
		if r.ResourceType == "uploadfile" {
			calls++
		}
	}
	if calls != 3 {
		t.Errorf("%d upload calls, want 2 blocks and 1 attach", calls)
	}

	text = callOK(t, h, "file_upload", fmt.Sprintf(`{"module":"estate","relatedRecordId":%d,"Art":"Film-Link","url":"https://video.example.com/rundgang","title":"Rundgang"}`, estateID))
	if !strings.HasPrefix(text, "Link https://video.example.com/rundgang added to estate") {
		t.Errorf("link answer %q", text)
	}
	link := lastRequest(t, h, "uploadfile").Parameters
	if link["url"] != "https://video.example.com/rundgang" || link["tmpUploadId"] != nil || link["data"] != nil {
		t.Errorf("link sent %v", link)
	}
	text = callOK(t, h, "file_upload", `{"module":"tmpUpload","file":"Entwurf.pdf","data":"JVBERi0xLjQK"}`)
	if !strings.Contains(text, "cacheFileUuid: ") {
		t.Errorf("cache answer %q", text)
	}

	runBadCalls(t, h, []badCall{
		{"no module", "file_upload", `{"relatedRecordId":3101,"file":"a.txt","text":"x"}`, "module"},
		{"module enum", "file_upload", `{"module":"calendar","relatedRecordId":5101,"file":"a.txt","text":"x"}`, "module"},
		{"no record", "file_upload", `{"module":"address","file":"a.txt","text":"x"}`, "relatedRecordId"},
		{"record for cache", "file_upload", `{"module":"tmpUpload","relatedRecordId":3101,"file":"a.txt","text":"x"}`, "relatedRecordId"},
		{"estate without Art", "file_upload", `{"module":"estate","relatedRecordId":3101,"file":"a.txt","text":"x"}`, "Art"},
		{"Art enum", "file_upload", `{"module":"estate","relatedRecordId":3101,"file":"a.jpg","text":"x","Art":"Selfie"}`, "Art"},
		{"Art on address", "file_upload", `{"module":"address","relatedRecordId":10001,"file":"a.txt","text":"x","Art":"Dokument"}`, "Art"},
		{"link without url", "file_upload", `{"module":"estate","relatedRecordId":3101,"Art":"Link"}`, "url"},
		{"url not http", "file_upload", `{"module":"estate","relatedRecordId":3101,"Art":"Link","url":"ftp://x"}`, "url"},
		{"url on a file", "file_upload", `{"module":"estate","relatedRecordId":3101,"Art":"Foto","file":"a.jpg","data":"QUJD","url":"https://x.example"}`, "url"},
		{"no content", "file_upload", `{"module":"address","relatedRecordId":10001,"file":"a.txt"}`, "data"},
		{"both contents", "file_upload", `{"module":"address","relatedRecordId":10001,"file":"a.txt","text":"x","data":"QUJD"}`, "data"},
		{"bad base64", "file_upload", `{"module":"address","relatedRecordId":10001,"file":"a.pdf","data":"not base64!"}`, "data"},
		{"no file name", "file_upload", `{"module":"address","relatedRecordId":10001,"text":"x"}`, "file"},
		{"file name without extension", "file_upload", `{"module":"address","relatedRecordId":10001,"file":"notiz","text":"x"}`, "file"},
		{"unknown attribute", "file_upload", `{"module":"estate","relatedRecordId":3101,"file":"a.pdf","text":"x","Art":"Dokument","documentAttribute":"document_selfie"}`, "documentAttribute"},
		{"negative position", "file_upload", `{"module":"estate","relatedRecordId":3101,"file":"a.jpg","data":"QUJD","Art":"Foto","position":-1}`, "position"},
	})
}

func TestTemplateListTool(t *testing.T) {
	h := toolstest.New(t)
	text := callOK(t, h, "template_list", `{"type":"mail","list":true}`)
	for _, title := range []string{"Exposéversand Standard", "Terminbestätigung", "Marktpreiseinschätzung"} {
		if !strings.Contains(text, title) {
			t.Errorf("missing %s:\n%s", title, text)
		}
	}
	if strings.Contains(text, "<p>") {
		t.Errorf("list:true should leave out the body:\n%s", text)
	}
	text = callOK(t, h, "template_list", `{"type":"mail","mailtemplateids":[1501]}`)
	if !strings.Contains(text, "_BriefAnrede") || !strings.Contains(text, "Hansen & Kröger Vorlagen") {
		t.Errorf("template 1501:\n%s", text)
	}
	text = callOK(t, h, "template_list", `{"type":"mail","category":"appointmentConfirmation"}`)
	if !strings.Contains(text, "Terminbestätigung") || strings.Contains(text, "Exposéversand") {
		t.Errorf("category filter:\n%s", text)
	}
	text = callOK(t, h, "template_list", `{"type":"pdf"}`)
	if !strings.Contains(text, "urn:onoffice-de-ns:smart:2.5:pdf:expose:lang:Exposé Standard") {
		t.Errorf("exposé templates:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"no type", "template_list", `{}`, "type"},
		{"type enum", "template_list", `{"type":"sms"}`, "type"},
		{"folder for pdf", "template_list", `{"type":"pdf","folderid":53}`, "folderid"},
		{"category enum", "template_list", `{"type":"mail","category":"Newsletter"}`, "category"},
	})
}

func TestDefaultAttachmentListTool(t *testing.T) {
	h := toolstest.New(t)
	text := callOK(t, h, "default_attachment_list", `{"id":1501}`)
	for _, want := range []string{"your default attachments (1)", "Datenschutzhinweise.pdf", "attachments of the template (2)", "Widerrufsbelehrung.pdf, 48211 bytes", "[expose] identifier urn:"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q:\n%s", want, text)
		}
	}
	if req := lastRequest(t, h, "defaultAttachments"); req.ResourceID != "1501" {
		t.Errorf("resource id %q", req.ResourceID)
	}
	text = callOK(t, h, "default_attachment_list", `{}`)
	if strings.Contains(text, "template") {
		t.Errorf("own defaults only:\n%s", text)
	}
	wantAPIError(t, h, "unknown template", "default_attachment_list", `{"id":9999}`, "80")
	runBadCalls(t, h, []badCall{{"id type", "default_attachment_list", `{"id":"Exposé"}`, "id"}})
}
