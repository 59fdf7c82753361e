package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// References in a write (users, groups, records) are resolved or refused
// before anyone is asked to confirm: a user's name or login becomes what
// the field stores, and a name that fits no one is refused with the
// choices, instead of failing in onOffice after the person said yes.

// loginUserFields store a user's login name; every other user field
// stores the user id.
var loginUserFields = map[string]bool{
	"task.Verantwortung": true, "task.Bearbeiter": true, "task.von": true,
	"address.Benutzer": true, "calendar.von": true, "agentsLog.Benutzer": true,
}

// userRef is one user as the user list names it.
type userRef struct {
	ID          int
	Login, Name string
}

func (u userRef) String() string {
	return fmt.Sprintf("%s (%s, id %d)", u.Login, u.Name, u.ID)
}

// users reads the users of the installation.
func users(ctx context.Context, env *Env) ([]userRef, error) {
	res, err := env.API.Call(ctx, rowOf("user_list").request("", nil))
	if err != nil {
		return nil, fmt.Errorf("read the users to check the named user: %w", err)
	}
	var out []userRef
	for _, r := range res.Records {
		el := r.Fields()
		id, _ := strconv.Atoi(r.IDString())
		out = append(out, userRef{ID: id, Login: text(el["username"]),
			Name: strings.TrimSpace(text(el["firstname"]) + " " + text(el["lastname"]))})
	}
	return out, nil
}

// resolveUser finds the one user that s names: by id, login or full name
// ("Felix Brandt" or "Brandt, Felix"), or by a last name only one user has.
func resolveUser(ctx context.Context, env *Env, arg, s string) (userRef, error) {
	list, err := users(ctx, env)
	if err != nil {
		return userRef{}, err
	}
	want := strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if first, last, ok := strings.Cut(want, ","); ok {
		want = strings.TrimSpace(last) + " " + strings.TrimSpace(first)
	}
	var byLast []userRef
	for _, u := range list {
		name := strings.ToLower(u.Name)
		if strconv.Itoa(u.ID) == want || strings.ToLower(u.Login) == want || name == want {
			return u, nil
		}
		if f := strings.Fields(name); len(f) > 0 && f[len(f)-1] == want {
			byLast = append(byLast, u)
		}
	}
	if len(byLast) == 1 {
		return byLast[0], nil
	}
	choices := byLast
	what := "several users are called so"
	if len(choices) == 0 {
		choices, what = list, "no user has this login, name or id"
	}
	names := make([]string, 0, len(choices))
	for i, u := range choices {
		if i == 30 {
			names = append(names, fmt.Sprintf("… (%d in all[[; user_list lists them]])", len(choices)))
			break
		}
		names = append(names, u.String())
	}
	return userRef{}, argErrorf(arg, "%q: %s; users: %s", s, what, strings.Join(names, ", "))
}

// resolveUserValue turns the user named in a user field into what the
// field stores: the login or the id.
func resolveUserValue(ctx context.Context, env *Env, module, arg, field string, v any) (any, error) {
	s := strings.TrimSpace(plainArg(v))
	if v == nil || s == "" {
		return v, nil
	}
	if _, ok := v.([]any); ok {
		return nil, argErrorf(arg, "takes one user, not a list")
	}
	u, err := resolveUser(ctx, env, arg, s)
	if err != nil {
		return nil, err
	}
	if loginUserFields[module+"."+field] {
		return u.Login, nil
	}
	return float64(u.ID), nil
}

// groupRef is one user group.
type groupRef struct {
	ID        int
	Name, Abr string
}

// resolveGroup finds the group that s names by id, name or abbreviation.
func resolveGroup(ctx context.Context, env *Env, arg, s string) (groupRef, error) {
	res, err := env.API.Call(ctx, rowOf("group_list").request("", nil))
	if err != nil {
		return groupRef{}, fmt.Errorf("read the groups to check the named group: %w", err)
	}
	var all []string
	for _, r := range res.Records {
		el := r.Fields()
		id, _ := strconv.Atoi(r.IDString())
		g := groupRef{ID: id, Name: text(el["name"]), Abr: text(el["abr"])}
		if strconv.Itoa(g.ID) == s || strings.EqualFold(g.Name, s) || (g.Abr != "" && strings.EqualFold(g.Abr, s)) {
			return g, nil
		}
		all = append(all, fmt.Sprintf("%s (%s, id %d)", g.Name, g.Abr, g.ID))
	}
	return groupRef{}, argErrorf(arg, "%q is not a group of this installation; groups: %s", s, strings.Join(all, ", "))
}

// checkGroupIDs refuses group ids that do not exist.
func checkGroupIDs(ctx context.Context, env *Env, arg string, ids []int) error {
	for _, id := range ids {
		if _, err := resolveGroup(ctx, env, arg, strconv.Itoa(id)); err != nil {
			return err
		}
	}
	return nil
}

// checkUserIDs refuses user ids that do not exist.
func checkUserIDs(ctx context.Context, env *Env, arg string, ids []int) error {
	for _, id := range ids {
		if _, err := resolveUser(ctx, env, arg, strconv.Itoa(id)); err != nil {
			return err
		}
	}
	return nil
}

// checkRecords refuses ids of addresses or estates that do not exist (or
// that the API user cannot read), in one read; other modules pass.
func checkRecords(ctx context.Context, env *Env, module, arg string, ids ...int) error {
	var want []int
	for _, id := range uniqueInts(ids) {
		if id > 0 {
			want = append(want, id)
		}
	}
	if len(want) == 0 {
		return nil
	}
	var a onoffice.Action
	switch module {
	case "estate":
		a = rowOf("estate_read").request("", map[string]any{
			"data": []string{"objekttitel"}, "listlimit": len(want),
			"filter": map[string]any{"Id": []map[string]any{{"op": "in", "val": want}}},
		})
	case "address":
		a = addressesByID(want, []string{"Name"})
	default:
		return nil
	}
	res, err := env.API.Call(ctx, a)
	if err != nil {
		return fmt.Errorf("check the %s ids of %s: %w", module, arg, err)
	}
	found := map[int]bool{}
	for _, id := range recordIDs(res.Records) {
		found[id] = true
	}
	var missing []string
	for _, id := range want {
		if !found[id] {
			missing = append(missing, strconv.Itoa(id))
		}
	}
	if len(missing) > 0 {
		return argErrorf(arg, "there is no %s with id %s (or no right to read it)", module, strings.Join(missing, ", "))
	}
	return nil
}

// resolveActionType finds the type of an action kind that s names, by key
// or label, in the installation's list of kinds and types.
func resolveActionType(ctx context.Context, env *Env, kind, s string) (string, error) {
	res, err := env.API.Call(ctx, rowOf("action_type_list").request("", nil))
	if err != nil {
		return "", fmt.Errorf("read the action kinds to check the action type: %w", err)
	}
	for _, rec := range res.Records {
		var el struct {
			Key   string          `json:"key"`
			Types json.RawMessage `json:"types"`
		}
		if json.Unmarshal(rec.Elements, &el) != nil || el.Key != kind {
			continue
		}
		var types map[string]string
		_ = json.Unmarshal(el.Types, &types) // [] when the kind has no types
		if len(types) == 0 {
			return "", argErrorf("actiontype", "the kind %s has no action types; leave actiontype out", kind)
		}
		f := &fieldSpec{FieldInfo: onoffice.FieldInfo{Name: "Aktionstyp of " + kind, Permitted: types}, Kind: "singleselect"}
		return f.selectKey("actiontype", s)
	}
	return s, nil // a kind the list does not show: onOffice judges
}
