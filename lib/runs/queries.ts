// Reading runs, always scoped by team: cursor pages for APIs and the dashboard table (keyset, with a
// capped total), one run with its per-page changes, and its log.
import { decodeCursor, encodeCursor } from "@/lib/api/pagination";
import { db } from "@/lib/db";
import type { RunSource, RunStatus } from "@/lib/generated/prisma/client";
import { executePrepared, kdb } from "@/lib/kysely";
import { isPossibleId } from "@/lib/pg-text";
import { getTeamPlan } from "@/lib/plans/plan";
import { queryRunPage } from "@/lib/runs/api-list";
import { readRunPages } from "@/lib/runs/page-set";
import { reapExpiredLeases } from "@/lib/runs/lease";
import { ACTIVE_STATUSES } from "@/lib/runs/status";

export type RunFilters = { siteId?: string; status?: RunStatus; source?: RunSource };

const siteSelect = { select: { id: true, name: true, startUrl: true, deletedAt: true } } as const;

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

/** The run table sorts by start time only: the one order a keyset page can serve at any size. */
export const RUN_SORT_FIELDS = ["createdAt"] as const;
export type RunSortField = (typeof RUN_SORT_FIELDS)[number];

/** Totals above this are shown as "1,000+": counting further would read the whole history. */
export const RUN_COUNT_CAP = 1000;

/**
 * The runs matching the filters, counted up to RUN_COUNT_CAP (`more` when there are more): a
 * bounded index read, never a count over all history. Ordered like the run list, so the plan is
 * the list's own keyset index read backward, stopping at the cap — unordered, PostgreSQL may pick
 * a bitmap scan that collects every matching index entry first (README, "History at scale").
 */
export async function countRunsCapped(
  teamId: string,
  filters: RunFilters = {},
): Promise<{ count: number; more: boolean }> {
  const rows = await executePrepared(
    kdb()
      .selectFrom((qb) =>
        qb
          .selectFrom("Run")
          .select("id")
          .where("teamId", "=", teamId)
          .$if(filters.siteId !== undefined, (q) => q.where("siteId", "=", filters.siteId ?? ""))
          .$if(filters.status !== undefined, (q) =>
            q.where("status", "=", filters.status ?? "queued"),
          )
          .$if(filters.source !== undefined, (q) =>
            q.where("source", "=", filters.source ?? "manual"),
          )
          .orderBy("createdAt", "desc")
          .orderBy("id", "desc")
          .limit(RUN_COUNT_CAP + 1)
          .as("t"),
      )
      .select((eb) => eb.fn.countAll<string>().as("n")),
  );
  const n = Number(rows[0]?.n ?? 0);
  return { count: Math.min(n, RUN_COUNT_CAP), more: n > RUN_COUNT_CAP };
}

/** "1 run", "37 runs", "1,000+ runs". */
export function runCountLabel({ count, more }: { count: number; more: boolean }): string {
  return `${count.toLocaleString("en-US")}${more ? "+" : ""} run${count === 1 && !more ? "" : "s"}`;
}

/**
 * One keyset page of the dashboard's run table, by start time (newest first by default): `after`
 * is the cursor of the last row of the page before, `before` the first row of the page after.
 * Returns the cursors of the neighbouring pages (null when there is none) and a capped total.
 */
export async function listRunsTable(
  teamId: string,
  filters: RunFilters,
  opts: { after?: string; before?: string; pageSize: number; dir?: "asc" | "desc" },
) {
  const pageSize = Math.min(Math.max(opts.pageSize, 1), 100);
  const dir = opts.dir ?? "desc";
  const before = opts.before ? decodeCursor(opts.before) : null;
  const after = !before && opts.after ? decodeCursor(opts.after) : null;
  const [page, total] = await Promise.all([
    queryRunPage(teamId, filters, {
      cursor: (before ?? after) || undefined,
      limit: pageSize,
      order: before ? (dir === "desc" ? "asc" : "desc") : dir,
    }),
    countRunsCapped(teamId, filters),
  ]);
  const items = before ? [...page.items].reverse() : page.items;
  const first = items[0];
  const last = items.at(-1);
  const more = page.nextCursor !== null;
  return {
    items,
    total,
    pageSize,
    /** `before` for the previous page in this order. */
    prevCursor:
      first && (before ? more : after !== null) ? encodeCursor(first.createdAt, first.id) : null,
    /** `after` for the next page in this order. */
    nextCursor: last && (before !== null || more) ? encodeCursor(last.createdAt, last.id) : null,
  };
}

const CHANGE_ORDER = { error: 0, changed: 1, added: 2, removed: 3, unchanged: 4 } as const;

/**
 * One run with its site and pages, pages that failed first, then changed ones. Two queries: the
 * run with its site, then its pages (readRunPages: the run's page set joined with its page rows).
 */
export async function getRun(teamId: string, runId: string) {
  if (!isPossibleId(runId)) return null;
  const [run, rows] = await Promise.all([
    db.run.findFirst({
      where: { id: runId, teamId },
      include: { site: siteSelect },
      omit: { pageDurationsMs: true },
    }),
    readRunPages(teamId, runId),
  ]);
  if (!run) return null;
  const pages = rows.sort(
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

/** The team's runs for the dashboard tile: exact up to RUN_COUNT_CAP, then "1,000+". */
export async function countRuns(teamId: string) {
  return countRunsCapped(teamId);
}
