package tools

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

// refFields are fields of list reads that hold ids of other records, by
// the kind of record; fields of type user (advisors, creators) are found
// through the field configuration.
var refFields = map[string]string{
	"Objekt_nr":          "estate",
	"Adress_nr":          "address",
	"relatedAddressId":   "address",
	"relatedEstateId":    "estate",
	"adresse":            "address",
	"internaladdressid":  "address",
	"estate":             "estate", // appointments
	"assignedaddressids": "address",
	"assignedobjectids":  "estate",
	"estateid":           "estate", // pictures, e-mail links
	"addressid":          "address",
	"von":                "user",
	// user fields; the field configuration marks them too, where it has them
	"Benutzer":      "user",
	"benutzer":      "user",
	"advisor":       "user",
	"creator":       "user",
	"Verantwortung": "user",
	"Bearbeiter":    "user",
	"erstellt_von":  "user",
	"userId":        "user", // saved filters, change log
	"userIds":       "user", // groups
	"leaders":       "user",
	"username":      "user", // uploader of an appointment file
}

// maxRefName is the longest name shown after an id; estate titles run
// long, and the name only has to tell records apart.
const maxRefName = 40

var idRE = regexp.MustCompile(`\d+`)

// nameRefs fills l.Names with the display names of the users, addresses
// and estates the records refer to, read in one batch (recordNames). It
// is best effort: ids it cannot name stay bare.
func nameRefs(ctx context.Context, env *Env, res onoffice.Result, l *condense.List) {
	if env.Render.Raw {
		return // raw output is onOffice's answer as it came
	}
	kindOf := func(k string) string {
		if kind, ok := refFields[k]; ok {
			return kind
		}
		if l.Fields != nil {
			if f, ok := l.Fields.Fields[k]; ok && f.Type == "user" {
				return "user"
			}
		}
		return ""
	}
	byKind := map[string][]int{}
	fieldKinds := map[string]string{}
	users := false
	for _, rec := range res.Records {
		for k, v := range rec.Fields() {
			kind := kindOf(k)
			if kind == "" {
				continue
			}
			fieldKinds[k] = kind
			if kind == "user" {
				users = true // logins and ids: the one user list names both
				continue
			}
			for _, s := range idRE.FindAllString(text(flatValue(v)), -1) {
				if id, err := strconv.Atoi(s); err == nil && id > 0 {
					byKind[kind] = append(byKind[kind], id)
				}
			}
		}
	}
	if len(fieldKinds) == 0 {
		return
	}
	names := recordNames(ctx, env, byKind)
	var userNames map[string]string
	if users {
		userNames = userNamesByIDAndLogin(ctx, env)
	}
	l.Names = map[string]map[string]string{}
	for k, kind := range fieldKinds {
		m := map[string]string{}
		for id, n := range names[kind] {
			m[strconv.Itoa(id)] = shortName(n)
		}
		if kind == "user" {
			m = userNames
		}
		l.Names[k] = m
	}
}

// flatValue turns a list of ids into one text for the id scan.
func flatValue(v any) any {
	list, ok := v.([]any)
	if !ok {
		return v
	}
	out := ""
	for _, e := range list {
		out += " " + text(e)
	}
	return out
}

// userNamesByIDAndLogin maps user ids and logins to names: some user
// fields hold the id, others (such as an address's Benutzer) the login.
func userNamesByIDAndLogin(ctx context.Context, env *Env) map[string]string {
	res, err := env.API.Call(ctx, rowOf("user_list").request("", nil))
	if err != nil {
		return nil
	}
	out := map[string]string{}
	for _, rec := range res.Records {
		el := rec.Fields()
		name := recordNameOf("user", el)
		if name == "" {
			continue
		}
		out[rec.IDString()] = name
		if login := text(el["username"]); login != "" {
			out[login] = name
		}
	}
	return out
}

func shortName(n string) string {
	r := []rune(n)
	if len(r) <= maxRefName {
		return n
	}
	out := strings.TrimSpace(string(r[:maxRefName-1])) + "…"
	if strings.Count(out, "(") > strings.Count(out, ")") {
		out += ")" // a company in brackets keeps its closing one
	}
	return out
}

// nameContacts adds each contact's name to the contact objects of
// appointment records ({"id": 10162, "status": …} gains "name"), so that
// participants read as people, not ids.
func nameContacts(ctx context.Context, env *Env, res *onoffice.Result, field string) {
	var ids []int
	for _, rec := range res.Records {
		list, _ := rec.Fields()[field].([]any)
		for _, e := range list {
			if m, ok := e.(map[string]any); ok {
				if id, err := strconv.Atoi(text(m["id"])); err == nil {
					ids = append(ids, id)
				}
			}
		}
	}
	if len(ids) == 0 {
		return
	}
	names := recordNames(ctx, env, map[string][]int{"address": ids})["address"]
	editRecords(res, func(_ string, el map[string]any) bool {
		list, _ := el[field].([]any)
		changed := false
		for _, e := range list {
			m, ok := e.(map[string]any)
			if !ok {
				continue
			}
			id, _ := strconv.Atoi(text(m["id"]))
			if n := names[id]; n != "" {
				m["name"] = n
				changed = true
			}
		}
		return changed
	})
}
