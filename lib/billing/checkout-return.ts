// After Checkout redirects back (…?checkout_session_id=cs_…): the subscription that checkout
// bought. The webhook may not have arrived yet; when Stripe says the session is complete, the
// subscription is synced from Stripe right here — through the same locked, re-fetching sync the
// webhook uses, so the two never race each other into an older state.
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { getStripe } from "./stripe";
import { SUBSCRIPTION_FIELDS, toTeamSubscription, type TeamSubscription } from "./state";
import { syncSubscription } from "./sync-subscription";

export type CheckoutReturn =
  { kind: "ready"; subscription: TeamSubscription } | { kind: "pending" } | { kind: "not_found" };

const SESSION_ID = /^cs_[A-Za-z0-9_]{8,200}$/;

async function stored(teamId: string, sessionId: string) {
  const row = await db.subscription.findFirst({
    where: { teamId, checkoutSessionId: sessionId },
    select: SUBSCRIPTION_FIELDS,
  });
  return row ? toTeamSubscription(row) : null;
}

export async function findCheckoutSubscription(
  teamId: string,
  sessionId: string,
  stripe?: Stripe,
): Promise<CheckoutReturn> {
  if (!SESSION_ID.test(sessionId)) return { kind: "not_found" };
  const existing = await stored(teamId, sessionId);
  if (existing) return { kind: "ready", subscription: existing };

  const client = stripe ?? getStripe();
  let session: Stripe.Checkout.Session;
  try {
    session = await client.checkout.sessions.retrieve(sessionId);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return { kind: "not_found" };
    throw error;
  }
  if (session.client_reference_id !== teamId) return { kind: "not_found" };
  if (session.status === "open") return { kind: "pending" };
  const subscriptionId =
    typeof session.subscription === "string" ? session.subscription : session.subscription?.id;
  if (session.status !== "complete" || !subscriptionId) return { kind: "not_found" };

  const result = await db.$transaction(
    (tx) =>
      syncSubscription(client, tx, subscriptionId, {
        checkoutSessionId: session.id,
        expectedTeamId: teamId,
      }),
    { timeout: 30_000, maxWait: 15_000 },
  );
  if (result.outcome !== "synced") {
    logger.warn({ sessionId, reason: result.reason }, "checkout return could not be synced");
    return { kind: "pending" };
  }
  const synced = await stored(teamId, sessionId);
  return synced ? { kind: "ready", subscription: synced } : { kind: "pending" };
}
