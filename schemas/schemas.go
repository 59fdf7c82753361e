// Package schemas holds the committed input schema of every tool, one file
// per tool, generated from the tools' params structs by
// `go test ./tools -run TestSchemasGolden -update`. The server reads them
// from here instead of reflecting 88 structs at every start; the golden
// test proves that they match what reflection gives.
package schemas

import (
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
	return compact(b), true
}

// compact removes the white space outside strings, in place. The files
// are the compact schema indented by json.Indent (TestSchemasGolden), so
// this gives the compact form back; json.Compact would check the syntax
// again, which costs a start of all tools a millisecond.
func compact(b []byte) []byte {
	n := 0
	inString, escaped := false, false
	for _, c := range b {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		} else if c == '"' {
			inString = true
		} else if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			continue
		}
		b[n] = c
		n++
	}
	return b[:n]
}
