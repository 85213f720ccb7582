// Runs, their pages and logs as the machine APIs show them: snake_case, dates as ISO strings.
// Each answer is built field by field as its declared type (the zod schemas below), so a column
// that is not listed here can never reach a response; the hot ones (runs, pages) are not re-parsed
// at run time — that cost ~25 µs per run, more than the rest of a list request's own work.
import { z } from "zod";
import { env } from "@/lib/env";
import type { Run } from "@/lib/generated/prisma/client";
import type { RunPageRecord } from "@/lib/runs/page-set";

export function runPageUrl(runId: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/runs/${runId}`;
}

const iso = z.string().nullable();
const date = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const runOut = z.object({
  id: z.string(),
  site_id: z.string(),
  site: z.object({ id: z.string(), name: z.string(), start_url: z.string() }).nullable(),
  status: z.string(),
  /** Pages that could not be fetched (timeouts, network errors); > 0 means not "all clear". */
  pages_failed: z.number(),
  source: z.string(),
  execution_mode: z.string(),
  agent_pool_id: z.string().nullable(),
  commit_sha: z.string().nullable(),
  branch: z.string().nullable(),
  repository: z.string().nullable(),
  run_url: z.string().nullable(),
  environment: z.string().nullable(),
  counts: z.object({
    planned: z.number(),
    done: z.number(),
    added: z.number(),
    removed: z.number(),
    changed: z.number(),
    unchanged: z.number(),
    errored: z.number(),
  }),
  error: z.string().nullable(),
  skip_reason: z.string().nullable(),
  queued_at: iso,
  started_at: iso,
  finished_at: iso,
  created_at: z.string(),
  url: z.string(),
});
export type RunJson = z.infer<typeof runOut>;

/** The run columns the API shows (a Prisma `Run` or a row of the pg list query). */
export type RunWithSite = Pick<
  Run,
  | "id"
  | "siteId"
  | "status"
  | "source"
  | "executionMode"
  | "agentPoolId"
  | "commitSha"
  | "branch"
  | "repository"
  | "runUrl"
  | "environment"
  | "pagesPlanned"
  | "pagesDone"
  | "pagesAdded"
  | "pagesRemoved"
  | "pagesChanged"
  | "pagesUnchanged"
  | "pagesErrored"
  | "error"
  | "skipReason"
  | "queuedAt"
  | "startedAt"
  | "finishedAt"
  | "createdAt"
> & { site?: { id: string; name: string; startUrl: string } | null };

export function runToJson(run: RunWithSite): RunJson {
  return {
    id: run.id,
    site_id: run.siteId,
    site: run.site ? { id: run.site.id, name: run.site.name, start_url: run.site.startUrl } : null,
    status: run.status,
    pages_failed: run.pagesErrored,
    source: run.source,
    execution_mode: run.executionMode,
    agent_pool_id: run.agentPoolId,
    commit_sha: run.commitSha,
    branch: run.branch,
    repository: run.repository,
    run_url: run.runUrl,
    environment: run.environment,
    counts: {
      planned: run.pagesPlanned,
      done: run.pagesDone,
      added: run.pagesAdded,
      removed: run.pagesRemoved,
      changed: run.pagesChanged,
      unchanged: run.pagesUnchanged,
      errored: run.pagesErrored,
    },
    error: run.error,
    skip_reason: run.skipReason,
    queued_at: date(run.queuedAt),
    started_at: date(run.startedAt),
    finished_at: date(run.finishedAt),
    created_at: run.createdAt.toISOString(),
    url: runPageUrl(run.id),
  };
}

export const pageOut = z.object({
  id: z.string(),
  url: z.string(),
  depth: z.number(),
  change: z.string().nullable(),
  http_status: z.number().nullable(),
  previous_status: z.number().nullable(),
  content_type: z.string().nullable(),
  title: z.string().nullable(),
  text_hash: z.string().nullable(),
  duration_ms: z.number().nullable(),
  error: z.string().nullable(),
  diff: z.string().nullable(),
});
export type RunPageJson = z.infer<typeof pageOut>;

export type RunPageView = Pick<
  RunPageRecord,
  | "id"
  | "url"
  | "depth"
  | "httpStatus"
  | "previousStatus"
  | "contentType"
  | "title"
  | "textHash"
  | "durationMs"
  | "error"
  | "diff"
  | "change"
>;

export function runPageToJson(page: RunPageView): RunPageJson {
  return {
    id: page.id,
    url: page.url,
    depth: page.depth,
    change: page.change,
    http_status: page.httpStatus,
    previous_status: page.previousStatus,
    content_type: page.contentType,
    title: page.title,
    text_hash: page.textHash,
    duration_ms: page.durationMs,
    error: page.error,
    diff: page.diff,
  };
}

export const logOut = z.object({
  id: z.string(),
  level: z.string(),
  message: z.string(),
  created_at: z.string(),
});

export function runLogToJson(log: { id: string; level: string; message: string; createdAt: Date }) {
  return logOut.parse({
    id: log.id,
    level: log.level,
    message: log.message,
    created_at: log.createdAt.toISOString(),
  });
}
