# Build a static binary, then ship it alone in a minimal non-root image.
# The build stage runs on the builder's own platform and cross-compiles, so
# one command builds both architectures without emulation:
#   docker buildx build --platform linux/amd64,linux/arm64 \
#     --build-arg VERSION=1.2.0 --build-arg COMMIT=$(git rev-parse HEAD) \
#     -t ghcr.io/onoffice-mcp/onoffice-mcp:1.2.0 --push .
FROM --platform=$BUILDPLATFORM golang:1.26 AS build
ARG TARGETOS TARGETARCH
ARG VERSION=devel
ARG COMMIT=unknown
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath \
    -ldflags="-s -w -X github.com/onoffice-mcp/onoffice-mcp/internal/buildinfo.version=${VERSION} -X github.com/onoffice-mcp/onoffice-mcp/internal/buildinfo.commit=${COMMIT}" \
    -o /out/onoffice-mcp .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/onoffice-mcp /onoffice-mcp
USER nonroot:nonroot
# The MCP Registry checks this label to accept the image for server.json.
LABEL io.modelcontextprotocol.server.name="io.github.onoffice-mcp/onoffice-mcp" \
      org.opencontainers.image.source="https://github.com/onoffice-mcp/onoffice-mcp"

# Hosted mode by default: streamable HTTP at /mcp, SSE at /sse, health at
# /healthz and /readyz, JSON logs on stderr. Listening on all interfaces
# needs authentication: pass ONOFFICE_MCP_AUTH_TOKENS (with ONOFFICE_TOKEN
# and ONOFFICE_SECRET) or mount a tenants file and set ONOFFICE_MCP_TENANTS.
#   docker run -p 8080:8080 -e ONOFFICE_MCP_AUTH_TOKENS -e ONOFFICE_TOKEN -e ONOFFICE_SECRET image
# For stdio (a local MCP host starting the container), override the flags:
#   docker run -i --rm -e ONOFFICE_TOKEN -e ONOFFICE_SECRET image --transport=stdio
ENV ONOFFICE_MCP_ADDR=0.0.0.0:8080
EXPOSE 8080

# distroless has no curl: the binary asks its own /healthz (port taken from
# ONOFFICE_MCP_ADDR) and exits 0 or 1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["/onoffice-mcp", "healthcheck"]

# SIGTERM (docker stop) lets running calls finish within --shutdown-timeout
# (30s by default); give docker stop at least that long: docker stop -t 40.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/onoffice-mcp"]
CMD ["--transport=http", "--log-format=json"]
