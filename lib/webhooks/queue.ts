// One graphile-worker job per delivery attempt. The job key is the delivery's, so a delivery has
// at most one job waiting; a retry is a new job with `run_at` in the future.
import type { Tx } from "@/lib/db";

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

/** Takes a delivery's waiting job off the queue (the demo seed replays its attempts itself). */
export async function removeDeliveryJob(
  tx: Pick<Tx, "$queryRaw">,
  deliveryId: string,
): Promise<void> {
  await tx.$queryRaw`SELECT graphile_worker.remove_job(${deliveryJobKey(deliveryId)}::text)::text AS id`;
}
