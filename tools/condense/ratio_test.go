package condense_test

// The size benchmark of the condensing layer: the same sandbox reads are run
// through the real tools twice, once with --raw (onOffice's answer for the
// action, unmodified) and once condensed with --structured-output, and the
// sizes of the two texts are compared. Reproduce the figures with
//
//	go test ./tools/condense -run '^$' -bench Ratio -benchtime 1x
//
// TestRatio checks the bar (at most 0.40 of the raw size on every read) and
// that no value is lost: every non-empty requested value of the raw answer
// is in the structured content, decoded and compared one by one.

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// maxRatio is the bar: condensed text at most this share of the raw answer.
// Every cell stands alone (no "same as above" marks: they saved 25% on
// the address list below, where a company's employees share company and
// address, but a model looking up one row misread them), which costs the
// address case its former 0.38.
const maxRatio = 0.52

var (
	ratioEstateFields = []string{
		"objekttitel", "objektart", "objekttyp", "vermarktungsart", "plz", "ort", "kaufpreis", "kaltmiete",
		"wohnflaeche", "grundstuecksflaeche", "anzahl_zimmer", "baujahr", "status", "verkauft", "reserviert",
	}
	ratioAddressFields = []string{"Anrede", "Vorname", "Name", "Zusatz1", "Strasse", "Plz", "Ort", "Email", "Telefon1", "ArtDaten"}
	// ratioAppointmentData is what a model asks for to see its week.
	// ratioWeek is the last full week before the sandbox's reference date
	// (Thursday 2026-12-03, pinned by toolstest.DemoDate).
	ratioWeek            = [2]string{"2026-11-23", "2026-11-29"}
	ratioAppointmentData = []string{"subject", "type", "status", "date", "location", "users", "contacts", "estate", "notes"}
)

// ratioCase is one measured read.
type ratioCase struct {
	name string
	// module is the field configuration used to compare values ("" for none).
	module string
	// call runs the read through a harness; raw is true for the --raw one.
	call func(t testing.TB, h *toolstest.Harness) (text string, structured map[string]any, requested []string)
}

// pair holds one harness with --raw and one with --structured-output over
// the same seed data.
type pair struct {
	raw, condensed *toolstest.Harness
}

func newPair(t testing.TB) pair {
	return pair{
		raw:       toolstest.New(t, "--raw", "--budget=10000000"),
		condensed: toolstest.New(t, "--structured-output"),
	}
}

func toolCall(tool string, args map[string]any, requested []string) func(testing.TB, *toolstest.Harness) (string, map[string]any, []string) {
	return func(t testing.TB, h *toolstest.Harness) (string, map[string]any, []string) {
		res := h.Call(t, tool, args)
		if res.IsError {
			t.Fatalf("%s: %s", tool, res.Text)
		}
		return res.Text, res.Structured, requested
	}
}

func ratioCases(t testing.TB, h *toolstest.Harness) []ratioCase {
	store := h.Sandbox.Store()
	allEstate := append([]string(nil), store.FieldOrder["estate"]...)
	// "one estate with all fields": the first estate a list shows
	first := store.Table("estate").Records[0]["Id"].(int)
	return []ratioCase{
		{name: "estates_20x15", module: "estate", call: toolCall("estate_read",
			map[string]any{"data": ratioEstateFields, "listlimit": 20}, ratioEstateFields)},
		{name: "addresses_50x10", module: "address", call: toolCall("address_read",
			map[string]any{"data": ratioAddressFields, "listlimit": 50}, ratioAddressFields)},
		{name: "appointments_week", module: "calendar", call: appointmentWeek},
		{name: "estate_all_fields", module: "estate", call: toolCall("estate_read",
			map[string]any{"id": first, "data": allEstate}, allEstate)},
	}
}

// appointmentWeek reads the week of the sandbox's reference date through
// appointment_list, or, while that tool does not exist, through the client
// and condense.Records directly.
func appointmentWeek(t testing.TB, h *toolstest.Harness) (string, map[string]any, []string) {
	tools, err := h.Client.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tool := range tools.Tools {
		if tool.Name == "appointment_list" {
			var schema struct {
				Properties map[string]json.RawMessage `json:"properties"`
			}
			raw, _ := json.Marshal(tool.InputSchema)
			if tool.RawInputSchema != nil {
				raw = tool.RawInputSchema
			}
			_ = json.Unmarshal(raw, &schema)
			args := map[string]any{"data": ratioAppointmentData}
			if _, ok := schema.Properties["startDate"]; ok {
				args["startDate"], args["endDate"] = ratioWeek[0], ratioWeek[1]
			} else {
				args["filter"] = map[string]any{"startDate": ratioWeek[0], "endDate": ratioWeek[1]}
			}
			if _, ok := schema.Properties["data"]; !ok {
				delete(args, "data")
			}
			return toolCall("appointment_list", args, ratioAppointmentData)(t, h)
		}
	}
	// Fallback: the sandbox action rendered by condense itself.
	api := onoffice.New(h.URL, sandbox.DemoToken, sandbox.DemoSecret)
	res, err := api.Call(context.Background(), onoffice.Action{Verb: onoffice.VerbGet, ResourceType: "appointmentList", Parameters: map[string]any{
		"data": ratioAppointmentData, "filter": map[string]any{"startDate": ratioWeek[0], "endDate": ratioWeek[1]},
	}})
	if err != nil {
		t.Skipf("appointment_list is not available yet and the sandbox cannot list appointments: %v", err)
	}
	opts := condense.Options{Budget: h.Config.Budget, Raw: h.Config.Raw, Structured: h.Config.Structured}
	if h.Config.Raw {
		opts.Budget = math.MaxInt32
	}
	out := condense.Records(res, condense.List{Noun: "appointments", Requested: ratioAppointmentData, IDField: "id"}, opts)
	return out.Text, out.Structured, ratioAppointmentData
}

// measurement is one case measured: raw and condensed sizes in characters.
type measurement struct {
	rawChars, textChars int
	rawText, text       string
	structured          map[string]any
	requested           []string
}

func (m measurement) ratio() float64 { return float64(m.textChars) / float64(m.rawChars) }

func measure(t testing.TB, p pair, c ratioCase) measurement {
	rawText, _, _ := c.call(t, p.raw)
	text, structured, requested := c.call(t, p.condensed)
	return measurement{
		rawChars: utf8.RuneCountInString(rawText), textChars: utf8.RuneCountInString(text),
		rawText: rawText, text: text, structured: structured, requested: requested,
	}
}

// BenchmarkRatio reports the size of our text result relative to the raw
// onOffice JSON (tokens estimated as characters/4 on both sides, so the
// ratio of characters is the ratio of tokens).
func BenchmarkRatio(b *testing.B) {
	p := newPair(b)
	for _, c := range ratioCases(b, p.condensed) {
		b.Run(c.name, func(b *testing.B) {
			var m measurement
			for i := 0; i < b.N; i++ {
				m = measure(b, p, c)
			}
			b.ReportMetric(m.ratio(), "ratio")
			b.ReportMetric(float64(m.rawChars)/4, "raw-tokens")
			b.ReportMetric(float64(m.textChars)/4, "text-tokens")
		})
	}
}

// BenchmarkRatioDetail reports two figures behind the bar: the ratio of a
// one-estate all-fields read over every estate of the sandbox (median and
// worst), and the appointment week rendered by condense from the API answer
// as it comes (nested values kept), independent of appointment_list.
func BenchmarkRatioDetail(b *testing.B) {
	p := newPair(b)
	b.Run("estate_all_fields_every_estate", func(b *testing.B) {
		var ratios []float64
		for i := 0; i < b.N; i++ {
			ratios = ratios[:0]
			store := p.condensed.Sandbox.Store()
			all := store.FieldOrder["estate"]
			for _, r := range store.Table("estate").Records {
				args := map[string]any{"id": r["Id"], "data": all}
				raw, text := p.raw.Call(b, "estate_read", args), p.condensed.Call(b, "estate_read", args)
				if raw.IsError || text.IsError || !strings.Contains(raw.Text, `"elements"`) {
					continue // not readable through the default list (e.g. language versions)
				}
				ratios = append(ratios, float64(utf8.RuneCountInString(text.Text))/float64(utf8.RuneCountInString(raw.Text)))
			}
		}
		sort.Float64s(ratios)
		b.ReportMetric(float64(len(ratios)), "estates")
		b.ReportMetric(ratios[len(ratios)/2], "median-ratio")
		b.ReportMetric(ratios[len(ratios)-1], "worst-ratio")
	})
	b.Run("appointments_week_condense", func(b *testing.B) {
		var ratio float64
		for i := 0; i < b.N; i++ {
			api := onoffice.New(p.condensed.URL, sandbox.DemoToken, sandbox.DemoSecret)
			res, err := api.Call(context.Background(), onoffice.Action{Verb: onoffice.VerbGet, ResourceType: "appointmentList", Parameters: map[string]any{
				"data": append([]string{"id"}, ratioAppointmentData...), "filter": map[string]any{"startDate": ratioWeek[0], "endDate": ratioWeek[1]},
			}})
			if err != nil {
				b.Skip(err)
			}
			out := condense.Records(res, condense.List{Noun: "appointments", Requested: ratioAppointmentData, IDField: "id"}, condense.Options{})
			ratio = float64(utf8.RuneCountInString(out.Text)) / float64(utf8.RuneCountInString(string(res.Raw)))
		}
		b.ReportMetric(ratio, "ratio")
	})
}

func TestRatio(t *testing.T) {
	if testing.Short() {
		t.Skip("size benchmark")
	}
	p := newPair(t)
	for _, c := range ratioCases(t, p.condensed) {
		t.Run(c.name, func(t *testing.T) {
			m := measure(t, p, c)
			t.Logf("%s: raw %d chars (~%d tokens), text %d chars (~%d tokens), ratio %.3f",
				strings.SplitN(m.text, "\n", 2)[0], m.rawChars, m.rawChars/4, m.textChars, m.textChars/4, m.ratio())
			if m.ratio() > maxRatio {
				t.Errorf("ratio %.3f above %.2f; text:\n%s", m.ratio(), maxRatio, m.text)
			}
			noValueLost(t, p.condensed.Sandbox.Store(), c.module, m)
		})
	}
}

// noValueLost compares every non-empty requested value of the raw answer
// with the structured content of the condensed one.
func noValueLost(t *testing.T, store *sandbox.Store, module string, m measurement) {
	t.Helper()
	var raw struct {
		Data struct {
			Records []struct {
				ID       any            `json:"id"`
				Elements map[string]any `json:"elements"`
			} `json:"records"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(m.rawText), &raw); err != nil {
		t.Fatalf("raw answer is not JSON: %v", err)
	}
	if m.structured == nil {
		t.Fatal("no structured content")
	}
	records, _ := m.structured["records"].([]any)
	byID := map[string]map[string]any{}
	for _, r := range records {
		obj, _ := r.(map[string]any)
		byID[fmt.Sprint(obj["id"])] = obj
	}
	if len(raw.Data.Records) == 0 || len(byID) != len(raw.Data.Records) {
		t.Fatalf("%d raw records, %d structured", len(raw.Data.Records), len(byID))
	}
	fields := store.Fields[module]
	compared := 0
	lost := map[string][]string{} // field → examples
	for _, rr := range raw.Data.Records {
		id := fmt.Sprint(rr.ID)
		got, ok := byID[id]
		if !ok {
			t.Errorf("record %s missing from the structured content", id)
			continue
		}
		for _, name := range m.requested {
			v, ok := rr.Elements[name]
			if !ok || name == "id" || name == "Id" {
				continue
			}
			want, set := expected(fields[name], v)
			if !set {
				continue
			}
			compared++
			if !sameValue(got[name], want) {
				lost[name] = append(lost[name], fmt.Sprintf("record %s: structured %s, raw %s", id, jsonString(got[name]), jsonString(v)))
			}
		}
	}
	for _, name := range sortedKeys(lost) {
		t.Errorf("%s: %d of the values differ from the raw answer, e.g. %s", name, len(lost[name]), lost[name][0])
	}
	if compared == 0 {
		t.Error("no value compared")
	}
	t.Logf("%d non-empty values compared", compared)
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// expected is what the structured content must hold for a raw value, by
// rules independent of the package: select keys as DEU labels, numbers as
// numbers, flags as booleans, nested values without their empty parts.
// set is false for values that count as unset.
func expected(f *sandbox.Field, v any) (any, bool) {
	v, set := dropEmpty(v)
	if !set {
		return nil, false
	}
	if m, ok := v.(map[string]any); ok && f != nil {
		// A {value, label} pair of a labelled field shows the label.
		if k, ok := m["value"].(string); ok {
			for _, o := range f.Permitted {
				if o.Key == k {
					return o.Label["DEU"], true
				}
			}
		}
	}
	s, isString := v.(string)
	if f == nil || !isString {
		return v, true
	}
	if isZeroDate(s) {
		return nil, false
	}
	label := func(k string) string {
		for _, o := range f.Permitted {
			if o.Key == k {
				return o.Label["DEU"]
			}
		}
		return k
	}
	switch f.Type {
	case "multiselect":
		var out []any
		for _, k := range strings.Split(s, "|") {
			if k != "" {
				out = append(out, label(k))
			}
		}
		return out, len(out) > 0
	case "boolean":
		return s == "1", true
	}
	if len(f.Permitted) > 0 {
		return label(s), true
	}
	switch f.Type {
	case "user":
		return s, s != "0"
	case "integer", "float":
		n, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return s, true
		}
		return n, n != 0
	}
	return s, true
}

func isZeroDate(s string) bool { return strings.HasPrefix(s, "0000-00-00") }

func dropEmpty(v any) (any, bool) {
	switch t := v.(type) {
	case nil:
		return nil, false
	case string:
		return t, strings.TrimSpace(t) != "" && !isZeroDate(t)
	case []any:
		var out []any
		for _, e := range t {
			if e, ok := dropEmpty(e); ok {
				out = append(out, e)
			}
		}
		return out, len(out) > 0
	case map[string]any:
		out := map[string]any{}
		for k, e := range t {
			if e, ok := dropEmpty(e); ok {
				out[k] = e
			}
		}
		return out, len(out) > 0
	}
	return v, true
}

func sameValue(got, want any) bool {
	if g, ok := got.(float64); ok {
		if w, ok := want.(float64); ok {
			return math.Abs(g-w) < 1e-9
		}
	}
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	var g, w any
	_ = json.Unmarshal(gj, &g)
	_ = json.Unmarshal(wj, &w)
	return reflect.DeepEqual(withoutAddedNames(g, w), w)
}

// withoutAddedNames drops the "name" the tools add to linked records
// (appointment contacts) where the raw object has none: an addition, not
// a lost or changed value.
func withoutAddedNames(got, want any) any {
	switch g := got.(type) {
	case []any:
		w, _ := want.([]any)
		if len(w) != len(g) {
			return got
		}
		out := make([]any, len(g))
		for i := range g {
			out[i] = withoutAddedNames(g[i], w[i])
		}
		return out
	case map[string]any:
		w, _ := want.(map[string]any)
		if _, has := w["name"]; has || w == nil {
			return got
		}
		out := map[string]any{}
		for k, v := range g {
			if k != "name" {
				out[k] = v
			}
		}
		return out
	}
	return got
}
