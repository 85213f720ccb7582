// Cancel subscription for a subscription whose key was revoked: the real Stripe SDK asks the
// test-mode server to cancel at the period end; only the webhook then writes our row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKeyForSubscription } from "@/lib/credentials/ci-keys/create-key";
import { revokeKey } from "@/lib/credentials/ci-keys/manage-key";
import { cancelSubscriptionAtPeriodEnd } from "./cancel-subscription";
import { createCheckout } from "./checkout";
import { getSubscriptionKeys, getSubscriptionState, revokedKeyOffer } from "./state";
import {
  completeCheckout,
  startStripeHarness,
  type StripeHarness,
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
  h = await startStripeHarness();
});
afterAll(() => h.close());

/** A trialing team whose one key was revoked. */
async function teamWithRevokedKey() {
  const { team, owner } = await teamWithOwner();
  const { sessionId } = await createCheckout(h.stripe, {
    team,
    role: "owner",
    userId: owner.id,
    attemptId: attemptId(),
    appUrl: TEST_APP_URL,
    priceLookupKey: TEST_LOOKUP_KEY,
  });
  const customer = (await db.team.findUniqueOrThrow({ where: { id: team.id } })).stripeCustomerId;
  const paid = await completeCheckout(sessionId, customer ?? "");
  await deliverToReceiver(h.stripe, paid.events);
  const sub = await db.subscription.findFirstOrThrow({ where: { teamId: team.id } });
  const actor = { userId: owner.id, label: "owner" };
  const existing = await db.ciApiKey.findUnique({ where: { subscriptionId: sub.id } });
  const keyId = existing?.id ?? (await createKeyForSubscription(team.id, sub.id, actor)).keyId;
  await revokeKey({ teamId: team.id, keyId, actor });
  return { team, sub };
}

describe("a subscription whose key was revoked", () => {
  it("offers Cancel subscription, which Stripe applies at the period end via the webhook", async () => {
    const { team, sub } = await teamWithRevokedKey();
    const state = await getSubscriptionState(team.id);
    const keys = await getSubscriptionKeys(team.id, [sub.id]);
    const row = state.subscriptions[0];
    if (!row) throw new Error("no subscription");
    expect(row.grantsAccess).toBe(true);
    expect(revokedKeyOffer(row, keys.get(sub.id))).toBe("cancel_or_checkout");

    h.requests.length = 0;
    h.serverEvents.length = 0;
    await cancelSubscriptionAtPeriodEnd(h.stripe, {
      teamId: team.id,
      role: "admin",
      subscriptionId: sub.id,
    });
    const update = h.requests.filter(
      (r) => r.method === "POST" && r.path === `/v1/subscriptions/${sub.stripeSubscriptionId}`,
    );
    expect(update.map((r) => r.params)).toEqual([{ cancel_at_period_end: "true" }]);
    // Nothing written from the request: the row changes only when the webhook arrives.
    expect(
      (await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).cancelAtPeriodEnd,
    ).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    await deliverToReceiver(h.stripe, h.serverEvents);
    const after = await getSubscriptionState(team.id);
    expect(after.subscriptions[0]).toMatchObject({ cancelAtPeriodEnd: true, grantsAccess: true });
    const ended = after.subscriptions[0];
    if (!ended) throw new Error("no subscription");
    expect(revokedKeyOffer(ended, keys.get(sub.id))).toBe("checkout");
    await expect(
      cancelSubscriptionAtPeriodEnd(h.stripe, {
        teamId: team.id,
        role: "owner",
        subscriptionId: sub.id,
      }),
    ).rejects.toThrow(/already set to end/);
  });

  it("refuses members, and subscriptions of other teams, before calling Stripe", async () => {
    const { sub } = await teamWithRevokedKey();
    const other = await teamWithOwner();
    h.requests.length = 0;
    await expect(
      cancelSubscriptionAtPeriodEnd(h.stripe, {
        teamId: sub.teamId,
        role: "member",
        subscriptionId: sub.id,
      }),
    ).rejects.toThrow(/owners and admins/);
    await expect(
      cancelSubscriptionAtPeriodEnd(h.stripe, {
        teamId: other.team.id,
        role: "owner",
        subscriptionId: sub.id,
      }),
    ).rejects.toThrow(/No such subscription/);
    expect(h.requests).toHaveLength(0);
  });

  it("offers nothing for a key that is not revoked", () => {
    expect(
      revokedKeyOffer({ grantsAccess: true, cancelAtPeriodEnd: false }, { revoked: false }),
    ).toBe(null);
    expect(
      revokedKeyOffer({ grantsAccess: false, cancelAtPeriodEnd: false }, { revoked: true }),
    ).toBe(null);
  });
});
