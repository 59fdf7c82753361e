package sandbox

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Users and groups of the agency, and its offices.

// seedUserInfo describes one agency user.
type seedUserInfo struct {
	id                              int
	login, anrede, first, last      string
	kuerzel, position, town, mobile string
	addrID                          int
}

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
