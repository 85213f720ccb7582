// GET/PATCH /api/v1/team — the calling token's team settings (PATCH needs the `full` scope). An
// API client's tokens carry scopes, not a member's role: only owners and admins can create a
// client (developers/api-keys), so `full` stands for the owner/admin rule the settings page uses.
import { createRoute } from "@hono/zod-openapi";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { bearerAuth } from "@/lib/http/bearer-auth";
import { jsonBody } from "@/lib/http/json-body";
import {
  dataOf,
  errorResponses,
  jsonContent,
  jsonRequestBody,
  scopeSecurity,
  TEAM_EXAMPLE,
  TeamSchema,
} from "@/lib/machine-api/schemas";
import type { MachineApp } from "@/lib/machine-api/types";
import { teamForApi, teamPatch, updateTeamFromApi } from "@/lib/teams/api-settings";

export const getTeamRoute = createRoute({
  method: "get",
  path: "/api/v1/team",
  tags: ["REST API"],
  summary: "The token's team",
  security: scopeSecurity(ROUTE_SCOPES["GET /api/v1/team"]),
  middleware: [bearerAuth(ROUTE_SCOPES["GET /api/v1/team"])] as const,
  responses: {
    200: jsonContent(dataOf(TeamSchema), "The team.", { data: TEAM_EXAMPLE }),
    ...errorResponses(401, 403),
  },
});

export const patchTeamRoute = createRoute({
  method: "patch",
  path: "/api/v1/team",
  tags: ["REST API"],
  summary: "Rename the team, change its time zone or its snapshot retention",
  security: scopeSecurity(ROUTE_SCOPES["PATCH /api/v1/team"]),
  middleware: [bearerAuth(ROUTE_SCOPES["PATCH /api/v1/team"]), jsonBody()] as const,
  request: {
    body: jsonRequestBody(teamPatch, {
      name: "Acme Inc.",
      time_zone: "Europe/Berlin",
      snapshot_retention_days: 90,
    }),
  },
  responses: {
    200: jsonContent(dataOf(TeamSchema), "The updated team.", { data: TEAM_EXAMPLE }),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

export function registerTeamRoutes(app: MachineApp) {
  app.openapi(getTeamRoute, async (c) =>
    c.json({ data: await teamForApi(c.get("bearer").teamId) }, 200),
  );
  app.openapi(patchTeamRoute, async (c) => {
    const auth = c.get("bearer");
    const team = await updateTeamFromApi(
      auth.teamId,
      c.req.valid("json"),
      { label: `API client ${auth.clientId}` },
      requestMetaFrom(c.req.raw.headers),
    );
    return c.json({ data: team }, 200);
  });
}
