package guard

import (
	"encoding/json"
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
	}
	for _, tc := range tests {
		got := WithTokenArg(json.RawMessage(tc.schema))
		if string(got) != tc.want {
			t.Errorf("WithTokenArg(%s)\n got %s\nwant %s", tc.schema, got, tc.want)
		}
		if !json.Valid(got) {
			t.Errorf("WithTokenArg(%s) is not JSON: %s", tc.schema, got)
		}
	}
}
