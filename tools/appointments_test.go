package tools_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

func apptUserIDs(r sandbox.Record) []int { ids, _ := r["user_ids"].([]int); return ids }

func TestAppointmentListTool(t *testing.T) {
	h := toolstest.New(t)
	store := h.Sandbox.Store()
	// The reference week (30 November – 6 December 2026) has no all-day
	// appointments; the weekly series counts once.
	var want []sandbox.Record
	for _, r := range store.Table("calendar").Records {
		day := str(r["start_dt"])[:10]
		if r["rp_flag"] == true || (day >= "2026-11-30" && day <= "2026-12-06") {
			want = append(want, r)
		}
	}
	text := callOK(t, h, "appointment_list", `{"startDate":"2026-11-30","endDate":"2026-12-06"}`)
	if head := strings.Split(text, "\n")[0]; head != fmt.Sprintf("appointments 1–%d of %d", len(want), len(want)) {
		t.Fatalf("expected %d appointments:\n%s", len(want), text)
	}
	for _, r := range want {
		if r["rp_flag"] == true {
			continue
		}
		// Local times survive the UTC round trip of appointmentList.
		span := str(r["start_dt"])[:16] + "–" + str(r["end_dt"])[11:16]
		if !strings.Contains(text, span) || !strings.Contains(text, str(r["description"])) {
			t.Errorf("appointment %v (%s) missing:\n%s", r["Id"], span, text)
		}
	}
	req := lastRequest(t, h, "appointmentList")
	filter, _ := req.Parameters["filter"].(map[string]any)
	if filter["startDate"] != "2026-11-30" || filter["endDate"] != "2026-12-06" {
		t.Errorf("filter sent: %v", filter)
	}

	text = callOK(t, h, "appointment_list", `{"startDate":"2026-10-01","endDate":"2027-01-31","userIds":[17],"isCancelled":false,"data":["subject","users","status"],"listlimit":500}`)
	filter, _ = lastRequest(t, h, "appointmentList").Parameters["filter"].(map[string]any)
	if fmt.Sprint(filter["userIds"]) != "[17]" || filter["isCancelled"] != false {
		t.Errorf("filter sent: %v", filter)
	}
	n := 0
	for _, r := range store.Table("calendar").Records {
		for _, u := range apptUserIDs(r) {
			if u == 17 && r["status"] != "canceled" && str(r["start_dt"]) >= "2026-10-01" {
				n++
				if !strings.Contains(text, str(r["description"])) {
					t.Errorf("appointment %v of user 17 missing", r["Id"])
				}
			}
		}
	}
	if head := strings.Split(text, "\n")[0]; n == 0 || head != fmt.Sprintf("appointments 1–%d of %d", n, n) || strings.Contains(text, "canceled") {
		t.Errorf("user 17: want %d appointments:\n%s", n, text)
	}
	text = callOK(t, h, "appointment_list", `{"startDate":"2026-10-01","endDate":"2027-01-31","filter":{"subject":[{"op":"like","val":"Notartermin%"}]},"data":["subject"]}`)
	if !strings.Contains(text, "Notartermin") || strings.Contains(text, "Besichtigung") {
		t.Errorf("subject filter:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"no start", "appointment_list", `{"endDate":"2026-11-08"}`, "startDate"},
		{"bad date", "appointment_list", `{"startDate":"02.11.2026","endDate":"2026-11-08"}`, "startDate"},
		{"reversed", "appointment_list", `{"startDate":"2026-11-08","endDate":"2026-11-02"}`, "endDate"},
		{"unknown data", "appointment_list", `{"startDate":"2026-11-02","endDate":"2026-11-08","data":["description"]}`, "data"},
		{"follow-up without contacts", "appointment_list", `{"startDate":"2026-11-02","endDate":"2026-11-08","data":["showFollowUpStatus"]}`, "data"},
		{"field filter", "appointment_list", `{"startDate":"2026-11-02","endDate":"2026-11-08","filter":{"art":[{"op":"=","val":"Besichtigung"}]}}`, "filter.art"},
		{"between without pair", "appointment_list", `{"startDate":"2026-11-02","endDate":"2026-11-08","filter":{"notes":[{"op":"between","val":"a"}]}}`, "filter.notes"},
		{"limit", "appointment_list", `{"startDate":"2026-11-02","endDate":"2026-11-08","listlimit":501}`, "listlimit"},
		{"flag type", "appointment_list", `{"startDate":"2026-11-02","endDate":"2026-11-08","isDone":"maybe"}`, "isDone"},
	})
}

func TestAppointmentReadTool(t *testing.T) {
	h := toolstest.New(t)
	store := h.Sandbox.Store()
	var r sandbox.Record
	for _, rec := range store.Table("calendar").Records {
		if str(rec["note"]) != "" && rec["rp_flag"] != true {
			r = rec
			break
		}
	}
	id := r["Id"].(int)
	text := callOK(t, h, "appointment_read", fmt.Sprintf(`{"id":%d,"showConflicts":true,"showConfirmationStatus":true}`, id))
	for _, want := range []string{str(r["description"]), str(r["art"]), str(r["start_dt"])[:16], str(r["note"]), "conflicts:", "confirmationStatus:"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if strings.Contains(text, "«crm-text»"+str(r["von"])) {
		t.Errorf("the creator's login is not third-party text:\n%s", text)
	}
	text = callOK(t, h, "appointment_read", `{"datestart":"2026-10-01","dateend":"2026-12-31","users":[27],"filter":{"art":[{"op":"=","val":"Besichtigung"}]}}`)
	req := lastRequest(t, h, "calendar")
	if req.Parameters["datestart"] != "2026-10-01" || fmt.Sprint(req.Parameters["users"]) != "[27]" || req.ResourceID != "" {
		t.Errorf("period read sent %v", req.Parameters)
	}
	if !strings.Contains(text, "fbrandt") || strings.Contains(text, "(jschmidt)") {
		t.Errorf("viewings of user 27:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"nothing", "appointment_read", `{}`, "datestart"},
		{"half period", "appointment_read", `{"datestart":"2026-11-01"}`, "dateend"},
		{"id and period", "appointment_read", `{"id":5101,"datestart":"2026-11-01","dateend":"2026-11-02"}`, "id"},
		{"conflicts without id", "appointment_read", `{"datestart":"2026-11-01","dateend":"2026-11-02","showConflicts":true}`, "showConflicts"},
		{"filter field", "appointment_read", `{"datestart":"2026-11-01","dateend":"2026-11-02","filter":{"ort":[{"op":"=","val":"Köln"}]}}`, "filter.ort"},
		{"modified format", "appointment_read", `{"modifiedstart":"2026-11-01"}`, "modifiedstart"},
		{"users without period", "appointment_read", `{"modifiedstart":"2026-11-01 00:00:00","users":[17]}`, "users"},
		{"id type", "appointment_read", `{"id":"five"}`, "id"},
	})
}

func TestAppointmentWriteTools(t *testing.T) {
	h := toolstest.New(t)
	store := h.Sandbox.Store()
	estate := store.Table("estate").Records[2]
	estateID := estate["Id"].(int)
	var addr sandbox.Record
	for _, a := range store.Table("address").Records {
		if str(a["Email"]) != "" && str(a["Name"]) != "" {
			addr = a
			break
		}
	}
	addrID := addr["Id"].(int)
	// Monday 23 November, 09:30: during the weekly team meeting of user 12.
	create := fmt.Sprintf(`{"data":{"description":"Besichtigung mit Familie Test","start_dt":"2026-11-23 09:30:00","end_dt":"2026-11-23 10:30:00","art":"Besichtigung","erinnerung":"1 hours","note":"Schlüssel im Büro","transitTimePre":"00:15:00"},"relatedAddressIds":[%d],"relatedEstateId":%d,"subscribers":{"users":[12]},"location":{"estate":%d},"reminderTypes":["email"]}`, addrID, estateID, estateID)
	p := mustPreview(t, h, "appointment_create", create)
	changes := strings.Join(p.Changes, "\n")
	if !strings.Contains(p.Target, "Besichtigung mit Familie Test") || !strings.Contains(p.Target, "2026-11-23 09:30–10:30") {
		t.Errorf("target %q", p.Target)
	}
	for _, want := range []string{"art: Besichtigung", fmt.Sprintf("contacts: %d «crm-text»%s", addrID, str(addr["Vorname"])), str(addr["Email"]),
		fmt.Sprintf("estate: %d «crm-text»%s", estateID, str(estate["objekttitel"])), "participants: users 12", "warning: already booked then: «crm-text»users 12 (Michael Hansen)«/crm-text»"} {
		if !strings.Contains(changes, want) {
			t.Errorf("preview lacks %q:\n%s", want, changes)
		}
	}
	if h.WriteRequests() != 0 {
		t.Fatal("the preview wrote")
	}
	text := callOK(t, h, "appointment_create", create)
	id, _ := strconv.Atoi(strings.Fields(strings.TrimPrefix(text, "Appointment "))[0])
	r := store.Table("calendar").Get(id)
	if r == nil || r["description"] != "Besichtigung mit Familie Test" || r["erinnerung"] != "1 hours" || r["allowTransitTime"] != true || r["_locationType"] != "estate" {
		t.Fatalf("created %v (answer %q)", r, text)
	}
	sent := lastRequest(t, h, "calendar").Parameters
	if fmt.Sprint(sent["relatedAddressIds"]) != fmt.Sprintf("[%d]", addrID) || fmt.Sprint(sent["reminderTypes"]) != "[email]" {
		t.Errorf("create sent %v", sent)
	}
	read := callOK(t, h, "appointment_read", fmt.Sprintf(`{"id":%d}`, id))
	if !strings.Contains(read, "Besichtigung mit Familie Test") || !strings.Contains(read, strconv.Itoa(addrID)) || !strings.Contains(read, "travel: 00:15:00 before") {
		t.Errorf("read after create:\n%s", read)
	}

	modify := fmt.Sprintf(`{"id":%d,"data":{"start_dt":"2026-11-23 14:00:00","end_dt":"2026-11-23 15:00:00","note":"verschoben"},"relatedEstateId":0}`, id)
	p = mustPreview(t, h, "appointment_modify", modify)
	changes = strings.Join(p.Changes, "\n")
	if p.RecordID != strconv.Itoa(id) || !strings.Contains(p.Target, "2026-11-23 09:30–10:30") {
		t.Errorf("modify target %q", p.Target)
	}
	for _, want := range []string{"start_dt: 2026-11-23 09:30:00 → 2026-11-23 14:00:00", "note: «crm-text»Schlüssel im Büro«/crm-text» → verschoben", fmt.Sprintf("estate: %d → (none)", estateID)} {
		if !strings.Contains(changes, want) {
			t.Errorf("modify preview lacks %q:\n%s", want, changes)
		}
	}
	text = callOK(t, h, "appointment_modify", modify)
	if r["start_dt"] != "2026-11-23 14:00:00" || r["note"] != "verschoben" || !strings.Contains(text, "end_dt, note, start_dt, relatedEstateId") {
		t.Errorf("after modify %v: %q", r, text)
	}
	text = callOK(t, h, "appointment_modify", fmt.Sprintf(`{"id":%d,"data":{"status":"canceled"}}`, id))
	if r["abgesagt"] != true {
		t.Errorf("cancel: %v (%s)", r, text)
	}
	p = mustPreview(t, h, "appointment_delete", fmt.Sprintf(`{"id":%d}`, id))
	if !strings.Contains(p.Target, "Besichtigung mit Familie Test") || !strings.Contains(strings.Join(p.Changes, " "), strconv.Itoa(addrID)) {
		t.Errorf("delete preview %+v", p)
	}
	callOK(t, h, "appointment_delete", fmt.Sprintf(`{"id":%d}`, id))
	if store.Table("calendar").Get(id) != nil {
		t.Error("not deleted")
	}
	wantAPIError(t, h, "deleting twice", "appointment_delete", fmt.Sprintf(`{"id":%d}`, id), "169")

	writes := h.WriteRequests()
	runBadCalls(t, h, []badCall{
		{"no data", "appointment_create", `{"relatedEstateId":3101}`, "data"},
		{"no start", "appointment_create", `{"data":{"end_dt":"2026-11-23 10:00:00"}}`, "data.start_dt"},
		{"start format", "appointment_create", `{"data":{"start_dt":"23.11.2026 10:00","end_dt":"2026-11-23 10:00:00"}}`, "start_dt"},
		{"end before start", "appointment_create", `{"data":{"start_dt":"2026-11-23 10:00:00","end_dt":"2026-11-23 09:00:00"}}`, "data.end_dt"},
		{"unknown type", "appointment_create", `{"data":{"start_dt":"2026-11-23 09:00:00","end_dt":"2026-11-23 10:00:00","art":"Party"}}`, "data.art"},
		{"unknown reminder", "appointment_create", `{"data":{"start_dt":"2026-11-23 09:00:00","end_dt":"2026-11-23 10:00:00","erinnerung":"10 minutes"}}`, "data.erinnerung"},
		{"unknown resource", "appointment_create", `{"data":{"start_dt":"2026-11-23 09:00:00","end_dt":"2026-11-23 10:00:00","ressources":["Boot"]}}`, "data.ressources"},
		{"unknown data field", "appointment_create", `{"data":{"start_dt":"2026-11-23 09:00:00","end_dt":"2026-11-23 10:00:00","subject":"x"}}`, "subject"},
		{"status enum", "appointment_create", `{"data":{"start_dt":"2026-11-23 09:00:00","end_dt":"2026-11-23 10:00:00","status":"postponed"}}`, "status"},
		{"travel format", "appointment_create", `{"data":{"start_dt":"2026-11-23 09:00:00","end_dt":"2026-11-23 10:00:00","transitTimePre":"15 min"}}`, "data.transitTimePre"},
		{"series without type", "appointment_create", `{"data":{"start_dt":"2026-11-23 09:00:00","end_dt":"2026-11-23 10:00:00","rp_flag":true}}`, "data.rp_type"},
		{"two places", "appointment_create", `{"data":{"start_dt":"2026-11-23 09:00:00","end_dt":"2026-11-23 10:00:00"},"location":{"mandant":true,"sonstiges":"Café"}}`, "location"},
		{"reminder types alone", "appointment_create", `{"data":{"start_dt":"2026-11-23 09:00:00","end_dt":"2026-11-23 10:00:00"},"reminderTypes":["sms"]}`, "reminderTypes"},
		{"reminder type enum", "appointment_create", `{"data":{"start_dt":"2026-11-23 09:00:00","end_dt":"2026-11-23 10:00:00","erinnerung":"1 hours"},"reminderTypes":["fax"]}`, "reminderTypes"},
		{"modify nothing", "appointment_modify", `{"id":5101}`, "data"},
		{"modify no id", "appointment_modify", `{"data":{"note":"x"}}`, "id"},
		{"modify end before start", "appointment_modify", `{"id":5101,"data":{"start_dt":"2026-11-23 10:00:00","end_dt":"2026-11-23 09:00:00"}}`, "data.end_dt"},
		{"delete no id", "appointment_delete", `{}`, "id"},
		{"delete bad id", "appointment_delete", `{"id":0}`, "id"},
	})
	if h.WriteRequests() != writes {
		t.Errorf("invalid writes reached onOffice")
	}
	// Moving only the start past the stored end is caught before sending.
	var seeded sandbox.Record
	for _, rec := range store.Table("calendar").Records {
		if rec["rp_flag"] != true {
			seeded = rec
			break
		}
	}
	res := h.Call(t, "appointment_modify", fmt.Sprintf(`{"id":%d,"data":{"start_dt":"2030-01-01 10:00:00"}}`, seeded["Id"]))
	if !res.IsError || !strings.Contains(res.Text, "data.end_dt") || h.WriteRequests() != writes {
		t.Errorf("start after stored end: %+v", res)
	}
}

func TestAppointmentConfirmationTool(t *testing.T) {
	h := toolstest.New(t)
	store := h.Sandbox.Store()
	// An appointment whose contacts all have an e-mail address.
	var id int
	var contacts []int
	for _, r := range store.Table("calendar").Records {
		var ids []int
		ok := true
		for _, rel := range store.Relations {
			if rel.Type == sandbox.RelationPrefix+"calendar:address" && rel.Parent == r["Id"].(int) {
				ids = append(ids, rel.Child)
				ok = ok && str(store.Table("address").Get(rel.Child)["Email"]) != ""
			}
		}
		if ok && len(ids) > 0 {
			id, contacts = r["Id"].(int), ids
			break
		}
	}
	args := fmt.Sprintf(`{"calendarId":%d,"emailidentity":"j.schmidt@hansen-kroeger.example.com","displayName":"Julia Schmidt"}`, id)
	p := mustPreview(t, h, "appointment_confirmation_send", args)
	changes := strings.Join(p.Changes, "\n")
	for _, c := range contacts {
		if !strings.Contains(changes, "to: "+strconv.Itoa(c)) || !strings.Contains(changes, str(store.Table("address").Get(c)["Email"])) {
			t.Errorf("recipient %d missing:\n%s", c, changes)
		}
	}
	if !strings.Contains(changes, "from: Julia Schmidt <j.schmidt@hansen-kroeger.example.com>") || !strings.Contains(changes, "attachments: none") || !strings.Contains(changes, "subject:") {
		t.Errorf("preview:\n%s", changes)
	}
	if len(h.Sandbox.Outbox()) != 0 {
		t.Fatal("preview sent mail")
	}
	callOK(t, h, "appointment_confirmation_send", args)
	out := h.Sandbox.Outbox()
	if len(out) != 1 || out[0].Kind != "appointmentAffirmation" || fmt.Sprint(out[0].Parameters["calendarId"]) != strconv.Itoa(id) || len(out[0].Parameters["to"].([]any)) != len(contacts) {
		t.Errorf("outbox %+v", out)
	}
	runBadCalls(t, h, []badCall{
		{"no id", "appointment_confirmation_send", `{}`, "calendarId"},
		{"id text", "appointment_confirmation_send", `{"calendarId":"next"}`, "calendarId"},
	})
}

func TestCalendarResourceAndFileTools(t *testing.T) {
	h := toolstest.New(t)
	store := h.Sandbox.Store()
	text := callOK(t, h, "calendar_resource_list", `{"activeOnly":true}`)
	for _, o := range store.Fields["calendar"]["ressources"].Permitted {
		if !strings.Contains(text, "- "+o.Key+" = "+o.Label["DEU"]) {
			t.Errorf("resource %s missing:\n%s", o.Key, text)
		}
	}
	if _, ok := lastRequest(t, h, "calendarResources").Parameters["filter"]; !ok {
		t.Error("activeOnly sent no filter")
	}
	var file sandbox.Record
	for _, f := range store.Table("file").Records {
		if f["module"] == "calendar" {
			file = f
			break
		}
	}
	text = callOK(t, h, "appointment_file_list", fmt.Sprintf(`{"appointmentid":%d}`, file["relatedRecordId"]))
	if !strings.Contains(text, str(file["originalname"])) || !strings.Contains(text, str(file["username"])) || !strings.Contains(text, "https://") {
		t.Errorf("files:\n%s", text)
	}
	if req := lastRequest(t, h, "file"); req.ResourceID != "appointment" {
		t.Errorf("resource id %q", req.ResourceID)
	}
	runBadCalls(t, h, []badCall{
		{"no appointment", "appointment_file_list", `{}`, "appointmentid"},
		{"limit", "appointment_file_list", `{"appointmentid":5101,"listlimit":101}`, "listlimit"},
		{"unknown argument", "calendar_resource_list", `{"active":true}`, "active"},
	})
}

func TestAppointmentConflictsTool(t *testing.T) {
	h := toolstest.New(t)
	text := callOK(t, h, "appointment_conflicts", `{"data":{"start_dt":"2026-11-23 09:15:00","end_dt":"2026-11-23 09:45:00","ressources":["Konferenzraum"]},"subscribers":{"users":[12]}}`)
	if !strings.Contains(text, "users 12") || !strings.Contains(text, "resources Konferenzraum") {
		t.Errorf("conflicts:\n%s", text)
	}
	text = callOK(t, h, "appointment_conflicts", `{"data":{"start_dt":"2026-11-23 21:00:00","end_dt":"2026-11-23 22:00:00"},"subscribers":{"users":[12]}}`)
	if !strings.HasPrefix(text, "No conflicts on 2026-11-23 21:00–22:00") {
		t.Errorf("free evening: %s", text)
	}
	runBadCalls(t, h, []badCall{
		{"no data", "appointment_conflicts", `{}`, "data"},
		{"no end", "appointment_conflicts", `{"data":{"start_dt":"2026-11-23 09:15:00"}}`, "end_dt"},
		{"reversed", "appointment_conflicts", `{"data":{"start_dt":"2026-11-23 09:15:00","end_dt":"2026-11-23 08:00:00"}}`, "data.end_dt"},
		{"travel format", "appointment_conflicts", `{"data":{"start_dt":"2026-11-23 09:15:00","end_dt":"2026-11-23 10:00:00","transitTimePre":"1h"}}`, "data.transitTimePre"},
		{"resource", "appointment_conflicts", `{"data":{"start_dt":"2026-11-23 09:15:00","end_dt":"2026-11-23 10:00:00","ressources":["Boot"]}}`, "data.ressources"},
	})
}

// TestAppointmentTimesAcrossDST checks the UTC conversion on both sides of
// the change to winter time.
func TestAppointmentTimesAcrossDST(t *testing.T) {
	h := toolstest.New(t)
	var series sandbox.Record
	for _, r := range h.Sandbox.Store().Table("calendar").Records {
		if r["rp_flag"] == true {
			series = r
		}
	}
	start := str(series["start_dt"])[11:16]
	for _, d := range []string{"2026-10-19", "2026-10-26"} {
		text := callOK(t, h, "appointment_list", fmt.Sprintf(`{"startDate":%q,"endDate":%q,"isRecurrent":true,"data":["date"]}`, d, d))
		if !strings.Contains(text, d+" "+start) {
			t.Errorf("%s: the series should start at %s local time:\n%s", d, start, text)
		}
	}
}
