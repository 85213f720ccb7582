// The 401 matrix: every way a CI key can be wrong gets the very same answer from the middleware.
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { createKeyForSubscription } from "@/lib/credentials/ci-keys/create-key";
import { revokeKey } from "@/lib/credentials/ci-keys/manage-key";
import { rotateKey } from "@/lib/credentials/ci-keys/rotate-key";
import { db } from "@/lib/db";
import { formatKey, randomBody } from "@/lib/credentials/material/key-material";
import { makeSubscription, makeTeam } from "@/test/fixtures";
import { ciKeyAuth } from "./ci-key-auth";
import type { MachineEnv } from "./machine-env";

const app = new Hono<MachineEnv>().post("/api/trigger/ci", ciKeyAuth, (c) => {
  const auth = c.get("ciKey");
  return c.json({ team: auth.teamId, key: auth.key.id }, 200);
});

function call(headers: Record<string, string>) {
  return app.request("http://localhost/api/trigger/ci", { method: "POST", headers });
}

async function snapshot(res: Response) {
  const headers = [...res.headers.entries()].filter(([k]) => k !== "date");
  return { status: res.status, body: await res.text(), headers };
}

let active = "";
let teamId = "";
const cases: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  const { owner, team } = await makeTeam();
  teamId = team.id;
  const actor = { userId: owner.id, label: "owner", role: "owner" as const };
  const make = async (over: Parameters<typeof makeSubscription>[1] = {}) => {
    const sub = await makeSubscription(team.id, over);
    const k = await createKeyForSubscription(team.id, sub.id, actor);
    if (!k.created) throw new Error("no key");
    return k;
  };
  const live = await make();
  const rotated = await rotateKey({ teamId: team.id, keyId: live.keyId, confirm: "ROTATE", actor });
  active = rotated.secret;
  const expired = await make({ currentPeriodEnd: new Date(Date.now() + 60_000) });
  await db.subscription.update({
    where: {
      id: (await db.ciApiKey.findUniqueOrThrow({ where: { id: expired.keyId } })).subscriptionId,
    },
    data: { currentPeriodEnd: new Date(Date.now() - 1000) },
  });
  const revoked = await make();
  await revokeKey({ teamId: team.id, keyId: revoked.keyId, actor });
  const badChecksum = active.slice(0, -6) + (active.endsWith("000000") ? "000001" : "000000");

  Object.assign(cases, {
    missing: {},
    empty: { "x-ci-api-key": "" },
    "empty bearer": { authorization: "Bearer " },
    malformed: { "x-ci-api-key": "not-a-key" },
    "wrong prefix": { "x-ci-api-key": active.replace("sck_", "sk_") },
    "bad checksum": { "x-ci-api-key": badChecksum },
    unknown: { "x-ci-api-key": formatKey("ci", randomBody()) },
    expired: { "x-ci-api-key": expired.secret },
    revoked: { "x-ci-api-key": revoked.secret },
    "revoked as bearer": { authorization: `Bearer ${revoked.secret}` },
    "rotated away": { "x-ci-api-key": live.secret },
  });
});

describe("ciKeyAuth", () => {
  it("passes the key and team to the handler, from either header", async () => {
    const both: Record<string, string>[] = [
      { "x-ci-api-key": active },
      { authorization: `Bearer ${active}` },
    ];
    for (const headers of both) {
      const res = await call(headers);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ team: teamId });
    }
  });

  it("answers every failure kind with an identical 401", async () => {
    const answers = [];
    for (const [name, headers] of Object.entries(cases)) {
      const snap = await snapshot(await call(headers));
      expect(snap.status, name).toBe(401);
      answers.push(snap);
    }
    expect(answers.length).toBe(11);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]?.body).toContain("unauthorized");
    expect(answers[0]?.headers).toContainEqual(["www-authenticate", 'Bearer realm="signal-diff"']);
  });

  it("takes about the same time for unknown, expired, revoked and rotated-away keys", async () => {
    const kinds = ["unknown", "expired", "revoked", "rotated away"];
    const times: Record<string, number[]> = Object.fromEntries(kinds.map((k) => [k, []]));
    // Interleaved, so load from other processes on this machine hits every kind alike.
    for (let i = 0; i < 40; i++) {
      for (const k of kinds) {
        const t = performance.now();
        await call(cases[k] as Record<string, string>);
        (times[k] as number[]).push(performance.now() - t);
      }
    }
    const medians = kinds.map((k) => {
      const sorted = [...(times[k] as number[])].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] as number;
    });
    const spread = Math.max(...medians) - Math.min(...medians);
    // Same single indexed read for all of them; bookkeeping writes happen off the request path.
    // The bound is loose (a loaded 2-core machine jitters by milliseconds); a key kind that did
    // extra database work (a second read, a synchronous write) would exceed it.
    expect(spread).toBeLessThan(Math.max(5, Math.min(...medians)));
  });
});
