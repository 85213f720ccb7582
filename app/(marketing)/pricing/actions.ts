"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { teamAction } from "@/lib/actions/team-action";
import { recordAudit } from "@/lib/audit/record";
import { attemptIdSchema, createCheckout } from "@/lib/billing/checkout";
import { getStripe, requireBilling } from "@/lib/billing/stripe";
import { env } from "@/lib/env";

/** Start free trial / Subscribe: a Stripe Checkout session for the form's team. */
export const startCheckoutAction = teamAction(
  z.object({ attemptId: attemptIdSchema }),
  { role: "admin" },
  async ({ attemptId }, ctx) => {
    const { url, sessionId, trial } = await createCheckout(getStripe(), {
      team: ctx.team,
      role: ctx.role,
      userId: ctx.user.id,
      attemptId,
      appUrl: env().APP_URL,
      priceLookupKey: requireBilling().priceLookupKey,
    });
    await recordAudit({
      teamId: ctx.team.id,
      actor: { userId: ctx.user.id, label: ctx.user.email ?? "a team member" },
      action: "billing.checkout_started",
      targetType: "checkout_session",
      targetId: sessionId,
      metadata: { trial },
      request: ctx.request,
    });
    redirect(url);
  },
);
