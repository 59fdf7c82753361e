package sandbox

import (
	"fmt"
	"sort"
	"time"
)

// Agents log: enquiries, exposés, calls, and the record of appointments that took place.

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
