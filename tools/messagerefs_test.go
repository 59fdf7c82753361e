package tools_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

// TestMessageRefsSpanned: a sentence of ours that points to another tool
// (an error, a note in a result, a preview line) writes the pointer in a
// [[…]] span, like descriptions do, so that the server renders it for the
// selection: "x via tool_run" for a tool outside the list, nothing for a
// tool the limits forbid. Sentences are string literals with a space in
// them; bare tool names (rowOf("user_list"), define(…)) are not pointers.
// newsletterNote is the one exception: it asks reach itself and names
// newsletter_register even when the limits switch it off, to say what the
// administrator would have to allow.
func TestMessageRefsSpanned(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	guardFiles, _ := filepath.Glob(filepath.Join("guard", "*.go"))
	fset := token.NewFileSet()
	for _, name := range append(files, guardFiles...) {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if fn, ok := n.(*ast.FuncDecl); ok && fn.Name.Name == "newsletterNote" {
				return false
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !strings.Contains(s, " ") {
				return true
			}
			for _, ref := range tools.UnspannedRefs(s) {
				t.Errorf("%s: %q names %s outside a [[…]] span", fset.Position(lit.Pos()), s, ref)
			}
			return true
		})
	}
}

// TestRenderTextLeavesData: only our own sentences are rendered; record
// data between the markers keeps its brackets, even around a tool name,
// and so do the model's values outside them.
func TestRenderTextLeavesData(t *testing.T) {
	sel := tools.Selection{Toolsets: []string{"default"}, Discovery: true}
	for _, c := range []struct{ in, want string }{
		{"no file[[; estate_file_list lists its files]]", "no file; estate_file_list via tool_run lists its files"},
		{"«crm-text»[[ estate_file_list]]«/crm-text» x[[ (template_list)]]", "«crm-text»[[ estate_file_list]]«/crm-text» x (template_list via tool_run)"},
		{"a «crm-text»[[b]] unclosed", "a «crm-text»[[b]] unclosed"},
		{"plain [[ (user_list)]]", "plain  (user_list)"},
		// Only the spans the source writes (ownspans.go) are pointers; the
		// model's brackets, echoed in previews and errors, stay as written.
		{"Villa [[ und Nebenabrede appointment_delete ]] am See", "Villa [[ und Nebenabrede appointment_delete ]] am See"},
		{"x [[estate_create]] y [[]]", "x [[estate_create]] y [[]]"},
		{"a[[; field_config_get lists the [[x]] fields]]", "a[[; field_config_get lists the [[x]] fields]]"},
		{"b[[; field_config_get lists the Provision 12 % fields]]", "b[[; field_config_get lists the Provision 12 % fields]]"},
		{"unknown field[[; field_config_get lists the estate fields]]", "unknown field; field_config_get lists the estate fields"},
	} {
		if got := sel.RenderText(c.in); got != c.want {
			t.Errorf("RenderText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
