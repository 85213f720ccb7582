// customer.subscription.trial_will_end — Stripe's three-day notice: refresh the subscription and
// note it in the team's audit log, where owners see that the first charge is coming.
import { recordAudit } from "@/lib/audit/record";
import { syncSubscription } from "@/lib/billing/sync-subscription";
import { objectId, type EventHandler } from "./types";

export const handleTrialWillEnd: EventHandler = async (event, { stripe, tx }) => {
  const result = await syncSubscription(stripe, tx, objectId(event));
  if (result.outcome === "synced") {
    await recordAudit(
      {
        teamId: result.teamId,
        actor: { label: "Stripe" },
        action: "billing.trial_will_end",
        targetType: "subscription",
        targetId: result.subscriptionId,
      },
      tx,
    );
  }
  return result;
};
