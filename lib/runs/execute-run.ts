// Executes one claimed cloud run: crawl with heartbeats and live progress, then hand the pages to
// recordRunResults (lib/runs/record-results.ts), which diffs them against the previous successful
// run of the site and writes pages and summary in one transaction that only commits while this
// worker still owns the run (a cancel or a lapsed lease wins).
import { db } from "@/lib/db";
import { crawl, CrawlError, type CrawledPage } from "@/lib/crawl/crawl";
import type { Fetcher } from "@/lib/crawl/fetcher";
import { claimRun, heartbeat, heartbeatIntervalMs } from "@/lib/runs/lease";
import { enqueueCrawl } from "@/lib/runs/queue";
import { recordRunResults } from "@/lib/runs/record-results";
import { logger } from "@/lib/log";
import { emitRunEvent } from "@/lib/runs/run-events";

export type ExecuteOutcome =
  | "not_claimed"
  | "succeeded"
  | "succeeded_with_errors"
  | "failed"
  | "cancelled"
  | "requeued"
  | "lost_lease";

/** Thrown into a crawl's abort signal when the worker is shutting down. */
export class ShutdownSignal extends Error {
  constructor() {
    super("Worker shutting down");
    this.name = "ShutdownSignal";
  }
}

export type ExecuteDeps = {
  fetcher: Fetcher;
  workerId: string;
  concurrency: number;
  /** Aborted with ShutdownSignal when the worker must hand the run back. */
  shutdown?: AbortSignal;
};

const PROGRESS_EVERY_MS = 300;

export async function executeRun(runId: string, deps: ExecuteDeps): Promise<ExecuteOutcome> {
  const { workerId } = deps;
  const claimed = await claimRun(runId, workerId);
  if (!claimed) return "not_claimed";
  const run = claimed;
  const owned = { id: runId, workerId, status: "running" as const };
  const log = (level: string, message: string) =>
    db.runLog.create({ data: { runId, teamId: run.teamId, level, message } }).catch(() => {});

  const site = await db.site.findFirst({ where: { id: run.siteId, teamId: run.teamId } });
  if (!site || site.deletedAt) {
    await db.run.updateMany({
      where: owned,
      data: { status: "cancelled", finishedAt: new Date(), error: "Site deleted" },
    });
    return "cancelled";
  }
  await log("info", `Started on worker ${workerId}`);
  await emitRunEvent(db, run.teamId, runId, "run.started");

  const controller = new AbortController();
  let lost = false;
  const beat = setInterval(() => {
    void heartbeat(runId, workerId).then(
      (ok) => {
        if (!ok && !controller.signal.aborted) {
          lost = true;
          controller.abort(new Error("Run no longer owned by this worker"));
        }
      },
      (err) => logger.warn({ err, runId }, "heartbeat failed"),
    );
  }, heartbeatIntervalMs());
  const onShutdown = () => controller.abort(new ShutdownSignal());
  if (deps.shutdown?.aborted) onShutdown();
  deps.shutdown?.addEventListener("abort", onShutdown);

  let lastWrite = 0;
  let pending: { done: number; planned: number } | null = null;
  const writeProgress = async (force = false) => {
    if (!pending || (!force && Date.now() - lastWrite < PROGRESS_EVERY_MS)) return;
    const { done, planned } = pending;
    pending = null;
    lastWrite = Date.now();
    const { count } = await db.run.updateMany({
      where: owned,
      data: { pagesDone: done, pagesPlanned: planned },
    });
    if (count === 0 && !controller.signal.aborted) {
      lost = true;
      controller.abort(new Error("Run no longer owned by this worker"));
    }
  };

  try {
    let pages: CrawledPage[];
    try {
      pages = await crawl(deps.fetcher, site, {
        concurrency: deps.concurrency,
        signal: controller.signal,
        onProgress: (p) => {
          pending = p;
          void writeProgress().catch(() => {});
        },
        onLog: (level, message) => void log(level, message),
      });
    } catch (error) {
      if (controller.signal.reason instanceof ShutdownSignal) return await requeue(run.teamId);
      if (lost || controller.signal.aborted) return await endAsCancelledOrLost();
      const message =
        error instanceof CrawlError ? error.message : `Crawl failed: ${(error as Error).message}`;
      await db.run.updateMany({
        where: owned,
        data: { status: "failed", error: message, finishedAt: new Date(), leaseExpiresAt: null },
      });
      await log("error", message);
      await emitRunEvent(db, run.teamId, runId, "run.failed");
      return "failed";
    }
    await writeProgress(true).catch(() => {});
    return await finish(pages);
  } finally {
    clearInterval(beat);
    deps.shutdown?.removeEventListener("abort", onShutdown);
  }

  async function finish(pages: CrawledPage[]): Promise<ExecuteOutcome> {
    const result = await recordRunResults({
      runId,
      teamId: run.teamId,
      siteId: run.siteId,
      pages,
      guard: owned,
    });
    return result.committed ? result.status : endAsCancelledOrLost();
  }

  async function endAsCancelledOrLost(): Promise<ExecuteOutcome> {
    const now = await db.run.findFirst({ where: { id: runId }, select: { status: true } });
    return now?.status === "cancelled" ? "cancelled" : "lost_lease";
  }

  /** Hands the run back to the queue so another worker starts it afresh. */
  async function requeue(teamId: string): Promise<ExecuteOutcome> {
    const ok = await db.$transaction(async (tx) => {
      const { count } = await tx.run.updateMany({
        where: owned,
        data: {
          status: "queued",
          workerId: null,
          startedAt: null,
          heartbeatAt: null,
          leaseExpiresAt: null,
          pagesDone: 0,
          pagesPlanned: 0,
        },
      });
      if (count === 0) return false;
      await tx.runLog.create({
        data: { runId, teamId, level: "warn", message: "Worker shutting down: run re-queued" },
      });
      await enqueueCrawl(tx, runId);
      return true;
    });
    return ok ? "requeued" : endAsCancelledOrLost();
  }
}
