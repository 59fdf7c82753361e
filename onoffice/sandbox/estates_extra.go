package sandbox

import (
	"fmt"
	"strconv"
	"strings"
)

// The smaller estate calls: category catalogue, statistics widgets,
// estate-tracking accounts, work lists and purchase-price offers.

// getEstateCategories serves the category catalogue: one record per
// category field, objekttyp grouped by the objektart it belongs to.
func getEstateCategories(s *Store, c *Call) (*Answer, error) {
	fields := s.Fields["estate"]
	list := func(name string) []map[string]string {
		out := []map[string]string{}
		if f := fields[name]; f != nil {
			for _, o := range f.Permitted {
				out = append(out, map[string]string{"id": o.Key, "name": label(o.Label, "DEU")})
			}
		}
		return out
	}
	types := map[string][]map[string]string{}
	if f := fields["objekttyp"]; f != nil {
		for _, o := range f.Permitted {
			parent := f.Dependencies[o.Key]
			types[parent] = append(types[parent], map[string]string{"id": o.Key, "name": label(o.Label, "DEU")})
		}
	}
	return &Answer{Cacheable: true, Records: []OutRecord{
		{ID: "objektart", Type: "", Elements: list("objektart")},
		{ID: "objekttyp", Type: "", Elements: types},
		{ID: "nutzungsart", Type: "", Elements: list("nutzungsart")},
		{ID: "vermarktungsart", Type: "", Elements: list("vermarktungsart")},
	}}, nil
}

// estStatisticWidget is one configured widget of the estate statistics tab.
type estStatisticWidget struct {
	ID                 int
	Title, Type, Tab   string
	ActiveForReporting bool
	Config             map[string]any
}

func estSeedStatisticWidgets() any {
	actionTypes := func(kinds ...string) []any {
		var out []any
		for i, k := range seedActionKinds {
			if !contains(kinds, k.key) {
				continue
			}
			children := []any{}
			for j, t := range k.types {
				children = append(children, map[string]any{"id": strconv.Itoa(20 + 10*i + j), "type": t})
			}
			out = append(out, map[string]any{"id": 110 + i, "type": k.key, "children": children})
		}
		return out
	}
	activity := func(target, evalType, chart, period, desc string, sum bool, kinds ...string) map[string]any {
		return map[string]any{
			"widgetType": map[bool]string{true: "list", false: "diagram"}[chart == ""], "evaluationTarget": target,
			"evaluationType": evalType, "addressFilterId": 0, "addressFilter": "",
			"actionTypes": actionTypes(kinds...), "actionAttribute": []string{}, "origin": []any{},
			"attribute": []any{}, "period": period, "chartType": chart, "showSumRow": sum, "description": desc,
		}
	}
	return []estStatisticWidget{
		{ID: 271, Title: "Besichtigungen je Monat", Type: "statisticDetailReportingActivities", Tab: "Vermarktung", ActiveForReporting: true,
			Config: activity("targetAgentsLogCount", "typeAktionsart", "bar", "month", "Durchgeführte Besichtigungen und Folgebesichtigungen je Monat.", false, "Termin")},
		{ID: 272, Title: "Anfragen nach Kanal", Type: "statisticDetailReportingActivities", Tab: "Vermarktung", ActiveForReporting: true,
			Config: activity("targetAgentsLogCount", "typeAktionstyp", "pie", "", "Eingegangene Anfragen, aufgeteilt nach Portal, Website, Telefon und E-Mail.", false, "Anfrage")},
		{ID: 273, Title: "Exposéversand", Type: "statisticDetailReportingActivities", Tab: "Vermarktung", ActiveForReporting: false,
			Config: activity("targetAddressCount", "typeAktionsart", "", "week", "Anzahl der Interessenten, die ein Exposé erhalten haben.", true, "Angebot", "Email")},
		{ID: 274, Title: "Zugeordnete Interessenten", Type: "statisticDetailReportingItemRelatedRecordsList", Tab: "Interessenten", ActiveForReporting: true,
			Config: map[string]any{"widgetType": "list", "addressFilterId": 0, "addressFilter": "", "description": "Alle Interessenten, die der Immobilie zugeordnet sind."}},
		{ID: 275, Title: "Aktivitäten gesamt", Type: "statisticDetailReportingActivities", Tab: "Allgemein", ActiveForReporting: false,
			Config: activity("targetAgentsLogCount", "typeAktionsart", "bar", "", "Überblick über alle bisher erfassten Aktivitäten zur Immobilie.", true,
				"Email", "Telefonat", "Brief", "Termin", "Anfrage", "Angebot", "Notiz")},
	}
}

// getStatisticWidgets lists the statistics widget configuration of a module.
func getStatisticWidgets(s *Store, c *Call) (*Answer, error) {
	module, err := requiredString(c.Params, "module")
	if err != nil {
		return nil, err
	}
	if module != "estate" {
		return nil, Fail(163, "Invalid module name: %s", module)
	}
	widgets := s.ExtraData("statisticWidgets", estSeedStatisticWidgets).([]estStatisticWidget)
	out := make([]OutRecord, 0, len(widgets))
	for _, w := range widgets {
		out = append(out, OutRecord{ID: w.ID, Type: "statisticWidgets", Elements: map[string]any{
			"id": strconv.Itoa(w.ID), "title": w.Title, "type": w.Type, "activeForReporting": w.ActiveForReporting,
			"tab": w.Tab, "configuration": w.Config,
		}})
	}
	return &Answer{Records: out, Total: Counted(len(out)), Cacheable: true}, nil
}

// estTrackingAccount is one estate-tracking (owner portal) login.
type estTrackingAccount struct {
	ID                int
	Name, Password    string
	Information, Note string
	AddressID         int
	EstateIDs         []int
	// Failures counts wrong passwords since the last good login; five lock the account.
	Failures int
}

type estTrackingData struct {
	Accounts []*estTrackingAccount
	NextID   int
}

// estSeedTracking creates owner-portal accounts for the first few estates that
// have an owner, so estate_tracking_read has something to find.
func estSeedTracking(s *Store) func() any {
	return func() any {
		d := &estTrackingData{NextID: 1}
		for _, rel := range s.Relations {
			if !strings.HasSuffix(rel.Type, ":estate:address:owner") || len(d.Accounts) == 3 {
				continue
			}
			owner := s.Table("address").Get(rel.Child)
			name := "eigentuemer" + strconv.Itoa(rel.Child) + "@portal.hk-immobilien.de"
			info := "Eigentümerportal"
			if e := s.Table("estate").Get(rel.Parent); e != nil {
				info = "Vermarktung " + toText(e["objekttitel"])
			}
			if owner != nil {
				name = strings.ToLower(seedSlug(toText(owner["Name"]))) + "." + strconv.Itoa(rel.Child) + "@portal.hk-immobilien.de"
			}
			d.Accounts = append(d.Accounts, &estTrackingAccount{
				ID: d.NextID, Name: name, Password: "Portal-" + strconv.Itoa(rel.Parent) + "-Start",
				Information: info, AddressID: rel.Child, EstateIDs: []int{rel.Parent},
			})
			d.NextID++
		}
		return d
	}
}

func estTracking(s *Store) *estTrackingData {
	return s.ExtraData("estateTracking", estSeedTracking(s)).(*estTrackingData)
}

// estAccountParams reads the account name and the password parameter of an
// owner-portal login; either missing fails with 102.
func estAccountParams(p map[string]any, passwordName string) (string, string, error) {
	name, err := paramString(p, "accountname")
	if err != nil {
		return "", "", err
	}
	password, err := paramString(p, passwordName)
	if err != nil {
		return "", "", err
	}
	if name == "" || password == "" {
		return "", "", Fail(102, "Account name or password missing")
	}
	return name, password, nil
}

// getEstateTrackingDetails checks an owner-portal login and returns the account.
func getEstateTrackingDetails(s *Store, c *Call) (*Answer, error) {
	name, password, err := estAccountParams(c.Params, "password")
	if err != nil {
		return nil, err
	}
	var acc *estTrackingAccount
	for _, a := range estTracking(s).Accounts {
		if strings.EqualFold(a.Name, name) {
			acc = a
		}
	}
	if acc == nil {
		return nil, Fail(103, "Unknown account")
	}
	if acc.Failures >= 5 {
		return nil, Fail(150, "Wrong username or password, account locked")
	}
	if acc.Password != password {
		acc.Failures++
		if acc.Failures >= 5 {
			return nil, Fail(150, "Wrong username or password, account locked")
		}
		// 105 … 108: four, three, two, one tries left.
		return nil, Fail(104+acc.Failures, "Wrong username or password, %d tries left", 5-acc.Failures)
	}
	acc.Failures = 0
	ids := map[string]string{}
	for i, id := range acc.EstateIDs {
		ids[strconv.Itoa(i+1)] = strconv.Itoa(id)
	}
	addr := ""
	if acc.AddressID > 0 {
		addr = strconv.Itoa(acc.AddressID)
	}
	return &Answer{Records: []OutRecord{{ID: acc.ID, Type: "estateTracking", Elements: map[string]any{
		"accountname": acc.Name, "information": acc.Information, "note": acc.Note,
		"addressid": addr, "estateids": ids,
	}}}}, nil
}

// createEstateTrackingAccount adds an owner-portal login for an estate.
func createEstateTrackingAccount(s *Store, c *Call) (*Answer, error) {
	name, password, err := estAccountParams(c.Params, "accountpassword")
	if err != nil {
		return nil, err
	}
	if err := requireParam(c.Params, "estateid"); err != nil {
		return nil, err
	}
	estateID, err := paramInt(c.Params, "estateid", 0)
	if err != nil {
		return nil, err
	}
	if _, err := estMain(s, estateID); err != nil {
		return nil, err
	}
	addressID, err := paramInt(c.Params, "addressid", 0)
	if err != nil {
		return nil, err
	}
	if _, err := addressRecord(s, addressID); addressID != 0 && err != nil {
		return nil, err
	}
	info, err := paramString(c.Params, "accountinformation")
	if err != nil {
		return nil, err
	}
	note, err := paramString(c.Params, "accountnote")
	if err != nil {
		return nil, err
	}
	d := estTracking(s)
	for _, a := range d.Accounts {
		if strings.EqualFold(a.Name, name) {
			return nil, Fail(78, "Record could not be created: account name %s already exists", name)
		}
	}
	acc := &estTrackingAccount{ID: d.NextID, Name: name, Password: password, Information: info, Note: note,
		AddressID: addressID, EstateIDs: []int{estateID}}
	d.NextID++
	d.Accounts = append(d.Accounts, acc)
	return &Answer{Records: []OutRecord{{ID: acc.ID, Type: "estateTracking", Elements: map[string]any{
		"accountname": acc.Name, "accountpassword": acc.Password,
	}}}}, nil
}

// estWorkingList is a stored work list of estates or addresses.
type estWorkingList struct {
	ID         int
	Name       string
	Type       string
	Visibility int
	STV        bool
	UserID     int
	GroupID    int
	IDs        []int
}

type estWorkingLists struct {
	Lists  []*estWorkingList
	NextID int
}

// estWorkListMax is the most records one work list may hold.
const estWorkListMax = 500

func createWorkingList(s *Store, c *Call) (*Answer, error) {
	name, err := paramString(c.Params, "listName")
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(name) == "" {
		return nil, Fail(273, "Work list name must not be empty")
	}
	typ, err := paramString(c.Params, "type")
	if err != nil {
		return nil, err
	}
	if typ != "estate" && typ != "address" {
		return nil, Fail(269, "Work list type not allowed: %s", typ)
	}
	stv := paramBool(c.Params, "stv_flag")
	visibility := -1
	if !stv {
		if err := requireParam(c.Params, "visibility"); err != nil {
			return nil, err
		}
		if visibility, err = paramInt(c.Params, "visibility", -1); err != nil {
			return nil, err
		}
		if visibility < 0 || visibility > 2 {
			return nil, Fail(267, "Work list visibility cannot be set to %d", visibility)
		}
	}
	ids, err := paramInts(c.Params, "ids")
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, Fail(265, "Work list: too few items")
	}
	if len(ids) > estWorkListMax {
		return nil, Fail(264, "Work list: too many items (at most %d)", estWorkListMax)
	}
	table := s.Table(typ)
	for _, id := range ids {
		if table.Get(id) == nil {
			return nil, Fail(235, "Unknown record id: %d", id)
		}
	}
	userID, err := paramInt(c.Params, "userId", SandboxAPIUserID)
	if err != nil {
		return nil, err
	}
	if _, err := userRecord(s, userID); visibility == 1 && err != nil {
		return nil, err
	}
	groupID, err := paramInt(c.Params, "groupId", 0)
	if err != nil {
		return nil, err
	}
	if visibility == 2 {
		if groupID == 0 {
			groupID = estUserGroup(s, SandboxAPIUserID)
		}
		if _, err := groupRecord(s, groupID); err != nil {
			return nil, err
		}
	}
	d := s.ExtraData("workingLists", func() any { return &estWorkingLists{NextID: 1} }).(*estWorkingLists)
	for _, l := range d.Lists {
		if strings.EqualFold(l.Name, name) && l.Type == typ {
			return nil, Fail(266, "Work list name already exists: %s", name)
		}
	}
	l := &estWorkingList{ID: d.NextID, Name: name, Type: typ, Visibility: visibility, STV: stv, IDs: ids}
	switch visibility {
	case 1:
		l.UserID = userID
	case 2:
		l.GroupID = groupID
	}
	d.NextID++
	d.Lists = append(d.Lists, l)
	return created(l.ID, "workinglist"), nil
}

// estUserGroup returns the office group of a user (else any group of his), or 0.
func estUserGroup(s *Store, userID int) int {
	found := 0
	for _, g := range s.Table("group").Records {
		ids, _ := g["userIds"].([]int)
		for _, id := range ids {
			if id != userID {
				continue
			}
			if toText(g["groupType"]) == "GroupOffice" {
				return idOf(g)
			}
			if found == 0 {
				found = idOf(g)
			}
		}
	}
	return found
}

// estInterest finds the estate–prospect relation ("interested") of a pair.
func estInterest(s *Store, estateID, addressID int) *Relation {
	return relFind(s, "estate:address:interested", estateID, addressID)
}

// estPriceOfferKey is where a prospect's offer is kept on the interested relation.
const estPriceOfferKey = "priceOffer"

func estPriceOfferPair(s *Store, c *Call) (int, int, error) {
	if err := requireParam(c.Params, "estateId", "addressId"); err != nil {
		return 0, 0, err
	}
	estateID, err := paramInt(c.Params, "estateId", 0)
	if err != nil {
		return 0, 0, Fail(65, "estateId has wrong format")
	}
	addressID, err := paramInt(c.Params, "addressId", 0)
	if err != nil {
		return 0, 0, Fail(64, "addressId has wrong format")
	}
	if _, err := estMain(s, estateID); err != nil {
		return 0, 0, err
	}
	if _, err := addressRecord(s, addressID); err != nil {
		return 0, 0, err
	}
	return estateID, addressID, nil
}

// getPriceOffer returns a prospect's purchase-price offer, formatted.
func getPriceOffer(s *Store, c *Call) (*Answer, error) {
	estateID, addressID, err := estPriceOfferPair(s, c)
	if err != nil {
		return nil, err
	}
	offer := ""
	if rel := estInterest(s, estateID, addressID); rel != nil {
		if v, ok := toFloat(rel.Extra[estPriceOfferKey]); ok && v > 0 {
			offer = germanNumber(v, 2) + " " + estCurrency(s, estateID)
		}
	}
	return single(map[string]any{"priceOffer": offer}), nil
}

func estCurrency(s *Store, estateID int) string {
	if e := s.Table("estate").Get(estateID); e != nil {
		if cur := toText(e["waehrung"]); cur != "" && cur != "EUR" {
			return cur
		}
	}
	return "€"
}

// estAdvisoryC is the advisory level an offer raises a prospect to.
const estAdvisoryC = "C Im intensiven Gespräch"

// doPriceOffer stores a prospect's offer; it links the prospect to the
// estate when no link exists and raises the advisory level to C.
func doPriceOffer(s *Store, c *Call) (*Answer, error) {
	estateID, addressID, err := estPriceOfferPair(s, c)
	if err != nil {
		return nil, err
	}
	if err := requireParam(c.Params, "priceOffer"); err != nil {
		return nil, err
	}
	var offer float64
	switch v := c.Params["priceOffer"].(type) {
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return nil, Fail(214, "Invalid price format: %s", v)
		}
		offer = f
	default:
		f, ok := toFloat(v)
		if !ok {
			return nil, Fail(214, "Invalid price format: %v", v)
		}
		offer = f
	}
	if offer <= 0 {
		return nil, Fail(214, "Invalid price format: %s", toText(c.Params["priceOffer"]))
	}
	rel := estInterest(s, estateID, addressID)
	if rel == nil {
		rel = relAdd(s, "estate:address:interested", estateID, addressID)
		rel.Extra = map[string]any{"offeredTillNow": true}
	}
	rel.setExtra(map[string]any{estPriceOfferKey: offer})
	if level := toText(rel.Extra[estAdvisoryKey]); level == "" || level > estAdvisoryC {
		// Levels are ordered by their letter: A (contract) is highest, G lowest.
		rel.Extra[estAdvisoryKey] = estAdvisoryC
	}
	return Success(""), nil
}

// estAdvisoryKey names the advisory level (Beratungsebene) on a relation.
const estAdvisoryKey = "Beratungsebene"

// estMain returns the main-language estate with the id, or error 293.
func estMain(s *Store, id int) (Record, error) {
	if id <= 0 {
		return nil, Fail(110, "Estate record id missing")
	}
	r := s.Table("estate").Get(id)
	if r == nil || mainLangID(r) != id {
		return nil, Fail(293, "Unknown estate record id %d (missing or no rights)", id)
	}
	return r, nil
}

// estTitle is a short name of an estate for generated documents.
func estTitle(r Record) string {
	if t := strings.TrimSpace(toText(r["objekttitel"])); t != "" {
		return t
	}
	return fmt.Sprintf("Immobilie %d", idOf(r))
}
