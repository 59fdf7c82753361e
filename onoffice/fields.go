package onoffice

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
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
	// Documented is true when the installation's field configuration does
	// not list the field and its description comes from the docs (see
	// SystemField); the installation may still accept other values.
	Documented bool
}

// ModuleFields is the field configuration of one module.
type ModuleFields struct {
	Module string
	// Language is the language of the labels (DEU, ENG).
	Language string
	Label    string
	Fields   map[string]FieldInfo
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

// Lookup returns what is known about a field: the installation's
// configuration first, then the documented system fields. ok is false for a
// name neither knows; onOffice alone decides about such a name. It is the
// one lookup name and value checks use; a nil receiver knows only the
// documented fields of no module.
func (m *ModuleFields) Lookup(name string) (FieldInfo, bool) {
	if m == nil {
		return FieldInfo{}, false
	}
	if f, ok := m.Fields[name]; ok {
		return f, true
	}
	return SystemField(m.Module, name, m.Language)
}

// Known reports whether Lookup knows the name.
func (m *ModuleFields) Known(name string) bool {
	_, ok := m.Lookup(name)
	return ok
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

// SearchCriteriaModule is the module name tools use for search criteria.
// Real installations list no search-criteria fields in "get fields"; their
// fields come from "get searchCriteriaFields".
const SearchCriteriaModule = "searchcriteria"

// Module returns the fields of one module (estate, address, agentsLog,
// calendar, task, user, searchcriteria …) with labels in lang (DEU, ENG).
// A module the installation configures no fields for gives an empty set:
// real installations answer so for most modules.
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
	var mf *ModuleFields
	var err error
	if module == SearchCriteriaModule {
		mf, err = fc.searchCriteria(ctx, lang)
	} else {
		mf, err = fc.configured(ctx, module, lang)
	}
	if err != nil {
		return nil, err
	}
	mf.Language = lang
	fc.mu.Lock()
	fc.entries[key] = fieldEntry{fields: mf, fetched: fc.now()}
	fc.mu.Unlock()
	return mf, nil
}

// fieldsRequest is the "get fields" action for modules; params adds to
// the modules parameter.
func fieldsRequest(modules []string, params map[string]any) Action {
	p := map[string]any{"modules": modules}
	for k, v := range params {
		p[k] = v
	}
	return Action{Verb: VerbGet, ResourceType: "fields", Parameters: p}
}

// Check makes the cheapest signed call there is, the field configuration of
// one estate field, to see that onOffice accepts the credentials.
func (c *Client) Check(ctx context.Context) error {
	_, err := c.Call(ctx, fieldsRequest([]string{"estate"}, map[string]any{"fieldList": []string{"Id"}}))
	return err
}

// configured reads one module's field configuration with "get fields".
func (fc *FieldCache) configured(ctx context.Context, module, lang string) (*ModuleFields, error) {
	res, err := fc.api.Call(ctx, fieldsRequest([]string{module}, map[string]any{"labels": true, "language": lang, "showFieldMeasureFormat": true}))
	if err != nil {
		return nil, fmt.Errorf("read field configuration of %s: %w", module, err)
	}
	mf := &ModuleFields{Module: module, Fields: map[string]FieldInfo{}}
	for _, rec := range res.Records {
		if rec.IDString() != module {
			continue
		}
		// A module without configured fields comes as "elements": [].
		var elements map[string]json.RawMessage
		if !isEmptyList(rec.Elements) {
			if err := json.Unmarshal(rec.Elements, &elements); err != nil {
				return nil, fmt.Errorf("read field configuration of %s: %w", module, err)
			}
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
			fi := FieldInfo{Name: name, Type: d.Type, Label: d.Label, Permitted: Permitted(d.Permitted)}
			if d.Length != nil {
				fi.Length = *d.Length
			}
			if d.MeasureFormat != nil {
				fi.MeasureFormat = *d.MeasureFormat
			}
			mf.Fields[name] = fi
		}
	}
	return mf, nil
}

// searchCriteria reads the search-criteria fields with "get
// searchCriteriaFields": sections of fields, each with a data-type URN, its
// select values, and a rangefield flag for fields stored as name__von and
// name__bis.
func (fc *FieldCache) searchCriteria(ctx context.Context, lang string) (*ModuleFields, error) {
	res, err := fc.api.Call(ctx, Action{
		Verb: VerbGet, ResourceType: "searchCriteriaFields",
		Parameters: map[string]any{"language": lang, "additionalTranslations": true},
	})
	if err != nil {
		return nil, fmt.Errorf("read search-criteria fields: %w", err)
	}
	mf := &ModuleFields{Module: SearchCriteriaModule, Fields: map[string]FieldInfo{}}
	for _, rec := range res.Records {
		var sec struct {
			Fields []struct {
				ID           string            `json:"id"`
				Name         string            `json:"name"`
				Type         string            `json:"type"`
				RangeField   any               `json:"rangefield"`
				Values       json.RawMessage   `json:"values"`
				Translations map[string]string `json:"additionalTranslations"`
			} `json:"fields"`
		}
		if isEmptyList(rec.Elements) || json.Unmarshal(rec.Elements, &sec) != nil {
			continue
		}
		for _, f := range sec.Fields {
			if f.ID == "" {
				continue
			}
			typ := f.Type
			if i := strings.LastIndexByte(typ, ':'); i >= 0 {
				typ = typ[i+1:]
			}
			fi := FieldInfo{Name: f.ID, Type: typ, Label: f.Name, Permitted: Permitted(f.Values)}
			mf.Fields[f.ID] = fi
			if truthy(f.RangeField) {
				for _, suffix := range []string{"__von", "__bis"} {
					r := fi
					r.Name = f.ID + suffix
					if l := f.Translations[r.Name]; l != "" {
						r.Label = l
					}
					mf.Fields[r.Name] = r
				}
			}
		}
	}
	return mf, nil
}

// Permitted decodes permittedvalues (or values): an object of key → label,
// or a list of keys when no labels were asked for; null, [] or anything
// else gives nil.
func Permitted(raw json.RawMessage) map[string]string {
	var pv map[string]string
	if json.Unmarshal(raw, &pv) == nil && len(pv) > 0 {
		return pv
	}
	var list []any
	if json.Unmarshal(raw, &list) != nil || len(list) == 0 {
		return nil
	}
	pv = make(map[string]string, len(list))
	for _, k := range list {
		key := fmt.Sprint(k)
		pv[key] = key
	}
	return pv
}

// truthy reads the flags onOffice sends as "true", true, "1" or 1.
func truthy(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case string:
		return t == "true" || t == "1"
	case float64:
		return t != 0
	}
	return false
}

// isEmptyList reports whether raw is a JSON list with no entries, [] or [[]].
func isEmptyList(raw json.RawMessage) bool {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return false
	}
	for _, e := range list {
		if !isEmptyList(e) {
			return false
		}
	}
	return true
}
