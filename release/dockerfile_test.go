package main

import (
	"os"
	"strings"
	"testing"
)

// dockerStage is one FROM of the Dockerfile with its instructions, line
// continuations joined.
type dockerStage struct {
	From  string
	Lines []string
}

func dockerStages(t *testing.T) []dockerStage {
	t.Helper()
	raw, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	var stages []dockerStage
	var cur string
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#") || (line == "" && cur == "") {
			continue
		}
		if rest, ok := strings.CutSuffix(line, "\\"); ok {
			cur += rest + " "
			continue
		}
		cur += line
		if from, ok := strings.CutPrefix(cur, "FROM "); ok {
			stages = append(stages, dockerStage{From: from})
		} else if cur != "" && len(stages) > 0 {
			stages[len(stages)-1].Lines = append(stages[len(stages)-1].Lines, strings.Join(strings.Fields(cur), " "))
		}
		cur = ""
	}
	return stages
}

func (s dockerStage) find(prefix string) string {
	for _, l := range s.Lines {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// TestDockerfile checks what no image build can check here: the build
// stage cross-compiles on the builder's platform for TARGETOS/TARGETARCH
// with the release's flags, and the image is the static binary alone,
// labelled for the MCP Registry.
func TestDockerfile(t *testing.T) {
	stages := dockerStages(t)
	if len(stages) != 2 {
		t.Fatalf("%d stages, want build and image", len(stages))
	}
	build, final := stages[0], stages[1]
	if !strings.HasPrefix(build.From, "--platform=$BUILDPLATFORM golang:") || !strings.HasSuffix(build.From, " AS build") {
		t.Errorf("build stage FROM %q: want --platform=$BUILDPLATFORM golang:… AS build", build.From)
	}
	if build.find("ARG TARGETOS TARGETARCH") == "" {
		t.Error("build stage does not declare ARG TARGETOS TARGETARCH")
	}
	run := build.find("RUN CGO_ENABLED=0")
	for _, want := range []string{
		"GOOS=$TARGETOS", "GOARCH=$TARGETARCH", "go build -trimpath",
		`-ldflags="` + ldflags("${VERSION}", "${COMMIT}") + `"`,
	} {
		if !strings.Contains(run, want) {
			t.Errorf("build command %q lacks %s", run, want)
		}
	}
	if !strings.HasPrefix(final.From, "gcr.io/distroless/static") {
		t.Errorf("image FROM %q: want distroless static (the binary needs no libc)", final.From)
	}
	if final.find("COPY --from=build /out/onoffice-mcp /onoffice-mcp") == "" || final.find("USER nonroot") == "" {
		t.Error("image does not copy the binary alone or does not run as nonroot")
	}
	if l := final.find("LABEL"); !strings.Contains(l, `io.modelcontextprotocol.server.name="`+registryName+`"`) {
		t.Errorf("image LABEL %q lacks the registry name %s", l, registryName)
	}
	if final.find(`ENTRYPOINT ["/onoffice-mcp"]`) == "" || final.find("HEALTHCHECK") == "" {
		t.Error("image lacks its ENTRYPOINT or HEALTHCHECK")
	}
}
