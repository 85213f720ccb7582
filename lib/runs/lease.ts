// Worker leases. A worker that claims a run holds a lease that its heartbeat keeps extending; a
// run whose lease lapsed (its worker died or hung) is failed with a reason, which frees its slot.
import { emitRunEvent } from "@/lib/runs/run-events";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import type { Run } from "@/lib/generated/prisma/client";

export function leaseSeconds(): number {
  return env().RUN_LEASE_SECONDS;
}

/** Heartbeats come three times per lease, so one late beat never loses a healthy run. */
export function heartbeatIntervalMs(): number {
  return Math.max(250, Math.floor((leaseSeconds() * 1000) / 3));
}

function leaseUntil(now = new Date()) {
  return new Date(now.getTime() + leaseSeconds() * 1000);
}

/**
 * Takes a queued run for this worker. Returns null when the run is no longer queued (cancelled,
 * or already taken): the conditional UPDATE is what makes "never run twice" hold.
 */
export async function claimRun(runId: string, workerId: string): Promise<Run | null> {
  const now = new Date();
  const { count } = await db.run.updateMany({
    where: { id: runId, status: "queued", executionMode: "cloud" },
    data: {
      status: "running",
      workerId,
      startedAt: now,
      heartbeatAt: now,
      leaseExpiresAt: leaseUntil(now),
    },
  });
  if (count === 0) return null;
  return db.run.findFirst({ where: { id: runId, workerId } });
}

/** Extends the lease. False when this worker no longer owns a running run (cancelled, reaped). */
export async function heartbeat(runId: string, workerId: string): Promise<boolean> {
  const now = new Date();
  const { count } = await db.run.updateMany({
    where: { id: runId, workerId, status: "running" },
    data: { heartbeatAt: now, leaseExpiresAt: leaseUntil(now) },
  });
  return count === 1;
}

/** Fails every running run whose lease has lapsed (optionally for one team). Returns their ids. */
export async function reapExpiredLeases(
  client: Tx | typeof db = db,
  scope: { teamId?: string } = {},
): Promise<string[]> {
  const now = new Date();
  const expired = await client.run.findMany({
    where: { status: "running", leaseExpiresAt: { lt: now }, ...(scope.teamId ? scope : {}) },
    select: { id: true, teamId: true, workerId: true, executionMode: true },
  });
  const reaped: string[] = [];
  for (const run of expired) {
    const who = run.executionMode === "agent" ? "agent" : "worker";
    const message = `The ${who} running this crawl stopped responding (no heartbeat within the ${leaseSeconds()} s lease); the run was failed and its slot freed.`;
    const { count } = await client.run.updateMany({
      where: { id: run.id, status: "running", leaseExpiresAt: { lt: now } },
      data: { status: "failed", error: message, finishedAt: now, leaseExpiresAt: null },
    });
    if (count === 1) {
      reaped.push(run.id);
      await client.runLog.create({
        data: { runId: run.id, teamId: run.teamId, level: "error", message },
      });
      await emitRunEvent(client, run.teamId, run.id, "run.failed");
      // Page batches a dead agent uploaded are of no further use.
      if (run.executionMode === "agent")
        await client.agentRunUpload.deleteMany({ where: { runId: run.id, teamId: run.teamId } });
    }
  }
  return [...reaped, ...(await failUnclaimedAgentRuns(client, scope, now))];
}

/**
 * Agent runs wait in `queued` for an agent of their pool; one that nobody claimed within
 * AGENT_QUEUE_TIMEOUT_SECONDS is failed with that reason, freeing its slot.
 */
async function failUnclaimedAgentRuns(
  client: Tx | typeof db,
  scope: { teamId?: string },
  now: Date,
): Promise<string[]> {
  const timeout = env().AGENT_QUEUE_TIMEOUT_SECONDS;
  const stale = await client.run.findMany({
    where: {
      status: "queued",
      executionMode: "agent",
      queuedAt: { lt: new Date(now.getTime() - timeout * 1000) },
      ...(scope.teamId ? scope : {}),
    },
    select: { id: true, teamId: true, agentPoolId: true },
  });
  const failed: string[] = [];
  for (const run of stale) {
    const pool = run.agentPoolId
      ? await client.agentPool.findFirst({
          where: { id: run.agentPoolId, teamId: run.teamId },
          select: { name: true },
        })
      : null;
    const minutes = timeout % 60 === 0 ? `${timeout / 60} min` : `${timeout} s`;
    const name = pool?.name ?? run.agentPoolId ?? "(deleted pool)";
    const message = `Waiting for an agent in pool ${name}: none picked up the run within ${minutes}, so it was failed and its slot freed.`;
    const { count } = await client.run.updateMany({
      where: { id: run.id, status: "queued" },
      data: { status: "failed", error: message, finishedAt: now },
    });
    if (count === 1) {
      failed.push(run.id);
      await client.runLog.create({
        data: { runId: run.id, teamId: run.teamId, level: "error", message },
      });
      await emitRunEvent(client, run.teamId, run.id, "run.failed");
    }
  }
  return failed;
}
