// One graphile-worker job per delivery attempt. The job key is the delivery's, so a delivery has
// at most one job waiting; a retry is a new job with `run_at` in the future.
import { db, type Tx } from "@/lib/db";

export const WEBHOOK_TASK = "webhook_deliver";

export const JOB_KEY_PREFIX = "webhook:";

export const deliveryJobKey = (deliveryId: string) => `${JOB_KEY_PREFIX}${deliveryId}`;

/** Enqueues the next attempt of a delivery (in the caller's transaction when given one). */
export async function enqueueDelivery(
  tx: Pick<Tx, "$queryRaw">,
  deliveryId: string,
  runAt: Date,
): Promise<void> {
  await tx.$queryRaw`SELECT (graphile_worker.add_job(
      ${WEBHOOK_TASK}::text,
      json_build_object('deliveryId', ${deliveryId}::text),
      run_at := ${runAt}::timestamptz,
      max_attempts := 1,
      job_key := ${deliveryJobKey(deliveryId)}::text
    )).id::text AS id`;
}

/**
 * A delivery job is tried once (`max_attempts := 1`: retries are this code's own schedule), so a
 * worker killed mid-send would leave its job locked, and then never available again, with the
 * delivery pending for good. The worker's sweep calls this: webhook jobs locked longer than
 * `stalledAfterMs` (far beyond the 10 s send timeout), or failed by a throwing task that long
 * ago (so a task that keeps throwing is retried once per period, not in a loop), are deleted,
 * and their deliveries that are still pending get a job due now — unless one is already waiting
 * or running. At least once: the dead attempt wrote nothing, so the receiver may see it twice.
 */
export async function requeueStalledDeliveries(stalledAfterMs = 60_000): Promise<string[]> {
  const seconds = stalledAfterMs / 1000;
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH stuck AS (
      DELETE FROM graphile_worker._private_jobs j
      USING graphile_worker._private_tasks t
      WHERE t.id = j.task_id AND t.identifier = ${WEBHOOK_TASK}
        AND NOT j.is_available
        AND coalesce(j.locked_at, j.updated_at) < now() - make_interval(secs => ${seconds}::float8)
      RETURNING j.payload->>'deliveryId' AS "deliveryId")
    SELECT d.id, (graphile_worker.add_job(
        ${WEBHOOK_TASK}::text,
        json_build_object('deliveryId', d.id),
        run_at := now(),
        max_attempts := 1,
        job_key := ${JOB_KEY_PREFIX} || d.id
      )).id::text AS job
    FROM "WebhookDelivery" d
    WHERE d.id IN (SELECT "deliveryId" FROM stuck) AND d.status = 'pending'
      AND NOT EXISTS (
        SELECT 1 FROM graphile_worker._private_jobs w
        WHERE w.key = ${JOB_KEY_PREFIX} || d.id
          AND (w.is_available OR w.locked_at >= now() - make_interval(secs => ${seconds}::float8)))`;
  return rows.map((r) => r.id);
}

/** Takes a delivery's waiting job off the queue (the demo seed replays its attempts itself). */
export async function removeDeliveryJob(
  tx: Pick<Tx, "$queryRaw">,
  deliveryId: string,
): Promise<void> {
  await tx.$queryRaw`SELECT graphile_worker.remove_job(${deliveryJobKey(deliveryId)}::text)::text AS id`;
}
