// The run list: filters and a cursor page. It runs on every `GET /agent/runs` and
// `GET /api/v1/runs` and on the dashboard, so it is one typed Kysely query on the plain pg pool
// (lib/kysely.ts) rather than Prisma's findMany with an include, whose WebAssembly query pipeline
// cost ~2–3 ms CPU per call here against ~0.5 ms for the same SQL on pg.
import { z } from "zod";
import {
  type Cursor,
  cursorOrThrow,
  pageOf,
  pageQuerySchema,
  parseQuery,
} from "@/lib/api/pagination";
import { withoutNul } from "@/lib/pg-text";
import { RunSource, RunStatus } from "@/lib/generated/kysely/types";
import { kdb, preparedQuery, utcTimestamp } from "@/lib/kysely";
import { runToJson, type RunWithSite } from "@/lib/runs/api-view";

// The values come from the schema's enums (generated types), so a new status or source is
// accepted here without a second list to update.
function choices(values: Record<string, string>) {
  const all = Object.values(values);
  return `${all.slice(0, -1).join(", ")} or ${all.at(-1)}`;
}

export const runListQuerySchema = pageQuerySchema
  .extend({
    site_id: withoutNul(z.string().trim().min(1).max(64), "site_id").optional(),
    status: z.enum(RunStatus, { error: `Use ${choices(RunStatus)}.` }).optional(),
    source: z.enum(RunSource, { error: `Use ${choices(RunSource)}.` }).optional(),
  })
  .strict();
export type RunListQuery = z.infer<typeof runListQuerySchema>;

export function parseRunListQuery(url: URL): RunListQuery {
  const query = parseQuery(url, runListQuerySchema);
  cursorOrThrow(query.cursor);
  return query;
}

export type RunRow = RunWithSite & {
  baselineRunId: string | null;
  site: { id: string; name: string; startUrl: string; deletedAt: Date | null };
};
export type RunFilters = { siteId?: string; status?: RunStatus; source?: RunSource };

// Compiled once per order and shape (which filters, cursor or not); each argument is one
// parameter (lib/kysely.ts preparedQuery).
const runPageQuery = (order: "asc" | "desc") =>
  preparedQuery(
    (
      teamId: string,
      take: number,
      siteId: string | undefined,
      status: RunStatus | undefined,
      source: RunSource | undefined,
      afterAt: string | undefined,
      afterId: string | undefined,
    ) =>
      kdb()
        .selectFrom("Run as r")
        .innerJoin("Site as s", "s.id", "r.siteId")
        .select([
          "r.id",
          "r.siteId",
          "r.status",
          "r.source",
          "r.executionMode",
          "r.agentPoolId",
          "r.commitSha",
          "r.branch",
          "r.repository",
          "r.runUrl",
          "r.environment",
          "r.pagesPlanned",
          "r.pagesDone",
          "r.pagesAdded",
          "r.pagesRemoved",
          "r.pagesChanged",
          "r.pagesUnchanged",
          "r.pagesErrored",
          "r.error",
          "r.skipReason",
          "r.queuedAt",
          "r.startedAt",
          "r.finishedAt",
          "r.createdAt",
          "r.baselineRunId",
          "s.name as siteName",
          "s.startUrl as siteStartUrl",
          "s.deletedAt as siteDeletedAt",
        ])
        .where("r.teamId", "=", teamId)
        .$if(siteId !== undefined, (q) => q.where("r.siteId", "=", siteId ?? ""))
        .$if(status !== undefined, (q) => q.where("r.status", "=", status ?? "queued"))
        .$if(source !== undefined, (q) => q.where("r.source", "=", source ?? "manual"))
        .$if(afterAt !== undefined && afterId !== undefined, (q) =>
          // A row comparison, not `a < x OR (a = x AND b < y)`: PostgreSQL uses it as the index
          // condition and starts reading at the cursor instead of filtering every newer run.
          q.where((eb) =>
            eb(
              eb.refTuple("r.createdAt", "r.id"),
              order === "desc" ? "<" : ">",
              eb.tuple(utcTimestamp(afterAt ?? ""), afterId ?? ""),
            ),
          ),
        )
        .orderBy("r.createdAt", order)
        .orderBy("r.id", order)
        .limit(take),
  );
const runPage = { desc: runPageQuery("desc"), asc: runPageQuery("asc") };

/**
 * One page of the team's runs, newest first (createdAt desc, id desc, so ties never skip or
 * repeat a run; `order: "asc"` walks the other way), with each run's site (deleted sites too).
 * The one run-list query: the dashboard (lib/runs/queries.ts) and the machine APIs both read
 * through it. A keyset page: its cost is the page size, whatever the history (indexes
 * Run(teamId|siteId, createdAt, id) and Run(teamId, status|source, createdAt, id)).
 */
export async function queryRunPage(
  teamId: string,
  filters: RunFilters,
  page: { cursor?: Cursor; limit: number; order?: "asc" | "desc" },
) {
  const limit = Math.min(Math.max(page.limit, 1), 200);
  const { cursor } = page;
  const rows = await runPage[page.order ?? "desc"](
    teamId,
    limit + 1,
    filters.siteId,
    filters.status,
    filters.source,
    cursor?.createdAt.toISOString(),
    cursor?.id,
  );
  const runs = rows.map(({ siteName, siteStartUrl, siteDeletedAt, ...run }): RunRow => ({
    ...run,
    site: { id: run.siteId, name: siteName, startUrl: siteStartUrl, deletedAt: siteDeletedAt },
  }));
  return pageOf(runs, limit);
}

/** One page of the team's runs, newest first, as API JSON. */
export async function listRunsForApi(teamId: string, query: RunListQuery) {
  const { items, nextCursor } = await queryRunPage(
    teamId,
    { siteId: query.site_id, status: query.status, source: query.source },
    { cursor: cursorOrThrow(query.cursor), limit: query.limit },
  );
  return { data: items.map(runToJson), next_cursor: nextCursor };
}
