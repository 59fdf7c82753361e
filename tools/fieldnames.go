package tools

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// The field-name rule (docs/fields.md explains it to users):
//
//  1. A name is known when the installation's field configuration lists it,
//     when the docs describe it as a system field of the module
//     (onoffice.SystemField), or when the tool itself defines it (pseudo
//     names such as language). Known names pass.
//  2. An unknown name that is a likely typo of a known one (same letters in
//     another case, or at most one edit per four letters, two at most, a
//     swap of neighbouring letters counting as one) is refused with "did
//     you mean": kaufpreiss → kaufpreis.
//  3. Every other name goes to onOffice, which decides: real installations
//     leave many working fields out of "get fields", so a missing name is
//     no proof of a wrong one. If onOffice then refuses a field, the error
//     names the unchecked names like rule 2 would; if it accepts them, the
//     result says which names and values were not checked locally.

// checkFields applies the field-name rule to the names of one argument.
func checkFields(ctx context.Context, env *Env, module, arg string, names []string, extra ...string) error {
	if env.Fields == nil || len(names) == 0 {
		return nil
	}
	mf, err := env.Fields.Module(ctx, module, env.Render.Language)
	if err != nil {
		if onoffice.CodeOf(err) == 0 {
			return err // no answer at all: the request itself would fail too
		}
		// The installation refuses to describe the module (no right, no
		// such module): only the documented names are known, onOffice
		// judges the rest.
		mf = &onoffice.ModuleFields{Module: module}
	}
	for _, n := range names {
		if mf.Known(n) || slices.Contains(extra, n) {
			continue
		}
		candidates := append(knownNames(mf), extra...)
		if typo := closestTypo(n, candidates); typo != "" {
			return &ArgError{Arg: arg, Message: fmt.Sprintf("unknown field %q (did you mean `%s`?)[[; field_config_get lists the %s fields]]", n, typo, module)}
		}
		// Keep looser suggestions for the case onOffice refuses the name.
		note(ctx, uncheckedName{module: module, arg: arg, name: n, hint: suggest(n, candidates)})
	}
	return nil
}

// knownNames lists the configured and the documented names of a module.
func knownNames(mf *onoffice.ModuleFields) []string {
	names := mf.Names()
	for _, n := range onoffice.SystemFieldNames(mf.Module) {
		if _, ok := mf.Fields[n]; !ok {
			names = append(names, n)
		}
	}
	return names
}

// closestTypo returns the known name that name is most likely a typo of, or "".
func closestTypo(name string, candidates []string) string {
	ln := strings.ToLower(name)
	limit := min(2, len([]rune(name))/4)
	best, bestD := "", limit+1
	for _, c := range candidates {
		d := typoDistance(ln, strings.ToLower(c))
		if d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if bestD > limit {
		return ""
	}
	return best
}

// typoDistance is the edit distance that counts swapping two neighbouring
// letters as one edit (Lnad → Land), the commonest typo.
func typoDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// unknownFieldCodes are the onOffice error codes for a field name the
// installation does not know (00-protocol: 75, 138, 141, 143, 145, 154) and
// for an unknown sort field (212).
var unknownFieldCodes = []int{75, 138, 141, 143, 145, 154, 212}

// uncheckedName is a field name checkFields passed to onOffice unverified,
// or (valueOnly) a known name whose values nothing here describes.
type uncheckedName struct {
	module, arg, name string
	valueOnly         bool
	// hint is a "did you mean" clause for the error if onOffice refuses it.
	hint string
}

// fieldNotes collects the unverified names of one tool run.
type fieldNotes struct {
	mu    sync.Mutex
	names []uncheckedName
}

type fieldNotesKey struct{}

// withFieldNotes gives a tool run a place to note unverified names.
func withFieldNotes(ctx context.Context) (context.Context, *fieldNotes) {
	n := &fieldNotes{}
	return context.WithValue(ctx, fieldNotesKey{}, n), n
}

// noteUncheckedValue records a value that passed unchecked because the
// field's description says nothing about its values.
func noteUncheckedValue(ctx context.Context, module, arg, name string) {
	note(ctx, uncheckedName{module: module, arg: arg, name: name, valueOnly: true})
}

func note(ctx context.Context, u uncheckedName) {
	n, _ := ctx.Value(fieldNotesKey{}).(*fieldNotes)
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if !slices.Contains(n.names, u) {
		n.names = append(n.names, u)
	}
}

func (n *fieldNotes) list() []uncheckedName {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.names)
}

// split returns the unchecked names and the unchecked values as arg.name.
func (n *fieldNotes) split() (names, values []string) {
	for _, u := range n.list() {
		if u.valueOnly {
			values = append(values, u.arg+"."+u.name)
		} else {
			names = append(names, u.arg+"."+u.name)
		}
	}
	return names, values
}

// sentence says which names and values went to onOffice unchecked, or ""
// for none.
func (n *fieldNotes) sentence() string {
	names, values := n.split()
	var out []string
	if len(names) > 0 {
		out = append(out, fmt.Sprintf("Not in the field configuration, so name and value were not checked here (onOffice decided): `%s`.", strings.Join(names, "`, `")))
	}
	if len(values) > 0 {
		out = append(out, fmt.Sprintf("Values not checked here, as neither the field configuration nor the docs describe them (onOffice decided): `%s`.", strings.Join(values, "`, `")))
	}
	return strings.Join(out, " ")
}

// explain turns onOffice's unknown-field error into the message a local
// check gives, naming the names that were passed unchecked.
func (n *fieldNotes) explain(err error) error {
	var names []uncheckedName
	for _, u := range n.list() {
		if !u.valueOnly {
			names = append(names, u)
		}
	}
	if len(names) == 0 || !slices.Contains(unknownFieldCodes, onoffice.CodeOf(err)) {
		return err
	}
	u := names[0]
	var list []string
	for _, v := range names {
		list = append(list, fmt.Sprintf("%q%s", v.name, v.hint))
	}
	return &ArgError{Arg: u.arg, Message: fmt.Sprintf("unknown field %s: onOffice refused it (error %d) and the %s field configuration does not list it[[; field_config_get lists the configured fields]]",
		strings.Join(list, " or "), onoffice.CodeOf(err), u.module)}
}
