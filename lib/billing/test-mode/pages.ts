// What the in-app test-mode pages (checkout, portal) read and do. Each call first checks that
// test mode is on (never next to real Stripe keys) and that the caller's team owns the object.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError, type DomainCode } from "@/lib/errors";
import { getMembership } from "@/lib/teams/memberships";
import { hasRole } from "@/lib/teams/roles";
import { assertTestMode } from "@/lib/billing/stripe";
import { deliverEvents, httpTransport } from "./deliver";
import { listSubscriptions, successUrl, type TestCheckoutSession } from "./engine";
import { completeCheckout, expireCheckout } from "./checkout-flow";
import { changeSubscription, type SubscriptionChange } from "./subscription-changes";
import type { TestSubscription } from "./objects";
import { getObject, TestModeError, type StripeObject } from "./store";

async function teamOfCustomer(customerId: string, userId: string) {
  const team = await db.team.findUnique({
    where: { stripeCustomerId: customerId },
    select: { id: true, name: true, timeZone: true },
  });
  if (!team) return null;
  const membership = await getMembership(userId, team.id);
  return membership && hasRole(membership.role, "admin") ? team : null;
}

export async function loadTestCheckout(sessionId: string, userId: string) {
  assertTestMode();
  const session = await getObject<TestCheckoutSession>(sessionId, "checkout.session");
  if (!session) return null;
  const team = await teamOfCustomer(session.customer, userId);
  if (!team) return null;
  const price = await getObject(session._internal.price, "price");
  return {
    id: session.id,
    status: session.status,
    expired: session.status === "expired" || session.expires_at * 1000 <= Date.now(),
    team,
    trialDays: session._internal.trialDays,
    trialEndsIfPaidNow: session._internal.trialDays
      ? new Date(Date.now() + session._internal.trialDays * 86_400_000)
      : null,
    amount: Number(price?.unit_amount ?? 0),
    currency: String(price?.currency ?? "usd"),
    interval: String((price?.recurring as { interval?: string } | undefined)?.interval ?? "month"),
    cancelUrl: session.cancel_url,
    successUrl: successUrl(session),
  };
}

export async function loadTestPortal(portalSessionId: string, userId: string) {
  assertTestMode();
  const portal = await getObject<
    StripeObject & { customer: string; return_url: string | null; expires_at: number }
  >(portalSessionId, "billing_portal.session");
  if (!portal || portal.expires_at * 1000 <= Date.now()) return null;
  const team = await teamOfCustomer(portal.customer, userId);
  if (!team) return null;
  const subscriptions = await listSubscriptions(portal.customer);
  return {
    id: portal.id,
    team,
    returnUrl: portal.return_url ?? `${env().APP_URL}/developers/api-keys`,
    subscriptions: subscriptions.map(portalView),
  };
}

function portalView(sub: TestSubscription) {
  const item = sub.items.data[0];
  const date = (s: number | null | undefined) =>
    typeof s === "number" ? new Date(s * 1000) : null;
  return {
    id: sub.id,
    status: sub.status,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    trialEnd: date(sub.trial_end),
    currentPeriodEnd: date(item?.current_period_end),
    endedAt: date(sub.ended_at),
    amount: Number(item?.price.unit_amount ?? 0),
    currency: String(item?.price.currency ?? "usd"),
  };
}

async function teamCustomer(teamId: string): Promise<string> {
  const team = await db.team.findUnique({
    where: { id: teamId },
    select: { stripeCustomerId: true },
  });
  if (!team?.stripeCustomerId) throw new DomainError("This checkout does not belong to your team.");
  return team.stripeCustomerId;
}

async function deliver(events: StripeObject[]) {
  const billing = assertTestMode();
  await deliverEvents(events, {
    secret: billing.webhookSecret,
    transport: httpTransport(`${env().APP_URL}/api/stripe/webhook`),
  });
}

// The test-mode engine answers with Stripe's statuses; the pages show them as domain errors.
function testModeCode(status: number): DomainCode {
  if (status === 404) return "not_found";
  if (status === 401) return "unauthorized";
  if (status === 413) return "payload_too_large";
  return "invalid_request";
}

function asUserError(error: unknown): never {
  if (error instanceof TestModeError)
    throw new DomainError(error.message, { code: testModeCode(error.status) });
  throw error;
}

/** Pay: completes the session and delivers its events; answers where Checkout sends the user. */
export async function payTestCheckout(teamId: string, sessionId: string): Promise<string> {
  assertTestMode();
  const { session, events } = await completeCheckout(sessionId, await teamCustomer(teamId)).catch(
    asUserError,
  );
  await deliver(events);
  return successUrl(session);
}

/** Cancel: the session expires, nothing is bought; answers the session's cancel URL. */
export async function cancelTestCheckout(teamId: string, sessionId: string): Promise<string> {
  assertTestMode();
  const { session, events } = await expireCheckout(sessionId, await teamCustomer(teamId)).catch(
    asUserError,
  );
  await deliver(events);
  return session.cancel_url;
}

const CHANGE_MESSAGES: Record<SubscriptionChange, string> = {
  cancel_at_period_end: "The subscription will end at the end of the current period.",
  resume: "The subscription will renew as usual.",
  advance_to_period_end: "The clock moved to the end of the period.",
  fail_payment: "The renewal payment failed; the subscription is past due.",
  end_trial_now: "The trial ended and the first period was billed.",
};

/** A portal change on one of the team's subscriptions, through an unexpired portal session. */
export async function changeTestSubscription(input: {
  teamId: string;
  portalSessionId: string;
  subscriptionId: string;
  change: SubscriptionChange;
}): Promise<string> {
  assertTestMode();
  const customer = await teamCustomer(input.teamId);
  const portal = await getObject<StripeObject & { customer: string; expires_at: number }>(
    input.portalSessionId,
    "billing_portal.session",
  );
  if (!portal || portal.customer !== customer || portal.expires_at * 1000 <= Date.now())
    throw new DomainError(
      "This billing portal session has expired. Open it again from Signal Diff.",
    );
  const { events } = await changeSubscription(input.subscriptionId, customer, input.change).catch(
    asUserError,
  );
  await deliver(events);
  return CHANGE_MESSAGES[input.change];
}
