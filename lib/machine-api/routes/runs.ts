// /api/v1/runs… — the token's team's runs: list (filters, cursor pages), start, read, cancel, and
// a run's logs and pages. Another team's run or site answers 403.
import { createRoute, z } from "@hono/zod-openapi";
import { assertOwnedBy } from "@/lib/api/ownership";
import { cursorOrThrow, pageQuerySchema, plainPageQuerySchema } from "@/lib/api/pagination";
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { bearerAuth } from "@/lib/http/bearer-auth";
import { jsonBody } from "@/lib/http/json-body";
import { RunDetailSchema } from "@/lib/machine-api/routes/agent";
import { StartedRunSchema } from "@/lib/machine-api/routes/trigger";
import {
  dataOf,
  errorResponses,
  IdParams,
  jsonContent,
  jsonRequestBody,
  LOG_EXAMPLE,
  PAGE_EXAMPLE,
  pageOf,
  RUN_EXAMPLE,
  RunLogSchema,
  RunPageSchema,
  RunSchema,
  scopeSecurity,
} from "@/lib/machine-api/schemas";
import type { MachineApp } from "@/lib/machine-api/types";
import { cancelRunForApi, runDetailForApi } from "@/lib/runs/api-detail";
import { listRunsForApi, runListQuerySchema } from "@/lib/runs/api-list";
import { listRunLogsPage, listRunPagesPage } from "@/lib/runs/api-queries";
import { runLogToJson, runPageToJson } from "@/lib/runs/api-view";
import { startRunBodySchema, startRunFromApi, TRIGGER_MAX_BYTES } from "@/lib/runs/start-from-api";

const pagesQuery = pageQuerySchema
  .extend({
    change: z
      .enum(["added", "removed", "changed", "unchanged", "error"], {
        error: "Use added, removed, changed, unchanged or error.",
      })
      .optional(),
  })
  .strict();

const STARTED = { run_id: RUN_EXAMPLE.id, status: "queued", url: RUN_EXAMPLE.url };

export const listRunsRoute = createRoute({
  method: "get",
  path: "/api/v1/runs",
  tags: ["REST API"],
  summary: "List runs, newest first (filters, cursor pages)",
  security: scopeSecurity(ROUTE_SCOPES["GET /api/v1/runs"]),
  middleware: [bearerAuth(ROUTE_SCOPES["GET /api/v1/runs"])] as const,
  request: { query: runListQuerySchema },
  responses: {
    200: jsonContent(pageOf(RunSchema), "One page of runs.", {
      data: [RUN_EXAMPLE],
      next_cursor: null,
    }),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const startRunRoute = createRoute({
  method: "post",
  path: "/api/v1/runs",
  tags: ["REST API"],
  summary: "Start a run of a site",
  security: scopeSecurity(ROUTE_SCOPES["POST /api/v1/runs"]),
  middleware: [bearerAuth(ROUTE_SCOPES["POST /api/v1/runs"]), jsonBody(TRIGGER_MAX_BYTES)] as const,
  request: { body: jsonRequestBody(startRunBodySchema, { site_id: RUN_EXAMPLE.site_id }) },
  responses: {
    202: jsonContent(dataOf(StartedRunSchema), "The run was admitted (queued).", {
      data: STARTED,
    }),
    ...errorResponses(400, 401, 403, 404, 413, 415, 429),
  },
});

export const getRunRoute = createRoute({
  method: "get",
  path: "/api/v1/runs/{id}",
  tags: ["REST API"],
  summary: "One run with its per-page changes",
  security: scopeSecurity(ROUTE_SCOPES["GET /api/v1/runs/{id}"]),
  middleware: [bearerAuth(ROUTE_SCOPES["GET /api/v1/runs/{id}"])] as const,
  request: { params: IdParams },
  responses: {
    200: jsonContent(dataOf(RunDetailSchema), "The run.", {
      data: { ...RUN_EXAMPLE, pages: [PAGE_EXAMPLE] },
    }),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const cancelRunRoute = createRoute({
  method: "post",
  path: "/api/v1/runs/{id}/cancel",
  tags: ["REST API"],
  summary: "Cancel a queued or running run",
  security: scopeSecurity(ROUTE_SCOPES["POST /api/v1/runs/{id}/cancel"]),
  middleware: [bearerAuth(ROUTE_SCOPES["POST /api/v1/runs/{id}/cancel"])] as const,
  request: { params: IdParams },
  responses: {
    200: jsonContent(dataOf(RunSchema), "The cancelled run.", {
      data: { ...RUN_EXAMPLE, status: "cancelled" },
    }),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const runLogsRoute = createRoute({
  method: "get",
  path: "/api/v1/runs/{id}/logs",
  tags: ["REST API"],
  summary: "A run's log lines, oldest first (cursor pages)",
  security: scopeSecurity(ROUTE_SCOPES["GET /api/v1/runs/{id}/logs"]),
  middleware: [bearerAuth(ROUTE_SCOPES["GET /api/v1/runs/{id}/logs"])] as const,
  request: { params: IdParams, query: plainPageQuerySchema },
  responses: {
    200: jsonContent(pageOf(RunLogSchema), "One page of log lines.", {
      data: [LOG_EXAMPLE],
      next_cursor: null,
    }),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const runPagesRoute = createRoute({
  method: "get",
  path: "/api/v1/runs/{id}/pages",
  tags: ["REST API"],
  summary: "A run's crawled pages with their change and diff (cursor pages)",
  security: scopeSecurity(ROUTE_SCOPES["GET /api/v1/runs/{id}/pages"]),
  middleware: [bearerAuth(ROUTE_SCOPES["GET /api/v1/runs/{id}/pages"])] as const,
  request: { params: IdParams, query: pagesQuery },
  responses: {
    200: jsonContent(pageOf(RunPageSchema), "One page of crawled pages.", {
      data: [PAGE_EXAMPLE],
      next_cursor: null,
    }),
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerRunRoutes(app: MachineApp) {
  app.openapi(listRunsRoute, async (c) => {
    const { teamId } = c.get("bearer");
    const query = c.req.valid("query");
    cursorOrThrow(query.cursor);
    if (query.site_id) await assertOwnedBy(teamId, "site", query.site_id);
    return c.json(await listRunsForApi(teamId, query), 200);
  });
  app.openapi(startRunRoute, async (c) => {
    const auth = c.get("bearer");
    const body = c.req.valid("json");
    await assertOwnedBy(auth.teamId, "site", body.site_id);
    const started = await startRunFromApi({
      teamId: auth.teamId,
      siteId: body.site_id,
      source: "api",
      apiClientId: auth.clientId,
      executionMode: body.execution_mode,
      agentPoolId: body.agent_pool_id ?? null,
    });
    return c.json({ data: started }, 202);
  });
  app.openapi(getRunRoute, async (c) => {
    const { teamId } = c.get("bearer");
    const { id } = c.req.valid("param");
    await assertOwnedBy(teamId, "run", id);
    return c.json({ data: await runDetailForApi(teamId, id) }, 200);
  });
  app.openapi(cancelRunRoute, async (c) => {
    const auth = c.get("bearer");
    const { id } = c.req.valid("param");
    await assertOwnedBy(auth.teamId, "run", id);
    const reason = `Cancelled through the REST API (client ${auth.clientId})`;
    return c.json({ data: await cancelRunForApi(auth.teamId, id, reason) }, 200);
  });
  app.openapi(runLogsRoute, async (c) => {
    const { teamId } = c.get("bearer");
    const { id } = c.req.valid("param");
    const q = c.req.valid("query");
    await assertOwnedBy(teamId, "run", id);
    const page = await listRunLogsPage(teamId, id, {
      cursor: cursorOrThrow(q.cursor),
      limit: q.limit,
    });
    return c.json({ data: page.items.map(runLogToJson), next_cursor: page.nextCursor }, 200);
  });
  app.openapi(runPagesRoute, async (c) => {
    const { teamId } = c.get("bearer");
    const { id } = c.req.valid("param");
    const q = c.req.valid("query");
    await assertOwnedBy(teamId, "run", id);
    const page = await listRunPagesPage(teamId, id, {
      change: q.change,
      cursor: cursorOrThrow(q.cursor),
      limit: q.limit,
    });
    return c.json({ data: page.items.map(runPageToJson), next_cursor: page.nextCursor }, 200);
  });
}
