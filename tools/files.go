package tools

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

func fileTools() []Tool {
	return []Tool{
		withPreview(define("file_upload", "Upload file",
			"Attach a file (base64 data or text) to an estate, address, activity or task, or add a link to an estate (Art Link, Film-Link … with url). Estate files need Art.",
			uploadFile), previewFileUpload),
		define("template_list", "List templates",
			"List templates with ids[[ (email_send takes them)]]: e-mail (mail, with subject and text), PDF exposé (pdf), letter, form, web exposé.",
			listTemplates),
		define("default_attachment_list", "List default attachments",
			"List the default attachments of an e-mail template or PDF letter, and your own.",
			listDefaultAttachments),
	}
}

// ---------------------------------------------------------------------------
// file_upload

// uplChunk is the size of one base64 block sent per call (a multiple of 4,
// so every block decodes on its own).
const uplChunk = 256 << 10

// uplMaxBytes bounds an upload through the tool.
const uplMaxBytes = 20 << 20

// uplLinkTypes are the Art values that hold a URL instead of content.
var uplLinkTypes = map[string]bool{"Link": true, "Ogulo-Link": true, "Film-Link": true, "Objekt-Link": true}

// FileUploadParams are the arguments of file_upload. The API needs one call
// that parks the content and one that attaches it; the tool makes both (and
// splits large content into blocks), so a model sends everything at once.
type FileUploadParams struct {
	Module                      string `json:"module" jsonschema:"required,enum=estate,enum=address,enum=agentsLog,enum=task,enum=tmpUpload" jsonschema_description:"tmpUpload only caches"`
	RelatedRecordID             int    `json:"relatedRecordId,omitempty" jsonschema:"minimum=1"`
	File                        string `json:"file,omitempty" jsonschema_description:"Name with extension"`
	Data                        string `json:"data,omitempty"`
	Text                        string `json:"text,omitempty" jsonschema_description:"Plain text instead of data"`
	Art                         string `json:"Art,omitempty" jsonschema:"enum=Titelbild,enum=Foto,enum=Foto_gross,enum=Grundriss,enum=Lageplan,enum=Stadtplan,enum=Anzeigen,enum=Epass_Skala,enum=Finanzierungsbeispiel,enum=QR-Code,enum=Logo,enum=Banner,enum=Panorama,enum=Expose,enum=Dokument,enum=Aushang,enum=Mietaufstellung,enum=Energieausweis,enum=Link,enum=Ogulo-Link,enum=Film-Link,enum=Objekt-Link"`
	URL                         string `json:"url,omitempty" jsonschema_description:"For link kinds"`
	Title                       string `json:"title,omitempty"`
	Freetext                    string `json:"freetext,omitempty"`
	DocumentAttribute           string `json:"documentAttribute,omitempty" jsonschema_description:"Estate: document attribute key"`
	Position                    *int   `json:"position,omitempty" jsonschema:"minimum=0" jsonschema_description:"Estate: 0 = first"`
	SetDefaultPublicationRights bool   `json:"setDefaultPublicationRights,omitempty" jsonschema_description:"Estate: default publication"`
	ApplyWaterMark              bool   `json:"applyWaterMark,omitempty" jsonschema_description:"Estate images: watermark"`
}

// content checks the arguments and returns the decoded content (nil for links).
func (p *FileUploadParams) content(ctx context.Context, env *Env) ([]byte, error) {
	link := uplLinkTypes[p.Art]
	if p.Module != "tmpUpload" && p.RelatedRecordID == 0 {
		return nil, argErrorf("relatedRecordId", "is required: the id of the %s that gets the file", p.Module)
	}
	if p.Module == "tmpUpload" && p.RelatedRecordID != 0 {
		return nil, argErrorf("relatedRecordId", "does not apply to tmpUpload, which links the file to no record")
	}
	if p.Module != "estate" {
		for _, a := range []struct {
			name string
			set  bool
		}{{"Art", p.Art != ""}, {"url", p.URL != ""}, {"documentAttribute", p.DocumentAttribute != ""}, {"position", p.Position != nil},
			{"setDefaultPublicationRights", p.SetDefaultPublicationRights}, {"applyWaterMark", p.ApplyWaterMark}} {
			if a.set {
				return nil, argErrorf(a.name, "only applies to estate files (module estate)")
			}
		}
	} else if p.Art == "" {
		return nil, argErrorf("Art", "is required for estate files, e.g. Foto, Grundriss, Expose, Dokument, or Link with url")
	}
	if link {
		if p.URL == "" {
			return nil, argErrorf("url", "is required for the link type %s", p.Art)
		}
		if !strings.HasPrefix(p.URL, "http://") && !strings.HasPrefix(p.URL, "https://") {
			return nil, argErrorf("url", "must start with http:// or https://")
		}
		if p.Data != "" || p.Text != "" {
			return nil, argErrorf("data", "a link has no content; give url only")
		}
		return nil, nil
	}
	if p.URL != "" {
		return nil, argErrorf("url", "only applies to the link types Link, Ogulo-Link, Film-Link, Objekt-Link")
	}
	if p.File == "" {
		return nil, argErrorf("file", "is required: the file name with extension, e.g. Grundriss_EG.pdf")
	}
	if strings.ContainsAny(p.File, "/\\") || !strings.Contains(strings.Trim(p.File, "."), ".") {
		return nil, argErrorf("file", "must be a plain file name with an extension, got %q", p.File)
	}
	var raw []byte
	switch {
	case p.Data != "" && p.Text != "":
		return nil, argErrorf("data", "give data (base64) or text, not both")
	case p.Text != "":
		raw = []byte(p.Text)
	case p.Data != "":
		var err error
		raw, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(p.Data), ""))
		if err != nil {
			return nil, argErrorf("data", "is not valid base64 (standard alphabet with padding): %v", err)
		}
	default:
		return nil, argErrorf("data", "the file content is missing: give data (base64) or text")
	}
	if len(raw) == 0 {
		return nil, argErrorf("data", "the file is empty")
	}
	if len(raw) > uplMaxBytes {
		return nil, argErrorf("data", "the file has %d bytes; at most %d can be uploaded here", len(raw), uplMaxBytes)
	}
	attr, err := checkValue(lookupField(ctx, env, "file", "documentAttribute"), "documentAttribute", p.DocumentAttribute, forWrite)
	if err != nil {
		return nil, err
	}
	p.DocumentAttribute = plainArg(attr)
	return raw, nil
}

// attach returns the parameters of the attach (or link) call.
func (p FileUploadParams) attach(tmpID string) map[string]any {
	params := map[string]any{"module": p.Module}
	if tmpID != "" {
		params["tmpUploadId"] = tmpID
		params["file"] = p.File
	}
	setIf(params, "relatedRecordId", p.RelatedRecordID, p.RelatedRecordID > 0)
	for k, v := range map[string]string{"Art": p.Art, "url": p.URL, "title": p.Title, "freetext": p.Freetext, "documentAttribute": p.DocumentAttribute} {
		if v != "" {
			params[k] = v
		}
	}
	if p.Position != nil {
		params["position"] = *p.Position
	}
	setIf(params, "setDefaultPublicationRights", true, p.SetDefaultPublicationRights)
	setIf(params, "applyWaterMark", true, p.ApplyWaterMark)
	return params
}

func uploadFile(ctx context.Context, env *Env, p FileUploadParams) (*Result, error) {
	raw, err := p.content(ctx, env)
	if err != nil {
		return nil, err
	}
	tmpID := ""
	if raw != nil {
		encoded := base64.StdEncoding.EncodeToString(raw)
		for start := 0; start < len(encoded); start += uplChunk {
			params := map[string]any{"data": encoded[start:min(len(encoded), start+uplChunk)]}
			setIf(params, "tmpUploadId", tmpID, tmpID != "")
			res, err := env.call(ctx, "", params)
			if err != nil {
				return nil, err
			}
			tmpID = uplElement(res, "tmpUploadId")
			if tmpID == "" {
				return nil, fmt.Errorf("onOffice did not return a temporary upload id")
			}
		}
	}
	res, err := env.call(ctx, "", p.attach(tmpID))
	if err != nil {
		return nil, err
	}
	switch {
	case p.Module == "tmpUpload":
		return condense.Text("File %s (%d bytes) cached; cacheFileUuid: %s.", p.File, len(raw), uplElement(res, "cacheFileUuid")), nil
	case raw == nil:
		return condense.Text("Link %s added to estate %d as file %s (%s).", p.URL, p.RelatedRecordID, uplElement(res, "fileId"), p.Art), nil
	}
	return condense.Text("File %s (%s, %d bytes) attached to %s %d.", uplElement(res, "fileId"), p.File, len(raw), p.Module, p.RelatedRecordID), nil
}

// uplElement reads one element of the single record of an upload answer.
func uplElement(res onoffice.Result, name string) string {
	if len(res.Records) == 0 {
		return ""
	}
	return text(res.Records[0].Fields()[name])
}

func previewFileUpload(ctx context.Context, env *Env, p FileUploadParams) (*Preview, error) {
	raw, err := p.content(ctx, env)
	if err != nil {
		return nil, err
	}
	pv := &Preview{Target: uplTarget(ctx, env, p.Module, p.RelatedRecordID)}
	if p.RelatedRecordID > 0 {
		pv.RecordID = strconv.Itoa(p.RelatedRecordID)
	}
	if raw != nil {
		pv.Changes = append(pv.Changes, fmt.Sprintf(env.say("file: %s (%d bytes)", "Datei: %s (%d Bytes)"), p.File, len(raw)))
	} else {
		pv.Changes = append(pv.Changes, "Link: "+p.URL)
	}
	for _, kv := range [][2]string{{"Art", p.Art}, {"title", p.Title}, {"freetext", p.Freetext}, {"documentAttribute", p.DocumentAttribute}} {
		if kv[1] != "" {
			pv.Changes = append(pv.Changes, kv[0]+": "+kv[1])
		}
	}
	if p.Position != nil {
		pv.Changes = append(pv.Changes, fmt.Sprintf("Position: %d", *p.Position))
	}
	if p.SetDefaultPublicationRights {
		pv.Changes = append(pv.Changes, env.say("publication: as configured for new files (may publish it)", "Veröffentlichung: wie für neue Dateien eingestellt (kann sie veröffentlichen)"))
	}
	if p.ApplyWaterMark {
		pv.Changes = append(pv.Changes, env.say("watermark: yes", "Wasserzeichen: ja"))
	}
	return pv, nil
}

// uplTarget names the record that gets the file.
func uplTarget(ctx context.Context, env *Env, module string, id int) string {
	switch module {
	case "tmpUpload":
		return env.say("cached upload (no record)", "Zwischenspeicher-Upload (kein Datensatz)")
	case "estate":
		return env.noun("estate") + " " + estateLabel(ctx, env, id)
	case "address":
		return env.noun("address") + " " + addressLabels(ctx, env, []int{id})[id]
	}
	return fmt.Sprintf("%s %d", env.noun(module), id)
}

// ---------------------------------------------------------------------------
// template_list

// TemplateListParams are the arguments of template_list.
type TemplateListParams struct {
	Type            string `json:"type" jsonschema:"required,enum=mail,enum=pdf,enum=pdfletter,enum=pdfform,enum=webexpose"`
	FolderID        int    `json:"folderid,omitempty" jsonschema:"minimum=1" jsonschema_description:"mail: only this folder[[ (email_template_folder_list)]]"`
	List            bool   `json:"list,omitempty" jsonschema_description:"mail: without text"`
	MailTemplateIDs []int  `json:"mailtemplateids,omitempty" jsonschema_description:"mail: only these ids"`
	Category        string `json:"category,omitempty" jsonschema:"enum=Vorlage,enum=Aktivitaeten_Bericht,enum=Interessenten_Nachweis,enum=ExposePDFMitInteressent_Vorlage,enum=appointmentConfirmation,enum=cancelation,enum=adressCompletion,enum=contactShipping" jsonschema_description:"mail: only this category"`
}

func listTemplates(ctx context.Context, env *Env, p TemplateListParams) (*Result, error) {
	if p.Type != "mail" {
		for _, a := range []struct {
			name string
			set  bool
		}{{"folderid", p.FolderID != 0}, {"list", p.List}, {"mailtemplateids", len(p.MailTemplateIDs) > 0}, {"category", p.Category != ""}} {
			if a.set {
				return nil, argErrorf(a.name, "only applies to e-mail templates (type mail)")
			}
		}
	}
	params := map[string]any{"type": p.Type}
	setIf(params, "folderid", p.FolderID, p.FolderID > 0)
	setIf(params, "list", true, p.List)
	setIf(params, "mailtemplateids", p.MailTemplateIDs, len(p.MailTemplateIDs) > 0)
	setIf(params, "category", p.Category, p.Category != "")
	l := condense.List{Noun: p.Type + " templates", Requested: []string{"identifier", "title", "subject", "folder", "language", "ismainlanguage", "subid", "ishtml", "body"},
		IDField: "id", FreeText: []string{"body", "subject"}}
	if p.Type != "mail" {
		l.Noun = map[string]string{"pdf": "PDF exposé templates", "pdfletter": "PDF letters", "pdfform": "PDF forms", "webexpose": "web exposés"}[p.Type]
	}
	return listCall(ctx, env, env.request("", params), l)
}

// ---------------------------------------------------------------------------
// default_attachment_list

// DefaultAttachmentListParams are the arguments of default_attachment_list.
type DefaultAttachmentListParams struct {
	ID int `json:"id,omitempty" jsonschema:"minimum=1"`
}

func listDefaultAttachments(ctx context.Context, env *Env, p DefaultAttachmentListParams) (*Result, error) {
	res, err := env.call(ctx, optionalID(p.ID), nil)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return condense.Records(res, condense.List{}, env.Render), nil
	}
	titles := map[string]string{
		"userDefaultAttachments": "your default attachments", "templateDefaultAttachments": "attachments of the template",
		"pdfLetterDefaultAttachments": "attachments of the PDF letter",
	}
	var b strings.Builder
	structured := map[string]any{}
	for _, rec := range res.Records {
		var list []map[string]any
		_ = json.Unmarshal(rec.Elements, &list)
		name := rec.IDString()
		fmt.Fprintf(&b, "%s (%d):\n", cmp.Or(titles[name], name), len(list))
		if len(list) == 0 {
			b.WriteString("- none\n")
		}
		for _, att := range list {
			kind := strings.TrimPrefix(fmt.Sprint(att["filetype"]), "attachmentType-")
			line := fmt.Sprintf("- %v %v [%s]", att["id"], att["filetitle"], kind)
			if f, ok := att["filename"].(string); ok && f != "" {
				line += fmt.Sprintf(" %s, %s bytes", f, text(att["filesize"]))
			}
			if id, ok := att["identifier"].(string); ok && id != "" {
				line += " identifier " + id
			}
			b.WriteString(line + "\n")
		}
		structured[name] = list
	}
	return withStructured(env, &Result{Text: strings.TrimRight(b.String(), "\n")}, structured), nil
}
