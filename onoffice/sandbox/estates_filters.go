package sandbox

import (
	"bytes"
	"encoding/json"
	"sort"
)

// Saved filters ("Get filter"): filters stored in enterprise for estates or
// addresses, listed by id and applied through filterid on reads. The seed
// keeps them in s.Extra["filters"] as module → records with Id, scope,
// name, userId, groupId and filter (field → []{op, val}).

// estSavedFilters returns the saved filters of a module, ordered by id.
func estSavedFilters(s *Store, module string) []Record {
	all, _ := s.Extra["filters"].(map[string][]Record)
	list := append([]Record(nil), all[module]...)
	sort.SliceStable(list, func(i, j int) bool { return idOf(list[i]) < idOf(list[j]) })
	return list
}

// getFilters lists the saved filters of a module.
func getFilters(s *Store, c *Call) (*Answer, error) {
	module, err := requiredString(c.Params, "module")
	if err != nil {
		return nil, err
	}
	if module != "estate" && module != "address" {
		return nil, Fail(163, "Invalid module name: %s", module)
	}
	list := estSavedFilters(s, module)
	out := make([]OutRecord, 0, len(list))
	for _, f := range list {
		out = append(out, OutRecord{ID: idOf(f), Type: "filter", Elements: map[string]any{
			"scope": toText(f["scope"]), "name": toText(f["name"]), "userId": estNullID(f["userId"]), "groupId": estNullID(f["groupId"]),
		}})
	}
	return &Answer{Records: out, Total: Counted(len(out)), Cacheable: true}, nil
}

// estNullID is an optional id as the API sends it: a number or null.
func estNullID(v any) any {
	if n, ok := toInt(v); ok && n != 0 {
		return n
	}
	return nil
}

// estSavedFilterParam reads a filter id parameter (filterid on reads,
// filterId in the quick search) and returns the saved filter's conditions;
// an unknown id fails with 284.
func estSavedFilterParam(s *Store, module string, p map[string]any, name string) ([]condition, error) {
	if v, ok := p[name]; !ok || v == nil || v == "" {
		return nil, nil
	}
	id, err := paramInt(p, name, 0)
	if err != nil {
		return nil, err
	}
	for _, f := range estSavedFilters(s, module) {
		if idOf(f) != id {
			continue
		}
		// The stored expression uses Go slices; bring it into the decoded
		// JSON shape the filter parser reads.
		raw, _ := json.Marshal(f["filter"])
		var expr map[string]any
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&expr); err != nil || expr == nil {
			return nil, nil
		}
		return parseFilter(map[string]any{"filter": expr}, s.Fields[module])
	}
	return nil, Fail(284, "Unknown filterid: %d", id)
}

// savedFilterConditions is the hook of the generic list reader: the
// conditions of the saved filter an estate or address read names with
// filterid. Other modules have no saved filters.
func savedFilterConditions(s *Store, module string, p map[string]any) ([]condition, error) {
	if module != "estate" && module != "address" {
		return nil, nil
	}
	return estSavedFilterParam(s, module, p, "filterid")
}
