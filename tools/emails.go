package tools

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

func emailTools() []Tool {
	return []Tool{
		withPreview(define("email_send", "Send e-mail",
			"Send a real e-mail from a user's mailbox to e-mail addresses or one address id (fills macros), with template or body, exposés, files, attachments; can reply or forward.",
			sendEmail), previewEmailSend),
		define("email_link_list", "Read e-mail links (old)",
			"Read the one address and estate a stored e-mail is linked to.[[ email_info lists all links.]]",
			listEmailLinks),
		define("email_info", "Read e-mail info",
			"Read a stored e-mail's links (addresses, estates), whether it is a portal enquiry and what was done with it.",
			emailInfo),
		withPreview(define("email_link_create", "Link e-mail to records",
			"Set the addresses (replacing all) and the estate a stored e-mail is linked to; [] or 0 removes links.",
			createEmailLinks), previewEmailLinks),
		define("email_signature_read", "Read e-mail signatures",
			"List your e-mail signatures (id, title, default), or read one signature's text by id (-1: company signature).",
			readEmailSignature),
		define("email_template_folder_list", "List e-mail template folders",
			"List the folders of e-mail templates[[; a folder id narrows template_list]].",
			listEmailTemplateFolders),
	}
}

// MailRecipient is an e-mail address or an address id.
type MailRecipient string

// JSONSchema accepts both forms.
func (MailRecipient) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{{Type: "string"}, {Type: "integer"}}}
}

// UnmarshalJSON takes a string or a number.
func (r *MailRecipient) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*r = MailRecipient(strings.TrimSpace(s))
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*r = MailRecipient(n.String())
	return nil
}

// id returns the address id of a recipient given as number.
func (r MailRecipient) id() (int, bool) {
	n, err := strconv.Atoi(string(r))
	return n, err == nil && n > 0
}

var mailAddressRE = regexp.MustCompile(`^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$`)

// EmailSendParams are the arguments of email_send.
type EmailSendParams struct {
	EmailIdentity                 string            `json:"emailidentity" jsonschema:"required"`
	Receiver                      []MailRecipient   `json:"receiver" jsonschema:"required,minItems=1" jsonschema_description:"E-mail addresses, or exactly one address id"`
	CC                            []MailRecipient   `json:"cc,omitempty"`
	BCC                           []MailRecipient   `json:"bcc,omitempty"`
	DisplayName                   string            `json:"displayName,omitempty"`
	Subject                       string            `json:"subject,omitempty"`
	Body                          string            `json:"body,omitempty" jsonschema_description:"Text; macros like _BriefAnrede work"`
	TemplateID                    int               `json:"templateid,omitempty" jsonschema:"minimum=1" jsonschema_description:"Template[[ (template_list)]] instead of body"`
	UseHTML                       bool              `json:"useHtml,omitempty"`
	ReplyTo                       string            `json:"replyto,omitempty"`
	EstateIDs                     []int             `json:"estateids,omitempty"`
	PDFExposeIdentifiers          []string          `json:"pdfexposeidentifiers,omitempty" jsonschema_description:"Exposés to attach[[ (template_list type pdf)]]"`
	PDFLetterIDs                  []int             `json:"pdfletterids,omitempty"`
	PDFFormIDs                    []int             `json:"pdfformids,omitempty"`
	WebExposeIDs                  []int             `json:"webexposeids,omitempty" jsonschema_description:"Links via _WebExpose; receiver = address id"`
	DocumentAttributes            []string          `json:"documentattributes,omitempty" jsonschema_description:"Attach estate files with these"`
	OnlineAttachmentIDs           []int             `json:"onlineattachmentids,omitempty"`
	MergeExposeIntoPDFLetter      bool              `json:"mergeexposeintopdfletter,omitempty"`
	AttachmentsDirectData         map[string]string `json:"attachmentsDirectData,omitempty" jsonschema_description:"File name → base64 content"`
	MessageID                     string            `json:"messageid,omitempty" jsonschema_description:"Message-ID to reply to or forward"`
	Replied                       bool              `json:"replied,omitempty"`
	Forwarded                     bool              `json:"forwarded,omitempty"`
	AddOriginalMailAttachments    bool              `json:"addoriginalmailattachments,omitempty"`
	AttachLinkedMailToHTMLMessage bool              `json:"attachLinkedMailToHtmlMessage,omitempty"`
	SignatureID                   *int              `json:"signatureid,omitempty" jsonschema:"minimum=0" jsonschema_description:"0: none; default: your standard one"`
}

func (p EmailSendParams) check() error {
	if !mailAddressRE.MatchString(p.EmailIdentity) {
		return argErrorf("emailidentity", "must be the sender's e-mail address, got %q", p.EmailIdentity)
	}
	ids := 0
	for _, list := range []struct {
		arg string
		rs  []MailRecipient
	}{{"receiver", p.Receiver}, {"cc", p.CC}, {"bcc", p.BCC}} {
		for _, r := range list.rs {
			if _, ok := r.id(); ok {
				if list.arg != "receiver" {
					return argErrorf(list.arg, "takes e-mail addresses only, got %q", r)
				}
				ids++
				continue
			}
			if !mailAddressRE.MatchString(string(r)) {
				return argErrorf(list.arg, "%q is neither an e-mail address nor an address id", r)
			}
		}
	}
	if ids > 0 && len(p.Receiver) > 1 {
		return argErrorf("receiver", "with an address id, give only that one receiver (use cc for more)")
	}
	if len(p.WebExposeIDs) > 0 && ids == 0 {
		return argErrorf("webexposeids", "web exposés need the receiver as an address id")
	}
	switch {
	case p.TemplateID == 0 && p.Body == "":
		return argErrorf("body", "the mail has no text: give body or templateid")
	case p.TemplateID > 0 && p.Body != "":
		return argErrorf("body", "is ignored when templateid is given; send one of them")
	case p.ReplyTo != "" && !mailAddressRE.MatchString(p.ReplyTo):
		return argErrorf("replyto", "must be an e-mail address, got %q", p.ReplyTo)
	case (len(p.PDFExposeIdentifiers) > 0 || len(p.DocumentAttributes) > 0) && len(p.EstateIDs) == 0:
		return argErrorf("estateids", "exposés and document attributes need the estate ids")
	case p.MergeExposeIntoPDFLetter && len(p.PDFLetterIDs) > 1:
		return argErrorf("pdfletterids", "only one PDF letter can be merged with exposés")
	case p.Replied && p.Forwarded:
		return argErrorf("forwarded", "a mail is a reply or a forward, not both")
	case (p.Replied || p.Forwarded) && p.MessageID == "":
		return argErrorf("messageid", "is needed to reply to or forward a mail")
	case (p.AddOriginalMailAttachments || p.AttachLinkedMailToHTMLMessage) && !p.Replied && !p.Forwarded:
		return argErrorf("replied", "original attachments and quoting need replied or forwarded with messageid")
	}
	for _, name := range keys(p.AttachmentsDirectData) {
		if strings.TrimSpace(name) == "" || strings.ContainsAny(name, "/\\") {
			return argErrorf("attachmentsDirectData", "%q is not a file name", name)
		}
		if _, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(p.AttachmentsDirectData[name]), "")); err != nil {
			return argErrorf("attachmentsDirectData."+name, "is not valid base64: %v", err)
		}
	}
	for _, x := range p.PDFExposeIdentifiers {
		if !strings.HasPrefix(x, "urn:") {
			return argErrorf("pdfexposeidentifiers", "%q is not an exposé identifier[[; template_list with type pdf lists them]]", x)
		}
	}
	return nil
}

func (p EmailSendParams) wire() map[string]any {
	m := argsOf(p)
	// Address ids travel as numbers, as in the documented examples.
	recv := make([]any, len(p.Receiver))
	for i, r := range p.Receiver {
		if n, ok := r.id(); ok {
			recv[i] = n
		} else {
			recv[i] = string(r)
		}
	}
	m["receiver"] = recv
	for k, v := range p.AttachmentsDirectData {
		m["attachmentsDirectData"].(map[string]any)[k] = strings.Join(strings.Fields(v), "")
	}
	return m
}

func sendEmail(ctx context.Context, env *Env, p EmailSendParams) (*Result, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if _, err := env.call(ctx, "", p.wire()); err != nil {
		return nil, err
	}
	to := make([]string, len(p.Receiver))
	for i, r := range p.Receiver {
		to[i] = string(r)
		if n, ok := r.id(); ok {
			to[i] = fmt.Sprintf("address %d", n)
		}
	}
	subject := p.Subject
	if subject == "" && p.TemplateID > 0 {
		subject = fmt.Sprintf("(subject of template %d)", p.TemplateID)
	}
	return condense.Text("E-mail sent from %s to %s: %s.", p.EmailIdentity, strings.Join(to, ", "), subjectText(subject)), nil
}

func previewEmailSend(ctx context.Context, env *Env, p EmailSendParams) (*Preview, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	from := p.EmailIdentity
	if p.DisplayName != "" {
		from = p.DisplayName + " <" + from + ">"
	}
	pv := &Preview{Target: env.say("e-mail from ", "E-Mail von ") + from}
	var ids []int
	for _, r := range p.Receiver {
		if n, ok := r.id(); ok {
			ids = append(ids, n)
		}
	}
	names := addressLabels(ctx, env, ids)
	for _, list := range []struct {
		label string
		rs    []MailRecipient
	}{{env.say("to", "an"), p.Receiver}, {"cc", p.CC}, {"bcc", p.BCC}} {
		for _, r := range list.rs {
			if n, ok := r.id(); ok {
				pv.Changes = append(pv.Changes, fmt.Sprintf("%s: %s %s", list.label, env.noun("address"), names[n]))
			} else {
				pv.Changes = append(pv.Changes, fmt.Sprintf("%s: %s", list.label, r))
			}
		}
	}
	if p.ReplyTo != "" {
		pv.Changes = append(pv.Changes, env.say("reply-to: ", "Antwort an: ")+p.ReplyTo)
	}
	subject := p.Subject
	if p.TemplateID > 0 {
		title, tplSubject := mailTemplate(ctx, env, p.TemplateID)
		pv.Changes = append(pv.Changes, fmt.Sprintf(env.say("template: %d %s", "Vorlage: %d %s"), p.TemplateID, title))
		if subject == "" {
			subject = tplSubject
		}
	}
	pv.Changes = append(pv.Changes, env.say("subject: ", "Betreff: ")+cmp.Or(subject, "(empty)"))
	if p.Body != "" {
		body := p.Body
		if r := []rune(body); len(r) > 300 {
			body = string(r[:300]) + "…"
		}
		pv.Changes = append(pv.Changes, "Text: "+body)
	}
	for _, e := range p.EstateIDs {
		pv.Changes = append(pv.Changes, env.say("estate for macros: ", "Immobilie für Platzhalter: ")+estateLabel(ctx, env, e))
	}
	for _, a := range mailAttachments(p) {
		pv.Changes = append(pv.Changes, env.say("attachment: ", "Anhang: ")+a)
	}
	if len(mailAttachments(p)) == 0 {
		pv.Changes = append(pv.Changes, env.say("attachments: none", "Anhänge: keine"))
	}
	switch {
	case p.Replied:
		pv.Changes = append(pv.Changes, env.say("reply to: ", "Antwort auf: ")+p.MessageID)
	case p.Forwarded:
		pv.Changes = append(pv.Changes, env.say("forward of: ", "Weiterleitung von: ")+p.MessageID)
	}
	switch {
	case p.SignatureID == nil:
		pv.Changes = append(pv.Changes, env.say("signature: your standard signature", "Signatur: Ihre Standardsignatur"))
	case *p.SignatureID == 0:
		pv.Changes = append(pv.Changes, env.say("signature: none", "Signatur: keine"))
	default:
		pv.Changes = append(pv.Changes, fmt.Sprintf(env.say("signature: %d", "Signatur: %d"), *p.SignatureID))
	}
	return pv, nil
}

// mailAttachments names everything that will be attached.
func mailAttachments(p EmailSendParams) []string {
	var out []string
	for _, x := range p.PDFExposeIdentifiers {
		name := x
		if i := strings.LastIndex(x, ":"); i >= 0 {
			name = x[i+1:]
		}
		out = append(out, "PDF exposé "+name)
	}
	for _, id := range p.PDFLetterIDs {
		out = append(out, fmt.Sprintf("PDF letter %d", id))
	}
	for _, id := range p.PDFFormIDs {
		out = append(out, fmt.Sprintf("PDF form %d", id))
	}
	for _, id := range p.WebExposeIDs {
		out = append(out, fmt.Sprintf("web exposé %d (as link)", id))
	}
	for _, a := range p.DocumentAttributes {
		out = append(out, "estate files with document attribute "+a)
	}
	for _, id := range p.OnlineAttachmentIDs {
		out = append(out, fmt.Sprintf("estate file %d", id))
	}
	for _, name := range keys(p.AttachmentsDirectData) {
		raw, _ := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(p.AttachmentsDirectData[name]), ""))
		out = append(out, fmt.Sprintf("%s (%d bytes)", name, len(raw)))
	}
	if p.AddOriginalMailAttachments {
		out = append(out, "the attachments of the original mail")
	}
	return out
}

// mailTemplate returns title and subject of an e-mail template, or empty strings.
func mailTemplate(ctx context.Context, env *Env, id int) (string, string) {
	res, err := env.API.Call(ctx, rowOf("template_list").request("", map[string]any{"type": "mail", "list": true, "mailtemplateids": []int{id}}))
	if err != nil || len(res.Records) == 0 {
		return "(unknown template)", ""
	}
	el := res.Records[0].Fields()
	return fmt.Sprint(el["title"]), fmt.Sprint(el["subject"])
}

// ---------------------------------------------------------------------------
// e-mail links

// MailRef names a stored e-mail the way the deprecated link call does.
type MailRef struct {
	EmailIdentity string `json:"emailidentity" jsonschema:"required"`
	MessageID     string `json:"messageid" jsonschema:"required"`
	UID           int    `json:"uid" jsonschema:"required,minimum=1"`
	Folder        string `json:"folder" jsonschema:"required"`
}

func listEmailLinks(ctx context.Context, env *Env, p MailRef) (*Result, error) {
	params := map[string]any{"emailidentity": p.EmailIdentity, "messageid": p.MessageID, "uid": strconv.Itoa(p.UID), "folder": p.Folder}
	return listCall(ctx, env, env.request("", params),
		condense.List{Noun: "e-mail links", Requested: []string{"addressid", "addressfirstname", "addresssurname", "addresscompany", "addresscustomerno",
			"estateid", "estateexternalno", "estatestreet", "estatecity", "estateowner"}})
}

// EmailInfoParams name a stored e-mail; this call spells them in camel case.
type EmailInfoParams struct {
	EmailIdentity string `json:"emailIdentity" jsonschema:"required"`
	MessageID     string `json:"messageId" jsonschema:"required"`
	UID           int    `json:"uid" jsonschema:"required,minimum=1"`
	Folder        string `json:"folder" jsonschema:"required"`
}

// mailInfo is the decoded answer of emailInfo.
type mailInfo struct {
	IsPortalRequest bool             `json:"isPortalRequest"`
	Addresses       []map[string]any `json:"addresses"`
	Estates         []map[string]any `json:"estates"`
	Actions         []map[string]any `json:"actions"`
}

func readMailInfo(ctx context.Context, env *Env, p EmailInfoParams) (*mailInfo, onoffice.Result, error) {
	params := map[string]any{"emailIdentity": p.EmailIdentity, "messageId": p.MessageID, "uid": strconv.Itoa(p.UID), "folder": p.Folder}
	res, err := env.API.Call(ctx, rowOf("email_info").request("", params))
	if err != nil {
		return nil, res, err
	}
	info := &mailInfo{}
	if len(res.Records) > 0 {
		_ = json.Unmarshal(res.Records[0].Elements, info)
	}
	return info, res, nil
}

func emailInfo(ctx context.Context, env *Env, p EmailInfoParams) (*Result, error) {
	info, res, err := readMailInfo(ctx, env, p)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return condense.Records(res, condense.List{}, env.Render), nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "e-mail %s\nportal enquiry: %s\n", p.MessageID, yesNo(info.IsPortalRequest))
	b.WriteString("addresses: " + cmp.Or(mailAddressLines(info.Addresses), "none") + "\n")
	b.WriteString("estates: " + cmp.Or(mailEstateLines(info.Estates), "none") + "\n")
	var actions []string
	for _, a := range info.Actions {
		actions = append(actions, fmt.Sprintf("%s (%s)", condense.Name(fmt.Sprint(a["type"])), condense.Untrusted(fmt.Sprint(a["description"]))))
	}
	b.WriteString("actions: " + cmp.Or(strings.Join(actions, "; "), "none"))
	return withStructured(env, &Result{Text: b.String()}, argsOf(info)), nil
}

func mailAddressLines(list []map[string]any) string {
	var parts []string
	for _, a := range list {
		name := strings.TrimSpace(fmt.Sprintf("%v %v", mailText(a["addressFirstname"]), mailText(a["addressSurname"])))
		if c := mailText(a["addressCompany"]); c != "" {
			name = strings.TrimSpace(name + " (" + c + ")")
		}
		s := name
		if m := mailText(a["addressEmail"]); m != "" {
			s += " <" + m + ">"
		}
		if n := text(a["addressCustomerNo"]); n != "" && n != "0" {
			s += ", customer no. " + n
		}
		parts = append(parts, condense.Name(text(a["addressId"]))+" "+condense.Untrusted(strings.TrimSpace(s)))
	}
	return strings.Join(parts, "; ")
}

func mailEstateLines(list []map[string]any) string {
	var parts []string
	for _, e := range list {
		s := fmt.Sprintf("%s, %s %s", mailText(e["estateExternalNo"]), mailText(e["estateStreet"]), mailText(e["estateCity"]))
		if o := mailText(e["estateOwner"]); o != "" {
			s += ", owner " + o
		}
		parts = append(parts, condense.Name(text(e["estateId"]))+" "+condense.Untrusted(s))
	}
	return strings.Join(parts, "; ")
}

func mailText(v any) string {
	if v == nil {
		return ""
	}
	return strings.TrimSpace(fmt.Sprint(v))
}

// EmailLinkCreateParams are the arguments of email_link_create.
type EmailLinkCreateParams struct {
	MailRef
	AddressIDs *[]int `json:"addressIds,omitempty"`
	EstateID   *int   `json:"estateid,omitempty" jsonschema:"minimum=0" jsonschema_description:"0 unlinks"`
}

func (p EmailLinkCreateParams) check() error {
	if p.AddressIDs == nil && p.EstateID == nil {
		return argErrorf("addressIds", "nothing to link: give addressIds and/or estateid")
	}
	return nil
}

func (p EmailLinkCreateParams) wire() map[string]any {
	params := map[string]any{"emailidentity": p.EmailIdentity, "messageid": p.MessageID, "uid": p.UID, "folder": p.Folder}
	if p.AddressIDs != nil {
		params["addressIds"] = nonNilIDs(*p.AddressIDs)
	}
	if p.EstateID != nil {
		params["estateid"] = *p.EstateID
	}
	return params
}

func createEmailLinks(ctx context.Context, env *Env, p EmailLinkCreateParams) (*Result, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if _, err := env.call(ctx, "", p.wire()); err != nil {
		return nil, err
	}
	var parts []string
	if p.AddressIDs != nil {
		parts = append(parts, "addresses "+cmp.Or(joinIDs(*p.AddressIDs), "none"))
	}
	if p.EstateID != nil {
		parts = append(parts, "estate "+map[bool]string{true: "none", false: strconv.Itoa(*p.EstateID)}[*p.EstateID == 0])
	}
	return condense.Text("Links of e-mail %s set: %s.", p.MessageID, strings.Join(parts, "; ")), nil
}

func previewEmailLinks(ctx context.Context, env *Env, p EmailLinkCreateParams) (*Preview, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	info, _, err := readMailInfo(ctx, env, EmailInfoParams(p.MailRef))
	if err != nil {
		return nil, err
	}
	pv := &Preview{Target: fmt.Sprintf(env.say("e-mail %s (uid %d in %s of %s)", "E-Mail %s (uid %d in %s von %s)"), p.MessageID, p.UID, p.Folder, p.EmailIdentity), RecordID: p.MessageID}
	none := env.say("none", "keine")
	if p.AddressIDs != nil {
		now := none
		if len(*p.AddressIDs) > 0 {
			now = addressLabelList(ctx, env, *p.AddressIDs)
		}
		before := cmp.Or(mailAddressLines(info.Addresses), none)
		pv.Changes = append(pv.Changes, env.say("addresses: ", "Adressen: ")+before+" → "+now)
		pv.bind("addresses", before)
	}
	if p.EstateID != nil {
		now := none
		if *p.EstateID > 0 {
			now = estateLabel(ctx, env, *p.EstateID)
		}
		before := cmp.Or(mailEstateLines(info.Estates), none)
		pv.Changes = append(pv.Changes, env.noun("estate")+": "+before+" → "+now)
		pv.bind("estate", before)
	}
	return pv, nil
}

// ---------------------------------------------------------------------------
// signatures and template folders

// EmailSignatureParams are the arguments of email_signature_read.
type EmailSignatureParams struct {
	ID                  *int `json:"id,omitempty" jsonschema:"minimum=-1"`
	GetDefaultSignature bool `json:"getdefaultsignature,omitempty" jsonschema_description:"Read your default one"`
	IsHTML              bool `json:"ishtml,omitempty"`
}

func readEmailSignature(ctx context.Context, env *Env, p EmailSignatureParams) (*Result, error) {
	if p.ID != nil && p.GetDefaultSignature {
		return nil, argErrorf("getdefaultsignature", "read one signature by id or the default one, not both")
	}
	if p.ID != nil && *p.ID == 0 {
		return nil, argErrorf("id", "0 is no signature; leave id out to list them")
	}
	params := map[string]any{}
	setIf(params, "getdefaultsignature", true, p.GetDefaultSignature)
	setIf(params, "ishtml", true, p.IsHTML)
	a := env.request("", params)
	if p.ID != nil {
		a.ResourceID = strconv.Itoa(*p.ID)
	}
	res, err := env.API.Call(ctx, a)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw || (p.ID == nil && !p.GetDefaultSignature) {
		l := condense.List{Noun: "signatures", Requested: []string{"title", "isdefault"}, IDField: "id"}
		return condense.Records(res, l, env.Render), nil
	}
	if len(res.Records) == 0 {
		return condense.Text("No signature found."), nil
	}
	el := res.Records[0].Fields()
	head := "default signature"
	if p.ID != nil {
		head = fmt.Sprintf("signature %d %v", *p.ID, el["title"])
	}
	return &Result{Text: env.Render.Clip(head + ":\n" + fmt.Sprint(el["signature"]))}, nil
}

// EmailTemplateFolderListParams are the (no) arguments of email_template_folder_list.
type EmailTemplateFolderListParams struct{}

func listEmailTemplateFolders(ctx context.Context, env *Env, _ EmailTemplateFolderListParams) (*Result, error) {
	res, err := env.call(ctx, "", nil)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return condense.Records(res, condense.List{}, env.Render), nil
	}
	folders := map[string]any{}
	for _, rec := range res.Records {
		for k, v := range rec.Fields() {
			folders[k] = v
		}
	}
	ids := keys(folders)
	sort.SliceStable(ids, func(i, j int) bool {
		a, _ := strconv.Atoi(ids[i])
		b, _ := strconv.Atoi(ids[j])
		return a < b
	})
	lines := make([]string, len(ids))
	for i, id := range ids {
		lines[i] = fmt.Sprintf("- %s = %v", id, folders[id])
	}
	out := &Result{Text: fmt.Sprintf("%d e-mail template folders (id = name):\n%s", len(ids), strings.Join(lines, "\n"))}
	return withStructured(env, out, map[string]any{"folders": folders}), nil
}
