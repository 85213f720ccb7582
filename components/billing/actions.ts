"use server";

// Billing actions shared by Pricing and Developers → API keys.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { teamAction } from "@/lib/actions/team-action";
import { recordAudit } from "@/lib/audit/record";
import { cancelSubscriptionAtPeriodEnd } from "@/lib/billing/cancel-subscription";
import { createPortalSession } from "@/lib/billing/portal";
import { getStripe } from "@/lib/billing/stripe";
import { env } from "@/lib/env";

/** Opens the Stripe billing portal (the Stripe test tool's portal without Stripe keys). */
export const openBillingPortalAction = teamAction(
  z.object({
    returnTo: z.enum(["/developers/api-keys", "/pricing"]).default("/developers/api-keys"),
  }),
  { role: "admin" },
  async ({ returnTo }, ctx) => {
    const url = await createPortalSession(getStripe(), {
      teamId: ctx.team.id,
      role: ctx.role,
      returnUrl: `${env().APP_URL}${returnTo}`,
    });
    redirect(url);
  },
);

/**
 * Cancel subscription (at the period end), offered for a subscription whose key was revoked: it
 * would otherwise keep billing for a key it can never get back. The row changes when Stripe's
 * webhook arrives; until then the card says the request was sent.
 */
export const cancelSubscriptionAction = teamAction(
  z.object({ subscriptionId: z.string().min(1).max(64) }),
  { role: "admin" },
  async ({ subscriptionId }, ctx) => {
    const { stripeSubscriptionId } = await cancelSubscriptionAtPeriodEnd(getStripe(), {
      teamId: ctx.team.id,
      role: ctx.role,
      subscriptionId,
    });
    await recordAudit({
      teamId: ctx.team.id,
      actor: { userId: ctx.user.id, label: ctx.user.email ?? "a team member" },
      action: "billing.cancel_requested",
      targetType: "subscription",
      targetId: stripeSubscriptionId,
      request: ctx.request,
    });
    revalidatePath("/developers/api-keys");
    return {
      message: "Cancellation sent to Stripe: the subscription ends at the end of its paid period.",
    };
  },
);
