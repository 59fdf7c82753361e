package sandbox

import (
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// TestPagedListsRefuseBadPagesAlike: every paged list reads listlimit and
// listoffset through one helper, so a bad page gets the same code and text
// whichever list it was sent to.
func TestPagedListsRefuseBadPagesAlike(t *testing.T) {
	_, c := startAPI(t, nil)
	const want = "Invalid value for parameter listlimit or listoffset"
	cases := []struct {
		name   string
		verb   onoffice.Verb
		rt     string
		params map[string]any
		rid    string
	}{
		{"estates, negative limit", onoffice.VerbRead, "estate", map[string]any{"data": []string{"Id"}, "listlimit": -1}, ""},
		{"estates, negative offset", onoffice.VerbRead, "estate", map[string]any{"data": []string{"Id"}, "listoffset": -1}, ""},
		{"addresses, negative limit", onoffice.VerbRead, "address", map[string]any{"data": []string{"Name"}, "listlimit": -1}, ""},
		{"users, negative limit", onoffice.VerbRead, "user", map[string]any{"data": []string{"Name"}, "listlimit": -1}, ""},
		{"user photos, negative limit", onoffice.VerbRead, "userphoto", map[string]any{"listlimit": -1}, ""},
		{"user photos, limit above 500", onoffice.VerbRead, "userphoto", map[string]any{"listlimit": 501}, ""},
		{"address files, negative offset", onoffice.VerbGet, "file", map[string]any{"addressid": 10001, "listoffset": -1}, "address"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := callAPI(c, tc.verb, tc.rt, tc.rid, tc.params)
			if onoffice.CodeOf(err) != 255 || err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s %s %v: %v, want code 255 with %q", tc.verb, tc.rt, tc.params, err, want)
			}
		})
	}
}
