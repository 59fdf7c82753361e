package sandbox

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// seedModuleOf maps a table to the module id of its field configuration.
var seedModuleOf = map[string]string{
	"estate":         "estate",
	"address":        "address",
	"user":           "user",
	"searchcriteria": "searchcriteria",
	"calendar":       "calendar",
	"task":           "task",
	"agentslog":      "agentsLog",
	"file":           "file",
}

func TestSeedCounts(t *testing.T) {
	s := NewStore(testDemoDate)
	tests := []struct {
		table string
		min   int
	}{
		{"estate", 64},
		{"address", 160},
		{"user", 8},
		{"group", 3},
		{"searchcriteria", 45},
		{"calendar", 70},
		{"task", 35},
		{"agentslog", 110},
		{"file", 300},
	}
	for _, tt := range tests {
		t.Run(tt.table, func(t *testing.T) {
			if n := len(s.Table(tt.table).Records); n < tt.min {
				t.Errorf("%s has %d records, want at least %d", tt.table, n, tt.min)
			}
		})
	}
	if n := len(s.Relations); n < 300 {
		t.Errorf("only %d relations", n)
	}
}

func TestSeedEstateCoverage(t *testing.T) {
	s := NewStore(testDemoDate)
	main, versions := 0, 0
	marketing := map[string]int{}
	kinds := map[string]int{}
	status := map[int]int{}
	var sold, reserved, onRequest, base int
	for _, r := range s.Table("estate").Records {
		if r["language"] != "" {
			versions++
			continue
		}
		main++
		marketing[r["vermarktungsart"].(string)]++
		kinds[r["objektart"].(string)]++
		status[r["status"].(int)]++
		if r["verkauft"] == true {
			sold++
		}
		if r["reserviert"] == true {
			reserved++
		}
		if r["preisAufAnfrage"] == true {
			onRequest++
			if r["kaufpreis"] != 0.0 {
				t.Errorf("estate %v: price on request but kaufpreis %v", r["Id"], r["kaufpreis"])
			}
		}
		if r["stammobjekt"] == true {
			base++
		}
		if n := utf8.RuneCountInString(r["objektbeschreibung"].(string)); n < 250 {
			t.Errorf("estate %v: description has only %d characters", r["Id"], n)
		}
		if r["lage"] == "" || r["objekttitel"] == "" || r["uuid"] == "" {
			t.Errorf("estate %v: missing title, location text or uuid", r["Id"])
		}
	}
	if main < 64 {
		t.Errorf("%d main estates, want at least 64", main)
	}
	if versions < 8 {
		t.Errorf("%d language versions, want at least 8", versions)
	}
	for _, k := range []string{"kauf", "miete"} {
		if marketing[k] < 10 {
			t.Errorf("only %d estates with vermarktungsart %s", marketing[k], k)
		}
	}
	for _, k := range []string{"wohnung", "haus", "grundstueck", "buero_praxen", "einzelhandel", "hallen_lager_prod"} {
		if kinds[k] == 0 {
			t.Errorf("no estate with objektart %s", k)
		}
	}
	if status[1] < main/2 || status[0] == 0 || status[2] == 0 {
		t.Errorf("status distribution %v", status)
	}
	if sold == 0 || reserved == 0 || onRequest == 0 || base != 1 {
		t.Errorf("sold %d, reserved %d, price on request %d, base estates %d", sold, reserved, onRequest, base)
	}
}

func TestSeedDeterministic(t *testing.T) {
	a, b := NewStore(testDemoDate), NewStore(testDemoDate)
	if !reflect.DeepEqual(a.Tables, b.Tables) {
		t.Error("tables differ between two stores")
	}
	if !reflect.DeepEqual(a.Fields, b.Fields) || !reflect.DeepEqual(a.FieldOrder, b.FieldOrder) {
		t.Error("field configuration differs between two stores")
	}
	if !reflect.DeepEqual(a.Relations, b.Relations) {
		t.Error("relations differ between two stores")
	}
	if !reflect.DeepEqual(a.Extra["filters"], b.Extra["filters"]) {
		t.Error("saved filters differ between two stores")
	}
}

// seedValueMatches reports whether a stored Go value fits a field type.
func seedValueMatches(f *Field, v any) bool {
	switch f.Type {
	case "varchar", "text", "freetext", "singleselect", "date", "datetime":
		_, ok := v.(string)
		return ok
	case "integer":
		_, ok := v.(int)
		return ok
	case "float":
		_, ok := v.(float64)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "multiselect":
		_, ok := v.([]string)
		return ok
	case "user":
		switch v.(type) {
		case int, string, []int:
			return true
		}
	}
	return false
}

func TestSeedFieldsMatchConfiguration(t *testing.T) {
	s := NewStore(testDemoDate)
	for table, module := range seedModuleOf {
		fields := s.Fields[module]
		if len(fields) == 0 {
			t.Errorf("module %s has no field configuration", module)
			continue
		}
		for _, r := range s.Table(table).Records {
			for name, v := range r {
				f := fields[name]
				if f == nil {
					t.Errorf("%s %v: field %q is not configured in module %s", table, r["Id"], name, module)
					continue
				}
				if !seedValueMatches(f, v) {
					t.Errorf("%s %v: field %q holds %T, configured as %s", table, r["Id"], name, v, f.Type)
				}
				if f.Type == "varchar" && f.Length > 0 {
					if sv, _ := v.(string); utf8.RuneCountInString(sv) > f.Length {
						t.Errorf("%s %v: %q is longer than %d: %q", table, r["Id"], name, f.Length, sv)
					}
				}
			}
		}
	}
}

func TestSeedFieldConfigurationShape(t *testing.T) {
	s := NewStore(testDemoDate)
	for _, module := range []string{"estate", "address", "agentsLog", "calendar", "task", "user", "searchcriteria", "file"} {
		if len(s.FieldOrder[module]) != len(s.Fields[module]) {
			t.Errorf("%s: field order and field map disagree", module)
		}
		for name, f := range s.Fields[module] {
			if f.Label["DEU"] == "" || f.Label["ENG"] == "" {
				t.Errorf("%s.%s: missing label", module, name)
			}
			if (f.Type == "singleselect" || f.Type == "multiselect") && len(f.Permitted) == 0 {
				t.Errorf("%s.%s: select field without permitted values", module, name)
			}
			seen := map[string]bool{}
			for _, o := range f.Permitted {
				if seen[o.Key] {
					t.Errorf("%s.%s: duplicate key %q", module, name, o.Key)
				}
				seen[o.Key] = true
				if o.Label["DEU"] == "" || o.Label["ENG"] == "" {
					t.Errorf("%s.%s: option %q without labels", module, name, o.Key)
				}
			}
			for child, parent := range f.Dependencies {
				if !seen[child] {
					t.Errorf("%s.%s: dependency for unknown key %q", module, name, child)
				}
				if p := s.Fields[module]["objektart"]; p != nil && !seedPermitted(p, parent) {
					t.Errorf("%s.%s: %q depends on unknown parent %q", module, name, child, parent)
				}
			}
		}
	}
	if n := len(s.Fields["estate"]); n < 60 {
		t.Errorf("estate has %d fields, want at least 60", n)
	}
	if n := len(s.Fields["address"]); n < 40 {
		t.Errorf("address has %d fields, want at least 40", n)
	}
	for _, name := range []string{"Id", "erstellt_am", "geaendert_am", "uuid"} {
		if !s.Fields["estate"][name].ReadOnly {
			t.Errorf("estate.%s should be read-only", name)
		}
	}
	if f := s.Fields["estate"]["kaufpreis"]; f.MeasureFormat != "DATA_TYPE_MONETARY" || len(f.Filters["vermarktungsarten"]) != 1 {
		t.Errorf("kaufpreis: measure %q, filters %v", f.MeasureFormat, f.Filters)
	}
}

func seedPermitted(f *Field, key string) bool {
	for _, o := range f.Permitted {
		if o.Key == key {
			return true
		}
	}
	return false
}

func TestSeedSelectValuesPermitted(t *testing.T) {
	s := NewStore(testDemoDate)
	for table, module := range seedModuleOf {
		for _, r := range s.Table(table).Records {
			for name, v := range r {
				f := s.Fields[module][name]
				if f == nil || len(f.Permitted) == 0 {
					continue
				}
				var keys []string
				switch x := v.(type) {
				case string:
					keys = []string{x}
				case []string:
					keys = x
				case int:
					keys = []string{fmt.Sprint(x)}
				}
				for _, k := range keys {
					if !seedPermitted(f, k) {
						t.Errorf("%s %v: %s value %q is not permitted", table, r["Id"], name, k)
					}
				}
			}
		}
	}
	// objekttyp must belong to the estate's objektart.
	deps := s.Fields["estate"]["objekttyp"].Dependencies
	for _, r := range s.Table("estate").Records {
		if typ, _ := r["objekttyp"].(string); typ != "" && deps[typ] != r["objektart"] {
			t.Errorf("estate %v: objekttyp %q does not belong to objektart %v", r["Id"], typ, r["objektart"])
		}
	}
}

func TestSeedFieldFiltersRespected(t *testing.T) {
	s := NewStore(testDemoDate)
	for _, r := range s.Table("estate").Records {
		for name := range r {
			f := s.Fields["estate"][name]
			for dim, allowed := range f.Filters {
				var have string
				switch dim {
				case "vermarktungsarten":
					have, _ = r["vermarktungsart"].(string)
				case "immobilienart":
					have, _ = r["objektart"].(string)
				case "nutzungsarten":
					have, _ = r["nutzungsart"].(string)
				default:
					continue
				}
				ok := false
				for _, a := range allowed {
					ok = ok || a == have
				}
				if !ok {
					t.Errorf("estate %v: %s is shown only for %s %v, estate has %q", r["Id"], name, dim, allowed, have)
				}
			}
		}
	}
}

func TestSeedIDsSortedUnique(t *testing.T) {
	s := NewStore(testDemoDate)
	names := make([]string, 0, len(s.Tables))
	for name := range s.Tables {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		prev := 0
		for i, r := range s.Tables[name].Records {
			id, ok := r["Id"].(int)
			if !ok || id <= 0 {
				t.Errorf("%s record %d has no int Id", name, i)
				continue
			}
			if id <= prev {
				t.Errorf("%s: id %d follows %d", name, id, prev)
			}
			prev = id
			if s.Tables[name].Get(id) == nil {
				t.Errorf("%s: Get(%d) finds nothing", name, id)
			}
		}
	}
}

// seedRelationEnds lists the tables of parent and child per relation type.
var seedRelationEnds = map[string][2]string{
	seedRelOwner:         {"estate", "address"},
	seedRelBuyer:         {"estate", "address"},
	seedRelRenter:        {"estate", "address"},
	seedRelInterested:    {"estate", "address"},
	seedRelContactPerson: {"estate", "address"},
	seedRelEstateUnit:    {"estate", "estate"},
	seedRelTipp:          {"address", "estate"},
	seedRelAddressCont:   {"address", "address"},
	seedRelSearchCrit:    {"address", "searchcriteria"},
	seedRelCalAddress:    {"calendar", "address"},
	seedRelCalEstate:     {"calendar", "estate"},
	seedRelTaskAddress:   {"task", "address"},
	seedRelTaskEstate:    {"task", "estate"},
	seedRelLogAddress:    {"agentslog", "address"},
	seedRelLogEstate:     {"agentslog", "estate"},
}

func TestSeedRelationsPointToRecords(t *testing.T) {
	s := NewStore(testDemoDate)
	seen := map[string]bool{}
	for _, rel := range s.Relations {
		ends, ok := seedRelationEnds[rel.Type]
		if !ok {
			t.Errorf("unexpected relation type %s", rel.Type)
			continue
		}
		p, c := s.Table(ends[0]).Get(rel.Parent), s.Table(ends[1]).Get(rel.Child)
		if p == nil || c == nil {
			t.Errorf("%s %d→%d points to a missing record", rel.Type, rel.Parent, rel.Child)
			continue
		}
		if ends[0] == "estate" && p["language"] != "" || ends[1] == "estate" && c["language"] != "" {
			t.Errorf("%s %d→%d links a language version", rel.Type, rel.Parent, rel.Child)
		}
		key := fmt.Sprint(rel.Type, rel.Parent, rel.Child)
		if seen[key] {
			t.Errorf("duplicate relation %s", key)
		}
		seen[key] = true
		seen[rel.Type] = true
	}
	for typ := range seedRelationEnds {
		if !seen[typ] {
			t.Errorf("no relation of type %s", typ)
		}
	}
	// Every main estate has an owner; sold ones a buyer or tenant.
	owners := map[int]bool{}
	for _, rel := range s.Relations {
		if rel.Type == seedRelOwner {
			owners[rel.Parent] = true
		}
	}
	for _, r := range s.Table("estate").Records {
		if r["language"] == "" && !owners[idOf(r)] {
			t.Errorf("estate %v has no owner", r["Id"])
		}
	}
	// Search criteria name their address, which links them.
	for _, r := range s.Table("searchcriteria").Records {
		if !seen[fmt.Sprint(seedRelSearchCrit, r["adresse"], r["Id"])] {
			t.Errorf("search criterion %v is not linked to address %v", r["Id"], r["adresse"])
		}
	}
}

func TestSeedLanguageVersions(t *testing.T) {
	s := NewStore(testDemoDate)
	est := s.Table("estate")
	lastMain := 0
	for i, r := range est.Records {
		lang := r["language"].(string)
		if lang == "" {
			if lastMain != i {
				t.Errorf("main estate %v follows a language version", r["Id"])
			}
			lastMain = i + 1
			if _, ok := r["mainLangId"]; ok {
				t.Errorf("main estate %v carries mainLangId", r["Id"])
			}
			continue
		}
		if lang != "ENG" {
			t.Errorf("estate %v: unexpected language %q", r["Id"], lang)
		}
		m := est.Get(r["mainLangId"].(int))
		if m == nil || m["language"] != "" {
			t.Errorf("language version %v points to %v, which is no main estate", r["Id"], r["mainLangId"])
			continue
		}
		if r["objektbeschreibung"] == m["objektbeschreibung"] || r["uuid"] == m["uuid"] {
			t.Errorf("language version %v shares texts or uuid with its main estate", r["Id"])
		}
		if r["kaufpreis"] != m["kaufpreis"] || r["ort"] != m["ort"] {
			t.Errorf("language version %v differs from its main estate in a shared field", r["Id"])
		}
	}
}

func TestSeedDatesAndReference(t *testing.T) {
	s := NewStore(testDemoDate)
	ref := testDemoDate
	for table, module := range seedModuleOf {
		for _, r := range s.Table(table).Records {
			for name, v := range r {
				f := s.Fields[module][name]
				sv, ok := v.(string)
				if f == nil || !ok || sv == "" {
					continue
				}
				layout := map[string]string{"date": "2006-01-02", "datetime": "2006-01-02 15:04:05"}[f.Type]
				if layout == "" {
					continue
				}
				tm, err := time.Parse(layout, sv)
				if err != nil {
					t.Errorf("%s %v: %s = %q is no %s", table, r["Id"], name, sv, f.Type)
					continue
				}
				if f.ReadOnly && tm.After(ref) {
					t.Errorf("%s %v: %s = %q lies after the reference date", table, r["Id"], name, sv)
				}
			}
		}
	}
	// Appointments: a month before to seven weeks after the reference day
	// (apart from series), one user double-booked.
	type span struct{ from, to time.Time }
	byUser := map[int][]span{}
	for _, r := range s.Table("calendar").Records {
		from, _ := time.Parse("2006-01-02 15:04:05", r["start_dt"].(string))
		to, _ := time.Parse("2006-01-02 15:04:05", r["end_dt"].(string))
		if !to.After(from) {
			t.Errorf("appointment %v ends before it starts", r["Id"])
		}
		if r["rp_flag"] != true && (from.Before(ref.AddDate(0, 0, -seedApptDaysBefore)) || from.After(ref.AddDate(0, 0, seedApptDaysAfter))) {
			t.Errorf("appointment %v starts %v, outside the calendar's span around %v", r["Id"], from, ref)
		}
		if r["abgesagt"] == true || r["ganztags"] == true {
			continue
		}
		for _, u := range r["user_ids"].([]int) {
			byUser[u] = append(byUser[u], span{from, to})
		}
	}
	conflicts := 0
	for _, spans := range byUser {
		for i := range spans {
			for j := i + 1; j < len(spans); j++ {
				if spans[i].from.Before(spans[j].to) && spans[j].from.Before(spans[i].to) {
					conflicts++
				}
			}
		}
	}
	if conflicts == 0 {
		t.Error("no overlapping appointments for any user")
	}
}

func TestSeedContactData(t *testing.T) {
	s := NewStore(testDemoDate)
	for _, r := range s.Table("address").Records {
		if m, _ := r["Email"].(string); m != "" {
			host := m[strings.LastIndexByte(m, '@')+1:]
			if !(host == "example.de" || host == "example.com" || host == "example.org" || host == "example.net" ||
				strings.HasSuffix(host, ".example.de") || strings.HasSuffix(host, ".example.com")) {
				t.Errorf("address %v: e-mail %q uses a non-example domain", r["Id"], m)
			}
		}
		if r["Anrede"] == "Firma" && r["Zusatz1"] == "" {
			t.Errorf("company address %v without company name", r["Id"])
		}
	}
}
