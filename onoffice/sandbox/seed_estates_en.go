package sandbox

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// English language versions of some estates.

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
