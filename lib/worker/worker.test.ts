// Workers against the real PostgreSQL and local test sites: exactly-once execution across two
// workers, crash recovery through the lease, graceful shutdown, cancel, schedules and diffs.
// This file uses its own database, so its workers never take jobs queued by other test files.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/scripts/test-db";
import { page, startSiteServer, type Route, type SiteServer } from "@/test/site-server";

let dropDb: () => Promise<void>;
let dbUrl: string;
let site: SiteServer;
let slowMs = 0;
let version = 1;
let hangMs = 0;

// Imported after DATABASE_URL points at this file's database.
let mod: {
  db: typeof import("@/lib/db").db;
  admitRun: typeof import("@/lib/runs/admit-run").admitRun;
  cancelRun: typeof import("@/lib/runs/cancel").cancelRun;
  enqueueCrawl: typeof import("@/lib/runs/queue").enqueueCrawl;
  startWorker: typeof import("@/lib/worker/start-worker").startWorker;
  runDueSchedules: typeof import("@/lib/schedules/run-due").runDueSchedules;
  factories: typeof import("@/test/fixtures");
};

beforeAll(async () => {
  const db = await createTestDatabase("signaldiff_worker");
  dropDb = db.drop;
  dbUrl = db.url;
  process.env.DATABASE_URL = db.url;
  process.env.CRAWL_ALLOW_PRIVATE_NETWORKS = "1";
  process.env.RUN_LEASE_SECONDS = "2";
  mod = {
    db: (await import("@/lib/db")).db,
    admitRun: (await import("@/lib/runs/admit-run")).admitRun,
    cancelRun: (await import("@/lib/runs/cancel")).cancelRun,
    enqueueCrawl: (await import("@/lib/runs/queue")).enqueueCrawl,
    startWorker: (await import("@/lib/worker/start-worker")).startWorker,
    runDueSchedules: (await import("@/lib/schedules/run-due")).runDueSchedules,
    factories: await import("@/test/fixtures"),
  };
  site = await startSiteServer((p): Route | null => {
    if (p === "/robots.txt") return null;
    if (p.startsWith("/slow")) return { ...page("Slow", ["slow"]), delayMs: slowMs };
    if (p === "/v/")
      return page("Versioned", [`Version ${version}`], ["/v/a", `/v/only-${version}`]);
    if (p === "/v/a") return page("A", ["Stable"]);
    if (p.startsWith("/v/only-")) return page("Only", [p]);
    if (p.startsWith("/s/")) return page(`Site ${p}`, ["hello"]);
    if (p === "/e/") return page("Errors", ["Home"], ["/e/ok", "/e/hang"]);
    if (p === "/e/ok") return page("Ok", ["Fine"]);
    if (p === "/e/hang") return { ...page("Hang", ["late"]), delayMs: hangMs };
    if (p === "/dead/") return { ...page("Dead", ["late"]), delayMs: 3_000 };
    return null;
  });
}, 60_000);

afterAll(async () => {
  await site?.close();
  await mod?.db.$disconnect();
  await dropDb?.();
});

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const terminal = ["succeeded", "succeeded_with_errors", "failed", "cancelled"] as const;

describe("workers", () => {
  it("two workers execute each of 50 queued runs exactly once", async () => {
    const { db, enqueueCrawl, startWorker, factories } = mod;
    const { team } = await factories.makeTeam();
    const runIds: string[] = [];
    for (let i = 0; i < 50; i++) {
      const s = await factories.makeSite(team.id, {
        startUrl: `${site.url}/s/${i}/`,
        maxPages: 1,
      });
      const run = await db.run.create({
        data: { teamId: team.id, siteId: s.id, source: "manual" },
      });
      await enqueueCrawl(db, run.id);
      runIds.push(run.id);
    }
    const a = await startWorker({ workerId: "A", concurrency: 4, maintenanceIntervalMs: 60_000 });
    const b = await startWorker({ workerId: "B", concurrency: 4, maintenanceIntervalMs: 60_000 });
    try {
      await waitFor(async () => {
        const done = await db.run.count({
          where: { id: { in: runIds }, status: { in: [...terminal] } },
        });
        return done === 50;
      }, 60_000);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const runs = await db.run.findMany({ where: { id: { in: runIds } } });
    expect(runs.every((r) => r.status === "succeeded")).toBe(true);
    for (let i = 0; i < 50; i++) expect(site.hits.get(`/s/${i}/`)).toBe(1);
    const starts = await db.runLog.groupBy({
      by: ["runId"],
      where: { runId: { in: runIds }, message: { startsWith: "Started on worker" } },
      _count: true,
    });
    expect(starts).toHaveLength(50);
    expect(starts.every((s) => s._count === 1)).toBe(true);
    expect(new Set(runs.map((r) => r.workerId))).toEqual(new Set(["A", "B"]));
  }, 90_000);

  it("fails a run whose worker was killed, within the lease, and frees the slot", async () => {
    const { db, admitRun, startWorker, factories } = mod;
    slowMs = 30_000;
    const { team } = await factories.makeTeam();
    const s = await factories.makeSite(team.id, { startUrl: `${site.url}/slow`, maxPages: 1 });
    // One process (node with tsx's loader), so SIGKILL really kills the worker.
    const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        RUN_LEASE_SECONDS: "2",
        WORKER_SCHEDULER_INTERVAL_MS: "300000",
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    let b: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      const admitted = await admitRun({ teamId: team.id, siteId: s.id, source: "manual" });
      if (!admitted.ok) throw new Error("expected admission");
      const running = await waitFor(async () => {
        const r = await db.run.findUnique({ where: { id: admitted.run.id } });
        return r?.status === "running" ? r : null;
      }, 30_000);
      expect(running.workerId).toMatch(/^worker-/);
      child.kill("SIGKILL");
      const killedAt = Date.now();
      // Another worker's maintenance loop notices the lapsed lease.
      b = await startWorker({ workerId: "reaper", maintenanceIntervalMs: 200 });
      const failed = await waitFor(async () => {
        const r = await db.run.findUnique({ where: { id: admitted.run.id } });
        return r?.status === "failed" ? r : null;
      }, 10_000);
      // Within the 2 s lease, plus the reaper interval and slack for a loaded CI machine.
      expect(Date.now() - killedAt).toBeLessThan(2_000 + 3_000);
      expect(failed.error).toMatch(/stopped responding/);
      const next = await admitRun({ teamId: team.id, siteId: s.id, source: "manual" });
      expect(next.ok).toBe(true);
      if (next.ok) await mod.cancelRun(team.id, next.run.id);
    } finally {
      child.kill("SIGKILL");
      await b?.stop();
      slowMs = 0;
    }
  }, 60_000);

  it("re-queues a running crawl on graceful shutdown, and another worker finishes it", async () => {
    const { db, admitRun, startWorker, factories } = mod;
    slowMs = 5_000;
    const { team } = await factories.makeTeam();
    const s = await factories.makeSite(team.id, { startUrl: `${site.url}/slow-2`, maxPages: 1 });
    const a = await startWorker({
      workerId: "leaving",
      graceMs: 200,
      maintenanceIntervalMs: 60_000,
    });
    const admitted = await admitRun({ teamId: team.id, siteId: s.id, source: "manual" });
    if (!admitted.ok) throw new Error("expected admission");
    await waitFor(async () => {
      const r = await db.run.findUnique({ where: { id: admitted.run.id } });
      return r?.status === "running";
    });
    expect((await db.run.findUniqueOrThrow({ where: { id: admitted.run.id } })).workerId).toBe(
      "leaving",
    );
    await a.stop();
    const requeued = await db.run.findUniqueOrThrow({ where: { id: admitted.run.id } });
    expect(requeued.status).toBe("queued");
    slowMs = 0;
    const b = await startWorker({ workerId: "staying", maintenanceIntervalMs: 60_000 });
    try {
      const done = await waitFor(async () => {
        const r = await db.run.findUnique({ where: { id: admitted.run.id } });
        return r?.status === "succeeded" ? r : null;
      });
      expect(done.workerId).toBe("staying");
    } finally {
      await b.stop();
    }
  }, 60_000);

  it("stops a running crawl that is cancelled and writes nothing", async () => {
    const { db, admitRun, cancelRun, startWorker, factories } = mod;
    slowMs = 3_000;
    const { team } = await factories.makeTeam();
    const s = await factories.makeSite(team.id, { startUrl: `${site.url}/slow-3`, maxPages: 1 });
    const w = await startWorker({ workerId: "C", maintenanceIntervalMs: 60_000 });
    try {
      const admitted = await admitRun({ teamId: team.id, siteId: s.id, source: "manual" });
      if (!admitted.ok) throw new Error("expected admission");
      await waitFor(async () => {
        const r = await db.run.findUnique({ where: { id: admitted.run.id } });
        return r?.status === "running";
      });
      expect((await cancelRun(team.id, admitted.run.id)).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 3_500));
      const r = await db.run.findUniqueOrThrow({ where: { id: admitted.run.id } });
      expect(r.status).toBe("cancelled");
      expect(await db.runPage.count({ where: { runId: r.id } })).toBe(0);
    } finally {
      slowMs = 0;
      await w.stop();
    }
  }, 30_000);

  it("ends a running crawl as cancelled when its site is deleted, keeping the history", async () => {
    const { db, admitRun, startWorker, factories } = mod;
    const { deleteSite } = await import("@/lib/sites/sites");
    slowMs = 3_000;
    const { team } = await factories.makeTeam();
    const s = await factories.makeSite(team.id, { startUrl: `${site.url}/slow-4`, maxPages: 1 });
    const w = await startWorker({ workerId: "E", maintenanceIntervalMs: 60_000 });
    try {
      const admitted = await admitRun({ teamId: team.id, siteId: s.id, source: "manual" });
      if (!admitted.ok) throw new Error("expected admission");
      await waitFor(async () => {
        const r = await db.run.findUnique({ where: { id: admitted.run.id } });
        return r?.status === "running";
      });
      expect(await deleteSite(team.id, s.id)).toEqual({ ok: true, cancelledRuns: 1 });
      await new Promise((r) => setTimeout(r, 3_500));
      const r = await db.run.findUniqueOrThrow({ where: { id: admitted.run.id } });
      expect(r.status).toBe("cancelled");
      expect(await db.run.count({ where: { siteId: s.id } })).toBe(1);
      // Deleting the site enqueued the retention job, which the worker ran: content removed.
      await waitFor(async () => {
        const gone = await db.site.findUniqueOrThrow({ where: { id: s.id } });
        return gone.contentRemovedAt !== null;
      });
    } finally {
      slowMs = 0;
      await w.stop();
    }
  }, 30_000);

  it("diffs a run against the previous successful run, and starts due schedules once", async () => {
    const { db, admitRun, runDueSchedules, startWorker, factories } = mod;
    const { team } = await factories.makeTeam();
    const s = await factories.makeSite(team.id, { startUrl: `${site.url}/v/`, maxDepth: 1 });
    const w = await startWorker({ workerId: "D", maintenanceIntervalMs: 60_000 });
    const runOnce = async (source: "manual" | "schedule") => {
      const res =
        source === "manual"
          ? await admitRun({ teamId: team.id, siteId: s.id, source })
          : (await runDueSchedules(new Date(Date.now() + 3_600_000)),
            {
              ok: true as const,
              run: await db.run.findFirstOrThrow({ where: { siteId: s.id, source } }),
            });
      if (!res.ok) throw new Error("expected admission");
      return waitFor(async () => {
        const r = await db.run.findUnique({ where: { id: res.run.id } });
        return r && (terminal as readonly string[]).includes(r.status) ? r : null;
      });
    };
    try {
      version = 1;
      const first = await runOnce("manual");
      expect(first).toMatchObject({ status: "succeeded", pagesUnchanged: 3, baselineRunId: null });
      version = 2;
      await db.site.update({
        where: { id: s.id },
        data: { scheduleKind: "hourly", nextRunAt: new Date(Date.now() - 1000) },
      });
      const second = await runOnce("schedule");
      expect(second).toMatchObject({
        status: "succeeded",
        source: "schedule",
        baselineRunId: first.id,
        pagesAdded: 1,
        pagesRemoved: 1,
        pagesChanged: 1,
        pagesUnchanged: 1,
      });
      const home = await db.runPage.findFirstOrThrow({
        where: { runId: second.id, url: `${site.url}/v/` },
      });
      expect(home.diff).toContain("-Version 1");
      expect(home.diff).toContain("+Version 2");
      // The schedule moved to its next time: calling again now starts nothing.
      expect(await runDueSchedules()).toBe(0);
      const updated = await db.site.findUniqueOrThrow({ where: { id: s.id } });
      expect(updated.nextRunAt && updated.nextRunAt > new Date()).toBe(true);
    } finally {
      await w.stop();
    }
  }, 60_000);

  it("a page that timed out is an error, never unchanged, and the run says so", async () => {
    const { db, admitRun, startWorker, factories } = mod;
    const { team } = await factories.makeTeam();
    const s = await factories.makeSite(team.id, {
      startUrl: `${site.url}/e/`,
      maxDepth: 1,
      requestTimeoutMs: 1000,
    });
    const w = await startWorker({ workerId: "E", maintenanceIntervalMs: 60_000 });
    const runOnce = async (siteId: string) => {
      const res = await admitRun({ teamId: team.id, siteId, source: "manual" });
      if (!res.ok) throw new Error("expected admission");
      return waitFor(async () => {
        const r = await db.run.findUnique({ where: { id: res.run.id } });
        return r && (terminal as readonly string[]).includes(r.status) ? r : null;
      });
    };
    try {
      hangMs = 0;
      const first = await runOnce(s.id);
      expect(first).toMatchObject({ status: "succeeded", pagesErrored: 0, pagesUnchanged: 3 });
      hangMs = 2_000;
      const second = await runOnce(s.id);
      expect(second).toMatchObject({
        status: "succeeded_with_errors",
        baselineRunId: first.id,
        pagesErrored: 1,
        pagesUnchanged: 2,
        pagesRemoved: 0,
      });
      const hang = await db.runPage.findFirstOrThrow({
        where: { runId: second.id, url: `${site.url}/e/hang` },
      });
      expect(hang.change).toBe("error");
      expect(hang.error).toMatch(/Timed out/);
      // The next good run compares with the run that had errors; the page it could not fetch is
      // "changed" (back), not unchanged, and nothing is reported removed.
      hangMs = 0;
      const third = await runOnce(s.id);
      expect(third).toMatchObject({ status: "succeeded", baselineRunId: second.id });
      const back = await db.runPage.findFirstOrThrow({
        where: { runId: third.id, url: `${site.url}/e/hang` },
      });
      expect(back.change).toBe("changed");
      // Every page failed (the only page timed out): the run failed.
      const dead = await factories.makeSite(team.id, {
        startUrl: `${site.url}/dead/`,
        requestTimeoutMs: 1000,
      });
      const failed = await runOnce(dead.id);
      expect(failed).toMatchObject({ status: "failed", pagesErrored: 1 });
      expect(failed.error).toMatch(/No page could be fetched/);
    } finally {
      hangMs = 0;
      await w.stop();
    }
  }, 60_000);
});
