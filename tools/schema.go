package tools

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/invopop/jsonschema"
	validate "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/onoffice-mcp/onoffice-mcp/schemas"
)

// reflectSchema reflects a plain, self-contained object schema from P: no
// $ref, no $defs, "type": "object" at the top and no unknown properties,
// which is what strict MCP clients accept. The confirmation token is not
// part of it: the MCP edge adds it where the policy asks for a confirmation
// (package guard, WithTokenArg). The server serves the committed copy of
// this schema (package schemas); reflection runs in tests and for a tool
// without a committed file.
func reflectSchema[P any]() json.RawMessage {
	s := reflectTree[P]()
	lean(s)
	return encodeSchema(s)
}

// reflectTree is the schema of P as reflection gives it, before lean.
func reflectTree[P any]() *jsonschema.Schema {
	r := jsonschema.Reflector{
		ExpandedStruct:             true,
		DoNotReference:             true,
		Anonymous:                  true,
		RequiredFromJSONSchemaTags: true,
	}
	s := r.Reflect(new(P))
	s.Version = ""
	return s
}

func encodeSchema(s *jsonschema.Schema) json.RawMessage {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(fmt.Sprintf("tools: encoding a schema: %v", err)) // programmer error
	}
	return json.RawMessage(bytes.TrimSpace(buf.Bytes()))
}

// lean drops keywords of a schema tree that cost tokens in every tool list
// and change nothing a model may send; what is validated stays exactly what
// is advertised, because both are this schema (TestLeanKeepsValidation):
//   - "default": every default a params struct names is onOffice's own,
//     applied when the argument is left out (a tool that applies a default
//     of its own says so in its description);
//   - an anyOf of bare types (string, number, an array) becomes one list
//     of types, with the array's "items".
func lean(s *jsonschema.Schema) {
	if s == nil {
		return
	}
	if s.Properties != nil {
		for p := s.Properties.Oldest(); p != nil; p = p.Next() {
			lean(p.Value)
		}
	}
	lean(s.Items)
	lean(s.AdditionalProperties)
	for _, sub := range [][]*jsonschema.Schema{s.AnyOf, s.OneOf, s.AllOf} {
		for _, x := range sub {
			lean(x)
		}
	}
	s.Default = nil
	if types, items, ok := bareTypes(s.AnyOf); ok && s.Type == "" && s.Items == nil {
		s.AnyOf = nil
		if s.Extras == nil {
			s.Extras = map[string]any{}
		}
		s.Extras["type"] = types
		s.Items = items
	}
}

// bareTypes reports whether the branches of an anyOf say nothing but a
// type each, except that one array branch may constrain its items (which
// apply to arrays only, so the union is unchanged); it returns the types
// and that branch's items schema.
func bareTypes(branches []*jsonschema.Schema) (types []string, items *jsonschema.Schema, ok bool) {
	if len(branches) < 2 {
		return nil, nil, false
	}
	for _, b := range branches {
		rest := *b
		rest.Type, rest.Items = "", nil
		if b.Type == "" || slices.Contains(types, b.Type) || !reflect.DeepEqual(rest, jsonschema.Schema{}) ||
			(b.Items != nil && b.Type != "array") {
			return nil, nil, false
		}
		if b.Items != nil {
			items = b.Items
		}
		types = append(types, b.Type)
	}
	return types, items, true
}

// toolSchema is a tool's input schema and its validator. Both are made on
// first use: a server lists a few of the 88 tools and calls fewer, and
// compiling a validator costs more than everything else a start does.
type toolSchema struct {
	reflect   func() json.RawMessage
	raw       func() json.RawMessage
	validator func() (*validator, error)
	compiled  atomic.Bool // for tests: whether the validator was built
}

func newToolSchema[P any](name string) *toolSchema {
	ts := &toolSchema{reflect: func() json.RawMessage { return reflectSchema[P]() }}
	ts.raw = sync.OnceValue(func() json.RawMessage {
		if raw, ok := schemas.Get(name); ok {
			return raw
		}
		return ts.reflect()
	})
	ts.validator = sync.OnceValues(func() (*validator, error) {
		ts.compiled.Store(true)
		v, err := newValidator(ts.raw())
		if err != nil {
			return nil, fmt.Errorf("tools: the schema of %s does not compile: %w", name, err)
		}
		return v, nil
	})
	return ts
}

// validator checks arguments against a compiled schema and explains
// failures in words a model can act on.
type validator struct {
	schema *validate.Schema
	props  map[string]propInfo
	names  []string
}

type propInfo struct {
	types []string // JSON types the property allows
}

func newValidator(raw json.RawMessage) (*validator, error) {
	doc, err := validate.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	c := validate.NewCompiler()
	if err := c.AddResource("tool.json", doc); err != nil {
		return nil, err
	}
	sch, err := c.Compile("tool.json")
	if err != nil {
		return nil, err
	}
	v := &validator{schema: sch, props: map[string]propInfo{}}
	var top struct {
		Properties map[string]struct {
			Type  any   `json:"type"`
			AnyOf []any `json:"anyOf"`
		} `json:"properties"`
	}
	_ = json.Unmarshal(raw, &top)
	for name, p := range top.Properties {
		var info propInfo
		switch t := p.Type.(type) {
		case string:
			info.types = []string{t}
		case []any:
			for _, e := range t {
				if s, ok := e.(string); ok {
					info.types = append(info.types, s)
				}
			}
		}
		v.props[name] = info
		v.names = append(v.names, name)
	}
	sort.Strings(v.names)
	return v, nil
}

var printer = message.NewPrinter(language.English)

// validate coerces common slips (a number sent as a string, a single value
// for a list) and validates; it returns the normalized arguments.
func (v *validator) validate(args json.RawMessage) (json.RawMessage, error) {
	if len(bytes.TrimSpace(args)) == 0 || string(bytes.TrimSpace(args)) == "null" {
		args = json.RawMessage("{}")
	}
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(args))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return nil, &ArgError{Message: "the arguments must be a JSON object of named arguments"}
	}
	for name, val := range obj {
		if info, ok := v.props[name]; ok {
			obj[name] = coerce(val, info.types)
		}
	}
	normalized, err := json.Marshal(obj)
	if err != nil {
		return nil, &ArgError{Message: "the arguments must be a JSON object of named arguments"}
	}
	inst, err := validate.UnmarshalJSON(bytes.NewReader(normalized))
	if err != nil {
		return nil, &ArgError{Message: "the arguments must be a JSON object of named arguments"}
	}
	if err := v.schema.Validate(inst); err != nil {
		return nil, v.explain(err)
	}
	return normalized, nil
}

var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

func coerce(val any, types []string) any {
	if len(types) != 1 {
		return val
	}
	switch types[0] {
	case "integer", "number":
		// Only a finite number in JSON syntax: "NaN" or "Infinity" stay
		// strings and get a type error naming the argument.
		if s, ok := val.(string); ok {
			s = strings.TrimSpace(s)
			if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && jsonNumber.MatchString(s) {
				return json.Number(s)
			}
		}
	case "boolean":
		if s, ok := val.(string); ok {
			if b, err := strconv.ParseBool(s); err == nil {
				return b
			}
		}
	case "array":
		switch val.(type) {
		case []any, nil, map[string]any:
		default:
			return []any{val}
		}
	}
	return val
}

// explain turns a validation error into one ArgError naming the first bad argument.
func (v *validator) explain(err error) error {
	ve, ok := err.(*validate.ValidationError)
	if !ok {
		return &ArgError{Message: err.Error()}
	}
	first := v.leafError(firstLeaf(ve))
	// A misspelled argument often shows up as an unknown one plus a missing
	// one; say both, so the model can fix the call in one go.
	var unknown *ArgError
	for _, c := range ve.Causes {
		if k, ok := c.ErrorKind.(*kind.AdditionalProperties); ok && len(c.InstanceLocation) == 0 && first.Arg != k.Properties[0] {
			unknown = v.leafError(c)
		}
	}
	if unknown != nil {
		first.Message += fmt.Sprintf("; also, `%s` is an %s", unknown.Arg, unknown.Message)
	}
	return first
}

func (v *validator) leafError(leaf *validate.ValidationError) *ArgError {
	arg := strings.Join(leaf.InstanceLocation, ".")
	switch k := leaf.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		if arg == "" {
			return &ArgError{Arg: k.Properties[0], Message: "unknown argument; allowed arguments: " + strings.Join(v.names, ", ")}
		}
		return &ArgError{Arg: arg, Message: fmt.Sprintf("unknown key %q", k.Properties[0])}
	case *kind.Required:
		name := k.Missing[0]
		if arg != "" {
			name = arg + "." + name
		}
		return &ArgError{Arg: name, Message: "is required but missing"}
	case *kind.Type:
		msg := fmt.Sprintf("must be of type %s, got %s", strings.Join(k.Want, " or "), k.Got)
		if k.Got == "string" && (slices.Contains(k.Want, "integer") || slices.Contains(k.Want, "number")) {
			msg += " (a finite number in digits; NaN and Infinity are not numbers)"
		}
		return &ArgError{Arg: arg, Message: msg}
	}
	return &ArgError{Arg: arg, Message: leaf.ErrorKind.LocalizedString(printer)}
}

// firstLeaf finds the most specific cause, skipping schema-combinator wrappers.
func firstLeaf(e *validate.ValidationError) *validate.ValidationError {
	for len(e.Causes) > 0 {
		next := e.Causes[0]
		// Prefer the cause that points deepest into the arguments.
		for _, c := range e.Causes[1:] {
			if len(c.InstanceLocation) > len(next.InstanceLocation) {
				next = c
			}
		}
		e = next
	}
	return e
}
