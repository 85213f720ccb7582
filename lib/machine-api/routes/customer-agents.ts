// The customer agent program's routes (/api/agents/…): exchange a one-time enrollment token for
// an agent credential, long-poll for work of the agent's pool, heartbeat, upload page results in
// bounded batches and finish (complete, fail or return) the run. An agent only ever sees its own
// team's runs of its own pool.
import { createRoute, z } from "@hono/zod-openapi";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { enrollBodySchema, exchangeEnrollmentToken } from "@/lib/credentials/agents/enrollment";
import {
  finishAgentRun,
  finishBodySchema,
  heartbeatAgentRun,
  handBackClaim,
  heartbeatBodySchema,
  MAX_POLL_WAIT_SECONDS,
  pollForWork,
  releaseAgentRuns,
  uploadAgentPages,
  uploadBodySchema,
  UPLOAD_MAX_BYTES,
} from "@/lib/agents/work";
import { agentAuth, agentUnauthorized } from "@/lib/http/agent-auth";
import { jsonBody } from "@/lib/http/json-body";
import { logger } from "@/lib/log";
import {
  AGENT_SECURITY,
  errorResponses,
  IdParams,
  jsonContent,
  jsonRequestBody,
} from "@/lib/machine-api/schemas";
import type { MachineApp } from "@/lib/machine-api/types";

const TAG = "Customer agents";

const EnrolledSchema = z
  .object({
    agent_id: z.string(),
    name: z.string(),
    pool_id: z.string(),
    pool_name: z.string(),
    credential: z.string(),
    re_enrolled: z.boolean(),
  })
  .openapi("EnrolledAgent");

export const enrollRoute = createRoute({
  method: "post",
  path: "/api/agents/enroll",
  tags: [TAG],
  summary: "Exchange a one-time enrollment token (sce_…) for the agent's credential (sca_…)",
  middleware: [jsonBody(4096)] as const,
  request: {
    body: jsonRequestBody(enrollBodySchema, {
      token: "sce_…",
      name: "build-box-1",
      hostname: "build-box-1.internal",
      version: "1.0.0",
    }),
  },
  responses: {
    201: jsonContent(EnrolledSchema, "Enrolled; the credential is shown this once.", {
      agent_id: "cm9x2k1q80006abcd1234efgh",
      name: "build-box-1",
      pool_id: "cm9x2k1q80007abcd1234efgh",
      pool_name: "office",
      credential: "sca_…",
      re_enrolled: false,
    }),
    ...errorResponses(400, 401, 413, 415),
  },
});

const WorkSchema = z
  .object({
    run: z
      .object({
        run_id: z.string(),
        site: z.object({
          id: z.string(),
          name: z.string(),
          start_url: z.string(),
          max_pages: z.number(),
          max_depth: z.number(),
          include_patterns: z.array(z.string()),
          exclude_patterns: z.array(z.string()),
          request_timeout_ms: z.number(),
        }),
        heartbeat_interval_ms: z.number(),
        lease_seconds: z.number(),
        max_pages_per_batch: z.number(),
      })
      .nullable(),
  })
  .openapi("AgentWork");

export const workRoute = createRoute({
  method: "post",
  path: "/api/agents/work",
  tags: [TAG],
  summary: "Long-poll for the next queued run of the agent's pool (claims it)",
  security: AGENT_SECURITY,
  middleware: [agentAuth] as const,
  request: {
    query: z.object({
      wait: z.coerce
        .number()
        .int()
        .min(0)
        .max(MAX_POLL_WAIT_SECONDS)
        .default(25)
        .openapi({ description: "Seconds to hold the request open when there is no work." }),
    }),
  },
  responses: {
    200: jsonContent(WorkSchema, "A claimed run, or `run: null` when none arrived in time.", {
      run: null,
    }),
    ...errorResponses(400, 401),
  },
});

export const releaseRoute = createRoute({
  method: "post",
  path: "/api/agents/release",
  tags: [TAG],
  summary:
    "The agent is stopping: return to the queue every run still held under its name (claims whose answer it never received)",
  security: AGENT_SECURITY,
  middleware: [agentAuth] as const,
  responses: {
    200: jsonContent(
      z.object({ returned: z.number() }).openapi("AgentRelease"),
      "How many runs went back to the queue.",
      { returned: 0 },
    ),
    ...errorResponses(401),
  },
});

const CancelSchema = z.object({ cancel: z.boolean() }).openapi("AgentHeartbeat");

export const heartbeatRoute = createRoute({
  method: "post",
  path: "/api/agents/runs/{id}/heartbeat",
  tags: [TAG],
  summary: "Extend the run's lease and report progress; `cancel: true` means stop",
  security: AGENT_SECURITY,
  middleware: [agentAuth, jsonBody(1024)] as const,
  request: {
    params: IdParams,
    body: jsonRequestBody(heartbeatBodySchema, { pages_done: 3, pages_planned: 12 }),
  },
  responses: {
    200: jsonContent(CancelSchema, "Keep going (`false`) or stop (`true`).", { cancel: false }),
    ...errorResponses(400, 401, 404, 413, 415),
  },
});

export const uploadRoute = createRoute({
  method: "post",
  path: "/api/agents/runs/{id}/pages",
  tags: [TAG],
  summary: "Upload a batch of page results (at most 50 pages, 8 MiB)",
  security: AGENT_SECURITY,
  middleware: [agentAuth, jsonBody(UPLOAD_MAX_BYTES)] as const,
  request: {
    params: IdParams,
    body: jsonRequestBody(uploadBodySchema, {
      pages: [
        {
          url: "http://intranet.local/",
          depth: 0,
          http_status: 200,
          content_type: "text/html",
          title: "Intranet",
          text: "Welcome",
          text_hash: "0".repeat(64),
          links: [],
          duration_ms: 12,
          error: null,
        },
      ],
    }),
  },
  responses: {
    200: jsonContent(
      z.object({ accepted: z.number(), cancel: z.boolean() }).openapi("AgentUpload"),
      "The batch was stored (or `cancel: true`: the run is no longer this agent's).",
      { accepted: 1, cancel: false },
    ),
    ...errorResponses(400, 401, 404, 409, 413, 415),
  },
});

export const finishRoute = createRoute({
  method: "post",
  path: "/api/agents/runs/{id}/finish",
  tags: [TAG],
  summary: "Complete (diff and store), fail, or return the run to the queue",
  security: AGENT_SECURITY,
  middleware: [agentAuth, jsonBody(4096)] as const,
  request: { params: IdParams, body: jsonRequestBody(finishBodySchema, { outcome: "completed" }) },
  responses: {
    200: jsonContent(
      z.object({ status: z.string() }).openapi("AgentFinish"),
      "The run's status after this call.",
      { status: "succeeded" },
    ),
    ...errorResponses(400, 401, 404, 409, 413, 415),
  },
});

export function registerCustomerAgentRoutes(app: MachineApp) {
  app.openapi(enrollRoute, async (c) => {
    const enrolled = await exchangeEnrollmentToken(
      c.req.valid("json"),
      requestMetaFrom(c.req.raw.headers),
    );
    // The same 401 as a bad agent credential, whether the token is malformed, unknown, used or
    // expired (a Response the typed route cannot declare, hence the cast).
    if (!enrolled) return agentUnauthorized() as never;
    return c.json(
      {
        agent_id: enrolled.agent.id,
        name: enrolled.agent.name,
        pool_id: enrolled.agent.poolId,
        pool_name: enrolled.agent.poolName,
        credential: enrolled.credential,
        re_enrolled: enrolled.reEnrolled,
      },
      201,
    );
  });
  app.openapi(workRoute, async (c) => {
    const { wait } = c.req.valid("query");
    const agent = c.get("agent");
    const signal = c.req.raw.signal;
    const run = await pollForWork(agent, wait, signal);
    // The connection closing before the answer is fully written aborts the signal (it never fires
    // once the answer went out): the agent did not get the run, so it goes back to the queue.
    if (run)
      signal.addEventListener(
        "abort",
        () =>
          void handBackClaim(agent, run.run_id).catch((err: unknown) =>
            logger.warn({ err, runId: run.run_id }, "could not hand back an undelivered claim"),
          ),
        { once: true },
      );
    return c.json({ run }, 200);
  });
  app.openapi(releaseRoute, async (c) => {
    return c.json({ returned: await releaseAgentRuns(c.get("agent")) }, 200);
  });
  app.openapi(heartbeatRoute, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await heartbeatAgentRun(c.get("agent"), id, c.req.valid("json")), 200);
  });
  app.openapi(uploadRoute, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await uploadAgentPages(c.get("agent"), id, c.req.valid("json")), 200);
  });
  app.openapi(finishRoute, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await finishAgentRun(c.get("agent"), id, c.req.valid("json")), 200);
  });
}
