package onoffice

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"
)

// FieldInfo describes one field of a module, from the field configuration.
type FieldInfo struct {
	Name          string
	Type          string
	Label         string
	Length        int
	MeasureFormat string
	// Permitted maps select keys to their labels.
	Permitted map[string]string
}

// ModuleFields is the field configuration of one module.
type ModuleFields struct {
	Module string
	Label  string
	Fields map[string]FieldInfo
}

// Names returns the field names in sorted order.
func (m *ModuleFields) Names() []string {
	names := make([]string, 0, len(m.Fields))
	for n := range m.Fields {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// FieldCache fetches the field configuration once per module and language
// and keeps it for a while: the call is slow and the answer rarely changes.
type FieldCache struct {
	api interface {
		Call(ctx context.Context, a Action) (Result, error)
	}
	ttl time.Duration
	now func() time.Time

	mu      sync.Mutex
	entries map[string]fieldEntry
}

type fieldEntry struct {
	fields  *ModuleFields
	fetched time.Time
}

// NewFieldCache returns a cache over the client with the given lifetime.
func NewFieldCache(c *Client, ttl time.Duration) *FieldCache {
	return &FieldCache{api: c, ttl: ttl, now: time.Now, entries: map[string]fieldEntry{}}
}

// Module returns the fields of one module (estate, address, agentsLog,
// calendar, task, user, searchcriteria …) with labels in lang (DEU, ENG).
func (fc *FieldCache) Module(ctx context.Context, module, lang string) (*ModuleFields, error) {
	if lang == "" {
		lang = "DEU"
	}
	key := module + "/" + lang
	fc.mu.Lock()
	e, ok := fc.entries[key]
	fc.mu.Unlock()
	if ok && fc.now().Sub(e.fetched) < fc.ttl {
		return e.fields, nil
	}
	res, err := fc.api.Call(ctx, Action{
		Verb: VerbGet, ResourceType: "fields",
		Parameters: map[string]any{"modules": []string{module}, "labels": true, "language": lang, "showFieldMeasureFormat": true},
	})
	if err != nil {
		return nil, fmt.Errorf("read field configuration of %s: %w", module, err)
	}
	mf := &ModuleFields{Module: module, Fields: map[string]FieldInfo{}}
	for _, rec := range res.Records {
		if rec.IDString() != module {
			continue
		}
		var elements map[string]json.RawMessage
		if err := json.Unmarshal(rec.Elements, &elements); err != nil {
			return nil, fmt.Errorf("read field configuration of %s: %w", module, err)
		}
		for name, raw := range elements {
			if name == "label" {
				_ = json.Unmarshal(raw, &mf.Label)
				continue
			}
			var d struct {
				Type          string          `json:"type"`
				Length        *int            `json:"length"`
				Label         string          `json:"label"`
				MeasureFormat *string         `json:"fieldMeasureFormat"`
				Permitted     json.RawMessage `json:"permittedvalues"`
			}
			if json.Unmarshal(raw, &d) != nil {
				continue
			}
			fi := FieldInfo{Name: name, Type: d.Type, Label: d.Label}
			if d.Length != nil {
				fi.Length = *d.Length
			}
			if d.MeasureFormat != nil {
				fi.MeasureFormat = *d.MeasureFormat
			}
			// permittedvalues is an object for select fields, null or [] otherwise.
			var pv map[string]string
			if json.Unmarshal(d.Permitted, &pv) == nil && len(pv) > 0 {
				fi.Permitted = pv
			}
			mf.Fields[name] = fi
		}
	}
	if len(mf.Fields) == 0 {
		return nil, fmt.Errorf("read field configuration of %s: no fields returned", module)
	}
	fc.mu.Lock()
	fc.entries[key] = fieldEntry{fields: mf, fetched: fc.now()}
	fc.mu.Unlock()
	return mf, nil
}
