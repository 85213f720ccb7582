// The Stripe billing portal for a team: cancel, resume, payment methods, invoices.
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Role } from "@/lib/teams/roles";
import { assertCanManageBilling } from "./checkout";

export async function createPortalSession(
  stripe: Stripe,
  input: { teamId: string; role: Role; returnUrl: string },
): Promise<string> {
  assertCanManageBilling(input.role);
  const team = await db.team.findUnique({
    where: { id: input.teamId },
    select: { stripeCustomerId: true },
  });
  if (!team?.stripeCustomerId)
    throw new DomainError("This team has no billing account yet. Subscribe on Pricing first.");
  const session = await stripe.billingPortal.sessions.create({
    customer: team.stripeCustomerId,
    return_url: input.returnUrl,
  });
  return session.url;
}
