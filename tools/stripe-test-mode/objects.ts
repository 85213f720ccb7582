// Builders for the Stripe-shaped objects the test mode stores and serves (API version of the
// installed SDK). Only the fields Signal Diff and the SDK read are filled in.
import { createHash } from "node:crypto";
import Stripe from "stripe";
import { newId, type StripeObject } from "./store";

export const TEST_PRICE_AMOUNT = 2900;
export const TEST_PRICE_CURRENCY = "usd";

/** Unix seconds. */
export const unix = (d: Date) => Math.floor(d.getTime() / 1000);

/** The same day of the next month (clamped to the month's last day), as Stripe bills monthly. */
export function addMonth(seconds: number): number {
  const d = new Date(seconds * 1000);
  const target = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, d.getUTCHours(), d.getUTCMinutes()),
  );
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  target.setUTCSeconds(d.getUTCSeconds());
  return unix(target);
}

/** Price ids are derived from the lookup key, so creating the price twice yields one price. */
export function priceObjects(lookupKey: string, now: Date) {
  const suffix = createHash("sha256").update(lookupKey).digest("hex").slice(0, 20);
  const product: StripeObject = {
    id: `prod_test_${suffix}`,
    object: "product",
    active: true,
    name: "Signal Diff Paid",
    description: "A CI API key: CI triggers, Agent API, customer agents, 3 concurrent crawls.",
    created: unix(now),
    livemode: false,
    metadata: {},
  };
  const price: StripeObject = {
    id: `price_test_${suffix}`,
    object: "price",
    active: true,
    currency: TEST_PRICE_CURRENCY,
    unit_amount: TEST_PRICE_AMOUNT,
    lookup_key: lookupKey,
    nickname: "Paid (monthly)",
    product: product.id,
    recurring: { interval: "month", interval_count: 1, usage_type: "licensed" },
    type: "recurring",
    billing_scheme: "per_unit",
    created: unix(now),
    livemode: false,
    metadata: {},
  };
  return { product, price };
}

export type TestSubscription = StripeObject & {
  customer: string;
  status: string;
  metadata: Record<string, string>;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  trial_start: number | null;
  trial_end: number | null;
  latest_invoice: string | null;
  items: {
    object: "list";
    data: Array<{
      id: string;
      object: "subscription_item";
      price: StripeObject;
      quantity: number;
      current_period_start: number;
      current_period_end: number;
      subscription: string;
    }>;
  };
};

export function subscriptionObject(input: {
  customer: string;
  price: StripeObject;
  metadata: Record<string, string>;
  trialDays: number | null;
  now: Date;
}): TestSubscription {
  const start = unix(input.now);
  const trialEnd = input.trialDays ? start + input.trialDays * 86_400 : null;
  const id = newId("sub");
  return {
    id,
    object: "subscription",
    customer: input.customer,
    status: trialEnd ? "trialing" : "active",
    metadata: input.metadata,
    cancel_at_period_end: false,
    cancel_at: null,
    canceled_at: null,
    ended_at: null,
    created: start,
    start_date: start,
    trial_start: trialEnd ? start : null,
    trial_end: trialEnd,
    collection_method: "charge_automatically",
    currency: TEST_PRICE_CURRENCY,
    latest_invoice: null,
    livemode: false,
    items: {
      object: "list",
      data: [
        {
          id: newId("si"),
          object: "subscription_item",
          price: input.price,
          quantity: 1,
          current_period_start: start,
          current_period_end: trialEnd ?? addMonth(start),
          subscription: id,
        },
      ],
    },
  };
}

export function invoiceObject(input: {
  subscription: TestSubscription;
  amount: number;
  paid: boolean;
  billingReason: "subscription_create" | "subscription_cycle" | "subscription_update";
  now: Date;
}): StripeObject {
  const item = input.subscription.items.data[0];
  return {
    id: newId("in"),
    object: "invoice",
    customer: input.subscription.customer,
    status: input.paid ? "paid" : "open",
    amount_due: input.amount,
    amount_paid: input.paid ? input.amount : 0,
    amount_remaining: input.paid ? 0 : input.amount,
    currency: TEST_PRICE_CURRENCY,
    billing_reason: input.billingReason,
    created: unix(input.now),
    period_start: item?.current_period_start ?? unix(input.now),
    period_end: item?.current_period_end ?? unix(input.now),
    livemode: false,
    parent: {
      type: "subscription_details",
      quote_details: null,
      subscription_details: {
        subscription: input.subscription.id,
        metadata: input.subscription.metadata,
      },
    },
    lines: {
      object: "list",
      data: [
        {
          id: newId("il"),
          object: "line_item",
          amount: input.amount,
          currency: TEST_PRICE_CURRENCY,
          period: { start: item?.current_period_start, end: item?.current_period_end },
        },
      ],
    },
  };
}

export function eventObject(
  type: string,
  object: StripeObject,
  now: Date,
  previousAttributes?: Record<string, unknown>,
): StripeObject {
  return {
    id: newId("evt"),
    object: "event",
    api_version: Stripe.API_VERSION,
    created: unix(now),
    type,
    data: { object, ...(previousAttributes ? { previous_attributes: previousAttributes } : {}) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
}
