// GET /api/v1/runs — the token's team's runs (filters, cursor pages); POST — start a run of a site.
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { assertOwnedBy } from "@/lib/api/ownership";
import { bearerRoute } from "@/lib/http/bearer-route";
import { jsonResponse, readJson } from "@/lib/http/handler";
import { listRunsForApi, parseRunListQuery } from "@/lib/runs/api-list";
import { startRunBodySchema, startRunFromApi, TRIGGER_MAX_BYTES } from "@/lib/runs/start-from-api";

export const GET = bearerRoute(
  { scope: ROUTE_SCOPES["GET /api/v1/runs"] },
  async (req, { auth }) => {
    const query = parseRunListQuery(req.nextUrl);
    if (query.site_id) await assertOwnedBy(auth.teamId, "site", query.site_id);
    return jsonResponse(await listRunsForApi(auth.teamId, query));
  },
);

export const POST = bearerRoute(
  { scope: ROUTE_SCOPES["POST /api/v1/runs"] },
  async (req, { auth }) => {
    const body = await readJson(req, startRunBodySchema, { maxBytes: TRIGGER_MAX_BYTES });
    await assertOwnedBy(auth.teamId, "site", body.site_id);
    const started = await startRunFromApi({
      teamId: auth.teamId,
      siteId: body.site_id,
      source: "api",
      apiClientId: auth.clientId,
    });
    return jsonResponse({ data: started }, { status: 202 });
  },
);
