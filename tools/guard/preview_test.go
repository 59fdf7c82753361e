package guard

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

// fakeAPI answers reads of one estate and one address and records every action.
type fakeAPI struct{ calls []onoffice.Action }

func (f *fakeAPI) Call(_ context.Context, a onoffice.Action) (onoffice.Result, error) {
	f.calls = append(f.calls, a)
	if a.Verb != onoffice.VerbRead {
		return onoffice.Result{}, onoffice.ErrReadOnly
	}
	var el map[string]any
	switch a.ResourceType + " " + a.ResourceID {
	case "estate 3120":
		el = map[string]any{"objekttitel": "Reihenmittelhaus\nmit Garten", "kaufpreis": "389000.00", "reserviert": "0"}
	case "address 10001":
		el = map[string]any{"Vorname": "Anna", "Name": "Weber", "Zusatz1": ""}
	default:
		return onoffice.Result{}, &onoffice.Error{Code: 500, Message: "not found"}
	}
	out := map[string]any{}
	for _, f := range a.Parameters["data"].([]string) {
		if v, ok := el[f]; ok {
			out[f] = v
		} else {
			return onoffice.Result{}, &onoffice.Error{Code: 500, Message: "unknown field " + f}
		}
	}
	b, _ := json.Marshal(out)
	return onoffice.Result{Records: []onoffice.Record{{ID: json.RawMessage(a.ResourceID), Elements: b}}}, nil
}

func (f *fakeAPI) Do(ctx context.Context, actions ...onoffice.Action) ([]onoffice.Outcome, error) {
	var out []onoffice.Outcome
	for _, a := range actions {
		r, err := f.Call(ctx, a)
		out = append(out, onoffice.Outcome{Result: r, Err: err})
	}
	return out, nil
}

func TestGenericPreviewNamesRecordsAndShowsBeforeAfter(t *testing.T) {
	modify := tools.Tool{Action: tools.Action{Name: "estate_modify", Verb: onoffice.VerbModify, ResourceType: "estate", Effect: tools.EffectWrite}, Title: "Modify estate"}
	create := tools.Tool{Action: tools.Action{Name: "task_create", Verb: onoffice.VerbCreate, ResourceType: "task", Effect: tools.EffectWrite}, Title: "Create task"}
	send := tools.Tool{Action: tools.Action{Name: "email_send", Verb: onoffice.VerbDo, ResourceType: "sendmail", Effect: tools.EffectExternal}, Title: "Send e-mail"}
	tests := []struct {
		name       string
		tool       tools.Tool
		args       string
		target     string
		recordID   string
		changes    []string
		onlyReads  bool
		wantInText []string
	}{
		{"modify with before and after", modify, `{"id":3120,"data":{"kaufpreis":375000,"reserviert":"1"}}`,
			`estate 3120 «crm-text»Reihenmittelhaus mit Garten«/crm-text»`, "3120", []string{"kaufpreis: 389000.00 → 375000", "reserviert: 0 → 1"}, true,
			[]string{"Modify estate (estate_modify)", `Record: estate 3120 «crm-text»Reihenmittelhaus mit Garten«/crm-text»`, "kaufpreis: 389000.00 → 375000", "This changes data in onOffice."}},
		{"modify with an unknown field still names the record", modify, `{"id":3120,"data":{"nope":1}}`,
			`estate 3120 «crm-text»Reihenmittelhaus mit Garten«/crm-text»`, "3120", []string{"nope: 1"}, true, nil},
		{"unknown record", modify, `{"id":999,"data":{"kaufpreis":1}}`, "estate 999", "999", []string{"kaufpreis: 1"}, true, nil},
		{"create linked to estate and address", create, `{"data":{"Betreff":"Besichtigung"},"estateid":3120,"addressids":[10001]}`,
			`address 10001 «crm-text»Anna Weber«/crm-text», estate 3120 «crm-text»Reihenmittelhaus mit Garten«/crm-text»`, "", []string{"Betreff: Besichtigung"}, true,
			[]string{"This creates a record in onOffice."}},
		{"create without links", create, `{"data":{"Betreff":"Anruf"}}`, "a new task", "", []string{"Betreff: Anruf"}, true, nil},
		{"external effect with long text", send, `{"addressids":[10001],"subject":"Exposé","body":"` + strings.Repeat("x", 500) + `"}`,
			`address 10001 «crm-text»Anna Weber«/crm-text»`, "", []string{"body: " + strings.Repeat("x", 120) + "… (380 more characters)", "subject: Exposé"}, true,
			[]string{"outside the CRM"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := &fakeAPI{}
			env := &tools.Env{API: api}
			var args map[string]any
			dec := json.NewDecoder(strings.NewReader(tt.args))
			dec.UseNumber()
			if err := dec.Decode(&args); err != nil {
				t.Fatal(err)
			}
			p := generic(context.Background(), tt.tool, env, args)
			if p.Target != tt.target || p.RecordID != tt.recordID || strings.Join(p.Changes, "|") != strings.Join(tt.changes, "|") {
				t.Fatalf("got %q %q %q\nwant %q %q %q", p.Target, p.RecordID, p.Changes, tt.target, tt.recordID, tt.changes)
			}
			for _, a := range api.calls {
				if a.Verb != onoffice.VerbRead {
					t.Errorf("preview sent %s", a)
				}
			}
			text := Text(tt.tool, p, "ENG")
			for _, w := range tt.wantInText {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestTextNamesDeleteAsIrreversible(t *testing.T) {
	del := tools.Tool{Action: tools.Action{Name: "appointment_delete", Verb: onoffice.VerbDelete, ResourceType: "calendar", Effect: tools.EffectDelete}, Title: "Delete appointment"}
	text := Text(del, &tools.Preview{Target: "appointment 5101 (Besichtigung)", RecordID: "5101"}, "ENG")
	for _, w := range []string{"Delete appointment (appointment_delete)", "Record: appointment 5101 (Besichtigung)", "cannot be undone"} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
}

// TestGermanTitles: every tool that can ask for a confirmation has a
// German title for prompts in the language of German labels.
func TestGermanTitles(t *testing.T) {
	for _, tl := range tools.All() {
		if tl.Effect == tools.EffectRead {
			continue
		}
		if _, ok := german.titles[tl.Name]; !ok {
			t.Errorf("%s has no German title", tl.Name)
		}
	}
	if n := len(german.titles); n > 0 {
		for name := range german.titles {
			if a, ok := tools.Lookup(name); !ok || a.Effect == tools.EffectRead {
				t.Errorf("German title for %s, which never asks", name)
			}
		}
	}
}
