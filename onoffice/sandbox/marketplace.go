package sandbox

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/internal/lazyre"
	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// The marketplace module: the sandbox plays both the customer installation
// (activation, invoice recipient, webhooks) and the provider installation
// (payment links, refunds, cancellations). Money and notifications never
// leave the sandbox: every external effect is appended to s.Outbox.

// marketplaceRoutes serves this module's actions.
func marketplaceRoutes() []Route {
	return []Route{
		{Verb: onoffice.VerbDo, ResourceType: "unlockProvider", Handle: unlockProvider},
		{Verb: onoffice.VerbGet, ResourceType: "getMarketplaceInvoiceRecipient", Handle: getInvoiceRecipient},
		{Verb: onoffice.VerbDo, ResourceType: "marketplaceCancelAbo", Handle: cancelSubscription},
		{Verb: onoffice.VerbDo, ResourceType: "subsequentPaymentLink", Handle: subsequentPaymentLink},
		{Verb: onoffice.VerbDo, ResourceType: "transactionRefund", Handle: refundTransaction},
		{Verb: onoffice.VerbDo, ResourceType: "executeMarketplaceWebhooks", Handle: executeWebhooks},
	}
}

// Transaction kinds and states of the marketplace data set.
const (
	mpPayment      = "payment"      // Zahlung
	mpSubsequent   = "subsequent"   // Nachzahlung
	mpCancellation = "cancellation" // Storno

	mpSuccess   = "success"
	mpInProcess = "inprocess"
	mpRefunded  = "refunded"
)

// MarketplaceTransaction is one purchase made through the marketplace.
type MarketplaceTransaction struct {
	ID       int
	Kind     string // payment, subsequent, cancellation
	Method   string // creditcard, sepa, paypal
	State    string // success, inprocess, refunded
	Provider string // provider the transaction belongs to
	Buyer    int    // enterprise user id of the buyer
	Product  string
	PriceNet float64
	Time     time.Time
	// Recipient is the invoice recipient; nil when no billing data exists.
	Recipient map[string]string
}

// MarketplaceSubscription is a running subscription of a marketplace service.
type MarketplaceSubscription struct {
	ID         string
	Product    string
	PriceNet   float64
	Interval   string
	Buyer      int
	CancelDate string // YYYY-MM-DD once a cancellation was reported
}

// MarketplaceWebhook is an active marketplace service that listens to record changes.
type MarketplaceWebhook struct {
	Provider string
	Service  string
	Modules  []string
	URL      string
}

// MarketplaceState is the module's data set in s.Extra["marketplace"].
type MarketplaceState struct {
	// OwnProvider is the provider whose installation this sandbox plays.
	OwnProvider  string
	Transactions []*MarketplaceTransaction
	Subs         []*MarketplaceSubscription
	Webhooks     []MarketplaceWebhook
	// PendingActivations are parameter cache ids of activations awaiting unlock.
	PendingActivations []string
	// Activated maps used parameter cache ids to the regular-customer flag.
	Activated map[string]bool
	linkSeq   int
}

// Demo ids of the marketplace data set, also used by tests.
const (
	MarketplaceActivationID    = "7d1e5c2a-94b3-4f08-8a6e-2c5b9f3d1e47"
	MarketplaceOwnProvider     = "Energieausweis Express GmbH"
	mpTxEnergy                 = 1100458812
	mpTxSepaPending            = 1100461207
	mpTxAlreadyRefunded        = 1100439950
	mpTxSubsequent             = 1100470033
	mpTxCancellation           = 1100401876
	mpTxOtherProvider          = 1100399001
	mpTxNoBillingData          = 1100452290
	mpTxSepaRecent             = 1100474415
	mpCacheSecondaryActivation = "c29b84f0-1e6d-4a57-b3f2-95d0e8a4c6b1"
)

// Marketplace returns the marketplace data set (transactions, subscriptions,
// webhooks, pending activations); tests read it to pick valid ids.
func Marketplace(s *Store) *MarketplaceState { return marketplaceData(s) }

func marketplaceData(s *Store) *MarketplaceState {
	return s.ExtraData("marketplace", func() any { return seedMarketplace(s) }).(*MarketplaceState)
}

// seedMarketplace builds the deterministic marketplace data set from the
// seeded users and the agency's imprint.
func seedMarketplace(s *Store) *MarketplaceState {
	users := s.Table("user").Records
	userAt := func(i int) (int, Record) {
		if len(users) == 0 {
			return 17 + i, Record{}
		}
		r := users[i%len(users)]
		return idOf(r), r
	}
	imp := imprintData(s)
	recipient := func(u Record) map[string]string {
		salutation, _ := u["Anrede"].(string)
		first, _ := u["Vorname"].(string)
		last, _ := u["Nachname"].(string)
		email, _ := u["email"].(string)
		if email == "" {
			email = imp["email"]
		}
		return map[string]string{
			"salutation":   salutation,
			"firstname":    first,
			"lastname":     last,
			"companyname":  imp["firma"],
			"address":      imp["street"] + " " + imp["housenumber"],
			"zipcode":      imp["postcode"],
			"city":         imp["city"],
			"country":      "Deutschland",
			"email":        email,
			"companyUstId": imp["ustId"],
		}
	}
	buyer0, u0 := userAt(0)
	buyer1, u1 := userAt(1)
	buyer2, u2 := userAt(2)
	// Transactions of the last five weeks: day 1 is 33 days before the
	// reference day.
	at := func(day, h, m int) time.Time {
		return s.Day.AddDate(0, 0, day-34).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	tx := []*MarketplaceTransaction{
		{ID: mpTxEnergy, Kind: mpPayment, Method: "creditcard", State: mpSuccess, Provider: MarketplaceOwnProvider, Buyer: buyer0,
			Product: "Energieausweis (Bedarfsausweis) Hammer Straße", PriceNet: 249.00, Time: at(14, 10, 12), Recipient: recipient(u0)},
		{ID: mpTxSepaPending, Kind: mpPayment, Method: "sepa", State: mpInProcess, Provider: MarketplaceOwnProvider, Buyer: buyer1,
			Product: "Energieausweis (Verbrauchsausweis) Venloer Straße", PriceNet: 89.00, Time: at(30, 16, 40), Recipient: recipient(u1)},
		{ID: mpTxAlreadyRefunded, Kind: mpPayment, Method: "paypal", State: mpRefunded, Provider: MarketplaceOwnProvider, Buyer: buyer2,
			Product: "Energieausweis (Bedarfsausweis) Isestraße", PriceNet: 249.00, Time: at(2, 9, 5), Recipient: recipient(u2)},
		{ID: mpTxSubsequent, Kind: mpSubsequent, Method: "creditcard", State: mpSuccess, Provider: MarketplaceOwnProvider, Buyer: buyer0,
			Product: "Nachzahlung Vor-Ort-Termin Hammer Straße", PriceNet: 59.00, Time: at(20, 14, 30), Recipient: recipient(u0)},
		{ID: mpTxCancellation, Kind: mpCancellation, Method: "creditcard", State: mpSuccess, Provider: MarketplaceOwnProvider, Buyer: buyer1,
			Product: "Storno Energieausweis Nordstraße", PriceNet: -89.00, Time: at(1, 11, 0), Recipient: recipient(u1)},
		{ID: mpTxOtherProvider, Kind: mpPayment, Method: "creditcard", State: mpSuccess, Provider: "Rundgang3D Studio UG", Buyer: buyer2,
			Product: "3D-Rundgang Schönhauser Allee", PriceNet: 349.00, Time: at(5, 15, 20), Recipient: recipient(u2)},
		{ID: mpTxNoBillingData, Kind: mpPayment, Method: "creditcard", State: mpSuccess, Provider: MarketplaceOwnProvider, Buyer: buyer1,
			Product: "Energieausweis (Verbrauchsausweis) Lister Meile", PriceNet: 89.00, Time: at(12, 8, 50)},
		{ID: mpTxSepaRecent, Kind: mpPayment, Method: "sepa", State: mpSuccess, Provider: MarketplaceOwnProvider, Buyer: buyer0,
			Product: "Energieausweis (Bedarfsausweis) Kantstraße", PriceNet: 249.00, Time: at(19, 13, 15), Recipient: recipient(u0)},
	}
	return &MarketplaceState{
		OwnProvider:  MarketplaceOwnProvider,
		Transactions: tx,
		Subs: []*MarketplaceSubscription{
			{ID: "317", Product: "Energieausweis-Flatrate", PriceNet: 79.00, Interval: "monatlich", Buyer: buyer0},
			{ID: "318", Product: "Marktwert-Monitor", PriceNet: 29.00, Interval: "monatlich", Buyer: buyer1},
			{ID: "402", Product: "Energieausweis-Flatrate Team", PriceNet: 790.00, Interval: "jährlich", Buyer: buyer2},
		},
		Webhooks: []MarketplaceWebhook{
			{Provider: MarketplaceOwnProvider, Service: "Energieausweis-Prüfung", Modules: []string{"estate"}, URL: "https://hooks.energieausweis-express.example/onoffice"},
			{Provider: "Rundgang3D Studio UG", Service: "3D-Rundgang-Sync", Modules: []string{"estate"}, URL: "https://api.rundgang3d.example/webhook"},
			{Provider: "LeadRadar GmbH", Service: "Lead-Scoring", Modules: []string{"address", "task"}, URL: "https://leadradar.example/hooks/onoffice"},
			{Provider: "Terminfinder AG", Service: "Kalender-Sync", Modules: []string{"calendar"}, URL: "https://sync.terminfinder.example/onoffice"},
		},
		PendingActivations: []string{MarketplaceActivationID, mpCacheSecondaryActivation},
		Activated:          map[string]bool{},
	}
}

func (m *MarketplaceState) transaction(id int) *MarketplaceTransaction {
	for _, t := range m.Transactions {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// knownTransaction finds a transaction, or fails with 189.
func (m *MarketplaceState) knownTransaction(id int) (*MarketplaceTransaction, error) {
	if t := m.transaction(id); t != nil {
		return t, nil
	}
	return nil, Fail(189, "The transaction could not be found")
}

// ownTransaction finds a transaction of the provider this sandbox plays:
// unknown fails with 189, another provider's with 205.
func (m *MarketplaceState) ownTransaction(id int) (*MarketplaceTransaction, error) {
	t, err := m.knownTransaction(id)
	if err == nil && t.Provider != m.OwnProvider {
		return nil, Fail(205, "Transaction id does not match to the customer")
	}
	return t, err
}

// uuidPattern is compiled on first use (see miscMacroPattern).
var uuidPattern = lazyre.New(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// marketplaceResult is the answer of the do-calls that report "result".
func marketplaceResult(v any) *Answer {
	return single(map[string]any{"result": v})
}

// unlockProvider activates the provider for the customer of a pending activation.
func unlockProvider(s *Store, c *Call) (*Answer, error) {
	claim, err := paramString(c.Params, "extendedclaim")
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(claim) == "" {
		return nil, Fail(193, "Parameter extendedclaim is required but missing, empty or invalid")
	}
	if err := requireParam(c.Params, "parameterCacheId"); err != nil {
		return nil, err
	}
	// Documented as ARRAY, sent as a string by every known client: accept both.
	var cacheID string
	if list, ok := c.Params["parameterCacheId"].([]any); ok && len(list) == 1 {
		cacheID = toText(list[0])
	} else if cacheID, err = paramString(c.Params, "parameterCacheId"); err != nil {
		return nil, err
	}
	regular := 0
	if _, ok := c.Params["isRegularCustomer"]; ok {
		n, ok := toInt(c.Params["isRegularCustomer"])
		if !ok || (n != 0 && n != 1) {
			return nil, Fail(255, "Invalid value for parameter isRegularCustomer: 0 or 1 expected")
		}
		regular = n
	}
	m := marketplaceData(s)
	if !uuidPattern().MatchString(cacheID) || !contains(m.PendingActivations, cacheID) {
		return nil, Fail(177, "Parameter cache does not exist: %s", cacheID)
	}
	pending := m.PendingActivations[:0]
	for _, id := range m.PendingActivations {
		if id != cacheID {
			pending = append(pending, id)
		}
	}
	m.PendingActivations = pending
	m.Activated[cacheID] = regular == 1
	return Success(""), nil
}

// getInvoiceRecipient returns the billing address of a transaction's buyer.
func getInvoiceRecipient(s *Store, c *Call) (*Answer, error) {
	if err := requireParam(c.Params, "transactionid", "userid"); err != nil {
		return nil, err
	}
	txID, err := paramInt(c.Params, "transactionid", 0)
	if err != nil {
		return nil, err
	}
	userID, err := paramInt(c.Params, "userid", 0)
	if err != nil {
		return nil, Fail(186, "Parameter userid must be an integer")
	}
	claim, err := paramString(c.Params, "extendedclaim")
	if err != nil {
		return nil, err
	}
	t, err := marketplaceData(s).knownTransaction(txID)
	if err != nil {
		return nil, err
	}
	if u := s.Table("user").Get(userID); (u == nil && len(s.Table("user").Records) > 0) || userID != t.Buyer {
		return nil, Fail(184, "User id is not existing or inactive")
	}
	if claim == "" && c.Now.Sub(t.Time) > 900*time.Second {
		return nil, Fail(190, "The time to call the transaction has expired")
	}
	if t.Recipient == nil {
		return nil, Fail(188, "The user data could not be found")
	}
	el := map[string]any{}
	for k, v := range t.Recipient {
		el[k] = v
	}
	return &Answer{Records: []OutRecord{{ID: 0, Type: "", Elements: el}}, Total: Counted(1)}, nil
}

// cancelSubscription records the reported cancellation of a subscription.
func cancelSubscription(s *Store, c *Call) (*Answer, error) {
	if err := requireParam(c.Params, "aboid", "cancelationDate"); err != nil {
		return nil, err
	}
	aboID, err := paramString(c.Params, "aboid")
	if err != nil {
		return nil, err
	}
	date, err := paramString(c.Params, "cancelationDate")
	if err != nil {
		return nil, err
	}
	if _, err := time.Parse("2006-01-02", date); err != nil {
		return nil, Fail(122, "Invalid date: %s", date)
	}
	if _, err := paramString(c.Params, "extendedclaim"); err != nil {
		return nil, err
	}
	var sub *MarketplaceSubscription
	for _, a := range marketplaceData(s).Subs {
		if a.ID == aboID {
			sub = a
		}
	}
	if sub == nil {
		return nil, Fail(255, "Invalid value for parameter aboid: unknown subscription %s", aboID)
	}
	sub.CancelDate = date
	recordOutbox(s, c, map[string]any{"product": sub.Product})
	return marketplaceResult("success"), nil
}

var pricePattern = regexp.MustCompile(`^\d+\.\d{2}$`)

// subsequentPaymentLink creates a payment demand for an existing transaction.
func subsequentPaymentLink(s *Store, c *Call) (*Answer, error) {
	if err := requireParam(c.Params, "transactionid", "priceNet", "description"); err != nil {
		return nil, err
	}
	txID, err := paramInt(c.Params, "transactionid", 0)
	if err != nil {
		return nil, err
	}
	price, err := paramString(c.Params, "priceNet")
	if err != nil {
		return nil, err
	}
	if !pricePattern.MatchString(price) {
		return nil, Fail(214, "Invalid price format: %s", price)
	}
	if _, err := paramString(c.Params, "description"); err != nil {
		return nil, err
	}
	m := marketplaceData(s)
	if _, err := m.ownTransaction(txID); err != nil {
		return nil, err
	}
	m.linkSeq++
	code := fmt.Sprintf("%016x", uint64(txID)*0x9E3779B97F4A7C15+uint64(m.linkSeq)*0xBF58476D1CE4E5B9)
	url := "https://smart.onoffice.de/smart/short.php?c=" + code
	mail := paramBool(c.Params, "sendMailToCustomer")
	recordOutbox(s, c, map[string]any{"subsequentPaymentUrl": url, "mailToCustomerSent": mail})
	return marketplaceResult(map[string]any{"subsequentPaymentUrl": url, "mailToCustomerSent": mail}), nil
}

// refundTransaction pays a transfer transaction back to the customer.
func refundTransaction(s *Store, c *Call) (*Answer, error) {
	if err := requireParam(c.Params, "transactionid"); err != nil {
		return nil, err
	}
	txID, err := paramInt(c.Params, "transactionid", 0)
	if err != nil {
		return nil, err
	}
	m := marketplaceData(s)
	t, err := m.ownTransaction(txID)
	if err != nil {
		return nil, err
	}
	switch {
	case t.State == mpRefunded:
		return nil, Fail(210, "Transaction can't be refunded: transaction was already successfully refunded (payment provider reference %d-R)", t.ID)
	case t.Kind == mpCancellation, t.State == mpInProcess:
		return nil, Fail(210, "Transaction can't be refunded: state not correct.")
	case t.Method == "sepa" && c.Now.Sub(t.Time) < 7*24*time.Hour:
		return nil, Fail(210, "Transaction can't be refunded: state not correct.")
	}
	t.State = mpRefunded
	recordOutbox(s, c, map[string]any{"amountNet": strconv.FormatFloat(t.PriceNet, 'f', 2, 64), "product": t.Product})
	return marketplaceResult("success"), nil
}

// webhookTables maps the webhook modules to store tables.
var webhookTables = map[string]string{"estate": "estate", "address": "address", "task": "task", "calendar": "calendar"}

// executeWebhooks fires the active marketplace webhooks of a record.
func executeWebhooks(s *Store, c *Call) (*Answer, error) {
	module, err := requiredString(c.Params, "module")
	if err != nil {
		return nil, err
	}
	table, ok := webhookTables[module]
	if !ok {
		return nil, Fail(163, "Invalid module name: %s", module)
	}
	id, err := strconv.Atoi(strings.TrimSpace(c.ResourceID))
	if err != nil || id <= 0 {
		return nil, Fail(79, "Record id missing: the record id goes into resourceid")
	}
	if s.Table(table).Get(id) == nil {
		return nil, Fail(80, "Unknown record %d in module %s", id, module)
	}
	var fired []string
	for _, w := range marketplaceData(s).Webhooks {
		if contains(w.Modules, module) {
			fired = append(fired, w.Service+" ("+w.Provider+")")
		}
	}
	sort.Strings(fired)
	recordOutbox(s, c, map[string]any{"resourceid": c.ResourceID, "webhooks": fired})
	return marketplaceResult("success"), nil
}
