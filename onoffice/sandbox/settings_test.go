package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

func TestSettingsBasicSettings(t *testing.T) {
	sb, c := startAPI(t, nil)
	res := mustCall(t, c, onoffice.VerbRead, "basicsettings", "", map[string]any{"data": map[string]any{"basicData": map[string]any{
		"characteristicsCi": []string{"color", "showLogoInQuickbar", "logo"},
		"team":              []string{"about"},
	}}})
	if len(res.Records) != 1 || res.Records[0].IDString() != "0" {
		t.Fatalf("want one record with id 0, got %+v", res.Records)
	}
	var el struct {
		BasicData map[string]map[string]any `json:"basicData"`
	}
	if err := json.Unmarshal(res.Records[0].Elements, &el); err != nil {
		t.Fatal(err)
	}
	want := basicSettings(sb.Store())
	ci := el.BasicData["characteristicsCi"]
	if len(ci) != 3 || ci["color"] != want["characteristicsCi"]["color"] || ci["showLogoInQuickbar"] != true {
		t.Errorf("characteristicsCi = %v", ci)
	}
	if logo, _ := ci["logo"].(string); !strings.HasPrefix(mustB64(t, logo), "\x89PNG") {
		t.Errorf("logo is not base64 PNG data")
	}
	if el.BasicData["team"]["about"] != want["team"]["about"] {
		t.Errorf("team.about = %v", el.BasicData["team"]["about"])
	}
	if _, ok := el.BasicData["permissions"]; ok {
		t.Errorf("permissions returned although not asked for")
	}
	if res.Cacheable {
		t.Errorf("basic settings are documented as not cacheable")
	}
	runErrCases(t, c, []errCase{
		{"no data", onoffice.VerbRead, "basicsettings", "", nil, 167},
		{"unknown tab", onoffice.VerbRead, "basicsettings", "", map[string]any{"data": map[string]any{"mailSettings": map[string]any{}}}, 144},
		{"unknown category", onoffice.VerbRead, "basicsettings", "", map[string]any{"data": map[string]any{"basicData": map[string]any{"office": []string{"x"}}}}, 144},
		{"unknown key", onoffice.VerbRead, "basicsettings", "", map[string]any{"data": map[string]any{"basicData": map[string]any{"characteristicsCi": []string{"font"}}}}, 75},
	})
}

func mustB64(t *testing.T, s string) string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("not base64: %v", err)
	}
	return string(b)
}

func TestSettingsImprint(t *testing.T) {
	sb, c := startAPI(t, nil)
	imp := imprintData(sb.Store())
	res := mustCall(t, c, onoffice.VerbRead, "impressum", "", nil)
	if len(res.Records) != 1 || res.Records[0].IDString() != "impressum" {
		t.Fatalf("want one record with id impressum, got %+v", res.Records)
	}
	el := res.Records[0].Fields()
	if len(el) != len(imprintFields) || el["firma"] != imp["firma"] || el["country"] != "DEU" {
		t.Errorf("full imprint = %v", el)
	}

	res = mustCall(t, c, onoffice.VerbRead, "impressum", "", map[string]any{"data": []string{"country", "title"}, "formatoutput": true, "language": "ENG"})
	el = res.Records[0].Fields()
	if len(el) != 2 || el["country"] != "Germany" || (imp["title"] == "Herr" && el["title"] != "Mr") {
		t.Errorf("formatted ENG imprint = %v", el)
	}

	// User 17 belongs to an office group led from Köln: that office's imprint applies.
	user := sb.Store().Table("user").Get(17)
	res = mustCall(t, c, onoffice.VerbRead, "impressum", "17", map[string]any{"data": []string{"city", "street", "firma"}})
	el = res.Records[0].Fields()
	if el["city"] != user["Ort"] || el["street"] != user["Strasse"] || !strings.HasPrefix(el["firma"].(string), imp["firma"]) {
		t.Errorf("office imprint of user 17 = %v, user %v", el, user)
	}
	runErrCases(t, c, []errCase{
		{"unknown field", onoffice.VerbRead, "impressum", "", map[string]any{"data": []string{"ceo"}}, 75},
		{"unknown user", onoffice.VerbRead, "impressum", "999", nil, 251},
		{"bad language", onoffice.VerbRead, "impressum", "", map[string]any{"language": "de"}, 160},
	})
}

func TestSettingsGroups(t *testing.T) {
	sb, c := startAPI(t, nil)
	all := sb.Store().Table("group").Records
	count := func(pred func(Record) bool) int {
		n := 0
		for _, r := range all {
			if pred(r) {
				n++
			}
		}
		return n
	}
	tests := []struct {
		filter string
		want   int
	}{
		{"", len(all)},
		{"officeGroups", count(func(r Record) bool { return r["groupType"] == "GroupOffice" })},
		{"noRegionGroups", count(func(r Record) bool { return r["groupType"] != "GroupRegion" })},
	}
	for _, tc := range tests {
		t.Run("filter "+tc.filter, func(t *testing.T) {
			params := map[string]any{}
			if tc.filter != "" {
				params["groupfilter"] = tc.filter
			}
			res := mustCall(t, c, onoffice.VerbGet, "groups", "", params)
			if len(res.Records) != tc.want || tc.want == 0 {
				t.Fatalf("%d groups, want %d", len(res.Records), tc.want)
			}
			for _, rec := range res.Records {
				var el struct {
					ID        int    `json:"id"`
					Name      string `json:"name"`
					GroupType string `json:"groupType"`
					UserIDs   []int  `json:"userIds"`
					Leaders   []int  `json:"leaders"`
				}
				if err := json.Unmarshal(rec.Elements, &el); err != nil {
					t.Fatal(err)
				}
				stored := sb.Store().Table("group").Get(el.ID)
				if stored == nil || rec.IDString() != strconv.Itoa(el.ID) || el.Name != stored["name"] || len(el.UserIDs) != len(toIntList(stored["userIds"])) {
					t.Errorf("group %s = %+v, stored %v", rec.IDString(), el, stored)
				}
				if tc.filter == "officeGroups" && el.GroupType != "GroupOffice" {
					t.Errorf("officeGroups returned a %s", el.GroupType)
				}
				if el.GroupType == "GroupRegion" && len(el.Leaders) == 0 {
					t.Errorf("region group %d lists no leaders of its offices", el.ID)
				}
			}
		})
	}
	runErrCases(t, c, []errCase{{"bad filter", onoffice.VerbGet, "groups", "", map[string]any{"groupfilter": "regionGroups"}, 255}})
}

func TestSettingsReadUser(t *testing.T) {
	sb, c := startAPI(t, nil)
	users := sb.Store().Table("user").Records
	res := mustCall(t, c, onoffice.VerbRead, "user", "", map[string]any{"data": []string{"Nr", "Name", "Nachname"}, "sortby": map[string]any{"Nachname": "ASC"}})
	if res.Total != len(users) || len(res.Records) != len(users) {
		t.Fatalf("%d of %d users, want %d", len(res.Records), res.Total, len(users))
	}
	var last string
	for _, rec := range res.Records {
		el := rec.Fields()
		id, _ := strconv.Atoi(rec.IDString())
		stored := sb.Store().Table("user").Get(id)
		if el["Nr"] != rec.IDString() || el["Name"] != stored["Name"] || rec.Type != "user" {
			t.Errorf("user %s = %v", rec.IDString(), el)
		}
		if n := el["Nachname"].(string); n < last {
			t.Errorf("not sorted by Nachname: %q after %q", n, last)
		} else {
			last = n
		}
	}
	one := mustCall(t, c, onoffice.VerbRead, "user", "17", map[string]any{"data": []string{"email"}})
	if len(one.Records) != 1 || one.Records[0].Fields()["email"] != sb.Store().Table("user").Get(17)["email"] {
		t.Errorf("user 17 = %+v", one.Records)
	}
	like := mustCall(t, c, onoffice.VerbRead, "user", "", map[string]any{"data": []string{"Nachname"}, "filter": map[string]any{"Nachname": []any{map[string]any{"op": "like", "val": "Schm%"}}}})
	if len(like.Records) == 0 {
		t.Errorf("no user matches Schm%%")
	}
	for _, rec := range like.Records {
		if !strings.HasPrefix(rec.Fields()["Nachname"].(string), "Schm") {
			t.Errorf("filter let %v through", rec.Fields())
		}
	}
	runErrCases(t, c, []errCase{
		{"unknown field", onoffice.VerbRead, "user", "", map[string]any{"data": []string{"Passwort"}}, 75},
		{"unknown filter field", onoffice.VerbRead, "user", "", map[string]any{"data": []string{"Name"}, "filter": map[string]any{"Gehalt": []any{map[string]any{"op": "=", "val": 1}}}}, 141},
	})
}

func TestSettingsGetUsers(t *testing.T) {
	sb, c := startAPI(t, nil)
	users := sb.Store().Table("user").Records
	res := mustCall(t, c, onoffice.VerbGet, "users", "", nil)
	if len(res.Records) != len(users) {
		t.Fatalf("%d users, want %d", len(res.Records), len(users))
	}
	el := res.Records[0].Fields()
	if el["username"] != users[0]["Name"] || el["lastname"] != users[0]["Nachname"] || el["id"] != float64(idOf(users[0])) {
		t.Errorf("first user = %v", el)
	}
	var office sandboxGroup
	for _, g := range sandboxGroups(sb.Store()) {
		if g.Type == "GroupOffice" && len(g.Users) > 1 {
			office = g
			break
		}
	}
	res = mustCall(t, c, onoffice.VerbGet, "users", "", map[string]any{"userfilter": "byGroupId", "groupId": office.ID})
	var got []int
	for _, rec := range res.Records {
		id, _ := strconv.Atoi(rec.IDString())
		got = append(got, id)
	}
	sort.Ints(got)
	want := append([]int(nil), office.Users...)
	sort.Ints(want)
	if len(got) != len(want) {
		t.Fatalf("members of group %d = %v, want %v", office.ID, got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("members of group %d = %v, want %v", office.ID, got, want)
			break
		}
	}
	own := mustCall(t, c, onoffice.VerbGet, "users", "", map[string]any{"userfilter": "onlyOwn"})
	if len(own.Records) != 1 || own.Records[0].IDString() != strconv.Itoa(apiUserID(sb.Store())) {
		t.Fatalf("onlyOwn = %+v", own.Records)
	}
	if _, ok := own.Records[0].Fields()["NeuerTerminFuer"]; !ok {
		t.Errorf("onlyOwn lacks NeuerTerminFuer")
	}
	runErrCases(t, c, []errCase{
		{"byGroupId without groupId", onoffice.VerbGet, "users", "", map[string]any{"userfilter": "byGroupId"}, 167},
		{"unknown group", onoffice.VerbGet, "users", "", map[string]any{"userfilter": "byGroupId", "groupId": 9999}, 272},
		{"bad filter", onoffice.VerbGet, "users", "", map[string]any{"userfilter": "everyone"}, 255},
	})
}

func TestSettingsUserPhotos(t *testing.T) {
	sb, c := startAPI(t, nil)
	users := sb.Store().Table("user").Records
	res := mustCall(t, c, onoffice.VerbRead, "userphoto", "", map[string]any{"photosAsLinks": true})
	if len(res.Records) != len(users) {
		t.Fatalf("%d photos, want %d", len(res.Records), len(users))
	}
	var withPhoto, without int
	for _, rec := range res.Records {
		id, _ := strconv.Atoi(rec.IDString())
		photo := rec.Fields()["photo"]
		switch userPhotoKind(id) {
		case "":
			if photo != nil {
				t.Errorf("user %d has no photo but got %v", id, photo)
			}
			without++
		default:
			if s, _ := photo.(string); !strings.HasPrefix(s, "https://") {
				t.Errorf("user %d photo link = %v", id, photo)
			}
			withPhoto++
		}
		if rec.Type != "user" {
			t.Errorf("record type %q", rec.Type)
		}
	}
	if withPhoto == 0 || without == 0 {
		t.Errorf("want users with and without photo, got %d/%d", withPhoto, without)
	}
	var photoUser int
	for _, u := range users {
		if userPhotoKind(idOf(u)) == "own" {
			photoUser = idOf(u)
			break
		}
	}
	one := mustCall(t, c, onoffice.VerbRead, "userphoto", strconv.Itoa(photoUser), nil)
	if len(one.Records) != 1 {
		t.Fatalf("photo of user %d: %d records", photoUser, len(one.Records))
	}
	if data, _ := one.Records[0].Fields()["photo"].(string); !bytes.HasPrefix([]byte(mustB64(t, data)), []byte("\x89PNG")) {
		t.Errorf("base64 photo is not a PNG")
	}
	filtered := mustCall(t, c, onoffice.VerbRead, "userphoto", "", map[string]any{"photosAsLinks": true,
		"filter": map[string]any{"Nr": []any{map[string]any{"op": "in", "val": []int{idOf(users[0]), idOf(users[1])}}}}, "sortby": map[string]any{"Nr": "DESC"}})
	if len(filtered.Records) != 2 || filtered.Records[0].IDString() != strconv.Itoa(idOf(users[1])) {
		t.Errorf("filtered photos = %+v", filtered.Records)
	}
	limited := mustCall(t, c, onoffice.VerbRead, "userphoto", "", map[string]any{"photosAsLinks": true, "listlimit": 2})
	if len(limited.Records) != 2 {
		t.Errorf("listlimit 2 gave %d", len(limited.Records))
	}
	uid := messengerUID(idOf(users[2]))
	byMsg := mustCall(t, c, onoffice.VerbRead, "userphoto", "", map[string]any{"photosAsLinks": true, "messengerUIds": []int{uid}})
	if len(byMsg.Records) != 1 || byMsg.Records[0].Fields()["messengerUId"] != float64(uid) {
		t.Errorf("messenger lookup = %+v", byMsg.Records)
	}
}

func TestSettingsUserRights(t *testing.T) {
	sb, c := startAPI(t, nil)
	st := sb.Store()
	// Find an estate of a non-leader agent and a non-leader colleague outside that office.
	var estate, owner, stranger int
	for _, r := range st.Table("estate").Records {
		u, _ := r["benutzer"].(int)
		if u == 0 || isLeader(st, u) {
			continue
		}
		for _, o := range st.Table("user").Records {
			cand := idOf(o)
			if cand == u || isLeader(st, cand) || hasRight(st, cand, "modify", "estate", r) {
				continue
			}
			estate, owner, stranger = idOf(r), u, cand
			break
		}
		if estate > 0 {
			break
		}
	}
	if estate == 0 {
		t.Skip("seed has no estate of a non-leader with an unrelated colleague")
	}
	ids := []string{strconv.Itoa(estate), "99999999"}
	check := func(action string, user int) []string {
		res := mustCall(t, c, onoffice.VerbGet, "checkuserrecordsright", "", map[string]any{"action": action, "module": "estate", "userid": user, "recordIds": ids})
		if len(res.Records) != 1 {
			t.Fatalf("want one record, got %d", len(res.Records))
		}
		var list []string
		if err := json.Unmarshal(res.Records[0].Elements, &list); err != nil {
			t.Fatalf("elements is not a list of ids: %s", res.Records[0].Elements)
		}
		if res.Total != len(list) {
			t.Errorf("cntabsolute %d for %d ids", res.Total, len(list))
		}
		return list
	}
	if got := check("modify", owner); len(got) != 1 || got[0] != ids[0] {
		t.Errorf("owner %d may modify %v, want [%s]", owner, got, ids[0])
	}
	if got := check("modify", stranger); len(got) != 0 {
		t.Errorf("user %d from another office may modify %v", stranger, got)
	}
	if got := check("read", stranger); len(got) != 1 {
		t.Errorf("read right of user %d = %v", stranger, got)
	}
	runErrCases(t, c, []errCase{
		{"no action", onoffice.VerbGet, "checkuserrecordsright", "", map[string]any{"module": "estate", "userid": owner, "recordIds": ids}, 247},
		{"bad module", onoffice.VerbGet, "checkuserrecordsright", "", map[string]any{"action": "read", "module": "estates", "userid": owner, "recordIds": ids}, 163},
		{"unknown user", onoffice.VerbGet, "checkuserrecordsright", "", map[string]any{"action": "read", "module": "estate", "userid": 4242, "recordIds": ids}, 251},
		{"no ids", onoffice.VerbGet, "checkuserrecordsright", "", map[string]any{"action": "read", "module": "estate", "userid": owner}, 185},
	})
}

func TestSettingsAccessControl(t *testing.T) {
	sb, c := startAPI(t, nil)
	st := sb.Store()
	estate := idOf(st.Table("estate").Records[0])
	var office sandboxGroup
	for _, g := range sandboxGroups(st) {
		if g.Type == "GroupOffice" && len(g.Leaders) > 0 && g.Leaders[0] != apiUserID(st) {
			office = g
			break
		}
	}
	var outsider int
	for _, u := range st.Table("user").Records {
		if !hasInt(office.Users, idOf(u)) {
			outsider = idOf(u)
			break
		}
	}
	res := mustCall(t, c, onoffice.VerbDo, "accessControl", "", map[string]any{
		"acTemplate": "Nur " + office.Name, "module": "estate", "recordId": estate, "templateOwner": office.Leaders[0]})
	if len(res.Records) != 1 || res.Records[0].Fields()["success"] != "success" {
		t.Fatalf("answer = %+v", res.Records)
	}
	read := func(user int) int {
		r := mustCall(t, c, onoffice.VerbGet, "checkuserrecordsright", "", map[string]any{"action": "read", "module": "estate", "userid": user, "recordIds": []int{estate}})
		var list []string
		_ = json.Unmarshal(r.Records[0].Elements, &list)
		return len(list)
	}
	if read(office.Users[0]) != 1 {
		t.Errorf("office member %d lost read access", office.Users[0])
	}
	if read(outsider) != 0 {
		t.Errorf("outsider %d can still read estate %d after the stamp", outsider, estate)
	}
	good := map[string]any{"acTemplate": "Nur " + office.Name, "module": "estate", "recordId": estate, "templateOwner": office.Leaders[0]}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range good {
			m[kk] = vv
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	runErrCases(t, c, []errCase{
		{"missing template", onoffice.VerbDo, "accessControl", "", with("acTemplate", nil), 167},
		{"bad module", onoffice.VerbDo, "accessControl", "", with("module", "agents_log"), 163},
		{"unknown record", onoffice.VerbDo, "accessControl", "", with("recordId", 1), 80},
		{"unknown owner", onoffice.VerbDo, "accessControl", "", with("templateOwner", 4242), 251},
		{"template of someone else", onoffice.VerbDo, "accessControl", "", with("templateOwner", outsider), 255},
	})
}

func TestSettingsMultiselectConfiguration(t *testing.T) {
	sb, c := startAPI(t, nil)
	st := sb.Store()
	var field string
	for _, name := range st.FieldOrder["address"] {
		if st.Fields["address"][name].Type == "multiselect" {
			field = name
			break
		}
	}
	f := st.Fields["address"][field]
	res := mustCall(t, c, onoffice.VerbGet, "multiselectconfiguration", "", map[string]any{"module": "address", "fields": []string{field}, "language": "ENG"})
	if len(res.Records) != len(f.Permitted) {
		t.Fatalf("%d values of %s, want %d", len(res.Records), field, len(f.Permitted))
	}
	for i, rec := range res.Records {
		var el struct {
			Field, Fieldcontent, Multiselectfield string
			Position, Level, Active               int
			Parent                                *string
		}
		if err := json.Unmarshal(rec.Elements, &el); err != nil {
			t.Fatal(err)
		}
		o := f.Permitted[i]
		if el.Field != o.Key || el.Fieldcontent != label(o.Label, "ENG") || el.Multiselectfield != field || el.Position != i+1 || el.Level != 1 || el.Active != 1 || el.Parent != nil {
			t.Errorf("value %d = %+v, want key %s", i, el, o.Key)
		}
		if rec.IDString() == "0" {
			t.Errorf("value without numeric id")
		}
	}
	runErrCases(t, c, []errCase{
		{"no module", onoffice.VerbGet, "multiselectconfiguration", "", map[string]any{"fields": []string{field}}, 167},
		{"no fields", onoffice.VerbGet, "multiselectconfiguration", "", map[string]any{"module": "address"}, 167},
		{"bad module", onoffice.VerbGet, "multiselectconfiguration", "", map[string]any{"module": "adressen", "fields": []string{field}}, 163},
		{"unknown field", onoffice.VerbGet, "multiselectconfiguration", "", map[string]any{"module": "address", "fields": []string{"Hobbys"}}, 75},
		{"not a select", onoffice.VerbGet, "multiselectconfiguration", "", map[string]any{"module": "address", "fields": []string{"Vorname"}}, 171},
	})
}

func TestSettingsActionKindTypes(t *testing.T) {
	sb, c := startAPI(t, nil)
	st := sb.Store()
	res := mustCall(t, c, onoffice.VerbGet, "actionkindtypes", "", nil)
	kinds := st.Fields["agentsLog"]["Aktionsart"].Permitted
	if len(res.Records) != len(kinds) {
		t.Fatalf("%d kinds, want %d (the Aktionsart keys)", len(res.Records), len(kinds))
	}
	types := map[string]map[string]string{}
	for i, rec := range res.Records {
		var el struct {
			Key   string          `json:"key"`
			Label string          `json:"label"`
			Types json.RawMessage `json:"types"`
		}
		if err := json.Unmarshal(rec.Elements, &el); err != nil {
			t.Fatal(err)
		}
		if el.Key != kinds[i].Key || rec.Type != "actionkind" {
			t.Errorf("kind %d = %s, want %s", i, el.Key, kinds[i].Key)
		}
		var m map[string]string
		if json.Unmarshal(el.Types, &m) != nil && string(el.Types) != "[]" {
			t.Errorf("types of %s = %s, want an object or []", el.Key, el.Types)
		}
		types[el.Key] = m
	}
	// Every seeded agents-log entry must use a listed kind/type pair.
	for _, r := range st.Table("agentslog").Records {
		kind, _ := r["Aktionsart"].(string)
		typ, _ := r["Aktionstyp"].(string)
		ts, ok := types[kind]
		if !ok {
			t.Errorf("agents log %d uses unknown kind %q", idOf(r), kind)
			continue
		}
		if _, ok := ts[typ]; typ != "" && !ok {
			t.Errorf("agents log %d uses type %q, not listed for kind %q", idOf(r), typ, kind)
		}
	}
	eng := mustCall(t, c, onoffice.VerbGet, "actionkindtypes", "", map[string]any{"lang": "ENG", "allowAutomaticTypesForActionKind": []string{"Email"}})
	for _, rec := range eng.Records {
		el := rec.Fields()
		if el["key"] != "Email" {
			continue
		}
		ts := el["types"].(map[string]any)
		if ts["Eingang"] != "Incoming" || ts["Serienmail"] == nil {
			t.Errorf("ENG Email types with automatic ones = %v", ts)
		}
	}
	runErrCases(t, c, []errCase{
		{"unknown kind", onoffice.VerbGet, "actionkindtypes", "", map[string]any{"allowAutomaticTypesForActionKind": []string{"Fax"}}, 100},
		{"bad lang", onoffice.VerbGet, "actionkindtypes", "", map[string]any{"lang": "english"}, 160},
	})
}

func TestSettingsRegions(t *testing.T) {
	sb, c := startAPI(t, nil)
	res := mustCall(t, c, onoffice.VerbGet, "regions", "", map[string]any{"language": "DEU"})
	tree := Regions(sb.Store())
	if len(res.Records) != len(tree) || len(tree) < 5 {
		t.Fatalf("%d top-level regions, want %d", len(res.Records), len(tree))
	}
	type node struct {
		ID       string          `json:"id"`
		Name     string          `json:"name"`
		State    string          `json:"state"`
		Country  string          `json:"country"`
		Children json.RawMessage `json:"children"`
	}
	nodes := 0
	var find func(raw json.RawMessage, name string) *node
	find = func(raw json.RawMessage, name string) *node {
		var n node
		if json.Unmarshal(raw, &n) != nil {
			return nil
		}
		nodes++
		var found *node
		if n.Name == name {
			found = &n
		}
		var children map[string]json.RawMessage
		if json.Unmarshal(n.Children, &children) == nil {
			for key, c := range children {
				if f := find(c, name); f != nil {
					found = f
					if f.ID != key {
						t.Errorf("child key %s holds region %s", key, f.ID)
					}
				}
			}
		} else if string(n.Children) != "[]" {
			t.Errorf("children of %s = %s", n.Name, n.Children)
		}
		return found
	}
	var koeln *node
	for _, rec := range res.Records {
		if f := find(rec.Elements, "Köln"); f != nil {
			koeln = f
		}
	}
	if res.Total != nodes {
		t.Errorf("cntabsolute %d, counted %d nodes", res.Total, nodes)
	}
	if koeln == nil || koeln.State != "Nordrhein-Westfalen" || koeln.Country != "Deutschland" {
		t.Fatalf("Köln = %+v", koeln)
	}
	var districts map[string]json.RawMessage
	if json.Unmarshal(koeln.Children, &districts) != nil || len(districts) == 0 {
		t.Errorf("Köln has no districts")
	}

	hits := mustCall(t, c, onoffice.VerbGet, "regionsLiveSearch", "", map[string]any{"searchstring": "ehrenf"})
	var list []struct{ Key, Title, Field string }
	if len(hits.Records) != 1 || json.Unmarshal(hits.Records[0].Elements, &list) != nil || len(list) == 0 {
		t.Fatalf("live search = %+v", hits.Records)
	}
	if list[0].Title != "Nordrhein-Westfalen - Köln - Ehrenfeld" || !strings.HasPrefix(list[0].Key, "3_") {
		t.Errorf("hit = %+v", list[0])
	}
	if _, ok := districts[list[0].Field]; !ok {
		t.Errorf("hit field %s is not a child of Köln", list[0].Field)
	}
	runErrCases(t, c, []errCase{
		{"no search string", onoffice.VerbGet, "regionsLiveSearch", "", nil, 167},
		{"too short", onoffice.VerbGet, "regionsLiveSearch", "", map[string]any{"searchstring": "K"}, 151},
		{"bad language", onoffice.VerbGet, "regions", "", map[string]any{"language": "Deutsch"}, 160},
	})
}
