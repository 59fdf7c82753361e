# Build a static binary, then ship it alone in a minimal non-root image.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/onoffice-mcp .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/onoffice-mcp /onoffice-mcp
USER nonroot:nonroot

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
