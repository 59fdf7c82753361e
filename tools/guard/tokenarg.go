package guard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
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
// an object schema: schema[start:end] is the object. It scans the bytes
// instead of decoding them: the server adds the token to every guarded
// tool's schema at each start.
func propertiesSpan(schema json.RawMessage) (start, end int, ok bool) {
	i := skipSpace(schema, 0)
	if i >= len(schema) || schema[i] != '{' {
		return 0, 0, false
	}
	i++
	for {
		i = skipSpace(schema, i)
		if i < len(schema) && schema[i] == '}' {
			return 0, 0, false
		}
		keyEnd, ok := skipValue(schema, i)
		if !ok || schema[i] != '"' {
			return 0, 0, false
		}
		key := schema[i:keyEnd]
		i = skipSpace(schema, keyEnd)
		if i >= len(schema) || schema[i] != ':' {
			return 0, 0, false
		}
		from := skipSpace(schema, i+1)
		to, ok := skipValue(schema, from)
		if !ok {
			return 0, 0, false
		}
		if string(key) == `"properties"` && schema[from] == '{' {
			return from, to, true
		}
		i = skipSpace(schema, to)
		if i >= len(schema) || schema[i] != ',' {
			return 0, 0, false
		}
		i++
	}
}

// skipSpace returns the index of the first byte at or after i that is not
// JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the index just after the JSON value starting at i: a
// string, an object or array (brackets counted outside strings) or a
// scalar. It checks no more than it needs to find the end.
func skipValue(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return 0, false
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end, ok := skipString(b, j)
				if !ok {
					return 0, false
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}
		return 0, false
	}
	j := i
	for j < len(b) && strings.IndexByte(",}] \n\t\r", b[j]) < 0 {
		j++
	}
	return j, j > i
}

// skipString returns the index just after the string starting at i.
func skipString(b []byte, i int) (int, bool) {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1, true
		}
	}
	return 0, false
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
