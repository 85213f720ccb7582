// Integration: the demo team's billing history is made through the Stripe API (the Stripe test
// tool, reached by the product's own env-configured client) and synced into our tables.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStripeHarness, type StripeHarness } from "@/tools/stripe-test-mode/testing";
import { db } from "@/lib/db";
import { teamWithOwner, TEST_LOOKUP_KEY } from "@/lib/billing/testing";
import { seedBilling } from "./seed-billing";

const DAY = 86_400_000;
let h: StripeHarness;
beforeAll(async () => {
  h = await startStripeHarness(TEST_LOOKUP_KEY);
  // What lib/env.ts reads without STRIPE_SECRET_KEY: where the local tool listens.
  delete process.env.STRIPE_SECRET_KEY;
  process.env.STRIPE_TEST_MODE_PORT = String(new URL(h.url).port);
});
afterAll(() => h.close());

describe("seedBilling", () => {
  it("gives the team an ended trial and a paid subscription that renewed once", async () => {
    const { team } = await teamWithOwner("Demo billing");
    expect(await seedBilling(team)).toBe(true);
    const saved = await db.team.findUniqueOrThrow({ where: { id: team.id } });
    expect(saved.stripeCustomerId).toMatch(/^cus_/);
    const rows = await db.subscription.findMany({
      where: { teamId: team.id },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => r.status)).toEqual(["canceled", "active"]);
    const [trial, paid] = rows;
    const daysAgo = (d: Date | null | undefined) =>
      d ? Math.round((Date.now() - d.getTime()) / DAY) : null;
    expect(daysAgo(trial?.trialStart)).toBe(80);
    expect(daysAgo(trial?.endedAt)).toBe(50);
    expect(daysAgo(saved.trialUsedAt)).toBe(80);
    expect(daysAgo(paid?.createdAt)).toBe(40);
    // Renewed once: the current period began about ten days ago and runs into the future.
    expect(daysAgo(paid?.currentPeriodStart)).toBeGreaterThanOrEqual(8);
    expect(daysAgo(paid?.currentPeriodStart)).toBeLessThanOrEqual(12);
    expect(paid?.currentPeriodEnd?.getTime()).toBeGreaterThan(Date.now());
    const created = h.requests.filter((r) => r.method === "POST" && r.path === "/v1/subscriptions");
    expect(created).toHaveLength(2);
  });
});
