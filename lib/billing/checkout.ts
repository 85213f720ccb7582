// Starting a Stripe Checkout for a team: one subscription (one CI key) per completed checkout, the
// team's one Stripe customer reused, the 30-day trial only while the team is eligible, and an
// idempotency key per checkout attempt so a double click yields one session, hence one subscription.
import type Stripe from "stripe";
import { z } from "zod";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { hasRole, type Role } from "@/lib/teams/roles";
import { isTrialEligible } from "./state";

export const TRIAL_DAYS = 30;

export const attemptIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "Reload the page and try again.");

export function assertCanManageBilling(role: Role) {
  if (!hasRole(role, "admin"))
    throw new DomainError("Only team owners and admins can manage billing.", {
      code: "forbidden",
    });
}

/** The team's Stripe customer, created once (concurrent first checkouts share one). */
export async function ensureCustomer(
  stripe: Stripe,
  team: { id: string; name: string },
): Promise<string> {
  const existing = await db.team.findUnique({
    where: { id: team.id },
    select: { stripeCustomerId: true },
  });
  if (existing?.stripeCustomerId) return existing.stripeCustomerId;
  const customer = await stripe.customers.create(
    { name: team.name, metadata: { team_id: team.id } },
    { idempotencyKey: `signal-diff:customer:${team.id}` },
  );
  await db.team.updateMany({
    where: { id: team.id, stripeCustomerId: null },
    data: { stripeCustomerId: customer.id },
  });
  const saved = await db.team.findUniqueOrThrow({
    where: { id: team.id },
    select: { stripeCustomerId: true },
  });
  return saved.stripeCustomerId ?? customer.id;
}

export type PlanPrice = {
  id: string;
  unitAmount: number | null;
  currency: string;
  interval: string;
};

/** The paid plan's price, found by its lookup key (so a price change needs no deploy). */
export async function findPlanPrice(stripe: Stripe, lookupKey: string): Promise<PlanPrice> {
  const prices = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  const price = prices.data[0];
  if (!price)
    throw new DomainError(
      `The paid plan is not available right now (no active price "${lookupKey}").`,
      {
        code: "price_missing",
      },
    );
  return {
    id: price.id,
    unitAmount: price.unit_amount,
    currency: price.currency,
    interval: price.recurring?.interval ?? "month",
  };
}

export async function trialEligibility(teamId: string): Promise<boolean> {
  const team = await db.team.findUniqueOrThrow({
    where: { id: teamId },
    select: { trialUsedAt: true, subscriptions: { select: { status: true, trialStart: true } } },
  });
  return isTrialEligible(team, team.subscriptions);
}

export async function createCheckout(
  stripe: Stripe,
  input: {
    team: { id: string; name: string };
    role: Role;
    attemptId: string;
    appUrl: string;
    priceLookupKey: string;
  },
): Promise<{ url: string; sessionId: string; trial: boolean }> {
  assertCanManageBilling(input.role);
  const attemptId = attemptIdSchema.parse(input.attemptId);
  const [customer, price, trial] = await Promise.all([
    ensureCustomer(stripe, input.team),
    findPlanPrice(stripe, input.priceLookupKey),
    trialEligibility(input.team.id),
  ]);
  const metadata = { team_id: input.team.id };
  const session = await stripe.checkout.sessions.create(
    {
      mode: "subscription",
      customer,
      client_reference_id: input.team.id,
      metadata,
      line_items: [{ price: price.id, quantity: 1 }],
      subscription_data: trial ? { metadata, trial_period_days: TRIAL_DAYS } : { metadata },
      success_url: `${input.appUrl}/developers/api-keys?checkout_session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${input.appUrl}/pricing?checkout=cancelled`,
    },
    { idempotencyKey: `signal-diff:checkout:${input.team.id}:${attemptId}` },
  );
  if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
  return { url: session.url, sessionId: session.id, trial };
}
