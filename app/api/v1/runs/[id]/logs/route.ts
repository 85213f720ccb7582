// GET /api/v1/runs/{id}/logs — a run's log lines, oldest first (cursor pages).
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { assertOwnedBy } from "@/lib/api/ownership";
import { cursorOrThrow, parseQuery, plainPageQuerySchema } from "@/lib/api/pagination";
import { bearerRoute } from "@/lib/http/bearer-route";
import { jsonResponse } from "@/lib/http/handler";
import { listRunLogsPage } from "@/lib/runs/api-queries";
import { runLogToJson } from "@/lib/runs/api-view";

export const GET = bearerRoute<{ id: string }>(
  { scope: ROUTE_SCOPES["GET /api/v1/runs/{id}/logs"] },
  async (req, { auth, params }) => {
    const { id } = await params;
    const q = parseQuery(req.nextUrl, plainPageQuerySchema);
    await assertOwnedBy(auth.teamId, "run", id);
    const page = await listRunLogsPage(auth.teamId, id, {
      cursor: cursorOrThrow(q.cursor),
      limit: q.limit,
    });
    return jsonResponse({ data: page.items.map(runLogToJson), next_cursor: page.nextCursor });
  },
);
