package guard

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestSplitToken(t *testing.T) {
	tests := []struct {
		args, rest, token string
		bad               bool
	}{
		{`{"id":1,"confirmation_token":"abc","data":{"x":"<b>"}}`, `{"data":{"x":"<b>"},"id":1}`, "abc", false},
		{`{"id":1}`, `{"id":1}`, "", false},
		{`{"note":"confirmation_token"}`, `{"note":"confirmation_token"}`, "", false},
		{`not json confirmation_token`, `not json confirmation_token`, "", false},
		{`{"id":1,"confirmation_token":7}`, `{"id":1,"confirmation_token":7}`, "", true},
	}
	for _, tc := range tests {
		rest, token, err := SplitToken(json.RawMessage(tc.args))
		if (err != nil) != tc.bad || string(rest) != tc.rest || token != tc.token {
			t.Errorf("SplitToken(%s) = %s, %q; want %s, %q (error %v)", tc.args, rest, token, tc.rest, tc.token, err)
		}
	}
}

func TestWithTokenArg(t *testing.T) {
	tests := []struct{ schema, want string }{
		{`{"type":"object","properties":{"id":{"type":"integer"}},"additionalProperties":false}`,
			`{"type":"object","properties":{"id":{"type":"integer"},"confirmation_token":` + tokenArgSchema + `},"additionalProperties":false}`},
		{`{"type":"object","properties":{},"additionalProperties":false}`,
			`{"type":"object","properties":{"confirmation_token":` + tokenArgSchema + `},"additionalProperties":false}`},
		{`{"type":"object"}`, `{"type":"object"}`},
		// A "properties" inside another member, strings with brackets,
		// quotes and backslashes, white space, numbers and literals.
		{`{ "x\\\"{": {"properties": {"a": 1}}, "n": -1.5e3, "b": true,` + "\n" + ` "properties" : { "s": {"description": "a } b ] \\\\"} } }`,
			`{ "x\\\"{": {"properties": {"a": 1}}, "n": -1.5e3, "b": true,` + "\n" + ` "properties" : { "s": {"description": "a } b ] \\\\"} ,"confirmation_token":` + tokenArgSchema + `} }`},
		{`{"properties":[1]}`, `{"properties":[1]}`},
		{`{"a" 1,"properties":{}}`, `{"a" 1,"properties":{}}`},
		{`[]`, `[]`},
		{``, ``},
	}
	for _, tc := range tests {
		got := WithTokenArg(json.RawMessage(tc.schema))
		if string(got) != tc.want {
			t.Errorf("WithTokenArg(%s)\n got %s\nwant %s", tc.schema, got, tc.want)
		}
		if json.Valid([]byte(tc.schema)) && !json.Valid(got) {
			t.Errorf("WithTokenArg(%s) is not JSON: %s", tc.schema, got)
		}
	}
}

// TestPropertiesSpanOfEverySchema: the scan finds the same span as
// decoding does, in every committed tool schema, indented and compact.
func TestPropertiesSpanOfEverySchema(t *testing.T) {
	files, err := filepath.Glob("../../schemas/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no committed schemas: %v", err)
	}
	for _, file := range files {
		indented, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, indented); err != nil {
			t.Fatal(err)
		}
		for _, schema := range [][]byte{indented, compact.Bytes()} {
			var top struct{ Properties json.RawMessage }
			if err := json.Unmarshal(schema, &top); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			start, end, ok := propertiesSpan(schema)
			if !ok || !bytes.Equal(schema[start:end], top.Properties) {
				t.Errorf("%s: span %.80q (found %v), want %.80q", file, schema[start:end], ok, top.Properties)
			}
		}
	}
}
