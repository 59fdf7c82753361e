package tools

import (
	"context"
	"encoding/json"
	"regexp"
	"sort"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// Suggestions for argument completion (MCP completion/complete): records
// and keys a person is likely to mean by what they have typed so far. Each
// lookup is one small request (or the cached field configuration); the
// MCP edge turns suggestions into values the argument accepts.

// Suggestion is one completion candidate. ID is the value an argument
// takes; Label is CRM text that helps a person pick (title, town, name).
type Suggestion struct {
	ID    string
	Label string
}

// MaxSuggestions caps the candidates of one completion.
const MaxSuggestions = 20

var digits = regexp.MustCompile(`^[0-9]{1,9}$`)

// likePrefix drops LIKE wildcards from typed text: onOffice documents no
// way to escape them, and a typed % or _ would otherwise match anything.
func likePrefix(s string) string {
	return strings.NewReplacer("%", "", "_", "").Replace(s)
}

// SuggestEstates finds estates by id, by a word of the title or by the
// start of the town's name, in one request.
func SuggestEstates(ctx context.Context, env *Env, prefix string) ([]Suggestion, error) {
	prefix = strings.TrimSpace(prefix)
	data := []string{"objekttitel", "ort"}
	base := map[string]any{"data": data, "listlimit": MaxSuggestions, "sortby": map[string]string{"objekttitel": "ASC"}}
	var actions []onoffice.Action
	switch {
	case prefix == "":
		actions = append(actions, rowOf("estate_read").request("", base))
	case digits.MatchString(prefix):
		actions = append(actions, rowOf("estate_read").request(prefix, map[string]any{"data": data}))
	default:
		p := likePrefix(prefix)
		for _, f := range []struct{ field, pattern string }{{"objekttitel", "%" + p + "%"}, {"ort", p + "%"}} {
			params := map[string]any{}
			for k, v := range base {
				params[k] = v
			}
			params["filter"] = map[string]any{f.field: []map[string]any{{"op": "like", "val": f.pattern}}}
			actions = append(actions, rowOf("estate_read").request("", params))
		}
	}
	return suggestRecords(ctx, env, actions, func(el map[string]any) string {
		// The town first: a long title may be cut for display.
		title, town := text(el["objekttitel"]), text(el["ort"])
		if town == "" {
			return title
		}
		return town + ": " + title
	})
}

// SuggestAddresses finds addresses by id or by the start of the last
// name, first name or company, in one request.
func SuggestAddresses(ctx context.Context, env *Env, prefix string) ([]Suggestion, error) {
	prefix = strings.TrimSpace(prefix)
	data := []string{"Vorname", "Name", "Zusatz1", "Ort"}
	base := map[string]any{"data": data, "listlimit": MaxSuggestions, "sortby": map[string]string{"Name": "ASC"}}
	var actions []onoffice.Action
	switch {
	case prefix == "":
		actions = append(actions, rowOf("address_read").request("", base))
	case digits.MatchString(prefix):
		actions = append(actions, rowOf("address_read").request(prefix, map[string]any{"data": data}))
	default:
		for _, field := range []string{"Name", "Vorname", "Zusatz1"} {
			params := map[string]any{}
			for k, v := range base {
				params[k] = v
			}
			params["filter"] = map[string]any{field: []map[string]any{{"op": "like", "val": likePrefix(prefix) + "%"}}}
			actions = append(actions, rowOf("address_read").request("", params))
		}
	}
	return suggestRecords(ctx, env, actions, func(el map[string]any) string {
		name := strings.TrimSpace(text(el["Vorname"]) + " " + text(el["Name"]))
		if company := text(el["Zusatz1"]); company != "" {
			name = strings.TrimSpace(name + ", " + company)
		}
		if town := text(el["Ort"]); town != "" {
			name += " (" + town + ")"
		}
		return name
	})
}

// suggestRecords runs the actions in one request and merges their records
// by id, in answer order, up to MaxSuggestions.
func suggestRecords(ctx context.Context, env *Env, actions []onoffice.Action, label func(map[string]any) string) ([]Suggestion, error) {
	outcomes, err := env.API.Do(ctx, actions...)
	if err != nil {
		return nil, err
	}
	var out []Suggestion
	seen := map[string]bool{}
	for _, o := range outcomes {
		if o.Err != nil {
			// A record read by id that does not exist, or a filter a
			// configuration rejects: the other actions may still help.
			continue
		}
		for _, rec := range o.Result.Records {
			id := rec.IDString()
			if id == "" || seen[id] || len(out) == MaxSuggestions {
				continue
			}
			seen[id] = true
			out = append(out, Suggestion{ID: id, Label: label(rec.Fields())})
		}
	}
	return out, nil
}

// SuggestUsers lists users whose login, first or last name starts with
// prefix; ID is the login, or the user's number when byNumber is set.
func SuggestUsers(ctx context.Context, env *Env, prefix string, byNumber bool) ([]Suggestion, error) {
	res, err := env.API.Call(ctx, rowOf("user_list").request("", nil))
	if err != nil {
		return nil, err
	}
	p := strings.ToLower(strings.TrimSpace(prefix))
	var out []Suggestion
	for _, rec := range res.Records {
		el := rec.Fields()
		login, first, last := text(el["username"]), text(el["firstname"]), text(el["lastname"])
		if login == "" || !anyHasPrefix(p, login, first, last) {
			continue
		}
		id := login
		if byNumber {
			id = rec.IDString()
		}
		out = append(out, Suggestion{ID: id, Label: strings.TrimSpace(first + " " + last)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return capped(out), nil
}

// SuggestActionKinds lists the agents-log kinds of action (Aktionsart
// keys) starting with prefix.
func SuggestActionKinds(ctx context.Context, env *Env, prefix string) ([]Suggestion, error) {
	kinds, err := actionKinds(ctx, env)
	if err != nil {
		return nil, err
	}
	p := strings.ToLower(strings.TrimSpace(prefix))
	var out []Suggestion
	for _, k := range kinds {
		if anyHasPrefix(p, k.key, k.label) {
			out = append(out, Suggestion{ID: k.key, Label: k.label})
		}
	}
	return capped(out), nil
}

// SuggestActionTypes lists the types of action (Aktionstyp keys) starting
// with prefix: of the given kind, or of every kind when kind is empty.
func SuggestActionTypes(ctx context.Context, env *Env, kind, prefix string) ([]Suggestion, error) {
	kinds, err := actionKinds(ctx, env)
	if err != nil {
		return nil, err
	}
	p := strings.ToLower(strings.TrimSpace(prefix))
	var out []Suggestion
	seen := map[string]bool{}
	for _, k := range kinds {
		if kind != "" && !strings.EqualFold(k.key, kind) {
			continue
		}
		for _, t := range k.types {
			if !seen[t.ID] && anyHasPrefix(p, t.ID, t.Label) {
				seen[t.ID] = true
				out = append(out, Suggestion{ID: t.ID, Label: t.Label})
			}
		}
	}
	return capped(out), nil
}

type actionKind struct {
	key, label string
	types      []Suggestion
}

// actionKinds reads the kinds of action with their types (one request).
func actionKinds(ctx context.Context, env *Env) ([]actionKind, error) {
	res, err := env.API.Call(ctx, rowOf("action_type_list").request("", nil))
	if err != nil {
		return nil, err
	}
	var out []actionKind
	for _, rec := range res.Records {
		var el struct {
			Key   string          `json:"key"`
			Label string          `json:"label"`
			Types json.RawMessage `json:"types"`
		}
		if json.Unmarshal(rec.Elements, &el) != nil || el.Key == "" {
			continue
		}
		var types map[string]string
		_ = json.Unmarshal(el.Types, &types) // [] when the kind has no types
		k := actionKind{key: el.Key, label: el.Label}
		for _, key := range sortedKeysByLabel(types) {
			k.types = append(k.types, Suggestion{ID: key, Label: types[key]})
		}
		out = append(out, k)
	}
	return out, nil
}

func anyHasPrefix(prefix string, values ...string) bool {
	if prefix == "" {
		return true
	}
	for _, v := range values {
		if strings.HasPrefix(strings.ToLower(v), prefix) {
			return true
		}
	}
	return false
}

func capped(s []Suggestion) []Suggestion {
	if len(s) > MaxSuggestions {
		return s[:MaxSuggestions]
	}
	return s
}
