// Integration: the real Stripe SDK talks HTTP to the recording Stripe test tool; PostgreSQL is real.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTeam } from "@/lib/teams/create-team";
import { createCheckout, trialEligibility } from "./checkout";
import { createPortalSession } from "./portal";
import {
  changeSubscription,
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
  userId: string,
  attempt = attemptId(),
  role = "owner" as const,
) =>
  createCheckout(h.stripe, {
    team,
    role,
    userId,
    attemptId: attempt,
    appUrl: TEST_APP_URL,
    priceLookupKey: TEST_LOOKUP_KEY,
  });

const posts = (path: string) => h.requests.filter((r) => r.method === "POST" && r.path === path);

describe("checkout", () => {
  it("sends exactly the parameters Stripe needs, with the trial while the team is eligible", async () => {
    const { team, owner } = await teamWithOwner();
    const attempt = attemptId();
    const result = await checkout(team, owner.id, attempt);
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
      subscription_data: {
        metadata: { team_id: team.id, trial_user_id: owner.id },
        trial_period_days: "30",
      },
      success_url: `${TEST_APP_URL}/developers/api-keys?checkout_session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${TEST_APP_URL}/pricing?checkout=cancelled`,
    });
    // The hosted checkout page is the Stripe tool's, as Checkout is Stripe's (not the app's).
    expect(result.url).toBe(`${h.url}/billing/test-checkout/${result.sessionId}`);
  });

  it("reuses the team's customer and offers no second trial once one started", async () => {
    const { team, owner } = await teamWithOwner();
    const first = await checkout(team, owner.id);
    const { session, events } = await completeCheckout(
      first.sessionId,
      (await customerOf(team.id)) ?? "",
    );
    expect(session.status).toBe("complete");
    await deliverToReceiver(h.stripe, events);
    h.requests.length = 0;

    const second = await checkout(team, owner.id);
    expect(second.trial).toBe(false);
    expect(posts("/v1/customers")).toHaveLength(0);
    const [sessionReq] = posts("/v1/checkout/sessions");
    expect(sessionReq?.params.customer).toBe(await customerOf(team.id));
    expect(sessionReq?.params.subscription_data).toEqual({ metadata: { team_id: team.id } });
  });

  it("turns a double click (same attempt, concurrently) into one session and one subscription", async () => {
    const { team, owner } = await teamWithOwner();
    const attempt = attemptId();
    const [a, b] = await Promise.all([
      checkout(team, owner.id, attempt),
      checkout(team, owner.id, attempt),
    ]);
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
    const { team, owner } = await teamWithOwner();
    for (const role of ["member", "viewer"] as const) {
      await expect(
        createCheckout(h.stripe, {
          team,
          role,
          userId: owner.id,
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
    const { team, owner } = await teamWithOwner();
    await expect(
      createPortalSession(h.stripe, { teamId: team.id, role: "admin", returnUrl: TEST_APP_URL }),
    ).rejects.toThrow(/no billing account/);
    await checkout(team, owner.id);
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

describe("the 30-day trial is once per person", () => {
  /** Checks out with a trial and lets it run to its end (Stripe then bills the first period). */
  async function trialThatEnded(team: { id: string; name: string }, userId: string) {
    const first = await checkout(team, userId);
    expect(first.trial).toBe(true);
    const customer = (await customerOf(team.id)) ?? "";
    const paid = await completeCheckout(first.sessionId, customer);
    await deliverToReceiver(h.stripe, paid.events);
    const sub = await db.subscription.findFirstOrThrow({ where: { teamId: team.id } });
    const ended = await changeSubscription(
      sub.stripeSubscriptionId,
      customer,
      "advance_to_period_end",
    );
    await deliverToReceiver(h.stripe, ended.events);
  }

  it("gives a user whose trial ended no trial on a new team, and says why", async () => {
    const { team, owner } = await teamWithOwner();
    await trialThatEnded(team, owner.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).trialUsedAt).not.toBe(
      null,
    );
    const fresh = await createTeam({ name: "Second try", userId: owner.id });
    expect(await trialEligibility(fresh.id, owner.id)).toEqual({
      eligible: false,
      reason: "person_had_trial",
    });
    h.requests.length = 0;
    const again = await checkout({ id: fresh.id, name: fresh.name }, owner.id);
    expect(again.trial).toBe(false);
    const [sessionReq] = posts("/v1/checkout/sessions");
    expect(sessionReq?.params.subscription_data).toEqual({ metadata: { team_id: fresh.id } });
  });

  it("counts a trial started by an admin against that person, and the team's owner", async () => {
    const { team, owner } = await teamWithOwner();
    const admin = await db.user.create({ data: { email: `admin-${attemptId()}@example.com` } });
    const member = await db.user.create({ data: { email: `member-${attemptId()}@example.com` } });
    await db.membership.createMany({
      data: [
        { teamId: team.id, userId: admin.id, role: "admin" },
        { teamId: team.id, userId: member.id, role: "member" },
      ],
    });
    await trialThatEnded(team, admin.id);
    const adminTeam = await createTeam({ name: "Admin's own", userId: admin.id });
    expect((await trialEligibility(adminTeam.id, admin.id)).reason).toBe("person_had_trial");
    // The owner started nothing, but a team they own had its trial: no new one for them.
    const ownerTeam = await createTeam({ name: "Owner's other", userId: owner.id });
    expect((await trialEligibility(ownerTeam.id, owner.id)).reason).toBe("owned_team_had_trial");
    // A plain member of that team never had a trial of their own.
    const memberTeam = await createTeam({ name: "Member's own", userId: member.id });
    expect(await trialEligibility(memberTeam.id, member.id)).toEqual({
      eligible: true,
      reason: null,
    });
    // Whoever asks, the team that had the trial gets no second one.
    expect((await trialEligibility(team.id, member.id)).reason).toBe("team_had_trial");
  });
});

async function customerOf(teamId: string) {
  return (await db.team.findUniqueOrThrow({ where: { id: teamId } })).stripeCustomerId;
}
