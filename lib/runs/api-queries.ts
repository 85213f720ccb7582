// Cursor-paged reads of a run's pages and log for the machine APIs, always scoped by team.
import { afterCursorAsc, pageOf, type Cursor } from "@/lib/api/pagination";
import { db } from "@/lib/db";
import type { PageChange } from "@/lib/generated/prisma/client";

const pageSelect = {
  id: true,
  url: true,
  depth: true,
  httpStatus: true,
  previousStatus: true,
  contentType: true,
  title: true,
  textHash: true,
  durationMs: true,
  error: true,
  change: true,
  diff: true,
  createdAt: true,
} as const;

/** A run's pages in crawl order (oldest first), optionally only one kind of change. */
export async function listRunPagesPage(
  teamId: string,
  runId: string,
  opts: { change?: PageChange; cursor?: Cursor; limit: number },
) {
  const rows = await db.runPage.findMany({
    where: {
      teamId,
      runId,
      ...(opts.change ? { change: opts.change } : {}),
      ...afterCursorAsc(opts.cursor),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: opts.limit + 1,
    select: pageSelect,
  });
  return pageOf(rows, opts.limit);
}

/** A run's log lines, oldest first. */
export async function listRunLogsPage(
  teamId: string,
  runId: string,
  opts: { cursor?: Cursor; limit: number },
) {
  const rows = await db.runLog.findMany({
    where: { teamId, runId, ...afterCursorAsc(opts.cursor) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: opts.limit + 1,
    select: { id: true, level: true, message: true, createdAt: true },
  });
  return pageOf(rows, opts.limit);
}
