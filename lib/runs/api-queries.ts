// Cursor-paged reads of a run's pages and log for the machine APIs, always scoped by team.
import { afterCursorAsc, encodeCursor, pageOf, type Cursor } from "@/lib/api/pagination";
import { db } from "@/lib/db";
import type { PageChange } from "@/lib/generated/prisma/client";
import { readRunPages } from "@/lib/runs/page-set";

/**
 * A run's pages in URL byte order, optionally only one kind of change; the cursor names the last
 * page of the previous page (readRunPages: the run's page set joined with its page rows).
 */
export async function listRunPagesPage(
  teamId: string,
  runId: string,
  opts: { change?: PageChange; cursor?: Cursor; limit: number },
) {
  const rows = await readRunPages(teamId, runId, {
    change: opts.change,
    afterId: opts.cursor?.id,
    limit: opts.limit + 1,
  });
  const items = rows.slice(0, opts.limit);
  const last = items.at(-1);
  // The cursor's time is not used for pages (their order is the URL's); the epoch keeps its form.
  const nextCursor = rows.length > opts.limit && last ? encodeCursor(new Date(0), last.id) : null;
  return { items, nextCursor };
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
