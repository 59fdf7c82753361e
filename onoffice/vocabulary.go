package onoffice

import "slices"

// The API's words that the tools need and that are not actions: URN
// prefixes and the closed lists of values some parameters accept. The tools
// take them from here. The sandbox keeps its own copies on purpose (see the
// package comment of onoffice/sandbox).

// RelationTypePrefix starts every relation type URN, e.g.
// RelationTypePrefix + "estate:address:owner".
const RelationTypePrefix = "urn:onoffice-de-ns:smart:2.5:relationTypes:"

// DataTypePrefix starts the type URN of a field in some field descriptions
// (address completion fields), e.g. DataTypePrefix + "varchar".
const DataTypePrefix = "urn:onoffice-de-ns:smart:2.5:dbAccess:dataType:"

// LogModules returns the module values the change log (read log) accepts.
func LogModules() []string { return slices.Clone(logModules) }

var logModules = []string{"user", "customer", "address", "estate", "agentslog", "contact person", "file", "interested",
	"relation", "relations", "region", "owner", "matching", "search criteria", "offer", "project", "task",
	"addressAssigment", "estateAssigment", "userAssignment", "news", "intranet", "calendar", "cms", "smartSite",
	"emailAdministration", "arbeitszeiterfassung", "accessControl", "addressCsvExportSettings", "portal", "marketingBox",
	"portalAutoResponse", "portalAutoFullTransfer_Modul", "fakturaArticleAdministration", "fakturaBookings",
	"templateManagement", "emailPostOfficeBoxEncryption", "pdfTemplates", "cancelationBasicSettings",
	"cancelationGroupSettings", "domainAdministration"}
