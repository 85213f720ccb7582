// Cancelling a run. A queued run ends at once (its queue job is removed); a running run ends at
// once too — its slot is free immediately — and its worker stops at its next heartbeat or
// progress write, which only succeed while the run is still "running".
import { db } from "@/lib/db";
import type { Run } from "@/lib/generated/prisma/client";
import { isPossibleId } from "@/lib/pg-text";
import { removeCrawlJob } from "@/lib/runs/queue";
import { emitRunEvent } from "@/lib/runs/run-events";
import { ACTIVE_STATUSES } from "@/lib/runs/status";

export type CancelResult =
  { ok: true; run: Run } | { ok: false; reason: "not_found" | "already_finished" };

export async function cancelRun(
  teamId: string,
  runId: string,
  actor?: { userId?: string | null },
  reason = "Cancelled",
): Promise<CancelResult> {
  if (!isPossibleId(runId)) return { ok: false, reason: "not_found" };
  return db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.run.updateMany({
      where: { id: runId, teamId, status: { in: [...ACTIVE_STATUSES] } },
      data: {
        status: "cancelled",
        cancelRequestedAt: now,
        finishedAt: now,
        leaseExpiresAt: null,
        error: null,
      },
    });
    const run = await tx.run.findFirst({ where: { id: runId, teamId } });
    if (!run) return { ok: false, reason: "not_found" } as const;
    if (count === 0) return { ok: false, reason: "already_finished" } as const;
    await tx.runLog.create({
      data: {
        runId,
        teamId,
        level: "warn",
        message: actor?.userId ? `${reason} by a team member` : reason,
      },
    });
    await removeCrawlJob(tx, runId);
    await emitRunEvent(tx, teamId, runId, "run.cancelled");
    return { ok: true, run } as const;
  });
}

/** Cancels every queued or running run of a site (used when the site is deleted). */
export async function cancelActiveRunsOfSite(
  teamId: string,
  siteId: string,
  reason: string,
  actor?: { userId?: string | null },
): Promise<number> {
  const active = await db.run.findMany({
    where: { teamId, siteId, status: { in: [...ACTIVE_STATUSES] } },
    select: { id: true },
  });
  let cancelled = 0;
  for (const { id } of active) {
    const res = await cancelRun(teamId, id, actor, reason);
    if (res.ok) cancelled++;
  }
  return cancelled;
}
