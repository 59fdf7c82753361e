package tools_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice/sandbox"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
	"github.com/onoffice-mcp/onoffice-mcp/tools/toolstest"
)

// TestMarketplaceTools runs the marketplace tools through one harness; each
// test looks only at the outbox entries it caused.
func TestMarketplaceTools(t *testing.T) {
	runShared(t, []sharedTest{
		{"MarketplaceProviderUnlock", testMarketplaceProviderUnlock},
		{"MarketplaceInvoiceRecipientRead", testMarketplaceInvoiceRecipientRead},
		{"MarketplaceSubscriptionCancel", testMarketplaceSubscriptionCancel},
		{"MarketplacePaymentLinkCreate", testMarketplacePaymentLinkCreate},
		{"MarketplaceTransactionRefund", testMarketplaceTransactionRefund},
		{"MarketplaceWebhooksExecute", testMarketplaceWebhooksExecute},
	})
}

// mktTransaction picks a refundable payment of the sandbox's own provider with billing data.
func mktTransaction(t *testing.T, h *toolstest.Harness) *sandbox.MarketplaceTransaction {
	t.Helper()
	m := sandbox.Marketplace(h.Sandbox.Store())
	for _, tx := range m.Transactions {
		if tx.Provider == m.OwnProvider && tx.Kind == "payment" && tx.State == "success" && tx.Method != "sepa" && tx.Recipient != nil {
			return tx
		}
	}
	t.Fatal("no refundable transaction in the sandbox")
	return nil
}

func testMarketplaceProviderUnlock(t *testing.T, h *toolstest.Harness) {
	args := fmt.Sprintf(`{"parameterCacheId":%q,"extendedclaim":"claim-123","isRegularCustomer":true}`, sandbox.MarketplaceActivationID)
	p, err := preview(t, h, "marketplace_provider_unlock", args)
	if err != nil || !strings.Contains(p.Target, sandbox.MarketplaceActivationID) || !strings.Contains(strings.Join(p.Changes, "\n"), "regular customer: yes") {
		t.Errorf("preview %+v, %v", p, err)
	}
	text := callOK(t, h, "marketplace_provider_unlock", args)
	if !strings.Contains(text, "Provider activated") {
		t.Errorf("answer: %s", text)
	}
	if p := lastRequest(t, h, "unlockProvider").Parameters; p["isRegularCustomer"] != "1" && fmt.Sprint(p["isRegularCustomer"]) != "1" {
		t.Errorf("isRegularCustomer sent as %v", p["isRegularCustomer"])
	}
	if regular, ok := sandbox.Marketplace(h.Sandbox.Store()).Activated[sandbox.MarketplaceActivationID]; !ok || !regular {
		t.Errorf("activation not stored")
	}
	runBadCalls(t, h, []badCall{
		{"not a uuid", "marketplace_provider_unlock", `{"parameterCacheId":"12345","extendedclaim":"c"}`, "parameterCacheId"},
		{"no claim", "marketplace_provider_unlock", fmt.Sprintf(`{"parameterCacheId":%q}`, sandbox.MarketplaceActivationID), "extendedclaim"},
		{"empty claim", "marketplace_provider_unlock", fmt.Sprintf(`{"parameterCacheId":%q,"extendedclaim":""}`, sandbox.MarketplaceActivationID), "extendedclaim"},
	})
}

func testMarketplaceInvoiceRecipientRead(t *testing.T, h *toolstest.Harness) {
	tx := mktTransaction(t, h)
	text := callOK(t, h, "marketplace_invoice_recipient_read", fmt.Sprintf(`{"transactionid":%d,"userid":%d,"extendedclaim":"claim"}`, tx.ID, tx.Buyer))
	for _, k := range []string{"lastname", "companyname", "zipcode", "companyUstId"} {
		if !strings.Contains(text, k+": "+condense.Untrusted(tx.Recipient[k])) {
			t.Errorf("missing %s in:\n%s", k, text)
		}
	}
	wantAPIError(t, h, "without claim after 15 minutes", "marketplace_invoice_recipient_read", fmt.Sprintf(`{"transactionid":%d,"userid":%d}`, tx.ID, tx.Buyer), "190")
	runBadCalls(t, h, []badCall{
		{"no transaction", "marketplace_invoice_recipient_read", `{"userid":12}`, "transactionid"},
		{"no user", "marketplace_invoice_recipient_read", `{"transactionid":1100458812}`, "userid"},
		{"user text", "marketplace_invoice_recipient_read", `{"transactionid":1100458812,"userid":"Hansen"}`, "userid"},
	})
}

func testMarketplaceSubscriptionCancel(t *testing.T, h *toolstest.Harness) {
	base := len(h.Sandbox.Outbox())
	sub := sandbox.Marketplace(h.Sandbox.Store()).Subs[0]
	args := fmt.Sprintf(`{"aboid":%q,"cancelationDate":"2026-12-31"}`, sub.ID)
	p, err := preview(t, h, "marketplace_subscription_cancel", args)
	if err != nil || p.RecordID != sub.ID || !strings.Contains(p.Changes[0], "from 2026-12-31") {
		t.Errorf("preview %+v, %v", p, err)
	}
	if len(h.Sandbox.Outbox()) != base {
		t.Fatal("preview reached the outbox")
	}
	text := callOK(t, h, "marketplace_subscription_cancel", args)
	if !strings.Contains(text, "subscription "+sub.ID) {
		t.Errorf("answer: %s", text)
	}
	out := h.Sandbox.Outbox()[base:]
	if len(out) != 1 || out[0].Kind != "marketplaceCancelAbo" || out[0].Parameters["aboid"] != sub.ID || out[0].Parameters["cancelationDate"] != "2026-12-31" {
		t.Errorf("outbox %+v", out)
	}
	runBadCalls(t, h, []badCall{
		{"german date", "marketplace_subscription_cancel", `{"aboid":"317","cancelationDate":"31.12.2026"}`, "cancelationDate"},
		{"impossible date", "marketplace_subscription_cancel", `{"aboid":"317","cancelationDate":"2026-02-30"}`, "cancelationDate"},
		{"no id", "marketplace_subscription_cancel", `{"cancelationDate":"2026-12-31"}`, "aboid"},
	})
	if _, err := preview(t, h, "marketplace_subscription_cancel", `{"aboid":"317","cancelationDate":"2026-02-30"}`); err == nil {
		t.Errorf("preview accepted an impossible date")
	}
}

func testMarketplacePaymentLinkCreate(t *testing.T, h *toolstest.Harness) {
	base := len(h.Sandbox.Outbox())
	tx := mktTransaction(t, h)
	args := fmt.Sprintf(`{"transactionid":%d,"priceNet":"149.00","description":"Zusätzliche Drohnenaufnahmen","sendMailToCustomer":true}`, tx.ID)
	p, err := preview(t, h, "marketplace_payment_link_create", args)
	changes := ""
	if p != nil {
		changes = strings.Join(p.Changes, "\n")
	}
	if err != nil || !strings.Contains(p.Target, fmt.Sprint(tx.ID)) || !strings.Contains(changes, "149.00 EUR net") || !strings.Contains(changes, "e-mailed to the customer") {
		t.Errorf("preview %+v, %v", p, err)
	}
	text := callOK(t, h, "marketplace_payment_link_create", args)
	out := h.Sandbox.Outbox()[base:]
	if len(out) != 1 || out[0].Kind != "subsequentPaymentLink" || out[0].Parameters["priceNet"] != "149.00" || out[0].Parameters["transactionid"] != fmt.Sprint(tx.ID) {
		t.Fatalf("outbox %+v", out)
	}
	if url := out[0].Parameters["subsequentPaymentUrl"].(string); !strings.Contains(text, url) || !strings.Contains(text, "E-mailed to the customer: yes") {
		t.Errorf("answer:\n%s", text)
	}
	runBadCalls(t, h, []badCall{
		{"comma price", "marketplace_payment_link_create", `{"transactionid":1100458812,"priceNet":"149,00","description":"x"}`, "priceNet"},
		{"price as number", "marketplace_payment_link_create", `{"transactionid":1100458812,"priceNet":149,"description":"x"}`, "priceNet"},
		{"no description", "marketplace_payment_link_create", `{"transactionid":1100458812,"priceNet":"1.00"}`, "description"},
		{"no transaction", "marketplace_payment_link_create", `{"priceNet":"1.00","description":"x"}`, "transactionid"},
	})
}

func testMarketplaceTransactionRefund(t *testing.T, h *toolstest.Harness) {
	base := len(h.Sandbox.Outbox())
	tx := mktTransaction(t, h)
	args := fmt.Sprintf(`{"transactionid":%d}`, tx.ID)
	p, err := preview(t, h, "marketplace_transaction_refund", args)
	if err != nil || !strings.Contains(p.Target, fmt.Sprint(tx.ID)) || !strings.Contains(p.Changes[0], "full amount") {
		t.Errorf("preview %+v, %v", p, err)
	}
	text := callOK(t, h, "marketplace_transaction_refund", args)
	if !strings.Contains(text, fmt.Sprintf("Transaction %d refunded", tx.ID)) {
		t.Errorf("answer: %s", text)
	}
	out := h.Sandbox.Outbox()[base:]
	if len(out) != 1 || out[0].Kind != "transactionRefund" || out[0].Parameters["amountNet"] != fmt.Sprintf("%.2f", tx.PriceNet) {
		t.Errorf("outbox %+v", out)
	}
	wantAPIError(t, h, "second refund", "marketplace_transaction_refund", args, "210")
	runBadCalls(t, h, []badCall{
		{"missing", "marketplace_transaction_refund", `{}`, "transactionid"},
		{"text id", "marketplace_transaction_refund", `{"transactionid":"abc"}`, "transactionid"},
		{"zero", "marketplace_transaction_refund", `{"transactionid":0}`, "transactionid"},
	})
}

func testMarketplaceWebhooksExecute(t *testing.T, h *toolstest.Harness) {
	base := len(h.Sandbox.Outbox())
	estate := h.Sandbox.Store().Table("estate").Records[0]
	id := estate["Id"].(int)
	args := fmt.Sprintf(`{"id":%d,"module":"estate"}`, id)
	p, err := preview(t, h, "marketplace_webhooks_execute", args)
	if err != nil || !strings.HasPrefix(p.Target, fmt.Sprintf("estate %d", id)) {
		t.Errorf("preview %+v, %v", p, err)
	}
	if title, _ := estate["objekttitel"].(string); p != nil && title != "" && !strings.Contains(p.Target, title) {
		t.Errorf("preview does not name the estate %q: %s", title, p.Target)
	}
	if _, err := preview(t, h, "marketplace_webhooks_execute", `{"id":1,"module":"estate"}`); err == nil {
		t.Errorf("preview accepted a missing estate")
	}
	text := callOK(t, h, "marketplace_webhooks_execute", args)
	if !strings.Contains(text, fmt.Sprintf("estate %d", id)) {
		t.Errorf("answer: %s", text)
	}
	out := h.Sandbox.Outbox()[base:]
	if len(out) != 1 || out[0].Kind != "executeMarketplaceWebhooks" || out[0].Parameters["resourceid"] != fmt.Sprint(id) || out[0].Parameters["module"] != "estate" {
		t.Errorf("outbox %+v", out)
	}
	runBadCalls(t, h, []badCall{
		{"bad module", "marketplace_webhooks_execute", `{"id":1,"module":"agentsLog"}`, "module"},
		{"no id", "marketplace_webhooks_execute", `{"module":"estate"}`, "id"},
		{"id zero", "marketplace_webhooks_execute", `{"id":0,"module":"estate"}`, "id"},
	})
}
