package tools_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

const relPrefix = sandbox.RelationPrefix

// relFirst returns the first stored relation of a type.
func relFirst(t *testing.T, h *toolstest.Harness, suffix string) sandbox.Relation {
	t.Helper()
	for _, r := range h.Sandbox.Store().Relations {
		if r.Type == relPrefix+suffix {
			return r
		}
	}
	t.Fatalf("seed has no %s relation", suffix)
	return sandbox.Relation{}
}

// relChildren lists the stored children of a parent.
func relChildren(h *toolstest.Harness, suffix string, parent int) []int {
	var out []int
	for _, r := range h.Sandbox.Store().Relations {
		if r.Type == relPrefix+suffix && r.Parent == parent {
			out = append(out, r.Child)
		}
	}
	return out
}

func relLinked(h *toolstest.Harness, suffix string, parent, child int) *sandbox.Relation {
	rels := h.Sandbox.Store().Relations
	for i := range rels {
		if rels[i].Type == relPrefix+suffix && rels[i].Parent == parent && rels[i].Child == child {
			return &rels[i]
		}
	}
	return nil
}

func relAddressName(h *toolstest.Harness, id int) string {
	a := h.Sandbox.Store().Table("address").Get(id)
	first, _ := a["Vorname"].(string)
	last, _ := a["Name"].(string)
	name := strings.TrimSpace(first + " " + last)
	if company, _ := a["Zusatz1"].(string); company != "" {
		if name == "" {
			return company
		}
		name += " (" + company + ")"
	}
	return name
}

func relEstateTitle(h *toolstest.Harness, id int) string {
	title, _ := h.Sandbox.Store().Table("estate").Get(id)["objekttitel"].(string)
	return title
}

func testRelationList(t *testing.T, h *toolstest.Harness) {
	owner := relFirst(t, h, "estate:address:owner")
	text := callOK(t, h, "relation_list", fmt.Sprintf(`{"relationtype":"estate:address:owner","parentids":[%d]}`, owner.Parent))
	for _, child := range relChildren(h, "estate:address:owner", owner.Parent) {
		if want := fmt.Sprintf("address %d %s", child, condense.Untrusted(relAddressName(h, child))); !strings.Contains(text, want) {
			t.Errorf("missing %s in:\n%s", want, text)
		}
	}
	if !strings.Contains(text, fmt.Sprintf("estate %d", owner.Parent)) || !strings.Contains(text, relEstateTitle(h, owner.Parent)) {
		t.Errorf("estate not named:\n%s", text)
	}
	// The other direction: the estates an address owns.
	text = callOK(t, h, "relation_list", fmt.Sprintf(`{"relationtype":"estate:address:owner","childids":[%d]}`, owner.Child))
	if !strings.Contains(text, fmt.Sprintf("estate %d", owner.Parent)) {
		t.Errorf("estate %d missing in:\n%s", owner.Parent, text)
	}
	// No links: the answer says so and hints at the direction.
	before := len(h.Requests())
	text = callOK(t, h, "relation_list", `{"relationtype":"estate:address:owner","childids":[999999]}`)
	if !strings.Contains(text, "none") || !strings.Contains(text, "No links found") {
		t.Errorf("empty answer:\n%s", text)
	}
	if r := h.Requests()[before]; r.ResourceType != "idsfromrelation" || r.Parameters["relationtype"] != relPrefix+"estate:address:owner" {
		t.Errorf("last request %+v", r)
	}
	runBadCalls(t, h, []badCall{
		{"no type", "relation_list", `{"parentids":[1]}`, "relationtype"},
		{"unknown type", "relation_list", `{"relationtype":"owner","parentids":[1]}`, "relationtype"},
		{"both sides", "relation_list", `{"relationtype":"estate:address:owner","parentids":[1],"childids":[2]}`, "parentids"},
		{"no side", "relation_list", `{"relationtype":"estate:address:owner"}`, "parentids"},
		{"ids as text", "relation_list", `{"relationtype":"estate:address:owner","parentids":["x"]}`, "parentids"},
		{"unknown argument", "relation_list", `{"relationtype":"estate:address:owner","parentids":[1],"limit":5}`, "limit"},
	})
}

// relFreeAddress finds an address that is not linked to the estate by the type and is no broker.
func relFreeAddress(t *testing.T, h *toolstest.Harness, suffix string, estate int) int {
	t.Helper()
	for _, a := range h.Sandbox.Store().Table("address").Records {
		id, _ := a["Id"].(int)
		kinds, _ := a["ArtDaten"].([]string)
		broker := false
		for _, k := range kinds {
			broker = broker || k == "Makler" || k == "Systembenutzer"
		}
		if !broker && relLinked(h, suffix, estate, id) == nil && relAddressName(h, id) != "" {
			return id
		}
	}
	t.Fatal("no free address")
	return 0
}

func testRelationCreateAndDelete(t *testing.T, h *toolstest.Harness) {
	estate, _ := h.Sandbox.Store().Table("estate").Records[0]["Id"].(int)
	addr := relFreeAddress(t, h, "estate:address:owner", estate)
	args := fmt.Sprintf(`{"relationtype":"estate:address:owner","parentid":[%d],"childid":[%d]}`, estate, addr)
	p := mustPreview(t, h, "relation_create", args)
	want := fmt.Sprintf("estate %d %s ↔ address %d %s as owner", estate, condense.Untrusted(relEstateTitle(h, estate)), addr, condense.Untrusted(relAddressName(h, addr)))
	if p.Target != want || p.RecordID != fmt.Sprint(estate) || len(p.Changes) != 1 {
		t.Errorf("preview %+v, want target %s", p, want)
	}
	if relLinked(h, "estate:address:owner", estate, addr) != nil {
		t.Fatal("the preview wrote")
	}
	text := callOK(t, h, "relation_create", args)
	if !strings.Contains(text, "owner") || relLinked(h, "estate:address:owner", estate, addr) == nil {
		t.Fatalf("not linked: %s", text)
	}
	text = callOK(t, h, "relation_list", fmt.Sprintf(`{"relationtype":"estate:address:owner","parentids":[%d]}`, estate))
	if !strings.Contains(text, fmt.Sprintf("address %d", addr)) {
		t.Errorf("new owner missing in:\n%s", text)
	}
	del := fmt.Sprintf(`{"relationtype":"estate:address:owner","parentid":%d,"childid":%d}`, estate, addr)
	p = mustPreview(t, h, "relation_delete", del)
	if p.Target != want || strings.Contains(strings.Join(p.Changes, "\n"), "not linked") {
		t.Errorf("delete preview %+v", p)
	}
	callOK(t, h, "relation_delete", del)
	if relLinked(h, "estate:address:owner", estate, addr) != nil {
		t.Errorf("still linked after delete")
	}
	if p := mustPreview(t, h, "relation_delete", del); !strings.Contains(strings.Join(p.Changes, "\n"), "not linked") {
		t.Errorf("preview of a missing link: %+v", p)
	}
	// One estate, two prospects in one call.
	other := relFreeAddress(t, h, "estate:address:interested", estate+1)
	multi := fmt.Sprintf(`{"relationtype":"estate:address:interested","parentid":[%d],"childid":[%d,%d]}`, estate+1, addr, other)
	if p := mustPreview(t, h, "relation_create", multi); len(p.Changes) != 2 {
		t.Errorf("preview of two links: %+v", p)
	}
	callOK(t, h, "relation_create", multi)
	if relLinked(h, "estate:address:interested", estate+1, addr) == nil || relLinked(h, "estate:address:interested", estate+1, other) == nil {
		t.Errorf("1:n create did not link both")
	}
	runBadCalls(t, h, []badCall{
		{"n:n", "relation_create", `{"relationtype":"estate:address:owner","parentid":[1,2],"childid":[3,4]}`, "childid"},
		{"read-only type", "relation_create", `{"relationtype":"estate:file:foto","parentid":[1],"childid":[3]}`, "relationtype"},
		{"no child", "relation_create", `{"relationtype":"estate:address:owner","parentid":[1]}`, "childid"},
		{"empty child list", "relation_create", `{"relationtype":"estate:address:owner","parentid":[1],"childid":[]}`, "childid"},
		{"info on owner", "relation_create", `{"relationtype":"estate:address:owner","parentid":[1],"childid":[3],"relationinfo":{"statusTerminbestaetigung":"gesendet"}}`, "relationinfo"},
		{"unknown status", "relation_create", `{"relationtype":"calendar:address","parentid":[1],"childid":[3],"relationinfo":{"statusTerminbestaetigung":"yes"}}`, "statusTerminbestaetigung"},
		{"delete a list", "relation_delete", `{"relationtype":"estate:address:owner","parentid":[1],"childid":2}`, "parentid"},
		{"delete not deletable", "relation_delete", `{"relationtype":"agentsLog:address","parentid":1,"childid":2}`, "relationtype"},
		{"delete id zero", "relation_delete", `{"relationtype":"estate:address:owner","parentid":0,"childid":2}`, "parentid"},
	})
	// The API's own refusal comes back as an error, e.g. an unknown estate.
	// Records that do not exist are refused before anyone is asked.
	runRefusedReferences(t, h, []badCall{
		{"unknown estate", "relation_create", fmt.Sprintf(`{"relationtype":"estate:address:owner","parentid":[999999],"childid":[%d]}`, addr), "`parentid`: there is no estate with id 999999"},
		{"unknown address", "relation_create", fmt.Sprintf(`{"relationtype":"estate:address:owner","parentid":[%d],"childid":[%d,99999999]}`, estate, addr), "`childid`: there is no address with id 99999999"},
	})
}

func testRelationModifyParticipant(t *testing.T, h *toolstest.Harness) {
	link := relFirst(t, h, "calendar:address")
	args := fmt.Sprintf(`{"parentid":[%d],"childid":[%d],"relationinfo":{"statusTerminbestaetigung":"bestätigt","statusTerminrueckmeldung":"aktiv"}}`, link.Parent, link.Child)
	p := mustPreview(t, h, "relation_modify", args)
	changes := strings.Join(p.Changes, "\n")
	if !strings.HasPrefix(p.Target, fmt.Sprintf("appointment %d", link.Parent)) || !strings.Contains(changes, fmt.Sprintf("address %d %s", link.Child, condense.Untrusted(relAddressName(h, link.Child)))) ||
		!strings.Contains(changes, "→ bestätigt") || !strings.Contains(changes, "statusTerminrueckmeldung: → aktiv") {
		t.Errorf("preview %+v", p)
	}
	callOK(t, h, "relation_modify", args)
	r := relLinked(h, "calendar:address", link.Parent, link.Child)
	if r.Extra["statusTerminbestaetigung"] != "bestätigt" || r.Extra["statusTerminrueckmeldung"] != "aktiv" {
		t.Errorf("stored %v", r.Extra)
	}
	if last := h.Requests()[len(h.Requests())-1]; last.Verb != onoffice.VerbModify || last.Parameters["relationtype"] != relPrefix+"calendar:address" {
		t.Errorf("sent %+v", last)
	}
	runBadCalls(t, h, []badCall{
		{"no status", "relation_modify", `{"parentid":[1],"childid":[2],"relationinfo":{}}`, "relationinfo"},
		{"no relationinfo", "relation_modify", `{"parentid":[1],"childid":[2]}`, "relationinfo"},
		{"n:n", "relation_modify", `{"parentid":[1,2],"childid":[3,4],"relationinfo":{"statusTerminrueckmeldung":"aktiv"}}`, "childid"},
		{"unknown feedback", "relation_modify", `{"parentid":[1],"childid":[2],"relationinfo":{"statusTerminrueckmeldung":"on"}}`, "statusTerminrueckmeldung"},
	})
	wantAPIError(t, h, "modify of a missing link", "relation_modify", `{"parentid":[1],"childid":[2],"relationinfo":{"statusTerminrueckmeldung":"aktiv"}}`, "180")
}

// TestRelationTools shares one sandbox among the subtests: starting one costs more than the calls.
func TestRelationTools(t *testing.T) {
	runShared(t, []sharedTest{
		{"RelationList", testRelationList},
		{"RelationCreateAndDelete", testRelationCreateAndDelete},
		{"RelationModifyParticipant", testRelationModifyParticipant},
		{"RelationListTypes", testRelationListTypes},
	})
}

// testRelationListTypes: relation_list's schema names the everyday relation
// types rather than all of them; any documented type is read, and an
// unknown one is refused before onOffice is asked, with the closest types
// and the whole list, so the model can correct itself in one step.
func testRelationListTypes(t *testing.T, h *toolstest.Harness) {
	owner := relFirst(t, h, "estate:address:owner")
	callOK(t, h, "relation_list", fmt.Sprintf(`{"relationtype":"estate:file:grundriss","parentids":[%d]}`, owner.Parent))
	for _, tc := range []struct{ typ, closest string }{
		{"owner", "estate:address:owner"},
		{"estate:adress:owner", "estate:address:owner"},
		{"estate:address:tenants", "estate:address:tenant"},
		{"address:searchcriterias", "address:searchcriteria"},
	} {
		t.Run(tc.typ, func(t *testing.T) {
			before := len(h.Requests())
			res := h.Call(t, "relation_list", fmt.Sprintf(`{"relationtype":%q,"parentids":[1]}`, tc.typ))
			if !res.IsError {
				t.Fatalf("%s accepted: %s", tc.typ, res.Text)
			}
			for _, want := range []string{"`relationtype`", "did you mean `" + tc.closest + "`", "templateManagement:email:documentAttributes"} {
				if !strings.Contains(res.Text, want) {
					t.Errorf("error does not say %q: %s", want, res.Text)
				}
			}
			if n := len(h.Requests()) - before; n != 0 {
				t.Errorf("%d requests sent for an unknown type", n)
			}
		})
	}
}
