package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

func uplTestElements(t *testing.T, res onoffice.Result) map[string]any {
	t.Helper()
	if len(res.Records) != 1 || res.Records[0].IDString() != "0" || res.Records[0].Type != "" {
		t.Fatalf("upload answer %+v", res.Records)
	}
	return res.Records[0].Fields()
}

func TestUploadInChunksAndAttach(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	s := sb.Store()
	content := []byte("%PDF-1.4\nGrundriss Erdgeschoss, Maßstab 1:100\n")
	first, rest := content[:21], content[21:] // 21 is a multiple of 3: each chunk is valid base64
	el := uplTestElements(t, mustCall(t, c, onoffice.VerbDo, "uploadfile", "", map[string]any{"data": base64.StdEncoding.EncodeToString(first)}))
	tmp, _ := el["tmpUploadId"].(string)
	if tmp == "" || el["filesize"] != float64(len(first)) {
		t.Fatalf("step 1: %v", el)
	}
	el = uplTestElements(t, mustCall(t, c, onoffice.VerbDo, "uploadfile", "", map[string]any{"data": base64.StdEncoding.EncodeToString(rest), "tmpUploadId": tmp}))
	if el["tmpUploadId"] != tmp || el["filesize"] != float64(len(content)) {
		t.Fatalf("chunk: %v", el)
	}
	estate := s.Table("estate").Records[0]
	el = uplTestElements(t, mustCall(t, c, onoffice.VerbDo, "uploadfile", "", map[string]any{
		"tmpUploadId": tmp, "module": "estate", "relatedRecordId": idOf(estate), "file": "Grundriss_EG.pdf",
		"Art": "Grundriss", "title": "Grundriss EG", "freetext": "Maßstab 1:100", "position": 0, "setDefaultPublicationRights": true,
	}))
	id, _ := strconv.Atoi(toText(el["fileId"]))
	f := s.Table("file").Get(id)
	if el["success"] != "success" || f == nil {
		t.Fatalf("attach: %v", el)
	}
	if f["module"] != "estate" || f["relatedRecordId"] != idOf(estate) || f["type"] != "Grundriss" || f["originalname"] != "Grundriss_EG.pdf" ||
		f["title"] != "Grundriss EG" || f["fileSize"] != len(content) || f["position"] != 0 || f["ispublishedonhomepage"] != true ||
		!bytes.Equal(f["_content"].([]byte), content) || f["username"] != "mhansen" {
		t.Errorf("stored file %v", f)
	}
	// The other estate files moved back one place.
	for _, other := range estFilesOf(s, "estate", idOf(estate)) {
		if idOf(other) != id && other["position"] == 0 && toText(other["type"]) != "Energieausweis" && toText(other["type"]) != "Expose" {
			t.Errorf("file %d still at position 0", idOf(other))
		}
	}
	// A temporary upload can be attached once.
	runErrCases(t, c, []errCase{
		{"reuse", "do", "uploadfile", "", map[string]any{"tmpUploadId": tmp, "module": "address", "relatedRecordId": 10001, "file": "x.pdf"}, 129},
		{"append to used", "do", "uploadfile", "", map[string]any{"tmpUploadId": tmp, "data": "QUJD"}, 129},
	})
}

func TestUploadModulesLinksAndCache(t *testing.T) {
	sb, c := startAPIAt(t, apptTestNow)
	s := sb.Store()
	step1 := func() string {
		el := uplTestElements(t, mustCall(t, c, onoffice.VerbDo, "uploadfile", "", map[string]any{"data": base64.StdEncoding.EncodeToString([]byte("Selbstauskunft"))}))
		return el["tmpUploadId"].(string)
	}
	addr := idOf(s.Table("address").Records[5])
	el := uplTestElements(t, mustCall(t, c, onoffice.VerbDo, "uploadfile", "", map[string]any{"tmpUploadId": step1(), "module": "address", "relatedRecordId": addr, "file": "Selbstauskunft.pdf"}))
	id, _ := strconv.Atoi(toText(el["fileId"]))
	if f := s.Table("file").Get(id); f == nil || f["module"] != "address" || f["relatedRecordId"] != addr || f["fileSize"] != 14 {
		t.Errorf("address file %v", f)
	}
	task := idOf(s.Table("task").Records[0])
	el = uplTestElements(t, mustCall(t, c, onoffice.VerbDo, "uploadfile", "", map[string]any{"tmpUploadId": step1(), "module": "task", "relatedRecordId": task, "file": "Notiz.txt"}))
	if el["success"] != "success" {
		t.Errorf("task upload %v", el)
	}
	el = uplTestElements(t, mustCall(t, c, onoffice.VerbDo, "uploadfile", "", map[string]any{"tmpUploadId": step1(), "module": "tmpUpload", "file": "x.pdf", "title": "x", "Art": nil, "relatedRecordId": nil}))
	if el["cacheFileUuid"] == nil || el["fileId"] != nil {
		t.Errorf("cached upload %v", el)
	}
	estate := idOf(s.Table("estate").Records[1])
	el = uplTestElements(t, mustCall(t, c, onoffice.VerbDo, "uploadfile", "", map[string]any{"module": "estate", "relatedRecordId": estate, "Art": "Ogulo-Link", "title": "360°-Rundgang", "url": "https://tour.example.com/1"}))
	id, _ = strconv.Atoi(toText(el["fileId"]))
	if f := s.Table("file").Get(id); f == nil || f["url"] != "https://tour.example.com/1" || f["type"] != "Ogulo-Link" {
		t.Errorf("link %v", f)
	}
	// Files with a title picture and a used document attribute.
	var titled, attributed Record
	for _, f := range s.Table("file").Records {
		if f["module"] == "estate" && f["type"] == "Titelbild" && titled == nil {
			titled = f
		}
		if f["module"] == "estate" && toText(f["documentAttribute"]) != "" && attributed == nil {
			attributed = f
		}
	}
	if titled == nil || attributed == nil {
		t.Fatal("seed has no title picture or document attribute")
	}
	attach := func(extra map[string]any) map[string]any {
		p := map[string]any{"tmpUploadId": step1(), "module": "estate", "relatedRecordId": estate, "file": "a.jpg", "Art": "Foto"}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}
	runErrCases(t, c, []errCase{
		{"data not a string", "do", "uploadfile", "", map[string]any{"data": 5}, 236},
		{"not base64", "do", "uploadfile", "", map[string]any{"data": "%%%"}, 255},
		{"unknown tmp id for a chunk", "do", "uploadfile", "", map[string]any{"data": "QUJD", "tmpUploadId": "nope"}, 129},
		{"no module", "do", "uploadfile", "", map[string]any{"tmpUploadId": step1(), "relatedRecordId": estate, "file": "a.pdf"}, 167},
		{"bad module", "do", "uploadfile", "", map[string]any{"tmpUploadId": step1(), "module": "calendar", "relatedRecordId": 1, "file": "a.pdf"}, 163},
		{"no tmp id", "do", "uploadfile", "", map[string]any{"module": "address", "relatedRecordId": addr, "file": "a.pdf"}, 167},
		{"unknown tmp id", "do", "uploadfile", "", map[string]any{"tmpUploadId": "nope", "module": "address", "relatedRecordId": addr, "file": "a.pdf"}, 129},
		{"no file name", "do", "uploadfile", "", map[string]any{"tmpUploadId": step1(), "module": "address", "relatedRecordId": addr}, 114},
		{"bad file name", "do", "uploadfile", "", map[string]any{"tmpUploadId": step1(), "module": "address", "relatedRecordId": addr, "file": "../a.pdf"}, 213},
		{"no record", "do", "uploadfile", "", map[string]any{"tmpUploadId": step1(), "module": "address", "file": "a.pdf"}, 167},
		{"unknown estate", "do", "uploadfile", "", attach(map[string]any{"relatedRecordId": 1}), 293},
		{"unknown address", "do", "uploadfile", "", map[string]any{"tmpUploadId": step1(), "module": "address", "relatedRecordId": 1, "file": "a.pdf"}, 292},
		{"no Art", "do", "uploadfile", "", attach(map[string]any{"Art": nil}), 167},
		{"bad Art", "do", "uploadfile", "", attach(map[string]any{"Art": "Selfie"}), 162},
		{"second title picture", "do", "uploadfile", "", attach(map[string]any{"Art": "Titelbild", "relatedRecordId": titled["relatedRecordId"]}), 239},
		{"attribute in use", "do", "uploadfile", "", attach(map[string]any{"Art": "Dokument", "relatedRecordId": attributed["relatedRecordId"], "documentAttribute": attributed["documentAttribute"]}), 161},
		{"bad attribute", "do", "uploadfile", "", attach(map[string]any{"documentAttribute": "document_selfie"}), 77},
		{"link without url", "do", "uploadfile", "", map[string]any{"module": "estate", "relatedRecordId": estate, "Art": "Link"}, 167},
		{"link on address", "do", "uploadfile", "", map[string]any{"module": "address", "relatedRecordId": addr, "Art": "Link", "url": "https://x.example"}, 162},
	})
}

func TestTemplates(t *testing.T) {
	_, c := startAPIAt(t, apptTestNow)
	all := mustCall(t, c, onoffice.VerbGet, "templates", "", map[string]any{"type": "mail"})
	if len(all.Records) != len(tplMails) || all.Total != len(tplMails) {
		t.Fatalf("%d mail templates, want %d", len(all.Records), len(tplMails))
	}
	first := all.Records[0].Fields()
	for _, k := range []string{"id", "title", "subject", "folder", "body", "ishtml", "language", "subid", "ismainlanguage"} {
		if _, ok := first[k]; !ok {
			t.Errorf("mail template without %s: %v", k, first)
		}
	}
	short := mustCall(t, c, onoffice.VerbGet, "templates", "", map[string]any{"type": "mail", "list": true, "category": "appointmentConfirmation"})
	if len(short.Records) != 1 || short.Records[0].Fields()["body"] != nil || short.Records[0].Fields()["title"] != "Terminbestätigung" {
		t.Errorf("short list by category: %+v", short.Records)
	}
	folder := mustCall(t, c, onoffice.VerbGet, "templates", "", map[string]any{"type": "mail", "folderid": 61})
	for _, rec := range folder.Records {
		if rec.Fields()["folder"] != "Eigentümerkommunikation" {
			t.Errorf("folder 61 lists %v", rec.Fields())
		}
	}
	ids := mustCall(t, c, onoffice.VerbGet, "templates", "", map[string]any{"type": "mail", "mailtemplateids": []int{1502}})
	if len(ids.Records) != 1 || ids.Records[0].Fields()["subid"] != float64(1501) || ids.Records[0].Fields()["ismainlanguage"] != false {
		t.Errorf("template 1502: %+v", ids.Records)
	}
	for typ, list := range map[string][]tplSimple{"pdf": tplExposes, "pdfletter": tplLetters, "pdfform": tplForms, "webexpose": tplWebExposes} {
		res := mustCall(t, c, onoffice.VerbGet, "templates", "", map[string]any{"type": typ})
		if len(res.Records) != len(list) || res.Records[0].Fields()["identifier"] != list[0].Identifier || res.Records[0].Fields()["title"] != list[0].Title {
			t.Errorf("%s: %+v", typ, res.Records)
		}
	}
	runErrCases(t, c, []errCase{
		{"no type", "get", "templates", "", map[string]any{}, 71},
		{"bad type", "get", "templates", "", map[string]any{"type": "sms"}, 72},
		{"unknown folder", "get", "templates", "", map[string]any{"type": "mail", "folderid": 5}, 287},
		{"bad category", "get", "templates", "", map[string]any{"type": "mail", "category": "Newsletter"}, 255},
	})
}

func TestDefaultAttachments(t *testing.T) {
	_, c := startAPIAt(t, apptTestNow)
	own := mustCall(t, c, onoffice.VerbGet, "defaultAttachments", "", map[string]any{})
	if len(own.Records) != 1 || own.Records[0].IDString() != "userDefaultAttachments" || own.Records[0].Type != "attachmentCollection" || own.Total != 1 {
		t.Fatalf("own defaults %+v", own.Records)
	}
	tpl := mustCall(t, c, onoffice.VerbGet, "defaultAttachments", "1501", map[string]any{})
	if len(tpl.Records) != 2 || tpl.Records[1].IDString() != "templateDefaultAttachments" {
		t.Fatalf("template defaults %+v", tpl.Records)
	}
	var list []map[string]any
	if err := json.Unmarshal(tpl.Records[1].Elements, &list); err != nil || len(list) != 2 {
		t.Fatalf("elements %s: %v", tpl.Records[1].Elements, err)
	}
	if list[0]["filetype"] != "attachmentType-expose" || list[0]["filename"] != nil || list[0]["identifier"] != tplAttExpose.Identifier ||
		list[1]["filename"] != "Widerrufsbelehrung.pdf" || list[1]["identifier"] != nil {
		t.Errorf("attachments %v", list)
	}
	letter := mustCall(t, c, onoffice.VerbGet, "defaultAttachments", "2102", map[string]any{})
	if len(letter.Records) != 2 || letter.Records[1].IDString() != "pdfLetterDefaultAttachments" {
		t.Errorf("letter defaults %+v", letter.Records)
	}
	runErrCases(t, c, []errCase{{"unknown template", "get", "defaultAttachments", "9999", map[string]any{}, 80}})
}
