"use server";

// Actions of the built-in test-mode Checkout and billing portal pages.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { teamAction } from "@/lib/actions/team-action";
import {
  cancelTestCheckout,
  changeTestSubscription,
  payTestCheckout,
} from "@/lib/billing/test-mode/pages";

const sessionId = z.string().regex(/^cs_test_[A-Za-z0-9]+$/);

export const payTestCheckoutAction = teamAction(
  z.object({ sessionId }),
  { role: "admin" },
  async (input, ctx) => {
    redirect(await payTestCheckout(ctx.team.id, input.sessionId));
  },
);

export const cancelTestCheckoutAction = teamAction(
  z.object({ sessionId }),
  { role: "admin" },
  async (input, ctx) => {
    redirect(await cancelTestCheckout(ctx.team.id, input.sessionId));
  },
);

export const changeTestSubscriptionAction = teamAction(
  z.object({
    portalSessionId: z.string().regex(/^bps_[A-Za-z0-9]+$/),
    subscriptionId: z.string().regex(/^sub_[A-Za-z0-9]+$/),
    change: z.enum(["cancel_at_period_end", "resume", "advance_to_period_end", "fail_payment"]),
  }),
  { role: "admin" },
  async (input, ctx) => {
    const message = await changeTestSubscription({ teamId: ctx.team.id, ...input });
    revalidatePath(`/billing/test-portal/${input.portalSessionId}`);
    return { message };
  },
);
