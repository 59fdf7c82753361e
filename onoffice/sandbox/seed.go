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
	out := strings.ToLower(seedSlugReplacer.Replace(s))
	for strings.Contains(out, "--") {
		out = strings.ReplaceAll(out, "--", "-")
	}
	return strings.Trim(out, "-")
}

// seedSlugReplacer spells names in ASCII for e-mail addresses and file
// names. One replacer for all calls: building it is most of its cost.
var seedSlugReplacer = strings.NewReplacer(
	"ä", "ae", "ö", "oe", "ü", "ue", "Ä", "ae", "Ö", "oe", "Ü", "ue", "ß", "ss",
	"ı", "i", "ş", "s", "ğ", "g", "ç", "c", "é", "e", "è", "e", "á", "a", "ć", "c",
	"č", "c", "ł", "l", "ń", "n", "ó", "o", "ś", "s", "ź", "z", "ż", "z",
	" & ", "-", " ", "-", ".", "", ",", "", "(", "", ")", "", "'", "", "/", "-",
)

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
