// The Agent API with the CI API key: GET /agent/runs, GET /agent/runs/{id},
// POST /agent/runs/{id}/cancel, GET /agent/sites (POST /agent/scans is in trigger.ts). A run of another team answers
// 404, exactly like a run that does not exist (CI keys are team-bound).
import { createRoute } from "@hono/zod-openapi";
import { cursorOrThrow, plainPageQuerySchema } from "@/lib/api/pagination";
import { ciKeyAuth } from "@/lib/http/ci-key-auth";
import { cancelRunForApi, runDetailForApi } from "@/lib/runs/api-detail";
import { listRunsForApi, runListQuerySchema } from "@/lib/runs/api-list";
import {
  CI_KEY_SECURITY,
  dataOf,
  errorResponses,
  IdParams,
  jsonContent,
  PAGE_EXAMPLE,
  pageOf,
  RUN_EXAMPLE,
  RunPageSchema,
  RunSchema,
  SITE_EXAMPLE,
  SiteSchema,
} from "@/lib/machine-api/schemas";
import type { MachineApp } from "@/lib/machine-api/types";
import { listSitesForApi } from "@/lib/sites/api";
import { z } from "@hono/zod-openapi";

export const RunDetailSchema = RunSchema.extend({ pages: z.array(RunPageSchema) }).openapi(
  "RunDetail",
);
const RUN_DETAIL_EXAMPLE = { data: { ...RUN_EXAMPLE, pages: [PAGE_EXAMPLE] } };

export const agentListRunsRoute = createRoute({
  method: "get",
  path: "/agent/runs",
  tags: ["Agent API"],
  summary: "List the team's runs, newest first (filters, cursor pages)",
  security: CI_KEY_SECURITY,
  middleware: [ciKeyAuth] as const,
  request: { query: runListQuerySchema },
  responses: {
    200: jsonContent(pageOf(RunSchema), "One page of runs.", {
      data: [RUN_EXAMPLE],
      next_cursor: null,
    }),
    ...errorResponses(400, 401),
  },
});

export const agentGetRunRoute = createRoute({
  method: "get",
  path: "/agent/runs/{id}",
  tags: ["Agent API"],
  summary: "One run with its counts and per-page changes",
  security: CI_KEY_SECURITY,
  middleware: [ciKeyAuth] as const,
  request: { params: IdParams },
  responses: {
    200: jsonContent(dataOf(RunDetailSchema), "The run.", RUN_DETAIL_EXAMPLE),
    ...errorResponses(400, 401, 404),
  },
});

export const agentCancelRunRoute = createRoute({
  method: "post",
  path: "/agent/runs/{id}/cancel",
  tags: ["Agent API"],
  summary: "Cancel a queued or running run",
  security: CI_KEY_SECURITY,
  middleware: [ciKeyAuth] as const,
  request: { params: IdParams },
  responses: {
    200: jsonContent(dataOf(RunSchema), "The cancelled run.", {
      data: { ...RUN_EXAMPLE, status: "cancelled" },
    }),
    ...errorResponses(400, 401, 404, 409),
  },
});

// The site ids a pipeline needs for POST /api/trigger/ci, readable with the same key (the CLI's
// `signaldiff sites list`); changing sites stays with the REST API's scoped tokens.
export const agentListSitesRoute = createRoute({
  method: "get",
  path: "/agent/sites",
  tags: ["Agent API"],
  summary: "List the team's sites, newest first (cursor pages)",
  security: CI_KEY_SECURITY,
  middleware: [ciKeyAuth] as const,
  request: { query: plainPageQuerySchema },
  responses: {
    200: jsonContent(pageOf(SiteSchema), "One page of sites.", {
      data: [SITE_EXAMPLE],
      next_cursor: null,
    }),
    ...errorResponses(400, 401),
  },
});

export function registerAgentRoutes(app: MachineApp) {
  app.openapi(agentListSitesRoute, async (c) => {
    const query = c.req.valid("query");
    const page = { cursor: cursorOrThrow(query.cursor), limit: query.limit };
    return c.json(await listSitesForApi(c.get("ciKey").teamId, page), 200);
  });
  app.openapi(agentListRunsRoute, async (c) =>
    c.json(await listRunsForApi(c.get("ciKey").teamId, c.req.valid("query")), 200),
  );
  app.openapi(agentGetRunRoute, async (c) => {
    const { id } = c.req.valid("param");
    return c.json({ data: await runDetailForApi(c.get("ciKey").teamId, id) }, 200);
  });
  app.openapi(agentCancelRunRoute, async (c) => {
    const { id } = c.req.valid("param");
    const auth = c.get("ciKey");
    const reason = `Cancelled through the Agent API (key ${auth.key.prefix}…)`;
    return c.json({ data: await cancelRunForApi(auth.teamId, id, reason) }, 200);
  });
}
