// Package redistest starts a real redis-server for tests.
package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Password is what the test Redis requires; it must never show up in a
// log line or an answer.
const Password = "redis-test-password-5ecret0123456789"

// Start runs redis-server (Debian package redis-server) on a free loopback
// port until the test ends and returns its URL with the password. Without
// redis-server the test is skipped, except under CI=true, where it fails:
// CI must exercise the shared store.
func Start(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("redis-server is not installed (apt-get install redis-server); CI needs it")
		}
		t.Skip("redis-server is not installed (apt-get install redis-server): skipping the shared-store test")
	}
	// The free port may be taken between Close and the server's bind; a
	// few attempts make that race harmless.
	var lastErr error
	for range 3 {
		url, err := start(t, bin)
		if err == nil {
			return url
		}
		lastErr = err
	}
	t.Fatalf("redis-server: %v", lastErr)
	return ""
}

func start(t testing.TB, bin string) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	_ = ln.Close()
	cmd := exec.Command(bin, "--bind", "127.0.0.1", "--port", strconv.Itoa(port),
		"--save", "", "--appendonly", "no", "--requirepass", Password, "--dir", t.TempDir())
	if err := cmd.Start(); err != nil {
		return "", err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		_ = cmd.Process.Kill()
		<-exited
	}
	url := fmt.Sprintf("redis://:%s@127.0.0.1:%d/0", Password, port)
	opt, _ := redis.ParseURL(url)
	c := redis.NewClient(opt)
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	for {
		if c.Ping(ctx).Err() == nil {
			t.Cleanup(stop)
			return url, nil
		}
		select {
		case err := <-exited:
			return "", fmt.Errorf("exited before answering: %v", err)
		case <-ctx.Done():
			stop()
			return "", fmt.Errorf("no answer on port %d", port)
		case <-time.After(20 * time.Millisecond):
		}
	}
}
