// Pay and Cancel on the test-mode Checkout page: what Stripe does when a customer completes or
// abandons a Checkout Session. Both return the events Stripe would send; the caller delivers them.
import { eventObject, invoiceObject, subscriptionObject, unix } from "./objects";
import { publicView, type TestCheckoutSession } from "./engine";
import {
  getObject,
  putObject,
  saveEvents,
  TestModeError,
  withLockedObject,
  type StripeObject,
} from "./store";

/** Pay: completes an open session, creating its subscription and first invoice. */
export async function completeCheckout(sessionId: string, customerId: string, now = new Date()) {
  return withLockedObject<
    TestCheckoutSession,
    { session: TestCheckoutSession; events: StripeObject[] }
  >(sessionId, "checkout.session", async (session) => {
    if (session.customer !== customerId) throw new TestModeError(404, "No such checkout session");
    if (session.status === "complete") return { session, events: [] };
    if (session.status === "expired" || session.expires_at <= unix(now))
      throw new TestModeError(400, "This checkout session has expired.", "checkout_expired");
    const price = await getObject(session._internal.price, "price");
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
    await putObject(sub, sub.customer);
    await putObject(invoice, sub.customer);
    await putObject(done, sub.customer);
    const events = await saveEvents(
      [
        eventObject("customer.subscription.created", sub, now),
        eventObject("invoice.paid", invoice, now),
        eventObject("checkout.session.completed", publicView(done), now),
      ],
      sub.customer,
    );
    return { session: done, events };
  });
}

/** Cancel on the checkout page: the session expires and nothing is bought. */
export async function expireCheckout(sessionId: string, customerId: string, now = new Date()) {
  return withLockedObject<
    TestCheckoutSession,
    { session: TestCheckoutSession; events: StripeObject[] }
  >(sessionId, "checkout.session", async (session) => {
    if (session.customer !== customerId) throw new TestModeError(404, "No such checkout session");
    if (session.status !== "open") return { session, events: [] };
    const expired: TestCheckoutSession = { ...session, status: "expired" };
    await putObject(expired, session.customer);
    const events = await saveEvents(
      [eventObject("checkout.session.expired", publicView(expired), now)],
      session.customer,
    );
    return { session: expired, events };
  });
}
