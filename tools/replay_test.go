package tools_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// The replay suite runs every read tool over MCP against a stand-in that
// answers with fixtures under testdata/replay, written in the shapes real
// installations answer in (see docs/fields.md): field configurations that
// leave out system fields and list no fields for most modules, list-shaped
// elements, "records": [[]] for nothing found, numbers as two-decimal
// strings, coordinates with five decimals, file dates as epoch or string.
// A fixture file holds the "data" object of one action's result and is
// named verb_resourcetype, plus _keyword for resource ids that name a
// module (get_file_estate).

// replayServer is the stand-in: it checks the envelope and each action's
// HMAC like onOffice, then answers from the fixtures.
type replayServer struct {
	t   *testing.T
	dir string

	mu        sync.Mutex
	overrides map[string]string // fixture key → other fixture file
	missing   []string
}

func (rs *replayServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Token   string `json:"token"`
		Request struct {
			Actions []struct {
				ActionID     string          `json:"actionid"`
				ResourceID   string          `json:"resourceid"`
				ResourceType string          `json:"resourcetype"`
				Identifier   string          `json:"identifier"`
				Timestamp    int64           `json:"timestamp"`
				HMAC         string          `json:"hmac"`
				HMACVersion  json.Number     `json:"hmac_version"`
				Parameters   json.RawMessage `json:"parameters"`
			} `json:"actions"`
		} `json:"request"`
	}
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &req); err != nil || req.Token != sandbox.DemoToken {
		rs.t.Errorf("replay: bad envelope or token: %v", err)
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	type result struct {
		ActionID     string          `json:"actionid"`
		ResourceID   string          `json:"resourceid"`
		ResourceType string          `json:"resourcetype"`
		Identifier   string          `json:"identifier"`
		Cacheable    bool            `json:"cacheable"`
		Data         json.RawMessage `json:"data"`
		Status       onoffice.Status `json:"status"`
	}
	var results []result
	for _, a := range req.Request.Actions {
		res := result{ActionID: a.ActionID, ResourceID: a.ResourceID, ResourceType: a.ResourceType, Identifier: a.Identifier, Data: json.RawMessage(`[]`)}
		verb, ok := onoffice.VerbFromActionID(a.ActionID)
		switch {
		case !ok:
			res.Status = onoffice.Status{ErrorCode: 23, Message: "No such actionid configured"}
		case a.HMACVersion.String() != "2" || a.HMAC != onoffice.Sign(sandbox.DemoSecret, sandbox.DemoToken, a.ResourceType, a.ActionID, a.Timestamp):
			res.Status = onoffice.Status{ErrorCode: 137, Message: "HMAC invalid"}
		default:
			data, err := rs.fixture(onoffice.FixtureName(verb, a.ResourceType, a.ResourceID))
			if err != nil {
				res.Status = onoffice.Status{ErrorCode: 25, Message: err.Error()}
			} else {
				res.Data = data
			}
		}
		results = append(results, res)
	}
	out, _ := json.Marshal(map[string]any{"status": onoffice.Status{Code: 200, Message: "OK"}, "response": map[string]any{"results": results}})
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(out)
}

func (rs *replayServer) fixture(key string) (json.RawMessage, error) {
	rs.mu.Lock()
	name := key
	if o, ok := rs.overrides[key]; ok {
		name = o
	}
	rs.mu.Unlock()
	data, err := os.ReadFile(filepath.Join(rs.dir, name+".json"))
	if errors.Is(err, os.ErrNotExist) {
		rs.mu.Lock()
		rs.missing = append(rs.missing, key)
		rs.mu.Unlock()
		return nil, errors.New("no fixture " + name)
	}
	return data, err
}

func (rs *replayServer) use(overrides map[string]string) []string {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.overrides = overrides
	missing := rs.missing
	rs.missing = nil
	return missing
}

// replayCase is one read tool call and the values the user must see.
type replayCase struct {
	tool, args string
	want       []string
	// fixtures replaces fixtures for this call (key → file name).
	fixtures map[string]string
}

// replayHarness serves the fixtures in dir to a server driven over MCP.
func replayHarness(t *testing.T, dir string) (*replayServer, *toolstest.Harness) {
	rs := &replayServer{t: t, dir: dir}
	srv := httptest.NewServer(rs)
	t.Cleanup(srv.Close)
	return rs, toolstest.NewGuarded(t, toolstest.WithFlags("--confirm=off"), toolstest.WithAPI(srv.URL)).Harness
}

func TestReplay(t *testing.T) {
	rs, h := replayHarness(t, filepath.Join("testdata", "replay"))

	covered := map[string]bool{}
	for _, tc := range replayCases {
		covered[tc.tool] = true
		t.Run(tc.tool, func(t *testing.T) {
			rs.use(tc.fixtures)
			res := h.Call(t, tc.tool, tc.args)
			missing := rs.use(nil)
			if res.IsError {
				t.Fatalf("%s %s: %s (fixtures missing: %v)", tc.tool, tc.args, res.Text, missing)
			}
			if len(missing) > 0 {
				t.Errorf("fixtures missing: %v", missing)
			}
			if len(tc.want) == 0 || testing.Verbose() {
				t.Logf("%s", res.Text)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.Text, w) {
					t.Errorf("%q missing in:\n%s", w, res.Text)
				}
			}
			for _, bad := range []string{"unexpected data", "cannot unmarshal"} {
				if strings.Contains(res.Text, bad) {
					t.Errorf("%q in:\n%s", bad, res.Text)
				}
			}
		})
	}
	for _, tl := range tools.All() {
		if tl.Effect == tools.EffectRead && !covered[tl.Name] {
			t.Errorf("read tool %s has no replay case", tl.Name)
		}
	}
}

// replayCases cover every read tool; want holds values the user must see,
// taken from the fixtures.
var replayCases = []replayCase{
	// Estate status, veroeffentlichen and the coordinates are not in the
	// field configuration fixture; coordinates come with five decimals,
	// unset ones as 0.00000, prices as two-decimal strings.
	{tool: "estate_read", args: `{"data":["objekttitel","kaufpreis","wohnflaeche","ort","status","veroeffentlichen","breitengrad","laengengrad","verkauft"],"filter":{"veroeffentlichen":[{"op":"=","val":1}],"status":[{"op":"=","val":1}]},"listlimit":2}`,
		want: []string{"of 60", "|Aktiv|yes|51.21|6.8|no", "543000||Dresden|", "80.5"}},
	{tool: "estate_pdf_expose", args: `{"estateid":3101,"template":"urn:onoffice-de-ns:smart:2.5:pdf:expose:kurz:x"}`, want: []string{"1 page"}},
	// File dates arrive as Unix epochs here.
	{tool: "estate_file_list", args: `{"estateid":3101,"listlimit":2}`, want: []string{"58101|Titelbild|Küche|IMG_5028.jpg", "2024-04-05", "1.2 MB"}},
	// elements is a list of objects in picture answers.
	{tool: "estate_picture_list", args: `{"estateids":[3101],"categories":["Titelbild","Foto"]}`, want: []string{"7 pictures", "hausansicht_01.jpg", "Blick nach Süden"}},
	{tool: "saved_filter_list", args: `{"module":"estate"}`, want: []string{"43|Kaufobjekte aktiv"}},
	{tool: "price_offer_read", args: `{"estateId":3101,"addressId":10001}`, want: []string{"no purchase price offer"}},
	{tool: "estate_tracking_read", args: `{"accountname":"eigentuemer.becker@example.de","password":"x"}`, want: []string{"estates 3101, 3102", "Verkauf DHH Gievenbeck"}},
	{tool: "estate_category_list", args: `{}`, want: []string{"etage=Etagenwohnung"}},
	{tool: "estate_search", args: `{"input":"Münster"}`, want: []string{"3106|MS-2024-001|Haus|Dieckstraße|112|48145|Münster|Carsten Krüger"}},
	{tool: "estate_seeker_list", args: `{"estateid":3101}`, want: []string{"Bernd Schreiber", "75%", "objekttyp, wohnflaeche"}},
	{tool: "statistics_widget_list", args: `{}`, want: []string{"Besichtigungen je Monat"}},
	{tool: "address_read", args: `{"data":["Vorname","Name","Email","Ort"],"sortby":{"Name":"ASC"},"listlimit":2}`, want: []string{"10009|||info@hv-brockmann.example.de|Münster"}},
	{tool: "address_search", args: `{"input":"Aumüller","listlimit":2}`, want: []string{"f.aumueller@notariat-aumueller.example.de"}},
	// File dates arrive as date strings here.
	{tool: "address_file_list", args: `{"addressid":10009}`, want: []string{"modified: 2025-12-23 19:29", "Handelsregisterauszug Hausverwaltung.pdf"}},
	{tool: "address_completion_fields", args: `{}`, want: []string{"KontaktformBevorzugt (Bevorzugte Kontaktform) singleselect [keys: Brief=Brief, Email=E-Mail"}},
	{tool: "address_select_values", args: `{"fieldname":"Land"}`, want: []string{"DEU = Deutschland"}},
	{tool: "address_hierarchy_contacts", args: `{"id":10001}`, want: []string{"No hierarchy contacts"}},
	// Nothing found comes as "records": [[]].
	{tool: "search_criteria_read", args: `{"mode":"internal","ids":[10001]}`, want: []string{"No search criteria found"}},
	{tool: "search_criteria_read", args: `{"mode":"searchcriteria","ids":[1201]}`, fixtures: map[string]string{"get_searchcriterias": "get_searchcriterias_found"},
		want: []string{"1201", "Köln", "1050"}},
	{tool: "search_criteria_fields", args: `{}`, want: []string{"kaufpreis (Kaufpreis) float range (kaufpreis__von/kaufpreis__bis)"}},
	// get fields knows no search-criteria field; searchCriteriaFields does.
	{tool: "search_criteria_search", args: `{"searchdata":{"vermarktungsart":"kauf","kaufpreis":300000}}`, want: []string{"1218|10129|Björn Schubert"}},
	{tool: "relation_list", args: `{"relationtype":"estate:address:owner","parentids":[3101]}`, want: []string{`address 10066 «crm-text»Lena Busch«/crm-text»`}},
	// Objekt_nr is not in the agentsLog field configuration fixture.
	{tool: "agents_log_read", args: `{"data":["Datum","Aktionsart","Bemerkung","Objekt_nr"],"listlimit":2}`, want: []string{"70430|2026-10-31 14:37|Termin|", "|3123"}},
	{tool: "appointment_list", args: `{"startDate":"2026-11-02","endDate":"2026-11-08"}`, want: []string{"subject: Teambesprechung Zentrale", "Katrin Neumann"}},
	{tool: "appointment_read", args: `{"id":5101}`, want: []string{"ressources: Konferenzraum, Beamer", "erinnerung: 15 minutes"}},
	{tool: "calendar_resource_list", args: `{}`, want: []string{"ind_Schl_4410 = Besprechungsraum Köln"}},
	{tool: "appointment_file_list", args: `{"appointmentid":5101}`, want: []string{"Besichtigungsprotokoll_5101.pdf", "mhansen"}},
	{tool: "appointment_conflicts", args: `{"data":{"start_dt":"2026-11-23 09:15:00","end_dt":"2026-11-23 09:45:00"},"subscribers":{"users":[12]}}`, want: []string{"already booked: users 12"}},
	{tool: "task_read", args: `{"listlimit":2}`, want: []string{"701|Übergabeprotokoll Schweizer Straße 64|Nicht begonnen|Normal"}},
	{tool: "template_list", args: `{"type":"mail","list":true}`, want: []string{"1501|Exposéversand Standard"}},
	{tool: "default_attachment_list", args: `{}`, want: []string{"Datenschutzhinweise.pdf"}},
	{tool: "email_signature_read", args: `{}`, want: []string{"15|Kurz (Antworten)|no"}},
	{tool: "email_template_folder_list", args: `{}`, want: []string{"61 = Eigentümerkommunikation"}},
	{tool: "basic_settings_read", args: `{}`, want: []string{"Seit 1994"}},
	{tool: "imprint_read", args: `{"data":["firma","handelsregisterNr","ustId"]}`, want: []string{"handelsregisterNr: «crm-text»HRB 18342«/crm-text»"}},
	{tool: "group_list", args: `{}`, want: []string{"301|Zentrale Münster|MS|GroupOffice|12, 35|12"}},
	{tool: "user_read", args: `{"listlimit":2}`, want: []string{"17|jschmidt|Julia|Schmidt"}},
	{tool: "user_list", args: `{}`, want: []string{"23|ayilmaz|Aylin|Yılmaz"}},
	{tool: "user_photo_read", args: `{"id":12}`, want: []string{"Userphoto_12.jpg"}},
	{tool: "user_rights_check", args: `{"action":"read","module":"estate","userid":12,"recordIds":[3101]}`, want: []string{"Allowed: 3101"}},
	// Most modules have no configured fields; permittedvalues may be a list.
	{tool: "field_config_get", args: `{"modules":["estate","agentsLog","task"]}`,
		want: []string{"vermarktungsart (Vermarktungsart) singleselect [keys: erbpacht=erbpacht", "module log: no fields configured", "documented system fields): Objekt_nr"}},
	{tool: "multiselect_config_get", args: `{"module":"address","fields":["ArtDaten"]}`, want: []string{"Eigentuemer=Eigentümer"}},
	{tool: "action_type_list", args: `{}`, want: []string{"Termin: Beratung, Besichtigung"}},
	{tool: "region_list", args: `{}`, want: []string{"Freiburg im Breisgau (Kreisfreie Stadt) PLZ 79098–79117"}},
	{tool: "region_search", args: `{"searchstring":"Ehrenf"}`, want: []string{"Köln - Neuehrenfeld"}},
	{tool: "records_last_seen", args: `{"module":"estate","listlimit":2}`, want: []string{"estate 3144"}},
	{tool: "macro_resolve", args: `{"text":"_Objekttitel_ in _Ort_","estateids":[3101]}`, want: []string{"Düsseldorf-Golzheim in Düsseldorf"}},
	{tool: "log_entries_read", args: `{"listlimit":2}`, want: []string{"733981|2026-11-01 22:49|edit|calendar|5144|17"}},
	{tool: "survey_read", args: `{}`, want: []string{"3|Besichtigungsprotokoll"}},
	{tool: "record_link_get", args: `{"module":"address","recordId":10001}`, want: []string{"https://smart.onoffice.de/smart/smart.php?params="}},
	{tool: "marketplace_invoice_recipient_read", args: `{"transactionid":1,"userid":12}`, want: []string{"companyUstId: «crm-text»DE298765432«/crm-text»"}},
	{tool: "email_info", args: `{"emailIdentity":"info@makler-koeln.de","messageId":"<20250905083015.4F2A1@mail.makler-koeln.de>","uid":4711,"folder":"INBOX"}`,
		want: []string{"10001 «crm-text»Anna Becker <anna.becker@example.de>", "owner Herbert Lange"}},
	{tool: "email_link_list", args: `{"emailidentity":"info@makler-koeln.de","messageid":"<20250905083015.4F2A1@mail.makler-koeln.de>","uid":4711,"folder":"INBOX"}`,
		want: []string{"estateowner: Herbert Lange"}},
}

// TestRecordMakesReplayFixtures: --record writes answers as fixtures the
// replay stand-in can serve, without personal data.
func TestRecordMakesReplayFixtures(t *testing.T) {
	dir := t.TempDir()
	h := toolstest.New(t, "--record", dir)
	callOK(t, h, "address_read", `{"data":["Vorname","Name","Email","Ort"],"listlimit":3}`)
	callOK(t, h, "estate_read", `{"data":["objekttitel","kaufpreis"],"listlimit":2}`)
	var personal []string
	for _, a := range h.Sandbox.Store().Table("address").Records[:3] {
		for _, k := range []string{"Name", "Email"} {
			if s, _ := a[k].(string); s != "" {
				personal = append(personal, s)
			}
		}
	}
	for _, name := range []string{"read_address", "read_estate", "get_fields"} {
		raw, err := os.ReadFile(filepath.Join(dir, name+".json"))
		if err != nil {
			t.Fatalf("fixture %s not written: %v", name, err)
		}
		for _, p := range append(personal, sandbox.DemoToken, sandbox.DemoSecret) {
			if strings.Contains(string(raw), p) {
				t.Errorf("%s holds %q", name, p)
			}
		}
	}
	_, replay := replayHarness(t, dir)
	text := callOK(t, replay, "estate_read", `{"data":["objekttitel","kaufpreis"],"listlimit":2}`)
	if !strings.Contains(text, "estates 1–2") {
		t.Errorf("replayed recording:\n%s", text)
	}
}

// TestReplayFieldsRefused: an installation that refuses to describe its
// fields (here: no answer to get fields) leaves every name to onOffice, and
// the result says which names were not checked.
func TestReplayFieldsRefused(t *testing.T) {
	rs, h := replayHarness(t, filepath.Join("testdata", "replay"))
	rs.use(map[string]string{"get_fields": "no-such-fixture"})
	text := callOK(t, h, "estate_read", `{"data":["objekttitel","ort"],"listlimit":2}`)
	for _, w := range []string{"Düsseldorf", "not checked here", "`data.objekttitel`"} {
		if !strings.Contains(text, w) {
			t.Errorf("%q missing in:\n%s", w, text)
		}
	}
}
