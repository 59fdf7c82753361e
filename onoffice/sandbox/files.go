package sandbox

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// Files and templates: the two-step (or chunked) upload into the file
// table, the templates for mails and PDFs, and the default attachments of
// mail and PDF-letter templates.

func fileRoutes() []Route {
	return []Route{
		{onoffice.VerbDo, "uploadfile", doUploadFile, ""},
		{onoffice.VerbGet, "templates", getTemplates, ""},
		{onoffice.VerbGet, "defaultAttachments", getDefaultAttachments, ""},
	}
}

// ---------------------------------------------------------------------------
// Templates (fixed data of the sandbox agency)

type tplFolder struct {
	ID   int
	Name string
}

var tplFolders = []tplFolder{{12, "onOffice Systemvorlagen"}, {53, "Hansen & Kröger Vorlagen"}, {61, "Eigentümerkommunikation"}}

// tplAttachment is one default attachment of a template or the user.
type tplAttachment struct {
	ID, Filename, Title, Type, Identifier string
	Size                                  int
}

type tplMail struct {
	ID          int
	Title       string
	Subject     string
	Folder      int
	Category    string
	Body        string
	HTML        bool
	Language    string
	SubID       int
	Attachments []tplAttachment
}

// tplSimple is a PDF exposé, PDF letter, PDF form or web exposé template.
type tplSimple struct {
	Identifier  string
	Title       string
	Attachments []tplAttachment
}

const tplExposePrefix = "urn:onoffice-de-ns:smart:2.5:pdf:expose:lang:"

var (
	tplAttWiderruf    = tplAttachment{ID: "20411", Filename: "Widerrufsbelehrung.pdf", Title: "Widerrufsbelehrung", Type: "attachmentType-file", Size: 48211}
	tplAttDatenschutz = tplAttachment{ID: "20412", Filename: "Datenschutzhinweise.pdf", Title: "Datenschutzhinweise", Type: "attachmentType-file", Size: 61873}
	tplAttExpose      = tplAttachment{ID: "140", Title: "Exposé Standard", Type: "attachmentType-expose", Identifier: tplExposePrefix + "Exposé Standard"}
	tplAttEnergy      = tplAttachment{ID: "document_energy_certificate", Title: "Energieausweis", Type: "attachmentType-documentAttribute", Identifier: "document_energy_certificate"}
	tplAttMakler      = tplAttachment{ID: "2201", Title: "Maklervertrag", Type: "attachmentType-pdfForm"}
)

// tplMailCategories are the documented e-mail template categories.
var tplMailCategories = []string{"Vorlage", "Aktivitaeten_Bericht", "Interessenten_Nachweis", "ExposePDFMitInteressent_Vorlage", "appointmentConfirmation", "cancelation", "adressCompletion", "contactShipping"}

var tplMails = []tplMail{
	{ID: 1501, Title: "Exposéversand Standard", Subject: "Ihr Exposé: _Objekttitel", Folder: 53, Category: "Vorlage", HTML: true, Language: "DEU",
		Body:        "<p>_BriefAnrede,</p><p>vielen Dank für Ihr Interesse an der Immobilie _Objekttitel. Anbei erhalten Sie das Exposé.</p>",
		Attachments: []tplAttachment{tplAttExpose, tplAttWiderruf}},
	{ID: 1502, Title: "Exposé dispatch (English)", Subject: "Your brochure: _Objekttitel", Folder: 53, Category: "Vorlage", HTML: true, Language: "ENG", SubID: 1501,
		Body:        "<p>_BriefAnrede,</p><p>thank you for your interest in _Objekttitel. Please find the brochure attached.</p>",
		Attachments: []tplAttachment{tplAttExpose}},
	{ID: 1503, Title: "Einladung zur Besichtigung", Subject: "Besichtigung _Objekttitel", Folder: 53, Category: "Vorlage", HTML: true, Language: "DEU",
		Body:        "<p>_BriefAnrede,</p><p>gern zeigen wir Ihnen die Immobilie _Objekttitel. Bitte nennen Sie uns passende Termine.</p>",
		Attachments: []tplAttachment{tplAttEnergy}},
	{ID: 1504, Title: "Terminbestätigung", Subject: "Terminbestätigung: _Terminbetreff", Folder: 12, Category: "appointmentConfirmation", HTML: true, Language: "DEU",
		Body: "<p>_BriefAnrede,</p><p>hiermit bestätigen wir Ihren Termin am _Termindatum um _Terminuhrzeit.</p>"},
	{ID: 1505, Title: "Terminabsage", Subject: "Absage: _Terminbetreff", Folder: 12, Category: "cancelation", HTML: true, Language: "DEU",
		Body: "<p>_BriefAnrede,</p><p>leider müssen wir den Termin am _Termindatum absagen.</p>"},
	{ID: 1506, Title: "Adressvervollständigung", Subject: "Bitte prüfen Sie Ihre Kontaktdaten", Folder: 12, Category: "adressCompletion", HTML: false, Language: "DEU",
		Body: "_BriefAnrede,\n\nbitte ergänzen Sie Ihre Angaben über folgenden Link: _AdressVervollstaendigungLink"},
	{ID: 1507, Title: "Tätigkeitsbericht an Eigentümer", Subject: "Vermarktungsbericht _Objekttitel", Folder: 61, Category: "Aktivitaeten_Bericht", HTML: true, Language: "DEU",
		Body: "<p>_BriefAnrede,</p><p>anbei der aktuelle Bericht über unsere Vermarktungsaktivitäten.</p>"},
	{ID: 1508, Title: "Interessentennachweis", Subject: "Interessentennachweis _Objekttitel", Folder: 61, Category: "Interessenten_Nachweis", HTML: true, Language: "DEU",
		Body: "<p>_BriefAnrede,</p><p>anbei die Liste der Interessenten, denen wir Ihre Immobilie vorgestellt haben.</p>"},
	{ID: 1509, Title: "Exposé als PDF mit Interessentendaten", Subject: "Exposé _Objekttitel", Folder: 53, Category: "ExposePDFMitInteressent_Vorlage", HTML: true, Language: "DEU",
		Body: "<p>_BriefAnrede,</p><p>wie besprochen erhalten Sie das Exposé.</p>"},
	{ID: 1510, Title: "Kontaktdaten weitergeben", Subject: "Kontaktdaten _Vorname _Name", Folder: 12, Category: "contactShipping", HTML: false, Language: "DEU",
		Body: "Anbei die gewünschten Kontaktdaten."},
	{ID: 1511, Title: "Marktpreiseinschätzung", Subject: "Einschätzung des Marktpreises Ihrer Immobilie", Folder: 61, Category: "Vorlage", HTML: true, Language: "DEU",
		Body:        "<p>_BriefAnrede,</p><p>wie vereinbart erhalten Sie unsere Einschätzung des erzielbaren Preises.</p>",
		Attachments: []tplAttachment{tplAttMakler}},
}

var (
	tplExposes = []tplSimple{
		{Identifier: tplExposePrefix + "Exposé Standard", Title: "Exposé Standard"},
		{Identifier: tplExposePrefix + "Kurzexposé", Title: "Kurzexposé"},
		{Identifier: tplExposePrefix + "Exposé Gewerbe", Title: "Exposé Gewerbe"},
		{Identifier: tplExposePrefix + "Brochure English", Title: "Brochure English"},
	}
	tplLetters = []tplSimple{
		{Identifier: "2101", Title: "Anschreiben Exposéversand", Attachments: []tplAttachment{tplAttExpose}},
		{Identifier: "2102", Title: "Anschreiben Eigentümer", Attachments: []tplAttachment{tplAttMakler}},
	}
	tplForms = []tplSimple{
		{Identifier: "2201", Title: "Maklervertrag"},
		{Identifier: "2202", Title: "Reservierungsvereinbarung"},
		{Identifier: "2203", Title: "Besichtigungsnachweis"},
	}
	tplWebExposes = []tplSimple{
		{Identifier: "2301", Title: "Web-Exposé Standard"},
		{Identifier: "2302", Title: "Web-Exposé mit Vertraulichkeitserklärung"},
	}
	// tplUserAttachments are the API user's default composer attachments.
	tplUserAttachments = []tplAttachment{tplAttDatenschutz}
)

func tplMailByID(id int) *tplMail {
	for i := range tplMails {
		if tplMails[i].ID == id {
			return &tplMails[i]
		}
	}
	return nil
}

func tplByIdentifier(list []tplSimple, id string) *tplSimple {
	for i := range list {
		if list[i].Identifier == id {
			return &list[i]
		}
	}
	return nil
}

func tplFolderName(id int) string {
	for _, f := range tplFolders {
		if f.ID == id {
			return f.Name
		}
	}
	return ""
}

func getTemplates(s *Store, c *Call) (*Answer, error) {
	typ, err := paramString(c.Params, "type")
	if err != nil {
		return nil, err
	}
	if typ == "" {
		return nil, Fail(71, "Template type missing")
	}
	var simple []tplSimple
	switch typ {
	case "mail":
	case "pdf":
		simple = tplExposes
	case "pdfletter":
		simple = tplLetters
	case "pdfform":
		simple = tplForms
	case "webexpose":
		simple = tplWebExposes
	default:
		return nil, Fail(72, "Template type invalid: %s (mail, pdf, pdfletter, pdfform, webexpose)", typ)
	}
	var out []OutRecord
	if typ != "mail" {
		for i, t := range simple {
			out = append(out, OutRecord{ID: i + 1, Type: "", Elements: map[string]any{"identifier": t.Identifier, "title": t.Title}})
		}
		return &Answer{Records: out, Total: Counted(len(out)), Cacheable: true}, nil
	}
	folder, err := paramInt(c.Params, "folderid", 0)
	if err != nil {
		return nil, err
	}
	if folder != 0 && tplFolderName(folder) == "" {
		return nil, Fail(287, "Folder not found: %d", folder)
	}
	ids, err := paramInts(c.Params, "mailtemplateids")
	if err != nil {
		return nil, err
	}
	category, err := paramString(c.Params, "category")
	if err != nil {
		return nil, err
	}
	if category != "" && !contains(tplMailCategories, category) {
		return nil, Fail(255, "Invalid e-mail category: %s", category)
	}
	short := paramBool(c.Params, "list")
	for _, t := range tplMails {
		if (folder != 0 && t.Folder != folder) || (category != "" && t.Category != category) ||
			(len(ids) > 0 && !hasInt(ids, t.ID)) {
			continue
		}
		el := map[string]any{"id": t.ID, "title": t.Title, "subject": t.Subject}
		if !short {
			el["folder"] = tplFolderName(t.Folder)
			el["body"] = t.Body
			el["ishtml"] = t.HTML
			el["language"] = t.Language
			el["subid"] = t.SubID
			el["ismainlanguage"] = t.SubID == 0
		}
		out = append(out, OutRecord{ID: t.ID, Type: "", Elements: el})
	}
	return &Answer{Records: out, Total: Counted(len(out)), Cacheable: true}, nil
}

func tplAttachmentList(list []tplAttachment) []any {
	out := []any{}
	for _, a := range list {
		var name, ident any
		if a.Filename != "" {
			name = a.Filename
		}
		if a.Identifier != "" {
			ident = a.Identifier
		}
		out = append(out, map[string]any{
			"id": a.ID, "filename": name, "filesize": a.Size, "filetitle": a.Title, "filetype": a.Type, "identifier": ident,
		})
	}
	return out
}

func getDefaultAttachments(s *Store, c *Call) (*Answer, error) {
	out := []OutRecord{{ID: "userDefaultAttachments", Type: "attachmentCollection", Elements: tplAttachmentList(tplUserAttachments)}}
	if c.ResourceID != "" {
		id, err := strconv.Atoi(c.ResourceID)
		if err != nil {
			return nil, Fail(279, "Unknown resourceId: %s", c.ResourceID)
		}
		if t := tplMailByID(id); t != nil {
			out = append(out, OutRecord{ID: "templateDefaultAttachments", Type: "attachmentCollection", Elements: tplAttachmentList(t.Attachments)})
		} else if l := tplByIdentifier(tplLetters, c.ResourceID); l != nil {
			out = append(out, OutRecord{ID: "pdfLetterDefaultAttachments", Type: "attachmentCollection", Elements: tplAttachmentList(l.Attachments)})
		} else {
			return nil, Fail(80, "Unknown template: %s", c.ResourceID)
		}
	}
	return &Answer{Records: out, Total: Counted(len(out))}, nil
}

// ---------------------------------------------------------------------------
// File upload

// uplState holds temporary uploads and cached files between calls.
type uplState struct {
	Seq     int
	Uploads map[string]*uplTmp
	Cache   map[string][]byte
}

type uplTmp struct {
	Data []byte
	Used bool
}

// uplMaxBytes bounds one upload in the sandbox.
const uplMaxBytes = 50 << 20

var uplModules = map[string]string{"estate": "estate", "address": "address", "agentsLog": "agentslog", "task": "task", "tmpUpload": ""}

// uplTypes are the documented Art values of estate files.
var uplTypes = []string{
	"Titelbild", "Foto", "Foto_gross", "Grundriss", "Lageplan", "Stadtplan", "Anzeigen", "Epass_Skala",
	"Finanzierungsbeispiel", "QR-Code", "Logo", "Banner", "Panorama",
	"Expose", "Dokument", "Aushang", "Mietaufstellung", "Energieausweis",
	"Link", "Ogulo-Link", "Film-Link", "Objekt-Link",
}

var uplDocumentTypes = map[string]bool{"Expose": true, "Dokument": true, "Aushang": true, "Mietaufstellung": true, "Energieausweis": true}

func uplStateOf(s *Store) *uplState {
	return s.ExtraData("uploads", func() any {
		return &uplState{Uploads: map[string]*uplTmp{}, Cache: map[string][]byte{}}
	}).(*uplState)
}

func doUploadFile(s *Store, c *Call) (*Answer, error) {
	p := c.Params
	st := uplStateOf(s)
	tmpID, err := paramString(p, "tmpUploadId")
	if err != nil {
		return nil, err
	}
	if v, ok := p["data"]; ok && v != nil {
		// Step 1 or one more chunk: data wins over every attach parameter.
		text, isText := v.(string)
		if !isText {
			return nil, Fail(236, "Parameter data must be a string")
		}
		raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(text), ""))
		if err != nil {
			return nil, Fail(255, "Parameter data is not valid base64")
		}
		up := &uplTmp{}
		if tmpID != "" {
			up = st.Uploads[tmpID]
			if up == nil || up.Used {
				return nil, Fail(129, "File upload: temporary file missing for tmpUploadId %s", tmpID)
			}
		} else {
			st.Seq++
			tmpID = newUUID("upload", st.Seq)
			st.Uploads[tmpID] = up
		}
		if len(up.Data)+len(raw) > uplMaxBytes {
			return nil, Fail(238, "Attachment too large")
		}
		up.Data = append(up.Data, raw...)
		return single(map[string]any{"filesize": len(up.Data), "tmpUploadId": tmpID}), nil
	}

	module, err := paramString(p, "module")
	if err != nil {
		return nil, err
	}
	if module == "" {
		return nil, Fail(167, "Required parameter missing: module")
	}
	table, ok := uplModules[module]
	if !ok {
		return nil, Fail(163, "Invalid module name: %s (estate, address, agentsLog, task, tmpUpload)", module)
	}
	texts, err := paramTexts(p, "Art", "url", "file", "title")
	if err != nil {
		return nil, err
	}
	art, url, fileName, title := texts[0], texts[1], texts[2], texts[3]
	link := estLinkKinds[art]

	var up *uplTmp
	if !link {
		if tmpID == "" {
			return nil, Fail(167, "Required parameter missing: tmpUploadId")
		}
		if up = st.Uploads[tmpID]; up == nil || up.Used {
			return nil, Fail(129, "File upload: temporary file missing for tmpUploadId %s", tmpID)
		}
		if fileName == "" {
			return nil, Fail(114, "File name missing")
		}
		if strings.ContainsAny(fileName, "/\\\x00") || strings.Trim(fileName, ". ") == "" {
			return nil, Fail(213, "Invalid file name: %s", fileName)
		}
	}
	if module == "tmpUpload" {
		if link {
			return nil, Fail(162, "Invalid file type: links cannot be cached")
		}
		up.Used = true
		st.Seq++
		uuid := newUUID("cache", st.Seq)
		st.Cache[uuid] = up.Data
		return single(map[string]any{"filesize": len(up.Data), "tmpUploadId": tmpID, "cacheFileUuid": uuid, "success": "success"}), nil
	}

	if err := requireParam(p, "relatedRecordId"); err != nil {
		return nil, err
	}
	related, ok := toInt(p["relatedRecordId"])
	if !ok {
		return nil, Fail(228, "Element/parameter relatedRecordId must be an integer")
	}
	if s.Table(table).Get(related) == nil {
		switch module {
		case "estate":
			return nil, Fail(293, "Unknown estate record id %d (missing or no rights)", related)
		case "address":
			return nil, Fail(292, "Unknown address record id %d (missing or no rights)", related)
		}
		return nil, Fail(80, "Unknown record %d in module %s", related, module)
	}
	f := Record{"module": module, "relatedRecordId": related, "title": title, "username": "", "modified": int(c.Now.Unix()), "date": c.Now.Format("2006-01-02")}
	if u := apptUser(s, SandboxAPIUserID); u != nil {
		f["username"] = toText(u["Name"])
	}
	if module == "estate" {
		if art == "" {
			return nil, Fail(167, "Required parameter missing: Art (file type for estate files)")
		}
		if !contains(uplTypes, art) {
			return nil, Fail(162, "Invalid file type: %s", art)
		}
		existing := estFilesOf(s, "estate", related)
		if art == "Titelbild" {
			for _, e := range existing {
				if toText(e["type"]) == "Titelbild" {
					return nil, Fail(239, "Upload failed: estate %d already has a title picture", related)
				}
			}
		}
		attr, err := paramString(p, "documentAttribute")
		if err != nil {
			return nil, err
		}
		if attr != "" {
			if fld := s.Fields["file"]["documentAttribute"]; fld == nil || !permitted(fld, attr) {
				return nil, Fail(77, "Invalid singleselect key for documentAttribute: %s", attr)
			}
			for _, e := range existing {
				if toText(e["documentAttribute"]) == attr {
					return nil, Fail(161, "Document attribute %s is already in use for estate %d", attr, related)
				}
			}
			f["documentAttribute"] = attr
		}
		freetext, err := paramString(p, "freetext")
		if err != nil {
			return nil, err
		}
		f["freetext"] = freetext
		setFileKind(f, art)
		picture := !link && !uplDocumentTypes[art]
		f["ispublishedonhomepage"] = paramBool(p, "setDefaultPublicationRights") && (picture || link)
		if picture && paramBool(p, "applyWaterMark") {
			f["_watermark"] = true
		}
		last := -1
		for _, e := range existing {
			if n, _ := toInt(orZero(e["position"])); n > last {
				last = n
			}
		}
		pos := last + 1
		if v, ok := p["position"]; ok && v != nil {
			n, isInt := toInt(v)
			if !isInt || n < 0 {
				return nil, Fail(228, "Element/parameter position must be a non-negative integer")
			}
			if n < pos {
				pos = n
				for _, e := range existing {
					if m, _ := toInt(orZero(e["position"])); m >= pos {
						e["position"] = m + 1
					}
				}
			}
		}
		f["position"] = pos
	} else {
		if link {
			return nil, Fail(162, "Invalid file type: links belong to estates")
		}
		setFileKind(f, "Dokument")
	}
	if link {
		if url == "" {
			return nil, Fail(167, "Required parameter missing: url")
		}
		f["url"] = url
		f["fileSize"] = 0
		if title == "" {
			f["title"] = art
		}
	} else {
		up.Used = true
		f["originalname"] = fileName
		if title == "" {
			f["title"] = strings.TrimSuffix(fileName, uplExt(fileName))
		}
		f["fileSize"] = len(up.Data)
		f["_content"] = up.Data
	}
	id := s.Table("file").Insert(f)
	if !link {
		// Stored like enterprise does: a generated name, the given one kept as original.
		f["name"] = newUUID("file", id)
		f["filename"] = toText(f["name"]) + strings.ToLower(uplExt(fileName))
	}
	el := map[string]any{"fileId": strconv.Itoa(id), "success": "success"}
	if !link {
		el["filesize"] = len(up.Data)
		el["tmpUploadId"] = tmpID
	}
	return single(el), nil
}

func uplExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}
