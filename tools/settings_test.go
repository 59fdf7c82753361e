package tools_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// TestSettingsTools runs every settings tool through one harness: building
// the seeded sandbox is the expensive part. The access-control test changes
// record rights and runs last.
func TestSettingsTools(t *testing.T) {
	runShared(t, []sharedTest{
		{"BasicSettingsRead", testBasicSettingsRead},
		{"ImprintRead", testImprintRead},
		{"GroupList", testGroupList},
		{"UserRead", testUserRead},
		{"UserList", testUserList},
		{"UserPhotoRead", testUserPhotoRead},
		{"UserRightsCheck", testUserRightsCheck},
		{"MultiselectConfigGet", testMultiselectConfigGet},
		{"ActionTypeList", testActionTypeList},
		{"RegionListAndSearch", testRegionListAndSearch},
		{"FieldConfigGet", testFieldConfigGet},
		{"AccessControlApply", testAccessControlApply},
	})
}

func stgUsers(h *toolstest.Harness) []sandbox.Record { return h.Sandbox.Store().Table("user").Records }

func testBasicSettingsRead(t *testing.T, h *toolstest.Harness) {
	text := callOK(t, h, "basic_settings_read", `{}`)
	settings := h.Sandbox.Store().Extra["basicsettings"].(map[string]map[string]any)
	for _, want := range []string{
		"characteristicsCi.color: " + settings["characteristicsCi"]["color"].(string),
		"characteristicsCi.claim: " + settings["characteristicsCi"]["claim"].(string),
		"team.about: " + settings["team"]["about"].(string)[:30],
		"permissions./onOfficeApp/timetracking/enabled: yes",
		"characteristicsCi.logo: [PNG image",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if logo := settings["characteristicsCi"]["logo"].(string); strings.Contains(text, logo[:40]) {
		t.Errorf("logo image data reached the model")
	}
	text = callOK(t, h, "basic_settings_read", `{"characteristicsCi":["color2"]}`)
	if strings.Contains(text, "team.") || !strings.Contains(text, settings["characteristicsCi"]["color2"].(string)) {
		t.Errorf("only color2 asked for, got:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"unknown CI key", "basic_settings_read", `{"characteristicsCi":["font"]}`, "characteristicsCi"},
		{"unknown argument", "basic_settings_read", `{"logo":true}`, "logo"},
		{"wrong type", "basic_settings_read", `{"team":5}`, "team"},
	})
}

func testImprintRead(t *testing.T, h *toolstest.Harness) {
	text := callOK(t, h, "imprint_read", `{"data":["firma","handelsregisterNr","ustId"]}`)
	imp := h.Sandbox.Store().Extra["impressum"].(map[string]string)
	for _, k := range []string{"firma", "handelsregisterNr", "ustId"} {
		if !strings.Contains(text, k+": "+condense.Untrusted(imp[k])) {
			t.Errorf("missing %s in:\n%s", k, text)
		}
	}
	if strings.Contains(text, "iban") {
		t.Errorf("unrequested field in:\n%s", text)
	}
	u := h.Sandbox.Store().Table("user").Get(17)
	text = callOK(t, h, "imprint_read", `{"userid":17,"data":["city"],"formatoutput":true}`)
	if !strings.Contains(text, "city: "+condense.Untrusted(u["Ort"].(string))) || lastRequest(t, h, "impressum").ResourceID != "17" {
		t.Errorf("imprint of user 17 (Ort %v):\n%s", u["Ort"], text)
	}
	runBadCalls(t, h, []badCall{
		{"unknown field", "imprint_read", `{"data":["ceo"]}`, "data"},
		{"bad language", "imprint_read", `{"language":"de"}`, "language"},
		{"bad user id", "imprint_read", `{"userid":0}`, "userid"},
		{"user id text", "imprint_read", `{"userid":"Hansen"}`, "userid"},
	})
}

func testGroupList(t *testing.T, h *toolstest.Harness) {
	groups := h.Sandbox.Store().Table("group").Records
	text := callOK(t, h, "group_list", `{}`)
	for _, g := range groups {
		if !strings.Contains(text, "\n"+strconv.Itoa(g["Id"].(int))+"|"+g["name"].(string)+"|") {
			t.Errorf("group %v missing in:\n%s", g["name"], text)
		}
	}
	text = callOK(t, h, "group_list", `{"groupfilter":"officeGroups"}`)
	for _, g := range groups {
		if in := strings.Contains(text, "|"+g["name"].(string)+"|"); in != (g["groupType"] == "GroupOffice") {
			t.Errorf("officeGroups: %v (%v) shown=%v:\n%s", g["name"], g["groupType"], in, text)
		}
	}
	runBadCalls(t, h, []badCall{{"bad filter", "group_list", `{"groupfilter":"regions"}`, "groupfilter"}})
}

func testUserRead(t *testing.T, h *toolstest.Harness) {
	users := stgUsers(h)
	text := callOK(t, h, "user_read", `{}`)
	if !strings.Contains(text, fmt.Sprintf("users 1–%d of %d", len(users), len(users))) {
		t.Errorf("header wrong:\n%s", text)
	}
	for _, u := range users {
		if !strings.Contains(text, "\n"+strconv.Itoa(u["Id"].(int))+"|"+u["Name"].(string)+"|") {
			t.Errorf("user %v missing:\n%s", u["Name"], text)
		}
	}
	u := h.Sandbox.Store().Table("user").Get(21)
	text = callOK(t, h, "user_read", `{"id":21,"data":["Vorname","Nachname","email"]}`)
	if !strings.Contains(text, "Nachname: "+u["Nachname"].(string)) || !strings.Contains(text, "email: "+u["email"].(string)) {
		t.Errorf("user 21:\n%s", text)
	}
	text = callOK(t, h, "user_read", `{"data":["Nachname"],"filter":{"Nachname":[{"op":"like","val":"Schm%"}]},"listlimit":5}`)
	if !strings.Contains(text, "Schmidt") || strings.Contains(text, "Hansen") {
		t.Errorf("filtered users:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"unknown field", "user_read", `{"data":["Nachnahme"]}`, "data"},
		{"unknown filter field", "user_read", `{"filter":{"Vornahme":[{"op":">","val":1}]}}`, "filter"},
		{"bad operator", "user_read", `{"filter":{"Name":[{"op":"~","val":"x"}]}}`, "filter"},
		{"bad sort", "user_read", `{"sortby":{"Nachname":"UP"}}`, "sortby"},
		{"limit too large", "user_read", `{"listlimit":501}`, "listlimit"},
		{"negative offset", "user_read", `{"listoffset":-1}`, "listoffset"},
	})
}

func testUserList(t *testing.T, h *toolstest.Harness) {
	users := stgUsers(h)
	text := callOK(t, h, "user_list", `{}`)
	for _, u := range users {
		if !strings.Contains(text, "\n"+strconv.Itoa(u["Id"].(int))+"|"+u["Name"].(string)+"|") {
			t.Errorf("user %v missing:\n%s", u["Name"], text)
		}
	}
	var group sandbox.Record
	for _, g := range h.Sandbox.Store().Table("group").Records {
		if len(g["userIds"].([]int)) >= 2 {
			group = g
			break
		}
	}
	members := group["userIds"].([]int)
	text = callOK(t, h, "user_list", fmt.Sprintf(`{"groupId":%d}`, group["Id"]))
	if !strings.HasPrefix(text, fmt.Sprintf("%d users", len(members))) {
		t.Errorf("members of %v (%v):\n%s", group["name"], members, text)
	}
	for _, id := range members {
		if !strings.Contains(text, "\n"+strconv.Itoa(id)+"|") {
			t.Errorf("member %d missing:\n%s", id, text)
		}
	}
	if p := lastRequest(t, h, "users").Parameters; p["userfilter"] != "byGroupId" {
		t.Errorf("parameters sent: %v", p)
	}
	text = callOK(t, h, "user_list", `{"userfilter":"onlyOwn"}`)
	if !strings.Contains(text, "username: mhansen") || strings.Contains(text, "jschmidt") || strings.Contains(text, "NeuerTerminFuer") {
		t.Errorf("onlyOwn:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"byGroupId without group", "user_list", `{"userfilter":"byGroupId"}`, "groupId"},
		{"group with other filter", "user_list", `{"userfilter":"onlyOwn","groupId":301}`, "groupId"},
		{"bad filter", "user_list", `{"userfilter":"all"}`, "userfilter"},
		{"group id text", "user_list", `{"groupId":"Büro"}`, "groupId"},
	})
}

func testUserPhotoRead(t *testing.T, h *toolstest.Harness) {
	users := stgUsers(h)
	text := callOK(t, h, "user_photo_read", `{}`)
	if !strings.HasPrefix(text, fmt.Sprintf("%d user photos", len(users))) || !strings.Contains(text, "https://") || !strings.Contains(text, "No photo: user ") {
		t.Errorf("photos:\n%s", text)
	}
	if p := lastRequest(t, h, "userphoto").Parameters; p["photosAsLinks"] != true {
		t.Errorf("photos not requested as links: %v", p)
	}
	if len(text) > 3000 {
		t.Errorf("answer too long (%d characters): image data?", len(text))
	}
	id := users[0]["Id"].(int)
	text = callOK(t, h, "user_photo_read", fmt.Sprintf(`{"filter":{"Nr":[{"op":"=","val":%d}]}}`, id))
	if !strings.HasPrefix(text, "1 user photos") || !strings.Contains(text, strconv.Itoa(id)) {
		t.Errorf("photo of user %d:\n%s", id, text)
	}
	runBadCalls(t, h, []badCall{
		{"unknown filter field", "user_photo_read", `{"filter":{"Nachnahme":[{"op":"=","val":1}]}}`, "filter"},
		{"limit zero", "user_photo_read", `{"listlimit":0}`, "listlimit"},
		{"base64 not offered", "user_photo_read", `{"photosAsLinks":false}`, "photosAsLinks"},
	})
}

func testUserRightsCheck(t *testing.T, h *toolstest.Harness) {
	estate := h.Sandbox.Store().Table("estate").Records[0]["Id"].(int)
	text := callOK(t, h, "user_rights_check", fmt.Sprintf(`{"action":"read","module":"estate","userid":17,"recordIds":[%d,99999999]}`, estate))
	want := fmt.Sprintf("User 17 may read 1 of 2 estate records.\nAllowed: %d\nNot allowed (or no such record): 99999999", estate)
	if text != want {
		t.Errorf("got:\n%s\nwant:\n%s", text, want)
	}
	runBadCalls(t, h, []badCall{
		{"missing records", "user_rights_check", `{"action":"read","module":"estate","userid":17}`, "recordIds"},
		{"empty records", "user_rights_check", `{"action":"read","module":"estate","userid":17,"recordIds":[]}`, "recordIds"},
		{"bad action", "user_rights_check", `{"action":"write","module":"estate","userid":17,"recordIds":[1]}`, "action"},
		{"bad module", "user_rights_check", `{"action":"read","module":"agentsLog","userid":17,"recordIds":[1]}`, "module"},
		{"user text", "user_rights_check", `{"action":"read","module":"estate","userid":"Julia","recordIds":[1]}`, "userid"},
	})
}

func testMultiselectConfigGet(t *testing.T, h *toolstest.Harness) {
	st := h.Sandbox.Store()
	var field string
	for _, n := range st.FieldOrder["address"] {
		if st.Fields["address"][n].Type == "multiselect" {
			field = n
			break
		}
	}
	text := callOK(t, h, "multiselect_config_get", fmt.Sprintf(`{"module":"address","fields":[%q]}`, field))
	f := st.Fields["address"][field]
	if !strings.Contains(text, fmt.Sprintf("%s (%d values): ", field, len(f.Permitted))) {
		t.Errorf("header of %s:\n%s", field, text)
	}
	for _, o := range f.Permitted {
		if !strings.Contains(text, o.Key+"="+o.Label["DEU"]) {
			t.Errorf("value %s missing:\n%s", o.Key, text)
		}
	}
	runBadCalls(t, h, []badCall{
		{"unknown field", "multiselect_config_get", `{"module":"address","fields":["ArtDatn"]}`, "did you mean `ArtDaten`"},
		{"not a select", "multiselect_config_get", `{"module":"address","fields":["Vorname"]}`, "fields"},
		{"no fields", "multiselect_config_get", `{"module":"address","fields":[]}`, "fields"},
		{"bad module", "multiselect_config_get", `{"module":"adressen","fields":["x"]}`, "module"},
		{"missing module", "multiselect_config_get", `{"fields":["x"]}`, "module"},
	})
}

func testActionTypeList(t *testing.T, h *toolstest.Harness) {
	text := callOK(t, h, "action_type_list", `{}`)
	kinds := h.Sandbox.Store().Fields["agentsLog"]["Aktionsart"].Permitted
	for _, k := range kinds {
		if !strings.Contains(text, "- "+k.Key) {
			t.Errorf("kind %s missing:\n%s", k.Key, text)
		}
	}
	if !strings.Contains(text, "Besichtigung") || !strings.Contains(text, "no types (leave Aktionstyp empty)") {
		t.Errorf("types missing:\n%s", text)
	}
	text = callOK(t, h, "action_type_list", `{"lang":"ENG","allowAutomaticTypesForActionKind":["Email"]}`)
	if !strings.Contains(text, "Eingang=Incoming") || !strings.Contains(text, "Serienmail") {
		t.Errorf("ENG with automatic types:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"unknown kind", "action_type_list", `{"allowAutomaticTypesForActionKind":["Mail"]}`, "allowAutomaticTypesForActionKind"},
		{"bad lang", "action_type_list", `{"lang":"en"}`, "lang"},
	})
}

func testRegionListAndSearch(t *testing.T, h *toolstest.Harness) {
	text := callOK(t, h, "region_list", `{}`)
	var koeln, ehrenfeld *sandbox.Region
	for _, st := range sandbox.Regions(h.Sandbox.Store()) {
		if !strings.Contains(text, "- "+st.Key+" "+st.Name+" (Bundesland)") {
			t.Errorf("state %s missing", st.Name)
		}
		for _, c := range st.Children {
			if c.Name == "Köln" {
				koeln = c
				for _, d := range c.Children {
					if d.Name == "Ehrenfeld" {
						ehrenfeld = d
					}
				}
			}
		}
	}
	if koeln == nil || ehrenfeld == nil {
		t.Fatal("sandbox has no Köln-Ehrenfeld region")
	}
	if !strings.Contains(text, "  - "+koeln.Key+" Köln (Kreisfreie Stadt) PLZ ") || !strings.Contains(text, "    - "+ehrenfeld.Key+" Ehrenfeld (Stadtteil) PLZ 50823") {
		t.Errorf("tree lacks Köln/Ehrenfeld:\n%s", text)
	}
	text = callOK(t, h, "region_search", `{"searchstring":"Ehrenf"}`)
	if !strings.Contains(text, "- "+ehrenfeld.Key+": Nordrhein-Westfalen - Köln - Ehrenfeld") {
		t.Errorf("search:\n%s", text)
	}
	text = callOK(t, h, "region_search", `{"searchstring":"Atlantis"}`)
	if !strings.Contains(text, "No region matches") {
		t.Errorf("search without hits:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"missing search string", "region_search", `{}`, "searchstring"},
		{"too short", "region_search", `{"searchstring":"K"}`, "searchstring"},
		{"blank", "region_search", `{"searchstring":"  "}`, "searchstring"},
		{"bad language", "region_list", `{"language":"deu"}`, "language"},
	})
}

func testAccessControlApply(t *testing.T, h *toolstest.Harness) {
	st := h.Sandbox.Store()
	estate := st.Table("estate").Records[1]
	id := estate["Id"].(int)
	// The office "Büro Nord" stamp, saved by its leader; an outsider loses read access.
	var office sandbox.Record
	for _, g := range st.Table("group").Records {
		if g["groupType"] == "GroupOffice" && len(g["leaders"].([]int)) > 0 && g["leaders"].([]int)[0] != 12 {
			office = g
			break
		}
	}
	leader := office["leaders"].([]int)[0]
	var outsider int
	for _, u := range stgUsers(h) {
		in := false
		for _, m := range office["userIds"].([]int) {
			in = in || m == u["Id"].(int)
		}
		if !in {
			outsider = u["Id"].(int)
			break
		}
	}
	args := fmt.Sprintf(`{"acTemplate":"Nur %s","module":"estate","recordId":%d,"templateOwner":%d}`, office["name"], id, leader)

	p, err := preview(t, h, "access_control_apply", args)
	if err != nil {
		t.Fatal(err)
	}
	title, _ := estate["objekttitel"].(string)
	if !strings.HasPrefix(p.Target, fmt.Sprintf("estate %d ", id)) || (title != "" && !strings.Contains(p.Target, title)) || p.RecordID != strconv.Itoa(id) {
		t.Errorf("preview target %q, record %q", p.Target, p.RecordID)
	}
	if len(p.Changes) == 0 || !strings.Contains(p.Changes[0], "Nur "+office["name"].(string)) {
		t.Errorf("preview changes %v", p.Changes)
	}
	if _, err := preview(t, h, "access_control_apply", `{"acTemplate":"x","module":"estate","recordId":1,"templateOwner":12}`); err == nil || !strings.Contains(err.Error(), "recordId") {
		t.Errorf("preview of a missing record: %v", err)
	}

	text := callOK(t, h, "access_control_apply", args)
	if !strings.Contains(text, fmt.Sprintf("applied to estate %d", id)) {
		t.Errorf("answer: %s", text)
	}
	text = callOK(t, h, "user_rights_check", fmt.Sprintf(`{"action":"read","module":"estate","userid":%d,"recordIds":[%d]}`, outsider, id))
	if !strings.Contains(text, "may read 0 of 1") {
		t.Errorf("outsider %d after the stamp: %s", outsider, text)
	}
	runBadCalls(t, h, []badCall{
		{"bad module", "access_control_apply", `{"acTemplate":"x","module":"agents_log","recordId":1,"templateOwner":12}`, "module"},
		{"missing owner", "access_control_apply", `{"acTemplate":"x","module":"estate","recordId":1}`, "templateOwner"},
		{"record zero", "access_control_apply", `{"acTemplate":"x","module":"estate","recordId":0,"templateOwner":12}`, "recordId"},
		{"empty template", "access_control_apply", `{"acTemplate":"","module":"estate","recordId":1,"templateOwner":12}`, "acTemplate"},
	})
	// An unknown stamp is onOffice's call to reject.
	wantAPIError(t, h, "unknown stamp", "access_control_apply", fmt.Sprintf(`{"acTemplate":"Gibt es nicht","module":"estate","recordId":%d,"templateOwner":%d}`, id, leader), "255")
}

func testFieldConfigGet(t *testing.T, h *toolstest.Harness) {
	text := callOK(t, h, "field_config_get", `{"modules":["user"],"fieldList":["online"]}`)
	if !strings.Contains(text, "- online (Zustand) singleselect [keys: ") || !strings.Contains(text, "active=Aktiv") {
		t.Errorf("field config:\n%s", text)
	}
	text = callOK(t, h, "field_config_get", `{"modules":["user"],"fieldList":["online","Nachnahme"]}`)
	if !strings.Contains(text, "- online (Zustand)") || !strings.Contains(text, "not a field of user: Nachnahme (did you mean `Nachname`") {
		t.Errorf("field config with a typo:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"no modules", "field_config_get", `{}`, "modules"},
		{"bad module", "field_config_get", `{"modules":["estates"]}`, "modules"},
	})
}

// TestSettingsToolSizes keeps the settings and marketplace tools within the tool-list budget.
func TestSettingsToolSizes(t *testing.T) {
	for _, tl := range tools.All() {
		if tl.Module != "settings" && tl.Module != "marketplace" {
			continue
		}
		if n := len(tl.Description) + len(tl.Schema()); n > 1300 {
			t.Errorf("%s: description + schema = %d characters", tl.Name, n)
		}
	}
}

// TestBasicSettingsRaw: raw answers pass onOffice's JSON on unmodified, so
// the logo must not even be requested.
func TestBasicSettingsRaw(t *testing.T) {
	h := toolstest.New(t, "--raw")
	text := callOK(t, h, "basic_settings_read", `{}`)
	settings := h.Sandbox.Store().Extra["basicsettings"].(map[string]map[string]any)
	if !strings.Contains(text, `"color":"`+settings["characteristicsCi"]["color"].(string)) || strings.Contains(text, `"logo"`) {
		t.Errorf("raw basic settings:\n%s", text)
	}
	runBadCalls(t, h, []badCall{{"logo only", "basic_settings_read", `{"characteristicsCi":["logo"]}`, "characteristicsCi"}})
}
