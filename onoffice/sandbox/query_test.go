package sandbox

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// readIDs reads estate ids through the real client with the given parameters.
func readIDs(t *testing.T, c *onoffice.Client, params map[string]any) ([]int, int) {
	t.Helper()
	params["data"] = []string{"Id"}
	if _, ok := params["listlimit"]; !ok {
		params["listlimit"] = 500
	}
	res, err := callAPI(c, onoffice.VerbRead, "estate", "", params)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for _, r := range res.Records {
		id, _ := strconv.Atoi(r.IDString())
		ids = append(ids, id)
	}
	return ids, res.Total
}

// TestFilterOperators compares every documented operator with expectations
// computed straight from the seed records.
func TestFilterOperators(t *testing.T) {
	sb, c := startAPI(t, nil)

	var mains []Record
	for _, r := range sb.Store().Table("estate").Records {
		if l, _ := r["language"].(string); l == "" {
			mains = append(mains, r)
		}
	}
	num := func(r Record, f string) float64 { v, _ := toFloat(orZero(r[f])); return v }
	str := func(r Record, f string) string { s, _ := r[f].(string); return s }
	expect := func(pred func(Record) bool) []int {
		var ids []int
		for _, r := range mains {
			if pred(r) {
				ids = append(ids, idOf(r))
			}
		}
		return ids
	}
	cond := func(field, op string, val any) map[string]any {
		return map[string]any{"filter": map[string]any{field: []any{map[string]any{"op": op, "val": val}}}}
	}
	tests := []struct {
		name   string
		params map[string]any
		want   []int
	}{
		{"= on a select", cond("vermarktungsart", "=", "kauf"), expect(func(r Record) bool { return str(r, "vermarktungsart") == "kauf" })},
		{"is", cond("vermarktungsart", "is", "miete"), expect(func(r Record) bool { return str(r, "vermarktungsart") == "miete" })},
		{"!=", cond("objektart", "!=", "wohnung"), expect(func(r Record) bool { return str(r, "objektart") != "wohnung" })},
		{"<>", cond("objektart", "<>", "haus"), expect(func(r Record) bool { return str(r, "objektart") != "haus" })},
		{">", cond("kaufpreis", ">", 500000), expect(func(r Record) bool { return num(r, "kaufpreis") > 500000 })},
		{"<", cond("wohnflaeche", "<", 70), expect(func(r Record) bool { return num(r, "wohnflaeche") < 70 })},
		{">=", cond("anzahl_zimmer", ">=", 4), expect(func(r Record) bool { return num(r, "anzahl_zimmer") >= 4 })},
		{"<=", cond("kaltmiete", "<=", 900), expect(func(r Record) bool { return num(r, "kaltmiete") <= 900 })},
		{"between", cond("kaufpreis", "between", []any{250000, 450000}), expect(func(r Record) bool {
			return num(r, "kaufpreis") >= 250000 && num(r, "kaufpreis") <= 450000
		})},
		{"like", cond("ort", "like", "M%"), expect(func(r Record) bool { return strings.HasPrefix(strings.ToLower(str(r, "ort")), "m") })},
		{"not like", cond("ort", "not like", "%burg%"), expect(func(r Record) bool { return !strings.Contains(strings.ToLower(str(r, "ort")), "burg") })},
		{"in", cond("ort", "IN", []any{"Köln", "Leipzig"}), expect(func(r Record) bool { return str(r, "ort") == "Köln" || str(r, "ort") == "Leipzig" })},
		{"not in", cond("objektart", "not in", []any{"wohnung", "haus"}), expect(func(r Record) bool {
			return str(r, "objektart") != "wohnung" && str(r, "objektart") != "haus"
		})},
		{"multiselect =", cond("heizungsart", "=", "fussboden"), expect(func(r Record) bool {
			keys, _ := r["heizungsart"].([]string)
			return slices.Contains(keys, "fussboden")
		})},
		{"two fields AND", map[string]any{"filter": map[string]any{
			"vermarktungsart": []any{map[string]any{"op": "=", "val": "kauf"}},
			"objektart":       []any{map[string]any{"op": "=", "val": "wohnung"}},
		}}, expect(func(r Record) bool { return str(r, "vermarktungsart") == "kauf" && str(r, "objektart") == "wohnung" })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.want) == 0 || len(tt.want) == len(mains) {
				t.Fatalf("the expectation selects %d of %d estates: not a useful test", len(tt.want), len(mains))
			}
			got, total := readIDs(t, c, tt.params)
			sort.Ints(got)
			if !slices.Equal(got, tt.want) || total != len(tt.want) {
				t.Errorf("got %v (total %d), want %v", got, total, tt.want)
			}
		})
	}
}

func TestSortingAndPaging(t *testing.T) {
	sb, c := startAPI(t, nil)
	var kauf []Record
	for _, r := range sb.Store().Table("estate").Records {
		if r["vermarktungsart"] == "kauf" && r["language"] == "" {
			kauf = append(kauf, r)
		}
	}
	sort.SliceStable(kauf, func(i, j int) bool {
		a, _ := toFloat(orZero(kauf[i]["kaufpreis"]))
		b, _ := toFloat(orZero(kauf[j]["kaufpreis"]))
		return a > b
	})
	var want []int
	for _, r := range kauf {
		want = append(want, idOf(r))
	}
	filter := map[string]any{"vermarktungsart": []any{map[string]any{"op": "=", "val": "kauf"}}}
	var got []int
	for offset := 0; offset < len(want); offset += 7 {
		ids, total := readIDs(t, c, map[string]any{"filter": filter, "sortby": map[string]any{"kaufpreis": "DESC"}, "listlimit": 7, "listoffset": offset})
		if total != len(want) {
			t.Fatalf("cntabsolute %d, want %d", total, len(want))
		}
		got = append(got, ids...)
	}
	if !slices.Equal(got, want) {
		t.Errorf("paged DESC order\n got %v\nwant %v", got, want)
	}
	// The string form of sortby with sortorder.
	ids, _ := readIDs(t, c, map[string]any{"filter": filter, "sortby": "kaufpreis", "sortorder": "DESC", "listlimit": 3})
	if !slices.Equal(ids, want[:3]) {
		t.Errorf("sortby string form: %v, want %v", ids, want[:3])
	}
	// Default page size is 20; one record by resource id ignores the filter.
	ids, _ = readIDs(t, c, map[string]any{"listlimit": nil})
	if len(ids) != 20 {
		t.Errorf("default listlimit gave %d records", len(ids))
	}
	res, err := callAPI(c, onoffice.VerbRead, "estate", strconv.Itoa(want[0]),
		map[string]any{"data": []string{"kaufpreis"}, "filter": map[string]any{"vermarktungsart": []any{map[string]any{"op": "=", "val": "miete"}}}})
	if err != nil || len(res.Records) != 1 || res.Records[0].IDString() != strconv.Itoa(want[0]) {
		t.Errorf("read by id: %v %+v", err, res)
	}
}

func TestQueryErrors(t *testing.T) {
	_, c := startAPI(t, nil)
	id := []string{"Id"}
	runErrCases(t, c, []errCase{
		{"unknown filter field", onoffice.VerbRead, "estate", "", map[string]any{"data": id, "filter": map[string]any{"nope": []any{map[string]any{"op": "=", "val": 1}}}}, 141},
		{"unknown operator", onoffice.VerbRead, "estate", "", map[string]any{"data": id, "filter": map[string]any{"ort": []any{map[string]any{"op": "~", "val": 1}}}}, 142},
		{"multiselect with >", onoffice.VerbRead, "estate", "", map[string]any{"data": id, "filter": map[string]any{"heizungsart": []any{map[string]any{"op": ">", "val": "x"}}}}, 232},
		{"unknown sort field", onoffice.VerbRead, "estate", "", map[string]any{"data": id, "sortby": map[string]any{"nope": "ASC"}}, 212},
	})
}
