// What the rest of the product reads about a team's billing: its subscriptions (billing history),
// whether any of them grants paid access now, and whether the one free trial is still available.
import { db } from "@/lib/db";
import { keyExpiresAt, type SubscriptionTimes } from "@/lib/credentials/ci-keys/status";

/** One Stripe subscription of a team, as stored from Stripe by the webhook handlers. */
export type TeamSubscription = {
  id: string;
  stripeSubscriptionId: string;
  stripeCustomerId: string;
  stripePriceId: string | null;
  status: string;
  trialStart: Date | null;
  trialEnd: Date | null;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  /** When access bought by this subscription ends (the CI key's expiry); null: it never granted any. */
  accessEndsAt: Date | null;
  grantsAccess: boolean;
};

export type SubscriptionState = {
  /** At least one subscription grants paid access now. */
  hasActiveSubscription: boolean;
  /** The team may still start its one 30-day free trial. */
  trialEligible: boolean;
  /** The team has a Stripe customer, so the billing portal can open. */
  hasBillingAccount: boolean;
  /** Subscriptions granting access now, soonest-ending first. */
  active: TeamSubscription[];
  /** Every subscription, newest first (the billing history). */
  subscriptions: TeamSubscription[];
};

/**
 * Whether a subscription grants paid access at `now`. The one rule for when access ends lives in
 * keyExpiresAt (lib/credentials/ci-keys/status.ts): the current period end, cut short by Stripe ending it.
 */
export function subscriptionGrantsAccess(sub: SubscriptionTimes, now: Date = new Date()): boolean {
  const expiresAt = keyExpiresAt(sub);
  return expiresAt !== null && expiresAt > now;
}

/**
 * One trial per account, ever: a team that started a trial (trialUsedAt), or that already had any
 * subscription, is not eligible again — cancelling a trial does not make it eligible.
 * Abandoned first payments (incomplete_expired) never started anything, so they do not count.
 */
export function isTrialEligible(
  team: { trialUsedAt: Date | null },
  subscriptions: Array<{ status: string; trialStart: Date | null }>,
): boolean {
  if (team.trialUsedAt) return false;
  return subscriptions.every((s) => s.status === "incomplete_expired" && !s.trialStart);
}

export const SUBSCRIPTION_FIELDS = {
  id: true,
  stripeSubscriptionId: true,
  stripeCustomerId: true,
  stripePriceId: true,
  status: true,
  trialStart: true,
  trialEnd: true,
  currentPeriodStart: true,
  currentPeriodEnd: true,
  cancelAtPeriodEnd: true,
  canceledAt: true,
  endedAt: true,
  createdAt: true,
} as const;

/** The team's subscriptions, newest first: the billing history. */
export async function getTeamSubscriptions(
  teamId: string,
  now: Date = new Date(),
): Promise<TeamSubscription[]> {
  const rows = await db.subscription.findMany({
    where: { teamId },
    select: SUBSCRIPTION_FIELDS,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((row) => toTeamSubscription(row, now));
}

type SubscriptionRow = Omit<TeamSubscription, "accessEndsAt" | "grantsAccess">;

export function toTeamSubscription(row: SubscriptionRow, now: Date = new Date()): TeamSubscription {
  return {
    ...row,
    accessEndsAt: keyExpiresAt(row),
    grantsAccess: subscriptionGrantsAccess(row, now),
  };
}

/** The team's billing state at `now`. */
export async function getSubscriptionState(
  teamId: string,
  now: Date = new Date(),
): Promise<SubscriptionState> {
  const [team, subscriptions] = await Promise.all([
    db.team.findUnique({
      where: { id: teamId },
      select: { trialUsedAt: true, stripeCustomerId: true },
    }),
    getTeamSubscriptions(teamId, now),
  ]);
  if (!team) {
    return {
      hasActiveSubscription: false,
      trialEligible: false,
      hasBillingAccount: false,
      active: [],
      subscriptions: [],
    };
  }
  const active = subscriptions
    .filter((s) => s.grantsAccess)
    .sort((a, b) => (a.accessEndsAt?.getTime() ?? 0) - (b.accessEndsAt?.getTime() ?? 0));
  return {
    hasActiveSubscription: active.length > 0,
    trialEligible: isTrialEligible(team, subscriptions),
    hasBillingAccount: team.stripeCustomerId !== null,
    active,
    subscriptions,
  };
}

/** The CI key of each of the team's subscriptions (prefix only, never a secret). */
export async function getSubscriptionKeys(
  teamId: string,
  subscriptionIds: string[],
): Promise<Map<string, { prefix: string; revoked: boolean }>> {
  const keys = await db.ciApiKey.findMany({
    where: { teamId, subscriptionId: { in: subscriptionIds } },
    select: { subscriptionId: true, prefix: true, revokedAt: true },
  });
  return new Map(keys.map((k) => [k.subscriptionId, { prefix: k.prefix, revoked: !!k.revokedAt }]));
}

/**
 * What a subscription offers next. A subscription whose key was revoked keeps billing but can
 * never get a key again (one key per subscription, revocation is permanent), so it offers
 * cancelling it or a new checkout — unless it is already set to end.
 */
export function revokedKeyOffer(
  sub: Pick<TeamSubscription, "grantsAccess" | "cancelAtPeriodEnd">,
  key: { revoked: boolean } | undefined,
): "cancel_or_checkout" | "checkout" | null {
  if (!key?.revoked || !sub.grantsAccess) return null;
  return sub.cancelAtPeriodEnd ? "checkout" : "cancel_or_checkout";
}

/**
 * The newest `take` subscriptions and how many there are, for the subscriptions card: a team
 * with thousands (one per CI key) must not load and render them all. trialEligible is exact
 * when the team has no subscriptions, the only case the card shows it.
 */
export async function getSubscriptionHistory(teamId: string, take: number, now = new Date()) {
  const [team, total, rows] = await Promise.all([
    db.team.findUnique({
      where: { id: teamId },
      select: { trialUsedAt: true, stripeCustomerId: true },
    }),
    db.subscription.count({ where: { teamId } }),
    db.subscription.findMany({
      where: { teamId },
      select: SUBSCRIPTION_FIELDS,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
    }),
  ]);
  return {
    total,
    subscriptions: rows.map((row) => toTeamSubscription(row, now)),
    hasBillingAccount: (team?.stripeCustomerId ?? null) !== null,
    trialEligible: team !== null && total <= take && isTrialEligible(team, rows),
  };
}
