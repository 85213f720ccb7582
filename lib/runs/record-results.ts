// The one entry point that stores a run's page results: it finds the site's baseline (the previous
// successful run), diffs the pages against it, stores each distinct text once per team
// (lib/runs/page-content.ts) and writes the page rows and the run's summary in one transaction
// that commits only while `guard` still matches the run (a cloud worker's lease; an agent upload's
// own condition). Cloud runs call it from lib/runs/execute-run.ts; anything that receives page
// results another way (customer agents) calls it the same way.
import { db } from "@/lib/db";
import type { CrawledPage } from "@/lib/crawl/crawl";
import { diffPages, type BaselinePage, type DiffSummary } from "@/lib/crawl/diff";
import type { Prisma } from "@/lib/generated/prisma/client";
import { storePageContents } from "@/lib/runs/page-content";
import { emitRunEvent } from "@/lib/runs/run-events";
import { COMPLETED_STATUSES, crawlOutcome } from "@/lib/runs/status";

export type RecordRunResultsInput = {
  runId: string;
  teamId: string;
  siteId: string;
  pages: CrawledPage[];
  /** The run's row must still match this to commit (default: this run, still running). */
  guard?: Prisma.RunWhereInput;
};

export type RecordRunResultsOutcome =
  | { committed: false }
  | {
      committed: true;
      status: "succeeded" | "succeeded_with_errors" | "failed";
      summary: DiffSummary;
      baselineRunId: string | null;
    };

/** The latest successful run of the site other than `runId` (what the next diff compares with). */
export async function findBaselineRun(teamId: string, siteId: string, runId: string) {
  return db.run.findFirst({
    where: { teamId, siteId, status: { in: [...COMPLETED_STATUSES] }, id: { not: runId } },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
}

async function baselinePages(teamId: string, runId: string): Promise<BaselinePage[]> {
  const rows = await db.runPage.findMany({
    where: { runId, teamId, change: { not: "removed" } },
    select: {
      url: true,
      httpStatus: true,
      textHash: true,
      title: true,
      contentType: true,
      change: true,
      content: { select: { text: true } },
    },
  });
  return rows.map(({ content, ...page }) => ({ ...page, text: content?.text ?? null }));
}

export async function recordRunResults(
  input: RecordRunResultsInput,
): Promise<RecordRunResultsOutcome> {
  const { runId, teamId, siteId, pages } = input;
  const guard = input.guard ?? { id: runId, teamId, status: "running" };
  const baselineRun = await findBaselineRun(teamId, siteId, runId);
  const baseline = baselineRun ? await baselinePages(teamId, baselineRun.id) : null;
  const { pages: diffed, summary } = diffPages(pages, baseline);
  const errored = summary.failed;
  const status = crawlOutcome(pages.length, errored);
  const committed = await db.$transaction(
    async (tx) => {
      const { count } = await tx.run.updateMany({
        where: { AND: [guard, { id: runId, teamId }] },
        data: {
          status,
          finishedAt: new Date(),
          leaseExpiresAt: null,
          error: status === "failed" ? `No page could be fetched (${errored} failed)` : null,
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
      const contentIds = await storePageContents(
        tx,
        teamId,
        diffed.map((p) => p.text),
      );
      await tx.runPage.createMany({
        data: diffed.map((p, i) => ({
          runId,
          teamId,
          url: p.url,
          depth: p.depth,
          httpStatus: p.httpStatus,
          contentType: p.contentType?.slice(0, 200) ?? null,
          title: p.title?.slice(0, 500) ?? null,
          textHash: p.textHash,
          contentId: contentIds[i] ?? null,
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
          teamId,
          level: status === "succeeded" ? "info" : status === "failed" ? "error" : "warn",
          message: baselineRun
            ? `Finished: ${pages.length} pages — ${summary.changed} changed, ${summary.added} added, ${summary.removed} removed${errored ? `, ${errored} failed to load` : ""}`
            : `Finished: ${pages.length} pages recorded as the baseline${errored ? ` (${errored} failed to load)` : ""}`,
        },
      });
      await emitRunEvent(tx, teamId, runId, status === "failed" ? "run.failed" : "run.succeeded");
      return true;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return committed
    ? { committed: true, status, summary, baselineRunId: baselineRun?.id ?? null }
    : { committed: false };
}
