// Queued → running latency: 200 runs admitted one after another (the real admission path, which
// enqueues in its transaction), one worker listening; latency is the run's startedAt minus its
// queuedAt as stored in PostgreSQL.
import { createTestDatabase } from "@/scripts/test-db";
import { startSiteServer, page } from "@/test/site-server";

const RUNS = 200;

function percentile(sorted: number[], p: number) {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? 0;
}

export async function benchQueueLatency() {
  const database = await createTestDatabase("signaldiff_bench");
  process.env.DATABASE_URL = database.url;
  process.env.CRAWL_ALLOW_PRIVATE_NETWORKS = "1";
  process.env.LOG_LEVEL ??= "silent";
  const site = await startSiteServer(() => page("One page", ["bench"]));
  const { db } = await import("@/lib/db");
  const { admitRun } = await import("@/lib/runs/admit-run");
  const { startWorker } = await import("@/lib/worker/start-worker");
  const { makeSite, makeTeam } = await import("@/test/fixtures");
  const worker = await startWorker({ concurrency: 4, maintenanceIntervalMs: 60_000 });
  try {
    const { team } = await makeTeam("Bench");
    const s = await makeSite(team.id, { startUrl: `${site.url}/`, maxPages: 1 });
    const latencies: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const res = await admitRun({ teamId: team.id, siteId: s.id, source: "manual" });
      if (!res.ok) throw new Error(`admission refused: ${res.reason}`);
      for (;;) {
        const r = await db.run.findUniqueOrThrow({ where: { id: res.run.id } });
        if (r.status === "succeeded" || r.status === "failed") {
          if (!r.startedAt) throw new Error("run finished without startedAt");
          latencies.push(r.startedAt.getTime() - r.queuedAt.getTime());
          break;
        }
        await new Promise((done) => setTimeout(done, 2));
      }
    }
    latencies.sort((a, b) => a - b);
    return {
      runs: RUNS,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? 0,
    };
  } finally {
    await worker.stop();
    await site.close();
    await db.$disconnect();
    await database.drop();
  }
}
