// "Active key" is one rule in status.ts, expressed once for rows already read (keyStatus) and once
// as the database filter that selects them (activeKeyWhere). This property test writes random
// keys and subscriptions to PostgreSQL and checks both forms pick exactly the same keys, so the
// filter can never drift from the rule. The same goes for rotatableKeyWhere (active, trialing or
// leaked: what Rotate may restore), so the leaked state cannot drift between the two forms either.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeSubscription, makeTeam } from "@/test/fixtures";
import { activeKeyWhere, keyStatus, rotatableKeyWhere, type KeyStatus } from "./status";

const HOUR = 3_600_000;
const offset = fc.option(fc.integer({ min: -48, max: 48 }), { nil: null });
const keyCase = fc.record({
  status: fc.constantFrom(
    "active",
    "trialing",
    "past_due",
    "canceled",
    "incomplete",
    "incomplete_expired",
    "unpaid",
  ),
  periodEnd: offset,
  trialEnd: offset,
  endedAt: offset,
  revoked: fc.boolean(),
  leaked: fc.boolean(),
});

describe("activeKeyWhere selects exactly the keys keyStatus calls active or trialing", () => {
  it("agrees on random subscriptions (seeded)", async () => {
    const now = new Date();
    const at = (h: number | null) => (h === null ? null : new Date(now.getTime() + h * HOUR));
    await fc.assert(
      fc.asyncProperty(fc.array(keyCase, { minLength: 1, maxLength: 12 }), async (cases) => {
        const { team } = await makeTeam("Rule");
        for (const c of cases) {
          const sub = await makeSubscription(team.id, {
            status: c.status,
            currentPeriodEnd: at(c.periodEnd),
            trialEnd: at(c.trialEnd),
            endedAt: at(c.endedAt),
          });
          await db.ciApiKey.create({
            data: {
              teamId: team.id,
              subscriptionId: sub.id,
              label: "rule",
              prefix: "sck_rule00",
              secretHash: randomUUID(),
              revokedAt: c.revoked ? now : null,
              leakedAt: c.leaked ? now : null,
            },
          });
        }
        const rows = await db.ciApiKey.findMany({
          where: { teamId: team.id },
          include: { subscription: true },
        });
        const byRule = (statuses: KeyStatus[]) =>
          rows
            .filter((k) => statuses.includes(keyStatus(k, k.subscription, now)))
            .map((k) => k.id)
            .sort();
        const byFilter = async (where: typeof activeKeyWhere) =>
          (
            await db.ciApiKey.findMany({
              where: { teamId: team.id, ...where(now) },
              select: { id: true },
            })
          )
            .map((k) => k.id)
            .sort();
        expect(await byFilter(activeKeyWhere)).toEqual(byRule(["active", "trialing"]));
        expect(await byFilter(rotatableKeyWhere)).toEqual(byRule(["active", "trialing", "leaked"]));
      }),
      { numRuns: 40, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
  });
});
