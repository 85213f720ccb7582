// GET /api/v1/sites — the token's team's sites (cursor pages); POST — create a site.
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { cursorOrThrow, parseQuery, plainPageQuerySchema } from "@/lib/api/pagination";
import { bearerRoute } from "@/lib/http/bearer-route";
import { jsonResponse, readJson } from "@/lib/http/handler";
import { createSiteFromApi, listSitesForApi, siteBodySchema } from "@/lib/sites/api";

export const GET = bearerRoute(
  { scope: ROUTE_SCOPES["GET /api/v1/sites"] },
  async (req, { auth }) => {
    const query = parseQuery(req.nextUrl, plainPageQuerySchema);
    return jsonResponse(
      await listSitesForApi(auth.teamId, {
        cursor: cursorOrThrow(query.cursor),
        limit: query.limit,
      }),
    );
  },
);

export const POST = bearerRoute(
  { scope: ROUTE_SCOPES["POST /api/v1/sites"] },
  async (req, { auth }) => {
    const body = await readJson(req, siteBodySchema, { maxBytes: 32 * 1024 });
    return jsonResponse({ data: await createSiteFromApi(auth.teamId, body) }, { status: 201 });
  },
);
