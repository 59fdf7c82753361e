package tools_test

// example is one call of a tool with valid arguments. Every tool has at
// least one: TestMainRequestMatchesRow runs each against the sandbox, and
// the replay suite runs the reads against answers in real installations'
// shapes (testdata/replay), where want holds values the user must see.
type example struct {
	tool, args string
	want       []string
	// fixtures replaces fixtures for this call (key → file name).
	fixtures map[string]string
}

// examples: the reads first (want taken from the replay fixtures), then
// every tool that changes something.
var examples = []example{
	// Estate status, veroeffentlichen and the coordinates are not in the
	// field configuration fixture; coordinates come with five decimals,
	// unset ones as 0.00000, prices as two-decimal strings.
	{tool: "estate_read", args: `{"data":["objekttitel","kaufpreis","wohnflaeche","ort","status","veroeffentlichen","breitengrad","laengengrad","verkauft"],"filter":{"veroeffentlichen":[{"op":"=","val":1}],"status":[{"op":"=","val":1}]},"listlimit":2}`,
		want: []string{"of 60", "|Aktiv|yes|51.21|6.8|no", "543000||Dresden|", "80.5"}},
	{tool: "estate_pdf_expose", args: `{"estateid":3101,"template":"urn:onoffice-de-ns:smart:2.5:pdf:expose:kurz:x"}`, want: []string{"1 page"}},
	// File dates arrive as Unix epochs here.
	{tool: "estate_file_list", args: `{"estateid":3101,"listlimit":2}`, want: []string{"58101|Titelbild|Küche|IMG_5028.jpg", "2024-04-05", "1.2 MB"}},
	// elements is a list of objects in picture answers.
	{tool: "estate_picture_list", args: `{"estateids":[3101],"categories":["Titelbild","Foto"]}`, want: []string{"7 pictures", "hausansicht_01.jpg", "Blick nach Süden"}},
	{tool: "saved_filter_list", args: `{"module":"estate"}`, want: []string{"43|Kaufobjekte aktiv"}},
	{tool: "price_offer_read", args: `{"estateId":3101,"addressId":10001}`, want: []string{"no purchase price offer"}},
	{tool: "estate_tracking_read", args: `{"accountname":"eigentuemer.becker@example.de","password":"x"}`, want: []string{"estate 3101 «crm-text»Sonnige Erdgeschosswohnung", "estate 3102 «crm-text»Grundstück", "Verkauf DHH Gievenbeck"}},
	{tool: "estate_category_list", args: `{}`, want: []string{"etage=Etagenwohnung"}},
	{tool: "estate_search", args: `{"input":"Münster"}`, want: []string{"3106|MS-2024-001|Haus|Dieckstraße|112|48145|Münster|Carsten Krüger"}},
	{tool: "estate_seeker_list", args: `{"estateid":3101}`, want: []string{"Bernd Schreiber", "75%", "objekttyp, wohnflaeche"}},
	{tool: "statistics_widget_list", args: `{}`, want: []string{"Besichtigungen je Monat"}},
	{tool: "address_read", args: `{"data":["Vorname","Name","Email","Ort"],"sortby":{"Name":"ASC"},"listlimit":2}`, want: []string{"10009|||info@hv-brockmann.example.de|Münster"}},
	{tool: "address_search", args: `{"input":"Aumüller","listlimit":2}`, want: []string{"f.aumueller@notariat-aumueller.example.de"}},
	// File dates arrive as date strings here.
	{tool: "address_file_list", args: `{"addressid":10009}`, want: []string{"modified: 2025-12-23 19:29", "Handelsregisterauszug Hausverwaltung.pdf"}},
	{tool: "address_completion_fields", args: `{}`, want: []string{"KontaktformBevorzugt (Bevorzugte Kontaktform) singleselect [keys: Brief=Brief, Email=E-Mail"}},
	{tool: "address_select_values", args: `{"fieldname":"Land"}`, want: []string{"DEU = Deutschland"}},
	{tool: "address_hierarchy_contacts", args: `{"id":10001}`, want: []string{"No hierarchy contacts"}},
	// Nothing found comes as "records": [[]].
	{tool: "search_criteria_read", args: `{"mode":"internal","ids":[10001]}`, want: []string{"No search criteria found"}},
	{tool: "search_criteria_read", args: `{"mode":"searchcriteria","ids":[1201]}`, fixtures: map[string]string{"get_searchcriterias": "get_searchcriterias_found"},
		want: []string{"1201", "Köln", "1050"}},
	{tool: "search_criteria_fields", args: `{}`, want: []string{"kaufpreis (Kaufpreis) float range (kaufpreis__von/kaufpreis__bis)"}},
	// get fields knows no search-criteria field; searchCriteriaFields does.
	{tool: "search_criteria_search", args: `{"searchdata":{"vermarktungsart":"kauf","kaufpreis":300000}}`, want: []string{"1218|10129 (Björn Schubert)"}},
	{tool: "relation_list", args: `{"relationtype":"estate:address:owner","parentids":[3101]}`, want: []string{`address 10066 «crm-text»Lena Busch«/crm-text»`}},
	// Objekt_nr is not in the agentsLog field configuration fixture.
	{tool: "agents_log_read", args: `{"data":["Datum","Aktionsart","Bemerkung","Objekt_nr"],"listlimit":2}`, want: []string{"70430|2026-10-31 14:37|Termin|", "|3123"}},
	{tool: "appointment_list", args: `{"startDate":"2026-11-02","endDate":"2026-11-08"}`, want: []string{"subject: Teambesprechung Zentrale", "Katrin Neumann", "status: Aktiv"}},
	{tool: "appointment_read", args: `{"id":5101}`, want: []string{"ressources: Konferenzraum, Beamer", "erinnerung: 15 minutes"}},
	{tool: "calendar_resource_list", args: `{}`, want: []string{"ind_Schl_4410 = Besprechungsraum Köln"}},
	{tool: "appointment_file_list", args: `{"appointmentid":5101}`, want: []string{"Besichtigungsprotokoll_5101.pdf", "mhansen"}},
	{tool: "appointment_conflicts", args: `{"data":{"start_dt":"2026-11-23 09:15:00","end_dt":"2026-11-23 09:45:00"},"subscribers":{"users":[12]}}`, want: []string{"already booked: «crm-text»users 12 (Michael Hansen)«/crm-text»"}},
	{tool: "task_read", args: `{"listlimit":2}`, want: []string{"701|Übergabeprotokoll Schweizer Straße 64|Nicht begonnen|Normal"}},
	{tool: "template_list", args: `{"type":"mail","list":true}`, want: []string{"1501|Exposéversand Standard"}},
	{tool: "default_attachment_list", args: `{}`, want: []string{"Datenschutzhinweise.pdf"}},
	{tool: "email_signature_read", args: `{}`, want: []string{"15|Kurz (Antworten)|no"}},
	{tool: "email_template_folder_list", args: `{}`, want: []string{"61 = Eigentümerkommunikation"}},
	{tool: "basic_settings_read", args: `{}`, want: []string{"Seit 1994"}},
	{tool: "imprint_read", args: `{"data":["firma","handelsregisterNr","ustId"]}`, want: []string{"handelsregisterNr: «crm-text»HRB 18342«/crm-text»"}},
	{tool: "group_list", args: `{}`, want: []string{"301|Zentrale Münster|MS|GroupOffice|12 (Michael Hansen), 35 (Katrin Neumann)|12 (Michael Hansen)"}},
	{tool: "user_read", args: `{"listlimit":2}`, want: []string{"17|jschmidt|Julia|Schmidt"}},
	{tool: "user_list", args: `{}`, want: []string{"23|ayilmaz|Aylin|Yılmaz"}},
	{tool: "user_photo_read", args: `{"id":12}`, want: []string{"Userphoto_12.jpg"}},
	{tool: "user_rights_check", args: `{"action":"read","module":"estate","userid":12,"recordIds":[3101]}`, want: []string{"Allowed: 3101"}},
	// Most modules have no configured fields; permittedvalues may be a list.
	{tool: "field_config_get", args: `{"modules":["estate","agentsLog","task"]}`,
		want: []string{"vermarktungsart (Vermarktungsart) singleselect [keys: erbpacht=erbpacht", "module log: no fields configured", "documented system fields): Objekt_nr"}},
	{tool: "multiselect_config_get", args: `{"module":"address","fields":["ArtDaten"]}`, want: []string{"Eigentuemer=Eigentümer"}},
	{tool: "action_type_list", args: `{}`, want: []string{"Termin: Beratung, Besichtigung"}},
	{tool: "region_list", args: `{}`, want: []string{"Freiburg im Breisgau (Kreisfreie Stadt) PLZ 79098–79117"}},
	{tool: "region_search", args: `{"searchstring":"Ehrenf"}`, want: []string{"Köln - Neuehrenfeld"}},
	{tool: "records_last_seen", args: `{"module":"estate","listlimit":2}`, want: []string{"estate 3144"}},
	{tool: "macro_resolve", args: `{"text":"_Objekttitel_ in _Ort_","estateids":[3101]}`, want: []string{"Düsseldorf-Golzheim in Düsseldorf"}},
	{tool: "log_entries_read", args: `{"listlimit":2}`, want: []string{"733981|2026-11-01 22:49|edit|calendar|5144|17"}},
	{tool: "survey_read", args: `{}`, want: []string{"3|Besichtigungsprotokoll"}},
	{tool: "record_link_get", args: `{"module":"address","recordId":10001}`, want: []string{"https://smart.onoffice.de/smart/smart.php?params="}},
	{tool: "marketplace_invoice_recipient_read", args: `{"transactionid":1,"userid":12}`, want: []string{"companyUstId: «crm-text»DE298765432«/crm-text»"}},
	{tool: "email_info", args: `{"emailIdentity":"info@makler-koeln.de","messageId":"<20250905083015.4F2A1@mail.makler-koeln.de>","uid":4711,"folder":"INBOX"}`,
		want: []string{"10001 «crm-text»Anna Becker <anna.becker@example.de>", "owner Herbert Lange"}},
	{tool: "email_link_list", args: `{"emailidentity":"info@makler-koeln.de","messageid":"<20250905083015.4F2A1@mail.makler-koeln.de>","uid":4711,"folder":"INBOX"}`,
		want: []string{"estateowner: Herbert Lange"}},
	// Writes: valid enough to get past the local checks to onOffice (the
	// main-request test runs them against the sandbox, never the replay).
	// %[1]d is an estate, %[2]d an address, %[3]d an appointment, %[4]d a
	// task, %[5]d an activity, %[6]d a file of the estate, %[7]d a search
	// profile, %[8]d an address linked to the appointment.
	{tool: "estate_create", args: `{"data":{"objektart":"wohnung","objekttyp":"etage","vermarktungsart":"miete","nutzungsart":"wohnen","objekttitel":"Helle Wohnung","ort":"Münster","kaltmiete":980}}`},
	{tool: "estate_modify", args: `{"id":%[1]d,"data":{"kaufpreis":375000}}`},
	{tool: "estate_file_modify", args: `{"parentid":%[1]d,"fileId":%[6]d,"title":"Neue Ansicht"}`},
	{tool: "estate_file_delete", args: `{"parentid":%[1]d,"fileId":%[6]d}`},
	{tool: "worklist_create", args: `{"listName":"Besichtigungen","type":"estate","visibility":1,"userId":17,"ids":[%[1]d]}`},
	{tool: "price_offer_create", args: `{"estateId":%[1]d,"addressId":%[2]d,"priceOffer":372500}`},
	{tool: "estate_tracking_account_create", args: `{"accountname":"eigentuemer@example.de","accountpassword":"Sommer-Wiese-4711","estateid":%[1]d}`},
	{tool: "address_create", args: `{"data":{"Ort":"Bonn","Name":"Roth"},"email":"eva.roth@example.de"}`},
	{tool: "address_modify", args: `{"id":%[2]d,"data":{"Vorname":"Annegret"}}`},
	{tool: "address_file_download_link", args: `{"addressid":%[2]d}`},
	{tool: "address_completion_send", args: `{"addressId":%[2]d,"mode":"modus2"}`},
	{tool: "newsletter_register", args: `{"id":%[2]d,"register":true}`},
	{tool: "search_criteria_create", args: `{"addressid":%[2]d,"data":{"vermarktungsart":"kauf","kaufpreis":[250000,400000]}}`},
	{tool: "search_criteria_modify", args: `{"id":%[7]d,"data":{"kaufpreis":[260000,410000]}}`},
	{tool: "search_criteria_delete", args: `{"id":%[7]d}`},
	{tool: "relation_create", args: `{"relationtype":"estate:address:interested","parentid":%[1]d,"childid":%[2]d}`},
	{tool: "relation_modify", args: `{"parentid":[%[3]d],"childid":[%[8]d],"relationinfo":{"statusTerminbestaetigung":"bestätigt"}}`},
	{tool: "relation_delete", args: `{"relationtype":"estate:address:interested","parentid":%[1]d,"childid":%[2]d}`},
	{tool: "agents_log_create", args: `{"addressids":[%[2]d],"estateid":%[1]d,"actionkind":"Telefonat","actiontype":"Ausgang","note":"Besichtigung abgestimmt"}`},
	{tool: "agents_log_modify", args: `{"id":%[5]d,"data":{"note":"Rückruf erhalten"}}`},
	{tool: "appointment_create", args: `{"data":{"description":"Besichtigung","start_dt":"2026-11-23 09:30:00","end_dt":"2026-11-23 10:30:00"},"relatedEstateId":%[1]d}`},
	{tool: "appointment_modify", args: `{"id":%[3]d,"data":{"note":"verschoben"}}`},
	{tool: "appointment_confirmation_send", args: `{"calendarId":%[3]d,"emailidentity":"j.schmidt@hansen-kroeger.example.com"}`},
	{tool: "appointment_delete", args: `{"id":%[3]d}`},
	{tool: "task_create", args: `{"data":{"Betreff":"Rückruf","Verantwortung":"jschmidt"},"relatedAddressId":%[2]d}`},
	{tool: "task_modify", args: `{"id":%[4]d,"data":{"Status":3}}`},
	{tool: "file_upload", args: `{"module":"tmpUpload","file":"Entwurf.pdf","data":"JVBERi0xLjQK"}`},
	{tool: "email_send", args: `{"emailidentity":"j.schmidt@hansen-kroeger.example.com","receiver":["a@example.com"],"subject":"Unterlagen","body":"Anbei.","signatureid":0}`},
	{tool: "email_link_create", args: `{"emailidentity":"info@makler-koeln.de","messageid":"<x@example.de>","uid":4711,"folder":"INBOX","addressIds":[%[2]d]}`},
	{tool: "access_control_apply", args: `{"acTemplate":"Nur Zentrale","module":"estate","recordId":%[1]d,"templateOwner":12}`},
	{tool: "time_tracking_modify", args: `{"track":true}`},
	{tool: "marketplace_provider_unlock", args: `{"parameterCacheId":"7d1e5c2a-94b3-4f08-8a6e-2c5b9f3d1e47","extendedclaim":"claim-123"}`},
	{tool: "marketplace_subscription_cancel", args: `{"aboid":"317","cancelationDate":"2026-12-31"}`},
	{tool: "marketplace_payment_link_create", args: `{"transactionid":1100458812,"priceNet":"149.00","description":"Drohnenaufnahmen"}`},
	{tool: "marketplace_transaction_refund", args: `{"transactionid":1100458812}`},
	{tool: "marketplace_webhooks_execute", args: `{"id":%[1]d,"module":"estate"}`},
}
