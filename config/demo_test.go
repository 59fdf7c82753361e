package config

import (
	"strings"
	"testing"
	"time"
)

func TestDemoDate(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    time.Time
		wantErr string
	}{
		{"default is today", []string{"--demo"}, nil, time.Time{}, ""},
		{"flag", []string{"--demo", "--demo-date", "2027-01-01"}, nil, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), ""},
		{"environment", []string{"--demo"}, map[string]string{"ONOFFICE_DEMO_DATE": "2026-12-03"}, time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC), ""},
		{"flag wins", []string{"--demo", "--demo-date=2027-06-30"}, map[string]string{"ONOFFICE_DEMO_DATE": "2026-12-03"}, time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), ""},
		{"German format", []string{"--demo", "--demo-date", "03.12.2026"}, nil, time.Time{}, `invalid demo date "03.12.2026": a day as YYYY-MM-DD`},
		{"no day", []string{"--demo", "--demo-date", "2026-02-30"}, nil, time.Time{}, `invalid demo date "2026-02-30"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			c, err := Load(tt.args, func(k string) string { return tt.env[k] }, &out)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !c.DemoDate.Equal(tt.want) {
				t.Errorf("DemoDate %v, want %v", c.DemoDate, tt.want)
			}
		})
	}
}
