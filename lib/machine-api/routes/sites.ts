// /api/v1/sites and /api/v1/sites/{id} — the token's team's sites: list (cursor pages), create,
// read, update, delete. Another team's site answers 403.
import { createRoute, z } from "@hono/zod-openapi";
import { assertOwnedBy } from "@/lib/api/ownership";
import { cursorOrThrow, plainPageQuerySchema } from "@/lib/api/pagination";
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { notFound } from "@/lib/errors";
import { bearerAuth } from "@/lib/http/bearer-auth";
import { jsonBody } from "@/lib/http/json-body";
import {
  dataOf,
  errorResponses,
  IdParams,
  jsonContent,
  jsonRequestBody,
  pageOf,
  scopeSecurity,
  SITE_EXAMPLE,
  SiteSchema,
} from "@/lib/machine-api/schemas";
import type { MachineApp } from "@/lib/machine-api/types";
import {
  createSiteFromApi,
  deleteSiteFromApi,
  listSitesForApi,
  siteBodySchema,
  siteToJson,
  updateSiteFromApi,
} from "@/lib/sites/api";
import { getSite } from "@/lib/sites/sites";

const SITE_BODY_MAX_BYTES = 32 * 1024;
const BODY_EXAMPLE = { name: "Docs", start_url: "https://docs.example.com/", max_pages: 20 };
const DeletedSchema = z
  .object({ id: z.string(), deleted: z.boolean(), cancelled_runs: z.number() })
  .openapi("DeletedSite");

const scoped = (key: keyof typeof ROUTE_SCOPES) => ({
  security: scopeSecurity(ROUTE_SCOPES[key]),
  auth: bearerAuth(ROUTE_SCOPES[key]),
});

const list = scoped("GET /api/v1/sites");
export const listSitesRoute = createRoute({
  method: "get",
  path: "/api/v1/sites",
  tags: ["REST API"],
  summary: "List sites (cursor pages)",
  security: list.security,
  middleware: [list.auth] as const,
  request: { query: plainPageQuerySchema },
  responses: {
    200: jsonContent(pageOf(SiteSchema), "One page of sites.", {
      data: [SITE_EXAMPLE],
      next_cursor: null,
    }),
    ...errorResponses(400, 401, 403),
  },
});

const create = scoped("POST /api/v1/sites");
export const createSiteRoute = createRoute({
  method: "post",
  path: "/api/v1/sites",
  tags: ["REST API"],
  summary: "Create a site",
  security: create.security,
  middleware: [create.auth, jsonBody(SITE_BODY_MAX_BYTES)] as const,
  request: { body: jsonRequestBody(siteBodySchema, BODY_EXAMPLE) },
  responses: {
    201: jsonContent(dataOf(SiteSchema), "The new site.", { data: SITE_EXAMPLE }),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

const read = scoped("GET /api/v1/sites/{id}");
export const getSiteRoute = createRoute({
  method: "get",
  path: "/api/v1/sites/{id}",
  tags: ["REST API"],
  summary: "One site",
  security: read.security,
  middleware: [read.auth] as const,
  request: { params: IdParams },
  responses: {
    200: jsonContent(dataOf(SiteSchema), "The site.", { data: SITE_EXAMPLE }),
    ...errorResponses(400, 401, 403, 404),
  },
});

const update = scoped("PATCH /api/v1/sites/{id}");
export const patchSiteRoute = createRoute({
  method: "patch",
  path: "/api/v1/sites/{id}",
  tags: ["REST API"],
  summary: "Change a site (only the fields sent)",
  security: update.security,
  middleware: [update.auth, jsonBody(SITE_BODY_MAX_BYTES)] as const,
  request: { params: IdParams, body: jsonRequestBody(siteBodySchema, { max_pages: 100 }) },
  responses: {
    200: jsonContent(dataOf(SiteSchema), "The updated site.", { data: SITE_EXAMPLE }),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

const remove = scoped("DELETE /api/v1/sites/{id}");
export const deleteSiteRoute = createRoute({
  method: "delete",
  path: "/api/v1/sites/{id}",
  tags: ["REST API"],
  summary: "Delete a site (cancels its queued and running runs)",
  security: remove.security,
  middleware: [remove.auth] as const,
  request: { params: IdParams },
  responses: {
    200: jsonContent(dataOf(DeletedSchema), "The site is deleted.", {
      data: { id: SITE_EXAMPLE.id, deleted: true, cancelled_runs: 0 },
    }),
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerSiteRoutes(app: MachineApp) {
  app.openapi(listSitesRoute, async (c) => {
    const query = c.req.valid("query");
    const page = { cursor: cursorOrThrow(query.cursor), limit: query.limit };
    return c.json(await listSitesForApi(c.get("bearer").teamId, page), 200);
  });
  app.openapi(createSiteRoute, async (c) =>
    c.json({ data: await createSiteFromApi(c.get("bearer").teamId, c.req.valid("json")) }, 201),
  );
  app.openapi(getSiteRoute, async (c) => {
    const { teamId } = c.get("bearer");
    const { id } = c.req.valid("param");
    await assertOwnedBy(teamId, "site", id);
    const site = await getSite(teamId, id);
    if (!site) throw notFound("Site not found.");
    return c.json({ data: siteToJson(site) }, 200);
  });
  app.openapi(patchSiteRoute, async (c) => {
    const { teamId } = c.get("bearer");
    const { id } = c.req.valid("param");
    await assertOwnedBy(teamId, "site", id);
    return c.json({ data: await updateSiteFromApi(teamId, id, c.req.valid("json")) }, 200);
  });
  app.openapi(deleteSiteRoute, async (c) => {
    const { teamId } = c.get("bearer");
    const { id } = c.req.valid("param");
    await assertOwnedBy(teamId, "site", id);
    return c.json({ data: await deleteSiteFromApi(teamId, id) }, 200);
  });
}
