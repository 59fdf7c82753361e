package sandbox

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// E-mails: sending (recorded in the outbox, never delivered), the links of
// stored mails to addresses and estates, signatures and template folders.
// The mailboxes hold a few deterministic mails per user identity; a mail is
// addressed by identity + folder + uid together with its Message-ID, as in
// enterprise, where folder and uid come from the mail server.

func emailRoutes() []Route {
	return []Route{
		{onoffice.VerbDo, "sendmail", sendMail, ""},
		{onoffice.VerbGet, "emailassignments", getEmailAssignments, ""},
		{onoffice.VerbGet, "emailInfo", getEmailInfo, ""},
		{onoffice.VerbDo, "emailassignments", doEmailAssignments, ""},
		{onoffice.VerbGet, "emailsignature", getEmailSignature, ""},
		{onoffice.VerbGet, "emailtemplatefolders", getEmailTemplateFolders, ""},
	}
}

// StoredMail is one mail of a sandbox mailbox.
type StoredMail struct {
	Identity  string
	Folder    string
	UID       int
	MessageID string
	From      string
	Subject   string
	Date      string
	Portal    bool
	Addresses []int
	Estate    int
	Actions   []MailAction
}

// MailAction is one entry of a mail's history (replied, forwarded …).
type MailAction struct{ Type, Description string }

type mailbox struct {
	Mails   []*StoredMail
	NextUID int
}

// mailFolders are the folders every sandbox mailbox has.
var mailFolders = []string{"INBOX", "Gesendet", "Entwürfe", "Archiv", "Papierkorb"}

const mailDomain = "mail.hansen-kroeger.example.com"

// Mails returns the mails of the sandbox mailboxes, for tests and the demo.
func (s *Server) Mails() []StoredMail {
	st := s.Store()
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []StoredMail
	for _, m := range mailboxOf(st).Mails {
		c := *m
		c.Addresses = append([]int(nil), m.Addresses...)
		c.Actions = append([]MailAction(nil), m.Actions...)
		out = append(out, c)
	}
	return out
}

// mailboxOf builds the mailboxes on first use from the seed data: portal
// enquiries and owner mails, some linked, one not yet linked.
func mailboxOf(s *Store) *mailbox {
	return s.ExtraData("mailbox", func() any {
		mb := &mailbox{NextUID: 4801}
		users := map[int]Record{}
		for _, u := range s.Table("user").Records {
			users[idOf(u)] = u
		}
		ownerOf := map[int]int{}
		interested := map[int]int{}
		for _, rel := range s.Relations {
			switch rel.Type {
			case RelationPrefix + "estate:address:owner":
				if _, ok := ownerOf[rel.Parent]; !ok {
					ownerOf[rel.Parent] = rel.Child
				}
			case RelationPrefix + "estate:address:interested":
				if _, ok := interested[rel.Child]; !ok {
					interested[rel.Child] = rel.Parent
				}
			}
		}
		var prospects []int
		for addr := range interested {
			if mailAddressEmail(s.Table("address").Get(addr)) != "" {
				prospects = append(prospects, addr)
			}
		}
		sort.Ints(prospects)
		var owned []int
		for e, o := range ownerOf {
			if mailAddressEmail(s.Table("address").Get(o)) != "" {
				owned = append(owned, e)
			}
		}
		sort.Ints(owned)
		identity := func(uid int) string {
			if u := users[uid]; u != nil {
				return toText(u["email"])
			}
			return ""
		}
		add := func(m *StoredMail) {
			m.UID = mb.NextUID
			mb.NextUID++
			m.MessageID = fmt.Sprintf("<%s.%d@%s>", strings.NewReplacer("-", "", " ", ".", ":", "").Replace(m.Date), m.UID, mailDomain)
			mb.Mails = append(mb.Mails, m)
		}
		portals := []string{"ImmobilienScout24", "Immowelt", "Kleinanzeigen"}
		for i := 0; i < 4 && i < len(prospects); i++ {
			addr := prospects[i]
			estate := interested[addr]
			uid := SandboxAPIUserID
			if e := s.Table("estate").Get(estate); e != nil {
				if n, ok := e["benutzer"].(int); ok && users[n] != nil {
					uid = n
				}
			}
			m := &StoredMail{
				Identity: identity(uid), Folder: "INBOX", Portal: i < 3,
				From:      mailAddressEmail(s.Table("address").Get(addr)),
				Subject:   fmt.Sprintf("Anfrage zu Objekt %s", toText(s.Table("estate").Get(estate)["objektnr_extern"])),
				Date:      stamp(s.Day.AddDate(0, 0, -13+i).Add(time.Duration(9*3600+(10+i*7)*60+15+i) * time.Second)),
				Addresses: []int{addr}, Estate: estate,
			}
			if m.Portal {
				m.Subject = fmt.Sprintf("%s: Kontaktanfrage zu %s", portals[i], toText(s.Table("estate").Get(estate)["objektnr_extern"]))
			}
			if i%2 == 0 {
				m.Actions = []MailAction{{"replied", fmt.Sprintf("Am %s um 11:%02d Uhr beantwortet", s.Day.AddDate(0, 0, -13+i).Format("02.01.06"), 20+i)}}
			}
			if i == 3 {
				// One enquiry nobody has linked yet.
				m.Addresses, m.Estate = nil, 0
			}
			add(m)
		}
		for i := 0; i < 2 && i < len(owned); i++ {
			estate := owned[i]
			owner := ownerOf[estate]
			add(&StoredMail{
				Identity: identity(SandboxAPIUserID), Folder: "INBOX",
				From:      mailAddressEmail(s.Table("address").Get(owner)),
				Subject:   "Rückfrage zum Vermarktungsstand",
				Date:      stamp(s.Day.AddDate(0, 0, -6+i).Add(time.Duration(16*60+5+i*11) * time.Minute)),
				Addresses: []int{owner}, Estate: estate,
				Actions: []MailAction{{"forwarded", fmt.Sprintf("Am %s um 17:02 Uhr weitergeleitet", s.Day.AddDate(0, 0, -6+i).Format("02.01.06"))}},
			})
		}
		return mb
	}).(*mailbox)
}

// mailIdentity returns the mailbox identity the API user may send from
// (the e-mail address of a user), or "".
func mailIdentity(s *Store, ident string) string {
	for _, u := range s.Table("user").Records {
		if e := toText(u["email"]); e != "" && strings.EqualFold(e, strings.TrimSpace(ident)) {
			return e
		}
	}
	return ""
}

// mailAddressEmail is the standard e-mail address of an address record.
func mailAddressEmail(r Record) string {
	if r == nil {
		return ""
	}
	if pb, ok := r[phonebookKey].([]phoneEntry); ok {
		first := ""
		for _, e := range pb {
			if e.Kind != "email" {
				continue
			}
			if e.Default {
				return e.Value
			}
			if first == "" {
				first = e.Value
			}
		}
		return first
	}
	for _, k := range []string{"Email", "Email2"} {
		if v := toText(r[k]); v != "" {
			return v
		}
	}
	return ""
}

var mailAddressRE = regexp.MustCompile(`^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$`)

// ---------------------------------------------------------------------------
// Send e-mail

func sendMail(s *Store, c *Call) (*Answer, error) {
	p := c.Params
	ident, err := paramString(p, "emailidentity")
	if err != nil {
		return nil, err
	}
	if ident == "" {
		return nil, Fail(50, "E-mail identity missing")
	}
	from := mailIdentity(s, ident)
	if from == "" {
		return nil, Fail(51, "E-mail identity invalid: %s", ident)
	}
	rawReceivers, ok := p["receiver"]
	if !ok || rawReceivers == nil {
		return nil, Fail(53, "Receivers missing")
	}
	receivers, isList := rawReceivers.([]any)
	if !isList {
		return nil, Fail(52, "Receiver list is not an array")
	}
	if len(receivers) == 0 {
		return nil, Fail(53, "Receivers missing")
	}
	to, toIDs, err := mailRecipients(s, receivers, "receiver")
	if err != nil {
		return nil, err
	}
	if len(toIDs) > 0 && len(receivers) > 1 {
		return nil, Fail(55, "Invalid receivers: with an address id only one receiver may be given")
	}
	var cc, bcc []string
	for _, name := range []string{"cc", "bcc"} {
		v, ok := p[name]
		if !ok || v == nil {
			continue
		}
		list, isList := v.([]any)
		if !isList {
			return nil, Fail(74, "Element/parameter %s must be an array", name)
		}
		got, _, err := mailRecipients(s, list, name)
		if err != nil {
			return nil, err
		}
		if name == "cc" {
			cc = got
		} else {
			bcc = got
		}
	}
	subject, err := paramString(p, "subject")
	if err != nil {
		return nil, err
	}
	if _, err := paramString(p, "body"); err != nil {
		return nil, err
	}
	var attachments []any
	if v, ok := p["templateid"]; ok && v != nil {
		id, isInt := toInt(v)
		t := tplMailByID(id)
		if !isInt || t == nil {
			return nil, Fail(233, "E-mail template missing: %v", v)
		}
		if subject == "" {
			subject = t.Subject
		}
	}
	var estates []int
	if v, ok := p["estateids"]; ok && v != nil {
		if _, isList := v.([]any); !isList {
			return nil, Fail(73, "estateids must be an array")
		}
		if estates, err = paramInts(p, "estateids"); err != nil {
			return nil, err
		}
		for _, e := range estates {
			if _, err := estateRecord(s, e); err != nil {
				return nil, err
			}
		}
	}
	exposes, err := paramStrings(p, "pdfexposeidentifiers")
	if err != nil {
		return nil, err
	}
	for _, x := range exposes {
		t := tplByIdentifier(tplExposes, x)
		if t == nil {
			return nil, Fail(54, "Invalid PDF exposé identifier: %s", x)
		}
		if len(estates) == 0 {
			return nil, Fail(57, "The exposé needs an estate: give estateids")
		}
		attachments = append(attachments, t.Title+".pdf")
	}
	for _, kind := range []struct {
		param string
		list  []tplSimple
		code  int
	}{{"pdfletterids", tplLetters, 246}, {"pdfformids", tplForms, 245}, {"webexposeids", tplWebExposes, 271}} {
		ids, err := paramStrings(p, kind.param)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			t := tplByIdentifier(kind.list, id)
			if t == nil {
				return nil, Fail(kind.code, "Unknown or unreadable entry %s in %s", id, kind.param)
			}
			if kind.param == "webexposeids" {
				if len(toIDs) == 0 {
					return nil, Fail(55, "Invalid receivers: web exposés need an address id as receiver")
				}
				continue // sent as a link in the text, not attached
			}
			attachments = append(attachments, t.Title+".pdf")
		}
		if kind.param == "pdfletterids" && len(ids) > 1 && paramBool(p, "mergeexposeintopdfletter") {
			return nil, Fail(244, "Only one PDF letter may be attached when exposés are merged into it")
		}
	}
	attrs, err := paramStrings(p, "documentattributes")
	if err != nil {
		return nil, err
	}
	for _, a := range attrs {
		f := s.Fields["file"]["documentAttribute"]
		if f == nil || !permitted(f, a) {
			return nil, Fail(255, "Invalid document attribute: %s", a)
		}
		found := false
		for _, e := range estates {
			for _, file := range s.Table("file").Records {
				rid, _ := toInt(file["relatedRecordId"])
				if toText(file["module"]) == "estate" && rid == e && toText(file["documentAttribute"]) == a {
					attachments = append(attachments, toText(file["filename"]))
					found = true
				}
			}
		}
		if !found && len(estates) == 0 {
			return nil, Fail(57, "Document attributes need an estate: give estateids")
		}
	}
	online, err := paramInts(p, "onlineattachmentids")
	if err != nil {
		return nil, err
	}
	for _, id := range online {
		f := s.Table("file").Get(id)
		if f == nil || toText(f["module"]) != "estate" {
			return nil, Fail(127, "File not found: %d", id)
		}
		name := toText(f["filename"])
		if name == "" {
			name = toText(f["url"])
		}
		attachments = append(attachments, name)
	}
	if v, ok := p["attachmentsDirectData"]; ok && v != nil {
		direct, err := paramObject(p, "attachmentsDirectData")
		if err != nil {
			return nil, err
		}
		total := 0
		for _, name := range sortedKeys(direct) {
			content, isText := direct[name].(string)
			raw, decErr := base64.StdEncoding.DecodeString(content)
			if !isText || decErr != nil {
				return nil, Fail(255, "attachmentsDirectData %s is not base64 text", name)
			}
			total += len(raw)
			attachments = append(attachments, name)
		}
		if total > 20<<20 {
			return nil, Fail(238, "Attachment too large")
		}
	}
	var original *StoredMail
	if msg, err := paramString(p, "messageid"); err != nil {
		return nil, err
	} else if msg != "" && (paramBool(p, "replied") || paramBool(p, "forwarded")) {
		for _, m := range mailboxOf(s).Mails {
			if m.MessageID == msg && strings.EqualFold(m.Identity, from) {
				original = m
			}
		}
		if original == nil {
			return nil, Fail(133, "No e-mail for this message id: %s", msg)
		}
	}
	if v, ok := p["signatureid"]; ok && v != nil {
		id, isInt := toInt(v)
		if !isInt {
			return nil, Fail(228, "Element/parameter signatureid must be an integer")
		}
		if id != 0 && mailSignatureByID(s, id) == nil {
			return nil, Fail(80, "Unknown signature: %d", id)
		}
	}

	// Record instead of sending; keep the copy in the sent folder.
	mb := mailboxOf(s)
	sent := &StoredMail{
		Identity: from, Folder: "Gesendet", UID: mb.NextUID, From: from, Subject: subject,
		Date: stamp(c.Now), Addresses: toIDs,
	}
	mb.NextUID++
	sent.MessageID = fmt.Sprintf("<%s.%d@%s>", c.Now.UTC().Format("20060102150405"), sent.UID, mailDomain)
	if len(estates) > 0 {
		sent.Estate = estates[0]
	}
	mb.Mails = append(mb.Mails, sent)
	if original != nil {
		kind, verb := "replied", "beantwortet"
		if paramBool(p, "forwarded") {
			kind, verb = "forwarded", "weitergeleitet"
		}
		original.Actions = append(original.Actions, MailAction{kind, fmt.Sprintf("Am %s um %s Uhr %s", c.Now.Format("2.1.06"), c.Now.Format("15:04"), verb)})
	}
	// What went out, resolved: recipients' addresses, sender, subject
	// (from the template when none was given) and attachment names.
	recordOutbox(s, c, map[string]any{
		"to": mailAnyList(to), "ccTo": mailAnyList(cc), "bccTo": mailAnyList(bcc), "from": from,
		"sentSubject": subject, "attachments": attachments, "sentMessageId": sent.MessageID,
	})
	return Success(""), nil
}

func mailAnyList(list []string) []any {
	out := make([]any, len(list))
	for i, v := range list {
		out[i] = v
	}
	return out
}

// mailRecipients resolves receivers: e-mail addresses as they are, address
// ids to the address's standard e-mail.
func mailRecipients(s *Store, list []any, param string) ([]string, []int, error) {
	var mails []string
	var ids []int
	for _, v := range list {
		text := strings.TrimSpace(toText(v))
		if n, err := strconv.Atoi(text); err == nil {
			a := s.Table("address").Get(n)
			if a == nil {
				return nil, nil, Fail(55, "Invalid receivers: unknown address %d in %s", n, param)
			}
			mail := mailAddressEmail(a)
			if mail == "" {
				return nil, nil, Fail(146, "Invalid recipient: address %d has no e-mail address", n)
			}
			mails = append(mails, mail)
			ids = append(ids, n)
			continue
		}
		if !mailAddressRE.MatchString(text) {
			return nil, nil, Fail(55, "Invalid receivers: %q in %s is neither an e-mail address nor an address id", text, param)
		}
		mails = append(mails, text)
	}
	return mails, ids, nil
}

// ---------------------------------------------------------------------------
// E-mail links and info

// mailFind locates a stored mail; names are the parameter names of the call
// (the info call spells them in camel case).
func mailFind(s *Store, p map[string]any, identName, msgName, uidName string) (*StoredMail, error) {
	ident, err := paramString(p, identName)
	if err != nil {
		return nil, err
	}
	msg, err := paramString(p, msgName)
	if err != nil {
		return nil, err
	}
	uidText := toText(p[uidName])
	folder, err := paramString(p, "folder")
	if err != nil {
		return nil, err
	}
	switch {
	case ident == "":
		return nil, Fail(50, "E-mail identity missing")
	case msg == "":
		return nil, Fail(58, "Message id missing")
	case uidText == "":
		return nil, Fail(59, "E-mail uid missing")
	case folder == "":
		return nil, Fail(60, "E-mail folder missing")
	}
	from := mailIdentity(s, ident)
	if from == "" {
		return nil, Fail(51, "E-mail identity invalid: %s", ident)
	}
	if strings.EqualFold(folder, "Posteingang") {
		folder = "INBOX"
	}
	if !contains(mailFolders, folder) {
		return nil, Fail(94, "Unknown e-mail folder: %s", folder)
	}
	uid, ok := toInt(p[uidName])
	if !ok {
		return nil, Fail(228, "Element/parameter %s must be an integer", uidName)
	}
	for _, m := range mailboxOf(s).Mails {
		if strings.EqualFold(m.Identity, from) && m.Folder == folder && m.UID == uid {
			if m.MessageID != msg {
				return nil, Fail(63, "Message id mismatch for uid %d", uid)
			}
			return m, nil
		}
	}
	return nil, Fail(133, "No e-mail for this message id: %s", msg)
}

func getEmailAssignments(s *Store, c *Call) (*Answer, error) {
	m, err := mailFind(s, c.Params, "emailidentity", "messageid", "uid")
	if err != nil {
		return nil, err
	}
	el := map[string]any{
		"addressid": 0, "addresscustomerno": 0, "addressfirstname": "", "addresssurname": "", "addresscompany": "",
		"estateid": 0, "estateexternalno": "", "estateowner": "", "estatestreet": "", "estatecity": "",
	}
	// The deprecated call only knows one linked address.
	if len(m.Addresses) > 0 {
		for k, v := range mailAddressInfo(s, m.Addresses[0]) {
			el[strings.ToLower(k)] = v
		}
		delete(el, "addressemail")
	}
	if m.Estate != 0 {
		for k, v := range mailEstateInfo(s, m.Estate) {
			el[strings.ToLower(k)] = v
		}
	}
	return &Answer{Records: []OutRecord{{ID: 0, Type: "", Elements: el}}, Cacheable: true}, nil
}

func getEmailInfo(s *Store, c *Call) (*Answer, error) {
	m, err := mailFind(s, c.Params, "emailIdentity", "messageId", "uid")
	if err != nil {
		return nil, err
	}
	addrs := []any{}
	for _, a := range m.Addresses {
		addrs = append(addrs, mailAddressInfo(s, a))
	}
	estates := []any{}
	if m.Estate != 0 {
		estates = append(estates, mailEstateInfo(s, m.Estate))
	}
	actions := []any{}
	for _, a := range m.Actions {
		actions = append(actions, map[string]any{"type": a.Type, "description": a.Description})
	}
	el := map[string]any{"isPortalRequest": m.Portal, "addresses": addrs, "estates": estates, "actions": actions}
	return &Answer{Records: []OutRecord{{ID: m.MessageID, Type: "", Elements: el}}, Cacheable: true}, nil
}

func mailAddressInfo(s *Store, id int) map[string]any {
	a := s.Table("address").Get(id)
	if a == nil {
		return map[string]any{"addressId": id}
	}
	kdnr, _ := toInt(orZero(a["KdNr"]))
	return map[string]any{
		"addressId": id, "addressCustomerNo": kdnr, "addressFirstname": toText(a["Vorname"]),
		"addressSurname": toText(a["Name"]), "addressCompany": toText(a["Zusatz1"]), "addressEmail": mailAddressEmail(a),
	}
}

func mailEstateInfo(s *Store, id int) map[string]any {
	e := s.Table("estate").Get(id)
	if e == nil {
		return map[string]any{"estateId": id}
	}
	owner := ""
	if owners := estOwners(s, id); len(owners) > 0 {
		owner = addressDescription(owners[0])
	}
	return map[string]any{
		"estateId": id, "estateExternalNo": toText(e["objektnr_extern"]), "estateOwner": owner,
		"estateStreet": strings.TrimSpace(toText(e["strasse"]) + " " + toText(e["hausnummer"])), "estateCity": toText(e["ort"]),
	}
}

func doEmailAssignments(s *Store, c *Call) (*Answer, error) {
	p := c.Params
	for _, name := range []string{"emailidentity", "messageid", "uid", "folder"} {
		if err := requireParam(p, name); err != nil {
			return nil, Fail(map[string]int{"emailidentity": 50, "messageid": 58, "uid": 59, "folder": 60}[name], "Required parameter missing: %s", name)
		}
	}
	if _, ok := toInt(p["uid"]); !ok {
		return nil, Fail(228, "Element/parameter uid must be an integer")
	}
	m, err := mailFind(s, p, "emailidentity", "messageid", "uid")
	if err != nil {
		return nil, err
	}
	_, hasList := p["addressIds"]
	_, hasSingle := p["addressid"]
	if hasList && hasSingle {
		return nil, Fail(297, "addressId and addressIds are mutually exclusive")
	}
	addresses := m.Addresses
	if hasList {
		list, err := addressIDList(p["addressIds"], func(id int) error {
			_, err := addressRecord(s, id)
			return err
		})
		if err != nil {
			return nil, err
		}
		addresses = apptUniq(list)
	}
	if hasSingle {
		n, ok := toInt(p["addressid"])
		if !ok {
			return nil, Fail(64, "addressId has wrong format")
		}
		addresses = []int{}
		if n != 0 {
			if _, err := addressRecord(s, n); err != nil {
				return nil, err
			}
			addresses = []int{n}
		}
	}
	estate := m.Estate
	if v, ok := p["estateid"]; ok {
		n, isInt := toInt(v)
		if !isInt {
			return nil, Fail(65, "estateId has wrong format")
		}
		if _, err := estateRecord(s, n); n != 0 && err != nil {
			return nil, err
		}
		estate = n
	}
	m.Addresses, m.Estate = addresses, estate
	return Success(""), nil
}

// ---------------------------------------------------------------------------
// Signatures

// mailSignature is one e-mail signature of the API user.
type mailSignature struct {
	ID      int
	Title   string
	Default bool
	Text    string
	HTML    string
}

// mailSignatures are the API user's signatures, built from his user record;
// id -1 is the company signature.
func mailSignatures(s *Store) []mailSignature {
	u := apptUser(s, SandboxAPIUserID)
	if u == nil {
		return nil
	}
	name := toText(u["Vorname"]) + " " + toText(u["Nachname"])
	office := apptPlace(toText(u["Strasse"]), toText(u["Hausnummer"]), toText(u["PLZ"]), toText(u["Ort"]), "")
	full := fmt.Sprintf("Mit freundlichen Grüßen\n\n%s\n%s\n%s\n\n%s\nTelefon %s · Mobil %s\n%s · %s",
		name, toText(u["PositionUnternehmen"]), seedAgency, office, toText(u["Telefon"]), toText(u["Mobil"]), toText(u["email"]), toText(u["Url"]))
	short := fmt.Sprintf("Viele Grüße\n%s\n%s", name, seedAgency)
	company := fmt.Sprintf("%s · Sitz Münster · Amtsgericht Münster HRB 18842\nGeschäftsführer: Michael Hansen, Thomas Kröger", seedAgency)
	html := func(text string) string {
		return "<p>" + strings.ReplaceAll(strings.ReplaceAll(text, "\n\n", "</p><p>"), "\n", "<br>") + "</p>"
	}
	return []mailSignature{
		{ID: 12, Title: "Standard " + seedAgency, Default: true, Text: full, HTML: html(full)},
		{ID: 15, Title: "Kurz (Antworten)", Text: short, HTML: html(short)},
		{ID: -1, Title: "Firmensignatur", Text: company, HTML: html(company)},
	}
}

func mailSignatureByID(s *Store, id int) *mailSignature {
	for _, sig := range mailSignatures(s) {
		if sig.ID == id {
			return &sig
		}
	}
	return nil
}

func getEmailSignature(s *Store, c *Call) (*Answer, error) {
	html := paramBool(c.Params, "ishtml")
	content := func(sig mailSignature) string {
		if html {
			return sig.HTML
		}
		return sig.Text
	}
	if c.ResourceID != "" {
		id, err := strconv.Atoi(c.ResourceID)
		if err != nil {
			return nil, Fail(279, "Unknown resourceId: %s", c.ResourceID)
		}
		sig := mailSignatureByID(s, id)
		if sig == nil {
			return nil, Fail(80, "Unknown signature: %d", id)
		}
		return &Answer{Records: []OutRecord{{ID: sig.ID, Type: "", Elements: map[string]any{
			"id": sig.ID, "title": sig.Title, "signature": content(*sig), "isdefault": sig.Default,
		}}}, Cacheable: true}, nil
	}
	if paramBool(c.Params, "getdefaultsignature") {
		for _, sig := range mailSignatures(s) {
			if sig.Default {
				return &Answer{Records: []OutRecord{{ID: 0, Type: "", Elements: map[string]any{"signature": content(sig)}}}, Cacheable: true}, nil
			}
		}
		return &Answer{Records: []OutRecord{}, Cacheable: true}, nil
	}
	var out []OutRecord
	for _, sig := range mailSignatures(s) {
		if sig.ID < 0 {
			continue // the company signature is read by its id
		}
		out = append(out, OutRecord{ID: sig.ID, Type: "", Elements: map[string]any{"id": sig.ID, "title": sig.Title, "isdefault": sig.Default}})
	}
	return &Answer{Records: out, Cacheable: true}, nil
}

// ---------------------------------------------------------------------------
// Template folders

func getEmailTemplateFolders(s *Store, c *Call) (*Answer, error) {
	el := map[string]any{}
	for _, f := range tplFolders {
		el[strconv.Itoa(f.ID)] = f.Name
	}
	return &Answer{Records: []OutRecord{{ID: len(tplFolders), Type: "", Elements: el}}}, nil
}
