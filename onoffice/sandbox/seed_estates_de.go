package sandbox

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// German titles and descriptions of the estates.

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
