// The job queue: graphile-worker on the same PostgreSQL database. Enqueuing is one SQL call,
// so it can happen inside the admission transaction; graphile-worker's trigger NOTIFYs listening
// workers when that transaction commits, so a run starts without waiting for a poll.
import { Logger, runMigrations } from "graphile-worker";
import type { Tx } from "@/lib/db";

export const CRAWL_TASK = "crawl_run";

/** The graphile job key of a run's crawl job (lets cancel remove a job no worker took yet). */
export function crawlJobKey(runId: string) {
  return `run:${runId}`;
}

/** Enqueues the cloud crawl of a run, in the caller's transaction. */
export async function enqueueCrawl(tx: Pick<Tx, "$queryRaw">, runId: string): Promise<void> {
  // max_attempts 1: a crawl is never retried by the queue. A worker that dies mid-run leaves the
  // run to the lease reaper (failed with a reason); a graceful shutdown re-enqueues explicitly.
  await tx.$queryRaw`SELECT (graphile_worker.add_job(
      ${CRAWL_TASK}::text,
      json_build_object('runId', ${runId}::text),
      max_attempts := 1,
      job_key := ${crawlJobKey(runId)}::text
    )).id::text AS id`;
}

/** PostgreSQL channel on which admission wakes the agents of a pool (payload: the pool id). */
export const AGENT_WORK_CHANNEL = "signaldiff_agent_work";

/** Wakes the long-polling agents of a pool when the caller's transaction commits. */
export async function notifyAgentWork(tx: Pick<Tx, "$queryRaw">, poolId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_notify(${AGENT_WORK_CHANNEL}, ${poolId}::text)::text AS n`;
}

/** Removes a run's crawl job if no worker has locked it yet (a no-op otherwise). */
export async function removeCrawlJob(tx: Pick<Tx, "$queryRaw">, runId: string): Promise<void> {
  await tx.$queryRaw`SELECT graphile_worker.remove_job(${crawlJobKey(runId)}::text)::text AS id`;
}

/** Installs or upgrades graphile-worker's own schema (idempotent). */
export async function installQueueSchema(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietLogger() });
}

/** graphile-worker's logger, reduced to warnings and errors (its info lines are noise here). */
export function quietLogger() {
  return new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") console.error(`[queue] ${message}`);
  });
}
