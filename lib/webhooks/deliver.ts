// One attempt of one delivery (the graphile-worker task). The body is re-signed at send time with
// the team's current secrets, so a retry after a rotation carries the new signature (and the
// previous one while it is still valid). The outcome is written in one transaction with the next
// attempt's job, so a crash between them cannot lose or double a retry.
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import { enqueueDelivery } from "./queue";
import { DISABLE_AFTER_MS, retryDelayMs } from "./retry-schedule";
import type { WebhookSender } from "./send";
import { signatureHeader } from "./sign";

export type DeliverDeps = {
  send: WebhookSender;
  /** The HMAC keys to sign with now, newest first (lib/credentials/signing-secret). */
  signingKeys: (teamId: string, now: Date) => Promise<Buffer[]>;
  now?: () => Date;
  random?: () => number;
  /**
   * Called in the transaction that disabled an endpoint after 5 days of failures. The worker
   * records the notice there (lib/notices imports lib/webhooks, so it cannot be called from here).
   */
  onDisabled?: (tx: Tx, endpoint: DisabledEndpoint) => Promise<void>;
};

export type DisabledEndpoint = {
  id: string;
  teamId: string;
  url: string;
  disabledAt: Date;
  disabledReason: string | null;
};

export const DISABLED_REASON = "Every delivery failed for 5 days.";

export type AttemptOutcome = "delivered" | "retrying" | "failed" | "skipped";

export async function attemptDelivery(
  deliveryId: string,
  deps: DeliverDeps,
): Promise<AttemptOutcome> {
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { endpoint: true, event: true },
  });
  if (!delivery || delivery.status !== "pending") return "skipped";
  const { endpoint, event, teamId } = delivery;
  const attempt = delivery.attempts + 1;
  if (!endpoint.enabled && event.type !== "webhook.test") {
    await db.$transaction([
      db.webhookAttempt.create({
        data: { deliveryId, teamId, attempt, latencyMs: 0, error: "Endpoint disabled; not sent." },
      }),
      db.webhookDelivery.update({
        where: { id: deliveryId },
        data: { status: "failed", attempts: attempt, nextAttemptAt: null },
      }),
    ]);
    return "failed";
  }

  const now = deps.now?.() ?? new Date();
  const timestamp = Math.floor(now.getTime() / 1000);
  const keys = await deps.signingKeys(teamId, now).catch(() => null);
  // A secret this process cannot open (a worker started with another AUTH_SECRET than the web
  // server) is recorded as a failed attempt and retried, never sent unsigned.
  const result = keys
    ? await deps.send(
        endpoint.url,
        {
          "webhook-id": event.id,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": signatureHeader(keys, event.id, timestamp, event.payload),
        },
        event.payload,
      )
    : {
        statusCode: null,
        latencyMs: 0,
        body: "",
        error:
          "Not sent: the signing secret could not be read (is AUTH_SECRET the same on every worker?).",
      };
  const ok = result.error === null;
  const after = deps.now?.() ?? new Date();
  const delay = ok ? null : retryDelayMs(attempt, deps.random);
  const next = delay === null ? null : new Date(after.getTime() + delay);

  return db.$transaction(async (tx) => {
    // The endpoint (and with it this delivery) may have been deleted while we were sending.
    const { count: still } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, teamId, status: "pending", attempts: delivery.attempts },
      data: {
        attempts: attempt,
        status: ok ? "delivered" : next ? "pending" : "failed",
        deliveredAt: ok ? after : null,
        nextAttemptAt: next,
      },
    });
    if (still === 0) return "skipped";
    await tx.webhookAttempt.create({
      data: {
        deliveryId,
        teamId,
        attempt,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        responseBody: result.body || null,
        error: result.error,
      },
    });
    if (ok) {
      await tx.webhookEndpoint.updateMany({
        where: { id: endpoint.id, teamId, failingSince: { not: null } },
        data: { failingSince: null },
      });
      return "delivered";
    }
    if (next) await enqueueDelivery(tx, deliveryId, next);
    // Failing "since" the first failure after the last success; five days of that disables it.
    await tx.webhookEndpoint.updateMany({
      where: { id: endpoint.id, teamId, failingSince: null },
      data: { failingSince: after },
    });
    const since = endpoint.failingSince ?? after;
    if (endpoint.enabled && after.getTime() - since.getTime() >= DISABLE_AFTER_MS) {
      const { count } = await tx.webhookEndpoint.updateMany({
        where: { id: endpoint.id, teamId, enabled: true },
        data: {
          enabled: false,
          disabledAt: after,
          disabledReason: DISABLED_REASON,
        },
      });
      if (count === 1) {
        await deps.onDisabled?.(tx, {
          id: endpoint.id,
          teamId,
          url: endpoint.url,
          disabledAt: after,
          disabledReason: DISABLED_REASON,
        });
        await recordAudit(
          {
            teamId,
            actor: { label: "Signal Diff" },
            action: "webhook_endpoint.disabled",
            targetType: "webhook_endpoint",
            targetId: endpoint.id,
            metadata: { url: endpoint.url, failingSince: since.toISOString() },
          },
          tx,
        );
      }
    }
    return next ? "retrying" : "failed";
  });
}
