// Package schemas holds the committed input schema of every tool, one file
// per tool, generated from the tools' params structs by
// `go test ./tools -run TestSchemasGolden -update`. The server reads them
// from here instead of reflecting 88 structs at every start; the golden
// test proves that they match what reflection gives.
package schemas

import (
	"bytes"
	"embed"
	"encoding/json"
)

//go:embed *.json
var files embed.FS

// Get returns the schema of a tool in compact form; false if the tool has
// no committed schema.
func Get(tool string) (json.RawMessage, bool) {
	b, err := files.ReadFile(tool + ".json")
	if err != nil {
		return nil, false
	}
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		return nil, false
	}
	return out.Bytes(), true
}
