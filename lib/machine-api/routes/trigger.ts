// POST /api/trigger/ci and POST /agent/scans — start a run with the team's CI API key. One
// handler: same body, same admission, same answers; only the run's source differs.
import { createRoute, z } from "@hono/zod-openapi";
import { ciKeyAuth } from "@/lib/http/ci-key-auth";
import { jsonBody } from "@/lib/http/json-body";
import {
  startRunFromApi,
  TRIGGER_MAX_BYTES,
  triggerBodySchema,
  triggerInput,
} from "@/lib/runs/start-from-api";
import {
  CI_KEY_SECURITY,
  errorResponses,
  jsonContent,
  jsonRequestBody,
  RUN_EXAMPLE,
} from "@/lib/machine-api/schemas";
import type { MachineApp } from "@/lib/machine-api/types";

export const StartedRunSchema = z
  .object({ run_id: z.string(), status: z.string(), url: z.string() })
  .openapi("StartedRun");

const STARTED_EXAMPLE = { run_id: RUN_EXAMPLE.id, status: "queued", url: RUN_EXAMPLE.url };
const BODY_EXAMPLE = {
  site_id: RUN_EXAMPLE.site_id,
  commit_sha: RUN_EXAMPLE.commit_sha,
  branch: "main",
  repository: "acme/web",
  run_url: RUN_EXAMPLE.run_url,
  environment: RUN_EXAMPLE.environment,
};

function startRoute(path: "/api/trigger/ci" | "/agent/scans", tag: string, summary: string) {
  return createRoute({
    method: "post",
    path,
    tags: [tag],
    summary,
    security: CI_KEY_SECURITY,
    middleware: [ciKeyAuth, jsonBody(TRIGGER_MAX_BYTES)] as const,
    request: { body: jsonRequestBody(triggerBodySchema, BODY_EXAMPLE) },
    responses: {
      202: jsonContent(StartedRunSchema, "The run was admitted (queued).", STARTED_EXAMPLE),
      ...errorResponses(400, 401, 403, 404, 413, 415, 429),
    },
  });
}

export const triggerCiRoute = startRoute("/api/trigger/ci", "CI trigger", "Start a run from CI");
export const agentScanRoute = startRoute("/agent/scans", "Agent API", "Start a scan (a run)");

export function registerTriggerRoutes(app: MachineApp) {
  for (const [route, source] of [
    [triggerCiRoute, "ci"],
    [agentScanRoute, "agent_api"],
  ] as const) {
    app.openapi(route, async (c) => {
      const auth = c.get("ciKey");
      const started = await startRunFromApi({
        ...triggerInput(c.req.valid("json")),
        teamId: auth.teamId,
        source,
        ciApiKeyId: auth.key.id,
      });
      return c.json(started, 202);
    });
  }
}
