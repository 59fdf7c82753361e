package sandbox

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Estates: what is for sale or rent, where, at what price, in which state of marketing.

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
