package tools_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// The reading rules every read tool's output keeps (issue 14, point 4),
// checked on the text a model reads, whatever the tool:
//
//   - an id of a user, an address or an estate carries a name: in a
//     column or field that holds such ids, and in our own sentences
//     ("users 12" is a lookup the model would have to make), except for
//     ids the call itself named;
//   - one date/time format within a table;
//   - select values show their labels where the field configuration has
//     them, not the keys.

// refColumn matches the names of columns that hold ids of users,
// addresses or estates.
var refColumn = regexp.MustCompile(`(?i)^(.*(user|benutzer|advisor|creator|verantwortung|bearbeiter|erstellt_von|owner|leader|createdby|estate|objekt_?nr|objectid|address|adress|contact).*|von|fuer)$`)

// ownOrNoRef tells the columns refColumn matches that name no other
// record: a customer number, and a user's own login in a user record.
func ownOrNoRef(col string, rec record) bool {
	switch {
	case strings.HasSuffix(strings.ToLower(col), "customerno"):
		return true
	case col == "username":
		return rec["firstname"] != "" || rec["lastname"] != ""
	}
	return false
}

// bareRef is a part of a reference cell that is only an id or a login,
// or an id with a state word rather than a name ("10113 (confirmed)").
var bareRef = regexp.MustCompile(`^(\d+|[a-z][a-z0-9._-]*|\d+ \([a-z-]+\))$`)

// proseRef finds ids in our own sentences: "users 12, 17", "estate 3101".
var proseRef = regexp.MustCompile(`(?i)\b(users?|benutzer|estates?|address(?:es)?|advisor|owner|prospect)\b:? (\d+(?:, \d+)*)( \(| «|–)?`)

var dateTime = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}([ T])\d{2}:\d{2}(:\d{2})?(?:–\d{2}:\d{2}(?::\d{2})?)?(Z|[+-]\d{2}:\d{2})?`)

// record is one record of a result: field → shown value.
type record map[string]string

// readOutput is a result split into what the checks need.
type readOutput struct {
	tables [][]record // each data block of a result
	prose  string     // our own lines, CRM text inline replaced by «…»
}

// parseRead splits a result into its data blocks and our own lines.
func parseRead(text string) readOutput {
	var out readOutput
	var prose strings.Builder
	for text != "" {
		own, rest, found := strings.Cut(text, condense.OpenMark)
		prose.WriteString(own)
		if !found {
			break
		}
		data, after, _ := strings.Cut(rest, condense.CloseMark)
		text = after
		if !strings.HasPrefix(data, "\n") {
			prose.WriteString("«…»") // a value inline in a sentence
			continue
		}
		out.tables = append(out.tables, parseBlock(strings.Trim(data, "\n")))
	}
	out.prose = prose.String()
	return out
}

// parseBlock reads a table (header line, then rows), records as "- id N"
// blocks, or one record of "field: value" lines.
func parseBlock(body string) []record {
	lines := strings.Split(body, "\n")
	if strings.Contains(lines[0], "|") && !strings.Contains(lines[0], ": ") {
		split := func(l string) []string { return strings.Split(strings.ReplaceAll(l, `\|`, "¦"), "|") }
		head := split(lines[0])
		var rows []record
		for _, l := range lines[1:] {
			row := record{}
			for i, c := range split(l) {
				if i < len(head) {
					row[head[i]] = c
				}
			}
			rows = append(rows, row)
		}
		return rows
	}
	var rows []record
	for _, l := range lines {
		if id, ok := strings.CutPrefix(l, "- id "); ok {
			rows = append(rows, record{"id": id})
			continue
		}
		k, v, ok := strings.Cut(strings.TrimSpace(l), ": ")
		if !ok {
			continue
		}
		if len(rows) == 0 {
			rows = append(rows, record{})
		}
		rows[len(rows)-1][k] = v
	}
	return rows
}

// numbersOf are the integers anywhere in a call's arguments.
func numbersOf(args string) map[string]bool {
	out := map[string]bool{}
	for _, n := range regexp.MustCompile(`\d+`).FindAllString(args, -1) {
		out[n] = true
	}
	return out
}

// parts splits a cell of a list into its items.
func parts(cell string) []string {
	return regexp.MustCompile(`, |; `).Split(cell, -1)
}

// selectKeys lists, per field name, the keys of select fields whose label
// differs, and every label of fields of that name: a cell showing a key
// that is no label is a raw key.
type selectKeys struct {
	keys   map[string]map[string]bool
	labels map[string]map[string]bool
}

func loadSelectKeys(t *testing.T, h *toolstest.Harness) selectKeys {
	t.Helper()
	api := onoffice.New(h.URL, sandbox.DemoToken, sandbox.DemoSecret)
	fc := onoffice.NewFieldCache(api, time.Hour)
	sk := selectKeys{keys: map[string]map[string]bool{}, labels: map[string]map[string]bool{}}
	for _, m := range []string{"estate", "address", "agentsLog", "task", "calendar", "user", onoffice.SearchCriteriaModule} {
		mf, err := fc.Module(context.Background(), m, "DEU")
		if err != nil {
			t.Fatalf("fields of %s: %v", m, err)
		}
		for name, f := range mf.Fields {
			for k, label := range f.Permitted {
				if sk.labels[name] == nil {
					sk.labels[name], sk.keys[name] = map[string]bool{}, map[string]bool{}
				}
				sk.labels[name][label] = true
				if k != label {
					sk.keys[name][k] = true
				}
			}
		}
	}
	return sk
}

// checkRead checks the reading rules on one result; it reports each
// broken rule once per column.
func checkRead(t *testing.T, text, args string, sk selectKeys) {
	t.Helper()
	seen := map[string]bool{}
	errorf := func(key, format string, a ...any) {
		if !seen[key] {
			seen[key] = true
			t.Errorf(format, a...)
		}
	}
	out := parseRead(text)
	asked := numbersOf(args)
	for ti, table := range out.tables {
		formats := map[string]string{}
		for _, rec := range table {
			for col, cell := range rec {
				if cell == "" {
					continue
				}
				if col != "id" && refColumn.MatchString(col) && !ownOrNoRef(col, rec) {
					for _, p := range parts(cell) {
						if bareRef.MatchString(strings.TrimSpace(p)) {
							errorf("ref"+col, "block %d, %s: %q carries no name", ti+1, col, cell)
							break
						}
					}
				}
				if col == "resourceId" && (rec["module"] == "estate" || rec["module"] == "address") && bareRef.MatchString(cell) {
					errorf("resourceId", "block %d, resourceId of a %s: %q carries no name", ti+1, rec["module"], cell)
				}
				for _, m := range dateTime.FindAllStringSubmatch(cell, -1) {
					formats[m[1]+strconv.FormatBool(m[2] != "")+strconv.FormatBool(m[3] != "")] = col + ": " + m[0]
				}
				if keys := sk.keys[col]; keys != nil {
					for _, p := range parts(cell) {
						if keys[p] && !sk.labels[col][p] {
							errorf("key"+col, "block %d, %s: %q shows the key %q, not its label", ti+1, col, cell, p)
						}
					}
				}
			}
		}
		if len(formats) > 1 {
			t.Errorf("block %d mixes date/time formats: %v", ti+1, formats)
		}
	}
	for _, m := range proseRef.FindAllStringSubmatch(out.prose, -1) {
		if m[3] != "" {
			continue // named: "estate 3101 «…»", "user 12 (Michael Hansen)"; or a range "estates 1–20 of 78"
		}
		for _, id := range strings.Split(m[2], ", ") {
			if !asked[id] {
				t.Errorf("%q: id %s carries no name", m[0], id)
				break
			}
		}
	}
}

// readCase is one call of a read tool; args may use the fixture's ids.
type readCase struct {
	tool string
	args func(f *readFixture) string
}

// readFixture holds ids of seeded records the calls need.
type readFixture struct {
	h                          *toolstest.Harness
	estate, address, appt      int
	mail                       sandbox.StoredMail
	seekerData                 string
	hierarchy, offerEstate     int
	offerAddress, apptWithFile int
	tx                         *sandbox.MarketplaceTransaction
}

func fixed(args string) func(*readFixture) string { return func(*readFixture) string { return args } }

// readCases call every read tool of the catalogue (a test checks that
// none is missing) with arguments that return records holding references
// where the tool has any.
var readCases = []readCase{
	{"estate_read", fixed(`{"listlimit":30,"data":["objekttitel","objektart","vermarktungsart","status","benutzer","kaufpreis","heizungsart","geaendert_am","erstellt_am"]}`)},
	{"estate_read", fixed(`{"id":3101}`)},
	{"estate_pdf_expose", fixed(`{"estateid":3101,"template":"urn:onoffice-de-ns:smart:2.5:pdf:expose:kurz:x"}`)},
	{"estate_file_list", fixed(`{"estateid":3101,"listlimit":20}`)},
	{"estate_picture_list", fixed(`{"estateids":[3101,3102],"categories":["Titelbild","Foto"]}`)},
	{"saved_filter_list", fixed(`{"module":"estate"}`)},
	{"saved_filter_list", fixed(`{"module":"address"}`)},
	{"price_offer_read", func(f *readFixture) string {
		return fmt.Sprintf(`{"estateId":%d,"addressId":%d}`, f.offerEstate, f.offerAddress)
	}},
	{"estate_tracking_read", fixed(`{"accountname":"eigentuemer@example.de","password":"Sommer-Wiese-4711"}`)},
	{"estate_category_list", fixed(`{}`)},
	{"estate_search", fixed(`{"input":"Münster"}`)},
	{"estate_seeker_list", func(f *readFixture) string { return f.seekerData }},
	{"statistics_widget_list", fixed(`{}`)},
	{"address_read", fixed(`{"listlimit":50,"data":["Vorname","Name","Benutzer","ArtDaten","HerkunftKontakt","Land","Aenderung"]}`)},
	{"address_read", fixed(`{"id":10001}`)},
	{"address_search", fixed(`{"input":"Müller"}`)},
	{"address_file_list", fixed(`{"addressid":10009}`)},
	{"address_completion_fields", fixed(`{}`)},
	{"address_select_values", fixed(`{"fieldname":"Land"}`)},
	{"address_hierarchy_contacts", func(f *readFixture) string { return fmt.Sprintf(`{"id":%d}`, f.hierarchy) }},
	{"search_criteria_read", fixed(`{"listlimit":50}`)},
	{"search_criteria_fields", fixed(`{}`)},
	{"search_criteria_search", fixed(`{"searchdata":{"vermarktungsart":"kauf","kaufpreis":300000}}`)},
	{"relation_list", fixed(`{"relationtype":"estate:address:owner","parentids":[3101,3102,3103]}`)},
	{"agents_log_read", fixed(`{"listlimit":100,"data":["Datum","Aktionsart","Aktionstyp","Objekt_nr","Adress_nr","Benutzer","Bemerkung"]}`)},
	{"appointment_list", fixed(`{"startDate":"2026-10-01","endDate":"2026-12-31","listlimit":100}`)},
	{"appointment_read", func(f *readFixture) string { return fmt.Sprintf(`{"id":%d}`, f.appt) }},
	{"appointment_read", func(f *readFixture) string {
		return fmt.Sprintf(`{"id":%d,"showConfirmationStatus":true,"showConflicts":true}`, f.appt)
	}},
	{"appointment_read", fixed(`{"datestart":"2026-11-01","dateend":"2026-11-30","allusers":true,"showConfirmationStatus":true}`)},
	{"calendar_resource_list", fixed(`{}`)},
	{"appointment_file_list", func(f *readFixture) string { return fmt.Sprintf(`{"appointmentid":%d}`, f.apptWithFile) }},
	{"appointment_conflicts", fixed(`{"data":{"start_dt":"2026-11-05 11:00:00","end_dt":"2026-11-06 16:00:00"},"subscribers":{"users":[12,23]}}`)},
	{"task_read", fixed(`{"listlimit":100}`)},
	{"template_list", fixed(`{"type":"mail","list":true}`)},
	{"default_attachment_list", fixed(`{}`)},
	{"email_link_list", func(f *readFixture) string {
		return fmt.Sprintf(`{"emailidentity":%q,"messageid":%q,"uid":%d,"folder":%q}`, f.mail.Identity, f.mail.MessageID, f.mail.UID, f.mail.Folder)
	}},
	{"email_info", func(f *readFixture) string {
		return fmt.Sprintf(`{"emailIdentity":%q,"messageId":%q,"uid":%d,"folder":%q}`, f.mail.Identity, f.mail.MessageID, f.mail.UID, f.mail.Folder)
	}},
	{"email_signature_read", fixed(`{}`)},
	{"email_template_folder_list", fixed(`{}`)},
	{"basic_settings_read", fixed(`{}`)},
	{"imprint_read", fixed(`{}`)},
	{"group_list", fixed(`{}`)},
	{"user_read", fixed(`{"listlimit":20}`)},
	{"user_list", fixed(`{}`)},
	{"user_photo_read", fixed(`{}`)},
	{"user_rights_check", fixed(`{"action":"modify","module":"estate","userid":27,"recordIds":[3101,3102,3103,3104]}`)},
	{"field_config_get", fixed(`{"modules":["task"]}`)},
	{"multiselect_config_get", fixed(`{"module":"address","fields":["ArtDaten"]}`)},
	{"action_type_list", fixed(`{}`)},
	{"region_list", fixed(`{}`)},
	{"region_search", fixed(`{"searchstring":"Ehrenf"}`)},
	{"records_last_seen", fixed(`{"module":"estate","listlimit":10}`)},
	{"records_last_seen", fixed(`{"module":"address","listlimit":10}`)},
	{"macro_resolve", fixed(`{"text":"_Objekttitel_ in _Ort_","estateids":[3101]}`)},
	{"log_entries_read", fixed(`{"listlimit":200}`)},
	{"survey_read", fixed(`{}`)},
	{"record_link_get", fixed(`{"module":"address","recordId":10001}`)},
	{"marketplace_invoice_recipient_read", func(f *readFixture) string {
		return fmt.Sprintf(`{"transactionid":%d,"userid":%d,"extendedclaim":"claim"}`, f.tx.ID, f.tx.Buyer)
	}},
}

// newReadFixture finds the seeded records the calls need and creates the
// one thing the seed lacks (an owner's tracking account).
func newReadFixture(t *testing.T, h *toolstest.Harness) *readFixture {
	t.Helper()
	st := h.Sandbox.Store()
	f := &readFixture{h: h, estate: 3101, address: 10001, mail: h.Sandbox.Mails()[0], tx: mktTransaction(t, h)}
	for _, r := range st.Relations {
		switch {
		case r.Type == sandbox.RelationPrefix+"address:contact:address" && f.hierarchy == 0:
			f.hierarchy = r.Parent
		case strings.HasSuffix(r.Type, "estate:address:interested") && r.Extra["priceOffer"] != nil && f.offerEstate == 0:
			f.offerEstate, f.offerAddress = r.Parent, r.Child
		case r.Type == sandbox.RelationPrefix+"calendar:address" && f.appt == 0:
			f.appt = r.Parent
		}
	}
	for _, file := range st.Table("file").Records {
		if file["module"] == "calendar" {
			f.apptWithFile = file["relatedRecordId"].(int)
			break
		}
	}
	for _, c := range st.Table("searchcriteria").Records {
		if c["vermarktungsart"] == "kauf" && c["kaufpreis__bis"] != nil {
			raw, _ := json.Marshal(map[string]any{"estatedata": map[string]any{"vermarktungsart": "kauf", "objektart": c["objektart"], "kaufpreis": fmt.Sprint(c["kaufpreis__bis"])}, "contact": true})
			f.seekerData = string(raw)
			break
		}
	}
	if f.hierarchy == 0 || f.offerEstate == 0 || f.appt == 0 || f.apptWithFile == 0 || f.seekerData == "" {
		t.Fatalf("seed lacks records the calls need: %+v", f)
	}
	runTool(t, h, "estate_tracking_account_create", `{"accountname":"eigentuemer@example.de","accountpassword":"Sommer-Wiese-4711","estateid":3101}`)
	return f
}

// listedTools are the tools a harness lists.
func listedTools(t *testing.T, h *toolstest.Harness) map[string]bool {
	t.Helper()
	res, err := h.Client.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, tl := range res.Tools {
		out[tl.Name] = true
	}
	return out
}

// runTool calls a tool as a model of the default selection would: directly
// when it is listed, through tool_run otherwise.
func runTool(t *testing.T, h *toolstest.Harness, tool, args string) toolstest.Result {
	t.Helper()
	if listedTools(t, h)[tool] {
		return h.Call(t, tool, args)
	}
	return h.Call(t, tools.RunToolName, fmt.Sprintf(`{"name":%q,"arguments":%s}`, tool, args))
}

// TestEveryReadToolReadsWithoutLookups runs every read tool of the
// catalogue over MCP from the default selection (tool_run for those not
// listed) against the seeded sandbox and checks the reading rules on each
// result.
func TestEveryReadToolReadsWithoutLookups(t *testing.T) {
	h := toolstest.New(t, "--toolsets=default")
	f := newReadFixture(t, h)
	sk := loadSelectKeys(t, h)
	covered := map[string]bool{}
	for i, c := range readCases {
		covered[c.tool] = true
		args := c.args(f)
		t.Run(fmt.Sprintf("%s#%d", c.tool, i), func(t *testing.T) {
			res := runTool(t, h, c.tool, args)
			if res.IsError {
				t.Fatalf("%s %s: %s", c.tool, args, res.Text)
			}
			if testing.Verbose() {
				t.Logf("%s %s:\n%s", c.tool, args, res.Text)
			}
			checkRead(t, res.Text, args, sk)
		})
	}
	var missing []string
	for _, tl := range tools.All() {
		if tl.Effect == tools.EffectRead && !covered[tl.Name] {
			missing = append(missing, tl.Name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("read tools without a case: %v", missing)
	}
}
