// customer.subscription.created | updated | deleted — stores the subscription as Stripe has it
// now. Whatever order these arrive in, the last sync writes Stripe's latest state.
import { syncSubscription } from "@/lib/billing/sync-subscription";
import { objectId, type EventHandler } from "./types";

export const handleSubscriptionChanged: EventHandler = (event, { stripe, tx }) =>
  syncSubscription(stripe, tx, objectId(event));
