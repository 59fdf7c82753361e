package sandbox

import (
	"slices"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// TestVocabularyAgreesWithClient compares the sandbox's own copy of the
// API's words with the client's: both are written from the documentation,
// so a difference is a misreading on one side.
func TestVocabularyAgreesWithClient(t *testing.T) {
	if RelationPrefix != onoffice.RelationTypePrefix {
		t.Errorf("relation type prefix: sandbox %q, client %q", RelationPrefix, onoffice.RelationTypePrefix)
	}
	if a, b := slices.Sorted(slices.Values(miscLogModules)), slices.Sorted(slices.Values(onoffice.LogModules())); !slices.Equal(a, b) {
		t.Errorf("log modules differ:\nsandbox %v\nclient  %v", a, b)
	}
	if got := dataTypeURN("varchar"); got != onoffice.DataTypePrefix+"varchar" {
		t.Errorf("field data type %q does not start with the client's prefix %q", got, onoffice.DataTypePrefix)
	}
}
