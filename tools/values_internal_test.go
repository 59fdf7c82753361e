package tools

import (
	"reflect"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// TestCheckValue is the rule book of the one value checker: what each field
// type takes in writes and filters, and what it turns it into.
func TestCheckValue(t *testing.T) {
	field := func(typ string, permitted map[string]string) *fieldSpec {
		return &fieldSpec{FieldInfo: onoffice.FieldInfo{Name: "f", Type: typ, Permitted: permitted}, Kind: typ}
	}
	status := field("integer", map[string]string{"1": "Aktiv", "0": "Inaktiv"})
	status.others = func() []onoffice.FieldInfo {
		return []onoffice.FieldInfo{{Name: "f", Permitted: map[string]string{"1": "Active", "0": "Inactive"}}}
	}
	kind := field("singleselect", map[string]string{"wohnung": "Wohnung", "haus": "Haus", "etage": "Etagenwohnung", "etw": "Etagenwohnung"})
	multi := field("multiselect", map[string]string{"gas": "Gas", "oel": "Öl"})
	timeOfDay := &fieldSpec{FieldInfo: onoffice.FieldInfo{Name: "t"}, Kind: "time"}

	cases := []struct {
		name string
		f    *fieldSpec
		v    any
		use  valueUse
		want any
		err  string // part of the error; "" for none
	}{
		{"unknown field passes", nil, "anything", forWrite, "anything", ""},
		{"select key", status, "1", forFilter, "1", ""},
		{"select key as number", status, 1.0, forWrite, 1.0, ""},
		{"select label DEU", status, "Aktiv", forFilter, 1.0, ""},
		{"select label ignores case", status, "inaktiv", forFilter, 0.0, ""},
		{"select label ENG", status, "Active", forFilter, 1.0, ""},
		{"select text key", kind, "Wohnung", forWrite, "wohnung", ""},
		{"select neither", status, "Offen", forFilter, nil, "allowed (key=label): 0=Inaktiv, 1=Aktiv"},
		{"select ambiguous label", kind, "etagenWohnung", forWrite, nil, "label of several keys of f (etage, etw)"},
		{"select key beats label", kind, "etw", forWrite, "etw", ""},
		{"select clears", kind, "", forWrite, "", ""},
		{"singleselect list", kind, []any{"haus"}, forWrite, nil, "not a list"},
		{"multiselect labels", multi, []any{"Gas", "öl"}, forWrite, []any{"gas", "oel"}, ""},
		{"multiselect one key", multi, "gas", forWrite, "gas", ""},
		{"multiselect unknown", multi, []any{"holz"}, forWrite, nil, "allowed (key=label): gas=Gas, oel=Öl"},
		{"number", field("float", nil), 1299.5, forWrite, 1299.5, ""},
		{"number as text", field("float", nil), " 1299.5 ", forFilter, 1299.5, ""},
		{"decimal comma refused", field("float", nil), "3,5", forWrite, nil, "dot for decimals"},
		{"thousands separator refused", field("float", nil), "1.300,00", forFilter, nil, "no thousands separators"},
		{"units refused", field("float", nil), "1300 €", forWrite, nil, "must be a number"},
		{"integer whole", field("integer", nil), "4", forWrite, 4.0, ""},
		{"integer fraction", field("integer", nil), 3.5, forWrite, nil, "whole number"},
		{"number not bool", field("integer", nil), true, forWrite, nil, "not true/false"},
		{"boolean true", field("boolean", nil), true, forWrite, true, ""},
		{"boolean text true", field("boolean", nil), "true", forWrite, true, ""},
		{"boolean 0", field("boolean", nil), 0.0, forWrite, false, ""},
		{"boolean filter", field("boolean", nil), "true", forFilter, "1", ""},
		{"boolean ja refused", field("boolean", nil), "ja", forWrite, nil, "true or false"},
		{"date", field("date", nil), "2026-11-10", forWrite, "2026-11-10", ""},
		{"date not real", field("date", nil), "2026-02-30", forWrite, nil, "YYYY-MM-DD"},
		{"date with time refused", field("date", nil), "2026-11-10 10:00:00", forWrite, nil, "YYYY-MM-DD"},
		{"datetime", field("datetime", nil), "2026-11-10 10:00:00", forWrite, "2026-11-10 10:00:00", ""},
		{"datetime HH:MM", field("datetime", nil), "2026-11-10 10:00", forWrite, "2026-11-10 10:00:00", ""},
		{"datetime ISO T", field("datetime", nil), "2026-11-10T10:00:00", forWrite, "2026-11-10 10:00:00", ""},
		{"datetime bare date in a write", field("datetime", nil), "2026-11-10", forWrite, nil, "got the date \"2026-11-10\" alone"},
		{"datetime bare date in a filter", field("datetime", nil), "2026-11-10", forFilter, "2026-11-10", ""},
		{"time HH:MM:SS", timeOfDay, "09:30:00", forWrite, "09:30:00", ""},
		{"time HH:MM", timeOfDay, "09:30", forWrite, "09:30:00", ""},
		{"time out of range", timeOfDay, "25:00", forWrite, nil, "HH:MM:SS"},
		{"text", field("varchar", nil), "Hallo", forWrite, "Hallo", ""},
		{"text number", field("varchar", nil), 12.0, forWrite, 12.0, ""},
		{"text not bool", field("varchar", nil), true, forWrite, nil, "must be text"},
		{"text not list", field("varchar", nil), []any{"a"}, forWrite, nil, "not a list"},
		{"object", field("varchar", nil), map[string]any{"a": 1.0}, forWrite, nil, "not an object"},
		{"nil passes", field("float", nil), nil, forWrite, nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := checkValue(tc.f, "data.f", tc.v, tc.use)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "`data.f`") {
					t.Fatalf("checkValue(%#v) = %#v, %v; want an error naming `data.f` with %q", tc.v, got, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("checkValue(%#v): %v", tc.v, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("checkValue(%#v) = %#v, want %#v", tc.v, got, tc.want)
			}
		})
	}
}
