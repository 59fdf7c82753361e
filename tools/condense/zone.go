package condense

import "time"

// AgencyZone is the time zone of the agency: results show times in it,
// and "today" of prompts and completions is its day.
func AgencyZone() *time.Location { return agencyZone() }
