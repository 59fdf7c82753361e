package sandbox

import (
	"math"
	"slices"
	"sort"
	"strings"
)

// Quick search for estates and the buyer/tenant finder (Immomatching).

const estRelOwner = RelationPrefix + "estate:address:owner"

// estOwners returns the owner addresses of an estate.
func estOwners(s *Store, estateID int) []Record {
	var out []Record
	for _, rel := range s.Relations {
		if rel.Type == estRelOwner && rel.Parent == estateID {
			if a := s.Table("address").Get(rel.Child); a != nil {
				out = append(out, a)
			}
		}
	}
	return out
}

// estFold lower-cases text and spells ß as ss, so "Strasse" finds "Straße".
func estFold(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "ß", "ss")
}

var estSearchSort = map[string]bool{"objektnr_extern": true, "ort": true, "strasse": true, "hausnummer": true}

// searchEstates is the quick search over external number, town, street
// (with house number) and the owner's name; every word must match.
func searchEstates(s *Store, c *Call) (*Answer, error) {
	input, err := searchInput(c.Params, "Search string too short")
	if err != nil {
		return nil, err
	}
	sortBy, err := paramString(c.Params, "sortby")
	if err != nil {
		return nil, err
	}
	if sortBy != "" && !estSearchSort[sortBy] {
		return nil, Fail(212, "Unknown sort field: %s", sortBy)
	}
	desc, err := sortDescParam(c.Params)
	if err != nil {
		return nil, err
	}
	thumb, err := paramString(c.Params, "includeThumbnail")
	if err != nil {
		return nil, err
	}
	if thumb != "" && thumb != "small" && thumb != "medium" {
		return nil, Fail(255, "Invalid value for parameter includeThumbnail: %s", thumb)
	}
	fields := s.Fields["estate"]
	conds, err := parseFilter(c.Params, fields)
	if err != nil {
		return nil, err
	}
	saved, err := estSavedFilterParam(s, "estate", c.Params, "filterId")
	if err != nil {
		return nil, err
	}
	conds = append(conds, saved...)

	words := strings.FieldsFunc(estFold(input), func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
	var hits []Record
	for _, e := range s.Table("estate").Records {
		if toText(e["language"]) != "" || !matchAll(e, conds) {
			continue
		}
		texts := []string{estFold(toText(e["objektnr_extern"])), estFold(toText(e["ort"])), estFold(toText(e["strasse"]))}
		for _, o := range estOwners(s, idOf(e)) {
			texts = append(texts, estFold(toText(o["Vorname"])), estFold(toText(o["Name"])))
		}
		houseNo := estFold(toText(e["hausnummer"]))
		all := true
		for _, w := range words {
			found := houseNo != "" && w == houseNo
			for _, t := range texts {
				found = found || (t != "" && strings.Contains(t, w))
			}
			if !found {
				all = false
				break
			}
		}
		if all {
			hits = append(hits, e)
		}
	}
	if sortBy != "" {
		sort.SliceStable(hits, func(i, j int) bool {
			c := compare("varchar", hits[i][sortBy], toText(hits[j][sortBy]))
			if desc {
				return c > 0
			}
			return c < 0
		})
	}
	out := make([]OutRecord, 0, len(hits))
	for _, e := range hits {
		var owners []string
		for _, o := range estOwners(s, idOf(e)) {
			owners = append(owners, addressDescription(o))
		}
		kind := ""
		if f := fields["objektart"]; f != nil && e["objektart"] != nil {
			kind = optionLabel(f, toText(e["objektart"]), "DEU")
		}
		el := map[string]any{
			"externalestateno": toText(e["objektnr_extern"]), "zipcode": toText(e["plz"]), "city": toText(e["ort"]),
			"street": toText(e["strasse"]), "houseno": toText(e["hausnummer"]), "owner": strings.Join(owners, ", "),
			"type": kind,
		}
		if thumb != "" {
			el["thumbnail"] = ""
			for _, f := range estFilesOf(s, "estate", idOf(e)) {
				if toText(f["type"]) == "Titelbild" {
					el["thumbnail"] = estFileURL(idOf(e), f, estThumbWidth[thumb])
				}
			}
		}
		out = append(out, OutRecord{ID: idOf(e), Type: "estate", Elements: el})
	}
	return &Answer{Records: out}, nil
}

// estSuitorMin is the lowest hit rate (percent) the buyer finder reports.
const estSuitorMin = 50

// estMatchBool are yes/no criteria and how an estate shows it has them.
var estMatchBool = []string{"balkon_terrasse", "garten", "fahrstuhl", "barrierefrei", "stellplatz"}

// getQualifiedSuitors matches hypothetical estate data against the stored,
// active search criteria and returns the best criterion per prospect.
func getQualifiedSuitors(s *Store, c *Call) (*Answer, error) {
	if err := requireParam(c.Params, "estatedata"); err != nil {
		return nil, err
	}
	raw, err := paramObject(c.Params, "estatedata")
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, Fail(167, "Required parameter missing: estatedata")
	}
	est := map[string][]string{}
	for k, v := range raw {
		if _, ok := s.Fields["estate"][k]; !ok {
			return nil, Fail(143, "Unknown field in estate data: %s", k)
		}
		var vals []string
		switch t := v.(type) {
		case []any:
			if f := s.Fields["estate"][k]; f.Type == "singleselect" {
				return nil, Fail(187, "Element/parameter %s must not be an array", k)
			}
			for _, e := range t {
				vals = append(vals, strings.TrimSpace(toText(e)))
			}
		default:
			if s.Fields["estate"][k].Type == "singleselect" {
				vals = []string{strings.TrimSpace(toText(t))}
			} else {
				for _, p := range strings.Split(toText(t), ",") {
					vals = append(vals, strings.TrimSpace(p))
				}
			}
		}
		var clean []string
		for _, x := range vals {
			if x != "" {
				clean = append(clean, x)
			}
		}
		if len(clean) > 0 {
			est[k] = clean
		}
	}
	lat, lon, located := estLocate(est)

	type hit struct {
		address, criterion, percent int
		deviated                    []string
	}
	best := map[int]hit{}
	for _, sc := range s.Table("searchcriteria").Records {
		if st, ok := toInt(orZero(sc["status"])); ok && sc["status"] != nil && st == 0 {
			continue
		}
		if exp := toText(sc["sysExpiryDate"]); exp != "" && exp < c.Now.Format("2006-01-02") {
			continue
		}
		addr, _ := toInt(orZero(sc["adresse"]))
		a := s.Table("address").Get(addr)
		if a == nil {
			continue
		}
		if st, ok := a["Status"]; ok {
			if n, _ := toInt(st); n == 0 {
				continue
			}
		}
		compared, matched, deviated := estMatchCriterion(s, sc, est, lat, lon, located)
		if compared == 0 {
			continue
		}
		ko, _ := sc["sys_ko"].([]string)
		knocked := false
		for _, d := range deviated {
			// A prospect looking elsewhere is never a match, knock-out or not.
			knocked = knocked || contains(ko, d) || d == "ort" || d == "plz" || d == "range"
		}
		percent := int(math.Round(100 * float64(matched) / float64(compared)))
		if knocked || percent < estSuitorMin {
			continue
		}
		h := hit{addr, idOf(sc), percent, deviated}
		if old, ok := best[addr]; !ok || h.percent > old.percent || (h.percent == old.percent && h.criterion < old.criterion) {
			best[addr] = h
		}
	}
	hits := make([]hit, 0, len(best))
	for _, h := range best {
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].percent != hits[j].percent {
			return hits[i].percent > hits[j].percent
		}
		return hits[i].address < hits[j].address
	})
	out := make([]OutRecord, 0, len(hits))
	for _, h := range hits {
		dev := []any{[]any{}}
		if len(h.deviated) > 0 {
			dev = dev[:0]
			for _, d := range h.deviated {
				dev = append(dev, map[string]any{d: 0})
			}
		}
		out = append(out, OutRecord{ID: h.address, Type: "", Elements: map[string]any{
			"percentage": h.percent, "deviated": dev, "searchcriteria": h.criterion,
		}})
	}
	return &Answer{Records: out, Total: Counted(len(out)), Cacheable: true}, nil
}

// estMatchCriterion compares one search criterion with the estate data: it
// counts the criteria that both sides speak about and names the ones that
// do not fit.
func estMatchCriterion(s *Store, sc Record, est map[string][]string, lat, lon float64, located bool) (compared, matched int, deviated []string) {
	check := func(name string, ok bool) {
		compared++
		if ok {
			matched++
		} else {
			deviated = append(deviated, name)
		}
	}
	for _, name := range []string{"vermarktungsart", "nutzungsart", "objektart", "land"} {
		if want := toText(sc[name]); want != "" && len(est[name]) > 0 {
			check(name, anyEqualFold(est[name], want))
		}
	}
	if want, _ := sc["objekttyp"].([]string); len(want) > 0 && len(est["objekttyp"]) > 0 {
		ok := false
		for _, w := range want {
			ok = ok || anyEqualFold(est["objekttyp"], w)
		}
		check("objekttyp", ok)
	}
	if want := toText(sc["plz"]); want != "" && len(est["plz"]) > 0 {
		ok := false
		for _, w := range strings.Split(want, ",") {
			for _, v := range est["plz"] {
				ok = ok || (strings.TrimSpace(w) != "" && strings.HasPrefix(v, strings.TrimSpace(w)))
			}
		}
		check("plz", ok)
	}
	if want := toText(sc["ort"]); want != "" && len(est["ort"]) > 0 {
		ok := false
		for _, w := range strings.Split(want, ",") {
			ok = ok || anyEqualFold(est["ort"], strings.TrimSpace(w))
		}
		check("ort", ok)
	}
	if radius, _ := toFloat(orZero(sc["range"])); radius > 0 && located {
		clat, ok1 := toFloat(orZero(sc["range_breitengrad"]))
		clon, ok2 := toFloat(orZero(sc["range_laengengrad"]))
		if ok1 && ok2 && (clat != 0 || clon != 0) {
			check("range", distanceKm(lat, lon, clat, clon) <= radius)
		}
	}
	for _, rf := range seedSearchCriteriaRanges {
		base := rf[0]
		lo, hasLo := toFloat(orZero(sc[base+"__von"]))
		hi, hasHi := toFloat(orZero(sc[base+"__bis"]))
		hasLo = hasLo && sc[base+"__von"] != nil && lo != 0
		hasHi = hasHi && sc[base+"__bis"] != nil && hi != 0
		if (!hasLo && !hasHi) || len(est[base]) == 0 {
			continue
		}
		// Like enterprise's matching tolerance: prices may miss the range
		// by 10 %, areas, rooms and years by 15 %.
		tol := 0.15
		if rf[3] == "DATA_TYPE_MONETARY" {
			tol = 0.10
		}
		ok := false
		for _, v := range est[base] {
			n, isNum := toFloat(v)
			ok = ok || (isNum && (!hasLo || n >= lo*(1-tol)) && (!hasHi || n <= hi*(1+tol)))
		}
		check(base, ok)
	}
	for _, name := range estMatchBool {
		if sc[name] != true {
			continue
		}
		has, known := estHas(est, name)
		if known {
			check(name, has)
		}
	}
	if want, _ := sc["heizungsart"].([]string); len(want) > 0 && len(est["heizungsart"]) > 0 {
		ok := false
		for _, w := range want {
			ok = ok || anyEqualFold(est["heizungsart"], w)
		}
		check("heizungsart", ok)
	}
	return compared, matched, deviated
}

// estHas reports whether the estate data shows a feature; known is false
// when the data says nothing about it.
func estHas(est map[string][]string, name string) (has, known bool) {
	truthy := func(vals []string) bool { return slices.ContainsFunc(vals, truthyText) }
	switch name {
	case "fahrstuhl":
		return truthy(est["fahrstuhl"]), len(est["fahrstuhl"]) > 0
	case "stellplatz":
		if len(est["anzahl_stellplaetze"]) == 0 && len(est["stellplatzart"]) == 0 {
			return false, false
		}
		return truthy(est["stellplatzart"]) || truthy(est["anzahl_stellplaetze"]), true
	}
	return truthy(est[name]), len(est[name]) > 0
}

// estLocate finds coordinates for estate data: given coordinates first,
// else the postcode's street or the town of the seed geography.
func estLocate(est map[string][]string) (float64, float64, bool) {
	if len(est["breitengrad"]) > 0 && len(est["laengengrad"]) > 0 {
		lat, ok1 := toFloat(est["breitengrad"][0])
		lon, ok2 := toFloat(est["laengengrad"][0])
		if ok1 && ok2 {
			return lat, lon, true
		}
	}
	for _, plz := range est["plz"] {
		if lat, lon, ok := plzLocation(plz); ok {
			return lat, lon, true
		}
	}
	for _, ort := range est["ort"] {
		for _, t := range seedTowns {
			if strings.EqualFold(t.name, ort) || strings.EqualFold(t.en, ort) {
				return t.lat, t.lon, true
			}
		}
	}
	return 0, 0, false
}
