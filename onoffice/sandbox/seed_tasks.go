package sandbox

import (
	"fmt"
	"sort"
	"time"
)

// Tasks of the agents, some due today, some overdue.

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
