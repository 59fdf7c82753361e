// Package buildinfo says which build of the server is running: the
// version, the commit and the Go toolchain. The release build stamps
// version and commit with -ldflags -X; a plain go build or go install
// falls back to what the Go toolchain recorded in the binary.
package buildinfo

import (
	"fmt"
	"runtime/debug"
)

// Set by the release build:
//
//	-X github.com/onoffice-mcp/onoffice-mcp/internal/buildinfo.version=1.2.3
//	-X github.com/onoffice-mcp/onoffice-mcp/internal/buildinfo.commit=<sha>
var (
	version string
	commit  string
)

// Info describes one build.
type Info struct {
	Version   string
	Commit    string
	GoVersion string
}

// Read returns the stamped values, completed from the Go build information.
func Read() Info {
	bi, _ := debug.ReadBuildInfo()
	return resolve(version, commit, bi)
}

// Version is the server's version: what --version prints and what the MCP
// handshake reports as serverInfo.version.
func Version() string { return Read().Version }

// String is the one line of onoffice-mcp --version.
func (i Info) String() string {
	return fmt.Sprintf("onoffice-mcp %s (commit %s, %s)", i.Version, i.Commit, i.GoVersion)
}

// resolve prefers the stamped values and falls back to bi, which is nil
// when the binary carries no build information.
func resolve(stampedVersion, stampedCommit string, bi *debug.BuildInfo) Info {
	info := Info{Version: stampedVersion, Commit: stampedCommit, GoVersion: "unknown"}
	if bi == nil {
		if info.Version == "" {
			info.Version = "devel"
		}
		if info.Commit == "" {
			info.Commit = "unknown"
		}
		return info
	}
	info.GoVersion = bi.GoVersion
	if info.Version == "" {
		// go install module@v1.2.3 records v1.2.3; a build inside a
		// checkout records a pseudo-version (Go 1.24+) or "(devel)".
		info.Version = bi.Main.Version
		if len(info.Version) > 1 && info.Version[0] == 'v' {
			info.Version = info.Version[1:]
		}
		if info.Version == "" || info.Version == "(devel)" {
			info.Version = "devel"
		}
	}
	if info.Commit == "" {
		info.Commit = vcsCommit(bi)
	}
	return info
}

func vcsCommit(bi *debug.BuildInfo) string {
	var rev string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "unknown"
	}
	if modified {
		rev += "-dirty"
	}
	return rev
}
