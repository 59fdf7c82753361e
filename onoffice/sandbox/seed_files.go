package sandbox

import (
	"fmt"
	"strings"
	"time"
)

// Files: photos, floor plans and documents of estates and addresses.

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
	// Sized for every field the file gets, so the map never grows.
	r := make(Record, 16)
	r["module"] = module
	r["relatedRecordId"] = record
	r["title"] = title
	r["name"] = name
	r["originalname"] = original
	r["filename"] = name + "." + strings.ToLower(ext)
	r["fileSize"] = size
	r["modified"] = int(modified.Unix())
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
