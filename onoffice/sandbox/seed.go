package sandbox

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// The seed data set: a fictitious agency ("Hansen & Kröger Immobilien GmbH",
// head office in Münster) with estates, contacts, search profiles,
// appointments, tasks, activities and files in German cities. Everything is
// drawn from one random stream per entity (see seeder.use), and every date is
// placed relative to a reference day ("today" of the story, see NewStore), so
// the same reference day always produces the same data. docs/sandbox.md
// describes the story.

// Id ranges of the seeded tables.
const (
	seedFirstEstateID   = 3101
	seedFirstAddressID  = 10001
	seedFirstCriteriaID = 1201
	seedFirstCalendarID = 5101
	seedFirstTaskID     = 701
	seedFirstLogID      = 70301
	seedFirstFileID     = 58101
)

// Relation type URNs used by the seed data.
const (
	seedRelOwner         = RelationPrefix + "estate:address:owner"
	seedRelBuyer         = RelationPrefix + "estate:address:buyer"
	seedRelRenter        = RelationPrefix + "estate:address:renter"
	seedRelInterested    = RelationPrefix + "estate:address:interested"
	seedRelContactPerson = RelationPrefix + "estate:address:contactPerson"
	seedRelEstateUnit    = RelationPrefix + "estate:estateUnit"
	seedRelTipp          = RelationPrefix + "address:estate:tipp"
	seedRelAddressCont   = RelationPrefix + "address:contact:address"
	seedRelSearchCrit    = RelationPrefix + "address:searchcriteria"
	seedRelCalAddress    = RelationPrefix + "calendar:address"
	seedRelCalEstate     = RelationPrefix + "calendar:estate"
	seedRelTaskAddress   = RelationPrefix + "task:address"
	seedRelTaskEstate    = RelationPrefix + "task:estate"
	seedRelLogAddress    = RelationPrefix + "agentsLog:address"
	seedRelLogEstate     = RelationPrefix + "agentsLog:estate"
)

// seedSpot is a street in a town together with its postcode and district.
// kind: w = residential, b = offices, l = retail, h = halls/industry.
type seedSpot struct {
	street, plz, district string
	kind                  byte
}

// seedTown holds what the generator needs to place realistic estates in a
// town: streets, coordinates, phone area code and price levels (€/m²).
type seedTown struct {
	name, en, code, state, area string
	lat, lon                    float64
	spots                       []seedSpot
	// wohnKauf/hausKauf: purchase price per m² living area; miete: net rent
	// per m²; boden: land value per m²; buero/laden: commercial rent per m².
	wohnKauf, hausKauf, miete, boden, buero, laden float64
	autobahn, green, center                        string
}

var seedTowns = []*seedTown{
	{name: "Münster", en: "Münster", code: "MS", state: "Nordrhein-Westfalen", area: "0251", lat: 51.9607, lon: 7.6261,
		wohnKauf: 4300, hausKauf: 3900, miete: 12.0, boden: 700, buero: 13, laden: 35,
		autobahn: "A1 und A43", green: "den Aasee und die Promenade", center: "den Prinzipalmarkt",
		spots: []seedSpot{
			{"Hammer Straße", "48153", "Geist", 'w'},
			{"Wolbecker Straße", "48155", "Hansaviertel", 'w'},
			{"Warendorfer Straße", "48145", "Mauritz", 'w'},
			{"Nordstraße", "48149", "Kreuzviertel", 'w'},
			{"Studtstraße", "48149", "Kreuzviertel", 'w'},
			{"Dieckstraße", "48145", "Mauritz", 'w'},
			{"Dieckmannstraße", "48161", "Gievenbeck", 'w'},
			{"Sentmaringer Weg", "48151", "Aaseestadt", 'w'},
			{"Marktallee", "48165", "Hiltrup", 'w'},
			{"Kanalstraße", "48147", "Kreuzviertel", 'w'},
			{"Hafenweg", "48155", "Hafen", 'b'},
			{"Prinzipalmarkt", "48143", "Altstadt", 'l'},
			{"Albersloher Weg", "48155", "Hafen", 'h'},
		}},
	{name: "Köln", en: "Cologne", code: "K", state: "Nordrhein-Westfalen", area: "0221", lat: 50.9375, lon: 6.9603,
		wohnKauf: 4900, hausKauf: 4700, miete: 13.5, boden: 850, buero: 16, laden: 45,
		autobahn: "A4, A57 und A3", green: "den Stadtwald und das Rheinufer", center: "den Dom",
		spots: []seedSpot{
			{"Venloer Straße", "50823", "Ehrenfeld", 'w'},
			{"Subbelrather Straße", "50825", "Neuehrenfeld", 'w'},
			{"Neusser Straße", "50733", "Nippes", 'w'},
			{"Zülpicher Straße", "50674", "Neustadt-Süd", 'w'},
			{"Brüsseler Straße", "50674", "Belgisches Viertel", 'w'},
			{"Bonner Straße", "50677", "Neustadt-Süd", 'w'},
			{"Dürener Straße", "50931", "Lindenthal", 'w'},
			{"Berrenrather Straße", "50937", "Sülz", 'w'},
			{"Bayenthalgürtel", "50968", "Marienburg", 'w'},
			{"Frankfurter Straße", "51065", "Mülheim", 'w'},
			{"Im Mediapark", "50670", "Neustadt-Nord", 'b'},
			{"Ehrenstraße", "50672", "Altstadt-Nord", 'l'},
			{"Mathias-Brüggen-Straße", "50829", "Ossendorf", 'h'},
		}},
	{name: "Hamburg", en: "Hamburg", code: "HH", state: "Hamburg", area: "040", lat: 53.5511, lon: 9.9937,
		wohnKauf: 6200, hausKauf: 6000, miete: 16.0, boden: 1200, buero: 20, laden: 60,
		autobahn: "A7 und A24", green: "die Außenalster und den Stadtpark", center: "den Jungfernstieg",
		spots: []seedSpot{
			{"Eppendorfer Landstraße", "20249", "Eppendorf", 'w'},
			{"Isestraße", "20144", "Harvestehude", 'w'},
			{"Osterstraße", "20259", "Eimsbüttel", 'w'},
			{"Hoheluftchaussee", "20253", "Hoheluft-Ost", 'w'},
			{"Mühlenkamp", "22303", "Winterhude", 'w'},
			{"Hofweg", "22085", "Uhlenhorst", 'w'},
			{"Ottenser Hauptstraße", "22765", "Ottensen", 'w'},
			{"Fuhlsbüttler Straße", "22305", "Barmbek-Nord", 'w'},
			{"Blankeneser Landstraße", "22587", "Blankenese", 'w'},
			{"Elbchaussee", "22605", "Othmarschen", 'w'},
			{"Großer Burstah", "20457", "Altstadt", 'b'},
			{"Mönckebergstraße", "20095", "Altstadt", 'l'},
			{"Billbrookdeich", "22113", "Billbrook", 'h'},
		}},
	{name: "Berlin", en: "Berlin", code: "B", state: "Berlin", area: "030", lat: 52.5200, lon: 13.4050,
		wohnKauf: 5600, hausKauf: 5200, miete: 15.5, boden: 1100, buero: 24, laden: 40,
		autobahn: "A100 und A111", green: "den Volkspark Friedrichshain und das Tempelhofer Feld", center: "den Alexanderplatz",
		spots: []seedSpot{
			{"Schönhauser Allee", "10437", "Prenzlauer Berg", 'w'},
			{"Kastanienallee", "10435", "Prenzlauer Berg", 'w'},
			{"Boxhagener Straße", "10245", "Friedrichshain", 'w'},
			{"Bergmannstraße", "10961", "Kreuzberg", 'w'},
			{"Weserstraße", "12047", "Neukölln", 'w'},
			{"Kantstraße", "10623", "Charlottenburg", 'w'},
			{"Akazienstraße", "10823", "Schöneberg", 'w'},
			{"Schloßstraße", "12163", "Steglitz", 'w'},
			{"Bölschestraße", "12587", "Friedrichshagen", 'w'},
			{"Koenigsallee", "14193", "Grunewald", 'w'},
			{"Friedrichstraße", "10117", "Mitte", 'b'},
			{"Oranienstraße", "10999", "Kreuzberg", 'l'},
			{"Motzener Straße", "12277", "Marienfelde", 'h'},
		}},
	{name: "München", en: "Munich", code: "M", state: "Bayern", area: "089", lat: 48.1351, lon: 11.5820,
		wohnKauf: 9400, hausKauf: 8800, miete: 21.0, boden: 2600, buero: 25, laden: 80,
		autobahn: "A9 und A96", green: "den Englischen Garten und die Isarauen", center: "den Marienplatz",
		spots: []seedSpot{
			{"Hohenzollernstraße", "80801", "Schwabing", 'w'},
			{"Elisabethstraße", "80796", "Schwabing-West", 'w'},
			{"Nymphenburger Straße", "80636", "Neuhausen", 'w'},
			{"Wörthstraße", "81667", "Haidhausen", 'w'},
			{"Prinzregentenstraße", "81675", "Bogenhausen", 'w'},
			{"Fraunhoferstraße", "80469", "Glockenbachviertel", 'w'},
			{"Tegernseer Landstraße", "81541", "Obergiesing", 'w'},
			{"Bodenseestraße", "81241", "Pasing", 'w'},
			{"Wolfratshauser Straße", "81479", "Solln", 'w'},
			{"Landsberger Straße", "80687", "Laim", 'b'},
			{"Sendlinger Straße", "80331", "Altstadt", 'l'},
			{"Lilienthalallee", "80939", "Freimann", 'h'},
		}},
	{name: "Leipzig", en: "Leipzig", code: "L", state: "Sachsen", area: "0341", lat: 51.3397, lon: 12.3731,
		wohnKauf: 3000, hausKauf: 2900, miete: 8.5, boden: 300, buero: 11, laden: 22,
		autobahn: "A14 und A9", green: "den Clara-Zetkin-Park und den Auwald", center: "den Markt",
		spots: []seedSpot{
			{"Gohliser Straße", "04105", "Zentrum-Nord", 'w'},
			{"Waldstraße", "04105", "Waldstraßenviertel", 'w'},
			{"Georg-Schwarz-Straße", "04177", "Lindenau", 'w'},
			{"Karl-Heine-Straße", "04229", "Plagwitz", 'w'},
			{"Könneritzstraße", "04229", "Schleußig", 'w'},
			{"Karl-Liebknecht-Straße", "04275", "Südvorstadt", 'w'},
			{"Dresdner Straße", "04317", "Reudnitz", 'w'},
			{"Menckestraße", "04155", "Gohlis", 'w'},
			{"Kochstraße", "04275", "Südvorstadt", 'b'},
			{"Petersstraße", "04109", "Zentrum", 'l'},
			{"Torgauer Straße", "04347", "Schönefeld", 'h'},
		}},
	{name: "Freiburg im Breisgau", en: "Freiburg im Breisgau", code: "FR", state: "Baden-Württemberg", area: "0761", lat: 47.9990, lon: 7.8421,
		wohnKauf: 5600, hausKauf: 5400, miete: 14.0, boden: 950, buero: 14, laden: 40,
		autobahn: "A5", green: "die Dreisam und den Schlossberg", center: "das Münster",
		spots: []seedSpot{
			{"Günterstalstraße", "79100", "Wiehre", 'w'},
			{"Schwarzwaldstraße", "79102", "Oberwiehre", 'w'},
			{"Habsburgerstraße", "79104", "Herdern", 'w'},
			{"Eschholzstraße", "79106", "Stühlinger", 'w'},
			{"Merzhauser Straße", "79100", "Vauban", 'w'},
			{"Sundgauallee", "79110", "Betzenhausen", 'w'},
			{"Kappler Straße", "79117", "Littenweiler", 'w'},
			{"Basler Straße", "79100", "Unterwiehre", 'b'},
			{"Kaiser-Joseph-Straße", "79098", "Altstadt", 'l'},
			{"Bötzinger Straße", "79111", "Haid", 'h'},
		}},
	{name: "Dresden", en: "Dresden", code: "DD", state: "Sachsen", area: "0351", lat: 51.0504, lon: 13.7373,
		wohnKauf: 3100, hausKauf: 3200, miete: 8.5, boden: 320, buero: 11, laden: 25,
		autobahn: "A4 und A17", green: "den Großen Garten und die Elbwiesen", center: "die Frauenkirche",
		spots: []seedSpot{
			{"Alaunstraße", "01099", "Äußere Neustadt", 'w'},
			{"Bautzner Straße", "01099", "Radeberger Vorstadt", 'w'},
			{"Schandauer Straße", "01277", "Striesen", 'w'},
			{"Tolkewitzer Straße", "01277", "Blasewitz", 'w'},
			{"Kesselsdorfer Straße", "01159", "Löbtau", 'w'},
			{"Wiener Straße", "01219", "Strehlen", 'w'},
			{"Leipziger Straße", "01127", "Pieschen", 'w'},
			{"Grundstraße", "01326", "Loschwitz", 'w'},
			{"Königsbrücker Straße", "01099", "Äußere Neustadt", 'b'},
			{"Prager Straße", "01069", "Seevorstadt", 'l'},
			{"Washingtonstraße", "01139", "Übigau", 'h'},
		}},
	{name: "Düsseldorf", en: "Düsseldorf", code: "D", state: "Nordrhein-Westfalen", area: "0211", lat: 51.2277, lon: 6.7735,
		wohnKauf: 5300, hausKauf: 5600, miete: 13.5, boden: 1000, buero: 18, laden: 55,
		autobahn: "A46 und A52", green: "den Hofgarten und das Rheinufer", center: "die Königsallee",
		spots: []seedSpot{
			{"Nordstraße", "40477", "Pempelfort", 'w'},
			{"Lorettostraße", "40219", "Unterbilk", 'w'},
			{"Ackerstraße", "40233", "Flingern-Nord", 'w'},
			{"Luegallee", "40545", "Oberkassel", 'w'},
			{"Rethelstraße", "40237", "Düsseltal", 'w'},
			{"Cecilienallee", "40474", "Golzheim", 'w'},
			{"Benrather Schloßallee", "40597", "Benrath", 'w'},
			{"Kaiserswerther Straße", "40477", "Pempelfort", 'b'},
			{"Königsallee", "40212", "Stadtmitte", 'l'},
			{"Heerdter Landstraße", "40549", "Heerdt", 'h'},
		}},
	{name: "Bremen", en: "Bremen", code: "HB", state: "Bremen", area: "0421", lat: 53.0793, lon: 8.8017,
		wohnKauf: 3300, hausKauf: 3300, miete: 10.0, boden: 380, buero: 12, laden: 30,
		autobahn: "A1 und A27", green: "den Bürgerpark und das Weserufer", center: "den Marktplatz",
		spots: []seedSpot{
			{"Ostertorsteinweg", "28203", "Ostertor", 'w'},
			{"Parkallee", "28209", "Schwachhausen", 'w'},
			{"Schwachhauser Heerstraße", "28211", "Schwachhausen", 'w'},
			{"Hemmstraße", "28215", "Findorff", 'w'},
			{"Admiralstraße", "28215", "Findorff", 'w'},
			{"Buntentorsteinweg", "28201", "Neustadt", 'w'},
			{"Horner Heerstraße", "28359", "Horn-Lehe", 'w'},
			{"Rockwinkeler Landstraße", "28355", "Oberneuland", 'w'},
			{"Am Wall", "28195", "Mitte", 'b'},
			{"Obernstraße", "28195", "Altstadt", 'l'},
			{"Ludwig-Roselius-Allee", "28329", "Hemelingen", 'h'},
		}},
	{name: "Hannover", en: "Hanover", code: "H", state: "Niedersachsen", area: "0511", lat: 52.3759, lon: 9.7320,
		wohnKauf: 3600, hausKauf: 3500, miete: 10.5, boden: 450, buero: 13, laden: 35,
		autobahn: "A2 und A7", green: "die Eilenriede und den Maschsee", center: "die Marktkirche",
		spots: []seedSpot{
			{"Lister Meile", "30161", "List", 'w'},
			{"Podbielskistraße", "30163", "List", 'w'},
			{"Sallstraße", "30171", "Südstadt", 'w'},
			{"Geibelstraße", "30173", "Südstadt", 'w'},
			{"Limmerstraße", "30451", "Linden-Nord", 'w'},
			{"Falkenstraße", "30449", "Linden-Süd", 'w'},
			{"Kirchröder Straße", "30625", "Kleefeld", 'w'},
			{"Bödekerstraße", "30161", "Oststadt", 'w'},
			{"Vahrenwalder Straße", "30165", "Vahrenwald", 'b'},
			{"Georgstraße", "30159", "Mitte", 'l'},
		}},
	{name: "Nürnberg", en: "Nuremberg", code: "N", state: "Bayern", area: "0911", lat: 49.4521, lon: 11.0767,
		wohnKauf: 4200, hausKauf: 4300, miete: 11.0, boden: 750, buero: 12.5, laden: 35,
		autobahn: "A73 und A9", green: "die Wöhrder Wiese und den Stadtpark", center: "den Hauptmarkt",
		spots: []seedSpot{
			{"Johannisstraße", "90419", "St. Johannis", 'w'},
			{"Bucher Straße", "90408", "Nordstadt", 'w'},
			{"Maxfeldstraße", "90409", "Maxfeld", 'w'},
			{"Pirckheimerstraße", "90408", "Nordstadt", 'w'},
			{"Fürther Straße", "90429", "Gostenhof", 'w'},
			{"Regensburger Straße", "90478", "Gleißhammer", 'w'},
			{"Erlenstegenstraße", "90491", "Erlenstegen", 'w'},
			{"Allersberger Straße", "90461", "Galgenhof", 'b'},
			{"Karolinenstraße", "90402", "Altstadt", 'l'},
			{"Sigmundstraße", "90431", "Eberhardshof", 'h'},
		}},
	{name: "Frankfurt am Main", en: "Frankfurt am Main", code: "F", state: "Hessen", area: "069", lat: 50.1109, lon: 8.6821,
		wohnKauf: 6300, hausKauf: 6200, miete: 16.5, boden: 1400, buero: 24, laden: 70,
		autobahn: "A66 und A661", green: "das Mainufer und den Grüneburgpark", center: "den Römerberg",
		spots: []seedSpot{
			{"Berger Straße", "60316", "Nordend-Ost", 'w'},
			{"Oeder Weg", "60318", "Nordend-West", 'w'},
			{"Leipziger Straße", "60487", "Bockenheim", 'w'},
			{"Schweizer Straße", "60594", "Sachsenhausen-Nord", 'w'},
			{"Textorstraße", "60594", "Sachsenhausen-Nord", 'w'},
			{"Grüneburgweg", "60322", "Westend-Nord", 'w'},
			{"Bolongarostraße", "65929", "Höchst", 'w'},
			{"Hanauer Landstraße", "60314", "Ostend", 'b'},
			{"Zeil", "60313", "Innenstadt", 'l'},
			{"Mainzer Landstraße", "60329", "Gallus", 'h'},
		}},
}

// seedUserInfo describes one agency user.
type seedUserInfo struct {
	id                              int
	login, anrede, first, last      string
	kuerzel, position, town, mobile string
	addrID                          int
}

// seedEstate is the generator's view of one main-language estate.
type seedEstate struct {
	id       int
	rec      Record
	town     *seedTown
	spot     seedSpot
	houseNo  string
	art, typ string
	vm       string // vermarktungsart
	usage    string
	user     *seedUserInfo
	created  time.Time
	modified time.Time

	status               int
	sold, reserved, pub  bool
	priceOnRequest       bool
	area, plot, rooms    float64
	floor, floors, year  int
	price                float64 // kaufpreis or kaltmiete
	balcony, garden      bool
	kitchen, lift        bool
	cellar, parking      bool
	floorHeating         bool
	monument             bool
	complexBase, unit    bool
	unitNo               int
	owner, buyer, tenant int
	interested           []int
}

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

// seeder carries the generator state while the data set is built.
type seeder struct {
	s   *Store
	rng *rand.Rand
	ref time.Time

	users     []*seedUserInfo
	userByID  map[int]*seedUserInfo
	estates   []*seedEstate
	addrs     []*seedAddr
	addrByID  map[int]*seedAddr
	usedNames map[string]bool
	usedMail  map[string]bool
	kdnr      int
	extNo     map[string]int

	brokers   map[int]int // user id → broker address id
	companies map[string]int
	prospects []int

	contactsOf map[string][]int
	appts      []*seedAppt
	tasks      []*seedTask
}

func seed(s *Store, day time.Time) {
	seedFields(s)
	g := &seeder{
		s:          s,
		ref:        seedDay(day),
		userByID:   map[int]*seedUserInfo{},
		addrByID:   map[int]*seedAddr{},
		usedNames:  map[string]bool{},
		usedMail:   map[string]bool{},
		kdnr:       2301,
		extNo:      map[string]int{},
		brokers:    map[int]int{},
		companies:  map[string]int{},
		contactsOf: map[string][]int{},
	}
	// Each entity draws from its own stream (see use): a change to how one
	// entity is generated leaves the random draws of all others as they are.
	for _, step := range []struct {
		entity string
		run    func()
	}{
		{"users", g.seedUsers},
		{"estates", g.seedEstates},
		{"addresses", g.seedAddresses},
		{"estate language versions", g.seedLanguageVersions},
		{"search criteria", g.seedSearchCriteria},
		{"interest", g.seedInterest},
		{"appointments", g.seedAppointments},
		{"tasks", g.seedTasks},
		{"agents log", g.seedAgentsLog},
		{"files", g.seedFiles},
		{"filters", g.seedFilters},
	} {
		g.use(step.entity)
		step.run()
	}
	sort.SliceStable(s.Relations, func(i, j int) bool {
		a, b := s.Relations[i], s.Relations[j]
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.Parent != b.Parent {
			return a.Parent < b.Parent
		}
		return a.Child < b.Child
	})
}

// use switches the generator to the entity's own random stream, seeded from
// a hash of the entity's name alone.
func (g *seeder) use(entity string) {
	h := fnv.New64a()
	h.Write([]byte(entity))
	g.rng = rand.New(rand.NewPCG(h.Sum64(), 3101))
}

// seedDay returns midnight UTC of t's calendar day: the reference day every
// seeded date is relative to.
func seedDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// seedMonday returns the Monday of t's week (at t's time of day).
func seedMonday(t time.Time) time.Time {
	return t.AddDate(0, 0, -(int(t.Weekday())+6)%7)
}

// workday moves t back to the Friday before when it falls on a weekend.
func seedWorkday(t time.Time) time.Time {
	switch t.Weekday() {
	case time.Saturday:
		return t.AddDate(0, 0, -1)
	case time.Sunday:
		return t.AddDate(0, 0, -2)
	}
	return t
}

// ---------------------------------------------------------------------------
// small helpers

// between returns a random int in [lo, hi].
func (g *seeder) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// rangef returns a random float in [lo, hi).
func (g *seeder) rangef(lo, hi float64) float64 { return lo + g.rng.Float64()*(hi-lo) }

func (g *seeder) chance(p float64) bool { return g.rng.Float64() < p }

func (g *seeder) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }

// pickN returns n distinct elements of xs in random order.
func (g *seeder) pickN(xs []string, n int) []string {
	idx := g.rng.Perm(len(xs))
	if n > len(xs) {
		n = len(xs)
	}
	out := make([]string, n)
	for i := range out {
		out[i] = xs[idx[i]]
	}
	return out
}

func (g *seeder) uuid() string {
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x",
		g.rng.Uint32(), g.rng.Uint32()&0xffff, g.rng.Uint32()&0xfff,
		0x8000|(g.rng.Uint32()&0x3fff), g.rng.Uint64()&0xffffffffffff)
}

// timeBetween returns a random moment in [from, to), rounded to the minute
// and moved into office hours (8–19 h).
func (g *seeder) timeBetween(from, to time.Time) time.Time {
	span := to.Sub(from)
	if span <= 0 {
		return from
	}
	t := from.Add(time.Duration(g.rng.Int64N(int64(span))))
	h := t.Hour()
	if h < 8 || h >= 19 {
		t = time.Date(t.Year(), t.Month(), t.Day(), g.between(8, 18), t.Minute(), 0, 0, time.UTC)
	}
	t = t.Truncate(time.Minute).Add(time.Duration(g.rng.IntN(60)) * time.Second)
	if !t.Before(to) {
		t = to.Add(-time.Minute)
	}
	return t
}

func seedDate(t time.Time) string { return t.Format("2006-01-02") }

// seedEN formats a number the English way.
func seedEN(v float64, dec int) string {
	s := germanNumber(v, dec)
	s = strings.ReplaceAll(s, ".", "#")
	s = strings.ReplaceAll(s, ",", ".")
	return strings.ReplaceAll(s, "#", ",")
}

// seedRooms formats a room count: "3" or "2,5".
// seedArea formats an area without a needless ",0".
func seedArea(v float64) string {
	if v == math.Trunc(v) {
		return germanNumber(v, 0)
	}
	return germanNumber(v, 1)
}

func seedAreaEN(v float64) string {
	if v == math.Trunc(v) {
		return seedEN(v, 0)
	}
	return seedEN(v, 1)
}

// seedAtStreet returns "an der Hammer Straße", "am Hafenweg", "im Mediapark".
func seedAtStreet(street string) string {
	switch {
	case strings.HasPrefix(street, "Im ") || strings.HasPrefix(street, "Am "):
		return strings.ToLower(street[:1]) + street[1:]
	case strings.HasPrefix(street, "Vor "):
		return street
	}
	for _, suffix := range []string{"straße", "Straße", "allee", "Allee", "chaussee", "Meile", "Zeil", "gasse"} {
		if strings.HasSuffix(street, suffix) {
			return "an der " + street
		}
	}
	return "am " + street
}

func seedRooms(r float64) string {
	if r == math.Trunc(r) {
		return fmt.Sprintf("%d", int(r))
	}
	return germanNumber(r, 1)
}

func seedRoomsEN(r float64) string {
	if r == math.Trunc(r) {
		return fmt.Sprintf("%d", int(r))
	}
	return seedEN(r, 1)
}

func seedRound(v, step float64) float64 {
	r := math.Round(v/step) * step
	if step < 1 {
		// Remove binary noise such as 5.800000000000001.
		p := math.Pow(10, math.Ceil(-math.Log10(step)-1e-9))
		r = math.Round(r*p) / p
	}
	return r
}

func seedRound2(v float64) float64 { return math.Round(v*100) / 100 }

// seedSlug turns a name into an ASCII mail/host fragment.
func seedSlug(s string) string {
	r := strings.NewReplacer(
		"ä", "ae", "ö", "oe", "ü", "ue", "Ä", "ae", "Ö", "oe", "Ü", "ue", "ß", "ss",
		"ı", "i", "ş", "s", "ğ", "g", "ç", "c", "é", "e", "è", "e", "á", "a", "ć", "c",
		"č", "c", "ł", "l", "ń", "n", "ó", "o", "ś", "s", "ź", "z", "ż", "z",
		" & ", "-", " ", "-", ".", "", ",", "", "(", "", ")", "", "'", "", "/", "-",
	)
	out := strings.ToLower(r.Replace(s))
	for strings.Contains(out, "--") {
		out = strings.ReplaceAll(out, "--", "-")
	}
	return strings.Trim(out, "-")
}

// spotOffset gives every street a stable position near the town centre.
func seedSpotOffset(street string) (float64, float64) {
	h := fnv.New64a()
	h.Write([]byte(street))
	v := h.Sum64()
	dlat := (float64(v&0xffff)/0xffff - 0.5) * 0.05
	dlon := (float64((v>>16)&0xffff)/0xffff - 0.5) * 0.08
	return dlat, dlon
}

func (g *seeder) phone(t *seedTown) string {
	return fmt.Sprintf("%s %d", t.area, g.between(200000, 9899999))
}

func (g *seeder) mobile() string {
	return fmt.Sprintf("%s %d", g.pick("0151", "0152", "0157", "0160", "0162", "0170", "0171", "0172", "0173", "0175", "0176", "0177", "0179"), g.between(1000000, 99999999))
}

func (g *seeder) rel(typ string, parent, child int, extra map[string]any) {
	g.s.Relations = append(g.s.Relations, Relation{Type: typ, Parent: parent, Child: child, Extra: extra})
}

func (g *seeder) town(name string) *seedTown {
	for _, t := range seedTowns {
		if t.name == name {
			return t
		}
	}
	panic("sandbox: unknown seed town " + name)
}

func (g *seeder) spotOf(t *seedTown, kinds string) seedSpot {
	var cand []seedSpot
	for _, sp := range t.spots {
		if strings.IndexByte(kinds, sp.kind) >= 0 {
			cand = append(cand, sp)
		}
	}
	if len(cand) == 0 {
		cand = t.spots
	}
	return cand[g.rng.IntN(len(cand))]
}

func (g *seeder) houseNumber() string {
	n := fmt.Sprintf("%d", g.between(1, 128))
	if g.chance(0.08) {
		n += g.pick("a", "b")
	}
	return n
}

// ---------------------------------------------------------------------------
// users and groups

const seedAgency = "Hansen & Kröger Immobilien GmbH"

// seedOffice is a branch of the agency.
type seedOffice struct {
	town, street, no, plz, phone string
}

var seedOffices = map[string]seedOffice{
	"Münster":           {"Münster", "Ludgeristraße", "56", "48143", "0251 98765"},
	"Köln":              {"Köln", "Hohenzollernring", "72", "50672", "0221 5508831"},
	"Hamburg":           {"Hamburg", "Neuer Wall", "41", "20354", "040 3698810"},
	"Berlin":            {"Berlin", "Torstraße", "140", "10119", "030 2408770"},
	"Leipzig":           {"Leipzig", "Gottschedstraße", "12", "04109", "0341 4926650"},
	"München":           {"München", "Maximilianstraße", "35", "80539", "089 2180940"},
	"Frankfurt am Main": {"Frankfurt am Main", "Große Bockenheimer Straße", "20", "60313", "069 9130570"},
}

// seedUserTown maps a town to the user who looks after its estates.
var seedUserTown = map[string]int{
	"Münster": 12, "Köln": 17, "Düsseldorf": 17, "Hamburg": 18, "Bremen": 18, "Hannover": 18,
	"Berlin": 21, "Leipzig": 27, "Dresden": 27, "München": 23, "Nürnberg": 23,
	"Frankfurt am Main": 31, "Freiburg im Breisgau": 31,
}

func (g *seeder) seedUsers() {
	g.users = []*seedUserInfo{
		{id: 12, login: "mhansen", anrede: "Herr", first: "Michael", last: "Hansen", kuerzel: "MH", position: "Geschäftsführer", town: "Münster", mobile: "0171 4408812"},
		{id: 17, login: "jschmidt", anrede: "Frau", first: "Julia", last: "Schmidt", kuerzel: "JS", position: "Immobilienberaterin", town: "Köln", mobile: "0172 5531907"},
		{id: 18, login: "tkroeger", anrede: "Herr", first: "Thomas", last: "Kröger", kuerzel: "TK", position: "Geschäftsführer, Niederlassungsleiter Nord", town: "Hamburg", mobile: "0170 2219034"},
		{id: 21, login: "sweber", anrede: "Frau", first: "Sabine", last: "Weber", kuerzel: "SW", position: "Niederlassungsleiterin Berlin", town: "Berlin", mobile: "0176 30442187"},
		{id: 23, login: "ayilmaz", anrede: "Frau", first: "Aylin", last: "Yılmaz", kuerzel: "AY", position: "Immobilienberaterin", town: "München", mobile: "0151 22790345"},
		{id: 27, login: "fbrandt", anrede: "Herr", first: "Felix", last: "Brandt", kuerzel: "FB", position: "Immobilienberater", town: "Leipzig", mobile: "0160 98812340"},
		{id: 31, login: "lhoffmann", anrede: "Frau", first: "Laura", last: "Hoffmann", kuerzel: "LH", position: "Beraterin Gewerbeimmobilien", town: "Frankfurt am Main", mobile: "0157 31128806"},
		{id: 35, login: "kneumann", anrede: "Frau", first: "Katrin", last: "Neumann", kuerzel: "KN", position: "Assistenz der Geschäftsführung", town: "Münster", mobile: "0175 6620418"},
	}
	t := g.s.Table("user")
	for i, u := range g.users {
		g.userByID[u.id] = u
		off := seedOffices[u.town]
		created := time.Date(g.ref.Year()-7+i/2, time.Month(1+(i*5)%12), 3+i*3, 9, 15+i, 0, 0, time.UTC)
		meeting := ""
		if i%3 != 2 {
			meeting = "https://meet.example.com/" + u.login
		}
		t.Records = append(t.Records, Record{
			"Id":                  u.id,
			"Name":                u.login,
			"Anrede":              u.anrede,
			"Titel":               "",
			"Kuerzel":             u.kuerzel,
			"Vorname":             u.first,
			"Nachname":            u.last,
			"Firma":               seedAgency,
			"PositionUnternehmen": u.position,
			"Strasse":             off.street,
			"Hausnummer":          off.no,
			"PLZ":                 off.plz,
			"Ort":                 off.town,
			"Land":                "DEU",
			"Telefon":             fmt.Sprintf("%s-%d", off.phone, u.id),
			"Mobil":               u.mobile,
			"Fax":                 off.phone + "-99",
			"email":               u.email(),
			"Emailname":           u.first + " " + u.last + " | " + seedAgency,
			"Url":                 "https://www.hansen-kroeger.example.com",
			"Sprache":             "DEU",
			"meetingUrl":          meeting,
			"online":              "active",
			"userCreationDate":    stamp(created),
		})
	}
	sort.Slice(t.Records, func(i, j int) bool { return idOf(t.Records[i]) < idOf(t.Records[j]) })

	groups := g.s.Table("group")
	groups.Records = []Record{
		{"Id": 301, "name": "Zentrale Münster", "abr": "MS", "userIds": []int{12, 35}, "groupType": "GroupOffice", "leaders": []int{12}},
		{"Id": 302, "name": "Büro Rheinland", "abr": "RH", "userIds": []int{17}, "groupType": "GroupOffice", "leaders": []int{17}},
		{"Id": 303, "name": "Büro Nord", "abr": "N", "userIds": []int{18}, "groupType": "GroupOffice", "leaders": []int{18}},
		{"Id": 304, "name": "Büro Ost", "abr": "O", "userIds": []int{21, 27}, "groupType": "GroupOffice", "leaders": []int{21}},
		{"Id": 305, "name": "Büro Süd", "abr": "S", "userIds": []int{23, 31}, "groupType": "GroupOffice", "leaders": []int{23}},
		{"Id": 310, "name": "Vertrieb Gewerbe", "abr": "", "userIds": []int{12, 17, 31}, "groupType": "GroupGeneral", "leaders": []int{}},
		{"Id": 311, "name": "Neubauvertrieb", "abr": "NB", "userIds": []int{12, 35}, "groupType": "GroupGeneral", "leaders": []int{}},
		{"Id": 320, "name": "Region Süddeutschland", "abr": "", "userIds": []int{23, 31}, "groupType": "GroupRegion", "leaders": []int{23}},
	}
}

func (u *seedUserInfo) email() string {
	return strings.ToLower(seedSlug(u.first)[:1]) + "." + seedSlug(u.last) + "@hansen-kroeger.example.com"
}

// ---------------------------------------------------------------------------
// estates

type seedPlan struct{ art, typ, vm string }

func (g *seeder) seedEstates() {
	var plan []seedPlan
	add := func(n int, art, vm string, types ...string) {
		for i := 0; i < n; i++ {
			plan = append(plan, seedPlan{art, types[i%len(types)], vm})
		}
	}
	add(20, "wohnung", "kauf", "etage", "dachgeschoss", "penthouse", "erdgeschoss", "maisonette", "etage", "loft-studio-atelier", "terrassen", "etage", "hochparterre")
	add(18, "wohnung", "miete", "etage", "dachgeschoss", "erdgeschoss", "maisonette", "etage", "souterrain", "penthouse", "etage", "loft-studio-atelier")
	add(12, "haus", "kauf", "einfamilienhaus", "doppelhaushaelfte", "reihenmittel", "villa", "reihenend", "stadthaus", "bungalow", "zweifamilienhaus", "mehrfamilienhaus", "einfamilienhaus", "landhaus", "doppelhaushaelfte")
	add(3, "haus", "miete", "einfamilienhaus", "reihenhaus", "doppelhaushaelfte")
	add(5, "grundstueck", "kauf", "wohnen", "wohnen", "gewerbe", "gemischt", "wohnen")
	add(5, "buero_praxen", "miete", "bueroetage", "bueroflaeche", "praxisflaeche", "bueroetage", "praxisetage")
	add(1, "buero_praxen", "kauf", "buerohaus")
	add(4, "einzelhandel", "miete", "ladenlokal", "einzelhandelsladen", "verkaufssflaeche", "ladenlokal")
	add(2, "hallen_lager_prod", "miete", "lagerhalle", "produktion")
	add(1, "hallen_lager_prod", "kauf", "industriehalle")
	add(1, "gastgewerbe", "miete", "restaurant")
	g.rng.Shuffle(len(plan), func(i, j int) { plan[i], plan[j] = plan[j], plan[i] })

	const complexUnits = 5
	n := len(plan) + 1 + complexUnits
	created := make([]time.Time, n)
	from := g.ref.AddDate(-2, -9, -1)
	to := g.ref.AddDate(0, 0, -3)
	for i := range created {
		created[i] = g.timeBetween(from, to)
	}
	sort.Slice(created, func(i, j int) bool { return created[i].Before(created[j]) })
	// The complex is the newest project: its records get the last dates.
	count := map[*seedTown]int{}
	for i, p := range plan {
		t := g.townFor(p, count)
		count[t]++
		g.estates = append(g.estates, g.newEstate(seedFirstEstateID+i, p, t, created[i]))
	}
	g.seedComplex(seedFirstEstateID+len(plan), created[len(plan):])
	g.assignMarketing(len(plan))
	for _, e := range g.estates {
		g.finishEstate(e)
	}
	g.recentSales()
	t := g.s.Table("estate")
	for _, e := range g.estates {
		t.Records = append(t.Records, e.rec)
	}
}

// recentSales dates the sales of the two first sold, not yet archived
// purchase estates into the reference day's year: the last working day
// before it and about two weeks earlier. On the first day of a year, that day
// itself is the only one left.
func (g *seeder) recentSales() {
	yearStart := time.Date(g.ref.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	day := func(back int) time.Time {
		d := seedWorkday(g.ref.AddDate(0, 0, -back))
		if d.Before(yearStart) {
			d = g.ref.AddDate(0, 0, -1)
		}
		if d.Before(yearStart) {
			d = g.ref
		}
		return d
	}
	days := []time.Time{day(1), day(13)}
	for _, e := range g.estates {
		if len(days) == 0 {
			break
		}
		if e.sold && e.vm == "kauf" && e.status == 1 && !e.unit {
			e.rec["verkauft_am"] = seedDate(days[0])
			days = days[1:]
		}
	}
}

// townFor picks the least used town that has a street fitting the estate.
func (g *seeder) townFor(p seedPlan, count map[*seedTown]int) *seedTown {
	need := byte('w')
	switch p.art {
	case "hallen_lager_prod":
		need = 'h'
	case "einzelhandel", "gastgewerbe":
		need = 'l'
	case "buero_praxen":
		need = 'b'
	}
	var best []*seedTown
	min := math.MaxInt
	for _, t := range seedTowns {
		ok := false
		for _, sp := range t.spots {
			if sp.kind == need {
				ok = true
			}
		}
		if !ok {
			continue
		}
		switch c := count[t]; {
		case c < min:
			min, best = c, []*seedTown{t}
		case c == min:
			best = append(best, t)
		}
	}
	return best[g.rng.IntN(len(best))]
}

func (g *seeder) userFor(t *seedTown, art string) *seedUserInfo {
	id := seedUserTown[t.name]
	switch art {
	case "buero_praxen", "einzelhandel", "hallen_lager_prod", "gastgewerbe":
		if g.chance(0.5) {
			id = 31
		}
	}
	return g.userByID[id]
}

func (g *seeder) nextExtNo(t *seedTown, created time.Time) string {
	key := fmt.Sprintf("%s-%d", t.code, created.Year())
	g.extNo[key]++
	return fmt.Sprintf("%s-%03d", key, g.extNo[key])
}

// buildYear draws a plausible construction year for the estate kind.
func (g *seeder) buildYear(e *seedEstate) int {
	oldTown := strings.Contains("Berlin Leipzig Dresden Köln Hamburg München", e.town.name)
	r := g.rng.Float64()
	switch e.art {
	case "wohnung":
		switch {
		case r < 0.12 || (oldTown && r < 0.30):
			return g.between(1889, 1914)
		case r < 0.52:
			return g.between(1952, 1979)
		case r < 0.78:
			return g.between(1980, 2007)
		default:
			return g.between(2008, g.ref.Year())
		}
	case "haus":
		switch {
		case r < 0.10:
			return g.between(1905, 1938)
		case r < 0.45:
			return g.between(1955, 1985)
		case r < 0.80:
			return g.between(1986, 2012)
		default:
			return g.between(2013, g.ref.Year()-1)
		}
	case "hallen_lager_prod":
		return g.between(1976, g.ref.Year()-5)
	default:
		return g.between(1962, g.ref.Year()-4)
	}
}

func (g *seeder) conditionFor(year int) string {
	switch {
	case year >= g.ref.Year()-1:
		return "erstbezug"
	case year >= 2016:
		return g.pick("neuwertig", "neuwertig", "gepflegt")
	case year >= 1995:
		return g.pick("gepflegt", "gepflegt", "modernisiert", "renovierungsbeduerftig")
	case year >= 1950:
		return g.pick("modernisiert", "gepflegt", "saniert", "renovierungsbeduerftig", "vollstaendig_renoviert")
	default:
		return g.pick("saniert", "vollstaendig_renoviert", "modernisiert", "renovierungsbeduerftig")
	}
}

func seedConditionFactor(z string) float64 {
	switch z {
	case "erstbezug":
		return 1.22
	case "neuwertig":
		return 1.12
	case "vollstaendig_renoviert", "saniert":
		return 1.05
	case "renovierungsbeduerftig":
		return 0.78
	}
	return 1.0
}

func (g *seeder) roomsFor(area float64) float64 {
	switch {
	case area < 42:
		return 1
	case area < 50:
		return g.pickf(1.5, 2)
	case area < 66:
		return 2
	case area < 80:
		return g.pickf(2.5, 3)
	case area < 100:
		return g.pickf(3, 3.5, 4)
	case area < 130:
		return g.pickf(4, 4.5)
	default:
		return g.pickf(5, 5, 6)
	}
}

func (g *seeder) pickf(xs ...float64) float64 { return xs[g.rng.IntN(len(xs))] }

func (g *seeder) newEstate(id int, p seedPlan, t *seedTown, created time.Time) *seedEstate {
	e := &seedEstate{id: id, town: t, art: p.art, typ: p.typ, vm: p.vm, created: created}
	switch p.art {
	case "wohnung", "haus", "grundstueck":
		e.usage = "wohnen"
	default:
		e.usage = "gewerbe"
	}
	if p.typ == "mehrfamilienhaus" {
		e.usage = "anlage"
	}
	if p.art == "grundstueck" && p.typ == "gewerbe" {
		e.usage = "gewerbe"
	}
	switch p.art {
	case "hallen_lager_prod":
		e.spot = g.spotOf(t, "h")
	case "einzelhandel", "gastgewerbe":
		e.spot = g.spotOf(t, "lw")
	case "buero_praxen":
		e.spot = g.spotOf(t, "bw")
	case "grundstueck":
		if e.usage == "gewerbe" {
			e.spot = g.spotOf(t, "h")
		} else {
			e.spot = g.spotOf(t, "w")
		}
	default:
		e.spot = g.spotOf(t, "w")
	}
	e.houseNo = g.houseNumber()
	e.user = g.userFor(t, p.art)
	e.rec = Record{
		"Id":              id,
		"uuid":            g.uuid(),
		"objektnr_extern": g.nextExtNo(t, created),
		"objektart":       p.art,
		"objekttyp":       p.typ,
		"nutzungsart":     e.usage,
		"vermarktungsart": p.vm,
		"language":        "",
		"land":            "DEU",
		"waehrung":        "EUR",
		"benutzer":        e.user.id,
		"erstellt_von":    e.user.login,
		"erstellt_am":     stamp(created),
	}
	switch p.art {
	case "wohnung":
		g.shapeApartment(e)
	case "haus":
		g.shapeHouse(e)
	case "grundstueck":
		g.shapePlot(e)
	default:
		g.shapeCommercial(e)
	}
	return e
}

func (g *seeder) shapeApartment(e *seedEstate) {
	r := e.rec
	lo, hi := 38.0, 125.0
	switch e.typ {
	case "penthouse":
		lo, hi = 105, 190
	case "loft-studio-atelier":
		lo, hi = 68, 145
	case "maisonette":
		lo, hi = 82, 142
	case "terrassen":
		lo, hi = 70, 120
	case "dachgeschoss":
		lo, hi = 45, 110
	case "erdgeschoss", "hochparterre", "souterrain":
		lo, hi = 40, 96
	}
	e.area = seedRound(g.rangef(lo, hi), 0.5)
	e.rooms = g.roomsFor(e.area)
	e.year = g.buildYear(e)
	z := g.conditionFor(e.year)
	if e.year < 1920 {
		e.floors = g.between(4, 5)
	} else {
		e.floors = g.between(3, 7)
	}
	switch e.typ {
	case "erdgeschoss", "hochparterre":
		e.floor = 0
	case "souterrain":
		e.floor = -1
	case "dachgeschoss", "penthouse":
		e.floor = e.floors
	default:
		e.floor = g.between(1, e.floors-1)
	}
	e.balcony = e.typ == "penthouse" || e.typ == "terrassen" || (e.floor >= 0 && g.chance(0.72))
	e.garden = (e.floor <= 0 && g.chance(0.55)) || e.typ == "terrassen" && g.chance(0.3)
	e.kitchen = g.chance(0.7)
	e.cellar = g.chance(0.85)
	e.lift = e.floor > 0 && ((e.year >= 1990 && e.floors >= 4 && g.chance(0.85)) || e.typ == "penthouse" || g.chance(0.15))
	e.parking = (e.year >= 1975 && g.chance(0.55)) || g.chance(0.1)
	e.floorHeating = e.year >= 2010 || g.chance(0.08)
	e.monument = e.year < 1915 && g.chance(0.35)
	typFactor := 1.0
	switch e.typ {
	case "penthouse":
		typFactor = 1.3
	case "loft-studio-atelier":
		typFactor = 1.1
	case "souterrain":
		typFactor = 0.78
	case "dachgeschoss":
		typFactor = 0.97
	}
	f := g.rangef(0.88, 1.14) * seedConditionFactor(z) * typFactor
	if e.vm == "kauf" {
		e.price = seedRound(e.area*e.town.wohnKauf*f, 1000)
		if g.chance(0.35) && e.price > 150000 {
			e.price = seedRound(e.price, 10000) - 1000
		}
		r["hausgeld"] = seedRound(e.area*g.rangef(3.0, 4.6), 5)
		r["vermietet"] = g.chance(0.18)
	} else {
		e.price = seedRound(e.area*e.town.miete*f, 5)
	}
	r["zustand"] = z
	r["etage"] = e.floor
	r["etagen_zahl"] = float64(e.floors)
	r["wohnflaeche"] = e.area
	r["anzahl_zimmer"] = e.rooms
	r["anzahl_schlafzimmer"] = math.Max(1, math.Floor(e.rooms)-1)
	baths := 1.0
	if e.area > 115 {
		baths = 2
	}
	r["anzahl_badezimmer"] = baths
	if e.area > 85 && g.chance(0.5) {
		r["gaesteWc"] = true
		r["anzahl_sep_wc"] = 1.0
	}
	r["balkon_terrasse"] = e.balcony
	if e.balcony {
		size := g.rangef(4, 14)
		if e.typ == "penthouse" || e.typ == "terrassen" {
			size = g.rangef(25, 60)
		}
		r["balkon_terrasse_flaeche"] = seedRound(size, 0.5)
	}
	r["garten"] = e.garden
	r["einbaukueche"] = e.kitchen
	if e.lift {
		r["fahrstuhl"] = []string{"personen"}
	}
	if e.cellar {
		r["unterkellert"] = "ja"
	} else {
		r["unterkellert"] = "nein"
	}
	if e.parking {
		if e.year >= 1975 {
			r["stellplatzart"] = []string{"tiefgarage"}
		} else {
			r["stellplatzart"] = []string{g.pick("freiplatz", "garage", "carport")}
		}
		r["anzahl_stellplaetze"] = 1.0
	}
	r["kabel_sat_tv"] = g.chance(0.6)
	r["barrierefrei"] = e.year >= 2015 && e.lift && g.chance(0.6)
	if e.monument {
		r["denkmalgeschuetzt"] = true
	}
	switch {
	case e.year < 1930:
		r["boden"] = g.pickN([]string{"dielen", "parkett", "fliesen"}, 2)
	case e.year >= 2010:
		r["boden"] = g.pickN([]string{"parkett", "fliesen", "fertigparkett"}, 2)
	default:
		r["boden"] = g.pickN([]string{"parkett", "laminat", "fliesen", "teppichboden"}, 2)
	}
	g.energy(e)
}

func (g *seeder) shapeHouse(e *seedEstate) {
	r := e.rec
	type dims struct{ a1, a2, p1, p2, f float64 }
	d := map[string]dims{
		"einfamilienhaus":   {120, 215, 450, 1050, 1.0},
		"doppelhaushaelfte": {108, 160, 240, 520, 0.97},
		"reihenmittel":      {98, 140, 150, 280, 0.92},
		"reihenhaus":        {98, 140, 150, 300, 0.92},
		"reihenend":         {108, 150, 220, 420, 0.94},
		"villa":             {230, 420, 900, 2600, 1.35},
		"stadthaus":         {150, 230, 120, 260, 1.05},
		"bungalow":          {95, 150, 500, 950, 0.98},
		"zweifamilienhaus":  {180, 265, 500, 900, 0.9},
		"mehrfamilienhaus":  {420, 980, 520, 1400, 0.6},
		"landhaus":          {160, 260, 1200, 3500, 0.9},
	}[e.typ]
	e.area = seedRound(g.rangef(d.a1, d.a2), 1)
	e.plot = seedRound(g.rangef(d.p1, d.p2), 1)
	e.year = g.buildYear(e)
	z := g.conditionFor(e.year)
	e.garden = true
	e.kitchen = g.chance(0.75)
	e.cellar = e.typ != "bungalow" && g.chance(0.8)
	e.parking = g.chance(0.85)
	e.floorHeating = e.year >= 2008 || g.chance(0.12)
	e.floors = 2
	if e.typ == "bungalow" {
		e.floors = 1
	} else if e.typ == "mehrfamilienhaus" || e.typ == "stadthaus" {
		e.floors = g.between(3, 5)
	}
	e.rooms = math.Round(e.area / g.rangef(26, 32))
	if e.typ == "mehrfamilienhaus" {
		units := math.Round(e.area / g.rangef(62, 78))
		r["anzahl_wohneinheiten"] = units
		e.rooms = units * 3
	}
	if e.typ == "zweifamilienhaus" {
		r["anzahl_wohneinheiten"] = 2.0
	}
	f := g.rangef(0.88, 1.14) * seedConditionFactor(z) * d.f
	if e.vm == "kauf" {
		if e.typ == "mehrfamilienhaus" {
			annual := e.area * e.town.miete * 0.92 * 12
			r["mieteinnahmen_pro_jahr_ist"] = seedRound(annual, 100)
			e.price = seedRound(annual*g.rangef(19, 27), 10000)
		} else {
			e.price = seedRound(e.area*e.town.hausKauf*f+e.plot*e.town.boden*0.15, 1000)
			if g.chance(0.4) {
				e.price = seedRound(e.price, 10000) - 1000
			}
		}
	} else {
		e.price = seedRound(e.area*e.town.miete*0.95*f, 10)
	}
	r["zustand"] = z
	r["wohnflaeche"] = e.area
	r["grundstuecksflaeche"] = e.plot
	r["nutzflaeche"] = seedRound(e.area*g.rangef(0.25, 0.45), 1)
	r["anzahl_zimmer"] = e.rooms
	if e.typ != "mehrfamilienhaus" {
		r["anzahl_schlafzimmer"] = math.Max(2, e.rooms-2)
		r["anzahl_badezimmer"] = math.Max(1, math.Round(e.area/90))
		r["gaesteWc"] = g.chance(0.8)
	}
	r["etagen_zahl"] = float64(e.floors)
	r["garten"] = true
	r["einbaukueche"] = e.kitchen
	r["balkon_terrasse"] = true
	r["balkon_terrasse_flaeche"] = seedRound(g.rangef(12, 45), 0.5)
	if e.cellar {
		r["unterkellert"] = g.pick("ja", "ja", "teil")
	} else {
		r["unterkellert"] = "nein"
	}
	if e.parking {
		r["stellplatzart"] = g.pickN([]string{"garage", "carport", "freiplatz"}, g.between(1, 2))
		r["anzahl_stellplaetze"] = float64(g.between(1, 3))
	}
	r["boden"] = g.pickN([]string{"parkett", "fliesen", "dielen", "laminat", "stein"}, 2)
	r["kabel_sat_tv"] = g.chance(0.7)
	g.energy(e)
}

func (g *seeder) shapePlot(e *seedEstate) {
	r := e.rec
	switch e.typ {
	case "gewerbe":
		e.plot = seedRound(g.rangef(2000, 9000), 10)
		e.price = seedRound(e.plot*e.town.boden*g.rangef(0.28, 0.4), 1000)
	case "gemischt":
		e.plot = seedRound(g.rangef(900, 3000), 1)
		e.price = seedRound(e.plot*e.town.boden*g.rangef(0.85, 1.15), 1000)
	default:
		e.plot = seedRound(g.rangef(380, 1400), 1)
		e.price = seedRound(e.plot*e.town.boden*g.rangef(0.85, 1.2), 1000)
	}
	r["grundstuecksflaeche"] = e.plot
	r["erschliessung"] = g.pick("erschlossen", "erschlossen", "teilerschlossen")
	r["bebaubar_nach"] = g.pick("bebauungsplan", "nachbarbebauung")
	switch e.typ {
	case "gewerbe":
		r["grz"], r["gfz"] = "0,8", "1,6"
	case "gemischt":
		r["grz"], r["gfz"] = "0,6", "1,2"
	default:
		r["grz"], r["gfz"] = g.pick("0,3", "0,4"), g.pick("0,6", "0,8")
	}
}

func (g *seeder) shapeCommercial(e *seedEstate) {
	r := e.rec
	e.year = g.buildYear(e)
	z := g.conditionFor(e.year)
	r["zustand"] = z
	r["gewerbliche_nutzung"] = true
	f := g.rangef(0.85, 1.18) * seedConditionFactor(z)
	switch e.art {
	case "buero_praxen":
		if e.typ == "buerohaus" {
			e.area = seedRound(g.rangef(1200, 2800), 10)
			e.price = seedRound(e.area*e.town.wohnKauf*0.72*f, 10000)
			e.floors = g.between(3, 6)
			r["gesamtflaeche"] = e.area
			r["bueroflaeche"] = seedRound(e.area*0.86, 1)
			r["anzahl_stellplaetze"] = float64(g.between(10, 35))
			r["stellplatzart"] = []string{"tiefgarage", "freiplatz"}
		} else {
			e.area = seedRound(g.rangef(140, 900), 1)
			e.price = seedRound(e.area*e.town.buero*f, 10)
			e.floors = g.between(3, 7)
			e.floor = g.between(1, e.floors)
			r["etage"] = e.floor
			r["bueroflaeche"] = e.area
			r["anzahl_stellplaetze"] = float64(g.between(0, 8))
		}
		e.rooms = math.Round(e.area / g.rangef(22, 30))
		r["anzahl_zimmer"] = e.rooms
		r["nutzflaeche"] = e.area
		r["etagen_zahl"] = float64(e.floors)
		e.lift = e.floors >= 3
		if e.lift {
			r["fahrstuhl"] = []string{"personen"}
		}
		r["klimatisiert"] = e.year >= 2005 || g.chance(0.3)
		r["barrierefrei"] = e.lift && g.chance(0.6)
		r["boden"] = g.pickN([]string{"teppichboden", "parkett", "pvc", "fliesen"}, 2)
	case "einzelhandel":
		e.area = seedRound(g.rangef(45, 420), 1)
		// Prime shopping streets cost far more than neighbourhood shops.
		prime := 0.55
		if e.spot.kind == 'l' {
			prime = 1.5
		}
		e.price = seedRound(e.area*e.town.laden*prime*g.rangef(0.7, 1.15), 10)
		r["ladenflaeche"] = e.area
		r["verkaufsflaeche"] = seedRound(e.area*g.rangef(0.78, 0.9), 1)
		r["nutzflaeche"] = e.area
		r["etage"] = 0
		r["klimatisiert"] = g.chance(0.5)
		r["barrierefrei"] = g.chance(0.7)
		r["boden"] = g.pickN([]string{"fliesen", "stein", "parkett"}, 1)
	case "hallen_lager_prod":
		e.area = seedRound(g.rangef(600, 4200), 10)
		e.plot = seedRound(e.area*g.rangef(1.6, 2.8), 10)
		level := e.town.buero / 15
		if e.vm == "kauf" {
			e.price = seedRound(e.area*g.rangef(700, 1050)*level, 10000)
		} else {
			e.price = seedRound(e.area*g.rangef(4.8, 7.2)*level, 10)
		}
		r["lagerflaeche"] = e.area
		r["nutzflaeche"] = seedRound(e.area*g.rangef(1.05, 1.15), 1)
		r["bueroflaeche"] = seedRound(e.area*g.rangef(0.05, 0.12), 1)
		r["grundstuecksflaeche"] = e.plot
		r["hallenhoehe"] = seedRound(g.rangef(6, 12), 0.5)
		r["rampe"] = g.chance(0.8)
		r["anzahl_stellplaetze"] = float64(g.between(8, 40))
		r["stellplatzart"] = []string{"freiplatz"}
		r["boden"] = []string{"beton"}
	case "gastgewerbe":
		e.area = seedRound(g.rangef(120, 260), 1)
		e.price = seedRound(e.area*e.town.laden*g.rangef(0.45, 0.6), 10)
		r["gastroflaeche"] = e.area
		r["nutzflaeche"] = seedRound(e.area*1.3, 1)
		r["etage"] = 0
		r["boden"] = []string{"fliesen", "parkett"}
	}
	g.energy(e)
}

// energy fills heating and energy-certificate fields from the building age.
func (g *seeder) energy(e *seedEstate) {
	r := e.rec
	y := e.year
	var heat, fire []string
	switch {
	case y >= 2016:
		heat = []string{"fussboden"}
		fire = []string{g.pick("luftwp", "luftwp", "erdwaerme", "fern")}
		if g.chance(0.3) {
			fire = append(fire, "solar")
		}
	case y >= 2002:
		heat = []string{g.pick("zentral", "fussboden")}
		fire = []string{g.pick("gas", "gas", "fern", "pellet")}
	case y >= 1950:
		heat = []string{"zentral"}
		fire = []string{g.pick("gas", "gas", "oel", "fern")}
	default:
		if g.chance(0.2) && e.art == "wohnung" {
			heat = []string{"etage"}
			fire = []string{"gas"}
		} else {
			heat = []string{g.pick("zentral", "zentral", "fern")}
			if heat[0] == "fern" {
				fire = []string{"fern"}
			} else {
				fire = []string{g.pick("gas", "oel", "fern")}
			}
		}
	}
	if e.floorHeating && heat[0] != "fussboden" {
		heat = append(heat, "fussboden")
	}
	r["heizungsart"] = heat
	r["befeuerung"] = fire
	if e.monument {
		r["energieausweistyp"] = "es besteht keine Pflicht!"
		return
	}
	var v float64
	switch {
	case y >= 2016:
		v = g.rangef(16, 48)
	case y >= 2002:
		v = g.rangef(45, 88)
	case y >= 1978:
		v = g.rangef(82, 142)
	case y >= 1949:
		v = g.rangef(108, 195)
	default:
		v = g.rangef(118, 235)
	}
	if z, _ := r["zustand"].(string); z == "saniert" || z == "vollstaendig_renoviert" || z == "modernisiert" {
		v *= 0.74
	}
	v = seedRound(v, 0.1)
	demand := y >= 2002 || g.chance(0.4)
	if demand {
		r["energieausweistyp"] = "Endenergiebedarf"
		r["endenergiebedarf"] = v
	} else {
		r["energieausweistyp"] = "Energieverbrauchskennwert"
		r["energieverbrauchskennwert"] = v
		r["warmwasserEnthalten"] = g.chance(0.6)
	}
	r["energyClass"] = seedEnergyClass(v)
	r["energietraeger"] = map[string]string{
		"gas": "gas", "oel": "oel", "fern": "fernwaerme", "luftwp": "luftwp",
		"erdwaerme": "erdwaerme", "pellet": "pellet",
	}[fire[0]]
	issued := e.created.AddDate(0, -g.between(1, 60), -g.between(0, 27))
	if y > issued.Year() {
		issued = time.Date(y, 6, 1, 0, 0, 0, 0, time.UTC)
	}
	r["energieausweis_gueltig_bis"] = seedDate(issued.AddDate(10, 0, -1))
	r["energieausweisBaujahr"] = y
}

func seedEnergyClass(v float64) string {
	switch {
	case v < 30:
		return "A+"
	case v < 50:
		return "A"
	case v < 75:
		return "B"
	case v < 100:
		return "C"
	case v < 130:
		return "D"
	case v < 160:
		return "E"
	case v < 200:
		return "F"
	case v < 250:
		return "G"
	}
	return "H"
}

// seedComplex adds a new-build residential complex in Münster: a base
// estate (stammobjekt) and its apartment units.
func (g *seeder) seedComplex(firstID int, created []time.Time) {
	t := g.town("Münster")
	spot := seedSpot{"Hafenweg", "48155", "Hafen", 'w'}
	user := g.userByID[12]
	base := &seedEstate{id: firstID, town: t, spot: spot, houseNo: "22", art: "haus", typ: "wohnanlage",
		vm: "kauf", usage: "wohnen", user: user, created: created[0], complexBase: true,
		year: g.ref.Year() + 1, floors: 5, area: 2146, plot: 3480, lift: true, parking: true, floorHeating: true,
		cellar: true, balcony: true, kitchen: false}
	base.rec = Record{
		"Id": base.id, "uuid": g.uuid(), "objektnr_extern": g.nextExtNo(t, base.created),
		"objektart": "haus", "objekttyp": "wohnanlage", "nutzungsart": "wohnen", "vermarktungsart": "kauf",
		"language": "", "land": "DEU", "waehrung": "EUR", "benutzer": user.id, "erstellt_von": user.login,
		"erstellt_am": stamp(base.created), "stammobjekt": true, "zustand": "projektiert",
		"wohnflaeche": base.area, "grundstuecksflaeche": base.plot, "anzahl_wohneinheiten": 24.0,
		"etagen_zahl": 5.0, "fahrstuhl": []string{"personen"}, "stellplatzart": []string{"tiefgarage"},
		"anzahl_stellplaetze": 28.0, "unterkellert": "ja", "barrierefrei": true,
	}
	g.energy(base)
	g.estates = append(g.estates, base)
	for i := 1; i < len(created); i++ {
		floor := []int{0, 1, 2, 3, 4}[(i-1)%5]
		typ := "etage"
		switch floor {
		case 0:
			typ = "erdgeschoss"
		case 4:
			typ = "penthouse"
		}
		u := &seedEstate{id: firstID + i, town: t, spot: spot, houseNo: "22", art: "wohnung", typ: typ,
			vm: "kauf", usage: "wohnen", user: user, created: created[i], unit: true,
			year: g.ref.Year() + 1, floors: 5, floor: floor, lift: true, parking: true, floorHeating: true,
			cellar: true, balcony: true, garden: floor == 0, kitchen: false}
		u.unitNo = []int{2, 7, 12, 17, 24}[(i-1)%5]
		u.area = []float64{61.5, 78, 94.5, 118, 142.5}[(i-1)%5]
		u.rooms = []float64{2, 3, 3, 4, 4}[(i-1)%5]
		u.price = seedRound(u.area*5650*[]float64{0.97, 1, 1.02, 1.04, 1.18}[(i-1)%5], 1000) - 100
		u.rec = Record{
			"Id": u.id, "uuid": g.uuid(), "objektnr_extern": g.nextExtNo(t, u.created),
			"objektart": "wohnung", "objekttyp": typ, "nutzungsart": "wohnen", "vermarktungsart": "kauf",
			"language": "", "land": "DEU", "waehrung": "EUR", "benutzer": user.id, "erstellt_von": user.login,
			"erstellt_am": stamp(u.created), "stammobjekt": false, "zustand": "erstbezug",
			"wohnflaeche": u.area, "anzahl_zimmer": u.rooms, "anzahl_schlafzimmer": u.rooms - 1,
			"anzahl_badezimmer": math.Min(2, math.Floor(u.rooms/2)), "etage": floor, "etagen_zahl": 5.0,
			"fahrstuhl": []string{"personen"}, "stellplatzart": []string{"tiefgarage"}, "anzahl_stellplaetze": 1.0,
			"balkon_terrasse": true, "balkon_terrasse_flaeche": []float64{14, 9.5, 11, 12.5, 48}[(i-1)%5],
			"garten": floor == 0, "unterkellert": "ja", "barrierefrei": true, "einbaukueche": false,
			"hausgeld": seedRound(u.area*3.1, 5), "boden": []string{"parkett", "fliesen"},
		}
		g.energy(u)
		g.estates = append(g.estates, u)
		g.rel(seedRelEstateUnit, base.id, u.id, nil)
	}
}

// assignMarketing decides status, marketing flags and price-on-request for
// the first n (non-complex) estates and the complex.
func (g *seeder) assignMarketing(n int) {
	idx := func(from, to int) []int {
		out := make([]int, 0, to-from)
		for i := from; i < to; i++ {
			out = append(out, i)
		}
		g.rng.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
		return out
	}
	taken := map[int]bool{}
	take := func(cands []int, k int, ok func(e *seedEstate) bool) []*seedEstate {
		var out []*seedEstate
		for _, i := range cands {
			if len(out) == k {
				break
			}
			e := g.estates[i]
			if taken[i] || (ok != nil && !ok(e)) {
				continue
			}
			taken[i] = true
			out = append(out, e)
		}
		return out
	}
	for _, e := range g.estates {
		e.status, e.pub = 1, true
	}
	// Sold or rented: older estates. The four oldest of them are archived.
	sold := take(idx(0, n*7/10), 11, nil)
	sort.Slice(sold, func(i, j int) bool { return sold[i].id < sold[j].id })
	for i, e := range sold {
		e.sold, e.pub = true, false
		if i < 4 {
			e.status = 0
		}
	}
	for _, e := range take(idx(0, n), 6, func(e *seedEstate) bool { return e.art != "grundstueck" }) {
		e.reserved = true
	}
	// Inactive: estates still being prepared, mostly recent ones.
	for _, e := range take(idx(n/2, n), 5, nil) {
		e.status, e.pub = 2, false
	}
	// Price on request: the most expensive open purchase estates.
	var open []*seedEstate
	for i, e := range g.estates[:n] {
		if !taken[i] && e.vm == "kauf" && e.status == 1 {
			open = append(open, e)
		}
	}
	sort.Slice(open, func(i, j int) bool { return open[i].price > open[j].price })
	for _, e := range open[:3] {
		e.priceOnRequest = true
	}
	// One estate is marketed discreetly without publication.
	for _, i := range idx(0, n) {
		if !taken[i] && g.estates[i].status == 1 && !g.estates[i].priceOnRequest {
			g.estates[i].pub = false
			taken[i] = true
			break
		}
	}
	// Complex: one unit sold, one reserved.
	units := g.estates[n+1:]
	units[1].sold = true
	units[1].pub = false
	units[3].reserved = true
}

// firstOfMonth returns the first day of the month n months after the
// reference day, German style (01.02.2027).
func (g *seeder) firstOfMonth(n int) string {
	d := time.Date(g.ref.Year(), g.ref.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	return d.Format("02.01.2006")
}

// complexReady is when the new-build complex is finished ("Frühjahr 2028").
func (g *seeder) complexReady() string { return fmt.Sprintf("Frühjahr %d", g.ref.Year()+2) }

// finishEstate writes prices, flags, dates and texts into the record.
func (g *seeder) finishEstate(e *seedEstate) {
	r := e.rec
	t := e.town
	dlat, dlon := seedSpotOffset(t.name + e.spot.street)
	r["strasse"] = e.spot.street
	r["hausnummer"] = e.houseNo
	r["plz"] = e.spot.plz
	r["ort"] = t.name
	r["bundesland"] = t.state
	r["breitengrad"] = math.Round((t.lat+dlat+g.rangef(-0.002, 0.002))*1e5) / 1e5
	r["laengengrad"] = math.Round((t.lon+dlon+g.rangef(-0.003, 0.003))*1e5) / 1e5
	if e.year != 0 {
		r["baujahr"] = e.year
		if z, _ := r["zustand"].(string); (z == "modernisiert" || z == "saniert" || z == "vollstaendig_renoviert") && e.year < 2012 {
			last := g.ref.Year() - 1
			r["letztemodernisierung"] = g.between(min(max(e.year+15, last-20), last), last)
		}
	}
	r["status"] = e.status
	r["verkauft"] = e.sold
	r["reserviert"] = e.reserved
	r["veroeffentlichen"] = e.pub
	r["showGoogleMap"] = !e.unit || g.chance(0.5)
	if _, ok := r["stammobjekt"]; !ok {
		r["stammobjekt"] = false
	}
	commercial := e.usage == "gewerbe"
	if e.vm == "kauf" {
		if !e.complexBase {
			if e.priceOnRequest {
				r["kaufpreis"] = 0.0
			} else {
				r["kaufpreis"] = e.price
				area := e.area
				if area == 0 {
					area = e.plot
				}
				if area > 0 {
					r["kaufpreis_pro_qm"] = seedRound2(e.price / area)
				}
				r["provisionsbetrag"] = seedRound2(e.price * 0.0714)
			}
		}
		r["preisAufAnfrage"] = e.priceOnRequest
		switch {
		case commercial:
			r["aussen_courtage"] = "5,95 % inkl. gesetzl. MwSt."
			r["innen_courtage"] = "3,57 % inkl. gesetzl. MwSt."
			r["zzgl_mehrwertsteuer"] = "0"
		case e.unit || e.complexBase:
			r["aussen_courtage"] = "provisionsfrei für Käufer"
			r["courtage_frei"] = true
		default:
			c := g.pick("3,57 % inkl. gesetzl. MwSt.", "3,57 % inkl. gesetzl. MwSt.", "2,98 % inkl. gesetzl. MwSt.")
			r["aussen_courtage"] = c
			r["innen_courtage"] = c
		}
	} else {
		kalt := e.price
		r["kaltmiete"] = kalt
		r["nettokaltmiete"] = kalt
		area := e.area
		nk := 0.0
		switch e.art {
		case "wohnung", "haus":
			nk = seedRound(area*g.rangef(2.2, 3.1), 5)
		case "hallen_lager_prod":
			nk = seedRound(area*g.rangef(0.9, 1.5), 10)
		default:
			nk = seedRound(area*g.rangef(3.2, 5.0), 5)
		}
		r["nebenkosten"] = nk
		warm := kalt + nk
		if e.usage != "gewerbe" && g.chance(0.5) {
			hk := seedRound(area*g.rangef(0.9, 1.3), 5)
			r["heizkosten"] = hk
			r["heizkosten_in_nebenkosten"] = "N"
			warm += hk
		} else {
			r["heizkosten_in_nebenkosten"] = "J"
		}
		r["warmmiete"] = warm
		r["mietpreis_pro_qm"] = seedRound2(kalt / area)
		if commercial {
			r["kaution"] = "3 Bruttomonatsmieten"
			r["aussen_courtage"] = "3 Nettokaltmieten zzgl. gesetzl. MwSt."
			r["zzgl_mehrwertsteuer"] = "1"
		} else {
			r["kaution"] = "3 Nettokaltmieten (" + germanNumber(3*kalt, 0) + " €)"
			r["aussen_courtage"] = "provisionsfrei für Mieter"
			r["courtage_frei"] = true
			r["haustiere"] = g.pick("2", "2", "0", "1")
		}
		r["verfuegbar_ab"] = g.pick("sofort", g.firstOfMonth(1), g.firstOfMonth(2), "15"+g.firstOfMonth(2)[2:], "nach Vereinbarung")
		if v := r["verfuegbar_ab"].(string); strings.HasPrefix(v, "0") || strings.HasPrefix(v, "1") {
			d, _ := time.Parse("02.01.2006", v)
			r["abdatum"] = seedDate(d)
		}
	}
	if e.vm == "kauf" && e.art != "grundstueck" {
		if v, _ := r["vermietet"].(bool); v {
			r["verfuegbar_ab"] = "vermietet"
		} else {
			r["verfuegbar_ab"] = g.pick("nach Vereinbarung", "sofort", g.firstOfMonth(4), "nach Vereinbarung")
		}
	}
	if e.unit || e.complexBase {
		r["verfuegbar_ab"] = g.complexReady()
	}
	if g.chance(0.4) {
		r["auftragsart"] = "exklusiv"
		r["exclusive"] = true
	} else {
		r["auftragsart"] = "normal"
		r["exclusive"] = false
	}
	r["auftragvon"] = seedDate(e.created.AddDate(0, 0, -g.between(3, 20)))
	until := e.created.AddDate(0, 6+g.between(0, 6), 0)
	if e.status != 0 && !e.sold && until.Before(g.ref) {
		// Open mandates have been extended beyond today.
		until = g.ref.AddDate(0, g.between(1, 8), g.between(0, 27))
	}
	r["auftragbis"] = seedDate(until)
	r["top_angebot"] = e.pub && g.chance(0.1)
	r["neu"] = e.created.After(g.ref.AddDate(0, 0, -30))
	// A reserved estate is about to be sold at the asked price: no reduction.
	r["preisreduktion"] = e.pub && !e.priceOnRequest && !e.reserved && g.chance(0.08)
	if _, ok := r["courtage_frei"]; !ok {
		r["courtage_frei"] = false
	}
	r["referenz"] = e.sold && e.status == 0
	r["objekt_des_tages"] = false
	r["objekt_der_woche"] = false
	if e.sold && e.vm == "kauf" {
		r["verkauft_am"] = seedDate(seedWorkday(g.timeBetween(e.created.AddDate(0, 1, 0), g.ref.AddDate(0, 0, -10))))
	}
	if e.sold && e.vm == "miete" {
		r["vermietet"] = true
	}
	// last change between creation and the day before the reference date
	e.modified = g.timeBetween(e.created.Add(time.Hour), g.ref.Add(-time.Hour))
	r["geaendert_am"] = stamp(e.modified)
	if e.pub && e.status == 1 {
		r["schaufensterTv_veroeffentlichen"] = g.chance(0.3)
	}
	g.distances(e)
	title, teaser := g.titleDE(e)
	r["objekttitel"] = title
	if teaser != "" {
		r["dreizeiler"] = teaser
	}
	r["objektbeschreibung"] = g.describeDE(e)
	r["lage"] = g.locationDE(e)
	if e.art != "grundstueck" {
		r["ausstatt_beschr"] = g.featuresDE(e)
	}
	r["sonstige_angaben"] = g.otherDE(e)
	if e.status == 2 {
		r["InterneBemerkung"] = g.pick(
			"Fotos und Grundrisse fehlen noch, Veröffentlichung erst nach Freigabe durch den Eigentümer.",
			"Energieausweis beim Eigentümer angefordert – vor Veröffentlichung nachreichen.",
			"Preisfindung mit Eigentümer noch nicht abgeschlossen.",
		)
	}
}

func (g *seeder) distances(e *seedEstate) {
	r := e.rec
	r["distanz_zentrum"] = seedRound(g.rangef(0.4, 6.5), 0.1)
	r["distanz_bahnhof"] = seedRound(g.rangef(0.6, 7.5), 0.1)
	r["distanz_autobahn"] = seedRound(g.rangef(1.5, 12), 0.5)
	if e.usage == "wohnen" {
		r["distanz_grundschule"] = seedRound(g.rangef(0.2, 1.8), 0.1)
		r["distanz_kindergarten"] = seedRound(g.rangef(0.1, 1.2), 0.1)
	}
}

// ---------------------------------------------------------------------------
// German texts

// seedShortTown drops the suffixes of long town names for titles.
func seedShortTown(t *seedTown) string {
	n := strings.TrimSuffix(t.name, " im Breisgau")
	return strings.TrimSuffix(n, " am Main")
}

func (e *seedEstate) place() string { return seedShortTown(e.town) + "-" + e.spot.district }

func (e *seedEstate) isNew() bool { return e.year >= 2016 }

func (e *seedEstate) isOld() bool { return e.year > 0 && e.year < 1930 }

func (e *seedEstate) floorDE() string {
	switch {
	case e.floor < 0:
		return "Souterrain"
	case e.floor == 0:
		if e.typ == "hochparterre" {
			return "Hochparterre"
		}
		return "Erdgeschoss"
	case e.floor == e.floors && (e.typ == "dachgeschoss" || e.typ == "penthouse"):
		return "Dachgeschoss"
	}
	return fmt.Sprintf("%d. Obergeschoss", e.floor)
}

func (e *seedEstate) buildingDE() string {
	switch {
	case e.rec["zustand"] == "erstbezug":
		return "eines hochwertigen Neubaus"
	case e.year >= 2016:
		return fmt.Sprintf("eines modernen Mehrfamilienhauses aus dem Jahr %d", e.year)
	case e.year >= 1980:
		return fmt.Sprintf("eines gepflegten Mehrfamilienhauses (Baujahr %d)", e.year)
	case e.year >= 1950:
		return fmt.Sprintf("eines soliden Mehrfamilienhauses aus den %der-Jahren", e.year/10*10)
	}
	return fmt.Sprintf("eines stilvollen Gründerzeithauses von %d", e.year)
}

func (e *seedEstate) typeNounDE() (noun string, gender byte) {
	switch e.typ {
	case "etage":
		return seedRooms(e.rooms) + "-Zimmer-Wohnung", 'f'
	case "dachgeschoss":
		return "Dachgeschosswohnung", 'f'
	case "penthouse":
		return "Penthouse-Wohnung", 'f'
	case "erdgeschoss":
		return "Erdgeschosswohnung", 'f'
	case "hochparterre":
		return "Hochparterre-Wohnung", 'f'
	case "souterrain":
		return "Souterrainwohnung", 'f'
	case "maisonette":
		return "Maisonette-Wohnung", 'f'
	case "loft-studio-atelier":
		return "Loftwohnung", 'f'
	case "terrassen":
		return "Terrassenwohnung", 'f'
	case "einfamilienhaus":
		return "Einfamilienhaus", 'n'
	case "doppelhaushaelfte":
		return "Doppelhaushälfte", 'f'
	case "reihenmittel":
		return "Reihenmittelhaus", 'n'
	case "reihenend":
		return "Reihenendhaus", 'n'
	case "reihenhaus":
		return "Reihenhaus", 'n'
	case "villa":
		return "Villa", 'f'
	case "stadthaus":
		return "Stadthaus", 'n'
	case "bungalow":
		return "Bungalow", 'm'
	case "zweifamilienhaus":
		return "Zweifamilienhaus", 'n'
	case "mehrfamilienhaus":
		return "Mehrfamilienhaus", 'n'
	case "landhaus":
		return "Landhaus", 'n'
	case "wohnanlage":
		return "Wohnanlage", 'f'
	}
	return "Immobilie", 'f'
}

// adjDE inflects an adjective stem for a noun without article.
func seedAdjDE(stem string, gender byte) string {
	switch gender {
	case 'n':
		return stem + "es"
	case 'm':
		return stem + "er"
	}
	return stem + "e"
}

func (g *seeder) titleDE(e *seedEstate) (title, teaser string) {
	switch e.art {
	case "wohnung":
		noun, gen := e.typeNounDE()
		stems := []string{"Hell", "Lichtdurchflutet", "Modern", "Großzügig", "Gemütlich", "Gepflegt", "Stilvoll", "Ruhig gelegen", "Sonnig"}
		if e.isOld() {
			stems = append(stems, "Charmant", "Charmant")
		}
		if e.isNew() {
			stems = append(stems, "Neuwertig", "Energieeffizient")
		}
		var hl []string
		if e.balcony && e.typ != "penthouse" && e.typ != "terrassen" {
			hl = append(hl, "mit "+g.pick("Süd", "West", "Südwest")+"balkon", "mit großem Balkon")
		}
		if e.typ == "penthouse" {
			hl = append(hl, "mit Dachterrasse und Weitblick")
		}
		if e.garden {
			hl = append(hl, "mit eigenem Gartenanteil")
		}
		if e.kitchen {
			hl = append(hl, "mit Einbauküche")
		}
		if e.isOld() {
			hl = append(hl, "mit Stuck und Dielen", "im sanierten Altbau")
		}
		if e.parking && e.year >= 1975 {
			hl = append(hl, "inkl. Tiefgaragenstellplatz")
		}
		if e.lift {
			hl = append(hl, "mit Aufzug")
		}
		if len(hl) == 0 {
			hl = append(hl, "in beliebter Lage", "mit durchdachtem Grundriss")
		}
		title = fmt.Sprintf("%s %s %s in %s", seedAdjDE(g.pick(stems...), gen), noun, g.pick(hl...), e.place())
		if e.unit {
			title = fmt.Sprintf("Quartier am Kanal: %s-Zimmer-Neubauwohnung im %s (WE %02d)", seedRooms(e.rooms), e.floorDE(), e.unitNo)
			if e.typ == "penthouse" {
				title = fmt.Sprintf("Quartier am Kanal: Penthouse mit %s m² Dachterrasse (WE %02d)", germanNumber(e.rec["balkon_terrasse_flaeche"].(float64), 0), e.unitNo)
			}
		}
		if v, _ := e.rec["vermietet"].(bool); v && e.vm == "kauf" {
			title = "Kapitalanlage: " + title
		}
		parts := []string{seedRooms(e.rooms) + " Zimmer", seedArea(e.area) + " m² Wohnfläche"}
		if e.balcony {
			parts = append(parts, "Balkon/Terrasse")
		}
		if e.kitchen {
			parts = append(parts, "Einbauküche")
		}
		if e.lift {
			parts = append(parts, "Aufzug")
		}
		teaser = strings.Join(parts, " · ")
	case "haus":
		noun, gen := e.typeNounDE()
		stems := []string{"Modern", "Gepflegt", "Familienfreundlich", "Großzügig", "Charmant", "Hell"}
		if e.typ == "einfamilienhaus" {
			stems = append(stems, "Freistehend", "Freistehend")
		}
		if e.typ == "villa" {
			stems = []string{"Elegant", "Repräsentativ", "Exklusiv"}
		}
		if e.isNew() {
			stems = append(stems, "Energieeffizient", "Neuwertig")
		}
		hl := []string{"mit großem Garten", "in ruhiger Wohnlage", "mit Blick ins Grüne", "mit Kamin und Wintergarten", "in ruhiger Sackgassenlage"}
		if sp, _ := e.rec["stellplatzart"].([]string); len(sp) > 0 {
			switch sp[0] {
			case "garage":
				hl = append(hl, "mit Garage")
				if n, _ := e.rec["anzahl_stellplaetze"].(float64); n >= 2 && len(sp) == 1 {
					hl = append(hl, "mit Doppelgarage")
				}
			case "carport":
				hl = append(hl, "mit Carport")
			}
		}
		if e.isNew() {
			hl = append(hl, "mit Wärmepumpe und Photovoltaik")
		}
		switch e.typ {
		case "mehrfamilienhaus":
			title = fmt.Sprintf("Mehrfamilienhaus mit %d Wohneinheiten in %s – solide Kapitalanlage", int(e.rec["anzahl_wohneinheiten"].(float64)), e.place())
		case "zweifamilienhaus":
			title = fmt.Sprintf("%s Zweifamilienhaus mit Einliegerwohnung in %s", seedAdjDE(g.pick("Gepflegt", "Vielseitig", "Großzügig"), 'n'), e.place())
		case "wohnanlage":
			title = "Quartier am Kanal – 24 Eigentumswohnungen am Stadthafen Münster"
		default:
			title = fmt.Sprintf("%s %s %s in %s", seedAdjDE(g.pick(stems...), gen), noun, g.pick(hl...), e.place())
		}
		teaser = fmt.Sprintf("%s m² Wohnfläche · %s m² Grundstück · %s Zimmer", germanNumber(e.area, 0), germanNumber(e.plot, 0), seedRooms(e.rooms))
	case "grundstueck":
		switch e.typ {
		case "gewerbe":
			title = fmt.Sprintf("Gewerbegrundstück mit ca. %s m² in %s – gute Autobahnanbindung", germanNumber(e.plot, 0), e.place())
		case "gemischt":
			title = fmt.Sprintf("Grundstück im Mischgebiet für Wohn- und Geschäftshaus in %s", e.place())
		default:
			title = g.pick(
				fmt.Sprintf("Sonniges Baugrundstück mit ca. %s m² in %s", germanNumber(e.plot, 0), e.place()),
				fmt.Sprintf("Baugrundstück für Ihr Einfamilienhaus in %s", e.place()),
				fmt.Sprintf("Erschlossenes Grundstück in ruhiger Lage von %s", e.place()),
			)
		}
	case "buero_praxen":
		switch e.typ {
		case "buerohaus":
			title = fmt.Sprintf("Bürohaus mit ca. %s m² Gesamtfläche in %s – langfristig vermietet", germanNumber(e.area, 0), e.place())
		case "praxisflaeche", "praxisetage":
			title = fmt.Sprintf("Barrierefreie Praxisfläche mit ca. %s m² in %s", germanNumber(e.area, 0), e.place())
		default:
			title = g.pick(
				fmt.Sprintf("Repräsentative Büroetage mit ca. %s m² in %s", germanNumber(e.area, 0), e.place()),
				fmt.Sprintf("Moderne Büroflächen mit Glasfaseranschluss in %s", e.place()),
				fmt.Sprintf("Helle Büroeinheit mit %s m² – provisionsarm in %s", germanNumber(e.area, 0), e.place()),
			)
		}
	case "einzelhandel":
		if e.spot.kind == 'l' {
			title = fmt.Sprintf("Ladenlokal in 1a-Lage: %s, ca. %s m²", e.spot.street, germanNumber(e.area, 0))
		} else {
			title = g.pick(
				fmt.Sprintf("Attraktive Einzelhandelsfläche mit großer Schaufensterfront in %s", e.place()),
				fmt.Sprintf("Verkaufsfläche mit ca. %s m² in frequentierter Lage von %s", germanNumber(e.area, 0), e.place()),
			)
		}
	case "hallen_lager_prod":
		switch e.typ {
		case "produktion":
			title = fmt.Sprintf("Produktionshalle mit Büroanteil in %s, ca. %s m²", e.place(), germanNumber(e.area, 0))
		case "industriehalle":
			title = fmt.Sprintf("Industriehalle mit Freifläche in %s – ideal für Eigennutzer", e.place())
		default:
			title = fmt.Sprintf("Lagerhalle mit ca. %s m², Rampe und %s m Hallenhöhe in %s", germanNumber(e.area, 0), germanNumber(e.rec["hallenhoehe"].(float64), 1), e.place())
		}
	case "gastgewerbe":
		title = fmt.Sprintf("Restaurant mit Außengastronomie in %s – voll ausgestattet", e.place())
	}
	return title, teaser
}

// compose joins an intro, a random selection of body sentences and a
// closing sentence into one paragraph.
func (g *seeder) compose(intro string, body []string, min, max int, closing string) string {
	g.rng.Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	n := g.between(min, max)
	if n > len(body) {
		n = len(body)
	}
	parts := append([]string{intro}, body[:n]...)
	if closing != "" {
		parts = append(parts, closing)
	}
	return strings.Join(parts, " ")
}

var seedClosingsDE = []string{
	"Überzeugen Sie sich bei einer persönlichen Besichtigung von den Vorzügen dieser Immobilie – wir freuen uns auf Ihre Anfrage.",
	"Vereinbaren Sie gern einen Besichtigungstermin; für Rückfragen stehen wir Ihnen jederzeit zur Verfügung.",
	"Gern senden wir Ihnen vorab das ausführliche Exposé mit Grundrissen und Energieausweis zu.",
	"Wir freuen uns darauf, Ihnen dieses Angebot persönlich vorzustellen.",
	"Bitte haben Sie Verständnis dafür, dass wir Besichtigungen nur nach vorheriger Terminabsprache durchführen können.",
}

func (g *seeder) describeDE(e *seedEstate) string {
	r := e.rec
	sell := e.vm == "kauf"
	offer := "vermieten"
	if sell {
		offer = "verkaufen"
	}
	closing := g.pick(seedClosingsDE...)
	switch e.art {
	case "wohnung":
		if e.unit {
			return g.compose(
				fmt.Sprintf("Im Neubauprojekt „Quartier am Kanal“ direkt am Stadthafen entstehen 24 Eigentumswohnungen im KfW-40-Standard. Diese %s-Zimmer-Wohnung im %s bietet ca. %s m² Wohnfläche und einen großzügigen Freisitz.", seedRooms(e.rooms), e.floorDE(), seedArea(e.area)),
				[]string{
					"Bodentiefe Fenster mit Dreifachverglasung, Fußbodenheizung mit Einzelraumregelung und eine kontrollierte Wohnraumlüftung sorgen ganzjährig für ein angenehmes Raumklima.",
					"Die Ausstattung kann in der Bemusterung nach eigenen Wünschen angepasst werden – von Parkett über Fliesen bis zu den Sanitärobjekten.",
					"Ein Aufzug verbindet alle Etagen mit der Tiefgarage; Stellplätze mit Wallbox-Vorrüstung können hinzuerworben werden.",
					"Die Fertigstellung ist für das " + g.complexReady() + " geplant, die Zahlung erfolgt nach Baufortschritt gemäß MaBV.",
					"Die Wärmeversorgung erfolgt über eine Luft-Wasser-Wärmepumpe, unterstützt von einer Photovoltaikanlage auf dem Dach.",
				}, 3, 4, closing)
		}
		intros := []string{
			fmt.Sprintf("Diese %s %s-Zimmer-Wohnung mit rund %s m² Wohnfläche befindet sich im %s %s im Stadtteil %s.", strings.ToLower(seedAdjDE(g.pick("Hell", "Gepflegt", "Großzügig", "Gemütlich"), 'f')), seedRooms(e.rooms), seedArea(e.area), e.floorDE(), e.buildingDE(), e.spot.district),
			fmt.Sprintf("Im beliebten Stadtteil %s %s wir eine attraktive Wohnung mit %s Zimmern auf ca. %s m² Wohnfläche.", e.spot.district, map[bool]string{true: "verkaufen", false: "vermieten"}[sell], seedRooms(e.rooms), seedArea(e.area)),
			fmt.Sprintf("Willkommen in Ihrem neuen Zuhause: Auf ca. %s m² verteilen sich %s Zimmer, eine %s Küche und ein %s Badezimmer.", seedArea(e.area), seedRooms(e.rooms), g.pick("offene", "separate", "helle"), g.pick("modernes", "gepflegtes", "helles")),
			fmt.Sprintf("Die %s-Zimmer-Wohnung liegt im %s %s und überzeugt mit einem durchdachten Grundriss ohne Durchgangszimmer.", seedRooms(e.rooms), e.floorDE(), e.buildingDE()),
		}
		body := []string{
			fmt.Sprintf("Das %s Badezimmer verfügt über %s.", g.pick("moderne", "geflieste", "helle"), g.pick("eine bodengleiche Dusche und ein Handtuchheizkörper", "Badewanne und separate Dusche", "ein Doppelwaschbecken und eine Walk-in-Dusche")),
			"Die Schlafräume liegen ruhig zur Hofseite und bieten ausreichend Platz für große Kleiderschränke.",
			"Der großzügige Wohn- und Essbereich ist das Herzstück der Wohnung und lässt sich flexibel einrichten.",
		}
		if e.balcony && e.typ != "penthouse" {
			body = append(body, fmt.Sprintf("Vom Wohnzimmer aus gelangen Sie auf den %s-Balkon, der an warmen Sommerabenden zum Verweilen einlädt.", g.pick("Süd", "West", "Südwest", "Ost")))
		}
		if e.typ == "penthouse" {
			body = append(body, fmt.Sprintf("Die umlaufende Dachterrasse mit rund %s m² eröffnet einen weiten Blick über die Dächer von %s.", germanNumber(r["balkon_terrasse_flaeche"].(float64), 0), seedShortTown(e.town)))
		}
		if e.garden {
			body = append(body, "Zur Wohnung gehört ein eigener Gartenanteil mit Terrasse – ideal für Familien und Gartenfreunde.")
		}
		if e.kitchen {
			body = append(body, g.pick("Die offene Küche ist mit einer hochwertigen Einbauküche inklusive Markengeräten ausgestattet.", "Eine moderne Einbauküche mit Induktionskochfeld und Geschirrspüler ist bereits vorhanden und kann übernommen werden."))
		}
		if e.lift {
			body = append(body, "Ein Personenaufzug führt bequem bis in die Wohnetage.")
		}
		if e.isOld() {
			body = append(body, "Hohe Decken mit Stuckelementen, restaurierte Holzdielen und Kastendoppelfenster verleihen den Räumen ihren besonderen Charme.")
		}
		if e.isNew() {
			body = append(body, "Bodentiefe Fenster mit Dreifachverglasung und Fußbodenheizung sorgen für ein angenehmes Raumklima bei niedrigen Energiekosten.")
		}
		if e.cellar {
			body = append(body, "Ein Kellerabteil sowie ein gemeinschaftlicher Fahrradraum bieten zusätzlichen Stauraum.")
		}
		if e.parking {
			if sell {
				body = append(body, fmt.Sprintf("Ein Stellplatz kann für %s € zusätzlich erworben werden.", germanNumber(seedRound(e.town.wohnKauf*5, 500), 0)))
			} else {
				body = append(body, fmt.Sprintf("Ein Stellplatz kann für %d € monatlich angemietet werden.", int(seedRound(e.town.miete*6, 5))))
			}
		}
		if v, _ := r["vermietet"].(bool); v && sell {
			body = append(body, fmt.Sprintf("Die Wohnung ist derzeit zu einer Nettokaltmiete von %s € monatlich vermietet und eignet sich ideal als Kapitalanlage.", germanNumber(seedRound(e.area*e.town.miete*0.85, 5), 0)))
		}
		if sell {
			body = append(body, fmt.Sprintf("Die Eigentümergemeinschaft ist gut organisiert, die Instandhaltungsrücklage beläuft sich auf rund %s €.", germanNumber(seedRound(e.area*g.rangef(180, 420), 1000), 0)))
		} else {
			body = append(body, "Die Wohnung wird an eine Person oder ein Paar mit gesicherten Einkommensverhältnissen vermietet.")
		}
		return g.compose(g.pick(intros...), body, 3, 5, closing)
	case "haus":
		if e.complexBase {
			return "Am Münsteraner Stadthafen entsteht mit dem „Quartier am Kanal“ ein modernes Wohnensemble aus drei Stadthäusern mit insgesamt 24 Eigentumswohnungen zwischen 58 und 143 m² Wohnfläche. " +
				"Alle Wohnungen sind barrierefrei über Aufzüge erreichbar und verfügen über Balkone, Loggien oder Dachterrassen; die Erdgeschosswohnungen erhalten eigene Gärten. " +
				"Das Gebäude wird im Effizienzhaus-40-Standard mit Wärmepumpe und Photovoltaik errichtet, eine Tiefgarage mit 28 Stellplätzen ist Teil des Projekts. " +
				fmt.Sprintf("Die Einheiten werden provisionsfrei direkt vom Bauträger angeboten; Baubeginn war im Sommer %d, die Fertigstellung ist für das %s geplant.", g.ref.AddDate(0, -5, 0).Year(), g.complexReady())
		}
		intros := []string{
			fmt.Sprintf("Zum %s steht %s mit rund %s m² Wohnfläche auf einem ca. %s m² großen Grundstück.", map[bool]string{true: "Verkauf", false: "Vermietung"}[sell], seedArticleDE(e), germanNumber(e.area, 0), germanNumber(e.plot, 0)),
			fmt.Sprintf("In gewachsener Wohnlage von %s %s wir %s aus dem Jahr %d mit %s Zimmern.", e.spot.district, offer, seedArticleDE(e), e.year, seedRooms(e.rooms)),
			fmt.Sprintf("Dieses Haus bietet auf ca. %s m² Wohnfläche viel Platz für die ganze Familie – und das in einer der gefragtesten Lagen von %s.", germanNumber(e.area, 0), seedShortTown(e.town)),
		}
		body := []string{
			"Im Erdgeschoss empfängt Sie ein offener Wohn- und Essbereich mit direktem Zugang zur Terrasse und zum Garten.",
			fmt.Sprintf("Im Obergeschoss befinden sich %d Schlafzimmer sowie ein %s Familienbad.", int(math.Max(2, e.rooms-2)), g.pick("modernes", "großzügiges", "helles")),
			"Der liebevoll angelegte Garten mit altem Baumbestand bietet Privatsphäre und Raum zum Spielen.",
			"Das ausgebaute Dachgeschoss eignet sich hervorragend als Arbeitszimmer, Gästebereich oder Kinderzimmer.",
			g.pick("Ein Kaminofen im Wohnzimmer sorgt an kalten Tagen für behagliche Wärme.", "Ein heller Wintergarten verlängert den Sommer bis weit in den Herbst."),
		}
		if sp, _ := r["stellplatzart"].([]string); len(sp) > 0 {
			switch sp[0] {
			case "garage":
				body = append(body, "Eine Garage mit elektrischem Sektionaltor und ein zusätzlicher Stellplatz vor dem Haus gehören dazu.")
			case "carport":
				body = append(body, "Ein Carport sowie ein Abstellraum für Fahrräder und Gartengeräte runden das Angebot ab.")
			default:
				body = append(body, "Auf dem Grundstück steht ein PKW-Stellplatz zur Verfügung.")
			}
		}
		if e.cellar {
			body = append(body, "Der Keller bietet Hauswirtschaftsraum, Heizungsraum und reichlich Stauraum.")
		}
		if e.isNew() {
			body = append(body, "Dank Wärmepumpe, Photovoltaikanlage und hochwertiger Dämmung sind die Energiekosten ausgesprochen niedrig.")
		}
		switch e.typ {
		case "mehrfamilienhaus":
			body = []string{
				fmt.Sprintf("Die jährliche Nettokaltmiete beträgt derzeit rund %s €; Mieterhöhungspotenzial ist vorhanden.", germanNumber(r["mieteinnahmen_pro_jahr_ist"].(float64), 0)),
				"Sämtliche Wohnungen sind langfristig vermietet, es gibt keinen nennenswerten Leerstand.",
				"In den vergangenen Jahren wurden Dach, Fenster und Heizungsanlage erneuert.",
				"Zum Objekt gehören Kellerräume für jede Einheit sowie ein Fahrradraum und PKW-Stellplätze im Hof.",
				"Aktuelle Mieterliste, Grundrisse und Energieausweis stellen wir Ihnen nach Unterzeichnung einer Vertraulichkeitsvereinbarung gern zur Verfügung.",
			}
		case "zweifamilienhaus":
			body = append(body, "Die separate Einliegerwohnung mit eigenem Eingang eignet sich für Angehörige oder zur Vermietung.")
		case "villa":
			body = append(body, "Großzügige Raumhöhen, edle Materialien und ein parkähnliches Grundstück machen diese Villa zu einem besonderen Zuhause.")
		}
		return g.compose(g.pick(intros...), body, 3, 5, closing)
	case "grundstueck":
		intro := fmt.Sprintf("Zum Verkauf steht ein ca. %s m² großes Grundstück in %s.", germanNumber(e.plot, 0), e.place())
		body := []string{
			"Das Grundstück ist nahezu eben und weist einen gut nutzbaren, rechteckigen Zuschnitt auf.",
			"Die Erschließung mit Wasser, Abwasser, Strom und Telekommunikation liegt an der Grundstücksgrenze an.",
			fmt.Sprintf("Die Bebauung richtet sich nach %s; eine Bauvoranfrage wurde bereits positiv beschieden.", map[string]string{"bebauungsplan": "dem gültigen Bebauungsplan", "nachbarbebauung": "der umliegenden Bebauung (§ 34 BauGB)"}[r["bebaubar_nach"].(string)]),
			"Das Grundstück ist frei von Altlasten; ein Bodengutachten liegt vor.",
			"Die Südwestausrichtung sorgt für einen sonnigen Garten und ideale Bedingungen für eine Photovoltaikanlage.",
			"Ein Bauträger ist nicht gebunden – Sie können Ihr Haus mit einem Architekten Ihrer Wahl planen.",
		}
		if e.typ == "gewerbe" {
			body = []string{
				"Das Grundstück liegt in einem etablierten Gewerbegebiet mit GE-Ausweisung; Lärmschutzauflagen bestehen nicht.",
				"Eine Bebauung mit Hallen-, Lager- oder Produktionsgebäuden ist möglich; LKW-Verkehr ist rund um die Uhr zulässig.",
				"Die Medienerschließung ist vollständig vorhanden, ein Glasfaseranschluss liegt in der Straße.",
				"Eine Teilung des Grundstücks ist nach Absprache möglich.",
			}
		}
		return g.compose(intro, body, 3, 4, closing)
	case "buero_praxen":
		intro := fmt.Sprintf("Wir %s %s mit ca. %s m² Fläche in %s.", offer, map[bool]string{true: "ein gepflegtes Bürohaus", false: "moderne Büro- bzw. Praxisräume"}[e.typ == "buerohaus"], germanNumber(e.area, 0), e.place())
		body := []string{
			"Die Flächen sind aktuell in Einzel- und Gruppenbüros, einen Besprechungsraum, eine Teeküche und getrennte Sanitäranlagen aufgeteilt.",
			"Dank der Trockenbauweise lassen sich die Räume flexibel an die Anforderungen neuer Mieter anpassen.",
			"Ein Glasfaseranschluss und eine strukturierte Verkabelung sind vorhanden.",
			"Großzügige Fensterflächen sorgen für helle Arbeitsplätze mit angenehmem Tageslicht.",
			"Die Flächen können nach Absprache auch teilbar angemietet werden.",
		}
		if v, _ := r["klimatisiert"].(bool); v {
			body = append(body, "Die Räume sind klimatisiert und mit außenliegendem Sonnenschutz ausgestattet.")
		}
		if e.lift {
			body = append(body, "Das Gebäude ist über einen Aufzug barrierearm erschlossen.")
		}
		return g.compose(intro, body, 3, 4, closing)
	case "einzelhandel":
		intro := fmt.Sprintf("In %s Lage von %s vermieten wir ein Ladenlokal mit ca. %s m² Verkaufs- und Nebenfläche.", map[bool]string{true: "bester", false: "guter"}[e.spot.kind == 'l'], seedShortTown(e.town), germanNumber(e.area, 0))
		body := []string{
			"Die großzügige Schaufensterfront sorgt für eine hervorragende Sichtbarkeit.",
			"Die Fläche ist stützenfrei und ebenerdig zugänglich.",
			"Ein Lagerraum sowie ein Personal-WC befinden sich im rückwärtigen Bereich.",
			"Die Fläche eignet sich für Einzelhandel, Dienstleistung oder ein Café (Nutzungsänderung vorbehaltlich Genehmigung).",
			"Der Vormieter hat die Fläche in einem sehr gepflegten Zustand hinterlassen.",
		}
		return g.compose(intro, body, 3, 4, closing)
	case "hallen_lager_prod":
		intro := fmt.Sprintf("Wir %s eine %s mit ca. %s m² Hallenfläche auf einem ca. %s m² großen Grundstück in %s.", offer, map[bool]string{true: "Produktionshalle", false: "Lager- bzw. Logistikhalle"}[e.typ == "produktion"], germanNumber(e.area, 0), germanNumber(e.plot, 0), e.place())
		body := []string{
			fmt.Sprintf("Die lichte Hallenhöhe beträgt ca. %s m, die Bodenbelastbarkeit liegt bei 5 t/m².", germanNumber(r["hallenhoehe"].(float64), 1)),
			"Ebenerdige Sektionaltore und Überladebrücken ermöglichen eine effiziente Be- und Entladung.",
			"Ein zweigeschossiger Büro- und Sozialtrakt mit Umkleiden und Teeküche ist integriert.",
			"Die Halle ist beheizt und mit LED-Beleuchtung sowie einer Sprinkleranlage ausgestattet.",
			"Auf dem Grundstück stehen ausreichend PKW-Stellplätze und eine befestigte Rangierfläche zur Verfügung.",
		}
		return g.compose(intro, body, 3, 4, closing)
	default:
		intro := fmt.Sprintf("Wir vermieten ein voll ausgestattetes Restaurant mit ca. %s m² Gastfläche in %s.", germanNumber(e.area, 0), e.place())
		body := []string{
			"Der Gastraum bietet rund 70 Sitzplätze, dazu kommen etwa 40 Plätze auf der Außenterrasse.",
			"Die Gastronomieküche mit Lüftungsanlage, Kühlzelle und Spülküche ist funktionsfähig und kann übernommen werden.",
			"Das Inventar wird gegen eine Ablöse überlassen.",
			"Die Konzession für einen Schankbetrieb liegt vor.",
		}
		return g.compose(intro, body, 3, 4, closing)
	}
}

// seedArticleDE returns the type noun with indefinite article.
func seedArticleDE(e *seedEstate) string {
	noun, gen := e.typeNounDE()
	adj := map[string]string{"einfamilienhaus": "freistehend", "villa": "repräsentativ", "bungalow": "ebenerdig"}[e.typ]
	if adj == "" {
		adj = "gepflegt"
	}
	switch gen {
	case 'n':
		return "ein " + adj + "es " + noun
	case 'm':
		return "ein " + adj + "er " + noun
	}
	return "eine " + adj + "e " + noun
}

func (g *seeder) locationDE(e *seedEstate) string {
	t := e.town
	mins := g.between(3, 12)
	way, binds := "Die Autobahn "+t.autobahn+" ist", "bindet"
	if strings.Contains(t.autobahn, " und ") {
		way, binds = "Die Autobahnen "+t.autobahn+" sind", "binden"
	}
	intro := g.pick(
		fmt.Sprintf("Die Immobilie liegt im Stadtteil %s von %s, nur wenige Gehminuten von %s entfernt.", e.spot.district, seedShortTown(t), g.pick("zahlreichen Geschäften", "der nächsten Straßenbahnhaltestelle", "einem kleinen Park")),
		fmt.Sprintf("%s zählt zu den gefragtesten Wohnlagen von %s.", e.spot.district, seedShortTown(t)),
		fmt.Sprintf("Das Objekt befindet sich %s im Stadtteil %s.", seedAtStreet(e.spot.street), e.spot.district),
	)
	var body []string
	if e.usage == "gewerbe" && e.art != "einzelhandel" {
		body = []string{
			fmt.Sprintf("%s in wenigen Minuten erreichbar, LKW- und Lieferverkehr ist problemlos möglich.", way),
			"Kunden und Mitarbeiter profitieren von der guten Anbindung an den öffentlichen Nahverkehr.",
			"In der Umgebung haben sich zahlreiche Unternehmen aus Handel, Handwerk und Dienstleistung angesiedelt.",
			fmt.Sprintf("Der Hauptbahnhof ist in rund %d Minuten erreichbar.", g.between(8, 20)),
			"Restaurants, Bäcker und Einkaufsmöglichkeiten für die Mittagspause befinden sich in der Nähe.",
		}
	} else if e.art == "einzelhandel" {
		body = []string{
			"Die Lage zeichnet sich durch eine hohe Passantenfrequenz und eine gute Sichtbarkeit aus.",
			fmt.Sprintf("Filialisten und inhabergeführte Fachgeschäfte prägen das Umfeld rund um %s.", t.center),
			"Mehrere Parkhäuser sowie Haltestellen von Bus und Bahn liegen in unmittelbarer Nähe.",
			"Gastronomiebetriebe und Dienstleister sorgen auch außerhalb der Ladenöffnungszeiten für Belebung.",
		}
	} else {
		body = []string{
			"Einkaufsmöglichkeiten für den täglichen Bedarf, Bäckereien, Cafés und Apotheken befinden sich in unmittelbarer Nähe.",
			"Kindergärten sowie Grund- und weiterführende Schulen sind fußläufig erreichbar.",
			fmt.Sprintf("Die nächste Haltestelle des Nahverkehrs erreichen Sie in etwa %d Minuten zu Fuß; der Hauptbahnhof ist in rund %d Minuten erreichbar.", mins, mins+g.between(5, 15)),
			fmt.Sprintf("In wenigen Minuten erreichen Sie %s – ideal für Spaziergänge, Sport und Erholung.", t.green),
			fmt.Sprintf("Die Innenstadt rund um %s ist mit dem Fahrrad in etwa %d Minuten erreichbar.", t.center, g.between(8, 20)),
			fmt.Sprintf("%s schnell erreichbar und %s die Lage gut an das überregionale Verkehrsnetz an.", way, binds),
			"Ärzte, Sportvereine und ein Wochenmarkt runden das Angebot im Viertel ab.",
		}
	}
	return g.compose(intro, body, 3, 4, "")
}

func (g *seeder) featuresDE(e *seedEstate) string {
	r := e.rec
	var items []string
	add := func(s string) { items = append(items, s) }
	switch e.art {
	case "wohnung", "haus":
		if e.kitchen {
			add(g.pick("Einbauküche mit Markengeräten", "Offene Einbauküche mit Kochinsel", "Einbauküche mit Induktionskochfeld und Geschirrspüler"))
		}
		if b, _ := r["boden"].([]string); len(b) > 0 {
			names := map[string]string{"parkett": "Parkett", "fertigparkett": "Fertigparkett", "dielen": "Holzdielen", "laminat": "Laminat", "fliesen": "Fliesen", "stein": "Natursteinboden", "teppichboden": "Teppichboden"}
			var nb []string
			for _, k := range b {
				nb = append(nb, names[k])
			}
			add("Bodenbeläge: " + strings.Join(nb, " und "))
		}
		add(g.pick("Tageslichtbad mit Badewanne und Dusche", "Modernes Duschbad mit bodengleicher Dusche", "Bad mit Doppelwaschtisch und Handtuchheizkörper"))
		if gw, _ := r["gaesteWc"].(bool); gw {
			add("Separates Gäste-WC")
		}
		if size, ok := r["balkon_terrasse_flaeche"].(float64); ok && e.balcony {
			add(fmt.Sprintf("Balkon bzw. Terrasse mit ca. %s m²", seedArea(size)))
		} else if e.balcony {
			add("Balkone, Loggien oder Dachterrassen")
		}
		if e.garden {
			add("Eigener Garten")
		}
		if e.lift {
			add("Personenaufzug")
		}
		if e.cellar {
			add(g.pick("Kellerabteil", "Vollunterkellerung mit Hauswirtschaftsraum", "Kellerraum und Fahrradkeller"))
		}
		if sp, _ := r["stellplatzart"].([]string); len(sp) > 0 {
			add(map[string]string{"tiefgarage": "Tiefgaragenstellplatz", "garage": "Garage", "carport": "Carport", "freiplatz": "PKW-Stellplatz"}[sp[0]])
		}
		if e.floorHeating {
			add("Fußbodenheizung")
		}
		if e.isNew() {
			add("Dreifach verglaste Kunststofffenster")
			add("Elektrische Rollläden")
		} else if e.isOld() {
			add(g.pick("Kastendoppelfenster", "Aufgearbeitete Holzfenster"))
		} else {
			add(g.pick("Doppelt verglaste Holzfenster", "Isolierglasfenster", "Kunststofffenster mit Zweifachverglasung"))
		}
		extras := []string{"Video-Gegensprechanlage", "Glasfaseranschluss", "Waschmaschinenanschluss im Bad", "Einbauschränke im Flur", "Rauchwarnmelder in allen Räumen", "Wallbox-Vorrüstung"}
		if e.art == "wohnung" {
			extras = append(extras, "Abstellraum in der Wohnung", "Gemeinschaftsgarten")
		} else {
			extras = append(extras, "Gartenhaus", "Regenwasserzisterne", "Außensteckdosen und -wasseranschluss")
		}
		for _, x := range g.pickN(extras, g.between(1, 3)) {
			add(x)
		}
	case "buero_praxen":
		add("Glasfaseranschluss und strukturierte Verkabelung (Cat. 7)")
		add("Teeküche mit Einbauküche")
		add("Getrennte Damen- und Herren-WCs")
		if v, _ := r["klimatisiert"].(bool); v {
			add("Klimatisierung und außenliegender Sonnenschutz")
		}
		if e.lift {
			add("Personenaufzug")
		}
		add(g.pick("Doppelboden mit Bodentanks", "Abgehängte Decken mit LED-Rasterleuchten", "Teppichboden in den Büroräumen"))
		add("Zutrittskontrolle per Transponder")
	case "einzelhandel":
		add("Großzügige Schaufensterfront")
		add("Ebenerdiger, barrierefreier Zugang")
		add("Lager- und Sozialraum mit Personal-WC")
		add(g.pick("Klimaanlage", "Sicherheitsverglasung", "Alarmanlage"))
		add("Separater Anlieferungszugang")
	case "hallen_lager_prod":
		add(fmt.Sprintf("Lichte Hallenhöhe ca. %s m", germanNumber(r["hallenhoehe"].(float64), 1)))
		if v, _ := r["rampe"].(bool); v {
			add("Rampe mit zwei Überladebrücken")
		}
		add("Zwei ebenerdige Sektionaltore")
		add("Bodenbelastbarkeit 5 t/m²")
		add("Büro- und Sozialtrakt mit Umkleiden")
		add("LED-Hallenbeleuchtung")
		add("Befestigte Hof- und Rangierfläche")
	case "gastgewerbe":
		add("Voll ausgestattete Gastronomieküche")
		add("Lüftungsanlage und Kühlzelle")
		add("Außenterrasse mit ca. 40 Plätzen")
		add("Gäste-WCs, barrierefrei")
		add("Schankanlage")
	}
	for i := range items {
		items[i] = "- " + items[i]
	}
	return strings.Join(items, "\n")
}

var seedEnergyNames = map[string]string{
	"gas": "Gas", "oel": "Öl", "fernwaerme": "Fernwärme", "luftwp": "Luft-/Wasserwärmepumpe",
	"erdwaerme": "Erdwärme", "pellet": "Pellet",
}

func (g *seeder) otherDE(e *seedEstate) string {
	r := e.rec
	var parts []string
	switch typ, _ := r["energieausweistyp"].(string); typ {
	case "Endenergiebedarf", "Energieverbrauchskennwert":
		kind, key := "Bedarfsausweis", "endenergiebedarf"
		if typ == "Energieverbrauchskennwert" {
			kind, key = "Verbrauchsausweis", "energieverbrauchskennwert"
		}
		parts = append(parts, fmt.Sprintf("Energieausweis: %s, Endenergie%s %s kWh/(m²·a), Energieeffizienzklasse %s, wesentlicher Energieträger %s, Baujahr laut Energieausweis %d, gültig bis %s.",
			kind, map[bool]string{true: "bedarf", false: "verbrauch"}[key == "endenergiebedarf"], germanNumber(r[key].(float64), 1), r["energyClass"], seedEnergyNames[r["energietraeger"].(string)], e.year, seedGermanDate(r["energieausweis_gueltig_bis"].(string))))
	case "es besteht keine Pflicht!":
		parts = append(parts, "Das Gebäude steht unter Denkmalschutz; ein Energieausweis ist daher nicht erforderlich.")
	}
	courtage, _ := r["aussen_courtage"].(string)
	switch {
	case e.vm == "kauf" && courtage != "" && !strings.HasPrefix(courtage, "provisionsfrei"):
		parts = append(parts, fmt.Sprintf("Käuferprovision: %s vom beurkundeten Kaufpreis, verdient und fällig mit Abschluss des notariellen Kaufvertrags.", courtage))
	case e.vm == "kauf":
		parts = append(parts, "Für den Käufer provisionsfrei.")
	case e.usage == "gewerbe":
		parts = append(parts, "Mieterprovision: 3 Nettokaltmieten zzgl. gesetzlicher Mehrwertsteuer.")
	default:
		parts = append(parts, "Für den Mieter provisionsfrei (Bestellerprinzip).")
	}
	if e.priceOnRequest {
		parts = append(parts, "Der Kaufpreis wird ausschließlich auf Anfrage und nach Vorlage eines Finanzierungsnachweises mitgeteilt.")
	}
	parts = append(parts, g.pick(
		"Alle Angaben beruhen auf Informationen des Eigentümers; für deren Richtigkeit übernehmen wir keine Gewähr.",
		"Irrtum und Zwischenverkauf bzw. -vermietung vorbehalten.",
		"Die Grundrisse sind nicht maßstabsgetreu; maßgeblich sind die Angaben im Vertrag.",
	))
	return strings.Join(parts, " ")
}

func seedGermanDate(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return t.Format("02.01.2006")
}

// ---------------------------------------------------------------------------
// English language versions

func (e *seedEstate) placeEN() string {
	n := strings.TrimSuffix(e.town.en, " im Breisgau")
	n = strings.TrimSuffix(n, " am Main")
	return n + "-" + e.spot.district
}

var seedTypeEN = map[string]string{
	"etage": "apartment", "dachgeschoss": "attic apartment", "penthouse": "penthouse", "erdgeschoss": "ground-floor apartment",
	"hochparterre": "raised ground-floor apartment", "souterrain": "garden-level apartment", "maisonette": "maisonette",
	"loft-studio-atelier": "loft", "terrassen": "terrace apartment", "einfamilienhaus": "detached house",
	"doppelhaushaelfte": "semi-detached house", "reihenmittel": "terraced house", "reihenend": "end-of-terrace house",
	"reihenhaus": "terraced house", "villa": "villa", "stadthaus": "town house", "bungalow": "bungalow",
	"zweifamilienhaus": "two-family house", "mehrfamilienhaus": "apartment building", "landhaus": "country house",
	"wohnanlage": "residential complex",
}

func (g *seeder) titleEN(e *seedEstate) string {
	switch e.art {
	case "wohnung":
		adj := g.pick("Bright", "Spacious", "Modern", "Stylish", "Quiet", "Well-kept")
		if e.isOld() {
			adj = g.pick("Charming", "Elegant")
		}
		hl := "with a thoughtful layout"
		switch {
		case e.typ == "penthouse":
			hl = "with roof terrace and views"
		case e.balcony:
			hl = "with sunny balcony"
		case e.garden:
			hl = "with private garden"
		case e.kitchen:
			hl = "with fitted kitchen"
		}
		if e.unit {
			return fmt.Sprintf("Quartier am Kanal: new-build %s-room apartment (unit %02d)", seedRoomsEN(e.rooms), e.unitNo)
		}
		return fmt.Sprintf("%s %s-room %s %s in %s", adj, seedRoomsEN(e.rooms), seedTypeEN[e.typ], hl, e.placeEN())
	case "haus":
		if e.complexBase {
			return "Quartier am Kanal – 24 new-build condominiums at Münster's city harbour"
		}
		if e.typ == "mehrfamilienhaus" {
			return fmt.Sprintf("Apartment building with %d units in %s – solid investment", int(e.rec["anzahl_wohneinheiten"].(float64)), e.placeEN())
		}
		return fmt.Sprintf("%s %s with garden in %s", g.pick("Family-friendly", "Well-kept", "Spacious", "Modern"), seedTypeEN[e.typ], e.placeEN())
	case "grundstueck":
		return fmt.Sprintf("Building plot of approx. %s m² in %s", seedEN(e.plot, 0), e.placeEN())
	case "buero_praxen":
		return fmt.Sprintf("Office space of approx. %s m² in %s", seedEN(e.area, 0), e.placeEN())
	case "einzelhandel":
		return fmt.Sprintf("Retail unit of approx. %s m² in %s", seedEN(e.area, 0), e.placeEN())
	case "hallen_lager_prod":
		return fmt.Sprintf("Warehouse of approx. %s m² in %s", seedEN(e.area, 0), e.placeEN())
	}
	return fmt.Sprintf("Restaurant with terrace in %s", e.placeEN())
}

func (g *seeder) describeEN(e *seedEstate) string {
	verb := "for sale"
	if e.vm == "miete" {
		verb = "for rent"
	}
	closing := g.pick(
		"Arrange a viewing and see the qualities of this property for yourself – we look forward to your enquiry.",
		"We are happy to send you the detailed brochure with floor plans and energy certificate in advance.",
		"Viewings are possible by prior appointment only.",
	)
	switch e.art {
	case "wohnung":
		body := []string{
			"The generous living and dining area is the heart of the apartment and can be furnished flexibly.",
			"The bedrooms face the quiet courtyard and offer plenty of space for large wardrobes.",
			fmt.Sprintf("The %s bathroom features %s.", g.pick("modern", "tiled", "bright"), g.pick("a walk-in shower", "both a bathtub and a separate shower", "a double washbasin")),
		}
		if e.balcony {
			body = append(body, "From the living room you step onto the balcony, perfect for relaxing summer evenings.")
		}
		if e.kitchen {
			body = append(body, "A modern fitted kitchen with brand-name appliances is included.")
		}
		if e.lift {
			body = append(body, "A passenger lift takes you conveniently up to the apartment.")
		}
		if e.isOld() {
			body = append(body, "High ceilings with stucco, restored wooden floorboards and box-type windows give the rooms their special charm.")
		}
		if e.isNew() || e.unit {
			body = append(body, "Floor-to-ceiling triple-glazed windows and underfloor heating ensure a pleasant indoor climate at low energy costs.")
		}
		intro := fmt.Sprintf("This %s-room %s with approx. %s m² of living space is located on the %s of %s in the popular district of %s and is %s.",
			seedRoomsEN(e.rooms), seedTypeEN[e.typ], seedAreaEN(e.area), seedFloorEN(e), g.pick("a well-kept apartment building", "a carefully maintained residential building"), e.spot.district, verb)
		return g.compose(intro, body, 3, 4, closing)
	case "haus":
		if e.complexBase {
			return "At Münster's city harbour, the \"Quartier am Kanal\" is being built: a modern ensemble of three town houses with 24 condominiums between 58 and 143 m². " +
				"All apartments are barrier-free via lifts and have balconies, loggias or roof terraces; the ground-floor units come with private gardens. " +
				"The building meets the Efficiency House 40 standard with heat pump and photovoltaics, and an underground car park with 28 spaces is part of the project. " +
				fmt.Sprintf("The units are offered commission-free directly by the developer; completion is scheduled for spring %d.", g.ref.Year()+2)
		}
		intro := fmt.Sprintf("This %s with approx. %s m² of living space on a plot of approx. %s m² in %s is %s.", seedTypeEN[e.typ], seedEN(e.area, 0), seedEN(e.plot, 0), e.spot.district, verb)
		body := []string{
			"On the ground floor, an open-plan living and dining area leads directly to the terrace and garden.",
			"The upper floor accommodates the bedrooms and a spacious family bathroom.",
			"The mature garden offers privacy and plenty of room for children to play.",
			"A garage and an additional parking space in front of the house are included.",
			"The basement provides a utility room and ample storage space.",
		}
		return g.compose(intro, body, 3, 4, closing)
	}
	intro := fmt.Sprintf("We offer %s of approx. %s m² in %s, %s.", g.pick("commercial space", "a commercial property"), seedEN(math.Max(e.area, e.plot), 0), e.placeEN(), verb)
	body := []string{
		"The space can be adapted flexibly to the requirements of new users.",
		"A fibre-optic connection is available.",
		"Parking spaces for staff and visitors are available on site.",
		"The property is well connected to public transport and the motorway network.",
	}
	return g.compose(intro, body, 2, 3, closing)
}

func seedFloorEN(e *seedEstate) string {
	switch {
	case e.floor < 0:
		return "garden level"
	case e.floor == 0:
		return "ground floor"
	case e.floor == e.floors && (e.typ == "dachgeschoss" || e.typ == "penthouse"):
		return "top floor"
	case e.floor == 1:
		return "first floor"
	case e.floor == 2:
		return "second floor"
	case e.floor == 3:
		return "third floor"
	}
	return fmt.Sprintf("%dth floor", e.floor)
}

func (g *seeder) locationEN(e *seedEstate) string {
	intro := fmt.Sprintf("The property is located in %s, %s.", e.spot.district, g.pick("one of the most sought-after neighbourhoods of "+e.town.en, "a lively and popular district of "+e.town.en))
	body := []string{
		"Shops for daily needs, bakeries, cafés and pharmacies are just around the corner.",
		"Nurseries, primary and secondary schools are within walking distance.",
		fmt.Sprintf("The nearest public transport stop is about %d minutes' walk away; the main station can be reached in around %d minutes.", g.between(3, 10), g.between(12, 25)),
		"Parks and green spaces nearby invite you to go for walks and do sports.",
		fmt.Sprintf("The motorways (%s) are quickly accessible.", strings.ReplaceAll(e.town.autobahn, " und ", " and ")),
	}
	return g.compose(intro, body, 3, 4, "")
}

func (g *seeder) featuresEN(e *seedEstate) string {
	var items []string
	switch e.art {
	case "wohnung", "haus":
		if e.kitchen {
			items = append(items, "Fitted kitchen with brand-name appliances")
		}
		items = append(items, g.pick("Bathroom with bathtub and shower", "Modern shower room", "Bathroom with double washbasin"))
		if e.balcony {
			items = append(items, "Balcony or terrace")
		}
		if e.garden {
			items = append(items, "Private garden")
		}
		if e.lift {
			items = append(items, "Passenger lift")
		}
		if e.cellar {
			items = append(items, "Cellar storage room")
		}
		if e.parking {
			items = append(items, "Parking space")
		}
		if e.floorHeating {
			items = append(items, "Underfloor heating")
		}
		extra := []string{"Fibre-optic connection", "Video intercom"}
		if e.art == "wohnung" {
			extra = append(extra, "Storage room within the apartment")
		}
		items = append(items, g.pick(extra...))
	default:
		items = append(items, "Fibre-optic connection", "Kitchenette", "Separate toilets", "Barrier-free access")
	}
	for i := range items {
		items[i] = "- " + items[i]
	}
	return strings.Join(items, "\n")
}

func (g *seeder) otherEN(e *seedEstate) string {
	var parts []string
	if c, _ := e.rec["energyClass"].(string); c != "" {
		parts = append(parts, fmt.Sprintf("Energy certificate: energy efficiency class %s, year of construction according to certificate %d.", c, e.year))
	}
	if e.vm == "kauf" {
		if c, _ := e.rec["aussen_courtage"].(string); strings.HasPrefix(c, "provisionsfrei") {
			parts = append(parts, "No commission for the buyer.")
		} else {
			parts = append(parts, "Buyer's commission: "+strings.ReplaceAll(strings.ReplaceAll(c, "inkl. gesetzl. MwSt.", "incl. statutory VAT"), ",", ".")+" of the purchase price.")
		}
	} else {
		parts = append(parts, "No commission for the tenant.")
	}
	if e.priceOnRequest {
		parts = append(parts, "The purchase price is available on request upon proof of financing.")
	}
	parts = append(parts, "All information is based on details provided by the owner and is given without guarantee.")
	return strings.Join(parts, " ")
}

// seedLanguageVersions adds English versions for a selection of estates in
// international cities. They follow all main-language estates. Each version
// is a full copy of its main record (shared fields are identical) with its
// own Id and uuid, "mainLangId" pointing to the main estate, "language"
// "ENG" and English free texts.
func (g *seeder) seedLanguageVersions() {
	intl := map[string]bool{"München": true, "Berlin": true, "Hamburg": true, "Frankfurt am Main": true, "Köln": true, "Düsseldorf": true, "Münster": true}
	var cands []*seedEstate
	for _, e := range g.estates {
		if e.status == 1 && e.pub && !e.unit && intl[e.town.name] {
			cands = append(cands, e)
		}
	}
	g.rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	if len(cands) > 10 {
		cands = cands[:10]
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].id < cands[j].id })
	t := g.s.Table("estate")
	next := g.estates[len(g.estates)-1].id + 1
	for _, e := range cands {
		// A language version shares every non-text field with its main
		// record, so it starts as a copy and gets its own id, uuid and texts.
		rec := Record{}
		for k, v := range e.rec {
			if ss, ok := v.([]string); ok {
				v = append([]string(nil), ss...)
			}
			rec[k] = v
		}
		rec["Id"] = next
		rec["mainLangId"] = e.id
		rec["language"] = "ENG"
		rec["uuid"] = g.uuid()
		rec["objekttitel"] = g.titleEN(e)
		rec["objektbeschreibung"] = g.describeEN(e)
		rec["lage"] = g.locationEN(e)
		rec["sonstige_angaben"] = g.otherEN(e)
		delete(rec, "dreizeiler")
		delete(rec, "InterneBemerkung")
		if e.art != "grundstueck" {
			rec["ausstatt_beschr"] = g.featuresEN(e)
		}
		t.Records = append(t.Records, rec)
		next++
	}
}

// ---------------------------------------------------------------------------
// addresses

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
	g.seedOwners()
	g.seedBuyers()
	g.seedProspects()
	g.seedTipsters()
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

// ---------------------------------------------------------------------------
// search criteria

func (g *seeder) seedSearchCriteria() {
	t := g.s.Table("searchcriteria")
	var ids []int
	for _, a := range g.addrs {
		if a.wantVM != "" {
			ids = append(ids, a.id)
		}
	}
	// Most prospects keep one profile; some have none yet, a few two.
	for _, id := range ids {
		a := g.addrByID[id]
		if g.chance(0.25) && !g.hasArt(a, "Kaeufer", "Mieter") && !a.company {
			continue
		}
		n := 1
		if g.chance(0.06) {
			n = 2
		}
		for k := 0; k < n; k++ {
			rec := g.criterion(a, k)
			rec["Id"] = seedFirstCriteriaID + len(t.Records)
			t.Records = append(t.Records, rec)
			g.rel(seedRelSearchCrit, id, rec["Id"].(int), nil)
		}
	}
}

func (g *seeder) hasArt(a *seedAddr, kinds ...string) bool {
	cur, _ := a.rec["ArtDaten"].([]string)
	for _, c := range cur {
		for _, k := range kinds {
			if c == k {
				return true
			}
		}
	}
	return false
}

func (g *seeder) userOf(a *seedAddr) *seedUserInfo {
	login, _ := a.rec["Benutzer"].(string)
	for _, u := range g.users {
		if u.login == login {
			return u
		}
	}
	return g.userByID[12]
}

// criterion builds one search profile of a prospect; the second profile
// (k = 1) widens the first one to a neighbouring budget or kind.
func (g *seeder) criterion(a *seedAddr, k int) Record {
	t := a.wantTown
	u := g.userOf(a)
	art := a.wantArt
	budget := a.budget
	if k == 1 {
		budget = seedRound(budget*1.2, 1000)
		if art == "wohnung" && a.wantVM == "kauf" {
			art = "haus"
		}
	}
	usage := "wohnen"
	switch art {
	case "buero_praxen", "einzelhandel", "hallen_lager_prod", "gastgewerbe":
		usage = "gewerbe"
	}
	r := Record{
		"adresse":         a.id,
		"vermarktungsart": a.wantVM,
		"nutzungsart":     usage,
		"objektart":       art,
		"advisor":         u.id,
		"creator":         u.id,
		"status":          1,
		"characteristic":  []string{g.pick("manual_saved", "manual_saved", "manual_saved", "address_completion")},
	}
	if g.chance(0.2) {
		r["creator"] = 35
	}
	switch art {
	case "wohnung":
		if g.chance(0.45) {
			r["objekttyp"] = g.pickN([]string{"etage", "dachgeschoss", "maisonette", "penthouse", "erdgeschoss", "loft-studio-atelier"}, g.between(1, 3))
		}
	case "haus":
		if g.chance(0.5) {
			r["objekttyp"] = g.pickN([]string{"einfamilienhaus", "doppelhaushaelfte", "reihenhaus", "reihenend", "bungalow", "stadthaus"}, g.between(1, 3))
		}
	}
	ko := []string{"vermarktungsart", "objektart"}
	price := "kaufpreis"
	if a.wantVM == "miete" {
		price = "kaltmiete"
	}
	step := 10000.0
	if price == "kaltmiete" {
		step = 50
	}
	r[price+"__bis"] = budget
	if g.chance(0.45) {
		r[price+"__von"] = seedRound(budget*g.rangef(0.45, 0.7), step)
	}
	if g.chance(0.5) {
		ko = append(ko, price)
	}
	areaField := "wohnflaeche"
	if usage == "gewerbe" {
		areaField = "nutzflaeche"
	}
	if art == "grundstueck" {
		areaField = "grundstuecksflaeche"
	}
	if a.minArea > 0 {
		r[areaField+"__von"] = a.minArea
		if g.chance(0.4) {
			r[areaField+"__bis"] = seedRound(a.minArea*g.rangef(1.4, 1.9), 5)
		}
	}
	if a.minRooms > 0 && usage == "wohnen" && art != "grundstueck" {
		r["anzahl_zimmer__von"] = a.minRooms
		if g.chance(0.3) {
			r["anzahl_zimmer__bis"] = a.minRooms + 2
		}
	}
	if art == "haus" && g.chance(0.5) {
		r["grundstuecksflaeche__von"] = seedRound(g.rangef(250, 600), 50)
	}
	if usage == "wohnen" && art != "grundstueck" {
		if g.chance(0.35) {
			r["balkon_terrasse"] = true
			if g.chance(0.4) {
				ko = append(ko, "balkon_terrasse")
			}
		}
		if art == "haus" && g.chance(0.5) || art == "wohnung" && g.chance(0.1) {
			r["garten"] = true
		}
		if g.chance(0.15) {
			r["fahrstuhl"] = true
		}
		if g.chance(0.25) {
			r["stellplatz"] = true
		}
		if g.chance(0.1) {
			r["baujahr__von"] = []int{1990, 2000, 2010}[g.rng.IntN(3)]
		}
	}
	if g.chance(0.72) {
		spot := g.spotOf(t, "w")
		dlat, dlon := seedSpotOffset(t.name + spot.street)
		r["range_plz"] = spot.plz
		r["range_ort"] = t.name
		r["range_land"] = "DEU"
		r["range"] = []int{3, 5, 5, 8, 10, 10, 15, 20, 25}[g.rng.IntN(9)]
		r["range_breitengrad"] = math.Round((t.lat+dlat)*1e5) / 1e5
		r["range_laengengrad"] = math.Round((t.lon+dlon)*1e5) / 1e5
		if g.chance(0.3) {
			ko = append(ko, "range")
		}
	} else {
		r["ort"] = t.name
		r["land"] = "DEU"
		if g.chance(0.4) {
			r["plz"] = g.spotOf(t, "w").plz
		}
	}
	r["sys_ko"] = ko
	notes := []string{
		fmt.Sprintf("Zieht beruflich nach %s, möchte möglichst bis Frühjahr %d umziehen.", seedShortTown(t), g.ref.Year()+1),
		"Hat bereits mehrere Objekte besichtigt, entscheidet schnell.",
		"Homeoffice: ein zusätzliches Arbeitszimmer wird benötigt.",
		"Zwei Kinder im Grundschulalter, Schulweg ist wichtig.",
	}
	public := []string{"Ruhige Lage bevorzugt", "Gute Anbindung an den ÖPNV", "Nähe zu Schulen und Kindergärten", "Stellplatz oder Garage erforderlich"}
	switch {
	case usage == "gewerbe":
		notes = []string{"Expansion: zweiter Standort gesucht, Mietbeginn flexibel.", fmt.Sprintf("Bestehender Mietvertrag läuft Ende %d aus.", g.ref.Year()+1), "Gute Erreichbarkeit für Kunden und Lieferverkehr wichtig."}
		public = []string{"Ebenerdiger Zugang erforderlich", "Stellplätze für Kunden gewünscht", "Glasfaseranschluss erforderlich"}
	case a.wantVM == "kauf":
		notes = append(notes,
			"Finanzierungsbestätigung der Hausbank liegt vor.",
			fmt.Sprintf("Eigenkapital ca. %d %%, Finanzierung über Westfälische Baufinanz in Prüfung.", []int{20, 25, 30, 40}[g.rng.IntN(4)]),
			"Sucht für die Eltern, ebenerdiger Zugang oder Aufzug wichtig.",
			"Kapitalanleger – vermietete Objekte ausdrücklich erwünscht.",
		)
		public = append(public, "Balkon oder Terrasse gewünscht", "Gern mit Garten", "Bitte keine Erdgeschosswohnungen")
	default:
		notes = append(notes, "Gehaltsnachweise und SCHUFA-Auskunft liegen vor.", "Nachwuchs erwartet, benötigt mehr Platz.", "Sucht gemeinsam mit Partnerin, beide unbefristet angestellt.")
		public = append(public, "Balkon oder Terrasse gewünscht", "Haustiere (Hund) müssen erlaubt sein", "Bitte keine Erdgeschosswohnungen")
	}
	if g.chance(0.5) {
		r["krit_bemerkung"] = g.pick(notes...)
	}
	if g.chance(0.5) {
		r["krit_bemerkung_oeffentlich"] = g.pick(public...)
	}
	created, _ := time.Parse("2006-01-02", a.rec["Eintragsdatum"].(string))
	if k == 1 {
		created = created.AddDate(0, 0, g.between(10, 90))
	}
	if created.After(g.ref.AddDate(0, 0, -1)) {
		created = g.ref.AddDate(0, 0, -1)
	}
	r["creationdate"] = seedDate(created)
	r["editdate"] = stamp(g.timeBetween(created.Add(8*time.Hour), g.ref.Add(-time.Hour)))
	if g.chance(0.2) {
		r["sysExpiryDate"] = seedDate(g.ref.AddDate(0, g.between(2, 10), g.between(0, 27)))
	}
	if st, _ := a.rec["Status"].(int); st == 0 || g.hasArt(a, "Kaeufer", "Mieter") {
		r["status"] = 0
		r["characteristic"] = []string{"automatic_deactivated"}
	} else if g.chance(0.05) {
		r["status"] = 0
		r["characteristic"] = []string{"deactivated_by_interested_person"}
	}
	return r
}

// ---------------------------------------------------------------------------
// prospects' interest in estates

func (g *seeder) matches(a *seedAddr, e *seedEstate) bool {
	if a.wantTown != e.town || a.wantVM != e.vm || a.wantArt != e.art {
		return false
	}
	if e.priceOnRequest {
		return a.budget > 900000
	}
	return e.price <= a.budget*1.1 && (e.area == 0 || e.area >= a.minArea*0.85)
}

// seedInterest links prospects to the estates they asked about, with the
// advisory level reached so far.
func (g *seeder) seedInterest() {
	levels := []string{
		"F Dokumentation bestellt", "E Dokumentation erhalten", "E Dokumentation erhalten",
		"D Interessiert, aber noch prüfend", "D Interessiert, aber noch prüfend", "C Im intensiven Gespräch", "G Absage",
	}
	for _, e := range g.estates {
		if e.complexBase || (e.status == 2 && !e.sold) {
			continue
		}
		var cands []int
		for _, id := range g.prospects {
			a := g.addrByID[id]
			if g.matches(a, e) && id != e.buyer && id != e.tenant {
				cands = append(cands, id)
			}
		}
		g.rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
		want := g.between(1, 4)
		if !e.pub && !e.sold {
			want = 1
		}
		if len(cands) > want {
			cands = cands[:want]
		}
		if len(cands) == 0 && (e.pub || e.reserved) {
			// Someone from the town asked about the estate anyway.
			for _, k := range g.rng.Perm(len(g.prospects)) {
				a := g.addrByID[g.prospects[k]]
				if a.wantTown == e.town && !a.company && a.wantVM == e.vm {
					cands = append(cands, a.id)
					break
				}
			}
		}
		if len(cands) == 0 && e.reserved {
			cands = append(cands, g.prospects[g.rng.IntN(len(g.prospects)-4)])
		}
		sort.Ints(cands)
		for i, id := range cands {
			level := levels[g.rng.IntN(len(levels))]
			extra := map[string]any{"Beratungsebene": level}
			if e.reserved && i == 0 {
				extra["Beratungsebene"] = "B Schriftliche Miet-/Kaufzusage"
				if e.vm == "kauf" && !e.priceOnRequest {
					extra["priceOffer"] = seedRound(e.price*g.rangef(0.94, 0.99), 500)
				}
			} else if e.vm == "kauf" && level == "C Im intensiven Gespräch" && !e.priceOnRequest && g.chance(0.5) {
				extra["priceOffer"] = seedRound(e.price*g.rangef(0.88, 0.95), 500)
			}
			if level == "G Absage" && !(e.reserved && i == 0) {
				extra["Absagegrund"] = g.pick("Preis zu hoch", "Lage passt nicht", "Grundriss passt nicht", "Anderes Objekt gekauft", "Kein Interesse mehr")
			}
			g.rel(seedRelInterested, e.id, id, extra)
			e.interested = append(e.interested, id)
		}
		for _, id := range []int{e.buyer, e.tenant} {
			if id != 0 {
				g.rel(seedRelInterested, e.id, id, map[string]any{"Beratungsebene": "A Miet-/Kaufvertrag unterzeichnet"})
			}
		}
	}
}

// levelOf returns the advisory level stored on an estate–prospect link.
func (g *seeder) levelOf(estateID, addrID int) (string, map[string]any) {
	for i := len(g.s.Relations) - 1; i >= 0; i-- {
		r := g.s.Relations[i]
		if r.Type == seedRelInterested && r.Parent == estateID && r.Child == addrID {
			l, _ := r.Extra["Beratungsebene"].(string)
			return l, r.Extra
		}
	}
	return "", nil
}

// ---------------------------------------------------------------------------
// appointments

// seedAppt is one appointment before it gets its id.
type seedAppt struct {
	rec        Record
	start, end time.Time
	user       *seedUserInfo
	estate     *seedEstate
	addrs      []int
	kind       string
	// fixed: a fixed point of the story (yesterday's viewing …) that is
	// never cancelled.
	fixed bool
}

// The calendar spans about a month before and seven weeks after the
// reference day (weekly series aside).
const (
	seedApptDaysBefore = 32
	seedApptDaysAfter  = 47
)

// slot draws a start time on a working day (or Saturday if allowed) in
// [from, to) between the given hours, on a quarter hour.
func (g *seeder) slot(from, to time.Time, saturday bool, h1, h2 int) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	if days < 1 {
		days = 1
	}
	for {
		d := from.AddDate(0, 0, g.rng.IntN(days))
		wd := d.Weekday()
		if wd == time.Sunday || (wd == time.Saturday && !saturday) {
			continue
		}
		hh1, hh2 := h1, h2
		if wd == time.Saturday {
			hh1, hh2 = 10, 13
		}
		return time.Date(d.Year(), d.Month(), d.Day(), g.between(hh1, hh2), 15*g.rng.IntN(4), 0, 0, time.UTC)
	}
}

func (e *seedEstate) addressLine() string {
	return fmt.Sprintf("%s %s, %s %s", e.spot.street, e.houseNo, e.spot.plz, e.town.name)
}

func (e *seedEstate) streetLine() string { return e.spot.street + " " + e.houseNo }

func (g *seeder) addrLine(id int) string {
	r := g.addrByID[id].rec
	return fmt.Sprintf("%s, %s %s", r["Strasse"], r["Plz"], r["Ort"])
}

// nameOf returns a display name such as "Herr Dr. Becker" or a company name.
func (g *seeder) nameOf(id int) string {
	r := g.addrByID[id].rec
	if c, _ := r["Zusatz1"].(string); c != "" && r["Anrede"] == "Firma" {
		return c
	}
	n := r["Name"].(string)
	if t, _ := r["Titel"].(string); t != "" {
		n = t + " " + n
	}
	switch r["Anrede"] {
	case "Eheleute":
		return "Eheleute " + n
	case "Frau":
		return "Frau " + n
	}
	return "Herr " + n
}

func (g *seeder) appt(kind, art, desc string, start time.Time, minutes int, u *seedUserInfo, e *seedEstate, addrs []int) *seedAppt {
	a := &seedAppt{start: start, end: start.Add(time.Duration(minutes) * time.Minute), user: u, estate: e, addrs: addrs, kind: kind}
	a.rec = Record{
		"description":      desc,
		"art":              art,
		"ganztags":         false,
		"private":          false,
		"rp_flag":          false,
		"allowTransitTime": false,
		"user_ids":         []int{u.id},
		"von":              u.login,
		"erinnerung":       g.pick("15 minutes", "30 minutes", "30 minutes", "1 hours"),
		"note":             "",
	}
	if e != nil {
		a.rec["ort"] = e.addressLine()
	} else {
		off := seedOffices[u.town]
		a.rec["ort"] = fmt.Sprintf("%s %s, %s %s", off.street, off.no, off.plz, off.town)
	}
	if g.chance(0.2) {
		a.rec["von"] = "kneumann"
	}
	g.appts = append(g.appts, a)
	return a
}

func (g *seeder) seedAppointments() {
	past, future := g.ref.AddDate(0, 0, -seedApptDaysBefore), g.ref
	until := g.ref.AddDate(0, 0, seedApptDaysAfter)
	// Fixed points of the story, whatever the reference day: the first two
	// viewings in the past took place yesterday, the first upcoming one is
	// today and the next one falls in next week.
	yesterday := g.ref.AddDate(0, 0, -1)
	nextWeek := seedMonday(g.ref).AddDate(0, 0, 7)
	pastViewings, futureViewings := 0, 0
	notes := []string{
		"Schlüssel beim Hausmeister abholen.",
		"Interessenten bringen die Finanzierungsbestätigung mit.",
		"Mieter ist informiert, Besichtigung bitte pünktlich beginnen.",
		"Parkmöglichkeiten im Hof nutzen.",
		"Grundrisse und Energieausweis ausgedruckt mitnehmen.",
		"Interessent kommt mit Architekt zur Begutachtung.",
		"", "",
	}
	viewings := 0
	for _, e := range g.estates {
		for _, id := range e.interested {
			level, _ := g.levelOf(e.id, id)
			lv := byte('E')
			if level != "" {
				lv = level[0]
			}
			if viewings >= 44 || !g.chance(0.7) || e.sold || e.complexBase {
				continue
			}
			from, to := future, until
			if lv <= 'D' || lv == 'G' {
				from, to = past, g.ref
			}
			start := g.slot(from, to, g.chance(0.2), 9, 18)
			fixed := false
			clock := time.Duration(start.Hour())*time.Hour + time.Duration(start.Minute())*time.Minute
			if from == past {
				if pastViewings < 2 {
					start, fixed = yesterday.Add(clock), true
				}
				pastViewings++
			} else {
				switch futureViewings {
				case 0:
					start, fixed = future.Add(clock), true
				case 1:
					start, fixed = nextWeek.AddDate(0, 0, g.between(0, 4)).Add(clock), true
				}
				futureViewings++
			}
			a := g.appt("viewing", "Besichtigung", fmt.Sprintf("Besichtigung %s – %s", e.streetLine(), g.nameOf(id)),
				start, []int{30, 45, 45, 60}[g.rng.IntN(4)], e.user, e, []int{id})
			a.fixed = fixed
			a.rec["note"] = g.pick(notes...)
			if g.chance(0.3) {
				a.rec["allowTransitTime"] = true
				a.rec["transitTimePre"] = g.pick("00:15:00", "00:20:00", "00:30:00")
				a.rec["transitTimePost"] = a.rec["transitTimePre"]
			}
			if g.chance(0.15) {
				a.rec["ressources"] = []string{"Firmenfahrzeug"}
			}
			viewings++
			if (lv == 'B' || lv == 'C') && start.Before(g.ref.AddDate(0, 0, -7)) {
				g.appt("viewing", "Folgebesichtigung", fmt.Sprintf("Zweitbesichtigung %s – %s", e.streetLine(), g.nameOf(id)),
					g.slot(start.AddDate(0, 0, 3), g.ref, true, 10, 18), 60, e.user, e, []int{id})
			}
		}
	}
	for _, e := range g.estates {
		notary := g.notaryFor(e.town)
		switch {
		case e.reserved && e.vm == "kauf" && len(e.interested) > 0:
			addrs := []int{e.interested[0], e.owner}
			ort := fmt.Sprintf("Notariat am Rathaus, Marktplatz 3, %s", e.town.name)
			if notary != 0 {
				addrs = append(addrs, notary)
				ort = g.addrLine(notary)
			}
			a := g.appt("notary", "Notartermin", "Notartermin Kaufvertrag "+e.streetLine(), g.slot(g.ref.AddDate(0, 0, 7), until, false, 9, 15), 90, e.user, e, addrs)
			a.rec["ort"] = ort
			a.rec["note"] = "Kaufvertragsentwurf wurde allen Parteien zwei Wochen vorab zugestellt (§ 17 BeurkG)."
		case e.sold && e.vm == "kauf" && e.buyer != 0:
			d, _ := time.Parse("2006-01-02", e.rec["verkauft_am"].(string))
			if d.Before(past) {
				continue
			}
			// The contract is signed at the notary's on the day of the sale.
			start := d.Add(time.Duration(g.between(9, 14)) * time.Hour)
			addrs := []int{e.buyer, e.owner}
			if notary != 0 {
				addrs = append(addrs, notary)
			}
			g.appt("notary", "Notartermin", "Notartermin Kaufvertrag "+e.streetLine(), start, 90, e.user, e, addrs).fixed = true
		case e.sold && e.vm == "miete" && e.tenant != 0:
			g.appt("handover", "Übergabe", "Übergabe "+e.streetLine()+" an "+g.nameOf(e.tenant),
				g.slot(g.ref.AddDate(0, 0, -25), g.ref.AddDate(0, 0, 30), false, 9, 17), 60, e.user, e, []int{e.tenant, e.owner}).rec["note"] =
				"Zählerstände ablesen, Übergabeprotokoll mit Fotos erstellen, Schlüssel gegen Quittung übergeben."
		case e.status == 2:
			a := g.appt("intake", "Objektaufnahme", "Objektaufnahme "+e.streetLine(), g.slot(past, g.ref, false, 9, 17), 90, e.user, e, []int{e.owner})
			a.rec["note"] = "Fotos, Aufmaß und Unterlagen (Grundbuchauszug, Teilungserklärung, Energieausweis) aufnehmen."
		}
	}
	// Owner meetings for estates that have been on the market for a while.
	n := 0
	for _, e := range g.estates {
		if n < 6 && e.status == 1 && !e.sold && !e.unit && !e.complexBase && e.created.Before(g.ref.AddDate(0, -6, 0)) && g.chance(0.5) {
			a := g.appt("owner", "Eigentümergespräch", "Eigentümergespräch Vermarktungsstand "+e.streetLine(), g.slot(past, until, false, 9, 17), 60, e.user, e, []int{e.owner})
			a.rec["note"] = g.pick("Anfragenstatistik und Feedback der Besichtigungen vorstellen, ggf. Preisanpassung besprechen.", "Vermarktungsbericht Q3 übergeben.")
			if off := seedOffices[e.user.town]; off.town == e.town.name && g.chance(0.5) {
				a.rec["ort"] = fmt.Sprintf("%s %s, %s %s", off.street, off.no, off.plz, off.town)
			}
			n++
		}
	}
	// Financing consultations with the partner bank.
	bank := g.contactsOf["bank_ms"]
	n = 0
	for _, id := range g.prospects {
		a := g.addrByID[id]
		if n < 5 && a.wantVM == "kauf" && !a.company && g.chance(0.25) {
			u := g.userOf(a)
			ap := g.appt("advice", "Beratung", "Finanzierungsberatung "+g.nameOf(id), g.slot(past, until, false, 9, 17), 60, u, nil, append([]int{id}, bank...))
			ap.rec["note"] = "Gemeinsames Gespräch mit der Westfälischen Baufinanz, Unterlagen zur Selbstauskunft mitbringen."
			ap.rec["ressources"] = []string{"Konferenzraum"}
			n++
		}
	}
	g.internalAppointments()
	g.conflicts()

	sort.SliceStable(g.appts, func(i, j int) bool { return g.appts[i].start.Before(g.appts[j].start) })
	t := g.s.Table("calendar")
	for i, a := range g.appts {
		id := seedFirstCalendarID + i
		r := a.rec
		r["Id"] = id
		if _, ok := r["start_dt"]; !ok {
			r["start_dt"] = stamp(a.start)
			r["end_dt"] = stamp(a.end)
		}
		if _, ok := r["status"]; !ok {
			g.apptStatus(a)
		}
		t.Records = append(t.Records, r)
		if a.estate != nil {
			g.rel(seedRelCalEstate, id, a.estate.id, nil)
		}
		for _, aid := range a.addrs {
			g.rel(seedRelCalAddress, id, aid, g.confirmation(a))
		}
	}
}

// seedSetStatus fixes the status of an appointment.
func seedSetStatus(r Record, status, modified string) {
	r["status"] = status
	r["erledigt"] = status == "completed"
	r["abgesagt"] = status == "canceled"
	r["modified"] = modified
}

// apptStatus sets status, done and cancel flags and the change date.
func (g *seeder) apptStatus(a *seedAppt) {
	r := a.rec
	cancelled := g.chance(0.1) && !a.fixed
	switch {
	case a.start.Before(g.ref) && !cancelled:
		r["status"], r["erledigt"], r["abgesagt"] = "completed", true, false
	case cancelled:
		r["status"], r["erledigt"], r["abgesagt"] = "canceled", false, true
		r["note"] = strings.TrimSpace(fmt.Sprint(r["note"]) + " " + g.pick("Abgesagt wegen Krankheit.", "Interessent hat kurzfristig abgesagt.", "Terminverschiebung auf Wunsch des Eigentümers."))
	default:
		r["status"], r["erledigt"], r["abgesagt"] = "active", false, false
	}
	mod := g.timeBetween(a.start.AddDate(0, 0, -14), a.start)
	if a.start.Before(g.ref) {
		mod = g.timeBetween(a.end, g.ref.Add(-time.Minute))
	}
	if !mod.Before(g.ref) {
		mod = g.ref.Add(-time.Duration(g.between(30, 600)) * time.Minute)
	}
	r["modified"] = stamp(mod)
}

func (g *seeder) confirmation(a *seedAppt) map[string]any {
	switch a.rec["status"] {
	case "completed":
		extra := map[string]any{"statusTerminbestaetigung": "bestätigt"}
		if a.kind == "viewing" {
			extra["statusTerminrueckmeldung"] = "aktiv"
		}
		return extra
	case "canceled":
		return map[string]any{"statusTerminbestaetigung": "gecancelt"}
	}
	return map[string]any{"statusTerminbestaetigung": g.pick("gesendet", "bestätigt", "bestätigt", "nicht gesetzt")}
}

func (g *seeder) notaryFor(t *seedTown) int {
	for _, c := range seedCompanies {
		if strings.HasPrefix(c.key, "not_") && c.town == t.name {
			return g.contactsOf[c.key][0]
		}
	}
	return 0
}

func (g *seeder) internalAppointments() {
	office := func(u *seedUserInfo) string {
		off := seedOffices[u.town]
		return fmt.Sprintf("%s %s, %s %s", off.street, off.no, off.plz, off.town)
	}
	mh := g.userByID[12]
	week := seedMonday(g.ref) // Monday of the reference week
	series := week.AddDate(0, 0, -56)
	team := g.appt("internal", "Besprechung", "Teambesprechung Zentrale", series.Add(9*time.Hour), 60, mh, nil, nil)
	team.rec["user_ids"] = []int{12, 35}
	team.rec["ressources"] = []string{"Konferenzraum", "ind_Schl_4412"}
	team.rec["rp_flag"] = true
	team.rec["rp_type"] = "w"
	team.rec["rp_tage"] = 1
	team.rec["rp_beginn_datum"] = seedDate(series)
	team.rec["rp_ende_status"] = 2
	team.rec["rp_exception"] = "#" + seedDate(series.AddDate(0, 0, 28)) + "#" + seedDate(series.AddDate(0, 0, 112))
	team.rec["note"] = "Wöchentlicher Jour fixe: Pipeline, neue Aufträge, Besichtigungsfeedback."
	team.rec["von"] = "mhansen"
	team.rec["status"], team.rec["erledigt"], team.rec["abgesagt"] = "active", false, false
	team.rec["modified"] = stamp(series.AddDate(0, 0, -6).Add(16*time.Hour + 12*time.Minute + 40*time.Second))

	fairDay := week.AddDate(0, 0, -28)
	fair := g.appt("internal", "Messe", "Immobilienmesse – Messebesuch", fairDay, 3*24*60-1, mh, nil, nil)
	fair.rec["ganztags"] = true
	fair.rec["user_ids"] = []int{12, 23, 31}
	fair.rec["ort"] = "Messe München, Am Messesee, 81829 München"
	fair.rec["note"] = "Gespräche mit Projektentwicklern und Investoren, Termine siehe Messeplaner."
	fair.rec["erinnerung"] = "1 days"
	seedSetStatus(fair.rec, "completed", stamp(fairDay.AddDate(0, 0, 3).Add(8*time.Hour+41*time.Minute+12*time.Second)))

	sw := g.userByID[21]
	vac := g.appt("internal", "Urlaub", "Urlaub", week.AddDate(0, 0, 21), 5*24*60-1, sw, nil, nil)
	vac.rec["ganztags"] = true
	vac.rec["private"] = true
	vac.rec["ort"] = ""
	vac.rec["erinnerung"] = "0 minutes"
	vac.rec["von"] = sw.login
	seedSetStatus(vac.rec, "active", stamp(g.ref.AddDate(0, 0, -50).Add(17*time.Hour+5*time.Minute+33*time.Second)))

	kr := g.userByID[18]
	// Wednesday of next week.
	nord := g.appt("internal", "Besprechung", "Quartalsgespräch Büro Nord", week.AddDate(0, 0, 9).Add(14*time.Hour), 120, kr, nil, nil)
	nord.rec["ort"] = office(kr)
	nord.rec["ressources"] = []string{"ind_Schl_4411"}

	// A photo shoot for an estate that is being prepared.
	for _, e := range g.estates {
		if e.status == 2 && !e.sold {
			until := g.ref.AddDate(0, 0, seedApptDaysAfter)
			shoot := g.appt("photo", "Sonstiges", "Fotoshooting "+e.streetLine(), g.slot(g.ref.AddDate(0, 0, 3), until, false, 10, 14), 120, e.user, e, g.contactsOf["koop_foto"])
			shoot.rec["note"] = "Innen- und Außenaufnahmen, Drohnenfotos nur bei gutem Wetter."
			break
		}
	}
}

// conflicts adds appointments that overlap existing ones of the same user,
// as happens when colleagues book viewings into a full calendar.
func (g *seeder) conflicts() {
	for _, uid := range []int{17, 23, 27} {
		var base *seedAppt
		for _, a := range g.appts {
			if a.user.id == uid && a.kind == "viewing" && a.start.After(g.ref) {
				base = a
				break
			}
		}
		if base == nil {
			continue
		}
		var other *seedEstate
		for _, e := range g.estates {
			if e.user.id == uid && e != base.estate && len(e.interested) > 0 && !e.sold {
				other = e
				break
			}
		}
		if other == nil {
			continue
		}
		pid := other.interested[len(other.interested)-1]
		c := g.appt("viewing", "Besichtigung", fmt.Sprintf("Besichtigung %s – %s", other.streetLine(), g.nameOf(pid)),
			base.start.Add(15*time.Minute), 45, base.user, other, []int{pid})
		c.rec["von"] = "kneumann"
		c.rec["note"] = "Kurzfristig vom Sekretariat eingetragen."
		// Both stay active so that the double booking is visible.
		seedSetStatus(base.rec, "active", stamp(g.ref.Add(-26*time.Hour)))
		seedSetStatus(c.rec, "active", stamp(g.ref.Add(-3*time.Hour)))
	}
	// Owner meeting on a Monday morning, overlapping the weekly team meeting.
	for _, e := range g.estates {
		if e.user.id == 12 && e.status == 1 && !e.sold && !e.unit && !e.complexBase {
			// Monday of the week after next, during the weekly team meeting.
			monday := seedMonday(g.ref).AddDate(0, 0, 14)
			a := g.appt("owner", "Eigentümergespräch", "Eigentümergespräch "+e.streetLine(), monday.Add(9*time.Hour+30*time.Minute), 60, g.userByID[12], e, []int{e.owner})
			a.rec["note"] = "Eigentümer konnte nur montags vormittags."
			seedSetStatus(a.rec, "active", stamp(g.ref.AddDate(0, 0, -4).Add(15*time.Hour+48*time.Minute+2*time.Second)))
			break
		}
	}
}

// ---------------------------------------------------------------------------
// tasks

type seedTask struct {
	rec     Record
	created time.Time
	estate  *seedEstate
	addr    int
}

func (g *seeder) task(subject, text string, u *seedUserInfo, e *seedEstate, addr, prio, status int) *seedTask {
	created := g.timeBetween(g.ref.AddDate(0, -2, 0), g.ref.AddDate(0, 0, -1))
	if e != nil && created.Before(e.created) {
		created = g.timeBetween(e.created, g.ref.AddDate(0, 0, -1))
	}
	deadline := g.timeBetween(created.AddDate(0, 0, 3), g.ref.AddDate(0, 0, 45))
	deadline = time.Date(deadline.Year(), deadline.Month(), deadline.Day(), []int{12, 17, 17, 10}[g.rng.IntN(4)], 0, 0, 0, time.UTC)
	r := Record{
		"Betreff":         subject,
		"Aufgabe":         text,
		"Verantwortung":   u.login,
		"Bearbeiter":      u.login,
		"Prio":            prio,
		"Status":          status,
		"Deadline":        stamp(deadline),
		"Deadline_strikt": prio <= 2 && g.chance(0.6),
		"Eintragsdatum":   stamp(created),
		"von":             u.login,
		"Privat":          false,
		"Erinnerung":      false,
	}
	if g.chance(0.25) {
		r["Bearbeiter"] = "kneumann"
	}
	if g.chance(0.2) {
		r["von"] = "mhansen"
	}
	stand := map[int][]int{1: {0}, 2: {25, 50, 75}, 3: {100}, 4: {0, 25}, 5: {0}, 6: {0, 50}, 7: {100}, 8: {25, 50}}[status]
	r["Stand"] = stand[g.rng.IntN(len(stand))]
	r["erledigt"] = status == 3 || status == 7
	modified := g.timeBetween(created, g.ref.Add(-time.Minute))
	r["modified"] = stamp(modified)
	if status == 3 || status == 7 {
		r["Austragsdatum"] = stamp(modified)
	}
	if status == 4 {
		d := g.ref.AddDate(0, 0, g.between(7, 40))
		r["Beginnt_am"] = stamp(time.Date(d.Year(), d.Month(), d.Day(), 8, 0, 0, 0, time.UTC))
		r["Beginnt_um"] = "08:00:00"
	}
	if g.chance(0.35) && status != 3 {
		rd := deadline.AddDate(0, 0, -g.between(1, 3))
		r["Erinnerung"] = true
		r["Erinnerungsdatum"] = seedDate(rd)
		r["Erinnerungsdatum_Zeit"] = g.pick("08:30:00", "09:00:00", "14:00:00")
	}
	if g.chance(0.5) {
		r["Aufwand_Soll_NUM"] = g.pickf(0.5, 1, 1.5, 2, 3, 30, 45)
		if v := r["Aufwand_Soll_NUM"].(float64); v >= 30 {
			r["Einheit_Aufwand_Soll"] = "Minuten"
		} else {
			r["Einheit_Aufwand_Soll"] = "Stunden"
		}
	}
	if g.chance(0.3) {
		r["Kommentar"] = g.pick(
			"Eigentümer telefonisch nicht erreicht, E-Mail geschickt.",
			"Unterlagen teilweise eingegangen, Rest folgt per Post.",
			"Rücksprache mit Herrn Hansen erforderlich.",
			"Termin mit Fotograf ist abgestimmt.",
			"Bitte bis Freitag erledigen.",
		)
	}
	t := &seedTask{rec: r, created: created, estate: e, addr: addr}
	g.tasks = append(g.tasks, t)
	return t
}

func (g *seeder) seedTasks() {
	for _, e := range g.estates {
		switch {
		case e.complexBase:
			g.task("Bemusterungstermine Quartier am Kanal koordinieren", "Käufer der verkauften und reservierten Einheiten zur Bemusterung beim Bauträger einladen und Termine im Kalender eintragen.", e.user, e, g.contactsOf["dev_ms"][0], 2, 2)
		case e.status == 2 && !e.sold:
			g.task("Exposé "+e.rec["objektnr_extern"].(string)+" erstellen", fmt.Sprintf("Texte für %s schreiben, Grundrisse aufbereiten und Exposé zur Freigabe an %s senden.", e.streetLine(), g.nameOf(e.owner)), e.user, e, e.owner, 2, 2)
			g.task("Energieausweis "+e.streetLine()+" anfordern", "Eigentümer an den Energieausweis erinnern; ohne Ausweis keine Veröffentlichung auf den Portalen.", e.user, e, e.owner, 2, []int{1, 8}[g.rng.IntN(2)])
		case e.reserved && len(e.interested) > 0:
			p := e.interested[0]
			if e.vm == "kauf" {
				g.task("Notartermin "+e.streetLine()+" vorbereiten", "Daten für den Kaufvertragsentwurf an das Notariat übermitteln (Käufer, Kaufpreis, Übergabetermin, Inventar).", e.user, e, p, 1, 2)
				g.task("Finanzierungsbestätigung "+g.nameOf(p), "Finanzierungszusage der Bank anfordern und in der Akte ablegen.", e.user, e, p, 2, []int{1, 8}[g.rng.IntN(2)])
			} else {
				g.task("Mietvertrag "+e.streetLine()+" vorbereiten", fmt.Sprintf("Mietvertrag für %s aufsetzen, Selbstauskunft und SCHUFA prüfen.", g.nameOf(p)), e.user, e, p, 2, 2)
			}
		case e.sold && e.vm == "kauf" && e.status == 1:
			g.task("Provisionsrechnung "+e.rec["objektnr_extern"].(string), "Rechnung an Käufer und Verkäufer nach Beurkundung stellen.", e.user, e, e.buyer, 3, 3)
		case e.sold && e.vm == "miete" && e.status == 1:
			g.task("Übergabeprotokoll "+e.streetLine(), "Übergabeprotokoll mit Zählerständen und Fotos erstellen und beiden Parteien zusenden.", e.user, e, e.tenant, 3, []int{1, 3}[g.rng.IntN(2)])
		case e.status == 1 && !e.sold && g.chance(0.16):
			switch g.rng.IntN(4) {
			case 0:
				g.task("Besichtigungsfeedback an "+g.nameOf(e.owner), fmt.Sprintf("Feedback der letzten Besichtigungen für %s zusammenfassen und dem Eigentümer senden.", e.streetLine()), e.user, e, e.owner, 3, []int{1, 2}[g.rng.IntN(2)])
			case 1:
				g.task("Fotos "+e.streetLine()+" nachbearbeiten lassen", "Fotostudio Lichtblick beauftragen: Himmel austauschen, Stürzende Linien korrigieren.", e.user, e, g.contactsOf["koop_foto"][0], 4, 4)
			case 2:
				g.task("Grundbuchauszug "+e.streetLine()+" anfordern", "Aktuellen Grundbuchauszug über den Eigentümer beim Grundbuchamt anfordern.", e.user, e, e.owner, 3, []int{1, 2, 3}[g.rng.IntN(3)])
			default:
				g.task("Portalanzeige "+e.rec["objektnr_extern"].(string)+" aktualisieren", "Texte und Bilder auf ImmobilienScout24 und Immowelt prüfen, Anzeige hochschieben.", e.user, e, 0, 4, []int{1, 3, 7}[g.rng.IntN(3)])
			}
		}
	}
	n := 0
	for _, id := range g.prospects {
		a := g.addrByID[id]
		if n < 6 && !a.company && g.chance(0.3) {
			u := g.userOf(a)
			if g.chance(0.6) {
				g.task("Rückruf "+g.nameOf(id), "Interessent bittet um Rückruf wegen Besichtigungstermin und Finanzierung.", u, nil, id, 2, 1)
			} else {
				g.task("Suchprofil "+g.nameOf(id)+" aktualisieren", "Neue Wünsche aus dem letzten Telefonat ins Suchprofil übernehmen (Budget, Stadtteile).", u, nil, id, 4, []int{1, 3}[g.rng.IntN(2)])
			}
			n++
		}
	}
	g.task("Marktbericht Q4 für den Newsletter", "Kurzen Marktbericht zu Preisen und Mieten in unseren Städten schreiben und mit Grafiken an das Marketing geben.", g.userByID[12], nil, 0, 3, 2)
	g.task("Jahresgespräche vorbereiten", "Termine für die Mitarbeiterjahresgespräche im Dezember abstimmen.", g.userByID[12], nil, 0, 3, 1)
	g.task("Abrechnung Messebesuch", "Reisekosten und Messeausgaben der Immobilienmesse abrechnen.", g.userByID[31], nil, 0, 4, 5)

	g.dueAndOverdue()
	sort.SliceStable(g.tasks, func(i, j int) bool { return g.tasks[i].created.Before(g.tasks[j].created) })
	t := g.s.Table("task")
	for i, tk := range g.tasks {
		id := seedFirstTaskID + i
		tk.rec["Id"] = id
		t.Records = append(t.Records, tk.rec)
		if tk.estate != nil {
			g.rel(seedRelTaskEstate, id, tk.estate.id, nil)
		}
		if tk.addr != 0 {
			g.rel(seedRelTaskAddress, id, tk.addr, nil)
		}
	}
}

// dueAndOverdue makes sure that, whatever the reference day, an open task is
// due today and another one has been overdue for three days.
func (g *seeder) dueAndOverdue() {
	set := func(tk *seedTask, deadline time.Time) {
		tk.rec["Deadline"] = stamp(deadline)
		if tk.rec["Erinnerung"] == true {
			tk.rec["Erinnerungsdatum"] = seedDate(deadline.AddDate(0, 0, -1))
		}
	}
	today, overdue := false, false
	for _, tk := range g.tasks {
		if st := tk.rec["Status"].(int); st != 1 && st != 2 {
			continue
		}
		switch {
		case !today:
			set(tk, g.ref.Add(17*time.Hour))
			today = true
		case !overdue && tk.created.Before(g.ref.AddDate(0, 0, -4)):
			set(tk, g.ref.AddDate(0, 0, -3).Add(12*time.Hour))
			overdue = true
		}
	}
}

// ---------------------------------------------------------------------------
// agents log

type seedLog struct {
	at     time.Time
	rec    Record
	estate int
	addr   int
}

func (g *seeder) seedAgentsLog() {
	var logs []*seedLog
	add := func(at time.Time, kind, typ string, u *seedUserInfo, e *seedEstate, addr int, note string) Record {
		if h := at.Hour(); h < 7 || h >= 20 {
			at = time.Date(at.Year(), at.Month(), at.Day(), g.between(8, 18), at.Minute(), at.Second(), 0, time.UTC)
		}
		if !at.Before(g.ref) {
			return Record{}
		}
		r := Record{
			"Aktionsart":  kind,
			"Datum":       stamp(at),
			"Benutzer":    u.login,
			"Benutzer_nr": u.id,
			"Bemerkung":   note,
		}
		if typ != "" {
			r["Aktionstyp"] = typ
		}
		created := at.Add(time.Duration(g.between(0, 120)) * time.Minute)
		if !created.Before(g.ref) {
			created = at
		}
		r["created"] = stamp(created)
		l := &seedLog{at: at, rec: r, addr: addr}
		if e != nil {
			l.estate = e.id
		}
		logs = append(logs, l)
		return r
	}
	portal := map[string]string{"immobilienscout24_system": "ImmobilienScout24", "immowelt_system": "Immowelt", "Immobilienportal": "ein Immobilienportal"}
	for _, e := range g.estates {
		ids := append([]int(nil), e.interested...)
		for _, id := range []int{e.buyer, e.tenant} {
			if id != 0 {
				ids = append(ids, id)
			}
		}
		for _, id := range ids {
			a := g.addrByID[id]
			level, extra := g.levelOf(e.id, id)
			until := e.created.AddDate(0, 4, 0)
			if until.After(g.ref) {
				until = g.ref.Add(-time.Hour)
			}
			t0 := g.timeBetween(e.created.Add(20*time.Hour), until)
			origin := "Website"
			if o, _ := a.rec["HerkunftKontakt"].([]string); len(o) > 0 {
				origin = o[0]
			}
			typ := "E-Mail"
			switch origin {
			case "immobilienscout24_system", "immowelt_system", "Immobilienportal":
				typ = "Immobilienportal"
			case "Website", "Suchmaschine":
				typ = "Website"
			case "Empfehlung", "Schaufenster":
				typ = "Telefon"
			}
			note := g.pick(
				"Bitte um Zusendung des Exposés und einen Besichtigungstermin.",
				"Interessent fragt nach Verfügbarkeit und Höhe der Nebenkosten.",
				"Anfrage mit kurzer Vorstellung der Familie, Finanzierung sei geklärt.",
				"Fragt, ob ein Stellplatz dazugehört und wann die Übergabe möglich ist.",
			)
			if p, ok := portal[origin]; ok {
				note = fmt.Sprintf("Anfrage über %s zu %s: %s", p, e.rec["objektnr_extern"], note)
			}
			r := add(t0, "Anfrage", typ, e.user, e, id, note)
			if len(r) > 0 {
				r["HerkunftKontakt"] = origin
				r["Beratungsebene"] = "F Dokumentation bestellt"
			}
			t1 := t0.Add(time.Duration(g.between(40, 1400)) * time.Minute)
			r = add(t1, "Angebot", "Exposé", e.user, e, id, "Exposé inkl. Grundrissen und Energieausweis per E-Mail versendet.")
			if len(r) > 0 {
				r["Beratungsebene"] = "E Dokumentation erhalten"
				r["merkmal"] = []string{"indMulti1832Select5688"}
			}
			if g.chance(0.3) {
				add(t1.Add(time.Minute), "Widerruf bestätigt", "Vorzeitiger Beginn", e.user, e, id, "Widerrufsbelehrung bestätigt, Interessent wünscht den vorzeitigen Beginn der Maklertätigkeit.")
			}
			if level == "" || level[0] == 'E' || level[0] == 'F' {
				continue
			}
			t2 := t1.Add(time.Duration(g.between(1, 6)) * 24 * time.Hour)
			r = add(t2, "Telefonat", "Ausgang", e.user, e, id, g.pick(
				"Nachgefasst: Exposé ist angekommen, Interesse an einer Besichtigung.",
				"Telefonat zu offenen Fragen (Hausgeld, Rücklage, Modernisierungen).",
				"Rückfragen zum Grundriss geklärt, Besichtigungstermin vereinbart.",
			))
			if len(r) > 0 {
				r["dauer"] = g.between(3, 15) * 60
				r["Beratungsebene"] = "D Interessiert, aber noch prüfend"
				if g.chance(0.3) {
					r["merkmal"] = []string{"indMulti1832Select5686"}
				}
			}
			t3 := t2.Add(time.Duration(g.between(2, 12)) * 24 * time.Hour)
			if offer, ok := extra["priceOffer"].(float64); ok {
				r = add(t3, "Kaufpreisangebot", "", e.user, e, id, fmt.Sprintf("Schriftliches Kaufpreisangebot über %s € eingegangen.", germanNumber(offer, 0)))
				if len(r) > 0 {
					r["Beratungsebene"] = level
					r["merkmal"] = []string{"indMulti1832Select5687", "indMulti1832Select5689"}
				}
			}
			switch level[0] {
			case 'G':
				reason, _ := extra["Absagegrund"].(string)
				if reason == "" {
					reason = "Kein Interesse mehr"
				}
				r = add(t3, "Absage", "Interessent", e.user, e, id, "Interessent hat abgesagt: "+reason+".")
				if len(r) > 0 {
					r["Beratungsebene"] = "G Absage"
					r["Absagegrund"] = reason
				}
			case 'A':
				doc := "Kaufvertrag beurkundet."
				if e.vm == "miete" {
					doc = "Mietvertrag von beiden Seiten unterzeichnet."
				}
				if sold, err := time.Parse("2006-01-02", fmt.Sprint(e.rec["verkauft_am"])); err == nil && id == e.buyer {
					// Signed on the day of the sale, after the notary appointment.
					t3 = sold.Add(16 * time.Hour)
				}
				r = add(t3, "Notiz", "", e.user, e, id, doc)
				if len(r) > 0 {
					r["Beratungsebene"] = level
				}
			}
		}
	}
	// Activities from appointments that took place.
	feedback := []string{
		"Besichtigung durchgeführt. Aufteilung gefällt gut, Küche müsste erneuert werden.",
		"Besichtigung durchgeführt, Interessenten melden sich nach Rücksprache mit der Bank.",
		"Sehr positives Feedback, Lage passt perfekt. Zweitbesichtigung gewünscht.",
		"Objekt entspricht nicht ganz den Vorstellungen, zu wenig Stauraum.",
		"Interessent kam mit Eltern, möchte Kaufpreisangebot abgeben.",
	}
	for _, ap := range g.appts {
		if ap.rec["status"] != "completed" || len(ap.addrs) == 0 {
			continue
		}
		typ, _ := ap.rec["art"].(string)
		note := "Termin wahrgenommen."
		switch ap.kind {
		case "viewing":
			note = g.pick(feedback...)
		case "notary":
			note = "Kaufvertrag beim Notar beurkundet, Übergabe nach Kaufpreiszahlung."
		case "intake":
			note = "Objektaufnahme durchgeführt, Unterlagen vollständig bis auf Energieausweis."
		case "owner":
			note = "Vermarktungsstand besprochen, Eigentümer ist mit der Strategie einverstanden."
		case "handover":
			note = "Übergabe erfolgt, Protokoll unterschrieben."
		}
		if typ == "Eigentümergespräch" {
			typ = "Beratung"
		}
		if typ == "Übergabe" || typ == "Notartermin" || typ == "Besichtigung" || typ == "Folgebesichtigung" || typ == "Objektaufnahme" || typ == "Beratung" {
			r := add(ap.end.Add(time.Duration(g.between(10, 90))*time.Minute), "Termin", typ, ap.user, ap.estate, ap.addrs[0], note)
			if len(r) > 0 {
				r["dauer"] = int(ap.end.Sub(ap.start).Seconds())
				if ap.kind == "viewing" {
					r["Beratungsebene"] = "D Interessiert, aber noch prüfend"
				}
			}
		}
	}
	// Owner updates, price changes and newsletter events.
	for _, e := range g.estates {
		if e.owner != 0 && e.status == 1 && !e.unit && g.chance(0.25) {
			r := add(g.timeBetween(e.created.AddDate(0, 0, 14), g.ref.Add(-time.Hour)), "Telefonat", "Ausgang", e.user, e, e.owner,
				"Eigentümer über Anfragen und Besichtigungsfeedback informiert.")
			if len(r) > 0 {
				r["dauer"] = g.between(4, 20) * 60
			}
		}
		if p, _ := e.rec["preisreduktion"].(bool); p {
			old := seedRound(e.price*1.06, 1000)
			add(g.timeBetween(e.created.AddDate(0, 0, 30), g.ref.Add(-time.Hour)), "Preisänderung", "", e.user, e, 0,
				fmt.Sprintf("Preis nach Rücksprache mit dem Eigentümer von %s € auf %s € angepasst.", germanNumber(old, 0), germanNumber(e.price, 0)))
		}
	}
	for _, id := range g.prospects {
		a := g.addrByID[id]
		nl, _ := a.rec["newsletter_aktiv"].(int)
		created, _ := time.Parse("2006-01-02", a.rec["Eintragsdatum"].(string))
		switch nl {
		case 1:
			add(created.Add(10*time.Hour), "Newsletter", "bestellt", g.userOf(a), nil, id, "Newsletter-Anmeldung über die Website.")
		case 3:
			add(created.Add(10*time.Hour), "Newsletter", "Double Opt-In versendet", g.userOf(a), nil, id, "Bestätigungs-E-Mail für den Newsletter versendet.")
		}
	}
	// Keep the log at a realistic size: everything of the last two weeks
	// (yesterday's viewings …) and a deterministic sample of the older
	// entries, then by date.
	if len(logs) > 135 {
		var recent, older []*seedLog
		for _, l := range logs {
			if l.at.After(g.ref.AddDate(0, 0, -14)) {
				recent = append(recent, l)
			} else {
				older = append(older, l)
			}
		}
		keep := g.rng.Perm(len(older))[:max(130-len(recent), 0)]
		sort.Ints(keep)
		for _, k := range keep {
			recent = append(recent, older[k])
		}
		logs = recent
	}
	sort.SliceStable(logs, func(i, j int) bool { return logs[i].at.Before(logs[j].at) })
	t := g.s.Table("agentslog")
	for i, l := range logs {
		id := seedFirstLogID + i
		l.rec["Id"] = id
		t.Records = append(t.Records, l.rec)
		if l.addr != 0 {
			g.rel(seedRelLogAddress, id, l.addr, nil)
		}
		if l.estate != 0 {
			g.rel(seedRelLogEstate, id, l.estate, nil)
		}
	}
}

// ---------------------------------------------------------------------------
// files

var seedPhotoTitles = map[string][]string{
	"wohnung": {"Wohnzimmer", "Wohn- und Essbereich", "Küche", "Schlafzimmer", "Badezimmer", "Balkon", "Flur", "Kinderzimmer", "Ausblick", "Hausansicht", "Treppenhaus", "Arbeitszimmer"},
	"haus":    {"Gartenansicht", "Straßenansicht", "Wohnzimmer mit Kamin", "Küche", "Terrasse", "Schlafzimmer", "Badezimmer", "Dachgeschoss", "Essbereich", "Garage", "Kinderzimmer"},
	"gewerbe": {"Außenansicht", "Eingangsbereich", "Büroraum", "Besprechungsraum", "Teeküche", "Empfang", "Sanitärbereich", "Flur"},
	"laden":   {"Außenansicht", "Schaufenster", "Verkaufsraum", "Lager", "Eingangsbereich"},
	"halle":   {"Außenansicht", "Halleninnenansicht", "Rampe", "Hoffläche", "Bürotrakt", "Sozialräume"},
	"gastro":  {"Außenansicht", "Gastraum", "Küche", "Terrasse", "Theke"},
	"plot":    {"Grundstücksansicht", "Blick von der Straße", "Umgebung"},
}

func (g *seeder) file(module string, record int, typ, title, original string, size int, modified time.Time) Record {
	name := g.uuid()
	ext := original[strings.LastIndexByte(original, '.')+1:]
	r := Record{
		"module":          module,
		"relatedRecordId": record,
		"title":           title,
		"name":            name,
		"originalname":    original,
		"filename":        name + "." + strings.ToLower(ext),
		"fileSize":        size,
		"modified":        int(modified.Unix()),
	}
	setFileKind(r, typ)
	t := g.s.Table("file")
	r["Id"] = seedFirstFileID + len(t.Records)
	t.Records = append(t.Records, r)
	return r
}

func (g *seeder) seedFiles() {
	for _, e := range g.estates {
		g.estateFiles(e)
	}
	// Documents on addresses: self-disclosures, proofs of financing, registers.
	docs := 0
	for _, a := range g.addrs {
		var title string
		switch {
		case a.company && g.chance(0.3):
			title = g.pick("Handelsregisterauszug", "Gewerbeanmeldung", "Vollmacht Geschäftsführung")
		case g.hasArt(a, "Kaeufer", "Mieter"):
			title = g.pick("Selbstauskunft", "Finanzierungsbestätigung", "SCHUFA-Auskunft")
		case g.hasArt(a, "Eigentuemer") && !a.company && g.chance(0.25):
			title = g.pick("Grundbuchauszug", "Vermarktungsauftrag", "Vollmacht Eigentümer")
		case g.hasArt(a, "Interessent") && g.chance(0.12):
			title = "Selbstauskunft"
		}
		if title == "" || docs >= 40 {
			continue
		}
		docs++
		who := a.rec["Name"].(string)
		if who == "" {
			who = strings.Fields(a.rec["Zusatz1"].(string))[0]
		}
		orig := title + " " + who + ".pdf"
		created, _ := time.Parse("2006-01-02 15:04:05", a.rec["Aenderung"].(string))
		mod := g.timeBetween(created.AddDate(0, 0, -30), created)
		r := g.file("address", a.id, "Dokument", title, orig, g.between(60, 900)*1024, mod)
		r["name"] = orig
		r["filename"] = mod.Format("20060102150405") + r["filename"].(string)
		r["date"] = seedDate(mod)
	}
	// Attachments of appointments.
	for _, ap := range g.appts {
		var orig string
		switch ap.kind {
		case "notary":
			orig = "Kaufvertragsentwurf_" + seedSlug(ap.estate.spot.street) + ".pdf"
		case "handover":
			orig = "Übergabeprotokoll_Vorlage.pdf"
		case "viewing":
			if g.chance(0.12) {
				orig = g.pick("Grundriss_EG.pdf", "Anfahrtsskizze.pdf", "Exposé_kurz.pdf")
			}
		case "internal":
			if ap.rec["art"] == "Messe" {
				orig = fmt.Sprintf("Messeplaner_%d.pdf", g.ref.Year())
			}
		}
		if orig == "" {
			continue
		}
		mod := g.timeBetween(ap.start.AddDate(0, 0, -10), ap.start)
		if !mod.Before(g.ref) {
			mod = g.ref.AddDate(0, 0, -1)
		}
		id := ap.rec["Id"].(int)
		r := g.file("calendar", id, "Dokument", strings.TrimSuffix(orig, ".pdf"), orig, g.between(90, 1200)*1024, mod)
		r["username"] = ap.user.login
	}
}

func (g *seeder) estateFiles(e *seedEstate) {
	objnr := e.rec["objektnr_extern"].(string)
	from := e.created
	to := e.modified
	if !to.After(from) {
		to = from.Add(time.Hour)
	}
	when := func() time.Time { return g.timeBetween(from, to) }
	pub := e.pub && e.status == 1
	if e.status == 2 {
		// Only the owner's documents have arrived so far.
		r := g.file("estate", e.id, "Dokument", "Grundbuchauszug", "Grundbuchauszug_"+objnr+".pdf", g.between(150, 700)*1024, when())
		r["ispublishedonhomepage"] = false
		return
	}
	kind := "wohnung"
	switch e.art {
	case "haus":
		kind = "haus"
	case "grundstueck":
		kind = "plot"
	case "buero_praxen":
		kind = "gewerbe"
	case "einzelhandel":
		kind = "laden"
	case "hallen_lager_prod":
		kind = "halle"
	case "gastgewerbe":
		kind = "gastro"
	}
	titles := seedPhotoTitles[kind]
	pos := 1
	cover := titles[0]
	if kind == "wohnung" || kind == "haus" {
		cover = g.pick(titles[:3]...)
	}
	if e.complexBase || e.unit {
		cover = "Visualisierung Quartier am Kanal"
	}
	r := g.file("estate", e.id, "Titelbild", cover, fmt.Sprintf("IMG_%04d.jpg", g.between(1000, 9999)), g.between(900, 4800)*1024, when())
	r["position"] = pos
	r["ispublishedonhomepage"] = pub
	photos := g.pickN(titles, g.between(3, len(titles)))
	for _, t := range photos {
		if t == cover {
			continue
		}
		pos++
		orig := g.pick(fmt.Sprintf("IMG_%04d.jpg", g.between(1000, 9999)), fmt.Sprintf("DSC%05d.JPG", g.between(1000, 99999)), seedSlug(t)+"_01.jpg")
		r := g.file("estate", e.id, "Foto", t, orig, g.between(350, 4500)*1024, when())
		r["position"] = pos
		r["ispublishedonhomepage"] = pub
		if g.chance(0.2) {
			r["freetext"] = g.pick("Aufnahme vom Frühjahr", "Beispielfoto, Ausstattung kann abweichen", "Blick nach Süden", "Nach Renovierung")
		}
	}
	if kind != "plot" {
		plans := []string{"Grundriss"}
		if e.art == "haus" || e.typ == "maisonette" {
			plans = []string{"Grundriss Erdgeschoss", "Grundriss Obergeschoss"}
		}
		for i, t := range plans {
			pos++
			r := g.file("estate", e.id, "Grundriss", t, fmt.Sprintf("Grundriss_%s_%d.png", objnr, i+1), g.between(80, 900)*1024, when())
			r["position"] = pos
			r["ispublishedonhomepage"] = pub
			if i == 0 {
				r["documentAttribute"] = "document_floor_plan"
			}
		}
	}
	if kind == "plot" || (kind == "haus" && g.chance(0.5)) {
		pos++
		r := g.file("estate", e.id, "Lageplan", "Lageplan", "Flurkarte_"+objnr+".pdf", g.between(120, 800)*1024, when())
		r["position"] = pos
		r["ispublishedonhomepage"] = pub
	}
	if _, ok := e.rec["energyClass"]; ok && g.chance(0.7) {
		r := g.file("estate", e.id, "Energieausweis", "Energieausweis", "Energieausweis_"+objnr+".pdf", g.between(200, 1200)*1024, when())
		r["documentAttribute"] = "document_energy_certificate"
		r["ispublishedonhomepage"] = false
	}
	if e.pub || e.sold {
		r := g.file("estate", e.id, "Expose", "Exposé "+objnr, "Expose_"+objnr+".pdf", g.between(1500, 6500)*1024, when())
		r["documentAttribute"] = "document_expose"
		r["ispublishedonhomepage"] = pub
	}
	if pub && g.chance(0.2) {
		r := g.file("estate", e.id, "Ogulo-Link", "360°-Rundgang", "rundgang.url", 0, when())
		r["url"] = "https://tour.example.com/" + strings.ToLower(objnr)
		r["filename"] = ""
		r["ispublishedonhomepage"] = true
	}
	if e.reserved && e.vm == "kauf" {
		r := g.file("estate", e.id, "Dokument", "Reservierungsvereinbarung", "Reservierung_"+objnr+".pdf", g.between(90, 400)*1024, when())
		r["documentAttribute"] = "document_reservation_list"
		r["ispublishedonhomepage"] = false
	}
	if g.chance(0.5) {
		doc := g.pick("Grundbuchauszug", "Teilungserklärung", "Wohnflächenberechnung", "Baubeschreibung")
		if e.art == "grundstueck" || e.art == "haus" {
			doc = g.pick("Grundbuchauszug", "Wohnflächenberechnung", "Baulastenauskunft")
		}
		r := g.file("estate", e.id, "Dokument", doc, seedSlug(doc)+"_"+objnr+".pdf", g.between(100, 2400)*1024, when())
		r["ispublishedonhomepage"] = false
	}
}

// ---------------------------------------------------------------------------
// saved filters

// seedFilters stores the saved enterprise filters ("Get estate filter") in
// s.Extra["filters"]: module ("estate", "address") → filter records with
// Id, scope, name, userId, groupId and the filter expression ("filter",
// field → []{op, val}) the sandbox applies for a filterid.
func (g *seeder) seedFilters() {
	cond := func(op string, val any) map[string]any { return map[string]any{"op": op, "val": val} }
	f := func(id int, scope, name string, user, group any, expr map[string][]map[string]any) Record {
		return Record{"Id": id, "scope": scope, "name": name, "userId": user, "groupId": group, "filter": expr}
	}
	g.s.Extra["filters"] = map[string][]Record{
		"estate": {
			f(41, "public", "Aktive Objekte", nil, nil, map[string][]map[string]any{"status": {cond("=", 1)}}),
			f(42, "public", "Neu in den letzten 30 Tagen", nil, nil, map[string][]map[string]any{"erstellt_am": {cond(">=", stamp(g.ref.AddDate(0, 0, -30)))}, "status": {cond("=", 1)}}),
			f(43, "public", "Kaufobjekte aktiv", nil, nil, map[string][]map[string]any{"vermarktungsart": {cond("=", "kauf")}, "status": {cond("=", 1)}, "verkauft": {cond("=", 0)}}),
			f(44, "public", "Mietobjekte aktiv", nil, nil, map[string][]map[string]any{"vermarktungsart": {cond("=", "miete")}, "status": {cond("=", 1)}, "verkauft": {cond("=", 0)}}),
			f(45, "public", "Reserviert", nil, nil, map[string][]map[string]any{"reserviert": {cond("=", 1)}}),
			f(46, "public", "Verkauft/vermietet", nil, nil, map[string][]map[string]any{"verkauft": {cond("=", 1)}}),
			f(47, "office", "Büro Münster aktiv", nil, 301, map[string][]map[string]any{"ort": {cond("=", "Münster")}, "status": {cond("=", 1)}}),
			f(48, "office", "Gewerbe Süd", nil, 305, map[string][]map[string]any{"nutzungsart": {cond("=", "gewerbe")}, "ort": {cond("in", []string{"München", "Nürnberg", "Freiburg im Breisgau", "Frankfurt am Main"})}}),
			f(49, "public", "Stammobjekte", nil, nil, map[string][]map[string]any{"stammobjekt": {cond("=", 1)}}),
			f(50, "private", "Meine Objekte", 17, nil, map[string][]map[string]any{"benutzer": {cond("=", 17)}, "status": {cond("!=", 0)}}),
			f(51, "private", "Wohnungen bis 500.000 €", 12, nil, map[string][]map[string]any{"objektart": {cond("=", "wohnung")}, "kaufpreis": {cond("between", []int{1, 500000})}}),
		},
		"address": {
			f(61, "public", "Aktive Interessenten", nil, nil, map[string][]map[string]any{"ArtDaten": {cond("like", "%Interessent%")}, "Status": {cond("=", 1)}}),
			f(62, "public", "Eigentümer", nil, nil, map[string][]map[string]any{"ArtDaten": {cond("like", "%Eigentuemer%")}}),
			f(63, "public", "Newsletter-Empfänger", nil, nil, map[string][]map[string]any{"newsletter_aktiv": {cond("=", 1)}}),
			f(64, "public", "Firmenkontakte", nil, nil, map[string][]map[string]any{"Anrede": {cond("=", "Firma")}}),
			f(65, "office", "Kooperationspartner Münster", nil, 301, map[string][]map[string]any{"ArtDaten": {cond("like", "%Kooperationspartner%")}, "Ort": {cond("=", "Münster")}}),
			f(66, "private", "Meine Kontakte Köln", 17, nil, map[string][]map[string]any{"Benutzer": {cond("=", "jschmidt")}}),
		},
	}
}
