// The rotation budget counts rotations that happened, not attempts: concurrent rotations that
// lose the race are refused (and audited as such) without spending the key's or the team's budget.
// Real PostgreSQL; default limits: 3 per key and 10 per team per 10 minutes.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { makeSubscription, makeTeam } from "@/test/fixtures";
import { createKeyForSubscription } from "./create-key";
import { rotateKey } from "./rotate-key";

const BURST = 8;
const actorOf = (userId: string) => ({
  userId,
  label: "owner@example.com",
  role: "owner" as const,
});

async function teamWithKeys(count: number) {
  const { owner, team } = await makeTeam();
  const keyIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const sub = await makeSubscription(team.id);
    keyIds.push((await createKeyForSubscription(team.id, sub.id, actorOf(owner.id))).keyId);
  }
  const rotate = (keyId: string) =>
    rotateKey({ teamId: team.id, keyId, confirm: "ROTATE", actor: actorOf(owner.id) });
  return { team, keyIds, rotate };
}

/** Fires BURST rotations of one key at once; returns how many happened and why the rest failed. */
async function burst(rotate: () => Promise<unknown>) {
  const results = await Promise.allSettled(Array.from({ length: BURST }, rotate));
  const codes = results.flatMap((r) =>
    r.status === "rejected" ? [(r.reason as DomainError).code ?? String(r.reason)] : [],
  );
  return { happened: BURST - codes.length, codes };
}

const auditCount = (keyId: string, action: string) =>
  db.auditLog.count({ where: { targetId: keyId, action } });

describe("rotation budget", () => {
  it("spends the per-key budget only on rotations that happened", async () => {
    const { keyIds, rotate } = await teamWithKeys(1);
    const keyId = keyIds[0] as string;
    const { happened, codes } = await burst(() => rotate(keyId));
    expect(happened).toBeGreaterThanOrEqual(1);
    // Every loser lost the race; none was turned away by a budget it did not use.
    expect(codes.every((c) => c === "conflict")).toBe(true);
    // The rest of the budget of 3 is still there, and then it is spent.
    for (let i = happened; i < 3; i++) await rotate(keyId);
    await expect(rotate(keyId)).rejects.toThrow(/rotated too often/);
    expect(await auditCount(keyId, "ci_key.rotated")).toBe(3);
    // Refusals are audited, each under its own name.
    expect(await auditCount(keyId, "ci_key.rotate_conflict")).toBe(BURST - happened);
    expect(await auditCount(keyId, "ci_key.rotate_rate_limited")).toBe(1);
  });

  it("spends the per-team budget only on rotations that happened", async () => {
    const { keyIds, rotate } = await teamWithKeys(4);
    const [first, ...others] = keyIds as [string, ...string[]];
    const { happened } = await burst(() => rotate(first));
    let done = happened;
    for (const keyId of others) {
      for (let i = 0; i < 3 && done < 10; i++, done++) await rotate(keyId);
    }
    expect(done).toBe(10);
    await expect(rotate(first)).rejects.toThrow(/keys were rotated too often/);
  });

  it("does not spend a key's budget when the team's budget refuses the rotation", async () => {
    const { keyIds, rotate } = await teamWithKeys(5);
    const [last, ...others] = [...keyIds].reverse() as [string, ...string[]];
    let done = 0;
    for (const keyId of others)
      for (let i = 0; i < 3 && done < 10; i++, done++) await rotate(keyId);
    await expect(rotate(last)).rejects.toThrow(/keys were rotated too often/);
    await expect(rotate(last)).rejects.toThrow(/keys were rotated too often/);
    // The team window is the same length as the key window; what is left for this key is its
    // whole budget, visible in the limiter's row.
    const row = await db.rateLimit.findUnique({ where: { key: `ci_rotate_key:${last}` } });
    expect(row?.points ?? 0).toBe(0);
  });
});
