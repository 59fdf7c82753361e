package tools_test

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// Scenario tests: everyday requests of an estate agent, turned into the
// calls a careful assistant makes using only what the server says (tool
// descriptions, results, previews), over MCP against the sandbox. Each
// asserts the records found or written, not just that a call succeeded.

// listedIDs are the record ids of a list result, sorted: table rows start
// with the id, a single record has an "id: …" line.
func listedIDs(t *testing.T, res toolstest.Result) []int {
	t.Helper()
	if res.IsError {
		t.Fatalf("list failed: %s", res.Text)
	}
	var ids []int
	for _, line := range strings.Split(res.Text, "\n") {
		head, _, ok := strings.Cut(line, "|")
		if !ok {
			head, ok = strings.CutPrefix(line, "id: ")
		}
		if id, err := strconv.Atoi(head); ok && err == nil {
			ids = append(ids, id)
		}
	}
	sort.Ints(ids)
	return ids
}

// column returns one field of the first record of a result.
func column(t *testing.T, res toolstest.Result, name string) string {
	t.Helper()
	var header []string
	for _, line := range strings.Split(res.Text, "\n") {
		if v, ok := strings.CutPrefix(line, name+": "); ok {
			return v
		}
		cells := strings.Split(line, "|")
		if len(cells) > 1 && cells[0] == "id" {
			header = cells
			continue
		}
		if header != nil && len(cells) == len(header) {
			if i := slices.Index(header, name); i >= 0 {
				return cells[i]
			}
		}
	}
	t.Fatalf("no column %s in: %s", name, res.Text)
	return ""
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// "Which rental flats in Düsseldorf under 1,300 € cold rent?" The model
// copies labels it has seen in results (Miete, Wohnung) into the filter.
func TestScenarioRentalFlats(t *testing.T) {
	h := toolstest.New(t)
	// Düsseldorf and 1,300 € as asked, unless the sandbox's data has no
	// such flat: then the town with the most rental flats and its cheapest rent.
	flats := map[string][]float64{}
	for _, r := range h.Sandbox.Store().Table("estate").Records {
		if rent, ok := number(r["kaltmiete"]); ok && rent > 0 && r["vermarktungsart"] == "miete" && r["objektart"] == "wohnung" {
			flats[fmt.Sprint(r["ort"])] = append(flats[fmt.Sprint(r["ort"])], rent)
		}
	}
	town, limit := "Düsseldorf", 1300.0
	if !slices.ContainsFunc(flats[town], func(r float64) bool { return r < limit }) {
		for name, rents := range flats {
			if len(rents) > len(flats[town]) || (len(rents) == len(flats[town]) && name < town) {
				town = name
			}
		}
		limit = math.Ceil((slices.Min(flats[town])+1)/100) * 100
	}
	want := func() []int {
		var ids []int
		for _, r := range h.Sandbox.Store().Table("estate").Records {
			rent, ok := number(r["kaltmiete"])
			if ok && r["vermarktungsart"] == "miete" && r["objektart"] == "wohnung" && r["ort"] == town && rent > 0 && rent < limit {
				ids = append(ids, r["Id"].(int))
			}
		}
		sort.Ints(ids)
		return ids
	}()
	if len(want) == 0 {
		t.Fatalf("the sandbox has no rental flat in %s under %.0f €", town, limit)
	}
	t.Logf("rental flats in %s under %.0f €: %v", town, limit, want)
	args := fmt.Sprintf(`{"filter":{"vermarktungsart":[{"op":"=","val":"Miete"}],"objektart":[{"op":"=","val":"Wohnung"}],"ort":[{"op":"=","val":%q}],"kaltmiete":[{"op":">","val":0},{"op":"<","val":%g}]},"data":["objekttitel","ort","kaltmiete"],"listlimit":100}`, town, limit)
	if got := listedIDs(t, h.Call(t, "estate_read", args)); !slices.Equal(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	// "1,300" written the English way is not read as 1.3: refused, not a silent wrong answer.
	res := h.Call(t, "estate_read", `{"filter":{"kaltmiete":[{"op":"<","val":"1,300"}]}}`)
	if !res.IsError || !strings.Contains(res.Text, "`filter.kaltmiete`") || !strings.Contains(res.Text, "no thousands separators") {
		t.Errorf("1,300 as a filter value: %+v", res)
	}
}

// Every select field of the estate and address configuration, filtered by
// its label in German and in English, finds the same records as by its
// key; a label that names several keys is refused, never an empty result.
func TestScenarioSelectFiltersByLabel(t *testing.T) {
	h := toolstest.New(t)
	api := onoffice.New(h.URL, sandbox.DemoToken, sandbox.DemoSecret)
	cache := onoffice.NewFieldCache(api, time.Hour)
	compared := 0
	for _, m := range []struct{ module, table, tool string }{
		{"estate", "estate", "estate_read"},
		{"address", "address", "address_read"},
	} {
		deu, err := cache.Module(context.Background(), m.module, "DEU")
		if err != nil {
			t.Fatal(err)
		}
		eng, err := cache.Module(context.Background(), m.module, "ENG")
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range deu.Names() {
			f := deu.Fields[name]
			if len(f.Permitted) == 0 {
				continue
			}
			// labels maps each label, case-folded, to the keys it names.
			labels := map[string]map[string]bool{}
			for _, p := range []map[string]string{f.Permitted, eng.Fields[name].Permitted} {
				for k, l := range p {
					l = strings.ToLower(l)
					if labels[l] == nil {
						labels[l] = map[string]bool{}
					}
					labels[l][k] = true
				}
			}
			for _, key := range commonKeys(h.Sandbox.Store().Table(m.table).Records, name, f.Permitted) {
				filter := func(v string) string {
					return fmt.Sprintf(`{"filter":{%q:[{"op":"=","val":%q}]},"data":[%q],"listlimit":500}`, name, v, name)
				}
				byKey := h.Call(t, m.tool, filter(key))
				if byKey.IsError {
					t.Errorf("%s %s = key %q: %s", m.module, name, key, byKey.Text)
					continue
				}
				want := listedIDs(t, byKey)
				for lang, label := range map[string]string{"DEU": f.Permitted[key], "ENG": eng.Fields[name].Permitted[key]} {
					if label == "" || label == key {
						continue
					}
					if _, isKey := f.Permitted[label]; isKey {
						continue // the label is another key's name: the key wins
					}
					res := h.Call(t, m.tool, filter(label))
					if len(labels[strings.ToLower(label)]) > 1 {
						if !res.IsError || !strings.Contains(res.Text, "label of several keys") {
							t.Errorf("%s %s = ambiguous %s label %q: %+v", m.module, name, lang, label, res)
						}
						continue
					}
					if got := listedIDs(t, res); !slices.Equal(got, want) {
						t.Errorf("%s %s = %s label %q found %v, by key %q %v", m.module, name, lang, label, got, key, want)
					}
					compared++
				}
			}
		}
	}
	t.Logf("%d label filters compared with their keys", compared)
	if compared < 40 {
		t.Errorf("only %d label filters compared", compared)
	}
	// A value that is neither key nor label is refused with the choices.
	res := h.Call(t, "estate_read", `{"filter":{"status":[{"op":"=","val":"Offen"}]}}`)
	if !res.IsError || !strings.Contains(res.Text, "`filter.status`") || !strings.Contains(res.Text, "allowed (key=label)") {
		t.Errorf("unknown status label: %+v", res)
	}
}

// commonKeys returns up to two keys of a select field that records hold,
// the most frequent first, or the first key when no record holds one.
func commonKeys(records []sandbox.Record, field string, permitted map[string]string) []string {
	counts := map[string]int{}
	for _, r := range records {
		switch v := r[field].(type) {
		case []string:
			for _, k := range v {
				counts[k]++
			}
		case nil:
		default:
			counts[fmt.Sprint(v)]++
		}
	}
	var ks []string
	for k := range counts {
		if _, ok := permitted[k]; ok {
			ks = append(ks, k)
		}
	}
	sort.Slice(ks, func(i, j int) bool {
		if counts[ks[i]] != counts[ks[j]] {
			return counts[ks[i]] > counts[ks[j]]
		}
		return ks[i] < ks[j]
	})
	if len(ks) == 0 {
		for k := range permitted {
			return []string{k}
		}
	}
	return ks[:min(2, len(ks))]
}

var tokenRE = regexp.MustCompile(`"confirmation_token": "([A-Za-z0-9_-]+)"`)

// confirmed makes a guarded call the way a careful assistant does: the
// first call returns the preview, which the person approves; the second
// call carries its token. It returns the preview and the result.
func confirmed(t *testing.T, g *toolstest.Guarded, tool string, args map[string]any) (string, toolstest.Result) {
	t.Helper()
	pv := g.Call(t, tool, args)
	m := tokenRE.FindStringSubmatch(pv.Text)
	if pv.IsError || m == nil {
		t.Fatalf("%s: no preview with token: %+v", tool, pv)
	}
	with := map[string]any{"confirmation_token": m[1]}
	for k, v := range args {
		with[k] = v
	}
	return pv.Text, g.Call(t, tool, with)
}

// "Lower the price of 3120 by 5 %."
func TestScenarioLowerPrice(t *testing.T) {
	g := toolstest.NewGuarded(t)
	id := 3120
	if p, _ := number(g.Sandbox.Store().Table("estate").Get(id)["kaufpreis"]); p == 0 {
		t.Fatalf("estate %d has no purchase price in the sandbox", id)
	}
	price, err := strconv.ParseFloat(column(t, g.Call(t, "estate_read", fmt.Sprintf(`{"id":%d,"data":["kaufpreis"]}`, id)), "kaufpreis"), 64)
	if err != nil {
		t.Fatalf("price as read: %v", err)
	}
	lower := math.Round(price * 0.95)
	pv, res := confirmed(t, g, "estate_modify", map[string]any{"id": id, "data": map[string]any{"kaufpreis": lower}})
	if !strings.Contains(pv, fmt.Sprintf("→ %.0f", lower)) {
		t.Errorf("preview does not show the new price: %s", pv)
	}
	if res.IsError {
		t.Fatalf("confirmed write: %s", res.Text)
	}
	if got, _ := number(g.Sandbox.Store().Table("estate").Get(id)["kaufpreis"]); got != lower {
		t.Errorf("kaufpreis is %v, want %v", got, lower)
	}
}

// "Log yesterday's viewing" of an estate with a prospect: the kind is the
// English label the model knows, the type comes from action_type_list.
func TestScenarioLogViewing(t *testing.T) {
	g := toolstest.NewGuarded(t)
	types := g.Call(t, "action_type_list", `{}`)
	if types.IsError || !strings.Contains(types.Text, "Besichtigung") {
		t.Fatalf("action types: %+v", types)
	}
	store := g.Sandbox.Store()
	estate := store.Table("estate").Records[0]["Id"].(int)
	addr := store.Table("address").Records[0]["Id"].(int)
	yesterday := toolstest.DemoDate.AddDate(0, 0, -1).Format(time.DateOnly) // the sandbox's pinned "today"
	before := len(store.Table("agentslog").Records)
	pv, res := confirmed(t, g, "agents_log_create", map[string]any{
		"addressids": []int{addr}, "estateid": estate, "actionkind": "Appointment", "actiontype": "besichtigung",
		"datetime": yesterday + " 17:00:00", "note": "Besichtigung mit Interessent",
	})
	if res.IsError {
		t.Fatalf("confirmed write: %s\npreview: %s", res.Text, pv)
	}
	recs := store.Table("agentslog").Records
	if len(recs) != before+1 {
		t.Fatalf("%d new activities, want 1", len(recs)-before)
	}
	r := recs[len(recs)-1]
	if r["Aktionsart"] != "Termin" || r["Aktionstyp"] != "Besichtigung" || !strings.HasPrefix(fmt.Sprint(r["Datum"]), yesterday) {
		t.Errorf("activity written: kind %v, type %v, date %v", r["Aktionsart"], r["Aktionstyp"], r["Datum"])
	}
}

// "Create a task for a colleague": the model names the colleague as the
// person does; the preview already shows the login the task will get.
func TestScenarioTaskForColleague(t *testing.T) {
	g := toolstest.NewGuarded(t)
	var login, name string
	for _, u := range g.Sandbox.Store().Table("user").Records {
		if u["Nachname"] == "Brandt" {
			login, name = fmt.Sprint(u["Name"]), fmt.Sprint(u["Vorname"])+" "+fmt.Sprint(u["Nachname"])
		}
	}
	if login == "" {
		t.Fatal("no colleague Brandt in the sandbox")
	}
	tomorrow := toolstest.DemoDate.AddDate(0, 0, 1).Format(time.DateOnly)
	before := len(g.Sandbox.Store().Table("task").Records)
	pv, res := confirmed(t, g, "task_create", map[string]any{"data": map[string]any{
		"Betreff": "Exposé nachfassen", "Verantwortung": name, "Prio": "Hoch", "Deadline": tomorrow + " 10:00",
	}})
	for _, want := range []string{"Verantwortung: " + login, "Prio: Hoch", "Deadline: " + tomorrow + " 10:00:00"} {
		if !strings.Contains(pv, want) {
			t.Errorf("preview lacks %q: %s", want, pv)
		}
	}
	if res.IsError {
		t.Fatalf("confirmed write: %s", res.Text)
	}
	recs := g.Sandbox.Store().Table("task").Records
	if len(recs) != before+1 {
		t.Fatalf("%d new tasks, want 1", len(recs)-before)
	}
	if r := recs[len(recs)-1]; r["Verantwortung"] != login || fmt.Sprint(r["Prio"]) != "2" {
		t.Errorf("task written: Verantwortung %v, Prio %v", r["Verantwortung"], r["Prio"])
	}
	// A colleague who does not exist is refused before anyone is asked.
	writes := g.WriteRequests()
	miss := g.Call(t, "task_create", map[string]any{"data": map[string]any{"Betreff": "x", "Verantwortung": "Felix Brand"}})
	if !miss.IsError || !strings.Contains(miss.Text, "`data.Verantwortung`") || !strings.Contains(miss.Text, login) || strings.Contains(miss.Text, "confirmation_token") {
		t.Errorf("unknown colleague: %+v", miss)
	}
	if g.WriteRequests() != writes {
		t.Error("a refused reference wrote")
	}
}

// "Sign her up for the newsletter": writing newsletter_aktiv directly skips
// the double opt-in; the preview says so and names the lawful tool, or says
// that the configuration switched it off.
func TestScenarioNewsletter(t *testing.T) {
	for _, tc := range []struct {
		name  string
		flags []string
		want  string
	}{
		{"lawful path offered", nil, "Use newsletter_register instead"},
		{"lawful path switched off", []string{"--disable-destructive"}, "switched off by this server's configuration (--disable-destructive)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := toolstest.NewGuarded(t, toolstest.WithFlags(tc.flags...))
			addr := g.Sandbox.Store().Table("address").Records[0]["Id"].(int)
			pv := g.Call(t, "address_modify", map[string]any{"id": addr, "data": map[string]any{"newsletter_aktiv": "Ja"}})
			for _, want := range []string{"newsletter_aktiv: ", "→ Ja", "double opt-in", "newsletter_register", tc.want} {
				if !strings.Contains(pv.Text, want) {
					t.Errorf("preview lacks %q: %s", want, pv.Text)
				}
			}
			if g.WriteRequests() != 0 {
				t.Error("the preview wrote")
			}
		})
	}
}

// A write that names a user, group, action type or record that does not
// exist is refused with the choices when the preview is built: the person
// is never asked to approve a write that onOffice would refuse.
func TestReferencesRefusedBeforeThePersonIsAsked(t *testing.T) {
	g := toolstest.NewGuarded(t)
	store := g.Sandbox.Store()
	estate := store.Table("estate").Records[0]["Id"].(int)
	addr := store.Table("address").Records[0]["Id"].(int)
	appt := func(extra string) string {
		return `{"data":{"description":"Besichtigung","start_dt":"2026-12-10 10:00:00","end_dt":"2026-12-10 11:00:00"}` + extra + `}`
	}
	for _, tc := range []struct{ name, tool, args, want string }{
		{"price offer of a missing prospect", "price_offer_create", fmt.Sprintf(`{"estateId":%d,"addressId":99999999,"priceOffer":350000}`, estate), "`addressId`: there is no address with id 99999999"},
		{"appointment with a missing participant", "appointment_create", appt(`,"subscribers":{"users":[99999]}`), "`subscribers.users`"},
		{"appointment with a missing group", "appointment_create", appt(`,"subscribers":{"groups":[99999]}`), "`subscribers.groups`"},
		{"appointment at a missing estate", "appointment_create", appt(`,"location":{"estate":99999999}`), "`location.estate`"},
		{"appointment with a missing contact", "appointment_create", appt(fmt.Sprintf(`,"relatedAddressIds":[%d,99999999]`, addr)), "`relatedAddressIds`"},
		{"appointment type neither key nor label", "appointment_create", `{"data":{"description":"x","art":"Kaffeeklatsch","start_dt":"2026-12-10 10:00:00","end_dt":"2026-12-10 11:00:00"}}`, "`data.art`"},
		{"estate advisor nobody", "estate_modify", fmt.Sprintf(`{"id":%d,"data":{"benutzer":"Niemand Sonst"}}`, estate), "`data.benutzer`"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := g.Call(t, tc.tool, tc.args)
			if !res.IsError || !strings.Contains(res.Text, tc.want) || strings.Contains(res.Text, "confirmation_token") {
				t.Errorf("%s %s: %+v", tc.tool, tc.args, res)
			}
		})
	}
	if g.WriteRequests() != 0 {
		t.Errorf("%d writes", g.WriteRequests())
	}
	// The advisor named by name is written as the user id.
	var user sandbox.Record
	for _, u := range store.Table("user").Records {
		user = u
	}
	name := fmt.Sprint(user["Vorname"]) + " " + fmt.Sprint(user["Nachname"])
	pv, res := confirmed(t, g, "estate_modify", map[string]any{"id": estate, "data": map[string]any{"benutzer": name}})
	if res.IsError {
		t.Fatalf("advisor by name: %s\n%s", res.Text, pv)
	}
	if got := store.Table("estate").Get(estate)["benutzer"]; fmt.Sprint(got) != fmt.Sprint(user["Id"]) {
		t.Errorf("benutzer is %v, want user id %v", got, user["Id"])
	}
}

// "Which estates does Felix Brandt look after?" A user field is filtered by
// the user's name as the person says it: the same estates as by user id.
func TestScenarioFilterByAdvisorName(t *testing.T) {
	h := toolstest.New(t)
	counts := map[int]int{}
	for _, r := range h.Sandbox.Store().Table("estate").Records {
		if id, ok := r["benutzer"].(int); ok {
			counts[id]++
		}
	}
	best := 0
	for id, n := range counts {
		if n > counts[best] || (n == counts[best] && id < best) {
			best = id
		}
	}
	u := h.Sandbox.Store().Table("user").Get(best)
	if u == nil {
		t.Fatal("no estate has an advisor in the sandbox")
	}
	read := func(v string) []int {
		return listedIDs(t, h.Call(t, "estate_read", fmt.Sprintf(`{"filter":{"benutzer":[{"op":"=","val":%q}]},"data":["objekttitel"],"listlimit":500}`, v)))
	}
	byID := read(strconv.Itoa(best))
	if len(byID) == 0 {
		t.Fatalf("by id %d: no estates, the sandbox has %d", best, counts[best])
	}
	for _, v := range []string{fmt.Sprint(u["Vorname"], " ", u["Nachname"]), fmt.Sprint(u["Name"])} {
		if got := read(v); !slices.Equal(got, byID) {
			t.Errorf("by %q: %v, by id: %v", v, got, byID)
		}
	}
}
