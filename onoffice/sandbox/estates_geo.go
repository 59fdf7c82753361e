package sandbox

// estGeoRange reads georangesearch of an estate read and returns the test
// a record must pass, or nil when the parameter is absent. The radius is
// taken as a string (the docs page's example) or a number (what working
// clients send) alike, in kilometres; the centre is a postcode or town
// with its country, or latitude and longitude.
func estGeoRange(p map[string]any) (func(r Record) bool, error) {
	g, err := paramObject(p, "georangesearch")
	if err != nil || g == nil {
		return nil, err
	}
	radius, ok := toFloat(g["radius"])
	if !ok || radius <= 0 {
		return nil, Fail(164, "Geo range search parameters incomplete: radius missing or invalid")
	}
	var lat, lon float64
	if g["latitude"] != nil || g["longitude"] != nil {
		var okLat, okLon bool
		lat, okLat = toFloat(g["latitude"])
		lon, okLon = toFloat(g["longitude"])
		if !okLat || !okLon {
			return nil, Fail(164, "Geo range search parameters incomplete: latitude and longitude")
		}
	} else {
		if toText(g["country"]) == "" {
			return nil, Fail(164, "Geo range search parameters incomplete: country missing")
		}
		var found bool
		lat, lon, found = scGeocode(toText(g["zip"]), toText(g["city"]))
		if !found {
			return nil, Fail(164, "Geo range search parameters incomplete: %s %s could not be located", toText(g["zip"]), toText(g["city"]))
		}
	}
	return func(r Record) bool {
		rlat, ok1 := toFloat(r["breitengrad"])
		rlon, ok2 := toFloat(r["laengengrad"])
		if !ok1 || !ok2 || (rlat == 0 && rlon == 0) {
			return false // not located
		}
		return distanceKm(lat, lon, rlat, rlon) <= radius
	}, nil
}
