package tools

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

func settingsTools() []Tool {
	return []Tool{
		define("basic_settings_read", "Read basic settings",
			"Read the agency's corporate design (colours, claim, logo summarised), 'about us' text and whether app time tracking is on.",
			readBasicSettings),
		define("imprint_read", "Read imprint",
			"Read the agency's imprint (company, address, register, VAT id, authority, bank), or with userid that of the user's office.",
			readImprint),
		define("group_list", "List groups",
			"List user groups (offices, regions, teams) with their member and leader user ids.",
			listGroups),
		define("user_read", "Read users",
			"Read users (agents) with filter, sort and paging, or one by id. Name is the login advisor fields expect; Nr is the user id.",
			readUsers),
		define("user_list", "List users",
			"Users with id, login, name and e-mail: an agent's id or login for other tools.",
			listUsers),
		define("user_photo_read", "Read user photos",
			"Get users' photo links (URLs, never image data); users without a photo are named.",
			readUserPhotos),
		define("user_rights_check", "Check user record rights",
			"Check on which of the given records a user holds a right (read, modify, delete, create).",
			checkUserRights),
		define("field_config_get", "Get field configuration",
			"Fields of onOffice modules with label, type and select keys, for data, filter, sortby and writes.",
			getFieldConfig),
		define("multiselect_config_get", "Get select values",
			"List select fields' values with key, label, position, default flag and parent value.",
			getMultiselectConfig),
		define("action_type_list", "List action kinds and types",
			"List activity kinds (Aktionsart) and their types (Aktionstyp); only listed pairs are accepted.",
			listActionTypes),
		define("region_list", "List regions",
			"Show the region tree (Bundesland, Kreis or Stadt, Stadtteil) with postcodes; region fields store the region key.",
			listRegions),
		define("region_search", "Search regions",
			"Find regions by part of their name, e.g. a district, with key (as region fields store it) and path.",
			searchRegions),
		withPreview(define("access_control_apply", "Apply record rights stamp",
			"Apply a saved rights stamp to a record: it replaces who may read, modify and delete it, and can lock colleagues out.",
			applyAccessControl), previewAccessControl),
	}
}

// ---------------------------------------------------------------------------
// basic settings

// BasicSettingsReadParams are the arguments of basic_settings_read. The API
// nests the keys as data.basicData.<category>; basicData is the only
// readable tab, so the tool takes the three categories directly.
type BasicSettingsReadParams struct {
	CharacteristicsCi []string `json:"characteristicsCi,omitempty" jsonschema:"enum=logo,enum=color,enum=color2,enum=textcolorMail,enum=claim,enum=systemUiColor,enum=moduleIconUiColor,enum=moduleIconShadeUiType,enum=warningNoticeUiColor,enum=showLogoInQuickbar,enum=spotColor" jsonschema_description:"CI keys (colours are hex)"`
	Team              []string `json:"team,omitempty" jsonschema:"enum=about"`
	Permissions       []string `json:"permissions,omitempty" jsonschema:"enum=/onOfficeApp/timetracking/enabled"`
}

var defaultCIKeys = []string{"logo", "color", "color2", "textcolorMail", "claim", "systemUiColor", "moduleIconUiColor", "moduleIconShadeUiType", "warningNoticeUiColor", "showLogoInQuickbar", "spotColor"}

func readBasicSettings(ctx context.Context, env *Env, p BasicSettingsReadParams) (*Result, error) {
	cats := map[string][]string{"characteristicsCi": p.CharacteristicsCi, "team": p.Team, "permissions": p.Permissions}
	if len(p.CharacteristicsCi)+len(p.Team)+len(p.Permissions) == 0 {
		cats = map[string][]string{"characteristicsCi": defaultCIKeys, "team": {"about"}, "permissions": {"/onOfficeApp/timetracking/enabled"}}
	}
	if env.Render.Raw {
		// Raw answers are passed on unmodified, so the logo's image data
		// would reach the model: do not ask for it.
		var ci []string
		for _, k := range cats["characteristicsCi"] {
			if k != "logo" {
				ci = append(ci, k)
			}
		}
		cats["characteristicsCi"] = ci
	}
	basic := map[string]any{}
	for k, v := range cats {
		if len(v) > 0 {
			basic[k] = v
		}
	}
	if len(basic) == 0 {
		return nil, argErrorf("characteristicsCi", "the logo is image data and is not returned in raw mode; ask for other keys")
	}
	res, err := env.call(ctx, "", map[string]any{"data": map[string]any{"basicData": basic}})
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	var el struct {
		BasicData map[string]map[string]any `json:"basicData"`
	}
	if len(res.Records) > 0 {
		_ = json.Unmarshal(res.Records[0].Elements, &el)
	}
	var b strings.Builder
	structured := map[string]any{}
	for _, cat := range []string{"characteristicsCi", "team", "permissions"} {
		for _, k := range keys(el.BasicData[cat]) {
			v := el.BasicData[cat][k]
			if k == "logo" {
				v = imageSummary(v)
			}
			s, ok := condense.Value(nil, v)
			if !ok {
				s = "(not set)"
			}
			fmt.Fprintf(&b, "%s.%s: %s\n", cat, k, s)
			structured[k] = s
		}
	}
	if b.Len() == 0 {
		return &Result{Text: "No basic settings returned."}, nil
	}
	return withStructured(env, &Result{Text: strings.TrimRight(b.String(), "\n")}, structured), nil
}

// imageSummary replaces base64 image data by a short description, so that
// no image bytes reach the model.
func imageSummary(v any) any {
	s, ok := v.(string)
	if !ok || s == "" {
		return v
	}
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return s
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return fmt.Sprintf("[image data, %d characters, not shown]", len(s))
	}
	kind := "image"
	switch {
	case strings.HasPrefix(string(raw), "\x89PNG"):
		kind = "PNG image"
	case strings.HasPrefix(string(raw), "\xff\xd8"):
		kind = "JPEG image"
	case strings.HasPrefix(string(raw), "GIF8"):
		kind = "GIF image"
	}
	return fmt.Sprintf("[%s, %.1f kB, not shown]", kind, float64(len(raw))/1024)
}

// ---------------------------------------------------------------------------
// imprint

// ImprintReadParams are the arguments of imprint_read.
type ImprintReadParams struct {
	Data         []string `json:"data,omitempty" jsonschema:"enum=title,enum=firstname,enum=lastname,enum=firma,enum=postcode,enum=city,enum=street,enum=housenumber,enum=state,enum=country,enum=phone,enum=mobil,enum=fax,enum=email,enum=homepage,enum=vertretungsberechtigter,enum=berufsaufsichtsbehoerde,enum=handelsregister,enum=handelsregisterNr,enum=ustId,enum=bank,enum=iban,enum=bic,enum=chamber"`
	UserID       int      `json:"userid,omitempty" jsonschema:"minimum=1"`
	Language     string   `json:"language,omitempty" jsonschema:"pattern=^[A-Z]{3}$"`
	FormatOutput bool     `json:"formatoutput,omitempty" jsonschema_description:"Country as name, not ISO code"`
}

func readImprint(ctx context.Context, env *Env, p ImprintReadParams) (*Result, error) {
	params := map[string]any{}
	setIf(params, "data", p.Data, len(p.Data) > 0)
	setIf(params, "language", p.Language, p.Language != "")
	setIf(params, "formatoutput", true, p.FormatOutput)
	res, err := env.call(ctx, optionalID(p.UserID), params)
	if err != nil {
		return nil, err
	}
	title := "Imprint"
	if p.UserID > 0 {
		title = fmt.Sprintf("Imprint as it applies to user %d", p.UserID)
	}
	order := p.Data
	if len(order) == 0 {
		order = imprintOrder
	}
	return flatRecord(res, title, order, env.Render), nil
}

// imprintOrder is the order of the imprint fields in onOffice.
var imprintOrder = []string{"firma", "title", "firstname", "lastname", "street", "housenumber", "postcode", "city", "state", "country", "phone", "mobil", "fax", "email", "homepage", "vertretungsberechtigter", "berufsaufsichtsbehoerde", "handelsregister", "handelsregisterNr", "ustId", "chamber", "bank", "iban", "bic"}

// flatRecord renders the first record's elements as "key: value" lines in
// the order asked for, between the CRM-data markers; unset values are
// named in one line.
func flatRecord(res onoffice.Result, title string, order []string, opts condense.Options) *Result {
	if opts.Raw {
		return &Result{Text: string(res.Raw)}
	}
	if len(res.Records) == 0 {
		return &Result{Text: title + ": nothing returned."}
	}
	el := res.Records[0].Fields()
	var b strings.Builder
	b.WriteString(title + "\n")
	var empty []string
	structured := map[string]any{}
	seen := map[string]bool{}
	for _, k := range append(append([]string{}, order...), keys(el)...) {
		if seen[k] {
			continue
		}
		seen[k] = true
		v, present := el[k]
		if !present {
			continue
		}
		s, ok := condense.Value(nil, v)
		if !ok {
			empty = append(empty, k)
			continue
		}
		fmt.Fprintf(&b, "%s: %s\n", condense.Name(k), condense.Untrusted(s))
		structured[k] = s
	}
	if len(empty) > 0 {
		b.WriteString("empty: " + condense.Names(empty) + "\n")
	}
	out := &Result{Text: strings.TrimRight(b.String(), "\n")}
	if opts.Structured {
		out.Structured = structured
	}
	return out
}

// ---------------------------------------------------------------------------
// users and groups

// GroupListParams are the arguments of group_list.
type GroupListParams struct {
	GroupFilter string `json:"groupfilter,omitempty" jsonschema:"enum=officeGroups,enum=noRegionGroups"`
}

func listGroups(ctx context.Context, env *Env, p GroupListParams) (*Result, error) {
	params := map[string]any{}
	setIf(params, "groupfilter", p.GroupFilter, p.GroupFilter != "")
	return listCall(ctx, env, env.request("", params),
		condense.List{Noun: "groups", Requested: []string{"name", "abr", "groupType", "userIds", "leaders"}, IDField: "id"})
}

// UserReadParams are the arguments of user_read.
type UserReadParams struct {
	ID         int      `json:"id,omitempty" jsonschema:"minimum=1"`
	Data       []string `json:"data,omitempty" jsonschema_description:"e.g. [\"Vorname\",\"Nachname\",\"email\"]"`
	Filter     Filter   `json:"filter,omitempty"`
	SortBy     SortBy   `json:"sortby,omitempty"`
	ListLimit  int      `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=500,default=20"`
	ListOffset int      `json:"listoffset,omitempty" jsonschema:"minimum=0,default=0"`
}

var defaultUserFields = []string{"Name", "Vorname", "Nachname", "Kuerzel", "PositionUnternehmen", "email", "Telefon", "Mobil", "Ort", "online"}

func readUsers(ctx context.Context, env *Env, p UserReadParams) (*Result, error) {
	lp := listParams{Data: p.Data, Filter: p.Filter, SortBy: p.SortBy, ListLimit: p.ListLimit, ListOffset: p.ListOffset}.withDefaults(defaultUserFields)
	if err := lp.check(ctx, env, "user"); err != nil {
		return nil, err
	}
	params := map[string]any{}
	lp.apply(params)
	return lp.readList(ctx, env, "user", p.ID, params, condense.List{Noun: "users", Requested: lp.Data, IDField: "Nr"}, p)
}

// UserListParams are the arguments of user_list.
type UserListParams struct {
	UserFilter string `json:"userfilter,omitempty" jsonschema:"enum=onlyOwn,enum=ownOfficeGroupOrAll,enum=byGroupId" jsonschema_description:"onlyOwn: the API user; ownOfficeGroupOrAll: its office; byGroupId: members of groupId"`
	GroupID    int    `json:"groupId,omitempty" jsonschema:"minimum=1" jsonschema_description:"With byGroupId[[ (group_list)]]"`
}

func listUsers(ctx context.Context, env *Env, p UserListParams) (*Result, error) {
	if p.GroupID > 0 && p.UserFilter == "" {
		p.UserFilter = "byGroupId"
	}
	switch {
	case p.UserFilter == "byGroupId" && p.GroupID == 0:
		return nil, argErrorf("groupId", "is required with userfilter byGroupId")
	case p.GroupID > 0 && p.UserFilter != "byGroupId":
		return nil, argErrorf("groupId", "only works with userfilter byGroupId, not %s", p.UserFilter)
	}
	params := map[string]any{}
	setIf(params, "userfilter", p.UserFilter, p.UserFilter != "")
	setIf(params, "groupId", p.GroupID, p.GroupID > 0)
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	// NeuerTerminFuer is app-internal appointment data; leave it out.
	editRecords(&res, func(_ string, el map[string]any) bool {
		_, ok := el["NeuerTerminFuer"]
		delete(el, "NeuerTerminFuer")
		return ok
	})
	return condense.Records(res, condense.List{Noun: "users", Requested: []string{"username", "firstname", "lastname", "email", "meetingurl"}, IDField: "id"}, env.Render), nil
}

// UserPhotoReadParams are the arguments of user_photo_read. Photos are
// always requested as links: base64 image data would flood the context.
type UserPhotoReadParams struct {
	ID        int    `json:"id,omitempty" jsonschema:"minimum=1"`
	Filter    Filter `json:"filter,omitempty" jsonschema_description:"On user fields"`
	SortBy    SortBy `json:"sortby,omitempty"`
	ListLimit int    `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=500,default=20"`
}

func readUserPhotos(ctx context.Context, env *Env, p UserPhotoReadParams) (*Result, error) {
	if err := (listParams{Filter: p.Filter, SortBy: p.SortBy}).check(ctx, env, "user"); err != nil {
		return nil, err
	}
	params := map[string]any{"photosAsLinks": true}
	setIf(params, "filter", p.Filter.wire(), len(p.Filter) > 0)
	setIf(params, "sortby", map[string]string(p.SortBy), len(p.SortBy) > 0)
	setIf(params, "listlimit", p.ListLimit, p.ListLimit > 0)
	res, err := env.call(ctx, optionalID(p.ID), params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d user photos\n", len(res.Records))
	names := recordNames(ctx, env, map[string][]int{"user": recordIDs(res.Records)})
	var none []string
	structured := map[string]any{}
	for _, rec := range res.Records {
		photo := imageSummary(rec.Fields()["photo"])
		s, ok := photo.(string)
		if !ok || s == "" {
			none = append(none, recordRef("user", idOf(rec), names))
			continue
		}
		fmt.Fprintf(&b, "- %s: %s\n", recordRef("user", idOf(rec), names), s)
		structured[rec.IDString()] = s
	}
	if len(none) > 0 {
		fmt.Fprintf(&b, "No photo: %s\n", strings.Join(none, ", "))
	}
	return withStructured(env, &Result{Text: strings.TrimRight(b.String(), "\n")}, map[string]any{"photos": structured}), nil
}

// UserRightsCheckParams are the arguments of user_rights_check.
type UserRightsCheckParams struct {
	Action    string `json:"action" jsonschema:"required,enum=read,enum=modify,enum=delete,enum=create"`
	Module    string `json:"module" jsonschema:"required,enum=estate,enum=address,enum=calendar,enum=task,enum=agents_log,enum=searchCriteria,enum=file,enum=folder,enum=project,enum=statistic,enum=emailDraft,enum=objecttracking,enum=smartsite2Root,enum=pdfForms,enum=agentslogMail"`
	UserID    int    `json:"userid" jsonschema:"required,minimum=1"`
	RecordIDs []int  `json:"recordIds" jsonschema:"required,minItems=1,maxItems=500"`
}

func checkUserRights(ctx context.Context, env *Env, p UserRightsCheckParams) (*Result, error) {
	ids := idStrings(p.RecordIDs)
	res, err := env.call(ctx, "", map[string]any{"action": p.Action, "module": p.Module, "userid": p.UserID, "recordIds": ids})
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	// elements is a list of ids here, not an object.
	allowed := map[string]bool{}
	for _, rec := range res.Records {
		var list []any
		if json.Unmarshal(rec.Elements, &list) == nil {
			for _, v := range list {
				allowed[strings.Trim(fmt.Sprint(v), `"`)] = true
			}
		}
	}
	var yes, no []string
	for _, id := range ids {
		if allowed[id] {
			yes = append(yes, id)
		} else {
			no = append(no, id)
		}
	}
	text := fmt.Sprintf("User %d may %s %d of %d %s records.", p.UserID, p.Action, len(yes), len(ids), p.Module)
	if len(yes) > 0 {
		text += "\nAllowed: " + strings.Join(yes, ", ")
	}
	if len(no) > 0 {
		text += "\nNot allowed (or no such record): " + strings.Join(no, ", ")
	}
	return withStructured(env, &Result{Text: text}, map[string]any{"allowed": yes, "denied": no}), nil
}

// ---------------------------------------------------------------------------
// select values and action kinds

// MultiselectConfigParams are the arguments of multiselect_config_get.
type MultiselectConfigParams struct {
	Module   string   `json:"module" jsonschema:"required,enum=estate,enum=address,enum=calendar,enum=task,enum=agentsLog,enum=project,enum=fakturaArticleAdministration,enum=fakturaBookings"`
	Fields   []string `json:"fields" jsonschema:"required,minItems=1"`
	Language string   `json:"language,omitempty" jsonschema:"pattern=^[A-Z]{3}$"`
}

func getMultiselectConfig(ctx context.Context, env *Env, p MultiselectConfigParams) (*Result, error) {
	if mf := moduleFields(ctx, env, p.Module); mf != nil {
		if err := checkFields(ctx, env, p.Module, "fields", p.Fields); err != nil {
			return nil, err
		}
		for _, n := range p.Fields {
			// A name the configuration does not describe is onOffice's to judge.
			if f, ok := mf.Lookup(n); ok && f.Type != "" && f.Type != "multiselect" && f.Type != "singleselect" {
				return nil, argErrorf("fields", "%s is a %s field, not a select field", n, f.Type)
			}
		}
	}
	params := map[string]any{"module": p.Module, "fields": p.Fields}
	setIf(params, "language", p.Language, p.Language != "")
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	type value struct {
		Field        string `json:"field"`
		Label        string `json:"fieldcontent"`
		Multiselect  string `json:"multiselectfield"`
		Active       any    `json:"active"`
		Default      any    `json:"default"`
		Position     any    `json:"position"`
		Level        any    `json:"level"`
		Parent       any    `json:"parent"`
		FieldFilters any    `json:"fieldfilter"`
	}
	byField := map[string][]string{}
	var order []string
	for _, rec := range res.Records {
		var v value
		if json.Unmarshal(rec.Elements, &v) != nil {
			continue
		}
		if _, ok := byField[v.Multiselect]; !ok {
			order = append(order, v.Multiselect)
		}
		s := v.Field + "=" + v.Label
		var flags []string
		if truthy(v.Default) {
			flags = append(flags, "default")
		}
		if !truthy(v.Active) {
			flags = append(flags, "inactive")
		}
		if parent, _ := v.Parent.(string); parent != "" {
			flags = append(flags, "under "+parent)
		}
		if len(flags) > 0 {
			s += " (" + strings.Join(flags, ", ") + ")"
		}
		byField[v.Multiselect] = append(byField[v.Multiselect], s)
	}
	if len(order) == 0 {
		return &Result{Text: "No select values found for these fields."}, nil
	}
	var b strings.Builder
	b.WriteString("Format: key=label, in display order\n")
	for _, f := range order {
		fmt.Fprintf(&b, "%s (%d values): %s\n", f, len(byField[f]), strings.Join(byField[f], "; "))
	}
	return withStructured(env, &Result{Text: strings.TrimRight(b.String(), "\n")}, map[string]any{"fields": byField}), nil
}

// ActionTypeListParams are the arguments of action_type_list.
type ActionTypeListParams struct {
	Lang      string   `json:"lang,omitempty" jsonschema:"pattern=^[A-Z]{3}$"`
	Automatic []string `json:"allowAutomaticTypesForActionKind,omitempty" jsonschema_description:"Add hidden system types of these kinds"`
}

func listActionTypes(ctx context.Context, env *Env, p ActionTypeListParams) (*Result, error) {
	if mf := moduleFields(ctx, env, "agentsLog"); mf != nil && len(p.Automatic) > 0 {
		kinds := mf.Fields["Aktionsart"].Permitted
		if len(kinds) > 0 {
			for _, k := range p.Automatic {
				if _, ok := kinds[k]; !ok {
					return nil, argErrorf("allowAutomaticTypesForActionKind", "unknown kind %q%s; valid kinds: %s", k, suggest(k, keys(kinds)), strings.Join(keys(kinds), ", "))
				}
			}
		}
	}
	params := map[string]any{}
	setIf(params, "lang", p.Lang, p.Lang != "")
	setIf(params, "allowAutomaticTypesForActionKind", p.Automatic, len(p.Automatic) > 0)
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	var b strings.Builder
	b.WriteString("Aktionsart key (label): Aktionstyp keys [=label when it differs]\n")
	structured := map[string]any{}
	for _, rec := range res.Records {
		var el struct {
			Key     string          `json:"key"`
			Label   string          `json:"label"`
			Types   json.RawMessage `json:"types"`
			Default any             `json:"default"`
		}
		if json.Unmarshal(rec.Elements, &el) != nil || el.Key == "" {
			continue
		}
		var types map[string]string
		_ = json.Unmarshal(el.Types, &types) // [] when the kind has no types
		line := "- " + el.Key
		if el.Label != "" && el.Label != el.Key {
			line += " (" + el.Label + ")"
		}
		list := keyLabels(sortedKeysByLabel(types), types, true)
		if len(list) == 0 {
			line += ": no types (leave Aktionstyp empty)"
		} else {
			line += ": " + strings.Join(list, ", ")
			if d, _ := el.Default.(string); d != "" {
				line += " [default " + d + "]"
			}
		}
		b.WriteString(line + "\n")
		structured[el.Key] = types
	}
	return withStructured(env, &Result{Text: strings.TrimRight(b.String(), "\n")}, map[string]any{"kinds": structured}), nil
}

// ---------------------------------------------------------------------------
// regions

// RegionListParams are the arguments of region_list.
type RegionListParams struct {
	Language string `json:"language,omitempty" jsonschema:"pattern=^[A-Z]{3}$"`
}

type regionNode struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Description *string         `json:"description"`
	PostalCodes json.RawMessage `json:"postalcodes"`
	State       string          `json:"state"`
	Children    json.RawMessage `json:"children"`
}

func listRegions(ctx context.Context, env *Env, p RegionListParams) (*Result, error) {
	params := map[string]any{}
	setIf(params, "language", p.Language, p.Language != "")
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	budget := env.Render.Budget
	if budget <= 0 {
		budget = condense.DefaultBudget
	}
	var b strings.Builder
	b.WriteString("Region tree. Format: key name (kind) postcodes\n")
	shown, total := 0, 0
	var walk func(n regionNode, depth int)
	walk = func(n regionNode, depth int) {
		total++
		line := strings.Repeat("  ", depth) + "- " + n.ID + " " + n.Name
		if n.Description != nil && *n.Description != "" {
			line += " (" + *n.Description + ")"
		}
		if pc := postalText(n.PostalCodes); pc != "" {
			line += " " + pc
		}
		if b.Len()+len(line) < budget-200 {
			b.WriteString(line + "\n")
			shown++
		}
		var children map[string]regionNode
		if json.Unmarshal(n.Children, &children) != nil {
			return // [] when there are none
		}
		list := make([]regionNode, 0, len(children))
		for _, c := range children {
			list = append(list, c)
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
		for _, c := range list {
			walk(c, depth+1)
		}
	}
	for _, rec := range res.Records {
		var n regionNode
		if json.Unmarshal(rec.Elements, &n) == nil {
			walk(n, 0)
		}
	}
	if total == 0 {
		return &Result{Text: "No regions are configured."}, nil
	}
	if shown < total {
		fmt.Fprintf(&b, "[cut: %d of %d regions shown[[; use region_search to find a region by name]]]\n", shown, total)
	}
	return &Result{Text: strings.TrimRight(b.String(), "\n")}, nil
}

// postalText renders the two documented shapes of postalcodes: a flat
// list of codes or a list of [from, to] ranges.
func postalText(raw json.RawMessage) string {
	var list []any
	if json.Unmarshal(raw, &list) != nil || len(list) == 0 {
		return ""
	}
	parts := make([]string, 0, len(list))
	for _, e := range list {
		switch t := e.(type) {
		case []any:
			if len(t) == 2 {
				parts = append(parts, fmt.Sprintf("%v–%v", t[0], t[1]))
			}
		default:
			parts = append(parts, fmt.Sprint(t))
		}
	}
	return "PLZ " + strings.Join(parts, ", ")
}

// RegionSearchParams are the arguments of region_search.
type RegionSearchParams struct {
	SearchString string `json:"searchstring" jsonschema:"required,minLength=2"`
}

func searchRegions(ctx context.Context, env *Env, p RegionSearchParams) (*Result, error) {
	if len([]rune(strings.TrimSpace(p.SearchString))) < 2 {
		return nil, argErrorf("searchstring", "needs at least 2 characters besides spaces")
	}
	res, err := env.call(ctx, "", map[string]any{"searchstring": p.SearchString})
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	type hit struct {
		Key   string `json:"key"`
		Title string `json:"title"`
		Field string `json:"field"`
	}
	// The hits may come as one record holding a list or as one record each.
	var hits []hit
	for _, rec := range res.Records {
		var list []hit
		if json.Unmarshal(rec.Elements, &list) == nil {
			hits = append(hits, list...)
			continue
		}
		var h hit
		if json.Unmarshal(rec.Elements, &h) == nil && h.Field != "" {
			hits = append(hits, h)
		}
	}
	if len(hits) == 0 {
		return &Result{Text: fmt.Sprintf("No region matches %q.", p.SearchString)}, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d regions match %q. Format: region key: path\n", len(hits), p.SearchString)
	var structured []map[string]any
	for _, h := range hits {
		fmt.Fprintf(&b, "- %s: %s\n", h.Field, h.Title)
		structured = append(structured, map[string]any{"key": h.Field, "title": h.Title})
	}
	return withStructured(env, &Result{Text: strings.TrimRight(b.String(), "\n")}, map[string]any{"regions": structured}), nil
}

// ---------------------------------------------------------------------------
// access control

// AccessControlApplyParams are the arguments of access_control_apply.
type AccessControlApplyParams struct {
	ACTemplate    string `json:"acTemplate" jsonschema:"required,minLength=1" jsonschema_description:"Stamp name"`
	Module        string `json:"module" jsonschema:"required,enum=estate,enum=address,enum=agentsLog,enum=calendar,enum=task"`
	RecordID      int    `json:"recordId" jsonschema:"required,minimum=1"`
	TemplateOwner int    `json:"templateOwner" jsonschema:"required,minimum=1" jsonschema_description:"User who saved the stamp"`
}

func (p AccessControlApplyParams) wire() map[string]any {
	return map[string]any{"acTemplate": p.ACTemplate, "module": p.Module, "recordId": p.RecordID, "templateOwner": p.TemplateOwner}
}

func applyAccessControl(ctx context.Context, env *Env, p AccessControlApplyParams) (*Result, error) {
	if _, err := env.call(ctx, "", p.wire()); err != nil {
		return nil, err
	}
	return condense.Text("Rights stamp %q (of user %d) applied to %s %d.", p.ACTemplate, p.TemplateOwner, p.Module, p.RecordID), nil
}

func previewAccessControl(ctx context.Context, env *Env, p AccessControlApplyParams) (*Preview, error) {
	target, err := recordTarget(ctx, env, p.Module, "recordId", p.RecordID)
	if err != nil {
		return nil, err
	}
	owner := fmt.Sprintf("%s %d", env.noun("user"), p.TemplateOwner)
	if name := userName(ctx, env, p.TemplateOwner); name != "" {
		owner += " (" + name + ")"
	}
	return &Preview{
		Target:   target,
		RecordID: strconv.Itoa(p.RecordID),
		Changes: []string{
			fmt.Sprintf(env.say("record rights: replaced by stamp %q saved by %s", "Datensatzrechte: ersetzt durch den Stempel %q, gespeichert von %s"), p.ACTemplate, owner),
			env.say("users the stamp does not name may lose read, modify or delete access",
				"Benutzer, die der Stempel nicht nennt, können Lese-, Änderungs- oder Löschrechte verlieren"),
		},
	}, nil
}

// userName returns "Vorname Nachname" of a user, or "" when it cannot be read.
func userName(ctx context.Context, env *Env, id int) string {
	el, found, err := readOne(ctx, env, "user", id, map[string]any{"data": []string{"Vorname", "Nachname"}})
	if err != nil || !found {
		return ""
	}
	return strings.TrimSpace(text(el["Vorname"]) + " " + text(el["Nachname"]))
}

// ---------------------------------------------------------------------------
// field configuration

// FieldConfigParams are the arguments of field_config_get.
type FieldConfigParams struct {
	Modules      []string `json:"modules" jsonschema:"required,minItems=1,enum=estate,enum=address,enum=agentsLog,enum=calendar,enum=email,enum=file,enum=news,enum=intranet,enum=project,enum=task,enum=user,enum=searchcriteria"`
	FieldList    []string `json:"fieldList,omitempty"`
	Language     string   `json:"language,omitempty" jsonschema:"pattern=^[A-Z]{3}$"`
	Dependencies bool     `json:"showfielddependencies,omitempty" jsonschema_description:"Add the parent key a select key needs"`
	Filters      bool     `json:"showfieldfilters,omitempty" jsonschema_description:"Add the estate kinds a field applies to"`
}

// systemFieldsClause names the documented system fields of a module that
// real installations accept without listing them, or "".
func systemFieldsClause(module string) string {
	names := onoffice.SystemFieldNames(module)
	if len(names) == 0 {
		return ""
	}
	return "; also accepted though not listed here (documented system fields): " + strings.Join(names, ", ")
}

func getFieldConfig(ctx context.Context, env *Env, p FieldConfigParams) (*Result, error) {
	lang := cmp.Or(p.Language, env.Render.Language)
	// Real installations list no search-criteria fields in "get fields";
	// they come from "get searchCriteriaFields" (search_criteria_fields).
	var modules []string
	var sc strings.Builder
	for _, m := range p.Modules {
		if m != onoffice.SearchCriteriaModule {
			modules = append(modules, m)
			continue
		}
		if env.Fields == nil {
			return nil, argErrorf("modules", "search-criteria fields are not in the field configuration[[: use search_criteria_fields]]")
		}
		mf, err := env.Fields.Module(ctx, m, lang)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&sc, "module searchcriteria: %d fields from the search-criteria configuration[[ (search_criteria_fields describes them)]]: %s\n", len(mf.Fields), strings.Join(mf.Names(), ", "))
	}
	if len(modules) == 0 {
		return &Result{Text: strings.TrimRight(sc.String(), "\n")}, nil
	}
	params := map[string]any{"modules": modules, "labels": true, "showFieldMeasureFormat": true}
	setIf(params, "language", lang, lang != "")
	setIf(params, "fieldList", p.FieldList, len(p.FieldList) > 0)
	setIf(params, "showfielddependencies", true, p.Dependencies)
	setIf(params, "showfieldfilters", true, p.Filters)
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	var b strings.Builder
	b.WriteString(sc.String())
	structured := map[string]any{}
	found := map[string]bool{}
	for _, rec := range res.Records {
		module := rec.IDString()
		var el map[string]json.RawMessage
		if json.Unmarshal(rec.Elements, &el) != nil {
			// Real installations answer "elements": [] for a module
			// without configured fields.
			fmt.Fprintf(&b, "module %s: no fields configured%s\n", module, systemFieldsClause(module))
			structured[module] = map[string]any{}
			continue
		}
		var label string
		_ = json.Unmarshal(el["label"], &label)
		delete(el, "label")
		fmt.Fprintf(&b, "module %s (%s): %d fields. Format: name (label) type [keys: key=label]\n", module, label, len(el))
		mod := map[string]any{}
		for _, name := range keys(el) {
			var d struct {
				Type         string            `json:"type"`
				Label        string            `json:"label"`
				Length       *int              `json:"length"`
				Permitted    map[string]string `json:"-"`
				RawPermitted json.RawMessage   `json:"permittedvalues"`
				Dependencies json.RawMessage   `json:"dependencies"`
				Filters      json.RawMessage   `json:"filters"`
			}
			if json.Unmarshal(el[name], &d) != nil {
				continue
			}
			d.Permitted = onoffice.Permitted(d.RawPermitted)
			line := fmt.Sprintf("- %s (%s) %s", name, d.Label, d.Type)
			if d.Length != nil && *d.Length > 0 {
				line += fmt.Sprintf("(%d)", *d.Length)
			}
			entry := map[string]any{"type": d.Type, "label": d.Label}
			if len(d.Permitted) > 0 {
				line += keysClause(d.Permitted)
				entry["permitted"] = d.Permitted
			}
			if p.Dependencies && len(d.Dependencies) > 2 {
				line += " depends: " + string(d.Dependencies)
			}
			if p.Filters && len(d.Filters) > 2 {
				line += " shown for: " + string(d.Filters)
			}
			b.WriteString(line + "\n")
			mod[name] = entry
			found[name] = true
		}
		if c := systemFieldsClause(module); c != "" && len(p.FieldList) == 0 {
			b.WriteString(strings.TrimPrefix(c, "; ") + "\n")
		}
		structured[module] = mod
	}
	var missing []string
	for _, n := range p.FieldList {
		if !found[n] {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		// Name the misses, with the closest names of the modules, instead of
		// leaving the model to guess why a field is absent.
		var all []string
		documented := map[string]bool{}
		for _, m := range p.Modules {
			if mf := moduleFields(ctx, env, m); mf != nil {
				all = append(all, knownNames(mf)...)
			}
			for _, n := range onoffice.SystemFieldNames(m) {
				documented[n] = true
			}
		}
		for _, n := range missing {
			if documented[n] {
				fmt.Fprintf(&b, "not in the field configuration, but a documented system field onOffice accepts: %s\n", n)
				continue
			}
			fmt.Fprintf(&b, "not a field of %s: %s%s (onOffice may still accept it; the configuration does not list every field)\n", strings.Join(p.Modules, ", "), n, suggest(n, all))
		}
	}
	if b.Len() == 0 {
		return &Result{Text: "No fields found for these modules and names."}, nil
	}
	return withStructured(env, &Result{Text: strings.TrimRight(b.String(), "\n")}, map[string]any{"modules": structured}), nil
}
