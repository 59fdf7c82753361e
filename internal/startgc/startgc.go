// Package startgc holds the garbage collector back while the process
// starts: package initialisation (the JSON-schema validator compiles its
// metaschemas then) and building the server allocate a few megabytes
// that are mostly kept, so a collection in between only costs time.
//
// It works because Go initialises packages that do not depend on each
// other in the order of their import paths: this one sorts before the
// validator's (github.com/santhosh-tekuri/…). Only main imports it (a
// test binary of another package keeps its collector); Done is called
// once the server is built.
package startgc

import (
	"runtime/debug"
	"sync"
)

// previous is the GC percentage of GOGC (or the default), restored by Done.
var previous = debug.SetGCPercent(-1)

var once sync.Once

// Done lets the collector run as configured again.
func Done() { once.Do(func() { debug.SetGCPercent(previous) }) }
