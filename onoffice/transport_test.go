package onoffice_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

const okAnswer = `{"status":{"code":200,"errorcode":0,"message":"OK"},"response":{"results":[
	{"identifier":"a1","data":{"meta":{"cntabsolute":1},"records":[{"id":1,"type":"estate","elements":{"ort":"Köln"}}]},"status":{"errorcode":0,"message":"OK"}}]}}`

var readEstate = onoffice.Action{Verb: onoffice.VerbRead, ResourceType: "estate"}

// TestOnOfficeErrorTextIsRedacted: onOffice's own JSON error text may echo
// the token or secret; neither reaches the error.
func TestOnOfficeErrorTextIsRedacted(t *testing.T) {
	echo := fmt.Sprintf(`{"status":{"code":400,"errorcode":22,"message":"token %s unknown, secret %s"},"response":{"results":[]}}`, testToken, testSecret)
	perAction := fmt.Sprintf(`{"status":{"code":200,"errorcode":0,"message":"OK"},"response":{"results":[{"identifier":"a1","data":[],"status":{"errorcode":137,"message":"hmac of %s with %s"}}]}}`, testToken, testSecret)
	for name, body := range map[string]string{"request": echo, "action": perAction} {
		t.Run(name, func(t *testing.T) {
			srv := fakeAPI(t, 200, body, nil)
			_, err := onoffice.New(srv.URL, testToken, testSecret).Call(context.Background(), readEstate)
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), testSecret) || !strings.Contains(err.Error(), "[redacted]") {
				t.Errorf("error = %v", err)
			}
		})
	}
}

// TestURLUserinfoNeverShown: a proxy password in the endpoint URL stays
// out of errors on refused connections and timeouts.
func TestURLUserinfoNeverShown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://proxyuser:pr0xyPassw0rd@" + ln.Addr().String() + "/api.php"
	ln.Close()
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}))
	defer slow.Close()
	timeout := strings.Replace(slow.URL, "http://", "http://proxyuser:pr0xyPassw0rd@", 1)
	for name, url := range map[string]string{"refused": refused, "timeout": timeout} {
		t.Run(name, func(t *testing.T) {
			c := onoffice.New(url, testToken, testSecret, onoffice.WithHTTPClient(&http.Client{Timeout: 100 * time.Millisecond}))
			_, err := c.Call(context.Background(), readEstate)
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "pr0xyPassw0rd") || strings.Contains(err.Error(), "proxyuser") {
				t.Errorf("userinfo in error: %v", err)
			}
		})
	}
}

// TestRedirectsAreNotFollowed: a redirect would send the signed body to
// another host; it is reported with the target host instead.
func TestRedirectsAreNotFollowed(t *testing.T) {
	var hits atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = io.WriteString(w, okAnswer)
	}))
	defer target.Close()
	for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, target.URL+"/steal", code)
			}))
			defer srv.Close()
			_, err := onoffice.New(srv.URL, testToken, testSecret).Call(onoffice.AsRead(context.Background()), readEstate)
			host := strings.TrimPrefix(target.URL, "http://")
			if err == nil || !strings.Contains(err.Error(), "redirects to "+host) {
				t.Errorf("error = %v", err)
			}
			if hits.Load() != 0 {
				t.Fatalf("the redirect was followed %d times", hits.Load())
			}
		})
	}
}

// TestAnswerSizeIsCapped: an answer over the cap fails with advice to ask
// for less, whether or not its length is announced.
func TestAnswerSizeIsCapped(t *testing.T) {
	big := `{"status":{"code":200,"errorcode":0,"message":"OK"},"response":{"results":[{"identifier":"a1","data":{"records":[{"id":1,"elements":{"x":"` + strings.Repeat("a", 3<<20) + `"}}]},"status":{"errorcode":0}}]}}`
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprint("chunked=", chunked), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !chunked {
					w.Header().Set("Content-Length", fmt.Sprint(len(big)))
				}
				_, _ = io.WriteString(w, big)
			}))
			defer srv.Close()
			_, err := onoffice.New(srv.URL, testToken, testSecret, onoffice.WithMaxAnswer(1<<20)).Call(context.Background(), readEstate)
			if err == nil || !strings.Contains(err.Error(), "over the limit of 1 MB") || !strings.Contains(err.Error(), "listlimit") {
				t.Errorf("error = %v", err)
			}
		})
	}
	srv := fakeAPI(t, 200, big, nil)
	if _, err := onoffice.New(srv.URL, testToken, testSecret, onoffice.WithMaxAnswer(4<<20)).Call(context.Background(), readEstate); err != nil {
		t.Errorf("an answer under the cap failed: %v", err)
	}
}

// flaky answers with the given statuses in turn, then with okAnswer.
func flaky(t *testing.T, statuses ...int) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i < len(statuses) {
			w.WriteHeader(statuses[i])
			_, _ = io.WriteString(w, "<html>busy</html>")
			return
		}
		_, _ = io.WriteString(w, okAnswer)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestReadsAreRetriedWritesAreNot(t *testing.T) {
	modify := onoffice.Action{Verb: onoffice.VerbModify, ResourceType: "estate", ResourceID: "1"}
	link := onoffice.Action{Verb: onoffice.VerbGet, ResourceType: "downloadFiles"}
	tests := []struct {
		name      string
		read      bool
		action    onoffice.Action
		statuses  []int
		wantTries int32
		wantErr   string
	}{
		{"read after 503 and 429", true, readEstate, []int{503, 429}, 3, ""},
		{"read after 502 three times", true, readEstate, []int{502, 502, 502}, 4, ""},
		{"read gives up after four tries", true, readEstate, []int{500, 500, 500, 500, 500}, 4, "HTTP 500"},
		{"400 is not retried", true, readEstate, []int{400}, 1, "HTTP 400"},
		{"unmarked read is not retried", false, readEstate, []int{503}, 1, "HTTP 503"},
		{"write is not retried", true, modify, []int{503}, 1, "is unknown"},
		{"get with an outside effect is not retried", true, link, []int{503}, 1, "is unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, n := flaky(t, tc.statuses...)
			ctx := context.Background()
			if tc.read {
				ctx = onoffice.AsRead(ctx)
			}
			c := onoffice.New(srv.URL, testToken, testSecret, onoffice.WithRetryBackoff(time.Millisecond))
			_, err := c.Call(ctx, tc.action)
			if n.Load() != tc.wantTries {
				t.Errorf("%d tries, want %d", n.Load(), tc.wantTries)
			}
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("error = %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("error = %v, want %q", err, tc.wantErr)
			}
		})
	}
}

// TestWriteNotReachedSaysSo: a write whose connection was refused never
// reached onOffice; its error does not claim an unknown outcome.
func TestWriteNotReachedSaysSo(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	_, err = onoffice.New(url, testToken, testSecret).Call(context.Background(), onoffice.Action{Verb: onoffice.VerbCreate, ResourceType: "estate"})
	if err == nil || strings.Contains(err.Error(), "unknown") {
		t.Errorf("error = %v", err)
	}
	var oe *onoffice.Error
	if !errors.As(err, &oe) {
		t.Errorf("not an onoffice error: %T", err)
	}
}

// TestLargeAnswersTakeTurns: while one call holds a large answer (until its
// result is rendered), another large answer waits; a small one does not.
func TestLargeAnswersTakeTurns(t *testing.T) {
	big := `{"status":{"code":200,"errorcode":0,"message":"OK"},"response":{"results":[{"identifier":"a1","data":{"records":[{"id":1,"elements":{"x":"` + strings.Repeat("a", 5<<20) + `"}}]},"status":{"errorcode":0}}]}}`
	bigSrv := fakeAPI(t, 200, big, nil)
	smallSrv := fakeAPI(t, 200, okAnswer, nil)
	c := onoffice.New(bigSrv.URL, testToken, testSecret)
	first, release := onoffice.HoldAnswers(context.Background())
	if _, err := c.Call(first, readEstate); err != nil {
		t.Fatal(err)
	}
	if _, err := onoffice.New(smallSrv.URL, testToken, testSecret).Call(context.Background(), readEstate); err != nil {
		t.Errorf("a small answer waited: %v", err)
	}
	second, cancel := context.WithCancel(context.Background())
	second, release2 := onoffice.HoldAnswers(second)
	defer release2()
	done := make(chan error, 1)
	go func() {
		_, err := c.Call(second, readEstate)
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("the second large answer did not wait: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	release()
	if err := <-done; err != nil {
		t.Errorf("after the release: %v", err)
	}
	cancel()
}
