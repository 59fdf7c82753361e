package tools

import "encoding/json"

// argsOf returns the arguments as a map, for "next page" hints.
func argsOf(p any) map[string]any {
	b, _ := json.Marshal(p)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return m
}
