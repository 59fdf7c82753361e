package sandbox

// Field configuration of the sandbox ("Get field configuration").
//
// Storage conventions the seed data follows (and which the test checks):
//
//   - varchar, text, freetext, date, datetime and singleselect values are
//     Go strings; dates are "YYYY-MM-DD", date-times "YYYY-MM-DD HH:MM:SS".
//   - integer values are int, float values float64, boolean values bool.
//   - multiselect values are []string holding permitted keys.
//   - user fields hold an int user id (estate benutzer, agents-log
//     Benutzer_nr, search-criteria advisor), a string login name where the
//     API exchanges names (address Benutzer, task Verantwortung/Bearbeiter,
//     appointment and task von, agents-log Benutzer, file username), or an
//     []int of user ids for appointment participants (calendar user_ids).
//   - An integer field may carry Permitted options (record status, task
//     priority …): the keys are the decimal form of the allowed numbers and
//     the labels are what formatted output shows.
//   - Search-criteria range fields are registered three times: the base name
//     (e.g. kaufpreis) plus the stored bounds kaufpreis__von and
//     kaufpreis__bis. A field is a range field exactly when base+"__von" is
//     registered.

// fieldReg registers the fields of one module, remembering the current
// content section.
type fieldReg struct {
	s       *Store
	module  string
	content string
}

// fieldBuilder refines the field that fieldReg.add just registered.
type fieldBuilder struct{ f *Field }

func (r *fieldReg) section(content string) { r.content = content }

func (r *fieldReg) add(name, typ, de, en string) fieldBuilder {
	f := &Field{
		Type:    typ,
		Label:   map[string]string{"DEU": de, "ENG": en},
		Content: r.content,
	}
	if typ == "varchar" {
		f.Length = 80
	}
	r.s.AddField(r.module, name, f)
	return fieldBuilder{f}
}

func (b fieldBuilder) length(n int) fieldBuilder { b.f.Length = n; return b }

func (b fieldBuilder) measure(format string) fieldBuilder { b.f.MeasureFormat = format; return b }

// decimals sets how many decimals a float field is read with.
func (b fieldBuilder) decimals(n int) fieldBuilder { b.f.Decimals = n; return b }

func (b fieldBuilder) readOnly() fieldBuilder { b.f.ReadOnly = true; return b }

func (b fieldBuilder) mandatory() fieldBuilder { b.f.Mandatory = true; return b }

func (b fieldBuilder) def(v any) fieldBuilder { b.f.Default = v; return b }

// filter restricts where the field is shown, e.g. filter("vermarktungsarten", "kauf").
func (b fieldBuilder) filter(dimension string, values ...string) fieldBuilder {
	if b.f.Filters == nil {
		b.f.Filters = map[string][]string{}
	}
	b.f.Filters[dimension] = append(b.f.Filters[dimension], values...)
	return b
}

// opts appends permitted values given as key, German label, English label
// triples.
func (b fieldBuilder) opts(triples ...string) fieldBuilder {
	if len(triples)%3 != 0 {
		panic("sandbox: field options must come in key/DEU/ENG triples")
	}
	for i := 0; i < len(triples); i += 3 {
		b.f.Permitted = append(b.f.Permitted, Option{
			Key:   triples[i],
			Label: map[string]string{"DEU": triples[i+1], "ENG": triples[i+2]},
		})
	}
	return b
}

// sameOpts appends permitted values whose key is also the label in both
// languages (agents-log kinds, appointment types …).
func (b fieldBuilder) sameOpts(keys ...string) fieldBuilder {
	for _, k := range keys {
		b.f.Permitted = append(b.f.Permitted, Option{Key: k, Label: map[string]string{"DEU": k, "ENG": k}})
	}
	return b
}

// seedEstateType is one objekttyp of the estate category catalogue.
type seedEstateType struct {
	key, de, en string
}

// seedEstateKind is one objektart with its objekttyp sub-types.
type seedEstateKind struct {
	key, de, en string
	types       []seedEstateType
}

// seedEstateKinds is the category catalogue (objektart → objekttyp). Each
// objekttyp key appears under exactly one objektart, so the dependency map
// of objekttyp is unambiguous.
var seedEstateKinds = []seedEstateKind{
	{"zimmer", "Zimmer", "Rooms", []seedEstateType{
		{"zimmer", "Zimmer", "Room"},
	}},
	{"haus", "Haus", "House", []seedEstateType{
		{"reihenhaus", "Reihenhaus", "Terraced house"},
		{"reihenend", "Reihenendhaus", "End-terrace house"},
		{"reihenmittel", "Reihenmittelhaus", "Mid-terrace house"},
		{"reiheneck", "Reiheneckhaus", "Corner terraced house"},
		{"doppelhaushaelfte", "Doppelhaushälfte", "Semi-detached house"},
		{"einfamilienhaus", "Einfamilienhaus", "Single-family house"},
		{"stadthaus", "Stadthaus", "Town house"},
		{"villa", "Villa", "Villa"},
		{"bungalow", "Bungalow", "Bungalow"},
		{"bauernhaus", "Bauernhaus", "Farmhouse"},
		{"landhaus", "Landhaus", "Country house"},
		{"zweifamilienhaus", "Zweifamilienhaus", "Two-family house"},
		{"mehrfamilienhaus", "Mehrfamilienhaus", "Apartment building"},
		{"ferienhaus", "Ferienhaus", "Holiday home"},
		{"wohn_und_geschaeftshaus", "Wohn- und Geschäftshaus", "Residential and commercial building"},
		{"wohnanlage", "Wohnanlage", "Residential complex"},
	}},
	{"wohnung", "Wohnung", "Apartment", []seedEstateType{
		{"etage", "Etagenwohnung", "Apartment"},
		{"dachgeschoss", "Dachgeschoss", "Attic apartment"},
		{"maisonette", "Maisonette", "Maisonette"},
		{"loft-studio-atelier", "Loft/Studio/Atelier", "Loft/studio"},
		{"penthouse", "Penthouse", "Penthouse"},
		{"terrassen", "Terrassenwohnung", "Terrace apartment"},
		{"erdgeschoss", "Erdgeschosswohnung", "Ground-floor apartment"},
		{"hochparterre", "Hochparterre", "Raised ground floor"},
		{"souterrain", "Souterrain", "Basement apartment"},
	}},
	{"grundstueck", "Grundstück", "Plot", []seedEstateType{
		{"wohnen", "Wohnen", "Residential"},
		{"gewerbe", "Gewerbe", "Commercial"},
		{"industrie", "Industrie", "Industrial"},
		{"gemischt", "Gemischt", "Mixed use"},
		{"land_forstwirtschaft", "Land-/Forstwirtschaft", "Agriculture/forestry"},
		{"freizeit", "Freizeit", "Leisure"},
	}},
	{"buero_praxen", "Büro/Praxen", "Offices/practices", []seedEstateType{
		{"bueroflaeche", "Bürofläche", "Office space"},
		{"bueroetage", "Büroetage", "Office floor"},
		{"buerohaus", "Bürohaus", "Office building"},
		{"buerozentrum", "Bürozentrum", "Office centre"},
		{"buero_und_lager", "Büro- und Lagergebäude", "Office and storage building"},
		{"praxisflaeche", "Praxisfläche", "Practice space"},
		{"praxisetage", "Praxisetage", "Practice floor"},
		{"praxishaus", "Praxishaus", "Medical centre"},
		{"atelier", "Atelier", "Studio"},
	}},
	{"einzelhandel", "Laden/Einzelhandel", "Retail", []seedEstateType{
		{"ladenlokal", "Ladenlokal", "Shop"},
		{"einzelhandelsladen", "Einzelhandelsladen", "Retail shop"},
		{"verkaufssflaeche", "Verkaufsfläche", "Sales area"},
		{"ausstellungsflaeche", "Ausstellungsfläche", "Showroom"},
		{"kiosk", "Kiosk", "Kiosk"},
		{"sb_markt", "SB-Markt", "Self-service market"},
		{"verbrauchermarkt", "Verbrauchermarkt", "Hypermarket"},
		{"kaufhaus", "Kaufhaus", "Department store"},
		{"einkaufszentrum", "Einkaufszentrum", "Shopping centre"},
		{"factory_outlet", "Factory Outlet", "Factory outlet"},
	}},
	{"gastgewerbe", "Gastgewerbe", "Hospitality", []seedEstateType{
		{"restaurant", "Restaurant", "Restaurant"},
		{"cafe", "Café", "Café"},
		{"gaststaette", "Gaststätte", "Pub"},
		{"barbetrieb", "Barbetrieb", "Bar"},
		{"hotel_garni", "Hotel Garni", "Bed-and-breakfast hotel"},
		{"hotels", "Hotels", "Hotels"},
		{"pensionen", "Pension", "Guesthouse"},
		{"gaestehaus", "Gästehaus", "Inn"},
	}},
	{"hallen_lager_prod", "Hallen/Lager/Produktion", "Halls/warehouses/production", []seedEstateType{
		{"halle", "Halle", "Hall"},
		{"lagerhalle", "Lagerhalle", "Warehouse"},
		{"lager", "Lager", "Storage"},
		{"lagerflaeche", "Lagerfläche", "Storage space"},
		{"lager_mit_freiflaeche", "Lager mit Freifläche", "Warehouse with open space"},
		{"produktion", "Produktion", "Production"},
		{"werkstatt", "Werkstatt", "Workshop"},
		{"industriehalle", "Industriehalle", "Industrial hall"},
		{"kuehlhaus", "Kühlhaus", "Cold store"},
		{"hochregallager", "Hochregallager", "High-bay warehouse"},
		{"speditionslager", "Speditionslager", "Forwarding depot"},
	}},
	{"land_und_forstwirtschaft", "Land-/Forstwirtschaft", "Agriculture/forestry", []seedEstateType{
		{"bauernhof", "Bauernhof", "Farm"},
		{"aussiedlerhof", "Aussiedlerhof", "Outlying farm"},
		{"reiterhoefe", "Reiterhof", "Equestrian farm"},
		{"jagdrevier", "Jagdrevier", "Hunting ground"},
		{"landwirtschaftliche_betriebe", "Landwirtschaftlicher Betrieb", "Agricultural business"},
	}},
	{"freizeitimmbilien_gewerblich", "Freizeitimmobilie (gewerblich)", "Leisure property (commercial)", []seedEstateType{
		{"freizeitanlage", "Freizeitanlage", "Leisure facility"},
		{"sportanlage", "Sportanlage", "Sports facility"},
	}},
	{"sonstige", "Sonstige", "Other", []seedEstateType{
		{"parkhaus", "Parkhaus", "Car park"},
		{"tankstelle", "Tankstelle", "Petrol station"},
		{"gewerbeeinheit", "Gewerbeeinheit", "Commercial unit"},
		{"sonstige", "Sonstige", "Other"},
	}},
}

// seedActionKind is one kind of action (Aktionsart) of the agents log with
// its action types (Aktionstyp); the keys are the German names the API uses.
type seedActionKind struct {
	key   string
	en    string
	types []string
}

// seedActionKinds is the action kind/type configuration the seeded agents
// log follows ("Get action kind and type").
var seedActionKinds = []seedActionKind{
	{"Email", "E-mail", []string{"Eingang", "Ausgang"}},
	{"Telefonat", "Phone call", []string{"Eingang", "Ausgang"}},
	{"Brief", "Letter", []string{"Eingang", "Ausgang"}},
	{"Termin", "Appointment", []string{"Besichtigung", "Folgebesichtigung", "Notartermin", "Objektaufnahme", "Beratung", "Vertragstermin", "Übergabe"}},
	{"Anfrage", "Inquiry", []string{"Immobilienportal", "Website", "Telefon", "E-Mail"}},
	{"Angebot", "Offer", []string{"Exposé", "Objektvorschlag"}},
	{"Kaufpreisangebot", "Purchase price offer", nil},
	{"Preisänderung", "Price change", nil},
	{"Absage", "Cancellation", []string{"Interessent", "Eigentümer"}},
	{"Notiz", "Note", nil},
	{"Newsletter", "Newsletter", []string{"bestellt", "nicht bestellt", "Double Opt-In versendet"}},
	{"Widerruf bestätigt", "Revocation confirmed", []string{"Kein vorzeitiger Beginn", "Vorzeitiger Beginn"}},
	{"AGB bestätigt", "Terms confirmed", nil},
	{"Aufgabe", "Task", []string{"Angebot erstellen", "Objektaufnahme"}},
}

// seedAdvisoryLevels are the stored values of the agents-log advisory level
// (Beratungsebene) with their English labels.
var seedAdvisoryLevels = []string{
	"A Miet-/Kaufvertrag unterzeichnet", "A Rental/purchase contract signed",
	"B Schriftliche Miet-/Kaufzusage", "B Written rental/purchase commitment",
	"C Im intensiven Gespräch", "C In intensive talks",
	"D Interessiert, aber noch prüfend", "D Interested, still checking",
	"E Dokumentation erhalten", "E Documentation received",
	"F Dokumentation bestellt", "F Documentation ordered",
	"G Absage", "G Cancellation",
}

// seedFields registers the field configuration of every module the sandbox
// serves.
func seedFields(s *Store) {
	seedEstateFields(&fieldReg{s: s, module: "estate"})
	seedAddressFields(&fieldReg{s: s, module: "address"})
	seedSearchCriteriaFields(&fieldReg{s: s, module: "searchcriteria"})
	seedCalendarFields(&fieldReg{s: s, module: "calendar"})
	seedTaskFields(&fieldReg{s: s, module: "task"})
	seedAgentsLogFields(&fieldReg{s: s, module: "agentsLog"})
	seedUserFields(&fieldReg{s: s, module: "user"})
	seedFileFields(&fieldReg{s: s, module: "file"})
}

// Option lists shared by several modules.
var (
	seedHeatingOpts = []string{
		"ofen", "Ofenheizung", "Stove heating",
		"etage", "Etagenheizung", "Floor heating",
		"zentral", "Zentralheizung", "Central heating",
		"fern", "Fernwärme", "District heating",
		"fussboden", "Fußbodenheizung", "Underfloor heating",
	}
	seedFiringOpts = []string{
		"oel", "Öl", "Oil",
		"gas", "Gas", "Gas",
		"fluessiggas", "Flüssiggas", "Liquid gas",
		"elektro", "Elektro", "Electric",
		"alternativ", "Alternativ", "Alternative",
		"solar", "Solar", "Solar",
		"erdwaerme", "Erdwärme", "Geothermal",
		"luftwp", "Luft-/Wasserwärmepumpe", "Air/water heat pump",
		"fern", "Fernwärme", "District heating",
		"block", "Blockheizkraftwerk", "Combined heat and power plant",
		"pellet", "Pellet", "Pellets",
		"holz", "Holz", "Wood",
		"kohle", "Kohle", "Coal",
	}
	seedUsageOpts = []string{
		"wohnen", "Wohnen", "Residential",
		"gewerbe", "Gewerbe", "Commercial",
		"anlage", "Anlage", "Investment",
		"waz", "WAZ (Wohnen auf Zeit)", "Temporary living",
	}
	seedMarketingOpts = []string{
		"kauf", "Kauf", "Purchase",
		"miete", "Miete", "Rent",
		"pacht", "Pacht", "Lease",
		"erbpacht", "Erbpacht", "Long lease",
	}
	seedCountryOpts = []string{
		"DEU", "Deutschland", "Germany",
		"AUT", "Österreich", "Austria",
		"CHE", "Schweiz", "Switzerland",
		"NLD", "Niederlande", "Netherlands",
		"BEL", "Belgien", "Belgium",
		"LUX", "Luxemburg", "Luxembourg",
		"FRA", "Frankreich", "France",
		"ITA", "Italien", "Italy",
		"ESP", "Spanien", "Spain",
		"DNK", "Dänemark", "Denmark",
		"POL", "Polen", "Poland",
		"CZE", "Tschechien", "Czech Republic",
		"GBR", "Vereinigtes Königreich", "United Kingdom",
		"USA", "Vereinigte Staaten", "United States",
		"TUR", "Türkei", "Turkey",
	}
	seedContactTypeOpts = []string{
		"Eigentuemer", "Eigentümer", "Owner",
		"Interessent", "Interessent", "Prospect",
		"Kaeufer", "Käufer", "Buyer",
		"Mieter", "Mieter", "Tenant",
		"Vermieter", "Vermieter", "Landlord",
		"Kunde", "Kunde", "Customer",
		"Privatkontakt", "Privatkontakt", "Private contact",
		"Notar", "Notar", "Notary",
		"Makler", "Makler", "Broker",
		"Systembenutzer", "Systembenutzer (Adresse ist mit Benutzer verknüpft)", "System user (address linked to a user)",
		"Investor", "Investor", "Investor",
		"Tippgeber", "Tippgeber", "Tipster",
		"Hausverwaltung", "Hausverwaltung", "Property management",
		"Finanzierungspartner", "Finanzierungspartner", "Financing partner",
		"Kooperationspartner", "Kooperationspartner", "Cooperation partner",
		"Handwerker", "Handwerker", "Craftsman",
		"Bautraeger", "Bauträger", "Property developer",
	}
	seedOriginOpts = []string{
		"Empfehlung", "Empfehlung", "Recommendation",
		"Website", "Eigene Website", "Own website",
		"Suchmaschine", "Suchmaschine", "Search engine",
		"Immobilienportal", "Immobilienportal", "Real estate portal",
		"immobilienscout24_system", "ImmobilienScout24", "ImmobilienScout24",
		"immowelt_system", "Immowelt", "Immowelt",
		"Zeitungsanzeige", "Zeitungsanzeige", "Newspaper ad",
		"Bauschild", "Bauschild", "Construction sign",
		"Schaufenster", "Schaufenster", "Shop window",
		"Flyer", "Flyer", "Flyer",
		"Brief-Mailing", "Brief-Mailing", "Mailing",
		"Newsletter", "Newsletter", "Newsletter",
		"Tippgeber", "Tippgeber", "Tipster",
		"Messe", "Messe", "Trade fair",
		"Bestandskunde", "Bestandskunde", "Existing customer",
	}
)

func seedEstateFields(r *fieldReg) {
	r.section("Technische-Angaben")
	r.add("Id", "integer", "Datensatznr.", "Data record no.").readOnly()
	r.add("objektnr_extern", "varchar", "Externe Objnr.", "External property number").length(20)
	r.add("objektnr_intern", "integer", "Interne Objnr.", "Internal property no.").readOnly()
	r.add("uuid", "varchar", "UUID", "UUID").length(36).readOnly()
	r.add("benutzer", "user", "Betreuer", "Advisor").measure("DATA_TYPE_USER")
	r.add("status", "integer", "Status", "Status").def(1).
		opts("1", "Aktiv", "Active", "2", "Inaktiv", "Inactive", "0", "Archiviert", "Archived")
	r.add("stammobjekt", "boolean", "Stammobjekt", "Master property").def(false)
	r.add("auftragsart", "singleselect", "Auftragsart", "Contract type").
		opts("exklusiv", "Exklusiv", "Exclusive", "normal", "Normal", "Standard")
	r.add("auftragvon", "date", "Auftrag vom", "Order of")
	r.add("auftragbis", "date", "Auftrag bis", "Order until")
	r.add("verkauft_am", "date", "Verkauft am", "Sold on")
	r.add("erstellt_am", "datetime", "Angelegt am", "Created on").readOnly()
	r.add("erstellt_von", "user", "Angelegt von", "Created by").readOnly()
	r.add("geaendert_am", "datetime", "Geändert am", "Modified on").readOnly()
	r.add("language", "varchar", "Sprache", "Language").length(3).readOnly()
	r.add("mainLangId", "integer", "Id der Hauptsprache", "Main language id").readOnly()

	r.section("Kategorie")
	objektart := r.add("objektart", "singleselect", "Objektart", "Property class")
	objekttyp := r.add("objekttyp", "singleselect", "Objekttyp", "Property type")
	objekttyp.f.Dependencies = map[string]string{}
	for _, k := range seedEstateKinds {
		objektart.opts(k.key, k.de, k.en)
		for _, t := range k.types {
			objekttyp.opts(t.key, t.de, t.en)
			objekttyp.f.Dependencies[t.key] = k.key
		}
	}
	r.add("nutzungsart", "singleselect", "Nutzungsart", "Type of usage").opts(seedUsageOpts...)
	r.add("vermarktungsart", "singleselect", "Vermarktungsart", "Type of transaction").opts(seedMarketingOpts...)

	r.section("Geografische-Angaben")
	r.add("strasse", "varchar", "Straße", "Street")
	r.add("hausnummer", "varchar", "Hausnummer", "House number").length(10)
	r.add("plz", "varchar", "PLZ", "Postal code").length(20)
	r.add("ort", "varchar", "Ort", "Town").length(50)
	r.add("bundesland", "varchar", "Bundesland", "Federal state").length(50)
	r.add("land", "singleselect", "Land", "Country").def("DEU").opts(seedCountryOpts[:3*6]...)
	// Real installations send coordinates with five decimals.
	r.add("breitengrad", "float", "Breitengrad", "Latitude").decimals(5)
	r.add("laengengrad", "float", "Längengrad", "Longitude").decimals(5)
	r.add("etage", "integer", "Etage", "Floor")

	r.section("Preise")
	r.add("waehrung", "singleselect", "Währung", "Currency").def("EUR").opts("EUR", "€", "€")
	r.add("kaufpreis", "float", "Kaufpreis", "Purchase price").
		measure("DATA_TYPE_MONETARY").filter("vermarktungsarten", "kauf")
	r.add("preisAufAnfrage", "boolean", "Preis auf Anfrage", "Price on request").def(false)
	r.add("kaufpreis_pro_qm", "float", "Kaufpreis pro qm", "Purchase price per sqm").
		measure("DATA_TYPE_MONETARY").filter("vermarktungsarten", "kauf")
	r.add("hausgeld", "float", "Hausgeld", "HOA fee").
		measure("DATA_TYPE_MONETARY").filter("vermarktungsarten", "kauf")
	r.add("kaltmiete", "float", "Kaltmiete", "Rent").
		measure("DATA_TYPE_MONETARY").filter("vermarktungsarten", "miete")
	r.add("nettokaltmiete", "float", "Nettokaltmiete", "Net rent").
		measure("DATA_TYPE_MONETARY").filter("vermarktungsarten", "miete")
	r.add("warmmiete", "float", "Warmmiete", "Rent including heating").
		measure("DATA_TYPE_MONETARY").filter("vermarktungsarten", "miete")
	r.add("nebenkosten", "float", "Nebenkosten", "Utilities").
		measure("DATA_TYPE_MONETARY").filter("vermarktungsarten", "miete")
	r.add("heizkosten", "float", "Heizkosten", "Heating costs").
		measure("DATA_TYPE_MONETARY").filter("vermarktungsarten", "miete")
	r.add("heizkosten_in_nebenkosten", "singleselect", "Heizkosten in Nebenkosten enthalten", "Heating costs included in utilities").
		filter("vermarktungsarten", "miete").opts("J", "Ja", "Yes", "N", "Nein", "No")
	r.add("mietpreis_pro_qm", "float", "Mietpreis pro qm", "Rent per square metre").
		measure("DATA_TYPE_MONETARY").filter("vermarktungsarten", "miete")
	r.add("kaution", "varchar", "Kaution", "Deposit").filter("vermarktungsarten", "miete")
	r.add("aussen_courtage", "text", "Außen-Courtage", "Commission")
	r.add("innen_courtage", "text", "Innen-Courtage", "Internal commission").filter("vermarktungsarten", "kauf")
	r.add("provisionsbetrag", "float", "Provisionsbetrag (intern)", "Commission (internal)").
		measure("DATA_TYPE_MONETARY").readOnly()
	r.add("zzgl_mehrwertsteuer", "singleselect", "zzgl. MwSt. auf Provision", "plus VAT on commission").
		filter("nutzungsarten", "gewerbe").opts("1", "Ja", "Yes", "0", "Nein", "No")
	r.add("mieteinnahmen_pro_jahr_ist", "float", "Jährl. Mieteinnahmen (Ist)", "Annual rental income (actual)").
		measure("DATA_TYPE_MONETARY").filter("nutzungsarten", "anlage")

	r.section("Flächen")
	r.add("wohnflaeche", "float", "Wohnfläche", "Living area").measure("DATA_TYPE_AREA")
	r.add("nutzflaeche", "float", "Nutzfläche", "Usable area").measure("DATA_TYPE_AREA")
	r.add("gesamtflaeche", "float", "Gesamtfläche", "Total area").measure("DATA_TYPE_AREA")
	r.add("grundstuecksflaeche", "float", "Grundstücksgröße", "Size of plot").measure("DATA_TYPE_AREA")
	r.add("bueroflaeche", "float", "Bürofläche", "Office space").
		measure("DATA_TYPE_AREA").filter("immobilienart", "buero_praxen", "hallen_lager_prod")
	r.add("ladenflaeche", "float", "Ladenfläche", "Shop space").
		measure("DATA_TYPE_AREA").filter("immobilienart", "einzelhandel")
	r.add("verkaufsflaeche", "float", "Verkaufsfläche", "Sales area").
		measure("DATA_TYPE_AREA").filter("immobilienart", "einzelhandel")
	r.add("lagerflaeche", "float", "Lagerfläche", "Storage space").
		measure("DATA_TYPE_AREA").filter("immobilienart", "hallen_lager_prod", "buero_praxen")
	r.add("gastroflaeche", "float", "Gastrofläche", "Restaurant area").
		measure("DATA_TYPE_AREA").filter("immobilienart", "gastgewerbe")
	r.add("balkon_terrasse_flaeche", "float", "Balkon-/Terrassenfläche", "Balcony/terrace area").measure("DATA_TYPE_AREA")
	r.add("anzahl_zimmer", "float", "Anzahl Zimmer", "Number of rooms").measure("DATA_TYPE_NUMERIC")
	r.add("anzahl_schlafzimmer", "float", "Anzahl Schlafzimmer", "Number of bedrooms").
		measure("DATA_TYPE_NUMERIC").filter("nutzungsarten", "wohnen")
	r.add("anzahl_badezimmer", "float", "Anzahl Badezimmer", "Number of bathrooms").
		measure("DATA_TYPE_NUMERIC").filter("nutzungsarten", "wohnen")
	r.add("anzahl_sep_wc", "float", "Anzahl separate WC", "Number of separate toilets").measure("DATA_TYPE_NUMERIC")
	r.add("anzahl_wohneinheiten", "float", "Anzahl Wohneinheiten", "Number of housing units").measure("DATA_TYPE_NUMERIC")
	r.add("anzahl_stellplaetze", "float", "Anzahl Stellplätze", "Number of parking spaces").measure("DATA_TYPE_NUMERIC")
	r.add("grz", "varchar", "GRZ", "Site occupancy index").filter("immobilienart", "grundstueck")
	r.add("gfz", "varchar", "GFZ", "Floor space index").filter("immobilienart", "grundstueck")

	r.section("Ausstattung")
	r.add("heizungsart", "multiselect", "Heizungsart", "Heating").opts(seedHeatingOpts...)
	r.add("befeuerung", "multiselect", "Befeuerung", "Firing").opts(seedFiringOpts...)
	r.add("fahrstuhl", "multiselect", "Fahrstuhl", "Elevator").
		opts("personen", "Personenaufzug", "Passenger lift", "lasten", "Lastenaufzug", "Freight elevator")
	r.add("boden", "multiselect", "Boden", "Flooring").opts(
		"parkett", "Parkett", "Hardwood floor",
		"fertigparkett", "Fertigparkett", "Prefinished parquet",
		"dielen", "Dielen", "Floorboards",
		"laminat", "Laminat", "Laminate",
		"fliesen", "Fliesen", "Tiles",
		"stein", "Stein", "Stone",
		"teppichboden", "Teppichboden", "Carpet",
		"pvc", "PVC", "PVC",
		"estrich", "Estrich", "Screed",
		"beton", "Beton", "Concrete",
	)
	r.add("stellplatzart", "multiselect", "Stellplatzart", "Parking type").opts(
		"garage", "Garage", "Garage",
		"tiefgarage", "Tiefgarage", "Underground car park",
		"carport", "Carport", "Carport",
		"freiplatz", "Freiplatz", "Open space",
		"duplex", "Duplex", "Duplex",
		"parkhaus", "Parkhaus", "Car park",
	)
	r.add("unterkellert", "singleselect", "Unterkellert", "Basement").
		opts("ja", "Ja", "Yes", "nein", "Nein", "No", "teil", "Teilweise", "Partly")
	r.add("etagen_zahl", "float", "Anzahl Etagen", "Number of floors")
	r.add("balkon_terrasse", "boolean", "Balkon/Terrasse", "Balcony/terrace")
	r.add("gaesteWc", "boolean", "Gäste-WC", "Guest toilet")
	r.add("einbaukueche", "boolean", "Einbauküche", "Fitted kitchen")
	r.add("kabel_sat_tv", "boolean", "Kabel/Sat-TV", "Cable/satellite TV")
	r.add("barrierefrei", "boolean", "Barrierefrei", "Barrier-free")
	r.add("garten", "boolean", "Garten", "Garden")
	r.add("klimatisiert", "boolean", "Klimatisiert", "Air-conditioned")
	r.add("rampe", "boolean", "Rampe", "Loading ramp").filter("immobilienart", "hallen_lager_prod")
	r.add("hallenhoehe", "float", "Hallenhöhe", "Hall height").
		measure("DATA_TYPE_DECIMAL_LENGTH").filter("immobilienart", "hallen_lager_prod")

	r.section("Zustand")
	r.add("baujahr", "integer", "Baujahr", "Construction year").measure("DATA_TYPE_YEAR")
	r.add("letztemodernisierung", "integer", "Letzte Modernisierung", "Last modernisation").measure("DATA_TYPE_YEAR")
	r.add("zustand", "singleselect", "Zustand", "Condition").opts(
		"erstbezug", "Erstbezug", "First occupancy",
		"neuwertig", "Neuwertig", "Like new",
		"vollstaendig_renoviert", "Vollständig renoviert", "Completely renovated",
		"saniert", "Saniert", "Refurbished",
		"modernisiert", "Modernisiert", "Modernised",
		"gepflegt", "Gepflegt", "Well maintained",
		"renovierungsbeduerftig", "Renovierungsbedürftig", "In need of renovation",
		"nach_vereinbarung", "Nach Vereinbarung", "By arrangement",
		"projektiert", "Projektiert", "Planned",
		"rohbau", "Rohbau", "Shell",
		"baufaellig", "Baufällig", "Dilapidated",
	)
	r.add("erschliessung", "singleselect", "Erschließung", "Development").filter("immobilienart", "grundstueck").
		opts("erschlossen", "Erschlossen", "Developed", "teilerschlossen", "Teilerschlossen", "Partly developed", "unerschlossen", "Unerschlossen", "Undeveloped")
	r.add("bebaubar_nach", "singleselect", "Bebaubar nach", "Developable according to").filter("immobilienart", "grundstueck").opts(
		"bebauungsplan", "Bebauungsplan (§ 30 BauGB)", "Development plan (§ 30 BauGB)",
		"nachbarbebauung", "Nachbarbebauung (§ 34 BauGB)", "Neighbouring development (§ 34 BauGB)",
		"aussengebiet", "Außengebiet (§ 35 BauGB)", "Outlying area (§ 35 BauGB)",
		"bauerwartungsland", "Bauerwartungsland", "Prospective building land",
	)
	r.add("energieausweistyp", "singleselect", "Energieausweistyp", "Energy certificate type").opts(
		"Endenergiebedarf", "Bedarfsausweis", "Energy demand certificate",
		"Energieverbrauchskennwert", "Verbrauchsausweis", "Energy consumption certificate",
		"ohne Energieausweis", "ohne Energieausweis", "without energy certificate",
		"es besteht keine Pflicht!", "es besteht keine Pflicht!", "not required",
	)
	r.add("endenergiebedarf", "float", "Endenergiebedarf", "Final energy demand").measure("DATA_TYPE_ENERGY_REQUIRED")
	r.add("energieverbrauchskennwert", "float", "Endenergieverbrauch", "Final energy consumption").measure("DATA_TYPE_ENERGY_REQUIRED")
	r.add("energyClass", "singleselect", "Energieeffizienzklasse", "Energy efficiency class").opts(
		"A+", "A+", "A+", "A", "A", "A", "B", "B", "B", "C", "C", "C", "D", "D", "D",
		"E", "E", "E", "F", "F", "F", "G", "G", "G", "H", "H", "H",
	)
	r.add("energietraeger", "singleselect", "Wesentlicher Energieträger", "Main energy source").opts(
		"gas", "Gas", "Gas",
		"oel", "Öl", "Oil",
		"fernwaerme", "Fernwärme", "District heating",
		"luftwp", "Luft-/Wasserwärmepumpe", "Air/water heat pump",
		"erdwaerme", "Erdwärme", "Geothermal",
		"pellet", "Pellet", "Pellets",
		"elektro", "Elektro", "Electric",
		"solar", "Solar", "Solar",
		"block", "Blockheizkraftwerk", "Combined heat and power plant",
		"alternativ", "Alternativ", "Alternative",
		"kohle", "Kohle", "Coal",
	)
	r.add("energieausweis_gueltig_bis", "date", "Energieausweis gültig bis", "Energy certificate valid until")
	r.add("energieausweisBaujahr", "integer", "Baujahr lt. Energieausweis", "Construction year (energy certificate)").measure("DATA_TYPE_YEAR")
	r.add("warmwasserEnthalten", "boolean", "Warmwasser enthalten", "Hot water included")

	r.section("Freitexte")
	r.add("objekttitel", "text", "Objekttitel", "Property title")
	r.add("dreizeiler", "text", "Dreizeiler", "Short description")
	r.add("objektbeschreibung", "text", "Objektbeschreibung", "Description")
	r.add("lage", "text", "Lage", "Location")
	r.add("ausstatt_beschr", "text", "Ausstattungsbeschreibung", "Description of amenities")
	r.add("sonstige_angaben", "text", "Sonstige Angaben", "Other information")

	r.section("Verwaltung")
	r.add("verfuegbar_ab", "varchar", "Verfügbar ab (Text)", "Available from (text)").length(20)
	r.add("abdatum", "date", "Verfügbar ab (Datum)", "Available from (date)")
	r.add("haustiere", "singleselect", "Haustiere", "Pets").filter("vermarktungsarten", "miete").
		opts("1", "Ja", "Yes", "0", "Nein", "No", "2", "Nach Vereinbarung", "Subject to agreement")
	r.add("vermietet", "boolean", "Vermietet", "Rented")
	r.add("denkmalgeschuetzt", "boolean", "Denkmalgeschützt", "Listed building")
	r.add("gewerbliche_nutzung", "boolean", "Gewerbliche Nutzung", "Commercial use")
	r.add("InterneBemerkung", "text", "Interne Bemerkung", "Internal remarks")

	r.section("Marketing")
	r.add("veroeffentlichen", "boolean", "Veröffentlichen", "Publish").def(false)
	r.add("verkauft", "boolean", "Verkauft/Vermietet", "Sold/rented").def(false)
	r.add("reserviert", "boolean", "Reserviert", "Reserved").def(false)
	r.add("exclusive", "boolean", "Exklusiv", "Exclusive")
	r.add("top_angebot", "boolean", "Top-Angebot", "Top offer")
	r.add("neu", "boolean", "Neu", "New")
	r.add("preisreduktion", "boolean", "Preisreduktion", "Price reduction")
	r.add("courtage_frei", "boolean", "Provisionsfrei", "Commission free")
	r.add("referenz", "boolean", "Referenzobjekt", "Reference property")
	r.add("objekt_des_tages", "boolean", "Objekt des Tages", "Property of the day")
	r.add("objekt_der_woche", "boolean", "Objekt der Woche", "Property of the week")
	r.add("showGoogleMap", "boolean", "Karte anzeigen", "Show map")
	r.add("schaufensterTv_veroeffentlichen", "boolean", "Schaufenster-TV veröffentlichen", "Publish on shop window TV")

	r.section("Infrastruktur")
	r.add("distanz_zentrum", "float", "Entfernung Zentrum", "Distance to centre").measure("DATA_TYPE_DISTANCE")
	r.add("distanz_autobahn", "float", "Entfernung Autobahn", "Distance to motorway").measure("DATA_TYPE_DISTANCE")
	r.add("distanz_bahnhof", "float", "Entfernung Bahnhof", "Distance to station").measure("DATA_TYPE_DISTANCE")
	r.add("distanz_grundschule", "float", "Entfernung Grundschule", "Distance to primary school").measure("DATA_TYPE_DISTANCE")
	r.add("distanz_kindergarten", "float", "Entfernung Kindergarten", "Distance to nursery school").measure("DATA_TYPE_DISTANCE")

	// Address publication: real installations read these but never list them.
	r.section("Geo")
	r.add("objektadresse_freigeben_api", "boolean", "Objektadresse freigeben", "Publish address").def(false)
	r.add("virtualAddress", "boolean", "Virtuelle Adresse", "Virtual address").def(false)
	r.add("virtualStreet", "varchar", "Virtuelle Straße", "Virtual street")
	r.add("virtualHouseNumber", "varchar", "Virtuelle Hausnummer", "Virtual house number").length(20)
	r.add("virtualLatitude", "float", "Virtueller Breitengrad", "Virtual latitude").decimals(5)
	r.add("virtualLongitude", "float", "Virtueller Längengrad", "Virtual longitude").decimals(5)
}

// unlistedFields are fields the sandbox accepts in reads, filters, sorting
// and writes like any other, but leaves out of its "get fields" answer, as
// real installations do: their field configuration is not the list of what
// exists.
var unlistedFields = map[string]map[string]bool{
	"estate": {
		"veroeffentlichen": true, "referenz": true, "status": true, "verkauft": true, "reserviert": true,
		"breitengrad": true, "laengengrad": true, "preisAufAnfrage": true, "bundesland": true,
		"virtualAddress": true, "virtualStreet": true, "virtualHouseNumber": true, "virtualLatitude": true,
		"virtualLongitude": true, "objektadresse_freigeben_api": true, "showGoogleMap": true,
	},
	"agentsLog": {"Objekt_nr": true},
}

func seedAddressFields(r *fieldReg) {
	r.section("Stammdaten")
	r.add("Id", "integer", "Datensatznummer", "Record no.").readOnly()
	r.add("KdNr", "integer", "Kundennummer", "Customer no.")
	r.add("uuid", "varchar", "UUID", "UUID").length(36).readOnly()
	r.add("Anrede", "singleselect", "Anrede", "Salutation").opts(
		"Herr", "Herr", "Mr.",
		"Frau", "Frau", "Mrs.",
		"Firma", "Firma", "Company",
		"Familie", "Familie", "Family",
		"Eheleute", "Eheleute", "Spouses",
	)
	r.add("Titel", "varchar", "Titel", "Title")
	r.add("Vorname", "varchar", "Vorname", "First name")
	r.add("Name", "varchar", "Name", "Surname")
	r.add("Zusatz1", "varchar", "Firma", "Company")
	r.add("Zusatz2", "varchar", "Firma (Zusatz)", "Company (additional)")
	r.add("Strasse", "varchar", "Straße", "Street")
	r.add("Plz", "varchar", "PLZ", "ZIP code").length(20)
	r.add("Ort", "varchar", "Ort", "Town")
	r.add("Land", "singleselect", "Land", "Country").def("DEU").opts(seedCountryOpts...)
	r.add("Geburtsdatum", "date", "Geburtsdatum", "Birth date")
	r.add("Anrede2", "varchar", "Anrede 2", "Salutation 2")
	r.add("Titel2", "varchar", "Titel 2", "Title 2")
	r.add("Vorname2", "varchar", "Vorname 2", "First name 2")
	r.add("Name2", "varchar", "Name 2", "Surname 2")
	r.add("Geburtsdatum2", "date", "Geburtsdatum 2", "Birth date 2")
	r.add("employer", "varchar", "Arbeitgeber", "Employer")
	r.add("jobTitle", "varchar", "Berufsbezeichnung", "Job title")
	r.add("jobPosition", "varchar", "Position", "Position")
	r.add("salary", "float", "Einkommen", "Income").measure("DATA_TYPE_MONETARY")

	r.section("Kontakt")
	r.add("Email", "varchar", "E-Mail", "E-mail")
	r.add("Telefon1", "varchar", "Telefon", "Phone").length(40)
	r.add("Telefax1", "varchar", "Telefax", "Fax").length(40)
	r.add("Homepage", "varchar", "Homepage", "Homepage")
	r.add("Briefanrede", "text", "Briefanrede", "Letter salutation")
	r.add("KontaktformBevorzugt", "singleselect", "Bevorzugte Kontaktform", "Preferred form of contact").
		opts("Telefon", "Telefon", "Phone", "Email", "E-Mail", "E-mail", "Brief", "Brief", "Letter", "Telefax", "Telefax", "Fax")
	r.add("SpracheKontakt", "singleselect", "Sprache", "Language").def("DEU").opts(
		"DEU", "Deutsch", "German",
		"ENG", "Englisch", "English",
		"FRA", "Französisch", "French",
		"ITA", "Italienisch", "Italian",
		"NLD", "Niederländisch", "Dutch",
		"POL", "Polnisch", "Polish",
		"TUR", "Türkisch", "Turkish",
	)
	r.add("Eintragsdatum", "date", "Eintragsdatum", "Entry date").readOnly()
	r.add("letzter_Kontakt", "date", "Letzter Kontakt", "Last contact")
	r.add("Rueckruf_akzeptiert", "boolean", "Rückruf akzeptiert", "Callback accepted")

	r.section("Verwaltung")
	r.add("Benutzer", "user", "Betreuer", "Advisor").measure("DATA_TYPE_USER")
	r.add("Status", "integer", "Status", "Status").def(1).opts("1", "Aktiv", "Active", "0", "Archiviert", "Archived")
	r.add("ArtDaten", "multiselect", "Kontaktart", "Type of contact").opts(seedContactTypeOpts...)
	r.add("HerkunftKontakt", "multiselect", "Herkunft Kontakt", "Contact source").opts(seedOriginOpts...)
	r.add("newsletter_aktiv", "integer", "Newsletter", "Newsletter").def(0).opts(
		"0", "Nein", "No",
		"1", "Ja", "Yes",
		"2", "Abgemeldet", "Cancellation",
		"3", "Double Opt-In ausstehend", "Double opt-in pending",
		"4", "Keine Angabe", "Not specified",
	)
	r.add("Vip", "boolean", "VIP", "VIP")
	r.add("AGB_akzeptiert", "boolean", "AGB akzeptiert", "Terms accepted")
	r.add("homepage_veroeffentlichen", "boolean", "Veröffentlichen", "Publish")
	r.add("Letzte_Aktion", "date", "Letzte Aktion", "Last action").readOnly()
	r.add("kunde_seit", "date", "Kunde seit", "Customer since")
	r.add("Aenderung", "datetime", "Letzte Änderung", "Last modified").readOnly()
	r.add("additionalHeader", "varchar", "Warnhinweis", "Warning notice").length(255)

	r.section("DSGVO")
	r.add("DSGVOStatus", "singleselect", "DSGVO-Status", "GDPR status").opts(
		"speicherungzugestimmt", "Speicherung zugestimmt", "Storage agreed",
		"speicherungwiderrufen", "Speicherung widerrufen", "Storage revoked",
		"ignorieren", "Ignorieren", "Ignore",
	)
	r.add("DSGVOSaveUntil", "date", "Speichern bis", "Store until")
}

// seedSearchCriteriaRanges lists the search-criteria range fields: name,
// German label, English label, measure format, knock-out capable.
var seedSearchCriteriaRanges = [][5]string{
	{"kaufpreis", "Kaufpreis", "Purchase price", "DATA_TYPE_MONETARY", "kauf"},
	{"kaltmiete", "Kaltmiete", "Rent", "DATA_TYPE_MONETARY", "miete"},
	{"warmmiete", "Warmmiete", "Rent including heating", "DATA_TYPE_MONETARY", "miete"},
	{"wohnflaeche", "Wohnfläche", "Living area", "DATA_TYPE_AREA", ""},
	{"nutzflaeche", "Nutzfläche", "Usable area", "DATA_TYPE_AREA", ""},
	{"grundstuecksflaeche", "Grundstücksgröße", "Size of plot", "DATA_TYPE_AREA", ""},
	{"anzahl_zimmer", "Anzahl Zimmer", "Number of rooms", "DATA_TYPE_NUMERIC", ""},
	{"anzahl_schlafzimmer", "Anzahl Schlafzimmer", "Number of bedrooms", "DATA_TYPE_NUMERIC", ""},
	{"baujahr", "Baujahr", "Construction year", "DATA_TYPE_YEAR", ""},
}

func seedSearchCriteriaFields(r *fieldReg) {
	r.section("Verwaltung")
	r.add("Id", "integer", "Suchkriterium-Nr.", "Search criterion no.").readOnly()
	r.add("adresse", "integer", "Adresse", "Address").mandatory()
	r.add("advisor", "user", "Betreuer", "Advisor").measure("DATA_TYPE_USER")
	r.add("creator", "user", "Angelegt von", "Created by").readOnly()
	r.add("creationdate", "date", "Angelegt am", "Created on").readOnly()
	r.add("editdate", "datetime", "Geändert am", "Modified on").readOnly()
	r.add("status", "integer", "Status", "Status").def(1).opts("1", "Aktiv", "Active", "0", "Inaktiv", "Inactive")
	r.add("sysExpiryDate", "date", "Gültig bis", "Valid until")
	r.add("characteristic", "multiselect", "Merkmal", "Characteristic").opts(
		"manual_saved", "Manuell gespeichert", "Saved manually",
		"automatic_created", "Automatisch angelegt", "Created automatically",
		"address_completion", "Adressvervollständigung", "Address completion",
		"deactivated_by_interested_person", "Vom Interessenten deaktiviert", "Deactivated by prospect",
		"automatic_deactivated", "Automatisch deaktiviert", "Deactivated automatically",
	)
	r.add("krit_bemerkung", "text", "Bemerkung (intern)", "Remark (internal)")
	r.add("krit_bemerkung_oeffentlich", "text", "Bemerkung (öffentlich)", "Remark (public)")

	r.section("Kategorie")
	r.add("vermarktungsart", "singleselect", "Vermarktungsart", "Type of transaction").opts(seedMarketingOpts...)
	r.add("nutzungsart", "singleselect", "Nutzungsart", "Type of usage").opts(seedUsageOpts...)
	objektart := r.add("objektart", "singleselect", "Objektart", "Property class")
	objekttyp := r.add("objekttyp", "multiselect", "Objekttyp", "Property type")
	objekttyp.f.Dependencies = map[string]string{}
	for _, k := range seedEstateKinds {
		objektart.opts(k.key, k.de, k.en)
		for _, t := range k.types {
			objekttyp.opts(t.key, t.de, t.en)
			objekttyp.f.Dependencies[t.key] = k.key
		}
	}

	r.section("Geografische-Angaben")
	r.add("plz", "varchar", "PLZ", "Postal code").length(20)
	r.add("ort", "varchar", "Ort", "Town")
	r.add("land", "singleselect", "Land", "Country").def("DEU").opts(seedCountryOpts[:3*6]...)

	r.section("Umkreis")
	r.add("range", "integer", "Umkreis (km)", "Radius (km)").measure("DATA_TYPE_DISTANCE")
	r.add("range_plz", "varchar", "Umkreis PLZ", "Radius postal code").length(20)
	r.add("range_ort", "varchar", "Umkreis Ort", "Radius town")
	r.add("range_strasse", "varchar", "Umkreis Straße", "Radius street")
	r.add("range_hausnummer", "varchar", "Umkreis Hausnummer", "Radius house number").length(10)
	r.add("range_land", "singleselect", "Umkreis Land", "Radius country").def("DEU").opts(seedCountryOpts[:3*6]...)
	r.add("range_breitengrad", "float", "Umkreis Breitengrad", "Radius latitude").readOnly()
	r.add("range_laengengrad", "float", "Umkreis Längengrad", "Radius longitude").readOnly()

	for _, rf := range seedSearchCriteriaRanges {
		switch rf[0] {
		case "kaufpreis":
			r.section("Preise")
		case "wohnflaeche":
			r.section("Flächen")
		case "baujahr":
			r.section("Zustand")
		}
		base := r.add(rf[0], "float", rf[1], rf[2]).measure(rf[3])
		lo := r.add(rf[0]+"__von", "float", rf[1]+" von", rf[2]+" from").measure(rf[3])
		hi := r.add(rf[0]+"__bis", "float", rf[1]+" bis", rf[2]+" to").measure(rf[3])
		if rf[0] == "baujahr" {
			base.f.Type, lo.f.Type, hi.f.Type = "integer", "integer", "integer"
		}
		if rf[4] != "" {
			base.filter("vermarktungsarten", rf[4])
			lo.filter("vermarktungsarten", rf[4])
			hi.filter("vermarktungsarten", rf[4])
		}
	}

	r.section("Ausstattung")
	r.add("balkon_terrasse", "boolean", "Balkon/Terrasse", "Balcony/terrace")
	r.add("garten", "boolean", "Garten", "Garden")
	r.add("fahrstuhl", "boolean", "Fahrstuhl", "Elevator")
	r.add("barrierefrei", "boolean", "Barrierefrei", "Barrier-free")
	r.add("stellplatz", "boolean", "Stellplatz", "Parking space")
	r.add("heizungsart", "multiselect", "Heizungsart", "Heating").opts(seedHeatingOpts...)

	ko := r.add("sys_ko", "multiselect", "K.-o.-Kriterien", "Knock-out criteria")
	ko.opts(
		"vermarktungsart", "Vermarktungsart", "Type of transaction",
		"objektart", "Objektart", "Property class",
		"objekttyp", "Objekttyp", "Property type",
		"kaufpreis", "Kaufpreis", "Purchase price",
		"kaltmiete", "Kaltmiete", "Rent",
		"wohnflaeche", "Wohnfläche", "Living area",
		"anzahl_zimmer", "Anzahl Zimmer", "Number of rooms",
		"range", "Umkreis", "Radius",
		"balkon_terrasse", "Balkon/Terrasse", "Balcony/terrace",
		"garten", "Garten", "Garden",
		"fahrstuhl", "Fahrstuhl", "Elevator",
	)
}

func seedCalendarFields(r *fieldReg) {
	r.section("Termin")
	r.add("Id", "integer", "Termin-Nr.", "Appointment no.").readOnly()
	r.add("description", "varchar", "Betreff", "Subject").length(255)
	r.add("start_dt", "datetime", "Beginn", "Start").mandatory()
	r.add("end_dt", "datetime", "Ende", "End").mandatory()
	r.add("ganztags", "boolean", "Ganztägig", "All day").def(false)
	r.add("art", "singleselect", "Terminart", "Appointment type").sameOpts(
		"Besichtigung", "Folgebesichtigung", "Notartermin", "Objektaufnahme", "Beratung",
		"Vertragstermin", "Übergabe", "Bewertung", "Eigentümergespräch", "Besprechung",
		"Messe", "Urlaub", "Sonstiges",
	)
	r.add("note", "text", "Notiz", "Notes")
	r.add("ort", "varchar", "Ort", "Location").length(255)
	r.add("status", "singleselect", "Status", "Status").def("active").opts(
		"active", "Aktiv", "Active",
		"completed", "Erledigt", "Completed",
		"canceled", "Abgesagt", "Cancelled",
		"participantsAvailable", "Teilnehmer verfügbar", "Participants available",
	)
	r.add("abgesagt", "boolean", "Abgesagt", "Cancelled").def(false)
	r.add("erledigt", "boolean", "Erledigt", "Done").def(false)
	r.add("private", "boolean", "Privat", "Private").def(false)
	r.add("erinnerung", "singleselect", "Erinnerung", "Reminder").sameOpts(
		"0 minutes", "5 minutes", "15 minutes", "30 minutes", "1 hours", "2 hours", "3 hours",
		"12 hours", "15 hours", "1 days", "2 days", "3 days", "1 weeks", "3 weeks",
	)
	r.add("ressources", "multiselect", "Ressourcen", "Resources").opts(
		"Konferenzraum", "Konferenzraum", "Conference room",
		"Firmenfahrzeug", "Firmenfahrzeug", "Company car",
		"ind_Schl_4410", "Besprechungsraum Köln", "Meeting room Cologne",
		"ind_Schl_4411", "Besprechungsraum Hamburg", "Meeting room Hamburg",
		"ind_Schl_4412", "Beamer", "Projector",
	)
	r.add("user_ids", "user", "Teilnehmer", "Participants")
	r.add("von", "user", "Erstellt von", "Created by")
	r.add("modified", "datetime", "Geändert am", "Modified on").readOnly()

	r.section("Fahrzeit")
	r.add("allowTransitTime", "boolean", "Fahrzeit berücksichtigen", "Consider travel time").def(false)
	r.add("transitTime", "varchar", "Fahrzeit", "Travel time").length(8)
	r.add("transitTimePre", "varchar", "Fahrzeit vorher", "Travel time before").length(8)
	r.add("transitTimePost", "varchar", "Fahrzeit nachher", "Travel time after").length(8)

	r.section("Serie")
	r.add("rp_flag", "boolean", "Serientermin", "Recurring").def(false)
	r.add("rp_type", "singleselect", "Wiederholung", "Recurrence").
		opts("t", "Täglich", "Daily", "w", "Wöchentlich", "Weekly", "m", "Monatlich", "Monthly", "j", "Jährlich", "Yearly")
	r.add("rp_tage", "integer", "Intervall", "Interval")
	r.add("rp_beginn_datum", "date", "Serienbeginn", "Series start")
	r.add("rp_ende_datum", "date", "Serienende", "Series end")
	r.add("rp_ende_status", "integer", "Serienende-Art", "Series end type").
		opts("1", "Mit Enddatum", "Has an end date", "2", "Ohne Ende", "Open-ended")
	r.add("rp_exception", "varchar", "Ausnahmen", "Exceptions").length(255)
}

func seedTaskFields(r *fieldReg) {
	r.section("Aufgabe")
	r.add("Id", "integer", "Aufgaben-Nr.", "Task no.").readOnly()
	r.add("Nr", "integer", "Nr.", "No.").readOnly()
	r.add("Betreff", "varchar", "Betreff", "Subject").length(255)
	r.add("Aufgabe", "text", "Aufgabe", "Task")
	r.add("Kommentar", "text", "Kommentar", "Comment")
	r.add("publicDescription", "text", "Öffentliche Beschreibung", "Public description")
	r.add("Verantwortung", "user", "Verantwortlich", "Responsible")
	r.add("Verantwortung_Gruppe", "varchar", "Verantwortliche Gruppe", "Responsible group").readOnly()
	r.add("Bearbeiter", "user", "Bearbeiter", "Processor")
	r.add("Art", "integer", "Aufgabentyp", "Task type")
	r.add("Prio", "integer", "Priorität", "Priority").def(3).opts(
		"1", "Sehr hoch", "Highest",
		"2", "Hoch", "High",
		"3", "Normal", "Normal",
		"4", "Niedrig", "Low",
		"5", "Sehr niedrig", "Lowest",
	)
	r.add("Status", "integer", "Status", "Status").def(1).opts(
		"1", "Nicht begonnen", "Not started",
		"2", "In Bearbeitung", "In process",
		"3", "Erledigt", "Completed",
		"4", "Zurückgestellt", "Deferred",
		"5", "Abgebrochen", "Cancelled",
		"6", "Sonstiges", "Miscellaneous",
		"7", "Geprüft", "Checked",
		"8", "Klärungsbedarf", "Need clarification",
	)
	r.add("Stand", "integer", "Stand (%)", "Progress (%)").def(0).
		opts("0", "0 %", "0 %", "25", "25 %", "25 %", "50", "50 %", "50 %", "75", "75 %", "75 %", "100", "100 %", "100 %")
	r.add("erledigt", "boolean", "Erledigt", "Done").def(false)
	r.add("Privat", "boolean", "Privat", "Private").def(false)

	r.section("Termine")
	r.add("Deadline", "datetime", "Fällig am", "Due on")
	r.add("Deadline_Zeit", "varchar", "Fällig um", "Due at").length(8)
	r.add("Deadline_strikt", "boolean", "Fälligkeit verbindlich", "Strict due date").def(false)
	r.add("Beginnt_am", "datetime", "Zurückgestellt bis", "Deferred until")
	r.add("Beginnt_um", "varchar", "Zurückgestellt bis (Uhrzeit)", "Deferred until (time)").length(8)
	r.add("Erinnerung", "boolean", "Erinnerung", "Reminder").def(false)
	r.add("Erinnerungsdatum", "date", "Erinnerungsdatum", "Reminder date")
	r.add("Erinnerungsdatum_Zeit", "varchar", "Erinnerungszeit", "Reminder time").length(8)

	r.section("Aufwand")
	units := []string{"Minuten", "Minuten", "Minutes", "Stunden", "Stunden", "Hours", "Tage", "Tage", "Days"}
	r.add("Aufwand_Soll_NUM", "float", "Aufwand (Soll)", "Planned effort")
	r.add("Einheit_Aufwand_Soll", "singleselect", "Einheit Aufwand (Soll)", "Unit of planned effort").opts(units...)
	r.add("Aufwand_Zusatz_NUM", "float", "Zusatzaufwand", "Additional effort")
	r.add("Einheit_Aufwand_Zusatz", "singleselect", "Einheit Zusatzaufwand", "Unit of additional effort").opts(units...)

	r.section("Verwaltung")
	r.add("von", "user", "Erstellt von", "Created by").readOnly()
	r.add("Eintragsdatum", "datetime", "Eintragsdatum", "Entry date").readOnly()
	r.add("Austragsdatum", "datetime", "Austragsdatum", "Completion date").readOnly()
	r.add("modified", "datetime", "Geändert am", "Modified on").readOnly()
}

func seedAgentsLogFields(r *fieldReg) {
	r.section("Aktivität")
	r.add("Id", "integer", "Datensatznummer", "Record no.").readOnly()
	r.add("Nr", "integer", "Nr.", "No.").readOnly()
	kinds := r.add("Aktionsart", "singleselect", "Aktionsart", "Kind of action")
	for _, k := range seedActionKinds {
		kinds.opts(k.key, k.key, k.en)
	}
	r.add("Aktionstyp", "freetext", "Aktionstyp", "Type of action")
	r.add("Datum", "datetime", "Datum", "Date")
	r.add("Bemerkung", "text", "Bemerkung", "Note")
	r.add("Kosten", "float", "Kosten", "Costs").measure("DATA_TYPE_MONETARY")
	r.add("dauer", "integer", "Dauer (Sekunden)", "Duration (seconds)")
	r.add("merkmal", "multiselect", "Merkmal", "Characteristic").opts(
		"indMulti1832Select5686", "Rückruf erbeten", "Callback requested",
		"indMulti1832Select5687", "Finanzierung geklärt", "Financing confirmed",
		"indMulti1832Select5688", "Exposé versendet", "Brochure sent",
		"indMulti1832Select5689", "Heißer Kontakt", "Hot lead",
	)
	r.add("HerkunftKontakt", "singleselect", "Herkunft Kontakt", "Contact source").opts(seedOriginOpts...)
	levels := r.add("Beratungsebene", "singleselect", "Beratungsebene", "Advisory level")
	for i := 0; i < len(seedAdvisoryLevels); i += 2 {
		levels.opts(seedAdvisoryLevels[i], seedAdvisoryLevels[i], seedAdvisoryLevels[i+1])
	}
	r.add("Absagegrund", "singleselect", "Absagegrund", "Reason of cancellation").opts(
		"Preis zu hoch", "Preis zu hoch", "Price too high",
		"Lage passt nicht", "Lage passt nicht", "Location does not fit",
		"Grundriss passt nicht", "Grundriss passt nicht", "Floor plan does not fit",
		"Anderes Objekt gekauft", "Anderes Objekt gekauft", "Bought another property",
		"Finanzierung abgelehnt", "Finanzierung abgelehnt", "Financing declined",
		"Kein Interesse mehr", "Kein Interesse mehr", "No longer interested",
	)

	r.section("Verwaltung")
	r.add("Benutzer", "user", "Benutzer", "User")
	r.add("Benutzer_nr", "user", "Benutzer-Nr.", "User no.")
	r.add("created", "datetime", "Angelegt am", "Created on").readOnly()
	r.add("Datum_bearb", "datetime", "Bearbeitet am", "Edited on").readOnly()
	// Objekt_nr and Adress_nr are answered from the agentsLog:estate and
	// agentsLog:address relations; they are not stored on the entry.
	r.add("Objekt_nr", "integer", "Objekt-Nr.", "Property no.").readOnly()
	r.add("Adress_nr", "integer", "Adress-Nr.", "Address no.").readOnly()
}

func seedUserFields(r *fieldReg) {
	r.section("Stammdaten")
	r.add("Id", "integer", "Benutzer-Nr.", "User no.").readOnly()
	r.add("Nr", "integer", "Nr.", "No.").readOnly()
	r.add("Name", "varchar", "Benutzername", "User name")
	r.add("Anrede", "varchar", "Anrede", "Salutation")
	r.add("Titel", "varchar", "Titel", "Title")
	r.add("Kuerzel", "varchar", "Kürzel", "Abbreviation").length(10)
	r.add("Vorname", "varchar", "Vorname", "First name")
	r.add("Nachname", "varchar", "Nachname", "Surname")
	r.add("Firma", "varchar", "Firma", "Company")
	r.add("PositionUnternehmen", "varchar", "Position im Unternehmen", "Position in company")
	r.add("Strasse", "varchar", "Straße", "Street")
	r.add("Hausnummer", "varchar", "Hausnummer", "House number").length(10)
	r.add("PLZ", "varchar", "PLZ", "Postal code").length(20)
	r.add("Ort", "varchar", "Ort", "Town")
	r.add("Land", "varchar", "Land", "Country").length(3)
	r.add("Telefon", "varchar", "Telefon", "Phone").length(40)
	r.add("Mobil", "varchar", "Mobil", "Mobile").length(40)
	r.add("Fax", "varchar", "Fax", "Fax").length(40)
	r.add("email", "varchar", "E-Mail", "E-mail")
	r.add("Emailname", "varchar", "E-Mail-Anzeigename", "E-mail display name")
	r.add("Url", "varchar", "Homepage", "Homepage")
	r.add("Sprache", "varchar", "Sprache", "Language").length(3)
	r.add("meetingUrl", "varchar", "Videokonferenz-Link", "Video conference link").length(255)
	r.add("online", "singleselect", "Zustand", "State").opts(
		"active", "Aktiv", "Active",
		"locked", "Gesperrt", "Locked",
		"deactivated", "Dauerhaft deaktiviert", "Permanently deactivated",
	)
	r.add("userCreationDate", "datetime", "Angelegt am", "Created on").readOnly()
	r.add("adrId:adressen.ID", "integer", "Verknüpfte Adresse", "Linked address")
}

func seedFileFields(r *fieldReg) {
	r.section("Datei")
	r.add("Id", "integer", "Datei-Nr.", "File no.").readOnly()
	r.add("module", "singleselect", "Modul", "Module").opts(
		"estate", "Immobilien", "Properties",
		"address", "Adressen", "Addresses",
		"calendar", "Termine", "Appointments",
		"agentsLog", "Aktivitäten", "Activities",
		"task", "Aufgaben", "Tasks",
	)
	r.add("relatedRecordId", "integer", "Datensatz", "Record")
	r.add("type", "singleselect", "Dateiart", "File type").sameOpts(
		"Titelbild", "Foto", "Foto_gross", "Grundriss", "Lageplan", "Stadtplan", "Panorama",
		"Epass_Skala", "Expose", "Dokument", "Aushang", "Mietaufstellung", "Energieausweis",
		"Link", "Film-Link", "Ogulo-Link", "Objekt-Link",
	)
	r.add("category", "singleselect", "Kategorie", "Category").
		opts("external", "Extern", "External", "internal", "Intern", "Internal")
	r.add("title", "varchar", "Titel", "Title").length(255)
	r.add("freetext", "text", "Freitext", "Free text")
	r.add("name", "varchar", "Name", "Name").length(255)
	r.add("originalname", "varchar", "Originalname", "Original name").length(255)
	r.add("filename", "varchar", "Dateiname", "File name").length(255)
	r.add("fileSize", "integer", "Dateigröße", "File size").measure("DATA_TYPE_BYTESIZE")
	r.add("modified", "integer", "Geändert (Unix-Zeit)", "Modified (Unix time)").readOnly()
	r.add("date", "date", "Datum", "Date")
	r.add("position", "integer", "Position", "Position")
	r.add("documentAttribute", "singleselect", "Dokumentmerkmal", "Document attribute").opts(
		"document_expose", "Exposé", "Brochure",
		"document_energy_certificate", "Energieausweis", "Energy certificate",
		"document_floor_plan", "Grundriss", "Floor plan",
		"document_reservation_list", "Reservierungsliste", "Reservation list",
		"document_purchase_contract_draft", "Kaufvertragsentwurf", "Draft purchase contract",
	)
	r.add("ispublishedonhomepage", "boolean", "Auf Homepage veröffentlicht", "Published on homepage").def(false)
	r.add("url", "varchar", "URL", "URL").length(255)
	r.add("username", "user", "Hochgeladen von", "Uploaded by")
}
