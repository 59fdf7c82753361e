package tools_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// TestFieldNameRule runs the field-name rule against the sandbox, whose
// field configuration, like a real installation's, leaves out system
// fields (estate status, veroeffentlichen, the virtual* fields, agentsLog
// Objekt_nr) and has no search-criteria fields at all.
func TestFieldNameRule(t *testing.T) {
	h := toolstest.New(t)
	fields := callOK(t, h, "field_config_get", `{"modules":["estate","agentsLog"],"fieldList":["status","veroeffentlichen","Objekt_nr","kaufpreis"]}`)
	if !strings.Contains(fields, "kaufpreis") || strings.Contains(fields, "- status") || strings.Contains(fields, "- Objekt_nr") {
		t.Fatalf("the sandbox field configuration should list kaufpreis but not the system fields:\n%s", fields)
	}

	ok := []struct{ name, tool, args, want string }{
		{"estate filter on unlisted system fields", "estate_read",
			`{"filter":{"veroeffentlichen":[{"op":"=","val":1}],"status":[{"op":"=","val":1}]},"data":["objekttitel","status","virtualAddress"],"listlimit":3}`, "estates"},
		{"estate sort on an unlisted field", "estate_read", `{"sortby":{"verkauft":"ASC"},"listlimit":2}`, "estates"},
		{"agents log reads Objekt_nr", "agents_log_read", `{"data":["Datum","Objekt_nr"],"listlimit":2}`, "Objekt_nr"},
		{"search-criteria search", "search_criteria_search", `{"searchdata":{"vermarktungsart":"kauf","kaufpreis":300000}}`, ""},
	}
	for _, tc := range ok {
		t.Run(tc.name, func(t *testing.T) {
			text := callOK(t, h, tc.tool, tc.args)
			if !strings.Contains(text, tc.want) {
				t.Errorf("%q missing in:\n%s", tc.want, text)
			}
			if strings.Contains(text, "not checked here") {
				t.Errorf("documented fields must not be reported as unchecked:\n%s", text)
			}
		})
	}

	runBadCalls(t, h, []badCall{
		{"typo of a configured name", "estate_read", `{"data":["kaufpreiss"]}`, "did you mean `kaufpreis`"},
		{"swapped letters", "estate_read", `{"data":["kaufrpeis"]}`, "did you mean `kaufpreis`"},
		{"typo in a filter", "estate_read", `{"filter":{"Kaufpreis":[{"op":">","val":1}]}}`, "did you mean `kaufpreis`"},
		{"typo of a documented system field", "estate_read", `{"filter":{"veroeffentlich":[{"op":"=","val":1}]}}`, "did you mean `veroeffentlichen`"},
		{"typo of a search-criteria field", "search_criteria_search", `{"searchdata":{"kaufpreiss":1}}`, "did you mean `kaufpreis`"},
	})

	// A name neither configured, documented nor close to either goes to
	// onOffice, and its refusal reads like a local check.
	before := len(h.Requests())
	res := h.Call(t, "estate_read", `{"data":["objekttitel","meinEigenesFeld"]}`)
	if !res.IsError || !strings.Contains(res.Text, "`data`") || !strings.Contains(res.Text, `unknown field "meinEigenesFeld"`) || !strings.Contains(res.Text, "field_config_get") {
		t.Errorf("unknown field refused by onOffice: %+v", res)
	}
	// Looser suggestions than a typo's still come with onOffice's refusal.
	res = h.Call(t, "task_read", `{"filter":{"Verantwortlich":[{"op":"=","val":"x"}]}}`)
	if !res.IsError || !strings.Contains(res.Text, "`filter`") || !strings.Contains(res.Text, "did you mean `Verantwortung`") {
		t.Errorf("unknown task field refused by onOffice: %+v", res)
	}
	sent := false
	for _, r := range h.Requests()[before:] {
		sent = sent || (r.Verb == "read" && r.ResourceType == "estate")
	}
	if !sent {
		t.Error("a name that is no typo must be left to onOffice")
	}

	// A write preview names the fields the configuration does not know.
	p, err := preview(t, h, "estate_create", `{"data":{"objekttitel":"Test","objektart":"haus","meinEigenesFeld":"x"}}`)
	if err != nil {
		t.Fatal(err)
	}
	if notes := strings.Join(p.UncheckedFields, " "); notes != "data.meinEigenesFeld" {
		t.Errorf("preview names unchecked fields %q", p.UncheckedFields)
	}

	// Values of documented fields are checked against the docs' values;
	// values the docs do not describe pass, and the preview says so.
	if _, err := preview(t, h, "estate_create", `{"data":{"objekttitel":"Test","status":7}}`); err == nil || !strings.Contains(err.Error(), "data.status") {
		t.Errorf("status 7 is no documented status: %v", err)
	}
	p, err = preview(t, h, "estate_create", `{"data":{"objekttitel":"Test","bundesland":"NRW"}}`)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.UncheckedFields) != 0 || strings.Join(p.UncheckedValues, " ") != "data.bundesland" {
		t.Errorf("preview unchecked fields %q, values %q", p.UncheckedFields, p.UncheckedValues)
	}

	// The three search-criteria tools never ask "get fields" for a
	// search-criteria module, which real installations answer empty.
	created := callOK(t, h, "search_criteria_create", `{"addressid":10001,"data":{"vermarktungsart":"kauf","kaufpreis":[250000,400000]}}`)
	var id int
	if _, err := fmt.Sscanf(created, "Search criterion %d created", &id); err != nil {
		t.Fatalf("answer %q", created)
	}
	callOK(t, h, "search_criteria_modify", fmt.Sprintf(`{"id":%d,"data":{"kaufpreis":[260000,410000]}}`, id))
	for _, r := range h.Requests() {
		if r.ResourceType == "fields" && strings.Contains(strings.ToLower(fmt.Sprint(r.Parameters["modules"])), "searchcriteria") {
			t.Errorf("get fields asked for %v", r.Parameters["modules"])
		}
	}
}
