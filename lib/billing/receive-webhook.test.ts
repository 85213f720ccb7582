// Integration: signed events into the real receiver, state re-fetched from the Stripe test
// tool through the real SDK, written to a real PostgreSQL database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCheckout } from "./checkout";
import {
  changeSubscription,
  completeCheckout,
  createCustomer,
  putObject,
  startStripeHarness,
  type StripeHarness,
  type StripeObject,
} from "@/tools/stripe-test-mode/testing";
import {
  attemptId,
  deliverToReceiver,
  receive,
  sign,
  teamWithOwner,
  TEST_APP_URL,
  TEST_LOOKUP_KEY,
} from "./testing";

let h: StripeHarness;
beforeAll(async () => {
  h = await startStripeHarness(TEST_LOOKUP_KEY);
});
afterAll(() => h.close());

/** A team that went through checkout and Pay; its events are returned undelivered. */
async function paidTeam({ deliver = false } = {}) {
  const { team, owner } = await teamWithOwner();
  const { sessionId } = await createCheckout(h.stripe, {
    team,
    role: "owner",
    userId: owner.id,
    attemptId: attemptId(),
    appUrl: TEST_APP_URL,
    priceLookupKey: TEST_LOOKUP_KEY,
  });
  const customer =
    (await db.team.findUniqueOrThrow({ where: { id: team.id } })).stripeCustomerId ?? "";
  const { session, events } = await completeCheckout(sessionId, customer);
  if (deliver) await deliverToReceiver(h.stripe, events);
  return { team, customer, session, events, subscriptionId: session.subscription ?? "" };
}

const byType = (events: StripeObject[], type: string) => {
  const e = events.find((x) => x.type === type);
  if (!e) throw new Error(`no ${type} event`);
  return e;
};

const rows = (teamId: string) => db.subscription.findMany({ where: { teamId } });

describe("webhook signature", () => {
  it("processes a correctly signed event", async () => {
    const { team, events } = await paidTeam();
    const payload = JSON.stringify(byType(events, "customer.subscription.created"));
    const result = await receive(h.stripe, payload, sign(payload));
    expect(result).toEqual({ status: 200, body: { received: true, status: "processed" } });
    const [row] = await rows(team.id);
    expect(row).toMatchObject({ status: "trialing", cancelAtPeriodEnd: false });
    expect(row?.trialEnd?.getTime()).toBe(row?.currentPeriodEnd?.getTime());
  });

  it("refuses forged, stale, wrongly keyed and unsigned events with 400 and changes nothing", async () => {
    const { team, events } = await paidTeam();
    const event = byType(events, "customer.subscription.created");
    const payload = JSON.stringify(event);
    const forged = JSON.stringify({ ...event, id: "evt_forged0000000000000000" });
    const cases = [
      ["forged body", forged, sign(payload)],
      [
        "stale timestamp",
        payload,
        sign(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
      ],
      ["wrong secret", payload, sign(payload, { secret: "whsec_somebody_else_entirely_000" })],
      ["garbage header", payload, "t=1,v1=00"],
    ] as const;
    for (const [, body, signature] of cases) {
      const result = await receive(h.stripe, body, signature);
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ error: { code: "invalid_signature" } });
    }
    expect((await receive(h.stripe, payload, null)).body).toMatchObject({
      error: { code: "missing_signature" },
    });
    expect(await rows(team.id)).toHaveLength(0);
    expect(
      await db.stripeEvent.count({
        where: { id: { in: [event.id, "evt_forged0000000000000000"] } },
      }),
    ).toBe(0);
  });

  it("refuses a signed body that is not JSON or not an event", async () => {
    const notJson = "this is not json";
    expect(await receive(h.stripe, notJson, sign(notJson))).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_json" } },
    });
    const notEvent = JSON.stringify({ hello: "world" });
    expect(await receive(h.stripe, notEvent, sign(notEvent))).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_event" } },
    });
  });

  it("answers 200 and ignores an event type it does not handle", async () => {
    const payload = JSON.stringify({
      id: "evt_unknown_type_0000000001",
      object: "event",
      type: "charge.dispute.created",
      data: { object: { id: "dp_1", object: "dispute" } },
    });
    expect(await receive(h.stripe, payload, sign(payload))).toEqual({
      status: 200,
      body: { received: true, status: "ignored", reason: "unhandled_event_type" },
    });
    expect(await db.stripeEvent.count({ where: { id: "evt_unknown_type_0000000001" } })).toBe(0);
  });
});

describe("webhook idempotency and ordering", () => {
  it("processes a replayed event once (×5)", async () => {
    const { team, events } = await paidTeam({ deliver: true });
    const paid = byType(events, "invoice.paid");
    const payload = JSON.stringify(paid);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await receive(h.stripe, payload, sign(payload)));
    // The first delivery (in paidTeam) processed it; all five replays are no-ops.
    expect(results.map((r) => r.body)).toEqual(
      Array(5).fill({ received: true, status: "duplicate" }),
    );
    expect(await db.stripeEvent.count({ where: { id: paid.id } })).toBe(1);
    expect(
      await db.auditLog.count({ where: { teamId: team.id, action: "billing.invoice_paid" } }),
    ).toBe(1);
  });

  it("lets exactly one of two identical concurrent events through", async () => {
    const { team, events } = await paidTeam();
    const paid = byType(events, "invoice.paid");
    const payload = JSON.stringify(paid);
    const results = await Promise.all([
      receive(h.stripe, payload, sign(payload)),
      receive(h.stripe, payload, sign(payload)),
    ]);
    expect(results.map((r) => (r.body as { status: string }).status).sort()).toEqual([
      "duplicate",
      "processed",
    ]);
    expect(await rows(team.id)).toHaveLength(1);
    expect(
      await db.auditLog.count({ where: { teamId: team.id, action: "billing.invoice_paid" } }),
    ).toBe(1);
  });

  it("ends in Stripe's state when subscription.updated arrives before subscription.created", async () => {
    const { team, customer, events, subscriptionId } = await paidTeam();
    const cancel = await changeSubscription(subscriptionId, customer, "cancel_at_period_end");
    const updated = byType(cancel.events, "customer.subscription.updated");
    const created = byType(events, "customer.subscription.created");
    // Delivered newest first: the stale `created` payload says cancel_at_period_end=false.
    await deliverToReceiver(h.stripe, [updated, created]);
    const [row] = await rows(team.id);
    expect(row).toMatchObject({ status: "trialing", cancelAtPeriodEnd: true });
    expect(row?.canceledAt).not.toBeNull();
  });

  it("ignores (200) a subscription of a customer that is no team's, writing nothing", async () => {
    const stranger = await createCustomer({ name: "Not ours" });
    const { events, team } = await paidTeam();
    // Re-home the subscription to a customer no team has: the handler must find no team.
    const created = byType(events, "customer.subscription.created");
    await putObject(
      { ...(created.data as { object: StripeObject }).object, customer: stranger.id, metadata: {} },
      stranger.id,
    );
    const bodies = await deliverToReceiver(h.stripe, [created]);
    expect(bodies).toEqual([{ received: true, status: "ignored", reason: "unknown_customer" }]);
    expect(await rows(team.id)).toHaveLength(0);
    expect(
      (await db.stripeEvent.findUnique({ where: { id: created.id } }))?.processedAt,
    ).not.toBeNull();
  });
});
