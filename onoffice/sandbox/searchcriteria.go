package sandbox

import (
	"maps"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// Search criteria ("Suchkriterien") are stored in table searchcriteria with
// the fields of the searchcriteria field configuration: adresse (address
// id), advisor/creator (user ids), status (1/0), select values as keys,
// ranges as <field>__von/<field>__bis, the radius centre as range_* with
// the geocoded range_breitengrad/range_laengengrad, knock-out fields in
// sys_ko. Each criterion is also the child of an address:searchcriteria
// relation.

// searchCriteriaRoutes serves this module's actions.
func searchCriteriaRoutes() []Route {
	return []Route{
		{Verb: onoffice.VerbGet, ResourceType: "searchcriterias", Handle: getSearchCriteria},
		{Verb: onoffice.VerbCreate, ResourceType: "searchcriteria", Handle: createSearchCriterion},
		{Verb: onoffice.VerbModify, ResourceType: "searchcriteria", Handle: modifySearchCriterion},
		{Verb: onoffice.VerbDelete, ResourceType: "searchcriteria", Handle: deleteSearchCriterion},
		{Verb: onoffice.VerbGet, ResourceType: "searchCriteriaFields", Handle: getSearchCriteriaFields},
		{Verb: onoffice.VerbGet, ResourceType: "search", ResourceID: "searchcriteria", Handle: searchMatchingCriteria},
	}
}

const relTypeAddressSearchCriteria = RelationPrefix + "address:searchcriteria"

// scMetaFields are the stored fields reported in the _meta block (and
// accepted by filter and sortby of the read call under their _meta names).
var scMetaFields = map[string]bool{
	"Id": true, "adresse": true, "advisor": true, "creator": true, "creationdate": true,
	"editdate": true, "status": true, "characteristic": true, "krit_bemerkung_oeffentlich": true, "sys_ko": true,
}

// scRangeKeys are the radius-search keys reported in the Range block.
var scRangeKeys = []string{"range_plz", "range_ort", "range_strasse", "range_hausnummer", "range", "range_land", "range_breitengrad", "range_laengengrad"}

// scMetaFilterFields is the field set of filter and sortby in the read call.
var scMetaFilterFields = map[string]*Field{
	"internaladdressid": {Type: "integer"},
	"externaladdressid": {Type: "integer"},
	"advisor":           {Type: "integer"},
	"creator":           {Type: "integer"},
	"creationdate":      {Type: "date"},
	"editdate":          {Type: "datetime"},
	"status":            {Type: "integer"},
	"Id":                {Type: "integer"},
}

// scIsRange reports whether name is the base name of a from–to field.
func scIsRange(s *Store, name string) bool {
	_, ok := s.Fields["searchcriteria"][name+"__von"]
	return ok
}

// scNumber renders a stored number the way this module answers: no
// needless decimals.
func scNumber(v any) string {
	switch t := v.(type) {
	case float64:
		if t == math.Trunc(t) && math.Abs(t) < 1e15 {
			return strconv.FormatInt(int64(t), 10)
		}
		return strconv.FormatFloat(t, 'f', -1, 64)
	case int:
		return strconv.Itoa(t)
	}
	return plainText(v)
}

// scText renders any stored criterion value as text.
func scText(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case float64, int:
		return scNumber(t)
	case bool:
		return boolText(t)
	case []string:
		return pipeJoin(t)
	}
	return toText(v)
}

func scIDs(p map[string]any) ([]int, error) {
	v, ok := p["ids"]
	if !ok || v == nil {
		return nil, nil
	}
	return paramInts(p, "ids")
}

// getSearchCriteria reads criteria by address ids, customer numbers,
// criterion ids, or a filter over the _meta values.
func getSearchCriteria(s *Store, c *Call) (*Answer, error) {
	mode, err := requiredString(c.Params, "mode")
	if err != nil {
		return nil, err
	}
	ids, err := scIDs(c.Params)
	if err != nil {
		return nil, err
	}
	switch mode {
	case "internal", "external", "searchcriteria":
		if len(ids) == 0 {
			return nil, Fail(167, "Required parameter missing: ids")
		}
	case "filter":
		if err := requireParam(c.Params, "filter", "sortby", "sortorder"); err != nil {
			return nil, err
		}
	default:
		return nil, Fail(204, "Unknown search-criteria mode: %s (internal, external, searchcriteria or filter)", mode)
	}
	if len(ids) > 500 {
		return nil, Fail(302, "At most 500 ids per call")
	}
	want := map[int]bool{}
	for _, id := range ids {
		want[id] = true
	}
	addresses := s.Table("address")
	kdnr := func(addressID int) int {
		if a := addresses.Get(addressID); a != nil {
			n, _ := a["KdNr"].(int)
			return n
		}
		return 0
	}
	// Each criterion is matched through a view with the _meta names.
	type item struct {
		rec  Record
		view Record
	}
	var items []item
	for _, r := range s.Table("searchcriteria").Records {
		adr, _ := toInt(orZero(r["adresse"]))
		view := Record{
			"Id": idOf(r), "internaladdressid": adr, "externaladdressid": kdnr(adr),
			"advisor": r["advisor"], "creator": r["creator"], "creationdate": r["creationdate"],
			"editdate": r["editdate"], "status": r["status"],
		}
		switch mode {
		case "internal":
			if !want[adr] {
				continue
			}
		case "external":
			if !want[kdnr(adr)] {
				continue
			}
		case "searchcriteria":
			if !want[idOf(r)] {
				continue
			}
		}
		items = append(items, item{r, view})
	}
	if mode == "searchcriteria" && len(items) == 0 {
		return nil, Fail(95, "Unknown search criteria: %s", toText(c.Params["ids"]))
	}
	if mode == "filter" {
		conds, err := parseFilter(c.Params, scMetaFilterFields)
		if err != nil {
			return nil, err
		}
		kept := items[:0]
		for _, it := range items {
			if matchAll(it.view, conds) {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	views := make([]Record, len(items))
	byView := map[int]Record{}
	for i, it := range items {
		views[i] = it.view
		byView[idOf(it.view)] = it.rec
	}
	if err := sortRecords(views, c.Params, scMetaFilterFields); err != nil {
		return nil, err
	}
	limit, offset, err := pageParams(c.Params, 20, 500)
	if err != nil {
		return nil, err
	}
	out := []OutRecord{}
	for _, v := range pageOf(views, offset, limit) {
		r := byView[idOf(v)]
		out = append(out, OutRecord{ID: idOf(r), Type: "searchcriteria", Elements: criterionElements(s, r, v)})
	}
	// The read does not count: cntabsolute stays null. Nothing found is
	// "records": [[]], as recorded from real installations.
	return &Answer{Records: out, Cacheable: true, NoneAsEmptyRecord: true}, nil
}

// criterionElements builds the documented element shape of one criterion.
func criterionElements(s *Store, r, view Record) map[string]any {
	fields := s.Fields["searchcriteria"]
	el := map[string]any{}
	inRange := map[string]bool{}
	for _, k := range scRangeKeys {
		inRange[k] = true
	}
	for _, name := range s.FieldOrder["searchcriteria"] {
		f := fields[name]
		if scMetaFields[name] || inRange[name] || strings.HasSuffix(name, "__von") || strings.HasSuffix(name, "__bis") {
			continue
		}
		if scIsRange(s, name) {
			lo, hi := r[name+"__von"], r[name+"__bis"]
			if lo != nil || hi != nil {
				el["range_"+name] = []string{scNumber(orZero(lo)), scNumber(orZero(hi))}
			}
			continue
		}
		v := r[name]
		if v == nil {
			continue
		}
		switch f.Type {
		case "singleselect":
			el[name] = []string{toText(v)}
		case "multiselect":
			keys, _ := v.([]string)
			el[name] = append([]string{}, keys...)
		default:
			el[name] = scText(v)
		}
	}
	rng := map[string]any{}
	for _, k := range scRangeKeys {
		if r[k] != nil {
			rng[k] = scText(r[k])
		}
	}
	if len(rng) > 0 {
		for _, k := range scRangeKeys {
			if _, ok := rng[k]; !ok {
				rng[k] = ""
			}
		}
		el["Range"] = rng
	}
	ko, _ := r["sys_ko"].([]string)
	characteristic, _ := r["characteristic"].([]string)
	status, _ := toInt(orZero(r["status"]))
	el["_meta"] = map[string]any{
		"internaladdressid": view["internaladdressid"],
		"externaladdressid": strconv.Itoa(view["externaladdressid"].(int)),
		"kocriterias":       append([]string{}, ko...),
		"advisor":           r["advisor"],
		"creator":           r["creator"],
		"creationdate":      toText(r["creationdate"]),
		"editdate":          toText(r["editdate"]),
		"status":            status,
		"publicnote":        toText(r["krit_bemerkung_oeffentlich"]),
		"characteristic":    append([]string{}, characteristic...),
	}
	return el
}

// scCriterion resolves the resource id of modify and delete.
func scCriterion(s *Store, rid string) (Record, error) {
	if rid == "" {
		return nil, Fail(79, "Record id missing")
	}
	id, err := strconv.Atoi(rid)
	if err != nil {
		return nil, Fail(95, "Unknown search criteria: %s", rid)
	}
	r := s.Table("searchcriteria").Get(id)
	if r == nil {
		return nil, Fail(95, "Unknown search criteria: %d", id)
	}
	return r, nil
}

func createSearchCriterion(s *Store, c *Call) (*Answer, error) {
	key := "addressid"
	if _, ok := c.Params[key]; !ok {
		if _, alt := c.Params["adressid"]; alt {
			key = "adressid" // the spelling of the parameter list on the doc page
		}
	}
	addr, err := addressParam(s, c.Params, key)
	if err != nil {
		return nil, err
	}
	if err := requireParam(c.Params, "data"); err != nil {
		return nil, err
	}
	data, err := paramObject(c.Params, "data")
	if err != nil {
		return nil, err
	}
	r := Record{}
	if err := applyCriterionData(s, r, data); err != nil {
		return nil, err
	}
	caller := apiCallerUser(s)
	if _, ok := data["advisor"]; !ok && caller != nil {
		r["advisor"] = idOf(caller)
	}
	if caller != nil {
		r["creator"] = idOf(caller)
	}
	r["adresse"] = idOf(addr)
	if r["status"] == nil {
		r["status"] = 1
	}
	r["characteristic"] = []string{"manual_saved"}
	r["creationdate"] = c.Now.Format("2006-01-02")
	r["editdate"] = stamp(c.Now)
	t := s.Table("searchcriteria")
	id := t.Insert(r)
	s.Relations = append(s.Relations, Relation{Type: relTypeAddressSearchCriteria, Parent: idOf(addr), Child: id})
	return created(id, "searchCriteria"), nil
}

func modifySearchCriterion(s *Store, c *Call) (*Answer, error) {
	r, err := scCriterion(s, c.ResourceID)
	if err != nil {
		return nil, err
	}
	data, err := changesParam(c.Params)
	if err != nil {
		return nil, err
	}
	updated := maps.Clone(r)
	if err := applyCriterionData(s, updated, data); err != nil {
		return nil, err
	}
	// As documented, a modify without advisor makes the API user the advisor.
	if _, ok := data["advisor"]; !ok {
		if u := apiCallerUser(s); u != nil {
			updated["advisor"] = idOf(u)
		}
	}
	updated["editdate"] = stamp(c.Now)
	commit(r, updated)
	return Success("searchcriteria"), nil
}

func deleteSearchCriterion(s *Store, c *Call) (*Answer, error) {
	r, err := scCriterion(s, c.ResourceID)
	if err != nil {
		return nil, err
	}
	id := idOf(r)
	s.Table("searchcriteria").Delete(id)
	relRemove(s, func(rel Relation) bool { return rel.Type == relTypeAddressSearchCriteria && rel.Child == id })
	return Success(""), nil
}

// applyCriterionData checks a create/modify data object and writes it into r.
func applyCriterionData(s *Store, r Record, data map[string]any) error {
	fields := s.Fields["searchcriteria"]
	located := false
	for _, name := range sortedKeys(data) {
		v := data[name]
		switch {
		case name == "advisor":
			id, ok := toInt(v)
			if !ok {
				return Fail(228, "Element/parameter advisor must be an integer")
			}
			if _, err := userRecord(s, id); err != nil {
				return err
			}
			r["advisor"] = id
			continue
		case name == "sys_status":
			n, ok := toInt(v)
			if !ok || (n != 0 && n != 1) {
				return Fail(255, "Invalid value for sys_status: \"1\" or \"0\" expected")
			}
			r["status"] = n
			continue
		case name == "adresse":
			return Fail(144, "Invalid field in input data: adresse (the address of a search criterion cannot be changed)")
		case strings.HasPrefix(name, "range"):
			located = true
		}
		f, ok := fields[name]
		if !ok {
			return Fail(75, "Unknown field: %s", name)
		}
		if scIsRange(s, name) {
			list, ok := v.([]any)
			if !ok || len(list) != 2 {
				return Fail(255, "%s is a from–to field: send %s__von and %s__bis, or %s as [from, to]", name, name, name, name)
			}
			if err := applyData(s, WriteSpec{FieldModule: "searchcriteria", UnknownFieldCode: 75}, r,
				map[string]any{name + "__von": list[0], name + "__bis": list[1]}); err != nil {
				return err
			}
			continue
		}
		if f.Type == "integer" && len(f.Permitted) > 0 {
			if n, ok := toInt(v); !ok || !permitted(f, strconv.Itoa(n)) {
				return Fail(255, "Invalid value for %s: %s", name, toText(v))
			}
		}
		if err := applyData(s, WriteSpec{FieldModule: "searchcriteria", UnknownFieldCode: 75}, r, map[string]any{name: v}); err != nil {
			return err
		}
	}
	if located {
		return geocodeCriterion(r)
	}
	return nil
}

// geocodeCriterion turns the radius centre into coordinates, as the API
// does on create and modify.
func geocodeCriterion(r Record) error {
	radius, _ := toFloat(orZero(r["range"]))
	plz, ort := toText(r["range_plz"]), toText(r["range_ort"])
	if plz == "" && ort == "" {
		delete(r, "range_breitengrad")
		delete(r, "range_laengengrad")
		if radius > 0 {
			return Fail(164, "Geo range search parameters incomplete: range needs range_plz or range_ort")
		}
		return nil
	}
	lat, lon, ok := scGeocode(plz, ort)
	if !ok {
		delete(r, "range_breitengrad")
		delete(r, "range_laengengrad")
		if radius > 0 {
			return Fail(164, "Geo range search parameters incomplete: %s %s could not be located", plz, ort)
		}
		return nil
	}
	r["range_breitengrad"] = math.Round(lat*1e5) / 1e5
	r["range_laengengrad"] = math.Round(lon*1e5) / 1e5
	return nil
}

// scGeocode locates a postcode or town of the sandbox geography.
func scGeocode(plz, ort string) (float64, float64, bool) {
	if plz != "" {
		if lat, lon, ok := plzLocation(plz); ok {
			return lat, lon, true
		}
	}
	if t := scTown(ort); t != nil {
		return t.lat, t.lon, true
	}
	return 0, 0, false
}

// plzLocation is the position of a postcode of the sandbox geography.
func plzLocation(plz string) (float64, float64, bool) {
	for _, t := range seedTowns {
		for _, sp := range t.spots {
			if sp.plz == plz {
				dlat, dlon := seedSpotOffset(t.name + sp.street)
				return t.lat + dlat, t.lon + dlon, true
			}
		}
	}
	return 0, 0, false
}

// scTown finds a town by its German or English name or the name's first word
// ("Frankfurt" for Frankfurt am Main).
func scTown(name string) *seedTown {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	for _, t := range seedTowns {
		if strings.EqualFold(t.name, name) || strings.EqualFold(t.en, name) {
			return t
		}
	}
	for _, t := range seedTowns {
		if first, _, _ := strings.Cut(t.name, " "); strings.EqualFold(first, name) {
			return t
		}
	}
	return nil
}

// distanceKm is the great-circle distance between two points.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const earth = 6371.0
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * earth * math.Asin(math.Min(1, math.Sqrt(a)))
}

// ---------------------------------------------------------------------------
// Field list

var scSectionEnglish = map[string]string{
	"Kategorie": "Category", "Geografische-Angaben": "Geographical details", "Umkreis": "Radius",
	"Preise": "Prices", "Flächen": "Areas", "Zustand": "Condition", "Ausstattung": "Features",
}

// scHiddenFields are stored criterion fields that the search-criteria
// field list does not offer: system values and the stored range bounds.
var scHiddenFields = map[string]bool{
	"Id": true, "adresse": true, "advisor": true, "creator": true, "creationdate": true, "editdate": true,
	"status": true, "characteristic": true, "sys_ko": true, "sysExpiryDate": true, "krit_bemerkung": true,
	"krit_bemerkung_oeffentlich": true, "range_breitengrad": true, "range_laengengrad": true,
}

func getSearchCriteriaFields(s *Store, c *Call) (*Answer, error) {
	lang, err := paramString(c.Params, "language")
	if err != nil {
		return nil, err
	}
	if lang == "" {
		lang = "DEU"
	}
	if !isLanguageCode(lang) {
		return nil, Fail(160, "Invalid language: %s", lang)
	}
	translations := paramBool(c.Params, "additionalTranslations")
	fields := s.Fields["searchcriteria"]
	ko := map[string]bool{}
	if f, ok := fields["sys_ko"]; ok {
		for _, o := range f.Permitted {
			ko[o.Key] = true
		}
	}
	var sections []string
	bySection := map[string][]map[string]any{}
	pos := 0
	for _, name := range s.FieldOrder["searchcriteria"] {
		f := fields[name]
		if scHiddenFields[name] || strings.HasSuffix(name, "__von") || strings.HasSuffix(name, "__bis") {
			continue
		}
		entry := map[string]any{"id": name, "name": label(f.Label, lang), "position": strconv.Itoa(pos), "type": dataTypeURN(f.Type)}
		pos++
		if ko[name] {
			entry["ko"] = "true"
		}
		if scIsRange(s, name) {
			entry["rangefield"] = "true"
			if translations {
				entry["additionalTranslations"] = map[string]string{
					name + "__von": label(fields[name+"__von"].Label, lang),
					name + "__bis": label(fields[name+"__bis"].Label, lang),
				}
			}
		}
		for _, dim := range []string{"objektarten", "nutzungsarten", "vermarktungsarten"} {
			if vals := f.Filters[dim]; len(vals) > 0 {
				entry[dim] = strings.Join(vals, ",")
			}
		}
		if f.Type == "singleselect" || f.Type == "multiselect" {
			entry["values"] = optionLabels(f, lang)
			entry["default"] = toText(f.Default)
		}
		if _, seen := bySection[f.Content]; !seen {
			sections = append(sections, f.Content)
		}
		bySection[f.Content] = append(bySection[f.Content], entry)
	}
	out := make([]OutRecord, 0, len(sections))
	for i, sec := range sections {
		name := sec
		if lang == "ENG" && scSectionEnglish[sec] != "" {
			name = scSectionEnglish[sec]
		}
		out = append(out, OutRecord{ID: i + 1, Type: "", Elements: map[string]any{"name": name, "fields": bySection[sec]}})
	}
	return &Answer{Records: out, Cacheable: true}, nil
}

// ---------------------------------------------------------------------------
// Matching search

// scSearch is the parsed searchdata of a matching search.
type scSearch struct {
	values  map[string]string
	located bool
	lat     float64
	lon     float64
	plz     string
	town    string
}

func searchMatchingCriteria(s *Store, c *Call) (*Answer, error) {
	if err := requireParam(c.Params, "searchdata"); err != nil {
		return nil, err
	}
	raw, err := paramObject(c.Params, "searchdata")
	if err != nil {
		return nil, err
	}
	fields := s.Fields["searchcriteria"]
	sd := scSearch{values: map[string]string{}}
	for name, v := range raw {
		if _, ok := fields[name]; !ok {
			return nil, Fail(75, "Unknown field in searchdata: %s", name)
		}
		switch t := v.(type) {
		case string:
			sd.values[name] = strings.TrimSpace(t)
		case bool:
			sd.values[name] = boolText(t)
		case nil:
		default:
			if _, isList := v.([]any); isList {
				return nil, Fail(227, "Element/parameter searchdata.%s must be a string", name)
			}
			if _, isObj := v.(map[string]any); isObj {
				return nil, Fail(227, "Element/parameter searchdata.%s must be a string", name)
			}
			sd.values[name] = toText(v)
		}
	}
	if err := sd.locate(); err != nil {
		return nil, err
	}
	outputAll := paramBool(c.Params, "outputall")
	outFields, err := paramStrings(c.Params, "outputfields")
	if err != nil {
		return nil, err
	}
	for _, name := range outFields {
		if _, ok := fields[name]; !ok {
			return nil, Fail(75, "Unknown field in outputfields: %s", name)
		}
	}
	group := true
	if _, ok := c.Params["groupbyaddress"]; ok {
		group = paramBool(c.Params, "groupbyaddress")
	}
	offset, err := paramInt(c.Params, "offset", 0)
	if err != nil {
		return nil, err
	}
	limit, err := paramInt(c.Params, "limit", 10)
	if err != nil {
		return nil, err
	}
	if limit < 0 || offset < 0 {
		return nil, Fail(255, "Invalid value for parameter limit or offset")
	}
	limit = min(limit, 500)
	order, err := scOrder(c.Params["order"], fields)
	if err != nil {
		return nil, err
	}

	today := c.Now.Format("2006-01-02")
	var hits []Record
	for _, r := range s.Table("searchcriteria").Records {
		if st, _ := toInt(orZero(r["status"])); st != 1 {
			continue
		}
		if exp := toText(r["sysExpiryDate"]); exp != "" && exp != "0000-00-00" && exp < today {
			continue
		}
		if sd.matches(s, r) {
			hits = append(hits, r)
		}
	}
	if len(order) > 0 {
		sort.SliceStable(hits, func(i, j int) bool {
			for _, o := range order {
				typ := "varchar"
				if f := fields[o.field]; f != nil {
					typ = f.Type
				}
				cmp := compare(typ, hits[i][o.field], sortValue(hits[j][o.field]))
				if cmp == 0 {
					continue
				}
				return (cmp < 0) != o.desc
			}
			return false
		})
	}
	if group {
		seen := map[int]bool{}
		kept := hits[:0:0]
		for _, r := range hits {
			adr, _ := toInt(orZero(r["adresse"]))
			if seen[adr] {
				continue
			}
			seen[adr] = true
			kept = append(kept, r)
		}
		hits = kept
	}
	out := []OutRecord{}
	for _, r := range pageOf(hits, offset, limit) {
		el := map[string]any{"Id": strconv.Itoa(idOf(r)), "adresse": scText(r["adresse"])}
		if outputAll {
			for _, name := range s.FieldOrder["searchcriteria"] {
				if v := r[name]; v != nil && name != "Id" && name != "adresse" {
					el[name] = scText(v)
				}
			}
		}
		for _, name := range outFields {
			if name != "Id" && name != "adresse" {
				el[name] = scText(r[name])
			}
		}
		out = append(out, OutRecord{ID: idOf(r), Type: "searchcriteria", Elements: el})
	}
	return &Answer{Records: out, Total: Counted(len(hits)), Cacheable: true}, nil
}

type scOrderKey struct {
	field string
	desc  bool
}

// scOrder reads order: a list of field names (ascending), an object of
// field → ASC/DESC, or a list mixing both.
func scOrder(v any, fields map[string]*Field) ([]scOrderKey, error) {
	var keys []scOrderKey
	addObject := func(m map[string]any) error {
		for _, name := range sortedKeys(m) {
			dir := toText(m[name])
			if !strings.EqualFold(dir, "ASC") && !strings.EqualFold(dir, "DESC") {
				return Fail(255, "Invalid sort direction for %s: %s", name, dir)
			}
			keys = append(keys, scOrderKey{name, strings.EqualFold(dir, "DESC")})
		}
		return nil
	}
	switch t := v.(type) {
	case nil:
	case map[string]any:
		if err := addObject(t); err != nil {
			return nil, err
		}
	case []any:
		for _, e := range t {
			switch et := e.(type) {
			case string:
				keys = append(keys, scOrderKey{et, false})
			case map[string]any:
				if err := addObject(et); err != nil {
					return nil, err
				}
			default:
				return nil, Fail(194, "Wrong type for parameter order")
			}
		}
	default:
		return nil, Fail(194, "Wrong type for parameter order")
	}
	for _, k := range keys {
		if _, ok := fields[k.field]; !ok {
			return nil, Fail(212, "Unknown sort field: %s", k.field)
		}
	}
	return keys, nil
}

// locate resolves the centre of the search from range_* values.
func (sd *scSearch) locate() error {
	lat, hasLat := sd.values["range_breitengrad"]
	lon, hasLon := sd.values["range_laengengrad"]
	if hasLat != hasLon {
		return Fail(164, "Geo range search parameters incomplete: give range_breitengrad and range_laengengrad together")
	}
	sd.plz, sd.town = sd.values["range_plz"], sd.values["range_ort"]
	if hasLat {
		a, ok1 := toFloat(lat)
		b, ok2 := toFloat(lon)
		if !ok1 || !ok2 {
			return Fail(229, "Element/parameter range_breitengrad/range_laengengrad must be a float")
		}
		sd.lat, sd.lon, sd.located = a, b, true
		return nil
	}
	if sd.plz == "" && sd.town == "" {
		return nil
	}
	a, b, ok := scGeocode(sd.plz, sd.town)
	if !ok {
		return Fail(164, "Geo range search parameters incomplete: %s %s could not be located", sd.plz, sd.town)
	}
	sd.lat, sd.lon, sd.located = a, b, true
	if sd.town == "" {
		for _, t := range seedTowns {
			for _, sp := range t.spots {
				if sp.plz == sd.plz {
					sd.town = t.name
				}
			}
		}
	}
	return nil
}

// matches reports whether a stored criterion accepts the searched values:
// every value the criterion restricts must fit; what it leaves open fits.
func (sd *scSearch) matches(s *Store, r Record) bool {
	fields := s.Fields["searchcriteria"]
	for name, val := range sd.values {
		if strings.HasPrefix(name, "range_") || val == "" {
			continue // the location is compared below
		}
		f := fields[name]
		if scIsRange(s, name) {
			n, ok := toFloat(val)
			if !ok {
				return false
			}
			lo, _ := toFloat(orZero(r[name+"__von"]))
			hi, _ := toFloat(orZero(r[name+"__bis"]))
			if (lo != 0 && n < lo) || (hi != 0 && n > hi) {
				return false
			}
			continue
		}
		stored := r[name]
		if stored == nil {
			continue
		}
		switch {
		case name == "range":
			// A searched radius is not a property value; ignore it.
		case f.Type == "singleselect":
			if !anyEqualFold(splitList(val), toText(stored)) {
				return false
			}
		case f.Type == "multiselect":
			keys, _ := stored.([]string)
			if len(keys) == 0 {
				continue
			}
			found := false
			for _, k := range keys {
				found = found || anyEqualFold(splitList(val), k)
			}
			if !found {
				return false
			}
		case f.Type == "boolean":
			if stored == true && !truthyText(val) {
				return false
			}
		case name == "plz":
			if !prefixAny(splitList(toText(stored)), val) {
				return false
			}
		case name == "ort":
			if !anyEqualFold(splitList(toText(stored)), val) {
				return false
			}
		default:
			if !strings.EqualFold(scText(stored), val) {
				return false
			}
		}
	}
	if !sd.located {
		return true
	}
	if radius, _ := toFloat(orZero(r["range"])); radius > 0 {
		clat, ok1 := toFloat(orZero(r["range_breitengrad"]))
		clon, ok2 := toFloat(orZero(r["range_laengengrad"]))
		if ok1 && ok2 && (clat != 0 || clon != 0) {
			return distanceKm(sd.lat, sd.lon, clat, clon) <= radius
		}
	}
	if plz := toText(r["plz"]); plz != "" && sd.plz != "" && !prefixAny(splitList(plz), sd.plz) {
		return false
	}
	if ort := toText(r["ort"]); ort != "" && sd.town != "" && !anyEqualFold(splitList(ort), sd.town) {
		return false
	}
	return true
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func anyEqualFold(list []string, v string) bool {
	for _, e := range list {
		if strings.EqualFold(e, v) {
			return true
		}
	}
	return false
}

// prefixAny reports whether v starts with one of the stored postcode prefixes.
func prefixAny(prefixes []string, v string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	return false
}

func truthyText(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "nein", "no":
		return false
	}
	return true
}
