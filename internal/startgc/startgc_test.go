package startgc

import (
	"runtime/debug"
	"testing"
	"time"
)

// TestHeldUntilDone: from package initialisation until Done the collector
// is off and the memory limit at most holdLimit; Done restores both, and
// Settle calls Done later.
func TestHeldUntilDone(t *testing.T) {
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Fatalf("GC percent %d before Done, want -1 (off)", p)
	}
	if previousLimit <= holdLimit {
		t.Fatalf("previous memory limit %d: the test binary runs with a GOMEMLIMIT", previousLimit)
	}
	if l := debug.SetMemoryLimit(-1); l != holdLimit {
		t.Fatalf("memory limit %d before Done, want %d", l, holdLimit)
	}
	Settle()
	// SetMemoryLimit(-1) only reads the limit: wait until Done restored it.
	deadline := time.Now().Add(SettleDelay + 10*time.Second)
	for debug.SetMemoryLimit(-1) != previousLimit {
		if time.Now().After(deadline) {
			t.Fatal("Settle did not let the collector go")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if p := debug.SetGCPercent(previous); p != previous {
		t.Errorf("GC percent %d after Done, want %d", p, previous)
	}
	if previous < 0 {
		t.Errorf("previous %d: the test binary runs with GOGC=off", previous)
	}
}
