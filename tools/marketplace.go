package tools

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

// marketplaceTools returns this module's tools. Apart from the invoice
// recipient every call moves money, activates a provider or notifies third
// parties, so each preview says exactly what will happen.
func marketplaceTools() []Tool {
	return []Tool{
		withPreview(define("marketplace_provider_unlock", "Unlock marketplace provider",
			"Activate a marketplace provider for the customer with parameterCacheId and apiClaim from the activation URL; no other call may run meanwhile.",
			unlockProvider), previewUnlockProvider),
		define("marketplace_invoice_recipient_read", "Read marketplace invoice recipient",
			"Read the billing address of a marketplace purchase. Without extendedclaim only within 15 minutes of the purchase.",
			readInvoiceRecipient),
		withPreview(define("marketplace_subscription_cancel", "Cancel marketplace subscription",
			"Report a customer's subscription cancellation: no debits from cancelationDate on. Cannot be undone via the API.",
			cancelSubscription), previewCancelSubscription),
		withPreview(define("marketplace_payment_link_create", "Create subsequent payment link",
			"Create a payment link for an extra charge on a marketplace transaction (provider installation only), optionally e-mailed.",
			createPaymentLink), previewPaymentLink),
		withPreview(define("marketplace_transaction_refund", "Refund marketplace transaction",
			"Refund a whole marketplace payment to the customer (provider installation only). Irreversible; SEPA payments only 7 days after payment.",
			refundTransaction), previewRefund),
		withPreview(define("marketplace_webhooks_execute", "Execute marketplace webhooks",
			"Fire all active marketplace webhooks for a record, as a save in onOffice would: third-party providers get notified.",
			executeWebhooks), previewWebhooks),
	}
}

// ProviderUnlockParams are the arguments of marketplace_provider_unlock.
type ProviderUnlockParams struct {
	ParameterCacheID  string `json:"parameterCacheId" jsonschema:"required,pattern=^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"`
	ExtendedClaim     string `json:"extendedclaim" jsonschema:"required,minLength=1" jsonschema_description:"apiClaim"`
	IsRegularCustomer bool   `json:"isRegularCustomer,omitempty" jsonschema_description:"Billed by the provider directly"`
}

func (p ProviderUnlockParams) regular() int {
	if p.IsRegularCustomer {
		return 1
	}
	return 0
}

func unlockProvider(ctx context.Context, env *Env, p ProviderUnlockParams) (*Result, error) {
	_, err := env.call(ctx, "", map[string]any{
		"parameterCacheId": p.ParameterCacheID, "extendedclaim": p.ExtendedClaim, "isRegularCustomer": p.regular(),
	})
	if err != nil {
		return nil, err
	}
	return condense.Text("Provider activated (activation %s); regular customer: %s.", p.ParameterCacheID, yesNo(p.IsRegularCustomer)), nil
}

func previewUnlockProvider(_ context.Context, env *Env, p ProviderUnlockParams) (*Preview, error) {
	regular := env.say("regular customer: no (payments run through the marketplace)", "Stammkunde: nein (Zahlungen laufen über den Marketplace)")
	if p.IsRegularCustomer {
		regular = env.say("regular customer: yes (the provider may bill the customer directly)", "Stammkunde: ja (der Anbieter darf dem Kunden direkt Rechnungen stellen)")
	}
	return &Preview{
		Target: env.say("marketplace activation ", "Marketplace-Freischaltung ") + p.ParameterCacheID,
		Changes: []string{
			env.say("provider: activated in the customer's installation (its API user gets access)",
				"Anbieter: in der Installation des Kunden freigeschaltet (sein API-Benutzer erhält Zugriff)"),
			regular,
		},
	}, nil
}

// InvoiceRecipientParams are the arguments of marketplace_invoice_recipient_read.
type InvoiceRecipientParams struct {
	TransactionID int    `json:"transactionid" jsonschema:"required,minimum=1"`
	UserID        int    `json:"userid" jsonschema:"required,minimum=1" jsonschema_description:"The buying user"`
	ExtendedClaim string `json:"extendedclaim,omitempty" jsonschema_description:"Current apiClaim"`
}

func readInvoiceRecipient(ctx context.Context, env *Env, p InvoiceRecipientParams) (*Result, error) {
	params := map[string]any{"transactionid": p.TransactionID, "userid": p.UserID}
	setIf(params, "extendedclaim", p.ExtendedClaim, p.ExtendedClaim != "")
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	order := []string{"salutation", "firstname", "lastname", "companyname", "address", "zipcode", "city", "country", "email", "companyUstId"}
	return flatRecord(res, fmt.Sprintf("Invoice recipient of transaction %d (user %d)", p.TransactionID, p.UserID), order, env.Render), nil
}

// SubscriptionCancelParams are the arguments of marketplace_subscription_cancel.
type SubscriptionCancelParams struct {
	AboID           string `json:"aboid" jsonschema:"required,minLength=1"`
	CancelationDate string `json:"cancelationDate" jsonschema:"required,pattern=^[0-9]{4}-[0-9]{2}-[0-9]{2}$" jsonschema_description:"YYYY-MM-DD"`
	ExtendedClaim   string `json:"extendedclaim,omitempty" jsonschema_description:"Current apiClaim"`
}

func (p SubscriptionCancelParams) check() error {
	if _, err := time.Parse("2006-01-02", p.CancelationDate); err != nil {
		return argErrorf("cancelationDate", "%q is not a calendar date (YYYY-MM-DD)", p.CancelationDate)
	}
	return nil
}

func cancelSubscription(ctx context.Context, env *Env, p SubscriptionCancelParams) (*Result, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	params := map[string]any{"aboid": p.AboID, "cancelationDate": p.CancelationDate}
	setIf(params, "extendedclaim", p.ExtendedClaim, p.ExtendedClaim != "")
	if _, err := env.call(ctx, "", params); err != nil {
		return nil, err
	}
	return condense.Text("Cancellation of subscription %s reported: no debits from %s on.", p.AboID, p.CancelationDate), nil
}

func previewCancelSubscription(_ context.Context, env *Env, p SubscriptionCancelParams) (*Preview, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return &Preview{
		Target:   env.say("marketplace subscription ", "Marketplace-Abo ") + p.AboID,
		RecordID: p.AboID,
		Changes: []string{
			fmt.Sprintf(env.say("cancellation reported to onOffice: no more debits from %s on", "Kündigung an onOffice gemeldet: ab %s keine Abbuchungen mehr"), p.CancelationDate),
			env.say("cannot be withdrawn through the API", "lässt sich über die API nicht zurücknehmen"),
		},
	}, nil
}

// PaymentLinkParams are the arguments of marketplace_payment_link_create.
type PaymentLinkParams struct {
	TransactionID      int    `json:"transactionid" jsonschema:"required,minimum=1" jsonschema_description:"Original marketplace transaction"`
	PriceNet           string `json:"priceNet" jsonschema:"required,pattern=^[0-9]+[.][0-9]{2}$" jsonschema_description:"Net amount in EUR, e.g. 149.00"`
	Description        string `json:"description" jsonschema:"required,minLength=1" jsonschema_description:"Shown to the customer"`
	SendMailToCustomer bool   `json:"sendMailToCustomer,omitempty"`
}

func createPaymentLink(ctx context.Context, env *Env, p PaymentLinkParams) (*Result, error) {
	// The API documents transactionid as a string here.
	res, err := env.call(ctx, "", map[string]any{
		"transactionid": strconv.Itoa(p.TransactionID), "priceNet": p.PriceNet, "description": p.Description, "sendMailToCustomer": p.SendMailToCustomer,
	})
	if err != nil {
		return nil, err
	}
	var url string
	mailed := false
	if len(res.Records) > 0 {
		if r, ok := res.Records[0].Fields()["result"].(map[string]any); ok {
			url, _ = r["subsequentPaymentUrl"].(string)
			mailed, _ = r["mailToCustomerSent"].(bool)
		}
	}
	text := fmt.Sprintf("Payment link for transaction %d over %s EUR net created: %s\nE-mailed to the customer: %s.", p.TransactionID, p.PriceNet, url, yesNo(mailed))
	return withStructured(env, &Result{Text: text}, map[string]any{"subsequentPaymentUrl": url, "mailToCustomerSent": mailed}), nil
}

func previewPaymentLink(_ context.Context, env *Env, p PaymentLinkParams) (*Preview, error) {
	mail := env.say("link is only returned, not sent", "der Link wird nur zurückgegeben, nicht versendet")
	if p.SendMailToCustomer {
		mail = env.say("link is e-mailed to the customer", "der Link geht per E-Mail an den Kunden")
	}
	return &Preview{
		Target:   fmt.Sprintf("%s %d", env.noun("marketplace transaction"), p.TransactionID),
		RecordID: strconv.Itoa(p.TransactionID),
		Changes: []string{
			fmt.Sprintf(env.say("new payment demand: %s EUR net (plus VAT)", "neue Zahlungsforderung: %s EUR netto (zzgl. MwSt.)"), p.PriceNet),
			fmt.Sprintf(env.say("description shown to the customer: %q", "Beschreibung für den Kunden: %q"), p.Description),
			mail,
		},
	}, nil
}

// RefundParams are the arguments of marketplace_transaction_refund.
type RefundParams struct {
	TransactionID int `json:"transactionid" jsonschema:"required,minimum=1" jsonschema_description:"Payment or subsequent payment"`
}

func refundTransaction(ctx context.Context, env *Env, p RefundParams) (*Result, error) {
	if _, err := env.call(ctx, "", map[string]any{"transactionid": p.TransactionID}); err != nil {
		return nil, err
	}
	return condense.Text("Transaction %d refunded in full to the customer.", p.TransactionID), nil
}

func previewRefund(_ context.Context, env *Env, p RefundParams) (*Preview, error) {
	return &Preview{
		Target:   fmt.Sprintf("%s %d", env.noun("marketplace transaction"), p.TransactionID),
		RecordID: strconv.Itoa(p.TransactionID),
		Changes: []string{
			fmt.Sprintf(env.say("refund: the full amount of transaction %d goes back to the customer (the API cannot refund part of it)",
				"Erstattung: der volle Betrag der Transaktion %d geht an den Kunden zurück (die API kann nicht teilweise erstatten)"), p.TransactionID),
			env.say("irreversible", "unumkehrbar"),
		},
	}, nil
}

// WebhooksExecuteParams are the arguments of marketplace_webhooks_execute.
type WebhooksExecuteParams struct {
	ID     int    `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Record id"`
	Module string `json:"module" jsonschema:"required,enum=estate,enum=address,enum=task,enum=calendar"`
}

func executeWebhooks(ctx context.Context, env *Env, p WebhooksExecuteParams) (*Result, error) {
	if _, err := env.call(ctx, strconv.Itoa(p.ID), map[string]any{"module": p.Module}); err != nil {
		return nil, err
	}
	return condense.Text("Marketplace webhooks for %s %d executed.", p.Module, p.ID), nil
}

func previewWebhooks(ctx context.Context, env *Env, p WebhooksExecuteParams) (*Preview, error) {
	target, err := recordTarget(ctx, env, p.Module, "id", p.ID)
	if err != nil {
		return nil, err
	}
	return &Preview{
		Target:   target,
		RecordID: strconv.Itoa(p.ID),
		Changes: []string{
			fmt.Sprintf(env.say("every active marketplace webhook (create/update) for this %s fires", "jeder aktive Marketplace-Webhook (create/update) für diesen Datensatz (%s) wird ausgelöst"), env.noun(p.Module)),
			env.say("third-party providers receive a notification about the record", "Drittanbieter erhalten eine Benachrichtigung über den Datensatz"),
		},
	}, nil
}
