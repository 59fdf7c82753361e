package sandbox

import (
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

func TestMarketplaceUnlockProvider(t *testing.T) {
	sb, c := startAPI(t, nil)
	res := mustCall(t, c, onoffice.VerbDo, "unlockProvider", "", map[string]any{
		"parameterCacheId": MarketplaceActivationID, "extendedclaim": "claim-abc", "isRegularCustomer": 1})
	if len(res.Records) != 1 || res.Records[0].Fields()["success"] != "success" {
		t.Fatalf("answer = %+v", res.Records)
	}
	if regular, ok := marketplaceData(sb.Store()).Activated[MarketplaceActivationID]; !ok || !regular {
		t.Errorf("activation not stored as regular customer")
	}
	runErrCases(t, c, []errCase{
		{"cache used up", onoffice.VerbDo, "unlockProvider", "", map[string]any{"parameterCacheId": MarketplaceActivationID, "extendedclaim": "x"}, 177},
		{"unknown cache", onoffice.VerbDo, "unlockProvider", "", map[string]any{"parameterCacheId": "00000000-0000-4000-8000-000000000000", "extendedclaim": "x"}, 177},
		{"no claim", onoffice.VerbDo, "unlockProvider", "", map[string]any{"parameterCacheId": mpCacheSecondaryActivation}, 193},
		{"no cache id", onoffice.VerbDo, "unlockProvider", "", map[string]any{"extendedclaim": "x"}, 167},
		{"bad flag", onoffice.VerbDo, "unlockProvider", "", map[string]any{"parameterCacheId": mpCacheSecondaryActivation, "extendedclaim": "x", "isRegularCustomer": 2}, 255},
	})
}

func TestMarketplaceInvoiceRecipient(t *testing.T) {
	sb, c := startAPI(t, nil)
	tx := marketplaceData(sb.Store()).transaction(mpTxEnergy)
	res := mustCall(t, c, onoffice.VerbGet, "getMarketplaceInvoiceRecipient", "", map[string]any{
		"transactionid": tx.ID, "userid": tx.Buyer, "extendedclaim": "claim"})
	if len(res.Records) != 1 || res.Total != 1 {
		t.Fatalf("answer = %+v (total %d)", res.Records, res.Total)
	}
	el := res.Records[0].Fields()
	buyer := sb.Store().Table("user").Get(tx.Buyer)
	for _, k := range []string{"salutation", "firstname", "lastname", "companyname", "address", "zipcode", "city", "country", "email", "companyUstId"} {
		if s, _ := el[k].(string); s == "" {
			t.Errorf("element %s empty", k)
		}
	}
	if el["lastname"] != buyer["Nachname"] || el["companyUstId"] != imprintData(sb.Store())["ustId"] {
		t.Errorf("recipient = %v", el)
	}
	other := tx.Buyer + 1
	for _, u := range sb.Store().Table("user").Records {
		if idOf(u) != tx.Buyer {
			other = idOf(u)
			break
		}
	}
	noBilling := marketplaceData(sb.Store()).transaction(mpTxNoBillingData)
	runErrCases(t, c, []errCase{
		{"window expired without claim", onoffice.VerbGet, "getMarketplaceInvoiceRecipient", "", map[string]any{"transactionid": tx.ID, "userid": tx.Buyer}, 190},
		{"not the buyer", onoffice.VerbGet, "getMarketplaceInvoiceRecipient", "", map[string]any{"transactionid": tx.ID, "userid": other, "extendedclaim": "c"}, 184},
		{"unknown transaction", onoffice.VerbGet, "getMarketplaceInvoiceRecipient", "", map[string]any{"transactionid": 1, "userid": tx.Buyer, "extendedclaim": "c"}, 189},
		{"no billing data", onoffice.VerbGet, "getMarketplaceInvoiceRecipient", "", map[string]any{"transactionid": noBilling.ID, "userid": noBilling.Buyer, "extendedclaim": "c"}, 188},
		{"no user", onoffice.VerbGet, "getMarketplaceInvoiceRecipient", "", map[string]any{"transactionid": tx.ID}, 167},
	})
}

func TestMarketplaceCancelSubscription(t *testing.T) {
	sb, c := startAPI(t, nil)
	res := mustCall(t, c, onoffice.VerbDo, "marketplaceCancelAbo", "", map[string]any{"aboid": "317", "cancelationDate": "2026-12-31", "extendedclaim": "c"})
	if len(res.Records) != 1 || res.Records[0].Fields()["result"] != "success" {
		t.Fatalf("answer = %+v", res.Records)
	}
	out := sb.Outbox()
	if len(out) != 1 || out[0].Kind != "marketplaceCancelAbo" || out[0].Parameters["aboid"] != "317" || out[0].Parameters["cancelationDate"] != "2026-12-31" {
		t.Errorf("outbox = %+v", out)
	}
	if marketplaceData(sb.Store()).Subs[0].CancelDate != "2026-12-31" {
		t.Errorf("cancellation not stored")
	}
	runErrCases(t, c, []errCase{
		{"bad date", onoffice.VerbDo, "marketplaceCancelAbo", "", map[string]any{"aboid": "317", "cancelationDate": "31.12.2026"}, 122},
		{"unknown subscription", onoffice.VerbDo, "marketplaceCancelAbo", "", map[string]any{"aboid": "9", "cancelationDate": "2026-12-31"}, 255},
		{"no date", onoffice.VerbDo, "marketplaceCancelAbo", "", map[string]any{"aboid": "317"}, 167},
	})
	if len(sb.Outbox()) != 1 {
		t.Errorf("failed calls reached the outbox")
	}
}

func TestMarketplacePaymentLink(t *testing.T) {
	sb, c := startAPI(t, nil)
	res := mustCall(t, c, onoffice.VerbDo, "subsequentPaymentLink", "", map[string]any{
		"transactionid": strconv.Itoa(mpTxEnergy), "priceNet": "149.00", "description": "Zusätzliche Drohnenaufnahmen", "sendMailToCustomer": true})
	if len(res.Records) != 1 {
		t.Fatalf("answer = %+v", res.Records)
	}
	result, ok := res.Records[0].Fields()["result"].(map[string]any)
	if !ok {
		t.Fatalf("result is not an object: %s", res.Records[0].Elements)
	}
	url, _ := result["subsequentPaymentUrl"].(string)
	if !strings.HasPrefix(url, "https://smart.onoffice.de/smart/short.php?c=") || result["mailToCustomerSent"] != true {
		t.Errorf("result = %v", result)
	}
	out := sb.Outbox()
	if len(out) != 1 || out[0].Kind != "subsequentPaymentLink" || out[0].Parameters["priceNet"] != "149.00" || out[0].Parameters["subsequentPaymentUrl"] != url {
		t.Errorf("outbox = %+v", out)
	}
	runErrCases(t, c, []errCase{
		{"comma price", onoffice.VerbDo, "subsequentPaymentLink", "", map[string]any{"transactionid": "1100458812", "priceNet": "149,00", "description": "x"}, 214},
		{"unknown transaction", onoffice.VerbDo, "subsequentPaymentLink", "", map[string]any{"transactionid": "42", "priceNet": "1.00", "description": "x"}, 189},
		{"other provider", onoffice.VerbDo, "subsequentPaymentLink", "", map[string]any{"transactionid": strconv.Itoa(mpTxOtherProvider), "priceNet": "1.00", "description": "x"}, 205},
		{"no description", onoffice.VerbDo, "subsequentPaymentLink", "", map[string]any{"transactionid": "1100458812", "priceNet": "1.00"}, 167},
	})
}

func TestMarketplaceRefund(t *testing.T) {
	sb, c := startAPI(t, nil)
	res := mustCall(t, c, onoffice.VerbDo, "transactionRefund", "", map[string]any{"transactionid": mpTxEnergy})
	if len(res.Records) != 1 || res.Records[0].Fields()["result"] != "success" {
		t.Fatalf("answer = %+v", res.Records)
	}
	out := sb.Outbox()
	if len(out) != 1 || out[0].Kind != "transactionRefund" || out[0].Parameters["amountNet"] != "249.00" {
		t.Errorf("outbox = %+v", out)
	}
	if marketplaceData(sb.Store()).transaction(mpTxEnergy).State != mpRefunded {
		t.Errorf("transaction not marked refunded")
	}
	_, err := callAPI(c, onoffice.VerbDo, "transactionRefund", "", map[string]any{"transactionid": mpTxEnergy})
	if onoffice.CodeOf(err) != 210 || !strings.Contains(err.Error(), "already successfully refunded") {
		t.Errorf("second refund: %v", err)
	}
	runErrCases(t, c, []errCase{
		{"sepa in process", onoffice.VerbDo, "transactionRefund", "", map[string]any{"transactionid": mpTxSepaPending}, 210},
		{"cancellation", onoffice.VerbDo, "transactionRefund", "", map[string]any{"transactionid": mpTxCancellation}, 210},
		{"unknown", onoffice.VerbDo, "transactionRefund", "", map[string]any{"transactionid": 5}, 189},
		{"missing", onoffice.VerbDo, "transactionRefund", "", nil, 167},
	})
	res = mustCall(t, c, onoffice.VerbDo, "transactionRefund", "", map[string]any{"transactionid": mpTxSubsequent})
	if res.Records[0].Fields()["result"] != "success" || len(sb.Outbox()) != 2 {
		t.Errorf("subsequent payment refund failed: %+v", res.Records)
	}
}

func TestMarketplaceExecuteWebhooks(t *testing.T) {
	sb, c := startAPI(t, nil)
	estate := strconv.Itoa(idOf(sb.Store().Table("estate").Records[0]))
	res := mustCall(t, c, onoffice.VerbDo, "executeMarketplaceWebhooks", estate, map[string]any{"module": "estate"})
	if len(res.Records) != 1 || res.Records[0].Fields()["result"] != "success" {
		t.Fatalf("answer = %+v", res.Records)
	}
	out := sb.Outbox()
	if len(out) != 1 || out[0].Kind != "executeMarketplaceWebhooks" || out[0].Parameters["resourceid"] != estate {
		t.Fatalf("outbox = %+v", out)
	}
	if hooks, _ := out[0].Parameters["webhooks"].([]string); len(hooks) != 2 {
		t.Errorf("estate webhooks fired = %v", out[0].Parameters["webhooks"])
	}
	runErrCases(t, c, []errCase{
		{"no module", onoffice.VerbDo, "executeMarketplaceWebhooks", estate, nil, 167},
		{"bad module", onoffice.VerbDo, "executeMarketplaceWebhooks", estate, map[string]any{"module": "agentsLog"}, 163},
		{"unknown record", onoffice.VerbDo, "executeMarketplaceWebhooks", "1", map[string]any{"module": "estate"}, 80},
		{"no record id", onoffice.VerbDo, "executeMarketplaceWebhooks", "", map[string]any{"module": "estate"}, 79},
	})
}
