package condense

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// renderer lays out converted records as text within the budget.
//
// Layout: a header line (count, range, total and the exact arguments of the
// next page), a line naming the requested fields that are empty in every
// record, then either a table (one row per record, "|" between cells, the
// field names once in the first row) or, for a single record or very wide
// records, one block per record with one "field: value" line per set value
// and the boolean fields grouped as "yes: …" and "no: …".
type renderer struct {
	l        List
	opts     Options
	res      onoffice.Result
	rows     []row
	cols     []column
	present  []string
	emptyAll []string
	table    bool
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

// fit renders with the largest text limit that fits the budget; when even
// the smallest does not, it shows fewer records and says how to get the rest.
func (r *renderer) fit() *Result {
	budget := r.opts.budget()
	var limits []int
	if len(r.rows) <= 1 {
		limits = []int{0, 8000, 4000, 2000, 1000, 500, 250, 120}
	} else {
		limits = []int{r.opts.textLimit()}
		for _, c := range []int{250, 120, 60} {
			if c < limits[0] {
				limits = append(limits, c)
			}
		}
	}
	var rr []renderedRow
	for _, limit := range limits {
		rr = r.renderRows(limit)
		if text := r.assemble(rr, len(rr)); utf8.RuneCountInString(text) <= budget {
			return r.result(text, rr, len(rr))
		}
	}
	// Even the shortest values do not fit: show as many records as fit.
	k := sort.Search(len(rr)+1, func(k int) bool {
		return k > 0 && utf8.RuneCountInString(r.assemble(rr, k)) > budget
	}) - 1
	if k < 1 {
		// One record alone is larger than the budget (hundreds of fields).
		return r.result(r.opts.Clip(r.assemble(rr, 1)), rr, 1)
	}
	return r.result(r.assemble(rr, k), rr, k)
}

func (r *renderer) renderRows(limit int) []renderedRow {
	out := make([]renderedRow, len(r.rows))
	for i, row := range r.rows {
		if r.table {
			out[i] = r.tableRow(row, limit)
		} else {
			out[i] = r.block(row, limit)
		}
	}
	return out
}

// value formats one cell: cut to limit, escaped, marked when free text.
func (r *renderer) value(row row, key string, c cell, limit int, table bool) (string, *cutNote) {
	t := c.text
	var note *cutNote
	if limit > 0 {
		if kept, omitted := cut(t, limit); omitted > 0 {
			note = &cutNote{id: row.idVal, field: key, omitted: omitted, kept: kept}
			t = kept
		}
	}
	if c.free {
		t = Defuse(t)
	}
	if table {
		t = strings.NewReplacer("\r\n", `\n`, "\n", `\n`, "\r", `\n`, "|", `\|`).Replace(t)
	} else if !c.free {
		t = strings.NewReplacer("\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(t)
	}
	if c.free {
		t = OpenMark + t + CloseMark
	}
	if note != nil {
		t += fmt.Sprintf("[… +%d chars]", note.omitted)
	}
	return t, note
}

// cut shortens s to about limit characters, at a word boundary when one is
// near, and returns the kept part and the number of characters left out.
func cut(s string, limit int) (string, int) {
	n := utf8.RuneCountInString(s)
	if n <= limit {
		return s, 0
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

func (r *renderer) tableRow(row row, limit int) renderedRow {
	var b strings.Builder
	var cuts []cutNote
	b.WriteString(row.id)
	for _, k := range r.present {
		b.WriteByte('|')
		if c, ok := row.cells[k]; ok {
			t, note := r.value(row, k, c, limit, true)
			b.WriteString(t)
			if note != nil {
				cuts = append(cuts, *note)
			}
		}
	}
	b.WriteByte('\n')
	return renderedRow{text: b.String(), cuts: cuts}
}

func (r *renderer) block(row row, limit int) renderedRow {
	var b strings.Builder
	var cuts []cutNote
	indent := ""
	single := len(r.rows) == 1
	if !single {
		fmt.Fprintf(&b, "- id %s\n", row.id)
		indent = "  "
	} else if r.l.Page != nil {
		fmt.Fprintf(&b, "id: %s\n", row.id)
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
		fmt.Fprintf(&b, "%s%s: %s\n", indent, r.l.name(k, r.opts), t)
		if note != nil {
			cuts = append(cuts, *note)
		}
	}
	for _, g := range []struct {
		label string
		keys  []string
	}{{"yes", yes}, {"no", no}, {"empty", empty}} {
		if len(g.keys) > 0 {
			fmt.Fprintf(&b, "%s%s: %s\n", indent, g.label, strings.Join(r.l.names(g.keys, r.opts), ", "))
		}
	}
	return renderedRow{text: b.String(), cuts: cuts}
}

// assemble joins header, notes and the first k rendered records.
func (r *renderer) assemble(rr []renderedRow, k int) string {
	var b strings.Builder
	b.WriteString(r.header(k))
	b.WriteByte('\n')
	if len(r.rows) > 1 && len(r.emptyAll) > 0 {
		fmt.Fprintf(&b, "Empty in every record: %s\n", strings.Join(r.l.names(r.emptyAll, r.opts), ", "))
	}
	if r.table && k > 0 {
		b.WriteString("id")
		for _, key := range r.present {
			b.WriteString("|" + r.l.name(key, r.opts))
		}
		b.WriteByte('\n')
	}
	var cuts []cutNote
	for _, x := range rr[:k] {
		b.WriteString(x.text)
		cuts = append(cuts, x.cuts...)
	}
	if len(cuts) > 0 {
		b.WriteString(r.cutHint(cuts))
	}
	if n := len(r.rows); k < n {
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
	c := cuts[0]
	how := "read that record alone by its id with only that field in data"
	if r.l.Tool != "" {
		recordArg, dataArg := orDefault(r.l.RecordArg, "id"), orDefault(r.l.DataArg, "data")
		how = fmt.Sprintf("e.g. %s %s", r.l.Tool, jsonText(map[string]any{recordArg: c.id, dataArg: []string{c.field}}))
	}
	return fmt.Sprintf("[%d value(s) ending in \"[… +N chars]\" are cut; for the full text %s]\n", len(cuts), how)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (r *renderer) noun() string {
	if r.l.Noun == "" {
		return "records"
	}
	return r.l.Noun
}

// header says what the result holds: "estates 1–20 of 143; next page: {…}".
func (r *renderer) header(k int) string {
	n, total, noun := len(r.rows), r.res.Total, r.noun()
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
			return fmt.Sprintf("%s %s", singular(noun), r.rows[0].id)
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
		s += "; next page: " + jsonText(next)
	}
	return s
}

// next returns the arguments of the page after the first k records.
func (r *renderer) next(k int) (map[string]any, bool) {
	p := r.l.Page
	if p == nil || len(r.rows) == 0 {
		return nil, false
	}
	more := k < len(r.rows)
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
func (r *renderer) result(text string, rr []renderedRow, k int) *Result {
	out := &Result{Text: text}
	if !r.opts.Structured {
		return out
	}
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
	for i := 0; i < k && i < len(rr); i++ {
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
	out.Structured = st
	return out
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
