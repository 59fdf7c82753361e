package condense_test

// Tests of the condensing layer through the whole server: the options
// (--structured-output, --raw, --labels, --language, --budget), the output
// schema of read tools, and the data boundary the server instructions name.

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/mcpserver"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

func TestInstructionsNameTheBoundary(t *testing.T) {
	for _, m := range []string{condense.OpenMark, condense.CloseMark} {
		if !strings.Contains(mcpserver.Instructions, m) {
			t.Errorf("server instructions do not mention %s", m)
		}
	}
}

func TestOutputSchema(t *testing.T) {
	tests := []struct {
		name       string
		flags      []string
		wantSchema bool
	}{
		{"default: text only", nil, false},
		{"structured output", []string{"--structured-output"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := toolstest.New(t, tc.flags...)
			list, err := h.Client.ListTools(context.Background(), mcp.ListToolsRequest{})
			if err != nil {
				t.Fatal(err)
			}
			reads := 0
			for _, tool := range list.Tools {
				raw, _ := json.Marshal(tool)
				var decoded struct {
					OutputSchema map[string]any `json:"outputSchema"`
				}
				_ = json.Unmarshal(raw, &decoded)
				isRead := tool.Annotations.ReadOnlyHint != nil && *tool.Annotations.ReadOnlyHint
				switch {
				case isRead && tc.wantSchema:
					reads++
					if decoded.OutputSchema["type"] != "object" {
						t.Errorf("%s: output schema %v, want an object schema", tool.Name, decoded.OutputSchema)
					}
				case decoded.OutputSchema != nil:
					t.Errorf("%s: unexpected output schema", tool.Name)
				}
			}
			if tc.wantSchema && reads == 0 {
				t.Fatal("no read tool found")
			}
			for _, call := range []struct {
				tool string
				args string
			}{
				{"estate_read", `{"listlimit":3}`},
				{"address_read", `{"listlimit":2}`},
				{"field_config_get", `{"modules":["estate"],"fieldList":["kaufpreis"]}`},
			} {
				res := h.Call(t, call.tool, call.args)
				if res.IsError {
					t.Fatalf("%s: %s", call.tool, res.Text)
				}
				if (res.Structured != nil) != tc.wantSchema {
					t.Errorf("%s: structured content %v, want present=%v", call.tool, res.Structured, tc.wantSchema)
				}
				checkAgainstSchema(t, call.tool, res.Structured)
			}
		})
	}
}

// checkAgainstSchema checks the properties OutputSchema types.
func checkAgainstSchema(t *testing.T, tool string, st map[string]any) {
	t.Helper()
	for key, v := range st {
		ok := true
		switch key {
		case "total", "offset", "count":
			_, ok = v.(float64)
		case "next":
			_, ok = v.(map[string]any)
		case "text":
			_, ok = v.(string)
		case "records", "empty", "untrusted", "cut":
			list, isList := v.([]any)
			ok = isList
			for _, e := range list {
				switch key {
				case "records", "cut":
					_, ok = e.(map[string]any)
				default:
					_, ok = e.(string)
				}
			}
		}
		if !ok {
			t.Errorf("%s: %s = %#v does not match the output schema", tool, key, v)
		}
	}
}

func TestRenderOptions(t *testing.T) {
	tests := []struct {
		name    string
		flags   []string
		tool    string
		args    string
		want    []string
		notWant []string
		check   func(t *testing.T, text string, structured map[string]any)
	}{
		{
			name: "default", tool: "estate_read", args: `{"listlimit":3,"data":["objekttitel","objektart","kaufpreis"]}`,
			want:    []string{"estates 1–3 of ", condense.OpenMark, "id|objekttitel|objektart|kaufpreis", condense.CloseMark},
			notWant: []string{`"elements"`, "0.00"},
		},
		{
			name: "labels", flags: []string{"--labels"}, tool: "estate_read", args: `{"listlimit":3,"data":["objekttitel","objektart"]}`,
			check: labelHeader("DEU"),
		},
		{
			name: "english labels", flags: []string{"--labels", "--language=ENG"}, tool: "estate_read", args: `{"listlimit":3,"data":["objekttitel","objektart"]}`,
			check: labelHeader("ENG"),
		},
		{
			name: "raw", flags: []string{"--raw", "--structured-output"}, tool: "estate_read", args: `{"listlimit":2,"data":["kaufpreis"]}`,
			want: []string{`"cntabsolute"`, `"elements"`},
			check: func(t *testing.T, text string, structured map[string]any) {
				if !json.Valid([]byte(text)) {
					t.Errorf("raw text is not JSON")
				}
				if _, ok := structured["raw"].(map[string]any); !ok {
					t.Errorf("structured raw = %#v", structured["raw"])
				}
			},
		},
		{
			name: "budget", flags: []string{"--budget=1500"}, tool: "address_read", args: `{"listlimit":100}`,
			want: []string{"to stay within 1500 characters", "next page:"},
			check: func(t *testing.T, text string, _ map[string]any) {
				if n := utf8.RuneCountInString(text); n > 1500 {
					t.Errorf("%d characters over the budget", n)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := toolstest.New(t, tc.flags...)
			res := h.Call(t, tc.tool, tc.args)
			if res.IsError {
				t.Fatalf("%s: %s", tc.tool, res.Text)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.Text, w) {
					t.Errorf("missing %q in:\n%s", w, res.Text)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(res.Text, w) {
					t.Errorf("unexpected %q in:\n%s", w, res.Text)
				}
			}
			if tc.check != nil {
				tc.check(t, res.Text, res.Structured)
			}
		})
	}
}

// labelHeader expects the table header of objekttitel and objektart with
// the labels of the sandbox's field configuration in lang, and the labels
// of the objektart keys in that language.
func labelHeader(lang string) func(t *testing.T, text string, _ map[string]any) {
	return func(t *testing.T, text string, _ map[string]any) {
		store := sandbox.NewStore(toolstest.DemoDate)
		f := store.Fields["estate"]
		want := "id|" + f["objekttitel"].Label[lang] + "|" + f["objektart"].Label[lang]
		if !strings.Contains(text, "\n"+want+"\n") {
			t.Errorf("missing header %q in:\n%s", want, text)
		}
		first := store.Table("estate").Records[0]
		for _, o := range f["objektart"].Permitted {
			if o.Key == first["objektart"] && !strings.Contains(text, "|"+o.Label[lang]+"\n") {
				t.Errorf("missing label %q of %q in:\n%s", o.Label[lang], o.Key, text)
			}
		}
	}
}

// TestSelectLabelsMatchStore resolves every select key of an estate page
// the way the field configuration says.
func TestSelectLabelsMatchStore(t *testing.T) {
	h := toolstest.New(t, "--structured-output")
	res := h.Call(t, "estate_read", `{"listlimit":10,"data":["objektart","vermarktungsart"]}`)
	store := h.Sandbox.Store()
	records := res.Structured["records"].([]any)
	if len(records) != 10 {
		t.Fatalf("%d records", len(records))
	}
	for _, r := range records {
		obj := r.(map[string]any)
		id := int(obj["id"].(float64))
		stored := store.Table("estate").Get(id)
		for _, field := range []string{"objektart", "vermarktungsart"} {
			key, _ := stored[field].(string)
			want := key
			for _, o := range store.Fields["estate"][field].Permitted {
				if o.Key == key {
					want = o.Label["DEU"]
				}
			}
			if obj[field] != want {
				t.Errorf("estate %d %s = %v, want %q (key %q)", id, field, obj[field], want, key)
			}
			if !strings.Contains(res.Text, want) {
				t.Errorf("label %q not in the text", want)
			}
		}
	}
}
