package onoffice

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrNoCredentials is returned by every call of a client that has no token or secret.
var ErrNoCredentials = errors.New("no onOffice API credentials configured")

// ErrReadOnly is returned when a read-only client is asked to run a writing action.
var ErrReadOnly = errors.New("refused: the client is read-only")

// Error is a failed onOffice request or action. It never holds the token or secret.
type Error struct {
	// Action is the action that failed ("read estate"), empty for request-level errors.
	Action string
	// Code is onOffice's errorcode (0 when the failure was not an onOffice answer).
	Code int
	// Message says what went wrong, in our words.
	Message string
	// Remote is text from onOffice (its error message, the start of an
	// unexpected body): third-party text, quoted wherever it is shown.
	Remote string
	// HTTPStatus is the HTTP status of the reply, 0 when none arrived.
	HTTPStatus int
	// Err is the underlying transport error, if any.
	Err error
}

func (e *Error) Error() string { return e.Text(strconv.Quote) }

// Text writes the error with onOffice's own words passed through quote,
// which must keep them on one line and mark them as third-party text.
func (e *Error) Text(quote func(string) string) string {
	var b strings.Builder
	b.WriteString("onOffice")
	if e.Action != "" {
		b.WriteString(" " + e.Action)
	}
	b.WriteString(" failed")
	if e.Code != 0 {
		fmt.Fprintf(&b, " with error %d", e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.Remote != "" {
		if e.Message == "" {
			b.WriteString(": onOffice says ")
		} else {
			b.WriteString("; onOffice says ")
		}
		b.WriteString(quote(e.Remote))
	}
	if e.HTTPStatus != 0 && e.HTTPStatus != 200 {
		fmt.Fprintf(&b, " (HTTP %d)", e.HTTPStatus)
	}
	if h := e.Hint(); h != "" {
		b.WriteString(". " + h)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Hint says in one sentence what a model or operator can do about the error.
func (e *Error) Hint() string {
	switch e.Code {
	case 22, 40, 41, 42, 43, 49, 153:
		return "The API token was not accepted: check ONOFFICE_TOKEN (32 characters) and that the API user is active."
	case 137, 243:
		return "The request signature was rejected: check ONOFFICE_SECRET (64 characters) and that token and secret are not swapped."
	case 136:
		return "The server clock differs from onOffice's by more than two minutes: fix the system time."
	case 75, 138, 141, 143, 145, 154:
		return "A field name is unknown: list valid names with the field configuration tool."
	case 212:
		return "A sort field is unknown: sort by a field from the field configuration."
	case 142, 232, 257:
		return "Check the filter: operators are =, !=, <, >, <=, >=, between, like, not like, in, not in."
	case 76, 77, 252:
		return "A select value is not permitted: use a key from the field's permitted values."
	case 80, 235, 292, 293, 149, 170:
		return "The record does not exist or the API user has no right to see it."
	case 174, 261, 262, 156, 183:
		return "The API user lacks the right for this; an administrator can grant it in onOffice."
	case 167, 254, 79, 110, 96, 117:
		return "A mandatory parameter is missing."
	case 23, 24, 25:
		return "This onOffice account does not offer the call."
	}
	if e.Err != nil && errors.Is(e.Err, errTimeout) {
		return "onOffice did not answer in time; try again, or ask for fewer records."
	}
	return ""
}

var errTimeout = errors.New("timeout")

// CodeOf returns the onOffice error code inside err, or 0.
func CodeOf(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}
