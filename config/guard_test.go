package config

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

const testConfirmKey = "k3y-0123456789-0123456789-0123456789"

func loadGuard(t *testing.T, args []string, env map[string]string) (*Config, string, error) {
	t.Helper()
	var out strings.Builder
	c, err := Load(args, func(k string) string { return env[k] }, &out)
	return c, out.String(), err
}

func TestGuardConfig(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    GuardConfig
		wantErr string
	}{
		{name: "defaults", want: GuardConfig{Confirm: ConfirmWrites, ConfirmTTL: 5 * time.Minute}},
		{name: "flags", args: []string{"--confirm=destructive", "--confirm-ttl=90s", "--confirm-key=" + testConfirmKey, "--audit-log=/var/log/onoffice-audit.jsonl"},
			want: GuardConfig{Confirm: ConfirmDestructive, ConfirmTTL: 90 * time.Second, ConfirmKey: testConfirmKey, AuditLog: "/var/log/onoffice-audit.jsonl"}},
		{name: "environment", env: map[string]string{"ONOFFICE_CONFIRM": "off", "ONOFFICE_CONFIRM_TTL": "2m", "ONOFFICE_CONFIRM_KEY": testConfirmKey, "ONOFFICE_AUDIT_LOG": "audit.jsonl"},
			want: GuardConfig{Confirm: ConfirmOff, ConfirmTTL: 2 * time.Minute, ConfirmKey: testConfirmKey, AuditLog: "audit.jsonl"}},
		{name: "flag wins over environment", args: []string{"--confirm=writes", "--confirm-key=" + testConfirmKey + "-flag"}, env: map[string]string{"ONOFFICE_CONFIRM": "off", "ONOFFICE_CONFIRM_KEY": testConfirmKey},
			want: GuardConfig{Confirm: ConfirmWrites, ConfirmTTL: 5 * time.Minute, ConfirmKey: testConfirmKey + "-flag"}},
		{name: "unknown policy", args: []string{"--confirm=sometimes"}, wantErr: `invalid confirm policy "sometimes"`},
		{name: "zero ttl", args: []string{"--confirm-ttl=0s"}, wantErr: "invalid confirm TTL"},
		{name: "negative ttl", env: map[string]string{"ONOFFICE_CONFIRM_TTL": "-1m"}, wantErr: "invalid confirm TTL"},
		{name: "ttl too long", args: []string{"--confirm-ttl=48h"}, wantErr: "invalid confirm TTL"},
		{name: "malformed ttl", env: map[string]string{"ONOFFICE_CONFIRM_TTL": "soon"}, wantErr: "ONOFFICE_CONFIRM_TTL"},
		{name: "short key", env: map[string]string{"ONOFFICE_CONFIRM_KEY": "short-secret"}, wantErr: "invalid confirm key: 12 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := loadGuard(t, tt.args, tt.env)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "short-secret") {
					t.Fatalf("error shows the key: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if g := c.Guard; g != tt.want {
				t.Fatalf("got %+v, want %+v", c.Guard, tt.want)
			}
		})
	}
}

func TestConfirmKeyNeverShown(t *testing.T) {
	env := map[string]string{"ONOFFICE_CONFIRM_KEY": testConfirmKey}
	_, usage, err := loadGuard(t, []string{"--help"}, env)
	if err != ErrHelp {
		t.Fatalf("help: %v", err)
	}
	if strings.Contains(usage, testConfirmKey) || !strings.Contains(usage, "-confirm-key") || !strings.Contains(usage, "ONOFFICE_CONFIRM_KEY") {
		t.Fatalf("usage shows the key or lacks the flag:\n%s", usage)
	}
	c, _, err := loadGuard(t, nil, env)
	if err != nil {
		t.Fatal(err)
	}
	if string(c.Guard.ConfirmKey.Bytes()) != testConfirmKey {
		t.Fatal("key not read from the environment")
	}
	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "guard", c.Guard, "key", c.Guard.ConfirmKey)
	js, _ := json.Marshal(c.Guard)
	for name, s := range map[string]string{
		"%v": fmt.Sprintf("%v", c.Guard), "%+v": fmt.Sprintf("%+v", c), "%#v": fmt.Sprintf("%#v", c.Guard),
		"%s": fmt.Sprintf("%s", c.Guard.ConfirmKey), "slog": logged.String(), "json": string(js),
	} {
		if strings.Contains(s, testConfirmKey) {
			t.Errorf("%s output shows the key: %s", name, s)
		}
	}
}
