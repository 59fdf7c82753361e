package tools

import (
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

// The text a person reads in a confirmation is in the language of the
// field labels (--language): German labels and values between English
// sentences would read as a mix. Package guard words the frame of a
// confirmation (title, "Changes", the effect); the previews here word
// their own lines through say and noun, the one place that picks the
// language of a preview phrase.

// german reports whether previews speak German: the labels are German.
func (e *Env) german() bool { return e != nil && e.Render.Language == "DEU" }

// say returns the German or the English form of a preview phrase.
func (e *Env) say(en, de string) string {
	if e.german() {
		return de
	}
	return en
}

// nouns are the kinds of record a preview names, English and German.
var nouns = map[string][2]string{
	"estate":                  {"estate", "Immobilie"},
	"address":                 {"address", "Adresse"},
	"task":                    {"task", "Aufgabe"},
	"activity":                {"activity", "Aktivität"},
	"agentsLog":               {"activity", "Aktivität"},
	"agentslog":               {"activity", "Aktivität"},
	"appointment":             {"appointment", "Termin"},
	"calendar":                {"appointment", "Termin"},
	"file":                    {"file", "Datei"},
	"searchcriteria":          {"search profile", "Suchprofil"},
	"user":                    {"user", "Benutzer"},
	"email":                   {"e-mail", "E-Mail"},
	"complex":                 {"complex", "Komplex"},
	"marketplace transaction": {"marketplace transaction", "Marketplace-Transaktion"},
}

// noun names a kind of record in the preview's language; unknown kinds
// stay as they are.
func (e *Env) noun(kind string) string {
	n, ok := nouns[kind]
	if !ok {
		return kind
	}
	if e.german() {
		return n[1]
	}
	return n[0]
}

// ref names one record in a preview: `Immobilie 3120 «crm-text»Reihenhaus«/crm-text»`.
func (e *Env) ref(kind string, id int, names map[string]map[int]string) string {
	label := e.noun(kind) + " " + strconv.Itoa(id)
	if !e.german() {
		label = relNoun(kind) + " " + strconv.Itoa(id)
	}
	if name := names[kind][id]; name != "" {
		return label + " " + condense.Untrusted(name)
	}
	return label
}

// roles are the German names of the roles of the relation types a
// person confirms (relation_create, relation_delete).
var roles = map[string]string{
	"owner": "Eigentümer", "buyer": "Käufer", "tenant": "Mieter", "prospect": "Interessent",
	"contact person (broker)": "Ansprechpartner (Makler)", "contact person": "Ansprechpartner",
	"unit": "Einheit", "second-level contact": "Kontakt zweiter Ebene", "sync user": "Sync-Benutzer",
	"participant": "Teilnehmer", "estate": "Immobilie", "address": "Adresse",
}

// role names the role of a relation type in the preview's language.
func (e *Env) role(r string) string {
	if de, ok := roles[r]; ok && e.german() {
		return de
	}
	return r
}

// flag words the value of a yes/no field as a person reads it, "yes" or
// "no" ("ja", "nein" in German), whether the model wrote true, 1 or "1";
// values of other fields stay as they are.
func (e *Env) flag(fi *onoffice.FieldInfo, s string) string {
	if fi == nil || fi.Type != "boolean" {
		return s
	}
	switch strings.ToLower(s) {
	case "yes", "1", "true":
		return e.say("yes", "ja")
	case "no", "0", "false":
		return e.say("no", "nein")
	}
	return s
}

// placeholders are our own words for a missing value in preview lines;
// storedText, changeLine and the previews write them in English.
var placeholders = strings.NewReplacer("(empty)", "(leer)", "(none)", "(keine)", "(not found)", "(nicht gefunden)", "(hidden)", "(verborgen)")

// localize puts the placeholders of a preview into its language, outside
// the record data.
func (e *Env) localize(pv *Preview) {
	if pv == nil || !e.german() {
		return
	}
	pv.Target = ownText(pv.Target, placeholders.Replace)
	for i, c := range pv.Changes {
		pv.Changes[i] = ownText(c, placeholders.Replace)
	}
}
