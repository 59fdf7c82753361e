package sandbox

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// Search profiles of the prospects, and their interest in estates.

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
