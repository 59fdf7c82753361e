package tools_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// englishWords are words a German confirmation text has no use for.
var englishWords = regexp.MustCompile(`(?i)\b(the|new|for|of|and|to|from|with|by|on|at|is|are|will|can|cannot|be|it|its|this|these|unlink|unlinks|address|addresses|estate|estates|appointment|task|activity|activities|file|record|records|none|empty|hidden|delete|deletes|creates|sends|warning|contacts|participant|participants|attachments?|signature|reminder|place|advisory|level|raised|prospect|owner|clock|running|provider|activated|customer|regular|cancellation|payment|refund|irreversible|every|notification|only|returned|sent|not|found|replaced|stamp|saved|user|users|may|lose|access|work|list|public|cached|publication|watermark|yes|no|pending|when|goes|written|search|criterion|profile|good|keep|stop|instead|state|now|confirmed|duplicate|exists|nothing|changed|updated|present|as|or|if|lower|up|around|true|false)\b`)

// argWords are the words of the call's own arguments (field names and
// values the model wrote): they stand as written in any language.
func argWords(args string) map[string]bool {
	out := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch t := v.(type) {
		case map[string]any:
			for k, x := range t {
				out[strings.ToLower(k)] = true
				walk(x)
			}
		case []any:
			for _, x := range t {
				walk(x)
			}
		case string:
			for _, w := range regexp.MustCompile(`\w+`).FindAllString(t, -1) {
				out[strings.ToLower(w)] = true
			}
		}
	}
	var v any
	_ = json.Unmarshal([]byte(args), &v)
	walk(v)
	return out
}

// outsideData drops the CRM text between the markers.
func outsideData(s string) string {
	var b strings.Builder
	for {
		own, rest, ok := strings.Cut(s, condense.OpenMark)
		b.WriteString(own)
		if !ok {
			return b.String()
		}
		_, after, _ := strings.Cut(rest, condense.CloseMark)
		b.WriteString(" … ")
		s = after
	}
}

// TestConfirmationTextGerman asks for the confirmation of every write
// tool (the example calls) on a server whose labels are German: the whole
// text the person reads is German. Only CRM text and the field names and
// values of the call itself stand as they are.
func TestConfirmationTextGerman(t *testing.T) {
	g := toolstest.NewGuarded(t, toolstest.WithFlags("--language=DEU", "--confirm=writes"), toolstest.WithProtocol("2025-11-25"),
		toolstest.WithElicitation(toolstest.Answer(mcp.ElicitationResponseActionDecline)))
	h := g.Harness
	st := h.Sandbox.Store()
	first := func(table string) int { return st.Table(table).Records[0]["Id"].(int) }
	estate, addr := first("estate"), first("address")
	participant := relFirst(t, h, "calendar:address")
	ids := []any{estate, addr, participant.Parent, first("task"), first("agentslog"), estFiles(h, estate)[0]["Id"], first("searchcriteria"), participant.Child}
	mail := h.Sandbox.Mails()[0]
	// Besides one call of every write tool: yes/no fields, new and changed.
	calls := append([]example{
		{tool: "estate_modify", args: `{"id":%[1]d,"data":{"balkon_terrasse":true,"garten":0}}`},
		{tool: "estate_create", args: `{"data":{"objektart":"haus","vermarktungsart":"kauf","nutzungsart":"wohnen","objekttitel":"Haus mit Garten","garten":1}}`},
		{tool: "address_modify", args: `{"id":%[2]d,"data":{"Rueckruf_akzeptiert":true}}`},
		{tool: "search_criteria_create", args: `{"addressid":%[2]d,"data":{"vermarktungsart":"kauf","garten":true}}`},
	}, examples...)
	for _, ex := range calls {
		if tl, _ := tools.Lookup(ex.tool); tl.Effect == tools.EffectRead {
			continue
		}
		args := ex.args
		if strings.Contains(args, "%[") {
			args = fmt.Sprintf(args, ids...)
		}
		if ex.tool == "email_link_create" {
			args = fmt.Sprintf(`{"emailidentity":%q,"messageid":%q,"uid":%d,"folder":%q,"addressIds":[%d]}`, mail.Identity, mail.MessageID, mail.UID, mail.Folder, addr)
		}
		t.Run(ex.tool+" "+args, func(t *testing.T) {
			before := len(g.Prompts.All())
			res := h.Call(t, ex.tool, args)
			prompts := g.Prompts.All()
			if res.IsError || len(prompts) != before+1 {
				t.Fatalf("no confirmation asked: %s", res.Text)
			}
			msg := prompts[len(prompts)-1].Params.Message
			own := argWords(args)
			var english []string
			for _, w := range englishWords.FindAllString(outsideData(msg), -1) {
				if !own[strings.ToLower(w)] {
					english = append(english, w)
				}
			}
			if len(english) > 0 {
				t.Errorf("English words %q in the German confirmation:\n%s", english, msg)
			}
		})
	}
}

// TestPreviewsNameTheirRecords: the ids of records a confirmation names
// carry their names, so the person asked knows what they approve.
func TestPreviewsNameTheirRecords(t *testing.T) {
	h := toolstest.New(t)
	for _, c := range []struct{ tool, args, want string }{
		{"worklist_create", `{"listName":"Besichtigungen","type":"estate","visibility":1,"userId":17,"ids":[3101]}`, "ids (1): 3101 «crm-text»Energieeffiziente"},
		{"price_offer_create", `{"estateId":3101,"addressId":10001,"priceOffer":372500}`, "prospect address 10001 «crm-text»Michael Hansen"},
		{"appointment_create", `{"data":{"description":"Besichtigung","start_dt":"2026-11-23 09:30:00","end_dt":"2026-11-23 10:30:00"},"subscribers":{"users":[12]}}`, "users 12 «crm-text»Michael Hansen«/crm-text»"},
		{"search_criteria_delete", `{"id":1201}`, "advisor 17 «crm-text»Julia Schmidt«/crm-text»"},
	} {
		t.Run(c.tool, func(t *testing.T) {
			p := mustPreview(t, h, c.tool, c.args)
			if text := p.Target + "\n" + strings.Join(p.Changes, "\n"); !strings.Contains(text, c.want) {
				t.Errorf("%q missing in:\n%s", c.want, text)
			}
		})
	}
}
