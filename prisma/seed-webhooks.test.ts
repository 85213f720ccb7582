// The demo seed's webhooks against a fresh database: two endpoints with a delivery log made by the
// real delivery code (delivered, a 500 retried, a delivery failing now with a real queued retry),
// the staging endpoint disabled after 5 days with its notice, the rotation's notice — and nothing
// left for a worker to send but that one retry. Its own database: no other file's worker runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/scripts/test-db";

let dropDb: () => Promise<void>;
let m: {
  db: typeof import("@/lib/db").db;
  fixtures: typeof import("@/test/fixtures");
  seedSites: typeof import("./seed-sites").seedSites;
  seed: typeof import("./seed-webhooks");
  produceNotices: typeof import("@/lib/notices/produce-notices").produceNotices;
};

beforeAll(async () => {
  const created = await createTestDatabase("signaldiff_seed_hooks");
  dropDb = created.drop;
  process.env.DATABASE_URL = created.url;
  process.env.CRAWL_ALLOW_PRIVATE_NETWORKS = "1";
  m = {
    db: (await import("@/lib/db")).db,
    fixtures: await import("@/test/fixtures"),
    seedSites: (await import("./seed-sites")).seedSites,
    seed: await import("./seed-webhooks"),
    produceNotices: (await import("@/lib/notices/produce-notices")).produceNotices,
  };
}, 120_000);

afterAll(async () => {
  await m?.db.$disconnect();
  await dropDb?.();
});

describe("the demo seed's webhooks", () => {
  it("leaves a delivery log, a disabled endpoint and real notices, fast", async () => {
    const { db } = m;
    const { team, owner } = await m.fixtures.makeTeam("Acme");
    await m.seedSites(team.id, null);
    const started = Date.now();
    await m.seed.seedWebhooks(team, owner);
    expect(Date.now() - started).toBeLessThan(10_000);

    const [bot, staging] = await db.webhookEndpoint.findMany({
      where: { teamId: team.id },
      orderBy: { createdAt: "asc" },
    });
    expect(bot?.url).toBe(m.seed.DEMO_LOCAL_RECEIVER);
    expect(bot?.enabled).toBe(true);
    expect(staging).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/5 days/),
    });

    const deliveries = await db.webhookDelivery.findMany({
      where: { teamId: team.id },
      include: { event: true, attemptsLog: { orderBy: { attempt: "asc" } } },
      orderBy: { createdAt: "asc" },
    });
    const botLog = deliveries.filter((d) => d.endpointId === bot?.id);
    expect(botLog.map((d) => d.event.type)).toContain("webhook.test");
    expect(botLog.map((d) => d.event.type)).toContain("signing_secret.rotated");
    // A 500 answered (its body kept), then delivered on the retry 5 s later.
    const recovered = botLog.find((d) => d.attemptsLog[0]?.statusCode === 500);
    expect(recovered?.status).toBe("delivered");
    expect(recovered?.attemptsLog.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(recovered?.attemptsLog[0]?.responseBody).toMatch(/restarting/);
    // The bot is down now: one delivery still retrying, its next attempt a real queued job.
    const retrying = deliveries.filter((d) => d.status === "pending");
    expect(retrying).toHaveLength(1);
    const [pending] = retrying;
    expect(pending?.endpointId).toBe(bot?.id);
    expect(pending?.attemptsLog.at(-1)?.error).toMatch(/ECONNREFUSED 127\.0\.0\.1:8080/);
    expect(pending?.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now());
    const jobs = await db.$queryRaw<{ key: string; run_at: Date }[]>`
      SELECT key, run_at FROM graphile_worker.jobs WHERE key LIKE 'webhook:%'`;
    expect(jobs).toEqual([{ key: `webhook:${pending?.id}`, run_at: pending?.nextAttemptAt }]);
    // Attempts carry the dated clock, never a time to come.
    for (const d of deliveries)
      for (const a of d.attemptsLog) expect(a.createdAt.getTime()).toBeLessThanOrEqual(Date.now());

    // Staging: every attempt failed (never resolves) until it was disabled.
    const stagingLog = deliveries.filter((d) => d.endpointId === staging?.id);
    expect(stagingLog.length).toBeGreaterThan(1);
    expect(stagingLog.every((d) => d.status === "failed")).toBe(true);

    const notices = await db.notice.findMany({ where: { teamId: team.id, resolvedAt: null } });
    expect(notices.map((n) => n.kind).sort()).toEqual([
      "signing_secret_previous_expiring",
      "webhook_endpoint_disabled",
    ]);
    // They are the producer's: running it again records nothing new and resolves nothing.
    expect(await m.produceNotices({ teamId: team.id })).toEqual({ created: 0, resolved: 0 });
  }, 60_000);
});
