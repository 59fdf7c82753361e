package config

import (
	"io"
	"strings"
	"testing"
)

// TestAPIURLChecks: a bad --api-url stops the start without repeating the
// URL's password; plain http to another machine needs --allow-insecure-http.
func TestAPIURLChecks(t *testing.T) {
	const pw = "pr0xy-Passw0rd-9"
	tests := []struct {
		name    string
		flags   []string
		wantErr string
	}{
		{"not http", []string{"--api-url=ftp://proxy:" + pw + "@host/api"}, "an http or https URL is expected"},
		{"does not parse", []string{"--api-url=http://proxy:" + pw + "@bad host/api"}, "an http or https URL is expected"},
		{"plain http elsewhere", []string{"--api-url=http://proxy:" + pw + "@onoffice.example.com/api.php"}, "--allow-insecure-http"},
		{"plain http elsewhere, meant", []string{"--api-url=http://onoffice.example.com/api.php", "--allow-insecure-http"}, ""},
		{"plain http on loopback", []string{"--api-url=http://127.0.0.1:9/api.php"}, ""},
		{"plain http on localhost", []string{"--api-url=http://localhost:9/api.php"}, ""},
		{"https with a proxy password", []string{"--api-url=https://proxy:" + pw + "@onoffice.example.com/api.php"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.flags, func(string) string { return "" }, io.Discard)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("error: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("error = %v, want %q", err, tc.wantErr)
			}
			if err != nil && (strings.Contains(err.Error(), pw) || strings.Contains(err.Error(), "proxy:")) {
				t.Errorf("the error shows the userinfo: %v", err)
			}
		})
	}
}
