// Integration: the real Stripe SDK talks HTTP to the recording Stripe test tool; PostgreSQL is real.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCheckout } from "./checkout";
import { createPortalSession } from "./portal";
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
  h = await startStripeHarness(TEST_LOOKUP_KEY);
});
afterAll(() => h.close());
beforeEach(() => {
  h.requests.length = 0;
});

const checkout = (
  team: { id: string; name: string },
  attempt = attemptId(),
  role = "owner" as const,
) =>
  createCheckout(h.stripe, {
    team,
    role,
    attemptId: attempt,
    appUrl: TEST_APP_URL,
    priceLookupKey: TEST_LOOKUP_KEY,
  });

const posts = (path: string) => h.requests.filter((r) => r.method === "POST" && r.path === path);

describe("checkout", () => {
  it("sends exactly the parameters Stripe needs, with the trial while the team is eligible", async () => {
    const { team } = await teamWithOwner();
    const attempt = attemptId();
    const result = await checkout(team, attempt);
    expect(result.trial).toBe(true);

    const [customerReq] = posts("/v1/customers");
    expect(customerReq?.params).toEqual({ name: team.name, metadata: { team_id: team.id } });
    expect(customerReq?.idempotencyKey).toBe(`signal-diff:customer:${team.id}`);
    const customerId = (await db.team.findUniqueOrThrow({ where: { id: team.id } }))
      .stripeCustomerId;
    expect(customerId).toMatch(/^cus_/);

    const priceReq = h.requests.find((r) => r.path === "/v1/prices");
    expect(priceReq).toMatchObject({
      method: "GET",
      params: { lookup_keys: [TEST_LOOKUP_KEY], active: "true", limit: "1" },
    });

    const [sessionReq] = posts("/v1/checkout/sessions");
    expect(sessionReq?.idempotencyKey).toBe(`signal-diff:checkout:${team.id}:${attempt}`);
    expect(sessionReq?.params).toEqual({
      mode: "subscription",
      customer: customerId,
      client_reference_id: team.id,
      metadata: { team_id: team.id },
      line_items: [{ price: expect.stringMatching(/^price_/), quantity: "1" }],
      subscription_data: { metadata: { team_id: team.id }, trial_period_days: "30" },
      success_url: `${TEST_APP_URL}/developers/api-keys?checkout_session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${TEST_APP_URL}/pricing?checkout=cancelled`,
    });
    // The hosted checkout page is the Stripe tool's, as Checkout is Stripe's (not the app's).
    expect(result.url).toBe(`${h.url}/billing/test-checkout/${result.sessionId}`);
  });

  it("reuses the team's customer and offers no second trial once one started", async () => {
    const { team } = await teamWithOwner();
    const first = await checkout(team);
    const { session, events } = await completeCheckout(
      first.sessionId,
      (await customerOf(team.id)) ?? "",
    );
    expect(session.status).toBe("complete");
    await deliverToReceiver(h.stripe, events);
    h.requests.length = 0;

    const second = await checkout(team);
    expect(second.trial).toBe(false);
    expect(posts("/v1/customers")).toHaveLength(0);
    const [sessionReq] = posts("/v1/checkout/sessions");
    expect(sessionReq?.params.customer).toBe(await customerOf(team.id));
    expect(sessionReq?.params.subscription_data).toEqual({ metadata: { team_id: team.id } });
  });

  it("turns a double click (same attempt, concurrently) into one session and one subscription", async () => {
    const { team } = await teamWithOwner();
    const attempt = attemptId();
    const [a, b] = await Promise.all([checkout(team, attempt), checkout(team, attempt)]);
    expect(a.sessionId).toBe(b.sessionId);
    const customer = (await customerOf(team.id)) ?? "";
    const [payA, payB] = await Promise.all([
      completeCheckout(a.sessionId, customer),
      completeCheckout(b.sessionId, customer),
    ]);
    await deliverToReceiver(h.stripe, [...payA.events, ...payB.events]);
    expect(await db.subscription.count({ where: { teamId: team.id } })).toBe(1);
    // One customer, even though both clicks found the team without one.
    expect(posts("/v1/customers").length).toBeGreaterThanOrEqual(1);
    expect(new Set(posts("/v1/customers").map((r) => r.idempotencyKey)).size).toBe(1);
  });

  it("refuses members and viewers before calling Stripe", async () => {
    const { team } = await teamWithOwner();
    for (const role of ["member", "viewer"] as const) {
      await expect(
        createCheckout(h.stripe, {
          team,
          role,
          attemptId: attemptId(),
          appUrl: TEST_APP_URL,
          priceLookupKey: TEST_LOOKUP_KEY,
        }),
      ).rejects.toThrow(/owners and admins/);
      await expect(
        createPortalSession(h.stripe, { teamId: team.id, role, returnUrl: TEST_APP_URL }),
      ).rejects.toThrow(/owners and admins/);
    }
    expect(h.requests).toHaveLength(0);
  });

  it("opens the billing portal for the team's customer", async () => {
    const { team } = await teamWithOwner();
    await expect(
      createPortalSession(h.stripe, { teamId: team.id, role: "admin", returnUrl: TEST_APP_URL }),
    ).rejects.toThrow(/no billing account/);
    await checkout(team);
    h.requests.length = 0;
    const url = await createPortalSession(h.stripe, {
      teamId: team.id,
      role: "admin",
      returnUrl: `${TEST_APP_URL}/developers/api-keys`,
    });
    expect(url).toMatch(new RegExp(`^${h.url}/billing/test-portal/bps_`));
    expect(posts("/v1/billing_portal/sessions")[0]?.params).toEqual({
      customer: await customerOf(team.id),
      return_url: `${TEST_APP_URL}/developers/api-keys`,
    });
  });
});

async function customerOf(teamId: string) {
  return (await db.team.findUniqueOrThrow({ where: { id: teamId } })).stripeCustomerId;
}
