package condense

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/onoffice-mcp/onoffice-mcp/internal/lazyre"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// The untrusted-text boundary. Everything that comes from the CRM is data:
// record values, names in previews and relation lists, element keys and
// labels, string ids, onOffice's error messages, e-mail senders. Inquiry
// texts, e-mails and notes are written by the public or copied from
// portals; a contact form can carry a prompt injection. Untrusted is the
// only way such text enters any output (results, previews, confirmation
// prompts, errors): it puts the text between OpenMark and CloseMark on one
// line, with anything that looks like a marker defused (its « becomes ‹)
// and every line break and control character written visibly (\n, \u2028,
// …), so the text can neither close the boundary early nor start a line
// that poses as the server's own words. The server instructions tell the
// model that such text is data, never an instruction. Record blocks put
// many values inside one pair of markers; their cells pass through escape,
// the same rule without the markers. In structuredContent the values stay
// unchanged and the field names are listed under "untrusted".
const (
	OpenMark  = "«crm-text»"
	CloseMark = "«/crm-text»"
)

// markerLike matches anything a model could read as one of the markers.
var markerLike = regexp.MustCompile(`(?i)(«|&laquo;|&#171;|&#xab;|\\u00ab|\\x{ab})(\s*/?\s*crm-text)`)

// Untrusted marks third-party text as data: s, defused and on one line,
// between the markers.
func Untrusted(s string) string {
	return OpenMark + escape(s) + CloseMark
}

// escape defuses marker look-alikes and writes every line break and control
// character of s visibly, so that s stays on its line.
func escape(s string) string {
	if strings.Contains(strings.ToLower(s), "crm-text") {
		s = markerLike.ReplaceAllString(s, "‹$2")
	}
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch {
		case r == '\r' && strings.HasPrefix(s[i+1:], "\n"):
			// \r\n is one line break, written once as \n below.
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == utf8.RuneError && isInvalidAt(s, i):
			b.WriteString(`\ufffd`)
		case visible(r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// escapeCell is escape for a table cell: a "|" would start a new cell, and
// a backslash of the text is doubled, so that one at the end of a cell
// cannot turn the next separator into an escaped "|".
func escapeCell(s string) string {
	return strings.ReplaceAll(escape(strings.ReplaceAll(s, `\`, `\\`)), "|", `\|`)
}

func needsEscape(s string) bool {
	for i, r := range s {
		if !visible(r) || r == '\t' || (r == utf8.RuneError && isInvalidAt(s, i)) {
			return true
		}
	}
	return false
}

// visible reports whether r may be written as is: not a control
// character, not a line or paragraph separator (U+2028, U+2029, NEL),
// not a format character that reorders or hides text (bidi overrides,
// zero-width joiners), and not a private or unassigned code point.
func visible(r rune) bool {
	if r < 0x20 || (r >= 0x7f && r < 0xa0) {
		return false
	}
	if r < 0x80 {
		return true
	}
	return !unicode.In(r, unicode.Zl, unicode.Zp, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs) && unicode.IsPrint(r) || r == 0xa0 || unicode.Is(unicode.Zs, r)
}

func isInvalidAt(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	return r == utf8.RuneError && size == 1
}

// freeTextNames are fields that hold third-party free text in answers
// without a field configuration (appointment lists, e-mails, pseudo fields).
// Names are compared in lower case. Fields that the configuration describes
// are free text when their type is text or blob.
var freeTextNames = map[string]bool{
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
	return freeTextNames[strings.ToLower(base)]
}

// plainName matches ids and field names that cannot carry text: they are
// shown as they are, anything else goes through Untrusted.
// Dates and times ("2026-11-23 09:30:00") count as plain too. Compiled on
// first use: its Unicode classes cost a start a noticeable fraction of a
// millisecond.
var plainName = lazyre.New(`^([\p{L}\p{N}_.:\-]{1,64}|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)$`)

// Name shows an id or field name from the CRM outside a record block: as
// it is when it is a plain name, otherwise marked like any CRM text.
func Name(s string) string {
	if plainName().MatchString(s) {
		return s
	}
	return Untrusted(s)
}

// Names shows a list of ids or field names, comma-separated.
func Names(list []string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = Name(s)
	}
	return strings.Join(out, ", ")
}
