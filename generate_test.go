package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// updateFlag finds the definition of a test's -update flag.
var updateFlag = regexp.MustCompile(`flag\.Bool\("update"`)

// TestGenerateCoversEveryUpdateFlag: every package whose tests rewrite a
// generated file with -update is refreshed by go generate ./... (generate.go),
// so one command refreshes everything.
func TestGenerateCoversEveryUpdateFlag(t *testing.T) {
	raw, err := os.ReadFile("generate.go")
	if err != nil {
		t.Fatal(err)
	}
	generated := map[string]bool{}
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		if len(f) < 6 || f[0] != "//go:generate" || f[1] != "go" || f[2] != "test" || f[4] != "-run" || !strings.Contains(line, " -update") {
			continue
		}
		dir := filepath.Clean(f[3])
		generated[dir] = true
		// The test named in -run must exist in that package.
		name := strings.TrimSuffix(strings.TrimPrefix(f[5], "^"), "$")
		tests, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		found := false
		for _, tf := range tests {
			src, _ := os.ReadFile(tf)
			found = found || strings.Contains(string(src), "func "+name+"(")
		}
		if !found {
			t.Errorf("generate.go runs %s in %s, which has no such test", name, dir)
		}
	}
	found := 0
	eachTestFile(t, func(path string, src []byte) bool {
		if !updateFlag.Match(src) {
			return true
		}
		found++
		if dir := filepath.Dir(path); !generated[dir] {
			t.Errorf("%s defines -update, but generate.go runs no go test ./%s ... -update", path, dir)
		}
		return true
	})
	if found == 0 {
		t.Fatal("found no -update flag; the search is broken")
	}
}
