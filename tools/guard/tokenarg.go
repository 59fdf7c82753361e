package guard

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// TokenArg is the argument that carries a confirmation token back to a
// tool. This package owns it: the MCP edge adds it to the schema of a tool
// only when the policy asks for a confirmation (WithTokenArg) and takes it
// off the arguments before anything else sees them (SplitToken), so tools,
// previews, token hashes and the audit log never meet it.
const TokenArg = "confirmation_token"

// tokenArgSchema is the schema of the token argument.
const tokenArgSchema = `{"type":"string"}`

// WithTokenArg returns an object schema with the token argument added as
// the last property; a schema it cannot read is returned as it is.
func WithTokenArg(schema json.RawMessage) json.RawMessage {
	start, end, ok := propertiesSpan(schema)
	if !ok {
		return schema
	}
	props := bytes.TrimSpace(schema[start:end])
	var b bytes.Buffer
	b.Write(schema[:start])
	b.Write(props[:len(props)-1]) // without the closing brace
	if len(bytes.TrimSpace(props[1:len(props)-1])) > 0 {
		b.WriteByte(',')
	}
	fmt.Fprintf(&b, "%q:%s}", TokenArg, tokenArgSchema)
	b.Write(schema[end:])
	return b.Bytes()
}

// propertiesSpan finds the value of the top-level "properties" member of
// an object schema: schema[start:end] is the object.
func propertiesSpan(schema json.RawMessage) (start, end int, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(schema))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0, 0, false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return 0, 0, false
		}
		from := dec.InputOffset()
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return 0, 0, false
		}
		if key == "properties" && bytes.HasPrefix(bytes.TrimSpace(v), []byte("{")) {
			// from is just after the key; skip the colon and white space.
			i := bytes.IndexByte(schema[from:], '{')
			return int(from) + i, int(dec.InputOffset()), i >= 0
		}
	}
	return 0, 0, false
}

// SplitToken takes the confirmation token off a call's arguments: rest is
// the arguments without it (unchanged when there is none), token its value.
// A token that is not a string is an argument error.
func SplitToken(args json.RawMessage) (rest json.RawMessage, token string, err error) {
	if !bytes.Contains(args, []byte(TokenArg)) {
		return args, "", nil
	}
	obj, err := argsObject(args)
	if err != nil {
		return args, "", nil // the tool's own checks name the problem
	}
	v, ok := obj[TokenArg]
	if !ok {
		return args, "", nil
	}
	if token, ok = v.(string); !ok {
		return args, "", fmt.Errorf("invalid argument `%s`: must be the token string of this tool's preview", TokenArg)
	}
	delete(obj, TokenArg)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(obj); err != nil {
		return args, "", fmt.Errorf("guard: arguments: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), token, nil
}
