// GET/PATCH/DELETE /api/v1/sites/{id} — one site of the token's team (403 for another team's).
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { assertOwnedBy } from "@/lib/api/ownership";
import { notFound } from "@/lib/http/api-error";
import { bearerRoute } from "@/lib/http/bearer-route";
import { jsonResponse, readJson } from "@/lib/http/handler";
import { deleteSiteFromApi, siteBodySchema, siteToJson, updateSiteFromApi } from "@/lib/sites/api";
import { getSite } from "@/lib/sites/sites";

type Params = { id: string };

export const GET = bearerRoute<Params>(
  { scope: ROUTE_SCOPES["GET /api/v1/sites/{id}"] },
  async (_req, { auth, params }) => {
    const { id } = await params;
    await assertOwnedBy(auth.teamId, "site", id);
    const site = await getSite(auth.teamId, id);
    if (!site) throw notFound("Site not found.");
    return jsonResponse({ data: siteToJson(site) });
  },
);

export const PATCH = bearerRoute<Params>(
  { scope: ROUTE_SCOPES["PATCH /api/v1/sites/{id}"] },
  async (req, { auth, params }) => {
    const { id } = await params;
    await assertOwnedBy(auth.teamId, "site", id);
    const body = await readJson(req, siteBodySchema, { maxBytes: 32 * 1024 });
    return jsonResponse({ data: await updateSiteFromApi(auth.teamId, id, body) });
  },
);

export const DELETE = bearerRoute<Params>(
  { scope: ROUTE_SCOPES["DELETE /api/v1/sites/{id}"] },
  async (_req, { auth, params }) => {
    const { id } = await params;
    await assertOwnedBy(auth.teamId, "site", id);
    return jsonResponse({ data: await deleteSiteFromApi(auth.teamId, id) });
  },
);
