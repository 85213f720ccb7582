// Sites: create, edit, soft-delete, read. Every query is scoped by team; deleted sites keep their
// run history and disappear from everything else.
import { COMPLETED_STATUSES } from "@/lib/runs/status";
import { z } from "zod";
import { decodeCursor } from "@/lib/api/pagination";
import { db } from "@/lib/db";
import type { Prisma, RunSource, RunStatus, Site } from "@/lib/generated/prisma/client";
import { isPossibleId } from "@/lib/pg-text";
import { cancelActiveRunsOfSite } from "@/lib/runs/cancel";
import { enqueuePrune } from "@/lib/runs/retention";
import { nextRunAt } from "@/lib/schedules/schedule";
import { querySitePage } from "@/lib/sites/site-page";
import {
  siteInputSchema,
  type SiteData,
  type SiteInput,
  type SiteUpdate,
} from "@/lib/sites/schema";

export { siteInputSchema, type SiteInput, type SiteUpdate, type SiteData };

export type FieldErrors = Record<string, string[]>;
export type SiteResult = { ok: true; site: Site } | { ok: false; fieldErrors: FieldErrors };

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return out;
}

async function teamTimeZone(teamId: string): Promise<string> {
  const team = await db.team.findUnique({ where: { id: teamId }, select: { timeZone: true } });
  return team?.timeZone ?? "UTC";
}

function toRow(data: SiteData, timeZone: string) {
  return {
    name: data.name,
    startUrl: data.startUrl,
    maxPages: data.maxPages,
    maxDepth: data.maxDepth,
    includePatterns: data.includePatterns,
    excludePatterns: data.excludePatterns,
    requestTimeoutMs: data.requestTimeoutMs,
    executionMode: data.executionMode,
    agentPoolId: data.executionMode === "agent" ? (data.agentPoolId ?? null) : null,
    scheduleKind: data.scheduleKind,
    scheduleCron: data.scheduleKind === "cron" ? (data.scheduleCron ?? null) : null,
    nextRunAt: nextRunAt({ kind: data.scheduleKind, cron: data.scheduleCron }, timeZone),
  } satisfies Prisma.SiteUncheckedUpdateInput;
}

/** An agent site names one of its own team's pools (a free-text or foreign id is refused). */
async function poolErrors(teamId: string, data: SiteData): Promise<FieldErrors | null> {
  if (data.executionMode !== "agent" || !data.agentPoolId) return null;
  const pool = isPossibleId(data.agentPoolId)
    ? await db.agentPool.findFirst({
        where: { id: data.agentPoolId, teamId },
        select: { id: true },
      })
    : null;
  return pool
    ? null
    : { agentPoolId: ["Choose one of your team's agent pools (Customer agents)."] };
}

export async function createSite(teamId: string, input: unknown): Promise<SiteResult> {
  const parsed = siteInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const badPool = await poolErrors(teamId, parsed.data);
  if (badPool) return { ok: false, fieldErrors: badPool };
  const site = await db.site.create({
    data: { teamId, ...toRow(parsed.data, await teamTimeZone(teamId)) },
  });
  return { ok: true, site };
}

/** The editable fields of a stored site, in input form (so a partial update can be merged). */
export function siteToInput(site: Site): SiteInput {
  return {
    name: site.name,
    startUrl: site.startUrl,
    maxPages: site.maxPages,
    maxDepth: site.maxDepth,
    includePatterns: site.includePatterns,
    excludePatterns: site.excludePatterns,
    requestTimeoutMs: site.requestTimeoutMs,
    executionMode: site.executionMode,
    agentPoolId: site.agentPoolId,
    scheduleKind: site.scheduleKind,
    scheduleCron: site.scheduleCron,
  };
}

/** Updates any subset of fields; the merged site must pass the same rules as a new one. */
export async function updateSite(
  teamId: string,
  siteId: string,
  input: SiteUpdate | Record<string, unknown>,
): Promise<SiteResult | { ok: false; reason: "not_found" }> {
  const existing = await db.site.findFirst({ where: { id: siteId, teamId, deletedAt: null } });
  if (!existing) return { ok: false, reason: "not_found" };
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const parsed = siteInputSchema.safeParse({ ...siteToInput(existing), ...defined });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const badPool = await poolErrors(teamId, parsed.data);
  if (badPool) return { ok: false, fieldErrors: badPool };
  const row = toRow(parsed.data, await teamTimeZone(teamId));
  const { count } = await db.site.updateMany({
    where: { id: siteId, teamId, deletedAt: null },
    data: row,
  });
  if (count === 0) return { ok: false, reason: "not_found" };
  return { ok: true, site: { ...existing, ...row, updatedAt: new Date() } };
}

/**
 * Soft-deletes a site: its queued and running runs end cancelled; its run history (summaries,
 * statuses, change counts) stays, and its page content is removed by the retention job, which is
 * enqueued here (lib/runs/retention.ts).
 */
export async function deleteSite(
  teamId: string,
  siteId: string,
  actor?: { userId?: string | null },
): Promise<{ ok: true; cancelledRuns: number } | { ok: false; reason: "not_found" }> {
  const { count } = await db.site.updateMany({
    where: { id: siteId, teamId, deletedAt: null },
    data: { deletedAt: new Date(), nextRunAt: null },
  });
  if (count === 0) return { ok: false, reason: "not_found" };
  const cancelledRuns = await cancelActiveRunsOfSite(teamId, siteId, "Site deleted", actor);
  await enqueuePrune(db);
  return { ok: true, cancelledRuns };
}

export async function getSite(teamId: string, siteId: string): Promise<Site | null> {
  if (!isPossibleId(siteId)) return null;
  return db.site.findFirst({ where: { id: siteId, teamId, deletedAt: null } });
}

const SPARKLINE_RUNS = 12;

export type SiteListItem = Site & {
  lastRun: {
    id: string;
    status: RunStatus;
    createdAt: Date;
    finishedAt: Date | null;
    source: RunSource;
  } | null;
  /** Changed + added + removed pages of recent finished runs, oldest first. */
  recentChanges: number[];
};

/** A page of the team's sites, newest first (opaque cursor: the last item's time and id). */
export async function listSites(
  teamId: string,
  page: { cursor?: string; limit?: number } = {},
): Promise<{ items: SiteListItem[]; nextCursor: string | null }> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const { items: pageItems, nextCursor } = await querySitePage(teamId, {
    cursor: after ?? undefined,
    limit: page.limit ?? 50,
  });
  const items = await Promise.all(
    pageItems.map(async (site) => {
      const [lastRun, recent] = await Promise.all([
        db.run.findFirst({
          where: { teamId, siteId: site.id, status: { not: "skipped" } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { id: true, status: true, createdAt: true, finishedAt: true, source: true },
        }),
        db.run.findMany({
          where: { teamId, siteId: site.id, status: { in: [...COMPLETED_STATUSES] } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: SPARKLINE_RUNS,
          select: { pagesAdded: true, pagesRemoved: true, pagesChanged: true },
        }),
      ]);
      return {
        ...site,
        lastRun,
        recentChanges: recent.reverse().map((r) => r.pagesAdded + r.pagesRemoved + r.pagesChanged),
      };
    }),
  );
  return { items, nextCursor };
}

export async function countSites(teamId: string): Promise<number> {
  return db.site.count({ where: { teamId, deletedAt: null } });
}
