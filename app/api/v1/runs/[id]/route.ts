// GET /api/v1/runs/{id} — one run of the token's team with its per-page changes.
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { assertOwnedBy } from "@/lib/api/ownership";
import { bearerRoute } from "@/lib/http/bearer-route";
import { jsonResponse } from "@/lib/http/handler";
import { runDetailForApi } from "@/lib/runs/api-detail";

export const GET = bearerRoute<{ id: string }>(
  { scope: ROUTE_SCOPES["GET /api/v1/runs/{id}"] },
  async (_req, { auth, params }) => {
    const { id } = await params;
    await assertOwnedBy(auth.teamId, "run", id);
    return jsonResponse({ data: await runDetailForApi(auth.teamId, id) });
  },
);
