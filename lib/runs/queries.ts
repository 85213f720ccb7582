// Reading runs, always scoped by team: cursor pages for APIs, offset/sorted pages for the
// dashboard table, one run with its per-page changes, and its log.
import { decodeCursor } from "@/lib/api/pagination";
import { db } from "@/lib/db";
import type { Prisma, RunSource, RunStatus } from "@/lib/generated/prisma/client";
import { isPossibleId } from "@/lib/pg-text";
import { getTeamPlan } from "@/lib/plans/plan";
import { queryRunPage } from "@/lib/runs/api-list";
import { reapExpiredLeases } from "@/lib/runs/lease";
import { ACTIVE_STATUSES } from "@/lib/runs/status";

export type RunFilters = { siteId?: string; status?: RunStatus; source?: RunSource };

const siteSelect = { select: { id: true, name: true, startUrl: true, deletedAt: true } } as const;

function whereOf(teamId: string, filters: RunFilters): Prisma.RunWhereInput {
  return {
    teamId,
    ...(filters.siteId ? { siteId: filters.siteId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.source ? { source: filters.source } : {}),
  };
}

/**
 * Newest first; the cursor is opaque (createdAt + id, so ties never skip or repeat a run). The
 * same query the machine APIs list with (lib/runs/api-list.ts); an unknown cursor starts over.
 */
export async function listRuns(
  teamId: string,
  filters: RunFilters,
  page: { cursor?: string; limit: number },
) {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  return queryRunPage(teamId, filters, { cursor: after ?? undefined, limit: page.limit });
}

export const RUN_SORT_FIELDS = [
  "createdAt",
  "status",
  "source",
  "pagesDone",
  "finishedAt",
] as const;
export type RunSortField = (typeof RUN_SORT_FIELDS)[number];

/** Offset pages with a sort, for the dashboard table (page numbers and total count). */
export async function listRunsTable(
  teamId: string,
  filters: RunFilters,
  opts: { page: number; pageSize: number; sort?: RunSortField; dir?: "asc" | "desc" },
) {
  const pageSize = Math.min(Math.max(opts.pageSize, 1), 100);
  const page = Math.max(opts.page, 1);
  const sort = opts.sort ?? "createdAt";
  const dir = opts.dir ?? "desc";
  const where = whereOf(teamId, filters);
  const [total, items] = await Promise.all([
    db.run.count({ where }),
    db.run.findMany({
      where,
      orderBy: [
        sort === "finishedAt" ? { finishedAt: { sort: dir, nulls: "last" } } : { [sort]: dir },
        { id: dir },
      ],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { site: siteSelect },
    }),
  ]);
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

const CHANGE_ORDER = { error: 0, changed: 1, added: 2, removed: 3, unchanged: 4 } as const;

/** One run with its site and pages, pages that failed first, then changed ones. */
export async function getRun(teamId: string, runId: string) {
  if (!isPossibleId(runId)) return null;
  const run = await db.run.findFirst({
    where: { id: runId, teamId },
    include: {
      site: siteSelect,
      pages: {
        orderBy: { url: "asc" },
        select: {
          id: true,
          url: true,
          depth: true,
          httpStatus: true,
          contentType: true,
          title: true,
          textHash: true,
          durationMs: true,
          error: true,
          change: true,
          previousStatus: true,
          diff: true,
        },
      },
    },
  });
  if (!run) return null;
  const pages = [...run.pages].sort(
    (a, b) =>
      (a.change ? CHANGE_ORDER[a.change] : 5) - (b.change ? CHANGE_ORDER[b.change] : 5) ||
      a.url.localeCompare(b.url),
  );
  return { ...run, pages };
}

/** The live part of a run, for progress polling. */
export async function getRunProgress(teamId: string, runId: string) {
  return db.run.findFirst({
    where: { id: runId, teamId },
    select: {
      id: true,
      status: true,
      pagesPlanned: true,
      pagesDone: true,
      pagesAdded: true,
      pagesRemoved: true,
      pagesChanged: true,
      pagesErrored: true,
      error: true,
      startedAt: true,
      finishedAt: true,
    },
  });
}

export async function listRunLogs(
  teamId: string,
  runId: string,
  opts: { limit?: number; after?: Date } = {},
) {
  return db.runLog.findMany({
    where: { teamId, runId, ...(opts.after ? { createdAt: { gt: opts.after } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: Math.min(Math.max(opts.limit ?? 200, 1), 1000),
    select: { id: true, level: true, message: true, createdAt: true },
  });
}

/** "N of M crawls running" for the dashboard. */
export async function getCapacity(teamId: string) {
  // A run whose worker died holds no slot once its lease lapsed, even if no worker is alive to
  // notice: count what admission would count.
  await reapExpiredLeases(db, { teamId });
  const [{ plan, concurrencyLimit }, active] = await Promise.all([
    getTeamPlan(teamId),
    db.run.count({ where: { teamId, status: { in: [...ACTIVE_STATUSES] } } }),
  ]);
  return { plan, limit: concurrencyLimit, active };
}

export async function countRuns(teamId: string) {
  return db.run.count({ where: { teamId } });
}
