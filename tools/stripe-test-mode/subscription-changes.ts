// The test-mode billing portal and test clock: cancel at period end, resume, advance to renewal or
// expiry, fail a payment, and end a trial now (the one subscription update Signal Diff sends).
import { addMonth, eventObject, invoiceObject, unix, type TestSubscription } from "./objects";
import { putObject, saveEvents, TestModeError, withLockedObject, type StripeObject } from "./store";

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
  >(subscriptionId, "subscription", async (sub) => {
    if (sub.customer !== customerId) throw new TestModeError(404, "No such subscription");
    if (sub.status === "canceled" || sub.status === "incomplete_expired")
      throw new TestModeError(400, "This subscription has ended.");
    const { next, events } = applyChange(sub, change, now);
    await putObject(next, sub.customer);
    for (const e of events) {
      const obj = (e.data as { object: StripeObject }).object;
      if (obj.object === "invoice") await putObject(obj, sub.customer);
    }
    return { subscription: next, events: await saveEvents(events, sub.customer) };
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
