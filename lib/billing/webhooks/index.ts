// The Stripe events Signal Diff acts on, each with its own small handler. Others are ignored.
import { handleCheckoutSessionCompleted } from "./checkout-session-completed";
import { handleInvoicePaid, handleInvoicePaymentFailed } from "./invoice";
import { handleSubscriptionChanged } from "./subscription-changed";
import { handleTrialWillEnd } from "./trial-will-end";
import type { EventHandler } from "./types";

export const EVENT_HANDLERS: Readonly<Record<string, EventHandler>> = {
  "checkout.session.completed": handleCheckoutSessionCompleted,
  "customer.subscription.created": handleSubscriptionChanged,
  "customer.subscription.updated": handleSubscriptionChanged,
  "customer.subscription.deleted": handleSubscriptionChanged,
  "customer.subscription.trial_will_end": handleTrialWillEnd,
  "invoice.paid": handleInvoicePaid,
  "invoice.payment_failed": handleInvoicePaymentFailed,
};

export const HANDLED_EVENT_TYPES = Object.keys(EVENT_HANDLERS);
