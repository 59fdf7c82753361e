// Package lazyre compiles a regular expression on first use rather than
// at package initialisation, which every start of the server pays for
// (docs/performance.md; TestPackageInitIsLight).
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr once, on its first call, and
// returns the compiled expression. expr must be valid: it panics like
// regexp.MustCompile.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
