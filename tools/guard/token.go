package guard

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

// Purpose keeps the two kinds of signed values apart: a value issued for one
// purpose is refused for the other.
type Purpose byte

const (
	// PurposeConfirm is a confirmation token handed to the model with a preview.
	PurposeConfirm Purpose = 'c'
	// PurposeElicit is the request state of a pending user prompt (elicitation).
	PurposeElicit Purpose = 'e'
)

// Reasons a token is refused. Every error of Verify wraps one of them.
var (
	ErrMalformed    = errors.New("the confirmation token is malformed; pass it exactly as the preview gave it")
	ErrForged       = errors.New("the confirmation token was not issued by this server (its signature does not match)")
	ErrWrongPurpose = errors.New("this value is not a confirmation token for this step")
	ErrOtherTool    = errors.New("the confirmation token belongs to another tool")
	ErrArgsChanged  = errors.New("the arguments differ from the ones in the preview the token was issued for")
	ErrExpired      = errors.New("the confirmation token has expired")
	ErrUsed         = errors.New("the confirmation token was already used; each token runs one action")
	ErrNoToken      = errors.New("no confirmation token was given")
)

// Token layout (before base64url): version, purpose, expiry in Unix
// milliseconds, a random nonce, the SHA-256 of the canonical arguments, the
// length-prefixed tool name, the count-prefixed digests of the preview's
// before-values, then an HMAC-SHA-256 over all of it.
const (
	tokenVersion = 2
	nonceLen     = 12
	hashLen      = sha256.Size
	macLen       = sha256.Size
	headerLen    = 1 + 1 + 8 + nonceLen + hashLen + 1
	// MaxTokenLen bounds what Verify will look at.
	MaxTokenLen = 512
	// digestLen is the length of the digest of one before-value, and
	// maxDigests how many a token holds: the last one covers the rest.
	digestLen  = 4
	maxDigests = 48
)

// ErrChanged says that a value the preview showed is no longer what the
// record holds; the write must not run.
var ErrChanged = errors.New("changed since the preview")

// beforeDigests are the digests of the before-values of a preview, one per
// field in name order; fields past maxDigests share the last digest.
func beforeDigests(before map[string]string) [][digestLen]byte {
	names := sortedKeys(before)
	var out [][digestLen]byte
	for i := 0; i < len(names); i++ {
		h := sha256.New()
		rest := names[i : i+1]
		if i == maxDigests-1 {
			rest = names[i:]
		}
		for _, n := range rest {
			h.Write([]byte(n))
			h.Write([]byte{0})
			h.Write([]byte(before[n]))
			h.Write([]byte{0})
		}
		var d [digestLen]byte
		copy(d[:], h.Sum(nil))
		out = append(out, d)
		if len(rest) > 1 {
			break
		}
	}
	return out
}

// Bound reports whether the token is bound to before-values of a preview.
func (c Claims) Bound() bool { return len(c.before) > 0 }

// Changed compares the before-values a token was issued for with the
// values a fresh preview shows and names the fields that differ, with
// their value now; nil when nothing changed.
func Changed(c Claims, now map[string]string) []string {
	fresh := beforeDigests(now)
	if len(fresh) != len(c.before) {
		return []string{"the record no longer shows the values of the preview"}
	}
	names := sortedKeys(now)
	var out []string
	for i := range fresh {
		switch {
		case fresh[i] == c.before[i]:
		case i == maxDigests-1 && len(names) > maxDigests:
			out = append(out, fmt.Sprintf("one of %s … %s", condense.Name(names[i]), condense.Name(names[len(names)-1])))
		default:
			// The value comes from the CRM: it is shown marked as such.
			out = append(out, fmt.Sprintf("%s is now %s", condense.Name(names[i]), shownValue(now[names[i]])))
		}
	}
	return out
}

// Signer issues and verifies signed tokens bound to a tool and its arguments.
type Signer struct {
	key  []byte
	ttl  time.Duration
	used UsedStore
	now  func() time.Time
	rand io.Reader // nonces; crypto/rand unless a test fixes it
}

// NewSigner returns a signer. A nil or empty key is replaced by 32 random
// bytes (tokens then stay valid only in this process); a nil store by a
// MemoryStore; a nil clock by the wall clock.
func NewSigner(key []byte, ttl time.Duration, used UsedStore, now func() time.Time) *Signer {
	if len(key) == 0 {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			panic("guard: no randomness: " + err.Error())
		}
	} else {
		key = bytes.Clone(key)
	}
	if now == nil {
		now = time.Now
	}
	if used == nil {
		used = NewMemoryStore(now)
	}
	if ttl <= 0 {
		ttl = 5 * time.Minute
	}
	return &Signer{key: key, ttl: ttl, used: used, now: now, rand: rand.Reader}
}

// TTL returns how long issued tokens stay valid.
func (s *Signer) TTL() time.Duration { return s.ttl }

// Differs compares the before-values of a preview still in hand (a prompt
// answered within the same call) with the values now, like Changed.
func Differs(before, now map[string]string) []string {
	if len(before) == 0 {
		return nil
	}
	if len(before) != len(now) {
		return []string{"the record no longer shows the values of the preview"}
	}
	var out []string
	for _, name := range sortedKeys(now) {
		b, ok := before[name]
		switch {
		case !ok:
			return []string{"the record no longer shows the values of the preview"}
		case b != now[name]:
			out = append(out, fmt.Sprintf("%s is now %s", condense.Name(name), shownValue(now[name])))
		}
	}
	return out
}

// shownValue marks a value from the CRM as such; the placeholders of
// previews ("(empty)", "(none)") are our own and stay plain.
func shownValue(v string) string {
	switch v {
	case "(empty)", "(none)", "none", "?":
		return v
	}
	return condense.Name(v)
}

// Issue signs a token for one call of tool with args (the confirmation
// token argument, if present, is ignored), bound to the before-values its
// preview showed (field → value as shown; nil when it showed none).
func (s *Signer) Issue(p Purpose, tool string, args json.RawMessage, before map[string]string) (token string, expires time.Time, err error) {
	if len(tool) == 0 || len(tool) > 255 {
		return "", time.Time{}, fmt.Errorf("guard: tool name %q cannot be signed", tool)
	}
	h, err := ArgsHash(args)
	if err != nil {
		return "", time.Time{}, err
	}
	expires = s.now().Add(s.ttl).Truncate(time.Millisecond)
	buf := make([]byte, 0, headerLen+len(tool)+macLen)
	buf = append(buf, tokenVersion, byte(p))
	buf = binary.BigEndian.AppendUint64(buf, uint64(expires.UnixMilli()))
	nonce := make([]byte, nonceLen)
	if _, err := io.ReadFull(s.rand, nonce); err != nil {
		return "", time.Time{}, err
	}
	buf = append(buf, nonce...)
	buf = append(buf, h[:]...)
	buf = append(buf, byte(len(tool)))
	buf = append(buf, tool...)
	digests := beforeDigests(before)
	buf = append(buf, byte(len(digests)))
	for _, d := range digests {
		buf = append(buf, d[:]...)
	}
	buf = append(buf, s.mac(buf)...)
	return base64.RawURLEncoding.EncodeToString(buf), expires, nil
}

func (s *Signer) mac(b []byte) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write(b)
	return m.Sum(nil)
}

// Claims are the verified contents of a token.
type Claims struct {
	Purpose Purpose
	Tool    string
	Expires time.Time
	// ID identifies the token for the single-use store.
	ID string
	// before are the digests of the preview's before-values (see Changed).
	before [][digestLen]byte
}

// Parse checks a token's form and signature and returns its contents,
// without checking purpose, tool, arguments, expiry or use.
func (s *Signer) Parse(token string) (Claims, [hashLen]byte, error) {
	var h [hashLen]byte
	if token == "" {
		return Claims{}, h, ErrNoToken
	}
	if len(token) > MaxTokenLen {
		return Claims{}, h, ErrMalformed
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) < headerLen+1+macLen {
		return Claims{}, h, ErrMalformed
	}
	body, sig := raw[:len(raw)-macLen], raw[len(raw)-macLen:]
	if !hmac.Equal(sig, s.mac(body)) {
		return Claims{}, h, ErrForged
	}
	// The signature is ours, so the layout is too; check it anyway.
	if body[0] != tokenVersion {
		return Claims{}, h, ErrMalformed
	}
	n := int(body[headerLen-1])
	if len(body) < headerLen+n+1 {
		return Claims{}, h, ErrMalformed
	}
	digests := body[headerLen+n+1:]
	if len(digests) != int(body[headerLen+n])*digestLen {
		return Claims{}, h, ErrMalformed
	}
	c := Claims{
		Purpose: Purpose(body[1]),
		Expires: time.UnixMilli(int64(binary.BigEndian.Uint64(body[2:10]))),
		ID:      base64.RawURLEncoding.EncodeToString(body[10 : 10+nonceLen]),
		Tool:    string(body[headerLen : headerLen+n]),
	}
	for i := 0; i < len(digests); i += digestLen {
		c.before = append(c.before, [digestLen]byte(digests[i:i+digestLen]))
	}
	copy(h[:], body[10+nonceLen:10+nonceLen+hashLen])
	return c, h, nil
}

// Verify checks that token was issued by this key for purpose p, tool and
// exactly these arguments, has not expired and was not used before; it then
// marks the token as used. Only a nil error allows the action to run.
func (s *Signer) Verify(ctx context.Context, p Purpose, tool string, args json.RawMessage, token string) error {
	c, h, err := s.Parse(token)
	if err != nil {
		return err
	}
	if c.Purpose != p {
		return ErrWrongPurpose
	}
	if c.Tool != tool {
		return fmt.Errorf("%w (%s, not %s)", ErrOtherTool, c.Tool, tool)
	}
	want, err := ArgsHash(args)
	if err != nil {
		return err
	}
	if !hmac.Equal(h[:], want[:]) {
		return ErrArgsChanged
	}
	now := s.now()
	if !now.Before(c.Expires) {
		return fmt.Errorf("%w (at %s, %s after it was issued)", ErrExpired, c.Expires.UTC().Format(time.TimeOnly+" MST"), s.ttl)
	}
	fresh, err := s.used.MarkUsed(ctx, c.ID, c.Expires)
	if err != nil {
		return fmt.Errorf("the confirmation token cannot be checked for reuse: %w", err)
	}
	if !fresh {
		return ErrUsed
	}
	return nil
}

// ArgsHash is the SHA-256 of the canonical form of the arguments.
func ArgsHash(args json.RawMessage) ([hashLen]byte, error) {
	c, err := CanonicalArgs(args)
	if err != nil {
		return [hashLen]byte{}, err
	}
	return sha256.Sum256(c), nil
}

// CanonicalArgs returns the arguments (without the confirmation token, see
// SplitToken) as JSON with sorted keys and no insignificant white space, so that the
// same arguments sent in another order or layout hash alike. Numbers keep
// their literal form: 1 and 1.0 count as different arguments.
func CanonicalArgs(args json.RawMessage) ([]byte, error) {
	obj, err := argsObject(args)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(obj); err != nil {
		return nil, fmt.Errorf("guard: arguments: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// argsObject decodes arguments as an object; empty or null is {}.
func argsObject(args json.RawMessage) (map[string]any, error) {
	trimmed := bytes.TrimSpace(args)
	if len(trimmed) == 0 || string(trimmed) == "null" {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil || obj == nil {
		return nil, errors.New("the arguments must be a JSON object of named arguments")
	}
	if dec.More() {
		return nil, errors.New("the arguments must be a single JSON object")
	}
	return obj, nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
