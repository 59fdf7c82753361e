package sandbox

import (
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

var updateDigest = flag.Bool("update", false, "rewrite testdata/seed_digest.txt")

// seedDigest returns one line per seeded entity (each table, the relations
// and the saved filters): its record count and a hash of its records.
func seedDigest(t *testing.T, s *Store) string {
	t.Helper()
	entities := map[string]any{"relations": s.Relations, "filters": s.Extra["filters"]}
	counts := map[string]int{"relations": len(s.Relations)}
	if f, ok := s.Extra["filters"].(map[string][]Record); ok {
		for _, list := range f {
			counts["filters"] += len(list)
		}
	}
	for name, tab := range s.Tables {
		entities[name] = tab.Records
		counts[name] = len(tab.Records)
	}
	var b strings.Builder
	b.WriteString("# One line per seeded entity: name, records, sha256 of its data (reference day " + testDemoDate.Format(time.DateOnly) + ").\n")
	b.WriteString("# Regenerate with: go test ./onoffice/sandbox -run TestSeedDigest -update\n")
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range entities {
			if !yield(k) {
				return
			}
		}
	}) {
		data, err := json.Marshal(entities[name])
		if err != nil {
			t.Fatalf("encode %s: %v", name, err)
		}
		fmt.Fprintf(&b, "%-16s %4d %x\n", name, counts[name], sha256.Sum256(data))
	}
	return b.String()
}

// TestSeedDigest makes every change of the seed data visible: a changed
// line in testdata/seed_digest.txt names the entity that moved.
func TestSeedDigest(t *testing.T) {
	got := seedDigest(t, NewStore(testDemoDate))
	path := filepath.Join("testdata", "seed_digest.txt")
	if *updateDigest {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("seed data changed; if deliberate, run go test ./onoffice/sandbox -run TestSeedDigest -update and review the diff\ngot:\n%s\nwant:\n%s", got, want)
	}
}

// TestSeedEntityStreams checks that each entity draws from its own stream:
// the stream of one entity does not depend on which entities ran before it.
func TestSeedEntityStreams(t *testing.T) {
	var g1, g2 seeder
	g1.use("tasks")
	g2.use("estates")
	g2.rng.IntN(1000) // draws of another entity
	g2.use("tasks")
	for i := range 5 {
		if a, b := g1.rng.Uint64(), g2.rng.Uint64(); a != b {
			t.Fatalf("draw %d of the task stream: %d after a fresh start, %d after the estates", i, a, b)
		}
	}
	g2.use("estates")
	if g1.rng.Uint64() == g2.rng.Uint64() {
		t.Error("tasks and estates share a stream")
	}
}

// TestSeedReferenceDay pins the reference day to several dates (around new
// year, a Monday, mid-year) and asks the sandbox over HTTP what an assistant
// would ask on that day: yesterday's viewings and their agents-log entries,
// today's and next week's appointments, due and overdue tasks and this year's
// sales. Each must have data, and the story must hold together.
func TestSeedReferenceDay(t *testing.T) {
	for _, day := range []string{"2026-12-03", "2027-01-01", "2027-01-04", "2027-03-01", "2027-06-30", "2027-12-31"} {
		t.Run(day, func(t *testing.T) {
			ref, err := ParseDemoDate(day)
			if err != nil {
				t.Fatal(err)
			}
			now := ref.Add(7 * time.Hour)
			clock := func() time.Time { return now }
			sb := New(WithClock(clock), WithDemoDate(ref))
			c := onoffice.New(serve(t, sb)+StablePath, DemoToken, DemoSecret, onoffice.WithClock(clock))
			appts := func(from, to time.Time) []onoffice.Record {
				return mustCall(t, c, onoffice.VerbGet, "appointmentList", "", map[string]any{
					"data":   []string{"type", "estate", "status", "date"},
					"filter": map[string]any{"startDate": from.Format(time.DateOnly), "endDate": to.Format(time.DateOnly)}, "listlimit": 500,
				}).Records
			}
			typeOf := func(r onoffice.Record) string { return toText(asObject(r.Fields()["type"])["value"]) }

			// Yesterday's viewings took place, and each has its log entry.
			yesterday := ref.AddDate(0, 0, -1)
			viewings := 0
			for _, r := range appts(yesterday, yesterday) {
				if typeOf(r) != "Besichtigung" {
					continue
				}
				viewings++
				if st := toText(asObject(r.Fields()["status"])["value"]); st != "completed" {
					t.Errorf("yesterday's viewing %s: status %q", r.IDString(), st)
				}
				estate := toText(asObject(r.Fields()["estate"])["id"])
				log := mustCall(t, c, onoffice.VerbRead, "agentslog", "", map[string]any{
					"estateid": []string{estate}, "data": []string{"Aktionsart", "Aktionstyp", "Datum"}, "listlimit": 500,
				})
				found := false
				for _, l := range log.Records {
					el := l.Fields()
					if el["Aktionsart"] == "Termin" && el["Aktionstyp"] == "Besichtigung" && strings.HasPrefix(toText(el["Datum"]), yesterday.Format(time.DateOnly)) {
						found = true
					}
				}
				if !found {
					t.Errorf("yesterday's viewing %s of estate %s has no agents-log entry", r.IDString(), estate)
				}
			}
			if viewings == 0 {
				t.Error("no viewing yesterday")
			}

			// Today's and next week's appointments.
			if len(appts(ref, ref)) == 0 {
				t.Error("no appointment today")
			}
			monday := ref.AddDate(0, 0, 7-(int(ref.Weekday())+6)%7)
			if len(appts(monday, monday.AddDate(0, 0, 6))) == 0 {
				t.Errorf("no appointment next week (%s)", monday.Format(time.DateOnly))
			}

			// Tasks due today and overdue ones.
			due, overdue := 0, 0
			for _, r := range mustCall(t, c, onoffice.VerbRead, "task", "", map[string]any{"data": []string{"Deadline", "Status"}, "listlimit": 500}).Records {
				el := r.Fields()
				if st := toText(el["Status"]); st != "1" && st != "2" {
					continue
				}
				switch d := toText(el["Deadline"]); {
				case strings.HasPrefix(d, ref.Format(time.DateOnly)):
					due++
				case d != "" && d < ref.Format(time.DateOnly):
					overdue++
				}
			}
			if due == 0 || overdue == 0 {
				t.Errorf("open tasks: %d due today, %d overdue", due, overdue)
			}

			// This year's sales; those within the calendar's span were signed
			// at the notary's on the day of the sale.
			sales := mustCall(t, c, onoffice.VerbRead, "estate", "", map[string]any{
				"data": []string{"Id", "verkauft_am", "preisreduktion"}, "listlimit": 500,
				"filter": map[string]any{"verkauft": []map[string]any{{"op": "=", "val": 1}},
					"verkauft_am": []map[string]any{{"op": "between", "val": []string{fmt.Sprintf("%d-01-01", ref.Year()), ref.Format(time.DateOnly)}}}},
			})
			if len(sales.Records) == 0 {
				t.Fatal("no sale this year")
			}
			for _, r := range sales.Records {
				sold, _ := time.Parse(time.DateOnly, toText(r.Fields()["verkauft_am"]))
				if sold.Before(ref.AddDate(0, 0, -seedApptDaysBefore)) {
					continue
				}
				notary := false
				for _, a := range appts(sold, sold) {
					if typeOf(a) == "Notartermin" && toText(asObject(a.Fields()["estate"])["id"]) == r.IDString() {
						notary = true
					}
				}
				if !notary {
					t.Errorf("estate %s sold on %s without a notary appointment that day", r.IDString(), sold.Format(time.DateOnly))
				}
			}
		})
	}
}

// TestSeedNotaryNotReduced keeps the story consistent: an estate with an
// upcoming notary appointment is sold at its price, not reduced.
func TestSeedNotaryNotReduced(t *testing.T) {
	s := NewStore(testDemoDate)
	for _, a := range s.Table("calendar").Records {
		if a["art"] != "Notartermin" {
			continue
		}
		for _, rel := range s.Relations {
			if rel.Type == seedRelCalEstate && rel.Parent == idOf(a) {
				if e := s.Table("estate").Get(rel.Child); e["preisreduktion"] == true {
					t.Errorf("estate %d has a notary appointment (%v) and a price reduction", rel.Child, a["start_dt"])
				}
			}
		}
	}
}

// BenchmarkSeed measures building the seed data set, which a sandbox does
// on its first request (New itself does not seed).
func BenchmarkSeed(b *testing.B) {
	for b.Loop() {
		NewStore(testDemoDate)
	}
}

// BenchmarkNew measures what starting a sandbox costs (--demo start-up).
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		New()
	}
}
