package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// sharedVars are exported variables of a mutable kind that other packages
// must reach as they are, with the reason.
var sharedVars = map[string]string{
	// mcp-go takes the output schema as raw bytes.
	"tools/condense.OutputSchema": "handed to mcp-go as json.RawMessage",
}

// TestNoExportedMutableState: no package exports a slice, map or pointer
// variable that another package could change under it (the catalogue, a
// vocabulary list): such data is unexported and reached through a function
// that returns a copy, or a lookup.
func TestNoExportedMutableState(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if !name.IsExported() || !mutableKind(vs, i) {
						continue
					}
					key := filepath.ToSlash(filepath.Dir(path)) + "." + name.Name
					if _, ok := sharedVars[key]; !ok {
						t.Errorf("%s: exported variable %s can be changed by other packages; unexport it and offer a copy or a lookup", fset.Position(name.Pos()), name.Name)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// mutableKind reports whether the i-th variable of vs is a slice, map or
// pointer, by its declared type or its composite-literal value.
func mutableKind(vs *ast.ValueSpec, i int) bool {
	typ := vs.Type
	if typ == nil && i < len(vs.Values) {
		switch v := vs.Values[i].(type) {
		case *ast.CompositeLit:
			typ = v.Type
		case *ast.UnaryExpr:
			return v.Op == token.AND
		case *ast.CallExpr:
			typ = v.Fun // conversions such as json.RawMessage(…)
		}
	}
	switch tt := typ.(type) {
	case *ast.ArrayType:
		return tt.Len == nil
	case *ast.MapType, *ast.StarExpr:
		return true
	case *ast.SelectorExpr:
		return tt.Sel.Name == "RawMessage"
	}
	return false
}
