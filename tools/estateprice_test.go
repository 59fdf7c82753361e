package tools_test

import (
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// TestEstatePriceOnRequest: a zero price of an estate whose prices are on
// request reads "on request" for every price field, also those the
// request does not name one by one (kaufpreis_pro_qm), and the flag is
// read without being shown.
func TestEstatePriceOnRequest(t *testing.T) {
	h := toolstest.New(t)
	filter := `"filter":{"preisAufAnfrage":[{"op":"=","val":1}],"vermarktungsart":[{"op":"=","val":"kauf"}]},"listlimit":1`
	for _, data := range []string{`["objekttitel","kaufpreis"]`, `["objekttitel","kaufpreis_pro_qm"]`} {
		text := callOK(t, h, "estate_read", `{"data":`+data+`,`+filter+`}`)
		if !strings.Contains(text, "on request") {
			t.Errorf("data %s: no price on request in:\n%s", data, text)
		}
		if strings.Contains(text, "preisAufAnfrage") {
			t.Errorf("data %s: the flag read only for the price is shown:\n%s", data, text)
		}
	}
	// Without the flag set, a price the estate lacks is simply unset.
	text := callOK(t, h, "estate_read", `{"data":["objekttitel","kaufpreis_pro_qm"],"filter":{"preisAufAnfrage":[{"op":"=","val":0}],"vermarktungsart":[{"op":"=","val":"miete"}]},"listlimit":1}`)
	if strings.Contains(text, "on request") {
		t.Errorf("rent estate without the flag shows a price on request:\n%s", text)
	}
}
