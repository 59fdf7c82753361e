package startgc

import (
	"runtime/debug"
	"testing"
)

// TestHeldUntilDone: the collector is off from package initialisation
// until Done, which restores the configured percentage.
func TestHeldUntilDone(t *testing.T) {
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Fatalf("GC percent %d before Done, want -1 (off)", p)
	}
	Done()
	if p := debug.SetGCPercent(previous); p != previous {
		t.Errorf("GC percent %d after Done, want %d", p, previous)
	}
	if previous < 0 {
		t.Errorf("previous %d: the test binary runs with GOGC=off", previous)
	}
}
