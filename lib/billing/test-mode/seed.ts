// Demo data for the built-in test mode: a billing history for the demo team (a trial that was
// cancelled and ended, then a paid subscription that renewed), created through the same test-mode
// operations the pages use, with the Subscription rows written as the webhook sync would.
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { billingEnv, env } from "@/lib/env";
import { subscriptionFields } from "@/lib/billing/sync-subscription";
import {
  changeSubscription,
  completeCheckout,
  createCheckoutSession,
  createCustomer,
  ensurePrice,
} from "./engine";

const DAY = 86_400_000;

export async function seedTestModeBilling(team: { id: string; name: string }): Promise<boolean> {
  const billing = billingEnv();
  if (billing?.mode !== "test") return false;
  const appUrl = env().APP_URL;
  const ago = (days: number) => new Date(Date.now() - days * DAY);
  const customer = await createCustomer(
    { name: team.name, metadata: { team_id: team.id } },
    ago(80),
  );
  await db.team.update({ where: { id: team.id }, data: { stripeCustomerId: customer.id } });
  const price = await ensurePrice(billing.priceLookupKey, ago(80));

  const checkout = async (trial: boolean, at: Date) => {
    const metadata = { team_id: team.id };
    const session = await createCheckoutSession(
      {
        mode: "subscription",
        customer: customer.id,
        client_reference_id: team.id,
        metadata,
        line_items: [{ price: price.id, quantity: 1 }],
        subscription_data: trial ? { metadata, trial_period_days: 30 } : { metadata },
        success_url: `${appUrl}/developers/api-keys?checkout_session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${appUrl}/pricing`,
      },
      appUrl,
      at,
    );
    const done = await completeCheckout(session.id, customer.id, at);
    return { sessionId: session.id, subscriptionId: done.session.subscription ?? "" };
  };

  // A trial started 80 days ago, cancelled during the trial, ended at its end.
  const trial = await checkout(true, ago(80));
  await changeSubscription(trial.subscriptionId, customer.id, "cancel_at_period_end", ago(70));
  const ended = await changeSubscription(
    trial.subscriptionId,
    customer.id,
    "advance_to_period_end",
    ago(50),
  );
  // A paid subscription 40 days ago that renewed once.
  const paid = await checkout(false, ago(40));
  const renewed = await changeSubscription(
    paid.subscriptionId,
    customer.id,
    "advance_to_period_end",
    ago(9),
  );

  for (const [sub, sessionId] of [
    [ended.subscription, trial.sessionId],
    [renewed.subscription, paid.sessionId],
  ] as const) {
    const fields = subscriptionFields(sub as unknown as Stripe.Subscription);
    await db.subscription.create({
      data: {
        teamId: team.id,
        stripeSubscriptionId: sub.id,
        checkoutSessionId: sessionId,
        ...fields,
        createdAt: new Date(Number(sub.created) * 1000),
      },
    });
  }
  await db.team.update({ where: { id: team.id }, data: { trialUsedAt: ago(80) } });
  return true;
}
