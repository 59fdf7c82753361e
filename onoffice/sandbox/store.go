package sandbox

import (
	"maps"
	"sort"
	"sync"
	"time"
)

// Record is one stored record: field name → native Go value.
// Values are stored typed (string, int, float64, bool, []string for
// multiselect keys) and turned into the API's string form only when a
// response is written, so filters and sorting compare real values.
type Record map[string]any

// Table holds the records of one module, ordered by their "Id".
type Table struct {
	Records []Record
	NextID  int
}

// Get returns the record with the given id, or nil.
func (t *Table) Get(id int) Record {
	i := sort.Search(len(t.Records), func(i int) bool { return idOf(t.Records[i]) >= id })
	if i < len(t.Records) && idOf(t.Records[i]) == id {
		return t.Records[i]
	}
	return nil
}

// Insert stores r under a fresh id and returns it.
func (t *Table) Insert(r Record) int {
	if t.NextID == 0 {
		t.NextID = 1
		for _, rec := range t.Records {
			if id := idOf(rec); id >= t.NextID {
				t.NextID = id + 1
			}
		}
	}
	id := t.NextID
	t.NextID++
	r["Id"] = id
	t.Records = append(t.Records, r)
	return id
}

// Delete removes the record with the given id and reports whether it existed.
func (t *Table) Delete(id int) bool {
	for i, r := range t.Records {
		if idOf(r) == id {
			t.Records = append(t.Records[:i], t.Records[i+1:]...)
			return true
		}
	}
	return false
}

func idOf(r Record) int {
	id, _ := r["Id"].(int)
	return id
}

// Field describes one field of a module's field configuration.
type Field struct {
	Type    string            // varchar, text, integer, float, boolean, date, datetime, singleselect, multiselect, blob, freetext, user
	Length  int               // maximum length of varchar fields, 0 otherwise
	Default any               // default value, nil for none
	Label   map[string]string // language (DEU, ENG) → label
	// Permitted lists the keys of select fields in display order.
	Permitted []Option
	// Dependencies maps a select key to the parent key it requires (objekttyp → objektart).
	Dependencies map[string]string
	// MeasureFormat is the DATA_TYPE_* display format, or "".
	MeasureFormat string
	// Decimals is how many decimals a float is read with: 2 unless set
	// (real installations send coordinates with 5).
	Decimals int
	// Filters restricts where the field is shown: dimension → allowed values.
	Filters map[string][]string
	// Content is the section the field belongs to (e.g. "Preise").
	Content string
	// Mandatory marks fields that a create must set.
	Mandatory bool
	// ReadOnly marks fields the API computes and never accepts on create/modify.
	ReadOnly bool
}

// Option is one permitted value of a select field.
type Option struct {
	Key   string
	Label map[string]string // language → label
}

// Relation links two records (estate ↔ address, estate ↔ estate unit, …).
type Relation struct {
	Type   string // full relation type URN
	Parent int
	Child  int
	Extra  map[string]any // relation-specific data, e.g. appointment feedback
}

// setExtra stores relation-specific values on a link.
func (r *Relation) setExtra(values map[string]any) {
	if r.Extra == nil {
		r.Extra = map[string]any{}
	}
	maps.Copy(r.Extra, values)
}

// OutboxEntry records an action with an outside effect (e-mail, newsletter,
// webhook, payment) that the sandbox logged instead of performing.
type OutboxEntry struct {
	Time       time.Time
	Kind       string // resource type of the action, e.g. "sendmail"
	Parameters map[string]any
}

// recordOutbox logs the outside effect of the current action instead of
// performing it: the call's parameters, overlaid with extra (what went out,
// resolved: recipients, links, amounts …).
func recordOutbox(s *Store, c *Call, extra map[string]any) {
	p := make(map[string]any, len(c.Params)+len(extra))
	maps.Copy(p, c.Params)
	maps.Copy(p, extra)
	s.Outbox = append(s.Outbox, OutboxEntry{Time: c.Now, Kind: c.ResourceType, Parameters: p})
}

// Store is the sandbox's in-memory data set. Every access holds mu.
type Store struct {
	mu sync.Mutex

	// Tables by module: estate, address, user, group, searchcriteria,
	// calendar (appointments), task, agentslog, file, and whatever the
	// module handlers need beyond these.
	Tables map[string]*Table
	// Fields by module id as the field configuration names it
	// (estate, address, agentsLog, calendar, task, user, searchcriteria, file, email).
	Fields map[string]map[string]*Field
	// FieldOrder keeps each module's fields in a stable display order.
	FieldOrder map[string][]string
	Relations  []Relation
	Outbox     []OutboxEntry
	// Day is the reference day of the seed data, "today" of its story:
	// data sets built on first use (mails, marketplace …) date around it.
	Day time.Time
	// Extra holds small module-specific data sets (saved filters, templates,
	// regions, basic settings …) keyed by a name the owning handler chooses.
	Extra map[string]any
}

// NewStore returns a store filled with the deterministic seed data set,
// its dates placed around the reference day (only its date counts).
func NewStore(day time.Time) *Store {
	s := &Store{
		Tables:     map[string]*Table{},
		Fields:     map[string]map[string]*Field{},
		FieldOrder: map[string][]string{},
		Extra:      map[string]any{},
		Day:        seedDay(day),
	}
	seed(s, day)
	return s
}

// Table returns the table of a module, creating it when missing.
func (s *Store) Table(module string) *Table {
	t, ok := s.Tables[module]
	if !ok {
		t = &Table{}
		s.Tables[module] = t
	}
	return t
}

// AddField appends a field definition to a module's configuration.
func (s *Store) AddField(module, name string, f *Field) {
	if s.Fields[module] == nil {
		s.Fields[module] = map[string]*Field{}
	}
	if _, dup := s.Fields[module][name]; !dup {
		s.FieldOrder[module] = append(s.FieldOrder[module], name)
	}
	s.Fields[module][name] = f
}

// ExtraData returns the module data set stored under key, building it with
// init on first use. Module handlers keep their small data sets (templates,
// regions, settings …) here; init must be deterministic.
func (s *Store) ExtraData(key string, init func() any) any {
	v, ok := s.Extra[key]
	if !ok {
		v = init()
		s.Extra[key] = v
	}
	return v
}
