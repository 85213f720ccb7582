// The run list query of the machine APIs (Agent API and REST API): filters and a cursor page.
import { z } from "zod";
import { cursorOrThrow, pageQuerySchema, parseQuery } from "@/lib/api/pagination";
import { runToJson } from "@/lib/runs/api-view";
import { listRuns } from "@/lib/runs/queries";

export const runListQuerySchema = pageQuerySchema
  .extend({
    site_id: z.string().trim().min(1).max(64).optional(),
    status: z
      .enum(["queued", "running", "succeeded", "failed", "cancelled", "skipped"], {
        error: "Use queued, running, succeeded, failed, cancelled or skipped.",
      })
      .optional(),
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

/** One page of the team's runs, newest first, as API JSON. */
export async function listRunsForApi(teamId: string, query: RunListQuery) {
  const { items, nextCursor } = await listRuns(
    teamId,
    { siteId: query.site_id, status: query.status, source: query.source },
    { cursor: query.cursor, limit: query.limit },
  );
  return { data: items.map(runToJson), next_cursor: nextCursor };
}
