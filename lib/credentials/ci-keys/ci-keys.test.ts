// CI key lifecycle against real PostgreSQL: create (idempotent), authenticate, rotate, revoke.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashKey } from "@/lib/credentials/material/key-material";
import { makeSubscription, makeTeam } from "@/test/fixtures";
import { authenticateCiKey, resetCiKeyThrottles } from "./authenticate";
import { createKeyForSubscription } from "./create-key";
import { listKeys, subscriptionsWithoutKey } from "./list-keys";
import { relabelKey, revokeKey } from "./manage-key";
import { rotateKey } from "./rotate-key";

const actorOf = (userId: string) => ({
  userId,
  label: "owner@example.com",
  role: "owner" as const,
});

async function paidTeam(over: Parameters<typeof makeSubscription>[1] = {}) {
  const { owner, team } = await makeTeam();
  const sub = await makeSubscription(team.id, over);
  const created = await createKeyForSubscription(team.id, sub.id, actorOf(owner.id));
  if (!created.created) throw new Error("expected a new key");
  return { owner, team, sub, key: created };
}

async function waitFor(check: () => Promise<boolean>) {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("condition not met");
}

describe("createKeyForSubscription", () => {
  it("stores only a hash and a display prefix, and reveals the secret exactly once", async () => {
    const { owner, team, sub, key } = await paidTeam();
    expect(key.secret).toMatch(/^sck_[0-9A-Za-z]{38}$/);
    const row = await db.ciApiKey.findUniqueOrThrow({ where: { id: key.keyId } });
    expect(row.secretHash).toBe(hashKey(key.secret));
    expect(row.prefix).toBe(key.secret.slice(0, 10));
    expect(JSON.stringify(row)).not.toContain(key.secret);

    const again = await createKeyForSubscription(team.id, sub.id, actorOf(owner.id));
    expect(again).toEqual({ created: false, keyId: key.keyId, prefix: row.prefix });
    expect(await db.ciApiKey.count({ where: { subscriptionId: sub.id } })).toBe(1);
    const audit = await db.auditLog.findMany({ where: { teamId: team.id, targetId: key.keyId } });
    expect(audit.map((a) => a.action).sort()).toEqual(["ci_key.created", "ci_key.revealed"]);
  });

  it("creates one key under concurrent calls, and only one of them sees a secret", async () => {
    const { owner, team } = await makeTeam();
    const sub = await makeSubscription(team.id);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => createKeyForSubscription(team.id, sub.id, actorOf(owner.id))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.ciApiKey.count({ where: { subscriptionId: sub.id } })).toBe(1);
  });

  it("refuses another team's subscription and lists subscriptions still without a key", async () => {
    const a = await makeTeam();
    const b = await makeTeam();
    const subB = await makeSubscription(b.team.id);
    await expect(createKeyForSubscription(a.team.id, subB.id, actorOf(a.owner.id))).rejects.toThrow(
      /not in this team/,
    );
    expect((await subscriptionsWithoutKey(b.team.id)).map((s) => s.id)).toEqual([subB.id]);
    await makeSubscription(b.team.id, { currentPeriodEnd: new Date(Date.now() - 1000) });
    expect(await subscriptionsWithoutKey(b.team.id)).toHaveLength(1);
  });
});

describe("authenticateCiKey", () => {
  it("accepts an active key and refuses malformed, unknown, expired and revoked keys", async () => {
    const { team, sub, key, owner } = await paidTeam();
    const ok = await authenticateCiKey(key.secret);
    expect(ok).toMatchObject({ teamId: team.id, key: { id: key.keyId, subscriptionId: sub.id } });
    expect(await authenticateCiKey(null)).toBeNull();
    expect(await authenticateCiKey("")).toBeNull();
    expect(await authenticateCiKey("sck_nope")).toBeNull();
    expect(
      await authenticateCiKey(key.secret.slice(0, -1) + (key.secret.endsWith("a") ? "b" : "a")),
    ).toBeNull();

    // Expired: the clock past the subscription's period end.
    const later = new Date((sub.currentPeriodEnd as Date).getTime() + 1000);
    expect(await authenticateCiKey(key.secret, { now: later })).toBeNull();

    await revokeKey({ teamId: team.id, keyId: key.keyId, actor: actorOf(owner.id) });
    resetCiKeyThrottles();
    expect(await authenticateCiKey(key.secret)).toBeNull();
    await waitFor(async () =>
      Boolean(
        await db.auditLog.findFirst({
          where: { targetId: key.keyId, action: "ci_key.revoked_use" },
        }),
      ),
    );
    const expiredUse = await db.auditLog.findFirst({
      where: { targetId: key.keyId, action: "ci_key.expired_use" },
    });
    expect(expiredUse).not.toBeNull();
  });

  it("updates last used at most once a minute", async () => {
    const { key } = await paidTeam();
    resetCiKeyThrottles();
    const t0 = new Date();
    await authenticateCiKey(key.secret, { now: t0 });
    await waitFor(
      async () =>
        (await db.ciApiKey.findUniqueOrThrow({ where: { id: key.keyId } })).lastUsedAt !== null,
    );
    for (let i = 0; i < 5; i++)
      await authenticateCiKey(key.secret, { now: new Date(t0.getTime() + 1000 * i) });
    await new Promise((r) => setTimeout(r, 200));
    const row = await db.ciApiKey.findUniqueOrThrow({ where: { id: key.keyId } });
    expect(row.lastUsedAt?.getTime()).toBe(t0.getTime());
    const t1 = new Date(t0.getTime() + 61_000);
    await authenticateCiKey(key.secret, { now: t1 });
    await waitFor(
      async () =>
        (
          await db.ciApiKey.findUniqueOrThrow({ where: { id: key.keyId } })
        ).lastUsedAt?.getTime() === t1.getTime(),
    );
  });
});

describe("rotateKey", () => {
  it("kills the old secret at once, the new one works, same record", async () => {
    const { team, key, owner } = await paidTeam();
    const rotated = await rotateKey({
      teamId: team.id,
      keyId: key.keyId,
      confirm: "ROTATE",
      actor: actorOf(owner.id),
    });
    expect(rotated.keyId).toBe(key.keyId);
    expect(rotated.secret).not.toBe(key.secret);
    expect(await authenticateCiKey(key.secret)).toBeNull();
    expect(await authenticateCiKey(rotated.secret)).toMatchObject({ teamId: team.id });
    expect(await db.ciApiKey.count({ where: { teamId: team.id } })).toBe(1);
  });

  it("re-checks the typed word, the role and the key's state on the server", async () => {
    const { team, key, owner, sub } = await paidTeam();
    const base = { teamId: team.id, keyId: key.keyId, actor: actorOf(owner.id) };
    await expect(rotateKey({ ...base, confirm: "rotate" })).rejects.toThrow(/Type ROTATE/);
    await expect(rotateKey({ ...base, confirm: "" })).rejects.toThrow(/Type ROTATE/);
    await expect(
      rotateKey({ ...base, confirm: "ROTATE", actor: { ...base.actor, role: "member" } }),
    ).rejects.toThrow(/owners and admins/);
    const other = await makeTeam();
    await expect(rotateKey({ ...base, teamId: other.team.id, confirm: "ROTATE" })).rejects.toThrow(
      /not in this team/,
    );
    await db.subscription.update({
      where: { id: sub.id },
      data: { currentPeriodEnd: new Date(Date.now() - 1000) },
    });
    await expect(rotateKey({ ...base, confirm: "ROTATE" })).rejects.toThrow(
      /expired key cannot be rotated/,
    );
    await db.subscription.update({
      where: { id: sub.id },
      data: { currentPeriodEnd: new Date(Date.now() + 86_400_000) },
    });
    await revokeKey(base);
    await expect(rotateKey({ ...base, confirm: "ROTATE" })).rejects.toThrow(
      /revoked key cannot be rotated/,
    );
    expect(await authenticateCiKey(key.secret)).toBeNull();
  });

  it("leaves exactly one valid secret after a concurrent double rotate", async () => {
    const { team, key, owner } = await paidTeam();
    const input = {
      teamId: team.id,
      keyId: key.keyId,
      confirm: "ROTATE",
      actor: actorOf(owner.id),
    };
    const results = await Promise.allSettled([rotateKey(input), rotateKey(input)]);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const secrets = [
      key.secret,
      ...won.map((r) => (r as PromiseFulfilledResult<{ secret: string }>).value.secret),
    ];
    const valid = [];
    for (const s of secrets) if (await authenticateCiKey(s)) valid.push(s);
    expect(valid).toHaveLength(1);
    expect(valid[0]).not.toBe(key.secret);
  });

  it("is rate-limited per key with a message saying when to retry, and audits the refusal", async () => {
    const { team, key, owner } = await paidTeam();
    const input = {
      teamId: team.id,
      keyId: key.keyId,
      confirm: "ROTATE",
      actor: actorOf(owner.id),
    };
    let last = "";
    for (let i = 0; i < 3; i++) last = (await rotateKey(input)).secret;
    await expect(rotateKey(input)).rejects.toThrow(/rotated too often\. Try again in \d+ minutes?/);
    expect(await authenticateCiKey(last)).not.toBeNull();
    const refused = await db.auditLog.findFirst({
      where: { targetId: key.keyId, action: "ci_key.rotate_rate_limited" },
    });
    expect(refused?.actorUserId).toBe(owner.id);
  });
});

describe("revokeKey, relabelKey and listKeys", () => {
  it("revokes permanently, relabels, and pages and sorts on the server", async () => {
    const { owner, team } = await makeTeam();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const sub = await makeSubscription(team.id, {
        status: i === 0 ? "trialing" : "active",
        trialEnd: i === 0 ? new Date(Date.now() + 86_400_000) : null,
        currentPeriodEnd: new Date(Date.now() + (i + 1) * 86_400_000),
      });
      const k = await createKeyForSubscription(team.id, sub.id, actorOf(owner.id), {
        label: `key ${i}`,
      });
      ids.push(k.keyId);
    }
    await relabelKey({
      teamId: team.id,
      keyId: ids[4] as string,
      label: "a production",
      actor: actorOf(owner.id),
    });
    await revokeKey({ teamId: team.id, keyId: ids[3] as string, actor: actorOf(owner.id) });
    await expect(
      revokeKey({ teamId: team.id, keyId: ids[3] as string, actor: actorOf(owner.id) }),
    ).rejects.toThrow(/already revoked/);

    const page1 = await listKeys(team.id, { page: 1, pageSize: 2, sort: "label", dir: "asc" });
    expect(page1.total).toBe(5);
    expect(page1.pageCount).toBe(3);
    expect(page1.rows.map((r) => r.label)).toEqual(["a production", "key 0"]);
    expect(page1.rows[1]).toMatchObject({ status: "trialing" });
    expect(page1.rows[1]?.trialEndsAt).not.toBeNull();
    const page3 = await listKeys(team.id, { page: 3, pageSize: 2, sort: "label", dir: "asc" });
    expect(page3.rows.map((r) => r.label)).toEqual(["key 3"]);
    expect(page3.rows[0]?.status).toBe("revoked");
    const byExpiry = await listKeys(team.id, { sort: "expiresAt", dir: "desc" });
    expect(byExpiry.rows.map((r) => r.id)).toEqual([...ids].reverse());
    for (const row of byExpiry.rows) expect(Object.keys(row)).not.toContain("secretHash");
    // Another team sees none of them.
    const other = await makeTeam();
    expect((await listKeys(other.team.id)).total).toBe(0);
  });
});

describe("rotateKey team limit", () => {
  it("refuses the 11th rotation within the window across a team's keys", async () => {
    const { owner, team } = await makeTeam();
    const keys = [];
    for (let i = 0; i < 4; i++) {
      const sub = await makeSubscription(team.id);
      keys.push(await createKeyForSubscription(team.id, sub.id, actorOf(owner.id)));
    }
    let done = 0;
    let refused = "";
    outer: for (let round = 0; round < 3; round++) {
      for (const k of keys) {
        try {
          await rotateKey({
            teamId: team.id,
            keyId: k.keyId,
            confirm: "ROTATE",
            actor: actorOf(owner.id),
          });
          done++;
        } catch (error) {
          refused = (error as Error).message;
          break outer;
        }
      }
    }
    expect(done).toBe(10);
    expect(refused).toMatch(/Try again in \d+ minutes?/);
  });
});

describe("listKeys past the end", () => {
  it("clamps to the last page", async () => {
    const { owner, team } = await makeTeam();
    const sub = await makeSubscription(team.id);
    await createKeyForSubscription(team.id, sub.id, actorOf(owner.id));
    const res = await listKeys(team.id, { page: 9, pageSize: 10 });
    expect(res.page).toBe(1);
    expect(res.rows).toHaveLength(1);
  });
});
