package mcpserver_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// TestPDFExposeArrivesAsDocument: the exposé comes back as an embedded
// PDF resource, reached from the default selection through tool_run, and
// the text says what was attached; above --document-cap it is described,
// not attached, whatever the text budget.
func TestPDFExposeArrivesAsDocument(t *testing.T) {
	cases := []struct {
		flags    []string
		attached bool
	}{
		{[]string{"--toolsets=default", "--budget=1000"}, true},
		{[]string{"--toolsets=default", "--document-cap=1000"}, false},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.flags, " "), func(t *testing.T) {
			h := toolstest.New(t, c.flags...)
			estate := h.Sandbox.Store().Table("estate").Records[0]["Id"].(int)
			req := mcp.CallToolRequest{}
			req.Params.Name = "tool_run"
			req.Params.Arguments = json.RawMessage(fmt.Sprintf(`{"name":"estate_pdf_expose","arguments":{"estateid":%d,"template":"urn:onoffice-de-ns:smart:2.5:pdf:expose:lang:Standard"}}`, estate))
			res, err := h.Client.CallTool(context.Background(), req)
			if err != nil || res.IsError {
				t.Fatalf("call: %v %+v", err, res)
			}
			var text string
			var docs []mcp.BlobResourceContents
			for _, c := range res.Content {
				switch c := c.(type) {
				case mcp.TextContent:
					text += c.Text
				case mcp.EmbeddedResource:
					if b, ok := c.Resource.(mcp.BlobResourceContents); ok {
						docs = append(docs, b)
					}
				}
			}
			if !c.attached {
				if len(docs) != 0 || !strings.Contains(text, "Not attached") || !strings.Contains(text, "--document-cap") {
					t.Errorf("over the cap: %d documents, text %q", len(docs), text)
				}
				return
			}
			if len(docs) != 1 {
				t.Fatalf("%d embedded documents, want 1; text %q", len(docs), text)
			}
			d := docs[0]
			pdf, err := base64.StdEncoding.DecodeString(d.Blob)
			if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) || d.MIMEType != "application/pdf" {
				t.Errorf("document %s %s: %v %.20q", d.URI, d.MIMEType, err, pdf)
			}
			if !strings.Contains(text, "Attached: the PDF document") || !strings.Contains(text, "application/pdf") {
				t.Errorf("text does not say what was attached: %s", text)
			}
		})
	}
}
