// The delivery log of an endpoint, Resend and Send test event. Every query carries the team.
import { db } from "@/lib/db";
import { notFound, rateLimited } from "@/lib/errors";
import { consumePoint, postgresLimiter, retryInWords } from "@/lib/rate-limit/postgres-limiter";
import { isPossibleId } from "@/lib/pg-text";
import { emitEvent } from "./emit-event";
import { getEndpoint } from "./endpoints";
import { enqueueDelivery } from "./queue";

export const DELIVERY_PAGE_SIZE = 25;

/**
 * Test events and Resends a team may start per minute: each is a POST from our workers to a URL
 * the team chose, so without a budget the API would fire requests at a third party on demand.
 */
export const MANUAL_SENDS_PER_MINUTE = 30;

async function spendManualSend(teamId: string) {
  const limiter = postgresLimiter("webhook_manual_send", MANUAL_SENDS_PER_MINUTE, 60);
  const spent = await consumePoint(limiter, teamId);
  if (!spent.ok) {
    throw rateLimited(
      `Too many test events and resends. Try again ${retryInWords(spent.retryAfterSeconds)}.`,
      spent.retryAfterSeconds,
    );
  }
}

export type DeliveryPage = { cursor?: string | null; limit?: number };

/** Newest first, with every attempt; `nextCursor` is the id to pass for the following page. */
export async function listDeliveries(teamId: string, endpointId: string, page: DeliveryPage = {}) {
  const endpoint = await getEndpoint(teamId, endpointId);
  if (!endpoint) throw notFound("Webhook endpoint not found.");
  const limit = Math.min(Math.max(page.limit ?? DELIVERY_PAGE_SIZE, 1), 100);
  const cursor = page.cursor && isPossibleId(page.cursor) ? page.cursor : null;
  const rows = await db.webhookDelivery.findMany({
    where: { teamId, endpointId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    include: {
      event: { select: { id: true, type: true } },
      attemptsLog: { orderBy: { attempt: "asc" } },
    },
  });
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { endpoint, items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>["items"][number];

/** Sends an event to an endpoint again as a new delivery (same `webhook-id`, fresh retries). */
export async function resendDelivery(teamId: string, deliveryId: string) {
  if (!isPossibleId(deliveryId)) throw notFound("Delivery not found.");
  const old = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, teamId },
    select: { endpointId: true, eventId: true },
  });
  if (!old) throw notFound("Delivery not found.");
  await spendManualSend(teamId);
  return db.$transaction(async (tx) => {
    const fresh = await tx.webhookDelivery.create({
      data: { teamId, endpointId: old.endpointId, eventId: old.eventId, nextAttemptAt: new Date() },
    });
    await enqueueDelivery(tx, fresh.id, new Date());
    return fresh;
  });
}

/** A `webhook.test` event to one endpoint (enabled or not), whatever it subscribes to. */
export async function sendTestEvent(teamId: string, endpointId: string) {
  const endpoint = await getEndpoint(teamId, endpointId);
  if (!endpoint) throw notFound("Webhook endpoint not found.");
  await spendManualSend(teamId);
  return emitEvent(db, {
    teamId,
    type: "webhook.test",
    endpointId: endpoint.id,
    data: { endpoint_id: endpoint.id, message: "A test event from Signal Diff." },
  });
}
