// Executes one claimed cloud run: crawl with heartbeats and live progress, diff against the
// previous successful run of the site, then write pages and summary in one transaction that only
// commits while this worker still owns the run (a cancel or a lapsed lease wins).
import { db } from "@/lib/db";
import { crawl, CrawlError, type CrawledPage } from "@/lib/crawl/crawl";
import { diffPages, type BaselinePage } from "@/lib/crawl/diff";
import type { Fetcher } from "@/lib/crawl/fetcher";
import { claimRun, heartbeat, heartbeatIntervalMs } from "@/lib/runs/lease";
import { enqueueCrawl } from "@/lib/runs/queue";
import { COMPLETED_STATUSES, crawlOutcome } from "@/lib/runs/status";
import { logger } from "@/lib/log";

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
      return "failed";
    }
    await writeProgress(true).catch(() => {});
    return await finish(pages);
  } finally {
    clearInterval(beat);
    deps.shutdown?.removeEventListener("abort", onShutdown);
  }

  async function finish(pages: CrawledPage[]): Promise<ExecuteOutcome> {
    const outcome = await completeRun(run, workerId, pages);
    return outcome ?? endAsCancelledOrLost();
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

/**
 * Diffs a finished crawl against the previous successful run of the site and stores pages and
 * summary in one transaction that only commits while `workerId` still owns the running run. The
 * one place run results are written: the cloud worker and customer agents (lib/agents) both end
 * here. Null when the run was no longer owned (cancelled, lease lost).
 */
export async function completeRun(
  run: { id: string; teamId: string; siteId: string },
  workerId: string,
  pages: CrawledPage[],
): Promise<"succeeded" | "succeeded_with_errors" | "failed" | null> {
  const runId = run.id;
  const owned = { id: runId, workerId, status: "running" as const };
  const baselineRun = await db.run.findFirst({
    where: {
      teamId: run.teamId,
      siteId: run.siteId,
      status: { in: [...COMPLETED_STATUSES] },
      id: { not: runId },
    },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  const baseline: BaselinePage[] | null = baselineRun
    ? await db.runPage.findMany({
        where: { runId: baselineRun.id, teamId: run.teamId, change: { not: "removed" } },
        select: {
          url: true,
          httpStatus: true,
          textHash: true,
          text: true,
          title: true,
          contentType: true,
          change: true,
        },
      })
    : null;
  const { pages: diffed, summary } = diffPages(pages, baseline);
  const errored = summary.failed;
  const outcome = crawlOutcome(pages.length, errored);
  const committed = await db.$transaction(
    async (tx) => {
      const { count } = await tx.run.updateMany({
        where: owned,
        data: {
          status: outcome,
          finishedAt: new Date(),
          leaseExpiresAt: null,
          error: outcome === "failed" ? `No page could be fetched (${errored} failed)` : null,
          baselineRunId: baselineRun?.id ?? null,
          pagesDone: pages.length,
          pagesPlanned: pages.length,
          pagesAdded: summary.added,
          pagesRemoved: summary.removed,
          pagesChanged: summary.changed,
          pagesUnchanged: summary.unchanged,
          pagesErrored: errored,
        },
      });
      if (count === 0) return false;
      await tx.runPage.createMany({
        data: diffed.map((p) => ({
          runId,
          teamId: run.teamId,
          url: p.url,
          depth: p.depth,
          httpStatus: p.httpStatus,
          contentType: p.contentType?.slice(0, 200) ?? null,
          title: p.title?.slice(0, 500) ?? null,
          text: p.text,
          textHash: p.textHash,
          links: p.links,
          durationMs: p.durationMs,
          error: p.error,
          change: p.change,
          previousStatus: p.previousStatus,
          diff: p.diff,
        })),
      });
      await tx.runLog.create({
        data: {
          runId,
          teamId: run.teamId,
          level: outcome === "succeeded" ? "info" : outcome === "failed" ? "error" : "warn",
          message: baselineRun
            ? `Finished: ${pages.length} pages — ${summary.changed} changed, ${summary.added} added, ${summary.removed} removed${errored ? `, ${errored} failed to load` : ""}`
            : `Finished: ${pages.length} pages recorded as the baseline${errored ? ` (${errored} failed to load)` : ""}`,
        },
      });
      return true;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return committed ? outcome : null;
}
