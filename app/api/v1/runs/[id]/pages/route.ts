// GET /api/v1/runs/{id}/pages — a run's crawled pages with their change and diff (cursor pages).
import { z } from "zod";
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { assertOwnedBy } from "@/lib/api/ownership";
import { cursorOrThrow, pageQuerySchema, parseQuery } from "@/lib/api/pagination";
import { bearerRoute } from "@/lib/http/bearer-route";
import { jsonResponse } from "@/lib/http/handler";
import { listRunPagesPage } from "@/lib/runs/api-queries";
import { runPageToJson } from "@/lib/runs/api-view";

const query = pageQuerySchema
  .extend({
    change: z
      .enum(["added", "removed", "changed", "unchanged"], {
        error: "Use added, removed, changed or unchanged.",
      })
      .optional(),
  })
  .strict();

export const GET = bearerRoute<{ id: string }>(
  { scope: ROUTE_SCOPES["GET /api/v1/runs/{id}/pages"] },
  async (req, { auth, params }) => {
    const { id } = await params;
    const q = parseQuery(req.nextUrl, query);
    await assertOwnedBy(auth.teamId, "run", id);
    const page = await listRunPagesPage(auth.teamId, id, {
      change: q.change,
      cursor: cursorOrThrow(q.cursor),
      limit: q.limit,
    });
    return jsonResponse({ data: page.items.map(runPageToJson), next_cursor: page.nextCursor });
  },
);
