package tools_test

import (
	"fmt"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

func TestZZApptScratch(t *testing.T) {
	h := toolstest.New(t)
	for _, c := range [][2]string{
		{"appointment_list", `{"startDate":"2026-11-02","endDate":"2026-11-04"}`},
		{"appointment_list", `{"startDate":"2026-11-02","endDate":"2026-11-04","data":["subject","conflicts","reminder","recurrence","travelTime","modified","private","showFollowUpStatus","contacts"],"listlimit":3}`},
		{"appointment_read", `{"id":5120,"showConflicts":true,"showConfirmationStatus":true}`},
		{"appointment_read", `{"datestart":"2026-11-02","dateend":"2026-11-09","allusers":true,"filter":{"art":[{"op":"=","val":"Besichtigung"}]}}`},
		{"calendar_resource_list", `{}`},
		{"appointment_file_list", `{"appointmentid":5120}`},
		{"appointment_conflicts", `{"data":{"start_dt":"2026-11-16 09:00:00","end_dt":"2026-11-16 10:00:00","ressources":["Konferenzraum"]},"subscribers":{"users":[12]}}`},
		{"appointment_create", `{"data":{"description":"Besichtigung Test","start_dt":"2026-11-16 09:00:00","end_dt":"2026-11-16 10:00:00","art":"Besichtigung"},"relatedAddressIds":[10035],"relatedEstateId":3114,"subscribers":{"users":[12]}}`},
		{"appointment_create", `{"data":{"description":"x","start_dt":"2026-11-16 09:00:00","end_dt":"2026-11-16 10:00:00","art":"Bogus"}}`},
		{"appointment_modify", `{"id":5120,"data":{"note":"neu"}}`},
		{"appointment_confirmation_send", `{"calendarId":5120}`},
		{"appointment_delete", `{"id":5120}`},
	} {
		r := h.Call(t, c[0], c[1])
		fmt.Printf("=== %s %s\nerr=%v\n%s\n", c[0], c[1], r.IsError, r.Text)
	}
}
