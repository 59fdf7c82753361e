package sandbox

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Appointments: viewings, notary dates, handovers and office life around the reference day.

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
