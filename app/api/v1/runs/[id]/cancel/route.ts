// POST /api/v1/runs/{id}/cancel — cancel a queued or running run of the token's team.
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { assertOwnedBy } from "@/lib/api/ownership";
import { bearerRoute } from "@/lib/http/bearer-route";
import { jsonResponse } from "@/lib/http/handler";
import { cancelRunForApi } from "@/lib/runs/api-detail";

export const POST = bearerRoute<{ id: string }>(
  { scope: ROUTE_SCOPES["POST /api/v1/runs/{id}/cancel"] },
  async (_req, { auth, params }) => {
    const { id } = await params;
    await assertOwnedBy(auth.teamId, "run", id);
    const run = await cancelRunForApi(
      auth.teamId,
      id,
      `Cancelled through the REST API (client ${auth.clientId})`,
    );
    return jsonResponse({ data: run });
  },
);
