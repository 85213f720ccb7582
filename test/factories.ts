// Rows for integration tests, made through the same code paths the product uses where one exists.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { createSite } from "@/lib/sites/sites";
import { createTeam } from "@/lib/teams/create-team";

export async function makeTeam(name = "Team") {
  const owner = await db.user.create({
    data: { email: `owner-${randomUUID()}@example.com`, name: "Owner" },
  });
  const team = await createTeam({ name, userId: owner.id });
  return { owner, team };
}

export async function makeSite(teamId: string, overrides: Record<string, unknown> = {}) {
  const res = await createSite(teamId, {
    name: "Example",
    startUrl: "http://127.0.0.1:9/",
    ...overrides,
  });
  if (!res.ok) throw new Error(`site: ${JSON.stringify(res.fieldErrors)}`);
  return res.site;
}

/** Gives the team an active paid CI key (subscription current for 30 days). */
export async function makePaid(teamId: string) {
  const sub = await db.subscription.create({
    data: {
      teamId,
      stripeSubscriptionId: `sub_${randomUUID()}`,
      stripeCustomerId: `cus_${randomUUID()}`,
      status: "active",
      currentPeriodStart: new Date(),
      currentPeriodEnd: new Date(Date.now() + 30 * 86400_000),
    },
  });
  return db.ciApiKey.create({
    data: {
      teamId,
      subscriptionId: sub.id,
      label: "ci",
      prefix: "sck_test00",
      secretHash: randomUUID(),
    },
  });
}
