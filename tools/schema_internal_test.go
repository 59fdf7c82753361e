package tools

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// TestValidationMessages checks that each kind of bad argument is named with
// what is wrong and what is allowed.
func TestValidationMessages(t *testing.T) {
	type params struct {
		ID    int      `json:"id" jsonschema:"required,minimum=1"`
		Order string   `json:"sortorder,omitempty" jsonschema:"enum=ASC,enum=DESC"`
		Limit int      `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=500"`
		Data  []string `json:"data,omitempty"`
		Flag  bool     `json:"flag,omitempty"`
	}
	v := mustValidator(t, reflectSchema[params]())
	tests := []struct {
		name, args, arg string
		contains        []string
	}{
		{"missing required", `{}`, "id", []string{"required"}},
		{"wrong type", `{"id": "abc"}`, "id", []string{"integer", "string"}},
		{"enum", `{"id": 1, "sortorder": "UP"}`, "sortorder", []string{"ASC", "DESC"}},
		{"out of range", `{"id": 1, "listlimit": 900}`, "listlimit", []string{"500"}},
		{"unknown argument", `{"id": 1, "colour": "red"}`, "colour", []string{"allowed arguments: data, flag, id, listlimit, sortorder"}},
		{"misspelled required", `{"ID": 1}`, "id", []string{"required", "`ID` is an unknown argument"}},
		{"not an object", `[1, 2]`, "", []string{"JSON object"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := v.validate(json.RawMessage(tt.args))
			var ae *ArgError
			if !errors.As(err, &ae) {
				t.Fatalf("error %v is not an ArgError", err)
			}
			if ae.Arg != tt.arg {
				t.Errorf("names %q, want %q (%v)", ae.Arg, tt.arg, err)
			}
			for _, c := range tt.contains {
				if !strings.Contains(err.Error(), c) {
					t.Errorf("%q does not say %q", err.Error(), c)
				}
			}
		})
	}
}

// TestCoercion: common slips of models are repaired before validation.
func TestCoercion(t *testing.T) {
	type params struct {
		ID   int      `json:"id" jsonschema:"required"`
		Data []string `json:"data,omitempty"`
		Flag bool     `json:"flag,omitempty"`
	}
	v := mustValidator(t, reflectSchema[params]())
	out, err := v.validate(json.RawMessage(`{"id": "42", "data": "ort", "flag": "true"}`))
	if err != nil {
		t.Fatal(err)
	}
	var p params
	if err := json.Unmarshal(out, &p); err != nil || p.ID != 42 || len(p.Data) != 1 || p.Data[0] != "ort" || !p.Flag {
		t.Errorf("coerced to %+v (%v)", p, err)
	}
}

func mustValidator(t *testing.T, raw json.RawMessage) *validator {
	t.Helper()
	v, err := newValidator(raw)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestValidatorsCompileOnFirstUse: building the catalogue compiles no
// validator (a server calls few of its tools), and every tool's validator
// compiles once it is needed, so deferring loses nothing.
func TestValidatorsCompileOnFirstUse(t *testing.T) {
	all := All()
	for _, tool := range all {
		if tool.schema.compiled.Load() {
			t.Fatalf("%s: validator compiled before the tool's first use", tool.Name)
		}
	}
	for _, tool := range all {
		if _, err := tool.schema.validator(); err != nil {
			t.Errorf("%s: %v", tool.Name, err)
		}
	}
}

// TestLeanKeepsValidation: the keywords lean drops change nothing that is
// accepted or refused. Each argument is validated by the lean schema and by
// the schema as reflected, and both must agree.
func TestLeanKeepsValidation(t *testing.T) {
	type params struct {
		Filter  Filter          `json:"filter,omitempty"`
		Sort    SortBy          `json:"sortby,omitempty"`
		Data    FieldValues     `json:"data,omitempty"`
		Search  SearchValues    `json:"searchdata,omitempty"`
		To      []MailRecipient `json:"receiver,omitempty"`
		Order   string          `json:"sortorder,omitempty" jsonschema:"enum=ASC,enum=DESC"`
		Country string          `json:"country,omitempty" jsonschema:"enum=DEU,enum=AUT,default=DEU"`
	}
	lean := reflectSchema[params]()
	for _, k := range []string{"anyOf", `"default"`} {
		if strings.Contains(string(lean), k) {
			t.Errorf("lean schema still has %s: %s", k, lean)
		}
	}
	leanV, fullV := mustValidator(t, lean), mustValidator(t, encodeSchema(reflectTree[params]()))
	tests := []struct {
		args string
		ok   bool
	}{
		{`{"filter":{"ort":[{"op":"=","val":"Köln"}]}}`, true},
		{`{"filter":{"kaufpreis":[{"op":"between","val":[100000,200000]}]}}`, true},
		{`{"filter":{"ort":[{"op":"in","val":["Köln",5]}]}}`, true},
		{`{"filter":{"ort":[{"op":"=","val":{"a":1}}]}}`, false},
		{`{"filter":{"ort":[{"op":"=","val":true}]}}`, false},
		{`{"filter":{"ort":[{"op":"=","val":null}]}}`, false},
		{`{"filter":{"ort":[{"op":"in","val":[["Köln"]]}]}}`, false},
		{`{"filter":{"ort":[{"op":"in","val":[{"a":1}]}]}}`, false},
		{`{"filter":{"ort":[{"op":"in","val":[true]}]}}`, false},
		{`{"filter":{"ort":[{"op":3,"val":"x"}]}}`, false},
		{`{"filter":{"ort":[{"val":"x"}]}}`, false},
		{`{"filter":{"ort":[{"op":"=","val":"x","not":1}]}}`, false},
		{`{"filter":{"ort":{"op":"=","val":"x"}}}`, false},
		{`{"sortby":{"ort":"ASC"}}`, true},
		{`{"sortby":{"ort":"asc"}}`, false},
		{`{"sortby":{"ort":1}}`, false},
		{`{"data":{"Name":"Roth","Preis":5,"Aktiv":true,"Merkmale":["a",2]}}`, true},
		{`{"data":{"Merkmale":[true]}}`, false},
		{`{"data":{"Name":{"x":1}}}`, false},
		{`{"data":{"Name":null}}`, false},
		{`{"searchdata":{"ort":"Köln","zimmer":3,"balkon":true}}`, true},
		{`{"searchdata":{"ort":["Köln"]}}`, false},
		{`{"receiver":["eva@example.com",10023]}`, true},
		{`{"receiver":[1.5]}`, false},
		{`{"receiver":[{"id":1}]}`, false},
		{`{"sortorder":"DESC","country":"AUT"}`, true},
		{`{"sortorder":"down"}`, false},
		{`{"country":1}`, false},
	}
	for _, tt := range tests {
		_, errLean := leanV.validate(json.RawMessage(tt.args))
		_, errFull := fullV.validate(json.RawMessage(tt.args))
		if (errLean == nil) != tt.ok || (errFull == nil) != tt.ok {
			t.Errorf("%s: lean schema says %v, reflected schema says %v; want ok=%v", tt.args, errLean, errFull, tt.ok)
		}
	}
}
