// Sites as the REST API reads and writes them: snake_case JSON in and out, mapped onto the same
// create/update rules the dashboard uses (lib/sites/schema.ts), with field errors named in the
// API's own snake_case.
import { z } from "zod";
import type { Cursor } from "@/lib/api/pagination";
import type { Site } from "@/lib/generated/prisma/client";
import { invalidRequest, notFound, type FieldErrors } from "@/lib/errors";
import { querySitePage } from "@/lib/sites/site-page";
import { createSite, deleteSite, updateSite } from "@/lib/sites/sites";

const FIELD_MAP = {
  name: "name",
  start_url: "startUrl",
  max_pages: "maxPages",
  max_depth: "maxDepth",
  include_patterns: "includePatterns",
  exclude_patterns: "excludePatterns",
  request_timeout_ms: "requestTimeoutMs",
  execution_mode: "executionMode",
  agent_pool_id: "agentPoolId",
  schedule_kind: "scheduleKind",
  schedule_cron: "scheduleCron",
} as const;
type ApiField = keyof typeof FIELD_MAP;
const TO_API = Object.fromEntries(Object.entries(FIELD_MAP).map(([a, b]) => [b, a])) as Record<
  string,
  string
>;

// Shape only (types and known keys); the value rules live in the shared site schema.
const anyValue = z.unknown().optional();
export const siteBodySchema = z
  .object(Object.fromEntries(Object.keys(FIELD_MAP).map((k) => [k, anyValue])))
  .strict();

function toInternal(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value !== undefined) out[FIELD_MAP[key as ApiField]] = value;
  }
  return out;
}

function toApiErrors(fields: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(fields)) {
    const [head, ...rest] = key.split(".");
    const name = [TO_API[head ?? ""] ?? head, ...rest].join(".");
    (out[name] ??= []).push(...messages);
  }
  return out;
}

export const siteOut = z.object({
  id: z.string(),
  name: z.string(),
  start_url: z.string(),
  max_pages: z.number(),
  max_depth: z.number(),
  include_patterns: z.array(z.string()),
  exclude_patterns: z.array(z.string()),
  request_timeout_ms: z.number(),
  execution_mode: z.string(),
  agent_pool_id: z.string().nullable(),
  schedule_kind: z.string(),
  schedule_cron: z.string().nullable(),
  next_run_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type SiteJson = z.infer<typeof siteOut>;

/** The site columns the API shows (a Prisma `Site` or a row of the site-page query). */
export type SiteView = Omit<Site, "teamId" | "deletedAt">;

export function siteToJson(site: SiteView): SiteJson {
  return siteOut.parse({
    id: site.id,
    name: site.name,
    start_url: site.startUrl,
    max_pages: site.maxPages,
    max_depth: site.maxDepth,
    include_patterns: site.includePatterns,
    exclude_patterns: site.excludePatterns,
    request_timeout_ms: site.requestTimeoutMs,
    execution_mode: site.executionMode,
    agent_pool_id: site.agentPoolId,
    schedule_kind: site.scheduleKind,
    schedule_cron: site.scheduleCron,
    next_run_at: site.nextRunAt?.toISOString() ?? null,
    created_at: site.createdAt.toISOString(),
    updated_at: site.updatedAt.toISOString(),
  });
}

/** The team's sites, newest first, one cursor page, as API JSON. */
export async function listSitesForApi(teamId: string, page: { cursor?: Cursor; limit: number }) {
  const { items, nextCursor } = await querySitePage(teamId, page);
  return { data: items.map(siteToJson), next_cursor: nextCursor };
}

export async function createSiteFromApi(teamId: string, body: Record<string, unknown>) {
  const res = await createSite(teamId, toInternal(body));
  if (!res.ok) throw invalidRequest("The request body is invalid.", toApiErrors(res.fieldErrors));
  return siteToJson(res.site);
}

export async function updateSiteFromApi(
  teamId: string,
  siteId: string,
  body: Record<string, unknown>,
) {
  if (Object.values(body).every((v) => v === undefined)) {
    throw invalidRequest("Send at least one field to change.");
  }
  const res = await updateSite(teamId, siteId, toInternal(body));
  if (res.ok) return siteToJson(res.site);
  if ("reason" in res) throw notFound("Site not found.");
  throw invalidRequest("The request body is invalid.", toApiErrors(res.fieldErrors));
}

export async function deleteSiteFromApi(teamId: string, siteId: string) {
  const res = await deleteSite(teamId, siteId);
  if (!res.ok) throw notFound("Site not found.");
  return { id: siteId, deleted: true, cancelled_runs: res.cancelledRuns };
}
