// invoice.paid and invoice.payment_failed — a renewal moves the subscription's period (and with
// it the CI key's expiry); a failed payment moves it to past_due. Both re-fetch the invoice's
// subscription and record the payment in the team's audit log.
import type Stripe from "stripe";
import { recordAudit } from "@/lib/audit/record";
import { syncSubscription } from "@/lib/billing/sync-subscription";
import { objectId, type EventHandler } from "./types";

function invoiceHandler(action: "billing.invoice_paid" | "billing.payment_failed"): EventHandler {
  return async (event, { stripe, tx }) => {
    const invoice: Stripe.Invoice = await stripe.invoices.retrieve(objectId(event));
    const ref = invoice.parent?.subscription_details?.subscription;
    const subscriptionId = typeof ref === "string" ? ref : ref?.id;
    if (!subscriptionId) return { outcome: "ignored", reason: "not_a_subscription_invoice" };
    const result = await syncSubscription(stripe, tx, subscriptionId);
    if (result.outcome === "synced") {
      await recordAudit(
        {
          teamId: result.teamId,
          actor: { label: "Stripe" },
          action,
          targetType: "subscription",
          targetId: result.subscriptionId,
          metadata: {
            invoice: invoice.id ?? null,
            amountDue: invoice.amount_due,
            amountPaid: invoice.amount_paid,
            currency: invoice.currency,
          },
        },
        tx,
      );
    }
    return result;
  };
}

export const handleInvoicePaid = invoiceHandler("billing.invoice_paid");
export const handleInvoicePaymentFailed = invoiceHandler("billing.payment_failed");
