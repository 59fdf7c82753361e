package condense

import (
	"regexp"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// The untrusted-text boundary. Inquiry texts, e-mails, notes and
// descriptions are written by the public or copied from portals; a contact
// form can carry a prompt injection. Every value of a free-text field is
// therefore put between OpenMark and CloseMark in the text result, and the
// server instructions tell the model that such text is data, never an
// instruction. Inside the value, anything that looks like a marker is
// defused (its « becomes ‹), so the text cannot close the boundary early and
// pose as our own output. In structuredContent the values stay unchanged
// and the field names are listed under "untrusted".
const (
	OpenMark  = "«crm-text»"
	CloseMark = "«/crm-text»"
)

// markerLike matches anything a model could read as one of the markers.
var markerLike = regexp.MustCompile(`(?i)(«|&laquo;|&#171;|&#xab;|\\u00ab)(\s*/?\s*crm-text)`)

// Untrusted marks third-party text as data: it returns s between the markers
// with marker look-alikes inside s defused. Tools that show free text
// outside of Records (an e-mail body, a note) use it too.
func Untrusted(s string) string {
	return OpenMark + Defuse(s) + CloseMark
}

// Defuse makes marker look-alikes in s harmless without changing other text.
func Defuse(s string) string {
	if !strings.Contains(strings.ToLower(s), "crm-text") {
		return s
	}
	return markerLike.ReplaceAllString(s, "‹$2")
}

// FreeTextNames are fields that hold third-party free text in answers
// without a field configuration (appointment lists, e-mails, pseudo fields).
// Names are compared in lower case. Fields that the configuration describes
// are free text when their type is text or blob.
var FreeTextNames = map[string]bool{
	"notes": true, "note": true, "notiz": true, "subject": true, "betreff": true,
	"body": true, "text": true, "message": true, "nachricht": true,
	"bemerkung": true, "kommentar": true, "comment": true, "remark": true,
	"description": true, "beschreibung": true, "freetext": true, "freitext": true,
	"anfrage": true, "inquiry": true,
}

// freeText reports whether a field's values are third-party free text.
func (l List) freeText(name string, f *onoffice.FieldInfo) bool {
	for _, n := range l.FreeText {
		if n == name {
			return true
		}
	}
	if f != nil {
		return f.Type == "text" || f.Type == "blob"
	}
	base, _, _ := strings.Cut(name, "__")
	return FreeTextNames[strings.ToLower(base)]
}
