// The subscriptions card's query: the newest few of a team's subscriptions and the total, so a
// team with thousands of them (one per CI key) does not load them all (real PostgreSQL).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getSubscriptionHistory } from "./state";
import { teamWithOwner } from "./testing";

const DAY = 86_400_000;

async function subscriptions(teamId: string, count: number) {
  const base = Date.now() - count * DAY;
  await db.subscription.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      teamId,
      stripeSubscriptionId: `sub_hist_${randomUUID()}`,
      stripeCustomerId: "cus_hist",
      status: "active",
      currentPeriodEnd: new Date(Date.now() + 30 * DAY),
      createdAt: new Date(base + i * DAY),
    })),
  });
}

describe("getSubscriptionHistory", () => {
  it("returns the newest subscriptions of the team only, newest first, and the team's total", async () => {
    const { team } = await teamWithOwner("History team");
    const { team: other } = await teamWithOwner("Other team");
    await subscriptions(team.id, 25);
    await subscriptions(other.id, 3);
    const h = await getSubscriptionHistory(team.id, 20);
    expect(h.total).toBe(25);
    expect(h.subscriptions).toHaveLength(20);
    const times = h.subscriptions.map((s) => s.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const all = await db.subscription.findMany({
      where: { teamId: team.id },
      orderBy: { createdAt: "desc" },
      take: 20,
    });
    expect(h.subscriptions.map((s) => s.id)).toEqual(all.map((s) => s.id));
    expect(h.subscriptions.every((s) => s.grantsAccess)).toBe(true);
    expect(h.trialEligible).toBe(false);
  });

  it("is empty and trial-eligible for a new team", async () => {
    const { team } = await teamWithOwner("New team");
    const h = await getSubscriptionHistory(team.id, 20);
    expect(h).toEqual({
      total: 0,
      subscriptions: [],
      hasBillingAccount: false,
      trialEligible: true,
    });
  });
});
