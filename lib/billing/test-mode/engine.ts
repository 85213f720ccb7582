// The built-in test mode's "Stripe": the operations its HTTP server answers (customers, prices,
// checkout and portal sessions, reads) and the ones its in-app pages perform (Pay, Cancel, cancel
// at period end, resume, advance the clock). Operations that change subscriptions return the
// events Stripe would send; the caller delivers them (events.ts).
import { z } from "zod";
import type { Tx } from "@/lib/db";
import {
  addMonth,
  eventObject,
  invoiceObject,
  priceObjects,
  subscriptionObject,
  unix,
  type TestSubscription,
} from "./objects";
import {
  getObject,
  listObjects,
  newId,
  putObject,
  TestModeError,
  withLockedObject,
  type StripeObject,
} from "./store";

const CHECKOUT_LIFETIME_SECONDS = 24 * 3600;
const PORTAL_LIFETIME_SECONDS = 3600;

const metadataSchema = z.record(z.string(), z.string().max(500)).default({});

export async function createCustomer(params: Record<string, unknown>, now = new Date()) {
  const input = z
    .object({
      name: z.string().max(256).optional(),
      email: z.string().optional(),
      metadata: metadataSchema,
    })
    .parse(params);
  const customer: StripeObject = {
    id: newId("cus"),
    object: "customer",
    name: input.name ?? null,
    email: input.email ?? null,
    metadata: input.metadata,
    created: unix(now),
    livemode: false,
  };
  await putObject(customer, customer.id);
  return customer;
}

export async function ensurePrice(lookupKey: string, now = new Date()) {
  const { product, price } = priceObjects(lookupKey, now);
  const existing = await getObject(price.id, "price");
  if (existing) return existing;
  await putObject(product, null);
  await putObject(price, null);
  return price;
}

const checkoutSchema = z.object({
  mode: z.literal("subscription", { error: "Test mode supports mode=subscription only." }),
  customer: z.string().min(1, "customer is required"),
  client_reference_id: z.string().max(200).optional(),
  metadata: metadataSchema,
  line_items: z
    .array(z.object({ price: z.string().min(1), quantity: z.coerce.number().int().min(1).max(1) }))
    .length(1, "Test mode sells exactly one line item."),
  subscription_data: z
    .object({
      trial_period_days: z.coerce.number().int().min(1).max(730).optional(),
      metadata: metadataSchema,
    })
    .default({ metadata: {} }),
  success_url: z.url(),
  cancel_url: z.url(),
});

export type TestCheckoutSession = StripeObject & {
  status: "open" | "complete" | "expired";
  customer: string;
  client_reference_id: string | null;
  subscription: string | null;
  success_url: string;
  cancel_url: string;
  expires_at: number;
  amount_total: number;
  /** What the session sells; kept out of API responses (see publicView). */
  _internal: {
    price: string;
    trialDays: number | null;
    subscriptionMetadata: Record<string, string>;
  };
};

export async function createCheckoutSession(
  params: Record<string, unknown>,
  appUrl: string,
  now = new Date(),
) {
  const parsed = checkoutSchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TestModeError(
      400,
      issue?.message ?? "Invalid request",
      undefined,
      issue?.path.join("."),
    );
  }
  const input = parsed.data;
  if (!(await getObject(input.customer, "customer")))
    throw new TestModeError(
      400,
      `No such customer: '${input.customer}'`,
      "resource_missing",
      "customer",
    );
  const price = await getObject(input.line_items[0]?.price ?? "", "price");
  if (!price)
    throw new TestModeError(400, "No such price", "resource_missing", "line_items[0][price]");
  const trialDays = input.subscription_data.trial_period_days ?? null;
  const id = newId("cs_test");
  const session: TestCheckoutSession = {
    id,
    object: "checkout.session",
    mode: "subscription",
    status: "open",
    payment_status: "unpaid",
    customer: input.customer,
    client_reference_id: input.client_reference_id ?? null,
    metadata: input.metadata,
    subscription: null,
    success_url: input.success_url,
    cancel_url: input.cancel_url,
    url: `${appUrl}/billing/test-checkout/${id}`,
    created: unix(now),
    expires_at: unix(now) + CHECKOUT_LIFETIME_SECONDS,
    amount_total: trialDays ? 0 : Number(price.unit_amount),
    currency: price.currency,
    livemode: false,
    _internal: {
      price: price.id,
      trialDays,
      subscriptionMetadata: input.subscription_data.metadata,
    },
  };
  await putObject(session, input.customer);
  return session;
}

export async function createPortalSession(
  params: Record<string, unknown>,
  appUrl: string,
  now = new Date(),
) {
  const input = z
    .object({ customer: z.string().min(1), return_url: z.url().optional() })
    .parse(params);
  if (!(await getObject(input.customer, "customer")))
    throw new TestModeError(
      400,
      `No such customer: '${input.customer}'`,
      "resource_missing",
      "customer",
    );
  const id = newId("bps");
  const session: StripeObject = {
    id,
    object: "billing_portal.session",
    customer: input.customer,
    return_url: input.return_url ?? null,
    url: `${appUrl}/billing/test-portal/${id}`,
    created: unix(now),
    expires_at: unix(now) + PORTAL_LIFETIME_SECONDS,
    livemode: false,
  };
  await putObject(session, input.customer);
  return session;
}

/** A checkout session's success URL with Stripe's {CHECKOUT_SESSION_ID} template filled in. */
export function successUrl(session: TestCheckoutSession) {
  return session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id);
}

async function saveEvents(events: StripeObject[], customerId: string, tx: Tx) {
  for (const event of events) await putObject(event, customerId, tx);
  return events;
}

/** Pay: completes an open session, creating its subscription and first invoice. */
export async function completeCheckout(sessionId: string, customerId: string, now = new Date()) {
  return withLockedObject<
    TestCheckoutSession,
    { session: TestCheckoutSession; events: StripeObject[] }
  >(sessionId, "checkout.session", async (session, tx) => {
    if (session.customer !== customerId) throw new TestModeError(404, "No such checkout session");
    if (session.status === "complete") return { session, events: [] };
    if (session.status === "expired" || session.expires_at <= unix(now))
      throw new TestModeError(400, "This checkout session has expired.", "checkout_expired");
    const price = await getObject(session._internal.price, "price", tx);
    if (!price) throw new TestModeError(400, "The price no longer exists.");
    const sub = subscriptionObject({
      customer: session.customer,
      price,
      metadata: session._internal.subscriptionMetadata,
      trialDays: session._internal.trialDays,
      now,
    });
    const amount = session._internal.trialDays ? 0 : Number(price.unit_amount);
    const invoice = invoiceObject({
      subscription: sub,
      amount,
      paid: true,
      billingReason: "subscription_create",
      now,
    });
    sub.latest_invoice = invoice.id;
    const done: TestCheckoutSession = {
      ...session,
      status: "complete",
      payment_status: amount === 0 ? "no_payment_required" : "paid",
      subscription: sub.id,
    };
    await putObject(sub, sub.customer, tx);
    await putObject(invoice, sub.customer, tx);
    await putObject(done, sub.customer, tx);
    const events = await saveEvents(
      [
        eventObject("customer.subscription.created", sub, now),
        eventObject("invoice.paid", invoice, now),
        eventObject("checkout.session.completed", publicView(done), now),
      ],
      sub.customer,
      tx,
    );
    return { session: done, events };
  });
}

/** Cancel on the checkout page: the session expires and nothing is bought. */
export async function expireCheckout(sessionId: string, customerId: string, now = new Date()) {
  return withLockedObject<
    TestCheckoutSession,
    { session: TestCheckoutSession; events: StripeObject[] }
  >(sessionId, "checkout.session", async (session, tx) => {
    if (session.customer !== customerId) throw new TestModeError(404, "No such checkout session");
    if (session.status !== "open") return { session, events: [] };
    const expired: TestCheckoutSession = { ...session, status: "expired" };
    await putObject(expired, session.customer, tx);
    const events = await saveEvents(
      [eventObject("checkout.session.expired", publicView(expired), now)],
      session.customer,
      tx,
    );
    return { session: expired, events };
  });
}

export type SubscriptionChange =
  "cancel_at_period_end" | "resume" | "advance_to_period_end" | "fail_payment" | "end_trial_now";

/** The test portal's operations on one subscription of `customerId`. */
export async function changeSubscription(
  subscriptionId: string,
  customerId: string,
  change: SubscriptionChange,
  now = new Date(),
) {
  return withLockedObject<
    TestSubscription,
    { subscription: TestSubscription; events: StripeObject[] }
  >(subscriptionId, "subscription", async (sub, tx) => {
    if (sub.customer !== customerId) throw new TestModeError(404, "No such subscription");
    if (sub.status === "canceled" || sub.status === "incomplete_expired")
      throw new TestModeError(400, "This subscription has ended.");
    const { next, events } = applyChange(sub, change, now);
    await putObject(next, sub.customer, tx);
    for (const e of events) {
      const obj = (e.data as { object: StripeObject }).object;
      if (obj.object === "invoice") await putObject(obj, sub.customer, tx);
    }
    return { subscription: next, events: await saveEvents(events, sub.customer, tx) };
  });
}

function applyChange(sub: TestSubscription, change: SubscriptionChange, now: Date) {
  const item = sub.items.data[0];
  if (!item) throw new TestModeError(400, "Subscription has no items.");
  const updated = (
    next: TestSubscription,
    previous: Record<string, unknown>,
    extra: StripeObject[] = [],
  ) => ({
    next,
    events: [...extra, eventObject("customer.subscription.updated", next, now, previous)],
  });
  switch (change) {
    case "cancel_at_period_end":
      return updated(
        {
          ...sub,
          cancel_at_period_end: true,
          cancel_at: item.current_period_end,
          canceled_at: unix(now),
        },
        { cancel_at_period_end: false, cancel_at: null, canceled_at: null },
      );
    case "resume":
      return updated(
        { ...sub, cancel_at_period_end: false, cancel_at: null, canceled_at: null },
        { cancel_at_period_end: true, cancel_at: sub.cancel_at, canceled_at: sub.canceled_at },
      );
    case "advance_to_period_end": {
      if (sub.cancel_at_period_end) {
        // The period ended with the cancellation scheduled: Stripe ends the subscription. The
        // test clock only moves this subscription, so "now" is when it ended.
        const ended: TestSubscription = { ...sub, status: "canceled", ended_at: unix(now) };
        return { next: ended, events: [eventObject("customer.subscription.deleted", ended, now)] };
      }
      const start = item.current_period_end;
      const renewed: TestSubscription = {
        ...sub,
        status: "active",
        items: {
          ...sub.items,
          data: [{ ...item, current_period_start: start, current_period_end: addMonth(start) }],
        },
      };
      const invoice = invoiceObject({
        subscription: renewed,
        amount: Number(item.price.unit_amount),
        paid: true,
        billingReason: "subscription_cycle",
        now,
      });
      renewed.latest_invoice = invoice.id;
      return updated(
        renewed,
        { status: sub.status, items: sub.items, latest_invoice: sub.latest_invoice },
        [eventObject("invoice.paid", invoice, now)],
      );
    }
    case "end_trial_now": {
      // POST /v1/subscriptions/:id trial_end=now: the trial ends and the first period is billed.
      if (sub.status !== "trialing")
        throw new TestModeError(400, "This subscription is not trialing.");
      const start = unix(now);
      const paidNow: TestSubscription = {
        ...sub,
        status: "active",
        trial_end: start,
        items: {
          ...sub.items,
          data: [{ ...item, current_period_start: start, current_period_end: addMonth(start) }],
        },
      };
      const invoice = invoiceObject({
        subscription: paidNow,
        amount: Number(item.price.unit_amount),
        paid: true,
        billingReason: "subscription_update",
        now,
      });
      paidNow.latest_invoice = invoice.id;
      return updated(paidNow, { status: sub.status, trial_end: sub.trial_end, items: sub.items }, [
        eventObject("invoice.paid", invoice, now),
      ]);
    }
    case "fail_payment": {
      const invoice = invoiceObject({
        subscription: sub,
        amount: Number(item.price.unit_amount),
        paid: false,
        billingReason: "subscription_cycle",
        now,
      });
      const pastDue: TestSubscription = { ...sub, status: "past_due", latest_invoice: invoice.id };
      return updated(pastDue, { status: sub.status }, [
        eventObject("invoice.payment_failed", invoice, now),
      ]);
    }
  }
}

export async function retrieve(type: string, id: string) {
  const obj = await getObject(id, type);
  if (!obj)
    throw new TestModeError(
      404,
      `No such ${type.replace(/^.*\./, "")}: '${id}'`,
      "resource_missing",
      "id",
    );
  return obj;
}

export async function listSubscriptions(customerId: string) {
  return listObjects<TestSubscription>("subscription", { customerId });
}

/** Drops fields that are internal to the test mode (prefixed with "_"). */
export function publicView<T extends StripeObject>(obj: T): StripeObject {
  return Object.fromEntries(
    Object.entries(obj).filter(([k]) => !k.startsWith("_")),
  ) as StripeObject;
}
