// Writes one Stripe subscription into our Subscription table from the object as Stripe has it
// now (re-fetched), never from an event's payload: Stripe does not guarantee delivery order, and
// the re-fetched object is always the latest state. A per-subscription advisory lock makes
// concurrent syncs apply one after the other, each with what Stripe answered under the lock.
import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/log";

export type SyncOutcome =
  | { outcome: "synced"; teamId: string; subscriptionId: string; status: string }
  | { outcome: "ignored"; reason: string };

const toDate = (seconds: number | null | undefined) =>
  typeof seconds === "number" ? new Date(seconds * 1000) : null;

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === "string" ? value : (value?.id ?? null);

export async function syncSubscription(
  stripe: Stripe,
  tx: Tx,
  stripeSubscriptionId: string,
  options: { checkoutSessionId?: string; expectedTeamId?: string | null } = {},
): Promise<SyncOutcome> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`stripe-subscription:${stripeSubscriptionId}`}))`;
  const sub = await stripe.subscriptions.retrieve(stripeSubscriptionId);
  const customerId = idOf(sub.customer);
  const team = customerId
    ? await tx.team.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true } })
    : null;
  const ignore = (reason: string): SyncOutcome => {
    logger.warn({ stripeSubscriptionId, customerId, reason }, "Stripe subscription ignored");
    return { outcome: "ignored", reason };
  };
  if (!team) return ignore("unknown_customer");
  // The team id we put in metadata and client_reference_id must agree with the customer's team.
  const metadataTeam = sub.metadata?.team_id;
  if (metadataTeam && metadataTeam !== team.id) return ignore("team_mismatch");
  if (options.expectedTeamId && options.expectedTeamId !== team.id) return ignore("team_mismatch");
  const existing = await tx.subscription.findUnique({
    where: { stripeSubscriptionId },
    select: { teamId: true },
  });
  if (existing && existing.teamId !== team.id) return ignore("team_mismatch");

  const fields = {
    ...subscriptionFields(sub),
    ...(options.checkoutSessionId ? { checkoutSessionId: options.checkoutSessionId } : {}),
  };
  const saved = await tx.subscription.upsert({
    where: { stripeSubscriptionId },
    create: { teamId: team.id, stripeSubscriptionId, ...fields },
    update: fields,
    select: { id: true },
  });
  // One trial per account, ever: remember the first one, whatever happens to it later.
  if (sub.trial_start) {
    await tx.team.updateMany({
      where: { id: team.id, trialUsedAt: null },
      data: { trialUsedAt: toDate(sub.trial_start) },
    });
    // ...and the person who started it, so a new team of theirs gets no second trial.
    const trialUserId = sub.metadata?.trial_user_id;
    if (trialUserId) {
      await tx.user.updateMany({
        where: {
          id: trialUserId,
          trialUsedAt: null,
          memberships: { some: { teamId: team.id } },
        },
        data: { trialUsedAt: toDate(sub.trial_start) },
      });
    }
    await endExtraTrials(stripe, tx, team.id);
  }
  return { outcome: "synced", teamId: team.id, subscriptionId: saved.id, status: sub.status };
}

/** Our Subscription columns from a Stripe subscription object. */
export function subscriptionFields(sub: Stripe.Subscription) {
  const item = sub.items?.data?.[0];
  return {
    stripeCustomerId: idOf(sub.customer) ?? "",
    stripePriceId: item?.price?.id ?? null,
    status: sub.status,
    trialStart: toDate(sub.trial_start),
    trialEnd: toDate(sub.trial_end),
    currentPeriodStart: toDate(item?.current_period_start),
    currentPeriodEnd: toDate(item?.current_period_end),
    // Stripe's portal may schedule the end with cancel_at instead of cancel_at_period_end.
    cancelAtPeriodEnd: sub.cancel_at_period_end || (sub.cancel_at ?? null) !== null,
    canceledAt: toDate(sub.canceled_at),
    endedAt: toDate(sub.ended_at),
  };
}

/**
 * Two checkouts opened side by side (two tabs) while the team was still eligible could both start
 * a trial. The first trial (earliest start) stands; any other still trialing is ended now through
 * Stripe, which bills its first period — Stripe is where the trial lives, so that is where it ends.
 */
async function endExtraTrials(stripe: Stripe, tx: Tx, teamId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`stripe-team-trials:${teamId}`}))`;
  const trials = await tx.subscription.findMany({
    where: { teamId, trialStart: { not: null } },
    orderBy: [{ trialStart: "asc" }, { stripeSubscriptionId: "asc" }],
    select: { id: true, stripeSubscriptionId: true, status: true },
  });
  for (const extra of trials.slice(1)) {
    if (extra.status !== "trialing") continue;
    const ended = await stripe.subscriptions.update(
      extra.stripeSubscriptionId,
      { trial_end: "now" },
      { idempotencyKey: `signal-diff:end-extra-trial:${extra.stripeSubscriptionId}` },
    );
    // Stripe's answer is its current state: store it now rather than ending the trial twice.
    await tx.subscription.update({ where: { id: extra.id }, data: subscriptionFields(ended) });
    logger.warn(
      { teamId, stripeSubscriptionId: extra.stripeSubscriptionId },
      "ended a second trial",
    );
    await recordAudit(
      {
        teamId,
        actor: { label: "Signal Diff" },
        action: "billing.extra_trial_ended",
        targetType: "subscription",
        targetId: extra.id,
      },
      tx,
    );
  }
}
