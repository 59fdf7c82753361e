package prompts

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/onoffice-mcp/onoffice-mcp/internal/lazyre"
)

// Kind is the type of a prompt argument. MCP sends every prompt argument
// as a string; the kind says what the string must hold, how it is checked
// and what completion suggests.
type Kind string

const (
	// KindEstateID is an estate id: "3101", or "3101 <label>" as the
	// completion suggests it (the label is dropped).
	KindEstateID Kind = "estate_id"
	// KindAddressID is an address id, like KindEstateID.
	KindAddressID Kind = "address_id"
	// KindUser is a user's login (user_list: username).
	KindUser Kind = "user"
	// KindUserID is a user's number (resource URIs take ids, not logins).
	KindUserID Kind = "user_id"
	// KindDate is a day, YYYY-MM-DD; empty means today.
	KindDate Kind = "date"
	// KindDays is a number of days, 1 to 365.
	KindDays Kind = "days"
	// KindCount is how many rows to show, 1 to 50.
	KindCount Kind = "count"
	// KindModule is one of the record modules a prompt can check.
	KindModule Kind = "module"
	// KindActionKind is an agents-log kind of action (Aktionsart key).
	KindActionKind Kind = "action_kind"
	// KindActionType is an agents-log type of action (Aktionstyp key).
	KindActionType Kind = "action_type"
	// KindText is text a person writes or pastes.
	KindText Kind = "text"
	// KindLanguage is the language of the prompt text.
	KindLanguage Kind = "language"
)

// Arg is one argument of a prompt.
type Arg struct {
	Name        string
	Kind        Kind
	Required    bool
	Description Text
	// Default is used when the argument is empty (not for dates and
	// language, whose defaults come from Env).
	Default string
}

// LanguageArg is the argument every prompt takes.
var LanguageArg = Arg{Name: "language", Kind: KindLanguage, Description: Text{
	EN: "Language of the instructions and the answer: de or en (default: the language of the server's labels)",
	DE: "Sprache der Anleitung und der Antwort: de oder en (Standard: die Sprache der Feldbezeichnungen des Servers)",
}}

// Modules returns the values of KindModule.
func Modules() []string { return []string{"estate", "address"} }

// Languages returns the values of KindLanguage.
func Languages() []string { return []string{DE, EN} }

// The patterns are compiled on first use, not at every start: keyRE's
// Unicode classes and the counted repetitions take milliseconds to compile.
var (
	leadingID = lazyre.New(`^\s*([0-9]{1,9})(?:\s.*)?$`)
	loginRE   = lazyre.New(`^[A-Za-z0-9._@-]{1,64}$`)
	keyRE     = lazyre.New(`^[\p{L}\p{N} ._/&+-]{1,60}$`)
)

// maxText caps a text argument; a pasted inquiry is a few hundred words.
const maxText = 8000

// Check validates one argument value and returns it normalised.
func (a Arg) Check(raw string, env Env) (string, error) {
	v := strings.TrimSpace(raw)
	if v == "" {
		switch {
		case a.Kind == KindLanguage:
			return env.Language, nil
		case a.Kind == KindDate:
			return env.Now.Format(time.DateOnly), nil
		case a.Required:
			return "", a.errorf("is required: %s", a.Description.EN)
		}
		return a.Default, nil
	}
	switch a.Kind {
	case KindEstateID, KindAddressID, KindUserID:
		m := leadingID().FindStringSubmatch(v)
		if m == nil || m[1] == "0" {
			return "", a.errorf("%q is not an id; give the record number, e.g. 3101 (completion suggests ids)", clip(v))
		}
		n, _ := strconv.Atoi(m[1])
		return strconv.Itoa(n), nil
	case KindUser:
		if !loginRE().MatchString(v) {
			return "", a.errorf("%q is not a user login; give the login as user_list shows it (username), e.g. jschmidt", clip(v))
		}
		return v, nil
	case KindDate:
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return "", a.errorf("%q is not a date; use YYYY-MM-DD, e.g. %s, or leave it empty for today", clip(v), env.Now.Format(time.DateOnly))
		}
		return d.Format(time.DateOnly), nil
	case KindDays:
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 365 {
			return "", a.errorf("%q is not a number of days; use a whole number from 1 to 365", clip(v))
		}
		return strconv.Itoa(n), nil
	case KindCount:
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 50 {
			return "", a.errorf("%q is not a count; use a whole number from 1 to 50", clip(v))
		}
		return strconv.Itoa(n), nil
	case KindModule:
		return oneOf(a, v, Modules())
	case KindLanguage:
		switch strings.ToLower(v) {
		case "de", "deu", "ger", "german", "deutsch":
			return DE, nil
		case "en", "eng", "english", "englisch":
			return EN, nil
		}
		return "", a.errorf("%q is not supported; use de or en", clip(v))
	case KindActionKind, KindActionType:
		if !keyRE().MatchString(v) {
			return "", a.errorf("%q is not a key of action_type_list; use a key such as Telefonat or Besichtigung", clip(v))
		}
		return v, nil
	case KindText:
		if len(v) > maxText {
			return "", a.errorf("is %d characters long; at most %d are allowed", len(v), maxText)
		}
		return v, nil
	}
	return "", fmt.Errorf("argument %q has unknown kind %q", a.Name, a.Kind)
}

func oneOf(a Arg, v string, allowed []string) (string, error) {
	for _, s := range allowed {
		if strings.EqualFold(s, v) {
			return s, nil
		}
	}
	return "", a.errorf("%q is not allowed; use one of %s", clip(v), strings.Join(allowed, ", "))
}

// ArgError is a bad prompt argument.
type ArgError struct {
	Arg     string
	Message string
}

func (e *ArgError) Error() string {
	return fmt.Sprintf("invalid argument `%s`: %s", e.Arg, e.Message)
}

func (a Arg) errorf(format string, args ...any) error {
	return &ArgError{Arg: a.Name, Message: fmt.Sprintf(format, args...)}
}

// clip shortens a bad value for an error message and makes control
// characters visible, so that the message stays one line.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return strings.Map(func(c rune) rune {
		if unicode.IsControl(c) || c == '\u2028' || c == '\u2029' {
			return '␣'
		}
		return c
	}, s)
}

func argNames(args []Arg) string {
	names := make([]string, len(args))
	for i, a := range args {
		names[i] = a.Name
	}
	return strings.Join(names, ", ")
}
