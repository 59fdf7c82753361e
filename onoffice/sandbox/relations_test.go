package sandbox

import (
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// relTestNow is the fixed clock of these tests (the seed's reference day).
var relTestNow = time.Date(2026, 11, 2, 10, 30, 0, 0, time.UTC)

// relStored lists the stored children (or parents) of id for a type suffix.
func relStored(s *Store, suffix string, id int, fromParent bool) []string {
	return idStrings(relIDs(s, suffix, id, fromParent))
}

func relGet(t *testing.T, c *onoffice.Client, suffix, dir string, ids ...int) map[string][]string {
	t.Helper()
	res := mustCall(t, c, onoffice.VerbGet, "idsfromrelation", "", map[string]any{"relationtype": RelationPrefix + suffix, dir: ids})
	if len(res.Records) != 1 || res.Records[0].IDString() != "relatedIds" {
		t.Fatalf("want one relatedIds record, got %+v", res.Records)
	}
	if res.Total != -1 || !res.Cacheable {
		t.Errorf("cntabsolute %d cacheable %v, want null and true", res.Total, res.Cacheable)
	}
	out := map[string][]string{}
	if err := json.Unmarshal(res.Records[0].Elements, &out); err != nil {
		var empty []any
		if json.Unmarshal(res.Records[0].Elements, &empty) != nil || len(empty) != 0 {
			t.Fatalf("elements %s: %v", res.Records[0].Elements, err)
		}
	}
	return out
}

// relFirst returns the first stored relation of a type.
func relFirst(t *testing.T, s *Store, suffix string) Relation {
	t.Helper()
	for _, r := range s.Relations {
		if r.Type == RelationPrefix+suffix {
			return r
		}
	}
	t.Fatalf("seed has no %s relation", suffix)
	return Relation{}
}

func TestRelationGetByParentAndChild(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	owner := relFirst(t, s, "estate:address:owner")
	got := relGet(t, c, "estate:address:owner", "parentids", owner.Parent)
	want := relStored(s, "estate:address:owner", owner.Parent, true)
	if key := strconv.Itoa(owner.Parent); len(got[key]) == 0 || !slices.Equal(got[key], want) {
		t.Errorf("owners of estate %d: got %v, want %v", owner.Parent, got, want)
	}
	back := relGet(t, c, "estate:address:owner", "childids", owner.Child)
	if !contains(back[strconv.Itoa(owner.Child)], strconv.Itoa(owner.Parent)) {
		t.Errorf("estates owned by %d: %v lacks %d", owner.Child, back, owner.Parent)
	}
	// An id without links is left out; all without links give an empty answer.
	if got := relGet(t, c, "estate:address:owner", "parentids", 999999); len(got) != 0 {
		t.Errorf("unknown estate: %v", got)
	}
}

func TestRelationGetDerivedTypes(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	// Files of an estate come from the file records.
	var estate int
	var files []string
	for _, f := range s.Table("file").Records {
		if f["module"] == "estate" {
			estate, _ = f["relatedRecordId"].(int)
			break
		}
	}
	if estate == 0 {
		t.Skip("seed has no estate files")
	}
	for _, f := range s.Table("file").Records {
		if f["module"] == "estate" && f["relatedRecordId"] == estate {
			files = append(files, strconv.Itoa(idOf(f)))
		}
	}
	sort.Slice(files, func(i, j int) bool { a, _ := strconv.Atoi(files[i]); b, _ := strconv.Atoi(files[j]); return a < b })
	got := relGet(t, c, "estate:allFiles", "parentids", estate)
	if !slices.Equal(got[strconv.Itoa(estate)], files) {
		t.Errorf("files of estate %d: %v, want %v", estate, got, files)
	}
	// All contact persons include the broker contact persons.
	cp := relFirst(t, s, "estate:address:contactPerson")
	if all := relGet(t, c, "estate:address:contactPersonAll", "parentids", cp.Parent); !contains(all[strconv.Itoa(cp.Parent)], strconv.Itoa(cp.Child)) {
		t.Errorf("contactPersonAll of %d: %v lacks %d", cp.Parent, all, cp.Child)
	}
	// The advisor of an estate is its benutzer.
	e := s.Table("estate").Get(estate)
	if uid, ok := e["benutzer"].(int); ok {
		got := relGet(t, c, "estate:user:officer", "parentids", estate)
		if want := []string{strconv.Itoa(uid)}; !slices.Equal(got[strconv.Itoa(estate)], want) {
			t.Errorf("officer of %d: %v, want %v", estate, got, want)
		}
	}
}

func TestRelationGetErrors(t *testing.T) {
	_, c := startAPIAt(t, relTestNow)
	owner := RelationPrefix + "estate:address:owner"
	runErrCases(t, c, []errCase{
		{"no type", onoffice.VerbGet, "idsfromrelation", "", map[string]any{"parentids": []int{1}}, 167},
		{"unknown type", onoffice.VerbGet, "idsfromrelation", "", map[string]any{"relationtype": RelationPrefix + "estate:address:landlord", "parentids": []int{1}}, 132},
		{"wrong prefix", onoffice.VerbGet, "idsfromrelation", "", map[string]any{"relationtype": "urn:onoffice-en-ns:smart:2.5:relationTypes:estate:address:owner", "parentids": []int{1}}, 132},
		{"no ids", onoffice.VerbGet, "idsfromrelation", "", map[string]any{"relationtype": owner}, 167},
		{"both sides", onoffice.VerbGet, "idsfromrelation", "", map[string]any{"relationtype": owner, "parentids": []int{1}, "childids": []int{2}}, 255},
		{"not integers", onoffice.VerbGet, "idsfromrelation", "", map[string]any{"relationtype": owner, "parentids": []any{"x"}}, 228},
	})
}

// relUnlinked finds an estate and an address that are not linked by a type.
func relUnlinked(t *testing.T, s *Store, suffix string) (int, int) {
	t.Helper()
	estate := idOf(s.Table("estate").Records[0])
	for _, a := range s.Table("address").Records {
		if relFind(s, suffix, estate, idOf(a)) == nil && !relIsBroker(a) {
			return estate, idOf(a)
		}
	}
	t.Fatal("no unlinked address")
	return 0, 0
}

func TestRelationCreateReadDelete(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	estate, addr := relUnlinked(t, s, "estate:address:owner")
	typ := RelationPrefix + "estate:address:owner"
	res := mustCall(t, c, onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": typ, "parentid": []int{estate}, "childid": []int{addr}})
	if len(res.Records) != 1 || string(res.Records[0].ID) != "0" || res.Records[0].Fields()["success"] != "success" {
		t.Errorf("create answer %+v", res.Records)
	}
	if got := relGet(t, c, "estate:address:owner", "parentids", estate); !contains(got[strconv.Itoa(estate)], strconv.Itoa(addr)) {
		t.Fatalf("after create, owners of %d: %v", estate, got)
	}
	// Creating it again changes nothing.
	n := len(s.Relations)
	mustCall(t, c, onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": typ, "parentid": estate, "childid": addr})
	if len(s.Relations) != n {
		t.Errorf("duplicate create stored a second link")
	}
	mustCall(t, c, onoffice.VerbDelete, "relation", "", map[string]any{"relationtype": typ, "parentid": estate, "childid": addr})
	if got := relGet(t, c, "estate:address:owner", "parentids", estate); contains(got[strconv.Itoa(estate)], strconv.Itoa(addr)) {
		t.Errorf("after delete, owners of %d: %v", estate, got)
	}
	// 1:n: one estate, two prospects.
	_, other := relUnlinked(t, s, "estate:address:interested")
	mustCall(t, c, onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": RelationPrefix + "estate:address:interested",
		"parentid": []int{estate}, "childid": []int{addr, other}})
	got := relGet(t, c, "estate:address:interested", "parentids", estate)
	if !contains(got[strconv.Itoa(estate)], strconv.Itoa(addr)) || !contains(got[strconv.Itoa(estate)], strconv.Itoa(other)) {
		t.Errorf("prospects after 1:n create: %v", got)
	}
}

func TestRelationCreateErrors(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	estate, addr := relUnlinked(t, s, "estate:address:contactPerson")
	owner := RelationPrefix + "estate:address:owner"
	appt := idOf(s.Table("calendar").Records[0])
	runErrCasesKeep(t, c, func() int { return len(s.Relations) }, []errCase{
		{"missing parentid", onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": owner, "childid": []int{addr}}, 167},
		{"missing childid", onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": owner, "parentid": []int{estate}}, 167},
		{"unknown type", onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": RelationPrefix + "estate:address:friend", "parentid": []int{estate}, "childid": []int{addr}}, 132},
		{"read-only type", onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": RelationPrefix + "estate:file:foto", "parentid": []int{estate}, "childid": []int{1}}, 132},
		{"n:n", onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": owner, "parentid": []int{estate, estate + 1}, "childid": []int{addr, addr + 1}}, 219},
		{"unknown estate", onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": owner, "parentid": []int{999999}, "childid": []int{addr}}, 173},
		{"unknown address", onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": owner, "parentid": []int{estate}, "childid": []int{999999}}, 173},
		{"contact person not a broker", onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": RelationPrefix + "estate:address:contactPerson", "parentid": []int{estate}, "childid": []int{addr}}, 263},
		{"relationinfo on owner", onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": owner, "parentid": []int{estate}, "childid": []int{addr}, "relationinfo": map[string]any{"statusTerminbestaetigung": "gesendet"}}, 179},
		{"bad relationinfo", onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": RelationPrefix + "calendar:address", "parentid": []int{appt}, "childid": []int{addr}, "relationinfo": map[string]any{"statusTerminbestaetigung": "vielleicht"}}, 179},
		{"unknown appointment", onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": RelationPrefix + "calendar:address", "parentid": []int{999999}, "childid": []int{addr}}, 80},
	})
}

func TestRelationModifyParticipantStatus(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	link := relFirst(t, s, "calendar:address")
	typ := RelationPrefix + "calendar:address"
	mustCall(t, c, onoffice.VerbModify, "relation", "", map[string]any{"relationtype": typ, "parentid": []int{link.Parent}, "childid": []int{link.Child},
		"relationinfo": map[string]any{"statusTerminbestaetigung": "gecancelt", "statusTerminrueckmeldung": "inaktiv"}})
	r := relFind(s, "calendar:address", link.Parent, link.Child)
	if r.Extra["statusTerminbestaetigung"] != "gecancelt" || r.Extra["statusTerminrueckmeldung"] != "inaktiv" {
		t.Errorf("stored info %v", r.Extra)
	}
	// Create may set the confirmation on a new participant.
	_, addr := relUnlinked(t, s, "calendar:address")
	mustCall(t, c, onoffice.VerbCreate, "relation", "", map[string]any{"relationtype": typ, "parentid": []int{link.Parent}, "childid": []int{addr},
		"relationinfo": map[string]any{"statusTerminbestaetigung": "gesendet"}})
	if r := relFind(s, "calendar:address", link.Parent, addr); r == nil || r.Extra["statusTerminbestaetigung"] != "gesendet" {
		t.Errorf("created participant %+v", r)
	}
	runErrCases(t, c, []errCase{
		{"no relationinfo", onoffice.VerbModify, "relation", "", map[string]any{"relationtype": typ, "parentid": []int{link.Parent}, "childid": []int{link.Child}}, 167},
		{"not linked", onoffice.VerbModify, "relation", "", map[string]any{"relationtype": typ, "parentid": []int{link.Parent}, "childid": []int{999999}, "relationinfo": map[string]any{"statusTerminbestaetigung": "bestätigt"}}, 180},
		{"invalid info", onoffice.VerbModify, "relation", "", map[string]any{"relationtype": typ, "parentid": []int{link.Parent}, "childid": []int{link.Child}, "relationinfo": map[string]any{"statusTerminrueckmeldung": "ja"}}, 181},
		{"not updatable", onoffice.VerbModify, "relation", "", map[string]any{"relationtype": RelationPrefix + "estate:address:owner", "parentid": []int{1}, "childid": []int{2}, "relationinfo": map[string]any{"statusTerminbestaetigung": "bestätigt"}}, 182},
	})
}

func TestRelationDeleteErrors(t *testing.T) {
	sb, c := startAPIAt(t, relTestNow)
	s := sb.Store()
	unit := RelationPrefix + "agentsLog:address"
	logLink := relFirst(t, s, "agentsLog:address")
	runErrCasesKeep(t, c, func() int { return len(s.Relations) }, []errCase{
		{"missing childid", onoffice.VerbDelete, "relation", "", map[string]any{"relationtype": RelationPrefix + "estate:address:owner", "parentid": 1}, 167},
		{"not deletable", onoffice.VerbDelete, "relation", "", map[string]any{"relationtype": unit, "parentid": logLink.Parent, "childid": logLink.Child}, 168},
		{"not linked", onoffice.VerbDelete, "relation", "", map[string]any{"relationtype": RelationPrefix + "estate:address:owner", "parentid": 1, "childid": 2}, 168},
		{"unknown type", onoffice.VerbDelete, "relation", "", map[string]any{"relationtype": "owner", "parentid": 1, "childid": 2}, 132},
	})
}
