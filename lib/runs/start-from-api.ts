// Starting a run from a machine caller (CI trigger, Agent API, REST API): the request body's
// rules, and admitRun's answer as a result or a DomainError (not_found, agent_execution_unavailable,
// rate_limited with retryAfter).
import { z } from "zod";
import { env } from "@/lib/env";
import type { RunSource } from "@/lib/generated/prisma/client";
import { DomainError, notFound, rateLimited } from "@/lib/errors";
import { admitRun } from "@/lib/runs/admit-run";
import { runPageUrl } from "@/lib/runs/api-view";
import { withoutNul } from "@/lib/pg-text";

/** Bodies of POST /api/trigger/ci and POST /agent/scans are small; anything bigger is refused. */
export const TRIGGER_MAX_BYTES = 16 * 1024;

const optionalText = (max: number, label: string) =>
  withoutNul(
    z
      .string({ error: `${label} must be a string.` })
      .trim()
      .min(1, `${label} must not be empty.`)
      .max(max, `${label} must be at most ${max} characters.`),
    label,
  )
    .optional()
    .nullable();

/** The site_id of a request body (the id of one of the caller team's sites). */
const siteIdField = withoutNul(
  z
    .string({ error: "site_id is required (the id of one of your team's sites)." })
    .trim()
    .min(1, "site_id is required (the id of one of your team's sites).")
    .max(64, "site_id is not a valid site id."),
  "site_id",
);

export const triggerBodySchema = z
  .object({
    site_id: siteIdField,
    commit_sha: z
      .string({ error: "commit_sha must be a string." })
      .trim()
      .regex(/^[0-9a-f]{7,64}$/i, "commit_sha must be a hex commit id (7 to 64 characters).")
      .optional()
      .nullable(),
    branch: optionalText(255, "branch"),
    repository: optionalText(255, "repository"),
    run_url: withoutNul(
      z
        .url({ protocol: /^https?$/, error: "run_url must be an http(s) URL." })
        .max(2000, "run_url must be at most 2,000 characters."),
      "run_url",
    )
      .optional()
      .nullable(),
    execution_mode: z
      .enum(["cloud", "agent"], { error: 'execution_mode must be "cloud" or "agent".' })
      .optional(),
    agent_pool_id: optionalText(100, "agent_pool_id"),
    environment: optionalText(100, "environment"),
  })
  .strict();
export type TriggerBody = z.infer<typeof triggerBodySchema>;

export type StartedRun = { run_id: string; status: string; url: string };

export type StartRunInput = {
  teamId: string;
  siteId: string;
  source: Extract<RunSource, "ci" | "agent_api" | "api">;
  ciApiKeyId?: string | null;
  apiClientId?: string | null;
  executionMode?: "cloud" | "agent";
  agentPoolId?: string | null;
  commitSha?: string | null;
  branch?: string | null;
  repository?: string | null;
  runUrl?: string | null;
  environment?: string | null;
};

/** The 429 message: names the limit and links Plans and limits (the /pricing page). */
export function limitReachedMessage(message: string): string {
  return `${message}. See Plans and limits: ${env().APP_URL.replace(/\/$/, "")}/pricing`;
}

// Customer agents (execution mode "agent") are a separate feature that has not shipped yet; until
// it does, asking for one is refused plainly instead of queueing a run nothing would ever claim.
function agentsUnavailable() {
  return new DomainError(
    'Execution mode "agent" is not available yet: customer agents are not enabled on this deployment. Use "cloud".',
    { code: "agent_execution_unavailable" },
  );
}

/** Admits a run for a machine caller, or throws the DomainError that answers the request. */
export async function startRunFromApi(input: StartRunInput): Promise<StartedRun> {
  // cloudOnly: a site (or request) asking for agent execution is refused inside admission, which
  // reads the site once (404 when the team has no such site).
  const result = await admitRun({ ...input, cloudOnly: true });
  if (result.ok) {
    return { run_id: result.run.id, status: result.run.status, url: runPageUrl(result.run.id) };
  }
  if (result.reason === "limit_reached") {
    throw rateLimited(limitReachedMessage(result.message), result.retryAfterSeconds);
  }
  if (result.reason === "agent_pool_required" || result.reason === "agent_unavailable") {
    throw agentsUnavailable();
  }
  throw notFound("Site not found in this team.");
}

/** The trigger body as admission input. */
export function triggerInput(body: TriggerBody) {
  return {
    siteId: body.site_id,
    executionMode: body.execution_mode,
    agentPoolId: body.agent_pool_id ?? null,
    commitSha: body.commit_sha ?? null,
    branch: body.branch ?? null,
    repository: body.repository ?? null,
    runUrl: body.run_url ?? null,
    environment: body.environment ?? null,
  };
}

/** Body of POST /api/v1/runs. */
export const startRunBodySchema = z.object({ site_id: siteIdField }).strict();
