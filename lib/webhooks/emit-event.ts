// Emitting an event: one statement records the event, one delivery per subscribed endpoint of the
// team, and one graphile-worker job per delivery — inside the caller's transaction when given one,
// so an event exists exactly when the change that caused it commits. A team without a matching
// endpoint gets nothing written.
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { MAX_PAYLOAD_BYTES, type WebhookEventType } from "./events";
import { JOB_KEY_PREFIX, WEBHOOK_TASK } from "./queue";

export type EmitInput = {
  teamId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
  /** Only this endpoint (test events), whether or not it subscribes to the type. */
  endpointId?: string;
  now?: Date;
};

export type EmitResult = { eventId: string | null; deliveries: number };

type Client = Pick<Tx, "$queryRaw">;

/** The Standard Webhooks message id (`webhook-id`), the same for every retry and resend. */
export const newMessageId = () => `msg_${randomBytes(18).toString("base64url")}`;

export async function emitEvent(client: Client = db, input: EmitInput): Promise<EmitResult> {
  const now = input.now ?? new Date();
  const payload = JSON.stringify({
    type: input.type,
    timestamp: now.toISOString(),
    data: input.data,
  });
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
    throw new DomainError(`A webhook payload may be at most ${MAX_PAYLOAD_BYTES / 1024} KB.`, {
      code: "payload_too_large",
    });
  }
  const id = newMessageId();
  const at = now.toISOString();
  const endpointId = input.endpointId ?? null;
  const rows = await client.$queryRaw<{ deliveries: number }[]>`
    WITH targets AS (
      SELECT e.id FROM "WebhookEndpoint" e
      WHERE e."teamId" = ${input.teamId}
        AND CASE WHEN ${endpointId}::text IS NULL
                 THEN e.enabled AND ${input.type}::text = ANY (e."eventTypes")
                 ELSE e.id = ${endpointId}::text END
    ), ev AS (
      INSERT INTO "WebhookEvent" (id, "teamId", type, payload, "createdAt")
      SELECT ${id}, ${input.teamId}, ${input.type}, ${payload},
             ${at}::timestamptz AT TIME ZONE 'UTC'
      WHERE EXISTS (SELECT 1 FROM targets)
      RETURNING id
    ), d AS (
      INSERT INTO "WebhookDelivery"
        (id, "teamId", "endpointId", "eventId", "nextAttemptAt", "createdAt", "updatedAt")
      SELECT 'wd' || replace(gen_random_uuid()::text, '-', ''), ${input.teamId}, t.id, ev.id,
             ${at}::timestamptz AT TIME ZONE 'UTC', ${at}::timestamptz AT TIME ZONE 'UTC',
             ${at}::timestamptz AT TIME ZONE 'UTC'
      FROM targets t CROSS JOIN ev
      RETURNING id
    )
    SELECT count(graphile_worker.add_job(
      ${WEBHOOK_TASK}::text,
      json_build_object('deliveryId', d.id),
      max_attempts := 1,
      job_key := ${JOB_KEY_PREFIX}::text || d.id
    ))::int AS deliveries FROM d`;
  const deliveries = rows[0]?.deliveries ?? 0;
  return { eventId: deliveries > 0 ? id : null, deliveries };
}
