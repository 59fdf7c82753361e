package guard

import (
	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools"
)

// words are the fixed parts of a confirmation text in one language.
type words struct {
	record, changes, accept                         string
	deletes, external, creates, changesData, writes string
	// uncheckedFields and uncheckedValues introduce the names the field
	// configuration does not know and the values nothing describes.
	uncheckedFields, uncheckedValues string
	titles                           map[string]string
}

func (w words) title(t tools.Tool) string {
	if s, ok := w.titles[t.Name]; ok {
		return s
	}
	return t.Title
}

func (w words) effect(t tools.Tool) string {
	switch t.Effect {
	case tools.EffectDelete:
		return w.deletes
	case tools.EffectExternal:
		return w.external
	}
	switch t.Verb {
	case onoffice.VerbCreate:
		return w.creates
	case onoffice.VerbModify:
		return w.changesData
	}
	return w.writes
}

// wordsFor returns the German words for DEU and the English ones otherwise.
func wordsFor(lang string) words {
	if lang == "DEU" {
		return german
	}
	return english
}

var english = words{
	record:      "Record",
	changes:     "Changes",
	accept:      "Accept to do this now. Decline or cancel to leave everything unchanged.",
	deletes:     "This deletes data in onOffice; it cannot be undone here.",
	external:    "This reaches people or systems outside the CRM (mail, links, payments, webhooks) and cannot be taken back.",
	creates:     "This creates a record in onOffice.",
	changesData: "This changes data in onOffice.",
	writes:      "This writes to onOffice.",

	uncheckedFields: "Not in the field configuration, so not checked here (onOffice decides)",
	uncheckedValues: "Values not checked here, as nothing describes them (onOffice decides)",
}

// german holds the German frame and the German titles of every tool that
// can ask for a confirmation (a test checks that none is missing).
var german = words{
	record:      "Datensatz",
	changes:     "Änderungen",
	accept:      "Annehmen führt dies jetzt aus. Ablehnen oder Abbrechen lässt alles unverändert.",
	deletes:     "Dies löscht Daten in onOffice; das lässt sich hier nicht rückgängig machen.",
	external:    "Dies erreicht Personen oder Systeme außerhalb des CRM (E-Mail, Links, Zahlungen, Webhooks) und lässt sich nicht zurücknehmen.",
	creates:     "Dies legt einen Datensatz in onOffice an.",
	changesData: "Dies ändert Daten in onOffice.",
	writes:      "Dies schreibt nach onOffice.",

	uncheckedFields: "Nicht in der Feldkonfiguration, daher hier nicht geprüft (onOffice entscheidet)",
	uncheckedValues: "Werte hier nicht geprüft, da nichts sie beschreibt (onOffice entscheidet)",
	titles: map[string]string{
		"estate_create":                   "Immobilie anlegen",
		"estate_modify":                   "Immobilie ändern",
		"estate_file_modify":              "Datei einer Immobilie ändern",
		"estate_file_delete":              "Datei einer Immobilie löschen",
		"worklist_create":                 "Arbeitsliste anlegen",
		"price_offer_create":              "Kaufpreisangebot erfassen",
		"estate_tracking_account_create":  "Tracking-Konto anlegen",
		"address_create":                  "Adresse anlegen",
		"address_modify":                  "Adresse ändern",
		"address_file_download_link":      "Download-Link für Dateien einer Adresse erzeugen",
		"address_completion_send":         "Adressvervollständigung senden",
		"newsletter_register":             "Newsletter an- oder abmelden",
		"search_criteria_create":          "Suchkriterium anlegen",
		"search_criteria_modify":          "Suchkriterium ändern",
		"search_criteria_delete":          "Suchkriterium löschen",
		"relation_create":                 "Verknüpfung anlegen",
		"relation_modify":                 "Teilnehmerstatus eines Termins setzen",
		"relation_delete":                 "Verknüpfung löschen",
		"agents_log_create":               "Aktivität erfassen",
		"agents_log_modify":               "Aktivität ändern",
		"appointment_create":              "Termin anlegen",
		"appointment_modify":              "Termin ändern",
		"appointment_delete":              "Termin löschen",
		"appointment_confirmation_send":   "Terminbestätigung senden",
		"task_create":                     "Aufgabe anlegen",
		"task_modify":                     "Aufgabe ändern",
		"file_upload":                     "Datei hochladen",
		"email_send":                      "E-Mail senden",
		"email_link_create":               "E-Mail mit Datensätzen verknüpfen",
		"access_control_apply":            "Zugriffsrechte anwenden",
		"time_tracking_modify":            "Zeiterfassung ändern",
		"marketplace_provider_unlock":     "Marketplace-Anbieter freischalten",
		"marketplace_subscription_cancel": "Marketplace-Abo kündigen",
		"marketplace_payment_link_create": "Marketplace-Zahlungslink erzeugen",
		"marketplace_transaction_refund":  "Marketplace-Zahlung erstatten",
		"marketplace_webhooks_execute":    "Marketplace-Webhooks auslösen",
	},
}
