// The one entry point that stores a run's page results: it finds the site's baseline (the previous
// successful run), diffs the pages against it, stores each distinct text once per team
// (lib/runs/page-content.ts) and what the crawl found once per distinct result (a page set,
// lib/runs/page-set.ts), and writes the rows of the pages that are not unchanged and the run's
// summary in one transaction
// that commits only while `guard` still matches the run (a cloud worker's lease; an agent upload's
// own condition). Cloud runs call it from lib/runs/execute-run.ts; anything that receives page
// results another way (customer agents) calls it the same way.
import { db } from "@/lib/db";
import type { CrawledPage } from "@/lib/crawl/crawl";
import { diffPages, type BaselinePage, type DiffSummary } from "@/lib/crawl/diff";
import type { Prisma } from "@/lib/generated/prisma/client";
import { storePageContents } from "@/lib/runs/page-content";
import {
  compareUrls,
  readRunPagesWithText,
  runPageId,
  storePageSet,
  type PageSetEntryInput,
} from "@/lib/runs/page-set";
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
  const rows = await readRunPagesWithText(teamId, runId, { withoutRemoved: true });
  return rows.map((p) => ({
    url: p.url,
    httpStatus: p.httpStatus,
    textHash: p.textHash,
    title: p.title,
    contentType: p.contentType,
    change: p.change,
    text: p.text,
  }));
}

/** Thrown inside the transaction when the guard no longer matches: rolls the set and rows back. */
class NotCommitted extends Error {}

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
  // What the crawl found, in URL byte order (the set's order); removed pages are only rows.
  const found = diffed
    .filter((p) => p.change !== "removed")
    .sort((a, b) => compareUrls(a.url, b.url));
  const setUrls = new Set(found.map((p) => p.url));
  const committed = await db
    .$transaction(
      async (tx) => {
        const contentIds = await storePageContents(
          tx,
          teamId,
          found.map((p) => p.text),
        );
        const entries = found.map((p, i): PageSetEntryInput => ({
          url: p.url,
          depth: p.depth,
          httpStatus: p.httpStatus,
          contentType: p.contentType?.slice(0, 200) ?? null,
          title: p.title?.slice(0, 500) ?? null,
          textHash: p.textHash,
          contentId: contentIds[i] ?? null,
          error: p.httpStatus !== null ? p.error : null,
          links: p.links,
        }));
        const setId = await storePageSet(tx, teamId, entries);
        const { count } = await tx.run.updateMany({
          where: { AND: [guard, { id: runId, teamId }] },
          data: {
            status,
            finishedAt: new Date(),
            leaseExpiresAt: null,
            error: status === "failed" ? `No page could be fetched (${errored} failed)` : null,
            baselineRunId: baselineRun?.id ?? null,
            pageSetId: setId,
            pageDurationsMs: found.map((p) => p.durationMs ?? -1),
            pagesDone: pages.length,
            pagesPlanned: pages.length,
            pagesAdded: summary.added,
            pagesRemoved: summary.removed,
            pagesChanged: summary.changed,
            pagesUnchanged: summary.unchanged,
            pagesErrored: errored,
          },
        });
        if (count === 0) throw new NotCommitted();
        // A row for every page that is more than its set entry: added, changed, removed or failed,
        // or with a diff, another error or previous status than an unchanged page implies.
        const entryError = (p: (typeof diffed)[number]) => (p.httpStatus !== null ? p.error : null);
        const rows = diffed.filter(
          (p) =>
            p.change !== "unchanged" ||
            p.diff !== null ||
            p.error !== entryError(p) ||
            p.previousStatus !== (baselineRun ? p.httpStatus : null),
        );
        if (rows.length > 0)
          await tx.runPage.createMany({
            data: rows.map((p) => {
              // Pages in the set take their metadata from its entry.
              const own = !setUrls.has(p.url);
              return {
                id: runPageId(runId, p.url),
                runId,
                teamId,
                url: p.url,
                depth: own ? p.depth : null,
                httpStatus: own ? p.httpStatus : null,
                contentType: own ? (p.contentType?.slice(0, 200) ?? null) : null,
                title: own ? (p.title?.slice(0, 500) ?? null) : null,
                textHash: own ? p.textHash : null,
                durationMs: own ? p.durationMs : null,
                error: p.error,
                change: p.change,
                previousStatus: p.previousStatus,
                diff: p.diff,
              };
            }),
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
    )
    .catch((err: unknown) => {
      if (err instanceof NotCommitted) return false;
      throw err;
    });
  return committed
    ? { committed: true, status, summary, baselineRunId: baselineRun?.id ?? null }
    : { committed: false };
}
