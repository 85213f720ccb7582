// Credential hot paths, measured in-process against a fresh PostgreSQL database:
//   - CI key authentication (parse + SHA-256 + one indexed read) vs a bare `pg` floor doing the
//     same hash and indexed lookup;
//   - bearer verification (EdDSA signature + claims + in-memory revocation check), which must add
//     well under 0.2 ms per request and never touch the database.
// Run: npx tsx bench/credentials.ts   (HTTP-level benchmarks join `npm run bench` with the routes.)
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createTestDatabase } from "../scripts/test-db";

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { p50: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

async function measure(name: string, n: number, concurrency: number, fn: () => Promise<unknown>) {
  const samples: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) {
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const st = stats(samples);
  const row = {
    name,
    ops: n,
    concurrency,
    perSecond: Math.round(n / seconds),
    p50ms: +st.p50.toFixed(3),
    p99ms: +st.p99.toFixed(3),
  };
  console.log(JSON.stringify(row));
  return row;
}

async function main() {
  const database = await createTestDatabase("signaldiff_bench");
  process.env.DATABASE_URL = database.url;
  process.env.LOG_LEVEL = "silent";
  try {
    const { db } = await import("../lib/db");
    const { authenticateCiKey } = await import("../lib/ci-keys/authenticate");
    const { createKeyForSubscription } = await import("../lib/ci-keys/create-key");
    const { createTeam } = await import("../lib/teams/create-team");
    const { hashKey, parseKey } = await import("../lib/keys/key-material");
    const { createApiClient } = await import("../lib/api-clients/manage-clients");
    const { issueAccessToken, verifyAccessToken } = await import("../lib/oauth/tokens");

    const user = await db.user.create({ data: { email: "bench@example.com" } });
    const team = await createTeam({ name: "Bench", userId: user.id });
    const sub = await db.subscription.create({
      data: {
        teamId: team.id,
        stripeSubscriptionId: "sub_bench",
        stripeCustomerId: "cus_bench",
        status: "active",
        currentPeriodEnd: new Date(Date.now() + 86_400_000),
      },
    });
    const key = await createKeyForSubscription(team.id, sub.id, { label: "bench" });
    if (!key.created) throw new Error("no key");
    // Realistic index size.
    for (let i = 0; i < 20; i++) {
      const s = await db.subscription.create({
        data: {
          teamId: team.id,
          stripeSubscriptionId: `sub_b${i}`,
          stripeCustomerId: "cus_bench",
          status: "active",
          currentPeriodEnd: new Date(Date.now() + 86_400_000),
        },
      });
      await createKeyForSubscription(team.id, s.id, { label: `k${i}` });
    }

    const floorPool = new pg.Pool({ connectionString: database.url, max: 10 });
    const floor = async (raw: string) => {
      const hash = hashKey(raw);
      const r = await floorPool.query(
        `SELECT k.id, k."teamId" FROM "CiApiKey" k JOIN "Subscription" s ON s.id = k."subscriptionId"
         WHERE k."secretHash" = $1 AND k."revokedAt" IS NULL AND s."currentPeriodEnd" > now()`,
        [hash],
      );
      return r.rows[0] ?? null;
    };

    const N = 4000;
    await measure("warmup", 500, 10, () => authenticateCiKey(key.secret));
    await measure("warmup-floor", 500, 10, () => floor(key.secret));
    const ours = await measure("authenticateCiKey (active)", N, 10, () =>
      authenticateCiKey(key.secret),
    );
    await measure(
      "prisma $queryRaw same SQL",
      N,
      10,
      () =>
        db.$queryRaw`SELECT k.id, k."teamId" FROM "CiApiKey" k JOIN "Subscription" s ON s.id = k."subscriptionId"
         WHERE k."secretHash" = ${hashKey(key.secret)} AND k."revokedAt" IS NULL AND s."currentPeriodEnd" > now()`,
    );
    const base = await measure("floor: pg hash + indexed lookup", N, 10, () => floor(key.secret));
    await measure("authenticateCiKey (malformed, no DB)", N, 10, () =>
      authenticateCiKey("sck_bad"),
    );
    console.log(JSON.stringify({ ratioToFloor: +(ours.perSecond / base.perSecond).toFixed(2) }));

    const t0 = performance.now();
    for (let i = 0; i < 100_000; i++) parseKey("ci", key.secret);
    console.log(
      JSON.stringify({
        name: "parseKey",
        usPerOp: +(((performance.now() - t0) * 1000) / 100_000).toFixed(2),
      }),
    );

    const client = await createApiClient({
      teamId: team.id,
      label: "bench",
      scopes: ["full"],
      expiresAt: null,
      actor: { label: "bench" },
    });
    const issued = await issueAccessToken(
      {
        id: client.id,
        teamId: team.id,
        clientId: client.clientId,
        label: "bench",
        scopes: ["full"],
        expiresAt: null,
      },
      ["full"],
    );
    await verifyAccessToken(issued.access_token);
    const v = await measure("verifyAccessToken (in memory)", 20_000, 1, () =>
      verifyAccessToken(issued.access_token),
    );
    console.log(JSON.stringify({ bearerVerifyAddsMs: v.p50ms, under02ms: v.p50ms < 0.2 }));
    await floorPool.end();
    await (await import("../lib/pg-pool")).closePgPool();
    await db.$disconnect();
  } finally {
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
