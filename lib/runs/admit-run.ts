// Admission: the one gate every run passes, whatever starts it (dashboard, schedule, CI, Agent
// API). One transaction locks the team row, counts the team's non-terminal runs and either
// creates the run (and enqueues its crawl) or answers "limit reached" — so concurrent starts are
// serialised per team and no race admits one more than the plan allows.
import { isPossibleId } from "@/lib/pg-text";
import { db, type Tx } from "@/lib/db";
import type { ExecutionMode, Run, RunSource } from "@/lib/generated/prisma/client";
import { getTeamPlan, type Plan } from "@/lib/plans/plan";
import { enqueueCrawl, notifyAgentWork } from "@/lib/runs/queue";
import { reapExpiredLeases } from "@/lib/runs/lease";
import { ACTIVE_STATUSES, limitMessage } from "@/lib/runs/status";

export type AdmitRunInput = {
  teamId: string;
  siteId: string;
  source: RunSource;
  executionMode?: ExecutionMode;
  agentPoolId?: string | null;
  triggeredByUserId?: string | null;
  ciApiKeyId?: string | null;
  apiClientId?: string | null;
  commitSha?: string | null;
  branch?: string | null;
  repository?: string | null;
  runUrl?: string | null;
  environment?: string | null;
};

export type AdmitRunResult =
  | { ok: true; run: Run }
  | {
      ok: false;
      reason: "limit_reached";
      plan: Plan;
      limit: number;
      active: number;
      retryAfterSeconds: number;
      message: string;
      skippedRun?: Run;
    }
  | { ok: false; reason: "site_not_found" }
  | { ok: false; reason: "agent_pool_required" }
  | { ok: false; reason: "agent_pool_not_found" }
  | { ok: false; reason: "agent_requires_paid"; skippedRun?: Run };

/** Why an agent-mode start is refused (or a scheduled one skipped) on the free plan (seed 004). */
export const AGENT_REQUIRES_PAID_REASON = "no active paid CI API key";

/** How long a caller at the limit should wait before trying again (a typical short crawl). */
export const LIMIT_RETRY_AFTER_SECONDS = 30;

export async function admitRun(input: AdmitRunInput, tx?: Tx): Promise<AdmitRunResult> {
  if (tx) return admitIn(tx, input);
  // 200 simultaneous starts queue on the team lock; give them room instead of Prisma's 2 s/5 s.
  // An id that cannot exist (NUL, odd characters) is not found, without a query PostgreSQL refuses.
  if (!isPossibleId(input.siteId)) return { ok: false, reason: "site_not_found" };
  return db.$transaction((t) => admitIn(t, input), { maxWait: 60_000, timeout: 60_000 });
}

async function admitIn(tx: Tx, input: AdmitRunInput): Promise<AdmitRunResult> {
  const { teamId, siteId } = input;
  // The lock: every admission for this team waits here for the one before it to commit.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Team" WHERE id = ${teamId} FOR UPDATE`;
  if (locked.length === 0) return { ok: false, reason: "site_not_found" };

  const site = await tx.site.findFirst({
    where: { id: siteId, teamId, deletedAt: null },
    select: { id: true, executionMode: true, agentPoolId: true },
  });
  if (!site) return { ok: false, reason: "site_not_found" };
  const executionMode = input.executionMode ?? site.executionMode;
  const agentPoolId =
    executionMode === "agent" ? (input.agentPoolId ?? site.agentPoolId ?? null) : null;
  if (executionMode === "agent" && !agentPoolId)
    return { ok: false, reason: "agent_pool_required" };
  const pool =
    executionMode === "agent" && agentPoolId && isPossibleId(agentPoolId)
      ? await tx.agentPool.findFirst({ where: { id: agentPoolId, teamId }, select: { name: true } })
      : null;
  if (executionMode === "agent" && !pool) return { ok: false, reason: "agent_pool_not_found" };

  // A run whose worker died must not hold a slot past its lease, even when no worker is alive.
  await reapExpiredLeases(tx, { teamId });
  const { plan, concurrencyLimit } = await getTeamPlan(teamId, tx);
  const active = await tx.run.count({
    where: { teamId, status: { in: [...ACTIVE_STATUSES] } },
  });

  const common = {
    teamId,
    siteId,
    source: input.source,
    executionMode,
    agentPoolId,
    triggeredByUserId: input.triggeredByUserId ?? null,
    ciApiKeyId: input.ciApiKeyId ?? null,
    apiClientId: input.apiClientId ?? null,
    commitSha: input.commitSha ?? null,
    branch: input.branch ?? null,
    repository: input.repository ?? null,
    runUrl: input.runUrl ?? null,
    environment: input.environment ?? null,
  };

  if (executionMode === "agent" && plan !== "paid") {
    if (input.source !== "schedule") return { ok: false, reason: "agent_requires_paid" };
    const skippedRun = await tx.run.create({
      data: {
        ...common,
        status: "skipped",
        skipReason: AGENT_REQUIRES_PAID_REASON,
        finishedAt: new Date(),
        logs: {
          create: {
            teamId,
            level: "warn",
            message: `Skipped: agent runs need an active paid CI API key (${AGENT_REQUIRES_PAID_REASON})`,
          },
        },
      },
    });
    return { ok: false, reason: "agent_requires_paid", skippedRun };
  }

  if (active >= concurrencyLimit) {
    const refused = {
      ok: false as const,
      reason: "limit_reached" as const,
      plan,
      limit: concurrencyLimit,
      active,
      retryAfterSeconds: LIMIT_RETRY_AFTER_SECONDS,
      message: limitMessage(active, concurrencyLimit),
    };
    if (input.source !== "schedule") return refused;
    // A scheduled start is never silently dropped: history shows it was skipped and why.
    const now = new Date();
    const skippedRun = await tx.run.create({
      data: {
        ...common,
        status: "skipped",
        skipReason: "concurrency limit",
        finishedAt: now,
        logs: {
          create: { teamId, level: "warn", message: `Skipped: ${refused.message}` },
        },
      },
    });
    return { ...refused, skippedRun };
  }

  const run = await tx.run.create({
    data: {
      ...common,
      status: "queued",
      logs: {
        create: {
          teamId,
          level: "info",
          message: pool
            ? `Queued (${input.source}): waiting for an agent in pool ${pool.name}`
            : `Queued (${input.source})`,
        },
      },
    },
  });
  if (executionMode === "cloud") await enqueueCrawl(tx, run.id);
  // Agents of the pool long-poll for work; the notification reaches them when this commits.
  else if (agentPoolId) await notifyAgentWork(tx, agentPoolId);
  return { ok: true, run };
}
