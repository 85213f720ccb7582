// Starting a Stripe Checkout for a team: one subscription (one CI key) per completed checkout, the
// team's one Stripe customer reused, the 30-day trial only while the team and the person are
// eligible (once per person: see trialEligibility), and an
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

/** Why a checkout gets no trial; null when it does. */
export type TrialIneligibleReason = "team_had_trial" | "person_had_trial" | "owned_team_had_trial";

export const TRIAL_INELIGIBLE_MESSAGES: Record<TrialIneligibleReason, string> = {
  team_had_trial:
    "This team has already had its free trial or a subscription, so checkout starts a paid subscription.",
  person_had_trial:
    "You have already had a free trial (the 30-day trial is once per person), so checkout starts a paid subscription.",
  owned_team_had_trial:
    "A team you own has already had a free trial (the 30-day trial is once per person), so checkout starts a paid subscription.",
};

const trialSelect = {
  trialUsedAt: true,
  subscriptions: { select: { status: true, trialStart: true } },
} as const;

/**
 * One 30-day trial per account, and an account is a person: a checkout gets the trial only when
 * the team never had one (nor any subscription), the signed-in person never started one
 * (User.trialUsedAt, set by the webhook from the subscription's trial_user_id), and no team the
 * person owns had one — otherwise a new team would be a new trial.
 */
export async function trialEligibility(
  teamId: string,
  userId: string,
): Promise<{ eligible: boolean; reason: TrialIneligibleReason | null }> {
  const [team, user, owned] = await Promise.all([
    db.team.findUniqueOrThrow({ where: { id: teamId }, select: trialSelect }),
    db.user.findUnique({ where: { id: userId }, select: { trialUsedAt: true } }),
    db.team.findMany({
      where: { id: { not: teamId }, memberships: { some: { userId, role: "owner" } } },
      select: trialSelect,
    }),
  ]);
  const no = (reason: TrialIneligibleReason) => ({ eligible: false, reason });
  if (!isTrialEligible(team, team.subscriptions)) return no("team_had_trial");
  if (user?.trialUsedAt) return no("person_had_trial");
  const hadTrial = (t: (typeof owned)[number]) =>
    t.trialUsedAt !== null || t.subscriptions.some((s) => s.trialStart !== null);
  if (owned.some(hadTrial)) return no("owned_team_had_trial");
  return { eligible: true, reason: null };
}

export async function createCheckout(
  stripe: Stripe,
  input: {
    team: { id: string; name: string };
    role: Role;
    /** The signed-in person: the trial is once per person. */
    userId: string;
    attemptId: string;
    appUrl: string;
    priceLookupKey: string;
  },
): Promise<{ url: string; sessionId: string; trial: boolean }> {
  assertCanManageBilling(input.role);
  const attemptId = attemptIdSchema.parse(input.attemptId);
  const [customer, price, eligibility] = await Promise.all([
    ensureCustomer(stripe, input.team),
    findPlanPrice(stripe, input.priceLookupKey),
    trialEligibility(input.team.id, input.userId),
  ]);
  const trial = eligibility.eligible;
  const metadata = { team_id: input.team.id };
  const session = await stripe.checkout.sessions.create(
    {
      mode: "subscription",
      customer,
      client_reference_id: input.team.id,
      metadata,
      line_items: [{ price: price.id, quantity: 1 }],
      // trial_user_id tells the webhook whose one trial this is (User.trialUsedAt).
      subscription_data: trial
        ? { metadata: { ...metadata, trial_user_id: input.userId }, trial_period_days: TRIAL_DAYS }
        : { metadata },
      success_url: `${input.appUrl}/developers/api-keys?checkout_session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${input.appUrl}/pricing?checkout=cancelled`,
    },
    { idempotencyKey: `signal-diff:checkout:${input.team.id}:${attemptId}` },
  );
  if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
  return { url: session.url, sessionId: session.id, trial };
}
