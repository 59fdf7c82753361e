package sandbox

import (
	"maps"
	"strconv"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// estateRoutes serves the estates module: estates, their files and pictures,
// exposés, saved filters, work lists, price offers, owner-portal accounts,
// categories, quick search, Immomatching and statistics widgets.
func estateRoutes() []Route {
	return []Route{
		{Verb: onoffice.VerbRead, ResourceType: "estate", Handle: readEstates},
		{Verb: onoffice.VerbCreate, ResourceType: "estate", Handle: createEstate},
		{Verb: onoffice.VerbModify, ResourceType: "estate", Handle: modifyEstate},
		{Verb: onoffice.VerbGet, ResourceType: "pdf", Handle: getPDFExpose},
		{Verb: onoffice.VerbGet, ResourceType: "file", ResourceID: "estate", Handle: getEstateFiles},
		{Verb: onoffice.VerbGet, ResourceType: "estatepictures", Handle: getEstatePictures},
		{Verb: onoffice.VerbModify, ResourceType: "fileRelation", Handle: modifyFileRelation},
		// The docs page's header names the resource type "file" for the same
		// call (its example says fileRelation); both are accepted.
		{Verb: onoffice.VerbModify, ResourceType: "file", Handle: modifyFileRelation},
		{Verb: onoffice.VerbDelete, ResourceType: "fileRelation", Handle: deleteFileRelation},
		{Verb: onoffice.VerbGet, ResourceType: "filters", Handle: getFilters},
		{Verb: onoffice.VerbCreate, ResourceType: "workinglist", Handle: createWorkingList},
		{Verb: onoffice.VerbGet, ResourceType: "priceOffer", Handle: getPriceOffer},
		{Verb: onoffice.VerbDo, ResourceType: "priceOffer", Handle: doPriceOffer},
		{Verb: onoffice.VerbGet, ResourceType: "estatetrackingdetails", Handle: getEstateTrackingDetails},
		{Verb: onoffice.VerbDo, ResourceType: "createestatetrackingaccount", Handle: createEstateTrackingAccount},
		{Verb: onoffice.VerbGet, ResourceType: "estateCategories", Handle: getEstateCategories},
		{Verb: onoffice.VerbGet, ResourceType: "search", ResourceID: "estate", Handle: searchEstates},
		{Verb: onoffice.VerbGet, ResourceType: "qualifiedsuitors", Handle: getQualifiedSuitors},
		{Verb: onoffice.VerbGet, ResourceType: "statisticWidgets", Handle: getStatisticWidgets},
	}
}

var estateList = ListSpec{
	Table:            "estate",
	FieldModule:      "estate",
	RecordType:       "estate",
	UnknownFieldCode: 143,
}

var estateWrite = WriteSpec{FieldModule: "estate", UnknownFieldCode: 143}

func readEstates(s *Store, c *Call) (*Answer, error) {
	lang, err := paramString(c.Params, "estatelanguage")
	if err != nil {
		return nil, err
	}
	spec := estateList
	addLang := paramBool(c.Params, "addestatelanguage")
	addMain := paramBool(c.Params, "addMainLangId")
	spec.Pseudo = func(r Record, name string, out map[string]any) bool {
		switch name {
		case "language":
			out[name], _ = r["language"].(string)
		case "mainLangId":
			out[name] = mainLangID(r)
		case "mobileUrl":
			out[name] = "https://smart.onoffice.de/mobile/estate/" + strconv.Itoa(idOf(r))
		default:
			return false
		}
		return true
	}
	// Without estatelanguage only main-language records are visible; with it,
	// the language version of each main record is served instead.
	inRange, err := estGeoRange(c.Params)
	if err != nil {
		return nil, err
	}
	spec.Include = func(r Record) bool {
		l, _ := r["language"].(string)
		return l == lang && (inRange == nil || inRange(r))
	}
	if c.ResourceID != "" && lang != "" {
		spec.Lookup = func(t *Table, c *Call) Record {
			main, _ := strconv.Atoi(c.ResourceID)
			return estLanguageVersion(t, main, lang)
		}
	}
	return readList(s, c, withExtras(spec, addLang, addMain, paramBool(c.Params, "addMobileUrl")))
}

// withExtras asks the list reader to add the optional elements that
// addestatelanguage, addMainLangId and addMobileUrl request.
func withExtras(spec ListSpec, lang, main, mobile bool) ListSpec {
	if !lang && !main && !mobile {
		return spec
	}
	inner := spec.Pseudo
	spec.Decorate = func(r Record, out map[string]any) {
		if lang {
			inner(r, "language", out)
		}
		if main {
			inner(r, "mainLangId", out)
		}
		if mobile {
			inner(r, "mobileUrl", out)
		}
	}
	return spec
}

// estLanguageVersion returns the version of an estate in a language (there
// is at most one), or nil.
func estLanguageVersion(t *Table, mainID int, lang string) Record {
	for _, r := range t.Records {
		if mainLangID(r) == mainID && r["language"] == lang {
			return r
		}
	}
	return nil
}

func mainLangID(r Record) int {
	if m, ok := r["mainLangId"].(int); ok && m != 0 {
		return m
	}
	return idOf(r)
}

func createEstate(s *Store, c *Call) (*Answer, error) {
	data, err := dataParam(c.Params)
	if err != nil {
		return nil, err
	}
	r := Record{}
	if err := applyData(s, estateWrite, r, data); err != nil {
		return nil, err
	}
	if err := checkMandatory(s, "estate", r); err != nil {
		return nil, err
	}
	t := s.Table("estate")
	id := insertMain(t, r)
	r["erstellt_am"] = stamp(c.Now)
	r["geaendert_am"] = stamp(c.Now)
	r["uuid"] = newUUID("estate", id)
	r["language"] = ""
	if r["status"] == nil {
		r["status"] = 1
	}
	if r["objektnr_extern"] == nil {
		r["objektnr_extern"] = "SB-" + strconv.Itoa(id)
	}
	return created(id, "estate"), nil
}

// insertMain inserts a record and keeps the table sorted by id, which the
// language versions stored after the main records would otherwise break.
func insertMain(t *Table, r Record) int {
	id := t.Insert(r)
	for i := len(t.Records) - 1; i > 0 && idOf(t.Records[i-1]) > id; i-- {
		t.Records[i], t.Records[i-1] = t.Records[i-1], t.Records[i]
	}
	return id
}

func modifyEstate(s *Store, c *Call) (*Answer, error) {
	id, err := strconv.Atoi(c.ResourceID)
	if err != nil || c.ResourceID == "" {
		return nil, Fail(79, "Record id missing")
	}
	data, err := dataParam(c.Params)
	if err != nil {
		return nil, err
	}
	t := s.Table("estate")
	r := t.Get(id)
	if r == nil || mainLangID(r) != id {
		return nil, Fail(198, "resourceid is not a main-language id or unknown: %s", c.ResourceID)
	}
	if lang, _ := paramString(c.Params, "estatelanguage"); lang != "" {
		if r = estLanguageVersion(t, id, lang); r == nil {
			return nil, Fail(160, "Invalid language: %s", lang)
		}
	}
	// Check everything on a copy so a failed modify changes nothing.
	updated := maps.Clone(r)
	if err := applyData(s, estateWrite, updated, data); err != nil {
		return nil, err
	}
	updated["geaendert_am"] = stamp(c.Now)
	commit(r, updated)
	return Success("estate"), nil
}
