package tools

import (
	"fmt"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// The estate price rules. onOffice stores a price "on request" as a zero
// price with the preisAufAnfrage flag set, and a zero price field means
// "unset" otherwise, so a zero price is shown as "on request" only when the
// flag is read with it.

// estateOnRequestFlag is the estate field that marks prices as on request.
const estateOnRequestFlag = "preisAufAnfrage"

// isEstatePriceName reports whether an estate field name names a price:
// it contains preis, miete or pacht (kaufpreis, kaltmiete,
// mietpreis_pro_qm, pacht …), and is not the flag itself.
func isEstatePriceName(name string) bool {
	n := strings.ToLower(name)
	if n == strings.ToLower(estateOnRequestFlag) {
		return false
	}
	return strings.Contains(n, "preis") || strings.Contains(n, "miete") || strings.Contains(n, "pacht")
}

// estatePriceCompanions returns the fields a read of requested must add so
// that its prices can be shown correctly: the on-request flag when a price
// is requested without it.
func estatePriceCompanions(requested []string) []string {
	price := false
	for _, r := range requested {
		if strings.EqualFold(r, estateOnRequestFlag) {
			return nil
		}
		price = price || isEstatePriceName(r)
	}
	if price {
		return []string{estateOnRequestFlag}
	}
	return nil
}

// estatePriceOnRequest is the estate list's rule for zeros (condense.List.Zero):
// a zero monetary price is "on request" when the record's flag is set and
// the price fits the record's marketing type (kauf: kaufpreis …, miete:
// kaltmiete …), when the record names it.
func estatePriceOnRequest(el map[string]any, field string, f *onoffice.FieldInfo) (string, any, bool) {
	if f == nil || !strings.HasPrefix(f.MeasureFormat, "DATA_TYPE_MONETARY") || !isEstatePriceName(field) {
		return "", nil, false
	}
	flag := false
	for k, v := range el {
		if strings.EqualFold(k, estateOnRequestFlag) {
			s := fmt.Sprint(v)
			flag = s == "1" || s == "yes" || s == "true"
		}
	}
	if !flag {
		return "", nil, false
	}
	marketing, _ := el["vermarktungsart"].(string)
	p := strings.ToLower(field)
	fits := true
	switch marketing {
	case "kauf":
		fits = strings.Contains(p, "kauf")
	case "miete":
		fits = strings.Contains(p, "miete")
	case "pacht", "erbpacht":
		fits = strings.Contains(p, "pacht")
	}
	if !fits {
		return "", nil, false
	}
	return "on request", 0.0, true
}
