package tools

import (
	"slices"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// Effect says what an action does outside of reading.
type Effect string

const (
	// EffectRead changes nothing.
	EffectRead Effect = "read"
	// EffectWrite creates or changes CRM data.
	EffectWrite Effect = "write"
	// EffectDelete removes CRM data.
	EffectDelete Effect = "delete"
	// EffectExternal reaches people or systems outside the CRM (mail, links, money, webhooks).
	EffectExternal Effect = "external"
)

// Action is one row of the catalogue: an onOffice API action and the tool
// that serves it. Names, annotations, toolsets and guards derive from it.
type Action struct {
	Name         string
	Module       string
	Verb         onoffice.Verb
	ResourceType string
	Effect       Effect
	// Default puts the tool into the default toolset.
	Default bool
}

const (
	read   = onoffice.VerbRead
	create = onoffice.VerbCreate
	modify = onoffice.VerbModify
	del    = onoffice.VerbDelete
	get    = onoffice.VerbGet
	do     = onoffice.VerbDo
)

// catalogue lists every onOffice action the server offers, one tool each.
// It is unexported so that nothing outside this package can change it;
// Catalogue returns a copy.
var catalogue = []Action{
	{"estate_read", "estates", read, "estate", EffectRead, true},
	{"estate_create", "estates", create, "estate", EffectWrite, false},
	{"estate_modify", "estates", modify, "estate", EffectWrite, true},
	{"estate_pdf_expose", "estates", get, "pdf", EffectRead, false},
	{"estate_file_list", "estates", get, "file", EffectRead, false},
	{"estate_picture_list", "estates", get, "estatepictures", EffectRead, false},
	{"estate_file_modify", "estates", modify, "fileRelation", EffectWrite, false},
	{"estate_file_delete", "estates", del, "fileRelation", EffectDelete, false},
	{"saved_filter_list", "estates", get, "filters", EffectRead, false},
	{"worklist_create", "estates", create, "workinglist", EffectWrite, false},
	{"price_offer_read", "estates", get, "priceOffer", EffectRead, false},
	{"price_offer_create", "estates", do, "priceOffer", EffectWrite, false},
	{"estate_tracking_read", "estates", get, "estatetrackingdetails", EffectRead, false},
	{"estate_tracking_account_create", "estates", do, "createestatetrackingaccount", EffectWrite, false},
	{"estate_category_list", "estates", get, "estateCategories", EffectRead, false},
	{"estate_search", "estates", get, "search", EffectRead, true},
	{"estate_seeker_list", "estates", get, "qualifiedsuitors", EffectRead, true},
	{"statistics_widget_list", "estates", get, "statisticWidgets", EffectRead, false},

	{"address_read", "addresses", read, "address", EffectRead, true},
	{"address_create", "addresses", create, "address", EffectWrite, true},
	{"address_modify", "addresses", modify, "address", EffectWrite, true},
	{"address_search", "addresses", get, "search", EffectRead, true},
	{"address_file_list", "addresses", get, "file", EffectRead, false},
	{"address_file_download_link", "addresses", get, "downloadFiles", EffectExternal, false},
	{"address_completion_fields", "addresses", get, "addressCompletionFields", EffectRead, false},
	{"address_completion_send", "addresses", do, "sendaddresscompletion", EffectExternal, false},
	{"newsletter_register", "addresses", do, "registerNewsletter", EffectExternal, false},
	{"address_select_values", "addresses", get, "confignewaddressfields", EffectRead, false},
	{"address_hierarchy_contacts", "addresses", get, "addressHierarchyContacts", EffectRead, false},

	{"search_criteria_read", "search-criteria", get, "searchcriterias", EffectRead, true},
	{"search_criteria_create", "search-criteria", create, "searchcriteria", EffectWrite, false},
	{"search_criteria_modify", "search-criteria", modify, "searchcriteria", EffectWrite, false},
	{"search_criteria_delete", "search-criteria", del, "searchcriteria", EffectDelete, false},
	{"search_criteria_fields", "search-criteria", get, "searchCriteriaFields", EffectRead, false},
	{"search_criteria_search", "search-criteria", get, "search", EffectRead, false},

	{"relation_list", "relations", get, "idsfromrelation", EffectRead, true},
	{"relation_create", "relations", create, "relation", EffectWrite, false},
	{"relation_modify", "relations", modify, "relation", EffectWrite, false},
	{"relation_delete", "relations", del, "relation", EffectDelete, false},

	{"agents_log_read", "agents-log", read, "agentslog", EffectRead, true},
	{"agents_log_create", "agents-log", create, "agentslog", EffectWrite, true},
	{"agents_log_modify", "agents-log", modify, "agentslog", EffectWrite, false},

	{"appointment_list", "appointments", get, "appointmentList", EffectRead, true},
	{"appointment_read", "appointments", read, "calendar", EffectRead, false},
	{"appointment_create", "appointments", create, "calendar", EffectWrite, false},
	{"appointment_modify", "appointments", modify, "calendar", EffectWrite, false},
	{"appointment_delete", "appointments", del, "calendar", EffectDelete, false},
	{"appointment_confirmation_send", "appointments", do, "appointmentAffirmation", EffectExternal, false},
	{"calendar_resource_list", "appointments", get, "calendarResources", EffectRead, false},
	{"appointment_file_list", "appointments", get, "file", EffectRead, false},
	{"appointment_conflicts", "appointments", get, "appointmentConflicts", EffectRead, false},

	{"task_read", "tasks", read, "task", EffectRead, true},
	{"task_create", "tasks", create, "task", EffectWrite, true},
	{"task_modify", "tasks", modify, "task", EffectWrite, false},

	{"file_upload", "files", do, "uploadfile", EffectWrite, false},
	{"template_list", "files", get, "templates", EffectRead, false},
	{"default_attachment_list", "files", get, "defaultAttachments", EffectRead, false},

	{"email_send", "emails", do, "sendmail", EffectExternal, false},
	{"email_link_list", "emails", get, "emailassignments", EffectRead, false},
	{"email_info", "emails", get, "emailInfo", EffectRead, false},
	{"email_link_create", "emails", do, "emailassignments", EffectWrite, false},
	{"email_signature_read", "emails", get, "emailsignature", EffectRead, false},
	{"email_template_folder_list", "emails", get, "emailtemplatefolders", EffectRead, false},

	{"basic_settings_read", "settings", read, "basicsettings", EffectRead, false},
	{"imprint_read", "settings", read, "impressum", EffectRead, false},
	{"group_list", "settings", get, "groups", EffectRead, false},
	{"user_read", "settings", read, "user", EffectRead, false},
	{"user_list", "settings", get, "users", EffectRead, true},
	{"user_photo_read", "settings", read, "userphoto", EffectRead, false},
	{"user_rights_check", "settings", get, "checkuserrecordsright", EffectRead, false},
	{"field_config_get", "settings", get, "fields", EffectRead, true},
	{"multiselect_config_get", "settings", get, "multiselectconfiguration", EffectRead, false},
	{"action_type_list", "settings", get, "actionkindtypes", EffectRead, false},
	{"region_list", "settings", get, "regions", EffectRead, false},
	{"region_search", "settings", get, "regionsLiveSearch", EffectRead, false},
	{"access_control_apply", "settings", do, "accessControl", EffectWrite, false},

	{"records_last_seen", "misc", read, "recordsLastSeen", EffectRead, false},
	{"macro_resolve", "misc", get, "macroresolve", EffectRead, false},
	{"log_entries_read", "misc", read, "log", EffectRead, false},
	{"survey_read", "misc", get, "appointmentdocument", EffectRead, false},
	{"time_tracking_modify", "misc", modify, "timetracking", EffectWrite, false},
	{"record_link_get", "misc", get, "getlink", EffectRead, false},

	{"marketplace_provider_unlock", "marketplace", do, "unlockProvider", EffectWrite, false},
	{"marketplace_invoice_recipient_read", "marketplace", get, "getMarketplaceInvoiceRecipient", EffectRead, false},
	{"marketplace_subscription_cancel", "marketplace", do, "marketplaceCancelAbo", EffectExternal, false},
	{"marketplace_payment_link_create", "marketplace", do, "subsequentPaymentLink", EffectExternal, false},
	{"marketplace_transaction_refund", "marketplace", do, "transactionRefund", EffectExternal, false},
	{"marketplace_webhooks_execute", "marketplace", do, "executeMarketplaceWebhooks", EffectExternal, false},
}

// request is the row's onOffice action with a resource id (often empty)
// and parameters (nil sends an empty object).
func (a Action) request(resourceID string, params map[string]any) onoffice.Action {
	if params == nil {
		params = map[string]any{}
	}
	return onoffice.Action{Verb: a.Verb, ResourceType: a.ResourceType, ResourceID: resourceID, Parameters: params}
}

// rowOf returns the catalogue row of a tool name, for a tool that sends
// another tool's action besides its own (a preview reading the record it
// changes, names read for a list).
func rowOf(name string) Action {
	a, ok := Lookup(name)
	if !ok {
		panic("tools: " + name + " is not in the catalogue") // programmer error, caught by every test
	}
	return a
}

// readRow returns the catalogue row that reads records of a resource type
// by id (estate: estate_read).
func readRow(resourceType string) Action {
	for _, a := range catalogue {
		if a.Verb == onoffice.VerbRead && a.ResourceType == resourceType {
			return a
		}
	}
	panic("tools: no catalogue row reads " + resourceType) // programmer error, caught by tests
}

// Catalogue returns a copy of the catalogue, in catalogue order.
func Catalogue() []Action { return slices.Clone(catalogue) }

// Lookup returns the catalogue row of a tool name.
func Lookup(name string) (Action, bool) {
	for _, a := range catalogue {
		if a.Name == name {
			return a, true
		}
	}
	return Action{}, false
}

// Modules lists the module names in catalogue order; each is a toolset.
func Modules() []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range catalogue {
		if !seen[a.Module] {
			seen[a.Module] = true
			out = append(out, a.Module)
		}
	}
	return out
}
