// GET/PATCH /api/v1/team — the calling token's team settings (PATCH needs the `full` scope).
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { bearerRoute } from "@/lib/http/bearer-route";
import { jsonResponse, readJson } from "@/lib/http/handler";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { teamForApi, teamPatch, updateTeamFromApi } from "@/lib/teams/api-settings";

export const GET = bearerRoute(
  { scope: ROUTE_SCOPES["GET /api/v1/team"] },
  async (_req, { auth }) => jsonResponse({ data: await teamForApi(auth.teamId) }),
);

export const PATCH = bearerRoute(
  { scope: ROUTE_SCOPES["PATCH /api/v1/team"] },
  async (req, { auth }) => {
    const patch = await readJson(req, teamPatch);
    const team = await updateTeamFromApi(
      auth.teamId,
      patch,
      { label: `API client ${auth.clientId}` },
      requestMetaFrom(req.headers),
    );
    return jsonResponse({ data: team });
  },
);
