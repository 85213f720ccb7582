// POST /v1/subscriptions — a subscription created directly (no Checkout), as the demo seed does.
// `backdate_start_date` starts it in the past; the tool then plays its clock forward to now the
// way Stripe's billing would have run: a trial ends, a scheduled cancellation ends the
// subscription at its period end, otherwise each period renews with a paid invoice.
import { z } from "zod";
import {
  addMonth,
  eventObject,
  invoiceObject,
  subscriptionObject,
  unix,
  type TestSubscription,
} from "./objects";
import { getObject, putObject, saveEvents, TestModeError, type StripeObject } from "./store";

const createSchema = z.object({
  customer: z.string().min(1),
  items: z.array(z.object({ price: z.string().min(1) })).length(1),
  trial_period_days: z.coerce.number().int().min(1).max(730).optional(),
  backdate_start_date: z.coerce.number().int().positive().optional(),
  cancel_at_period_end: z.enum(["true", "false"]).optional(),
  metadata: z.record(z.string(), z.string().max(500)).default({}),
});

export async function createSubscription(params: Record<string, unknown>, now = new Date()) {
  const parsed = createSchema.safeParse(params);
  if (!parsed.success) throw new TestModeError(400, parsed.error.issues[0]?.message ?? "Invalid");
  const input = parsed.data;
  if (!(await getObject(input.customer, "customer")))
    throw new TestModeError(400, `No such customer: '${input.customer}'`, "resource_missing");
  const price = await getObject(input.items[0]?.price ?? "", "price");
  if (!price) throw new TestModeError(400, "No such price", "resource_missing", "items[0][price]");
  const start = input.backdate_start_date ? new Date(input.backdate_start_date * 1000) : now;
  if (start > now) throw new TestModeError(400, "backdate_start_date must be in the past.");

  let sub = subscriptionObject({
    customer: input.customer,
    price,
    metadata: input.metadata,
    trialDays: input.trial_period_days ?? null,
    now: start,
  });
  const first = invoiceObject({
    subscription: sub,
    amount: input.trial_period_days ? 0 : Number(price.unit_amount),
    paid: true,
    billingReason: "subscription_create",
    now: start,
  });
  sub.latest_invoice = first.id;
  const events: StripeObject[] = [
    eventObject("customer.subscription.created", sub, start),
    eventObject("invoice.paid", first, start),
  ];
  const invoices = [first];
  if (input.cancel_at_period_end === "true") {
    const end = sub.items.data[0]?.current_period_end ?? unix(start);
    sub = { ...sub, cancel_at_period_end: true, cancel_at: end, canceled_at: unix(start) };
  }
  // Play the clock forward: every period that ended before now renews or ends the subscription.
  for (let item = sub.items.data[0]; item && item.current_period_end <= unix(now);) {
    const at = new Date(item.current_period_end * 1000);
    if (sub.cancel_at_period_end) {
      sub = { ...sub, status: "canceled", ended_at: item.current_period_end };
      events.push(eventObject("customer.subscription.deleted", sub, at));
      break;
    }
    const begin = item.current_period_end;
    item = { ...item, current_period_start: begin, current_period_end: addMonth(begin) };
    sub = { ...sub, status: "active", items: { ...sub.items, data: [item] } };
    const invoice = invoiceObject({
      subscription: sub,
      amount: Number(price.unit_amount),
      paid: true,
      billingReason: "subscription_cycle",
      now: at,
    });
    sub.latest_invoice = invoice.id;
    invoices.push(invoice);
    events.push(eventObject("invoice.paid", invoice, at));
  }
  const saved: TestSubscription = sub;
  await putObject(saved, saved.customer);
  for (const invoice of invoices) await putObject(invoice, saved.customer);
  return { subscription: saved, events: await saveEvents(events, saved.customer) };
}
