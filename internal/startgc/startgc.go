// Package startgc holds the garbage collector back while the process
// starts: package initialisation (the JSON-schema validator compiles its
// metaschemas then) and building the server allocate a few megabytes
// that are mostly kept, so a collection in between only costs time.
//
// The hold lasts past the build: an MCP host sends initialize and
// tools/list as soon as the server runs, and a first collection started
// when the server is built runs while it answers them (a fifth of the
// start on a 2-core machine). The server lets it go at its first tool call
// (Done), or SettleDelay after it was built (Settle), whichever is first.
// While the collector is held, a memory limit keeps the heap bounded: a
// burst of allocation (seeding the --demo sandbox) still starts a
// collection at holdLimit.
//
// It works because Go initialises packages that do not depend on each
// other in the order of their import paths: this one sorts before the
// validator's (github.com/santhosh-tekuri/…). Only main imports it (a
// test binary of another package keeps its collector).
package startgc

import (
	"runtime/debug"
	"sync"
	"time"
)

// holdLimit bounds the memory of the process while the collector is held.
const holdLimit = 32 << 20

// SettleDelay is how long after the server is built the collector stays
// held: ample for the start-up exchange of a host.
const SettleDelay = time.Second

var (
	// previous is the GC percentage of GOGC (or the default), restored by Done.
	previous = debug.SetGCPercent(-1)
	// previousLimit is the memory limit of GOMEMLIMIT (or none), restored
	// by Done; a lower one than holdLimit stays in force throughout.
	previousLimit = func() int64 {
		limit := debug.SetMemoryLimit(-1)
		if limit > holdLimit {
			debug.SetMemoryLimit(holdLimit)
		}
		return limit
	}()
)

var once sync.Once

// Done lets the collector run as configured again.
func Done() {
	once.Do(func() {
		debug.SetGCPercent(previous)
		debug.SetMemoryLimit(previousLimit)
	})
}

// Settle calls Done after SettleDelay; the server calls it once it is
// built.
func Settle() { time.AfterFunc(SettleDelay, Done) }
