package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// maxInitBytes caps what the initialisation of any one of our packages may
// allocate. Every start pays for package initialisation, whatever the
// configuration serves, so work there (compiling a regular expression with
// Unicode classes or counted repetition, building large tables) belongs
// behind a sync.OnceValue that runs on first use; a few small patterns and
// maps fit. Allocations are counted, not timed, so the check holds on a
// loaded machine.
const maxInitBytes = 64 << 10

// TestPackageInitIsLight reads the runtime's initialisation trace of the
// built server (GODEBUG=inittrace=1) and checks the packages of this
// module against maxInitBytes.
func TestPackageInitIsLight(t *testing.T) {
	cmd := exec.Command(buildBinary(t), "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("version: %v\n%s", err, stderr.String())
	}
	const module = "github.com/onoffice-mcp/onoffice-mcp"
	seen := 0
	sc := bufio.NewScanner(bytes.NewReader(stderr.Bytes()))
	for sc.Scan() {
		// init <package> @<start> ms, <clock> ms clock, <bytes> bytes, <allocs> allocs
		f := strings.Fields(sc.Text())
		if len(f) != 11 || f[0] != "init" || f[8] != "bytes," {
			continue
		}
		if f[1] != module && !strings.HasPrefix(f[1], module+"/") {
			continue
		}
		seen++
		n, err := strconv.Atoi(f[7])
		if err != nil {
			t.Fatalf("bytes in %q: %v", sc.Text(), err)
		}
		if n > maxInitBytes {
			t.Errorf("initialising %s allocates %d bytes (%s allocs), at most %d allowed: make that work lazy", f[1], n, f[9], maxInitBytes)
		}
	}
	if seen == 0 {
		t.Fatalf("no initialisation of %s packages in the trace:\n%s", module, stderr.String())
	}
}
