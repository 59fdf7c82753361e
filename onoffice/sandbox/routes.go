package sandbox

import (
	"crypto/subtle"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// Call is one authenticated action handed to a handler.
type Call struct {
	Verb         onoffice.Verb
	ResourceType string
	ResourceID   string
	// Params are the decoded parameters; numbers arrive as json.Number.
	Params map[string]any
	// Now is the server time of the request.
	Now time.Time
}

// Answer is what a handler returns: the records and, for counted lists, the total.
type Answer struct {
	Records   []OutRecord
	Total     *int
	Cacheable bool
	// NoneAsEmptyRecord answers an empty result with "records": [[]], as
	// real installations do for some reads (search criteria).
	NoneAsEmptyRecord bool
}

// OutRecord is one entry of data.records.
type OutRecord struct {
	ID       any    `json:"id"`
	Type     string `json:"type"`
	Elements any    `json:"elements"`
}

// Handler runs one action against the store; the server holds the store lock.
type Handler func(s *Store, c *Call) (*Answer, error)

// Route binds a verb and resource type to a handler. A few resource types
// (search, file) serve several modules, told apart by a keyword in the
// resource id; such routes set ResourceID to that keyword.
type Route struct {
	Verb         onoffice.Verb
	ResourceType string
	Handle       Handler
	ResourceID   string
}

type routeKey struct {
	verb         onoffice.Verb
	resourceType string
	resourceID   string
}

// moduleRoutes lists every module's routes; each module file owns its function.
var moduleRoutes = []func() []Route{
	estateRoutes,
	addressRoutes,
	searchCriteriaRoutes,
	relationRoutes,
	agentsLogRoutes,
	appointmentRoutes,
	taskRoutes,
	fileRoutes,
	emailRoutes,
	settingsRoutes,
	miscRoutes,
	marketplaceRoutes,
}

func hmacEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// Counted wraps a total for Answer.Total.
func Counted(n int) *int { return &n }

// Success is the answer of modify and do actions.
func Success(recordType string) *Answer {
	return &Answer{Records: []OutRecord{{ID: 0, Type: recordType, Elements: map[string]any{"success": "success"}}}}
}

// created is the answer of a create: one record with the new id.
func created(id any, recordType string) *Answer {
	return &Answer{Records: []OutRecord{{ID: id, Type: recordType, Elements: []any{}}}}
}

// single is the answer of a get or do action with one untyped result.
func single(elements any) *Answer {
	return &Answer{Records: []OutRecord{{ID: 0, Type: "", Elements: elements}}}
}
