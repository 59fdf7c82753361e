package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestResolve(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name                            string
		version, commit                 string
		bi                              *debug.BuildInfo
		wantVersion, wantCommit, wantGo string
	}{
		{"stamped wins", "1.2.3", "abc", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v9.9.9"}, Settings: vcs("def", "false")},
			"1.2.3", "abc", "go1.26.8"},
		{"go install of a tag", "", "", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.4.0"}},
			"1.4.0", "unknown", "go1.26.8"},
		{"checkout with changes", "", "", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs("0123abc", "true")},
			"devel", "0123abc-dirty", "go1.26.8"},
		{"no build information", "", "", nil, "devel", "unknown", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := resolve(tt.version, tt.commit, tt.bi)
			if got.Version != tt.wantVersion || got.Commit != tt.wantCommit || got.GoVersion != tt.wantGo {
				t.Errorf("resolve = %+v, want version %q commit %q go %q", got, tt.wantVersion, tt.wantCommit, tt.wantGo)
			}
		})
	}
}
