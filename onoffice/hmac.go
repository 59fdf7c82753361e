package onoffice

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
)

// Sign computes the HMAC v2 of one action: base64 of HMAC-SHA256 over
// timestamp+token+resourcetype+actionid, keyed with the secret. The
// parameters are not covered, so their order does not matter.
func Sign(secret, token, resourceType, actionID string, timestamp int64) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(timestamp, 10) + token + resourceType + actionID))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}
