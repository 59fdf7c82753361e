package sandbox

// Saved filters of the estate and address lists.

// seedFilters stores the saved enterprise filters ("Get estate filter") in
// s.Extra["filters"]: module ("estate", "address") → filter records with
// Id, scope, name, userId, groupId and the filter expression ("filter",
// field → []{op, val}) the sandbox applies for a filterid.
func (g *seeder) seedFilters() {
	cond := func(op string, val any) map[string]any { return map[string]any{"op": op, "val": val} }
	f := func(id int, scope, name string, user, group any, expr map[string][]map[string]any) Record {
		return Record{"Id": id, "scope": scope, "name": name, "userId": user, "groupId": group, "filter": expr}
	}
	g.s.Extra["filters"] = map[string][]Record{
		"estate": {
			f(41, "public", "Aktive Objekte", nil, nil, map[string][]map[string]any{"status": {cond("=", 1)}}),
			f(42, "public", "Neu in den letzten 30 Tagen", nil, nil, map[string][]map[string]any{"erstellt_am": {cond(">=", stamp(g.ref.AddDate(0, 0, -30)))}, "status": {cond("=", 1)}}),
			f(43, "public", "Kaufobjekte aktiv", nil, nil, map[string][]map[string]any{"vermarktungsart": {cond("=", "kauf")}, "status": {cond("=", 1)}, "verkauft": {cond("=", 0)}}),
			f(44, "public", "Mietobjekte aktiv", nil, nil, map[string][]map[string]any{"vermarktungsart": {cond("=", "miete")}, "status": {cond("=", 1)}, "verkauft": {cond("=", 0)}}),
			f(45, "public", "Reserviert", nil, nil, map[string][]map[string]any{"reserviert": {cond("=", 1)}}),
			f(46, "public", "Verkauft/vermietet", nil, nil, map[string][]map[string]any{"verkauft": {cond("=", 1)}}),
			f(47, "office", "Büro Münster aktiv", nil, 301, map[string][]map[string]any{"ort": {cond("=", "Münster")}, "status": {cond("=", 1)}}),
			f(48, "office", "Gewerbe Süd", nil, 305, map[string][]map[string]any{"nutzungsart": {cond("=", "gewerbe")}, "ort": {cond("in", []string{"München", "Nürnberg", "Freiburg im Breisgau", "Frankfurt am Main"})}}),
			f(49, "public", "Stammobjekte", nil, nil, map[string][]map[string]any{"stammobjekt": {cond("=", 1)}}),
			f(50, "private", "Meine Objekte", 17, nil, map[string][]map[string]any{"benutzer": {cond("=", 17)}, "status": {cond("!=", 0)}}),
			f(51, "private", "Wohnungen bis 500.000 €", 12, nil, map[string][]map[string]any{"objektart": {cond("=", "wohnung")}, "kaufpreis": {cond("between", []int{1, 500000})}}),
		},
		"address": {
			f(61, "public", "Aktive Interessenten", nil, nil, map[string][]map[string]any{"ArtDaten": {cond("like", "%Interessent%")}, "Status": {cond("=", 1)}}),
			f(62, "public", "Eigentümer", nil, nil, map[string][]map[string]any{"ArtDaten": {cond("like", "%Eigentuemer%")}}),
			f(63, "public", "Newsletter-Empfänger", nil, nil, map[string][]map[string]any{"newsletter_aktiv": {cond("=", 1)}}),
			f(64, "public", "Firmenkontakte", nil, nil, map[string][]map[string]any{"Anrede": {cond("=", "Firma")}}),
			f(65, "office", "Kooperationspartner Münster", nil, 301, map[string][]map[string]any{"ArtDaten": {cond("like", "%Kooperationspartner%")}, "Ort": {cond("=", "Münster")}}),
			f(66, "private", "Meine Kontakte Köln", 17, nil, map[string][]map[string]any{"Benutzer": {cond("=", "jschmidt")}}),
		},
	}
}
