package sandbox

import (
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// agentsLogRoutes serves the agents log (Maklerbuch): reading, creating and
// changing activity entries.
func agentsLogRoutes() []Route {
	return []Route{
		{Verb: onoffice.VerbRead, ResourceType: "agentslog", Handle: readAgentsLog},
		// The docs read with "read"; some working clients send "get
		// agentslog" for the same read. Both are answered alike.
		{Verb: onoffice.VerbGet, ResourceType: "agentslog", Handle: readAgentsLog},
		{Verb: onoffice.VerbCreate, ResourceType: "agentslog", Handle: createAgentsLog},
		{Verb: onoffice.VerbModify, ResourceType: "agentslog", Handle: modifyAgentsLog},
	}
}

// alogPseudoFields are readable names that are not stored fields.
var alogPseudoFields = map[string]bool{
	"Benutzer_bearb": true, "mailDate": true, "Aktionsmerkmale": true, "Angeboten_fuer": true,
}

// alogUnfilterable are fields the API refuses in a filter.
var alogUnfilterable = []string{"Benutzer", "Adress_nr", "Objekt_nr", "dauer"}

func readAgentsLog(s *Store, c *Call) (*Answer, error) {
	estates, err := paramInts(c.Params, "estateid")
	if err != nil {
		return nil, err
	}
	addresses, err := paramInts(c.Params, "addressid")
	if err != nil {
		return nil, err
	}
	project, err := paramInt(c.Params, "projectid", 0)
	if err != nil {
		return nil, err
	}
	filter, err := paramObject(c.Params, "filter")
	if err != nil {
		return nil, err
	}
	for _, name := range alogUnfilterable {
		if _, ok := filter[name]; ok {
			return nil, Fail(141, "Field %s cannot be used in the filter; use estateid or addressid to select linked records", name)
		}
	}
	if _, ok := filter["Absagegrund"]; ok {
		if _, ok := filter["Beratungsebene"]; !ok {
			return nil, Fail(237, "Advisory-level filter missing: Absagegrund needs a Beratungsebene filter")
		}
	}
	tracking := paramBool(c.Params, "tracking")
	fullmail := paramBool(c.Params, "fullmail")

	call := *c
	params := maps.Clone(c.Params)
	// Entries come newest first unless the client sorts.
	if sb, ok := params["sortby"]; !ok || sb == nil || sb == "" {
		params["sortby"] = map[string]any{"Datum": "DESC"}
	}
	call.Params = params

	spec := ListSpec{
		Table:            "agentslog",
		FieldModule:      "agentsLog",
		RecordType:       "agentslog",
		UnknownFieldCode: 75,
		Pseudo: func(r Record, name string, out map[string]any) bool {
			if !alogPseudoFields[name] {
				return false
			}
			if len(r) == 0 {
				return true
			}
			switch name {
			case "Benutzer_bearb":
				if v, ok := r["Benutzer_bearb"].(string); ok {
					out[name] = v
				} else {
					out[name], _ = r["Benutzer"].(string)
				}
			case "mailDate":
				out[name] = ""
				if r["Aktionsart"] == "Email" {
					out[name], _ = r["Datum"].(string)
				}
			case "Aktionsmerkmale", "Angeboten_fuer":
				out[name] = ""
				if v, ok := r[name].(string); ok {
					out[name] = v
				}
			}
			return true
		},
		Include: func(r Record) bool {
			id := idOf(r)
			if tracking && r["tracking"] != true {
				return false
			}
			if len(estates) > 0 && !intersects(relIDs(s, "agentsLog:estate", id, true), estates) {
				return false
			}
			if len(addresses) > 0 && !intersects(relIDs(s, "agentsLog:address", id, true), addresses) {
				return false
			}
			if project > 0 && !intersects(relIDs(s, "project:agentslog", id, false), []int{project}) {
				return false
			}
			return true
		},
	}
	if fullmail {
		spec.Decorate = func(r Record, out map[string]any) {
			if r["Aktionsart"] != "Email" {
				return
			}
			if body, ok := r["mailbody"].(string); ok {
				out["mailbody"] = body
			} else {
				note, _ := r["Bemerkung"].(string)
				out["mailbody"] = note
			}
		}
	}
	ans, err := readList(s, &call, spec)
	if err != nil {
		return nil, err
	}
	data, _ := paramStrings(c.Params, "data")
	for _, rec := range ans.Records {
		el := rec.Elements.(map[string]any)
		id, _ := rec.ID.(int)
		for _, name := range data {
			switch name {
			case "Objekt_nr":
				el[name] = idStrings(relIDs(s, "agentsLog:estate", id, true))
			case "Adress_nr":
				el[name] = idStrings(relIDs(s, "agentsLog:address", id, true))
			case "Nr":
				el[name] = strconv.Itoa(id)
			case "merkmal":
				if el[name] == "" {
					el[name] = nil
				}
			}
		}
	}
	return ans, nil
}

// alogValues holds the checked English-named parameters of create and modify.
type alogValues map[string]any

// alogCheckValues validates the descriptive parameters of an entry against
// the action kinds and select fields; kind is the entry's current kind (modify).
func alogCheckValues(s *Store, p map[string]any, kind string) (alogValues, error) {
	fields := s.Fields["agentsLog"]
	out := alogValues{}
	if v, ok := p["actionkind"]; ok && v != nil {
		k, isStr := v.(string)
		if !isStr || alogKind(k) == nil {
			return nil, Fail(100, "Unknown kind of action: %v", v)
		}
		out["Aktionsart"] = k
		kind = k
	}
	if v, ok := p["actiontype"]; ok && v != nil {
		t, isStr := v.(string)
		ak := alogKind(kind)
		if !isStr || ak == nil || !contains(ak.types, t) {
			return nil, Fail(101, "Unknown type of action %v for kind %q", v, kind)
		}
		out["Aktionstyp"] = t
	}
	if v, ok := p["origincontact"]; ok && v != nil {
		o, isStr := v.(string)
		if !isStr || !permitted(fields["HerkunftKontakt"], o) {
			return nil, Fail(220, "Unknown contact origin: %v", v)
		}
		out["HerkunftKontakt"] = o
	}
	if v, ok := p["features"]; ok && v != nil {
		list, err := paramStrings(p, "features")
		if err != nil {
			return nil, err
		}
		for _, f := range list {
			if !permitted(fields["merkmal"], f) {
				return nil, Fail(221, "Unknown feature: %s", f)
			}
		}
		if len(list) > 0 {
			out["merkmal"] = list
		} else {
			out["merkmal"] = nil
		}
	}
	if v, ok := p["cost"]; ok && v != nil {
		f, isNum := toFloat(v)
		if !isNum || f < 0 {
			return nil, Fail(222, "cost is not numeric or negative")
		}
		out["Kosten"] = f
	}
	if v, ok := p["duration"]; ok && v != nil {
		n, isNum := toInt(v)
		if !isNum || n < 0 {
			return nil, Fail(223, "duration is not numeric or negative")
		}
		out["dauer"] = n
	}
	if v, ok := p["note"]; ok && v != nil {
		n, isStr := v.(string)
		if !isStr {
			return nil, Fail(227, "Element/parameter note must be a string")
		}
		out["Bemerkung"] = n
	}
	if v, ok := p["datetime"]; ok && v != nil {
		d := toText(v)
		if len(d) == 10 {
			d += " 00:00:00"
		}
		if _, err := time.Parse("2006-01-02 15:04:05", d); err != nil {
			return nil, Fail(122, "Invalid date: %s", toText(v))
		}
		out["Datum"] = d
	}
	return out, nil
}

func alogKind(key string) *seedActionKind {
	for i := range seedActionKinds {
		if seedActionKinds[i].key == key {
			return &seedActionKinds[i]
		}
	}
	return nil
}

// alogAdvisoryLevel returns the stored Beratungsebene value of a letter A–G.
func alogAdvisoryLevel(s *Store, letter string) string {
	if len(letter) != 1 {
		return ""
	}
	for _, o := range s.Fields["agentsLog"]["Beratungsebene"].Permitted {
		if strings.HasPrefix(o.Key, strings.ToUpper(letter)+" ") {
			return o.Key
		}
	}
	return ""
}

func createAgentsLog(s *Store, c *Call) (*Answer, error) {
	p := c.Params
	if _, single := p["addressid"]; single {
		if _, many := p["addressids"]; many {
			return nil, Fail(297, "addressId and addressIds are mutually exclusive")
		}
	}
	var addresses []int
	if v, ok := p["addressids"]; ok && v != nil {
		var err error
		if addresses, err = addressIDList(v, nil); err != nil {
			return nil, err
		}
	} else if v, ok := p["addressid"]; ok && v != nil {
		n, isInt := toInt(v)
		if !isInt {
			return nil, Fail(228, "Element/parameter addressid must be an integer")
		}
		addresses = []int{n}
	}
	estate, err := paramInt(p, "estateid", 0)
	if err != nil {
		return nil, err
	}
	if len(addresses) == 0 && estate == 0 {
		return nil, Fail(98, "Relation to address and/or estate missing")
	}
	for _, id := range addresses {
		if _, err := addressRecord(s, id); err != nil {
			return nil, err
		}
	}
	if _, err := estateRecord(s, estate); estate != 0 && err != nil {
		return nil, err
	}
	values, err := alogCheckValues(s, p, "")
	if err != nil {
		return nil, err
	}
	level, _ := paramString(p, "advisorylevel")
	if level != "" {
		if values["Beratungsebene"] = alogAdvisoryLevel(s, level); values["Beratungsebene"] == "" {
			return nil, Fail(225, "Unknown advisory level: %s", level)
		}
	}
	if reason, _ := paramString(p, "reasoncancellation"); reason != "" {
		if !strings.EqualFold(level, "G") {
			return nil, Fail(224, "A cancellation reason needs advisory level G")
		}
		if !permitted(s.Fields["agentsLog"]["Absagegrund"], reason) {
			return nil, Fail(226, "Unknown cancellation reason: %s", reason)
		}
		values["Absagegrund"] = reason
	}
	userID, err := paramInt(p, "userid", 0)
	if err != nil {
		return nil, Fail(186, "userid must be an integer")
	}
	if userID == 0 {
		userID = SandboxAPIUserID
	}
	user := s.Table("user").Get(userID)
	if user == nil {
		return nil, Fail(184, "User id %d unknown or inactive", userID)
	}
	links := map[string][]int{}
	for _, link := range [][2]string{{"taskid", "task"}, {"appointmentid", "calendar"}} {
		param, table := link[0], link[1]
		id, err := paramInt(p, param, 0)
		if err != nil {
			return nil, err
		}
		if id == 0 {
			continue
		}
		if s.Table(table).Get(id) == nil {
			return nil, Fail(80, "Unknown record %d in %s (missing or no rights)", id, param)
		}
		links[param] = []int{id}
	}
	files, err := paramInts(p, "fileids")
	if err != nil {
		return nil, err
	}
	for _, id := range files {
		if s.Table("file").Get(id) == nil {
			return nil, Fail(127, "File not found: %d", id)
		}
	}
	project, err := paramInt(p, "projectid", 0)
	if err != nil {
		return nil, err
	}
	if _, ok := values["Datum"]; !ok {
		values["Datum"] = stamp(c.Now)
	}

	// One entry per address; an estate-only entry when no address is given.
	targets := addresses
	if len(targets) == 0 {
		targets = []int{0}
	}
	t := s.Table("agentslog")
	var out []OutRecord
	for _, addr := range targets {
		r := Record{}
		for k, v := range values {
			if v != nil {
				r[k] = v
			}
		}
		r["Benutzer"], _ = user["Name"].(string)
		r["Benutzer_nr"] = userID
		r["created"] = stamp(c.Now)
		r["Datum_bearb"] = stamp(c.Now)
		if ids := links["taskid"]; len(ids) > 0 {
			r["taskid"] = ids[0]
		}
		if ids := links["appointmentid"]; len(ids) > 0 {
			r["appointmentid"] = ids[0]
		}
		id := t.Insert(r)
		if addr != 0 {
			relAdd(s, "agentsLog:address", id, addr)
		}
		if estate != 0 {
			relAdd(s, "agentsLog:estate", id, estate)
		}
		if addr != 0 && estate != 0 {
			// The entry also lists the estate as offered to the address.
			relAdd(s, "address:estate:offer", addr, estate)
		}
		if project != 0 {
			relAdd(s, "project:agentslog", project, id)
		}
		for _, f := range files {
			relAdd(s, "agentsLog:file:attachment", id, f)
		}
		out = append(out, OutRecord{ID: id, Type: "agentsLog", Elements: []any{}})
	}
	return &Answer{Records: out}, nil
}

// alogModifiable are the keys Modify agents log accepts inside data.
var alogModifiable = []string{"actionkind", "actiontype", "origincontact", "cost", "note", "duration", "features", "datetime"}

func modifyAgentsLog(s *Store, c *Call) (*Answer, error) {
	id, r, err := recordByResourceID(s, "agentslog", c.ResourceID)
	if err != nil {
		return nil, err
	}
	data, err := changesParam(c.Params)
	if err != nil {
		return nil, err
	}
	for _, k := range sortedKeys(data) {
		if !contains(alogModifiable, k) {
			return nil, Fail(144, "Invalid field in input data: %s", k)
		}
	}
	kind, _ := r["Aktionsart"].(string)
	values, err := alogCheckValues(s, data, kind)
	if err != nil {
		return nil, err
	}
	if newKind, ok := values["Aktionsart"].(string); ok && newKind != kind {
		// A new kind needs a type that belongs to it.
		typ, _ := r["Aktionstyp"].(string)
		if _, given := values["Aktionstyp"]; !given && typ != "" && !contains(alogKind(newKind).types, typ) {
			return nil, Fail(101, "Type of action %q does not belong to kind %q; send actiontype too", typ, newKind)
		}
	}
	for k, v := range values {
		if v == nil {
			delete(r, k)
		} else {
			r[k] = v
		}
	}
	r["Datum_bearb"] = stamp(c.Now)
	fields := s.Fields["agentsLog"]
	el := map[string]any{}
	for _, name := range []string{"Aktionsart", "Aktionstyp", "HerkunftKontakt", "Kosten", "Bemerkung", "dauer", "merkmal", "Datum"} {
		el[name] = formatValue(fields[name], r[name], false, "DEU")
	}
	if d, ok := r["Datum"].(string); ok && len(d) == 19 {
		el["Uhrzeit"] = d[11:]
	}
	return &Answer{Records: []OutRecord{{ID: id, Type: "agentsLog", Elements: el}}}, nil
}
