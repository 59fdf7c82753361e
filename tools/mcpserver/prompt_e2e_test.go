package mcpserver_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// must finds the submatches of re in a prompt text or fails: the test
// follows what the text says, so a changed text shows up here.
func must(t *testing.T, re, text string) []string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("prompt text does not say %s:\n%s", re, text)
	}
	return m
}

func call(t *testing.T, h *toolstest.Harness, tool string, args map[string]any) toolstest.Result {
	t.Helper()
	res := h.Call(t, tool, args)
	if res.IsError {
		t.Fatalf("%s %v failed: %s", tool, args, res.Text)
	}
	return res
}

// TestPromptEstateFactSheetEndToEnd follows the fact-sheet prompt on the
// sandbox: every tool call its text names, with the arguments it names,
// succeeds and finds the estate's records.
func TestPromptEstateFactSheetEndToEnd(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=default"))
	id := completeResource(t, h.Client, "onoffice://estate/{id}", "id", "")[0]
	text, err := getPrompt(h.Client, "estate_fact_sheet", map[string]string{"estate_id": id, "language": "en"})
	if err != nil {
		t.Fatal(err)
	}

	m := must(t, `estate_read with id (\d+) and data ([a-z_, ]+)\.`, text)
	estate := call(t, h.Harness, "estate_read", map[string]any{"id": json.Number(m[1]), "data": strings.Split(m[2], ", ")})
	if !strings.Contains(estate.Text, "estate "+id) {
		t.Errorf("estate_read did not read estate %s:\n%s", id, estate.Text)
	}

	// Relations: parents by estate id, or children (appointments) by it.
	var addressIDs []any
	parent := must(t, `relation_list with relationtype (\S+) and parentids \[(\d+)\]`, text)
	child := must(t, `then (\S+) with childids \[(\d+)\]`, text)
	more := must(t, `, then (estate:address:\w+) for`, text)
	for _, rel := range []struct {
		typ, key, id string
	}{{parent[1], "parentids", parent[2]}, {more[1], "parentids", parent[2]}, {child[1], "childids", child[2]}} {
		res := call(t, h.Harness, "relation_list", map[string]any{"relationtype": rel.typ, rel.key: []any{json.Number(rel.id)}})
		for _, a := range regexp.MustCompile(`address (\d+)`).FindAllStringSubmatch(res.Text, -1) {
			addressIDs = append(addressIDs, json.Number(a[1]))
		}
	}
	must(t, `with address_read \(recordids\)`, text)
	if len(addressIDs) == 0 {
		t.Fatalf("estate %s has no owner or contact in the sandbox", id)
	}
	people := call(t, h.Harness, "address_read", map[string]any{"recordids": addressIDs})
	if !strings.Contains(people.Text, "address") {
		t.Errorf("address_read: %s", people.Text)
	}

	m = must(t, `task_read with relatedEstateId (\d+)`, text)
	call(t, h.Harness, "task_read", map[string]any{"relatedEstateId": json.Number(m[1])})

	m = must(t, `agents_log_read with estateid \[(\d+)\] and listlimit (\d+)`, text)
	call(t, h.Harness, "agents_log_read", map[string]any{"estateid": []any{json.Number(m[1])}, "listlimit": json.Number(m[2])})
}

// TestPromptLogContactEndToEnd follows the log-a-contact prompt with the
// confirmation as users get it: the write tool first shows a preview and
// writes only when called again with the token after the user's OK.
func TestPromptLogContactEndToEnd(t *testing.T) {
	h := toolstest.NewGuarded(t, toolstest.WithFlags("--toolsets=default", "--confirm=writes"))
	address := completeResource(t, h.Client, "onoffice://address/{id}", "id", "")[0]
	estate := completeResource(t, h.Client, "onoffice://estate/{id}", "id", "")[0]
	note := "Rückruf: möchte nächste Woche besichtigen."
	text, err := getPrompt(h.Client, "log_contact", map[string]string{
		"address_id": address, "estate_id": estate, "action_kind": "Telefonat", "action_type": "Ausgang", "notes": note, "language": "en",
	})
	if err != nil {
		t.Fatal(err)
	}
	m := must(t, `address_read with id (\d+)`, text)
	call(t, h.Harness, "address_read", map[string]any{"id": json.Number(m[1])})
	m = must(t, `estate_read with id (\d+)`, text)
	call(t, h.Harness, "estate_read", map[string]any{"id": json.Number(m[1])})
	// action_type_list is not in the default list: the text says to run it
	// through tool_run, and that works.
	must(t, `action_type_list via tool_run: check that kind Telefonat with type Ausgang is a listed pair`, text)
	pairs := call(t, h.Harness, "tool_run", map[string]any{"name": "action_type_list", "arguments": map[string]any{}})
	must(t, `(?m)^- Telefonat.*Ausgang`, pairs.Text)
	must(t, `Show the user what will be written before anything is created`, text)

	m = must(t, `agents_log_create with addressids \[(\d+)\], estateid (\d+), actionkind (\S+), actiontype (\S+) and note`, text)
	args := map[string]any{"addressids": []any{json.Number(m[1])}, "estateid": json.Number(m[2]), "actionkind": m[3], "actiontype": m[4], "note": note}
	writes := h.WriteRequests()
	preview := call(t, h.Harness, "agents_log_create", args)
	token := must(t, `"confirmation_token": "([^"]+)"`, preview.Text)[1]
	if h.WriteRequests() != writes {
		t.Fatal("the first call wrote before the user's OK")
	}
	args["confirmation_token"] = token
	created := call(t, h.Harness, "agents_log_create", args)
	if h.WriteRequests() != writes+1 {
		t.Fatalf("the confirmed call did not write once: %s", created.Text)
	}
	log := call(t, h.Harness, "agents_log_read", map[string]any{"addressid": []any{json.Number(address)}, "listlimit": 5})
	if !strings.Contains(log.Text, "möchte nächste Woche besichtigen") {
		t.Errorf("the logged note is not in the agents log:\n%s", log.Text)
	}
}
