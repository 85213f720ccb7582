// checkout.session.completed — links the subscription a checkout created to that checkout (the
// API keys page finds it by checkout_session_id) and stores its state.
import { syncSubscription } from "@/lib/billing/sync-subscription";
import { objectId, type EventHandler } from "./types";

export const handleCheckoutSessionCompleted: EventHandler = async (event, { stripe, tx }) => {
  const session = await stripe.checkout.sessions.retrieve(objectId(event));
  const subscriptionId =
    typeof session.subscription === "string" ? session.subscription : session.subscription?.id;
  if (session.mode !== "subscription" || !subscriptionId)
    return { outcome: "ignored", reason: "not_a_subscription_checkout" };
  return syncSubscription(stripe, tx, subscriptionId, {
    checkoutSessionId: session.id,
    expectedTeamId: session.client_reference_id,
  });
};
