// The run list query of the machine APIs (Agent API and REST API): filters and a cursor page.
// It runs on every `GET /agent/runs` and `GET /api/v1/runs`, so it is one parameterised SQL query
// on the plain pg pool (lib/pg-pool.ts) rather than Prisma's findMany with an include, whose
// WebAssembly query pipeline cost ~2–3 ms CPU per call here against ~0.5 ms for the same SQL on
// pg. lib/runs/api-list.test.ts keeps it equal to the Prisma `listRuns` (fields, order, cursors).
import { z } from "zod";
import {
  type Cursor,
  cursorOrThrow,
  pageOf,
  pageQuerySchema,
  parseQuery,
} from "@/lib/api/pagination";
import { withoutNul } from "@/lib/pg-text";
import { pgPool } from "@/lib/pg-pool";
import { runToJson, type RunWithSite } from "@/lib/runs/api-view";
import { RUN_STATUSES } from "@/lib/runs/status";

export const runListQuerySchema = pageQuerySchema
  .extend({
    site_id: withoutNul(z.string().trim().min(1).max(64), "site_id").optional(),
    status: z.enum(RUN_STATUSES, { error: `Use ${RUN_STATUSES.join(", ")}.` }).optional(),
    source: z
      .enum(["manual", "schedule", "ci", "agent_api", "api"], {
        error: "Use manual, schedule, ci, agent_api or api.",
      })
      .optional(),
  })
  .strict();
export type RunListQuery = z.infer<typeof runListQuerySchema>;

export function parseRunListQuery(url: URL): RunListQuery {
  const query = parseQuery(url, runListQuerySchema);
  cursorOrThrow(query.cursor);
  return query;
}

type RunRow = RunWithSite & { site: { id: string; name: string; startUrl: string } };

// Prisma stores DateTime as UTC `timestamp(3)`; AT TIME ZONE 'UTC' hands node-pg a timestamptz so
// the Date is right whatever the server's time zone (node-pg reads plain `timestamp` as local).
const RUN_COLUMNS = `r.id, r."siteId", r.status::text AS status, r.source::text AS source,
  r."executionMode"::text AS "executionMode", r."agentPoolId", r."commitSha", r.branch,
  r.repository, r."runUrl", r."pagesPlanned", r."pagesDone", r."pagesAdded", r."pagesRemoved",
  r."pagesChanged", r."pagesUnchanged", r."pagesErrored", r.error, r."skipReason",
  r."queuedAt" AT TIME ZONE 'UTC' AS "queuedAt",
  r."startedAt" AT TIME ZONE 'UTC' AS "startedAt",
  r."finishedAt" AT TIME ZONE 'UTC' AS "finishedAt",
  r."createdAt" AT TIME ZONE 'UTC' AS "createdAt",
  s.id AS "site.id", s.name AS "site.name", s."startUrl" AS "site.startUrl"`;

/** One page of the team's runs, newest first (createdAt desc, id desc), fetched with `pg`. */
export async function queryRunPage(
  teamId: string,
  filters: { siteId?: string; status?: string; source?: string },
  page: { cursor?: Cursor; limit: number },
) {
  const limit = Math.min(Math.max(page.limit, 1), 200);
  const values: unknown[] = [teamId];
  const where = [`r."teamId" = $1`];
  // Each filter combination gets its own named (prepared) statement: at most 16 of them.
  let shape = "";
  if (filters.siteId !== undefined) {
    values.push(filters.siteId);
    where.push(`r."siteId" = $${values.length}`);
    shape += "i";
  }
  if (filters.status !== undefined) {
    values.push(filters.status);
    where.push(`r.status = $${values.length}::"RunStatus"`);
    shape += "s";
  }
  if (filters.source !== undefined) {
    values.push(filters.source);
    where.push(`r.source = $${values.length}::"RunSource"`);
    shape += "o";
  }
  if (page.cursor) {
    values.push(page.cursor.createdAt.toISOString(), page.cursor.id);
    const at = `($${values.length - 1}::timestamptz AT TIME ZONE 'UTC')`;
    where.push(`(r."createdAt" < ${at} OR (r."createdAt" = ${at} AND r.id < $${values.length}))`);
    shape += "c";
  }
  values.push(limit + 1);
  const { rows } = await pgPool().query<Record<string, unknown>>({
    name: `run-list-${shape || "all"}`,
    text: `SELECT ${RUN_COLUMNS}
             FROM "Run" r JOIN "Site" s ON s.id = r."siteId"
            WHERE ${where.join(" AND ")}
            ORDER BY r."createdAt" DESC, r.id DESC
            LIMIT $${values.length}`,
    values,
  });
  const runs = rows.map((row): RunRow => {
    const { "site.id": siteId, "site.name": name, "site.startUrl": startUrl, ...run } = row;
    return {
      ...(run as Omit<RunRow, "site">),
      site: { id: siteId as string, name: name as string, startUrl: startUrl as string },
    };
  });
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
