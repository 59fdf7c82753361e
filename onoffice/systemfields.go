package onoffice

// System fields that real installations accept in reads, filters, sorting
// and writes but leave out of their "get fields" answer. The field
// configuration is evidence for "did you mean" on a typo; it is not the list
// of what exists. This table is the API vocabulary the docs pages describe
// for such fields: their type and, where the docs name them, the allowed
// values. A field the docs describe without values (bundesland, the virtual*
// address fields …) has no Permitted map, so its values pass unchecked.
//
// Module names are those of "get fields" (estate, address, agentsLog …).
var systemFields = map[string][]FieldInfo{
	"estate": {
		// The estate docs: status 1 active, 2 pending/inactive, 0 archived.
		{Name: "status", Type: "integer", Label: "Status", Permitted: map[string]string{"1": "Active", "2": "Inactive", "0": "Archived"}},
		{Name: "verkauft", Type: "boolean", Label: "sold/rented"},
		{Name: "reserviert", Type: "boolean", Label: "reserved"},
		{Name: "veroeffentlichen", Type: "boolean", Label: "publish"},
		{Name: "referenz", Type: "boolean", Label: "reference property"},
		{Name: "showGoogleMap", Type: "boolean", Label: "show map"},
		// Coordinates: floats (sent as strings under HMAC v1, the protocol page says).
		{Name: "breitengrad", Type: "float", Label: "latitude"},
		{Name: "laengengrad", Type: "float", Label: "longitude"},
		// No docs page describes these; the recorded answers of real
		// installations and every working client treat them as 0/1 flags.
		{Name: "preisAufAnfrage", Type: "boolean", Label: "price on request"},
		{Name: "objektadresse_freigeben_api", Type: "boolean", Label: "publish address"},
		{Name: "virtualAddress", Type: "boolean", Label: "virtual address"},
		// Read by working clients, but nothing describes their values:
		// known by name only, so values pass unchecked.
		{Name: "bundesland", Label: "federal state"},
		{Name: "virtualStreet", Label: "virtual street"},
		{Name: "virtualHouseNumber", Label: "virtual house number"},
		{Name: "virtualLatitude", Label: "virtual latitude"},
		{Name: "virtualLongitude", Label: "virtual longitude"},
	},
	// Search criteria: the _meta names of a read, the comments and the
	// stored radius centre, none of which "get searchCriteriaFields" lists.
	"searchcriteria": {
		{Name: "status", Type: "integer", Label: "status", Permitted: map[string]string{"1": "Active", "0": "Inactive"}},
		{Name: "sys_status", Type: "integer", Label: "status", Permitted: map[string]string{"1": "Active", "0": "Inactive"}},
		{Name: "Id", Type: "integer", Label: "id"},
		{Name: "adresse", Type: "integer", Label: "address"},
		{Name: "internaladdressid", Type: "integer", Label: "address"},
		{Name: "externaladdressid", Label: "customer number"},
		{Name: "advisor", Type: "integer", Label: "advisor"},
		{Name: "creator", Type: "integer", Label: "creator"},
		{Name: "creationdate", Type: "date", Label: "created"},
		{Name: "editdate", Type: "datetime", Label: "changed"},
		{Name: "characteristic", Type: "multiselect", Label: "characteristic", Permitted: map[string]string{
			"manual_saved": "Saved manually", "automatic_created": "Created automatically", "address_completion": "Address completion",
			"deactivated_by_interested_person": "Deactivated by prospect", "automatic_deactivated": "Deactivated automatically",
		}},
		// The knock-out criteria: a list of criteria field names.
		{Name: "sys_ko", Type: "multiselect", Label: "knock-out criteria"},
		{Name: "sysExpiryDate", Type: "date", Label: "valid until"},
		{Name: "krit_bemerkung", Type: "text", Label: "internal note"},
		{Name: "krit_bemerkung_oeffentlich", Type: "text", Label: "public note"},
		{Name: "range", Type: "integer", Label: "radius km"},
		{Name: "range_plz", Type: "varchar", Label: "radius postcode"},
		{Name: "range_ort", Type: "varchar", Label: "radius town"},
		{Name: "range_strasse", Type: "varchar", Label: "radius street"},
		{Name: "range_hausnummer", Type: "varchar", Label: "radius house number"},
		{Name: "range_land", Type: "varchar", Label: "radius country"},
		{Name: "range_breitengrad", Type: "float", Label: "radius latitude"},
		{Name: "range_laengengrad", Type: "float", Label: "radius longitude"},
	},
	"agentsLog": {
		// Read-only link lists: the ids of the linked estates and addresses.
		{Name: "Objekt_nr", Type: "integer", Label: "linked estates"},
		{Name: "Adress_nr", Type: "integer", Label: "linked addresses"},
	},
}

// germanLabels are the German labels of the documented select values, for
// field configurations read in DEU.
var germanLabels = map[string]string{
	"Active": "Aktiv", "Inactive": "Inaktiv", "Archived": "Archiviert",
	"Saved manually": "Manuell gespeichert", "Created automatically": "Automatisch angelegt", "Address completion": "Adressvervollständigung",
	"Deactivated by prospect": "Vom Interessenten deaktiviert", "Deactivated automatically": "Automatisch deaktiviert",
}

// SystemField returns the documented description of a field real
// installations accept but may leave out of their field configuration,
// with value labels in lang (DEU or ENG).
func SystemField(module, name, lang string) (FieldInfo, bool) {
	for _, f := range systemFields[module] {
		if f.Name == name {
			f.Documented = true
			if f.Permitted != nil {
				f.Permitted = cloneLabels(f.Permitted, lang)
			}
			return f, true
		}
	}
	return FieldInfo{}, false
}

// SystemFieldNames lists the documented system fields of a module.
func SystemFieldNames(module string) []string {
	names := make([]string, 0, len(systemFields[module]))
	for _, f := range systemFields[module] {
		names = append(names, f.Name)
	}
	return names
}

func cloneLabels(m map[string]string, lang string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		if de := germanLabels[v]; de != "" && lang == "DEU" {
			v = de
		}
		out[k] = v
	}
	return out
}
