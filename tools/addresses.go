package tools

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

func addressTools() []Tool {
	return []Tool{
		define("address_read", "Read addresses",
			"List or filter contacts, or read one by id. Without data: name, company, town, e-mail, phone; phone, mobile, email, fax in data give all entries.",
			readAddresses),
		withPreview(define("address_create", "Create address",
			"Create a contact: fields in data[[ (field_config_get, module address)]], phones and e-mails in their own arguments. Benutzer: the advisor's login or name.",
			createAddress), previewAddressCreate),
		withPreview(define("address_modify", "Modify address",
			"Change a contact: only the fields in data (a multiselect list replaces all keys); contacts changes phones and e-mails.",
			modifyAddress), previewAddressModify),
		define("address_search", "Search addresses",
			"Quick search in first name, surname, company, main e-mail and customer number; every word must match.",
			searchAddresses),
		define("address_file_list", "List address files",
			"List a contact's files (name, type, size, date), not their contents.",
			listAddressFiles),
		withPreview(define("address_file_download_link", "Create download link for address files",
			"Public download page for ALL of a contact's files, open to anyone with the link for 14 days: only to send them outside the CRM.",
			addressDownloadLink), previewAddressDownloadLink),
		define("address_completion_fields", "List address completion fields",
			"List the fields of the address completion form, with select keys.",
			addressCompletionFields),
		withPreview(define("address_completion_send", "Send address completion e-mail",
			"E-mail a contact a form for their contact data (modus1) or also a search profile (modus2); the answers change the address.",
			sendAddressCompletion), previewAddressCompletion),
		withPreview(define("newsletter_register", "Register or cancel newsletter",
			"Subscribe a contact to the newsletter (double opt-in sends a confirmation e-mail) or cancel it; sets newsletter_aktiv and logs an activity.",
			registerNewsletter), previewNewsletter),
		define("address_select_values", "List address select values",
			"List the keys and labels of one select field of addresses, e.g. Land, ArtDaten, HerkunftKontakt.",
			addressSelectValues),
		define("address_hierarchy_contacts", "List hierarchy contacts",
			"List the contacts below a company or person in the hierarchy that can receive e-mail.",
			addressHierarchyContacts),
	}
}

var defaultAddressFields = []string{"Anrede", "Vorname", "Name", "Zusatz1", "Ort", "defaultemail", "defaultphone"}

// addressPseudoFields are read-only names the address read accepts besides real fields.
var addressPseudoFields = []string{"phone", "mobile", "fax", "email", "defaultphone", "defaultfax", "defaultemail", "imageUrl"}

// AddressReadParams are the arguments of address_read.
type AddressReadParams struct {
	ID         int        `json:"id,omitempty" jsonschema:"minimum=1"`
	RecordIDs  []int      `json:"recordids,omitempty" jsonschema:"maxItems=500"`
	Data       []string   `json:"data,omitempty" jsonschema_description:"e.g. [\"Vorname\",\"Name\",\"Email\"]"`
	Filter     Filter     `json:"filter,omitempty"`
	FilterID   int        `json:"filterid,omitempty" jsonschema:"minimum=1" jsonschema_description:"Saved filter[[ (saved_filter_list)]]"`
	SortBy     SingleSort `json:"sortby,omitempty"`
	ListLimit  int        `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=500,default=20"`
	ListOffset int        `json:"listoffset,omitempty" jsonschema:"minimum=0,default=0"`
	CountryISO string     `json:"countryIsoCodeType,omitempty" jsonschema:"enum=ISO-3166-2,enum=ISO-3166-3" jsonschema_description:"Country as ISO code, not name"`
}

func readAddresses(ctx context.Context, env *Env, p AddressReadParams) (*Result, error) {
	lp := listParams{Data: p.Data, Filter: p.Filter, SortBy: SortBy(p.SortBy), ListLimit: p.ListLimit, ListOffset: p.ListOffset}.withDefaults(defaultAddressFields)
	if err := lp.check(ctx, env, "address", addressPseudoFields...); err != nil {
		return nil, err
	}
	params := map[string]any{}
	lp.apply(params)
	delete(params, "sortby")
	p.SortBy.wire(params)
	setIf(params, "recordids", p.RecordIDs, len(p.RecordIDs) > 0)
	setIf(params, "filterid", p.FilterID, p.FilterID > 0)
	setIf(params, "countryIsoCodeType", p.CountryISO, p.CountryISO != "")
	return lp.readList(ctx, env, "address", p.ID, params, condense.List{Noun: "addresses", Requested: lp.Data, IDField: "id", Tool: "address_read"}, p)
}

// ---------------------------------------------------------------------------
// Field values of create and modify

// FieldValues maps field names to the values to write.
type FieldValues map[string]any

// JSONSchema allows the value forms onOffice accepts: text, numbers,
// booleans and lists of select keys.
func (FieldValues) JSONSchema() *jsonschema.Schema {
	scalar := []*jsonschema.Schema{{Type: "string"}, {Type: "number"}, {Type: "boolean"}}
	return &jsonschema.Schema{
		Type: "object",
		AdditionalProperties: &jsonschema.Schema{AnyOf: append(append([]*jsonschema.Schema{}, scalar...),
			&jsonschema.Schema{Type: "array", Items: &jsonschema.Schema{AnyOf: scalar[:2]}})},
	}
}

// plainArg renders an argument value as onOffice reads it: text and
// numbers as text, booleans as 1/0, anything else as JSON.
func plainArg(v any) string {
	switch t := v.(type) {
	case nil, string, float64:
		return text(v)
	case bool:
		if t {
			return "1"
		}
		return "0"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// argDisplay renders an argument value for a preview line.
func argDisplay(v any) string {
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = plainArg(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if s := plainArg(v); s != "" {
		return s
	}
	return "(empty)"
}

// labelled renders a new value for a preview, select keys as their
// labels, yes/no in the preview's language.
func labelled(env *Env, fi *onoffice.FieldInfo, v any) string {
	if fi == nil || len(fi.Permitted) == 0 {
		return env.flag(fi, argDisplay(v))
	}
	label := func(e any) string {
		if l, ok := fi.Permitted[plainArg(e)]; ok {
			return l
		}
		return plainArg(e)
	}
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = label(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if plainArg(v) == "" {
		return "(empty)"
	}
	return label(v)
}

// ---------------------------------------------------------------------------
// address_create

// AddressCreateParams are the arguments of address_create. Phone numbers
// and e-mails are separate arguments because onOffice keeps them in a
// phone book of typed entries, not in plain fields.
type AddressCreateParams struct {
	Data                  FieldValues `json:"data,omitempty" jsonschema_description:"e.g. {\"Anrede\":\"Frau\",\"Name\":\"Roth\",\"Ort\":\"Köln\"}"`
	Phone                 string      `json:"phone,omitempty"`
	PhonePrivate          string      `json:"phone_private,omitempty"`
	PhoneBusiness         string      `json:"phone_business,omitempty"`
	Mobile                string      `json:"mobile,omitempty"`
	Fax                   string      `json:"fax,omitempty"`
	FaxPrivate            string      `json:"fax_private,omitempty"`
	FaxBusiness           string      `json:"fax_business,omitempty"`
	Email                 string      `json:"email,omitempty"`
	EmailPrivate          string      `json:"email_private,omitempty"`
	EmailBusiness         string      `json:"email_business,omitempty"`
	DefaultPhone          string      `json:"default_phone,omitempty" jsonschema_description:"Main one"`
	DefaultFax            string      `json:"default_fax,omitempty"`
	DefaultEmail          string      `json:"default_email,omitempty" jsonschema_description:"Main one"`
	CheckDuplicate        bool        `json:"checkDuplicate,omitempty" jsonschema_description:"Update the address with this e-mail instead"`
	NoOverrideByDuplicate bool        `json:"noOverrideByDuplicate,omitempty" jsonschema_description:"With checkDuplicate: leave it unchanged"`
}

// contactArgs lists the phone-book arguments with their group.
func (p AddressCreateParams) contactArgs() []contactArg {
	return []contactArg{
		{"phone", "phone", p.Phone}, {"phone_private", "phone", p.PhonePrivate}, {"phone_business", "phone", p.PhoneBusiness},
		{"mobile", "phone", p.Mobile},
		{"fax", "fax", p.Fax}, {"fax_private", "fax", p.FaxPrivate}, {"fax_business", "fax", p.FaxBusiness},
		{"email", "email", p.Email}, {"email_private", "email", p.EmailPrivate}, {"email_business", "email", p.EmailBusiness},
	}
}

type contactArg struct{ name, group, value string }

// contactFieldNames are names that belong in the contact arguments, not in data.
var contactFieldNames = map[string]string{
	"phone": "phone", "phone_private": "phone_private", "phone_business": "phone_business", "mobile": "mobile",
	"fax": "fax", "fax_private": "fax_private", "fax_business": "fax_business",
	"email": "email", "email_private": "email_private", "email_business": "email_business",
	"Email": "email", "Telefon1": "phone", "Telefax1": "fax", "Mobil": "mobile", "Handy": "mobile",
}

func (p AddressCreateParams) check(ctx context.Context, env *Env) error {
	for _, k := range keys(p.Data) {
		if arg, ok := contactFieldNames[k]; ok {
			return argErrorf("data."+k, "phone numbers and e-mails are separate arguments: use %s", arg)
		}
	}
	contacts := p.contactArgs()
	given := 0
	for _, c := range contacts {
		if c.value != "" {
			given++
			if c.group == "email" && !strings.Contains(c.value, "@") {
				return argErrorf(c.name, "%q is not an e-mail address", c.value)
			}
		}
	}
	if len(p.Data) == 0 && given == 0 {
		return argErrorf("data", "give at least one field value, phone number or e-mail")
	}
	for group, def := range map[string]string{"phone": p.DefaultPhone, "fax": p.DefaultFax, "email": p.DefaultEmail} {
		if def == "" {
			continue
		}
		found := false
		for _, c := range contacts {
			found = found || (c.group == group && c.value == def)
		}
		if !found {
			return argErrorf("default_"+group, "%q must equal one of the %s values given in this call", def, group)
		}
	}
	if p.NoOverrideByDuplicate && !p.CheckDuplicate {
		return argErrorf("noOverrideByDuplicate", "only works together with checkDuplicate")
	}
	if p.CheckDuplicate && p.Email == "" && p.EmailPrivate == "" && p.EmailBusiness == "" {
		return argErrorf("checkDuplicate", "the duplicate check compares e-mail addresses: give an e-mail too")
	}
	return checkData(ctx, env, "address", "data", p.Data)
}

func createAddress(ctx context.Context, env *Env, p AddressCreateParams) (*Result, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	params := map[string]any{}
	for k, v := range p.Data {
		params[k] = v
	}
	for _, c := range p.contactArgs() {
		if c.value != "" {
			params[c.name] = c.value
		}
	}
	for k, v := range map[string]string{"default_phone": p.DefaultPhone, "default_fax": p.DefaultFax, "default_email": p.DefaultEmail} {
		if v != "" {
			params[k] = v
		}
	}
	if p.CheckDuplicate {
		params["checkDuplicate"] = true
		if p.NoOverrideByDuplicate {
			params["noOverrideByDuplicate"] = true
		}
	}
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		return nil, fmt.Errorf("onOffice created the address but sent no id")
	}
	id := res.Records[0].IDString()
	text := fmt.Sprintf("Address %s created.", id)
	if p.CheckDuplicate {
		text = fmt.Sprintf("Address %s created, or the existing address %s with this e-mail was found (duplicate check)%s.", id, id,
			map[bool]string{true: " and left unchanged", false: " and updated"}[p.NoOverrideByDuplicate])
	}
	return withStructured(env, &Result{Text: text}, map[string]any{"id": id}), nil
}

func previewAddressCreate(ctx context.Context, env *Env, p AddressCreateParams) (*Preview, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	pv := &Preview{Target: env.say("new address", "neue Adresse")}
	if name := addressName(map[string]any(p.Data)); name != "" {
		pv.Target += fmt.Sprintf(" %q", name)
	}
	mf := moduleFields(ctx, env, "address")
	for _, k := range keys(p.Data) {
		pv.Changes = append(pv.Changes, k+": "+labelled(env, fieldOf(mf, k), p.Data[k]))
	}
	defaults := map[string]string{"phone": p.DefaultPhone, "fax": p.DefaultFax, "email": p.DefaultEmail}
	for _, c := range p.contactArgs() {
		if c.value == "" {
			continue
		}
		line := c.name + ": " + c.value
		if defaults[c.group] == c.value {
			line += env.say(" (main)", " (Standard)")
		}
		pv.Changes = append(pv.Changes, line)
	}
	if p.CheckDuplicate {
		if p.NoOverrideByDuplicate {
			pv.Changes = append(pv.Changes, env.say("duplicate check: if an address with this e-mail exists, nothing is created or changed",
				"Dublettenprüfung: gibt es schon eine Adresse mit dieser E-Mail, wird nichts angelegt oder geändert"))
		} else {
			pv.Changes = append(pv.Changes, env.say("duplicate check: if an address with this e-mail exists, it is updated with these values instead",
				"Dublettenprüfung: gibt es schon eine Adresse mit dieser E-Mail, wird stattdessen sie mit diesen Werten aktualisiert"))
		}
	}
	return pv, nil
}

// ---------------------------------------------------------------------------
// address_modify

// AddressModifyParams are the arguments of address_modify. onOffice takes
// one change object per phone-book key (phone, email_business …); a list of
// changes with the key as "kind" keeps the schema to one object type.
type AddressModifyParams struct {
	ID       int             `json:"id" jsonschema:"required,minimum=1"`
	Data     FieldValues     `json:"data,omitempty"`
	Contacts []ContactChange `json:"contacts,omitempty" jsonschema:"maxItems=10" jsonschema_description:"At most one change per kind"`
}

// ContactChange is one change of the phone book.
type ContactChange struct {
	Kind     string `json:"kind" jsonschema:"required,enum=phone,enum=phone_private,enum=phone_business,enum=mobile,enum=fax,enum=fax_private,enum=fax_business,enum=email,enum=email_private,enum=email_business"`
	Action   string `json:"action" jsonschema:"required,enum=add,enum=modify,enum=delete"`
	OldValue string `json:"oldvalue,omitempty" jsonschema_description:"For modify, delete"`
	NewValue string `json:"newvalue,omitempty" jsonschema_description:"For add, modify"`
	Default  bool   `json:"default,omitempty" jsonschema_description:"Main entry"`
}

func (p AddressModifyParams) check(ctx context.Context, env *Env) error {
	if len(p.Data) == 0 && len(p.Contacts) == 0 {
		return argErrorf("data", "give the fields to change in data, or phone/e-mail changes in contacts")
	}
	for _, k := range keys(p.Data) {
		if arg, ok := contactFieldNames[k]; ok {
			return argErrorf("data."+k, "change phone numbers and e-mails with contacts (kind %s)", arg)
		}
	}
	seen := map[string]bool{}
	for i, c := range p.Contacts {
		arg := fmt.Sprintf("contacts.%d", i)
		if seen[c.Kind] {
			return argErrorf(arg, "only one change per kind (%s) in one call; make a second call for the next", c.Kind)
		}
		seen[c.Kind] = true
		switch c.Action {
		case "add":
			if c.NewValue == "" {
				return argErrorf(arg+".newvalue", "is required to add an entry")
			}
		case "modify":
			if c.OldValue == "" {
				return argErrorf(arg+".oldvalue", "names the entry to change and is required")
			}
			if c.NewValue == "" && !c.Default {
				return argErrorf(arg+".newvalue", "give the new value, or default true to make the entry the main one")
			}
		case "delete":
			if c.OldValue == "" {
				return argErrorf(arg+".oldvalue", "names the entry to delete and is required")
			}
		}
		if strings.HasPrefix(c.Kind, "email") && c.NewValue != "" && !strings.Contains(c.NewValue, "@") {
			return argErrorf(arg+".newvalue", "%q is not an e-mail address", c.NewValue)
		}
	}
	if len(p.Data) == 0 {
		return nil
	}
	return checkData(ctx, env, "address", "data", p.Data)
}

func (c ContactChange) wire() map[string]any {
	m := map[string]any{"action": c.Action}
	if c.OldValue != "" {
		m["oldvalue"] = c.OldValue
	}
	if c.NewValue != "" {
		m["newvalue"] = c.NewValue
	}
	if c.Default {
		m["default"] = true
	}
	return m
}

func (c ContactChange) describe() string {
	s := c.Kind + ": "
	switch c.Action {
	case "add":
		s += "add " + c.NewValue
	case "delete":
		s += "delete " + c.OldValue
	default:
		if c.NewValue != "" {
			s += c.OldValue + " → " + c.NewValue
		} else {
			s += c.OldValue
		}
	}
	if c.Default {
		s += " (as main entry)"
	}
	return s
}

func modifyAddress(ctx context.Context, env *Env, p AddressModifyParams) (*Result, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	params := map[string]any{}
	for k, v := range p.Data {
		params[k] = v
	}
	for _, c := range p.Contacts {
		params[c.Kind] = c.wire()
	}
	_, err := env.call(ctx, strconv.Itoa(p.ID), params)
	if err != nil {
		return nil, err
	}
	changed := keys(p.Data)
	for _, c := range p.Contacts {
		changed = append(changed, c.Kind+" ("+c.Action+")")
	}
	return condense.Text("Address %d modified: %s.", p.ID, strings.Join(changed, ", ")), nil
}

func previewAddressModify(ctx context.Context, env *Env, p AddressModifyParams) (*Preview, error) {
	if err := p.check(ctx, env); err != nil {
		return nil, err
	}
	target, el, err := addressTarget(ctx, env, "id", p.ID, keys(p.Data)...)
	if err != nil {
		return nil, err
	}
	pv := &Preview{Target: target, RecordID: strconv.Itoa(p.ID)}
	pv.fieldChanges(env, moduleFields(ctx, env, "address"), el, keys(p.Data), func(fi *onoffice.FieldInfo, k string) string {
		return labelled(env, fi, p.Data[k])
	})
	for _, c := range p.Contacts {
		pv.Changes = append(pv.Changes, c.describe())
	}
	if note := newsletterNote(env, p.Data); note != "" {
		pv.Changes = append(pv.Changes, note)
	}
	return pv, nil
}

// newsletterNote warns when a write subscribes a contact to the newsletter
// directly: that skips the double opt-in e-mail with which German law
// (UWG § 7, proof of consent under the GDPR) expects the consent to be
// confirmed; newsletter_register sends it.
func newsletterNote(env *Env, data map[string]any) string {
	if plainArg(data["newsletter_aktiv"]) != "1" {
		return ""
	}
	note := "legal note: setting newsletter_aktiv to 1 subscribes the contact without the double opt-in e-mail German law expects as proof of consent. "
	reg, _ := Lookup("newsletter_register")
	sel := env.Selection
	switch sel.Reach(reg) {
	case Listed:
		return note + "Use newsletter_register instead (it sends that e-mail), unless the consent is already documented."
	case ViaDiscovery:
		return note + "Use newsletter_register instead (through " + RunToolName + "; it sends that e-mail), unless the consent is already documented."
	}
	why := "its tool selection"
	switch {
	case sel.ReadOnly:
		why = "--read-only"
	case sel.DisableDestructive:
		why = "--disable-destructive"
	case slices.Contains(sel.ExcludeTools, reg.Name):
		why = "--exclude-tools"
	}
	return note + fmt.Sprintf("The lawful path, newsletter_register (it sends that e-mail), is switched off by this server's configuration (%s); only write this with consent already documented, or ask the administrator to allow newsletter_register.", why)
}

// ---------------------------------------------------------------------------
// address_search

// AddressSearchParams are the arguments of address_search.
type AddressSearchParams struct {
	Input              string   `json:"input" jsonschema:"required,minLength=2" jsonschema_description:"e.g. \"Roth Köln\" or a customer number"`
	IncludeContactData bool     `json:"includecontactdata,omitempty" jsonschema_description:"Also all e-mails and phones"`
	CaseSensitive      bool     `json:"casesensitive,omitempty"`
	SearchParameter    []string `json:"searchparameter,omitempty" jsonschema_description:"Fields to search instead, e.g. [\"Ort\"]"`
	ListLimit          int      `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=500,default=20"`
	SortBy             string   `json:"sortby,omitempty" jsonschema:"enum=KdNr,enum=Vorname,enum=Name,enum=Zusatz1,enum=contactCategory,enum=Email"`
	SortOrder          string   `json:"sortorder,omitempty" jsonschema:"enum=ASC,enum=DESC"`
}

var addressSearchFields = []string{"customerno", "firstname", "surname", "company", "addressDescription", "primaryEmail", "emailaddress"}

func searchAddresses(ctx context.Context, env *Env, p AddressSearchParams) (*Result, error) {
	if strings.TrimSpace(p.Input) == "" {
		return nil, argErrorf("input", "must contain a search word")
	}
	if err := checkFields(ctx, env, "address", "searchparameter", p.SearchParameter); err != nil {
		return nil, err
	}
	if p.SortOrder != "" && p.SortBy == "" {
		return nil, argErrorf("sortorder", "needs sortby")
	}
	limit := cmp.Or(p.ListLimit, 20)
	params := map[string]any{"input": p.Input, "listlimit": limit}
	setIf(params, "includecontactdata", true, p.IncludeContactData)
	setIf(params, "casesensitive", true, p.CaseSensitive)
	setIf(params, "searchparameter", p.SearchParameter, len(p.SearchParameter) > 0)
	if p.SortBy != "" {
		params["sortby"] = p.SortBy
		params["sortorder"] = "ASC"
		setIf(params, "sortorder", p.SortOrder, p.SortOrder != "")
	}
	res, err := env.call(ctx, "address", params)
	if err != nil {
		return nil, err
	}
	out := condense.Records(res, condense.List{Noun: "matching addresses", Requested: addressSearchFields}, env.Render)
	if res.Total > len(res.Records) && !env.Render.Raw {
		// Replace the count line: the search has no offset, so say how to narrow it.
		_, rest, _ := strings.Cut(out.Text, "\n")
		out.Text = fmt.Sprintf("%d of %d matching addresses shown; add words to narrow the search or raise listlimit.\n%s", len(res.Records), res.Total, rest)
	}
	return out, nil
}

// ---------------------------------------------------------------------------
// address files

// AddressFileListParams are the arguments of address_file_list.
type AddressFileListParams struct {
	AddressID  int `json:"addressid" jsonschema:"required,minimum=1"`
	FileID     int `json:"fileid,omitempty" jsonschema:"minimum=1"`
	ListLimit  int `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=100,default=20"`
	ListOffset int `json:"listoffset,omitempty" jsonschema:"minimum=0"`
}

var addressFileFields = []string{"name", "type", "originalname", "fileSize", "date", "modified", "filename"}

func listAddressFiles(ctx context.Context, env *Env, p AddressFileListParams) (*Result, error) {
	limit := cmp.Or(p.ListLimit, 20)
	params := map[string]any{"addressid": p.AddressID}
	if p.FileID > 0 {
		params["fileid"] = p.FileID
	} else {
		paging{limit: limit, offset: p.ListOffset}.apply(params)
	}
	res, err := env.call(ctx, "address", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	// The base64 content of a single file is of no use in a chat: leave it
	// out and say how large it is.
	editRecords(&res, func(_ string, el map[string]any) bool {
		if content, ok := el["content"].(string); ok {
			delete(el, "content")
			el["content"] = fmt.Sprintf("not shown (%d bytes)", len(content)*3/4)
		}
		unixDate(el, "modified")
		return true
	})
	l := condense.List{Noun: "files", Requested: addressFileFields}
	if p.FileID == 0 {
		l.Page = paging{limit: limit, offset: p.ListOffset}.page(p)
	}
	return condense.Records(res, l, env.Render), nil
}

// AddressDownloadLinkParams are the arguments of address_file_download_link.
type AddressDownloadLinkParams struct {
	AddressID int    `json:"addressid" jsonschema:"required,minimum=1"`
	Language  string `json:"language,omitempty" jsonschema:"pattern=^[A-Z]{3}$"`
}

func addressDownloadLink(ctx context.Context, env *Env, p AddressDownloadLinkParams) (*Result, error) {
	params := map[string]any{"addressid": p.AddressID}
	setIf(params, "language", p.Language, p.Language != "")
	res, err := env.call(ctx, "address", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	var url string
	for _, rec := range res.Records {
		var list []string
		if json.Unmarshal(rec.Elements, &list) == nil && len(list) > 0 {
			url = list[0]
		}
	}
	if url == "" {
		return nil, fmt.Errorf("onOffice sent no download link")
	}
	return withStructured(env, condense.Text("Download page for the files of address %d (valid 14 days, open to anyone with the link): %s", p.AddressID, url),
		map[string]any{"url": url}), nil
}

func previewAddressDownloadLink(ctx context.Context, env *Env, p AddressDownloadLinkParams) (*Preview, error) {
	target, _, err := addressTarget(ctx, env, "addressid", p.AddressID)
	if err != nil {
		return nil, err
	}
	files := env.say("all files", "allen Dateien")
	res, err := env.API.Call(ctx, rowOf("address_file_list").request("address", map[string]any{"addressid": p.AddressID, "listlimit": 1}))
	if err == nil && res.Total >= 0 {
		files = fmt.Sprintf(env.say("all %d files", "allen %d Dateien"), res.Total)
	}
	return &Preview{Target: target, RecordID: strconv.Itoa(p.AddressID), Changes: []string{
		fmt.Sprintf(env.say("creates a public download page with %s of this address", "erzeugt eine öffentliche Download-Seite mit %s dieser Adresse"), files),
		env.say("anyone who gets the link can download them for 14 days", "wer den Link erhält, kann sie 14 Tage lang herunterladen"),
	}}, nil
}

// ---------------------------------------------------------------------------
// address completion

// AddressCompletionFieldsParams are the (no) arguments of address_completion_fields.
type AddressCompletionFieldsParams struct{}

func addressCompletionFields(ctx context.Context, env *Env, _ AddressCompletionFieldsParams) (*Result, error) {
	res, err := env.call(ctx, "", nil)
	if err != nil {
		return nil, err
	}
	return categoryFields(res, env, "address completion fields", nil), nil
}

// categoryField is one entry of the fields list of a category record
// (address completion fields, search criteria fields).
type categoryField struct {
	ID                     string            `json:"id"`
	Name                   string            `json:"name"`
	Type                   string            `json:"type"`
	Values                 map[string]string `json:"values"`
	Default                any               `json:"default"`
	KO                     any               `json:"ko"`
	RangeField             any               `json:"rangefield"`
	Mandatory              any               `json:"mandatory"`
	Vermarktungsarten      string            `json:"vermarktungsarten"`
	Objektarten            string            `json:"objektarten"`
	Nutzungsarten          string            `json:"nutzungsarten"`
	AdditionalTranslations map[string]string `json:"additionalTranslations"`
}

// categoryFields renders category records: one header per category, one
// line per field with its type and select keys.
func categoryFields(res onoffice.Result, env *Env, noun string, extra func(f categoryField) []string) *Result {
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}
	}
	var b strings.Builder
	structured := []any{}
	n := 0
	for _, rec := range res.Records {
		var el struct {
			Name   string          `json:"name"`
			Fields []categoryField `json:"fields"`
		}
		if json.Unmarshal(rec.Elements, &el) != nil {
			continue
		}
		fmt.Fprintf(&b, "%s:\n", el.Name)
		for _, f := range el.Fields {
			n++
			typ := strings.TrimPrefix(f.Type, onoffice.DataTypePrefix)
			line := fmt.Sprintf("- %s (%s) %s", f.ID, f.Name, typ)
			if extra != nil {
				if more := extra(f); len(more) > 0 {
					line += " " + strings.Join(more, " ")
				}
			}
			if len(f.Values) > 0 {
				line += keysClause(f.Values)
			}
			b.WriteString(line + "\n")
		}
		structured = append(structured, map[string]any{"name": el.Name, "fields": el.Fields})
	}
	if n == 0 {
		return &Result{Text: "No " + noun + " are configured."}
	}
	out := &Result{Text: fmt.Sprintf("%d %s. Format: id (label) type [keys: key=label]\n%s", n, noun, strings.TrimRight(b.String(), "\n"))}
	return withStructured(env, out, map[string]any{"categories": structured})
}

// AddressCompletionSendParams are the arguments of address_completion_send.
type AddressCompletionSendParams struct {
	AddressID     int    `json:"addressId" jsonschema:"required,minimum=1"`
	Mode          string `json:"mode" jsonschema:"required,enum=modus1,enum=modus2"`
	EmailIdentity string `json:"emailidentity,omitempty" jsonschema:"format=email" jsonschema_description:"Default: your standard sender"`
}

func sendAddressCompletion(ctx context.Context, env *Env, p AddressCompletionSendParams) (*Result, error) {
	params := map[string]any{"addressId": p.AddressID, "mode": p.Mode}
	setIf(params, "emailidentity", p.EmailIdentity, p.EmailIdentity != "")
	if _, err := env.call(ctx, "", params); err != nil {
		return nil, err
	}
	return condense.Text("Address completion e-mail (%s) sent to address %d.", p.Mode, p.AddressID), nil
}

func previewAddressCompletion(ctx context.Context, env *Env, p AddressCompletionSendParams) (*Preview, error) {
	target, el, err := addressTarget(ctx, env, "addressId", p.AddressID, "defaultemail")
	if err != nil {
		return nil, err
	}
	to, _ := el["defaultemail"].(string)
	if to == "" {
		return nil, argErrorf("addressId", "address %d has no e-mail address, so no completion e-mail can be sent", p.AddressID)
	}
	what := env.say("their contact data", "seine Kontaktdaten")
	if p.Mode == "modus2" {
		what = env.say("their contact data and search profile", "seine Kontaktdaten und sein Suchprofil")
	}
	from := env.say("the API user's standard sender address", "der Standard-Absenderadresse des API-Benutzers")
	if p.EmailIdentity != "" {
		from = p.EmailIdentity
	}
	return &Preview{Target: target, RecordID: strconv.Itoa(p.AddressID), Changes: []string{
		fmt.Sprintf(env.say("sends an e-mail to %s from %s", "sendet eine E-Mail an %s von %s"), to, from),
		fmt.Sprintf(env.say("with a link to a form where the contact completes %s; their answers will change the record",
			"mit einem Link zu einem Formular, in dem der Kontakt %s ergänzt; seine Angaben ändern den Datensatz"), what),
	}}, nil
}

// ---------------------------------------------------------------------------
// newsletter

// NewsletterRegisterParams are the arguments of newsletter_register.
type NewsletterRegisterParams struct {
	ID       int  `json:"id" jsonschema:"required,minimum=1"`
	Register bool `json:"register" jsonschema:"required" jsonschema_description:"true subscribes, false cancels"`
}

func registerNewsletter(ctx context.Context, env *Env, p NewsletterRegisterParams) (*Result, error) {
	_, err := env.call(ctx, strconv.Itoa(p.ID), map[string]any{"register": p.Register})
	if err != nil {
		return nil, err
	}
	what := "cancelled"
	if p.Register {
		what = "registered"
	}
	text := fmt.Sprintf("Newsletter %s for address %d.", what, p.ID)
	// Read the resulting state back: it tells whether a double opt-in is pending.
	if el, err := readAddress(ctx, env, p.ID, []string{"newsletter_aktiv"}); err == nil && el != nil {
		fi := fieldOf(moduleFields(ctx, env, "address"), "newsletter_aktiv")
		if v, ok := condense.Value(fi, el["newsletter_aktiv"]); ok {
			text += " newsletter_aktiv is now: " + v + "."
		}
	}
	return condense.Text("%s", text), nil
}

func previewNewsletter(ctx context.Context, env *Env, p NewsletterRegisterParams) (*Preview, error) {
	target, el, err := addressTarget(ctx, env, "id", p.ID, "newsletter_aktiv", "defaultemail")
	if err != nil {
		return nil, err
	}
	before := storedText(env, fieldOf(moduleFields(ctx, env, "address"), "newsletter_aktiv"), el["newsletter_aktiv"])
	pv := &Preview{Target: target, RecordID: strconv.Itoa(p.ID)}
	to, _ := el["defaultemail"].(string)
	if p.Register {
		if to == "" {
			return nil, argErrorf("id", "address %d has no e-mail address and cannot receive the newsletter", p.ID)
		}
		pv.Changes = append(pv.Changes,
			"newsletter_aktiv: "+before+env.say(" → yes, or double opt-in pending when double opt-in is active", " → ja, oder Double-Opt-In ausstehend, wenn Double-Opt-In aktiv ist"),
			env.say("with double opt-in, a confirmation e-mail goes to ", "mit Double-Opt-In geht eine Bestätigungs-E-Mail an ")+to)
	} else {
		pv.Changes = append(pv.Changes, "newsletter_aktiv: "+before+env.say(" → cancellation", " → Abmeldung"))
	}
	pv.Changes = append(pv.Changes, env.say("an activity (Newsletter) is written to the address", "eine Aktivität (Newsletter) wird zur Adresse geschrieben"))
	return pv, nil
}

// ---------------------------------------------------------------------------
// select values and hierarchy

// AddressSelectValuesParams are the arguments of address_select_values.
type AddressSelectValuesParams struct {
	FieldName string `json:"fieldname" jsonschema:"required"`
}

func addressSelectValues(ctx context.Context, env *Env, p AddressSelectValuesParams) (*Result, error) {
	if err := checkFields(ctx, env, "address", "fieldname", []string{p.FieldName}); err != nil {
		return nil, err
	}
	if mf := moduleFields(ctx, env, "address"); mf != nil {
		// A name the configuration does not describe is onOffice's to judge.
		if f, ok := mf.Lookup(p.FieldName); ok && f.Type != "" && f.Type != "singleselect" && f.Type != "multiselect" {
			var selects []string
			for _, n := range mf.Names() {
				if t := mf.Fields[n].Type; t == "singleselect" || t == "multiselect" {
					selects = append(selects, n)
				}
			}
			return nil, argErrorf("fieldname", "%s is a %s field, not a select field; select fields: %s", p.FieldName, f.Type, strings.Join(selects, ", "))
		}
	}
	res, err := env.call(ctx, "fieldvalues", map[string]any{"fieldname": p.FieldName})
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	var b strings.Builder
	values := map[string]string{}
	for _, rec := range res.Records {
		el := rec.Fields()
		title, _ := el["title"].(string)
		values[rec.IDString()] = title
		fmt.Fprintf(&b, "\n- %s = %s", rec.IDString(), title)
	}
	out := &Result{Text: fmt.Sprintf("%s: %d permitted keys (key = label)%s", p.FieldName, len(res.Records), b.String())}
	return withStructured(env, out, map[string]any{"field": p.FieldName, "values": values}), nil
}

// AddressHierarchyParams are the arguments of address_hierarchy_contacts.
type AddressHierarchyParams struct {
	ID int `json:"id" jsonschema:"required,minimum=1"`
}

func addressHierarchyContacts(ctx context.Context, env *Env, p AddressHierarchyParams) (*Result, error) {
	return listCall(ctx, env, env.request(strconv.Itoa(p.ID), nil),
		condense.List{Noun: "hierarchy contacts", IDField: "id", Requested: []string{"firstname", "surname", "company", "primaryEmail", "customerno"}})
}
