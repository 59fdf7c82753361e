package sandbox

import (
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// TestRequestLog: tests see every action; a server made WithoutRequestLog
// (--demo, standalone) keeps none, so its memory does not grow per call.
func TestRequestLog(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts []ServerOption
		want int
	}{
		{"kept", nil, 3},
		{"not kept", []ServerOption{WithoutRequestLog()}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sb := New(append(tt.opts, WithDemoDate(testDemoDate))...)
			c := onoffice.New(serve(t, sb)+StablePath, DemoToken, DemoSecret)
			for range 3 {
				mustCall(t, c, onoffice.VerbRead, "estate", "", map[string]any{"data": []string{"Id"}, "listlimit": 1})
			}
			if got := len(sb.Requests()); got != tt.want {
				t.Errorf("%d actions logged, want %d", got, tt.want)
			}
		})
	}
}
