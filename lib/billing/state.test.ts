// Integration: billing state after real checkouts, portal changes and webhooks (test-mode Stripe
// over HTTP, real PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCheckout } from "./checkout";
import { findCheckoutSubscription } from "./checkout-return";
import { getSubscriptionState, isTrialEligible, subscriptionGrantsAccess } from "./state";
import {
  changeSubscription,
  completeCheckout,
  eventObject,
  expireCheckout,
  startStripeHarness,
  type StripeHarness,
  type StripeObject,
} from "@/tools/stripe-test-mode/testing";
import {
  attemptId,
  deliverToReceiver,
  teamWithOwner,
  TEST_APP_URL,
  TEST_LOOKUP_KEY,
} from "./testing";

let h: StripeHarness;
beforeAll(async () => {
  h = await startStripeHarness(TEST_LOOKUP_KEY);
});
afterAll(() => h.close());

const DAY = 86_400_000;

/** The person who checks out: the team's owner (the trial is once per person). */
const ownerOf = async (teamId: string) =>
  (await db.membership.findFirstOrThrow({ where: { teamId, role: "owner" } })).userId;

async function buy(team: { id: string; name: string }, { deliver = true } = {}) {
  const { sessionId, trial } = await createCheckout(h.stripe, {
    team,
    role: "admin",
    userId: await ownerOf(team.id),
    attemptId: attemptId(),
    appUrl: TEST_APP_URL,
    priceLookupKey: TEST_LOOKUP_KEY,
  });
  const customer =
    (await db.team.findUniqueOrThrow({ where: { id: team.id } })).stripeCustomerId ?? "";
  const { session, events } = await completeCheckout(sessionId, customer);
  if (deliver) await deliverToReceiver(h.stripe, events);
  return { sessionId, trial, customer, subscriptionId: session.subscription ?? "", events };
}

describe("subscriptionGrantsAccess", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const sub = (over: object) => ({
    status: "active",
    trialEnd: null,
    currentPeriodEnd: new Date(now.getTime() + DAY),
    endedAt: null,
    ...over,
  });
  it("follows the key expiry rule: until period end, cut short by the end, never when unpaid", () => {
    expect(subscriptionGrantsAccess(sub({}), now)).toBe(true);
    expect(subscriptionGrantsAccess(sub({ currentPeriodEnd: now }), now)).toBe(false);
    expect(subscriptionGrantsAccess(sub({ status: "canceled", endedAt: now }), now)).toBe(false);
    expect(subscriptionGrantsAccess(sub({ status: "unpaid" }), now)).toBe(false);
    expect(subscriptionGrantsAccess(sub({ status: "past_due" }), now)).toBe(true);
  });
  it("counts only a trial or a real subscription against trial eligibility", () => {
    expect(isTrialEligible({ trialUsedAt: null }, [])).toBe(true);
    expect(
      isTrialEligible({ trialUsedAt: null }, [{ status: "incomplete_expired", trialStart: null }]),
    ).toBe(true);
    expect(isTrialEligible({ trialUsedAt: now }, [])).toBe(false);
    expect(isTrialEligible({ trialUsedAt: null }, [{ status: "canceled", trialStart: null }])).toBe(
      false,
    );
  });
});

describe("getSubscriptionState", () => {
  it("is free and trial-eligible for a new team", async () => {
    const { team } = await teamWithOwner();
    expect(await getSubscriptionState(team.id)).toEqual({
      hasActiveSubscription: false,
      trialEligible: true,
      hasBillingAccount: false,
      active: [],
      subscriptions: [],
    });
  });

  it("keeps one trial per account across cancel and resubscribe", async () => {
    const { team } = await teamWithOwner();
    const first = await buy(team);
    expect(first.trial).toBe(true);
    let state = await getSubscriptionState(team.id);
    expect(state).toMatchObject({
      hasActiveSubscription: true,
      trialEligible: false,
      hasBillingAccount: true,
    });
    expect(state.active[0]).toMatchObject({ status: "trialing", grantsAccess: true });
    const trialEnd = state.active[0]?.trialEnd?.getTime() ?? 0;
    expect(Math.round((trialEnd - Date.now()) / DAY)).toBe(30);

    // Cancel during the trial: access stays until the period end …
    await deliverToReceiver(
      h.stripe,
      (await changeSubscription(first.subscriptionId, first.customer, "cancel_at_period_end"))
        .events,
    );
    state = await getSubscriptionState(team.id);
    expect(state.active[0]).toMatchObject({ cancelAtPeriodEnd: true, grantsAccess: true });
    expect(state.active[0]?.accessEndsAt?.getTime()).toBe(trialEnd);
    // … then the subscription ends and access with it.
    await deliverToReceiver(
      h.stripe,
      (await changeSubscription(first.subscriptionId, first.customer, "advance_to_period_end"))
        .events,
    );
    state = await getSubscriptionState(team.id);
    expect(state.hasActiveSubscription).toBe(false);
    expect(state.subscriptions[0]).toMatchObject({ status: "canceled", grantsAccess: false });
    expect(state.trialEligible).toBe(false);

    // Resubscribing: no second trial, and the new subscription is paid and active.
    const second = await buy(team);
    expect(second.trial).toBe(false);
    state = await getSubscriptionState(team.id);
    expect(state.subscriptions).toHaveLength(2);
    expect(state.active).toHaveLength(1);
    expect(state.active[0]).toMatchObject({ status: "active", trialStart: null, trialEnd: null });
  });

  it("ends a second trial started from a checkout opened side by side", async () => {
    const { team } = await teamWithOwner();
    // Two tabs: both checkouts open while the team is still eligible, then both are paid.
    const a = await buy(team, { deliver: false });
    const b = await buy(team, { deliver: false });
    expect([a.trial, b.trial]).toEqual([true, true]);
    await deliverToReceiver(h.stripe, [...b.events, ...a.events]);
    await new Promise((r) => setTimeout(r, 50));
    const update = h.requests.filter(
      (r) => r.method === "POST" && r.path.startsWith("/v1/subscriptions/"),
    );
    expect(update).toHaveLength(1);
    expect(update[0]?.params).toEqual({ trial_end: "now" });
    // Stripe's follow-up events bring the ended trial's new state.
    const followUp = h.serverEvents.filter((e) =>
      JSON.stringify(e).includes(update[0]?.path.split("/").pop() ?? "none"),
    );
    await deliverToReceiver(h.stripe, followUp);
    const state = await getSubscriptionState(team.id);
    expect(state.subscriptions.map((s) => s.status).sort()).toEqual(["active", "trialing"]);
    expect(
      await db.auditLog.count({ where: { teamId: team.id, action: "billing.extra_trial_ended" } }),
    ).toBe(1);
  });

  it("moves the period end on invoice.paid (renewal)", async () => {
    const { team } = await teamWithOwner();
    const bought = await buy(team);
    const before = (await getSubscriptionState(team.id)).active[0]?.currentPeriodEnd;
    const renewal = await changeSubscription(
      bought.subscriptionId,
      bought.customer,
      "advance_to_period_end",
    );
    // Only invoice.paid is delivered: the handler re-fetches the subscription from Stripe.
    await deliverToReceiver(
      h.stripe,
      renewal.events.filter((e) => e.type === "invoice.paid"),
    );
    const after = (await getSubscriptionState(team.id)).active[0];
    expect(after?.status).toBe("active");
    expect(after?.currentPeriodStart?.getTime()).toBe(before?.getTime());
    expect(after?.currentPeriodEnd?.getTime()).toBeGreaterThan((before?.getTime() ?? 0) + 27 * DAY);
    expect(after?.accessEndsAt?.getTime()).toBe(after?.currentPeriodEnd?.getTime());
  });

  it("notes Stripe's trial_will_end notice in the audit log", async () => {
    const { team } = await teamWithOwner();
    const bought = await buy(team);
    const created = bought.events.find((e) => e.type === "customer.subscription.created");
    if (!created) throw new Error("missing created event");
    const notice = eventObject(
      "customer.subscription.trial_will_end",
      (created.data as { object: StripeObject }).object,
      new Date(),
    );
    expect(await deliverToReceiver(h.stripe, [notice])).toEqual([
      { received: true, status: "processed" },
    ]);
    expect(
      await db.auditLog.count({ where: { teamId: team.id, action: "billing.trial_will_end" } }),
    ).toBe(1);
  });

  it("keeps access but shows past_due when a renewal payment fails", async () => {
    const { team } = await teamWithOwner();
    const bought = await buy(team);
    await deliverToReceiver(
      h.stripe,
      (await changeSubscription(bought.subscriptionId, bought.customer, "fail_payment")).events,
    );
    const state = await getSubscriptionState(team.id);
    expect(state.active[0]).toMatchObject({ status: "past_due", grantsAccess: true });
    expect(
      await db.auditLog.count({ where: { teamId: team.id, action: "billing.payment_failed" } }),
    ).toBe(1);
  });
});

describe("findCheckoutSubscription", () => {
  it("finds what checkout.session.completed linked, without asking Stripe", async () => {
    const { team } = await teamWithOwner();
    const { sessionId, subscriptionId } = await buy(team);
    h.requests.length = 0;
    expect(await findCheckoutSubscription(team.id, sessionId, h.stripe)).toMatchObject({
      kind: "ready",
      subscription: { stripeSubscriptionId: subscriptionId },
    });
    expect(h.requests).toHaveLength(0);
  });

  it("syncs from Stripe when the redirect beats the webhook, then finds it stored", async () => {
    const { team } = await teamWithOwner();
    const { sessionId, subscriptionId } = await buy(team, { deliver: false });
    const found = await findCheckoutSubscription(team.id, sessionId, h.stripe);
    expect(found).toMatchObject({
      kind: "ready",
      subscription: { stripeSubscriptionId: subscriptionId, status: "trialing" },
    });
    h.requests.length = 0;
    expect((await findCheckoutSubscription(team.id, sessionId, h.stripe)).kind).toBe("ready");
    expect(h.requests).toHaveLength(0);
  });

  it("answers pending for an open session and not_found for other teams, expired and bogus ids", async () => {
    const { team } = await teamWithOwner();
    const other = await teamWithOwner();
    const open = await createCheckout(h.stripe, {
      team,
      role: "owner",
      userId: await ownerOf(team.id),
      attemptId: attemptId(),
      appUrl: TEST_APP_URL,
      priceLookupKey: TEST_LOOKUP_KEY,
    });
    expect(await findCheckoutSubscription(team.id, open.sessionId, h.stripe)).toEqual({
      kind: "pending",
    });
    expect(await findCheckoutSubscription(other.team.id, open.sessionId, h.stripe)).toEqual({
      kind: "not_found",
    });
    expect(await findCheckoutSubscription(team.id, "cs_test_doesnotexist000000", h.stripe)).toEqual(
      { kind: "not_found" },
    );
    expect(await findCheckoutSubscription(team.id, "../../etc", h.stripe)).toEqual({
      kind: "not_found",
    });
    const customer =
      (await db.team.findUniqueOrThrow({ where: { id: team.id } })).stripeCustomerId ?? "";
    await expireCheckout(open.sessionId, customer);
    expect(await findCheckoutSubscription(team.id, open.sessionId, h.stripe)).toEqual({
      kind: "not_found",
    });
    expect(
      await db.subscription.count({ where: { teamId: { in: [team.id, other.team.id] } } }),
    ).toBe(0);
  });
});
