// Shared fixtures for integration tests: users, teams, sites (through the product's own code
// paths where one exists) and paid subscriptions written directly with Prisma (the billing flow
// that normally creates subscriptions is tested on its own).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { createSite } from "@/lib/sites/sites";
import { createTeam } from "@/lib/teams/create-team";

export async function makeUser(name = "user") {
  return db.user.create({ data: { email: `${name}-${randomUUID()}@example.com`, name } });
}

export async function makeTeam(name = "Team") {
  const owner = await makeUser("owner");
  const team = await createTeam({ name, userId: owner.id });
  return { owner, team };
}

const DAY = 24 * 60 * 60 * 1000;

export async function makeSubscription(
  teamId: string,
  over: Partial<{
    status: string;
    currentPeriodEnd: Date | null;
    trialEnd: Date | null;
    endedAt: Date | null;
  }> = {},
) {
  const id = randomUUID().replace(/-/g, "");
  return db.subscription.create({
    data: {
      teamId,
      stripeSubscriptionId: `sub_test_${id}`,
      stripeCustomerId: `cus_test_${id}`,
      status: over.status ?? "active",
      currentPeriodStart: new Date(),
      currentPeriodEnd:
        over.currentPeriodEnd === undefined
          ? new Date(Date.now() + 30 * DAY)
          : over.currentPeriodEnd,
      trialEnd: over.trialEnd ?? null,
      endedAt: over.endedAt ?? null,
    },
  });
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
  const sub = await makeSubscription(teamId);
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
