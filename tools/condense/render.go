package condense

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// renderer lays out converted records as text within the budget.
//
// Layout: a header line (count, range, total and the arguments of the
// next page), a line naming the requested fields that are empty in every
// record, then either a table (one row per record, "|" between cells, the
// field names once in the first row) or, for a single record or very wide
// records, one block per record with one "field: value" line per set value
// and the boolean fields grouped as "yes: …" and "no: …".
type renderer struct {
	l    List
	opts Options
	res  onoffice.Result
	rows []row
	// dropped counts records of the answer left out before rendering.
	dropped  int
	cols     []column
	present  []string
	emptyAll []string
	table    bool
	// clipped counts the characters of a single record cut off at the end.
	clipped int
}

// cutNote names one value shortened to fit.
type cutNote struct {
	id      any
	field   string
	omitted int
	kept    string
}

// renderedRow is one record as text at a given text limit.
type renderedRow struct {
	text string
	cuts []cutNote
}

// textCut says which values are shortened: those longer than over
// characters are cut to keep characters (0: only the cut mark is left).
// over == 0 cuts nothing.
type textCut struct{ over, keep int }

func limitTo(n int) textCut { return textCut{over: n, keep: n} }

// Wide reads of a single record (more than wideRead requested fields) are
// overviews: their long texts (over foldOver characters) are folded to the
// cut mark, and the hint names the exact arguments that read them.
const (
	wideRead = 20
	foldOver = 200
)

// fit renders with the largest text limit that fits the budget; when even
// the smallest does not, it shows fewer records and says how to get the rest.
//
// The first limit is the display rule (lists: TextLimit; one record: no
// limit, or folded long texts in a wide read); the structured content keeps
// full values as long as the display rule is enough. Further limits are
// forced by the budget and apply to the structured content too.
func (r *renderer) fit() *Result {
	budget := r.opts.budget()
	var limits []textCut
	switch {
	case len(r.rows) > 1:
		limits = []textCut{limitTo(r.opts.textLimit())}
	case len(r.l.Requested) > wideRead:
		limits = []textCut{{over: foldOver}}
	default:
		limits = []textCut{{}}
	}
	for _, c := range []int{8000, 4000, 2000, 1000, 500, 250, 120, 60} {
		if first := limits[0]; first.over == 0 || c < first.keep {
			limits = append(limits, limitTo(c))
		}
	}
	// 60 characters is the shortest a value is cut to (the README's
	// promise); when even that does not fit, fewer records are shown.
	var rr []renderedRow
	for i, limit := range limits {
		rr = r.renderRows(limit)
		if text := r.assemble(rr, len(rr)); utf8.RuneCountInString(text) <= budget {
			return r.result(text, rr, len(rr), i > 0)
		}
	}
	// Even the shortest values do not fit: show as many records as fit.
	k := sort.Search(len(rr)+1, func(k int) bool {
		return k > 0 && utf8.RuneCountInString(r.assemble(rr, k)) > budget
	}) - 1
	if k < 1 {
		// One record alone is larger than the budget (hundreds of fields):
		// its lines are cut, the boundary and the note stay whole.
		one := rr[0]
		if r.table {
			// A table row cannot be cut without losing its cells: the
			// record is shown as a block, one line per field, and cut
			// at a line end.
			r.table = false
			one = r.block(r.rows[0], limits[len(limits)-1])
		}
		r.clipped = utf8.RuneCountInString(one.text)
		room := budget - utf8.RuneCountInString(r.assemble([]renderedRow{{}}, 1)) - 200
		one.text = string([]rune(one.text)[:max(room, 0)])
		// Only whole lines: a cut line could end in the middle of an escape.
		i := strings.LastIndexByte(one.text, '\n')
		one.text = one.text[:i+1]
		r.clipped -= utf8.RuneCountInString(one.text)
		return r.result(r.assemble([]renderedRow{one}, 1), rr, 1, true)
	}
	return r.result(r.assemble(rr, k), rr, k, true)
}

func (r *renderer) renderRows(limit textCut) []renderedRow {
	out := make([]renderedRow, len(r.rows))
	for i, rw := range r.rows {
		// Every cell stands alone: no "same as above" marks, which a model
		// misreads when it looks up one row.
		if r.table {
			out[i] = r.tableRow(rw, limit)
		} else {
			out[i] = r.block(rw, limit)
		}
	}
	return out
}

// value formats one cell: cut to limit, defused and escaped so that it
// stays on its line (and in its table cell).
func (r *renderer) value(row row, key string, c cell, limit textCut, table bool) (string, *cutNote) {
	t := c.text
	var note *cutNote
	if limit.over > 0 && utf8.RuneCountInString(t) > limit.over {
		if kept, omitted := cut(t, limit.keep); omitted > 0 {
			note = &cutNote{id: row.idVal, field: key, omitted: omitted, kept: kept}
			t = kept
		}
	}
	if table {
		t = escapeCell(t)
	} else {
		t = escape(t)
	}
	if note != nil {
		t += fmt.Sprintf(cutMark, note.omitted)
	}
	return t, note
}

// cutMark ends a value that was shortened.
const cutMark = "[… +%d chars]"

// cut shortens s to about limit characters, at a word boundary when one is
// near, and returns the kept part and the number of characters left out.
func cut(s string, limit int) (string, int) {
	n := utf8.RuneCountInString(s)
	if n <= limit {
		return s, 0
	}
	if limit <= 0 {
		return "", n
	}
	runes := []rune(s)
	end := limit
	for i := limit; i > limit*4/5; i-- {
		if runes[i] == ' ' || runes[i] == '\n' {
			end = i
			break
		}
	}
	kept := strings.TrimRight(string(runes[:end]), " \n")
	return kept, n - utf8.RuneCountInString(kept)
}

func (r *renderer) tableRow(row row, limit textCut) renderedRow {
	var b strings.Builder
	var cuts []cutNote
	b.WriteString(escapeCell(row.id))
	for _, k := range r.present {
		b.WriteByte('|')
		c, ok := row.cells[k]
		if !ok {
			continue
		}
		t, note := r.value(row, k, c, limit, true)
		b.WriteString(t)
		if note != nil {
			cuts = append(cuts, *note)
		}
	}
	b.WriteByte('\n')
	return renderedRow{text: b.String(), cuts: cuts}
}

// maxNamed is the longest list of field names written out; longer lists
// of empty fields are summarised by their number.
const maxNamed = 12

func (r *renderer) block(row row, limit textCut) renderedRow {
	var b strings.Builder
	var cuts []cutNote
	indent := ""
	single := len(r.rows) == 1
	if !single {
		fmt.Fprintf(&b, "- id %s\n", escape(row.id))
		indent = "  "
	} else if r.l.Page != nil {
		fmt.Fprintf(&b, "id: %s\n", escape(row.id))
	}
	var yes, no, empty []string
	skipEmpty := map[string]bool{}
	if !single {
		for _, k := range r.emptyAll {
			skipEmpty[k] = true
		}
	}
	for _, col := range r.cols {
		k := col.key
		c, ok := row.cells[k]
		if !ok {
			if !skipEmpty[k] && !r.l.isIDKey(k) {
				empty = append(empty, k)
			}
			continue
		}
		if c.boolean {
			if b, _ := c.data.(bool); b {
				yes = append(yes, k)
			} else {
				no = append(no, k)
			}
			continue
		}
		t, note := r.value(row, k, c, limit, false)
		fmt.Fprintf(&b, "%s%s: %s\n", indent, escape(r.l.name(k, r.opts)), t)
		if note != nil {
			cuts = append(cuts, *note)
		}
	}
	if len(yes) > 0 {
		fmt.Fprintf(&b, "%syes: %s\n", indent, escape(strings.Join(r.l.names(yes, r.opts), ", ")))
	}
	switch {
	case len(no)+len(empty) > maxNamed:
		// One short line instead of dozens of names: the caller knows what it asked for.
		what := "empty"
		if len(no) > 0 {
			what = "empty/no"
		}
		fmt.Fprintf(&b, "%sthe other %d requested fields: %s\n", indent, len(no)+len(empty), what)
	default:
		if len(no) > 0 {
			fmt.Fprintf(&b, "%sno: %s\n", indent, escape(strings.Join(r.l.names(no, r.opts), ", ")))
		}
		if len(empty) > 0 {
			fmt.Fprintf(&b, "%sempty: %s\n", indent, escape(strings.Join(r.l.names(empty, r.opts), ", ")))
		}
	}
	return renderedRow{text: b.String(), cuts: cuts}
}

// assemble joins header, notes and the first k rendered records. The
// record data is enclosed in OpenMark … CloseMark: everything between the
// markers comes from the CRM; the lines outside are ours.
func (r *renderer) assemble(rr []renderedRow, k int) string {
	var b strings.Builder
	b.WriteString(r.header(k))
	b.WriteByte('\n')
	if len(r.rows) > 1 && len(r.emptyAll) > 0 {
		if len(r.emptyAll) > maxNamed {
			fmt.Fprintf(&b, "Empty in every record: %d requested fields not shown below\n", len(r.emptyAll))
		} else {
			fmt.Fprintf(&b, "Empty in every record: %s\n", Names(r.l.names(r.emptyAll, r.opts)))
		}
	}
	var cuts []cutNote
	for _, x := range rr[:k] {
		cuts = append(cuts, x.cuts...)
	}
	if k > 0 {
		b.WriteString(OpenMark + "\n")
		if r.table {
			b.WriteString("id")
			for _, key := range r.present {
				b.WriteString("|" + escapeCell(r.l.name(key, r.opts)))
			}
			b.WriteByte('\n')
		}
		for _, x := range rr[:k] {
			b.WriteString(x.text)
		}
		b.WriteString(CloseMark + "\n")
	}
	if len(cuts) > 0 {
		b.WriteString(r.cutHint(cuts))
	}
	if r.clipped > 0 {
		fmt.Fprintf(&b, "[cut: the last %d characters of this record are left out to stay within %d characters; ask for fewer fields in data]\n", r.clipped, r.opts.budget())
	}
	if n := r.count(); k < n {
		noun := r.noun()
		if r.l.Page != nil {
			fmt.Fprintf(&b, "[cut: the last %d %s of this page are left out to stay within %d characters; the next page above starts with them]\n", n-k, noun, r.opts.budget())
		} else {
			fmt.Fprintf(&b, "[cut: %d more %s left out to stay within %d characters; ask for fewer fields or fewer records]\n", n-k, noun, r.opts.budget())
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func (r *renderer) cutHint(cuts []cutNote) string {
	first := cuts[0]
	var fields []string
	for _, c := range cuts {
		if c.id == first.id {
			fields = append(fields, c.field)
		}
	}
	// ids and field names may come from the CRM: defused like its text.
	args := escape(jsonText(map[string]any{orDefault(r.l.RecordArg, "id"): first.id, orDefault(r.l.DataArg, "data"): fields}))
	how := "this tool with " + args
	if r.l.Tool != "" {
		how = r.l.Tool + " " + args
	}
	if len(r.rows) > 1 {
		how += ", other records alike"
	}
	return fmt.Sprintf("[%d cut value(s) end in \"[… +N chars]\"; full text: %s]\n", len(cuts), how)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// count is the number of records in the answer, rendered or not.
func (r *renderer) count() int { return len(r.rows) + r.dropped }

func (r *renderer) noun() string {
	if r.l.Noun == "" {
		return "records"
	}
	return r.l.Noun
}

// header says what the result holds: "estates 1–20 of 143; next page: {…}".
func (r *renderer) header(k int) string {
	n, total, noun := r.count(), r.res.Total, r.noun()
	p := r.l.Page
	if n == 0 {
		if p != nil && total > 0 {
			return fmt.Sprintf("No %s at offset %d: there are %d in total.", noun, p.Offset, total)
		}
		return fmt.Sprintf("No %s found.", noun)
	}
	if p == nil {
		switch {
		case n == 1:
			return fmt.Sprintf("%s %s", singular(noun), Name(r.rows[0].id))
		case k < n:
			return fmt.Sprintf("%d of %d %s shown", k, n, noun)
		case total > n:
			return fmt.Sprintf("%d of %d %s", n, total, noun)
		}
		return fmt.Sprintf("%d %s", n, noun)
	}
	s := fmt.Sprintf("%s %d–%d", noun, p.Offset+1, p.Offset+k)
	if total >= 0 {
		s += fmt.Sprintf(" of %d", total)
	}
	if next, ok := r.next(k); ok {
		s += "; next page: " + r.nextText(next)
	}
	return s
}

// nextText writes the next page's arguments: all of them when short,
// otherwise the ones that change ("same arguments with {…}").
func (r *renderer) nextText(next map[string]any) string {
	if full := jsonText(next); utf8.RuneCountInString(full) <= 100 {
		return full
	}
	delta := map[string]any{}
	for k, v := range next {
		if old, ok := r.l.Page.Args[k]; !ok || jsonText(old) != jsonText(v) {
			delta[k] = v
		}
	}
	return "the same arguments with " + jsonText(delta)
}

// next returns the arguments of the page after the first k records.
func (r *renderer) next(k int) (map[string]any, bool) {
	p := r.l.Page
	if p == nil || len(r.rows) == 0 {
		return nil, false
	}
	more := k < r.count()
	if r.res.Total >= 0 {
		more = more || p.Offset+k < r.res.Total
	} else {
		more = more || (p.Limit > 0 && len(r.rows) >= p.Limit)
	}
	if !more {
		return nil, false
	}
	return r.l.nextArgs(p.Offset + k), true
}

// result builds the Result with the structured form of the first k records.
func (r *renderer) result(text string, rr []renderedRow, k int, forced bool) *Result {
	out := &Result{Text: text}
	if !r.opts.Structured {
		return out
	}
	out.Structured = r.structured(rr, k, forced)
	if !forced {
		// Full values as long as they fit; cut like the text otherwise.
		if b, _ := json.Marshal(out.Structured); utf8.RuneCount(b) > r.opts.budget() {
			out.Structured = r.structured(rr, k, true)
		}
	}
	return out
}

// structured is the structuredContent of the first k records; with cuts,
// values shortened in the text are shortened here too and listed in "cut".
func (r *renderer) structured(rr []renderedRow, k int, withCuts bool) map[string]any {
	st := map[string]any{"count": k}
	if r.res.Total >= 0 {
		st["total"] = r.res.Total
	}
	if r.l.Page != nil {
		st["offset"] = r.l.Page.Offset
		if next, ok := r.next(k); ok {
			st["next"] = next
		}
	}
	cuts := map[string]map[string]cutNote{}
	var cutList []any
	for i := 0; withCuts && i < k && i < len(rr); i++ {
		for _, c := range rr[i].cuts {
			if cuts[r.rows[i].id] == nil {
				cuts[r.rows[i].id] = map[string]cutNote{}
			}
			cuts[r.rows[i].id][c.field] = c
			cutList = append(cutList, map[string]any{"id": c.id, "field": c.field, "omitted": c.omitted})
		}
	}
	untrusted := map[string]bool{}
	records := make([]any, 0, k)
	for _, row := range r.rows[:k] {
		obj := map[string]any{"id": row.idVal}
		for key, v := range row.data {
			obj[key] = v
		}
		for key, c := range row.cells {
			if n, ok := cuts[row.id][key]; ok {
				obj[key] = n.kept
			} else if !r.isGroup(row, key) {
				obj[key] = c.data
			}
			if c.free {
				untrusted[key] = true
			}
		}
		records = append(records, obj)
	}
	st["records"] = records
	if len(r.emptyAll) > 0 {
		st["empty"] = r.emptyAll
	}
	if len(cutList) > 0 {
		st["cut"] = cutList
	}
	if len(untrusted) > 0 {
		names := make([]string, 0, len(untrusted))
		for k := range untrusted {
			names = append(names, k)
		}
		sort.Strings(names)
		st["untrusted"] = names
	}
	return st
}

// isGroup reports whether a cell joins pseudo-field entries whose original
// keys are already in the structured record.
func (r *renderer) isGroup(row row, key string) bool {
	for k := range row.data {
		if strings.HasPrefix(k, key+"__") {
			return true
		}
	}
	return false
}
