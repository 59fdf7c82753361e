package sandbox

import (
	"encoding/base64"
	"fmt"
	"maps"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

func addressRoutes() []Route {
	return []Route{
		{Verb: onoffice.VerbRead, ResourceType: "address", Handle: readAddresses},
		{Verb: onoffice.VerbCreate, ResourceType: "address", Handle: createAddress},
		{Verb: onoffice.VerbModify, ResourceType: "address", Handle: modifyAddress},
		{Verb: onoffice.VerbGet, ResourceType: "search", ResourceID: "address", Handle: searchAddresses},
		{Verb: onoffice.VerbGet, ResourceType: "file", ResourceID: "address", Handle: getAddressFiles},
		{Verb: onoffice.VerbGet, ResourceType: "downloadFiles", Handle: getAddressDownloadLink},
		{Verb: onoffice.VerbGet, ResourceType: "addressCompletionFields", Handle: getAddressCompletionFields},
		{Verb: onoffice.VerbDo, ResourceType: "sendaddresscompletion", Handle: sendAddressCompletion},
		{Verb: onoffice.VerbDo, ResourceType: "registerNewsletter", Handle: registerNewsletter},
		{Verb: onoffice.VerbGet, ResourceType: "confignewaddressfields", Handle: getAddressSelectValues},
		{Verb: onoffice.VerbGet, ResourceType: "addressHierarchyContacts", Handle: getAddressHierarchyContacts},
	}
}

// phoneEntry is one entry of an address's phone book (phone, mobile, fax or e-mail).
type phoneEntry struct {
	ID      int
	Kind    string // phone, mobile, fax, email
	Type    string // "", private, business
	Value   string
	Default bool
	Comment string
}

// group is the set of entries among which one is the default: a mobile
// number can be the main phone number.
func (e phoneEntry) group() string {
	if e.Kind == "mobile" {
		return "phone"
	}
	return e.Kind
}

const phonebookKey = "_phonebook"

// phonebook returns the address's entries, deriving them once from the
// plain contact fields of the seed data.
func phonebook(s *Store, r Record) []phoneEntry {
	if pb, ok := r[phonebookKey].([]phoneEntry); ok {
		return pb
	}
	var pb []phoneEntry
	add := func(kind, typ, field string) {
		if v, _ := r[field].(string); v != "" {
			pb = append(pb, phoneEntry{Kind: kind, Type: typ, Value: v})
		}
	}
	add("email", "", "Email")
	add("email", "business", "Email2")
	add("phone", "", "Telefon1")
	add("phone", "business", "Telefon2")
	add("mobile", "", "Mobil")
	add("mobile", "", "Handy")
	add("fax", "", "Telefax1")
	for i := range pb {
		pb[i].ID = nextPhoneID(s)
	}
	markFirstDefaults(pb)
	r[phonebookKey] = pb
	return pb
}

func nextPhoneID(s *Store) int {
	n, _ := s.Extra["phonebookSeq"].(int)
	if n == 0 {
		n = 20000
	}
	n++
	s.Extra["phonebookSeq"] = n
	return n
}

var addressPseudo = map[string]bool{
	"phone": true, "mobile": true, "fax": true, "email": true,
	"defaultphone": true, "defaultfax": true, "defaultemail": true, "imageUrl": true, "mobileUrl": true,
}

func readAddresses(s *Store, c *Call) (*Answer, error) {
	spec := ListSpec{
		Table:            "address",
		FieldModule:      "address",
		RecordType:       "address",
		UnknownFieldCode: 75,
		IDInElements:     "id",
		Pseudo: func(r Record, name string, out map[string]any) bool {
			if !addressPseudo[name] {
				return false
			}
			if len(r) == 0 {
				return true // name check only
			}
			addressPseudoValue(s, r, name, out)
			return true
		},
	}
	ids, err := paramInts(c.Params, "recordids")
	if err != nil {
		return nil, err
	}
	if len(ids) > 0 {
		want := map[int]bool{}
		for _, id := range ids {
			want[id] = true
		}
		spec.Include = func(r Record) bool { return want[idOf(r)] }
	}
	if paramBool(c.Params, "addMobileUrl") {
		spec.Decorate = func(r Record, out map[string]any) { addressPseudoValue(s, r, "mobileUrl", out) }
	}
	iso, err := paramString(c.Params, "countryIsoCodeType")
	if err != nil {
		return nil, err
	}
	ans, err := readList(s, c, spec)
	if err != nil {
		return nil, err
	}
	if iso != "" || !paramBool(c.Params, "formatoutput") {
		// Country comes back as its German name unless an ISO type is asked for.
		for _, rec := range ans.Records {
			el := rec.Elements.(map[string]any)
			if land, ok := el["Land"].(string); ok {
				el["Land"] = countryCode(land, iso)
			}
		}
	}
	return ans, nil
}

func addressPseudoValue(s *Store, r Record, name string, out map[string]any) {
	pb := phonebook(s, r)
	switch name {
	case "phone", "mobile", "fax", "email":
		for _, e := range pb {
			// "phone" lists every phone entry except mobiles, as documented.
			if e.Kind != name {
				continue
			}
			key := name + "__" + strconv.Itoa(e.ID)
			out[key] = e.Value
			out[key+"__Comment"] = e.Comment
		}
	case "defaultphone", "defaultfax", "defaultemail":
		out[name] = defaultEntry(pb, strings.TrimPrefix(name, "default"))
	case "imageUrl":
		out[name] = ""
	case "mobileUrl":
		out[name] = "https://smart.onoffice.de/mobile/address/" + strconv.Itoa(idOf(r))
	}
}

// defaultEntry is the value of the main entry of a group, or "".
func defaultEntry(pb []phoneEntry, group string) string {
	for _, e := range pb {
		if e.group() == group && e.Default {
			return e.Value
		}
	}
	return ""
}

var countries = []struct{ iso3, iso2, name string }{
	{"DEU", "DE", "Deutschland"}, {"AUT", "AT", "Österreich"}, {"CHE", "CH", "Schweiz"},
	{"FRA", "FR", "Frankreich"}, {"NLD", "NL", "Niederlande"}, {"ITA", "IT", "Italien"},
	{"ESP", "ES", "Spanien"}, {"POL", "PL", "Polen"}, {"DNK", "DK", "Dänemark"},
	{"BEL", "BE", "Belgien"}, {"LUX", "LU", "Luxemburg"}, {"GBR", "GB", "Vereinigtes Königreich"},
	{"CZE", "CZ", "Tschechien"}, {"USA", "US", "Vereinigte Staaten"}, {"TUR", "TR", "Türkei"},
}

// countryName renders a country key or name as its German name.
func countryName(v string) string { return countryCode(v, "") }

// countryCode renders a stored country (ISO alpha-3 key) as the ISO type
// asked for, or as its German name when isoType is empty or unknown.
func countryCode(v, isoType string) string {
	for _, c := range countries {
		if strings.EqualFold(v, c.iso3) || strings.EqualFold(v, c.name) {
			switch isoType {
			case "ISO-3166-2":
				return c.iso2
			case "ISO-3166-3":
				return c.iso3
			}
			return c.name
		}
	}
	return v
}

// addressControl are create/modify parameters that are not fields.
var addressControl = map[string]bool{"checkDuplicate": true, "noOverrideByDuplicate": true, "outlookSync": true}

var phoneParams = map[string][2]string{
	"phone": {"phone", ""}, "phone_private": {"phone", "private"}, "phone_business": {"phone", "business"},
	"mobile": {"mobile", ""},
	"fax":    {"fax", ""}, "fax_private": {"fax", "private"}, "fax_business": {"fax", "business"},
	"email": {"email", ""}, "email_private": {"email", "private"}, "email_business": {"email", "business"},
}

var addressWrite = WriteSpec{FieldModule: "address", UnknownFieldCode: 75}

func createAddress(s *Store, c *Call) (*Answer, error) {
	t := s.Table("address")
	r := Record{}
	fieldData, phones, login, err := addressParams(s, c.Params)
	if err != nil {
		return nil, err
	}
	if err := applyAddressData(s, r, fieldData, login); err != nil {
		return nil, err
	}
	var pb []phoneEntry
	for _, name := range sortedKeys(phones) {
		v, ok := phones[name].(string)
		if !ok {
			return nil, Fail(227, "Element/parameter %s must be a string", name)
		}
		e, err := newPhoneEntry(s, name, v)
		if err != nil {
			return nil, err
		}
		pb = append(pb, e)
	}
	for _, group := range []string{"phone", "fax", "email"} {
		def, err := paramString(c.Params, "default_"+group)
		if err != nil {
			return nil, err
		}
		if def == "" {
			continue
		}
		found := false
		for i := range pb {
			if pb[i].Value == def && pb[i].group() == group && !found {
				pb[i].Default, found = true, true
			}
		}
		if !found {
			if group == "phone" {
				return nil, Fail(260, "The default phone must also be sent as a normal, private, business or mobile entry")
			}
			return nil, Fail(258, "The default entry must also be sent as a normal, private or business entry")
		}
	}
	markFirstDefaults(pb)

	if paramBool(c.Params, "checkDuplicate") {
		for _, e := range pb {
			if e.Kind != "email" {
				continue
			}
			if dup := findByEmail(s, e.Value); dup != nil {
				if !paramBool(c.Params, "noOverrideByDuplicate") {
					if err := applyAddressData(s, dup, fieldData, login); err != nil {
						return nil, err
					}
					dup["Aenderung"] = stamp(c.Now)
				}
				return created(idOf(dup), "address"), nil
			}
		}
	}
	for _, name := range s.FieldOrder["address"] {
		if f := s.Fields["address"][name]; r[name] == nil && f.Default != nil && !f.ReadOnly {
			r[name] = f.Default
		}
	}
	if r["KdNr"] == nil {
		r["KdNr"] = nextCustomerNumber(t)
	}
	id := t.Insert(r)
	r[phonebookKey] = pb
	syncContactFields(r)
	r["uuid"] = newUUID("address", id)
	r["Aenderung"] = stamp(c.Now)
	r["Eintragsdatum"] = c.Now.Format("2006-01-02")
	return created(id, "address"), nil
}

func nextCustomerNumber(t *Table) int {
	max := 0
	for _, r := range t.Records {
		if n, ok := r["KdNr"].(int); ok && n > max {
			max = n
		}
	}
	return max + 1
}

// normalizeAddressData resolves the values the API accepts in another form
// than it stores: the country by name or ISO code, and the integer fields
// with a closed set of values. The support user (Benutzer) is given by
// login name; it is taken out of data and returned as the stored name.
func normalizeAddressData(s *Store, data map[string]any) (string, error) {
	fields := s.Fields["address"]
	login := ""
	for _, name := range sortedKeys(data) {
		v := data[name]
		f, ok := fields[name]
		if !ok || v == nil {
			continue
		}
		switch {
		case name == "Benutzer":
			delete(data, name)
			given := toText(v)
			if given == "" {
				continue
			}
			u := userByLogin(s, given)
			if u == nil {
				return "", Fail(251, "Unknown user: %s", given)
			}
			login = toText(u["Name"])
		case name == "Land":
			key, ok := countryKey(f, toText(v))
			if !ok {
				return "", Fail(77, "Invalid singleselect key for Land: %s", toText(v))
			}
			data[name] = key
		case f.Type == "integer" && len(f.Permitted) > 0:
			n, ok := toInt(v)
			if !ok || !permitted(f, strconv.Itoa(n)) {
				return "", Fail(255, "Invalid value for %s: %s", name, toText(v))
			}
			data[name] = n
		}
	}
	return login, nil
}

// countryKey finds the ISO alpha-3 key of a country given by key or name.
func countryKey(f *Field, v string) (string, bool) {
	if v == "" {
		return "", true
	}
	for _, o := range f.Permitted {
		if strings.EqualFold(o.Key, v) || strings.EqualFold(o.Label["DEU"], v) || strings.EqualFold(o.Label["ENG"], v) {
			return o.Key, true
		}
	}
	for _, c := range countries {
		if strings.EqualFold(c.name, v) && permitted(f, c.iso3) {
			return c.iso3, true
		}
	}
	return "", false
}

// applyAddressData writes normalized field data and the support user.
func applyAddressData(s *Store, r Record, data map[string]any, login string) error {
	if err := applyData(s, addressWrite, r, data); err != nil {
		return err
	}
	if login != "" {
		r["Benutzer"] = login
	}
	return nil
}

func checkPhoneValue(kind, v string) error {
	if strings.TrimSpace(v) == "" {
		return Fail(85, "Address phone value missing")
	}
	if kind == "email" {
		if at := strings.Index(v, "@"); at <= 0 || at == len(v)-1 || strings.ContainsAny(v, " ,;") {
			return Fail(300, "Invalid address phone value: %s is no e-mail address", v)
		}
		return nil
	}
	digits := 0
	for _, r := range v {
		switch {
		case unicode.IsDigit(r):
			digits++
		case strings.ContainsRune(" +-/()", r):
		default:
			return Fail(300, "Invalid address phone value: %s", v)
		}
	}
	if digits < 3 {
		return Fail(300, "Invalid address phone value: %s", v)
	}
	return nil
}

func looksMobile(v string) bool {
	d := strings.NewReplacer(" ", "", "-", "", "/", "").Replace(v)
	d = strings.TrimPrefix(strings.TrimPrefix(d, "+49"), "0049")
	d = strings.TrimPrefix(d, "0")
	return strings.HasPrefix(d, "15") || strings.HasPrefix(d, "16") || strings.HasPrefix(d, "17")
}

func markFirstDefaults(pb []phoneEntry) {
	has := map[string]bool{}
	for _, e := range pb {
		if e.Default {
			has[e.group()] = true
		}
	}
	for i := range pb {
		if !has[pb[i].group()] {
			pb[i].Default = true
			has[pb[i].group()] = true
		}
	}
}

// syncContactFields keeps the plain main-entry fields in step with the phone book.
func syncContactFields(r Record) {
	pb, _ := r[phonebookKey].([]phoneEntry)
	for group, field := range map[string]string{"email": "Email", "phone": "Telefon1", "fax": "Telefax1"} {
		delete(r, field)
		if v := defaultEntry(pb, group); v != "" {
			r[field] = v
		}
	}
}

func findByEmail(s *Store, email string) Record {
	for _, r := range s.Table("address").Records {
		for _, e := range phonebook(s, r) {
			if e.Kind == "email" && strings.EqualFold(e.Value, email) {
				return r
			}
		}
	}
	return nil
}

// addressParams separates the field values of a create or modify from its
// phone-book parameters (fails with 282 when there are neither) and
// normalizes the field values (see normalizeAddressData).
func addressParams(s *Store, p map[string]any) (fields, phones map[string]any, login string, err error) {
	fields, phones = map[string]any{}, map[string]any{}
	for k, v := range p {
		switch {
		case addressControl[k], strings.HasPrefix(k, "default_"):
		case phoneParams[k] != [2]string{}:
			phones[k] = v
		default:
			fields[k] = v
		}
	}
	if len(fields) == 0 && len(phones) == 0 {
		return nil, nil, "", Fail(282, "No valid parameter given")
	}
	login, err = normalizeAddressData(s, fields)
	return fields, phones, login, err
}

// newPhoneEntry checks a value given with a phone-book parameter (phone,
// email_business …) and makes it a new entry; a phone number that looks
// like a mobile number is filed as one.
func newPhoneEntry(s *Store, param, v string) (phoneEntry, error) {
	kt := phoneParams[param]
	if err := checkPhoneValue(kt[0], v); err != nil {
		return phoneEntry{}, err
	}
	kind := kt[0]
	if kind == "phone" && looksMobile(v) {
		kind = "mobile"
	}
	return phoneEntry{ID: nextPhoneID(s), Kind: kind, Type: kt[1], Value: v}, nil
}

func addressByResourceID(s *Store, rid string) (Record, error) {
	if rid == "" {
		return nil, Fail(96, "Address record id missing")
	}
	id, err := strconv.Atoi(rid)
	if err != nil {
		return nil, Fail(64, "addressId has wrong format")
	}
	return addressRecord(s, id)
}

func modifyAddress(s *Store, c *Call) (*Answer, error) {
	r, err := addressByResourceID(s, c.ResourceID)
	if err != nil {
		return nil, err
	}
	fieldData, phones, login, err := addressParams(s, c.Params)
	if err != nil {
		return nil, err
	}
	// Work on a copy so that a failed modify changes nothing.
	updated := maps.Clone(r)
	if err := applyAddressData(s, updated, fieldData, login); err != nil {
		return nil, err
	}
	pb := append([]phoneEntry(nil), phonebook(s, r)...)
	for _, name := range sortedKeys(phones) {
		pb, err = changePhone(s, pb, name, phones[name])
		if err != nil {
			return nil, err
		}
	}
	updated[phonebookKey] = pb
	syncContactFields(updated)
	updated["Aenderung"] = stamp(c.Now)
	commit(r, updated)
	return Success("address"), nil
}

// changePhone applies one {action, oldvalue, newvalue, default} object.
func changePhone(s *Store, pb []phoneEntry, name string, v any) ([]phoneEntry, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, Fail(247, "Element action missing or invalid for %s", name)
	}
	kt := phoneParams[name]
	action, _ := obj["action"].(string)
	oldValue, _ := obj["oldvalue"].(string)
	newValue, _ := obj["newvalue"].(string)
	makeDefault := paramBool(obj, "default")
	sameKind := func(e phoneEntry) bool {
		return e.Kind == kt[0] || (kt[0] == "phone" && e.Kind == "mobile")
	}
	find := func() (int, error) {
		if oldValue == "" {
			return 0, Fail(86, "Address phone record identifier missing")
		}
		idx := -1
		for i, e := range pb {
			if e.Value == oldValue && sameKind(e) {
				if idx >= 0 {
					return 0, Fail(87, "Address phone record identifier ambiguous: %s", oldValue)
				}
				idx = i
			}
		}
		if idx < 0 {
			return 0, Fail(83, "Unknown address phone record: %s", oldValue)
		}
		return idx, nil
	}
	setDefault := func(i int) {
		for j := range pb {
			if pb[j].group() == pb[i].group() {
				pb[j].Default = j == i
			}
		}
	}
	switch action {
	case "add":
		if newValue == "" {
			return nil, Fail(85, "Address phone value missing")
		}
		e, err := newPhoneEntry(s, name, newValue)
		if err != nil {
			return nil, err
		}
		pb = append(pb, e)
		if makeDefault {
			setDefault(len(pb) - 1)
		}
	case "modify":
		i, err := find()
		if err != nil {
			return nil, err
		}
		if newValue != "" {
			if err := checkPhoneValue(kt[0], newValue); err != nil {
				return nil, err
			}
			pb[i].Value = newValue
		}
		if makeDefault {
			setDefault(i)
		}
	case "delete":
		i, err := find()
		if err != nil {
			return nil, err
		}
		pb = append(pb[:i:i], pb[i+1:]...)
	case "":
		return nil, Fail(81, "Address phone action: type missing")
	default:
		return nil, Fail(82, "Address phone action: type invalid: %s", action)
	}
	markFirstDefaults(pb)
	return pb, nil
}

// ---------------------------------------------------------------------------
// Quick search

// searchSortFields maps the documented sort names to address fields.
var searchSortFields = map[string]string{
	"KdNr": "KdNr", "Vorname": "Vorname", "Name": "Name", "Zusatz1": "Zusatz1",
	"contactCategory": "\x00description", "Email": "\x00email",
}

// searchAddresses serves the quick search over names, company, e-mail and
// customer number: every word of input must occur in one searched field.
func searchAddresses(s *Store, c *Call) (*Answer, error) {
	input, err := searchInput(c.Params, "Search string too short: at least 2 characters")
	if err != nil {
		return nil, err
	}
	fields, err := paramStrings(c.Params, "searchparameter")
	if err != nil {
		return nil, err
	}
	for _, f := range fields {
		if _, ok := s.Fields["address"][f]; !ok {
			return nil, Fail(75, "Unknown field in searchparameter: %s", f)
		}
	}
	contact := paramBool(c.Params, "includecontactdata")
	cased := paramBool(c.Params, "casesensitive")
	sortBy, err := paramString(c.Params, "sortby")
	if err != nil {
		return nil, err
	}
	sortKey, ok := searchSortFields[sortBy]
	if sortBy != "" && !ok {
		return nil, Fail(212, "Unknown sort field: %s (use KdNr, Vorname, Name, Zusatz1, contactCategory or Email)", sortBy)
	}
	desc, err := sortDescParam(c.Params)
	if err != nil {
		return nil, err
	}
	limit, offset, err := pageParams(c.Params, 20, 500)
	if err != nil {
		return nil, err
	}

	norm := func(v string) string {
		if cased {
			return v
		}
		return strings.ToLower(v)
	}
	words := strings.Fields(norm(input))
	var hits []Record
	for _, r := range s.Table("address").Records {
		pb := phonebook(s, r)
		var hay []string
		if len(fields) > 0 {
			for _, f := range fields {
				hay = append(hay, norm(plainText(r[f])))
			}
		} else {
			hay = append(hay, norm(toText(r["Vorname"])), norm(toText(r["Name"])), norm(toText(r["Zusatz1"])),
				norm(defaultEntry(pb, "email")), plainText(r["KdNr"]))
		}
		if contact {
			for _, e := range pb {
				if e.Kind == "email" {
					hay = append(hay, norm(e.Value))
				} else if e.group() == "phone" {
					hay = append(hay, e.Value, digitsOnly(e.Value))
				}
			}
		}
		if allWordsIn(words, hay) {
			hits = append(hits, r)
		}
	}
	if sortKey != "" {
		val := func(r Record) string {
			switch sortKey {
			case "\x00description":
				return strings.ToLower(addressDescription(r))
			case "\x00email":
				return strings.ToLower(defaultEntry(phonebook(s, r), "email"))
			case "KdNr":
				n, _ := r["KdNr"].(int)
				return fmt.Sprintf("%012d", n)
			}
			return strings.ToLower(toText(r[sortKey]))
		}
		sort.SliceStable(hits, func(i, j int) bool {
			if desc {
				return val(hits[i]) > val(hits[j])
			}
			return val(hits[i]) < val(hits[j])
		})
	}
	total := len(hits)
	out := []OutRecord{}
	for _, r := range pageOf(hits, offset, limit) {
		pb := phonebook(s, r)
		emails := []string{}
		for _, e := range pb {
			if e.Kind == "email" {
				emails = append(emails, e.Value)
			}
		}
		kdnr, _ := r["KdNr"].(int)
		out = append(out, OutRecord{ID: idOf(r), Type: "address", Elements: map[string]any{
			"customerno":         kdnr,
			"firstname":          toText(r["Vorname"]),
			"surname":            toText(r["Name"]),
			"company":            toText(r["Zusatz1"]),
			"addressDescription": addressDescription(r),
			"emailaddress":       emails,
			"primaryEmail":       defaultEntry(pb, "email"),
		}})
	}
	return &Answer{Records: out, Total: Counted(total), Cacheable: true}, nil
}

func allWordsIn(words, hay []string) bool {
	for _, w := range words {
		found := false
		for _, h := range hay {
			if strings.Contains(h, w) || (digitsOnly(w) == w && w != "" && strings.Contains(h, w)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func digitsOnly(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// addressDescription is the display label of an address: the person's
// name, else the company.
func addressDescription(r Record) string {
	name := strings.TrimSpace(toText(r["Vorname"]) + " " + toText(r["Name"]))
	if name == "" {
		return toText(r["Zusatz1"])
	}
	return name
}

// ---------------------------------------------------------------------------
// Files

// addressFiles lists the file records attached to an address, in display order.
func addressFiles(s *Store, addressID int) []Record { return estFilesOf(s, "address", addressID) }

// addressIDList reads an addressIds array: not an array fails with 298, an
// entry that is no integer with 299; check, when given, vets each id in turn.
func addressIDList(v any, check func(id int) error) ([]int, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, Fail(298, "addressIds must be an array")
	}
	out := []int{}
	for _, e := range list {
		n, ok := toInt(e)
		if !ok {
			return nil, Fail(299, "addressIds values must be integers")
		}
		if check != nil {
			if err := check(n); err != nil {
				return nil, err
			}
		}
		out = append(out, n)
	}
	return out, nil
}

// addressParam reads the mandatory address id parameter and resolves it.
func addressParam(s *Store, p map[string]any, name string) (Record, error) {
	if err := requireParam(p, name); err != nil {
		return nil, err
	}
	id, ok := toInt(p[name])
	if !ok {
		return nil, Fail(64, "%s has wrong format", name)
	}
	return addressRecord(s, id)
}

func getAddressFiles(s *Store, c *Call) (*Answer, error) {
	addr, err := addressParam(s, c.Params, "addressid")
	if err != nil {
		return nil, err
	}
	files := addressFiles(s, idOf(addr))
	fileID, err := paramInt(c.Params, "fileid", 0)
	if err != nil {
		return nil, err
	}
	if fileID == 0 {
		fileID, err = paramInt(c.Params, "fileId", 0)
		if err != nil {
			return nil, err
		}
	}
	if fileID != 0 {
		for _, f := range files {
			if idOf(f) == fileID {
				el := addressFileElements(f)
				el["content"] = base64.StdEncoding.EncodeToString(sandboxFileContent(f))
				return &Answer{Records: []OutRecord{{ID: fileID, Type: "file", Elements: el}}, Total: Counted(1), Cacheable: true}, nil
			}
		}
		return nil, Fail(127, "File not found: %d", fileID)
	}
	limit, offset, err := pageParams(c.Params, 20, 100)
	if err != nil {
		return nil, err
	}
	out := []OutRecord{}
	for _, f := range pageOf(files, offset, limit) {
		out = append(out, OutRecord{ID: idOf(f), Type: "file", Elements: addressFileElements(f)})
	}
	return &Answer{Records: out, Total: Counted(len(files)), Cacheable: true}, nil
}

func addressFileElements(f Record) map[string]any {
	size, _ := toInt(orZero(f["fileSize"]))
	modified, _ := toInt(orZero(f["modified"]))
	return map[string]any{
		"type":         toText(f["type"]),
		"name":         toText(f["name"]),
		"originalname": toText(f["originalname"]),
		"filename":     toText(f["filename"]),
		"fileSize":     size,
		"modified":     modified,
		"date":         toText(f["date"]),
	}
}

// sandboxFileContent is the stand-in content of a stored file: a small
// document of the right kind that names the file.
func sandboxFileContent(f Record) []byte {
	name := toText(f["originalname"])
	if name == "" {
		name = toText(f["name"])
	}
	switch strings.ToLower(path.Ext(toText(f["filename"]))) {
	case ".pdf":
		return []byte("%PDF-1.4\n% onOffice sandbox file: " + name + "\n%%EOF\n")
	case ".jpg", ".jpeg":
		return []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9}
	case ".png":
		return []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}
	}
	return []byte("onOffice sandbox file: " + name + "\n")
}

func getAddressDownloadLink(s *Store, c *Call) (*Answer, error) {
	if c.ResourceID != "address" {
		return nil, Fail(24, "No such resourceid configured: downloadFiles needs resourceid \"address\"")
	}
	addr, err := addressParam(s, c.Params, "addressid")
	if err != nil {
		return nil, err
	}
	lang, err := paramString(c.Params, "language")
	if err != nil {
		return nil, err
	}
	if lang != "" && !isLanguageCode(lang) {
		return nil, Fail(160, "Invalid language: %s", lang)
	}
	n := len(s.Outbox) + 1
	token := base64.URLEncoding.EncodeToString([]byte(fmt.Sprintf("sandbox-download-%d-%d-%d", idOf(addr), n, c.Now.Unix())))
	url := "https://smart.onoffice.de/smart/gui-handler.php?params=" + token
	addrOutbox(s, c, map[string]any{
		"url":        url,
		"files":      len(addressFiles(s, idOf(addr))),
		"validUntil": c.Now.AddDate(0, 0, 14).Format("2006-01-02"),
	})
	return &Answer{Records: []OutRecord{{ID: "downloadUrl", Type: "file", Elements: []any{url}}}, Total: Counted(0), Cacheable: true}, nil
}

func isLanguageCode(v string) bool {
	if len(v) != 3 {
		return false
	}
	for _, r := range v {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// addrOutbox records an outside effect of this module's actions, with the
// resource id when the call has one.
func addrOutbox(s *Store, c *Call, extra map[string]any) {
	if c.ResourceID != "" {
		withID := map[string]any{"resourceid": c.ResourceID}
		maps.Copy(withID, extra)
		extra = withID
	}
	recordOutbox(s, c, extra)
}

// ---------------------------------------------------------------------------
// Address completion

// completionCategories are the address fields the sandbox agency has
// enabled for the address completion form, by category.
var completionCategories = []struct {
	name   string
	fields []string
}{
	{"Kontaktdaten", []string{"Anrede", "Titel", "Vorname", "Name", "Zusatz1", "Strasse", "Plz", "Ort", "Land", "Email", "Telefon1", "Geburtsdatum"}},
	{"Kommunikation", []string{"KontaktformBevorzugt", "SpracheKontakt", "Rueckruf_akzeptiert"}},
	{"Verwaltung", []string{"ArtDaten", "HerkunftKontakt", "newsletter_aktiv"}},
}

// dataTypeURN is how the completion and search-criteria field lists name
// the type of a non-select field.
func dataTypeURN(typ string) string {
	switch typ {
	case "singleselect", "multiselect":
		return typ
	case "user":
		typ = "varchar"
	}
	return "urn:onoffice-de-ns:smart:2.5:dbAccess:dataType:" + typ
}

func getAddressCompletionFields(s *Store, c *Call) (*Answer, error) {
	fields := s.Fields["address"]
	var out []OutRecord
	for i, cat := range completionCategories {
		list := []map[string]any{}
		for _, name := range cat.fields {
			f, ok := fields[name]
			if !ok {
				continue
			}
			entry := map[string]any{"id": name, "name": label(f.Label, "DEU"), "type": dataTypeURN(f.Type)}
			if len(f.Permitted) > 0 && (f.Type == "singleselect" || f.Type == "multiselect") {
				entry["values"] = optionLabels(f, "DEU")
				entry["default"] = toText(f.Default)
			}
			list = append(list, entry)
		}
		if len(list) > 0 {
			out = append(out, OutRecord{ID: i + 1, Type: "", Elements: map[string]any{"name": cat.name, "fields": list}})
		}
	}
	return &Answer{Records: out, Cacheable: true}, nil
}

func sendAddressCompletion(s *Store, c *Call) (*Answer, error) {
	if err := requireParam(c.Params, "addressId", "mode"); err != nil {
		return nil, err
	}
	mode, err := paramString(c.Params, "mode")
	if err != nil {
		return nil, err
	}
	if mode != "modus1" && mode != "modus2" {
		return nil, Fail(152, "Unsupported address-completion mode: %s (modus1 or modus2)", mode)
	}
	addr, err := addressParam(s, c.Params, "addressId")
	if err != nil {
		return nil, err
	}
	sender, err := emailIdentity(s, c.Params)
	if err != nil {
		return nil, err
	}
	to := defaultEntry(phonebook(s, addr), "email")
	if to == "" {
		return nil, Fail(146, "Invalid recipient: address %d has no e-mail address", idOf(addr))
	}
	addrOutbox(s, c, map[string]any{"to": to, "from": sender})
	return Success(""), nil
}

// emailIdentity resolves the sender of a module mail: the given identity
// must be the e-mail address of a user; without one, the API user's
// address is the standard sender.
func emailIdentity(s *Store, p map[string]any) (string, error) {
	id, err := paramString(p, "emailidentity")
	if err != nil {
		return "", err
	}
	if id == "" {
		u := apiCallerUser(s)
		if u == nil || toText(u["email"]) == "" {
			return "", Fail(50, "E-mail identity missing and no standard sending address set for the API user")
		}
		return toText(u["email"]), nil
	}
	for _, u := range s.Table("user").Records {
		if strings.EqualFold(toText(u["email"]), id) {
			return toText(u["email"]), nil
		}
	}
	return "", Fail(51, "E-mail identity invalid: %s", id)
}

// ---------------------------------------------------------------------------
// Newsletter

// newsletterDoubleOptIn is the agency's basic setting: registrations wait
// for the confirmation link of a double opt-in mail.
const newsletterDoubleOptIn = true

const relTypeAgentsLogAddress = RelationPrefix + "agentsLog:address"

func registerNewsletter(s *Store, c *Call) (*Answer, error) {
	addr, err := addressByResourceID(s, c.ResourceID)
	if err != nil {
		return nil, err
	}
	if err := requireParam(c.Params, "register"); err != nil {
		return nil, err
	}
	var register bool
	switch v := c.Params["register"].(type) {
	case bool:
		register = v
	case string:
		if v != "true" && v != "false" {
			return nil, Fail(194, "Wrong type for parameter register: boolean expected")
		}
		register = v == "true"
	default:
		return nil, Fail(194, "Wrong type for parameter register: boolean expected")
	}
	to := defaultEntry(phonebook(s, addr), "email")
	status, kind := 2, "nicht bestellt"
	if register {
		if to == "" {
			return nil, Fail(146, "Invalid recipient: address %d has no e-mail address", idOf(addr))
		}
		status, kind = 1, "bestellt"
		if newsletterDoubleOptIn {
			status, kind = 3, "Double Opt-In versendet"
		}
	}
	addr["newsletter_aktiv"] = status
	addr["Aenderung"] = stamp(c.Now)
	logNewsletter(s, c, idOf(addr), kind)
	extra := map[string]any{"newsletter_aktiv": status}
	if register && newsletterDoubleOptIn {
		extra["to"] = to
		extra["mail"] = "double opt-in confirmation"
	}
	addrOutbox(s, c, extra)
	return Success(""), nil
}

// logNewsletter writes the activity the API adds for a newsletter change.
func logNewsletter(s *Store, c *Call, addressID int, kind string) {
	entry := Record{
		"Aktionsart": "Newsletter",
		"Aktionstyp": kind,
		"Datum":      stamp(c.Now),
		"Bemerkung":  "Newsletter über die API: " + kind,
		"created":    stamp(c.Now),
	}
	if u := apiCallerUser(s); u != nil {
		entry["Benutzer"] = toText(u["Name"])
		entry["Benutzer_nr"] = idOf(u)
	}
	t := s.Table("agentslog")
	if len(t.Records) > 0 {
		if n, ok := t.Records[len(t.Records)-1]["Nr"].(int); ok {
			entry["Nr"] = n + 1
		}
	}
	id := t.Insert(entry)
	s.Relations = append(s.Relations, Relation{Type: relTypeAgentsLogAddress, Parent: id, Child: addressID})
}

// ---------------------------------------------------------------------------
// Select values and hierarchy

func getAddressSelectValues(s *Store, c *Call) (*Answer, error) {
	if c.ResourceID != "fieldvalues" {
		return nil, Fail(24, "No such resourceid configured: confignewaddressfields needs resourceid \"fieldvalues\"")
	}
	name, err := requiredString(c.Params, "fieldname")
	if err != nil {
		return nil, err
	}
	f, ok := s.Fields["address"][name]
	if !ok {
		return nil, Fail(75, "Unknown field: %s", name)
	}
	if f.Type != "singleselect" && f.Type != "multiselect" {
		return nil, Fail(171, "Field %s is not a single- or multiselect field", name)
	}
	out := make([]OutRecord, 0, len(f.Permitted))
	for _, o := range f.Permitted {
		out = append(out, OutRecord{ID: o.Key, Type: "", Elements: map[string]any{"title": label(o.Label, "DEU")}})
	}
	return &Answer{Records: out, Total: Counted(len(out)), Cacheable: true}, nil
}

const relTypeAddressContact = RelationPrefix + "address:contact:address"

// getAddressHierarchyContacts lists the contacts below an address in the
// contact hierarchy (recursively) that can receive mail: active contacts
// with an e-mail address.
func getAddressHierarchyContacts(s *Store, c *Call) (*Answer, error) {
	root, err := addressByResourceID(s, c.ResourceID)
	if err != nil {
		return nil, err
	}
	t := s.Table("address")
	seen := map[int]bool{idOf(root): true}
	queue := []int{idOf(root)}
	out := []OutRecord{}
	for len(queue) > 0 {
		parent := queue[0]
		queue = queue[1:]
		var children []int
		for _, rel := range s.Relations {
			if rel.Type == relTypeAddressContact && rel.Parent == parent && !seen[rel.Child] {
				children = append(children, rel.Child)
			}
		}
		sort.Ints(children)
		for _, id := range children {
			seen[id] = true
			queue = append(queue, id)
			r := t.Get(id)
			if r == nil {
				continue
			}
			if st, ok := r["Status"].(int); ok && st == 0 {
				continue
			}
			email := defaultEntry(phonebook(s, r), "email")
			if email == "" {
				continue
			}
			kdnr, _ := r["KdNr"].(int)
			out = append(out, OutRecord{ID: id, Type: "address", Elements: map[string]any{
				"id":           id,
				"customerno":   strconv.Itoa(kdnr),
				"firstname":    toText(r["Vorname"]),
				"surname":      toText(r["Name"]),
				"company":      toText(r["Zusatz1"]),
				"primaryEmail": email,
			}})
		}
	}
	return &Answer{Records: out}, nil
}
