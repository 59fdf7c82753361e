package tools_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// writeCases are arguments for every tool that changes something, valid
// enough to get past the local checks to onOffice. %[1]d is an estate,
// %[2]d an address, %[3]d an appointment, %[4]d a task, %[5]d an activity,
// %[6]d a file of the estate, %[7]d a search profile, %[8]d an address
// linked to the appointment.
var writeCases = map[string]string{
	"estate_create":                   `{"data":{"objektart":"wohnung","objekttyp":"etage","vermarktungsart":"miete","nutzungsart":"wohnen","objekttitel":"Helle Wohnung","ort":"Münster","kaltmiete":980}}`,
	"estate_modify":                   `{"id":%[1]d,"data":{"kaufpreis":375000}}`,
	"estate_file_modify":              `{"parentid":%[1]d,"fileId":%[6]d,"title":"Neue Ansicht"}`,
	"estate_file_delete":              `{"parentid":%[1]d,"fileId":%[6]d}`,
	"worklist_create":                 `{"listName":"Besichtigungen","type":"estate","visibility":1,"userId":17,"ids":[%[1]d]}`,
	"price_offer_create":              `{"estateId":%[1]d,"addressId":%[2]d,"priceOffer":372500}`,
	"estate_tracking_account_create":  `{"accountname":"eigentuemer@example.de","accountpassword":"Sommer-Wiese-4711","estateid":%[1]d}`,
	"address_create":                  `{"data":{"Ort":"Bonn","Name":"Roth"},"email":"eva.roth@example.de"}`,
	"address_modify":                  `{"id":%[2]d,"data":{"Vorname":"Annegret"}}`,
	"address_file_download_link":      `{"addressid":%[2]d}`,
	"address_completion_send":         `{"addressId":%[2]d,"mode":"modus2"}`,
	"newsletter_register":             `{"id":%[2]d,"register":true}`,
	"search_criteria_create":          `{"addressid":%[2]d,"data":{"vermarktungsart":"kauf","kaufpreis":[250000,400000]}}`,
	"search_criteria_modify":          `{"id":%[7]d,"data":{"kaufpreis":[260000,410000]}}`,
	"search_criteria_delete":          `{"id":%[7]d}`,
	"relation_create":                 `{"relationtype":"estate:address:interested","parentid":%[1]d,"childid":%[2]d}`,
	"relation_modify":                 `{"parentid":[%[3]d],"childid":[%[8]d],"relationinfo":{"statusTerminbestaetigung":"bestätigt"}}`,
	"relation_delete":                 `{"relationtype":"estate:address:interested","parentid":%[1]d,"childid":%[2]d}`,
	"agents_log_create":               `{"addressids":[%[2]d],"estateid":%[1]d,"actionkind":"Telefonat","actiontype":"Ausgang","note":"Besichtigung abgestimmt"}`,
	"agents_log_modify":               `{"id":%[5]d,"data":{"note":"Rückruf erhalten"}}`,
	"appointment_create":              `{"data":{"description":"Besichtigung","start_dt":"2026-11-23 09:30:00","end_dt":"2026-11-23 10:30:00"},"relatedEstateId":%[1]d}`,
	"appointment_modify":              `{"id":%[3]d,"data":{"note":"verschoben"}}`,
	"appointment_confirmation_send":   `{"calendarId":%[3]d,"emailidentity":"j.schmidt@hansen-kroeger.example.com"}`,
	"appointment_delete":              `{"id":%[3]d}`,
	"task_create":                     `{"data":{"Betreff":"Rückruf","Verantwortung":"jschmidt"},"relatedAddressId":%[2]d}`,
	"task_modify":                     `{"id":%[4]d,"data":{"Status":3}}`,
	"file_upload":                     `{"module":"tmpUpload","file":"Entwurf.pdf","data":"JVBERi0xLjQK"}`,
	"email_send":                      `{"emailidentity":"j.schmidt@hansen-kroeger.example.com","receiver":["a@example.com"],"subject":"Unterlagen","body":"Anbei.","signatureid":0}`,
	"email_link_create":               `{"emailidentity":"info@makler-koeln.de","messageid":"<x@example.de>","uid":4711,"folder":"INBOX","addressIds":[%[2]d]}`,
	"access_control_apply":            `{"acTemplate":"Nur Zentrale","module":"estate","recordId":%[1]d,"templateOwner":12}`,
	"time_tracking_modify":            `{"track":true}`,
	"marketplace_provider_unlock":     `{"parameterCacheId":"7d1e5c2a-94b3-4f08-8a6e-2c5b9f3d1e47","extendedclaim":"claim-123"}`,
	"marketplace_subscription_cancel": `{"aboid":"317","cancelationDate":"2026-12-31"}`,
	"marketplace_payment_link_create": `{"transactionid":1100458812,"priceNet":"149.00","description":"Drohnenaufnahmen"}`,
	"marketplace_transaction_refund":  `{"transactionid":1100458812}`,
	"marketplace_webhooks_execute":    `{"id":%[1]d,"module":"estate"}`,
}

// TestMainRequestMatchesRow: every tool, called with valid arguments,
// sends its catalogue row's action (verb and resource type) to onOffice.
// Reads use the arguments of the replay suite.
func TestMainRequestMatchesRow(t *testing.T) {
	h := toolstest.New(t)
	st := h.Sandbox.Store()
	first := func(table string) int { return st.Table(table).Records[0]["Id"].(int) }
	estate, addr := first("estate"), first("address")
	participant := relFirst(t, h, "calendar:address")
	ids := []any{estate, addr, participant.Parent, first("task"), first("agentslog"), estFiles(h, estate)[0]["Id"], first("searchcriteria"), participant.Child}

	args := map[string]string{}
	for _, rc := range replayCases {
		if _, ok := args[rc.tool]; !ok {
			args[rc.tool] = rc.args
		}
	}
	for name, a := range writeCases {
		if strings.Contains(a, "%[") {
			a = fmt.Sprintf(a, ids...)
		}
		args[name] = a
	}
	for _, tool := range tools.All() {
		t.Run(tool.Name, func(t *testing.T) {
			a, ok := args[tool.Name]
			if !ok {
				t.Fatalf("no arguments for %s", tool.Name)
			}
			before := len(h.Requests())
			res := h.Call(t, tool.Name, a)
			for _, r := range h.Requests()[before:] {
				if r.Verb == tool.Verb && r.ResourceType == tool.ResourceType {
					return
				}
			}
			var sent []string
			for _, r := range h.Requests()[before:] {
				sent = append(sent, string(r.Verb)+" "+r.ResourceType)
			}
			t.Errorf("%s %s sent %v, none is its row's %s %s (result: %.300s)", tool.Name, a, sent, tool.Verb, tool.ResourceType, res.Text)
		})
	}
}
