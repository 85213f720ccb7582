// Demo billing history for the demo team, made through the Stripe API exactly as a real account's
// history would be: the team's customer, a trial that was cancelled and ended, and a paid
// subscription that renewed once (both back-dated with Stripe's `backdate_start_date`), then each
// written to our Subscription table by the same sync the webhook handlers run. Only against the
// local Stripe test tool (no STRIPE_SECRET_KEY), which `npm start` starts before seeding.
import { db } from "@/lib/db";
import { billingEnv } from "@/lib/env";
import { ensureCustomer, findPlanPrice } from "@/lib/billing/checkout";
import { getStripe } from "@/lib/billing/stripe";
import { syncSubscription } from "@/lib/billing/sync-subscription";

const DAY_SECONDS = 86_400;

export async function seedBilling(team: { id: string; name: string }): Promise<boolean> {
  const billing = billingEnv();
  if (billing?.mode !== "test") return false;
  const stripe = getStripe();
  const daysAgo = (days: number) => Math.floor(Date.now() / 1000) - days * DAY_SECONDS;
  try {
    const customer = await ensureCustomer(stripe, team);
    const price = await findPlanPrice(stripe, billing.priceLookupKey);
    const base = { customer, items: [{ price: price.id }], metadata: { team_id: team.id } };
    // A trial started 80 days ago and cancelled during it: it ended with the trial, 50 days ago.
    const trial = await stripe.subscriptions.create({
      ...base,
      trial_period_days: 30,
      cancel_at_period_end: true,
      backdate_start_date: daysAgo(80),
    });
    // A paid subscription started 40 days ago: it renewed once and is active now.
    const paid = await stripe.subscriptions.create({ ...base, backdate_start_date: daysAgo(40) });
    for (const sub of [trial, paid]) {
      await db.$transaction((tx) => syncSubscription(stripe, tx, sub.id));
      await db.subscription.update({
        where: { stripeSubscriptionId: sub.id },
        data: { createdAt: new Date(sub.created * 1000) },
      });
    }
    return true;
  } catch (error) {
    console.warn(
      `Demo billing history skipped: the Stripe test tool did not answer (${String(error)}).`,
    );
    return false;
  }
}
