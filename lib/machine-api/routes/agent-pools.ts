// REST API for customer agents: /api/v1/agent-pools[/{id}], enrollment tokens of a pool (the
// token is in this one answer only) and /api/v1/agents[/{id}] (list with status, revoke). Another
// team's pool or agent answers 403, as every REST resource does.
import { createRoute, z } from "@hono/zod-openapi";
import { assertOwnedBy } from "@/lib/api/ownership";
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { listAgents, revokeAgent, type AgentView } from "@/lib/credentials/agents/agents";
import { createEnrollmentToken } from "@/lib/credentials/agents/enrollment";
import {
  createPool,
  deletePool,
  listPools,
  poolInputSchema,
  updatePool,
  type PoolView,
} from "@/lib/credentials/agents/pools";
import type { VerifiedToken } from "@/lib/credentials/oauth/tokens";
import { bearerAuth } from "@/lib/http/bearer-auth";
import { jsonBody } from "@/lib/http/json-body";
import {
  dataOf,
  errorResponses,
  IdParams,
  jsonContent,
  jsonRequestBody,
  scopeSecurity,
} from "@/lib/machine-api/schemas";
import type { MachineApp } from "@/lib/machine-api/types";
import { requestMetaFrom } from "@/lib/audit/request-meta";

const scoped = (key: keyof typeof ROUTE_SCOPES) => ({
  security: scopeSecurity(ROUTE_SCOPES[key]),
  auth: bearerAuth(ROUTE_SCOPES[key]),
});
const TAGS = ["REST API"];

const PoolSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("AgentPool");
const POOL_EXAMPLE = {
  id: "cm9x2k1q80007abcd1234efgh",
  name: "office",
  description: "Build boxes in the office network",
  created_at: "2026-12-01T08:00:00.000Z",
};
const poolOut = (p: PoolView) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  created_at: p.createdAt.toISOString(),
});

const AgentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    pool_id: z.string(),
    pool_name: z.string(),
    hostname: z.string().nullable(),
    version: z.string().nullable(),
    status: z.enum(["online", "busy", "offline", "revoked"]),
    last_seen_at: z.string().nullable(),
    enrolled_at: z.string(),
    current_run_id: z.string().nullable(),
  })
  .openapi("Agent");
const AGENT_EXAMPLE = {
  id: "cm9x2k1q80006abcd1234efgh",
  name: "build-box-1",
  pool_id: POOL_EXAMPLE.id,
  pool_name: POOL_EXAMPLE.name,
  hostname: "build-box-1.internal",
  version: "1.0.0",
  status: "online" as const,
  last_seen_at: "2026-12-01T08:10:00.000Z",
  enrolled_at: "2026-12-01T08:05:00.000Z",
  current_run_id: null,
};
const agentOut = (a: AgentView) => ({
  id: a.id,
  name: a.name,
  pool_id: a.poolId,
  pool_name: a.poolName,
  hostname: a.hostname,
  version: a.version,
  status: a.status,
  last_seen_at: a.lastSeenAt?.toISOString() ?? null,
  enrolled_at: a.enrolledAt.toISOString(),
  current_run_id: a.currentRunId,
});

const TokenSchema = z
  .object({ token: z.string(), expires_at: z.string(), pool_id: z.string(), command: z.string() })
  .openapi("EnrollmentToken");

const actorOf = (auth: VerifiedToken) => ({ label: `API client ${auth.clientId}` });

const listPoolsAuth = scoped("GET /api/v1/agent-pools");
export const listPoolsRoute = createRoute({
  method: "get",
  path: "/api/v1/agent-pools",
  tags: TAGS,
  summary: "List agent pools",
  security: listPoolsAuth.security,
  middleware: [listPoolsAuth.auth] as const,
  responses: {
    200: jsonContent(z.object({ data: z.array(PoolSchema) }), "The team's pools.", {
      data: [POOL_EXAMPLE],
    }),
    ...errorResponses(401, 403),
  },
});

const createAuth = scoped("POST /api/v1/agent-pools");
export const createPoolRoute = createRoute({
  method: "post",
  path: "/api/v1/agent-pools",
  tags: TAGS,
  summary: "Create an agent pool",
  security: createAuth.security,
  middleware: [createAuth.auth, jsonBody(4096)] as const,
  request: { body: jsonRequestBody(poolInputSchema, { name: "office" }) },
  responses: {
    201: jsonContent(dataOf(PoolSchema), "The new pool.", { data: POOL_EXAMPLE }),
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

const patchAuth = scoped("PATCH /api/v1/agent-pools/{id}");
export const patchPoolRoute = createRoute({
  method: "patch",
  path: "/api/v1/agent-pools/{id}",
  tags: TAGS,
  summary: "Rename a pool or change its description",
  security: patchAuth.security,
  middleware: [patchAuth.auth, jsonBody(4096)] as const,
  request: {
    params: IdParams,
    body: jsonRequestBody(poolInputSchema.partial(), { name: "office-2" }),
  },
  responses: {
    200: jsonContent(dataOf(PoolSchema), "The pool.", { data: POOL_EXAMPLE }),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

const deleteAuth = scoped("DELETE /api/v1/agent-pools/{id}");
export const deletePoolRoute = createRoute({
  method: "delete",
  path: "/api/v1/agent-pools/{id}",
  tags: TAGS,
  summary: "Delete a pool and its agents (refused while sites or runs use it)",
  security: deleteAuth.security,
  middleware: [deleteAuth.auth] as const,
  request: { params: IdParams },
  responses: {
    200: jsonContent(
      dataOf(z.object({ id: z.string(), deleted: z.boolean() })),
      "The pool is deleted.",
      { data: { id: POOL_EXAMPLE.id, deleted: true } },
    ),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const tokenAuth = scoped("POST /api/v1/agent-pools/{id}/enrollment-tokens");
export const createTokenRoute = createRoute({
  method: "post",
  path: "/api/v1/agent-pools/{id}/enrollment-tokens",
  tags: TAGS,
  summary: "Issue a one-time enrollment token (shown in this answer only; 1 hour)",
  security: tokenAuth.security,
  middleware: [tokenAuth.auth] as const,
  request: { params: IdParams },
  responses: {
    201: jsonContent(dataOf(TokenSchema), "The token, once.", {
      data: {
        token: "sce_…",
        expires_at: "2026-12-01T09:00:00.000Z",
        pool_id: POOL_EXAMPLE.id,
        command: "npx signaldiff-agent --url https://signaldiff.example --enroll sce_…",
      },
    }),
    ...errorResponses(400, 401, 403, 404),
  },
});

const listAgentsAuth = scoped("GET /api/v1/agents");
export const listAgentsRoute = createRoute({
  method: "get",
  path: "/api/v1/agents",
  tags: TAGS,
  summary: "List enrolled agents with their status",
  security: listAgentsAuth.security,
  middleware: [listAgentsAuth.auth] as const,
  responses: {
    200: jsonContent(z.object({ data: z.array(AgentSchema) }), "The team's agents.", {
      data: [AGENT_EXAMPLE],
    }),
    ...errorResponses(401, 403),
  },
});

const revokeAuth = scoped("DELETE /api/v1/agents/{id}");
export const revokeAgentRoute = createRoute({
  method: "delete",
  path: "/api/v1/agents/{id}",
  tags: TAGS,
  summary: "Revoke an agent (its credential stops working at once)",
  security: revokeAuth.security,
  middleware: [revokeAuth.auth] as const,
  request: { params: IdParams },
  responses: {
    200: jsonContent(
      dataOf(z.object({ id: z.string(), revoked: z.boolean() })),
      "The agent is revoked.",
      { data: { id: AGENT_EXAMPLE.id, revoked: true } },
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** The command the enroll dialog and the REST answer show. */
export function enrollCommand(baseUrl: string, token: string) {
  return `npx signaldiff-agent --url ${baseUrl} --enroll ${token}`;
}

export function registerAgentPoolRoutes(app: MachineApp) {
  app.openapi(listPoolsRoute, async (c) =>
    c.json({ data: (await listPools(c.get("bearer").teamId)).map(poolOut) }, 200),
  );
  app.openapi(createPoolRoute, async (c) => {
    const auth = c.get("bearer");
    const meta = requestMetaFrom(c.req.raw.headers);
    const pool = await createPool(auth.teamId, c.req.valid("json"), actorOf(auth), meta);
    return c.json({ data: poolOut(pool) }, 201);
  });
  app.openapi(patchPoolRoute, async (c) => {
    const auth = c.get("bearer");
    const { id } = c.req.valid("param");
    await assertOwnedBy(auth.teamId, "agent_pool", id);
    const meta = requestMetaFrom(c.req.raw.headers);
    const pool = await updatePool(auth.teamId, id, c.req.valid("json"), actorOf(auth), meta);
    return c.json({ data: poolOut(pool) }, 200);
  });
  app.openapi(deletePoolRoute, async (c) => {
    const auth = c.get("bearer");
    const { id } = c.req.valid("param");
    await assertOwnedBy(auth.teamId, "agent_pool", id);
    await deletePool(auth.teamId, id, actorOf(auth), requestMetaFrom(c.req.raw.headers));
    return c.json({ data: { id, deleted: true } }, 200);
  });
  app.openapi(createTokenRoute, async (c) => {
    const auth = c.get("bearer");
    const { id } = c.req.valid("param");
    await assertOwnedBy(auth.teamId, "agent_pool", id);
    const issued = await createEnrollmentToken(
      auth.teamId,
      id,
      actorOf(auth),
      requestMetaFrom(c.req.raw.headers),
    );
    const base = new URL(c.req.url).origin;
    return c.json(
      {
        data: {
          token: issued.token,
          expires_at: issued.expiresAt.toISOString(),
          pool_id: issued.pool.id,
          command: enrollCommand(base, issued.token),
        },
      },
      201,
    );
  });
  app.openapi(listAgentsRoute, async (c) =>
    c.json({ data: (await listAgents(c.get("bearer").teamId)).map(agentOut) }, 200),
  );
  app.openapi(revokeAgentRoute, async (c) => {
    const auth = c.get("bearer");
    const { id } = c.req.valid("param");
    await assertOwnedBy(auth.teamId, "agent", id);
    await revokeAgent(auth.teamId, id, actorOf(auth), requestMetaFrom(c.req.raw.headers));
    return c.json({ data: { id, revoked: true } }, 200);
  });
}
