package prompts

// Arguments several prompts share.
var (
	estateArg = Arg{Name: "estate_id", Kind: KindEstateID, Required: true, Description: Text{
		EN: "Estate id (number); completion finds estates by title or town",
		DE: "Objekt-ID (Zahl); die Vervollständigung findet Objekte über Titel oder Ort",
	}}
	addressArg = Arg{Name: "address_id", Kind: KindAddressID, Required: true, Description: Text{
		EN: "Address id (number); completion finds addresses by name",
		DE: "Adress-ID (Zahl); die Vervollständigung findet Adressen über den Namen",
	}}
	userArg = Arg{Name: "user", Kind: KindUser, Description: Text{
		EN: "Login of the agent (user_list username, e.g. jschmidt); default: everyone",
		DE: "Login des Maklers (user_list username, z. B. jschmidt); Standard: alle",
	}}
)

// table lists the prompts; their texts are text/<name>.<lang>.tmpl.
var table = []Prompt{
	{
		Name:        "estate_fact_sheet",
		Title:       Text{EN: "Estate fact sheet", DE: "Objekt-Steckbrief"},
		Description: Text{EN: "One estate on a page: key facts, owner and contacts, open tasks, next appointments, last activities.", DE: "Ein Objekt auf einer Seite: Eckdaten, Eigentümer und Ansprechpartner, offene Aufgaben, nächste Termine, letzte Aktivitäten."},
		Args:        []Arg{estateArg},
		Tools:       []string{"estate_read", "relation_list", "address_read", "task_read", "agents_log_read"},
	},
	{
		Name:        "find_buyers",
		Title:       Text{EN: "Find buyers or tenants for an estate", DE: "Käufer oder Mieter für ein Objekt finden"},
		Description: Text{EN: "Prospects whose search criteria fit an estate, ranked, with their contact data. Contacts no one.", DE: "Interessenten, deren Suchprofile zum Objekt passen, gereiht, mit Kontaktdaten. Es wird niemand kontaktiert."},
		Args: []Arg{estateArg, {Name: "limit", Kind: KindCount, Default: "10", Description: Text{
			EN: "How many prospects to show at most (1–50, default 10)", DE: "Wie viele Interessenten höchstens (1–50, Standard 10)"}}},
		Tools:    []string{"estate_read", "estate_seeker_list", "address_read", "agents_log_read"},
		Optional: []string{"search_criteria_read"},
	},
	{
		Name:        "daily_agenda",
		Title:       Text{EN: "Daily agenda", DE: "Tagesplan"},
		Description: Text{EN: "A day's appointments and due tasks of one agent (or everyone), with the estates and contacts they concern.", DE: "Termine und fällige Aufgaben eines Maklers (oder aller) an einem Tag, mit den betroffenen Objekten und Kontakten."},
		Args: []Arg{userArg, {Name: "date", Kind: KindDate, Description: Text{
			EN: "Day, YYYY-MM-DD (default today)", DE: "Tag, JJJJ-MM-TT (Standard heute)"}}},
		Tools: []string{"user_list", "appointment_list", "task_read", "estate_read", "address_read"},
	},
	{
		Name:        "log_contact",
		Title:       Text{EN: "Log a contact", DE: "Kontakt protokollieren"},
		Description: Text{EN: "After a call, e-mail or viewing: the agents-log entry linked to the address and the estate, created only after you agree.", DE: "Nach Telefonat, E-Mail oder Besichtigung: der Aktivitäten-Eintrag zu Adresse und Objekt, angelegt erst nach deiner Zustimmung."},
		Args: []Arg{
			addressArg,
			{Name: "estate_id", Kind: KindEstateID, Description: Text{
				EN: "Estate id the contact was about (optional)", DE: "Objekt-ID, um das es ging (optional)"}},
			{Name: "action_kind", Kind: KindActionKind, Required: true, Description: Text{
				EN: "Kind of action (Aktionsart key), e.g. Telefonat, Email, Termin", DE: "Aktionsart (Schlüssel), z. B. Telefonat, Email, Termin"}},
			{Name: "action_type", Kind: KindActionType, Description: Text{
				EN: "Type of action of that kind (Aktionstyp key), e.g. Ausgang, Besichtigung", DE: "Aktionstyp dieser Aktionsart (Schlüssel), z. B. Ausgang, Besichtigung"}},
			{Name: "notes", Kind: KindText, Required: true, Description: Text{
				EN: "What happened, in your words", DE: "Was passiert ist, in deinen Worten"}},
		},
		Tools:    []string{"address_read", "estate_read", "agents_log_create"},
		Optional: []string{"action_type_list"},
	},
	{
		Name:        "new_lead_intake",
		Title:       Text{EN: "New lead intake", DE: "Neue Anfrage erfassen"},
		Description: Text{EN: "From a pasted inquiry: check for an existing contact, then create the address and its search criteria after showing what will be created.", DE: "Aus einer eingefügten Anfrage: vorhandenen Kontakt prüfen, dann Adresse und Suchprofil anlegen, nachdem gezeigt wurde, was angelegt wird."},
		Args: []Arg{
			{Name: "inquiry", Kind: KindText, Required: true, Description: Text{
				EN: "The inquiry as received (e-mail, portal or form text)", DE: "Die Anfrage wie erhalten (E-Mail-, Portal- oder Formulartext)"}},
			{Name: "user", Kind: KindUser, Description: Text{
				EN: "Login of the responsible agent (default: the API user)", DE: "Login des zuständigen Maklers (Standard: der API-Benutzer)"}},
		},
		Tools:    []string{"address_search", "address_create", "search_criteria_create", "user_list"},
		Optional: []string{"agents_log_create"},
	},
	{
		Name:        "draft_expose_email",
		Title:       Text{EN: "Draft an exposé e-mail", DE: "Exposé-E-Mail entwerfen"},
		Description: Text{EN: "Drafts of an exposé e-mail to the prospects of an estate; sending only after you approve each draft.", DE: "Entwürfe einer Exposé-E-Mail an die Interessenten eines Objekts; versendet wird erst nach deiner Freigabe."},
		Args:        []Arg{estateArg},
		Tools:       []string{"estate_read", "estate_seeker_list", "relation_list", "address_read"},
		Optional:    []string{"template_list", "email_send"},
	},
	{
		Name:        "price_check",
		Title:       Text{EN: "Price check", DE: "Preis-Check"},
		Description: Text{EN: "Compare an estate's price per m² with similar estates in the same town.", DE: "Den Quadratmeterpreis eines Objekts mit ähnlichen Objekten im selben Ort vergleichen."},
		Args:        []Arg{estateArg},
		Tools:       []string{"estate_read"},
	},
	{
		Name:        "follow_ups",
		Title:       Text{EN: "Follow-ups due", DE: "Fällige Nachfassaktionen"},
		Description: Text{EN: "Prospects with active search criteria and no activity for some days, with a suggested next step each.", DE: "Interessenten mit aktivem Suchprofil und ohne Aktivität seit einigen Tagen, je mit einem Vorschlag für den nächsten Schritt."},
		Args: []Arg{
			{Name: "days", Kind: KindDays, Default: "30", Description: Text{
				EN: "No activity for at least this many days (1–365, default 30)", DE: "Seit mindestens so vielen Tagen keine Aktivität (1–365, Standard 30)"}},
			userArg,
		},
		Tools:    []string{"search_criteria_read", "agents_log_read", "address_read", "user_list"},
		Optional: []string{"task_create"},
	},
	{
		Name:        "owner_report",
		Title:       Text{EN: "Weekly owner report", DE: "Wochenbericht an den Eigentümer"},
		Description: Text{EN: "What happened on an owner's estate in the last days: activities, viewings, offers; as a letter to the owner.", DE: "Was in den letzten Tagen beim Objekt eines Eigentümers passiert ist: Aktivitäten, Besichtigungen, Angebote; als Brief an den Eigentümer."},
		Args: []Arg{estateArg, {Name: "days", Kind: KindDays, Default: "7", Description: Text{
			EN: "Period in days, ending today (1–365, default 7)", DE: "Zeitraum in Tagen bis heute (1–365, Standard 7)"}}},
		Tools:    []string{"estate_read", "relation_list", "address_read", "agents_log_read", "appointment_list"},
		Optional: []string{"price_offer_read"},
	},
	{
		Name:        "data_quality",
		Title:       Text{EN: "Data quality check", DE: "Datenqualität prüfen"},
		Description: Text{EN: "Estates missing what portals need, or addresses without contact data or consent; a fix list, nothing changed.", DE: "Objekte, denen für Portale Nötiges fehlt, oder Adressen ohne Kontaktdaten oder Einwilligung; eine Liste zum Nachbessern, nichts wird geändert."},
		Args: []Arg{{Name: "module", Kind: KindModule, Default: "estate", Description: Text{
			EN: "What to check: estate or address (default estate)", DE: "Was geprüft wird: estate oder address (Standard estate)"}}},
		Tools: []string{"field_config_get", "estate_read", "address_read"},
	},
	{
		Name:        "contact_brief",
		Title:       Text{EN: "Brief before a call", DE: "Briefing vor einem Anruf"},
		Description: Text{EN: "Everything about one contact before you call: details, search criteria, linked estates, recent activities, open tasks.", DE: "Alles zu einem Kontakt vor dem Anruf: Daten, Suchprofile, verknüpfte Objekte, letzte Aktivitäten, offene Aufgaben."},
		Args:        []Arg{addressArg},
		Tools:       []string{"address_read", "search_criteria_read", "relation_list", "agents_log_read", "task_read"},
	},
}
