// Starting a run from a machine caller (CI trigger, Agent API, REST API): the request body's
// rules, and admitRun's answer as a result or a DomainError (not_found, invalid_request, forbidden,
// rate_limited with retryAfter).
import { z } from "zod";
import { env } from "@/lib/env";
import type { RunSource } from "@/lib/generated/prisma/client";
import { DomainError, invalidRequest, notFound, rateLimited } from "@/lib/errors";
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

/** agent_pool_id belongs to agent runs only: with execution_mode "cloud" it is an error. */
function agentModeRules(
  body: { execution_mode?: "cloud" | "agent"; agent_pool_id?: string | null },
  ctx: z.RefinementCtx,
) {
  if (body.execution_mode === "cloud" && body.agent_pool_id)
    ctx.addIssue({
      code: "custom",
      path: ["agent_pool_id"],
      message: 'agent_pool_id is only for execution_mode "agent".',
    });
}

const executionModeField = z
  .enum(["cloud", "agent"], { error: 'execution_mode must be "cloud" or "agent".' })
  .optional();

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
    execution_mode: executionModeField,
    agent_pool_id: optionalText(100, "agent_pool_id"),
    environment: optionalText(100, "environment"),
  })
  .strict()
  .superRefine(agentModeRules);
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

/** Admits a run for a machine caller, or throws the DomainError that answers the request. */
export async function startRunFromApi(input: StartRunInput): Promise<StartedRun> {
  const result = await admitRun(input);
  if (result.ok) {
    return { run_id: result.run.id, status: result.run.status, url: runPageUrl(result.run.id) };
  }
  switch (result.reason) {
    case "limit_reached":
      throw rateLimited(limitReachedMessage(result.message), result.retryAfterSeconds);
    case "agent_pool_required":
      throw invalidRequest(
        'execution_mode "agent" needs an agent pool: send agent_pool_id (or set the site\'s pool).',
        { agent_pool_id: ['Required when execution_mode is "agent".'] },
      );
    case "agent_pool_not_found":
      throw notFound("Agent pool not found in this team.");
    case "agent_requires_paid":
      throw new DomainError(
        `Agent runs need an active paid CI API key. See Pricing: ${env().APP_URL.replace(/\/$/, "")}/pricing`,
        { code: "forbidden" },
      );
    case "site_not_found":
      throw notFound("Site not found in this team.");
  }
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
export const startRunBodySchema = z
  .object({
    site_id: siteIdField,
    execution_mode: executionModeField,
    agent_pool_id: optionalText(100, "agent_pool_id"),
  })
  .strict()
  .superRefine(agentModeRules);
