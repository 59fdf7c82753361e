package sandbox

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// relationRoutes serves the relations module: reading linked ids and
// creating, changing and removing links between records.
func relationRoutes() []Route {
	return []Route{
		{Verb: onoffice.VerbGet, ResourceType: "idsfromrelation", Handle: getRelationIDs},
		{Verb: onoffice.VerbCreate, ResourceType: "relation", Handle: createRelation},
		{Verb: onoffice.VerbModify, ResourceType: "relation", Handle: modifyRelation},
		{Verb: onoffice.VerbDelete, ResourceType: "relation", Handle: deleteRelation},
	}
}

// RelationPrefix starts every relation type URN. The sandbox's own copy
// (see the package comment); onoffice.RelationTypePrefix is the client's.
const RelationPrefix = "urn:onoffice-de-ns:smart:2.5:relationTypes:"

// relType describes one relation type: the tables of its two sides (empty
// when the sandbox keeps no such records) and what the API lets a client do
// with it. Types with derive are computed from other data and read-only.
type relType struct {
	suffix                 string
	parent, child          string
	create, modify, delete bool
	derive                 func(s *Store) [][2]int
}

// relTypes lists every documented relation type. The create/delete flags
// follow the types the Create and Delete relations pages name; modify is
// documented for the appointment participant status only.
var relTypes = []relType{
	{suffix: "estate:address:buyer", parent: "estate", child: "address", create: true, delete: true},
	{suffix: "estate:address:renter", parent: "estate", child: "address", create: true, delete: true},
	{suffix: "estate:address:tenant", parent: "estate", child: "address", derive: relStoredAs("estate:address:renter")},
	{suffix: "estate:address:owner", parent: "estate", child: "address", create: true, delete: true},
	{suffix: "estate:address:interested", parent: "estate", child: "address", create: true, delete: true},
	{suffix: "estate:address:contactPerson", parent: "estate", child: "address", create: true, delete: true},
	{suffix: "estate:address:contactPersonAll", parent: "estate", child: "address", create: true, delete: true, derive: relStoredAs("estate:address:contactPerson")},
	{suffix: "estate:address:matching", parent: "estate", child: "address"},
	{suffix: "estate:estateUnit", parent: "estate", child: "estate", create: true, delete: true},
	{suffix: "complex:estate:units", child: "estate", derive: relStoredAs("estate:estateUnit")},
	{suffix: "estateTracking:estate", child: "estate"},
	{suffix: "estate:user:officer", parent: "estate", child: "user", derive: relIDField("estate", "benutzer")},
	{suffix: "estate:user:assignment", parent: "estate", child: "user"},
	{suffix: "estate:allFiles", parent: "estate", child: "file", derive: relFiles("estate")},
	{suffix: "estate:file:titelbild", parent: "estate", child: "file", derive: relFiles("estate", "Titelbild")},
	{suffix: "estate:file:grundriss", parent: "estate", child: "file", derive: relFiles("estate", "Grundriss")},
	{suffix: "estate:file:foto", parent: "estate", child: "file", derive: relFiles("estate", "Foto", "Foto_gross")},
	{suffix: "estate:file:allpictures", parent: "estate", child: "file", derive: relFiles("estate", relPictureTypes...)},
	{suffix: "estate:file:alllinks", parent: "estate", child: "file", derive: relFiles("estate", relLinkTypes...)},
	{suffix: "estate:file:allpicturesExceptTitelbild", parent: "estate", child: "file", derive: relFiles("estate", relPictureTypes[1:]...)},
	{suffix: "estate:mail", parent: "estate"},
	{suffix: "billing:estate", child: "estate"},
	{suffix: "job:estate", child: "estate"},
	{suffix: "address:process", parent: "address"},
	{suffix: "address:resubmission", parent: "address"},
	{suffix: "address:address:isTippgeberOf", parent: "address", child: "address"},
	{suffix: "address:estate:tipp", parent: "address", child: "estate"},
	{suffix: "address:user:officer", parent: "address", child: "user", derive: relAddressOfficers},
	{suffix: "address:user:additionalOfficers", parent: "address", child: "user"},
	{suffix: "address:file:attachment", parent: "address", child: "file", derive: relFiles("address")},
	{suffix: "address:searchcriteria", parent: "address", child: "searchcriteria"},
	{suffix: "address:estate:offer", parent: "address", child: "estate"},
	{suffix: "address:estate:contacted", parent: "address", child: "estate"},
	{suffix: "address:estate:offerByAgentsLog", parent: "address", child: "estate", derive: relLogPairs("Angebot")},
	{suffix: "address:estate:matching", parent: "address", child: "estate"},
	{suffix: "address:user:strangeNameRelation", parent: "address", child: "user", derive: relSameNameUsers},
	{suffix: "address:contact:address", parent: "address", child: "address", create: true},
	{suffix: "address:user:sync", parent: "address", child: "user", create: true, delete: true},
	{suffix: "address:mail", parent: "address"},
	{suffix: "customer:address:contact", child: "address"},
	{suffix: "user:address:birthday", parent: "user", child: "address"},
	{suffix: "user:address", parent: "user", child: "address", derive: relIDField("user", "adrId:adressen.ID")},
	{suffix: "user:messengerUser:is", parent: "user"},
	{suffix: "templateManagement:email:attachment", child: "file"},
	{suffix: "templateManagement:email:documentAttributes"},
	{suffix: "project:task:customer", child: "task"},
	{suffix: "project:agentslog", child: "agentslog"},
	{suffix: "project:calendar", child: "calendar"},
	{suffix: "project:address", child: "address"},
	{suffix: "project:estate", child: "estate"},
	{suffix: "project:file:attachment", child: "file"},
	{suffix: "task:address", parent: "task", child: "address"},
	{suffix: "task:estate", parent: "task", child: "estate"},
	{suffix: "task:file:attachment", parent: "task", child: "file", derive: relFiles("task")},
	{suffix: "calendar:address", parent: "calendar", child: "address", create: true, modify: true, delete: true},
	{suffix: "calendar:estate", parent: "calendar", child: "estate", create: true, delete: true},
	{suffix: "calendar:file:attachment", parent: "calendar", child: "file", derive: relFiles("calendar")},
	{suffix: "agentsLog:address", parent: "agentslog", child: "address", create: true},
	{suffix: "agentsLog:estate", parent: "agentslog", child: "estate", create: true},
	{suffix: "agentsLog:file:attachment", parent: "agentslog", child: "file", create: true, delete: true, derive: relFiles("agentsLog")},
	{suffix: "agentsLogMail:address", parent: "agentslog", child: "address", derive: relLogMail("agentsLog:address")},
	{suffix: "agentsLogMail:estate", parent: "agentslog", child: "estate", derive: relLogMail("agentsLog:estate")},
	{suffix: "agentsLog:attachment:download", parent: "agentslog"},
}

var (
	relPictureTypes = []string{"Titelbild", "Foto", "Foto_gross", "Grundriss", "Lageplan", "Stadtplan", "Panorama", "Epass_Skala"}
	relLinkTypes    = []string{"Link", "Film-Link", "Ogulo-Link", "Objekt-Link"}
)

func lookupRelType(urn string) (*relType, bool) {
	suffix, ok := strings.CutPrefix(urn, RelationPrefix)
	if !ok {
		return nil, false
	}
	for i := range relTypes {
		if relTypes[i].suffix == suffix {
			return &relTypes[i], true
		}
	}
	return nil, false
}

// pairs returns every (parent, child) link of a type: derived ones plus the
// stored ones, without duplicates, ordered by parent and child.
func (t *relType) pairs(s *Store) [][2]int {
	var out [][2]int
	if t.derive != nil {
		out = t.derive(s)
	}
	out = append(out, relStoredPairs(s, t.suffix)...)
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] < out[j][1]
	})
	uniq := out[:0]
	for i, p := range out {
		if i == 0 || p != out[i-1] {
			uniq = append(uniq, p)
		}
	}
	return uniq
}

func relStoredPairs(s *Store, suffix string) [][2]int {
	urn := RelationPrefix + suffix
	var out [][2]int
	for _, r := range s.Relations {
		if r.Type == urn {
			out = append(out, [2]int{r.Parent, r.Child})
		}
	}
	return out
}

// relStoredAs reads a type that the API keeps as another one (tenant and
// renter, complex units and estate units).
func relStoredAs(suffix string) func(s *Store) [][2]int {
	return func(s *Store) [][2]int { return relStoredPairs(s, suffix) }
}

// relFiles links records of a module to their files, optionally only files of the given kinds.
func relFiles(module string, kinds ...string) func(s *Store) [][2]int {
	return func(s *Store) [][2]int {
		var out [][2]int
		for _, f := range s.Table("file").Records {
			if f["module"] != module {
				continue
			}
			if len(kinds) > 0 {
				kind, _ := f["type"].(string)
				if !contains(kinds, kind) {
					continue
				}
			}
			if rid, ok := toInt(f["relatedRecordId"]); ok && rid > 0 {
				out = append(out, [2]int{rid, idOf(f)})
			}
		}
		return out
	}
}

// relIDField links each record of a table to the id held in one of its fields.
func relIDField(table, field string) func(s *Store) [][2]int {
	return func(s *Store) [][2]int {
		var out [][2]int
		for _, r := range s.Table(table).Records {
			if id, ok := toInt(r[field]); ok && id > 0 {
				out = append(out, [2]int{idOf(r), id})
			}
		}
		return out
	}
}

func relAddressOfficers(s *Store) [][2]int {
	var out [][2]int
	for _, a := range s.Table("address").Records {
		if uid := userIDOf(s, a["Benutzer"]); uid > 0 {
			out = append(out, [2]int{idOf(a), uid})
		}
	}
	return out
}

func relSameNameUsers(s *Store) [][2]int {
	var out [][2]int
	users := s.Table("user").Records
	for _, a := range s.Table("address").Records {
		first, _ := a["Vorname"].(string)
		last, _ := a["Name"].(string)
		if first == "" || last == "" {
			continue
		}
		for _, u := range users {
			if u["Vorname"] == first && u["Nachname"] == last {
				out = append(out, [2]int{idOf(a), idOf(u)})
			}
		}
	}
	return out
}

// relLogPairs links addresses to estates through agents-log entries of a kind.
func relLogPairs(kind string) func(s *Store) [][2]int {
	return func(s *Store) [][2]int {
		var out [][2]int
		for _, e := range s.Table("agentslog").Records {
			if e["Aktionsart"] != kind {
				continue
			}
			id := idOf(e)
			for _, a := range relIDs(s, "agentsLog:address", id, true) {
				for _, est := range relIDs(s, "agentsLog:estate", id, true) {
					out = append(out, [2]int{a, est})
				}
			}
		}
		return out
	}
}

// relLogMail restricts an agents-log link type to e-mail entries.
func relLogMail(suffix string) func(s *Store) [][2]int {
	return func(s *Store) [][2]int {
		var out [][2]int
		log := s.Table("agentslog")
		for _, p := range relStoredPairs(s, suffix) {
			if e := log.Get(p[0]); e != nil && e["Aktionsart"] == "Email" {
				out = append(out, p)
			}
		}
		return out
	}
}

// relIDs returns the ids on the other side of a stored relation type:
// the children of id when fromParent, else its parents.
func relIDs(s *Store, suffix string, id int, fromParent bool) []int {
	urn := RelationPrefix + suffix
	var out []int
	for _, r := range s.Relations {
		if r.Type != urn {
			continue
		}
		if fromParent && r.Parent == id {
			out = append(out, r.Child)
		} else if !fromParent && r.Child == id {
			out = append(out, r.Parent)
		}
	}
	sort.Ints(out)
	return out
}

// relAdd stores a link unless it exists; it returns the stored relation.
func relAdd(s *Store, suffix string, parent, child int) *Relation {
	if r := relFind(s, suffix, parent, child); r != nil {
		return r
	}
	s.Relations = append(s.Relations, Relation{Type: RelationPrefix + suffix, Parent: parent, Child: child})
	return &s.Relations[len(s.Relations)-1]
}

// relRemove drops every stored relation for which drop is true.
func relRemove(s *Store, drop func(Relation) bool) {
	s.Relations = slices.DeleteFunc(s.Relations, drop)
}

// relFind returns the stored link of a type between two records, or nil.
func relFind(s *Store, suffix string, parent, child int) *Relation {
	urn := RelationPrefix + suffix
	for i := range s.Relations {
		r := &s.Relations[i]
		if r.Type == urn && r.Parent == parent && r.Child == child {
			return r
		}
	}
	return nil
}

func getRelationIDs(s *Store, c *Call) (*Answer, error) {
	typ, err := relTypeParam(c.Params)
	if err != nil {
		return nil, err
	}
	parents, err := paramInts(c.Params, "parentids")
	if err != nil {
		return nil, err
	}
	children, err := paramInts(c.Params, "childids")
	if err != nil {
		return nil, err
	}
	if len(parents) > 0 && len(children) > 0 {
		return nil, Fail(255, "Give either parentids or childids, not both")
	}
	if len(parents) == 0 && len(children) == 0 {
		return nil, Fail(167, "Required parameter missing: parentids or childids")
	}
	if len(parents)+len(children) > 500 {
		return nil, Fail(302, "At most 500 ids per call")
	}
	fromParent := len(parents) > 0
	asked := parents
	if !fromParent {
		asked = children
	}
	want := map[int]bool{}
	for _, id := range asked {
		want[id] = true
	}
	found := map[int][]string{}
	for _, p := range typ.pairs(s) {
		key, other := p[0], p[1]
		if !fromParent {
			key, other = p[1], p[0]
		}
		if want[key] {
			found[key] = append(found[key], strconv.Itoa(other))
		}
	}
	// PHP sends an empty map as an empty list.
	var elements any = []any{}
	if len(found) > 0 {
		m := map[string]any{}
		for id, others := range found {
			m[strconv.Itoa(id)] = others
		}
		elements = m
	}
	return &Answer{Records: []OutRecord{{ID: "relatedIds", Type: "", Elements: elements}}, Cacheable: true}, nil
}

func relTypeParam(p map[string]any) (*relType, error) {
	rt, err := paramString(p, "relationtype")
	if err != nil {
		return nil, err
	}
	if rt == "" {
		return nil, Fail(167, "Required parameter missing: relationtype")
	}
	typ, ok := lookupRelType(rt)
	if !ok {
		return nil, Fail(132, "Relation missing or unknown: %s", rt)
	}
	return typ, nil
}

// relSides reads parentid and childid of create and modify (an id or a
// list of ids) and refuses n:n.
func relSides(p map[string]any) ([]int, []int, error) {
	if err := requireParam(p, "parentid", "childid"); err != nil {
		return nil, nil, err
	}
	parents, err := paramInts(p, "parentid")
	if err != nil {
		return nil, nil, err
	}
	children, err := paramInts(p, "childid")
	if err != nil {
		return nil, nil, err
	}
	if len(parents) == 0 {
		return nil, nil, Fail(167, "Required parameter missing: parentid")
	}
	if len(children) == 0 {
		return nil, nil, Fail(167, "Required parameter missing: childid")
	}
	if len(parents) > 1 && len(children) > 1 {
		return nil, nil, Fail(219, "n:n relations are not allowed")
	}
	return parents, children, nil
}

// relConfirmStates are the documented appointment confirmation values.
var relConfirmStates = []string{"bestätigt", "gesendet", "gecancelt", "nicht gesetzt"}

// relFeedbackStates are the documented appointment feedback values.
var relFeedbackStates = []string{"aktiv", "inaktiv"}

// relInfo checks a relationinfo object; allowFeedback permits the
// feedback status, which only Modify relations documents.
func relInfo(info map[string]any, allowFeedback bool, code int) (map[string]any, error) {
	out := map[string]any{}
	for _, k := range sortedKeys(info) {
		v, ok := info[k].(string)
		switch {
		case k == "statusTerminbestaetigung" && ok && contains(relConfirmStates, v):
		case k == "statusTerminrueckmeldung" && allowFeedback && ok && contains(relFeedbackStates, v):
		default:
			return nil, Fail(code, "Invalid relation info: %s", k)
		}
		out[k] = v
	}
	return out, nil
}

func createRelation(s *Store, c *Call) (*Answer, error) {
	typ, err := relTypeParam(c.Params)
	if err != nil {
		return nil, err
	}
	parents, children, err := relSides(c.Params)
	if err != nil {
		return nil, err
	}
	if !typ.create {
		return nil, Fail(132, "Relation type %s cannot be created", typ.suffix)
	}
	var info map[string]any
	if raw, ok := c.Params["relationinfo"]; ok && raw != nil {
		obj, isObj := raw.(map[string]any)
		if !isObj || typ.suffix != "calendar:address" {
			return nil, Fail(179, "Relation not created: invalid relation info")
		}
		if info, err = relInfo(obj, false, 179); err != nil {
			return nil, err
		}
	}
	estateAddress := typ.parent == "estate" && typ.child == "address"
	for _, side := range []struct {
		table string
		ids   []int
	}{{typ.parent, parents}, {typ.child, children}} {
		for _, id := range side.ids {
			if side.table == "" || s.Table(side.table).Get(id) != nil {
				continue
			}
			if estateAddress {
				return nil, Fail(173, "Could not link address and estate: record %d does not exist", id)
			}
			return nil, Fail(80, "Unknown record %d (missing or no rights)", id)
		}
	}
	if typ.suffix == "estate:address:contactPerson" {
		for _, id := range children {
			if !relIsBroker(s.Table("address").Get(id)) {
				return nil, Fail(263, "Address %d must be a real-estate agent", id)
			}
		}
	}
	for _, p := range parents {
		for _, ch := range children {
			if typ.parent != "" && typ.parent == typ.child && p == ch {
				return nil, Fail(255, "A record cannot be linked to itself")
			}
		}
	}
	for _, p := range parents {
		for _, ch := range children {
			r := relAdd(s, typ.suffix, p, ch)
			if len(info) > 0 {
				r.setExtra(info)
			}
		}
	}
	return Success(""), nil
}

// relIsBroker reports whether an address is marked as a real-estate agent.
func relIsBroker(a Record) bool {
	kinds, _ := a["ArtDaten"].([]string)
	return contains(kinds, "Makler") || contains(kinds, "Systembenutzer")
}

func modifyRelation(s *Store, c *Call) (*Answer, error) {
	typ, err := relTypeParam(c.Params)
	if err != nil {
		return nil, err
	}
	parents, children, err := relSides(c.Params)
	if err != nil {
		return nil, err
	}
	if err := requireParam(c.Params, "relationinfo"); err != nil {
		return nil, err
	}
	if !typ.modify {
		return nil, Fail(182, "Relation not modified: type %s is not updatable", typ.suffix)
	}
	obj, ok := c.Params["relationinfo"].(map[string]any)
	if !ok || len(obj) == 0 {
		return nil, Fail(181, "Relation not modified: invalid relation info")
	}
	info, err := relInfo(obj, true, 181)
	if err != nil {
		return nil, err
	}
	var found []*Relation
	for _, p := range parents {
		for _, ch := range children {
			r := relFind(s, typ.suffix, p, ch)
			if r == nil {
				return nil, Fail(180, "Relation not modified: %d and %d are not linked", p, ch)
			}
			found = append(found, r)
		}
	}
	for _, r := range found {
		r.setExtra(info)
	}
	return Success(""), nil
}

func deleteRelation(s *Store, c *Call) (*Answer, error) {
	typ, err := relTypeParam(c.Params)
	if err != nil {
		return nil, err
	}
	if err := requireParam(c.Params, "parentid", "childid"); err != nil {
		return nil, err
	}
	parent, err := paramInt(c.Params, "parentid", 0)
	if err != nil {
		return nil, err
	}
	child, err := paramInt(c.Params, "childid", 0)
	if err != nil {
		return nil, err
	}
	if !typ.delete {
		return nil, Fail(168, "Relation type %s cannot be deleted", typ.suffix)
	}
	urn := RelationPrefix + typ.suffix
	for i, r := range s.Relations {
		if r.Type == urn && r.Parent == parent && r.Child == child {
			s.Relations = append(s.Relations[:i], s.Relations[i+1:]...)
			return Success(""), nil
		}
	}
	return nil, Fail(168, "Record could not be deleted: %d and %d are not linked", parent, child)
}
