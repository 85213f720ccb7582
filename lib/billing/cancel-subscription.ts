// "Cancel subscription": asks Stripe to end one of the team's subscriptions at the end of its
// paid period. Our Subscription row is not touched here: Stripe's customer.subscription.updated
// webhook writes the new state (CONVENTIONS: subscription state is written by webhooks only).
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Role } from "@/lib/teams/roles";
import { assertCanManageBilling } from "./checkout";
import { subscriptionGrantsAccess } from "./state";

export async function cancelSubscriptionAtPeriodEnd(
  stripe: Stripe,
  input: { teamId: string; role: Role; subscriptionId: string; now?: Date },
): Promise<{ stripeSubscriptionId: string }> {
  assertCanManageBilling(input.role);
  const sub = await db.subscription.findFirst({
    where: { id: input.subscriptionId, teamId: input.teamId },
  });
  if (!sub) throw new DomainError("No such subscription in this team.", { code: "not_found" });
  if (!subscriptionGrantsAccess(sub, input.now ?? new Date()))
    throw new DomainError("This subscription has already ended.", { code: "conflict" });
  if (sub.cancelAtPeriodEnd)
    throw new DomainError("This subscription is already set to end at the end of its period.", {
      code: "conflict",
    });
  await stripe.subscriptions.update(
    sub.stripeSubscriptionId,
    { cancel_at_period_end: true },
    { idempotencyKey: `signal-diff:cancel:${sub.stripeSubscriptionId}` },
  );
  return { stripeSubscriptionId: sub.stripeSubscriptionId };
}
