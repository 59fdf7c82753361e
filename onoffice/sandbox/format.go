package sandbox

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// formatValue renders a stored value the way read calls return it: as
// strings, with the per-type empty value for unset fields; with
// formatoutput, select keys become labels and numbers get units.
func formatValue(f *Field, v any, format bool, lang string) any {
	if format {
		return displayValue(f, v, lang)
	}
	decimals := 2
	if f.Decimals > 0 {
		decimals = f.Decimals
	}
	if v == nil {
		if f.Type == "float" {
			return strconv.FormatFloat(0, 'f', decimals, 64)
		}
		return emptyValue(f.Type)
	}
	switch t := v.(type) {
	case int:
		if f.Type == "float" {
			return strconv.FormatFloat(float64(t), 'f', decimals, 64)
		}
		return strconv.Itoa(t)
	case float64:
		if f.Type == "integer" {
			return strconv.Itoa(int(math.Round(t)))
		}
		return strconv.FormatFloat(t, 'f', decimals, 64)
	case bool:
		return boolText(t)
	case []string:
		return pipeJoin(t)
	case string:
		return t
	}
	return v
}

// boolText is a flag as the API writes it: "1" or "0".
func boolText(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// emptyValue is what the API sends for a field without a value.
func emptyValue(typ string) any {
	switch typ {
	case "integer", "boolean":
		return "0"
	case "float":
		return "0.00"
	case "date":
		return "0000-00-00"
	case "datetime":
		return "0000-00-00 00:00:00"
	case "user":
		return nil
	}
	return ""
}

func label(l map[string]string, lang string) string {
	if s, ok := l[lang]; ok && s != "" {
		return s
	}
	return l["DEU"]
}

func optionLabel(f *Field, key, lang string) string {
	for _, o := range f.Permitted {
		if o.Key == key {
			return label(o.Label, lang)
		}
	}
	return key
}

// optionLabels maps the keys of a select field to their labels.
func optionLabels(f *Field, lang string) map[string]string {
	out := make(map[string]string, len(f.Permitted))
	for _, o := range f.Permitted {
		out[o.Key] = label(o.Label, lang)
	}
	return out
}

// displayValue renders a value for formatoutput: labels, units, German numbers.
func displayValue(f *Field, v any, lang string) any {
	if v == nil {
		return ""
	}
	switch f.Type {
	case "singleselect":
		return optionLabel(f, toText(v), lang)
	case "multiselect":
		keys, _ := v.([]string)
		labels := make([]string, len(keys))
		for i, k := range keys {
			labels[i] = optionLabel(f, k, lang)
		}
		return strings.Join(labels, ", ")
	case "boolean":
		on, _ := toInt(v)
		if lang == "ENG" {
			return map[bool]string{true: "Yes", false: "No"}[on == 1]
		}
		return map[bool]string{true: "Ja", false: "Nein"}[on == 1]
	case "date", "datetime":
		s := toText(v)
		layout, out := "2006-01-02", "02.01.2006"
		if f.Type == "datetime" {
			layout, out = "2006-01-02 15:04:05", "02.01.2006 15:04:05"
		}
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(out)
		}
		return s
	case "float", "integer":
		n, ok := toFloat(v)
		if !ok {
			return toText(v)
		}
		switch f.MeasureFormat {
		case "DATA_TYPE_MONETARY":
			return germanNumber(n, 2) + " €"
		case "DATA_TYPE_MONETARY_WITHOUT_CURRENCY":
			return germanNumber(n, 2)
		case "DATA_TYPE_AREA":
			return "ca. " + germanNumber(n, 2) + " m²"
		case "DATA_TYPE_PERCENTAGE":
			return germanNumber(n, 0) + " %"
		case "DATA_TYPE_YEAR":
			return strconv.Itoa(int(n))
		}
		if f.Type == "integer" {
			return strconv.Itoa(int(n))
		}
		return germanNumber(n, 2)
	}
	return formatValue(f, v, false, lang)
}

// germanNumber formats 1234567.5 as 1.234.567,50.
func germanNumber(n float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(n), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if n < 0 {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		fmt.Fprintf(&b, ",%s", frac)
	}
	return b.String()
}
