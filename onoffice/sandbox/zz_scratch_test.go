package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

func TestZZScratch(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	sb := New(WithClock(clock))
	hs := httptest.NewServer(sb)
	defer hs.Close()
	c := onoffice.New(hs.URL+StablePath, DemoToken, DemoSecret, onoffice.WithClock(clock))
	call := func(v onoffice.Verb, rt, rid string, p map[string]any) {
		res, err := c.Call(context.Background(), onoffice.Action{Verb: v, ResourceType: rt, ResourceID: rid, Parameters: p})
		var pretty any
		json.Unmarshal(res.Raw, &pretty)
		b, _ := json.MarshalIndent(pretty, "", " ")
		s := string(b)
		if len(s) > 3000 { s = s[:3000] }
		fmt.Println(v, rt, rid, err, "\n", s)
	}
	call("get", "appointmentList", "", map[string]any{"data": apptListFields, "filter": map[string]any{"startDate": "2026-11-02", "endDate": "2026-11-03"}})
	call("read", "calendar", "5120", map[string]any{"showConflicts": true, "showConfirmationStatus": true})
	call("get", "calendarResources", "", map[string]any{})
	call("get", "appointmentConflicts", "", map[string]any{"data": map[string]any{"start_dt": "2026-11-16 09:00:00", "end_dt": "2026-11-16 10:00:00"}, "subscribers": map[string]any{"users": []int{12}}})
	call("get", "templates", "", map[string]any{"type": "mail", "list": true})
	fmt.Println(len(sb.Store().Table("calendar").Records), sb.Mails())
}
