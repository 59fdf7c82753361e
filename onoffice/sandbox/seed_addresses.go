package sandbox

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Addresses: the agency's brokers, partner companies, owners, buyers, prospects and tipsters.

// seedAddr is the generator's view of one address.
type seedAddr struct {
	id      int
	rec     Record
	town    *seedTown
	company bool
	// criteria the prospect is looking for (prospects only)
	wantVM, wantArt string
	wantTown        *seedTown
	budget          float64
	minArea         float64
	minRooms        float64
}

var seedMaleFirst = []string{
	"Thomas", "Michael", "Andreas", "Stefan", "Christian", "Markus", "Frank", "Jan", "Tobias", "Sebastian",
	"Alexander", "Daniel", "Florian", "Matthias", "Jörg", "Uwe", "Klaus", "Peter", "Bernd", "Lukas",
	"Jonas", "Felix", "Maximilian", "Paul", "Niklas", "Moritz", "Tim", "Philipp", "Johannes", "Hendrik",
	"Ole", "Malte", "Björn", "Dirk", "Ralf", "Wolfgang", "Günter", "Hans-Peter", "Karl-Heinz", "Simon",
	"David", "Benedikt", "Leon", "Konstantin", "Jens", "Holger", "Carsten", "Volker",
}

var seedFemaleFirst = []string{
	"Sabine", "Andrea", "Claudia", "Susanne", "Petra", "Nicole", "Stefanie", "Katrin", "Julia", "Anna",
	"Laura", "Lena", "Sarah", "Lisa", "Marie", "Sophie", "Hannah", "Lea", "Johanna", "Charlotte",
	"Miriam", "Birgit", "Monika", "Ursula", "Renate", "Heike", "Silke", "Anja", "Kerstin", "Jana",
	"Franziska", "Carolin", "Nina", "Ines", "Christina", "Melanie", "Tanja", "Eva", "Katharina", "Ulrike",
	"Martina", "Annika", "Vanessa", "Elisabeth", "Friederike", "Greta",
}

var seedSurnames = []string{
	"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
	"Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
	"Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
	"Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
	"Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert",
	"Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz",
	"Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin",
	"Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich",
	"Haas", "Schreiber", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch",
	"Bergmann", "Voigt", "Sauer", "Arnold", "Pfeiffer", "Janssen", "Brinkmann", "Terhorst", "Overbeck", "Kowalski",
}

// seedIntlNames are first name/surname pairs of families with roots abroad.
var seedIntlNames = []struct {
	first, last string
	female      bool
}{
	{"Mehmet", "Yıldız", false}, {"Elif", "Kaya", true}, {"Emre", "Demir", false}, {"Ayşe", "Öztürk", true},
	{"Piotr", "Nowak", false}, {"Agnieszka", "Wiśniewska", true}, {"Luca", "Rossi", false}, {"Giulia", "Romano", true},
	{"Dimitrios", "Papadopoulos", false}, {"Eleni", "Georgiou", true}, {"Minh", "Nguyen", false}, {"Thi Lan", "Tran", true},
	{"Ivan", "Petrović", false}, {"Ana", "Jovanović", true}, {"Javier", "García", false}, {"Sofia", "Lindqvist", true},
}

// seedAbroad are foreign home addresses for a few owners and prospects.
var seedAbroad = []struct{ street, plz, town, land string }{
	{"Mariahilfer Straße 88", "1070", "Wien", "AUT"},
	{"Seefeldstrasse 112", "8008", "Zürich", "CHE"},
	{"Keizersgracht 415", "1016 EK", "Amsterdam", "NLD"},
	{"Rue de la Gare 17", "L-1611", "Luxembourg", "LUX"},
}

type seedPersonSpec struct {
	town     *seedTown
	gender   byte // 'm', 'f' or 0 for random
	first    string
	last     string
	titel    string
	art      []string
	origin   []string
	user     *seedUserInfo
	employer string
	mailHost string
	job      string
	phone    string
	street   string // full street line for business contacts
	plz      string
	created  time.Time
	abroad   bool
}

// newName draws an unused first name/surname combination.
func (g *seeder) newName(gender byte) (first, last string, female bool) {
	for i := 0; ; i++ {
		if g.chance(0.1) {
			n := seedIntlNames[g.rng.IntN(len(seedIntlNames))]
			if gender == 0 || (gender == 'f') == n.female {
				first, last, female = n.first, n.last, n.female
			}
		}
		if first == "" {
			female = gender == 'f' || (gender == 0 && g.chance(0.5))
			if female {
				first = seedFemaleFirst[g.rng.IntN(len(seedFemaleFirst))]
			} else {
				first = seedMaleFirst[g.rng.IntN(len(seedMaleFirst))]
			}
			last = seedSurnames[g.rng.IntN(len(seedSurnames))]
		}
		if !g.usedNames[first+" "+last] || i > 50 {
			g.usedNames[first+" "+last] = true
			return first, last, female
		}
		first = ""
	}
}

func (g *seeder) mail(first, last, host string, birth int) string {
	f, l := seedSlug(first), seedSlug(last)
	var local string
	switch n := g.rng.IntN(5); {
	case host != "":
		local = f[:1] + "." + l
		if n == 0 {
			local = f + "." + l
		}
	case n == 0:
		local = f[:1] + "." + l
	case n == 1:
		local = l + "." + f
	case n == 2:
		local = fmt.Sprintf("%s.%s%02d", f, l, birth%100)
	default:
		local = f + "." + l
	}
	if host == "" {
		host = g.pick("example.de", "example.de", "example.com", "example.org", "example.net")
	}
	addr := local + "@" + host
	for n := 2; g.usedMail[addr]; n++ {
		addr = fmt.Sprintf("%s%d@%s", local, n, host)
	}
	g.usedMail[addr] = true
	return addr
}

func (g *seeder) nextKdNr() int {
	g.kdnr += g.between(1, 3)
	return g.kdnr
}

// addAddress stores a record under the next address id.
func (g *seeder) addAddress(a *seedAddr) *seedAddr {
	t := g.s.Table("address")
	a.id = seedFirstAddressID + len(t.Records)
	a.rec["Id"] = a.id
	t.Records = append(t.Records, a.rec)
	g.addrs = append(g.addrs, a)
	g.addrByID[a.id] = a
	return a
}

// stamp sets entry, change and last-contact dates of an address.
func (g *seeder) stamp(r Record, created time.Time) {
	if created.After(g.ref) {
		created = g.ref.AddDate(0, 0, -1)
	}
	r["Eintragsdatum"] = seedDate(created)
	changed := g.timeBetween(created, g.ref.Add(-time.Hour))
	r["Aenderung"] = stamp(changed)
	if g.chance(0.8) {
		r["letzter_Kontakt"] = seedDate(g.timeBetween(changed.AddDate(0, 0, -45), changed.Add(time.Minute)))
	}
}

func (g *seeder) newPerson(sp seedPersonSpec) *seedAddr {
	first, last, female := sp.first, sp.last, sp.gender == 'f'
	if first == "" {
		first, last, female = g.newName(sp.gender)
	} else {
		g.usedNames[first+" "+last] = true
	}
	birth := g.between(1948, 2001)
	r := Record{
		"KdNr":    g.nextKdNr(),
		"uuid":    g.uuid(),
		"Vorname": first,
		"Name":    last,
		"Status":  1,
		"Land":    "DEU",
	}
	anrede := "Herr"
	if female {
		anrede = "Frau"
	}
	r["Anrede"] = anrede
	titel := sp.titel
	if titel == "" && sp.employer == "" && g.chance(0.07) {
		titel = g.pick("Dr.", "Dr.", "Prof. Dr.", "Dipl.-Ing.")
	}
	if titel != "" {
		r["Titel"] = titel
	}
	nameLine := last
	if strings.HasPrefix(titel, "Dr.") || strings.HasPrefix(titel, "Prof.") {
		nameLine = titel + " " + last
	}
	if female {
		r["Briefanrede"] = "Sehr geehrte Frau " + nameLine + ","
	} else {
		r["Briefanrede"] = "Sehr geehrter Herr " + nameLine + ","
	}
	switch {
	case sp.street != "":
		r["Strasse"], r["Plz"], r["Ort"] = sp.street, sp.plz, sp.town.name
	case sp.abroad:
		a := seedAbroad[g.rng.IntN(len(seedAbroad))]
		r["Strasse"], r["Plz"], r["Ort"], r["Land"] = a.street, a.plz, a.town, a.land
	default:
		spot := g.spotOf(sp.town, "w")
		r["Strasse"] = spot.street + " " + g.houseNumber()
		r["Plz"], r["Ort"] = spot.plz, sp.town.name
	}
	if sp.employer != "" || g.chance(0.88) {
		r["Email"] = g.mail(first, last, sp.mailHost, birth)
	}
	switch {
	case sp.phone != "":
		r["Telefon1"] = sp.phone
	case g.chance(0.55):
		r["Telefon1"] = g.mobile()
	case g.chance(0.8):
		r["Telefon1"] = g.phone(sp.town)
	}
	if sp.employer == "" && g.chance(0.65) {
		b := time.Date(birth, time.Month(g.between(1, 12)), g.between(1, 28), 0, 0, 0, 0, time.UTC)
		r["Geburtsdatum"] = seedDate(b)
	}
	if sp.employer != "" {
		r["employer"] = sp.employer
		r["jobTitle"] = sp.job
	} else if g.chance(0.3) {
		r["jobTitle"] = g.pick("Lehrerin", "Ingenieur", "Ärztin", "Softwareentwickler", "Bankkaufmann", "Projektmanagerin", "Rentner", "Architektin", "Steuerfachangestellte", "Polizeibeamter", "Pflegefachkraft", "Vertriebsleiter")
		if g.chance(0.5) {
			r["salary"] = seedRound(g.rangef(38000, 120000), 1000)
		}
	}
	if g.chance(0.12) && sp.employer == "" {
		r["Anrede2"] = map[bool]string{true: "Herr", false: "Frau"}[female]
		r["Vorname2"], _, _ = g.newName(map[bool]byte{true: 'm', false: 'f'}[female])
		r["Name2"] = last
		r["Anrede"] = "Eheleute"
		r["Briefanrede"] = fmt.Sprintf("Sehr geehrte Frau %s, sehr geehrter Herr %s,", last, last)
	}
	r["ArtDaten"] = append([]string(nil), sp.art...)
	if len(sp.origin) > 0 {
		r["HerkunftKontakt"] = append([]string(nil), sp.origin...)
	}
	if sp.user != nil {
		r["Benutzer"] = sp.user.login
	}
	r["SpracheKontakt"] = "DEU"
	if r["Land"] != "DEU" && g.chance(0.5) {
		r["SpracheKontakt"] = "ENG"
	}
	if _, ok := r["Email"]; ok && sp.employer != "" {
		r["KontaktformBevorzugt"] = "Email"
		r["newsletter_aktiv"] = 0
	} else if ok {
		r["KontaktformBevorzugt"] = g.pick("Email", "Email", "Telefon")
		r["newsletter_aktiv"] = []int{0, 0, 1, 1, 1, 3, 4}[g.rng.IntN(7)]
	} else {
		r["KontaktformBevorzugt"] = g.pick("Telefon", "Brief")
		r["newsletter_aktiv"] = 0
	}
	r["DSGVOStatus"] = "speicherungzugestimmt"
	r["AGB_akzeptiert"] = g.chance(0.7)
	r["Vip"] = false
	r["homepage_veroeffentlichen"] = false
	created := sp.created
	if created.IsZero() {
		created = g.timeBetween(g.ref.AddDate(-3, -5, -1), g.ref.AddDate(0, 0, -2))
	}
	g.stamp(r, created)
	return g.addAddress(&seedAddr{rec: r, town: sp.town})
}

// seedCompany describes a company address and its contact persons.
type seedCompany struct {
	key, name, town, host string
	art                   []string
	contacts              []seedCompanyContact
}

type seedCompanyContact struct {
	anrede, titel, first, last, job string
}

var seedCompanies = []seedCompany{
	{"hv_ms", "Hausverwaltung Brockmann GmbH", "Münster", "hv-brockmann.example.de", []string{"Hausverwaltung", "Kooperationspartner"},
		[]seedCompanyContact{{"Frau", "", "Petra", "Brockmann", "Geschäftsführerin"}}},
	{"hv_k", "Rheinische Immobilienverwaltung Schäfer & Partner GmbH", "Köln", "rhein-verwaltung.example.de", []string{"Hausverwaltung"},
		[]seedCompanyContact{{"Herr", "", "Dirk", "Schäfer", "Geschäftsführer"}, {"Frau", "", "Miriam", "Engel", "Objektbetreuerin"}}},
	{"hv_hh", "Alster Hausverwaltung GmbH", "Hamburg", "alster-hv.example.de", []string{"Hausverwaltung"},
		[]seedCompanyContact{{"Herr", "", "Ole", "Petersen", "WEG-Verwalter"}}},
	{"not_ms", "Notariat Dr. Kersting & Dr. Vollmer", "Münster", "notariat-kersting.example.de", []string{"Notar", "Kooperationspartner"},
		[]seedCompanyContact{{"Herr", "Dr.", "Hendrik", "Kersting", "Notar"}, {"Frau", "Dr.", "Silke", "Vollmer", "Notarin"}}},
	{"not_k", "Notare am Dom Dr. Lenz und Weidemann", "Köln", "notare-am-dom.example.de", []string{"Notar"},
		[]seedCompanyContact{{"Herr", "Dr.", "Markus", "Lenz", "Notar"}}},
	{"not_hh", "Notariat Jessen Brodersen", "Hamburg", "notariat-jessen.example.de", []string{"Notar"},
		[]seedCompanyContact{{"Frau", "Dr.", "Johanna", "Jessen", "Notarin"}}},
	{"not_b", "Notarin Dr. Anja Krause", "Berlin", "notarin-krause.example.de", []string{"Notar"},
		[]seedCompanyContact{{"Frau", "Dr.", "Anja", "Krause", "Notarin"}}},
	{"not_m", "Notariat Dr. Aumüller", "München", "notariat-aumueller.example.de", []string{"Notar"},
		[]seedCompanyContact{{"Herr", "Dr.", "Florian", "Aumüller", "Notar"}}},
	{"not_l", "Notariat Wendt & Kühnel", "Leipzig", "notariat-wendt.example.de", []string{"Notar"},
		[]seedCompanyContact{{"Frau", "", "Kerstin", "Wendt", "Notarin"}}},
	{"bank_ms", "Westfälische Baufinanz AG", "Münster", "westfaelische-baufinanz.example.de", []string{"Finanzierungspartner", "Kooperationspartner"},
		[]seedCompanyContact{{"Herr", "", "Tobias", "Lange", "Baufinanzierungsberater"}}},
	{"bank_hh", "Hanseatische Kreditvermittlung GmbH", "Hamburg", "hanse-kredit.example.de", []string{"Finanzierungspartner"},
		[]seedCompanyContact{{"Frau", "", "Nina", "Jensen", "Finanzierungsberaterin"}}},
	{"dev_ms", "Quartier am Kanal Projektgesellschaft mbH", "Münster", "quartier-am-kanal.example.de", []string{"Bautraeger", "Eigentuemer"},
		[]seedCompanyContact{{"Herr", "", "Stefan", "Wolff", "Projektleiter"}}},
	{"dev_m", "Isar Projektbau GmbH & Co. KG", "München", "isar-projektbau.example.de", []string{"Bautraeger", "Investor"},
		[]seedCompanyContact{{"Herr", "", "Maximilian", "Huber", "Geschäftsführer"}}},
	{"inv_dd", "Elbflorenz Wohnbau GmbH", "Dresden", "elbflorenz-wohnbau.example.de", []string{"Investor", "Eigentuemer"},
		[]seedCompanyContact{{"Frau", "", "Claudia", "Seidel", "Asset Managerin"}}},
	{"inv_b", "Spree Capital Real Estate GmbH", "Berlin", "spree-capital.example.de", []string{"Investor", "Eigentuemer"},
		[]seedCompanyContact{{"Herr", "", "Alexander", "Graf", "Investment Manager"}}},
	{"inv_f", "Mainblick Asset Management GmbH", "Frankfurt am Main", "mainblick-am.example.de", []string{"Investor", "Eigentuemer"},
		[]seedCompanyContact{{"Frau", "", "Carolin", "Albrecht", "Head of Asset Management"}}},
	{"inv_n", "Frankenhaus Grundbesitz GmbH", "Nürnberg", "frankenhaus.example.de", []string{"Investor", "Eigentuemer"}, nil},
	{"inv_hb", "Weserkontor Immobilien KG", "Bremen", "weserkontor.example.de", []string{"Investor", "Eigentuemer"},
		[]seedCompanyContact{{"Herr", "", "Hauke", "Rohlfs", "Kommanditist"}}},
	{"ten_baeck", "Bäckerei Lohmann GmbH", "Münster", "baeckerei-lohmann.example.de", []string{"Kunde"},
		[]seedCompanyContact{{"Herr", "", "Bernd", "Lohmann", "Inhaber"}}},
	{"ten_cafe", "Café Fräulein Rosa UG (haftungsbeschränkt)", "Köln", "cafe-fraeulein-rosa.example.de", []string{"Kunde"},
		[]seedCompanyContact{{"Frau", "", "Lea", "Rosenthal", "Geschäftsführerin"}}},
	{"ten_stb", "Steuerberatung Albers & Kollegen PartG mbB", "Hannover", "stb-albers.example.de", []string{"Kunde"},
		[]seedCompanyContact{{"Herr", "", "Jörg", "Albers", "Steuerberater"}}},
	{"ten_physio", "Physiotherapie am Park GmbH", "Bremen", "physio-am-park.example.de", []string{"Kunde"},
		[]seedCompanyContact{{"Frau", "", "Sophie", "Brandes", "Praxisinhaberin"}}},
	{"ten_log", "Nordlicht Logistik GmbH", "Hamburg", "nordlicht-logistik.example.de", []string{"Kunde"},
		[]seedCompanyContact{{"Herr", "", "Malte", "Friedrichsen", "Leiter Standortentwicklung"}}},
	{"ten_sped", "Frankenlager Spedition GmbH", "Nürnberg", "frankenlager.example.de", []string{"Kunde"}, nil},
	{"ten_digi", "Breisgau Digital GmbH", "Freiburg im Breisgau", "breisgau-digital.example.de", []string{"Kunde"},
		[]seedCompanyContact{{"Frau", "", "Franziska", "Lorenz", "COO"}}},
	{"hw_maler", "Malerbetrieb Kowalczyk GmbH", "Düsseldorf", "maler-kowalczyk.example.de", []string{"Handwerker", "Kooperationspartner"}, nil},
	{"koop_foto", "Fotostudio Lichtblick Immobilienfotografie", "Köln", "lichtblick-foto.example.de", []string{"Kooperationspartner"},
		[]seedCompanyContact{{"Herr", "", "Jan", "Oswald", "Fotograf"}}},
	{"koop_energie", "Energieberatung Grünwert GmbH", "Leipzig", "gruenwert-energie.example.de", []string{"Kooperationspartner"},
		[]seedCompanyContact{{"Herr", "", "Paul", "Richter", "Energieberater"}}},
	{"koop_gutachter", "Sachverständigenbüro Dipl.-Ing. Harms", "Bremen", "sv-harms.example.de", []string{"Kooperationspartner"},
		[]seedCompanyContact{{"Herr", "Dipl.-Ing.", "Wolfgang", "Harms", "Sachverständiger für Immobilienbewertung"}}},
}

func (g *seeder) seedAddresses() {
	// Broker addresses of the agency users.
	for _, u := range g.users {
		off := seedOffices[u.town]
		created := g.ref.AddDate(-4, -8, -1+u.id*11).Add(9 * time.Hour)
		a := g.newPerson(seedPersonSpec{
			town: g.town(off.town), gender: map[string]byte{"Herr": 'm', "Frau": 'f'}[u.anrede],
			first: u.first, last: u.last, art: []string{"Makler", "Systembenutzer"}, user: u,
			employer: seedAgency, mailHost: "hansen-kroeger.example.com", job: u.position,
			phone: fmt.Sprintf("%s-%d", off.phone, u.id), street: off.street + " " + off.no, plz: off.plz, created: created,
		})
		a.rec["Email"] = u.email()
		a.rec["Zusatz1"] = seedAgency
		a.rec["newsletter_aktiv"] = 0
		u.addrID = a.id
		g.brokers[u.id] = a.id
		g.s.Table("user").Get(u.id)["adrId:adressen.ID"] = a.id
	}
	// Companies and their contact persons.
	for _, c := range seedCompanies {
		t := g.town(c.town)
		spot := g.spotOf(t, "bl")
		street := spot.street + " " + g.houseNumber()
		phone := g.phone(t)
		created := g.timeBetween(g.ref.AddDate(-5, -10, -1), g.ref.AddDate(-1, 0, -1))
		user := g.userByID[seedUserTown[c.town]]
		r := Record{
			"KdNr":                 g.nextKdNr(),
			"uuid":                 g.uuid(),
			"Anrede":               "Firma",
			"Vorname":              "",
			"Name":                 "",
			"Zusatz1":              c.name,
			"Strasse":              street,
			"Plz":                  spot.plz,
			"Ort":                  t.name,
			"Land":                 "DEU",
			"Email":                map[bool]string{true: "kanzlei@", false: "info@"}[strings.HasPrefix(c.key, "not_")] + c.host,
			"Telefon1":             phone,
			"Telefax1":             phone[:len(phone)-1] + "9",
			"Homepage":             "https://www." + c.host,
			"Briefanrede":          "Sehr geehrte Damen und Herren,",
			"ArtDaten":             append([]string(nil), c.art...),
			"HerkunftKontakt":      []string{g.pick("Empfehlung", "Bestandskunde", "Messe", "Website")},
			"Benutzer":             user.login,
			"Status":               1,
			"SpracheKontakt":       "DEU",
			"KontaktformBevorzugt": "Email",
			"newsletter_aktiv":     0,
			"DSGVOStatus":          "speicherungzugestimmt",
			"AGB_akzeptiert":       true,
			"Vip":                  strings.HasPrefix(c.key, "inv_") || strings.HasPrefix(c.key, "dev_"),
			"kunde_seit":           seedDate(created),
		}
		g.stamp(r, created)
		ca := g.addAddress(&seedAddr{rec: r, town: t, company: true})
		g.companies[c.key] = ca.id
		for i, p := range c.contacts {
			ext := fmt.Sprintf("%s%d", phone[:len(phone)-2], 10+i*3)
			pa := g.newPerson(seedPersonSpec{
				town: t, gender: map[string]byte{"Herr": 'm', "Frau": 'f'}[p.anrede], first: p.first, last: p.last,
				titel: p.titel, art: seedContactArt(c.art), user: user, employer: c.name, mailHost: c.host, job: p.job,
				phone: ext, street: street, plz: spot.plz, created: created.AddDate(0, 0, g.between(0, 90)),
			})
			pa.rec["Zusatz1"] = c.name
			g.rel(seedRelAddressCont, ca.id, pa.id, nil)
			g.contactsOf[c.key] = append(g.contactsOf[c.key], pa.id)
		}
	}
	// Each group of contacts has its own stream too: more prospects do not
	// change who the tipsters are.
	for _, step := range []struct {
		group string
		run   func()
	}{
		{"owners", g.seedOwners},
		{"buyers", g.seedBuyers},
		{"prospects", g.seedProspects},
		{"tipsters", g.seedTipsters},
	} {
		g.use("addresses: " + step.group)
		step.run()
	}
}

func seedCompanyTown(key string) string {
	for _, c := range seedCompanies {
		if c.key == key {
			return c.town
		}
	}
	return ""
}

// seedContactArt derives the contact types of a company's employee.
func seedContactArt(company []string) []string {
	switch company[0] {
	case "Notar", "Hausverwaltung", "Finanzierungspartner", "Kooperationspartner", "Handwerker":
		return []string{company[0]}
	}
	return []string{"Kunde"}
}

func (g *seeder) addArt(a *seedAddr, kinds ...string) {
	cur, _ := a.rec["ArtDaten"].([]string)
	for _, k := range kinds {
		found := false
		for _, c := range cur {
			found = found || c == k
		}
		if !found {
			cur = append(cur, k)
		}
	}
	a.rec["ArtDaten"] = cur
}

func (g *seeder) investorFor(t *seedTown) int {
	for _, c := range seedCompanies {
		if c.town == t.name && (strings.HasPrefix(c.key, "inv_") || c.key == "dev_m") {
			return g.companies[c.key]
		}
	}
	keys := []string{"inv_b", "inv_f", "inv_dd", "inv_n", "inv_hb"}
	return g.companies[keys[g.rng.IntN(len(keys))]]
}

func (g *seeder) seedOwners() {
	var privateOwners []*seedAddr
	for _, e := range g.estates {
		var owner *seedAddr
		switch {
		case e.complexBase || e.unit:
			owner = g.addrByID[g.companies["dev_ms"]]
		case e.usage == "anlage" || (e.usage == "gewerbe" && (e.vm == "kauf" || g.chance(0.5))):
			owner = g.addrByID[g.investorFor(e.town)]
		default:
			for _, o := range privateOwners {
				if o.town == e.town && g.chance(0.12) {
					owner = o
					break
				}
			}
			if owner == nil {
				sp := seedPersonSpec{
					town: e.town, art: []string{"Eigentuemer", "Kunde"},
					origin:  []string{g.pick("Empfehlung", "Empfehlung", "Bestandskunde", "Website", "Zeitungsanzeige", "Flyer", "Suchmaschine")},
					user:    e.user,
					created: e.created.AddDate(0, 0, -g.between(5, 70)),
				}
				if g.chance(0.12) {
					sp.town = seedTowns[g.rng.IntN(len(seedTowns))]
				}
				sp.abroad = g.chance(0.04)
				owner = g.newPerson(sp)
				owner.town = e.town
				owner.rec["kunde_seit"] = owner.rec["Eintragsdatum"]
				privateOwners = append(privateOwners, owner)
			}
		}
		g.addArt(owner, "Eigentuemer")
		if e.vm == "miete" {
			g.addArt(owner, "Vermieter")
		}
		e.owner = owner.id
		g.rel(seedRelOwner, e.id, owner.id, nil)
		if b, ok := g.brokers[e.user.id]; ok {
			g.rel(seedRelContactPerson, e.id, b, nil)
		}
	}
}

func (g *seeder) seedBuyers() {
	tenants := []string{"ten_baeck", "ten_cafe", "ten_stb", "ten_physio", "ten_log", "ten_sped", "ten_digi"}
	used := map[string]bool{}
	for _, e := range g.estates {
		if !e.sold {
			continue
		}
		var a *seedAddr
		if e.usage == "gewerbe" && e.vm == "miete" {
			key := ""
			for _, k := range tenants {
				if !used[k] && seedCompanyTown(k) == e.town.name {
					key = k
					break
				}
			}
			for _, k := range tenants {
				if key == "" && !used[k] {
					key = k
				}
			}
			if key != "" {
				used[key] = true
				a = g.addrByID[g.companies[key]]
			}
		}
		if a == nil {
			kind := "Kaeufer"
			if e.vm == "miete" {
				kind = "Mieter"
			}
			a = g.newPerson(seedPersonSpec{
				town: e.town, art: []string{"Interessent", kind},
				origin:  []string{g.pick("immobilienscout24_system", "immowelt_system", "Website", "Empfehlung", "Schaufenster")},
				user:    e.user,
				created: e.created.AddDate(0, 0, g.between(3, 40)),
			})
			a.wantVM, a.wantArt, a.wantTown = e.vm, e.art, e.town
			a.budget = e.price * 1.05
			a.minArea = seedRound(e.area*0.85, 5)
			a.minRooms = math.Max(1, math.Floor(e.rooms)-1)
		} else {
			g.addArt(a, "Mieter")
		}
		if e.vm == "kauf" {
			e.buyer = a.id
			g.rel(seedRelBuyer, e.id, a.id, nil)
		} else {
			e.tenant = a.id
			g.rel(seedRelRenter, e.id, a.id, nil)
		}
	}
}

func (g *seeder) seedProspects() {
	// Towns weighted by their number of open estates.
	var pool []*seedTown
	for _, e := range g.estates {
		if e.status == 1 && !e.sold && !e.unit {
			pool = append(pool, e.town)
		}
	}
	for i := 0; i < 54; i++ {
		t := pool[g.rng.IntN(len(pool))]
		vm := "kauf"
		if g.chance(0.4) {
			vm = "miete"
		}
		art := "wohnung"
		switch r := g.rng.Float64(); {
		case vm == "kauf" && r < 0.3, vm == "miete" && r < 0.12:
			art = "haus"
		case vm == "kauf" && r < 0.36:
			art = "grundstueck"
		}
		a := g.newPerson(seedPersonSpec{
			town: t, art: []string{"Interessent"},
			origin: g.pickN([]string{"immobilienscout24_system", "immowelt_system", "Website", "Empfehlung", "Suchmaschine", "Schaufenster", "Newsletter", "Zeitungsanzeige"}, g.between(1, 2)),
			user:   g.userByID[seedUserTown[t.name]],
			abroad: g.chance(0.03),
		})
		a.town = t
		a.wantVM, a.wantArt, a.wantTown = vm, art, t
		switch art {
		case "wohnung":
			a.minArea = seedRound(g.rangef(40, 110), 5)
			a.minRooms = g.roomsFor(a.minArea)
			if vm == "kauf" {
				a.budget = seedRound(a.minArea*t.wohnKauf*g.rangef(1.1, 1.45), 10000)
			} else {
				a.budget = seedRound(a.minArea*t.miete*g.rangef(1.1, 1.4), 50)
			}
		case "haus":
			a.minArea = seedRound(g.rangef(100, 180), 5)
			a.minRooms = float64(g.between(4, 6))
			if vm == "kauf" {
				a.budget = seedRound(a.minArea*t.hausKauf*g.rangef(1.1, 1.4), 10000)
			} else {
				a.budget = seedRound(a.minArea*t.miete*g.rangef(1.1, 1.3), 50)
			}
		default:
			a.minArea = seedRound(g.rangef(350, 800), 50)
			a.budget = seedRound(a.minArea*t.boden*g.rangef(1.1, 1.5), 10000)
		}
		if g.chance(0.05) {
			a.rec["Status"] = 0
			a.rec["DSGVOStatus"] = g.pick("speicherungzugestimmt", "speicherungwiderrufen")
		}
		g.prospects = append(g.prospects, a.id)
	}
	// Commercial prospects: tenants looking for space.
	for _, k := range []string{"ten_digi", "ten_physio", "ten_log", "ten_cafe"} {
		a := g.addrByID[g.companies[k]]
		g.addArt(a, "Interessent")
		a.wantVM = "miete"
		a.wantTown = a.town
		switch k {
		case "ten_digi":
			a.wantArt, a.minArea = "buero_praxen", 250
		case "ten_physio":
			a.wantArt, a.minArea = "buero_praxen", 160
		case "ten_log":
			a.wantArt, a.minArea = "hallen_lager_prod", 1500
		default:
			a.wantArt, a.minArea = "einzelhandel", 80
		}
		a.budget = seedRound(a.minArea*a.town.buero*1.5, 100)
		if a.wantArt == "hallen_lager_prod" {
			a.budget = seedRound(a.minArea*8, 100)
		}
		g.prospects = append(g.prospects, a.id)
	}
}

func (g *seeder) seedTipsters() {
	for i := 0; i < 3; i++ {
		var e *seedEstate
		for _, k := range g.rng.Perm(len(g.estates)) {
			if c := g.estates[k]; !c.unit && !c.complexBase && c.usage == "wohnen" {
				e = c
				break
			}
		}
		a := g.newPerson(seedPersonSpec{
			town: e.town, art: []string{"Tippgeber", "Privatkontakt"}, origin: []string{"Empfehlung"},
			user: e.user, created: e.created.AddDate(0, 0, -g.between(10, 40)),
		})
		g.rel(seedRelTipp, a.id, e.id, nil)
	}
}
