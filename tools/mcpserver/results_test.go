package mcpserver_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// table parses the first «crm-text» table of a result into rows keyed by
// column name.
func table(t *testing.T, text string) []map[string]string {
	t.Helper()
	_, body, ok := strings.Cut(text, "«crm-text»\n")
	if !ok {
		t.Fatalf("no record data in:\n%s", text)
	}
	body, _, _ = strings.Cut(body, "«/crm-text»")
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if strings.HasPrefix(lines[0], "- id ") {
		// block layout: "- id N" and indented "key: value" lines
		var rows []map[string]string
		for _, l := range lines {
			if id, ok := strings.CutPrefix(l, "- id "); ok {
				rows = append(rows, map[string]string{"id": id})
			} else if k, v, ok := strings.Cut(strings.TrimSpace(l), ": "); ok && len(rows) > 0 {
				rows[len(rows)-1][k] = v
			}
		}
		return rows
	}
	split := func(l string) []string {
		return strings.Split(strings.ReplaceAll(l, `\|`, "¦"), "|")
	}
	head := split(lines[0])
	var rows []map[string]string
	for _, l := range lines[1:] {
		cells := split(l)
		row := map[string]string{}
		for i, c := range cells {
			if i < len(head) {
				row[head[i]] = c
			}
		}
		rows = append(rows, row)
	}
	return rows
}

var (
	namedIDRE   = regexp.MustCompile(`^\S+ \([^)]+`)
	dateTimeRE  = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?`)
	bareContact = regexp.MustCompile(`(^|; )id=\d+`)
)

// TestResultsReadWithoutLookups runs the everyday reads of the default
// selection as an assistant would and checks what it reads: every cell
// stands alone, ids of users, addresses and estates carry a name,
// appointment contacts are people, and one table has one date-time format.
func TestResultsReadWithoutLookups(t *testing.T) {
	h := toolstest.New(t, "--toolsets=default")
	cases := []struct {
		tool, args string
		named      []string // columns whose set cells carry a name
	}{
		{"agents_log_read", `{"listlimit":100,"data":["Datum","Aktionsart","Objekt_nr","Adress_nr","Benutzer"]}`, []string{"Objekt_nr", "Adress_nr", "Benutzer"}},
		{"task_read", `{"listlimit":100,"data":["Betreff","Deadline","Verantwortung"]}`, []string{"Verantwortung", "relatedAddressId", "relatedEstateId"}},
		{"search_criteria_read", `{"listlimit":100}`, []string{"adresse", "advisor"}},
		{"appointment_list", `{"startDate":"2026-01-01","endDate":"2027-12-31","listlimit":100,"data":["subject","date","contacts","estate"]}`, []string{"estate"}},
		{"address_read", `{"listlimit":100,"data":["Name","Benutzer","Aenderung"]}`, []string{"Benutzer"}},
		{"estate_read", `{"listlimit":100,"data":["objekttitel","benutzer","geaendert_am"]}`, []string{"benutzer"}},
	}
	for _, c := range cases {
		t.Run(c.tool, func(t *testing.T) {
			res := h.Call(t, c.tool, c.args)
			if res.IsError {
				t.Fatal(res.Text)
			}
			if strings.Contains(res.Text, "〃") || strings.Contains(res.Text, "same value as") {
				t.Errorf("cross-row mark in %s", c.tool)
			}
			rows := table(t, res.Text)
			for _, col := range c.named {
				set := 0
				for _, r := range rows {
					v := r[col]
					if v == "" {
						continue
					}
					set++
					if !namedIDRE.MatchString(v) {
						t.Errorf("%s: %s %q carries no name", c.tool, col, v)
						break
					}
				}
				if set == 0 {
					t.Errorf("%s: column %s never set: the test proves nothing", c.tool, col)
				}
			}
			for _, r := range rows {
				if ct := r["contacts"]; bareContact.MatchString(ct) {
					t.Errorf("contact without a name: %q", ct)
					break
				}
			}
			formats := map[bool]string{}
			for _, r := range rows {
				for col, v := range r {
					for _, m := range dateTimeRE.FindAllStringSubmatch(v, -1) {
						formats[m[1] != ""] = col + ": " + m[0]
					}
				}
			}
			if len(formats) > 1 {
				t.Errorf("two date-time formats in one table: %v", formats)
			}
		})
	}
}

// TestSingleAppointmentNamesItsLinks: appointment_read names contacts,
// estate and creator too.
func TestSingleAppointmentNamesItsLinks(t *testing.T) {
	h := toolstest.New(t, "--toolsets=default")
	list := h.Call(t, "appointment_list", `{"startDate":"2026-01-01","endDate":"2027-12-31","listlimit":100,"data":["subject","contacts","estate"]}`)
	id := ""
	for _, r := range table(t, list.Text) {
		if r["contacts"] != "" && r["estate"] != "" {
			id = r["id"]
			break
		}
	}
	if id == "" {
		t.Fatal("no appointment with contacts and estate in the seed")
	}
	res := h.Call(t, "tool_run", `{"name":"appointment_read","arguments":{"id":`+id+`}}`)
	if res.IsError {
		t.Fatal(res.Text)
	}
	rows := table(t, "«crm-text»\n- id "+id+"\n"+strings.SplitN(res.Text, "«crm-text»\n", 2)[1])
	for _, col := range []string{"assignedaddressids", "assignedobjectids", "von"} {
		for _, v := range strings.Split(rows[0][col], ", ") {
			if v == "" || !namedIDRE.MatchString(v) {
				t.Errorf("%s %q carries no name:\n%s", col, v, res.Text)
			}
		}
	}
}

// TestConfirmationInLabelLanguage: the prompt a person reads is in the
// language of the labels, and previews show select values as labels, as
// results do.
func TestConfirmationInLabelLanguage(t *testing.T) {
	for _, c := range []struct {
		lang      string
		want, not []string
	}{
		{"DEU", []string{"Aufgabe anlegen (task_create)", "Änderungen:", "Prio: Hoch", "Dies legt einen Datensatz", "Annehmen führt"}, []string{"Prio: 2", "Changes:", "This creates"}},
		{"ENG", []string{"Create a task (task_create)", "Changes:", "Prio: High", "This creates a record"}, []string{"Prio: 2", "Änderungen"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			h := toolstest.NewGuarded(t, toolstest.WithFlags("--language="+c.lang), toolstest.WithProtocol("2025-11-25"),
				toolstest.WithElicitation(toolstest.Answer(mcp.ElicitationResponseActionDecline)))
			res := h.Call(t, "task_create", `{"data":{"Betreff":"Rückruf Familie Becker","Prio":2,"Verantwortung":"jschmidt"}}`)
			prompts := h.Prompts.All()
			if res.IsError || len(prompts) != 1 {
				t.Fatalf("%d prompts, result %+v", len(prompts), res)
			}
			msg := prompts[0].Params.Message
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("prompt lacks %q:\n%s", w, msg)
				}
			}
			for _, w := range c.not {
				if strings.Contains(msg, w) {
					t.Errorf("prompt has %q:\n%s", w, msg)
				}
			}
		})
	}
}
