import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import type { SyncOutcome } from "@/lib/billing/sync-subscription";

export type WebhookContext = { stripe: Stripe; tx: Tx };
export type EventOutcome = SyncOutcome;
export type EventHandler = (event: Stripe.Event, ctx: WebhookContext) => Promise<EventOutcome>;

/** The id of the object an event is about (every Stripe event's data.object has one). */
export function objectId(event: Stripe.Event): string {
  return (event.data.object as { id: string }).id;
}
