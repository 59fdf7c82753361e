package guard

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newTestSigner(c *clock) *Signer {
	return NewSigner(testKey, 5*time.Minute, NewMemoryStore(c.now), c.now)
}

const modifyArgs = `{"id":3120,"data":{"kaufpreis":375000,"reserviert":true}}`

func TestTokenRoundTripAndRefusals(t *testing.T) {
	ctx := context.Background()
	c := &clock{time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)}
	s := newTestSigner(c)
	issue := func(p Purpose, tool, args string) string {
		t.Helper()
		tok, exp, err := s.Issue(p, tool, json.RawMessage(args), nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := c.t.Add(5 * time.Minute); !exp.Equal(want) {
			t.Fatalf("expires %v, want %v", exp, want)
		}
		return tok
	}
	other := NewSigner([]byte("another key, another key, another key"), 5*time.Minute, nil, c.now)
	otherTok, _, _ := other.Issue(PurposeConfirm, "estate_modify", json.RawMessage(modifyArgs), nil)

	flip := func(tok string) string {
		raw, _ := base64.RawURLEncoding.DecodeString(tok)
		raw[12] ^= 1 // inside the nonce
		return base64.RawURLEncoding.EncodeToString(raw)
	}

	tests := []struct {
		name    string
		token   func() string
		tool    string
		args    string
		advance time.Duration
		want    error
	}{
		{"same arguments", func() string { return issue(PurposeConfirm, "estate_modify", modifyArgs) }, "estate_modify", modifyArgs, 0, nil},
		{"same arguments in another order and layout", func() string { return issue(PurposeConfirm, "estate_modify", modifyArgs) },
			"estate_modify", "{ \"data\": {\"reserviert\": true, \"kaufpreis\": 375000}, \"id\": 3120 }", 0, nil},
		{"just before expiry", func() string { return issue(PurposeConfirm, "estate_modify", modifyArgs) }, "estate_modify", modifyArgs, 5*time.Minute - time.Millisecond, nil},
		{"changed value", func() string { return issue(PurposeConfirm, "estate_modify", modifyArgs) },
			"estate_modify", `{"id":3120,"data":{"kaufpreis":1,"reserviert":true}}`, 0, ErrArgsChanged},
		{"other record", func() string { return issue(PurposeConfirm, "estate_modify", modifyArgs) },
			"estate_modify", `{"id":3121,"data":{"kaufpreis":375000,"reserviert":true}}`, 0, ErrArgsChanged},
		{"added argument", func() string { return issue(PurposeConfirm, "estate_modify", modifyArgs) },
			"estate_modify", `{"id":3120,"data":{"kaufpreis":375000,"reserviert":true},"x":1}`, 0, ErrArgsChanged},
		{"number written differently", func() string { return issue(PurposeConfirm, "estate_modify", modifyArgs) },
			"estate_modify", `{"id":3120.0,"data":{"kaufpreis":375000,"reserviert":true}}`, 0, ErrArgsChanged},
		{"other tool", func() string { return issue(PurposeConfirm, "estate_modify", modifyArgs) }, "address_modify", modifyArgs, 0, ErrOtherTool},
		{"expired", func() string { return issue(PurposeConfirm, "estate_modify", modifyArgs) }, "estate_modify", modifyArgs, 5 * time.Minute, ErrExpired},
		{"prompt state used as token", func() string { return issue(PurposeElicit, "estate_modify", modifyArgs) }, "estate_modify", modifyArgs, 0, ErrWrongPurpose},
		{"signed with another key", func() string { return otherTok }, "estate_modify", modifyArgs, 0, ErrForged},
		{"one bit changed", func() string { return flip(issue(PurposeConfirm, "estate_modify", modifyArgs)) }, "estate_modify", modifyArgs, 0, ErrForged},
		{"cut short", func() string { return issue(PurposeConfirm, "estate_modify", modifyArgs)[:40] }, "estate_modify", modifyArgs, 0, ErrMalformed},
		{"not base64", func() string { return "not a token!" }, "estate_modify", modifyArgs, 0, ErrMalformed},
		{"huge", func() string { return strings.Repeat("A", 10000) }, "estate_modify", modifyArgs, 0, ErrMalformed},
		{"empty", func() string { return "" }, "estate_modify", modifyArgs, 0, ErrNoToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := c.t
			defer func() { c.t = start }()
			tok := tt.token()
			c.t = c.t.Add(tt.advance)
			err := s.Verify(ctx, PurposeConfirm, tt.tool, json.RawMessage(tt.args), tok)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				// Single use: the same token again is refused.
				if err := s.Verify(ctx, PurposeConfirm, tt.tool, json.RawMessage(tt.args), tok); !errors.Is(err, ErrUsed) {
					t.Fatalf("second use: %v, want ErrUsed", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestRefusedTokenIsNotSpent(t *testing.T) {
	// A token presented with wrong arguments must still work for the
	// confirmed ones: refusals spend nothing.
	ctx := context.Background()
	c := &clock{time.Unix(1_800_000_000, 0)}
	s := newTestSigner(c)
	tok, _, _ := s.Issue(PurposeConfirm, "estate_modify", json.RawMessage(modifyArgs), nil)
	if err := s.Verify(ctx, PurposeConfirm, "estate_modify", json.RawMessage(`{"id":1}`), tok); !errors.Is(err, ErrArgsChanged) {
		t.Fatal(err)
	}
	if err := s.Verify(ctx, PurposeConfirm, "estate_modify", json.RawMessage(modifyArgs), tok); err != nil {
		t.Fatal(err)
	}
}

func TestReplicasSharingKeyVerifyEachOther(t *testing.T) {
	ctx := context.Background()
	c := &clock{time.Unix(1_800_000_000, 0)}
	shared := NewMemoryStore(c.now) // stands in for a store all replicas reach
	a := NewSigner(testKey, time.Minute, shared, c.now)
	b := NewSigner(testKey, time.Minute, shared, c.now)
	tok, _, _ := a.Issue(PurposeConfirm, "task_create", json.RawMessage(`{"data":{"Betreff":"x"}}`), nil)
	if err := b.Verify(ctx, PurposeConfirm, "task_create", json.RawMessage(`{"data":{"Betreff":"x"}}`), tok); err != nil {
		t.Fatalf("replica b refused a's token: %v", err)
	}
	if err := a.Verify(ctx, PurposeConfirm, "task_create", json.RawMessage(`{"data":{"Betreff":"x"}}`), tok); !errors.Is(err, ErrUsed) {
		t.Fatalf("replay on replica a: %v, want ErrUsed", err)
	}
	// A process with a random key accepts none of them.
	r := NewSigner(nil, time.Minute, nil, c.now)
	if err := r.Verify(ctx, PurposeConfirm, "task_create", json.RawMessage(`{"data":{"Betreff":"x"}}`), tok); !errors.Is(err, ErrForged) {
		t.Fatalf("random-key replica: %v, want ErrForged", err)
	}
}

type failingStore struct{}

func (failingStore) MarkUsed(context.Context, string, time.Time) (bool, error) {
	return false, errors.New("store down")
}

func TestStoreFailureRunsNothing(t *testing.T) {
	s := NewSigner(testKey, time.Minute, failingStore{}, nil)
	tok, _, _ := s.Issue(PurposeConfirm, "email_send", json.RawMessage(`{}`), nil)
	if err := s.Verify(context.Background(), PurposeConfirm, "email_send", nil, tok); err == nil || !strings.Contains(err.Error(), "store down") {
		t.Fatalf("got %v", err)
	}
}

func TestMemoryStoreForgetsExpired(t *testing.T) {
	c := &clock{time.Unix(1_800_000_000, 0)}
	m := NewMemoryStore(c.now)
	for i := 0; i < 10; i++ {
		if fresh, _ := m.MarkUsed(context.Background(), string(rune('a'+i)), c.t.Add(time.Minute)); !fresh {
			t.Fatal("not fresh")
		}
	}
	if fresh, _ := m.MarkUsed(context.Background(), "a", c.t.Add(time.Minute)); fresh {
		t.Fatal("reuse not detected")
	}
	c.t = c.t.Add(time.Hour)
	_, _ = m.MarkUsed(context.Background(), "z", c.t.Add(time.Minute))
	if m.Len() != 1 {
		t.Fatalf("%d entries kept, want 1", m.Len())
	}
}

func TestCanonicalArgs(t *testing.T) {
	got, err := CanonicalArgs(json.RawMessage(` {"b": [1, 2.50, "<x>"], "a": {"z": null, "y": true}} `))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"a":{"y":true,"z":null},"b":[1,2.50,"<x>"]}`; string(got) != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	for _, empty := range []string{"", "null", " {} "} {
		if got, err := CanonicalArgs(json.RawMessage(empty)); err != nil || string(got) != "{}" {
			t.Errorf("%q: %s, %v", empty, got, err)
		}
	}
	for _, bad := range []string{"[1]", `"x"`, "{", `{"a":1} {"b":2}`, "12"} {
		if _, err := CanonicalArgs(json.RawMessage(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// FuzzVerify checks that no input but the exact token issued for the exact
// tool and arguments is accepted, and that nothing panics. `go test` runs
// the seeds; `go test -fuzz FuzzVerify ./tools/guard` explores further.
func FuzzVerify(f *testing.F) {
	c := &clock{time.Unix(1_800_000_000, 0)}
	issuer := newTestSigner(c)
	// Fixed nonces: every fuzz worker process must issue the same token.
	issuer.rand = strings.NewReader(strings.Repeat("n", 100))
	valid, _, err := issuer.Issue(PurposeConfirm, "estate_modify", json.RawMessage(modifyArgs), nil)
	if err != nil {
		f.Fatal(err)
	}
	state, _, _ := issuer.Issue(PurposeElicit, "estate_modify", json.RawMessage(modifyArgs), nil)
	validCanon, _ := CanonicalArgs(json.RawMessage(modifyArgs))

	f.Add(valid, "estate_modify", modifyArgs)
	f.Add(valid, "estate_modify", `{"data":{"reserviert":true,"kaufpreis":375000},"id":3120}`)
	f.Add(valid, "estate_modify", `{"id":3120,"data":{"kaufpreis":375001,"reserviert":true}}`)
	f.Add(valid, "estate_create", modifyArgs)
	f.Add(valid[:len(valid)-1], "estate_modify", modifyArgs)
	f.Add(valid+"A", "estate_modify", modifyArgs)
	f.Add(state, "estate_modify", modifyArgs)
	f.Add("", "estate_modify", modifyArgs)
	f.Add("AAAA", "", "")
	f.Add(strings.Repeat("_", 200), "x", "{")
	f.Add(base64.RawURLEncoding.EncodeToString(make([]byte, 120)), "estate_modify", "null")

	f.Fuzz(func(t *testing.T, token, tool, args string) {
		// A fresh store each run, so the valid seed is not spent by an
		// earlier run; the key and clock are the issuer's.
		s := NewSigner(testKey, 5*time.Minute, NewMemoryStore(c.now), c.now)
		err := s.Verify(context.Background(), PurposeConfirm, tool, json.RawMessage(args), token)
		if err == nil {
			canon, cerr := CanonicalArgs(json.RawMessage(args))
			if token != valid || tool != "estate_modify" || cerr != nil || string(canon) != string(validCanon) {
				t.Fatalf("accepted token %q for %s %s", token, tool, args)
			}
			if err := s.Verify(context.Background(), PurposeConfirm, tool, json.RawMessage(args), token); !errors.Is(err, ErrUsed) {
				t.Fatalf("accepted twice: %v", err)
			}
		}
		// Canonical arguments are a fixed point.
		if canon, err := CanonicalArgs(json.RawMessage(args)); err == nil {
			again, err := CanonicalArgs(canon)
			if err != nil || string(again) != string(canon) {
				t.Fatalf("canonical form not stable: %s → %s (%v)", canon, again, err)
			}
		}
	})
}

// TestChangedSincePreview: a token carries the before-values of its
// preview; Changed names the fields whose value is now different, also for
// previews with more fields than the token has room for.
func TestChangedSincePreview(t *testing.T) {
	c := &clock{time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)}
	s := newTestSigner(c)
	many := map[string]string{}
	for i := range 2 * maxDigests {
		many[fmt.Sprintf("f%03d", i)] = "v"
	}
	changedLast := maps.Clone(many)
	changedLast[fmt.Sprintf("f%03d", 2*maxDigests-1)] = "w"
	cases := []struct {
		name        string
		before, now map[string]string
		want        []string // nil: unchanged
	}{
		{"none", nil, nil, nil},
		{"same", map[string]string{"kaufpreis": "157700", "ort": "Köln"}, map[string]string{"ort": "Köln", "kaufpreis": "157700"}, nil},
		{"one changed", map[string]string{"kaufpreis": "157700", "ort": "Köln"}, map[string]string{"kaufpreis": "145000", "ort": "Köln"}, []string{"kaufpreis is now 145000"}},
		{"emptied", map[string]string{"kaufpreis": "157700"}, map[string]string{"kaufpreis": "(empty)"}, []string{"kaufpreis is now (empty)"}},
		{"field gone", map[string]string{"kaufpreis": "157700", "ort": "Köln"}, map[string]string{"kaufpreis": "157700"}, []string{"the record no longer shows the values of the preview"}},
		{"many same", many, maps.Clone(many), nil},
		{"many, the last changed", many, changedLast, []string{fmt.Sprintf("one of f%03d … f%03d", maxDigests-1, 2*maxDigests-1)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tok, _, err := s.Issue(PurposeConfirm, "estate_modify", json.RawMessage(modifyArgs), tc.before)
			if err != nil {
				t.Fatal(err)
			}
			if len(tok) > MaxTokenLen {
				t.Fatalf("token of %d characters, more than %d", len(tok), MaxTokenLen)
			}
			claims, _, err := s.Parse(tok)
			if err != nil {
				t.Fatal(err)
			}
			if claims.Bound() != (len(tc.before) > 0) {
				t.Errorf("Bound() = %v", claims.Bound())
			}
			if got := Changed(claims, tc.now); !slices.Equal(got, tc.want) {
				t.Errorf("Changed = %q, want %q", got, tc.want)
			}
		})
	}
}
