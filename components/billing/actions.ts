"use server";

// Billing actions shared by Pricing and Developers → API keys.
import { redirect } from "next/navigation";
import { z } from "zod";
import { teamAction } from "@/lib/actions/team-action";
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
