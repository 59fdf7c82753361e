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
# stdio is the default transport: run with `docker run -i --rm -e ONOFFICE_TOKEN -e ONOFFICE_SECRET image`.
ENTRYPOINT ["/onoffice-mcp"]
