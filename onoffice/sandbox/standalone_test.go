package sandbox

import (
	"strings"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    Flags
		wantErr string
	}{
		{"defaults", nil, nil, Flags{Addr: "127.0.0.1:8090"}, ""},
		{"flag", []string{"--addr", "127.0.0.1:0", "--demo-date", "2027-01-01"}, nil, Flags{Addr: "127.0.0.1:0", DemoDate: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}, ""},
		{"environment", nil, map[string]string{"ONOFFICE_DEMO_DATE": "2026-12-03"}, Flags{Addr: "127.0.0.1:8090", DemoDate: testDemoDate}, ""},
		{"flag wins", []string{"--demo-date=2027-06-30"}, map[string]string{"ONOFFICE_DEMO_DATE": "2026-12-03"}, Flags{Addr: "127.0.0.1:8090", DemoDate: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)}, ""},
		{"bad day", []string{"--demo-date", "tomorrow"}, nil, Flags{}, `invalid demo date "tomorrow"`},
		{"argument", []string{"serve"}, nil, Flags{}, `unexpected argument "serve"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			got, err := ParseFlags(tt.args, func(k string) string { return tt.env[k] }, &out)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got.Addr != tt.want.Addr || !got.DemoDate.Equal(tt.want.DemoDate) {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

// TestDemoDateDefault: without WithDemoDate, the reference day is the day
// the server starts, on its clock.
func TestDemoDateDefault(t *testing.T) {
	now := time.Date(2027, 3, 14, 23, 30, 0, 0, time.UTC)
	sb := New(WithClock(func() time.Time { return now }))
	if got := sb.DemoDate(); !got.Equal(time.Date(2027, 3, 14, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("reference day %v, want 2027-03-14", got)
	}
	if got := New(WithClock(func() time.Time { return now }), WithDemoDate(testDemoDate)).DemoDate(); !got.Equal(testDemoDate) {
		t.Errorf("pinned reference day %v, want %v", got, testDemoDate)
	}
}
