// Receiving a Stripe webhook: verify the signature on the raw body, record the event id once, and
// dispatch to the event's handler inside one transaction — a handler that fails rolls the record
// back too, so Stripe's retry processes it again; a replay or a concurrent duplicate finds the
// committed record (or waits on it) and changes nothing.
import Stripe from "stripe";
import { z } from "zod";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { EVENT_HANDLERS } from "./webhooks";

/** Stripe's default tolerance: a signature older than five minutes is refused (replay attack). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type WebhookResult = {
  status: 200 | 400;
  body:
    | { received: true; status: "processed" | "duplicate" | "ignored"; reason?: string }
    | { error: { code: string; message: string } };
};

const eventShape = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9_]+$/),
  type: z.string().min(1).max(200),
  data: z.object({ object: z.object({ id: z.string().min(1) }).loose() }),
});

const refuse = (code: string, message: string): WebhookResult => ({
  status: 400,
  body: { error: { code, message } },
});

export async function receiveStripeWebhook(input: {
  payload: string;
  signature: string | null;
  secret: string;
  stripe: Stripe;
}): Promise<WebhookResult> {
  if (!input.signature)
    return refuse("missing_signature", "The Stripe-Signature header is missing.");
  let event: Stripe.Event;
  try {
    event = input.stripe.webhooks.constructEvent(
      input.payload,
      input.signature,
      input.secret,
      SIGNATURE_TOLERANCE_SECONDS,
    );
  } catch (error) {
    // By type as well as class: the client may come from another copy of the SDK than this file's.
    if (
      error instanceof Stripe.errors.StripeSignatureVerificationError ||
      (error instanceof Error &&
        "type" in error &&
        error.type === "StripeSignatureVerificationError")
    ) {
      logger.warn({ reason: error.message.split(".")[0] }, "Stripe webhook signature refused");
      return refuse("invalid_signature", "The webhook signature is invalid or too old.");
    }
    if (error instanceof SyntaxError)
      return refuse("invalid_json", "The webhook body is not JSON.");
    throw error;
  }
  if (!eventShape.safeParse(event).success)
    return refuse("invalid_event", "The webhook body is not a Stripe event.");

  const handler = EVENT_HANDLERS[event.type];
  if (!handler) {
    logger.info({ eventId: event.id, type: event.type }, "Stripe event type not handled");
    return {
      status: 200,
      body: { received: true, status: "ignored", reason: "unhandled_event_type" },
    };
  }

  return db.$transaction(
    async (tx) => {
      const inserted = await tx.$queryRaw<Array<{ id: string }>>`
        INSERT INTO "StripeEvent" (id, type, "receivedAt") VALUES (${event.id}, ${event.type}, now())
        ON CONFLICT (id) DO NOTHING RETURNING id`;
      if (inserted.length === 0) {
        logger.info({ eventId: event.id, type: event.type }, "Stripe event already processed");
        return {
          status: 200 as const,
          body: { received: true as const, status: "duplicate" as const },
        };
      }
      const outcome = await handler(event, { stripe: input.stripe, tx });
      await tx.stripeEvent.update({ where: { id: event.id }, data: { processedAt: new Date() } });
      logger.info(
        { eventId: event.id, type: event.type, outcome: outcome.outcome },
        "Stripe event processed",
      );
      return outcome.outcome === "synced"
        ? { status: 200 as const, body: { received: true as const, status: "processed" as const } }
        : {
            status: 200 as const,
            body: { received: true as const, status: "ignored" as const, reason: outcome.reason },
          };
    },
    { timeout: 30_000, maxWait: 15_000 },
  );
}
